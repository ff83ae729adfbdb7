//! A matrix that scrolls both ways with its row and column names pinned, making only the
//! cells in view: what a library of hundreds of documents needs (the coverage matrix).

/// The sizes of a pinned grid.
pub struct PinnedGrid {
    pub id: &'static str,
    pub rows: usize,
    pub cols: usize,
    pub cell: egui::Vec2,
    pub gap: f32,
    /// Width of the row names on the left, height of the column names on top.
    pub row_names: f32,
    pub col_names: f32,
    /// The grid's height at most (it scrolls beyond).
    pub max_height: f32,
}

impl PinnedGrid {
    /// Draw the cells in view with `cell(ui, row, col, rect)`, then the names of the rows and
    /// columns in view over whatever scrolled under them.
    pub fn show(
        &self,
        ui: &mut egui::Ui,
        mut cell: impl FnMut(&mut egui::Ui, usize, usize, egui::Rect),
        mut row_name: impl FnMut(&mut egui::Ui, usize, egui::Rect),
        mut col_name: impl FnMut(&mut egui::Ui, usize, egui::Rect),
    ) {
        let step = self.cell + egui::vec2(self.gap, self.gap);
        let head = egui::vec2(self.row_names + self.gap, self.col_names + self.gap);
        let total = egui::vec2(head.x + self.cols as f32 * step.x, head.y + self.rows as f32 * step.y);
        egui::ScrollArea::both()
            .id_salt(self.id)
            .max_height(self.max_height)
            .auto_shrink([false, true])
            .show_viewport(ui, |ui, viewport| {
                ui.set_width(total.x);
                ui.set_height(total.y);
                let origin = ui.max_rect().min;
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "screen positions over a cell's size, clamped to 0 first"
                )]
                let visible = |from: f32, to: f32, head: f32, step: f32, n: usize| {
                    let first = ((from - head) / step).floor().max(0.0) as usize;
                    let last = (((to - head) / step).ceil().max(0.0) as usize).min(n);
                    first.min(last)..last
                };
                let rows = visible(viewport.min.y, viewport.max.y, head.y, step.y, self.rows);
                let cols = visible(viewport.min.x, viewport.max.x, head.x, step.x, self.cols);
                let at = |r: usize, c: usize| {
                    egui::Rect::from_min_size(
                        origin + head + egui::vec2(c as f32 * step.x, r as f32 * step.y),
                        self.cell,
                    )
                };
                for r in rows.clone() {
                    for c in cols.clone() {
                        cell(ui, r, c, at(r, c));
                    }
                }
                let bg = ui.visuals().panel_fill;
                let top = origin.y + viewport.min.y;
                let left = origin.x + viewport.min.x;
                ui.painter().rect_filled(
                    egui::Rect::from_min_size(egui::pos2(origin.x, top), egui::vec2(total.x, head.y)),
                    0.0,
                    bg,
                );
                for c in cols {
                    let rect = egui::Rect::from_min_size(
                        egui::pos2(at(0, c).min.x, top),
                        egui::vec2(self.cell.x, self.col_names),
                    );
                    col_name(ui, c, rect);
                }
                ui.painter().rect_filled(
                    egui::Rect::from_min_size(egui::pos2(left, origin.y), egui::vec2(head.x, total.y)),
                    0.0,
                    bg,
                );
                // The corner stays clear of both.
                ui.painter()
                    .rect_filled(egui::Rect::from_min_size(egui::pos2(left, top), head), 0.0, bg);
                for r in rows {
                    let rect = egui::Rect::from_min_size(
                        egui::pos2(left, at(r, 0).min.y),
                        egui::vec2(self.row_names, self.cell.y),
                    );
                    row_name(ui, r, rect);
                }
            });
    }
}
