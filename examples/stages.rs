//! Where `align --json` of a folder spends its time, stage by stage, in one process (the
//! in-process stage clock of BENCHMARKS.md's issue 16 sections).
//!
//! `cargo run --release --example stages -- DIR` — prints milliseconds per stage.

use std::time::Instant;

/// The CLI's allocator, so that stage times include what it costs to get fresh memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Milliseconds since `t`, and the resident memory now and at its peak (Linux; else blank).
fn ms(t: Instant) -> String {
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .map(|s| {
            let kb = |key: &str| {
                s.lines()
                    .find(|l| l.starts_with(key))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(0)
            };
            format!(" [RSS {} MB, peak {} MB]", kb("VmRSS") / 1024, kb("VmHWM") / 1024)
        })
        .unwrap_or_default();
    format!("{:.0} ms{rss}", t.elapsed().as_secs_f64() * 1e3)
}

fn main() {
    let dir = std::env::args().nth(1).expect("a folder");
    let t = Instant::now();
    let files = duizhao::ingest::folder::expand(&[dir]).files;
    let docs = if let [one] = files.as_slice() {
        // One document: reading and outlining apart (both are sequential within a file).
        let raw = duizhao::ingest::read_path(one).expect("readable");
        println!("read {} paragraphs: {}", raw.paras.len(), ms(t));
        let t = Instant::now();
        let id = duizhao::corpus::id_from_name(&raw.source);
        let doc = duizhao::outline::build(&raw, &id, "");
        drop(raw);
        println!("outlined {} sections: {}", doc.sections.len(), ms(t));
        vec![doc]
    } else {
        let (docs, _) = duizhao::load_paths(&files);
        println!("read and outlined {} documents: {}", docs.len(), ms(t));
        docs
    };
    let t = Instant::now();
    let aligner = duizhao::align::Aligner::new(duizhao::align::Taxonomy::builtin());
    println!("aligner: {}", ms(t));
    let t = Instant::now();
    let al = aligner.align(&docs);
    println!("aligned ({} leaves): {}", al.leaves.len(), ms(t));
    let t = Instant::now();
    let c = al.all_counterparts(0);
    println!("counterparts: {} ({})", ms(t), c.len());
    let t = Instant::now();
    let mut json = Vec::new();
    duizhao::align::report::write_pretty(&mut json, &aligner.taxonomy, &docs, &al).expect("printed");
    println!("report printed, counterparts again ({} bytes): {}", json.len(), ms(t));
    let t = Instant::now();
    drop(json);
    drop(al);
    drop(docs);
    println!("dropped: {}", ms(t));
}
