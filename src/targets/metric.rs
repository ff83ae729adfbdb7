//! The metric of a target: the noun phrase it counts. After the quantity when a noun follows
//! (培育400家**上云标杆企业**; a phrase with attributes is named by the noun after its last 的;
//! a list by its first item), else the subject before it (**网络零售额**达到2.6万亿元), else the
//! subject of the previous clause when the sentence elides it (网络零售额年均增长10%，2025年
//! 达到1.5万亿元). Positions are read on the width-folded text and the metric is returned
//! as printed.

use super::han::TARGET_VERBS;
use super::index::Index;
use super::number::{BEFORE, LEVEL_VERBS, ends_with_at, starts_with_at};
use super::scan::Quantity;

/// Words that open a clause and are not part of what is counted.
const LEADING: &[&str] = &[
    "新建成",
    "新开通",
    "新培育",
    "新认定",
    "新引进",
    "力争",
    "争取",
    "确保",
    "预计",
    "计划",
    "努力",
    "全省",
    "全市",
    "全区",
    "全县",
    "全国",
    "全年",
    "其中",
    "累计",
    "新增",
    "年均",
    "每年",
    "总计",
    "合计",
];

/// Nouns too general to name a metric (覆盖1800万户家庭的能力 → 家庭).
const GENERIC: &[&str] = &["能力", "水平", "目标", "局面", "格局", "作用", "态势", "需求", "要求"];

const MAX_CHARS: usize = 24;

/// The metric of `q` in `o` (as printed) / `f` (width-folded); `next` is where the next
/// quantity starts (a list of targets: 培育“100+”基地和“1000+”品牌).
#[must_use]
pub fn metric(o: &[char], f: &[char], ix: &Index, q: &Quantity, next: usize) -> Option<String> {
    if let Some((a, b, tail)) = after(f, ix, q, next) {
        let mut m = render(o, a, b);
        if let Some((c, d)) = tail {
            m.push_str(&render(o, c, d));
        }
        return Some(shorten(&m));
    }
    before(f, ix, q.start)
        .or_else(|| elided_subject(f, ix, q.start))
        .map(|(a, b)| shorten(&render(o, a, b)))
}

/// Whether `[a, b)` has at least two Han characters (looking no further than the second).
fn two_han(f: &[char], a: usize, b: usize) -> bool {
    f[a..b].iter().filter(|c| crate::text::is_han(**c)).nth(1).is_some()
}

/// The noun after the quantity (and, for 2个万亿级、5个千亿级产业集群, the shared noun).
#[allow(clippy::type_complexity)]
fn after(f: &[char], ix: &Index, q: &Quantity, next: usize) -> Option<(usize, usize, Option<(usize, usize)>)> {
    let mut a = q.end;
    while a < f.len() && matches!(f[a], '的' | '”' | '"' | ' ' | '\u{3000}') {
        a += 1;
    }
    let c1 = ix.clause(a).1;
    let stop = c1.min(next.max(a));
    // A phrase with attributes: the noun after its last 的 (outside parentheses).
    // Parentheses are counted by the index's prefix sums, not again from `a` for each 的
    // (quadratic in a long clause).
    let last_de = (a..stop).rev().find(|&j| f[j] == '的' && !ix.in_parens(a, j));
    let list_end = |from: usize, to: usize| {
        (from..to)
            .find(|&j| f[j] == '、' && !ix.in_parens(from, j))
            .unwrap_or(to)
    };
    let (mut s, mut e) = match last_de {
        Some(d) if two_han(f, d + 1, stop) => {
            let tail = (d + 1, list_end(d + 1, stop));
            let generic = GENERIC.iter().any(|g| f[tail.0..tail.1].iter().copied().eq(g.chars()));
            if generic { (a, list_end(a, d)) } else { tail }
        }
        _ => (a, list_end(a, stop)),
    };
    while e > s && CONNECTORS.contains(&f[e - 1]) {
        e -= 1;
    }
    while s < e && matches!(f[s], '“' | '”' | '"') {
        s += 1;
    }
    if !two_han(f, s, e) || starts_with_verbal(f, s) {
        return None;
    }
    // 2个万亿级、5个千亿级数字产业集群, 行业型、区域型平台: the noun after the list's last
    // adjective of the same kind.
    let suffix = f[e - 1];
    let last_item = ix.last_dun(c1).filter(|&j| j >= e).map_or(e, |j| j + 1);
    let tail = matches!(suffix, '级' | '型' | '性' | '类' | '式')
        .then(|| (last_item..c1).find(|&j| f[j] == suffix))
        .flatten()
        .map(|k| (k + 1, list_end(k + 1, c1)))
        .filter(|(c, d)| two_han(f, *c, *d));
    Some((s, e, tail))
}

/// Words that join list items: not part of the metric when a list item ends with them.
const CONNECTORS: &[char] = &['和', '及', '与', '、', '或', ' '];

/// 全覆盖, 以上的 …: the words after a quantity that are no noun.
fn starts_with_verbal(f: &[char], s: usize) -> bool {
    ["全覆盖", "覆盖", "以上", "以下", "左右", "为", "是", "等", "大关"]
        .iter()
        .any(|w| starts_with_at(f, s, w))
}

/// The subject before the quantity, in its clause (or list item): after the last 、 of the
/// clause that stands outside parentheses. The clause's start and its 、 are looked up in
/// the index, not scanned for back from every quantity of a long clause.
fn before(f: &[char], ix: &Index, end: usize) -> Option<(usize, usize)> {
    let clause = ix.clause(end).0;
    let mut c0 = clause;
    let mut p = end;
    while let Some(d) = ix.last_dun(p).filter(|&d| d >= clause) {
        if !ix.in_parens(d, end) {
            c0 = d + 1;
            break;
        }
        p = d;
    }
    let (a, b) = strip(f, c0, end);
    two_han(f, a, b).then_some((a, b))
}

/// The subject of the previous clause of the same sentence, when this clause has none.
fn elided_subject(f: &[char], ix: &Index, start: usize) -> Option<(usize, usize)> {
    let c0 = ix.clause(start).0.checked_sub(1)?;
    if !matches!(f[c0], ',' | '，') {
        return None;
    }
    let p0 = ix.clause(c0).0;
    // Up to the previous quantity (its first digit or qualifier).
    let mut stop = (p0..c0).find(|&j| f[j].is_ascii_digit()).unwrap_or(c0);
    if let Some((w, _)) = BEFORE.iter().find(|(w, _)| ends_with_at(f, stop, w)) {
        stop -= w.chars().count();
    }
    let (a, mut b) = strip(f, p0, stop);
    for w in ["年均增长", "同比增长", "增长", "年均", "提高", "提升"] {
        if ends_with_at(f, b, w) {
            b -= w.chars().count();
            break;
        }
    }
    (b > a && two_han(f, a, b)).then_some((a, b))
}

/// Trim deadlines, openers, verbs of achieving and level verbs from `[a, b)`.
fn strip(f: &[char], mut a: usize, mut b: usize) -> (usize, usize) {
    loop {
        while a < b && matches!(f[a], ' ' | '\u{3000}' | '”' | '—') {
            a += 1;
        }
        if let Some(n) = deadline_len(f, a, b) {
            a += n;
            continue;
        }
        let word = LEADING
            .iter()
            .chain(TARGET_VERBS)
            .filter(|w| starts_with_at(f, a, w) && a + w.chars().count() <= b)
            .map(|w| w.chars().count())
            .max();
        match word {
            Some(n) => a += n,
            None => break,
        }
    }
    loop {
        while b > a && matches!(f[b - 1], ' ' | '\u{3000}' | '的') {
            b -= 1;
        }
        let word = LEVEL_VERBS
            .iter()
            .chain(BEFORE.iter().map(|(w, _)| w))
            .chain(&[
                "为", "保持", "实现", "新增", "增加", "建成", "累计", "再", "力争", "争取", "确保", "年均",
            ])
            .filter(|w| ends_with_at(f, b, w) && b - w.chars().count() >= a)
            .map(|w| w.chars().count())
            .max();
        match word {
            Some(n) => b -= n,
            None => break,
        }
    }
    (a, b)
}

/// A deadline phrase at `a`: (到|至|截至)?2025年(底|末)?(前)?, or a span of years (3年内).
fn deadline_len(f: &[char], a: usize, b: usize) -> Option<usize> {
    let short = (a..b).take_while(|&j| f[j].is_ascii_digit()).count();
    if (1..=2).contains(&short) && starts_with_at(f, a + short, "年内") {
        return Some(short + 2);
    }
    let mut i = a;
    for p in ["截止到", "截至", "截止", "到", "至", "于"] {
        if starts_with_at(f, i, p) {
            i += p.chars().count();
            break;
        }
    }
    let digits = (i..b).take_while(|&j| f[j].is_ascii_digit()).count();
    if digits != 4 || f.get(i + 4) != Some(&'年') {
        return None;
    }
    i += 5;
    for w in ["年底", "年末", "底", "末"] {
        if starts_with_at(f, i, w) {
            i += w.chars().count();
            break;
        }
    }
    if starts_with_at(f, i, "前") {
        i += 1;
    }
    (i <= b).then_some(i - a)
}

/// How much of a phrase is rendered: enough for [`MAX_CHARS`] after dropping quotes, and
/// bounded, so that the many quantities of one long clause do not each copy all of it.
const RENDER_REACH: usize = 4 * MAX_CHARS;

/// `[a, b)` as printed (its first [`RENDER_REACH`] chars), unbalanced quotes dropped.
fn render(o: &[char], a: usize, b: usize) -> String {
    let s = &o[a..b.min(a + RENDER_REACH)];
    let opens = s.iter().filter(|c| **c == '“').count();
    let closes = s.iter().filter(|c| **c == '”').count();
    s.iter()
        .filter(|c| opens == closes || !matches!(c, '“' | '”'))
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Long phrases shortened with an ellipsis.
fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX_CHARS {
        s.to_owned()
    } else {
        s.chars().take(MAX_CHARS).collect::<String>() + "…"
    }
}
