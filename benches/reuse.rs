//! Shared-passage speed: every pair of the bundled corpus compared exactly, and the synthetic
//! 1,000-document corpus indexed with every pair above a coverage threshold listed, its
//! estimated matrix, and one pair compared exactly; and two copies of one 7 MB document
//! compared exactly (issue 12).
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
        b.iter(|| black_box(index.compare(&docs, duizhao::model::DocIx(0), duizhao::model::DocIx(5))));
    });
    group.finish();
}

/// Two copies of the 7 MB repeated document: every k-gram has dozens of partners.
fn identical_large(c: &mut Criterion) {
    let text = common::repeated_bundled();
    let (mut docs, errors) = duizhao::load_many([("big.txt", duizhao::model::SourceFormat::Txt, text.as_bytes())]);
    assert!(errors.is_empty(), "{errors:?}");
    docs.push(docs[0].clone());
    let index = ReuseIndex::build(&docs, Options::default());
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("reuse of two identical 7 MB documents (index built)", |b| {
        b.iter(|| black_box(index.compare(&docs, duizhao::model::DocIx(0), duizhao::model::DocIx(1))));
    });
    group.finish();
}

criterion_group!(benches, bundled, synthetic, identical_large);
criterion_main!(benches);
