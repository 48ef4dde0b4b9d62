//! Two real processes on one project: window A (a child process running the real `App`
//! headless) edits and autosaves; window B (this process) opens the same project.
//!
//! While A lives, B is read-only, is never offered A's recovery file, never writes the project
//! and never deletes A's recovery file. Once A is killed with SIGKILL (and left unreaped, a
//! zombie, as right after a crash), B takes the lock over, is offered A's unsaved work, restores
//! it and saves it. The decisions behind this (and the same for an untitled project's recovery
//! file in the config folder) are unit tests of the session core, `src/session/tests.rs`; this
//! is the one end-to-end check with real processes.

use claimtrace::ui::app::Modal;
use claimtrace::ui::{App, FileDialogs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Dialogs {
    save: Mutex<Option<PathBuf>>,
}

impl FileDialogs for Dialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        None
    }
    fn pick_save(&self, _suggested: &str) -> Option<PathBuf> {
        self.save.lock().unwrap().clone()
    }
    fn pick_import(&self) -> Option<Vec<PathBuf>> {
        None
    }
    fn blocks(&self) -> bool {
        false
    }
}

fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(0.1)
        .with_max_steps(64)
        .with_context_setup(claimtrace::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

const CLAIM: &str =
    "The number of political prisoners in Vietnam has reached its highest on record";

/// Select `CLAIM` in the open document and press C: one claim made through the keyboard.
fn make_claim(h: &mut Harness<'static, App>) {
    let doc = h.state().current_document().unwrap().to_string();
    let text = h.state().project().document(&doc).unwrap().text.clone();
    let b = text.find(CLAIM).expect("the demo article has the claim");
    let s = text[..b].chars().count();
    let e = s + CLAIM.chars().count();
    h.state_mut().reader_mut().set_selection(Some((s, e)));
    h.run();
    h.key_press(Key::C);
    h.run();
}

fn has_claim(p: &claimtrace::model::Project) -> bool {
    p.claims
        .iter()
        .any(|c| c.content.first().is_some_and(|f| f.exact == CLAIM))
}

/// Window A, run in a child process by the tests below (ignored when run directly).
#[test]
#[ignore = "run as a child process by the two-window tests"]
fn window_a() {
    let Ok(config) = std::env::var("CT_CONFIG") else {
        return;
    };
    let project = std::env::var("CT_PROJECT").ok().map(PathBuf::from);
    let ready = PathBuf::from(std::env::var("CT_READY").unwrap());
    let app = App::start(project, Arc::new(Dialogs::default()), config.into());
    let mut h = harness(app);
    h.run();
    assert!(!h.state().is_read_only());
    make_claim(&mut h);
    assert!(h.state().is_dirty());
    // Losing focus autosaves the unsaved work to the recovery file.
    h.event(egui::Event::WindowFocused(false));
    h.run();
    let recovery = h.state().recovery_file();
    assert!(recovery.exists());
    std::fs::write(&ready, recovery.display().to_string()).unwrap();
    // Stay open (holding the lock) until killed.
    std::thread::sleep(Duration::from_secs(300));
}

/// Kill window A with SIGKILL and wait until it is dead but not reaped (a zombie), as just
/// after a crash: its parent (this test) has not collected it yet.
fn kill_9(a: &mut Child) {
    a.kill().unwrap();
    let pid = a.id();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            // No /proc: give the kernel a moment to end it.
            std::thread::sleep(Duration::from_millis(500));
            return;
        };
        let zombie = stat
            .rsplit(')')
            .next()
            .is_some_and(|r| r.trim_start().starts_with('Z'));
        // The main thread turns zombie first; the process has closed its files (releasing its
        // lock) once its other threads have ended too.
        let threads = std::fs::read_dir(format!("/proc/{pid}/task"))
            .map(|d| d.count())
            .unwrap_or(0);
        if zombie && threads <= 1 {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("window A did not die");
}

/// Start window A on `project` (None: untitled) and wait until it has autosaved; returns the
/// child and its recovery file.
fn start_window_a(dir: &Path, config: &Path, project: Option<&Path>) -> (Child, PathBuf) {
    let ready = dir.join("a-ready");
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "window_a", "--ignored", "--test-threads=1"])
        .env("CT_CONFIG", config)
        .env("CT_READY", &ready)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(p) = project {
        cmd.env("CT_PROJECT", p);
    }
    let mut child = cmd.spawn().unwrap();
    let start = Instant::now();
    while !ready.exists() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("window A ended early: {status}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "window A did not get ready"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(50));
    let recovery = PathBuf::from(std::fs::read_to_string(&ready).unwrap());
    (child, recovery)
}

#[test]
fn a_read_only_second_window_never_takes_or_writes_what_a_live_window_holds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("L.ron");
    let mut demo = claimtrace::demo::demo_project().unwrap();
    demo.claims.clear();
    claimtrace::store::save(&demo, &path).unwrap();
    let saved = std::fs::read(&path).unwrap();
    let (mut a, recovery) = start_window_a(dir.path(), &dir.path().join("config-a"), Some(&path));
    assert_eq!(recovery, claimtrace::store::recovery::recovery_path(&path));
    let a_recovery = std::fs::read(&recovery).unwrap();
    let lock = claimtrace::store::lock::lock_path(&path);
    let a_lock = std::fs::read(&lock).unwrap();

    // Window B while A lives: read-only, told who holds it, no recovery offered.
    let dialogs = Arc::new(Dialogs::default());
    let app = App::start(
        Some(path.clone()),
        dialogs.clone(),
        dir.path().join("config-b"),
    );
    assert!(app.is_read_only());
    assert!(
        !matches!(app.modal(), Some(Modal::Recovery { .. })),
        "a read-only window must not offer the live window's recovery file: {:?}",
        app.modal()
    );
    let banner = app.banner().expect("a banner says why").text.clone();
    assert!(
        // In words: who, where and since when (local time), not a process id and a timestamp.
        banner.contains("is open in Claimtrace ")
            && banner.contains(&format!(
                " on {} since ",
                claimtrace::store::lock::this_host()
            ))
            && !banner.contains("process"),
        "{banner}"
    );
    let mut h = harness(app);
    h.run();
    make_claim(&mut h);
    assert!(
        h.state().project().claims.is_empty(),
        "no edit on a held project"
    );
    // Neither Save nor Save As onto the held file writes it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    *dialogs.save.lock().unwrap() = Some(path.clone());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    drop(h);
    assert_eq!(std::fs::read(&path).unwrap(), saved, "B wrote the project");
    assert_eq!(
        std::fs::read(&recovery).unwrap(),
        a_recovery,
        "B touched A's recovery"
    );
    assert_eq!(std::fs::read(&lock).unwrap(), a_lock, "B touched A's lock");

    // A dies (SIGKILL) and is not reaped yet: B now takes the lock over first, then offers
    // A's unsaved work.
    kill_9(&mut a);
    let app = App::start(
        Some(path.clone()),
        dialogs.clone(),
        dir.path().join("config-b"),
    );
    assert!(!app.is_read_only(), "the dead window's lock is taken over");
    let holder: claimtrace::store::lock::Holder =
        serde_json::from_slice(&std::fs::read(&lock).unwrap()).unwrap();
    assert_eq!(holder.pid, std::process::id(), "the lock names B now");
    assert!(
        matches!(app.modal(), Some(Modal::Recovery { .. })),
        "{:?}",
        app.modal()
    );
    let mut h = harness(app);
    h.run();
    h.get_by_label("Restore").click();
    h.run();
    assert!(has_claim(h.state().project()));
    assert!(!h.state().is_read_only());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        has_claim(&claimtrace::store::load(&path).unwrap().0),
        "A's work was saved"
    );
    assert!(
        !recovery.exists(),
        "the restored recovery file is removed by the save"
    );
    drop(h);
    let _ = a.wait();
    assert!(!lock.exists(), "B released its lock on close");
}
