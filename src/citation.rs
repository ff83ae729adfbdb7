//! The one citation format, used everywhere a passage leaves duizhao:
//! 《title》(发文机关, 文号, date), section path heading.

use crate::model::{Document, Section};

/// Cite a section of a document. Fields the document does not state are left out.
#[must_use]
pub fn cite(doc: &Document, section: &Section) -> String {
    let m = &doc.meta;
    let title = m.title.as_deref().unwrap_or(&doc.source);
    let date = m.date_issued.as_deref().or(m.date_published.as_deref());
    let fields: Vec<&str> = [m.issuer.as_deref(), m.doc_number.as_deref(), date]
        .into_iter()
        .flatten()
        .collect();
    let source = if fields.is_empty() {
        format!("《{title}》")
    } else {
        format!("《{title}》({})", fields.join(", "))
    };
    let place = place(section);
    if section.heading.is_empty() {
        format!("{source}, {place}")
    } else {
        format!("{source}, {place} {}", section.heading)
    }
}

/// Where a section stands, for display: its numbering path, `前言` for the text before the
/// first number (the id stays `preamble`).
#[must_use]
pub fn place(section: &Section) -> String {
    if section.path == "preamble" {
        "前言".to_owned()
    } else {
        section.path.clone()
    }
}

/// A passage with its citation on the line below.
#[must_use]
pub fn with_citation(doc: &Document, section: &Section) -> String {
    let body = section.heading_and_text();
    format!("{body}\n—— {}", cite(doc, section))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_name_title_issuer_number_date_and_place() {
        let docs = crate::corpus::load_all();
        let sh = docs.iter().find(|d| d.id == "shanghai-2020").expect("shanghai");
        let s = sh.section("二/10").expect("item 10");
        assert_eq!(
            cite(sh, s),
            "《上海市促进在线新经济发展行动方案(2020-2022年)》(沪府办发〔2020〕1号), 二/10 优化发展在线教育"
        );
        let ah = docs.iter().find(|d| d.id == "anhui-2020").expect("anhui");
        let s = ah.section("二/(三)").expect("在线教育");
        assert_eq!(
            cite(ah, s),
            "《关于促进线上经济发展的意见》(安徽省人民政府办公厅, 2020-06-29), 二/(三) 在线教育"
        );
        assert!(with_citation(ah, s).starts_with("在线教育。加强安徽省智慧学校"));
    }
}
