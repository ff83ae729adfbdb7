//! The text blocks the leaves of one document share — its title, and the headings of the
//! sections above them (each leaf's parent and top-level part) — with their n-gram features,
//! made once per document (lazily, from any thread) instead of once per leaf: a document of
//! 11,562 leaves has one title and 2,870 sections above them, and every leaf folded and
//! featurised three of those headings again.

use std::sync::OnceLock;

use super::features::{Feat, block_features, gram_chars};
use crate::model::Document;

/// The blocks' indices in [`super::BLOCKS`].
const PARENT: u8 = 3;
const PART: u8 = 4;
const TITLE: u8 = 5;

/// A text block's chars (as [`super::Features::blocks`] keeps them) and its n-gram features.
#[derive(Debug, Default)]
pub struct Block {
    pub chars: Vec<char>,
    pub feats: Vec<Feat>,
}

/// The shared blocks of one document, for one IDF.
pub struct DocBlocks<'a> {
    /// The matching form of every section's heading ([`crate::align::fold::matching_form`]).
    headings: &'a [String],
    title: String,
    idf: Option<&'a [f32]>,
    title_block: OnceLock<Block>,
    parent: Vec<OnceLock<Block>>,
    part: Vec<OnceLock<Block>>,
}

impl<'a> DocBlocks<'a> {
    /// `headings`: the matching form of each of `doc`'s section headings, in order.
    #[must_use]
    pub fn new(doc: &Document, headings: &'a [String], idf: Option<&'a [f32]>) -> Self {
        let n = doc.sections.len();
        Self {
            headings,
            title: crate::align::fold::matching_form(doc.meta.title.as_deref().unwrap_or("")),
            idf,
            title_block: OnceLock::new(),
            parent: (0..n).map(|_| OnceLock::new()).collect(),
            part: (0..n).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The IDF the blocks' features are weighted by.
    #[must_use]
    pub fn idf(&self) -> Option<&'a [f32]> {
        self.idf
    }

    /// Section `s`'s heading as a leaf's parent block.
    pub fn parent(&self, s: usize) -> &Block {
        self.parent[s].get_or_init(|| self.block(PARENT, &self.headings[s]))
    }

    /// Section `s`'s heading as a leaf's top-level part block.
    pub fn part(&self, s: usize) -> &Block {
        self.part[s].get_or_init(|| self.block(PART, &self.headings[s]))
    }

    /// The document's title block.
    pub fn title(&self) -> &Block {
        self.title_block.get_or_init(|| self.block(TITLE, &self.title))
    }

    fn block(&self, b: u8, folded: &str) -> Block {
        let chars = gram_chars(folded);
        let feats = block_features(b, &chars, self.idf);
        Block { chars, feats }
    }
}

/// The matching form of every section heading of `doc`, in order.
#[must_use]
pub fn folded_headings(doc: &Document) -> Vec<String> {
    use rayon::prelude::*;
    doc.sections
        .par_iter()
        .map(|s| crate::align::fold::matching_form(&s.heading))
        .collect()
}
