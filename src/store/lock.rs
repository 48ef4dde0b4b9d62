//! A lock file next to a project (`<project>.lock`) that names who has it open, so a second
//! window, a command-line run or a colleague on a shared folder is told instead of silently
//! overwriting.
//!
//! Two mechanisms work together:
//!
//! - **An operating-system lock** on the open lock file (`File::try_lock`, i.e. `flock` on Unix,
//!   `LockFileEx` on Windows). The kernel releases it when the holder's process ends, however it
//!   ends (`kill -9` included, and before the dead process is reaped), so a live holder on this
//!   machine is never mistaken for a dead one and a dead one never blocks anybody. Taking it is
//!   atomic: two processes racing for one project cannot both win.
//! - **The file's contents** ([`Holder`]): who holds it (user, host, process, program), for the
//!   message the others see. For a holder on another machine (a shared folder) the contents are
//!   all there is, and such a lock is treated as live. A lock written by an older Claimtrace that
//!   did not take the OS lock is judged by whether its process still runs.

use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Who holds a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: u32,
    pub since: String,
    /// What holds it: [`WINDOW`] or a command such as `claimtrace add`. Empty in lock files
    /// written by older versions (which were always windows or commands that said nothing).
    #[serde(default)]
    pub program: String,
    /// The holder also holds the operating-system lock on the file, so a successful
    /// `try_lock` proves it is gone (older versions did not).
    #[serde(default)]
    pub os_lock: bool,
    /// The process's start time as the system records it (Linux: `/proc/PID/stat` field 22),
    /// so a process id reused by another program is not taken for the holder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<u64>,
}

/// The program name of the annotation window in [`Holder::program`].
pub const WINDOW: &str = "the Claimtrace window";

impl Holder {
    /// What holds the project, for messages, in words: "Claimtrace by ana on laptop since 06:26"
    /// (a window; the local time, and the date too when it is not today) or "`claimtrace add`
    /// run by ana on lab-3 since 2026-12-05 14:02 (process 4242)".
    pub fn describe(&self) -> String {
        self.describe_at(&jiff::Zoned::now())
    }

    /// [`Holder::describe`] as seen at `now` (its time zone is the one shown).
    pub fn describe_at(&self, now: &jiff::Zoned) -> String {
        let user = self.user.trim();
        let by = if user.is_empty() || user == "someone" {
            String::new()
        } else {
            format!(" by {user}")
        };
        let on = if self.host.trim().is_empty() {
            String::new()
        } else {
            format!(" on {}", self.host.trim())
        };
        let since = since_words(&self.since, now);
        if self.is_window() {
            format!("Claimtrace{by}{on}{since}")
        } else {
            let by = if by.is_empty() {
                " run".to_string()
            } else {
                format!(" run{by}")
            };
            format!("`{}`{by}{on}{since} (process {})", self.program, self.pid)
        }
    }

    /// Is this a window (or an older lock that did not say)?
    pub fn is_window(&self) -> bool {
        self.program.is_empty() || self.program == WINDOW
    }

    /// Why `project` cannot be written now, and what to do: "P is open in the Claimtrace
    /// window of …; close it there first" or "P is being changed by `claimtrace add` run by …;
    /// wait for it to finish".
    pub fn busy_message(&self, project: &Path) -> String {
        if self.is_window() {
            format!(
                "{} is open in {}; close it there first",
                project.display(),
                self.describe()
            )
        } else {
            format!(
                "{} is being changed by {}; wait for it to finish, then try again",
                project.display(),
                self.describe()
            )
        }
    }
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

/// " since 06:26" (today, in `now`'s time zone), " since 2026-12-05 06:26" (another day), or
/// " since …" as written when it is not a timestamp; "" when there is none.
pub fn since_words(since: &str, now: &jiff::Zoned) -> String {
    let since = since.trim();
    if since.is_empty() {
        return String::new();
    }
    let Ok(t) = since.parse::<jiff::Timestamp>() else {
        return format!(" since {since}");
    };
    let local = t.to_zoned(now.time_zone().clone());
    if local.date() == now.date() {
        format!(" since {}", local.strftime("%H:%M"))
    } else {
        format!(" since {}", local.strftime("%Y-%m-%d %H:%M"))
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

/// A process's start time and whether it has ended (a zombie, `kill -9`ed but not yet reaped by
/// its parent, has ended). `None` where `/proc` cannot tell.
fn proc_stat(pid: u32) -> Option<(bool, u64)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) state ppid … starttime …": comm may hold spaces and parentheses.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ended = matches!(fields.first().copied(), Some("Z" | "X" | "x"));
    // Field 22 of the whole line is the 20th after the state (field 3).
    let started = fields.get(19)?.parse().ok()?;
    Some((ended, started))
}

fn me(program: &str) -> Holder {
    Holder {
        user: std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_else(|_| "someone".into()),
        host: this_host(),
        pid: std::process::id(),
        since: jiff::Timestamp::now().to_string(),
        program: program.to_string(),
        os_lock: true,
        started: proc_stat(std::process::id()).map(|(_, s)| s),
    }
}

/// Is the holder's process gone? Only decidable for a process on this host, where `/proc`
/// exists (Linux); elsewhere a lock is assumed live. A zombie counts as gone, and so does a
/// process whose id now belongs to a program started at another time.
pub fn is_stale(h: &Holder) -> bool {
    if h.host != this_host() || !Path::new("/proc/self").exists() {
        return false;
    }
    match proc_stat(h.pid) {
        None => !Path::new(&format!("/proc/{}", h.pid)).exists(),
        Some((true, _)) => true,
        Some((false, started)) => h.started.is_some_and(|s| s != started),
    }
}

/// What trying to lock found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockState {
    /// We hold it now.
    Acquired,
    /// Someone else holds it (live, as far as we can tell).
    HeldBy(Holder),
}

/// A held lock; dropping it removes the lock file (if it is still ours) and releases the
/// operating-system lock.
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
    holder: Holder,
    /// The open lock file holding the OS lock (`None` where the file system has no locks).
    file: Option<File>,
}

impl ProjectLock {
    /// Try to lock `project` for `program` ([`WINDOW`] or the command, e.g. `claimtrace add`).
    /// A lock whose holder is gone is taken over; a live one is reported.
    pub fn acquire(
        project: &Path,
        program: &str,
    ) -> std::io::Result<(Option<ProjectLock>, LockState)> {
        let path = lock_path(project);
        // A holder that has just created the file may not have written it yet: look again a
        // few times before calling its contents unreadable.
        for attempt in 0..20 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => match read_holder_from(&mut file) {
                    Some(h) => return Ok((None, LockState::HeldBy(h))),
                    None if attempt < 19 => {
                        std::thread::sleep(std::time::Duration::from_millis(25));
                        continue;
                    }
                    None => return Ok((None, LockState::HeldBy(unknown_holder()))),
                },
                // A file system without locks (some network shares): the contents decide.
                Err(fs::TryLockError::Error(_)) => {
                    return Self::acquire_by_contents(project, program, file);
                }
            }
            // We hold the OS lock on the file we opened; make sure it is still the file at
            // `path` (its last holder may have removed it between our open and our lock).
            if !same_file(&file, &path) {
                continue;
            }
            if let Some(h) = read_holder_from(&mut file)
                && !is_me(&h)
                && !is_stale(&h)
                && (h.host != this_host() || !h.os_lock)
            {
                // A holder on another machine (its OS lock may not reach us through a shared
                // folder), or an older Claimtrace (no OS lock) whose process still runs: live.
                return Ok((None, LockState::HeldBy(h)));
            }
            let holder = me(program);
            write_holder(&mut file, &holder)?;
            return Ok((
                Some(ProjectLock {
                    path,
                    holder,
                    file: Some(file),
                }),
                LockState::Acquired,
            ));
        }
        Ok((None, LockState::HeldBy(unknown_holder())))
    }

    /// Where the file system has no OS locks: the lock file's contents alone decide.
    fn acquire_by_contents(
        project: &Path,
        program: &str,
        mut file: File,
    ) -> std::io::Result<(Option<ProjectLock>, LockState)> {
        if let Some(h) = read_holder_from(&mut file)
            && !is_stale(&h)
            && !is_me(&h)
        {
            return Ok((None, LockState::HeldBy(h)));
        }
        let mut holder = me(program);
        holder.os_lock = false;
        write_holder(&mut file, &holder)?;
        Ok((
            Some(ProjectLock {
                path: lock_path(project),
                holder,
                file: None,
            }),
            LockState::Acquired,
        ))
    }

    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    /// Does the lock file still name us? (Someone may have removed or replaced it by hand.)
    pub fn still_held(&self) -> bool {
        read_holder(&self.path).as_ref() == Some(&self.holder)
    }
}

fn is_me(h: &Holder) -> bool {
    h.pid == std::process::id() && h.host == this_host()
}

fn unknown_holder() -> Holder {
    Holder {
        user: "someone".into(),
        host: "an unknown computer".into(),
        pid: 0,
        since: "an unknown time".into(),
        program: String::new(),
        os_lock: true,
        started: None,
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

fn write_holder(file: &mut File, holder: &Holder) -> std::io::Result<()> {
    let text = serde_json::to_string(holder).map_err(std::io::Error::other)?;
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

fn read_holder_from(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    serde_json::from_str(&text).ok()
}

fn read_holder(path: &Path) -> Option<Holder> {
    serde_json::from_str(&fs::read_to_string(path).ok()?).ok()
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Remove the file while we still hold the OS lock, so nobody takes over a file that is
        // about to disappear (a late opener notices through `same_file` and tries again).
        if read_holder(&self.path).as_ref() == Some(&self.holder) {
            let _ = fs::remove_file(&self.path);
        }
        if let Some(f) = self.file.take() {
            let _ = f.unlock();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_holder_is_reported_and_a_gone_one_is_taken_over() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("p.ron");
        let (lock, state) = ProjectLock::acquire(&p, WINDOW).unwrap();
        assert_eq!(state, LockState::Acquired);
        let lock = lock.unwrap();
        assert!(lock_path(&p).exists());
        assert!(lock.still_held());
        // The OS lock is per open file: a second acquire, even in this process, is refused and
        // names the holder.
        let (none, state) = ProjectLock::acquire(&p, "claimtrace add").unwrap();
        assert!(none.is_none());
        assert_eq!(state, LockState::HeldBy(lock.holder().clone()));
        assert!(lock.holder().describe().starts_with("Claimtrace"));
        drop(lock);
        assert!(!lock_path(&p).exists());

        // A lock file left by a holder that took the OS lock and is gone (nobody holds the OS
        // lock now) is taken over, whatever process id it names.
        let live_pid = Holder {
            pid: 1,
            ..me("claimtrace add")
        };
        fs::write(lock_path(&p), serde_json::to_string(&live_pid).unwrap()).unwrap();
        let (mine, state) = ProjectLock::acquire(&p, WINDOW).unwrap();
        assert_eq!(state, LockState::Acquired);
        drop(mine);

        // An older Claimtrace's lock (no OS lock) naming a live process is respected; one naming
        // a dead process is taken over.
        let old_live = Holder {
            pid: 1,
            os_lock: false,
            program: String::new(),
            started: None,
            ..me("")
        };
        fs::write(lock_path(&p), serde_json::to_string(&old_live).unwrap()).unwrap();
        let (none, state) = ProjectLock::acquire(&p, WINDOW).unwrap();
        assert!(none.is_none());
        assert_eq!(state, LockState::HeldBy(old_live.clone()));
        let old_dead = Holder {
            pid: u32::MAX - 7,
            ..old_live
        };
        assert!(is_stale(&old_dead));
        fs::write(lock_path(&p), serde_json::to_string(&old_dead).unwrap()).unwrap();
        let (mine, state) = ProjectLock::acquire(&p, WINDOW).unwrap();
        assert_eq!(state, LockState::Acquired);
        drop(mine);
        assert!(!lock_path(&p).exists());
    }

    #[test]
    fn a_holder_on_another_machine_is_respected() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("p.ron");
        let other = Holder {
            host: "elsewhere-7".into(),
            ..me(WINDOW)
        };
        fs::write(lock_path(&p), serde_json::to_string(&other).unwrap()).unwrap();
        let (none, state) = ProjectLock::acquire(&p, "claimtrace add").unwrap();
        assert!(none.is_none());
        assert_eq!(state, LockState::HeldBy(other));
        // Nothing was removed or rewritten.
        assert!(lock_path(&p).exists());
    }

    #[test]
    fn a_reused_process_id_is_not_the_holder() {
        let mine = me(WINDOW);
        let Some(started) = mine.started else {
            return; // no /proc here: nothing to tell
        };
        let reused = Holder {
            started: Some(started + 1),
            ..mine.clone()
        };
        assert!(is_stale(&reused));
        assert!(!is_stale(&mine));
    }

    #[test]
    fn an_unwritten_lock_file_held_by_a_live_opener_is_not_taken() {
        // Another opener has created and OS-locked the file but not written it yet.
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("p.ron");
        let f = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(lock_path(&p))
            .unwrap();
        f.try_lock().unwrap();
        let (none, state) = ProjectLock::acquire(&p, WINDOW).unwrap();
        assert!(none.is_none());
        assert!(matches!(state, LockState::HeldBy(_)));
        drop(f);
        let (mine, state) = ProjectLock::acquire(&p, WINDOW).unwrap();
        assert_eq!(state, LockState::Acquired);
        assert!(mine.is_some());
    }

    #[test]
    fn a_holder_is_described_in_words_with_local_time() {
        let now: jiff::Zoned = "2026-12-06T12:00:00+01:00[Europe/Paris]".parse().unwrap();
        let h = Holder {
            user: "ana".into(),
            host: "laptop".into(),
            pid: 4242,
            since: "2026-12-06T06:26:47.916164634Z".into(),
            program: WINDOW.into(),
            os_lock: true,
            started: None,
        };
        // 06:26 UTC is 07:26 in Paris.
        assert_eq!(
            h.describe_at(&now),
            "Claimtrace by ana on laptop since 07:26"
        );
        let older = Holder {
            since: "2026-12-04T21:05:00Z".into(),
            ..h.clone()
        };
        assert_eq!(
            older.describe_at(&now),
            "Claimtrace by ana on laptop since 2026-12-04 22:05"
        );
        let nobody = Holder {
            user: "someone".into(),
            host: "vm".into(),
            ..h.clone()
        };
        assert_eq!(nobody.describe_at(&now), "Claimtrace on vm since 07:26");
        let cmd = Holder {
            program: "claimtrace add".into(),
            ..h.clone()
        };
        assert_eq!(
            cmd.describe_at(&now),
            "`claimtrace add` run by ana on laptop since 07:26 (process 4242)"
        );
        let odd = Holder {
            since: "yesterday".into(),
            ..h
        };
        assert_eq!(
            odd.describe_at(&now),
            "Claimtrace by ana on laptop since yesterday"
        );
    }
}
