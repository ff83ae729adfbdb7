//! Finding an indicator table's layout in a text: its lines and their cells (`|`, tabs,
//! runs of spaces, a line of bare years split at its years), the header's columns and their
//! roles (indicator, unit, base or target year, 属性), and the year a title states.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    Seq,
    Category,
    Name,
    Unit,
    /// A value column: base, intermediate or target, by its year when it has one.
    Value {
        year: Option<u16>,
        role: Role,
    },
    Attribute,
    Source,
    /// A column the reader does not use (年均增长〔累计〕 holds rates, 说明 text), kept so that
    /// the columns after it stay aligned.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Base,
    Target,
    /// A bare year column; which it is depends on the others.
    Year,
    /// A rate or sum over the plan period (年均增长, 累计): `cumulative` when the header says
    /// 累计 and not 年均 (a 年均增长〔累计〕 column is cumulative only in its 〔〕 cells).
    Period {
        cumulative: bool,
    },
}

/// A cell: its trimmed char range in the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cell {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Index of the line it stands on.
    pub(super) line: usize,
}

pub(super) fn text_of(f: &[char], c: Cell) -> String {
    f[c.start..c.end].iter().collect()
}

/// Lines of `f` as (start, end) with their cells. A line's cells are separated by `|`,
/// tabs or runs of two or more spaces; a line of bare years (`2023 年 2024 年 2025 年`) is
/// split at its years.
pub(super) fn lines(f: &[char]) -> Vec<(usize, usize, Vec<Cell>)> {
    let mut out = Vec::new();
    let mut s = 0;
    for e in (0..=f.len()).filter(|&i| i == f.len() || f[i] == '\n') {
        let line = out.len();
        let cells = split(f, s, e, line);
        out.push((s, e, cells));
        s = e + 1;
    }
    out
}

pub(super) fn trimmed(f: &[char], mut a: usize, mut b: usize, line: usize) -> Option<Cell> {
    while a < b && (f[a].is_whitespace() || f[a] == '\u{FEFF}') {
        a += 1;
    }
    while b > a && f[b - 1].is_whitespace() {
        b -= 1;
    }
    (a < b).then_some(Cell { start: a, end: b, line })
}

pub(super) fn split(f: &[char], s: usize, e: usize, line: usize) -> Vec<Cell> {
    let seg = &f[s..e];
    let piped = seg.contains(&'|');
    let tabbed = !piped && seg.contains(&'\t');
    let cells = if piped || tabbed {
        positional(f, s, e, line, if piped { '|' } else { '\t' })
    } else {
        spaced(f, s, e, line)
    };
    // A Markdown separator row (|---|:--:|) has no cells.
    if piped
        && cells
            .iter()
            .all(|c| f[c.start..c.end].iter().all(|x| matches!(x, '-' | ':' | ' ')))
    {
        return Vec::new();
    }
    if cells.iter().all(|c| c.start == c.end) {
        return Vec::new();
    }
    if cells.len() == 1 {
        // A title and the year columns run together: 发展指标2023 年 2024 年 2025 年.
        let c = cells[0];
        for p in c.start..c.end {
            if f[p].is_ascii_digit() && (p == c.start || !f[p - 1].is_ascii_digit()) {
                let years = year_run(
                    f,
                    Cell {
                        start: p,
                        end: c.end,
                        line,
                    },
                    line,
                );
                if years.len() >= 2 {
                    let mut out: Vec<Cell> = trimmed(f, c.start, p, line).into_iter().collect();
                    out.extend(years);
                    return out;
                }
            }
        }
    }
    cells
}

/// Cells separated by `sep` (`|` or a tab), in their positions: an empty cell between two
/// separators stays, as an empty cell, so that the cells after it keep their columns. The
/// outer bars of a Markdown row (`| a | b |`) and trailing empty cells are not cells.
fn positional(f: &[char], s: usize, e: usize, line: usize, sep: char) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut a = s;
    for i in (s..=e).filter(|&i| i == e || f[i] == sep) {
        cells.push(trimmed(f, a, i, line).unwrap_or(Cell { start: a, end: a, line }));
        a = i + 1;
    }
    let blank = |c: &Cell| c.start == c.end;
    let mut printed = f[s..e].iter().filter(|c| !c.is_whitespace());
    if sep == '|' {
        if printed.clone().next() == Some(&'|') && cells.first().is_some_and(blank) {
            cells.remove(0);
        }
        if printed.next_back() == Some(&'|') && cells.last().is_some_and(blank) {
            cells.pop();
        }
    } else {
        // Trailing tabs cannot be told from trailing whitespace.
        while cells.last().is_some_and(blank) {
            cells.pop();
        }
    }
    cells
}

/// Cells separated by runs of two or more spaces (pdftotext `-layout`). A run between two
/// single characters is padding inside one cell (指　　标, 属　性: the ideographic spaces of a
/// web page), not a column break.
fn spaced(f: &[char], s: usize, e: usize, line: usize) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    let mut a = s;
    let mut i = s;
    while i < e {
        if f[i] == ' ' && f.get(i + 1) == Some(&' ') {
            let run = (i..e).take_while(|&j| f[j] == ' ').count();
            cells.extend(trimmed(f, a, i, line));
            i += run;
            a = i;
        } else {
            i += 1;
        }
    }
    cells.extend(trimmed(f, a, e, line));
    let single = |c: &Cell| c.end - c.start == 1 && crate::text::is_han(f[c.start]);
    if cells.len() == 2 && single(&cells[0]) && single(&cells[1]) {
        return vec![Cell {
            start: cells[0].start,
            end: cells[1].end,
            line,
        }];
    }
    cells
}

/// `2023 年 2024 年 2025 年` (single spaces): one cell per year.
pub(super) fn year_run(f: &[char], c: Cell, line: usize) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut i = c.start;
    while i < c.end {
        while i < c.end && f[i] == ' ' {
            i += 1;
        }
        let a = i;
        if !(i + 4 <= c.end && f[i..i + 4].iter().all(char::is_ascii_digit)) {
            return Vec::new();
        }
        i += 4;
        while i < c.end && f[i] == ' ' {
            i += 1;
        }
        if f.get(i) == Some(&'年') && i < c.end {
            i += 1;
        }
        out.push(Cell { start: a, end: i, line });
    }
    out
}

/// The year a header cell names: `2025年`, `目标值（2025年）`, `2020年基期值`.
pub(super) fn year_in(s: &str) -> Option<u16> {
    let c: Vec<char> = s.chars().collect();
    (0..c.len().saturating_sub(3)).find_map(|i| {
        let d = &c[i..i + 4];
        (d.iter().all(char::is_ascii_digit)
            && (i == 0 || !c[i - 1].is_ascii_digit())
            && !c.get(i + 4).is_some_and(char::is_ascii_digit))
        .then(|| d.iter().collect::<String>().parse().ok())
        .flatten()
        .filter(|y| (1990..2100).contains(y))
    })
}

/// What a header cell names, if it is one.
pub(super) fn header_col(s: &str) -> Option<Col> {
    // Markdown bold (**指标**) and whitespace are no part of a header's words.
    let t: String = s.chars().filter(|c| !c.is_whitespace() && *c != '*').collect();
    if t.chars().count() > 14 {
        // A header explained in a trailing parenthesis: 2025年目标值(各项目标应达到的水平).
        return t
            .strip_suffix(')')
            .and_then(|u| u.rfind('(').map(|open| &u[..open]))
            .filter(|head| !head.is_empty() && !head.contains('('))
            .and_then(header_col);
    }
    let has = |w: &[&str]| w.iter().any(|x| t.contains(x));
    let base = has(&["基期", "现状", "基准", "基数", "基年", "完成", "实际"]);
    let target = has(&["目标", "预期", "规划", "期末"]);
    // A year, or a five-year plan standing for its last year (“十四五”目标, 十三五末).
    let year = year_in(&t).or_else(|| {
        super::super::year::PLANS
            .iter()
            .find(|(p, _)| t.contains(p))
            .map(|(_, y)| *y)
    });
    if let Some(y) = year {
        let rest = t.replace(&y.to_string(), "");
        let rest =
            rest.trim_matches(|c: char| matches!(c, '年' | '(' | ')' | '（' | '）' | '底' | '末' | '“' | '”' | '"'));
        let role = if base {
            Role::Base
        } else if target {
            Role::Target
        } else if rest.is_empty() || rest == "值" || super::super::year::PLANS.iter().any(|(p, _)| rest == *p) {
            Role::Year
        } else {
            return None;
        };
        return Some(Col::Value { year: Some(y), role });
    }
    let exact = |w: &[&str]| w.iter().any(|x| t == *x);
    Some(if exact(&["序号", "编号", "序"]) {
        Col::Seq
    } else if t.ends_with("指标") {
        // 主要指标, 发展目标指标: the indicators (or the table's title), never a value.
        Col::Name
    } else if has(&["属性", "性质"]) {
        Col::Attribute
    } else if exact(&["单位", "计量单位", "指标单位"]) {
        Col::Unit
    } else if has(&["基期", "现状", "基准值", "基数"]) {
        Col::Value {
            year: None,
            role: Role::Base,
        }
    } else if has(&[
        "目标值",
        "预期目标",
        "规划目标",
        "期末值",
        "目标",
        "预期值",
        "规划值",
        "指标值",
    ]) {
        Col::Value {
            year: None,
            role: Role::Target,
        }
    } else if has(&["年均", "累计", "增速", "增幅"]) {
        // 年均增长〔累计〕: rates over the period, not the target-year value.
        Col::Value {
            year: None,
            role: Role::Period {
                cumulative: t.contains("累计") && !t.contains("年均"),
            },
        }
    } else if has(&["来源", "责任单位", "牵头单位", "责任部门", "备注"]) {
        Col::Source
    } else if has(&["类别", "领域", "一级指标", "分类", "维度", "类型"]) {
        Col::Category
    } else if has(&["指标"]) {
        Col::Name
    } else {
        return None;
    })
}

/// Fix the roles of bare year columns: the latest year is the target (unless a column says
/// 目标), the earliest the base when there are two or more.
pub(super) fn settle(cols: &mut [Col]) {
    let years: Vec<(usize, u16)> = cols
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Col::Value { year: Some(y), .. } => Some((i, *y)),
            _ => None,
        })
        .collect();
    let has_target = cols.iter().any(|c| matches!(c, Col::Value { role: Role::Target, .. }));
    let has_base = cols.iter().any(|c| matches!(c, Col::Value { role: Role::Base, .. }));
    let latest = years.iter().max_by_key(|(_, y)| *y).map(|(i, _)| *i);
    let earliest = years.iter().min_by_key(|(_, y)| *y).map(|(i, _)| *i);
    for (i, c) in cols.iter_mut().enumerate() {
        if let Col::Value {
            role: r @ Role::Year, ..
        } = c
        {
            *r = if !has_target && Some(i) == latest {
                Role::Target
            } else if !has_base && Some(i) == earliest && years.len() >= 2 {
                Role::Base
            } else {
                Role::Year
            };
        }
    }
}

/// Most cells a header has (an indicator table has a dozen columns or so). A run of header-
/// like cells longer than this is no header: without the bound, a text of n short lines
/// that each name a header word (`重点领域` is a category column) was read as a header
/// from each of its cells to the end — quadratic (4,000 such lines took 4 s).
const MAX_HEADER_CELLS: usize = 32;

/// A header: its columns, the index of the cell after it, and its cells with the column each
/// names.
pub(super) type Header = (Vec<Col>, usize, Vec<(Cell, usize)>);

/// The header that starts at cell `k` of `cells`: a run of header cells holding an indicator
/// column and a value column, of at most [`MAX_HEADER_CELLS`].
pub(super) fn header_at(f: &[char], cells: &[Cell], spread: &[Option<Spread>], k: usize) -> Option<Header> {
    // A title (发展目标指标) over a header of three or more cells on the next line: the
    // header starts on that line.
    if let (Some(n), Some(m)) = (cells.get(k + 1), cells.get(k + 3))
        && n.line != cells[k].line
        && m.line == n.line
        && header_at(f, cells, spread, k + 1).is_some()
    {
        return None;
    }
    let mut cols = Vec::new();
    let mut named = Vec::new();
    let mut j = k;
    let known = |c: &Cell| header_col(&text_of(f, *c)).is_some();
    while let Some(c) = cells.get(j) {
        if j - k >= MAX_HEADER_CELLS {
            return None;
        }
        let t = text_of(f, *c);
        // A whole header of three or more cells on one line, then its years in parentheses
        // on the next line (基期值 / (2020年)): the header ends with its line, the years are
        // read under it ([`years_below`]). Any other header cells go on (算力指标 2023 年
        // 2024 年 2025 年, then 序号, 指标 a cell per line).
        if j >= k + 3
            && c.line != cells[k].line
            && cells[j - 1].line == cells[k].line
            && complete(&cols)
            && t.starts_with('(')
        {
            break;
        }
        match header_col(&t) {
            // 目标值 / （2025年）: a header cut by a line break, the year under its column.
            Some(Col::Value {
                year: Some(y),
                role: Role::Year,
            }) if t.starts_with('(') && matches!(cols.last(), Some(Col::Value { year: None, .. })) => {
                if let Some(Col::Value { year, .. }) = cols.last_mut() {
                    *year = Some(y);
                }
                named.push((*c, cols.len() - 1));
            }
            Some(col) => {
                cols.push(col);
                named.push((*c, cols.len() - 1));
            }
            // A header word spread over its column by the layout (指        标): its
            // characters, each a cell, joined.
            None if let Some((col, merged, n)) = spread.get(j).copied().flatten() => {
                cols.push(col);
                named.push((merged, cols.len() - 1));
                j += n;
                continue;
            }
            // A category cut into single characters by the layout (计, 算) may sit among them.
            None if single_han(f, *c) => {}
            // A column the reader has no use for (说明, 年均/累计 in other words, an empty
            // cell): on the header's own line, or followed by another header cell.
            None if !cols.is_empty()
                && header_like(&t)
                && (c.line == cells[k].line || cells.get(j + 1).is_some_and(known)) =>
            {
                cols.push(Col::Other);
                named.push((*c, cols.len() - 1));
            }
            None => break,
        }
        j += 1;
    }
    // A title that names indicators over a header that goes on to later lines with its own
    // indicator column (主要指标 / 序号 / 指标 / 2025年, a cell per line; 发展指标2023 年 2024 年
    // 2025 年 / 序号 / 指标): the title is no column; the header starts after it.
    if cols.first() == Some(&Col::Name)
        && named
            .iter()
            .skip(1)
            .any(|(c, i)| cols[*i] == Col::Name && c.line != cells[k].line)
    {
        return None;
    }
    (complete(&cols) && cols.len() >= 2).then(|| {
        settle(&mut cols);
        (cols, j, named)
    })
}

/// Most characters of a header word spread over its column.
const MAX_SPREAD_WORD: usize = 6;

/// The first characters of the header words [`header_col`] knows (序号, 指标, 主要指标, 单位,
/// 基期值, 现状, 目标值, 预期, 规划, 年均, 累计, 属性, 来源, 责任单位, 备注, 类别, 领域, 一级指标…).
const SPREAD_INITIALS: &str = "序编指主二属性单计基现完实目预规期年累增来责牵备类领一分维";

/// A cell of one Han character.
fn single_han(f: &[char], c: Cell) -> bool {
    c.end == c.start + 1 && crate::text::is_han(f[c.start])
}

/// A header word spread over single-character cells: its column, the cell it spans and how
/// many cells it took.
pub(super) type Spread = (Col, Cell, usize);

/// [`letter_spaced`] at every cell, found once for all the header searches of a text.
pub(super) fn spread_words(f: &[char], cells: &[Cell]) -> Vec<Option<Spread>> {
    (0..cells.len())
        .map(|j| single_han(f, cells[j]).then(|| letter_spaced(f, cells, j)).flatten())
        .collect()
}

/// The header word that the single-character cells from `j` on one line spell (指  标,
/// 属  性 spread over their columns by pdftotext `-layout`): its column, the cell it spans and
/// how many cells it took.
fn letter_spaced(f: &[char], cells: &[Cell], j: usize) -> Option<Spread> {
    let first = *cells.get(j)?;
    // Only a character a header word begins with can open one (a line of single characters
    // is otherwise tried at every cell of every header search).
    if !SPREAD_INITIALS.contains(f[first.start]) {
        return None;
    }
    let run = cells[j..]
        .iter()
        .take(MAX_SPREAD_WORD)
        .take_while(|c| c.line == first.line && single_han(f, **c))
        .count();
    // The shortest word first: 指 标 单 位 is 指标 and 单位, not the 指标单位 a unit column
    // could be read as.
    (2..=run).find_map(|n| {
        let word: String = cells[j..j + n].iter().map(|c| f[c.start]).collect();
        let merged = Cell {
            start: first.start,
            end: cells[j + n - 1].end,
            line: first.line,
        };
        header_col(&word).map(|col| (col, merged, n))
    })
}

/// A line right under a one-line header that holds only the years of its value columns
/// without one (基期值 / 目标值 above, （2020年） （2025年） below): fill them in order and
/// return the columns filled, in the line's order. A line of only the roles of its value
/// columns (2020 年 / 2025 年 above, (基期) (目标) below) sets their roles instead.
pub(super) fn years_below(f: &[char], line: &[Cell], cols: &mut [Col]) -> Option<Vec<usize>> {
    if let Some(filled) = roles_below(f, line, cols) {
        return Some(filled);
    }
    let years: Option<Vec<u16>> = line
        .iter()
        .map(|c| match header_col(&text_of(f, *c)) {
            Some(Col::Value {
                year: Some(y),
                role: Role::Year,
            }) => Some(y),
            _ => None,
        })
        .collect();
    let years = years.filter(|y| !y.is_empty())?;
    let mut open: Vec<(usize, &mut Option<u16>)> = cols
        .iter_mut()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Col::Value { year: y @ None, .. } => Some((i, y)),
            _ => None,
        })
        .collect();
    if open.len() != years.len() {
        return None;
    }
    for ((_, slot), y) in open.iter_mut().zip(years) {
        **slot = Some(y);
    }
    Some(open.into_iter().map(|(i, _)| i).collect())
}

/// The roles a line under the header gives its value columns, one cell each in order: (基期)
/// (目标), 现状 / 规划目标.
fn roles_below(f: &[char], line: &[Cell], cols: &mut [Col]) -> Option<Vec<usize>> {
    let roles: Option<Vec<Role>> = line
        .iter()
        .map(|c| match header_col(&text_of(f, *c)) {
            Some(Col::Value {
                year: None,
                role: r @ (Role::Base | Role::Target),
            }) => Some(r),
            _ => None,
        })
        .collect();
    let roles = roles.filter(|r| !r.is_empty() && r.contains(&Role::Target))?;
    let mut values: Vec<(usize, &mut Role)> = cols
        .iter_mut()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Col::Value { role, .. } => Some((i, role)),
            _ => None,
        })
        .collect();
    if values.len() != roles.len() {
        return None;
    }
    for ((_, slot), r) in values.iter_mut().zip(roles) {
        **slot = r;
    }
    Some(values.into_iter().map(|(i, _)| i).collect())
}

/// A header names the indicators and a value column.
fn complete(cols: &[Col]) -> bool {
    cols.iter().any(|c| matches!(c, Col::Name | Col::Category)) && cols.iter().any(|c| matches!(c, Col::Value { .. }))
}

/// Short words with no number and no sentence: what a header cell looks like.
fn header_like(t: &str) -> bool {
    t.chars().count() <= 10
        && !t
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '。' | '，' | ',' | '；' | '%'))
}

/// The year stated near a table's header (its title: `主要指标（2021—2025年）`, 截至2020年).
pub(super) fn title_year(f: &[char], from: usize, to: usize) -> Option<u16> {
    let s: String = f[from..to].iter().collect();
    // The nearest line first: the table's title (“十四五”时期主要指标) speaks for it, a
    // sentence further up (到2025年…。到2035年…) does not; long lines are prose, not titles.
    s.lines()
        .rev()
        .filter(|l| l.chars().nth(MAX_TITLE_CHARS).is_none())
        .find_map(line_year)
}

/// Longest line read as a table's title (chars).
const MAX_TITLE_CHARS: usize = 60;

/// The latest year a title line names, else the last year of the five-year plan it names.
fn line_year(line: &str) -> Option<u16> {
    let c: Vec<char> = line.chars().collect();
    (0..c.len().saturating_sub(3))
        .filter_map(|i| {
            let d = &c[i..i + 4];
            (d.iter().all(char::is_ascii_digit)
                && (i == 0 || !c[i - 1].is_ascii_digit())
                && !c.get(i + 4).is_some_and(char::is_ascii_digit))
            .then(|| d.iter().collect::<String>().parse::<u16>().ok())
            .flatten()
        })
        .filter(|y| (1990..2100).contains(y))
        .max()
        .or_else(|| {
            // “十四五”时期主要指标: the plan's last year.
            super::super::year::PLANS
                .iter()
                .filter(|(p, _)| line.contains(p))
                .map(|(_, y)| *y)
                .max()
        })
}
