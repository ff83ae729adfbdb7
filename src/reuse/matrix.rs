//! The document × document coverage *estimate* of a whole corpus, from the winnowed
//! fingerprints alone (no text is compared), and the exact pairs computed on demand.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Estimate, PairReuse, ReuseIndex};
use crate::model::{DocIx, Document};

/// Estimated coverage of every pair of a corpus: for each document, how many of its
/// fingerprints each other document also has. Sparse: a pair sharing no fingerprint is 0.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReuseMatrix {
    /// Per document: its number of (indexed) fingerprints.
    own: Vec<u32>,
    /// Per document `a`: `(b, shared fingerprints)` for every `b > a` sharing at least one,
    /// ascending `b`.
    rows: Vec<Vec<(u32, u32)>>,
}

#[allow(clippy::cast_precision_loss)]
fn ratio(part: u32, whole: u32) -> f32 {
    if whole == 0 { 0.0 } else { part as f32 / whole as f32 }
}

impl ReuseMatrix {
    /// How many documents the matrix covers.
    #[must_use]
    pub fn len(&self) -> usize {
        self.own.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.own.is_empty()
    }

    fn shared(&self, a: usize, b: usize) -> u32 {
        let (a, b) = if a < b { (a, b) } else { (b, a) };
        let Some(row) = self.rows.get(a) else { return 0 };
        #[allow(clippy::cast_possible_truncation)]
        let b = b as u32;
        row.binary_search_by_key(&b, |e| e.0).map_or(0, |i| row[i].1)
    }

    /// Estimated share of document `of`'s text that it shares with `with` (0 on the diagonal
    /// and for a pair sharing no fingerprint).
    #[must_use]
    pub fn coverage(&self, of: DocIx, with: DocIx) -> f32 {
        let (of, with) = (of.get(), with.get());
        if of == with || of >= self.len() || with >= self.len() {
            return 0.0;
        }
        ratio(self.shared(of, with), self.own[of])
    }

    /// The estimate of one pair (`a < b` in the result), `None` when it shares nothing.
    #[must_use]
    pub fn estimate(&self, x: DocIx, y: DocIx) -> Option<Estimate> {
        let (a, b) = if x < y { (x.get(), y.get()) } else { (y.get(), x.get()) };
        if a == b || b >= self.len() {
            return None;
        }
        let s = self.shared(a, b);
        (s > 0).then(|| Estimate {
            a: DocIx(a),
            b: DocIx(b),
            coverage_a: ratio(s, self.own[a]),
            coverage_b: ratio(s, self.own[b]),
        })
    }

    /// Every pair sharing a fingerprint, `a < b`, by `a` then `b`.
    pub fn pairs(&self) -> impl Iterator<Item = Estimate> + '_ {
        self.rows.iter().enumerate().flat_map(move |(a, row)| {
            row.iter().map(move |&(b, s)| Estimate {
                a: DocIx(a),
                b: DocIx(b as usize),
                coverage_a: ratio(s, self.own[a]),
                coverage_b: ratio(s, self.own[b as usize]),
            })
        })
    }

    /// Pairs whose larger estimated coverage reaches `min`, most covered first (ties by
    /// `(a, b)`).
    #[must_use]
    pub fn ranked(&self, min: f32) -> Vec<Estimate> {
        let mut v: Vec<Estimate> = self.pairs().filter(|e| e.coverage_a.max(e.coverage_b) >= min).collect();
        v.sort_by(|x, y| {
            super::most_covered_first(
                (x.a, x.b, x.coverage_a, x.coverage_b),
                (y.a, y.b, y.coverage_a, y.coverage_b),
            )
        });
        v
    }
}

impl ReuseIndex {
    /// The estimated coverage of every pair, from shared fingerprints: one pass over the
    /// inverted index per document, no passage work. Cost: the sum over fingerprints of the
    /// number of documents carrying them, which [`super::MAX_POSTING`] bounds.
    #[must_use]
    pub fn matrix(&self) -> ReuseMatrix {
        let n = self.len();
        let rows = (0..n)
            .into_par_iter()
            .map(|a| {
                let mut shared: FxHashMap<u32, u32> = FxHashMap::default();
                for h in &self.fingerprints[a] {
                    if let Some(docs) = self.postings.get(h) {
                        #[allow(clippy::cast_possible_truncation)]
                        let from = docs.partition_point(|&d| d <= a as u32);
                        for &b in &docs[from..] {
                            *shared.entry(b).or_insert(0) += 1;
                        }
                    }
                }
                let mut row: Vec<(u32, u32)> = shared.into_iter().collect();
                row.sort_unstable();
                row
            })
            .collect();
        #[allow(clippy::cast_possible_truncation)]
        let own = self.fingerprints.iter().map(|f| f.len() as u32).collect();
        ReuseMatrix { own, rows }
    }

    /// The pairs worth comparing exactly: every pair of a corpus of up to
    /// [`super::EXACT_ALL_PAIRS`] documents (by `a`, then `b`); in a larger one the pairs
    /// whose larger estimated coverage reaches `min`, most covered first.
    #[must_use]
    pub fn to_compare(&self, matrix: &ReuseMatrix, min: f32) -> Vec<(DocIx, DocIx)> {
        let n = self.len();
        if n <= super::EXACT_ALL_PAIRS {
            (0..n)
                .flat_map(|a| (a + 1..n).map(move |b| (DocIx(a), DocIx(b))))
                .collect()
        } else {
            matrix.ranked(min).into_iter().map(|e| (e.a, e.b)).collect()
        }
    }

    /// The exact passages of one pair, from the cache when it was asked for before (see
    /// [`ReuseIndex::compare`]; `docs` must be the slice the index was built from).
    ///
    /// # Panics
    /// When `a` or `b` is out of range.
    #[must_use]
    pub fn pair(&self, docs: &[Document], a: DocIx, b: DocIx) -> Arc<PairReuse> {
        let key = if a <= b { (a, b) } else { (b, a) };
        if let Some(p) = self.cache.get(key) {
            return p;
        }
        let p = Arc::new(self.compare(docs, key.0, key.1));
        self.cache.put(key, Arc::clone(&p));
        p
    }
}

/// The exact pairs already computed for one index: the most recently used
/// [`PAIR_CACHE`] of them.
#[derive(Default)]
pub(super) struct PairCache {
    inner: Mutex<Lru>,
}

/// The pairs by key, and their keys from least to most recently used.
type Lru = (FxHashMap<(DocIx, DocIx), Arc<PairReuse>>, VecDeque<(DocIx, DocIx)>);

/// How many exact pairs an index keeps (a pair of two long plans holds a few hundred
/// passages: tens of KB).
pub const PAIR_CACHE: usize = 256;

impl PairCache {
    fn get(&self, key: (DocIx, DocIx)) -> Option<Arc<PairReuse>> {
        let mut g = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let p = g.0.get(&key).cloned()?;
        // Most recently used at the back.
        if let Some(i) = g.1.iter().position(|&k| k == key) {
            g.1.remove(i);
        }
        g.1.push_back(key);
        Some(p)
    }

    fn put(&self, key: (DocIx, DocIx), p: Arc<PairReuse>) {
        let mut g = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if g.0.insert(key, p).is_none() {
            g.1.push_back(key);
        }
        while g.1.len() > PAIR_CACHE {
            if let Some(old) = g.1.pop_front() {
                g.0.remove(&old);
            }
        }
    }

    /// How many pairs are cached.
    pub(super) fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .0
            .len()
    }
}
