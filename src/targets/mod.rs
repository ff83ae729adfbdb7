//! Quantitative targets: every quantity a document commits to (到2022年培育400家上云标杆企业),
//! with its value in base units, comparator, deadline and metric, and its exact span.
//!
//! Spans are **char offsets** into [`crate::model::Section::text`] (or into the heading, when
//! [`Target::field`] says so). Values are in base units: 2.6万亿元 → 2.6e12 with unit 元, so
//! that one province's 万亿元 and another's 亿元 compare in one table.

mod metric;
pub mod scan;

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::model::{CharRange, Document};
pub use scan::Comparator;

/// When a target is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Deadline {
    Year(u16),
    #[serde(with = "every_year")]
    EveryYear,
}

mod every_year {
    //! `"every_year"` in JSON.
    pub fn serialize<S: serde::Serializer>(s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("every_year")
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<(), D::Error> {
        let v = <String as serde::Deserialize>::deserialize(d)?;
        if v == "every_year" {
            Ok(())
        } else {
            Err(serde::de::Error::custom("expected \"every_year\""))
        }
    }
}

impl std::fmt::Display for Deadline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Year(y) => write!(f, "{y}"),
            Self::EveryYear => f.write_str("每年"),
        }
    }
}

/// Which text of the section a span points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Heading,
    Text,
}

/// One quantitative target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub doc: String,
    /// Section id.
    pub section: String,
    pub field: Field,
    /// Char offsets into the section's text (or heading).
    pub span: CharRange,
    /// The quantity as printed, e.g. `100家以上`.
    pub text: String,
    /// In base units.
    pub value: f64,
    pub unit: String,
    pub comparator: Comparator,
    pub year: Option<Deadline>,
    /// What is counted, e.g. 上云标杆企业.
    pub metric: Option<String>,
}

/// A target found in one piece of text (before it is tied to a document).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub span: CharRange,
    pub text: String,
    pub value: f64,
    pub unit: String,
    pub comparator: Comparator,
    pub year: Option<Deadline>,
    pub metric: Option<String>,
}

static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:力争|预计|计划)?(?:到|至|截至|截止到?|于)\s*((?:19|20)\d{2})\s*年(?:底|末|前|年底|年末)?|((?:19|20)\d{2})\s*年(?:底|末|前)|(?:^|[，,。；;])\s*((?:19|20)\d{2})\s*年\s*[，,])")
        .expect("deadline regex")
});
static EVERY_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"每年|年均|每一年").expect("every-year regex"));

/// Deadlines stated in a text: (char offset, year).
fn deadlines(text: &str) -> Vec<(usize, u16)> {
    DEADLINE
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3))?;
            // 2021年3月: a date, not a deadline.
            let after = &text[m.end()..];
            let after = after.trim_start_matches(|ch: char| ch == '年' || ch.is_whitespace());
            if after.starts_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            Some((text[..m.start()].chars().count(), m.as_str().parse().ok()?))
        })
        .collect()
}

fn sentence_bounds(chars: &[char], at: usize) -> (usize, usize) {
    let stop = |c: &char| matches!(c, '。' | '；' | ';' | '\n' | '！' | '？');
    let start = chars[..at.min(chars.len())].iter().rposition(stop).map_or(0, |p| p + 1);
    let end = chars[at.min(chars.len())..]
        .iter()
        .position(stop)
        .map_or(chars.len(), |p| at + p);
    (start, end)
}

/// Targets in one text. `inherited` is the deadline of the enclosing section, used when the
/// text states none.
#[must_use]
pub fn extract_text(text: &str, inherited: Option<Deadline>) -> Vec<Found> {
    let chars: Vec<char> = text.chars().collect();
    let all_deadlines = deadlines(text);
    scan::quantities(text)
        .into_iter()
        .map(|q| {
            let (s0, s1) = sentence_bounds(&chars, q.number_start);
            let sentence: String = chars[s0..s1].iter().collect();
            let in_sentence: Vec<(usize, u16)> = all_deadlines
                .iter()
                .copied()
                .filter(|(p, _)| (s0..s1).contains(p))
                .collect();
            let every = EVERY_YEAR
                .find(&sentence)
                .is_some_and(|m| s0 + sentence[..m.start()].chars().count() < q.start);
            let year = if every {
                Some(Deadline::EveryYear)
            } else {
                nearest(&in_sentence, q.start)
                    .or_else(|| nearest(&all_deadlines, q.start))
                    .map(Deadline::Year)
                    .or(inherited)
            };
            Found {
                span: CharRange::new(q.start, q.end),
                text: chars[q.start..q.end].iter().collect(),
                value: q.value,
                unit: q.unit.clone(),
                comparator: q.comparator,
                year,
                metric: metric::metric(&chars, q.start, q.number_end, s0, s1),
            }
        })
        .collect()
}

/// The nearest deadline before `at`, else the first after it.
fn nearest(deadlines: &[(usize, u16)], at: usize) -> Option<u16> {
    deadlines
        .iter()
        .rev()
        .find(|(p, _)| *p <= at)
        .or_else(|| deadlines.iter().find(|(p, _)| *p > at))
        .map(|(_, y)| *y)
}

/// Every target of a document, in document order.
#[must_use]
pub fn extract(doc: &Document) -> Vec<Target> {
    let mut out = Vec::new();
    for (i, s) in doc.sections.iter().enumerate() {
        // A deadline stated once by an enclosing section (主要目标：力争到2025年 …) holds for
        // the items beneath it.
        let mut inherited = None;
        let mut p = s.parent;
        while let Some(pi) = p {
            let parent = &doc.sections[pi];
            let stated = deadlines(&parent.text)
                .into_iter()
                .chain(deadlines(&parent.heading))
                .next();
            if let Some((_, y)) = stated {
                inherited = Some(Deadline::Year(y));
                break;
            }
            p = parent.parent;
        }
        let own_year = deadlines(&s.text)
            .first()
            .map(|(_, y)| Deadline::Year(*y))
            .or(inherited);
        let _ = i;
        for (field, text, inh) in [
            (Field::Heading, &s.heading, own_year),
            (Field::Text, &s.text, inherited),
        ] {
            for f in extract_text(text, inh) {
                out.push(Target {
                    doc: doc.id.clone(),
                    section: s.id.clone(),
                    field,
                    span: f.span,
                    text: f.text,
                    value: f.value,
                    unit: f.unit,
                    comparator: f.comparator,
                    year: f.year,
                    metric: f.metric,
                });
            }
        }
    }
    out
}

/// The value for a tooltip or table: `2.6万亿 元 (2.6e12)`, `29 %`, `≥ 100 家`.
#[must_use]
pub fn display_value(t: &Target) -> String {
    let v = t.value;
    let (scaled, word) = if v >= 1e12 {
        (v / 1e12, "万亿")
    } else if v >= 1e8 {
        (v / 1e8, "亿")
    } else if v >= 1e4 && v.fract() == 0.0 && (v / 1e4).fract() == 0.0 {
        (v / 1e4, "万")
    } else {
        (v, "")
    };
    let num = format!("{scaled}");
    let cmp = if t.comparator == Comparator::Equal {
        String::new()
    } else {
        format!("{} ", t.comparator.symbol())
    };
    if word.is_empty() {
        format!("{cmp}{num} {}", t.unit)
    } else {
        format!("{cmp}{num}{word} {} ({v:e})", t.unit)
    }
}

#[cfg(test)]
mod tests;
