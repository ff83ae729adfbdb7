//! An indicator table's layout as the reader saw it — where it stands, its header, its rows
//! and cells, which cell is a row's target and which its baseline — for the reading views,
//! which draw a table as a table. Nothing is parsed twice: the reader records the cells it
//! reads (`table.rs`), and [`indicator_tables`] places them in the document.

use crate::model::{CharRange, Document};

use super::layout::{Col, Role};

/// What a column holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// 序号.
    Seq,
    /// 类别, 领域, 一级指标.
    Category,
    /// 指标, 指标名称.
    Indicator,
    /// 单位.
    Unit,
    /// The base year (基期值, 现状, the earliest year): baselines, never targets.
    Base,
    /// The target year (目标值, the latest year): the targets.
    Target,
    /// Another year between them.
    Value,
    /// A rate or sum over the period (年均增长, 累计).
    Period,
    /// 属性.
    Attribute,
    /// 来源, 责任单位, 备注.
    Source,
    /// A column the reader does not use (说明).
    Other,
}

impl ColumnKind {
    pub(super) fn of(col: Col) -> Self {
        match col {
            Col::Seq => Self::Seq,
            Col::Category => Self::Category,
            Col::Name => Self::Indicator,
            Col::Unit => Self::Unit,
            Col::Value { role: Role::Base, .. } => Self::Base,
            Col::Value { role: Role::Target, .. } => Self::Target,
            Col::Value { role: Role::Year, .. } => Self::Value,
            Col::Value {
                role: Role::Period { .. },
                ..
            } => Self::Period,
            Col::Attribute => Self::Attribute,
            Col::Source => Self::Source,
            Col::Other => Self::Other,
        }
    }
}

/// What a cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A header cell (a column's name or the year under it).
    Header,
    /// A label: category, indicator, unit, 属性, source, row number.
    Label,
    /// A value that is neither the row's target nor its baseline.
    Value,
    /// The row's base-year value.
    Baseline,
    /// The cell the row's target was read from (its span).
    Target,
}

/// One cell: its trimmed char range and its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableCell {
    pub range: CharRange,
    /// Index into [`IndicatorTable::columns`].
    pub column: usize,
    pub kind: CellKind,
}

/// One row, its cells in column order (a column may hold two cells: a label cut by a line
/// break; or none: an empty cell).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableRow {
    pub cells: Vec<TableCell>,
    /// A row of one cell across the table: a category (一、经济发展).
    pub spanning: bool,
}

/// An indicator table as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorTable {
    /// The section whose text holds it ([`Document::sections`]).
    pub section_ix: crate::model::SecIx,
    /// From its header's first cell to the end of its last row.
    pub range: CharRange,
    pub columns: Vec<ColumnKind>,
    /// The header's cells (a column may have two: 目标值 / （2025年）).
    pub header: Vec<TableCell>,
    pub rows: Vec<TableRow>,
}

impl IndicatorTable {
    /// The same table with every range moved by `by` chars.
    fn shifted(mut self, by: usize) -> Self {
        let shift = |c: &mut TableCell| c.range = CharRange::new(c.range.start + by, c.range.end + by);
        self.range = CharRange::new(self.range.start + by, self.range.end + by);
        self.header.iter_mut().for_each(shift);
        for r in &mut self.rows {
            r.cells.iter_mut().for_each(shift);
        }
        self
    }
}

/// Every indicator table of a document, in document order, as the target reader reads it:
/// ranges are chars of [`Document::text`]. Only a table that gives a target is one (as for
/// [`super::super::extract`]); its rows are those the reader took for rows.
#[must_use]
pub fn indicator_tables(doc: &Document) -> Vec<IndicatorTable> {
    let mut out = Vec::new();
    for (section_ix, s) in doc.sections.iter().enumerate() {
        let (_, f) = super::super::fold(&s.text);
        let base = s.text_range.start;
        out.extend(super::read(&f, None).regions.into_iter().map(|mut t| {
            t.section_ix = crate::model::SecIx(section_ix);
            t.shifted(base)
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    //! Tables written for these tests, one per text form.

    use super::*;

    fn doc(text: &str) -> Document {
        let (mut docs, errors) = crate::load_many([("plan.txt", crate::model::SourceFormat::Txt, text.as_bytes())]);
        assert!(errors.is_empty(), "{errors:?}");
        docs.pop().expect("a document")
    }

    /// The one table of `text`, with the document.
    fn one(text: &str) -> (Document, IndicatorTable) {
        let d = doc(text);
        let mut t = indicator_tables(&d);
        assert_eq!(t.len(), 1, "{t:#?}");
        (d, t.remove(0))
    }

    fn slice(d: &Document, r: CharRange) -> String {
        d.text.chars().skip(r.start).take(r.len()).collect()
    }

    /// The header's text per column (cells of one column joined by a space).
    fn header(d: &Document, t: &IndicatorTable) -> Vec<String> {
        (0..t.columns.len())
            .map(|i| {
                let parts: Vec<String> = t
                    .header
                    .iter()
                    .filter(|c| c.column == i)
                    .map(|c| slice(d, c.range))
                    .collect();
                parts.join(" ")
            })
            .collect()
    }

    /// Each row as its cells' text per column ("" where it has none).
    fn grid(d: &Document, t: &IndicatorTable) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| {
                (0..t.columns.len())
                    .map(|i| {
                        r.cells
                            .iter()
                            .filter(|c| c.column == i)
                            .map(|c| slice(d, c.range))
                            .collect()
                    })
                    .collect()
            })
            .collect()
    }

    /// The text of the cells of one kind, in order.
    fn of_kind(d: &Document, t: &IndicatorTable, kind: CellKind) -> Vec<String> {
        t.rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| c.kind == kind)
            .map(|c| slice(d, c.range))
            .collect()
    }

    /// Every range lies in the table's section text, and the table's range in the section.
    fn placed(d: &Document, t: &IndicatorTable) {
        let s = &d.sections[t.section_ix].text_range;
        assert!(s.start <= t.range.start && t.range.end <= s.end, "{t:#?}");
        for c in t.header.iter().chain(t.rows.iter().flat_map(|r| &r.cells)) {
            assert!(t.range.start <= c.range.start && c.range.end <= t.range.end, "{c:?}");
        }
    }

    const PROSE: &str = "某市数字经济发展行动方案（2024—2026年）\n一、发展目标\n到2026年，数字经济核心产业增加值达到900亿元。\n附件\n主要指标\n";

    #[test]
    fn a_piped_table_is_its_header_rows_and_cells() {
        let text = format!(
            "{PROSE}| 类别 | 指标 | 单位 | 2023年 | 2026年 | 属性 |\n|---|---|---|---|---|---|\n\
             | 数字产业 | 核心产业增加值 | 亿元 | 620 | 900 | 预期性 |\n\
             | | 软件业务收入 | 亿元 | 300 | 480 | 预期性 |\n以上指标由市统计局核定。\n"
        );
        let (d, t) = one(&text);
        placed(&d, &t);
        assert_eq!(header(&d, &t), ["类别", "指标", "单位", "2023年", "2026年", "属性"]);
        assert_eq!(
            t.columns,
            [
                ColumnKind::Category,
                ColumnKind::Indicator,
                ColumnKind::Unit,
                ColumnKind::Base,
                ColumnKind::Target,
                ColumnKind::Attribute
            ]
        );
        assert_eq!(
            grid(&d, &t),
            [
                ["数字产业", "核心产业增加值", "亿元", "620", "900", "预期性"],
                ["", "软件业务收入", "亿元", "300", "480", "预期性"],
            ]
        );
        assert_eq!(of_kind(&d, &t, CellKind::Target), ["900", "480"]);
        assert_eq!(of_kind(&d, &t, CellKind::Baseline), ["620", "300"]);
        // The table starts at its header and ends with its last row: the prose around it
        // is not in it.
        let shown = slice(&d, t.range);
        assert!(shown.starts_with("| 类别") && shown.ends_with("预期性 |"), "{shown}");
        assert_eq!(d.text.chars().nth(t.range.start - 1), Some('\n'));
    }

    #[test]
    fn a_tabbed_table_keeps_an_empty_cell_in_its_column() {
        let text = format!(
            "{PROSE}指标名称\t单位\t现状值（2023年）\t目标值（2026年）\n\
             5G基站\t万个\t\t3.5\n千兆用户\t万户\t60\t150\n"
        );
        let (d, t) = one(&text);
        placed(&d, &t);
        assert_eq!(
            header(&d, &t),
            ["指标名称", "单位", "现状值（2023年）", "目标值（2026年）"]
        );
        assert_eq!(
            grid(&d, &t),
            [["5G基站", "万个", "", "3.5"], ["千兆用户", "万户", "60", "150"]]
        );
        assert_eq!(of_kind(&d, &t, CellKind::Target), ["3.5", "150"]);
        assert_eq!(of_kind(&d, &t, CellKind::Baseline), ["60"]);
    }

    #[test]
    fn a_table_in_runs_of_spaces_has_its_category_rows_across() {
        let text = format!(
            "{PROSE}序号   指标                单位     基期值    目标值    属性\n\
             创新驱动\n\
             1      研发投入强度        %        2.1       2.8       预期性\n\
             2      高新技术企业        家       800       1500      预期性\n"
        );
        let (d, t) = one(&text);
        placed(&d, &t);
        assert_eq!(header(&d, &t), ["序号", "指标", "单位", "基期值", "目标值", "属性"]);
        assert!(t.rows[0].spanning && !t.rows[1].spanning);
        assert_eq!(grid(&d, &t)[0][0], "创新驱动");
        assert_eq!(grid(&d, &t)[2], ["2", "高新技术企业", "家", "800", "1500", "预期性"]);
        assert_eq!(of_kind(&d, &t, CellKind::Target), ["2.8", "1500"]);
    }

    #[test]
    fn a_table_with_a_cell_per_line_is_put_back_in_rows() {
        let text = format!(
            "{PROSE}序号\n指标\n2024年\n2025年\n2026年\n\
             1\n智慧工厂（个）\n10\n15\n25\n\
             2\n上云企业（万家）\n1.5\n2\n3\n"
        );
        let (d, t) = one(&text);
        placed(&d, &t);
        assert_eq!(header(&d, &t), ["序号", "指标", "2024年", "2025年", "2026年"]);
        assert_eq!(
            t.columns[2..],
            [ColumnKind::Base, ColumnKind::Value, ColumnKind::Target]
        );
        assert_eq!(
            grid(&d, &t),
            [
                ["1", "智慧工厂（个）", "10", "15", "25"],
                ["2", "上云企业（万家）", "1.5", "2", "3"]
            ]
        );
        assert_eq!(of_kind(&d, &t, CellKind::Target), ["25", "3"]);
        assert_eq!(of_kind(&d, &t, CellKind::Value), ["15", "2"]);
    }

    #[test]
    fn prose_with_numbers_is_no_table() {
        let d = doc(&format!("{PROSE}到2026年，全市上云企业达到3万家，智慧工厂25个。\n"));
        assert!(indicator_tables(&d).is_empty());
    }
}
