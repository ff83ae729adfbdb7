//! `duizhao train`: fit the domain model on gold files and/or a user's corrections, and write
//! the model file (format: `align::learn::LinearModel::to_bytes`) atomically.
//!
//! With `--gold`, the model is trained from scratch on every gold unit (plus the corrections,
//! each counting [`CORRECTION_WEIGHT`] units). With `--overrides` alone, the built-in model is
//! refitted on the corrections, held near its weights. Reproducible: the same inputs give the
//! same bytes (fixed seed, gold units in file order).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use duizhao::align::learn::{CORRECTION_WEIGHT, EXTRA_WEIGHT, LinearModel, Training, describe};
use duizhao::align::overrides::Key;
use duizhao::align::{Aligner, Taxonomy, gold, overrides::Overrides};
use duizhao::align::{Alignment, Row};
use duizhao::model::Document;

/// `duizhao train`: what to learn from and where to write the model.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Gold files (format: the gold README); their documents are read from beside them, or
    /// from the bundled corpus.
    #[arg(long, value_name = "FILE")]
    pub gold: Vec<PathBuf>,
    /// Labelled documents in the gold format from a second annotator, trained on with each
    /// unit weighing `EXTRA_WEIGHT` of a gold unit (documents read from beside the file).
    #[arg(long, value_name = "FILE")]
    pub extra: Vec<PathBuf>,
    /// An overrides file saved by the app: each correction becomes a labelled example.
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,
    /// Documents the corrections refer to (besides the bundled corpus and the gold's).
    pub files: Vec<PathBuf>,
    /// The model file to write (e.g. assets/model/domain.dzm).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// Run `train`; returns the exit code (2 when an input cannot be read, nothing written).
pub fn train(args: &TrainArgs, out: &mut impl Write) -> anyhow::Result<i32> {
    if args.gold.is_empty() && args.extra.is_empty() && args.overrides.is_none() {
        eprintln!("duizhao train: give --gold FILE, --extra FILE and/or --overrides FILE");
        return Ok(2);
    }
    let started = std::time::Instant::now();
    // Gold files, then the extra ones, each with the weight of its units.
    let (mut golds, mut weights) = (Vec::new(), Vec::new());
    let weighted = args
        .gold
        .iter()
        .map(|p| (p, 1.0))
        .chain(args.extra.iter().map(|p| (p, EXTRA_WEIGHT)));
    for (path, weight) in weighted {
        match gold::load(path) {
            Ok(units) => {
                golds.push((path.clone(), units));
                weights.push(weight);
            }
            Err(e) => {
                eprintln!("{e}");
                return Ok(2);
            }
        }
    }
    let overrides = match &args.overrides {
        Some(p) => match Overrides::load(p) {
            Ok(o) => Some(o),
            Err(e) => {
                eprintln!("{}: {e}", p.display());
                return Ok(2);
            }
        },
        None => None,
    };
    let (mut docs, errors) = gold::documents(&golds);
    let (more, more_errors) = duizhao::load_paths(&args.files);
    let first_of_users = if more.is_empty() { 0 } else { docs.len() };
    docs.extend(more);
    let errors: Vec<String> = errors
        .into_iter()
        .chain(more_errors.iter().map(ToString::to_string))
        .collect();
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("{e}");
        }
        return Ok(2);
    }
    let taxonomy = Taxonomy::builtin();
    let base = Aligner::new(taxonomy.clone());
    let labels: Vec<String> = match taxonomy.scheme("domain") {
        Some(s) => s.categories.iter().map(|c| c.id.clone()).collect(),
        None => anyhow::bail!("the built-in taxonomy has no domain scheme"),
    };
    let corrections = overrides
        .as_ref()
        .map(|o| base.override_examples(&docs, o, &labels))
        .unwrap_or_default();
    let model = if let (true, Some(o)) = (golds.is_empty(), &overrides) {
        match base.refitted(&docs, o) {
            Ok((m, _)) => m,
            Err(e) => {
                eprintln!("duizhao train: {e}");
                return Ok(2);
            }
        }
    } else {
        from_gold((&golds, &weights), &docs, labels, (&base, overrides.as_ref()), out)?
    };
    if overrides.is_some() {
        // Before and after, on the user's documents (all loaded ones when none are named).
        let moved = moves(&base, &model, &docs, first_of_users, overrides.as_ref());
        writeln!(out, "{} sections move with the refitted model:", moved.len())?;
        for m in &moved {
            writeln!(out, "  {m}")?;
        }
    }
    let bytes = model.to_bytes();
    duizhao::fsutil::write_atomic(&args.output, &bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.output.display()))?;
    writeln!(
        out,
        "{}: {} (+{} corrections ×{CORRECTION_WEIGHT}) in {:.1} s",
        args.output.display(),
        describe(&model, bytes.len()),
        corrections.len(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(0)
}

/// A model trained from scratch on every gold unit (and the corrections, if any), its text
/// features weighted by one IDF over all the gold units.
fn from_gold(
    (golds, weights): (&[(PathBuf, Vec<gold::GoldUnit>)], &[f32]),
    docs: &[Document],
    labels: Vec<String>,
    (base, overrides): (&Aligner, Option<&Overrides>),
    out: &mut impl Write,
) -> anyhow::Result<LinearModel> {
    let cues_only = Aligner::with_model(base.taxonomy.clone(), None);
    let all_units: Vec<gold::GoldUnit> = golds.iter().flat_map(|(_, u)| u.iter().cloned()).collect();
    let idf = gold::idf(&cues_only, &all_units, docs);
    let mut examples = Vec::new();
    // Gold units used (each is one primary example, and one per secondary label).
    let mut n = 0;
    let mut used_docs = std::collections::BTreeSet::new();
    for ((path, units), &weight) in golds.iter().zip(weights) {
        let (ex, skipped) = gold::examples(&cues_only, units, docs, &labels, Some(&idf));
        if skipped > 0 {
            writeln!(
                out,
                "{}: {skipped} units not found or not labelled by a domain id",
                path.display()
            )?;
        }
        used_docs.extend(ex.iter().map(|(d, _)| *d));
        n += units.len() - skipped;
        examples.extend(ex.into_iter().map(|(_, mut e)| {
            e.weight *= weight;
            e
        }));
    }
    if let Some(o) = overrides {
        examples.extend(base.override_examples_idf(docs, o, &labels, Some(&idf)));
    }
    let mut m = LinearModel::train("domain", labels, &examples, Training::default());
    m.trained_on = (n, used_docs.len());
    m.idf = Some(idf);
    Ok(m)
}
/// The sections of `docs[shown..]` whose domain differs between `before`'s model and `after`
/// (overrides not applied, so a corrected section shows whether the model learned it;
/// `shown` 0: all documents):
/// `source path heading: old -> new`, corrected ones marked.
fn moves(
    before: &Aligner,
    after: &LinearModel,
    docs: &[Document],
    shown: usize,
    overrides: Option<&Overrides>,
) -> Vec<String> {
    let refitted = Aligner::with_model(before.taxonomy.clone(), Some(after.clone()));
    let (a, b) = (before.align(docs), refitted.align(docs));
    let scheme_id = &after.scheme;
    let Some(scheme) = before.taxonomy.schemes.iter().position(|s| s.id == *scheme_id) else {
        return Vec::new();
    };
    let name = |al: &Alignment, leaf: usize| match al.row_of(scheme, leaf) {
        Row::Category(c) => before.taxonomy.schemes[scheme].categories[c].id.clone(),
        Row::Group(_) | Row::None => "(none)".to_owned(),
    };
    let mut out = Vec::new();
    for (leaf, l) in a.leaves.iter().enumerate() {
        if l.doc.get() < shown {
            continue;
        }
        let (old, new) = (name(&a, leaf), name(&b, leaf));
        if old != new {
            let (d, s) = (&docs[l.doc], &docs[l.doc].sections[l.section]);
            let key = Key {
                doc_hash: d.content_hash.clone(),
                section: s.id.clone(),
                scheme: scheme_id.clone(),
            };
            let corrected = overrides.is_some_and(|o| o.map.contains_key(&key));
            out.push(format!(
                "{} {} {}: {old} -> {new}{}",
                d.source,
                s.path,
                s.heading,
                if corrected { " (corrected)" } else { "" }
            ));
        }
    }
    out
}
