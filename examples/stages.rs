//! Where `align --json` of a folder spends its time, stage by stage, in one process (the
//! in-process stage clock of BENCHMARKS.md's issue 16 sections).
//!
//! `cargo run --release --example stages -- DIR` — prints milliseconds per stage.

use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let dir = std::env::args().nth(1).expect("a folder");
    let t = Instant::now();
    let files = duizhao::ingest::folder::expand(&[dir]).files;
    let (docs, _) = duizhao::load_paths(&files);
    println!("read and outlined {} documents: {:.0} ms", docs.len(), ms(t));
    let t = Instant::now();
    let aligner = duizhao::align::Aligner::new(duizhao::align::Taxonomy::builtin());
    println!("aligner: {:.0} ms", ms(t));
    let t = Instant::now();
    let al = aligner.align(&docs);
    println!("aligned ({} leaves): {:.0} ms", al.leaves.len(), ms(t));
    let t = Instant::now();
    let c = al.all_counterparts(0);
    println!("counterparts: {:.0} ms ({})", ms(t), c.len());
    let t = Instant::now();
    let mut json = Vec::new();
    duizhao::align::report::write_pretty(&mut json, &aligner.taxonomy, &docs, &al).expect("printed");
    println!(
        "report printed, counterparts again ({} bytes): {:.0} ms",
        json.len(),
        ms(t)
    );
    let t = Instant::now();
    drop(json);
    drop(al);
    drop(docs);
    println!("dropped: {:.0} ms", ms(t));
}
