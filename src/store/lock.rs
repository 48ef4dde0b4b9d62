//! A lock file next to a project (`<project>.lock`) that names who has it open, so a second
//! window or a colleague on a shared folder is told instead of silently overwriting.

use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Who holds a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: u32,
    pub since: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} on {} (process {}, since {})",
            self.user, self.host, self.pid, self.since
        )
    }
}

/// The lock file's path for a project.
pub fn lock_path(project: &Path) -> PathBuf {
    let mut s = project.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

/// This computer's name as lock files record it.
pub fn this_host() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this computer".into())
}

fn me() -> Holder {
    Holder {
        user: std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "someone".into()),
        host: this_host(),
        pid: std::process::id(),
        since: jiff::Timestamp::now().to_string(),
    }
}

/// Is the holder's process gone? Only decidable for a process on this host, where `/proc`
/// exists (Linux); elsewhere a lock is assumed live.
pub fn is_stale(h: &Holder) -> bool {
    h.host == this_host()
        && Path::new("/proc/self").exists()
        && !Path::new(&format!("/proc/{}", h.pid)).exists()
}

/// What trying to lock found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockState {
    /// We hold it now.
    Acquired,
    /// Someone else holds it (live, as far as we can tell).
    HeldBy(Holder),
}

/// A held lock; dropping it removes the lock file (if it is still ours).
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
    holder: Holder,
}

impl ProjectLock {
    /// Try to lock `project`. A stale lock (dead process on this host) or an unreadable one is
    /// taken over; a live one is reported.
    pub fn acquire(project: &Path) -> std::io::Result<(Option<ProjectLock>, LockState)> {
        let path = lock_path(project);
        if let Some(h) = read_holder(&path)
            && !is_stale(&h)
            && !(h.pid == std::process::id() && h.host == this_host())
        {
            return Ok((None, LockState::HeldBy(h)));
        }
        Self::force(project).map(|l| (Some(l), LockState::Acquired))
    }

    /// Take the lock whoever holds it (after the user chose to).
    pub fn force(project: &Path) -> std::io::Result<ProjectLock> {
        let path = lock_path(project);
        let holder = me();
        let text = serde_json::to_string(&holder).map_err(std::io::Error::other)?;
        let mut f = fs::File::create(&path)?;
        f.write_all(text.as_bytes())?;
        Ok(ProjectLock { path, holder })
    }

    pub fn holder(&self) -> &Holder {
        &self.holder
    }
}

fn read_holder(path: &Path) -> Option<Holder> {
    serde_json::from_str(&fs::read_to_string(path).ok()?).ok()
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        if read_holder(&self.path).as_ref() == Some(&self.holder) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_opener_is_told_and_stale_locks_are_taken_over() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("p.ron");
        let (lock, state) = ProjectLock::acquire(&p).unwrap();
        assert_eq!(state, LockState::Acquired);
        let lock = lock.unwrap();
        assert!(lock_path(&p).exists());
        // Another live process on this host holds it: pretend by writing our parent's pid.
        let other = Holder {
            pid: 1,
            ..lock.holder().clone()
        };
        fs::write(lock_path(&p), serde_json::to_string(&other).unwrap()).unwrap();
        let (none, state) = ProjectLock::acquire(&p).unwrap();
        assert!(none.is_none());
        assert_eq!(state, LockState::HeldBy(other.clone()));
        // A dead process's lock is stale and is taken over.
        let dead = Holder {
            pid: u32::MAX - 7,
            ..other
        };
        assert!(is_stale(&dead));
        fs::write(lock_path(&p), serde_json::to_string(&dead).unwrap()).unwrap();
        let (mine, state) = ProjectLock::acquire(&p).unwrap();
        assert_eq!(state, LockState::Acquired);
        drop(lock); // the old handle no longer owns the file: it must not remove it
        assert!(lock_path(&p).exists());
        drop(mine);
        assert!(!lock_path(&p).exists());
    }
}
