//! The library: every loaded document as one row of what a researcher sorts and filters a
//! corpus by (label, region, level, date, 文种, issuer, 文号, how many sections and targets),
//! and the coverage of the policy domains by each document. GUI-free: the app's library view
//! and the CLI draw from these rows.

use std::cmp::Ordering;

pub mod diffusion;
mod suggest;
pub use suggest::{Suggestion, suggestions};

use crate::align::Alignment;
use crate::model::{DocIx, Document, Level, SecIx};
use crate::targets::Target;

/// One document as the library lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Index of the document in the loaded list.
    pub doc: DocIx,
    pub label: String,
    pub title: String,
    pub region: String,
    pub level: Option<Level>,
    /// The document's date for sorting: issued, else published, else the plan period's first
    /// year (ISO, so that strings sort as dates).
    pub date: String,
    pub kind: String,
    pub issuer: String,
    pub doc_number: String,
    pub sections: usize,
    pub targets: usize,
}

impl Entry {
    /// The year of [`Entry::date`], for a narrow column.
    #[must_use]
    pub fn year(&self) -> &str {
        self.date.get(..4).unwrap_or_default()
    }
}

/// What the library can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum Column {
    /// The order the documents were loaded in.
    #[default]
    Loaded,
    Label,
    Title,
    Region,
    Level,
    Date,
    Kind,
    Issuer,
    Number,
    Sections,
    Targets,
}

/// The library's rows, one per document, in load order. `targets` are per document in the
/// same order (none before the analysis has run).
#[must_use]
pub fn entries(docs: &[Document], targets: Option<&[Vec<Target>]>) -> Vec<Entry> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| {
            let m = &d.meta;
            let date = m
                .date_issued
                .clone()
                .or_else(|| m.date_published.clone())
                .or_else(|| m.period.map(|p| p[0].to_string()))
                .unwrap_or_default();
            Entry {
                doc: DocIx(i),
                label: d.display_name().to_owned(),
                title: m.title.clone().unwrap_or_else(|| d.source.clone()),
                region: m.region.clone().unwrap_or_default(),
                level: m.level,
                date,
                kind: m.kind.clone().unwrap_or_default(),
                issuer: m.issuer.clone().unwrap_or_default(),
                doc_number: m.doc_number.clone().unwrap_or_default(),
                sections: d.sections.len(),
                targets: targets.and_then(|t| t.get(i)).map_or(0, Vec::len),
            }
        })
        .collect()
}

/// The rows to show: those whose fields contain every word of `filter` (through the
/// matching fold, so width, case and script do not matter; each field apart), ordered by
/// `by` (empty values last whichever the direction, ties in load order). Returns indices
/// into `entries`.
#[must_use]
pub fn view(entries: &[Entry], filter: &str, by: Column, descending: bool) -> Vec<usize> {
    let words: Vec<String> = filter.split_whitespace().map(crate::fold::matching_form).collect();
    let mut shown: Vec<usize> = (0..entries.len())
        .filter(|&i| words.is_empty() || matches(&entries[i], &words))
        .collect();
    shown.sort_by(|&a, &b| {
        let (a, b) = (&entries[a], &entries[b]);
        let (ea, eb) = (is_empty(a, by), is_empty(b, by));
        let order = match (ea, eb) {
            (true, false) => return Ordering::Greater,
            (false, true) => return Ordering::Less,
            _ => compare(a, b, by),
        };
        let order = if descending { order.reverse() } else { order };
        order.then(a.doc.cmp(&b.doc))
    });
    shown
}

fn matches(e: &Entry, words: &[String]) -> bool {
    let fields = [
        e.label.as_str(),
        &e.title,
        &e.region,
        e.level.map_or("", Level::name),
        &e.date,
        &e.kind,
        &e.issuer,
        &e.doc_number,
    ]
    .map(crate::fold::matching_form);
    words.iter().all(|w| fields.iter().any(|f| f.contains(w.as_str())))
}

fn is_empty(e: &Entry, by: Column) -> bool {
    match by {
        Column::Loaded | Column::Label | Column::Title | Column::Sections | Column::Targets => false,
        Column::Region => e.region.is_empty(),
        Column::Level => e.level.is_none(),
        Column::Date => e.date.is_empty(),
        Column::Kind => e.kind.is_empty(),
        Column::Issuer => e.issuer.is_empty(),
        Column::Number => e.doc_number.is_empty(),
    }
}

fn compare(a: &Entry, b: &Entry, by: Column) -> Ordering {
    match by {
        Column::Loaded => a.doc.cmp(&b.doc),
        Column::Label => a.label.cmp(&b.label),
        Column::Title => a.title.cmp(&b.title),
        // A region's documents together, the higher levels first within it.
        Column::Region => a.region.cmp(&b.region).then(a.level.cmp(&b.level)),
        Column::Level => a.level.cmp(&b.level).then(a.region.cmp(&b.region)),
        Column::Date => a.date.cmp(&b.date),
        Column::Kind => a.kind.cmp(&b.kind),
        Column::Issuer => a.issuer.cmp(&b.issuer),
        Column::Number => a.doc_number.cmp(&b.doc_number),
        Column::Sections => a.sections.cmp(&b.sections),
        Column::Targets => a.targets.cmp(&b.targets),
    }
}

/// How many leaf sections of each document fall in each row of one scheme: the domains ×
/// documents coverage matrix of the whole library.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub rows: usize,
    pub docs: usize,
    /// `rows × docs`, row-major.
    counts: Vec<u32>,
    /// Per cell, the sections counted (indices into the document's sections), for hover text
    /// and for opening one.
    sections: Vec<Vec<SecIx>>,
}

impl Coverage {
    /// The coverage of `scheme` in `alignment` (primary assignments only), for `docs`
    /// documents and `rows` rows of that scheme.
    #[must_use]
    pub fn of(alignment: &Alignment, scheme: usize, rows: usize, docs: usize) -> Self {
        let mut c = Self {
            rows,
            docs,
            counts: vec![0; rows * docs],
            sections: vec![Vec::new(); rows * docs],
        };
        let Some(s) = alignment.schemes.get(scheme) else {
            return c;
        };
        for (leaf, a) in alignment.leaves.iter().zip(&s.assignments) {
            if let Some(row) = a.primary
                && row < rows
                && leaf.doc.get() < docs
            {
                let cell = row * docs + leaf.doc.get();
                c.counts[cell] += 1;
                c.sections[cell].push(leaf.section);
            }
        }
        c
    }

    /// How many of `doc`'s sections are in `row`.
    #[must_use]
    pub fn count(&self, row: usize, doc: DocIx) -> u32 {
        if row < self.rows && doc.get() < self.docs {
            self.counts[row * self.docs + doc.get()]
        } else {
            0
        }
    }

    /// The sections of `doc` in `row`, in document order.
    #[must_use]
    pub fn sections(&self, row: usize, doc: DocIx) -> &[SecIx] {
        if row < self.rows && doc.get() < self.docs {
            &self.sections[row * self.docs + doc.get()]
        } else {
            &[]
        }
    }

    /// How many documents have at least one section in `row`.
    #[must_use]
    pub fn documents_in(&self, row: usize) -> usize {
        DocIx::all(self.docs).filter(|&d| self.count(row, d) > 0).count()
    }

    /// The largest count of any cell (for colour scales).
    #[must_use]
    pub fn max(&self) -> u32 {
        self.counts.iter().copied().max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
