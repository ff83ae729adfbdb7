//! The published records of a target (`duizhao targets --json`, the basket's JSON export)
//! and of a refused quantity (`--explain`): as in memory, but with `span` counted from the
//! start of its field (the section's text or heading), as README's schema gives it. The conversion from the document's coordinates
//! happens here, at serialisation, and nowhere else.

use serde::{Serialize, Serializer};

use super::{Baseline, Comparator, Deadline, Field, Refused, Target};
use crate::model::CharRange;

/// `span` counted from `field_start`.
fn relative(span: CharRange, field_start: usize) -> CharRange {
    let at = |i: usize| i.saturating_sub(field_start);
    CharRange::new(at(span.start), at(span.end))
}

impl Target {
    /// The span counted from the start of its field ([`Target::field`]): chars of the
    /// section's text (or heading), as the JSON record gives it.
    #[must_use]
    pub fn field_span(&self) -> CharRange {
        relative(self.span, self.field_start)
    }
}

impl Refused {
    /// The span counted from the start of its field, as the JSON record gives it.
    #[must_use]
    pub fn field_span(&self) -> CharRange {
        relative(self.span, self.field_start)
    }
}

/// [`Refused`]'s fields in the published order, `span` relative to the field.
#[derive(Serialize)]
struct RefusedRecord<'a> {
    doc: &'a str,
    section: &'a str,
    field: Field,
    span: CharRange,
    text: &'a str,
    reason: &'a str,
}

impl Serialize for Refused {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RefusedRecord {
            doc: &self.doc,
            section: &self.section,
            field: self.field,
            span: self.field_span(),
            text: &self.text,
            reason: &self.reason,
        }
        .serialize(s)
    }
}

/// [`Target`]'s fields in the published order, `span` relative to the field.
#[derive(Serialize)]
struct Record<'a> {
    doc: &'a str,
    section: &'a str,
    field: Field,
    span: CharRange,
    text: &'a str,
    value: f64,
    unit: &'a str,
    comparator: Comparator,
    year: Option<Deadline>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    year_from_title: bool,
    metric: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<Baseline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribute: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    table: bool,
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Record {
            doc: &self.doc,
            section: &self.section,
            field: self.field,
            span: self.field_span(),
            text: &self.text,
            value: self.value,
            unit: &self.unit,
            comparator: self.comparator,
            year: self.year,
            year_from_title: self.year_from_title,
            metric: self.metric.as_deref(),
            baseline: self.baseline,
            attribute: self.attribute.as_deref(),
            table: self.table,
        }
        .serialize(s)
    }
}
