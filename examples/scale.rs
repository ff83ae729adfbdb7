//! Time and peak memory of the whole pipeline (ingest, align, reuse) on the synthetic 1,000-document corpus.
//!
//! `cargo run --release --example scale [N] [DIR]` — with DIR, writes the corpus there as files
//! (for whole-process timings of the CLI) and a project of them beside it, `DIR.duizhao`, with
//! the first eight chosen (for the app's start-up with a library: `duizhao open DIR.duizhao`),
//! and stops; else prints wall time per stage and the process's
//! peak resident memory (Linux: `VmHWM` from /proc/self/status; elsewhere not reported).

#[path = "../benches/common/mod.rs"]
mod common;

use duizhao::align::{Aligner, Taxonomy};
use duizhao::model::SourceFormat;
use std::time::Instant;

#[path = "common/rss.rs"]
mod rss;
use rss::peak_rss;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let corpus = common::synthetic(n);
    if let Some(dir) = std::env::args().nth(2) {
        // `scale N DIR`: write the corpus as files, for whole-process timings of the CLI.
        std::fs::create_dir_all(&dir).expect("create the folder");
        for (name, bytes) in &corpus {
            std::fs::write(std::path::Path::new(&dir).join(name), bytes).expect("write a document");
        }
        println!("{n} documents written to {dir}");
        write_project(&dir, &corpus);
        return;
    }
    let bytes: usize = corpus.iter().map(|(_, b)| b.len()).sum();
    println!(
        "synthetic corpus: {n} documents, {:.1} MB; peak RSS {}",
        bytes as f64 / 1e6,
        peak_rss()
    );
    let t = Instant::now();
    let (docs, errors) = duizhao::load_many(
        corpus
            .iter()
            .map(|(n, b)| (n.as_str(), SourceFormat::Txt, b.as_slice())),
    );
    let sections: usize = docs.iter().map(|d| d.sections.len()).sum();
    println!(
        "ingest+outline: {:.2} s ({} docs, {} sections, {} errors); peak RSS {}",
        t.elapsed().as_secs_f64(),
        docs.len(),
        sections,
        errors.len(),
        peak_rss()
    );
    let t = Instant::now();
    let aligner = Aligner::new(Taxonomy::builtin());
    println!("aligner built: {:.2} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let alignment = aligner.align(&docs);
    println!(
        "align: {:.2} s ({} leaves); peak RSS {}",
        t.elapsed().as_secs_f64(),
        alignment.leaves.len(),
        peak_rss()
    );
    drop(alignment);
    let t = Instant::now();
    let index = duizhao::reuse::ReuseIndex::build(&docs, duizhao::reuse::Options::default());
    println!(
        "reuse index: {:.2} s; peak RSS {}",
        t.elapsed().as_secs_f64(),
        peak_rss()
    );
    let t = Instant::now();
    let pairs = index.candidates(0.5);
    println!(
        "reuse pairs with estimated coverage ≥ 50%: {:.2} s ({} pairs); peak RSS {}",
        t.elapsed().as_secs_f64(),
        pairs.len(),
        peak_rss()
    );
    let t = Instant::now();
    let exact: usize = pairs
        .iter()
        .take(1000)
        .map(|e| index.compare(&docs, e.a, e.b).passages.len())
        .sum();
    println!(
        "reuse exact passages of the first {} of them: {:.2} s ({exact} passages)",
        pairs.len().min(1000),
        t.elapsed().as_secs_f64()
    );
}

/// `DIR.duizhao`: the files of `DIR` that load, each text once (the app refuses a repeat),
/// in corpus order, the first eight chosen for comparison, without the bundled documents.
fn write_project(dir: &str, corpus: &[(String, Vec<u8>)]) {
    let dir = std::path::Path::new(dir);
    let project_path = dir.with_extension("duizhao");
    let paths: Vec<std::path::PathBuf> = corpus.iter().map(|(name, _)| dir.join(name)).collect();
    let loaded = duizhao::load_paths_with(&paths, &|| {}, &|| false);
    let mut seen = std::collections::HashSet::new();
    let documents: Vec<duizhao::project::ProjectDoc> = loaded
        .docs
        .iter()
        .filter(|(doc, _)| seen.insert(doc.key()))
        .map(|(doc, path)| duizhao::project::ProjectDoc {
            path: Some(duizhao::project::Project::stored_path(&project_path, path)),
            hash: doc.key(),
            embedded: None,
        })
        .collect();
    let project = duizhao::project::Project {
        bundled: false,
        chosen: documents.iter().take(8).map(|d| d.hash.clone()).collect(),
        documents,
        ..duizhao::project::Project::default()
    };
    project.save(&project_path).expect("write the project");
    println!(
        "{} of them in the project {}",
        project.documents.len(),
        project_path.display()
    );
}
