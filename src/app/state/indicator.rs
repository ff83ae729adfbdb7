//! Indicator tables as the reading views draw them: a section's text cut into running text
//! and tables, each table's cells as text by column with what each is (target, baseline,
//! label) and, for a target cell, what the targets panel says of it. Made from the analysis
//! (`targets::indicator_tables`, read on the analysis thread) when it arrives, never per
//! frame; the views only draw it.

use std::collections::HashMap;

use crate::model::{ByHandle, CharRange, DocIx, Document, SecIx};
use crate::targets::{CellKind, ColumnKind, IndicatorTable, Target};

/// A piece of a section's text as drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Running text: chars of the section's text.
    Text(CharRange),
    Table(ShownTable),
}

/// An indicator table ready to draw: one entry per column in the header and in every row.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownTable {
    pub columns: Vec<ColumnKind>,
    pub header: Vec<String>,
    pub rows: Vec<ShownRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShownRow {
    /// One per column (empty text where the row has no cell).
    pub cells: Vec<ShownCell>,
    /// A category row: its one cell is across the table.
    pub spanning: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShownCell {
    pub text: String,
    /// What it is; [`CellKind::Target`] only when the analysis kept its target.
    pub kind: Option<CellKind>,
    /// For a target: what the targets panel shows of it.
    pub tip: Option<String>,
}

/// A target as one line: value, year, metric (the comparison's tooltips and the tables').
#[must_use]
pub fn target_tip(t: &Target) -> String {
    let year = t.year.map(|y| format!(" · {y}")).unwrap_or_default();
    let metric = t.metric.as_deref().map(|m| format!(" · {m}")).unwrap_or_default();
    format!("{}{year}{metric}", crate::targets::display_value(t))
}

/// The parts of every section that holds an indicator table, by (document, section).
pub(super) fn section_parts(
    docs: &[Document],
    tables: &[Vec<IndicatorTable>],
    targets: &[Vec<Target>],
) -> HashMap<(DocIx, SecIx), Vec<Part>> {
    let mut out: HashMap<(DocIx, SecIx), Vec<Part>> = HashMap::new();
    for (d, (doc, ts)) in DocIx::all(docs.len()).zip(docs.iter().zip(tables)) {
        let mut by_section: HashMap<SecIx, Vec<&IndicatorTable>> = HashMap::new();
        for t in ts.iter().filter(|t| doc.sections.at(t.section_ix).is_some()) {
            by_section.entry(t.section_ix).or_default().push(t);
        }
        for (s, mut list) in by_section {
            list.sort_by_key(|t| t.range.start);
            let kept: Vec<&Target> = targets
                .at(d)
                .into_iter()
                .flatten()
                .filter(|t| t.section_ix == s && t.field == crate::targets::Field::Text)
                .collect();
            out.insert((d, s), parts(&doc.sections[s], &list, &kept));
        }
    }
    out
}

/// A section's text cut around its tables (the line breaks next to a table are the table's).
fn parts(section: &crate::model::Section, tables: &[&IndicatorTable], targets: &[&Target]) -> Vec<Part> {
    let chars: Vec<char> = section.text.chars().collect();
    let base = section.text_range.start;
    let mut out = Vec::new();
    let mut at = 0;
    for t in tables {
        let (start, end) = (t.range.start - base, (t.range.end - base).min(chars.len()));
        if start < at {
            continue;
        }
        let mut before = start;
        while before > at && chars[before - 1].is_whitespace() {
            before -= 1;
        }
        if before > at {
            out.push(Part::Text(CharRange::new(at, before)));
        }
        out.push(Part::Table(shown(t, &chars, base, targets)));
        at = end;
        while at < chars.len() && chars[at] == '\n' {
            at += 1;
        }
    }
    if at < chars.len() {
        out.push(Part::Text(CharRange::new(at, chars.len())));
    }
    out
}

/// The table's cells as text per column (cells of one column on separate lines: a label cut
/// by a line break); a target cell highlighted only when the analysis kept its target (one in
/// a 发展基础 section reports the past). Columns go labels first, then values in their printed
/// order, then 属性 and sources: pdftotext may print a header's years before its 序号 / 指标.
fn shown(t: &IndicatorTable, chars: &[char], base: usize, targets: &[&Target]) -> ShownTable {
    let text = |r: CharRange| -> String { chars[r.start - base..(r.end - base).min(chars.len())].iter().collect() };
    let n = t.columns.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| column_rank(t.columns[i]));
    let place = |column: usize| order.iter().position(|&i| i == column);
    let add = |to: &mut String, more: String| {
        if !to.is_empty() {
            to.push('\n');
        }
        to.push_str(&more);
    };
    let mut header = vec![String::new(); n];
    for c in &t.header {
        if let Some(h) = place(c.column).and_then(|i| header.get_mut(i)) {
            add(h, text(c.range));
        }
    }
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![ShownCell::default(); n];
            for c in &r.cells {
                // A category row's one cell opens the row, whatever column it was read in.
                let at = if r.spanning { Some(0) } else { place(c.column) };
                let Some(cell) = at.and_then(|i| cells.get_mut(i)) else {
                    continue;
                };
                add(&mut cell.text, text(c.range));
                let target = targets.iter().find(|x| x.span == c.range);
                let kind = match (c.kind, target) {
                    (CellKind::Target, None) => CellKind::Value,
                    (k, _) => k,
                };
                if cell.kind.is_none_or(|k| rank(kind) > rank(k)) {
                    cell.kind = Some(kind);
                }
                if kind == CellKind::Target {
                    cell.tip = target.map(|x| tip_with_baseline(x));
                }
            }
            ShownRow {
                cells,
                spanning: r.spanning,
            }
        })
        .collect();
    ShownTable {
        columns: order.iter().map(|&i| t.columns[i]).collect(),
        header,
        rows,
    }
}

fn column_rank(k: ColumnKind) -> u8 {
    match k {
        ColumnKind::Seq => 0,
        ColumnKind::Category => 1,
        ColumnKind::Indicator => 2,
        ColumnKind::Unit => 3,
        ColumnKind::Base | ColumnKind::Value | ColumnKind::Target | ColumnKind::Period => 4,
        ColumnKind::Attribute => 5,
        ColumnKind::Source | ColumnKind::Other => 6,
    }
}

fn rank(k: CellKind) -> u8 {
    match k {
        CellKind::Header | CellKind::Label => 0,
        CellKind::Value => 1,
        CellKind::Baseline => 2,
        CellKind::Target => 3,
    }
}

/// [`target_tip`], and the row's base-year value and 属性 where the table gives them.
fn tip_with_baseline(t: &Target) -> String {
    let mut tip = target_tip(t);
    if let Some(b) = t.baseline {
        let base = Target {
            value: b.value,
            comparator: crate::targets::Comparator::Equal,
            ..t.clone()
        };
        let year = b.year.map(|y| format!(" {y}")).unwrap_or_default();
        tip.push_str("\n基期");
        tip.push_str(&year);
        tip.push('：');
        tip.push_str(&crate::targets::display_value(&base));
    }
    if let Some(a) = &t.attribute {
        tip.push('\n');
        tip.push_str(a);
    }
    tip
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document whose table prints its years before 序号 / 指标, a cell per line (as
    /// pdftotext gives some tables), with a sentence before and after it.
    const PLAN: &str = "某市算力发展行动计划（2024—2025年）\n一、主要指标\n到2025年，全市算力规模明显提升。\n\
        2024年\n2025年\n序号\n指标\n1\n算力规模（EFLOPS）\n3\n5\n2\n智能算力占比（%）\n30\n45\n以上指标由市数据局统计。\n";

    #[test]
    fn a_section_is_cut_around_its_table_and_the_table_reads_labels_first() {
        let (docs, errors) = crate::load_many([("plan.txt", crate::model::SourceFormat::Txt, PLAN.as_bytes())]);
        assert!(errors.is_empty(), "{errors:?}");
        let tables: Vec<Vec<IndicatorTable>> = docs.iter().map(crate::targets::indicator_tables).collect();
        let targets: Vec<Vec<Target>> = docs.iter().map(crate::targets::extract).collect();
        let parts = section_parts(&docs, &tables, &targets);
        assert_eq!(parts.len(), 1, "{parts:#?}");
        let (&(d, s), parts) = parts.iter().next().expect("a section with a table");
        let text: Vec<char> = docs[d].sections[s].text.chars().collect();
        let slice = |r: &CharRange| text[r.start..r.end].iter().collect::<String>();
        let [Part::Text(before), Part::Table(table), Part::Text(after)] = parts.as_slice() else {
            panic!("{parts:#?}");
        };
        assert_eq!(slice(before), "到2025年，全市算力规模明显提升。");
        assert_eq!(slice(after).trim_end(), "以上指标由市数据局统计。");
        assert_eq!(table.header, ["序号", "指标", "2024年", "2025年"]);
        assert_eq!(
            table.columns,
            [
                ColumnKind::Seq,
                ColumnKind::Indicator,
                ColumnKind::Base,
                ColumnKind::Target
            ]
        );
        let row: Vec<&str> = table.rows[1].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(row, ["2", "智能算力占比（%）", "30", "45"]);
        let target = &table.rows[1].cells[3];
        assert_eq!(target.kind, Some(CellKind::Target));
        assert_eq!(
            target.tip.as_deref(),
            Some("45 % · 2025 · 智能算力占比\n基期 2024：30 %")
        );
        assert_eq!(table.rows[1].cells[2].kind, Some(CellKind::Baseline));
    }
}
