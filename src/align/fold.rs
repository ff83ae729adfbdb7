//! The form text takes for matching in the alignment: the crate's one fold
//! ([`crate::fold`]) with punctuation kept and whitespace dropped. Never shown.

pub use crate::fold::matching_form;
