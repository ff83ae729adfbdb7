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

/// Now in the one fold (cleaning uses it too); kept here for reuse's paths.
pub use crate::fold::fold_char;

/// Fold a document: every character owned by a section (its heading and own text, not its
/// children's), in text order, through the one matching fold ([`crate::fold`]) with
/// punctuation and whitespace dropped — so a traditional-script or full-width reprint folds
/// to the same stream as its original.
#[must_use]
pub fn fold(doc: &Document) -> Folded {
    of(doc, &crate::fold::fold(&doc.text, crate::fold::Punct::Drop))
}

/// [`fold`], and the whole text folded as the direction's citations are looked for in it
/// (`pair::folded`), from one fold of the text.
pub(super) fn fold_and_text(doc: &Document) -> (Folded, String) {
    let folded = crate::fold::fold(&doc.text, crate::fold::Punct::Drop);
    (of(doc, &folded), folded.as_string())
}

/// The stream of `doc` from its text `folded`.
fn of(doc: &Document, folded: &crate::fold::Folded) -> Folded {
    // Owner of each char: sections come in pre-order, so a later (deeper) section overwrites
    // its ancestors within its own range.
    let n_chars = folded.offsets.last().map_or(0, |&o| o as usize + 1);
    let mut owner: Vec<u32> = vec![u32::MAX; n_chars];
    for (i, s) in doc.sections.iter().enumerate() {
        let end = s.range.end.min(n_chars);
        let start = s.range.start.min(end);
        #[allow(clippy::cast_possible_truncation)]
        owner[start..end].fill(i as u32);
    }
    let mut out = Folded {
        chars: Vec::with_capacity(folded.len()),
        pos: Vec::with_capacity(folded.len()),
        section: Vec::with_capacity(folded.len()),
    };
    for (&c, &pos) in folded.chars.iter().zip(&folded.offsets) {
        let o = owner[pos as usize];
        if o == u32::MAX {
            continue;
        }
        out.chars.push(c as u32);
        out.pos.push(pos);
        out.section.push(o);
    }
    out
}
