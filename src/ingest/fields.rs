//! Labelled metadata lines that the places researchers copy text from print around a
//! document, read into fields instead of the outline:
//!
//! - the print metadata block of a gov.cn page (索引号 / 主题分类 / 发文机关 / 成文日期 / 标题 /
//!   发文字号 / 发布日期, labels often spaced out as `索 引 号：`, a long value wrapped onto the
//!   next line), found as a cluster of at least three such labels close together, wherever it
//!   stands (a browser print puts it at the end);
//! - 北大法宝's export lines `【法宝引证码】 CLI.11.4619854` and `原文链接：https://…`;
//! - the same blocks as saved pages print them in Markdown (`**发布机构**: 某部`, `- **文件编号**：…`,
//!   links as `[…](https://…)`), with the heading over the block (`### 基本信息`).
//!
//! Labels are filed as in [`super::html::META_LABELS`], plus `法宝引证码` and `原文链接`.

use super::Para;
use super::html::META_LABELS;
use crate::text::{is_space, trim};

/// Labels read from a block beyond [`META_LABELS`]: printed in the block, not kept as a field
/// (a saved page's own record: its kind, its category, when and by which search it was saved).
const BLOCK_ONLY: &[&str] = &["标题", "名称", "文件名称", "分类", "文档类型", "检索时间", "检索关键词"];

/// Labels whose value is the page's address, filed as [`LINK_LABEL`] when it is one.
const LINK_LABELS: &[&str] = &[LINK_LABEL, SOURCE_LABEL];

/// 来源: the page's address (kept as the link), or the body that published it (not kept:
/// it is not always the issuer).
const SOURCE_LABEL: &str = "来源";

/// The publisher a saved page records in Markdown (`**发布机构**: 某委员会`): the site that
/// carried the page, often not the document's issuer (a 市政府办公厅 notice on a 委员会's
/// site) and sometimes a crawler's guess (`上海市相关部门`). Filed apart from 发文机关: it
/// gives the issuer only where the text names none.
pub const PAGE_PUBLISHER_LABEL: &str = "页面发布机构";

/// Labels too common in a document's own text (a catalogue's `名称：` `分类：` `来源：` lines)
/// to tell a metadata block: read inside one, not counted towards its three labels.
const WEAK_LABELS: &[&str] = &["分类", SOURCE_LABEL];

/// Values a page prints for a field it has not (`无`, `暂无`): no value.
fn placeholder(v: &str) -> bool {
    matches!(
        v,
        "无" | "暂无" | "未知" | "空" | "-" | "—" | "/" | "／" | "N/A" | "n/a" | "null"
    )
}

/// Most paragraphs between two labelled lines of one block (wrapped values, empty lines).
const MAX_GAP: usize = 3;

/// Longest line taken as the wrapped rest of a value.
const MAX_WRAP_CHARS: usize = 24;

/// The 北大法宝 citation code label, as printed.
pub const CITATION_LABEL: &str = "法宝引证码";
/// The source link label, as printed.
pub const LINK_LABEL: &str = "原文链接";

/// `(label as filed, value)` of a labelled line, labels compared with spaces taken out. A
/// label may be printed as Markdown prints it in a saved page: in a list item, in bold
/// (`- **发布机构**：某部`).
fn labelled(t: &str, bold: bool) -> Option<(&'static str, String)> {
    let compact: String = t.chars().filter(|c| !is_space(*c)).collect();
    let body = compact.trim_start_matches(['-', '+', '•', '·', '*', '_']);
    let all = META_LABELS
        .iter()
        .copied()
        .chain(BLOCK_ONLY.iter().chain(LINK_LABELS).map(|l| (*l, *l)));
    for (label, filed) in all {
        if let Some(rest) = body.strip_prefix(label)
            && let Some(value) = rest.trim_start_matches(['*', '_']).strip_prefix(['：', ':'])
        {
            // Printed in Markdown (listed, bold): a saved page's record, not the print block.
            let markdown = bold || body.len() != compact.len() || rest.starts_with(['*', '_']);
            // The value as printed: after the first colon of the line.
            let printed = t.split_once(['：', ':']).map_or("", |(_, v)| v);
            let v = if value.is_empty() { "" } else { trim(printed) };
            if LINK_LABELS.contains(&filed) {
                // 来源 names a body as often as an address: only an address is the link.
                return Some(link_of(v).map_or((SOURCE_LABEL, v.to_owned()), |url| (LINK_LABEL, url)));
            }
            if markdown && label == "发布机构" {
                return Some((PAGE_PUBLISHER_LABEL, v.to_owned()));
            }
            return Some((filed, v.to_owned()));
        }
    }
    None
}

/// The address a value gives: bare (`https://…`) or as a Markdown link (`[text](https://…)`,
/// `<https://…>`).
fn link_of(v: &str) -> Option<String> {
    let v = trim(v);
    let url = if let Some((_, rest)) = v.split_once("](") {
        rest.strip_suffix(')')?
    } else {
        v.strip_prefix('<').and_then(|r| r.strip_suffix('>')).unwrap_or(v)
    };
    (url.starts_with("http") && !url.contains(char::is_whitespace)).then(|| url.to_owned())
}

/// The labelled cells of a line (cells apart by tabs, as a PDF's table rows are), when its
/// first cell is labelled. `bold`: the paragraph began in Markdown bold (its `**` taken off).
fn labelled_cells(t: &str, bold: bool) -> Vec<(&'static str, String)> {
    // Without a colon no cell is labelled: most paragraphs are answered without a copy.
    if !t.contains(['：', ':']) {
        return Vec::new();
    }
    // A label spaced out wide (`标<tab>题：`) is one cell: a cell runs to a colon.
    let mut cells: Vec<String> = Vec::new();
    let mut open = String::new();
    for c in t.split('\t') {
        open.push_str(c);
        if c.contains(['：', ':']) {
            cells.push(std::mem::take(&mut open));
        }
    }
    if !open.is_empty() {
        cells.push(open);
    }
    if cells.first().is_none_or(|c| labelled(c, bold).is_none()) {
        return Vec::new();
    }
    cells.iter().filter_map(|c| labelled(c, bold)).collect()
}

/// A 北大法宝 export line, as (label, value).
fn pkulaw_line(t: &str) -> Option<(&'static str, String)> {
    let t = trim(t);
    if let Some(rest) = t.strip_prefix("【法宝引证码】") {
        let v = trim(rest);
        return (!v.is_empty() && v.chars().count() <= 40).then(|| (CITATION_LABEL, v.to_owned()));
    }
    let rest = t.strip_prefix(LINK_LABEL)?;
    link_of(rest.strip_prefix(['：', ':'])?).map(|url| (LINK_LABEL, url))
}

/// The fields of the labelled lines among `paras`, and which paragraphs they were (to leave
/// out of the text).
#[must_use]
pub fn take(paras: &[Para]) -> (Vec<(String, String)>, Vec<bool>) {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut drop = vec![false; paras.len()];
    for (i, p) in paras.iter().enumerate().take(12) {
        if let Some((l, v)) = pkulaw_line(&p.text) {
            drop[i] = true;
            push(&mut fields, l, v);
        }
    }
    // Each paragraph's labels apart, in parallel: on one large document this is the longest
    // step of cleaning, and the other core has nothing else to do.
    let labels: Vec<Vec<(&'static str, String)>> = {
        use rayon::prelude::*;
        paras
            .par_iter()
            .map(|p| labelled_cells(&p.text, p.bold_prefix > 0))
            .collect()
    };
    let mut i = 0;
    while i < paras.len() {
        if labels[i].is_empty() {
            i += 1;
            continue;
        }
        // A cluster: labelled lines each at most MAX_GAP paragraphs after the one before.
        let mut end = i;
        let mut j = i + 1;
        while j < paras.len() && j <= end + MAX_GAP {
            if !labels[j].is_empty() {
                end = j;
            }
            j += 1;
        }
        let mut distinct: Vec<&str> = (i..=end)
            .flat_map(|k| labels[k].iter().map(|(l, _)| *l))
            .filter(|l| !WEAK_LABELS.contains(l))
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() >= 3 {
            // The last label printed alone has its value on the next line.
            if labels[end].last().is_some_and(|(_, v)| v.is_empty()) && end + 1 < paras.len() {
                end += 1;
            }
            read_block(paras, &labels, i..=end, &mut fields, &mut drop);
            // A saved page's heading over its block (`### 基本信息`) goes with it.
            if let Some(h) = (0..i).rev().find(|&k| !trim(&paras[k].text).is_empty())
                && names_a_block(&paras[h])
            {
                drop[h] = true;
            }
        }
        i = end + 1;
    }
    (fields, drop)
}

/// A short heading without a number that is not a title: what a page calls its metadata
/// block (基本信息, 文件信息).
fn names_a_block(p: &Para) -> bool {
    let t = trim(&p.text);
    matches!(p.hint, super::Hint::Heading(_))
        && t.chars().count() <= 8
        && crate::lex::number::parse_marker(t).is_none()
        && !crate::lex::line::looks_like_title(t)
}

/// The fields of one block. A label printed alone takes the next line as its value; a value
/// printed on its label's line takes the short lines after it as its wrapped rest; a line
/// ending with a colon is a label not read (分类：) and ends the value before it.
fn read_block(
    paras: &[Para],
    labels: &[Vec<(&'static str, String)>],
    range: std::ops::RangeInclusive<usize>,
    fields: &mut Vec<(String, String)>,
    drop: &mut [bool],
) {
    let mut current: Option<(&'static str, String)> = None;
    for k in range {
        drop[k] = true;
        if let Some(((l, v), before)) = labels[k].split_last() {
            if let Some((l, v)) = current.take() {
                push(fields, l, v);
            }
            for (l, v) in before {
                push(fields, l, v.clone());
            }
            // In a row of cells (a PDF's table), an empty cell's value is not on the next line.
            current = (before.is_empty() || !v.is_empty()).then(|| (*l, v.clone()));
            continue;
        }
        let t = trim(&paras[k].text);
        if t.is_empty() {
            continue;
        }
        if t.ends_with(['：', ':']) {
            if let Some((l, v)) = current.take() {
                push(fields, l, v);
            }
            continue;
        }
        match current.as_mut() {
            Some((_, v)) if v.is_empty() && t.chars().count() <= 80 && !t.contains('。') => v.push_str(t),
            Some((_, v)) if t.chars().count() <= MAX_WRAP_CHARS && !t.contains('。') => v.push_str(t),
            _ => drop[k] = false,
        }
    }
    if let Some((l, v)) = current {
        push(fields, l, v);
    }
}

/// Keep the first value of each label; block-only labels (标题), a 来源 that is not an
/// address and placeholders (`无`) are not kept.
fn push(fields: &mut Vec<(String, String)>, label: &str, value: String) {
    if value.is_empty()
        || placeholder(&value)
        || BLOCK_ONLY.contains(&label)
        || label == SOURCE_LABEL
        || fields.iter().any(|(l, _)| l == label)
    {
        return;
    }
    fields.push((label.to_owned(), value));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<Para> {
        crate::ingest::clean::split_plain(text, false)
    }

    #[test]
    fn a_print_metadata_block_is_read_with_spaced_labels_and_wrapped_values() {
        let p = paras(
            "（三）加强组织实施。各地区要抓好落实。\n\n索 引 号： 000014349/2099-00001\n主题分类： 工业、交通\\信息产业（含电\n信）\n发文机关： 某部\n成文日期： 2099年01月02日\n标 题： 某部关于推进某事的意见\n发文字号： 某发〔2099〕1号\n发布日期： 2099年01月05日",
        );
        let (fields, drop) = take(&p);
        let got: Vec<(&str, &str)> = fields.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect();
        assert_eq!(
            got,
            [
                ("索引号", "000014349/2099-00001"),
                ("主题分类", "工业、交通\\信息产业（含电信）"),
                ("发文机关", "某部"),
                ("成文日期", "2099年01月02日"),
                ("发文字号", "某发〔2099〕1号"),
                ("发布日期", "2099年01月05日"),
            ]
        );
        assert!(!drop[0], "the body stays");
        assert!(drop[2..].iter().all(|d| *d), "{drop:?}");
    }

    #[test]
    fn labels_printed_alone_take_the_next_line_and_unknown_labels_are_not_values() {
        let p = paras(
            "索引号：\n11440100MB0000000X/2099-00001\n分类：\n发布机构：\n某市卫生健康委员会\n名称：\n某市卫生健康委关于印发某某工作实施方案的通知（一个很长的标题）\n文号：\n某卫函〔2099〕9号\n一、总体要求",
        );
        let (fields, drop) = take(&p);
        let got: Vec<(&str, &str)> = fields.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect();
        assert_eq!(
            got,
            [
                ("索引号", "11440100MB0000000X/2099-00001"),
                ("发文机关", "某市卫生健康委员会"),
                ("发文字号", "某卫函〔2099〕9号"),
            ]
        );
        assert_eq!(drop.iter().filter(|d| **d).count(), 9, "the body stays: {drop:?}");
    }

    #[test]
    fn a_block_printed_as_a_table_gives_each_cell_its_label() {
        let p = paras(
            "索引号：000014349/2099-00001\t主题分类：\n信）\n标\t题：某部关于某事的意见\n发文机关：某部\t成文日期：2099年01月02日\n发文字号：某发〔2099〕1号\t发布日期：2099年01月05日",
        );
        let (fields, _) = take(&p);
        let got: Vec<(&str, &str)> = fields.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect();
        assert_eq!(
            got,
            [
                ("索引号", "000014349/2099-00001"),
                ("发文机关", "某部"),
                ("成文日期", "2099年01月02日"),
                ("发文字号", "某发〔2099〕1号"),
                ("发布日期", "2099年01月05日"),
            ]
        );
    }

    #[test]
    fn a_single_labelled_sentence_in_the_body_is_not_a_block() {
        let p = paras("第五条 发文机关：应当公开。\n第六条 成文日期以签发为准。\n第七条 其他。");
        let (fields, drop) = take(&p);
        assert!(fields.is_empty());
        assert!(drop.iter().all(|d| !d));
    }

    #[test]
    fn pkulaw_export_lines_are_fields() {
        let p = paras(
            "【法宝引证码】 CLI.99.1234567\n原文链接：https://www.example.com/lar/abc.html\n某省某某办法\n第一条 为了规范管理，制定本办法。原文链接：见附件",
        );
        let (fields, drop) = take(&p);
        assert_eq!(
            fields,
            [
                (CITATION_LABEL.to_owned(), "CLI.99.1234567".to_owned()),
                (LINK_LABEL.to_owned(), "https://www.example.com/lar/abc.html".to_owned()),
            ]
        );
        assert_eq!(drop, [true, true, false, false]);
    }

    #[test]
    fn a_saved_pages_markdown_block_is_read_with_the_heading_over_it() {
        let p = crate::ingest::clean::split_plain(
            "### 基本信息\n- **文档类型**：政策类\n- **原文链接**：https://www.example.gov.cn/a.htm\n- **发布机构**：某部\n- **文件编号**：某部发〔2099〕1号\n\n某部关于推进某事的意见\n一、总体要求",
            true,
        );
        let (fields, drop) = take(&p);
        let got: Vec<(&str, &str)> = fields.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect();
        assert_eq!(
            got,
            [
                (LINK_LABEL, "https://www.example.gov.cn/a.htm"),
                (PAGE_PUBLISHER_LABEL, "某部"),
                ("发文字号", "某部发〔2099〕1号"),
            ]
        );
        assert_eq!(drop, [true, true, true, true, true, false, false, false]);
    }

    #[test]
    fn bold_labels_and_markdown_links_are_read_and_a_publisher_as_source_is_no_link() {
        // Not Markdown to the splitter (no `#` line): the `**` stay in the text.
        let p = paras(
            "**发布日期**: 2099-01-02\n**发布机构**: 某市科学技术委员会\n**原文链接**: [http://a.example/x.html](http://a.example/x.html)\n**来源**: 某市人民政府\n\n一、总体要求",
        );
        let (fields, drop) = take(&p);
        let got: Vec<(&str, &str)> = fields.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect();
        assert_eq!(
            got,
            [
                ("发布日期", "2099-01-02"),
                (PAGE_PUBLISHER_LABEL, "某市科学技术委员会"),
                (LINK_LABEL, "http://a.example/x.html"),
            ]
        );
        assert!(drop[..4].iter().all(|d| *d) && !drop[5], "{drop:?}");
        assert_eq!(link_of("<https://a.example/b>").as_deref(), Some("https://a.example/b"));
        assert_eq!(link_of("见附件"), None);
    }

    #[test]
    fn a_catalogues_name_category_and_source_lines_are_text_not_a_block() {
        // 分类 and 来源 are common words of a document's own text: with 名称 they are no block.
        let p = paras(
            "第二条 开放目录示例如下：
名称：企业登记信息
分类：市场监管
来源：市市场监管局
更新频率：每月",
        );
        let (fields, drop) = take(&p);
        assert!(fields.is_empty(), "{fields:?}");
        assert!(drop.iter().all(|d| !d), "{drop:?}");
    }

    #[test]
    fn a_placeholder_is_no_value() {
        let p = paras(
            "- **发布日期**：2099-01-02\n- **发布机构**：暂无\n- **文件编号**：无\n- **原文链接**：无\n一、总体要求",
        );
        let (fields, drop) = take(&p);
        let got: Vec<(&str, &str)> = fields.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect();
        assert_eq!(got, [("发布日期", "2099-01-02")]);
        assert_eq!(drop, [true, true, true, true, false]);
    }
}
