//! Precision, recall and year accuracy of target extraction against the gold files.
//!
//! `cargo run --release --example eval_targets [-- [GOLD.json …] [--verbose]]`
//!
//! With no file: the bundled five (`../shared/gold/dev-targets.json`, documents from the
//! bundled corpus) and the train set (`../shared/gold/train/targets.json`, every `.txt`
//! beside it, including the documents with no target, whose predictions are all false),
//! reported apart. A gold file whose documents are not bundled is read with the `.txt` files
//! of its folder.
//!
//! Gold format: ../shared/gold/README.md. A predicted target matches a gold one in the same
//! document with the same number (the numeric part as printed; Chinese numerals read as
//! numbers); occurrences count with multiplicity, and a gold occurrence is matched preferably
//! by a prediction in the section its `unit_anchor` names. `--verbose` prints a row per
//! document, every miss, every false positive and every wrong year.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use duizhao::model::Document;
use duizhao::targets::{Deadline, Target};

#[derive(serde::Deserialize)]
struct Gold {
    doc: String,
    unit_anchor: Option<String>,
    value: String,
    year: serde_json::Value,
    phrase: String,
}

impl Gold {
    /// The gold deadline; `every_year` counts as no year (the gold has a year or null).
    fn year(&self) -> Option<u16> {
        self.year.as_u64().and_then(|y| u16::try_from(y).ok())
    }
}

/// The number a printed value states: `30 个以上` → 30, `百项` → 100, `1.5 倍` → 1.5.
fn number_of(printed: &str) -> Option<String> {
    let folded: String = printed.chars().map(duizhao::text::fold_width_char).collect();
    if let Some(start) = folded.find(|c: char| c.is_ascii_digit()) {
        let digits: String = folded[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        return Some(digits.trim_end_matches('.').to_owned());
    }
    duizhao::targets::han_number(&folded).map(|v| format!("{v}"))
}

fn fold(s: &str) -> String {
    duizhao::align::fold::matching_form(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[derive(Default)]
struct Score {
    gold: usize,
    predicted: usize,
    matched: usize,
    year_right: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.year_right += o.year_right;
    }
    fn line(&self) -> String {
        format!(
            "gold {:>3}  predicted {:>3}  matched {:>3}  P {:.3}  R {:.3}  year {:.3}",
            self.gold,
            self.predicted,
            self.matched,
            self.matched as f64 / self.predicted.max(1) as f64,
            if self.gold == 0 {
                1.0
            } else {
                self.matched as f64 / self.gold as f64
            },
            self.year_right as f64 / self.matched.max(1) as f64
        )
    }
}

/// Score one document: its gold, its predictions. Prints the errors when `verbose`.
fn score(doc: &Document, gold: &[&Gold], predicted: &[Target], verbose: bool) -> Score {
    let refused = if verbose {
        duizhao::targets::explain(doc)
    } else {
        Vec::new()
    };
    let section_text: Vec<String> = predicted
        .iter()
        .map(|t| {
            doc.section(&t.section)
                .map(|s| fold(&format!("{}{}", s.heading, s.text)))
                .unwrap_or_default()
        })
        .collect();
    let mut used = vec![false; predicted.len()];
    let mut s = Score {
        gold: gold.len(),
        predicted: predicted.len(),
        ..Score::default()
    };
    for g in gold {
        let n = number_of(&g.value);
        let anchor = g.unit_anchor.as_deref().map(fold);
        let candidates: Vec<usize> = (0..predicted.len())
            .filter(|&i| !used[i] && number_of(&predicted[i].text) == n)
            .collect();
        // Prefer the prediction in the gold's unit (a table row for a null anchor), then one
        // with the gold's year.
        let same_year =
            |i: usize| predicted[i].year.filter(|y| *y != Deadline::EveryYear) == g.year().map(Deadline::Year);
        let in_unit = |i: usize| match &anchor {
            Some(a) => section_text[i].starts_with(a.as_str()),
            None => predicted[i].table,
        };
        let pick = candidates
            .iter()
            .copied()
            .max_by_key(|&i| (in_unit(i), same_year(i), std::cmp::Reverse(i)));
        let Some(i) = pick else {
            if verbose {
                println!(
                    "  missed: {} year {:?} ({})",
                    g.value,
                    g.year(),
                    g.phrase.replace('\n', "⏎")
                );
                for r in refused.iter().filter(|r| number_of(&r.text) == n) {
                    println!(
                        "    refused {} in {}: {}",
                        r.text.replace('\n', "⏎"),
                        r.section,
                        r.reason
                    );
                }
            }
            continue;
        };
        used[i] = true;
        s.matched += 1;
        let got = predicted[i].year.filter(|y| *y != Deadline::EveryYear);
        if got == g.year().map(Deadline::Year) {
            s.year_right += 1;
        } else if verbose {
            println!(
                "  year: {} gold {:?} got {:?} ({})",
                g.value,
                g.year(),
                predicted[i].year,
                g.phrase.replace('\n', "⏎")
            );
        }
    }
    if verbose {
        for (i, t) in predicted.iter().enumerate() {
            if !used[i] {
                println!(
                    "  extra: {} {} [{}] year {:?} metric {:?}",
                    t.section,
                    t.text.replace('\n', "⏎"),
                    t.unit,
                    t.year,
                    t.metric
                );
            }
        }
    }
    s
}

/// The documents a gold file is about: the bundled corpus when it names bundled documents,
/// else every `.txt` in the gold file's folder.
fn documents_for(gold_path: &Path, gold: &[Gold]) -> Vec<Document> {
    let bundled = duizhao::corpus::load_all();
    if gold.iter().all(|g| bundled.iter().any(|d| d.source == g.doc)) {
        return bundled;
    }
    let dir = gold_path.parent().unwrap_or(Path::new("."));
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    let (docs, errors) = duizhao::load_paths(&files);
    for e in errors {
        eprintln!("{e}");
    }
    docs
}

fn evaluate(path: &Path, verbose: bool) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let gold: Vec<Gold> = serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let docs = documents_for(path, &gold);
    let started = std::time::Instant::now();
    let predicted: Vec<Vec<Target>> = docs.iter().map(duizhao::targets::extract).collect();
    let elapsed = started.elapsed();
    let mut by_doc: BTreeMap<&str, Vec<&Gold>> = BTreeMap::new();
    for g in &gold {
        by_doc.entry(g.doc.as_str()).or_default().push(g);
    }
    println!("== {} ({} documents)", path.display(), docs.len());
    let mut total = Score::default();
    for (d, ts) in docs.iter().zip(&predicted) {
        let g = by_doc.get(d.source.as_str()).map_or(&[][..], Vec::as_slice);
        if verbose {
            println!("{}", d.source);
        }
        let s = score(d, g, ts, verbose);
        if verbose {
            println!("  {}", s.line());
        }
        total.add(&s);
    }
    for doc in by_doc.keys() {
        if !docs.iter().any(|d| d.source == *doc) {
            eprintln!("gold document not found: {doc}");
        }
    }
    println!("all: {}", total.line());
    println!(
        "extract all targets of the {} documents: {:.2} ms",
        docs.len(),
        elapsed.as_secs_f64() * 1e3
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let mut paths: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    if paths.is_empty() {
        paths = vec![
            PathBuf::from("../shared/gold/dev-targets.json"),
            PathBuf::from("../shared/gold/train/targets.json"),
        ];
    }
    for p in &paths {
        evaluate(p, verbose)?;
    }
    Ok(())
}
