//! `duizhao targets`: every quantitative target with its normalised value, year and metric,
//! as text or JSON (schema in README.md); `--explain` adds what was refused and why.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use duizhao::model::Document;

use super::{InputArgs, display_width, load};

/// `duizhao targets`: the inputs, and whether to list the refused numbers.
#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Also list every quantity that was read and refused as a target, with the reason.
    #[arg(long)]
    pub explain: bool,
}

/// Run `targets`; returns the exit code.
pub fn targets(targs: &TargetsArgs, out: &mut impl Write) -> anyhow::Result<i32> {
    #[derive(Serialize)]
    struct TargetsJson<'a> {
        documents: Vec<duizhao::align::report::DocRef<'a>>,
        targets: Vec<duizhao::targets::Target>,
        #[serde(skip_serializing_if = "Option::is_none")]
        refused: Option<Vec<duizhao::targets::Refused>>,
    }
    let args = &targs.input;
    let (docs, code) = load(args);
    let targets: Vec<duizhao::targets::Target> = {
        use rayon::prelude::*;
        // A document per task; collected in the documents' order.
        let per_doc: Vec<Vec<duizhao::targets::Target>> = docs.par_iter().map(duizhao::targets::extract).collect();
        per_doc.into_iter().flatten().collect()
    };
    let refused: Option<Vec<duizhao::targets::Refused>> = targs
        .explain
        .then(|| docs.iter().flat_map(duizhao::targets::explain).collect());
    if args.json {
        let documents = docs.iter().map(duizhao::align::report::DocRef::from).collect();
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
                duizhao::targets::scaled_value(t),
                t.unit.clone(),
                t.comparator.symbol().to_owned(),
                // A year read from an annual document's title, not stated with the target.
                match t.year {
                    Some(y) if t.year_from_title => format!("{y} (title)"),
                    Some(y) => y.to_string(),
                    None => String::new(),
                },
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
