//! The metric of a target: the noun phrase it counts. After the quantity when one follows
//! (培育400家**上云标杆企业**), else the subject before it (**网络零售额**达到2.6万亿元).

/// Verbs that open a clause and are not part of what is counted.
const LEADING_VERBS: &[&str] = &[
    "力争",
    "培育",
    "建设",
    "打造",
    "推出",
    "推广",
    "形成",
    "引进",
    "新增",
    "累计",
    "完成",
    "实现",
    "建成",
    "创建",
    "带动",
    "布局",
    "部署",
    "发展",
    "支持",
    "聚焦",
    "认定",
    "遴选",
    "举办",
    "开展",
    "组织",
    "突破",
    "集聚",
    "引培",
    "争创",
    "培育形成",
    "推动",
    "扶持",
    "达到",
    "超过",
    "全省",
    "全市",
    "全区",
    "全县",
];

fn is_boundary(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '；' | ';' | '、' | '：' | ':' | '\n' | '！' | '？' | '（' | '(' | '）' | ')' | '—'
    )
}

/// `chars[start..number_end]` is the quantity; `[s0, s1)` its sentence.
pub fn metric(chars: &[char], start: usize, number_end: usize, s0: usize, s1: usize) -> Option<String> {
    // After: the rest of the clause. A list (A、B、C) is named by its first item; a phrase
    // with attributes (掌握核心技术、…的高成长性创新企业) by the noun after its last 的.
    let mut i = number_end;
    while i < s1 && matches!(chars[i], '的' | '”' | '"' | ' ' | '　') {
        i += 1;
    }
    let clause_end = (i..s1)
        .find(|&j| matches!(chars[j], '，' | ',' | '。' | '；' | ';' | '\n' | '：' | ':'))
        .unwrap_or(s1);
    let clause = &chars[i..clause_end];
    let after: String = match clause.iter().rposition(|c| *c == '的') {
        Some(d) if d + 2 < clause.len() => clause[d + 1..].iter().collect(),
        _ => {
            let end = (0..clause.len())
                .find(|&j| is_boundary(clause[j]) && !paren_unit(clause, j))
                .unwrap_or(clause.len());
            clause[..end].iter().collect()
        }
    };
    let after = after.trim_matches(|c: char| matches!(c, '“' | '”' | '"' | ' ' | '　'));
    if after.chars().count() >= 2 && after.chars().any(crate::text::is_han) {
        return Some(truncate(after, 24));
    }
    // Before: from the clause start to the verb or quantity.
    let clause_start = (s0..start).rev().find(|&j| is_boundary(chars[j])).map_or(s0, |j| j + 1);
    let mut before: String = chars[clause_start..start].iter().collect();
    for v in [
        "达到",
        "超过",
        "突破",
        "不低于",
        "不少于",
        "保持在",
        "保持",
        "控制在",
        "提高到",
        "提升至",
        "提升到",
        "增长到",
        "增加到",
        "为",
        "达",
        "超",
    ] {
        if let Some(stripped) = before.strip_suffix(v) {
            before = stripped.to_owned();
            break;
        }
    }
    let mut before = before.trim().to_owned();
    while let Some(v) = LEADING_VERBS
        .iter()
        .find(|v| before.starts_with(**v) && before.chars().count() > v.chars().count() + 1)
    {
        before = before[v.len()..].to_owned();
    }
    let before = before.trim_matches(|c: char| matches!(c, '“' | '”' | '"' | ' ' | '　'));
    (before.chars().count() >= 2 && before.chars().any(crate::text::is_han)).then(|| truncate(before, 32))
}

/// 车间(工厂): a parenthesis that is part of the noun, not a clause break.
fn paren_unit(chars: &[char], j: usize) -> bool {
    matches!(chars[j], '(' | '（')
        && chars
            .get(j + 1..)
            .is_some_and(|r| r.iter().take(6).any(|c| matches!(c, ')' | '）')))
        || matches!(chars[j], ')' | '）') && chars[..j].iter().rev().take(6).any(|c| matches!(c, '(' | '（'))
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}
