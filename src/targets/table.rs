//! Indicator tables (主要指标) in text form, read as data. A table comes as a row per line
//! with its cells separated by `|` (Markdown, 北大法宝), tabs (.docx tables, web pages) or
//! runs of two or more spaces (pdftotext `-layout`), or as a cell per line (pdftotext's
//! default mode, web pages turned into text). Its header names the columns: indicator
//! (指标, 指标名称, 二级指标), category (类别, 领域, 一级指标), unit (单位), base year (基期值,
//! 现状, 基准值, or the earliest of several `2020年` columns), target year (目标值, 预期目标,
//! or the latest year column; `目标值（2025年）` gives its year), attribute (属性: 预期性,
//! 约束性), source (来源, 责任单位). A header without a value column (a table of 评价标准
//! text) is not read here: its sentences are read as prose.
//!
//! Each row gives one target: its value from the target-year cell (its span), unit from the
//! unit column or the indicator's parenthesis (`算力规模（EFLOPS）`), year from the target
//! column's header (else the year the table's title or the section states), comparator from
//! the cell (`≥50`, `30以上`, `6左右`), the metric from the indicator name with its category
//! (`地区生产总值（经济发展）`); the base-year cell is its baseline, never a target. A cell in
//! 〔〕 brackets is cumulative over the plan period: the metric says `（累计）`. A row whose
//! target-year cell is empty commits to its 年均增长〔累计〕 figure instead: due in the target
//! column's year, `（累计）` for a sum, `（年均）` and `%` for an average annual rate. In the
//! cell-per-line form the columns are known only by count: a run of values after an
//! indicator is split into rows of as many values as the header has value columns (pdftotext
//! sometimes prints a row's values before its label; such rows have no metric).
//!
//! Everything reads the width-folded chars of one section's text; offsets are char offsets
//! into it.

mod cell;
mod layout;
mod region;

pub use region::{CellKind, ColumnKind, IndicatorTable, TableCell, TableRow, indicator_tables};

use super::{Baseline, Comparator, Deadline, Found};
use crate::model::CharRange;
use cell::{CellValue, attribute_cell, is_prose, name_and_unit, table_unit, value_cell};
use layout::{Cell, Col, Role, header_at, lines, spread_words, text_of, title_year, years_below};

/// The tables of a text: their targets, the char ranges they cover (prose extraction skips
/// those) and their layout.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    /// Their targets (`text` left empty: the caller slices the original text).
    pub targets: Vec<Found>,
    pub covered: Vec<(usize, usize)>,
    /// Each table's cells as read (chars of the text read; `section_ix` left 0).
    pub regions: Vec<IndicatorTable>,
}

/// Read every indicator table of the width-folded `f`. `fallback` is the deadline of the
/// section, for a target column that states no year.
#[must_use]
pub fn read(f: &[char], fallback: Option<Deadline>) -> Tables {
    let mut out = Tables::default();
    if !f.contains(&'\n') && !f.contains(&'|') && !f.contains(&'\t') {
        return out;
    }
    let lines = lines(f);
    let cells: Vec<Cell> = lines.iter().flat_map(|(_, _, c)| c.iter().copied()).collect();
    // Tables on their side first: their rows of names would pass for a header's columns.
    transposed(f, &lines, fallback, &mut out);
    let sideways = out.covered.clone();
    let spread = spread_words(f, &cells);
    let mut k = 0;
    while k < cells.len() {
        // (In text order and apart: the one that could hold this cell is found by halving.)
        let i = sideways.partition_point(|&(a, _)| a <= cells[k].start);
        if let Some(&(_, end)) = i
            .checked_sub(1)
            .map(|i| &sideways[i])
            .filter(|(_, b)| *b > cells[k].start)
        {
            k = cells.partition_point(|c| c.start < end);
            continue;
        }
        let Some((mut cols, body, named)) = header_at(f, &cells, &spread, k) else {
            k += 1;
            continue;
        };
        let mut header: Vec<TableCell> = named.iter().map(|&(c, i)| header_cell(c, i)).collect();
        let first_line = cells[k].line;
        // A header on one line with several cells: a row per line. Else a cell per line.
        let row_mode = cells[k..body].iter().all(|c| c.line == first_line) && body - k >= 3;
        let mut first_row = cells[body.saturating_sub(1)].line + 1;
        if row_mode
            && let Some(l) = lines.get(first_row)
            && let Some(filled) = years_below(f, &l.2, &mut cols)
        {
            header.extend(l.2.iter().zip(filled).map(|(&c, i)| header_cell(c, i)));
            first_row += 1;
        }
        let title_from = lines[first_line.saturating_sub(3)].0;
        let year = title_year(f, title_from, cells[k].start);
        let mut reader = Reader {
            f,
            cols: &cols,
            fallback: year.map(Deadline::Year).or(fallback),
            out: Vec::new(),
            rows: Vec::new(),
        };
        let end = if row_mode {
            reader.rows(&lines, first_row)
        } else {
            reader.cells(&cells, body)
        };
        if reader.out.is_empty() {
            k = body;
            continue;
        }
        out.covered.push((cells[k].start, end));
        out.targets.append(&mut reader.out);
        // The table as drawn begins with its header's line: a Markdown row's opening bar too.
        let mut start = cells[k].start;
        while start > 0 && matches!(f[start - 1], '|' | ' ' | '\t' | '\u{3000}') {
            start -= 1;
        }
        out.regions.push(IndicatorTable {
            section_ix: crate::model::SecIx(0),
            range: CharRange::new(start, end),
            columns: cols.iter().map(|c| ColumnKind::of(*c)).collect(),
            header,
            rows: std::mem::take(&mut reader.rows),
        });
        // Cells are in text order: the first at or after the table's end, found by halving
        // (a scan from the first cell for every table was quadratic in many small tables).
        k = cells.partition_point(|c| c.start < end);
    }
    if !sideways.is_empty() {
        // In text order, as callers expect.
        out.targets.sort_by_key(|t| t.span.start);
        out.covered.sort_unstable();
        out.regions.sort_by_key(|r| r.range.start);
    }
    out
}

/// Tables turned on their side, as some pages print them: a line naming the indicators
/// (主要指标), a row of indicator names (on that line or the next), a line naming the target
/// year (2022年目标值), a row of as many values, and optionally a row of 属性. Each column
/// is one target.
fn transposed(f: &[char], lines: &[(usize, usize, Vec<Cell>)], fallback: Option<Deadline>, out: &mut Tables) {
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

fn header_cell(c: Cell, column: usize) -> TableCell {
    TableCell {
        range: CharRange::new(c.start, c.end),
        column,
        kind: CellKind::Header,
    }
}

struct Reader<'a> {
    f: &'a [char],
    cols: &'a [Col],
    fallback: Option<Deadline>,
    out: Vec<Found>,
    /// The rows read so far, as the views draw them.
    rows: Vec<TableRow>,
}

/// One row as read: its label, unit, attribute and value cells in column order.
#[derive(Default)]
struct Row {
    category: Option<String>,
    name: Option<String>,
    unit: Option<(String, f64)>,
    attribute: Option<String>,
    values: Vec<(Cell, CellValue)>,
    /// Its other cells (labels, unit, 属性, number, source) with their column.
    labels: Vec<(Cell, usize)>,
}

/// The cell a row's target was read from, and how.
struct Chosen {
    cell: Cell,
    value: CellValue,
    year: Option<u16>,
    /// Read from a 年均 / 累计 column: `Some(cumulative)`.
    period: Option<bool>,
}

impl Reader<'_> {
    /// The value columns: their index among the columns, and what they are.
    fn value_cols(&self) -> Vec<(usize, Col)> {
        self.cols
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, c)| matches!(c, Col::Value { .. }))
            .collect()
    }

    /// The first column that is one of `want`.
    fn col_of(&self, want: &[Col]) -> Option<usize> {
        self.cols.iter().position(|c| want.contains(c))
    }

    /// The year of the target column, for a target read from a period column.
    fn target_year(&self) -> Option<u16> {
        self.cols.iter().find_map(|c| match c {
            Col::Value {
                year,
                role: Role::Target,
            } => *year,
            _ => None,
        })
    }

    /// The cell a row's target comes from: its target-year cell; when that is empty or
    /// missing, its first 年均 / 累计 cell with a value (a commitment over the period, due at
    /// its end: 〔30〕, 年均增长7%).
    fn choose(&self, row: &Row, vcols: &[(usize, Col)]) -> (Option<Chosen>, Option<Baseline>) {
        let offset = vcols.len() - row.values.len();
        let mut target = None;
        let mut period = None;
        let mut baseline = None;
        for (k, (cell, v)) in row.values.iter().enumerate() {
            if let (_, Col::Value { year, role }) = vcols[offset + k] {
                let chosen = |p| Chosen {
                    cell: *cell,
                    value: v.clone(),
                    year,
                    period: p,
                };
                match role {
                    Role::Target => target = Some(chosen(None)),
                    Role::Base => baseline = v.value.map(|value| Baseline { value, year }),
                    Role::Period { cumulative } if period.is_none() && v.value.is_some() => {
                        period = Some(Chosen {
                            year: self.target_year(),
                            ..chosen(Some(cumulative || v.cumulative))
                        });
                    }
                    Role::Period { .. } | Role::Year => {}
                }
            }
        }
        match target {
            Some(t) if t.value.value.is_some() => (Some(t), baseline),
            // A rate or sum has no base-year value to compare with.
            _ => (period, None),
        }
    }

    /// Emit the target of a row whose value cells stand for the value columns (right-aligned
    /// when fewer: a missing base cell), and record the row.
    fn emit(&mut self, row: &Row) {
        let vcols = self.value_cols();
        let mut target = None;
        if !row.values.is_empty() && row.values.len() <= vcols.len() {
            let (chosen, baseline) = self.choose(row, &vcols);
            if let Some(c) = chosen {
                target = Some(c.cell.start);
                self.push(row, c, baseline);
            }
        }
        self.record(row, &vcols, target);
    }

    fn push(&mut self, row: &Row, c: Chosen, baseline: Option<Baseline>) {
        let Chosen {
            cell,
            value: v,
            year,
            period,
        } = c;
        let Some(raw) = v.value else { return };
        let (unit, factor) = if !v.unit.is_empty() {
            (v.unit.clone(), 1.0)
        } else if period == Some(false) {
            // An average annual rate is a percentage whatever the indicator's unit.
            ("%".to_owned(), 1.0)
        } else {
            row.unit.clone().unwrap_or_else(|| (String::new(), 1.0))
        };
        let value = tidy(raw * factor);
        let baseline = baseline.map(|b| Baseline {
            value: if v.unit.is_empty() {
                tidy(b.value * factor)
            } else {
                b.value
            },
            year: b.year,
        });
        let mut metric = row.name.clone().map(|n| match &row.category {
            Some(c) if !c.is_empty() => format!("{n}（{c}）"),
            _ => n,
        });
        let mark = match period {
            Some(false) => Some("（年均）"),
            Some(true) => Some("（累计）"),
            None => v.cumulative.then_some("（累计）"),
        };
        if let Some(mark) = mark {
            metric = Some(format!("{}{mark}", metric.unwrap_or_default()));
        }
        self.out.push(Found {
            span: CharRange::new(cell.start, cell.end),
            text: String::new(),
            value,
            unit,
            comparator: v.comparator,
            year: year.map(Deadline::Year).or(self.fallback),
            metric,
            baseline,
            attribute: row.attribute.clone(),
            table: true,
        });
    }

    /// Keep a row's cells, in column order, for the views.
    fn record(&mut self, row: &Row, vcols: &[(usize, Col)], target: Option<usize>) {
        let offset = vcols.len().saturating_sub(row.values.len());
        let mut cells: Vec<TableCell> = row
            .labels
            .iter()
            .map(|&(c, column)| TableCell {
                range: CharRange::new(c.start, c.end),
                column,
                kind: CellKind::Label,
            })
            .collect();
        for (k, (c, v)) in row.values.iter().enumerate() {
            let Some(&(column, col)) = vcols.get(offset + k).or(vcols.last()) else {
                break;
            };
            let kind = if Some(c.start) == target {
                CellKind::Target
            } else if matches!(col, Col::Value { role: Role::Base, .. }) && v.value.is_some() {
                CellKind::Baseline
            } else {
                CellKind::Value
            };
            cells.push(TableCell {
                range: CharRange::new(c.start, c.end),
                column,
                kind,
            });
        }
        cells.retain(|c| !c.range.is_empty());
        cells.sort_by_key(|c| (c.column, c.range.start));
        if !cells.is_empty() {
            self.rows.push(TableRow { cells, spanning: false });
        }
    }

    /// Rows one per line from line `from`; returns where the table ends.
    fn rows(&mut self, lines: &[(usize, usize, Vec<Cell>)], from: usize) -> usize {
        let f = self.f;
        let mut category: Option<String> = None;
        let mut end = lines.get(from.saturating_sub(1)).map_or(0, |l| l.1);
        // The last row read, emitted when the next line shows it is complete: a long
        // indicator name may wrap onto a line of its own, its unit last
        // (规模以上工业企业研发经费支出 / 占营业收入比重（%）).
        let mut pending: Option<Row> = None;
        for (_, line_end, cells) in &lines[from.min(lines.len())..] {
            if cells.is_empty() {
                continue;
            }
            let mut filled = cells.iter().filter(|c| c.end > c.start);
            // (Only a name still without its unit goes on: a row of its own with a unit,
            // 每万人口高价值发明专利拥有量（件）, is the next indicator.)
            if let (Some(only), None, Some(row)) = (filled.next(), filled.next(), pending.as_mut())
                && row.name.is_some()
                && row.unit.is_none()
            {
                let t = text_of(f, *only);
                let (rest, unit) = name_and_unit(&t);
                if unit.is_some() && !is_prose(&t) && value_cell(f, *only).is_none() {
                    row.name = row.name.take().map(|n| n + &rest);
                    row.unit = row.unit.take().or(unit);
                    let column = self.col_of(&[Col::Name]).unwrap_or(0);
                    row.labels.push((*only, column));
                    end = *line_end;
                    continue;
                }
            }
            if let Some(row) = pending.take() {
                self.emit(&row);
            }
            if cells.len() == 1 {
                let t = text_of(f, cells[0]);
                if is_prose(&t) || value_cell(f, cells[0]).is_some() {
                    break;
                }
                // A category row spanning the table (一、经济发展).
                category = Some(name_and_unit(&t).0);
                self.rows.push(TableRow {
                    cells: vec![TableCell {
                        range: CharRange::new(cells[0].start, cells[0].end),
                        column: 0,
                        kind: CellKind::Label,
                    }],
                    spanning: true,
                });
                end = *line_end;
                continue;
            }
            // Right-align a short row: its leading merged cells (category, number) are empty.
            let offset = self.cols.len().saturating_sub(cells.len());
            if cells.len() > self.cols.len() {
                break;
            }
            let mut row = Row::default();
            for (k, c) in cells.iter().enumerate() {
                let t = text_of(f, *c);
                let col = self.cols[offset + k];
                if t.is_empty() && !matches!(col, Col::Value { .. }) {
                    // An empty cell (a merged category, a missing unit) changes nothing.
                    continue;
                }
                if !matches!(col, Col::Value { .. }) {
                    row.labels.push((*c, offset + k));
                }
                match col {
                    Col::Category => category = Some(name_and_unit(&t).0),
                    Col::Name => {
                        let (n, u) = name_and_unit(&t);
                        row.name = Some(n);
                        row.unit = row.unit.take().or(u);
                    }
                    Col::Unit => row.unit = table_unit(&t),
                    Col::Attribute => row.attribute = attribute_cell(&t),
                    Col::Value { .. } => match value_cell(f, *c) {
                        Some(v) => row.values.push((*c, v)),
                        None => row.values.push((
                            *c,
                            CellValue {
                                value: None,
                                unit: String::new(),
                                comparator: Comparator::Equal,
                                cumulative: false,
                            },
                        )),
                    },
                    Col::Seq | Col::Source | Col::Other => {}
                }
            }
            if row.name.is_none() && row.values.iter().all(|(_, v)| v.value.is_none()) {
                break;
            }
            row.category.clone_from(&category);
            pending = Some(row);
            end = *line_end;
        }
        if let Some(row) = pending {
            self.emit(&row);
        }
        end
    }

    /// Cells one per line from cell `from`; returns where the table ends.
    fn cells(&mut self, cells: &[Cell], from: usize) -> usize {
        let f = self.f;
        let n = self.value_cols().len();
        let has_category = self.cols.contains(&Col::Category);
        let has_source = self.cols.iter().any(|c| matches!(c, Col::Source | Col::Other));
        let name_col = self.col_of(&[Col::Name]).unwrap_or(0);
        let category_col = self.col_of(&[Col::Category]);
        let mut row = Row::default();
        let mut category: Option<String> = None;
        let mut seq = 0u32;
        let mut end = cells.get(from.saturating_sub(1)).map_or(0, |c| c.end);
        let mut name_run = 0usize;
        let mut k = from;
        while let Some(&c) = cells.get(k) {
            let t = text_of(f, c);
            if t.is_empty() {
                k += 1;
                continue;
            }
            if let Some(v) = value_cell(f, c) {
                // A row number: the next integer, followed by a label (the last row's last
                // value may equal the next number).
                // Not a bracketed period figure (〔1〕) or one followed by its row's 属性.
                let next_is_label = cells
                    .get(k + 1)
                    .is_some_and(|d| value_cell(f, *d).is_none() && attribute_cell(&text_of(f, *d)).is_none());
                if v.value == Some(f64::from(seq + 1))
                    && v.unit.is_empty()
                    && !t.starts_with(['〔', '[', '【'])
                    && v.comparator == Comparator::Equal
                    && next_is_label
                    && !t.contains('.')
                {
                    seq += 1;
                    self.flush(&mut row, n);
                    row.labels.extend(self.col_of(&[Col::Seq]).map(|i| (c, i)));
                } else {
                    row.values.push((c, v));
                }
                name_run = 0;
            } else if let Some(a) = attribute_cell(&t) {
                row.attribute = Some(a);
                row.labels.push((c, self.col_of(&[Col::Attribute]).unwrap_or(name_col)));
            } else if let Some(u) = table_unit(&t).filter(|_| row.values.is_empty()) {
                row.unit = Some(u);
                row.labels.push((c, self.col_of(&[Col::Unit]).unwrap_or(name_col)));
            } else if is_prose(&t) {
                break;
            } else if self.text_in_value_column(cells, k, &row, n) {
                // A target stated in words (保持在合理区间, 高于地区生产总值增长): its column's
                // cell, with no number to take.
                row.values.push((
                    c,
                    CellValue {
                        value: None,
                        unit: String::new(),
                        comparator: Comparator::Equal,
                        cumulative: false,
                    },
                ));
                name_run = 0;
            } else if t.chars().count() == 1 {
                // A category cut into single characters by the layout (shown only where the
                // table has a category column: in the indicator's they would garble it).
                row.labels.extend(category_col.map(|i| (c, i)));
            } else if has_source
                && !row.values.is_empty()
                && row.name.is_some()
                && name_run == 0
                && !looks_like_name(&t)
            {
                // The row's source.
                row.labels
                    .extend(self.col_of(&[Col::Source, Col::Other]).map(|i| (c, i)));
                self.flush(&mut row, n);
            } else {
                let (name, unit) = name_and_unit(&t);
                if row.values.is_empty() && row.name.is_some() {
                    // Two labels in a row: the first was a category, or a label cut by a
                    // line break (重点应用场所光传送网 / (OTN)覆盖率(%)).
                    let prev = row.name.take().unwrap_or_default();
                    if has_category && name_run == 1 && row.unit.is_none() {
                        category = Some(prev);
                        row.name = Some(name);
                        for l in row.labels.iter_mut().filter(|l| l.1 == name_col) {
                            l.1 = category_col.unwrap_or(name_col);
                        }
                    } else {
                        row.name = Some(format!("{prev}{name}"));
                    }
                } else {
                    self.flush(&mut row, n);
                    row.name = Some(name);
                }
                row.labels.push((c, name_col));
                row.unit = row.unit.take().or(unit);
                row.category.clone_from(&category);
                name_run += 1;
            }
            end = c.end;
            k += 1;
        }
        self.flush(&mut row, n);
        end
    }

    /// Whether the text cell `k` fills a value column of the named `row` (a target in words)
    /// rather than naming the next row: the row has some but not all of its `n` values, the
    /// value cells after this one complete it exactly, and the row's 属性 cell follows them
    /// or the text is phrased as a level (保持, 高于, 稳定…) rather than as an indicator.
    fn text_in_value_column(&self, cells: &[Cell], k: usize, row: &Row, n: usize) -> bool {
        if row.name.is_none() || row.values.is_empty() || row.values.len() >= n {
            return false;
        }
        let f = self.f;
        // Read lazily, at most the cells the row still needs and one more: a long text of
        // cells is never walked to its end from every cell.
        let missing = n - row.values.len() - 1;
        let mut more = 0;
        let mut after = None;
        for d in cells[k + 1..].iter().filter(|d| d.end > d.start) {
            if more < missing && value_cell(f, *d).is_some() {
                more += 1;
            } else {
                after = Some(*d);
                break;
            }
        }
        // The values complete the row exactly: the cell after them is no value.
        if more != missing || after.is_some_and(|d| value_cell(f, d).is_some()) {
            return false;
        }
        let then_attribute = after.is_some_and(|d| attribute_cell(&text_of(f, d)).is_some());
        let t = text_of(f, cells[k]);
        then_attribute || LEVEL_WORDS.iter().any(|w| t.contains(w))
    }

    /// Emit a row (several when a run of values holds several rows), then start afresh.
    fn flush(&mut self, row: &mut Row, n: usize) {
        let done = std::mem::take(row);
        if n == 0 || done.values.is_empty() {
            // A named row without values is shown as it is; labels before any name (a row
            // number, a category's characters) stay for the row they open.
            let labels = if done.name.is_some() {
                self.emit(&done);
                Vec::new()
            } else {
                done.labels
            };
            *row = Row {
                category: done.category,
                labels,
                ..Row::default()
            };
            return;
        }
        if done.values.len() > n {
            // Several rows whose labels came apart from their values; a stray page number
            // after them is dropped.
            let whole = done.values.len() / n * n;
            for (k, chunk) in done.values[..whole].chunks(n).enumerate() {
                let part = Row {
                    category: done.category.clone(),
                    name: if k == 0 { done.name.clone() } else { None },
                    unit: if k == 0 { done.unit.clone() } else { None },
                    attribute: done.attribute.clone(),
                    values: chunk.to_vec(),
                    labels: if k == 0 { done.labels.clone() } else { Vec::new() },
                };
                self.emit(&part);
            }
        } else {
            self.emit(&done);
        }
        *row = Row {
            category: done.category,
            ..Row::default()
        };
    }
}

/// Words of a target stated as a level or a relation instead of a number.
const LEVEL_WORDS: &[&str] = &[
    "保持",
    "高于",
    "低于",
    "不低于",
    "稳定",
    "同步",
    "合理区间",
    "基本",
    "实现",
    "完成",
    "控制在",
    "持续",
    "逐步",
];

/// Source cells are short office names (市统计局); indicator names rarely end like them.
fn looks_like_name(t: &str) -> bool {
    !["局", "委", "厅", "办", "部", "中心", "公司", "院", "统计"]
        .iter()
        .any(|w| t.ends_with(w))
}

fn tidy(x: f64) -> f64 {
    format!("{x:.12e}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests;
