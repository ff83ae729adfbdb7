//! Acceptance on real files published by government sites (in ../shared/gold/train/files/,
//! too big to commit): the outline read from the original PDF or saved page finds the gold
//! units that the text version of the same document finds (≥ 95 %), and its text carries
//! the text version's 8-character shingles (≥ 97 %). Skipped with a message when the shared
//! folder is absent.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use duizhao::model::Document;

#[derive(serde::Deserialize)]
struct GoldUnit {
    doc: String,
    anchor: String,
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold/train");
    if p.join("alignment.json").is_file() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

fn fold(s: &str) -> String {
    duizhao::align::fold::matching_form(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Indices of the gold units of `doc` whose anchor starts a section of `d`.
fn found(gold: &[GoldUnit], doc: &str, d: &Document) -> HashSet<usize> {
    let sections: Vec<String> = d
        .sections
        .iter()
        .map(|s| fold(&format!("{}{}", s.heading, s.text)))
        .collect();
    gold.iter()
        .enumerate()
        .filter(|(_, g)| g.doc == doc)
        .filter(|(_, g)| {
            let a = fold(&g.anchor);
            sections.iter().any(|s| s.starts_with(&a))
        })
        .map(|(i, _)| i)
        .collect()
}

fn shingles(text: &str) -> HashSet<String> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    chars.windows(8).map(|w| w.iter().collect()).collect()
}

/// The shingles of each line of `text`, none across a line break: what a text carries
/// whatever order the lines of a table come in (pdftotext moves a table's narrow number
/// column into a block of its own; duizhao keeps each row's cells on its line).
fn line_shingles(text: &str) -> HashSet<String> {
    text.lines().flat_map(shingles).collect()
}

/// Share of `reference`'s shingles that `have` holds.
fn share(reference: &HashSet<String>, have: &HashSet<String>) -> f64 {
    reference.iter().filter(|s| have.contains(*s)).count() as f64 / reference.len().max(1) as f64
}

/// (gold units kept, shingles kept) of the binary file against its text version.
fn compare(dir: &Path, gold: &[GoldUnit], stem: &str, ext: &str, reference_text: &str) -> (f64, f64, Document) {
    let txt = format!("{stem}.txt");
    let reference = duizhao::load_path(&dir.join(&txt)).expect("text version loads");
    let original = duizhao::load_path(&dir.join("files").join(format!("{stem}.{ext}")))
        .unwrap_or_else(|e| panic!("{stem}.{ext}: {e}"));
    let want = found(gold, &txt, &reference);
    let got = found(gold, &txt, &original);
    let missing: Vec<&str> = want.difference(&got).map(|&i| gold[i].anchor.as_str()).collect();
    let units = want.intersection(&got).count() as f64 / want.len().max(1) as f64;
    let have = shingles(&original.text);
    let wanted = shingles(reference_text);
    let whole = share(&wanted, &have);
    // The file's own lines, as far as duizhao keeps them from the text version (not its
    // metadata block, page numbers or web boilerplate).
    let kept = shingles(&reference.text);
    let file_lines = std::fs::read_to_string(dir.join(&txt)).expect("text version");
    let lines: HashSet<String> = line_shingles(&file_lines)
        .into_iter()
        .filter(|s| kept.contains(s) && wanted.contains(s))
        .collect();
    let carried = share(&lines, &have);
    eprintln!(
        "{stem}.{ext}: {}/{} gold units the text finds; {:.1} % of its shingles within lines ({:.1} % across them); missing {missing:?}",
        want.intersection(&got).count(),
        want.len(),
        carried * 100.0,
        whole * 100.0
    );
    (units, carried, original)
}

#[test]
fn real_pdfs_keep_the_units_and_text_of_their_text_version() {
    let Some(dir) = shared() else { return };
    let gold: Vec<GoldUnit> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("alignment.json")).expect("gold")).expect("json");
    let mut failed = Vec::new();
    for stem in [
        "guojia_2015_dianzi_shangwu_peiyu_jingji_xindongli_yijian",
        "guojia_2017_xinxi_xiaofei_kuoda_shengji_zhidao_yijian",
        "guojia_2020_guoyou_qiye_shuzihua_zhuanxing_tongzhi",
    ] {
        // The text version as duizhao reads it: its gov.cn metadata block goes to the
        // metadata on both sides.
        let text = duizhao::load_path(&dir.join(format!("{stem}.txt"))).expect("text").text;
        let (units, carried, d) = compare(&dir, &gold, stem, "pdf", &text);
        if units < 0.95 {
            failed.push(format!("{stem}: {:.1} % of the gold units", units * 100.0));
        }
        if carried < 0.97 {
            failed.push(format!("{stem}: {:.1} % of the shingles", carried * 100.0));
        }
        assert!(
            d.warnings.iter().all(|w| !w.contains("no text layer")),
            "{stem}: {:?}",
            d.warnings
        );
    }
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn every_real_pdf_reads_without_radicals_or_page_furniture() {
    let Some(dir) = shared() else { return };
    let mut n = 0;
    for entry in std::fs::read_dir(dir.join("files")).expect("files") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        n += 1;
        let d = duizhao::load_path(&path).unwrap_or_else(|e| panic!("{e}"));
        let radicals: String = d
            .text
            .chars()
            .filter(|c| ('\u{2E80}'..='\u{2FD5}').contains(c))
            .collect();
        assert!(
            radicals.chars().count() <= 2,
            "{}: radicals left: {radicals}",
            path.display()
        );
        assert!(
            !d.text.contains('\u{FFFD}'),
            "{}: replacement characters",
            path.display()
        );
        assert!(!d.sections.is_empty(), "{}: no sections", path.display());
    }
    assert!(n >= 6, "expected the six real PDFs, found {n}");
}

/// Page furniture a saved government page wraps around its article (for this test only: the
/// reader finds the article by readability, not by these words).
const FURNITURE: &[&str] = &[
    "版权所有",
    "ICP备",
    "公网安备",
    "网站标识码",
    "分享到",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "当前位置",
    "您的位置",
    "高级搜索",
    "网站地图",
    "主办单位",
    "无障碍",
];

/// The article text of a text version: the text of its sections that gold units stand for
/// (a saved page's text version keeps the navigation on purpose; the article is what the
/// units are in).
fn article_text(gold: &[GoldUnit], doc: &str, d: &Document) -> String {
    let sections: Vec<String> = d
        .sections
        .iter()
        .map(|s| fold(&format!("{}{}", s.heading, s.text)))
        .collect();
    let mut out = String::new();
    for (i, s) in d.sections.iter().enumerate() {
        let is_unit = gold
            .iter()
            .filter(|g| g.doc == doc)
            .any(|g| sections[i].starts_with(&fold(&g.anchor)));
        if is_unit {
            out.push_str(&s.heading);
            out.push_str(&s.text);
            out.push('\n');
        }
    }
    out
}

#[test]
fn real_saved_pages_keep_the_units_and_article_text_of_their_text_version_without_furniture() {
    let Some(dir) = shared() else { return };
    let gold: Vec<GoldUnit> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("alignment.json")).expect("gold")).expect("json");
    for stem in [
        "guangdong_guangzhou_2022_jujia_shequ_yanglao_fuwu_guanli_banfa",
        "guangdong_guangzhou_2023_jiating_yisheng_qianyue_fuwu_shishi_fangan",
    ] {
        let reference = duizhao::load_path(&dir.join(format!("{stem}.txt"))).expect("text version loads");
        let article = article_text(&gold, &format!("{stem}.txt"), &reference);
        let (units, carried, d) = compare(&dir, &gold, stem, "html", &article);
        assert!(units >= 0.95, "{stem}: {:.1} % of the gold units", units * 100.0);
        assert!(
            carried >= 0.97,
            "{stem}: {:.1} % of the article's shingles",
            carried * 100.0
        );
        let left: Vec<&&str> = FURNITURE.iter().filter(|f| d.text.contains(**f)).collect();
        assert!(left.is_empty(), "{stem}: page furniture left: {left:?}");
    }
}
