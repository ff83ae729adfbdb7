//! The domain navigator: every row of the comparison with a heat strip (one cell per chosen
//! document, shaded by its number of sections), the scheme switch and the coverage filter.
//! With more documents compared than cells fit readably ([`STRIP_MAX`]), each row shows how
//! many of them it covers instead, and a link opens the library's coverage matrix, which is
//! made for that many.

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::app::theme;

/// The most compared documents the strip shows one cell each (4 px or more in the panel).
pub const STRIP_MAX: usize = 24;

pub fn domain_nav_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    ui.heading("Domains");
    ui.horizontal(|ui| {
        for (i, (_, name)) in state.schemes().iter().enumerate() {
            if ui.selectable_label(state.scheme == i, name).clicked() {
                out.push(Command::SetScheme(i));
            }
        }
    });
    ui.horizontal(|ui| {
        let mut k = state.min_coverage;
        let label = ui.label("Covered by at least");
        let max = state.chosen.len().max(1);
        if ui
            .add(egui::DragValue::new(&mut k).range(1..=max))
            .labelled_by(label.id)
            .changed()
        {
            out.push(Command::SetMinCoverage(k));
        }
        ui.label("documents");
    });
    taxonomy_ui(ui, state, &mut out);
    retrain_ui(ui, state, &mut out);
    ui.separator();
    let dark = ui.visuals().dark_mode;
    let many = state.chosen.len() > STRIP_MAX;
    if many
        && ui
            .link(format!("{} documents compared: coverage matrix…", state.chosen.len()))
            .on_hover_text("Domains × documents for the whole library, in the Library view")
            .clicked()
    {
        out.push(Command::SetView(crate::app::state::View::Library));
        out.push(Command::SetLibraryMode(
            crate::app::state::library::LibraryMode::Coverage,
        ));
    }
    egui::ScrollArea::vertical()
        .id_salt("domains")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // The strip keeps to half the panel however many documents are compared: cells
            // narrow (to 2 px) rather than push the names out of sight.
            let n = state.chosen.len().max(1) as f32;
            let cell = (ui.available_width() * 0.5 / n).clamp(2.0, 10.0);
            for (i, row) in state.compare_rows() {
                ui.horizontal(|ui| {
                    if many {
                        coverage_bar(ui, row, dark);
                    } else {
                        let spacing = ui.spacing().item_spacing.x;
                        ui.spacing_mut().item_spacing.x = if cell >= 6.0 { 4.0 } else { 1.0 };
                        for c in &row.cells {
                            let (rect, _) = ui.allocate_exact_size(egui::vec2(cell, 14.0), egui::Sense::hover());
                            ui.painter()
                                .rect_filled(rect, 2.0_f32.min(cell / 3.0), theme::heat(c.len(), dark));
                        }
                        ui.spacing_mut().item_spacing.x = spacing;
                    }
                    if ui
                        .selectable_label(false, &row.name)
                        .on_hover_text(&row.description)
                        .clicked()
                    {
                        out.push(Command::JumpToRow(Some(i)));
                    }
                });
            }
        });
    out
}

/// How many of the compared documents a row covers: a bar filled in that share, shaded by
/// the row's sections per covering document, and "k/n" beside it.
fn coverage_bar(ui: &mut egui::Ui, row: &crate::app::state::CompareRow, dark: bool) {
    let n = row.cells.len().max(1);
    let covered = row.cells.iter().filter(|c| !c.is_empty()).count();
    let sections: usize = row.cells.iter().map(Vec::len).sum();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(60.0, 14.0), egui::Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 2.0, theme::heat(0, dark));
    let mut filled = rect;
    filled.set_width(rect.width() * covered as f32 / n as f32);
    let per_doc = sections.div_ceil(covered.max(1));
    painter.rect_filled(filled, 2.0, theme::heat(per_doc, dark));
    response.on_hover_text(format!("{covered} of {n} documents, {sections} sections"));
    // A fixed width, so that the rows' names line up whatever the count's digits.
    ui.add_sized(
        [44.0, 14.0],
        egui::Label::new(egui::RichText::new(format!("{covered}/{n}")).small().weak()),
    );
}

/// "Retrain on my corrections": the model learns from the sections the user moved, and the
/// other sections move with it (the status bar says how many); undo puts it back.
fn retrain_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Command>) {
    let corrections = state.overrides.current.map.len();
    ui.horizontal_wrapped(|ui| {
        if state.retraining() {
            ui.spinner();
            ui.label("retraining…");
        } else if ui
            .add_enabled(corrections > 0, egui::Button::new("Retrain on my corrections"))
            .on_hover_text(format!(
                "Teach the domain model the {corrections} sections you moved; other sections like them move too"
            ))
            .on_disabled_hover_text("Move a section to another domain first (right-click its path in Compare)")
            .clicked()
        {
            out.push(Command::Retrain);
        }
        if state.can_undo_retrain() && ui.button("Undo retrain").clicked() {
            out.push(Command::UndoRetrain);
        }
    });
}

/// Which taxonomy file the alignment uses; load another (dialog or typed path) or go back to
/// the built-in one.
fn taxonomy_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Command>) {
    let name = state.taxonomy_file.as_ref().map_or_else(
        || "built-in".to_owned(),
        |(p, _)| {
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
        },
    );
    egui::CollapsingHeader::new(format!("Taxonomy: {name}"))
        .id_salt("taxonomy_file")
        .show(ui, |ui| {
            ui.weak("A TOML file in the format of assets/domains.toml: your own domains and cue terms.");
            let hint = "path/to/domains.toml";
            if let (_, Some(path)) = super::text_field(ui, &state.taxonomy_path, "Taxonomy path", hint, f32::INFINITY) {
                out.push(Command::SetTaxonomyPath(path));
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!state.taxonomy_path.trim().is_empty(), egui::Button::new("Load"))
                    .clicked()
                {
                    out.push(Command::LoadTaxonomy(state.taxonomy_path.trim().into()));
                }
                if ui.button("Browse…").clicked() {
                    out.push(Command::BrowseTaxonomy);
                }
                if state.taxonomy_file.is_some() && ui.button("Built-in").clicked() {
                    out.push(Command::BuiltinTaxonomy);
                }
            });
        });
}
