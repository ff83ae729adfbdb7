//! The session's life: background work (analysis, import, export) started and taken in,
//! and the settings made from the session when saved and applied to it at start.

use std::fmt::Write as _;
use std::sync::Arc;

use super::messages::Topic;
use super::{AppState, Effect};
use crate::app::command::Command;
use crate::app::jobs::{ExportWork, ImportJob, Imported, Wake};
use crate::app::settings::Settings;

impl AppState {
    /// How background work asks the window to repaint.
    pub fn set_wake(&mut self, wake: Wake) {
        self.wake = Some(wake);
    }

    /// What the shell must do for the commands handled since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub(super) fn effect(&mut self, e: Effect) {
        self.effects.push(e);
    }

    /// (files read, files to read) of the import under way.
    #[must_use]
    pub fn importing(&self) -> Option<(usize, usize)> {
        self.import.as_ref().map(ImportJob::counts)
    }

    /// An export is being written.
    #[must_use]
    pub fn exporting(&self) -> bool {
        self.export_job.is_some()
    }

    /// Something runs in the background (an analysis, an import, an export).
    #[must_use]
    pub fn busy(&self) -> bool {
        self.pending.is_some()
            || self.want_analysis
            || self.import.is_some()
            || self.export_job.is_some()
            || self.project.opening()
            || self.project.saving()
            || self.comparing_pairs()
    }

    /// Analyse the documents again as soon as no import is under way.
    pub fn request_analysis(&mut self) {
        self.want_analysis = true;
    }

    /// Take in what background work has finished, and start the analysis if it is due.
    /// Called at the start of every frame.
    pub fn poll(&mut self) {
        self.poll_analysis();
        let mut changed = self.poll_project();
        changed |= self.poll_retrain();
        self.poll_pairs();
        if let Some(done) = self.import.as_ref().and_then(ImportJob::poll) {
            self.import = None;
            self.finish_import(done);
            changed = true;
        }
        if changed {
            self.refresh_unsaved();
        }
        if let Some((text, error)) = self.export_job.as_ref().and_then(crate::app::jobs::Task::poll) {
            self.export_job = None;
            self.messages.push(Topic::Export, text, error);
        }
        if self.want_analysis && self.import.is_none() && !self.project.opening() {
            self.start_analysis();
        }
    }

    fn poll_analysis(&mut self) {
        let Some(rx) = &self.pending else { return };
        match rx.try_recv() {
            Ok(Ok(a)) => self.set_analysis(a),
            Ok(Err(why)) => {
                self.pending = None;
                self.messages.push(Topic::Analysis, why, true);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                self.messages
                    .push(Topic::Analysis, "the analysis stopped without a result", true);
            }
        }
    }

    /// Analyse the loaded documents on a background thread (the documents are shared with
    /// it, not copied); an analysis under way is dropped.
    pub fn start_analysis(&mut self) {
        self.want_analysis = false;
        let progress = crate::app::analysis::Progress::default();
        let wake = self.wake.clone();
        let spawned =
            crate::app::analysis::spawn(Arc::clone(&self.docs), self.align_by(), progress.clone(), move || {
                if let Some(w) = wake {
                    w();
                }
            });
        if let Ok(rx) = spawned {
            self.pending = Some(rx);
            self.progress = Some(progress);
        } else {
            // No thread could be started: analyse here rather than not at all.
            let a = crate::app::analysis::run(&self.docs, self.align_by());
            self.set_analysis(a);
        }
    }

    /// Read files in the background; paths given while an import runs are read after it.
    pub(super) fn import(&mut self, paths: Vec<std::path::PathBuf>) {
        if paths.is_empty() {
            return;
        }
        if self.import.is_some() {
            self.import_queue.extend(paths);
        } else {
            self.import = Some(ImportJob::start(paths, self.wake.clone()));
        }
    }

    pub(super) fn cancel_import(&mut self) {
        if let Some(job) = &self.import {
            job.cancel();
        }
        self.import_queue.clear();
    }

    fn finish_import(&mut self, done: Imported) {
        // Files, not messages: one message sums up every skipped file.
        let failed = done.not_imported;
        let trouble = !done.problems.is_empty();
        for p in done.problems {
            self.messages.push(Topic::Import, p, true);
        }
        let read = done.docs.len();
        let added = self.add_documents(done.docs.into_iter().map(|(d, p)| (d, Some(p))).collect());
        if let Some(saved) = self.restore.take() {
            self.apply_choices(&saved);
        }
        self.settle_missing();
        let mut summary = format!("Imported {added} document{}", if added == 1 { "" } else { "s" });
        if read > added {
            let _ = write!(summary, ", {} already loaded", read - added);
        }
        if failed > 0 {
            let _ = write!(
                summary,
                "; {failed} file{} not imported (see Messages)",
                if failed == 1 { "" } else { "s" }
            );
        } else if trouble {
            summary.push_str("; see Messages");
        }
        if trouble {
            self.messages.open = true;
        }
        if done.not_read > 0 {
            let _ = write!(summary, "; cancelled: {} files not read", done.not_read);
        }
        self.messages.push(Topic::Import, summary, false);
        if !self.import_queue.is_empty() {
            let next = std::mem::take(&mut self.import_queue);
            self.import(next);
        }
    }

    /// Write the basket in the background. An existing file is only replaced once the user
    /// confirmed; the basket is never changed, whatever happens.
    pub(super) fn export(&mut self, replace: bool) {
        self.confirm_replace = None;
        if self.export_job.is_some() {
            self.tell_export("An export is being written: wait for it to finish.");
            return;
        }
        let typed = self.export_path.trim();
        if typed.is_empty() {
            self.tell_export("Type the file to export to, or choose it with Browse…");
            return;
        }
        if self.basket.is_empty() {
            self.tell_export("The basket is empty: tick the sections to export first.");
            return;
        }
        let path = std::path::PathBuf::from(typed);
        let Some(a) = &self.analysis else {
            self.tell_export("The analysis is still running: export once it is done.");
            return;
        };
        if path.is_file() && !replace {
            self.confirm_replace = Some(path);
            return;
        }
        let (sections, missing) = self.basket_sections();
        if sections.is_empty() {
            self.tell_export("None of the basket's sections is in a loaded document.");
            return;
        }
        let work = ExportWork {
            docs: Arc::clone(&self.docs),
            alignment: a.alignment.clone(),
            taxonomy: a.aligner.taxonomy.clone(),
            targets: Arc::clone(&a.targets),
            selection: crate::export::Selection::Sections(sections),
            notes: self.project.notes.clone(),
            format: crate::export::Format::from_path(&path).unwrap_or(self.export_format),
            replace,
            missing,
        };
        self.export_job = Some(crate::app::jobs::start_export(path, work, self.wake.clone()));
    }

    fn tell_export(&mut self, text: &str) {
        self.messages.push(Topic::Export, text, true);
    }

    /// What is remembered across restarts: keys, never indices, made from the session.
    #[must_use]
    pub fn settings(&self) -> Settings {
        // While the last session's imports are still loading, its choices are kept as saved.
        let (chosen, selected_doc) = match &self.restore {
            Some(saved) => (saved.chosen.clone(), saved.selected_doc.clone()),
            None => (
                self.chosen.iter().map(|&d| self.docs[d].key()).collect(),
                self.selected_doc().map(crate::model::Document::key),
            ),
        };
        let mut imported: Vec<std::path::PathBuf> = self.sources.iter().flatten().cloned().collect();
        imported.extend(self.import_queue.iter().cloned());
        if let Some(saved) = &self.restore {
            // Files of the last session still being read are still the user's.
            for p in &saved.imported {
                if !imported.contains(p) {
                    imported.push(p.clone());
                }
            }
        }
        Settings {
            dark: self.dark,
            zoom: 1.0,
            selected_doc,
            view: self.view,
            chosen,
            overrides: self.overrides.current.clone(),
            taxonomy: self.taxonomy_file.as_ref().map(|(p, _)| p.clone()),
            side_by_side: self.side_by_side,
            library_sort: self.library_sort,
            library_mode: self.library_mode,
            timeline: self.timeline_options,
            reuse_order: self.reuse_order,
            pin_reference: self.pin_reference,
            tables_chart: self.tables_chart,
            domain: self.domain.clone(),
            imported,
            basket: self.basket.items().to_vec(),
            export_path: self.export_path.clone(),
            export_format: self.export_format,
            project: self.project.path.clone(),
            recent_projects: self.project.recent.clone(),
        }
    }

    /// Start from saved settings: the last session's files are imported in the background,
    /// and its comparison and document are chosen again once they are in.
    pub fn restore(&mut self, settings: &Settings, default_export_path: impl FnOnce() -> String) {
        self.dark = settings.dark;
        self.view = settings.view;
        self.side_by_side = settings.side_by_side;
        self.library_sort = settings.library_sort;
        self.library_mode = settings.library_mode;
        self.timeline_options = settings.timeline;
        self.reuse_order = settings.reuse_order;
        self.pin_reference = settings.pin_reference;
        self.tables_chart = settings.tables_chart;
        self.restore_domain(settings.domain.clone());
        self.overrides = crate::align::overrides::OverrideLog::new(settings.overrides.clone());
        if let Some(path) = &settings.taxonomy {
            // A taxonomy file chosen in an earlier session; if it no longer reads, say so and
            // align by the built-in one.
            let _ = self.load_taxonomy(path);
        }
        self.basket = crate::app::basket::Basket::new(settings.basket.clone());
        self.export_format = settings.export_format;
        self.export_path = if settings.export_path.trim().is_empty() {
            default_export_path()
        } else {
            settings.export_path.clone()
        };
        self.project.recent.clone_from(&settings.recent_projects);
        if let Some(project) = settings.project.as_ref().filter(|p| p.is_file()) {
            // The last session's project: its documents, corrections and basket.
            self.open_project(project.clone());
            return;
        }
        if let Some(gone) = &settings.project {
            self.messages.push(
                Topic::Project,
                format!("{}: the last project is no longer there", gone.display()),
                true,
            );
        }
        self.apply_choices(settings);
        if !settings.imported.is_empty() {
            // A file since moved is reported, not fatal.
            self.import(settings.imported.clone());
            self.restore = Some(settings.clone());
        }
    }

    /// Choose the saved documents (in the saved column order) and show the saved one, as far
    /// as they are loaded. Settings saved before keys were content hashes named documents by
    /// id: both are read.
    fn apply_choices(&mut self, settings: &Settings) {
        let position = |key: &crate::model::DocKey| {
            self.docs
                .iter()
                .position(|d| d.content_hash == key.0 || d.id == key.0)
                .map(crate::model::DocIx)
        };
        let chosen: Vec<crate::model::DocIx> = settings.chosen.iter().filter_map(position).collect();
        let selected = settings.selected_doc.as_ref().and_then(position);
        if !chosen.is_empty() {
            self.chosen = chosen;
            self.rebuild_derived();
        }
        if let Some(i) = selected {
            self.handle(Command::SelectDocument(i));
        }
    }
}
