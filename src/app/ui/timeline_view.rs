//! The diffusion timeline: the library's dated documents along a time axis, one lane per
//! level of government, and an arrow for each pair that shares wording, from the cited or
//! earlier document to the one that took from it, thicker the more of the taker's text is
//! shared.

use egui_plot::{Arrows, Line, MarkerShape, Plot, PlotPoint, Points, Text};

use crate::app::state::AppState;
use crate::app::theme;
use crate::library::diffusion::{self, Edge};
use crate::model::Level;

/// Pairs sharing less of the taker's text are not drawn.
const MIN_SHARE: f32 = 0.05;
/// At most this many arrows (the strongest).
const MAX_ARROWS: usize = 300;

pub fn timeline_ui(ui: &mut egui::Ui, state: &AppState) {
    let Some(a) = state.analysis() else {
        ui.spinner();
        return;
    };
    let shown: Vec<usize> = state.library_shown().map(|e| e.doc).collect();
    let placed: Vec<(usize, f64)> = shown
        .iter()
        .filter_map(|&d| diffusion::when(&state.docs[d]).map(|t| (d, t)))
        .collect();
    let lane = |d: usize| -> f64 {
        match state.docs[d].meta.level {
            Some(Level::National) => 4.0,
            Some(Level::Provincial) => 3.0,
            Some(Level::City) => 2.0,
            Some(Level::County) => 1.0,
            None => 0.0,
        }
    };
    // Within a lane, documents of the same time are spread so their names do not overlap.
    let mut position: std::collections::HashMap<usize, [f64; 2]> = std::collections::HashMap::new();
    let mut taken: Vec<[f64; 2]> = Vec::new();
    for &(d, t) in &placed {
        let mut y = lane(d);
        while taken.iter().any(|p| (p[0] - t).abs() < 0.35 && (p[1] - y).abs() < 0.12) {
            y += 0.14;
        }
        taken.push([t, y]);
        position.insert(d, [t, y]);
    }
    let arrows: Vec<Edge> = diffusion::edges(&a.reuse.pairs, MIN_SHARE, MAX_ARROWS)
        .into_iter()
        .filter(|e| position.contains_key(&e.from) && position.contains_key(&e.to))
        .collect();
    ui.label(
        egui::RichText::new(format!(
            "{} of {} documents have a date and are placed · {} arrows: wording shared, from the cited (solid) or earlier (faint) document to the one that took it; thicker = more of its text",
            placed.len(),
            shown.len(),
            arrows.len()
        ))
        .small(),
    );
    let dark = ui.visuals().dark_mode;
    let accent = theme::accent(dark);
    Plot::new("diffusion_timeline")
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
            for e in &arrows {
                let (from, to) = (position[&e.from], position[&e.to]);
                let colour = if e.cited { accent } else { accent.gamma_multiply(0.45) };
                plot.line(
                    Line::new(format!("{} → {}", e.from, e.to), vec![from, to])
                        .color(colour)
                        .width(0.8 + 4.0 * e.share),
                );
                // The head, short of the target's marker.
                let tip = [from[0] + (to[0] - from[0]) * 0.97, from[1] + (to[1] - from[1]) * 0.97];
                plot.arrows(
                    Arrows::new("direction", vec![from], vec![tip])
                        .color(colour)
                        .tip_length(10.0),
                );
            }
            for &(d, _) in &placed {
                let p = position[&d];
                let colour = theme::doc_colour(d, dark);
                plot.points(
                    Points::new(state.docs[d].display_name(), vec![p])
                        .shape(MarkerShape::Circle)
                        .filled(true)
                        .radius(4.0)
                        .color(colour),
                );
                plot.text(
                    Text::new("names", PlotPoint::new(p[0], p[1] + 0.06), state.docs[d].display_name())
                        .color(colour)
                        .anchor(egui::Align2::CENTER_BOTTOM),
                );
            }
        });
}
