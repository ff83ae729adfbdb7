//! Real-world files: the same document in every encoding and format gives the same outline,
//! and every kind of bad input gives a clear error naming the file — never a panic.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use duizhao::IngestError;
use duizhao::corpus::BUNDLED;
use duizhao::model::Document;

fn raw(id: &str) -> &'static [u8] {
    BUNDLED.iter().find(|b| b.id == id).expect("bundled").bytes
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write temp file");
    p
}

/// One section as a reader sees it: path, heading, text, units.
type SectionShape = (String, String, String, Vec<String>);

/// What a reader sees of an outline: its sections and metadata.
fn shape(d: &Document) -> (Vec<SectionShape>, duizhao::Meta) {
    (
        d.sections
            .iter()
            .map(|s| (s.path.clone(), s.heading.clone(), s.text.clone(), s.units.clone()))
            .collect(),
        d.meta.clone(),
    )
}

#[test]
#[allow(clippy::similar_names, reason = "utf16le / utf16be name the two byte orders")]
fn gbk_utf16_and_crlf_copies_give_the_identical_outline() {
    let dir = tempfile::tempdir().expect("tempdir");
    for id in ["shanghai-2020", "wuhu-2021"] {
        let text = std::str::from_utf8(raw(id)).expect("utf-8");
        let reference = duizhao::load_path(&write(dir.path(), "ref.txt", text.as_bytes())).expect("utf-8 loads");
        let crlf = text.replace('\n', "\r\n");
        let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&crlf);
        assert!(!unmappable);
        let mut utf16le = vec![0xFF, 0xFE];
        utf16le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(crlf.encode_utf16().flat_map(u16::to_be_bytes));
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend_from_slice(text.replace('\n', "\r").as_bytes());
        for (name, bytes) in [
            ("gbk.txt", gbk.to_vec()),
            ("le.txt", utf16le),
            ("be.txt", utf16be),
            ("bom-cr.txt", bom8),
            ("crlf.txt", crlf.into_bytes()),
        ] {
            let d = duizhao::load_path(&write(dir.path(), name, &bytes)).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(shape(&d), shape(&reference), "{id} as {name}");
            assert_eq!(d.text, reference.text, "{id} as {name}");
        }
    }
}

fn docx_bytes(lines: &[&str], heading_when: impl Fn(&str) -> bool) -> Vec<u8> {
    use docx_rs::{Docx, Paragraph, Run, Style, StyleType};
    let mut doc = Docx::new().add_style(Style::new("Heading1", StyleType::Paragraph).name("Heading 1"));
    for line in lines {
        let mut p = Paragraph::new().add_run(Run::new().add_text(*line));
        if heading_when(line) {
            p = p.style("Heading1");
        }
        doc = doc.add_paragraph(p);
    }
    let mut buf = Cursor::new(Vec::new());
    doc.build().pack(&mut buf).expect("docx packs");
    buf.into_inner()
}

#[test]
fn a_docx_made_from_a_document_gives_the_same_sections() {
    let dir = tempfile::tempdir().expect("tempdir");
    for id in ["shanghai-2020", "anhui-2024"] {
        let text = std::str::from_utf8(raw(id)).expect("utf-8");
        let reference = duizhao::load_path(&write(dir.path(), "ref.txt", text.as_bytes())).expect("txt");
        let lines: Vec<&str> = text.lines().collect();
        // Plain paragraphs, and the same with the top-level parts in Word's Heading 1 style.
        for styled in [false, true] {
            let bytes = docx_bytes(&lines, |l| {
                styled && l.starts_with(['一', '二', '三', '四']) && l.chars().nth(1) == Some('、')
            });
            let d = duizhao::load_path(&write(dir.path(), "doc.docx", &bytes)).expect("docx loads");
            let paths = |d: &Document| {
                d.sections
                    .iter()
                    .map(|s| (s.path.clone(), s.heading.clone(), s.text.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(paths(&d), paths(&reference), "{id} docx (styled: {styled})");
            assert_eq!(d.meta.title, reference.meta.title);
        }
    }
}

#[test]
fn docx_tables_and_heading_styles_without_numbers() {
    use docx_rs::{Docx, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};
    let cell = |t: &str| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(t)));
    let doc = Docx::new()
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("Heading 1"))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("在线教育"))
                .style("Heading1"),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("推广智慧课堂。")))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("在线医疗"))
                .style("Heading1"),
        )
        .add_table(Table::new(vec![TableRow::new(vec![
            cell("发展互联网医院。"),
            cell("到2025年建成50家。"),
        ])]));
    let mut buf = Cursor::new(Vec::new());
    doc.build().pack(&mut buf).expect("pack");
    let dir = tempfile::tempdir().expect("tempdir");
    let d = duizhao::load_path(&write(dir.path(), "t.docx", &buf.into_inner())).expect("loads");
    let got: Vec<(&str, &str)> = d.sections.iter().map(|s| (s.path.as_str(), s.text.as_str())).collect();
    assert_eq!(
        got,
        [
            ("在线教育", "推广智慧课堂。"),
            ("在线医疗", "发展互联网医院。\n到2025年建成50家。")
        ]
    );
}

fn error_of(path: &Path) -> IngestError {
    duizhao::load_path(path).expect_err("must be refused")
}

#[test]
fn bad_input_is_refused_with_the_file_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = docx_bytes(&["一、总体要求", "内容。"], |_| false);
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write(
                dir.path(),
                "noise.txt",
                &(0..4096u32)
                    .map(|i| (i.wrapping_mul(2_654_435_761) >> 13).to_le_bytes()[0])
                    .collect::<Vec<_>>(),
            ),
            "binary",
        ),
        (write(dir.path(), "empty.txt", b""), "empty"),
        (write(dir.path(), "blank.md", b" \n\r\n\t "), "empty"),
        (write(dir.path(), "truncated.docx", &good[..good.len() / 2]), "docx"),
        (
            write(
                dir.path(),
                "picture.docx",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06",
            ),
            "not a zip",
        ),
        (write(dir.path(), "notes.pdf", b"%PDF-1.4"), "not a readable PDF"),
        (write(dir.path(), "notes.odt", b"PK"), "unsupported format"),
        (write(dir.path(), "noext", b"text"), "unsupported format"),
        (dir.path().to_owned(), "directory"),
        (dir.path().join("missing.txt"), "cannot read"),
    ];
    for (path, expect) in cases {
        let e = error_of(&path);
        let msg = e.to_string();
        assert_eq!(e.path(), path.as_path());
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        assert!(msg.contains(expect), "{path:?}: {msg}");
    }
}

#[test]
fn loading_many_files_keeps_the_good_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.txt", "一、总体要求\n内容。".as_bytes());
    let bad = write(dir.path(), "b.docx", b"not a docx");
    let a2 = dir.path().join("sub");
    std::fs::create_dir(&a2).expect("mkdir");
    let a2 = write(&a2, "a.txt", "一、其他\n内容。".as_bytes());
    let (docs, errors) = duizhao::load_paths(&[a, bad, a2]);
    assert_eq!(docs.len(), 2);
    assert_eq!(errors.len(), 1);
    assert_eq!(docs[0].id, "a");
    assert_eq!(docs[1].id, "a-2", "two files of one name get distinct ids");
}

#[test]
fn a_word_foreword_heading_is_a_sibling_of_the_numbered_headings_after_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lines = [
        "某市推进某事实施方案",
        "前言",
        "为推进某事，制定本方案。",
        "一、总体要求",
        "推进某事。",
        "二、主要任务",
        "（一）加强领导",
        "内容。",
    ];
    let headings = ["前言", "一、总体要求", "二、主要任务"];
    let bytes = docx_bytes(&lines, |l| headings.contains(&l));
    let d = duizhao::load_path(&write(dir.path(), "plan.docx", &bytes)).expect("docx loads");
    let paths: Vec<&str> = d.sections.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        paths,
        ["前言", "一", "二", "二/(一)"],
        "the numbered parts are not inside 前言"
    );
    assert_eq!(d.section("前言").expect("foreword").text, "为推进某事，制定本方案。");
}
