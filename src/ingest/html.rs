//! Saved web pages (.html, .htm) → the article's paragraphs and the page's metadata.
//!
//! Bytes are decoded by BOM, then a `<meta charset>` / `http-equiv` declaration in the first
//! 16 KB (government pages put it late), then detection ([`super::decode_text`]). The article
//! is taken out of the navigation, breadcrumbs, share blocks, sidebars and footers by
//! `dom_smoothie` (readability.js's algorithm; formatted text keeps paragraphs); if it finds
//! nothing, or the page nests `<div>`s deeper than [`MAX_DIV_DEPTH`] (readability's time
//! grows with the square of the depth), every text line of the page is kept and cleaning
//! drops the boilerplate lines. The
//! page title loses its site suffix (`…的通知_广州市人民政府门户网站`). The metadata table government
//! pages carry (索引号, 发文机关, 成文日期, 发文字号, 发布日期, 主题分类) is read from the page's
//! text lines, label then value, into labelled fields.

use encoding_rs::Encoding;

use super::Para;
use crate::model::SourceEncoding;

/// Deepest nesting of `<div>`s given to readability. Its scoring walks each element's
/// descendants, so its time grows with the square of the depth: 2,000 unclosed `<div>`s
/// (a damaged or hostile page; the fuzz harness made one of 68 KB) took 1.2 s, and a few
/// thousand more would take minutes. Real pages nest a few dozen deep; a deeper page is
/// read by its text lines, as a page readability finds nothing in.
pub const MAX_DIV_DEPTH: usize = 256;

/// The deepest `<div>` nesting of a page, by counting its opening and closing tags.
fn div_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = b[i..].iter().position(|&c| c == b'<') {
        let t = i + at + 1;
        let close = b.get(t) == Some(&b'/');
        let name = t + usize::from(close);
        let is_div = b.get(name..name + 3).is_some_and(|n| n.eq_ignore_ascii_case(b"div"))
            && b.get(name + 3).is_none_or(|c| !c.is_ascii_alphanumeric());
        if is_div && close {
            depth = depth.saturating_sub(1);
        } else if is_div {
            depth += 1;
            deepest = deepest.max(depth);
        }
        i = t;
    }
    deepest
}

/// Pages larger than this are refused (a saved page with inline images can be big, but the
/// parser's tree grows with it).
pub const MAX_HTML_BYTES: usize = 64 * 1024 * 1024;

/// The labels of the metadata table gov pages carry, and the label each is filed under.
pub const META_LABELS: &[(&str, &str)] = &[
    ("索引号", "索引号"),
    ("发文机关", "发文机关"),
    ("发布机构", "发文机关"),
    ("成文日期", "成文日期"),
    ("发文字号", "发文字号"),
    ("文号", "发文字号"),
    ("文件编号", "发文字号"),
    ("发布日期", "发布日期"),
    ("主题分类", "主题分类"),
];

/// What a page gave.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub title: Option<String>,
    pub paras: Vec<Para>,
    /// (label, value) from the metadata table, labels as in [`META_LABELS`]' second column.
    pub fields: Vec<(String, String)>,
    pub encoding: Option<SourceEncoding>,
}

/// Decode a page's bytes: BOM, declared charset, else detection.
///
/// # Errors
/// Bytes that decode to nothing like text.
pub fn decode(bytes: &[u8]) -> Result<(String, SourceEncoding), String> {
    if Encoding::for_bom(bytes).is_none()
        && let Some(enc) = declared_charset(bytes)
    {
        let (text, _, _) = enc.decode(bytes);
        let se = if enc == encoding_rs::UTF_8 {
            SourceEncoding::Utf8
        } else if enc == encoding_rs::BIG5 {
            SourceEncoding::Big5
        } else {
            SourceEncoding::Gb18030
        };
        if enc == encoding_rs::UTF_8
            || enc == encoding_rs::GBK
            || enc == encoding_rs::GB18030
            || enc == encoding_rs::BIG5
        {
            return Ok((text.into_owned(), se));
        }
    }
    super::decode_text(bytes)
        .map(|d| (d.text, d.encoding))
        .map_err(|e| match e {
            super::DecodeError::Binary(why) | super::DecodeError::Language(why) => why,
        })
}

/// The charset a page declares in its first 16 KB (`<meta charset=…>` or
/// `content="text/html; charset=…"`). UTF-16 declarations are ignored (a page that says so
/// in ASCII is not UTF-16).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(16 * 1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let at = from + i + b"charset".len();
        from = at;
        // Only inside a <meta …> tag.
        let tag_start = lower[..at].iter().rposition(|&b| b == b'<')?;
        if !lower[tag_start..].starts_with(b"<meta") {
            continue;
        }
        let rest = &lower[at..];
        let rest = rest.strip_prefix(b" ").unwrap_or(rest);
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let label: Vec<u8> = rest
            .iter()
            .skip_while(|b| matches!(b, b' ' | b'"' | b'\''))
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
            .copied()
            .collect();
        if let Some(enc) = Encoding::for_label(&label)
            && enc != encoding_rs::UTF_16LE
            && enc != encoding_rs::UTF_16BE
        {
            return Some(enc);
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Read a saved page.
///
/// # Errors
/// A page too large, or one that holds no text.
pub fn read(bytes: &[u8]) -> Result<Page, String> {
    if bytes.len() > MAX_HTML_BYTES {
        return Err(format!("the page is larger than {} MB", MAX_HTML_BYTES / (1024 * 1024)));
    }
    let (html, encoding) = decode(bytes)?;
    let lines = text_lines(&html);
    let fields = meta_fields(&lines);
    let page_title = tag_text(&html, "title").map(|t| strip_site_suffix(&t));
    let article = if div_depth(&html) > MAX_DIV_DEPTH {
        None
    } else {
        extract_article(&html)
    };
    let (title, body) = match article {
        Some((t, body)) if body.iter().map(|l| l.chars().count()).sum::<usize>() >= 50 => (
            page_title.or_else(|| (!t.trim().is_empty()).then(|| strip_site_suffix(&t))),
            body,
        ),
        _ => (page_title, lines),
    };
    let mut paras: Vec<Para> = Vec::with_capacity(body.len() + 1);
    if let Some(t) = &title {
        let folded = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let head: String = body.iter().take(4).map(|l| folded(l)).collect();
        if !t.is_empty() && !head.contains(&folded(t)) {
            paras.push(Para {
                text: t.clone(),
                ..Para::default()
            });
        }
    }
    paras.extend(body.into_iter().map(|text| Para {
        text,
        ..Para::default()
    }));
    Ok(Page {
        title,
        paras,
        fields,
        encoding: Some(encoding),
    })
}

/// The article by readability, as lines; `None` if it finds none.
fn extract_article(html: &str) -> Option<(String, Vec<String>)> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        max_elements_to_parse: 200_000,
        ..dom_smoothie::Config::default()
    };
    let mut r = dom_smoothie::Readability::new(html, None, Some(cfg)).ok()?;
    let article = r.parse().ok()?;
    let lines: Vec<String> = article
        .text_content
        .lines()
        .map(|l| l.replace('\u{a0}', " ").trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    Some((article.title, lines))
}

/// `X_广州市人民政府门户网站`, `X - 中国政府网`, `X|某市人民政府` → `X`: the part before the last
/// separator when what follows it is a site name (short, no 关于/通知) and what precedes it
/// is longer.
#[must_use]
pub fn strip_site_suffix(title: &str) -> String {
    let t = title.trim();
    for sep in ["_", " - ", "－", "——", "|", "｜", " — "] {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (t[..i].trim(), t[i + sep.len()..].trim());
            if head.chars().count() >= 6
                && tail.chars().count() <= 20
                && !tail.contains("关于")
                && !tail.ends_with("通知")
            {
                return strip_site_suffix(head);
            }
        }
    }
    t.to_owned()
}

/// The text of the first `<tag>` element (entities decoded), if any.
fn tag_text(html: &str, tag: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find(&format!("<{tag}"))?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find(&format!("</{tag}"))?;
    let t = decode_entities(&html[start..end]);
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Every text line of a page: scripts, styles and comments dropped, every tag a line break,
/// entities decoded, lines trimmed, empty lines dropped.
#[must_use]
pub fn text_lines(html: &str) -> Vec<String> {
    let mut out = String::with_capacity(html.len() / 2);
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    while i < html.len() {
        let Some(lt) = html[i..].find('<').map(|j| i + j) else {
            out.push_str(&html[i..]);
            break;
        };
        out.push_str(&html[i..lt]);
        let rest = &lower[lt..];
        let skip_to = |end: &str| rest.find(end).map_or(html.len(), |j| lt + j + end.len());
        i = if rest.starts_with("<!--") {
            skip_to("-->")
        } else if rest.starts_with("<script") {
            skip_to("</script>")
        } else if rest.starts_with("<style") {
            skip_to("</style>")
        } else {
            out.push('\n');
            skip_to(">")
        };
    }
    decode_entities(&out)
        .lines()
        .map(|l| l.replace('\u{a0}', " ").trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Decode the entities a saved page uses (`&nbsp;`, `&amp;`, `&#26032;`, `&#x65B0;`, …).
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "nbsp" => Some('\u{a0}'),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "mdash" => Some('—'),
                "hellip" => Some('…'),
                "middot" => Some('·'),
                "emsp" | "ensp" | "thinsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e + 1))
        });
        if let Some((c, len)) = decoded {
            out.push(c);
            rest = &rest[len..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The metadata table: a line that is a label (with or without ：) followed by its value on
/// the same line or the next. The first value of each label is kept.
#[must_use]
pub fn meta_fields(lines: &[String]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for (label, filed) in META_LABELS {
            let Some(rest) = line.strip_prefix(label) else { continue };
            let rest = rest.trim_start();
            let Some(rest) = rest.strip_prefix(['：', ':']).or(rest.is_empty().then_some(rest)) else {
                continue;
            };
            let value = if rest.trim().is_empty() {
                lines.get(i + 1).map(|s| s.trim()).unwrap_or_default()
            } else {
                rest.trim()
            };
            // A value is short and is not itself another label.
            if value.is_empty()
                || value.chars().count() > 60
                || META_LABELS.iter().any(|(l, _)| value.starts_with(l))
                || out.iter().any(|(l, _)| l == filed)
            {
                continue;
            }
            out.push(((*filed).to_owned(), value.to_owned()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_declared_late_in_a_meta_tag_is_used() {
        let body = "<p>关于印发某市数字经济行动方案的通知</p>";
        let mut page = format!("<html><head><!-- {} -->", "x".repeat(5000)).into_bytes();
        page.extend_from_slice(
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>",
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(body);
        page.extend_from_slice(&gbk);
        let (text, enc) = decode(&page).expect("decodes");
        assert!(text.contains("数字经济行动方案"));
        assert_eq!(enc, SourceEncoding::Gb18030);
    }

    #[test]
    fn site_suffixes_leave_the_title() {
        assert_eq!(
            strip_site_suffix(
                "广州市人民政府办公厅关于印发广州市居家社区养老服务管理办法的通知_广州市人民政府门户网站"
            ),
            "广州市人民政府办公厅关于印发广州市居家社区养老服务管理办法的通知"
        );
        assert_eq!(
            strip_site_suffix("国务院关于积极推进“互联网+”行动的指导意见 - 中国政府网"),
            "国务院关于积极推进“互联网+”行动的指导意见"
        );
        assert_eq!(strip_site_suffix("某某_关于印发方案的通知"), "某某_关于印发方案的通知");
    }

    #[test]
    fn metadata_table_is_read_label_then_value() {
        let html = "<table><tr><td>索引号：</td><td><span>11440100MB2C90856P/2023-00331</span></td>\
                    <td>发文机关：</td><td>广州市人民政府办公厅</td></tr><tr><td>成文日期：<i></i></td><td>2023-10-19</td>\
                    <td>发文字号：</td><td>穗府办规〔2022〕13号</td></tr><tr><td>主题分类：</td><td></td></tr></table>";
        let fields = meta_fields(&text_lines(html));
        assert_eq!(
            fields,
            [
                ("索引号".to_owned(), "11440100MB2C90856P/2023-00331".to_owned()),
                ("发文机关".to_owned(), "广州市人民政府办公厅".to_owned()),
                ("成文日期".to_owned(), "2023-10-19".to_owned()),
                ("发文字号".to_owned(), "穗府办规〔2022〕13号".to_owned()),
            ]
        );
    }

    #[test]
    fn div_nesting_is_counted_from_the_tags() {
        assert_eq!(div_depth("<div><DIV class=a><p>x</p></div><div/></div><divider>"), 2);
        assert_eq!(div_depth("</div></div><div>"), 1);
    }

    #[test]
    fn entities_scripts_and_comments() {
        let lines = text_lines(
            "<script>var a='<p>x</p>';</script><p>到&nbsp;2025&#24180;&amp;&#x5E74;</p><!-- <p>no</p> --><p>&bogus; &</p>",
        );
        assert_eq!(lines, ["到 2025年&年", "&bogus; &"]);
    }
}
