//! What a number next to it makes part of a name, code, date, list or label rather than a
//! quantity (`scan` and `ratio` ask before reading one).

pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '~' | '〜' | '－')
}

/// Chars right after a number that make it a date, time, code, version or list number.
pub(super) fn bad_next(c: char) -> bool {
    matches!(
        c,
        '年' | '月'
            | '日'
            | '时'
            | '点'
            | '分'
            | '秒'
            | '周'
            | '天'
            | '岁'
            | ':'
            | '.'
            | '、'
            | ')'
            | ']'
            | '〕'
            | '】'
            | '》'
            | '*'
            | '×'
            | '/'
            | '版'
            | '代'
            | '号'
            | '期'
            | '届'
            | '型'
            | '维'
            | '星'
            | '寸'
            | '后'
            | '位'
            | '层'
            | '路'
            | '线'
            | '#'
    )
}

/// Chars right before a number that make it part of a name, code, ordinal or ranking.
pub(super) fn bad_prev(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || is_dash(c)
        || matches!(
            c,
            '.' | '*'
                | '×'
                | '/'
                | '\\'
                | '+'
                | ':'
                | '#'
                | '_'
                | '@'
                | '%'
                | '='
                | '&'
                | '·'
                | '第'
                | '前'
                | '每'
                | '〔'
                | '['
                | '【'
                | '号'
        )
}

/// The number of a figure or table (`如图 1 所示`, `图2 场景分类` at a line's start, `见表3`,
/// `附表1`): a label, not a quantity. 图/表 count only on their own or after 如 见 附 详 下 上
/// (发表10篇, 代表3名 and 地图2张 are quantities, and so is 意见表200份), spaces between the
/// chars skipped (OCR-spaced text: 地 图 3 套 is 地图3套).
pub(super) fn figure_label(f: &[char], s: usize) -> bool {
    // The char before `k`, past spaces.
    let before = |k: usize| (0..k).rev().find(|&j| !matches!(f[j], ' ' | '\u{3000}'));
    let Some(i) = before(s).filter(|&i| matches!(f[i], '图' | '表')) else {
        return false;
    };
    match before(i) {
        None => true,
        Some(j) if f[j] == '见' => before(j).is_none_or(|k| f[k] != '意'),
        Some(j) => matches!(f[j], '如' | '附' | '详' | '下' | '上') || !crate::text::is_han(f[j]),
    }
}
