//! A leaf's texts made ready for matching once: folded to matching form, cut into jieba's
//! words and searched for the taxonomy's cue terms; a body that several leaves share is
//! prepared once.

use super::score::{self, Texts};
use super::{Aligner, Leaf, fold};
use crate::model::Document;

/// A leaf's texts in matching form.
pub(super) struct Prepared {
    pub(super) heading: String,
    pub(super) body: String,
    pub(super) context: String,
    /// jieba's cut of the heading and of the body (byte ranges), shared by the similarity
    /// features and the model's words.
    pub(super) cuts: [Vec<(u32, u32)>; 2],
    /// The cue terms of every scheme found in the heading, body and context (searched once,
    /// scored per scheme).
    pub(super) found: score::Found,
}

impl Aligner {
    /// A section prepared for matching, with jieba's cuts; `headings` are the matching form
    /// of the document's section headings ([`super::folded_headings`]).
    pub(super) fn prepare(&self, doc: &Document, section: usize, headings: &[String]) -> Prepared {
        let mut p = prepare(doc, section, headings);
        p.cuts = [self.segmenter.cut(&p.heading), self.segmenter.cut(&p.body)];
        p.found = self.matcher.find(&Texts {
            heading: &p.heading,
            body: &p.body,
            context: &p.context,
        });
        p
    }

    /// Every leaf prepared ([`Self::prepare`]). A body that more than one leaf has (a
    /// document loaded twice, a passage copied from another document, a template's item) is
    /// folded, cut and searched for cues once, its first leaf's work copied to the others.
    pub(super) fn prepare_leaves(&self, docs: &[Document], leaves: &[Leaf], headings: &[Vec<String>]) -> Vec<Prepared> {
        use rayon::prelude::*;
        use std::hash::BuildHasher;
        let body = |l: &Leaf| docs[l.doc].sections[l.section].text.as_str();
        let fx = rustc_hash::FxBuildHasher;
        let hashes: Vec<u64> = leaves.par_iter().map(|l| fx.hash_one(body(l))).collect();
        // Per leaf, the first leaf with the same body (itself if none before).
        let mut first: rustc_hash::FxHashMap<u64, Vec<usize>> = rustc_hash::FxHashMap::default();
        let same: Vec<usize> = (0..leaves.len())
            .map(|i| {
                let seen = first.entry(hashes[i]).or_default();
                if let Some(&j) = seen.iter().find(|&&j| body(&leaves[j]) == body(&leaves[i])) {
                    j
                } else {
                    seen.push(i);
                    i
                }
            })
            .collect();
        let mut prepared: Vec<Option<Prepared>> = leaves
            .par_iter()
            .enumerate()
            .map(|(i, l)| (same[i] == i).then(|| self.prepare(&docs[l.doc], l.section.get(), &headings[l.doc.get()])))
            .collect();
        let copies: Vec<(usize, Prepared)> = same
            .par_iter()
            .enumerate()
            .filter(|&(i, &j)| j != i)
            .filter_map(|(i, &j)| {
                let from = prepared[j].as_ref()?;
                let l = &leaves[i];
                Some((
                    i,
                    self.prepare_like(&docs[l.doc], l.section.get(), &headings[l.doc.get()], from),
                ))
            })
            .collect();
        for (i, p) in copies {
            prepared[i] = Some(p);
        }
        prepared
            .into_iter()
            .zip(leaves)
            .map(|(p, l)| p.unwrap_or_else(|| self.prepare(&docs[l.doc], l.section.get(), &headings[l.doc.get()])))
            .collect()
    }

    /// [`Self::prepare`] of a leaf whose body is `like`'s: its body's form, cut and cues are
    /// copied, its heading and context made.
    fn prepare_like(&self, doc: &Document, section: usize, headings: &[String], like: &Prepared) -> Prepared {
        let context = context_of(doc, section, headings);
        let heading = headings[section].clone();
        let found = self
            .matcher
            .find_with_body(&heading, like.found.body().to_vec(), &context);
        Prepared {
            cuts: [self.segmenter.cut(&heading), like.cuts[1].clone()],
            heading,
            body: like.body.clone(),
            context,
            found,
        }
    }
}

/// The headings above a section in matching form, nearest first, each followed by `|`.
fn context_of(doc: &Document, section: usize, headings: &[String]) -> String {
    let mut context = String::new();
    let mut p = doc.sections[section].parent;
    while let Some(pi) = p {
        context.push_str(&headings[pi.get()]);
        context.push('|');
        p = doc.sections[pi].parent;
    }
    context
}

/// A section's texts in matching form; the context is the headings above it, nearest first.
/// `headings`: the matching form of every section heading of `doc`.
fn prepare(doc: &Document, section: usize, headings: &[String]) -> Prepared {
    let s = &doc.sections[section];
    let context = context_of(doc, section, headings);
    Prepared {
        heading: headings[section].clone(),
        body: fold::matching_form(&s.text),
        context,
        cuts: [Vec::new(), Vec::new()],
        found: score::Found::default(),
    }
}
