//! What the UI asks for. Panels return commands; the app applies them after drawing.

use super::state::{TargetColumn, View};
use crate::model::{DocIx, SecIx};

/// A user action.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Show a document.
    SelectDocument(DocIx),
    /// Show one section of the current document, or all of it.
    SelectSection(Option<SecIx>),
    /// Open a section in the document view.
    ShowSection {
        doc: DocIx,
        section: SecIx,
    },
    /// Collapse or expand a section of the outline.
    ToggleCollapsed(SecIx),
    SetView(View),
    /// Add a document to the comparison (as the last column), or take it out.
    ToggleChosen(DocIx),
    /// Move the comparison's column `from` to place `to`.
    MoveColumn {
        from: usize,
        to: usize,
    },
    /// Order the comparison's columns by the documents' dates, earliest first.
    ColumnsByDate,
    /// Align by this scheme of the taxonomy (index).
    SetScheme(usize),
    /// Show only domains covered by at least this many chosen documents.
    SetMinCoverage(usize),
    /// Scroll the comparison to a row; `None` once done.
    JumpToRow(Option<usize>),
    /// Show only the targets matching these words.
    SetTargetFilter(String),
    /// The library's filter, as typed.
    SetLibraryFilter(String),
    /// Order the library by this column (again: the other way round).
    SortLibrary(crate::library::Column),
    SetLibraryMode(crate::app::state::library::LibraryMode),
    /// Which arrows the diffusion timeline draws.
    SetTimeline(crate::app::state::library::TimelineOptions),
    /// Pin this chosen document as the reference: it moves to the first column, which stays
    /// at the left while the others scroll sideways (`None`: unpin).
    PinReference(Option<DocIx>),
    /// Show this chart in the Tables view.
    SetChart(crate::export::chart::Kind),
    /// Save the chart shown (`None`: ask where in a dialog).
    SaveChart {
        image: crate::export::chart::Image,
        path: Option<std::path::PathBuf>,
    },
    /// Order the Reuse matrix's documents.
    SetReuseOrder(crate::app::state::pairs::ReuseOrder),
    /// Add every document the library shows to the comparison (`true`) or take them out.
    ChooseShown(bool),
    /// Refit the domain model with the corrections in force (background), and re-align.
    Retrain,
    /// Put the model and the alignment of before the last retraining back.
    UndoRetrain,
    /// Show the cross-table of one chosen document (index among the blocks), or pooled.
    SelectTablesBlock(Option<usize>),
    /// Take the metadata a citing document suggests (an index into the suggestions).
    AcceptSuggestion(usize),
    /// Compare one domain (a category of the current scheme) with this document among the
    /// chosen: from a cell of the coverage matrix.
    CompareDomain {
        row: usize,
        doc: DocIx,
    },
    /// Sort the targets table by a column (again: reverse).
    SortTargets(TargetColumn),
    /// Move a section to a category of the current scheme (`None`: no category).
    MoveSection {
        doc: DocIx,
        section: SecIx,
        category: Option<usize>,
    },
    /// Undo / redo the last move.
    Undo,
    Redo,
    /// Copy a section's text, or its text with the citation, to the clipboard.
    Copy {
        doc: DocIx,
        section: SecIx,
        cite: bool,
    },
    ToggleTheme,
    /// Show the shared passages of two documents in the reuse view (`None`: no pair).
    SelectReusePair(Option<(DocIx, DocIx)>),
    /// Open one passage of the selected pair (index into its passages) side by side.
    SelectPassage(Option<usize>),
    /// List boilerplate passages too, or hide them.
    ToggleBoilerplate,
    /// Underlay shared passages in the document and comparison views.
    ToggleShared,
    /// Put a section into the basket, or take it out.
    ToggleBasket {
        doc: DocIx,
        section: SecIx,
    },
    MoveBasketItem {
        from: usize,
        to: usize,
    },
    RemoveBasketItem(usize),
    ClearBasket,
    /// Bring back what the last removal or clearing took out of the basket.
    UndoBasket,
    ToggleBasketPanel,
    SetExportFormat(crate::export::Format),
    SetExportPath(String),
    /// Choose the export path in a file dialog.
    BrowseExportPath,
    /// Export the basket; `replace`: the user confirmed replacing the existing file.
    Export {
        replace: bool,
    },
    /// Close the question whether to replace a file.
    CancelExport,
    /// Forget the latest message.
    DismissNotice,
    /// Open or close the panel listing every message.
    ToggleMessages,
    ClearMessages,
    /// A file dialog could not be shown.
    DialogUnavailable,
    /// Read these files (folders: every supported file under them) in the background and add
    /// them to the documents; the analysis starts again once they are in.
    Import(Vec<std::path::PathBuf>),
    /// Stop the import under way: the files read so far are kept, the rest are not read.
    CancelImport,
    /// Choose files to import in a dialog.
    BrowseImport,
    /// The import path field, as typed.
    SetImportPath(String),
    /// Take a document out (the analysis starts again); can be undone.
    RemoveDocument(DocIx),
    UndoRemove,
    DismissImportErrors,
    /// Choose a taxonomy file in a dialog.
    BrowseTaxonomy,
    /// Align by this taxonomy file (the analysis starts again).
    LoadTaxonomy(std::path::PathBuf),
    /// Align by the built-in taxonomy again.
    BuiltinTaxonomy,
    SetTaxonomyPath(String),
    /// Read the chosen documents side by side in the document view, or one at a time.
    ToggleSideBySide,
    /// Scroll the other side-by-side columns to their sections of this section's domain.
    SyncSection {
        doc: DocIx,
        section: SecIx,
    },
    /// The columns have scrolled.
    SyncDone,
    /// Scroll one side-by-side column to one of its sections (from its outline).
    ScrollColumn {
        doc: DocIx,
        section: SecIx,
    },
    /// Start a new project from the bundled documents.
    NewProject,
    /// Open a project file (its documents are read in the background).
    OpenProject(std::path::PathBuf),
    BrowseOpenProject,
    /// Save the project to its file (Save as… when it has none).
    SaveProject,
    /// Save the project to this file; `None`: ask where.
    SaveProjectAs(Option<std::path::PathBuf>),
    /// Point a missing document (index into the missing ones) at a file; `None`: ask which.
    Relink {
        index: usize,
        file: Option<std::path::PathBuf>,
    },
    /// Open the note editor on a section (`None`: close it without saving).
    EditNote(Option<(DocIx, SecIx)>),
    /// The note editor's text, as typed.
    SetNoteText(String),
    /// Keep the note as written (empty: remove it).
    SaveNote,
    /// Open the metadata editor on a document (`None`: close it without saving).
    EditMeta(Option<DocIx>),
    /// The metadata editor's fields, as typed.
    SetMetaFields(crate::project::MetaEdit),
    /// Keep the corrected metadata.
    SaveMeta,
    /// Search the comparison for this text.
    SetSearch(String),
    /// Show the next (`true`) or previous search hit.
    SearchStep(bool),
    /// Put the keyboard focus into the search field (`false` once done).
    FocusSearch(bool),
}
