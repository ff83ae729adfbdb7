//! What a small job pays before aligning: each part of building the aligner, timed once in a
//! fresh process (the first use of the compiled dictionary included), then the bundled five
//! read and aligned.
//!
//! `cargo run --release --example startup` — prints milliseconds per part.

use duizhao::align::segment::Segmenter;
use duizhao::align::{Aligner, Taxonomy};
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let t = Instant::now();
    let taxonomy = Taxonomy::builtin();
    println!("taxonomy parsed: {:.2} ms", ms(t));
    let t = Instant::now();
    let segmenter = Segmenter::new(taxonomy.all_terms());
    println!(
        "segmenter with the taxonomy's terms (first use of the dictionary): {:.2} ms",
        ms(t)
    );
    drop(segmenter);
    let t = Instant::now();
    let model = duizhao::align::learn::LinearModel::from_bytes(include_bytes!("../assets/model/domain.dzm"));
    println!("model file read: {:.2} ms ({})", ms(t), model.is_ok());
    let t = Instant::now();
    let aligner = Aligner::new(taxonomy);
    println!(
        "aligner built (cue automaton, segmenter, the built-in model): {:.2} ms",
        ms(t)
    );
    let t = Instant::now();
    let docs = duizhao::corpus::load_all();
    println!("bundled five read and outlined: {:.2} ms", ms(t));
    let t = Instant::now();
    let al = aligner.align(&docs);
    println!("aligned ({} leaves): {:.2} ms", al.leaves.len(), ms(t));
    let t = Instant::now();
    let report = duizhao::align::report::AlignJson::new(&aligner.taxonomy, &docs, &al);
    let json = serde_json::to_vec_pretty(&report).map_or(0, |v| v.len());
    println!("report with counterparts, as JSON ({json} bytes): {:.2} ms", ms(t));
}
