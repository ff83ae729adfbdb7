//! How tall a row of wrapped cells is in Excel's default font.

use super::{LINE_HEIGHT, MAX_ROW_HEIGHT};

/// Display width in columns of Excel's default font: CJK and full-width characters take
/// two, others one.
pub(super) fn width_of(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() || !is_wide(c) { 1 } else { 2 }).sum()
}

fn is_wide(c: char) -> bool {
    crate::text::is_han(c)
        || matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF60 | 0xFFE0..=0xFFE6 | 0x2E80..=0x2FDF | 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

/// Lines a wrapped cell takes in a column `width` characters wide.
#[must_use]
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    // A little narrower than nominal: glyphs are wider than the '0' Excel measures by.
    let per_line = ((width - 1.0) * 0.95).max(1.0);
    text.split('\n')
        .map(|line| {
            #[allow(
                clippy::cast_precision_loss,
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss
            )]
            let n = (width_of(line) as f64 / per_line).ceil() as usize;
            n.max(1)
        })
        .sum()
}

/// Row height in points for the texts of a row in columns of these widths.
pub(super) fn row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells.iter().map(|(t, w)| wrapped_lines(t, *w)).max().unwrap_or(1);
    #[allow(clippy::cast_precision_loss)]
    let h = lines as f64 * LINE_HEIGHT + 3.0;
    h.min(MAX_ROW_HEIGHT)
}
