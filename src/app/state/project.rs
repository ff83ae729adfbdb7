//! The study as a project: New, Open, Save, Save as, autosave, Relink; the metadata the
//! user corrects and the notes they write, which the project keeps.

use crate::model::{ByHandle, DocIx, SecIx};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use super::messages::Topic;
use super::{AppState, Effect};
use crate::app::dialog::Purpose;
use crate::app::jobs::{Task, WriteJob};
use crate::model::{DocKey, Meta, SecKey};
use crate::project::{MetaEdit, Note, Problem, Project, ProjectDoc};

/// At most this many recent projects are remembered.
const RECENT: usize = 8;

/// The project side of the session.
#[derive(Default)]
pub struct ProjectState {
    /// The project file (`None`: not saved yet).
    pub path: Option<PathBuf>,
    /// The project as last saved or opened: there is something to save when it differs.
    saved: Option<Project>,
    saving: Option<WriteJob>,
    opening: Option<Task<crate::app::jobs::Opened>>,
    /// Metadata the user corrected, per document, and what was read before the first edit.
    pub edits: BTreeMap<DocKey, MetaEdit>,
    pub(super) original: HashMap<DocKey, (Meta, String)>,
    /// Notes (memos) on sections.
    pub notes: BTreeMap<SecKey, String>,
    /// Documents of the project whose file was not found: kept (saved back as they were)
    /// until relinked.
    pub missing: Vec<ProjectDoc>,
    /// Documents opened from the copy embedded in the project (saved embedded again).
    embedded: HashSet<String>,
    /// Projects opened or saved lately, most recent first.
    pub recent: Vec<PathBuf>,
    /// The note being written: (document, section, text so far).
    pub editing_note: Option<(DocIx, SecIx, String)>,
    /// The metadata being corrected: (document, fields so far).
    pub editing_meta: Option<(DocIx, MetaEdit)>,
    /// New was asked for with unsaved work: asked once more, it discards it.
    confirm_new: bool,
    /// The missing document a Relink dialog is choosing a file for.
    relinking: Option<DocKey>,
    /// [`AppState::unsaved`] for a project with a file, as of the last change: what the menu
    /// shows (comparing the whole project every frame would copy it every frame).
    unsaved_shown: bool,
}

impl ProjectState {
    /// Opening a project is under way.
    #[must_use]
    pub fn opening(&self) -> bool {
        self.opening.is_some()
    }

    #[must_use]
    pub fn saving(&self) -> bool {
        self.saving.is_some()
    }

    /// The project has a file and changes not saved to it yet (as the menu shows it).
    #[must_use]
    pub fn shows_unsaved(&self) -> bool {
        self.unsaved_shown
    }

    /// The file name shown in the title bar and the menu.
    #[must_use]
    pub fn name(&self) -> String {
        self.path
            .as_deref()
            .and_then(std::path::Path::file_stem)
            .map_or_else(|| "Untitled".to_owned(), |s| s.to_string_lossy().into_owned())
    }

    fn remember(&mut self, path: &std::path::Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT);
    }
}

impl AppState {
    /// The session as a project (what Save writes).
    #[must_use]
    pub fn to_project(&self) -> Project {
        let base = self.project.path.clone().unwrap_or_default();
        let mut bundled = false;
        let mut documents = Vec::new();
        for (doc, source) in self.docs.iter().zip(&self.sources) {
            match source {
                Some(file) => documents.push(ProjectDoc {
                    path: Some(Project::stored_path(&base, file)),
                    hash: doc.key(),
                    embedded: None,
                }),
                None if self.project.embedded.contains(&doc.content_hash) => documents.push(ProjectDoc {
                    path: None,
                    hash: doc.key(),
                    embedded: Some(Box::new(doc.clone())),
                }),
                None => bundled = true,
            }
        }
        documents.extend(self.project.missing.iter().cloned());
        Project {
            bundled,
            documents,
            metadata: self.project.edits.clone(),
            overrides: self.overrides.current.clone(),
            notes: self
                .project
                .notes
                .iter()
                .map(|(at, text)| Note {
                    at: at.clone(),
                    text: text.clone(),
                })
                .collect(),
            basket: self.basket.items().to_vec(),
            chosen: self.chosen.iter().map(|&d| self.docs[d].key()).collect(),
            taxonomy: self.taxonomy_file.as_ref().map(|(p, _)| p.clone()),
            retrained_on: self.retrained_on.clone(),
            ..Project::default()
        }
    }

    /// The project has changes not saved yet.
    #[must_use]
    pub fn unsaved(&self) -> bool {
        self.project.saved.as_ref() != Some(&self.to_project())
    }

    /// Bring [`ProjectState::shows_unsaved`] up to date: after a frame's commands, and when
    /// background work has changed the session.
    pub fn refresh_unsaved(&mut self) {
        self.project.unsaved_shown = self.project.path.is_some() && self.unsaved();
    }

    /// Save to `path`, or to the project's file; without either, ask where (Save as…).
    pub(super) fn save_project(&mut self, path: Option<PathBuf>) {
        let Some(path) = path.or_else(|| self.project.path.clone()) else {
            self.effect(Effect::Dialog(Purpose::SaveProject));
            return;
        };
        if self.project.saving.is_some() {
            return;
        }
        let path = if path.extension().is_none() {
            path.with_extension(crate::project::EXTENSION)
        } else {
            path
        };
        self.project.path = Some(path.clone());
        let project = self.to_project();
        self.project.saved = Some(project.clone());
        self.project.remember(&path);
        self.project.saving = Some(crate::app::jobs::start_save(path, project, self.wake.clone()));
        self.project.unsaved_shown = false;
    }

    /// Save the project if it has a file and changed since it was last saved (every few
    /// seconds, from the window's autosave).
    pub fn autosave(&mut self) {
        if self.project.path.is_some() && self.project.opening.is_none() && self.unsaved() {
            self.save_project(None);
        }
    }

    /// The window is closing: wait for a save under way, then write what is not saved yet
    /// (here, not on a thread the exit would cut short).
    pub fn save_before_exit(&mut self) {
        let started = std::time::Instant::now();
        while self.project.saving.is_some() && started.elapsed() < std::time::Duration::from_secs(10) {
            let _ = self.poll_project();
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        if let Some(path) = self.project.path.clone()
            && self.project.opening.is_none()
            && self.unsaved()
            && let Err(e) = self.to_project().save(&path)
        {
            eprintln!("duizhao: {e}");
        }
    }

    pub(super) fn open_project(&mut self, path: PathBuf) {
        if self.project.opening.is_none() {
            self.project.opening = Some(crate::app::jobs::start_open(path.clone(), self.wake.clone()));
            self.project.path = Some(path);
        }
    }

    /// Start again from the bundled documents. With unsaved work in an untitled project, the
    /// first New only warns.
    pub(super) fn new_project(&mut self) {
        if self.project.path.is_none() && self.unsaved() && !self.project.confirm_new {
            self.project.confirm_new = true;
            self.messages.push(
                Topic::Project,
                "This project is not saved: Save as… to keep it, or choose New again to discard it",
                true,
            );
            return;
        }
        let recent = std::mem::take(&mut self.project.recent);
        self.project = ProjectState {
            recent,
            ..ProjectState::default()
        };
        self.replace_documents(crate::corpus::load_all().into_iter().map(|d| (d, None)).collect());
        self.overrides = crate::align::overrides::OverrideLog::default();
        self.retrained_on = None;
        self.basket = crate::app::basket::Basket::default();
        self.messages.push(Topic::Project, "New project", false);
    }

    /// Take in what saving or opening the project brought; true when something came.
    pub(super) fn poll_project(&mut self) -> bool {
        let mut came = false;
        if let Some((text, error)) = self.project.saving.as_ref().and_then(Task::poll) {
            came = true;
            self.project.saving = None;
            if error {
                // Not saved after all: autosave tries again.
                self.project.saved = None;
                self.messages.push(Topic::Project, text, true);
            }
        }
        if let Some(result) = self.project.opening.as_ref().and_then(Task::poll) {
            came = true;
            self.project.opening = None;
            match result {
                Ok((project, opened)) => self.finish_open(&project, opened),
                Err(why) => {
                    self.project.path = None;
                    self.messages.push(Topic::Project, why, true);
                }
            }
        }
        came
    }

    fn finish_open(&mut self, project: &Project, opened: crate::project::Opened) {
        let path = self.project.path.clone().unwrap_or_default();
        let recent = std::mem::take(&mut self.project.recent);
        let loaded: HashSet<String> = opened.docs.iter().map(|(d, _)| d.content_hash.clone()).collect();
        self.project = ProjectState {
            path: Some(path.clone()),
            edits: project.metadata.clone(),
            notes: project.notes.iter().map(|n| (n.at.clone(), n.text.clone())).collect(),
            missing: project
                .documents
                .iter()
                .filter(|d| !loaded.contains(&d.hash.0))
                .cloned()
                .collect(),
            embedded: opened
                .docs
                .iter()
                .filter(|(d, p)| p.is_none() && project.documents.iter().any(|e| e.hash.0 == d.content_hash))
                .map(|(d, _)| d.content_hash.clone())
                .collect(),
            recent,
            ..ProjectState::default()
        };
        self.project.remember(&path);
        for p in &opened.problems {
            self.messages.push(
                Topic::Project,
                p.to_string(),
                !matches!(p, Problem::FromEmbedded { .. }),
            );
        }
        if !self.project.missing.is_empty() {
            self.messages.open = true;
        }
        self.replace_documents(opened.docs);
        self.overrides = crate::align::overrides::OverrideLog::new(project.overrides.clone());
        // The analysis refits the retrained model from these (it starts on the next frame).
        self.retrained_on.clone_from(&project.retrained_on);
        self.basket = crate::app::basket::Basket::new(project.basket.clone());
        // Once each: a hand-edited or merged project may name a document twice.
        let mut chosen: Vec<DocIx> = Vec::new();
        for d in project
            .chosen
            .iter()
            .filter_map(|k| self.docs.iter().position(|d| d.content_hash == k.0).map(DocIx))
        {
            if !chosen.contains(&d) {
                chosen.push(d);
            }
        }
        if !chosen.is_empty() {
            self.chosen = chosen;
        }
        match &project.taxonomy {
            Some(t) => {
                let _ = self.load_taxonomy(t);
            }
            None => self.taxonomy_file = None,
        }
        self.rebuild_derived();
        // What was opened is what is saved: nothing to save until the user changes something.
        self.project.saved = Some(self.to_project());
        let missing = self.project.missing.len();
        let mut text = format!("Opened {} ({} documents)", path.display(), self.docs.len());
        if missing > 0 {
            use std::fmt::Write as _;
            let _ = write!(text, "; {missing} missing — see Messages to relink");
        }
        self.messages.push(Topic::Project, text, false);
    }

    /// Put these documents in place of the loaded ones (a project opened, or New).
    fn replace_documents(&mut self, docs: Vec<(crate::model::Document, Option<PathBuf>)>) {
        let (docs, sources): (Vec<_>, Vec<_>) = docs.into_iter().unzip();
        self.docs = Arc::new(docs);
        self.sources = sources;
        self.chosen = DocIx::all(self.docs.len()).collect();
        self.removed = None;
        self.selected = None;
        self.invalidate_analysis();
        if !self.docs.is_empty() {
            self.handle(crate::app::command::Command::SelectDocument(DocIx(0)));
        }
    }

    /// Find a missing document's file: the dialog's answer is imported, and the document is
    /// no longer missing once a file with its text is in.
    pub(super) fn relink(&mut self, index: usize, file: Option<PathBuf>) {
        let Some(entry) = self.project.missing.get(index) else {
            return;
        };
        match file {
            None => {
                self.project.relinking = Some(entry.hash.clone());
                self.effect(Effect::Dialog(Purpose::Relink(index)));
            }
            Some(file) => {
                self.project.relinking = Some(entry.hash.clone());
                self.import(vec![file]);
            }
        }
    }

    /// After an import: the missing documents now loaded are missing no more; a relinked
    /// file with other text is said to be another document.
    pub(super) fn settle_missing(&mut self) {
        let loaded: HashSet<&str> = self.docs.iter().map(|d| d.content_hash.as_str()).collect();
        self.project.missing.retain(|m| !loaded.contains(m.hash.0.as_str()));
        if let Some(hash) = self.project.relinking.take()
            && self.project.missing.iter().any(|m| m.hash == hash)
        {
            self.messages.push(
                Topic::Project,
                "The file chosen has other text than the missing document: it was imported as a document of its own",
                true,
            );
        }
    }

    /// Write, or take back (empty text), the note on a section.
    pub(super) fn set_note(&mut self, doc: DocIx, section: SecIx, text: &str) {
        let Some(key) = self.section_ref(doc, section) else {
            return;
        };
        let text = text.trim();
        if text.is_empty() {
            self.project.notes.remove(&key);
        } else {
            self.project.notes.insert(key, text.to_owned());
        }
        self.rebuild_derived();
    }

    /// The note on a section, if any.
    #[must_use]
    pub fn note(&self, doc: DocIx, section: SecIx) -> Option<&str> {
        let key = self.section_ref(doc, section)?;
        self.project.notes.get(&key).map(String::as_str)
    }

    /// Correct a document's metadata: `edit` replaces the earlier edit; fields left `None`
    /// are what was read from the text.
    pub(super) fn edit_meta(&mut self, doc: DocIx, edit: MetaEdit) {
        let Some(d) = self.docs.at(doc) else { return };
        let key = d.key();
        let (meta, label) = self
            .project
            .original
            .entry(key.clone())
            .or_insert_with(|| (d.meta.clone(), d.label.clone()))
            .clone();
        let d = &mut Arc::make_mut(&mut self.docs)[doc];
        d.meta = meta;
        d.label = label;
        edit.apply(d);
        if edit.is_empty() {
            self.project.edits.remove(&key);
        } else {
            self.project.edits.insert(key, edit);
        }
        self.rebuild_suggestions();
        self.rebuild_derived();
    }

    /// The fields of the metadata editor for a document: its edits, else what was read.
    #[must_use]
    pub fn meta_fields(&self, doc: DocIx) -> Option<MetaEdit> {
        let d = self.docs.at(doc)?;
        let (meta, label) = self
            .project
            .original
            .get(&d.key())
            .map_or((&d.meta, &d.label), |(m, l)| (m, l));
        let edit = self.project.edits.get(&d.key()).cloned().unwrap_or_default();
        Some(MetaEdit {
            title: edit.title.or_else(|| meta.title.clone()),
            label: edit.label.or_else(|| Some(label.clone())),
            issuer: edit.issuer.or_else(|| meta.issuer.clone()),
            doc_number: edit.doc_number.or_else(|| meta.doc_number.clone()),
            date_issued: edit.date_issued.or_else(|| meta.date_issued.clone()),
            date_published: edit.date_published.or_else(|| meta.date_published.clone()),
            region: edit.region.or_else(|| meta.region.clone()),
            level: edit.level.or_else(|| meta.level.map(|l| l.name().to_owned())),
            kind: edit.kind.or_else(|| meta.kind.clone()),
        })
    }

    /// What the editor's fields change relative to what was read: only those are kept.
    #[must_use]
    pub fn meta_edit_from(&self, doc: DocIx, fields: &MetaEdit) -> MetaEdit {
        let Some(d) = self.docs.at(doc) else {
            return MetaEdit::default();
        };
        let (meta, label) = self
            .project
            .original
            .get(&d.key())
            .map_or((&d.meta, &d.label), |(m, l)| (m, l));
        let changed = |new: &Option<String>, old: &Option<String>| {
            let new = new.as_deref().map(str::trim).unwrap_or_default();
            (new != old.as_deref().unwrap_or_default()).then(|| new.to_owned())
        };
        MetaEdit {
            title: changed(&fields.title, &meta.title),
            label: changed(&fields.label, &Some(label.clone())),
            issuer: changed(&fields.issuer, &meta.issuer),
            doc_number: changed(&fields.doc_number, &meta.doc_number),
            date_issued: changed(&fields.date_issued, &meta.date_issued),
            date_published: changed(&fields.date_published, &meta.date_published),
            region: changed(&fields.region, &meta.region),
            level: changed(&fields.level, &meta.level.map(|l| l.name().to_owned())),
            kind: changed(&fields.kind, &meta.kind),
        }
    }
}
