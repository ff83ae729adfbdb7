//! The analysis the app shows (alignment in every scheme, targets, shared passages), computed off the UI
//! thread: aligning a large library takes seconds.

use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::align::{Aligner, Alignment, Taxonomy};
use crate::model::Document;
use crate::targets::Target;

/// Everything derived from the documents, in one piece.
pub struct Analysis {
    /// Shared with later analyses by the same taxonomy ([`aligner_for`]).
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

/// The aligners of the last few taxonomies used, most recent last.
static CACHE: Mutex<Vec<Arc<Aligner>>> = Mutex::new(Vec::new());

/// The aligner for `taxonomy`, built once per process and shared by every re-analysis that
/// aligns by the same taxonomy (building one loads the segmentation dictionary: the largest
/// fixed cost of an analysis).
#[must_use]
pub fn aligner_for(taxonomy: Taxonomy) -> Arc<Aligner> {
    const KEEP: usize = 3;
    let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(i) = cache.iter().position(|a| a.taxonomy == taxonomy) {
        let a = cache.remove(i);
        cache.push(Arc::clone(&a));
        return a;
    }
    let aligner = Arc::new(Aligner::new(taxonomy));
    if cache.len() >= KEEP {
        cache.remove(0);
    }
    cache.push(Arc::clone(&aligner));
    aligner
}

/// From now on analyse by `aligner` wherever its taxonomy is used (a model retrained on the
/// user's corrections replaces the shipped one for the rest of the session).
pub fn use_aligner(aligner: Arc<Aligner>) {
    let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    cache.retain(|a| a.taxonomy != aligner.taxonomy);
    cache.push(aligner);
}

/// How far an analysis has come: share done (0–1) and the stage under way.
pub type Progress = Arc<Mutex<(f32, &'static str)>>;

/// Analyse on the calling thread.
#[must_use]
pub fn run(docs: &[Document], taxonomy: Taxonomy) -> Analysis {
    run_with_progress(docs, taxonomy, &Progress::default())
}

/// Analyse on the calling thread, reporting each stage in `progress`. The shares are the
/// stages' typical part of the time (measured on the synthetic corpus, BENCHMARKS.md).
#[must_use]
pub fn run_with_progress(docs: &[Document], taxonomy: Taxonomy, progress: &Progress) -> Analysis {
    let report = |done: f32, stage: &'static str| {
        if let Ok(mut p) = progress.lock() {
            *p = (done, stage);
        }
    };
    let started = Instant::now();
    report(0.0, "loading the dictionary");
    let aligner = aligner_for(taxonomy);
    report(0.05, "aligning sections");
    let alignment = aligner.align(docs);
    let pristine = alignment.schemes.clone();
    report(0.75, "finding targets");
    let targets = Arc::new(docs.iter().map(crate::targets::extract).collect());
    let tables = docs.iter().map(crate::targets::indicator_tables).collect();
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
    taxonomy: Taxonomy,
    progress: Progress,
    done: impl FnOnce() + Send + 'static,
) -> std::io::Result<Receiver<Result<Analysis, String>>> {
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("duizhao-analysis".to_owned())
        .spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run_with_progress(&docs, taxonomy, &progress)
            }))
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
}
