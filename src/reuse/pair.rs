//! The exact comparison of one pair of documents.

use rayon::prelude::*;
use serde::Serialize;

use super::ReuseIndex;
use super::fold::fold_char;
use crate::model::{CharRange, DocIx, Document, SecIx};
use crate::text::CharIndex;

/// Where a passage stands in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The section it lies in: a passage never crosses a section boundary.
    pub section: SecIx,
    /// **Char** offsets into [`Document::text`], end exclusive.
    pub range: CharRange,
    /// The passage as printed in this document.
    pub text: String,
}

/// One maximal passage two documents share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    pub a: Side,
    pub b: Side,
    /// Length in folded characters (letters, digits and Han; no punctuation or spaces).
    pub chars: usize,
    /// Most of its k-grams occur in so many of the loaded documents that it is a formula
    /// (see [`super::Options::boilerplate_docs`]); not counted in coverage.
    pub boilerplate: bool,
    /// In how many loaded documents its k-grams typically (median) occur.
    pub docs: u32,
}

/// Why one document is thought to come after the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DirectionReason {
    /// The later document names the earlier one: its 文号 or 《title》, as found.
    Cites { text: String },
    /// Dates of issue (or publication, or the plan period's first year).
    Dates { from: String, to: String },
}

/// A hint of which way the wording went: from the earlier to the later document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Direction {
    /// The source.
    pub from: DocIx,
    /// The one that took from it.
    pub to: DocIx,
    pub reason: DirectionReason,
}

/// What two documents share, `a < b`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairReuse {
    pub a: DocIx,
    pub b: DocIx,
    /// Folded characters of each document.
    pub chars_a: usize,
    pub chars_b: usize,
    /// Share of `a`'s folded text inside non-boilerplate shared passages.
    pub coverage_a: f32,
    pub coverage_b: f32,
    /// In `a`'s text order.
    pub passages: Vec<Passage>,
    pub direction: Option<Direction>,
}

impl PairReuse {
    /// Passages that are not boilerplate.
    pub fn substantive(&self) -> impl Iterator<Item = &Passage> {
        self.passages.iter().filter(|p| !p.boilerplate)
    }

    /// The side of a passage that lies in document `doc` (`a` or `b` of this pair).
    #[must_use]
    pub fn side<'p>(&self, p: &'p Passage, doc: DocIx) -> &'p Side {
        if doc == self.a { &p.a } else { &p.b }
    }
}

#[allow(clippy::cast_precision_loss)]
fn share(part: usize, whole: usize) -> f32 {
    if whole == 0 { 0.0 } else { part as f32 / whole as f32 }
}

impl ReuseIndex {
    /// The exact maximal shared passages of documents `a` and `b` (`docs` must be the slice
    /// the index was built from).
    ///
    /// # Panics
    /// When `a` or `b` is out of range.
    #[must_use]
    pub fn compare(&self, docs: &[Document], a: DocIx, b: DocIx) -> PairReuse {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let k = self.options.min_chars.max(2);
        let (fa, fb) = (&self.folded[a.get()], &self.folded[b.get()]);
        let (ga, gb) = (&self.grams[a.get()], &self.grams[b.get()]);
        let (na, nb) = (fa.len(), fb.len());
        // The direction searches both whole texts: beside the matching.
        let ((kept, passages), direction) = rayon::join(
            || {
                let matches = super::matches::maximal((fa, ga), (fb, gb), k);
                let kept = super::matches::keep_longest(matches, na, nb);
                let (index_a, index_b) =
                    rayon::join(|| CharIndex::new(&docs[a].text), || CharIndex::new(&docs[b].text));
                let passages = kept
                    .par_iter()
                    .with_min_len(256)
                    .map(|&(i, j, l)| {
                        let mut dfs: Vec<u32> = (i..=i + l - k).map(|p| self.df_at(a.get(), p)).collect();
                        dfs.sort_unstable();
                        let formula = dfs.iter().filter(|&&d| d >= self.boilerplate_docs).count();
                        Passage {
                            a: side(&index_a, fa, i, l),
                            b: side(&index_b, fb, j, l),
                            chars: l,
                            boilerplate: formula * 2 >= dfs.len(),
                            docs: dfs[dfs.len() / 2],
                        }
                    })
                    .collect::<Vec<Passage>>();
                (kept, passages)
            },
            || direction_with(docs, &self.texts, a, b),
        );
        let (mut covered_a, mut covered_b) = (vec![false; na], vec![false; nb]);
        for (&(i, j, l), p) in kept.iter().zip(&passages) {
            if !p.boilerplate {
                covered_a[i..i + l].fill(true);
                covered_b[j..j + l].fill(true);
            }
        }
        PairReuse {
            a,
            b,
            chars_a: na,
            chars_b: nb,
            coverage_a: share(covered_a.iter().filter(|&&x| x).count(), na),
            coverage_b: share(covered_b.iter().filter(|&&x| x).count(), nb),
            passages,
            direction,
        }
    }
}

fn side(text: &CharIndex<'_>, f: &super::Folded, start: usize, len: usize) -> Side {
    let range = CharRange::new(f.pos[start] as usize, f.pos[start + len - 1] as usize + 1);
    Side {
        section: SecIx(f.section[start] as usize),
        range,
        text: text.slice(range.start, range.end).to_owned(),
    }
}

pub(super) fn folded(s: &str) -> String {
    crate::fold::fold(s, crate::fold::Punct::Drop).as_string()
}

/// The words by which `later` names `earlier`: its 文号, or its title in 《》. `text` is
/// `later`'s text [`folded`].
fn cites(later: &Document, text: &str, earlier: &Document) -> Option<String> {
    if let Some(n) = &earlier.meta.doc_number
        && later.meta.doc_number.as_deref() != Some(n.as_str())
    {
        let f = folded(n);
        if f.chars().count() >= 6 && text.contains(&f) {
            return Some(n.clone());
        }
    }
    // 《安徽省人民政府办公厅关于促进线上经济发展的意见》 names 关于促进线上经济发展的意见 issued
    // by 安徽省人民政府办公厅: the title, preceded by nothing or by its issuer or region.
    let title = folded(earlier.meta.title.as_deref()?);
    if title.chars().count() < 6 || later.meta.title.as_deref().map(folded).as_deref() == Some(title.as_str()) {
        return None;
    }
    let issuer = earlier.meta.issuer.as_deref().map(folded).unwrap_or_default();
    let region = earlier.meta.region.as_deref().map(folded).unwrap_or_default();
    later.text.split('《').skip(1).find_map(|rest| {
        let quoted = rest.split('》').next()?;
        let q = folded(quoted);
        let prefix = q.strip_suffix(title.as_str())?;
        let named = prefix.is_empty()
            || (!issuer.is_empty() && issuer.contains(prefix))
            || (!region.is_empty() && prefix.starts_with(region.as_str()));
        named.then(|| format!("《{quoted}》"))
    })
}

/// Which way the wording of documents `a` and `b` went, every document's text already
/// [`folded`] (`folded[d]` for `docs[d]`).
pub(super) fn direction_with(docs: &[Document], folded: &[String], a: DocIx, b: DocIx) -> Option<Direction> {
    direction_of(docs, (a, &folded[a.get()]), (b, &folded[b.get()]))
}

/// Which way the wording of documents `a` and `b` (each with its folded text) went.
fn direction_of(docs: &[Document], (a, fa): (DocIx, &str), (b, fb): (DocIx, &str)) -> Option<Direction> {
    if let Some(text) = cites(&docs[b], fb, &docs[a]) {
        return Some(Direction {
            from: a,
            to: b,
            reason: DirectionReason::Cites { text },
        });
    }
    if let Some(text) = cites(&docs[a], fa, &docs[b]) {
        return Some(Direction {
            from: b,
            to: a,
            reason: DirectionReason::Cites { text },
        });
    }
    let (da, db) = (docs[a].date()?, docs[b].date()?);
    // Compare at the precision both give (a year against a full date compares years).
    let n = da.len().min(db.len());
    let (from, to) = match da[..n].cmp(&db[..n]) {
        std::cmp::Ordering::Less => (a, b),
        std::cmp::Ordering::Greater => (b, a),
        std::cmp::Ordering::Equal => return None,
    };
    let (from_date, to_date) = if from == a { (da, db) } else { (db, da) };
    Some(Direction {
        from,
        to,
        reason: DirectionReason::Dates {
            from: from_date,
            to: to_date,
        },
    })
}

/// One domain's share of a pair's reuse.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainReuse {
    /// Category index in the scheme used.
    pub category: usize,
    /// Folded characters of each document's sections in the domain.
    pub chars_a: usize,
    pub chars_b: usize,
    pub coverage_a: f32,
    pub coverage_b: f32,
    /// Non-boilerplate passages with at least one side in the domain.
    pub passages: usize,
}

/// Folded characters of `doc.text` in `range`.
fn folded_len(text: &CharIndex<'_>, range: CharRange) -> usize {
    text.slice(range.start, range.end)
        .chars()
        .filter(|&c| fold_char(c).is_some())
        .count()
}

/// One side of a pair (`d`, side a when `is_a`): the folded chars its passages cover in each
/// section (overlapping passages counted once), and every leaf's folded chars, in order.
fn side_counts(
    d: &Document,
    pair: &PairReuse,
    is_a: bool,
) -> (std::collections::BTreeMap<SecIx, usize>, Vec<(SecIx, usize)>) {
    let text = CharIndex::new(&d.text);
    let mut ranges: std::collections::BTreeMap<SecIx, Vec<CharRange>> = std::collections::BTreeMap::new();
    for p in pair.substantive() {
        let s = if is_a { &p.a } else { &p.b };
        ranges.entry(s.section).or_default().push(s.range);
    }
    let covered = ranges
        .into_par_iter()
        .map(|(section, mut rs)| {
            rs.sort_by_key(|r| (r.start, r.end));
            let mut merged: Vec<CharRange> = Vec::new();
            for r in rs {
                match merged.last_mut() {
                    Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
                    _ => merged.push(r),
                }
            }
            (section, merged.iter().map(|r| folded_len(&text, *r)).sum())
        })
        .collect();
    let leaves: Vec<(SecIx, CharRange)> = d.leaves().map(|(si, s)| (si, s.range)).collect();
    let totals = leaves
        .par_iter()
        .map(|&(si, range)| (si, folded_len(&text, range)))
        .collect();
    (covered, totals)
}

/// Per domain: a pair's figures restricted to the sections of that domain. `category` gives a
/// section's domain (by document and section index); sections without one are left out.
#[must_use]
pub fn by_domain(
    docs: &[Document],
    pair: &PairReuse,
    category: impl Fn(DocIx, SecIx) -> Option<usize>,
) -> Vec<DomainReuse> {
    use std::collections::BTreeMap;
    let mut out: BTreeMap<usize, DomainReuse> = BTreeMap::new();
    // Covered folded chars per (category, side is a).
    let mut covered_by: BTreeMap<(usize, bool), usize> = BTreeMap::new();
    // The counting (every leaf's text folded, twice 7 MB for two large documents) is done
    // for both sides at once and section by section on every core; only the sums by
    // category are made in order (sums of counts: the same in any order).
    let ((covered_a, totals_a), (covered_b, totals_b)) = rayon::join(
        || side_counts(&docs[pair.a], pair, true),
        || side_counts(&docs[pair.b], pair, false),
    );
    for (doc, is_a, covered_chars, totals) in [
        (pair.a, true, covered_a, totals_a),
        (pair.b, false, covered_b, totals_b),
    ] {
        for (si, total) in totals {
            let Some(c) = category(doc, si) else { continue };
            let e = out.entry(c).or_insert_with(|| DomainReuse {
                category: c,
                chars_a: 0,
                chars_b: 0,
                coverage_a: 0.0,
                coverage_b: 0.0,
                passages: 0,
            });
            let covered = covered_chars.get(&si).copied().unwrap_or(0);
            if is_a {
                e.chars_a += total;
                *covered_by.entry((c, true)).or_insert(0) += covered;
            } else {
                e.chars_b += total;
                *covered_by.entry((c, false)).or_insert(0) += covered;
            }
        }
    }
    for p in pair.substantive() {
        let ca = category(pair.a, p.a.section);
        let cb = category(pair.b, p.b.section);
        for c in [ca, cb]
            .into_iter()
            .flatten()
            .collect::<std::collections::BTreeSet<_>>()
        {
            if let Some(e) = out.get_mut(&c) {
                e.passages += 1;
            }
        }
    }
    out.into_values()
        .map(|mut e| {
            e.coverage_a = share(covered_by.get(&(e.category, true)).copied().unwrap_or(0), e.chars_a);
            e.coverage_b = share(covered_by.get(&(e.category, false)).copied().unwrap_or(0), e.chars_b);
            e
        })
        .collect()
}
