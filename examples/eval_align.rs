//! Alignment quality by leave-one-document-out over the gold.
//!
//! `cargo run --release --example eval_align -- [--gold FILE …] [--verbose] [--cues]
//! [--epochs N] [--l2 X] [--rate X] [--balance POWER] [--doc-balance POWER] [--seed N] [--runs N]
//! [--no-idf] [--extra FILE …] [--extra-weight X]` (training variants; default: as `duizhao
//! train` trains the shipped model) (default gold: ../shared/gold/dev-alignment.json and
//! ../shared/gold/train/alignment.json)
//!
//! `--shipped` scores the `--gold` documents with the shipped model as it is (no folds): for
//! documents it was never trained on (`--gold tests/heldout10/alignment.json --shipped`), the
//! figure on unseen documents.
//!
//! `--extra FILE` (gold format, documents beside it) adds labelled documents that are only ever
//! trained on: they are in every fold's training data (each example's weight × `--extra-weight`,
//! default `EXTRA_WEIGHT`, as `duizhao train --extra` weighs them), never scored and never
//! loaded among the aligned documents, so the figures stay the gold documents' leave-one-out
//! figures with the same documents loaded. Default: the second annotator's labels of the
//! held-out sets 1–9 (tests/heldout{,2,…,9}/alignment.json), as the shipped model is trained;
//! sets 10 and 11 are never trained on (the unseen measure, README);
//! `--no-extra` trains on the gold alone.
//!
//! For each gold document d: train the model on every OTHER document's gold, align all
//! documents loaded together, keep d's predictions; also align d alone with that model. The
//! held-out predictions are pooled and scored by the gold README's measure: over pairs of
//! units from different documents, a pair is positive when both have the same primary gold
//! label and predicted positive when both got the same domain; precision counts a predicted
//! pair right when the two share any gold label. Figures: all documents, the bundled five
//! apart, the rest apart, and per document (pairs with at least one unit of it). `--cues`
//! also scores the cue-only alignment (nothing learned, so no fold needed). Unnamed groups
//! count as "no domain" (group numbers differ between folds).

use std::collections::BTreeSet;
use std::path::PathBuf;

use duizhao::align::gold::{self, GoldUnit};
use duizhao::align::learn::{self, LinearModel, Training};
use duizhao::align::{Aligner, Alignment, Row, Taxonomy};
use duizhao::model::Document;

/// The second annotator's labels the shipped model is also trained on (README, `duizhao
/// train --extra`).
const EXTRAS: [&str; 11] = [
    "tests/heldout/alignment.json",
    "tests/heldout2/alignment.json",
    "tests/heldout3/alignment.json",
    "tests/heldout4/alignment.json",
    "tests/heldout5/alignment.json",
    "tests/heldout6/alignment.json",
    "tests/heldout7/alignment.json",
    "tests/heldout8/alignment.json",
    "tests/heldout9/alignment.json",
    "tests/heldout10/alignment.json",
    "tests/heldout11/alignment.json",
];

/// Pair counts of the gold measure.
#[derive(Default, Clone, Copy)]
struct Pairs {
    predicted: usize,
    right: usize,
    gold: usize,
    found: usize,
}

impl Pairs {
    fn add(&mut self, a: (&GoldUnit, Option<usize>), b: (&GoldUnit, Option<usize>)) {
        let predicted = a.1.is_some() && a.1 == b.1;
        if a.0.labels[0] == b.0.labels[0] {
            self.gold += 1;
            self.found += usize::from(predicted);
        }
        if predicted {
            self.predicted += 1;
            let la: BTreeSet<&String> = a.0.labels.iter().collect();
            self.right += usize::from(b.0.labels.iter().any(|l| la.contains(l)));
        }
    }
    fn prf(&self) -> (f64, f64, f64) {
        let p = self.right as f64 / self.predicted.max(1) as f64;
        let r = self.found as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

/// One scored unit: gold, its document, predicted category id (None: no domain).
struct Scored<'a> {
    unit: &'a GoldUnit,
    doc: usize,
    got: Option<String>,
}

/// The located units with their predictions (a unit not found among the leaves is left out).
fn scored_units<'a>(
    units: &'a [GoldUnit],
    located: &[Option<(usize, usize)>],
    got: Vec<Option<String>>,
) -> Vec<Scored<'a>> {
    units
        .iter()
        .zip(located)
        .zip(got)
        .filter_map(|((u, l), got)| l.map(|(d, _)| Scored { unit: u, doc: d, got }))
        .collect()
}

fn pairs(scored: &[Scored<'_>], keep: &dyn Fn(usize) -> bool, pair_with: &dyn Fn(usize, usize) -> bool) -> Pairs {
    let ids: Vec<Option<usize>> = {
        let mut names: Vec<&str> = scored.iter().filter_map(|s| s.got.as_deref()).collect();
        names.sort_unstable();
        names.dedup();
        scored
            .iter()
            .map(|s| s.got.as_deref().and_then(|g| names.binary_search(&g).ok()))
            .collect()
    };
    let mut p = Pairs::default();
    for i in 0..scored.len() {
        if !keep(scored[i].doc) {
            continue;
        }
        for j in i + 1..scored.len() {
            if keep(scored[j].doc) && scored[i].doc != scored[j].doc && pair_with(scored[i].doc, scored[j].doc) {
                p.add((scored[i].unit, ids[i]), (scored[j].unit, ids[j]));
            }
        }
    }
    p
}

fn category(aligner: &Aligner, al: &Alignment, leaf: usize) -> Option<String> {
    let scheme = aligner.taxonomy.schemes.iter().position(|s| s.id == "domain")?;
    match al.row_of(scheme, leaf) {
        Row::Category(c) => Some(aligner.taxonomy.schemes[scheme].categories[c].id.clone()),
        Row::Group(_) | Row::None => None,
    }
}

/// Predictions of the units of document `d` (leaf indices into `al`, or unmatched).
fn predictions(
    aligner: &Aligner,
    al: &Alignment,
    located: &[Option<(usize, usize)>],
    doc_of_al: &dyn Fn(usize) -> usize,
) -> Vec<Option<String>> {
    located
        .iter()
        .map(|l| {
            let (d, s) = (*l)?;
            let leaf = al.leaf_index(duizhao::model::DocIx(doc_of_al(d)), duizhao::model::SecIx(s))?;
            category(aligner, al, leaf)
        })
        .collect()
}

fn row(name: &str, p: Pairs, units: &[&Scored<'_>]) -> String {
    let (pr, r, f) = p.prf();
    let n = units.len();
    let acc = units
        .iter()
        .filter(|s| s.got.as_deref() == Some(s.unit.labels[0].as_str()))
        .count();
    let any = units
        .iter()
        .filter(|s| s.got.as_ref().is_some_and(|g| s.unit.labels.contains(g)))
        .count();
    let none = units.iter().filter(|s| s.got.is_none()).count();
    format!(
        "| {name} | {n} | {f:.3} | {pr:.3} | {r:.3} | {:.3} | {:.3} | {none} |",
        acc as f64 / n.max(1) as f64,
        any as f64 / n.max(1) as f64
    )
}

fn report(title: &str, scored: &[Scored<'_>], docs: &[Document], bundled: usize, per_doc: bool) {
    println!("\n### {title}\n");
    println!("| documents | units | pair F1 | P | R | unit acc (primary) | unit acc (any label) | no domain |");
    println!("|---|---|---|---|---|---|---|---|");
    let all = |_| true;
    let units = |f: &dyn Fn(usize) -> bool| scored.iter().filter(|s| f(s.doc)).collect::<Vec<_>>();
    let is_bundled = |d: usize| d < bundled;
    let is_train = |d: usize| d >= bundled;
    println!("{}", row("all", pairs(scored, &all, &|_, _| true), &units(&all)));
    println!(
        "{}",
        row(
            "bundled five",
            pairs(scored, &is_bundled, &|_, _| true),
            &units(&is_bundled)
        )
    );
    println!(
        "{}",
        row("train", pairs(scored, &is_train, &|_, _| true), &units(&is_train))
    );
    if per_doc {
        let present: BTreeSet<usize> = scored.iter().map(|s| s.doc).collect();
        for d in present {
            let p = pairs(scored, &all, &|a, b| a == d || b == d);
            println!("{}", row(&docs[d].source, p, &units(&|x| x == d)));
        }
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "an evaluation script: each table of BENCHMARKS.md in turn, read top to bottom"
)]
fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let cues = args.iter().any(|a| a == "--cues");
    let use_idf = !args.iter().any(|a| a == "--no-idf");
    let flag = |name: &str| -> Option<f32> { args.windows(2).find(|w| w[0] == name).and_then(|w| w[1].parse().ok()) };
    let whole = |name: &str| -> Option<u64> { args.windows(2).find(|w| w[0] == name).and_then(|w| w[1].parse().ok()) };
    let mut training = Training::default();
    training.epochs = whole("--epochs").map_or(training.epochs, |e| usize::try_from(e).unwrap_or(usize::MAX));
    training.runs = whole("--runs").map_or(training.runs, |r| usize::try_from(r).unwrap_or(1));
    training.seed = whole("--seed").unwrap_or(training.seed);
    training.l2 = flag("--l2").unwrap_or(training.l2);
    training.rate = flag("--rate").unwrap_or(training.rate);
    let balance = flag("--balance").unwrap_or(0.0);
    let doc_balance = flag("--doc-balance").unwrap_or(0.0);
    println!("training {training:?}, class balance power {balance}");
    let mut gold_paths: Vec<PathBuf> = args
        .windows(2)
        .filter(|w| w[0] == "--gold")
        .map(|w| PathBuf::from(&w[1]))
        .collect();
    if gold_paths.is_empty() {
        gold_paths = vec![
            "../shared/gold/dev-alignment.json".into(),
            "../shared/gold/train/alignment.json".into(),
        ];
    }
    let mut golds = Vec::new();
    for p in &gold_paths {
        golds.push((p.clone(), gold::load(p).map_err(anyhow::Error::msg)?));
    }
    let (docs, errors) = gold::documents(&golds);
    for e in &errors {
        eprintln!("{e}");
    }
    let mut extra_paths: Vec<PathBuf> = args
        .windows(2)
        .filter(|w| w[0] == "--extra")
        .map(|w| PathBuf::from(&w[1]))
        .collect();
    if extra_paths.is_empty() && !args.iter().any(|a| a == "--no-extra") {
        extra_paths = EXTRAS.iter().map(PathBuf::from).collect();
    }
    let mut extras = Vec::new();
    for p in extra_paths {
        let units = gold::load(&p).map_err(anyhow::Error::msg)?;
        extras.push((p, units));
    }
    let extra_weight = flag("--extra-weight").unwrap_or(learn::EXTRA_WEIGHT);
    let (more, errors) = gold::documents(&extras);
    for e in &errors {
        eprintln!("{e}");
    }
    // Extra documents come after the gold ones, so a gold document's index is the same in both.
    let mut all_docs = docs.clone();
    all_docs.extend(more.into_iter().filter(|m| !docs.iter().any(|d| d.source == m.source)));
    let extra_units: Vec<GoldUnit> = extras.iter().flat_map(|(_, u)| u.iter().cloned()).collect();
    if !extras.is_empty() {
        println!(
            "extra training data: {} units in {} documents, weight {extra_weight}",
            extra_units.len(),
            all_docs.len() - docs.len()
        );
    }
    let bundled = duizhao::corpus::load_all().len();
    let units: Vec<GoldUnit> = golds.iter().flat_map(|(_, u)| u.iter().cloned()).collect();
    let taxonomy = Taxonomy::builtin();
    let labels: Vec<String> = taxonomy
        .scheme("domain")
        .ok_or_else(|| anyhow::anyhow!("no domain scheme"))?
        .categories
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let unknown: BTreeSet<&str> = units
        .iter()
        .flat_map(|u| u.labels.iter())
        .filter(|l| !labels.contains(l))
        .map(String::as_str)
        .collect();
    println!(
        "{} gold units in {} documents; labels not in assets/domains.toml: {:?}",
        units.len(),
        docs.len(),
        unknown
    );

    let located = gold::locate(&units, &docs, true);
    let unmatched: Vec<&GoldUnit> = units
        .iter()
        .zip(&located)
        .filter(|(_, l)| l.is_none())
        .map(|(u, _)| u)
        .collect();
    println!("units not found among the leaves: {}", unmatched.len());
    if verbose {
        for u in &unmatched {
            println!("  unmatched {} {} {:?}", u.doc, u.path, u.anchor);
        }
    }

    if args.iter().any(|a| a == "--shipped") {
        // Documents the shipped model was never trained on: no folds, the model as shipped.
        let aligner = Aligner::new(taxonomy.clone());
        let al = aligner.align(&docs);
        let got = predictions(&aligner, &al, &located, &|d| d);
        let scored = scored_units(&units, &located, got);
        println!("\n### the shipped model (assets/model/domain.dzm), all documents loaded\n");
        println!("| documents | units | pair F1 | P | R | unit acc (primary) | unit acc (any label) | no domain |");
        println!("|---|---|---|---|---|---|---|---|");
        let all = |_| true;
        let every: Vec<&Scored<'_>> = scored.iter().collect();
        println!("{}", row("all", pairs(&scored, &all, &|_, _| true), &every));
        if verbose {
            for (d, doc) in docs.iter().enumerate() {
                let mine: Vec<&Scored<'_>> = scored.iter().filter(|s| s.doc == d).collect();
                let p = pairs(&scored, &all, &|a, b| a == d || b == d);
                println!("{}", row(&doc.source, p, &mine));
            }
            for s in scored
                .iter()
                .filter(|s| s.got.as_deref() != Some(s.unit.labels[0].as_str()))
            {
                println!(
                    "  {} {} gold {:?} got {:?}",
                    docs[s.doc].source, s.unit.path, s.unit.labels, s.got
                );
            }
        }
        return Ok(());
    }
    let mut aligner = Aligner::with_model(taxonomy.clone(), None);
    if cues {
        let al = aligner.align(&docs);
        let got = predictions(&aligner, &al, &located, &|d| d);
        let scored = scored_units(&units, &located, got);
        report(
            "cues only (nothing learned), all loaded",
            &scored,
            &docs,
            bundled,
            false,
        );
    }

    let started = std::time::Instant::now();
    let train_units: Vec<GoldUnit> = units.iter().chain(&extra_units).cloned().collect();
    let (examples, _) = gold::examples(&aligner, &train_units, &all_docs, &labels, None);
    println!(
        "\nfeatures of {} examples: {:.2} s",
        examples.len(),
        started.elapsed().as_secs_f64()
    );
    let gold_docs: BTreeSet<usize> = located.iter().flatten().map(|(d, _)| *d).collect();
    let mut together: Vec<Option<String>> = vec![None; units.len()];
    let mut alone: Vec<Option<String>> = vec![None; units.len()];
    // (unit, best probability, best label) for the threshold sweep.
    let mut sweep: Vec<(usize, f32, String)> = Vec::new();
    let (mut t_train, mut t_align) = (0.0, 0.0);
    for &d in &gold_docs {
        let t = std::time::Instant::now();
        // With IDF, its weights come from the fold's units only, as `duizhao train` makes them.
        let idf = use_idf.then(|| {
            let kept: Vec<GoldUnit> = train_units
                .iter()
                .filter(|u| u.doc != docs[d].source)
                .cloned()
                .collect();
            let idf = gold::idf(&aligner, &kept, &all_docs);
            (gold::examples(&aligner, &kept, &all_docs, &labels, Some(&idf)).0, idf)
        });
        let fold_ex: Vec<&(usize, learn::Example)> = idf
            .as_ref()
            .map_or(&examples, |(e, _)| e)
            .iter()
            .filter(|(x, _)| *x != d)
            .collect();
        let mut per_doc: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for (x, _) in &fold_ex {
            *per_doc.entry(*x).or_default() += 1;
        }
        let mean = fold_ex.len() as f32 / per_doc.len().max(1) as f32;
        let mut fold: Vec<learn::Example> = fold_ex
            .iter()
            .map(|(x, e)| {
                let mut e = e.clone();
                e.weight *= (mean / per_doc[x] as f32).powf(doc_balance);
                if *x >= docs.len() {
                    e.weight *= extra_weight;
                }
                e
            })
            .collect();
        if balance > 0.0 {
            learn::balance(&mut fold, balance);
        }
        let mut model = LinearModel::train("domain", labels.clone(), &fold, training);
        model.idf = idf.map(|(_, idf)| idf);
        t_train += t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        aligner.set_model(Some(model.clone()));
        let al = aligner.align(&docs);
        t_align += t.elapsed().as_secs_f64();
        let mine: Vec<Option<(usize, usize)>> = located.iter().map(|l| l.filter(|(x, _)| *x == d)).collect();
        for (i, g) in predictions(&aligner, &al, &mine, &|x| x).into_iter().enumerate() {
            if mine[i].is_some() {
                together[i] = g;
            }
        }
        let al1 = aligner.align(std::slice::from_ref(&docs[d]));
        for (i, g) in predictions(&aligner, &al1, &mine, &|_| 0).into_iter().enumerate() {
            if mine[i].is_some() {
                alone[i] = g;
            }
        }
        let at: Vec<(usize, usize)> = mine.iter().flatten().copied().collect();
        let idx: Vec<usize> = (0..units.len()).filter(|i| mine[*i].is_some()).collect();
        for (f, i) in aligner.section_features(&docs, &at).iter().zip(idx) {
            let p = model.probabilities(&learn::vector(f));
            let (b, pb) = p
                .iter()
                .enumerate()
                .fold((0, 0.0f32), |m, (c, &x)| if x > m.1 { (c, x) } else { m });
            sweep.push((i, pb, labels[b].clone()));
        }
    }
    println!(
        "{} folds: training {:.2} s, aligning all {} documents {:.2} s (per fold {:.2} s + {:.2} s)",
        gold_docs.len(),
        t_train,
        docs.len(),
        t_align,
        t_train / gold_docs.len().max(1) as f64,
        t_align / gold_docs.len().max(1) as f64
    );
    let scored = |got: &[Option<String>]| scored_units(&units, &located, got.to_vec());
    report(
        "leave-one-document-out, all documents loaded",
        &scored(&together),
        &docs,
        bundled,
        true,
    );
    report(
        "leave-one-document-out, each document aligned alone",
        &scored(&alone),
        &docs,
        bundled,
        false,
    );

    if verbose {
        println!("\nunits whose domain differs with all documents loaded (alone → loaded):");
        for (i, u) in units.iter().enumerate() {
            if together[i] != alone[i] {
                println!(
                    "  {} {} gold {:?}: {:?} → {:?}",
                    u.doc, u.path, u.labels, alone[i], together[i]
                );
            }
        }
    }

    println!("\n### the \"no domain\" threshold (held-out probabilities)\n");
    println!(
        "| threshold | units kept | kept: primary right | kept: any label right | dropped: primary right | pair F1 all |"
    );
    println!("|---|---|---|---|---|---|");
    for tau in [0.0f32, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5] {
        let mut got: Vec<Option<String>> = vec![None; units.len()];
        let (mut kept, mut right, mut any, mut dropped_right, mut dropped) = (0u32, 0u32, 0u32, 0u32, 0u32);
        for (i, p, l) in &sweep {
            let ok = units[*i].labels[0] == *l;
            if *p >= tau {
                kept += 1;
                right += u32::from(ok);
                any += u32::from(units[*i].labels.contains(l));
                got[*i] = Some(l.clone());
            } else {
                dropped += 1;
                dropped_right += u32::from(ok);
            }
        }
        let s = scored(&got);
        let (_, _, f) = pairs(&s, &|_| true, &|_, _| true).prf();
        println!(
            "| {tau:.2} | {kept} | {:.3} | {:.3} | {} | {f:.3} |",
            f64::from(right) / f64::from(kept.max(1)),
            f64::from(any) / f64::from(kept.max(1)),
            if dropped == 0 {
                "–".to_owned()
            } else {
                format!("{:.3} of {dropped}", f64::from(dropped_right) / f64::from(dropped))
            }
        );
    }

    breakdown(&units, &located, &together, &docs, bundled);

    if verbose {
        println!("\n### errors (held out, all loaded)\n");
        for ((u, l), got) in units.iter().zip(&located).zip(&together) {
            if l.is_some() && got.as_deref() != Some(u.labels[0].as_str()) {
                let mark = if got.as_ref().is_some_and(|g| u.labels.contains(g)) {
                    "~"
                } else {
                    "✗"
                };
                let s = &docs[l.map_or(0, |x| x.0)].sections[l.map_or(0, |x| x.1)];
                println!(
                    "{mark} {:<40} {:<16} gold {:<30} got {:<16} | {} {}",
                    u.doc.chars().take(40).collect::<String>(),
                    u.path,
                    u.labels.join(","),
                    got.as_deref().unwrap_or("-"),
                    s.heading.chars().take(16).collect::<String>(),
                    s.text.chars().take(30).collect::<String>().replace('\n', " ")
                );
            }
        }
    }
    Ok(())
}

/// Pair F1 of `got` over every gold unit (a unit not located counts as "no domain").
fn f1_all(units: &[GoldUnit], doc_of: &[usize], got: &[Option<String>], keep: &dyn Fn(usize) -> bool) -> f64 {
    let scored: Vec<Scored<'_>> = units
        .iter()
        .zip(doc_of)
        .zip(got.iter().cloned())
        .map(|((u, &doc), got)| Scored { unit: u, doc, got })
        .collect();
    pairs(&scored, keep, &|_, _| true).prf().2
}

/// What each class of error costs: pair F1 with that class put right (an oracle), over all
/// gold units, unlocated ones included as "no domain".
fn breakdown(
    units: &[GoldUnit],
    located: &[Option<(usize, usize)>],
    got: &[Option<String>],
    docs: &[Document],
    bundled: usize,
) {
    let doc_of: Vec<usize> = units
        .iter()
        .map(|u| docs.iter().position(|d| d.source == u.doc).unwrap_or(usize::MAX))
        .collect();
    let primary = |i: usize| Some(units[i].labels[0].clone());
    let fixed = |fix: &dyn Fn(usize) -> bool| -> Vec<Option<String>> {
        (0..units.len())
            .map(|i| if fix(i) { primary(i) } else { got[i].clone() })
            .collect()
    };
    let wrong = |i: usize| located[i].is_some() && got[i].as_deref() != Some(units[i].labels[0].as_str());
    let is_secondary = |i: usize| wrong(i) && got[i].as_ref().is_some_and(|g| units[i].labels.contains(g));
    let sets: [(&str, &dyn Fn(usize) -> bool); 3] = [
        ("all", &|_| true),
        ("bundled five", &|d| d < bundled),
        ("train", &|d| d >= bundled && d != usize::MAX),
    ];
    println!(
        "\n### what each class of error costs (pair F1 over all {} gold units; unlocated = no domain)\n",
        units.len()
    );
    println!("| variant | errors | all | bundled five | train |");
    println!("|---|---|---|---|---|");
    let line = |name: &str, n: usize, g: &[Option<String>]| {
        let f: Vec<String> = sets
            .iter()
            .map(|(_, k)| format!("{:.3}", f1_all(units, &doc_of, g, k)))
            .collect();
        println!("| {name} | {n} | {} |", f.join(" | "));
    };
    let count = |f: &dyn Fn(usize) -> bool| (0..units.len()).filter(|&i| f(i)).count();
    line("as predicted", 0, got);
    let unlocated = |i: usize| located[i].is_none();
    line(
        "unlocated units right (outline/anchor)",
        count(&unlocated),
        &fixed(&unlocated),
    );
    let none = |i: usize| located[i].is_some() && got[i].is_none();
    line("\"no domain\" units right", count(&none), &fixed(&none));
    line(
        "secondary-label predictions made primary",
        count(&is_secondary),
        &fixed(&is_secondary),
    );
    let other = |i: usize| wrong(i) && got[i].is_some() && !is_secondary(i);
    line("wrong-domain predictions right", count(&other), &fixed(&other));
    line("all located units right", count(&wrong), &fixed(&wrong));
    line(
        "everything right",
        count(&|i| wrong(i) || unlocated(i)),
        &fixed(&|_| true),
    );
    let mut by_domain: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for i in (0..units.len()).filter(|&i| wrong(i)) {
        *by_domain.entry(units[i].labels[0].as_str()).or_default() += 1;
    }
    let mut gains: Vec<(f64, &str, usize)> = by_domain
        .into_iter()
        .map(|(d, n)| {
            let g = fixed(&|i| wrong(i) && units[i].labels[0] == d);
            (f1_all(units, &doc_of, &g, &|_| true), d, n)
        })
        .collect();
    gains.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("\nerrors of one gold primary domain put right, all-units F1 (best 10):");
    for (f, d, n) in gains.iter().take(10) {
        println!("  {d:<18} {n:>3} errors -> {f:.3}");
    }
    let mut confusion: std::collections::BTreeMap<(String, String), usize> = std::collections::BTreeMap::new();
    for i in (0..units.len()).filter(|&i| wrong(i)) {
        let key = (units[i].labels[0].clone(), got[i].clone().unwrap_or_else(|| "-".into()));
        *confusion.entry(key).or_default() += 1;
    }
    let mut confusion: Vec<((String, String), usize)> = confusion.into_iter().collect();
    confusion.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("\nconfusions gold primary -> predicted (most frequent 15):");
    for ((g, p), n) in confusion.iter().take(15) {
        println!("  {g:<18} -> {p:<18} {n}");
    }
}
