//! The open project as a session, without a window: the project with its path and history,
//! the lock on its file, the recovery file and when to autosave to it, the file's stamp on disk,
//! and the decisions of Save and Save As ("may I write this file? what must I ask first?") as
//! plain functions and values.
//!
//! The window (`ui::app`) holds one [`Session`] and turns its answers into dialogs and notices;
//! the command line's writing commands take their lock through [`lock_for_writing`]. Like
//! helix-view under helix-term, nothing here draws or knows egui, eframe or rfd, so every
//! decision is tested without a window (`tests.rs`).

pub mod disk;
pub mod recovery;
pub mod save;
#[cfg(test)]
mod tests;

pub use disk::{DiskChange, FileStamp, stamp_of};
pub use recovery::{AUTOSAVE_SECONDS, Autosave, UNTITLED_RECOVERY};
pub use save::{LockRefusal, SaveError, SaveRefusal, lock_for_writing};

use crate::edit::History;
use crate::model::{Annotator, Project};
use crate::store;
use std::path::{Path, PathBuf};

/// The open project and everything about its file.
pub struct Session {
    pub project: Project,
    pub history: History,
    pub path: Option<PathBuf>,
    /// The file's format when it is newer than this build: shown read-only, never saved.
    pub read_only: Option<u32>,
    /// Bumped whenever the whole project is replaced (open, new).
    pub generation: u64,
    /// Our lock on the project file (released when dropped).
    pub lock: Option<store::lock::ProjectLock>,
    /// Someone else holds the project: it is shown read-only.
    pub locked_by: Option<store::lock::Holder>,
    /// Where an untitled project's unsaved work is autosaved: a file of this window's own
    /// (`recovery-untitled-PID.ron`), or one it restored from a window that is gone.
    pub untitled_recovery: PathBuf,
    /// Our lock on `untitled_recovery`, so no other window offers or deletes it while we live.
    pub recovery_lock: Option<store::lock::ProjectLock>,
    /// The history version last written to the recovery file.
    pub autosaved: Option<(u64, usize)>,
    /// When the project first differed from the recovery file (egui time, seconds).
    pub dirty_since: Option<f64>,
    /// The project file's size and modification time when it was last read or written by this
    /// window: a difference means someone else (a `git pull`, another program) replaced it.
    pub disk_stamp: Option<FileStamp>,
    /// When the project file was last looked at (egui time, seconds).
    pub disk_checked: f64,
    /// The file changed on disk while the work here was unsaved: said once.
    pub disk_warned: bool,
    /// The next save may replace a file that changed on disk (the user said so).
    pub overwrite_once: bool,
    /// The config folder, where an untitled project's recovery files are.
    pub config_dir: PathBuf,
}

impl Session {
    /// No project yet (an empty one), for a window whose config folder is `config_dir`.
    pub fn new(config_dir: PathBuf) -> Session {
        let untitled_recovery =
            config_dir.join(format!("{UNTITLED_RECOVERY}-{}.ron", std::process::id()));
        Session {
            project: Project::new("", Annotator::default()),
            history: History::new(),
            path: None,
            read_only: None,
            generation: 0,
            lock: None,
            locked_by: None,
            untitled_recovery,
            recovery_lock: None,
            autosaved: None,
            dirty_since: None,
            disk_stamp: None,
            disk_checked: 0.0,
            disk_warned: false,
            overwrite_once: false,
            config_dir,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some() || self.locked_by.is_some()
    }

    /// Why the project cannot be changed, if it cannot.
    pub fn read_only_reason(&self) -> Option<String> {
        if let Some(f) = self.read_only {
            return Some(format!("format {f}, newer than this Claimtrace"));
        }
        self.locked_by
            .as_ref()
            .map(|h| format!("it is open in {h}"))
    }

    /// Make `project` (from `path`, of a newer format `newer`) the open project, with a fresh
    /// history; its file's stamp is noted now.
    pub fn replace(&mut self, project: Project, path: Option<PathBuf>, newer: Option<u32>) {
        self.disk_stamp = path.as_deref().and_then(stamp_of);
        self.disk_warned = false;
        self.project = project;
        self.history = History::new();
        self.path = path;
        self.read_only = newer;
        self.generation += 1;
        self.autosaved = None;
        self.dirty_since = None;
    }

    /// Lock `path` for this window, or note who holds it (then the project is read-only).
    pub fn take_lock(&mut self, path: &Path) {
        self.release_lock();
        match store::lock::ProjectLock::acquire(path, store::lock::WINDOW) {
            Ok((lock, store::lock::LockState::Acquired)) => self.lock = lock,
            Ok((_, store::lock::LockState::HeldBy(h))) => self.locked_by = Some(h),
            // A folder we cannot write a lock into: saving will report the real problem.
            Err(_) => {}
        }
    }

    /// Let go of the project file's lock (before opening another file or starting a new
    /// project).
    pub fn release_lock(&mut self) {
        self.lock = None;
        self.locked_by = None;
    }
}
