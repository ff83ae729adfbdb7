//! The charts policy studies print, as data the app draws and as files: policy-tool groups
//! per document, domain coverage across documents, and targets by deadline year per domain.
//! Each is a stacked bar chart ([`Chart`]); [`svg`] writes it as an SVG page (text as text,
//! so a paper's editor can still change it) and [`png`] rasterises that same SVG at print
//! resolution with the bundled CJK font, so the picture and the vector file never differ.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::tables::{Block, Value};
use super::{Input, Selected};

/// A stacked bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// What the bars count (the value axis's label).
    pub unit: String,
    /// One name per bar, in order.
    pub bars: Vec<String>,
    /// The stacked layers, bottom (or left) first.
    pub layers: Vec<Layer>,
    /// Bars run sideways: many bars with long names (domains).
    pub horizontal: bool,
}

/// One layer of every bar: its name (the legend's) and a value per bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub name: String,
    pub values: Vec<f64>,
}

impl Chart {
    /// A bar's total (all layers).
    #[must_use]
    pub fn total(&self, bar: usize) -> f64 {
        self.layers
            .iter()
            .map(|l| l.values.get(bar).copied().unwrap_or(0.0))
            .sum()
    }

    /// Nothing to draw.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.bars.is_empty() || (0..self.bars.len()).all(|b| self.total(b) <= 0.0)
    }
}

/// Which chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    /// Items per policy-tool group, one bar per document.
    #[default]
    Tools,
    /// Sections per domain, stacked by document.
    Domains,
    /// Targets per deadline year, stacked by domain.
    Deadlines,
}

impl Kind {
    pub const ALL: [Self; 3] = [Self::Tools, Self::Domains, Self::Deadlines];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Tools => "Policy tools",
            Self::Domains => "Domains",
            Self::Deadlines => "Deadlines",
        }
    }

    /// The name `duizhao export --chart` takes.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Tools => "tools",
            Self::Domains => "domains",
            Self::Deadlines => "deadlines",
        }
    }

    #[must_use]
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }

    /// A file name stem for the chart.
    #[must_use]
    pub fn stem(self) -> &'static str {
        match self {
            Self::Tools => "policy-tools",
            Self::Domains => "domain-coverage",
            Self::Deadlines => "deadlines",
        }
    }
}

/// The chart of `kind` for the selection's documents (`blocks`: its cross-table, for the
/// tool chart), with no more layers than [`PALETTE`] has colours.
#[must_use]
pub fn chart(kind: Kind, input: &Input<'_>, selected: &Selected<'_>, blocks: &[Block]) -> Chart {
    fit_palette(match kind {
        Kind::Tools => tool_groups(input, selected, blocks),
        Kind::Domains => domain_coverage(input, selected),
        Kind::Deadlines => deadlines(selected),
    })
}

/// Items per tool group (供给型 / 环境型 / 需求型 …), one bar per document, from the
/// cross-table's per-document blocks (as the xlsx sheet counts them).
#[must_use]
pub fn tool_groups(input: &Input<'_>, selected: &Selected<'_>, blocks: &[Block]) -> Chart {
    let per_doc: Vec<Vec<(String, usize)>> = blocks.iter().take(selected.docs.len()).map(group_totals).collect();
    let names: Vec<String> = per_doc
        .first()
        .map(|g| g.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default();
    #[allow(clippy::cast_precision_loss, reason = "item counts are small")]
    let layers = names
        .iter()
        .enumerate()
        .map(|(g, name)| Layer {
            name: name.clone(),
            values: per_doc.iter().map(|d| d.get(g).map_or(0.0, |x| x.1 as f64)).collect(),
        })
        .collect();
    Chart {
        title: "政策工具分布 Policy-tool groups per document".to_owned(),
        unit: "条 items".to_owned(),
        bars: labels(input, selected),
        layers,
        horizontal: false,
    }
}

/// The group subtotal rows of a cross-table block (a group name, no tool id) with their
/// totals.
#[must_use]
pub fn group_totals(block: &Block) -> Vec<(String, usize)> {
    let total_col = block.header.len().saturating_sub(2);
    block
        .rows
        .iter()
        .filter_map(|row| match (row.first(), row.get(1), row.get(total_col)) {
            (Some(Value::Text(g)), Some(Value::Text(id)), Some(Value::Count(n))) if !g.is_empty() && id.is_empty() => {
                Some((g.clone(), *n))
            }
            _ => None,
        })
        .collect()
}

fn labels(input: &Input<'_>, selected: &Selected<'_>) -> Vec<String> {
    selected
        .docs
        .iter()
        .map(|&d| input.docs[d].display_name().to_owned())
        .collect()
}

/// Sections per domain (the corrected alignment), one bar per domain any document covers, in
/// the taxonomy's order, stacked by document.
#[must_use]
pub fn domain_coverage(input: &Input<'_>, selected: &Selected<'_>) -> Chart {
    let scheme = input.taxonomy.schemes.first();
    let categories = scheme.map_or(&[][..], |s| &s.categories[..]);
    let col: BTreeMap<&str, usize> = selected
        .docs
        .iter()
        .enumerate()
        .map(|(k, &d)| (input.docs[d].id.as_str(), k))
        .collect();
    let mut counts = vec![vec![0.0; selected.docs.len()]; categories.len()];
    for p in &selected.passages {
        let (Some(c), Some(&k)) = (p.domain, col.get(p.doc.id.as_str())) else {
            continue;
        };
        if let Some(i) = categories.iter().position(|x| x.id == c.id) {
            counts[i][k] += 1.0;
        }
    }
    let shown: Vec<usize> = (0..categories.len())
        .filter(|&i| counts[i].iter().any(|&n| n > 0.0))
        .collect();
    let layers = labels(input, selected)
        .into_iter()
        .enumerate()
        .map(|(k, name)| Layer {
            name,
            values: shown.iter().map(|&i| counts[i][k]).collect(),
        })
        .collect();
    Chart {
        title: "政策领域覆盖 Domain coverage across documents".to_owned(),
        unit: "节 sections".to_owned(),
        bars: shown.iter().map(|&i| categories[i].zh.clone()).collect(),
        layers,
        horizontal: true,
    }
}

/// Targets per deadline year (targets without a year, or due every year, are left out),
/// stacked by the domain of their section.
#[must_use]
pub fn deadlines(selected: &Selected<'_>) -> Chart {
    let mut by: BTreeMap<u16, BTreeMap<String, f64>> = BTreeMap::new();
    let mut domains: Vec<String> = Vec::new();
    for p in &selected.passages {
        for t in &p.targets {
            let Some(crate::targets::Deadline::Year(y)) = t.year else {
                continue;
            };
            let name = p.domain_name();
            if !domains.contains(&name) {
                domains.push(name.clone());
            }
            *by.entry(y).or_default().entry(name).or_insert(0.0) += 1.0;
        }
    }
    let layers = domains
        .iter()
        .map(|d| Layer {
            name: d.clone(),
            values: by.values().map(|m| m.get(d).copied().unwrap_or(0.0)).collect(),
        })
        .collect();
    Chart {
        title: "目标期限 Targets by deadline year and domain".to_owned(),
        unit: "个 targets".to_owned(),
        bars: by.keys().map(u16::to_string).collect(),
        layers,
        horizontal: false,
    }
}

/// A chart's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Image {
    Svg,
    Png,
}

impl Image {
    /// The format a file name asks for (`.svg`, `.png`).
    #[must_use]
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            _ => None,
        }
    }

    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
        }
    }
}

/// The resolution PNGs are written at: print.
pub const PRINT_DPI: f32 = 300.0;

/// The layers' colours (colour-blind-safe, after Okabe & Ito, then a few more).
pub const PALETTE: [[u8; 3]; 10] = [
    [0x00, 0x72, 0xb2],
    [0xe6, 0x9f, 0x00],
    [0x00, 0x9e, 0x73],
    [0xcc, 0x79, 0xa7],
    [0x56, 0xb4, 0xe9],
    [0xd5, 0x5e, 0x00],
    [0xf0, 0xe4, 0x42],
    [0x6a, 0x3d, 0x9a],
    [0x8c, 0x56, 0x4b],
    [0x17, 0xbe, 0xcf],
];

/// The colour of the layer that gathers what the palette has no colour left for.
pub const OTHER_COLOUR: [u8; 3] = [0x9a, 0x9a, 0x9a];
/// Its name.
pub const OTHER: &str = "其他 Other";

/// Layer `l`'s colour.
#[must_use]
pub fn colour(chart: &Chart, l: usize) -> [u8; 3] {
    if chart.layers.get(l).is_some_and(|x| x.name == OTHER) {
        OTHER_COLOUR
    } else {
        PALETTE[l % PALETTE.len()]
    }
}

/// At most as many layers as the palette has colours: beyond, the smallest layers are
/// summed into one [`OTHER`] layer on top, so no two layers share a colour.
fn fit_palette(mut chart: Chart) -> Chart {
    if chart.layers.len() <= PALETTE.len() {
        return chart;
    }
    let totals: Vec<f64> = chart.layers.iter().map(|l| l.values.iter().sum()).collect();
    let mut by_size: Vec<usize> = (0..chart.layers.len()).collect();
    by_size.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]).then(a.cmp(&b)));
    let keep: std::collections::BTreeSet<usize> = by_size[..PALETTE.len() - 1].iter().copied().collect();
    let mut other = vec![0.0; chart.bars.len()];
    let mut kept = Vec::new();
    for (i, layer) in chart.layers.into_iter().enumerate() {
        if keep.contains(&i) {
            kept.push(layer);
        } else {
            for (o, v) in other.iter_mut().zip(&layer.values) {
                *o += v;
            }
        }
    }
    kept.push(Layer {
        name: OTHER.to_owned(),
        values: other,
    });
    chart.layers = kept;
    chart
}

/// The SVG's size in CSS pixels (96 per inch): 12.5 × 7.8 inches.
pub const WIDTH: f32 = 1200.0;
pub const HEIGHT: f32 = 750.0;
/// The font the SVG asks for (the one the app bundles), then fallbacks.
const FONT: &str =
    "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A round step for about five grid lines up to `max`: 1, 2 or 5 × 10ⁿ.
fn step(max: f64) -> f64 {
    let raw = (max / 5.0).max(1e-9);
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p)
}

/// Where the plot area lies on the page and how values map onto it.
struct Frame {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    horizontal: bool,
    /// The grid's step and the value at the end of the value axis.
    step: f64,
    top_value: f64,
    /// The room of one bar along the other axis.
    band: f32,
}

impl Frame {
    #[allow(clippy::cast_precision_loss, reason = "a few hundred bars at most")]
    fn new(chart: &Chart) -> Self {
        let right = WIDTH - 220.0;
        let (left, bottom) = if chart.horizontal {
            (190.0, HEIGHT - 56.0)
        } else {
            (80.0, HEIGHT - 120.0)
        };
        let top = 64.0;
        let max = (0..chart.bars.len())
            .map(|b| chart.total(b))
            .fold(0.0, f64::max)
            .max(1.0);
        let step = step(max);
        let across = if chart.horizontal { bottom - top } else { right - left };
        Self {
            left,
            right,
            top,
            bottom,
            horizontal: chart.horizontal,
            step,
            top_value: (max / step).ceil() * step,
            band: across / chart.bars.len().max(1) as f32,
        }
    }

    /// A value's length along the value axis, in pixels.
    #[allow(clippy::cast_possible_truncation, reason = "pixel geometry")]
    fn scale(&self, v: f64) -> f32 {
        let along = if self.horizontal {
            self.right - self.left
        } else {
            self.bottom - self.top
        };
        (v / self.top_value) as f32 * along
    }

    /// Grid lines with their values, and the value axis's label.
    fn grid(&self, s: &mut String, unit: &str) {
        let (left, right, top, bottom) = (self.left, self.right, self.top, self.bottom);
        let mut v = 0.0;
        while v <= self.top_value + 1e-9 {
            let d = self.scale(v);
            let label = if self.step >= 1.0 {
                format!("{v:.0}")
            } else {
                format!("{v}")
            };
            if self.horizontal {
                let x = left + d;
                let _ = writeln!(
                    s,
                    r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{bottom}" stroke="#dddddd"/><text x="{x:.1}" y="{}" font-size="14" text-anchor="middle">{label}</text>"##,
                    bottom + 20.0
                );
            } else {
                let y = bottom - d;
                let _ = writeln!(
                    s,
                    r##"<line x1="{left}" y1="{y:.1}" x2="{right}" y2="{y:.1}" stroke="#dddddd"/><text x="{}" y="{:.1}" font-size="14" text-anchor="end">{label}</text>"##,
                    left - 8.0,
                    y + 5.0
                );
            }
            v += self.step;
        }
        let unit = esc(unit);
        if self.horizontal {
            let _ = writeln!(
                s,
                r#"<text x="{:.1}" y="{}" font-size="15" text-anchor="middle">{unit}</text>"#,
                f32::midpoint(left, right),
                bottom + 44.0
            );
        } else {
            let _ = writeln!(
                s,
                r#"<text transform="translate(22 {:.1}) rotate(-90)" font-size="15" text-anchor="middle">{unit}</text>"#,
                f32::midpoint(top, bottom)
            );
        }
    }

    /// Every bar, layer on layer, with its name; then the axes.
    #[allow(clippy::cast_precision_loss, reason = "a bar's position")]
    fn bars(&self, s: &mut String, chart: &Chart) {
        for (k, name) in chart.bars.iter().enumerate() {
            let start = self.band * k as f32 + self.band * 0.2;
            let thick = self.band * 0.6;
            let mut base = 0.0;
            for (l, layer) in chart.layers.iter().enumerate() {
                let value = layer.values.get(k).copied().unwrap_or(0.0);
                if value <= 0.0 {
                    continue;
                }
                let [r, g, b] = colour(chart, l);
                let (a, len) = (self.scale(base), self.scale(value));
                let (x, y, w, h) = if self.horizontal {
                    (self.left + a, self.top + start, len, thick)
                } else {
                    (self.left + start, self.bottom - a - len, thick, len)
                };
                let _ = writeln!(
                    s,
                    r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="rgb({r},{g},{b})"><title>{}: {} {value}</title></rect>"#,
                    esc(name),
                    esc(&layer.name)
                );
                base += value;
            }
            if self.horizontal {
                let _ = writeln!(
                    s,
                    r#"<text x="{}" y="{:.1}" font-size="14" text-anchor="end">{}</text>"#,
                    self.left - 8.0,
                    self.top + start + thick / 2.0 + 5.0,
                    esc(name)
                );
            } else {
                let (x, y) = (self.left + start + thick / 2.0, self.bottom + 18.0);
                let _ = writeln!(
                    s,
                    r#"<text transform="translate({x:.1} {y}) rotate(-30)" font-size="14" text-anchor="end">{}</text>"#,
                    esc(name)
                );
            }
        }
        let (left, right, top, bottom) = (self.left, self.right, self.top, self.bottom);
        let _ = writeln!(
            s,
            r#"<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="black"/><line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="black"/>"#
        );
    }

    /// A swatch and a name per layer, right of the plot.
    #[allow(clippy::cast_precision_loss, reason = "a few layers")]
    fn legend(&self, s: &mut String, chart: &Chart) {
        for (l, layer) in chart.layers.iter().enumerate() {
            let [r, g, b] = colour(chart, l);
            let y = self.top + 26.0 * l as f32;
            let _ = writeln!(
                s,
                r#"<rect x="{}" y="{y:.1}" width="16" height="16" fill="rgb({r},{g},{b})"/><text x="{}" y="{:.1}" font-size="15">{}</text>"#,
                self.right + 24.0,
                self.right + 48.0,
                y + 14.0,
                esc(&layer.name)
            );
        }
    }
}

/// The chart as an SVG document: a white page with the title, the grid, the bars with their
/// names, and the legend; every name is text.
#[must_use]
pub fn svg(chart: &Chart) -> String {
    let frame = Frame::new(chart);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT}">
<rect width="100%" height="100%" fill="white"/>
<text x="{}" y="36" font-size="22" text-anchor="middle" fill="black">{}</text>
"#,
        WIDTH / 2.0,
        esc(&chart.title)
    );
    frame.grid(&mut s, &chart.unit);
    frame.bars(&mut s, chart);
    frame.legend(&mut s, chart);
    s.push_str("</svg>\n");
    s
}

/// The font PNGs are drawn with (the one the app bundles).
const FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Regular-subset.otf");

/// The chart as a PNG at `dpi` dots per inch (300 for print): [`svg`] rasterised.
///
/// # Errors
/// The SVG could not be read back or the image not made (a size beyond the rasteriser's).
pub fn png(chart: &Chart, dpi: f32) -> Result<Vec<u8>, String> {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_font_data(FONT_BYTES.to_vec());
    "Noto Sans CJK SC".clone_into(&mut options.font_family);
    let tree = resvg::usvg::Tree::from_str(&svg(chart), &options).map_err(|e| format!("the chart's SVG: {e}"))?;
    let scale = dpi / 96.0;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or("the chart is too large to draw")?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("the chart is too large to draw")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| format!("the chart's PNG: {e}"))
}
