//! A web site's own furniture in text saved from a page (a browser's "save as text", an
//! HTML-to-text converter, a copy of the whole page): the language and accessibility
//! switches (简 | 繁 | EN | 无障碍), the log-in links, the separators between them on lines
//! of their own (`|`, `>`, `-->` left from a comment) and the site's menus (政务公开 /
//! 政务服务 / 互动交流 …) before the document's first sentence. Left in, they became
//! sections of their own (`退出|邮箱|无障碍EN…`) before the document's title.
//!
//! Three tests:
//! - [`is_furniture`], anywhere: a line of bars only, `-->`, or a whole-line comment;
//! - [`is_switch`], in the head only: one of the switches and links every government site
//!   carries (a closed list), a bare web address, a breadcrumb's lone arrow;
//! - [`menu_lines`]: in the head of the text (before its first sentence or numbered line),
//!   short lines standing between furniture lines are the site's menus. A date or number
//!   in any script, a title (…条例, …规定) or a title's words (关于, 印发, 的通知) and an
//!   issuer's name (…局, …委员会) are never taken for a menu.

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
    "English",
    "无障碍",
    "无障碍版",
    "无障碍浏览",
    "无障碍阅读",
    "登 录",
    "首頁",
    "Home",
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

/// Whether a trimmed line is furniture wherever it stands: bars only (`|`, `｜`), `-->` or
/// a whole-line HTML comment (`<!-- INFO END -->`). A lone `-` or `—` is not: in a table
/// given a cell per line it is an empty cell; nor is a lone `>` (see [`is_switch`]).
#[must_use]
pub fn is_furniture(t: &str) -> bool {
    if t.is_empty() {
        return false;
    }
    t.starts_with("<!--") && t.ends_with("-->")
        || t == "-->"
        || t.chars().all(|c| matches!(c, '|' | '｜') || c.is_whitespace())
}

/// Whether a trimmed line is one of [`SWITCHES`], a bare web address or a breadcrumb's
/// arrow (`>`, `»`): furniture in the head of a text only (after its first sentence a lone
/// `EN` or `＞` may be a table's cell). In Markdown a lone `>` is a quotation's blank line.
#[must_use]
pub fn is_switch(t: &str, markdown: bool) -> bool {
    // An icon font's glyph before the word (` 无障碍`).
    let t = t.trim_start_matches(|c: char| ('\u{E000}'..='\u{F8FF}').contains(&c) || c.is_whitespace());
    SWITCHES.iter().any(|w| w.eq_ignore_ascii_case(t))
        || crate::lex::line::is_page_word(t)
        || is_bare_url(t)
        || !markdown && is_arrow(t)
}

/// A breadcrumb's arrow alone on its line (`>`, `＞`, `»`).
fn is_arrow(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '>' | '＞' | '»' | '›') || c.is_whitespace())
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
/// line), every switch, and in each run of short text lines, furniture and transparent
/// lines that holds at least two furniture lines (switches counted), the short lines with
/// furniture on both sides within the run or right after a breadcrumb's arrow (a page's
/// own heading after its breadcrumb stays) — unless a line is a date, a number, a field's
/// label, a title or a title's words, or an issuer's name: such a short line stays and the
/// run goes on.
#[must_use]
pub fn menu_lines(lines: &[(&str, Kind)], markdown: bool) -> Vec<usize> {
    let switch = |t: &str| is_switch(t, markdown);
    let head = lines
        .iter()
        .position(|&(t, k)| k == Kind::Text && !switch(t) && (sentence_like(t) || parse_marker(t).is_some()))
        .unwrap_or(lines.len());
    let mut out = Vec::new();
    // The run's short lines, each with the number of furniture lines before it in the run
    // and whether a breadcrumb's arrow stands right before it.
    let mut run: Vec<(usize, usize, bool)> = Vec::new();
    let mut furniture = 0;
    let flush = |run: &mut Vec<(usize, usize, bool)>, furniture: usize, out: &mut Vec<usize>| {
        if furniture >= 2 {
            out.extend(
                run.iter()
                    .filter(|&&(_, before, arrow)| arrow || before > 0 && before < furniture)
                    .map(|&(i, _, _)| i),
            );
        }
        run.clear();
    };
    for (i, &(t, kind)) in lines[..head].iter().enumerate() {
        match kind {
            Kind::Furniture => furniture += 1,
            Kind::Transparent => {}
            Kind::Text if switch(t) => {
                furniture += 1;
                out.push(i);
            }
            Kind::Text if menu_like(t) || counter_between(lines, i, markdown) => {
                let arrow = i > 0 && !markdown && is_arrow(lines[i - 1].0);
                run.push((i, furniture, arrow));
            }
            // A short title, issuer or date among the menus stays, and the run goes on.
            Kind::Text if short(t) => {}
            Kind::Text => {
                flush(&mut run, furniture, &mut out);
                furniture = 0;
            }
        }
    }
    flush(&mut run, furniture, &mut out);
    out.sort_unstable();
    out
}

/// Line `i` is a bare number (a page's view counter, `-->` / `0` / `-->`) with furniture on
/// both sides.
fn counter_between(lines: &[(&str, Kind)], i: usize, markdown: bool) -> bool {
    let furniture = |l: Option<&(&str, Kind)>| l.is_some_and(|&(t, k)| k == Kind::Furniture || is_switch(t, markdown));
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

/// A line short enough for a menu item, without a clause mark.
fn short(t: &str) -> bool {
    trim(t).chars().count() <= MENU_CHARS && !sentence_like(t)
}

/// A short line that could be a menu item and is not a date or a number (`二〇二一年`,
/// `第七百四十六号`, `国务院令`), a field's label (`主 题 ：`), a title (…条例, …规定) or a
/// title's words (关于, 印发, 的通知), or an issuer (…局, …委員會, …银行, …中心).
fn menu_like(t: &str) -> bool {
    const TITLE_WORDS: &[&str] = &[
        "关于",
        "關於",
        "印发",
        "印發",
        "的通知",
        "的意见",
        "的意見",
        "的决定",
        "的決定",
        "的批复",
        "的函",
    ];
    /// Kinds of document a title ends with (simplified and traditional).
    const KINDS: &[&str] = &[
        "条例", "條例", "办法", "辦法", "规定", "規定", "细则", "細則", "方案", "规划", "規劃", "纲要", "綱要", "措施",
        "意见", "意見", "决定", "決定", "计划", "計劃", "指引", "指南", "规则", "規則", "法",
    ];
    const ISSUER_ENDS: &[char] = &[
        '局', '厅', '廳', '委', '院', '会', '會', '府', '部', '室', '处', '處', '办', '辦', '区', '區', '署', '行',
        '心', '队', '隊', '联', '聯', '所', '司', '社',
    ];
    let t = trim(t);
    short(t)
        && !t.ends_with(['：', ':'])
        && !t.contains(['〔', '［', '[', '年', '月', '日', '号', '號', '令', '第'])
        && !t.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && !TITLE_WORDS.iter().any(|w| t.contains(w))
        && !KINDS.iter().any(|k| t.ends_with(k))
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

    fn menus_as(text: &str, markdown: bool) -> Vec<&str> {
        let k = kinds(text);
        menu_lines(&k, markdown).into_iter().map(|i| k[i].0).collect()
    }

    fn menus(text: &str) -> Vec<&str> {
        menus_as(text, false)
    }

    #[test]
    fn bars_and_comments_are_furniture_switches_count_in_the_head_and_a_lone_dash_is_neither() {
        for t in ["|", "| |", "｜", "-->", "<!-- INFO END -->"] {
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
            ">",
            "＞",
            "»",
        ] {
            assert!(is_switch(t, false) && !is_furniture(t), "{t}");
        }
        // In Markdown a lone `>` is a quotation's blank line.
        assert!(!is_switch(">", true));
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
            assert!(!is_furniture(t) && !is_switch(t, false), "{t}");
        }
    }

    #[test]
    fn a_menu_between_switches_is_dropped_and_the_page_title_and_date_are_kept() {
        let page = "某省发展和改革委员会关于印发实施方案的通知_政务公开\n|\n简\n|\n繁\n|\nEN\n\
                    首页\n政务动态\n政府信息公开\n政务服务\n互动交流\n当前位置：\n首页\n>\n政策\n>\n其他文件\n\
                    2025-09-30\n某省发展和改革委员会\n关于印发实施方案的通知\n各市（州）发展改革委：\n\
                    现将方案印发给你们。";
        assert_eq!(
            menus(page),
            [
                "简",
                "繁",
                "EN",
                "政务动态",
                "政府信息公开",
                "政务服务",
                "互动交流",
                ">",
                "政策",
                ">",
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
    fn the_short_line_after_a_breadcrumb_stays_whatever_it_is() {
        // A page's own heading right after its breadcrumb (a title of ten characters or
        // fewer), and a title split over short lines after two bars.
        let page = "简体\n|\n繁體\n|\nEnglish\n无障碍\n首页\n政务公开\n当前位置：\n首页\n>\n政策文件\n>\n地方性法规\n\
                    广州市养犬管理规定\n发布日期：\n2024-05-01\n第一章 总则";
        assert_eq!(
            menus(page),
            [
                "简体",
                "繁體",
                "English",
                "无障碍",
                "政务公开",
                ">",
                "政策文件",
                ">",
                "地方性法规"
            ]
        );
        assert!(menus("|\n|\n广州市\n养犬管理\n第一条 为了规范养犬，制定本规定。").is_empty());
    }

    #[test]
    fn dates_numbers_titles_and_issuers_among_the_menus_stay_in_either_script() {
        let page = "|\n简\n|\n繁\n首页\n政务公开\n国务院\n国发〔2026〕20号\n关于印发规划\n2026年7月\n市人民政府\n\
                    首页\n>\n政策\n>\n文件库\n二〇二一年七月一日\n国务院令\n第七百四十六号\n市场主体登记管理条例\n\
                    首页\n|\n立法會\n長者照顧服務規定\n中国人民银行\n市政务服务中心\n|\n法規\n|";
        assert_eq!(menus(page), ["简", "繁", ">", "政策", ">", "文件库", "法規"]);
    }

    #[test]
    fn a_quotation_in_markdown_is_no_menu() {
        let md = "> 广州市人民政府\n>\n> 穗府〔2024〕1号\n>\n> 养犬管理\n>\n> 第一条 为了规范养犬，制定本规定。";
        assert!(menus_as(md, true).is_empty());
    }

    #[test]
    fn a_view_counter_between_separators_goes_with_them() {
        assert_eq!(menus("|\n简\n-->\n0\n-->\n次\n2024\n关于印发办法的通知"), ["简", "0"]);
        // A number beside text stays.
        assert!(menus("|\n|\n2024\n第一条 为了规范养犬，制定本规定。").is_empty());
    }
}
