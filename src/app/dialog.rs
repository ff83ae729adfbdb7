//! Native file dialogs (rfd), run off the UI thread so that the window keeps drawing.
//!
//! `AsyncFileDialog` is used from a helper thread, driven by `pollster`, which wakes the UI
//! when it has the answer: on macOS rfd hands the dialog to the main thread itself, and on
//! Linux the XDG portal answers over D-Bus. Where no portal runs, rfd returns nothing at once, which looks like a cancel; a
//! "cancel" that fast is reported as "no file dialog available" so that the user types a
//! path instead.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A dialog answered in less than this cannot have been shown.
const TOO_FAST: Duration = Duration::from_millis(150);

/// What a dialog returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The user picked these paths (one for a save dialog).
    Picked(Vec<PathBuf>),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown (no desktop portal, no display).
    Unavailable,
}

/// Which dialog, and what it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Choose where to export the basket.
    Export,
    /// Choose documents to import.
    Import,
    /// Choose a taxonomy file.
    Taxonomy,
    /// Choose a project to open.
    OpenProject,
    /// Choose where to save the project.
    SaveProject,
    /// Find the file of a project's missing document (index into the missing ones).
    Relink(usize),
    /// Choose where to save the chart shown, as SVG or PNG.
    SaveChart(crate::export::chart::Image),
}

/// A dialog waiting for the user.
pub struct Pending {
    pub purpose: Purpose,
    rx: Receiver<Outcome>,
}

impl Pending {
    /// The outcome, once the dialog has closed.
    #[must_use]
    pub fn poll(&self) -> Option<Outcome> {
        match self.rx.try_recv() {
            Ok(o) => Some(o),
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(Outcome::Unavailable),
        }
    }
}

fn spawn(
    purpose: Purpose,
    ctx: &egui::Context,
    run: impl FnOnce() -> Option<Vec<PathBuf>> + Send + 'static,
) -> Pending {
    let (tx, rx) = channel();
    let ctx = ctx.clone();
    let started = Instant::now();
    // If no thread can be started, the sender is dropped with the closure and `poll` reports
    // the dialog unavailable.
    let _ = std::thread::Builder::new()
        .name("duizhao-dialog".to_owned())
        .spawn(move || {
            let outcome = match run() {
                Some(paths) if !paths.is_empty() => Outcome::Picked(paths),
                _ if started.elapsed() < TOO_FAST => Outcome::Unavailable,
                _ => Outcome::Cancelled,
            };
            let _ = tx.send(outcome);
            // Wake the UI to take the answer.
            ctx.request_repaint();
        });
    Pending { purpose, rx }
}

/// A save dialog for an export file, starting from `suggested`.
#[must_use]
pub fn save(suggested: &std::path::Path, extension: &'static str, ctx: &egui::Context) -> Pending {
    let dir = suggested.parent().map(std::path::Path::to_path_buf);
    let name = suggested.file_name().map_or_else(
        || format!("duizhao-export.{extension}"),
        |n| n.to_string_lossy().into_owned(),
    );
    spawn(Purpose::Export, ctx, move || {
        let mut d = rfd::AsyncFileDialog::new()
            .set_title("Export the basket")
            .set_file_name(name)
            .add_filter(extension, &[extension]);
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            d = d.set_directory(dir);
        }
        pollster::block_on(d.save_file()).map(|h| vec![h.path().to_path_buf()])
    })
}

/// A save dialog for a chart: `{stem}.svg` or `.png` in the home folder.
#[must_use]
pub fn save_chart(image: crate::export::chart::Image, stem: &str, ctx: &egui::Context) -> Pending {
    let extension = image.extension();
    let name = format!("{stem}.{extension}");
    spawn(Purpose::SaveChart(image), ctx, move || {
        let mut d = rfd::AsyncFileDialog::new()
            .set_title("Save the chart")
            .set_file_name(name)
            .add_filter(extension, &[extension]);
        if let Some(home) = std::env::home_dir().filter(|d| d.is_dir()) {
            d = d.set_directory(home);
        }
        pollster::block_on(d.save_file()).map(|h| vec![h.path().to_path_buf()])
    })
}

/// An open dialog for documents to import.
#[must_use]
pub fn open(ctx: &egui::Context) -> Pending {
    spawn(Purpose::Import, ctx, || {
        let d = rfd::AsyncFileDialog::new().set_title("Import documents").add_filter(
            "Policy documents (.txt .md .docx .doc .pdf .html)",
            crate::ingest::EXTENSIONS,
        );
        pollster::block_on(d.pick_files()).map(|hs| hs.iter().map(|h| h.path().to_path_buf()).collect())
    })
}

/// An open dialog for a taxonomy file (format of assets/domains.toml).
#[must_use]
pub fn open_taxonomy(ctx: &egui::Context) -> Pending {
    spawn(Purpose::Taxonomy, ctx, || {
        let d = rfd::AsyncFileDialog::new()
            .set_title("Align by a taxonomy file")
            .add_filter("Taxonomy (TOML)", &["toml"]);
        pollster::block_on(d.pick_file()).map(|h| vec![h.path().to_path_buf()])
    })
}

/// An open dialog for a project (.duizhao).
#[must_use]
pub fn open_project(ctx: &egui::Context) -> Pending {
    spawn(Purpose::OpenProject, ctx, || {
        let d = rfd::AsyncFileDialog::new()
            .set_title("Open a project")
            .add_filter("duizhao project", &[crate::project::EXTENSION]);
        pollster::block_on(d.pick_file()).map(|h| vec![h.path().to_path_buf()])
    })
}

/// A save dialog for the project, starting from `suggested` (its current file, if any).
#[must_use]
pub fn save_project(suggested: Option<&std::path::Path>, ctx: &egui::Context) -> Pending {
    let dir = suggested
        .and_then(std::path::Path::parent)
        .map(std::path::Path::to_path_buf)
        .or_else(std::env::home_dir);
    let name = suggested.and_then(std::path::Path::file_name).map_or_else(
        || format!("study.{}", crate::project::EXTENSION),
        |n| n.to_string_lossy().into_owned(),
    );
    spawn(Purpose::SaveProject, ctx, move || {
        let mut d = rfd::AsyncFileDialog::new()
            .set_title("Save the project")
            .set_file_name(name)
            .add_filter("duizhao project", &[crate::project::EXTENSION]);
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            d = d.set_directory(dir);
        }
        pollster::block_on(d.save_file()).map(|h| vec![h.path().to_path_buf()])
    })
}

/// An open dialog for the new place of a missing document.
#[must_use]
pub fn relink(index: usize, name: &str, ctx: &egui::Context) -> Pending {
    let title = format!("Where is {name}?");
    spawn(Purpose::Relink(index), ctx, move || {
        let d = rfd::AsyncFileDialog::new().set_title(title).add_filter(
            "Policy documents (.txt .md .docx .doc .pdf .html)",
            crate::ingest::EXTENSIONS,
        );
        pollster::block_on(d.pick_file()).map(|h| vec![h.path().to_path_buf()])
    })
}
