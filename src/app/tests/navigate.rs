//! Finding and arranging: search, the targets filter, column order, side by side, the
//! domain remembered.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::*;

#[test]
fn search_highlights_and_counts_hits_and_steps_through_them() {
    let mut h = analysed_in("Compare");
    h.get_by_label("Search").click();
    h.run();
    // Typed in full-width forms and lower case: matches the “5G” the documents print.
    h.get_by_label("Search").type_text("５ｇ");
    h.run();
    let hits = h.state().state.search_hits().to_vec();
    assert!(hits.len() >= 2, "{hits:?}");
    for hit in &hits {
        let found: String = h.state().state.docs[hit.doc].slice(hit.range).to_ascii_uppercase();
        assert_eq!(found, "5G");
    }
    h.get_by_label(&format!("1 / {}", hits.len()));
    h.get_by_label("↓").click();
    h.run();
    assert_eq!(h.state().state.search_current, 1);
    h.get_by_label("↑").click();
    h.get_by_label("↑").click();
    h.run();
    assert_eq!(h.state().state.search_current, hits.len() - 1, "wraps around");
    // Fewer chosen documents, fewer hits.
    let before = hits.len();
    for name in ["安徽 2020", "芜湖 2021"] {
        h.get_by_label(name).click();
        h.run();
    }
    assert!(h.state().state.search_hits().len() < before);
    h.get_by_label("Clear").click();
    h.run();
    assert!(h.state().state.search_hits().is_empty());
}

#[test]
fn the_targets_filter_keeps_rows_matching_every_word() {
    let mut h = analysed_in("Targets");
    let total = h.state().state.target_rows().len();
    assert_eq!(h.state().state.visible_target_rows().len(), total);
    h.get_by_label("Filter targets").click();
    h.get_by_label("Filter targets").type_text("2022 ％");
    h.run();
    let rows: Vec<_> = h.state().state.visible_target_rows().cloned().collect();
    assert!(!rows.is_empty() && rows.len() < total, "{} of {total}", rows.len());
    assert!(rows.iter().all(|r| r.year == "2022" && r.unit == "%"), "{rows:?}");
}

#[test]
fn columns_can_be_ordered_by_date_and_moved() {
    let mut h = analysed_in("Compare");
    h.get_by_label("Order by date").click();
    h.run();
    let dates: Vec<Option<String>> = h
        .state()
        .state
        .chosen
        .iter()
        .map(|&d| h.state().state.docs[d].date())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let before = h.state().state.chosen.clone();
    h.get_all_by_label("→").next().expect("move right").click();
    h.run();
    let after = h.state().state.chosen.clone();
    assert_eq!((after[0], after[1]), (before[1], before[0]));
    assert_eq!(h.state().settings().chosen, chosen_keys(&h), "the order is remembered");
    // The comparison's columns follow.
    let (_, row) = h.state().state.compare_rows().next().expect("a row");
    let first_doc = row.cells.iter().find_map(|c| c.first()).map(|c| c.doc);
    assert!(first_doc.is_none_or(|d| after.contains(&d)));
    assert!(row.cells[0].iter().all(|c| c.doc == after[0]));
}

#[test]
fn side_by_side_documents_scroll_to_the_same_domain() {
    let mut h = analysed();
    h.get_by_label("Side by side").click();
    h.run();
    assert!(h.state().state.side_by_side);
    let docs = &h.state().state.docs;
    let anhui = docs
        .iter()
        .position(|d| d.id == "anhui-2020")
        .map(crate::model::DocIx)
        .expect("anhui");
    let shanghai = docs
        .iter()
        .position(|d| d.id == "shanghai-2020")
        .map(crate::model::DocIx)
        .expect("shanghai");
    let education = docs[anhui]
        .sections
        .iter()
        .position(|s| s.heading == "在线教育")
        .map(crate::model::SecIx)
        .expect("Anhui's 在线教育 item");
    // Click a number near the top (one a user sees without scrolling): the leftmost 一/(一)
    // is Anhui's, whose column comes first.
    let first = docs[anhui]
        .sections
        .iter()
        .position(|s| s.path == "一/(一)")
        .map(crate::model::SecIx)
        .expect("一/(一)");
    h.get_all_by_label("一/(一)")
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("Anhui's number")
        .click();
    h.run();
    assert_eq!(h.state().state.sync_source, Some((anhui, first)));
    assert!(h.state().state.sync.is_empty(), "the columns scrolled, once");
    // Where they scrolled to: Shanghai's own online-education item.
    h.state_mut().state.handle(crate::app::command::Command::SyncSection {
        doc: anhui,
        section: education,
    });
    let state = &h.state().state;
    let target = state
        .sync
        .iter()
        .find(|(d, _)| *d == shanghai)
        .expect("Shanghai scrolls");
    assert_eq!(state.docs[shanghai].sections[target.1].path, "二/10");
    assert!(h.state().settings().side_by_side, "remembered");
    // A column's outline scrolls that column: Anhui's 在线教育 item comes into view.
    let path = h.state().state.docs[anhui].sections[education].path.clone();
    // Where Anhui's number is drawn; sections out of view are not laid out at all.
    let top = |h: &Harness<'static, DuizhaoApp>| {
        h.query_all_by_label(&path)
            .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
            .map(|n| n.rect().top())
    };
    assert!(top(&h).is_none_or(|t| t > 900.0), "below the window at first");
    h.get_all_by_label("Outline").next().expect("outline").click();
    h.run();
    h.get_by_label(&format!("  {path} 在线教育")).click();
    h.run();
    assert!(top(&h).is_some_and(|t| t < 900.0), "scrolled into view: {:?}", top(&h));
}

#[test]
fn the_domain_last_gone_to_is_remembered_and_restored() {
    let mut h = analysed_in("Compare");
    nav_entry(&h, "在线医疗").click();
    h.run();
    let key = h.state().settings().domain.clone().expect("remembered");
    let title = h
        .state()
        .state
        .compare_rows()
        .find(|(_, r)| r.key == key)
        .map(|(_, r)| r.title.clone())
        .expect("the remembered row");
    assert!(title.starts_with("在线医疗"), "{title}");
    // A restart with those settings goes back there once the analysis has arrived.
    let settings = h.state().settings();
    let mut h2 = Harness::builder().with_size([1400.0, 900.0]).build_eframe(move |cc| {
        crate::app::theme::install_fonts(&cc.egui_ctx);
        DuizhaoApp::with_settings(&cc.egui_ctx, settings.clone())
    });
    let a = crate::app::analysis::run(&h2.state().state.docs, crate::align::Taxonomy::builtin());
    h2.state_mut().state.set_analysis(a);
    let row = h2.state().state.jump_to_row.expect("a jump");
    let (_, r) = h2
        .state()
        .state
        .compare_rows()
        .find(|(i, _)| *i == row)
        .expect("the row");
    assert_eq!(r.title, title);
}

#[test]
fn searching_a_simplified_word_finds_its_traditional_form() {
    let text =
        "甲市線上經濟發展方案\n一、發展線上教育\n建設教育專網，推動課堂數字化。\n二、發展互聯網醫療\n推廣遠程會診。\n";
    let (docs, errors) = crate::load_many([("trad.txt", crate::model::SourceFormat::Txt, text.as_bytes())]);
    assert!(errors.is_empty());
    let mut state = crate::app::state::AppState::new(docs);
    let a = crate::app::analysis::run(&state.docs, crate::align::Taxonomy::builtin());
    state.set_analysis(a);
    state.handle(crate::app::command::Command::SetSearch("数字化".into()));
    let hits = state.search_hits().to_vec();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(state.docs[hits[0].doc].slice(hits[0].range), "數字化");
}

#[test]
fn a_pinned_reference_column_stays_at_the_left_while_the_others_scroll() {
    let mut h = analysed_in("Compare");
    let third = h.state().state.chosen[2];
    h.get_all_by_label("Pin")
        .nth(2)
        .expect("a Pin button per column")
        .click();
    h.run();
    let state = &h.state().state;
    assert!(state.pin_reference);
    assert_eq!(state.chosen[0], third, "the reference is the first column");
    assert!(h.state().settings().pin_reference, "remembered");
    let header = |h: &Harness<'static, DuizhaoApp>, d: crate::model::DocIx| {
        let name = format!("{} · ", h.state().state.docs[d].display_name());
        h.get_by_label_contains(&name).rect().left()
    };
    let last = *h.state().state.chosen.last().expect("columns");
    let (ref_before, last_before) = (header(&h, third), header(&h, last));
    // egui 0.37 maps AccessKit's ScrollLeft to a delta that moves the view right.
    for _ in 0..4 {
        h.get_by_label_contains(&format!("{} · ", h.state().state.docs[last].display_name()))
            .scroll_left();
        h.run();
    }
    let (ref_after, last_after) = (header(&h, third), header(&h, last));
    assert!(
        last_after < last_before - 50.0,
        "the others scrolled: {last_before} → {last_after}"
    );
    assert!(
        (ref_after - ref_before).abs() < 1.0,
        "the reference stayed: {ref_before} → {ref_after}"
    );
    // Unpinned, it scrolls with the rest.
    h.get_by_label("Unpin").click();
    h.run();
    assert!(!h.state().state.pin_reference);
    assert!(header(&h, third) < ref_before - 50.0, "scrolled away with the others");
}

/// Side by side, a click on a section's number brings the other columns' sections of its
/// domain to their tops, though they lie far down and were never laid out.
#[test]
fn side_by_side_a_click_brings_far_sections_of_other_columns_into_view() {
    let mut h = analysed();
    h.get_by_label("Side by side").click();
    h.run();
    let drawn = |h: &Harness<'static, DuizhaoApp>, label: &str| -> Vec<egui::Rect> {
        h.query_all_by_label(label)
            .map(|n| n.rect())
            .filter(|r| r.bottom() > 0.0 && r.top() < 900.0)
            .collect()
    };
    assert!(drawn(&h, "二/10").is_empty(), "Shanghai's 二/10 is far down its column");
    // Anhui's 在线教育 item, reached through its column's outline, then clicked.
    let docs = &h.state().state.docs;
    let anhui = docs.iter().position(|d| d.id == "anhui-2020").expect("anhui");
    let education = docs[anhui]
        .sections
        .iter()
        .position(|s| s.heading == "在线教育")
        .expect("Anhui's 在线教育 item");
    let path = docs[anhui].sections[education].path.clone();
    h.get_all_by_label("Outline").next().expect("outline").click();
    h.run();
    h.get_by_label(&format!("  {path} 在线教育")).click();
    h.run();
    let number = drawn(&h, &path);
    assert!(!number.is_empty(), "Anhui's number is on screen");
    h.get_all_by_label(&path)
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("Anhui's number")
        .click();
    h.run();
    let shanghai = drawn(&h, "二/10");
    assert!(
        shanghai.iter().any(|r| r.top() < 400.0),
        "Shanghai's 二/10 at the top of its column: {shanghai:?}"
    );
}

/// A Compare row is as tall as its cells in view: scrolled sideways, a row whose tallest cell
/// was out of sight takes that cell's height, and gives it up when the cell leaves the view.
#[test]
fn a_compare_row_is_as_tall_as_its_cells_in_view() {
    let mut h = analysed_in("Compare");
    // Tall enough for the first rows to be laid out together.
    h.set_size(egui::vec2(1400.0, 3000.0));
    h.run();
    let titles: Vec<String> = h
        .state()
        .state
        .compare_rows()
        .take(4)
        .map(|(_, r)| r.title.clone())
        .collect();
    // The tops of the first rows' titles.
    let tops = |h: &Harness<'static, DuizhaoApp>| -> Vec<f32> {
        titles
            .iter()
            .map(|t| {
                h.query_all_by_value(t)
                    .max_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
                    .expect("row title")
                    .rect()
                    .top()
            })
            .collect()
    };
    let heights = |tops: Vec<f32>| -> Vec<f32> { tops.windows(2).map(|w| w[1] - w[0]).collect() };
    let before = heights(tops(&h));
    let last = *h.state().state.chosen.last().expect("columns");
    let name = format!("{} · ", h.state().state.docs[last].display_name());
    // egui 0.37 maps AccessKit's ScrollLeft to a delta that moves the view right.
    for _ in 0..6 {
        h.get_by_label_contains(&name).scroll_left();
        h.run();
    }
    let after = heights(tops(&h));
    assert!(
        before.iter().zip(&after).any(|(b, a)| (b - a).abs() > 1.0),
        "some row's height follows the columns in view: {before:?} → {after:?}"
    );
}
