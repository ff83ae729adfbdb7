//! Targets as people read them: a number without trailing zeros, a magnitude word (万, 亿,
//! 万亿) for Chinese units, the comparator first.

use super::{Comparator, Target};

/// A number for display: at most six decimals, no trailing zeros.
fn number(x: f64) -> String {
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// The value with a magnitude word for reading, without unit or comparator: `2.6万亿`,
/// `1800万`, `29`, `15000` (Latin units and rates are never scaled).
#[must_use]
pub fn scaled_value(t: &Target) -> String {
    let (scaled, word) = scale(t);
    format!("{}{word}", number(scaled))
}

fn scale(t: &Target) -> (f64, &'static str) {
    let v = t.value;
    let scalable = t.unit.is_empty() || t.unit.chars().all(crate::text::is_han) && t.unit != "个百分点";
    match v.abs() {
        a if scalable && a >= 1e12 => (v / 1e12, "万亿"),
        a if scalable && a >= 1e8 => (v / 1e8, "亿"),
        a if scalable && a >= 1e4 && (v / 1e4 * 100.0).fract() == 0.0 => (v / 1e4, "万"),
        _ => (v, ""),
    }
}

/// The value for a tooltip or table: `≥ 2.6 万亿元 (2.6e12 元)`, `29 %`, `≈ 10 家`,
/// `1800 万户 (1.8e7 户)`. The comparator comes first unless it is `=`.
#[must_use]
pub fn display_value(t: &Target) -> String {
    let v = t.value;
    let cmp = if t.comparator == Comparator::Equal {
        String::new()
    } else {
        format!("{} ", t.comparator.symbol())
    };
    let (scaled, word) = scale(t);
    let shown = if word.is_empty() {
        format!("{cmp}{} {}", number(v), t.unit)
    } else {
        format!("{cmp}{} {word}{} ({v:e} {})", number(scaled), t.unit, t.unit)
    };
    shown.trim_end().to_owned()
}
