//! REFI-QDA project exchange (.qdpx: a zip of `project.qde` and `Sources/`), which MAXQDA,
//! NVivo, ATLAS.ti and QualCoder import. Each document of the selection is a `TextSource`
//! whose plain text (the cleaned text every duizhao range points into, UTF-8) is
//! `Sources/<guid>.txt`; the domain and policy-tool schemes are the codebook (tool groups as
//! uncodable parents of their sub-tools); each passage is a `PlainTextSelection` over the
//! section's char range, coded with its domain and its tool (the alignment as corrected);
//! document metadata are Variables. GUIDs are derived from ids (SHA-256), so exporting the
//! same selection twice gives the same GUIDs.

use std::fmt::Write as _;

use sha2::Digest;

use super::docx::esc;
use super::{ExportError, Input, Selected};
use crate::align::Scheme;
use crate::model::Document;

/// A GUID derived from a key: stable across exports.
#[must_use]
pub fn guid(key: &str) -> String {
    let h = sha2::Sha256::digest(format!("duizhao:{key}").as_bytes());
    let hex = crate::text::hex(&h[..16]);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The GUID of a category of a scheme.
#[must_use]
pub fn code_guid(scheme: &Scheme, category: &str) -> String {
    guid(&format!("code:{}:{category}", scheme.id))
}

/// Colours for the codes, cycled.
const COLOURS: [&str; 8] = [
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
];

fn codebook(out: &mut String, input: &Input<'_>) {
    out.push_str("<CodeBook><Codes>");
    for scheme in &input.taxonomy.schemes {
        let _ = write!(
            out,
            r#"<Code guid="{}" name="{}" isCodable="false">"#,
            guid(&format!("scheme:{}", scheme.id)),
            esc(&format!("{} {}", scheme.zh, scheme.en))
        );
        let mut groups: Vec<&str> = Vec::new();
        for c in &scheme.categories {
            if let Some(g) = c.group.as_deref().filter(|g| !groups.contains(g)) {
                groups.push(g);
            }
        }
        let code = |out: &mut String, i: usize, c: &crate::align::Category| {
            let _ = write!(
                out,
                r#"<Code guid="{}" name="{}" isCodable="true" color="{}"><Description>{}</Description></Code>"#,
                code_guid(scheme, &c.id),
                esc(&format!("{} {}", c.zh, c.en)),
                COLOURS[i % COLOURS.len()],
                esc(&format!("{}: {}", c.id, c.description))
            );
        };
        for (i, c) in scheme.categories.iter().enumerate().filter(|(_, c)| c.group.is_none()) {
            code(out, i, c);
        }
        for g in groups {
            let _ = write!(
                out,
                r#"<Code guid="{}" name="{}" isCodable="false">"#,
                guid(&format!("group:{}:{g}", scheme.id)),
                esc(g)
            );
            for (i, c) in scheme
                .categories
                .iter()
                .enumerate()
                .filter(|(_, c)| c.group.as_deref() == Some(g))
            {
                code(out, i, c);
            }
            out.push_str("</Code>");
        }
        out.push_str("</Code>");
    }
    out.push_str("</Codes></CodeBook>");
}

/// Document metadata as variables: (name, type, value of a document).
type Getter = fn(&Document) -> Option<String>;
const VARIABLES: [(&str, &str, Getter); 8] = [
    ("doc_id", "Text", |d| Some(d.id.clone())),
    ("标题 title", "Text", |d| d.meta.title.clone()),
    ("发文机关 issuer", "Text", |d| d.meta.issuer.clone()),
    ("文号 doc_number", "Text", |d| d.meta.doc_number.clone()),
    ("成文日期 date_issued", "Date", |d| d.meta.date_issued.clone()),
    ("发布日期 date_published", "Date", |d| d.meta.date_published.clone()),
    ("地区 region", "Text", |d| d.meta.region.clone()),
    ("规划期 period", "Text", |d| {
        d.meta.period.map(|[a, b]| format!("{a}-{b}"))
    }),
];

fn value_element(kind: &str) -> &'static str {
    if kind == "Date" { "DateValue" } else { "TextValue" }
}

pub fn qdpx(input: &Input<'_>, selected: &Selected<'_>) -> Result<Vec<u8>, ExportError> {
    let now = super::now_iso8601();
    let user = guid("user:duizhao");
    let mut x = String::new();
    let _ = write!(
        x,
        r#"<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="duizhao 对照" origin="duizhao {}" creatingUserGUID="{user}" creationDateTime="{now}">"#,
        env!("CARGO_PKG_VERSION")
    );
    let _ = write!(x, r#"<Users><User guid="{user}" name="duizhao"/></Users>"#);
    codebook(&mut x, input);
    x.push_str("<Variables>");
    for (name, kind, _) in VARIABLES {
        let _ = write!(
            x,
            r#"<Variable guid="{}" name="{}" typeOfVariable="{kind}"/>"#,
            guid(&format!("variable:{name}")),
            esc(name)
        );
    }
    x.push_str("</Variables><Sources>");
    let mut texts: Vec<(String, &str)> = Vec::new();
    // The researcher's notes, as REFI-QDA Notes referred to from their selections.
    let mut notes = String::new();
    for &d in &selected.docs {
        let doc = &input.docs[d];
        let source = guid(&format!("source:{}:{}", doc.id, doc.content_hash));
        let _ = write!(
            x,
            r#"<TextSource guid="{source}" name="{}" plainTextPath="internal://{source}.txt" creatingUser="{user}" creationDateTime="{now}"><Description>{}</Description>"#,
            esc(doc.display_name()),
            esc(doc.meta.title.as_deref().unwrap_or(&doc.source))
        );
        for p in selected.passages.iter().filter(|p| p.doc.id == doc.id) {
            let s = p.section;
            let _ = write!(
                x,
                r#"<PlainTextSelection guid="{}" name="{}" startPosition="{}" endPosition="{}" creatingUser="{user}" creationDateTime="{now}"><Description>{}</Description>"#,
                guid(&format!("selection:{}:{}", source, s.id)),
                esc(&p.place_and_heading()),
                s.range.start,
                s.range.end,
                esc(&p.citation())
            );
            for (si, category) in [(0, p.domain), (1, p.tool)] {
                let (Some(scheme), Some(c)) = (input.taxonomy.schemes.get(si), category) else {
                    continue;
                };
                let _ = write!(
                    x,
                    r#"<Coding guid="{}" creatingUser="{user}" creationDateTime="{now}"><CodeRef targetGUID="{}"/></Coding>"#,
                    guid(&format!("coding:{source}:{}:{}", s.id, scheme.id)),
                    code_guid(scheme, &c.id)
                );
            }
            if let Some(note) = p.note {
                let note_guid = guid(&format!("note:{}:{}", source, s.id));
                let _ = write!(x, r#"<NoteRef targetGUID="{note_guid}"/>"#);
                let _ = write!(
                    notes,
                    r#"<Note guid="{note_guid}" name="{}" creatingUser="{user}" creationDateTime="{now}"><PlainTextContent>{}</PlainTextContent></Note>"#,
                    esc(&format!("{} · {}", doc.display_name(), p.place_and_heading())),
                    esc(note)
                );
            }
            x.push_str("</PlainTextSelection>");
        }
        for (name, kind, get) in VARIABLES {
            if let Some(v) = get(doc) {
                let el = value_element(kind);
                let _ = write!(
                    x,
                    r#"<VariableValue><VariableRef targetGUID="{}"/><{el}>{}</{el}></VariableValue>"#,
                    guid(&format!("variable:{name}")),
                    esc(&v)
                );
            }
        }
        x.push_str("</TextSource>");
        texts.push((format!("Sources/{source}.txt"), &doc.text));
    }
    x.push_str("</Sources>");
    if !notes.is_empty() {
        let _ = write!(x, "<Notes>{notes}</Notes>");
    }
    x.push_str("</Project>");
    let mut parts: Vec<(&str, &[u8])> = vec![("project.qde", x.as_bytes())];
    parts.extend(texts.iter().map(|(n, t)| (n.as_str(), t.as_bytes())));
    super::docx::zip_parts(&parts, "QDPX")
}
