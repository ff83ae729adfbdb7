//! The library view's state: its rows (one per document), the filter and order the user
//! chose, and the domains × documents coverage. Rebuilt with the other derived data when
//! the documents, their metadata or the analysis change; re-filtered when the filter or the
//! order changes.

use super::AppState;
use crate::app::command::Command;
use crate::library::{self, Column, Coverage, Entry};
use crate::model::{ByHandle, DocIx};

/// What the library shows: the list of documents or the coverage matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum LibraryMode {
    #[default]
    List,
    Coverage,
    /// The diffusion timeline: who took wording from whom, when.
    Timeline,
}

/// The library's derived rows.
#[derive(Debug, Default)]
pub(super) struct LibraryRows {
    pub entries: Vec<Entry>,
    /// Indices into `entries` that pass the filter, in the chosen order.
    pub shown: Vec<usize>,
    pub coverage: Coverage,
    /// 文号 other documents give for documents that lack one.
    pub suggestions: Vec<crate::library::Suggestion>,
    pub timeline: Timeline,
}

/// The diffusion timeline of the documents the library shows: where each dated one is
/// drawn and the arrows between them. Laid out when the library's rows or filter change.
#[derive(Debug, Default)]
pub struct Timeline {
    /// Dated documents with their time, in the library's order.
    pub placed: Vec<(DocIx, f64)>,
    /// Per placed document: its point (time, lane by level, spread within the lane).
    pub position: std::collections::HashMap<DocIx, [f64; 2]>,
    /// The arrows between placed documents, strongest first.
    pub edges: Vec<crate::library::diffusion::Edge>,
    /// The placed documents, those with most arrows first: the order their names are tried in.
    pub by_arrows: Vec<DocIx>,
}

/// Which arrows the timeline draws; remembered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct TimelineOptions {
    /// Every pair that shares enough, else only each document's likeliest source.
    pub every_pair: bool,
    /// Pairs sharing less than this per cent of the taker's text are not drawn.
    pub min_percent: u8,
}

impl Default for TimelineOptions {
    fn default() -> Self {
        Self {
            every_pair: false,
            min_percent: 5,
        }
    }
}

/// At most this many arrows (the strongest).
const MAX_ARROWS: usize = 300;
/// A timeline block's rows about its lane's line (lanes are 1 apart), and its columns' step
/// in years.
const ROWS: [f64; 7] = [0.0, 0.1, -0.1, 0.2, -0.2, 0.3, -0.3];
const COLUMN: f64 = 0.05;
const MAX_COLUMNS: u32 = 6;

pub(in crate::app) fn lay_out_timeline(
    docs: &[crate::model::Document],
    shown: &[DocIx],
    pairs: &[crate::reuse::Link],
    options: TimelineOptions,
) -> Timeline {
    use crate::library::diffusion;
    use crate::model::Level;
    let placed: Vec<(DocIx, f64)> = shown
        .iter()
        .filter_map(|&d| diffusion::when(&docs[d]).map(|t| (d, t)))
        .collect();
    let lane = |d: DocIx| -> f64 {
        match docs[d].meta.level {
            Some(Level::National) => 4.0,
            Some(Level::Provincial) => 3.0,
            Some(Level::City) => 2.0,
            Some(Level::County) => 1.0,
            None => 0.0,
        }
    };
    // Documents of about the same time in one lane are set out in a small block: up to seven
    // rows about the lane's line, then up to MAX_COLUMNS columns a few weeks apart, so that a
    // block stays within a season of its date. Near copies issued together (a province and
    // its cities in one month) stay within their lane, where stacking them upwards ran
    // through the lanes above; beyond the block's 42 spots, markers share spots in turn
    // (hover tells them apart). Laid out by time, lane and load order, so the picture does
    // not change when the library is sorted.
    let mut order: Vec<(DocIx, f64)> = placed.clone();
    order.sort_by(|a, b| {
        a.1.total_cmp(&b.1)
            .then(lane(a.0).total_cmp(&lane(b.0)))
            .then(a.0.cmp(&b.0))
    });
    let mut position = std::collections::HashMap::new();
    // Taken spots by cell of a grid as fine as the spacing, so that a spot is checked against
    // its neighbours only.
    #[allow(clippy::cast_possible_truncation, reason = "cells of a plot a few decades wide")]
    let cell = |p: [f64; 2]| ((p[0] / COLUMN).floor() as i64, (p[1] * 10.0).round() as i64);
    let mut taken: std::collections::HashMap<(i64, i64), Vec<[f64; 2]>> = std::collections::HashMap::new();
    let mut crowded: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for &(d, t) in &order {
        let base = lane(d);
        let free = |p: [f64; 2]| {
            let (x, y) = cell(p);
            !(x - 1..=x + 1).any(|cx| {
                (y - 1..=y + 1).any(|cy| {
                    taken.get(&(cx, cy)).is_some_and(|v| {
                        v.iter()
                            .any(|q| (q[0] - p[0]).abs() < COLUMN * 0.8 && (q[1] - p[1]).abs() < 0.09)
                    })
                })
            })
        };
        let spots = (0..MAX_COLUMNS).flat_map(|c| ROWS.iter().map(move |&dy| [t + f64::from(c) * COLUMN, base + dy]));
        let spot = spots.clone().find(|&p| free(p)).unwrap_or_else(|| {
            #[allow(clippy::cast_possible_truncation, reason = "a lane number, 0 to 4")]
            let n = crowded.entry(base as i64).or_default();
            *n += 1;
            spots
                .clone()
                .nth(*n % ROWS.len().saturating_mul(MAX_COLUMNS as usize))
                .unwrap_or([t, base])
        });
        taken.entry(cell(spot)).or_default().push(spot);
        position.insert(d, spot);
    }
    let mut edges: Vec<diffusion::Edge> = diffusion::edges(pairs, f32::from(options.min_percent) / 100.0, usize::MAX)
        .into_iter()
        .filter(|e| position.contains_key(&e.from) && position.contains_key(&e.to))
        .collect();
    if options.every_pair {
        edges.truncate(MAX_ARROWS);
    } else {
        // One per document that took wording: never more than the documents.
        edges = diffusion::likely_sources(&edges);
    }
    // The order names are tried in when there is no room for all: the documents with most
    // arrows first (computed here, not at every frame).
    let mut degree: std::collections::HashMap<DocIx, usize> = std::collections::HashMap::new();
    for e in &edges {
        *degree.entry(e.from).or_default() += 1;
        *degree.entry(e.to).or_default() += 1;
    }
    let mut by_arrows: Vec<DocIx> = placed.iter().map(|&(d, _)| d).collect();
    by_arrows.sort_by_key(|d| (std::cmp::Reverse(degree.get(d).copied().unwrap_or(0)), *d));
    Timeline {
        placed,
        position,
        edges,
        by_arrows,
    }
}

impl AppState {
    /// Every document's row, with its counts (targets once the analysis has them).
    pub(super) fn rebuild_library(&mut self) {
        let targets = self.analysis.as_ref().map(|a| a.targets.as_slice());
        self.derived.library.entries = library::entries(&self.docs, targets);
        self.derived.library.coverage = self
            .analysis
            .as_ref()
            .and_then(|a| {
                let rows = a.aligner.taxonomy.schemes.get(self.scheme)?.categories.len();
                Some(Coverage::of(&a.alignment, self.scheme, rows, self.docs.len()))
            })
            .unwrap_or_default();
        self.refilter_library();
    }

    /// What loaded documents say about each other's metadata (their text or metadata changed).
    pub(super) fn rebuild_suggestions(&mut self) {
        self.derived.library.suggestions = crate::library::suggestions(&self.docs);
    }

    /// 文号 suggested by citing documents, for documents that print none.
    #[must_use]
    pub fn suggestions(&self) -> &[crate::library::Suggestion] {
        &self.derived.library.suggestions
    }

    pub(super) fn refilter_library(&mut self) {
        let (by, descending) = self.library_sort;
        self.derived.library.shown = library::view(&self.derived.library.entries, &self.library_filter, by, descending);
        let shown: Vec<DocIx> = self.library_shown().map(|e| e.doc).collect();
        self.derived.library.timeline = self
            .analysis
            .as_ref()
            .map(|a| lay_out_timeline(&self.docs, &shown, a.reuse.links(), self.timeline_options))
            .unwrap_or_default();
    }

    /// The diffusion timeline of the documents the library shows.
    #[must_use]
    pub fn timeline(&self) -> &Timeline {
        &self.derived.library.timeline
    }

    /// All documents' rows, in load order.
    #[must_use]
    pub fn library_entries(&self) -> &[Entry] {
        &self.derived.library.entries
    }

    /// The rows that pass the filter, in the chosen order.
    #[must_use]
    pub fn library_shown(&self) -> impl ExactSizeIterator<Item = &Entry> {
        self.derived
            .library
            .shown
            .iter()
            .map(|&i| &self.derived.library.entries[i])
    }

    #[must_use]
    pub fn coverage(&self) -> &Coverage {
        &self.derived.library.coverage
    }

    pub(super) fn handle_library(&mut self, command: Command) {
        match command {
            Command::SetLibraryFilter(f) => {
                self.library_filter = f;
                self.refilter_library();
            }
            Command::SortLibrary(c) => {
                // A second click on the same column turns the order round.
                self.library_sort = if self.library_sort.0 == c && c != Column::Loaded {
                    (c, !self.library_sort.1)
                } else {
                    (c, false)
                };
                self.refilter_library();
            }
            Command::SetLibraryMode(m) => self.library_mode = m,
            Command::SetTimeline(options) => {
                self.timeline_options = options;
                self.refilter_library();
            }
            Command::ChooseShown(on) => {
                let shown: Vec<crate::model::DocIx> = self.library_shown().map(|e| e.doc).collect();
                if on {
                    for d in shown {
                        if !self.chosen.contains(&d) {
                            self.chosen.push(d);
                        }
                    }
                } else {
                    self.chosen.retain(|d| !shown.contains(d));
                }
                self.rebuild_derived();
            }
            Command::AcceptSuggestion(i) => {
                let Some(s) = self.derived.library.suggestions.get(i).cloned() else {
                    return;
                };
                let key = self.docs[s.doc].key();
                let mut edit = self.project.edits.get(&key).cloned().unwrap_or_default();
                edit.doc_number = Some(s.doc_number);
                self.edit_meta(s.doc, edit);
            }
            Command::CompareDomain { row, doc } if self.docs.at(doc).is_some() => {
                if !self.chosen.contains(&doc) {
                    self.chosen.push(doc);
                    self.rebuild_derived();
                }
                self.view = super::View::Compare;
                self.handle(Command::JumpToRow(Some(row)));
            }
            _ => {}
        }
    }
}
