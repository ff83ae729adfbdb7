use super::*;
use crate::model::DocIx;
use crate::model::SourceFormat;
use std::fmt::Write as _;

fn load(items: &[(&str, String)]) -> Vec<Document> {
    let (docs, errors) = crate::load_many(
        items
            .iter()
            .map(|(name, text)| (*name, SourceFormat::Txt, text.as_bytes())),
    );
    assert!(errors.is_empty(), "{errors:?}");
    docs
}

fn load_owned(items: &[(String, String)]) -> Vec<Document> {
    let items: Vec<(&str, String)> = items.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    load(&items)
}

/// 60 documents of two unrelated paragraphs each, where d59 also copies d07's first one.
fn sixty_with_one_copy(mut seed: u64) -> Vec<(String, String)> {
    let mut items: Vec<(String, String)> = (0..60)
        .map(|i| {
            (
                format!("d{i:02}.txt"),
                numbered(&[han_text(&mut seed, 200), han_text(&mut seed, 200)]),
            )
        })
        .collect();
    let copied = items[7].1.lines().next().unwrap_or_default()[3..].to_owned();
    let _ = writeln!(items[59].1, "3. {copied}");
    items
}

/// Deterministic pseudo-random Han text (common characters), so that two generated
/// paragraphs share nothing by chance.
fn han_text(seed: &mut u64, n: usize) -> String {
    (0..n)
        .map(|_| {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            #[allow(clippy::cast_possible_truncation)]
            char::from_u32(0x4E00 + (*seed % 6000) as u32).unwrap_or('中')
        })
        .collect()
}

fn numbered(paragraphs: &[String]) -> String {
    paragraphs.iter().enumerate().fold(String::new(), |mut s, (i, p)| {
        let _ = writeln!(s, "{}. {p}。", i + 1);
        s
    })
}

#[test]
fn wuhu_shares_several_times_more_with_anhui_than_with_zhejiang() {
    let docs = crate::corpus::load_all();
    let idx = |id: &str| docs.iter().position(|d| d.id == id).expect("bundled id");
    let (wuhu, anhui, zhejiang) = (idx("wuhu-2021"), idx("anhui-2020"), idx("zhejiang-2020"));
    let report = analyse(&docs, Options::default());
    let with_anhui = report.coverage(DocIx(wuhu), DocIx(anhui));
    let with_zhejiang = report.coverage(DocIx(wuhu), DocIx(zhejiang));
    assert!(with_anhui > 0.05, "Wuhu–Anhui 2020 coverage {with_anhui}");
    assert!(
        with_anhui > 4.0 * with_zhejiang,
        "Wuhu–Anhui {with_anhui} vs Wuhu–Zhejiang {with_zhejiang}"
    );
    // Wuhu names the Anhui opinion it implements: the hint points from Anhui to Wuhu.
    let direction = report
        .pair(DocIx(wuhu), DocIx(anhui))
        .and_then(|p| p.direction.clone())
        .expect("a direction");
    assert_eq!(
        (direction.from, direction.to),
        (DocIx(anhui), DocIx(wuhu)),
        "{direction:?}"
    );
    assert!(
        matches!(&direction.reason, DirectionReason::Cites { text } if text.contains(docs[anhui].meta.title.as_deref().unwrap_or("?"))),
        "{direction:?}"
    );
}

#[test]
fn a_shared_phrase_is_found_in_every_document_that_carries_it() {
    let phrase = "示范效应好、带动作用强、市场影响优";
    let docs = crate::corpus::load_all();
    let folded_phrase: String = phrase.chars().filter_map(fold::fold_char).collect();
    let carriers: Vec<usize> = (0..docs.len())
        .filter(|&d| {
            let f: String = docs[d].text.chars().filter_map(fold::fold_char).collect();
            f.contains(&folded_phrase)
        })
        .collect();
    assert!(carriers.len() >= 3, "carriers {carriers:?}");
    let report = analyse(&docs, Options::default());
    for (n, &x) in carriers.iter().enumerate() {
        for &y in &carriers[n + 1..] {
            let pair = report.pair(DocIx(x), DocIx(y)).expect("the pair shares passages");
            let found = pair.passages.iter().any(|p| {
                let a: String = p.a.text.chars().filter_map(fold::fold_char).collect();
                let b: String = p.b.text.chars().filter_map(fold::fold_char).collect();
                a.contains(&folded_phrase) && b.contains(&folded_phrase)
            });
            assert!(found, "{} – {}", docs[x].id, docs[y].id);
        }
    }
}

#[test]
fn half_rewritten_copy_is_covered_about_half() {
    let mut seed = 0x1234_5678_9ABC_DEF1;
    let original: Vec<String> = (0..40).map(|_| han_text(&mut seed, 60)).collect();
    let copy: Vec<String> = original
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 0 { p.clone() } else { han_text(&mut seed, 60) })
        .collect();
    let docs = load(&[("original.txt", numbered(&original)), ("copy.txt", numbered(&copy))]);
    let report = analyse(&docs, Options::default());
    let pair = report.pair(DocIx(0), DocIx(1)).expect("shared passages");
    for c in [pair.coverage_a, pair.coverage_b] {
        assert!((c - 0.5).abs() < 0.05, "coverage {c}");
    }
    assert_eq!(pair.substantive().count(), 20, "one passage per kept paragraph");
    // Every passage reads the same on both sides and lies in one section each.
    for p in &pair.passages {
        assert_eq!(p.a.text, p.b.text);
        assert!(docs[0].sections[p.a.section].range.start <= p.a.range.start);
        assert!(p.a.range.end <= docs[0].sections[p.a.section].range.end);
    }
}

#[test]
fn full_width_and_half_width_copies_match() {
    let mut seed = 77;
    let body: Vec<String> = (0..5)
        .map(|i| format!("到2025年{}ABC{i}达到500家以上", han_text(&mut seed, 20)))
        .collect();
    let full: Vec<String> = body
        .iter()
        .map(|p| {
            p.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
                    } else {
                        c
                    }
                })
                .collect()
        })
        .collect();
    assert_ne!(body, full);
    let docs = load(&[("half.txt", numbered(&body)), ("full.txt", numbered(&full))]);
    let report = analyse(&docs, Options::default());
    let pair = report.pair(DocIx(0), DocIx(1)).expect("shared");
    assert!(pair.coverage_a > 0.9 && pair.coverage_b > 0.9, "{pair:?}");
    // The passage is reported as printed in each document.
    assert!(pair.passages.iter().any(|p| p.b.text.contains('２')));
}

#[test]
fn boilerplate_is_found_by_frequency_and_not_counted() {
    let mut seed = 5;
    let formula = han_text(&mut seed, 24);
    let borrowed = han_text(&mut seed, 30);
    let mut items = Vec::new();
    for i in 0..6 {
        let mut paras = vec![han_text(&mut seed, 80), han_text(&mut seed, 80)];
        if i < 5 {
            paras.push(formula.clone());
        }
        if i < 2 {
            paras.push(borrowed.clone());
        }
        items.push((format!("d{i}.txt"), numbered(&paras)));
    }
    let items: Vec<(&str, String)> = items.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let docs = load(&items);
    let report = analyse(&docs, Options::default());
    let pair = report.pair(DocIx(0), DocIx(1)).expect("shared");
    let formula_p = pair
        .passages
        .iter()
        .find(|p| p.a.text.contains(&formula))
        .expect("formula passage");
    let borrowed_p = pair
        .passages
        .iter()
        .find(|p| p.a.text.contains(&borrowed))
        .expect("borrowed passage");
    assert!(formula_p.boilerplate && formula_p.docs == 5);
    assert!(!borrowed_p.boilerplate && borrowed_p.docs == 2);
    // Only the borrowed passage counts (its 30 characters, with the item number they share).
    assert!((30..=31).contains(&borrowed_p.chars));
    #[allow(clippy::cast_precision_loss)]
    let expected = borrowed_p.chars as f32 / pair.chars_a as f32;
    assert!((pair.coverage_a - expected).abs() < 1e-6);
    // Pairs that share only the formula share nothing substantive.
    let only_formula = report.pair(DocIx(2), DocIx(3)).expect("formula pair");
    assert_eq!(only_formula.substantive().count(), 0);
    assert!(only_formula.coverage_a.abs() < f32::EPSILON);
}

#[test]
fn a_passage_shorter_than_the_minimum_is_not_reported() {
    let mut seed = 9;
    let short = han_text(&mut seed, 7);
    let a = numbered(&[format!("{}{short}{}", han_text(&mut seed, 30), han_text(&mut seed, 30))]);
    let b = numbered(&[format!("{}{short}{}", han_text(&mut seed, 30), han_text(&mut seed, 30))]);
    let docs = load(&[("a.txt", a), ("b.txt", b)]);
    assert!(analyse(&docs, Options::default()).pairs.is_empty());
    let options = Options {
        min_chars: 6,
        ..Options::default()
    };
    let report = analyse(&docs, options);
    assert_eq!(report.pair(DocIx(0), DocIx(1)).map(|p| p.passages.len()), Some(1));
}

#[test]
fn winnowing_estimate_finds_the_copy_in_a_larger_corpus() {
    let docs = load_owned(&sixty_with_one_copy(31));
    let index = ReuseIndex::build(&docs, Options::default());
    let candidates = index.candidates(0.1);
    assert_eq!(candidates.len(), 1, "{candidates:?}");
    assert_eq!((candidates[0].a, candidates[0].b), (DocIx(7), DocIx(59)));
    let report = analyse(&docs, Options::default());
    assert_eq!(report.pairs.len(), 1);
    assert!(report.pairs[0].coverage_a > 0.4);
}

#[test]
fn by_domain_restricts_figures_to_the_domain_sections() {
    let mut seed = 3;
    let shared = han_text(&mut seed, 50);
    let a = numbered(&[shared.clone(), han_text(&mut seed, 50)]);
    let b = numbered(&[han_text(&mut seed, 50), shared]);
    let docs = load(&[("a.txt", a), ("b.txt", b)]);
    let report = analyse(&docs, Options::default());
    let pair = report.pair(DocIx(0), DocIx(1)).expect("shared");
    // Pretend each document's first item is domain 0 and its second domain 1.
    let category = |doc: DocIx, section: crate::model::SecIx| {
        let leaves: Vec<crate::model::SecIx> = docs[doc].leaves().map(|(i, _)| i).collect();
        leaves.iter().position(|&l| l == section)
    };
    let figures = pair::by_domain(&docs, pair, category);
    let d0 = figures.iter().find(|f| f.category == 0).expect("domain 0");
    let d1 = figures.iter().find(|f| f.category == 1).expect("domain 1");
    assert!(d0.coverage_a > 0.9 && d0.coverage_b < 0.01, "{d0:?}");
    assert!(d1.coverage_a < 0.01 && d1.coverage_b > 0.9, "{d1:?}");
    assert_eq!((d0.passages, d1.passages), (1, 1));
}

#[test]
fn analysis_is_deterministic() {
    let docs = crate::corpus::load_all();
    let a = analyse(&docs, Options::default());
    let b = analyse(&docs, Options::default());
    assert_eq!(a.pairs, b.pairs);
}

mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Arbitrary text never panics, coverages are shares, and every passage folds to the
        /// same characters on both sides.
        #[test]
        fn passages_are_real_and_coverage_is_a_share(
            a in "[一二三四五六七八九十、。（）()1-9 \n数字经济发展平台企业到年]{0,300}",
            b in "[一二三四五六七八九十、。（）()1-9 \n数字经济发展平台企业到年]{0,300}",
            min in 2usize..12,
        ) {
            let (docs, _) = crate::load_many([
                ("a.txt", SourceFormat::Txt, a.as_bytes()),
                ("b.txt", SourceFormat::Txt, b.as_bytes()),
            ]);
            let report = analyse(&docs, Options { min_chars: min, ..Options::default() });
            for p in &report.pairs {
                prop_assert!((0.0..=1.0).contains(&p.coverage_a) && (0.0..=1.0).contains(&p.coverage_b));
                for q in &p.passages {
                    let fa: String = q.a.text.chars().filter_map(fold::fold_char).collect();
                    let fb: String = q.b.text.chars().filter_map(fold::fold_char).collect();
                    prop_assert_eq!(&fa, &fb);
                    prop_assert!(fa.chars().count() >= min);
                    prop_assert_eq!(docs[p.a].slice(q.a.range), q.a.text.as_str());
                }
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let half = bytes.len() / 2;
            let (docs, _) = crate::load_many([
                ("a.txt", SourceFormat::Txt, &bytes[..half]),
                ("b.txt", SourceFormat::Txt, &bytes[half..]),
            ]);
            let _ = analyse(&docs, Options::default());
        }
    }
}

/// Texts where document 1 repeats the first half of document 0, document 2 shares nothing.
fn half_copied() -> Vec<Document> {
    let mut seed = 77;
    let paragraphs: Vec<String> = (0..20).map(|_| han_text(&mut seed, 60)).collect();
    let mut copy: Vec<String> = paragraphs[..10].to_vec();
    copy.extend((0..10).map(|_| han_text(&mut seed, 60)));
    let other: Vec<String> = (0..20).map(|_| han_text(&mut seed, 60)).collect();
    load(&[
        ("original.txt", numbered(&paragraphs)),
        ("copy.txt", numbered(&copy)),
        ("other.txt", numbered(&other)),
    ])
}

#[test]
fn the_matrix_estimates_a_copied_half_close_to_the_exact_figure() {
    let docs = half_copied();
    let index = ReuseIndex::build(&docs, Options::default());
    let matrix = index.matrix();
    let exact = index.compare(&docs, DocIx(0), DocIx(1));
    assert!((exact.coverage_a - 0.5).abs() < 0.05, "exact {}", exact.coverage_a);
    for (of, with, ex) in [(0, 1, exact.coverage_a), (1, 0, exact.coverage_b)] {
        let est = matrix.coverage(DocIx(of), DocIx(with));
        assert!((est - ex).abs() < 0.1, "{of} in {with}: estimate {est}, exact {ex}");
    }
    // Nothing shared, nothing estimated; the diagonal is empty.
    assert!(matrix.coverage(DocIx(2), DocIx(0)) <= 0.0 && matrix.coverage(DocIx(0), DocIx(2)) <= 0.0);
    assert_eq!(matrix.estimate(DocIx(1), DocIx(2)), None);
    assert!(matrix.coverage(DocIx(1), DocIx(1)) <= 0.0);
    assert_eq!(
        matrix.pairs().map(|e| (e.a, e.b)).collect::<Vec<_>>(),
        vec![(DocIx(0), DocIx(1))]
    );
}

#[test]
fn the_bundled_matrix_is_within_a_few_points_of_the_exact_coverage() {
    let docs = crate::corpus::load_all();
    let index = ReuseIndex::build(&docs, Options::default());
    let matrix = index.matrix();
    let mut errors = Vec::new();
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            let p = index.compare(&docs, DocIx(a), DocIx(b));
            errors.push((matrix.coverage(DocIx(a), DocIx(b)) - p.coverage_a).abs());
            errors.push((matrix.coverage(DocIx(b), DocIx(a)) - p.coverage_b).abs());
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let mean = errors.iter().sum::<f32>() / errors.len() as f32;
    let max = errors.iter().copied().fold(0.0, f32::max);
    // Measured: mean 0.017, max 0.072 (BENCHMARKS.md); the estimate ranks, the pair tells.
    assert!(mean < 0.03 && max < 0.1, "mean {mean}, max {max}");
    // The most covered pair by estimate is the most covered pair exactly (Wuhu and Anhui 2020).
    let report = analyse(&docs, Options::default());
    let top = matrix.ranked(0.0)[0];
    assert_eq!((top.a, top.b), (report.pairs[0].a, report.pairs[0].b));
}

#[test]
fn a_pair_on_demand_is_the_exact_pair_and_is_computed_once() {
    let docs = half_copied();
    let index = ReuseIndex::build(&docs, Options::default());
    assert_eq!(index.cached_pairs(), 0);
    let p = index.pair(&docs, DocIx(1), DocIx(0));
    assert_eq!(*p, index.compare(&docs, DocIx(0), DocIx(1)));
    assert_eq!((p.a, p.b), (DocIx(0), DocIx(1)));
    let again = index.pair(&docs, DocIx(0), DocIx(1));
    assert!(
        std::sync::Arc::ptr_eq(&p, &again),
        "second request served from the cache"
    );
    assert_eq!(index.cached_pairs(), 1);
    // The same passages as the all-pairs analysis.
    let report = analyse(&docs, Options::default());
    assert_eq!(report.pair(DocIx(0), DocIx(1)), Some(&*p));
}

#[test]
fn the_pair_cache_keeps_only_the_most_recent_pairs() {
    let mut seed = 5;
    let items: Vec<(String, String)> = (0..24)
        .map(|i| (format!("d{i:02}.txt"), numbered(&[han_text(&mut seed, 12)])))
        .collect();
    let items: Vec<(&str, String)> = items.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let docs = load(&items);
    let index = ReuseIndex::build(&docs, Options::default());
    let first = index.pair(&docs, DocIx(0), DocIx(1));
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            let _ = index.pair(&docs, DocIx(a), DocIx(b));
        }
    }
    assert_eq!(index.cached_pairs(), PAIR_CACHE, "24 documents make 276 pairs");
    // (DocIx(0), DocIx(1)) was the least recently used: computed afresh, equal all the same.
    let again = index.pair(&docs, DocIx(0), DocIx(1));
    assert!(!std::sync::Arc::ptr_eq(&first, &again));
    assert_eq!(first, again);
}

/// [`sixty_with_one_copy`], where d30 also copies d12's both paragraphs, citing d12 by title.
fn library_with_copies() -> Vec<Document> {
    let mut items = sixty_with_one_copy(91);
    items[12].1 = format!("某省推进测试工作的实施方案\n{}", items[12].1);
    let whole = items[12].1.lines().skip(1).collect::<Vec<_>>().join("\n");
    items[30].1 = format!("某市落实方案\n1. 根据《某省推进测试工作的实施方案》制定。\n{whole}");
    load_owned(&items)
}

#[test]
fn a_small_corpus_overview_has_every_pair_exact_as_the_full_analysis() {
    let docs = crate::corpus::load_all();
    let o = Overview::build(&docs, Options::default());
    let report = analyse(&docs, Options::default());
    for a in 0..docs.len() {
        for b in 0..docs.len() {
            assert!(o.is_exact(DocIx(a), DocIx(b)));
            assert_eq!(
                o.coverage(DocIx(a), DocIx(b)),
                (report.coverage(DocIx(a), DocIx(b)), true)
            );
            assert_eq!(o.pair(DocIx(a), DocIx(b)), report.pair(DocIx(a), DocIx(b)));
        }
    }
    assert!(
        o.wanted(&[DocIx(0), DocIx(1), DocIx(2), DocIx(3), DocIx(4)]).is_empty(),
        "nothing left to compare"
    );
    assert_eq!(o.exact_pairs().count(), report.pairs.len());
}

#[test]
fn a_large_library_is_estimated_first_and_made_exact_for_the_documents_in_view() {
    let docs = library_with_copies();
    assert!(docs.len() > EXACT_ALL_PAIRS);
    let mut o = Overview::build(&docs, Options::default());
    assert_eq!(o.exact_pairs().count(), 0, "no pair compared yet");
    let (est, exact) = o.coverage(DocIx(59), DocIx(7));
    assert!(!exact && est > 0.2, "estimated {est}");
    // The pairs a user looking at d07 and d12 needs: each with its copy, nothing else.
    let wanted = o.wanted(&[DocIx(7), DocIx(12)]);
    assert_eq!(
        wanted,
        vec![(DocIx(12), DocIx(30)), (DocIx(7), DocIx(59))],
        "most covered first"
    );
    let index = o.index();
    o.insert(
        wanted
            .iter()
            .map(|&(a, b)| std::sync::Arc::new(index.compare(&docs, a, b))),
    );
    let full = analyse(&docs, Options::default());
    for (a, b) in wanted {
        assert!(o.is_exact(a, b));
        assert_eq!(o.pair(a, b), full.pair(a, b));
        assert_eq!(o.coverage(b, a), (full.coverage(b, a), true));
    }
    assert!(o.wanted(&[DocIx(7), DocIx(12)]).is_empty(), "asked once");
    // A pair sharing nothing is known to share nothing once compared.
    o.insert([std::sync::Arc::new(index.compare(&docs, DocIx(1), DocIx(2)))]);
    assert!(o.is_exact(DocIx(1), DocIx(2)) && o.pair(DocIx(1), DocIx(2)).is_none());
}

#[test]
fn a_large_librarys_links_carry_the_estimate_and_the_citation() {
    let docs = library_with_copies();
    let o = Overview::build(&docs, Options::default());
    let link = o
        .links()
        .iter()
        .find(|l| (l.a, l.b) == (DocIx(12), DocIx(30)))
        .expect("the copy is linked");
    assert!(!link.exact && link.coverage_b > 0.5, "{link:?}");
    let d = link.direction.as_ref().expect("a direction");
    assert_eq!(
        (d.from, d.to),
        (DocIx(12), DocIx(30)),
        "the citing document took from the cited one"
    );
    assert!(matches!(d.reason, DirectionReason::Cites { .. }));
    assert!(o.links().iter().all(|l| l.coverage_a.max(l.coverage_b) >= LINK_MIN));
    assert!(o.links().iter().any(|l| (l.a, l.b) == (DocIx(7), DocIx(59))));
    assert_eq!(o.links().len(), 2, "unrelated texts are not linked");
}

#[test]
fn ordering_by_similarity_places_copies_next_to_each_other() {
    let docs = library_with_copies();
    let o = Overview::build(&docs, Options::default());
    let order = o.by_similarity().to_vec();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        DocIx::all(docs.len()).collect::<Vec<_>>(),
        "every document once"
    );
    let at = |d: usize| order.iter().position(|&x| x == DocIx(d)).expect("placed");
    assert_eq!(at(12).abs_diff(at(30)), 1, "{order:?}");
    assert_eq!(at(7).abs_diff(at(59)), 1, "{order:?}");
    assert_eq!(
        &order[..2],
        &[DocIx(12), DocIx(30)],
        "the pair sharing most comes first"
    );
}

#[test]
fn a_large_overview_forgets_pairs_out_of_view_beyond_its_cap_and_a_small_one_never() {
    let docs = library_with_copies();
    let mut o = Overview::build(&docs, Options::default());
    let index = o.index();
    let pairs = [
        (DocIx(7), DocIx(59)),
        (DocIx(12), DocIx(30)),
        (DocIx(1), DocIx(2)),
        (DocIx(3), DocIx(4)),
    ];
    o.insert(
        pairs
            .iter()
            .map(|&(a, b)| std::sync::Arc::new(index.compare(&docs, a, b))),
    );
    o.trim(&[DocIx(7), DocIx(30)], 10);
    assert!(
        pairs.iter().all(|&(a, b)| o.is_exact(a, b)),
        "under the cap nothing is forgotten"
    );
    o.trim(&[DocIx(7), DocIx(30)], 2);
    assert!(
        o.is_exact(DocIx(7), DocIx(59)) && o.is_exact(DocIx(12), DocIx(30)),
        "pairs touching the documents kept"
    );
    assert!(
        !o.is_exact(DocIx(1), DocIx(2)) && !o.is_exact(DocIx(3), DocIx(4)),
        "the others forgotten"
    );
    let bundled = crate::corpus::load_all();
    let mut small = Overview::build(&bundled, Options::default());
    small.trim(&[], 0);
    assert!(small.is_exact(DocIx(0), DocIx(1)), "a small corpus keeps every pair");
}
