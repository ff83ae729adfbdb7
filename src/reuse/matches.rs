//! The exact matching of two folded streams: every maximal shared run of at least k
//! characters within one section on each side, then the longest kept first.
//!
//! Linear in the streams' length (times the bounded number of partners a k-gram is tried
//! with), also when two documents are the same text repeated: a k-gram's partners are found
//! through a table of hash prefixes (not a binary search over the whole sorted index, whose
//! cache misses dominated), a run is extended a slice at a time up to where its section ends,
//! and the kept spans are bitsets counted a word at a time.

use rayon::prelude::*;

use super::Folded;

/// More positions of one k-gram than this in the other document are not all tried: a text
/// that repeats itself that much would otherwise cost quadratic time.
pub(super) const MAX_OCCURRENCES: usize = 64;

/// Every maximal (left and right) match of at least `k` characters within one section on each
/// side, as (start in a, start in b, length); each k-gram of `a` is tried with its first
/// [`MAX_OCCURRENCES`] positions in `b`.
pub(super) fn maximal(
    (fa, ga): (&Folded, &[Option<u64>]),
    (fb, gb): (&Folded, &[Option<u64>]),
    k: usize,
) -> Vec<(usize, usize, usize)> {
    let ((index_b, end_b), end_a) = rayon::join(
        || rayon::join(|| GramIndex::new(fb, gb), || run_ends(fb)),
        || run_ends(fa),
    );
    // `a`'s positions in chunks over the cores, each chunk's matches in position order and the
    // chunks joined in order: the same list as one pass from the left.
    ga.par_chunks(CHUNK)
        .enumerate()
        .flat_map_iter(|(c, chunk)| {
            let mut matches: Vec<(usize, usize, usize)> = Vec::new();
            for (i, h) in chunk.iter().enumerate() {
                let Some(h) = *h else { continue };
                let i = c * CHUNK + i;
                // A partner whose preceding character (in the same section) is the one before
                // `i` continues a match found from further left: not a start.
                let before = if i > 0 && fa.section[i - 1] == fa.section[i] {
                    fa.chars[i - 1]
                } else {
                    NO_CHAR
                };
                for j in index_b.starts(h, before) {
                    let span = (end_a[i] as usize - i).min(end_b[j] as usize - j);
                    let l = common_prefix(&fa.chars[i..i + span], &fb.chars[j..j + span]);
                    if l >= k {
                        matches.push((i, j, l));
                    }
                }
            }
            matches
        })
        .collect()
}

/// Positions of `a` matched on one core at a time.
const CHUNK: usize = 1 << 15;

/// The matches kept, longest first: one whose span is already mostly kept on either side is
/// dropped (a phrase repeated in one document is one passage, not one per repetition).
/// Returned in (a, b) order.
pub(super) fn keep_longest(
    mut matches: Vec<(usize, usize, usize)>,
    na: usize,
    nb: usize,
) -> Vec<(usize, usize, usize)> {
    // Every (i, j) is one match at most: the order is total, so a parallel sort gives the
    // sequential one's.
    matches.par_sort_unstable_by(|x, y| y.2.cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    let mut kept_a = Bits::new(na);
    let mut kept_b = Bits::new(nb);
    let mut kept: Vec<(usize, usize, usize)> = Vec::new();
    for (i, j, l) in matches {
        if kept_a.count(i, i + l) * 2 >= l || kept_b.count(j, j + l) * 2 >= l {
            continue;
        }
        kept_a.set(i, i + l);
        kept_b.set(j, j + l);
        kept.push((i, j, l));
    }
    kept.par_sort_unstable();
    kept
}

/// Per position: where the run of its section's characters that it stands in ends.
fn run_ends(f: &Folded) -> Vec<u32> {
    let n = f.section.len();
    let mut end = vec![0u32; n];
    let mut e = n;
    for i in (0..n).rev() {
        if i + 1 < n && f.section[i + 1] != f.section[i] {
            e = i + 1;
        }
        end[i] = u32::try_from(e).unwrap_or(u32::MAX);
    }
    end
}

/// How many leading characters two equally long slices share.
fn common_prefix(a: &[u32], b: &[u32]) -> usize {
    const CHUNK: usize = 16;
    let mut l = 0;
    for (x, y) in a.chunks_exact(CHUNK).zip(b.chunks_exact(CHUNK)) {
        if x != y {
            break;
        }
        l += CHUNK;
    }
    l + a[l..].iter().zip(&b[l..]).take_while(|(x, y)| x == y).count()
}

/// Stands for "no preceding character in the same section" (no char is this large).
const NO_CHAR: u32 = u32::MAX;

/// Stands for "the positions of a k-gram follow different characters" (no char is this large).
const MIXED: u32 = u32::MAX - 1;

/// A document's k-grams: per distinct k-gram its first [`MAX_OCCURRENCES`] positions, each
/// with the character before it in its section ([`NO_CHAR`] at a section's start), ordered by
/// that character: the positions a match can start from are all but one run, found by a
/// search. A table of hash prefixes finds a k-gram's entry without searching the whole list.
struct GramIndex {
    /// Distinct k-grams, ascending, each with where its positions start in `positions` and
    /// the character before all of them ([`MIXED`] when they differ).
    grams: Vec<(u64, u32, u32)>,
    /// (character before, position), per k-gram ordered by (character, position).
    positions: Vec<(u32, u32)>,
    /// Per hash prefix of `bits` bits: the first of `grams` with that prefix or a larger one.
    start: Vec<u32>,
    bits: u32,
}

impl GramIndex {
    fn new(f: &Folded, grams: &[Option<u64>]) -> Self {
        let mut sorted: Vec<(u64, u32)> = grams
            .iter()
            .enumerate()
            .filter_map(|(j, h)| h.map(|h| (h, u32::try_from(j).unwrap_or(u32::MAX))))
            .collect();
        sorted.par_sort_unstable();
        let before = |j: usize| {
            if j > 0 && f.section[j - 1] == f.section[j] {
                f.chars[j - 1]
            } else {
                NO_CHAR
            }
        };
        let mut distinct: Vec<(u64, u32, u32)> = Vec::new();
        let mut positions: Vec<(u32, u32)> = Vec::new();
        for run in sorted.chunk_by(|x, y| x.0 == y.0) {
            let from = positions.len();
            positions.extend(run.iter().take(MAX_OCCURRENCES).map(|&(_, j)| (before(j as usize), j)));
            let mine = &mut positions[from..];
            mine.sort_unstable();
            let shared = if mine[0].0 == mine[mine.len() - 1].0 {
                mine[0].0
            } else {
                MIXED
            };
            distinct.push((run[0].0, u32::try_from(from).unwrap_or(u32::MAX), shared));
        }
        drop(sorted);
        let bits = distinct.len().next_power_of_two().trailing_zeros().max(1);
        let mut start = vec![0u32; (1 << bits) + 1];
        for &(h, ..) in &distinct {
            start[Self::prefix(h, bits) + 1] += 1;
        }
        for p in 1..start.len() {
            start[p] += start[p - 1];
        }
        Self {
            grams: distinct,
            positions,
            start,
            bits,
        }
    }

    fn prefix(h: u64, bits: u32) -> usize {
        usize::try_from(h >> (64 - bits)).unwrap_or(usize::MAX)
    }

    /// The first [`MAX_OCCURRENCES`] positions of k-gram `h` (all if fewer), as
    /// (character before, position), and the character before all of them ([`MIXED`] when
    /// they differ).
    fn of(&self, h: u64) -> (&[(u32, u32)], u32) {
        let p = Self::prefix(h, self.bits);
        let (lo, hi) = (self.start[p] as usize, self.start[p + 1] as usize);
        let bucket = &self.grams[lo..hi];
        let at = lo + bucket.partition_point(|e| e.0 < h);
        match self.grams.get(at) {
            Some(&(g, from, shared)) if g == h => {
                let to = self.grams.get(at + 1).map_or(self.positions.len(), |e| e.1 as usize);
                (&self.positions[from as usize..to], shared)
            }
            _ => (&[], MIXED),
        }
    }

    /// The positions of k-gram `h` a match may start from when the character before it on
    /// the other side is `before`: those not preceded by the same character.
    fn starts(&self, h: u64, before: u32) -> impl Iterator<Item = usize> + '_ {
        let (all, shared) = self.of(h);
        // In a text that repeats itself most k-grams follow the same character everywhere:
        // then no position (or every one) starts a match, told without reading them.
        let (lo, hi) = if before == NO_CHAR || (shared != MIXED && shared != before) {
            (all.len(), all.len())
        } else if shared == before {
            (0, all.len())
        } else {
            let lo = all.partition_point(|e| e.0 < before);
            (lo, lo + all[lo..].partition_point(|e| e.0 == before))
        };
        all[..lo].iter().chain(&all[hi..]).map(|e| e.1 as usize)
    }
}

/// A set of positions, counted and filled a word at a time.
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Self {
        Self(vec![0; n.div_ceil(64)])
    }

    /// Bits `from..to` of word `w` as a mask.
    fn mask(w: usize, from: usize, to: usize) -> u64 {
        let lo = from.max(w * 64) - w * 64;
        let hi = to.min(w * 64 + 64) - w * 64;
        if hi - lo == 64 {
            u64::MAX
        } else {
            ((1u64 << (hi - lo)) - 1) << lo
        }
    }

    /// How many of positions `from..to` are set.
    fn count(&self, from: usize, to: usize) -> usize {
        if from >= to {
            return 0;
        }
        (from / 64..to.div_ceil(64))
            .map(|w| (self.0[w] & Self::mask(w, from, to)).count_ones() as usize)
            .sum()
    }

    /// Set positions `from..to`.
    fn set(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        for w in from / 64..to.div_ceil(64) {
            self.0[w] |= Self::mask(w, from, to);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_count_and_set_ranges_across_words() {
        let mut b = Bits::new(300);
        let mut plain = vec![false; 300];
        for &(from, to) in &[(3, 9), (60, 70), (128, 192), (190, 300), (0, 0), (64, 65)] {
            b.set(from, to);
            plain[from..to].fill(true);
            for &(x, y) in &[(0, 300), (5, 66), (63, 64), (64, 128), (100, 299), (7, 7), (191, 250)] {
                assert_eq!(b.count(x, y), plain[x..y].iter().filter(|&&p| p).count(), "{x}..{y}");
            }
        }
    }

    #[test]
    fn the_index_gives_what_a_scan_of_every_position_gives() {
        // Sections of 50 positions; characters from a small alphabet so that k-grams and the
        // characters before them repeat.
        let n = 5000u32;
        let f = Folded {
            chars: (0..n).map(|i| (i * 7919) % 13).collect(),
            pos: (0..n).collect(),
            section: (0..n).map(|i| i / 50).collect(),
        };
        let grams: Vec<Option<u64>> = (0..u64::from(n))
            .map(|i| (i % 7 != 3).then(|| (i % 1291).wrapping_mul(0x9e37_79b9_7f4a_7c15)))
            .collect();
        let index = GramIndex::new(&f, &grams);
        for h in grams.iter().flatten().copied().chain([0, u64::MAX, 12345]) {
            let first: Vec<usize> = (0..grams.len())
                .filter(|&j| grams[j] == Some(h))
                .take(MAX_OCCURRENCES)
                .collect();
            for before in [NO_CHAR, 0, 5, 12] {
                let mut want: Vec<usize> = first
                    .iter()
                    .copied()
                    .filter(|&j| {
                        !(before != NO_CHAR && j > 0 && f.section[j - 1] == f.section[j] && f.chars[j - 1] == before)
                    })
                    .collect();
                let mut got: Vec<usize> = index.starts(h, before).collect();
                want.sort_unstable();
                got.sort_unstable();
                assert_eq!(got, want, "{h} {before}");
            }
        }
    }

    #[test]
    fn common_prefixes_of_every_length() {
        let a: Vec<u32> = (0..100).collect();
        for cut in 0..=100 {
            let mut b = a.clone();
            if cut < 100 {
                b[cut] = 1000;
            }
            assert_eq!(common_prefix(&a, &b), cut);
        }
    }
}
