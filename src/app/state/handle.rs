//! [`AppState::handle`]: the one place the session changes. Every command the panels, the
//! keyboard, dialogs and background work produce comes through here; what reaches outside
//! the state (a dialog window, the clipboard, the theme) is left as an [`Effect`].
//!
//! `handle` routes every command by name (no wildcard: a new command must be routed); the
//! area handlers end in `_ => {}` only for commands refused by their guards (an index out of
//! range), so clippy's suggestion to move their bodies into the guards is declined here.
#![allow(clippy::collapsible_match)]
// The area handlers take the command by value like `handle`, which moves it into them.
#![allow(clippy::needless_pass_by_value)]

use super::messages::Topic;
use super::{AppState, Effect, View};
use crate::app::command::Command;
use crate::app::dialog::Purpose;
use crate::model::{ByHandle, DocIx, SecIx};

impl AppState {
    /// Apply one command.
    #[allow(
        clippy::too_many_lines,
        reason = "the routing table: one arm per command, each a line or a call"
    )]
    pub fn handle(&mut self, command: Command) {
        match command {
            Command::SelectDocument(_)
            | Command::SelectSection(_)
            | Command::ShowSection { .. }
            | Command::ToggleCollapsed(_)
            | Command::SetView(_)
            | Command::ToggleSideBySide
            | Command::SyncSection { .. }
            | Command::SyncDone
            | Command::ScrollColumn { .. } => self.handle_reading(command),
            Command::ToggleChosen(_)
            | Command::MoveColumn { .. }
            | Command::PinReference(_)
            | Command::ColumnsByDate
            | Command::SetScheme(_)
            | Command::SetMinCoverage(_)
            | Command::SetSearch(_)
            | Command::SearchStep(_)
            | Command::FocusSearch(_)
            | Command::JumpToRow(_)
            | Command::MoveSection { .. }
            | Command::Undo
            | Command::Redo => self.handle_comparison(command),
            Command::SetLibraryFilter(_)
            | Command::SortLibrary(_)
            | Command::SetLibraryMode(_)
            | Command::SetTimeline(_)
            | Command::ChooseShown(_)
            | Command::AcceptSuggestion(_)
            | Command::CompareDomain { .. } => self.handle_library(command),
            Command::SelectTablesBlock(b) => self.tables_block = b,
            Command::Retrain => self.start_retrain(),
            Command::UndoRetrain => self.undo_retrain(),
            Command::SetTargetFilter(f) => {
                self.target_filter = f;
                self.filter_targets();
            }
            Command::SortTargets(c) => {
                self.target_sort = if self.target_sort.0 == c {
                    (c, !self.target_sort.1)
                } else {
                    (c, true)
                };
                self.sort_targets();
            }
            Command::SelectReusePair(pair) => {
                self.reuse_pair = pair
                    .filter(|&(a, b)| a != b && self.docs.at(a).is_some() && self.docs.at(b).is_some())
                    .map(|(a, b)| (a.min(b), a.max(b)));
                self.reuse_passage = None;
                self.rebuild_reuse_domains();
            }
            Command::SetChart(k) => {
                self.tables_chart = k;
                self.rebuild_tables();
            }
            Command::SaveChart { image, path } => self.save_chart(image, path),
            Command::SetReuseOrder(o) => {
                self.reuse_order = o;
                self.reorder_reuse();
            }
            Command::SelectPassage(p) => {
                self.reuse_passage = p.filter(|&i| self.reuse_pair().is_some_and(|r| i < r.passages.len()));
            }
            Command::ToggleBoilerplate => self.show_boilerplate = !self.show_boilerplate,
            Command::ToggleShared => self.show_shared = !self.show_shared,
            Command::ToggleBasket { .. }
            | Command::MoveBasketItem { .. }
            | Command::RemoveBasketItem(_)
            | Command::ClearBasket
            | Command::UndoBasket
            | Command::ToggleBasketPanel
            | Command::SetExportFormat(_)
            | Command::SetExportPath(_)
            | Command::Export { .. }
            | Command::CancelExport => self.handle_basket(command),
            Command::Import(_)
            | Command::CancelImport
            | Command::SetImportPath(_)
            | Command::RemoveDocument(_)
            | Command::UndoRemove
            | Command::LoadTaxonomy(_)
            | Command::BuiltinTaxonomy
            | Command::SetTaxonomyPath(_) => self.handle_documents(command),
            Command::NewProject
            | Command::OpenProject(_)
            | Command::BrowseOpenProject
            | Command::SaveProject
            | Command::SaveProjectAs(_)
            | Command::Relink { .. }
            | Command::EditNote(_)
            | Command::SetNoteText(_)
            | Command::SaveNote
            | Command::EditMeta(_)
            | Command::SetMetaFields(_)
            | Command::SaveMeta => self.handle_project(command),
            Command::DismissNotice => self.messages.dismiss_latest(),
            Command::DismissImportErrors => self.messages.clear(Some(Topic::Import)),
            Command::ToggleMessages => self.messages.open = !self.messages.open,
            Command::ClearMessages => self.messages.clear(None),
            Command::DialogUnavailable => self.notify(
                "No file dialog is available on this desktop: type the path in the field instead.",
                true,
            ),
            Command::ToggleTheme => {
                self.dark = !self.dark;
                self.effect(Effect::Theme);
            }
            Command::BrowseExportPath => self.effect(Effect::Dialog(Purpose::Export)),
            Command::BrowseImport => self.effect(Effect::Dialog(Purpose::Import)),
            Command::BrowseTaxonomy => self.effect(Effect::Dialog(Purpose::Taxonomy)),
            Command::Copy { doc, section, cite } => {
                if let Some(s) = self.docs.at(doc).and_then(|d| d.sections.at(section).map(|s| (d, s))) {
                    let text = if cite {
                        crate::citation::with_citation(s.0, s.1)
                    } else {
                        s.1.heading_and_text()
                    };
                    self.effect(Effect::CopyText(text));
                }
            }
        }
    }

    /// Which document and section are read, and how.
    fn handle_reading(&mut self, command: Command) {
        match command {
            Command::SelectDocument(i) if self.docs.at(i).is_some() => {
                if self.selected != Some(i) {
                    self.selected = Some(i);
                    self.section = None;
                    self.collapsed.clear();
                    self.rebuild_rows();
                }
            }
            Command::SelectSection(s) => {
                self.section = s.filter(|&s| self.selected_doc().is_some_and(|d| d.sections.at(s).is_some()));
            }
            Command::ShowSection { doc, section } => {
                self.handle(Command::SelectDocument(doc));
                self.handle(Command::SelectSection(Some(section)));
                self.view = View::Document;
            }
            Command::ToggleCollapsed(s) => {
                if !self.collapsed.remove(&s) {
                    self.collapsed.insert(s);
                }
                self.rebuild_rows();
            }
            Command::SetView(v) => self.view = v,
            Command::ToggleSideBySide => self.side_by_side = !self.side_by_side,
            Command::SyncSection { doc, section } => self.sync_to(doc, section),
            Command::SyncDone => self.sync.clear(),
            Command::ScrollColumn { doc, section } => {
                if self.docs.at(doc).is_some_and(|d| d.sections.at(section).is_some()) {
                    self.sync = vec![(doc, section)];
                }
            }
            _ => {}
        }
    }

    /// The comparison: its columns, rows, search, and the user's corrections.
    fn handle_comparison(&mut self, command: Command) {
        match command {
            Command::ToggleChosen(d) if self.docs.at(d).is_some() => {
                if let Some(pos) = self.chosen.iter().position(|&c| c == d) {
                    self.chosen.remove(pos);
                } else {
                    self.chosen.push(d);
                }
                self.rebuild_derived();
            }
            Command::MoveColumn { from, to } => {
                if from < self.chosen.len() && from != to {
                    let d = self.chosen.remove(from);
                    self.chosen.insert(to.min(self.chosen.len()), d);
                    self.rebuild_derived();
                }
            }
            Command::PinReference(d) => {
                match d {
                    Some(d) => {
                        let Some(k) = self.chosen.iter().position(|&c| c == d) else {
                            return;
                        };
                        self.chosen.remove(k);
                        self.chosen.insert(0, d);
                        self.pin_reference = true;
                    }
                    None => self.pin_reference = false,
                }
                self.rebuild_derived();
            }
            Command::ColumnsByDate => {
                let docs = &self.docs;
                // Undated documents go last; ties keep their order; a pinned reference stays.
                let from = usize::from(self.pin_reference).min(self.chosen.len());
                self.chosen[from..].sort_by_key(|&d| (docs[d].date().is_none(), docs[d].date()));
                self.rebuild_derived();
            }
            Command::SetScheme(s) => {
                self.scheme = s;
                self.rebuild_derived();
            }
            Command::SetMinCoverage(k) => {
                self.min_coverage = k.max(1);
                self.rebuild_search();
            }
            Command::SetSearch(q) => {
                self.search = q;
                self.search_current = 0;
                self.rebuild_search();
                self.jump_to_row = self.current_hit().map(|h| h.row);
            }
            Command::SearchStep(forward) => {
                let n = self.search_hits().len();
                if n > 0 {
                    self.search_current = if forward {
                        (self.search_current + 1) % n
                    } else {
                        (self.search_current + n - 1) % n
                    };
                    self.jump_to_row = self.current_hit().map(|h| h.row);
                }
            }
            Command::FocusSearch(on) => {
                self.focus_search = on;
                if on && self.view != View::Compare {
                    self.view = View::Compare;
                }
            }
            Command::JumpToRow(r) => {
                if let Some(row) = r.and_then(|i| self.derived.compare.get(i)) {
                    self.domain = Some(row.key.clone());
                }
                self.jump_to_row = r;
            }
            Command::MoveSection { doc, section, category } => self.move_section(doc, section, category),
            Command::Undo => {
                if self.overrides.undo() {
                    self.reapply_overrides();
                }
            }
            Command::Redo => {
                if self.overrides.redo() {
                    self.reapply_overrides();
                }
            }
            _ => {}
        }
    }

    fn move_section(&mut self, doc: DocIx, section: SecIx, category: Option<usize>) {
        let Some(a) = &self.analysis else { return };
        let Some(scheme) = a.aligner.taxonomy.schemes.get(self.scheme) else {
            return;
        };
        let Some(d) = self.docs.at(doc).filter(|d| d.sections.at(section).is_some()) else {
            return;
        };
        let key = crate::align::overrides::Key {
            doc_hash: d.content_hash.clone(),
            section: d.sections[section].id.clone(),
            scheme: scheme.id.clone(),
        };
        let to = category.and_then(|c| scheme.categories.get(c)).map(|c| c.id.clone());
        self.overrides.set(key, to);
        self.reapply_overrides();
    }

    /// The basket and exporting it.
    fn handle_basket(&mut self, command: Command) {
        match command {
            Command::ToggleBasket { doc, section } => {
                if let Some(item) = self.section_ref(doc, section) {
                    self.basket.toggle(item);
                }
            }
            Command::MoveBasketItem { from, to } => self.basket.move_item(from, to),
            Command::RemoveBasketItem(i) => self.basket.remove(i),
            Command::ClearBasket => self.basket.clear(),
            Command::UndoBasket => self.basket.undo(),
            Command::ToggleBasketPanel => self.show_basket = !self.show_basket,
            Command::SetExportFormat(f) => {
                self.export_format = f;
                if !self.export_path.trim().is_empty() {
                    let path = std::path::Path::new(self.export_path.trim()).with_extension(f.extension());
                    self.export_path = path.to_string_lossy().into_owned();
                }
            }
            Command::SetExportPath(p) => {
                if let Some(f) = crate::export::Format::from_path(std::path::Path::new(p.trim())) {
                    self.export_format = f;
                }
                self.export_path = p;
            }
            Command::Export { replace } => self.export(replace),
            Command::CancelExport => self.confirm_replace = None,
            _ => {}
        }
    }

    /// The project, its notes and metadata edits.
    fn handle_project(&mut self, command: Command) {
        match command {
            Command::NewProject => self.new_project(),
            Command::OpenProject(p) => self.open_project(p),
            Command::BrowseOpenProject => self.effect(Effect::Dialog(Purpose::OpenProject)),
            Command::SaveProject => self.save_project(None),
            Command::SaveProjectAs(Some(p)) => self.save_project(Some(p)),
            Command::SaveProjectAs(None) => self.effect(Effect::Dialog(Purpose::SaveProject)),
            Command::Relink { index, file } => self.relink(index, file),
            Command::EditNote(Some((doc, section))) => {
                if self.docs.at(doc).is_some_and(|d| d.sections.at(section).is_some()) {
                    let text = self.note(doc, section).unwrap_or_default().to_owned();
                    self.project.editing_note = Some((doc, section, text));
                }
            }
            Command::EditNote(None) => self.project.editing_note = None,
            Command::SetNoteText(t) => {
                if let Some((_, _, text)) = &mut self.project.editing_note {
                    *text = t;
                }
            }
            Command::SaveNote => {
                if let Some((doc, section, text)) = self.project.editing_note.take() {
                    self.set_note(doc, section, &text);
                }
            }
            Command::EditMeta(Some(doc)) => {
                self.project.editing_meta = self.meta_fields(doc).map(|f| (doc, f));
            }
            Command::EditMeta(None) => self.project.editing_meta = None,
            Command::SetMetaFields(f) => {
                if let Some((_, fields)) = &mut self.project.editing_meta {
                    *fields = f;
                }
            }
            Command::SaveMeta => {
                if let Some((doc, fields)) = self.project.editing_meta.take() {
                    let edit = self.meta_edit_from(doc, &fields);
                    self.edit_meta(doc, edit);
                }
            }
            _ => {}
        }
    }

    /// The documents loaded, and the taxonomy they are aligned by.
    fn handle_documents(&mut self, command: Command) {
        match command {
            Command::Import(paths) => self.import(paths),
            Command::CancelImport => self.cancel_import(),
            Command::SetImportPath(p) => self.import_path = p,
            Command::RemoveDocument(i) => self.remove_document(i),
            Command::UndoRemove => {
                let _ = self.undo_remove();
            }
            Command::LoadTaxonomy(path) => {
                let _ = self.load_taxonomy(&path);
            }
            Command::BuiltinTaxonomy => {
                if self.taxonomy_file.take().is_some() {
                    self.messages
                        .push(Topic::Taxonomy, "Aligning by the built-in taxonomy", false);
                    self.scheme = 0;
                    self.invalidate_analysis();
                }
            }
            Command::SetTaxonomyPath(p) => self.taxonomy_path = p,
            _ => {}
        }
    }
}
