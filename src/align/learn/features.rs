//! The features of a leaf section for the domain model: hashed char 1–3-grams of its text
//! blocks and its jieba words (each block L2-normalised), the taxonomy's cue scores per place, and its place in
//! the structure; with what is needed to name each feature in evidence.

use super::shared::DocBlocks;
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

/// Text blocks: (name shown in evidence, weight of the block's unit vector). The heading
/// weighs 1.5: what an item is titled says its domain more often than what its body lists
/// (chosen by leave-one-document-out, BENCHMARKS.md).
pub const BLOCKS: [(&str, f32); 7] = [
    ("heading", 1.5),
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
    bucket_of_hash(parts.fold(fnv_start(tag), fnv_char))
}

/// [`bucket_of`] of the chars whose UTF-8 bytes are `parts`, one after the other: the same
/// hash (FNV-1a runs over each char's UTF-8 encoding), without a char at a time.
fn bucket_of_bytes(tag: u8, parts: &[&[u8]]) -> u32 {
    bucket_of_hash(parts.iter().fold(fnv_start(tag), |h, p| fnv(h, p)))
}

/// [`bucket_of`] in steps: the hash of the tag, continued char by char, then made a bucket.
fn fnv_start(tag: u8) -> u64 {
    fnv(0xcbf2_9ce4_8422_2325, &[tag])
}

/// FNV-1a continued over `c`'s UTF-8 bytes, made from the code point without encoding it
/// into a buffer and looping over it (three n-grams per char of every leaf's text).
fn fnv_char(h: u64, c: char) -> u64 {
    let step = |h: u64, b: u32| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    let u = u32::from(c);
    if u < 0x80 {
        step(h, u)
    } else if u < 0x800 {
        step(step(h, 0xC0 | u >> 6), 0x80 | (u & 0x3F))
    } else if u < 0x1_0000 {
        step(
            step(step(h, 0xE0 | u >> 12), 0x80 | ((u >> 6) & 0x3F)),
            0x80 | (u & 0x3F),
        )
    } else {
        let h = step(step(h, 0xF0 | u >> 18), 0x80 | ((u >> 12) & 0x3F));
        step(step(h, 0x80 | ((u >> 6) & 0x3F)), 0x80 | (u & 0x3F))
    }
}

fn bucket_of_hash(h: u64) -> u32 {
    // Fold the high bits in: FNV's low bits alone mix poorly.
    u32::try_from((h ^ (h >> 29) ^ (h >> 47)) % BUCKETS as u64).unwrap_or(0)
}

/// Chars kept for n-grams: letters and digits of the matching form, digits made `0`.
pub(super) fn gram_chars(folded: &str) -> Vec<char> {
    folded
        .chars()
        .filter(|&c| crate::text::is_alphanumeric(c))
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
    pub words: &'a [&'a str],
    /// The document's top-level sections (no parent), ascending.
    pub tops: &'a [usize],
    /// The section's heading and text in matching form ([`crate::align::fold::matching_form`]),
    /// as the aligner has already folded them: not folded again per leaf.
    pub heading: &'a str,
    pub body: &'a str,
    /// The model's weight of each bucket's text features (inverse document frequency over
    /// the units it was trained on), or `None`: every n-gram and word weighs the same.
    pub idf: Option<&'a [f32]>,
    /// The blocks the document's leaves share (its title, their parents' and parts'
    /// headings), made once per document with the same `idf`.
    pub shared: &'a DocBlocks<'a>,
}

impl Features {
    /// Features of one leaf.
    #[must_use]
    pub fn of(cx: &LeafContext<'_>) -> Self {
        let (mut blocks, top) = text_blocks(cx);
        let mut feats = gram_features(&blocks, cx.idf);
        // The parent's, the part's and the title's blocks, as made once for the document.
        let s = &cx.doc.sections[cx.section];
        let parent = s.parent.map(|p| cx.shared.parent(p.get()));
        let part = (top != cx.section).then(|| cx.shared.part(top));
        let none = super::shared::Block::default();
        for block in [parent, part, Some(cx.shared.title())] {
            let block = block.unwrap_or(&none);
            blocks.push(block.chars.clone());
            feats.extend_from_slice(&block.feats);
        }
        let (joined, words) = word_features(cx.words, cx.idf);
        blocks.push(joined);
        feats.extend(words);
        for &(place, category, points) in cx.cues {
            // The name `{place}:{id}`, hashed in its parts (a place is one digit).
            let id = cx.category_ids.get(category).map_or("", String::as_str);
            let bucket = if place < 10 {
                bucket_of_bytes(b'C', &[&[b'0' + place], b":", id.as_bytes()])
            } else {
                bucket_of(b'C', format!("{place}:{id}").chars())
            };
            feats.push(Feat {
                bucket,
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
                bucket: bucket_of_bytes(b'S', &[name.as_bytes()]),
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

/// The leaf's own text blocks in [`BLOCKS`] order (heading, opening, body), and the index of
/// its top-level part. The parent's, the part's and the title's blocks come from
/// [`DocBlocks`].
fn text_blocks(cx: &LeafContext<'_>) -> (Vec<Vec<char>>, usize) {
    let doc = cx.doc;
    let s = &doc.sections[cx.section];
    let mut top = cx.section;
    let mut p = s.parent;
    while let Some(pi) = p {
        top = pi.get();
        p = doc.sections[pi].parent;
    }
    let body = gram_chars(cx.body);
    let opening: Vec<char> = body.iter().copied().take(24).collect();
    let mut blocks = Vec::with_capacity(BLOCKS.len());
    blocks.extend([gram_chars(cx.heading), opening, body]);
    (blocks, top)
}

/// Each block's distinct char 1–3-grams, valued by their IDF (or 1), the block's features
/// L2-normalised and weighted.
fn gram_features(blocks: &[Vec<char>], idf: Option<&[f32]>) -> Vec<Feat> {
    SEEN.with_borrow_mut(|seen| gram_features_in(blocks, idf, seen))
}

thread_local! {
    /// [`gram_features`]'s (n, bucket) bits, all clear between calls: one per thread rather
    /// than 24 KB allocated and zeroed per leaf (11,562 times for a 7 MB document).
    static SEEN: std::cell::RefCell<Vec<u64>> = std::cell::RefCell::new(vec![0; 3 * BUCKETS / 64]);
}

/// [`gram_features`] with the bits of `seen` (all clear, and left so).
fn gram_features_in(blocks: &[Vec<char>], idf: Option<&[f32]>, seen: &mut [u64]) -> Vec<Feat> {
    let mut feats = Vec::new();
    for (b, chars) in (0u8..).zip(blocks) {
        block_features_in(b, chars, idf, seen, &mut feats);
    }
    feats
}

/// The n-gram features of block `b` alone (as [`gram_features`] makes them for it).
pub(super) fn block_features(b: u8, chars: &[char], idf: Option<&[f32]>) -> Vec<Feat> {
    let mut feats = Vec::new();
    SEEN.with_borrow_mut(|seen| block_features_in(b, chars, idf, seen, &mut feats));
    feats
}

/// Block `b`'s features pushed onto `feats`, with the bits of `seen` (all clear, and left so).
fn block_features_in(b: u8, chars: &[char], idf: Option<&[f32]>, seen: &mut [u64], feats: &mut Vec<Feat>) {
    let weight = BLOCKS[usize::from(b)].1;
    // The (n, bucket) pairs seen in the block, one bit each (cleared after each block
    // through its features): a hash set of them was a third of the features' time.
    // The hash of the n-gram at each position, continued by one char for the (n+1)-gram:
    // the same hash as `bucket_of` of the n-gram, without hashing its first chars again.
    HASHES.with_borrow_mut(|hashes| {
        let start = feats.len();
        hashes.clear();
        hashes.resize(chars.len(), fnv_start(b));
        for n in 1..=3u8 {
            let grams = chars.len().saturating_sub(usize::from(n) - 1);
            for (i, h) in (0u32..).zip(&mut hashes[..grams]) {
                *h = fnv_char(*h, chars[i as usize + usize::from(n) - 1]);
                let bucket = bucket_of_hash(*h);
                let bit = usize::from(n - 1) * BUCKETS + bucket as usize;
                if seen[bit / 64] & (1 << (bit % 64)) == 0 {
                    seen[bit / 64] |= 1 << (bit % 64);
                    feats.push(Feat {
                        bucket,
                        value: idf.map_or(1.0, |t| t[bucket as usize]),
                        tag: Tag::Gram {
                            block: b,
                            start: i,
                            len: n,
                        },
                    });
                }
            }
        }
        for f in &feats[start..] {
            if let Tag::Gram { len, .. } = f.tag {
                let bit = usize::from(len - 1) * BUCKETS + f.bucket as usize;
                seen[bit / 64] &= !(1 << (bit % 64));
            }
        }
        normalise(&mut feats[start..], weight);
    });
}

thread_local! {
    /// [`block_features_in`]'s n-gram hashes, kept per thread.
    static HASHES: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Scale `feats` to Euclidean length `weight`.
fn normalise(feats: &mut [Feat], weight: f32) {
    let norm = feats.iter().map(|f| f.value * f.value).sum::<f32>().sqrt();
    if norm > 0.0 {
        for f in feats {
            f.value *= weight / norm;
        }
    }
}

/// The words block's chars (words joined by `|`) and one feature per distinct word,
/// valued, L2-normalised and weighted like a text block.
fn word_features(words: &[&str], idf: Option<&[f32]>) -> (Vec<char>, Vec<Feat>) {
    let mut chars = Vec::with_capacity(words.iter().map(|w| w.len() / 3 + 2).sum());
    let mut feats = Vec::new();
    // Sized at once: grown by rehashing, the set was a tenth of the features' time.
    let mut seen = rustc_hash::FxHashSet::with_capacity_and_hasher(words.len(), rustc_hash::FxBuildHasher);
    for w in words {
        let start = u32::try_from(chars.len()).unwrap_or(u32::MAX);
        let len = w.chars().count();
        chars.extend(w.chars());
        chars.push('|');
        if seen.insert(*w) {
            let bucket = bucket_of_bytes(b'W', &[w.as_bytes()]);
            feats.push(Feat {
                bucket,
                value: idf.map_or(1.0, |t| t[bucket as usize]),
                tag: Tag::Gram {
                    block: WORDS,
                    start,
                    len: u8::try_from(len).unwrap_or(u8::MAX),
                },
            });
        }
    }
    normalise(&mut feats, BLOCKS[WORDS as usize].1);
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
    MERGE
        .with_borrow_mut(|m| m.merge(&f.feats))
        .unwrap_or_else(|| vector_sorted(f))
}

/// [`vector`] by sorting: the sum of a bucket's values is taken in the order the sort leaves
/// them, which decides its last bits when three or more share the bucket.
fn vector_sorted(f: &Features) -> Vec<(u32, f32)> {
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

thread_local! {
    static MERGE: std::cell::RefCell<Merge> = std::cell::RefCell::new(Merge::default());
}

/// Every bucket fits in the 16 bits [`Merge`] sorts by.
const _: () = assert!(BUCKETS <= 1 << 16);

/// Merges features per bucket by a stable radix sort (two byte passes, buffers kept per
/// thread), then sums equal buckets: sorting by comparisons, or summing in a table of every
/// bucket (a cache miss per feature), cost more. Two values add up the same in either order,
/// three may not: a bucket with a third value gives up ([`vector_sorted`] decides).
#[derive(Default)]
struct Merge {
    sorted: Vec<(u32, f32)>,
    by_low: Vec<(u32, f32)>,
}

impl Merge {
    /// The merged vector, or `None` when a bucket has three or more values.
    fn merge(&mut self, feats: &[Feat]) -> Option<Vec<(u32, f32)>> {
        let mut low = [0usize; 256];
        let mut high = [0usize; 256];
        for f in feats {
            if f.bucket >= 1 << 16 {
                return None;
            }
            low[f.bucket as usize & 0xFF] += 1;
            high[(f.bucket as usize >> 8) & 0xFF] += 1;
        }
        let starts = |counts: &mut [usize; 256]| {
            let mut at = 0;
            for c in counts.iter_mut() {
                let n = *c;
                *c = at;
                at += n;
            }
        };
        starts(&mut low);
        starts(&mut high);
        self.by_low.clear();
        self.by_low.resize(feats.len(), (0, 0.0));
        for f in feats {
            let slot = &mut low[f.bucket as usize & 0xFF];
            self.by_low[*slot] = (f.bucket, f.value);
            *slot += 1;
        }
        self.sorted.clear();
        self.sorted.resize(feats.len(), (0, 0.0));
        for &(b, v) in &self.by_low {
            let slot = &mut high[(b as usize >> 8) & 0xFF];
            self.sorted[*slot] = (b, v);
            *slot += 1;
        }
        let mut out: Vec<(u32, f32)> = Vec::with_capacity(feats.len());
        let mut run = 0;
        for &(b, v) in &self.sorted {
            match out.last_mut() {
                Some(last) if last.0 == b => {
                    run += 1;
                    if run == 3 {
                        return None;
                    }
                    last.1 += v;
                }
                _ => {
                    out.push((b, v));
                    run = 1;
                }
            }
        }
        Some(out)
    }
}

/// Inverse document frequency of each bucket's text features over the units `features`
/// (`ln((1 + n) / (1 + df)) + 1`): an n-gram or word most units have (应当, 部门) weighs less in
/// its block than one that names a topic. Cue and structure features are not weighted.
#[must_use]
pub fn idf(features: &[Features]) -> Vec<f32> {
    let mut df = vec![0u32; BUCKETS];
    let mut n = 0u32;
    let mut seen = Vec::new();
    for f in features {
        n += 1;
        seen.clear();
        seen.extend(
            f.feats
                .iter()
                .filter(|x| matches!(x.tag, Tag::Gram { .. }))
                .map(|x| x.bucket),
        );
        seen.sort_unstable();
        seen.dedup();
        for &b in &seen {
            df[b as usize] += 1;
        }
    }
    let n = n as f32;
    df.into_iter()
        .map(|d| idf_value(idf_code(((1.0 + n) / (1.0 + d as f32)).ln() + 1.0)))
        .collect()
}

/// An IDF as the model file keeps it: `1 + code / 32`, so training and labelling use the
/// same values.
#[must_use]
pub fn idf_code(idf: f32) -> u8 {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "rounded and clamped to 0..=255 just before"
    )]
    let code = ((idf - 1.0) * 32.0).round().clamp(0.0, 255.0) as u8;
    code
}

/// The IDF a file's code stands for.
#[must_use]
pub fn idf_value(code: u8) -> f32 {
    1.0 + f32::from(code) / 32.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(text: &str, idf: Option<&[f32]>) -> Features {
        Features {
            feats: gram_features(&[text.chars().collect()], idf),
            ..Features::default()
        }
    }

    fn value(f: &Features, text: &str, gram: &str) -> f32 {
        let chars: Vec<char> = text.chars().collect();
        let bucket = bucket_of(0, gram.chars());
        let hit = f.feats.iter().find(|x| {
            x.bucket == bucket
                && matches!(x.tag, Tag::Gram { start, len, .. }
                    if chars[start as usize..start as usize + len as usize].iter().copied().eq(gram.chars()))
        });
        hit.map_or(0.0, |x| x.value)
    }

    #[test]
    fn a_word_every_unit_uses_weighs_less_than_the_one_naming_its_topic() {
        let units = [
            "有关部门应当加强养老服务",
            "有关部门应当推进数据共享",
            "有关部门应当发展医疗",
        ];
        let idf = idf(&units.map(|u| grams(u, None)));
        let text = units[2];
        let plain = grams(text, None);
        assert!((value(&plain, text, "应当") - value(&plain, text, "医疗")).abs() < 1e-6);
        let weighted = grams(text, Some(&idf));
        assert!(value(&weighted, text, "医疗") > 1.2 * value(&weighted, text, "应当"));
        // Still a unit vector, times the block's weight.
        let norm: f32 = weighted.feats.iter().map(|x| x.value * x.value).sum::<f32>().sqrt();
        assert!((norm - BLOCKS[0].1).abs() < 1e-4);
    }

    #[test]
    fn merged_without_sorting_as_sorted_and_given_up_at_a_third_value() {
        let feat = |bucket, value| Feat {
            bucket,
            value,
            tag: Tag::Structure(0),
        };
        let mut f = grams("有关部门应当推进数据共享，加强养老服务", None);
        f.feats.extend([feat(7, 0.1), feat(65_535, 0.3), feat(7, 0.7)]);
        let merged = MERGE.with_borrow_mut(|m| m.merge(&f.feats));
        assert_eq!(merged, Some(vector_sorted(&f)));
        f.feats.push(feat(7, 1e-3));
        assert_eq!(MERGE.with_borrow_mut(|m| m.merge(&f.feats)), None);
        // The tables are clear again: the next vector is whole.
        f.feats.pop();
        assert_eq!(vector(&f), vector_sorted(&f));
    }

    #[test]
    fn a_char_hashes_as_its_utf8_bytes() {
        for c in ['a', '0', 'é', 'ß', '医', '数', '\u{FFFF}', '𠀀', '\u{10FFFF}'] {
            let h = fnv_start(b'x');
            assert_eq!(fnv_char(h, c), fnv(h, c.encode_utf8(&mut [0u8; 4]).as_bytes()), "{c}");
        }
        assert_eq!(
            bucket_of_bytes(b'C', &[b"1", b":", "healthcare".as_bytes()]),
            bucket_of(b'C', "1:healthcare".chars())
        );
    }

    #[test]
    fn an_idf_survives_its_code_in_the_model_file() {
        for x in [1.0f32, 1.5, 3.25, 7.96875] {
            assert!((idf_value(idf_code(x)) - x).abs() < 1e-6);
        }
        assert_eq!(idf_code(20.0), 255);
    }
}
