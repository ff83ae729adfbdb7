//! Indicator tables a cell per line (pdftotext's default mode, web pages turned into text):
//! the columns are known only by count, so a row is told by its cells' kinds.

use super::cell::{CellValue, attribute_cell, is_prose, name_and_unit, table_unit, value_cell};
use super::layout::{Cell, Col, text_of};
use super::{Reader, Row};
use crate::targets::Comparator;

impl Reader<'_> {
    /// Cells one per line from cell `from`; returns where the table ends.
    pub(super) fn cells(&mut self, cells: &[Cell], from: usize) -> usize {
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
