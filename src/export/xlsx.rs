//! XLSX (rust_xlsxwriter): Passages (one row per passage, frozen header, filters, wrapped
//! text), Matrix (domain × document counts of the selection), Targets (normalised columns).

use rust_xlsxwriter::{Format as Cell, FormatAlign, Workbook, XlsxError};

use super::{COLUMNS, ExportError, Input, Passage, row};

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

pub fn xlsx(input: &Input<'_>, passages: &[Passage<'_>]) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let header = Cell::new()
        .set_bold()
        .set_background_color(0x00DD_E6F2)
        .set_align(FormatAlign::Top);
    let wrap = Cell::new().set_text_wrap().set_align(FormatAlign::Top);

    // Passages.
    let sheet = book.add_worksheet();
    sheet.set_name("Passages").map_err(err)?;
    for (c, name) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, u16_of(c), *name, &header)
            .map_err(err)?;
    }
    for (r, p) in passages.iter().enumerate() {
        for (c, value) in row(p).iter().enumerate() {
            sheet
                .write_string_with_format(u32_of(r + 1), u16_of(c), value, &wrap)
                .map_err(err)?;
        }
    }
    let widths = [
        16.0, 12.0, 10.0, 30.0, 22.0, 20.0, 11.0, 12.0, 22.0, 80.0, 40.0, 50.0, 20.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(u16_of(c), *w).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    sheet
        .autofilter(0, 0, u32_of(passages.len()), u16_of(COLUMNS.len() - 1))
        .map_err(err)?;

    // Matrix: domain × document counts of the selection's documents.
    let mut docs: Vec<usize> = passages
        .iter()
        .filter_map(|p| input.docs.iter().position(|d| d.id == p.doc.id))
        .collect();
    docs.sort_unstable();
    docs.dedup();
    let sheet = book.add_worksheet();
    sheet.set_name("Matrix").map_err(err)?;
    sheet.write_string_with_format(0, 0, "domain", &header).map_err(err)?;
    for (c, &d) in docs.iter().enumerate() {
        sheet
            .write_string_with_format(0, u16_of(c + 1), input.docs[d].display_name(), &header)
            .map_err(err)?;
    }
    for (r, (domain, group)) in (1..).zip(super::docx::by_domain(passages)) {
        sheet.write_string(r, 0, &domain).map_err(err)?;
        for (c, &d) in docs.iter().enumerate() {
            let n = group.iter().filter(|p| p.doc.id == input.docs[d].id).count();
            sheet.write_number(r, u16_of(c + 1), u32_of(n)).map_err(err)?;
        }
    }
    sheet.set_column_width(0, 24).map_err(err)?;
    sheet.set_freeze_panes(1, 1).map_err(err)?;

    // Targets of the selected passages.
    let sheet = book.add_worksheet();
    sheet.set_name("Targets").map_err(err)?;
    let cols = [
        "document",
        "section",
        "domain",
        "metric",
        "value",
        "unit",
        "comparator",
        "year",
        "as printed",
        "citation",
    ];
    for (c, name) in cols.iter().enumerate() {
        sheet
            .write_string_with_format(0, u16_of(c), *name, &header)
            .map_err(err)?;
    }
    let mut r = 1;
    for p in passages {
        for t in &p.targets {
            sheet.write_string(r, 0, p.doc.display_name()).map_err(err)?;
            sheet.write_string(r, 1, &p.section.path).map_err(err)?;
            sheet.write_string(r, 2, p.domain_name()).map_err(err)?;
            sheet
                .write_string(r, 3, t.metric.clone().unwrap_or_default())
                .map_err(err)?;
            sheet.write_number(r, 4, t.value).map_err(err)?;
            sheet.write_string(r, 5, &t.unit).map_err(err)?;
            sheet.write_string(r, 6, t.comparator.symbol()).map_err(err)?;
            match t.year {
                Some(crate::targets::Deadline::Year(y)) => sheet.write_number(r, 7, y).map_err(err)?,
                Some(crate::targets::Deadline::EveryYear) => sheet.write_string(r, 7, "每年").map_err(err)?,
                None => sheet,
            };
            sheet.write_string(r, 8, &t.text).map_err(err)?;
            sheet.write_string(r, 9, p.citation()).map_err(err)?;
            r += 1;
        }
    }
    for (c, w) in [12.0, 12.0, 16.0, 30.0, 16.0, 8.0, 10.0, 8.0, 16.0, 50.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(u16_of(c), *w).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    sheet
        .autofilter(0, 0, r.saturating_sub(1).max(1), u16_of(cols.len() - 1))
        .map_err(err)?;
    book.save_to_buffer().map_err(err)
}
