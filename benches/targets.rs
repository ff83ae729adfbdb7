//! Target extraction speed: the bundled corpus, and one 7 MB document (documents loaded
//! outside the loop). Figures and the machine they were measured on: BENCHMARKS.md.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use duizhao::model::SourceFormat;
use std::hint::black_box;

fn bundled(c: &mut Criterion) {
    let docs = duizhao::corpus::load_all();
    c.bench_function("targets of the bundled corpus (5 docs)", |b| {
        b.iter(|| black_box(docs.iter().map(|d| duizhao::targets::extract(d).len()).sum::<usize>()));
    });
}

/// One document of about 7 MB: synthetic plans one after another, with an indicator table
/// in text form after each.
fn large(c: &mut Criterion) {
    let table = "\n附件\n主要指标\n指标\t单位\t2023年\t2027年\t属性\n核心产业增加值\t亿元\t520\t800\t预期性\n千兆光网用户\t万户\t60\t150\t约束性\n";
    let mut text = String::new();
    for (_, bytes) in common::synthetic(4000) {
        if text.len() >= 7 << 20 {
            break;
        }
        text.push_str(&String::from_utf8_lossy(&bytes));
        text.push_str(table);
    }
    let (docs, errors) = duizhao::load_many([("large.txt", SourceFormat::Txt, text.as_bytes())]);
    assert!(errors.is_empty(), "{errors:?}");
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function(
        format!("targets of one {:.1} MB document", text.len() as f64 / 1_048_576.0),
        |b| {
            b.iter(|| black_box(docs.iter().map(|d| duizhao::targets::extract(d).len()).sum::<usize>()));
        },
    );
    group.finish();
}

criterion_group!(benches, bundled, large);
criterion_main!(benches);
