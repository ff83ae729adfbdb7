//! The basket's sections by persistent key, and exporting them.

use super::AppState;

impl AppState {
    /// A section as the basket names it (document key, section id).
    #[must_use]
    pub fn section_ref(&self, doc: usize, section: usize) -> Option<crate::model::SecKey> {
        self.docs.get(doc)?.sec_key(section)
    }

    /// The loaded document and section a basket item names, if it is loaded.
    #[must_use]
    pub fn resolve(&self, key: &crate::model::SecKey) -> Option<(usize, usize)> {
        // A basket saved before keys were content hashes named documents by id.
        let d = self
            .docs
            .iter()
            .position(|d| d.content_hash == key.doc.0)
            .or_else(|| self.docs.iter().position(|d| d.id == key.doc.0))?;
        let s = self.docs[d].sections.iter().position(|s| s.id == key.section)?;
        Some((d, s))
    }

    #[must_use]
    pub fn in_basket(&self, doc: usize, section: usize) -> bool {
        self.section_ref(doc, section).is_some_and(|r| self.basket.contains(&r))
    }

    /// Export the basket to the typed path. An existing file is only replaced once the user
    /// confirmed; the basket is never changed, whatever happens.
    pub(super) fn export(&mut self, replace: bool) {
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
        let (loaded, missing): (Vec<_>, Vec<_>) = self
            .basket
            .items()
            .iter()
            .map(|k| {
                self.resolve(k).map(|(d, s)| crate::export::SectionRef {
                    doc: self.docs[d].id.clone(),
                    section: self.docs[d].sections[s].id.clone(),
                })
            })
            .partition(Option::is_some);
        let loaded: Vec<_> = loaded.into_iter().flatten().collect();
        if loaded.is_empty() {
            self.notify("None of the basket's sections is in a loaded document.", true);
            return;
        }
        let selection = crate::export::Selection::Sections(loaded);
        match crate::export::export(&path, format, replace, &input, &selection) {
            Ok(done) => {
                let mut message = format!("Exported {} passages to {}", done.passages, path.display());
                if !missing.is_empty() {
                    message += &format!("; {} in documents no longer loaded were left out", missing.len());
                }
                for w in &done.warnings {
                    message += &format!("\n{w}");
                }
                self.notify(message, false);
            }
            Err(e) => self.notify(e.to_string(), true),
        }
    }
}
