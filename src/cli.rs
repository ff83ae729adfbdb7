//! The command line: `duizhao outline|… [FILE…] [--json]` over the same core as the app.
//!
//! Exit codes: 0 success; 2 when a file could not be read (the others are still processed
//! and printed; one line per problem on stderr, naming the file); 1 for any other failure.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::model::{CharRange, Document, MarkerKind, Meta, SourceEncoding, SourceFormat};

#[derive(Debug, Parser)]
#[command(
    name = "duizhao",
    version,
    about = "对照 — compare Chinese policy documents side by side by policy domain.\nWith no subcommand, opens the desktop app."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print each document's metadata and numbered outline.
    Outline(InputArgs),
    /// Align sections across documents by policy domain (and policy tool).
    Align(AlignArgs),
    /// List every quantitative target with its normalised value, year and metric.
    Targets(TargetsArgs),
    /// Export passages with their provenance (xlsx, csv, docx, md, json).
    Export(crate::cli_export::ExportArgs),
    /// Find passages documents share (policy diffusion): coverage per pair, direction, passages.
    Reuse(crate::cli_reuse::ReuseArgs),
    /// Train the domain model on gold files and/or your corrections (writes a model file).
    Train(crate::cli_train::TrainArgs),
    /// Open the desktop app with these files and folders imported (what "Open with" calls).
    Open(OpenArgs),
}

/// `duizhao open`: files and folders to import into the window.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Documents (.txt, .md, .docx, .pdf, .html) or folders of them.
    pub files: Vec<PathBuf>,
}

/// `duizhao align`: the inputs, and the taxonomy to align by.
#[derive(Debug, Args)]
pub struct AlignArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// A taxonomy file (format of assets/domains.toml) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
}

/// `duizhao targets`: the inputs, and whether to list the refused numbers.
#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Also list every quantity that was read and refused as a target, with the reason.
    #[arg(long)]
    pub explain: bool,
}

/// Files to read; none means the bundled corpus.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// .txt, .md, .docx, .pdf or saved .html files, or folders of them (read recursively).
    /// None: the bundled corpus.
    pub files: Vec<PathBuf>,
    /// Print JSON (schema in README.md) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Run a subcommand; returns the process exit code.
pub fn run(command: Command) -> i32 {
    let mut out = std::io::stdout().lock();
    let result = match command {
        Command::Outline(args) => outline(&args, &mut out),
        Command::Align(args) => crate::cli_align::align(&args, &mut out),
        Command::Targets(args) => targets(&args, &mut out),
        Command::Export(args) => Ok(crate::cli_export::export(&args)),
        Command::Reuse(args) => crate::cli_reuse::reuse(&args, &mut out),
        Command::Train(args) => crate::cli_train::train(&args, &mut out),
        Command::Open(_) => {
            eprintln!("duizhao: `open` needs the desktop app (built with the `gui` feature)");
            return 2;
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`duizhao outline | head`) is not a failure worth a message.
            let kind = e
                .downcast_ref::<std::io::Error>()
                .map(std::io::Error::kind)
                .or_else(|| {
                    e.downcast_ref::<serde_json::Error>()
                        .and_then(serde_json::Error::io_error_kind)
                });
            if kind == Some(std::io::ErrorKind::BrokenPipe) {
                return 0;
            }
            eprintln!("duizhao: {e:#}");
            1
        }
    }
}

/// Load the inputs; report unreadable files on stderr. Returns the documents and the exit
/// code their loading implies (2 if any file failed).
pub(crate) fn load(args: &InputArgs) -> (Vec<Document>, i32) {
    if args.files.is_empty() {
        return (crate::corpus::load_all(), 0);
    }
    let expanded = crate::ingest::folder::expand(&args.files);
    if let Some(summary) = expanded.skipped_summary() {
        eprintln!("duizhao: {summary}");
    }
    let (docs, errors) = crate::load_paths(&expanded.files);
    for e in &errors {
        eprintln!("{e}");
    }
    (docs, if errors.is_empty() { 0 } else { 2 })
}

fn outline(args: &InputArgs, out: &mut impl Write) -> anyhow::Result<i32> {
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

fn targets(targs: &TargetsArgs, out: &mut impl Write) -> anyhow::Result<i32> {
    #[derive(Serialize)]
    struct TargetsJson<'a> {
        documents: Vec<crate::align::report::DocRef<'a>>,
        targets: Vec<crate::targets::Target>,
        #[serde(skip_serializing_if = "Option::is_none")]
        refused: Option<Vec<crate::targets::Refused>>,
    }
    let args = &targs.input;
    let (docs, code) = load(args);
    let targets: Vec<crate::targets::Target> = docs.iter().flat_map(crate::targets::extract).collect();
    let refused: Option<Vec<crate::targets::Refused>> = targs
        .explain
        .then(|| docs.iter().flat_map(crate::targets::explain).collect());
    if args.json {
        let documents = docs.iter().map(crate::align::report::DocRef::from).collect();
        serde_json::to_writer_pretty(
            &mut *out,
            &TargetsJson {
                documents,
                targets,
                refused,
            },
        )?;
        writeln!(out)?;
        return Ok(code);
    }
    let rows: Vec<[String; 8]> = targets
        .iter()
        .map(|t| {
            let doc = docs
                .iter()
                .find(|d| d.id == t.doc)
                .map_or(t.doc.as_str(), Document::display_name);
            [
                doc.to_owned(),
                t.section.clone(),
                t.text.clone(),
                crate::targets::scaled_value(t),
                t.unit.clone(),
                t.comparator.symbol().to_owned(),
                t.year.map(|y| y.to_string()).unwrap_or_default(),
                t.metric.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let header = [
        "document",
        "section",
        "as printed",
        "value",
        "unit",
        "cmp",
        "year",
        "metric",
    ];
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| display_width(&r[i]))
                .chain([display_width(header[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[&str]| {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c}{}", " ".repeat(widths[i].saturating_sub(display_width(c)))))
            .collect::<Vec<_>>()
            .join("  ")
    };
    writeln!(out, "{}", line(&header).trim_end())?;
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        writeln!(out, "{}", line(&cells).trim_end())?;
    }
    writeln!(out, "{} targets in {} documents", targets.len(), docs.len())?;
    for r in refused.iter().flatten() {
        writeln!(
            out,
            "refused  {}  {}  {}  {}",
            r.doc,
            r.section,
            r.text.replace('\n', " "),
            r.reason
        )?;
    }
    Ok(code)
}

/// Terminal columns: wide (CJK) characters take two; quotes and ≥ ≈ ≤ take one.
pub(crate) fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '\u{1100}'..='\u{115F}'
            | '\u{2E80}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}' => 2,
            _ => 1,
        })
        .sum()
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
