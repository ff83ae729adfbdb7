//! A saved page that holds its document twice.
//!
//! Some government sites carry a second, hidden copy of the document at the end of the page
//! (a print or share version). Saved as text, it follows the page's footer, often as one long
//! line. Read as part of the document, its numbered items became a second run of sections
//! (`一、` … `八、` again, ids `一~2`) and its targets counted twice. The copy is found on
//! the folded text ([`crate::fold`], punctuation and whitespace dropped, so the copy's other
//! line breaks and indents do not matter) and left out of the document.
//!
//! Only a copy at the end is taken, and only one that repeats most of the text before it:
//! a quotation, a summary repeated in the text, or a table's repeated rows stay.

use rustc_hash::FxHashMap;

use super::Para;
use crate::fold::char_form;

/// Folded characters compared at a time.
const WINDOW: usize = 16;
/// One window in this many (chosen by its hash, so a copy samples the same windows as its
/// original) is compared: the text before a copy is indexed at a quarter of the cost.
const SAMPLE: u64 = 4;
/// Fewest folded characters a copy has.
const MIN_COPY: usize = 200;
/// A copy repeats at least this share of the text before it, in folded characters: a hidden
/// copy repeats the whole document (the page's header, footer and links before it make the
/// document 40–75 % of that text on the pages seen), a quotation or a repeated summary a
/// small part.
const MIN_SHARE: f64 = 0.3;
/// Share of a paragraph's sampled windows that must occur before the copy.
const MIN_FOUND: f64 = 0.9;
/// Largest text checked, in bytes: the check folds and indexes the whole text (some 5 ms of
/// CPU per MB, measured on a 7 MB file that repeats itself), and the pages that carry a
/// hidden copy are a few tens of kilobytes.
const MAX_CHECKED: usize = 2 << 20;
/// Short paragraphs after the copy (a footer's last words) that do not stop it being the end.
const MAX_TAIL: usize = 8;

/// The paragraphs `[start, end)` that repeat the text before them, when the document ends
/// with such a copy (followed by at most [`MAX_TAIL`] short paragraphs, which stay).
#[must_use]
pub fn trailing_copy(paras: &[Para]) -> Option<std::ops::Range<usize>> {
    use rayon::prelude::*;
    if paras.iter().map(|p| p.text.len()).sum::<usize>() > MAX_CHECKED || !tail_occurs_before(paras) {
        return None;
    }
    let folded: Vec<Vec<char>> = paras
        .par_iter()
        .with_min_len(256)
        .map(|p| {
            // [`crate::fold::fold`] with punctuation dropped, char by char: the conversions
            // that look at neighbouring characters do not matter to a copy of the same text.
            p.text
                .chars()
                .map(char_form)
                .filter(|&c| crate::text::is_alphanumeric(c))
                .collect()
        })
        .collect();
    let index = Index::new(&folded);
    // The copy's end: past a few short paragraphs at the very end.
    let mut end = folded.len();
    while end > 0 && folded.len() - end < MAX_TAIL && folded[end - 1].len() < WINDOW && !index.copied(end - 1, end - 1)
    {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && index.copied(start - 1, start - 1) {
        start -= 1;
    }
    // Lines of only punctuation at either end are not the copy's.
    while start < end && folded[start].is_empty() {
        start += 1;
    }
    while end > start && folded[end - 1].is_empty() {
        end -= 1;
    }
    let copy: usize = folded[start..end].iter().map(Vec::len).sum();
    let before: usize = folded[..start].iter().map(Vec::len).sum();
    #[allow(clippy::cast_precision_loss)]
    let repeats_most = copy as f64 >= MIN_SHARE * before as f64;
    let checked = (start..end).all(|j| index.copied(j, start));
    (copy >= MIN_COPY && repeats_most && checked).then_some(start..end)
}

/// A quick necessary condition, on the original text: one of the three longest runs of
/// letters and digits of the last long paragraph occurs in an earlier paragraph (one, not
/// all: a copy on one line runs together what were lines of the original). It spares
/// folding a document that has no copy.
fn tail_occurs_before(paras: &[Para]) -> bool {
    /// Fewest characters of a run looked for.
    const MIN_RUN: usize = WINDOW / 2;
    let Some(last) = paras.iter().rposition(|p| p.text.chars().count() >= WINDOW) else {
        return false;
    };
    let mut runs: Vec<(usize, &str)> = paras[last]
        .text
        .split(|c: char| !crate::text::is_alphanumeric(c))
        .map(|run| (run.chars().count(), run))
        .filter(|&(n, _)| n >= MIN_RUN)
        .collect();
    runs.sort_by_key(|&(n, _)| std::cmp::Reverse(n));
    runs.iter()
        .take(3)
        .any(|(_, run)| paras[..last].iter().any(|p| p.text.contains(run)))
}

/// Where the sampled windows of the folded text first end, by paragraph.
struct Index<'a> {
    folded: &'a [Vec<char>],
    /// Sampled window hash → the first paragraph a window with it ends in.
    windows: FxHashMap<u64, usize>,
    /// A short paragraph's whole folded text → the first paragraph that is exactly it.
    whole: FxHashMap<&'a [char], usize>,
}

impl<'a> Index<'a> {
    fn new(folded: &'a [Vec<char>]) -> Self {
        let mut windows = FxHashMap::default();
        let mut whole = FxHashMap::default();
        // Over the concatenated text: a window may cross paragraphs (a copy on one line joins
        // what were lines of the original).
        let mut roll = Rolling::default();
        for (j, chars) in folded.iter().enumerate() {
            if chars.len() < WINDOW {
                whole.entry(chars.as_slice()).or_insert(j);
            }
            for &c in chars {
                if let Some(h) = roll.push(c).filter(|&h| sampled(h)) {
                    windows.entry(h).or_insert(j);
                }
            }
        }
        Self { folded, windows, whole }
    }

    /// Whether paragraph `j` repeats text that ends before paragraph `limit`: most of its
    /// sampled windows do, or (a paragraph with none) an earlier paragraph is exactly it.
    /// A paragraph of only punctuation and spaces repeats anything.
    fn copied(&self, j: usize, limit: usize) -> bool {
        let chars = &self.folded[j];
        if chars.is_empty() {
            return true;
        }
        let (mut sampled_n, mut found) = (0usize, 0usize);
        let mut roll = Rolling::default();
        for &c in chars {
            if let Some(h) = roll.push(c).filter(|&h| sampled(h)) {
                sampled_n += 1;
                found += usize::from(self.windows.get(&h).is_some_and(|&first| first < limit));
            }
        }
        if sampled_n == 0 {
            return self.whole.get(chars.as_slice()).is_some_and(|&first| first < limit);
        }
        #[allow(clippy::cast_precision_loss)]
        let enough = found as f64 >= MIN_FOUND * sampled_n as f64;
        enough
    }
}

/// A polynomial hash of the last [`WINDOW`] characters pushed, updated in constant time.
#[derive(Default)]
struct Rolling {
    ring: [u64; WINDOW],
    pushed: usize,
    hash: u64,
}

impl Rolling {
    const BASE: u64 = 0x0000_0100_0000_01b3;

    /// Push a character; the window's hash once it holds [`WINDOW`] characters.
    fn push(&mut self, c: char) -> Option<u64> {
        /// `BASE` to the power `WINDOW - 1`.
        const TOP: u64 = {
            let mut p = 1u64;
            let mut i = 1;
            while i < WINDOW {
                p = p.wrapping_mul(Rolling::BASE);
                i += 1;
            }
            p
        };
        let slot = self.pushed % WINDOW;
        let c = u64::from(u32::from(c)) + 1;
        if self.pushed >= WINDOW {
            self.hash = self.hash.wrapping_sub(self.ring[slot].wrapping_mul(TOP));
        }
        self.hash = self.hash.wrapping_mul(Self::BASE).wrapping_add(c);
        self.ring[slot] = c;
        self.pushed += 1;
        // Mixed, so that the sample and the map see well-spread bits.
        (self.pushed >= WINDOW).then(|| (self.hash ^ (self.hash >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }
}

/// Whether a window with this hash is one of those compared.
fn sampled(h: u64) -> bool {
    (h >> 60).is_multiple_of(SAMPLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(lines: &[&str]) -> Vec<Para> {
        lines
            .iter()
            .map(|t| Para {
                text: (*t).to_owned(),
                ..Para::default()
            })
            .collect()
    }

    const ITEMS: [&str; 8] = [
        "一、认定范围",
        "本市特困人员认定条件按国家、省有关规定实施，特困人员经济状况核对标准参照本市最低生活保障家庭标准执行。",
        "二、认定程序",
        "根据国家、省有关特困人员认定管理的规定，市、区社会救助部门应当建立健全特困人员认定工作机制，做好申请受理、审核确认等工作。",
        "三、供养标准",
        "特困人员基本生活标准按本市最低生活保障标准的1.6倍确定，照料护理标准按照生活自理能力分档确定，每年公布一次。",
        "四、供养形式",
        "区民政部门应在特困人员签订供养意愿书之日起1个月内，根据其生活自理能力和本人意愿安排集中供养或者分散供养。",
    ];

    #[test]
    fn a_pages_hidden_copy_on_one_line_is_found_and_the_footer_after_it_stays() {
        let mut lines = vec!["广州市人民政府办公厅关于进一步加强特困人员救助供养工作的通知"];
        lines.extend(ITEMS);
        lines.extend(["广州市人民政府办公厅", "2021年4月13日", "返回顶部"]);
        let copy = format!(
            "广州市人民政府办公厅关于进一步加强特困人员救助供养工作的通知　　{}",
            ITEMS.join("　　")
        );
        lines.push(&copy);
        lines.push("×");
        lines.push("关注我们");
        let p = paras(&lines);
        assert_eq!(trailing_copy(&p), Some(12..13));
    }

    #[test]
    fn a_copy_over_several_lines_with_other_breaks_is_found() {
        let mut lines = vec!["关于进一步加强特困人员救助供养工作的通知"];
        lines.extend(ITEMS);
        // The copy joins each heading to its text and breaks the long items elsewhere.
        let joined: Vec<String> = ITEMS.chunks(2).map(|c| format!("{} {}", c[0], c[1])).collect();
        lines.extend(joined.iter().map(String::as_str));
        let p = paras(&lines);
        assert_eq!(trailing_copy(&p), Some(9..13));
    }

    #[test]
    fn a_repeated_part_or_a_short_repeat_is_no_copy() {
        // The last item quoted again at the end: a small share of the text.
        let mut lines = vec!["关于进一步加强特困人员救助供养工作的通知"];
        lines.extend(ITEMS);
        lines.push(ITEMS[7]);
        assert_eq!(trailing_copy(&paras(&lines)), None);
        // The whole text repeated, but shorter than a copy is taken for.
        let short = ["一、总则", "本办法适用于本市。", "一、总则", "本办法适用于本市。"];
        assert_eq!(trailing_copy(&paras(&short)), None);
        // A text that repeats in the middle and ends with its own words.
        let mut lines: Vec<&str> = ITEMS.to_vec();
        lines.extend(ITEMS);
        lines.push("本通知自印发之日起施行，有效期5年，由市民政局负责解释并组织实施本通知规定的各项工作。");
        assert_eq!(trailing_copy(&paras(&lines)), None);
    }

    proptest::proptest! {
        /// Any paragraphs: no panic, and a range found lies inside them and after the text it
        /// repeats.
        #[test]
        fn any_paragraphs_give_a_range_inside_them(lines in proptest::collection::vec(".{0,60}", 0..30)) {
            let p = paras(&lines.iter().map(String::as_str).collect::<Vec<_>>());
            if let Some(r) = trailing_copy(&p) {
                proptest::prop_assert!(r.start > 0 && r.start < r.end && r.end <= p.len());
            }
        }

        /// A text of distinct sentences followed by all of them again on one line, with other
        /// spacing: the line is the copy.
        #[test]
        fn a_text_followed_by_itself_on_one_line_is_a_copy(
            sentences in proptest::collection::vec("[\u{4E00}-\u{9FA5}]{20,40}", 8..16),
        ) {
            let mut lines: Vec<String> = sentences.iter().map(|t| format!("{t}。")).collect();
            lines.push(sentences.join("　　"));
            let p = paras(&lines.iter().map(String::as_str).collect::<Vec<_>>());
            proptest::prop_assert_eq!(trailing_copy(&p), Some(sentences.len()..sentences.len() + 1));
        }
    }

    #[test]
    fn texts_without_a_repeat_are_left_alone() {
        assert_eq!(trailing_copy(&paras(&ITEMS)), None);
        assert_eq!(trailing_copy(&[]), None);
        assert_eq!(trailing_copy(&paras(&["", "×", "-"])), None);
    }
}
