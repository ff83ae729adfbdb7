//! `duizhao export`: selected passages to a file, with provenance.

use std::path::PathBuf;

use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use super::InputArgs;
use duizhao::export::{self, Format, Input, SectionRef, Selection, chart};

/// `--format`: the names of [`Format::name`], with a word on the ones a name does not explain.
fn format_parser() -> impl TypedValueParser<Value = Format> {
    let values = Format::NAMED.map(|f| {
        PossibleValue::new(f.name()).help(match f {
            Format::Qdpx => Some("REFI-QDA project (MAXQDA, NVivo, ATLAS.ti, QualCoder)."),
            Format::Crosstab => Some("The policy-tool × domain cross-table (CSV)."),
            Format::Coding => Some("The coding table 编码表 (CSV)."),
            _ => None,
        })
    });
    PossibleValuesParser::new(values).try_map(|name| Format::from_name(&name).ok_or("not a format"))
}

/// `duizhao export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format (default: from the file name's extension).
    #[arg(long, value_parser = format_parser())]
    pub format: Option<Format>,
    /// The file to write.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// Only these documents (ids, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID,…")]
    pub docs: Vec<String>,
    /// Only these domains (ids from the taxonomy, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID,…")]
    pub domains: Vec<String>,
    /// These sections, in this order: DOC:SECTION (e.g. shanghai-2020:二/10), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "DOC:SECTION,…", conflicts_with_all = ["docs", "domains"])]
    pub sections: Vec<String>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// A taxonomy file instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
    /// A domain model file (made by `duizhao train -o FILE`) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Write this chart of the selection's documents instead of passages, as SVG or PNG
    /// (300 dpi) by the file's extension: tools (policy-tool groups per document), domains
    /// (sections per domain and document), deadlines (targets per deadline year and domain).
    #[arg(long, value_name = "KIND", value_parser = ["tools", "domains", "deadlines"], conflicts_with = "format")]
    pub chart: Option<String>,
}

/// Run `export`; returns the exit code.
pub fn export(args: &ExportArgs) -> i32 {
    if args.output.is_dir() {
        eprintln!(
            "{}: -o points to a directory; give the file to write, e.g. {}",
            args.output.display(),
            args.output.join("passages.xlsx").display()
        );
        return 1;
    }
    let chart = match chart_args(args) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let Some(format) = args
        .format
        .or_else(|| Format::from_path(&args.output))
        .or(chart.map(|_| Format::Xlsx))
    else {
        eprintln!(
            "{}: cannot tell the format from the extension; give --format xlsx|csv|docx|md|json|qdpx|crosstab|coding",
            args.output.display()
        );
        return 1;
    };
    let (docs, code, project, aligner) =
        match super::load_with_aligner(&args.input, args.taxonomy.as_deref(), args.model.as_deref()) {
            Ok(loaded) => loaded,
            Err(code) => return code,
        };
    // Targets need no alignment: found beside it, on the cores it leaves idle.
    let (alignment, targets) = rayon::join(
        || super::align_with(&aligner, &docs, project.as_ref()),
        || {
            use rayon::prelude::*;
            docs.par_iter().map(duizhao::targets::extract).collect::<Vec<_>>()
        },
    );
    let selection = if args.sections.is_empty() {
        Selection::Matrix {
            docs: args.docs.clone(),
            domains: args.domains.clone(),
        }
    } else {
        let refs = args
            .sections
            .iter()
            .map(|s| match s.split_once(':') {
                Some((doc, section)) => SectionRef {
                    doc: doc.to_owned(),
                    section: section.to_owned(),
                },
                // One document: a bare section id is enough.
                None => SectionRef {
                    doc: docs.first().map(|d| d.id.clone()).unwrap_or_default(),
                    section: s.clone(),
                },
            })
            .collect();
        Selection::Sections(refs)
    };
    let notes: duizhao::export::Notes = project
        .iter()
        .flat_map(|p| &p.notes)
        .map(|n| (n.at.clone(), n.text.clone()))
        .collect();
    let input = Input {
        docs: &docs,
        alignment: &alignment,
        taxonomy: &aligner.taxonomy,
        targets: &targets,
        notes: &notes,
    };
    if let Some((kind, image)) = chart {
        return match export::export_chart(&args.output, kind, image, args.force, &input, &selection) {
            Ok(()) => {
                eprintln!("{}: chart written ({})", args.output.display(), kind.name());
                code
            }
            Err(e) => {
                eprintln!("{e}");
                if code == 0 { 1 } else { code }
            }
        };
    }
    let written = export::export(&args.output, format, args.force, &input, &selection);
    // The process ends here: freeing the alignment, the targets and the documents one
    // allocation at a time is work for nothing (as in `align`).
    std::mem::forget(alignment);
    std::mem::forget(targets);
    std::mem::forget(docs);
    match written {
        Ok(done) => {
            for w in &done.warnings {
                eprintln!("{}: warning: {w}", args.output.display());
            }
            eprintln!("{}: {} passages written", args.output.display(), done.passages);
            code
        }
        Err(e) => {
            eprintln!("{e}");
            // Nothing to export because the files could not be read is an unreadable file.
            if code == 0 { 1 } else { code }
        }
    }
}

/// `--chart KIND` with the image format from `-o`'s extension.
fn chart_args(args: &ExportArgs) -> Result<Option<(chart::Kind, chart::Image)>, i32> {
    let Some(name) = &args.chart else { return Ok(None) };
    let kind = chart::Kind::from_id(name).ok_or(2)?;
    let Some(image) = chart::Image::from_path(&args.output) else {
        eprintln!(
            "{}: a chart is written as .svg or .png; name the file so",
            args.output.display()
        );
        return Err(1);
    };
    Ok(Some((kind, image)))
}
