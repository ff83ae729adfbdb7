//! Wall time of the app's analysis (what runs on its background thread after an import):
//! alignment, targets and the reuse overview, and the exact pairs the app then compares for
//! the documents in view — against comparing every candidate pair exactly up front, as the
//! app did before the overview.
//!
//! `cargo run --release --example app_analysis [DIR|N] [CHOSEN]`: the documents of a folder
//! (every supported file under it), or N synthetic documents (benches/common), or the bundled
//! five; CHOSEN documents (default 8) are in view. Each figure is the best of three runs.

#[path = "../benches/common/mod.rs"]
mod common;

use std::time::Instant;

use duizhao::align::Taxonomy;
use duizhao::app::analysis;
use duizhao::reuse::{self, Options};

fn best_of_three(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let arg = std::env::args().nth(1);
    let chosen: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(8);
    let docs = match arg.as_deref() {
        None => duizhao::corpus::load_all(),
        Some(a) => {
            if let Ok(n) = a.parse::<usize>() {
                common::synthetic_documents(n)
            } else {
                let files = duizhao::ingest::folder::expand(&[std::path::PathBuf::from(a)]).files;
                let loaded = duizhao::load_paths_with(&files, &|| {}, &|| false);
                loaded.docs.into_iter().map(|(d, _)| d).collect()
            }
        }
    };
    let n = docs.len();
    // The aligner is built once per process and shared by re-analyses (as in the app).
    let _ = analysis::aligner_for(Taxonomy::builtin(), &docs);
    let mut a = None;
    let whole = best_of_three(|| a = Some(analysis::run(&docs, Taxonomy::builtin())));
    let a = a.expect("analysed");
    let overview = best_of_three(|| drop(reuse::Overview::build(&docs, Options::default())));
    let focus: Vec<duizhao::model::DocIx> = duizhao::model::DocIx::all(chosen.min(n)).collect();
    let wanted = a.reuse.wanted(&focus);
    let index = a.reuse.index();
    let in_view = best_of_three(|| {
        use rayon::prelude::*;
        let _: Vec<_> = wanted.par_iter().map(|&(x, y)| index.compare(&docs, x, y)).collect();
    });
    let all = best_of_three(|| drop(reuse::analyse(&docs, Options::default())));
    println!("{n} documents, {} in view", focus.len());
    println!("app analysis (align + targets + reuse overview): {whole:.0} ms");
    println!("  of which the reuse overview (index, matrix, links): {overview:.0} ms");
    println!(
        "then, in the background: {} pairs of the documents in view compared exactly: {in_view:.0} ms",
        wanted.len()
    );
    println!("before: every candidate pair compared exactly up front: {all:.0} ms");
}
