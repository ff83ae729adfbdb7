//! The library at research scale: 200 imported documents filtered, sorted and chosen from;
//! the coverage matrix leads into the comparison.

use egui_kittest::kittest::Queryable;

use super::{a_correction, analysed_in, settle};
use crate::app::command::Command;
use crate::app::state::View;
use crate::library::Column;

const PROVINCES: [&str; 10] = [
    "浙江省",
    "江苏省",
    "安徽省",
    "广东省",
    "四川省",
    "湖北省",
    "福建省",
    "山东省",
    "河南省",
    "湖南省",
];
const KINDS: [&str; 4] = ["实施意见", "行动计划", "条例", "管理办法"];

/// `n` documents (200: each province has 20, of four kinds, dated over four years).
fn write_library(dir: &std::path::Path, n: usize) {
    for i in 0..n {
        let province = PROVINCES[i % PROVINCES.len()];
        let kind = KINDS[(i / PROVINCES.len()) % KINDS.len()];
        let year = 2019 + (i / 40);
        let month = 1 + i % 12;
        let text = format!(
            "{province}数字经济发展{kind}\n{province}人民政府\n{year}年{month}月8日\n一、发展在线教育\n到2025年建成{i}所智慧学校。\n二、发展远程医疗\n建设互联网医院{i}家。\n"
        );
        std::fs::write(dir.join(format!("doc-{i:03}.txt")), text).expect("write");
    }
}

#[test]
fn two_hundred_documents_are_filtered_sorted_and_eight_chosen_from_the_library() {
    let mut h = analysed_in("Library");
    assert_eq!(h.state().state.view, View::Library);
    let dir = tempfile::tempdir().expect("temp dir");
    write_library(dir.path(), 200);
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![Command::Import(vec![dir.path().to_owned()])]);
    settle(&mut h);
    assert!(h.state().state.analysis().is_some(), "analysed in the background");
    assert_eq!(h.state().state.docs.len(), 205);
    assert!(
        h.state().state.library_shown().filter(|e| e.targets > 0).count() >= 200,
        "the analysis counts each document's targets"
    );
    assert_eq!(h.state().state.library_shown().len(), 205);

    // Filter by region and kind: the words may match different fields, all must match.
    h.get_by_label("Filter library").click();
    h.run();
    h.get_by_label("Filter library").type_text("江苏 条例");
    h.run();
    let shown: Vec<(String, String, String)> = h
        .state()
        .state
        .library_shown()
        .map(|e| (e.region.clone(), e.kind.clone(), e.date.clone()))
        .collect();
    assert_eq!(shown.len(), 5, "江苏 has five 条例 of the 200");
    assert!(shown.iter().all(|(r, k, _)| r == "江苏省" && k == "条例"), "{shown:?}");

    // Sort by date, then the other way round.
    h.get_by_label("Date 日期").click();
    h.run();
    let dates = |h: &super::Harness<'static, crate::app::DuizhaoApp>| -> Vec<String> {
        h.state().state.library_shown().map(|e| e.date.clone()).collect()
    };
    let up = dates(&h);
    assert!(up.windows(2).all(|w| w[0] <= w[1]), "{up:?}");
    h.get_by_label("Date 日期 ▲").click();
    h.run();
    let down = dates(&h);
    assert!(down.windows(2).all(|w| w[0] >= w[1]), "{down:?}");
    assert_eq!(h.state().state.library_sort, (Column::Date, true));

    // Choose: nothing compared, then the 浙江省 documents of 2022 at once, then one more.
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![Command::SetLibraryFilter(String::new())]);
    h.run();
    h.get_by_label("Compare none shown").click();
    h.run();
    assert!(h.state().state.chosen.is_empty());
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![Command::SetLibraryFilter("浙江省 2022".into())]);
    h.run();
    let want = h.state().state.library_shown().len();
    assert!(want > 0);
    h.get_by_label("Compare all shown").click();
    // Choosing starts the exact comparison of the pairs in view on its own thread: wait for
    // it, as a still window would (a loaded machine made `run` give up before it ended).
    settle(&mut h);
    let state = &h.state().state;
    assert_eq!(state.chosen.len(), want);
    assert!(
        state
            .chosen
            .iter()
            .all(|&d| state.docs[d].meta.region.as_deref() == Some("浙江省"))
    );
    // One more by its own tick box.
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![Command::SetLibraryFilter("湖南省 2019".into())]);
    h.run();
    let first = h
        .state()
        .state
        .library_shown()
        .next()
        .expect("a 湖南 2019 document")
        .clone();
    h.get_by_label(&format!("Compare {}", first.label)).click();
    settle(&mut h);
    let state = &h.state().state;
    assert!(state.chosen.contains(&first.doc));
    assert_eq!(state.chosen.len(), want + 1);
    assert!(
        state.compare_rows().all(|(_, r)| r.cells.len() == want + 1),
        "the comparison has a column for each"
    );
}

/// More documents compared than the navigator's strip has readable cells for: each row says
/// how many it covers, and a link opens the coverage matrix.
#[test]
fn comparing_many_documents_the_navigator_counts_coverage_and_leads_to_the_matrix() {
    let mut h = analysed_in("Compare");
    let dir = tempfile::tempdir().expect("temp dir");
    write_library(dir.path(), 30);
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![Command::Import(vec![dir.path().to_owned()])]);
    settle(&mut h);
    h.get_by_label("Library").click();
    h.run();
    h.get_by_label("Compare all shown").click();
    h.run();
    h.get_by_label("Compare").click();
    h.run();
    let n = h.state().state.chosen.len();
    assert_eq!(n, 35);
    assert!(n > crate::app::ui::domain_nav::STRIP_MAX);
    // 在线教育: the 30 imported plans and some bundled ones cover it.
    let (_, education) = h
        .state()
        .state
        .compare_rows()
        .find(|(_, r)| r.key == "education")
        .expect("an education row");
    let covered = education.cells.iter().filter(|c| !c.is_empty()).count();
    assert!(covered >= 30, "{covered}");
    assert!(
        h.query_all_by_label(&format!("{covered}/{n}")).next().is_some(),
        "the row says how many documents it covers"
    );
    h.get_by_label(&format!("{n} documents compared: coverage matrix…"))
        .click();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.view, View::Library);
    assert_eq!(state.library_mode, crate::app::state::library::LibraryMode::Coverage);
}

#[test]
fn a_coverage_cell_compares_its_domain_with_that_document() {
    let mut h = analysed_in("Library");
    h.get_by_label("Coverage of domains").click();
    h.run();
    let state = &h.state().state;
    let a = state.analysis().expect("analysed");
    let scheme = &a.aligner.taxonomy.schemes[state.scheme];
    let coverage = state.coverage();
    // A domain the last document covers: take it out of the comparison first.
    let doc = crate::model::DocIx(state.docs.len() - 1);
    let row = (0..scheme.categories.len())
        .find(|&r| coverage.count(r, doc) > 0)
        .expect("a covered domain");
    let (zh, key) = (scheme.categories[row].zh.clone(), scheme.categories[row].id.clone());
    let label = format!("{} {zh} {}", state.docs[doc].display_name(), coverage.count(row, doc));
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, vec![Command::ToggleChosen(doc)]);
    h.run();
    assert!(!h.state().state.chosen.contains(&doc));
    h.get_by_label(&label).click();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.view, View::Compare);
    assert!(state.chosen.contains(&doc), "the document joins the comparison");
    assert_eq!(
        state.domain.as_deref(),
        Some(key.as_str()),
        "the comparison goes to that domain"
    );
}

#[test]
fn a_suggested_number_is_accepted_with_one_click_and_reaches_the_citation() {
    let mut h = analysed_in("Library");
    let state = &h.state().state;
    let anhui = state
        .docs
        .iter()
        .position(|d| d.id == "anhui-2020")
        .map(crate::model::DocIx)
        .expect("anhui-2020");
    assert!(state.docs[anhui].meta.doc_number.is_none());
    let s = state
        .suggestions()
        .iter()
        .find(|s| s.doc == anhui)
        .expect("suggested")
        .clone();
    let label = state.docs[anhui].display_name().to_owned();
    h.get_by_label_contains("Suggested 文号").click();
    h.run();
    h.get_by_label(&format!("Accept for {label}")).click();
    h.run();
    let state = &h.state().state;
    assert_eq!(
        state.docs[anhui].meta.doc_number.as_deref(),
        Some(s.doc_number.as_str())
    );
    assert!(
        state.suggestions().iter().all(|x| x.doc != anhui),
        "taken: no longer suggested"
    );
    let doc = &state.docs[anhui];
    let cited = crate::citation::cite(doc, &doc.sections[0]);
    assert!(cited.contains(&s.doc_number), "{cited}");
}

#[test]
fn the_tables_view_counts_the_chosen_documents_items_by_tool_and_domain() {
    let mut h = analysed_in("Tables");
    let state = &h.state().state;
    assert_eq!(state.view, View::Tables);
    let a = state.analysis().expect("analysed");
    let leaves_of = |d: crate::model::DocIx| a.alignment.leaves.iter().filter(|l| l.doc == d).count();
    let chosen_leaves: usize = state.chosen.iter().map(|&d| leaves_of(d)).sum();
    let blocks = state.crosstab();
    assert_eq!(
        blocks.len(),
        state.chosen.len() + 1,
        "one block per document and the pooled one"
    );
    let total = |b: &crate::export::tables::Block| match &b.rows[b.rows.len() - 2][b.header.len() - 2] {
        crate::export::tables::Value::Count(n) => *n,
        other => panic!("{other:?}"),
    };
    assert_eq!(total(blocks.last().expect("pooled")), chosen_leaves);
    // The chart's groups add up to the items that have a tool.
    for g in state.tool_groups() {
        let with_tool = a
            .alignment
            .leaves
            .iter()
            .zip(&a.alignment.schemes[1].assignments)
            .filter(|(l, x)| l.doc == g.doc && x.primary.is_some())
            .count();
        assert_eq!(g.groups.iter().map(|(_, n)| n).sum::<usize>(), with_tool);
    }
    // One document's own table.
    let second = state.docs[state.chosen[1]].display_name().to_owned();
    let expect = leaves_of(state.chosen[1]);
    h.get_by_label(&format!("Cross-table of {second}")).click();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.tables_block, Some(1));
    assert_eq!(total(&state.crosstab()[1]), expect);
}

#[test]
fn retraining_on_a_correction_reports_what_moved_and_undo_puts_the_model_back() {
    let mut h = analysed_in("Compare");
    let state = &h.state().state;
    let a = state.analysis().expect("analysed");
    let before = a.pristine.clone();
    let old = std::sync::Arc::clone(&a.aligner);
    // Move the first aligned leaf to another domain: a correction.
    let (doc, section, other) = a_correction(&h);
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        vec![Command::MoveSection {
            doc,
            section,
            category: Some(other),
        }],
    );
    h.run();
    h.get_by_label("Retrain on my corrections").click();
    settle(&mut h);
    let state = &h.state().state;
    let a = state.analysis().expect("analysed");
    assert!(!std::sync::Arc::ptr_eq(&a.aligner, &old), "a new model");
    assert!(
        state
            .messages
            .all()
            .iter()
            .any(|m| m.text.starts_with("Retrained on 1 corrections")),
        "{:?}",
        state.messages.all().iter().map(|m| &m.text).collect::<Vec<_>>()
    );
    assert_eq!(
        state.category_of(doc, section),
        Some(other),
        "the correction still holds"
    );
    h.get_by_label("Undo retrain").click();
    h.run();
    let a = h.state().state.analysis().expect("analysed");
    assert!(std::sync::Arc::ptr_eq(&a.aligner, &old), "the model as before");
    assert_eq!(a.pristine, before, "the alignment as before");
}

#[test]
fn the_timeline_places_dated_documents_and_draws_the_sharing_pairs() {
    let mut h = analysed_in("Library");
    h.get_by_label("Diffusion timeline").click();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.library_mode, crate::app::state::library::LibraryMode::Timeline);
    let dated = state
        .docs
        .iter()
        .filter(|d| crate::library::diffusion::when(d).is_some())
        .count();
    let summary = format!("{dated} of {} documents have a date and are placed", state.docs.len());
    h.get_by_label_contains(&summary);
    // By default one arrow per document that took wording: its likeliest source.
    let takers = |edges: &[crate::library::diffusion::Edge]| {
        let mut to: Vec<_> = edges.iter().map(|e| e.to).collect();
        to.sort_unstable();
        to.dedup();
        to.len()
    };
    let sources = state.timeline().edges.clone();
    assert!(!sources.is_empty());
    assert_eq!(takers(&sources), sources.len(), "one arrow per taker: {sources:?}");
    h.get_by_label("Every pair").click();
    h.run();
    let state = &h.state().state;
    let all = &state.timeline().edges;
    assert!(state.timeline_options.every_pair);
    assert!(h.state().settings().timeline.every_pair, "remembered");
    assert!(all.len() > sources.len(), "near copies share with several: {all:?}");
    assert!(
        sources.iter().all(|e| all.contains(e)),
        "the likeliest sources are among all pairs"
    );
}

#[test]
fn a_chart_is_chosen_in_the_tables_view_and_saved_as_png_and_svg() {
    let mut h = analysed_in("Tables");
    h.get_by_label("Domains").click();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.tables_chart, crate::export::chart::Kind::Domains);
    assert_eq!(
        h.state().settings().tables_chart,
        crate::export::chart::Kind::Domains,
        "remembered"
    );
    let chart = state.chart().expect("a chart").clone();
    assert!(chart.horizontal && !chart.is_empty());
    assert_eq!(chart.layers.len(), state.chosen.len(), "a layer per chosen document");
    let dir = tempfile::tempdir().expect("temp dir");
    let ctx = h.ctx.clone();
    for (image, name) in [
        (crate::export::chart::Image::Png, "c.png"),
        (crate::export::chart::Image::Svg, "c.svg"),
    ] {
        let path = dir.path().join(name);
        h.state_mut().apply(
            &ctx,
            vec![Command::SaveChart {
                image,
                path: Some(path.clone()),
            }],
        );
        settle(&mut h);
        let saved = h.state().state.messages.latest().expect("a message");
        assert!(!saved.error && saved.text.contains("Saved the chart"), "{}", saved.text);
        let bytes = std::fs::read(&path).expect("written");
        match image {
            crate::export::chart::Image::Png => assert!(bytes.starts_with(b"\x89PNG")),
            crate::export::chart::Image::Svg => {
                let svg = String::from_utf8(bytes).expect("UTF-8");
                assert!(svg.contains("<svg") && svg.contains(&chart.bars[0]));
            }
        }
    }
    // A folder that cannot be written says so and names the file.
    let bad = dir.path().join("missing-folder").join("c.png");
    h.state_mut().apply(
        &ctx,
        vec![Command::SaveChart {
            image: crate::export::chart::Image::Png,
            path: Some(bad),
        }],
    );
    settle(&mut h);
    let failed = h.state().state.messages.latest().expect("a message");
    assert!(failed.error && failed.text.contains("c.png"), "{}", failed.text);
}

#[test]
fn many_documents_of_one_month_stay_in_their_lane_and_season_on_the_timeline() {
    use crate::app::state::library::{TimelineOptions, lay_out_timeline};
    use crate::model::DocIx;
    // Sixty near copies issued by provinces in the same month (as a central notice is
    // followed), and one city document of the same month.
    let one = crate::corpus::load_bundled(&crate::corpus::BUNDLED[0]).expect("bundled");
    let mut docs = vec![one; 61];
    for d in &mut docs[..60] {
        d.meta.level = Some(crate::model::Level::Provincial);
        d.meta.date_issued = Some("2021-06-15".into());
    }
    docs[60].meta.level = Some(crate::model::Level::City);
    docs[60].meta.date_issued = Some("2021-06-20".into());
    let shown: Vec<DocIx> = (0..docs.len()).map(DocIx).collect();
    let t = lay_out_timeline(&docs, &shown, &[], TimelineOptions::default());
    assert_eq!(t.placed.len(), 61);
    let provincial = 3.0;
    for d in &shown[..60] {
        let [x, y] = t.position[d];
        assert!((y - provincial).abs() <= 0.31, "{d:?} left the provincial lane: {y}");
        assert!((2021.4..2021.8).contains(&x), "{d:?} moved out of its season: {x}");
    }
    assert!(
        (t.position[&shown[60]][1] - 2.0).abs() < 1e-9,
        "the city document on its lane"
    );
    // A block has room for 42 without covering each other (the first 42 in load order).
    for (i, a) in shown[..42].iter().enumerate() {
        for b in &shown[i + 1..42] {
            let (p, q) = (t.position[a], t.position[b]);
            assert!(
                (p[0] - q[0]).abs() >= 0.04 || (p[1] - q[1]).abs() >= 0.09,
                "{a:?} and {b:?} drawn on each other: {p:?} {q:?}"
            );
        }
    }
    // Sorting the library does not move anything.
    let reversed: Vec<DocIx> = shown.iter().rev().copied().collect();
    let again = lay_out_timeline(&docs, &reversed, &[], TimelineOptions::default());
    for d in &shown {
        let (p, q) = (again.position[d], t.position[d]);
        assert!((p[0] - q[0]).abs() < 1e-12 && (p[1] - q[1]).abs() < 1e-12, "{d:?}");
    }
}

/// A project of 200 documents: the comparison, a note and a 文号 edit come back in a fresh
/// window; a file moved away is named and the other 199 open; Relink brings it back.
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one researcher's flow from saving to relinking, read top to bottom"
)]
fn a_two_hundred_document_project_is_saved_opened_and_relinked() {
    use super::documents::{open_project, settle_project};
    let mut h = analysed_in("Library");
    let dir = tempfile::tempdir().expect("temp dir");
    let files = dir.path().join("files");
    std::fs::create_dir(&files).expect("dir");
    write_library(&files, 200);
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, vec![Command::Import(vec![files.clone()])]);
    settle(&mut h);
    let state = &h.state().state;
    assert_eq!(state.docs.len(), 205);
    let doc = state
        .docs
        .iter()
        .position(|d| d.source.ends_with("doc-150.txt"))
        .map(crate::model::DocIx)
        .expect("doc-150");
    let key = state.docs[doc].key();
    let section = crate::model::SecIx(0);
    h.state_mut().apply(
        &ctx,
        vec![
            Command::ToggleChosen(doc),
            Command::EditNote(Some((doc, section))),
            Command::SetNoteText("与省级文件措辞相同".to_owned()),
            Command::SaveNote,
            Command::EditMeta(Some(doc)),
        ],
    );
    let mut fields = h.state().state.project.editing_meta.clone().expect("editor open").1;
    fields.doc_number = Some("某政办发〔2021〕150号".to_owned());
    h.state_mut()
        .apply(&ctx, vec![Command::SetMetaFields(fields), Command::SaveMeta]);
    h.run();
    let chosen: Vec<_> = {
        let s = &h.state().state;
        s.chosen.iter().map(|&d| s.docs[d].key()).collect()
    };
    assert!(chosen.contains(&key), "compared");
    let project = dir.path().join("study.duizhao");
    h.state_mut()
        .apply(&ctx, vec![Command::SaveProjectAs(Some(project.clone()))]);
    settle_project(&mut h);
    assert!(project.is_file(), "{:?}", h.state().state.notice());

    let open = || open_project(&project);
    let find = |s: &crate::app::state::AppState| s.docs.iter().position(|d| d.key() == key).map(crate::model::DocIx);
    let h2 = open();
    let s = &h2.state().state;
    assert_eq!(s.docs.len(), 205);
    let again: Vec<_> = s.chosen.iter().map(|&d| s.docs[d].key()).collect();
    assert_eq!(again, chosen, "the same comparison, in the same order");
    let doc2 = find(s).expect("again");
    assert_eq!(s.docs[doc2].meta.doc_number.as_deref(), Some("某政办发〔2021〕150号"));
    assert_eq!(s.note(doc2, section), Some("与省级文件措辞相同"));

    let moved = dir.path().join("elsewhere");
    std::fs::create_dir(&moved).expect("dir");
    let new_place = moved.join("doc-150.txt");
    std::fs::rename(files.join("doc-150.txt"), &new_place).expect("move");
    let mut h3 = open();
    let s = &h3.state().state;
    assert_eq!(s.docs.len(), 204, "the other 199 imported and the bundled five open");
    assert_eq!(s.project.missing.len(), 1);
    let named: Vec<&str> = s
        .messages
        .all()
        .iter()
        .filter(|m| m.error)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(named.len(), 1, "{named:?}");
    assert!(named[0].contains("doc-150.txt"), "{named:?}");
    let ctx3 = h3.ctx.clone();
    h3.state_mut().apply(
        &ctx3,
        vec![Command::Relink {
            index: 0,
            file: Some(new_place),
        }],
    );
    settle_project(&mut h3);
    let s = &h3.state().state;
    assert_eq!(s.docs.len(), 205);
    assert!(s.project.missing.is_empty());
    let back = find(s).expect("relinked");
    assert_eq!(
        s.note(back, section),
        Some("与省级文件措辞相同"),
        "the note is keyed to it again"
    );
    assert_eq!(s.docs[back].meta.doc_number.as_deref(), Some("某政办发〔2021〕150号"));
}
