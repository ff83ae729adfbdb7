//! The app's state: the loaded documents, the analysis, what is selected and chosen, and
//! what is derived from them (outline rows, comparison rows, the targets table), rebuilt when
//! its inputs change — never every frame.

use std::collections::BTreeSet;
use std::sync::mpsc::Receiver;

use serde::{Deserialize, Serialize};

use super::analysis::Analysis;
use super::command::Command;
use crate::align::Row;
use crate::model::{CharRange, Document};

/// The main views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum View {
    /// One document: outline and text.
    #[default]
    Document,
    /// The chosen documents side by side, domain by domain.
    Compare,
    /// Every target of the chosen documents in one table.
    Targets,
    /// Which documents share which passages: the heat matrix and the passages of a pair.
    Reuse,
}

/// One visible row of the outline tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineRow {
    pub section: usize,
    pub depth: usize,
    pub label: String,
    pub has_children: bool,
    pub collapsed: bool,
}

/// A section as shown in a comparison cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub doc: usize,
    pub section: usize,
    pub path: String,
    pub heading: String,
    pub text: String,
    /// Target spans in `text` (chars), with their tooltip.
    pub targets: Vec<(CharRange, String)>,
    /// Similarity to the most similar card of the neighbouring column in the same row.
    pub similarity: Option<f32>,
    /// Passages of `text` (chars) shared with another document (index).
    pub shared: Vec<(CharRange, usize)>,
    /// Where `text` (chars) matches the search.
    pub hits: Vec<CharRange>,
}

/// One search hit in the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchHit {
    /// Index into the comparison rows.
    pub row: usize,
    pub doc: usize,
    pub section: usize,
    /// Chars of the section's text.
    pub range: CharRange,
}

/// One domain (or group, or "no domain") across the chosen documents.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    pub title: String,
    pub description: String,
    /// One cell per chosen document, in column order.
    pub cells: Vec<Vec<Card>>,
}

impl CompareRow {
    /// How many chosen documents have a section in this row.
    #[must_use]
    pub fn coverage(&self) -> usize {
        self.cells.iter().filter(|c| !c.is_empty()).count()
    }
}

/// Columns of the targets table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TargetColumn {
    #[default]
    Document,
    Domain,
    Metric,
    Value,
    Year,
}

/// One row of the targets table.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetRow {
    pub doc: usize,
    pub section: usize,
    pub document: String,
    pub domain: String,
    pub metric: String,
    pub value: f64,
    pub unit: String,
    pub shown_value: String,
    pub year: String,
    pub text: String,
}

/// A removed document with what Undo needs to put it back as it was.
#[derive(Debug, Clone)]
pub struct Removed {
    /// Its place among the documents.
    pub index: usize,
    pub doc: Document,
    pub source: Option<std::path::PathBuf>,
    /// Its column in the comparison, if it was chosen.
    pub column: Option<usize>,
}

/// A message for the user, kept until dismissed or replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

#[derive(Default)]
pub struct AppState {
    pub docs: Vec<Document>,
    analysis: Option<Analysis>,
    pending: Option<Receiver<Result<Analysis, String>>>,
    /// How far the running analysis has come.
    pub progress: Option<super::analysis::Progress>,
    /// A taxonomy file the user loaded, with its path (`None`: the built-in taxonomy).
    pub taxonomy_file: Option<(std::path::PathBuf, crate::align::Taxonomy)>,
    /// The taxonomy path field, as typed.
    pub taxonomy_path: String,
    /// Why the last analysis failed, shown instead of the comparison.
    pub analysis_error: Option<String>,
    selected: Option<usize>,
    section: Option<usize>,
    collapsed: BTreeSet<usize>,
    rows: Vec<OutlineRow>,
    pub view: View,
    /// Documents in the comparison, in column order.
    pub chosen: Vec<usize>,
    pub scheme: usize,
    pub min_coverage: usize,
    pub jump_to_row: Option<usize>,
    pub target_sort: (TargetColumn, bool),
    compare: Vec<CompareRow>,
    target_rows: Vec<TargetRow>,
    /// The user's corrections of the alignment, with undo and redo.
    pub overrides: crate::align::overrides::OverrideLog,
    /// The pair shown in the reuse view (`a < b`), and the passage opened.
    pub reuse_pair: Option<(usize, usize)>,
    pub reuse_passage: Option<usize>,
    /// The selected pair's figures per domain of the current scheme: (domain, share of `a`,
    /// share of `b`, passages).
    pub reuse_domains: Vec<(String, f32, f32, usize)>,
    /// List boilerplate passages in the reuse view.
    pub show_boilerplate: bool,
    /// Underlay shared passages in the document and comparison views.
    pub show_shared: bool,
    /// Per document: the file it was imported from (`None`: bundled).
    pub sources: Vec<Option<std::path::PathBuf>>,
    /// The import path field, as typed.
    pub import_path: String,
    /// Files that could not be imported, one readable line each (naming the file).
    pub import_errors: Vec<String>,
    /// The document last removed, for Undo.
    pub removed: Option<Removed>,
    /// The targets table's filter, as typed.
    pub target_filter: String,
    /// Indices into the targets table of the rows that pass the filter, in table order.
    visible_targets: Vec<usize>,
    /// The comparison row (domain) the user last went to, by its title: remembered, and
    /// gone to again once the analysis has arrived after a restart.
    pub domain: Option<String>,
    domain_pending: bool,
    /// The document view shows the chosen documents side by side.
    pub side_by_side: bool,
    /// Sections the side-by-side columns scroll to on the next frame, the one clicked, and
    /// the chosen documents that have no section in its domain.
    pub sync: Vec<(usize, usize)>,
    pub sync_source: Option<(usize, usize)>,
    pub sync_missing: Vec<usize>,
    /// The search over the chosen documents, as typed.
    pub search: String,
    search_hits: Vec<SearchHit>,
    /// Index into the hits of the one shown.
    pub search_current: usize,
    /// Ask the search field to take the keyboard focus (Ctrl+F).
    pub focus_search: bool,
    /// The passages collected for export.
    pub basket: super::basket::Basket,
    pub show_basket: bool,
    pub export_format: crate::export::Format,
    /// Where the basket is exported to, as typed (or chosen in a dialog).
    pub export_path: String,
    /// An existing file the user is asked whether to replace.
    pub confirm_replace: Option<std::path::PathBuf>,
    /// The last outcome worth telling (an export written or failed, a dialog unavailable).
    pub notice: Option<Notice>,
    /// Per (document, section): ranges of its text (chars of [`crate::model::Section::text`])
    /// shared with another document, and that document, from non-boilerplate passages.
    shared: std::collections::HashMap<(usize, usize), Vec<(CharRange, usize)>>,
}

impl AppState {
    #[must_use]
    pub fn new(docs: Vec<Document>) -> Self {
        let chosen = (0..docs.len()).collect();
        let sources = vec![None; docs.len()];
        let mut s = Self {
            docs,
            sources,
            chosen,
            min_coverage: 1,
            target_sort: (TargetColumn::Document, true),
            ..Self::default()
        };
        if !s.docs.is_empty() {
            s.handle(Command::SelectDocument(0));
        }
        s
    }

    #[must_use]
    pub fn selected_index(&self) -> Option<usize> {
        self.selected
    }

    #[must_use]
    pub fn selected_doc(&self) -> Option<&Document> {
        self.selected.and_then(|i| self.docs.get(i))
    }

    #[must_use]
    pub fn selected_section(&self) -> Option<usize> {
        self.section
    }

    #[must_use]
    pub fn outline_rows(&self) -> &[OutlineRow] {
        &self.rows
    }

    #[must_use]
    pub fn analysis(&self) -> Option<&Analysis> {
        self.analysis.as_ref()
    }

    #[must_use]
    pub fn analysing(&self) -> bool {
        self.pending.is_some()
    }

    /// Comparison rows that pass the coverage filter, with their index.
    pub fn compare_rows(&self) -> impl Iterator<Item = (usize, &CompareRow)> {
        self.compare
            .iter()
            .enumerate()
            .filter(|(_, r)| r.coverage() >= self.min_coverage.max(1))
    }

    #[must_use]
    pub fn target_rows(&self) -> &[TargetRow] {
        &self.target_rows
    }

    /// The rows of the targets table that pass the filter.
    pub fn visible_target_rows(&self) -> impl ExactSizeIterator<Item = &TargetRow> {
        self.visible_targets.iter().map(|&i| &self.target_rows[i])
    }

    /// Keep the rows whose document, domain, metric, value, year or text contain every word
    /// of the filter (full/half width and Latin case folded).
    fn filter_targets(&mut self) {
        let words: Vec<String> = self
            .target_filter
            .split_whitespace()
            .map(|w| w.chars().map(fold_search).collect())
            .collect();
        self.visible_targets = self
            .target_rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                let hay: String = [
                    &r.document,
                    &r.domain,
                    &r.metric,
                    &r.shown_value,
                    &r.unit,
                    &r.year,
                    &r.text,
                ]
                .iter()
                .flat_map(|s| s.chars().chain([' ']))
                .map(fold_search)
                .collect();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
    }

    /// Add documents read from files (or, with `None`, from elsewhere) and put them into the
    /// comparison. A document whose text is already loaded is refused with a message; ids
    /// are made unique. The analysis must be started again afterwards (it is dropped here).
    pub fn add_documents(&mut self, docs: Vec<(Document, Option<std::path::PathBuf>)>) -> usize {
        let mut added = 0;
        for (mut doc, source) in docs {
            if let Some(same) = self.docs.iter().find(|d| d.content_hash == doc.content_hash) {
                self.import_errors.push(format!(
                    "{}: the same text is already loaded as {}",
                    source
                        .as_deref()
                        .map_or(doc.source.clone(), |p| p.display().to_string()),
                    same.display_name()
                ));
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
            self.docs.push(doc);
            self.sources.push(source);
            self.chosen.push(self.docs.len() - 1);
            added += 1;
        }
        if added > 0 {
            self.invalidate_analysis();
            if self.selected.is_none() {
                self.handle(Command::SelectDocument(self.docs.len() - added));
            }
        }
        added
    }

    /// Take a document out (its place, file and column are kept for [`Self::undo_remove`]).
    pub fn remove_document(&mut self, i: usize) {
        if i >= self.docs.len() {
            return;
        }
        let doc = self.docs.remove(i);
        let source = self.sources.remove(i);
        let column = self.chosen.iter().position(|&c| c == i);
        self.chosen.retain(|&c| c != i);
        for c in &mut self.chosen {
            if *c > i {
                *c -= 1;
            }
        }
        self.selected = match self.selected {
            Some(s) if s == i => None,
            Some(s) if s > i => Some(s - 1),
            other => other,
        };
        self.removed = Some(Removed {
            index: i,
            doc,
            source,
            column,
        });
        self.invalidate_analysis();
        if self.selected.is_none() && !self.docs.is_empty() {
            self.handle(Command::SelectDocument(i.min(self.docs.len() - 1)));
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
        let i = r.index.min(self.docs.len());
        self.docs.insert(i, r.doc);
        self.sources.insert(i, r.source);
        for c in &mut self.chosen {
            if *c >= i {
                *c += 1;
            }
        }
        if let Some(column) = r.column {
            self.chosen.insert(column.min(self.chosen.len()), i);
        }
        match self.selected.as_mut() {
            Some(s) if *s >= i => *s += 1,
            Some(_) => {}
            None => self.selected = Some(i),
        }
        self.invalidate_analysis();
        true
    }

    /// The documents changed: what was derived from them is gone until the next analysis.
    fn invalidate_analysis(&mut self) {
        self.analysis = None;
        self.pending = None;
        self.analysis_error = None;
        self.shared.clear();
        self.compare.clear();
        self.target_rows.clear();
        self.reuse_pair = None;
        self.reuse_passage = None;
        self.reuse_domains.clear();
        self.search_hits.clear();
        self.search_current = 0;
        self.sync.clear();
        self.sync_source = None;
        self.sync_missing.clear();
        self.rebuild_rows();
    }

    #[must_use]
    pub fn search_hits(&self) -> &[SearchHit] {
        &self.search_hits
    }

    /// The hit shown, if any.
    #[must_use]
    pub fn current_hit(&self) -> Option<SearchHit> {
        self.search_hits.get(self.search_current).copied()
    }

    /// Find the search in the comparison's cards (visible rows), matching full- and
    /// half-width forms and Latin case alike; mark the cards and list the hits in order.
    fn rebuild_search(&mut self) {
        self.search_hits.clear();
        let query: Vec<char> = crate::text::trim(&self.search).chars().map(fold_search).collect();
        let min = self.min_coverage.max(1);
        for (r, row) in self.compare.iter_mut().enumerate() {
            let visible = row.cells.iter().filter(|c| !c.is_empty()).count() >= min;
            for card in row.cells.iter_mut().flatten() {
                card.hits.clear();
                if query.is_empty() || !visible {
                    continue;
                }
                let text: Vec<char> = card.text.chars().map(fold_search).collect();
                let mut i = 0;
                while i + query.len() <= text.len() {
                    if text[i..i + query.len()] == query[..] {
                        let range = CharRange::new(i, i + query.len());
                        card.hits.push(range);
                        self.search_hits.push(SearchHit {
                            row: r,
                            doc: card.doc,
                            section: card.section,
                            range,
                        });
                        i += query.len();
                    } else {
                        i += 1;
                    }
                }
            }
        }
        self.search_current = self.search_current.min(self.search_hits.len().saturating_sub(1));
    }

    /// A section as the basket and export name it (document id, section id).
    #[must_use]
    pub fn section_ref(&self, doc: usize, section: usize) -> Option<crate::export::SectionRef> {
        let d = self.docs.get(doc)?;
        Some(crate::export::SectionRef {
            doc: d.id.clone(),
            section: d.sections.get(section)?.id.clone(),
        })
    }

    #[must_use]
    pub fn in_basket(&self, doc: usize, section: usize) -> bool {
        self.section_ref(doc, section).is_some_and(|r| self.basket.contains(&r))
    }

    /// Tell the user something.
    pub fn notify(&mut self, text: impl Into<String>, error: bool) {
        self.notice = Some(Notice {
            text: text.into(),
            error,
        });
    }

    /// Export the basket to the typed path. An existing file is only replaced once the user
    /// confirmed; the basket is never changed, whatever happens.
    fn export(&mut self, replace: bool) {
        self.confirm_replace = None;
        let typed = self.export_path.trim();
        if typed.is_empty() {
            self.notify("Type the file to export to, or choose it with Browse…", true);
            return;
        }
        if self.basket.is_empty() {
            self.notify("The basket is empty: tick the sections to export first.", true);
            return;
        }
        let path = std::path::PathBuf::from(typed);
        let Some(a) = &self.analysis else {
            self.notify("The analysis is still running: export once it is done.", true);
            return;
        };
        if path.is_file() && !replace {
            self.confirm_replace = Some(path);
            return;
        }
        let format = crate::export::Format::from_path(&path).unwrap_or(self.export_format);
        let input = crate::export::Input {
            docs: &self.docs,
            alignment: &a.alignment,
            taxonomy: &a.aligner.taxonomy,
            targets: &a.targets,
        };
        // Items whose document has been removed stay in the basket (for when it is loaded
        // again) but cannot be exported now.
        let (loaded, missing): (Vec<_>, Vec<_>) = self.basket.items().iter().cloned().partition(|r| {
            self.docs
                .iter()
                .any(|d| d.id == r.doc && d.sections.iter().any(|s| s.id == r.section))
        });
        if loaded.is_empty() {
            self.notify("None of the basket's sections is in a loaded document.", true);
            return;
        }
        let selection = crate::export::Selection::Sections(loaded);
        match crate::export::export(&path, format, replace, &input, &selection) {
            Ok(n) if missing.is_empty() => self.notify(format!("Exported {n} passages to {}", path.display()), false),
            Ok(n) => self.notify(
                format!(
                    "Exported {n} passages to {}; {} in documents no longer loaded were left out",
                    path.display(),
                    missing.len()
                ),
                false,
            ),
            Err(e) => self.notify(e.to_string(), true),
        }
    }

    /// Passages of a section's text shared with other documents (empty when none).
    #[must_use]
    pub fn shared_in(&self, doc: usize, section: usize) -> &[(CharRange, usize)] {
        self.shared.get(&(doc, section)).map_or(&[], Vec::as_slice)
    }

    /// The pair selected in the reuse view, if the analysis has it.
    #[must_use]
    pub fn reuse_pair(&self) -> Option<&crate::reuse::PairReuse> {
        let (a, b) = self.reuse_pair?;
        self.analysis.as_ref()?.reuse.pair(a, b)
    }

    /// The taxonomy to align by: the user's file, else the built-in one.
    #[must_use]
    pub fn taxonomy(&self) -> crate::align::Taxonomy {
        self.taxonomy_file
            .as_ref()
            .map_or_else(crate::align::Taxonomy::builtin, |(_, t)| t.clone())
    }

    /// Read a taxonomy file; on success it replaces the one in use (the analysis must be
    /// started again), on failure the message names the file, line and field and the
    /// taxonomy in use stays.
    pub fn load_taxonomy(&mut self, path: &std::path::Path) -> bool {
        match crate::align::Taxonomy::load(path) {
            Ok(t) => {
                self.notify(
                    format!("Aligning by {} ({} schemes)", path.display(), t.schemes.len()),
                    false,
                );
                self.taxonomy_path = path.display().to_string();
                self.taxonomy_file = Some((path.to_owned(), t));
                self.scheme = 0;
                self.invalidate_analysis();
                true
            }
            Err(e) => {
                self.notify(format!("{e} — the taxonomy in use stays"), true);
                false
            }
        }
    }

    /// The domain of a section: its own if it is a leaf, else that of its first leaf that has one.
    #[must_use]
    pub fn domain_of(&self, doc: usize, section: usize) -> Option<usize> {
        let d = self.docs.get(doc)?;
        let end = d.sections.get(section)?.range.end;
        d.sections
            .iter()
            .enumerate()
            .skip(section)
            .take_while(|(i, s)| *i == section || s.range.start < end)
            .filter(|(_, s)| s.is_leaf())
            .find_map(|(i, _)| self.category_of(doc, i))
    }

    /// Scroll the other side-by-side columns to their first section in the domain of this one.
    fn sync_to(&mut self, doc: usize, section: usize) {
        self.sync_source = Some((doc, section));
        self.sync.clear();
        self.sync_missing.clear();
        let Some(category) = self.domain_of(doc, section) else {
            self.notify("This section has no domain to match in the other documents.", false);
            return;
        };
        for &d in &self.chosen {
            if d == doc {
                continue;
            }
            let target = self.docs[d]
                .leaves()
                .map(|(i, _)| i)
                .find(|&i| self.category_of(d, i) == Some(category));
            match target {
                Some(i) => self.sync.push((d, i)),
                None => self.sync_missing.push(d),
            }
        }
    }

    /// The analysis's progress: share done and stage, while one runs.
    #[must_use]
    pub fn analysis_progress(&self) -> Option<(f32, &'static str)> {
        if !self.analysing() {
            return None;
        }
        self.progress.as_ref().and_then(|p| p.lock().ok().map(|g| *g))
    }

    /// Wait for an analysis running in the background.
    pub fn set_pending(&mut self, rx: Receiver<Result<Analysis, String>>) {
        self.pending = Some(rx);
    }

    /// Take the background analysis if it has finished.
    pub fn poll_analysis(&mut self) {
        let Some(rx) = &self.pending else { return };
        match rx.try_recv() {
            Ok(Ok(a)) => {
                self.pending = None;
                self.progress = None;
                self.set_analysis(a);
            }
            Ok(Err(why)) => {
                self.pending = None;
                self.analysis_error = Some(why);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                self.analysis_error = Some("the analysis stopped without a result".to_owned());
            }
        }
    }

    pub fn set_analysis(&mut self, analysis: Analysis) {
        self.shared = shared_map(&self.docs, &analysis.reuse);
        self.analysis = Some(analysis);
        self.scheme = self.scheme.min(self.schemes().len().saturating_sub(1));
        self.reapply_overrides();
    }

    /// Start from the analysed alignment and apply the overrides in force.
    fn reapply_overrides(&mut self) {
        if let Some(a) = &mut self.analysis {
            a.alignment.schemes.clone_from(&a.pristine);
            // Overrides whose section is not loaded are kept for when it is.
            let _unmatched = self
                .overrides
                .current
                .apply(&mut a.alignment, &self.docs, &a.aligner.taxonomy);
        }
        self.rebuild_derived();
    }

    /// The category a leaf section is in, in the current scheme.
    #[must_use]
    pub fn category_of(&self, doc: usize, section: usize) -> Option<usize> {
        let a = self.analysis.as_ref()?;
        let leaf = a.alignment.leaf_index(doc, section)?;
        a.alignment.schemes.get(self.scheme)?.assignments[leaf].primary
    }

    /// (index, 中文 name) of the current scheme's categories.
    #[must_use]
    pub fn categories(&self) -> Vec<(usize, String)> {
        self.analysis
            .as_ref()
            .and_then(|a| a.aligner.taxonomy.schemes.get(self.scheme))
            .map_or_else(Vec::new, |s| {
                s.categories
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i, c.zh.clone()))
                    .collect()
            })
    }

    /// (id, name) of every scheme of the loaded taxonomy.
    #[must_use]
    pub fn schemes(&self) -> Vec<(String, String)> {
        self.analysis.as_ref().map_or_else(Vec::new, |a| {
            a.aligner
                .taxonomy
                .schemes
                .iter()
                .map(|s| (s.id.clone(), s.zh.clone()))
                .collect()
        })
    }

    /// The one place state changes.
    pub fn handle(&mut self, command: Command) {
        match command {
            Command::SelectDocument(i) if i < self.docs.len() => {
                if self.selected != Some(i) {
                    self.selected = Some(i);
                    self.section = None;
                    self.collapsed.clear();
                    self.rebuild_rows();
                }
            }
            Command::SelectSection(s) => {
                self.section = s.filter(|&s| self.selected_doc().is_some_and(|d| s < d.sections.len()));
            }
            Command::ShowSection { doc, section } => {
                self.handle(Command::SelectDocument(doc));
                self.handle(Command::SelectSection(Some(section)));
                self.view = View::Document;
            }
            Command::ToggleCollapsed(s) => {
                if !self.collapsed.remove(&s) {
                    self.collapsed.insert(s);
                }
                self.rebuild_rows();
            }
            Command::SetView(v) => self.view = v,
            Command::ToggleChosen(d) if d < self.docs.len() => {
                if let Some(pos) = self.chosen.iter().position(|&c| c == d) {
                    self.chosen.remove(pos);
                } else {
                    self.chosen.push(d);
                }
                self.rebuild_derived();
            }
            Command::MoveColumn { from, to } => {
                if from < self.chosen.len() && from != to {
                    let d = self.chosen.remove(from);
                    self.chosen.insert(to.min(self.chosen.len()), d);
                    self.rebuild_derived();
                }
            }
            Command::ColumnsByDate => {
                let docs = &self.docs;
                // Undated documents go last; ties keep their order.
                self.chosen.sort_by_key(|&d| (docs[d].date().is_none(), docs[d].date()));
                self.rebuild_derived();
            }
            Command::SetScheme(s) => {
                self.scheme = s;
                self.rebuild_derived();
            }
            Command::SetMinCoverage(k) => {
                self.min_coverage = k.max(1);
                self.rebuild_search();
            }
            Command::SetSearch(q) => {
                self.search = q;
                self.search_current = 0;
                self.rebuild_search();
                self.jump_to_row = self.current_hit().map(|h| h.row);
            }
            Command::SearchStep(forward) => {
                let n = self.search_hits.len();
                if n > 0 {
                    self.search_current = if forward {
                        (self.search_current + 1) % n
                    } else {
                        (self.search_current + n - 1) % n
                    };
                    self.jump_to_row = self.current_hit().map(|h| h.row);
                }
            }
            Command::FocusSearch(on) => {
                self.focus_search = on;
                if on && self.view != View::Compare {
                    self.view = View::Compare;
                }
            }
            Command::JumpToRow(r) => {
                if let Some(row) = r.and_then(|i| self.compare.get(i)) {
                    self.domain = Some(row.title.clone());
                }
                self.jump_to_row = r;
            }
            Command::SetTargetFilter(f) => {
                self.target_filter = f;
                self.filter_targets();
            }
            Command::SortTargets(c) => {
                self.target_sort = if self.target_sort.0 == c {
                    (c, !self.target_sort.1)
                } else {
                    (c, true)
                };
                self.sort_targets();
            }
            Command::MoveSection { doc, section, category } => {
                let Some(a) = &self.analysis else { return };
                let Some(scheme) = a.aligner.taxonomy.schemes.get(self.scheme) else {
                    return;
                };
                let key = crate::align::overrides::Key {
                    doc_hash: self.docs[doc].content_hash.clone(),
                    path: self.docs[doc].sections[section].path.clone(),
                    scheme: scheme.id.clone(),
                };
                self.overrides
                    .set(key, category.map(|c| scheme.categories[c].id.clone()));
                self.reapply_overrides();
            }
            Command::Undo => {
                if self.overrides.undo() {
                    self.reapply_overrides();
                }
            }
            Command::Redo => {
                if self.overrides.redo() {
                    self.reapply_overrides();
                }
            }
            Command::SelectReusePair(pair) => {
                self.reuse_pair = pair
                    .filter(|(a, b)| a != b && *a < self.docs.len() && *b < self.docs.len())
                    .map(|(a, b)| (a.min(b), a.max(b)));
                self.reuse_passage = None;
                self.rebuild_reuse_domains();
            }
            Command::SelectPassage(p) => {
                self.reuse_passage = p.filter(|&i| self.reuse_pair().is_some_and(|r| i < r.passages.len()));
            }
            Command::ToggleBoilerplate => self.show_boilerplate = !self.show_boilerplate,
            Command::ToggleBasket { doc, section } => {
                if let Some(item) = self.section_ref(doc, section) {
                    self.basket.toggle(item);
                }
            }
            Command::MoveBasketItem { from, to } => self.basket.move_item(from, to),
            Command::RemoveBasketItem(i) => self.basket.remove(i),
            Command::ClearBasket => self.basket.clear(),
            Command::UndoBasket => self.basket.undo(),
            Command::ToggleBasketPanel => self.show_basket = !self.show_basket,
            Command::SetExportFormat(f) => {
                self.export_format = f;
                if !self.export_path.trim().is_empty() {
                    let path = std::path::Path::new(self.export_path.trim()).with_extension(f.extension());
                    self.export_path = path.to_string_lossy().into_owned();
                }
            }
            Command::SetExportPath(p) => {
                if let Some(f) = crate::export::Format::from_path(std::path::Path::new(p.trim())) {
                    self.export_format = f;
                }
                self.export_path = p;
            }
            Command::Export { replace } => self.export(replace),
            Command::CancelExport => self.confirm_replace = None,
            Command::DismissNotice => self.notice = None,
            Command::ToggleShared => self.show_shared = !self.show_shared,
            Command::SelectDocument(_)
            | Command::ToggleChosen(_)
            | Command::Copy { .. }
            | Command::ToggleTheme
            | Command::BrowseExportPath
            | Command::BrowseImport
            | Command::BrowseTaxonomy
            | Command::LoadTaxonomy(_) => {}
            Command::BuiltinTaxonomy => {
                if self.taxonomy_file.take().is_some() {
                    self.notify("Aligning by the built-in taxonomy", false);
                    self.scheme = 0;
                    self.invalidate_analysis();
                }
            }
            Command::Import(paths) => {
                let (docs, errors) = crate::load_paths(&paths);
                self.import_errors.extend(errors.iter().map(ToString::to_string));
                // `load_paths` keeps the files that loaded in the order given.
                let sources = paths.into_iter().filter(|p| !errors.iter().any(|e| e.path() == p));
                let _ = self.add_documents(docs.into_iter().zip(sources.map(Some)).collect());
            }
            Command::RemoveDocument(i) => self.remove_document(i),
            Command::UndoRemove => {
                let _ = self.undo_remove();
            }
            Command::DismissImportErrors => self.import_errors.clear(),
            Command::SetTaxonomyPath(p) => self.taxonomy_path = p,
            Command::SetImportPath(p) => self.import_path = p,
            Command::ToggleSideBySide => self.side_by_side = !self.side_by_side,
            Command::SyncSection { doc, section } => self.sync_to(doc, section),
            Command::SyncDone => self.sync.clear(),
            Command::ScrollColumn { doc, section } => {
                if self.docs.get(doc).is_some_and(|d| section < d.sections.len()) {
                    self.sync = vec![(doc, section)];
                }
            }
        }
    }

    fn rebuild_rows(&mut self) {
        self.rows.clear();
        let Some(doc) = self.selected.and_then(|i| self.docs.get(i)) else {
            return;
        };
        let mut hidden_below: Option<u8> = None;
        for (i, s) in doc.sections.iter().enumerate() {
            if let Some(level) = hidden_below {
                if s.level > level {
                    continue;
                }
                hidden_below = None;
            }
            let collapsed = self.collapsed.contains(&i);
            if collapsed {
                hidden_below = Some(s.level);
            }
            let number = if s.number.is_empty() {
                s.path.clone()
            } else {
                s.number.clone()
            };
            let label = match (number.as_str(), s.heading.is_empty()) {
                ("preamble", _) => "（前言）".to_owned(),
                (_, true) => format!("{number} {}", s.text.chars().take(16).collect::<String>()),
                (_, false) => format!("{number} {}", s.heading),
            };
            self.rows.push(OutlineRow {
                section: i,
                depth: usize::from(s.level.saturating_sub(1)),
                label,
                has_children: !s.children.is_empty(),
                collapsed,
            });
        }
    }

    /// Comparison rows and the targets table, from the analysis and the chosen documents.
    fn rebuild_derived(&mut self) {
        self.compare.clear();
        self.target_rows.clear();
        let Some(a) = &self.analysis else { return };
        let Some(scheme) = a.aligner.taxonomy.schemes.get(self.scheme) else {
            return;
        };
        let si = self.scheme;
        let al = &a.alignment;
        let matrix = al.matrix(si, scheme.categories.len(), self.docs.len());
        for (row, cells) in matrix {
            let (title, description) = match row {
                Row::Category(c) => (
                    format!("{} {}", scheme.categories[c].zh, scheme.categories[c].en),
                    scheme.categories[c].description.clone(),
                ),
                Row::Group(g) => (
                    format!("相似 · {}", al.schemes[si].groups[g].label),
                    "Similar sections that no category covers".to_owned(),
                ),
                Row::None => (
                    "未归类 No category".to_owned(),
                    "Sections below the threshold of every category".to_owned(),
                ),
            };
            let mut columns: Vec<Vec<Card>> = Vec::with_capacity(self.chosen.len());
            for &d in &self.chosen {
                let cards = cells[d]
                    .iter()
                    .map(|&leaf| {
                        let l = al.leaves[leaf];
                        let s = &self.docs[l.doc].sections[l.section];
                        let targets = a.targets[l.doc]
                            .iter()
                            .filter(|t| t.section == s.id && t.field == crate::targets::Field::Text)
                            .map(|t| {
                                let year = t.year.map(|y| format!(" · {y}")).unwrap_or_default();
                                let metric = t.metric.as_deref().map(|m| format!(" · {m}")).unwrap_or_default();
                                (t.span, format!("{}{year}{metric}", crate::targets::display_value(t)))
                            })
                            .collect();
                        Card {
                            doc: l.doc,
                            section: l.section,
                            path: s.path.clone(),
                            heading: s.heading.clone(),
                            text: s.text.clone(),
                            targets,
                            similarity: None,
                            shared: self.shared_in(l.doc, l.section).to_vec(),
                            hits: Vec::new(),
                        }
                    })
                    .collect();
                columns.push(cards);
            }
            // Similarity to the best counterpart in the neighbouring column.
            for c in 0..columns.len() {
                let other = if c == 0 { 1 } else { c - 1 };
                if other >= columns.len() {
                    continue;
                }
                let others: Vec<usize> = columns[other]
                    .iter()
                    .filter_map(|k| al.leaf_index(k.doc, k.section))
                    .collect();
                for card in &mut columns[c] {
                    if let Some(me) = al.leaf_index(card.doc, card.section) {
                        card.similarity = others.iter().map(|&o| al.similarity(me, o)).max_by(f32::total_cmp);
                    }
                }
            }
            self.compare.push(CompareRow {
                title,
                description,
                cells: columns,
            });
        }
        for &d in &self.chosen {
            for t in &a.targets[d] {
                let Some(section) = self.docs[d].sections.iter().position(|s| s.id == t.section) else {
                    continue;
                };
                let domain = al
                    .leaf_index(d, section)
                    .and_then(|leaf| al.schemes[si].assignments[leaf].primary)
                    .map_or_else(String::new, |c| scheme.categories[c].zh.clone());
                self.target_rows.push(TargetRow {
                    doc: d,
                    section,
                    document: self.docs[d].display_name().to_owned(),
                    domain,
                    metric: t.metric.clone().unwrap_or_default(),
                    value: t.value,
                    unit: t.unit.clone(),
                    shown_value: crate::targets::display_value(t),
                    year: t.year.map(|y| y.to_string()).unwrap_or_default(),
                    text: t.text.clone(),
                });
            }
        }
        self.sort_targets();
        self.rebuild_reuse_domains();
        self.rebuild_search();
        if self.domain_pending
            && let Some(title) = &self.domain
            && let Some(i) = self.compare.iter().position(|r| &r.title == title)
        {
            self.domain_pending = false;
            self.jump_to_row = Some(i);
        }
    }

    /// Go back to a domain (by its row title) once the comparison is built.
    pub fn restore_domain(&mut self, title: Option<String>) {
        self.domain_pending = title.is_some();
        self.domain = title;
    }

    fn rebuild_reuse_domains(&mut self) {
        self.reuse_domains.clear();
        let (Some(a), Some(pair)) = (&self.analysis, self.reuse_pair()) else {
            return;
        };
        let Some(scheme) = a.aligner.taxonomy.schemes.get(self.scheme) else {
            return;
        };
        let category = |d: usize, s: usize| self.category_of(d, s);
        let rows = crate::reuse::by_domain(&self.docs, pair, category)
            .into_iter()
            .filter(|f| f.passages > 0)
            .map(|f| {
                (
                    scheme.categories[f.category].zh.clone(),
                    f.coverage_a,
                    f.coverage_b,
                    f.passages,
                )
            })
            .collect();
        self.reuse_domains = rows;
    }

    fn sort_targets(&mut self) {
        let (col, asc) = self.target_sort;
        self.target_rows.sort_by(|a, b| {
            let o = match col {
                TargetColumn::Document => a.doc.cmp(&b.doc).then(a.section.cmp(&b.section)),
                TargetColumn::Domain => a.domain.cmp(&b.domain),
                TargetColumn::Metric => a.metric.cmp(&b.metric),
                TargetColumn::Value => a.unit.cmp(&b.unit).then(a.value.total_cmp(&b.value)),
                TargetColumn::Year => a.year.cmp(&b.year),
            };
            if asc { o } else { o.reverse() }
        });
        self.filter_targets();
    }
}

/// Where each section's text is shared with another document: passage ranges (chars of
/// [`Document::text`]) clipped to the section's text and made relative to it.
fn shared_map(
    docs: &[Document],
    report: &crate::reuse::ReuseReport,
) -> std::collections::HashMap<(usize, usize), Vec<(CharRange, usize)>> {
    let mut out: std::collections::HashMap<(usize, usize), Vec<(CharRange, usize)>> = std::collections::HashMap::new();
    for pair in &report.pairs {
        for p in pair.substantive() {
            for (doc, side, partner) in [(pair.a, &p.a, pair.b), (pair.b, &p.b, pair.a)] {
                let Some(section) = docs.get(doc).and_then(|d| d.sections.get(side.section)) else {
                    continue;
                };
                let t = section.text_range;
                let (start, end) = (side.range.start.max(t.start), side.range.end.min(t.end));
                if start < end {
                    out.entry((doc, side.section))
                        .or_default()
                        .push((CharRange::new(start - t.start, end - t.start), partner));
                }
            }
        }
    }
    for v in out.values_mut() {
        v.sort_by_key(|(r, d)| (r.start, r.end, *d));
    }
    out
}

/// The search's matching form of a char: full-width folded, Latin lower case.
fn fold_search(c: char) -> char {
    crate::text::fold_width_char(c).to_ascii_lowercase()
}
