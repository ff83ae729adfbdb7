//! The tables policy-tool studies publish, for the chosen documents: the policy-tool ×
//! domain cross-table (a chosen document's or pooled) and a chart of the tool groups per
//! document (stacked bars of item counts).

use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, Corner, Legend, Plot};

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::app::theme;
use crate::export::tables::Value;

pub fn tables_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    if state.analysis().is_none() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("analysing…");
        });
        return out;
    }
    let blocks = state.crosstab();
    let Some(pooled) = blocks.len().checked_sub(1) else {
        ui.label("Choose documents to compare (Library or the bar above): their tables show here.");
        return out;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("Cross-table of");
        if ui
            .selectable_label(state.tables_block.is_none(), "all chosen (pooled)")
            .clicked()
        {
            out.push(Command::SelectTablesBlock(None));
        }
        let dark = ui.visuals().dark_mode;
        for (k, g) in state.tool_groups().iter().enumerate() {
            let name = egui::RichText::new(state.docs[g.doc].display_name()).color(theme::doc_colour(g.doc, dark));
            let r = ui.selectable_label(state.tables_block == Some(k), name);
            let label = format!("Cross-table of {}", state.docs[g.doc].display_name());
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if r.clicked() {
                out.push(Command::SelectTablesBlock(Some(k)));
            }
        }
    });
    let block = &blocks[state.tables_block.filter(|&k| k < pooled).unwrap_or(pooled)];
    for line in &block.title {
        ui.label(egui::RichText::new(line).small());
    }
    let height = (ui.available_height() * 0.55).max(200.0);
    ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| crosstab_ui(ui, block));
    ui.separator();
    tool_chart_ui(ui, state);
    out
}

/// The block as a table: the tool column pinned at the left, the domains scrolling sideways.
fn crosstab_ui(ui: &mut egui::Ui, block: &crate::export::tables::Block) {
    // The first two header columns (group and tool ids) are for the files; the screen shows
    // the tool's name, then the counts.
    let shown: Vec<usize> = (2..block.header.len()).collect();
    egui::ScrollArea::horizontal().id_salt("crosstab_sideways").show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .id_salt("crosstab")
            .striped(true)
            .column(Column::exact(170.0));
        for _ in 1..shown.len() {
            table = table.column(Column::exact(74.0));
        }
        table
            .header(40.0, |mut header| {
                for &c in &shown {
                    header.col(|ui| {
                        ui.add(egui::Label::new(egui::RichText::new(&block.header[c]).small().strong()).wrap());
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, block.rows.len(), |mut row| {
                    let cells = &block.rows[row.index()];
                    let subtotal = matches!((cells.first(), cells.get(1)), (Some(Value::Text(g)), Some(Value::Text(id))) if !g.is_empty() && id.is_empty());
                    for &c in &shown {
                        row.col(|ui| {
                            let text = match &cells[c] {
                                Value::Count(0) => "·".to_owned(),
                                v => v.to_csv(),
                            };
                            let text = if subtotal { egui::RichText::new(text).strong() } else { egui::RichText::new(text) };
                            ui.add(egui::Label::new(text).truncate());
                        });
                    }
                });
            });
    });
}

/// Items per tool group, one stacked bar per chosen document.
fn tool_chart_ui(ui: &mut egui::Ui, state: &AppState) {
    let docs = state.tool_groups();
    let Some(first) = docs.first() else { return };
    ui.strong("政策工具分布 Policy-tool groups per document (items)");
    let names: Vec<String> = docs
        .iter()
        .map(|g| state.docs[g.doc].display_name().to_owned())
        .collect();
    let palette = [
        egui::Color32::from_rgb(0x2e, 0x6f, 0x9e),
        egui::Color32::from_rgb(0xd9, 0x8c, 0x2b),
        egui::Color32::from_rgb(0x4f, 0x9a, 0x5b),
        egui::Color32::from_rgb(0x9b, 0x59, 0xb6),
    ];
    let mut charts: Vec<BarChart> = Vec::new();
    for (g, (group, _)) in first.groups.iter().enumerate() {
        #[allow(clippy::cast_precision_loss, reason = "document positions and item counts are small")]
        let bars: Vec<Bar> = docs
            .iter()
            .enumerate()
            .map(|(x, d)| {
                let n = d.groups.get(g).map_or(0, |(_, n)| *n);
                Bar::new(x as f64, n as f64).width(0.6).name(&names[x])
            })
            .collect();
        let refs: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(group.clone(), bars)
            .color(palette[g % palette.len()])
            .stack_on(&refs);
        charts.push(chart);
    }
    Plot::new("tool_groups_chart")
        .legend(Legend::default().position(Corner::RightTop))
        .height(ui.available_height().max(160.0))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_x(false)
        .y_axis_label("items 条")
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a bar's position"
            )]
            let name = if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            };
            name
        })
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
        });
}
