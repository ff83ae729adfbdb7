//! The basket and exporting it, driven as a user would.

use egui_kittest::kittest::Queryable;

use super::*;

#[test]
fn ticking_two_sections_fills_the_basket_and_exports_them() {
    let mut h = analysed_in("Compare");
    for name in ["安徽 2020", "安徽 2024", "芜湖 2021"] {
        h.get_by_label(name).click();
        h.run();
    }
    // Jump to the domain, as a user would, so that its sections are on screen.
    nav_entry(&h, "在线教育").click();
    h.run();
    h.run();
    h.get_by_label("Basket: 上海 2020 二/10").click();
    h.run();
    h.get_by_label("Basket: 浙江 2020 二/(三)/8").click();
    h.run();
    assert_eq!(h.state().state.basket.len(), 2);
    h.get_by_label("Basket (2)").click();
    h.run();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("education.csv");
    h.state_mut().state.handle(crate::app::command::Command::SetExportPath(
        path.to_string_lossy().into_owned(),
    ));
    h.run();
    h.get_by_label("Export 2 passages").click();
    h.run();
    let notice = h.state().state.notice.clone().expect("a notice");
    assert!(!notice.error, "{notice:?}");
    let bytes = std::fs::read(&path).expect("the export exists");
    let mut rows = csv::Reader::from_reader(&bytes[3..]);
    let sections: Vec<String> = rows
        .records()
        .map(|r| r.expect("csv row")[crate::export::column("section").expect("section column")].to_owned())
        .collect();
    assert_eq!(sections, ["二/10", "二/(三)/8"], "the basket's order");
    // Exporting again asks before replacing; cancelling leaves the file and the basket.
    h.get_by_label("Export 2 passages").click();
    h.run();
    h.get_by_label("Replace the file?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().state.confirm_replace.is_none());
    assert_eq!(std::fs::read(&path).expect("still there"), bytes);
    h.get_by_label("Export 2 passages").click();
    h.run();
    h.get_by_label("Replace").click();
    h.run();
    assert!(
        h.state()
            .state
            .notice
            .as_ref()
            .is_some_and(|n| !n.error && n.text.contains("Exported 2"))
    );
    // A directory that does not exist: a readable error naming it, the basket intact.
    let bad = dir.path().join("missing").join("x.xlsx");
    h.state_mut().state.handle(crate::app::command::Command::SetExportPath(
        bad.to_string_lossy().into_owned(),
    ));
    h.get_by_label("Export 2 passages").click();
    h.run();
    let notice = h.state().state.notice.clone().expect("a notice");
    assert!(notice.error && notice.text.contains("missing"), "{notice:?}");
    assert_eq!(h.state().state.basket.len(), 2);
    assert_eq!(h.state().settings.basket.len(), 2, "remembered across restarts");
}
