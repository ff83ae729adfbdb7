//! The Reuse view and the shared-passage underlay, driven as a user would.

use egui_kittest::kittest::Queryable;

use super::*;

#[test]
fn the_reuse_matrix_opens_a_pair_and_a_passage_side_by_side() {
    let mut h = analysed_in("Reuse");
    let docs = &h.state().state.docs;
    let wuhu = docs.iter().position(|d| d.id == "wuhu-2021").expect("wuhu");
    let anhui = docs.iter().position(|d| d.id == "anhui-2020").expect("anhui");
    let share = h
        .state()
        .state
        .analysis()
        .expect("analysed")
        .reuse
        .coverage(wuhu, anhui);
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
    h.state_mut()
        .state
        .handle(crate::app::command::Command::SelectPassage(Some(first)));
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
    // Every underlaid range lies inside its card's text.
    for (_, row) in h.state().state.compare_rows() {
        for card in row.cells.iter().flatten() {
            let n = card.text.chars().count();
            assert!(card.shared.iter().all(|(r, _)| r.start < r.end && r.end <= n));
        }
    }
}
