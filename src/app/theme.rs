//! Fonts and design tokens: the one place colours, spacing and fonts are decided.

use egui::{Color32, FontData, FontDefinitions, FontFamily};

use super::settings::Settings;

/// Noto Sans CJK SC (subset, SIL OFL 1.1 — assets/fonts/).
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Regular-subset.otf");
const CJK_FONT_NAME: &str = "noto-sans-cjk-sc";

/// Spacing between blocks of text.
pub const GAP: f32 = 8.0;
/// Indentation per outline level.
pub const INDENT: f32 = 14.0;
/// Width of the text column, in points, beyond which lines are not allowed to run.
pub const MAX_TEXT_WIDTH: f32 = 760.0;

/// Accent colour for selected numbers and headings.
#[must_use]
pub fn accent(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x7f, 0xb8, 0xff)
    } else {
        Color32::from_rgb(0x1f, 0x5f, 0xaa)
    }
}

/// Install the bundled CJK font after egui's own fonts (which cover Latin and symbols better),
/// for both families. eframe's system-font fallback stays on for anything else.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        CJK_FONT_NAME.to_owned(),
        std::sync::Arc::new(FontData::from_static(CJK_FONT)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push(CJK_FONT_NAME.to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Apply the remembered theme and zoom.
pub fn apply(ctx: &egui::Context, settings: &Settings) {
    ctx.set_theme(if settings.dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    if (0.5..=3.0).contains(&settings.zoom) {
        ctx.set_zoom_factor(settings.zoom);
    }
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        for (text_style, font) in &mut style.text_styles {
            font.size = match text_style {
                egui::TextStyle::Heading => 19.0,
                egui::TextStyle::Body | egui::TextStyle::Button => 15.0,
                egui::TextStyle::Monospace => 14.0,
                egui::TextStyle::Small => 12.0,
                egui::TextStyle::Name(_) => font.size,
            };
        }
    });
}

/// A stable colour per document (by its handle, or its index where a stage still counts
/// documents by number), readable on both themes.
#[must_use]
pub fn doc_colour(index: impl Into<usize>, dark: bool) -> Color32 {
    const LIGHT: [Color32; 6] = [
        Color32::from_rgb(0x1f, 0x5f, 0xaa),
        Color32::from_rgb(0xb0, 0x3a, 0x2e),
        Color32::from_rgb(0x2e, 0x7d, 0x32),
        Color32::from_rgb(0x8e, 0x44, 0xad),
        Color32::from_rgb(0xa8, 0x6a, 0x00),
        Color32::from_rgb(0x00, 0x7c, 0x80),
    ];
    const DARK: [Color32; 6] = [
        Color32::from_rgb(0x7f, 0xb8, 0xff),
        Color32::from_rgb(0xff, 0x8a, 0x7a),
        Color32::from_rgb(0x8b, 0xd8, 0x8e),
        Color32::from_rgb(0xd0, 0x9b, 0xf0),
        Color32::from_rgb(0xf5, 0xc0, 0x5a),
        Color32::from_rgb(0x6f, 0xd6, 0xd9),
    ];
    if dark {
        DARK[index.into() % DARK.len()]
    } else {
        LIGHT[index.into() % LIGHT.len()]
    }
}

/// Colour of a highlighted target in running text.
#[must_use]
pub fn target_colour(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xff, 0xb3, 0x47)
    } else {
        Color32::from_rgb(0xb3, 0x4d, 0x00)
    }
}

/// The ground of a search hit (the current hit stronger).
#[must_use]
pub fn search_hit(dark: bool, current: bool) -> Color32 {
    match (dark, current) {
        (false, false) => Color32::from_rgb(0xff, 0xef, 0x8a),
        // The current hit is the same amber in both themes.
        (_, true) => Color32::from_rgb(0xff, 0xc1, 0x07),
        (true, false) => Color32::from_rgb(0xc9, 0xb0, 0x3c),
    }
}

/// A heat-strip cell for a number of sections.
#[must_use]
pub fn heat(count: usize, dark: bool) -> Color32 {
    let base = accent(dark);
    let alpha = match count {
        0 => 0.08,
        1 => 0.45,
        2 => 0.7,
        _ => 1.0,
    };
    base.gamma_multiply(alpha)
}
