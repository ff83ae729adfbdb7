//! The command line as a user runs it: exit codes, stderr lines naming bad files, and the
//! documented JSON schema of `duizhao outline --json`.

use std::process::Command;

fn duizhao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(args)
        .output()
        .expect("binary runs")
}

#[test]
fn outline_json_of_the_bundled_corpus_follows_the_schema() {
    let out = duizhao(&["outline", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let docs = docs.as_array().expect("an array of documents");
    assert_eq!(docs.len(), 5);
    for d in docs {
        for key in [
            "id",
            "source",
            "label",
            "title",
            "issuer",
            "date_issued",
            "date_published",
            "doc_number",
            "period",
            "region",
            "keywords",
            "text",
            "sections",
            "warnings",
        ] {
            assert!(d.get(key).is_some(), "document lacks {key}");
        }
        let text: Vec<char> = d["text"].as_str().expect("text").chars().collect();
        for s in d["sections"].as_array().expect("sections") {
            for key in ["id", "path", "number", "heading", "text", "level", "range", "units"] {
                assert!(s.get(key).is_some(), "section lacks {key}");
            }
            let r = s["text_range"].as_array().expect("range");
            let (a, b) = (
                usize::try_from(r[0].as_u64().expect("start")).expect("an offset fits usize"),
                usize::try_from(r[1].as_u64().expect("end")).expect("an offset fits usize"),
            );
            let slice: String = text[a..b].iter().collect();
            assert_eq!(
                slice,
                s["text"].as_str().expect("text"),
                "ranges are char offsets into the document text"
            );
        }
    }
    let sh = docs.iter().find(|d| d["id"] == "shanghai-2020").expect("shanghai");
    assert_eq!(sh["source"], "shanghai-2020-online-new-economy.txt");
    assert_eq!(sh["doc_number"], "沪府办发〔2020〕1号");
    assert_eq!(sh["period"], serde_json::json!([2020, 2022]));
}

#[test]
fn human_readable_outline_is_a_tree() {
    let out = duizhao(&["outline"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("上海 2020 [shanghai-2020]"));
    assert!(
        text.contains("    10、 优化发展在线教育"),
        "items indented under their part"
    );
}

#[test]
fn unreadable_files_exit_2_with_one_line_each_and_the_rest_still_printed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "一、总体要求\n（一）目标。到2025年建成。").expect("write");
    let bad = dir.path().join("bad.docx");
    std::fs::write(&bad, b"not a zip").expect("write");
    let missing = dir.path().join("missing.md");
    let out = duizhao(&[
        "outline",
        "--json",
        good.to_str().expect("path"),
        bad.to_str().expect("path"),
        missing.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].contains("bad.docx") && lines[1].contains("missing.md"));
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON of the good file");
    assert_eq!(docs[0]["source"], "good.txt");
    assert_eq!(docs[0]["sections"][1]["heading"], "目标");
}

#[test]
fn unknown_subcommand_is_a_usage_error_not_a_gui() {
    // README: 2 is only for a file that could not be read; a usage mistake is 1.
    let out = duizhao(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("frobnicate"));
}

#[test]
fn align_json_lists_every_leaf_with_domain_tool_evidence_and_the_matrix() {
    let out = duizhao(&["align", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(5));
    assert_eq!(v["documents"][1]["source"], "shanghai-2020-online-new-economy.txt");
    let sections = v["sections"].as_array().expect("sections");
    for s in sections {
        for key in [
            "doc",
            "section",
            "path",
            "heading",
            "text",
            "domain",
            "score",
            "secondary",
            "tool",
            "evidence",
            "counterparts",
        ] {
            assert!(s.get(key).is_some(), "leaf lacks {key}");
        }
    }
    let edu = sections
        .iter()
        .find(|s| s["doc"] == "shanghai-2020" && s["path"] == "二/10")
        .expect("在线教育 item");
    assert_eq!(edu["domain"], "education");
    // The learned model decides; its strongest feature comes first, the cue hits after.
    assert_eq!(edu["evidence"][0]["kind"], "model");
    assert!(
        edu["evidence"]
            .as_array()
            .is_some_and(|e| e.iter().any(|x| x["kind"] == "cue"))
    );
    assert!(
        edu["counterparts"]
            .as_array()
            .is_some_and(|c| c.iter().any(|p| p["doc"] == "zhejiang-2020"))
    );
    let matrix = &v["matrix"][0];
    assert_eq!(matrix["scheme"], "domain");
    let row = matrix["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["row"] == "education")
        .expect("education row");
    assert!(
        row["cells"][1]
            .as_array()
            .is_some_and(|c| c.iter().any(|id| id == "二/10"))
    );
}

#[test]
fn a_broken_taxonomy_file_is_reported_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, "[[scheme]]\nid = \"x\"\nzh = \"x\"\n[[scheme.category]]\nid = \"a\"\nzh = \"a\"\ncues = { \"教育\" = \"heavy\" }\n").expect("write");
    let out = duizhao(&["align", "--taxonomy", path.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mine.toml: line 7"), "{err}");
}

#[test]
fn targets_json_gives_normalised_values_with_spans() {
    let out = duizhao(&["targets", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(5));
    let targets = v["targets"].as_array().expect("targets");
    let retail = targets
        .iter()
        .find(|t| t["text"] == "达到2.6万亿元")
        .expect("网络零售额 target");
    assert_eq!(retail["value"], 2.6e12);
    assert_eq!(retail["unit"], "元");
    assert_eq!(retail["year"], 2022);
    assert_eq!(retail["comparator"], "≥");
    assert!(
        targets.iter().all(|t| t["doc"] != "anhui-2020"),
        "Anhui 2020 sets no numeric target"
    );
    assert!(v.get("refused").is_none(), "refused only with --explain");
}

#[test]
fn targets_explain_lists_refused_numbers_with_their_reason() {
    let dir = std::env::temp_dir().join(format!("duizhao-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("banfa.txt");
    std::fs::write(
        &file,
        "某市停车场管理办法\n第一条 为规范停车场管理，制定本办法。\n第二条 停车场应当按照每100个车位配备1名管理人员。\n第三条 违反本办法的，处5000元以上2万元以下罚款。\n第四条 管理部门应当在7个工作日以内答复。\n第五条 本办法自2026年1月1日起施行。\n",
    )
    .expect("write");
    let path = file.to_string_lossy().into_owned();
    let out = duizhao(&["targets", "--json", "--explain", &path]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["targets"].as_array().map(Vec::len), Some(0), "{v:#}");
    let refused = v["refused"].as_array().expect("refused");
    assert!(refused.len() >= 3, "{v:#}");
    assert!(
        refused
            .iter()
            .all(|r| r["reason"].as_str().is_some_and(|s| !s.is_empty()))
    );
    assert!(
        refused
            .iter()
            .any(|r| r["reason"].as_str().is_some_and(|s| s.contains("罚款")))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reuse_json_names_both_documents_and_locates_every_passage() {
    let out = duizhao(&["reuse", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["options"]["min_chars"], 8);
    let pairs = v["pairs"].as_array().expect("pairs");
    assert!(!pairs.is_empty());
    // The outline gives each document's text, which passage ranges point into (chars).
    let outline = duizhao(&["outline", "--json"]);
    let docs: serde_json::Value = serde_json::from_slice(&outline.stdout).expect("outline JSON");
    let text_of = |id: &str| -> Vec<char> {
        docs.as_array()
            .and_then(|a| a.iter().find(|d| d["id"] == id))
            .and_then(|d| d["text"].as_str())
            .expect("document text")
            .chars()
            .collect()
    };
    for p in pairs {
        for side in ["a", "b"] {
            assert!(
                p[side]["source"]
                    .as_str()
                    .is_some_and(|s| std::path::Path::new(s).extension().is_some_and(|e| e == "txt"))
            );
            let c = p[side]["coverage"].as_f64().expect("coverage");
            assert!((0.0..=1.0).contains(&c));
        }
        for q in p["passages"].as_array().expect("passages") {
            for side in ["a", "b"] {
                let text = text_of(p[side]["id"].as_str().expect("id"));
                let r = &q[side]["range"];
                let (s, e) = (
                    usize::try_from(r[0].as_u64().expect("start")).expect("an offset fits usize"),
                    usize::try_from(r[1].as_u64().expect("end")).expect("an offset fits usize"),
                );
                let slice: String = text[s..e].iter().collect();
                assert_eq!(slice, q[side]["text"].as_str().expect("text"));
                assert!(q[side]["section"].as_str().is_some() && q[side]["path"].as_str().is_some());
            }
            assert!(q["chars"].as_u64().expect("chars") >= 8);
        }
    }
    // Wuhu names the Anhui opinion it implements.
    let cited = pairs
        .iter()
        .any(|p| p["direction"]["reason"] == "cites" && p["direction"]["to"] == "wuhu-2021");
    assert!(cited);
}

#[test]
fn reuse_with_a_missing_file_exits_2_and_names_it() {
    let out = duizhao(&["reuse", "no-such-file.txt", "--min-chars", "10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file.txt"));
}

#[test]
fn export_exit_codes_follow_the_readme() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "一、总体要求\n（一）目标。到2025年建成100家。").expect("write");
    let bad = dir.path().join("bad.docx");
    std::fs::write(&bad, b"not a zip").expect("write");
    let (good, bad) = (good.to_str().expect("path"), bad.to_str().expect("path"));
    let dir_arg = dir.path().to_str().expect("path");
    // -o a directory: a failure that is not an unreadable file, said as such.
    let out = duizhao(&["export", "-o", dir_arg, good]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o points to a directory"));
    // No format from the name: 1.
    let unknown = dir.path().join("out.xyz");
    let out = duizhao(&["export", "-o", unknown.to_str().expect("path"), good]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot tell the format"));
    // Every file unreadable: 2, naming it, and nothing written.
    let csv = dir.path().join("out.csv");
    let out = duizhao(&["export", "-o", csv.to_str().expect("path"), bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.docx"));
    assert!(!csv.exists());
    // One good, one bad: the good one is exported, exit 2.
    let out = duizhao(&["export", "-o", csv.to_str().expect("path"), good, bad]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(csv.exists());
    // A usage mistake: 1.
    assert_eq!(
        duizhao(&["export", "-o", "x.csv", "--format", "pdf"]).status.code(),
        Some(1)
    );
}

/// `--project`: a paper's tables come from the project — its documents, the metadata the
/// researcher supplied and the corrections they made — and a missing file is named.
#[test]
fn export_from_a_project_uses_its_metadata_edits_and_corrections() {
    let dir = tempfile::tempdir().expect("dir");
    let a = dir.path().join("a.txt");
    std::fs::write(
        &a,
        "甲市线上经济方案\n一、发展在线教育\n建设教育专网，推广在线课堂。\n二、发展互联网医疗\n推广远程会诊。\n",
    )
    .expect("write");
    let doc = duizhao::load_path(&a).expect("load");
    let section = doc.sections.iter().find(|s| s.path == "一").expect("一").id.clone();
    let mut project = duizhao::project::Project {
        bundled: false,
        documents: vec![duizhao::project::ProjectDoc {
            path: Some("a.txt".into()),
            hash: doc.key(),
            embedded: None,
        }],
        ..duizhao::project::Project::default()
    };
    project.metadata.insert(
        doc.key(),
        duizhao::project::MetaEdit {
            doc_number: Some("甲政办发〔2021〕7号".to_owned()),
            ..duizhao::project::MetaEdit::default()
        },
    );
    project.overrides.map.insert(
        duizhao::align::overrides::Key {
            doc_hash: doc.content_hash.clone(),
            section: section.clone(),
            scheme: "domain".to_owned(),
        },
        Some("digital_industry".to_owned()),
    );
    project.notes.push(duizhao::project::Note {
        at: duizhao::model::SecKey {
            doc: doc.key(),
            section: section.clone(),
        },
        text: "与国家规划措辞相同".to_owned(),
    });
    let path = dir.path().join("study.duizhao");
    project.save(&path).expect("save");
    let out_file = dir.path().join("out.json");
    let p = path.to_string_lossy().into_owned();
    let o = out_file.to_string_lossy().into_owned();
    let out = duizhao(&["export", "--project", &p, "-o", &o]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out_file).expect("written")).expect("json");
    assert_eq!(
        json["documents"].as_array().map(Vec::len),
        Some(1),
        "only the project's document"
    );
    assert_eq!(json["documents"][0]["doc_number"], "甲政办发〔2021〕7号");
    let passage = json["passages"]
        .as_array()
        .expect("passages")
        .iter()
        .find(|p| p["section"] == section.as_str())
        .expect("the corrected section");
    assert_eq!(passage["domain"]["id"], "digital_industry");
    assert_eq!(passage["overridden"], true);
    assert_eq!(
        passage["note"], "与国家规划措辞相同",
        "the note travels with its passage"
    );
    assert!(
        passage["citation"]
            .as_str()
            .is_some_and(|c| c.contains("甲政办发〔2021〕7号"))
    );
    // The file moved away: it is named, the exit code says a file could not be read.
    std::fs::remove_file(&a).expect("remove");
    let out = duizhao(&["outline", "--project", &p]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a.txt") && err.contains("missing"), "{err}");
}

#[test]
fn reuse_pair_names_documents_by_id_or_file_and_refuses_an_unknown_one() {
    let by_id = duizhao(&["reuse", "--pair", "wuhu-2021,anhui-2020"]);
    assert!(by_id.status.success(), "{}", String::from_utf8_lossy(&by_id.stderr));
    let text = String::from_utf8_lossy(&by_id.stdout);
    let first = text.lines().next().expect("the pair's line");
    assert!(first.contains("↔") && first.contains("passages"), "{first}");
    // Every substantive passage is printed, not only the `--show` longest.
    assert!(text.lines().count() > 6, "{text}");
    // The same pair by the bundled file names, in the other order.
    let outline = duizhao(&["outline", "--json"]);
    let docs: serde_json::Value = serde_json::from_slice(&outline.stdout).expect("outline JSON");
    let source = |id: &str| -> String {
        docs.as_array()
            .and_then(|a| a.iter().find(|d| d["id"] == id))
            .and_then(|d| d["source"].as_str())
            .expect("source")
            .to_owned()
    };
    let spec = format!("{},{}", source("anhui-2020"), source("wuhu-2021"));
    let by_file = duizhao(&["reuse", "--pair", &spec]);
    assert_eq!(String::from_utf8_lossy(&by_file.stdout), text);
    // A usage mistake (README: 2 is for unreadable files only).
    let unknown = duizhao(&["reuse", "--pair", "wuhu-2021,no-such-doc"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no-such-doc"));
    let one = duizhao(&["reuse", "--pair", "wuhu-2021"]);
    assert_eq!(one.status.code(), Some(1));
}

/// Pseudo-random Han text, so that generated documents share nothing by chance.
fn han(seed: &mut u64, n: usize) -> String {
    (0..n)
        .map(|_| {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            char::from_u32(0x4E00 + u32::try_from(*seed % 6000).expect("small")).unwrap_or('中')
        })
        .collect()
}

#[test]
fn reuse_of_a_large_corpus_lists_the_matrix_and_only_the_pairs_above_the_threshold() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut seed = 41;
    let paragraphs: Vec<String> = (0..60).map(|_| han(&mut seed, 300)).collect();
    for (i, p) in paragraphs.iter().enumerate() {
        // d59 also carries d07's first paragraph (about half of each): the one pair sharing
        // anything.
        let extra = match i {
            59 => format!("2. {}。\n", paragraphs[7]),
            7 => format!("2. {}。\n", han(&mut seed, 300)),
            _ => String::new(),
        };
        std::fs::write(dir.path().join(format!("d{i:02}.txt")), format!("1. {p}。\n{extra}")).expect("write");
    }
    let d = dir.path().to_str().expect("path");
    let out = duizhao(&["reuse", "--json", "--min-coverage", "0.1", d]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(60));
    let cells = v["matrix"].as_array().expect("matrix");
    assert_eq!(cells.len(), 1, "{cells:?}");
    assert_eq!(
        (cells[0]["a"].as_str(), cells[0]["b"].as_str()),
        (Some("d07"), Some("d59"))
    );
    let pairs = v["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 1);
    assert!(
        pairs[0]["a"]["coverage"]
            .as_f64()
            .is_some_and(|c| (0.4..0.6).contains(&c))
    );
    // Above every estimate: the matrix stays, no pair is compared.
    let none = duizhao(&["reuse", "--json", "--min-coverage", "0.9", d]);
    let v: serde_json::Value = serde_json::from_slice(&none.stdout).expect("valid JSON");
    assert_eq!(v["pairs"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["matrix"].as_array().map(Vec::len), Some(1));
    let bad = duizhao(&["reuse", "--min-coverage", "2", d]);
    assert_eq!(bad.status.code(), Some(1));
    // The text: an estimated matrix and the one pair's passages.
    let text = duizhao(&["reuse", "--top", "3", d]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.starts_with("Share of each row's text found in each column's, estimated"));
    assert_eq!(text.lines().filter(|l| l.contains(" ↔ ")).count(), 1, "{text}");
}

/// A researcher's corrections teach the model: `duizhao train --overrides` refits it, says
/// which sections of their documents move, and the written model puts a similar section of
/// another document, which the user did not correct, where the corrections went — while an
/// unrelated section stays.
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one flow: corrections → a model file → the model used by align, by --model and by a project"
)]
fn train_on_overrides_moves_similar_sections_of_the_users_documents() {
    use duizhao::align::overrides::{Key, Overrides};
    use duizhao::align::{Aligner, Row, Taxonomy, learn::LinearModel};
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("ding.txt");
    let b = dir.path().join("wu.txt");
    std::fs::write(
        &a,
        "丁市直播电商发展行动方案\n一、培育直播电商主体\n（一）引进直播电商平台。支持直播电商平台落户，培育直播带货主播和直播机构。\n（二）建设直播电商基地。建设直播电商产业园，为主播提供直播间和供应链服务。\n二、完善医疗服务\n（一）发展互联网医院。推动医院开展在线问诊和远程会诊。\n",
    )
    .expect("write");
    std::fs::write(
        &b,
        "戊县数字商贸工作要点\n1. 发展直播带货。鼓励农产品直播电商，培训带货主播，建设直播基地。\n2. 智慧医疗。建设互联网医院，开展远程会诊和在线问诊。\n",
    )
    .expect("write");
    let (docs, errors) = duizhao::load_paths(&[a.clone(), b.clone()]);
    assert!(errors.is_empty());
    let domain = |model: Option<LinearModel>, doc: usize, path: &str| -> Option<String> {
        let aligner = match model {
            Some(m) => Aligner::with_model(Taxonomy::builtin(), Some(m)),
            None => Aligner::new(Taxonomy::builtin()),
        };
        let al = aligner.align(&docs);
        let s = docs[doc].sections.iter().position(|s| s.path == path)?;
        let scheme = aligner.taxonomy.schemes.iter().position(|s| s.id == "domain")?;
        match al.row_of(
            scheme,
            al.leaf_index(duizhao::model::DocIx(doc), duizhao::model::SecIx(s))?,
        ) {
            Row::Category(c) => Some(aligner.taxonomy.schemes[scheme].categories[c].id.clone()),
            _ => None,
        }
    };
    let target = "platform_economy";
    let similar_before = domain(None, 1, "1");
    assert_ne!(similar_before.as_deref(), Some(target));
    let unrelated_before = domain(None, 1, "2");
    let mut o = Overrides::default();
    for path in ["一/(一)", "一/(二)"] {
        let key = Key {
            doc_hash: docs[0].content_hash.clone(),
            section: path.into(),
            scheme: "domain".into(),
        };
        o.map.insert(key, Some(target.into()));
    }
    let overrides = dir.path().join("overrides.json");
    o.save(&overrides).expect("save");
    let model = dir.path().join("mine.dzm");
    let out = duizhao(&[
        "train",
        "--overrides",
        overrides.to_str().expect("utf-8"),
        "-o",
        model.to_str().expect("utf-8"),
        a.to_str().expect("utf-8"),
        b.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains(&format!(
            "wu.txt 1 发展直播带货: {} -> {target}",
            similar_before.as_deref().unwrap_or("(none)")
        )),
        "{report}"
    );
    assert!(report.contains("(corrected)"), "{report}");
    assert!(!report.contains("wu.txt 2 "), "{report}");
    let learned = LinearModel::from_bytes(&std::fs::read(&model).expect("model written")).expect("a model");
    assert_eq!(domain(Some(learned.clone()), 1, "1").as_deref(), Some(target));
    assert_eq!(domain(Some(learned), 1, "2"), unrelated_before);

    // The model file aligns from the CLI too (`align --model`), and a project whose model was
    // retrained on these corrections aligns the same without the file.
    let wu_domain = |args: &[&str]| -> Option<String> {
        let out = duizhao(args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let wu = v["documents"].as_array()?.iter().find(|d| d["source"] == "wu.txt")?["id"].clone();
        let leaf = v["sections"]
            .as_array()?
            .iter()
            .find(|s| s["doc"] == wu && s["path"] == "1")?;
        leaf["domain"].as_str().map(str::to_owned)
    };
    let (a_s, b_s) = (a.to_str().expect("utf-8"), b.to_str().expect("utf-8"));
    let model_s = model.to_str().expect("utf-8");
    assert_eq!(wu_domain(&["align", "--json", a_s, b_s]), similar_before);
    assert_eq!(
        wu_domain(&["align", "--json", "--model", model_s, a_s, b_s]).as_deref(),
        Some(target)
    );
    let mut project = duizhao::project::Project {
        bundled: false,
        documents: [(&a, 0), (&b, 1)]
            .iter()
            .map(|(p, d)| duizhao::project::ProjectDoc {
                path: Some((*p).clone()),
                hash: docs[*d].key(),
                embedded: None,
            })
            .collect(),
        overrides: o.clone(),
        ..duizhao::project::Project::default()
    };
    let project_file = dir.path().join("study.duizhao");
    project.save(&project_file).expect("save");
    let p_s = project_file.to_str().expect("utf-8");
    assert_eq!(wu_domain(&["align", "--json", "--project", p_s]), similar_before);
    project.retrained_on = Some(o.clone());
    project.save(&project_file).expect("save");
    assert_eq!(
        wu_domain(&["align", "--json", "--project", p_s]).as_deref(),
        Some(target)
    );
    // A model file that cannot be read: exit 2, the file named.
    let junk = dir.path().join("junk.dzm");
    std::fs::write(&junk, "not a model").expect("write");
    let out = duizhao(&["align", "--model", junk.to_str().expect("utf-8"), a_s]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("junk.dzm"));
    // A file that is not an overrides file: exit 2, the file named, nothing written.
    std::fs::write(&overrides, "not json").expect("write");
    let bad = dir.path().join("bad.dzm");
    let out = duizhao(&[
        "train",
        "--overrides",
        overrides.to_str().expect("utf-8"),
        "-o",
        bad.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("overrides.json"));
    assert!(!bad.exists());
}

/// A second annotator's labels are training data too: `train --extra FILE` reads them (their
/// documents from beside the file) with the gold, and a missing extra file is an input error
/// that writes no model.
#[test]
fn train_with_extra_labels_counts_their_units_and_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = |name: &str| dir.path().join(name);
    std::fs::write(
        p("ding.txt"),
        "丁市直播电商发展行动方案\n一、培育直播电商主体。支持直播电商平台落户，培育直播带货主播和直播机构。\n二、发展互联网医院。推动医院开展在线问诊和远程会诊。\n",
    )
    .expect("write");
    std::fs::write(
        p("wu.txt"),
        "戊县智慧医疗工作要点\n1. 建设互联网医院，开展远程会诊和在线问诊服务。\n2. 发展直播带货，鼓励农产品直播电商，培训带货主播。\n",
    )
    .expect("write");
    let unit = |doc: &str, path: &str, anchor: &str, label: &str| serde_json::json!({"doc": doc, "number": path, "path": path, "heading": "", "anchor": anchor, "labels": [label]});
    let gold = serde_json::json!([
        unit(
            "ding.txt",
            "一",
            "培育直播电商主体。支持直播电商平台落户",
            "platform_economy"
        ),
        unit("ding.txt", "二", "发展互联网医院。推动医院开展在线问诊和", "healthcare"),
    ]);
    let extra = serde_json::json!([
        unit(
            "wu.txt",
            "1",
            "建设互联网医院，开展远程会诊和在线问诊服务",
            "healthcare"
        ),
        unit(
            "wu.txt",
            "2",
            "发展直播带货，鼓励农产品直播电商，培训带货主播",
            "platform_economy"
        ),
    ]);
    std::fs::write(p("gold.json"), gold.to_string()).expect("write");
    std::fs::write(p("extra.json"), extra.to_string()).expect("write");
    let s = |x: &std::path::Path| x.to_str().expect("utf-8").to_owned();
    let model = p("m.dzm");
    let run = |extra: &std::path::Path| {
        duizhao(&[
            "train",
            "--gold",
            &s(&p("gold.json")),
            "--extra",
            &s(extra),
            "-o",
            &s(&model),
        ])
    };
    let out = run(&p("extra.json"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("trained on 4 units of 2 documents"), "{said}");
    // The extra units weigh less than gold ones: the same file given as gold makes another
    // model.
    let as_gold = p("g.dzm");
    let out = duizhao(&[
        "train",
        "--gold",
        &s(&p("gold.json")),
        "--gold",
        &s(&p("extra.json")),
        "-o",
        &s(&as_gold),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_ne!(
        std::fs::read(&model).expect("model"),
        std::fs::read(&as_gold).expect("model"),
        "extra labels weighed as gold"
    );
    std::fs::remove_file(&model).expect("remove");
    let missing = run(&p("nothing.json"));
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nothing.json"));
    assert!(!model.exists(), "no model written");
}
