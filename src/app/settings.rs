//! Settings remembered across restarts (eframe persistence). Kept apart from the documents
//! and from transient state; every field has a default so that an older file still loads.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub dark: bool,
    /// UI zoom (Ctrl+= / Ctrl+- / Ctrl+0 change it).
    pub zoom: f32,
    /// Id of the document last shown.
    pub selected_doc: Option<String>,
    /// The view last shown.
    pub view: super::state::View,
    /// Ids of the documents in the comparison, in column order.
    pub chosen: Vec<String>,
    /// The user's corrections of the alignment (keyed by content hash + section path).
    pub overrides: crate::align::overrides::Overrides,
    /// The taxonomy file the user aligns by (`None`: the built-in one).
    pub taxonomy: Option<std::path::PathBuf>,
    /// The document view shows the chosen documents side by side.
    pub side_by_side: bool,
    /// The comparison's domain (row title) last gone to.
    pub domain: Option<String>,
    /// Files the user imported, reloaded at start.
    pub imported: Vec<std::path::PathBuf>,
    /// The selection basket, in order.
    pub basket: Vec<crate::export::SectionRef>,
    /// Where the basket was last exported, and in which format.
    pub export_path: String,
    pub export_format: crate::export::Format,
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
        }
    }
}
