//! Every target of the chosen documents in one sortable table; a click opens its section.

use egui_extras::{Column, TableBuilder};

use crate::app::command::Command;
use crate::app::state::{AppState, TargetColumn};

pub fn targets_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    if state.analysis().is_none() {
        ui.spinner();
        return out;
    }
    ui.horizontal(|ui| {
        let hint = "Filter: 2025 亿元 上云 …";
        if let (_, Some(filter)) = crate::app::ui::text_field(ui, &state.target_filter, "Filter targets", hint, 240.0) {
            out.push(Command::SetTargetFilter(filter));
        }
        ui.label(format!(
            "{} of {} targets in {} documents — click a header to sort, a row to open its section",
            state.visible_target_rows().len(),
            state.target_rows().len(),
            state.chosen.len()
        ));
    });
    let headers = [
        ("Document", Some(TargetColumn::Document)),
        ("Domain", Some(TargetColumn::Domain)),
        ("Metric", Some(TargetColumn::Metric)),
        ("Value", Some(TargetColumn::Value)),
        ("Year", Some(TargetColumn::Year)),
        ("As printed", None),
    ];
    TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .column(Column::initial(120.0))
        .column(Column::initial(150.0))
        // The metric takes the width the window has; what was printed is short.
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::initial(190.0))
        .column(Column::initial(60.0))
        .column(Column::initial(240.0).clip(true))
        .header(24.0, |mut header| {
            for (name, col) in headers {
                header.col(|ui| {
                    let arrow = match col {
                        Some(c) if state.target_sort.0 == c => {
                            if state.target_sort.1 {
                                " ▲"
                            } else {
                                " ▼"
                            }
                        }
                        _ => "",
                    };
                    let label = format!("{name}{arrow}");
                    match col {
                        Some(c) => {
                            if ui.button(label).clicked() {
                                out.push(Command::SortTargets(c));
                            }
                        }
                        None => {
                            ui.strong(label);
                        }
                    }
                });
            }
        })
        .body(|body| {
            let rows: Vec<&crate::app::state::TargetRow> = state.visible_target_rows().collect();
            body.rows(22.0, rows.len(), |mut row| {
                let r = rows[row.index()];
                for cell in [&r.document, &r.domain, &r.metric, &r.shown_value, &r.year, &r.text] {
                    row.col(|ui| {
                        ui.add(egui::Label::new(cell.as_str()).truncate());
                    });
                }
                if row.response().clicked() {
                    out.push(Command::ShowSection {
                        doc: r.doc,
                        section: r.section,
                    });
                }
            });
        });
    out
}
