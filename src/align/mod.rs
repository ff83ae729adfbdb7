//! Aligning sections across documents by policy domain (and by any other scheme of the
//! taxonomy): cue scores first, then cross-document refinement by TF-IDF similarity, which
//! settles ambiguous sections by their closest counterparts in other documents and groups
//! sections that no cue covers ("similar sections, no domain").
//!
//! Everything is deterministic: inputs in the same order give the same output.

mod alignment;
mod decide;
mod dense;
pub mod features;
pub mod fold;
pub mod gold;
mod groups;
pub mod learn;
pub mod overrides;
mod prepare;
mod refit;
pub mod report;
pub mod score;
pub mod segment;
pub mod taxonomy;

use std::sync::{Arc, LazyLock};

use crate::model::{DocIx, Document, MarkerKind};
pub use alignment::{Alignment, Assignment, Evidence, Leaf, Row, SchemeAlignment, UnnamedGroup};
use decide::{agree_with_neighbours, confident_best, cue_assignments};
use features::TfIdf;
use groups::unnamed_groups;
use learn::{DocBlocks, Features, LeafContext, LinearModel, folded_headings};
use prepare::Prepared;
pub use refit::Refit;
use score::CueMatcher;
use segment::Segmenter;
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

/// The model trained on the gold (`duizhao train`, see ARCHITECTURE.md), read once per
/// process on first use; `None` if the embedded file were unreadable (cues are used then).
static BUILTIN_MODEL: LazyLock<Option<Arc<LinearModel>>> = LazyLock::new(|| {
    LinearModel::from_bytes(include_bytes!("../../assets/model/domain.dzm"))
        .ok()
        .map(Arc::new)
});

/// A model and the scheme of the taxonomy it labels.
#[derive(Clone)]
struct Fitted {
    model: Arc<LinearModel>,
    scheme: usize,
    /// Per model class: the scheme's category index.
    category_of: Vec<usize>,
}

impl Fitted {
    /// The model fits a taxonomy when it has its scheme and every label is one of its ids.
    fn new(model: Arc<LinearModel>, taxonomy: &Taxonomy) -> Option<Self> {
        let scheme = taxonomy.schemes.iter().position(|s| s.id == model.scheme)?;
        let category_of = model
            .labels
            .iter()
            .map(|l| taxonomy.schemes[scheme].category_index(l))
            .collect::<Option<Vec<usize>>>()?;
        Some(Self {
            model,
            scheme,
            category_of,
        })
    }
}

/// Holds what is expensive to build once: the taxonomy, its cue automaton, the segmenter and
/// the learned model when it fits the taxonomy.
pub struct Aligner {
    pub taxonomy: Taxonomy,
    matcher: CueMatcher,
    segmenter: Segmenter,
    fitted: Option<Fitted>,
}

impl Aligner {
    /// Build an aligner (the cue automaton, and the taxonomy's words added to the segmenter:
    /// a few milliseconds).
    /// The built-in model labels the domain scheme when the taxonomy has the same category
    /// ids; a taxonomy of the user's own falls back to its cue terms.
    #[must_use]
    pub fn new(taxonomy: Taxonomy) -> Self {
        let model = BUILTIN_MODEL.clone();
        Self::build(taxonomy, model)
    }

    /// An aligner with this model (or with cues only, for `None`).
    #[must_use]
    pub fn with_model(taxonomy: Taxonomy, model: Option<LinearModel>) -> Self {
        Self::build(taxonomy, model.map(Arc::new))
    }

    fn build(taxonomy: Taxonomy, model: Option<Arc<LinearModel>>) -> Self {
        let matcher = CueMatcher::new(&taxonomy);
        let segmenter = Segmenter::new(taxonomy.all_terms());
        let fitted = model.and_then(|m| Fitted::new(m, &taxonomy));
        Self {
            taxonomy,
            matcher,
            segmenter,
            fitted,
        }
    }

    /// The learned model in use, if it fits the taxonomy.
    #[must_use]
    pub fn model(&self) -> Option<&LinearModel> {
        self.fitted.as_ref().map(|f| f.model.as_ref())
    }

    /// Use `model` from now on (`None`: cues only); returns the one replaced. A model that
    /// does not fit the taxonomy is not used.
    pub fn set_model(&mut self, model: Option<LinearModel>) -> Option<LinearModel> {
        let previous = self.fitted.take().map(|f| f.model.as_ref().clone());
        self.fitted = model.and_then(|m| Fitted::new(Arc::new(m), &self.taxonomy));
        previous
    }

    /// The scheme the model labels, else the `domain` scheme, else the first.
    fn model_scheme(&self) -> usize {
        self.fitted.as_ref().map_or_else(
            || self.taxonomy.schemes.iter().position(|s| s.id == "domain").unwrap_or(0),
            |f| f.scheme,
        )
    }

    /// Model features of sections (any section, leaf or not) given as (document, section),
    /// weighted by the model's IDF if it has one.
    #[must_use]
    pub fn section_features(&self, docs: &[Document], at: &[(usize, usize)]) -> Vec<Features> {
        let idf = self.fitted.as_ref().and_then(|f| f.model.idf.as_deref());
        self.section_features_idf(docs, at, idf)
    }

    /// [`Self::section_features`] with the text features weighted by `idf` (one weight per
    /// bucket, see [`learn::idf`]) or not at all: the features a model is trained on.
    #[must_use]
    pub fn section_features_idf(&self, docs: &[Document], at: &[(usize, usize)], idf: Option<&[f32]>) -> Vec<Features> {
        use rayon::prelude::*;
        let headings: Vec<Vec<String>> = docs.iter().map(folded_headings).collect();
        let shared: Vec<DocBlocks<'_>> = docs
            .iter()
            .zip(&headings)
            .map(|(doc, h)| DocBlocks::new(doc, h, idf))
            .collect();
        at.par_iter()
            .map(|&(d, s)| {
                let doc = &docs[d];
                let place = Place {
                    rank: doc.leaves().take_while(|(i, _)| i.get() < s).count(),
                    leaves: doc.leaves().count(),
                };
                let p = self.prepare(doc, s, &headings[d]);
                self.features_prepared(doc, s, &p, (place, &top_sections(doc)), &shared[d])
            })
            .collect()
    }

    /// Model features of one section already prepared.
    fn features_prepared(
        &self,
        doc: &Document,
        s: usize,
        p: &Prepared,
        at: (Place, &[usize]),
        shared: &DocBlocks<'_>,
    ) -> Features {
        let si = self.model_scheme();
        let Some(scheme) = self.taxonomy.schemes.get(si) else {
            return Features::default();
        };
        let (_, hits) = self
            .matcher
            .score_found(si, scheme.heading_weight, scheme.categories.len(), &p.found);
        Self::features_with_hits(doc, s, p, at, &category_ids(scheme), &hits, shared)
    }

    /// [`Self::features_prepared`] given the cue hits of the model's scheme on `p` (the
    /// aligner has them from its cue phase: not matched a second time per leaf) and the
    /// scheme's [`category_ids`]; the text features weighted by `shared`'s IDF.
    fn features_with_hits<'h>(
        doc: &Document,
        s: usize,
        p: &Prepared,
        (place, tops): (Place, &[usize]),
        ids: &[String],
        hits: impl IntoIterator<Item = &'h score::CueHit>,
        shared: &DocBlocks<'_>,
    ) -> Features {
        let Place { rank, leaves } = place;
        let mut cues: Vec<(u8, usize, f32)> = Vec::new();
        for h in hits {
            let place = h.place as u8;
            match cues.iter_mut().find(|c| c.0 == place && c.1 == h.category) {
                Some(c) => c.2 += h.points,
                None => cues.push((place, h.category, h.points)),
            }
        }
        let mut words = Vec::new();
        features::words_of(&p.heading, &p.cuts[0], &mut words);
        features::words_of(&p.body, &p.cuts[1], &mut words);
        Features::of(&LeafContext {
            words: &words,
            doc,
            section: s,
            rank,
            leaves,
            cues: &cues,
            category_ids: ids,
            tops,
            heading: &p.heading,
            body: &p.body,
            idf: shared.idf(),
            shared,
        })
    }

    /// The model's assignment of one leaf, with the strongest features as evidence and the
    /// cue hits after them; and the category the model ranks first (also when it is below
    /// the threshold and the leaf gets none). `ids` are the scheme's [`category_ids`].
    fn model_assignment(fitted: &Fitted, f: &Features, ids: &[String], cues: Vec<Evidence>) -> (Assignment, usize) {
        let model = &fitted.model;
        let p = model.probabilities(&learn::vector(f));
        let mut order: Vec<usize> = (0..p.len()).collect();
        order.sort_by(|a, b| p[*b].total_cmp(&p[*a]).then(a.cmp(b)));
        let best = order[0];
        let top = p[best];
        // One threshold whether or not a cue of the taxonomy touches the section: a stricter
        // one for cue-less sections (0.5) left 89 of 588 units of unseen documents without a
        // domain, and those it gave up were as often right as the rest (BENCHMARKS.md).
        let primary = (top >= learn::NONE_BELOW).then(|| fitted.category_of[best]);
        let secondary = order[1..]
            .iter()
            .filter(|&&c| p[c] >= (SECONDARY_SHARE * top).max(learn::NONE_BELOW / 2.0))
            .take(2)
            .map(|&c| (fitted.category_of[c], p[c]))
            .collect();
        let mut evidence: Vec<Evidence> = model
            .explain(f, best, ids, 6)
            .into_iter()
            .map(|(what, points)| Evidence::Model {
                category: fitted.category_of[best],
                what,
                points,
            })
            .collect();
        evidence.extend(cues);
        let assignment = Assignment {
            primary,
            score: top,
            secondary,
            group: None,
            evidence,
            overridden: false,
        };
        (assignment, fitted.category_of[best])
    }

    /// Similarity features of a leaf: its heading counts twice.
    fn features_of(p: &Prepared) -> Vec<String> {
        let mut f = features::features_of_cut(&p.heading, &p.cuts[0]);
        f.extend(features::features_of_cut(&p.heading, &p.cuts[0]));
        f.extend(features::features_of_cut(&p.body, &p.cuts[1]));
        f
    }

    /// A leaf's cue scores in scheme `si` with their evidence; a preamble gets the scheme's
    /// preamble category on top.
    fn cue_phase(&self, si: usize, scheme: &Scheme, p: &Prepared, preamble: bool) -> (Vec<f32>, Vec<Evidence>) {
        let (mut scores, hits) = self
            .matcher
            .score_found(si, scheme.heading_weight, scheme.categories.len(), &p.found);
        let mut evidence: Vec<Evidence> = hits.into_iter().map(Evidence::Cue).collect();
        if let Some(c) = scheme.preamble.filter(|_| preamble) {
            // A preamble speaks for the whole document: its role outweighs its topic, which
            // stays visible among the secondaries.
            let topic = scores.iter().copied().fold(0.0f32, f32::max);
            let points = PREAMBLE_WEIGHT * scheme.threshold + topic;
            scores[c] += points;
            evidence.push(Evidence::Preamble { category: c, points });
        }
        (scores, evidence)
    }

    /// Align every leaf section of `docs` in every scheme.
    ///
    /// The TF-IDF vectors and neighbours (whose vocabulary is built in one pass, in order)
    /// are made while the schemes' cue scores and the model label the leaves, which need no
    /// neighbour: on two cores the one pass no longer leaves the other core idle. Then each
    /// scheme's neighbour-dependent steps run as before, so the result is the same.
    #[must_use]
    pub fn align(&self, docs: &[Document]) -> Alignment {
        use rayon::prelude::*;
        let leaves: Vec<Leaf> = docs
            .iter()
            .enumerate()
            .flat_map(|(d, doc)| {
                doc.leaves().map(move |(s, _)| Leaf {
                    doc: DocIx(d),
                    section: s,
                })
            })
            .collect();
        // Every heading folded once: a leaf's context, parent and part are headings above it.
        let headings: Vec<Vec<String>> = docs.par_iter().map(folded_headings).collect();
        let prepared = self.prepare_leaves(docs, &leaves, &headings);
        let ((tfidf, neighbours), labelled) = rayon::join(
            || similarity(&prepared, &leaves),
            || {
                (0..self.taxonomy.schemes.len())
                    .map(|si| self.label(si, docs, &leaves, &prepared, &headings))
                    .collect::<Vec<_>>()
            },
        );
        let schemes = labelled
            .into_iter()
            .enumerate()
            .map(|(si, labels)| {
                let scheme = &self.taxonomy.schemes[si];
                let mut assignments = match labels {
                    Labels::Model(mut assignments, best) => {
                        agree_with_neighbours(&mut assignments, &best, &neighbours, &leaves, docs);
                        assignments
                    }
                    Labels::Cues(cue_phase, confident) => {
                        cue_assignments(scheme.threshold, cue_phase, &confident, &neighbours, &leaves, docs)
                    }
                };
                let groups = unnamed_groups(
                    &mut assignments,
                    &leaves,
                    &neighbours,
                    &|i| Self::features_of(&prepared[i]),
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

    /// Scheme `si`'s labels before any neighbour is consulted: the model's assignments (and
    /// the category it ranks first) for the model's scheme, else the cue scores.
    fn label(
        &self,
        si: usize,
        docs: &[Document],
        leaves: &[Leaf],
        prepared: &[Prepared],
        headings: &[Vec<String>],
    ) -> Labels {
        use rayon::prelude::*;
        let scheme = &self.taxonomy.schemes[si];
        let cue_phase: Vec<(Vec<f32>, Vec<Evidence>)> = leaves
            .par_iter()
            .zip(prepared.par_iter())
            .map(|(l, p)| {
                let preamble = docs[l.doc].sections[l.section].kind == MarkerKind::Preamble;
                self.cue_phase(si, scheme, p, preamble)
            })
            .collect();
        let Some(fitted) = self.fitted.as_ref().filter(|f| f.scheme == si) else {
            let confident = cue_phase
                .iter()
                .map(|(s, _)| confident_best(s, scheme.threshold))
                .collect();
            return Labels::Cues(cue_phase, confident);
        };
        // Each leaf's model features are made, used and dropped here: all of them at once
        // would take a gigabyte for 1,000 documents.
        let places = places(docs, leaves);
        let tops: Vec<Vec<usize>> = docs.iter().map(top_sections).collect();
        // Made once here, not twice per leaf (11,562 leaves × 31 strings in a 7 MB document).
        let ids = category_ids(scheme);
        let idf = fitted.model.idf.as_deref();
        let shared: Vec<DocBlocks<'_>> = docs
            .iter()
            .zip(headings)
            .map(|(doc, h)| DocBlocks::new(doc, h, idf))
            .collect();
        let (assignments, best) = cue_phase
            .into_par_iter()
            .zip(leaves.par_iter().zip(prepared.par_iter()).zip(places.into_par_iter()))
            .map(|((_, evidence), ((l, p), place))| {
                // The model's scheme is this one (`fitted.scheme == si`): its cue hits are the
                // cue phase's.
                let hits = evidence.iter().filter_map(|e| match e {
                    Evidence::Cue(h) => Some(h),
                    _ => None,
                });
                let f = Self::features_with_hits(
                    &docs[l.doc],
                    l.section.get(),
                    p,
                    (place, &tops[l.doc.get()]),
                    &ids,
                    hits,
                    &shared[l.doc.get()],
                );
                let cues = evidence.into_iter().filter(|e| matches!(e, Evidence::Cue(_))).collect();
                Self::model_assignment(fitted, &f, &ids, cues)
            })
            .unzip();
        Labels::Model(assignments, best)
    }
}

/// A scheme's labels before the neighbours are consulted ([`Aligner::label`]).
enum Labels {
    /// The model's assignments and the category it ranks first, per leaf.
    Model(Vec<Assignment>, Vec<usize>),
    /// Cue scores with evidence, and the category each settles confidently.
    Cues(Vec<(Vec<f32>, Vec<Evidence>)>, Vec<Option<usize>>),
}

/// The leaves' TF-IDF vectors and their nearest neighbours in other documents.
fn similarity(prepared: &[Prepared], leaves: &[Leaf]) -> (TfIdf, Vec<Vec<(usize, f32)>>) {
    use rayon::prelude::*;
    // Features are hashed as they are made and counted per section, in a buffer each worker
    // reuses: a corpus of thousands of documents has tens of millions of them, too many to
    // keep as strings or even as one hash each.
    let counted: Vec<features::Counted> = prepared
        .par_iter()
        .map_init(
            || (Vec::new(), features::Counter::default()),
            |(h, counter), p| {
                h.clear();
                features::hashed_features_of_cut(&p.heading, &p.cuts[0], h);
                let heading = h.len();
                h.extend_from_within(..heading);
                features::hashed_features_of_cut(&p.body, &p.cuts[1], h);
                counter.count(h)
            },
        )
        .collect();
    let tfidf = TfIdf::from_counted(counted);
    let owner: Vec<usize> = leaves.iter().map(|l| l.doc.get()).collect();
    let neighbours = features::neighbours(&tfidf, &owner, NEIGHBOURS, MIN_NEIGHBOUR_SIM);
    (tfidf, neighbours)
}

/// A leaf's place among its document's leaves, for the model's structure features.
#[derive(Clone, Copy)]
struct Place {
    rank: usize,
    leaves: usize,
}

/// The ids of a scheme's categories, by index: what cue features and evidence are named by.
fn category_ids(scheme: &Scheme) -> Vec<String> {
    scheme.categories.iter().map(|c| c.id.clone()).collect()
}

/// A document's top-level sections, ascending.
fn top_sections(doc: &Document) -> Vec<usize> {
    (0..doc.sections.len())
        .filter(|&i| doc.sections[i].parent.is_none())
        .collect()
}

/// The [`Place`] of every leaf (leaves in document order, as [`Aligner::align`] lists them).
fn places(docs: &[Document], leaves: &[Leaf]) -> Vec<Place> {
    let mut counts = vec![0usize; docs.len()];
    for l in leaves {
        counts[l.doc.get()] += 1;
    }
    let mut seen = vec![0usize; docs.len()];
    leaves
        .iter()
        .map(|l| {
            let rank = seen[l.doc.get()];
            seen[l.doc.get()] += 1;
            Place {
                rank,
                leaves: counts[l.doc.get()],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
