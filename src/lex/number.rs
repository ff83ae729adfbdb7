//! Recognising a section number at the start of a paragraph: 一、 (一) （一） 1. 1、 1．
//! (1) （1） ① 第一章 第一节 第一条 第一部分.

use crate::model::MarkerKind;

/// A number found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub kind: MarkerKind,
    /// The number's value (一 → 1, ⑫ → 12).
    pub value: u32,
    /// The number as printed, without surrounding spaces, e.g. `（三）`.
    pub printed: String,
    /// Chars consumed: the number and any spaces after it.
    pub len: usize,
}

impl Marker {
    /// The number as it appears in a path: half-width parentheses, no trailing 、 or dot.
    #[must_use]
    pub fn path_label(&self) -> String {
        let folded: String = self
            .printed
            .chars()
            .map(crate::text::fold_width_char)
            .filter(|c| !c.is_whitespace())
            .collect();
        match self.kind {
            MarkerKind::Hanzi | MarkerKind::Arabic => folded.trim_end_matches(['、', '.', ',', '，']).to_owned(),
            _ => folded,
        }
    }
}

const HAN_DIGITS: &str = "零〇一二三四五六七八九十百两";

/// Value of a Chinese numeral up to the hundreds: 一 十 十一 二十 二十三 一百零五.
#[must_use]
pub fn han_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 6 {
        return None;
    }
    let digit = crate::text::han_digit;
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    for c in s.chars() {
        match c {
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            '百' => {
                total += current.unwrap_or(1) * 100;
                current = None;
            }
            _ => {
                let d = digit(c)?;
                current = Some(current.map_or(d, |v| v * 10 + d));
            }
        }
    }
    let v = total + current.unwrap_or(0);
    (v > 0).then_some(v)
}

fn is_open_paren(c: char) -> bool {
    matches!(c, '(' | '（')
}
fn is_close_paren(c: char) -> bool {
    matches!(c, ')' | '）')
}
fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{00A0}')
}

fn circled_value(c: char) -> Option<u32> {
    let u = c as u32;
    match u {
        0x2460..=0x2473 => Some(u - 0x2460 + 1),
        0x3251..=0x325F => Some(u - 0x3251 + 21),
        0x32B1..=0x32BF => Some(u - 0x32B1 + 36),
        0x2776..=0x277F => Some(u - 0x2776 + 1),
        _ => None,
    }
}

/// Largest Arabic list number taken on its own: above it, `2025、` or `500.` is more likely a
/// year or a quantity than item 500, so such a number counts only when it continues its
/// list ([`parse_marker_unbounded`]).
pub const MAX_FREE_NUMBER: u32 = 300;

/// Largest Arabic list number at all (five digits).
pub const MAX_LIST_NUMBER: u32 = 99_999;

/// Recognise a section number at the start of `line` (already trimmed on the left).
/// Arabic numbers above [`MAX_FREE_NUMBER`] are not taken.
#[must_use]
pub fn parse_marker(line: &str) -> Option<Marker> {
    parse_marker_upto(line, MAX_FREE_NUMBER)
}

/// [`parse_marker`] with Arabic numbers up to [`MAX_LIST_NUMBER`]: for a caller that checks a
/// large number continues the list before it (item 301 after item 300).
#[must_use]
pub fn parse_marker_unbounded(line: &str) -> Option<Marker> {
    parse_marker_upto(line, MAX_LIST_NUMBER)
}

fn parse_marker_upto(line: &str, max: u32) -> Option<Marker> {
    // Small form variants (`1﹒`, `﹙一﹚`) are read as what they stand for; one char for
    // one, so `used` counts the line's own chars. The window holds the longest marker with a
    // bracketed article title (`第一百二十三条（…）`).
    let chars: Vec<char> = line
        .chars()
        .take(8 + MAX_ARTICLE_TITLE + 2)
        .map(crate::fold::small_form)
        .collect();
    let first = *chars.first()?;
    let (kind, value, used) = if let Some(v) = circled_value(first) {
        (MarkerKind::Circled, v, 1)
    } else if first == '第' {
        parse_ordinal(&chars)?
    } else if is_open_paren(first) {
        parse_paren(&chars, max)?
    } else if first.is_ascii_digit() || ('０'..='９').contains(&first) {
        parse_arabic(&chars, max)?
    } else if HAN_DIGITS.contains(first) {
        parse_hanzi(&chars)?
    } else {
        return None;
    };
    let printed: String = line.chars().take(used).collect();
    let spaces = chars[used..].iter().take_while(|c| is_inline_space(**c)).count();
    // `(9) |`: a table's cell, not a heading.
    if matches!(chars.get(used + spaces), Some('|' | '｜')) {
        return None;
    }
    Some(Marker {
        kind,
        value,
        printed,
        len: used + spaces,
    })
}

/// An annex heading on a line of its own: `附件`, `附件1`, `附件 2`, `附件三`, optionally with
/// a short title after a space or colon (`附件1：名词解释`). Not the attachment list at the end
/// of a notice (`附件：1.名词解释`, `附件：重点任务分工方案`: a colon straight after 附件) and
/// not a sentence (`附件所列…`). The printed number is `附件1`-style; the value is the
/// annex's number (1 for an unnumbered one).
#[must_use]
pub fn annex_marker(line: &str) -> Option<Marker> {
    let t = line.trim_end_matches(crate::text::is_space);
    let rest = t.strip_prefix("附件")?;
    if t.chars().count() > MAX_ANNEX_LINE {
        return None;
    }
    let chars: Vec<char> = rest.chars().collect();
    let spaces = chars.iter().take_while(|c| is_inline_space(**c)).count();
    let digits = chars[spaces..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(*c) || HAN_DIGITS.contains(**c))
        .count();
    if digits > 3 {
        return None;
    }
    let number: String = chars[spaces..spaces + digits].iter().collect();
    let value = if digits == 0 {
        1
    } else if number.chars().all(|c| HAN_DIGITS.contains(c)) {
        han_value(&number)?
    } else {
        let folded: String = number.chars().map(crate::text::fold_width_char).collect();
        folded.parse().ok()?
    };
    let after = &chars[spaces + digits..];
    let gap = after
        .iter()
        .take_while(|c| is_inline_space(**c) || matches!(c, '：' | ':'))
        .count();
    let title: String = after[gap..].iter().collect();
    let colon = after[..gap].iter().any(|c| matches!(c, '：' | ':'));
    let ok = if title.is_empty() {
        true
    } else {
        // A title must be set off from the number (附件所列 is a sentence), and after a bare
        // 附件 only a space will do (附件：… lists the attachments).
        (gap > 0 && (digits > 0 || !colon))
            && !title.contains(['。', '；', ';', '，', ','])
            && !title
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '（' || c == '(')
    };
    ok.then(|| Marker {
        kind: MarkerKind::Annex,
        value,
        printed: format!("附件{number}"),
        len: 2 + spaces + digits + gap,
    })
}

/// Longest line read as an annex heading with its title (chars).
const MAX_ANNEX_LINE: usize = 48;

/// 第一章 第二节 第三条 第四部分 第五篇 — followed by a space, the end, or a heading.
fn parse_ordinal(chars: &[char]) -> Option<(MarkerKind, u32, usize)> {
    let digits: String = chars[1..]
        .iter()
        .take_while(|c| HAN_DIGITS.contains(**c) || c.is_ascii_digit())
        .collect();
    let n = digits.chars().count();
    if n == 0 {
        return None;
    }
    let value = if digits.chars().all(|c| c.is_ascii_digit()) {
        digits.parse().ok()?
    } else {
        han_value(&digits)?
    };
    let rest: String = chars[1 + n..].iter().collect();
    let (kind, unit_len) = if rest.starts_with("部分") {
        (MarkerKind::Part, 2)
    } else if rest.starts_with('篇') {
        (MarkerKind::Part, 1)
    } else if rest.starts_with('章') {
        (MarkerKind::Chapter, 1)
    } else if rest.starts_with('节') {
        (MarkerKind::Subchapter, 1)
    } else if rest.starts_with('条') {
        (MarkerKind::Article, 1)
    } else {
        return None;
    };
    let used = 1 + n + unit_len;
    // 第一条规定… is a sentence, not a number: a number is followed by a space, a break,
    // or punctuation (第一章　总则 / 第一条 为了… / 第一部分：…).
    match chars.get(used) {
        None => {}
        Some(c) if is_inline_space(*c) || matches!(c, '：' | ':' | '、' | '.' | '．') => {}
        Some(_) if matches!(kind, MarkerKind::Chapter | MarkerKind::Part | MarkerKind::Subchapter) => {}
        // 第一条（目的和依据）: an article with its title in brackets, as many local rules print it.
        Some('（' | '(') if kind == MarkerKind::Article && bracketed_title(&chars[used..]) => {}
        Some(_) => return None,
    }
    let extra = usize::from(matches!(chars.get(used), Some('：' | ':' | '、' | '.' | '．')));
    Some((kind, value, used + extra))
}

/// Does `chars` open with a short bracketed title of Han characters (`（目的和依据）`)?
fn bracketed_title(chars: &[char]) -> bool {
    let inside: Vec<char> = chars
        .iter()
        .skip(1)
        .take_while(|c| !matches!(c, '）' | ')'))
        .take(MAX_ARTICLE_TITLE + 1)
        .copied()
        .collect();
    (2..=MAX_ARTICLE_TITLE).contains(&inside.len())
        && chars.get(inside.len() + 1).is_some_and(|c| matches!(c, '）' | ')'))
        && !inside.iter().all(|c| c.is_ascii_digit() || HAN_DIGITS.contains(*c))
        && !inside.iter().any(|c| matches!(c, '。' | '；' | ';' | '，' | ',' | '第'))
        // A citation of items (`（一至三项）`), not a title.
        && !(inside.last().is_some_and(|c| matches!(c, '项' | '款' | '目'))
            && inside[..inside.len() - 1]
                .iter()
                .all(|c| c.is_ascii_digit() || HAN_DIGITS.contains(*c) || matches!(c, '至' | '、' | '和' | '或')))
}

/// Longest bracketed article title (chars).
const MAX_ARTICLE_TITLE: usize = 16;

/// (一) （一） ( 一 ) (1) （1）
fn parse_paren(chars: &[char], max: u32) -> Option<(MarkerKind, u32, usize)> {
    let mut i = 1;
    while chars.get(i).is_some_and(|c| is_inline_space(*c)) {
        i += 1;
    }
    let start = i;
    while chars
        .get(i)
        .is_some_and(|c| HAN_DIGITS.contains(*c) || c.is_ascii_digit() || ('０'..='９').contains(c))
    {
        i += 1;
    }
    let inner: String = chars[start..i]
        .iter()
        .map(|c| crate::text::fold_width_char(*c))
        .collect();
    while chars.get(i).is_some_and(|c| is_inline_space(*c)) {
        i += 1;
    }
    if inner.is_empty() || !chars.get(i).is_some_and(|c| is_close_paren(*c)) {
        return None;
    }
    let used = i + 1;
    if inner.chars().all(|c| c.is_ascii_digit()) {
        let v: u32 = inner.parse().ok().filter(|v| (1..=max).contains(v))?;
        Some((MarkerKind::ParenArabic, v, used))
    } else {
        Some((MarkerKind::ParenHanzi, han_value(&inner)?, used))
    }
}

/// 1、 1. 1． 1， — but not 2.6万, 2020年, 5G or 1.1.2 style decimals.
fn parse_arabic(chars: &[char], max: u32) -> Option<(MarkerKind, u32, usize)> {
    let n = chars
        .iter()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(*c))
        .count();
    if n == 0 || n > 5 {
        return None;
    }
    let digits: String = chars[..n].iter().map(|c| crate::text::fold_width_char(*c)).collect();
    let v: u32 = digits.parse().ok().filter(|v| (1..=max).contains(v))?;
    let sep = *chars.get(n)?;
    if !matches!(sep, '、' | '.' | '．') {
        return None;
    }
    // 2.6亿 or 1.1: a decimal or a sub-number, not a list number; but a schedule's item may
    // open with its date (`2.2025年6月底前，…`): no decimal has a year's four digits and 年.
    let digit = |i: usize| {
        chars
            .get(i)
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
    };
    let year_follows = sep != '、'
        && n <= 2
        && (n + 1..n + 5).all(digit)
        && chars.get(n + 5) == Some(&'年')
        && matches!(
            (
                chars.get(n + 1).map(|c| crate::text::fold_width_char(*c)),
                chars.get(n + 2).map(|c| crate::text::fold_width_char(*c))
            ),
            (Some('1'), Some('9')) | (Some('2'), Some('0'))
        );
    if digit(n + 1) && !year_follows {
        return None;
    }
    Some((MarkerKind::Arabic, v, n + 1))
}

/// 一、 十二、 — but not 一、二、三次产业 (a list of numerals). PDF and OCR text may put a
/// space before the 、 (`三 、加强组织实施`); up to two are taken.
fn parse_hanzi(chars: &[char]) -> Option<(MarkerKind, u32, usize)> {
    let n = chars.iter().take_while(|c| HAN_DIGITS.contains(**c)).count();
    let gap = chars[n..].iter().take(3).take_while(|c| is_inline_space(**c)).count();
    let sep = n + gap;
    if n == 0 || n > 4 || gap > 2 || chars.get(sep) != Some(&'、') {
        return None;
    }
    let next_is_numeral = chars
        .get(sep + 1)
        .is_some_and(|c| HAN_DIGITS.contains(*c) && *c != '两')
        && chars
            .iter()
            .skip(sep + 2)
            .find(|c| !is_inline_space(**c))
            .is_some_and(|c| *c == '、' || HAN_DIGITS.contains(*c));
    if next_is_numeral {
        return None;
    }
    let digits: String = chars[..n].iter().collect();
    Some((MarkerKind::Hanzi, han_value(&digits)?, sep + 1))
}

/// The conventional nesting of Chinese official documents, used when a document has not yet
/// shown which of two kinds contains the other. Lower is higher up.
#[must_use]
pub fn conventional_rank(kind: MarkerKind) -> i32 {
    match kind {
        MarkerKind::Annex => -20,
        MarkerKind::Heading(l) => i32::from(l) - 10,
        MarkerKind::Part => 0,
        MarkerKind::Chapter => 1,
        MarkerKind::Subchapter => 2,
        MarkerKind::Article => 3,
        MarkerKind::Hanzi => 4,
        MarkerKind::ParenHanzi => 5,
        MarkerKind::Arabic => 6,
        MarkerKind::ParenArabic => 7,
        MarkerKind::Circled => 8,
        MarkerKind::WordList(l) => 9 + i32::from(l),
        MarkerKind::Preamble | MarkerKind::Paragraph => 20,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(s: &str) -> Option<(MarkerKind, u32, String)> {
        parse_marker(s).map(|m| (m.kind, m.value, m.path_label()))
    }

    #[test]
    fn numerals() {
        assert_eq!(han_value("一"), Some(1));
        assert_eq!(han_value("十"), Some(10));
        assert_eq!(han_value("十一"), Some(11));
        assert_eq!(han_value("二十三"), Some(23));
        assert_eq!(han_value("一百零五"), Some(105));
        assert_eq!(han_value("零"), None);
        assert_eq!(han_value("甲"), None);
    }

    #[test]
    fn every_numbering_style() {
        assert_eq!(kv("一、总体要求"), Some((MarkerKind::Hanzi, 1, "一".into())));
        assert_eq!(kv("十二、其他"), Some((MarkerKind::Hanzi, 12, "十二".into())));
        // PDF/OCR text with a space before the 、; a list of numerals stays prose.
        assert_eq!(kv("三 、加强组织实施"), Some((MarkerKind::Hanzi, 3, "三".into())));
        assert_eq!(kv("十一\u{3000}、其他"), Some((MarkerKind::Hanzi, 11, "十一".into())));
        assert_eq!(kv("一 、二 、三次产业"), None);
        assert_eq!(kv("三   、加强"), None);
        assert_eq!(kv("(一)指导思想"), Some((MarkerKind::ParenHanzi, 1, "(一)".into())));
        assert_eq!(
            kv("（十一）在线科技服务"),
            Some((MarkerKind::ParenHanzi, 11, "(十一)".into()))
        );
        assert_eq!(kv("( 七 ) 提升"), Some((MarkerKind::ParenHanzi, 7, "(七)".into())));
        assert_eq!(kv("1、打造"), Some((MarkerKind::Arabic, 1, "1".into())));
        assert_eq!(kv("12. 推进"), Some((MarkerKind::Arabic, 12, "12".into())));
        assert_eq!(kv("3．推进"), Some((MarkerKind::Arabic, 3, "3".into())));
        assert_eq!(kv("（2）加强"), Some((MarkerKind::ParenArabic, 2, "(2)".into())));
        assert_eq!(kv("③完善"), Some((MarkerKind::Circled, 3, "③".into())));
        assert_eq!(kv("第三章　保障措施"), Some((MarkerKind::Chapter, 3, "第三章".into())));
        assert_eq!(
            kv("第十二条 本办法"),
            Some((MarkerKind::Article, 12, "第十二条".into()))
        );
        assert_eq!(kv("第二部分 重点任务"), Some((MarkerKind::Part, 2, "第二部分".into())));
        assert_eq!(kv("2.2025年6月底前，完成"), Some((MarkerKind::Arabic, 2, "2".into())));
        assert_eq!(kv("1.2025亿元"), None);
        assert_eq!(kv("3.5年内"), None);
        // OCR and old web text drop the space after a 节 as after a 章.
        assert_eq!(
            kv("第一节加强农业基础设施建设"),
            Some((MarkerKind::Subchapter, 1, "第一节".into()))
        );
    }

    #[test]
    fn an_article_may_carry_its_title_in_brackets() {
        assert_eq!(
            kv("第三条（适用范围）本办法适用于"),
            Some((MarkerKind::Article, 3, "第三条".into()))
        );
        assert_eq!(kv("第十条(定义)"), Some((MarkerKind::Article, 10, "第十条".into())));
        assert_eq!(
            kv("第一百二十一条（资金申报拨付和信息公开）"),
            Some((MarkerKind::Article, 121, "第一百二十一条".into()))
        );
        // A sentence that cites an article's item, or a bracket holding a clause, is not one.
        assert_eq!(kv("第五条（一）项所列情形"), None);
        assert_eq!(kv("第五条（本条所称企业，是指）"), None);
        assert_eq!(kv("第二条（一至三项）所列情形"), None);
        assert_eq!(kv("第二条（第一项）所列单位"), None);
        assert_eq!(
            kv("第九条（项目审核）"),
            Some((MarkerKind::Article, 9, "第九条".into()))
        );
        assert_eq!(kv("第五条规定的"), None);
    }

    #[test]
    fn small_form_punctuation_numbers_as_its_usual_form() {
        // Some PDF fonts and typesetting give `1﹒` (U+FE52) for `1.`, `﹙一﹚`, `二﹑`.
        assert_eq!(kv("12﹒推进标识解析"), Some((MarkerKind::Arabic, 12, "12".into())));
        assert_eq!(kv("﹙三﹚加强"), Some((MarkerKind::ParenHanzi, 3, "(三)".into())));
        assert_eq!(kv("二﹑保障措施"), Some((MarkerKind::Hanzi, 2, "二".into())));
        let m = parse_marker("7﹒ 培育平台").expect("a number");
        assert_eq!(
            (m.printed.as_str(), m.len),
            ("7﹒", 3),
            "printed as it stands, length in its chars"
        );
        assert_eq!(kv("2﹒6亿元"), None, "still a decimal");
    }

    #[test]
    fn look_alikes_are_not_numbers() {
        for s in [
            "2.6万亿元",
            "2020年6月29日",
            "5G网络",
            "一、二、三次产业融合",
            "第84次常务会议",
            "第一条规定",
            "（此件公开发布）",
            "(牵头单位：市发改委)",
            "1.5亿",
            "2022年",
            "一批企业",
            "十分重要",
            "100+",
            // A table's cell, a cell per line closed by its bar.
            "(9) |",
            "12 |",
        ] {
            assert_eq!(parse_marker(s), None, "{s}");
        }
    }

    #[test]
    fn spaces_after_the_number_are_consumed() {
        let m = parse_marker("1. 推动企业深度上云").expect("marker");
        assert_eq!(m.len, 3);
        assert_eq!(m.printed, "1.");
    }

    #[test]
    fn annex_lines_are_read_and_attachment_lists_and_sentences_are_not() {
        let annex = |s: &str| annex_marker(s).map(|m| (m.value, m.path_label(), m.len));
        assert_eq!(annex("附件"), Some((1, "附件".to_owned(), 2)));
        assert_eq!(annex("附件 1"), Some((1, "附件1".to_owned(), 4)));
        assert_eq!(annex("附件２"), Some((2, "附件2".to_owned(), 3)));
        assert_eq!(annex("附件三"), Some((3, "附件三".to_owned(), 3)));
        assert_eq!(annex("附件1：名词解释"), Some((1, "附件1".to_owned(), 4)));
        assert_eq!(annex("附件 2 重点任务分工"), Some((2, "附件2".to_owned(), 5)));
        for s in [
            "附件：1.名词解释",
            "附件：重点任务分工方案",
            "附件所列任务由各部门落实。",
            "附件1：甲，乙",
            "附件下载",
            "附件12345",
            "本方案附件",
        ] {
            assert_eq!(annex_marker(s), None, "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn an_annex_marker_never_reads_past_its_line(s in "附件\\PC{0,60}") {
            if let Some(m) = annex_marker(&s) {
                proptest::prop_assert!(m.len <= s.chars().count());
            }
        }
    }
}
