//! Starting the app with files, as `duizhao open FILE…` and a double-click on a file do.

use egui_kittest::Harness;

use super::*;

/// The app started as `run_with` starts it, with these paths on its command line.
fn started_with(paths: Vec<std::path::PathBuf>) -> Harness<'static, DuizhaoApp> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| DuizhaoApp::opening(cc, paths))
}

/// Draw frames until the project has opened and what came with it is imported.
fn until_open(h: &mut Harness<'static, DuizhaoApp>) {
    for _ in 0..3000 {
        h.step();
        let app = h.state();
        if !app.state.project.opening() && app.state.importing().is_none() && app.after_open.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run_steps(2);
}

#[test]
fn a_duizhao_file_on_the_command_line_opens_as_the_project_and_documents_beside_it_are_imported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let jia = dir.path().join("jia.txt");
    std::fs::write(
        &jia,
        "甲市线上经济方案\n一、发展在线教育\n建设教育专网，推广在线课堂。\n",
    )
    .expect("jia");
    let yi = dir.path().join("yi.txt");
    std::fs::write(&yi, "乙市线上经济方案\n一、发展直播电商\n培育网络零售企业。\n").expect("yi");

    // A study with 甲 in it, saved as a project.
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, vec![crate::app::command::Command::Import(vec![jia])]);
    settle(&mut h);
    assert_eq!(h.state().state.docs.len(), 6, "{:?}", h.state().state.import_errors());
    let project = dir.path().join("study.duizhao");
    h.state().state.to_project().save(&project).expect("saved");

    // `duizhao open study.duizhao yi.txt`: the project opens (it is not imported as a
    // document), and 乙 comes in after it.
    let mut h = started_with(vec![project.clone(), yi]);
    until_open(&mut h);
    let state = &h.state().state;
    assert_eq!(
        state.project.path.as_deref(),
        Some(project.as_path()),
        "{:?}",
        state.notice()
    );
    assert!(state.import_errors().is_empty(), "{:?}", state.import_errors());
    let texts: Vec<&str> = state.docs.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts.len(), 7, "the five bundled, 甲 from the project and 乙");
    assert!(texts.iter().any(|t| t.contains("甲市")) && texts.iter().any(|t| t.contains("乙市")));
    assert_eq!(state.project.name(), "study");

    // A project that is not there is named, and the window still opens on the bundled corpus.
    let gone = dir.path().join("gone.duizhao");
    let mut h = started_with(vec![gone]);
    until_open(&mut h);
    let state = &h.state().state;
    assert!(state.project.path.is_none());
    assert_eq!(state.docs.len(), 5);
    assert!(
        state
            .messages
            .all()
            .iter()
            .any(|m| m.error && m.text.contains("gone.duizhao")),
        "{:?}",
        state.messages.all()
    );
}
