//! The diffusion timeline: the library's dated documents along a time axis, one lane per
//! level of government, and an arrow for each pair that shares wording, from the cited or
//! earlier document to the one that took from it, thicker the more of the taker's text is
//! shared.

use egui_plot::{Arrows, Line, MarkerShape, Plot, PlotPoint, Points, Text};

use crate::app::state::AppState;
use crate::app::theme;

pub fn timeline_ui(ui: &mut egui::Ui, state: &AppState) {
    if state.analysis().is_none() {
        ui.spinner();
        return;
    }
    let t = state.timeline();
    let (placed, position, arrows) = (&t.placed, &t.position, &t.edges);
    let shown = state.library_shown();
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
            for e in arrows {
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
            for &(d, _) in placed {
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
