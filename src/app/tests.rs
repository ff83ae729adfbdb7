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

/// The app with its analysis done (synchronously, as the background thread would).
fn analysed() -> Harness<'static, DuizhaoApp> {
    let mut h = harness();
    let a = super::analysis::run(&h.state().state.docs, crate::align::Taxonomy::builtin());
    h.state_mut().state.set_analysis(a);
    h.run();
    h
}

/// The analysed app switched to a view by clicking its tab.
fn analysed_in(view: &str) -> Harness<'static, DuizhaoApp> {
    let mut h = analysed();
    h.get_by_label(view).click();
    h.run();
    h
}

/// The domain navigator's entry: the leftmost widget with that label.
fn nav_entry<'h>(h: &'h Harness<'static, DuizhaoApp>, name: &'h str) -> egui_kittest::Node<'h> {
    h.get_all_by_label(name)
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("navigator entry")
}

fn education_row(h: &Harness<'static, DuizhaoApp>) -> Vec<Vec<String>> {
    let (_, row) = h
        .state()
        .state
        .compare_rows()
        .find(|(_, r)| r.title.starts_with("在线教育"))
        .expect("在线教育 row");
    row.cells
        .iter()
        .map(|c| c.iter().map(|k| k.path.clone()).collect())
        .collect()
}

#[test]
fn the_background_analysis_arrives_and_fills_the_comparison() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut().start_analysis(&ctx);
    h.state_mut()
        .state
        .handle(super::command::Command::SetView(super::state::View::Compare));
    for _ in 0..600 {
        h.step();
        if h.state().state.analysis().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(h.state().state.analysis().is_some(), "analysis arrived");
    assert!(h.state().state.analysis_error.is_none());
    h.run();
    assert!(h.state().state.compare_rows().count() > 20);
    assert!(h.query_by_label("优化发展在线教育").is_some());
}

#[test]
fn comparing_two_documents_puts_their_education_items_side_by_side() {
    let mut h = analysed_in("Compare");
    for name in ["安徽 2020", "安徽 2024", "芜湖 2021"] {
        h.get_by_label(name).click();
        h.run();
    }
    let chosen: Vec<&str> = h
        .state()
        .state
        .chosen
        .iter()
        .map(|&d| h.state().state.docs[d].id.as_str())
        .collect();
    assert_eq!(chosen, ["shanghai-2020", "zhejiang-2020"]);
    let row = education_row(&h);
    assert_eq!(row.len(), 2, "one column per chosen document");
    assert!(
        row[0].contains(&"二/10".to_owned()) && row[1].contains(&"二/(三)/8".to_owned()),
        "{row:?}"
    );
    assert!(
        h.query_by_label("优化发展在线教育").is_some(),
        "Shanghai's item is on screen"
    );
    // Toggle Zhejiang off: its column disappears.
    h.get_by_label("浙江 2020").click();
    h.run();
    assert_eq!(education_row(&h).len(), 1);
    assert!(education_row(&h)[0].contains(&"二/10".to_owned()));
}

#[test]
fn empty_cells_say_so_and_the_coverage_filter_hides_rows() {
    let mut h = analysed();
    h.state_mut()
        .state
        .handle(super::command::Command::SetView(super::state::View::Compare));
    h.run();
    assert!(h.query_all_by_label("— no section on this domain —").count() > 0);
    let all = h.state().state.compare_rows().count();
    h.state_mut().state.handle(super::command::Command::SetMinCoverage(5));
    h.run();
    let covered = h.state().state.compare_rows().count();
    assert!(covered < all && covered > 0, "{covered} of {all}");
    assert!(h.state().state.compare_rows().all(|(_, r)| r.coverage() == 5));
}

#[test]
fn the_targets_table_sorts_and_opens_a_section() {
    let mut h = analysed_in("Targets");
    let rows = h.state().state.target_rows().len();
    assert!(rows >= 60, "{rows}");
    h.get_by_label("Value").click();
    h.run();
    let values: Vec<(String, f64)> = h
        .state()
        .state
        .target_rows()
        .iter()
        .map(|r| (r.unit.clone(), r.value))
        .collect();
    assert!(
        values
            .windows(2)
            .all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 <= w[1].1)),
        "sorted by unit then value"
    );
    // Open the first row's section.
    let first = h.state().state.target_rows()[0].clone();
    h.state_mut().state.handle(super::command::Command::ShowSection {
        doc: first.doc,
        section: first.section,
    });
    h.run();
    assert_eq!(h.state().state.view, super::state::View::Document);
    assert_eq!(h.state().state.selected_section(), Some(first.section));
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

#[test]
fn moving_a_section_to_another_domain_and_undoing_it() {
    let mut h = analysed_in("Compare");
    let in_education = |h: &Harness<'static, DuizhaoApp>| education_row(h).iter().flatten().any(|p| p == "二/10");
    assert!(in_education(&h));
    // Jump there with the domain navigator (the leftmost 在线教育), as a reader would.
    nav_entry(&h, "在线教育").click();
    h.run();
    h.get_by_label("二/10").click_secondary();
    h.run();
    h.get_by_label("Move to domain…").click();
    h.run();
    // The submenu's entry (the navigator has one of that name too, further left).
    h.get_all_by_label("在线文娱与会展")
        .max_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("menu entry")
        .click();
    h.run();
    assert!(!in_education(&h), "moved out of 在线教育");
    let (_, culture) = h
        .state()
        .state
        .compare_rows()
        .find(|(_, r)| r.title.starts_with("在线文娱"))
        .expect("culture row");
    assert!(
        culture.cells.iter().flatten().any(|c| c.path == "二/10"),
        "moved into 在线文娱与会展"
    );
    assert_eq!(
        h.state().settings.overrides.map.len(),
        1,
        "the correction is kept with the settings"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(in_education(&h), "undo puts it back");
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run();
    assert!(!in_education(&h), "redo moves it again");
}

#[test]
fn copy_with_citation_puts_the_citation_on_the_clipboard() {
    let mut h = analysed_in("Compare");
    nav_entry(&h, "在线教育").click();
    h.run();
    h.get_by_label("二/10").click_secondary();
    h.run();
    h.get_by_label("Copy with citation").click();
    // The copy happens in the pass that handles the click.
    h.step();
    let copied = h.output().platform_output.commands.iter().find_map(|c| match c {
        egui::OutputCommand::CopyText(t) => Some(t.clone()),
        _ => None,
    });
    let copied = copied.expect("text copied");
    assert!(copied.starts_with("优化发展在线教育。推广线上线下深度融合"), "{copied}");
    assert!(
        copied.ends_with(
            "《上海市促进在线新经济发展行动方案(2020-2022年)》(沪府办发〔2020〕1号), 二/10 优化发展在线教育"
        ),
        "{copied}"
    );
}

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
    assert!(!h.state().state.reuse_domains.is_empty(), "per-domain figures");
    let first = h
        .state()
        .state
        .reuse_pair()
        .and_then(|p| p.passages.iter().position(|q| !q.boilerplate))
        .expect("a passage");
    h.state_mut()
        .state
        .handle(super::command::Command::SelectPassage(Some(first)));
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
    h.state_mut().state.handle(super::command::Command::SetExportPath(
        path.to_string_lossy().into_owned(),
    ));
    h.run();
    h.get_by_label("Export 2 passages").click();
    h.run();
    let notice = h.state().state.notice.clone().expect("a notice");
    assert!(!notice.error, "{notice:?}");
    let bytes = std::fs::read(&path).expect("the export exists");
    let mut rows = csv::Reader::from_reader(&bytes[3..]);
    let sections: Vec<String> = rows.records().map(|r| r.expect("csv row")[7].to_owned()).collect();
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
    h.state_mut().state.handle(super::command::Command::SetExportPath(
        bad.to_string_lossy().into_owned(),
    ));
    h.get_by_label("Export 2 passages").click();
    h.run();
    let notice = h.state().state.notice.clone().expect("a notice");
    assert!(notice.error && notice.text.contains("missing"), "{notice:?}");
    assert_eq!(h.state().state.basket.len(), 2);
    assert_eq!(h.state().settings.basket.len(), 2, "remembered across restarts");
}

#[test]
fn importing_files_adds_documents_reports_bad_ones_and_removal_can_be_undone() {
    let mut h = analysed();
    let dir = tempfile::tempdir().expect("temp dir");
    // A city plan in GBK, as many government sites still publish.
    let text = "某市推进在线教育发展实施方案\n一、主要任务\n（一）发展在线教育。到2025年建成100所智慧学校，推广在线课堂。\n（二）发展远程医疗。建设互联网医院20家以上。\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let good = dir.path().join("city-plan.txt");
    std::fs::write(&good, &gbk).expect("write");
    let binary = dir.path().join("scan.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1, 2, 3]).expect("write");
    let missing = dir.path().join("gone.docx");
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        vec![super::command::Command::Import(vec![good.clone(), binary, missing])],
    );
    h.run_steps(2);
    let state = &h.state().state;
    assert_eq!(state.docs.len(), 6);
    assert_eq!(state.import_errors.len(), 2, "{:?}", state.import_errors);
    assert!(state.import_errors.iter().any(|e| e.contains("scan.txt")));
    assert!(state.import_errors.iter().any(|e| e.contains("gone.docx")));
    assert!(state.chosen.contains(&5), "the new document joins the comparison");
    h.get_by_label("Not imported");
    assert!(h.state().settings.imported.contains(&good), "remembered");
    // Importing the same text again (typed into the path field) is refused, naming the file.
    h.get_by_label("Import path").click();
    h.get_by_label("Import path").type_text(&good.to_string_lossy());
    h.run_steps(2);
    h.get_by_label("Add").click();
    h.run_steps(2);
    assert_eq!(h.state().state.docs.len(), 6);
    assert!(
        h.state()
            .state
            .import_errors
            .iter()
            .any(|e| e.contains("already loaded"))
    );
    // The analysis restarts with the new document in it.
    let a = super::analysis::run(&h.state().state.docs, crate::align::Taxonomy::builtin());
    h.state_mut().state.set_analysis(a);
    h.run();
    let city = &h.state().state.docs[5];
    assert!(city.sections.iter().any(|s| s.heading.contains("在线教育")));
    // Remove it, then undo.
    let name = city.display_name().to_owned();
    h.state_mut()
        .apply(&ctx, vec![super::command::Command::RemoveDocument(5)]);
    h.run_steps(2);
    assert_eq!(h.state().state.docs.len(), 5);
    assert!(h.state().settings.imported.is_empty());
    h.get_by_label(&format!("Undo remove {name}")).click();
    h.run_steps(2);
    assert_eq!(h.state().state.docs.len(), 6);
    assert!(h.state().state.chosen.contains(&5));
}

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
        let text = &h.state().state.docs[hit.doc].sections[hit.section].text;
        let found: String = crate::text::char_slice(text, hit.range.start, hit.range.end).to_ascii_uppercase();
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
    let ids: Vec<String> = after.iter().map(|&d| h.state().state.docs[d].id.clone()).collect();
    assert_eq!(h.state().settings.chosen, ids, "the order is remembered");
    // The comparison's columns follow.
    let (_, row) = h.state().state.compare_rows().next().expect("a row");
    let first_doc = row.cells.iter().find_map(|c| c.first()).map(|c| c.doc);
    assert!(first_doc.is_none_or(|d| after.contains(&d)));
    assert!(row.cells[0].iter().all(|c| c.doc == after[0]));
}

#[test]
fn a_taxonomy_file_is_loaded_from_its_path_and_a_broken_one_is_refused() {
    let mut h = analysed_in("Compare");
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("mine.toml");
    std::fs::write(
        &broken,
        "[[scheme]]\nid = \"x\"\nzh = \"x\"\n[[scheme.category]]\nid = \"a\"\nzh = \"a\"\ncues = { \"教育\" = \"heavy\" }\n",
    )
    .expect("write");
    h.get_by_label("Taxonomy: built-in").click();
    h.run();
    h.get_by_label("Taxonomy path").click();
    h.get_by_label("Taxonomy path").type_text(&broken.to_string_lossy());
    h.run();
    h.get_by_label("Load").click();
    h.run();
    let notice = h.state().state.notice.clone().expect("a notice");
    assert!(notice.error && notice.text.contains("mine.toml: line 7"), "{notice:?}");
    assert!(h.state().state.taxonomy_file.is_none(), "the built-in taxonomy stays");
    assert!(h.state().state.analysis().is_some(), "and so does the analysis");
    // A good file: the analysis restarts by it, and the choice is remembered.
    let good = dir.path().join("domains.toml");
    std::fs::copy("assets/domains.toml", &good).expect("copy");
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![super::command::Command::LoadTaxonomy(good.clone())]);
    assert!(h.state().state.taxonomy_file.is_some());
    assert!(h.state().state.analysing());
    assert_eq!(h.state().settings.taxonomy.as_deref(), Some(good.as_path()));
    h.state_mut()
        .apply(&ctx, vec![super::command::Command::BuiltinTaxonomy]);
    assert!(h.state().state.taxonomy_file.is_none());
    assert_eq!(h.state().settings.taxonomy, None);
}

#[test]
fn side_by_side_documents_scroll_to_the_same_domain() {
    let mut h = analysed();
    h.get_by_label("Side by side").click();
    h.run();
    assert!(h.state().state.side_by_side);
    let docs = &h.state().state.docs;
    let anhui = docs.iter().position(|d| d.id == "anhui-2020").expect("anhui");
    let shanghai = docs.iter().position(|d| d.id == "shanghai-2020").expect("shanghai");
    let education = docs[anhui]
        .sections
        .iter()
        .position(|s| s.heading == "在线教育")
        .expect("Anhui's 在线教育 item");
    // Click a number near the top (one a user sees without scrolling): the leftmost 一/(一)
    // is Anhui's, whose column comes first.
    let first = docs[anhui]
        .sections
        .iter()
        .position(|s| s.path == "一/(一)")
        .expect("一/(一)");
    h.get_all_by_label("一/(一)")
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("Anhui's number")
        .click();
    h.run();
    assert_eq!(h.state().state.sync_source, Some((anhui, first)));
    assert!(h.state().state.sync.is_empty(), "the columns scrolled, once");
    // Where they scrolled to: Shanghai's own online-education item.
    h.state_mut().state.handle(super::command::Command::SyncSection {
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
    assert!(h.state().settings.side_by_side, "remembered");
    // A column's outline scrolls that column: Anhui's 在线教育 item comes into view.
    let path = h.state().state.docs[anhui].sections[education].path.clone();
    let top = |h: &Harness<'static, DuizhaoApp>| {
        h.get_all_by_label(&path)
            .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
            .map(|n| n.rect().top())
            .expect("Anhui's number")
    };
    assert!(top(&h) > 900.0, "below the window at first");
    h.get_all_by_label("Outline").next().expect("outline").click();
    h.run();
    h.get_by_label(&format!("  {path} 在线教育")).click();
    h.run();
    assert!(top(&h) < 900.0, "scrolled into view: {}", top(&h));
}

#[test]
fn the_domain_last_gone_to_is_remembered_and_restored() {
    let mut h = analysed_in("Compare");
    nav_entry(&h, "在线医疗").click();
    h.run();
    let title = h.state().settings.domain.clone().expect("remembered");
    assert!(title.starts_with("在线医疗"), "{title}");
    // A restart with those settings goes back there once the analysis has arrived.
    let settings = h.state().settings.clone();
    let mut h2 = Harness::builder().with_size([1400.0, 900.0]).build_eframe(move |cc| {
        super::theme::install_fonts(&cc.egui_ctx);
        DuizhaoApp::with_settings(&cc.egui_ctx, settings.clone())
    });
    let a = super::analysis::run(&h2.state().state.docs, crate::align::Taxonomy::builtin());
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
fn undoing_a_removal_restores_the_column_and_drops_stale_hits() {
    let mut h = analysed();
    let ctx = h.ctx.clone();
    use super::command::Command;
    h.state_mut().state.handle(Command::MoveColumn { from: 4, to: 0 });
    h.state_mut().state.handle(Command::SetSearch("5G".to_owned()));
    assert!(!h.state().state.search_hits().is_empty());
    let order: Vec<String> = h
        .state()
        .state
        .chosen
        .iter()
        .map(|&d| h.state().state.docs[d].id.clone())
        .collect();
    h.state_mut().apply(&ctx, vec![Command::RemoveDocument(1)]);
    assert!(
        h.state().state.search_hits().is_empty(),
        "no hits into shifted documents"
    );
    h.state_mut().apply(&ctx, vec![Command::UndoRemove]);
    let back: Vec<String> = h
        .state()
        .state
        .chosen
        .iter()
        .map(|&d| h.state().state.docs[d].id.clone())
        .collect();
    assert_eq!(back, order, "the column order is as it was");
}
