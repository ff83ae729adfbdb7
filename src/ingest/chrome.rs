//! A web site's own furniture in text saved from a page (a browser's "save as text", an
//! HTML-to-text converter, a copy of the whole page): the language and accessibility
//! switches (简 | 繁 | EN | 无障碍), the log-in links, the separators between them on lines
//! of their own (`|`, `>`, `-->` left from a comment) and the site's menus (政务公开 /
//! 政务服务 / 互动交流 …) before the document's first sentence. Left in, they became
//! sections of their own (`退出|邮箱|无障碍EN…`) before the document's title.
//!
//! Two tests:
//! - [`is_furniture`]: a line that is only separators or a comment, or one of the switches
//!   and links every government site carries (a closed list: none of them is a line of a
//!   policy document);
//! - [`menu_lines`]: in the head of the text (before its first sentence or numbered line),
//!   short lines standing among two or more furniture lines are the site's menus. A date,
//!   a document number, a title's words (关于, 印发, 的通知) or an issuer's name (…局, …委员会)
//!   are never taken for a menu.

use crate::lex::number::parse_marker;
use crate::text::trim;

/// Switches and links of a site's header, each the whole of a line.
const SWITCHES: &[&str] = &[
    "简",
    "繁",
    "简体",
    "繁体",
    "繁體",
    "简体中文",
    "繁体中文",
    "繁體中文",
    "EN",
    "En",
    "English",
    "ENGLISH",
    "无障碍",
    "无障碍版",
    "无障碍浏览",
    "网站无障碍开关",
    "长者助手",
    "长者模式",
    "长者专区",
    "关怀版",
    "适老化",
    "退出",
    "登出",
    "用户登录",
    "个人中心",
    "我的收藏",
    "市民网页",
    "您好",
    "手机端",
    "手机版",
    "移动版",
    "关注 · 手机版",
    "邮箱",
    "政务邮箱",
    "搜索",
    "搜 索",
    "高级搜索",
    "网站支持ipv6",
    "网站支持IPv6",
    "便民日历",
    "智能问答",
    "网站助手",
    "温馨提示：",
    "搜索热词：",
    "默认",
    "超大",
    "X",
];

/// Longest line taken for a menu item (chars).
const MENU_CHARS: usize = 10;

/// Whether a trimmed line is furniture wherever it stands: separators only (`|`, `>`, `»`,
/// `-->`) or a whole-line HTML comment (`<!-- INFO END -->`). A lone `-` or `—` is not: in
/// a table given a cell per line it is an empty cell.
#[must_use]
pub fn is_furniture(t: &str) -> bool {
    if t.is_empty() {
        return false;
    }
    t.starts_with("<!--") && t.ends_with("-->")
        || t == "-->"
        || t.chars()
            .all(|c| matches!(c, '|' | '｜' | '>' | '＞' | '»' | '›') || c.is_whitespace())
}

/// Whether a trimmed line is one of [`SWITCHES`]: furniture in the head of a text (after
/// its first sentence a lone `EN` or `X` may be a table's cell).
#[must_use]
pub fn is_switch(t: &str) -> bool {
    SWITCHES.contains(&t) || is_bare_url(t)
}

/// A line that is a web address and nothing else (`https://www.gov.cn/`).
fn is_bare_url(t: &str) -> bool {
    let rest = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
        .or_else(|| t.strip_prefix("www."));
    rest.is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_graphic()))
}

/// What [`menu_lines`] needs to know of a line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Dropped already as furniture or boilerplate (a switch, `首页`, `当前位置：`).
    Furniture,
    /// Dropped or taken for other reasons (empty, a labelled field, a web header line):
    /// neither breaks nor makes a run.
    Transparent,
    /// Text.
    Text,
}

/// The text lines among `lines` (trimmed, with their [`Kind`]) that are a site's switches
/// and menus, ascending: in the head of the text (up to its first sentence or numbered
/// line), every switch, and each run of short text lines, furniture and transparent lines
/// that holds at least two furniture lines (switches counted) gives up its short text lines
/// — unless a line is a date, a document number, a title's words or an issuer's name.
#[must_use]
pub fn menu_lines(lines: &[(&str, Kind)]) -> Vec<usize> {
    let head = lines
        .iter()
        .position(|&(t, k)| k == Kind::Text && !is_switch(t) && (sentence_like(t) || parse_marker(t).is_some()))
        .unwrap_or(lines.len());
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut furniture = 0;
    for (i, &(t, kind)) in lines[..head].iter().enumerate() {
        match kind {
            Kind::Furniture => furniture += 1,
            Kind::Transparent => {}
            Kind::Text if is_switch(t) => {
                furniture += 1;
                out.push(i);
            }
            Kind::Text if menu_like(t) || counter_between(lines, i) => run.push(i),
            Kind::Text => {
                if furniture >= 2 {
                    out.append(&mut run);
                }
                run.clear();
                furniture = 0;
            }
        }
    }
    if furniture >= 2 {
        out.append(&mut run);
    }
    out
}

/// Line `i` is a bare number (a page's view counter, `-->` / `0` / `-->`) with furniture on
/// both sides.
fn counter_between(lines: &[(&str, Kind)], i: usize) -> bool {
    let furniture = |l: Option<&(&str, Kind)>| l.is_some_and(|&(t, k)| k == Kind::Furniture || is_switch(t));
    let t = lines[i].0;
    (1..=6).contains(&t.len())
        && t.bytes().all(|b| b.is_ascii_digit())
        && i > 0
        && furniture(lines.get(i - 1))
        && furniture(lines.get(i + 1))
}

/// A clause mark inside the line (a colon at its end is a label's: `当前位置：`).
fn sentence_like(t: &str) -> bool {
    t.contains(['，', '。', '；', ',', ';', '、']) || t.trim_end_matches(['：', ':']).contains(['：', ':'])
}

/// A short line that could be a menu item and is not a date, a number, a field's label
/// (`主 题 ：`), a title's words or an issuer.
fn menu_like(t: &str) -> bool {
    const TITLE_WORDS: &[&str] = &["关于", "印发", "的通知", "的意见", "的决定", "的批复", "的函"];
    const ISSUER_ENDS: &[char] = &['局', '厅', '委', '院', '会', '府', '部', '室', '处', '办'];
    let t = trim(t);
    t.chars().count() <= MENU_CHARS
        && !sentence_like(t)
        && !t.ends_with(['：', ':'])
        && !t.contains(['〔', '［', '['])
        && !t.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && !TITLE_WORDS.iter().any(|w| t.contains(w))
        && !t.ends_with(ISSUER_ENDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, Kind)> {
        text.lines()
            .map(|l| {
                let t = l.trim();
                let kind = if t.is_empty() {
                    Kind::Transparent
                } else if is_furniture(t) || t == "首页" || t.starts_with("当前位置") {
                    Kind::Furniture
                } else {
                    Kind::Text
                };
                (t, kind)
            })
            .collect()
    }

    fn menus(text: &str) -> Vec<&str> {
        let k = kinds(text);
        menu_lines(&k).into_iter().map(|i| k[i].0).collect()
    }

    #[test]
    fn separators_comments_and_switches_are_furniture_and_a_lone_dash_is_not() {
        for t in ["|", "| |", ">", "＞", "-->", "<!-- INFO END -->"] {
            assert!(is_furniture(t), "{t}");
        }
        for t in [
            "简",
            "繁體",
            "EN",
            "无障碍",
            "搜 索",
            "https://www.gov.cn/",
            "www.sc.gov.cn",
        ] {
            assert!(is_switch(t) && !is_furniture(t), "{t}");
        }
        for t in [
            "-",
            "—",
            "－",
            "政务公开",
            "简化审批",
            "ENG",
            "大数据",
            "<!-- 未闭合",
            "https://",
            "网址：https://a.cn",
        ] {
            assert!(!is_furniture(t) && !is_switch(t), "{t}");
        }
    }

    #[test]
    fn a_menu_among_switches_is_dropped_and_the_page_title_and_date_are_kept() {
        let page = "某省发展和改革委员会关于印发实施方案的通知_政务公开\n|\n简\n|\n繁\n|\nEN\n\
                    首页\n新闻中心\n政府信息公开\n政务服务\n互动交流\n当前位置：\n首页\n>\n政策\n>\n其他文件\n\
                    2025-09-30\n某省发展和改革委员会\n关于印发实施方案的通知\n各市（州）发展改革委：\n\
                    现将方案印发给你们。";
        assert_eq!(
            menus(page),
            [
                "简",
                "繁",
                "EN",
                "新闻中心",
                "政府信息公开",
                "政务服务",
                "互动交流",
                "政策",
                "其他文件"
            ]
        );
    }

    #[test]
    fn short_lines_with_one_furniture_line_or_after_the_first_sentence_stay() {
        // One switch alone makes no menu: the short lines after it are the document's own.
        assert_eq!(
            menus("EN\n国务院办公厅\n政策文件\n实施方案\n第一条 为了规范管理，制定本办法。"),
            ["EN"]
        );
        // Table cells after the first sentence are never a menu, separators or not.
        let table = "一、主要目标\n到2025年，目标如下。\n|\n指标\n|\n单位\n|\n目标值\n>\n属性";
        assert!(menus(table).is_empty());
    }

    #[test]
    fn dates_numbers_titles_and_issuers_among_the_menus_stay() {
        let page = "|\n简\n|\n繁\n首页\n政务公开\n国务院\n国发〔2026〕20号\n关于印发规划\n2026年7月\n市人民政府\n\
                    首页\n>\n政策";
        assert_eq!(menus(page), ["简", "繁", "政务公开", "政策"]);
        // A view counter between separators goes with them; a number beside text stays.
        assert_eq!(
            menus("|\n简\n-->\n0\n-->\n次\n2024\n关于印发办法的通知"),
            ["简", "0", "次"]
        );
        // A field's label stays with its value; an address alone on its line is a link.
        let page =
            "简体\n|\n繁体\nhttps://www.tj.gov.cn/\n政务公开\n主 题 ：\n工业\n市工业和信息化局关于印发细则的通知";
        assert_eq!(menus(page), ["简体", "繁体", "https://www.tj.gov.cn/", "政务公开"]);
    }
}
