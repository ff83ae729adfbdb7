//! Alignment speed: outline + align of the bundled corpus, and align of the synthetic
//! 1,000-document corpus, and reading the model file. The aligner (taxonomy automaton + segmenter with its terms) is built once,
//! as the app and CLI do. Figures: BENCHMARKS.md.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use duizhao::align::{Aligner, Taxonomy};
use std::hint::black_box;

fn bundled(c: &mut Criterion) {
    let aligner = Aligner::new(Taxonomy::builtin());
    c.bench_function("outline+align bundled corpus (5 docs)", |b| {
        b.iter(|| {
            let docs = duizhao::corpus::load_all();
            black_box(aligner.align(&docs))
        });
    });
}

/// Reading the shipped model file (2 MB of i8 weights to f32), done once per process.
fn model(c: &mut Criterion) {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/model/domain.dzm")).expect("model file");
    c.bench_function("read the domain model file", |b| {
        b.iter(|| black_box(duizhao::align::learn::LinearModel::from_bytes(&bytes).expect("a model")));
    });
}

fn synthetic(c: &mut Criterion) {
    let aligner = Aligner::new(Taxonomy::builtin());
    let docs = common::synthetic_documents(1000);
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    group.bench_function("align 1000 docs", |b| b.iter(|| black_box(aligner.align(&docs))));
    group.finish();
}

criterion_group!(benches, bundled, model, synthetic);
criterion_main!(benches);
