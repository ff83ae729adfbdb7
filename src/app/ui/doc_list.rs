//! The list of loaded documents, with the selected one's metadata beneath it.

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::model::{DocIx, Document};

pub fn doc_list_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.heading("Documents");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Import…")
                .on_hover_text(
                    "Add .txt, .md (UTF-8, UTF-16, GBK/GB18030), .docx, .doc, .pdf or saved .html files, or folders — or drop them on the window (Ctrl+O)",
                )
                .clicked()
            {
                out.push(Command::BrowseImport);
            }
        });
    });
    // Where no file dialog can be shown (no desktop portal), a typed path always works.
    let typed = !state.import_path.trim().is_empty();
    let (add, field, edited) =
        super::field_with_button(ui, (&state.import_path, "Import path", "or type a file path"), |ui| {
            ui.add_enabled(typed, egui::Button::new("Add"))
        });
    if let Some(path) = edited {
        out.push(Command::SetImportPath(path));
    }
    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if (add.clicked() || enter) && typed {
        out.push(Command::Import(vec![state.import_path.trim().into()]));
        out.push(Command::SetImportPath(String::new()));
    }
    ui.add_space(4.0);
    // A library of hundreds: the list scrolls in its part of the panel (the metadata keeps
    // the rest), and only the names in view are laid out.
    let row_height = ui.spacing().interact_size.y;
    let list_height = (ui.available_height() * 0.55).max(row_height * 4.0);
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .max_height(list_height)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, state.docs.len(), |ui, range| {
            for i in range.map(DocIx) {
                let d = &state.docs[i];
                let selected = state.selected_index() == Some(i);
                let hover = match state.sources.get(i.get()).and_then(Option::as_ref) {
                    Some(p) => format!("{}\n{}", d.meta.title.as_deref().unwrap_or(&d.source), p.display()),
                    None => format!("{}\n(bundled)", d.meta.title.as_deref().unwrap_or(&d.source)),
                };
                let response = ui.selectable_label(selected, d.display_name()).on_hover_text(hover);
                if response.clicked() {
                    out.push(Command::SelectDocument(i));
                }
                response.context_menu(|ui| {
                    if ui.button("Remove from duizhao").clicked() {
                        out.push(Command::RemoveDocument(i));
                        ui.close();
                    }
                });
            }
        });
    if let Some(r) = &state.removed
        && ui.button(format!("Undo remove {}", r.doc.display_name())).clicked()
    {
        out.push(Command::UndoRemove);
    }
    if let Some(d) = state.selected_doc() {
        ui.add_space(12.0);
        ui.separator();
        if let Some(i) = state.selected_index()
            && ui
                .small_button("Edit metadata…")
                .on_hover_text("Correct or supply the title, label, issuer, 文号 and dates: kept in the project, used by citations and exports")
                .clicked()
        {
            out.push(Command::EditMeta(Some(i)));
        }
        egui::ScrollArea::vertical()
            .id_salt("meta")
            .show(ui, |ui| meta_ui(ui, d));
    }
    out
}

fn meta_ui(ui: &mut egui::Ui, d: &Document) {
    let m = &d.meta;
    if let Some(t) = &m.title {
        ui.add(egui::Label::new(egui::RichText::new(t).strong()).wrap());
    }
    let rows: [(&str, Option<String>); 10] = [
        ("Issuer 发文机关", m.issuer.clone()),
        ("Number 文号", m.doc_number.clone()),
        ("Issued 成文", m.date_issued.clone()),
        ("Published 发布", m.date_published.clone()),
        ("Period 规划期", m.period.map(|[a, b]| format!("{a}–{b}"))),
        ("Region 地区", m.region.clone()),
        ("Level 级别", m.level.map(|l| l.name().to_owned())),
        ("Type 文种", m.kind.clone()),
        (
            "Keywords 关键字",
            (!m.keywords.is_empty()).then(|| m.keywords.join("、")),
        ),
        ("File", Some(d.source.clone())),
    ];
    egui::Grid::new("meta_grid")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for (k, v) in rows {
                if let Some(v) = v {
                    ui.weak(k);
                    ui.add(egui::Label::new(v).wrap());
                    ui.end_row();
                }
            }
        });
    for w in &d.warnings {
        ui.colored_label(ui.visuals().warn_fg_color, w);
    }
}
