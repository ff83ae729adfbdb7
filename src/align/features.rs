//! Section text → sparse TF-IDF vectors (jieba's words + character bigrams), cosine similarity,
//! and nearest neighbours across documents through an inverted index.

use rustc_hash::FxHashMap;

use crate::text::is_han;

fn words_of_cut<'a>(folded: &'a str, cut: &'a [(u32, u32)]) -> impl Iterator<Item = &'a str> {
    cut.iter().filter_map(|&(a, b)| folded.get(a as usize..b as usize))
}

/// Features of a text already in matching form and its cut ([`super::segment::Segmenter::cut`]):
/// words of two or more chars (and Latin or digit words) plus every bigram of consecutive Han
/// characters, so that wordings no dictionary knows still share features.
#[must_use]
pub fn features_of_cut(folded: &str, cut: &[(u32, u32)]) -> Vec<String> {
    let mut out = Vec::new();
    for w in words_of_cut(folded, cut) {
        let n = w.chars().count();
        if n >= 2 && w.chars().any(|c| is_han(c) || c.is_ascii_alphanumeric()) {
            out.push(w.to_owned());
        }
    }
    let chars: Vec<char> = folded.chars().collect();
    for pair in chars.windows(2) {
        if is_han(pair[0]) && is_han(pair[1]) {
            let mut b = String::with_capacity(7);
            b.push('\u{B2}');
            b.push(pair[0]);
            b.push(pair[1]);
            out.push(b);
        }
    }
    out
}

/// [`features_of_cut`]'s features, hashed as [`hash`] hashes them, pushed onto `out` without
/// making a string for each: the similarity features of a thousand documents are tens of
/// millions.
pub fn hashed_features_of_cut(folded: &str, cut: &[(u32, u32)], out: &mut Vec<u64>) {
    for w in words_of_cut(folded, cut) {
        let mut chars = w.chars();
        let two = chars.next().is_some() && chars.next().is_some();
        if two && w.chars().any(|c| is_han(c) || c.is_ascii_alphanumeric()) {
            out.push(hash(w));
        }
    }
    let mut buf = [0u8; 4];
    let bigram_mark = hash_bytes(FNV_OFFSET, '\u{B2}'.encode_utf8(&mut buf).as_bytes());
    let mut chars = folded.chars().peekable();
    while let Some(a) = chars.next() {
        let Some(&b) = chars.peek() else { break };
        if is_han(a) && is_han(b) {
            let h = hash_bytes(bigram_mark, a.encode_utf8(&mut buf).as_bytes());
            out.push(hash_bytes(h, b.encode_utf8(&mut buf).as_bytes()));
        }
    }
}

/// The dictionary words (two or more chars, letters and digits only) of a text and its cut,
/// pushed onto `out` as slices of the text (the model's features of every leaf take them).
pub fn words_of<'a>(folded: &'a str, cut: &'a [(u32, u32)], out: &mut Vec<&'a str>) {
    out.extend(
        words_of_cut(folded, cut).filter(|w| w.chars().count() >= 2 && w.chars().all(crate::text::is_alphanumeric)),
    );
}

/// A feature's 64-bit hash (FNV-1a: stable, and fast on short strings). Collisions among
/// the few hundred thousand distinct features of a large corpus are vanishingly rare.
#[must_use]
pub fn hash(feature: &str) -> u64 {
    hash_bytes(FNV_OFFSET, feature.as_bytes())
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a continued from `h` over `bytes`.
fn hash_bytes(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A sparse vector: (term id, weight) sorted by term id, L2-normalised.
pub type SparseVec = Vec<(u32, f32)>;

/// TF-IDF vectors of a set of texts (given as feature lists), with document frequencies.
#[derive(Clone)]
pub struct TfIdf {
    pub vectors: Vec<SparseVec>,
    pub df: Vec<u32>,
    /// Feature hash → term id.
    pub vocab: FxHashMap<u64, u32>,
}

impl TfIdf {
    /// Inverse document frequency of a feature (0 for an unknown one).
    #[must_use]
    pub fn idf(&self, feature: &str) -> f32 {
        let n = self.vectors.len().max(1) as f32;
        self.vocab
            .get(&hash(feature))
            .map_or(0.0, |&id| (n / self.df[id as usize].max(1) as f32).ln())
    }
}

/// A text's features counted: each distinct feature once, in order of first appearance,
/// with how often it occurs.
pub type Counted = Vec<(u64, u32)>;

/// Counts a text's features ([`Counted`]), keeping its scratch map between texts.
#[derive(Default)]
pub struct Counter {
    seen: FxHashMap<u64, u32>,
    counts: Counted,
}

impl Counter {
    #[must_use]
    pub fn count(&mut self, features: &[u64]) -> Counted {
        self.seen.clear();
        let out = &mut self.counts;
        out.clear();
        for &f in features {
            let next = u32::try_from(out.len()).unwrap_or(u32::MAX);
            let at = *self.seen.entry(f).or_insert(next);
            if at == next {
                out.push((f, 1));
            } else {
                out[at as usize].1 += 1;
            }
        }
        // Counted in a buffer kept between texts, returned at its length: every text's counts
        // are kept until the TF-IDF is built, and growing each by doubling reallocated and
        // touched up to twice the memory (fresh pages the kernel zeroes: a fifth of aligning a
        // 7 MB document).
        out.clone()
    }
}

impl TfIdf {
    #[must_use]
    pub fn build(features: &[Vec<u64>]) -> Self {
        use rayon::prelude::*;
        let counted = features
            .par_iter()
            .map_init(Counter::default, |counter, f| counter.count(f))
            .collect();
        Self::from_counted(counted)
    }

    /// From texts already counted ([`Counter`]): the same vectors as [`TfIdf::build`] of
    /// the uncounted features, with term ids in order of first appearance. Counting each
    /// text apart (in parallel) leaves this sequential pass only the distinct features: a
    /// thousand documents have tens of millions of features but a tenth as many per text.
    #[must_use]
    pub fn from_counted(texts: Vec<Counted>) -> Self {
        use rayon::prelude::*;
        let n_texts = texts.len();
        let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
        let mut df: Vec<u32> = Vec::new();
        // Each text's (term id, term frequency), the frequency as the f32 its weight replaces
        // in place below: weighting into new vectors touched as much fresh memory again.
        let mut counted: Vec<SparseVec> = Vec::with_capacity(n_texts);
        for text in texts {
            let mut v: SparseVec = text
                .into_iter()
                .map(|(f, tf)| {
                    let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                    let id = *ids.entry(f).or_insert(next);
                    if id as usize == df.len() {
                        df.push(0);
                    }
                    df[id as usize] += 1;
                    (id, tf as f32)
                })
                .collect();
            v.sort_unstable_by_key(|&(id, _)| id);
            counted.push(v);
        }
        let n = n_texts.max(1) as f32;
        let vocab = ids;
        // Each term's IDF once, not once per text that has it.
        let idf: Vec<f32> = df.par_iter().map(|&d| (n / d as f32).ln().max(0.0)).collect();
        let vectors = counted
            .into_par_iter()
            .map(|mut w| {
                for (id, x) in &mut w {
                    *x = (1.0 + x.ln()) * idf[*id as usize];
                }
                let norm = w.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
                if norm > 0.0 {
                    for (_, x) in &mut w {
                        *x /= norm;
                    }
                }
                w.retain(|(_, x)| *x > 0.0);
                w
            })
            .collect();
        Self { vectors, df, vocab }
    }
}

/// Cosine of two L2-normalised sparse vectors.
#[must_use]
pub fn cosine(a: &SparseVec, b: &SparseVec) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// For every vector, its `k` most similar vectors owned by *other* groups (documents), with
/// similarity ≥ `min_sim`, best first (ties by index). Exact for small sets; for large ones
/// each query uses only its heaviest terms and skips terms too common to discriminate.
///
/// Each worker reuses its accumulator and candidate buffers, and only the best candidates are
/// sorted (the order is total, so selecting them first gives the full sort's result): sorting
/// every touched vector, with a fresh scratch buffer each time, made a quarter of `align`'s
/// work on 1,000 documents, half of it the kernel zeroing pages for those buffers.
#[must_use]
pub fn neighbours(tfidf: &TfIdf, owner: &[usize], k: usize, min_sim: f32) -> Vec<Vec<(usize, f32)>> {
    use rayon::prelude::*;
    let n = tfidf.vectors.len();
    // One document: no leaf has a neighbour (they are found in other documents only).
    if owner.windows(2).all(|w| w[0] == w[1]) {
        return vec![Vec::new(); n];
    }
    let large = n > 3000;
    let max_df = if large {
        u32::try_from((n / 50).max(64)).unwrap_or(u32::MAX)
    } else {
        u32::MAX
    };
    let query_terms = if large { 40 } else { usize::MAX };
    let postings = Postings::new(tfidf, max_df);
    // The aligner lists leaves document by document: a query's own document is then one
    // range of vectors, skipped without looking up the owner of every posting.
    let grouped = owner.is_sorted();
    (0..n)
        .into_par_iter()
        .map_init(
            || Scratch::new(n, if large { tfidf.df.len() } else { 0 }),
            |scratch, q| {
                let Scratch {
                    acc,
                    touched,
                    terms,
                    cands,
                    dense,
                } = scratch;
                terms.clear();
                terms.extend_from_slice(&tfidf.vectors[q]);
                if terms.len() > query_terms {
                    top_by(terms, query_terms, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                }
                let own = if grouped {
                    owner.partition_point(|&o| o < owner[q])..owner.partition_point(|&o| o <= owner[q])
                } else {
                    0..0
                };
                let same_document = |d: usize| {
                    if grouped {
                        own.contains(&d)
                    } else {
                        owner[d] == owner[q]
                    }
                };
                for &(t, wq) in terms.iter() {
                    for &(d, wd) in postings.of(t) {
                        let d = d as usize;
                        if same_document(d) {
                            continue;
                        }
                        if acc[d] == 0.0 {
                            touched.push(d);
                        }
                        acc[d] += wq * wd;
                    }
                }
                cands.clear();
                cands.extend(touched.iter().map(|&d| (d, acc[d])));
                for &d in touched.iter() {
                    acc[d] = 0.0;
                }
                touched.clear();
                let by_score = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
                if large {
                    // Pruned scores under-estimate: rescore the best candidates exactly.
                    top_by(cands, k * 4, by_score);
                    // `cosine` of each, through the query spread over the vocabulary: the
                    // same sums to the bit (`Dense`), without a merge's unpredictable branches.
                    dense.load(&tfidf.vectors[q]);
                    let vectors: Vec<&[(u32, f32)]> = cands.iter().map(|c| tfidf.vectors[c.0].as_slice()).collect();
                    for (c, s) in cands.iter_mut().zip(dense.dots(&vectors)) {
                        c.1 = s;
                    }
                    dense.unload(&tfidf.vectors[q]);
                }
                cands.retain(|c| c.1 >= min_sim);
                top_by(cands, k, by_score);
                cands.clone()
            },
        )
        .collect()
}

/// Keep the `k` first of `v` in the total order `cmp`, sorted: the result of sorting `v` and
/// truncating it, without sorting what is dropped.
pub(super) fn top_by<T>(v: &mut Vec<T>, k: usize, mut cmp: impl FnMut(&T, &T) -> std::cmp::Ordering) {
    if k == 0 {
        v.clear();
        return;
    }
    if v.len() > k {
        v.select_nth_unstable_by(k - 1, &mut cmp);
        v.truncate(k);
    }
    v.sort_unstable_by(cmp);
}

/// A worker's buffers for [`neighbours`].
struct Scratch {
    /// Partial score per vector (0 where untouched).
    acc: Vec<f32>,
    touched: Vec<usize>,
    terms: Vec<(u32, f32)>,
    cands: Vec<(usize, f32)>,
    /// The query spread over the vocabulary (empty when candidates are not rescored).
    dense: super::dense::Dense,
}

impl Scratch {
    fn new(n: usize, vocabulary: usize) -> Self {
        Self {
            acc: vec![0.0; n],
            touched: Vec::new(),
            terms: Vec::new(),
            cands: Vec::new(),
            dense: super::dense::Dense::new(vocabulary),
        }
    }
}

/// Term → (vector, weight) of the vectors that have it, ascending, for terms in at most
/// `max_df` vectors: one array with an offset per term (no vector per term to grow).
struct Postings {
    start: Vec<u32>,
    entries: Vec<(u32, f32)>,
}

impl Postings {
    fn new(tfidf: &TfIdf, max_df: u32) -> Self {
        let kept = |t: u32| tfidf.df[t as usize] <= max_df;
        let mut start = vec![0u32; tfidf.df.len() + 1];
        for v in &tfidf.vectors {
            for &(t, _) in v {
                if kept(t) {
                    start[t as usize + 1] += 1;
                }
            }
        }
        for t in 1..start.len() {
            start[t] += start[t - 1];
        }
        let mut fill = start.clone();
        let mut entries = vec![(0u32, 0.0f32); start.last().map_or(0, |&e| e as usize)];
        for (i, v) in tfidf.vectors.iter().enumerate() {
            for &(t, w) in v {
                if kept(t) {
                    let at = &mut fill[t as usize];
                    entries[*at as usize] = (u32::try_from(i).unwrap_or(u32::MAX), w);
                    *at += 1;
                }
            }
        }
        Self { start, entries }
    }

    fn of(&self, t: u32) -> &[(u32, f32)] {
        &self.entries[self.start[t as usize] as usize..self.start[t as usize + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(texts: &[&str]) -> Vec<Vec<u64>> {
        // Bigrams alone are enough to test the vector maths without loading jieba.
        texts
            .iter()
            .map(|t| {
                let c: Vec<char> = t.chars().collect();
                c.windows(2).map(|w| hash(&w.iter().collect::<String>())).collect()
            })
            .collect()
    }

    #[test]
    fn features_hash_the_same_made_as_strings_or_not() {
        for text in ["推进数字经济发展，建设5G网络", "a", "", "数字", "云计算和大数据ab12"] {
            let cut: Vec<(u32, u32)> = text
                .char_indices()
                .map(|(i, c)| {
                    (
                        u32::try_from(i).unwrap_or(0),
                        u32::try_from(i + c.len_utf8()).unwrap_or(0),
                    )
                })
                .collect::<Vec<_>>()
                .chunks(2)
                .map(|w| (w[0].0, w[w.len() - 1].1))
                .collect();
            let strings: Vec<u64> = features_of_cut(text, &cut).iter().map(|f| hash(f)).collect();
            let mut hashed = Vec::new();
            hashed_features_of_cut(text, &cut, &mut hashed);
            assert_eq!(strings, hashed, "{text}");
        }
    }

    #[test]
    fn counting_keeps_first_appearance_and_builds_the_same_vectors() {
        assert_eq!(Counter::default().count(&[7, 3, 7, 9, 3, 7]), [(7, 3), (3, 2), (9, 1)]);
        // 在线 twice in the first text and once in the second: a document frequency of 2,
        // and the first text weighs it more than the second (1 + ln 2 against 1).
        let t = TfIdf::build(&feats(&["发展在线教育推广在线课堂", "推进在线教育", "建设互联网医院"]));
        assert!((t.idf("在线") - 1.5f32.ln()).abs() < 1e-6);
        let id = t.vocab[&hash("在线")];
        let weight = |v: &SparseVec| v.iter().find(|(i, _)| *i == id).map_or(0.0, |(_, w)| *w);
        let base = |v: &SparseVec| {
            v.iter()
                .find(|(i, _)| *i == t.vocab[&hash("教育")])
                .map_or(0.0, |(_, w)| *w)
        };
        // Relative to 在线教育's 教育, which both texts have once.
        let ratio = |v: &SparseVec| weight(v) / base(v);
        assert!((ratio(&t.vectors[0]) / ratio(&t.vectors[1]) - (1.0 + 2f32.ln())).abs() < 1e-4);
    }

    #[test]
    fn similar_texts_are_nearest_neighbours_across_documents() {
        let t = TfIdf::build(&feats(&[
            "发展在线教育推广智慧课堂",
            "建设互联网医院发展远程医疗",
            "推进在线教育建设智慧课堂",
            "发展远程医疗建设互联网医院",
        ]));
        for v in &t.vectors {
            let norm: f32 = v.iter().map(|(_, x)| x * x).sum();
            assert!((norm - 1.0).abs() < 1e-4);
        }
        let nn = neighbours(&t, &[0, 0, 1, 1], 1, 0.05);
        assert_eq!(nn[0][0].0, 2);
        assert_eq!(nn[1][0].0, 3);
        assert_eq!(nn[2][0].0, 0);
        assert!((cosine(&t.vectors[0], &t.vectors[2]) - nn[0][0].1).abs() < 1e-5);
        assert!(cosine(&t.vectors[0], &t.vectors[1]) < nn[0][0].1);
        // Within one document nothing is a neighbour, however alike.
        assert!(neighbours(&t, &[0, 0, 0, 0], 1, 0.0).iter().all(Vec::is_empty));
        assert!(neighbours(&t, &[7], 1, 0.0)[0].is_empty());
    }
}
