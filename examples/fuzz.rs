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
//! ```
//! One target per process, so the peak memory printed is that target's.

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

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let texts: Vec<&str> = duizhao::corpus::BUNDLED
        .iter()
        .map(|b| std::str::from_utf8(b.bytes).unwrap_or(""))
        .collect();
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
                        assert_eq!(duizhao::text::char_slice(field, t.span.start, t.span.end), t.text);
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
    let mut slowest = Duration::ZERO;
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
        slowest = slowest.max(t.elapsed());
        execs += 1;
        if !ok {
            panics += 1;
            let _ = std::fs::create_dir_all("fuzz-crashes");
            let _ = std::fs::write(format!("fuzz-crashes/{target}-{execs}.bin"), &input);
        }
    }
    println!(
        "target {target}: {execs} inputs in {:.0} s, {panics} panics, largest input {} KB, slowest {:.0} ms, peak RSS {}",
        start.elapsed().as_secs_f64(),
        max_len / 1024,
        slowest.as_secs_f64() * 1000.0,
        peak_rss_mb().map_or_else(|| "n/a".to_owned(), |m| format!("{m:.0} MB"))
    );
    if panics > 0 {
        std::process::exit(1);
    }
}
