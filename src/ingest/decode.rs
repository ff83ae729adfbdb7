//! Bytes → `String`: BOMs, UTF-8, UTF-16 and the GB family, with binary files and the
//! legacy encodings of other languages (Japanese, Korean) refused, and doubtful decodes
//! flagged.

use encoding_rs::{BIG5, EUC_JP, EUC_KR, Encoding, GB18030, GBK, ISO_2022_JP, SHIFT_JIS, UTF_16BE, UTF_16LE};

use crate::model::SourceEncoding;

/// Decoded text and the encoding it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: SourceEncoding,
}

/// Why bytes were not decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not text at all (NUL bytes, control characters, no encoding decodes it).
    Binary(String),
    /// Text, but in another language's encoding: `looks like Japanese (Shift_JIS) text, not Chinese`.
    Language(String),
}

/// Decode text bytes, detecting the encoding. CRLF and CR line ends become `\n`.
///
/// # Errors
/// [`DecodeError::Binary`] when the bytes are not text (NUL bytes, control characters, no
/// encoding that decodes them cleanly); [`DecodeError::Language`] for Japanese or Korean
/// legacy encodings, which would otherwise decode as GB18030 mojibake.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, encoding) = if let Some((bom_enc, bom_len)) = Encoding::for_bom(bytes) {
        let (cow, had_errors) = bom_enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(DecodeError::Binary(format!(
                "invalid {} after its byte-order mark",
                bom_enc.name()
            )));
        }
        (cow.into_owned(), source_encoding(bom_enc))
    } else if let Some(enc) = utf16_without_bom(bytes) {
        let (cow, _) = enc.decode_without_bom_handling(bytes);
        (cow.into_owned(), source_encoding(enc))
    } else if let Some(s) = utf8_maybe_cut(bytes) {
        (s.to_owned(), SourceEncoding::Utf8)
    } else {
        legacy(bytes)?
    };
    check_text(&text).map_err(DecodeError::Binary)?;
    Ok(Decoded {
        text: normalise_newlines(text),
        encoding,
    })
}

/// UTF-8, or UTF-8 whose last character was cut off (an interrupted download, a file split
/// at a byte count): the text without the partial character. The part before must show
/// itself UTF-8 by a multi-byte character, so that ASCII ending in a legacy-encoded
/// character is left to the legacy decoders.
fn utf8_maybe_cut(bytes: &[u8]) -> Option<&str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) if e.error_len().is_none() => {
            let s = std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()?;
            (!s.is_ascii()).then_some(s)
        }
        Err(_) => None,
    }
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
    // Without a zero byte neither side has any (a fast scan of a large UTF-8 file).
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) || !bytes.contains(&0) {
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
fn legacy(bytes: &[u8]) -> Result<(String, SourceEncoding), DecodeError> {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    det.feed(bytes, true);
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    if let Some(language) = foreign(bytes, guess) {
        return Err(DecodeError::Language(format!(
            "looks like {language} ({}) text, not Chinese; duizhao reads Chinese documents \
             (save it as UTF-8 if it is one)",
            guess.name()
        )));
    }
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
    Err(DecodeError::Binary(
        "it is not UTF-8, UTF-16, GB18030/GBK or Big5 text".to_owned(),
    ))
}

/// The language of a Japanese or Korean legacy encoding chardetng settled on, when the bytes
/// decode cleanly in it and there are enough non-ASCII bytes for the guess to mean
/// something (a few bytes of GBK can look like anything).
fn foreign(bytes: &[u8], guess: &'static Encoding) -> Option<&'static str> {
    let language = if guess == SHIFT_JIS || guess == EUC_JP || guess == ISO_2022_JP {
        "Japanese"
    } else if guess == EUC_KR {
        "Korean"
    } else {
        return None;
    };
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    if guess != ISO_2022_JP && non_ascii < 32 {
        return None;
    }
    let (_, _, had_errors) = guess.decode(bytes);
    (!had_errors).then_some(language)
}

/// Whether decoded text looks doubtful: many replacement characters, or few of its
/// characters common Chinese ones (GB2312 hanzi and punctuation, or traditional forms of
/// them). `None` when it reads as Chinese or is too short to tell. Looks at the first
/// 100,000 non-ASCII characters only, so it costs the same on any size.
#[must_use]
pub fn decode_doubt(text: &str) -> Option<String> {
    let mut total = 0usize;
    let mut replacement = 0usize;
    let mut common = 0usize;
    for c in text
        .chars()
        .filter(|c| !c.is_ascii() && !crate::text::is_space(*c))
        .take(100_000)
    {
        total += 1;
        if c == '\u{FFFD}' {
            replacement += 1;
            continue;
        }
        if matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2010}'..='\u{206F}') {
            common += 1;
            continue;
        }
        let is_common = is_common_char(c);
        common += usize::from(is_common);
    }
    if total < 20 {
        return None;
    }
    if replacement * 100 > total {
        return Some(format!(
            "{replacement} characters could not be decoded; the text may be garbled"
        ));
    }
    if common * 10 < total * 6 {
        return Some(format!(
            "only {}% of its characters are common Chinese characters; the encoding may have \
             been guessed wrong or the text is not Chinese",
            common * 100 / total
        ));
    }
    None
}

/// Whether `c` (or its simplified form) is a GB2312 hanzi or punctuation character.
fn gb2312_common(c: char) -> bool {
    let mut buf = [0u8; 8];
    let simplified = fast2s::convert(c.encode_utf8(&mut [0; 4]));
    let (_, _, written) = GBK
        .new_encoder()
        .encode_from_utf8_without_replacement(&simplified, &mut buf, false);
    // GB2312 rows 0xA1–0xA3 (punctuation, full-width forms) and 0xB0–0xF7 (hanzi),
    // trail 0xA1–0xFE; not the kana, Greek and Cyrillic rows between them.
    written == 2 && matches!(buf[0], 0xA1..=0xA3 | 0xB0..=0xF7) && (0xA1..=0xFE).contains(&buf[1])
}

/// [`gb2312_common`], each character of the Basic Multilingual Plane judged once per
/// process: the GBK encoder's search was a fifth of reading the bundled corpus, and the
/// documents of a corpus share most of their characters (0 not judged yet, 1 no, 2 yes).
fn is_common_char(c: char) -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    static JUDGED: [AtomicU8; 0x1_0000] = [const { AtomicU8::new(0) }; 0x1_0000];
    let Some(slot) = JUDGED.get(c as usize) else {
        return gb2312_common(c);
    };
    match slot.load(Ordering::Relaxed) {
        0 => {
            let common = gb2312_common(c);
            slot.store(if common { 2 } else { 1 }, Ordering::Relaxed);
            common
        }
        judged => judged == 2,
    }
}

/// Refuse what decoded but is not text: NUL bytes or many control characters.
fn check_text(text: &str) -> Result<(), String> {
    let bytes = text.as_bytes();
    if bytes.contains(&0) {
        return Err("it contains NUL bytes".to_owned());
    }
    // Counted over the bytes, which the compiler vectorises (a char at a time was a third of
    // decoding a large file): the control characters are C0 and DEL, one byte each, and C1
    // (U+0080–U+009F), which UTF-8 writes as 0xC2 and a byte 0x80–0x9F.
    let total = text.chars().count();
    let c0 = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F)
        .count();
    let c1 = bytes
        .windows(2)
        .filter(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]))
        .count();
    let control = c0 + c1;
    if total > 0 && control * 50 > total {
        return Err(format!("{control} control characters in {total}"));
    }
    Ok(())
}

/// `\r\n` and `\r` as `\n`; a text without them is returned as it is (not copied: a large
/// file's every copy is fresh memory the system has to clear).
fn normalise_newlines(s: String) -> String {
    if !s.contains('\r') {
        return s;
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "一、总体要求\r\n（一）指导思想。以数字化转型为引领，到2025年培育100家企业。\r\n";

    #[test]
    fn control_characters_are_counted_as_chars() {
        let count = |t: &str| {
            t.chars()
                .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
                .count()
        };
        for t in ["正文\n\t\r\u{c}", "\u{1}\u{7f}\u{80}\u{9f}\u{a0}é一", "\u{85}\u{1b}x"] {
            let mut all = t.repeat(60);
            all.push_str(&"文".repeat(10));
            let expected = count(&all) * 50 > all.chars().count();
            assert_eq!(check_text(&all).is_err(), expected, "{t:?}");
        }
        assert!(check_text("a\0b").is_err());
        let many = "\u{9f}字".repeat(10);
        assert_eq!(
            check_text(&many),
            Err(format!("10 control characters in {}", many.chars().count()))
        );
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let Decoded { text: t, encoding: e } = decode_text(SAMPLE.as_bytes()).expect("utf-8");
        assert_eq!(e, SourceEncoding::Utf8);
        assert!(t.starts_with("一、总体要求\n"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode_text(&bom).expect("bom").text, t);
    }

    #[test]
    fn gbk_without_bom_is_detected() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        let Decoded { text: t, encoding: e } = decode_text(&bytes).expect("gbk");
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
        let le = decode_text(&le).expect("le");
        assert_eq!(
            (le.text, le.encoding),
            (SAMPLE.replace("\r\n", "\n"), SourceEncoding::Utf16Le)
        );
        let be = decode_text(&be).expect("be");
        assert_eq!(
            (be.text, be.encoding),
            (SAMPLE.replace("\r\n", "\n"), SourceEncoding::Utf16Be)
        );
    }

    #[test]
    fn utf8_cut_inside_its_last_character_is_read_without_it() {
        let text = "一、总体要求\n到2025年，建成100个中心。";
        for cut in 1..=2 {
            let bytes = &text.as_bytes()[..text.len() - cut];
            let d = decode_text(bytes).expect("read");
            assert_eq!(d.encoding, SourceEncoding::Utf8);
            assert_eq!(d.text, "一、总体要求\n到2025年，建成100个中心");
        }
        // ASCII then a GBK character whose two bytes read as a cut UTF-8 lead (刖: EB BE) is
        // not taken for cut UTF-8: nothing before it shows UTF-8.
        let (gbk, _, _) = encoding_rs::GBK.encode("2025 plan 刖");
        assert_eq!(&gbk[gbk.len() - 2..], [0xEB, 0xBE]);
        assert!(
            decode_text(&gbk).map_or(true, |d| d.text != "2025 plan "),
            "read as cut UTF-8"
        );
    }

    #[test]
    fn lone_cr_line_ends() {
        assert_eq!(decode_text("甲\r乙\r\n丙".as_bytes()).expect("cr").text, "甲\n乙\n丙");
    }

    #[test]
    fn binary_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert!(matches!(decode_text(png), Err(DecodeError::Binary(_))));
    }

    const JAPANESE: &str = "デジタル経済の発展を促進するため、地方自治体は次の施策を講じる。\
        第一に、オンライン教育を推進し、すべての学校でネットワーク環境を整備する。\
        第二に、遠隔医療の普及を図り、病院と診療所の連携を強化する。";
    const KOREAN: &str = "디지털 경제 발전을 촉진하기 위하여 지방자치단체는 다음 시책을 강구한다. \
        첫째, 온라인 교육을 추진하고 모든 학교에 네트워크 환경을 정비한다. \
        둘째, 원격 의료의 보급을 도모하고 병원과 진료소의 연계를 강화한다.";

    #[test]
    fn japanese_and_korean_legacy_encodings_are_named_not_read_as_chinese() {
        for (text, enc, language) in [
            (JAPANESE, SHIFT_JIS, "Japanese (Shift_JIS)"),
            (JAPANESE, EUC_JP, "Japanese (EUC-JP)"),
            (KOREAN, EUC_KR, "Korean (EUC-KR)"),
        ] {
            let (bytes, _, _) = enc.encode(text);
            match decode_text(&bytes) {
                Err(DecodeError::Language(why)) => assert!(why.contains(language), "{why}"),
                other => panic!("{}: {other:?}", enc.name()),
            }
        }
    }

    #[test]
    fn the_same_texts_in_utf8_are_read_but_doubted() {
        for text in [JAPANESE, KOREAN] {
            let d = decode_text(text.as_bytes()).expect("utf-8 is read");
            assert!(decode_doubt(&d.text).is_some(), "{text}");
        }
        assert_eq!(decode_doubt(SAMPLE), None);
        assert_eq!(
            decode_doubt("為了促進數字經濟發展，制定本條例。推進線上教育與遠程醫療，到二〇二五年建成一百家。"),
            None
        );
    }
}
