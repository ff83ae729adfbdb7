//! Reading real government files: a 21-page PDF (HeadlessChrome print of gov.cn, Type 3
//! fonts) read and outlined, and a 2 MB saved page (a real 518 KB gov page with its body
//! repeated until the page is 2 MB) read and outlined. The files are in ../shared (not committed); the
//! bench says so and measures nothing when they are absent. Figures: BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use duizhao::model::SourceFormat;
use std::hint::black_box;
use std::path::Path;

fn shared(name: &str) -> Option<Vec<u8>> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/gold/train/files")
        .join(name);
    let bytes = std::fs::read(&p).ok();
    if bytes.is_none() {
        eprintln!("skipped: {} is absent", p.display());
    }
    bytes
}

fn read(c: &mut Criterion) {
    if let Some(pdf) = shared("guojia_2015_cujin_dashuju_fazhan_xingdong_gangyao.pdf") {
        c.bench_function("pdf 21 pages read+outline", |b| {
            b.iter(|| {
                let raw = duizhao::ingest::read_bytes("p.pdf", SourceFormat::Pdf, &pdf).expect("reads");
                black_box(duizhao::outline::build(&raw, "p", ""))
            });
        });
    }
    if let Some(page) = shared("guangdong_guangzhou_2023_jiating_yisheng_qianyue_fuwu_shishi_fangan.html") {
        let html = String::from_utf8_lossy(&page).into_owned();
        let (start, end) = (
            html.find("<body").unwrap_or(0),
            html.rfind("</body>").unwrap_or(html.len()),
        );
        let body = &html[start..end];
        // The body repeated until the page is 2 MB.
        let copies = (2 * 1024 * 1024 - html.len()).div_ceil(body.len().max(1));
        let big = format!("{}{}{}", &html[..end], body.repeat(copies), &html[end..]);
        println!("saved page: {} bytes", big.len());
        c.bench_function("html 2 MB read+outline", |b| {
            b.iter(|| {
                let raw = duizhao::ingest::read_bytes("p.html", SourceFormat::Html, big.as_bytes()).expect("reads");
                black_box(duizhao::outline::build(&raw, "p", ""))
            });
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = read
}
criterion_main!(benches);
