//! CSV: UTF-8 with a byte-order mark (so that Excel on Windows reads it as UTF-8), RFC 4180
//! quoting, the columns of the Passages sheet.

use super::{COLUMNS, ExportError, Passage, row};

pub fn csv(passages: &[Passage<'_>]) -> Result<Vec<u8>, ExportError> {
    let err = |e: csv::Error| ExportError::Render {
        format: "CSV",
        why: e.to_string(),
    };
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(COLUMNS).map_err(err)?;
    for p in passages {
        w.write_record(row(p)).map_err(err)?;
    }
    w.into_inner().map_err(|e| ExportError::Render {
        format: "CSV",
        why: e.to_string(),
    })
}
