//! Alignment behaviour on documents written for these tests — wordings, numbering and
//! scripts the bundled corpus does not use.

use super::*;
use crate::ingest::read_bytes;
use crate::model::{DocIx, SecIx, SourceFormat};
use overrides::{Key, OverrideLog, Overrides};
use std::sync::LazyLock;

static ALIGNER: LazyLock<Aligner> = LazyLock::new(|| Aligner::new(Taxonomy::builtin()));

fn doc(id: &str, text: &str) -> Document {
    let raw = read_bytes(&format!("{id}.txt"), SourceFormat::Txt, text.as_bytes()).expect("readable");
    crate::outline::build(&raw, id, "")
}

const PROVINCE: &str = "甲省数字经济促进条例实施方案\n一、总体目标\n到2027年，数字经济核心产业增加值占比达到12%。\n二、重点工作\n（一）发展智慧教育。建设教育专网，推动中小学课堂数字化，扩大优质课程资源覆盖。\n（二）推进互联网诊疗。支持医院开展线上复诊和远程会诊，推广医保线上结算。\n（三）完善算力网络。加快千兆光网和数据中心建设，推进5G基站向乡镇延伸。\n（四）培育跨境电商。支持企业开展跨境电子商务，建设海外仓。\n三、保障措施\n（一）加强人才支撑。引进数字经济领域紧缺人才，完善职称评审。";
const CITY: &str = "乙市推进线上经济发展工作方案\n1. 线上课堂。依托智慧教育平台，开展线上教学和教师培训。\n2. 智慧医院。建设互联网医院，提供在线问诊、药品配送服务。\n3. 网络设施。推进5G网络和数据中心建设，提升算力水平。\n4. 电商直播。发展直播电商，培育网络零售企业。\n5. 人才引育。实施数字人才引进计划，开展技能培训。";

fn domain_of(al: &Alignment, docs: &[Document], doc_id: &str, path: &str) -> Option<String> {
    let scheme = &ALIGNER.taxonomy.schemes[0];
    let (d, doc) = docs.iter().enumerate().find(|(_, d)| d.id == doc_id)?;
    let s = doc.sections.iter().position(|s| s.path == path)?;
    let leaf = al.leaf_index(DocIx(d), SecIx(s))?;
    al.schemes[0].assignments[leaf]
        .primary
        .map(|c| scheme.categories[c].id.clone())
}

#[test]
fn sections_of_unseen_documents_meet_in_their_domains() {
    let docs = vec![doc("province", PROVINCE), doc("city", CITY)];
    let al = ALIGNER.align(&docs);
    let pairs = [
        ("二/(一)", "1", "education"),
        ("二/(二)", "2", "healthcare"),
        ("二/(三)", "3", "infrastructure"),
        ("二/(四)", "4", "retail"),
        ("三/(一)", "5", "talent"),
    ];
    for (p, c, want) in pairs {
        assert_eq!(
            domain_of(&al, &docs, "province", p).as_deref(),
            Some(want),
            "province {p}"
        );
        assert_eq!(domain_of(&al, &docs, "city", c).as_deref(), Some(want), "city {c}");
    }
    assert_eq!(domain_of(&al, &docs, "province", "一").as_deref(), Some("goals"));
}

#[test]
fn a_traditional_script_copy_aligns_like_the_simplified_original() {
    let traditional = "丙市推動線上經濟發展工作方案\n1. 線上課堂。依託智慧教育平臺，開展線上教學和教師培訓。\n2. 智慧醫院。建設互聯網醫院，提供在線問診、藥品配送服務。\n3. 網絡設施。推進5G網絡和數據中心建設，提升算力水平。\n4. 電商直播。發展直播電商，培育網絡零售企業。\n5. 人才引育。實施數字人才引進計劃，開展技能培訓。";
    let docs = vec![doc("city", CITY), doc("hk", traditional)];
    let al = ALIGNER.align(&docs);
    for p in ["1", "2", "3", "4", "5"] {
        assert_eq!(
            domain_of(&al, &docs, "hk", p),
            domain_of(&al, &docs, "city", p),
            "item {p}"
        );
        assert!(domain_of(&al, &docs, "hk", p).is_some());
    }
    // Shown text keeps its script.
    assert!(docs[1].sections[1].heading.contains("醫院"));
    // The copy's sections are each other's best counterparts.
    let leaf = al.leaf_index(DocIx(1), SecIx(1)).expect("leaf");
    let best = al.neighbours[leaf][0];
    assert_eq!(
        al.leaves[best.0],
        Leaf {
            doc: DocIx(0),
            section: SecIx(1)
        }
    );
    assert!(best.1 > 0.5, "{}", best.1);
}

/// The domain assignment of one section of [`PROVINCE`] aligned alone.
fn province_assignment(aligner: &Aligner, path: &str) -> Assignment {
    let docs = vec![doc("province", PROVINCE)];
    let al = aligner.align(&docs);
    let s = docs[0].sections.iter().position(|s| s.path == path).expect("section");
    al.schemes[0].assignments[al.leaf_index(DocIx(0), SecIx(s)).expect("leaf")].clone()
}

#[test]
fn evidence_names_the_terms_and_where_they_were() {
    // Cues alone (no model): the cue hits are the evidence, strongest first.
    let aligner = Aligner::with_model(Taxonomy::builtin(), None);
    let a = &province_assignment(&aligner, "二/(二)");
    let Some(Evidence::Cue(top)) = a.evidence.first() else {
        panic!("cue evidence first: {:?}", a.evidence)
    };
    assert_eq!(Some(top.category), a.primary);
    assert!(
        a.evidence
            .iter()
            .any(|e| matches!(e, Evidence::Cue(h) if h.place == score::Place::Heading))
    );
    assert!(a.score >= aligner.taxonomy.schemes[0].threshold);
}

#[test]
fn sections_no_cue_covers_form_unnamed_groups_not_losses() {
    // A topic outside the taxonomy (marine ranching), in two documents.
    let a = doc(
        "a",
        "一、海洋牧场\n（一）建设海洋牧场。推进深远海养殖工船和海洋牧场平台建设，发展休闲渔业。\n（二）发展在线教育。建设智慧课堂。",
    );
    let b = doc(
        "b",
        "1. 海洋牧场建设。支持建设深远海养殖工船，推进海洋牧场平台和休闲渔业发展。\n2. 在线教育。推广智慧课堂和线上教学。",
    );
    let docs = vec![a, b];
    // The learned model (which knows no "none" class) still puts the two together.
    let learned = ALIGNER.align(&docs);
    let (la, lb) = (
        learned.leaf_index(DocIx(0), SecIx(1)).expect("leaf a"),
        learned.leaf_index(DocIx(1), SecIx(0)).expect("leaf b"),
    );
    assert_eq!(learned.row_of(0, la), learned.row_of(0, lb));
    // By cues (a taxonomy the model does not fit), they form an unnamed group.
    let al = Aligner::with_model(Taxonomy::builtin(), None).align(&docs);
    assert_eq!(al.row_of(0, la), al.row_of(0, lb));
    let Row::Group(g) = al.row_of(0, la) else {
        panic!("expected an unnamed group, got {:?}", al.row_of(0, la))
    };
    let label = &al.schemes[0].groups[g].label;
    assert!(label.contains("海洋") && label.contains("牧场"), "{label}");
}

#[test]
fn every_leaf_gets_a_policy_tool_label_too() {
    let docs = crate::corpus::load_all();
    let al = ALIGNER.align(&docs);
    let tool = ALIGNER
        .taxonomy
        .schemes
        .iter()
        .position(|s| s.id == "tool")
        .expect("tool scheme");
    let labelled = al.schemes[tool]
        .assignments
        .iter()
        .filter(|a| a.primary.is_some())
        .count();
    assert!(
        labelled * 10 >= al.leaves.len() * 9,
        "{labelled} of {}",
        al.leaves.len()
    );
}

#[test]
fn the_same_input_gives_the_same_output() {
    let docs = crate::corpus::load_all();
    let a = ALIGNER.align(&docs);
    let b = ALIGNER.align(&docs);
    assert_eq!(a.schemes, b.schemes);
    assert_eq!(a.neighbours, b.neighbours);
}

#[test]
fn overrides_survive_reanalysis_and_undo_restores() {
    let docs = vec![doc("province", PROVINCE), doc("city", CITY)];
    let mut al = ALIGNER.align(&docs);
    let before = domain_of(&al, &docs, "city", "4");
    assert_eq!(before.as_deref(), Some("retail"));
    let mut log = OverrideLog::default();
    let key = Key {
        doc_hash: docs[1].content_hash.clone(),
        section: "4".into(),
        scheme: "domain".into(),
    };
    log.set(key.clone(), Some("culture".into()));
    assert!(log.current.apply(&mut al, &docs, &ALIGNER.taxonomy).is_empty());
    assert_eq!(domain_of(&al, &docs, "city", "4").as_deref(), Some("culture"));
    // Re-analysis of the same text read again (another encoding, same cleaned text).
    let (gbk, _, _) = encoding_rs::GB18030.encode(CITY);
    let raw = read_bytes("city-gbk.txt", SourceFormat::Txt, &gbk).expect("gbk");
    let docs2 = vec![doc("province", PROVINCE), crate::outline::build(&raw, "city", "")];
    let mut al2 = ALIGNER.align(&docs2);
    log.current.apply(&mut al2, &docs2, &ALIGNER.taxonomy);
    assert_eq!(domain_of(&al2, &docs2, "city", "4").as_deref(), Some("culture"));
    // Saved and loaded.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("overrides.json");
    log.current.save(&path).expect("save");
    assert_eq!(Overrides::load(&path).expect("load"), log.current);
    // Undo, redo.
    assert!(log.undo());
    let mut al3 = ALIGNER.align(&docs);
    log.current.apply(&mut al3, &docs, &ALIGNER.taxonomy);
    assert_eq!(domain_of(&al3, &docs, "city", "4"), before);
    assert!(log.redo());
    assert_eq!(log.current.map.get(&key), Some(&Some("culture".to_owned())));
    assert!(!log.redo());
    // Moving to "no category".
    log.set(key, None);
    let mut al4 = ALIGNER.align(&docs);
    log.current.apply(&mut al4, &docs, &ALIGNER.taxonomy);
    assert_eq!(domain_of(&al4, &docs, "city", "4"), None);
}

#[test]
fn parents_are_summarised_from_their_children() {
    let docs = vec![doc("province", PROVINCE)];
    let al = ALIGNER.align(&docs);
    let two = docs[0].sections.iter().position(|s| s.path == "二").expect("part 二");
    assert!(
        al.leaf_index(DocIx(0), SecIx(two)).is_none(),
        "a parent is not aligned itself"
    );
    let summary = al.summarise(0, &docs, DocIx(0), SecIx(two));
    let names: Vec<&str> = summary
        .iter()
        .map(|(c, _)| ALIGNER.taxonomy.schemes[0].categories[*c].id.as_str())
        .collect();
    assert_eq!(summary.iter().map(|(_, n)| n).sum::<usize>(), 4);
    for want in ["education", "healthcare", "infrastructure", "retail"] {
        assert!(names.contains(&want), "{names:?}");
    }
}

#[test]
fn the_learned_model_decides_domains_and_names_its_strongest_features() {
    assert!(
        ALIGNER.model().is_some(),
        "the built-in model loads and fits the built-in taxonomy"
    );
    let a = &province_assignment(&ALIGNER, "二/(二)");
    let Some(Evidence::Model { category, what, points }) = a.evidence.first() else {
        panic!("model evidence first: {:?}", a.evidence)
    };
    assert_eq!(Some(*category), a.primary);
    assert!(*points > 0.0);
    assert!(what.contains(':') || what.contains(' '), "a named feature: {what}");
    // Probabilities: the score of the primary is one, in (0, 1].
    assert!(a.score > learn::NONE_BELOW && a.score <= 1.0, "{}", a.score);
    // The cue hits stay visible after the model's features.
    assert!(a.evidence.iter().any(|e| matches!(e, Evidence::Cue(_))));
}

#[test]
fn a_users_own_taxonomy_falls_back_to_its_cue_terms() {
    let mine = Taxonomy::parse(
        "[[scheme]]\nid = \"domain\"\nzh = \"领域\"\nthreshold = 2.0\n[[scheme.category]]\nid = \"schooling\"\nzh = \"教育\"\ncues = { \"教育\" = 3, \"课堂\" = 2 }\n[[scheme.category]]\nid = \"medicine\"\nzh = \"医疗\"\ncues = { \"医院\" = 3, \"问诊\" = 2 }\n",
        "mine.toml",
    )
    .expect("taxonomy");
    let aligner = Aligner::new(mine);
    assert!(aligner.model().is_none(), "the model's ids are not this taxonomy's");
    let docs = vec![doc("city", CITY)];
    let al = aligner.align(&docs);
    let id = |path: &str| {
        let s = docs[0].sections.iter().position(|s| s.path == path)?;
        let a = &al.schemes[0].assignments[al.leaf_index(DocIx(0), SecIx(s))?];
        assert!(a.evidence.iter().all(|e| !matches!(e, Evidence::Model { .. })));
        a.primary.map(|c| aligner.taxonomy.schemes[0].categories[c].id.clone())
    };
    assert_eq!(id("1").as_deref(), Some("schooling"));
    assert_eq!(id("2").as_deref(), Some("medicine"));
    assert_eq!(id("3"), None, "no cue of this taxonomy");
}

#[test]
fn refitting_on_a_correction_moves_the_section_and_undo_restores_the_model() {
    let docs = vec![doc("province", PROVINCE), doc("city", CITY)];
    let mut aligner = Aligner::new(Taxonomy::builtin());
    let before = aligner.align(&docs);
    let was = domain_of(&before, &docs, "city", "4");
    assert_ne!(was.as_deref(), Some("culture"));
    let city_4 = || Key {
        doc_hash: docs[1].content_hash.clone(),
        section: "4".into(),
        scheme: "domain".into(),
    };
    let mut log = OverrideLog::default();
    log.set(city_4(), Some("culture".into()));
    let refit = aligner.refit(&docs, &log.current).expect("refit");
    assert_eq!(refit.examples, 1);
    // Without re-applying the override, the model itself now puts the section there.
    let after = aligner.align(&docs);
    assert_eq!(domain_of(&after, &docs, "city", "4").as_deref(), Some("culture"));
    // Other sections keep their domains.
    assert_eq!(
        domain_of(&after, &docs, "city", "2"),
        domain_of(&before, &docs, "city", "2")
    );
    // Undo: the previous model back.
    aligner.set_model(refit.previous);
    assert_eq!(domain_of(&aligner.align(&docs), &docs, "city", "4"), was);
    // A "no category" correction teaches nothing.
    let mut none = OverrideLog::default();
    none.set(city_4(), None);
    assert!(aligner.refit(&docs, &none.current).is_err());
}

/// The counterparts beside a section: the best section of each other document in the same
/// row, most similar first, at most one per document and at most `COUNTERPARTS`; computed
/// for every leaf at once (the report) they are the same as one leaf at a time (the app).
#[test]
fn counterparts_are_the_best_per_other_document_in_the_same_row() {
    let docs = crate::corpus::load_all();
    let aligner = Aligner::new(Taxonomy::builtin());
    let al = aligner.align(&docs);
    let all = al.all_counterparts(0);
    let every: Vec<usize> = (0..al.leaves.len()).collect();
    assert_eq!(al.counterparts_of(0, &every), all, "gathered by row, the same");
    let mut listed = 0;
    for (i, cps) in all.iter().enumerate() {
        assert_eq!(cps, &al.counterparts(0, i), "leaf {i}");
        assert!(cps.len() <= super::alignment::COUNTERPARTS);
        let mut seen = std::collections::HashSet::new();
        for w in cps.windows(2) {
            assert!(w[0].1 >= w[1].1, "most similar first");
        }
        for &(j, sim) in cps {
            assert_ne!(al.leaves[j].doc, al.leaves[i].doc);
            assert!(seen.insert(al.leaves[j].doc), "one per document");
            assert_eq!(al.row_of(0, j), al.row_of(0, i));
            // No other section of that document in the row is more similar.
            let better = (0..al.leaves.len()).any(|k| {
                al.leaves[k].doc == al.leaves[j].doc && al.row_of(0, k) == al.row_of(0, i) && al.similarity(i, k) > sim
            });
            assert!(!better, "leaf {i}: {j} is not the best of its document");
        }
        listed += cps.len();
    }
    assert!(listed > 100, "{listed}");
}

/// Articles of a regulation often open with the same words: each gold unit is located on its
/// own article (by path, else in order), not all on the first one that opens that way.
#[test]
fn gold_units_with_the_same_opening_are_located_on_their_own_articles() {
    let text = "丙省大数据条例\n第一条 县级以上人民政府应当推动大数据与制造业融合。\n第二条 县级以上人民政府应当推动大数据在农业生产中应用。\n第三条 县级以上人民政府应当推动大数据在养老服务中应用。";
    let docs = vec![doc("bing", text)];
    let unit = |path: &str| gold::GoldUnit {
        doc: docs[0].source.clone(),
        path: path.into(),
        anchor: "县级以上人民政府应当推动".into(),
        labels: vec!["data".into()],
    };
    let paths = |units: &[gold::GoldUnit]| -> Vec<Option<String>> {
        gold::locate(units, &docs, true)
            .into_iter()
            .map(|l| l.map(|(d, s)| docs[d].sections[s].path.clone()))
            .collect()
    };
    let by_path = [unit("第三条"), unit("第一条"), unit("第二条")];
    let got = paths(&by_path);
    assert_eq!(
        got,
        [Some("第三条".into()), Some("第一条".into()), Some("第二条".into())]
    );
    // Paths the outline does not share (another numbering): still one article each, in order.
    let unnumbered = [unit("a"), unit("b"), unit("c")];
    assert_eq!(
        paths(&unnumbered),
        [Some("第一条".into()), Some("第二条".into()), Some("第三条".into())]
    );
}

/// A gold unit is one example of its primary label, then one lighter example per secondary
/// label the model knows (an unknown one is no example), with the same features.
#[test]
fn a_gold_units_secondary_labels_are_lighter_examples() {
    let text = "丙省养老条例\n第一条 县级以上人民政府应当安排养老服务补贴资金。\n第二条 养老机构应当建立服务档案。";
    let docs = vec![doc("bing", text)];
    let unit = |path: &str, anchor: &str, labels: &[&str]| gold::GoldUnit {
        doc: docs[0].source.clone(),
        path: path.into(),
        anchor: anchor.into(),
        labels: labels.iter().map(|l| (*l).to_owned()).collect(),
    };
    let units = [
        unit(
            "第一条",
            "县级以上人民政府",
            &["fiscal", "elderly_care", "no_such_domain"],
        ),
        unit("第二条", "养老机构", &["elderly_care"]),
    ];
    let labels: Vec<String> = ["elderly_care", "fiscal"].map(str::to_owned).to_vec();
    let (examples, skipped) = gold::examples(&ALIGNER, &units, &docs, &labels, None);
    assert_eq!(skipped, 0);
    let got: Vec<(usize, f32)> = examples.iter().map(|(_, e)| (e.class, e.weight)).collect();
    assert_eq!(got, [(1, 1.0), (0, 1.0), (0, learn::SECONDARY_WEIGHT)]);
    assert_eq!(examples[2].1.feats, examples[0].1.feats);
}

/// The tooltip's model evidence names real features: an n-gram or a jieba word named
/// `heading:…`, `body:…` or `word:…` is text of that section (in matching form).
#[test]
fn model_evidence_names_words_and_grams_of_the_section() {
    let docs = vec![doc("province", PROVINCE), doc("city", CITY)];
    let al = ALIGNER.align(&docs);
    let mut words = 0;
    for (i, l) in al.leaves.iter().enumerate() {
        let s = &docs[l.doc].sections[l.section];
        let own: String = fold::matching_form(&format!("{}{}", s.heading, s.text))
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        for e in &al.schemes[0].assignments[i].evidence {
            let Evidence::Model { what, .. } = e else { continue };
            for block in ["heading:", "body:", "word:"] {
                if let Some(text) = what.strip_prefix(block) {
                    let digits: String = own.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect();
                    assert!(digits.contains(text), "{what} not in {own}");
                    words += usize::from(block == "word:");
                }
            }
        }
    }
    assert!(words > 0, "no word among the strongest features of any section");
}

/// Near-copies on two sides of the "no domain" threshold meet in the domain the model ranks
/// first for both; a leaf far under the threshold, or whose best domain is not its
/// neighbour's, stays without one.
#[test]
fn a_leaf_just_under_the_threshold_joins_its_near_copys_domain() {
    let docs = vec![doc("a", "1. 甲。\n2. 乙。\n3. 丙。"), doc("b", "1. 丁。")];
    let leaves: Vec<Leaf> = [(0, 0), (0, 1), (0, 2), (1, 0)]
        .iter()
        .map(|&(doc, section)| Leaf {
            doc: DocIx(doc),
            section: SecIx(section),
        })
        .collect();
    let undecided = |score: f32| Assignment {
        primary: None,
        score,
        secondary: Vec::new(),
        group: None,
        evidence: Vec::new(),
        overridden: false,
    };
    let mut decided = undecided(0.21);
    decided.primary = Some(3);
    let mut assignments = vec![undecided(0.19), undecided(0.05), undecided(0.19), decided];
    let best = [3, 3, 4, 3];
    let neighbours = vec![vec![(3, 0.6)], vec![(3, 0.6)], vec![(3, 0.6)], vec![(0, 0.6)]];
    agree_with_neighbours(&mut assignments, &best, &neighbours, &leaves, &docs);
    let primaries: Vec<Option<usize>> = assignments.iter().map(|a| a.primary).collect();
    assert_eq!(primaries, [Some(3), None, None, Some(3)]);
    assert!(matches!(
        &assignments[0].evidence[0],
        Evidence::Neighbour { category: 3, doc, section, .. } if doc == "b" && section == "1"
    ));
    // Not similar enough: no change.
    let mut far = vec![undecided(0.19), assignments[3].clone()];
    agree_with_neighbours(&mut far, &[3, 3], &[vec![(1, 0.2)], vec![]], &leaves[2..], &docs);
    assert_eq!(far[0].primary, None);
}

#[test]
fn a_document_aligned_alone_has_no_counterparts_however_long() {
    // Its rows hold only its own leaves: nothing is scored (scoring them, to skip each,
    // was quadratic in a long document aligned alone).
    let text = (1..=40).fold(String::new(), |mut t, k| {
        use std::fmt::Write as _;
        let _ = writeln!(t, "第{k}章 第{k}部分\n{PROVINCE}");
        t
    });
    let docs = vec![doc("alone", &text)];
    let al = ALIGNER.align(&docs);
    assert!(al.leaves.len() >= 40 * 5, "{}", al.leaves.len());
    assert!(al.all_counterparts(0).iter().all(Vec::is_empty));
    // With a second document, a leaf's counterparts are in that one only.
    let docs = vec![doc("alone", &text), doc("city", CITY)];
    let al = ALIGNER.align(&docs);
    let all = al.all_counterparts(0);
    assert!(all.iter().any(|c| !c.is_empty()));
    for (i, cs) in all.iter().enumerate() {
        assert!(cs.iter().all(|&(j, _)| al.leaves[j].doc != al.leaves[i].doc));
    }
}
