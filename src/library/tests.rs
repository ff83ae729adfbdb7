use super::*;
use crate::align::{Aligner, Taxonomy};

fn bundled() -> Vec<Document> {
    crate::corpus::load_all()
}

#[test]
fn every_document_is_one_row_with_its_counts() {
    let docs = bundled();
    let targets: Vec<Vec<Target>> = docs.iter().map(crate::targets::extract).collect();
    let rows = entries(&docs, Some(&targets));
    assert_eq!(rows.len(), docs.len());
    for (e, (d, t)) in rows.iter().zip(docs.iter().zip(&targets)) {
        assert_eq!(e.label, d.display_name());
        assert_eq!(e.sections, d.sections.len());
        assert_eq!(e.targets, t.len());
    }
    // Before the analysis there are no targets to count, and nothing fails.
    assert!(entries(&docs, None).iter().all(|e| e.targets == 0));
}

#[test]
fn the_filter_needs_every_word_and_ignores_width_and_script() {
    let docs = bundled();
    let rows = entries(&docs, None);
    let all = view(&rows, "", Column::Loaded, false);
    assert_eq!(all, (0..rows.len()).collect::<Vec<_>>());
    // Pick a region the corpus has and find it, also written in traditional script.
    let region = rows
        .iter()
        .find(|e| !e.region.is_empty())
        .expect("a region")
        .region
        .clone();
    let hits = view(&rows, &region, Column::Loaded, false);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|&i| rows[i].region.contains(&region)
        || rows[i].title.contains(&region)
        || rows[i].issuer.contains(&region)));
    let nothing = view(&rows, &format!("{region} 没有这种文件"), Column::Loaded, false);
    assert!(nothing.is_empty(), "every word must match");
    let fullwidth: String = rows[0]
        .year()
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
        .collect();
    if !fullwidth.is_empty() {
        assert!(view(&rows, &fullwidth, Column::Loaded, false).contains(&0));
    }
}

#[test]
fn sorting_puts_empty_values_last_in_both_directions() {
    let mut rows = entries(&bundled(), None);
    rows[0].date.clear();
    rows[1].date = "2019-01-01".into();
    rows[2].date = "2023-06-30".into();
    for descending in [false, true] {
        let order = view(&rows, "", Column::Date, descending);
        assert_eq!(*order.last().expect("rows"), 0, "the undated one last");
        let dated: Vec<&str> = order
            .iter()
            .filter(|&&i| i != 0)
            .map(|&i| rows[i].date.as_str())
            .collect();
        let mut sorted = dated.clone();
        sorted.sort_unstable();
        if descending {
            sorted.reverse();
        }
        assert_eq!(dated, sorted);
    }
}

#[test]
fn level_sort_runs_from_national_to_county() {
    let mut rows = entries(&bundled(), None);
    let levels = [Level::County, Level::National, Level::City, Level::Provincial];
    for (e, l) in rows.iter_mut().zip(levels.iter().cycle()) {
        e.level = Some(*l);
    }
    let order = view(&rows, "", Column::Level, false);
    let got: Vec<Level> = order.iter().filter_map(|&i| rows[i].level).collect();
    assert!(got.windows(2).all(|w| w[0] <= w[1]), "{got:?}");
    assert_eq!(got.first(), Some(&Level::National));
}

#[test]
fn coverage_counts_each_documents_sections_per_domain() {
    let docs = bundled();
    let aligner = Aligner::new(Taxonomy::builtin());
    let al = aligner.align(&docs);
    let rows = aligner.taxonomy.schemes[0].categories.len();
    let c = Coverage::of(&al, 0, rows, docs.len());
    let assigned = al.schemes[0].assignments.iter().filter(|a| a.primary.is_some()).count();
    let total: u32 = (0..rows)
        .flat_map(|r| DocIx::all(docs.len()).map(move |d| (r, d)))
        .map(|(r, d)| c.count(r, d))
        .sum();
    assert_eq!(total as usize, assigned, "every assigned leaf counted once");
    for r in 0..rows {
        for (d, doc) in DocIx::all(docs.len()).zip(&docs) {
            assert_eq!(c.sections(r, d).len(), c.count(r, d) as usize);
            for &s in c.sections(r, d) {
                assert!(doc.sections[s].children.is_empty(), "only leaves are counted");
            }
        }
    }
    assert!(c.max() > 0);
    assert_eq!(c.count(rows, DocIx(0)), 0, "outside the matrix is empty, not a panic");
}

fn doc_titled(id: &str, title: &str, issuer: Option<&str>, text: &str) -> Document {
    let raw = crate::ingest::read_bytes(&format!("{id}.txt"), crate::model::SourceFormat::Txt, text.as_bytes())
        .expect("readable");
    let mut d = crate::outline::build(&raw, id, id);
    d.meta.title = Some(title.to_owned());
    d.meta.issuer = issuer.map(str::to_owned);
    d.meta.doc_number = None;
    d
}

#[test]
fn a_citing_document_suggests_the_cited_ones_number() {
    let docs = bundled();
    let got = suggestions(&docs);
    // Wuhu's plan cites Anhui 2020's opinion with its 文号; Anhui's own text has none.
    let anhui = docs
        .iter()
        .position(|d| d.id == "anhui-2020")
        .map(DocIx)
        .expect("anhui-2020");
    let wuhu = docs
        .iter()
        .position(|d| d.id == "wuhu-2021")
        .map(DocIx)
        .expect("wuhu-2021");
    let s = got
        .iter()
        .find(|s| s.doc == anhui)
        .expect("a suggestion for Anhui 2020");
    assert_eq!(s.from, wuhu);
    assert!(s.doc_number.ends_with("号") && s.doc_number.contains("2020"), "{s:?}");
    assert!(s.citation.contains(&s.doc_number));
    // Nothing is suggested for a document that prints its own number.
    assert!(got.iter().all(|s| docs[s.doc].meta.doc_number.is_none()));
}

#[test]
fn a_bare_title_shared_by_two_documents_names_neither() {
    let title = "关于促进线上经济发展的意见";
    let a = doc_titled("a", title, Some("某省人民政府办公厅"), "一、总体要求\n加快发展。\n");
    let b = doc_titled("b", title, Some("另省人民政府办公厅"), "一、总体要求\n加快发展。\n");
    let bare = doc_titled(
        "c",
        "某市实施方案",
        None,
        &format!("一、依据\n根据《{title}》（某政办〔2020〕1号）制定。\n"),
    );
    assert!(
        suggestions(&[a.clone(), b.clone(), bare]).is_empty(),
        "ambiguous: no suggestion"
    );
    // With the issuer written before the title, the citation names one of them.
    let named = doc_titled(
        "c",
        "某市实施方案",
        None,
        &format!("一、依据\n根据《某省人民政府办公厅{title}》（某政办〔2020〕1号）制定。\n"),
    );
    let got = suggestions(&[a, b, named]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].doc, got[0].doc_number.as_str()),
        (DocIx(0), "某政办〔2020〕1号")
    );
}

#[test]
fn diffusion_arrows_run_from_the_cited_or_earlier_document_strongest_first() {
    let docs = bundled();
    let reuse = crate::reuse::Overview::build(&docs, crate::reuse::Options::default());
    let arrows = diffusion::edges(reuse.links(), 0.05, 100);
    let id = |i: DocIx| docs[i].id.as_str();
    assert!(
        arrows
            .iter()
            .any(|e| id(e.from) == "anhui-2020" && id(e.to) == "wuhu-2021" && e.cited),
        "Wuhu cites Anhui 2020 and took its wording: {:?}",
        arrows
            .iter()
            .map(|e| (id(e.from), id(e.to), e.share))
            .collect::<Vec<_>>()
    );
    assert!(arrows.windows(2).all(|w| w[0].share >= w[1].share));
    for e in &arrows {
        assert!(e.share >= 0.05);
        if !e.cited {
            let (a, b) = (diffusion::when(&docs[e.from]), diffusion::when(&docs[e.to]));
            assert!(a <= b, "by the dates, from the earlier: {e:?}");
        }
    }
    assert!(diffusion::edges(reuse.links(), 1.01, 100).is_empty());
}

#[test]
fn a_documents_time_is_its_date_as_a_fraction_of_the_year() {
    let mut d = bundled().remove(0);
    d.meta.date_issued = Some("2021-07-01".into());
    let t = diffusion::when(&d).expect("dated");
    assert!((t - 2021.5).abs() < 0.01, "{t}");
    d.meta.date_issued = None;
    d.meta.date_published = None;
    d.meta.period = Some([2020, 2022]);
    assert_eq!(diffusion::when(&d), Some(2020.0));
    d.meta.period = None;
    assert_eq!(diffusion::when(&d), None);
}

#[test]
fn the_likely_source_of_a_document_is_the_one_it_cites_else_the_one_it_shares_most_with() {
    use crate::library::diffusion::{Edge, likely_sources};
    let e = |from: usize, to: usize, share: f32, cited: bool| Edge {
        from: DocIx(from),
        to: DocIx(to),
        share,
        cited,
    };
    // Document 3 took from 0 (cited, little), 1 (much) and 2 (more): the cited one wins.
    // Document 4 took from 1 and 2, neither cited: the larger share wins.
    // Document 5 took from 0 and 1 equally: the first loaded, so the choice is stable.
    let all = [
        e(0, 3, 0.10, true),
        e(1, 3, 0.40, false),
        e(2, 3, 0.60, false),
        e(1, 4, 0.20, false),
        e(2, 4, 0.30, false),
        e(1, 5, 0.25, false),
        e(0, 5, 0.25, false),
    ];
    let got: Vec<(usize, usize)> = likely_sources(&all)
        .iter()
        .map(|e| (e.from.get(), e.to.get()))
        .collect();
    assert_eq!(got, [(2, 4), (0, 5), (0, 3)], "one arrow per taker, strongest first");
}
