//! The one normalisation text takes for matching — alignment cues, shared-passage search,
//! target reading and the app's search all go through it. It is never shown or exported:
//! display and export keep the original characters, and every folded character keeps the
//! char offset of the original character it came from.
//!
//! The policy, character by character:
//! - **width**: full-width ASCII (！ … ～) becomes ASCII, the ideographic space a space;
//! - **radicals**: Kangxi radicals and CJK-radical-supplement forms that PDF Type 3 fonts
//!   produce (⾏ U+2F8F, ⻔ U+2ED4) become the unified ideographs they stand for;
//! - **script**: traditional characters become simplified (`fast2s`, char to char, so the
//!   count is kept);
//! - **case**: Latin letters lower case (not in [`same_length`], whose reader needs `GDP`);
//! - **whitespace** (including U+3000, NBSP, zero-width characters and the BOM) is dropped;
//! - **punctuation and symbols** are kept or dropped, as the caller says ([`Punct`]).

/// What becomes of punctuation and symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Punct {
    /// Kept (width-folded): alignment cues and the app's search match them.
    Keep,
    /// Dropped: only letters, digits and Han remain (shared passages are counted in these).
    Drop,
}

/// Folded text with the way back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded characters.
    pub chars: Vec<char>,
    /// Per folded character: the char offset of its original character in the input.
    pub offsets: Vec<u32>,
}

impl Folded {
    #[must_use]
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The folded characters as a string.
    #[must_use]
    pub fn as_string(&self) -> String {
        self.chars.iter().collect()
    }

    /// The original char range `[start, end)` that folded chars `[from, to)` came from.
    #[must_use]
    pub fn original_range(&self, from: usize, to: usize) -> (usize, usize) {
        if from >= to || to > self.offsets.len() {
            return (0, 0);
        }
        (self.offsets[from] as usize, self.offsets[to - 1] as usize + 1)
    }
}

/// Width fold of one character: full-width ASCII variants, the small form variants
/// (`﹒` `﹑` `﹪`…) and the ideographic space.
#[must_use]
pub fn width(c: char) -> char {
    match small_form(c) {
        '\u{3000}' => ' ',
        c @ '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    }
}

/// The small form variants (U+FE50–U+FE6B, used by some typesetting and PDF fonts: `1﹒` for
/// `1.`, `﹙一﹚`) as the characters they stand for, by Unicode's compatibility mapping:
/// `﹑` is `、`, `﹝﹞` are `〔〕`, the rest ASCII. Any other char is returned as it is.
#[must_use]
pub fn small_form(c: char) -> char {
    match c {
        '\u{FE50}' => ',',
        '\u{FE51}' => '、',
        '\u{FE52}' => '.',
        '\u{FE54}' => ';',
        '\u{FE55}' => ':',
        '\u{FE56}' => '?',
        '\u{FE57}' => '!',
        '\u{FE58}' => '\u{2014}',
        '\u{FE59}' => '(',
        '\u{FE5A}' => ')',
        '\u{FE5B}' => '{',
        '\u{FE5C}' => '}',
        '\u{FE5D}' => '〔',
        '\u{FE5E}' => '〕',
        '\u{FE5F}' => '#',
        '\u{FE60}' => '&',
        '\u{FE61}' => '*',
        '\u{FE62}' => '+',
        '\u{FE63}' => '-',
        '\u{FE64}' => '<',
        '\u{FE65}' => '>',
        '\u{FE66}' => '=',
        '\u{FE68}' => '\\',
        '\u{FE69}' => '$',
        '\u{FE6A}' => '%',
        '\u{FE6B}' => '@',
        _ => c,
    }
}

/// Whitespace including the ideographic space and the BOM/zero-width characters web pages leave.
#[must_use]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{00A0}')
}

/// The text with width and radicals folded and traditional script made simplified, one
/// output char per input char (so offsets are unchanged); case and whitespace kept.
#[must_use]
pub fn same_length(s: &str) -> Vec<char> {
    // Sized at once: grown a char at a time, a 7 MB text's buffers were reallocated (copied
    // and faulted in again) a dozen times over.
    let mut pre = String::with_capacity(s.len());
    pre.extend(s.chars().map(|c| radical(width(c))));
    let converted = simplified(&pre);
    let mut out = Vec::with_capacity(converted.chars().count());
    out.extend(converted.chars());
    out
}

/// `fast2s::convert`, char for char the same, without its three hash look-ups per CJK char
/// (a fifteenth of a 7 MB export's instructions). `fast2s` converts a char by its neighbours
/// only when it is one of [`BY_NEIGHBOURS`]; any other char it leaves alone on its own it
/// leaves alone everywhere. So a char is asked about once ([`asked`]), and only a char that
/// changes, or one of those, goes to `fast2s` with the neighbours it looks at.
fn simplified(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // `fast2s` looks at 3-byte chars only.
        let in_context = c.len_utf8() == 3 && asked(c).1;
        out.push(if in_context {
            between(prev, c, chars.peek().copied())
        } else {
            c
        });
        prev = Some(c);
    }
    out
}

/// The chars `fast2s` (0.3) converts by their neighbours (its `T2S_SPECIAL_CONVERT_TYPE`: 计画
/// → 计划, 藉口 → 借口, …). Its other context rule only keeps a char that would change, which
/// [`simplified`] sends to it anyway.
const BY_NEIGHBOURS: [char; 7] = ['藉', '著', '苧', '闔', '鍾', '讎', '畫'];

/// What `fast2s` makes of a 3-byte char on its own, and whether its neighbours may change
/// that (it changes, or is one of [`BY_NEIGHBOURS`]); remembered per char for the process (a
/// text has a few thousand distinct chars; the answer is the same on every thread).
fn asked(c: char) -> (char, bool) {
    use std::sync::atomic::{AtomicU32, Ordering};
    /// Per BMP char: 0 until asked, then its conversion plus one, with this bit when its
    /// neighbours matter.
    const IN_CONTEXT: u32 = 1 << 31;
    static ASKED: [AtomicU32; 1 << 16] = [const { AtomicU32::new(0) }; 1 << 16];
    let ask = || {
        let converted = between(None, c, None);
        (converted, converted != c || BY_NEIGHBOURS.contains(&c))
    };
    let Some(slot) = ASKED.get(c as usize) else {
        return ask();
    };
    match slot.load(Ordering::Relaxed) {
        0 => {
            let (converted, in_context) = ask();
            let flag = if in_context { IN_CONTEXT } else { 0 };
            slot.store((u32::from(converted) + 1) | flag, Ordering::Relaxed);
            (converted, in_context)
        }
        v => (char::from_u32((v & !IN_CONTEXT) - 1).unwrap_or(c), v & IN_CONTEXT != 0),
    }
}

/// What `fast2s` makes of `c` between `prev` and `next` (`None`: the text's start or end).
fn between(prev: Option<char>, c: char, next: Option<char>) -> char {
    let window: String = prev.into_iter().chain([c]).chain(next).collect();
    fast2s::convert(&window)
        .chars()
        .nth(usize::from(prev.is_some()))
        .unwrap_or(c)
}

/// The matching form of one character on its own, with case folded: width, radical and
/// script as in [`fold`] (without `fast2s`'s look at the neighbouring characters, which
/// settles a handful of one-to-many traditional forms).
#[must_use]
pub fn char_form(c: char) -> char {
    let c = radical(width(c));
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c.len_utf8() == 3 { asked(c).0 } else { c }
}

/// The matching form of one character ([`char_form`]), or `None` for punctuation, symbols
/// and whitespace: [`fold`] with [`Punct::Drop`], char by char.
#[must_use]
pub fn fold_char(c: char) -> Option<char> {
    let c = char_form(c);
    (!is_space(c) && crate::text::is_alphanumeric(c)).then_some(c)
}

/// Fold `s` for matching under `punct`, with the offset of every folded char.
#[must_use]
pub fn fold(s: &str, punct: Punct) -> Folded {
    let chars = same_length(s);
    let mut out = Folded {
        chars: Vec::with_capacity(chars.len()),
        offsets: Vec::with_capacity(chars.len()),
    };
    for (i, c) in chars.into_iter().enumerate() {
        if is_space(c) {
            continue;
        }
        if punct == Punct::Drop && !crate::text::is_alphanumeric(c) {
            continue;
        }
        out.chars.push(c.to_ascii_lowercase());
        #[allow(clippy::cast_possible_truncation)]
        out.offsets.push(i as u32);
    }
    out
}

/// The matching form of `s` as a string: [`fold`] with punctuation kept.
#[must_use]
pub fn matching_form(s: &str) -> String {
    // `fold` without its char vector and offsets (the alignment folds every leaf's texts).
    let mut pre = String::with_capacity(s.len());
    pre.extend(s.chars().map(|c| radical(width(c))));
    let converted = simplified(&pre);
    // Allocated once (dropping spaces only shortens it): the aligner keeps every leaf's.
    let mut out = String::with_capacity(converted.len());
    out.extend(
        converted
            .chars()
            .filter(|&c| !is_space(c))
            .map(|c| c.to_ascii_lowercase()),
    );
    out
}

/// A Kangxi radical (U+2F00–U+2FD5) or CJK radical supplement form (U+2E80–U+2EF3) as the
/// unified ideograph it stands for; any other char unchanged.
#[must_use]
pub fn radical(c: char) -> char {
    let u = c as u32;
    if (0x2F00..=0x2FD5).contains(&u) {
        let i = (u - 0x2F00) as usize;
        return KANGXI.chars().nth(i).unwrap_or(c);
    }
    if (0x2E80..=0x2EF3).contains(&u) {
        return SUPPLEMENT.iter().find(|(k, _)| *k == c).map_or(c, |(_, v)| *v);
    }
    c
}

/// The 214 Kangxi radicals U+2F00… in order, as unified ideographs (Unicode's decomposition
/// mappings, with 戶 read as 户 as simplified texts print it).
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈户手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨青非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// CJK Radicals Supplement forms that stand for a whole character (Unicode gives them no
/// decomposition); component-only forms (亻, 氵 shapes) are left alone.
const SUPPLEMENT: &[(char, char)] = &[
    ('⺁', '厂'),
    ('⺎', '兀'),
    ('⺟', '母'),
    ('⺠', '民'),
    ('⺦', '丬'),
    ('⺻', '聿'),
    ('⺼', '月'),
    ('⻁', '虎'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻇', '角'),
    ('⻈', '讠'),
    ('⻉', '贝'),
    ('⻋', '车'),
    ('⻌', '辶'),
    ('⻏', '阝'),
    ('⻐', '钅'),
    ('⻑', '長'),
    ('⻒', '镸'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻟', '飠'),
    ('⻠', '饣'),
    ('⻡', '首'),
    ('⻢', '马'),
    ('⻣', '骨'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻪', '黾'),
    ('⻫', '斉'),
    ('⻬', '齐'),
    ('⻭', '歯'),
    ('⻮', '齿'),
    ('⻯', '竜'),
    ('⻰', '龙'),
    ('⻱', '龜'),
    ('⻲', '亀'),
    ('⻳', '龟'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplified_as_fast2s_converts() {
        let mut texts: Vec<String> = [
            "",
            "畫",
            "計畫企畫 畫圖畫畫",
            "藉口憑藉慰藉狼藉，看著苧麻闔家鍾書校讎讎定仇讎",
            "乾隆的乾兒子一邊乾淨利落地擲出了一個乾卦，嚼着芒果乾。兒寬答覆批覆回覆甚夥瞭望幺麽樊於期",
            "《第一批异体字整理表》已將「託」與「托」合併為「托」；線上教育與遠距醫療 GDP 𠀀",
        ]
        .map(str::to_owned)
        .into();
        for entry in std::fs::read_dir("assets/corpus").expect("the bundled corpus") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                texts.push(std::fs::read_to_string(path).expect("UTF-8"));
            }
        }
        // Each text in traditional script too, so that most chars change.
        let traditional: Vec<String> = texts
            .iter()
            .map(|t| {
                t.chars()
                    .map(|c| TRADITIONAL.iter().find(|p| p.1 == c).map_or(c, |p| p.0))
                    .collect()
            })
            .collect();
        for t in texts.iter().chain(&traditional) {
            assert_eq!(simplified(t), fast2s::convert(t));
        }
    }

    proptest::proptest! {
        /// Mixed traditional and simplified Han (fast2s's context chars and their partners
        /// among them, at the text's edges too), ASCII, other 2- and 4-byte chars and the
        /// '0' fast2s puts before the start and after the end: [`simplified`] converts
        /// exactly as `fast2s::convert` does, char for char.
        #[test]
        fn simplified_is_fast2s_on_random_text(
            picks in proptest::collection::vec((0usize..POOL.chars().count(), 0u8..4), 0..40),
        ) {
            let pool: Vec<char> = POOL.chars().collect();
            let t: String = picks
                .iter()
                .map(|&(i, k)| match k {
                    // Any CJK char now and then.
                    0 => char::from_u32(0x3400 + u32::try_from(i).unwrap_or(0) * 397 % 0xCC00).unwrap_or('x'),
                    _ => pool[i],
                })
                .collect();
            proptest::prop_assert_eq!(simplified(&t), fast2s::convert(&t));
        }
    }

    /// fast2s's context chars, their partners, traditional and simplified Han, ASCII, the
    /// digit 0, a 2-byte char and 4-byte chars.
    const POOL: &str = "藉著苧闔鍾讎畫口憑慰狼看麻家書校定仇計企兒寬覆答批回夥甚瞭望麽幺於樊乾隆坤卦\
                        數據經濟發展網絡划干于着数据经济发展网络推进a0Z é𠀀😀𤭢，。 \n";

    /// A few traditional chars with their simplified forms.
    const TRADITIONAL: [(char, char); 12] = [
        ('數', '数'),
        ('據', '据'),
        ('經', '经'),
        ('濟', '济'),
        ('發', '发'),
        ('展', '展'),
        ('畫', '划'),
        ('乾', '干'),
        ('於', '于'),
        ('著', '着'),
        ('網', '网'),
        ('絡', '络'),
    ];

    #[test]
    fn traditional_width_and_case_fold_to_one_form() {
        assert_eq!(
            matching_form("線上教育　與 遠距醫療"),
            matching_form("线上教育与远距医疗")
        );
        assert_eq!(matching_form("ＩＰｖ６網絡"), "ipv6网络");
        assert_eq!(matching_form("數據開放"), "数据开放");
    }

    #[test]
    fn the_matching_form_is_the_fold_with_punctuation_kept() {
        for s in [
            "",
            "線上教育　與 遠距醫療",
            "ＩＰｖ６網絡，GDP增长5%\u{FEFF}\u{200B}\u{00A0}⾏⻔",
            "（一）推進\t數字經濟。\n“十四五”",
        ] {
            assert_eq!(matching_form(s), fold(s, Punct::Keep).as_string(), "{s:?}");
        }
    }

    #[test]
    fn offsets_point_back_to_the_original() {
        let s = "推進 數字，經濟";
        let f = fold(s, Punct::Drop);
        assert_eq!(f.as_string(), "推进数字经济");
        let orig: Vec<char> = s.chars().collect();
        for (c, &o) in f.chars.iter().zip(&f.offsets) {
            let back = orig[o as usize];
            assert_eq!(*c, same_length(&back.to_string())[0].to_ascii_lowercase());
        }
        // The folded span 数字 came from chars 3..5 of the original.
        assert_eq!(f.original_range(2, 4), (3, 5));
    }

    #[test]
    fn full_width_folds_to_half_width() {
        assert_eq!(fold("（一）ＡＢ　１２", Punct::Keep).as_string(), "(一)ab12");
        assert_eq!(fold("a b\tc", Punct::Keep).as_string(), "abc");
    }

    #[test]
    fn punctuation_is_kept_or_dropped_as_asked() {
        assert_eq!(fold("（一）数据。", Punct::Keep).as_string(), "(一)数据。");
        assert_eq!(fold("（一）数据。", Punct::Drop).as_string(), "一数据");
    }

    #[test]
    fn same_length_keeps_the_count_and_the_case() {
        let s = "GDP達到１００萬億 ⾏业⻔户";
        let f = same_length(s);
        assert_eq!(f.len(), s.chars().count());
        assert_eq!(f.iter().collect::<String>(), "GDP达到100万亿 行业门户");
    }

    #[test]
    fn every_kangxi_radical_has_its_ideograph() {
        assert_eq!(KANGXI.chars().count(), 0x2FD5 - 0x2F00 + 1);
        assert!(KANGXI.chars().all(crate::text::is_han));
        assert_eq!(radical('\u{2F8F}'), '行');
        assert_eq!(radical('\u{2ED4}'), '门');
        assert_eq!(radical('a'), 'a');
    }
}
