//! Importing, removing and restoring documents, and the taxonomy file.

use egui_kittest::kittest::Queryable;

use super::*;

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
        vec![crate::app::command::Command::Import(vec![
            good.clone(),
            binary,
            missing,
        ])],
    );
    settle(&mut h);
    let state = &h.state().state;
    assert_eq!(state.docs.len(), 6);
    assert_eq!(state.import_errors().len(), 2, "{:?}", state.import_errors());
    assert!(state.import_errors().iter().any(|e| e.contains("scan.txt")));
    assert!(state.import_errors().iter().any(|e| e.contains("gone.docx")));
    assert!(
        state.chosen.contains(&crate::model::DocIx(5)),
        "the new document joins the comparison"
    );
    h.get_by_label("Not imported");
    assert!(h.state().settings().imported.contains(&good), "remembered");
    // Importing the same text again (typed into the path field) is refused, naming the file.
    h.get_by_label("Import path").click();
    h.get_by_label("Import path").type_text(&good.to_string_lossy());
    h.run_steps(2);
    h.get_by_label("Add").click();
    settle(&mut h);
    assert_eq!(h.state().state.docs.len(), 6);
    assert!(
        h.state()
            .state
            .import_errors()
            .iter()
            .any(|e| e.contains("already loaded"))
    );
    // The analysis restarts with the new document in it.
    let a = crate::app::analysis::run(&h.state().state.docs, crate::align::Taxonomy::builtin());
    h.state_mut().state.set_analysis(a);
    h.run();
    let city = &h.state().state.docs[5];
    assert!(city.sections.iter().any(|s| s.heading.contains("在线教育")));
    // Remove it, then undo.
    let name = city.display_name().to_owned();
    h.state_mut().apply(
        &ctx,
        vec![crate::app::command::Command::RemoveDocument(crate::model::DocIx(5))],
    );
    h.run_steps(2);
    assert_eq!(h.state().state.docs.len(), 5);
    assert!(h.state().settings().imported.is_empty());
    h.get_by_label(&format!("Undo remove {name}")).click();
    h.run_steps(2);
    assert_eq!(h.state().state.docs.len(), 6);
    assert!(h.state().state.chosen.contains(&crate::model::DocIx(5)));
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
    let notice = h.state().state.notice().cloned().expect("a notice");
    assert!(notice.error && notice.text.contains("mine.toml: line 7"), "{notice:?}");
    assert!(h.state().state.taxonomy_file.is_none(), "the built-in taxonomy stays");
    assert!(h.state().state.analysis().is_some(), "and so does the analysis");
    // A good file: the analysis restarts by it, and the choice is remembered.
    let good = dir.path().join("domains.toml");
    std::fs::copy("assets/domains.toml", &good).expect("copy");
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![crate::app::command::Command::LoadTaxonomy(good.clone())]);
    assert!(h.state().state.taxonomy_file.is_some());
    assert!(h.state().state.analysing());
    assert_eq!(h.state().settings().taxonomy.as_deref(), Some(good.as_path()));
    h.state_mut()
        .apply(&ctx, vec![crate::app::command::Command::BuiltinTaxonomy]);
    assert!(h.state().state.taxonomy_file.is_none());
    assert_eq!(h.state().settings().taxonomy, None);
}

#[test]
fn undoing_a_removal_restores_the_column_and_drops_stale_hits() {
    use crate::app::command::Command;
    let mut h = analysed();
    let ctx = h.ctx.clone();
    h.state_mut().state.handle(Command::MoveColumn { from: 4, to: 0 });
    h.state_mut().state.handle(Command::SetSearch("5G".to_owned()));
    assert!(!h.state().state.search_hits().is_empty());
    let order = chosen_ids(&h);
    h.state_mut()
        .apply(&ctx, vec![Command::RemoveDocument(crate::model::DocIx(1))]);
    assert!(
        h.state().state.search_hits().is_empty(),
        "no hits into shifted documents"
    );
    h.state_mut().apply(&ctx, vec![Command::UndoRemove]);
    let back = chosen_ids(&h);
    assert_eq!(back, order, "the column order is as it was");
}

/// The import's summary counts the files that did not come in, however the messages group
/// them (one message sums up every skipped file).
#[test]
fn the_import_summary_counts_the_files_not_imported() {
    let mut h = analysed();
    let dir = tempfile::tempdir().expect("temp dir");
    let good = "某市数字经济实施方案\n一、发展在线教育\n到2025年建成10所智慧学校。\n";
    std::fs::write(dir.path().join("plan.txt"), good).expect("write");
    std::fs::write(dir.path().join("a.json"), "{}").expect("write");
    std::fs::write(dir.path().join("b.json"), "{}").expect("write");
    std::fs::write(dir.path().join("c.py"), "print(1)").expect("write");
    std::fs::write(dir.path().join("broken.docx"), b"PK\x03\x04 not a zip").expect("write");
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        vec![crate::app::command::Command::Import(vec![dir.path().to_owned()])],
    );
    settle(&mut h);
    let summary = h.state().state.notice().expect("the import's outcome").text.clone();
    assert!(summary.starts_with("Imported 1 document"), "{summary}");
    assert!(summary.contains("4 files not imported (see Messages)"), "{summary}");
}

/// A folder of many files is read on its own thread: the command returns at once, the
/// window keeps drawing, and Cancel keeps what was read and reads
/// no more. Importing the folder again brings in every file and the analysis starts again.
#[test]
fn a_large_import_runs_in_the_background_and_can_be_cancelled() {
    const FILES: usize = 120;
    let mut h = analysed();
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..FILES {
        let text = format!(
            "某{i}市数字经济实施方案\n一、发展在线教育\n到2025年建成{i}所智慧学校。\n二、发展远程医疗\n建设互联网医院{i}家。\n"
        );
        std::fs::write(dir.path().join(format!("plan-{i:03}.txt")), text).expect("write");
    }
    let folder = vec![dir.path().to_owned()];
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![crate::app::command::Command::Import(folder.clone())]);
    // Nothing is read on the UI thread: the import is under way when the command returns.
    assert!(h.state().state.importing().is_some());
    assert_eq!(h.state().state.docs.len(), 5);
    h.state_mut()
        .apply(&ctx, vec![crate::app::command::Command::CancelImport]);
    settle(&mut h);
    let state = &h.state().state;
    let added = state.docs.len() - 5;
    let summary = state.notice().expect("the import's outcome").text.clone();
    assert!(summary.starts_with(&format!("Imported {added} document")), "{summary}");
    if added < FILES {
        assert!(
            summary.contains(&format!("cancelled: {} files not read", FILES - added)),
            "{summary}"
        );
    }
    assert!(state.import_errors().is_empty(), "{:?}", state.import_errors());
    // Again, to the end: the files read before are refused as already loaded, the rest come in.
    h.state_mut()
        .apply(&ctx, vec![crate::app::command::Command::Import(folder)]);
    settle(&mut h);
    let state = &h.state().state;
    assert_eq!(state.docs.len(), 5 + FILES, "every file in");
    assert_eq!(state.import_errors().len(), added, "the ones read before are named");
    assert_eq!(
        state.chosen.len(),
        crate::app::state::AUTO_CHOSEN,
        "new documents join the comparison while it has fewer than eight columns"
    );
    assert!(
        state.analysing() || state.analysis().is_some_and(|a| a.targets.len() == 5 + FILES),
        "the analysis starts again with them"
    );
}

/// Wait for the project being opened or saved.
pub(super) fn settle_project(h: &mut Harness<'static, DuizhaoApp>) {
    for _ in 0..3000 {
        h.step();
        let p = &h.state().state.project;
        if !p.opening() && !p.saving() && h.state().state.importing().is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run_steps(2);
}

/// A fresh window that has opened the project at `path`.
pub(super) fn open_project(path: &std::path::Path) -> Harness<'static, DuizhaoApp> {
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![crate::app::command::Command::OpenProject(path.to_owned())]);
    settle_project(&mut h);
    h
}

/// A study kept as a project: documents, a correction, a note, a metadata edit and the
/// basket come back when it is opened in a fresh window; a file moved away is named, the
/// rest open, and Relink brings it back with what was keyed to it.
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one researcher's flow from saving to relinking, read top to bottom"
)]
fn a_project_saved_and_opened_again_keeps_the_study_and_relinks_a_moved_file() {
    use crate::app::command::Command;
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("jia.txt");
    let b = dir.path().join("yi.txt");
    std::fs::write(
        &a,
        "甲市线上经济方案\n一、发展在线教育\n建设教育专网，推广在线课堂。\n二、发展互联网医疗\n推广远程会诊。\n",
    )
    .expect("a");
    std::fs::write(
        &b,
        "乙市线上经济方案\n一、发展直播电商\n培育网络零售企业。\n二、建设数据中心\n提升算力水平。\n",
    )
    .expect("b");
    let mut h = analysed();
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![Command::Import(vec![a.clone(), b.clone()])]);
    settle(&mut h);
    let an = crate::app::analysis::run(&h.state().state.docs, crate::align::Taxonomy::builtin());
    h.state_mut().state.set_analysis(an);
    h.run();
    let state = &h.state().state;
    let jia = state
        .docs
        .iter()
        .position(|d| d.text.contains("甲市"))
        .map(crate::model::DocIx)
        .expect("甲");
    let section = state.docs[jia]
        .sections
        .iter()
        .position(|s| s.path == "一")
        .map(crate::model::SecIx)
        .expect("一");
    let jia_key = state.docs[jia].key();
    h.state_mut().apply(
        &ctx,
        vec![
            Command::MoveSection {
                doc: jia,
                section,
                category: Some(3),
            },
            Command::ToggleBasket { doc: jia, section },
            Command::EditNote(Some((jia, section))),
            Command::SetNoteText("与国家规划措辞相同".to_owned()),
            Command::SaveNote,
            Command::EditMeta(Some(jia)),
        ],
    );
    let mut fields = h.state().state.project.editing_meta.clone().expect("editor open").1;
    fields.doc_number = Some("甲政办发〔2021〕7号".to_owned());
    h.state_mut()
        .apply(&ctx, vec![Command::SetMetaFields(fields), Command::SaveMeta]);
    h.run();
    let cite = {
        let d = &h.state().state.docs[jia];
        crate::citation::with_citation(d, &d.sections[section])
    };
    assert!(
        cite.contains("甲政办发〔2021〕7号"),
        "the edit reaches the citation: {cite}"
    );
    assert_eq!(h.state().state.note(jia, section), Some("与国家规划措辞相同"));
    let project = dir.path().join("study.duizhao");
    h.state_mut()
        .apply(&ctx, vec![Command::SaveProjectAs(Some(project.clone()))]);
    settle_project(&mut h);
    assert!(project.is_file(), "{:?}", h.state().state.notice());
    assert!(!h.state().state.unsaved());
    let saved_overrides = h.state().state.overrides.current.clone();

    // A fresh window opens it.
    let open = open_project;
    let h2 = open(&project);
    let s = &h2.state().state;
    assert_eq!(s.docs.len(), 7, "the five bundled and the two imported");
    let jia2 = s
        .docs
        .iter()
        .position(|d| d.key() == jia_key)
        .map(crate::model::DocIx)
        .expect("甲 again");
    assert_eq!(s.docs[jia2].meta.doc_number.as_deref(), Some("甲政办发〔2021〕7号"));
    assert_eq!(s.note(jia2, section), Some("与国家规划措辞相同"));
    assert_eq!(s.overrides.current, saved_overrides);
    assert_eq!(s.basket.items(), [s.docs[jia2].sec_key(section).expect("key")]);
    assert!(!s.unsaved(), "nothing to save right after opening");
    assert_eq!(
        h2.state().settings().project.as_deref(),
        Some(project.as_path()),
        "reopened at start"
    );

    // 乙 moved away: named, the rest open; Relink brings it back.
    let moved = dir.path().join("elsewhere");
    std::fs::create_dir(&moved).expect("dir");
    let new_place = moved.join("yi.txt");
    std::fs::rename(&b, &new_place).expect("move");
    let mut h3 = open(&project);
    let s = &h3.state().state;
    assert_eq!(s.docs.len(), 6);
    assert_eq!(s.project.missing.len(), 1);
    assert!(s.messages.all().iter().any(|m| m.error && m.text.contains("yi.txt")));
    h3.get_by_label("Missing documents");
    let ctx3 = h3.ctx.clone();
    h3.state_mut().apply(
        &ctx3,
        vec![Command::Relink {
            index: 0,
            file: Some(new_place.clone()),
        }],
    );
    settle_project(&mut h3);
    let s = &h3.state().state;
    assert_eq!(s.docs.len(), 7);
    assert!(s.project.missing.is_empty());
    assert!(
        s.to_project()
            .documents
            .iter()
            .any(|d| d.path.as_deref() == Some(std::path::Path::new("elsewhere/yi.txt")))
    );
}

/// A library larger than the bar: imports join the comparison only up to eight columns, the
/// others are chosen from a list, and a ninth column is added from it.
#[test]
fn a_library_is_compared_eight_at_a_time_and_more_are_chosen_from_a_list() {
    let mut h = analysed_in("Compare");
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..12 {
        let text = format!(
            "某{i}县数字经济方案\n一、发展在线教育\n到2025年建成{i}所智慧学校。\n二、发展远程医疗\n建设互联网医院{i}家。\n"
        );
        std::fs::write(dir.path().join(format!("county-{i:02}.txt")), text).expect("write");
    }
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        vec![crate::app::command::Command::Import(vec![dir.path().to_owned()])],
    );
    settle(&mut h);
    let a = crate::app::analysis::run(&h.state().state.docs, crate::align::Taxonomy::builtin());
    h.state_mut().state.set_analysis(a);
    h.run();
    assert_eq!(h.state().state.docs.len(), 17);
    assert_eq!(h.state().state.chosen.len(), 8);
    h.get_by_label("Compare 8 of 17 ▼").click();
    h.run();
    let last = h.state().state.docs[16].display_name().to_owned();
    h.get_by_label(&last).click();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.chosen.len(), 9);
    assert!(state.chosen.contains(&crate::model::DocIx(16)));
    assert!(state.compare_rows().count() > 10);
    assert!(
        state.compare_rows().all(|(_, r)| r.cells.len() == 9),
        "a column for each chosen document"
    );
    assert!(
        state.compare_rows().any(|(_, r)| !r.cells[8].is_empty()),
        "the new column has its sections"
    );
}

/// A model retrained on corrections is kept with the project: reopened in a fresh window, the
/// study aligns as the retrained model did, not as the shipped one; once the retraining is
/// undone, the project no longer asks for it.
#[test]
fn a_retrained_model_comes_back_with_its_project() {
    use crate::app::command::Command;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = analysed_in("Compare");
    let shipped = h.state().state.analysis().expect("analysed").pristine.clone();
    let (doc, section, other) = a_correction(&h);
    let ctx = h.ctx.clone();
    let moved = Command::MoveSection {
        doc,
        section,
        category: Some(other),
    };
    h.state_mut().apply(&ctx, vec![moved]);
    h.run();
    h.get_by_label("Retrain on my corrections").click();
    settle(&mut h);
    let retrained = h.state().state.analysis().expect("analysed").pristine.clone();
    assert_ne!(retrained, shipped, "the retrained model scores differently");
    let project = h.state().state.to_project();
    assert_eq!(project.retrained_on.as_ref(), Some(&h.state().state.overrides.current));
    let path = dir.path().join("retrained.duizhao");
    h.state_mut()
        .apply(&ctx, vec![Command::SaveProjectAs(Some(path.clone()))]);
    settle_project(&mut h);

    let mut h2 = harness();
    let ctx2 = h2.ctx.clone();
    h2.state_mut().apply(&ctx2, vec![Command::OpenProject(path)]);
    settle_project(&mut h2);
    settle(&mut h2);
    let s = &h2.state().state;
    assert_eq!(
        s.analysis().expect("analysed").pristine,
        retrained,
        "the same model again"
    );
    assert_eq!(s.category_of(doc, section), Some(other), "the correction holds");
    assert!(!s.unsaved());

    h.get_by_label("Undo retrain").click();
    h.run();
    assert_eq!(h.state().state.to_project().retrained_on, None);
    assert_eq!(h.state().state.analysis().expect("analysed").pristine, shipped);
}

/// A project that names a compared document twice (edited by hand, or two studies merged)
/// opens with that document compared once.
#[test]
fn a_document_named_twice_among_the_compared_is_compared_once() {
    use crate::app::command::Command;
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = crate::corpus::load_all();
    let project = crate::project::Project {
        chosen: vec![docs[1].key(), docs[3].key(), docs[1].key()],
        ..crate::project::Project::default()
    };
    let path = dir.path().join("twice.duizhao");
    project.save(&path).expect("save");
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, vec![Command::OpenProject(path)]);
    settle_project(&mut h);
    assert_eq!(h.state().state.chosen, [crate::model::DocIx(1), crate::model::DocIx(3)]);
}

/// A file whose text says neither its title nor its region is named by its file, shortly:
/// in the top bar's chips, the Compare column headers and the Reuse matrix, never by its
/// long file name with underscores.
#[test]
fn a_document_without_title_or_region_is_named_shortly_by_its_file() {
    let mut h = analysed_in("Compare");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir
        .path()
        .join("guangdong_province_digital_economy_action_plan_2023_final.txt");
    std::fs::write(
        &file,
        "一、发展在线教育\n建设教育专网。\n二、发展远程医疗\n推广远程会诊。\n",
    )
    .expect("write");
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![crate::app::command::Command::Import(vec![file])]);
    settle(&mut h);
    let a = crate::app::analysis::run(&h.state().state.docs, crate::align::Taxonomy::builtin());
    h.state_mut().state.set_analysis(a);
    h.run();
    let label = h.state().state.docs[5].display_name().to_owned();
    assert_eq!(label, "guangdong pr…2023 final");
    let named = |h: &Harness<'static, DuizhaoApp>| h.query_all_by_label_contains(&label).count();
    assert!(named(&h) >= 2, "the chip and the column header");
    assert!(
        h.query_all_by_label_contains("guangdong_province").next().is_none(),
        "the file name is not shown"
    );
    h.get_by_label("Reuse").click();
    h.run();
    assert!(named(&h) >= 2, "the matrix's row and column headers");
}
