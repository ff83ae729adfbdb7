//! `duizhao export`: selected passages to a file, with provenance.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::align::{Aligner, Taxonomy};
use crate::cli::InputArgs;
use crate::export::{self, Format, Input, SectionRef, Selection};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Xlsx,
    Csv,
    Docx,
    Md,
    Json,
    /// REFI-QDA project (MAXQDA, NVivo, ATLAS.ti, QualCoder).
    Qdpx,
    /// The policy-tool × domain cross-table (CSV).
    Crosstab,
    /// The coding table 编码表 (CSV).
    Coding,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Xlsx => Self::Xlsx,
            FormatArg::Csv => Self::Csv,
            FormatArg::Docx => Self::Docx,
            FormatArg::Md => Self::Md,
            FormatArg::Json => Self::Json,
            FormatArg::Qdpx => Self::Qdpx,
            FormatArg::Crosstab => Self::Crosstab,
            FormatArg::Coding => Self::Coding,
        }
    }
}

/// `duizhao export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format (default: from the file name's extension).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
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
    let Some(format) = args
        .format
        .map(Format::from)
        .or_else(|| Format::from_path(&args.output))
    else {
        eprintln!(
            "{}: cannot tell the format from the extension; give --format xlsx|csv|docx|md|json|qdpx|crosstab|coding",
            args.output.display()
        );
        return 1;
    };
    let taxonomy = match &args.taxonomy {
        Some(p) => match Taxonomy::load(p) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{e}");
                return 2;
            }
        },
        None => Taxonomy::builtin(),
    };
    let (docs, code) = crate::cli::load(&args.input);
    let aligner = Aligner::new(taxonomy);
    let alignment = aligner.align(&docs);
    let targets: Vec<_> = docs.iter().map(crate::targets::extract).collect();
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
    let input = Input {
        docs: &docs,
        alignment: &alignment,
        taxonomy: &aligner.taxonomy,
        targets: &targets,
    };
    match export::export(&args.output, format, args.force, &input, &selection) {
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
