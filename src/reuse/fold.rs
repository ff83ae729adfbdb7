//! The folded stream a document is matched in.

use crate::model::Document;

/// A document's sections as one stream of matching characters, with the way back to the
/// original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// Folded characters (as `u32` code points): letters, digits and Han only.
    pub chars: Vec<u32>,
    /// Per folded character: its char offset in [`Document::text`].
    pub pos: Vec<u32>,
    /// Per folded character: the index of the section that owns it (its innermost section).
    pub section: Vec<u32>,
}

impl Folded {
    #[must_use]
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }
}

/// The matching form of one character, or `None` for punctuation, symbols and whitespace.
/// Full-width forms become half-width, ASCII letters lower case.
#[must_use]
pub fn fold_char(c: char) -> Option<char> {
    let c = crate::text::fold_width_char(c);
    c.is_alphanumeric().then(|| c.to_ascii_lowercase())
}

/// Fold a document: every character owned by a section (its heading and own text, not its
/// children's), in text order.
#[must_use]
pub fn fold(doc: &Document) -> Folded {
    // Owner of each char: sections come in pre-order, so a later (deeper) section overwrites
    // its ancestors within its own range.
    let n_chars = doc.text.chars().count();
    let mut owner: Vec<u32> = vec![u32::MAX; n_chars];
    for (i, s) in doc.sections.iter().enumerate() {
        let end = s.range.end.min(n_chars);
        let start = s.range.start.min(end);
        #[allow(clippy::cast_possible_truncation)]
        owner[start..end].fill(i as u32);
    }
    let mut out = Folded {
        chars: Vec::with_capacity(n_chars),
        pos: Vec::with_capacity(n_chars),
        section: Vec::with_capacity(n_chars),
    };
    for (i, c) in doc.text.chars().enumerate() {
        if owner[i] == u32::MAX {
            continue;
        }
        if let Some(f) = fold_char(c) {
            out.chars.push(f as u32);
            #[allow(clippy::cast_possible_truncation)]
            out.pos.push(i as u32);
            out.section.push(owner[i]);
        }
    }
    out
}
