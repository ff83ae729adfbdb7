//! Target extraction speed over the bundled corpus (documents loaded outside the loop).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bundled(c: &mut Criterion) {
    let docs = duizhao::corpus::load_all();
    c.bench_function("targets of the bundled corpus (5 docs)", |b| {
        b.iter(|| black_box(docs.iter().map(|d| duizhao::targets::extract(d).len()).sum::<usize>()));
    });
}

criterion_group!(benches, bundled);
criterion_main!(benches);
