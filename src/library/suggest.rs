//! Metadata one document says about another: a plan cites its model as
//! 《安徽省人民政府办公厅关于促进线上经济发展的意见》（皖政办秘〔2020〕54号）, which gives
//! the cited document's 文号 when its own text does not print it. Offered to the user as a
//! suggestion, never applied unasked.

use std::sync::LazyLock;

use regex::Regex;

use crate::fold::matching_form;
use crate::model::{DocIx, Document};

/// A value for a field of one document, read from another that cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The document the value is for.
    pub doc: DocIx,
    /// 文号 (the one field a citation states).
    pub doc_number: String,
    /// The document that cites it, and the citation as printed.
    pub from: DocIx,
    pub citation: String,
}

/// 《title》 followed by a bracketed 文号.
static CITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"《([^《》]{4,120})》\s*[（(]\s*(\p{Han}{1,14}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号)\s*[）)]")
        .expect("citation regex")
});

/// The 文号 other loaded documents give for documents that lack one. A citation names a
/// document when its title in 《》 is that document's title (or its notice's title), with
/// or without the issuer written before it (安徽省人民政府办公厅关于…); a bare title that
/// several loaded documents share names none of them.
#[must_use]
pub fn suggestions(docs: &[Document]) -> Vec<Suggestion> {
    let titles: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            [&d.meta.title, &d.meta.notice_title]
                .into_iter()
                .flatten()
                .map(|t| matching_form(t))
                .filter(|t| t.chars().count() >= 4)
                .collect()
        })
        .collect();
    let issuers: Vec<Option<String>> = docs
        .iter()
        .map(|d| d.meta.issuer.as_deref().map(matching_form))
        .collect();
    let mut out: Vec<Suggestion> = Vec::new();
    for (from, citing) in docs.iter().enumerate() {
        for c in CITED.captures_iter(&citing.text) {
            let cited = matching_form(&c[1]);
            let number = c[2].split_whitespace().collect::<String>();
            let named = |a: usize| {
                titles[a].iter().any(|t| {
                    cited == *t
                        || cited.strip_suffix(t.as_str()).is_some_and(|prefix| {
                            !prefix.is_empty()
                                && issuers[a]
                                    .as_deref()
                                    .is_some_and(|i| prefix.starts_with(i) || i.starts_with(prefix))
                        })
                })
            };
            let by_issuer: Vec<usize> = (0..docs.len())
                .filter(|&a| {
                    a != from
                        && named(a)
                        && cited.chars().count() > titles[a].iter().map(|t| t.chars().count()).min().unwrap_or(0)
                })
                .collect();
            let exact: Vec<usize> = (0..docs.len())
                .filter(|&a| a != from && titles[a].contains(&cited))
                .collect();
            let target = match (by_issuer.as_slice(), exact.as_slice()) {
                ([a], _) | ([], [a]) => *a,
                _ => continue,
            };
            let lacks = docs[target].meta.doc_number.as_deref().is_none_or(str::is_empty);
            if lacks && !out.iter().any(|s| s.doc == DocIx(target) && s.doc_number == number) {
                out.push(Suggestion {
                    doc: DocIx(target),
                    doc_number: number,
                    from: DocIx(from),
                    citation: c[0].to_owned(),
                });
            }
        }
    }
    out
}
