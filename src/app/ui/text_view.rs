//! The text of the selected section (with its sub-sections), or of the whole document.

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::app::theme;
use crate::app::ui::marks;
use crate::model::{CharRange, Document};

pub fn text_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let Some(doc) = state.selected_doc() else {
        ui.label("No document loaded.");
        return Vec::new();
    };
    egui::ScrollArea::vertical()
        .id_salt(("text", &doc.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(theme::MAX_TEXT_WIDTH.min(ui.available_width()));
            match state.selected_section() {
                Some(s) => {
                    let mut idx = vec![s];
                    descendants(doc, s, &mut idx);
                    for i in idx {
                        section_ui(ui, state, i);
                    }
                }
                None => {
                    if let Some(t) = &doc.meta.title {
                        ui.heading(t);
                        ui.add_space(theme::GAP);
                    }
                    for i in 0..doc.sections.len() {
                        section_ui(ui, state, i);
                    }
                }
            }
        });
    Vec::new()
}

fn descendants(doc: &Document, s: usize, out: &mut Vec<usize>) {
    for &c in &doc.sections[s].children {
        out.push(c);
        descendants(doc, c, out);
    }
}

fn section_ui(ui: &mut egui::Ui, state: &AppState, index: usize) {
    let Some(doc_index) = state.selected_index() else {
        return;
    };
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
        ui.label(egui::RichText::new(number).color(theme::accent(dark)).monospace());
        if !s.heading.is_empty() {
            ui.label(egui::RichText::new(&s.heading).strong());
        }
    });
    if !s.text.is_empty() {
        let targets: Vec<CharRange> = state
            .analysis()
            .and_then(|a| a.targets.get(doc_index))
            .map(|ts| {
                ts.iter()
                    .filter(|t| t.section == s.id && t.field == crate::targets::Field::Text)
                    .map(|t| t.span)
                    .collect()
            })
            .unwrap_or_default();
        let shared = if state.show_shared {
            state.shared_in(doc_index, index)
        } else {
            &[]
        };
        ui.add(
            egui::Label::new(marks::marked(
                ui,
                &s.text,
                marks::Marks {
                    targets: &targets,
                    shared,
                    ..Default::default()
                },
                dark,
            ))
            .wrap(),
        );
    }
    if !s.units.is_empty() {
        ui.weak(format!("责任单位 {}", s.units.join("、")));
    }
}
