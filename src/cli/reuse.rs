//! `duizhao reuse`: shared passages between documents, as JSON (schema in README.md) or as a
//! coverage matrix with each pair's passages.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use super::InputArgs;
use duizhao::align::{Aligner, Alignment, Taxonomy};
use duizhao::model::{CharRange, Document};
use duizhao::reuse::{self, DirectionReason, Options, PairReuse, ReuseReport};

/// `duizhao reuse`: the inputs and the shortest passage.
#[derive(Debug, Args)]
pub struct ReuseArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The shortest shared passage, in characters not counting punctuation and spaces.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(4..=200))]
    pub min_chars: u16,
    /// Passages printed per pair in the text output (JSON always has all).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub show: usize,
}

#[derive(Serialize)]
struct ReuseJson<'a> {
    options: Options,
    /// A k-gram in at least this many documents is boilerplate.
    boilerplate_docs: usize,
    documents: Vec<DocRef<'a>>,
    pairs: Vec<PairJson<'a>>,
}

#[derive(Serialize)]
struct DocRef<'a> {
    id: &'a str,
    source: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct SideSummary<'a> {
    id: &'a str,
    source: &'a str,
    chars: usize,
    coverage: f32,
}

#[derive(Serialize)]
struct DirectionJson<'a> {
    from: &'a str,
    to: &'a str,
    reason: &'static str,
    evidence: String,
}

#[derive(Serialize)]
struct DomainJson<'a> {
    domain: &'a str,
    name: &'a str,
    coverage_a: f32,
    coverage_b: f32,
    passages: usize,
}

#[derive(Serialize)]
struct PassageSide<'a> {
    section: &'a str,
    path: &'a str,
    range: CharRange,
    text: &'a str,
}

#[derive(Serialize)]
struct PassageJson<'a> {
    chars: usize,
    boilerplate: bool,
    docs: u32,
    a: PassageSide<'a>,
    b: PassageSide<'a>,
}

#[derive(Serialize)]
struct PairJson<'a> {
    a: SideSummary<'a>,
    b: SideSummary<'a>,
    passages_count: usize,
    boilerplate_count: usize,
    direction: Option<DirectionJson<'a>>,
    domains: Vec<DomainJson<'a>>,
    passages: Vec<PassageJson<'a>>,
}

/// The figures of one pair per domain of the default scheme.
fn domains<'a>(
    docs: &[Document],
    taxonomy: &'a Taxonomy,
    alignment: &Alignment,
    pair: &PairReuse,
) -> Vec<DomainJson<'a>> {
    let scheme = &taxonomy.schemes[0];
    let category = |d: usize, s: usize| {
        alignment
            .leaf_index(d, s)
            .and_then(|l| alignment.schemes[0].assignments[l].primary)
    };
    reuse::by_domain(docs, pair, category)
        .into_iter()
        .filter(|f| f.passages > 0)
        .map(|f| DomainJson {
            domain: &scheme.categories[f.category].id,
            name: &scheme.categories[f.category].zh,
            coverage_a: f.coverage_a,
            coverage_b: f.coverage_b,
            passages: f.passages,
        })
        .collect()
}

fn pair_json<'a>(
    docs: &'a [Document],
    taxonomy: &'a Taxonomy,
    alignment: &Alignment,
    p: &'a PairReuse,
) -> PairJson<'a> {
    let (da, db) = (&docs[p.a], &docs[p.b]);
    let side = |d: &'a Document, s: &'a reuse::Side| PassageSide {
        section: &d.sections[s.section].id,
        path: &d.sections[s.section].path,
        range: s.range,
        text: &s.text,
    };
    PairJson {
        a: SideSummary {
            id: &da.id,
            source: &da.source,
            chars: p.chars_a,
            coverage: p.coverage_a,
        },
        b: SideSummary {
            id: &db.id,
            source: &db.source,
            chars: p.chars_b,
            coverage: p.coverage_b,
        },
        passages_count: p.passages.len(),
        boilerplate_count: p.passages.iter().filter(|q| q.boilerplate).count(),
        direction: p.direction.as_ref().map(|d| {
            let (reason, evidence) = match &d.reason {
                DirectionReason::Cites { text } => ("cites", text.clone()),
                DirectionReason::Dates { from, to } => ("dates", format!("{from} → {to}")),
            };
            DirectionJson {
                from: &docs[d.from].id,
                to: &docs[d.to].id,
                reason,
                evidence,
            }
        }),
        domains: domains(docs, taxonomy, alignment, p),
        passages: p
            .passages
            .iter()
            .map(|q| PassageJson {
                chars: q.chars,
                boilerplate: q.boilerplate,
                docs: q.docs,
                a: side(da, &q.a),
                b: side(db, &q.b),
            })
            .collect(),
    }
}

/// Run `reuse`; returns the exit code.
pub fn reuse(args: &ReuseArgs, out: &mut impl Write) -> anyhow::Result<i32> {
    let (docs, code) = super::load(&args.input);
    let options = Options {
        min_chars: usize::from(args.min_chars),
        ..Options::default()
    };
    let report = reuse::analyse(&docs, options);
    if args.input.json {
        // Only the JSON's per-domain figures need the alignment; the text output does not.
        let aligner = Aligner::new(Taxonomy::builtin());
        let alignment = aligner.align(&docs);
        let json = ReuseJson {
            options,
            boilerplate_docs: options.boilerplate_docs(docs.len()),
            documents: docs
                .iter()
                .map(|d| DocRef {
                    id: &d.id,
                    source: &d.source,
                    label: &d.label,
                })
                .collect(),
            pairs: report
                .pairs
                .iter()
                .map(|p| pair_json(&docs, &aligner.taxonomy, &alignment, p))
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
    } else {
        write_text(&docs, &report, args.show, out)?;
    }
    Ok(code)
}

fn write_text(docs: &[Document], report: &ReuseReport, show: usize, out: &mut impl Write) -> std::io::Result<()> {
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(super::display_width(s))));
    let w = docs
        .iter()
        .map(|d| super::display_width(d.display_name()))
        .max()
        .unwrap_or(8)
        .max(8)
        + 2;
    writeln!(
        out,
        "Share of each row's text found in each column's (boilerplate excluded):"
    )?;
    write!(out, "{}", pad("", w))?;
    for d in docs {
        write!(out, "{}", pad(d.display_name(), w))?;
    }
    writeln!(out)?;
    for (r, row) in docs.iter().enumerate() {
        write!(out, "{}", pad(row.display_name(), w))?;
        for c in 0..docs.len() {
            let cell = if r == c {
                "—".to_owned()
            } else {
                format!("{:.1}%", report.coverage(r, c) * 100.0)
            };
            write!(out, "{}", pad(&cell, w))?;
        }
        writeln!(out)?;
    }
    for p in &report.pairs {
        let (da, db) = (&docs[p.a], &docs[p.b]);
        writeln!(out)?;
        let direction = match &p.direction {
            Some(d) => {
                let why = match &d.reason {
                    DirectionReason::Cites { text } => format!("cites {text}"),
                    DirectionReason::Dates { from, to } => format!("{from} → {to}"),
                };
                format!(
                    "  {} → {} ({why})",
                    docs[d.from].display_name(),
                    docs[d.to].display_name()
                )
            }
            None => String::new(),
        };
        writeln!(
            out,
            "{} ({:.1}%) ↔ {} ({:.1}%): {} passages, {} boilerplate{direction}",
            da.display_name(),
            p.coverage_a * 100.0,
            db.display_name(),
            p.coverage_b * 100.0,
            p.passages.len(),
            p.passages.iter().filter(|q| q.boilerplate).count(),
        )?;
        let mut longest: Vec<&reuse::Passage> = p.substantive().collect();
        longest.sort_by_key(|q| std::cmp::Reverse(q.chars));
        for q in longest.into_iter().take(show) {
            writeln!(
                out,
                "  {:>4}  {} / {}  {}",
                q.chars, da.sections[q.a.section].path, db.sections[q.b.section].path, q.a.text
            )?;
        }
    }
    Ok(())
}
