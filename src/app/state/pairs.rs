//! The Reuse view's state: the order of its matrix, and shared passages on demand.
//!
//! Shared passages on demand. In a library larger than
//! [`crate::reuse::EXACT_ALL_PAIRS`] documents the analysis gives the estimated coverage of
//! every pair; the exact passages are computed here, on background threads, for the pairs a
//! user looks at: the pair clicked in the Reuse view (on its own, so it comes first), and
//! every pair of a compared or opened document with another that shares enough text.

use std::sync::Arc;

use super::AppState;
use crate::app::jobs::Task;
use crate::model::{DocIx, Document};
use crate::reuse::{PairReuse, ReuseIndex};

/// The order of the Reuse matrix's rows and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ReuseOrder {
    /// The order the documents were loaded in.
    #[default]
    Loaded,
    /// By date, undated last.
    Date,
    /// By region, then date.
    Region,
    /// Documents that share most placed next to each other.
    Similarity,
}

impl ReuseOrder {
    pub const ALL: [Self; 4] = [Self::Loaded, Self::Date, Self::Region, Self::Similarity];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Loaded => "Loaded",
            Self::Date => "Date",
            Self::Region => "Region",
            Self::Similarity => "Similarity",
        }
    }
}

/// Pairs compared exactly, with the index they were compared on (a result for an index no
/// longer the analysis's is dropped).
pub struct Compared {
    index: Arc<ReuseIndex>,
    pairs: Vec<Arc<PairReuse>>,
}

type Job = Task<Option<Compared>>;

/// The comparisons under way and what was last asked for.
#[derive(Default)]
pub struct PairsState {
    /// The pair clicked.
    one: Option<Job>,
    /// The pairs of the documents in focus.
    batch: Option<Job>,
    /// The focus the last batch was asked for, on which index.
    asked: Option<(Arc<ReuseIndex>, Vec<DocIx>)>,
    /// The matrix's documents in the chosen order.
    pub(super) order: Vec<DocIx>,
}

fn compare(
    name: &str,
    index: Arc<ReuseIndex>,
    docs: Arc<Vec<Document>>,
    pairs: Vec<(DocIx, DocIx)>,
    wake: Option<crate::app::jobs::Wake>,
) -> Job {
    use rayon::prelude::*;
    Task::spawn(
        name,
        wake,
        move || {
            let pairs = pairs
                .par_iter()
                .map(|&(a, b)| Arc::new(index.compare(&docs, a, b)))
                .collect();
            Some(Compared { index, pairs })
        },
        |_| None,
        || None,
    )
}

impl AppState {
    /// The documents whose shared passages are shown: those compared and the one open.
    fn focus(&self) -> Vec<DocIx> {
        let mut f: Vec<DocIx> = self.chosen.iter().copied().chain(self.selected).collect();
        f.sort_unstable();
        f.dedup();
        f
    }

    /// Take the pairs compared meanwhile and start comparing those now needed. Called every
    /// frame; does nothing while the focus and the clicked pair stay the same.
    pub(super) fn poll_pairs(&mut self) -> bool {
        let mut changed = false;
        // What stays exact when a long session has compared many pairs: those in view.
        let mut keep = self.focus();
        keep.extend(self.reuse_pair.iter().flat_map(|&(a, b)| [a, b]));
        for slot in [&mut self.pairs.one, &mut self.pairs.batch] {
            let Some(result) = slot.as_ref().and_then(Task::poll) else {
                continue;
            };
            *slot = None;
            let (Some(c), Some(a)) = (result, self.analysis.as_mut()) else {
                continue;
            };
            if Arc::ptr_eq(&c.index, &a.reuse.index()) {
                a.reuse.trim(&keep, crate::reuse::MAX_EXACT);
                a.reuse.insert(c.pairs);
                changed = true;
            }
        }
        if changed {
            self.pairs_arrived();
        }
        self.ask_pairs();
        changed
    }

    /// The shared-passage data that depends on which pairs are exact, rebuilt.
    fn pairs_arrived(&mut self) {
        if let Some(a) = &self.analysis {
            self.derived.shared = super::derived::shared_map(&self.docs, a.reuse.exact_pairs());
        }
        self.rebuild_reuse_domains();
        self.rebuild_derived();
    }

    fn ask_pairs(&mut self) {
        let Some(a) = &self.analysis else { return };
        let index = a.reuse.index();
        if self.pairs.one.is_none()
            && let Some((x, y)) = self.reuse_pair
            && !a.reuse.is_exact(x, y)
        {
            let docs = Arc::clone(&self.docs);
            self.pairs.one = Some(compare(
                "pair",
                Arc::clone(&index),
                docs,
                vec![(x, y)],
                self.wake.clone(),
            ));
        }
        if self.pairs.batch.is_some() {
            return;
        }
        let focus = self.focus();
        if self
            .pairs
            .asked
            .as_ref()
            .is_some_and(|(i, f)| Arc::ptr_eq(i, &index) && *f == focus)
        {
            return;
        }
        let wanted = a.reuse.wanted(&focus);
        self.pairs.asked = Some((Arc::clone(&index), focus));
        if !wanted.is_empty() {
            let docs = Arc::clone(&self.docs);
            self.pairs.batch = Some(compare("pairs", index, docs, wanted, self.wake.clone()));
        }
    }

    /// Put the Reuse matrix's documents in the chosen order (the documents, their metadata,
    /// the analysis or the order changed; not when more pairs become exact, so that the
    /// matrix does not rearrange itself while it is looked at: the similarity order is the
    /// estimates').
    pub(super) fn reorder_reuse(&mut self) {
        use crate::library::{Column, view};
        let entries = &self.derived.library.entries;
        let by = |c: Column| -> Vec<DocIx> {
            view(entries, "", c, false)
                .into_iter()
                .map(|i| entries[i].doc)
                .collect()
        };
        self.pairs.order = match self.reuse_order {
            ReuseOrder::Loaded => DocIx::all(self.docs.len()).collect(),
            ReuseOrder::Date => by(Column::Date),
            ReuseOrder::Region => {
                // By date within a region: a stable sort by region of the date order.
                let mut v = by(Column::Date);
                v.sort_by(|&a, &b| {
                    let (a, b) = (&entries[a.get()], &entries[b.get()]);
                    a.region
                        .is_empty()
                        .cmp(&b.region.is_empty())
                        .then_with(|| a.region.cmp(&b.region))
                });
                v
            }
            ReuseOrder::Similarity => self.analysis.as_ref().map_or_else(
                || DocIx::all(self.docs.len()).collect(),
                |a| a.reuse.by_similarity().to_vec(),
            ),
        };
    }

    /// The Reuse matrix's documents, in its order.
    #[must_use]
    pub fn reuse_order_rows(&self) -> &[DocIx] {
        &self.pairs.order
    }

    /// Shared passages are being computed for the pairs in view.
    #[must_use]
    pub fn comparing_pairs(&self) -> bool {
        self.pairs.one.is_some() || self.pairs.batch.is_some()
    }

    /// The pair clicked in the Reuse view is still being compared.
    #[must_use]
    pub fn reuse_pair_pending(&self) -> bool {
        match (self.reuse_pair, &self.analysis) {
            (Some((a, b)), Some(an)) => !an.reuse.is_exact(a, b),
            _ => false,
        }
    }
}
