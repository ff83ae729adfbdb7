//! Reading indicator tables in text form: layout, header, target column, rows.

use super::layout::header_col;
use super::*;

/// The targets of `s`, with their printed cell as `text`.
fn read_str(s: &str) -> Vec<Found> {
    let f: Vec<char> = s.chars().map(crate::text::fold_width_char).collect();
    let o: Vec<char> = s.chars().collect();
    read(&f, None)
        .targets
        .into_iter()
        .map(|t| Found {
            text: o[t.span.start..t.span.end].iter().collect(),
            ..t
        })
        .collect()
}

#[test]
fn header_columns() {
    assert_eq!(
        header_col("2025年"),
        Some(Col::Value {
            year: Some(2025),
            role: Role::Year
        })
    );
    assert_eq!(
        header_col("目标值（2025年）"),
        Some(Col::Value {
            year: Some(2025),
            role: Role::Target
        })
    );
    assert_eq!(header_col("指标名称"), Some(Col::Name));
    assert_eq!(header_col("属性"), Some(Col::Attribute));
    assert_eq!(header_col("到2025年，全市软件业务收入达到"), None);
}

fn cell_value(s: &str) -> Option<CellValue> {
    let f: Vec<char> = s.chars().collect();
    value_cell(
        &f,
        Cell {
            start: 0,
            end: f.len(),
            line: 0,
        },
    )
}

#[test]
fn value_cells() {
    let v = cell_value("≥50%").expect("value");
    assert_eq!(
        (v.value, v.unit.as_str(), v.comparator),
        (Some(50.0), "%", Comparator::AtLeast)
    );
    let v = cell_value("〔13.5〕").expect("value");
    assert!(v.cumulative && v.value == Some(13.5));
    assert_eq!(cell_value("6左右").map(|v| v.comparator), Some(Comparator::About));
    assert_eq!(cell_value("—").map(|v| v.value), Some(None));
    assert!(cell_value("完成").is_none());
    assert!(cell_value("2025年达到").is_none());
}

#[test]
fn a_piped_table_gives_the_target_column_only() {
    let t = read_str("指标 | 单位 | 2020年 | 2025年 | 属性\n绿色工厂数量 | 家 | 12 | 40 | 预期性\n");
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!((t[0].text.as_str(), t[0].value, t[0].unit.as_str()), ("40", 40.0, "家"));
    assert_eq!(t[0].year, Some(Deadline::Year(2025)));
    assert_eq!(
        t[0].baseline,
        Some(Baseline {
            value: 12.0,
            year: Some(2020)
        })
    );
    assert_eq!(t[0].attribute.as_deref(), Some("预期性"));
}

/// (printed cell, year) of each target.
fn printed(s: &str) -> Vec<(String, Option<Deadline>)> {
    read_str(s).into_iter().map(|t| (t.text, t.year)).collect()
}

#[test]
fn a_target_in_words_fills_its_column_and_a_bracketed_one_is_no_row_number() {
    // A cell per line: 指标 / 2020年 / 2025年 / 累计 / 属性. The first row's target is words,
    // the second's period cell is 〔1〕, which must not open a new row.
    let t = printed(
        "指标\n2020年\n2025年\n累计\n属性\n居民收入增长（%）\n6.1\n与经济增长基本同步\n—\n预期性\n\
         平均受教育年限（年）\n10.8\n11.3\n〔1〕\n约束性\n养老机构床位数（万张）\n2.1\n3\n—\n预期性\n",
    );
    let y = Some(Deadline::Year(2025));
    assert_eq!(t, vec![("11.3".to_owned(), y), ("3".to_owned(), y)]);
}

#[test]
fn a_spread_header_its_roles_below_and_wrapped_names_are_read() {
    // pdftotext -layout: 指 and 标 spread over their column, (基期) (目标) under the years,
    // a long name wrapped with its unit on the next line.
    let t = read_str(
        "  序号      指          标                        2022 年      2027 年      属  性\n\
         \x20                                               (基期)       (目标)\n\
         \x20  1      快递业务量                              3.2          6 以上       预期性\n\
         \x20            （亿件）\n\
         \x20  2      农村寄递物流服务                        85           100          约束性\n\
         \x20         行政村覆盖率（%）\n",
    );
    let got: Vec<(&str, f64, &str, Option<&str>)> = t
        .iter()
        .map(|t| (t.text.as_str(), t.value, t.unit.as_str(), t.metric.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("6 以上", 6e8, "件", Some("快递业务量")),
            ("100", 100.0, "%", Some("农村寄递物流服务行政村覆盖率")),
        ]
    );
    assert!(t.iter().all(|t| t.year == Some(Deadline::Year(2027))));
    assert_eq!(t[1].baseline.map(|b| (b.value, b.year)), Some((85.0, Some(2022))));
}

#[test]
fn an_explained_header_a_dash_as_one_and_damaged_brackets() {
    // A header explained in parentheses, `一` for a dash, `[2.5)` for 〔2.5〕 (a web page's
    // copy of a table, a cell per line closed by a bar).
    let t = printed(
        "指标 |\n2021年基期值(上一规划期末的实际数) |\n2026年目标值(规划期末应达到的水平) |\n五年累计(增量) |\n\
         林草覆盖率(%) |\n一 |\n45 |\n一 |\n湿地保护率(%) |\n52 |\n55 |\n[2.5) |\n",
    );
    let y = Some(Deadline::Year(2026));
    assert_eq!(t, vec![("45".to_owned(), y), ("55".to_owned(), y)]);
}

#[test]
fn a_table_on_its_side_gives_a_target_per_column() {
    let s = "主要指标 | 公共图书馆数 | 人均藏书量 | 文化产业增加值占比 |\n\
             2026年目标值 |\n\
             ≥12个 | 1.5册/人 | 6% |\n\
             属性 | 约束性 | 预期性 | 预期性 |\n\
             以上指标由市文旅局牵头统计。\n";
    let t = read_str(s);
    let got: Vec<String> = t
        .iter()
        .map(|t| {
            let (m, a) = (t.metric.as_deref(), t.attribute.as_deref());
            format!("{} {} {} {m:?} {a:?}", t.text, t.value, t.unit)
        })
        .collect();
    assert_eq!(
        got,
        [
            r#"≥12个 12 个 Some("公共图书馆数") Some("约束性")"#,
            r#"1.5册/人 1.5 册/人 Some("人均藏书量") Some("预期性")"#,
            r#"6% 6 % Some("文化产业增加值占比") Some("预期性")"#,
        ]
    );
    assert!(t.iter().all(|t| t.year == Some(Deadline::Year(2026)) && t.table));
    // A 目标值 header without a year: the title's year.
    let t = read_str("表3 2027年文化发展主要指标\n主要指标 | 公共图书馆数 | 博物馆数 |\n目标值 |\n12个 | 8个 |\n");
    assert_eq!(t.len(), 2, "{t:?}");
    assert!(t.iter().all(|t| t.year == Some(Deadline::Year(2027))), "{t:?}");
    // Names alone with no value row under them are no table.
    assert!(read_str("主要指标 | 公共图书馆数 | 人均藏书量 |\n下一步，我们将继续推进。\n").is_empty());
}

#[test]
fn spread_header_words_are_the_shortest_ones_and_bracketed_row_numbers_are_numbers() {
    // 指 标 and 单 位 side by side are two columns, not a 指标单位 unit column.
    let t = printed(
        "序号  指   标        单   位    2020年    2025年    属   性\n         1     城市绿地率      %          38        40        预期性\n",
    );
    assert_eq!(t, vec![("40".to_owned(), Some(Deadline::Year(2025)))]);
    // Row numbers in parentheses, a cell per line closed by bars: no row number is a value.
    let t = printed(
        "序号 |\n指标 |\n2020年 |\n2025年 |\n(1) |\n绿地率(%) |\n38 |\n40 |\n(2) |\n公园数(个) |\n12 |\n20 |\n",
    );
    let y = Some(Deadline::Year(2025));
    assert_eq!(t, vec![("40".to_owned(), y), ("20".to_owned(), y)]);
}

#[test]
fn a_row_of_its_own_with_a_unit_is_not_the_previous_name_wrapped() {
    let t = read_str("指标\t2020年\t2025年\n研发经费投入强度（%）\t2.1\t2.8\n每万人口高价值发明专利拥有量（件）\n");
    let metrics: Vec<Option<&str>> = t.iter().map(|t| t.metric.as_deref()).collect();
    assert_eq!(metrics, [Some("研发经费投入强度")], "{t:?}");
}
