//! The project file on disk: its stamp when this session last read or wrote it, and what a
//! change behind the session's back (a `git pull`, a synced folder, another program) means.

use super::Session;
use crate::model::Project;
use crate::store;
use std::path::Path;

/// A file's size and modification time.
pub type FileStamp = (u64, Option<std::time::SystemTime>);

pub fn stamp_of(path: &Path) -> Option<FileStamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

/// What a look at the project file found.
#[derive(Debug)]
pub enum DiskChange {
    /// Nothing to do now (unchanged, looked at less than a second ago, or a dialog is open).
    Same,
    /// The file changed and the work here is unchanged: this is what is on disk now.
    ReadAgain(Box<Project>),
    /// The file changed while the work here is unsaved (or it cannot be read as a project):
    /// keep what is shown, warn ([`Session::warn_disk_once`]), and Save asks first.
    Changed,
}

impl Session {
    /// Once a second (`now`, seconds): has the project file changed on disk behind this
    /// session? `None` when there is no file to watch. A change is not acted on while a dialog
    /// is open (`busy`).
    pub fn watch_disk(&mut self, now: f64, busy: bool) -> Option<DiskChange> {
        let (Some(path), Some(stamp)) = (self.path.clone(), self.disk_stamp) else {
            return None;
        };
        if now - self.disk_checked < 1.0 && now >= self.disk_checked {
            return Some(DiskChange::Same);
        }
        self.disk_checked = now;
        let on_disk = stamp_of(&path);
        if on_disk == Some(stamp) || on_disk.is_none() || busy {
            return Some(DiskChange::Same);
        }
        if !self.is_dirty() && self.read_only.is_none() {
            match store::load(&path) {
                Ok((project, report)) if report.newer_format.is_none() => {
                    Some(DiskChange::ReadAgain(Box::new(project)))
                }
                // Half-written, or not a project any more: keep what is shown, say so once.
                _ => Some(DiskChange::Changed),
            }
        } else {
            Some(DiskChange::Changed)
        }
    }

    /// Whether the change on disk is still to be said (true once, until the file is read or
    /// written again).
    pub fn warn_disk_once(&mut self) -> bool {
        if self.disk_warned {
            return false;
        }
        self.disk_warned = true;
        true
    }
}
