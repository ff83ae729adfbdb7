//! The app's state: the loaded documents, what is selected, and what is derived from the
//! selection (the outline rows), rebuilt when the selection changes, not every frame.

use std::collections::BTreeSet;

use super::command::Command;
use crate::model::Document;

/// One visible row of the outline tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineRow {
    pub section: usize,
    pub depth: usize,
    pub label: String,
    pub has_children: bool,
    pub collapsed: bool,
}

#[derive(Default)]
pub struct AppState {
    pub docs: Vec<Document>,
    selected: Option<usize>,
    section: Option<usize>,
    collapsed: BTreeSet<usize>,
    rows: Vec<OutlineRow>,
}

impl AppState {
    #[must_use]
    pub fn new(docs: Vec<Document>) -> Self {
        let mut s = Self {
            docs,
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

    /// The one place state changes.
    pub fn handle(&mut self, command: super::command::Command) {
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
            Command::ToggleCollapsed(s) => {
                if !self.collapsed.remove(&s) {
                    self.collapsed.insert(s);
                }
                self.rebuild_rows();
            }
            Command::SelectDocument(_) | Command::ToggleTheme => {}
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
}
