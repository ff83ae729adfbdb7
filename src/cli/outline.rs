//! `duizhao outline`: each document's metadata and numbered outline, as text or JSON
//! (schema in README.md).

use std::io::Write;

use serde::Serialize;

use duizhao::model::{CharRange, Document, MarkerKind, Meta, SourceEncoding, SourceFormat};

use super::{InputArgs, load};

/// Run `outline`; returns the exit code.
pub fn outline(args: &InputArgs, out: &mut impl Write) -> anyhow::Result<i32> {
    let (docs, code) = load(args);
    if args.json {
        let json: Vec<DocJson> = docs.iter().map(DocJson::from).collect();
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
    } else {
        for d in &docs {
            write_outline(d, out)?;
        }
    }
    Ok(code)
}

fn write_outline(d: &Document, out: &mut impl Write) -> std::io::Result<()> {
    let m = &d.meta;
    writeln!(
        out,
        "{} [{}] {}",
        d.display_name(),
        d.id,
        m.title.as_deref().unwrap_or("(no title found)")
    )?;
    let fields = [
        ("issuer", m.issuer.clone()),
        ("文号", m.doc_number.clone()),
        ("issued", m.date_issued.clone()),
        ("published", m.date_published.clone()),
        ("period", m.period.map(|[a, b]| format!("{a}–{b}"))),
        ("region", m.region.clone()),
    ];
    let shown: Vec<String> = fields
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}: {v}")))
        .collect();
    if !shown.is_empty() {
        writeln!(out, "  {}", shown.join(" · "))?;
    }
    for w in &d.warnings {
        writeln!(out, "  warning: {w}")?;
    }
    for s in &d.sections {
        let indent = "  ".repeat(usize::from(s.level));
        let number = if s.number.is_empty() {
            s.path.clone()
        } else {
            s.number.clone()
        };
        let preview: String = s.text.chars().take(24).filter(|c| *c != '\n').collect();
        let ellipsis = if s.text.chars().count() > 24 { "…" } else { "" };
        writeln!(out, "{indent}{number} {}  {preview}{ellipsis}", s.heading)?;
    }
    writeln!(out)
}

/// `duizhao outline --json`: one object per document (schema in README.md).
#[derive(Serialize)]
pub struct DocJson<'a> {
    pub id: &'a str,
    pub source: &'a str,
    pub label: &'a str,
    #[serde(flatten)]
    pub meta: &'a Meta,
    pub format: SourceFormat,
    pub encoding: SourceEncoding,
    pub warnings: &'a [String],
    /// The cleaned text every range points into.
    pub text: &'a str,
    pub sections: Vec<SectionJson<'a>>,
}

#[derive(Serialize)]
pub struct SectionJson<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub number: &'a str,
    pub heading: &'a str,
    pub text: &'a str,
    pub level: u8,
    pub kind: MarkerKind,
    pub range: CharRange,
    pub text_range: CharRange,
    pub parent: Option<&'a str>,
    pub children: Vec<&'a str>,
    pub units: &'a [String],
}

impl<'a> From<&'a Document> for DocJson<'a> {
    fn from(d: &'a Document) -> Self {
        let sections = d
            .sections
            .iter()
            .map(|s| SectionJson {
                id: &s.id,
                path: &s.path,
                number: &s.number,
                heading: &s.heading,
                text: &s.text,
                level: s.level,
                kind: s.kind,
                range: s.range,
                text_range: s.text_range,
                parent: s.parent.map(|p| d.sections[p].id.as_str()),
                children: s.children.iter().map(|&c| d.sections[c].id.as_str()).collect(),
                units: &s.units,
            })
            .collect();
        Self {
            id: &d.id,
            source: &d.source,
            label: &d.label,
            meta: &d.meta,
            format: d.format,
            encoding: d.encoding,
            warnings: &d.warnings,
            text: &d.text,
            sections,
        }
    }
}
