//! The chosen documents side by side, one column each, domain by domain. Targets are
//! highlighted in the text and listed with their normalised values; an empty cell says so.

use crate::app::command::Command;
use crate::app::state::{AppState, Card};
use crate::app::theme;
use crate::app::ui::marks;

pub fn compare_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    if let Some(why) = state.analysis_error() {
        ui.colored_label(ui.visuals().error_fg_color, why);
        return out;
    }
    if state.analysis().is_none() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Aligning the documents…");
        });
        return out;
    }
    if state.chosen.is_empty() {
        ui.label("Choose documents to compare in the bar above.");
        return out;
    }
    let dark = ui.visuals().dark_mode;
    search_bar_ui(ui, state, &mut out);
    // Column headers.
    let n = state.chosen.len();
    ui.columns(n, |cols| {
        for (k, (col, &d)) in cols.iter_mut().zip(&state.chosen).enumerate() {
            let doc = &state.docs[d];
            let title = doc.meta.title.as_deref().unwrap_or(&doc.source);
            let short: String = title.chars().take(18).collect();
            let ellipsis = if title.chars().count() > 18 { "…" } else { "" };
            col.horizontal(|ui| {
                if k > 0
                    && ui
                        .small_button("←")
                        .on_hover_text(format!("Move {} left", doc.display_name()))
                        .clicked()
                {
                    out.push(Command::MoveColumn { from: k, to: k - 1 });
                }
                if k + 1 < n
                    && ui
                        .small_button("→")
                        .on_hover_text(format!("Move {} right", doc.display_name()))
                        .clicked()
                {
                    out.push(Command::MoveColumn { from: k, to: k + 1 });
                }
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(format!("{} · {short}{ellipsis}", doc.display_name()))
                            .strong()
                            .color(theme::doc_colour(d, dark)),
                    )
                    .truncate(),
                )
                .on_hover_text(title);
            });
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("compare")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, row) in state.compare_rows() {
                let header = ui
                    .add(egui::Label::new(egui::RichText::new(&row.title).heading()).wrap())
                    .on_hover_text(&row.description);
                if state.jump_to_row == Some(i) {
                    header.scroll_to_me(Some(egui::Align::TOP));
                    out.push(Command::JumpToRow(None));
                }
                ui.columns(row.cells.len(), |cols| {
                    for (col, cell) in cols.iter_mut().zip(&row.cells) {
                        if cell.is_empty() {
                            col.weak("— no section on this domain —");
                        }
                        for card in cell {
                            card_ui(col, state, card, dark, &mut out);
                        }
                    }
                });
                ui.add_space(theme::GAP);
                ui.separator();
            }
        });
    out
}

fn card_ui(ui: &mut egui::Ui, state: &AppState, card: &Card, dark: bool, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        super::basket_view::basket_checkbox(ui, state, card.doc, card.section, out);
        let path = ui.add(
            egui::Label::new(egui::RichText::new(&card.path).monospace().color(theme::accent(dark)))
                .sense(egui::Sense::click()),
        );
        let path = path.on_hover_text("Click: show in document · right-click: copy, move to another domain");
        if path.clicked() {
            out.push(Command::ShowSection {
                doc: card.doc,
                section: card.section,
            });
        }
        path.context_menu(|ui| section_menu_ui(ui, state, card, out));
        if !card.heading.is_empty() {
            ui.label(egui::RichText::new(&card.heading).strong());
        }
        if let Some(sim) = card.similarity {
            ui.weak(format!("≈{:.0}%", sim * 100.0))
                .on_hover_text("Similarity to the closest section of the neighbouring column");
        }
    });
    let targets: Vec<crate::model::CharRange> = card.targets.iter().map(|(r, _)| *r).collect();
    let shared: &[(crate::model::CharRange, usize)] = if state.show_shared { &card.shared } else { &[] };
    let current = state
        .current_hit()
        .filter(|h| h.doc == card.doc && h.section == card.section)
        .map(|h| h.range);
    let marks = marks::Marks {
        targets: &targets,
        shared,
        hits: &card.hits,
        current,
    };
    // `ui.columns` lays out justified; stretched CJK lines read badly, so the body is not.
    let job = marks::marked(ui, &card.text, marks, dark);
    let body = ui
        .with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
            ui.add(egui::Label::new(job).wrap())
        })
        .inner;
    if !card.targets.is_empty() {
        let lines: Vec<&str> = card.targets.iter().map(|(_, t)| t.as_str()).collect();
        body.on_hover_text(lines.join("\n"));
    }
    if let Some(note) = &card.note {
        super::project_view::note_line_ui(ui, note, card.doc, card.section, out);
    }
    ui.add_space(theme::GAP * 0.5);
}

/// Copy, cite, move to another domain, open in the document.
fn section_menu_ui(ui: &mut egui::Ui, state: &AppState, card: &Card, out: &mut Vec<Command>) {
    let (doc, section) = (card.doc, card.section);
    if ui.button("Copy text").clicked() {
        out.push(Command::Copy {
            doc,
            section,
            cite: false,
        });
        ui.close();
    }
    let note = if card.note.is_some() { "Edit note…" } else { "Note…" };
    if ui.button(note).clicked() {
        out.push(Command::EditNote(Some((card.doc, card.section))));
        ui.close();
    }
    if ui.button("Copy with citation").clicked() {
        out.push(Command::Copy {
            doc,
            section,
            cite: true,
        });
        ui.close();
    }
    ui.menu_button("Move to domain…", |ui| {
        let current = state.category_of(doc, section);
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            for (c, name) in state.categories() {
                if ui.selectable_label(current == Some(c), name).clicked() {
                    out.push(Command::MoveSection {
                        doc,
                        section,
                        category: Some(c),
                    });
                    ui.close();
                }
            }
            if ui.selectable_label(current.is_none(), "No category 未归类").clicked() {
                out.push(Command::MoveSection {
                    doc,
                    section,
                    category: None,
                });
                ui.close();
            }
        });
    });
    let in_basket = state.in_basket(doc, section);
    if ui
        .button(if in_basket {
            "Remove from basket"
        } else {
            "Add to basket"
        })
        .clicked()
    {
        out.push(Command::ToggleBasket { doc, section });
        ui.close();
    }
    if ui.button("Show in document").clicked() {
        out.push(Command::ShowSection { doc, section });
        ui.close();
    }
}

/// The search field over the chosen documents (Ctrl+F), its count and next/previous.
fn search_bar_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let hint = "Search the chosen documents (Ctrl+F)";
        let (field, edited) = super::text_field(ui, &state.search, "Search", hint, 280.0);
        if state.focus_search {
            field.request_focus();
            out.push(Command::FocusSearch(false));
        }
        if let Some(query) = edited {
            out.push(Command::SetSearch(query));
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            out.push(Command::SearchStep(!back));
            field.request_focus();
        }
        let n = state.search_hits().len();
        if !state.search.trim().is_empty() {
            let count = if n == 0 {
                "no match".to_owned()
            } else {
                format!("{} / {n}", state.search_current + 1)
            };
            ui.label(count);
            if ui
                .add_enabled(n > 0, egui::Button::new("↑"))
                .on_hover_text("Previous match (Shift+Enter)")
                .clicked()
            {
                out.push(Command::SearchStep(false));
            }
            if ui
                .add_enabled(n > 0, egui::Button::new("↓"))
                .on_hover_text("Next match (Enter)")
                .clicked()
            {
                out.push(Command::SearchStep(true));
            }
            if ui.button("Clear").clicked() {
                out.push(Command::SetSearch(String::new()));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Order by date")
                .on_hover_text("Columns from the earliest document to the latest")
                .clicked()
            {
                out.push(Command::ColumnsByDate);
            }
        });
    });
}
