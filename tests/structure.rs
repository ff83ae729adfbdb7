//! The structure every stage stands on: one matching fold for every stage (a traditional-
//! script reprint is the same text to alignment and reuse), and user corrections keyed by
//! the section's unique id rather than its (possibly repeated) numbering path.

use std::collections::HashMap;
use std::sync::LazyLock;

use duizhao::align::overrides::{Key, OverrideLog};
use duizhao::align::{Aligner, Alignment, Taxonomy};
use duizhao::model::{DocIx, Document, SecIx, SourceFormat};

static ALIGNER: LazyLock<Aligner> = LazyLock::new(|| Aligner::new(Taxonomy::builtin()));

/// Simplified → traditional, one character each: every CJK ideograph that the matching
/// fold turns into another character is a traditional form of it (the first one found).
fn to_traditional(text: &str) -> String {
    static TABLE: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
        let mut m = HashMap::new();
        for u in 0x4E00u32..=0x9FFF {
            let Some(t) = char::from_u32(u) else { continue };
            let s = duizhao::fold::char_form(t);
            if s != t {
                m.entry(s).or_insert(t);
            }
        }
        m
    });
    text.chars().map(|c| *TABLE.get(&c).unwrap_or(&c)).collect()
}

fn read(name: &str, text: &str) -> Document {
    let (docs, errors) = duizhao::load_many([(name, SourceFormat::Txt, text.as_bytes())]);
    assert!(errors.is_empty(), "{errors:?}");
    docs.into_iter().next().expect("one document")
}

fn primary(al: &Alignment, scheme: usize, doc: usize, section: usize) -> Option<String> {
    let leaf = al.leaf_index(DocIx(doc), SecIx(section))?;
    al.schemes[scheme].assignments[leaf]
        .primary
        .map(|c| ALIGNER.taxonomy.schemes[scheme].categories[c].id.clone())
}

#[test]
fn a_traditional_reprint_shares_its_text_and_its_domains_with_the_original() {
    let bundled = duizhao::corpus::load_all();
    let original = bundled.iter().find(|d| d.id == "shanghai-2020").expect("bundled");
    let copy_text = to_traditional(&original.text);
    let changed = copy_text
        .chars()
        .zip(original.text.chars())
        .filter(|(a, b)| a != b)
        .count();
    assert!(
        changed > 500,
        "the copy is really in another script ({changed} chars differ)"
    );
    let original = read("original.txt", &original.text);
    let copy = read("traditional.txt", &copy_text);
    assert_eq!(copy.sections.len(), original.sections.len());
    let docs = vec![original, copy];

    let report = duizhao::reuse::analyse(&docs, duizhao::reuse::Options::default());
    let coverage = report.coverage(DocIx(1), DocIx(0));
    assert!(coverage >= 0.9, "the reprint shares {coverage:.3} of its text");

    let al = ALIGNER.align(&docs);
    let (mut same, mut total) = (0, 0);
    for s in 0..docs[0].sections.len() {
        if al.leaf_index(DocIx(0), SecIx(s)).is_none() {
            continue;
        }
        total += 1;
        if primary(&al, 0, 0, s) == primary(&al, 0, 1, s) {
            same += 1;
        }
    }
    assert!(total > 10);
    assert_eq!(same, total, "{same} of {total} leaves in the same domain");
}

#[test]
fn moving_a_section_whose_number_repeats_moves_that_section() {
    let text = "甲市数字经济工作方案\n为推动数字经济发展，制定本方案。\n一、发展智慧教育\n建设教育专网，推动中小学课堂数字化。\n二、推进互联网诊疗\n支持医院开展线上复诊和远程会诊。\n一、完善算力网络\n加快千兆光网和数据中心建设。\n";
    let doc = read("repeat.txt", text);
    let ids: Vec<&str> = doc.sections.iter().map(|s| s.id.as_str()).collect();
    let first = ids.iter().position(|&i| i == "一").expect("一");
    let second = ids
        .iter()
        .position(|&i| i == "一~2")
        .expect("a repeated number gets ~2");
    assert_eq!(doc.sections[first].path, doc.sections[second].path);
    let docs = vec![doc];

    let pristine = ALIGNER.align(&docs);
    let before_first = primary(&pristine, 0, 0, first);
    let before_second = primary(&pristine, 0, 0, second);
    assert_ne!(before_second.as_deref(), Some("culture"));

    let mut log = OverrideLog::default();
    log.set(
        Key {
            doc_hash: docs[0].content_hash.clone(),
            section: "一~2".into(),
            scheme: "domain".into(),
        },
        Some("culture".into()),
    );
    let moved = |log: &OverrideLog| {
        // Every application starts from a fresh analysis: the re-analysis case.
        let mut al = ALIGNER.align(&docs);
        assert!(log.current.apply(&mut al, &docs, &ALIGNER.taxonomy).is_empty());
        (primary(&al, 0, 0, first), primary(&al, 0, 0, second))
    };
    assert_eq!(moved(&log), (before_first.clone(), Some("culture".to_owned())));
    assert!(log.undo());
    assert_eq!(moved(&log), (before_first.clone(), before_second.clone()));
    assert!(log.redo());
    assert_eq!(moved(&log), (before_first, Some("culture".to_owned())));
}

#[test]
fn imported_documents_get_short_labels_from_what_was_read() {
    let plan = |city: &str, year: u16| {
        format!(
            "{city}人民政府办公厅关于印发{city}数字经济发展方案的通知\n一、发展在线教育\n建设教育专网。\n{city}人民政府办公厅\n{year}年3月1日\n"
        )
    };
    let (a, b, c) = (plan("杭州市", 2021), plan("杭州市", 2021), plan("宁波市", 2022));
    let b = b.replace("建设教育专网", "推动课堂数字化");
    let none = "一、发展在线教育\n建设教育专网。\n";
    let (docs, errors) = duizhao::load_many([
        ("hz-a.txt", SourceFormat::Txt, a.as_bytes()),
        ("hz-b.txt", SourceFormat::Txt, b.as_bytes()),
        ("nb.txt", SourceFormat::Txt, c.as_bytes()),
        ("no_metadata_file.txt", SourceFormat::Txt, none.as_bytes()),
    ]);
    assert!(errors.is_empty(), "{errors:?}");
    let labels: Vec<&str> = docs.iter().map(|d| d.label.as_str()).collect();
    assert_eq!(labels, ["杭州 2021", "杭州 2021b", "宁波 2022", "no metadata file"]);
    assert!(docs.iter().all(|d| d.display_name() == d.label));
}

/// Every in-memory span counts chars of `Document::text`: a target's slices the document's
/// text where it was read, in a heading as in a section's text; the JSON record gives it
/// relative to its field, as the published schema says.
#[test]
fn target_spans_are_in_the_documents_text_and_relative_to_their_field_in_json() {
    use duizhao::targets::{Field, extract};
    let d = read(
        "plan.txt",
        "某市数字经济发展行动方案\n一、总体目标\n（一）培育100家以上领军企业。到2025年，建成50个示范园区。\n",
    );
    let ts = extract(&d);
    let heading = ts
        .iter()
        .find(|t| t.field == Field::Heading)
        .expect("a target in a heading");
    let text = ts
        .iter()
        .find(|t| t.field == Field::Text)
        .expect("a target in the text");
    for t in [heading, text] {
        assert_eq!(d.slice(t.span), t.text);
        let s = d.section(&t.section).expect("section");
        let field = if t.field == Field::Heading {
            s.heading_range
        } else {
            s.text_range
        };
        assert!(
            field.start <= t.span.start && t.span.end <= field.end,
            "{t:?} in {field:?}"
        );
        let json = serde_json::to_value(t).expect("json");
        let (start, end) = (t.span.start - field.start, t.span.end - field.start);
        assert_eq!(json["span"], serde_json::json!([start, end]));
    }
    assert_eq!((heading.text.as_str(), text.text.as_str()), ("100家以上", "50个"));
    // The bundled corpus: every target, and every quantity refused, slices back from the
    // document's text.
    for d in duizhao::corpus::BUNDLED
        .iter()
        .map(|b| duizhao::corpus::load_bundled(b).expect("bundled"))
    {
        for t in extract(&d) {
            assert_eq!(d.slice(t.span), t.text, "{} {}", d.id, t.section);
        }
        for r in duizhao::targets::explain(&d) {
            assert_eq!(d.slice(r.span), r.text, "refused in {} {}", d.id, r.section);
        }
    }
}
