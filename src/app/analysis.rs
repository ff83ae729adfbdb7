//! The analysis the app shows (alignment in every scheme, targets, shared passages), computed off the UI
//! thread: building the aligner loads jieba's dictionary, and large imports take seconds.

use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::align::{Aligner, Alignment, Taxonomy};
use crate::model::Document;
use crate::targets::Target;

/// Everything derived from the documents, in one piece.
pub struct Analysis {
    pub aligner: Aligner,
    /// The alignment with the user's overrides applied.
    pub alignment: Alignment,
    /// The alignment as analysed, before overrides: re-applied from here after every change.
    pub pristine: Vec<crate::align::SchemeAlignment>,
    /// Per document, in the order of the documents analysed.
    pub targets: Vec<Vec<Target>>,
    /// Passages the documents share, pair by pair.
    pub reuse: crate::reuse::ReuseReport,
    /// Wall time of the whole analysis, for the status bar.
    pub millis: f64,
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
    let aligner = Aligner::new(taxonomy);
    report(0.05, "aligning sections");
    let alignment = aligner.align(docs);
    let pristine = alignment.schemes.clone();
    report(0.75, "finding targets");
    let targets = docs.iter().map(crate::targets::extract).collect();
    report(0.8, "finding shared passages");
    let reuse = crate::reuse::analyse(docs, crate::reuse::Options::default());
    report(1.0, "done");
    Analysis {
        aligner,
        alignment,
        pristine,
        targets,
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
    docs: Vec<Document>,
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
