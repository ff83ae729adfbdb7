//! The Compare view's rows, laid out only where they are seen: going to a row, to a search
//! hit and scrolling still reach every row.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::*;
use crate::app::command::Command;

/// The bottom of the harness's window.
const BOTTOM: f32 = 900.0;

/// Turn the mouse wheel over the comparison by `dy` points (positive: down the page).
fn wheel(h: &mut Harness<'static, DuizhaoApp>, dy: f32) {
    h.event(egui::Event::PointerMoved(egui::pos2(900.0, 500.0)));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    // The wheel scrolls smoothly over a few frames; then the pointer leaves, so that no
    // tooltip keeps the window repainting.
    h.run_steps(6);
    h.remove_cursor();
    h.run();
}

/// Whether a widget with this label is drawn within the window's height, with where.
fn on_screen(h: &Harness<'static, DuizhaoApp>, label: &str) -> Option<egui::Rect> {
    h.query_all_by_label(label)
        .map(|n| n.rect())
        .find(|r| r.bottom() > 0.0 && r.top() < BOTTOM)
}

/// Click a domain in the navigator, scrolled to first if it is below the panel's fold.
fn go_to(h: &mut Harness<'static, DuizhaoApp>, name: &str) {
    nav_entry(h, name).scroll_to_me();
    h.run();
    nav_entry(h, name).click();
    h.run();
}

/// The comparison's rows: (the navigator's name, the title over the row).
fn rows(h: &Harness<'static, DuizhaoApp>) -> Vec<(String, String)> {
    h.state()
        .state
        .compare_rows()
        .map(|(_, r)| (r.name.clone(), r.title.clone()))
        .collect()
}

#[test]
fn going_to_the_last_domain_shows_it() {
    let mut h = analysed_in("Compare");
    let (_, last) = h.state().state.compare_rows().last().expect("rows");
    let (name, title) = (last.name.clone(), last.title.clone());
    assert!(on_screen(&h, &title).is_none(), "the last row starts out of view");
    go_to(&mut h, &name);
    let rect = on_screen(&h, &title).expect("the last row's title is on screen");
    // The last rows cannot come to the top (the list ends), but they come into view.
    assert!(rect.bottom() < BOTTOM, "{rect:?}");
    // And back to the first row, which was laid out once and left.
    let (_, first) = h.state().state.compare_rows().next().expect("rows");
    let (name, title) = (first.name.clone(), first.title.clone());
    go_to(&mut h, &name);
    let rect = on_screen(&h, &title).expect("the first row's title is on screen");
    assert!(rect.top() < 200.0, "at the top: {rect:?}");
}

#[test]
fn going_to_a_middle_domain_puts_its_title_at_the_top() {
    let mut h = analysed_in("Compare");
    let rows = rows(&h);
    let (name, title) = rows[rows.len() / 2].clone();
    go_to(&mut h, &name);
    let rect = on_screen(&h, &title).expect("on screen");
    // Below the top bar and the column headers, and nothing of another row above it.
    assert!(rect.top() < 200.0, "its title at the top of the view: {rect:?}");
    let previous = &rows[rows.len() / 2 - 1].1;
    assert!(
        on_screen(&h, previous).is_none_or(|r| r.bottom() < rect.top()),
        "the row before it is above it"
    );
    // Scrolling up from there lays out the rows above, never laid out before: what is read
    // moves by what was scrolled, not by how far their estimated heights were off.
    wheel(&mut h, -150.0);
    let moved = on_screen(&h, &title).expect("still on screen").top() - rect.top();
    assert!((moved - 150.0).abs() < 2.0, "moved {moved}");
}

#[test]
fn a_search_hit_in_a_far_row_is_scrolled_into_view() {
    let mut h = analysed_in("Compare");
    h.get_by_label("Search").click();
    h.get_by_label("Search").type_text("数据");
    h.run();
    let state = &h.state().state;
    let hits = state.search_hits().to_vec();
    let last_row = hits.iter().map(|hit| hit.row).max().expect("hits");
    let first_row = state.compare_rows().next().map(|(i, _)| i);
    assert!(Some(last_row) != first_row, "hits beyond the first row");
    // Step back from the first hit: the last hit, in the farthest row with hits.
    h.get_by_label("↑").click();
    h.run();
    let hit = h.state().state.current_hit().expect("a hit");
    assert_eq!(hit.row, last_row);
    let text = h.state().state.docs[hit.doc].sections[hit.section].text.clone();
    let rect = h
        .query_all_by_label_contains(&text)
        .map(|n| n.rect())
        .find(|r| r.bottom() > 0.0 && r.top() < BOTTOM);
    assert!(rect.is_some(), "the card holding the hit is on screen");
}

#[test]
fn scrolling_down_reaches_every_domain_in_order() {
    let mut h = analysed_in("Compare");
    let titles: Vec<String> = rows(&h).into_iter().map(|(_, title)| title).collect();
    assert!(titles.len() > 15, "{}", titles.len());
    // Only the rows in view are laid out.
    let seen_at_first = titles.iter().filter(|t| h.query_by_label(t).is_some()).count();
    assert!(seen_at_first < titles.len() / 2, "{seen_at_first} of {}", titles.len());
    let mut seen: Vec<String> = Vec::new();
    for _ in 0..200 {
        for t in &titles {
            if on_screen(&h, t).is_some() && !seen.contains(t) {
                seen.push(t.clone());
            }
        }
        if seen.len() == titles.len() {
            break;
        }
        // Less than a window's height at a time: every place passes through the view.
        wheel(&mut h, 500.0);
    }
    assert_eq!(seen, titles, "every row, in order");
    // And all the way back up.
    for _ in 0..200 {
        wheel(&mut h, -2000.0);
        if on_screen(&h, &titles[0]).is_some() {
            break;
        }
    }
    assert!(on_screen(&h, &titles[0]).is_some(), "back at the first row");
}

#[test]
fn rows_keep_their_place_when_the_search_changes() {
    let mut h = analysed_in("Compare");
    let rows = rows(&h);
    let (name, title) = rows[rows.len() / 2].clone();
    go_to(&mut h, &name);
    let before = on_screen(&h, &title).expect("on screen").top();
    // A search that changes the marks of every card, but jumps nowhere (no hit).
    h.state_mut().state.handle(Command::SetSearch("没有这个词".to_owned()));
    h.run();
    let after = on_screen(&h, &title).expect("still on screen").top();
    assert!((after - before).abs() < 1.0, "{before} → {after}");
}
