//! `duizhao align`: the alignment as JSON (schema in README.md) or as a domain × document
//! table.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use duizhao::align::report::write_pretty;
use duizhao::align::{Alignment, Row, Scheme};
use duizhao::model::Document;

use super::{InputArgs, display_width};

/// `duizhao align`: the inputs, and the taxonomy to align by.
#[derive(Debug, Args)]
pub struct AlignArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// A taxonomy file (format of assets/domains.toml) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
    /// A domain model file (made by `duizhao train -o FILE`) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

/// Run `align`; returns the exit code.
pub fn align(args: &AlignArgs, out: &mut impl Write) -> anyhow::Result<i32> {
    let (docs, code, project, aligner) =
        match super::load_with_aligner(&args.input, args.taxonomy.as_deref(), args.model.as_deref()) {
            Ok(loaded) => loaded,
            Err(code) => return Ok(code),
        };
    let alignment = super::align_with(&aligner, &docs, project.as_ref());
    if args.input.json {
        write_pretty(&mut *out, &aligner.taxonomy, &docs, &alignment)?;
        writeln!(out)?;
    } else {
        write_table(&aligner.taxonomy.schemes[0], &docs, &alignment, out)?;
    }
    // The process ends here: freeing the alignment and the documents one allocation at a
    // time took a tenth of a second for 1,000 documents, on one core, for nothing.
    std::mem::forget(alignment);
    std::mem::forget(docs);
    Ok(code)
}

fn write_table(scheme: &Scheme, docs: &[Document], alignment: &Alignment, out: &mut impl Write) -> std::io::Result<()> {
    let width = 14;
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(display_width(s))));
    write!(out, "{}", pad(&scheme.zh, 24))?;
    for d in docs {
        write!(out, "{}", pad(d.display_name(), width))?;
    }
    writeln!(out)?;
    for (row, cells) in alignment.matrix(0, scheme.categories.len(), docs.len()) {
        if cells.iter().all(Vec::is_empty) {
            continue;
        }
        let name = row_name(scheme, alignment, 0, row);
        write!(out, "{}", pad(&name, 24))?;
        for (d, cell) in cells.iter().enumerate() {
            let ids: Vec<&str> = cell
                .iter()
                .map(|&l| docs[d].sections[alignment.leaves[l].section].id.as_str())
                .collect();
            let text = if ids.is_empty() { "·".to_owned() } else { ids.join(" ") };
            write!(out, "{} ", pad(&text, width - 1))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn row_name(scheme: &Scheme, alignment: &Alignment, si: usize, row: Row) -> String {
    match row {
        Row::Category(c) => scheme.categories[c].zh.clone(),
        Row::Group(g) => format!("(similar: {})", alignment.schemes[si].groups[g].label),
        Row::None => "(no category)".to_owned(),
    }
}
