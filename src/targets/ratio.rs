//! Ratios printed as `a∶b` (∶ U+2236, or a colon; ： is folded to `:`): 城乡居民收入比缩小到
//! 2.2∶1以内 is one value, the quotient 2.2, with its qualifiers, not 2.2 and a separate 1以内.

use super::Comparator;
use super::number::{level_verb_before, read_arabic, tidy};
use super::scan::{Kind, Quantity, bad_prev, qualify, quoted};

/// The ratio starting with the number `v` at `[s, e)` of the width-folded `f`: `None` when
/// no ratio follows the number (or the number is part of a name or code, see `bad_prev`), `Some(None)` when one does but nothing sets it (按1∶1配套 is
/// a rule: like a bare number, a ratio needs a qualifier or a verb that sets a level,
/// 缩小到1.2∶1, 控制在2.2∶1以内), else the quantity.
#[allow(
    clippy::option_option,
    reason = "no ratio / a ratio refused / the ratio, read by the caller with `if let`"
)]
pub(super) fn read(f: &[char], s: usize, e: usize, v: f64) -> Option<Option<Quantity>> {
    if s > 0 && bad_prev(f[s - 1]) {
        return None;
    }
    let (quotient, i) = ratio_end(f, s, e, v)?;
    let (start, end, comparator) = qualify(f, s, i, Comparator::Equal);
    let set = start < s || end > i || level_verb_before(f, s) || s > 0 && matches!(f[s - 1], '到' | '至');
    if !set {
        return Some(None);
    }
    let (start, end) = quoted(f, start, end);
    Some(Some(Quantity {
        start,
        end,
        num_start: s,
        value: tidy(quotient),
        unit: String::new(),
        comparator,
        kind: Kind::Other,
        han: false,
    }))
}

/// The quotient of a ratio after the number `v` at `[s, e)` and where its second number
/// ends. A clock time (9:30, 18:00: an hour, a colon and two digits of minutes) and a
/// proportion of three parts or more (1:2:3, 10:30:00) are none; a 比 earlier in the clause
/// names a ratio, whatever its form (师生比达到1:15).
fn ratio_end(f: &[char], s: usize, e: usize, v: f64) -> Option<(f64, usize)> {
    let sep = *f.get(e)?;
    if !matches!(sep, '∶' | ':') || !f.get(e + 1).is_some_and(char::is_ascii_digit) {
        return None;
    }
    let (b, e2) = read_arabic(f, e + 1)?;
    let clock = sep == ':'
        && !f[s..e].contains(&'.')
        && v <= 24.0
        && e2 - (e + 1) == 2
        && f[e + 1..e2].iter().all(char::is_ascii_digit)
        && !ratio_named_before(f, s);
    let more = matches!(f.get(e2), Some('∶' | ':')) && f.get(e2 + 1).is_some_and(char::is_ascii_digit);
    (!clock && !more && b > 0.0).then(|| (v / b, e2))
}

/// How far back in its clause a 比 names the ratio at `s` (城乡居民人均可支配收入之比缩小到).
const RATIO_WORD_REACH: usize = 16;

/// A 比 (收入比, 之比, 师生比) in the clause before `s`, not that of 比赛 (a match).
fn ratio_named_before(f: &[char], s: usize) -> bool {
    let from = s.saturating_sub(RATIO_WORD_REACH);
    let clause = f[from..s]
        .iter()
        .rposition(|c| matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '\n'))
        .map_or(from, |p| from + p + 1);
    (clause..s).any(|i| f[i] == '比' && f.get(i + 1) != Some(&'赛'))
}
