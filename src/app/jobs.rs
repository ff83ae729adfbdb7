//! Work that reads or writes files, run off the UI thread: importing (with progress and
//! cancel) and exporting. The state starts a job and polls it each frame; the window keeps
//! drawing meanwhile, and `wake` asks for a repaint when something has come.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::model::Document;

/// Asks the window for a repaint (from any thread).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// Work on a named thread of its own, whose result the UI takes when it has come.
pub struct Task<T> {
    rx: Receiver<T>,
    /// What to report if the thread ended without a result (it panicked).
    lost: fn() -> T,
}

impl<T: Send + 'static> Task<T> {
    /// Run `work` on a thread named `duizhao-{name}`; `wake` is called once its result is in.
    /// If no thread can be started, `work` is not run and `failed` is the result.
    pub fn spawn(
        name: &str,
        wake: Option<Wake>,
        work: impl FnOnce() -> T + Send + 'static,
        failed: impl FnOnce(std::io::Error) -> T,
        lost: fn() -> T,
    ) -> Self {
        let (tx, rx) = channel();
        let run = move || {
            let _ = tx.send(work());
            if let Some(w) = &wake {
                w();
            }
        };
        match std::thread::Builder::new().name(format!("duizhao-{name}")).spawn(run) {
            Ok(_) => Self { rx, lost },
            Err(e) => {
                let (tx, rx) = channel();
                let _ = tx.send(failed(e));
                Self { rx, lost }
            }
        }
    }

    /// The result, once it has come.
    #[must_use]
    pub fn poll(&self) -> Option<T> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some((self.lost)()),
        }
    }
}

/// How far an import has come, and whether the user asked it to stop.
#[derive(Debug, Default)]
pub struct ImportProgress {
    /// Files to read (known once the folders have been listed).
    pub total: AtomicUsize,
    /// Files read so far (loaded or refused).
    pub done: AtomicUsize,
    pub cancel: AtomicBool,
}

/// What an import brought: documents with their files, and one line per file not read.
#[derive(Debug, Default)]
pub struct Imported {
    pub docs: Vec<(Document, PathBuf)>,
    pub problems: Vec<String>,
    /// Files that were found and not imported: skipped (unsupported format) or unreadable.
    pub not_imported: usize,
    /// Files left unread because the import was cancelled.
    pub not_read: usize,
}

/// An import under way.
pub struct ImportJob {
    pub progress: Arc<ImportProgress>,
    task: Task<Imported>,
}

impl ImportJob {
    /// Read `paths` (folders expanded) on a background thread.
    #[must_use]
    pub fn start(paths: Vec<PathBuf>, wake: Option<Wake>) -> Self {
        let progress = Arc::new(ImportProgress::default());
        let p = Arc::clone(&progress);
        let repaint = wake.clone();
        let task = Task::spawn(
            "import",
            wake,
            move || read(&paths, &p, repaint.as_ref()),
            |e| Imported {
                problems: vec![format!("cannot start reading the files: {e}")],
                ..Imported::default()
            },
            || Imported {
                problems: vec!["reading the files stopped without a result".to_owned()],
                ..Imported::default()
            },
        );
        Self { progress, task }
    }

    /// The result, once the files are read.
    #[must_use]
    pub fn poll(&self) -> Option<Imported> {
        self.task.poll()
    }

    /// (files read, files to read).
    #[must_use]
    pub fn counts(&self) -> (usize, usize) {
        (
            self.progress.done.load(Ordering::Relaxed),
            self.progress.total.load(Ordering::Relaxed),
        )
    }

    pub fn cancel(&self) {
        self.progress.cancel.store(true, Ordering::Relaxed);
    }

    #[must_use]
    pub fn cancelled(&self) -> bool {
        self.progress.cancel.load(Ordering::Relaxed)
    }
}

fn read(paths: &[PathBuf], progress: &ImportProgress, wake: Option<&Wake>) -> Imported {
    // Folders (from Import…, the path field or a drop) give every supported file under them.
    let expanded = crate::ingest::folder::expand(paths);
    progress.total.store(expanded.files.len(), Ordering::Relaxed);
    let mut problems: Vec<String> = expanded.skipped_summary().into_iter().collect();
    let loaded = crate::load_paths_with(
        &expanded.files,
        &|| {
            progress.done.fetch_add(1, Ordering::Relaxed);
            if let Some(w) = wake {
                w();
            }
        },
        &|| progress.cancel.load(Ordering::Relaxed),
    );
    problems.extend(loaded.errors.iter().map(ToString::to_string));
    Imported {
        docs: loaded.docs,
        problems,
        not_imported: expanded.skipped.len() + loaded.errors.len(),
        not_read: loaded.not_read,
    }
}

/// What exporting the basket wrote: the message for the user, and whether it failed.
pub type ExportOutcome = (String, bool);

/// An export being written, or a project being saved: the message for the user when done.
pub type WriteJob = Task<ExportOutcome>;

/// Everything an export needs, owned, so that it can be written on another thread.
pub struct ExportWork {
    pub docs: Arc<Vec<Document>>,
    pub alignment: crate::align::Alignment,
    pub taxonomy: crate::align::Taxonomy,
    pub targets: Arc<Vec<Vec<crate::targets::Target>>>,
    pub selection: crate::export::Selection,
    pub format: crate::export::Format,
    pub replace: bool,
    pub notes: crate::export::Notes,
    /// Basket items whose document is not loaded (left out, and said so).
    pub missing: usize,
}

/// Write the export on a background thread.
#[must_use]
pub fn start_export(path: PathBuf, work: ExportWork, wake: Option<Wake>) -> WriteJob {
    let shown = path.display().to_string();
    Task::spawn(
        "export",
        wake,
        move || write(&path, &work),
        move |e| (format!("cannot start writing {shown}: {e}"), true),
        || ("writing the export stopped without a result".to_owned(), true),
    )
}

/// Save a project on a background thread.
#[must_use]
pub fn start_save(path: PathBuf, project: crate::project::Project, wake: Option<Wake>) -> WriteJob {
    Task::spawn(
        "save",
        wake,
        move || match project.save(&path) {
            Ok(()) => (format!("Saved {}", path.display()), false),
            Err(e) => (e.to_string(), true),
        },
        |e| (format!("cannot start saving the project: {e}"), true),
        || ("saving the project stopped without a result".to_owned(), true),
    )
}

/// A project read with its documents.
pub type Opened = Result<(crate::project::Project, crate::project::Opened), String>;

/// Open a project and read its documents on a background thread.
#[must_use]
pub fn start_open(path: PathBuf, wake: Option<Wake>) -> Task<Opened> {
    Task::spawn(
        "open",
        wake,
        move || {
            let project = crate::project::Project::load(&path).map_err(|e| e.to_string())?;
            let opened = project.open_documents(&path);
            Ok((project, opened))
        },
        |e| Err(format!("cannot start opening the project: {e}")),
        || Err("opening the project stopped without a result".to_owned()),
    )
}

fn write(path: &std::path::Path, w: &ExportWork) -> ExportOutcome {
    let input = crate::export::Input {
        docs: &w.docs,
        alignment: &w.alignment,
        taxonomy: &w.taxonomy,
        targets: &w.targets,
        notes: &w.notes,
    };
    match crate::export::export(path, w.format, w.replace, &input, &w.selection) {
        Ok(done) => {
            use std::fmt::Write as _;
            let mut message = format!("Exported {} passages to {}", done.passages, path.display());
            if w.missing > 0 {
                let _ = write!(message, "; {} in documents no longer loaded were left out", w.missing);
            }
            for warning in &done.warnings {
                let _ = write!(message, "\n{warning}");
            }
            (message, false)
        }
        Err(e) => (e.to_string(), true),
    }
}

/// Write a chart as SVG or PNG on a background thread (the dialog asked about replacing).
#[must_use]
pub fn start_chart(
    path: PathBuf,
    chart: crate::export::chart::Chart,
    image: crate::export::chart::Image,
    wake: Option<Wake>,
) -> WriteJob {
    use crate::export::chart;
    let shown = path.display().to_string();
    Task::spawn(
        "chart",
        wake,
        move || {
            let bytes = match image {
                chart::Image::Svg => Ok(chart::svg(&chart).into_bytes()),
                chart::Image::Png => chart::png(&chart, chart::PRINT_DPI),
            };
            match bytes.map(|b| crate::fsutil::write_file(&path, &b, true)) {
                Ok(Ok(())) => (format!("Saved the chart to {}", path.display()), false),
                Ok(Err(e)) => (format!("{}: cannot save the chart: {e}", path.display()), true),
                Err(why) => (format!("{}: cannot draw the chart: {why}", path.display()), true),
            }
        },
        move |e| (format!("cannot start saving {shown}: {e}"), true),
        || ("saving the chart stopped without a result".to_owned(), true),
    )
}
