//! Precision, recall and year accuracy of target extraction against a gold file.
//!
//! `cargo run --release --example eval_targets -- ../shared/gold/dev-targets.json [--verbose]`
//!
//! Gold format: ../shared/gold/README.md. A predicted target matches a gold one in the same
//! document with the same number (the numeric part as printed); occurrences count with
//! multiplicity, and a gold occurrence is matched preferably by a prediction in the section
//! its `unit_anchor` names. Only documents that appear in the gold are scored.

use std::collections::BTreeSet;

use duizhao::targets::{Deadline, Target};

#[derive(serde::Deserialize)]
struct Gold {
    doc: String,
    unit_anchor: String,
    value: String,
    year: Option<u16>,
    phrase: String,
}

fn number_of(printed: &str) -> Option<String> {
    let folded: String = printed.chars().map(duizhao::text::fold_width_char).collect();
    let start = folded.find(|c: char| c.is_ascii_digit())?;
    let digits: String = folded[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    Some(digits.trim_end_matches('.').to_owned())
}

fn fold(s: &str) -> String {
    duizhao::align::fold::matching_form(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .ok_or_else(|| anyhow::anyhow!("usage: eval_targets GOLD.json [--verbose]"))?;
    let gold: Vec<Gold> = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let docs = duizhao::corpus::load_all();
    let gold_docs: BTreeSet<&str> = gold.iter().map(|g| g.doc.as_str()).collect();
    let mut predicted: Vec<(String, String, Target)> = Vec::new(); // (source, section text folded, target)
    let started = std::time::Instant::now();
    let mut all = Vec::new();
    for d in &docs {
        all.push((d, duizhao::targets::extract(d)));
    }
    let elapsed = started.elapsed();
    for (d, ts) in all {
        if !gold_docs.contains(d.source.as_str()) {
            continue;
        }
        for t in ts {
            let s = d
                .section(&t.section)
                .map(|s| fold(&format!("{}{}", s.heading, s.text)))
                .unwrap_or_default();
            predicted.push((d.source.clone(), s, t));
        }
    }
    let mut used = vec![false; predicted.len()];
    let (mut matched, mut year_right) = (0usize, 0usize);
    let mut misses = Vec::new();
    for g in &gold {
        let n = number_of(&g.value);
        let anchor = fold(&g.unit_anchor);
        let candidates: Vec<usize> = (0..predicted.len())
            .filter(|&i| !used[i] && predicted[i].0 == g.doc && number_of(&predicted[i].2.text) == n)
            .collect();
        let pick = candidates
            .iter()
            .copied()
            .find(|&i| predicted[i].1.starts_with(&anchor))
            .or(candidates.first().copied());
        match pick {
            Some(i) => {
                used[i] = true;
                matched += 1;
                // The gold has a year or null; `every_year` is no year, so it counts as null.
                let got = predicted[i].2.year.filter(|y| *y != Deadline::EveryYear);
                if got == g.year.map(Deadline::Year) {
                    year_right += 1;
                } else if verbose {
                    println!(
                        "year: {} {} gold {:?} got {:?} ({})",
                        g.doc, g.value, g.year, predicted[i].2.year, g.phrase
                    );
                }
            }
            None => misses.push(g),
        }
    }
    let p = matched as f64 / predicted.len().max(1) as f64;
    let r = matched as f64 / gold.len().max(1) as f64;
    println!(
        "gold {} · predicted {} · matched {}",
        gold.len(),
        predicted.len(),
        matched
    );
    println!(
        "precision {p:.3}  recall {r:.3}  year accuracy {:.3}",
        year_right as f64 / matched.max(1) as f64
    );
    println!(
        "extract all targets of the {} bundled documents: {:.2} ms",
        docs.len(),
        elapsed.as_secs_f64() * 1e3
    );
    if verbose {
        for g in misses {
            println!("missed: {} {} ({})", g.doc, g.value, g.phrase);
        }
        for (i, (doc, _, t)) in predicted.iter().enumerate() {
            if !used[i] {
                println!(
                    "extra: {doc} {} {} [{}] metric {:?}",
                    t.section, t.text, t.unit, t.metric
                );
            }
        }
    }
    Ok(())
}
