//! Cleaning real-world policy files: web boilerplate out, metadata lines into metadata,
//! broken lines rejoined, Markdown markers stripped but kept as hints.
//!
//! Every character that is kept is kept as it was; only whole lines are dropped, and only
//! line breaks are removed when a paragraph is rejoined.

use super::join::{broken_heading, broken_number, continues, footnote_mark, has_clause_marks, p_chars, title_ends};
use super::{Hint, Para, RawText};
/// Now in the line lexer (kept here for old paths).
pub use crate::lex::line::iso_date;
use crate::lex::line::{RowSigns, header_line, is_boilerplate, is_trailer_line};
use crate::lex::number::parse_marker;
use crate::text::trim;

/// The text without pandoc's bracketed-span markup, `[text]{.mark}` or `[text]{#id .class}`
/// (what pandoc writes for highlighted or underlined runs of a Word file, often across line
/// breaks), the spanned text kept. One pass: each `]{…}` looks back for its `[` no further
/// than the `]` before it, so the work stays linear whatever the text.
fn strip_pandoc_spans(text: &str) -> std::borrow::Cow<'_, str> {
    /// A span longer than this is not taken for one.
    const MAX_SPAN: usize = 4000;
    if !text.contains("]{.") && !text.contains("]{#") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    // Byte offset up to which `text` has been copied to `out`, and the last `]` seen.
    let mut copied = 0;
    let mut last_close = 0;
    let mut i = 0;
    while let Some(rel) = text[i..].find("]{") {
        let close = i + rel;
        let attrs = &text[close + 2..];
        let attr_len = attrs
            .char_indices()
            .take(82)
            .find(|&(_, c)| c == '}' || c == '{' || c == '\n')
            .filter(|&(_, c)| c == '}')
            .map(|(n, _)| n);
        let well_formed = attr_len.is_some_and(|n| {
            let a = attrs.as_bytes();
            n >= 2 && matches!(a[0], b'.' | b'#') && a[1].is_ascii_alphabetic()
        });
        let open = text[last_close.max(copied)..close]
            .rfind('[')
            .map(|o| last_close.max(copied) + o)
            .filter(|&o| text[o + 1..close].chars().count() <= MAX_SPAN && !text[o + 1..close].contains(']'));
        if let (true, Some(o), Some(n)) = (well_formed, open, attr_len) {
            out.push_str(&text[copied..o]);
            out.push_str(&text[o + 1..close]);
            copied = close + 2 + n + 1;
            i = copied;
            last_close = copied;
        } else {
            i = close + 1;
            last_close = close + 1;
        }
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

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
    /// How many lines of a table of contents (目录 and its entries) were left out.
    pub toc_dropped: usize,
    /// How many page numbers and running headers or footers of a paged text were left out.
    pub furniture_dropped: usize,
    /// Labelled metadata lines taken out of the text (a gov.cn print block, 北大法宝's
    /// citation code and link), labels as in [`super::fields`].
    pub fields: Vec<(String, String)>,
}

/// Split decoded text into paragraphs. Markdown markers (`#`, `**`, `\*`) are stripped and
/// kept as hints when the file is Markdown or has Markdown heading lines.
#[must_use]
pub fn split_plain(text: &str, is_markdown: bool) -> Vec<Para> {
    let text = strip_pandoc_spans(text);
    let text = text.as_ref();
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
    // A thematic break (`---`, `***`, `_ _ _`) is a rule drawn across the page, not text.
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    if marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|c| *c == marks[0]) {
        return Para::default();
    }
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

/// A 目录 line, then entries that are numbered headings only (第一章 总则 …), ended where the
/// first entry comes again as the text's own heading: the table of contents of a 条例 or a
/// plan, which is not part of the outline. The paragraphs it spans, if there is one.
fn table_of_contents(paras: &[Para]) -> Option<std::ops::Range<usize>> {
    let compact = |t: &str| t.chars().filter(|c| !crate::text::is_space(*c)).collect::<String>();
    let at = paras.iter().take(80).position(|p| compact(&p.text) == "目录")?;
    let entry = |p: &Para| {
        let t = toc_entry(&p.text);
        t.is_empty() || (parse_marker(t).is_some() && t.chars().count() <= 40 && !t.contains('。'))
    };
    // The entries run until the first of them comes again (the text's own heading).
    let mut first: Option<String> = None;
    let mut entries = 0;
    let mut end = at + 1;
    while end < paras.len() && entry(&paras[end]) {
        let t = compact(toc_entry(&paras[end].text));
        if !t.is_empty() {
            // (Its heading may carry its first article's opening: 第一章 总则 第一条 为了….)
            if first.as_ref().is_some_and(|f| t.starts_with(f.as_str())) {
                break;
            }
            first.get_or_insert(t);
            entries += 1;
        }
        end += 1;
    }
    // Only a real table: two entries or more, and the first one comes again after it.
    let first = first?;
    // (Its heading may have its first article run in: 第一章 总 则 第一条 为了….)
    let repeated = paras[end..].iter().any(|p| compact(&p.text).starts_with(&first));
    (entries >= 2 && repeated).then_some(at..end)
}

/// A table-of-contents entry's text: a Markdown list item linking to its heading
/// (`- [第一章 总则](#第一章-总则)`) is its link text; anything else is itself, trimmed.
fn toc_entry(t: &str) -> &str {
    let t = trim(t);
    let item = t.strip_prefix(['-', '*', '+']).map_or(t, trim);
    item.strip_prefix('[')
        .and_then(|rest| rest.split_once("](#"))
        .filter(|(_, target)| target.ends_with(')') && !target.contains(char::is_whitespace))
        .map_or(t, |(text, _)| trim(text))
}

/// Clean a decoded file (see the module documentation).
#[must_use]
pub fn clean(raw: &RawText) -> Cleaned {
    let mut out = Cleaned::default();
    let mut paras: Vec<Para> = Vec::with_capacity(raw.paras.len());
    let toc = table_of_contents(&raw.paras).unwrap_or_default();
    out.toc_dropped = toc.len();
    let furniture = super::pages::furniture(&raw.paras);
    out.furniture_dropped = furniture.iter().filter(|f| **f).count();
    let (fields, labelled) = super::fields::take(&raw.paras);
    // The last paragraph's number was cut from it by a line break (then so may its heading be).
    let mut cut_number = false;
    // The table-row signs of the last paragraph in `paras`.
    let mut last_row = RowSigns::default();
    // The last paragraph in `paras` is the title line after an untitled 附件 line.
    let mut annex_title = false;
    // Whether a kept paragraph before the last one has sentence punctuation: until then the
    // lines are the title block.
    let mut sentence_seen = false;
    out.fields = fields;
    for (i, p) in raw.paras.iter().enumerate() {
        if toc.contains(&i) || labelled[i] || furniture[i] {
            continue;
        }
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
        let row = RowSigns::of(&para.text);
        match paras.last_mut() {
            Some(prev) if broken_number(prev, &para) || cut_number && broken_heading(prev, &raw.paras[i..]) => {
                prev.text.push_str(&para.text);
                last_row = last_row.joined(row);
                cut_number = true;
            }
            // The mark stays in the sentence; the line after it continues the sentence.
            Some(prev) if footnote_mark(prev, &para) => {
                prev.text.push_str(&para.text);
                out.rejoined += 1;
            }
            Some(prev)
                if !annex_title && !title_ends(prev, &para, sentence_seen) && continues(prev, last_row, &para, row) =>
            {
                prev.text.push_str(&para.text);
                last_row = last_row.joined(row);
                out.rejoined += 1;
            }
            _ => {
                // An annex line's title (附件2 / 算力基础设施高质量发展指标) stands alone: the
                // next line is the annex's first (often a table header), not its title's end.
                annex_title = paras
                    .last()
                    .and_then(|p| crate::lex::number::annex_marker(&p.text))
                    .is_some_and(|m| m.len == p_chars(paras.last()));
                sentence_seen = sentence_seen || paras.last().is_some_and(|p| has_clause_marks(&p.text));
                paras.push(para);
                last_row = row;
                cut_number = false;
            }
        }
    }
    // Signature, distribution list and print line at the end go to metadata.
    while let Some(last) = paras.last() {
        if last.hint == Hint::None && is_trailer_line(&last.text) && parse_marker(&last.text).is_none() {
            out.trailer.extend(paras.pop().map(|p| p.text));
        } else {
            break;
        }
    }
    out.trailer.reverse();
    unwrap_page_headings(&mut paras);
    out.paras = paras;
    out
}

/// Longest heading taken for the name of a page's part (政策全文, 正文) rather than text.
const PAGE_PART_CHARS: usize = 8;

/// A saved page wraps its text in headings of its own: its title (`# 关于…的意见`) and the
/// name of the part holding the text (`## 政策全文`). Such a heading stands before the
/// document's first printed number, and no heading of its level or above follows it: it
/// heads no section of the document (the numbered sections are not its children). The first
/// line is the page's title ([`Hint::PageTitle`]) unless it is a short name that is no title
/// (`# 前言`). A later one is the page's only where the document's own front matter (its
/// title, 文号, addressees) stands under it: a short one is dropped, a longer one stays as
/// plain text. A document's one part heading over its items (`## 工作要求` / `1.` `2.`)
/// stays a heading.
fn unwrap_page_headings(paras: &mut Vec<Para>) {
    let Some(first_number) = paras.iter().position(|p| parse_marker(&p.text).is_some()) else {
        return;
    };
    // The highest heading level (smallest number) after each paragraph: `u8::MAX` for none.
    let mut above_after = vec![u8::MAX; paras.len() + 1];
    for i in (0..paras.len()).rev() {
        let here = match paras[i].hint {
            Hint::Heading(l) => l,
            _ => u8::MAX,
        };
        above_after[i] = above_after[i + 1].min(here);
    }
    // Lone headings have ever lower levels, so there are at most six of them.
    let mut part_names = Vec::new();
    for i in 0..first_number {
        let Hint::Heading(level) = paras[i].hint else {
            continue;
        };
        if above_after[i + 1] <= level {
            continue;
        }
        let t = &paras[i].text;
        let short_name = t.chars().count() <= PAGE_PART_CHARS && !crate::lex::line::looks_like_title(t);
        if i == 0 {
            if !short_name {
                paras[i].hint = Hint::PageTitle;
            }
            continue;
        }
        if !paras[i + 1..first_number]
            .iter()
            .any(|p| crate::lex::line::is_front_matter(&p.text))
        {
            continue;
        }
        paras[i].hint = Hint::None;
        if short_name {
            part_names.push(i);
        }
    }
    for i in part_names.into_iter().rev() {
        paras.remove(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceEncoding, SourceFormat};

    fn cleaned(text: &str) -> Cleaned {
        cleaned_as(text, false)
    }

    fn cleaned_as(text: &str, markdown: bool) -> Cleaned {
        clean(&RawText {
            source: "t.txt".into(),
            format: if markdown { SourceFormat::Md } else { SourceFormat::Txt },
            encoding: SourceEncoding::Utf8,
            paras: split_plain(text, markdown),
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
    fn a_footnote_mark_on_its_own_line_stays_in_its_sentence() {
        let c = cleaned("到2030年，新建输电线路\n①\n\n3万公里，改造变电站500座。\n\n①指跨省线路。");
        let texts: Vec<&str> = c.paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["到2030年，新建输电线路①3万公里，改造变电站500座。", "①指跨省线路。"]
        );
        // After a finished sentence or a colon a circled number opens a list item.
        let c = cleaned("主要任务如下：\n①\n\n建设平台。");
        assert_eq!(c.paras.len(), 3, "{:?}", c.paras);
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
    fn a_line_ending_in_the_verb_bao_gao_or_jian_yi_is_rejoined() {
        // 报告 and 建议 end titles (关于…的报告) but are verbs and nouns of body text too: a
        // PDF line cut right after one is no title.
        let c = cleaned(
            "一、加强组织领导\n对检查中发现的重大隐患和问题要及时向市政府报告\n并督促整改到位。\n各部门要认真听取企业和群众的意见建议\n持续改进工作。",
        );
        let texts: Vec<&str> = c.paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "一、加强组织领导",
                "对检查中发现的重大隐患和问题要及时向市政府报告并督促整改到位。",
                "各部门要认真听取企业和群众的意见建议持续改进工作。"
            ]
        );
    }

    #[test]
    fn a_sentences_last_few_characters_and_a_bracket_it_runs_through_are_rejoined() {
        let c = cleaned(
            "（一）主要目标。重点应用场所光传送网\n（OTN）覆盖率达到80%，灾备覆盖率达到\n100%。\n（此件公开发布）\n国务院\n2023年10月8日",
        );
        let texts: Vec<&str> = c.paras.iter().map(|p| p.text.as_str()).collect();
        // The whole-line aside and the short signature line stay lines of their own.
        assert_eq!(
            texts,
            [
                "（一）主要目标。重点应用场所光传送网（OTN）覆盖率达到80%，灾备覆盖率达到100%。",
                "（此件公开发布）",
                "国务院"
            ]
        );
        assert_eq!(c.trailer, ["2023年10月8日"]);
    }

    #[test]
    fn numbers_and_headings_cut_by_line_breaks_are_joined() {
        let c = cleaned(
            "2\n.不断优化\n签约\n服务团队。\n家庭医生可以组建团队。\n3\n.\n强化\n健康管理。\n居民签约后建立档案。\n（一）指导思想\n略。\n（二）主要目标\n到2025年达到10%。",
        );
        let texts: Vec<&str> = c.paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "2.不断优化签约服务团队。",
                "家庭医生可以组建团队。",
                "3.强化健康管理。",
                "居民签约后建立档案。",
                "（一）指导思想",
                "略。",
                "（二）主要目标",
                "到2025年达到10%。"
            ]
        );
    }

    #[test]
    fn a_bracketed_number_cut_into_three_lines_is_joined() {
        let c = cleaned(
            "参与用户需符合以下条件：\n（\n1\n）对于连续参与的用户，不低于60%。\n（\n2\n）对于首次参与的用户。\n（\n注：见附表）",
        );
        let texts: Vec<&str> = c.paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts[1], "（1）对于连续参与的用户，不低于60%。");
        assert_eq!(texts[2], "（2）对于首次参与的用户。");
        assert!(
            texts
                .iter()
                .filter(|t| t.contains('注'))
                .all(|t| parse_marker(t).is_none()),
            "{texts:?}"
        );
    }

    #[test]
    fn an_article_cited_after_a_cut_line_stays_in_its_sentence() {
        let c = cleaned(
            "《条例》共四十条。其中\n第一条（目的和依据）明确了立法目的。\n第二条（适用范围）\n本条例适用于本市。",
        );
        let texts: Vec<&str> = c.paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts[0], "《条例》共四十条。其中第一条（目的和依据）明确了立法目的。");
        assert_eq!(texts[1], "第二条（适用范围）");
    }

    #[test]
    fn short_cells_of_a_table_stay_apart_even_in_quotation_marks() {
        let c = cleaned(
            "表2 主要指标表\n\n单位\n\n“十四五”现状\n\n“十五五”目标\n\n万平方米\n\n推动“一企一策”制定\n综合利用方案，提高利用率。",
        );
        let texts: Vec<&str> = c.paras.iter().map(|p| p.text.as_str()).collect();
        assert!(
            texts.contains(&"“十四五”现状") && texts.contains(&"“十五五”目标"),
            "{texts:?}"
        );
        // A sentence broken after a quoted word is still rejoined.
        assert!(
            texts.contains(&"推动“一企一策”制定综合利用方案，提高利用率。"),
            "{texts:?}"
        );
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
    fn a_table_of_contents_is_left_out_of_the_paragraphs() {
        let text = "某省数据条例\n目 录\n第一章 总则\n第二章 数据资源\n第一章 总 则\n第一条 为了促进发展，制定本条例。\n第二章 数据资源\n第二条 数据应当共享。";
        let c = cleaned(text);
        let texts: Vec<&str> = c.paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(c.toc_dropped, 3, "目录 and its two entries");
        assert_eq!(texts.iter().filter(|t| t.starts_with("第一章")).count(), 1, "{texts:?}");
        assert!(texts.contains(&"第一条 为了促进发展，制定本条例。"));
        // Markdown's linked list of the chapters.
        let md = "某省数据条例\n## 目录\n- [第一章 总则](#第一章-总则)\n- [第二章 数据资源](#第二章-数据资源)\n## 第一章 总则\n第一条 为了促进发展，制定本条例。";
        let c = cleaned_as(md, true);
        let texts: Vec<&str> = c.paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["某省数据条例", "第一章 总则", "第一条 为了促进发展，制定本条例。"]
        );
        // A 目录 line without a table after it (a heading named so) stays.
        assert_eq!(cleaned("目录\n一、数据目录编制。各部门编制数据目录。").toc_dropped, 0);
    }

    #[test]
    fn pandoc_span_markup_in_hostile_amounts_is_linear_and_keeps_the_text() {
        // Many closers with no opener, and long runs before them: one pass, text unchanged.
        let hostile = format!("{}]{{.mark}}", "字".repeat(5000)).repeat(400);
        assert_eq!(strip_pandoc_spans(&hostile), hostile);
        let nested = "[[一]{.a}]{.b}";
        assert_eq!(
            strip_pandoc_spans(nested),
            "[一]{.b}",
            "the inner span only: no nesting"
        );
        assert_eq!(strip_pandoc_spans("[x]{.}"), "[x]{.}", "an attribute needs a name");
    }

    #[test]
    fn pandoc_spans_are_unwrapped_even_across_lines() {
        let paras = split_plain(
            "[第一章 总则]{.mark}\n\n[第一条\n为了促进发展，制定本条例。]{.mark}\n数组[0]{不是}标记",
            false,
        );
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "第一章 总则",
                "",
                "第一条",
                "为了促进发展，制定本条例。",
                "数组[0]{不是}标记"
            ]
        );
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
