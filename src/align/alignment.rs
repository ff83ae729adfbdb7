//! The result of an alignment: per leaf section and scheme, the label with its score and
//! evidence, the unnamed groups, the neighbours; and the views of it every consumer reads
//! (rows of the domain × document matrix, counterparts, similarity).

use serde::Serialize;

use super::features::{TfIdf, cosine};
use super::score::CueHit;
use crate::model::Document;

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

/// A leaf section: (document index, section index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Leaf {
    pub doc: usize,
    pub section: usize,
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
    pub fn leaf_index(&self, doc: usize, section: usize) -> Option<usize> {
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
            rows[r].1[l.doc].push(i);
        }
        rows
    }

    /// A parent section is not aligned itself: it is summarised by the categories of the
    /// leaves beneath it, most frequent first (ties by category order).
    #[must_use]
    pub fn summarise(&self, scheme: usize, docs: &[Document], doc: usize, section: usize) -> Vec<(usize, usize)> {
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

    /// [`Self::counterparts`] of every leaf at once: each leaf is compared only with the
    /// leaves of its own row (not all leaves), in parallel.
    #[must_use]
    pub fn all_counterparts(&self, scheme: usize) -> Vec<Vec<(usize, f32)>> {
        use rayon::prelude::*;
        let mut rows: std::collections::HashMap<Row, Vec<usize>> = std::collections::HashMap::new();
        for j in 0..self.leaves.len() {
            let row = self.row_of(scheme, j);
            if row != Row::None {
                rows.entry(row).or_default().push(j);
            }
        }
        (0..self.leaves.len())
            .into_par_iter()
            .map(|i| {
                rows.get(&self.row_of(scheme, i))
                    .map_or_else(Vec::new, |members| self.best_per_document(i, members))
            })
            .collect()
    }

    fn best_per_document(&self, leaf: usize, members: &[usize]) -> Vec<(usize, f32)> {
        let own = self.leaves[leaf].doc;
        let mut best: std::collections::HashMap<usize, (usize, f32)> = std::collections::HashMap::new();
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
