//! Ingest + outline speed: the bundled corpus, and a synthetic 1,000-document corpus.
//! Figures and the machine they were measured on: BENCHMARKS.md.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use duizhao::model::SourceFormat;
use std::hint::black_box;

fn bundled(c: &mut Criterion) {
    c.bench_function("ingest+outline bundled corpus (5 docs)", |b| {
        b.iter(|| black_box(duizhao::corpus::load_all()));
    });
}

fn synthetic(c: &mut Criterion) {
    let corpus = common::synthetic(1000);
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    group.bench_function("ingest+outline 1000 docs", |b| {
        b.iter(|| {
            let docs = duizhao::load_many(
                corpus
                    .iter()
                    .map(|(name, bytes)| (name.as_str(), SourceFormat::Txt, bytes.as_slice())),
            );
            black_box(docs)
        });
    });
    group.finish();
}

criterion_group!(benches, bundled, synthetic);
criterion_main!(benches);
