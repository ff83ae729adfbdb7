//! `duizhao reuse`: shared passages between documents, as JSON (schema in README.md) or as a
//! coverage matrix with the most covered pairs' passages; `--pair A,B` for one pair.
//!
//! The matrix of a large corpus is estimated from fingerprints; exact passages are computed
//! only for the pairs printed, and the JSON is written pair by pair (bounded memory).

use std::io::Write;
use std::sync::Arc;

use rayon::prelude::*;

use clap::Args;
use serde::Serialize;

use super::InputArgs;
use duizhao::align::{Aligner, Alignment, Taxonomy};
use duizhao::model::{CharRange, DocIx, Document, SecIx};
use duizhao::reuse::{self, DirectionReason, Options, PairReuse, ReuseIndex, ReuseMatrix};

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
    /// Pairs whose passages the text output prints: the N most covered.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    /// In a corpus of more than 48 documents, the JSON has the passages of the pairs whose
    /// estimated coverage (either side) reaches X (0–1).
    #[arg(long, value_name = "X", default_value_t = 0.02, value_parser = coverage_parser)]
    pub min_coverage: f32,
    /// Only this pair's passages: two document ids or file names, comma-separated.
    #[arg(long, value_name = "A,B")]
    pub pair: Option<String>,
}

fn coverage_parser(s: &str) -> Result<f32, String> {
    let x: f32 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{s} is not a share between 0 and 1"))
    }
}

#[derive(Serialize)]
struct ReuseHead<'a> {
    options: Options,
    /// A k-gram in at least this many documents is boilerplate.
    boilerplate_docs: usize,
    documents: Vec<DocRef<'a>>,
    /// Estimated coverage of every pair sharing a fingerprint.
    matrix: Vec<CellJson<'a>>,
}

#[derive(Serialize)]
struct CellJson<'a> {
    a: &'a str,
    b: &'a str,
    coverage_a: f32,
    coverage_b: f32,
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
    let category = |d: DocIx, s: SecIx| {
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

/// The document `name` means: its id, its file name, or the file name of a path to it.
fn find_doc(docs: &[Document], name: &str) -> Option<DocIx> {
    let file = std::path::Path::new(name).file_name().and_then(|f| f.to_str());
    docs.iter()
        .position(|d| d.id == name)
        .or_else(|| {
            docs.iter()
                .position(|d| d.source == name || Some(d.source.as_str()) == file)
        })
        .map(DocIx)
}

/// Run `reuse`; returns the exit code.
pub fn reuse(args: &ReuseArgs, out: &mut impl Write) -> anyhow::Result<i32> {
    let (docs, code) = super::load(&args.input);
    let options = Options {
        min_chars: usize::from(args.min_chars),
        min_estimate: args.min_coverage,
        ..Options::default()
    };
    // A pair that names no loaded document is a usage mistake: exit 1 (README).
    let pair = match &args.pair {
        Some(spec) => {
            let names: Vec<&str> = spec.split(',').map(str::trim).collect();
            let found: Vec<Option<DocIx>> = names.iter().map(|n| find_doc(&docs, n)).collect();
            match (names.as_slice(), found.as_slice()) {
                ([_, _], [Some(a), Some(b)]) if a != b => Some((*a, *b)),
                ([_, _], [Some(_), Some(_)]) => {
                    eprintln!("duizhao: --pair {spec}: both name the same document");
                    return Ok(1);
                }
                ([_, _], _) => {
                    for (n, f) in names.iter().zip(&found) {
                        if f.is_none() {
                            eprintln!("duizhao: --pair: no loaded document has the id or file name `{n}`");
                        }
                    }
                    return Ok(1);
                }
                _ => {
                    eprintln!("duizhao: --pair {spec}: give two documents, comma-separated (e.g. --pair A,B)");
                    return Ok(1);
                }
            }
        }
        None => None,
    };
    let aligner = Aligner::new(Taxonomy::builtin());
    if !args.input.json {
        let index = ReuseIndex::build(&docs, options);
        if let Some((a, b)) = pair {
            write_pair(&docs, &index.pair(&docs, a, b), usize::MAX, out)?;
        } else {
            write_text(&docs, &index, &index.matrix(), args, out)?;
        }
        return Ok(code);
    }
    // Only the JSON's per-domain figures need the alignment: made beside the index and the
    // first pairs' comparison, whose sequential stretches leave a core idle.
    if let Some((a, b)) = pair {
        let (p, alignment) = rayon::join(
            || ReuseIndex::build(&docs, options).compare(&docs, a, b),
            || aligner.align(&docs),
        );
        serde_json::to_writer_pretty(&mut *out, &pair_json(&docs, &aligner.taxonomy, &alignment, &p))?;
        writeln!(out)?;
        return Ok(code);
    }
    let ((index, matrix, pairs, first), alignment) = rayon::join(
        || {
            let index = ReuseIndex::build(&docs, options);
            let matrix = index.matrix();
            let pairs = index.to_compare(&matrix, options.min_estimate);
            let first = exact_pairs(
                &docs,
                &index,
                &pairs[..chunk_len(docs.len(), pairs.len()).min(pairs.len())],
                pairs.len(),
            );
            (index, matrix, pairs, first)
        },
        || aligner.align(&docs),
    );
    write_json(
        &docs,
        (&index, &matrix),
        (&pairs, first),
        (&aligner.taxonomy, &alignment),
        out,
    )?;
    Ok(code)
}

/// Pairs compared at once while streaming: enough to keep both cores busy, few enough that
/// their passages stay small in memory.
const CHUNK: usize = 64;

/// Pairs compared a chunk at a time: a small corpus (one chunk) in one.
fn chunk_len(docs: usize, pairs: usize) -> usize {
    if docs <= reuse::EXACT_ALL_PAIRS {
        pairs.max(1)
    } else {
        CHUNK
    }
}

/// The exact pairs of `group` that share a passage; `total` is the number of all pairs to
/// compare.
fn exact_pairs(docs: &[Document], index: &ReuseIndex, group: &[(DocIx, DocIx)], total: usize) -> Vec<PairReuse> {
    let mut exact: Vec<PairReuse> = group
        .par_iter()
        .map(|&(a, b)| index.compare(docs, a, b))
        .filter(|p| !p.passages.is_empty())
        .collect();
    // `collect` keeps the estimate order; one chunk (a small corpus) goes by exact coverage.
    if total <= group.len() {
        exact.sort_by(|x, y| {
            reuse::most_covered_first(
                (x.a, x.b, x.coverage_a, x.coverage_b),
                (y.a, y.b, y.coverage_a, y.coverage_b),
            )
        });
    }
    exact
}

/// The JSON: head, matrix, then the pairs worth comparing (`pairs`, the first chunk's
/// computed as `first`), the rest computed a chunk at a time and written one by one (never
/// the whole document in memory).
fn write_json(
    docs: &[Document],
    (index, matrix): (&ReuseIndex, &ReuseMatrix),
    (pairs, first): (&[(DocIx, DocIx)], Vec<PairReuse>),
    (taxonomy, alignment): (&Taxonomy, &Alignment),
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let options = index.options;
    let head = ReuseHead {
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
        matrix: matrix
            .pairs()
            .map(|e| CellJson {
                a: &docs[e.a].id,
                b: &docs[e.b].id,
                coverage_a: e.coverage_a,
                coverage_b: e.coverage_b,
            })
            .collect(),
    };
    // The head's object without its closing brace, then `"pairs": [` and the pairs.
    let head = serde_json::to_string_pretty(&head)?;
    let head = head.strip_suffix('}').unwrap_or(&head).trim_end();
    write!(out, "{head},\n  \"pairs\": [")?;
    let chunk = chunk_len(docs.len(), pairs.len());
    let mut first = Some(first);
    let mut comma = false;
    for group in pairs.chunks(chunk) {
        let exact = first
            .take()
            .unwrap_or_else(|| exact_pairs(docs, index, group, pairs.len()));
        for p in &exact {
            out.write_all(if comma { b",\n    " } else { b"\n    " })?;
            comma = true;
            serde_json::to_writer(&mut *out, &pair_json(docs, taxonomy, alignment, p))?;
        }
    }
    writeln!(out, "\n  ]\n}}")?;
    Ok(())
}

fn write_text(
    docs: &[Document],
    index: &ReuseIndex,
    matrix: &ReuseMatrix,
    args: &ReuseArgs,
    out: &mut impl Write,
) -> std::io::Result<()> {
    // A small corpus: every pair exact, matrix included; a large one: the matrix estimated,
    // the top pairs by estimate compared exactly.
    let small = docs.len() <= reuse::EXACT_ALL_PAIRS;
    let candidates = index.to_compare(matrix, 0.0);
    let candidates = if small {
        &candidates[..]
    } else {
        &candidates[..args.top.min(candidates.len())]
    };
    let mut top: Vec<Arc<PairReuse>> = candidates
        .par_iter()
        .map(|&(a, b)| index.pair(docs, a, b))
        .filter(|p| !p.passages.is_empty())
        .collect();
    top.sort_by(|x, y| {
        reuse::most_covered_first(
            (x.a, x.b, x.coverage_a, x.coverage_b),
            (y.a, y.b, y.coverage_a, y.coverage_b),
        )
    });
    let exact: std::collections::HashMap<(DocIx, DocIx), &PairReuse> = if small {
        top.iter().map(|p| ((p.a, p.b), &**p)).collect()
    } else {
        std::collections::HashMap::default()
    };
    let coverage = |r: DocIx, c: DocIx| {
        if !small {
            return matrix.coverage(r, c);
        }
        exact
            .get(&(r.min(c), r.max(c)))
            .map_or(0.0, |p| if p.a == r { p.coverage_a } else { p.coverage_b })
    };
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(super::display_width(s))));
    let w = docs
        .iter()
        .map(|d| super::display_width(d.display_name()))
        .max()
        .unwrap_or(8)
        .max(8)
        + 2;
    if small {
        writeln!(
            out,
            "Share of each row's text found in each column's (boilerplate excluded):"
        )?;
    } else {
        writeln!(
            out,
            "Share of each row's text found in each column's, estimated from fingerprints (boilerplate excluded):"
        )?;
    }
    write!(out, "{}", pad("", w))?;
    for d in docs {
        write!(out, "{}", pad(d.display_name(), w))?;
    }
    writeln!(out)?;
    for (r, row) in DocIx::all(docs.len()).zip(docs) {
        write!(out, "{}", pad(row.display_name(), w))?;
        for c in DocIx::all(docs.len()) {
            let cell = if r == c {
                "—".to_owned()
            } else {
                format!("{:.1}%", coverage(r, c) * 100.0)
            };
            write!(out, "{}", pad(&cell, w))?;
        }
        writeln!(out)?;
    }
    for p in top.iter().take(args.top) {
        writeln!(out)?;
        write_pair(docs, p, args.show, out)?;
    }
    Ok(())
}

/// One pair's line and its `show` longest substantive passages.
fn write_pair(docs: &[Document], p: &PairReuse, show: usize, out: &mut impl Write) -> std::io::Result<()> {
    let (da, db) = (&docs[p.a], &docs[p.b]);
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
    Ok(())
}
