//! Running text with its marks: targets coloured and underlined, passages shared with another
//! document underlaid with that document's colour.

use egui::text::LayoutJob;
use egui::{FontId, Stroke, TextFormat};

use crate::app::theme;
use crate::model::{CharRange, DocIx};

/// What to mark in a text; every range is in chars of the document's text (as every span in
/// memory), and `origin` is where the text laid out starts in it: the one place a span is
/// turned into a place in what is drawn.
#[derive(Debug, Clone, Copy, Default)]
pub struct Marks<'a> {
    /// Where the text starts in the document's text (chars).
    pub origin: usize,
    /// Quantitative targets: coloured and underlined.
    pub targets: &'a [CharRange],
    /// Passages shared with another document: underlaid in its colour.
    pub shared: &'a [(CharRange, DocIx)],
    /// Search hits: on a yellow ground; the current one stronger.
    pub hits: &'a [CharRange],
    pub current: Option<CharRange>,
}

/// Lay out `text` with its marks. Overlapping marks combine; the first partner of a char
/// colours its underlay, and a search hit wins over a shared passage.
#[must_use]
pub fn marked(ui: &egui::Ui, text: &str, marks: Marks<'_>, dark: bool) -> LayoutJob {
    let chars: Vec<char> = text.chars().collect();
    marked_part(ui, &chars, CharRange::new(0, chars.len()), marks, dark)
}

/// Lay out the chars of `window` (of the text `chars`) with the marks that fall in it: the
/// running text between a section's indicator tables.
#[must_use]
pub fn marked_part(ui: &egui::Ui, chars: &[char], window: CharRange, marks: Marks<'_>, dark: bool) -> LayoutJob {
    let font = FontId::proportional(
        ui.style()
            .text_styles
            .get(&egui::TextStyle::Body)
            .map_or(15.0, |f| f.size),
    );
    let n = window.end.min(chars.len());
    let from = window.start.min(n);
    let mut cuts: Vec<usize> = vec![from, n];
    let local = |i: usize| i.saturating_sub(marks.origin).clamp(from, n);
    for r in marks
        .targets
        .iter()
        .chain(marks.shared.iter().map(|(r, _)| r))
        .chain(marks.hits)
    {
        cuts.push(local(r.start));
        cuts.push(local(r.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        if start >= end {
            continue;
        }
        let inside = |r: &CharRange| r.start <= marks.origin + start && marks.origin + end <= r.end;
        let mut format = TextFormat {
            font_id: font.clone(),
            color: ui.visuals().text_color(),
            ..Default::default()
        };
        if marks.targets.iter().any(inside) {
            format.color = theme::target_colour(dark);
            format.underline = Stroke::new(1.0, theme::target_colour(dark));
        }
        if let Some((_, partner)) = marks.shared.iter().find(|(r, _)| inside(r)) {
            format.background = theme::doc_colour(*partner, dark).gamma_multiply(if dark { 0.4 } else { 0.3 });
        }
        if marks.hits.iter().any(inside) {
            let current = marks.current.as_ref().is_some_and(inside);
            format.background = theme::search_hit(dark, current);
            if dark {
                format.color = egui::Color32::BLACK;
            }
        }
        job.append(&chars[start..end].iter().collect::<String>(), 0.0, format);
    }
    job
}
