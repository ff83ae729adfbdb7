//! Every export format read back: the passages, their order, the citation fields and the
//! targets are there, Chinese survives byte for byte, and failures leave no file behind.

use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;

use duizhao::align::{Aligner, Alignment, Taxonomy};
use duizhao::export::{self, ExportError, Format, Input, SectionRef, Selection};
use duizhao::model::Document;
use duizhao::targets::Target;

struct Fixture {
    docs: Vec<Document>,
    aligner: Aligner,
    alignment: Alignment,
    targets: Vec<Vec<Target>>,
}

static FIX: LazyLock<Fixture> = LazyLock::new(|| {
    let docs = duizhao::corpus::load_all();
    let aligner = Aligner::new(Taxonomy::builtin());
    let alignment = aligner.align(&docs);
    let targets = docs.iter().map(duizhao::targets::extract).collect();
    Fixture {
        docs,
        aligner,
        alignment,
        targets,
    }
});

fn input() -> Input<'static> {
    Input {
        docs: &FIX.docs,
        alignment: &FIX.alignment,
        taxonomy: &FIX.aligner.taxonomy,
        targets: &FIX.targets,
    }
}

/// Zhejiang's e-commerce item (two targets, one of them 2.6万亿元), then Shanghai's online
/// education item: the order a user arranged, not document order.
fn basket() -> Selection {
    Selection::Sections(vec![
        SectionRef {
            doc: "zhejiang-2020".into(),
            section: "二/(三)/13".into(),
        },
        SectionRef {
            doc: "shanghai-2020".into(),
            section: "二/10".into(),
        },
    ])
}

fn write(format: Format, selection: &Selection) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(format!("out.{}", format.extension()));
    let n = export::export(&path, format, false, &input(), selection).expect("export");
    assert!(n >= 2);
    (dir, path)
}

const ZJ_TITLE: &str = "浙江省数字赋能促进新业态新模式发展行动计划(2020—2022年)";
const SH_CITE: &str = "《上海市促进在线新经济发展行动方案(2020-2022年)》(沪府办发〔2020〕1号), 二/10 优化发展在线教育";

#[test]
fn csv_has_a_bom_the_columns_and_the_passages_in_order() {
    let (_d, path) = write(Format::Csv, &basket());
    let bytes = std::fs::read(&path).expect("read");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let mut r = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers = r.headers().expect("headers").clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), export::COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][3], ZJ_TITLE);
    assert_eq!(&rows[0][4], "浙江省人民政府办公厅");
    assert_eq!(&rows[0][7], "二/(三)/13");
    assert!(rows[0][10].contains("2.6万亿元"), "targets: {}", &rows[0][10]);
    assert_eq!(&rows[1][5], "沪府办发〔2020〕1号");
    assert_eq!(&rows[1][11], SH_CITE);
    assert_eq!(&rows[1][0], "在线教育");
    let original = FIX
        .docs
        .iter()
        .find(|d| d.id == "shanghai-2020")
        .and_then(|d| d.section("二/10"))
        .expect("s")
        .text
        .clone();
    assert_eq!(&rows[1][9], original, "Chinese text byte for byte");
}

#[test]
fn xlsx_has_passages_matrix_and_targets_sheets() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let (_d, path) = write(Format::Xlsx, &basket());
    let mut book: Xlsx<_> = open_workbook(&path).expect("opens as xlsx");
    assert_eq!(book.sheet_names(), ["Passages", "Matrix", "Targets"]);
    let passages = book.worksheet_range("Passages").expect("Passages");
    let cell = |r: u32, c: u32| passages.get_value((r, c)).map(ToString::to_string).unwrap_or_default();
    assert_eq!(cell(0, 0), "domain");
    assert_eq!(cell(1, 7), "二/(三)/13");
    assert_eq!(cell(2, 7), "二/10");
    assert_eq!(cell(2, 11), SH_CITE);
    let matrix = book.worksheet_range("Matrix").expect("Matrix");
    assert_eq!(
        matrix.get_value((0, 1)).map(ToString::to_string).as_deref(),
        Some("上海 2020")
    );
    let targets = book.worksheet_range("Targets").expect("Targets");
    let values: Vec<f64> = (1..targets.height() as u32)
        .filter_map(|r| match targets.get_value((r, 4)) {
            Some(Data::Float(v)) => Some(*v),
            _ => None,
        })
        .collect();
    assert!(values.contains(&2.6e12), "{values:?}");
}

#[test]
fn docx_has_a_table_per_domain_with_bold_targets_and_citations() {
    let (_d, path) = write(Format::Docx, &basket());
    let file = std::fs::File::open(&path).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("utf-8");
    assert_eq!(xml.matches("<w:tbl>").count(), 2, "one table per domain");
    assert!(xml.contains("优化发展在线教育"));
    assert!(xml.contains(&SH_CITE.replace('"', "&quot;")) || xml.contains(SH_CITE));
    // The target is a bold run of its own.
    let at = xml
        .find(">2.6万亿元<")
        .or_else(|| xml.find("2.6万亿元"))
        .expect("target text");
    let run_start = xml[..at].rfind("<w:r>").expect("run");
    assert!(xml[run_start..at].contains("<w:b "), "target run is bold");
}

#[test]
fn markdown_groups_by_domain_with_blockquotes_and_citations() {
    let (_d, path) = write(Format::Md, &basket());
    let md = std::fs::read_to_string(&path).expect("utf-8");
    let retail = md.find("# 线上零售与电子商务").expect("retail heading");
    let edu = md.find("# 在线教育").expect("education heading");
    assert!(retail < edu, "the user's order");
    assert!(md.contains("## 上海 2020 — 《上海市促进在线新经济发展行动方案(2020-2022年)》"));
    assert!(md.contains("> 推广线上线下深度融合"));
    assert!(md.contains(&format!("—— {SH_CITE}")));
}

#[test]
fn json_is_the_align_schema_restricted_to_the_selection() {
    let (_d, path) = write(Format::Json, &basket());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
    let sections = v["sections"].as_array().expect("sections");
    assert_eq!(sections.len(), 2);
    assert_eq!(sections[0]["section"], "二/(三)/13");
    assert_eq!(sections[1]["domain"], "education");
}

#[test]
fn documents_by_domains_are_ordered_by_domain_then_document() {
    let sel = Selection::Matrix {
        docs: vec!["zhejiang-2020".into(), "shanghai-2020".into()],
        domains: vec!["education".into(), "healthcare".into()],
    };
    let passages = export::resolve(&input(), &sel).expect("resolve");
    let got: Vec<(&str, &str)> = passages
        .iter()
        .map(|p| (p.doc.id.as_str(), p.domain.map_or("", |c| c.id.as_str())))
        .collect();
    let first_health = got.iter().position(|(_, d)| *d == "healthcare").expect("healthcare");
    assert!(got[..first_health].iter().all(|(_, d)| *d == "education"));
    assert_eq!(
        got[0].0, "zhejiang-2020",
        "within a domain, documents in the order asked for"
    );
    assert!(got.iter().any(|(d, _)| *d == "shanghai-2020"));
}

#[test]
fn failures_are_clear_and_leave_nothing_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.csv");
    std::fs::write(&path, "keep me").expect("write");
    let e = export::export(&path, Format::Csv, false, &input(), &basket()).expect_err("exists");
    assert!(matches!(e, ExportError::Exists(_)), "{e}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "keep me");
    export::export(&path, Format::Csv, true, &input(), &basket()).expect("--force replaces");
    let e = export::export(dir.path(), Format::Csv, true, &input(), &basket()).expect_err("a directory");
    assert!(e.to_string().contains(&dir.path().display().to_string()));
    let missing = dir.path().join("no/such/dir/out.xlsx");
    let e = export::export(&missing, Format::Xlsx, false, &input(), &basket()).expect_err("missing dir");
    assert!(e.to_string().contains("out.xlsx"), "{e}");
    let unknown = Selection::Sections(vec![SectionRef {
        doc: "nope".into(),
        section: "一".into(),
    }]);
    assert!(matches!(
        export::export(&dir.path().join("x.md"), Format::Md, false, &input(), &unknown),
        Err(ExportError::UnknownDocument(_))
    ));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["out.csv"], "no temp or partial files");
    assert!(!Path::new(&dir.path().join("x.md")).exists());
}

#[test]
fn the_cli_exports_a_selection_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("edu.xlsx");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "export",
            "-o",
            out.to_str().expect("path"),
            "--docs",
            "shanghai-2020,zhejiang-2020",
            "--domains",
            "education",
        ];
        args.extend_from_slice(extra);
        std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
            .args(&args)
            .output()
            .expect("runs")
    };
    let first = run(&[]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(out.exists());
    let again = run(&[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
    assert!(run(&["--force"]).status.success());
}
