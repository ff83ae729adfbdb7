//! Whether a well-formed quantity is a target in its context. A target is a quantity tied to
//! something to achieve; these are not:
//!
//! - **policy support** — money or rates in a clause about subsidies and rewards
//!   (给予最高500万元奖励, 按30%给予补助, 安排专项资金5亿元), a rate 按 sets before the clause that
//!   grants (按合同金额的30%，给予奖补), and any capped amount (最高, 最多);
//! - **facts already achieved** — 已建成5G基站6.5万个, …以来, 同比增长 (a year before the
//!   document's own is handled with the deadline, see [`super::year`]);
//! - **routine frequencies** — 每季度召开1次, 每月发布;
//! - **counts of a jurisdiction's units** (全省16个市); a coverage goal (园区16个市全覆盖) is a
//!   target, as the gold annotates it, and so are firms a goal names (推动全省100家企业…);
//! - **norms** — penalties (处…罚款), obligations (应当, 不得), provision ratios (每…配备),
//!   facility sizes (面积不少于), procedural time limits (5个工作日内), fees and shares
//!   (收费, 80%用于; but a cost aggregate's ratio a goal verb sets, 物流总费用与GDP的比率降至
//!   13%, and a price level, 居民消费价格涨幅3%左右, are indicators), thresholds naming a class
//!   (低于50%的地区), definitions (是指, 计量单位);
//! - **scope, not goals** — 围绕4个重点领域, 聚焦3大方向; but the people or firms an activity
//!   reaches are its quota (面向1万名技术人员开展培训);
//! - **names and frames** (`frame`) — a number in a cited title (《…十条意见》), the weights of
//!   a scoring formula (监测（60%）+调研（20%）), counts of aspects (7个方面), a baseline
//!   (在现有…62项…的基础上);
//! - **descriptions** — the size of a place (功能区面积约8.5平方公里);
//! - **size descriptors of a counted noun** — 营收超百亿元企业10家, 5家千亿级平台型企业: the
//!   count is the target, the amount describes what is counted.
//!
//! Clauses and sentences are read on the width-folded text.

mod class;
mod frame;

use super::Comparator;
use super::index::{Index, List};
use super::scan::{Kind, Quantity};
use class::{capacity_class, eligibility, ends_in_class, names_a_class, thing_size};
use frame::{counts_divisions, framed, price_level, reaches_audience, subsidy_rate};

/// Sentence breaks (；, 。, line ends …).
#[must_use]
pub fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | ';' | '\n' | '!' | '?')
}

/// Clause breaks: sentence breaks, commas and colons (a comma between digits is a
/// thousands separator).
#[must_use]
pub fn is_clause_break(f: &[char], j: usize) -> bool {
    match f[j] {
        '，' | ':' => true,
        ',' => !(j > 0 && f[j - 1].is_ascii_digit() && f.get(j + 1).is_some_and(char::is_ascii_digit)),
        c => is_sentence_break(c),
    }
}

/// `[start, end)` of the sentence around char `at`.
#[must_use]
pub fn sentence_bounds(f: &[char], at: usize) -> (usize, usize) {
    let at = at.min(f.len());
    let start = f[..at].iter().rposition(|c| is_sentence_break(*c)).map_or(0, |p| p + 1);
    let end = f[at..]
        .iter()
        .position(|c| is_sentence_break(*c))
        .map_or(f.len(), |p| at + p);
    (start, end)
}

/// `[start, end)` of the clause around char `at` (what [`super::index::Index::clause`] answers
/// in one lookup; kept as its reference in tests).
#[cfg(test)]
#[must_use]
pub fn clause_bounds(f: &[char], at: usize) -> (usize, usize) {
    let at = at.min(f.len());
    let start = (0..at).rev().find(|&j| is_clause_break(f, j)).map_or(0, |p| p + 1);
    let end = (at..f.len()).find(|&j| is_clause_break(f, j)).unwrap_or(f.len());
    (start, end)
}

fn contains(hay: &[char], needle: &str) -> bool {
    let n = needle.chars().count();
    n > 0 && hay.windows(n).any(|w| w.iter().copied().eq(needle.chars()))
}

/// Words of policy support: amounts near them are instruments, not targets.
pub(super) const SUPPORT: &[&str] = &[
    "奖励",
    "补助",
    "补贴",
    "资助",
    "贴息",
    "奖补",
    "专项资金",
    "引导资金",
    "扶持资金",
    "支持资金",
    "财政资金",
    "给予",
    "一次性",
    "基金",
    "税率",
    "加计扣除",
    "减按",
    "减免",
    "税收优惠",
];

/// Words that name one recipient of support: an amount bounded under them is a cap per
/// recipient (单个项目支持金额不超过300万元), not a goal.
pub(super) const PER_RECIPIENT: &[&str] = &[
    "单个", "单项", "单家", "单笔", "每个", "每家", "每项", "每户", "每人", "每所",
];

/// Words right before an amount that make it a rate paid to each person or household.
const PER_PERSON: &[&str] = &["每人", "每户", "每名", "每位"];

/// Words of gain or attainment: a per-head amount after them is a goal (每户年均增收3000元).
const GAIN: &[&str] = &["增", "收入", "达", "实现"];

/// Whether `f[from..to]` (right before an amount) names a head it is paid to and no gain.
fn per_person_rate(f: &[char], from: usize, to: usize) -> bool {
    let window = &f[from..to];
    let Some(head_end) = PER_PERSON
        .iter()
        .filter_map(|w| {
            let n = w.chars().count();
            window
                .windows(n)
                .rposition(|x| x.iter().copied().eq(w.chars()))
                .map(|p| p + n)
        })
        .max()
    else {
        return false;
    };
    !GAIN.iter().any(|w| contains(&window[head_end..], w))
}

/// Words that report what has been achieved, in the clause before the number.
pub(super) const PAST: &[&str] = &["已", "同比", "比上年", "较上年"];

/// Words that set a whole sentence in the past (“十三五”以来，…; 截至去年底，…).
pub(super) const PAST_SENTENCE: &[&str] = &["以来", "去年", "上年", "前年", "上一年"];

/// Verbs that name a scope rather than a goal, right before the number (围绕4个重点领域).
pub(super) const SCOPE: &[&str] = &[
    "围绕", "聚焦", "包括", "涵盖", "分为", "依托", "按照", "针对", "面向", "涉及",
];

/// A jurisdiction right before a count of its divisions: its existing units (全省16个市), not
/// a goal.
const JURISDICTION: &[&str] = &[
    "全省", "全市", "全国", "全区", "全县", "全州", "我省", "我市", "本省", "本市",
];

/// Verbs of support right before a count: what the support grants (每户可补贴1台).
const GRANTS: &[&str] = &["补贴", "补助", "奖励", "资助"];

/// Words right before such a verb that make the count what one recipient may get.
const ONE_RECIPIENT: &[&str] = &["可", "各", "均", "最多", "最高", "限"];

/// Words right before a count that state what exists (全市共有23个县, 现有12家).
const EXISTING: &[&str] = &["共有", "现有", "下辖", "辖"];

/// Periods of a routine (每季度召开1次): not targets.
pub(super) const ROUTINE: &[&str] = &[
    "每季度",
    "每季",
    "每月",
    "每周",
    "每日",
    "每天",
    "每半年",
    "每旬",
    "每两年",
];

/// Split quantities into targets and refused ones, each refusal with its reason.
#[must_use]
pub fn judge(f: &[char], ix: &Index, qs: Vec<Quantity>) -> (Vec<Quantity>, Vec<(Quantity, &'static str)>) {
    let descriptors: Vec<bool> = (0..qs.len()).map(|k| is_descriptor(f, &qs, k)).collect();
    let mut kept = Vec::with_capacity(qs.len());
    let mut refused = Vec::new();
    for (q, d) in qs.into_iter().zip(descriptors) {
        let why = if d {
            Some("describes what is counted (营收超百亿元企业10家)")
        } else {
            refusal(f, ix, &q)
        };
        match why {
            Some(r) => refused.push((q, r)),
            None => kept.push(q),
        }
    }
    (kept, refused)
}

/// Words that make a sentence punitive: its amounts are penalties.
pub(super) const PUNITIVE: &[&str] = &["罚款", "罚金", "处以", "没收", "吊销", "拘留", "责令"];

/// Words of obligation and prohibition: a quantity under them is a rule (应当配备, 不得超过).
pub(super) const NORMATIVE: &[&str] = &["应当", "不得", "必须", "须按", "禁止", "严禁", "原则上"];

/// Verbs of provision by ratio (每5000名老年人配备1名).
pub(super) const PROVISION: &[&str] = &["配备", "配置", "配齐", "按照", "按"];

/// Words of fees, charges and shares of money.
pub(super) const FEES: &[&str] = &[
    "收费",
    "费用",
    "费率",
    "收取",
    "缴纳",
    "计提",
    "提取",
    "返还",
    "分成",
    "租金",
    "价格",
    "分担",
    "各负担",
    "分别负担",
    "各承担",
    "分别承担",
];

/// Units of area: in a clause about 面积 with a minimum they set a facility size.
const AREAS: &[&str] = &["平方米", "平方公里", "亩", "公顷"];

/// Units of time a procedure is limited by (5个工作日内).
const TIME_UNITS: &[&str] = &["工作日", "小时", "分钟", "天", "周", "星期", "年", "岁", "月", "日"];

/// Words that make a bounded duration or age a goal (压缩至3个工作日以内, 达到11.5年).
pub(super) const GOAL_WORDS: &[&str] = &[
    "压缩", "缩短", "减少", "降低", "降至", "控制", "力争", "提高", "提升", "延长", "达到", "达",
];

/// Words of a definition (名词解释): its quantities explain a term.
pub(super) const DEFINITION: &[&str] = &["是指", "指的是", "计量单位", "定义为", "单位为", "单位是"];

fn refusal(f: &[char], ix: &Index, q: &Quantity) -> Option<&'static str> {
    // Every test of a word over the clause or the sentence asks the text's index (a scan
    // per quantity was quadratic in a long sentence of many quantities): `[c0, c1)` is the
    // clause, `[c0, q.start)` the clause before the quantity, `[s0, q.start)` the sentence
    // before it.
    let (c0, c1) = ix.clause(q.num_start);
    let before_end = q.start.max(c0);
    let near_before = &f[q.start.saturating_sub(4).max(c0)..q.start.max(c0)];
    if contains(near_before, "最高") || contains(near_before, "最多") || contains(near_before, "上限") {
        return Some("a cap (最高, 最多), not a goal");
    }
    // The support a sentence grants: 对…按30%给予补助，单个企业不超过50万元.
    let (s0, s1) = ix.sentence(q.num_start);
    let sentence_before_end = q.start.max(s0);
    // The sentence's start across the line breaks of a PDF that sets numbers on lines of
    // their own (补贴价格为 / 1.2 / 元).
    let s0_joined = line_broken_start(f, ix, s0);
    if ix.any(List::Definition, s0, s1) {
        return Some("a definition (是指, 计量单位)");
    }
    if let Some(why) = framed(f, ix, q, c0, c1) {
        return Some(why);
    }
    // A cap on a text's length (不超过800字, 500字以内); 完成古籍数字化1000万字 is a goal.
    let capped = matches!(q.comparator, Comparator::AtMost | Comparator::LessThan);
    if capped && (q.unit == "字" || f[q.end..].iter().find(|c| !c.is_whitespace()) == Some(&'字')) {
        return Some("a length limit on a text (不超过800字)");
    }
    if let Some(why) = rule_or_done(f, ix, q, (s0, s1), s0_joined) {
        return Some(why);
    }
    if matches!(q.kind, Kind::Money | Kind::Rate)
        && (ix.any(List::Support, c0, c1)
            || ix.any(List::Support, s0_joined, sentence_before_end)
            || subsidy_rate(f, ix, q, c0, s1))
    {
        return Some("a subsidy or reward (给予…奖励, 补贴)");
    }
    // A count that a verb of achieving sets (认定100家以上的企业，给予奖励) is a goal even
    // when support follows; what picks recipients is an attribute's amount or share.
    if q.kind != Kind::Count && eligibility(f, ix, q, c1, s1) {
        return Some("who qualifies for a subsidy (投入超过1亿元的企业，给予补助)");
    }
    if q.kind == Kind::Money
        && matches!(q.comparator, Comparator::AtMost | Comparator::LessThan)
        && ix.any(List::PerRecipient, c0, c1)
    {
        return Some("a cap per recipient (单个项目不超过300万元)");
    }
    // 每人每年1800元, 提高到每户每月500元: the rate of a benefit or payment; 每户年均增收3000元 is
    // a goal (a word of gain between the head and the amount).
    if q.kind == Kind::Money && per_person_rate(f, q.start.saturating_sub(8).max(c0), before_end) {
        return Some("a payment standard per person (每人每年1800元)");
    }
    if let Some(why) = fee_or_share(f, ix, q, c0, c1) {
        return Some(why);
    }
    // 特困人员基本生活标准按最低生活保障标准的1.6倍确定: a standard set as a multiple of
    // another; 达到2020年的1.5倍 is a goal (no 按).
    if q.unit == "倍" && q.start > c0 && f[q.start - 1] == '的' && contains(&f[c0..q.start], "按") {
        return Some("a standard set as a multiple of another (按…标准的1.6倍确定)");
    }
    if ix.any(List::PerUnit, c0, before_end) && ix.any(List::Provision, c0, c1) && q.kind == Kind::Count {
        return Some("a provision ratio (每…配备), a norm");
    }
    let printed_qualifier = &f[q.start..q.num_start];
    if AREAS.contains(&q.unit.as_str()) && ix.any(List::Area, c0, c1) && printed_qualifier.first() == Some(&'不') {
        return Some("a facility size (面积不少于), a norm");
    }
    if place_size(ix, q, c0, printed_qualifier) {
        return Some("the size of a place (面积约8.5平方公里)");
    }
    if TIME_UNITS.contains(&q.unit.as_str())
        && !super::number::level_verb_before(f, q.start)
        && !ix.any(List::GoalWords, c0, q.num_start.max(c0))
    {
        return Some("a procedural time limit (5个工作日内)");
    }
    // 上架率低于50%的地区: a threshold that picks a class, not a goal.
    // (完成超20万人次的培训 is a goal: a verb of achieving governs it.)
    let achieving = ix.any(List::TargetVerbs, c0, before_end);
    // 从业人数30人以上的企业: the figure measures an attribute named right before it; a share
    // of a class (60%以上的企业完成改造) or a count of it (100家以上的企业) is a goal.
    let attribute_before =
        q.kind != Kind::Rate && q.start > c0 && f[q.start - 1] != '年' && crate::text::is_han(f[q.start - 1]);
    if (matches!(q.comparator, Comparator::LessThan | Comparator::AtMost)
        || q.comparator == Comparator::MoreThan && !achieving
        || q.comparator == Comparator::AtLeast && !achieving && attribute_before)
        && ends_in_class(f, q.end)
    {
        return Some("a threshold naming a class (低于50%的地区)");
    }
    if names_a_class(f, q) || !achieving && capacity_class(f, q.end) {
        return Some("a threshold naming a class (就诊≥1次的居民, 5人及以上的商户, 30万吨/年以下煤矿)");
    }
    if ix.any(List::Sampling, c0, before_end) {
        return Some("a sampling or checking procedure (抽查10份)");
    }
    if let Some(why) = thing_size(f, q) {
        return Some(why);
    }
    // PAST_SENTENCE words after 较, 比 or 同 are comparison bases; the sentence's first char
    // follows a break, never one of those.
    if ix.any(List::Past, c0, before_end) || ix.any(List::PastSentenceFree, s0, sentence_before_end) {
        return Some("reports the past (已, 同比, 以来)");
    }
    if ix.any(List::Routine, c0, before_end) {
        return Some("a routine frequency (每季度)");
    }
    if q.kind == Kind::Count
        && let Some(why) = count_refusal(f, q, c1)
    {
        return Some(why);
    }
    // 针对不少于4个重点行业开展示范, 针对4个以上重点行业: a minimum is a commitment, not the
    // scope addressed.
    let minimum = q.comparator == Comparator::AtLeast;
    if !minimum && scoped(f, ix, q, c0, before_end) {
        return Some("a scope (围绕, 聚焦), not a goal");
    }
    None
}

/// A penalty, a rule, a condition, or what was done (`sentence` the quantity's, `s0_joined`
/// its start across a PDF's line breaks).
fn rule_or_done(
    f: &[char],
    ix: &Index,
    q: &Quantity,
    (s0, s1): (usize, usize),
    s0_joined: usize,
) -> Option<&'static str> {
    let sentence_before_end = q.start.max(s0);
    if ix.any(List::Punitive, s0, s1) {
        return Some("a penalty (罚款, 处…以下)");
    }
    if ix.any(List::Normative, s0, sentence_before_end) {
        return Some("a rule (应当, 不得), not a commitment");
    }
    // 若日实际响应量低于申报量的80%，按补贴价格的20%补贴: what happens if, a rule's terms.
    if ix.any(List::Condition, s0_joined, sentence_before_end) {
        return Some("a condition (若…, 如果…), not a commitment");
    }
    // 满足了超过1000万平米居民采暖需求: a verb's perfective 了 reports what was done — unless
    // a deadline ahead governs the sentence (到2025年，…提高了2个百分点).
    if perfective_before(f, q.start, ix.clause(q.start).0) && !ix.any(List::ToYear, s0_joined, sentence_before_end) {
        return Some("reports the past (…了)");
    }
    None
}

/// Where the sentence starting at `s0` starts when the line breaks before it are a PDF's that
/// sets numbers and their units on lines of their own (`若高于计划量的` / `120%`): up to three
/// lines back, each step from a short fragment of a line past a line that does not end its
/// sentence. A full line after a line without a full stop (a sub-heading, a 专栏 title) starts
/// its own sentence.
fn line_broken_start(f: &[char], ix: &Index, s0: usize) -> usize {
    let mut a = s0;
    for _ in 0..3 {
        if a == 0 || f[a - 1] != '\n' {
            break;
        }
        let fragment = f[a..]
            .iter()
            .take(FRAGMENT_CHARS + 1)
            .take_while(|c| **c != '\n')
            .count()
            <= FRAGMENT_CHARS;
        if !fragment {
            break;
        }
        // The line before must end inside its sentence (a paragraph ends with 。 or ：).
        let ended = f[..a - 1]
            .iter()
            .rev()
            .take(8)
            .find(|c| !c.is_whitespace() || **c == '\n')
            .is_none_or(|&c| matches!(c, '。' | ';' | '；' | '!' | '！' | '?' | '？' | ':' | '：' | '\n'));
        if ended {
            break;
        }
        a = ix.sentence(a - 1).0;
    }
    a
}

/// The longest line [`line_broken_start`] takes for a fragment of a sentence (chars).
const FRAGMENT_CHARS: usize = 12;

/// A verb's perfective 了 right before `at` (line breaks between them skipped; not 为了 or
/// 除了, which are prepositions), within the clause from `c0`.
fn perfective_before(f: &[char], at: usize, c0: usize) -> bool {
    let mut k = at;
    while k > c0 && f[k - 1].is_whitespace() {
        k -= 1;
    }
    k >= c0 + 2 && f[k - 1] == '了' && crate::text::is_han(f[k - 2]) && !matches!(f[k - 2], '为' | '除')
}

/// A fee, a charge or a share of money (收费, 80%用于); a cost ratio a goal verb sets and a
/// price level are indicators (`[c0, c1)` is the clause).
fn fee_or_share(f: &[char], ix: &Index, q: &Quantity, c0: usize, c1: usize) -> Option<&'static str> {
    if matches!(q.kind, Kind::Money | Kind::Rate)
        && ix.any(List::Fees, c0, c1)
        && !cost_ratio_goal(f, ix, q, c0)
        && !price_level(f, ix, q, c0, c1)
    {
        return Some("a fee or share of money (收费, 用于)");
    }
    (q.kind == Kind::Rate && super::number::starts_with_at(f, q.end, "用于")).then_some("a share of money (80%用于)")
}

/// What a count is when it is no goal: one of a set, a ranking or the authors (15项主要指标中,
/// 6项排名第一, 等12个部门), what a subsidy grants, or units that exist; `c1` ends its clause.
fn count_refusal(f: &[char], q: &Quantity, c1: usize) -> Option<&'static str> {
    let r0 = q.end.min(c1);
    let in_rest = |w: &str| r0 + w.chars().count() <= c1 && super::number::starts_with_at(f, r0, w);
    // The departments that issue or carry out a text (省发改委等12个部门联合推进, 由15个部门
    // 组成) are its authors; departments a goal reaches (联通市本级50个部门的数据) are counted by it.
    // The departments are the subject (由15个部门组成, a clause opening with them); a goal
    // verb's object (推动50个部门参与数据共享) is counted.
    let subject = super::number::ends_with_at(f, q.start, "由")
        || f[..q.start]
            .iter()
            .rposition(|c| !c.is_whitespace())
            .is_none_or(|p| is_clause_break(f, p));
    let authors = in_rest("部门")
        && (super::number::ends_with_at(f, q.start, "等")
            || subject
                && ["联合", "共同", "组成", "参与", "参加", "牵头"]
                    .iter()
                    .any(|w| super::number::starts_with_at(f, r0 + 2, w)));
    if c1 - r0 <= 12 && c1 > r0 && f[c1 - 1] == '中' || authors || ["排名", "位居", "位列"].iter().any(|w| in_rest(w))
    {
        return Some("one of a set, a ranking or the authors");
    }
    let right_before = |words: &[&str]| words.iter().any(|w| super::number::ends_with_at(f, q.start, w));
    // What one recipient may get (每户可补贴1台, 各补贴1次); 每年资助200名青年人才 is a goal.
    let granted = GRANTS.iter().any(|g| {
        let at = q.start.checked_sub(g.chars().count());
        super::number::ends_with_at(f, q.start, g)
            && at.is_some_and(|at| ONE_RECIPIENT.iter().any(|m| super::number::ends_with_at(f, at, m)))
    });
    if granted {
        return Some("what a subsidy grants (可补贴2次)");
    }
    if right_before(EXISTING) {
        return Some("existing units (共有23个县)");
    }
    if right_before(JURISDICTION) && counts_divisions(f, q) {
        return Some("existing units of a jurisdiction (全省16个市)");
    }
    None
}

/// 功能区…面积约8.5平方公里: the size of a place, described; an area to be reached has a
/// verb (建成, 新增, 达到) before it.
fn place_size(ix: &Index, q: &Quantity, c0: usize, printed_qualifier: &[char]) -> bool {
    let before_end = q.start.max(c0);
    AREAS.contains(&q.unit.as_str())
        && ix.any(List::Area, c0, q.num_start.max(c0))
        && printed_qualifier == ['约']
        && !ix.any(List::TargetVerbs, c0, before_end)
        && !ix.any(List::GoalWords, c0, before_end)
}

/// Words of a ratio between two aggregates.
const RATIOS: &[&str] = &["比率", "比重", "占比", "比例"];

/// How far before a rate its ratio word is looked for (chars).
const RATIO_REACH: usize = 24;

/// A cost aggregate as the numerator of a ratio that a goal verb sets (社会物流总费用与GDP的
/// 比率降至13.1%, 研发费用占营业收入比重达到3%): an indicator of the economy, not a fee. A bound
/// from above (管理费用比例不超过5%) stays a rule.
fn cost_ratio_goal(f: &[char], ix: &Index, q: &Quantity, c0: usize) -> bool {
    let before_end = q.start.max(c0);
    let Some(fee_end) = ix.last_end(List::Fees, c0, before_end) else {
        return false;
    };
    // The ratio word stands near the number it states (比重达到3%); a bounded look keeps a
    // long clause of many rates linear.
    let near = fee_end.max(before_end.saturating_sub(RATIO_REACH));
    let ratio = RATIOS.iter().any(|w| contains(&f[near..before_end], w));
    let mut b = before_end;
    while b > c0 && f[b - 1].is_whitespace() {
        b -= 1;
    }
    let reaches = super::number::level_verb_before(f, b)
        || q.num_start > q.start && matches!(q.comparator, Comparator::AtLeast | Comparator::MoreThan);
    q.kind == Kind::Rate && ratio && reaches
}

/// Words of a sampling or checking procedure: the numbers under them say how a figure is
/// checked, not what is to be reached.
pub(super) const SAMPLING: &[&str] = &["抽查", "抽取", "抽样", "随机抽"];

/// 围绕8个重点产业链, 聚焦国家规划102项重大工程: a scope verb governs the number (in
/// `[c0, end)`, the clause before it), with no verb of achieving between them
/// (聚焦支持10家企业 is a target).
fn scoped(f: &[char], ix: &Index, q: &Quantity, c0: usize, end: usize) -> bool {
    ix.last_end(List::Scope, c0, end)
        .is_some_and(|after| !ix.any(List::TargetVerbs, after, end) && !reaches_audience(f, q, after))
}

/// An amount or size class right next to a count, with nothing but a noun between them
/// (营收超百亿元企业10家, 10个产值超百亿元的集群, 5家千亿级平台型企业), or before 的 and a noun
/// (年营收2000万元以上的企业): it describes what is counted.
fn is_descriptor(f: &[char], qs: &[Quantity], k: usize) -> bool {
    let q = &qs[k];
    // 面积200亩以上的示范园8-10个: a threshold before 的 and a count in the same clause.
    if q.comparator != Comparator::Equal
        && f.get(q.end) == Some(&'的')
        && qs
            .get(k + 1)
            .is_some_and(|n| n.kind == Kind::Count && !(q.end..n.start).any(|j| is_clause_break(f, j)))
    {
        return true;
    }
    if !matches!(q.kind, Kind::Money | Kind::Class) {
        return false;
    }
    let joined = |a: usize, b: usize| {
        a <= b
            && b - a <= 12
            && !f[a..b]
                .iter()
                .enumerate()
                .any(|(j, c)| *c == '、' || is_clause_break(f, a + j))
    };
    // 年营业收入2000万元以上的企业: a threshold that names a class of things.
    if f.get(q.end) == Some(&'的') && f.get(q.end + 1).is_some_and(|c| crate::text::is_han(*c)) {
        return true;
    }
    let prev = k.checked_sub(1).map(|p| &qs[p]).filter(|p| p.kind == Kind::Count);
    let next = qs.get(k + 1).filter(|n| n.kind == Kind::Count);
    // 年产值超100亿元、具备较强竞争力的龙头企业2家: a bound amount among the attributes
    // (joined by 、 and 的) of what the count after it counts.
    if q.comparator != Comparator::Equal
        && next.is_some_and(|n| {
            n.start > q.end
                && n.start - q.end <= 30
                && f[q.end..n.start].contains(&'的')
                && !(q.end..n.start).any(|j| is_clause_break(f, j))
        })
    {
        return true;
    }
    prev.is_some_and(|p| joined(p.end, q.start)) || next.is_some_and(|n| joined(q.end, n.start))
}
