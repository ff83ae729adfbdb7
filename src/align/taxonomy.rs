//! The taxonomy file: schemes of categories with weighted cue terms (assets/domains.toml is
//! the default; users load their own). Parsing reports the line and field of any mistake.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

/// The taxonomy shipped with duizhao.
pub const DEFAULT_TOML: &str = include_str!("../../assets/domains.toml");

/// All schemes of one taxonomy file.
#[derive(Debug, Clone, PartialEq)]
pub struct Taxonomy {
    pub schemes: Vec<Scheme>,
}

/// One way of labelling sections (policy domain, policy tool, …).
#[derive(Debug, Clone, PartialEq)]
pub struct Scheme {
    pub id: String,
    pub zh: String,
    pub en: String,
    pub description: String,
    /// How many times a cue in a heading counts its weight.
    pub heading_weight: f32,
    /// Below this score a section gets no primary category.
    pub threshold: f32,
    /// The category a preamble falls back to when no cue is stronger.
    pub preamble: Option<usize>,
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub id: String,
    /// A heading grouping categories (供给型 / 环境型 / 需求型), if the scheme has groups.
    pub group: Option<String>,
    pub zh: String,
    pub en: String,
    pub description: String,
    /// (term in matching form, weight), sorted by term for determinism.
    pub cues: Vec<(String, f32)>,
}

/// A mistake in a taxonomy file.
#[derive(Debug, thiserror::Error)]
#[error("{file}: line {line}: {field}: {message}")]
pub struct TaxonomyError {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    #[allow(dead_code)]
    format: Option<u32>,
    scheme: Vec<SchemeToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemeToml {
    id: String,
    zh: String,
    #[serde(default)]
    en: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_heading_weight")]
    heading_weight: f32,
    #[serde(default = "default_threshold")]
    threshold: f32,
    preamble: Option<String>,
    category: Vec<CategoryToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryToml {
    id: String,
    group: Option<String>,
    zh: String,
    #[serde(default)]
    en: String,
    #[serde(default)]
    description: String,
    cues: toml::Table,
}

fn default_heading_weight() -> f32 {
    3.0
}
fn default_threshold() -> f32 {
    2.0
}

impl Taxonomy {
    /// The default taxonomy.
    ///
    /// # Panics
    /// Never: a test parses the shipped file.
    #[must_use]
    pub fn builtin() -> Self {
        Self::parse(DEFAULT_TOML, "assets/domains.toml").unwrap_or_else(|e| panic!("shipped taxonomy is broken: {e}"))
    }

    /// Read a taxonomy file from disk.
    ///
    /// # Errors
    /// An unreadable file, or a mistake in it (with its line and field).
    pub fn load(path: &Path) -> Result<Self, TaxonomyError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| TaxonomyError {
            file: file.clone(),
            line: 0,
            field: "file".into(),
            message: e.to_string(),
        })?;
        Self::parse(&text, &file)
    }

    /// Parse a taxonomy; `file` names it in errors.
    ///
    /// # Errors
    /// TOML syntax, a missing or unknown field, a duplicate id, an empty or negative cue.
    pub fn parse(text: &str, file: &str) -> Result<Self, TaxonomyError> {
        let raw: FileToml = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |s| line_of(text, s.start));
            TaxonomyError {
                file: file.to_owned(),
                line,
                field: field_of(text, e.span().map(|s| s.start), e.message()),
                message: e.message().to_owned(),
            }
        })?;
        let err = |needle: &str, field: String, message: String| TaxonomyError {
            file: file.to_owned(),
            line: text.find(needle).map_or(0, |at| line_of(text, at)),
            field,
            message,
        };
        let mut schemes = Vec::new();
        let mut scheme_ids = HashSet::new();
        for (si, s) in raw.scheme.into_iter().enumerate() {
            if !scheme_ids.insert(s.id.clone()) {
                return Err(err(
                    &format!("id = \"{}\"", s.id),
                    format!("scheme[{si}].id"),
                    format!("duplicate scheme id “{}”", s.id),
                ));
            }
            if s.category.is_empty() {
                return Err(err(
                    &format!("id = \"{}\"", s.id),
                    format!("scheme[{si}].category"),
                    "a scheme needs at least one category".into(),
                ));
            }
            let mut categories = Vec::new();
            let mut ids = HashSet::new();
            for (ci, c) in s.category.into_iter().enumerate() {
                let at = format!("id = \"{}\"", c.id);
                if !ids.insert(c.id.clone()) {
                    return Err(err(
                        &at,
                        format!("scheme[{si}].category[{ci}].id"),
                        format!("duplicate category id “{}”", c.id),
                    ));
                }
                categories.push(category(c, si, ci, &at, &err)?);
            }
            let preamble = match s.preamble {
                Some(p) => Some(categories.iter().position(|c| c.id == p).ok_or_else(|| {
                    err(
                        &format!("preamble = \"{p}\""),
                        format!("scheme[{si}].preamble"),
                        format!("no category “{p}” in this scheme"),
                    )
                })?),
                None => None,
            };
            if !(s.heading_weight.is_finite()
                && s.heading_weight > 0.0
                && s.threshold.is_finite()
                && s.threshold >= 0.0)
            {
                return Err(err(
                    &format!("id = \"{}\"", s.id),
                    format!("scheme[{si}]"),
                    "heading_weight must be > 0 and threshold ≥ 0".into(),
                ));
            }
            schemes.push(Scheme {
                id: s.id,
                zh: s.zh,
                en: s.en,
                description: s.description,
                heading_weight: s.heading_weight,
                threshold: s.threshold,
                preamble,
                categories,
            });
        }
        if schemes.is_empty() {
            return Err(TaxonomyError {
                file: file.to_owned(),
                line: 1,
                field: "scheme".into(),
                message: "no [[scheme]] in the file".into(),
            });
        }
        Ok(Self { schemes })
    }

    #[must_use]
    pub fn scheme(&self, id: &str) -> Option<&Scheme> {
        self.schemes.iter().find(|s| s.id == id)
    }

    /// Every cue term of every scheme (for the segmenter's dictionary).
    pub fn all_terms(&self) -> impl Iterator<Item = &str> {
        self.schemes
            .iter()
            .flat_map(|s| s.categories.iter().flat_map(|c| c.cues.iter().map(|(t, _)| t.as_str())))
    }
}

impl Scheme {
    #[must_use]
    pub fn category_index(&self, id: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.id == id)
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

/// The field a TOML error is about: named in backquotes for a missing or unknown field
/// (“missing field `zh`”), else the key on the line the error points at (a type error
/// points at the value: `zh = 5`), else “TOML syntax”.
fn field_of(text: &str, at: Option<usize>, message: &str) -> String {
    if message.contains("field `")
        && let Some(name) = message.split('`').nth(1)
    {
        return name.to_owned();
    }
    if let Some(before) = at.and_then(|at| text.get(..at)) {
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..].lines().next().unwrap_or("");
        if let Some((key, _)) = line.split_once('=') {
            let key = key.trim().trim_matches(['"', '\'']);
            if !key.is_empty() && !key.starts_with('[') {
                return key.to_owned();
            }
        }
    }
    "TOML syntax".to_owned()
}

/// One category of scheme `si` read from the file: its cues folded to matching form and
/// sorted. `at` is the text that finds its line, `err` makes the error.
fn category(
    c: CategoryToml,
    si: usize,
    ci: usize,
    at: &str,
    err: &impl Fn(&str, String, String) -> TaxonomyError,
) -> Result<Category, TaxonomyError> {
    let mut cues = Vec::with_capacity(c.cues.len());
    for (term, w) in &c.cues {
        let weight = w.as_float().or_else(|| w.as_integer().map(|i| i as f64));
        match weight {
            Some(w) if w.is_finite() && w > 0.0 && !term.trim().is_empty() => {
                #[allow(
                    clippy::cast_possible_truncation,
                    reason = "a cue weight is a small positive number; the scorer adds f32"
                )]
                cues.push((super::fold::matching_form(term.trim()), w as f32));
            }
            _ => {
                return Err(err(
                    &format!("\"{term}\""),
                    format!("scheme[{si}].category[{ci}].cues.{term}"),
                    "a cue needs a non-empty term and a positive number as weight".into(),
                ));
            }
        }
    }
    if cues.is_empty() {
        return Err(err(
            at,
            format!("scheme[{si}].category[{ci}].cues"),
            "a category needs at least one cue".into(),
        ));
    }
    cues.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Category {
        id: c.id,
        group: c.group,
        zh: c.zh,
        en: c.en,
        description: c.description,
        cues,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_taxonomy_parses_with_two_schemes() {
        let t = Taxonomy::builtin();
        let ids: Vec<&str> = t.schemes.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["domain", "tool"]);
        assert!(t.scheme("domain").is_some_and(|s| s.categories.len() >= 31));
        let tool = t.scheme("tool").expect("tool scheme");
        let groups: HashSet<&str> = tool.categories.iter().filter_map(|c| c.group.as_deref()).collect();
        assert_eq!(groups, HashSet::from(["供给型", "环境型", "需求型"]));
    }

    #[test]
    fn mistakes_name_the_line_and_field() {
        let missing = "[[scheme]]\nid = \"x\"\n\n[[scheme.category]]\nid = \"a\"\ncues = { \"教育\" = 2 }\n";
        let e = Taxonomy::parse(missing, "my.toml").expect_err("zh is required");
        assert_eq!(e.field, "zh");
        assert!(e.to_string().starts_with("my.toml: line "), "{e}");
        let bad_weight = "[[scheme]]\nid = \"x\"\nzh = \"x\"\n\n[[scheme.category]]\nid = \"a\"\nzh = \"a\"\ncues = { \"教育\" = -1 }\n";
        let e = Taxonomy::parse(bad_weight, "my.toml").expect_err("negative weight");
        assert_eq!((e.line, e.field.as_str()), (8, "scheme[0].category[0].cues.教育"));
        let dup = "[[scheme]]\nid = \"x\"\nzh = \"x\"\n[[scheme.category]]\nid = \"a\"\nzh = \"a\"\ncues = { \"教育\" = 1 }\n[[scheme.category]]\nid = \"a\"\nzh = \"b\"\ncues = { \"医疗\" = 1 }\n";
        assert!(
            Taxonomy::parse(dup, "f")
                .expect_err("dup")
                .message
                .contains("duplicate")
        );
        let wrong_type = "[[scheme]]\nid = \"x\"\nzh = 5\n";
        let e = Taxonomy::parse(wrong_type, "f").expect_err("zh must be a string");
        assert_eq!((e.line, e.field.as_str()), (3, "zh"), "{e}");
        let syntax = "[[scheme]\nid = ";
        assert_eq!(Taxonomy::parse(syntax, "f").expect_err("syntax").field, "TOML syntax");
        assert_eq!(Taxonomy::parse(syntax, "f").expect_err("syntax").line, 1);
        let unknown_preamble = "[[scheme]]\nid = \"x\"\nzh = \"x\"\npreamble = \"nope\"\n[[scheme.category]]\nid = \"a\"\nzh = \"a\"\ncues = { \"教育\" = 1 }\n";
        assert_eq!(Taxonomy::parse(unknown_preamble, "f").expect_err("preamble").line, 4);
    }

    #[test]
    fn cues_are_stored_in_matching_form() {
        let t = Taxonomy::parse("[[scheme]]\nid = \"x\"\nzh = \"x\"\n[[scheme.category]]\nid = \"a\"\nzh = \"a\"\ncues = { \"數據開放\" = 1, \"５Ｇ\" = 2 }\n", "f").expect("parses");
        let terms: Vec<&str> = t.schemes[0].categories[0]
            .cues
            .iter()
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(terms, ["5g", "数据开放"]);
    }
}
