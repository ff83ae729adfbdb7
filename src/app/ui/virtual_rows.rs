//! A long list of rows of different heights in a vertical scroll area, laid out only where it
//! is seen. A row outside the view (and a margin) takes the space of its measured height, or
//! of an estimate until it has been laid out once, so a first frame lays out only what fits.
//! The heights live in egui's memory under the list's id and are estimated afresh when what
//! they depend on changes (the caller's key, the width, the text sizes, the zoom); the row at
//! the top of the view then stays where it was. When a row above the view turns out taller or
//! shorter than estimated, the view is moved by the difference and the pass is redone, so the
//! text read does not jump.

use std::hash::{Hash, Hasher};

/// The heights of one list's rows and what they were measured for.
#[derive(Clone, Default)]
struct Heights {
    key: u64,
    rows: Vec<f32>,
    /// The row at the top of the view in the last pass, and how far its top was above the
    /// view's top edge.
    top: Option<(usize, f32)>,
}

/// Where to scroll: a row and how far (points) its top should be above the view's top edge.
type Target = (usize, f32);

/// Show `count` rows in a vertical scroll area filling the space (its id made from
/// `id_salt`), only those in view laid out, by `row(ui, i)`, each in its own id scope so that
/// its widgets keep their ids whichever rows are laid out around it. `estimate(i)` is row
/// `i`'s height until it has been laid out, and `key` what the rows' content depends on.
/// With `jump`, the view goes to that row (its top at the view's top) in this frame, whether
/// it was ever laid out or not; `row` may then scroll to something inside it instead
/// (`Ui::scroll_to_rect`: the later request wins).
pub fn show(
    ui: &mut egui::Ui,
    id_salt: impl Hash + std::fmt::Debug,
    key: impl Hash,
    count: usize,
    jump: Option<usize>,
    estimate: impl Fn(usize) -> f32,
    mut row: impl FnMut(&mut egui::Ui, usize),
) {
    let id = ui.make_persistent_id((&id_salt, "virtual_rows"));
    let area = egui::ScrollArea::vertical()
        .id_salt(&id_salt)
        .auto_shrink([false, false]);
    area.animated(false).show_viewport(ui, |ui, _| {
        let key = full_key(ui, &key, count);
        let mut heights: Heights = ui.data_mut(|d| d.remove_temp(id)).unwrap_or_default();
        let mut target = jump.filter(|&j| j < count).map(|j| (j, 0.0));
        if heights.key != key || heights.rows.len() != count {
            // What the view showed stays at its top while the heights are estimated afresh.
            target = target.or(heights.top.filter(|(r, _)| *r < count));
            heights.rows = (0..count).map(&estimate).collect();
            heights.key = key;
        }
        let drift = lay_out(ui, &mut heights, target, &mut row);
        if target.is_some() {
            heights.top = target;
            ui.ctx().request_discard("a list scrolled to a row");
        } else if drift.abs() > 0.5 {
            // Rows above the view changed height: keep what is read where it was.
            ui.scroll_with_delta_animation(egui::vec2(0.0, -drift), egui::style::ScrollAnimation::none());
            ui.ctx().request_discard("rows above the view were measured");
        }
        ui.data_mut(|d| d.insert_temp(id, heights));
    });
}

/// Lay out the rows in the window to show (around the target row, if any, else around the
/// view), record their heights, and return how much the rows wholly above the view grew.
fn lay_out(
    ui: &mut egui::Ui,
    heights: &mut Heights,
    target: Option<Target>,
    row: &mut impl FnMut(&mut egui::Ui, usize),
) -> f32 {
    let clip = ui.clip_rect();
    let margin = clip.height() * 0.25;
    let top = ui.cursor().top();
    let (from, to) = match target {
        Some((r, dy)) => {
            let y = top + heights.rows[..r].iter().sum::<f32>() + dy;
            (y - margin, y + clip.height() + margin)
        }
        None => (clip.top() - margin, clip.bottom() + margin),
    };
    let (mut skip, mut drift) = (0.0, 0.0);
    heights.top = None;
    for i in 0..heights.rows.len() {
        let y = ui.cursor().top() + skip;
        let h = heights.rows[i];
        if let Some((_, dy)) = target.filter(|(r, _)| *r == i) {
            // `scroll_to_rect` leaves the item spacing above what it brings to the top.
            let top = y + dy + ui.spacing().item_spacing.y;
            let rect = egui::Rect::from_min_size(egui::pos2(ui.cursor().left(), top), egui::vec2(1.0, 1.0));
            ui.scroll_to_rect_animation(rect, Some(egui::Align::TOP), egui::style::ScrollAnimation::none());
        }
        if y + h < from || y > to {
            skip += h;
            continue;
        }
        ui.add_space(skip);
        skip = 0.0;
        ui.push_id(("row", i), |ui| row(ui, i));
        let real = ui.cursor().top() - y;
        if target.is_none() && y + h <= clip.top() {
            drift += real - h;
        }
        if heights.top.is_none() && y + real > clip.top() {
            heights.top = Some((i, clip.top() - y));
        }
        heights.rows[i] = real;
    }
    ui.add_space(skip);
    drift
}

/// The caller's key with what every row's height depends on: their number, the width, the
/// text sizes and the zoom.
fn full_key(ui: &egui::Ui, key: &impl Hash, count: usize) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    count.hash(&mut h);
    ui.available_width().to_bits().hash(&mut h);
    ui.ctx().pixels_per_point().to_bits().hash(&mut h);
    for style in [
        egui::TextStyle::Body,
        egui::TextStyle::Heading,
        egui::TextStyle::Monospace,
    ] {
        ui.text_style_height(&style).to_bits().hash(&mut h);
    }
    h.finish()
}

/// The height of body text wrapped at a width, before it is laid out: for estimates.
#[derive(Debug, Clone, Copy)]
pub struct TextHeight {
    /// Chars a line holds.
    per_line: f32,
    /// A line with the spacing after it.
    pub line: f32,
}

impl TextHeight {
    #[must_use]
    pub fn new(ui: &egui::Ui, width: f32) -> Self {
        // A CJK glyph is about as wide as the font is high.
        let glyph = ui
            .style()
            .text_styles
            .get(&egui::TextStyle::Body)
            .map_or(15.0, |f| f.size);
        Self {
            per_line: (width / glyph).floor().max(1.0),
            line: ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y,
        }
    }

    /// Each paragraph of `text` wrapped, at least a line each.
    #[must_use]
    #[allow(clippy::cast_precision_loss, reason = "a count of chars, estimated")]
    pub fn of(&self, text: &str) -> f32 {
        let lines: f32 = text
            .split('\n')
            .map(|p| (p.chars().count() as f32 / self.per_line).ceil().max(1.0))
            .sum();
        lines * self.line
    }
}
