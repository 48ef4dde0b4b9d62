//! Bringing articles in through the window (egui_kittest): import on a worker thread with a
//! summary, a new document from the clipboard dialog, and the document details editor.

use claimtrace::model::Project;
use claimtrace::ui::{App, Command, FileDialogs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct FakeDialogs {
    import: Mutex<Option<Vec<PathBuf>>>,
}

impl FileDialogs for FakeDialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        None
    }
    fn pick_save(&self, _suggested: &str) -> Option<PathBuf> {
        None
    }
    fn pick_import(&self) -> Option<Vec<PathBuf>> {
        self.import.lock().unwrap().clone()
    }
    fn blocks(&self) -> bool {
        false
    }
}

fn harness(project: Project, dialogs: Arc<FakeDialogs>, config: &Path) -> Harness<'static, App> {
    let app = App::new(project, None, dialogs, config.to_path_buf());
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(0.1)
        .with_max_steps(64)
        .with_context_setup(claimtrace::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

fn demo() -> Project {
    claimtrace::demo::demo_project().unwrap()
}

#[test]
fn document_title_is_edited_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(demo(), Arc::default(), dir.path());
    h.run();
    let id = h.state().current_document().unwrap().to_string();
    let before = h.state().project().document(&id).unwrap().clone();
    h.state_mut().command(Command::DocumentDetails);
    h.run();
    assert!(h.query_by_label("Document details").is_some());
    // Read-only facts are shown.
    assert!(h.query_by_label_contains(&before.sha256[..12]).is_some());
    let field = h.get_by_label("Title");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Title").type_text("Vietnam: the crackdown");
    h.run();
    // Typing alone changes nothing; Apply makes one edit.
    assert_eq!(
        h.state().project().document(&id).unwrap().title,
        before.title
    );
    h.get_by_label("URL").focus();
    h.run();
    h.get_by_label("URL").type_text("https://example.org/a");
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    let d = h.state().project().document(&id).unwrap();
    assert_eq!(d.title, "Vietnam: the crackdown");
    assert_eq!(d.origin.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(d.text, before.text, "the text is never edited");
    assert!(h.state().is_dirty());

    h.state_mut().command(Command::Undo);
    h.run();
    let d = h.state().project().document(&id).unwrap();
    assert_eq!(d.title, before.title);
    assert_eq!(d.origin, before.origin);
    // The editor shows the undone values again.
    h.run();
    assert!(h.query_by_label("Document details").is_some());
}

#[test]
fn paste_dialog_creates_one_undoable_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(demo(), Arc::default(), dir.path());
    h.run();
    let n = h.state().project().documents.len();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::V);
    h.run();
    assert!(h.query_by_label("New document from clipboard").is_some());
    // The text box has the focus (the clipboard is pasted into it).
    h.get_by_label("Text (paste with Ctrl+V if it is empty)")
        .type_text("Officials said the dam was safe.");
    h.run();
    h.get_by_label("URL").focus();
    h.run();
    h.get_by_label("URL").type_text("https://example.org/dam");
    h.run();
    h.get_by_label("Create document").click();
    h.run();
    let p = h.state().project();
    assert_eq!(p.documents.len(), n + 1);
    let d = p.documents.last().unwrap();
    assert_eq!(d.text, "Officials said the dam was safe.");
    assert_eq!(d.title, "Officials said the dam was safe.");
    assert_eq!(d.origin.url.as_deref(), Some("https://example.org/dam"));
    assert_eq!(d.origin.extractor, "paste");
    assert_eq!(h.state().current_document(), Some(d.id.as_str()));
    assert!(h.query_by_label("New document from clipboard").is_none());

    h.state_mut().command(Command::Undo);
    h.run();
    assert_eq!(h.state().project().documents.len(), n);
}

#[test]
fn pasting_a_text_the_project_has_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo();
    let text = p.documents[0].text.clone();
    let mut h = harness(p, Arc::default(), dir.path());
    h.run();
    h.state_mut().command(Command::NewFromClipboard);
    h.run();
    h.get_by_label("Text (paste with Ctrl+V if it is empty)")
        .type_text(&text);
    h.run();
    h.get_by_label("Create document").click();
    h.run();
    assert_eq!(h.state().project().documents.len(), 1);
    assert!(h.query_by_label_contains("already has this text").is_some());
}

#[test]
fn folder_import_runs_in_the_background_and_ends_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(articles.join("sub")).unwrap();
    std::fs::write(articles.join("a.txt"), "First article.\n\nIt said things.").unwrap();
    std::fs::write(articles.join("b.txt"), "First article.\n\nIt said things.").unwrap();
    std::fs::write(articles.join("sub/c.md"), "# Second\n\nMore *text*.").unwrap();
    std::fs::write(articles.join("d.pdf"), "not a pdf at all").unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    *dialogs.import.lock().unwrap() = Some(vec![articles.clone()]);
    let mut h = harness(demo(), dialogs, &dir.path().join("config"));
    h.run();
    let n = h.state().project().documents.len();
    h.state_mut().command(Command::ImportArticle);
    // Wait for the worker (it reads four small files).
    for _ in 0..200 {
        h.step();
        if !h.state().is_importing() && h.state().import_report().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
    let report = h
        .state()
        .import_report()
        .expect("an import summary")
        .clone();
    assert_eq!(report.headline(), "Imported 2, skipped 2");
    assert!(h.query_by_label("Import finished").is_some());
    // In the summary window (and the banner).
    assert!(h.query_all_by_label("Imported 2, skipped 2").count() >= 1);
    assert!(
        h.query_by_label_contains("b.txt: the same text as a.txt")
            .is_some(),
        "the duplicate is named"
    );
    assert!(h.query_by_label_contains("d.pdf").is_some());
    assert_eq!(h.state().project().documents.len(), n + 2);
    assert_eq!(
        h.state().history().undo_label().as_deref(),
        Some("import 2 articles"),
        "one edit"
    );
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().import_report().is_none());

    h.state_mut().command(Command::Undo);
    h.run();
    assert_eq!(h.state().project().documents.len(), n);
}
