//! Policy diffusion: the document × document heat matrix of shared wording, the passages of
//! the pair clicked, and the passage opened with both sections side by side.

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::app::theme;
use crate::app::ui::marks;
use crate::model::DocIx;
use crate::reuse::{DirectionReason, PairReuse, Passage};

pub fn reuse_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    if let Some(why) = state.analysis_error() {
        ui.colored_label(ui.visuals().error_fg_color, why);
        return out;
    }
    let Some(analysis) = state.analysis() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Finding shared passages…");
        });
        return out;
    };
    let report = &analysis.reuse;
    let dark = ui.visuals().dark_mode;
    ui.label(
        "Each cell: the share of the row document's text that is also in the column document \
         (punctuation, spaces and boilerplate not counted). Click a cell for the passages.",
    );
    if report.len() > crate::reuse::EXACT_ALL_PAIRS {
        ui.weak(
            "≈ marks an estimate from shared fingerprints (it can understate pairs that share \
             many short passages); a pair becomes exact once it is clicked, compared or opened.",
        );
    }
    ui.horizontal(|ui| {
        ui.label("Order");
        for o in crate::app::state::pairs::ReuseOrder::ALL {
            if ui.selectable_label(state.reuse_order == o, o.name()).clicked() {
                out.push(Command::SetReuseOrder(o));
            }
        }
    });
    ui.add_space(theme::GAP * 0.5);
    matrix_ui(ui, state, report, dark, &mut out);
    ui.add_space(theme::GAP);
    ui.separator();
    let Some((a, b)) = state.reuse_pair else {
        ui.weak("Click a cell to list the passages two documents share.");
        return out;
    };
    if state.reuse_pair_pending() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!(
                "Comparing {} and {}…",
                state.docs[a].display_name(),
                state.docs[b].display_name()
            ));
        });
        return out;
    }
    let Some(pair) = state.reuse_pair() else {
        ui.label(format!(
            "{} and {} share no passage of {} characters or more.",
            state.docs[a].display_name(),
            state.docs[b].display_name(),
            report.options().min_chars
        ));
        return out;
    };
    pair_header_ui(ui, state, pair, &mut out);
    if !state.reuse_domains().is_empty() {
        egui::CollapsingHeader::new(format!("By domain ({})", state.reuse_domains().len()))
            .id_salt("reuse_domains")
            .show(ui, |ui| {
                egui::Grid::new("reuse_domain_grid").striped(true).show(ui, |ui| {
                    ui.strong("Domain");
                    ui.strong(state.docs[a].display_name());
                    ui.strong(state.docs[b].display_name());
                    ui.strong("Passages");
                    ui.end_row();
                    for (name, ca, cb, n) in state.reuse_domains() {
                        ui.label(name);
                        ui.label(format!("{:.1}%", ca * 100.0));
                        ui.label(format!("{:.1}%", cb * 100.0));
                        ui.label(n.to_string());
                        ui.end_row();
                    }
                });
            });
    }
    ui.add_space(theme::GAP * 0.5);
    egui::ScrollArea::vertical()
        .id_salt(("reuse_passages", a, b))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, p) in pair.passages.iter().enumerate() {
                if p.boilerplate && !state.show_boilerplate {
                    continue;
                }
                passage_row_ui(ui, state, pair, i, p, &mut out);
            }
        });
    out
}

fn direction_text(state: &AppState, pair: &PairReuse) -> Option<String> {
    let d = pair.direction.as_ref()?;
    let why = match &d.reason {
        DirectionReason::Cites { text } => format!("cites {text}"),
        DirectionReason::Dates { from, to } => format!("dated {from} → {to}"),
    };
    Some(format!(
        "{} → {} ({why})",
        state.docs[d.from].display_name(),
        state.docs[d.to].display_name()
    ))
}

fn pair_header_ui(ui: &mut egui::Ui, state: &AppState, pair: &PairReuse, out: &mut Vec<Command>) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        for (d, share) in [(pair.a, pair.coverage_a), (pair.b, pair.coverage_b)] {
            ui.label(
                egui::RichText::new(format!("{} {:.1}%", state.docs[d].display_name(), share * 100.0))
                    .strong()
                    .color(theme::doc_colour(d, dark)),
            );
            if d == pair.a {
                ui.label("↔");
            }
        }
        let boiler = pair.passages.iter().filter(|p| p.boilerplate).count();
        ui.label(format!("· {} passages", pair.passages.len() - boiler));
        if let Some(d) = direction_text(state, pair) {
            ui.label(format!("· {d}"));
        }
        let mut show = state.show_boilerplate;
        if ui
            .checkbox(&mut show, format!("Show {boiler} boilerplate"))
            .on_hover_text("Formulas most loaded documents carry, found by their frequency")
            .changed()
        {
            out.push(Command::ToggleBoilerplate);
        }
    });
}

fn passage_row_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    pair: &PairReuse,
    i: usize,
    p: &Passage,
    out: &mut Vec<Command>,
) {
    let (da, db) = (&state.docs[pair.a], &state.docs[pair.b]);
    let label = format!(
        "{:>3}字  {} ↔ {}  {}{}",
        p.chars,
        da.sections[p.a.section].path,
        db.sections[p.b.section].path,
        p.a.text,
        if p.boilerplate { "  (boilerplate)" } else { "" }
    );
    let open = state.reuse_passage == Some(i);
    let mut text = egui::RichText::new(label);
    if p.boilerplate {
        text = text.weak();
    }
    let response = ui
        .add(egui::Button::selectable(open, text).truncate())
        .on_hover_text(format!("In {} loaded documents · click to open both sections", p.docs));
    if response.clicked() {
        out.push(Command::SelectPassage(if open { None } else { Some(i) }));
    }
}

/// The opened passage: both sections side by side, the passage underlaid.
pub fn passage_detail_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    let (Some(pair), Some(i)) = (state.reuse_pair(), state.reuse_passage) else {
        return out;
    };
    let Some(p) = pair.passages.get(i) else { return out };
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.strong(format!("Passage of {} characters", p.chars));
        if ui.button("Close").clicked() {
            out.push(Command::SelectPassage(None));
        }
    });
    ui.columns(2, |cols| {
        for (col, (doc, side, partner)) in cols.iter_mut().zip([(pair.a, &p.a, pair.b), (pair.b, &p.b, pair.a)]) {
            let d = &state.docs[doc];
            let s = &d.sections[side.section];
            col.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(d.display_name())
                        .strong()
                        .color(theme::doc_colour(doc, dark)),
                );
                let path = ui.add(
                    egui::Label::new(egui::RichText::new(&s.path).monospace().color(theme::accent(dark)))
                        .sense(egui::Sense::click()),
                );
                if path.on_hover_text("Show in document").clicked() {
                    out.push(Command::ShowSection {
                        doc,
                        section: side.section,
                    });
                }
                if !s.heading.is_empty() {
                    ui.strong(&s.heading);
                }
            });
            let mark = [(side.range, partner)];
            egui::ScrollArea::vertical()
                .id_salt(("passage_side", doc))
                .auto_shrink([false, true])
                .show(col, |ui| {
                    let marks = marks::Marks {
                        origin: s.text_range.start,
                        shared: &mark,
                        ..Default::default()
                    };
                    let job = marks::marked(ui, &s.text, marks, dark);
                    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                        ui.add(egui::Label::new(job).wrap());
                    });
                });
        }
    });
    out
}

/// The heat matrix: one row and one column per document, each cell the share of the row
/// document's text found in the column document.
fn matrix_ui(ui: &mut egui::Ui, state: &AppState, report: &crate::reuse::Overview, dark: bool, out: &mut Vec<Command>) {
    let max = report.max_coverage().max(0.01);
    // The order is rebuilt with the documents; until then (a frame at most) the load order.
    let identity: Vec<DocIx>;
    let order = if state.reuse_order_rows().len() == state.docs.len() {
        state.reuse_order_rows()
    } else {
        identity = DocIx::all(state.docs.len()).collect();
        &identity
    };
    let n = order.len();
    // A library's matrix scrolls both ways in the upper part of the view (the passages of
    // the chosen pair keep the rest); only the cells in view are made, and the document names stay pinned at the
    // top and the left.
    let grid = crate::app::ui::grid::PinnedGrid {
        id: "reuse_matrix_scroll",
        rows: n,
        cols: n,
        cell: egui::vec2(80.0, 24.0),
        gap: 4.0,
        row_names: 100.0,
        col_names: 24.0,
        // Until a pair is chosen, the passages below have nothing to list: the matrix takes
        // most of the view.
        max_height: (ui.available_height() * if state.reuse_pair.is_some() { 0.45 } else { 0.85 }).max(160.0),
    };
    grid.show(
        ui,
        |ui, r, c, rect| cell_ui(ui, state, report, (order[r], order[c]), rect, max, dark, out),
        |ui, r, rect| name_ui(ui, state, order[r], rect, dark),
        |ui, c, rect| name_ui(ui, state, order[c], rect, dark),
    );
}

/// A document's name as a matrix header.
fn name_ui(ui: &mut egui::Ui, state: &AppState, d: DocIx, rect: egui::Rect, dark: bool) {
    let doc = &state.docs[d];
    let text = egui::RichText::new(doc.display_name())
        .strong()
        .color(theme::doc_colour(d, dark));
    ui.put(rect, egui::Label::new(text).truncate())
        .on_hover_text(doc.meta.title.as_deref().unwrap_or(&doc.source));
}

/// One cell: the share of row `r`'s text found in column `c`, coloured by it; click for the pair.
#[allow(
    clippy::too_many_arguments,
    reason = "one cell of the matrix and everything it is drawn from"
)]
fn cell_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    report: &crate::reuse::Overview,
    (r, c): (DocIx, DocIx),
    rect: egui::Rect,
    max: f32,
    dark: bool,
    out: &mut Vec<Command>,
) {
    if r == c {
        ui.put(rect, egui::Label::new(egui::RichText::new("—").weak()));
        return;
    }
    let (share, exact) = report.coverage(r, c);
    let approx = if exact { "" } else { "≈" };
    let fill = theme::accent(dark).gamma_multiply(0.06 + 0.94 * (share / max).sqrt());
    let strong = share / max > 0.3;
    // Strong cells are dark blue in the light theme, light blue in the dark one.
    // An estimate of nothing shared is a dot: in a library most pairs share nothing, and a
    // page of "≈0.0%" hides the pairs that do.
    // A whole copy is "100%": "≈100.0%" is wider than a cell and wrapped.
    let figure = if share >= 0.9995 {
        format!("{approx}100%")
    } else if exact || share > 0.0 {
        format!("{approx}{:.1}%", share * 100.0)
    } else {
        "·".to_owned()
    };
    let text = egui::RichText::new(figure).color(match (strong, dark) {
        (true, false) => egui::Color32::WHITE,
        (true, true) => egui::Color32::BLACK,
        (false, _) => ui.visuals().text_color(),
    });
    let selected = state.reuse_pair == Some((r.min(c), r.max(c)));
    let mut button = egui::Button::new(text).fill(fill);
    if selected {
        button = button.stroke(egui::Stroke::new(2.0, ui.visuals().strong_text_color()));
    }
    let response = ui.put(rect, button).on_hover_ui(|ui| {
        let pair = report.pair(r, c);
        let passages = if exact {
            format!("{} passages", pair.map_or(0, |p| p.substantive().count()))
        } else {
            "estimated: click to compare the texts".to_owned()
        };
        ui.label(format!(
            "{approx}{:.1}% of {}'s text is also in {}\n{passages}{}",
            share * 100.0,
            state.docs[r].display_name(),
            state.docs[c].display_name(),
            pair.and_then(|p| direction_text(state, p))
                .map(|d| format!("\n{d}"))
                .unwrap_or_default()
        ));
    });
    if response.clicked() {
        out.push(Command::SelectReusePair(Some((r, c))));
    }
}
