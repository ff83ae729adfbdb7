//! The panels. Each `*_ui` function draws from read-only state and returns commands.

pub mod basket_view;
pub mod compare_view;
pub mod doc_list;
pub mod domain_nav;
pub mod grid;
pub mod indicator_view;
pub mod library_view;
pub mod marks;
pub mod outline_view;
pub mod project_view;
pub mod reuse_view;
pub mod tables_view;
pub mod targets_view;
pub mod text_view;
pub mod timeline_view;
pub mod virtual_rows;

use super::command::Command;
use super::state::{AppState, View};
use crate::model::DocIx;

/// Keyboard shortcuts that are not tied to one widget: Ctrl+1…5 and Ctrl+L switch views, Ctrl+U
/// underlays shared passages, Ctrl+B shows the basket, Ctrl+O imports, Ctrl+S / Ctrl+Shift+S save the project (as), Ctrl+Shift+O opens one, Ctrl+F searches, Alt+Up/Down
/// move between documents. Zoom (Ctrl+= / Ctrl+- / Ctrl+0) is egui's own.
#[must_use]
pub fn keyboard(ctx: &egui::Context, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for (key, view) in [
            (egui::Key::Num1, View::Document),
            (egui::Key::Num2, View::Compare),
            (egui::Key::Num3, View::Targets),
            (egui::Key::Num4, View::Reuse),
            (egui::Key::L, View::Library),
            (egui::Key::Num5, View::Tables),
        ] {
            if i.consume_key(egui::Modifiers::COMMAND, key) {
                out.push(Command::SetView(view));
            }
        }
        if i.consume_key(egui::Modifiers::COMMAND, egui::Key::F) {
            out.push(Command::FocusSearch(true));
        }
        if i.consume_key(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::O) {
            out.push(Command::BrowseOpenProject);
        } else if i.consume_key(egui::Modifiers::COMMAND, egui::Key::O) {
            out.push(Command::BrowseImport);
        }
        if i.consume_key(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::S) {
            out.push(Command::SaveProjectAs(None));
        } else if i.consume_key(egui::Modifiers::COMMAND, egui::Key::S) {
            out.push(Command::SaveProject);
        }
        if i.consume_key(egui::Modifiers::COMMAND, egui::Key::B) {
            out.push(Command::ToggleBasketPanel);
        }
        if i.consume_key(egui::Modifiers::COMMAND, egui::Key::U) {
            out.push(Command::ToggleShared);
        }
        if i.consume_key(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z) {
            out.push(Command::Redo);
        } else if i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z) {
            out.push(Command::Undo);
        }
        let n = state.docs.len();
        if let Some(s) = state.selected_index() {
            if i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowUp) && s.get() > 0 {
                out.push(Command::SelectDocument(DocIx(s.get() - 1)));
            }
            if i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowDown) && s.get() + 1 < n {
                out.push(Command::SelectDocument(DocIx(s.get() + 1)));
            }
        }
    });
    out
}

pub fn top_bar_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.strong("duizhao 对照");
        out.extend(project_view::project_menu_ui(ui, state));
        ui.separator();
        for (view, name, key) in [
            (View::Document, "Document", "Ctrl+1"),
            (View::Compare, "Compare", "Ctrl+2"),
            (View::Targets, "Targets", "Ctrl+3"),
            (View::Reuse, "Reuse", "Ctrl+4"),
            (View::Tables, "Tables", "Ctrl+5"),
            (View::Library, "Library", "Ctrl+L"),
        ] {
            if ui
                .selectable_label(state.view == view, name)
                .on_hover_text(key)
                .clicked()
            {
                out.push(Command::SetView(view));
            }
        }
        ui.separator();
        if ui
            .selectable_label(state.show_shared, "Shared passages")
            .on_hover_text("Underlay wording shared with another document, in that document's colour (Ctrl+U)")
            .clicked()
        {
            out.push(Command::ToggleShared);
        }
        if state.view == View::Document
            && ui
                .selectable_label(state.side_by_side, "Side by side")
                .on_hover_text("Read the chosen documents in full, one column each")
                .clicked()
        {
            out.push(Command::ToggleSideBySide);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let label = if state.dark { "Light theme" } else { "Dark theme" };
            if ui.button(label).clicked() {
                out.push(Command::ToggleTheme);
            }
            if ui
                .selectable_label(state.show_basket, format!("Basket ({})", state.basket.len()))
                .on_hover_text("The passages collected for export (Ctrl+B)")
                .clicked()
            {
                out.push(Command::ToggleBasketPanel);
            }
        });
    });
    if state.view != View::Document || state.side_by_side {
        // On a line of their own, wrapping: never off the window's edge.
        ui.horizontal_wrapped(|ui| document_chips_ui(ui, state, &mut out));
    }
    out
}

/// Which documents are compared. A few documents: one toggle each. A library: the chosen
/// ones as toggles, and a list of all (one row each) to choose from.
fn document_chips_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Command>) {
    /// Up to this many documents, every one has its toggle in the bar.
    const ALL_INLINE: usize = 12;
    let dark = ui.visuals().dark_mode;
    let many = state.docs.len() > ALL_INLINE;
    let chip = |ui: &mut egui::Ui, i: DocIx, out: &mut Vec<Command>| {
        let d = &state.docs[i];
        let mut on = state.chosen.contains(&i);
        let text = egui::RichText::new(d.display_name()).color(super::theme::doc_colour(i, dark));
        let hover = format!(
            "{}\n{}",
            d.meta.title.as_deref().unwrap_or(&d.source),
            d.meta.issuer.as_deref().unwrap_or("")
        );
        if ui.toggle_value(&mut on, text).on_hover_text(hover).clicked() {
            out.push(Command::ToggleChosen(i));
        }
    };
    if many {
        ui.menu_button(
            format!("Compare {} of {} ▼", state.chosen.len(), state.docs.len()),
            |ui| {
                // Pages of thirty rather than a scrolled list: a page fits any window.
                const PAGE: usize = 30;
                let id = ui.scope_id().with("compare_choice_page");
                let pages = state.docs.len().div_ceil(PAGE);
                let mut page: usize = ui.data(|d| d.get_temp(id)).unwrap_or(0).min(pages - 1);
                if pages > 1 {
                    ui.horizontal(|ui| {
                        if ui.add_enabled(page > 0, egui::Button::new("←")).clicked() {
                            page -= 1;
                        }
                        ui.label(format!(
                            "{}–{} of {}",
                            page * PAGE + 1,
                            ((page + 1) * PAGE).min(state.docs.len()),
                            state.docs.len()
                        ));
                        if ui.add_enabled(page + 1 < pages, egui::Button::new("→")).clicked() {
                            page += 1;
                        }
                    });
                    ui.data_mut(|d| d.insert_temp(id, page));
                }
                for i in (page * PAGE..((page + 1) * PAGE).min(state.docs.len())).map(DocIx) {
                    let mut on = state.chosen.contains(&i);
                    if ui.checkbox(&mut on, state.docs[i].display_name()).clicked() {
                        out.push(Command::ToggleChosen(i));
                    }
                }
            },
        );
    }
    if many {
        for &i in &state.chosen {
            chip(ui, i, out);
        }
    } else {
        for i in DocIx::all(state.docs.len()) {
            chip(ui, i, out);
        }
    }
}

pub fn status_bar_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        if let Some((read, total)) = state.importing() {
            ui.add(
                egui::ProgressBar::new(if total == 0 { 0.0 } else { read as f32 / total as f32 })
                    .desired_width(160.0)
                    .text(egui::RichText::new(format!("importing {read} of {total} files")).small())
                    .animate(true),
            );
            if ui
                .small_button("Cancel import")
                .on_hover_text("Keep the files read so far; read no more")
                .clicked()
            {
                out.push(Command::CancelImport);
            }
            ui.separator();
        }
        if state.exporting() {
            ui.add(egui::Spinner::new());
            ui.small("writing the export…");
            ui.separator();
        }
        if state.messages.len() > 1
            && ui
                .selectable_label(state.messages.open, format!("Messages ({})", state.messages.len()))
                .on_hover_text("Everything duizhao told you this session: files not imported, exports, the analysis")
                .clicked()
        {
            out.push(Command::ToggleMessages);
        }
        if let Some(n) = state.notice() {
            if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                out.push(Command::DismissNotice);
            }
            let colour = if n.error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().strong_text_color()
            };
            let first_line = n.text.lines().next().unwrap_or_default();
            ui.add(egui::Label::new(egui::RichText::new(first_line).small().color(colour)).truncate())
                .on_hover_text(&n.text);
            ui.separator();
        }
        let sections: usize = state.docs.iter().map(|d| d.sections.len()).sum();
        ui.small(format!("{} documents · {} sections", state.docs.len(), sections));
        if let Some(a) = state.analysis() {
            let total = a.alignment.leaves.len();
            let aligned = a
                .alignment
                .schemes
                .first()
                .map_or(0, |s| s.assignments.iter().filter(|x| x.primary.is_some()).count());
            ui.separator();
            ui.small(format!(
                "{aligned} of {total} items aligned · analysis {:.0} ms",
                a.millis
            ));
        } else if state.analysing() {
            ui.separator();
            let (fraction, what) = state.analysis_progress().unwrap_or((0.0, "analysing"));
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(160.0)
                    .text(egui::RichText::new(what).small())
                    .animate(true),
            );
        }
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
    out
}

/// Every message of the session, grouped by what it is about (files not imported first),
/// newest last: the one place errors are listed in full.
pub fn messages_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    use super::state::messages::Topic;
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.strong("Messages");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.small_button("Close").clicked() {
                out.push(Command::ToggleMessages);
            }
            if ui.small_button("Clear all").clicked() {
                out.push(Command::ClearMessages);
            }
        });
    });
    let all = state.messages.all();
    egui::ScrollArea::vertical().id_salt("messages").show(ui, |ui| {
        project_view::missing_ui(ui, state, &mut out);
        for topic in [
            Topic::Project,
            Topic::Import,
            Topic::Export,
            Topic::Analysis,
            Topic::Taxonomy,
            Topic::Other,
        ] {
            for errors in [true, false] {
                let items: Vec<&str> = all
                    .iter()
                    .filter(|m| m.topic == topic && m.error == errors)
                    .map(|m| m.text.as_str())
                    .collect();
                if items.is_empty() {
                    continue;
                }
                ui.horizontal(|ui| {
                    let heading = topic.heading(errors);
                    if errors {
                        ui.colored_label(ui.visuals().error_fg_color, heading);
                    } else {
                        ui.strong(heading);
                    }
                    if topic == Topic::Import && errors && ui.small_button("Dismiss").clicked() {
                        out.push(Command::DismissImportErrors);
                    }
                });
                for text in items {
                    ui.add(egui::Label::new(egui::RichText::new(text).small()).wrap());
                }
                ui.add_space(4.0);
            }
        }
    });
    out
}

fn encoding_name(d: &crate::model::Document) -> String {
    serde_json::to_value(d.encoding)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A one-line text field named `label` for screen readers and tests (its id comes from the
/// label, so it keeps focus across frames). Returns its response and the new text when the
/// user edited it.
pub fn text_field(
    ui: &mut egui::Ui,
    value: &str,
    label: &str,
    hint: &str,
    width: f32,
) -> (egui::Response, Option<String>) {
    let mut text = value.to_owned();
    let response = ui.add(
        egui::TextEdit::singleline(&mut text)
            .id_salt(label)
            .hint_text(hint)
            .desired_width(width),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
    let edited = response.changed().then_some(text);
    (response, edited)
}

/// A text field (as [`text_field`]) taking the row's width left of a button (`button` adds
/// it). The button is placed first, from the right, and the field gets exactly what is left:
/// a field of a guessed width made the row wider than its resizable panel, which grew by the
/// difference at every frame. Returns the button's response, the field's, and the new text.
pub fn field_with_button(
    ui: &mut egui::Ui,
    (value, label, hint): (&str, &str, &str),
    button: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> (egui::Response, egui::Response, Option<String>) {
    let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
    let layout = egui::Layout::right_to_left(egui::Align::Center);
    ui.allocate_ui_with_layout(row, layout, |ui| {
        let button = button(ui);
        // The field's frame adds TextEdit's default margin (4 points) on each side.
        let width = ui.available_width() - 8.0;
        let (field, edited) = text_field(ui, value, label, hint, width);
        (button, field, edited)
    })
    .inner
}

/// While files are dragged over the window: say that dropping imports them.
pub fn drop_hint_ui(ctx: &egui::Context) {
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_hint"),
    ));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(140));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop files or folders to import (.txt .md .docx .doc .pdf .html)",
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}
