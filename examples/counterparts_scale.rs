//! The cross-document step of alignment at scale: `Alignment::all_counterparts` (inverted
//! index with pruning) on the synthetic corpus, against the brute force (each leaf against
//! its whole row) where that is affordable.
//!
//! `cargo run --release --example counterparts_scale [N] [--brute] [--rows] [--approx]` —
//! prints leaves, align time, the counterparts' time (and the brute force's with `--brute`:
//! how many leaves get the same list, and the recall of the brute force's similar documents;
//! the previous row-by-row scoring's time with `--rows`). `--approx` approximates every row,
//! however small (to measure the approximation on a corpus where the brute force is
//! affordable).

#[path = "../benches/common/mod.rs"]
mod common;

use duizhao::align::{Aligner, Taxonomy};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let brute = std::env::args().any(|a| a == "--brute");
    let docs = common::synthetic_documents(n);
    let aligner = Aligner::new(Taxonomy::builtin());
    let t = Instant::now();
    let al = aligner.align(&docs);
    let align_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let indexed = if std::env::args().any(|a| a == "--approx") {
        al.all_counterparts_exact_up_to(0, 0)
    } else {
        al.all_counterparts(0)
    };
    let indexed_s = t.elapsed().as_secs_f64();
    print!(
        "{n} documents, {} leaves: align {align_s:.2} s, counterparts (indexed) {indexed_s:.3} s",
        al.leaves.len()
    );
    if brute {
        use rayon::prelude::*;
        let t = Instant::now();
        let slow: Vec<Vec<(usize, f32)>> = (0..al.leaves.len())
            .into_par_iter()
            .map(|i| al.counterparts(0, i))
            .collect();
        print!(", brute force {:.3} s", t.elapsed().as_secs_f64());
        let same = slow.iter().zip(&indexed).filter(|(a, b)| a == b).count();
        // Recall: of the documents the brute force lists with a similarity above 0, the share
        // listed; and the mean similarity given up at each rank.
        let (mut found, mut wanted, mut lost, mut ranks) = (0usize, 0usize, 0.0f64, 0usize);
        for (a, b) in slow.iter().zip(&indexed) {
            let docs = |v: &[(usize, f32)]| -> std::collections::HashSet<duizhao::model::DocIx> {
                v.iter().filter(|c| c.1 > 0.0).map(|c| al.leaves[c.0].doc).collect()
            };
            let (da, db) = (docs(a), docs(b));
            wanted += da.len();
            found += da.intersection(&db).count();
            for (x, y) in a.iter().zip(b) {
                lost += f64::from(x.1 - y.1);
                ranks += 1;
            }
        }
        print!(
            " — same list for {same} of {} leaves, recall {:.4}, mean similarity lost per rank {:.5}",
            slow.len(),
            found as f64 / wanted.max(1) as f64,
            lost / ranks.max(1) as f64
        );
    }
    if std::env::args().any(|a| a == "--rows") {
        // The previous `all_counterparts`: each leaf against every leaf of its row.
        use rayon::prelude::*;
        let t = Instant::now();
        let mut rows: std::collections::HashMap<duizhao::align::Row, Vec<usize>> = std::collections::HashMap::new();
        for j in 0..al.leaves.len() {
            rows.entry(al.row_of(0, j)).or_default().push(j);
        }
        let scored: usize = (0..al.leaves.len())
            .into_par_iter()
            .map(|i| {
                let own = al.leaves[i].doc;
                let mut best: std::collections::HashMap<duizhao::model::DocIx, f32> = std::collections::HashMap::new();
                for &j in &rows[&al.row_of(0, i)] {
                    if al.leaves[j].doc != own {
                        let s = al.similarity(i, j);
                        let e = best.entry(al.leaves[j].doc).or_insert(s);
                        *e = e.max(s);
                    }
                }
                best.len()
            })
            .sum();
        print!(
            ", row by row {:.3} s ({scored} documents scored)",
            t.elapsed().as_secs_f64()
        );
    }
    println!();
}
