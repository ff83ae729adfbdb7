//! "Retrain on my corrections": the domain model refitted with the user's corrections as
//! labelled examples, on a background thread; the other sections of the documents move
//! accordingly, the status bar says how many, and *Undo retrain* puts the model and the
//! alignment back. Later analyses (an import, a reload) keep using the retrained model, and
//! the project keeps the corrections it learned from (`retrained_on`), so that reopening it
//! refits the same model.

use std::sync::Arc;

use super::AppState;
use super::messages::Topic;
use crate::align::{Aligner, Alignment};
use crate::app::jobs::Task;

/// What a retraining brought.
pub struct Retrained {
    aligner: Arc<Aligner>,
    alignment: Alignment,
    examples: usize,
    /// The corrections it learned from.
    on: crate::align::overrides::Overrides,
    /// The documents it was computed for (the result is dropped if they changed).
    docs: Arc<Vec<crate::model::Document>>,
}

/// The retraining under way, and what undoing the last one restores.
#[derive(Default)]
pub struct RetrainState {
    pub(super) task: Option<Task<Result<Retrained, String>>>,
    /// The aligner, the analysed alignment and the corrections the model had learned from
    /// before the last retraining.
    pub(super) undo: Option<Undo>,
}

/// What undoing a retraining puts back.
pub(super) struct Undo {
    aligner: Arc<Aligner>,
    alignment: Alignment,
    retrained_on: Option<crate::align::overrides::Overrides>,
}

impl AppState {
    /// Start refitting the model with the corrections in force.
    pub(super) fn start_retrain(&mut self) {
        let Some(a) = &self.analysis else { return };
        if self.retrain.task.is_some() {
            return;
        }
        let taxonomy = a.aligner.taxonomy.clone();
        let docs = Arc::clone(&self.docs);
        let overrides = self.overrides.current.clone();
        let work = move || {
            // From the shipped model each time: the corrections in force are all the examples.
            let mut aligner = Aligner::new(taxonomy);
            let refit = aligner.refit(&docs, &overrides)?;
            let alignment = aligner.align(&docs);
            Ok(Retrained {
                aligner: Arc::new(aligner),
                alignment,
                examples: refit.examples,
                on: overrides,
                docs,
            })
        };
        self.retrain.task = Some(Task::spawn(
            "retrain",
            self.wake.clone(),
            work,
            |e| Err(format!("cannot start retraining: {e}")),
            || Err("retraining stopped without a result".to_owned()),
        ));
    }

    /// Take a finished retraining: the new model's alignment, the corrections applied on top.
    pub(super) fn poll_retrain(&mut self) -> bool {
        let Some(result) = self.retrain.task.as_ref().and_then(Task::poll) else {
            return false;
        };
        self.retrain.task = None;
        let r = match result {
            Ok(r) => r,
            Err(why) => {
                self.messages
                    .push(Topic::Analysis, format!("Not retrained: {why}"), true);
                return true;
            }
        };
        let Some(a) = self.analysis.as_mut() else { return true };
        if !Arc::ptr_eq(&r.docs, &self.docs) || r.alignment.leaves != a.alignment.leaves {
            self.messages.push(
                Topic::Analysis,
                "Not retrained: the documents changed meanwhile — retrain again",
                true,
            );
            return true;
        }
        // The domain scheme: the one the model labels.
        let scheme = 0;
        let before: Vec<Option<usize>> = a.pristine[scheme].assignments.iter().map(|x| x.primary).collect();
        let mut previous = a.alignment.clone();
        previous.schemes.clone_from(&a.pristine);
        self.retrain.undo = Some(Undo {
            aligner: Arc::clone(&a.aligner),
            alignment: previous,
            retrained_on: self.retrained_on.replace(r.on),
        });
        crate::app::analysis::use_aligner(self.align_by(), Arc::clone(&r.aligner));
        let Some(a) = self.analysis.as_mut() else { return true };
        a.aligner = r.aligner;
        a.pristine.clone_from(&r.alignment.schemes);
        a.alignment = r.alignment;
        self.reapply_overrides();
        let Some(a) = self.analysis.as_ref() else { return true };
        let moved = a.pristine[scheme]
            .assignments
            .iter()
            .zip(&before)
            .zip(&a.alignment.schemes[scheme].assignments)
            .filter(|((now, was), shown)| now.primary != **was && !shown.overridden)
            .count();
        self.messages.push(
            Topic::Analysis,
            format!(
                "Retrained on {} corrections: {moved} other sections moved to another domain (Undo retrain puts them back)",
                r.examples
            ),
            false,
        );
        true
    }

    /// Put the model and the alignment of before the last retraining back.
    pub(super) fn undo_retrain(&mut self) {
        let Some(Undo {
            aligner,
            alignment,
            retrained_on,
        }) = self.retrain.undo.take()
        else {
            return;
        };
        let Some(a) = self.analysis.as_ref() else { return };
        if alignment.leaves != a.alignment.leaves {
            self.notify("The documents changed since the retraining: nothing to undo", false);
            return;
        }
        self.retrained_on = retrained_on;
        crate::app::analysis::use_aligner(self.align_by(), Arc::clone(&aligner));
        let Some(a) = self.analysis.as_mut() else { return };
        a.aligner = aligner;
        a.pristine.clone_from(&alignment.schemes);
        a.alignment = alignment;
        self.reapply_overrides();
        self.messages
            .push(Topic::Analysis, "Retraining undone: the model as before", false);
    }

    /// A retraining is under way.
    #[must_use]
    pub fn retraining(&self) -> bool {
        self.retrain.task.is_some()
    }

    /// The last retraining can be undone.
    #[must_use]
    pub fn can_undo_retrain(&self) -> bool {
        self.retrain.undo.is_some()
    }
}
