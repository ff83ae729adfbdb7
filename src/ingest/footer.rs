//! A saved page's footer after its document.
//!
//! A government page saved whole ends, after the document and its signature, with the site's
//! tool bar and footer: 【打印】【关闭】, 返回顶部, 相关新闻 and 政策解读 links, 内容纠错 /
//! 使用帮助 / 关于我们, the list of the city's departments and districts, 主办单位 and the
//! site's registration numbers. Left in, they were the text of the document's last section
//! (a 附则 or 其他事宜 article ran on for a hundred lines of links).
//!
//! The footer starts at the first line that only a page's footer or tool bar is
//! ([`page_end`]) after the document's last line of text (a sentence or a numbered line),
//! and runs to the end. A sentence or a numbered line after such a line means it was not the
//! page's end (a tool bar between a notice and the plan it issues): nothing is taken then.

use super::chrome::Kind;
use crate::lex::number::parse_marker;
use crate::text::trim;

/// Lines that are a page's footer or tool bar and nothing else (brackets, colons and spaces
/// around them aside).
const PAGE_END: &[&str] = &[
    "返回顶部",
    "回到顶部",
    "顶部",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "打印本页",
    "打印页面",
    "打印",
    "分享到",
    "分享文章到",
    "内容纠错",
    "纠错",
    "相关新闻",
    "使用帮助",
    "隐私声明",
    "隐私安全",
    "版权声明",
    "法律声明",
    "网站声明",
    "免责声明",
    "网站地图",
    "网站建议",
    "友情链接",
    "联系我们",
    "关于我们",
    "扫码浏览",
    "微信好友",
    "QQ好友",
    "QQ空间",
    "新浪微博",
    "手机版",
    "中国政府网",
    "标签",
];

/// Parts that make a line a footer's wherever they stand in it.
const PAGE_END_PARTS: &[&str] = &[
    "返回顶部",
    "回到顶部",
    "关闭窗口",
    "打印本页",
    "版权所有",
    "ICP备",
    "公网安备",
    "网站标识码",
    "扫一扫在手机",
];

/// The text lines among `lines` (trimmed, with their [`Kind`]) that are the page's footer:
/// every text line from the first [`page_end`] line after the last sentence or numbered
/// line to the end, ascending.
#[must_use]
pub fn footer_lines(lines: &[(&str, Kind)]) -> Vec<usize> {
    let Some(last_text) = lines
        .iter()
        .rposition(|&(t, k)| k == Kind::Text && (is_sentence(t) || parse_marker(t).is_some()))
    else {
        return Vec::new();
    };
    let Some(start) = (last_text + 1..lines.len()).find(|&i| lines[i].1 != Kind::Transparent && page_end(lines[i].0))
    else {
        return Vec::new();
    };
    // The tool bar's bracket or separator on the line before (`【` / `返回顶部` / `】`).
    let start = (last_text + 1..start)
        .rev()
        .take_while(|&i| !lines[i].0.chars().any(crate::text::is_alphanumeric))
        .last()
        .unwrap_or(start);
    (start..lines.len()).filter(|&i| lines[i].1 == Kind::Text).collect()
}

/// A line with a sentence's punctuation in it.
fn is_sentence(t: &str) -> bool {
    t.contains(['。', '；', '，', '！', '？', ';', '!', '?'])
}

/// A line that only a page's footer or tool bar is: one of [`PAGE_END`], or a line with one
/// of [`PAGE_END_PARTS`] in it.
fn page_end(t: &str) -> bool {
    let t = trim(t).trim_matches(|c: char| "【】[]()（）:：".contains(c) || crate::text::is_space(c));
    PAGE_END.contains(&t) || PAGE_END_PARTS.iter().any(|p| t.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines as [`footer_lines`] sees them: `~` before a line marks it dropped already.
    fn footer(text: &str) -> Vec<&str> {
        let lines: Vec<(&str, Kind)> = text
            .lines()
            .map(|l| match l.strip_prefix('~') {
                Some(t) => (t, Kind::Furniture),
                None if l.trim().is_empty() => (l, Kind::Transparent),
                None => (l, Kind::Text),
            })
            .collect();
        footer_lines(&lines).into_iter().map(|i| lines[i].0).collect()
    }

    #[test]
    fn the_footer_after_the_signature_goes_to_the_end() {
        let page = "第十八条 本办法自印发之日起施行，有效期5年。\n广州市人民政府办公厅\n2021年4月13日\n\
                    公开方式：主动公开\n【\n~返回顶部\n】\n政策解读\n【一图读懂】《广州市居家养老服务管理办法》\n\
                    2021-04-21\n内容纠错\n关于我们\n· 市委组织部\n· 市民政局\n越秀区\n粤公网安备 44010602000929号";
        assert_eq!(
            footer(page),
            [
                "【",
                "】",
                "政策解读",
                "【一图读懂】《广州市居家养老服务管理办法》",
                "2021-04-21",
                "内容纠错",
                "关于我们",
                "· 市委组织部",
                "· 市民政局",
                "越秀区",
                "粤公网安备 44010602000929号"
            ]
        );
        // Without a tool bar line, the footer starts at its first line of its own.
        assert_eq!(
            footer("本方案自印发之日起执行。\n重庆市经济和信息化委员会发布\n中国政府网\n市发展改革委\n市教委"),
            ["中国政府网", "市发展改革委", "市教委"]
        );
    }

    #[test]
    fn a_tool_bar_before_more_of_the_document_takes_nothing() {
        // The tool bar between a notice and the plan it issues: the plan's title stays.
        let page = "现将《实施方案》印发给你们，请认真贯彻执行。\n【打印】\n【关闭】\n广州市数字经济实施方案\n\
                    一、总体要求\n坚持创新驱动。";
        assert!(footer(page).is_empty());
        // A signature, a date and a table after the last sentence, and no footer line.
        let table = "到2025年，建成一批示范项目。\n广州市人民政府\n2021年4月13日\n附表\n序号\n指标\n1\n220";
        assert!(footer(table).is_empty());
        // A document with no sentence at all (a table on its own): nothing.
        assert!(footer("指标\n单位\n联系我们\n2025年").is_empty());
    }

    #[test]
    fn footer_words_inside_a_longer_line_are_no_page_end() {
        assert!(!page_end("联系我们的社区工作者"));
        assert!(!page_end("标签管理"));
        assert!(page_end("【 关闭窗口 】"));
        assert!(page_end("标签："));
        // A page's list of the document's attachments is the document's.
        assert!(!page_end("【相关附件】"));
        assert!(page_end("网站标识码：4401000004"));
    }
}
