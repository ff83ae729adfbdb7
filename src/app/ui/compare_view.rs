//! The chosen documents side by side, one column each, domain by domain. Targets are
//! highlighted in the text and listed with their normalised values; an empty cell says so.

use crate::app::command::Command;
use crate::app::state::{AppState, Card, CompareRow};
use crate::app::theme;
use crate::app::ui::marks;
use crate::model::{DocIx, SecIx};

pub fn compare_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    if let Some(why) = state.analysis_error() {
        ui.colored_label(ui.visuals().error_fg_color, why);
        return out;
    }
    if state.analysis().is_none() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Aligning the documents…");
        });
        return out;
    }
    if state.chosen.is_empty() {
        ui.label("Choose documents to compare in the bar above.");
        return out;
    }
    let dark = ui.visuals().dark_mode;
    search_bar_ui(ui, state, &mut out);
    // Columns never narrower than a readable width: when they do not fit, the headers and
    // the rows scroll sideways together (the headers stay put when the rows scroll down).
    let n = state.chosen.len();
    let width = n as f32 * MIN_COLUMN;
    if width <= ui.available_width() {
        let sideways = Sideways {
            scroll_x: 0.0,
            pin: false,
            in_view: vec![true; n],
        };
        columns_ui(ui, state, dark, &sideways, &mut out);
    } else {
        egui::ScrollArea::horizontal()
            .id_salt("compare_sideways")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                ui.set_width(width);
                let pin = state.pin_reference && n > 1;
                let sideways = Sideways {
                    scroll_x: viewport.min.x,
                    pin,
                    in_view: columns_in_view(n, width, viewport.x_range(), pin),
                };
                columns_ui(ui, state, dark, &sideways, &mut out);
            });
    }
    out
}

/// Where the columns stand when they scroll sideways.
struct Sideways {
    /// The sideways scroll offset: the domain titles (and a pinned reference column) are
    /// drawn where the visible part begins.
    scroll_x: f32,
    /// Column 0 is the pinned reference.
    pin: bool,
    /// Per column: whether any of it is in view. A row is as tall as its cells in view.
    in_view: Vec<bool>,
}

/// Which of `n` equal columns across `width` points overlap the visible part `view` (the
/// pinned one always does).
fn columns_in_view(n: usize, width: f32, view: egui::Rangef, pin: bool) -> Vec<bool> {
    #[allow(clippy::cast_precision_loss, reason = "a handful of columns")]
    let w = width / n.max(1) as f32;
    (0..n)
        .map(|k| {
            #[allow(clippy::cast_precision_loss, reason = "a handful of columns")]
            let left = k as f32 * w;
            (pin && k == 0) || (left < view.max && left + w > view.min)
        })
        .collect()
}

/// Lay out the columns of one band (the headers, or one domain's cells): `add(col, k)` for
/// each column `k`. With `pin` (the sideways scroll offset), column 0 is drawn last, moved
/// to the visible left edge over an opaque background, so it stays in view while the
/// others scroll under it. A column not `in_view` is laid out (its widgets stay where they
/// are) but does not make the band taller: the band is as tall as the columns in view. A
/// column past the end of `in_view` counts as in view (the headers pass none).
fn band(ui: &mut egui::Ui, n: usize, pin: Option<f32>, in_view: &[bool], mut add: impl FnMut(&mut egui::Ui, usize)) {
    ui.columns(n, |cols| {
        let first = usize::from(pin.is_some());
        for (k, col) in cols.iter_mut().enumerate().skip(first) {
            if in_view.get(k).copied().unwrap_or(true) {
                add(col, k);
            } else {
                let mut aside = col.new_child(egui::UiBuilder::new().max_rect(col.max_rect()).layout(*col.layout()));
                add(&mut aside, k);
            }
        }
        let Some(dx) = pin else {
            return;
        };
        let col = &mut cols[0];
        let bg = col.painter().add(egui::Shape::Noop);
        let rect = col.max_rect().translate(egui::vec2(dx, 0.0));
        let mut child = col.new_child(egui::UiBuilder::new().max_rect(rect).layout(*col.layout()));
        add(&mut child, 0);
        let used = child.min_rect();
        let visuals = col.visuals();
        let shade = egui::Rect::from_min_max(
            used.min - egui::vec2(2.0, 2.0),
            egui::pos2(rect.right() + 6.0, used.max.y + 2.0),
        );
        col.painter()
            .set(bg, egui::Shape::rect_filled(shade, 0.0, visuals.panel_fill));
        col.painter()
            .vline(shade.right(), shade.y_range(), visuals.widgets.noninteractive.bg_stroke);
        col.advance_cursor_after_rect(used.translate(egui::vec2(-dx, 0.0)));
    });
}

/// Below this a CJK column wraps every few characters.
const MIN_COLUMN: f32 = 300.0;

/// The column headers and the rows. `scroll_x` is the sideways scroll offset: the domain
/// titles (and with `pin` the reference column) are drawn where the visible part begins.
fn columns_ui(ui: &mut egui::Ui, state: &AppState, dark: bool, sideways: &Sideways, out: &mut Vec<Command>) {
    let n = state.chosen.len();
    let pin = sideways.pin.then_some(sideways.scroll_x);
    band(ui, n, pin, &[], |col, k| {
        let d = state.chosen[k];
        let doc = &state.docs[d];
        // The label, and the start of the title when the text gives one (the file name is
        // the label's source otherwise, and would only repeat it).
        let header = match doc.meta.title.as_deref() {
            Some(title) => {
                let short: String = title.chars().take(18).collect();
                let ellipsis = if title.chars().count() > 18 { "…" } else { "" };
                format!("{} · {short}{ellipsis}", doc.display_name())
            }
            None => doc.display_name().to_owned(),
        };
        col.horizontal(|ui| {
            if k > 0
                && ui
                    .small_button("←")
                    .on_hover_text(format!("Move {} left", doc.display_name()))
                    .clicked()
            {
                out.push(Command::MoveColumn { from: k, to: k - 1 });
            }
            if k + 1 < n
                && ui
                    .small_button("→")
                    .on_hover_text(format!("Move {} right", doc.display_name()))
                    .clicked()
            {
                out.push(Command::MoveColumn { from: k, to: k + 1 });
            }
            reference_button_ui(ui, state, k, d, out);
            ui.add(egui::Label::new(egui::RichText::new(header).strong().color(theme::doc_colour(d, dark))).truncate())
                .on_hover_text(doc.meta.title.as_deref().unwrap_or(&doc.source));
        });
    });
    ui.separator();
    // Only the rows in view are laid out (`virtual_rows`): a comparison of twenty documents
    // holds hundreds of cards.
    let rows: Vec<(usize, &CompareRow)> = state.compare_rows().collect();
    let jump = state.jump_to_row.and_then(|j| rows.iter().position(|(i, _)| *i == j));
    if jump.is_some() {
        out.push(Command::JumpToRow(None));
    }
    let estimate = Estimate::new(ui, n, &sideways.in_view);
    // Heights are estimated afresh when a column comes into view or leaves it.
    let key = (state.revision(), state.show_shared, &sideways.in_view);
    let row_at = |k: usize| rows[k].1;
    super::virtual_rows::show(
        ui,
        "compare",
        key,
        rows.len(),
        jump,
        |k| estimate.row(row_at(k)),
        |ui, k| {
            let (i, row) = rows[k];
            row_ui(ui, state, (i, row), dark, sideways, jump == Some(k), out);
        },
    );
}

/// One domain's row: its title, then its cells. `jumping`: the view is going to this row;
/// the card holding the current search hit is scrolled to if the row's top would leave it
/// below the view.
fn row_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    (i, row): (usize, &CompareRow),
    dark: bool,
    sideways: &Sideways,
    jumping: bool,
    out: &mut Vec<Command>,
) {
    let top = ui.cursor().top();
    let pin = sideways.pin.then_some(sideways.scroll_x);
    ui.horizontal(|ui| {
        ui.add_space(sideways.scroll_x);
        ui.add(egui::Label::new(egui::RichText::new(&row.title).heading()).wrap())
            .on_hover_text(&row.description)
    });
    let hit = state.current_hit().filter(|h| jumping && h.row == i);
    let reveal = hit.map(|h| (h.doc, h.section, top + ui.clip_rect().height()));
    band(ui, row.cells.len(), pin, &sideways.in_view, |col, k| {
        let cell = &row.cells[k];
        if cell.is_empty() {
            col.weak("— no section on this domain —");
        }
        for card in cell {
            card_ui(col, state, card, dark, reveal, out);
        }
    });
    ui.add_space(theme::GAP);
    ui.separator();
}

/// A row's height before it has been laid out, from its text: the tallest cell in view's
/// cards, each a line for its number and heading and its text wrapped at the column's width.
struct Estimate<'a> {
    in_view: &'a [bool],
    text: super::virtual_rows::TextHeight,
    /// A row's title, gap and separator.
    row: f32,
    /// A card's number line and the space after it.
    card: f32,
}

impl<'a> Estimate<'a> {
    fn new(ui: &egui::Ui, columns: usize, in_view: &'a [bool]) -> Self {
        let spacing = ui.spacing().item_spacing;
        #[allow(clippy::cast_precision_loss, reason = "a handful of columns")]
        let n = columns.max(1) as f32;
        let column = (ui.available_width() - spacing.x * (n - 1.0)) / n;
        Self {
            in_view,
            text: super::virtual_rows::TextHeight::new(ui, column),
            row: ui.text_style_height(&egui::TextStyle::Heading) + theme::GAP + 4.0 * spacing.y,
            card: ui.spacing().interact_size.y + spacing.y + theme::GAP * 0.5,
        }
    }

    fn row(&self, row: &CompareRow) -> f32 {
        let tallest = row
            .cells
            .iter()
            .zip(self.in_view)
            .filter(|(_, seen)| **seen)
            .map(|(cell, _)| cell.iter().map(|c| self.card(c)).sum::<f32>().max(self.text.line))
            .fold(0.0, f32::max);
        self.row + tallest
    }

    fn card(&self, card: &Card) -> f32 {
        let note = if card.note.is_some() { self.text.line } else { 0.0 };
        self.card + self.text.of(&card.text) + note
    }
}

/// Pin a column as the reference (it moves to the left and stays there), or unpin it.
fn reference_button_ui(ui: &mut egui::Ui, state: &AppState, k: usize, d: DocIx, out: &mut Vec<Command>) {
    let name = state.docs[d].display_name();
    if state.pin_reference && k == 0 {
        if ui
            .small_button("Unpin")
            .on_hover_text(format!("{name} scrolls with the other columns again"))
            .clicked()
        {
            out.push(Command::PinReference(None));
        }
    } else if ui
        .small_button("Pin")
        .on_hover_text(format!(
            "Pin {name} as the reference: first column, kept in view while the others scroll"
        ))
        .clicked()
    {
        out.push(Command::PinReference(Some(d)));
    }
}

/// One section's card. `reveal`: the card of this (document, section) is scrolled to the top
/// when it reaches below this height (it holds the search hit gone to).
fn card_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    card: &Card,
    dark: bool,
    reveal: Option<(DocIx, SecIx, f32)>,
    out: &mut Vec<Command>,
) {
    let top = ui.cursor().top();
    ui.horizontal_wrapped(|ui| {
        super::basket_view::basket_checkbox(ui, state, card.doc, card.section, out);
        let path = ui.add(
            egui::Label::new(egui::RichText::new(&card.path).monospace().color(theme::accent(dark)))
                .sense(egui::Sense::click()),
        );
        let path = path.on_hover_text("Click: show in document · right-click: copy, move to another domain");
        if path.clicked() {
            out.push(Command::ShowSection {
                doc: card.doc,
                section: card.section,
            });
        }
        path.context_menu(|ui| section_menu_ui(ui, state, card, out));
        if !card.heading.is_empty() {
            ui.label(egui::RichText::new(&card.heading).strong());
        }
        if let Some(sim) = card.similarity {
            ui.weak(format!("≈{:.0}%", sim * 100.0))
                .on_hover_text("Similarity to the closest section of the neighbouring column");
        }
    });
    let targets: Vec<crate::model::CharRange> = card.targets.iter().map(|(r, _)| *r).collect();
    let shared: &[(crate::model::CharRange, DocIx)] = if state.show_shared { &card.shared } else { &[] };
    let current = state
        .current_hit()
        .filter(|h| h.doc == card.doc && h.section == card.section)
        .map(|h| h.range);
    let marks = marks::Marks {
        origin: card.text_range.start,
        targets: &targets,
        shared,
        hits: &card.hits,
        current,
    };
    // `ui.columns` lays out justified; stretched CJK lines read badly, so the body is not.
    let parts = state.parts_in(card.doc, card.section);
    let salt = ("card_body", card.doc, card.section);
    let body = ui
        .with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
            super::indicator_view::body_ui(ui, salt, &card.text, parts, marks, dark)
        })
        .inner;
    if !card.targets.is_empty() {
        let lines: Vec<&str> = card.targets.iter().map(|(_, t)| t.as_str()).collect();
        let tip = lines.join("\n");
        for text in body {
            text.on_hover_text(&tip);
        }
    }
    if let Some(note) = &card.note {
        super::project_view::note_line_ui(ui, note, card.doc, card.section, out);
    }
    if let Some((_, _, bottom)) = reveal.filter(|&(d, s, _)| (d, s) == (card.doc, card.section))
        && ui.cursor().top() > bottom
    {
        let rect = egui::Rect::from_x_y_ranges(ui.max_rect().x_range(), top..=ui.cursor().top());
        ui.scroll_to_rect_animation(rect, Some(egui::Align::TOP), egui::style::ScrollAnimation::none());
    }
    ui.add_space(theme::GAP * 0.5);
}

/// Copy, cite, move to another domain, open in the document.
fn section_menu_ui(ui: &mut egui::Ui, state: &AppState, card: &Card, out: &mut Vec<Command>) {
    let (doc, section) = (card.doc, card.section);
    if ui.button("Copy text").clicked() {
        out.push(Command::Copy {
            doc,
            section,
            cite: false,
        });
        ui.close();
    }
    let note = if card.note.is_some() { "Edit note…" } else { "Note…" };
    if ui.button(note).clicked() {
        out.push(Command::EditNote(Some((card.doc, card.section))));
        ui.close();
    }
    if ui.button("Copy with citation").clicked() {
        out.push(Command::Copy {
            doc,
            section,
            cite: true,
        });
        ui.close();
    }
    ui.menu_button("Move to domain…", |ui| {
        let current = state.category_of(doc, section);
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            for (c, name) in state.categories() {
                if ui.selectable_label(current == Some(c), name).clicked() {
                    out.push(Command::MoveSection {
                        doc,
                        section,
                        category: Some(c),
                    });
                    ui.close();
                }
            }
            if ui.selectable_label(current.is_none(), "No category 未归类").clicked() {
                out.push(Command::MoveSection {
                    doc,
                    section,
                    category: None,
                });
                ui.close();
            }
        });
    });
    let in_basket = state.in_basket(doc, section);
    if ui
        .button(if in_basket {
            "Remove from basket"
        } else {
            "Add to basket"
        })
        .clicked()
    {
        out.push(Command::ToggleBasket { doc, section });
        ui.close();
    }
    if ui.button("Show in document").clicked() {
        out.push(Command::ShowSection { doc, section });
        ui.close();
    }
}

/// The search field over the chosen documents (Ctrl+F), its count and next/previous.
fn search_bar_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let hint = "Search the chosen documents (Ctrl+F)";
        let (field, edited) = super::text_field(ui, &state.search, "Search", hint, 280.0);
        if state.focus_search {
            field.request_focus();
            out.push(Command::FocusSearch(false));
        }
        if let Some(query) = edited {
            out.push(Command::SetSearch(query));
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            out.push(Command::SearchStep(!back));
            field.request_focus();
        }
        let n = state.search_hits().len();
        if !state.search.trim().is_empty() {
            let count = if n == 0 {
                "no match".to_owned()
            } else {
                format!("{} / {n}", state.search_current + 1)
            };
            ui.label(count);
            if ui
                .add_enabled(n > 0, egui::Button::new("↑"))
                .on_hover_text("Previous match (Shift+Enter)")
                .clicked()
            {
                out.push(Command::SearchStep(false));
            }
            if ui
                .add_enabled(n > 0, egui::Button::new("↓"))
                .on_hover_text("Next match (Enter)")
                .clicked()
            {
                out.push(Command::SearchStep(true));
            }
            if ui.button("Clear").clicked() {
                out.push(Command::SetSearch(String::new()));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Order by date")
                .on_hover_text("Columns from the earliest document to the latest")
                .clicked()
            {
                out.push(Command::ColumnsByDate);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::columns_in_view;

    #[test]
    fn the_columns_in_view_are_those_the_visible_part_overlaps() {
        let view = |from: f32, to: f32| egui::Rangef::new(from, to);
        // Five columns of 300 points, 700 points seen.
        assert_eq!(
            columns_in_view(5, 1500.0, view(0.0, 700.0), false),
            [true, true, true, false, false]
        );
        assert_eq!(
            columns_in_view(5, 1500.0, view(800.0, 1500.0), false),
            [false, false, true, true, true]
        );
        // The pinned reference is always in view.
        assert_eq!(
            columns_in_view(5, 1500.0, view(800.0, 1500.0), true),
            [true, false, true, true, true]
        );
    }
}
