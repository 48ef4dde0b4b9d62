//! The session's decisions without a window: the logic of the two-window and disk-watch
//! end-to-end tests (`tests/two_windows.rs`, `tests/ui_disk.rs`), checked on plain values.

use super::*;
use crate::store::lock::{self, Holder, LockState, ProjectLock};
use std::path::Path;

fn demo() -> Project {
    crate::demo::demo_project().unwrap()
}

/// A session that opened `path` as the window does: read, then lock.
fn open(path: &Path, config: &Path) -> Session {
    let (p, report) = store::load(path).unwrap();
    let mut s = Session::new(config.to_path_buf());
    s.replace(p, Some(path.to_path_buf()), report.newer_format);
    s.take_lock(path);
    s
}

/// Someone else writes the project with its first claim's note changed (and its size, so the
/// change is seen on any file system).
fn write_other(path: &Path, note: &str) {
    let (mut p, _) = store::load(path).unwrap();
    p.claims[0].note = note.to_string();
    p.name.push_str(" (merged)");
    store::save(&p, path).unwrap();
}

/// A lock file naming a process of this host that is alive (`pid` 1) or gone, written the way
/// an older Claimtrace wrote it (no OS lock), so only the process id says whether it is live.
fn foreign_lock(project: &Path, alive: bool) -> Holder {
    let h = Holder {
        user: "someone".into(),
        host: lock::this_host(),
        pid: if alive { 1 } else { u32::MAX - 7 },
        since: "today".into(),
        program: lock::WINDOW.into(),
        os_lock: false,
        started: None,
    };
    std::fs::write(lock::lock_path(project), serde_json::to_string(&h).unwrap()).unwrap();
    h
}

#[test]
fn unchanged_work_is_read_again_and_unsaved_work_is_never_written_over_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::save(&demo(), &path).unwrap();
    let mut s = open(&path, &dir.path().join("config"));
    assert!(matches!(s.watch_disk(10.0, false), Some(DiskChange::Same)));

    // Nothing unsaved: what is on disk now is read again.
    write_other(&path, "merged by git");
    match s.watch_disk(20.0, false) {
        Some(DiskChange::ReadAgain(p)) => {
            assert_eq!(p.claims[0].note, "merged by git");
            s.replace(*p, Some(path.clone()), None);
        }
        other => panic!("{other:?}"),
    }
    // Looked at less than a second ago: not again.
    write_other(&path, "pulled");
    assert!(matches!(s.watch_disk(20.5, false), Some(DiskChange::Same)));
    // A dialog is open: left for later.
    assert!(matches!(s.watch_disk(22.0, true), Some(DiskChange::Same)));
    s.replace(store::load(&path).unwrap().0, Some(path.clone()), None);

    // Unsaved work here and the file changes: a change to warn about, once.
    s.history.mark_unsaved();
    write_other(&path, "pulled again");
    let on_disk = std::fs::read(&path).unwrap();
    assert!(matches!(
        s.watch_disk(30.0, false),
        Some(DiskChange::Changed)
    ));
    assert!(s.warn_disk_once());
    assert!(!s.warn_disk_once(), "said once");

    // Save asks first and writes nothing; once the user says so, it replaces the file.
    assert!(matches!(
        s.save_to(&path),
        Err(SaveError::Refused(SaveRefusal::ChangedOnDisk))
    ));
    assert_eq!(std::fs::read(&path).unwrap(), on_disk, "not written over");
    assert!(s.is_dirty());
    s.overwrite_once = true;
    s.save_to(&path).unwrap();
    assert!(!s.is_dirty());
    assert_ne!(std::fs::read(&path).unwrap(), on_disk);
    // Saved: the next save does not ask, and the permission was used up.
    assert!(!s.overwrite_once);
    s.history.mark_unsaved();
    s.save_to(&path).unwrap();
}

#[test]
fn no_file_no_watch() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::new(dir.path().to_path_buf());
    s.replace(demo(), None, None);
    assert!(s.watch_disk(5.0, false).is_none());
}

#[test]
fn a_project_a_live_window_holds_is_read_only_never_written_and_its_recovery_never_offered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("L.ron");
    store::save(&demo(), &path).unwrap();
    let saved = std::fs::read(&path).unwrap();
    // The live window's unsaved work, newer than the project.
    let recovery = store::recovery::recovery_path(&path);
    let mut theirs = demo();
    theirs.name = "their unsaved work".into();
    store::recovery::write_recovery(&theirs, &recovery).unwrap();
    let holder = foreign_lock(&path, true);
    let their_lock = std::fs::read(lock::lock_path(&path)).unwrap();

    let mut s = open(&path, &dir.path().join("config"));
    assert!(s.is_read_only());
    assert_eq!(s.locked_by.as_ref(), Some(&holder));
    assert!(s.read_only_reason().unwrap().contains("it is open in"));
    assert!(!s.owns_recovery());
    assert_eq!(s.recovery_to_offer(), None, "their recovery is not ours");

    // Unsaved work here is never autosaved over theirs, and Save refuses.
    s.history.mark_unsaved();
    assert!(matches!(s.autosave(100.0, true), Autosave::Nothing));
    assert!(matches!(
        s.save_to(&path),
        Err(SaveError::Refused(SaveRefusal::ReadOnly))
    ));
    // Save As onto the held file: refused, saying who holds it.
    s.locked_by = None;
    s.path = None;
    match s.save_to(&path) {
        Err(SaveError::Refused(SaveRefusal::Busy(m))) => assert!(
            m.contains(&format!(
                "is open in Claimtrace on {}",
                crate::store::lock::this_host()
            )),
            "{m}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), saved);
    assert_eq!(store::load(&recovery).unwrap().0.name, "their unsaved work");
    assert_eq!(std::fs::read(lock::lock_path(&path)).unwrap(), their_lock);
}

#[test]
fn a_dead_window_s_lock_is_taken_over_and_its_work_offered_then_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("L.ron");
    store::save(&demo(), &path).unwrap();
    let recovery = store::recovery::recovery_path(&path);
    // Written after the project, so it is newer.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut theirs = demo();
    theirs.name = "their unsaved work".into();
    store::recovery::write_recovery(&theirs, &recovery).unwrap();
    foreign_lock(&path, false);

    let mut s = open(&path, &dir.path().join("config"));
    assert!(!s.is_read_only(), "the dead window's lock is taken over");
    let holder: Holder =
        serde_json::from_slice(&std::fs::read(lock::lock_path(&path)).unwrap()).unwrap();
    assert_eq!(holder.pid, std::process::id());
    assert!(s.owns_recovery());
    assert_eq!(s.recovery_to_offer(), Some(recovery.clone()));

    // Restored (unsaved until saved), then saved: the recovery file goes.
    let (p, _) = store::load(&recovery).unwrap();
    s.replace(p, Some(path.clone()), None);
    s.history.mark_unsaved();
    s.save_to(&path).unwrap();
    assert_eq!(store::load(&path).unwrap().0.name, "their unsaved work");
    assert!(!recovery.exists());
    drop(s);
    assert!(
        !lock::lock_path(&path).exists(),
        "the lock goes with the session"
    );
}

#[test]
fn a_lock_lost_behind_the_session_s_back_to_a_live_holder_makes_it_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::save(&demo(), &path).unwrap();
    let saved = std::fs::read(&path).unwrap();
    let mut s = open(&path, &dir.path().join("config"));
    assert!(s.lock.is_some());
    // Our lock file replaced by another holder's.
    let holder = foreign_lock(&path, true);
    s.history.mark_unsaved();
    match s.save_to(&path) {
        Err(SaveError::Refused(SaveRefusal::LockLost(h))) => assert_eq!(h, holder),
        other => panic!("{other:?}"),
    }
    assert!(s.is_read_only());
    assert_eq!(std::fs::read(&path).unwrap(), saved);
}

#[test]
fn an_untitled_window_s_recovery_is_offered_only_after_it_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let theirs = config.join(format!("{UNTITLED_RECOVERY}-4242.ron"));
    store::recovery::write_recovery(&demo(), &theirs).unwrap();

    // Its window lives: not offered.
    foreign_lock(&theirs, true);
    let mut s = Session::new(config.clone());
    assert_eq!(s.recovery_to_offer(), None);
    assert!(theirs.exists());

    // Its window is gone: offered, and held by this session so no other offers it too.
    foreign_lock(&theirs, false);
    assert_eq!(s.recovery_to_offer(), Some(theirs.clone()));
    let (other, state) = ProjectLock::acquire(&theirs, lock::WINDOW).unwrap();
    assert!(other.is_none());
    assert!(matches!(state, LockState::HeldBy(_)));
    // A session's own untitled file is never offered to itself.
    let mut own = Session::new(config.clone());
    own.untitled_recovery = theirs.clone();
    drop(s);
    assert_eq!(own.recovery_to_offer(), None);
}

#[test]
fn unsaved_work_is_autosaved_after_the_delay_or_when_focus_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::save(&demo(), &path).unwrap();
    let mut s = open(&path, &dir.path().join("config"));
    let recovery = s.recovery_file();
    assert_eq!(recovery, store::recovery::recovery_path(&path));
    assert!(
        matches!(s.autosave(0.0, false), Autosave::Nothing),
        "nothing unsaved"
    );

    s.history.mark_unsaved();
    match s.autosave(100.0, false) {
        Autosave::Wait(w) => assert!(w > AUTOSAVE_SECONDS - 1.0 && w <= AUTOSAVE_SECONDS + 1.0),
        other => panic!("{other:?}"),
    }
    assert!(matches!(s.autosave(110.0, false), Autosave::Wait(_)));
    assert!(!recovery.exists());
    assert!(matches!(
        s.autosave(100.0 + AUTOSAVE_SECONDS, false),
        Autosave::Written
    ));
    assert!(recovery.exists());
    // This version is written: nothing more until the next change.
    assert!(matches!(s.autosave(1000.0, true), Autosave::Nothing));
    std::fs::remove_file(&recovery).unwrap();
    let n = s.project.claims.len();
    let id = s.project.claims[0].id.clone();
    s.history
        .apply(&mut s.project, crate::edit::Edit::RemoveClaim { id })
        .unwrap();
    // Focus lost: at once.
    assert!(matches!(s.autosave(1001.0, true), Autosave::Written));
    assert_eq!(store::load(&recovery).unwrap().0.claims.len(), n - 1);
    // Saving removes it.
    s.save_to(&path).unwrap();
    assert!(!recovery.exists());
}

#[test]
fn an_untitled_project_autosaves_into_the_config_folder_under_its_own_lock() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let mut s = Session::new(config.clone());
    s.replace(demo(), None, None);
    s.history.mark_unsaved();
    assert!(matches!(s.autosave(0.0, true), Autosave::Written));
    let file = s.recovery_file();
    assert!(file.starts_with(&config) && file.exists());
    assert!(s.recovery_lock.is_some());
    // Another session of the same config folder does not offer it while this one lives.
    let mut other = Session::new(config);
    assert_eq!(other.recovery_to_offer(), None);
}

#[test]
fn a_newer_format_is_read_only_and_never_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::save(&demo(), &path).unwrap();
    let (p, _) = store::load(&path).unwrap();
    let mut s = Session::new(dir.path().join("config"));
    s.replace(p, Some(path.clone()), Some(crate::model::FORMAT + 1));
    assert!(s.is_read_only());
    assert!(
        s.read_only_reason()
            .unwrap()
            .contains("newer than this Claimtrace")
    );
    assert!(matches!(
        s.save_to(&path),
        Err(SaveError::Refused(SaveRefusal::ReadOnly))
    ));
}

#[test]
fn a_command_is_refused_a_held_project_takes_a_stale_one_and_a_missing_one_is_left_to_loading() {
    let dir = tempfile::tempdir().unwrap();
    // A project in a folder that does not exist: no lock can be made, and loading says why.
    let nowhere = dir.path().join("gone").join("p.ron");
    assert!(
        lock_for_writing(&nowhere, "claimtrace add")
            .unwrap()
            .is_none()
    );
    let path = dir.path().join("p.ron");
    store::save(&demo(), &path).unwrap();
    let holder = foreign_lock(&path, true);
    match lock_for_writing(&path, "claimtrace add") {
        Err(LockRefusal::Held(h)) => assert_eq!(h, holder),
        other => panic!("{other:?}"),
    }
    foreign_lock(&path, false);
    let lock = lock_for_writing(&path, "claimtrace add").unwrap();
    assert!(lock.is_some());
}
