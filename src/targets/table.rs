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
mod per_cell;
mod region;
mod sideways;

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
    sideways::transposed(f, &lines, fallback, &mut out);
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
}

fn tidy(x: f64) -> f64 {
    format!("{x:.12e}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests;
