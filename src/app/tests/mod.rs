//! The app driven as a user would, headless (`egui_kittest`), widgets found by their labels.

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

/// Let the imports, exports and the analysis under way finish (they run on their own
/// threads), drawing frames meanwhile as the window would. Waiting for the analysis too
/// keeps a test from racing it: an analysis still running animates its progress bar, and a
/// harness that waits for a still window would wait for it.
fn settle(h: &mut Harness<'static, DuizhaoApp>) {
    for _ in 0..12_000 {
        h.step();
        let state = &h.state().state;
        if state.importing().is_none()
            && !state.exporting()
            && !state.analysing()
            && !state.retraining()
            && !state.comparing_pairs()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run_steps(2);
}

/// A correction of the analysed app: its first aligned leaf moved to the next domain, as
/// (document, section, the domain it is moved to).
fn a_correction(h: &Harness<'static, DuizhaoApp>) -> (crate::model::DocIx, crate::model::SecIx, usize) {
    let a = h.state().state.analysis().expect("analysed");
    let (leaf, x) = a
        .alignment
        .leaves
        .iter()
        .zip(&a.alignment.schemes[0].assignments)
        .find(|(_, x)| x.primary.is_some())
        .expect("an aligned leaf");
    let other = (x.primary.expect("aligned") + 1) % a.aligner.taxonomy.schemes[0].categories.len();
    (leaf.doc, leaf.section, other)
}

/// The analysed app switched to a view by clicking its tab.
fn analysed_in(view: &str) -> Harness<'static, DuizhaoApp> {
    let mut h = analysed();
    h.get_by_label(view).click();
    h.run();
    h
}

/// The ids of the documents in the comparison, in column order.
fn chosen_ids(h: &Harness<'static, DuizhaoApp>) -> Vec<String> {
    let state = &h.state().state;
    state.chosen.iter().map(|&d| state.docs[d].id.clone()).collect()
}

/// The chosen documents' persistent keys, in column order (what the settings remember).
fn chosen_keys(h: &Harness<'static, DuizhaoApp>) -> Vec<crate::model::DocKey> {
    let state = &h.state().state;
    state.chosen.iter().map(|&d| state.docs[d].key()).collect()
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
    assert!(h.state().state.analysis_error().is_none());
    h.run();
    assert!(h.state().state.compare_rows().count() > 20);
    // Rows are laid out where they are seen: go to the domain, as a reader would.
    nav_entry(&h, "在线教育").click();
    h.run();
    assert!(h.query_by_label("优化发展在线教育").is_some());
}

#[test]
fn comparing_two_documents_puts_their_education_items_side_by_side() {
    let mut h = analysed_in("Compare");
    for name in ["安徽 2020", "安徽 2024", "芜湖 2021"] {
        h.get_by_label(name).click();
        h.run();
    }
    assert_eq!(chosen_ids(&h), ["shanghai-2020", "zhejiang-2020"]);
    let row = education_row(&h);
    assert_eq!(row.len(), 2, "one column per chosen document");
    assert!(
        row[0].contains(&"二/10".to_owned()) && row[1].contains(&"二/(三)/8".to_owned()),
        "{row:?}"
    );
    nav_entry(&h, "在线教育").click();
    h.run();
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
    // Go to the first domain some document has nothing on (rows are laid out where seen).
    let (_, row) = h
        .state()
        .state
        .compare_rows()
        .find(|(_, r)| r.coverage() < r.cells.len())
        .expect("a row with an empty cell");
    let name = row.name.clone();
    nav_entry(&h, &name).click();
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
    assert_eq!(
        h.state().settings().selected_doc,
        Some(doc.key()),
        "shanghai-2020 remembered by key"
    );
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
    assert!(h.state().settings().dark);
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
        h.state().settings().overrides.map.len(),
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

mod basket;
mod compare;
mod documents;
mod indicator;
mod library;
mod navigate;
mod reuse;
mod startup;
