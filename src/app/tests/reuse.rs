//! The Reuse view and the shared-passage underlay, driven as a user would.

use egui_kittest::kittest::Queryable;

use super::*;
use crate::app::command::Command;
use crate::model::{DocIx, SecIx};

#[test]
fn the_reuse_matrix_opens_a_pair_and_a_passage_side_by_side() {
    let mut h = analysed_in("Reuse");
    let docs = &h.state().state.docs;
    let wuhu = docs.iter().position(|d| d.id == "wuhu-2021").map(DocIx).expect("wuhu");
    let anhui = docs
        .iter()
        .position(|d| d.id == "anhui-2020")
        .map(DocIx)
        .expect("anhui");
    let share = h
        .state()
        .state
        .analysis()
        .expect("analysed")
        .reuse
        .coverage(wuhu, anhui)
        .0;
    let cell = format!("{:.1}%", share * 100.0);
    // The cell in Wuhu's row: the lowest of the cells showing that figure.
    h.get_all_by_label(&cell)
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .expect("matrix cell")
        .click();
    h.run();
    assert_eq!(h.state().state.reuse_pair, Some((anhui, wuhu)));
    assert!(!h.state().state.reuse_domains().is_empty(), "per-domain figures");
    let first = h
        .state()
        .state
        .reuse_pair()
        .and_then(|p| p.passages.iter().position(|q| !q.boilerplate))
        .expect("a passage");
    h.state_mut().state.handle(Command::SelectPassage(Some(first)));
    h.run();
    let chars = h.state().state.reuse_pair().expect("pair").passages[first].chars;
    h.get_by_label(&format!("Passage of {chars} characters"));
    h.get_by_label("Close").click();
    h.run();
    assert_eq!(h.state().state.reuse_passage, None);
}

#[test]
fn shared_passages_are_underlaid_in_the_comparison_on_request() {
    let mut h = analysed_in("Compare");
    assert!(!h.state().state.show_shared);
    h.get_by_label("Shared passages").click();
    h.run();
    assert!(h.state().state.show_shared);
    let cards_with_shared = h
        .state()
        .state
        .compare_rows()
        .flat_map(|(_, r)| r.cells.iter().flatten())
        .filter(|c| !c.shared.is_empty())
        .count();
    assert!(cards_with_shared >= 10, "{cards_with_shared}");
    // Every underlaid range lies inside its card's text (chars of the document's text).
    for (_, row) in h.state().state.compare_rows() {
        for card in row.cells.iter().flatten() {
            let t = card.text_range;
            assert!(
                card.shared
                    .iter()
                    .all(|(r, _)| t.start <= r.start && r.start < r.end && r.end <= t.end)
            );
        }
    }
}

/// Han text of `n` characters that no other seed's text shares eight characters with.
fn distinct_text(seed: u32, n: u32) -> String {
    (0..n)
        .map(|k| char::from_u32(0x4E00 + (seed * 7919 + k * 104_729) % 20_000).unwrap_or('中'))
        .collect()
}

/// 60 documents; documents 2g and 2g+1 share one paragraph, nothing else is shared beyond
/// the formula every one of them carries.
fn write_pairs_library(dir: &std::path::Path) {
    for i in 0..60u32 {
        let text = format!(
            "第{i}号测试方案\n一、总体要求\n各地要认真贯彻落实本方案。\n二、重点任务\n{}。\n三、共同任务\n{}。\n",
            distinct_text(1000 + i, 120),
            distinct_text(i / 2, 120),
        );
        std::fs::write(dir.join(format!("pair-{i:03}.txt")), text).expect("write");
    }
}

#[test]
fn a_large_librarys_pairs_are_estimated_and_compared_when_looked_at() {
    let mut h = analysed_in("Reuse");
    let dir = tempfile::tempdir().expect("temp dir");
    write_pairs_library(dir.path());
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![Command::Import(vec![dir.path().to_owned()])]);
    settle(&mut h);
    let state = &h.state().state;
    assert_eq!(state.docs.len(), 65);
    let ix = |name: &str| {
        state
            .docs
            .iter()
            .position(|d| d.source.ends_with(name))
            .map(DocIx)
            .expect(name)
    };
    let (x, y) = (ix("pair-040.txt"), ix("pair-041.txt"));
    let reuse = &state.analysis().expect("analysed").reuse;
    // Not in view: estimated only, and shown as an estimate.
    let (share, exact) = reuse.coverage(x, y);
    assert!(!exact && share > 0.2, "{share}");
    assert!(h.query_all_by_label_contains("≈").count() > 2, "estimates are marked");
    assert!(
        h.query_all_by_label("·").count() > 10,
        "pairs sharing nothing are a dot"
    );
    // The compared documents' pairs were made exact in the background: Wuhu and Anhui 2020.
    let wuhu = state
        .docs
        .iter()
        .position(|d| d.id == "wuhu-2021")
        .map(DocIx)
        .expect("wuhu");
    let anhui = state
        .docs
        .iter()
        .position(|d| d.id == "anhui-2020")
        .map(DocIx)
        .expect("anhui");
    assert!(state.chosen.contains(&wuhu) && state.chosen.contains(&anhui));
    assert!(reuse.is_exact(wuhu, anhui) && reuse.pair(wuhu, anhui).is_some());
    assert!(
        SecIx::all(state.docs[wuhu].sections.len()).any(|s| state.shared_in(wuhu, s).iter().any(|(_, d)| *d == anhui)),
        "Wuhu's text shared with Anhui 2020 is underlaid"
    );

    // Clicking a pair compares it, and its passages are listed.
    h.state_mut().state.handle(Command::SelectReusePair(Some((x, y))));
    assert!(h.state().state.reuse_pair_pending() || h.state().state.reuse_pair().is_some());
    settle(&mut h);
    let state = &h.state().state;
    assert!(!state.reuse_pair_pending());
    let pair = state.reuse_pair().expect("compared");
    assert_eq!(pair.substantive().count(), 1, "the one shared paragraph");
    assert!(state.analysis().expect("analysed").reuse.coverage(x, y).1);
}
