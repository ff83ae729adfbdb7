//! The features of a leaf section for the domain model: hashed char 1–3-grams of its text
//! blocks and its jieba words (each block L2-normalised), the taxonomy's cue scores per place, and its place in
//! the structure; with what is needed to name each feature in evidence.

use crate::model::{Document, MarkerKind};

/// Hashed feature space: 2^16 buckets × classes `i8` ≈ 2 MB for the 31 domains.
pub const BUCKETS: usize = 1 << 16;
/// Where a feature comes from; renders the feature's name for evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// An n-gram of text block `block` (see [`BLOCKS`]) at char `start`, `len` chars.
    Gram { block: u8, start: u32, len: u8 },
    /// The taxonomy's cue score of category `category` in place `place` (0 heading, 1 body, 2 context).
    Cue { place: u8, category: u16 },
    /// A structure feature.
    Structure(u16),
}

/// Text blocks: (name shown in evidence, weight of the block's unit vector).
pub const BLOCKS: [(&str, f32); 7] = [
    ("heading", 1.0),
    ("opening", 0.8),
    ("body", 1.0),
    ("parent", 0.7),
    ("part", 0.6),
    ("title", 0.8),
    ("word", 1.0),
];
/// The block of jieba words: the words joined by `|`, one feature per distinct word.
const WORDS: u8 = 6;
const CUE_WEIGHT: f32 = 1.0;
const PLACES: [&str; 3] = ["heading", "body", "context"];

/// One feature occurrence: bucket, value and origin.
#[derive(Debug, Clone, Copy)]
pub struct Feat {
    pub bucket: u32,
    pub value: f32,
    pub tag: Tag,
}

/// A leaf's features and what is needed to name them.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub feats: Vec<Feat>,
    /// The blocks' chars (matching form, letters and digits only), for naming n-grams.
    pub blocks: Vec<Vec<char>>,
    /// Names of the structure features, indexed by `Tag::Structure`.
    pub structure: Vec<String>,
}

fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

fn bucket_of(tag: u8, parts: impl Iterator<Item = char>) -> u32 {
    let mut h = fnv(0xcbf2_9ce4_8422_2325, &[tag]);
    let mut buf = [0u8; 4];
    for c in parts {
        h = fnv(h, c.encode_utf8(&mut buf).as_bytes());
    }
    // Fold the high bits in: FNV's low bits alone mix poorly.
    u32::try_from((h ^ (h >> 29) ^ (h >> 47)) % BUCKETS as u64).unwrap_or(0)
}

/// Chars kept for n-grams: letters and digits of the matching form, digits made `0`.
fn gram_chars(folded: &str) -> Vec<char> {
    folded
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// What [`Features::of`] needs about a leaf beyond its section.
pub struct LeafContext<'a> {
    pub doc: &'a Document,
    pub section: usize,
    /// Index of the leaf among its document's leaves, and their number.
    pub rank: usize,
    pub leaves: usize,
    /// Cue points per (place, category index) of the model's scheme.
    pub cues: &'a [(u8, usize, f32)],
    /// The scheme's category ids (cue features are keyed by id, not index).
    pub category_ids: &'a [String],
    /// The dictionary words of the heading and body (jieba), in order.
    pub words: &'a [String],
    /// The document's top-level sections (no parent), ascending.
    pub tops: &'a [usize],
    /// The section's heading and text in matching form ([`crate::align::fold::matching_form`]),
    /// as the aligner has already folded them: not folded again per leaf.
    pub heading: &'a str,
    pub body: &'a str,
}

impl Features {
    /// Features of one leaf.
    #[must_use]
    pub fn of(cx: &LeafContext<'_>) -> Self {
        let (mut blocks, top) = text_blocks(cx);
        let mut feats = gram_features(&blocks);
        let (joined, words) = word_features(cx.words);
        blocks.push(joined);
        feats.extend(words);
        for &(place, category, points) in cx.cues {
            feats.push(Feat {
                bucket: bucket_of(
                    b'C',
                    format!("{place}:{}", cx.category_ids.get(category).map_or("", String::as_str)).chars(),
                ),
                value: CUE_WEIGHT * (1.0 + points).ln(),
                tag: Tag::Cue {
                    place,
                    category: u16::try_from(category).unwrap_or(u16::MAX),
                },
            });
        }
        let structure = structure_names(cx, top);
        for (i, name) in (0u16..).zip(&structure) {
            feats.push(Feat {
                bucket: bucket_of(b'S', name.chars()),
                value: 0.5,
                tag: Tag::Structure(i),
            });
        }
        Self {
            feats,
            blocks,
            structure,
        }
    }

    /// A feature's name as shown in evidence: `heading:医疗`, `cue body:healthcare`, `kind Article`.
    #[must_use]
    pub fn name(&self, tag: Tag, categories: &[String]) -> String {
        match tag {
            Tag::Gram { block, start, len } => {
                let chars = &self.blocks[block as usize];
                let s = start as usize;
                let gram: String = chars[s..(s + len as usize).min(chars.len())].iter().collect();
                format!("{}:{gram}", BLOCKS[block as usize].0)
            }
            Tag::Cue { place, category } => {
                let c = categories.get(category as usize).map_or("?", String::as_str);
                format!("cue {}:{c}", PLACES[place as usize % 3])
            }
            Tag::Structure(i) => self.structure[i as usize].clone(),
        }
    }
}

/// The leaf's text blocks in [`BLOCKS`] order (heading, opening, body, parent heading, the
/// top-level part's heading, document title), and the index of its top-level part.
fn text_blocks(cx: &LeafContext<'_>) -> (Vec<Vec<char>>, usize) {
    let fold = crate::align::fold::matching_form;
    let doc = cx.doc;
    let s = &doc.sections[cx.section];
    let mut parent = String::new();
    let mut part = String::new();
    let mut top = cx.section;
    if let Some(p) = s.parent {
        parent = fold(&doc.sections[p].heading);
    }
    let mut p = s.parent;
    while let Some(pi) = p {
        top = pi;
        p = doc.sections[pi].parent;
    }
    if top != cx.section {
        part = fold(&doc.sections[top].heading);
    }
    let body = gram_chars(cx.body);
    let opening: Vec<char> = body.iter().copied().take(24).collect();
    let title = doc.meta.title.as_deref().unwrap_or("");
    let blocks = vec![
        gram_chars(cx.heading),
        opening,
        body,
        gram_chars(&parent),
        gram_chars(&part),
        gram_chars(&fold(title)),
    ];
    (blocks, top)
}

/// Each block's distinct char 1–3-grams, the block's features L2-normalised and weighted.
fn gram_features(blocks: &[Vec<char>]) -> Vec<Feat> {
    let mut feats = Vec::new();
    for ((b, chars), &(_, weight)) in (0u8..).zip(blocks).zip(&BLOCKS) {
        let start = feats.len();
        let mut seen = rustc_hash::FxHashSet::default();
        for n in 1..=3u8 {
            for (i, w) in (0u32..).zip(chars.windows(usize::from(n))) {
                let bucket = bucket_of(b, w.iter().copied());
                if seen.insert((bucket, n)) {
                    feats.push(Feat {
                        bucket,
                        value: 1.0,
                        tag: Tag::Gram {
                            block: b,
                            start: i,
                            len: n,
                        },
                    });
                }
            }
        }
        let k = feats.len() - start;
        if k > 0 {
            let v = weight / (k as f32).sqrt();
            for f in &mut feats[start..] {
                f.value = v;
            }
        }
    }
    feats
}

/// The words block's chars (words joined by `|`) and one feature per distinct word,
/// L2-normalised and weighted like a text block.
fn word_features(words: &[String]) -> (Vec<char>, Vec<Feat>) {
    let mut chars = Vec::new();
    let mut feats = Vec::new();
    let mut seen = rustc_hash::FxHashSet::default();
    for w in words {
        let start = u32::try_from(chars.len()).unwrap_or(u32::MAX);
        let len = w.chars().count();
        chars.extend(w.chars());
        chars.push('|');
        if seen.insert(w.as_str()) {
            feats.push(Feat {
                bucket: bucket_of(b'W', w.chars()),
                value: 1.0,
                tag: Tag::Gram {
                    block: WORDS,
                    start,
                    len: u8::try_from(len).unwrap_or(u8::MAX),
                },
            });
        }
    }
    if !feats.is_empty() {
        let v = BLOCKS[WORDS as usize].1 / (feats.len() as f32).sqrt();
        for f in &mut feats {
            f.value = v;
        }
    }
    (chars, feats)
}

/// Names of the leaf's structure features: marker kind, level, position fifth, heading,
/// length, first/last leaf, opening article, first/middle/last part.
fn structure_names(cx: &LeafContext<'_>, top: usize) -> Vec<String> {
    let doc = cx.doc;
    let s = &doc.sections[cx.section];
    let mut structure = vec![
        format!("kind {:?}", s.kind),
        format!("level {}", s.level.min(4)),
        format!("position {}/5", (cx.rank * 5) / cx.leaves.max(1)),
        format!("heading {}", if s.heading.is_empty() { "none" } else { "yes" }),
        format!("length {}", (s.text.chars().count() + 1).ilog2().min(11)),
    ];
    if cx.rank == 0 {
        structure.push("first leaf".into());
    }
    if cx.rank + 1 == cx.leaves {
        structure.push("last leaf".into());
    }
    if s.kind == MarkerKind::Article && cx.rank < 2 {
        structure.push("opening article".into());
    }
    let tops = cx.tops;
    if top != cx.section
        && let Ok(t) = tops.binary_search(&top)
    {
        let at = if t == 0 {
            "first"
        } else if t + 1 == tops.len() {
            "last"
        } else {
            "middle"
        };
        structure.push(format!("part {at}"));
    }
    structure
}

/// The features of `f` as (bucket, value), merged per bucket.
#[must_use]
pub fn vector(f: &Features) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = f.feats.iter().map(|x| (x.bucket, x.value)).collect();
    v.sort_unstable_by_key(|x| x.0);
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(v.len());
    for (b, x) in v {
        match out.last_mut() {
            Some(last) if last.0 == b => last.1 += x,
            _ => out.push((b, x)),
        }
    }
    out
}
