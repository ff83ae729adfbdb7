//! The library: every loaded document in one table (filter, sort by a header, tick to
//! compare, open, edit its metadata), or the coverage of the domains by every document.

use egui_extras::{Column as TableColumn, TableBuilder};

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::app::state::library::LibraryMode;
use crate::app::theme;
use crate::library::{Column, Entry};

pub fn library_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    ui.horizontal_wrapped(|ui| {
        for (mode, name) in [
            (LibraryMode::List, "Documents"),
            (LibraryMode::Coverage, "Coverage of domains"),
            (LibraryMode::Timeline, "Diffusion timeline"),
        ] {
            if ui.selectable_label(state.library_mode == mode, name).clicked() {
                out.push(Command::SetLibraryMode(mode));
            }
        }
        ui.separator();
        let hint = "Filter: 上海 2021 条例 市级 …";
        if let (_, Some(filter)) = crate::app::ui::text_field(ui, &state.library_filter, "Filter library", hint, 240.0)
        {
            out.push(Command::SetLibraryFilter(filter));
        }
        let shown = state.library_shown().len();
        ui.label(format!(
            "{shown} of {} documents · {} compared",
            state.docs.len(),
            state.chosen.len()
        ));
        if ui
            .add_enabled(shown > 0, egui::Button::new("Compare all shown"))
            .on_hover_text("Add every document the filter shows to the comparison")
            .clicked()
        {
            out.push(Command::ChooseShown(true));
        }
        if ui
            .add_enabled(shown > 0, egui::Button::new("Compare none shown"))
            .on_hover_text("Take every document the filter shows out of the comparison")
            .clicked()
        {
            out.push(Command::ChooseShown(false));
        }
    });
    suggestions_ui(ui, state, &mut out);
    ui.add_space(4.0);
    match state.library_mode {
        LibraryMode::List => table_ui(ui, state, &mut out),
        LibraryMode::Coverage => coverage_ui(ui, state, &mut out),
        LibraryMode::Timeline => crate::app::ui::timeline_view::timeline_ui(ui, state, &mut out),
    }
    out
}

/// 文号 that citing documents give for documents that print none, each taken with a click.
fn suggestions_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Command>) {
    let all = state.suggestions();
    if all.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Suggested 文号 from citing documents ({})", all.len()))
        .id_salt("library_suggestions")
        .show(ui, |ui| {
            for (i, s) in all.iter().enumerate().take(50) {
                ui.horizontal(|ui| {
                    let (doc, from) = (&state.docs[s.doc], &state.docs[s.from]);
                    ui.strong(doc.display_name());
                    ui.label(format!("文号 {}", s.doc_number));
                    ui.weak(format!("— cited so in {}", from.display_name()))
                        .on_hover_text(&s.citation);
                    if ui
                        .small_button(format!("Accept for {}", doc.display_name()))
                        .on_hover_text("Keep it in the project's metadata edits (Edit metadata… changes it back)")
                        .clicked()
                    {
                        out.push(Command::AcceptSuggestion(i));
                    }
                });
            }
        });
}

/// The table's columns: header, what it sorts by, its width.
const HEADERS: [(&str, Column, f32); 10] = [
    ("Label 简称", Column::Label, 110.0),
    ("Title 标题", Column::Title, 330.0),
    ("Region 地区", Column::Region, 110.0),
    ("Level 级别", Column::Level, 84.0),
    ("Date 日期", Column::Date, 96.0),
    ("Type 文种", Column::Kind, 90.0),
    ("Issuer 发文机关", Column::Issuer, 180.0),
    ("Number 文号", Column::Number, 150.0),
    ("Sections", Column::Sections, 76.0),
    ("Targets", Column::Targets, 72.0),
];

fn table_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Command>) {
    let dark = ui.visuals().dark_mode;
    let rows: Vec<&Entry> = state.library_shown().collect();
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .column(TableColumn::exact(24.0))
        .column(TableColumn::exact(120.0));
    for (_, _, width) in HEADERS.iter().skip(1) {
        table = table.column(TableColumn::initial(*width).clip(true));
    }
    table
        .header(24.0, |mut header| {
            header.col(|ui| {
                ui.label("比").on_hover_text("Ticked: in the comparison");
            });
            header.col(|ui| {
                if ui
                    .button(sort_label(state, "Label 简称", Column::Label))
                    .on_hover_text("Click a header to sort; again to turn the order round")
                    .clicked()
                {
                    out.push(Command::SortLibrary(Column::Label));
                }
            });
            for (name, col, _) in HEADERS.iter().skip(1) {
                header.col(|ui| {
                    if ui.button(sort_label(state, name, *col)).clicked() {
                        out.push(Command::SortLibrary(*col));
                    }
                });
            }
        })
        .body(|body| {
            body.rows(24.0, rows.len(), |mut row| {
                let e = rows[row.index()];
                row.col(|ui| {
                    let mut on = state.chosen.contains(&e.doc);
                    let r = ui.checkbox(&mut on, "");
                    r.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, format!("Compare {}", e.label))
                    });
                    if r.clicked() {
                        out.push(Command::ToggleChosen(e.doc));
                    }
                });
                row.col(|ui| {
                    let text = egui::RichText::new(&e.label)
                        .strong()
                        .color(theme::doc_colour(e.doc, dark));
                    let r = ui
                        .add(egui::Label::new(text).truncate().sense(egui::Sense::click()))
                        .on_hover_text("Click to read it; right-click for more");
                    if r.clicked() {
                        out.push(Command::SelectDocument(e.doc));
                        out.push(Command::SetView(crate::app::state::View::Document));
                    }
                    r.context_menu(|ui| {
                        if ui.button("Read").clicked() {
                            out.push(Command::SelectDocument(e.doc));
                            out.push(Command::SetView(crate::app::state::View::Document));
                        }
                        if ui.button("Edit metadata…").clicked() {
                            out.push(Command::EditMeta(Some(e.doc)));
                        }
                    });
                });
                let level = e.level.map_or("", crate::model::Level::name);
                let sections = e.sections.to_string();
                let targets = e.targets.to_string();
                for text in [
                    e.title.as_str(),
                    &e.region,
                    level,
                    &e.date,
                    &e.kind,
                    &e.issuer,
                    &e.doc_number,
                    &sections,
                    &targets,
                ] {
                    row.col(|ui| {
                        let r = ui.add(egui::Label::new(text).truncate());
                        if text == e.title && r.double_clicked() {
                            out.push(Command::EditMeta(Some(e.doc)));
                        }
                    });
                }
            });
        });
}

/// What a coverage cell's sections are: their numbers and headings (the first eight).
fn cell_hover_ui(
    ui: &mut egui::Ui,
    doc: &crate::model::Document,
    sections: &[crate::model::SecIx],
    label: &str,
    domain: &str,
) {
    ui.strong(format!("{label} · {domain}"));
    if sections.is_empty() {
        ui.label("no section in this domain");
    }
    for &s in sections.iter().take(8) {
        let sec = &doc.sections[s];
        let head = if sec.heading.is_empty() {
            sec.text.chars().take(24).collect::<String>()
        } else {
            sec.heading.clone()
        };
        ui.label(format!("{} {head}", sec.number));
    }
    if sections.len() > 8 {
        ui.label(format!("… and {} more", sections.len() - 8));
    }
}

fn sort_label(state: &AppState, name: &str, col: Column) -> String {
    match state.library_sort {
        (c, false) if c == col => format!("{name} ▲"),
        (c, true) if c == col => format!("{name} ▼"),
        _ => name.to_owned(),
    }
}

/// Domains × the documents the library shows (in its order): how many sections of each
/// document fall in each domain. Hover names them; a click compares that domain with the
/// document among the chosen.
fn coverage_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Command>) {
    let Some(a) = state.analysis() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("analysing…");
        });
        return;
    };
    let Some(scheme) = a.aligner.taxonomy.schemes.get(state.scheme) else {
        return;
    };
    let coverage = state.coverage();
    let docs: Vec<&Entry> = state.library_shown().collect();
    let max = coverage.max().max(1);
    let dark = ui.visuals().dark_mode;
    ui.label(
        egui::RichText::new(format!(
            "{} · sections per domain and document · darker: more sections · click a cell to compare that domain",
            scheme.zh
        ))
        .small(),
    );
    let grid = crate::app::ui::grid::PinnedGrid {
        id: "coverage_matrix",
        rows: scheme.categories.len(),
        cols: docs.len(),
        cell: egui::vec2(84.0, 22.0),
        gap: 2.0,
        row_names: 150.0,
        col_names: 24.0,
        max_height: ui.available_height(),
    };
    let base = ui.visuals().selection.bg_fill;
    grid.show(
        ui,
        |ui, r, c, rect| {
            let e = docs[c];
            let n = coverage.count(r, e.doc);
            let id = ui.scope_id().with(("coverage", r, e.doc));
            let response = ui.interact(rect, id, egui::Sense::click());
            // A log scale: one or two sections stay visible beside a chapter of sixty.
            #[allow(clippy::cast_precision_loss, reason = "section counts are small")]
            let t = (n as f32).ln_1p() / (max as f32).ln_1p();
            let fill = if n == 0 {
                ui.visuals().faint_bg_color
            } else {
                base.gamma_multiply(0.25 + 0.75 * t)
            };
            ui.painter().rect_filled(rect, 2.0, fill);
            if n > 0 {
                ui.painter().text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    n.to_string(),
                    egui::FontId::proportional(12.0),
                    ui.visuals().strong_text_color(),
                );
            }
            let cat = &scheme.categories[r];
            let doc = &state.docs[e.doc];
            let response =
                response.on_hover_ui(|ui| cell_hover_ui(ui, doc, coverage.sections(r, e.doc), &e.label, &cat.zh));
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{} {} {n}", e.label, cat.zh))
            });
            if response.clicked() {
                out.push(Command::CompareDomain { row: r, doc: e.doc });
            }
        },
        |ui, r, rect| {
            let cat = &scheme.categories[r];
            let k = coverage.documents_in(r);
            ui.put(rect, egui::Label::new(format!("{} ({k})", cat.zh)).truncate())
                .on_hover_text(format!(
                    "{} — {}\nin {k} of {} documents",
                    cat.zh,
                    cat.en,
                    state.docs.len()
                ));
        },
        |ui, c, rect| {
            let e = docs[c];
            let text = egui::RichText::new(&e.label)
                .strong()
                .color(theme::doc_colour(e.doc, dark));
            ui.put(rect, egui::Label::new(text).truncate()).on_hover_text(&e.title);
        },
    );
}
