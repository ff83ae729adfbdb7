//! What the panels draw, derived from the analysis and the choices: outline rows, comparison
//! rows, the targets table, shared spans, the selected pair's per-domain figures. Rebuilt when
//! their inputs change, never per frame.

use super::{AppState, Card, CompareRow, OutlineRow, TargetColumn, TargetRow};
use crate::align::Row;
use crate::model::ByHandle;
use crate::model::{CharRange, DocIx, Document, SecIx};

impl AppState {
    /// Keep the rows whose document, domain, metric, value, year or text contain every word
    /// of the filter (through the matching fold: width, case and script alike; each field
    /// apart, so a word never spans two fields).
    pub(super) fn filter_targets(&mut self) {
        let words: Vec<String> = self
            .target_filter
            .split_whitespace()
            .map(crate::fold::matching_form)
            .collect();
        self.derived.visible_targets = self
            .derived
            .target_rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                let fields = [
                    &r.document,
                    &r.domain,
                    &r.metric,
                    &r.shown_value,
                    &r.unit,
                    &r.year,
                    &r.text,
                ]
                .map(|f| crate::fold::matching_form(f));
                words.iter().all(|w| fields.iter().any(|f| f.contains(w.as_str())))
            })
            .map(|(i, _)| i)
            .collect();
    }

    pub(super) fn rebuild_rows(&mut self) {
        self.derived.revision += 1;
        self.derived.rows.clear();
        let Some(doc) = self.selected.and_then(|i| self.docs.at(i)) else {
            return;
        };
        let mut hidden_below: Option<u8> = None;
        for (i, s) in SecIx::all(doc.sections.len()).zip(&doc.sections) {
            if let Some(level) = hidden_below {
                if s.level > level {
                    continue;
                }
                hidden_below = None;
            }
            let collapsed = self.collapsed.contains(&i);
            if collapsed {
                hidden_below = Some(s.level);
            }
            let number = if s.number.is_empty() {
                s.path.clone()
            } else {
                s.number.clone()
            };
            let label = match (number.as_str(), s.heading.is_empty()) {
                ("preamble", _) => "（前言）".to_owned(),
                (_, true) => format!("{number} {}", s.text.chars().take(16).collect::<String>()),
                (_, false) => format!("{number} {}", s.heading),
            };
            self.derived.rows.push(OutlineRow {
                section: i,
                depth: usize::from(s.level.saturating_sub(1)),
                label,
                has_children: !s.children.is_empty(),
                collapsed,
            });
        }
    }

    /// A leaf section as a comparison card: its text with target spans (and what their
    /// tooltips say), shared passages and note.
    fn card(&self, a: &super::Analysis, l: crate::align::Leaf) -> Card {
        let s = &self.docs[l.doc].sections[l.section];
        let targets = a.targets[l.doc]
            .iter()
            .filter(|t| t.section_ix == l.section && t.field == crate::targets::Field::Text)
            .map(|t| (t.span, super::indicator::target_tip(t)))
            .collect();
        Card {
            doc: l.doc,
            section: l.section,
            path: s.path.clone(),
            heading: s.heading.clone(),
            text: s.text.clone(),
            text_range: s.text_range,
            targets,
            similarity: None,
            shared: self.shared_in(l.doc, l.section).to_vec(),
            hits: Vec::new(),
            note: self.note(l.doc, l.section).map(str::to_owned),
        }
    }

    /// Comparison rows and the targets table, from the analysis and the chosen documents.
    pub(super) fn rebuild_derived(&mut self) {
        self.derived.revision += 1;
        self.rebuild_library();
        self.reorder_reuse();
        self.rebuild_tables();
        self.derived.compare.clear();
        self.derived.target_rows.clear();
        let Some(a) = &self.analysis else { return };
        let Some(scheme) = a.aligner.taxonomy.schemes.get(self.scheme) else {
            return;
        };
        let si = self.scheme;
        let al = &a.alignment;
        let matrix = al.matrix(si, scheme.categories.len(), self.docs.len());
        for (row, cells) in matrix {
            let (key, name, title, description) = row_names(scheme, al, si, row);
            let mut columns: Vec<Vec<Card>> = Vec::with_capacity(self.chosen.len());
            for &d in &self.chosen {
                let cards = cells[d.get()]
                    .iter()
                    .map(|&leaf| self.card(a, al.leaves[leaf]))
                    .collect();
                columns.push(cards);
            }
            // Similarity to the best counterpart in the neighbouring column.
            for c in 0..columns.len() {
                let other = if c == 0 { 1 } else { c - 1 };
                if other >= columns.len() {
                    continue;
                }
                let others: Vec<usize> = columns[other]
                    .iter()
                    .filter_map(|k| al.leaf_index(k.doc, k.section))
                    .collect();
                for card in &mut columns[c] {
                    if let Some(me) = al.leaf_index(card.doc, card.section) {
                        card.similarity = others.iter().map(|&o| al.similarity(me, o)).max_by(f32::total_cmp);
                    }
                }
            }
            self.derived.compare.push(CompareRow {
                key,
                name,
                title,
                description,
                cells: columns,
            });
        }
        for &d in &self.chosen {
            for t in &a.targets[d] {
                let section = t.section_ix;
                let domain = al
                    .leaf_index(d, section)
                    .and_then(|leaf| al.schemes[si].assignments[leaf].primary)
                    .map_or_else(String::new, |c| scheme.categories[c].zh.clone());
                self.derived.target_rows.push(TargetRow {
                    doc: d,
                    section,
                    document: self.docs[d].display_name().to_owned(),
                    domain,
                    metric: t.metric.clone().unwrap_or_default(),
                    value: t.value,
                    unit: t.unit.clone(),
                    shown_value: crate::targets::display_value(t),
                    year: t.year.map(|y| y.to_string()).unwrap_or_default(),
                    text: t.text.clone(),
                });
            }
        }
        self.sort_targets();
        self.rebuild_reuse_domains();
        self.rebuild_search();
        if self.domain_pending
            && let Some(key) = &self.domain
            && let Some(i) = self.derived.compare.iter().position(|r| &r.key == key)
        {
            self.domain_pending = false;
            self.jump_to_row = Some(i);
        }
    }

    /// Go back to a domain (by its row key) once the comparison is built.
    pub fn restore_domain(&mut self, key: Option<String>) {
        self.domain_pending = key.is_some();
        self.domain = key;
    }

    pub(super) fn rebuild_reuse_domains(&mut self) {
        self.derived.reuse_domains.clear();
        let (Some(a), Some(pair)) = (&self.analysis, self.reuse_pair()) else {
            return;
        };
        let Some(scheme) = a.aligner.taxonomy.schemes.get(self.scheme) else {
            return;
        };
        let category = |d: DocIx, s: SecIx| self.category_of(d, s);
        let rows = crate::reuse::by_domain(&self.docs, pair, category)
            .into_iter()
            .filter(|f| f.passages > 0)
            .map(|f| {
                (
                    scheme.categories[f.category].zh.clone(),
                    f.coverage_a,
                    f.coverage_b,
                    f.passages,
                )
            })
            .collect();
        self.derived.reuse_domains = rows;
    }

    pub(super) fn sort_targets(&mut self) {
        let (col, asc) = self.target_sort;
        self.derived.target_rows.sort_by(|a, b| {
            let o = match col {
                TargetColumn::Document => a.doc.cmp(&b.doc).then(a.section.cmp(&b.section)),
                TargetColumn::Domain => a.domain.cmp(&b.domain),
                TargetColumn::Metric => a.metric.cmp(&b.metric),
                TargetColumn::Value => a.unit.cmp(&b.unit).then(a.value.total_cmp(&b.value)),
                TargetColumn::Year => a.year.cmp(&b.year),
            };
            if asc { o } else { o.reverse() }
        });
        self.filter_targets();
    }
}

/// Where each section's text is shared with another document: passage ranges (chars of
/// [`Document::text`]) clipped to the section's text.
pub(super) fn shared_map<'p>(
    docs: &[Document],
    pairs: impl Iterator<Item = &'p crate::reuse::PairReuse>,
) -> std::collections::HashMap<(DocIx, SecIx), Vec<(CharRange, DocIx)>> {
    let mut out: std::collections::HashMap<(DocIx, SecIx), Vec<(CharRange, DocIx)>> = std::collections::HashMap::new();
    for pair in pairs {
        for p in pair.substantive() {
            for (doc, side, partner) in [(pair.a, &p.a, pair.b), (pair.b, &p.b, pair.a)] {
                let Some(section) = docs.at(doc).and_then(|d| d.sections.at(side.section)) else {
                    continue;
                };
                let t = section.text_range;
                let (start, end) = (side.range.start.max(t.start), side.range.end.min(t.end));
                if start < end {
                    out.entry((doc, side.section))
                        .or_default()
                        .push((CharRange::new(start, end), partner));
                }
            }
        }
    }
    for v in out.values_mut() {
        v.sort_by_key(|(r, d)| (r.start, r.end, *d));
    }
    out
}

/// Where each section's text has targets, by (document, section) index.
pub(super) fn target_spans(
    docs: &[Document],
    targets: &[Vec<crate::targets::Target>],
) -> std::collections::HashMap<(DocIx, SecIx), Vec<CharRange>> {
    let mut out: std::collections::HashMap<(DocIx, SecIx), Vec<CharRange>> = std::collections::HashMap::new();
    for (d, (doc, ts)) in DocIx::all(docs.len()).zip(docs.iter().zip(targets)) {
        for t in ts.iter().filter(|t| t.field == crate::targets::Field::Text) {
            if doc.sections.at(t.section_ix).is_some() {
                out.entry((d, t.section_ix)).or_default().push(t.span);
            }
        }
    }
    out
}

/// A comparison row's key, short name, title and description.
fn row_names(
    scheme: &crate::align::Scheme,
    al: &crate::align::Alignment,
    si: usize,
    row: Row,
) -> (String, String, String, String) {
    match row {
        Row::Category(c) => (
            scheme.categories[c].id.clone(),
            scheme.categories[c].zh.clone(),
            format!("{} {}", scheme.categories[c].zh, scheme.categories[c].en),
            scheme.categories[c].description.clone(),
        ),
        Row::Group(g) => {
            let name = format!("相似 · {}", al.schemes[si].groups[g].label);
            (
                format!("group:{g}"),
                name.clone(),
                name,
                "Similar sections that no category covers".to_owned(),
            )
        }
        Row::None => (
            "none".to_owned(),
            "未归类".to_owned(),
            "未归类 No category".to_owned(),
            "Sections below the threshold of every category".to_owned(),
        ),
    }
}
