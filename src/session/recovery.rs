//! The recovery file: where unsaved work is autosaved, when, and which window may offer, write
//! and delete it.

use super::Session;
use crate::store;
use std::path::PathBuf;

/// Unsaved work goes to the recovery file this long after an edit (and when the window loses
/// focus).
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// The name an untitled project's recovery files start with, in the config folder.
pub const UNTITLED_RECOVERY: &str = "recovery-untitled";

/// What one look at the autosave timer did.
#[derive(Debug)]
pub enum Autosave {
    /// Nothing to write (no unsaved work, read-only, or this version is written already).
    Nothing,
    /// Not yet: look again in this many seconds.
    Wait(f64),
    /// The unsaved work is in the recovery file.
    Written,
    /// Writing failed; the work stays in memory and this version is not tried again.
    Failed(store::StoreError),
}

impl Session {
    /// Where unsaved work of this project is autosaved: beside the project file, or in the
    /// config folder for a project that has no file yet.
    pub fn recovery_file(&self) -> PathBuf {
        match &self.path {
            Some(p) => store::recovery::recovery_path(p),
            None => self.untitled_recovery.clone(),
        }
    }

    /// Write unsaved work to the recovery file (never over the project) [`AUTOSAVE_SECONDS`]
    /// after the first unsaved edit, and at once when the window loses focus. `now` is the
    /// window's clock (seconds).
    pub fn autosave(&mut self, now: f64, focus_lost: bool) -> Autosave {
        if self.is_read_only() || !self.history.is_dirty() {
            self.dirty_since = None;
            return Autosave::Nothing;
        }
        let version = self.history.version();
        if self.autosaved == Some(version) {
            return Autosave::Nothing;
        }
        let since = *self.dirty_since.get_or_insert(now);
        if !focus_lost && now - since < AUTOSAVE_SECONDS {
            return Autosave::Wait(AUTOSAVE_SECONDS - (now - since) + 0.1);
        }
        let file = self.recovery_file();
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if self.path.is_none() && self.recovery_lock.is_none() {
            // Hold the untitled recovery file so no other window offers it while we live.
            if let Ok((lock, _)) = store::lock::ProjectLock::acquire(&file, store::lock::WINDOW) {
                self.recovery_lock = lock;
            }
        }
        match store::recovery::write_recovery(&self.project, &file) {
            Ok(()) => {
                self.autosaved = Some(version);
                self.dirty_since = None;
                Autosave::Written
            }
            Err(e) => {
                // Keep the work in memory; say so once per version, and try again later.
                self.autosaved = Some(version);
                Autosave::Failed(e)
            }
        }
    }

    /// After opening: the recovery file to offer, if any. Only a window that holds the
    /// project's lock is offered its recovery file: a read-only window never sees (or deletes)
    /// the unsaved work of the window that has the project open. An untitled project is offered
    /// the newest untitled recovery file whose window is gone.
    pub fn recovery_to_offer(&mut self) -> Option<PathBuf> {
        match &self.path {
            Some(p) if self.owns_recovery() => store::recovery::pending_recovery(p),
            Some(_) => None,
            None => self.orphaned_untitled_recovery(),
        }
    }

    /// Is the recovery file [`Self::recovery_file`] this window's to offer, write and delete?
    /// An untitled project's always is; a project file's only while we hold its lock.
    pub fn owns_recovery(&self) -> bool {
        match &self.path {
            None => true,
            Some(_) => self.lock.is_some() && self.locked_by.is_none() && self.read_only.is_none(),
        }
    }

    /// The newest untitled recovery file (in the config folder) whose window is gone, locked
    /// for this window so no other offers it too.
    fn orphaned_untitled_recovery(&mut self) -> Option<PathBuf> {
        let mut found: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&self.config_dir)
            .ok()?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "ron")
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(UNTITLED_RECOVERY))
                    && *p != self.untitled_recovery
            })
            .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
            .collect();
        found.sort();
        while let Some((_, file)) = found.pop() {
            if let Ok((Some(lock), store::lock::LockState::Acquired)) =
                store::lock::ProjectLock::acquire(&file, store::lock::WINDOW)
            {
                self.recovery_lock = Some(lock);
                return Some(file);
            }
        }
        None
    }
}
