//! Small text helpers shared by every stage: char slicing, numerals, character classes. The
//! folding used for matching is [`crate::fold`]; the width fold and the space class are
//! re-exported here for the readers that use them.

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

pub use crate::fold::width as fold_width_char;

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

pub use crate::fold::is_space;

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
}
