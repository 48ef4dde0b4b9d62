//! The recovery file: where unsaved work is autosaved, when, and which window may offer, write
//! and delete it.

use super::Session;
use crate::model::Project;
use crate::store;
use crate::words::plural;
use std::collections::HashMap;
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

/// How many things of one kind the unsaved work added, removed and changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub added: usize,
    pub removed: usize,
    pub edited: usize,
}

impl Tally {
    /// Compare two lists by id.
    fn of<T: PartialEq>(saved: &[T], unsaved: &[T], id: impl Fn(&T) -> &str) -> Tally {
        let before: HashMap<&str, &T> = saved.iter().map(|x| (id(x), x)).collect();
        let after: HashMap<&str, &T> = unsaved.iter().map(|x| (id(x), x)).collect();
        let mut t = Tally::default();
        for (k, x) in &after {
            match before.get(k) {
                None => t.added += 1,
                Some(y) if *y != *x => t.edited += 1,
                Some(_) => {}
            }
        }
        t.removed = before.keys().filter(|k| !after.contains_key(*k)).count();
        t
    }

    fn is_empty(&self) -> bool {
        *self == Tally::default()
    }

    /// "+3 claims, 1 claim edited, 2 claims removed" (only the non-zero parts).
    fn words(&self, what: &str) -> Vec<String> {
        let mut out = Vec::new();
        if self.added > 0 {
            out.push(format!("+{}", plural(self.added, what)));
        }
        if self.edited > 0 {
            out.push(format!("{} edited", plural(self.edited, what)));
        }
        if self.removed > 0 {
            out.push(format!("{} removed", plural(self.removed, what)));
        }
        out
    }
}

/// What the unsaved work (a recovery file) changed against the saved project: per kind of thing,
/// how many were added, removed and edited (matched by id), and whether anything else (the
/// name, the annotator, review decisions) differs.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    pub claims: Tally,
    pub sources: Tally,
    pub documents: Tally,
    pub labels: Tally,
    /// Something outside the four lists differs (name, annotator, decisions, rejections).
    pub other: bool,
}

impl Changes {
    pub fn between(saved: &Project, unsaved: &Project) -> Changes {
        let other = saved.name != unsaved.name
            || saved.annotator != unsaved.annotator
            || saved.decisions != unsaved.decisions
            || saved.rejected != unsaved.rejected
            || saved.distinct != unsaved.distinct;
        Changes {
            claims: Tally::of(&saved.claims, &unsaved.claims, |c| &c.id),
            sources: Tally::of(&saved.sources, &unsaved.sources, |s| &s.id),
            documents: Tally::of(&saved.documents, &unsaved.documents, |d| &d.id),
            labels: Tally::of(&saved.labels, &unsaved.labels, |l| &l.id),
            other,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
            && self.sources.is_empty()
            && self.documents.is_empty()
            && self.labels.is_empty()
            && !self.other
    }

    /// "+3 claims, 1 claim edited, +2 sources", or "no differences from the saved file".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (t, what) in [
            (&self.claims, "claim"),
            (&self.sources, "source"),
            (&self.documents, "document"),
            (&self.labels, "label"),
        ] {
            parts.extend(t.words(what));
        }
        if self.other {
            parts.push("other project settings changed".into());
        }
        if parts.is_empty() {
            "no differences from the saved file".into()
        } else {
            parts.join(", ")
        }
    }
}

#[cfg(test)]
mod changes_tests {
    use super::*;
    use crate::edit::ops;
    use crate::model::SourceKind;

    #[test]
    fn the_unsaved_work_is_described_against_the_saved_file() {
        let saved = crate::demo::demo_project().unwrap();
        assert!(Changes::between(&saved, &saved).is_empty());
        assert_eq!(
            Changes::between(&saved, &saved).describe(),
            "no differences from the saved file"
        );
        let mut unsaved = saved.clone();
        // Two sources added, one claim edited, one removed.
        for name in ["Ana Example", "Bea Example"] {
            let s = ops::new_source(&unsaved, name, SourceKind::Person);
            ops::add_source(&unsaved, s).apply(&mut unsaved).unwrap();
        }
        unsaved.claims[0].note = "checked again".into();
        let gone = unsaved.claims.pop().unwrap();
        let c = Changes::between(&saved, &unsaved);
        assert_eq!(
            c.claims,
            Tally {
                added: 0,
                removed: 1,
                edited: 1
            }
        );
        assert_eq!(c.sources.added, 2);
        assert_eq!(c.describe(), "1 claim edited, 1 claim removed, +2 sources");
        // Three claims added (copies with new ids).
        for i in 0..3 {
            let mut x = gone.clone();
            x.id = format!("{}-copy{i}", gone.id);
            unsaved.claims.push(x);
        }
        assert!(
            Changes::between(&saved, &unsaved)
                .describe()
                .starts_with("+3 claims, 1 claim edited, 1 claim removed")
        );
    }
}
