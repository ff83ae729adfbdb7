//! The counterparts of every section computed at once through the inverted index (with
//! pruning) are exactly those of the brute force, one section against its whole row — on a
//! corpus large enough that each section has more similar documents than are listed.

#[path = "../benches/common/mod.rs"]
mod common;

use duizhao::align::{Aligner, Taxonomy};

fn assert_same_as_brute_force(docs: &[duizhao::model::Document]) -> usize {
    let aligner = Aligner::new(Taxonomy::builtin());
    let al = aligner.align(docs);
    let all = al.all_counterparts(0);
    assert_eq!(all.len(), al.leaves.len());
    let mut full = 0;
    for (i, cps) in all.iter().enumerate() {
        assert_eq!(cps, &al.counterparts(0, i), "leaf {i}");
        // Ten listed (COUNTERPARTS), the tenth similar: the threshold was set.
        full += usize::from(cps.len() == 10 && cps[9].1 > 0.0);
    }
    full
}

#[test]
fn indexed_counterparts_equal_the_brute_force_on_the_bundled_corpus() {
    assert_same_as_brute_force(&duizhao::corpus::load_all());
}

#[test]
fn indexed_counterparts_equal_the_brute_force_when_the_top_ten_is_contested() {
    // Bundled documents recombined: each section has many near-copies in other documents.
    let docs = common::synthetic_documents(36);
    let full = assert_same_as_brute_force(&docs);
    // Most sections have ten similar documents: the pruning threshold was in play.
    assert!(full > 500, "{full} sections with ten similar documents");
}

#[test]
fn approximate_counterparts_of_large_rows_are_nearly_the_brute_force() {
    // Every row approximated (as rows of thousands of leaves are): the listed similarities
    // are exact, best first, never the section's own document, one per document, and the
    // documents the brute force finds similar are found.
    let docs = common::synthetic_documents(36);
    let al = Aligner::new(Taxonomy::builtin()).align(&docs);
    let approx = al.all_counterparts_exact_up_to(0, 0);
    // (found, wanted) over all the brute force's similar documents, and over those at ≥ 0.3.
    let (mut found, mut wanted, mut found_close, mut close) = (0usize, 0usize, 0usize, 0usize);
    for (i, cps) in approx.iter().enumerate() {
        let exact = al.counterparts(0, i);
        assert_eq!(cps.len(), exact.len(), "leaf {i}: as many listed");
        let own = al.leaves[i].doc;
        let mut docs_seen = std::collections::HashSet::new();
        for w in cps.windows(2) {
            assert!(w[0].1 >= w[1].1, "leaf {i}: best first");
        }
        for &(j, sim) in cps {
            assert_ne!(al.leaves[j].doc, own, "leaf {i}: its own document listed");
            assert!(docs_seen.insert(al.leaves[j].doc), "leaf {i}: a document twice");
            assert_eq!(al.row_of(0, j), al.row_of(0, i), "leaf {i}: another row");
            if sim > 0.0 {
                assert!(
                    (sim - al.similarity(i, j)).abs() < 1e-6,
                    "leaf {i}: similarity not exact"
                );
            }
        }
        let similar = |v: &[(usize, f32)], at_least: f32| -> std::collections::HashSet<duizhao::model::DocIx> {
            v.iter()
                .filter(|c| c.1 > 0.0 && c.1 >= at_least)
                .map(|c| al.leaves[c.0].doc)
                .collect()
        };
        let listed = similar(cps, 0.0);
        let (a, c) = (similar(&exact, 0.0), similar(&exact, 0.3));
        wanted += a.len();
        found += a.intersection(&listed).count();
        close += c.len();
        found_close += c.intersection(&listed).count();
    }
    let recall = found as f64 / wanted as f64;
    let recall_close = found_close as f64 / close as f64;
    // Weakly similar documents (sharing only common wording) may be missed; close ones not.
    assert!(
        recall > 0.9,
        "recall of the brute force's similar documents {recall:.4}"
    );
    assert!(
        recall_close > 0.99,
        "recall of those at similarity ≥ 0.3 {recall_close:.4} ({close})"
    );
}

#[test]
fn alignment_on_one_thread_equals_alignment_on_four() {
    // Every parallel stage (preparing, model features, TF-IDF, neighbours, assignments,
    // counterparts exact and approximate) gives what the sequential run gives, to the byte.
    let docs = common::synthetic_documents(24);
    let aligner = Aligner::new(Taxonomy::builtin());
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool");
        pool.install(|| {
            let al = aligner.align(&docs);
            let report = duizhao::align::report::AlignJson::new(&aligner.taxonomy, &docs, &al);
            let approx = al.all_counterparts_exact_up_to(0, 0);
            (serde_json::to_string(&report).expect("json"), approx)
        })
    };
    let one = run(1);
    assert!(one == run(4), "the report or the approximate counterparts differ");
}
