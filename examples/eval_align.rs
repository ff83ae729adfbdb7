//! Pair precision / recall / F1 of the alignment against a gold file.
//!
//! `cargo run --release --example eval_align -- ../shared/gold/dev-alignment.json [--verbose]`
//!
//! The gold (format: ../shared/gold/README.md) lists leaf units of some bundled documents
//! with 1–3 domain labels, primary first. A pair of units from different documents is
//! positive in the gold when their primary labels are equal, and predicted positive when
//! duizhao puts both in the same row (category or unnamed group). Precision counts a
//! predicted pair right when the two units share any gold label. Units are matched to
//! sections by their anchor text (width, whitespace and punctuation folded).

use std::collections::BTreeSet;

use duizhao::align::{Aligner, Row, Taxonomy};
use duizhao::model::Document;

#[derive(serde::Deserialize)]
struct GoldUnit {
    doc: String,
    path: String,
    anchor: String,
    labels: Vec<String>,
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
        .ok_or_else(|| anyhow::anyhow!("usage: eval_align GOLD.json [--verbose]"))?;
    let gold: Vec<GoldUnit> = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let docs: Vec<Document> = duizhao::corpus::load_all();
    let aligner = Aligner::new(Taxonomy::builtin());
    let started = std::time::Instant::now();
    let alignment = aligner.align(&docs);
    let elapsed = started.elapsed();
    let scheme = aligner
        .taxonomy
        .scheme("domain")
        .ok_or_else(|| anyhow::anyhow!("no domain scheme"))?;
    let si = aligner
        .taxonomy
        .schemes
        .iter()
        .position(|s| s.id == "domain")
        .unwrap_or(0);

    // Match gold units to leaves.
    let mut matched: Vec<(usize, usize)> = Vec::new(); // (gold index, leaf index)
    let mut unmatched = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let anchor = fold(&g.anchor);
        let hit = alignment.leaves.iter().enumerate().find(|(_, l)| {
            let d = &docs[l.doc];
            let s = &d.sections[l.section];
            d.source == g.doc && fold(&format!("{}{}", s.heading, s.text)).starts_with(&anchor)
        });
        match hit {
            Some((li, _)) => matched.push((gi, li)),
            None => unmatched.push(gi),
        }
    }
    let row = |li: usize| alignment.row_of(si, li);
    let (mut tp, mut fp, mut gold_pos, mut found_pos) = (0usize, 0usize, 0usize, 0usize);
    for (a, &(ga, la)) in matched.iter().enumerate() {
        for &(gb, lb) in &matched[a + 1..] {
            if gold[ga].doc == gold[gb].doc {
                continue;
            }
            let predicted = row(la) != Row::None && row(la) == row(lb);
            let positive = gold[ga].labels[0] == gold[gb].labels[0];
            if positive {
                gold_pos += 1;
                if predicted {
                    found_pos += 1;
                }
            }
            if predicted {
                let la_set: BTreeSet<&String> = gold[ga].labels.iter().collect();
                if gold[gb].labels.iter().any(|l| la_set.contains(l)) {
                    tp += 1;
                } else {
                    fp += 1;
                }
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = found_pos as f64 / gold_pos.max(1) as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    println!(
        "gold units: {} (matched {}, unmatched {})",
        gold.len(),
        matched.len(),
        unmatched.len()
    );
    println!(
        "pairs: predicted {} (right {}), gold positive {} (found {})",
        tp + fp,
        tp,
        gold_pos,
        found_pos
    );
    println!("pair precision {precision:.3}  recall {recall:.3}  F1 {f1:.3}");
    println!(
        "align of {} documents ({} leaves): {:.1} ms",
        docs.len(),
        alignment.leaves.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    for gi in &unmatched {
        println!(
            "unmatched gold unit: {} {} {:?}",
            gold[*gi].doc, gold[*gi].path, gold[*gi].anchor
        );
    }
    if verbose {
        for &(gi, li) in &matched {
            let g = &gold[gi];
            let a = &alignment.schemes[si].assignments[li];
            let name = |r: Row| match r {
                Row::Category(c) => scheme.categories[c].id.clone(),
                Row::Group(gr) => format!("group:{}", alignment.schemes[si].groups[gr].label),
                Row::None => "-".into(),
            };
            let got = name(row(li));
            let mark = if got == g.labels[0] {
                " "
            } else if g.labels.contains(&got) {
                "~"
            } else {
                "✗"
            };
            let top: Vec<String> = a
                .evidence
                .iter()
                .take(4)
                .map(|e| format!("{e:?}").chars().take(70).collect())
                .collect();
            println!(
                "{mark} {:<28} {:<14} gold {:<30} got {:<16} {:.1} | {}",
                g.doc.chars().take(28).collect::<String>(),
                g.path,
                g.labels.join(","),
                got,
                a.score,
                top.join(" ; ")
            );
        }
    }
    Ok(())
}
