//! Finding places: the search over the comparison, and the side-by-side columns' scrolling
//! to the same domain.

use super::{AppState, SearchHit};
use crate::model::CharRange;
use crate::model::{ByHandle, DocIx, SecIx};

impl AppState {
    #[must_use]
    pub fn search_hits(&self) -> &[SearchHit] {
        &self.derived.search_hits
    }

    /// The hit shown, if any.
    #[must_use]
    pub fn current_hit(&self) -> Option<SearchHit> {
        self.derived.search_hits.get(self.search_current).copied()
    }

    /// Find the search in the comparison's cards (visible rows) through the matching fold
    /// ([`crate::fold`]): full and half width, Latin case, traditional and simplified script
    /// and whitespace alike; mark the cards (ranges in chars of the document's text) and list
    /// the hits in order.
    pub(super) fn rebuild_search(&mut self) {
        self.derived.revision += 1;
        self.derived.search_hits.clear();
        let query = crate::fold::fold(&self.search, crate::fold::Punct::Keep).chars;
        let min = self.min_coverage.max(1);
        for (r, row) in self.derived.compare.iter_mut().enumerate() {
            let visible = row.cells.iter().filter(|c| !c.is_empty()).count() >= min;
            for card in row.cells.iter_mut().flatten() {
                card.hits.clear();
                if query.is_empty() || !visible {
                    continue;
                }
                let text = crate::fold::fold(&card.text, crate::fold::Punct::Keep);
                let mut i = 0;
                while i + query.len() <= text.len() {
                    if text.chars[i..i + query.len()] == query[..] {
                        let (start, end) = text.original_range(i, i + query.len());
                        let at = card.text_range.start;
                        let range = CharRange::new(at + start, at + end);
                        card.hits.push(range);
                        self.derived.search_hits.push(SearchHit {
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
        self.search_current = self
            .search_current
            .min(self.derived.search_hits.len().saturating_sub(1));
    }

    /// The domain of a section: its own if it is a leaf, else that of its first leaf that has one.
    #[must_use]
    pub fn domain_of(&self, doc: DocIx, section: SecIx) -> Option<usize> {
        let d = self.docs.at(doc)?;
        let end = d.sections.at(section)?.range.end;
        SecIx::all(d.sections.len())
            .zip(&d.sections)
            .skip(section.get())
            .take_while(|(i, s)| *i == section || s.range.start < end)
            .filter(|(_, s)| s.is_leaf())
            .find_map(|(i, _)| self.category_of(doc, i))
    }

    /// Scroll the other side-by-side columns to their first section in the domain of this one.
    pub(super) fn sync_to(&mut self, doc: DocIx, section: SecIx) {
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
}
