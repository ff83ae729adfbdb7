//! Frames a few chars around a number that make it something other than a goal: a cited
//! document's title (《…的十条意见》), a weight in a scoring formula (日常监测（60%）+实地调研
//! （20%）), the count of areas a text or an evaluation is organised in (7个方面), a baseline
//! (在现有…62项服务的基础上). And the frames that keep a number a goal although a broader
//! refusal would take it: the people or firms an activity reaches (面向1万名…开展培训), the
//! firms of a jurisdiction a goal names (推动全省100家企业…), a price level (居民消费价格涨幅
//! 3%左右). Every look here is bounded or answered by the text's index, so judging stays
//! linear in a long line.

use crate::targets::index::{Index, List};
use crate::targets::number::{ends_with_at, starts_with_at};
use crate::targets::scan::{Kind, Quantity};

/// How far a book-title bracket or a formula's `=` is looked for on each side (chars):
/// titles and formulas are short.
const REACH: usize = 80;

/// Why a frame around the quantity makes it no goal (`[c0, c1)` is its clause).
pub(super) fn framed(f: &[char], ix: &Index, q: &Quantity, c0: usize, c1: usize) -> Option<&'static str> {
    if in_cited_title(f, q) {
        Some("part of a cited document's title (《…十条意见》)")
    } else if formula_weight(f, q) {
        Some("a weight in a scoring formula (监测（60%）+调研（20%）)")
    } else if counts_aspects(f, q) {
        Some("a count of the areas a text is organised in (7个方面)")
    } else if counts_indicators(f, q) {
        Some("the number of indicators a heading lists (主要指标（20项）)")
    } else if baseline(f, ix, q, c0, c1) {
        Some("a baseline (在现有…的基础上)")
    } else {
        None
    }
}

/// Inside 《…》 on one line: the nearest title bracket before the number opens, the nearest
/// after it closes. A number in a cited title (《…加快建设创业城市的十条意见》, 《“十四五”…
/// 规划》) names that document.
fn in_cited_title(f: &[char], q: &Quantity) -> bool {
    let is_bracket = |c: &&char| matches!(c, '《' | '》');
    let back = f[q.start.saturating_sub(REACH)..q.start]
        .iter()
        .rev()
        .take_while(|c| **c != '\n')
        .find(is_bracket);
    let ahead = f[q.end..(q.end + REACH).min(f.len())]
        .iter()
        .take_while(|c| **c != '\n')
        .find(is_bracket);
    back == Some(&'《') && ahead == Some(&'》')
}

/// 日常监测（60%）+实地调研（20%）+第三方评估（20%）: a share in brackets right after what it
/// weighs, in a formula (a `+` after the bracket, or an `=` before it on its line), is the
/// weight of a part of a score, not a goal. A bracketed share in prose (上云率（60%）) stays.
fn formula_weight(f: &[char], q: &Quantity) -> bool {
    let open = q.start.checked_sub(1).map(|i| f[i]);
    if q.kind != Kind::Rate || !matches!(open, Some('(' | '（')) || !matches!(f.get(q.end), Some(')' | '）')) {
        return false;
    }
    if matches!(f.get(q.end + 1), Some('+' | '＋')) {
        return true;
    }
    f[q.start.saturating_sub(REACH)..q.start]
        .iter()
        .rev()
        .take_while(|c| **c != '\n')
        .any(|c| matches!(c, '=' | '＝'))
}

/// 7个方面的平均分值, 十个方面重点任务: the areas a text or an evaluation is organised in,
/// counted; no goal counts 方面.
fn counts_aspects(f: &[char], q: &Quantity) -> bool {
    q.kind == Kind::Count && starts_with_at(f, q.end, "方面")
}

/// 经济类指标（12项）, 关于发展类目标(9个): a count in brackets right after 指标 or 目标
/// says how many indicators the list under it holds; what is to be reached are the
/// indicators themselves.
fn counts_indicators(f: &[char], q: &Quantity) -> bool {
    let open = q.start.checked_sub(1).map(|i| f[i]);
    q.kind == Kind::Count
        && matches!(open, Some('(' | '（'))
        && matches!(f.get(q.end), Some(')' | '）'))
        && ["指标", "目标"].iter().any(|w| ends_with_at(f, q.start - 1, w))
}

/// 在现有…等62项服务的基础上，继续…: a figure inside a clause that opens with 在 and closes
/// with 基础上 is where the work starts from (`[c0, c1)` is the clause). 在此基础上，新增100家
/// is a goal: its 基础上 comes before the number.
fn baseline(f: &[char], ix: &Index, q: &Quantity, c0: usize, c1: usize) -> bool {
    let first = f[c0..q.start.max(c0)].iter().find(|c| !c.is_whitespace());
    first == Some(&'在') && ix.any(List::Baseline, q.end, c1)
}

/// Units of the people and firms an activity reaches.
const AUDIENCE: &[&str] = &["名", "人", "人次", "位", "家", "户"];

/// 面向1万名专业技术人员开展培训: the people or firms an activity reaches, counted, are its
/// quota; a scope word's other objects (面向3类企业, 围绕4个领域) stay a scope. `after` is
/// where the scope word ends.
pub(super) fn reaches_audience(f: &[char], q: &Quantity, after: usize) -> bool {
    ends_with_at(f, after, "面向") && q.kind == Kind::Count && AUDIENCE.contains(&q.unit.as_str())
}

/// What an administrative division is called, right after the count (16个市, 11座城市).
const DIVISIONS: &[&str] = &[
    "市",
    "县",
    "区",
    "州",
    "盟",
    "旗",
    "乡",
    "镇",
    "村",
    "街道",
    "社区",
    "地市",
    "设区市",
    "城市",
    "省",
];

/// 全省16个设区市: a jurisdiction's own divisions, counted, are what exists; 全省100家企业
/// counts firms, which a goal can name (推动全省100家企业实施…).
/// A count of firms or people (全市500家市场主体) is never one of divisions, and a noun that
/// merely opens with a division's name (市场主体, 区域性龙头企业, 县域企业, 县级融媒体中心)
/// names no division.
pub(super) fn counts_divisions(f: &[char], q: &Quantity) -> bool {
    if DIVISIONS.contains(&q.unit.as_str()) {
        return true;
    }
    !AUDIENCE.contains(&q.unit.as_str())
        && DIVISIONS.iter().any(|w| starts_with_at(f, q.end, w))
        && !NOT_DIVISIONS.iter().any(|w| starts_with_at(f, q.end, w))
}

/// Nouns that open with a division's name but count no division.
const NOT_DIVISIONS: &[&str] = &[
    "市场", "区域", "县域", "市域", "省域", "镇域", "市级", "县级", "区级", "省级", "镇级", "乡级", "村级",
];

/// Words after 价格 that make it a price level, an indicator of the economy (居民消费价格涨幅
/// 3%左右, 价格总水平), rather than a price charged.
const PRICE_LEVEL: &[&str] = &["涨幅", "指数", "总水平", "上涨", "增幅"];

/// How far after 价格 its level word is looked for (chars).
const PRICE_REACH: usize = 8;

/// A rate whose clause's last fee word before it is 价格 followed by a level word, with no
/// fee word after the rate (`[c0, c1)` is the clause).
pub(super) fn price_level(f: &[char], ix: &Index, q: &Quantity, c0: usize, c1: usize) -> bool {
    let Some(fee_end) = ix.last_end(List::Fees, c0, q.start.max(c0)) else {
        return false;
    };
    let near = &f[fee_end..q.start.min(fee_end + PRICE_REACH)];
    q.kind == Kind::Rate
        && ends_with_at(f, fee_end, "价格")
        && PRICE_LEVEL.iter().any(|w| super::contains(near, w))
        && !ix.any(List::Fees, q.end, c1)
}

/// 按合同金额的30%，给予一次性奖补: a rate that 按 sets in its clause, with support granted
/// after it in the sentence, is the rate of the subsidy (`[c0, s1)` runs from the clause's
/// start to the sentence's end).
/// A verb of achieving between 按 and the rate (按期完成率达到95%) makes it a goal.
pub(super) fn subsidy_rate(f: &[char], ix: &Index, q: &Quantity, c0: usize, s1: usize) -> bool {
    /// How far before the rate its 按 is looked for (chars).
    const BY_REACH: usize = 32;
    let from = q.start.saturating_sub(BY_REACH).max(c0);
    // 按时, 按期 (on time: 按时办结率100%) set no rate.
    let by = f[from..q.start.max(from)]
        .iter()
        .rposition(|c| *c == '按')
        .map(|p| from + p)
        .filter(|&b| !matches!(f.get(b + 1), Some('时' | '期')));
    q.kind == Kind::Rate
        && by.is_some_and(|b| !ix.any(List::TargetVerbs, b, q.num_start) && !ix.any(List::GoalWords, b, q.num_start))
        && ix.any(List::Support, q.end, s1)
}
