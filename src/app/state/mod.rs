//! The app's state: the loaded documents, the analysis, what is selected and chosen, and
//! what is derived from them (outline rows, comparison rows, the targets table), rebuilt when
//! its inputs change — never every frame.

use std::collections::BTreeSet;
use std::sync::mpsc::Receiver;

use serde::{Deserialize, Serialize};

use super::analysis::Analysis;
use super::command::Command;
use crate::model::{ByHandle, CharRange, DocIx, Document, SecIx};

mod derived;
mod documents;
pub use documents::AUTO_CHOSEN;
mod export;
mod handle;
pub mod indicator;
pub mod library;
pub mod messages;
mod navigate;
pub mod pairs;
pub mod project;
mod retrain;
mod session;
pub mod tables;

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
    /// Every loaded document in one sortable, filterable table, and the domains they cover.
    Library,
    /// The policy-tool × domain cross-table of the chosen documents and its chart.
    Tables,
}

/// One visible row of the outline tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineRow {
    pub section: SecIx,
    pub depth: usize,
    pub label: String,
    pub has_children: bool,
    pub collapsed: bool,
}

/// A section as shown in a comparison cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub doc: DocIx,
    pub section: SecIx,
    pub path: String,
    pub heading: String,
    pub text: String,
    /// Where `text` stands in the document's text: every span of the card is in chars of
    /// [`Document::text`], as everywhere in memory.
    pub text_range: CharRange,
    /// Target spans in the text, with their tooltip.
    pub targets: Vec<(CharRange, String)>,
    /// Similarity to the most similar card of the neighbouring column in the same row.
    pub similarity: Option<f32>,
    /// Passages of the text shared with another document.
    pub shared: Vec<(CharRange, DocIx)>,
    /// Where the text matches the search.
    pub hits: Vec<CharRange>,
    /// The user's note on the section.
    pub note: Option<String>,
}

/// One search hit in the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchHit {
    /// Index into the comparison rows.
    pub row: usize,
    pub doc: DocIx,
    pub section: SecIx,
    /// Chars of the document's text.
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
    pub doc: DocIx,
    pub section: SecIx,
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
    pub index: DocIx,
    pub doc: Document,
    pub source: Option<std::path::PathBuf>,
    /// Its column in the comparison, if it was chosen.
    pub column: Option<usize>,
}

/// What the panels draw, derived from the session and rebuilt when its inputs change (never
/// per frame); `revision` counts the rebuilds so that a view can cache what it lays out.
#[derive(Default)]
struct Derived {
    revision: u64,
    rows: Vec<OutlineRow>,
    compare: Vec<CompareRow>,
    target_rows: Vec<TargetRow>,
    /// Indices into the targets table of the rows that pass the filter, in table order.
    visible_targets: Vec<usize>,
    search_hits: Vec<SearchHit>,
    /// The selected pair's figures per domain of the current scheme: (domain, share of `a`,
    /// share of `b`, passages).
    reuse_domains: Vec<(String, f32, f32, usize)>,
    /// Per (document, section): ranges of its text (chars of [`Document::text`]) shared with
    /// another document, and that document, from non-boilerplate passages.
    shared: std::collections::HashMap<(DocIx, SecIx), Vec<(CharRange, DocIx)>>,
    /// Per (document, section): the spans of the targets in its text (chars of
    /// [`Document::text`]).
    target_spans: std::collections::HashMap<(DocIx, SecIx), Vec<CharRange>>,
    /// Per (document, section) that holds an indicator table: its text and tables in order.
    parts: std::collections::HashMap<(DocIx, SecIx), Vec<indicator::Part>>,
    library: library::LibraryRows,
    crosstab: Vec<crate::export::tables::Block>,
    tool_groups: Vec<tables::ToolGroups>,
    chart: Option<crate::export::chart::Chart>,
}

/// What the shell must do for a command that reaches outside the state: open a window,
/// touch the clipboard, restyle. Collected by [`AppState::handle`], taken by the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open a file dialog for this purpose (one at a time).
    Dialog(crate::app::dialog::Purpose),
    CopyText(String),
    /// The theme changed: restyle the window.
    Theme,
}

/// The session: the documents, the analysis, the user's choices and work. Settings
/// ([`AppState::settings`]) are made from it when saved, and [`Derived`] data from it when
/// it changes; [`AppState::handle`] is the one place it changes.
#[derive(Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "the view's independent toggles (shared passages, side by side, basket panel …)"
)]
pub struct AppState {
    /// The loaded documents, shared (not copied) with the analysis and export threads.
    pub docs: std::sync::Arc<Vec<Document>>,
    analysis: Option<Analysis>,
    pending: Option<Receiver<Result<Analysis, String>>>,
    /// How far the running analysis has come.
    progress: Option<super::analysis::Progress>,
    /// The documents changed since the last analysis was started.
    want_analysis: bool,
    import: Option<super::jobs::ImportJob>,
    /// Paths given while an import was running, read after it.
    import_queue: Vec<std::path::PathBuf>,
    export_job: Option<super::jobs::WriteJob>,
    /// The study as a project file: its path, what was saved last, the saving and opening
    /// under way, metadata edits, notes, documents whose file is missing.
    pub project: project::ProjectState,
    /// Asks the window to repaint when a background job has something.
    wake: Option<super::jobs::Wake>,
    effects: Vec<Effect>,
    /// Comparison and document choices saved by key, applied once the documents they name
    /// have been imported (at start the imports of the last session load in the background).
    restore: Option<super::settings::Settings>,
    /// A taxonomy file the user loaded, with its path (`None`: the built-in taxonomy).
    pub taxonomy_file: Option<(std::path::PathBuf, crate::align::Taxonomy)>,
    /// The taxonomy path field, as typed.
    pub taxonomy_path: String,
    selected: Option<DocIx>,
    section: Option<SecIx>,
    collapsed: BTreeSet<SecIx>,
    pub view: View,
    pub dark: bool,
    /// Documents in the comparison, in column order.
    pub chosen: Vec<DocIx>,
    /// The first chosen document is the reference: its column stays at the left while the
    /// others scroll sideways.
    pub pin_reference: bool,
    pub scheme: usize,
    pub min_coverage: usize,
    pub jump_to_row: Option<usize>,
    pub target_sort: (TargetColumn, bool),
    derived: Derived,
    /// The user's corrections of the alignment, with undo and redo.
    pub overrides: crate::align::overrides::OverrideLog,
    /// The pair shown in the reuse view (`a < b`), and the passage opened.
    pub reuse_pair: Option<(DocIx, DocIx)>,
    pub reuse_passage: Option<usize>,
    /// List boilerplate passages in the reuse view.
    pub show_boilerplate: bool,
    /// Underlay shared passages in the document and comparison views.
    pub show_shared: bool,
    /// Per document: the file it was imported from (`None`: bundled).
    pub sources: Vec<Option<std::path::PathBuf>>,
    /// The import path field, as typed.
    pub import_path: String,
    /// The document last removed, for Undo.
    pub removed: Option<Removed>,
    /// The targets table's filter, as typed.
    pub target_filter: String,
    /// The comparison row (domain) the user last went to, by its key: remembered, and
    /// gone to again once the analysis has arrived after a restart.
    pub domain: Option<String>,
    domain_pending: bool,
    /// The document view shows the chosen documents side by side.
    pub side_by_side: bool,
    /// Sections the side-by-side columns scroll to on the next frame, the one clicked, and
    /// the chosen documents that have no section in its domain.
    pub sync: Vec<(DocIx, SecIx)>,
    pub sync_source: Option<(DocIx, SecIx)>,
    pub sync_missing: Vec<DocIx>,
    /// The search over the chosen documents, as typed.
    pub search: String,
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
    /// Everything the user is told: errors and outcomes, in one place.
    pub messages: messages::Messages,
    /// The library's filter, as typed, and its order (column, descending).
    pub library_filter: String,
    pub library_sort: (crate::library::Column, bool),
    pub library_mode: library::LibraryMode,
    pub timeline_options: library::TimelineOptions,
    /// The cross-table block shown: a chosen document's (index among the blocks) or the
    /// pooled one (`None`).
    pub tables_block: Option<usize>,
    /// The chart the Tables view shows.
    pub tables_chart: crate::export::chart::Kind,
    retrain: retrain::RetrainState,
    /// The corrections the domain model in use was retrained on (`None`: the shipped model);
    /// kept in the project.
    retrained_on: Option<crate::align::overrides::Overrides>,
    /// Shared passages being computed for the pairs in view (large libraries), and the
    /// matrix's order.
    pairs: pairs::PairsState,
    /// How the Reuse matrix orders its documents.
    pub reuse_order: pairs::ReuseOrder,
}

impl AppState {
    #[must_use]
    pub fn new(docs: Vec<Document>) -> Self {
        let chosen = DocIx::all(docs.len()).collect();
        let sources = vec![None; docs.len()];
        let mut s = Self {
            docs: std::sync::Arc::new(docs),
            sources,
            chosen,
            min_coverage: 1,
            target_sort: (TargetColumn::Document, true),
            ..Self::default()
        };
        if !s.docs.is_empty() {
            s.handle(Command::SelectDocument(DocIx(0)));
        }
        s.rebuild_suggestions();
        s.rebuild_library();
        s
    }

    #[must_use]
    pub fn selected_index(&self) -> Option<DocIx> {
        self.selected
    }

    #[must_use]
    pub fn selected_doc(&self) -> Option<&Document> {
        self.selected.and_then(|i| self.docs.at(i))
    }

    #[must_use]
    pub fn selected_section(&self) -> Option<SecIx> {
        self.section
    }

    #[must_use]
    pub fn outline_rows(&self) -> &[OutlineRow] {
        &self.derived.rows
    }

    #[must_use]
    pub fn analysis(&self) -> Option<&Analysis> {
        self.analysis.as_ref()
    }

    /// An analysis is running, or is due (it starts on the next frame, or once the import
    /// under way is done).
    #[must_use]
    pub fn analysing(&self) -> bool {
        self.pending.is_some() || self.want_analysis
    }

    /// Counts up each time the derived rows are rebuilt: a view may cache what it lays out
    /// from them until it changes.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.derived.revision
    }

    /// Comparison rows that pass the coverage filter, with their index.
    pub fn compare_rows(&self) -> impl Iterator<Item = (usize, &CompareRow)> {
        self.derived
            .compare
            .iter()
            .enumerate()
            .filter(|(_, r)| r.coverage() >= self.min_coverage.max(1))
    }

    #[must_use]
    pub fn target_rows(&self) -> &[TargetRow] {
        &self.derived.target_rows
    }

    /// The rows of the targets table that pass the filter.
    #[must_use]
    pub fn visible_target_rows(&self) -> impl ExactSizeIterator<Item = &TargetRow> {
        self.derived
            .visible_targets
            .iter()
            .map(|&i| &self.derived.target_rows[i])
    }

    /// The selected pair's figures per domain: (domain, share of `a`, share of `b`, passages).
    #[must_use]
    pub fn reuse_domains(&self) -> &[(String, f32, f32, usize)] {
        &self.derived.reuse_domains
    }

    /// Tell the user something (the status bar shows it; the messages panel keeps it).
    pub fn notify(&mut self, text: impl Into<String>, error: bool) {
        self.messages.push(messages::Topic::Other, text, error);
    }

    /// The latest message, as the status bar shows it.
    #[must_use]
    pub fn notice(&self) -> Option<&messages::Message> {
        self.messages.latest()
    }

    /// Why the last analysis failed, while there is no analysis.
    #[must_use]
    pub fn analysis_error(&self) -> Option<&str> {
        if self.analysis.is_some() {
            return None;
        }
        self.messages.errors(messages::Topic::Analysis).last()
    }

    /// The files that could not be imported, one line each naming the file.
    #[must_use]
    pub fn import_errors(&self) -> Vec<&str> {
        self.messages.errors(messages::Topic::Import).collect()
    }

    /// Passages of a section's text shared with other documents (empty when none).
    #[must_use]
    pub fn shared_in(&self, doc: DocIx, section: SecIx) -> &[(CharRange, DocIx)] {
        self.derived.shared.get(&(doc, section)).map_or(&[], Vec::as_slice)
    }

    /// The spans of the targets in a section's text (empty when none).
    #[must_use]
    pub fn targets_in(&self, doc: DocIx, section: SecIx) -> &[CharRange] {
        self.derived
            .target_spans
            .get(&(doc, section))
            .map_or(&[], Vec::as_slice)
    }

    /// A section's text cut into running text and indicator tables, when it holds a table.
    #[must_use]
    pub fn parts_in(&self, doc: DocIx, section: SecIx) -> Option<&[indicator::Part]> {
        self.derived.parts.get(&(doc, section)).map(Vec::as_slice)
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
        if self.pending.is_none() {
            let why = if self.import.is_some() {
                "waiting for the import"
            } else {
                "starting"
            };
            return self.want_analysis.then_some((0.0, why));
        }
        self.progress.as_ref().and_then(|p| p.lock().ok().map(|g| *g))
    }

    /// Install the analysis (the background thread's, or one made by a test), replacing any
    /// under way.
    pub fn set_analysis(&mut self, analysis: Analysis) {
        self.pending = None;
        self.progress = None;
        self.want_analysis = false;
        self.derived.shared = derived::shared_map(&self.docs, analysis.reuse.exact_pairs());
        self.derived.target_spans = derived::target_spans(&self.docs, &analysis.targets);
        self.derived.parts = indicator::section_parts(&self.docs, &analysis.tables, &analysis.targets);
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
    pub fn category_of(&self, doc: DocIx, section: SecIx) -> Option<usize> {
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
}
