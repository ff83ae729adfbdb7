//! The reuse of a whole corpus as an app holds it: the estimated coverage of every pair (the
//! matrix, from fingerprints alone), a direction hint for every pair that shares enough to
//! be drawn on a timeline, and the exact passages of the pairs computed so far.
//!
//! A small corpus (up to [`super::EXACT_ALL_PAIRS`] documents) has every pair exact from the
//! start, as [`super::analyse`] gives them. In a larger one only the estimates are made at
//! first: the exact passages of the pairs a user looks at (the documents compared or read,
//! the pair clicked) are computed on demand ([`Overview::wanted`], then
//! [`ReuseIndex::compare`] on a background thread, then [`Overview::insert`]).

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::pair::{Direction, PairReuse, direction_with};
use super::{Options, ReuseIndex, ReuseMatrix};
use crate::model::{DocIx, Document};

/// A pair sharing enough text to be drawn: its figures (exact when known at build, else
/// estimated) and which way the wording probably went.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub a: DocIx,
    pub b: DocIx,
    pub coverage_a: f32,
    pub coverage_b: f32,
    /// The figures are the exact ones (else the matrix's estimate).
    pub exact: bool,
    pub direction: Option<Direction>,
}

/// A pair sharing less than this of either text (estimated) gets no [`Link`].
pub const LINK_MIN: f32 = 0.05;
/// At most this many links (the strongest) are kept.
pub const MAX_LINKS: usize = 20_000;
/// [`Overview::wanted`] asks for at most this many pairs at once (the most covered first).
pub const MAX_WANTED: usize = 512;
/// A large corpus's overview keeps about this many exact pairs ([`Overview::trim`]).
pub const MAX_EXACT: usize = 4096;

/// The reuse of a corpus: estimates for all pairs, exact passages for some.
pub struct Overview {
    index: Arc<ReuseIndex>,
    matrix: ReuseMatrix,
    links: Vec<Link>,
    /// Pairs compared exactly, `(a, b)` with `a < b`; a pair sharing nothing is kept too, so
    /// that it is not compared again.
    exact: FxHashMap<(DocIx, DocIx), Arc<PairReuse>>,
    /// The largest coverage of any pair (exact where known, else estimated).
    max: f32,
    /// [`Overview::by_similarity`], made with the rest (off the UI thread, once).
    similar: Vec<DocIx>,
}

impl Overview {
    /// Fingerprint the corpus and estimate every pair; in a small corpus compare every pair
    /// exactly as well.
    #[must_use]
    pub fn build(docs: &[Document], options: Options) -> Self {
        let index = Arc::new(ReuseIndex::build(docs, options));
        let matrix = index.matrix();
        let mut exact = FxHashMap::default();
        if docs.len() <= super::EXACT_ALL_PAIRS {
            let pairs = index.to_compare(&matrix, options.min_estimate);
            let computed: Vec<Arc<PairReuse>> = pairs
                .par_iter()
                .map(|&(a, b)| Arc::new(index.compare(docs, a, b)))
                .collect();
            exact = computed.into_iter().map(|p| ((p.a, p.b), p)).collect();
        }
        let mut o = Self {
            index,
            matrix,
            links: Vec::new(),
            exact,
            max: 0.0,
            similar: Vec::new(),
        };
        o.links = o.make_links(docs);
        o.max = o.largest();
        o.similar = o.similarity_order();
        o
    }

    /// The index the exact pairs are computed from (shared with a background thread).
    #[must_use]
    pub fn index(&self) -> Arc<ReuseIndex> {
        Arc::clone(&self.index)
    }

    #[must_use]
    pub fn options(&self) -> Options {
        self.index.options
    }

    /// How many documents it covers.
    #[must_use]
    pub fn len(&self) -> usize {
        self.matrix.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.matrix.is_empty()
    }

    /// The exact pair of two documents (either order), once it has been compared, if they
    /// share a passage.
    #[must_use]
    pub fn pair(&self, x: DocIx, y: DocIx) -> Option<&PairReuse> {
        self.exact
            .get(&key(x, y))
            .map(AsRef::as_ref)
            .filter(|p| !p.passages.is_empty())
    }

    /// The pair has been compared exactly (it may share nothing).
    #[must_use]
    pub fn is_exact(&self, x: DocIx, y: DocIx) -> bool {
        x == y || self.exact.contains_key(&key(x, y))
    }

    /// Share of document `of`'s text also in `with`, and whether it is the exact figure (else
    /// the estimate).
    #[must_use]
    pub fn coverage(&self, of: DocIx, with: DocIx) -> (f32, bool) {
        match self.exact.get(&key(of, with)) {
            Some(p) => (if p.a == of { p.coverage_a } else { p.coverage_b }, true),
            None => (self.matrix.coverage(of, with), of == with),
        }
    }

    /// The largest coverage of any pair, for a colour scale.
    #[must_use]
    pub fn max_coverage(&self) -> f32 {
        self.max
    }

    /// Every pair compared exactly that shares a passage.
    pub fn exact_pairs(&self) -> impl Iterator<Item = &PairReuse> {
        self.exact
            .values()
            .map(AsRef::as_ref)
            .filter(|p| !p.passages.is_empty())
    }

    /// Pairs sharing enough text to be drawn, strongest first.
    #[must_use]
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// The pairs not yet compared that a user looking at `focus` documents needs: each pair
    /// of a focus document with another whose estimate (either side) reaches the options'
    /// `min_estimate`, most covered first, at most [`MAX_WANTED`].
    #[must_use]
    pub fn wanted(&self, focus: &[DocIx]) -> Vec<(DocIx, DocIx)> {
        let n = self.len();
        let min = self.index.options.min_estimate;
        let mut out: Vec<(f32, (DocIx, DocIx))> = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        for &d in focus.iter().filter(|&&d| d.get() < n) {
            for other in DocIx::all(n).filter(|&o| o != d) {
                let k = key(d, other);
                if self.exact.contains_key(&k) || !seen.insert(k) {
                    continue;
                }
                let Some(e) = self.matrix.estimate(d, other) else {
                    continue;
                };
                let share = e.coverage_a.max(e.coverage_b);
                if share >= min {
                    out.push((share, k));
                }
            }
        }
        out.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        out.truncate(MAX_WANTED);
        out.into_iter().map(|(_, k)| k).collect()
    }

    /// The documents in an order that places those sharing most text next to each other
    /// (see `similarity_order`); computed when the overview is built.
    #[must_use]
    pub fn by_similarity(&self) -> &[DocIx] {
        &self.similar
    }

    /// A nearest-neighbour chain over the estimated coverage (the larger side of each pair;
    /// the estimate, so that the order does not change as pairs become exact), starting
    /// from the document that shares most, each chain continued by the unplaced document
    /// closest to its last one; documents sharing nothing come last, in load order.
    fn similarity_order(&self) -> Vec<DocIx> {
        let n = self.len();
        let mut near: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n];
        for e in self.matrix.pairs() {
            let s = e.coverage_a.max(e.coverage_b);
            if s > 0.0 {
                near[e.a.get()].push((e.b.get(), s));
                near[e.b.get()].push((e.a.get(), s));
            }
        }
        for v in &mut near {
            v.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        }
        let total: Vec<f32> = near.iter().map(|v| v.iter().map(|x| x.1).sum()).collect();
        let mut starts: Vec<usize> = (0..n).filter(|&d| !near[d].is_empty()).collect();
        starts.sort_by(|&x, &y| total[y].total_cmp(&total[x]).then(x.cmp(&y)));
        let mut placed = vec![false; n];
        let mut order = Vec::with_capacity(n);
        for s in starts {
            if placed[s] {
                continue;
            }
            let mut at = s;
            loop {
                placed[at] = true;
                order.push(at);
                match near[at].iter().find(|(o, _)| !placed[*o]) {
                    Some(&(o, _)) => at = o,
                    None => break,
                }
            }
        }
        order.extend((0..n).filter(|&d| !placed[d]));
        order.into_iter().map(DocIx).collect()
    }

    /// Take pairs compared exactly (by [`ReuseIndex::compare`] on this overview's index).
    pub fn insert(&mut self, pairs: impl IntoIterator<Item = Arc<PairReuse>>) {
        for p in pairs {
            let share = p.coverage_a.max(p.coverage_b);
            self.max = self.max.max(share);
            self.exact.insert((p.a, p.b), p);
        }
    }

    /// In a large corpus holding more than `cap` exact pairs, forget those that touch none
    /// of the `keep` documents (they are compared again if looked at again), so that a long
    /// session of browsing does not hold every pair it ever saw. A small corpus keeps all.
    pub fn trim(&mut self, keep: &[DocIx], cap: usize) {
        if self.len() <= super::EXACT_ALL_PAIRS || self.exact.len() <= cap {
            return;
        }
        self.exact.retain(|&(a, b), _| keep.contains(&a) || keep.contains(&b));
    }

    fn largest(&self) -> f32 {
        let estimated = self
            .matrix
            .pairs()
            .filter(|e| !self.exact.contains_key(&(e.a, e.b)))
            .map(|e| e.coverage_a.max(e.coverage_b));
        let exact = self.exact.values().map(|p| p.coverage_a.max(p.coverage_b));
        estimated.chain(exact).fold(0.0, f32::max)
    }

    /// The links: from the exact pairs where the corpus was compared whole, else from the
    /// estimates with a direction from citations and dates (no passage needed).
    fn make_links(&self, docs: &[Document]) -> Vec<Link> {
        let order = |x: &Link, y: &Link| {
            super::most_covered_first(
                (x.a, x.b, x.coverage_a, x.coverage_b),
                (y.a, y.b, y.coverage_a, y.coverage_b),
            )
        };
        if !self.exact.is_empty() {
            let mut links: Vec<Link> = self
                .exact_pairs()
                .map(|p| Link {
                    a: p.a,
                    b: p.b,
                    coverage_a: p.coverage_a,
                    coverage_b: p.coverage_b,
                    exact: true,
                    direction: p.direction.clone(),
                })
                .collect();
            links.sort_by(order);
            links.truncate(MAX_LINKS);
            return links;
        }
        let mut links: Vec<Link> = self
            .matrix
            .pairs()
            .filter(|e| e.coverage_a.max(e.coverage_b) >= LINK_MIN)
            .map(|e| Link {
                a: e.a,
                b: e.b,
                coverage_a: e.coverage_a,
                coverage_b: e.coverage_b,
                exact: false,
                direction: None,
            })
            .collect();
        links.sort_by(order);
        links.truncate(MAX_LINKS);
        links
            .par_iter_mut()
            .for_each(|l| l.direction = direction_with(docs, &self.index.texts, l.a, l.b));
        links
    }
}

fn key(x: DocIx, y: DocIx) -> (DocIx, DocIx) {
    if x < y { (x, y) } else { (y, x) }
}
