//! Save and Save As: may this file be written, and what must be asked first? And the lock a
//! command-line command takes before it writes a project.

use super::{Session, stamp_of};
use crate::store::{self, StoreError};
use std::path::Path;

/// Why a save did not write: each is a question or a message for the user.
#[derive(Debug)]
pub enum SaveRefusal {
    /// The project is read-only (newer format, or held by someone else).
    ReadOnly,
    /// The file changed on disk since it was read: ask before replacing it.
    ChangedOnDisk,
    /// Our lock on the project was taken over by `Holder`: the project is read-only now.
    LockLost(store::lock::Holder),
    /// Save As onto a file someone else holds; the message says who.
    Busy(String),
}

/// A save that did not happen.
#[derive(Debug)]
pub enum SaveError {
    Refused(SaveRefusal),
    Failed(StoreError),
}

impl Session {
    /// Save to `path` (the project's own file, or a new one for Save As). A file that another
    /// window or command holds is never written, and a recovery file is removed only when it is
    /// this session's own. A file changed on disk is written only once `overwrite_once` is set.
    pub fn save_to(&mut self, path: &Path) -> Result<(), SaveError> {
        let same = self.path.as_deref() == Some(path);
        // The lock `path` will be saved under: ours already, or taken now.
        let mut taken = None;
        if same {
            if self.is_read_only() {
                return Err(SaveError::Refused(SaveRefusal::ReadOnly));
            }
            let overwrite = std::mem::take(&mut self.overwrite_once);
            if !overwrite && self.disk_stamp.is_some() && stamp_of(path) != self.disk_stamp {
                return Err(SaveError::Refused(SaveRefusal::ChangedOnDisk));
            }
            if !self.lock.as_ref().is_some_and(|l| l.still_held()) {
                // Our lock file was removed or replaced behind our back: take it again, or
                // learn who has it now.
                match store::lock::ProjectLock::acquire(path, store::lock::WINDOW) {
                    Ok((lock, store::lock::LockState::Acquired)) => taken = lock,
                    Ok((_, store::lock::LockState::HeldBy(h))) => {
                        self.lock = None;
                        self.locked_by = Some(h.clone());
                        return Err(SaveError::Refused(SaveRefusal::LockLost(h)));
                    }
                    Err(_) => {}
                }
            }
        } else {
            match store::lock::ProjectLock::acquire(path, store::lock::WINDOW) {
                Ok((lock, store::lock::LockState::Acquired)) => taken = lock,
                Ok((_, store::lock::LockState::HeldBy(h))) => {
                    return Err(SaveError::Refused(SaveRefusal::Busy(h.busy_message(path))));
                }
                // A folder we cannot write a lock into: saving reports the real problem.
                Err(_) => {}
            }
        }
        match store::save(&self.project, path) {
            Ok(()) => {
                self.history.mark_saved();
                self.disk_stamp = stamp_of(path);
                self.disk_warned = false;
                // The saved work needs no recovery: neither under the old name (an untitled
                // project's, on Save As) nor under the new one — but only files of our own.
                if self.owns_recovery() {
                    let _ = std::fs::remove_file(self.recovery_file());
                }
                if let Some(lock) = taken {
                    self.lock = Some(lock);
                    self.locked_by = None;
                }
                self.path = Some(path.to_path_buf());
                let _ = std::fs::remove_file(self.recovery_file());
                Ok(())
            }
            Err(e) => {
                if same && taken.is_some() {
                    self.lock = taken;
                }
                Err(SaveError::Failed(e))
            }
        }
    }
}

/// Why a command may not write a project.
#[derive(Debug)]
pub enum LockRefusal {
    /// A live holder (a Claimtrace window here or on another machine sharing the folder).
    Held(store::lock::Holder),
    /// The lock file cannot be created.
    Unwritable(std::io::Error),
}

/// Take the project's lock before a command (`who`, e.g. "claimtrace add") changes it: a live
/// holder is refused; a stale lock (dead process) is taken over. A missing project gives no
/// lock and no refusal (loading it says what is wrong). The lock is released when the returned
/// value is dropped.
pub fn lock_for_writing(
    path: &Path,
    who: &str,
) -> Result<Option<store::lock::ProjectLock>, LockRefusal> {
    match store::lock::ProjectLock::acquire(path, who) {
        Ok((lock, store::lock::LockState::Acquired)) => Ok(lock),
        Ok((_, store::lock::LockState::HeldBy(h))) => Err(LockRefusal::Held(h)),
        // A missing project: loading it says so, with advice.
        Err(_) if !path.exists() => Ok(None),
        Err(e) => Err(LockRefusal::Unwritable(e)),
    }
}
