//! Bytes → `String`: BOMs, UTF-8, UTF-16 and the GB family, with binary files refused.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::model::SourceEncoding;

/// Decode text bytes, detecting the encoding. CRLF and CR line ends become `\n`.
///
/// # Errors
/// A description of why the bytes are not text (NUL bytes, control characters, no encoding
/// that decodes them cleanly).
pub fn decode_text(bytes: &[u8]) -> Result<(String, SourceEncoding), String> {
    let (text, enc) = if let Some((bom_enc, bom_len)) = Encoding::for_bom(bytes) {
        let (cow, had_errors) = bom_enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("invalid {} after its byte-order mark", bom_enc.name()));
        }
        (cow.into_owned(), source_encoding(bom_enc))
    } else if let Some(enc) = utf16_without_bom(bytes) {
        let (cow, _) = enc.decode_without_bom_handling(bytes);
        (cow.into_owned(), source_encoding(enc))
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_owned(), SourceEncoding::Utf8)
    } else {
        legacy(bytes)?
    };
    check_text(&text)?;
    Ok((normalise_newlines(&text), enc))
}

fn source_encoding(enc: &'static Encoding) -> SourceEncoding {
    if enc == UTF_16LE {
        SourceEncoding::Utf16Le
    } else if enc == UTF_16BE {
        SourceEncoding::Utf16Be
    } else if enc == BIG5 {
        SourceEncoding::Big5
    } else if enc == encoding_rs::UTF_8 {
        SourceEncoding::Utf8
    } else {
        SourceEncoding::Gb18030
    }
}

/// UTF-16 without a BOM betrays itself by zero bytes in every other position (ASCII and
/// newlines) — or, for pure CJK text, by decoding to mostly ideographs with no errors.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // Real UTF-16 text has newlines and ASCII punctuation; require a clear signal and no
    // zeros at all on the other side.
    if zero_odd * 10 >= pairs && zero_even == 0 {
        return Some(UTF_16LE);
    }
    if zero_even * 10 >= pairs && zero_odd == 0 {
        return Some(UTF_16BE);
    }
    None
}

/// Not UTF-8 and no BOM: ask chardetng, then try the Chinese encodings in turn and keep the
/// first that decodes without a malformed sequence.
fn legacy(bytes: &[u8]) -> Result<(String, SourceEncoding), String> {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    let mut candidates: Vec<&'static Encoding> = Vec::with_capacity(3);
    if guess == BIG5 {
        candidates.push(BIG5);
    }
    candidates.push(GB18030);
    candidates.push(BIG5);
    for enc in candidates {
        let (cow, _, had_errors) = enc.decode(bytes);
        if !had_errors {
            return Ok((cow.into_owned(), source_encoding(enc)));
        }
    }
    Err("it is not UTF-8, UTF-16, GB18030/GBK or Big5 text".to_owned())
}

/// Refuse what decoded but is not text: NUL bytes or many control characters.
fn check_text(text: &str) -> Result<(), String> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return Err("it contains NUL bytes".to_owned());
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    if total > 0 && control * 50 > total {
        return Err(format!("{control} control characters in {total}"));
    }
    Ok(())
}

fn normalise_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_owned();
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "一、总体要求\r\n（一）指导思想。以数字化转型为引领，到2025年培育100家企业。\r\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let (t, e) = decode_text(SAMPLE.as_bytes()).expect("utf-8");
        assert_eq!(e, SourceEncoding::Utf8);
        assert!(t.starts_with("一、总体要求\n"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode_text(&bom).expect("bom").0, t);
    }

    #[test]
    fn gbk_without_bom_is_detected() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        let (t, e) = decode_text(&bytes).expect("gbk");
        assert_eq!(e, SourceEncoding::Gb18030);
        assert_eq!(t, SAMPLE.replace("\r\n", "\n"));
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(SAMPLE.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(SAMPLE.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(
            decode_text(&le).expect("le"),
            (SAMPLE.replace("\r\n", "\n"), SourceEncoding::Utf16Le)
        );
        assert_eq!(
            decode_text(&be).expect("be"),
            (SAMPLE.replace("\r\n", "\n"), SourceEncoding::Utf16Be)
        );
    }

    #[test]
    fn lone_cr_line_ends() {
        assert_eq!(decode_text("甲\r乙\r\n丙".as_bytes()).expect("cr").0, "甲\n乙\n丙");
    }

    #[test]
    fn binary_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert!(decode_text(png).is_err());
    }
}
