//! Settings remembered across restarts (eframe persistence). Kept apart from the documents
//! and from transient state; every field has a default so that an older file still loads.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub dark: bool,
    /// UI zoom (Ctrl+= / Ctrl+- / Ctrl+0 change it).
    pub zoom: f32,
    /// The document last shown (by content hash, so load order does not matter).
    pub selected_doc: Option<crate::model::DocKey>,
    /// The view last shown.
    pub view: super::state::View,
    /// The documents in the comparison, in column order (by content hash).
    pub chosen: Vec<crate::model::DocKey>,
    /// The user's corrections of the alignment (keyed by content hash + section id).
    pub overrides: crate::align::overrides::Overrides,
    /// The taxonomy file the user aligns by (`None`: the built-in one).
    pub taxonomy: Option<std::path::PathBuf>,
    /// The document view shows the chosen documents side by side.
    pub side_by_side: bool,
    /// The comparison's row last gone to, by key (a category id, `group:N` or `none`).
    pub domain: Option<String>,
    /// Files the user imported, reloaded at start.
    pub imported: Vec<std::path::PathBuf>,
    /// The selection basket, in order.
    pub basket: Vec<crate::model::SecKey>,
    /// Where the basket was last exported, and in which format.
    pub export_path: String,
    pub export_format: crate::export::Format,
    /// The project open when the app was closed, reopened at start.
    pub project: Option<std::path::PathBuf>,
    /// Projects opened or saved lately, most recent first.
    pub recent_projects: Vec<std::path::PathBuf>,
    /// The library's order (column, descending) and what it shows.
    pub library_sort: (crate::library::Column, bool),
    pub library_mode: super::state::library::LibraryMode,
    /// Which arrows the diffusion timeline draws.
    pub timeline: super::state::library::TimelineOptions,
    /// The chart the Tables view shows.
    pub tables_chart: crate::export::chart::Kind,
    /// The comparison's first column is pinned as the reference.
    pub pin_reference: bool,
    /// The Reuse matrix's order.
    pub reuse_order: super::state::pairs::ReuseOrder,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            dark: false,
            zoom: 1.0,
            selected_doc: None,
            view: super::state::View::Document,
            chosen: Vec::new(),
            overrides: crate::align::overrides::Overrides::default(),
            taxonomy: None,
            side_by_side: false,
            domain: None,
            imported: Vec::new(),
            basket: Vec::new(),
            export_path: String::new(),
            export_format: crate::export::Format::default(),
            project: None,
            recent_projects: Vec::new(),
            library_sort: (crate::library::Column::Loaded, false),
            library_mode: super::state::library::LibraryMode::List,
            timeline: super::state::library::TimelineOptions::default(),
            reuse_order: super::state::pairs::ReuseOrder::Loaded,
            pin_reference: false,
            tables_chart: crate::export::chart::Kind::Tools,
        }
    }
}
