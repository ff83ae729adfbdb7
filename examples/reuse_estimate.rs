//! How exact the reuse matrix's estimate is: the coverage estimated from winnowed
//! fingerprints against the exact coverage of the same pair (its passages compared).
//!
//! `cargo run --release --example reuse_estimate [N]` — without N the bundled corpus (every
//! pair); with N the synthetic corpus of N documents, a deterministic sample of 2,000 pairs.
//! Prints mean and max absolute error over both sides of the pairs, and the worst pairs.

#[path = "../benches/common/mod.rs"]
mod common;

use duizhao::model::DocIx;
use duizhao::reuse::{Options, ReuseIndex};

fn main() {
    let n: Option<usize> = std::env::args().nth(1).and_then(|a| a.parse().ok());
    let docs = n.map_or_else(duizhao::corpus::load_all, common::synthetic_documents);
    let index = ReuseIndex::build(&docs, Options::default());
    let t = std::time::Instant::now();
    let matrix = index.matrix();
    let matrix_s = t.elapsed().as_secs_f64();
    let all: Vec<(DocIx, DocIx)> = (0..docs.len())
        .flat_map(|a| (a + 1..docs.len()).map(move |b| (DocIx(a), DocIx(b))))
        .collect();
    let pairs: Vec<(DocIx, DocIx)> = if all.len() <= 2000 {
        all
    } else {
        // Every k-th pair: a deterministic sample spread over the corpus.
        let step = all.len() / 2000;
        all.into_iter().step_by(step).take(2000).collect()
    };
    let mut errors: Vec<(f32, DocIx, DocIx, f32, f32)> = Vec::new();
    for &(a, b) in &pairs {
        let exact = index.compare(&docs, a, b);
        for (of, with, ex) in [(a, b, exact.coverage_a), (b, a, exact.coverage_b)] {
            let est = matrix.coverage(of, with);
            errors.push(((est - ex).abs(), of, with, est, ex));
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let mean = errors.iter().map(|e| f64::from(e.0)).sum::<f64>() / errors.len().max(1) as f64;
    let shared: Vec<f64> = errors.iter().filter(|e| e.4 > 0.0).map(|e| f64::from(e.0)).collect();
    #[allow(clippy::cast_precision_loss)]
    let mean_shared = shared.iter().sum::<f64>() / shared.len().max(1) as f64;
    errors.sort_by(|x, y| y.0.total_cmp(&x.0));
    println!(
        "{} documents, {} pairs ({} directed figures, {} with exact coverage > 0); matrix {:.3} s",
        docs.len(),
        pairs.len(),
        errors.len(),
        shared.len(),
        matrix_s
    );
    println!(
        "absolute error of the estimate: mean {:.4} (over figures > 0: {:.4}), max {:.4}",
        mean,
        mean_shared,
        errors.first().map_or(0.0, |e| e.0)
    );
    for (e, of, with, est, ex) in errors.iter().take(5) {
        println!(
            "  {:.3}  {} in {}: estimate {:.3}, exact {:.3}",
            e, docs[*of].id, docs[*with].id, est, ex
        );
    }
}
