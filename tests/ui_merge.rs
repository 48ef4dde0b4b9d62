//! A project holding conflicts from a merge, opened in the window (egui_kittest, headless):
//! the banner says how many and with whom, its button opens the Review panel on them, settling
//! one lowers the count, undo brings it back, and settling them all removes the banner.
//!
//! The project is made as a team makes it: the real `claimtrace merge-driver` on three versions
//! of the demo project, with the branch names git would pass.

use claimtrace::model::Project;
use claimtrace::ui::{App, Command, NoDialogs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod common;

fn demo() -> Project {
    claimtrace::demo::demo_project().expect("the demo loads")
}

fn save(p: &Project, path: &Path) {
    claimtrace::store::save(p, path).expect("saved");
}

/// Ours and theirs from the demo: c01's note and c02's label changed differently on both
/// sides, c03 edited on ours and deleted on theirs (3 conflicts); c04's note on ours and c06's
/// label on theirs (merged cleanly).
fn merged(dir: &Path) -> PathBuf {
    let base = demo();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    fn claim<'a>(p: &'a mut Project, id: &str) -> &'a mut claimtrace::model::Claim {
        p.claims
            .iter_mut()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("the demo has claim {id}"))
    }
    claim(&mut ours, "c01").note = "Checked against the report".into();
    claim(&mut theirs, "c01").note = "The report says otherwise".into();
    claim(&mut ours, "c02").label = "opinion".into();
    claim(&mut theirs, "c02").label = "statement".into();
    claim(&mut ours, "c03").note = "Keep: quoted twice".into();
    theirs.claims.retain(|c| c.id != "c03");
    claim(&mut ours, "c04").note = "only ours".into();
    claim(&mut theirs, "c06").label = "statement".into();
    save(&base, &dir.join("base.ron"));
    save(&ours, &dir.join("project.ron"));
    save(&theirs, &dir.join("theirs.ron"));
    let r = common::run(
        dir,
        &[
            "merge-driver",
            "base.ron",
            "project.ron",
            "theirs.ron",
            "project.ron",
            "--ours-name=main",
            "--theirs-name=origin/main",
        ],
    );
    assert_eq!(r.code, 1, "the merge leaves conflicts: {}", r.stderr);
    assert!(r.stderr.contains("3 conflicts"), "{}", r.stderr);
    dir.join("project.ron")
}

fn harness(app: App) -> Harness<'static, App> {
    harness_sized(app, 1400.0)
}

fn harness_sized(app: App, width: f32) -> Harness<'static, App> {
    Harness::builder()
        .with_size([width, 900.0])
        .with_step_dt(0.1)
        .with_max_steps(64)
        .with_context_setup(claimtrace::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

fn open(dir: &Path) -> Harness<'static, App> {
    let path = merged(dir);
    let app = App::start(Some(path), Arc::new(NoDialogs), dir.join("config"));
    let mut h = harness(app);
    h.run();
    h
}

fn banner(n: usize) -> String {
    let what = if n == 1 { "conflict" } else { "conflicts" };
    format!("{n} {what} from a merge with origin/main: settle them in Review")
}

fn count(h: &Harness<'static, App>, label: &str) -> usize {
    h.query_all_by_label(label).count()
}

#[test]
fn the_banner_opens_review_on_the_conflicts_and_settling_lowers_the_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = open(dir.path());
    assert!(h.state().conflicts().count() == 3);
    assert!(
        h.query_by_label(&banner(3)).is_some(),
        "the banner says how many and with whom"
    );
    // Not yet in Review: no settling buttons.
    assert_eq!(count(&h, "Keep this version"), 0);

    h.get_by_label("Settle in Review").click();
    h.run();
    assert!(h.state().conflicts().open, "the Review panel shows them");
    assert!(
        h.state().panes().review.is_some(),
        "the Review panel is drawn"
    );
    // Two conflicts with two versions each, one edited-versus-deleted claim.
    assert_eq!(count(&h, "Keep this version"), 4);
    assert_eq!(count(&h, "Keep both"), 2);
    assert_eq!(count(&h, "Keep it"), 1);
    assert_eq!(count(&h, "Delete it"), 1);
    // Each version says which side it came from (c03 only from main).
    assert_eq!(count(&h, "from main"), 3);
    assert_eq!(count(&h, "from origin/main"), 2);
    assert!(
        h.query_by_label("Note: Checked against the report")
            .is_some()
    );
    assert!(
        h.query_by_label("Note: The report says otherwise")
            .is_some()
    );
    // The reader went to the first conflict.
    let first = h.state().selected_claim().map(str::to_string);
    assert!(
        first
            .as_deref()
            .and_then(|id| h.state().project().claim(id))
            .is_some_and(|c| c.unresolved.as_deref() == Some("c01")),
        "the first conflict is selected: {first:?}"
    );

    // Keep one version of c01: the count drops, c01 holds that version under its own id.
    let keep = h
        .query_all_by_label("Keep this version")
        .next()
        .expect("a button");
    keep.click();
    h.run();
    assert_eq!(h.state().conflicts().count(), 2);
    assert!(h.query_by_label(&banner(2)).is_some());
    assert!(h.query_by_label(&banner(3)).is_none());
    let p = h.state().project();
    let c01 = p.claim("c01").expect("c01 kept under its id");
    assert!(c01.unresolved.is_none());
    assert!(
        ["Checked against the report", "The report says otherwise"].contains(&c01.note.as_str())
    );
    assert_eq!(
        p.claims.iter().filter(|c| c.id.starts_with("c01")).count(),
        1,
        "the other version is gone"
    );
    assert!(h.state().is_dirty());

    // Undo brings the conflict back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().conflicts().count(), 3);
    assert!(h.query_by_label(&banner(3)).is_some());
    assert_eq!(count(&h, "Keep this version"), 4);
}

#[test]
fn settling_every_conflict_removes_the_banner_and_saves_a_clean_project() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = open(dir.path());
    h.state_mut().command(Command::ShowConflicts);
    h.run();
    // The rows name both values of each difference, so the panel is longer: scroll to it.
    h.get_by_label("Delete it").scroll_to_me();
    h.run();
    h.get_by_label("Delete it").click();
    h.run();
    assert!(h.query_by_label(&banner(2)).is_some());
    h.query_all_by_label("Keep both")
        .next()
        .expect("a button")
        .click();
    h.run();
    h.query_all_by_label("Keep this version")
        .next()
        .expect("a button")
        .click();
    h.run();
    assert_eq!(h.state().conflicts().count(), 0);
    assert!(
        h.query_by_label_contains("settle them in Review").is_none(),
        "no banner once every conflict is settled"
    );
    assert!(
        h.query_by_label_contains("No conflicts left").is_some(),
        "the panel says what to do next"
    );
    h.state_mut().command(Command::Save);
    h.run();
    assert!(!h.state().is_dirty());
    let (saved, _) =
        claimtrace::store::load(&dir.path().join("project.ron")).expect("the saved project loads");
    assert!(saved.claims.iter().all(|c| c.unresolved.is_none()));
    assert!(
        saved
            .claims
            .iter()
            .all(|c| c.reviews.iter().all(|r| r.reviewer != "merge")),
        "no merge notes are left"
    );
    assert!(saved.claim("c03").is_none(), "the deletion was taken");
    assert_eq!(
        saved
            .claims
            .iter()
            .filter(|c| c.id.starts_with("c01"))
            .count(),
        2,
        "both versions of c01 kept"
    );
    assert_eq!(
        saved
            .claims
            .iter()
            .filter(|c| c.id.starts_with("c02"))
            .count(),
        1
    );
    // What merged cleanly is there.
    assert_eq!(
        saved.claim("c04").map(|c| c.note.as_str()),
        Some("only ours")
    );
    assert_eq!(
        saved.claim("c06").map(|c| c.label.as_str()),
        Some("statement")
    );
}

#[test]
fn in_a_narrow_window_the_banner_shows_review_over_the_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = merged(dir.path());
    let app = App::start(Some(path), Arc::new(NoDialogs), dir.path().join("config"));
    // Lists, inspector and Review beside a reader of 400 px do not fit in 1,200 px.
    let mut h = harness_sized(app, 1200.0);
    h.run();
    h.get_by_label("Settle in Review").click();
    h.run();
    assert_eq!(
        h.state().panes().overlay,
        Some(claimtrace::ui::command::Pane::Review),
        "the Review panel is shown over the reader"
    );
    assert_eq!(count(&h, "Keep this version"), 4);
}
