//! Indicator tables printed on their side (a row of names, a target-year line, a row of
//! values, a row of 属性): one target a column.

use super::cell::{CellValue, attribute_cell, is_prose, name_and_unit, value_cell};
use super::layout::{self, Cell, Col, Role, text_of, title_year};
use super::region::{CellKind, ColumnKind, IndicatorTable, TableCell, TableRow};
use super::{Deadline, Found, Tables, header_cell, tidy};
use crate::model::CharRange;

/// Tables turned on their side, as some pages print them: a line naming the indicators
/// (主要指标), a row of indicator names (on that line or the next), a line naming the target
/// year (2022年目标值), a row of as many values, and optionally a row of 属性. Each column
/// is one target.
pub(super) fn transposed(
    f: &[char],
    lines: &[(usize, usize, Vec<Cell>)],
    fallback: Option<Deadline>,
    out: &mut Tables,
) {
    // Tables on their side are read first, before any other: nothing is covered yet.
    debug_assert!(out.covered.is_empty());
    let nonempty = |l: usize| -> Vec<Cell> {
        lines
            .get(l)
            .map(|x| x.2.iter().copied().filter(|c| c.end > c.start).collect())
            .unwrap_or_default()
    };
    let mut found = Vec::new();
    let mut l = 0;
    while l < lines.len() {
        // A header without a year (目标值) takes the year its title states, as an upright
        // table's does, else the section's.
        let title = |l: usize| {
            let from = lines[l.saturating_sub(3)].0;
            title_year(f, from, lines[l].0).map(Deadline::Year).or(fallback)
        };
        let Some(t) = transposed_at(f, l, &nonempty, &title) else {
            l += 1;
            continue;
        };
        l = t.next_line.max(l + 1);
        found.push(t);
    }
    for t in found {
        out.covered.push((t.region.range.start, t.region.range.end));
        out.targets.extend(t.targets);
        out.regions.push(t.region);
    }
}

struct Transposed {
    targets: Vec<Found>,
    region: IndicatorTable,
    next_line: usize,
}

fn transposed_at(
    f: &[char],
    l: usize,
    line: &dyn Fn(usize) -> Vec<Cell>,
    title: &dyn Fn(usize) -> Option<Deadline>,
) -> Option<Transposed> {
    let head = line(l);
    let first = *head.first()?;
    if layout::header_col(&text_of(f, first)) != Some(Col::Name) {
        return None;
    }
    let (names, mut next) = if head.len() > 1 {
        (head[1..].to_vec(), l + 1)
    } else {
        (line(l + 1), l + 2)
    };
    let is_label = |c: &Cell| value_cell(f, *c).is_none() && !is_prose(&text_of(f, *c));
    if names.len() < 2 || !names.iter().all(is_label) {
        return None;
    }
    let year_line = line(next);
    let year_cell = *year_line.first()?;
    let Col::Value {
        year,
        role: Role::Target | Role::Year,
    } = layout::header_col(&text_of(f, year_cell))?
    else {
        return None;
    };
    let values = if year_line.len() > 1 {
        year_line[1..].to_vec()
    } else {
        next += 1;
        line(next)
    };
    next += 1;
    let read: Vec<CellValue> = values.iter().filter_map(|c| value_cell(f, *c)).collect();
    if values.len() != names.len() || read.len() != names.len() || read.iter().all(|v| v.value.is_none()) {
        return None;
    }
    let attr_line = line(next);
    let attributes: Option<Vec<Cell>> = attr_line
        .first()
        .filter(|c| layout::header_col(&text_of(f, **c)) == Some(Col::Attribute) && attr_line.len() == names.len() + 1)
        .map(|_| attr_line[1..].to_vec());
    let mut header = vec![header_cell(first, 0), header_cell(year_cell, 1)];
    if attributes.is_some() {
        header.push(header_cell(attr_line[0], 2));
        next += 1;
    }
    let end = line_end_of(f, &[values.last(), attributes.as_ref().and_then(|a| a.last())]);
    let year = year.map(Deadline::Year).or_else(|| title(l));
    let mut targets = Vec::new();
    let mut rows = Vec::new();
    for (k, (name, (cell, v))) in names.iter().zip(values.iter().zip(read)).enumerate() {
        let attribute = attributes.as_ref().map(|a| a[k]);
        let (row, target) = sideways_column(f, *name, *cell, v, attribute, year);
        rows.push(row);
        targets.extend(target);
    }
    let mut columns = vec![ColumnKind::Indicator, ColumnKind::Target];
    if attributes.is_some() {
        columns.push(ColumnKind::Attribute);
    }
    Some(Transposed {
        targets,
        region: IndicatorTable {
            section_ix: crate::model::SecIx(0),
            range: CharRange::new(first.start, end),
            columns,
            header,
            rows,
        },
        next_line: next,
    })
}

/// One column of a table on its side, as a row for the views, and its target.
fn sideways_column(
    f: &[char],
    name: Cell,
    cell: Cell,
    v: CellValue,
    attribute: Option<Cell>,
    year: Option<Deadline>,
) -> (TableRow, Option<Found>) {
    let at = |c: Cell, column, kind| TableCell {
        range: CharRange::new(c.start, c.end),
        column,
        kind,
    };
    let mut cells = vec![
        at(name, 0, CellKind::Label),
        at(
            cell,
            1,
            if v.value.is_some() {
                CellKind::Target
            } else {
                CellKind::Value
            },
        ),
    ];
    cells.extend(attribute.map(|a| at(a, 2, CellKind::Label)));
    let row = TableRow { cells, spanning: false };
    let Some(raw) = v.value else { return (row, None) };
    let (metric, unit) = name_and_unit(&text_of(f, name));
    let (unit, factor) = if v.unit.is_empty() {
        unit.unwrap_or_else(|| (String::new(), 1.0))
    } else {
        (v.unit, 1.0)
    };
    let target = Found {
        span: CharRange::new(cell.start, cell.end),
        text: String::new(),
        value: tidy(raw * factor),
        unit,
        comparator: v.comparator,
        year,
        metric: Some(if v.cumulative {
            format!("{metric}（累计）")
        } else {
            metric
        }),
        baseline: None,
        attribute: attribute.and_then(|a| attribute_cell(&text_of(f, a))),
        table: true,
    };
    (row, Some(target))
}

/// Where the last of these cells ends, with a row's closing bar.
fn line_end_of(f: &[char], cells: &[Option<&Cell>]) -> usize {
    let mut end = cells.iter().flatten().map(|c| c.end).max().unwrap_or(0);
    while end < f.len() && matches!(f[end], '|' | ' ' | '\t' | '\u{3000}') {
        end += 1;
    }
    end
}
