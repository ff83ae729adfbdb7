use super::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

const PLAN_A: &str = "甲市线上经济方案\n一、发展在线教育\n建设教育专网。到2025年建成100所智慧学校。\n二、发展互联网医疗\n推广远程会诊。\n";
const PLAN_B: &str = "乙市线上经济方案\n一、发展直播电商\n培育网络零售企业。\n二、建设数据中心\n提升算力水平。\n";

/// A project of two files in `dir`, saved as `dir/study.duizhao`, without the bundled five.
fn project_of(dir: &Path) -> (Project, PathBuf, Vec<Document>) {
    let files = [write(dir, "a.txt", PLAN_A), write(dir, "b.txt", PLAN_B)];
    let path = dir.join("study.duizhao");
    let docs: Vec<Document> = files.iter().map(|f| crate::load_path(f).expect("load")).collect();
    let project = Project {
        bundled: false,
        documents: files
            .iter()
            .zip(&docs)
            .map(|(f, d)| ProjectDoc {
                path: Some(Project::stored_path(&path, f)),
                hash: d.key(),
                embedded: None,
            })
            .collect(),
        chosen: vec![docs[1].key(), docs[0].key()],
        basket: vec![docs[0].sec_key(crate::model::SecIx(1)).expect("section")],
        notes: vec![Note {
            at: docs[0].sec_key(crate::model::SecIx(1)).expect("section"),
            text: "copied from the national plan".to_owned(),
        }],
        ..Project::default()
    };
    project.save(&path).expect("save");
    (project, path, docs)
}

#[test]
fn a_saved_project_reads_back_the_same_and_names_its_format() {
    let dir = tempfile::tempdir().expect("dir");
    let (project, path, _) = project_of(dir.path());
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(FORMAT));
    assert_eq!(Project::load(&path).expect("load"), project);
    // Files inside the project's folder are stored relative to it.
    assert_eq!(project.documents[0].path.as_deref(), Some(Path::new("a.txt")));
}

#[test]
fn a_moved_folder_still_opens_because_paths_are_relative() {
    let dir = tempfile::tempdir().expect("dir");
    let (_, _, docs) = project_of(&dir.path().canonicalize().expect("dir"));
    let moved = tempfile::tempdir().expect("dir");
    for name in ["a.txt", "b.txt", "study.duizhao"] {
        std::fs::rename(dir.path().join(name), moved.path().join(name)).expect("move");
    }
    let project = Project::load(&moved.path().join("study.duizhao")).expect("load");
    let opened = project.open_documents(&moved.path().join("study.duizhao"));
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let hashes: Vec<_> = opened.docs.iter().map(|(d, _)| d.key()).collect();
    assert_eq!(hashes, [docs[0].key(), docs[1].key()]);
}

#[test]
fn a_missing_file_is_named_the_rest_open_and_relinking_brings_it_back() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut project, path, docs) = project_of(dir.path());
    let elsewhere = tempfile::tempdir().expect("dir");
    let new_place = elsewhere.path().join("b-renamed.txt");
    std::fs::rename(dir.path().join("b.txt"), &new_place).expect("move");
    let opened = project.open_documents(&path);
    assert_eq!(opened.docs.len(), 1, "the other document opens");
    assert_eq!(opened.docs[0].0.key(), docs[0].key());
    assert_eq!(opened.problems.len(), 1, "{:?}", opened.problems);
    let Problem::Missing {
        path: missing, hash, ..
    } = &opened.problems[0]
    else {
        panic!("{:?}", opened.problems[0]);
    };
    assert!(missing.ends_with("b.txt"), "{missing:?}");
    assert_eq!(hash, &docs[1].key());
    assert!(opened.problems[0].to_string().contains("b.txt"));
    // Relink: the entry points at the new place; everything keyed to it applies again.
    project.documents[1].path = Some(Project::stored_path(&path, &new_place));
    let opened = project.open_documents(&path);
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(opened.docs[1].0.key(), docs[1].key());
    assert_eq!(opened.docs[1].1.as_deref(), Some(new_place.as_path()));
}

#[test]
fn a_changed_file_is_opened_and_said_to_have_changed() {
    let dir = tempfile::tempdir().expect("dir");
    let (project, path, _) = project_of(dir.path());
    write(dir.path(), "a.txt", &PLAN_A.replace("100所", "120所"));
    let opened = project.open_documents(&path);
    assert_eq!(opened.docs.len(), 2);
    assert!(
        matches!(&opened.problems[..], [Problem::Changed { path, .. }] if path.ends_with("a.txt")),
        "{:?}",
        opened.problems
    );
}

#[test]
fn an_embedded_copy_stands_in_for_a_missing_file_unless_it_was_tampered_with() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut project, path, docs) = project_of(dir.path());
    project.documents[0].embedded = Some(Box::new(docs[0].clone()));
    std::fs::remove_file(dir.path().join("a.txt")).expect("remove");
    let opened = project.open_documents(&path);
    assert_eq!(opened.docs.len(), 2);
    assert_eq!(opened.docs[0].0.text, docs[0].text);
    assert!(
        matches!(opened.problems[..], [Problem::FromEmbedded { .. }]),
        "{:?}",
        opened.problems
    );
    // A copy whose sections point outside its text is not used.
    let mut bad = docs[0].clone();
    bad.sections[1].range.end = bad.text.chars().count() + 10;
    project.documents[0].embedded = Some(Box::new(bad));
    let opened = project.open_documents(&path);
    assert_eq!(opened.docs.len(), 1);
    assert!(
        opened.problems.iter().any(|p| matches!(p, Problem::BadEmbedded { .. })),
        "{:?}",
        opened.problems
    );
    assert!(opened.problems.iter().any(|p| matches!(p, Problem::Missing { .. })));
}

#[test]
fn metadata_edits_reach_the_documents_and_their_citations() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut project, path, docs) = project_of(dir.path());
    project.metadata.insert(
        docs[0].key(),
        MetaEdit {
            doc_number: Some("甲政办发〔2021〕7号".to_owned()),
            issuer: Some("甲市人民政府办公室".to_owned()),
            label: Some("甲市 2021".to_owned()),
            ..MetaEdit::default()
        },
    );
    let opened = project.open_documents(&path);
    let a = &opened.docs[0].0;
    assert_eq!(a.meta.doc_number.as_deref(), Some("甲政办发〔2021〕7号"));
    assert_eq!(a.label, "甲市 2021");
    let cite = crate::citation::with_citation(a, &a.sections[1]);
    assert!(cite.contains("甲政办发〔2021〕7号"), "{cite}");
    assert_ne!(opened.docs[1].0.label, "甲市 2021", "labels stay distinct");
}

#[test]
fn the_bundled_documents_come_first_when_the_project_has_them() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut project, path, _) = project_of(dir.path());
    project.bundled = true;
    let opened = project.open_documents(&path);
    assert_eq!(opened.docs.len(), 7);
    assert!(opened.docs[..5].iter().all(|(_, p)| p.is_none()));
}

#[test]
fn broken_and_newer_files_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let p = write(dir.path(), "x.duizhao", "{\"format\": \"duizhao-project/9\"}");
    let e = Project::load(&p).expect_err("newer");
    assert!(matches!(e, ProjectError::Version { .. }), "{e}");
    assert!(e.to_string().contains("x.duizhao") && e.to_string().contains("/9"));
    let p = write(
        dir.path(),
        "y.duizhao",
        "{\"format\": \"duizhao-project/1\", \"documents\": 3}",
    );
    let e = Project::load(&p).expect_err("bad field");
    assert!(matches!(e, ProjectError::Syntax { .. }), "{e}");
    assert!(e.to_string().contains("y.duizhao"));
    let p = write(dir.path(), "z.duizhao", "PK\u{3}\u{4} not json");
    assert!(matches!(Project::load(&p), Err(ProjectError::Syntax { .. })));
    let e = Project::load(&dir.path().join("gone.duizhao")).expect_err("missing");
    assert!(e.to_string().contains("gone.duizhao"));
    let unwritable = dir.path().join("no-such-folder").join("s.duizhao");
    let e = Project::default().save(&unwritable).expect_err("unwritable");
    assert!(e.to_string().contains("no-such-folder"), "{e}");
}

proptest::proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
        let _ = Project::from_bytes(Path::new("p.duizhao"), &bytes);
    }

    #[test]
    fn arbitrary_json_under_the_tag_never_panics_on_open(extra in "[\\[\\]{}:,\"a-z0-9 ]{0,120}") {
        let text = format!("{{\"format\":\"{FORMAT}\",\"documents\":[{extra}]}}");
        if let Ok(p) = Project::from_bytes(Path::new("p.duizhao"), text.as_bytes()) {
            let _ = p.open_documents(Path::new("p.duizhao"));
        }
    }
}
