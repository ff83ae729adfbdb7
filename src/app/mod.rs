//! The desktop app: a thin eframe shell over the core. Panels draw from [`state::AppState`]
//! and return [`command::Command`]s; [`state::AppState::handle`] is the one place state
//! changes. No analysis runs inside the UI code.

pub mod analysis;
pub mod basket;
pub mod command;
pub mod dialog;
pub mod settings;
pub mod state;
pub mod theme;
pub mod ui;

use command::Command;
use settings::Settings;
use state::{AppState, View};

/// The app id: window class on Linux, and the name of the persistence folder.
pub const APP_ID: &str = "duizhao";

/// Open the window on the bundled corpus.
///
/// # Errors
/// When no window can be opened (no display, no OpenGL).
pub fn run() -> eframe::Result {
    run_with(Vec::new())
}

/// Open the window with these files and folders imported (`duizhao open`, "Open with").
///
/// # Errors
/// When the window cannot be created.
pub fn run_with(paths: Vec<std::path::PathBuf>) -> eframe::Result {
    let started = std::time::Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("duizhao 对照")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            let mut app = DuizhaoApp::new(cc);
            app.startup = Some(started);
            if !paths.is_empty() {
                app.state.handle(Command::Import(paths));
            }
            Ok(Box::new(app))
        }),
    )
}

/// The eframe application.
pub struct DuizhaoApp {
    pub state: AppState,
    pub settings: Settings,
    /// A file dialog open on its own thread.
    dialog: Option<dialog::Pending>,
    /// When the process started, until the first frame has been drawn.
    startup: Option<std::time::Instant>,
}

impl DuizhaoApp {
    /// Build the app: fonts, remembered settings, the bundled corpus.
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        theme::install_fonts(&cc.egui_ctx);
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::with_settings(&cc.egui_ctx, settings);
        app.start_analysis(&cc.egui_ctx);
        app
    }

    /// Analyse the loaded documents on a background thread; the UI polls for the result.
    pub fn start_analysis(&mut self, ctx: &egui::Context) {
        let ctx = ctx.clone();
        let docs = self.state.docs.clone();
        let progress = analysis::Progress::default();
        match analysis::spawn(docs, self.state.taxonomy(), progress.clone(), move || {
            ctx.request_repaint();
        }) {
            Ok(rx) => {
                self.state.set_pending(rx);
                self.state.progress = Some(progress);
            }
            // No thread could be started: analyse here rather than not at all.
            Err(_) => {
                let a = analysis::run(&self.state.docs, self.state.taxonomy());
                self.state.set_analysis(a);
            }
        }
    }

    /// Build the app with given settings (tests use this with a fresh context).
    #[must_use]
    pub fn with_settings(ctx: &egui::Context, settings: Settings) -> Self {
        theme::apply(ctx, &settings);
        let mut state = AppState::new(duizhao_corpus());
        if !settings.imported.is_empty() {
            // Documents imported in an earlier session; a file since moved is reported, not fatal.
            state.handle(Command::Import(settings.imported.clone()));
        }
        state.view = settings.view;
        state.side_by_side = settings.side_by_side;
        state.restore_domain(settings.domain.clone());
        state.overrides = crate::align::overrides::OverrideLog::new(settings.overrides.clone());
        // Settings saved before keys were content hashes named documents by id: both are read.
        let chosen: Vec<usize> = settings
            .chosen
            .iter()
            .filter_map(|key| state.docs.iter().position(|d| d.content_hash == key.0 || d.id == key.0))
            .collect();
        if !chosen.is_empty() {
            state.chosen = chosen;
        }
        if let Some(path) = &settings.taxonomy {
            // A taxonomy file chosen in an earlier session; if it no longer reads, say so and
            // align by the built-in one.
            let _ = state.load_taxonomy(path);
        }
        state.basket = basket::Basket::new(settings.basket.clone());
        state.export_format = settings.export_format;
        state.export_path = if settings.export_path.trim().is_empty() {
            default_export_path(settings.export_format)
        } else {
            settings.export_path.clone()
        };
        if let Some(i) = settings
            .selected_doc
            .as_ref()
            .and_then(|key| state.docs.iter().position(|d| d.content_hash == key.0 || d.id == key.0))
        {
            state.handle(Command::SelectDocument(i));
        }
        Self {
            state,
            settings,
            dialog: None,
            startup: Some(std::time::Instant::now()),
        }
    }

    /// Open a file dialog unless one is open already (one at a time, as on every desktop).
    fn open_dialog(&mut self, open: impl FnOnce() -> dialog::Pending) {
        if self.dialog.is_none() {
            self.dialog = Some(open());
        }
    }

    /// Take the answer of a file dialog, if one has come.
    fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some(pending) = &self.dialog else { return };
        let Some(outcome) = pending.poll() else { return };
        let purpose = pending.purpose;
        self.dialog = None;
        match (purpose, outcome) {
            (dialog::Purpose::Import, dialog::Outcome::Picked(paths)) => {
                self.apply(ctx, vec![Command::Import(paths)]);
            }
            (dialog::Purpose::Taxonomy, dialog::Outcome::Picked(paths)) => {
                if let Some(p) = paths.into_iter().next() {
                    self.apply(ctx, vec![Command::LoadTaxonomy(p)]);
                }
            }
            (dialog::Purpose::Export, dialog::Outcome::Picked(paths)) => {
                if let Some(p) = paths.into_iter().next() {
                    self.apply(ctx, vec![Command::SetExportPath(p.to_string_lossy().into_owned())]);
                }
            }
            (_, dialog::Outcome::Unavailable) => self.state.notify(
                "No file dialog is available on this desktop: type the path in the field instead.",
                true,
            ),
            (_, dialog::Outcome::Cancelled) => {}
        }
    }

    pub fn apply(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        if commands.is_empty() {
            // Nothing happened this frame: the remembered settings are already up to date.
            return;
        }
        for c in commands {
            match c {
                Command::ToggleTheme => {
                    self.settings.dark = !self.settings.dark;
                    theme::apply(ctx, &self.settings);
                }
                Command::BrowseExportPath => {
                    let suggested = std::path::PathBuf::from(self.state.export_path.trim());
                    let extension = self.state.export_format.extension();
                    self.open_dialog(|| dialog::save(&suggested, extension, ctx));
                }
                Command::BrowseTaxonomy => self.open_dialog(|| dialog::open_taxonomy(ctx)),
                Command::LoadTaxonomy(path) => {
                    if self.state.load_taxonomy(&path) {
                        self.start_analysis(ctx);
                    }
                }
                Command::BuiltinTaxonomy => {
                    let custom = self.state.taxonomy_file.is_some();
                    self.state.handle(Command::BuiltinTaxonomy);
                    if custom {
                        self.start_analysis(ctx);
                    }
                }
                Command::BrowseImport => self.open_dialog(|| dialog::open(ctx)),
                c @ (Command::Import(_) | Command::RemoveDocument(_) | Command::UndoRemove) => {
                    let before = self.state.docs.len();
                    self.state.handle(c);
                    if self.state.docs.len() != before {
                        self.start_analysis(ctx);
                    }
                }
                Command::Copy { doc, section, cite } => {
                    if let Some(d) = self.state.docs.get(doc) {
                        let s = &d.sections[section];
                        let text = if cite {
                            crate::citation::with_citation(d, s)
                        } else {
                            s.heading_and_text()
                        };
                        ctx.copy_text(text);
                    }
                }
                other => self.state.handle(other),
            }
        }
        self.remember(ctx);
    }

    /// Copy what is remembered across restarts (keys, not indices) into the settings: after
    /// the commands of a frame that had any, never on a frame where nothing happened.
    fn remember(&mut self, ctx: &egui::Context) {
        self.settings.zoom = ctx.zoom_factor();
        self.settings.selected_doc = self.state.selected_doc().map(crate::model::Document::key);
        self.settings.view = self.state.view;
        self.settings.chosen = self.state.chosen.iter().map(|&d| self.state.docs[d].key()).collect();
        self.settings.overrides.clone_from(&self.state.overrides.current);
        self.settings.basket = self.state.basket.items().to_vec();
        self.settings.side_by_side = self.state.side_by_side;
        self.settings.domain.clone_from(&self.state.domain);
        self.settings.imported = self.state.sources.iter().flatten().cloned().collect();
        self.settings.taxonomy = self.state.taxonomy_file.as_ref().map(|(p, _)| p.clone());
        self.settings.export_path.clone_from(&self.state.export_path);
        self.settings.export_format = self.state.export_format;
    }
}

/// `duizhao-export.xlsx` (or the format's extension) in the user's home folder, else here.
fn default_export_path(format: crate::export::Format) -> String {
    let dir = std::env::home_dir().unwrap_or_default();
    dir.join(format!("duizhao-export.{}", format.extension()))
        .to_string_lossy()
        .into_owned()
}

fn duizhao_corpus() -> Vec<crate::model::Document> {
    crate::corpus::load_all()
}

impl eframe::App for DuizhaoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
        if let Some(started) = self.startup.take()
            && std::env::var_os("DUIZHAO_STARTUP_TIME").is_some()
        {
            // Measuring launch time (BENCHMARKS.md): report the first frame and close.
            eprintln!("first frame after {:.0} ms", started.elapsed().as_secs_f64() * 1000.0);
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }

    /// Save every few seconds rather than eframe's 30: the basket and the corrections are the
    /// user's work, and a crash should cost as little of it as possible.
    fn auto_save_interval(&self) -> std::time::Duration {
        std::time::Duration::from_secs(5)
    }
}

impl DuizhaoApp {
    /// Draw one frame and apply what the user asked for (the body of `eframe::App::ui`,
    /// callable without an eframe window, as the frame-time measurement does).
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        self.state.poll_analysis();
        let ctx = ui.ctx().clone();
        self.poll_dialog(&ctx);
        let mut commands = ui::keyboard(&ctx, &self.state);
        // Files dropped onto the window are imported.
        let dropped: Vec<std::path::PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if !dropped.is_empty() {
            commands.push(Command::Import(dropped));
        }
        ui::drop_hint_ui(&ctx);
        egui::Panel::top("top_bar").show(ui, |ui| {
            commands.extend(ui::top_bar_ui(ui, &self.state, &self.settings))
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| commands.extend(ui::status_bar_ui(ui, &self.state)));
        if self.state.show_basket {
            egui::Panel::right("basket")
                .resizable(true)
                .default_size(340.0)
                .min_size(260.0)
                .show(ui, |ui| commands.extend(ui::basket_view::basket_ui(ui, &self.state)));
        }
        commands.extend(ui::basket_view::confirm_replace_ui(ui.ctx(), &self.state));
        match self.state.view {
            View::Document => {
                egui::Panel::left("documents")
                    .resizable(true)
                    .default_size(300.0)
                    .min_size(220.0)
                    .show(ui, |ui| {
                        commands.extend(ui::doc_list::doc_list_ui(ui, &self.state));
                    });
                if self.state.side_by_side {
                    egui::CentralPanel::default()
                        .show(ui, |ui| commands.extend(ui::text_view::columns_ui(ui, &self.state)));
                } else {
                    egui::Panel::left("outline")
                        .resizable(true)
                        .default_size(320.0)
                        .min_size(200.0)
                        .show(ui, |ui| {
                            commands.extend(ui::outline_view::outline_ui(ui, &self.state));
                        });
                    egui::CentralPanel::default()
                        .show(ui, |ui| commands.extend(ui::text_view::text_ui(ui, &self.state)));
                }
            }
            View::Compare => {
                egui::Panel::left("domains")
                    .resizable(true)
                    .default_size(240.0)
                    .min_size(180.0)
                    .show(ui, |ui| {
                        commands.extend(ui::domain_nav::domain_nav_ui(ui, &self.state));
                    });
                egui::CentralPanel::default()
                    .show(ui, |ui| commands.extend(ui::compare_view::compare_ui(ui, &self.state)));
            }
            View::Targets => {
                egui::CentralPanel::default()
                    .show(ui, |ui| commands.extend(ui::targets_view::targets_ui(ui, &self.state)));
            }
            View::Reuse => {
                if self.state.reuse_passage.is_some() {
                    egui::Panel::bottom("passage")
                        .resizable(true)
                        .default_size(260.0)
                        .min_size(140.0)
                        .show(ui, |ui| {
                            commands.extend(ui::reuse_view::passage_detail_ui(ui, &self.state));
                        });
                }
                egui::CentralPanel::default().show(ui, |ui| commands.extend(ui::reuse_view::reuse_ui(ui, &self.state)));
            }
        }
        self.apply(&ctx, commands);
    }
}

#[cfg(test)]
mod tests;
