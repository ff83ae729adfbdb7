//! Export speed: every leaf section of the bundled corpus to every format (rendering to
//! bytes; the analysis is done once, outside the loop).

use criterion::{Criterion, criterion_group, criterion_main};
use duizhao::align::{Aligner, Taxonomy};
use duizhao::export::{self, Format, Input, Selection};
use std::hint::black_box;

fn bundled(c: &mut Criterion) {
    let docs = duizhao::corpus::load_all();
    let aligner = Aligner::new(Taxonomy::builtin());
    let alignment = aligner.align(&docs);
    let targets: Vec<_> = docs.iter().map(duizhao::targets::extract).collect();
    let input = Input {
        docs: &docs,
        alignment: &alignment,
        taxonomy: &aligner.taxonomy,
        targets: &targets,
        notes: &duizhao::export::Notes::new(),
    };
    let all = Selection::Matrix {
        docs: Vec::new(),
        domains: Vec::new(),
    };
    for format in Format::NAMED {
        c.bench_function(
            &format!("export all sections of the bundled corpus to {}", format.name()),
            |b| {
                b.iter(|| {
                    let selected = export::select(&input, &all).expect("passages");
                    black_box(export::render(format, &input, &selected).expect("rendered").bytes.len())
                });
            },
        );
    }
    // The charts a paper takes: made from the selection and drawn as SVG, or rasterised to a
    // 300 dpi PNG with the bundled font (the slow one).
    let selected = export::select(&input, &all).expect("passages");
    let blocks = export::tables::crosstab(&input, &selected);
    for kind in export::chart::Kind::ALL {
        c.bench_function(&format!("chart {} of the bundled corpus as svg", kind.id()), |b| {
            b.iter(|| black_box(export::chart::svg(&export::chart::chart(kind, &input, &selected, &blocks)).len()));
        });
        c.bench_function(&format!("chart {} of the bundled corpus as png", kind.id()), |b| {
            b.iter(|| {
                let drawn = export::chart::chart(kind, &input, &selected, &blocks);
                black_box(export::chart::png(&drawn, export::chart::PRINT_DPI).expect("png").len())
            });
        });
    }
}

criterion_group!(benches, bundled);
criterion_main!(benches);
