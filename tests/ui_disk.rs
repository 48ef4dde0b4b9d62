//! A project file replaced behind the window's back (a `git pull` that merges it, a synced
//! folder): the window reads it again when it has no unsaved work, and otherwise warns and asks
//! before Save replaces the new file — never silently writes its older copy over it.

use claimtrace::model::Project;
use claimtrace::ui::app::Modal;
use claimtrace::ui::{App, NoDialogs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

fn harness(path: &Path, config: PathBuf) -> Harness<'static, App> {
    let (p, _) = claimtrace::store::load(path).unwrap();
    let app = App::new(
        p,
        Some(path.to_path_buf()),
        std::sync::Arc::new(NoDialogs),
        config,
    );
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(0.25)
        .with_max_steps(64)
        .with_context_setup(claimtrace::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

/// Let more than a second of the window's time pass.
fn wait(h: &mut Harness<'static, App>) {
    for _ in 0..6 {
        h.step();
    }
    h.run();
}

/// Someone else writes the project with its first claim's note changed.
fn write_other(path: &Path, note: &str) -> Project {
    let (mut p, _) = claimtrace::store::load(path).unwrap();
    p.claims[0].note = note.to_string();
    // A different size as well as a later time: the change is seen on any file system.
    p.name.push_str(" (merged)");
    claimtrace::store::save(&p, path).unwrap();
    p
}

#[test]
fn unchanged_work_is_read_again_and_unsaved_work_is_never_written_over_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    claimtrace::store::save(&claimtrace::demo::demo_project().unwrap(), &path).unwrap();
    let mut h = harness(&path, dir.path().join("config"));

    // Nothing unsaved here: the window shows what is on disk now.
    write_other(&path, "merged by git");
    wait(&mut h);
    assert_eq!(h.state().project().claims[0].note, "merged by git");
    assert!(!h.state().is_dirty());

    // Unsaved work here, and the file changes again: a warning, the work is kept.
    let first = h.state().project().claims[0].id.clone();
    h.state_mut()
        .command(claimtrace::ui::Command::SelectClaim(first));
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().is_dirty());
    let n = h.state().project().claims.len();
    write_other(&path, "pulled again");
    let on_disk = std::fs::read(&path).unwrap();
    wait(&mut h);
    assert_eq!(h.state().project().claims.len(), n, "the work here is kept");
    assert!(
        h.query_all_by_label_contains("changed on disk since this window read it")
            .count()
            > 0
    );

    // Save asks; the file is untouched until the user says to replace it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(matches!(
        h.state().modal(),
        Some(Modal::ChangedOnDisk { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), on_disk, "not written over");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
    assert!(h.state().is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Replace it with my version").click();
    h.run();
    assert!(!h.state().is_dirty());
    let (saved, _) = claimtrace::store::load(&path).unwrap();
    assert_eq!(saved.claims.len(), n);
    // Saved: later changes of ours save without asking.
    h.key_press(Key::Escape);
    h.run();
    let second = h.state().project().claims[0].id.clone();
    h.state_mut()
        .command(claimtrace::ui::Command::SelectClaim(second));
    h.run();
    h.key_press(Key::Delete);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().modal().is_none());
    assert_eq!(
        claimtrace::store::load(&path).unwrap().0.claims.len(),
        n - 1
    );
}

/// A project file the user made read-only (`chmod 444`) is never replaced by Save: the error
/// shows, naming the file, and the file keeps its bytes and its mode (the tests run as root,
/// whom the system lets write anything, so this is Claimtrace's own check).
#[cfg(unix)]
#[test]
fn a_read_only_project_file_is_not_replaced_and_the_save_error_shows() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    claimtrace::store::save(&claimtrace::demo::demo_project().unwrap(), &path).unwrap();
    let mut h = harness(&path, dir.path().join("config"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let on_disk = std::fs::read(&path).unwrap();

    let first = h.state().project().claims[0].id.clone();
    h.state_mut()
        .command(claimtrace::ui::Command::SelectClaim(first));
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.query_all_by_label_contains("p.ron is read-only").count() > 0,
        "the save error shows"
    );
    assert!(h.state().is_dirty(), "the work is still unsaved");
    assert_eq!(std::fs::read(&path).unwrap(), on_disk, "not written over");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}
