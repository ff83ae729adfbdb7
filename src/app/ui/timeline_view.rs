//! The diffusion timeline: the library's dated documents along a time axis, one lane per
//! level of government, and an arrow from the cited or earlier document to the one that took
//! its wording, thicker the more of the taker's text is shared. By default each document
//! shows only its likeliest source; every pair above a share can be asked for. Hovering a
//! document brings out its own arrows and names its sources; a click opens it.

use egui_plot::{Arrows, Line, MarkerShape, Plot, PlotPoint, Points, Text};

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::app::state::library::TimelineOptions;
use crate::app::theme;
use crate::library::diffusion::Edge;
use crate::model::DocIx;

/// How near (points) the pointer must be to a document's marker to pick it.
const PICK_RADIUS: f32 = 10.0;

pub fn timeline_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Command>) {
    if state.analysis().is_none() {
        ui.spinner();
        return;
    }
    let t = state.timeline();
    let (placed, position, arrows) = (&t.placed, &t.position, &t.edges);
    options_ui(ui, state.timeline_options, out);
    let shown = state.library_shown();
    let what = if state.timeline_options.every_pair {
        "every pair sharing wording"
    } else {
        "each document's likeliest source"
    };
    ui.label(
        egui::RichText::new(format!(
            "{} of {} documents have a date and are placed · {} arrows, {what}: from the cited (solid) or earlier (faint) document to the one that took it; thicker = more of its text · names that would cover others are left out: zoom in (Ctrl+scroll, double-click resets) or hover a document for its name and sources; click to open it",
            placed.len(),
            shown.len(),
            arrows.len()
        ))
        .small(),
    );
    let dark = ui.visuals().dark_mode;
    let accent = theme::accent(dark);
    let mut picked: Option<DocIx> = None;
    let response = Plot::new("diffusion_timeline")
        .height(ui.available_height())
        .show_grid([true, false])
        .y_axis_formatter(|mark, _| {
            let lanes = ["未知 level?", "县级", "市级", "省级", "国家"];
            let v = mark.value;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a lane index")]
            let name = if (v - v.round()).abs() < 1e-6 && (0.0..=4.0).contains(&v) {
                lanes[v.round() as usize]
            } else {
                ""
            };
            name.to_owned()
        })
        .x_axis_formatter(|mark, _| format!("{:.0}", mark.value))
        .include_y(-0.5)
        .include_y(5.0)
        .show(ui, |plot| {
            // The document under the pointer, if any: its arrows are drawn strong, the rest faint.
            if plot.response().hovered() {
                picked = pick(plot, placed, position);
            }
            for e in arrows {
                let (from, to) = (position[&e.from], position[&e.to]);
                let mine = picked.is_some_and(|d| d == e.from || d == e.to);
                let mut colour = if e.cited { accent } else { accent.gamma_multiply(0.45) };
                if picked.is_some() && !mine {
                    colour = colour.gamma_multiply(0.2);
                }
                plot.line(
                    Line::new(format!("{} → {}", e.from, e.to), vec![from, to])
                        .color(colour)
                        .width(0.8 + 4.0 * e.share + if mine { 1.5 } else { 0.0 }),
                );
                // The head, short of the target's marker.
                let tip = [from[0] + (to[0] - from[0]) * 0.97, from[1] + (to[1] - from[1]) * 0.97];
                plot.arrows(
                    Arrows::new("direction", vec![from], vec![tip])
                        .color(colour)
                        .tip_length(10.0),
                );
            }
            for &(d, _) in placed {
                plot.points(
                    Points::new(state.docs[d].display_name(), vec![position[&d]])
                        .shape(MarkerShape::Circle)
                        .filled(true)
                        .radius(if picked == Some(d) { 6.0 } else { 4.0 })
                        .color(theme::doc_colour(d, dark)),
                );
            }
            draw_names(plot, state, picked, dark);
        })
        .response;
    if let Some(d) = picked {
        let response = response.on_hover_ui_at_pointer(|ui| sources_ui(ui, state, d, arrows));
        if response.clicked() {
            out.push(Command::SelectDocument(d));
            out.push(Command::SetView(crate::app::state::View::Document));
        }
    }
}

/// The placed document whose marker is nearest the pointer, within [`PICK_RADIUS`].
fn pick(
    plot: &egui_plot::PlotUi<'_>,
    placed: &[(DocIx, f64)],
    position: &std::collections::HashMap<DocIx, [f64; 2]>,
) -> Option<DocIx> {
    let pointer = plot.ctx().input(|i| i.pointer.latest_pos())?;
    placed
        .iter()
        .map(|&(d, _)| {
            let p = position[&d];
            (d, plot.screen_from_plot(PlotPoint::new(p[0], p[1])).distance(pointer))
        })
        .filter(|&(_, dist)| dist <= PICK_RADIUS)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(d, _)| d)
}

/// Rectangles already drawn on the plot (markers, names), in a coarse screen grid so that a
/// new one is checked against its neighbours only.
#[derive(Default)]
struct Taken {
    rects: Vec<(DocIx, egui::Rect)>,
    grid: std::collections::HashMap<(i32, i32), Vec<usize>>,
}

impl Taken {
    /// Grid cell (points).
    const CELL: f32 = 64.0;

    #[allow(clippy::cast_possible_truncation, reason = "screen points over a grid cell")]
    fn cells(r: egui::Rect) -> impl Iterator<Item = (i32, i32)> {
        let (x0, x1) = (
            (r.min.x / Self::CELL).floor() as i32,
            (r.max.x / Self::CELL).floor() as i32,
        );
        let (y0, y1) = (
            (r.min.y / Self::CELL).floor() as i32,
            (r.max.y / Self::CELL).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn add(&mut self, d: DocIx, r: egui::Rect) {
        for c in Self::cells(r) {
            self.grid.entry(c).or_default().push(self.rects.len());
        }
        self.rects.push((d, r));
    }

    /// `r` would cover something drawn for another document.
    fn covers(&self, d: DocIx, r: egui::Rect) -> bool {
        Self::cells(r).any(|c| {
            self.grid.get(&c).is_some_and(|ix| {
                ix.iter()
                    .any(|&i| self.rects[i].0 != d && self.rects[i].1.intersects(r))
            })
        })
    }
}

/// Names where they fit: the hovered document's, the compared ones', then those with the
/// most arrows. A name that would cover another name or a marker is left out (zoom in, or
/// hover its marker).
fn draw_names(plot: &mut egui_plot::PlotUi<'_>, state: &AppState, picked: Option<DocIx>, dark: bool) {
    /// The gap between a marker's centre and the bottom of its name (points).
    const ABOVE: f32 = 7.0;
    let t = state.timeline();
    let frame = plot.response().rect;
    let transform = *plot.transform();
    let screen = |d: DocIx| {
        let p = t.position[&d];
        transform.position_from_point(&PlotPoint::new(p[0], p[1]))
    };
    let mut taken = Taken::default();
    // The markers in view are in the way too: a name is not written over a block.
    for &(d, _) in &t.placed {
        let at = screen(d);
        if frame.contains(at) {
            taken.add(d, egui::Rect::from_center_size(at, egui::vec2(8.0, 8.0)));
        }
    }
    let chosen: std::collections::HashSet<DocIx> = state.chosen.iter().copied().collect();
    let order = picked
        .into_iter()
        .chain(t.by_arrows.iter().copied().filter(|d| chosen.contains(d)))
        .chain(t.by_arrows.iter().copied().filter(|d| !chosen.contains(d)));
    let mut named: std::collections::HashSet<DocIx> = std::collections::HashSet::new();
    for d in order {
        let at = screen(d);
        if !frame.contains(at) || !named.insert(d) {
            continue;
        }
        let bottom = egui::pos2(at.x, at.y - ABOVE);
        let name = state.docs[d].display_name();
        let rect = name_rect(bottom, name);
        if picked != Some(d) && taken.covers(d, rect) {
            continue;
        }
        taken.add(d, rect);
        plot.text(
            Text::new("names", transform.value_from_position(bottom), name)
                .color(theme::doc_colour(d, dark))
                .anchor(egui::Align2::CENTER_BOTTOM),
        );
    }
}

/// About where a name drawn centred above `bottom` lands on screen: wide characters (Han)
/// about a line's height wide, narrow ones half that, with a little room around.
fn name_rect(bottom: egui::Pos2, name: &str) -> egui::Rect {
    const LINE: f32 = 14.0;
    let width: f32 = name
        .chars()
        .map(|c| if c.is_ascii() { LINE * 0.55 } else { LINE })
        .sum::<f32>()
        + 4.0;
    egui::Rect::from_min_max(
        egui::pos2(bottom.x - width / 2.0, bottom.y - LINE - 2.0),
        egui::pos2(bottom.x + width / 2.0, bottom.y),
    )
}

/// Which arrows: each document's likeliest source or every pair, and the least share drawn.
fn options_ui(ui: &mut egui::Ui, options: TimelineOptions, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let mut o = options;
        ui.label("Arrows:");
        ui.radio_value(&mut o.every_pair, false, "Likeliest source of each document")
            .on_hover_text(
                "One arrow per document: from the document it cites, else from the one it shares most of its text with",
            );
        ui.radio_value(&mut o.every_pair, true, "Every pair")
            .on_hover_text("An arrow for every pair of documents that share wording (at most 300, the strongest)");
        ui.separator();
        ui.add(
            egui::Slider::new(&mut o.min_percent, 1..=80)
                .suffix(" %")
                .text("least share of the taker's text"),
        );
        if o != options {
            out.push(Command::SetTimeline(o));
        }
    });
}

/// What a hovered document took and gave, as drawn.
fn sources_ui(ui: &mut egui::Ui, state: &AppState, d: DocIx, arrows: &[Edge]) {
    let name = |i: DocIx| state.docs[i].display_name();
    let meta = &state.docs[d].meta;
    let date = meta
        .date_issued
        .as_deref()
        .or(meta.date_published.as_deref())
        .unwrap_or("");
    ui.strong(format!("{} {date}", name(d)));
    if let Some(title) = &meta.title {
        ui.label(title);
    }
    let pct = |e: &Edge| format!("{:.0} %", e.share * 100.0);
    let took: Vec<String> = arrows
        .iter()
        .filter(|e| e.to == d)
        .map(|e| format!("{} ({}{})", name(e.from), pct(e), if e.cited { ", cited" } else { "" }))
        .collect();
    let gave: Vec<String> = arrows
        .iter()
        .filter(|e| e.from == d)
        .map(|e| format!("{} ({})", name(e.to), pct(e)))
        .collect();
    if took.is_empty() && gave.is_empty() {
        ui.label("No arrow drawn to or from it.");
    }
    if !took.is_empty() {
        ui.label(format!("Took wording from: {}", took.join(", ")));
    }
    if !gave.is_empty() {
        ui.label(format!("Its wording taken by: {}", gave.join(", ")));
    }
    ui.weak("Click to open it");
}
