//! XLSX (`rust_xlsxwriter`): Passages (one row per passage, every provenance column, frozen
//! header, filters, wrapped text with row heights from the text), Matrix (domain × document
//! counts of the selection, empty cells kept), Targets (normalised, numeric, deduplicated
//! within a document). `id` joins Passages and Targets, `doc_id` every sheet. Every sheet
//! prints landscape, one page wide, its header repeated.
//!
//! Excel holds at most 32,767 UTF-16 units in a cell: a longer text is cut with a visible
//! `…[truncated: N chars]` and a warning naming the document and section; the rest of the
//! export is written.

mod layout;

use std::fmt::Write as _;

use rust_xlsxwriter::{Format as Cell, FormatAlign, Workbook, Worksheet, XlsxError};

use super::{COLUMNS, ExportError, Input, Passage, Rendered, Selected, UNSPECIFIED, row};
use crate::align::Row;
pub use layout::wrapped_lines;
use layout::{row_height, width_of};

/// Excel's limit of a cell's text, in UTF-16 units.
pub const CELL_LIMIT: usize = 32_767;
/// Excel's highest row, in points.
const MAX_ROW_HEIGHT: f64 = 409.0;
/// Points per wrapped line of 11-point text with CJK glyphs.
const LINE_HEIGHT: f64 = 15.0;

#[allow(
    clippy::needless_pass_by_value,
    reason = "called as `map_err(err)`, which passes the error by value"
)]
fn err(e: XlsxError) -> ExportError {
    ExportError::Render {
        format: "XLSX",
        why: e.to_string(),
    }
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn u16_of(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// `text` cut to fit a cell, with the marker; `None` when it fits.
#[must_use]
pub fn fit_cell(text: &str) -> Option<String> {
    let units: usize = text.chars().map(char::len_utf16).sum();
    if units <= CELL_LIMIT {
        return None;
    }
    let total = text.chars().count();
    // Room for the marker (its digits cannot exceed those of `total`).
    let marker_room = format!("…[truncated: {total} chars]").encode_utf16().count();
    let mut used = 0;
    let mut kept = 0;
    for c in text.chars() {
        if used + c.len_utf16() > CELL_LIMIT - marker_room {
            break;
        }
        used += c.len_utf16();
        kept += 1;
    }
    let mut out: String = text.chars().take(kept).collect();
    let _ = write!(out, "…[truncated: {} chars]", total - kept);
    Some(out)
}

/// The warning for `value`, too long for a cell at `what`.
fn too_long(what: &str, value: &str) -> String {
    format!(
        "{what}: {} chars exceed Excel's limit of 32,767 in a cell; cut in the xlsx (csv, json and docx keep it whole)",
        value.chars().count()
    )
}

/// Writes cells, cutting what does not fit and noting it.
struct Writer<'w> {
    warnings: &'w mut Vec<String>,
}

impl Writer<'_> {
    /// Write `value` at `(r, c)`, cut with a warning when it is too long for a cell (a
    /// `String` is moved into the sheet, not copied).
    fn text(
        &mut self,
        sheet: &mut Worksheet,
        (r, c): (u32, u16),
        value: impl AsRef<str> + Into<String>,
        format: Option<&Cell>,
        what: &dyn Fn() -> String,
    ) -> Result<(), ExportError> {
        let v: String = match fit_cell(value.as_ref()) {
            Some(fitted) => {
                self.warnings.push(too_long(&what(), value.as_ref()));
                fitted
            }
            None => value.into(),
        };
        match format {
            Some(f) => sheet.write_string_with_format(r, c, v, f),
            None => sheet.write_string(r, c, v),
        }
        .map_err(err)?;
        Ok(())
    }
}

fn print_setup(sheet: &mut Worksheet, header_rows: u32) -> Result<(), ExportError> {
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, header_rows - 1).map_err(err)?;
    Ok(())
}

/// Widths (characters) of the [`COLUMNS`].
const PASSAGE_WIDTHS: [f64; COLUMNS.len()] = [
    22.0, 14.0, 12.0, 30.0, 20.0, 20.0, 11.0, 11.0, 10.0, 12.0, 20.0, 14.0, 14.0, 18.0, 9.0, 12.0, 12.0, 80.0, 36.0,
    12.0, 44.0,
];

/// The workbook's sheets, in order.
#[derive(Clone, Copy)]
enum Sheet {
    Passages,
    Matrix,
    Targets,
    Crosstab,
    Coding,
}

pub fn xlsx(input: &Input<'_>, selected: &Selected<'_>) -> Result<Rendered, ExportError> {
    use rayon::prelude::*;
    let mut book = Workbook::new();
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_author("duizhao")
            .set_title("duizhao 对照 — selected passages"),
    );
    // Level 3 instead of 6: a 7 MB document's workbook is saved in about half the time, and
    // the file is a few percent larger.
    book.set_zip_compression_level(3);
    // The sheets are independent: each is filled on its own thread, then added in order, and
    // the warnings kept in sheet order.
    let sheets = [
        Sheet::Passages,
        Sheet::Matrix,
        Sheet::Targets,
        Sheet::Crosstab,
        Sheet::Coding,
    ];
    let built: Vec<Result<(Worksheet, Vec<String>), ExportError>> = sheets
        .par_iter()
        .map(|&which| {
            let mut sheet = Worksheet::new();
            let mut warnings = Vec::new();
            let mut w = Writer {
                warnings: &mut warnings,
            };
            fill(&mut sheet, which, input, selected, &mut w)?;
            Ok((sheet, warnings))
        })
        .collect();
    let mut warnings = Vec::new();
    for b in built {
        let (sheet, more) = b?;
        book.push_worksheet(sheet);
        warnings.extend(more);
    }
    let bytes = book.save_to_buffer().map_err(err)?;
    // The workbook's cells and strings take a few tens of milliseconds to free (a 7 MB
    // document's 380,000 cells): freed on a thread of their own while the bytes are written.
    // If no thread can be started, the closure is dropped here, and the workbook with it.
    let _ = std::thread::Builder::new()
        .name("xlsx-drop".into())
        .spawn(move || drop(book));
    Ok(Rendered { bytes, warnings })
}

/// Name the sheet and write `columns` across its first row.
fn named_with_header(sheet: &mut Worksheet, name: &str, columns: &[&str], header: &Cell) -> Result<(), ExportError> {
    sheet.set_name(name).map_err(err)?;
    for (c, column) in columns.iter().enumerate() {
        sheet
            .write_string_with_format(0, u16_of(c), *column, header)
            .map_err(err)?;
    }
    Ok(())
}

fn header_format() -> Cell {
    Cell::new()
        .set_bold()
        .set_background_color(0x00DD_E6F2)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

fn fill(
    sheet: &mut Worksheet,
    which: Sheet,
    input: &Input<'_>,
    selected: &Selected<'_>,
    w: &mut Writer<'_>,
) -> Result<(), ExportError> {
    let header = header_format();
    match which {
        Sheet::Passages => passages_sheet(sheet, &selected.passages, &header, w),
        Sheet::Matrix => matrix_sheet(sheet, input, selected, &header),
        Sheet::Targets => targets_sheet(sheet, &selected.passages, &header, w),
        Sheet::Crosstab => {
            sheet.set_name("Crosstab 工具×领域").map_err(err)?;
            let blocks = super::tables::crosstab(input, selected);
            let widths: Vec<f64> = [10.0, 14.0, 16.0]
                .into_iter()
                .chain(std::iter::repeat(12.0))
                .take(blocks.first().map_or(3, |b| b.header.len()))
                .collect();
            blocks_sheet(sheet, blocks, &widths, &header, w)
        }
        Sheet::Coding => {
            sheet.set_name("Coding 编码表").map_err(err)?;
            // Wide enough for each header word: `tool_group` wrapped mid-word at 9 in LibreOffice.
            let widths = [10.0, 22.0, 14.0, 12.0, 12.0, 20.0, 60.0, 12.0, 12.0, 14.0, 14.0, 10.0];
            blocks_sheet(sheet, vec![super::tables::coding(input, selected)], &widths, &header, w)
        }
    }
}

/// Passages: one row per passage, every provenance column.
fn passages_sheet(
    sheet: &mut Worksheet,
    passages: &[Passage<'_>],
    header: &Cell,
    w: &mut Writer<'_>,
) -> Result<(), ExportError> {
    use rayon::prelude::*;
    let wrap = Cell::new().set_text_wrap().set_align(FormatAlign::Top);
    named_with_header(sheet, "Passages", &COLUMNS, header)?;
    // Every data cell is wrapped: the columns carry the format (set after the header, so that
    // the formats keep their order) and a cell written without one takes its column's, so no
    // format is hashed and looked up per cell (a sixth of the sheet's time).
    for c in 0..COLUMNS.len() {
        sheet.set_column_format(u16_of(c), &wrap).map_err(err)?;
    }
    // Rows, their heights and the cells cut to fit are made on every core, then written in
    // order.
    let rows: Vec<([String; COLUMNS.len()], f64, Vec<String>)> = passages
        .par_iter()
        .map(|p| {
            let mut values = row(p);
            let cells: Vec<(&str, f64)> = values.iter().map(String::as_str).zip(PASSAGE_WIDTHS).collect();
            let height = row_height(&cells);
            let mut cut = Vec::new();
            for (c, value) in values.iter_mut().enumerate() {
                if let Some(fitted) = fit_cell(value) {
                    cut.push(too_long(&format!("{} {} ({})", p.doc.id, p.place(), COLUMNS[c]), value));
                    *value = fitted;
                }
            }
            (values, height, cut)
        })
        .collect();
    for (r, (values, height, cut)) in (1..).zip(rows) {
        for (c, value) in (0..).zip(values) {
            // An empty value is left out: its column's format is what Excel shows there.
            if !value.is_empty() {
                sheet.write_string(r, c, value).map_err(err)?;
            }
        }
        sheet.set_row_height(r, height).map_err(err)?;
        w.warnings.extend(cut);
    }
    for (c, width) in PASSAGE_WIDTHS.iter().enumerate() {
        sheet.set_column_width(u16_of(c), *width).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    sheet
        .autofilter(0, 0, u32_of(passages.len()), u16_of(COLUMNS.len() - 1))
        .map_err(err)?;
    print_setup(sheet, 1)
}

/// Tables one below the other, each with its title lines and header; counts as numbers,
/// shares as percentages. With one table, its header is frozen and repeated when printed.
fn blocks_sheet(
    sheet: &mut Worksheet,
    mut blocks: Vec<super::tables::Block>,
    widths: &[f64],
    header: &Cell,
    w: &mut Writer<'_>,
) -> Result<(), ExportError> {
    use super::tables::Value;
    use rayon::prelude::*;
    let title = Cell::new().set_bold();
    let wrap = Cell::new().set_text_wrap().set_align(FormatAlign::Top);
    let share = Cell::new().set_num_format("0.0%").set_align(FormatAlign::Top);
    let count = Cell::new().set_num_format("0").set_align(FormatAlign::Top);
    let width = |c: usize| widths.get(c).copied().unwrap_or(12.0);
    // Text cells are wrapped: their columns carry the format and the cells are written
    // without one (as in the Passages sheet); the cells of other kinds keep their own.
    let columns = blocks
        .iter()
        .flat_map(|b| b.rows.iter().map(Vec::len).chain([b.header.len()]))
        .max()
        .unwrap_or(0)
        .max(widths.len());
    for c in 0..columns {
        sheet.set_column_format(u16_of(c), &wrap).map_err(err)?;
    }
    let single = blocks.len() == 1;
    let mut r: u32 = 0;
    for b in &mut blocks {
        // Each row's height and its texts cut to fit, made on every core. A cut is noted
        // with the row it will be written at.
        let first = r + u32_of(b.title.len()) + 1;
        let name = b.title.first().map_or("", String::as_str);
        let made: Vec<(f64, Vec<String>)> = b
            .rows
            .par_iter_mut()
            .enumerate()
            .map(|(i, cells)| {
                let at = first + u32_of(i);
                let texts: Vec<(&str, f64)> = cells
                    .iter()
                    .enumerate()
                    .filter_map(|(c, v)| match v {
                        Value::Text(t) => Some((t.as_str(), width(c))),
                        _ => None,
                    })
                    .collect();
                let height = row_height(&texts);
                let mut cut = Vec::new();
                for v in cells.iter_mut() {
                    if let Value::Text(t) = v
                        && let Some(fitted) = fit_cell(t)
                    {
                        cut.push(too_long(&format!("{name} (row {})", at + 1), t));
                        *t = fitted;
                    }
                }
                (height, cut)
            })
            .collect();
        for t in &b.title {
            sheet.write_string_with_format(r, 0, t, &title).map_err(err)?;
            r += 1;
        }
        if single {
            sheet.set_freeze_panes(r + 1, 0).map_err(err)?;
            sheet.set_repeat_rows(r, r).map_err(err)?;
        }
        for (c, h) in b.header.iter().enumerate() {
            sheet.write_string_with_format(r, u16_of(c), h, header).map_err(err)?;
        }
        sheet
            .set_row_height(r, row_height(&header_cells(&b.header, widths)))
            .map_err(err)?;
        r += 1;
        for (cells, (height, cut)) in std::mem::take(&mut b.rows).into_iter().zip(made) {
            for (c, v) in (0..).zip(cells) {
                match v {
                    // An empty text is left out, as in the Passages sheet.
                    Value::Text(t) if t.is_empty() => {}
                    Value::Text(t) => {
                        sheet.write_string(r, c, t).map_err(err)?;
                    }
                    Value::Count(n) => {
                        sheet.write_number_with_format(r, c, u32_of(n), &count).map_err(err)?;
                    }
                    Value::Share(f) => {
                        sheet.write_number_with_format(r, c, f, &share).map_err(err)?;
                    }
                    Value::Empty => {}
                }
            }
            w.warnings.extend(cut);
            sheet.set_row_height(r, height).map_err(err)?;
            r += 1;
        }
        r += 1;
    }
    for (c, width) in widths.iter().enumerate() {
        sheet.set_column_width(u16_of(c), *width).map_err(err)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn header_cells<'h>(header: &'h [String], widths: &[f64]) -> Vec<(&'h str, f64)> {
    header
        .iter()
        .map(String::as_str)
        .zip(widths.iter().copied().chain(std::iter::repeat(12.0)))
        .collect()
}

/// Matrix: two header rows (document ids, then labels), one row per domain of the selection.
fn matrix_sheet(
    sheet: &mut Worksheet,
    input: &Input<'_>,
    selected: &Selected<'_>,
    header: &Cell,
) -> Result<(), ExportError> {
    let top = &Cell::new().set_align(FormatAlign::Top);
    named_with_header(sheet, "Matrix", &["domain_id", "domain", "domain_en"], header)?;
    sheet.write_string_with_format(1, 0, "", header).map_err(err)?;
    sheet.write_string_with_format(1, 1, "document", header).map_err(err)?;
    sheet.write_string_with_format(1, 2, "", header).map_err(err)?;
    for (c, &d) in selected.docs.iter().enumerate() {
        let doc = &input.docs[d];
        let c = u16_of(c + 3);
        sheet.write_string_with_format(0, c, &doc.id, header).map_err(err)?;
        sheet
            .write_string_with_format(1, c, doc.display_name(), header)
            .map_err(err)?;
        sheet.set_column_width(c, 14).map_err(err)?;
    }
    let scheme = input.taxonomy.schemes.first();
    let mut widest = 10;
    for (r, (row, cells)) in (2..).zip(super::matrix_rows(input, selected)) {
        let cat = match row {
            Row::Category(c) => scheme.map(|s| &s.categories[c]),
            _ => None,
        };
        let (id, zh, en) = cat.map_or(("", super::UNCATEGORISED_ZH, "No category"), |c| {
            (c.id.as_str(), c.zh.as_str(), c.en.as_str())
        });
        widest = widest.max(width_of(zh));
        sheet.write_string_with_format(r, 0, id, top).map_err(err)?;
        sheet.write_string_with_format(r, 1, zh, top).map_err(err)?;
        sheet.write_string_with_format(r, 2, en, top).map_err(err)?;
        for (c, ps) in cells.iter().enumerate() {
            sheet.write_number(r, u16_of(c + 3), u32_of(ps.len())).map_err(err)?;
        }
    }
    sheet.set_column_width(0, 16).map_err(err)?;
    #[allow(clippy::cast_precision_loss)]
    sheet.set_column_width(1, (widest + 2) as f64).map_err(err)?;
    sheet.set_column_width(2, 34).map_err(err)?;
    sheet.set_freeze_panes(2, 3).map_err(err)?;
    print_setup(sheet, 2)
}

/// A target of the selection once: the first passage stating it, and where it is repeated.
struct TargetRow<'p, 'a> {
    passage: &'p Passage<'a>,
    target: &'a crate::targets::Target,
    also_in: Vec<String>,
}

/// Targets with the same wording, value, unit, deadline and metric in one document are one
/// target stated twice (a web summary repeating the plan's opening, a 专栏 repeating an
/// item): listed once, with the other places in `also_in`. Different documents are never
/// merged, and neither are equal figures with other wording or metric.
fn unique_targets<'p, 'a>(passages: &'p [Passage<'a>]) -> Vec<TargetRow<'p, 'a>> {
    use crate::targets::Deadline;
    // What makes two targets the same, and where the first of them is in `out`.
    type Key<'k> = (&'k str, &'k str, u64, &'k str, Option<Deadline>, Option<&'k str>);
    let mut seen: std::collections::HashMap<Key<'a>, usize> = std::collections::HashMap::new();
    let mut out: Vec<TargetRow<'p, 'a>> = Vec::new();
    for p in passages {
        for &t in &p.targets {
            let key = (
                p.doc.id.as_str(),
                t.text.as_str(),
                t.value.to_bits(),
                t.unit.as_str(),
                t.year,
                t.metric.as_deref(),
            );
            match seen.get(&key) {
                Some(&i) if out[i].passage.leaf != p.leaf => {
                    let place = p.place();
                    if !out[i].also_in.contains(&place) {
                        out[i].also_in.push(place);
                    }
                }
                Some(_) => {}
                None => {
                    seen.insert(key, out.len());
                    out.push(TargetRow {
                        passage: p,
                        target: t,
                        also_in: Vec::new(),
                    });
                }
            }
        }
    }
    out
}

/// The Targets sheet's columns.
pub const TARGET_COLUMNS: [&str; 15] = [
    "id",
    "doc_id",
    "document",
    "section",
    "domain_id",
    "domain",
    "metric",
    "value",
    "unit",
    "comparator",
    "year",
    "every_year",
    "as printed",
    "also_in",
    "citation",
];

fn targets_sheet(
    sheet: &mut Worksheet,
    passages: &[Passage<'_>],
    header: &Cell,
    w: &mut Writer<'_>,
) -> Result<(), ExportError> {
    use crate::targets::Deadline;
    named_with_header(sheet, "Targets", &TARGET_COLUMNS, header)?;
    let integer = Cell::new().set_num_format("#,##0");
    let decimal = Cell::new().set_num_format("#,##0.0##");
    let year = Cell::new().set_num_format("0");
    let rows = unique_targets(passages);
    for (r, tr) in (1..).zip(&rows) {
        let (p, t) = (tr.passage, tr.target);
        let what = || format!("{} {} (target)", p.doc.id, p.place());
        let strings: [(u16, String); 9] = [
            (0, p.id()),
            (1, p.doc.id.clone()),
            (2, p.doc.display_name().to_owned()),
            (3, p.place()),
            (4, p.domain.map(|c| c.id.clone()).unwrap_or_default()),
            (5, p.domain_name()),
            (6, t.metric.clone().unwrap_or_default()),
            (
                8,
                if t.unit.is_empty() {
                    UNSPECIFIED.to_owned()
                } else {
                    t.unit.clone()
                },
            ),
            (9, t.comparator.symbol().to_owned()),
        ];
        for (c, v) in &strings {
            w.text(sheet, (r, *c), v, None, &what)?;
        }
        let fmt = if t.value.fract() == 0.0 { &integer } else { &decimal };
        sheet.write_number_with_format(r, 7, t.value, fmt).map_err(err)?;
        if let Some(Deadline::Year(y)) = t.year {
            sheet.write_number_with_format(r, 10, y, &year).map_err(err)?;
        }
        sheet
            .write_boolean(r, 11, t.year == Some(Deadline::EveryYear))
            .map_err(err)?;
        w.text(sheet, (r, 12), &t.text, None, &what)?;
        w.text(sheet, (r, 13), tr.also_in.join("、"), None, &what)?;
        w.text(sheet, (r, 14), p.citation(), None, &what)?;
    }
    for (c, width) in [
        22.0, 14.0, 12.0, 12.0, 14.0, 14.0, 24.0, 20.0, 10.0, 10.0, 7.0, 10.0, 18.0, 12.0, 50.0,
    ]
    .iter()
    .enumerate()
    {
        sheet.set_column_width(u16_of(c), *width).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    sheet
        .autofilter(0, 0, u32_of(rows.len()).max(1), u16_of(TARGET_COLUMNS.len() - 1))
        .map_err(err)?;
    print_setup(sheet, 1)
}
