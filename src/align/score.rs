//! Cue scoring: every cue term of every scheme found in one pass (Aho–Corasick, overlapping
//! matches) over a section's heading, body and the headings above it; each category scores
//! the weighted sum of its cues, with the evidence kept for the reader.

use aho_corasick::AhoCorasick;
use serde::Serialize;

use super::taxonomy::Taxonomy;

/// Where a cue was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// The section's own heading.
    Heading,
    /// The section's body text.
    Body,
    /// A heading of a section above it (its part or chapter).
    Context,
}

/// Weight of a cue found in an enclosing section's heading, relative to a body occurrence.
pub const CONTEXT_FACTOR: f32 = 1.0;

/// One cue found, and what it added to its category's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CueHit {
    pub category: usize,
    pub term: String,
    pub place: Place,
    pub count: u32,
    pub weight: f32,
    pub points: f32,
}

/// The cue automaton for a taxonomy.
pub struct CueMatcher {
    ac: Option<AhoCorasick>,
    /// Per pattern: (scheme, category, weight) for each place the term is a cue.
    owners: Vec<Vec<(usize, usize, f32)>>,
    terms: Vec<String>,
}

/// The cue terms found in a section's heading, body and context: (term, occurrences),
/// ascending by term.
#[derive(Debug, Clone, Default)]
pub struct Found([Vec<(usize, u32)>; 3]);

impl Found {
    /// The cue terms found in the body.
    #[must_use]
    pub fn body(&self) -> &[(usize, u32)] {
        &self.0[1]
    }
}

/// A section's text in matching form, split by place.
pub struct Texts<'a> {
    pub heading: &'a str,
    pub body: &'a str,
    pub context: &'a str,
}

impl CueMatcher {
    #[must_use]
    pub fn new(taxonomy: &Taxonomy) -> Self {
        let mut terms: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<(usize, usize, f32)>> = Vec::new();
        for (si, s) in taxonomy.schemes.iter().enumerate() {
            for (ci, c) in s.categories.iter().enumerate() {
                for (term, w) in &c.cues {
                    let idx = terms.iter().position(|t| t == term).unwrap_or_else(|| {
                        terms.push(term.clone());
                        owners.push(Vec::new());
                        terms.len() - 1
                    });
                    owners[idx].push((si, ci, *w));
                }
            }
        }
        let ac = AhoCorasick::new(&terms).ok();
        Self { ac, owners, terms }
    }

    /// The cue terms found in one text: (term, occurrences), ascending by term.
    #[must_use]
    pub fn counts(&self, text: &str) -> Vec<(usize, u32)> {
        let Some(ac) = &self.ac else { return Vec::new() };
        let mut counts: Vec<(usize, u32)> = Vec::new();
        for m in ac.find_overlapping_iter(text) {
            let p = m.pattern().as_usize();
            match counts.iter_mut().find(|(q, _)| *q == p) {
                Some((_, n)) => *n += 1,
                None => counts.push((p, 1)),
            }
        }
        counts.sort_unstable();
        counts
    }

    /// Scores of every category of `scheme` for one section, and the hits behind them.
    #[must_use]
    pub fn score(
        &self,
        scheme: usize,
        heading_weight: f32,
        n_categories: usize,
        texts: &Texts<'_>,
    ) -> (Vec<f32>, Vec<CueHit>) {
        self.score_found(scheme, heading_weight, n_categories, &self.find(texts))
    }

    /// Every cue term of every scheme found in a section's heading, body and context: the
    /// search [`Self::score_found`] scores, made once for all the schemes.
    #[must_use]
    pub fn find(&self, texts: &Texts<'_>) -> Found {
        Found([
            self.counts(texts.heading),
            self.counts(texts.body),
            self.counts(texts.context),
        ])
    }

    /// [`Self::find`] with the body's [`Self::counts`] already made.
    #[must_use]
    pub fn find_with_body(&self, heading: &str, body: Vec<(usize, u32)>, context: &str) -> Found {
        Found([self.counts(heading), body, self.counts(context)])
    }

    /// [`Self::score`] of what [`Self::find`] found.
    #[must_use]
    pub fn score_found(
        &self,
        scheme: usize,
        heading_weight: f32,
        n_categories: usize,
        found: &Found,
    ) -> (Vec<f32>, Vec<CueHit>) {
        let mut scores = vec![0.0f32; n_categories];
        let mut hits = Vec::new();
        for (place, counts) in [Place::Heading, Place::Body, Place::Context].into_iter().zip(&found.0) {
            for &(p, count) in counts {
                for &(si, ci, w) in &self.owners[p] {
                    if si != scheme {
                        continue;
                    }
                    let factor = match place {
                        Place::Heading => heading_weight,
                        Place::Body => 1.0 + (count as f32).ln(),
                        Place::Context => CONTEXT_FACTOR,
                    };
                    let points = w * factor;
                    scores[ci] += points;
                    hits.push(CueHit {
                        category: ci,
                        term: self.terms[p].clone(),
                        place,
                        count,
                        weight: w,
                        points,
                    });
                }
            }
        }
        (scores, hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_cues_outweigh_body_cues_and_overlaps_all_count() {
        let t = Taxonomy::parse(
            "[[scheme]]\nid = \"d\"\nzh = \"d\"\nheading_weight = 3.0\n[[scheme.category]]\nid = \"edu\"\nzh = \"教育\"\ncues = { \"在线教育\" = 3, \"教育\" = 2 }\n[[scheme.category]]\nid = \"health\"\nzh = \"医疗\"\ncues = { \"医疗\" = 3 }\n",
            "t",
        )
        .expect("taxonomy");
        let m = CueMatcher::new(&t);
        let (s, hits) = m.score(
            0,
            3.0,
            2,
            &Texts {
                heading: "在线教育",
                body: "医疗医疗",
                context: "",
            },
        );
        assert!((s[0] - (3.0 * 3.0 + 2.0 * 3.0)).abs() < 1e-5, "{s:?}");
        assert!((s[1] - 3.0 * (1.0 + 2f32.ln())).abs() < 1e-5);
        assert_eq!(hits.len(), 3);
        assert!(hits.iter().any(|h| h.term == "教育" && h.place == Place::Heading));
    }
}
