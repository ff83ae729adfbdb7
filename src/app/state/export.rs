//! The basket's sections by persistent key.

use super::AppState;
use crate::model::{ByHandle, DocIx, SecIx};

impl AppState {
    /// A section as the basket names it (document key, section id).
    #[must_use]
    pub fn section_ref(&self, doc: DocIx, section: SecIx) -> Option<crate::model::SecKey> {
        self.docs.at(doc)?.sec_key(section)
    }

    /// The loaded document and section a basket item names, if it is loaded.
    #[must_use]
    pub fn resolve(&self, key: &crate::model::SecKey) -> Option<(DocIx, SecIx)> {
        // A basket saved before keys were content hashes named documents by id.
        let d = self
            .docs
            .iter()
            .position(|d| d.content_hash == key.doc.0)
            .or_else(|| self.docs.iter().position(|d| d.id == key.doc.0))
            .map(DocIx)?;
        let s = self.docs[d].section_ix(&key.section)?;
        Some((d, s))
    }

    #[must_use]
    pub fn in_basket(&self, doc: DocIx, section: SecIx) -> bool {
        self.section_ref(doc, section).is_some_and(|r| self.basket.contains(&r))
    }

    /// The basket's sections that are in loaded documents, in order, and how many items name
    /// documents not loaded (they stay in the basket for when those are loaded again).
    pub(super) fn basket_sections(&self) -> (Vec<crate::export::SectionRef>, usize) {
        let mut missing = 0;
        let mut loaded = Vec::new();
        for k in self.basket.items() {
            match self.resolve(k) {
                Some((d, s)) => loaded.push(crate::export::SectionRef {
                    doc: self.docs[d].id.clone(),
                    section: self.docs[d].sections[s].id.clone(),
                }),
                None => missing += 1,
            }
        }
        (loaded, missing)
    }
}
