//! Small text helpers shared by every stage: char slicing and the folding used for matching.
//!
//! Folding (full-width → half-width, ideographic space → space, whitespace removed) is only
//! ever applied to a copy used for comparison; displayed and exported text stays original.

/// `s[start..end]` in chars, clamped to the string.
#[must_use]
pub fn char_slice(s: &str, start: usize, end: usize) -> &str {
    let mut it = s.char_indices().map(|(b, _)| b).chain(std::iter::once(s.len()));
    let b_start = it.by_ref().nth(start).unwrap_or(s.len());
    let b_end = if end > start {
        it.nth(end - start - 1).unwrap_or(s.len())
    } else {
        b_start
    };
    &s[b_start..b_end.max(b_start)]
}

/// Full-width ASCII variants (！ to ～) and the ideographic space folded to ASCII.
#[must_use]
pub fn fold_width_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Width-folded, whitespace-free copy for matching.
#[must_use]
pub fn fold_for_match(s: &str) -> String {
    s.chars().map(fold_width_char).filter(|c| !c.is_whitespace()).collect()
}

/// The value of one Chinese numeral digit (零 〇 一 二 两 … 九).
#[must_use]
pub fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// True for the CJK unified ideographs (base block and extension A).
#[must_use]
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whitespace including the ideographic space and the BOM/zero-width characters web pages leave.
#[must_use]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{00A0}')
}

/// Trim [`is_space`] characters from both ends.
#[must_use]
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_slice_counts_chars_not_bytes() {
        assert_eq!(char_slice("一二三四", 1, 3), "二三");
        assert_eq!(char_slice("一二三四", 3, 10), "四");
        assert_eq!(char_slice("一二", 5, 9), "");
        assert_eq!(char_slice("一二", 1, 1), "");
    }

    #[test]
    fn folding_matches_full_and_half_width() {
        assert_eq!(fold_for_match("（一）ＡＢ　１２"), "(一)AB12");
        assert_eq!(fold_for_match("a b\tc"), "abc");
    }
}
