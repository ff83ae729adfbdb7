//! The desktop app: a thin eframe shell over the core. Panels draw from [`state::AppState`]
//! and return [`command::Command`]s; [`state::AppState::handle`] is the one place state
//! changes. No analysis runs inside the UI code.

pub mod analysis;
pub mod basket;
pub mod command;
pub mod dialog;
pub mod jobs;
pub mod settings;
pub mod state;
pub mod theme;
pub mod ui;

use command::Command;
use settings::Settings;
use state::{AppState, Effect, View};

/// The app id: window class on Linux, and the name of the persistence folder.
pub const APP_ID: &str = "duizhao";

/// Open the window on the bundled corpus.
///
/// # Errors
/// When no window can be opened (no display, no OpenGL).
pub fn run() -> eframe::Result {
    run_with(Vec::new())
}

/// The app's icon (assets/icon/, made from its SVG by packaging/icons.sh).
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/duizhao-256.png");

/// Open the window with these files and folders (`duizhao open`, "Open with", a double-click
/// on a file): a `.duizhao` project opens as the project, the rest are imported.
///
/// # Errors
/// When the window cannot be created.
pub fn run_with(paths: Vec<std::path::PathBuf>) -> eframe::Result {
    let started = std::time::Instant::now();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("duizhao 对照")
        .with_app_id(APP_ID);
    match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        // Not worth refusing to start over: the window gets the system's default icon.
        Err(e) => eprintln!("duizhao: the window icon does not decode: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            let mut app = DuizhaoApp::opening(cc, paths);
            app.startup = Some(started);
            Ok(Box::new(app))
        }),
    )
}

/// The eframe application: the window around the state. It draws, hands the commands to
/// [`AppState::handle`], and carries out the effects that reach outside the state.
pub struct DuizhaoApp {
    pub state: AppState,
    /// The window's context (zoom is read from it when the settings are saved).
    ctx: egui::Context,
    /// A file dialog open on its own thread.
    dialog: Option<dialog::Pending>,
    /// Documents given on the command line with a project: imported once it has opened
    /// (opening replaces the documents).
    after_open: Vec<std::path::PathBuf>,
    /// When the process started, until the first frame has been drawn.
    startup: Option<std::time::Instant>,
    /// The window title last set (it names the project).
    title: String,
}

impl DuizhaoApp {
    /// Build the app: fonts, remembered settings, the bundled corpus; the analysis starts
    /// on the first frame (once the last session's files are read).
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        Self::opening(cc, Vec::new())
    }

    /// Build the app as [`Self::new`] does, with the files given on the command line: the
    /// first `.duizhao` among them opens as the project (instead of the last session's),
    /// the others are imported.
    #[must_use]
    pub fn opening(cc: &eframe::CreationContext<'_>, paths: Vec<std::path::PathBuf>) -> Self {
        theme::install_fonts(&cc.egui_ctx);
        let mut settings = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, eframe::APP_KEY))
            .unwrap_or_default();
        let (project, documents) = split_project(paths);
        if project.is_some() {
            // The project given replaces the last session's project and loose documents.
            settings.project = None;
            settings.imported.clear();
        }
        let mut app = Self::with_settings(&cc.egui_ctx, settings);
        app.state.request_analysis();
        match project {
            Some(project) => {
                app.state.handle(Command::OpenProject(project));
                app.after_open = documents;
            }
            None if !documents.is_empty() => app.state.handle(Command::Import(documents)),
            None => {}
        }
        app
    }

    /// Analyse the loaded documents on a background thread; the UI polls for the result.
    pub fn start_analysis(&mut self, _ctx: &egui::Context) {
        self.state.start_analysis();
    }

    /// Build the app with given settings (tests use this with a fresh context).
    #[must_use]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "the settings are the app's to start from, as eframe hands them over"
    )]
    pub fn with_settings(ctx: &egui::Context, settings: Settings) -> Self {
        let mut state = AppState::new(duizhao_corpus());
        let repaint = ctx.clone();
        state.set_wake(std::sync::Arc::new(move || repaint.request_repaint()));
        state.restore(&settings, || default_export_path(settings.export_format));
        theme::apply(ctx, &settings);
        Self {
            ctx: ctx.clone(),
            state,
            dialog: None,
            after_open: Vec::new(),
            startup: Some(std::time::Instant::now()),
            title: String::new(),
        }
    }

    /// What is remembered across restarts, made from the session now.
    #[must_use]
    pub fn settings(&self) -> Settings {
        Settings {
            zoom: self.ctx.zoom_factor(),
            ..self.state.settings()
        }
    }

    /// Take the answer of a file dialog, if one has come, as a command.
    fn poll_dialog(&mut self) -> Option<Command> {
        let pending = self.dialog.as_ref()?;
        let outcome = pending.poll()?;
        let purpose = pending.purpose;
        self.dialog = None;
        match (purpose, outcome) {
            (dialog::Purpose::Import, dialog::Outcome::Picked(paths)) => Some(Command::Import(paths)),
            (dialog::Purpose::Taxonomy, dialog::Outcome::Picked(paths)) => {
                paths.into_iter().next().map(Command::LoadTaxonomy)
            }
            (dialog::Purpose::Export, dialog::Outcome::Picked(paths)) => paths
                .into_iter()
                .next()
                .map(|p| Command::SetExportPath(p.to_string_lossy().into_owned())),
            (dialog::Purpose::OpenProject, dialog::Outcome::Picked(paths)) => {
                paths.into_iter().next().map(Command::OpenProject)
            }
            (dialog::Purpose::SaveProject, dialog::Outcome::Picked(paths)) => {
                paths.into_iter().next().map(|p| Command::SaveProjectAs(Some(p)))
            }
            (dialog::Purpose::SaveChart(image), dialog::Outcome::Picked(paths)) => paths
                .into_iter()
                .next()
                .map(|p| Command::SaveChart { image, path: Some(p) }),
            (dialog::Purpose::Relink(index), dialog::Outcome::Picked(paths)) => paths
                .into_iter()
                .next()
                .map(|p| Command::Relink { index, file: Some(p) }),
            (_, dialog::Outcome::Unavailable) => Some(Command::DialogUnavailable),
            (_, dialog::Outcome::Cancelled) => None,
        }
    }

    /// Hand the frame's commands to the state, then carry out what reaches outside it.
    pub fn apply(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        if commands.is_empty() {
            return;
        }
        for c in commands {
            self.state.handle(c);
        }
        self.state.refresh_unsaved();
        for effect in self.state.take_effects() {
            match effect {
                Effect::Theme => theme::apply(ctx, &self.settings()),
                Effect::CopyText(text) => ctx.copy_text(text),
                Effect::Dialog(purpose) => {
                    // One dialog at a time, as on every desktop.
                    if self.dialog.is_some() {
                        continue;
                    }
                    self.dialog = Some(match purpose {
                        dialog::Purpose::Import => dialog::open(ctx),
                        dialog::Purpose::Taxonomy => dialog::open_taxonomy(ctx),
                        dialog::Purpose::OpenProject => dialog::open_project(ctx),
                        dialog::Purpose::SaveProject => dialog::save_project(self.state.project.path.as_deref(), ctx),
                        dialog::Purpose::Relink(i) => {
                            let name = self
                                .state
                                .project
                                .missing
                                .get(i)
                                .and_then(|m| m.path.as_deref())
                                .map_or_else(
                                    || "the document".to_owned(),
                                    |p| p.file_name().unwrap_or_default().to_string_lossy().into_owned(),
                                );
                            dialog::relink(i, &name, ctx)
                        }
                        dialog::Purpose::SaveChart(image) => {
                            dialog::save_chart(image, self.state.tables_chart.stem(), ctx)
                        }
                        dialog::Purpose::Export => {
                            let suggested = std::path::PathBuf::from(self.state.export_path.trim());
                            dialog::save(&suggested, self.state.export_format.extension(), ctx)
                        }
                    });
                }
            }
        }
    }
}

/// `duizhao-export.xlsx` (or the format's extension) in the user's home folder, else here.
fn default_export_path(format: crate::export::Format) -> String {
    let dir = std::env::home_dir().unwrap_or_default();
    dir.join(format!("duizhao-export.{}", format.extension()))
        .to_string_lossy()
        .into_owned()
}

/// The first `.duizhao` file among the paths (the project to open), and the others.
fn split_project(mut paths: Vec<std::path::PathBuf>) -> (Option<std::path::PathBuf>, Vec<std::path::PathBuf>) {
    let is_project = |p: &std::path::PathBuf| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(crate::project::EXTENSION))
    };
    let project = paths.iter().position(is_project).map(|i| paths.remove(i));
    (project, paths)
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
        // The project file is saved with the settings (every few seconds, and on closing).
        self.state.autosave();
        eframe::set_value(storage, eframe::APP_KEY, &self.settings());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.state.save_before_exit();
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
        self.state.poll();
        let ctx = ui.ctx().clone();
        let title = format!("{} — duizhao 对照", self.state.project.name());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        let mut commands: Vec<Command> = self.poll_dialog().into_iter().collect();
        if !self.after_open.is_empty() && !self.state.project.opening() {
            commands.push(Command::Import(std::mem::take(&mut self.after_open)));
        }
        commands.extend(ui::keyboard(&ctx, &self.state));
        // Files dropped onto the window are imported.
        let dropped: Vec<std::path::PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if !dropped.is_empty() {
            commands.push(Command::Import(dropped));
        }
        ui::drop_hint_ui(&ctx);
        egui::Panel::top("top_bar").show(ui, |ui| commands.extend(ui::top_bar_ui(ui, &self.state)));
        egui::Panel::bottom("status_bar").show(ui, |ui| commands.extend(ui::status_bar_ui(ui, &self.state)));
        if self.state.messages.open && (!self.state.messages.is_empty() || !self.state.project.missing.is_empty()) {
            egui::Panel::bottom("messages")
                .resizable(true)
                .default_size(160.0)
                .min_size(80.0)
                .show(ui, |ui| commands.extend(ui::messages_ui(ui, &self.state)));
        }
        if self.state.show_basket {
            egui::Panel::right("basket")
                .resizable(true)
                .default_size(340.0)
                .min_size(260.0)
                .show(ui, |ui| commands.extend(ui::basket_view::basket_ui(ui, &self.state)));
        }
        commands.extend(ui::basket_view::confirm_replace_ui(ui.ctx(), &self.state));
        commands.extend(ui::project_view::note_editor_ui(ui.ctx(), &self.state));
        commands.extend(ui::project_view::meta_editor_ui(ui.ctx(), &self.state));
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
            View::Tables => {
                egui::CentralPanel::default()
                    .show(ui, |ui| commands.extend(ui::tables_view::tables_ui(ui, &self.state)));
            }
            View::Library => {
                egui::CentralPanel::default()
                    .show(ui, |ui| commands.extend(ui::library_view::library_ui(ui, &self.state)));
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
