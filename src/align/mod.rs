//! Aligning sections across documents by policy domain (and by any other scheme of the
//! taxonomy): cue scores first, then cross-document refinement by TF-IDF similarity, which
//! settles ambiguous sections by their closest counterparts in other documents and groups
//! sections that no cue covers ("similar sections, no domain").
//!
//! Everything is deterministic: inputs in the same order give the same output.

pub mod features;
pub mod fold;
pub mod overrides;
pub mod report;
pub mod score;
pub mod taxonomy;

use serde::Serialize;

use crate::model::{Document, MarkerKind};
use features::{Segmenter, TfIdf, cosine};
use score::{CueHit, CueMatcher, Texts};
pub use taxonomy::{Category, Scheme, Taxonomy, TaxonomyError};

/// A section is settled by its cues alone when its best score leads the runner-up by this
/// share of the best score; otherwise its neighbours in other documents are consulted.
pub const CONFIDENT_MARGIN: f32 = 0.25;
/// Neighbours consulted per section, and the least similarity that counts.
pub const NEIGHBOURS: usize = 6;
pub const MIN_NEIGHBOUR_SIM: f32 = 0.12;
/// A confident neighbour at similarity `s` adds `s × NEIGHBOUR_WEIGHT × threshold` points.
pub const NEIGHBOUR_WEIGHT: f32 = 2.0;
/// Sections without a category join an unnamed group when at least this similar.
pub const GROUP_SIM: f32 = 0.25;
/// A preamble's bonus for the scheme's preamble category, in thresholds, on top of its
/// strongest topical score.
pub const PREAMBLE_WEIGHT: f32 = 2.0;
/// Secondary categories score at least this share of the primary's score.
pub const SECONDARY_SHARE: f32 = 0.4;

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
    /// The user moved the section here.
    Override { category: Option<usize> },
}

impl Evidence {
    #[must_use]
    pub fn category(&self) -> Option<usize> {
        match self {
            Self::Cue(h) => Some(h.category),
            Self::Neighbour { category, .. } | Self::Preamble { category, .. } => Some(*category),
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
pub struct Alignment {
    pub leaves: Vec<Leaf>,
    pub schemes: Vec<SchemeAlignment>,
    /// Per leaf: most similar leaves in other documents, best first.
    pub neighbours: Vec<Vec<(usize, f32)>>,
    tfidf: TfIdf,
}

/// A leaf's texts in matching form.
struct Prepared {
    heading: String,
    body: String,
    context: String,
}

/// Holds what is expensive to build once: the taxonomy, its cue automaton and the segmenter.
pub struct Aligner {
    pub taxonomy: Taxonomy,
    matcher: CueMatcher,
    segmenter: Segmenter,
}

impl Aligner {
    /// Build an aligner (loads jieba's dictionary: about 0.1 s — do it off the UI thread).
    #[must_use]
    pub fn new(taxonomy: Taxonomy) -> Self {
        let matcher = CueMatcher::new(&taxonomy);
        let segmenter = Segmenter::new(taxonomy.all_terms());
        Self {
            taxonomy,
            matcher,
            segmenter,
        }
    }

    /// Similarity features of a leaf: its heading counts twice.
    fn features_of(&self, p: &Prepared) -> Vec<String> {
        let mut f = self.segmenter.features(&p.heading);
        f.extend(self.segmenter.features(&p.heading));
        f.extend(self.segmenter.features(&p.body));
        f
    }

    /// Align every leaf section of `docs` in every scheme.
    #[must_use]
    pub fn align(&self, docs: &[Document]) -> Alignment {
        use rayon::prelude::*;
        let leaves: Vec<Leaf> = docs
            .iter()
            .enumerate()
            .flat_map(|(d, doc)| doc.leaves().map(move |(s, _)| Leaf { doc: d, section: s }))
            .collect();
        let prepared: Vec<Prepared> = leaves
            .par_iter()
            .map(|l| {
                let doc = &docs[l.doc];
                let s = &doc.sections[l.section];
                let mut context = String::new();
                let mut p = s.parent;
                while let Some(pi) = p {
                    context.push_str(&fold::matching_form(&doc.sections[pi].heading));
                    context.push('|');
                    p = doc.sections[pi].parent;
                }
                Prepared {
                    heading: fold::matching_form(&s.heading),
                    body: fold::matching_form(&s.text),
                    context,
                }
            })
            .collect();
        // Features are hashed as they are made: a corpus of thousands of documents has tens of
        // millions of them, too many to keep as strings.
        let hashed: Vec<Vec<u64>> = prepared
            .par_iter()
            .map(|p| self.features_of(p).iter().map(|f| features::hash(f)).collect())
            .collect();
        let tfidf = TfIdf::build(&hashed);
        drop(hashed);
        let owner: Vec<usize> = leaves.iter().map(|l| l.doc).collect();
        let neighbours = features::neighbours(&tfidf, &owner, NEIGHBOURS, MIN_NEIGHBOUR_SIM);

        let schemes = self
            .taxonomy
            .schemes
            .iter()
            .enumerate()
            .map(|(si, scheme)| {
                let cue_phase: Vec<(Vec<f32>, Vec<Evidence>)> = leaves
                    .par_iter()
                    .zip(prepared.par_iter())
                    .map(|(l, p)| {
                        let texts = Texts {
                            heading: &p.heading,
                            body: &p.body,
                            context: &p.context,
                        };
                        let (mut scores, hits) =
                            self.matcher
                                .score(si, scheme.heading_weight, scheme.categories.len(), &texts);
                        let mut evidence: Vec<Evidence> = hits.into_iter().map(Evidence::Cue).collect();
                        if let Some(c) = scheme
                            .preamble
                            .filter(|_| docs[l.doc].sections[l.section].kind == MarkerKind::Preamble)
                        {
                            // A preamble speaks for the whole document: its role outweighs
                            // its topic, which stays visible among the secondaries.
                            let topic = scores.iter().copied().fold(0.0f32, f32::max);
                            let points = PREAMBLE_WEIGHT * scheme.threshold + topic;
                            scores[c] += points;
                            evidence.push(Evidence::Preamble { category: c, points });
                        }
                        (scores, evidence)
                    })
                    .collect();
                let confident: Vec<Option<usize>> = cue_phase
                    .iter()
                    .map(|(s, _)| confident_best(s, scheme.threshold))
                    .collect();
                let mut assignments: Vec<Assignment> = cue_phase
                    .into_iter()
                    .enumerate()
                    .map(|(i, (mut scores, mut evidence))| {
                        if confident[i].is_none() {
                            for &(n, sim) in &neighbours[i] {
                                if let Some(c) = confident[n] {
                                    let points = sim * NEIGHBOUR_WEIGHT * scheme.threshold;
                                    scores[c] += points;
                                    let nl = leaves[n];
                                    evidence.push(Evidence::Neighbour {
                                        category: c,
                                        doc: docs[nl.doc].id.clone(),
                                        section: docs[nl.doc].sections[nl.section].id.clone(),
                                        similarity: sim,
                                        points,
                                    });
                                }
                            }
                        }
                        decide(&scores, evidence, scheme.threshold)
                    })
                    .collect();
                let groups = unnamed_groups(
                    &mut assignments,
                    &leaves,
                    &neighbours,
                    &|i| self.features_of(&prepared[i]),
                    &tfidf,
                );
                SchemeAlignment {
                    scheme: si,
                    assignments,
                    groups,
                }
            })
            .collect();
        Alignment {
            leaves,
            schemes,
            neighbours,
            tfidf,
        }
    }
}

/// The best category if it passes the threshold and leads clearly.
fn confident_best(scores: &[f32], threshold: f32) -> Option<usize> {
    let (best, top) = argmax(scores)?;
    let second = scores
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, s)| *s)
        .fold(0.0f32, f32::max);
    (top >= threshold && (top - second) >= CONFIDENT_MARGIN * top).then_some(best)
}

/// Highest score, lowest index on ties; `None` when every score is zero.
fn argmax(scores: &[f32]) -> Option<(usize, f32)> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best
}

fn decide(scores: &[f32], mut evidence: Vec<Evidence>, threshold: f32) -> Assignment {
    let best = argmax(scores).filter(|(_, s)| *s >= threshold);
    let top = best.map_or(0.0, |(_, s)| s);
    let mut secondary: Vec<(usize, f32)> = scores
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            Some(*i) != best.map(|b| b.0) && **s >= (SECONDARY_SHARE * top).max(threshold * 0.5) && **s > 0.0
        })
        .map(|(i, s)| (i, *s))
        .collect();
    secondary.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    secondary.truncate(2);
    let points = |e: &Evidence| match e {
        Evidence::Cue(h) => h.points,
        Evidence::Neighbour { points, .. } | Evidence::Preamble { points, .. } => *points,
        Evidence::Override { .. } => f32::MAX,
    };
    let rank = |e: &Evidence| {
        let c = e.category();
        if c.is_some() && c == best.map(|b| b.0) { 0 } else { 1 }
    };
    evidence.sort_by(|a, b| rank(a).cmp(&rank(b)).then(points(b).total_cmp(&points(a))));
    Assignment {
        primary: best.map(|b| b.0),
        score: top,
        secondary,
        group: None,
        evidence,
        overridden: false,
    }
}

/// Link uncategorised leaves of different documents that are similar enough; every
/// connected set spanning two or more documents becomes a group.
fn unnamed_groups(
    assignments: &mut [Assignment],
    leaves: &[Leaf],
    neighbours: &[Vec<(usize, f32)>],
    features: &dyn Fn(usize) -> Vec<String>,
    tfidf: &TfIdf,
) -> Vec<UnnamedGroup> {
    let n = assignments.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (i, near) in neighbours.iter().enumerate().take(n) {
        if assignments[i].primary.is_some() {
            continue;
        }
        for &(j, sim) in near {
            if sim >= GROUP_SIM && assignments[j].primary.is_none() {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, a) in assignments.iter().enumerate() {
        if a.primary.is_none() {
            let r = find(&mut parent, i);
            members.entry(r).or_default().push(i);
        }
    }
    let mut groups = Vec::new();
    for (_, m) in members {
        let docs: std::collections::BTreeSet<usize> = m.iter().map(|&i| leaves[i].doc).collect();
        if docs.len() < 2 {
            continue;
        }
        let gi = groups.len();
        for &i in &m {
            assignments[i].group = Some(gi);
        }
        groups.push(UnnamedGroup {
            label: shared_words(&m, features, tfidf),
            members: m,
        });
    }
    groups
}

/// A provisional name: the words (not bigrams) shared by two or more members, weighted by
/// how many members have them and how rare they are in the whole set.
fn shared_words(members: &[usize], features: &dyn Fn(usize) -> Vec<String>, tfidf: &TfIdf) -> String {
    // word → (members having it, occurrences in all members)
    let mut count: std::collections::BTreeMap<String, (usize, usize)> = std::collections::BTreeMap::new();
    for &m in members {
        let mut seen = std::collections::BTreeSet::new();
        for w in features(m)
            .into_iter()
            .filter(|w| !w.starts_with('\u{B2}') && w.chars().count() >= 2)
        {
            if seen.insert(w.clone()) {
                count.entry(w.clone()).or_insert((0, 0)).0 += 1;
            }
            count.entry(w).or_insert((0, 0)).1 += 1;
        }
    }
    let mut words: Vec<(&str, f32)> = count
        .iter()
        .filter(|(_, (m, _))| *m >= 2)
        .map(|(w, (_, n))| (w.as_str(), *n as f32 * tfidf.idf(w)))
        .collect();
    words.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(b.0.chars().count().cmp(&a.0.chars().count()))
            .then(a.0.cmp(b.0))
    });
    words.iter().take(3).map(|(w, _)| *w).collect::<Vec<_>>().join("·")
}

/// A row of the domain × document matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

    /// The most similar leaf of every other document in the same row: the counterparts
    /// shown beside a section.
    #[must_use]
    pub fn counterparts(&self, scheme: usize, leaf: usize) -> Vec<(usize, f32)> {
        let row = self.row_of(scheme, leaf);
        let mut best: std::collections::BTreeMap<usize, (usize, f32)> = std::collections::BTreeMap::new();
        for (j, l) in self.leaves.iter().enumerate() {
            if l.doc == self.leaves[leaf].doc || self.row_of(scheme, j) != row || row == Row::None {
                continue;
            }
            let s = self.similarity(leaf, j);
            let e = best.entry(l.doc).or_insert((j, s));
            if s > e.1 {
                *e = (j, s);
            }
        }
        best.into_values().collect()
    }
}

#[cfg(test)]
mod tests;
