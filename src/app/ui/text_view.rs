//! The text of the selected section (with its sub-sections), or of the whole document; or,
//! side by side, the whole text of every chosen document, one column each, where clicking a
//! section scrolls the other columns to their sections of the same domain.

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::app::theme;
use crate::app::ui::{indicator_view, marks};
use crate::model::{DocIx, Document, SecIx};

pub fn text_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    let (Some(doc_index), Some(doc)) = (state.selected_index(), state.selected_doc()) else {
        ui.label("No document loaded.");
        return out;
    };
    egui::ScrollArea::vertical()
        .id_salt(("text", &doc.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(theme::MAX_TEXT_WIDTH.min(ui.available_width()));
            if let Some(s) = state.selected_section() {
                let mut idx = vec![s];
                descendants(doc, s, &mut idx);
                for i in idx {
                    section_ui(ui, state, doc_index, i, &mut out);
                }
            } else {
                if let Some(t) = &doc.meta.title {
                    ui.heading(t);
                    ui.add_space(theme::GAP);
                }
                for i in SecIx::all(doc.sections.len()) {
                    section_ui(ui, state, doc_index, i, &mut out);
                }
            }
        });
    out
}

/// Every chosen document in full, one column each. Click a section's number: the other
/// columns scroll to their first section of the same domain (or say they have none).
pub fn columns_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    if state.chosen.is_empty() {
        ui.label("Choose documents in the bar above to read them side by side.");
        return out;
    }
    let dark = ui.visuals().dark_mode;
    ui.weak("Click a section's number: the other columns scroll to their sections of the same domain.");
    ui.columns(state.chosen.len(), |cols| {
        for (col, &d) in cols.iter_mut().zip(&state.chosen) {
            let doc = &state.docs[d];
            col.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(doc.display_name())
                        .strong()
                        .color(theme::doc_colour(d, dark)),
                )
                .on_hover_text(doc.meta.title.as_deref().unwrap_or(&doc.source));
                if state.sync_missing.contains(&d) {
                    ui.weak("— no section on this domain —");
                }
            });
            column_outline_ui(col, doc, d, &mut out);
            // Only the sections in view are laid out; going to a section (a click in another
            // column, or this column's outline) scrolls there even if it never was.
            let text = super::virtual_rows::TextHeight::new(col, col.available_width());
            let header = col.spacing().interact_size.y + col.spacing().item_spacing.y + theme::GAP * 0.5;
            let jump = state.sync.iter().find(|(sd, _)| *sd == d).map(|&(_, s)| s);
            col.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                super::virtual_rows::show(
                    ui,
                    ("doc_column", &doc.id),
                    (state.revision(), state.show_shared),
                    doc.sections.len(),
                    jump.map(SecIx::get),
                    |i| header + text.of(&doc.sections[i].text),
                    |ui, i| section_ui(ui, state, d, SecIx(i), &mut out),
                );
            });
        }
    });
    if !state.sync.is_empty() {
        out.push(Command::SyncDone);
    }
    out
}

/// A column's outline (parts and items, two levels): click to scroll that column there.
fn column_outline_ui(ui: &mut egui::Ui, doc: &Document, d: DocIx, out: &mut Vec<Command>) {
    egui::CollapsingHeader::new("Outline")
        .id_salt(("column_outline", &doc.id))
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(("column_outline_list", &doc.id))
                .max_height(220.0)
                .show(ui, |ui| {
                    for (i, s) in SecIx::all(doc.sections.len())
                        .zip(&doc.sections)
                        .filter(|(_, s)| s.level <= 2)
                    {
                        let title = if s.heading.is_empty() {
                            s.text.chars().take(14).collect()
                        } else {
                            s.heading.clone()
                        };
                        let label = format!(
                            "{}{} {title}",
                            "  ".repeat(usize::from(s.level.saturating_sub(1))),
                            s.path
                        );
                        if ui
                            .add(
                                egui::Label::new(egui::RichText::new(label).small())
                                    .truncate()
                                    .sense(egui::Sense::click()),
                            )
                            .clicked()
                        {
                            out.push(Command::ScrollColumn { doc: d, section: i });
                        }
                    }
                });
        });
}

fn descendants(doc: &Document, s: SecIx, out: &mut Vec<SecIx>) {
    for &c in &doc.sections[s].children {
        out.push(c);
        descendants(doc, c, out);
    }
}

fn section_ui(ui: &mut egui::Ui, state: &AppState, doc_index: DocIx, index: SecIx, out: &mut Vec<Command>) {
    let doc = &state.docs[doc_index];
    let s = &doc.sections[index];
    let dark = ui.visuals().dark_mode;
    ui.add_space(theme::GAP * 0.5);
    ui.horizontal_wrapped(|ui| {
        let number = if s.path == "preamble" {
            "前言".to_owned()
        } else {
            s.path.clone()
        };
        let mut number = egui::RichText::new(number).color(theme::accent(dark)).monospace();
        if state.sync_source == Some((doc_index, index)) {
            number = number.strong().underline();
        }
        let label = ui
            .add(egui::Label::new(number).sense(egui::Sense::click()))
            .on_hover_text("Scroll the other columns to this domain");
        if label.clicked() {
            out.push(Command::SyncSection {
                doc: doc_index,
                section: index,
            });
        }
        if !s.heading.is_empty() {
            ui.label(egui::RichText::new(&s.heading).strong());
        }
    });
    if !s.text.is_empty() {
        let targets = state.targets_in(doc_index, index);
        let shared = if state.show_shared {
            state.shared_in(doc_index, index)
        } else {
            &[]
        };
        let marks = marks::Marks {
            origin: s.text_range.start,
            targets,
            shared,
            ..Default::default()
        };
        let salt = ("text_body", doc_index, index);
        indicator_view::body_ui(ui, salt, &s.text, state.parts_in(doc_index, index), marks, dark);
    }
    if !s.units.is_empty() {
        ui.weak(format!("责任单位 {}", s.units.join("、")));
    }
}
