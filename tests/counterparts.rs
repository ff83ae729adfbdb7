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
