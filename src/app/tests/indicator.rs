//! An indicator table in a document is drawn as a table, in the Document view and in the
//! comparison's card: header cells and the target cell are cells of their own, the target cell
//! under its year's header, and its tooltip says what the targets panel says.

use egui_kittest::kittest::Queryable;

use super::{analysed, settle};
use crate::app::command::Command;

/// A plan written for this test: a sentence, then its indicator table (Markdown cells).
const PLAN: &str = "某县数字乡村建设行动方案（2024—2027年）\n一、发展目标\n到2027年，数字乡村建设取得明显成效。\n二、主要指标\n\
| 领域 | 指标名称 | 单位 | 2023年 | 2027年 | 属性 |\n|---|---|---|---|---|---|\n\
| 数字基础设施 | 行政村千兆光网通达率 | % | 61 | 97 | 预期性 |\n\
| 数字治理 | 村级事项网上可办率 | % | 45 | 88 | 约束性 |\n\
以上指标由县统计局负责核算。\n";

#[test]
fn an_indicator_table_is_drawn_as_a_table_with_its_target_cells_marked() {
    let mut h = analysed();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("county-plan.txt");
    std::fs::write(&path, PLAN).expect("write");
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, vec![Command::Import(vec![path])]);
    settle(&mut h);
    let last = crate::model::DocIx(h.state().state.docs.len() - 1);
    h.state_mut().apply(&ctx, vec![Command::SelectDocument(last)]);
    settle(&mut h);
    // The header's cells, each a cell of its own.
    for header in ["领域", "指标名称", "单位", "2023年", "2027年", "属性"] {
        assert!(h.query_by_label(header).is_some(), "header cell {header}");
    }
    // A row's cells, not the row's line as printed.
    assert!(h.query_by_label("行政村千兆光网通达率").is_some());
    assert!(h.query_all_by_label_contains("| 数字基础设施 |").next().is_none());
    // The target cells stand under the target year, the base values under the base year.
    let left = |label: &str| h.get_by_label(label).rect().left();
    for (cell, column) in [("97", "2027年"), ("88", "2027年"), ("61", "2023年"), ("45", "2023年")] {
        assert!((left(cell) - left(column)).abs() < 1.0, "{cell} under {column}");
    }
    assert!(left("97") > left("61"), "the target column after the base column");
    // The text around the table stays running text.
    assert!(h.query_by_label_contains("以上指标由县统计局负责核算").is_some());
    // Hovering a target cell tells what the targets panel shows: value, year, indicator.
    h.get_by_label("97").hover();
    h.run();
    assert!(
        h.query_by_label_contains("97 % · 2027 · 行政村千兆光网通达率")
            .is_some(),
        "the target's tooltip"
    );
    // In the comparison, its card draws the same table.
    let chosen = h.state().state.chosen.clone();
    let mut commands: Vec<Command> = chosen.into_iter().map(Command::ToggleChosen).collect();
    commands.extend([
        Command::ToggleChosen(last),
        Command::SetView(crate::app::state::View::Compare),
    ]);
    h.state_mut().apply(&ctx, commands);
    settle(&mut h);
    assert_eq!(h.state().state.chosen, [last]);
    for cell in ["指标名称", "2027年", "村级事项网上可办率", "88"] {
        assert!(h.query_by_label(cell).is_some(), "card cell {cell}");
    }
    let left = |label: &str| h.get_by_label(label).rect().left();
    assert!((left("88") - left("2027年")).abs() < 1.0, "88 under 2027年 in the card");
}
