//! The document model every stage shares: a cleaned text, its metadata and its outline.
//!
//! Offsets: every `range` here is a pair of **char offsets** (Unicode scalar values, not
//! bytes) into [`Document::text`], end exclusive. [`Document::slice`] turns one into a `&str`.
//!
//! Handles: in memory a document is a [`DocIx`] (its index in the loaded list) and a section
//! a [`SecIx`] (its index in [`Document::sections`]); both index their slices directly
//! (`docs[d].sections[s]`). What is saved names them by [`DocKey`] and [`SecKey`] instead.

use serde::{Deserialize, Serialize};

/// A half-open range of char offsets, `[start, end)`, serialised as `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct CharRange {
    pub start: usize,
    pub end: usize,
}

impl CharRange {
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    #[must_use]
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<[usize; 2]> for CharRange {
    fn from([start, end]: [usize; 2]) -> Self {
        Self { start, end }
    }
}
impl From<CharRange> for [usize; 2] {
    fn from(r: CharRange) -> Self {
        [r.start, r.end]
    }
}

/// A document in memory: its index in the loaded list (`&[Document]`), which indexes it
/// directly (`docs[d]`). Not saved: what is saved names a document by its [`DocKey`].
/// Serialised as the bare index where an in-memory structure is printed for debugging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocIx(pub usize);

/// A section in memory: its index in [`Document::sections`], which it indexes directly
/// (`doc.sections[s]`). Not saved: what is saved names a section by its [`SecKey`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SecIx(pub usize);

macro_rules! handle {
    ($ix:ident, $item:ty, $what:literal) => {
        impl $ix {
            /// The index as a number (for arithmetic and for slices of other things).
            #[must_use]
            pub fn get(self) -> usize {
                self.0
            }
            #[doc = concat!("Every ", $what, " handle of a list of `n`, in order.")]
            pub fn all(n: usize) -> impl DoubleEndedIterator<Item = Self> + ExactSizeIterator + Clone {
                (0..n).map(Self)
            }
        }
        impl From<usize> for $ix {
            fn from(i: usize) -> Self {
                Self(i)
            }
        }
        impl From<$ix> for usize {
            fn from(i: $ix) -> usize {
                i.0
            }
        }
        impl std::fmt::Display for $ix {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
        impl std::ops::Index<$ix> for [$item] {
            type Output = $item;
            fn index(&self, i: $ix) -> &$item {
                &self[i.0]
            }
        }
        impl std::ops::IndexMut<$ix> for [$item] {
            fn index_mut(&mut self, i: $ix) -> &mut $item {
                &mut self[i.0]
            }
        }
        impl std::ops::Index<$ix> for Vec<$item> {
            type Output = $item;
            fn index(&self, i: $ix) -> &$item {
                &self[i.0]
            }
        }
        impl std::ops::IndexMut<$ix> for Vec<$item> {
            fn index_mut(&mut self, i: $ix) -> &mut $item {
                &mut self[i.0]
            }
        }
    };
}
handle!(DocIx, Document, "document");

impl DocIx {
    /// This document's handle once document `removed` has been taken out of the list
    /// (`None`: it is that document).
    #[must_use]
    pub fn after_removal(self, removed: DocIx) -> Option<DocIx> {
        match self.0.cmp(&removed.0) {
            std::cmp::Ordering::Less => Some(self),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(DocIx(self.0 - 1)),
        }
    }

    /// This document's handle once a document has been put into the list at `inserted`.
    #[must_use]
    pub fn after_insertion(self, inserted: DocIx) -> DocIx {
        if self >= inserted { DocIx(self.0 + 1) } else { self }
    }
}
handle!(SecIx, Section, "section");

/// Per-document lists (targets, tables, cells of a row: one `Vec` per document, in load
/// order) are indexed by the document's handle too.
impl<T> std::ops::Index<DocIx> for [Vec<T>] {
    type Output = Vec<T>;
    fn index(&self, i: DocIx) -> &Vec<T> {
        &self[i.0]
    }
}
impl<T> std::ops::Index<DocIx> for Vec<Vec<T>> {
    type Output = Vec<T>;
    fn index(&self, i: DocIx) -> &Vec<T> {
        &self[i.0]
    }
}

/// `get` by handle for the lists handles index: `docs.at(d)`, `doc.sections.at(s)`.
pub trait ByHandle<H> {
    type Item;
    fn at(&self, h: H) -> Option<&Self::Item>;
}
impl ByHandle<DocIx> for [Document] {
    type Item = Document;
    fn at(&self, h: DocIx) -> Option<&Document> {
        self.get(h.0)
    }
}
impl<T> ByHandle<DocIx> for [Vec<T>] {
    type Item = Vec<T>;
    fn at(&self, h: DocIx) -> Option<&Vec<T>> {
        self.get(h.0)
    }
}
impl ByHandle<SecIx> for [Section] {
    type Item = Section;
    fn at(&self, h: SecIx) -> Option<&Section> {
        self.get(h.0)
    }
}

/// How a section's number was written. The outline builder ranks these to nest them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerKind {
    /// 第一部分 / 第一篇
    Part,
    /// 第一章
    Chapter,
    /// 第一节
    Subchapter,
    /// 第一条
    Article,
    /// 一、
    Hanzi,
    /// (一) （一）
    ParenHanzi,
    /// 1、 1. 1．
    Arabic,
    /// (1) （1）
    ParenArabic,
    /// ① ② …
    Circled,
    /// A heading without a number: a Markdown `#` line or a Word heading style (level 1–6).
    Heading(u8),
    /// A Word list paragraph (automatic numbering), by list level 0–8.
    WordList(u8),
    /// 附件1: an annex after the document's body, at the top of the tree.
    Annex,
    /// The text before the first numbered section, when it says something.
    Preamble,
    /// Fallback when a document has no numbering at all: one section per paragraph.
    Paragraph,
}

/// One numbered section of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Unique within the document and stable across runs: the path, with `~2`, `~3` … added
    /// when a document repeats a number under the same parent.
    pub id: String,
    /// Numbering path from the top, parentheses made half-width, e.g. `二/(三)/1`.
    pub path: String,
    /// The section's own number as printed, e.g. `（三）` or `1、` (empty for a preamble).
    pub number: String,
    pub heading: String,
    /// The section's own body (after the heading, before its first child), as in the text.
    pub text: String,
    /// 1 for top-level sections.
    pub level: u8,
    pub kind: MarkerKind,
    /// The whole section including its children, in chars of [`Document::text`].
    pub range: CharRange,
    /// Where [`Section::heading`] stands, in chars of [`Document::text`] (empty, at the
    /// section's start, when it has none). The heading is always a run of the document's own
    /// text: the rest of the numbered line, or for an untitled 附件 line the title line after it.
    #[serde(default)]
    pub heading_range: CharRange,
    /// Where [`Section::text`] stands, in chars of [`Document::text`].
    pub text_range: CharRange,
    /// The parent section, and the children in order (handles into [`Document::sections`]).
    pub parent: Option<SecIx>,
    pub children: Vec<SecIx>,
    /// Responsible units named in the section's （责任单位：…） parentheses, in order.
    pub units: Vec<String>,
}

impl Section {
    #[must_use]
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }

    /// `heading` and `text` as one line of display text.
    #[must_use]
    pub fn heading_and_text(&self) -> String {
        match (self.heading.is_empty(), self.text.is_empty()) {
            (true, _) => self.text.clone(),
            (false, true) => self.heading.clone(),
            (false, false) => format!("{}。{}", self.heading, self.text),
        }
    }
}

/// What can be read about a document from its own text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The policy's own title (for a 关于印发《X》的通知 wrapper: X).
    pub title: Option<String>,
    /// The wrapping notice's title, when the policy came inside one.
    pub notice_title: Option<String>,
    /// 发文机关, as printed (several joined by 、).
    pub issuer: Option<String>,
    /// Date signed or issued (成文日期), ISO `YYYY-MM-DD`.
    pub date_issued: Option<String>,
    /// Date published on the web (发布时间), ISO `YYYY-MM-DD`.
    pub date_published: Option<String>,
    /// 文号, e.g. 沪府办发〔2020〕1号.
    pub doc_number: Option<String>,
    /// Plan period as stated in the title, e.g. `[2020, 2022]`.
    pub period: Option<[u16; 2]>,
    /// Province or city the document is issued for, e.g. 浙江省.
    pub region: Option<String>,
    /// 关键字 / 关键词 given by the publishing web page.
    pub keywords: Vec<String>,
    /// 索引号 of a government page's metadata table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_number: Option<String>,
    /// 主题分类 of a government page's metadata table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// 北大法宝's citation code (法宝引证码, `CLI.11.4619854`) of an export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation_code: Option<String>,
    /// Where the text was copied from (an export's 原文链接).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// The level of government that issued it (read from the issuer or title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// 文种: the genre its title ends with (规划, 行动计划, 实施方案, 意见, 条例, 办法 …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// The level of government a document was issued at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The State Council, the Party centre, a ministry or commission.
    National,
    /// A province, autonomous region, municipality directly under the centre, or SAR.
    Provincial,
    /// A prefecture-level city, autonomous prefecture, 地区 or 盟.
    City,
    /// A county, district or banner (county-level cities read as cities: their names do not
    /// say which they are).
    County,
}

impl Level {
    pub const ALL: [Self; 4] = [Self::National, Self::Provincial, Self::City, Self::County];

    /// The name researchers use: 国家 / 省级 / 市级 / 县级.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::National => "国家",
            Self::Provincial => "省级",
            Self::City => "市级",
            Self::County => "县级",
        }
    }

    /// The level a name (国家, 省级, national, …) stands for, as the user may type it.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|l| l.name() == s || l.english().eq_ignore_ascii_case(s))
    }

    /// The name in the JSON output.
    #[must_use]
    pub fn english(self) -> &'static str {
        match self {
            Self::National => "national",
            Self::Provincial => "provincial",
            Self::City => "city",
            Self::County => "county",
        }
    }
}

/// The encoding the bytes were decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceEncoding {
    #[serde(rename = "UTF-8")]
    Utf8,
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
    #[serde(rename = "GB18030")]
    Gb18030,
    #[serde(rename = "Big5")]
    Big5,
    /// Text inside a .docx (XML, always Unicode).
    #[serde(rename = "docx")]
    Docx,
    /// Text of a PDF's text layer (Unicode via the fonts' maps).
    #[serde(rename = "pdf")]
    Pdf,
    /// Text of a Word 97–2003 .doc (UTF-16 or cp1252 pieces).
    #[serde(rename = "doc")]
    Doc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Txt,
    Md,
    Docx,
    /// A PDF's text layer.
    Pdf,
    /// A saved web page (.html, .htm).
    Html,
    /// A Word 97–2003 .doc.
    Doc,
}

/// A policy document read into an outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the bundled manifest's id, or one made from the file name.
    pub id: String,
    /// File name (or bundled name) it was read from.
    pub source: String,
    /// Short display label, e.g. 上海 2020.
    pub label: String,
    pub meta: Meta,
    pub format: SourceFormat,
    pub encoding: SourceEncoding,
    /// The cleaned text all ranges point into: original characters, boilerplate and
    /// metadata lines removed, broken lines rejoined, paragraphs separated by `\n`.
    pub text: String,
    /// Sections in document order (a pre-order walk of the tree).
    pub sections: Vec<Section>,
    /// Things a reader should know, e.g. that no numbering was recognised.
    pub warnings: Vec<String>,
    /// SHA-256 of the cleaned text (first 16 hex digits): the same document read from
    /// another encoding or format has the same hash. Keys user overrides.
    pub content_hash: String,
}

/// A document's persistent key: its [`Document::content_hash`]. Everything saved (the basket,
/// the chosen documents and their order, the last document shown) names documents by it, so
/// that loading the same files in another order, or the same text from another format,
/// finds the same documents. In memory, documents are referred to by their index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocKey(pub String);

/// A section's persistent key: its document's key and its id (unique in the document).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SecKey {
    pub doc: DocKey,
    pub section: String,
}

impl Document {
    /// The key everything saved names this document by.
    #[must_use]
    pub fn key(&self) -> DocKey {
        DocKey(self.content_hash.clone())
    }

    /// The key of section `section`.
    #[must_use]
    pub fn sec_key(&self, section: SecIx) -> Option<SecKey> {
        Some(SecKey {
            doc: self.key(),
            section: self.sections.at(section)?.id.clone(),
        })
    }

    /// The handle of the section with this id.
    #[must_use]
    pub fn section_ix(&self, id: &str) -> Option<SecIx> {
        self.sections.iter().position(|s| s.id == id).map(SecIx)
    }

    /// The document's date for ordering: issue date, else publication date (ISO
    /// `YYYY-MM-DD`), else the first year of its plan period (`YYYY`).
    #[must_use]
    pub fn date(&self) -> Option<String> {
        self.meta
            .date_issued
            .clone()
            .or_else(|| self.meta.date_published.clone())
            .or_else(|| self.meta.period.map(|p| p[0].to_string()))
    }

    /// The text of a char range (clamped to the text).
    #[must_use]
    pub fn slice(&self, range: CharRange) -> &str {
        crate::text::char_slice(&self.text, range.start, range.end)
    }

    /// Sections with no children: the units that are aligned, compared and exported.
    pub fn leaves(&self) -> impl Iterator<Item = (SecIx, &Section)> {
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_leaf())
            .map(|(i, s)| (SecIx(i), s))
    }

    #[must_use]
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Label, else title, else source: what to call the document on screen.
    #[must_use]
    pub fn display_name(&self) -> &str {
        if !self.label.is_empty() {
            &self.label
        } else if let Some(t) = &self.meta.title {
            t
        } else {
            &self.source
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_handle_follows_its_document_through_removals_and_insertions() {
        let (two, three) = (DocIx(2), DocIx(3));
        assert_eq!(DocIx(1).after_removal(two), Some(DocIx(1)));
        assert_eq!(two.after_removal(two), None, "the removed document has no handle");
        assert_eq!(three.after_removal(two), Some(two));
        assert_eq!(DocIx(1).after_insertion(two), DocIx(1));
        assert_eq!(two.after_insertion(two), three, "the one that stood there moves on");
        let removed_then_back: Vec<DocIx> = DocIx::all(5)
            .filter_map(|d| d.after_removal(two))
            .map(|d| d.after_insertion(two))
            .collect();
        assert_eq!(removed_then_back, [DocIx(0), DocIx(1), three, DocIx(4)]);
    }
}
