//! A section's body as the reading views draw it: running text with its marks, and each
//! indicator table in it as a table — header row, columns aligned, the target cells marked as
//! targets are in running text (hover: what the targets panel says), the base-year column
//! muted. The cutting and the cells come made from the state (`state::indicator`).

use crate::app::state::indicator::{Part, ShownCell, ShownTable};
use crate::app::theme;
use crate::app::ui::marks;
use crate::targets::{CellKind, ColumnKind};

/// Draw `text` (a section's text) with its marks; where `parts` cut it, its tables as
/// tables (`salt` tells the tables of this body from others'). Returns the responses of the
/// running-text labels (for their tooltips).
pub fn body_ui(
    ui: &mut egui::Ui,
    salt: (&'static str, crate::model::DocIx, crate::model::SecIx),
    text: &str,
    parts: Option<&[Part]>,
    marks: marks::Marks<'_>,
    dark: bool,
) -> Vec<egui::Response> {
    let Some(parts) = parts else {
        let job = marks::marked(ui, text, marks, dark);
        return vec![ui.add(egui::Label::new(job).wrap())];
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        match part {
            Part::Text(range) => {
                let job = marks::marked_part(ui, &chars, *range, marks, dark);
                out.push(ui.add(egui::Label::new(job).wrap()));
            }
            Part::Table(table) => table_ui(ui, (salt, k), table, dark),
        }
    }
    out
}

/// One indicator table: a grid in a frame, scrolling sideways when wider than its column.
fn table_ui(
    ui: &mut egui::Ui,
    salt: ((&'static str, crate::model::DocIx, crate::model::SecIx), usize),
    table: &ShownTable,
    dark: bool,
) {
    ui.add_space(theme::GAP * 0.5);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::horizontal().id_salt((salt, "scroll")).show(ui, |ui| {
            egui::Grid::new((salt, "grid"))
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    for (c, h) in table.header.iter().enumerate() {
                        let mut head = egui::RichText::new(h).strong();
                        match table.columns.get(c) {
                            Some(ColumnKind::Base) => head = head.color(ui.visuals().weak_text_color()),
                            Some(ColumnKind::Target) => head = head.color(theme::target_colour(dark)),
                            _ => {}
                        }
                        ui.label(head);
                    }
                    ui.end_row();
                    for row in &table.rows {
                        for (c, cell) in row.cells.iter().enumerate() {
                            if row.spanning && c > 0 {
                                ui.label("");
                            } else {
                                cell_ui(ui, table.columns.get(c).copied(), cell, row.spanning, dark);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    });
    ui.add_space(theme::GAP * 0.5);
}

fn cell_ui(ui: &mut egui::Ui, column: Option<ColumnKind>, cell: &ShownCell, spanning: bool, dark: bool) {
    let mut text = egui::RichText::new(&cell.text);
    if spanning {
        text = text.strong();
    }
    match (cell.kind, column) {
        (Some(CellKind::Target), _) => {
            let colour = theme::target_colour(dark);
            text = text.color(colour).underline();
        }
        (Some(CellKind::Baseline), _) | (_, Some(ColumnKind::Base)) => {
            text = text.color(ui.visuals().weak_text_color()).italics();
        }
        _ => {}
    }
    let label = ui.label(text);
    if let Some(tip) = &cell.tip {
        label.on_hover_text(tip);
    }
}
