//! The project menu, the note and metadata editors, and the list of a project's missing
//! documents with Relink.

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::model::{ByHandle, DocIx, SecIx};

/// The Project menu: New, Open…, Save, Save as…, recent projects; its name beside it (with
/// a dot while there are unsaved changes).
#[must_use]
pub fn project_menu_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    let p = &state.project;
    let title = if p.opening() {
        "Project (opening…)".to_owned()
    } else if p.shows_unsaved() {
        format!("Project: {} •", p.name())
    } else {
        format!("Project: {}", p.name())
    };
    ui.menu_button(title, |ui| {
        if ui.button("New").clicked() {
            out.push(Command::NewProject);
            ui.close();
        }
        if ui
            .add(egui::Button::new("Open…").shortcut_text("Ctrl+Shift+O"))
            .clicked()
        {
            out.push(Command::BrowseOpenProject);
            ui.close();
        }
        if ui.add(egui::Button::new("Save").shortcut_text("Ctrl+S")).clicked() {
            out.push(Command::SaveProject);
            ui.close();
        }
        if ui
            .add(egui::Button::new("Save as…").shortcut_text("Ctrl+Shift+S"))
            .clicked()
        {
            out.push(Command::SaveProjectAs(None));
            ui.close();
        }
        if !p.recent.is_empty() {
            ui.separator();
            ui.weak("Recent");
            for path in &p.recent {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                if ui.button(name).on_hover_text(path.display().to_string()).clicked() {
                    out.push(Command::OpenProject(path.clone()));
                    ui.close();
                }
            }
        }
    })
    .response
    .on_hover_text(p.path.as_deref().map_or_else(
        || "Not saved yet: Save as… keeps the documents, corrections, notes and basket in a .duizhao file".to_owned(),
        |f| format!("{} — saved automatically", f.display()),
    ));
    out
}

/// A note under a card: its text, click to edit.
pub fn note_line_ui(ui: &mut egui::Ui, note: &str, doc: DocIx, section: SecIx, out: &mut Vec<Command>) {
    let text = egui::RichText::new(format!("✎ {note}")).italics().small();
    if ui
        .add(egui::Label::new(text).wrap().sense(egui::Sense::click()))
        .on_hover_text("Your note — click to edit")
        .clicked()
    {
        out.push(Command::EditNote(Some((doc, section))));
    }
}

/// The note editor, while a note is being written.
#[must_use]
pub fn note_editor_ui(ctx: &egui::Context, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    let Some((doc, section, text)) = &state.project.editing_note else {
        return out;
    };
    let Some(s) = state
        .docs
        .at(*doc)
        .and_then(|d| d.sections.at(*section).map(|s| (d, s)))
    else {
        return out;
    };
    egui::Window::new("Note")
        .collapsible(false)
        .resizable(true)
        .default_width(420.0)
        .show(ctx, |ui| {
            ui.label(format!("{} {} {}", s.0.display_name(), s.1.path, s.1.heading));
            let mut t = text.clone();
            let edit = ui.add(
                egui::TextEdit::multiline(&mut t)
                    .id_salt("note_text")
                    .desired_rows(5)
                    .desired_width(f32::INFINITY)
                    .hint_text("A memo on this passage: kept in the project, shown on its card, exported with it"),
            );
            edit.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Note text"));
            if edit.changed() {
                out.push(Command::SetNoteText(t));
            }
            ui.horizontal(|ui| {
                if ui.button("Keep").clicked() {
                    out.push(Command::SaveNote);
                }
                if ui.button("Cancel").clicked() {
                    out.push(Command::EditNote(None));
                }
            });
        });
    out
}

/// The metadata editor: what was read, and what the user sets instead.
#[must_use]
pub fn meta_editor_ui(ctx: &egui::Context, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    let Some((doc, fields)) = &state.project.editing_meta else {
        return out;
    };
    let Some(d) = state.docs.at(*doc) else { return out };
    egui::Window::new("Document metadata")
        .collapsible(false)
        .resizable(true)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.weak(format!(
                "{} — blank a field to clear it; citations and exports use these",
                d.source
            ));
            let mut f = fields.clone();
            let mut changed = false;
            egui::Grid::new("meta_edit")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    let rows: [(&str, &mut Option<String>, &str); 9] = [
                        ("Title 标题", &mut f.title, ""),
                        ("Label 简称", &mut f.label, "上海 2020"),
                        ("Issuer 发文机关", &mut f.issuer, ""),
                        ("Number 文号", &mut f.doc_number, "沪府办发〔2020〕1号"),
                        ("Issued 成文日期", &mut f.date_issued, "YYYY-MM-DD"),
                        ("Published 发布日期", &mut f.date_published, "YYYY-MM-DD"),
                        ("Region 地区", &mut f.region, "浙江省"),
                        ("Level 级别", &mut f.level, "国家 / 省级 / 市级 / 县级"),
                        ("Type 文种", &mut f.kind, "规划 / 行动计划 / 意见 / 条例 …"),
                    ];
                    for (label, value, hint) in rows {
                        ui.label(label);
                        let mut text = value.clone().unwrap_or_default();
                        let r = ui.add(
                            egui::TextEdit::singleline(&mut text)
                                .id_salt(label)
                                .hint_text(hint)
                                .desired_width(300.0),
                        );
                        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
                        if r.changed() {
                            *value = Some(text);
                            changed = true;
                        }
                        ui.end_row();
                    }
                });
            if changed {
                out.push(Command::SetMetaFields(f));
            }
            ui.horizontal(|ui| {
                if ui.button("Keep").clicked() {
                    out.push(Command::SaveMeta);
                }
                if ui.button("Cancel").clicked() {
                    out.push(Command::EditMeta(None));
                }
            });
        });
    out
}

/// The project's documents whose file was not found, each with Relink….
pub fn missing_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Command>) {
    let missing = &state.project.missing;
    if missing.is_empty() {
        return;
    }
    ui.colored_label(ui.visuals().error_fg_color, "Missing documents");
    for (index, m) in missing.iter().enumerate() {
        ui.horizontal(|ui| {
            if ui
                .small_button("Relink…")
                .on_hover_text("Choose the file's new place: its corrections, notes and basket items apply again")
                .clicked()
            {
                out.push(Command::Relink { index, file: None });
            }
            let name = m
                .path
                .as_deref()
                .map_or_else(|| m.hash.0.clone(), |p| p.display().to_string());
            ui.add(egui::Label::new(egui::RichText::new(name).small()).wrap());
        });
    }
    ui.add_space(4.0);
}
