//! Shared passages between documents: which wording one document shares with another, how
//! much of each it covers, and who probably took it from whom.
//!
//! Matching reads a *folded stream* of each document: the characters of its sections with
//! punctuation and whitespace dropped and full-width forms folded to half-width (see
//! [`fold`]). Every passage is reported back in **char offsets into [`Document::text`]**,
//! so what is shown and exported is always the original text.
//!
//! The stages:
//! 1. [`ReuseIndex::build`] folds every document, hashes its k-grams (k = `min_chars`),
//!    counts in how many documents each k-gram occurs (boilerplate is what almost every
//!    document carries), and keeps a winnowed sample of fingerprints per document
//!    (Schleimer, Wilkerson & Aiken 2003) in an inverted index.
//! 2. [`ReuseIndex::candidates`] estimates, from shared fingerprints, how much of each
//!    document another one contains — for every pair at once, without comparing texts.
//! 3. [`ReuseIndex::compare`] finds the exact maximal shared passages of one pair.
//!
//! [`analyse`] puts them together: every pair of a small corpus is compared exactly; in a
//! large one (more than [`EXACT_ALL_PAIRS`] documents) only pairs whose estimate reaches the
//! threshold are.

mod fold;
mod matches;
mod matrix;
mod overview;
mod pair;

use std::collections::HashMap;

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Serialize;

use crate::model::{DocIx, Document};

pub use fold::{Folded, fold};
pub use matrix::{PAIR_CACHE, ReuseMatrix};
pub use overview::{LINK_MIN, Link, MAX_EXACT, MAX_LINKS, MAX_WANTED, Overview};
pub use pair::{Direction, DirectionReason, DomainReuse, PairReuse, Passage, Side, by_domain};

/// Up to this many documents, [`analyse`] compares every pair exactly.
pub const EXACT_ALL_PAIRS: usize = 48;

/// A fingerprint carried by more documents than this is left out of the index (as a
/// boilerplate one is): it says little about who took from whom, and its posting list would
/// make the matrix quadratic in the corpus. In a corpus of up to 1,666 documents the
/// boilerplate rule (60%) drops such fingerprints first; this caps larger ones.
pub const MAX_POSTING: usize = 1000;

/// What counts as a shared passage and as boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Options {
    /// The shortest passage reported, in folded characters (punctuation and spaces not counted).
    pub min_chars: usize,
    /// Winnowing window: a pair is detected in a large corpus when it shares a passage of at
    /// least `min_chars + window - 1` folded characters.
    pub window: usize,
    /// A k-gram is boilerplate when at least this share of the loaded documents carry it …
    pub boilerplate_share: f32,
    /// … and at least this many (so that two or three documents never make boilerplate).
    pub boilerplate_min_docs: usize,
    /// In a large corpus, pairs whose estimated coverage (either side) is below this are not
    /// compared exactly.
    pub min_estimate: f32,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            min_chars: 8,
            window: 8,
            boilerplate_share: 0.6,
            boilerplate_min_docs: 4,
            min_estimate: 0.02,
        }
    }
}

impl Options {
    /// The least number of documents that makes a k-gram boilerplate in a corpus of `n`.
    #[must_use]
    pub fn boilerplate_docs(&self, n: usize) -> usize {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let share = (self.boilerplate_share * n as f32).ceil() as usize;
        share.max(self.boilerplate_min_docs).max(2)
    }
}

/// A pair's estimated containment, from shared fingerprints.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    pub a: DocIx,
    pub b: DocIx,
    /// Share of `a`'s (non-boilerplate) fingerprints that `b` also has.
    pub coverage_a: f32,
    /// Share of `b`'s fingerprints that `a` also has.
    pub coverage_b: f32,
}

/// The index over a corpus.
pub struct ReuseIndex {
    pub options: Options,
    folded: Vec<Folded>,
    /// Per document: its whole text folded (`pair::folded`), where citations are looked for.
    texts: Vec<String>,
    /// Per document: the hash of the k-gram starting at each folded position (`None` where
    /// the k-gram would cross a section boundary or the end).
    grams: Vec<Vec<Option<u64>>>,
    /// In how many documents each k-gram occurs.
    df: FxHashMap<u64, u32>,
    boilerplate_docs: u32,
    /// Per document: its distinct non-boilerplate fingerprints.
    fingerprints: Vec<Vec<u64>>,
    /// Fingerprint → documents that have it (ascending).
    postings: FxHashMap<u64, Vec<u32>>,
    /// Exact pairs already computed ([`ReuseIndex::pair`]).
    cache: matrix::PairCache,
}

/// The result of [`analyse`].
#[derive(Debug, Clone, Serialize)]
pub struct ReuseReport {
    pub options: Options,
    /// Pairs that share at least one passage, `a < b`, by descending larger coverage.
    pub pairs: Vec<PairReuse>,
    /// (a, b) → index into `pairs`: the app looks a pair up for every cell of its matrix.
    #[serde(skip)]
    index: HashMap<(DocIx, DocIx), usize>,
}

impl ReuseReport {
    /// The pair of two documents (in either order).
    #[must_use]
    pub fn pair(&self, x: DocIx, y: DocIx) -> Option<&PairReuse> {
        let key = if x < y { (x, y) } else { (y, x) };
        self.index.get(&key).map(|&i| &self.pairs[i])
    }

    /// Share of document `of`'s folded text that it shares with `with` (0 when nothing).
    #[must_use]
    pub fn coverage(&self, of: DocIx, with: DocIx) -> f32 {
        self.pair(of, with)
            .map_or(0.0, |p| if p.a == of { p.coverage_a } else { p.coverage_b })
    }
}

/// Find the shared passages of every pair of `docs` worth comparing
/// ([`ReuseIndex::to_compare`]), all at once. A large corpus is better served by
/// [`ReuseIndex::matrix`] and [`ReuseIndex::pair`] for the pairs asked for.
#[must_use]
pub fn analyse(docs: &[Document], options: Options) -> ReuseReport {
    let index = ReuseIndex::build(docs, options);
    let pairs = index.to_compare(&index.matrix(), options.min_estimate);
    let mut pairs: Vec<PairReuse> = pairs
        .par_iter()
        .map(|&(a, b)| index.compare(docs, a, b))
        .filter(|p| !p.passages.is_empty())
        .collect();
    pairs.sort_by(|x, y| {
        most_covered_first(
            (x.a, x.b, x.coverage_a, x.coverage_b),
            (y.a, y.b, y.coverage_a, y.coverage_b),
        )
    });
    let index = pairs.iter().enumerate().map(|(i, p)| ((p.a, p.b), i)).collect();
    ReuseReport { options, pairs, index }
}

/// The order pairs are reported in: the larger coverage descending, then `(a, b)`. Each
/// argument is `(a, b, coverage_a, coverage_b)`.
#[must_use]
pub fn most_covered_first(x: (DocIx, DocIx, f32, f32), y: (DocIx, DocIx, f32, f32)) -> std::cmp::Ordering {
    y.2.max(y.3).total_cmp(&x.2.max(x.3)).then((x.0, x.1).cmp(&(y.0, y.1)))
}

/// The hashes of every k-gram of a folded stream that lies within one unbroken run of a
/// section (`None` elsewhere).
fn gram_hashes(f: &Folded, k: usize) -> Vec<Option<u64>> {
    crate::fingerprint::gram_hashes(&f.chars, k, |i| f.section[i] != f.section[i - 1])
}

/// Winnowing's distinct hashes (a stream shorter than a window keeps all of its k-grams).
fn winnow(grams: &[Option<u64>], w: usize) -> Vec<u64> {
    let mut picked: Vec<u64> = crate::fingerprint::winnow(grams, w)
        .into_iter()
        .map(|(_, h)| h)
        .collect();
    if grams.len() < w.max(1) {
        picked.extend(grams.iter().flatten().copied());
    }
    picked.sort_unstable();
    picked.dedup();
    picked
}

impl ReuseIndex {
    /// Fold and fingerprint every document.
    #[must_use]
    pub fn build(docs: &[Document], options: Options) -> Self {
        let k = options.min_chars.max(2);
        let (folded, texts): (Vec<Folded>, Vec<String>) = docs.par_iter().map(fold::fold_and_text).unzip();
        let grams: Vec<Vec<Option<u64>>> = folded.par_iter().map(|f| gram_hashes(f, k)).collect();
        // Document frequency of every k-gram: count each distinct k-gram once per document.
        let per_doc: Vec<Vec<u64>> = grams
            .par_iter()
            .map(|g| {
                let mut v: Vec<u64> = g.iter().flatten().copied().collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let mut df: FxHashMap<u64, u32> =
            HashMap::with_capacity_and_hasher(per_doc.iter().map(Vec::len).max().unwrap_or(0) * 2, FxBuildHasher);
        for v in &per_doc {
            for &h in v {
                *df.entry(h).or_insert(0) += 1;
            }
        }
        drop(per_doc);
        #[allow(clippy::cast_possible_truncation)]
        let boilerplate_docs = options.boilerplate_docs(docs.len()) as u32;
        let fingerprints: Vec<Vec<u64>> = grams
            .par_iter()
            .map(|g| {
                winnow(g, options.window)
                    .into_iter()
                    .filter(|h| df.get(h).is_some_and(|&d| d < boilerplate_docs))
                    .collect()
            })
            .collect();
        let mut postings: FxHashMap<u64, Vec<u32>> = HashMap::with_hasher(FxBuildHasher);
        for (d, fp) in fingerprints.iter().enumerate() {
            for &h in fp {
                #[allow(clippy::cast_possible_truncation)]
                postings.entry(h).or_default().push(d as u32);
            }
        }
        // Too common to index (see MAX_POSTING): out of the postings and of each document's
        // own count, so that the estimate's numerator and denominator agree.
        postings.retain(|_, docs| docs.len() <= MAX_POSTING);
        let fingerprints: Vec<Vec<u64>> = fingerprints
            .into_par_iter()
            .map(|mut fp| {
                fp.retain(|h| postings.contains_key(h));
                fp
            })
            .collect();
        Self {
            options,
            folded,
            texts,
            grams,
            df,
            boilerplate_docs,
            fingerprints,
            postings,
            cache: matrix::PairCache::default(),
        }
    }

    /// How many exact pairs [`ReuseIndex::pair`] holds computed.
    #[must_use]
    pub fn cached_pairs(&self) -> usize {
        self.cache.len()
    }

    /// How many documents the index holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.folded.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// In how many documents the k-gram at folded position `i` of document `d` occurs.
    fn df_at(&self, d: usize, i: usize) -> u32 {
        self.grams[d]
            .get(i)
            .copied()
            .flatten()
            .and_then(|h| self.df.get(&h).copied())
            .unwrap_or(1)
    }

    /// Pairs whose estimated coverage (either side) reaches `min`, from shared fingerprints.
    /// `a < b`; ordered by `a`, then `b`.
    #[must_use]
    pub fn candidates(&self, min: f32) -> Vec<Estimate> {
        self.matrix()
            .pairs()
            .filter(|e| e.coverage_a.max(e.coverage_b) >= min)
            .collect()
    }
}

#[cfg(test)]
mod tests;
