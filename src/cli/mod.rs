//! The command line: `duizhao outline|… [FILE…] [--json]` over the same core as the app.
//!
//! Exit codes: 0 success; 2 when a file could not be read (the others are still processed
//! and printed; one line per problem on stderr, naming the file); 1 for any other failure.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use duizhao::model::Document;

mod align;
mod export;
mod outline;
mod reuse;
mod targets;
mod train;

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
    Align(align::AlignArgs),
    /// List every quantitative target with its normalised value, year and metric.
    Targets(targets::TargetsArgs),
    /// Export passages with their provenance (xlsx, csv, docx, md, json).
    Export(export::ExportArgs),
    /// Find passages documents share (policy diffusion): coverage per pair, direction, passages.
    Reuse(reuse::ReuseArgs),
    /// Train the domain model on gold files and/or your corrections (writes a model file).
    Train(train::TrainArgs),
    /// Open the desktop app with these files and folders imported, or a .duizhao project
    /// opened (what "Open with" calls).
    Open(OpenArgs),
}

/// `duizhao open`: files and folders to import into the window.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Documents (.txt, .md, .docx, .doc, .pdf, .html) or folders of them; a .duizhao file
    /// opens as the project.
    pub files: Vec<PathBuf>,
}

/// Files to read; none means the bundled corpus.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// .txt, .md, .docx, .doc, .pdf or saved .html files, or folders of them (read recursively).
    /// None: the bundled corpus.
    pub files: Vec<PathBuf>,
    /// A duizhao project (.duizhao) instead of FILE…: its documents, with its metadata edits
    /// and alignment corrections applied.
    #[arg(long, value_name = "FILE", conflicts_with = "files")]
    pub project: Option<PathBuf>,
    /// Print JSON (schema in README.md) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Run a subcommand; returns the process exit code.
pub fn run(command: Command) -> i32 {
    // Buffered: stdout alone is line-buffered, and `align --json` of 1,000 documents writes
    // millions of lines.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let result = match command {
        Command::Outline(args) => outline::outline(&args, &mut out),
        Command::Align(args) => align::align(&args, &mut out),
        Command::Targets(args) => targets::targets(&args, &mut out),
        Command::Export(args) => Ok(export::export(&args)),
        Command::Reuse(args) => reuse::reuse(&args, &mut out),
        Command::Train(args) => train::train(&args, &mut out),
        Command::Open(_) => {
            eprintln!("duizhao: `open` needs the desktop app (built with the `gui` feature)");
            return 2;
        }
    }
    .and_then(|code| {
        use std::io::Write as _;
        out.flush()?;
        Ok(code)
    });
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
pub fn load(args: &InputArgs) -> (Vec<Document>, i32) {
    let (docs, code, _) = load_with_project(args);
    (docs, code)
}

/// [`load`], and the project the documents came from (`--project`). A project's document that
/// cannot be found is named on stderr and exits 2, like an unreadable file; the others are used.
pub fn load_with_project(args: &InputArgs) -> (Vec<Document>, i32, Option<duizhao::project::Project>) {
    use duizhao::project::{Problem, Project};
    if let Some(path) = &args.project {
        return match Project::load(path) {
            Ok(project) => {
                let opened = project.open_documents(path);
                for p in &opened.problems {
                    eprintln!("duizhao: {p}");
                }
                let lost = opened
                    .problems
                    .iter()
                    .any(|p| matches!(p, Problem::Missing { .. } | Problem::BadEmbedded { .. }));
                let docs = opened.docs.into_iter().map(|(d, _)| d).collect();
                (docs, if lost { 2 } else { 0 }, Some(project))
            }
            Err(e) => {
                eprintln!("duizhao: {e}");
                (Vec::new(), 2, None)
            }
        };
    }
    let (docs, code) = load_files(args);
    (docs, code, None)
}

/// The taxonomy given with `--taxonomy`, else the project's, else the built-in one; `Err` is
/// the exit code after the message was printed.
pub fn taxonomy(
    given: Option<&std::path::Path>,
    project: Option<&duizhao::project::Project>,
) -> Result<duizhao::align::Taxonomy, i32> {
    match given.or_else(|| project.and_then(|p| p.taxonomy.as_deref())) {
        Some(path) => duizhao::align::Taxonomy::load(path).map_err(|e| {
            eprintln!("{e}");
            2
        }),
        None => Ok(duizhao::align::Taxonomy::builtin()),
    }
}

/// The aligner for `taxonomy`: with the model file given by `--model` (made by `duizhao
/// train`), else the built-in model — refitted on the corrections the project's model was
/// retrained on in the app, if it was; `Err` is the exit code after the message was printed.
pub fn aligner(
    taxonomy: duizhao::align::Taxonomy,
    model: Option<&std::path::Path>,
    project: Option<&duizhao::project::Project>,
    docs: &[Document],
) -> Result<duizhao::align::Aligner, i32> {
    use duizhao::align::{Aligner, learn::LinearModel};
    let Some(path) = model else {
        let mut aligner = Aligner::new(taxonomy);
        if let Some(on) = project.and_then(|p| p.retrained_on.as_ref()) {
            // As the app does: nothing of a loaded document to learn from leaves the shipped model.
            let _shipped_if_nothing_to_learn = aligner.refit(docs, on);
        }
        return Ok(aligner);
    };
    let read = std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| LinearModel::from_bytes(&bytes).map_err(|e| e.to_string()));
    match read {
        Ok(m) => {
            let aligner = Aligner::with_model(taxonomy, Some(m));
            if aligner.model().is_none() {
                eprintln!(
                    "{}: the model's scheme or labels are not those of the taxonomy in use; give the taxonomy it was trained for",
                    path.display()
                );
                return Err(2);
            }
            Ok(aligner)
        }
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            Err(2)
        }
    }
}

/// What [`load_with_aligner`] gives: the documents, the exit code so far, the project and
/// the aligner.
pub type Loaded = (
    Vec<Document>,
    i32,
    Option<duizhao::project::Project>,
    duizhao::align::Aligner,
);

/// The input loaded ([`load_with_project`]) and its aligner ([`taxonomy`], [`aligner`]); `Err`
/// is the exit code after the message was printed. With nothing but files the aligner is the
/// built-in one, built while the files are read: on two cores, the start-up then costs the
/// longer of the two (one large document is read and outlined on one core).
pub fn load_with_aligner(
    input: &InputArgs,
    taxonomy_file: Option<&std::path::Path>,
    model: Option<&std::path::Path>,
) -> Result<Loaded, i32> {
    let builtin = taxonomy_file.is_none() && model.is_none() && input.project.is_none();
    let ((docs, code, project), prebuilt) = rayon::join(
        || load_with_project(input),
        || builtin.then(|| duizhao::align::Aligner::new(duizhao::align::Taxonomy::builtin())),
    );
    let aligner = match prebuilt {
        Some(a) => a,
        None => aligner(
            taxonomy(taxonomy_file, project.as_ref())?,
            model,
            project.as_ref(),
            &docs,
        )?,
    };
    Ok((docs, code, project, aligner))
}

/// Align, with the project's corrections applied when there is one.
pub fn align_with(
    aligner: &duizhao::align::Aligner,
    docs: &[Document],
    project: Option<&duizhao::project::Project>,
) -> duizhao::align::Alignment {
    let mut alignment = aligner.align(docs);
    if let Some(p) = project {
        let _not_loaded = p.overrides.apply(&mut alignment, docs, &aligner.taxonomy);
    }
    alignment
}

fn load_files(args: &InputArgs) -> (Vec<Document>, i32) {
    if args.files.is_empty() {
        return (duizhao::corpus::load_all(), 0);
    }
    let expanded = duizhao::ingest::folder::expand(&args.files);
    if let Some(summary) = expanded.skipped_summary() {
        eprintln!("duizhao: {summary}");
    }
    let (docs, errors) = duizhao::load_paths(&expanded.files);
    for e in &errors {
        eprintln!("{e}");
    }
    (docs, if errors.is_empty() { 0 } else { 2 })
}

/// Terminal columns: wide (CJK) characters take two; quotes and ≥ ≈ ≤ take one.
pub fn display_width(s: &str) -> usize {
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
