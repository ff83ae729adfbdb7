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
    settle(&mut h);
    let notice = h.state().state.notice().cloned().expect("a notice");
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
    settle(&mut h);
    assert!(
        h.state()
            .state
            .notice()
            .is_some_and(|n| !n.error && n.text.contains("Exported 2"))
    );
    // A directory that does not exist: a readable error naming it, the basket intact.
    let bad = dir.path().join("missing").join("x.xlsx");
    h.state_mut().state.handle(crate::app::command::Command::SetExportPath(
        bad.to_string_lossy().into_owned(),
    ));
    h.get_by_label("Export 2 passages").click();
    settle(&mut h);
    let notice = h.state().state.notice().cloned().expect("a notice");
    assert!(notice.error && notice.text.contains("missing"), "{notice:?}");
    assert_eq!(h.state().state.basket.len(), 2);
    assert_eq!(h.state().settings().basket.len(), 2, "remembered across restarts");
}

/// Two files of one name in two folders: their ids (`plan`, `plan-2`) follow the import
/// order, their keys do not.
#[test]
fn a_saved_basket_names_the_same_passages_when_files_load_in_another_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a).expect("dir a");
    std::fs::create_dir_all(&b).expect("dir b");
    let (fa, fb) = (a.join("plan.txt"), b.join("plan.txt"));
    std::fs::write(
        &fa,
        "甲市线上经济方案\n一、发展在线教育\n建设教育专网。\n二、发展互联网医疗\n推广远程会诊。\n",
    )
    .expect("a");
    std::fs::write(
        &fb,
        "乙市线上经济方案\n一、发展直播电商\n培育网络零售企业。\n二、建设数据中心\n提升算力水平。\n",
    )
    .expect("b");
    let settings = |imported: Vec<std::path::PathBuf>, basket: Vec<crate::model::SecKey>| Settings {
        imported,
        basket,
        ..Settings::default()
    };
    let open = |s: Settings| {
        let mut h = Harness::builder().with_size([1400.0, 900.0]).build_eframe(move |cc| {
            crate::app::theme::install_fonts(&cc.egui_ctx);
            DuizhaoApp::with_settings(&cc.egui_ctx, s.clone())
        });
        settle(&mut h);
        h
    };
    // First session: a then b; put b's 二 into the basket.
    let mut h = open(settings(vec![fa.clone(), fb.clone()], Vec::new()));
    let state = &h.state().state;
    let d = state
        .docs
        .iter()
        .position(|d| d.source == "plan.txt" && d.text.contains("乙市"))
        .map(crate::model::DocIx)
        .expect("b loaded");
    assert_eq!(state.docs[d].id, "plan-2", "loaded second");
    let s = state.docs[d]
        .sections
        .iter()
        .position(|s| s.path == "二")
        .map(crate::model::SecIx)
        .expect("二");
    let text = state.docs[d].sections[s].heading_and_text();
    h.state_mut().apply(
        &egui::Context::default(),
        vec![crate::app::command::Command::ToggleBasket { doc: d, section: s }],
    );
    let saved = h.state().settings().basket.clone();
    assert_eq!(saved.len(), 1);
    // Next session: the same files imported the other way round.
    let h2 = open(settings(vec![fb, fa], saved));
    let state = &h2.state().state;
    let item = &state.basket.items()[0];
    let (d2, s2) = state.resolve(item).expect("the basket item is loaded");
    assert_eq!(state.docs[d2].id, "plan", "b now loads first");
    assert_eq!(state.docs[d2].sections[s2].heading_and_text(), text, "the same passage");
}

/// Settings written before documents were keyed by content hash named them by id; they still
/// restore the comparison, the document shown and the basket.
#[test]
fn settings_saved_with_document_ids_still_restore() {
    let json = r#"{"chosen":["wuhu-2021","anhui-2020"],"selected_doc":"wuhu-2021","basket":[{"doc":"shanghai-2020","section":"二/10"}]}"#;
    let settings: Settings = serde_json::from_str(json).expect("old settings read");
    let h = Harness::builder().with_size([1400.0, 900.0]).build_eframe(move |cc| {
        crate::app::theme::install_fonts(&cc.egui_ctx);
        DuizhaoApp::with_settings(&cc.egui_ctx, settings.clone())
    });
    let state = &h.state().state;
    let ids: Vec<&str> = state.chosen.iter().map(|&d| state.docs[d].id.as_str()).collect();
    assert_eq!(ids, ["wuhu-2021", "anhui-2020"]);
    assert_eq!(state.selected_doc().map(|d| d.id.as_str()), Some("wuhu-2021"));
    let (d, s) = state
        .resolve(&state.basket.items()[0])
        .expect("the basket item resolves");
    assert_eq!(
        (state.docs[d].id.as_str(), state.docs[d].sections[s].path.as_str()),
        ("shanghai-2020", "二/10")
    );
}
