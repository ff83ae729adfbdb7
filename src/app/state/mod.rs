//! The app's state: the loaded documents, the analysis, what is selected and chosen, and
//! what is derived from them (outline rows, comparison rows, the targets table), rebuilt when
//! its inputs change — never every frame.

use std::collections::BTreeSet;
use std::sync::mpsc::Receiver;

use serde::{Deserialize, Serialize};

use super::analysis::Analysis;
use super::command::Command;
use crate::model::{CharRange, Document};

mod derived;
mod documents;
mod export;
mod navigate;

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
    /// What the row is, stably: a category id, `group:N`, or `none` (what is remembered).
    pub key: String,
    /// Its short name (中文) for narrow places such as the navigator.
    pub name: String,
    /// Its full title (中文 English).
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
    /// Per (document, section): the spans of the targets in its text (chars of its text).
    target_spans: std::collections::HashMap<(usize, usize), Vec<CharRange>>,
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

    /// Tell the user something.
    pub fn notify(&mut self, text: impl Into<String>, error: bool) {
        self.notice = Some(Notice {
            text: text.into(),
            error,
        });
    }

    /// Passages of a section's text shared with other documents (empty when none).
    #[must_use]
    pub fn shared_in(&self, doc: usize, section: usize) -> &[(CharRange, usize)] {
        self.shared.get(&(doc, section)).map_or(&[], Vec::as_slice)
    }

    /// The spans of the targets in a section's text (empty when none).
    #[must_use]
    pub fn targets_in(&self, doc: usize, section: usize) -> &[CharRange] {
        self.target_spans.get(&(doc, section)).map_or(&[], Vec::as_slice)
    }

    /// The pair selected in the reuse view, if the analysis has it.
    #[must_use]
    pub fn reuse_pair(&self) -> Option<&crate::reuse::PairReuse> {
        let (a, b) = self.reuse_pair?;
        self.analysis.as_ref()?.reuse.pair(a, b)
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
        self.shared = derived::shared_map(&self.docs, &analysis.reuse);
        self.target_spans = derived::target_spans(&self.docs, &analysis.targets);
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
                    self.domain = Some(row.key.clone());
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
                    section: self.docs[doc].sections[section].id.clone(),
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
                // Folders (from Import…, the path field or a drop) give every supported file under them.
                let expanded = crate::ingest::folder::expand(&paths);
                self.import_errors.extend(expanded.skipped_summary());
                let paths = expanded.files;
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
}
