//! PDF and saved web pages made in the test: a minimal PDF writer (CJK text in the
//! non-embedded STSong-Light with the UniGB-UCS2-H CMap, as ReportLab writes it; image-only
//! pages as scans), and small pages in GBK and UTF-8. What a user relies on: paragraphs
//! rebuilt, running headers and page numbers gone, the table of contents out of the outline,
//! table rows kept as rows, scans refused with the OCR message, mixed files read with a
//! warning naming the pages, folders imported with the rest listed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use duizhao::IngestError;

/// One text line to draw: x, y (from the top of an A4 page), font size, text.
type Run<'a> = (f64, f64, f64, &'a str);

/// A page: its lines, and whether it is a scan (one image, no text).
enum PageSpec<'a> {
    Text(Vec<Run<'a>>),
    Scan,
}

fn ucs2_hex(s: &str) -> String {
    s.encode_utf16().fold(String::new(), |mut out, u| {
        let _ = write!(out, "{u:04X}");
        out
    })
}

/// A PDF with the given pages (A4, 595 × 842 pt).
fn pdf(pages: &[PageSpec<'_>]) -> Vec<u8> {
    // Objects: 1 catalog, 2 pages, 3 font, 4 descendant font, 5 image, then per page: page, content.
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        String::new(), // pages, filled in below
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>"
            .to_owned(),
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>"
            .to_owned(),
        "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u{0}\u{7f}\u{7f}\u{0}\nendstream"
            .to_owned(),
    ];
    let mut kids = Vec::new();
    for page in pages {
        let content = match page {
            PageSpec::Text(runs) => {
                let mut c = String::new();
                for (x, y, size, text) in runs {
                    let _ = writeln!(c, "BT /F1 {size} Tf {x} {} Td <{}> Tj ET", 842.0 - y, ucs2_hex(text));
                }
                c
            }
            PageSpec::Scan => "q 500 0 0 700 50 70 cm /Im1 Do Q\n".to_owned(),
        };
        let page_no = objects.len() + 1;
        kids.push(format!("{page_no} 0 R"));
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 5 0 R >> >> /Contents {} 0 R >>",
            page_no + 1
        ));
        objects.push(format!("<< /Length {} >>\nstream\n{content}endstream", content.len()));
    }
    objects[1] = format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len());
    let mut out: Vec<u8> = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let mut x = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = writeln!(x, "{o:010} 00000 n ");
    }
    let _ = write!(
        x,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(x.as_bytes());
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// Lines of body text broken at 24 chars, at 12 pt from x = 72 (first lines indented 2 em).
fn body(paras: &[&str], y0: f64, out: &mut Vec<(f64, f64, f64, String)>) -> f64 {
    let mut y = y0;
    for p in paras {
        let chars: Vec<char> = p.chars().collect();
        for (i, chunk) in chars.chunks(24).enumerate() {
            let x = if i == 0 { 96.0 } else { 72.0 };
            out.push((x, y, 12.0, chunk.iter().collect()));
            y += 18.0;
        }
    }
    y
}

fn page_of(lines: &[(f64, f64, f64, String)]) -> PageSpec<'_> {
    PageSpec::Text(lines.iter().map(|(x, y, s, t)| (*x, *y, *s, t.as_str())).collect())
}

const P1: &str = "为加快发展数字经济，推动经济社会高质量发展，结合本市实际，制定本方案。";
const P2: &str = "到2025年，全市数字经济核心产业增加值占地区生产总值比重达到12%，建成5G基站3万个。";
const P3: &str = "加快建设新型基础设施，推进千兆光网覆盖，支持企业开展数字化改造，培育一批示范工厂。";

#[test]
fn a_pdf_gives_paragraphs_without_headers_page_numbers_or_its_table_of_contents() {
    let mut pages: Vec<Vec<(f64, f64, f64, String)>> = Vec::new();
    // Page 1: title and the table of contents.
    pages.push(vec![
        (150.0, 100.0, 18.0, "某市数字经济发展行动方案".to_owned()),
        (260.0, 140.0, 14.0, "目录".to_owned()),
        (72.0, 170.0, 12.0, "一、总体要求……………………………………2".to_owned()),
        (72.0, 190.0, 12.0, "二、主要任务……………………………………2".to_owned()),
    ]);
    let mut p2 = vec![(72.0, 120.0, 12.0, "一、总体要求".to_owned())];
    let y = body(&[P1, P2], 140.0, &mut p2);
    p2.push((72.0, y, 12.0, "二、主要任务".to_owned()));
    body(&[P3], y + 20.0, &mut p2);
    pages.push(p2);
    let mut p3 = vec![(72.0, 120.0, 12.0, "三、保障措施".to_owned())];
    body(&[P1], 140.0, &mut p3);
    pages.push(p3);
    // Every page: a running header and a page number.
    for (i, p) in pages.iter_mut().enumerate() {
        p.push((72.0, 40.0, 9.0, "某市人民政府文件".to_owned()));
        p.push((290.0, 800.0, 9.0, format!("- {} -", i + 1)));
    }
    let specs: Vec<PageSpec<'_>> = pages.iter().map(|p| page_of(p)).collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = duizhao::load_path(&write(dir.path(), "plan.pdf", &pdf(&specs))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.format, duizhao::model::SourceFormat::Pdf);
    let texts: Vec<&str> = d.text.lines().collect();
    assert!(texts.contains(&P1), "{texts:#?}");
    assert!(texts.contains(&P2), "{texts:#?}");
    assert!(texts.contains(&P3), "{texts:#?}");
    assert!(!d.text.contains("人民政府文件"), "{}", d.text);
    assert!(!d.text.contains("……"), "table of contents left: {}", d.text);
    assert!(!d.text.contains("- 1 -"), "{}", d.text);
    let tops: Vec<&str> = d
        .sections
        .iter()
        .filter(|s| s.parent.is_none())
        .map(|s| s.path.as_str())
        .collect();
    assert_eq!(tops, ["一", "二", "三"], "{:#?}", d.sections);
    assert_eq!(d.meta.title.as_deref(), Some("某市数字经济发展行动方案"));
    let targets = duizhao::targets::extract(&d);
    assert!(targets.iter().any(|t| t.text.contains("12%")), "{targets:#?}");
}

#[test]
fn an_indicator_table_stays_one_row_per_line() {
    let mut lines = vec![(72.0, 100.0, 12.0, "一、主要指标".to_owned())];
    for (y, row) in [
        (130.0, ["指标", "2020年", "2025年"]),
        (150.0, ["数字经济核心产业增加值占比", "8%", "12%"]),
    ] {
        for (x, cell) in [72.0, 330.0, 450.0].into_iter().zip(row) {
            lines.push((x, y, 12.0, cell.to_owned()));
        }
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let d = duizhao::load_path(&write(dir.path(), "t.pdf", &pdf(&[page_of(&lines)]))).unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<&str> = d.text.lines().collect();
    assert!(rows.contains(&"数字经济核心产业增加值占比\t8%\t12%"), "{rows:#?}");
}

#[test]
fn a_scan_is_refused_with_the_ocr_message_and_a_mixed_pdf_names_its_scanned_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let scan = write(dir.path(), "scan.pdf", &pdf(&[PageSpec::Scan, PageSpec::Scan]));
    let e = duizhao::load_path(&scan).expect_err("a scan has no text");
    let msg = e.to_string();
    assert!(msg.contains("scan.pdf"), "{msg}");
    assert!(
        msg.contains("scanned PDF without a text layer: run OCR on it first"),
        "{msg}"
    );

    let mut lines = vec![(72.0, 100.0, 12.0, "一、总体要求".to_owned())];
    body(&[P1, P2], 120.0, &mut lines);
    let mixed = pdf(&[page_of(&lines), PageSpec::Scan, page_of(&lines), PageSpec::Scan]);
    let d = duizhao::load_path(&write(dir.path(), "mixed.pdf", &mixed)).unwrap_or_else(|e| panic!("{e}"));
    assert!(d.text.contains(P2));
    assert!(
        d.warnings
            .iter()
            .any(|w| w.contains("2 of 4") && w.contains("page 2, 4")),
        "{:?}",
        d.warnings
    );
}

#[test]
fn broken_pdfs_give_a_message_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut lines = vec![(72.0, 100.0, 12.0, "一、总体要求".to_owned())];
    body(&[P1], 120.0, &mut lines);
    let good = pdf(&[page_of(&lines)]);
    for (name, bytes) in [
        ("not.pdf", b"hello, not a pdf".to_vec()),
        ("half.pdf", good[..good.len() / 3].to_vec()),
    ] {
        if let Err(e) = duizhao::load_path(&write(dir.path(), name, &bytes)) {
            assert!(e.to_string().contains(name), "{e}");
            assert!(
                matches!(e, IngestError::Pdf { .. } | IngestError::Empty { .. }),
                "{e:?}"
            );
        }
    }
}

const PAGE_FURNITURE: &[&str] = &["版权所有", "ICP备", "网站地图", "首页", "分享到"];

fn gov_page(article: &str, charset: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\
         <title>某市人民政府办公厅关于印发某市数字经济发展行动方案的通知_某市人民政府门户网站</title></head><body>\
         <div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/zwgk\">政务公开</a> &gt; <a>政策文件</a></div>\
         <div class=\"side\"><ul><li><a href=\"/1\">市领导</a></li><li><a href=\"/2\">机构职能</a></li><li><a href=\"/3\">政策解读</a></li></ul></div>\
         <table class=\"meta\"><tr><td>索引号：</td><td>11440100/2023-00331</td><td>发文机关：</td><td>某市人民政府办公厅</td></tr>\
         <tr><td>成文日期：</td><td>2023-10-19</td><td>发文字号：</td><td>某府办〔2023〕12号</td></tr>\
         <tr><td>发布日期：</td><td>2023-11-07</td><td>主题分类：</td><td>工业、交通</td></tr></table>\
         <div class=\"article\" id=\"zoom\">{article}</div>\
         <div class=\"share\">分享到：<a>微信</a><a>微博</a></div>\
         <div class=\"footer\"><p>版权所有：某市人民政府办公厅</p><p>粤ICP备05080000号</p><p><a>网站地图</a></p></div>\
         </body></html>"
    )
}

fn article() -> String {
    [
        "某市人民政府办公厅关于印发某市数字经济发展行动方案的通知",
        "各区人民政府，市政府各部门：",
        "现将《某市数字经济发展行动方案》印发给你们，请认真贯彻执行。",
        "一、总体要求",
        P1,
        "二、主要任务",
        P2,
        P3,
    ]
    .iter()
    .fold(String::new(), |mut s, p| {
        let _ = write!(s, "<p style=\"text-indent:2em\">{p}</p>");
        s
    })
}

#[test]
fn a_saved_gov_page_gives_the_article_and_its_metadata_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let utf8 = gov_page(&article(), "utf-8");
    let gbk_page = gov_page(&article(), "gb2312");
    let (gbk, _, _) = encoding_rs::GBK.encode(&gbk_page);
    for (name, bytes) in [("page.html", utf8.into_bytes()), ("page-gbk.htm", gbk.into_owned())] {
        let d = duizhao::load_path(&write(dir.path(), name, &bytes)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.format, duizhao::model::SourceFormat::Html);
        for p in [P1, P2, P3] {
            assert!(d.text.contains(p), "{name}: {}", d.text);
        }
        for f in PAGE_FURNITURE.iter().chain(&["市领导", "机构职能", "微博"]) {
            assert!(!d.text.contains(f), "{name}: furniture {f} left in {}", d.text);
        }
        assert_eq!(d.meta.doc_number.as_deref(), Some("某府办〔2023〕12号"), "{name}");
        assert_eq!(d.meta.date_issued.as_deref(), Some("2023-10-19"), "{name}");
        assert_eq!(d.meta.date_published.as_deref(), Some("2023-11-07"), "{name}");
        assert_eq!(d.meta.issuer.as_deref(), Some("某市人民政府办公厅"), "{name}");
        assert_eq!(d.meta.index_number.as_deref(), Some("11440100/2023-00331"), "{name}");
        assert_eq!(d.meta.subject.as_deref(), Some("工业、交通"), "{name}");
        assert_eq!(d.meta.title.as_deref(), Some("某市数字经济发展行动方案"), "{name}");
        let tops: Vec<&str> = d
            .sections
            .iter()
            .filter(|s| s.parent.is_none() && s.path != "preamble")
            .map(|s| s.path.as_str())
            .collect();
        assert!(tops.starts_with(&["一", "二"]), "{name}: {tops:?}");
    }
}

#[test]
fn a_folder_imports_everything_readable_and_lists_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("2023/附件")).expect("mkdir");
    let mut lines = vec![(72.0, 100.0, 12.0, "一、总体要求".to_owned())];
    body(&[P1], 120.0, &mut lines);
    write(root, "方案.txt", format!("一、总体要求\n{P1}").as_bytes());
    write(&root.join("2023"), "a.pdf", &pdf(&[page_of(&lines)]));
    write(&root.join("2023"), "scan.pdf", &pdf(&[PageSpec::Scan]));
    write(
        &root.join("2023/附件"),
        "page.html",
        gov_page(&article(), "utf-8").as_bytes(),
    );
    write(&root.join("2023/附件"), "表.xlsx", b"PK");
    let expanded = duizhao::ingest::folder::expand(&[root]);
    assert_eq!(expanded.files.len(), 4);
    assert_eq!(
        expanded.skipped_summary().as_deref(),
        Some("1 skipped: 1 × unsupported format .xlsx")
    );
    let (docs, errors) = duizhao::load_paths(&expanded.files);
    assert_eq!(docs.len(), 3, "{errors:?}");
    assert_eq!(errors.len(), 1);
    assert!(errors[0].to_string().contains("scan.pdf") && errors[0].to_string().contains("run OCR"));
}

#[test]
fn mutated_and_truncated_pdfs_and_pages_never_panic() {
    use proptest::prelude::*;
    let mut lines = vec![(72.0, 100.0, 12.0, "一、总体要求".to_owned())];
    body(&[P1, P2], 120.0, &mut lines);
    let good = pdf(&[page_of(&lines), PageSpec::Scan]);
    let page = gov_page(&article(), "utf-8").into_bytes();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 96,
        ..ProptestConfig::default()
    });
    runner
        .run(
            &(0..good.len(), any::<u8>(), 1..good.len(), 0..page.len(), any::<u8>()),
            |(at, byte, cut, hat, hbyte)| {
                let mut bytes = good.clone();
                bytes[at] = byte;
                for b in [&bytes[..], &good[..cut]] {
                    if let Ok(raw) = duizhao::ingest::read_bytes("m.pdf", duizhao::model::SourceFormat::Pdf, b) {
                        let _ = duizhao::outline::build(&raw, "m", "");
                    }
                }
                let mut html = page.clone();
                html[hat] = hbyte;
                for b in [&html[..], &page[..hat]] {
                    if let Ok(raw) = duizhao::ingest::read_bytes("m.html", duizhao::model::SourceFormat::Html, b) {
                        let _ = duizhao::outline::build(&raw, "m", "");
                    }
                }
                Ok(())
            },
        )
        .expect("never panics");
}
