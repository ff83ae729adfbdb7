//! Loading, removing and restoring documents, and the taxonomy they are aligned by: what
//! changes the documents and so drops the analysis derived from them.

use std::sync::Arc;

use super::messages::Topic;
use super::{AppState, Removed};
use crate::app::command::Command;
use crate::model::{DocIx, Document};

/// Imported documents join the comparison while it has fewer columns than this.
pub const AUTO_CHOSEN: usize = 8;

impl AppState {
    /// Add documents read from files (or, with `None`, from elsewhere) and put them into the
    /// comparison. A document whose text is already loaded is refused with a message; ids
    /// are made unique. The analysis starts again (the one there was is dropped here).
    pub fn add_documents(&mut self, docs: Vec<(Document, Option<std::path::PathBuf>)>) -> usize {
        let mut added = 0;
        for (mut doc, source) in docs {
            if let Some(same) = self.docs.iter().find(|d| d.content_hash == doc.content_hash) {
                let text = format!(
                    "{}: the same text is already loaded as {}",
                    source
                        .as_deref()
                        .map_or(doc.source.clone(), |p| p.display().to_string()),
                    same.display_name()
                );
                self.messages.push(Topic::Import, text, true);
                continue;
            }
            if self
                .removed
                .as_ref()
                .is_some_and(|r| r.doc.content_hash == doc.content_hash)
            {
                // Loaded again: there is nothing left to undo.
                self.removed = None;
            }
            doc.id = crate::corpus::unique_id(&doc.id, |id| self.docs.iter().any(|d| d.id == id));
            // The label was made unique within its import; make it unique among all.
            if self.docs.iter().any(|d| d.label == doc.label) {
                doc.label.clear();
                let taken: Vec<&str> = self.docs.iter().map(|d| d.label.as_str()).collect();
                crate::corpus::label_documents(std::slice::from_mut(&mut doc), &taken);
            }
            // The project's corrections of this document (a relinked file, or one imported
            // again after it was taken out) hold as they did before.
            if let Some(edit) = self.project.edits.get(&doc.key()) {
                self.project
                    .original
                    .entry(doc.key())
                    .or_insert_with(|| (doc.meta.clone(), doc.label.clone()));
                edit.apply(&mut doc);
            }
            Arc::make_mut(&mut self.docs).push(doc);
            self.sources.push(source);
            // A library grows; the comparison stays readable: new documents join it only
            // while it has fewer than eight columns (the others are a click away).
            if self.chosen.len() < AUTO_CHOSEN {
                self.chosen.push(DocIx(self.docs.len() - 1));
            }
            added += 1;
        }
        if added > 0 {
            self.invalidate_analysis();
            if self.selected.is_none() {
                self.handle(Command::SelectDocument(DocIx(self.docs.len() - added)));
            }
        }
        added
    }

    /// Take a document out (its place, file and column are kept for [`Self::undo_remove`]).
    pub fn remove_document(&mut self, i: DocIx) {
        if i.get() >= self.docs.len() {
            return;
        }
        let doc = Arc::make_mut(&mut self.docs).remove(i.get());
        let source = self.sources.remove(i.get());
        let column = self.chosen.iter().position(|&c| c == i);
        self.chosen = self.chosen.iter().filter_map(|c| c.after_removal(i)).collect();
        self.selected = self.selected.and_then(|s| s.after_removal(i));
        self.removed = Some(Removed {
            index: i,
            doc,
            source,
            column,
        });
        self.invalidate_analysis();
        if self.selected.is_none() && !self.docs.is_empty() {
            self.handle(Command::SelectDocument(i.min(DocIx(self.docs.len() - 1))));
        }
    }

    /// Put the last removed document back where it was, in its column. Refused (with a
    /// message) when the same text has been loaded again meanwhile.
    pub fn undo_remove(&mut self) -> bool {
        let Some(r) = self.removed.take() else {
            return false;
        };
        if let Some(same) = self.docs.iter().find(|d| d.content_hash == r.doc.content_hash) {
            let text = format!(
                "{} is loaded again as {}: nothing to undo",
                r.doc.display_name(),
                same.display_name()
            );
            self.notify(text, false);
            return false;
        }
        let i = r.index.min(DocIx(self.docs.len()));
        Arc::make_mut(&mut self.docs).insert(i.get(), r.doc);
        self.sources.insert(i.get(), r.source);
        for c in &mut self.chosen {
            *c = c.after_insertion(i);
        }
        if let Some(column) = r.column {
            self.chosen.insert(column.min(self.chosen.len()), i);
        }
        self.selected = Some(self.selected.map_or(i, |s| s.after_insertion(i)));
        self.invalidate_analysis();
        true
    }

    /// The documents changed: what was derived from them is gone until the next analysis,
    /// which starts as soon as no import is under way.
    pub(super) fn invalidate_analysis(&mut self) {
        self.analysis = None;
        self.pending = None;
        self.progress = None;
        self.want_analysis = true;
        self.messages.clear(Some(Topic::Analysis));
        self.derived.shared.clear();
        self.derived.target_spans.clear();
        self.derived.parts.clear();
        self.derived.compare.clear();
        self.derived.target_rows.clear();
        self.reuse_pair = None;
        self.reuse_passage = None;
        self.retrain = super::retrain::RetrainState::default();
        self.derived.reuse_domains.clear();
        self.derived.search_hits.clear();
        self.search_current = 0;
        self.sync.clear();
        self.sync_source = None;
        self.sync_missing.clear();
        self.rebuild_rows();
        self.rebuild_suggestions();
        self.rebuild_library();
        self.rebuild_tables();
    }

    /// The taxonomy to align by: the user's file, else the built-in one.
    #[must_use]
    pub fn taxonomy(&self) -> crate::align::Taxonomy {
        self.taxonomy_file
            .as_ref()
            .map_or_else(crate::align::Taxonomy::builtin, |(_, t)| t.clone())
    }

    /// What the analysis aligns by: the taxonomy, and the corrections the model was
    /// retrained on.
    #[must_use]
    pub fn align_by(&self) -> crate::app::analysis::AlignBy {
        crate::app::analysis::AlignBy {
            taxonomy: self.taxonomy(),
            retrained_on: self.retrained_on.clone(),
        }
    }

    /// Read a taxonomy file; on success it replaces the one in use (and the analysis
    /// starts again), on failure the message names the file, line and field and the
    /// taxonomy in use stays.
    pub fn load_taxonomy(&mut self, path: &std::path::Path) -> bool {
        match crate::align::Taxonomy::load(path) {
            Ok(t) => {
                let text = format!("Aligning by {} ({} schemes)", path.display(), t.schemes.len());
                self.messages.push(Topic::Taxonomy, text, false);
                self.taxonomy_path = path.display().to_string();
                self.taxonomy_file = Some((path.to_owned(), t));
                self.scheme = 0;
                self.invalidate_analysis();
                true
            }
            Err(e) => {
                self.messages
                    .push(Topic::Taxonomy, format!("{e} — the taxonomy in use stays"), true);
                false
            }
        }
    }
}
