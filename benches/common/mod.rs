//! Benchmark fixtures shared by the benches and the scale examples (not part of the
//! library): a deterministic synthetic corpus made from the bundled documents.
#![allow(dead_code)]

/// A deterministic synthetic corpus for benchmarks and scale tests: `n` documents of about
/// the bundled documents' size, each a bundled document whose items are interleaved with
/// items of another (so that every document differs and still has real structure).
/// Returns (file name, raw bytes).
#[must_use]
pub fn synthetic(n: usize) -> Vec<(String, Vec<u8>)> {
    let texts: Vec<Vec<&str>> = duizhao::corpus::BUNDLED
        .iter()
        .map(|b| std::str::from_utf8(b.bytes).unwrap_or_default().lines().collect())
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|i| {
            let base = &texts[i % texts.len()];
            let other = &texts[(i / texts.len() + 1 + i) % texts.len()];
            let mut out = String::new();
            for (j, line) in base.iter().enumerate() {
                // Swap roughly one body line in four for the other document's line at the same
                // place, keeping numbered lines so the outline stays intact.
                let pick = next() % 4 == 0
                    && j < other.len()
                    && duizhao::lex::number::parse_marker(other[j].trim()).is_none()
                    && duizhao::lex::number::parse_marker(line.trim()).is_none();
                out.push_str(if pick { other[j] } else { line });
                out.push('\n');
            }
            (format!("synthetic-{i:04}.txt"), out.into_bytes())
        })
        .collect()
}

/// [`synthetic`] read and outlined, as benchmarks of the later stages start from.
#[must_use]
pub fn synthetic_documents(n: usize) -> Vec<duizhao::model::Document> {
    let corpus = synthetic(n);
    duizhao::load_many(
        corpus
            .iter()
            .map(|(name, bytes)| (name.as_str(), duizhao::model::SourceFormat::Txt, bytes.as_slice())),
    )
    .0
}

/// About 7 MB of policy text, as `tests/hostile.rs` makes it: the bundled documents one after
/// another, again and again, each under a renumbered chapter heading (issue 12's large input;
/// every passage repeats some 80 times).
#[must_use]
pub fn repeated_bundled() -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let mut part = 0;
    while out.len() < 7 << 20 {
        for b in duizhao::corpus::BUNDLED {
            part += 1;
            let _ = writeln!(out, "第{part}章 第{part}部分");
            out.push_str(std::str::from_utf8(b.bytes).expect("the bundled files are UTF-8"));
            out.push('\n');
        }
    }
    out
}
