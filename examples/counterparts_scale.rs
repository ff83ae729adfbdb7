//! The cross-document step of alignment at scale: `Alignment::all_counterparts` (inverted
//! index with pruning) on the synthetic corpus, against the brute force (each leaf against
//! its whole row) where that is affordable.
//!
//! `cargo run --release --example counterparts_scale [N] [--brute]` — prints leaves, align
//! time, the counterparts' time (and the brute force's, checked equal, with `--brute`).

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
    println!();
}
