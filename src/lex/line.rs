//! Line classes, read from one line's text alone: dates (signature dates, web date stamps),
//! 文号, issuing bodies, titles, addressees, notice formulas, release status, trailer lines,
//! table rows, and web boilerplate (sharing, counters, navigation). Used by cleaning (which
//! lines to drop, keep whole, or take off the end) and by the outline (front matter and
//! metadata). Knows no document; depends only on `text`.

use std::sync::LazyLock;

use regex::Regex;

use super::number::han_value;
use crate::text::{is_han, trim};

const ISSUER_SUFFIXES: &[&str] = &[
    "人民政府",
    "办公厅",
    "办公室",
    "委员会",
    "厅",
    "局",
    "委",
    "部",
    "院",
    "署",
    "办",
    "中心",
    "管委会",
];

/// An issuing body on a line of its own: 某省人民政府办公厅, 中共某省委办公厅 某省人民政府办公厅.
#[must_use]
pub fn looks_like_issuer(t: &str) -> bool {
    // Counted no further than the longest issuer: a long paragraph costs nothing here.
    let n = t.chars().take(49).count();
    (4..=48).contains(&n)
        && !t.starts_with("关于")
        && t.chars().all(|c| is_han(c) || matches!(c, '、' | ' ' | '\u{3000}'))
        && t.split(['、', ' ', '\u{3000}'])
            .filter(|s| !s.is_empty())
            .all(|part| ISSUER_SUFFIXES.iter().any(|s| part.ends_with(s)) && part.chars().count() >= 3)
}

static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^。，,；;]{2,70}?(方案|意见|计划|规划|通知|办法|条例|决定|纲要|措施|细则|规定|指南|政策|通告|公告|决议|要点|战略)(?:[(（][^()（）]{1,16}[)）])?$")
        .expect("title regex")
});

/// A 建议 or 报告 is a title only in a title's form (关于…的建议, 关于…的报告, 某市人民政府工作报告): the
/// two words are verbs and nouns of body text too (`…要及时向市政府报告`, `…的意见建议`), and
/// a PDF line cut right after one is no title.
static REPORT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[^。，,；;]{0,70}?关于[^。，,；;]{1,70}?的(?:建议|报告)|(?:[^。，,；;]{0,16}(?:人民|省|市|县|区|州|旗|盟))?政府工作报告)(?:[(（][^()（）]{1,16}[)）])?$")
        .expect("report title regex")
});

fn is_title(t: &str) -> bool {
    TITLE.is_match(t) || REPORT_TITLE.is_match(t)
}

/// A title line: short, no clause punctuation, ending in a document type (方案, 意见, …)
/// and maybe a parenthesis such as (2020-2022年) or （试行）; or a page's headline naming
/// it (`某市政府办公厅印发《…若干意见》`).
#[must_use]
pub fn looks_like_title(t: &str) -> bool {
    if t.chars().nth(80).is_some() {
        return false;
    }
    // Read in simplified script: a page in traditional characters (`…發展計劃的通知`) names
    // its document types in it.
    let t: String = crate::fold::same_length(t).into_iter().collect();
    is_title(&t) || headline_names_a_title(&t)
}

/// `某办公厅印发《…若干意见》`: a headline whose 《…》 at the end is a title, after the
/// verb that issued it. Not any line ending in a quoted title (`【一图读懂】《…办法》`, a
/// cited `《…规划》` wrapped onto a line of its own).
fn headline_names_a_title(t: &str) -> bool {
    let Some((who, quoted)) = t.strip_suffix('》').and_then(|r| r.split_once('《')) else {
        return false;
    };
    let who = who.strip_suffix('了').unwrap_or(who);
    ["印发", "转发", "发布"].iter().any(|v| who.ends_with(v))
        && who.chars().count() > 2
        && !who.contains(['。', '，', ',', '；', ';', '【', '》'])
        && is_title(quoted)
}

/// A title line run into its 文号 (`国务院关于…的意见国发〔2015〕24号`, a scrape or a PDF that put
/// them on one line): the title and the 文号, split where the title's document type ends and
/// the rest is a whole 文号.
#[must_use]
pub fn title_with_number(t: &str) -> Option<(String, String)> {
    if !t.ends_with('号') || t.chars().nth(110).is_some() {
        return None;
    }
    t.char_indices().skip(4).find_map(|(i, _)| {
        let (title, rest) = t.split_at(i);
        let number = doc_number_line(rest)?;
        looks_like_title(title).then(|| (title.to_owned(), number))
    })
}

static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（]?\s*(\p{Han}{1,14}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号)\s*[)）]?$")
        .expect("文号 regex")
});

/// The 文号 of a line that is nothing but a 文号 (maybe in parentheses).
#[must_use]
pub fn doc_number_line(t: &str) -> Option<String> {
    DOC_NUMBER.captures(t).map(|c| c[1].to_owned())
}

static DATE_ARABIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$").expect("date regex"));
static DATE_HAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
        .expect("han date regex")
});

/// A line that is only a date (a signature date): 2020年6月29日 or 二〇二〇年六月二十九日.
#[must_use]
pub fn date_line(t: &str) -> Option<String> {
    if let Some(c) = DATE_ARABIC.captures(t) {
        return iso_date(&c[1], &c[2], &c[3]);
    }
    let c = DATE_HAN.captures(t)?;
    let year: String = c[1]
        .chars()
        .map(|ch| {
            if matches!(ch, '〇' | '零') {
                '0'
            } else {
                char::from_digit(han_value(&ch.to_string()).unwrap_or(0), 10).unwrap_or('0')
            }
        })
        .collect();
    let m = han_value(&c[2])?.to_string();
    let d = han_value(&c[3])?.to_string();
    iso_date(&year, &m, &d)
}

/// （此件公开发布） and its kin: release status printed under the signature.
#[must_use]
pub fn status_line(t: &str) -> bool {
    static STATUS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[(（]此件.{1,10}[)）]$").expect("status regex"));
    STATUS.is_match(t)
}

/// A line addressed to the recipients: 各市、县人民政府，省政府各部门：
#[must_use]
pub fn addressee_line(t: &str) -> bool {
    t.ends_with(['：', ':'])
        && t.chars().count() <= 120
        && !t.contains('。')
        && (t.starts_with('各') || t.contains("人民政府") || t.contains("各单位"))
}

/// A paragraph that only transmits the document: the notice formula (现印发给你们，请…
/// 贯彻落实) or a news lead (…印发了《…》… / 全文如下).
#[must_use]
pub fn transmittal_line(t: &str) -> bool {
    (t.contains("印发给你们")
        || t.contains("全文如下")
        || t.contains("印发了《")
        || t.contains("现予印发")
        || t.contains("现予公布")
        || t.contains("现将") && t.contains("印发"))
        && t.chars().count() <= 200
}

static ORDER_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[(（]?\s*第\s*(\d{1,5})\s*号\s*[)）]?$").expect("order number regex"));

/// The head of a government order that promulgates a regulation: `某省人民政府令` on its own
/// line (a body's name, then 令).
#[must_use]
pub fn order_line(t: &str) -> bool {
    let n = t.chars().count();
    (5..=24).contains(&n) && t.ends_with("人民政府令") && t.chars().all(is_han)
}

/// The number of an order printed on its own line: `（第290号）` → 290.
#[must_use]
pub fn order_number_line(t: &str) -> Option<u32> {
    ORDER_NUMBER.captures(t).and_then(|c| c[1].parse().ok())
}

/// A signature by office and name: `省长　马兴瑞`, `市长 张三`.
#[must_use]
pub fn signatory_line(t: &str) -> bool {
    static SIGNATORY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:代理)?(?:省长|市长|县长|区长|州长|主席|主任|部长|局长)[\s\u{3000}]+\p{Han}{2,4}$")
            .expect("signatory regex")
    });
    SIGNATORY.is_match(t)
}

/// Front matter that is not content: titles, notices, addressees, signatures, 文号, and a
/// promulgating order's head, number, formula (现予公布) and signature.
#[must_use]
pub fn is_front_matter(t: &str) -> bool {
    order_line(t)
        || order_number_line(t).is_some()
        || signatory_line(t)
        || looks_like_title(t)
        || looks_like_issuer(t)
        || doc_number_line(t).is_some()
        || date_line(t).is_some()
        || addressee_line(t)
        || transmittal_line(t)
        || status_line(t)
}

static DATE_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:发布(?:时间|日期)|发文日期|成文日期|日期|时间)?\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
        .expect("date regex")
});
/// A labelled date after something else on the line (`[规划计划] 发表于:2021-10-08 18:05`).
static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:发布时间|发布日期|发表于|发表时间)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
        .expect("labelled date regex")
});
static KEYWORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"关键[字词]\s*[:：]\s*([^\s　]+)").expect("keyword regex"));
static SOURCE_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:来源|发布机构|发文机关|发布单位)\s*[:：]\s*([^\s　]+)").expect("source regex"));

/// The labels of a saved page's header fields.
const HEADER_LABELS: [&str; 12] = [
    "发布时间",
    "发布日期",
    "发表于",
    "发表时间",
    "来源",
    "关键字",
    "关键词",
    "浏览量",
    "浏览次数",
    "阅读量",
    "点击量",
    "访问量",
];

/// The first characters of [`HEADER_LABELS`].
const LABEL_FIRSTS: [char; 7] = ['发', '来', '关', '浏', '阅', '点', '访'];

/// A web page's header line: a date stamp (with or without 发布时间) possibly followed by
/// the source, keywords and a view counter. Returns (published ISO date, issuer, keywords).
pub fn header_line(line: &str) -> Option<(Option<String>, Option<String>, Vec<String>)> {
    let labelled = HEADER_LABELS;
    // Asked of every line of a document: a line with no label's first character and no digit
    // (a date stamp needs one) is answered without the twelve searches and the regex.
    // (Ideographs are never digits: the test of one is a range, not the Unicode tables.)
    let digit = line
        .chars()
        .any(|c| c.is_ascii_digit() || !c.is_ascii() && !crate::text::is_han(c) && c.is_numeric());
    let may_label = line.contains(LABEL_FIRSTS);
    if !digit && !may_label {
        return None;
    }
    // A numbered line is the text's own (`（一）资金来源：市财政…`), never the page's header.
    if crate::lex::number::parse_marker(line).is_some() {
        return None;
    }
    let date = if digit { DATE_STAMP.captures(line) } else { None };
    let has_label = may_label && labelled.iter().any(|l| line.contains(l));
    if date.is_none() && !has_label {
        // Without a date, a header needs a labelled field, and a field its label.
        return None;
    }
    // Without a date stamp a label must be a field: set off by a colon (`来源：某局`), or
    // opening the line before a space (`来源 市发展改革委`, `【来源 某局】`); not a word of a
    // heading (`第二条（资金来源）`, `拓宽资金来源渠道`).
    let opening = line.trim_start().trim_start_matches(['【', '[']);
    let has_field = labelled.iter().any(|l| {
        line.match_indices(l)
            .any(|(at, _)| line[at + l.len()..].trim_start().starts_with([':', '：']))
            || ["", "信息", "文章", "稿件"].iter().any(|p| {
                opening
                    .strip_prefix(p)
                    .and_then(|o| o.strip_prefix(l))
                    .is_some_and(|rest| rest.starts_with([' ', '\u{3000}', '\t']))
            })
    });
    // A bare date line (2020年6月29日) is a signature, not a header; a header has a time of
    // day, a label, or other fields after the date.
    let is_header = match &date {
        Some(c) => {
            let rest = trim(&line[c.get(0).map_or(0, |m| m.end())..]);
            has_label
                || line.contains(':') && c.get(0).is_some_and(|m| m.as_str().contains(':'))
                || !rest.is_empty() && rest.chars().count() < 80 && !rest.contains('。')
        }
        None => has_field && line.chars().count() < 120 && !line.contains('。'),
    };
    if !is_header {
        return None;
    }
    let iso = date
        .or_else(|| LABELLED_DATE.captures(line))
        .and_then(|c| iso_date(&c[1], &c[2], &c[3]));
    let keywords = KEYWORDS
        .captures(line)
        .map(|c| {
            c[1].split([',', '，', '、', ';', '；'])
                .map(str::to_owned)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    // 来源 names the publishing body, unless it is the page's address (a source, not an issuer).
    let issuer = SOURCE_FIELD
        .captures(line)
        // A field run on without a space (`来源：某局发布时间：2020-09-21`) ends the value.
        .map(|c| {
            let v = &c[1];
            let end = labelled.iter().filter_map(|l| v.find(l)).min().unwrap_or(v.len());
            v[..end].to_owned()
        })
        .filter(|s| !s.is_empty())
        .filter(|s| !s.contains("://") && !s.starts_with("www."))
        .or_else(|| {
            line.split([' ', '\u{3000}', '\t'])
                .map(trim)
                .find(|f| looks_like_issuer(f))
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

/// A line that says nothing on its own: a field's label whose value was taken into the
/// metadata (`实施日期：`), or punctuation only (`-`, `【`). It starts no preamble.
#[must_use]
pub fn says_nothing(text: &str) -> bool {
    /// Longest label taken for one (chars).
    const LABEL_CHARS: usize = 12;
    let t = crate::text::trim(text);
    !t.chars().any(crate::text::is_alphanumeric) || t.chars().count() <= LABEL_CHARS && t.ends_with(['：', ':'])
}

/// A page's one-word tool or switch that is also a word a table's cell can be (`打印`,
/// `关闭`, the font sizes `大` `中` `小`): the site's only in a page's head or footer
/// (`ingest/chrome.rs`, `ingest/footer.rs`); in the body it is a cell (处置方式: 关闭).
#[must_use]
pub fn is_page_word(line: &str) -> bool {
    ["打印", "关闭", "大", "中", "小"].contains(&line)
}

/// Lines a web page wraps around the text: sharing, QR codes, logins, counters, navigation.
pub fn is_boilerplate(line: &str) -> bool {
    // 浏览量: 1234 / 阅读次数：56
    static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(浏览|阅读|访问|点击)(量|数|次数)\s*[:：]?\s*\d*\s*次?$").expect("counter regex")
    });
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
        "當前位置",
        "您的位置",
        "所在的位置",
        "您现在的位置",
        "相关阅读",
        "相关链接",
        "附件下载",
    ];
    /// A page's links, each the whole of a line (see also [`is_page_word`]).
    const EXACT: &[&str] = &[
        "注册",
        "登录",
        "首页",
        "分享",
        "收藏",
        "返回",
        "评论",
        "点赞",
        "【大 中 小】",
    ];
    let n = line.chars().count();
    if EXACT.contains(&line) {
        return true;
    }
    if n <= 60
        && CONTAINS.iter().any(|p| line.contains(p))
        && !line.contains("版权所有者")
        && !line.contains("版权所有人")
    {
        return true;
    }
    // 今天是: 欢迎访问…网站! (not 欢迎访问学者).
    if n <= 60 && line.contains("欢迎访问") && line.contains("网站") {
        return true;
    }
    // 首页 > 政务公开 > 政策文件
    n <= 80
        && (COUNTER.is_match(line)
            || line.starts_with("首页") && (line.contains('>') || line.contains('＞') || line.contains('»')))
}

/// A table row in text form: cells separated by tabs, `|` or runs of spaces (three cells
/// or more). Rows are never joined: the target reader needs one row per line.
#[must_use]
pub fn is_table_row(t: &str) -> bool {
    RowSigns::of(t).is_row()
}

/// What [`is_table_row`] counts in a line: a tab, the bars, the cells between runs of
/// spaces. Counted once per line, so that a paragraph rejoined from many broken lines is
/// judged from its parts' counts ([`RowSigns::joined`]) instead of being read again after
/// every line joined to it (which made cleaning quadratic in such a paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowSigns {
    tab: bool,
    bars: usize,
    cells: usize,
}

impl RowSigns {
    #[must_use]
    pub fn of(t: &str) -> Self {
        Self {
            tab: t.contains('\t'),
            bars: t.matches(['|', '｜']).count(),
            cells: t
                .split("  ")
                .filter(|c| !c.trim_matches(crate::text::is_space).is_empty())
                .count(),
        }
    }

    /// The signs of `a` followed directly by `b` (`self` = `a`), both trimmed (no space
    /// at either end): `a`'s last cell and `b`'s first become one.
    #[must_use]
    pub fn joined(self, b: Self) -> Self {
        Self {
            tab: self.tab || b.tab,
            bars: self.bars + b.bars,
            cells: if self.cells > 0 && b.cells > 0 {
                self.cells + b.cells - 1
            } else {
                self.cells + b.cells
            },
        }
    }

    #[must_use]
    pub fn is_row(self) -> bool {
        self.tab || self.bars >= 2 || self.cells >= 3
    }
}

/// Five-year plans and their last years: 十四五 runs 2021–2025.
pub const FIVE_YEAR_PLANS: &[(&str, u16)] = &[
    ("十一五", 2010),
    ("十二五", 2015),
    ("十三五", 2020),
    ("十四五", 2025),
    ("十五五", 2030),
    ("十六五", 2035),
];

/// The period of the five-year plan a title names (`“十四五”国家应急体系规划` → 2021–2025), by
/// its short name or by the long one of a 纲要's formal title (`第十四个五年规划` → 2021–2025).
#[must_use]
pub fn five_year_period(title: &str) -> Option<[u16; 2]> {
    FIVE_YEAR_PLANS
        .iter()
        .find(|(name, _)| title.contains(name) || title.contains(&long_plan_name(name)))
        .map(|&(_, end)| [end - 4, end])
}

/// The long form of a five-year plan's name: 十四五 → 第十四个五年.
fn long_plan_name(short: &str) -> String {
    let ordinal = short.strip_suffix('五').unwrap_or(short);
    format!("第{ordinal}个五年")
}

/// The title line of a 专栏 box (`专栏 1 算力供给提升行动`, `专栏三：重点工程`): boxes of
/// programmes and projects set beside a plan's text, each under such a line.
#[must_use]
pub fn box_title(t: &str) -> bool {
    let t = trim(t);
    let Some(rest) = t.strip_prefix("专栏") else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let numbered = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c));
    numbered && t.chars().nth(40).is_none() && !t.contains(['。', '；', '，'])
}

/// A document's first line that is its title by position and form alone, when it has none
/// of the title words (`数字经济发展报告` over `为贯彻落实…，…。`): at most 40 chars, no clause
/// punctuation, and the line after it a sentence.
#[must_use]
pub fn bare_title(first: &str, next: Option<&str>) -> bool {
    let first = trim(first);
    !first.is_empty()
        && first.chars().nth(40).is_none()
        && !first.contains(['，', '。', '；', '：', ',', ';', ':'])
        && !first.chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
        && next.is_some_and(|n| n.contains(['，', '。', ',']))
}

/// A bare page number: `3`, `- 3 -`, `— 3 —`, `3/15`, `第 3 页`, `第3页 共15页`, `Page 3 of 15`.
#[must_use]
pub fn is_page_number(t: &str) -> bool {
    page_number(t).is_some()
}

/// The page a bare page-number line names (its first number) and whether the number is
/// decorated (`- 3 -`, `第3页`: unmistakable) rather than bare digits (which a table cell
/// can also be).
#[must_use]
pub fn page_number(t: &str) -> Option<(u32, bool)> {
    let s: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let stripped: String = s
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '-' | '—' | '–' | '－' | '/' | '第' | '页' | '共' | '·' | '(' | ')' | '（' | '）'
            )
        })
        .collect();
    let lower = stripped.to_ascii_lowercase().replace("page", "").replace("of", "");
    if lower.is_empty() || lower.len() > 9 || !lower.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let first: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let decorated = s.chars().any(|c| !c.is_ascii_digit());
    Some((first.parse().ok()?, decorated))
}

/// A line's text with digits blurred, to find the same header or footer on every page.
#[must_use]
pub fn running_key(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// A line of the signature, distribution list (抄送) or print line at the end of a document.
#[must_use]
pub fn is_trailer_line(t: &str) -> bool {
    t.starts_with("抄送")
        || t.starts_with("抄报")
        || t.starts_with("主送")
        // The attachment list (附件：1.… 2.…), not a sentence about an annex.
        || t.starts_with("附件") && !t.ends_with(['。', '；'])
        || t.ends_with("印发") && t.chars().count() <= 40
        || looks_like_issuer(t)
        || date_line(t).is_some()
        || status_line(t)
}

#[cfg(test)]
mod tests;
