//! The cross-document step of alignment at scale: `Alignment::all_counterparts` (inverted
//! index with pruning) on the synthetic corpus, against the brute force (each leaf against
//! its whole row) where that is affordable.
//!
//! `cargo run --release --example counterparts_scale [N] [--brute] [--rows]` — prints leaves,
//! align time, the counterparts' time (and the brute force's, checked equal, with `--brute`;
//! the previous row-by-row scoring's time with `--rows`).

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
    let indexed = al.all_counterparts(0);
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
        assert_eq!(slow, indexed, "indexed counterparts differ from the brute force");
        print!(" (equal)");
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
                let mut best: std::collections::HashMap<usize, f32> = std::collections::HashMap::new();
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
