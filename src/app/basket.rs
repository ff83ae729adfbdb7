//! The selection basket: the passages a researcher collects for export, in their order.
//! Items are persistent section keys (document content hash, section id), so the basket
//! survives restarts, re-analysis and loading the same files in another order; removing or
//! clearing can be undone.

use std::collections::HashSet;

use crate::model::SecKey as SectionRef;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Basket {
    items: Vec<SectionRef>,
    set: HashSet<SectionRef>,
    /// The items before the last removal or clearing.
    undo: Option<Vec<SectionRef>>,
}

impl Basket {
    #[must_use]
    pub fn new(items: Vec<SectionRef>) -> Self {
        let mut b = Self::default();
        for item in items {
            if !b.set.contains(&item) {
                b.set.insert(item.clone());
                b.items.push(item);
            }
        }
        b
    }

    #[must_use]
    pub fn items(&self) -> &[SectionRef] {
        &self.items
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    #[must_use]
    pub fn contains(&self, item: &SectionRef) -> bool {
        self.set.contains(item)
    }

    /// Add an item at the end, or take it out.
    pub fn toggle(&mut self, item: SectionRef) {
        if self.set.remove(&item) {
            self.undo = Some(self.items.clone());
            self.items.retain(|i| i != &item);
        } else {
            // Undo brings back what was removed, not the state before later additions.
            self.undo = None;
            self.set.insert(item.clone());
            self.items.push(item);
        }
    }

    /// Move the item at `from` to `to` (both clamped).
    pub fn move_item(&mut self, from: usize, to: usize) {
        if from >= self.items.len() {
            return;
        }
        self.undo = None;
        let item = self.items.remove(from);
        self.items.insert(to.min(self.items.len()), item);
    }

    pub fn remove(&mut self, index: usize) {
        if index < self.items.len() {
            self.undo = Some(self.items.clone());
            let item = self.items.remove(index);
            self.set.remove(&item);
        }
    }

    pub fn clear(&mut self) {
        if !self.items.is_empty() {
            self.undo = Some(std::mem::take(&mut self.items));
            self.set.clear();
        }
    }

    /// Whether a removal or clearing can be undone.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        self.undo.is_some()
    }

    /// Bring back the items as they were before the last removal or clearing.
    pub fn undo(&mut self) {
        if let Some(items) = self.undo.take() {
            *self = Self::new(items);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(doc: &str, section: &str) -> SectionRef {
        SectionRef {
            doc: crate::model::DocKey(doc.to_owned()),
            section: section.to_owned(),
        }
    }

    #[test]
    fn toggling_adds_in_order_and_removes_and_undo_restores() {
        let mut b = Basket::default();
        b.toggle(r("a", "1"));
        b.toggle(r("b", "2"));
        b.toggle(r("a", "3"));
        assert_eq!(b.items(), &[r("a", "1"), r("b", "2"), r("a", "3")]);
        b.move_item(2, 0);
        assert_eq!(b.items()[0], r("a", "3"));
        b.toggle(r("b", "2"));
        assert!(b.can_undo());
        assert_eq!(b.len(), 2);
        assert!(!b.contains(&r("b", "2")));
        b.undo();
        assert_eq!(b.items(), &[r("a", "3"), r("a", "1"), r("b", "2")]);
        b.clear();
        assert!(b.is_empty());
        assert!(b.can_undo());
        b.undo();
        assert_eq!(b.len(), 3);
        assert!(b.contains(&r("a", "1")));
    }

    #[test]
    fn undo_after_an_addition_does_not_take_the_addition_away() {
        let mut b = Basket::new(vec![r("a", "1"), r("a", "2")]);
        b.remove(0);
        b.toggle(r("b", "9"));
        assert!(!b.can_undo(), "an addition ends what undo could restore");
        b.undo();
        assert_eq!(b.items(), &[r("a", "2"), r("b", "9")]);
    }

    #[test]
    fn duplicates_are_dropped_when_restored() {
        let b = Basket::new(vec![r("a", "1"), r("a", "1"), r("b", "1")]);
        assert_eq!(b.len(), 2);
    }
}
