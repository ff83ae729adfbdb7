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
    chart_ui(ui, state, &mut out);
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

/// The chart chosen (tool groups per document, domain coverage, deadlines), drawn from the
/// same data the SVG and PNG files are written from; buttons to save it.
fn chart_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Command>) {
    use crate::export::chart::{Image, Kind};
    ui.horizontal_wrapped(|ui| {
        ui.label("Chart");
        for k in Kind::ALL {
            if ui.selectable_label(state.tables_chart == k, k.name()).clicked() {
                out.push(Command::SetChart(k));
            }
        }
        ui.separator();
        let can = state.chart().is_some_and(|c| !c.is_empty());
        for (image, label) in [(Image::Png, "Save PNG…"), (Image::Svg, "Save SVG…")] {
            if ui
                .add_enabled(can, egui::Button::new(label))
                .on_hover_text("At print resolution (PNG 300 dpi), titles and names in Chinese")
                .clicked()
            {
                out.push(Command::SaveChart { image, path: None });
            }
        }
    });
    let Some(c) = state.chart() else { return };
    if c.is_empty() {
        ui.weak("Nothing to count for the chosen documents.");
        return;
    }
    ui.strong(&c.title);
    plot_ui(ui, c, state.tables_chart.id());
}

/// The chart's layers as `egui_plot` bar charts, each stacked on the ones below.
fn layers(c: &crate::export::chart::Chart) -> Vec<BarChart> {
    let mut charts: Vec<BarChart> = Vec::new();
    for (l, layer) in c.layers.iter().enumerate() {
        let [r, g, b] = crate::export::chart::colour(c, l);
        #[allow(clippy::cast_precision_loss, reason = "a bar's position")]
        let bars: Vec<Bar> = layer
            .values
            .iter()
            .enumerate()
            .map(|(x, &v)| {
                // Horizontal bars run top to bottom in the chart's order.
                let at = if c.horizontal {
                    (c.bars.len() - 1 - x) as f64
                } else {
                    x as f64
                };
                Bar::new(at, v).width(0.6).name(&c.bars[x])
            })
            .collect();
        let refs: Vec<&BarChart> = charts.iter().collect();
        let mut chart = BarChart::new(layer.name.clone(), bars)
            .color(egui::Color32::from_rgb(r, g, b))
            .stack_on(&refs);
        if c.horizontal {
            chart = chart.horizontal();
        }
        charts.push(chart);
    }
    charts
}

/// The chart drawn: its bars named on their axis, the legend in the layers' order.
fn plot_ui(ui: &mut egui::Ui, c: &crate::export::chart::Chart, id: &str) {
    let charts = layers(c);
    let names = c.bars.clone();
    let horizontal = c.horizontal;
    let name_of = move |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
        let i = mark.value.round();
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a bar's position"
        )]
        let k = i as usize;
        if (mark.value - i).abs() > 1e-6 || i < 0.0 || k >= names.len() {
            return String::new();
        }
        names[if horizontal { names.len() - 1 - k } else { k }].clone()
    };
    // Every bar gets its name: a grid mark at each bar position.
    let every_bar = || egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]);
    // Sideways bars get room enough for each name (the view scrolls when they need more).
    #[allow(clippy::cast_precision_loss, reason = "a few dozen bars")]
    let height = if horizontal {
        (c.bars.len() as f32 * 22.0 + 60.0).max(ui.available_height())
    } else {
        ui.available_height().max(160.0)
    };
    let mut plot = Plot::new(("chart", id))
        .legend(
            Legend::default()
                .position(Corner::RightTop)
                .follow_insertion_order(true),
        )
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false);
    plot = if horizontal {
        plot.show_y(false)
            .y_axis_formatter(name_of)
            .y_grid_spacer(every_bar())
            .x_axis_label(c.unit.clone())
            .y_axis_min_width(150.0)
    } else {
        plot.show_x(false)
            .x_axis_formatter(name_of)
            .x_grid_spacer(every_bar())
            .y_axis_label(c.unit.clone())
    };
    egui::ScrollArea::vertical().id_salt("chart_scroll").show(ui, |ui| {
        plot.show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
        });
    });
}
