//! Every export format read back: the passages, their order, the citation fields and the
//! targets are there, Chinese survives byte for byte, and failures leave no file behind.

#![allow(
    clippy::cast_possible_truncation,
    reason = "calamine addresses cells by u32; a test export has a few hundred rows and columns"
)]

use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;

use duizhao::align::{Aligner, Alignment, Taxonomy};
use duizhao::export::{self, ExportError, Format, Input, SectionRef, Selection};
use duizhao::model::{DocIx, Document, SecIx};
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

static NO_NOTES: duizhao::export::Notes = duizhao::export::Notes::new();

fn input() -> Input<'static> {
    Input {
        docs: &FIX.docs,
        alignment: &FIX.alignment,
        taxonomy: &FIX.aligner.taxonomy,
        targets: &FIX.targets,
        notes: &NO_NOTES,
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
    let done = export::export(&path, format, false, &input(), selection).expect("export");
    assert!(done.passages >= 2);
    assert!(done.warnings.is_empty(), "{:?}", done.warnings);
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
    let col = |name: &str| export::column(name).expect(name);
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][col("title")], ZJ_TITLE);
    assert_eq!(&rows[0][col("发文机关")], "浙江省人民政府办公厅");
    assert_eq!(&rows[0][col("section")], "二/(三)/13");
    assert!(
        rows[0][col("targets")].contains("2.6万亿元"),
        "targets: {}",
        &rows[0][col("targets")]
    );
    assert_eq!(&rows[1][col("文号")], "沪府办发〔2020〕1号");
    assert_eq!(&rows[1][col("citation")], SH_CITE);
    assert_eq!(&rows[1][col("domain")], "在线教育");
    assert_eq!(&rows[1][col("domain_id")], "education");
    assert_eq!(&rows[1][col("id")], "shanghai-2020:二/10");
    let original = FIX
        .docs
        .iter()
        .find(|d| d.id == "shanghai-2020")
        .and_then(|d| d.section("二/10"))
        .expect("s")
        .text
        .clone();
    assert_eq!(&rows[1][col("text")], original, "Chinese text byte for byte");
}

#[test]
fn xlsx_has_passages_matrix_and_targets_sheets() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let (_d, path) = write(Format::Xlsx, &basket());
    let mut book: Xlsx<_> = open_workbook(&path).expect("opens as xlsx");
    assert_eq!(
        book.sheet_names(),
        ["Passages", "Matrix", "Targets", "Crosstab 工具×领域", "Coding 编码表"]
    );
    let passages = book.worksheet_range("Passages").expect("Passages");
    let cell = |r: u32, c: &str| {
        passages
            .get_value((r, export::column(c).expect(c) as u32))
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    assert_eq!(cell(0, "id"), "id");
    assert_eq!(cell(1, "section"), "二/(三)/13");
    assert_eq!(cell(2, "section"), "二/10");
    assert_eq!(cell(2, "citation"), SH_CITE);
    let matrix = book.worksheet_range("Matrix").expect("Matrix");
    assert_eq!(
        matrix.get_value((0, 3)).map(ToString::to_string).as_deref(),
        Some("zhejiang-2020"),
        "documents in the basket's order"
    );
    assert_eq!(
        matrix.get_value((1, 4)).map(ToString::to_string).as_deref(),
        Some("上海 2020")
    );
    let targets = book.worksheet_range("Targets").expect("Targets");
    let values: Vec<f64> = (1..targets.height() as u32)
        .filter_map(|r| match targets.get_value((r, 7)) {
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
    assert_eq!(xml.matches("<w:tblHeader/>").count(), 2, "header rows repeat");
    assert!(xml.contains("优化发展在线教育"));
    assert!(xml.contains(&SH_CITE.replace('"', "&quot;")) || xml.contains(SH_CITE));
    // The target is a bold run of its own.
    let at = xml
        .find(">2.6万亿元<")
        .or_else(|| xml.find("2.6万亿元"))
        .expect("target text");
    let run_start = xml[..at].rfind("<w:r>").expect("run");
    assert!(xml[run_start..at].contains("<w:b/>"), "target run is bold");
}

#[test]
fn markdown_groups_by_domain_with_blockquotes_and_citations() {
    let (_d, path) = write(Format::Md, &basket());
    let md = std::fs::read_to_string(&path).expect("utf-8");
    let retail = md.find("# retail 线上零售与电子商务").expect("retail heading");
    let edu = md
        .find("# education 在线教育 Online education")
        .expect("education heading");
    assert!(retail < edu, "the user's order");
    assert!(md.contains("## 上海 2020 — 《上海市促进在线新经济发展行动方案(2020-2022年)》"));
    assert!(md.contains("> 推广线上线下深度融合"), "{md}");
    assert!(md.contains(&format!("—— {SH_CITE}")));
}

/// The ids of a JSON export's documents.
fn doc_ids(v: &serde_json::Value) -> Vec<&str> {
    v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["id"].as_str().expect("id"))
        .collect()
}

#[test]
fn json_is_the_align_schema_restricted_to_the_selection() {
    let (_d, path) = write(Format::Json, &basket());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
    assert_eq!(v["schema"], export::JSON_SCHEMA);
    let passages = v["passages"].as_array().expect("passages");
    assert_eq!(passages.len(), 2);
    assert_eq!(passages[0]["section"], "二/(三)/13");
    assert_eq!(passages[1]["domain"]["id"], "education");
    assert_eq!(passages[1]["citation"], SH_CITE);
    let docs = doc_ids(&v);
    assert_eq!(
        docs,
        ["zhejiang-2020", "shanghai-2020"],
        "only the selection's documents"
    );
    assert_eq!(v["documents"][1]["doc_number"], "沪府办发〔2020〕1号");
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
    assert!(String::from_utf8_lossy(&first.stderr).contains("passages written"));
    assert!(out.exists());
    let again = run(&[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
    assert!(run(&["--force"]).status.success());
}

// ---- Issue 12: long cells, concurrent exports, stale temp files, modes and symlinks ----

fn whole(doc: &str) -> Selection {
    Selection::Matrix {
        docs: vec![doc.into()],
        domains: Vec::new(),
    }
}

/// A document whose first item is longer than an Excel cell holds.
fn long_document(dir: &Path) -> Document {
    let long = "推进数字经济与实体经济深度融合，".repeat(2600); // 41,600 chars
    let text = format!("一、总体要求\n{long}\n二、保障措施\n加强组织领导，完善工作机制。\n");
    let path = dir.join("long-plan.txt");
    std::fs::write(&path, text).expect("write fixture");
    duizhao::load_path(&path).expect("loads")
}

#[test]
fn a_cell_too_long_for_excel_is_cut_with_a_marker_and_a_warning_and_the_rest_is_written() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = vec![long_document(dir.path())];
    let alignment = FIX.aligner.align(&docs);
    let targets: Vec<Vec<Target>> = docs.iter().map(duizhao::targets::extract).collect();
    let input = Input {
        docs: &docs,
        alignment: &alignment,
        taxonomy: &FIX.aligner.taxonomy,
        targets: &targets,
        notes: &NO_NOTES,
    };
    let path = dir.path().join("long.xlsx");
    let done = export::export(&path, Format::Xlsx, false, &input, &whole(&docs[0].id)).expect("written");
    assert_eq!(done.passages, 2);
    assert!(!done.warnings.is_empty());
    let w = &done.warnings[0];
    assert!(
        w.contains(&docs[0].id) && w.contains('一') && w.contains("32,767"),
        "{w}"
    );
    let mut book: Xlsx<_> = open_workbook(&path).expect("opens");
    let sheet = book.worksheet_range("Passages").expect("Passages");
    let text_col = export::column("text").expect("text") as u32;
    let cut = sheet.get_value((1, text_col)).expect("cell").to_string();
    assert!(cut.encode_utf16().count() <= export::CELL_LIMIT);
    let original = &docs[0].sections[0].text;
    let (kept, marker) = cut.rsplit_once("…[truncated: ").expect("a visible marker");
    let cut_chars: usize = marker
        .strip_suffix(" chars]")
        .expect("marker end")
        .parse()
        .expect("a count");
    assert!(original.starts_with(kept), "the beginning is kept as printed");
    assert_eq!(kept.chars().count() + cut_chars, original.chars().count());
    let other = sheet.get_value((2, text_col)).expect("second passage").to_string();
    assert_eq!(other, "加强组织领导，完善工作机制。");
    // The CSV keeps the text whole.
    let csv_path = dir.path().join("long.csv");
    let done = export::export(&csv_path, Format::Csv, false, &input, &whole(&docs[0].id)).expect("csv");
    assert!(done.warnings.is_empty());
    assert!(
        std::fs::read_to_string(&csv_path)
            .expect("utf-8")
            .contains(original.as_str())
    );
}

#[test]
fn of_eight_simultaneous_exports_to_one_new_file_exactly_one_succeeds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("race.csv");
    let barrier = std::sync::Barrier::new(8);
    let results: Vec<Result<export::Exported, ExportError>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                s.spawn(|| {
                    barrier.wait();
                    export::export(&path, Format::Csv, false, &input(), &basket())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("no panic")).collect()
    });
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(
        ok,
        1,
        "{:?}",
        results
            .iter()
            .map(|r| r.as_ref().err().map(ToString::to_string))
            .collect::<Vec<_>>()
    );
    assert!(
        results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .all(|e| matches!(e, ExportError::Exists(_)))
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["race.csv"], "no temp files left");
}

#[test]
fn temp_files_left_by_a_killed_export_are_removed_by_the_next_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let hours_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(2);
    let make = |name: &str, old: bool| {
        let p = dir.path().join(name);
        let f = std::fs::File::create(&p).expect("create");
        if old {
            f.set_modified(hours_ago).expect("set mtime");
        }
        p
    };
    // A pid above Linux's maximum: that writer is certainly gone.
    let stale = make(".duizhao-4194399-Ab12Cd.tmp", true);
    let fresh = make(".duizhao-4194399-Ef34Gh.tmp", false);
    let running = make(&format!(".duizhao-{}-Ij56Kl.tmp", std::process::id()), true);
    let not_ours = make(".other-4194399-x.tmp", true);
    export::export(&dir.path().join("out.md"), Format::Md, false, &input(), &basket()).expect("export");
    assert!(!stale.exists(), "an hour-old temp file of a gone writer is removed");
    assert!(fresh.exists(), "a recent one may belong to a running export");
    assert!(running.exists(), "this process is still running");
    assert!(not_ours.exists(), "other programs' files are left alone");
}

#[cfg(unix)]
#[test]
fn new_files_follow_the_umask_and_replaced_files_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    // What the umask makes of a new file, as any program creates it.
    let reference = dir.path().join("reference");
    std::fs::File::create(&reference).expect("create");
    let path = dir.path().join("new.csv");
    export::export(&path, Format::Csv, false, &input(), &basket()).expect("export");
    assert_eq!(mode(&path), mode(&reference), "new file: 0666 less the umask");
    let shared = dir.path().join("shared.csv");
    std::fs::write(&shared, "old").expect("write");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).expect("chmod");
    export::export(&shared, Format::Csv, true, &input(), &basket()).expect("--force");
    assert_eq!(mode(&shared), 0o664, "--force keeps the file's mode");
    assert!(std::fs::read(&shared).expect("read").starts_with(b"\xEF\xBB\xBF"));
}

#[cfg(unix)]
#[test]
fn a_symlink_is_written_through_and_a_dangling_one_counts_as_existing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().join("real.csv");
    std::fs::write(&real, "old").expect("write");
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink("real.csv", &link).expect("symlink");
    assert!(matches!(
        export::export(&link, Format::Csv, false, &input(), &basket()),
        Err(ExportError::Exists(_))
    ));
    export::export(&link, Format::Csv, true, &input(), &basket()).expect("--force");
    assert!(
        std::fs::symlink_metadata(&link).expect("meta").file_type().is_symlink(),
        "the link stays"
    );
    assert!(
        std::fs::read(&real).expect("read").starts_with(b"\xEF\xBB\xBF"),
        "the file it names is replaced"
    );

    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink("gone.csv", &dangling).expect("symlink");
    assert!(matches!(
        export::export(&dangling, Format::Csv, false, &input(), &basket()),
        Err(ExportError::Exists(_))
    ));
    assert!(!dir.path().join("gone.csv").exists());
    export::export(&dangling, Format::Csv, true, &input(), &basket()).expect("--force");
    assert!(dir.path().join("gone.csv").is_file(), "written where the link points");
    assert!(
        std::fs::symlink_metadata(&dangling)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
}

// ---- Issue 18: provenance in every format, files that open clean, research tables ----

fn all() -> Selection {
    Selection::Matrix {
        docs: Vec::new(),
        domains: Vec::new(),
    }
}

fn doc(id: &str) -> &'static Document {
    FIX.docs.iter().find(|d| d.id == id).expect("bundled document")
}

/// The expected provenance of a passage id, from the model (not from the exporter).
fn expected_row(id: &str) -> Vec<(&'static str, String)> {
    let (d, s) = id.split_once(':').expect("doc:section");
    let d = doc(d);
    let di = FIX.docs.iter().position(|x| x.id == d.id).expect("index");
    let si = d.sections.iter().position(|x| x.id == s).expect("section");
    let leaf = FIX.alignment.leaf_index(DocIx(di), SecIx(si)).expect("leaf");
    let cat = |scheme: usize| {
        FIX.alignment.schemes[scheme].assignments[leaf]
            .primary
            .map(|c| FIX.aligner.taxonomy.schemes[scheme].categories[c].clone())
    };
    let (domain, tool) = (cat(0), cat(1));
    let m = &d.meta;
    vec![
        ("doc_id", d.id.clone()),
        ("document", d.display_name().to_owned()),
        ("title", m.title.clone().unwrap_or_default()),
        ("发文机关", m.issuer.clone().unwrap_or_default()),
        ("文号", m.doc_number.clone().unwrap_or_default()),
        ("成文日期", m.date_issued.clone().unwrap_or_default()),
        ("发布日期", m.date_published.clone().unwrap_or_default()),
        ("region", m.region.clone().unwrap_or_default()),
        ("heading", d.sections[si].heading.clone()),
        ("text", d.sections[si].text.clone()),
        ("domain_id", domain.as_ref().map(|c| c.id.clone()).unwrap_or_default()),
        (
            "domain_en",
            domain.as_ref().map_or_else(|| "No category".into(), |c| c.en.clone()),
        ),
        ("tool_id", tool.as_ref().map(|c| c.id.clone()).unwrap_or_default()),
        (
            "tool_group",
            tool.as_ref().and_then(|c| c.group.clone()).unwrap_or_default(),
        ),
        ("citation", duizhao::citation::cite(d, &d.sections[si])),
    ]
}

#[test]
fn csv_and_xlsx_carry_full_provenance_for_every_passage_of_the_corpus() {
    use calamine::{Reader, Xlsx, open_workbook};
    let (_d, csv_path) = write(Format::Csv, &all());
    let bytes = std::fs::read(&csv_path).expect("read");
    let mut r = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), FIX.alignment.leaves.len(), "every leaf of the corpus");
    let id_col = export::column("id").expect("id");
    for row in &rows {
        for (name, want) in expected_row(&row[id_col]) {
            assert_eq!(row[export::column(name).expect(name)], want, "{} {name}", &row[id_col]);
        }
        assert!(
            &row[export::column("section").expect("s")] != "preamble",
            "前言, not preamble"
        );
    }
    let (_d, xlsx_path) = write(Format::Xlsx, &all());
    let mut book: Xlsx<_> = open_workbook(&xlsx_path).expect("opens");
    let sheet = book.worksheet_range("Passages").expect("Passages");
    for r in 1..sheet.height() as u32 {
        let get = |c: &str| {
            sheet
                .get_value((r, export::column(c).expect(c) as u32))
                .map(ToString::to_string)
                .unwrap_or_default()
        };
        for (name, want) in expected_row(&get("id")) {
            assert_eq!(get(name), want, "{} {name}", get("id"));
        }
    }
    // Every Targets row joins a Passages row by id.
    let ids: std::collections::HashSet<String> = (1..sheet.height() as u32)
        .map(|r| sheet.get_value((r, 0)).expect("id").to_string())
        .collect();
    let targets = book.worksheet_range("Targets").expect("Targets");
    for r in 1..targets.height() as u32 {
        assert!(ids.contains(&targets.get_value((r, 0)).expect("id").to_string()));
    }
}

#[test]
fn json_export_has_its_own_schema_with_provenance_restricted_to_the_selection() {
    let sel = Selection::Matrix {
        docs: vec!["anhui-2020".into(), "shanghai-2020".into()],
        domains: vec!["education".into(), "healthcare".into()],
    };
    let (_d, path) = write(Format::Json, &sel);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
    assert_eq!(v["schema"], "duizhao-export/1");
    assert!(v["exported_at"].as_str().expect("time").starts_with("20"));
    let docs = doc_ids(&v);
    assert_eq!(docs, ["anhui-2020", "shanghai-2020"]);
    let passages = v["passages"].as_array().expect("passages");
    let ids: Vec<&str> = passages.iter().map(|p| p["id"].as_str().expect("id")).collect();
    for p in passages {
        let id = p["id"].as_str().expect("id");
        for (name, want) in expected_row(id) {
            let got = match name {
                "doc_id" => p["doc"].clone(),
                "domain_id" => p["domain"]["id"].clone(),
                "tool_id" => p["tool"]["id"].clone(),
                "tool_group" => p["tool"]["group"].clone(),
                "heading" | "text" | "citation" => p[name].clone(),
                _ => continue,
            };
            assert_eq!(got.as_str().unwrap_or_default(), want, "{id} {name}");
        }
        assert!(["education", "healthcare"].contains(&p["domain"]["id"].as_str().expect("domain")));
        for c in p["counterparts"].as_array().expect("counterparts") {
            assert!(
                ids.contains(&c["id"].as_str().expect("id")),
                "counterparts stay in the selection"
            );
        }
        assert_eq!(p["note"], "");
        assert!(p["targets"].is_array());
    }
    let d = &v["documents"][1];
    assert_eq!(d["doc_number"], "沪府办发〔2020〕1号");
    assert_eq!(d["label"], "上海 2020");
    let matrix = &v["matrix"];
    assert_eq!(matrix["docs"], serde_json::json!(["anhui-2020", "shanghai-2020"]));
    let rows: Vec<&str> = matrix["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["domain"].as_str().expect("domain"))
        .collect();
    assert_eq!(rows, ["education", "healthcare"], "only the selection's domains");
    let in_matrix: usize = matrix["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .flat_map(|r| r["cells"].as_array().expect("cells"))
        .map(|c| c.as_array().expect("cell").len())
        .sum();
    assert_eq!(in_matrix, passages.len());
}

/// The XML of one part of a zip file.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("a zip");
    let mut xml = String::new();
    zip.by_name(name).expect(name).read_to_string(&mut xml).expect("utf-8");
    xml
}

#[test]
fn xlsx_opens_clean_row_heights_number_formats_years_print_setup() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let (_d, path) = write(Format::Xlsx, &whole("zhejiang-2020"));
    let sheet1 = part(&path, "xl/worksheets/sheet1.xml");
    let rows_with_height = sheet1.matches("customHeight=\"1\"").count();
    assert!(rows_with_height >= 10, "row heights stored: {rows_with_height}");
    assert!(sheet1.contains("orientation=\"landscape\""));
    assert!(sheet1.contains("fitToHeight=\"0\""), "fit to width");
    assert!(
        part(&path, "xl/workbook.xml").contains("_xlnm.Print_Titles"),
        "header row repeated"
    );
    assert!(
        part(&path, "xl/styles.xml").contains("#,##0"),
        "number format for values"
    );
    let mut book: Xlsx<_> = open_workbook(&path).expect("opens");
    let targets = book.worksheet_range("Targets").expect("Targets");
    let header: Vec<String> = (0..targets.width() as u32)
        .map(|c| targets.get_value((0, c)).expect("h").to_string())
        .collect();
    assert_eq!(header, export::TARGET_COLUMNS);
    let col = |n: &str| header.iter().position(|h| h == n).expect(n) as u32;
    let mut seen = std::collections::HashSet::new();
    for r in 1..targets.height() as u32 {
        match targets.get_value((r, col("year"))) {
            None | Some(Data::Empty | Data::Float(_) | Data::Int(_)) => {}
            Some(other) => panic!("year must be numeric or empty, got {other:?}"),
        }
        assert!(matches!(targets.get_value((r, col("every_year"))), Some(Data::Bool(_))));
        assert!(matches!(targets.get_value((r, col("value"))), Some(Data::Float(_))));
        let unit = targets.get_value((r, col("unit"))).expect("unit").to_string();
        assert!(!unit.is_empty(), "an unknown unit says so");
        let key: Vec<String> = ["doc_id", "as printed", "value", "unit", "year", "metric"]
            .iter()
            .map(|c| {
                targets
                    .get_value((r, col(c)))
                    .map(ToString::to_string)
                    .unwrap_or_default()
            })
            .collect();
        assert!(
            seen.insert(key.clone()),
            "a target stated twice in one document is listed once: {key:?}"
        );
    }
    let stated: usize = FIX.targets[FIX.docs.iter().position(|d| d.id == "zhejiang-2020").expect("zj")].len();
    assert!(seen.len() < stated, "Zhejiang's summary repeats its opening targets");
}

#[test]
fn matrix_keeps_documents_with_no_passage_and_names_domains_three_ways() {
    use calamine::{Reader, Xlsx, open_workbook};
    // Find a domain one bundled document has no passage in.
    let scheme = &FIX.aligner.taxonomy.schemes[0];
    let counts = |doc: usize, cat: usize| {
        FIX.alignment
            .leaves
            .iter()
            .enumerate()
            .filter(|(i, l)| l.doc.get() == doc && FIX.alignment.schemes[0].assignments[*i].primary == Some(cat))
            .count()
    };
    let (cat, empty_doc, full_doc) = (0..scheme.categories.len())
        .find_map(|c| {
            let empty = (0..FIX.docs.len()).find(|&d| counts(d, c) == 0)?;
            let full = (0..FIX.docs.len()).find(|&d| counts(d, c) > 0)?;
            Some((c, empty, full))
        })
        .expect("a domain some document lacks");
    let sel = Selection::Matrix {
        docs: vec![FIX.docs[full_doc].id.clone(), FIX.docs[empty_doc].id.clone()],
        domains: vec![scheme.categories[cat].id.clone()],
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("m.xlsx");
    export::export(&path, Format::Xlsx, false, &input(), &sel).expect("export");
    let mut book: Xlsx<_> = open_workbook(&path).expect("opens");
    let m = book.worksheet_range("Matrix").expect("Matrix");
    let get = |r: u32, c: u32| m.get_value((r, c)).map(ToString::to_string).unwrap_or_default();
    assert_eq!(
        get(0, 4),
        FIX.docs[empty_doc].id,
        "the document with no passage keeps its column"
    );
    assert_eq!(get(2, 4), "0");
    assert_eq!(get(2, 3), counts(full_doc, cat).to_string());
    let c = &scheme.categories[cat];
    assert_eq!(
        [get(2, 0), get(2, 1), get(2, 2)],
        [c.id.clone(), c.zh.clone(), c.en.clone()]
    );
}

#[test]
fn docx_tables_have_the_same_columns_absence_marked_landscape_fonts_and_properties() {
    let (_d, path) = write(Format::Docx, &all());
    let xml = part(&path, "word/document.xml");
    let tables: Vec<&str> = xml.split("<w:tbl>").skip(1).collect();
    assert!(tables.len() > 5);
    let header_of = |t: &str| -> Vec<String> {
        let head = &t[..t.find("</w:tr>").expect("header row")];
        head.split("<w:tc>")
            .skip(1)
            .map(|c| {
                c.split("<w:t xml:space=\"preserve\">")
                    .nth(1)
                    .and_then(|x| x.split('<').next())
                    .unwrap_or("")
                    .to_owned()
            })
            .collect()
    };
    let first = header_of(tables[0]);
    assert_eq!(first.len(), FIX.docs.len(), "one column per document of the selection");
    for t in &tables {
        assert_eq!(header_of(t), first, "the same columns in the same order in every table");
        assert!(t.contains("<w:tblHeader/>"));
    }
    assert!(xml.contains(">—<"), "a document with no passage in a domain shows —");
    assert!(xml.contains("w:orient=\"landscape\""), "five columns: landscape");
    assert!(!xml.contains(">preamble"), "前言 in Chinese contexts");
    let styles = part(&path, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"zh-CN\"") && styles.contains("w:eastAsia=\"SimSun\""));
    let core = part(&path, "docProps/core.xml");
    assert!(core.contains("<dc:creator>duizhao</dc:creator>"));
    assert!(!core.contains("1970-01-01"));
    // Two documents: portrait.
    let (_d, small) = write(Format::Docx, &basket());
    assert!(!part(&small, "word/document.xml").contains("landscape"));
}

#[test]
fn docx_columns_follow_the_sections_order() {
    let (_d, path) = write(Format::Docx, &basket());
    let xml = part(&path, "word/document.xml");
    let zj = xml.find(">浙江 2020").expect("zhejiang column");
    let sh = xml.find(">上海 2020").expect("shanghai column");
    assert!(zj < sh, "the basket put Zhejiang first");
}

#[test]
fn markdown_keeps_the_line_breaks_of_a_section() {
    let with_break = FIX
        .docs
        .iter()
        .flat_map(|d| d.leaves().map(move |(_, s)| (d, s)))
        .find(|(_, s)| s.text.contains('\n'))
        .expect("a section with a line break");
    let sel = Selection::Sections(vec![SectionRef {
        doc: with_break.0.id.clone(),
        section: with_break.1.id.clone(),
    }]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("x.md");
    export::export(&path, Format::Md, false, &input(), &sel).expect("export");
    let md = std::fs::read_to_string(&path).expect("read");
    let lines: Vec<&str> = with_break.1.text.lines().filter(|l| !l.is_empty()).collect();
    let (a, b) = (
        lines[0].chars().take(8).collect::<String>(),
        lines[1].chars().take(8).collect::<String>(),
    );
    let (ia, ib) = (md.find(&a).expect("first line"), md.find(&b).expect("second line"));
    assert!(md[ia..ib].contains("\n>\n> "), "a paragraph break between the lines");
}

fn read_blocks(bytes: &[u8]) -> Vec<Vec<Vec<String>>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[3..]);
    let mut blocks = vec![Vec::new()];
    for rec in r.records() {
        let rec: Vec<String> = rec.expect("record").iter().map(str::to_owned).collect();
        if rec.iter().all(String::is_empty) {
            blocks.push(Vec::new());
        } else {
            blocks.last_mut().expect("block").push(rec);
        }
    }
    blocks
}

#[test]
fn the_crosstab_of_the_corpus_equals_the_alignment_counted_independently() {
    let (_d, path) = write(Format::Crosstab, &all());
    let blocks = read_blocks(&std::fs::read(&path).expect("read"));
    assert_eq!(
        blocks.len(),
        FIX.docs.len() + 1,
        "one block per document and the pooled one"
    );
    let pooled = blocks.last().expect("pooled");
    assert!(
        pooled[0][0].contains("pooled") && pooled[1][0].contains("上海 2020"),
        "{:?}",
        &pooled[..2]
    );
    let header = &pooled[2];
    let tax = &FIX.aligner.taxonomy;
    // Independent count: (tool id, domain id) over every leaf of the alignment.
    let mut want: std::collections::HashMap<(String, String), usize> = std::collections::HashMap::new();
    for i in 0..FIX.alignment.leaves.len() {
        let name = |s: usize| {
            FIX.alignment.schemes[s].assignments[i]
                .primary
                .map_or(String::new(), |c| tax.schemes[s].categories[c].id.clone())
        };
        *want.entry((name(1), name(0))).or_default() += 1;
    }
    let mut checked = 0;
    for row in &pooled[3..] {
        let tool = &row[1];
        if tool.is_empty() {
            continue; // group subtotals and totals
        }
        for (c, h) in header.iter().enumerate().skip(3) {
            let Some(domain) = h
                .split(' ')
                .next()
                .filter(|d| tax.schemes[0].category_index(d).is_some())
            else {
                continue;
            };
            let got: usize = row[c].parse().expect("a count");
            assert_eq!(
                got,
                want.get(&(tool.clone(), domain.to_owned())).copied().unwrap_or(0),
                "{tool} × {domain}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
    let total_row = pooled
        .iter()
        .find(|r| r.get(2).is_some_and(|x| x == "合计 total"))
        .expect("totals");
    let total_col = header.iter().position(|h| h == "合计 total").expect("total column");
    assert_eq!(total_row[total_col], FIX.alignment.leaves.len().to_string());
}

#[test]
fn the_coding_table_numbers_every_item_file_chapter_article() {
    let (_d, path) = write(Format::Coding, &all());
    let blocks = read_blocks(&std::fs::read(&path).expect("read"));
    let rows = &blocks[0];
    assert_eq!(rows[0][0], "编码 code");
    assert_eq!(rows.len() - 1, FIX.alignment.leaves.len());
    let codes: std::collections::HashSet<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(codes.len(), rows.len() - 1, "codes are unique");
    // Shanghai is the n-th document; its 二/10 is item 10 of part 二 (the 2nd, after no preamble).
    let n = FIX.docs.iter().position(|d| d.id == "shanghai-2020").expect("sh") + 1;
    let sh = doc("shanghai-2020");
    let top: Vec<&duizhao::Section> = sh
        .sections
        .iter()
        .filter(|s| s.parent.is_none() && s.path != "preamble")
        .collect();
    let two = top.iter().position(|s| s.path == "二").expect("二") + 1;
    let row = rows.iter().find(|r| r[1] == "shanghai-2020:二/10").expect("二/10");
    assert_eq!(row[0], format!("{n}-{two}-10"));
}

/// The `project.qde` of a .qdpx file, checked against the REFI-QDA schema when xmllint
/// and the schema are there (written to `dir` for xmllint).
fn validated_qde(path: &Path, dir: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("a zip");
    let mut qde = String::new();
    zip.by_name("project.qde")
        .expect("project.qde")
        .read_to_string(&mut qde)
        .expect("utf-8");
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/design/refi-qda/Project.xsd");
    let qde_path = dir.join("project.qde");
    std::fs::write(&qde_path, &qde).expect("write qde");
    match std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(&qde_path)
        .output()
    {
        Ok(out) if xsd.exists() => assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr)),
        Ok(_) => eprintln!("skipped schema validation: {} not found", xsd.display()),
        Err(e) => eprintln!("skipped schema validation: xmllint not available ({e})"),
    }
    qde
}

#[test]
fn qdpx_validates_and_its_selections_slice_the_sections_and_count_the_alignment() {
    let (dir, path) = write(Format::Qdpx, &all());
    let qde = validated_qde(&path, dir.path());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("a zip");
    // Read every selection back and slice the source text it points into.
    let attr = |el: &str, name: &str| -> String {
        let key = format!(" {name}=\"");
        let at = el.find(&key).unwrap_or_else(|| panic!("{name} in {el}")) + key.len();
        el[at..].split('"').next().expect("value").to_owned()
    };
    let mut coded: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut selections = 0;
    for source in qde.split("<TextSource ").skip(1) {
        let head = &source[..source.find('>').expect("tag")];
        let entry = attr(head, "plainTextPath").replace("internal://", "Sources/");
        let mut text = String::new();
        zip.by_name(&entry)
            .expect("source text")
            .read_to_string(&mut text)
            .expect("utf-8");
        let d = FIX
            .docs
            .iter()
            .find(|d| d.text == text)
            .expect("the document's cleaned text");
        assert!(
            source.contains(&format!("<TextValue>{}</TextValue>", d.id)),
            "doc_id variable"
        );
        for sel in source.split("<PlainTextSelection ").skip(1) {
            let head = &sel[..sel.find('>').expect("tag")];
            let (start, end): (usize, usize) = (
                attr(head, "startPosition").parse().expect("start"),
                attr(head, "endPosition").parse().expect("end"),
            );
            let sliced = duizhao::text::char_slice(&text, start, end);
            let s = d
                .leaves()
                .map(|(_, s)| s)
                .find(|s| s.range.start == start && s.range.end == end)
                .expect("a leaf section");
            assert_eq!(sliced, d.slice(s.range));
            assert!(sliced.ends_with(s.text.as_str()), "the section's text, exactly");
            let body = &sel[..sel.find("</PlainTextSelection>").expect("end")];
            for c in body.split("<CodeRef targetGUID=\"").skip(1) {
                *coded.entry(c.split('"').next().expect("guid").to_owned()).or_default() += 1;
            }
            selections += 1;
        }
    }
    assert_eq!(selections, FIX.alignment.leaves.len());
    let tax = &FIX.aligner.taxonomy;
    for (si, scheme) in tax.schemes.iter().enumerate() {
        for (ci, c) in scheme.categories.iter().enumerate() {
            let want = FIX.alignment.schemes[si]
                .assignments
                .iter()
                .filter(|a| a.primary == Some(ci))
                .count();
            let got = coded.get(&export::code_guid(scheme, &c.id)).copied().unwrap_or(0);
            assert_eq!(got, want, "{} {}", scheme.id, c.id);
        }
    }
}

#[test]
fn every_format_name_reads_back_and_is_what_settings_store() {
    for f in Format::NAMED {
        assert_eq!(Format::from_name(f.name()), Some(f));
        assert_eq!(serde_json::to_string(&f).ok(), Some(format!("\"{}\"", f.name())));
    }
    assert_eq!(Format::from_name("pdf"), None);
}

/// A researcher's note on a section goes out with that passage in every format that has room
/// for it: the csv/xlsx `note` column, the Markdown quote, the docx cell and the JSON field.
#[test]
fn notes_travel_with_their_passages() {
    let sh = doc("shanghai-2020");
    let at = sh.sec_key(sh.section_ix("二/10").expect("二/10")).expect("key");
    let notes: duizhao::export::Notes = [(at, "与浙江同一措辞".to_owned())].into();
    let input = Input {
        notes: &notes,
        ..input()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    for format in [Format::Csv, Format::Md, Format::Json, Format::Docx] {
        let path = dir.path().join(format!("n.{}", format.extension()));
        export::export(&path, format, false, &input, &basket()).expect("export");
        let text = if format == Format::Docx {
            part(&path, "word/document.xml")
        } else {
            std::fs::read_to_string(&path).expect("utf-8")
        };
        assert_eq!(
            text.matches("与浙江同一措辞").count(),
            1,
            "{format:?}: once, on its passage"
        );
    }
    // REFI-QDA: a Note, referred to from the passage's selection, valid against the schema.
    let path = dir.path().join("n.qdpx");
    export::export(&path, Format::Qdpx, false, &input, &basket()).expect("export");
    let qde = validated_qde(&path, dir.path());
    let note = qde.find("<Notes><Note guid=\"").expect("a Notes element");
    let guid = qde[note + "<Notes><Note guid=\"".len()..]
        .split('"')
        .next()
        .expect("guid");
    assert!(qde[note..].contains("<PlainTextContent>与浙江同一措辞</PlainTextContent>"));
    let referring: Vec<&str> = qde
        .split("<PlainTextSelection ")
        .skip(1)
        .filter(|sel| sel.contains(&format!("<NoteRef targetGUID=\"{guid}\"/>")))
        .collect();
    assert_eq!(referring.len(), 1, "one selection refers to it");
    assert!(referring[0].contains("二/10"), "the noted section's selection");
    let csv_path = dir.path().join("n.csv");
    let bytes = std::fs::read(&csv_path).expect("csv");
    let mut rows = csv::Reader::from_reader(&bytes[3..]);
    let note_col = export::column("note").expect("note column");
    let notes_by_section: Vec<(String, String)> = rows
        .records()
        .map(|r| {
            let r = r.expect("row");
            (
                r[export::column("section").expect("section")].to_owned(),
                r[note_col].to_owned(),
            )
        })
        .collect();
    assert_eq!(
        notes_by_section,
        [
            ("二/(三)/13".to_owned(), String::new()),
            ("二/10".to_owned(), "与浙江同一措辞".to_owned())
        ]
    );
}

// ---- Issue 18: the charts — their figures equal the alignment's and the targets' counts made
// independently here, the SVG is well-formed with every name as text, and the PNG is the same
// picture at print resolution with the Chinese names drawn.

use duizhao::export::chart::{self, Chart, Kind};
use duizhao::targets::Deadline;

fn made(kind: Kind) -> Chart {
    let input = input();
    let all = Selection::Matrix {
        docs: Vec::new(),
        domains: Vec::new(),
    };
    let selected = duizhao::export::select(&input, &all).expect("selection");
    let blocks = duizhao::export::tables::crosstab(&input, &selected);
    chart::chart(kind, &input, &selected, &blocks)
}

#[test]
fn domain_coverage_counts_each_documents_sections_per_domain() {
    let c = made(Kind::Domains);
    let scheme = &FIX.aligner.taxonomy.schemes[0];
    assert_eq!(c.layers.len(), FIX.docs.len(), "a layer per document");
    for (b, name) in c.bars.iter().enumerate() {
        let cat = scheme.categories.iter().position(|x| &x.zh == name).expect("a domain");
        for (d, layer) in c.layers.iter().enumerate() {
            let expected = FIX
                .alignment
                .leaves
                .iter()
                .zip(&FIX.alignment.schemes[0].assignments)
                .filter(|(l, a)| l.doc.get() == d && a.primary == Some(cat))
                .count();
            #[allow(clippy::cast_precision_loss)]
            let expected = expected as f64;
            assert!(
                (layer.values[b] - expected).abs() < 1e-9,
                "{name} in {}: {} vs {expected}",
                layer.name,
                layer.values[b]
            );
        }
        assert!(c.total(b) > 0.0, "only domains some document covers");
    }
    assert!(c.bars.len() > 10 && c.horizontal);
}

#[test]
fn deadlines_count_the_dated_targets_per_year() {
    let c = made(Kind::Deadlines);
    let mut years: Vec<u16> = c.bars.iter().map(|y| y.parse().expect("a year")).collect();
    let sorted = {
        let mut v = years.clone();
        v.sort_unstable();
        v
    };
    assert_eq!(years, sorted, "in year order");
    // Every dated target of an aligned leaf section counts once, in its year.
    for (b, &y) in years.iter().enumerate() {
        let expected = FIX
            .targets
            .iter()
            .enumerate()
            .flat_map(|(d, ts)| ts.iter().map(move |t| (d, t)))
            .filter(|(d, t)| {
                t.year == Some(Deadline::Year(y)) && FIX.alignment.leaf_index(DocIx(*d), t.section_ix).is_some()
            })
            .count();
        #[allow(clippy::cast_precision_loss)]
        let expected = expected as f64;
        assert!(
            (c.total(b) - expected).abs() < 1e-9,
            "{y}: {} vs {expected}",
            c.total(b)
        );
    }
    years.dedup();
    assert_eq!(years.len(), c.bars.len(), "a bar per year");
    assert!(
        !years.is_empty() && (0..c.bars.len()).all(|b| c.total(b) > 0.0),
        "{years:?}"
    );
}

#[test]
fn the_tool_chart_has_a_bar_per_document_and_a_layer_per_tool_group() {
    let c = made(Kind::Tools);
    assert_eq!(c.bars.len(), FIX.docs.len());
    let groups: Vec<&str> = c.layers.iter().map(|l| l.name.as_str()).collect();
    for g in ["供给型", "环境型", "需求型"] {
        assert!(groups.iter().any(|n| n.contains(g)), "{groups:?}");
    }
    assert!((0..c.bars.len()).all(|b| c.total(b) > 0.0));
}

fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect()
}

#[test]
fn the_svg_is_well_formed_and_names_every_bar_and_layer() {
    for kind in Kind::ALL {
        let c = made(kind);
        let svg = chart::svg(&c);
        let texts = texts(&svg);
        assert!(texts.contains(&c.title), "{kind:?}: title");
        for name in c.bars.iter().chain(c.layers.iter().map(|l| &l.name)) {
            assert!(texts.contains(name), "{kind:?}: {name} is printed");
        }
    }
}

#[test]
fn the_png_is_the_chart_at_print_resolution_with_its_chinese_names_drawn() {
    let c = made(Kind::Domains);
    let bytes = chart::png(&c, 300.0).expect("a PNG");
    let img = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("decodes");
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (w, h) = (
        (chart::WIDTH * 300.0 / 96.0).round() as u32,
        (chart::HEIGHT * 300.0 / 96.0).round() as u32,
    );
    assert_eq!((img.width(), img.height()), (w, h));
    // The bar names (domain names, Chinese only) are drawn left of the plot: dark pixels there.
    let dark_in = |x0: u32, x1: u32, y0: u32, y1: u32| {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                img.pixel(x, y)
                    .is_some_and(|p| p.red() < 100 && p.green() < 100 && p.blue() < 100)
            })
            .count()
    };
    let names = dark_in(w / 40, w * 15 / 100, h / 10, h * 9 / 10);
    assert!(names > 2_000, "the Chinese bar names are drawn ({names} dark pixels)");
    // And nothing where the page is empty (the bottom-right corner).
    assert_eq!(dark_in(w - w / 20, w, h - h / 20, h), 0);
}

#[test]
fn more_layers_than_colours_gather_the_smallest_into_other_keeping_every_total() {
    let input = input();
    let all = Selection::Matrix {
        docs: Vec::new(),
        domains: Vec::new(),
    };
    let selected = duizhao::export::select(&input, &all).expect("selection");
    let raw = chart::deadlines(&selected);
    let fitted = made(Kind::Deadlines);
    assert!(fitted.layers.len() <= chart::PALETTE.len());
    if raw.layers.len() > chart::PALETTE.len() {
        assert_eq!(fitted.layers.last().map(|l| l.name.as_str()), Some(chart::OTHER));
    }
    for b in 0..raw.bars.len() {
        assert!((raw.total(b) - fitted.total(b)).abs() < 1e-9, "bar {b} keeps its total");
    }
    let colours: std::collections::BTreeSet<[u8; 3]> =
        (0..fitted.layers.len()).map(|l| chart::colour(&fitted, l)).collect();
    assert_eq!(colours.len(), fitted.layers.len(), "no two layers share a colour");
}

/// A target stated twice in one document (a summary repeating a task) is one row of the
/// Targets sheet, naming the other place; the same words in another document are a row of
/// their own.
#[test]
fn xlsx_lists_a_target_repeated_within_a_document_once() {
    use calamine::{Reader, Xlsx, open_workbook};
    let text = "一、发展目标\n到2025年，培育30家数字化转型标杆企业，带动产业升级。\n\
                二、重点任务\n（一）推进转型\n到2025年，培育30家数字化转型标杆企业，带动产业升级。\n\
                （二）完善平台\n建设公共服务平台，提供技术支撑。\n";
    let docs: Vec<Document> = ["甲市方案.txt", "乙市方案.txt"]
        .iter()
        .map(|name| {
            let raw =
                duizhao::ingest::read_bytes(name, duizhao::model::SourceFormat::Txt, text.as_bytes()).expect("reads");
            duizhao::outline::build(&raw, &name.replace(".txt", ""), name)
        })
        .collect();
    let found = duizhao::targets::extract(&docs[0]);
    assert_eq!(found.len(), 2, "stated in two sections: {found:?}");
    let (_dir, paths) = export_all(&docs, &[Format::Xlsx]);
    let mut book: Xlsx<_> = open_workbook(&paths[0]).expect("opens as xlsx");
    let sheet = book.worksheet_range("Targets").expect("Targets");
    let col = |name: &str| export::TARGET_COLUMNS.iter().position(|c| *c == name).expect(name) as u32;
    let rows: Vec<(String, String)> = (1..sheet.height() as u32)
        .map(|r| {
            let get = |c: u32| sheet.get_value((r, c)).map(ToString::to_string).unwrap_or_default();
            (get(col("doc_id")), get(col("also_in")))
        })
        .collect();
    assert_eq!(rows.len(), 2, "one row per document: {rows:?}");
    assert_ne!(rows[0].0, rows[1].0, "{rows:?}");
    for (doc, also_in) in &rows {
        assert!(!also_in.is_empty(), "{doc}: the other place is named, {rows:?}");
    }
}

/// Every passage of `docs`, aligned by the built-in model, exported in each of `formats` into
/// a new folder: the files, in the order of `formats`.
fn export_all(docs: &[Document], formats: &[Format]) -> (tempfile::TempDir, Vec<std::path::PathBuf>) {
    let aligner = Aligner::new(Taxonomy::builtin());
    let alignment = aligner.align(docs);
    let targets: Vec<Vec<Target>> = docs.iter().map(duizhao::targets::extract).collect();
    let input = Input {
        docs,
        alignment: &alignment,
        taxonomy: &aligner.taxonomy,
        targets: &targets,
        notes: &NO_NOTES,
    };
    let all = Selection::Matrix {
        docs: Vec::new(),
        domains: Vec::new(),
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = formats
        .iter()
        .map(|&f| {
            let path = dir.path().join(format!("out.{}", f.extension()));
            export::export(&path, f, false, &input, &all).expect("export");
            path
        })
        .collect();
    (dir, paths)
}

/// More passages than one thread writes at a time: the CSV's rows are every passage once, in
/// the order of the JSON export's passages.
#[test]
fn csv_rows_of_a_long_document_keep_the_passage_order() {
    use std::fmt::Write as _;
    let mut text = String::from("某市数字经济工作要点\n");
    for i in 1..=1300 {
        let _ = writeln!(text, "{i}. 推进第{i}项数字化工作，建设平台，培育企业。");
    }
    let raw =
        duizhao::ingest::read_bytes("long.txt", duizhao::model::SourceFormat::Txt, text.as_bytes()).expect("reads");
    let docs = vec![duizhao::outline::build(&raw, "long", "long.txt")];
    let (_dir, paths) = export_all(&docs, &[Format::Csv, Format::Json]);
    let bytes = std::fs::read(&paths[0]).expect("read");
    let mut r = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let csv_ids: Vec<String> = r.records().map(|x| x.expect("row")[0].to_owned()).collect();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&paths[1]).expect("read")).expect("json");
    let json_ids: Vec<String> = v["passages"]
        .as_array()
        .expect("passages")
        .iter()
        .map(|p| p["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(csv_ids.len(), 1300, "one row per item");
    assert_eq!(csv_ids, json_ids);
}
