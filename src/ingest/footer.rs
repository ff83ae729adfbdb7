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
/// around them aside), but could be a word in a table (a cell 关闭 in a list of closures):
/// the footer starts at one only when another, different footer line, or a line already
/// dropped as a site's furniture (`评论前必须登录`), stands within [`RUN`] lines of it.
const PAGE_END: &[&str] = &[
    "关闭",
    "打印",
    "分享",
    "收藏",
    "返回",
    "评论",
    "点赞",
    "首页",
    "注册",
    "登录",
    "纠错",
    "标签",
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
    "手机版",
    "微信好友",
    "QQ好友",
    "QQ空间",
    "新浪微博",
];

/// Lines that are a footer's whatever follows: these whole lines, …
const PAGE_END_LINES: &[&str] = &[
    "返回顶部",
    "回到顶部",
    "关闭窗口",
    "关闭本页",
    "打印本页",
    "打印页面",
    "分享到",
    "分享文章到",
    "内容纠错",
    "中国政府网",
];

/// … and lines with one of these in them (a registration number needs its digits too).
const PAGE_END_PARTS: &[&str] = &[
    "返回顶部",
    "回到顶部",
    "关闭窗口",
    "打印本页",
    "版权所有",
    "公网安备",
    "网站标识码",
    "扫一扫在手机",
];

/// Lines within which a second, different footer line confirms a [`PAGE_END`] one.
const RUN: usize = 2;

/// The text lines among `lines` (trimmed, with their [`Kind`]) that are the page's footer:
/// every text line from the first footer line after the last sentence or numbered line to the
/// end, ascending (with the tool bar's bracket or separator lines just before it).
#[must_use]
pub fn footer_lines(lines: &[(&str, Kind)]) -> Vec<usize> {
    let Some(last_text) = lines
        .iter()
        .rposition(|&(t, k)| k == Kind::Text && (is_sentence(t) || parse_marker(t).is_some()))
    else {
        return Vec::new();
    };
    // The lines after the document's last line of text that are not transparent.
    let rest: Vec<usize> = (last_text + 1..lines.len())
        .filter(|&i| lines[i].1 != Kind::Transparent)
        .collect();
    let text = |k: usize| lines[rest[k]].0;
    let Some(first) = (0..rest.len()).find(|&k| {
        sure_page_end(text(k), k.checked_sub(1).map(text))
            || page_end_word(text(k))
                && (k.saturating_sub(RUN)..rest.len().min(k + 1 + RUN)).any(|n| {
                    n != k
                        && (page_end_word(text(n)) && bare(text(n)) != bare(text(k))
                            || lines[rest[n]].1 == Kind::Furniture
                            || n > 0 && sure_page_end(text(n), Some(text(n - 1))))
                })
    }) else {
        return Vec::new();
    };
    let start = rest[first];
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

/// A trimmed line without the brackets, colons and spaces around it.
fn bare(t: &str) -> &str {
    trim(t).trim_matches(|c: char| "【】[]()（）:：".contains(c) || crate::text::is_space(c))
}

/// One of [`PAGE_END`]: a footer's line that could also be a table's word.
fn page_end_word(t: &str) -> bool {
    PAGE_END.contains(&bare(t))
}

/// A line only a footer has: one of [`PAGE_END_LINES`], a line with one of [`PAGE_END_PARTS`]
/// or a site's registration number (`粤ICP备2022092331号`), or `顶部` after `回到`.
fn sure_page_end(t: &str, before: Option<&str>) -> bool {
    let t = bare(t);
    PAGE_END_LINES.contains(&t)
        || PAGE_END_PARTS.iter().any(|p| t.contains(p))
        || t.find("ICP备")
            .is_some_and(|at| t[at..].chars().any(|c| c.is_ascii_digit()))
        || t == "顶部" && before.is_some_and(|b| bare(b) == "回到")
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
        assert!(!page_end_word("联系我们的社区工作者"));
        assert!(!page_end_word("标签管理"));
        assert!(sure_page_end("【 关闭窗口 】", None));
        assert!(page_end_word("标签："));
        // A page's list of the document's attachments is the document's.
        assert!(!page_end_word("【相关附件】") && !sure_page_end("【相关附件】", None));
        assert!(sure_page_end("网站标识码：4401000004", None));
        // A form's field is no registration number.
        assert!(!sure_page_end("ICP备案号：", None) && sure_page_end("粤ICP备2022092331号-1", None));
        assert!(sure_page_end("顶部", Some("回到")) && !sure_page_end("顶部", Some("楼层")));
    }

    #[test]
    fn a_table_cell_that_is_a_footer_word_takes_nothing() {
        // A list of closures after the notice's last sentence, a cell per line.
        let table = "请各区按要求于年底前完成处置工作。\n市工业和信息化局\n2023年5月1日\n附件\n序号\n企业名称\n\
                     处置方式\n1\n某某水泥有限公司\n关闭\n2\n某某砖瓦厂\n关闭\n3\n某某钢铁厂\n整改\n";
        assert!(footer(table).is_empty());
        // Two footer words in a row are a footer.
        assert_eq!(
            footer("本办法自印发之日起施行。\n联系我们\n网站地图\n市教委"),
            ["联系我们", "网站地图", "市教委"]
        );
    }
}
