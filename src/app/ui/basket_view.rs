//! The basket panel (the passages collected for export, in order) and the export controls:
//! format, path field with Browse…, Export, and the question before replacing a file.

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::app::theme;
use crate::export::Format;
use crate::model::{DocIx, SecIx};

/// The tick box that puts a section into the basket, labelled for screen readers and tests
/// as "Basket: <document> <path>".
pub fn basket_checkbox(ui: &mut egui::Ui, state: &AppState, doc: DocIx, section: SecIx, out: &mut Vec<Command>) {
    let mut on = state.in_basket(doc, section);
    let label = format!(
        "Basket: {} {}",
        state.docs[doc].display_name(),
        state.docs[doc].sections[section].path
    );
    let response = ui
        .add(egui::Checkbox::without_text(&mut on))
        .on_hover_text("Add to the basket for export (Ctrl+B shows the basket)");
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, &label));
    if response.changed() {
        out.push(Command::ToggleBasket { doc, section });
    }
}

pub fn basket_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.heading(format!("Basket ({})", state.basket.len()));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if state.basket.can_undo() && ui.button("Undo").on_hover_text("Bring back what was removed").clicked() {
                out.push(Command::UndoBasket);
            }
            if !state.basket.is_empty() && ui.button("Clear").clicked() {
                out.push(Command::ClearBasket);
            }
        });
    });
    if state.basket.is_empty() {
        ui.weak("Tick the box beside a section in the Compare view to collect it here.");
    }
    let n = state.basket.len();
    egui::ScrollArea::vertical()
        .id_salt("basket_items")
        .max_height((ui.available_height() - 150.0).max(120.0))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (i, item) in state.basket.items().iter().enumerate() {
                let (doc, section) = state.resolve(item).unzip();
                ui.horizontal(|ui| {
                    if ui.small_button("↑").on_hover_text("Move up").clicked() && i > 0 {
                        out.push(Command::MoveBasketItem { from: i, to: i - 1 });
                    }
                    if ui.small_button("↓").on_hover_text("Move down").clicked() && i + 1 < n {
                        out.push(Command::MoveBasketItem { from: i, to: i + 1 });
                    }
                    if ui.small_button("×").on_hover_text("Remove from the basket").clicked() {
                        out.push(Command::RemoveBasketItem(i));
                    }
                    match (doc, section) {
                        (Some(d), Some(s)) => {
                            let sec = &state.docs[d].sections[s];
                            ui.label(
                                egui::RichText::new(state.docs[d].display_name()).color(theme::doc_colour(d, dark)),
                            );
                            let path = ui.add(
                                egui::Label::new(egui::RichText::new(&sec.path).monospace().color(theme::accent(dark)))
                                    .sense(egui::Sense::click()),
                            );
                            if path.on_hover_text("Show in document").clicked() {
                                out.push(Command::ShowSection { doc: d, section: s });
                            }
                            let title = if sec.heading.is_empty() {
                                sec.text.chars().take(20).collect()
                            } else {
                                sec.heading.clone()
                            };
                            ui.add(egui::Label::new(title).truncate());
                        }
                        _ => {
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                format!("{} in a document not loaded now", item.section),
                            );
                        }
                    }
                });
            }
        });
    ui.separator();
    export_controls_ui(ui, state, &mut out);
    out
}

fn export_controls_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui.label("Format");
        let combo = egui::ComboBox::from_id_salt("export_format")
            .selected_text(state.export_format.extension())
            .show_ui(ui, |ui| {
                for f in Format::ALL {
                    if ui.selectable_label(state.export_format == f, f.extension()).clicked() {
                        out.push(Command::SetExportFormat(f));
                    }
                }
            });
        let _ = combo.response.labelled_by(label.id);
    });
    let (browse, _, edited) =
        super::field_with_button(ui, (&state.export_path, "Export path", "file to export to"), |ui| {
            ui.button("Browse…").on_hover_text("Choose the file in a dialog")
        });
    if let Some(path) = edited {
        out.push(Command::SetExportPath(path));
    }
    if browse.clicked() {
        out.push(Command::BrowseExportPath);
    }
    let enabled = !state.basket.is_empty() && state.analysis().is_some() && !state.exporting();
    if ui
        .add_enabled(
            enabled,
            egui::Button::new(format!("Export {} passages", state.basket.len())),
        )
        .on_hover_text("Writes the passages with document, section path, domain, targets and citation")
        .clicked()
    {
        out.push(Command::Export { replace: false });
    }
}

/// Ask before replacing an existing file.
#[must_use]
pub fn confirm_replace_ui(ctx: &egui::Context, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    let Some(path) = &state.confirm_replace else { return out };
    egui::Modal::new(egui::Id::unique("confirm_replace")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Replace the file?");
        ui.label(format!("{} exists. Replace it with this export?", path.display()));
        ui.add_space(theme::GAP);
        ui.horizontal(|ui| {
            if ui.button("Replace").clicked() {
                out.push(Command::Export { replace: true });
            }
            if ui.button("Cancel").clicked() {
                out.push(Command::CancelExport);
            }
        });
    });
    out
}
