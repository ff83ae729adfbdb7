//! Paragraphs → a tree of numbered sections.
//!
//! Numbering is recognised per paragraph ([`number`]); nesting is learnt from the document
//! itself: a kind of number seen inside another is kept inside it from then on, and only
//! when a document has not yet shown how two kinds nest is the conventional order of
//! Chinese official documents used (第一章 > 一、 > (一) > 1. > (1) > ①). Markdown and Word
//! heading levels are hints beneath the printed numbers, which they often contradict.

pub mod genre;
pub mod meta;
mod responsible;
pub mod runin;
/// The numbering markers, now in the line lexer below ingest and outline (kept here for old paths).
pub use crate::lex::number;
pub use responsible::units;

use std::collections::{HashMap, HashSet};

use crate::ingest::{Cleaned, Hint, Para, RawText, clean};
use crate::model::{CharRange, Document, MarkerKind, SecIx, Section};
use number::{MAX_FREE_NUMBER, Marker, conventional_rank, parse_marker, parse_marker_unbounded};

/// Longest first sentence that is still taken as a run-in heading (chars).
pub const MAX_HEADING_CHARS: usize = 40;

/// Build a document: clean the raw paragraphs, read the metadata, build the outline.
#[must_use]
pub fn build(raw: &RawText, id: &str, label: &str) -> Document {
    let mut cleaned = clean(raw);
    if let Some(paras) = runin::split(&cleaned.paras) {
        cleaned.paras = paras;
    }
    let mut b = Builder::new(&cleaned);
    b.run();
    if let Some((_, chars)) = cleaned.copy_dropped {
        b.warnings.push(format!(
            "{}: the text ends with a second copy of itself (a saved page's hidden copy?); \
             the copy, {chars} characters, was left out",
            raw.source
        ));
    }
    if let Some(doubt) = crate::ingest::decode_doubt(&b.text) {
        b.warnings.push(format!("{}: {doubt}", raw.source));
    }
    let mut meta = meta::extract(&cleaned.paras[..b.first_numbered], &cleaned);
    meta::apply_fields(&mut meta, &cleaned.fields);
    meta::apply_fields(&mut meta, &raw.fields);
    genre::fill(&mut meta);
    Document {
        id: id.to_owned(),
        source: raw.source.clone(),
        label: label.to_owned(),
        meta,
        format: raw.format,
        encoding: raw.encoding,
        content_hash: content_hash(&b.text),
        text: b.text,
        sections: b.sections,
        warnings: raw.warnings.iter().cloned().chain(b.warnings).collect(),
    }
}

/// First 16 hex digits of the SHA-256 of a text.
#[must_use]
pub fn content_hash(text: &str) -> String {
    use sha2::Digest;
    crate::text::hex(&sha2::Sha256::digest(text.as_bytes())[..8])
}

/// A paragraph's role in the outline.
#[derive(Debug, Clone)]
enum Role {
    Numbered(Marker),
    Body,
}

struct Builder<'a> {
    paras: &'a [Para],
    /// Char offset of each paragraph in `text`.
    starts: Vec<usize>,
    text: String,
    text_chars: usize,
    roles: Vec<Role>,
    first_numbered: usize,
    sections: Vec<Section>,
    warnings: Vec<String>,
}

impl<'a> Builder<'a> {
    fn new(cleaned: &'a Cleaned) -> Self {
        let paras = cleaned.paras.as_slice();
        // Sized at once: grown by doubling, a large document's text would be copied and
        // fresh memory touched several times over.
        let mut text = String::with_capacity(paras.iter().map(|p| p.text.len() + 1).sum());
        let mut starts = Vec::with_capacity(paras.len());
        let mut n = 0;
        for (i, p) in paras.iter().enumerate() {
            if i > 0 {
                text.push('\n');
                n += 1;
            }
            starts.push(n);
            text.push_str(&p.text);
            n += p.text.chars().count();
        }
        Self {
            paras,
            starts,
            text,
            text_chars: n,
            roles: Vec::new(),
            first_numbered: paras.len(),
            sections: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn para_end(&self, i: usize) -> usize {
        self.starts[i] + self.paras[i].text.chars().count()
    }

    fn run(&mut self) {
        self.assign_roles();
        self.preamble();
        if self.first_numbered < self.paras.len() {
            self.numbered_sections();
        } else {
            self.paragraph_fallback();
        }
        self.finish_ranges();
        self.assign_ids();
    }

    fn assign_roles(&mut self) {
        let mut list_counters: HashMap<u8, u32> = HashMap::new();
        let mut seen_number = false;
        // Last value of each kind of number: a number above MAX_FREE_NUMBER counts only
        // when it continues its list, so 5,000 items are 5,000 sections but a paragraph
        // opening with 2025、 is not item 2025.
        let mut last_value: HashMap<MarkerKind, u32> = HashMap::new();
        // Whether the body has begun with a printed number (not a heading), so that a 附件
        // line opens an annex rather than being the notice's cover line.
        let mut body_numbered = false;
        // The next number of an attachment list (附件：1.甲 / 2.乙): its lines are text.
        let mut attachment_list: Option<u32> = None;
        self.roles = self
            .paras
            .iter()
            .map(|p| {
                let listed = attachment_list.take();
                if let Some(next) = attachment_list_start(&p.text) {
                    attachment_list = Some(next);
                    return Role::Body;
                }
                if let Some(expected) = listed
                    && parse_marker(&p.text).is_some_and(|m| m.kind == MarkerKind::Arabic && m.value == expected)
                {
                    attachment_list = Some(expected + 1);
                    return Role::Body;
                }
                if body_numbered && let Some(m) = number::annex_marker(&p.text) {
                    return Role::Numbered(m);
                }
                if let Some(m) = parse_marker_unbounded(&p.text)
                    .filter(|m| m.value <= MAX_FREE_NUMBER || last_value.get(&m.kind) == Some(&(m.value - 1)))
                {
                    last_value.insert(m.kind, m.value);
                    seen_number = true;
                    body_numbered = true;
                    return Role::Numbered(m);
                }
                match p.hint {
                    Hint::WordList(level) => {
                        seen_number = true;
                        body_numbered = true;
                        list_counters.retain(|l, _| *l <= level);
                        let v = list_counters.entry(level).or_insert(0);
                        *v += 1;
                        Role::Numbered(Marker {
                            kind: MarkerKind::WordList(level),
                            value: *v,
                            printed: format!("{v}."),
                            len: 0,
                        })
                    }
                    // A heading without a number opens a section once the body has begun;
                    // before that it is a title line of the front matter.
                    Hint::Heading(level) if seen_number || !crate::lex::line::is_front_matter(&p.text) => {
                        seen_number = true;
                        Role::Numbered(Marker {
                            kind: MarkerKind::Heading(level),
                            value: 0,
                            printed: String::new(),
                            len: 0,
                        })
                    }
                    _ => Role::Body,
                }
            })
            .collect();
        self.first_numbered = self
            .roles
            .iter()
            .position(|r| matches!(r, Role::Numbered(_)))
            .unwrap_or(self.paras.len());
    }

    /// What the document says before its first numbered section, without the title,
    /// notice formulas, addressees, signatures and 文号: one preamble per run of such
    /// paragraphs (a web page's summary above the notice is one, the plan's own opening
    /// sentence another).
    fn preamble(&mut self) {
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for i in 0..self.first_numbered {
            if self.paras[i].hint == Hint::PageTitle || crate::lex::line::is_front_matter(&self.paras[i].text) {
                continue;
            }
            match runs.last_mut() {
                Some((_, last)) if *last + 1 == i => *last = i,
                // Within a run it is part of it; it starts none.
                _ if crate::lex::line::says_nothing(&self.paras[i].text) => {}
                _ => runs.push((i, i)),
            }
        }
        // The preamble is the text's opening: indexed up to its end, not through the whole
        // text (a 7 MB document's index is made again in `finish_ranges`).
        let Some(&(_, last)) = runs.last() else { return };
        let upto = self.para_end(last);
        let bytes = self.text.char_indices().nth(upto).map_or(self.text.len(), |(b, _)| b);
        let index = crate::text::CharIndex::new(&self.text[..bytes]);
        for (first, last) in runs {
            let r = CharRange::new(self.starts[first], self.para_end(last));
            self.sections.push(Section {
                id: String::new(),
                path: "preamble".to_owned(),
                number: String::new(),
                heading: String::new(),
                text: index.slice(r.start, r.end).to_owned(),
                level: 1,
                kind: MarkerKind::Preamble,
                range: r,
                heading_range: CharRange::new(r.start, r.start),
                text_range: r,
                parent: None,
                children: Vec::new(),
                units: Vec::new(),
            });
        }
    }

    fn numbered_sections(&mut self) {
        // (parent kind, child kind) pairs this document has shown.
        let mut nests: HashSet<(MarkerKind, MarkerKind)> = HashSet::new();
        let mut stack: Vec<(usize, MarkerKind)> = Vec::new();
        // Sections whose own line is a sentence (一、…提出意见。) rather than a title.
        let mut sentence_items: Vec<bool> = Vec::new();
        // The numbers of the 专栏 box being read (by kind, the last value), if one is open.
        let mut open_box: Option<HashMap<MarkerKind, u32>> = None;
        for i in self.first_numbered..self.paras.len() {
            let Role::Numbered(m) = self.roles[i].clone() else {
                if crate::lex::line::box_title(&self.paras[i].text) {
                    open_box = Some(HashMap::new());
                }
                continue;
            };
            let k = m.kind;
            if let Some(numbers) = &mut open_box {
                if self.in_box(numbers, &m, &stack) {
                    // A box's own list (重大工程 1. 2. …) is the box's text, kept with the
                    // item the box follows.
                    numbers.insert(k, m.value);
                    continue;
                }
                open_box = None;
            }
            if is_item_of_article(k, &stack) {
                // 条 → 款 → 项 （一） → 目 1.: an article's enumerations are part of its
                // text, not sections (legislative drafting; the article is the unit).
                continue;
            }
            let after_articles = k == MarkerKind::Hanzi && stack.iter().any(|(_, kind)| *kind == MarkerKind::Article);
            if after_articles || k == MarkerKind::Annex {
                // An annex stands at the top of the tree. An article has no 一、 parts: after
                // the articles, 一、 opens an annex.
                stack.clear();
            }
            // A numbered heading line (`## 二、…`, a Word heading) closes an unnumbered heading
            // of its level or below (`## 前言`) and all inside it: they are siblings.
            if let Hint::Heading(l) = self.paras[i].hint
                && let Some(pos) = stack
                    .iter()
                    .position(|(_, kind)| matches!(kind, MarkerKind::Heading(t) if *t >= l))
            {
                stack.truncate(pos);
            }
            if let Some(pos) = stack.iter().rposition(|(_, kind)| *kind == k) {
                stack.truncate(pos);
            } else {
                // Articles and chapters never stand inside an item that is a sentence (a
                // notice's 一、…提出意见。): after such items, 第一条 opens the text it
                // publishes. Under a titled item (一、总则, a 办法's chapters) they stay.
                let legislative = matches!(
                    k,
                    MarkerKind::Part | MarkerKind::Chapter | MarkerKind::Subchapter | MarkerKind::Article
                );
                while let Some(&(top_ix, top)) = stack.last() {
                    let sentence_item = sentence_items.get(top_ix).copied().unwrap_or(false);
                    let pop = if legislative && sentence_item && conventional_rank(top) > conventional_rank(k) {
                        true
                    } else if nests.contains(&(top, k)) {
                        false
                    } else if nests.contains(&(k, top)) {
                        true
                    } else if m.value == 1 {
                        // A list that starts here, under a kind not yet seen above it,
                        // belongs to the section before it (1. 甲 / （一）… in a document
                        // whose own order is unconventional).
                        false
                    } else {
                        conventional_rank(top) >= conventional_rank(k)
                    };
                    if !pop {
                        break;
                    }
                    stack.pop();
                }
            }
            let parent = stack.last().map(|&(idx, kind)| {
                nests.insert((kind, k));
                idx
            });
            let idx = self.sections.len();
            let section = self.numbered_section(i, &m, parent, stack.len());
            sentence_items.resize(idx, false);
            sentence_items.push(self.paras[i].text.contains(['。', '；']));
            self.sections.push(section);
            if let Some(p) = parent {
                self.sections[p].children.push(SecIx(idx));
            }
            stack.push((idx, k));
        }
    }

    /// Whether number `m`, read inside a 专栏 box whose own numbers so far are `numbers`,
    /// belongs to the box: it starts or continues the box's list, and neither continues an
    /// open list of the document nor is a structural number (一、, 第X章, a heading, 附件) —
    /// those end the box. Continuing both lists, it stays in the box.
    fn in_box(&self, numbers: &HashMap<MarkerKind, u32>, m: &Marker, stack: &[(usize, MarkerKind)]) -> bool {
        let structural = matches!(
            m.kind,
            MarkerKind::Annex
                | MarkerKind::Part
                | MarkerKind::Chapter
                | MarkerKind::Subchapter
                | MarkerKind::Article
                | MarkerKind::Hanzi
                | MarkerKind::Heading(_)
        );
        if structural {
            return false;
        }
        let continues_box = m.value == 1 || numbers.get(&m.kind).is_some_and(|v| v + 1 == m.value);
        let continues_document = stack.iter().any(|&(idx, kind)| {
            kind == m.kind && number::parse_marker(&self.sections[idx].number).is_some_and(|n| n.value + 1 == m.value)
        });
        continues_box || !continues_document
    }

    fn numbered_section(&self, i: usize, m: &Marker, parent: Option<usize>, depth: usize) -> Section {
        let p = &self.paras[i];
        let rest: String = p.text.chars().skip(m.len).collect();
        let (heading, body_offset) = split_heading(&rest, p, m);
        let heading = heading.trim_end_matches(['。', '.', '；', ';', '：', ':']);
        let heading_lead = heading.chars().take_while(|c| c.is_whitespace()).count();
        let heading = heading.trim().to_owned();
        let own = if m.printed.is_empty() {
            heading.clone()
        } else {
            m.path_label()
        };
        let path = match parent {
            Some(pi) => format!("{}/{}", self.sections[pi].path, path_part(&own)),
            None => path_part(&own),
        };
        let start = self.starts[i];
        let mut body_start = (start + m.len + body_offset).min(self.para_end(i));
        let mut heading = heading;
        let mut heading_start = start + m.len + heading_lead;
        if let Some(title) = self.annex_title(i, m, &heading) {
            let t = &self.paras[title].text;
            crate::text::trim(t).clone_into(&mut heading);
            heading_start = self.starts[title] + t.chars().take_while(|c| crate::text::is_space(*c)).count();
            body_start = self.para_end(title);
        }
        let heading_range = CharRange::new(heading_start, heading_start + heading.chars().count());
        Section {
            id: String::new(),
            path,
            number: m.printed.clone(),
            heading,
            text: String::new(),
            level: u8::try_from(depth + 1).unwrap_or(u8::MAX),
            kind: m.kind,
            range: CharRange::new(start, start),
            heading_range,
            text_range: CharRange::new(body_start, 0),
            parent: parent.map(SecIx),
            children: Vec::new(),
            units: Vec::new(),
        }
    }

    /// The paragraph that gives an untitled annex line (附件1) its title: the next one, when it
    /// is a short line of text and not a sentence.
    fn annex_title(&self, i: usize, m: &Marker, heading: &str) -> Option<usize> {
        let next = i + 1;
        let t = crate::text::trim(&self.paras.get(next)?.text);
        let is_title = m.kind == MarkerKind::Annex
            && heading.is_empty()
            && matches!(self.roles.get(next), Some(Role::Body))
            && !t.is_empty()
            && t.chars().count() <= MAX_HEADING_CHARS
            && !t.contains(['。', '；', ';'])
            && !crate::lex::line::is_table_row(t);
        is_title.then_some(next)
    }

    fn paragraph_fallback(&mut self) {
        let next = |i: usize| self.paras.get(i + 1).map(|p| p.text.as_str());
        let body: Vec<usize> = (0..self.paras.len())
            .filter(|&i| !crate::lex::line::is_front_matter(&self.paras[i].text))
            // A first line that is the title by its form is the title, not a paragraph.
            .filter(|&i| i > 0 || !crate::lex::line::bare_title(&self.paras[0].text, next(0)))
            .collect();
        if body.is_empty() {
            return;
        }
        self.sections.clear();
        self.warnings
            .push("no recognisable section numbering: the outline falls back to one section per paragraph".to_owned());
        // `| a | b |`, `a\tb`, and a cell per line closed by its bar (`指标 |`).
        let is_row = |t: &str| t.contains('\t') || t.trim_start().starts_with('|') || t.trim_end().ends_with('|');
        let mut n = 0usize;
        let mut previous: Option<usize> = None;
        for i in body {
            let p = &self.paras[i];
            // A table's rows stay together in one section (its header's), so that the table
            // can be read as one: a row per paragraph is how .docx and PDF tables arrive.
            let continues_table = previous.is_some_and(|j| is_row(&self.paras[j].text)) && is_row(&p.text);
            previous = Some(i);
            if continues_table {
                continue;
            }
            n += 1;
            let m = Marker {
                kind: MarkerKind::Paragraph,
                value: u32::try_from(n).unwrap_or(u32::MAX),
                printed: String::new(),
                len: 0,
            };
            let (heading, offset) = split_heading(&p.text, p, &m);
            let heading = heading.trim_end_matches(['。', '；', '：']).to_owned();
            let start = self.starts[i];
            let heading_range = CharRange::new(start, start + heading.chars().count());
            self.sections.push(Section {
                id: String::new(),
                path: format!("¶{n}"),
                number: String::new(),
                heading,
                text: String::new(),
                level: 1,
                kind: MarkerKind::Paragraph,
                range: CharRange::new(start, start),
                heading_range,
                text_range: CharRange::new(start + offset, 0),
                parent: None,
                children: Vec::new(),
                units: Vec::new(),
            });
        }
    }

    /// Each section runs to the next section that is not its descendant; its own text runs
    /// to its first child.
    fn finish_ranges(&mut self) {
        let index = crate::text::CharIndex::new(&self.text);
        let n = self.sections.len();
        for i in 0..n {
            if self.sections[i].kind == MarkerKind::Preamble {
                continue;
            }
            let level = self.sections[i].level;
            let next_start = |j: usize| self.sections[j].range.start.saturating_sub(1);
            let end = (i + 1..n)
                .find(|&j| self.sections[j].level <= level)
                .map_or(self.text_chars, next_start);
            let own_end = self.sections[i].children.first().map_or(end, |&c| next_start(c.get()));
            let s = &mut self.sections[i];
            s.range.end = end.max(s.range.start);
            let t_start = s.text_range.start.min(own_end);
            let raw = index.slice(t_start, own_end);
            let lead = raw.chars().take_while(|c| crate::text::is_space(*c)).count();
            let trimmed = crate::text::trim(raw);
            s.text_range = CharRange::new(t_start + lead, t_start + lead + trimmed.chars().count());
            trimmed.clone_into(&mut s.text);
            s.units = units(&s.text);
        }
    }

    fn assign_ids(&mut self) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for s in &mut self.sections {
            let count = seen.entry(s.path.clone()).or_insert(0);
            *count += 1;
            s.id = if *count == 1 {
                s.path.clone()
            } else {
                format!("{}~{}", s.path, count)
            };
        }
    }
}

/// The first number of an attachment list, `附件：1.名词解释` → 2 (the next item's number).
fn attachment_list_start(t: &str) -> Option<u32> {
    let rest = t.strip_prefix("附件")?;
    let rest = crate::text::trim(rest.strip_prefix(['：', ':'])?);
    parse_marker(rest)
        .filter(|m| m.kind == MarkerKind::Arabic && m.value == 1)
        .map(|m| m.value + 1)
}

/// A marker of kind `k` under an open 第X条 article that numbers the article's own items
/// (项 （一）, 目 1. (1) ①, Word list numbering) rather than a new section. 一、 and the
/// structural kinds (编, 章, 节, 条, headings) still open sections: an annex after the last
/// article starts with them.
fn is_item_of_article(k: MarkerKind, stack: &[(usize, MarkerKind)]) -> bool {
    matches!(
        k,
        MarkerKind::ParenHanzi
            | MarkerKind::Arabic
            | MarkerKind::ParenArabic
            | MarkerKind::Circled
            | MarkerKind::WordList(_)
    ) && stack.iter().any(|(_, kind)| *kind == MarkerKind::Article)
}

fn path_part(s: &str) -> String {
    let short: String = s.chars().filter(|c| *c != '/').take(24).collect();
    if short.is_empty() { "§".to_owned() } else { short }
}

/// Split a numbered paragraph's text (after its number) into heading and the char offset
/// where its body starts.
fn split_heading(rest: &str, p: &Para, m: &Marker) -> (String, usize) {
    let chars: Vec<char> = rest.chars().collect();
    let skip_space = |mut i: usize| {
        while chars.get(i).is_some_and(|c| crate::text::is_space(*c)) {
            i += 1;
        }
        i
    };
    // Markdown bold run-in heading.
    if p.bold_prefix > m.len {
        let end = (p.bold_prefix - m.len).min(chars.len());
        return (chars[..end].iter().collect(), skip_space(end));
    }
    let clause = |s: &[char]| s.iter().any(|c| matches!(c, '，' | ',' | '；' | ';'));
    let stop = chars.iter().position(|c| matches!(c, '。' | '！' | '？'));
    // A heading line (Markdown #, Word heading style) is all heading — unless a whole
    // paragraph was styled as one, in which case its run-in heading is read as usual.
    let runs_on = stop.is_some_and(|s| s + 1 < chars.len() && s <= MAX_HEADING_CHARS);
    if matches!(p.hint, Hint::Heading(_)) && !runs_on {
        return (rest.to_owned(), chars.len());
    }
    if let Some(stop) = stop {
        let head = &chars[..stop];
        if stop <= MAX_HEADING_CHARS
            && !clause(head)
            && m.kind != MarkerKind::Article
            && m.kind != MarkerKind::Paragraph
        {
            return (head.iter().collect(), skip_space(stop + 1));
        }
        return (String::new(), 0);
    }
    if chars.len() <= MAX_HEADING_CHARS
        && !clause(&chars)
        && m.kind != MarkerKind::Paragraph
        && m.kind != MarkerKind::Article
    {
        return (rest.to_owned(), chars.len());
    }
    (String::new(), 0)
}

#[cfg(test)]
mod tests;
