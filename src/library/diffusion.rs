//! Who took wording from whom, for a timeline: each pair of documents that share text
//! becomes an arrow from the source to the document that took from it, by the pair's
//! direction hint (a citation of the source, else the dates), weighted by the share of the
//! taker's text that is shared.

use crate::model::Document;
use crate::reuse::{DirectionReason, Link};

/// One arrow of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: crate::model::DocIx,
    pub to: crate::model::DocIx,
    /// Share (0–1) of `to`'s text shared with `from` (boilerplate excluded).
    pub share: f32,
    /// The direction rests on a citation (else on the dates).
    pub cited: bool,
}

/// A document's place on the time axis: its year with the month and day as a fraction
/// (2021-07-01 → 2021.5); `None` when it has no date.
#[must_use]
pub fn when(doc: &Document) -> Option<f64> {
    let m = &doc.meta;
    if let Some(d) = m.date_issued.as_deref().or(m.date_published.as_deref()) {
        let mut parts = d.split('-').map(|p| p.parse::<u32>().ok());
        let (Some(Some(y)), month, day) = (parts.next(), parts.next().flatten(), parts.next().flatten()) else {
            return None;
        };
        let month = month.unwrap_or(1).clamp(1, 12);
        let day = day.unwrap_or(1).clamp(1, 31);
        return Some(f64::from(y) + f64::from(month - 1) / 12.0 + f64::from(day - 1) / 365.0);
    }
    m.period.map(|p| f64::from(p[0]))
}

/// The arrows of the pairs whose direction is known and whose shared share of the taker is
/// at least `min_share`, strongest first, at most `limit`. The pairs are an overview's links
/// ([`crate::reuse::Overview::links`]): exact figures in a small corpus, estimates in a
/// large one.
#[must_use]
pub fn edges(pairs: &[Link], min_share: f32, limit: usize) -> Vec<Edge> {
    let mut out: Vec<Edge> = pairs
        .iter()
        .filter_map(|p| {
            let d = p.direction.as_ref()?;
            let share = if d.to == p.a { p.coverage_a } else { p.coverage_b };
            (share >= min_share).then_some(Edge {
                from: d.from,
                to: d.to,
                share,
                cited: matches!(d.reason, DirectionReason::Cites { .. }),
            })
        })
        .collect();
    out.sort_by(|x, y| y.share.total_cmp(&x.share).then((x.from, x.to).cmp(&(y.from, y.to))));
    out.truncate(limit);
    out
}

/// For each document that took wording, only its likeliest source: the pair it shares most
/// of its text with, a source it cites preferred over one that is only earlier. Among near
/// copies every document shares text with every earlier one, and all their arrows together
/// hide who took from whom; this keeps one arrow per taker, a tree of the diffusion.
/// Strongest first, as [`edges`].
#[must_use]
pub fn likely_sources(edges: &[Edge]) -> Vec<Edge> {
    let mut best: std::collections::HashMap<crate::model::DocIx, &Edge> = std::collections::HashMap::new();
    for e in edges {
        let better = best.get(&e.to).is_none_or(|b| {
            (e.cited, e.share)
                .partial_cmp(&(b.cited, b.share))
                .is_some_and(std::cmp::Ordering::is_gt)
                || ((e.cited, e.share) == (b.cited, b.share) && e.from < b.from)
        });
        if better {
            best.insert(e.to, e);
        }
    }
    let mut out: Vec<Edge> = best.into_values().cloned().collect();
    out.sort_by(|x, y| y.share.total_cmp(&x.share).then((x.from, x.to).cmp(&(y.from, y.to))));
    out
}
