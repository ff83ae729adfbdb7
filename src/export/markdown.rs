//! Markdown: grouped by domain, a heading per document, each passage as a blockquote with
//! its citation; the section's line breaks kept (one quoted paragraph per line).

use std::fmt::Write as _;

use super::Passage;

pub fn markdown(passages: &[Passage<'_>]) -> String {
    let mut out = String::new();
    for (domain, group) in super::docx::by_domain(passages) {
        let _ = writeln!(out, "# {domain}\n");
        let mut last_doc: Option<&str> = None;
        for p in group {
            if last_doc != Some(p.doc.id.as_str()) {
                let title = p.doc.meta.title.as_deref().unwrap_or(&p.doc.source);
                let _ = writeln!(out, "## {} — 《{title}》\n", p.doc.display_name());
                last_doc = Some(p.doc.id.as_str());
            }
            let _ = writeln!(out, "> **{}**", escape(&p.place_and_heading()));
            // Each line of the text its own paragraph: a blank quoted line between keeps the
            // document's line breaks.
            for line in p.section.text.lines() {
                let _ = writeln!(out, ">\n> {}", escape(line));
            }
            if !p.targets.is_empty() {
                let _ = writeln!(out, ">\n> 目标 Targets: {}", escape(&p.targets_text()));
            }
            if let Some(note) = p.note {
                let _ = writeln!(out, ">\n> 笔记 Note: {}", escape(note));
            }
            let _ = writeln!(out, "\n—— {}\n", p.citation());
        }
    }
    out
}

/// Markdown characters that would change the meaning of policy text.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '_' | '`' | '#' | '<' | '>' | '[' | ']' | '|' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
