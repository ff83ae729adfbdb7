//! Shared-passage speed: every pair of the bundled corpus compared exactly, and the synthetic
//! 1,000-document corpus indexed with every pair above a coverage threshold listed, its
//! estimated matrix, and one pair compared exactly.
//! Figures: BENCHMARKS.md.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use duizhao::reuse::{Options, ReuseIndex, analyse};
use std::hint::black_box;

fn bundled(c: &mut Criterion) {
    let docs = duizhao::corpus::load_all();
    c.bench_function("reuse all pairs bundled corpus (5 docs)", |b| {
        b.iter(|| black_box(analyse(&docs, Options::default())));
    });
}

fn synthetic(c: &mut Criterion) {
    let docs = common::synthetic_documents(1000);
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    group.bench_function("reuse index + pairs ≥ 50% of 1000 docs", |b| {
        b.iter(|| {
            let index = ReuseIndex::build(&docs, Options::default());
            black_box(index.candidates(0.5))
        });
    });
    // Issue 16: the matrix alone (the index built once), and one pair on demand.
    let index = ReuseIndex::build(&docs, Options::default());
    group.bench_function("reuse matrix of 1000 docs (index built)", |b| {
        b.iter(|| black_box(index.matrix()));
    });
    group.bench_function("reuse one pair exactly (uncached)", |b| {
        b.iter(|| black_box(index.compare(&docs, 0, 5)));
    });
    group.finish();
}

criterion_group!(benches, bundled, synthetic);
criterion_main!(benches);
