//! Teaching the domain model a user's corrections: each correction of the model's scheme
//! that names a category becomes a labelled example, and the model is refitted on them, held
//! near its weights.

use super::{Aligner, learn, overrides};
use crate::align::learn::LinearModel;
use crate::model::Document;

/// What [`Aligner::refit`] did.
pub struct Refit {
    /// Corrections that became examples (those of the model's scheme naming a category).
    pub examples: usize,
    /// The model before, for undo ([`Aligner::set_model`]).
    pub previous: Option<LinearModel>,
}

impl Aligner {
    /// Refit the model with the user's corrections as labelled examples (of the model's
    /// scheme; "no category" corrections are not examples). The rest of the documents move
    /// on the next [`Aligner::align`].
    ///
    /// # Errors
    /// When no model is in use (a taxonomy of the user's own: cues decide) or no correction
    /// names a category.
    pub fn refit(&mut self, docs: &[Document], overrides: &overrides::Overrides) -> Result<Refit, String> {
        let (model, n) = self.refitted(docs, overrides)?;
        let previous = self.set_model(Some(model));
        Ok(Refit { examples: n, previous })
    }

    /// The model refitted on the user's corrections, and how many corrections became
    /// examples, leaving this aligner as it is: the app's "Retrain on my corrections" runs it
    /// off the UI thread, then [`Aligner::set_model`] (which returns the old model, for undo).
    ///
    /// # Errors
    /// As [`Aligner::refit`].
    pub fn refitted(
        &self,
        docs: &[Document],
        overrides: &overrides::Overrides,
    ) -> Result<(LinearModel, usize), String> {
        let Some(fitted) = &self.fitted else {
            return Err("no learned model for this taxonomy: its cue terms decide".into());
        };
        let examples = self.override_examples(docs, overrides, &fitted.model.labels);
        if examples.is_empty() {
            return Err("no correction names a category of a section that is loaded".into());
        }
        let model = fitted.model.fine_tuned(&examples, learn::Training::fine_tuning());
        Ok((model, examples.len()))
    }

    /// Labelled examples from user corrections of the model's scheme (classes: indices into
    /// `labels`), weighted [`learn::CORRECTION_WEIGHT`].
    #[must_use]
    pub fn override_examples(
        &self,
        docs: &[Document],
        overrides: &overrides::Overrides,
        labels: &[String],
    ) -> Vec<learn::Example> {
        let idf = self.fitted.as_ref().and_then(|f| f.model.idf.as_deref());
        self.override_examples_idf(docs, overrides, labels, idf)
    }

    /// [`Self::override_examples`] with the text features weighted by `idf` (a model trained
    /// afresh has its own).
    #[must_use]
    pub fn override_examples_idf(
        &self,
        docs: &[Document],
        overrides: &overrides::Overrides,
        labels: &[String],
        idf: Option<&[f32]>,
    ) -> Vec<learn::Example> {
        let Some(scheme) = self.taxonomy.schemes.get(self.model_scheme()) else {
            return Vec::new();
        };
        let mut at = Vec::new();
        let mut classes = Vec::new();
        for (key, category) in &overrides.map {
            let Some(category) = category else { continue };
            if key.scheme != scheme.id {
                continue;
            }
            let Some(class) = labels.iter().position(|l| l == category) else {
                continue;
            };
            for (d, doc) in docs.iter().enumerate() {
                if doc.content_hash != key.doc_hash {
                    continue;
                }
                if let Some(s) = doc.sections.iter().position(|s| s.id == key.section) {
                    at.push((d, s));
                    classes.push(class);
                    break;
                }
            }
        }
        self.section_features_idf(docs, &at, idf)
            .iter()
            .zip(classes)
            .map(|(f, class)| learn::Example {
                feats: learn::vector(f),
                class,
                weight: learn::CORRECTION_WEIGHT,
            })
            .collect()
    }
}
