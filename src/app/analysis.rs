//! The analysis the app shows (alignment in every scheme, targets, shared passages), computed off the UI
//! thread: aligning a large library takes seconds.

use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::align::overrides::Overrides;
use crate::align::{Aligner, Alignment, Taxonomy};
use crate::model::Document;
use crate::targets::Target;

/// Everything derived from the documents, in one piece.
pub struct Analysis {
    /// Shared with later analyses that align the same way ([`aligner_for`]).
    pub aligner: Arc<Aligner>,
    /// The alignment with the user's overrides applied.
    pub alignment: Alignment,
    /// The alignment as analysed, before overrides: re-applied from here after every change.
    pub pristine: Vec<crate::align::SchemeAlignment>,
    /// Per document, in the order of the documents analysed.
    pub targets: Arc<Vec<Vec<Target>>>,
    /// Per document, its indicator tables as read (drawn as tables by the reading views).
    pub tables: Vec<Vec<crate::targets::IndicatorTable>>,
    /// Which documents share text: every pair estimated, the pairs looked at exact.
    pub reuse: crate::reuse::Overview,
    /// Wall time of the whole analysis, for the status bar.
    pub millis: f64,
}

/// What an analysis aligns by: the taxonomy, and the corrections the domain model was refitted
/// on ("Retrain on my corrections"; `None`: the shipped model). Kept in the project, so that a
/// retrained study reopens — and exports from the CLI — with the same model.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignBy {
    pub taxonomy: Taxonomy,
    pub retrained_on: Option<Overrides>,
}

impl From<Taxonomy> for AlignBy {
    fn from(taxonomy: Taxonomy) -> Self {
        Self {
            taxonomy,
            retrained_on: None,
        }
    }
}

/// The aligners of the last few [`AlignBy`] used, most recent last.
static CACHE: Mutex<Vec<(AlignBy, Arc<Aligner>)>> = Mutex::new(Vec::new());
const KEEP: usize = 3;

/// The aligner for `by`, built once per process and shared by every re-analysis that aligns
/// the same way (building one loads the segmentation dictionary: the largest fixed cost of an
/// analysis). A model retrained on corrections is refitted from the shipped one on `docs`
/// (deterministic: the same corrections of the same documents give the same model); when
/// none of the corrections is of a loaded document, the shipped model is used.
#[must_use]
pub fn aligner_for(by: impl Into<AlignBy>, docs: &[Document]) -> Arc<Aligner> {
    let by = by.into();
    let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(i) = cache.iter().position(|(b, _)| *b == by) {
        let a = cache.remove(i);
        let aligner = Arc::clone(&a.1);
        cache.push(a);
        return aligner;
    }
    let mut aligner = Aligner::new(by.taxonomy.clone());
    if let Some(o) = &by.retrained_on {
        let _shipped_if_nothing_to_learn = aligner.refit(docs, o);
    }
    let aligner = Arc::new(aligner);
    remember(&mut cache, by, Arc::clone(&aligner));
    aligner
}

fn remember(cache: &mut Vec<(AlignBy, Arc<Aligner>)>, by: AlignBy, aligner: Arc<Aligner>) {
    cache.retain(|(b, _)| *b != by);
    if cache.len() >= KEEP {
        cache.remove(0);
    }
    cache.push((by, aligner));
}

/// Analyses that align `by` use `aligner` from now on (a model just retrained on the user's
/// corrections, or the one an undo puts back).
pub fn use_aligner(by: AlignBy, aligner: Arc<Aligner>) {
    let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    remember(&mut cache, by, aligner);
}

/// How far an analysis has come: share done (0–1) and the stage under way.
pub type Progress = Arc<Mutex<(f32, &'static str)>>;

/// Analyse on the calling thread.
#[must_use]
pub fn run(docs: &[Document], by: impl Into<AlignBy>) -> Analysis {
    run_with_progress(docs, by.into(), &Progress::default())
}

/// Analyse on the calling thread, reporting each stage in `progress`. The shares are the
/// stages' typical part of the time (measured on the synthetic corpus, BENCHMARKS.md).
#[must_use]
pub fn run_with_progress(docs: &[Document], by: AlignBy, progress: &Progress) -> Analysis {
    let report = |done: f32, stage: &'static str| {
        if let Ok(mut p) = progress.lock() {
            *p = (done, stage);
        }
    };
    let started = Instant::now();
    report(0.0, "loading the dictionary");
    let aligner = aligner_for(by, docs);
    report(0.05, "aligning sections, finding targets");
    // Targets and indicator tables need no alignment: they are found beside it, a document
    // per task, on the cores the alignment leaves idle.
    let (alignment, (targets, tables)) = rayon::join(
        || aligner.align(docs),
        || {
            use rayon::prelude::*;
            let targets: Vec<_> = docs.par_iter().map(crate::targets::extract).collect();
            let tables: Vec<_> = docs.par_iter().map(crate::targets::indicator_tables).collect();
            (Arc::new(targets), tables)
        },
    );
    let pristine = alignment.schemes.clone();
    report(0.8, "finding shared passages");
    let reuse = crate::reuse::Overview::build(docs, crate::reuse::Options::default());
    report(1.0, "done");
    Analysis {
        aligner,
        alignment,
        pristine,
        targets,
        tables,
        reuse,
        millis: started.elapsed().as_secs_f64() * 1000.0,
    }
}

/// Analyse on a named background thread; `done` is called (to request a repaint) when the
/// result is ready to be received.
///
/// # Errors
/// The thread could not be started.
pub fn spawn(
    docs: Arc<Vec<Document>>,
    by: AlignBy,
    progress: Progress,
    done: impl FnOnce() + Send + 'static,
) -> std::io::Result<Receiver<Result<Analysis, String>>> {
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("duizhao-analysis".to_owned())
        .spawn(move || {
            let result =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_with_progress(&docs, by, &progress)))
                    .map_err(|e| {
                        let why = e
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()));
                        format!(
                            "the analysis failed: {}",
                            why.unwrap_or_else(|| "unknown error".to_owned())
                        )
                    });
            // The receiver is gone only if the app closed meanwhile: nothing to report then.
            let _ = tx.send(result);
            done();
        })?;
    Ok(rx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn re_analyses_by_one_taxonomy_share_one_aligner() {
        let docs = crate::corpus::load_all();
        let a = run(&docs[..1], Taxonomy::builtin());
        let b = run(&docs[..2], Taxonomy::builtin());
        assert!(Arc::ptr_eq(&a.aligner, &b.aligner), "the dictionary is loaded once");
        let mut other = Taxonomy::builtin();
        other.schemes.truncate(1);
        let c = run(&docs[..1], other);
        assert!(
            !Arc::ptr_eq(&a.aligner, &c.aligner),
            "another taxonomy, another aligner"
        );
        assert_eq!(c.aligner.taxonomy.schemes.len(), 1);
    }

    /// A model retrained on one project's corrections is used only where those corrections
    /// are: a new project (no retraining) gets the shipped model back.
    #[test]
    fn a_retrained_model_is_kept_apart_from_the_shipped_one() {
        let docs = crate::corpus::load_all();
        let leaf = docs[0].leaves().next().expect("a leaf").1.id.clone();
        let mut on = Overrides::default();
        on.map.insert(
            crate::align::overrides::Key {
                doc_hash: docs[0].content_hash.clone(),
                section: leaf,
                scheme: "domain".into(),
            },
            Some("talent".into()),
        );
        let by = AlignBy {
            taxonomy: Taxonomy::builtin(),
            retrained_on: Some(on),
        };
        let retrained = aligner_for(by.clone(), &docs);
        let shipped = aligner_for(Taxonomy::builtin(), &docs);
        assert!(!Arc::ptr_eq(&retrained, &shipped));
        assert_ne!(retrained.model(), shipped.model(), "refitted on the correction");
        assert_eq!(
            shipped.model(),
            Aligner::new(Taxonomy::builtin()).model(),
            "the shipped model untouched"
        );
        assert!(Arc::ptr_eq(&retrained, &aligner_for(by, &docs)), "refitted once");
    }
}
