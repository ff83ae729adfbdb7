//! Quantitative targets: every quantity a document commits to (到2022年培育400家上云标杆企业),
//! with its value in base units, comparator, deadline and metric, and its exact span.
//!
//! A [`Target`]'s span is in **chars** (Unicode scalar values, not bytes) of
//! [`crate::model::Document::text`], like every span in memory; it lies in its section's
//! text, or in its heading when [`Target::field`] says so, and `text` is always that slice, as
//! printed. The JSON record (`record.rs`) gives it relative to that field, as published. The
//! readers of one piece of text ([`extract_text`], [`Found`]) count chars of that text. Matching reads a
//! width-folded copy (full-width digits, ％, ＋ folded by [`crate::text::fold_width_char`]),
//! which has the same char offsets. Values are in base units — 2.6万亿元 → 2.6e12 with unit 元,
//! 100万户 → 1e6 户 — so that one province's 万亿元 and another's 亿元 compare in one table.
//!
//! The stages: `number` reads numerals, magnitudes, units and qualifiers; `scan` finds
//! well-formed quantities (`han` those in Chinese characters) and refuses dates, 文号, list
//! numbers, ordinals, technology names;
//! `context` keeps those that are targets (not subsidies, facts already achieved, routine
//! frequencies, size descriptors); `year` reads deadlines; `metric` names what is counted;
//! `index` answers, once per text, where sentences and clauses begin and end and where each
//! word list occurs, so that judging a quantity never rescans its sentence.
//!
//! Decisions a reader may question, taken on purpose:
//! - a range (增长10%—15%) is one target at its lower bound with comparator ≥;
//! - a bare 万 amount without a unit (常住人口5000万) is a target only after a qualifier or a
//!   verb of achieving; a bare 亿 amount is one (money, unit 元 when the metric names money);
//! - a standalone size class (打造千亿级产业集群) is a target of ≥ 1e11 元, but next to a count
//!   (5家千亿级平台型企业) it only describes what is counted;
//! - subsidies, rewards and caps (给予最高500万元奖励, 设立5000万元专项资金) are instruments,
//!   not targets; so are rankings (前10名) and counts of existing units (全省16个市);
//! - 年均增长12% is due by the sentence's deadline, not 每年; 每年新增100家 is `every_year`;
//! - a target the text leaves undated in an annual plan or evaluation (包头市2022年…考评办法,
//!   2023年工作要点) is due in the title's year, marked `year_from_title`; in a multi-year
//!   plan (（2021—2023年）, 十四五) it stays undated, as every gold set but one annotates it
//!   (see `document::annual_year`);
//! - a quantity whose deadline lies before the document's own year (issue date, else plan
//!   period) reports the past and is dropped by [`extract`], as are all quantities of a
//!   section headed 发展基础, 现状, 执行情况 … (the status quo);
//! - upper bounds get comparators of their own, ≤ and < (PUE降至1.3以下, 控制在5%以内), beside
//!   the issue's ≥ ≈ = >; durations (压缩至3个工作日以内), years of schooling and ages
//!   (受教育年限达到11.5年) count only when such a bound or a level verb states them;
//! - numbers in Chinese characters count only with a measure word and after a verb of
//!   achieving or a qualifier (建设十个园区, 培育百家企业), never in names (“百村千户”工程).

mod context;
mod display;
mod document;
mod han;
mod index;
mod metric;
mod names;
mod number;
mod ratio;
mod record;
mod scan;
mod table;
mod year;

pub use display::{display_value, scaled_value};
pub use table::{CellKind, ColumnKind, IndicatorTable, TableCell, TableRow, indicator_tables};

use serde::{Deserialize, Serialize};

use crate::model::{CharRange, Document, SecIx};

/// How a target relates to its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    /// 以上, 不少于, 达到, “100+”, and the lower bound of a range.
    #[serde(rename = "≥")]
    AtLeast,
    /// 超过, 突破, 逾, 100余家.
    #[serde(rename = ">")]
    MoreThan,
    /// 左右, 约, 近.
    #[serde(rename = "≈")]
    About,
    /// As printed, without a qualifier.
    #[serde(rename = "=")]
    Equal,
    /// 以下, 以内, 不超过 (PUE降至1.3以下).
    #[serde(rename = "≤")]
    AtMost,
    /// 低于, 少于.
    #[serde(rename = "<")]
    LessThan,
}

impl Comparator {
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Self::AtLeast => "≥",
            Self::MoreThan => ">",
            Self::About => "≈",
            Self::Equal => "=",
            Self::AtMost => "≤",
            Self::LessThan => "<",
        }
    }
}

/// When a target is due: a year, or every year (serialised as `"every_year"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// One quantitative target. Serialised as the published record (`record.rs`): `span`
/// relative to its field; read back from one, a target's span is relative to its field and
/// `field_start` is 0.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Target {
    /// [`Document::id`].
    pub doc: String,
    /// [`crate::model::Section::id`].
    pub section: String,
    /// The section's index in [`Document::sections`]: what the app and the export use, so
    /// that they never look the section up by its id again.
    #[serde(skip)]
    pub section_ix: SecIx,
    /// Whether `span` lies in the section's text (almost always) or its heading.
    pub field: Field,
    /// **Char** offsets (not bytes) into [`Document::text`], end exclusive: inside the
    /// section's `text_range` (or `heading_range`).
    pub span: CharRange,
    /// Where the field (`text_range` or `heading_range`) starts in [`Document::text`]: what
    /// the published record's field-relative span is counted from.
    #[serde(skip)]
    pub field_start: usize,
    /// The quantity as printed, qualifiers included: `达到2.6万亿元`, `100家以上`, `“100+”`.
    pub text: String,
    /// In base units: 2.6万亿元 → 2.6e12.
    pub value: f64,
    /// The base unit: 元, 家, 个, 户, 人次, %, 个百分点, P … (empty for “100+” or a bare index).
    pub unit: String,
    pub comparator: Comparator,
    /// When it is due, if the text says.
    pub year: Option<Deadline>,
    /// `year` is not stated with the target: it is the work year of an annual plan or
    /// evaluation, from the document's title (包头市2022年…考评办法); see `document`.
    #[serde(default)]
    pub year_from_title: bool,
    /// What is counted, as printed, e.g. 上云标杆企业.
    pub metric: Option<String>,
    /// An indicator table row's base-year value (same unit as `value`), when the table has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// An indicator table row's 属性: `预期性`, `约束性`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
    /// Read from an indicator table: `span` is the target-year cell in the section's text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub table: bool,
}

/// The base-year value of an indicator (现状, 基期值, the earliest year column).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// In the same base unit as the target's value.
    pub value: f64,
    /// The base year, when the header states it.
    pub year: Option<u16>,
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
    pub baseline: Option<Baseline>,
    pub attribute: Option<String>,
    /// From an indicator table row.
    pub table: bool,
}

/// A quantity that was read and refused as a target, with the reason (`--explain`).
/// Serialised with `span` relative to its field, as a [`Target`] is (`record.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub doc: String,
    pub section: String,
    pub field: Field,
    /// Char offsets into [`Document::text`], inside the section's text (or heading).
    pub span: CharRange,
    /// Where the field starts in [`Document::text`].
    pub field_start: usize,
    pub text: String,
    pub reason: String,
}

/// The value of the first Chinese numeral in `s` (`突破百项` → 100, `两千名` → 2000).
#[must_use]
pub fn han_number(s: &str) -> Option<f64> {
    let c: Vec<char> = s.chars().collect();
    (0..c.len()).find_map(|i| number::read_han(&c, i).map(|(v, _)| v))
}

/// Targets in one text: a section's text or heading. `inherited` is the deadline of the
/// enclosing section, used when the text states none. Spans are char offsets into `text`.
#[must_use]
pub fn extract_text(text: &str, inherited: Option<Deadline>) -> Vec<Found> {
    extract_in(text, inherited, None, Policy::default(), None)
}

/// How strictly a text is read.
#[derive(Debug, Clone, Copy, Default)]
struct Policy {
    /// A 第X条 regulation or 办法: its quantities are norms unless a sentence states them
    /// as a goal with a deadline year.
    normative: bool,
}

/// Refused quantities of one text: span, as printed, reason.
type RefusedIn = Vec<(CharRange, String, &'static str)>;

/// The copy matching reads: the crate's one fold in its same-length form
/// ([`crate::fold::same_length`]: width, PDF radicals, traditional → simplified, case and
/// spaces kept), so offsets are the original's. The full-width comma stays, so that an
/// ASCII comma between digits is a thousands separator.
fn fold(text: &str) -> (Vec<char>, Vec<char>) {
    let o: Vec<char> = text.chars().collect();
    let f = crate::fold::same_length(text)
        .into_iter()
        .zip(&o)
        .map(|(f, &c)| if c == '，' { c } else { f })
        .collect();
    (o, f)
}

/// Words that make a bare 亿 amount money.
const MONEY_WORDS: &[&str] = &[
    "额",
    "规模",
    "收入",
    "产值",
    "增加值",
    "投资",
    "营收",
    "交易",
    "资金",
    "利润",
    "税",
    "消费",
    "总值",
    "销售",
    "融资",
    "出口",
    "进口",
    "贸易",
    "GDP",
    "经济",
    "营业",
    "资产",
    "基金",
];

/// `extract_text`, dropping targets due before `min_year` (they report the past), and
/// collecting the refused quantities with their reasons when `refused` is given.
fn extract_in(
    text: &str,
    inherited: Option<Deadline>,
    min_year: Option<u16>,
    policy: Policy,
    mut refused: Option<&mut RefusedIn>,
) -> Vec<Found> {
    let (o, f) = fold(text);
    let tables = table::read(&f, inherited);
    let in_table = |a: usize| tables.covered.iter().any(|(s, e)| (*s..*e).contains(&a));
    let mut out: Vec<Found> = tables
        .targets
        .into_iter()
        .map(|t| Found {
            text: o[t.span.start..t.span.end].iter().collect(),
            ..t
        })
        .collect();
    let mut quantities = scan::quantities(&f);
    quantities.retain(|q| !in_table(q.start));
    if quantities.is_empty() {
        return out;
    }
    let ix = index::Index::new(&f);
    let (qs, no) = context::judge(&f, &ix, quantities);
    let mut refuse = |q: &scan::Quantity, why: &'static str| {
        if let Some(r) = refused.as_deref_mut() {
            r.push((CharRange::new(q.start, q.end), o[q.start..q.end].iter().collect(), why));
        }
    };
    for (q, why) in &no {
        refuse(q, why);
    }
    if qs.is_empty() {
        return out;
    }
    let deadlines = year::read(&f, min_year);
    let mut previous: Option<(usize, Option<String>)> = None;
    for (k, q) in qs.iter().enumerate() {
        let next = qs.get(k + 1).map_or(f.len(), |n| n.start);
        let sentence = ix.sentence(q.start).0;
        let mut metric = metric::metric(&o, &f, &ix, q, next);
        // An elided subject: 每年推动1万家企业上云，到2025年累计达到10万家.
        if metric.is_none()
            && let Some((s, m)) = &previous
            && *s == sentence
        {
            metric.clone_from(m);
        }
        previous = Some((sentence, metric.clone()));
        let year = deadlines.resolve(&ix, q.start, inherited, q.kind == scan::Kind::Count);
        if let (Some(Deadline::Year(y)), Some(min)) = (year, min_year)
            && y < min
        {
            refuse(q, "due before the document's own year: reports the past");
            continue;
        }
        if policy.normative && !states_goal(&f, &ix, q) {
            refuse(q, "a norm of a 第X条 regulation (no goal with a deadline)");
            continue;
        }
        let money = metric
            .as_deref()
            .is_some_and(|m| MONEY_WORDS.iter().any(|w| m.contains(w)));
        let unit = if q.unit.is_empty() && q.kind == scan::Kind::Money && money {
            "元".to_owned()
        } else {
            q.unit.clone()
        };
        out.push(Found {
            span: CharRange::new(q.start, q.end),
            text: o[q.start..q.end].iter().collect(),
            value: q.value,
            unit,
            comparator: q.comparator,
            year,
            metric,
            baseline: None,
            attribute: None,
            table: false,
        });
    }
    out.sort_by_key(|t| t.span.start);
    out
}

/// In a regulation, a quantity is a goal only when its own sentence states a deadline year
/// (到2025年，全省…达到) or a verb of striving (力争, 争取).
fn states_goal(f: &[char], ix: &index::Index, q: &scan::Quantity) -> bool {
    let (s0, s1) = ix.sentence(q.num_start);
    let sentence: String = f[s0..s1].iter().collect();
    year::marks(&f[s0..s1])
        .iter()
        .any(|m| matches!(m.deadline, Deadline::Year(_)))
        || sentence.contains("力争")
        || sentence.contains("争取")
}

/// Every target of a document, in document order (sections in order, a heading before its
/// text, then by span). A target's deadline is stated in its own sentence or its section's
/// lead (see `year`); a parent section's deadline holds for its children only when its
/// text introduces them (…具体目标如下：).
#[must_use]
pub fn extract(doc: &Document) -> Vec<Target> {
    run(doc, None)
}

/// The quantities of a document that were read and refused as targets, with the reason
/// (`duizhao targets --explain`), in document order.
#[must_use]
pub fn explain(doc: &Document) -> Vec<Refused> {
    let mut refused = Vec::new();
    run(doc, Some(&mut refused));
    refused
}

fn run(doc: &Document, refused: Option<&mut Vec<Refused>>) -> Vec<Target> {
    use rayon::prelude::*;
    let min_year = document::reference_year(doc);
    // An annual plan's or evaluation's year is the deadline of its undated targets.
    let annual = document::annual_year(doc);
    let policy = Policy {
        normative: document::is_regulation(doc),
    };
    let not_past = |d: &Deadline| !matches!((d, min_year), (Deadline::Year(y), Some(m)) if *y < m);
    // The deadline a section hands down to its children: only when its text introduces
    // them (到2025年，具体目标如下：); a lead that ends in a full stop covers its own sentences.
    let handed: Vec<Option<Deadline>> = doc
        .sections
        .iter()
        .map(|s| {
            let introduces = s.text.trim_end().ends_with([':', '：']);
            if s.children.is_empty() || !introduces {
                return None;
            }
            let lead = |t: &str| year::read(&fold(t).1, min_year).lead();
            lead(&s.text).or_else(|| lead(&s.heading)).filter(not_past)
        })
        .collect();
    let listed = document::listed(doc, min_year);
    let ancestors = |s: &crate::model::Section| {
        std::iter::successors(s.parent, |&p| doc.sections.get(p.get()).and_then(|x| x.parent))
    };
    let headings: Vec<String> = doc
        .sections
        .iter()
        .map(|x| fold(&x.heading).1.into_iter().collect())
        .collect();
    let glossaries = document::glossaries(&doc.text);
    let in_glossary = |at: usize| glossaries.iter().any(|(a, b)| (*a..*b).contains(&at));
    let explain = refused.is_some();
    // Each section is read on its own (what it inherits is worked out above), on every core;
    // the targets and refusals are then put in document order.
    let one = |(section_ix, s): (usize, &crate::model::Section)| {
        let mut out = Vec::new();
        let mut refusals = Vec::new();
        // Headings are read folded, as text is (a traditional 發展基礎 is a 发展基础).
        // The headings from the section's own up to its root.
        let path: Vec<&String> = std::iter::once(section_ix)
            .chain(ancestors(s).map(SecIx::get))
            .filter_map(|p| headings.get(p))
            .collect();
        let status_quo = document::not_committed(&path);
        let inherited = ancestors(s)
            .find_map(|p| handed.get(p.get()).copied().flatten())
            .or(listed[section_ix]);
        // A heading takes the deadline that opens its text (1. 形成“5000+”规模。到2025年 …).
        let numeric = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || number::is_han_numeral(c);
        // And a text the deadline its heading states ((二) 2025年目标).
        let (text_lead, heading_lead) = if s.heading.chars().any(numeric) {
            let lead = |t: &str| year::read(&fold(t).1, min_year).lead().filter(not_past);
            (lead(&s.text), lead(&s.heading))
        } else {
            (None, None)
        };
        for (field, text, inh) in [
            (Field::Heading, &s.heading, text_lead.or(inherited)),
            (Field::Text, &s.text, heading_lead.or(inherited)),
        ] {
            let mut no = RefusedIn::new();
            let mut found = extract_in(text, inh, min_year, policy, explain.then_some(&mut no));
            let base = if field == Field::Text {
                s.text_range.start
            } else {
                s.heading_range.start
            };
            found.retain(|f| {
                let defined = in_glossary(base + f.span.start);
                if defined {
                    no.push((f.span, f.text.clone(), "a definition in a glossary (名词解释)"));
                }
                !defined
            });
            if let Some(why) = status_quo {
                // A 发展基础 / 现状 section, or a review of achievements, reports the past.
                no.extend(found.into_iter().map(|f| (f.span, f.text, why)));
            } else {
                let at = Place {
                    doc,
                    section_ix,
                    field,
                    base,
                };
                out.extend(found.into_iter().map(|f| at.target(f, annual)));
            }
            if explain {
                no.sort_by_key(|(span, _, _)| span.start);
                refusals.extend(no.into_iter().map(|(span, text, why)| Refused {
                    doc: doc.id.clone(),
                    section: s.id.clone(),
                    field,
                    span: CharRange::new(base + span.start, base + span.end),
                    field_start: base,
                    text,
                    reason: why.to_owned(),
                }));
            }
        }
        (out, refusals)
    };
    in_order(doc.sections.par_iter().enumerate().map(one).collect(), refused)
}

/// The targets of every section in order, and their refusals appended to `refused`.
fn in_order(read: Vec<(Vec<Target>, Vec<Refused>)>, mut refused: Option<&mut Vec<Refused>>) -> Vec<Target> {
    let mut out = Vec::with_capacity(read.iter().map(|(t, _)| t.len()).sum());
    for (targets, refusals) in read {
        out.extend(targets);
        if let Some(r) = refused.as_deref_mut() {
            r.extend(refusals);
        }
    }
    out
}

/// Where the targets of one field were found: what a [`Found`] needs to become a [`Target`].
struct Place<'a> {
    doc: &'a Document,
    section_ix: usize,
    field: Field,
    /// Where the field starts in the document's text.
    base: usize,
}

impl Place<'_> {
    /// The target of `f`, which takes the annual document's year when it has none.
    fn target(&self, f: Found, annual: Option<u16>) -> Target {
        let base = self.base;
        Target {
            doc: self.doc.id.clone(),
            section: self.doc.sections[self.section_ix].id.clone(),
            section_ix: SecIx(self.section_ix),
            field: self.field,
            span: CharRange::new(base + f.span.start, base + f.span.end),
            field_start: base,
            text: f.text,
            value: f.value,
            unit: f.unit,
            comparator: f.comparator,
            year_from_title: f.year.is_none() && annual.is_some(),
            year: f.year.or(annual.map(Deadline::Year)),
            metric: f.metric,
            baseline: f.baseline,
            attribute: f.attribute,
            table: f.table,
        }
    }
}

#[cfg(test)]
mod tests;
