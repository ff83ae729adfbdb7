//! User corrections of the alignment: "this section belongs to that domain (or to none)".
//!
//! An override is keyed by the document's content hash and the section's id (unique in
//! the document: its path, with `~2` … where a number repeats), so it
//! survives re-analysis, a new taxonomy version, or re-opening the same text in another
//! encoding; it is stored apart from the analysis and re-applied after every run. Changes go
//! through [`OverrideLog`], which keeps undo and redo.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Alignment, Evidence};
use crate::model::Document;

/// Which section, in which scheme.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    pub doc_hash: String,
    /// [`crate::model::Section::id`]; files saved before ids were used call it `path`
    /// (the same string for every section whose number does not repeat).
    #[serde(alias = "path")]
    pub section: String,
    pub scheme: String,
}

/// The overrides in force: key → category id (`None`: the user said "no category").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overrides {
    #[serde(with = "entries")]
    pub map: BTreeMap<Key, Option<String>>,
}

mod entries {
    //! JSON objects cannot have struct keys: stored as a list of entries.
    use super::{BTreeMap, Deserialize, Key, Serialize};
    #[derive(Serialize, Deserialize)]
    struct Entry {
        #[serde(flatten)]
        key: Key,
        category: Option<String>,
    }
    pub fn serialize<S: serde::Serializer>(m: &BTreeMap<Key, Option<String>>, s: S) -> Result<S::Ok, S::Error> {
        let v: Vec<Entry> = m
            .iter()
            .map(|(k, c)| Entry {
                key: k.clone(),
                category: c.clone(),
            })
            .collect();
        v.serialize(s)
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<Key, Option<String>>, D::Error> {
        Ok(Vec::<Entry>::deserialize(d)?
            .into_iter()
            .map(|e| (e.key, e.category))
            .collect())
    }
}

impl Overrides {
    /// Put every override that matches a leaf into `alignment`. Returns the overrides whose
    /// section or category no longer exists (for a warning; they are kept, not dropped).
    pub fn apply(&self, alignment: &mut Alignment, docs: &[Document], taxonomy: &super::Taxonomy) -> Vec<Key> {
        let mut unmatched = Vec::new();
        for (key, category) in &self.map {
            let Some(si) = taxonomy.schemes.iter().position(|s| s.id == key.scheme) else {
                unmatched.push(key.clone());
                continue;
            };
            let leaf = alignment.leaves.iter().position(|l| {
                let d = &docs[l.doc];
                d.content_hash == key.doc_hash && d.sections[l.section].id == key.section
            });
            let cat = match category {
                Some(id) => {
                    let Some(c) = taxonomy.schemes[si].category_index(id) else {
                        unmatched.push(key.clone());
                        continue;
                    };
                    Some(c)
                }
                None => None,
            };
            let Some(leaf) = leaf else {
                unmatched.push(key.clone());
                continue;
            };
            let a = &mut alignment.schemes[si].assignments[leaf];
            a.primary = cat;
            a.group = None;
            a.overridden = true;
            a.secondary.retain(|(c, _)| Some(*c) != cat);
            a.evidence.insert(0, Evidence::Override { category: cat });
        }
        unmatched
    }

    /// Read overrides saved by [`Overrides::save`].
    ///
    /// # Errors
    /// An unreadable or malformed file, named in the message.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Save atomically (temp file + rename).
    ///
    /// # Errors
    /// The file cannot be written; the message names it.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let json = serde_json::to_vec_pretty(self).map_err(|e| e.to_string())?;
        crate::fsutil::write_atomic(path, &json).map_err(|e| e.to_string())
    }
}

/// One change: the key, its value before and after (`None`: no override).
type Change = (Key, Option<Option<String>>, Option<Option<String>>);

/// The override set with its history: every change can be undone and redone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideLog {
    pub current: Overrides,
    #[serde(skip)]
    undo: Vec<Change>,
    #[serde(skip)]
    redo: Vec<Change>,
}

impl OverrideLog {
    #[must_use]
    pub fn new(current: Overrides) -> Self {
        Self {
            current,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// Move a section to `category` (`None`: to no category).
    pub fn set(&mut self, key: Key, category: Option<String>) {
        let before = self.current.map.insert(key.clone(), category.clone());
        self.undo.push((key, before, Some(category)));
        self.redo.clear();
    }

    /// Remove the override of a section, returning it to the analysis.
    pub fn clear(&mut self, key: &Key) {
        if let Some(before) = self.current.map.remove(key) {
            self.undo.push((key.clone(), Some(before), None));
            self.redo.clear();
        }
    }

    #[allow(
        clippy::option_option,
        reason = "an undo step: None = no entry, Some(None) = an entry moving the section to no category"
    )]
    fn put(&mut self, key: &Key, value: Option<Option<String>>) {
        match value {
            Some(v) => {
                self.current.map.insert(key.clone(), v);
            }
            None => {
                self.current.map.remove(key);
            }
        }
    }

    /// Undo the last change; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some((key, before, after)) = self.undo.pop() else {
            return false;
        };
        self.put(&key, before.clone());
        self.redo.push((key, before, after));
        true
    }

    /// Redo the last undone change; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some((key, before, after)) = self.redo.pop() else {
            return false;
        };
        self.put(&key, after.clone());
        self.undo.push((key, before, after));
        true
    }

    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
