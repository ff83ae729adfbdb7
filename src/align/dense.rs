//! A leaf's TF-IDF vector spread over the vocabulary, for the counterparts' exact cosines
//! ([`super::Alignment::all_counterparts`]).

/// A leaf's TF-IDF vector spread over the whole vocabulary, so that its cosine with another
/// leaf is one pass over the other's terms. The products are added in the order of
/// [`super::features::cosine`] (ascending term; a term the query lacks adds +0.0), so the result is the same
/// to the bit.
/// Also a partial-score accumulator per row position, for the approximate top ten.
pub(super) struct Dense {
    query: Vec<f32>,
    acc: Vec<f32>,
    touched: Vec<u32>,
}

impl Dense {
    pub(super) fn new(vocabulary: usize) -> Self {
        Self {
            query: vec![0.0; vocabulary],
            acc: Vec::new(),
            touched: Vec::new(),
        }
    }

    pub(super) fn load(&mut self, v: &[(u32, f32)]) {
        for &(t, w) in v {
            self.query[t as usize] = w;
        }
    }

    pub(super) fn unload(&mut self, v: &[(u32, f32)]) {
        for &(t, _) in v {
            self.query[t as usize] = 0.0;
        }
    }

    #[cfg(test)]
    fn dot(&self, v: &[(u32, f32)]) -> f32 {
        v.iter().fold(0.0, |s, &(t, w)| s + self.query[t as usize] * w)
    }

    /// The dot product of the query with each of `vs`. Each sum is added in `dot`'s order
    /// (the same to the bit), four at a time side by side: one sum's additions depend on each
    /// other, four sums' do not, so the processor overlaps them (the rescoring of the
    /// counterparts was most of its time waiting on the previous addition).
    pub(super) fn dots(&self, vs: &[&[(u32, f32)]]) -> Vec<f32> {
        let mut out = Vec::with_capacity(vs.len());
        let mut chunks = vs.chunks_exact(4);
        for c in &mut chunks {
            let mut s = [0.0f32; 4];
            let longest = c.iter().map(|v| v.len()).max().unwrap_or(0);
            for k in 0..longest {
                for (sum, v) in s.iter_mut().zip(c) {
                    if let Some(&(t, w)) = v.get(k) {
                        *sum += self.query[t as usize] * w;
                    }
                }
            }
            out.extend(s);
        }
        for v in chunks.remainder() {
            out.push(v.iter().fold(0.0, |s, &(t, w)| s + self.query[t as usize] * w));
        }
        out
    }

    /// Add `x` to position `p`'s partial score.
    pub(super) fn add(&mut self, p: u32, x: f32) {
        let i = p as usize;
        if i >= self.acc.len() {
            self.acc.resize(i + 1, 0.0);
        }
        if self.acc[i] == 0.0 {
            self.touched.push(p);
        }
        self.acc[i] += x;
    }

    /// The partial scores added since the last call, and the accumulator cleared.
    pub(super) fn take_partial(&mut self) -> Vec<(u32, f32)> {
        let out = self.touched.iter().map(|&p| (p, self.acc[p as usize])).collect();
        for &p in &self.touched {
            self.acc[p as usize] = 0.0;
        }
        self.touched.clear();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Dense;

    /// A xorshift step: the same numbers every run.
    fn next(x: &mut u32) -> u32 {
        *x ^= *x << 13;
        *x ^= *x >> 17;
        *x ^= *x << 5;
        *x
    }

    #[test]
    fn dots_side_by_side_are_the_single_dots_to_the_bit() {
        // Vectors of every length from 0 to 40 over a small vocabulary, weights that round.
        let mut x = 0x9e37_79b9_u32;
        let vocabulary = 64u32;
        let mut dense = Dense::new(vocabulary as usize);
        let mut query = Vec::new();
        for t in 0..vocabulary {
            if !next(&mut x).is_multiple_of(3) {
                query.push((t, (next(&mut x) % 1000) as f32 / 997.0));
            }
        }
        dense.load(&query);
        let vectors: Vec<Vec<(u32, f32)>> = (0..41)
            .map(|len| {
                let mut v = Vec::new();
                for t in 0..vocabulary {
                    if next(&mut x) % 64 < len {
                        v.push((t, (next(&mut x) % 1000) as f32 / 991.0));
                    }
                }
                v
            })
            .collect();
        let slices: Vec<&[(u32, f32)]> = vectors.iter().map(Vec::as_slice).collect();
        let got = dense.dots(&slices);
        assert_eq!(got.len(), vectors.len());
        for (v, g) in vectors.iter().zip(got) {
            assert_eq!(dense.dot(v).to_bits(), g.to_bits());
        }
    }
}
