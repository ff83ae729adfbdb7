//! Word 97 .doc: files written by `LibreOffice` (`tests/fixtures/doc/`, see `SOURCES.md` there) and
//! synthetic files written in this test (a compound file with a minimal FIB and a piece table,
//! so that compressed cp1252 pieces, pieces stored out of order, encryption and damage can be
//! made at will). What a user relies on: the text of the main document in order with its
//! paragraphs, the numbering outline recognised, table cells tab-separated, field codes gone,
//! and a clear error naming the file for anything that cannot be read.

use std::io::{Cursor, Write as _};
use std::path::{Path, PathBuf};

use duizhao::ingest::{self, read_bytes};
use duizhao::model::SourceFormat;
use proptest::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/doc")
        .join(name)
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("fixture present")
}

/// What the reader says when it panicked (caught): must never be seen.
const READER_PANICKED: &str = "the Word reader failed on it";

/// A synthetic .doc: a compound file whose `WordDocument` stream has a minimal Word 97 FIB
/// (`flags` in `FibBase`) and the given pieces, in CP order, one after the other in the text,
/// but laid out in the stream in reverse order (so that reading by FC order would be wrong).
/// A piece is (text, compressed): compressed pieces are cp1252 bytes, the others UTF-16LE.
fn synthetic_doc(pieces: &[(&str, bool)], flags: u16) -> Vec<u8> {
    const TEXT_AT: usize = 1024;
    let mut word = vec![0u8; TEXT_AT];
    let put16 = |w: &mut Vec<u8>, at: usize, v: u16| w[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 = |w: &mut Vec<u8>, at: usize, v: u32| w[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut word, 0, 0xA5EC);
    put16(&mut word, 2, 0x00C1);
    put16(&mut word, 10, flags | 0x0200); // fWhichTblStm: 1Table
    put16(&mut word, 32, 14); // csw
    put16(&mut word, 62, 22); // cslw
    put16(&mut word, 152, 93); // cbRgFcLcb
    // Piece bytes, last piece first in the stream.
    let mut fcs = vec![0u32; pieces.len()];
    for (i, (text, compressed)) in pieces.iter().enumerate().rev() {
        let at = word.len();
        if *compressed {
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
            word.extend_from_slice(&bytes);
            fcs[i] = u32::try_from(at * 2).expect("small") | 0x4000_0000;
        } else {
            word.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            fcs[i] = u32::try_from(at).expect("small");
        }
    }
    let mut cps = vec![0u32];
    for (text, compressed) in pieces {
        let n = if *compressed {
            text.chars().count()
        } else {
            text.encode_utf16().count()
        };
        cps.push(cps.last().expect("one") + u32::try_from(n).expect("small"));
    }
    put32(&mut word, 76, *cps.last().expect("one")); // ccpText
    // Clx: one Prc (skipped by the reader), then the Pcdt.
    let mut plc = Vec::new();
    for cp in &cps {
        plc.extend_from_slice(&cp.to_le_bytes());
    }
    for fc in &fcs {
        plc.extend_from_slice(&0u16.to_le_bytes());
        plc.extend_from_slice(&fc.to_le_bytes());
        plc.extend_from_slice(&0u16.to_le_bytes());
    }
    let mut clx = vec![0x01, 2, 0, 0xAA, 0xBB, 0x02];
    clx.extend_from_slice(&u32::try_from(plc.len()).expect("small").to_le_bytes());
    clx.extend_from_slice(&plc);
    put32(&mut word, 418, 0); // fcClx
    put32(&mut word, 422, u32::try_from(clx.len()).expect("small")); // lcbClx

    let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("create");
    cfb.create_stream("/WordDocument")
        .and_then(|mut s| s.write_all(&word))
        .expect("WordDocument");
    cfb.create_stream("/1Table")
        .and_then(|mut s| s.write_all(&clx))
        .expect("1Table");
    cfb.flush().expect("flush");
    cfb.into_inner().into_inner()
}

fn texts(raw: &ingest::RawText) -> Vec<&str> {
    raw.paras
        .iter()
        .map(|p| p.text.as_str())
        .filter(|t| !t.trim().is_empty())
        .collect()
}

#[test]
fn a_libreoffice_doc_gives_the_same_document_as_its_text() {
    // The bundled wuhu text without its Markdown marks (the .txt beside it), saved by
    // LibreOffice as Word 97.
    let from_doc = duizhao::load_path(&fixture("wuhu-2021-online-economy.doc")).expect("reads");
    let from_txt = duizhao::load_path(&fixture("wuhu-2021-online-economy.txt")).expect("reads");
    assert_eq!(from_doc.format, SourceFormat::Doc);
    assert_eq!(from_doc.text, from_txt.text);
    let paths = |d: &duizhao::Document| d.sections.iter().map(|s| s.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&from_doc), paths(&from_txt));
    assert!(from_doc.sections.len() > 20, "{} sections", from_doc.sections.len());
}

#[test]
fn the_numbering_outline_is_recognised() {
    let doc = duizhao::load_path(&fixture("outline.doc")).expect("reads");
    let paths: Vec<&str> = doc.sections.iter().map(|s| s.path.as_str()).collect();
    for want in ["一", "一/(一)", "二", "二/(一)"] {
        assert!(paths.contains(&want), "{want} missing from {paths:?}");
    }
    assert!(doc.text.contains("到2025年，产值达到100亿元。"));
}

#[test]
fn table_cells_are_tab_separated_and_field_codes_dropped() {
    // table-field.doc: table-field.html (a table with an empty cell and a hyperlink) saved by LibreOffice; the
    // hyperlink is a HYPERLINK field in the .doc.
    let raw = ingest::read_path(&fixture("table-field.doc")).expect("reads");
    let paras = texts(&raw);
    assert!(paras.contains(&"指标\t2020年\t2025年"), "{paras:?}");
    assert!(paras.contains(&"网络零售额（亿元）\t1000\t2000"), "{paras:?}");
    // An empty cell is a cell, not the end of its row.
    assert!(paras.contains(&"快递业务量（亿件）\t\t50"), "{paras:?}");
    assert!(paras.contains(&"详见中国政府网发布的通知。"), "{paras:?}");
    assert!(paras.iter().all(|p| !p.contains("HYPERLINK")), "{paras:?}");
    assert_eq!(paras.last(), Some(&"（一）加强组织领导。"));
}

#[test]
fn synthetic_pieces_are_read_in_character_order_utf16_and_cp1252() {
    let bytes = synthetic_doc(
        &[
            ("一、总体要求\r（一）指导思想。", false),
            ("Caf\u{e9} \u{20ac}5\r", true),
            ("二、保障措施\r", false),
        ],
        0,
    );
    let raw = read_bytes("synthetic.doc", SourceFormat::Doc, &bytes).expect("reads");
    assert_eq!(texts(&raw), ["一、总体要求", "（一）指导思想。Café €5", "二、保障措施"]);
}

#[test]
fn only_the_main_document_is_read() {
    // ccpText ends before the last piece (a header story): it is not part of the text.
    let mut bytes = synthetic_doc(&[("正文。\r", false), ("页眉\r", false)], 0);
    let mut cfb = cfb::CompoundFile::open(Cursor::new(&mut bytes)).expect("open");
    {
        use std::io::{Seek as _, SeekFrom};
        let mut s = cfb.open_stream("/WordDocument").expect("stream");
        s.seek(SeekFrom::Start(76)).expect("seek");
        s.write_all(&4u32.to_le_bytes()).expect("write");
    }
    cfb.flush().expect("flush");
    drop(cfb);
    let raw = read_bytes("story.doc", SourceFormat::Doc, &bytes).expect("reads");
    assert_eq!(texts(&raw), ["正文。"]);
}

fn error_of(name: &str, bytes: &[u8]) -> String {
    let err = read_bytes(name, SourceFormat::Doc, bytes).expect_err("refused");
    let msg = err.to_string();
    assert!(msg.starts_with(name), "message does not name the file: {msg}");
    assert!(!msg.contains(READER_PANICKED), "the reader panicked: {msg}");
    msg
}

#[test]
fn an_encrypted_doc_is_a_clear_error() {
    let msg = error_of("secret.doc", &synthetic_doc(&[("机密。\r", false)], 0x0100));
    assert!(msg.contains("password"), "{msg}");
}

#[test]
fn truncated_garbage_and_misnamed_files_are_clear_errors() {
    let real = fixture_bytes("outline.doc");
    let msg = error_of("cut.doc", &real[..real.len() / 2]);
    assert!(msg.contains("damaged .doc"), "{msg}");
    let msg = error_of("noise.doc", b"\x01\x02 this is not a word file at all");
    assert!(msg.contains("not an OLE compound file"), "{msg}");
    let msg = error_of("rtf.doc", b"{\\rtf1\\ansi hello}");
    assert!(msg.contains("RTF"), "{msg}");
    let msg = error_of("page.doc", b"<html><body>hi</body></html>");
    assert!(msg.contains("web page"), "{msg}");
    // A compound file without a WordDocument stream (an Excel file, say).
    let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("create");
    cfb.create_stream("/Workbook")
        .and_then(|mut s| s.write_all(&[0; 600]))
        .expect("stream");
    cfb.flush().expect("flush");
    let msg = error_of("book.doc", &cfb.into_inner().into_inner());
    assert!(msg.contains("no WordDocument stream"), "{msg}");
}

#[test]
fn the_import_names_doc() {
    assert!(ingest::EXTENSIONS.contains(&"doc"));
    assert!(ingest::FORMATS.contains(".doc"));
    assert_eq!(ingest::format_of(Path::new("a/通知.DOC")), Some(SourceFormat::Doc));
}

#[test]
fn a_wps_saved_as_word_97_reads_as_its_doc_and_another_wps_says_how_to_convert_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let wps = dir.path().join("方案.wps");
    std::fs::copy(fixture("outline.doc"), &wps).expect("copy");
    let from_wps = duizhao::load_path(&wps).unwrap_or_else(|e| panic!("{e}"));
    let from_doc = duizhao::load_path(&fixture("outline.doc")).expect("doc");
    assert_eq!(from_wps.text, from_doc.text);
    assert_eq!(from_wps.sections.len(), from_doc.sections.len());
    assert!(ingest::EXTENSIONS.contains(&"wps") && ingest::FORMATS.contains(".wps"));
    // A compound file without Word 97 text (an older WPS format), and a file that is none.
    let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("create");
    cfb.create_stream("/WpsContent")
        .and_then(|mut s| s.write_all(&[0; 600]))
        .expect("stream");
    cfb.flush().expect("flush");
    for (name, bytes) in [
        ("旧.wps", cfb.into_inner().into_inner()),
        ("坏.wps", b"WPS\x00 not a compound file at all".to_vec()),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        let msg = duizhao::load_path(&p).expect_err("refused").to_string();
        assert!(msg.contains(name) && msg.contains("save it as .docx"), "{msg}");
    }
}

fn never_panics(bytes: &[u8]) {
    if let Err(e) = read_bytes("fuzz.doc", SourceFormat::Doc, bytes) {
        assert!(!e.to_string().contains(READER_PANICKED), "{e}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        never_panics(&bytes);
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend_from_slice(&bytes);
        never_panics(&ole);
    }

    #[test]
    fn a_valid_file_with_bytes_flipped_never_panics(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
    ) {
        let mut bytes = synthetic_doc(&[("一、总则\r第一条　为了规范管理。\r", false), ("ok\r", true)], 0);
        for (at, v) in flips {
            let i = at.index(bytes.len());
            bytes[i] ^= v | 1;
        }
        never_panics(&bytes);
    }

    #[test]
    fn a_libreoffice_file_with_bytes_flipped_never_panics(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
    ) {
        // The table fixture: compound-file sectors, FIB, piece table and paragraph properties.
        let mut bytes = fixture_bytes("table-field.doc");
        for (at, v) in flips {
            let i = at.index(bytes.len());
            bytes[i] ^= v | 1;
        }
        never_panics(&bytes);
    }
}
