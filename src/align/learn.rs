//! The domain classifier learned from gold: multinomial logistic regression over hashed
//! features of a leaf section — char 1–3-grams of its heading, its opening words, its body
//! (each block L2-normalised, so a long body does not outvote a short heading), the headings
//! above it and the document title, and its jieba words; the taxonomy's cue scores; and its place in the
//! structure (marker kind, level, position, first/last leaf, first/last part).
//!
//! Written by hand (≈ 300 lines): the model is a dense `buckets × classes` matrix trained by
//! plain SGD on ~1,200 examples; a crate would bring ndarray or a BLAS for no gain. Training
//! is deterministic (fixed seed, inputs in the order given) and the file it writes is small
//! (weights quantised to `i8` per class, see [`LinearModel::to_bytes`]).

use std::fmt::Write as _;

mod features;
mod shared;

pub use features::{BLOCKS, BUCKETS, Feat, Features, LeafContext, Tag, idf, vector};
pub use shared::{DocBlocks, folded_headings};

/// Below this probability of its best domain a section gets no domain (measured in
/// BENCHMARKS.md: precision of the sections kept vs. recall lost).
pub const NONE_BELOW: f32 = 0.2;
const MAGIC: &[u8; 4] = b"DZM1";

/// A labelled example: features and class (index into the model's labels), with a weight.
#[derive(Debug, Clone)]
pub struct Example {
    pub feats: Vec<(u32, f32)>,
    pub class: usize,
    pub weight: f32,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub epochs: usize,
    pub rate: f32,
    pub l2: f32,
    pub seed: u64,
    /// Models trained from scratch with seeds `seed, seed + 1, …` whose weights are averaged:
    /// plain SGD's result depends on the order of the examples, the mean much less.
    pub runs: usize,
}

/// A gold unit's secondary labels are examples too, each with this weight (its primary
/// weighs 1): the gold measure counts a pair right when the two share any label, so a
/// section between two domains is better put in one it belongs to as well. Chosen by
/// leave-one-document-out among 0.2 / 0.4 / 0.7 (BENCHMARKS.md).
pub const SECONDARY_WEIGHT: f32 = 0.4;

/// A unit of a second annotator's labelling (`duizhao train --extra`, tests/heldout*/
/// alignment.json) counts this much of a gold unit: the labels follow the gold's conventions
/// but are not the gold's. Chosen by leave-one-document-out among 0.5 / 1 (BENCHMARKS.md).
pub const EXTRA_WEIGHT: f32 = 0.5;

/// A correction counts as this many gold units.
pub const CORRECTION_WEIGHT: f32 = 3.0;

impl Training {
    /// Settings for refitting on a few corrections: short, and held near the old weights.
    #[must_use]
    pub fn fine_tuning() -> Self {
        Self {
            epochs: 8,
            rate: 0.3,
            l2: 1e-2,
            seed: 14,
            runs: 1,
        }
    }
}

impl Default for Training {
    fn default() -> Self {
        Self {
            epochs: 24,
            rate: 0.4,
            // Chosen by leave-one-document-out among 1e-4 / 1e-3 / 3e-3 / 1e-2 (BENCHMARKS.md).
            l2: 3e-3,
            seed: 14,
            // Chosen by leave-one-document-out: with 3 the figure moves by a few thousandths
            // between seeds instead of ±0.01 (BENCHMARKS.md).
            runs: 3,
        }
    }
}

/// Weight each example by `(n / (classes_present × n_class))^power`, so that a domain with few
/// units is not drowned by the big ones (`power` 0: unchanged, 1: fully balanced); the weights
/// are scaled to keep their mean at 1.
pub fn balance(examples: &mut [Example], power: f32) {
    let mut count = std::collections::BTreeMap::new();
    for e in examples.iter() {
        *count.entry(e.class).or_insert(0usize) += 1;
    }
    let (n, k) = (examples.len() as f32, count.len() as f32);
    for e in examples.iter_mut() {
        e.weight *= (n / (k * count[&e.class] as f32)).powf(power);
    }
    let mean = examples.iter().map(|e| e.weight).sum::<f32>() / n.max(1.0);
    if mean > 0.0 {
        for e in examples.iter_mut() {
            e.weight /= mean;
        }
    }
}

/// Weights of a multinomial logistic regression over hashed features.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    /// The scheme the labels belong to (`domain`).
    pub scheme: String,
    /// Category ids, one per class.
    pub labels: Vec<String>,
    /// `BUCKETS × labels` weights, bucket-major; empty for a model read from its file and not
    /// refitted, whose weights are `quantised` (see [`Self::weight`]).
    weights: Vec<f32>,
    pub bias: Vec<f32>,
    /// Units and documents it was trained on (shown by `duizhao train`).
    pub trained_on: (usize, usize),
    /// The IDF of each bucket's text features ([`idf`]) the model was trained with, if any.
    pub idf: Option<Vec<f32>>,
    /// The model file's `i8` weights and per-class scales (a model read and not refitted):
    /// [`Self::logits`] reads these, a quarter of the memory traffic, and a process that only
    /// labels never makes the 8 MB of f32 (`q × scale`, made when refitting needs them).
    quantised: Option<(Vec<i8>, Vec<f32>)>,
}

/// A model file that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("model file: {0}")]
pub struct ModelError(pub String);

impl LinearModel {
    fn zero(scheme: &str, labels: Vec<String>) -> Self {
        let k = labels.len();
        Self {
            scheme: scheme.to_owned(),
            weights: vec![0.0; BUCKETS * k],
            bias: vec![0.0; k],
            labels,
            trained_on: (0, 0),
            idf: None,
            quantised: None,
        }
    }

    /// Class logits of a feature vector.
    #[must_use]
    pub fn logits(&self, feats: &[(u32, f32)]) -> Vec<f32> {
        let k = self.labels.len();
        if let Some((q, scales)) = &self.quantised
            && let Some(z) = logits_in_lanes(q, scales, &self.bias, feats)
        {
            return z;
        }
        let mut z = self.bias.clone();
        if let Some((q, scales)) = &self.quantised {
            for &(b, v) in feats {
                let row = &q[b as usize * k..(b as usize + 1) * k];
                for ((zi, &w), &scale) in z.iter_mut().zip(row).zip(scales) {
                    *zi += f32::from(w) * scale * v;
                }
            }
            return z;
        }
        for &(b, v) in feats {
            let row = &self.weights[b as usize * k..(b as usize + 1) * k];
            for (zi, w) in z.iter_mut().zip(row) {
                *zi += w * v;
            }
        }
        z
    }

    /// Class probabilities.
    #[must_use]
    pub fn probabilities(&self, feats: &[(u32, f32)]) -> Vec<f32> {
        softmax(self.logits(feats))
    }

    /// Weight `i` of the `BUCKETS × labels` matrix (bucket-major).
    fn weight(&self, i: usize) -> f32 {
        match &self.quantised {
            Some((q, scales)) => f32::from(q[i]) * scales[i % self.labels.len()],
            None => self.weights[i],
        }
    }

    /// The weight of `bucket` for class `c`: [`Self::weight`] without dividing for the class.
    fn weight_of(&self, bucket: usize, c: usize) -> f32 {
        let i = bucket * self.labels.len() + c;
        match &self.quantised {
            Some((q, scales)) => f32::from(q[i]) * scales[c],
            None => self.weights[i],
        }
    }

    /// The f32 weights of a model read from its file, made before they are changed.
    fn materialise(&mut self) {
        if self.weights.is_empty() {
            self.weights = (0..BUCKETS * self.labels.len()).map(|i| self.weight(i)).collect();
        }
    }

    /// A feature's contribution to class `c`'s logit.
    #[must_use]
    pub fn contribution(&self, bucket: u32, value: f32, c: usize) -> f32 {
        self.weight_of(bucket as usize, c) * value
    }

    /// Train from scratch on `examples`.
    #[must_use]
    pub fn train(scheme: &str, labels: Vec<String>, examples: &[Example], t: Training) -> Self {
        let mut m = Self::zero(scheme, labels);
        m.fit(examples, t, None);
        let runs = t.runs.max(1);
        for run in 1..runs {
            let mut other = Self::zero(scheme, m.labels.clone());
            other.fit(
                examples,
                Training {
                    seed: t.seed + run as u64,
                    ..t
                },
                None,
            );
            for (w, o) in m.weights.iter_mut().zip(&other.weights) {
                *w += o;
            }
            for (b, o) in m.bias.iter_mut().zip(&other.bias) {
                *b += o;
            }
        }
        let n = runs as f32;
        m.weights.iter_mut().for_each(|w| *w /= n);
        m.bias.iter_mut().for_each(|b| *b /= n);
        m
    }

    /// Refit on `examples` starting from these weights, pulled back towards them (so that a
    /// handful of corrections moves the model without erasing what the gold taught it).
    #[must_use]
    pub fn fine_tuned(&self, examples: &[Example], t: Training) -> Self {
        let mut m = self.clone();
        m.materialise();
        let prior = m.weights.clone();
        m.fit(examples, t, Some(&prior));
        m
    }

    fn fit(&mut self, examples: &[Example], t: Training, prior: Option<&[f32]>) {
        // The weights move away from the file's.
        self.materialise();
        self.quantised = None;
        let k = self.labels.len();
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = t.seed | 1;
        for epoch in 0..t.epochs {
            // Fisher–Yates with xorshift: the same seed gives the same model.
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, usize::try_from(rng % (i as u64 + 1)).unwrap_or(0));
            }
            let rate = t.rate / (1.0 + epoch as f32 * 0.3);
            for &e in &order {
                let ex = &examples[e];
                let p = self.probabilities(&ex.feats);
                for (c, pc) in p.iter().enumerate() {
                    let g = (pc - if c == ex.class { 1.0 } else { 0.0 }) * ex.weight;
                    self.bias[c] -= rate * g;
                    for &(b, v) in &ex.feats {
                        let i = b as usize * k + c;
                        let anchor = prior.map_or(0.0, |p| p[i]);
                        let w = &mut self.weights[i];
                        *w -= rate * (g * v + t.l2 * (*w - anchor));
                    }
                }
            }
        }
    }

    /// The model file: `DZM1`, a u32 length and a JSON header (scheme, labels, buckets,
    /// `trained_on`, `idf`), then per class an f32 scale and an f32 bias, then `BUCKETS × classes`
    /// i8 weights (weight = i8 × scale of its class), then, when `idf` is true, `BUCKETS` u8
    /// IDF codes ([`features::idf_code`]). Little-endian.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let k = self.labels.len();
        let header = serde_json::json!({
            "scheme": self.scheme,
            "labels": self.labels,
            "buckets": BUCKETS,
            "trained_on": [self.trained_on.0, self.trained_on.1],
            "idf": self.idf.is_some(),
        })
        .to_string();
        let mut out = Vec::with_capacity(12 + header.len() + 8 * k + BUCKETS * k);
        out.extend_from_slice(MAGIC);
        // A header of a few KB; a length that did not fit would make the file unreadable, not wrong.
        out.extend_from_slice(&u32::try_from(header.len()).unwrap_or(u32::MAX).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        let scales: Vec<f32> = (0..k)
            .map(|c| {
                let max = (0..BUCKETS)
                    .map(|b| self.weight(b * k + c).abs())
                    .fold(0.0f32, f32::max);
                if max > 0.0 { max / 127.0 } else { 1.0 }
            })
            .collect();
        for (scale, bias) in scales.iter().zip(&self.bias) {
            out.extend_from_slice(&scale.to_le_bytes());
            out.extend_from_slice(&bias.to_le_bytes());
        }
        for (i, w) in (0..BUCKETS * k).map(|i| (i, self.weight(i))) {
            #[allow(clippy::cast_possible_truncation, reason = "rounded and clamped to ±127 just before")]
            let q = (w / scales[i % k]).round().clamp(-127.0, 127.0) as i8;
            out.push(q.to_le_bytes()[0]);
        }
        if let Some(idf) = &self.idf {
            out.extend(idf.iter().map(|&x| features::idf_code(x)));
        }
        out
    }

    /// Read a model file.
    ///
    /// # Errors
    /// A file that is not a model, is truncated, or has a header that does not parse.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        #[derive(serde::Deserialize)]
        struct Header {
            scheme: String,
            labels: Vec<String>,
            buckets: usize,
            trained_on: (usize, usize),
            #[serde(default)]
            idf: bool,
        }
        let err = |m: &str| ModelError(m.to_owned());
        if bytes.len() < 8 || &bytes[..4] != MAGIC {
            return Err(err("not a duizhao model (no DZM1 signature)"));
        }
        let hlen = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        let header = bytes
            .get(8..8usize.saturating_add(hlen))
            .ok_or_else(|| err("truncated header"))?;
        let h: Header = serde_json::from_slice(header).map_err(|e| ModelError(format!("header: {e}")))?;
        if h.buckets != BUCKETS {
            return Err(ModelError(format!(
                "made for {} feature buckets, this build uses {BUCKETS}",
                h.buckets
            )));
        }
        let k = h.labels.len();
        if k == 0 {
            return Err(err("no labels"));
        }
        let rest = &bytes[8 + hlen..];
        let idf_len = if h.idf { BUCKETS } else { 0 };
        if rest.len() != 8 * k + BUCKETS * k + idf_len {
            return Err(ModelError(format!(
                "{} bytes of weights, expected {}",
                rest.len(),
                8 * k + BUCKETS * k + idf_len
            )));
        }
        let (rest, idf) = rest.split_at(8 * k + BUCKETS * k);
        let idf = h.idf.then(|| idf.iter().map(|&c| features::idf_value(c)).collect());
        let f32_at = |i: usize| f32::from_le_bytes([rest[i], rest[i + 1], rest[i + 2], rest[i + 3]]);
        let scales: Vec<f32> = (0..k).map(|c| f32_at(8 * c)).collect();
        let bias: Vec<f32> = (0..k).map(|c| f32_at(8 * c + 4)).collect();
        // Followed by LANES zeros, so that [`logits_in_lanes`] reads whole rows of LANES
        // weights from the last bucket too.
        let mut q: Vec<i8> = Vec::with_capacity(BUCKETS * k + LANES);
        q.extend(rest[8 * k..].iter().map(|&b| i8::from_le_bytes([b])));
        q.resize(BUCKETS * k + LANES, 0);
        Ok(Self {
            scheme: h.scheme,
            labels: h.labels,
            weights: Vec::new(),
            bias,
            trained_on: h.trained_on,
            idf,
            quantised: Some((q, scales)),
        })
    }

    /// The strongest features behind class `c` for one leaf: (name, points), best first.
    ///
    /// Every feature of a leaf has its own name (n-grams and words are distinct per block,
    /// cues per place and category, structure names differ), so only the features whose
    /// points reach the n-th best are named: naming every feature of every leaf was a third
    /// of the alignment's time on 1,000 documents.
    #[must_use]
    pub fn explain(&self, f: &Features, c: usize, categories: &[String], n: usize) -> Vec<(String, f32)> {
        // Sized for every feature at once: collected through the filter, it grew by doubling.
        let mut scored: Vec<(f32, usize)> = Vec::with_capacity(f.feats.len());
        scored.extend(
            f.feats
                .iter()
                .enumerate()
                .map(|(i, feat)| (self.contribution(feat.bucket, feat.value, c), i))
                .filter(|&(p, _)| p > 0.0),
        );
        if scored.len() > n && n > 0 {
            scored.select_nth_unstable_by(n - 1, |a, b| b.0.total_cmp(&a.0));
            let nth = scored[n - 1].0;
            // Ties with the n-th are kept: the name decides among them.
            scored.retain(|&(p, _)| p >= nth);
        }
        let mut by_name: std::collections::BTreeMap<String, f32> = std::collections::BTreeMap::new();
        for (p, i) in scored {
            *by_name.entry(f.name(f.feats[i].tag, categories)).or_insert(0.0) += p;
        }
        let mut v: Vec<(String, f32)> = by_name.into_iter().collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }
}

/// The classes [`logits_in_lanes`] computes at once: a model of up to this many (the domain
/// scheme has 31) has its logits made a whole row at a time.
const LANES: usize = 32;

/// [`LinearModel::logits`] of the `i8` weights `q` (followed by [`LANES`] zeros) for a model of
/// at most [`LANES`] classes, `None` for more. Each class's logit takes the same operations in
/// the same order as one class at a time (`z += (w × scale) × v`, feature by feature), so the
/// result is bit-identical; but over a fixed row of [`LANES`] the compiler makes them vector
/// operations (the lanes past the classes have scale 0 and are dropped): a scalar loop over the
/// 31 classes of each of a leaf's ~1,000 features was a thirteenth of aligning a document.
fn logits_in_lanes(q: &[i8], scales: &[f32], bias: &[f32], feats: &[(u32, f32)]) -> Option<Vec<f32>> {
    let k = bias.len();
    if k > LANES || scales.len() != k {
        return None;
    }
    let mut s = [0f32; LANES];
    s[..k].copy_from_slice(scales);
    let mut z = [0f32; LANES];
    z[..k].copy_from_slice(bias);
    for &(b, v) in feats {
        let at = b as usize * k;
        let row: &[i8; LANES] = q.get(at..at + LANES)?.try_into().ok()?;
        for ((zi, &w), &scale) in z.iter_mut().zip(row).zip(&s) {
            *zi += f32::from(w) * scale * v;
        }
    }
    Some(z[..k].to_vec())
}

fn softmax(mut z: Vec<f32>) -> Vec<f32> {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for x in &mut z {
        *x = (*x - max).exp();
        sum += *x;
    }
    for x in &mut z {
        *x /= sum;
    }
    z
}

/// A short description for `duizhao train`.
#[must_use]
pub fn describe(m: &LinearModel, bytes: usize) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "{} classes of scheme {:?}, {} feature buckets, trained on {} units of {} documents; {:.1} MB",
        m.labels.len(),
        m.scheme,
        BUCKETS,
        m.trained_on.0,
        m.trained_on.1,
        bytes as f64 / 1_048_576.0
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ex(feats: &[(u32, f32)], class: usize) -> Example {
        Example {
            feats: feats.to_vec(),
            class,
            weight: 1.0,
        }
    }

    fn toy() -> Vec<Example> {
        // Class 0 has feature 1, class 1 has feature 2; feature 3 is noise in both.
        (0..20)
            .map(|i| {
                if i % 2 == 0 {
                    ex(&[(1, 1.0), (3, 0.5)], 0)
                } else {
                    ex(&[(2, 1.0), (3, 0.5)], 1)
                }
            })
            .collect()
    }

    #[test]
    fn training_separates_classes_and_is_reproducible() {
        let labels = vec!["a".to_owned(), "b".to_owned()];
        let m = LinearModel::train("s", labels.clone(), &toy(), Training::default());
        assert!(m.probabilities(&[(1, 1.0)])[0] > 0.8);
        assert!(m.probabilities(&[(2, 1.0)])[1] > 0.8);
        let again = LinearModel::train("s", labels, &toy(), Training::default());
        assert_eq!(m.to_bytes(), again.to_bytes());
    }

    #[test]
    fn the_model_file_round_trips_within_quantisation() {
        let m = LinearModel::train("s", vec!["a".into(), "b".into()], &toy(), Training::default());
        let bytes = m.to_bytes();
        let back = LinearModel::from_bytes(&bytes).expect("reads");
        assert_eq!(back.labels, m.labels);
        assert_eq!(back.scheme, "s");
        for (q, w) in [(1u32, 0usize), (2, 1)] {
            let (a, b) = (m.probabilities(&[(q, 1.0)]), back.probabilities(&[(q, 1.0)]));
            assert!((a[w] - b[w]).abs() < 0.02, "{a:?} {b:?}");
        }
        assert!(LinearModel::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(LinearModel::from_bytes(b"not a model").is_err());
    }

    #[test]
    fn a_model_file_keeps_the_idf_it_was_trained_with_and_an_older_file_has_none() {
        let mut m = LinearModel::train("s", vec!["a".into(), "b".into()], &toy(), Training::default());
        let old = LinearModel::from_bytes(&m.to_bytes()).expect("reads");
        assert!(old.idf.is_none());
        let idf: Vec<f32> = (0..BUCKETS)
            .map(|b| features::idf_value(u8::try_from(b % 200).unwrap_or(0)))
            .collect();
        m.idf = Some(idf.clone());
        let back = LinearModel::from_bytes(&m.to_bytes()).expect("reads");
        assert_eq!(back.idf, Some(idf));
        // A file without the `idf` field in its header (written before it existed) still reads.
        let bytes = old.to_bytes();
        let hlen = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        let header = String::from_utf8(bytes[8..8 + hlen].to_vec()).expect("utf-8");
        let header = header.replace(",\"idf\":false", "").replace("\"idf\":false,", "");
        assert!(!header.contains("idf"), "{header}");
        let mut older = MAGIC.to_vec();
        older.extend_from_slice(&u32::try_from(header.len()).expect("small").to_le_bytes());
        older.extend_from_slice(header.as_bytes());
        older.extend_from_slice(&bytes[8 + hlen..]);
        assert!(LinearModel::from_bytes(&older).expect("reads").idf.is_none());
    }

    #[test]
    fn a_read_model_scores_from_its_i8_weights_exactly_as_from_the_f32_ones() {
        let m = LinearModel::train("s", vec!["a".into(), "b".into()], &toy(), Training::default());
        let read = LinearModel::from_bytes(&m.to_bytes()).expect("reads");
        assert!(read.quantised.is_some());
        let mut plain = read.clone();
        plain.materialise();
        plain.quantised = None;
        let feats = [(1u32, 0.7f32), (2, 0.3), (3, 1.1), (40_000, 0.2)];
        assert_eq!(read.logits(&feats), plain.logits(&feats));
        // Refitting leaves the file's weights behind.
        let tuned = read.fine_tuned(&toy(), Training::fine_tuning());
        assert!(tuned.quantised.is_none());
    }

    #[test]
    fn fine_tuning_moves_a_corrected_example_and_keeps_the_rest() {
        let m = LinearModel::train("s", vec!["a".into(), "b".into()], &toy(), Training::default());
        // A new feature 4 seen with class 1 by the user, otherwise like class 0.
        let fix = vec![Example {
            feats: vec![(1, 1.0), (4, 1.0)],
            class: 1,
            weight: CORRECTION_WEIGHT,
        }];
        let tuned = m.fine_tuned(&fix, Training::fine_tuning());
        assert!(tuned.probabilities(&[(1, 1.0), (4, 1.0)])[1] > 0.5);
        assert!(tuned.probabilities(&[(2, 1.0)])[1] > 0.8);
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = LinearModel::from_bytes(&bytes);
            let mut with_magic = MAGIC.to_vec();
            with_magic.extend_from_slice(&bytes);
            let _ = LinearModel::from_bytes(&with_magic);
        }
    }
}
