//! Word 97–2003 .doc → paragraphs of the main document, in character-position order.
//!
//! A .doc is an OLE compound file (read with `cfb`). Its `WordDocument` stream starts with the
//! File Information Block (FIB), which says which table stream (`0Table` / `1Table`) holds the
//! piece table (the `Clx`), how long the main document is (`ccpText`) and whether the file is
//! encrypted. The piece table maps character positions to byte offsets in `WordDocument`: each
//! piece is either UTF-16LE or "compressed" 8-bit text (cp1252). The text is then read in
//! character order up to `ccpText` (headers, footnotes and text boxes follow it and are not
//! read); paragraph marks become paragraph breaks, table cell marks tabs (a row end a new
//! line), a field keeps its result and drops its code, and other control characters go.
//!
//! Every offset and length read from the file is checked against the stream it points into,
//! and no buffer is sized from an untrusted number: streams are read through a limit of the
//! file's own size, and the text kept is capped at [`MAX_TEXT_BYTES`].
//! A table row ends at the cell mark whose paragraph properties carry `sprmPFTtp` (read from
//! the `PlcBtePapx` and its `PapxFkp` pages); when those cannot be read, at a cell mark that
//! directly follows another (which an empty cell also gives).

use std::io::{Cursor, Read};

use super::docx::push;
use super::{Hint, MAX_TEXT_BYTES};

/// `wIdent` of a Word 97+ FIB.
const WORD_IDENT: u16 = 0xA5EC;
/// Lowest `nFib` of Word 97; earlier versions (Word 6/95) have another layout.
const NFIB_WORD97: u16 = 0x00C1;
const F_ENCRYPTED: u16 = 0x0100;
const F_WHICH_TBL_STM: u16 = 0x0200;
/// Offset of `fcClx` in the FIB: `FibBase` (32) + `csw` and 14 words + `cslw` and 22 longs +
/// `cbRgFcLcb`, then pair 33 of `FibRgFcLcb97`. Checked against the counts the FIB gives.
const FC_CLX_PAIR: usize = 33;
/// `fcPlcfBtePapx` is pair 13 of `FibRgFcLcb97`.
const FC_BTE_PAPX_PAIR: usize = 13;
/// `sprmPFTtp` and `sprmPFInnerTtp`: the paragraph is a table row's end mark.
const SPRM_TTP: [u16; 2] = [0x2417, 0x244C];
/// `sprmTDefTable`, whose operand has a two-byte length.
const SPRM_TDEF_TABLE: u16 = 0xD608;
/// `ccpText` is long 3 of `FibRgLw97`.
const CCP_TEXT_LONG: usize = 3;

/// What a .doc gave: as for a .docx, its paragraphs (runs of empty ones kept as one) and how
/// many were empty.
pub type DocText = super::docx::DocxText;

/// One piece of the piece table: characters `[cp, cp_end)` start at byte `fc` of
/// `WordDocument`, one byte each when `compressed`, else two.
#[derive(Debug, Clone, Copy)]
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: u32,
    compressed: bool,
}

/// Read the main document text of a .doc.
///
/// # Errors
/// What is wrong, in a reader's terms: not a compound file, no `WordDocument` stream, an
/// encrypted or pre-97 file, a damaged FIB or piece table, text over the cap.
pub fn read(bytes: &[u8]) -> Result<DocText, String> {
    const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if !bytes.starts_with(&CFB_MAGIC) {
        return Err(not_ole(bytes));
    }
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| format!("damaged .doc: the compound file cannot be opened ({e})"))?;
    // A stream cannot hold more than the file; a longer chain is refused at that size.
    let limit = bytes.len() as u64;
    let word = read_stream(&mut cfb, "/WordDocument", limit)?.ok_or_else(|| {
        "not a Word document: the compound file has no WordDocument stream (an Excel, \
         PowerPoint or old WPS file?)"
            .to_owned()
    })?;
    let fib = Fib::parse(&word)?;
    let table_name = if fib.which_table_1 { "/1Table" } else { "/0Table" };
    let table = read_stream(&mut cfb, table_name, limit)?
        .ok_or_else(|| format!("damaged .doc: the table stream {} is missing", &table_name[1..]))?;
    let clx = slice(&table, fib.fc_clx, fib.lcb_clx)
        .ok_or_else(|| "damaged .doc: the piece table lies outside the table stream".to_owned())?;
    let pieces = piece_table(clx)?;
    // Rows end where the paragraph properties say so; a file whose properties cannot be read
    // (or mark no row) falls back on the double cell mark.
    let row_ends = slice(&table, fib.fc_papx, fib.lcb_papx)
        .and_then(|bte| row_end_marks(&word, bte))
        .filter(|r| !r.is_empty());
    let (chars, row_end_cells) = main_text(&word, &pieces, fib.ccp_text, row_ends.as_deref())?;
    Ok(paragraphs(&chars, row_ends.is_some().then_some(&row_end_cells[..])))
}

/// The message for a file that is not a compound file: what it is instead, when that is
/// recognisable (government sites often serve other formats under a .doc name).
fn not_ole(bytes: &[u8]) -> String {
    let head: Vec<u8> = bytes
        .iter()
        .copied()
        .skip_while(|b| b.is_ascii_whitespace() || matches!(b, 0xEF | 0xBB | 0xBF))
        .take(64)
        .collect();
    let lower = head.to_ascii_lowercase();
    if lower.starts_with(b"{\\rtf") {
        "not a Word 97 file: it is an RTF file named .doc (open it in Word or WPS and save it as .docx)".to_owned()
    } else if lower.starts_with(b"pk") {
        "not a Word 97 file: it is a .docx named .doc (rename it to .docx)".to_owned()
    } else if lower.starts_with(b"<") || lower.starts_with(b"mime-version") {
        "not a Word 97 file: it is a web page named .doc (rename it to .html)".to_owned()
    } else {
        "not a Word 97 document: not an OLE compound file (a .doc is one)".to_owned()
    }
}

/// A stream's bytes, `None` when absent; read through `limit` + 1 bytes whatever its
/// directory entry claims.
fn read_stream(cfb: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Option<Vec<u8>>, String> {
    if !cfb.is_stream(name) {
        return Ok(None);
    }
    let stream = cfb
        .open_stream(name)
        .map_err(|e| format!("damaged .doc: {} cannot be opened ({e})", &name[1..]))?;
    let mut buf = Vec::with_capacity(usize::try_from(stream.len().min(limit)).unwrap_or(0));
    stream
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("damaged .doc: {} cannot be read ({e})", &name[1..]))?;
    if buf.len() as u64 > limit {
        return Err(format!("damaged .doc: {} is longer than the file", &name[1..]));
    }
    Ok(Some(buf))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// `len` bytes of `b` from `at`, if they are all inside it.
fn slice(b: &[u8], at: u32, len: u32) -> Option<&[u8]> {
    let at = usize::try_from(at).ok()?;
    let end = at.checked_add(usize::try_from(len).ok()?)?;
    b.get(at..end)
}

/// The parts of the FIB the text needs.
#[derive(Debug)]
struct Fib {
    which_table_1: bool,
    ccp_text: u32,
    fc_clx: u32,
    lcb_clx: u32,
    /// The paragraph properties' bin table (0, 0 when the FIB has none).
    fc_papx: u32,
    lcb_papx: u32,
}

impl Fib {
    fn parse(word: &[u8]) -> Result<Self, String> {
        let short = || "damaged .doc: the WordDocument stream is too short for its header".to_owned();
        let ident = u16_at(word, 0).ok_or_else(short)?;
        if ident != WORD_IDENT {
            return Err("not a Word document: the WordDocument stream has no Word header".to_owned());
        }
        let nfib = u16_at(word, 2).ok_or_else(short)?;
        let flags = u16_at(word, 10).ok_or_else(short)?;
        if flags & F_ENCRYPTED != 0 {
            return Err(
                "the .doc is password-protected (encrypted): open it in Word or WPS, remove the \
                 password and save it again"
                    .to_owned(),
            );
        }
        if nfib < NFIB_WORD97 {
            return Err(format!(
                "a Word 6/95 file (version {nfib:#x}): duizhao reads Word 97–2003 .doc; save it \
                 again in Word or WPS as .docx"
            ));
        }
        // FibBase, then csw words, cslw longs, cbRgFcLcb pairs, each count before its array.
        let words = usize::from(u16_at(word, 32).ok_or_else(short)?);
        let lw_at = 34 + 2 * words;
        let longs = usize::from(u16_at(word, lw_at).ok_or_else(short)?);
        if longs <= CCP_TEXT_LONG {
            return Err("damaged .doc: the header has no text length".to_owned());
        }
        let ccp_text = u32_at(word, lw_at + 2 + 4 * CCP_TEXT_LONG).ok_or_else(short)?;
        let fc_at = lw_at + 2 + 4 * longs;
        let pairs = usize::from(u16_at(word, fc_at).ok_or_else(short)?);
        if pairs <= FC_CLX_PAIR {
            return Err("damaged .doc: the header has no piece table".to_owned());
        }
        let clx_at = fc_at + 2 + 8 * FC_CLX_PAIR;
        let papx_at = fc_at + 2 + 8 * FC_BTE_PAPX_PAIR;
        Ok(Self {
            fc_papx: u32_at(word, papx_at).unwrap_or(0),
            lcb_papx: u32_at(word, papx_at + 4).unwrap_or(0),
            which_table_1: flags & F_WHICH_TBL_STM != 0,
            ccp_text,
            fc_clx: u32_at(word, clx_at).ok_or_else(short)?,
            lcb_clx: u32_at(word, clx_at + 4).ok_or_else(short)?,
        })
    }
}

/// The pieces of a `Clx`: any `Prc` blocks are skipped, then the `Pcdt`'s `PlcPcd` is read.
fn piece_table(clx: &[u8]) -> Result<Vec<Piece>, String> {
    let bad = |why: &str| format!("damaged .doc: piece table: {why}");
    let mut at = 0usize;
    loop {
        match clx.get(at) {
            Some(1) => {
                // Prc: clxt, cbGrpprl (i16), grpprl.
                let len = u16_at(clx, at + 1).ok_or_else(|| bad("cut short"))?;
                let len = i16::from_le_bytes(len.to_le_bytes());
                let len = usize::try_from(len).map_err(|_| bad("a negative property length"))?;
                at += 3 + len;
            }
            Some(2) => break,
            Some(_) => return Err(bad("an unknown block")),
            None => return Err(bad("no text pieces")),
        }
    }
    let lcb = u32_at(clx, at + 1).ok_or_else(|| bad("cut short"))?;
    let plc = slice(clx, u32::try_from(at + 5).map_err(|_| bad("too long"))?, lcb)
        .ok_or_else(|| bad("longer than its stream"))?;
    // n + 1 character positions, then n 8-byte piece descriptors.
    if plc.len() < 4 || !(plc.len() - 4).is_multiple_of(12) {
        return Err(bad("a size that is not a piece list"));
    }
    let n = (plc.len() - 4) / 12;
    let cp = |i: usize| u32_at(plc, 4 * i).unwrap_or(0);
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        let pcd = 4 * (n + 1) + 8 * i;
        let raw = u32_at(plc, pcd + 2).ok_or_else(|| bad("cut short"))?;
        let (start, end) = (cp(i), cp(i + 1));
        if end < start {
            return Err(bad("pieces out of order"));
        }
        let compressed = raw & 0x4000_0000 != 0;
        let fc = raw & 0x3FFF_FFFF;
        pieces.push(Piece {
            cp: start,
            cp_end: end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
        });
    }
    Ok(pieces)
}

/// The characters of CPs `[0, ccp_text)`, in order, from the pieces; with the row-end FC
/// ranges, also the char indices of the cell marks that end a table row (sorted).
fn main_text(
    word: &[u8],
    pieces: &[Piece],
    ccp_text: u32,
    row_ends: Option<&[(u32, u32)]>,
) -> Result<(String, Vec<usize>), String> {
    let mut out = String::new();
    let mut chars = 0usize;
    let mut row_end_cells = Vec::new();
    let mut next_cp = 0u32;
    for p in pieces {
        if p.cp >= ccp_text {
            break;
        }
        if p.cp != next_cp {
            return Err("damaged .doc: the piece table has a gap".to_owned());
        }
        let count = p.cp_end.min(ccp_text) - p.cp;
        let width = if p.compressed { 1 } else { 2 };
        let bytes = u32::checked_mul(count, width)
            .and_then(|len| slice(word, p.fc, len))
            .ok_or_else(|| "damaged .doc: a text piece lies outside the WordDocument stream".to_owned())?;
        let mut mark = |unit: usize, c: char, chars: usize| {
            if c == '\u{7}' && row_ends.is_some_and(|r| is_row_end(r, p.fc, unit, width)) {
                row_end_cells.push(chars);
            }
        };
        if p.compressed {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            for (unit, c) in text.chars().enumerate() {
                mark(unit, c, chars);
                out.push(c);
                chars += 1;
            }
        } else {
            let units = bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]]));
            let mut unit = 0;
            for c in char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')) {
                mark(unit, c, chars);
                out.push(c);
                chars += 1;
                unit += c.len_utf16();
            }
        }
        if out.len() > MAX_TEXT_BYTES {
            return Err(format!(
                "too large: more than {} MB of text (duizhao reads up to {} MB per document)",
                MAX_TEXT_BYTES >> 20,
                MAX_TEXT_BYTES >> 20
            ));
        }
        next_cp = p.cp + count;
    }
    if next_cp < ccp_text {
        return Err("damaged .doc: the piece table ends before the text does".to_owned());
    }
    Ok((out, row_end_cells))
}

/// Whether the char `unit` of a piece at `fc` lies in one of the (sorted) row-end ranges.
fn is_row_end(ranges: &[(u32, u32)], fc: u32, unit: usize, width: u32) -> bool {
    let Some(at) = u32::try_from(unit)
        .ok()
        .and_then(|u| u.checked_mul(width))
        .and_then(|off| fc.checked_add(off))
    else {
        return false;
    };
    let i = ranges.partition_point(|&(start, _)| start <= at);
    i > 0 && at < ranges[i - 1].1
}

/// The FC ranges of the paragraphs whose properties mark a table row's end, from the
/// `PlcBtePapx` and its 512-byte `PapxFkp` pages; sorted. `None` when any part cannot be
/// read, and the reader then falls back on the double cell mark.
fn row_end_marks(word: &[u8], bte: &[u8]) -> Option<Vec<(u32, u32)>> {
    if bte.len() < 4 || !(bte.len() - 4).is_multiple_of(8) {
        return None;
    }
    let n = (bte.len() - 4) / 8;
    let mut ranges = Vec::new();
    for i in 0..n {
        let pn = u32_at(bte, 4 * (n + 1) + 4 * i)? & 0x003F_FFFF;
        let page = slice(word, pn.checked_mul(512)?, 512)?;
        let crun = usize::from(page[511]);
        for j in 0..crun {
            let (start, end) = (u32_at(page, 4 * j)?, u32_at(page, 4 * (j + 1))?);
            let b_offset = usize::from(*page.get(4 * (crun + 1) + 13 * j)?);
            if b_offset != 0 && papx_is_row_end(page, 2 * b_offset)? {
                ranges.push((start, end));
            }
        }
    }
    ranges.sort_unstable();
    Some(ranges)
}

/// Whether the `PapxInFkp` at `at` of a page carries `sprmPFTtp` or `sprmPFInnerTtp` set.
fn papx_is_row_end(page: &[u8], at: usize) -> Option<bool> {
    let cb = usize::from(*page.get(at)?);
    let (start, len) = if cb == 0 {
        (at + 2, 2 * usize::from(*page.get(at + 1)?))
    } else {
        (at + 1, 2 * cb - 1)
    };
    // The style index (2 bytes), then the property modifiers.
    let grpprl = page.get(start..start + len)?.get(2..)?;
    let mut i = 0;
    while i + 2 <= grpprl.len() {
        let sprm = u16_at(grpprl, i)?;
        let operand = i + 2;
        let size = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ if sprm == SPRM_TDEF_TABLE => 1 + usize::from(u16_at(grpprl, operand)?),
            _ => 1 + usize::from(*grpprl.get(operand)?),
        };
        if SPRM_TTP.contains(&sprm) && grpprl.get(operand).is_some_and(|&v| v != 0) {
            return Some(true);
        }
        i = operand + size;
    }
    Some(false)
}

/// Word's special characters turned into paragraphs: `\r` ends a paragraph, `\x07` ends a
/// table cell, or the row when its index is in `row_ends` (without them, when it directly
/// follows another cell mark), `\x0B` and `\x0C` (line, page and section
/// breaks) end a line, a field `\x13 code \x14 result \x15` keeps its result only.
fn paragraphs(chars: &str, row_ends: Option<&[usize]>) -> DocText {
    let mut out = DocText::default();
    let mut line = String::new();
    // One entry per open field: true once its separator has been passed (in the result).
    let mut fields: Vec<bool> = Vec::new();
    // How many open fields are still in their code (a count, so each char costs O(1)).
    let mut in_code = 0usize;
    let mut last_was_cell = false;
    for (ix, c) in chars.chars().enumerate() {
        let cell = c == '\u{7}';
        let row_end = cell && row_ends.map_or(last_was_cell, |r| r.binary_search(&ix).is_ok());
        match c {
            '\u{13}' => {
                fields.push(false);
                in_code += 1;
            }
            '\u{14}' => {
                if let Some(top) = fields.last_mut().filter(|t| !**t) {
                    *top = true;
                    in_code -= 1;
                }
            }
            '\u{15}' => {
                if fields.pop() == Some(false) {
                    in_code -= 1;
                }
            }
            _ if in_code > 0 => {}
            '\r' | '\u{B}' | '\u{C}' => push(&mut out, std::mem::take(&mut line), Hint::None),
            '\u{7}' if row_end => {
                // The row-end mark after the last cell's mark: the tab that cell added goes.
                if line.ends_with('\t') {
                    line.pop();
                }
                push(&mut out, std::mem::take(&mut line), Hint::None);
            }
            '\u{7}' | '\t' => line.push('\t'),
            '\u{1E}' => line.push('-'),
            c if c.is_control() => {}
            c => line.push(c),
        }
        last_was_cell = cell && !last_was_cell;
    }
    if !line.is_empty() {
        push(&mut out, line, Hint::None);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_keep_their_result_and_cells_become_tabs() {
        let got = paragraphs(
            "见\u{13} HYPERLINK \"x\" \u{14}网站\u{15}。\r甲\u{7}乙\u{7}\u{7}丙\u{7}丁\u{7}\u{7}末\r",
            None,
        );
        let texts: Vec<&str> = got.paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["见网站。", "甲\t乙", "丙\t丁", "末"]);
    }

    #[test]
    fn a_nested_field_code_is_dropped_whole() {
        let got = paragraphs("a\u{13}IF \u{13}PAGE\u{14}3\u{15} x\u{14}r\u{15}b\r", None);
        assert_eq!(got.paras[0].text, "arb");
    }

    #[test]
    fn an_unfinished_field_does_not_panic() {
        let got = paragraphs("\u{15}\u{14}a\u{13}b", None);
        assert_eq!(got.paras[0].text, "a");
    }
}
