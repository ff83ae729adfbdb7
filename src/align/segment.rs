//! Word segmentation: jieba's algorithm without its HMM (`Jieba::cut(text, false)` of jieba-rs)
//! over jieba's dictionary, read in place from a trie the build script compiles
//! (`build.rs`), so that a process starts segmenting at once instead of parsing 349,000
//! dictionary lines (≈ 0.15 s). The cut is jieba's, token for token
//! (`tests/segment.rs` compares them on every bundled and gold text and on random strings).
//!
//! The algorithm: text is split into runs of Han characters, ASCII letters, digits and
//! `+#&._%-`, and single other characters; in a run, every dictionary word starting at every
//! character is an edge, and the route with the highest sum of log frequencies wins (on a tie,
//! the longer word); characters the route leaves alone that are ASCII letters or digits are
//! joined into one token.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

static TRIE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba.trie"));

/// The compiled dictionary, read in place: see `build.rs` for the layout.
struct Trie {
    nodes: usize,
    total: u64,
    /// The nodes' labels, two bytes each.
    labels: &'static [u8],
    /// Per node, its first child and its frequency (four bytes each), and a last first child.
    links: &'static [u8],
    /// The root's children by char (BMP), 0 for none: the one lookup every position makes.
    root: Vec<u32>,
}

static DICT: LazyLock<Trie> = LazyLock::new(Trie::read);

/// How many small frequencies have their logarithm in [`LN_SMALL`]: all but 453 of the
/// dictionary's words. The words rarer than 4,096 (99 % of them) were only a quarter of a
/// text's edges; a table of every frequency below 65,536 took 0.4 ms to fill, felt on small
/// corpora.
const LN_TABLE: u32 = 1 << 14;

/// `ln` of the frequencies below [`LN_TABLE`], computed once by the same `ln`: taken per
/// dictionary edge, the logarithm was a seventh of the cut.
static LN_SMALL: LazyLock<Vec<f64>> = LazyLock::new(|| (0..LN_TABLE).map(|f| f64::from(f).ln()).collect());

fn u32_at(b: &[u8], i: usize) -> u32 {
    b.get(i..i + 4)
        .and_then(|w| <[u8; 4]>::try_from(w).ok())
        .map_or(0, u32::from_le_bytes)
}

impl Trie {
    fn read() -> Self {
        assert_eq!(&TRIE[..4], b"DZT2", "the build script's trie");
        let nodes = u32_at(TRIE, 4) as usize;
        let total = u64::from(u32_at(TRIE, 8)) | (u64::from(u32_at(TRIE, 12)) << 32);
        let (labels, links) = TRIE[16..].split_at(2 * nodes);
        let mut trie = Self {
            nodes,
            total,
            labels,
            links,
            root: vec![0; 1 << 16],
        };
        let root: Vec<(usize, usize)> = trie.children(0).map(|n| (trie.label(n) as usize, n)).collect();
        for (c, node) in root {
            trie.root[c] = u32::try_from(node).unwrap_or(0);
        }
        trie
    }

    fn label(&self, node: usize) -> u16 {
        self.labels
            .get(2 * node..2 * node + 2)
            .and_then(|w| <[u8; 2]>::try_from(w).ok())
            .map_or(0, u16::from_le_bytes)
    }

    fn first(&self, node: usize) -> usize {
        u32_at(self.links, 8 * node) as usize
    }

    fn freq(&self, node: usize) -> u32 {
        u32_at(self.links, 8 * node + 4)
    }

    fn children(&self, node: usize) -> std::ops::Range<usize> {
        self.first(node)..self.first(node + 1)
    }

    /// The child of `node` labelled `c`.
    fn child(&self, node: usize, c: char) -> Option<usize> {
        let c = u16::try_from(u32::from(c)).ok()?;
        if node == 0 {
            return Some(self.root[c as usize] as usize).filter(|&n| n != 0);
        }
        let range = self.children(node);
        let (mut lo, mut hi) = (range.start, range.end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.label(mid).cmp(&c) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The node of a whole word or prefix.
    fn find(&self, word: &str) -> Option<usize> {
        word.chars().try_fold(0, |node, c| self.child(node, c))
    }
}

/// jieba's segmenter with words added (`Jieba::add_word(word, None, None)`).
pub struct Segmenter {
    /// Frequencies of added words: overriding a dictionary word's, or new.
    added: FxHashMap<String, u64>,
    /// Dictionary nodes whose frequency an added word replaced: node → log frequency.
    replaced: FxHashMap<usize, f64>,
    /// Added words not in the dictionary, by first char: (word, its chars, log frequency).
    new_words: FxHashMap<char, Vec<(String, usize, f64)>>,
    /// One bit per dictionary node in `replaced`, and per BMP char starting a word of
    /// `new_words`: most edges and positions have none, and a bit says so without hashing
    /// (the two look-ups were a fifth of the cut).
    replaced_bits: Vec<u64>,
    new_word_bits: Vec<u64>,
    log_total: f64,
    total: u64,
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new(std::iter::empty())
    }
}

impl Segmenter {
    /// The dictionary with `terms` of two or more chars added, each at the frequency jieba
    /// suggests for it at that point (so that it is cut as one word), in order.
    pub fn new<'a>(terms: impl Iterator<Item = &'a str>) -> Self {
        let total = DICT.total;
        let mut s = Self {
            added: FxHashMap::default(),
            replaced: FxHashMap::default(),
            new_words: FxHashMap::default(),
            replaced_bits: vec![0; DICT.nodes.div_ceil(64)],
            new_word_bits: vec![0; (1 << 16) / 64],
            log_total: (total as f64).ln(),
            total,
        };
        for t in terms {
            if t.chars().count() >= 2 {
                s.add_word(t);
            }
        }
        s
    }

    fn add_word(&mut self, word: &str) {
        let freq = self.suggest_freq(word);
        let log_freq = (freq as f64).ln();
        if let Some(old) = self.word_freq(word) {
            self.total = self.total + freq - old;
            if let Some(node) = DICT.find(word).filter(|&n| DICT.freq(n) > 0) {
                self.replaced.insert(node, log_freq);
                set_bit(&mut self.replaced_bits, node);
            }
            for w in self.new_words.values_mut().flatten() {
                if w.0 == word {
                    w.2 = log_freq;
                }
            }
        } else {
            self.total += freq;
            if let Some(c) = word.chars().next() {
                let entry = (word.to_owned(), word.chars().count(), log_freq);
                self.new_words.entry(c).or_default().push(entry);
                set_bit(&mut self.new_word_bits, c as usize);
            }
        }
        self.added.insert(word.to_owned(), freq);
        self.log_total = (self.total as f64).ln();
    }

    /// A word's frequency, if it is a word (dictionary or added).
    fn word_freq(&self, word: &str) -> Option<u64> {
        if let Some(&f) = self.added.get(word) {
            return Some(f);
        }
        DICT.find(word).map(|n| DICT.freq(n)).filter(|&f| f > 0).map(u64::from)
    }

    /// jieba's `suggest_freq`: the frequency at which `segment` beats its own cut.
    fn suggest_freq(&self, segment: &str) -> u64 {
        let log_total = self.log_total;
        let log_freq = self.cut(segment).iter().fold(0f64, |acc, &(a, b)| {
            let w = &segment[a as usize..b as usize];
            acc + (self.word_freq(w).unwrap_or(1) as f64).ln() - log_total
        });
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "as jieba: a positive frequency"
        )]
        let suggested = (log_freq + log_total).exp() as u64 + 1;
        suggested.max(self.word_freq(segment).unwrap_or(1))
    }

    /// The cut of a text, as byte ranges of its tokens, in order (jieba's `cut(text, false)`).
    #[must_use]
    pub fn cut(&self, text: &str) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        let at = |b: usize| u32::try_from(b).unwrap_or(u32::MAX);
        let mut rest = text.char_indices().peekable();
        while let Some(&(start, c)) = rest.peek() {
            if is_han_default(c) {
                scratch.chars.clear();
                while let Some(&(i, c)) = rest.peek() {
                    if !is_han_default(c) {
                        break;
                    }
                    scratch.chars.push((i, c));
                    rest.next();
                }
                let end = rest.peek().map_or(text.len(), |&(i, _)| i);
                self.cut_run(text, end, &mut scratch, &mut |a, b| out.push((at(a), at(b))));
            } else {
                rest.next();
                let mut end = start + c.len_utf8();
                if c == '\r' && rest.peek().is_some_and(|&(_, n)| n == '\n') {
                    rest.next();
                    end += 1;
                }
                out.push((at(start), at(end)));
            }
        }
        out
    }

    /// Every word starting at each char of a run: (start char, end char, log frequency), in
    /// the order of their start.
    fn edges(&self, chars: &[(usize, char)], text: &str, edges: &mut Vec<(usize, usize, f64)>) {
        edges.clear();
        let dict: &Trie = &DICT;
        let ln_small = LN_SMALL.as_slice();
        let ln = |f: u32| ln_small.get(f as usize).copied().unwrap_or_else(|| f64::from(f).ln());
        for pos in 0..chars.len() {
            let mut node = 0;
            for (k, &(_, c)) in chars[pos..].iter().enumerate() {
                let Some(next) = dict.child(node, c) else { break };
                node = next;
                let f = dict.freq(node);
                if f > 0 {
                    let log_freq = if bit(&self.replaced_bits, node) {
                        self.replaced.get(&node).copied().unwrap_or_else(|| ln(f))
                    } else {
                        ln(f)
                    };
                    edges.push((pos, pos + k + 1, log_freq));
                }
            }
            let first = chars[pos].1 as usize;
            if (first >= 1 << 16 || bit(&self.new_word_bits, first))
                && let Some(words) = self.new_words.get(&chars[pos].1)
            {
                let from = chars[pos].0;
                for (w, len, log_freq) in words {
                    if pos + len <= chars.len() && text[from..].starts_with(w.as_str()) {
                        edges.push((pos, pos + len, *log_freq));
                    }
                }
            }
        }
    }

    /// The best route through one run and its tokens (`emit(start byte, end byte)`).
    fn cut_run(&self, text: &str, run_end: usize, s: &mut Scratch, emit: &mut dyn FnMut(usize, usize)) {
        let chars = &s.chars;
        let n = chars.len();
        let text_run = &text[..run_end];
        self.edges(chars, text_run, &mut s.edges);
        s.route.clear();
        s.route.resize(n + 1, (0.0, 0));
        s.route[n] = (0.0, n);
        let log1 = 0.0f64 - self.log_total;
        let mut e = s.edges.len();
        for idx in (0..n).rev() {
            let mut best: Option<(f64, usize)> = None;
            while e > 0 && s.edges[e - 1].0 == idx {
                e -= 1;
                let (_, end, log_freq) = s.edges[e];
                let prob = log_freq - self.log_total + s.route[end].0;
                // jieba's comparison, equality included: a tie goes to the longer word.
                #[allow(clippy::float_cmp)]
                let better = best.is_none_or(|b| prob > b.0 || (prob == b.0 && end > b.1));
                if better {
                    best = Some((prob, end));
                }
            }
            s.route[idx] = best.unwrap_or((log1 + s.route[idx + 1].0, idx + 1));
        }
        let byte = |i: usize| chars.get(i).map_or(run_end, |&(b, _)| b);
        let mut x = 0;
        let mut left: Option<usize> = None;
        while x < n {
            let y = s.route[x].1;
            if y - x == 1 && chars[x].1.is_ascii_alphanumeric() {
                left.get_or_insert(x);
            } else {
                if let Some(l) = left.take() {
                    emit(byte(l), byte(x));
                }
                emit(byte(x), byte(y));
            }
            x = y;
        }
        if let Some(l) = left {
            emit(byte(l), byte(n));
        }
    }
}

#[derive(Default)]
struct Scratch {
    chars: Vec<(usize, char)>,
    edges: Vec<(usize, usize, f64)>,
    route: Vec<(f64, usize)>,
}

/// jieba's `RE_HAN_DEFAULT`: CJK ideographs, ASCII letters and digits, `+#&._%-`.
fn is_han_default(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
    } else {
        matches!(c,
            '\u{4E00}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2A6DF}'
            | '\u{2A700}'..='\u{2B73F}'
            | '\u{2B740}'..='\u{2B81F}'
            | '\u{2B820}'..='\u{2CEAF}'
            | '\u{2CEB0}'..='\u{2EBEF}'
            | '\u{2F800}'..='\u{2FA1F}')
    }
}

fn set_bit(bits: &mut [u64], i: usize) {
    if let Some(w) = bits.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

/// Bit `i` of `bits` (clear past the end).
fn bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// How many nodes the compiled dictionary has (for tests and benchmarks).
#[must_use]
pub fn dictionary_nodes() -> usize {
    DICT.nodes
}
