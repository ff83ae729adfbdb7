//! The app driven as a user would, headless (egui_kittest), widgets found by their labels.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::DuizhaoApp;
use super::settings::Settings;

fn harness() -> Harness<'static, DuizhaoApp> {
    Harness::builder().with_size([1400.0, 900.0]).build_eframe(|cc| {
        super::theme::install_fonts(&cc.egui_ctx);
        DuizhaoApp::with_settings(&cc.egui_ctx, Settings::default())
    })
}

#[test]
fn clicking_a_document_shows_its_outline_and_a_section_its_text() {
    let mut h = harness();
    h.run();
    assert_eq!(
        h.state().state.selected_doc().map(|d| d.id.as_str()),
        Some("anhui-2020")
    );
    h.get_by_label("上海 2020").click();
    h.run();
    assert_eq!(
        h.state().state.selected_doc().map(|d| d.id.as_str()),
        Some("shanghai-2020")
    );
    h.get_by_label("10、 优化发展在线教育").click();
    h.run();
    let doc = h.state().state.selected_doc().expect("doc");
    let s = h.state().state.selected_section().expect("section selected");
    assert_eq!(doc.sections[s].path, "二/10");
    // The section's text is on screen.
    let body = &doc.sections[s].text;
    assert!(h.query_by_label(body).is_some(), "section text shown");
    assert_eq!(h.state().settings.selected_doc.as_deref(), Some("shanghai-2020"));
}

#[test]
fn collapsing_a_part_hides_its_items() {
    let mut h = harness();
    h.run();
    assert!(h.query_by_label("(五) 智慧养老").is_some());
    let rows_before = h.state().state.outline_rows().len();
    // The second collapse button belongs to 二、重点领域.
    let two = h
        .state()
        .state
        .outline_rows()
        .iter()
        .position(|r| r.label == "二、 重点领域")
        .expect("row");
    let section = h.state().state.outline_rows()[two].section;
    h.state_mut()
        .state
        .handle(super::command::Command::ToggleCollapsed(section));
    h.run();
    assert!(h.query_by_label("(五) 智慧养老").is_none());
    assert_eq!(h.state().state.outline_rows().len(), rows_before - 11);
}

#[test]
fn theme_button_switches_and_is_remembered() {
    let mut h = harness();
    h.run();
    h.get_by_label("Dark theme").click();
    h.run();
    assert!(h.state().settings.dark);
    assert!(h.query_by_label("Light theme").is_some());
}
