//! A saved page that holds its document twice.
//!
//! Some government sites carry a second, hidden copy of the document at the end of the page
//! (a print or share version). Saved as text, it follows the page's footer, often as one long
//! line. Read as part of the document, its numbered items became a second run of sections
//! (`一、` … `八、` again, ids `一~2`) and its targets counted twice. The copy is found on
//! the folded text ([`crate::fold`], punctuation and whitespace dropped, so the copy's other
//! line breaks and indents do not matter) and left out of the document.
//!
//! Only a copy at the end is taken, and only one that repeats most of the text before it and
//! repeats the document's opening (its first long paragraph from the first numbered line
//! on): a quotation, a summary repeated in the text, a table's repeated rows, or the
//! unchanged articles of a second, revised version stay. A copy laid out in more numbered
//! lines than the text before it is the better of the two, and both stay.

use rustc_hash::FxHashMap;

use super::Para;
use crate::fingerprint::{gram_hashes, winnow};
use crate::fold::fold_char;

/// Folded characters compared at a time.
const WINDOW: usize = 16;
/// Consecutive windows of which the one with the least hash is kept (winnowing): a copy and
/// its original keep the same windows, and any stretch of [`LONG`] characters keeps one.
const SPAN: usize = 4;
/// Fewest folded characters of a paragraph compared by its windows; a shorter one must
/// equal an earlier paragraph, or (inside a copy) stands between copied ones.
const LONG: usize = WINDOW + SPAN - 1;
/// Fewest folded characters a copy has.
const MIN_COPY: usize = 200;
/// A copy repeats at least this share of the text before it, in folded characters: a hidden
/// copy repeats the whole document (the page's header, footer and links before it make the
/// document 40–75 % of that text on the pages seen), a quotation or a repeated summary a
/// small part.
const MIN_SHARE: f64 = 0.3;
/// Share of a paragraph's kept windows that must occur before the copy.
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
    // [`crate::fold::fold`] with punctuation dropped, char by char: the conversions that look
    // at neighbouring characters do not matter to a copy of the same text.
    let folded: Vec<Vec<u32>> = paras
        .par_iter()
        .with_min_len(256)
        .map(|p| p.text.chars().filter_map(fold_char).map(u32::from).collect())
        .collect();
    let index = Index::new(&folded);
    // The copy's end: past lines of punctuation and a few short lines at the very end.
    let mut end = folded.len();
    let mut tail = 0;
    while end > 0 {
        let f = &folded[end - 1];
        let short_other = f.len() < LONG
            && tail < MAX_TAIL
            && !index.copied(end - 1, end - 1)
            && !index.inside_before(end - 1, end - 1);
        if !f.is_empty() && !short_other {
            break;
        }
        tail += usize::from(!f.is_empty());
        end -= 1;
    }
    // Its start: the earliest long paragraph of an unbroken run of copied ones (short
    // paragraphs between them neither break nor start it), then the short copied lines
    // right before (a heading).
    let mut start = end;
    let mut j = end;
    while j > 0 {
        if folded[j - 1].len() >= LONG {
            if !index.copied(j - 1, j - 1) {
                break;
            }
            start = j - 1;
        }
        j -= 1;
    }
    for _ in 0..MAX_TAIL {
        let before = start.saturating_sub(1);
        if start == 0
            || folded[before].is_empty()
            || folded[before].len() >= LONG
            || !index.inside_before(before, before)
        {
            break;
        }
        start = before;
    }
    let copy: usize = folded[start..end].iter().map(Vec::len).sum();
    let before: usize = folded[..start].iter().map(Vec::len).sum();
    #[allow(clippy::cast_precision_loss)]
    let repeats_most = copy as f64 >= MIN_SHARE * before as f64;
    let checked = (start..end).all(|j| folded[j].len() < LONG || index.copied(j, start));
    // Where the document's numbering starts (without numbering, its first long paragraph):
    // the copy repeats its first long paragraph there or something before it (the unchanged
    // back part of a revised version repeats later articles only).
    let numbered = |p: &Para| crate::lex::number::parse_marker(crate::text::trim(&p.text)).is_some();
    let first = paras[..start].iter().position(numbered).unwrap_or(0);
    let opening = (first..start).find(|&j| folded[j].len() >= LONG);
    let opens_like_the_document = opening.is_none_or(|opening| {
        (start..end).any(|j| folded[j].len() >= LONG && index.first_seen(j).is_some_and(|seen| seen <= opening))
    });
    // A copy laid out in more numbered lines than the text before it is the better of the two
    // (a page's run-on summary of the text, then the text): both stay.
    let better_laid_out = paras[start..end].iter().filter(|p| numbered(p)).count()
        > paras[..start].iter().filter(|p| numbered(p)).count();
    (copy >= MIN_COPY && repeats_most && checked && opens_like_the_document && !better_laid_out).then_some(start..end)
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

/// The windows winnowing keeps of `chars` (position, hash), over whole spans of [`SPAN`]
/// windows only: the last positions, where fewer than [`WINDOW`] characters follow, have no
/// window here but do have one where the text goes on (in the original, for a copy).
fn kept_windows(chars: &[u32]) -> Vec<(usize, u64)> {
    let grams = gram_hashes(chars, WINDOW, |_| false);
    winnow(&grams[..grams.len().saturating_sub(WINDOW - 1)], SPAN)
}

/// Where the kept windows of the folded text first end, by paragraph.
struct Index<'a> {
    folded: &'a [Vec<u32>],
    /// Kept window hash → the first paragraph a window with it ends in.
    windows: FxHashMap<u64, usize>,
    /// A short paragraph's whole folded text → the first paragraph that is exactly it.
    whole: FxHashMap<&'a [u32], usize>,
    /// The folded text, concatenated, and the byte offset of each paragraph in it.
    all: String,
    starts: Vec<usize>,
}

impl<'a> Index<'a> {
    fn new(folded: &'a [Vec<u32>]) -> Self {
        let mut whole = FxHashMap::default();
        let mut all = String::new();
        let mut starts = Vec::with_capacity(folded.len() + 1);
        // Each folded character's paragraph.
        let mut para_of = Vec::new();
        for (j, chars) in folded.iter().enumerate() {
            starts.push(all.len());
            if chars.len() < LONG {
                whole.entry(chars.as_slice()).or_insert(j);
            }
            all.extend(chars.iter().filter_map(|&c| char::from_u32(c)));
            para_of.resize(para_of.len() + chars.len(), j);
        }
        starts.push(all.len());
        // Over the concatenated text: a window may cross paragraphs (a copy on one line joins
        // what were lines of the original).
        let chars: Vec<u32> = folded.concat();
        let mut windows = FxHashMap::default();
        for (at, h) in kept_windows(&chars) {
            windows.entry(h).or_insert(para_of[at + WINDOW - 1]);
        }
        Self {
            folded,
            windows,
            whole,
            all,
            starts,
        }
    }

    /// Whether short paragraph `j` occurs anywhere in the text before paragraph `limit`
    /// (a piece of a copy broken elsewhere than its original). One search of the text: asked
    /// only of the few paragraphs at the copy's ends.
    fn inside_before(&self, j: usize, limit: usize) -> bool {
        let piece: String = self.folded[j].iter().filter_map(|&c| char::from_u32(c)).collect();
        !piece.is_empty() && self.all[..self.starts[limit]].contains(&piece)
    }

    /// The kept windows of paragraph `j` on its own.
    fn kept(&self, j: usize) -> Vec<u64> {
        kept_windows(&self.folded[j]).into_iter().map(|(_, h)| h).collect()
    }

    /// Whether paragraph `j` repeats text that ends before paragraph `limit`: most of its
    /// kept windows do, or (a short one) an earlier paragraph is exactly it. A paragraph of
    /// only punctuation and spaces repeats anything.
    fn copied(&self, j: usize, limit: usize) -> bool {
        let chars = &self.folded[j];
        if chars.is_empty() {
            return true;
        }
        if chars.len() < LONG {
            return self.whole.get(chars.as_slice()).is_some_and(|&first| first < limit);
        }
        let kept = self.kept(j);
        let found = kept
            .iter()
            .filter(|h| self.windows.get(h).is_some_and(|&first| first < limit))
            .count();
        #[allow(clippy::cast_precision_loss)]
        let enough = found as f64 >= MIN_FOUND * kept.len() as f64;
        enough
    }

    /// The first paragraph in which a kept window of paragraph `j` (a long one) occurs.
    fn first_seen(&self, j: usize) -> Option<usize> {
        self.kept(j).iter().filter_map(|h| self.windows.get(h).copied()).min()
    }
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
    fn a_copy_is_found_before_short_lines_and_the_files_last_newline() {
        let mut lines = vec!["关于进一步加强特困人员救助供养工作的通知"];
        lines.extend(ITEMS);
        let copy = ITEMS.join("　　");
        lines.extend([copy.as_str(), "关注我们", "×", ""]);
        assert_eq!(trailing_copy(&paras(&lines)), Some(9..10));
    }

    #[test]
    fn a_copy_broken_into_lines_elsewhere_than_the_original_is_found() {
        let mut lines = vec!["关于进一步加强特困人员救助供养工作的通知"];
        lines.extend(ITEMS);
        let copy: Vec<char> = ITEMS.concat().chars().collect();
        for width in [20, 25, 40, 60] {
            let pieces: Vec<String> = copy.chunks(width).map(|c| c.iter().collect()).collect();
            let mut page = lines.clone();
            page.extend(pieces.iter().map(String::as_str));
            let found = trailing_copy(&paras(&page));
            assert_eq!(found, Some(9..9 + pieces.len()), "lines of {width} characters");
        }
    }

    /// An article of distinct characters (no phrase shared with another article).
    fn article(n: u32) -> String {
        let text: String = (0..30u32)
            .filter_map(|k| char::from_u32(0x4E00 + (n * 613 + k * 37) % 9000))
            .collect();
        format!("第{n}条 {text}。")
    }

    #[test]
    fn the_unchanged_articles_of_a_revised_version_stay() {
        // A regulation, then its revised version with article 5 changed: articles 6–20 of
        // the second repeat the first's, but the second version is no copy.
        let first: Vec<String> = (1..=20).map(article).collect();
        let mut second = first.clone();
        second[4] = format!(
            "第5条 {}。",
            "修订后的条文内容与原条文完全不同并增加了新的管理要求和相应的法律责任"
        );
        let mut lines = vec!["某市养老服务条例".to_owned()];
        lines.extend(first);
        lines.push("某市养老服务条例（2024年修订）".to_owned());
        lines.extend(second);
        let p = paras(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(trailing_copy(&p), None);
        // The same without numbering.
        let bare: Vec<String> = lines
            .iter()
            .map(|l| l.split_once(' ').map_or(l.clone(), |(_, t)| t.to_owned()))
            .collect();
        let p = paras(&bare.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(trailing_copy(&p), None);
        // The same text repeated whole is a copy.
        let mut whole: Vec<String> = (1..=20).map(article).collect();
        whole.extend((1..=20).map(article));
        let p = paras(&whole.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(trailing_copy(&p), Some(20..40));
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
            sentences in proptest::collection::vec("[\u{4E00}-\u{9FA5}]{20,40}", 10..16),
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
