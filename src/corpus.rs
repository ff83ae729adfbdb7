//! The bundled corpus: five real policy documents embedded in the binary, raw as published,
//! cleaned at load like any user file. The manifest gives only a stable id and a short label;
//! everything else is read from the text.

use crate::ingest::{self, IngestError};
use crate::model::{Document, SourceFormat};
use crate::outline;

/// One bundled file.
pub struct Bundled {
    pub id: &'static str,
    pub label: &'static str,
    pub file: &'static str,
    pub bytes: &'static [u8],
}

macro_rules! bundled {
    ($id:literal, $label:literal, $file:literal) => {
        Bundled {
            id: $id,
            label: $label,
            file: $file,
            bytes: include_bytes!(concat!("../assets/corpus/", $file)),
        }
    };
}

/// The bundled documents, in the order of the manifest (`assets/corpus/manifest.toml`
/// documents the same list for people; this table is what the binary embeds).
pub const BUNDLED: &[Bundled] = &[
    bundled!("anhui-2020", "安徽 2020", "anhui-2020-online-economy.txt"),
    bundled!("shanghai-2020", "上海 2020", "shanghai-2020-online-new-economy.txt"),
    bundled!("anhui-2024", "安徽 2024", "anhui-2024-digital-economy.txt"),
    bundled!("wuhu-2021", "芜湖 2021", "wuhu-2021-online-economy.txt"),
    bundled!("zhejiang-2020", "浙江 2020", "zhejiang-2020-new-business-forms.txt"),
];

/// Read one bundled document.
///
/// # Errors
/// Only if a bundled file were broken, which the tests rule out.
pub fn load_bundled(b: &Bundled) -> Result<Document, IngestError> {
    let raw = ingest::read_bytes(b.file, SourceFormat::Txt, b.bytes)?;
    Ok(outline::build(&raw, b.id, b.label))
}

/// All bundled documents, read in parallel (in their order).
///
/// # Panics
/// Never for the shipped corpus (a test loads every file).
#[must_use]
pub fn load_all() -> Vec<Document> {
    use rayon::prelude::*;
    BUNDLED.par_iter().filter_map(|b| load_bundled(b).ok()).collect()
}

/// An id from a file name: the stem, lower-cased, with anything but letters, digits and `-`
/// made `-`. Chinese names keep their characters.
#[must_use]
pub fn id_from_name(name: &str) -> String {
    let stem = std::path::Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned());
    let id: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if id.trim_matches('-').is_empty() {
        "doc".to_owned()
    } else {
        id
    }
}

/// `base`, or `base-2`, `base-3` … : the first id that `taken` says is free.
#[must_use]
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut id = base.to_owned();
    let mut n = 1;
    while taken(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// Give every document without a label one derived from its metadata
/// ([`crate::outline::meta::short_label`]: `上海 2020`), unique among `docs` and the labels
/// `taken`: where documents of different kinds would share one, each that has a kind says it
/// (`上海 2025 条例`, `上海 2025 行动方案`), and what is still shared gets a letter (`上海 2020b`, `上海
/// 2020c`, …); a document whose text gives neither its title nor its region is called by its
/// file name ([`label_from_file`]; `plan b`, `plan c`, …). Labels already set stay.
pub fn label_documents(docs: &mut [Document], taken: &[&str]) {
    let mut used: std::collections::HashSet<String> = taken.iter().map(|s| (*s).to_owned()).collect();
    used.extend(docs.iter().filter(|d| !d.label.is_empty()).map(|d| d.label.clone()));
    let short: Vec<Option<String>> = docs
        .iter()
        .map(|d| {
            (d.label.is_empty())
                .then(|| outline::meta::short_label(&d.meta))
                .flatten()
        })
        .collect();
    // The kinds of the documents sharing each short label: a kind tells them apart only
    // where they differ.
    let mut kinds: std::collections::HashMap<&str, std::collections::HashSet<Option<&str>>> =
        std::collections::HashMap::new();
    for (d, s) in docs.iter().zip(&short) {
        if let Some(s) = s {
            kinds.entry(s.as_str()).or_default().insert(d.meta.kind.as_deref());
        }
    }
    let bases: Vec<Option<String>> = docs
        .iter()
        .zip(&short)
        .map(|(d, s)| {
            let s = s.as_deref()?;
            let clash = kinds.get(s).is_some_and(|k| k.len() > 1) || used.contains(s);
            Some(match d.meta.kind.as_deref() {
                Some(kind) if clash => format!("{s} {kind}"),
                _ => s.to_owned(),
            })
        })
        .collect();
    for (d, base) in docs.iter_mut().zip(bases).filter(|(d, _)| d.label.is_empty()) {
        let (base, gap) = match base {
            Some(label) => (label, ""),
            None => (label_from_file(&d.source), " "),
        };
        let mut label = base.clone();
        let mut n = 1u32;
        while used.contains(&label) {
            n += 1;
            let letter = char::from_u32(u32::from(b'a') + n - 1).filter(char::is_ascii_lowercase);
            label = match letter {
                Some(c) => format!("{base}{gap}{c}"),
                None => format!("{base} ({n})"),
            };
        }
        used.insert(label.clone());
        d.label = label;
    }
}

/// How wide a label made from a file name may be, in columns (a Chinese character takes two):
/// about what a Compare column header or a Reuse matrix header shows.
pub const FILE_LABEL_COLUMNS: usize = 24;

/// A short label from a file name (or a path): the name without folder and extension, `_`
/// and runs of spaces made one space; when longer than [`FILE_LABEL_COLUMNS`], its start and
/// end around an ellipsis (`guangdong pr…plan 2023`), since names that share their
/// beginning differ at the end (a year, a version).
#[must_use]
pub fn label_from_file(source: &str) -> String {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    let stem = std::path::Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned());
    let words = stem.replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        return "document".to_owned();
    }
    let width = |c: &char| if *c >= '\u{2E80}' { 2 } else { 1 };
    if words.chars().map(|c| width(&c)).sum::<usize>() <= FILE_LABEL_COLUMNS {
        return words;
    }
    // One column for the ellipsis, the rest shared by the start and the end.
    let tail_room = (FILE_LABEL_COLUMNS - 1) / 2;
    let head_room = FILE_LABEL_COLUMNS - 1 - tail_room;
    let fit = |chars: &mut dyn Iterator<Item = char>, room: usize| -> Vec<char> {
        let mut used = 0;
        chars
            .take_while(|c| {
                used += width(c);
                used <= room
            })
            .collect()
    };
    let head: String = fit(&mut words.chars(), head_room).into_iter().collect();
    let tail: String = fit(&mut words.chars().rev(), tail_room).into_iter().rev().collect();
    // The end starts at a word: `plan 2023`, not `y plan 2023`.
    let cut_in_word = !words[..words.len() - tail.len()].ends_with(' ');
    let tail = match tail.split_once(' ') {
        Some((_, rest)) if cut_in_word => rest,
        _ => tail.trim_start(),
    };
    format!("{}…{tail}", head.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_becomes_a_short_readable_label() {
        assert_eq!(
            label_from_file("province_2023_topic_plan.txt"),
            "province 2023 topic plan"
        );
        assert_eq!(label_from_file("/home/me/政策/数字经济方案.docx"), "数字经济方案");
        assert_eq!(label_from_file("C:\\Users\\me\\a__b.pdf"), "a b");
        let long = label_from_file("/data/zhejiang_province_digital_economy_action_plan_2023_final.pdf");
        assert_eq!(long, "zhejiang pro…2023 final");
        let cjk = label_from_file("浙江省人民政府办公厅关于印发数字经济发展三年行动计划的通知2023.txt");
        assert!(cjk.starts_with("浙江省人民政") && cjk.ends_with("通知2023"), "{cjk}");
        for label in [&long, &cjk] {
            let columns: usize = label.chars().map(|c| if c >= '\u{2E80}' { 2 } else { 1 }).sum();
            assert!(columns <= FILE_LABEL_COLUMNS + 1, "{label}: {columns}");
        }
        assert_eq!(label_from_file("___.txt"), "document");
    }

    #[test]
    fn documents_without_title_or_region_are_labelled_by_their_file_uniquely() {
        let text = "一、发展在线教育\n建设教育专网。\n";
        let other = "一、发展远程医疗\n推广远程会诊。\n";
        let (docs, errors) = crate::load_many([
            (
                "/imports/guangdong_province_digital_economy_plan_2023.txt",
                SourceFormat::Txt,
                text.as_bytes(),
            ),
            (
                "/other/guangdong_province_digital_economy_plan_2023.txt",
                SourceFormat::Txt,
                other.as_bytes(),
            ),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        let labels: Vec<&str> = docs.iter().map(Document::display_name).collect();
        assert_eq!(labels, ["guangdong pr…plan 2023", "guangdong pr…plan 2023 b"]);
    }

    #[test]
    fn documents_of_one_place_and_year_are_told_apart_by_their_kind_then_by_a_letter() {
        let doc = |title: &str, body: &str| {
            format!(
                "{title}

2099年1月2日

一、总则
{body}
"
            )
        };
        let texts = [
            doc("浙江省数据条例", "为了规范数据，制定本条例。"),
            doc("浙江省数字经济行动方案", "推进数字经济。"),
            doc("浙江省人工智能行动方案", "推进人工智能。"),
            doc("杭州市数字经济行动方案", "推进数字经济。"),
        ];
        let paths = ["/d/a.txt", "/d/b.txt", "/d/c.txt", "/d/d.txt"];
        let (docs, errors) = crate::load_many(
            paths
                .iter()
                .zip(&texts)
                .map(|(p, t)| (*p, SourceFormat::Txt, t.as_bytes())),
        );
        assert!(errors.is_empty(), "{errors:?}");
        let labels: Vec<&str> = docs.iter().map(Document::display_name).collect();
        assert_eq!(
            labels,
            [
                "浙江 2099 条例",
                "浙江 2099 行动方案",
                "浙江 2099 行动方案b",
                "杭州 2099"
            ],
            "a label no other document shares stays short"
        );
    }
}
