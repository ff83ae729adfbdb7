//! The panels. Each `*_ui` function draws from read-only state and returns commands.

pub mod doc_list;
pub mod outline_view;
pub mod text_view;

use super::command::Command;
use super::settings::Settings;
use super::state::AppState;

/// Keyboard shortcuts that are not tied to one widget: Up/Down (with Alt) move between
/// documents. Zoom (Ctrl+= / Ctrl+- / Ctrl+0) is egui's own.
pub fn keyboard(ctx: &egui::Context, state: &AppState) -> Vec<Command> {
    let (up, down) = ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowUp),
            i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowDown),
        )
    });
    let n = state.docs.len();
    match (state.selected_index(), up, down) {
        (Some(i), true, _) if i > 0 => vec![Command::SelectDocument(i - 1)],
        (Some(i), _, true) if i + 1 < n => vec![Command::SelectDocument(i + 1)],
        _ => Vec::new(),
    }
}

pub fn top_bar_ui(ui: &mut egui::Ui, settings: &Settings) -> Vec<Command> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.strong("duizhao 对照");
        ui.separator();
        ui.weak("Alt+↑/↓ documents · Ctrl+= / Ctrl+- zoom");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let label = if settings.dark { "Light theme" } else { "Dark theme" };
            if ui.button(label).clicked() {
                out.push(Command::ToggleTheme);
            }
        });
    });
    out
}

pub fn status_bar_ui(ui: &mut egui::Ui, state: &AppState) {
    ui.horizontal(|ui| {
        let sections: usize = state.docs.iter().map(|d| d.sections.len()).sum();
        ui.small(format!("{} documents · {} sections", state.docs.len(), sections));
        if let Some(d) = state.selected_doc() {
            ui.separator();
            ui.small(format!(
                "{}: {} sections, {} chars, {}",
                d.display_name(),
                d.sections.len(),
                d.text.chars().count(),
                encoding_name(d)
            ));
        }
    });
}

fn encoding_name(d: &crate::model::Document) -> String {
    serde_json::to_value(d.encoding)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
