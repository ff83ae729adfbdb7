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
                r[0].as_u64().expect("start") as usize,
                r[1].as_u64().expect("end") as usize,
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
    let out = duizhao(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("frobnicate"));
}
