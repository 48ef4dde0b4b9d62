//! The annotation window driven headless through egui_kittest: keys, clicks and typing against
//! the real `App`, with file dialogs answered by a fake and a temporary config folder.

use claimtrace::edit::ops;
use claimtrace::model::{Project, SourceKind, Status};
use claimtrace::ui::app::Modal;
use claimtrace::ui::reader::Role;
use claimtrace::ui::{App, FileDialogs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Dialogs that answer at once with what the test put in.
#[derive(Default)]
struct FakeDialogs {
    open: Mutex<Option<PathBuf>>,
    save: Mutex<Option<PathBuf>>,
    import: Mutex<Option<Vec<PathBuf>>>,
}

impl FileDialogs for FakeDialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        self.open.lock().unwrap().clone()
    }
    fn pick_save(&self, _suggested: &str) -> Option<PathBuf> {
        self.save.lock().unwrap().clone()
    }
    fn pick_import(&self) -> Option<Vec<PathBuf>> {
        self.import.lock().unwrap().clone()
    }
    fn blocks(&self) -> bool {
        false
    }
}

struct Setup {
    dialogs: Arc<FakeDialogs>,
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Self {
        Setup {
            dialogs: Arc::new(FakeDialogs::default()),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn app(&self, project: Project, path: Option<PathBuf>) -> App {
        App::new(project, path, self.dialogs.clone(), self.config())
    }
}

fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        // The reader animates (a flash after jumping to a claim, smooth scrolling): allow the
        // frames it takes to settle.
        .with_step_dt(0.1)
        .with_max_steps(64)
        .with_context_setup(claimtrace::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// The demo article with a registry holding Amnesty International (alias "Amnesty").
fn project() -> Project {
    let mut p = claimtrace::demo::demo_project().unwrap();
    p.claims.clear();
    p.sources.clear();
    let mut s = ops::new_source(&p, "Amnesty International", SourceKind::Organization);
    s.aliases.push("Amnesty".into());
    ops::add_source(&p, s).apply(&mut p).unwrap();
    p
}

fn text(app: &App) -> String {
    let d = app.current_document().unwrap();
    app.project().document(d).unwrap().text.clone()
}

/// The char range of the `nth` occurrence of `needle` in the current document.
fn range(app: &App, needle: &str, nth: usize) -> (usize, usize) {
    let t = text(app);
    let (b, _) = t.match_indices(needle).nth(nth).unwrap();
    let start = t[..b].chars().count();
    (start, start + needle.chars().count())
}

const CLAIM: &str =
    "The number of political prisoners in Vietnam has reached its highest on record";
const CLAIM2: &str = "There are 170 “prisoners of conscience” in Vietnam";

fn select(h: &mut Harness<'static, App>, needle: &str, nth: usize) {
    let r = range(h.state(), needle, nth);
    h.state_mut().reader_mut().set_selection(Some(r));
    h.run();
}

fn make_claim(h: &mut Harness<'static, App>, needle: &str) -> String {
    select(h, needle, 0);
    h.key_press(Key::C);
    h.run();
    h.state()
        .selected_claim()
        .expect("a claim is selected")
        .to_string()
}

fn ctrl(h: &mut Harness<'static, App>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run();
}

fn ctrl_shift(h: &mut Harness<'static, App>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, key);
    h.run();
}

#[test]
fn c_makes_a_claim_from_the_selection_and_selects_it() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    assert!(h.state().project().claims.is_empty());
    let id = make_claim(&mut h, CLAIM);
    let app = h.state();
    assert_eq!(app.project().claims.len(), 1);
    let c = app.project().claim(&id).unwrap();
    assert_eq!(c.quote(), CLAIM);
    assert_eq!(c.label, "claim");
    assert_eq!(
        h.state_mut().reader_mut().selection(),
        None,
        "the selection is cleared"
    );
    assert!(h.state().is_dirty());
    assert!(h.state().window_title().ends_with('•'));
    // The marks for the reader show the claim in its label's colour.
    let marks = h.state().marks();
    assert!(marks.iter().any(|m| m.claim == id
        && m.role == Role::Content
        && m.color == egui::Color32::from_rgb(246, 195, 67)));
    // The claims list shows it.
    assert!(
        h.query_by_label_contains("Claim: The number of political prisoners")
            .is_some()
    );
}

#[test]
fn c_does_nothing_while_typing_in_a_field() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    let r = range(h.state(), CLAIM, 0);
    h.state_mut().reader_mut().set_selection(Some(r));
    ctrl(&mut h, Key::F);
    h.key_press(Key::C);
    h.run();
    assert!(h.state().project().claims.is_empty());
}

#[test]
fn s_finds_the_source_by_alias_and_q_sets_the_cue() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    let id = make_claim(&mut h, CLAIM);
    // "Amnesty" (the title's first word) is an alias of Amnesty International.
    select(&mut h, "Amnesty", 0);
    h.key_press(Key::S);
    h.run();
    let c = h.state().project().claim(&id).unwrap().clone();
    let a = c.attribution.as_ref().unwrap();
    assert_eq!(a.sources, ["amnesty-international"]);
    assert_eq!(a.mention.len(), 1);
    assert_eq!(a.mention[0].exact, "Amnesty");
    assert_eq!(a.mention[0].start, 0);
    assert!(h.state().modal().is_none());

    select(&mut h, "according to", 0);
    h.key_press(Key::Q);
    h.run();
    let c = h.state().project().claim(&id).unwrap();
    let a = c.attribution.as_ref().unwrap();
    assert_eq!(
        a.cue.iter().map(|s| s.exact.as_str()).collect::<Vec<_>>(),
        vec!["according to"]
    );
    let marks = h.state().marks();
    assert!(
        marks
            .iter()
            .any(|m| m.role == Role::Mention && (m.start, m.end) == (0, 7))
    );
    assert!(
        marks
            .iter()
            .any(|m| m.role == Role::Cue && m.end - m.start == "according to".len())
    );
}

#[test]
fn s_with_an_unknown_name_proposes_a_new_source_in_one_undoable_step() {
    let s = Setup::new();
    let mut p = project();
    p.sources.clear();
    let mut h = harness(s.app(p, None));
    h.run();
    let id = make_claim(&mut h, CLAIM);
    select(&mut h, "Amnesty International", 0);
    h.key_press(Key::S);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::NewSource { .. })));
    h.get_by_label("Confirm source").click();
    h.run();
    let app = h.state();
    assert_eq!(app.project().sources.len(), 1);
    let src = &app.project().sources[0];
    assert_eq!(src.name, "Amnesty International");
    let c = app.project().claim(&id).unwrap();
    assert_eq!(c.sources(), [src.id.as_str()]);
    assert_eq!(
        c.attribution.as_ref().unwrap().mention[0].exact,
        "Amnesty International"
    );
    // One undo removes both the source and the mention.
    ctrl(&mut h, Key::Z);
    let app = h.state();
    assert!(app.project().sources.is_empty());
    assert_eq!(app.project().claim(&id).unwrap().attribution, None);
}

#[test]
fn inspector_edits_are_undone_and_redone_one_by_one() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    let id = make_claim(&mut h, CLAIM);
    let created = h.state().project().clone();

    h.get_by_label("Claim status").click();
    h.run();
    h.get_by_label("supported").click();
    h.run();
    assert_eq!(
        h.state().project().claim(&id).unwrap().status,
        Status::Supported
    );
    let with_status = h.state().project().clone();

    h.get_by_label("Note").focus();
    h.run();
    h.get_by_label("Note")
        .type_text("checked against the report");
    h.run();
    // Typing alone does not change the project: the note is committed when the field is left.
    assert_eq!(h.state().project().claim(&id).unwrap().note, "");
    h.key_press(Key::Escape);
    h.run();
    h.run();
    assert_eq!(
        h.state().project().claim(&id).unwrap().note,
        "checked against the report"
    );
    assert_eq!(
        h.state().selected_claim(),
        Some(id.as_str()),
        "Escape in a field does not deselect"
    );
    let with_note = h.state().project().clone();
    assert_eq!(
        h.state().history().undo_label().as_deref(),
        Some("edit note")
    );

    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().project(), &with_status);
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().project(), &created);
    ctrl(&mut h, Key::Y);
    assert_eq!(h.state().project(), &with_status);
    ctrl_shift(&mut h, Key::Z);
    assert_eq!(h.state().project(), &with_note);
}

#[test]
fn ctrl_s_saves_to_the_chosen_path_and_the_file_loads_back_equal() {
    let s = Setup::new();
    let target = s.dir.path().join("work.ron");
    *s.dialogs.save.lock().unwrap() = Some(target.clone());
    let mut h = harness(s.app(project(), None));
    h.run();
    make_claim(&mut h, CLAIM);
    select(&mut h, "Amnesty", 0);
    h.key_press(Key::S);
    h.run();
    ctrl(&mut h, Key::S);
    let app = h.state();
    assert_eq!(app.path(), Some(target.as_path()));
    assert!(!app.is_dirty());
    assert!(!app.window_title().contains('•'));
    let (back, _) = claimtrace::store::load(&target).unwrap();
    assert_eq!(&back, app.project());
    // The next start opens it again.
    let again = App::start(None, s.dialogs.clone(), s.config());
    assert_eq!(again.project(), &back);
    assert_eq!(
        again.path().map(Path::to_path_buf),
        Some(std::fs::canonicalize(&target).unwrap())
    );
}

#[test]
fn first_start_shows_the_demo_without_a_path() {
    let s = Setup::new();
    let app = App::start(None, s.dialogs.clone(), s.config());
    assert_eq!(app.project(), &claimtrace::demo::demo_project().unwrap());
    assert_eq!(app.path(), None);
    assert!(!app.is_dirty());
}

#[test]
fn clicking_a_source_and_choosing_a_status_filter_the_claims_list() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    let first = make_claim(&mut h, CLAIM);
    select(&mut h, "Amnesty", 0);
    h.key_press(Key::S);
    h.run();
    make_claim(&mut h, CLAIM2);
    h.key_press(Key::Escape);
    h.run();
    let row1 = "Claim: The number of political";
    let row2 = "Claim: There are 170";
    assert!(h.query_by_label_contains(row1).is_some());
    assert!(h.query_by_label_contains(row2).is_some());

    h.get_by_label("Sources").click();
    h.run();
    h.get_by_label("Amnesty International (1)").click();
    h.run();
    h.get_by_label("Claims (filtered)").click();
    h.run();
    assert!(h.query_by_label_contains(row1).is_some());
    assert!(
        h.query_by_label_contains(row2).is_none(),
        "the unattributed claim is filtered out"
    );
    h.get_by_label("Clear filters").click();
    h.run();
    assert!(h.query_by_label_contains(row2).is_some());

    // Mark the first claim supported, then filter by status.
    h.get_by_label_contains(row1).click();
    h.run();
    assert_eq!(h.state().selected_claim(), Some(first.as_str()));
    h.get_by_label("Claim status").click();
    h.run();
    h.get_by_label("supported").click();
    h.run();
    h.get_by_label("Status filter").click();
    h.run();
    h.get_by_label("unverified").click();
    h.run();
    assert!(h.query_by_label_contains(row1).is_none());
    assert!(h.query_by_label_contains(row2).is_some());
    assert!(h.query_by_label("1 of 2 claims").is_some());
}

#[test]
fn find_counts_matches_case_insensitively() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    let expected = text(h.state()).to_lowercase().matches("amnesty").count();
    assert!(expected > 2);
    ctrl(&mut h, Key::F);
    h.get_by_label("Find").type_text("AMNESTY");
    h.run();
    assert_eq!(h.state().find_matches().len(), expected);
    assert!(h.query_by_label(&format!("1 of {expected}")).is_some());
    h.key_press(Key::F3);
    h.run();
    assert!(h.query_by_label(&format!("2 of {expected}")).is_some());
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    assert!(
        h.query_by_label(&format!("{expected} of {expected}"))
            .is_some()
    );
}

#[test]
fn quitting_with_unsaved_work_asks_first() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    ctrl(&mut h, Key::Q);
    assert!(h.state().quit_requested(), "nothing unsaved: quits at once");

    let mut h = harness(s.app(project(), None));
    h.run();
    make_claim(&mut h, CLAIM);
    ctrl(&mut h, Key::Q);
    assert!(!h.state().quit_requested());
    assert!(h.query_by_label("Save changes?").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().modal().is_none());
    assert!(!h.state().quit_requested());
    ctrl(&mut h, Key::Q);
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().quit_requested());
}

#[test]
fn a_project_that_fails_to_load_does_not_replace_the_open_one() {
    let s = Setup::new();
    let bad = s.dir.path().join("broken.ron");
    std::fs::write(&bad, "(format: 1, name: ").unwrap();
    *s.dialogs.open.lock().unwrap() = Some(bad.clone());
    let mut h = harness(s.app(project(), None));
    h.run();
    make_claim(&mut h, CLAIM);
    let before = h.state().project().clone();
    ctrl(&mut h, Key::O);
    // Unsaved work: asked first; discard, then the open fails.
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().project(), &before);
    match h.state().modal() {
        Some(Modal::Message { text, .. }) => assert!(text.contains("broken.ron"), "{text}"),
        other => panic!("expected an error message, got {other:?}"),
    }
}

#[test]
fn a_newer_format_opens_read_only_and_is_never_saved() {
    let s = Setup::new();
    let mut p = project();
    p.format = claimtrace::model::FORMAT + 1;
    let path = s.dir.path().join("newer.ron");
    std::fs::write(&path, claimtrace::store::to_ron(&p).unwrap()).unwrap();
    let before = std::fs::read(&path).unwrap();
    *s.dialogs.open.lock().unwrap() = Some(path.clone());
    let mut h = harness(s.app(project(), None));
    h.run();
    ctrl(&mut h, Key::O);
    assert!(h.state().is_read_only());
    assert!(
        h.state()
            .banner()
            .is_some_and(|b| b.text.contains("read-only"))
    );
    select(&mut h, CLAIM, 0);
    h.key_press(Key::C);
    h.run();
    assert!(
        h.state().project().claims.is_empty(),
        "no edits to a read-only project"
    );
    ctrl(&mut h, Key::S);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn import_adds_articles_and_reports_skipped_ones() {
    let s = Setup::new();
    let article = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/articles/amnesty-vietnam.txt");
    let other = s.dir.path().join("note.md");
    std::fs::write(&other, "# A short note\n\nThe ministry said nothing.\n").unwrap();
    *s.dialogs.import.lock().unwrap() = Some(vec![article, other]);
    let mut h = harness(s.app(project(), None));
    h.run();
    ctrl(&mut h, Key::I);
    wait_for_import(&mut h);
    let app = h.state();
    // The demo already holds the seed article's text: only the note is new.
    assert_eq!(app.project().documents.len(), 2);
    assert_eq!(app.project().documents[1].title, "A short note");
    assert_eq!(
        app.current_document(),
        Some(app.project().documents[1].id.as_str())
    );
    let report = app.import_report().expect("an import summary");
    assert_eq!(report.headline(), "Imported 1, skipped 1");
    assert!(
        report.skipped[0].0.ends_with("amnesty-vietnam.txt"),
        "{report:?}"
    );
}

/// Step the window until the import on the worker thread is done and its summary is shown.
fn wait_for_import(h: &mut Harness<'static, App>) {
    for _ in 0..300 {
        h.step();
        if !h.state().is_importing() && h.state().import_report().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
}

/// The inspector's source list: add a second source (a joint claim), remove one, and undo each
/// change as one step.
#[test]
fn the_inspector_adds_and_removes_sources_of_a_joint_claim_with_undo() {
    let s = Setup::new();
    let mut p = project();
    let google = ops::new_source(&p, "Google", SourceKind::Company);
    ops::add_source(&p, google).apply(&mut p).unwrap();
    let mut h = harness(s.app(p, None));
    h.run();
    let id = make_claim(&mut h, CLAIM);
    let sources =
        |h: &Harness<'static, App>| h.state().project().claim(&id).unwrap().sources().to_vec();
    // S on the alias "Amnesty" sets the first source.
    select(&mut h, "Amnesty", 0);
    h.key_press(Key::S);
    h.run();
    assert_eq!(sources(&h), ["amnesty-international"]);
    assert!(
        h.query_by_label("Remove source Amnesty International")
            .is_some()
    );

    // Add Google from the registry: the claim becomes joint.
    let before = h.query_all_by_label("Amnesty International").count();
    h.get_by_label("Claim source").click();
    h.run();
    assert_eq!(
        h.query_all_by_label("Amnesty International").count(),
        before,
        "a source the claim has is not offered again"
    );
    h.get_by_label("Google").click();
    h.run();
    assert_eq!(sources(&h), ["amnesty-international", "google"]);
    assert_eq!(
        h.state().history().undo_label().as_deref(),
        Some("add source Google")
    );
    assert!(h.query_by_label("Remove source Google").is_some());
    // The claims list names both.
    assert!(
        h.query_by_label_contains("Amnesty International; Google")
            .is_some()
    );
    let joint = h.state().project().clone();

    // Remove Amnesty: Google stays, and the registry keeps Amnesty.
    h.get_by_label("Remove source Amnesty International")
        .click();
    h.run();
    assert_eq!(sources(&h), ["google"]);
    assert!(
        h.state()
            .project()
            .source("amnesty-international")
            .is_some()
    );
    assert!(
        h.query_by_label("Remove source Amnesty International")
            .is_none()
    );

    // Each change is one undo step.
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().project(), &joint);
    assert!(
        h.query_by_label("Remove source Amnesty International")
            .is_some()
    );
    ctrl(&mut h, Key::Z);
    assert_eq!(sources(&h), ["amnesty-international"]);
    // Redo brings the joint claim back.
    ctrl_shift(&mut h, Key::Z);
    assert_eq!(sources(&h), ["amnesty-international", "google"]);
}

#[test]
fn merging_sources_in_the_panel_moves_claims_and_undoes_in_one_step() {
    let s = Setup::new();
    let mut p = project();
    let dup = ops::new_source(&p, "Amnesty Intl", SourceKind::Organization);
    ops::add_source(&p, dup).apply(&mut p).unwrap();
    let mut h = harness(s.app(p, None));
    h.run();
    let id = make_claim(&mut h, CLAIM);
    h.get_by_label("Claim source").click();
    h.run();
    h.get_by_label("Amnesty Intl").click();
    h.run();
    assert_eq!(
        h.state().project().claim(&id).unwrap().sources(),
        ["amnesty-intl"]
    );
    let before = h.state().project().clone();

    h.get_by_label("Sources").click();
    h.run();
    h.get_by_label("Amnesty Intl (1)").click();
    h.run();
    h.get_by_label("Merge into").click();
    h.run();
    h.get_by_label("Amnesty International").click();
    h.run();
    h.get_by_label("Merge").click();
    h.run();
    let app = h.state();
    assert_eq!(app.project().sources.len(), 1);
    let keep = &app.project().sources[0];
    assert!(
        keep.is_named("Amnesty Intl"),
        "the merged name becomes an alias"
    );
    assert_eq!(
        app.project().claim(&id).unwrap().sources(),
        [keep.id.as_str()]
    );
    assert_eq!(
        app.history().undo_label().as_deref(),
        Some("merge Amnesty Intl into Amnesty International")
    );
    assert!(h.query_by_label("Amnesty International (1)").is_some());
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().project(), &before);
}

#[test]
fn labels_can_be_added_and_deleted_in_the_labels_window() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    h.state_mut().command(claimtrace::ui::Command::ShowLabels);
    h.run();
    h.get_by_label("Add label").click();
    h.run();
    let labels: Vec<String> = h
        .state()
        .project()
        .labels
        .iter()
        .map(|l| l.name.clone())
        .collect();
    assert_eq!(labels, vec!["Claim", "Statement", "Opinion", "Label 1"]);
    // A claim with the new label, then delete the label reassigning its claim to "Claim".
    let new_id = h.state().project().labels[3].id.clone();
    let r = range(h.state(), CLAIM, 0);
    h.state_mut().reader_mut().set_selection(Some(r));
    h.state_mut()
        .command(claimtrace::ui::Command::MakeClaimWithLabel(new_id.clone()));
    h.run();
    let claim = h.state().selected_claim().unwrap().to_string();
    assert_eq!(h.state().project().claim(&claim).unwrap().label, new_id);
    let deletes = h.get_all_by_label("Delete label").count();
    assert_eq!(deletes, 4);
    h.get_by_label("Reassign to").click();
    h.run();
    h.get_all_by_label("Claim").last().unwrap().click();
    h.run();
    h.get_all_by_label("Delete label").last().unwrap().click();
    h.run();
    let app = h.state();
    assert_eq!(app.project().labels.len(), 3);
    assert_eq!(app.project().claim(&claim).unwrap().label, "claim");
}

/// A file dropped on the window, as the windowing layer hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_article_is_imported_and_shown() {
    let s = Setup::new();
    let note = s.dir.path().join("statement.txt");
    std::fs::write(
        &note,
        "Ministry statement\n\nThe ministry said the report was biased.\n",
    )
    .unwrap();
    let mut h = harness(s.app(project(), None));
    h.run();
    h.input_mut().dropped_files.push(Arc::new(Dropped(note)));
    h.run();
    wait_for_import(&mut h);
    let app = h.state();
    assert_eq!(app.project().documents.len(), 2);
    let doc = &app.project().documents[1];
    assert!(doc.text.contains("the report was biased"));
    assert_eq!(app.current_document(), Some(doc.id.as_str()));
    assert_eq!(
        app.history().undo_label().as_deref(),
        Some("import 1 article")
    );
}

/// Press at `a`, drag to `b`, release (the real reader turns it into a char selection).
fn mouse_drag(h: &mut Harness<'static, App>, a: egui::Pos2, b: egui::Pos2) {
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.event(egui::Event::PointerMoved(a));
    h.event(button(a, true));
    h.step();
    for i in 1..=4 {
        h.event(egui::Event::PointerMoved(a + (b - a) * (i as f32 / 4.0)));
        h.step();
    }
    h.event(button(b, false));
    h.run();
}

/// Two quick clicks at `p` (a double-click), then let the double-click delay pass.
fn mouse_double_click(h: &mut Harness<'static, App>, p: egui::Pos2) {
    for _ in 0..2 {
        h.event(egui::Event::PointerMoved(p));
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: p,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        h.step();
        h.step();
    }
    for _ in 0..30 {
        h.step();
    }
}

/// Where char `at` of the current document is on screen (last frame).
fn char_pos(h: &mut Harness<'static, App>, at: usize) -> egui::Rect {
    h.state_mut()
        .reader_mut()
        .char_rect(at)
        .expect("the char is laid out on screen")
}

#[test]
fn mouse_and_keys_alone_annotate_a_claim_in_the_real_reader() {
    let s = Setup::new();
    // Short frames, so two clicks fall within the double-click delay as a person's would.
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(0.02)
        .with_max_steps(200)
        .with_context_setup(claimtrace::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), s.app(project(), None));
    h.run();
    // Drag over the claim's text with the mouse and press C.
    let (start, end) = range(h.state(), CLAIM, 0);
    let a = char_pos(&mut h, start).left_center();
    let b = char_pos(&mut h, end - 1).right_center();
    mouse_drag(&mut h, a, b);
    assert_eq!(h.state_mut().reader_mut().selection(), Some((start, end)));
    h.key_press(Key::C);
    h.run();
    let id = h.state().selected_claim().expect("a claim").to_string();
    assert_eq!(
        h.state().project().claim(&id).unwrap().content[0].exact,
        CLAIM
    );

    // A second claim around "Amnesty International" makes its text a highlight...
    let (ai, ai_end) = range(h.state(), "Amnesty International", 0);
    h.state_mut()
        .reader_mut()
        .set_selection(Some((ai - 13, ai_end)));
    h.key_press(Key::C);
    h.run();
    let other = h.state().selected_claim().unwrap().to_string();
    assert_ne!(other, id);
    // ...go back to the first claim by clicking its highlight,
    let p = char_pos(&mut h, start + 4).center();
    h.event(egui::Event::PointerMoved(p));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    for _ in 0..30 {
        h.step();
    }
    assert_eq!(h.state().selected_claim(), Some(id.as_str()));
    // ...then double-click "Amnesty" inside the other claim's highlight and press S: the
    // mention goes to the claim being attributed, not to the claim under the pointer.
    let p = char_pos(&mut h, ai + 2).center();
    mouse_double_click(&mut h, p);
    assert_eq!(h.state_mut().reader_mut().selection(), Some((ai, ai + 7)));
    assert_eq!(h.state().selected_claim(), Some(id.as_str()));
    h.key_press(Key::S);
    h.run();
    let c = h.state().project().claim(&id).unwrap();
    let a = c.attribution.as_ref().expect("attributed");
    assert_eq!(a.mention[0].exact, "Amnesty");
    assert_eq!(a.sources, ["amnesty-international"]);
    assert!(
        h.state()
            .project()
            .claim(&other)
            .unwrap()
            .attribution
            .is_none()
    );
}

#[test]
fn unsaved_work_is_autosaved_on_focus_loss_and_offered_back_on_the_next_open() {
    let s = Setup::new();
    let path = s.dir.path().join("p.ron");
    claimtrace::store::save(&project(), &path).unwrap();
    let saved = std::fs::read(&path).unwrap();
    let mut h = harness(s.app(project(), Some(path.clone())));
    h.run();
    let id = make_claim(&mut h, CLAIM);
    let recovery = h.state().recovery_file();
    assert!(
        !recovery.exists(),
        "nothing is written before the delay or a focus change"
    );
    // The window loses focus: the work goes to the recovery file, never over the project.
    h.event(egui::Event::WindowFocused(false));
    h.run();
    assert!(recovery.exists());
    assert!(
        claimtrace::store::load(&recovery)
            .unwrap()
            .0
            .claim(&id)
            .is_some()
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        saved,
        "the project file is untouched"
    );
    drop(h); // the "crash": the work was never saved

    // Next start: the recovery file is newer than the project, so it is offered.
    let app = App::start(Some(path.clone()), s.dialogs.clone(), s.config());
    assert!(
        matches!(app.modal(), Some(Modal::Recovery { .. })),
        "{:?}",
        app.modal()
    );
    let mut h = harness(app);
    h.run();
    h.get_by_label("Restore").click();
    h.run();
    assert!(h.state().project().claim(&id).is_some());
    assert!(h.state().is_dirty(), "restored work is unsaved until saved");
    // A clean save removes the recovery file.
    ctrl(&mut h, Key::S);
    assert!(!recovery.exists());
    assert!(
        claimtrace::store::load(&path)
            .unwrap()
            .0
            .claim(&id)
            .is_some()
    );
    let app = App::start(Some(path.clone()), s.dialogs.clone(), s.config());
    assert!(app.modal().is_none());
}

#[test]
fn autosave_waits_for_the_delay_without_focus_change() {
    let s = Setup::new();
    let path = s.dir.path().join("p.ron");
    claimtrace::store::save(&project(), &path).unwrap();
    let mut h = harness(s.app(project(), Some(path.clone())));
    h.run();
    make_claim(&mut h, CLAIM);
    let recovery = h.state().recovery_file();
    // Step through simulated time (0.1 s a frame) to just past the autosave delay.
    let frames = (claimtrace::ui::app::AUTOSAVE_SECONDS / 0.1) as usize;
    for _ in 0..frames - 20 {
        h.step();
    }
    assert!(!recovery.exists());
    for _ in 0..40 {
        h.step();
    }
    assert!(recovery.exists());
}

#[test]
fn a_project_open_elsewhere_opens_read_only_and_its_lock_is_released_on_close() {
    let s = Setup::new();
    let path = s.dir.path().join("p.ron");
    claimtrace::store::save(&project(), &path).unwrap();
    let lock = claimtrace::store::lock::lock_path(&path);

    // Opened normally, the window holds the lock; opening something else releases it.
    let mut app = App::start(Some(path.clone()), s.dialogs.clone(), s.config());
    assert!(!app.is_read_only());
    assert!(lock.exists());
    let other = s.dir.path().join("other.ron");
    claimtrace::store::save(&project(), &other).unwrap();
    app.open_path(&other);
    assert!(!lock.exists());
    drop(app);

    // Another live process holds it (pid 1 always exists): read-only, told who, nothing saved.
    let holder = claimtrace::store::lock::Holder {
        user: "bo".into(),
        host: claimtrace::store::lock::this_host(),
        pid: 1,
        since: "2026-11-28T12:00:00Z".into(),
        // As an older Claimtrace wrote it (no OS lock): judged by its process, which lives.
        program: String::new(),
        os_lock: false,
        started: None,
    };
    std::fs::write(&lock, serde_json::to_string(&holder).unwrap()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut h = harness(App::start(
        Some(path.clone()),
        s.dialogs.clone(),
        s.config(),
    ));
    h.run();
    assert!(h.state().is_read_only());
    let banner = h.state().banner().expect("a banner says why").text.clone();
    assert!(banner.contains("bo on"), "{banner}");
    select(&mut h, CLAIM, 0);
    h.key_press(Key::C);
    h.run();
    assert!(
        h.state().project().claims.is_empty(),
        "no edit on a held project"
    );
    ctrl(&mut h, Key::S);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(h);
    // Our window never owned that lock, so closing leaves it for its holder.
    assert!(lock.exists());
}

#[test]
fn an_orphaned_claim_is_listed_and_reattached_to_a_new_selection_in_one_undoable_step() {
    let s = Setup::new();
    let mut p = project();
    let doc = p.documents[0].id.clone();
    let mut orphan = ops::new_claim(&p, &doc, "claim", &[(0, 7)]).unwrap();
    orphan.content[0].exact = "a sentence that the article no longer contains".into();
    orphan.anchor = claimtrace::model::Anchor::Orphaned;
    let id = orphan.id.clone();
    ops::add_claim(&p, orphan).apply(&mut p).unwrap();
    let mut h = harness(s.app(p, None));
    h.run();
    assert!(
        h.query_by_label("1 orphaned claim").is_some(),
        "the status bar says so"
    );
    h.get_by_label("1 orphaned claim").click();
    h.run();
    // Listed in the Orphans window as well as in the claims list.
    assert_eq!(
        h.query_all_by_label_contains("no longer contains").count(),
        2
    );
    let before = h.state().project().clone();
    select(&mut h, CLAIM, 0);
    h.get_by_label("Re-attach to selection").click();
    h.run();
    let c = h.state().project().claim(&id).unwrap();
    assert_eq!(c.content[0].exact, CLAIM);
    assert_eq!(c.anchor, claimtrace::model::Anchor::Exact);
    assert!(h.query_by_label("No orphaned claims.").is_some());
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().project(), &before);
}

#[test]
fn update_from_file_carries_claims_over_and_lists_the_orphans() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    let kept = make_claim(&mut h, CLAIM);
    let gone = "French privacy watchdog opens an investigation into TikTok";
    let lost = make_claim(&mut h, gone);
    let old = text(h.state());
    // The newer version: a paragraph added at the top, the "Related Article" teaser gone.
    let new_text = format!(
        "Updated 2026-11-28.\n\n{}",
        old.replacen(&format!("{gone}\n"), "", 1)
    );
    assert!(!new_text.contains(gone));
    let file = s.dir.path().join("newer.txt");
    std::fs::write(&file, &new_text).unwrap();
    *s.dialogs.import.lock().unwrap() = Some(vec![file]);
    let before = h.state().project().clone();
    h.state_mut()
        .command(claimtrace::ui::Command::UpdateDocument);
    h.run();
    let p = h.state().project();
    assert_eq!(p.documents[0].text, new_text);
    assert_eq!(p.claims.len(), 2, "nothing is dropped");
    let k = p.claim(&kept).unwrap();
    assert_eq!(k.anchor, claimtrace::model::Anchor::Reanchored);
    assert_eq!(k.content[0].exact, CLAIM);
    let (start, _) = range(h.state(), CLAIM, 0);
    assert_eq!(
        h.state().project().claim(&kept).unwrap().content[0].start,
        start
    );
    assert_eq!(
        h.state().project().claim(&lost).unwrap().anchor,
        claimtrace::model::Anchor::Orphaned
    );
    let banner = h.state().banner().unwrap().text.clone();
    assert!(
        banner.contains("1 moved") && banner.contains("1 orphaned"),
        "{banner}"
    );
    assert!(
        h.query_by_label("Re-attach to selection").is_some(),
        "the Orphans window is open"
    );
    // One undo step restores the old text and spans.
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().project(), &before);
}

#[test]
fn a_failed_save_keeps_the_work_and_offers_save_as() {
    let s = Setup::new();
    let bad = s.dir.path().join("no-such-folder").join("p.ron");
    *s.dialogs.save.lock().unwrap() = Some(bad);
    let mut h = harness(s.app(project(), None));
    h.run();
    let id = make_claim(&mut h, CLAIM);
    ctrl(&mut h, Key::S);
    assert!(matches!(h.state().modal(), Some(Modal::SaveFailed { .. })));
    assert!(h.state().is_dirty());
    assert!(h.state().project().claim(&id).is_some());
    let good = s.dir.path().join("p.ron");
    *s.dialogs.save.lock().unwrap() = Some(good.clone());
    h.get_by_label("Save As…").click();
    h.run();
    assert!(!h.state().is_dirty());
    assert!(
        claimtrace::store::load(&good)
            .unwrap()
            .0
            .claim(&id)
            .is_some()
    );
}

#[test]
fn a_label_key_the_app_already_uses_is_refused_and_says_which_action_has_it() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    h.state_mut().command(claimtrace::ui::Command::ShowLabels);
    h.run();
    let before = h.state().project().labels[1].shortcut;
    // Type "s" into the second label's (empty) Key field and leave it.
    h.get_all_by_label("Key").nth(1).unwrap().focus();
    h.run();
    h.get_all_by_label("Key").nth(1).unwrap().type_text("s");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.run();
    assert_eq!(
        h.state().project().labels[1].shortcut,
        before,
        "S stays Set source"
    );
    assert!(
        h.query_by_label_contains("S is taken: it is “Set source mention”")
            .is_some(),
        "the window says why"
    );
    assert!(!h.state().history().can_undo(), "nothing was changed");
}

#[test]
fn aliases_are_edited_as_a_list_and_a_comma_stays_inside_a_name() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    h.get_by_label("Sources").click();
    h.run();
    h.get_by_label_contains("Amnesty International (").click();
    h.run();
    // Add a name holding a comma.
    h.get_by_label("New alias").focus();
    h.run();
    h.get_by_label("New alias").type_text("Smith, John");
    h.run();
    h.get_by_label("Add alias").click();
    h.run();
    let aliases = |h: &Harness<'static, App>| h.state().project().sources[0].aliases.clone();
    assert_eq!(aliases(&h), vec!["Amnesty", "Smith, John"]);
    // Another edit elsewhere on the list keeps it whole: rename the first alias.
    h.get_by_label("Alias 1").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Alias 1").type_text("AI");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.run();
    assert_eq!(aliases(&h), vec!["AI", "Smith, John"]);
    // Remove one; each step undoes on its own.
    h.get_by_label("Remove alias AI").click();
    h.run();
    assert_eq!(aliases(&h), vec!["Smith, John"]);
    ctrl(&mut h, Key::Z);
    assert_eq!(aliases(&h), vec!["AI", "Smith, John"]);
    ctrl(&mut h, Key::Z);
    assert_eq!(aliases(&h), vec!["Amnesty", "Smith, John"]);
    ctrl(&mut h, Key::Z);
    assert_eq!(aliases(&h), vec!["Amnesty"]);
}

#[test]
fn s_on_a_mention_like_a_registry_source_preselects_it_and_keeps_the_mention_as_an_alias() {
    let s = Setup::new();
    let mut p = project();
    let gov = ops::new_source(&p, "Vietnam’s government", SourceKind::Government);
    let gov_id = gov.id.clone();
    ops::add_source(&p, gov).apply(&mut p).unwrap();
    let mut h = harness(s.app(p, None));
    h.run();
    let id = make_claim(&mut h, CLAIM2);
    select(&mut h, "Vietnam’s foreign ministry", 0);
    h.key_press(Key::S);
    h.run();
    match h.state().modal() {
        Some(Modal::NewSource {
            existing,
            add_alias,
            ..
        }) => {
            assert_eq!(
                existing.as_deref(),
                Some(gov_id.as_str()),
                "the closest is preselected"
            );
            assert!(*add_alias);
        }
        m => panic!("{m:?}"),
    }
    assert!(
        h.query_by_label("Use an existing source").is_some(),
        "the title follows the choice"
    );
    assert!(
        h.query_by_label_contains("Vietnam’s government (government")
            .is_some()
    );
    h.get_by_label("Confirm source").click();
    h.run();
    let app = h.state();
    assert_eq!(app.project().sources.len(), 2, "no new source");
    assert_eq!(
        app.project().claim(&id).unwrap().sources(),
        [gov_id.as_str()]
    );
    let g = app.project().source(&gov_id).unwrap();
    assert_eq!(g.aliases, vec!["Vietnam’s foreign ministry"]);
    // One undo takes back both the alias and the mention.
    ctrl(&mut h, Key::Z);
    let app = h.state();
    assert!(app.project().source(&gov_id).unwrap().aliases.is_empty());
    assert_eq!(app.project().claim(&id).unwrap().attribution, None);
}

#[test]
fn a_pronoun_mention_takes_the_source_named_before_it_and_is_flagged() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    // "Amnesty International" is named (and resolved) for a first claim.
    make_claim(&mut h, CLAIM);
    select(&mut h, "Amnesty International", 0);
    h.key_press(Key::S);
    h.run();
    let amnesty = h.state().project().sources[0].id.clone();
    // A later claim whose mention is "it": no registry entry "it", the claim takes Amnesty and
    // is tagged for checking.
    let sources_before = h.state().project().sources.len();
    let later = make_claim(&mut h, "began publishing");
    let (a, _) = range(h.state(), " it began", 0);
    h.state_mut()
        .reader_mut()
        .set_selection(Some((a + 1, a + 3)));
    h.run();
    h.key_press(Key::S);
    h.run();
    assert!(h.state().modal().is_none(), "no dialog for a pronoun");
    let app = h.state();
    assert_eq!(
        app.project().sources.len(),
        sources_before,
        "no source named “it”"
    );
    let c = app.project().claim(&later).unwrap();
    assert_eq!(c.sources(), [amnesty.as_str()]);
    assert_eq!(c.attribution.as_ref().unwrap().mention[0].exact, "it");
    assert!(
        c.tags
            .iter()
            .any(|t| t == claimtrace::model::mentions::CHECK_TAG)
    );
}

#[test]
fn the_shortcuts_window_lists_the_reader_keys() {
    let s = Setup::new();
    let mut h = harness(s.app(project(), None));
    h.run();
    h.key_press(Key::F1);
    h.run();
    for (what, _) in claimtrace::ui::command::READER_KEYS {
        assert!(h.query_by_label(what).is_some(), "{what} is listed");
    }
    assert!(
        h.query_by_label("Page Up / Page Down, Space / Shift+Space")
            .is_some()
    );
}
