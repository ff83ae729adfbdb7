//! Fingerprints of folded text: a rolling hash of every k-gram and winnowing's choice among
//! them. Shared by the reuse index (passages one document took from another) and cleaning
//! (a saved page's hidden second copy of its document), which both compare folded
//! characters ([`crate::fold`], punctuation and whitespace dropped) as code points.

/// Polynomial rolling hash base (odd, so that it is invertible mod 2^64).
const BASE: u64 = 0x0000_0100_0000_01B3;

/// A final mix so that winnowing's minimum is a random-looking choice (splitmix64).
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The hash of the k-gram starting at every position of `chars`, `None` where fewer than
/// `k` characters follow or where the k-gram would cross a break (`breaks_before(i)`: a new
/// run starts at `i`, e.g. another section).
#[must_use]
pub fn gram_hashes(chars: &[u32], k: usize, breaks_before: impl Fn(usize) -> bool) -> Vec<Option<u64>> {
    let n = chars.len();
    let mut out = vec![None; n];
    if k == 0 || n < k {
        return out;
    }
    let top = (1..k).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut h: u64 = 0;
    // Where the current unbroken run began: a k-gram must lie inside one.
    let mut run_start = 0;
    for i in 0..n {
        if i > 0 && breaks_before(i) {
            run_start = i;
        }
        if i >= k {
            h = h.wrapping_sub(u64::from(chars[i - k]).wrapping_mul(top));
        }
        h = h.wrapping_mul(BASE).wrapping_add(u64::from(chars[i]));
        if i + 1 >= k {
            let s = i + 1 - k;
            if s >= run_start {
                out[s] = Some(mix(h));
            }
        }
    }
    out
}

/// Winnowing: in every window of `w` consecutive k-grams, the one with the least hash
/// (rightmost on ties), as (position, hash), each position once, in order. A copy and its
/// original pick the same k-grams inside any stretch they share of `w + k - 1` characters.
#[must_use]
pub fn winnow(grams: &[Option<u64>], w: usize) -> Vec<(usize, u64)> {
    let w = w.max(1);
    let mut picked: Vec<(usize, u64)> = Vec::new();
    let mut start = 0;
    while start + w <= grams.len() {
        let mut best: Option<(u64, usize)> = None;
        for (i, g) in grams[start..start + w].iter().enumerate() {
            if let Some(h) = *g
                && best.is_none_or(|(b, _)| h <= b)
            {
                best = Some((h, start + i));
            }
        }
        if let Some((h, at)) = best
            && picked.last().is_none_or(|&(last, _)| last != at)
        {
            picked.push((at, h));
        }
        start += 1;
    }
    picked
}
