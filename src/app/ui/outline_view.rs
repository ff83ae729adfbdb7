//! The outline of the selected document: numbers and headings, indented by level, with
//! collapsible parts.

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::app::theme;

pub fn outline_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    ui.heading("Outline");
    ui.add_space(4.0);
    if ui
        .selectable_label(state.selected_section().is_none(), "Whole document 全文")
        .clicked()
    {
        out.push(Command::SelectSection(None));
    }
    // Only the rows in view are laid out: an outline of thousands of articles scrolls as
    // fast as one of ten.
    let rows = state.outline_rows();
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("outline")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for row in &rows[range] {
                ui.horizontal(|ui| {
                    ui.set_height(row_height);
                    ui.add_space(row.depth as f32 * theme::INDENT);
                    if row.has_children {
                        let icon = if row.collapsed { "▶" } else { "▼" };
                        if ui.small_button(icon).on_hover_text("Collapse or expand").clicked() {
                            out.push(Command::ToggleCollapsed(row.section));
                        }
                    }
                    let selected = state.selected_section() == Some(row.section);
                    if ui.selectable_label(selected, &row.label).clicked() {
                        out.push(Command::SelectSection(Some(row.section)));
                    }
                });
            }
        });
    out
}
