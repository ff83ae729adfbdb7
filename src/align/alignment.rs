//! The result of an alignment: per leaf section and scheme, the label with its score and
//! evidence, the unnamed groups, the neighbours; and the views of it every consumer reads
//! (rows of the domain × document matrix, counterparts, similarity).

use serde::Serialize;

use super::dense::Dense;
use super::features::{TfIdf, cosine, top_by};
use super::score::CueHit;
use crate::model::{DocIx, Document, SecIx};

/// Why a section got its label; shown in tooltips and exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// A cue term found in the section.
    Cue(CueHit),
    /// A similar section in another document, confidently in `category`.
    Neighbour {
        category: usize,
        doc: String,
        section: String,
        similarity: f32,
        points: f32,
    },
    /// The section is a preamble, which states the document's purpose.
    Preamble { category: usize, points: f32 },
    /// A feature of the learned model (`heading:医疗`, `cue body:healthcare`, `kind Article`)
    /// and what it added to the category's logit.
    Model { category: usize, what: String, points: f32 },
    /// The user moved the section here.
    Override { category: Option<usize> },
}

impl Evidence {
    #[must_use]
    pub fn category(&self) -> Option<usize> {
        match self {
            Self::Cue(h) => Some(h.category),
            Self::Neighbour { category, .. } | Self::Preamble { category, .. } | Self::Model { category, .. } => {
                Some(*category)
            }
            Self::Override { category } => *category,
        }
    }
}

/// One leaf section's label in one scheme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    /// Index into the scheme's categories; `None` below the threshold.
    pub primary: Option<usize>,
    /// The primary category's score (cue points plus neighbour points).
    pub score: f32,
    /// Other categories the section also touches, best first, with their scores.
    pub secondary: Vec<(usize, f32)>,
    /// Membership in an unnamed group of similar sections, when no category fits.
    pub group: Option<usize>,
    /// The evidence for the primary category (and for secondaries), strongest first.
    pub evidence: Vec<Evidence>,
    /// True when a user override decided the label.
    pub overridden: bool,
}

/// Sections with no category that resemble each other across documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnnamedGroup {
    /// Words the members share most, as a provisional name.
    pub label: String,
    /// Leaf indices.
    pub members: Vec<usize>,
}

/// The alignment of one scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemeAlignment {
    pub scheme: usize,
    /// Parallel to [`Alignment::leaves`].
    pub assignments: Vec<Assignment>,
    pub groups: Vec<UnnamedGroup>,
}

/// A leaf section: (document, section). Leaves are ordered by document, then section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Leaf {
    pub doc: DocIx,
    pub section: SecIx,
}

/// The result of aligning a set of documents.
#[derive(Clone)]
pub struct Alignment {
    pub leaves: Vec<Leaf>,
    pub schemes: Vec<SchemeAlignment>,
    /// Per leaf: most similar leaves in other documents, best first.
    pub neighbours: Vec<Vec<(usize, f32)>>,
    pub(super) tfidf: TfIdf,
}

/// A row of the domain × document matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Row {
    Category(usize),
    Group(usize),
    None,
}

impl Alignment {
    /// Exact cosine similarity of two leaves' TF-IDF vectors.
    #[must_use]
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        cosine(&self.tfidf.vectors[a], &self.tfidf.vectors[b])
    }

    /// The leaf index of a (document, section), if that section is a leaf.
    #[must_use]
    pub fn leaf_index(&self, doc: DocIx, section: SecIx) -> Option<usize> {
        self.leaves
            .binary_search_by(|l| (l.doc, l.section).cmp(&(doc, section)))
            .ok()
    }

    /// The row a leaf stands in, in one scheme.
    #[must_use]
    pub fn row_of(&self, scheme: usize, leaf: usize) -> Row {
        let a = &self.schemes[scheme].assignments[leaf];
        match (a.primary, a.group) {
            (Some(c), _) => Row::Category(c),
            (None, Some(g)) => Row::Group(g),
            (None, None) => Row::None,
        }
    }

    /// Rows (categories, then unnamed groups, then "no category") × documents: the leaves
    /// in each cell, in document order.
    #[must_use]
    pub fn matrix(&self, scheme: usize, n_categories: usize, n_docs: usize) -> Vec<(Row, Vec<Vec<usize>>)> {
        let groups = self.schemes[scheme].groups.len();
        let mut rows: Vec<(Row, Vec<Vec<usize>>)> = (0..n_categories)
            .map(Row::Category)
            .chain((0..groups).map(Row::Group))
            .chain(std::iter::once(Row::None))
            .map(|r| (r, vec![Vec::new(); n_docs]))
            .collect();
        for (i, l) in self.leaves.iter().enumerate() {
            let r = match self.row_of(scheme, i) {
                Row::Category(c) => c,
                Row::Group(g) => n_categories + g,
                Row::None => n_categories + groups,
            };
            rows[r].1[l.doc.get()].push(i);
        }
        rows
    }

    /// A parent section is not aligned itself: it is summarised by the categories of the
    /// leaves beneath it, most frequent first (ties by category order).
    #[must_use]
    pub fn summarise(&self, scheme: usize, docs: &[Document], doc: DocIx, section: SecIx) -> Vec<(usize, usize)> {
        let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        let mut stack = vec![section];
        while let Some(s) = stack.pop() {
            let sec = &docs[doc].sections[s];
            if sec.is_leaf() {
                if let Some(c) = self
                    .leaf_index(doc, s)
                    .and_then(|l| self.schemes[scheme].assignments[l].primary)
                {
                    *counts.entry(c).or_insert(0) += 1;
                }
            } else {
                stack.extend(sec.children.iter().copied());
            }
        }
        let mut v: Vec<(usize, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// The most similar leaf of each other document in the same row, most similar first, at
    /// most [`COUNTERPARTS`]: the counterparts shown beside a section.
    #[must_use]
    pub fn counterparts(&self, scheme: usize, leaf: usize) -> Vec<(usize, f32)> {
        let row = self.row_of(scheme, leaf);
        if row == Row::None {
            return Vec::new();
        }
        let members: Vec<usize> = (0..self.leaves.len())
            .filter(|&j| self.row_of(scheme, j) == row)
            .collect();
        self.best_per_document(leaf, &members)
    }

    /// [`Self::counterparts`] of each of `leaves`, exactly, with each row's members gathered
    /// once: one call per leaf would scan every leaf for its row's members, which is
    /// quadratic when a report lists every section of a large document.
    #[must_use]
    pub fn counterparts_of(&self, scheme: usize, leaves: &[usize]) -> Vec<Vec<(usize, f32)>> {
        use rayon::prelude::*;
        let mut rows: rustc_hash::FxHashMap<Row, Vec<usize>> = rustc_hash::FxHashMap::default();
        for j in 0..self.leaves.len() {
            let row = self.row_of(scheme, j);
            if row != Row::None {
                rows.entry(row).or_default().push(j);
            }
        }
        leaves
            .par_iter()
            .map(|&leaf| {
                rows.get(&self.row_of(scheme, leaf))
                    .map_or_else(Vec::new, |members| self.best_per_document(leaf, members))
            })
            .collect()
    }

    /// [`Self::counterparts`] of every leaf at once, without comparing every pair of a row.
    ///
    /// In a row of up to [`EXACT_ROW`] leaves they are equal to [`Self::counterparts`]: an
    /// inverted index over the row's TF-IDF terms, and per leaf a threshold (the tenth best
    /// document among a few likely candidates) below which terms are too light to lift a leaf
    /// into the top ten (max-score pruning: only leaves sharing a heavy term are scored).
    /// In a larger row (thousands of documents) they are the top ten found through the
    /// leaf's [`QUERY_TERMS`] heaviest terms, each term's postings cut to the
    /// [`POSTINGS_KEPT`] leaves where it weighs most, the [`RESCORED`] best partial scores
    /// rescored exactly: a constant cost per leaf, so the step grows linearly with the
    /// corpus; a document whose closest section shares none of those postings is missed
    /// (measured against the brute force in BENCHMARKS.md). Similarities are always the exact
    /// [`Self::similarity`].
    #[must_use]
    pub fn all_counterparts(&self, scheme: usize) -> Vec<Vec<(usize, f32)>> {
        self.all_counterparts_exact_up_to(scheme, EXACT_ROW)
    }

    /// [`Self::all_counterparts`] with rows of more than `exact_row` leaves approximated (for
    /// measuring the approximation on small corpora).
    #[must_use]
    pub fn all_counterparts_exact_up_to(&self, scheme: usize, exact_row: usize) -> Vec<Vec<(usize, f32)>> {
        use rayon::prelude::*;
        let mut rows: std::collections::HashMap<Row, Vec<usize>> = std::collections::HashMap::new();
        for j in 0..self.leaves.len() {
            let row = self.row_of(scheme, j);
            if row != Row::None {
                rows.entry(row).or_default().push(j);
            }
        }
        let index: std::collections::HashMap<Row, RowIndex> = rows
            .into_par_iter()
            .map(|(row, members)| (row, RowIndex::new(self, members, exact_row)))
            .collect();
        (0..self.leaves.len())
            .into_par_iter()
            .map_init(
                || Dense::new(self.tfidf.df.len()),
                |dense, i| {
                    index.get(&self.row_of(scheme, i)).map_or_else(Vec::new, |r| {
                        dense.load(&self.tfidf.vectors[i]);
                        let v = if r.members.len() <= exact_row {
                            self.indexed_counterparts(i, r, dense)
                        } else {
                            self.impact_counterparts(i, r, dense)
                        };
                        dense.unload(&self.tfidf.vectors[i]);
                        v
                    })
                },
            )
            .collect()
    }

    /// The approximate top ten of a leaf in a large row (see [`Self::all_counterparts`]).
    fn impact_counterparts(&self, leaf: usize, row: &RowIndex, dense: &mut Dense) -> Vec<(usize, f32)> {
        let own = self.leaves[leaf].doc;
        let mut terms: Vec<(u32, f32)> = self.tfidf.vectors[leaf].clone();
        top_by(&mut terms, QUERY_TERMS, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (t, wq) in terms {
            for &(p, wd) in row.impact.get(&t).map_or(&[][..], Vec::as_slice) {
                if row.doc_at[p as usize] != own {
                    dense.add(p, wq * wd);
                }
            }
        }
        let mut cands = dense.take_partial();
        top_by(&mut cands, RESCORED, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.sort_unstable_by_key(|c| c.0);
        let vectors: Vec<&[(u32, f32)]> = cands
            .iter()
            .map(|&(p, _)| self.tfidf.vectors[row.members[p as usize]].as_slice())
            .collect();
        let scores = dense.dots(&vectors);
        let mut best: rustc_hash::FxHashMap<DocIx, (usize, f32)> = rustc_hash::FxHashMap::default();
        for ((p, _), s) in cands.into_iter().zip(scores) {
            let j = row.members[p as usize];
            let doc = self.leaves[j].doc;
            if s > 0.0 && best.get(&doc).is_none_or(|e| s > e.1) {
                best.insert(doc, (j, s));
            }
        }
        self.top_documents(own, best, row)
    }

    /// [`Self::best_per_document`] over a row's members, through the row's index.
    fn indexed_counterparts(&self, leaf: usize, row: &RowIndex, dense: &Dense) -> Vec<(usize, f32)> {
        let own = self.leaves[leaf].doc;
        // A row of one document's leaves holds no counterpart: scoring it anyway read every
        // posting of the leaf's terms for every leaf, quadratic in a large document aligned
        // alone (a 7 MB plan spent a quarter of `align` here, to skip every candidate).
        if row.first_of_doc.iter().all(|&(doc, _)| doc == own) {
            return self.top_documents(own, rustc_hash::FxHashMap::default(), row);
        }
        let query = &self.tfidf.vectors[leaf];
        // Each term's most a shared leaf can gain from it.
        let mut bounds: Vec<(f32, u32)> = query
            .iter()
            .filter_map(|&(t, w)| row.max_weight.get(&t).map(|&m| (w * m, t)))
            .collect();
        bounds.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        // Scores positions in the row (ascending, distinct): the best leaf per other document.
        // (The positions are never of the leaf's own document: `distinct` leaves them out.)
        let best_of = |positions: &[u32]| {
            let vectors: Vec<&[(u32, f32)]> = positions
                .iter()
                .map(|&p| self.tfidf.vectors[row.members[p as usize]].as_slice())
                .collect();
            let scores = dense.dots(&vectors);
            let mut best: rustc_hash::FxHashMap<DocIx, (usize, f32)> = rustc_hash::FxHashMap::default();
            for (&p, s) in positions.iter().zip(scores) {
                let j = row.members[p as usize];
                let doc = self.leaves[j].doc;
                // Ascending leaf order: on a tie the first stays (as in best_per_document).
                if s > 0.0 && best.get(&doc).is_none_or(|e| s > e.1) {
                    best.insert(doc, (j, s));
                }
            }
            best
        };
        // Positions of a set of postings, each once, ascending.
        let mut seen = vec![false; row.members.len()];
        let mut distinct = |lists: &mut dyn Iterator<Item = u32>| {
            // The leaf's own document's leaves are never counterparts: left out here, not
            // scored and skipped.
            let mut v: Vec<u32> = lists
                .filter(|&p| row.doc_at[p as usize] != own && !std::mem::replace(&mut seen[p as usize], true))
                .collect();
            for &p in &v {
                seen[p as usize] = false;
            }
            v.sort_unstable();
            v
        };
        // A threshold from a few likely candidates: the heaviest term's leaves and the leaf's
        // nearest neighbours.
        let heaviest = bounds.last().and_then(|(_, t)| row.postings.get(t));
        #[allow(clippy::cast_possible_truncation)]
        let near = self.neighbours[leaf]
            .iter()
            .filter_map(|(j, _)| row.members.binary_search(j).ok())
            .map(|p| p as u32);
        let seeds = distinct(
            &mut heaviest
                .into_iter()
                .flat_map(|p| p.iter().take(SEED_POSTINGS).copied())
                .chain(near),
        );
        let seeded = best_of(&seeds);
        let threshold = if seeded.len() >= COUNTERPARTS {
            let mut s: Vec<f32> = seeded.values().map(|e| e.1).collect();
            s.sort_by(|a, b| b.total_cmp(a));
            s[COUNTERPARTS - 1]
        } else {
            0.0
        };
        // Terms whose bounds together stay under the threshold cannot lift a leaf that has
        // none of the heavier ones into the top ten (margin for rounding).
        let mut light = 0;
        let mut sum = 0.0f32;
        if threshold > 0.0 {
            while light < bounds.len() && (sum + bounds[light].0) * (1.0 + 1e-4) + 1e-6 < threshold {
                sum += bounds[light].0;
                light += 1;
            }
        }
        let candidates = distinct(
            &mut bounds[light..]
                .iter()
                .filter_map(|(_, t)| row.postings.get(t))
                .flat_map(|p| p.iter().copied()),
        );
        let best = best_of(&candidates);
        self.top_documents(own, best, row)
    }

    /// The best leaf per document, most similar first, at most [`COUNTERPARTS`]; fewer similar
    /// documents than that are completed by the others at 0, each by its first leaf in the row.
    fn top_documents(
        &self,
        own: DocIx,
        best: rustc_hash::FxHashMap<DocIx, (usize, f32)>,
        row: &RowIndex,
    ) -> Vec<(usize, f32)> {
        let mut v: Vec<(usize, f32)> = best.into_values().collect();
        if v.len() < COUNTERPARTS {
            let have: std::collections::HashSet<DocIx> = v.iter().map(|&(j, _)| self.leaves[j].doc).collect();
            let fill: Vec<(usize, f32)> = row
                .first_of_doc
                .iter()
                .filter(|&&(doc, _)| doc != own && !have.contains(&doc))
                .take(COUNTERPARTS - v.len())
                .map(|&(_, j)| (j, 0.0))
                .collect();
            v.extend(fill);
        }
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(COUNTERPARTS);
        v
    }

    fn best_per_document(&self, leaf: usize, members: &[usize]) -> Vec<(usize, f32)> {
        let own = self.leaves[leaf].doc;
        let mut best: rustc_hash::FxHashMap<DocIx, (usize, f32)> = rustc_hash::FxHashMap::default();
        for &j in members {
            let doc = self.leaves[j].doc;
            if doc == own {
                continue;
            }
            let s = self.similarity(leaf, j);
            let e = best.entry(doc).or_insert((j, s));
            // Members come in leaf order: on a tie the first stays.
            if s > e.1 {
                *e = (j, s);
            }
        }
        let mut v: Vec<(usize, f32)> = best.into_values().collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(COUNTERPARTS);
        v
    }
}

/// At most this many counterparts are listed per section (the most similar documents).
pub const COUNTERPARTS: usize = 10;

/// Leaves of a query's heaviest term scored to set its pruning threshold.
const SEED_POSTINGS: usize = 256;

/// A row of up to this many leaves gets the exact counterparts; a larger one the approximate
/// top ten (see [`Alignment::all_counterparts`]). 500 leaves in one domain is some 50
/// documents' worth of sections on that topic; the exact search's cost grows with the row
/// where near-copies abound.
pub const EXACT_ROW: usize = 500;
/// In a large row: the heaviest terms of a leaf looked up,
pub const QUERY_TERMS: usize = 24;
/// the leaves kept per term (those where it weighs most),
pub const POSTINGS_KEPT: usize = 128;
/// and the best partial scores rescored exactly.
pub const RESCORED: usize = 64;

/// One row's leaves by TF-IDF term, for [`Alignment::all_counterparts`].
struct RowIndex {
    /// The row's leaves, ascending.
    members: Vec<usize>,
    /// Term → the positions in `members` of the leaves that have it, ascending.
    postings: rustc_hash::FxHashMap<u32, Vec<u32>>,
    /// Term → its largest weight in the row's leaves.
    max_weight: rustc_hash::FxHashMap<u32, f32>,
    /// Per document with leaves in the row: (document, its first leaf there), ascending.
    first_of_doc: Vec<(DocIx, usize)>,
    /// The document of each member.
    doc_at: Vec<DocIx>,
    /// In a row of more than `exact_row` leaves (and then `postings` and `max_weight` are
    /// empty): term → (position, weight) of the [`POSTINGS_KEPT`] leaves where it weighs most.
    impact: rustc_hash::FxHashMap<u32, Vec<(u32, f32)>>,
}

impl RowIndex {
    fn new(alignment: &Alignment, members: Vec<usize>, exact_row: usize) -> Self {
        let mut postings: rustc_hash::FxHashMap<u32, Vec<u32>> = rustc_hash::FxHashMap::default();
        let mut max_weight: rustc_hash::FxHashMap<u32, f32> = rustc_hash::FxHashMap::default();
        let mut first_of_doc: Vec<(DocIx, usize)> = Vec::new();
        let mut impact: rustc_hash::FxHashMap<u32, Vec<(u32, f32)>> = rustc_hash::FxHashMap::default();
        let large = members.len() > exact_row;
        for (p, &j) in members.iter().enumerate() {
            let doc = alignment.leaves[j].doc;
            if first_of_doc.last().is_none_or(|&(d, _)| d != doc) {
                first_of_doc.push((doc, j));
            }
            if large {
                for &(t, w) in &alignment.tfidf.vectors[j] {
                    #[allow(clippy::cast_possible_truncation)]
                    impact.entry(t).or_default().push((p as u32, w));
                }
                continue;
            }
            for &(t, w) in &alignment.tfidf.vectors[j] {
                #[allow(clippy::cast_possible_truncation)]
                postings.entry(t).or_default().push(p as u32);
                let m = max_weight.entry(t).or_insert(w);
                *m = m.max(w);
            }
        }
        for list in impact.values_mut() {
            top_by(list, POSTINGS_KEPT, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            list.shrink_to_fit();
        }
        Self {
            doc_at: members.iter().map(|&j| alignment.leaves[j].doc).collect(),
            members,
            postings,
            max_weight,
            first_of_doc,
            impact,
        }
    }
}
