//! A fuzzing harness on the stable toolchain (cargo-fuzz needs nightly): mutate a seed corpus
//! (the bundled texts in several encodings, small .docx files) with random byte edits and
//! splices for N seconds per target, catch every panic (saved to `fuzz-crashes/`), and report
//! executions and the peak resident memory of the process.
//!
//! ```sh
//! cargo run --release --example fuzz -- decode 300     # target, seconds
//! cargo run --release --example fuzz -- docx 300
//! cargo run --release --example fuzz -- outline 300
//! cargo run --release --example fuzz -- targets 300
//! cargo run --release --example fuzz -- html 300
//! cargo run --release --example fuzz -- doc 300
//! FUZZ_SEEDS=../shared/gold/train/files cargo run --release --example fuzz -- pdf 300
//! ```
//! One target per process, so the peak memory printed is that target's. An input slower than
//! `FUZZ_SLOW_MS` (default 1000) is saved to `fuzz-slow/` to be timed and profiled on its own.
//! `FUZZ_SEEDS=DIR` adds the files of DIR with the target's extension to its seeds (the
//! `pdf` target has only a tiny built-in PDF without it).

use std::fmt::Write as _;
use std::io::{Cursor, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use duizhao::model::SourceFormat;

/// xorshift64*: reproducible from the seed printed at the start.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            usize::try_from(self.next() % n as u64).unwrap_or(0)
        }
    }
}

/// Interesting bytes: XML and zip syntax, numbering, NUL, UTF-8 lead bytes.
const DICT: &[&[u8]] = &[
    b"<w:p>",
    b"</w:p>",
    b"<w:tbl><w:tr><w:tc>",
    b"</w:tc></w:tr></w:tbl>",
    b"<w:t>",
    b"</w:t>",
    b"&amp;",
    b"&#x4E00;",
    b"&#99999999;",
    b"<w:br/>",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"PK\x03\x04",
    "（一）".as_bytes(),
    "一、".as_bytes(),
    "第一章".as_bytes(),
    b"1. ",
    "到2025年".as_bytes(),
    "万亿元".as_bytes(),
    "%".as_bytes(),
    b"\0",
    b"\xFF\xFE",
    b"\xEF\xBB\xBF",
    b"\xE4",
    b"\r\n",
];

fn mutate(rng: &mut Rng, input: &[u8], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(8) {
        let len = out.len();
        match rng.below(7) {
            0 if len > 0 => {
                let at = rng.below(len);
                out[at] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let at = rng.below(len);
                out[at] = (rng.next() & 0xFF) as u8;
            }
            2 if len > 0 => {
                let at = rng.below(len);
                let n = rng.below(64.min(len - at) + 1);
                out.drain(at..at + n);
            }
            3 => {
                let at = rng.below(len + 1);
                let word = DICT[rng.below(DICT.len())];
                out.splice(at..at, word.iter().copied());
            }
            4 => {
                // Splice a chunk of another seed in.
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let n = rng.below(4096.min(other.len() - from) + 1);
                    let at = rng.below(len + 1);
                    out.splice(at..at, other[from..from + n].iter().copied());
                }
            }
            5 if len > 0 => {
                // Repeat a chunk many times (long lines, deep nesting).
                let from = rng.below(len);
                let n = rng.below(32.min(len - from) + 1);
                let chunk = out[from..from + n].to_vec();
                let times = 1 + rng.below(2000);
                let at = rng.below(len + 1);
                out.splice(at..at, chunk.iter().copied().cycle().take(n * times));
            }
            _ => out.truncate(rng.below(len + 1)),
        }
    }
    out
}

fn docx_of(document_xml: &[u8], deflate: bool) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    let styles = br#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>"#;
    let ok = w.start_file("word/document.xml", opts).is_ok()
        && w.write_all(document_xml).is_ok()
        && w.start_file("word/styles.xml", opts).is_ok()
        && w.write_all(styles).is_ok();
    assert!(ok, "writing a zip in memory cannot fail");
    w.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// document.xml of the first lines of a text: paragraphs, a heading style, a list, a table.
fn document_xml(text: &str) -> Vec<u8> {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut body = String::new();
    for (i, line) in text.lines().take(120).enumerate() {
        let props = match i % 7 {
            0 => "<w:pPr><w:pStyle w:val=\"H1\"/></w:pPr>",
            3 => "<w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr>",
            _ => "",
        };
        let _ = write!(
            body,
            "<w:p>{props}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            esc(line)
        );
        if i % 40 == 20 {
            body.push_str("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2025年</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
        }
    }
    format!("<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>").into_bytes()
}

/// A saved web page of a text: a title, the lines as paragraphs, a table, page furniture.
fn html_of(text: &str, charset: &str) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut body = String::new();
    for (i, line) in text.lines().take(200).enumerate() {
        let _ = writeln!(body, "<p>{}</p>", esc(line));
        if i % 50 == 25 {
            body.push_str(
                "<table><tr><td>指标</td><td>2025年</td></tr><tr><td>数字经济</td><td>10%</td></tr></table>\n",
            );
        }
    }
    format!(
        "<html><head><meta charset=\"{charset}\"><title>{}</title></head><body><div class=\"nav\">首页 > 政策</div>{body}<div>索引号：123 发文字号：某政〔2021〕1号</div></body></html>",
        esc(text.lines().next().unwrap_or(""))
    )
}

/// A one-page PDF whose text layer is `lines` (ASCII, Helvetica): the fallback `pdf` seed.
fn tiny_pdf(lines: &[&str]) -> Vec<u8> {
    let mut content = String::from("BT /F1 12 Tf 72 720 Td 14 TL\n");
    for l in lines {
        let _ = writeln!(content, "({l}) Tj T*");
    }
    content.push_str("ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

/// The files of `FUZZ_SEEDS` ending in `.ext`, if the variable names a folder.
fn seed_files(ext: &str) -> Vec<Vec<u8>> {
    let Some(dir) = std::env::var_os("FUZZ_SEEDS") else {
        return Vec::new();
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == ext));
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let texts: Vec<&str> = duizhao::corpus::BUNDLED
        .iter()
        .map(|b| std::str::from_utf8(b.bytes).unwrap_or(""))
        .collect();
    if target == "html" {
        let mut out: Vec<Vec<u8>> = texts.iter().map(|t| html_of(t, "utf-8").into_bytes()).collect();
        out.extend(
            texts
                .iter()
                .map(|t| encoding_rs::GB18030.encode(&html_of(t, "gbk")).0.into_owned()),
        );
        out.extend(seed_files("html"));
        return out;
    }
    if target == "doc" {
        let mut out = vec![
            include_bytes!("../tests/fixtures/doc/outline.doc").to_vec(),
            include_bytes!("../tests/fixtures/doc/table-field.doc").to_vec(),
            include_bytes!("../tests/fixtures/doc/wuhu-2021-online-economy.doc").to_vec(),
        ];
        out.extend(seed_files("doc"));
        return out;
    }
    if target == "pdf" {
        let mut out = vec![tiny_pdf(&["1. General", "(1) Goal. By 2025, 100 firms.", "2. Tasks"])];
        out.extend(seed_files("pdf"));
        return out;
    }
    if target == "docx" {
        // The XML is mutated and zipped per input (see `input`), so the seeds are XML.
        texts.iter().map(|t| document_xml(t)).collect()
    } else {
        let mut out: Vec<Vec<u8>> = texts.iter().map(|t| t.as_bytes().to_vec()).collect();
        for t in &texts {
            out.push(encoding_rs::GB18030.encode(t).0.into_owned());
            let mut le = vec![0xFF, 0xFE];
            le.extend(t.encode_utf16().take(4000).flat_map(u16::to_le_bytes));
            out.push(le);
        }
        out.push(encoding_rs::BIG5.encode(texts[0]).0.into_owned());
        out
    }
}

fn run_target(target: &str, bytes: &[u8]) {
    match target {
        "decode" => {
            let _ = duizhao::ingest::decode_text(bytes);
        }
        "docx" => {
            let _ = duizhao::ingest::read_bytes("fuzz.docx", SourceFormat::Docx, bytes);
        }
        "html" | "doc" | "pdf" => {
            let format = match target {
                "html" => SourceFormat::Html,
                "doc" => SourceFormat::Doc,
                _ => SourceFormat::Pdf,
            };
            // Read, then outlined and searched for targets like any document.
            if let Ok(raw) = duizhao::ingest::read_bytes("fuzz", format, bytes) {
                let d = duizhao::outline::build(&raw, "fuzz", "");
                for s in &d.sections {
                    assert_eq!(d.slice(s.text_range), s.text, "text_range points at the text");
                }
                let _ = duizhao::targets::extract(&d);
            }
        }
        "outline" | "targets" => {
            if let Ok(raw) = duizhao::ingest::read_bytes("fuzz.txt", SourceFormat::Txt, bytes) {
                let d = duizhao::outline::build(&raw, "fuzz", "");
                for s in &d.sections {
                    assert_eq!(d.slice(s.text_range), s.text, "text_range points at the text");
                }
                if target == "targets" {
                    for t in duizhao::targets::extract(&d) {
                        let s = d.section(&t.section).expect("target's section exists");
                        let field = if t.field == duizhao::targets::Field::Heading {
                            &s.heading
                        } else {
                            &s.text
                        };
                        assert_eq!(
                            duizhao::text::char_slice(field, t.field_span().start, t.field_span().end),
                            t.text
                        );
                    }
                }
            }
        }
        other => panic!("unknown target {other}"),
    }
}

/// Peak resident memory of this process (Linux `VmHWM`), if the platform says.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

static IN_TARGET: AtomicBool = AtomicBool::new(false);

fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().unwrap_or_else(|| "decode".to_owned());
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let seed: u64 = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let seeds = seeds(&target);
    let mut rng = Rng(seed | 1);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_TARGET.load(Ordering::Relaxed) {
            previous(info);
        }
    }));
    let start = Instant::now();
    let (mut execs, mut panics, mut max_len) = (0u64, 0u64, 0usize);
    let (mut slowest, mut slowest_len, mut slow) = (Duration::ZERO, 0usize, 0u64);
    let slow_ms: u64 = std::env::var("FUZZ_SLOW_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    while start.elapsed() < Duration::from_secs(seconds) {
        let base = &seeds[rng.below(seeds.len())];
        let mutated = mutate(&mut rng, base, &seeds);
        let input = if target == "docx" {
            // Mostly valid zips of mutated XML; sometimes the zip bytes themselves mutated.
            let z = docx_of(&mutated, rng.below(2) == 0);
            if rng.below(4) == 0 {
                mutate(&mut rng, &z, &seeds)
            } else {
                z
            }
        } else {
            mutated
        };
        max_len = max_len.max(input.len());
        let t = Instant::now();
        IN_TARGET.store(true, Ordering::Relaxed);
        let ok = std::panic::catch_unwind(|| run_target(&target, &input)).is_ok();
        IN_TARGET.store(false, Ordering::Relaxed);
        let took = t.elapsed();
        execs += 1;
        if took > slowest {
            slowest = took;
            slowest_len = input.len();
        }
        if took > Duration::from_millis(slow_ms) {
            slow += 1;
            let _ = std::fs::create_dir_all("fuzz-slow");
            let _ = std::fs::write(format!("fuzz-slow/{target}-{execs}.bin"), &input);
        }
        if !ok {
            panics += 1;
            let _ = std::fs::create_dir_all("fuzz-crashes");
            let _ = std::fs::write(format!("fuzz-crashes/{target}-{execs}.bin"), &input);
        }
    }
    println!(
        "target {target}: {execs} inputs in {:.0} s, {panics} panics, largest input {} KB, slowest {:.0} ms ({} KB), {slow} slower than {slow_ms} ms, peak RSS {}",
        start.elapsed().as_secs_f64(),
        max_len / 1024,
        slowest.as_secs_f64() * 1000.0,
        slowest_len / 1024,
        peak_rss_mb().map_or_else(|| "n/a".to_owned(), |m| format!("{m:.0} MB"))
    );
    if panics > 0 {
        std::process::exit(1);
    }
}
