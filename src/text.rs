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

/// Char offsets → byte offsets of one string without rescanning it: the byte offset of
/// every 64th char is kept (1/8 of a byte per char of memory), so a lookup walks at most
/// 63 chars. Build it once per document and slice through it; [`char_slice`] scans from
/// the start every time, which is quadratic when called once per section.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    s: &'a str,
    /// Byte offset of char `k * STEP`.
    marks: Vec<usize>,
    chars: usize,
}

impl<'a> CharIndex<'a> {
    const STEP: usize = 64;

    #[must_use]
    pub fn new(s: &'a str) -> Self {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let mut marks = Vec::with_capacity(s.len() / Self::STEP + 1);
        let mut chars = 0;
        // A char starts at every byte that is not a UTF-8 continuation byte (0b10xx_xxxx):
        // counted over the bytes, without decoding each char of a 7 MB text, eight bytes at
        // a time where no mark falls among them, one at a time where one does.
        let bytes = s.as_bytes();
        let mut b = 0;
        while b < bytes.len() {
            let next_mark = marks.len() * Self::STEP;
            if let Some(word) = bytes.get(b..b + 8) {
                let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
                // Bit 7 of each continuation byte: its bit 7 set, its bit 6 clear.
                let continuations = (w & !(w << 1) & HIGH).count_ones() as usize;
                let starts = 8 - continuations;
                if chars + starts <= next_mark {
                    chars += starts;
                    b += 8;
                    continue;
                }
            }
            for (k, &byte) in bytes[b..].iter().take(8).enumerate() {
                if byte & 0xC0 != 0x80 {
                    if chars % Self::STEP == 0 {
                        marks.push(b + k);
                    }
                    chars += 1;
                }
            }
            b += 8;
        }
        Self { s, marks, chars }
    }

    /// Number of chars in the string.
    #[must_use]
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Byte offset of char `c`, clamped to the end of the string.
    #[must_use]
    pub fn byte(&self, c: usize) -> usize {
        if c >= self.chars {
            return self.s.len();
        }
        let base = self.marks[c / Self::STEP];
        let skip = c % Self::STEP;
        self.s[base..]
            .char_indices()
            .nth(skip)
            .map_or(self.s.len(), |(b, _)| base + b)
    }

    /// `s[start..end]` in chars, clamped like [`char_slice`].
    #[must_use]
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let b_start = self.byte(start);
        let b_end = if end > start { self.byte(end) } else { b_start };
        &self.s[b_start..b_end.max(b_start)]
    }
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

/// `char::is_alphanumeric`, answered first for the CJK unified ideographs of the base block
/// and extension A (every one of them alphanumeric), for which the standard library takes
/// its slow table path: the features of a 7 MB document ask it of millions of chars.
#[must_use]
pub fn is_alphanumeric(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}') || c.is_alphanumeric()
}

pub use crate::fold::is_space;

/// Trim [`is_space`] characters from both ends.
#[must_use]
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Lower-case hex digits of `bytes` (content hashes, GUIDs).
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_han_shortcut_keeps_what_is_alphanumeric() {
        for c in ('\u{3400}'..='\u{4DBF}').chain('\u{4E00}'..='\u{9FFF}') {
            assert!(c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn char_slice_counts_chars_not_bytes() {
        assert_eq!(char_slice("一二三四", 1, 3), "二三");
        assert_eq!(char_slice("一二三四", 3, 10), "四");
        assert_eq!(char_slice("一二", 5, 9), "");
        assert_eq!(char_slice("一二", 1, 1), "");
    }

    #[test]
    fn char_index_agrees_with_char_slice() {
        let s: String = (0..300).map(|i| if i % 3 == 0 { 'a' } else { '中' }).collect();
        let idx = CharIndex::new(&s);
        assert_eq!(idx.chars(), 300);
        for (start, end) in [
            (0, 0),
            (0, 64),
            (63, 65),
            (64, 128),
            (100, 299),
            (299, 400),
            (500, 600),
            (5, 2),
        ] {
            assert_eq!(idx.slice(start, end), char_slice(&s, start, end), "{start}..{end}");
        }
        assert_eq!(CharIndex::new("").slice(0, 3), "");
    }

    proptest::proptest! {
        /// The index (counted eight bytes at a time) finds every char where decoding does,
        /// in any mix of one- to four-byte chars.
        #[test]
        fn char_index_finds_every_char(s in "[a\u{e9}\u{4e2d}\u{1f600}\n]{0,400}") {
            let idx = CharIndex::new(&s);
            let starts: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
            proptest::prop_assert_eq!(idx.chars(), starts.len());
            for (c, &b) in starts.iter().enumerate() {
                proptest::prop_assert_eq!(idx.byte(c), b);
            }
            proptest::prop_assert_eq!(idx.byte(starts.len()), s.len());
        }
    }
}
