//! Reading one table cell: a value cell (`≥50%`, `〔13.5〕`, `6左右`, `—`), a unit cell or
//! the unit in an indicator's parenthesis, the 属性 cell, and telling prose from a cell.

use super::layout::Cell;
use crate::targets::Comparator;
use crate::targets::number::{AFTER, base_unit, magnitude_at, read_arabic, starts_with_at, unit_at, unit_factor};

/// A value cell: `300`, `≥50%`, `〔13.5〕`, `30以上`, `6左右`, `5-8`; `—` and `/` are empty.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct CellValue {
    pub(super) value: Option<f64>,
    pub(super) unit: String,
    pub(super) comparator: Comparator,
    pub(super) cumulative: bool,
}

pub(super) const PREFIXES: &[(&str, Comparator)] = &[
    ("≥", Comparator::AtLeast),
    (">=", Comparator::AtLeast),
    ("≤", Comparator::AtMost),
    ("<=", Comparator::AtMost),
    (">", Comparator::MoreThan),
    ("<", Comparator::LessThan),
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("不高于", Comparator::AtMost),
    ("不超过", Comparator::AtMost),
    ("大于", Comparator::MoreThan),
    ("超过", Comparator::MoreThan),
    ("小于", Comparator::LessThan),
    ("低于", Comparator::LessThan),
    ("达到", Comparator::AtLeast),
    ("约", Comparator::About),
];

/// Verbs of change that open a value cell (下降15%, 累计下降13.5%, 提高3个百分点).
const CHANGES: &[&str] = &[
    "累计下降",
    "累计提高",
    "累计增长",
    "累计减少",
    "年均增长",
    "年均提高",
    "年均下降",
    "下降",
    "降低",
    "减少",
    "提高",
    "提升",
    "增长",
    "增加",
    "累计",
    "年均",
    "力争",
];

pub(super) fn value_cell(f: &[char], c: Cell) -> Option<CellValue> {
    let cell: Vec<char> = f[c.start..c.end].iter().copied().filter(|x| *x != ' ').collect();
    if cell
        .iter()
        .all(|x| matches!(x, '—' | '-' | '–' | '/' | '／' | '无' | '…' | '一'))
    {
        return Some(CellValue {
            value: None,
            unit: String::new(),
            comparator: Comparator::Equal,
            cumulative: false,
        });
    }
    // A verb of change states the value as a change (下降15%, 累计提高3个百分点).
    let mut i = CHANGES
        .iter()
        .filter(|w| starts_with_at(&cell, 0, w))
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    let mut comparator = Comparator::Equal;
    if let Some((w, cmp)) = PREFIXES.iter().find(|(w, _)| starts_with_at(&cell, i, w)) {
        comparator = *cmp;
        i += w.chars().count();
    }
    // 〔4〕, or as a damaged copy prints it: [4], 【4】, (9), [2.75).
    let cumulative = matches!(cell.get(i), Some('〔' | '[' | '【'))
        || cell.get(i) == Some(&'(') && cell.last() == Some(&')') && i == 0;
    i += usize::from(cumulative);
    let (v, mut j) = read_arabic(&cell, i)?;
    // A range 5-8: its lower bound.
    if matches!(cell.get(j), Some('-' | '—' | '~' | '～' | '至'))
        && let Some((_, k)) = read_arabic(&cell, j + 1)
    {
        j = k;
        if comparator == Comparator::Equal {
            comparator = Comparator::AtLeast;
        }
    }
    let mut value = v;
    if let Some((w, m)) = magnitude_at(&cell, j) {
        value *= m;
        j += w.chars().count();
    }
    let mut unit = String::new();
    if let Some(u) = unit_at(&cell, j) {
        value *= unit_factor(u);
        unit = base_unit(u);
        j += u.chars().count();
        // Per head or per area: 5.5万元/人, 600公斤/亩.
        let per = cell[j..]
            .iter()
            .skip(1)
            .take_while(|c| crate::text::is_han(**c))
            .count();
        if cell.get(j) == Some(&'/') && (1..=2).contains(&per) && j + 1 + per == cell.len() {
            unit.extend(&cell[j..]);
            j = cell.len();
        }
    }
    if cumulative && matches!(cell.get(j), Some('〕' | ']' | '】' | ')')) {
        j += 1;
    }
    if let Some((w, cmp)) = AFTER.iter().find(|(w, _)| starts_with_at(&cell, j, w)) {
        comparator = *cmp;
        j += w.chars().count();
    }
    // A footnote mark (60.6*, 45△).
    while matches!(cell.get(j), Some('*' | '※' | '△' | '▲' | '#')) {
        j += 1;
    }
    (j == cell.len()).then_some(CellValue {
        value: Some(value),
        unit,
        comparator,
        cumulative,
    })
}

/// A unit cell (`%`, `亿元`, `万人`, `(个)`): its base unit and factor.
pub(super) fn unit_cell(s: &str) -> Option<(String, f64)> {
    let t: Vec<char> = s
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '（' | '）'))
        .collect();
    if t.is_empty() || t.len() > 8 {
        return None;
    }
    let mut j = 0;
    let mut factor = 1.0;
    if let Some((w, m)) = magnitude_at(&t, 0) {
        factor = m;
        j = w.chars().count();
    }
    let u = unit_at(&t, j)?;
    let j = j + u.chars().count();
    // 万吨标准煤, 亿立方米, 年, 岁, ‰: the rest must be a unit too.
    (j == t.len()).then(|| (base_unit(u), factor * unit_factor(u)))
}

/// Extra units of indicator tables that prose does not count.
pub(super) fn table_unit(s: &str) -> Option<(String, f64)> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '（' | '）'))
        .collect();
    unit_cell(&t).or_else(|| {
        [
            "年",
            "岁",
            "天",
            "小时",
            "分钟",
            "元/人",
            "元/吨",
            "吨/万元",
            "微克/立方米",
        ]
        .iter()
        .find(|u| **u == t)
        .map(|u| ((*u).to_owned(), 1.0))
    })
}

/// An indicator name and the unit in its trailing parenthesis: `算力规模（EFLOPS）`.
pub(super) fn name_and_unit(s: &str) -> (String, Option<(String, f64)>) {
    let t = s.trim();
    // Drop a leading row number: `1.`, `1、`, `(1)`, `1 `.
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let t = if digits > 0
        && t.chars()
            .nth(digits)
            .is_some_and(|c| matches!(c, '.' | '、' | ' ' | '．'))
    {
        t.chars().skip(digits + 1).collect::<String>()
    } else {
        t.to_owned()
    };
    let t = t.trim().to_owned();
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
        && let Some(u) = table_unit(&t[open..])
    {
        return (t[..open].trim_end().to_owned(), Some(u));
    }
    (t, None)
}

pub(super) fn attribute_cell(s: &str) -> Option<String> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    ["预期性", "约束性", "指导性", "预期", "约束"]
        .iter()
        .find(|w| t == **w || t.starts_with(*w) && t.chars().count() <= 5)
        .map(|w| {
            if w.chars().count() == 2 {
                format!("{w}性")
            } else {
                (*w).to_owned()
            }
        })
}

/// Prose, not a cell: a sentence (。) or a long line.
pub(super) fn is_prose(s: &str) -> bool {
    s.contains('。') || s.chars().count() > 40
}
