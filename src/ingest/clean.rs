//! Cleaning real-world policy files: web boilerplate out, metadata lines into metadata,
//! broken lines rejoined, Markdown markers stripped but kept as hints.
//!
//! Every character that is kept is kept as it was; only whole lines are dropped, and only
//! line breaks are removed when a paragraph is rejoined.

use std::sync::LazyLock;

use regex::Regex;

use super::{Hint, Para, RawText};
use crate::outline::number::parse_marker;
use crate::text::trim;

/// Paragraphs ready for the outline, and what cleaning learnt on the way.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub paras: Vec<Para>,
    /// Publication date (ISO) from a 发布时间 / date-stamp line.
    pub published: Option<String>,
    pub keywords: Vec<String>,
    /// Issuer names seen in web header lines (来源：…, a date line's other fields).
    pub header_issuers: Vec<String>,
    /// Signature, distribution (抄送) and printing lines taken off the end of the document.
    pub trailer: Vec<String>,
    /// How many lines were dropped as web boilerplate.
    pub boilerplate_dropped: usize,
    /// How many broken paragraphs were rejoined.
    pub rejoined: usize,
}

/// Split decoded text into paragraphs. Markdown markers (`#`, `**`, `\*`) are stripped and
/// kept as hints when the file is Markdown or has Markdown heading lines.
#[must_use]
pub fn split_plain(text: &str, is_markdown: bool) -> Vec<Para> {
    let markdown = is_markdown || text.lines().any(|l| md_heading_level(l).is_some());
    text.split('\n')
        .map(|line| {
            if markdown {
                strip_markdown(line)
            } else {
                Para {
                    text: line.to_owned(),
                    ..Para::default()
                }
            }
        })
        .collect()
}

fn md_heading_level(line: &str) -> Option<u8> {
    let t = line.trim_start();
    let hashes = t.chars().take_while(|c| *c == '#').count();
    ((1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t', '\u{3000}']))
        .then(|| u8::try_from(hashes).unwrap_or(6))
}

fn strip_markdown(line: &str) -> Para {
    let mut hint = Hint::None;
    let mut rest = line;
    if let Some(level) = md_heading_level(line) {
        hint = Hint::Heading(level);
        rest = line.trim_start().trim_start_matches('#');
    }
    let rest = trim(rest);
    // Bold run-in heading: **（三）创新优质服务和环境。**积极发展…
    let mut bold_prefix = 0;
    let mut out = String::with_capacity(rest.len());
    if let Some(after) = rest.strip_prefix("**") {
        if let Some(end) = after.find("**") {
            bold_prefix = after[..end].chars().count();
            out.push_str(&after[..end]);
            out.push_str(&after[end + 2..]);
        } else {
            out.push_str(rest);
        }
    } else {
        out.push_str(rest);
    }
    let out = out.replace("**", "");
    // Markdown escapes: 7\*24 → 7*24.
    let mut text = String::with_capacity(out.len());
    let mut chars = out.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| "*_#`[]()<>!|-+.~".contains(*n)) {
            continue;
        }
        text.push(c);
    }
    Para {
        text,
        hint,
        bold_prefix,
    }
}

static DATE_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:发布(?:时间|日期)|发文日期|成文日期|日期|时间)?\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
        .expect("date regex")
});
static KEYWORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"关键[字词]\s*[:：]\s*([^\s　]+)").expect("keyword regex"));
static SOURCE_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:来源|发布机构|发文机关|发布单位)\s*[:：]\s*([^\s　]+)").expect("source regex"));

/// A web page's header line: a date stamp (with or without 发布时间) possibly followed by
/// the source, keywords and a view counter. Returns (published ISO date, issuer, keywords).
fn header_line(line: &str) -> Option<(Option<String>, Option<String>, Vec<String>)> {
    let labelled = [
        "发布时间",
        "发布日期",
        "来源",
        "关键字",
        "关键词",
        "浏览量",
        "浏览次数",
        "阅读量",
        "点击量",
        "访问量",
    ];
    let date = DATE_STAMP.captures(line);
    let has_label = labelled.iter().any(|l| line.contains(l));
    // A bare date line (2020年6月29日) is a signature, not a header; a header has a time of
    // day, a label, or other fields after the date.
    let is_header = match &date {
        Some(c) => {
            let rest = trim(&line[c.get(0).map_or(0, |m| m.end())..]);
            has_label
                || line.contains(':') && c.get(0).is_some_and(|m| m.as_str().contains(':'))
                || !rest.is_empty() && rest.chars().count() < 80 && !rest.contains('。')
        }
        None => has_label && line.chars().count() < 120 && !line.contains('。'),
    };
    if !is_header {
        return None;
    }
    let iso = date.and_then(|c| iso_date(&c[1], &c[2], &c[3]));
    let keywords = KEYWORDS
        .captures(line)
        .map(|c| {
            c[1].split([',', '，', '、', ';', '；'])
                .map(str::to_owned)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let issuer = SOURCE_FIELD.captures(line).map(|c| c[1].to_owned()).or_else(|| {
        line.split([' ', '\u{3000}', '\t'])
            .map(trim)
            .find(|f| crate::outline::meta::looks_like_issuer(f))
            .map(str::to_owned)
    });
    Some((iso, issuer, keywords))
}

/// `YYYY-MM-DD` from parts, if they make a date.
#[must_use]
pub fn iso_date(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1949..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Lines a web page wraps around the text: sharing, QR codes, logins, counters, navigation.
fn is_boilerplate(line: &str) -> bool {
    const CONTAINS: &[&str] = &[
        "扫描二维码",
        "扫一扫",
        "关注公众号",
        "分享到",
        "评论前必须登录",
        "登录后才能评论",
        "打印本页",
        "关闭窗口",
        "返回顶部",
        "【打印】",
        "【关闭】",
        "【字体",
        "字号：",
        "字体：",
        "上一篇",
        "下一篇",
        "责任编辑",
        "网站地图",
        "版权所有",
        "ICP备",
        "当前位置",
        "您的位置",
        "您现在的位置",
        "相关阅读",
        "相关链接",
        "附件下载",
    ];
    const EXACT: &[&str] = &[
        "注册",
        "登录",
        "首页",
        "分享",
        "打印",
        "收藏",
        "关闭",
        "返回",
        "评论",
        "点赞",
        "大",
        "中",
        "小",
        "【大 中 小】",
    ];
    let n = line.chars().count();
    if EXACT.contains(&line) {
        return true;
    }
    if n <= 60 && CONTAINS.iter().any(|p| line.contains(p)) {
        return true;
    }
    // 浏览量: 1234 / 阅读次数：56
    static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(浏览|阅读|访问|点击)(量|数|次数)\s*[:：]?\s*\d*\s*次?$").expect("counter regex")
    });
    // 首页 > 政务公开 > 政策文件
    n <= 80
        && (COUNTER.is_match(line)
            || line.starts_with("首页") && (line.contains('>') || line.contains('＞') || line.contains('»')))
}

/// Ends a sentence or a clause that can end a paragraph.
fn ends_paragraph(s: &str) -> bool {
    let mut rev = s.chars().rev();
    match rev.next() {
        None => true,
        Some('。' | '！' | '？' | '!' | '?' | '；' | ';' | '：' | ':' | '…' | '）' | ')' | '】' | '》') => {
            true
        }
        // A closing quote ends a paragraph only after a full stop: “…。” but not “数字江淮”战略.
        Some('”' | '"' | '」' | '』' | '’') => matches!(rev.next(), Some('。' | '！' | '？' | '!' | '?')),
        Some(_) => false,
    }
}

/// A paragraph that is a heading by its form: a number and a short title with no clause
/// punctuation, a Markdown/Word heading, or a title line.
fn heading_like(p: &Para) -> bool {
    if p.hint != Hint::None {
        return true;
    }
    let t = p.text.as_str();
    if let Some(m) = parse_marker(t) {
        let rest: String = t.chars().skip(m.len).collect();
        return rest.chars().count() <= 40 && !rest.contains(['。', '，', ',', '；', ';']);
    }
    crate::outline::meta::looks_like_title(t)
}

/// Front-matter lines whose form says they stand alone: issuer, 文号, dates, addressees.
fn stands_alone(t: &str) -> bool {
    use crate::outline::meta;
    meta::looks_like_issuer(t)
        || meta::doc_number_line(t).is_some()
        || meta::date_line(t).is_some()
        || t.chars().count() <= 6
}

/// A table row in text form: cells separated by tabs, `|` or runs of spaces (three cells
/// or more). Rows are never joined: the target reader needs one row per line.
fn is_table_row(t: &str) -> bool {
    let spaced = t
        .split("  ")
        .filter(|c| !c.trim_matches(crate::text::is_space).is_empty())
        .count();
    t.contains('\t') || t.matches(['|', '｜']).count() >= 2 || spaced >= 3
}

/// Should `next` continue `prev` (a paragraph a PDF conversion broke mid-sentence)?
fn continues(prev: &Para, next: &Para) -> bool {
    // A tab separates table cells (PDF indicator tables): rows are never run together.
    !ends_paragraph(&prev.text)
        && !is_table_row(&prev.text)
        && !is_table_row(&next.text)
        && !heading_like(prev)
        && !stands_alone(&prev.text)
        && next.hint == Hint::None
        && parse_marker(&next.text).is_none()
        && !next
            .text
            .starts_with(['—', '-', '•', '·', '●', '■', '□', '◆', '※', '《', '（', '('])
        && !stands_alone(&next.text)
}

fn is_trailer_line(t: &str) -> bool {
    use crate::outline::meta;
    t.starts_with("抄送")
        || t.starts_with("抄报")
        || t.starts_with("主送")
        || t.starts_with("附件")
        || t.ends_with("印发") && t.chars().count() <= 40
        || meta::looks_like_issuer(t)
        || meta::date_line(t).is_some()
        || meta::status_line(t)
}

/// Clean a decoded file (see the module documentation).
#[must_use]
pub fn clean(raw: &RawText) -> Cleaned {
    let mut out = Cleaned::default();
    let mut paras: Vec<Para> = Vec::with_capacity(raw.paras.len());
    for p in &raw.paras {
        let t = trim(&p.text);
        if t.is_empty() {
            continue;
        }
        if is_boilerplate(t) {
            out.boilerplate_dropped += 1;
            continue;
        }
        if let Some((published, issuer, keywords)) = header_line(t).filter(|_| p.hint == Hint::None) {
            if out.published.is_none() {
                out.published = published;
            }
            out.header_issuers.extend(issuer);
            out.keywords.extend(keywords);
            continue;
        }
        let lead = p.text.chars().take_while(|c| crate::text::is_space(*c)).count();
        let bold_prefix = p.bold_prefix.saturating_sub(lead);
        let para = Para {
            text: t.to_owned(),
            hint: p.hint,
            bold_prefix,
        };
        match paras.last_mut() {
            Some(prev) if continues(prev, &para) => {
                prev.text.push_str(&para.text);
                out.rejoined += 1;
            }
            _ => paras.push(para),
        }
    }
    // Signature, distribution list and print line at the end go to metadata.
    while let Some(last) = paras.last() {
        if last.hint == Hint::None && is_trailer_line(&last.text) && parse_marker(&last.text).is_none() {
            out.trailer.insert(0, paras.pop().map(|p| p.text).unwrap_or_default());
        } else {
            break;
        }
    }
    out.paras = paras;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceEncoding, SourceFormat};

    fn cleaned(text: &str) -> Cleaned {
        clean(&RawText {
            source: "t.txt".into(),
            format: SourceFormat::Txt,
            encoding: SourceEncoding::Utf8,
            paras: split_plain(text, false),
            warnings: Vec::new(),
            fields: Vec::new(),
        })
    }

    #[test]
    fn web_boilerplate_and_header_lines_are_removed() {
        let c = cleaned(
            "关于印发某市数字经济行动计划的通知\n2020/12/28 11:16   某市人民政府办公厅      关键字:数字经济,新业态      浏览量:\n一、总体要求\n正文。\n微信扫描二维码,关注公众号。\n评论前必须登录!\n注册",
        );
        let texts: Vec<&str> = c.paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["关于印发某市数字经济行动计划的通知", "一、总体要求", "正文。"]);
        assert_eq!(c.published.as_deref(), Some("2020-12-28"));
        assert_eq!(c.keywords, ["数字经济", "新业态"]);
        assert_eq!(c.header_issuers, ["某市人民政府办公厅"]);
        assert_eq!(c.boilerplate_dropped, 3);
    }

    #[test]
    fn pdf_broken_paragraphs_are_rejoined_across_blank_lines() {
        let c =
            cleaned("（一）智慧体育。推进全民健身智慧化发展，全面\n\n\n\n建设智慧体育公园。\n\n（二）下一项。内容。");
        let texts: Vec<&str> = c.paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "（一）智慧体育。推进全民健身智慧化发展，全面建设智慧体育公园。",
                "（二）下一项。内容。"
            ]
        );
        assert_eq!(c.rejoined, 1);
    }

    #[test]
    fn headings_titles_and_signatures_are_not_joined() {
        let c = cleaned(
            "某省数字经济发展行动方案(2021-2023年)\n为加快发展，制定本方案。\n(一)指导思想\n以新发展理念为指导\n(二)行动目标\n某省人民政府办公厅\n2021年3月18日",
        );
        let texts: Vec<&str> = c.paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "某省数字经济发展行动方案(2021-2023年)",
                "为加快发展，制定本方案。",
                "(一)指导思想",
                "以新发展理念为指导",
                "(二)行动目标"
            ]
        );
        assert_eq!(c.trailer, ["某省人民政府办公厅", "2021年3月18日"]);
    }

    #[test]
    fn markdown_markers_become_hints() {
        let paras = split_plain(
            "## 一、总体要求\n**（三）创新服务。**积极发展，推行 7\\*24 小时服务。",
            false,
        );
        assert_eq!(paras[0].hint, Hint::Heading(2));
        assert_eq!(paras[0].text, "一、总体要求");
        assert_eq!(paras[1].text, "（三）创新服务。积极发展，推行 7*24 小时服务。");
        assert_eq!(paras[1].bold_prefix, "（三）创新服务。".chars().count());
    }
}
