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
