//! File → Export… and "Export selected…" driven headless through egui_kittest, with the file
//! dialog answered by a fake.

use claimtrace::model::{Project, Status};
use claimtrace::ui::{App, FileDialogs};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Dialogs that answer at once: the save/export dialog with the path the test put in.
#[derive(Default)]
struct FakeDialogs {
    save: Mutex<Option<PathBuf>>,
}

impl FileDialogs for FakeDialogs {
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

/// The demo project with its first three claims marked supported.
fn project() -> Project {
    let mut p = claimtrace::demo::demo_project().unwrap();
    for c in p.claims.iter_mut().take(3) {
        c.status = Status::Supported;
    }
    p
}

fn csv_rows(path: &std::path::Path) -> Vec<csv::StringRecord> {
    let text = std::fs::read_to_string(path).unwrap();
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn export_window_filters_count_and_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    let p = project();
    let total = p.claims.len();
    let app = App::new(p, None, dialogs.clone(), dir.path().join("config"));
    let mut h = harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let all = format!("{total} claims in 1 document will be exported");
    assert!(h.query_by_label(&all).is_some(), "the count for everything");

    h.get_by_role_and_label(Role::CheckBox, "supported").click();
    h.run();
    assert!(
        h.query_by_label("3 claims in 1 document will be exported")
            .is_some(),
        "ticking a status narrows the count"
    );
    h.get_by_role_and_label(Role::CheckBox, "disputed").click();
    h.run();
    assert!(
        h.query_by_label("3 claims in 1 document will be exported")
            .is_some(),
        "a second status is OR-ed (no disputed claims)"
    );

    let out = dir.path().join("chosen");
    *dialogs.save.lock().unwrap() = Some(out.clone());
    h.get_by_label("Choose…").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    // The dialog's path got the format's ending.
    let file = dir.path().join("chosen.csv");
    assert!(file.is_file(), "the export was written to the chosen path");
    let rows = csv_rows(&file);
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| &r[16] == "supported"));
    assert!(
        h.query_by_label_contains("Exported 3 claims in 1 document")
            .is_some(),
        "the window says what it did"
    );
}

#[test]
fn export_selected_takes_the_claims_the_list_shows() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    let app = App::new(project(), None, dialogs.clone(), dir.path().join("config"));
    let mut h = harness(app);
    h.run();
    // Narrow the claims list to supported claims, then export what it shows.
    h.get_by_label("Status filter").click();
    h.run();
    h.get_by_label("supported").click();
    h.run();
    assert!(h.query_by_label_contains("3 of ").is_some());
    h.get_by_label("Export selected…").click();
    h.run();
    assert!(
        h.query_by_label_contains("Exporting the 3 claims selected in the claims list")
            .is_some()
    );
    assert!(
        h.query_by_label("3 claims in 1 document will be exported")
            .is_some()
    );
    let out = dir.path().join("sel.jsonl");
    *dialogs.save.lock().unwrap() = Some(out.clone());
    h.get_by_label("Format").click();
    h.run();
    h.get_by_label("JSON Lines (one document per line)").click();
    h.run();
    h.get_by_label("Choose…").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&out).unwrap().trim()).unwrap();
    let claims = line["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 3);
    assert!(claims.iter().all(|c| c["status"] == "supported"));

    // An error is shown, not thrown: a folder that does not exist.
    *dialogs.save.lock().unwrap() = Some(dir.path().join("missing/x.jsonl"));
    h.get_by_label("Choose…").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    assert!(h.query_by_label_contains("does not exist").is_some());
}
