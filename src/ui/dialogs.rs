//! File dialogs behind a trait, so tests can answer them. The rfd implementation blocks until
//! the user answers, so the app runs it on a worker thread and polls for the answer each frame.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What a dialog is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogKind {
    /// Choose a project file to open.
    Open,
    /// Choose where to save the project (suggested file name).
    Save { suggested: String },
    /// Choose article files to import.
    Import,
    /// Choose where to write an export (suggested name; a folder for brat).
    Export { suggested: String, folder: bool },
}

/// What a typed-path box starts with: the project's folder (or the current folder for a project
/// without a file), with the suggested file name for a save or an export, so Enter alone writes
/// beside the project.
pub fn typed_path_start(kind: &DialogKind, project: Option<&std::path::Path>) -> String {
    let folder = project
        .and_then(|p| p.parent())
        .filter(|d| !d.as_os_str().is_empty())
        .map(std::path::Path::to_path_buf)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let name = match kind {
        DialogKind::Save { suggested } | DialogKind::Export { suggested, .. } => suggested.trim(),
        DialogKind::Open | DialogKind::Import => "",
    };
    if folder.as_os_str().is_empty() {
        return name.to_string();
    }
    let mut s = folder.join(name).display().to_string();
    if name.is_empty() && !s.ends_with(std::path::MAIN_SEPARATOR) {
        s.push(std::path::MAIN_SEPARATOR);
    }
    s
}

/// The platform's file dialogs. Each call blocks until answered; `None` means cancelled or no
/// dialog available (rfd cannot tell these apart), so the app then offers a typed path.
pub trait FileDialogs: Send + Sync {
    fn pick_open(&self) -> Option<PathBuf>;
    fn pick_save(&self, suggested: &str) -> Option<PathBuf>;
    fn pick_import(&self) -> Option<Vec<PathBuf>>;

    /// Where to write an export; by default the save dialog.
    fn pick_export(&self, suggested: &str, _folder: bool) -> Option<PathBuf> {
        self.pick_save(suggested)
    }

    /// Whether the calls wait for a person (then they run off the UI thread).
    fn blocks(&self) -> bool {
        true
    }

    fn pick(&self, kind: &DialogKind) -> Option<Vec<PathBuf>> {
        match kind {
            DialogKind::Open => self.pick_open().map(|p| vec![p]),
            DialogKind::Save { suggested } => self.pick_save(suggested).map(|p| vec![p]),
            DialogKind::Import => self.pick_import().filter(|v| !v.is_empty()),
            DialogKind::Export { suggested, folder } => {
                self.pick_export(suggested, *folder).map(|p| vec![p])
            }
        }
    }
}

/// Dialogs that never open a window and answer "cancelled" at once (the app then offers a
/// typed path): for headless runs and tests.
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        None
    }
    fn pick_save(&self, _suggested: &str) -> Option<PathBuf> {
        None
    }
    fn pick_import(&self) -> Option<Vec<PathBuf>> {
        None
    }
    fn blocks(&self) -> bool {
        false
    }
}

/// Native dialogs through rfd.
pub struct RfdDialogs;

impl FileDialogs for RfdDialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a Claimtrace project")
            .add_filter("Claimtrace project", &crate::store::PROJECT_EXTENSIONS)
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn pick_save(&self, suggested: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save the project as")
            .add_filter("Claimtrace project", &crate::store::PROJECT_EXTENSIONS)
            .set_file_name(suggested)
            .save_file()
    }

    fn pick_export(&self, suggested: &str, folder: bool) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(if folder {
                "Export to a new folder"
            } else {
                "Export to"
            })
            .set_file_name(suggested)
            .save_file()
    }

    fn pick_import(&self) -> Option<Vec<PathBuf>> {
        rfd::FileDialog::new()
            .set_title("Import articles")
            .add_filter("Articles", crate::article::EXTENSIONS)
            .add_filter("All files", &["*"])
            .pick_files()
    }
}

/// A dialog that is open: its purpose and where its answer will arrive.
pub struct PendingDialog<P> {
    pub purpose: P,
    pub kind: DialogKind,
    rx: Receiver<Option<Vec<PathBuf>>>,
}

/// The answer of a finished dialog.
pub enum Poll {
    Waiting,
    Done(Option<Vec<PathBuf>>),
}

impl<P> PendingDialog<P> {
    /// Ask `dialogs`: on a worker thread if it blocks, else at once.
    pub fn start(
        dialogs: &Arc<dyn FileDialogs>,
        kind: DialogKind,
        purpose: P,
        ctx: &egui::Context,
    ) -> Self {
        let (tx, rx) = channel();
        if dialogs.blocks() {
            let d = Arc::clone(dialogs);
            let k = kind.clone();
            let ctx = ctx.clone();
            let spawned = std::thread::Builder::new()
                .name("file-dialog".into())
                .spawn(move || {
                    let _ = tx.send(d.pick(&k));
                    ctx.request_repaint();
                });
            if spawned.is_err() {
                // No thread: behave as if no dialog is available (typed-path fallback).
                let (tx2, rx2) = channel();
                let _ = tx2.send(None);
                return PendingDialog {
                    purpose,
                    kind,
                    rx: rx2,
                };
            }
        } else {
            let _ = tx.send(dialogs.pick(&kind));
        }
        PendingDialog { purpose, kind, rx }
    }

    pub fn poll(&self) -> Poll {
        match self.rx.try_recv() {
            Ok(answer) => Poll::Done(answer),
            Err(TryRecvError::Empty) => Poll::Waiting,
            Err(TryRecvError::Disconnected) => Poll::Done(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{MAIN_SEPARATOR as SEP, Path};

    #[test]
    fn a_typed_path_starts_in_the_project_folder_with_a_name() {
        let project = Path::new("/work/study/votes.claimtrace");
        let save = DialogKind::Save {
            suggested: "votes-copy.claimtrace".into(),
        };
        assert_eq!(
            typed_path_start(&save, Some(project)),
            Path::new("/work/study/votes-copy.claimtrace")
                .display()
                .to_string()
        );
        let export = DialogKind::Export {
            suggested: "claims.csv".into(),
            folder: false,
        };
        assert_eq!(
            typed_path_start(&export, Some(project)),
            Path::new("/work/study/claims.csv").display().to_string()
        );
        // Opening and importing: the folder, ready for a name.
        assert_eq!(
            typed_path_start(&DialogKind::Import, Some(project)),
            format!("{}{SEP}", Path::new("/work/study").display())
        );
        // No project file: the current folder.
        let here = std::env::current_dir().unwrap();
        assert_eq!(
            typed_path_start(&DialogKind::Open, None),
            format!("{}{SEP}", here.display())
        );
    }
}
