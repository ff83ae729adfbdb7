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
    /// Files left unread because the import was cancelled.
    pub not_read: usize,
}

/// An import under way.
pub struct ImportJob {
    pub progress: Arc<ImportProgress>,
    rx: Receiver<Imported>,
}

impl ImportJob {
    /// Read `paths` (folders expanded) on a background thread.
    #[must_use]
    pub fn start(paths: Vec<PathBuf>, wake: Option<Wake>) -> Self {
        let progress = Arc::new(ImportProgress::default());
        let (tx, rx) = channel();
        let p = Arc::clone(&progress);
        let work = move || {
            let result = read(&paths, &p, wake.as_ref());
            // The receiver is gone only if the app closed meanwhile.
            let _ = tx.send(result);
            if let Some(w) = &wake {
                w();
            }
        };
        if let Err(e) = std::thread::Builder::new()
            .name("duizhao-import".to_owned())
            .spawn(work)
        {
            // No thread: say so rather than read on the UI thread.
            let (tx, rx2) = channel();
            let _ = tx.send(Imported {
                problems: vec![format!("cannot start reading the files: {e}")],
                ..Imported::default()
            });
            return Self { progress, rx: rx2 };
        }
        Self { progress, rx }
    }

    /// The result, once the files are read.
    pub fn poll(&self) -> Option<Imported> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Imported {
                problems: vec!["reading the files stopped without a result".to_owned()],
                ..Imported::default()
            }),
        }
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
        not_read: loaded.not_read,
    }
}

/// What exporting the basket wrote: the message for the user, and whether it failed.
pub type ExportOutcome = (String, bool);

/// An export being written.
pub struct ExportJob {
    pub path: PathBuf,
    rx: Receiver<ExportOutcome>,
}

/// Everything an export needs, owned, so that it can be written on another thread.
pub struct ExportWork {
    pub docs: Arc<Vec<Document>>,
    pub alignment: crate::align::Alignment,
    pub taxonomy: crate::align::Taxonomy,
    pub targets: Arc<Vec<Vec<crate::targets::Target>>>,
    pub selection: crate::export::Selection,
    pub format: crate::export::Format,
    pub replace: bool,
    /// Basket items whose document is not loaded (left out, and said so).
    pub missing: usize,
}

impl ExportJob {
    #[must_use]
    pub fn start(path: PathBuf, work: ExportWork, wake: Option<Wake>) -> Self {
        let (tx, rx) = channel();
        let target = path.clone();
        let run = move || {
            let message = write(&target, &work);
            let _ = tx.send(message);
            if let Some(w) = &wake {
                w();
            }
        };
        match std::thread::Builder::new().name("duizhao-export".to_owned()).spawn(run) {
            Ok(_) => Self { path, rx },
            Err(e) => {
                let (tx, rx) = channel();
                let _ = tx.send((format!("cannot start writing {}: {e}", path.display()), true));
                Self { path, rx }
            }
        }
    }

    pub fn poll(&self) -> Option<ExportOutcome> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some((
                format!("writing {} stopped without a result", self.path.display()),
                true,
            )),
        }
    }
}

fn write(path: &std::path::Path, w: &ExportWork) -> ExportOutcome {
    let input = crate::export::Input {
        docs: &w.docs,
        alignment: &w.alignment,
        taxonomy: &w.taxonomy,
        targets: &w.targets,
    };
    match crate::export::export(path, w.format, w.replace, &input, &w.selection) {
        Ok(done) => {
            let mut message = format!("Exported {} passages to {}", done.passages, path.display());
            if w.missing > 0 {
                message += &format!("; {} in documents no longer loaded were left out", w.missing);
            }
            for warning in &done.warnings {
                message += &format!("\n{warning}");
            }
            (message, false)
        }
        Err(e) => (e.to_string(), true),
    }
}
