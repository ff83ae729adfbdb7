//! Deciding a leaf's category from its scores: by cue points (with the confident neighbours
//! of a leaf its cues leave open), and the learned model's undecided leaves settled by their
//! near copies in other documents.

use super::{Assignment, CONFIDENT_MARGIN, Evidence, GROUP_SIM, Leaf, NEIGHBOUR_WEIGHT, SECONDARY_SHARE, learn};
use crate::model::Document;

/// Assignments by cue scores alone (no model fits the scheme): a leaf its cues do not settle
/// takes points from the confident leaves among its neighbours in other documents.
pub(super) fn cue_assignments(
    threshold: f32,
    cue_phase: Vec<(Vec<f32>, Vec<Evidence>)>,
    confident: &[Option<usize>],
    neighbours: &[Vec<(usize, f32)>],
    leaves: &[Leaf],
    docs: &[Document],
) -> Vec<Assignment> {
    cue_phase
        .into_iter()
        .enumerate()
        .map(|(i, (mut scores, mut evidence))| {
            if confident[i].is_none() {
                for &(n, sim) in &neighbours[i] {
                    if let Some(c) = confident[n] {
                        let points = sim * NEIGHBOUR_WEIGHT * threshold;
                        scores[c] += points;
                        let nl = leaves[n];
                        evidence.push(Evidence::Neighbour {
                            category: c,
                            doc: docs[nl.doc].id.clone(),
                            section: docs[nl.doc].sections[nl.section].id.clone(),
                            similarity: sim,
                            points,
                        });
                    }
                }
            }
            decide(&scores, evidence, threshold)
        })
        .collect()
}

/// A leaf the model left without a domain because its best one fell just short of the
/// threshold takes that domain when a section of another document, at least [`GROUP_SIM`]
/// similar, has it: near-copies must not fall on two sides of a threshold (one in the
/// domain, the other nowhere). Decided from the assignments as the model made them, so the
/// order of the leaves does not matter.
pub(super) fn agree_with_neighbours(
    assignments: &mut [Assignment],
    best: &[usize],
    neighbours: &[Vec<(usize, f32)>],
    leaves: &[Leaf],
    docs: &[Document],
) {
    let made: Vec<Option<usize>> = assignments.iter().map(|a| a.primary).collect();
    for (i, a) in assignments.iter_mut().enumerate() {
        if made[i].is_some() || a.score < learn::NONE_BELOW / 2.0 {
            continue;
        }
        let agreeing = neighbours[i]
            .iter()
            .find(|&&(n, sim)| sim >= GROUP_SIM && made[n] == Some(best[i]));
        if let Some(&(n, similarity)) = agreeing {
            let nl = leaves[n];
            a.primary = Some(best[i]);
            a.evidence.insert(
                0,
                Evidence::Neighbour {
                    category: best[i],
                    doc: docs[nl.doc].id.clone(),
                    section: docs[nl.doc].sections[nl.section].id.clone(),
                    similarity,
                    points: a.score,
                },
            );
        }
    }
}

/// The best category if it passes the threshold and leads clearly.
pub(super) fn confident_best(scores: &[f32], threshold: f32) -> Option<usize> {
    let (best, top) = argmax(scores)?;
    let second = scores
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, s)| *s)
        .fold(0.0f32, f32::max);
    (top >= threshold && (top - second) >= CONFIDENT_MARGIN * top).then_some(best)
}

/// Highest score, lowest index on ties; `None` when every score is zero.
fn argmax(scores: &[f32]) -> Option<(usize, f32)> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best
}

fn decide(scores: &[f32], mut evidence: Vec<Evidence>, threshold: f32) -> Assignment {
    let best = argmax(scores).filter(|(_, s)| *s >= threshold);
    let top = best.map_or(0.0, |(_, s)| s);
    let mut secondary: Vec<(usize, f32)> = scores
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            Some(*i) != best.map(|b| b.0) && **s >= (SECONDARY_SHARE * top).max(threshold * 0.5) && **s > 0.0
        })
        .map(|(i, s)| (i, *s))
        .collect();
    secondary.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    secondary.truncate(2);
    let points = |e: &Evidence| match e {
        Evidence::Cue(h) => h.points,
        Evidence::Neighbour { points, .. } | Evidence::Preamble { points, .. } | Evidence::Model { points, .. } => {
            *points
        }
        Evidence::Override { .. } => f32::MAX,
    };
    let rank = |e: &Evidence| {
        let c = e.category();
        u8::from(c.is_none() || c != best.map(|b| b.0))
    };
    evidence.sort_by(|a, b| rank(a).cmp(&rank(b)).then(points(b).total_cmp(&points(a))));
    Assignment {
        primary: best.map(|b| b.0),
        score: top,
        secondary,
        group: None,
        evidence,
        overridden: false,
    }
}
