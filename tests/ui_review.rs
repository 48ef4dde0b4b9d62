//! Review → Compare with… driven headless through egui_kittest: the demo project compared with
//! a colleague's modified copy (built here), the disagreements list and its actions, review
//! notes in the inspector and the claims list's review filter.

use claimtrace::edit::ops;
use claimtrace::model::{Annotator, Project, Resolution as Choice, Verdict};
use claimtrace::ui::reader::Role;
use claimtrace::ui::{App, Command, FileDialogs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct FakeDialogs {
    open: Mutex<Option<PathBuf>>,
    save: Mutex<Option<PathBuf>>,
}

impl FileDialogs for FakeDialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        self.open.lock().unwrap().clone()
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

fn demo() -> Project {
    claimtrace::demo::demo_project().unwrap()
}

/// What Bo changed in the copy.
#[derive(Default, Clone, Copy)]
struct Changes {
    delete_first: bool,
    relabel_second: bool,
    add: bool,
}

/// Bo's copy of the demo with the given changes. The relabelled claim is the demo's second
/// claim (a "Claim" that becomes an "Opinion"); the added claim covers the first 60 chars of a
/// paragraph no claim touches.
fn copy_by_bo(mine: &Project, ch: Changes) -> Project {
    let mut p = mine.clone();
    p.annotator = Annotator::named("Bo");
    p.name = "Demo, by Bo".into();
    if ch.relabel_second {
        assert_eq!(p.claims[1].label, "claim");
        p.claims[1].label = "opinion".into();
    }
    if ch.delete_first {
        let gone = p.claims.remove(0).id;
        for c in &mut p.claims {
            if let Some(a) = c.attribution.as_mut()
                && a.within.as_deref() == Some(gone.as_str())
            {
                a.within = None;
            }
        }
    }
    if ch.add {
        let doc = p.documents[0].id.clone();
        let covered: Vec<(usize, usize)> = p.claims.iter().map(|c| (c.start(), c.end())).collect();
        let para = claimtrace::text::paragraphs(&p.documents[0].text)
            .into_iter()
            .find(|r| r.len() > 60 && covered.iter().all(|&(s, e)| e <= r.start || s >= r.end))
            .unwrap();
        let c = ops::new_claim(&p, &doc, "claim", &[(para.start, para.start + 60)]).unwrap();
        p.claims.push(c);
    }
    p
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

    fn theirs_path(&self) -> PathBuf {
        self.dir.path().join("theirs.ron")
    }

    /// My demo project in a harness, comparing with Bo's copy (saved to a file first).
    fn comparing(&self, ch: Changes) -> Harness<'static, App> {
        let mine = demo();
        claimtrace::store::save(&copy_by_bo(&mine, ch), &self.theirs_path()).unwrap();
        *self.dialogs.open.lock().unwrap() = Some(self.theirs_path());
        let app = App::new(
            mine,
            None,
            self.dialogs.clone(),
            self.dir.path().join("config"),
        );
        let mut h = harness(app);
        h.run();
        h.state_mut().command(Command::Compare);
        h.run();
        assert!(h.state().review().is_some(), "the comparison started");
        h
    }
}

fn ctrl(h: &mut Harness<'static, App>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run();
}

fn count(h: &Harness<'static, App>, label: &str) -> usize {
    h.query_all_by_label(label).count()
}

#[test]
fn the_list_shows_one_row_per_disagreement_and_their_file_is_left_alone() {
    let s = Setup::new();
    let all = Changes {
        delete_first: true,
        relabel_second: true,
        add: true,
    };
    let mut h = s.comparing(all);
    let before = std::fs::read(s.theirs_path()).unwrap();
    assert!(h.query_by_label("Only mine").is_some());
    assert!(h.query_by_label("Only theirs").is_some());
    assert!(h.query_by_label("Partly agree — label").is_some());
    assert_eq!(count(&h, "Take theirs"), 3, "three disagreements");
    assert_eq!(count(&h, "Keep mine"), 3);
    // The overlay: their lone claim and their version of the relabelled one are drawn.
    let theirs_marks = h
        .state()
        .marks()
        .iter()
        .filter(|m| m.role == Role::Theirs)
        .count();
    assert_eq!(theirs_marks, 2);
    // Export: a CSV with a header and one line per disagreement.
    let csv = s.dir.path().join("disagreements.csv");
    *s.dialogs.save.lock().unwrap() = Some(csv.clone());
    h.state_mut().command(Command::ExportDisagreements);
    h.run();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(text.starts_with("annotator_a,annotator_b,document_id,"));
    // Their project is read-only: not written, not locked.
    assert_eq!(std::fs::read(s.theirs_path()).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("theirs"))
        .collect();
    assert_eq!(names, vec!["theirs.ron".to_string()]);
    // Stop comparing: the reader shows my claims only again.
    h.state_mut().command(Command::StopCompare);
    h.run();
    assert!(h.state().review().is_none());
    assert!(h.state().marks().iter().all(|m| m.role != Role::Theirs));
    assert_eq!(count(&h, "Take theirs"), 0);
}

#[test]
fn take_theirs_relabels_my_claim_and_undo_restores_it() {
    let s = Setup::new();
    let mut h = s.comparing(Changes {
        relabel_second: true,
        ..Default::default()
    });
    let id = h.state().project().claims[1].id.clone();
    assert_eq!(count(&h, "Take theirs"), 1);
    h.get_by_label("Take theirs").click();
    h.run();
    let p = h.state().project();
    assert_eq!(p.claim(&id).unwrap().label, "opinion");
    assert_eq!(p.decisions.len(), 1);
    assert_eq!(p.decisions[0].choice, Choice::TookTheirs);
    assert_eq!(p.decisions[0].other, "bo");
    h.run();
    assert_eq!(count(&h, "Take theirs"), 0, "the row now agrees");
    ctrl(&mut h, Key::Z);
    h.run();
    let p = h.state().project();
    assert_eq!(
        p.claim(&id).unwrap().label,
        "claim",
        "one undo step restores it"
    );
    assert!(p.decisions.is_empty());
    assert_eq!(p, &demo());
    assert_eq!(count(&h, "Take theirs"), 1);
}

#[test]
fn take_theirs_copies_a_claim_only_they_made_into_my_project() {
    let s = Setup::new();
    let mut h = s.comparing(Changes {
        add: true,
        ..Default::default()
    });
    let n = h.state().project().claims.len();
    let their_id = h
        .state()
        .review()
        .unwrap()
        .theirs
        .claims
        .last()
        .unwrap()
        .id
        .clone();
    h.get_by_label("Take theirs").click();
    h.run();
    let p = h.state().project();
    assert_eq!(p.claims.len(), n + 1);
    let copy = p.claim(&their_id).expect("the copy keeps their id");
    assert_eq!(copy.author, "bo", "the copy keeps its author");
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().project().claims.len(), n);
}

#[test]
fn keep_mine_leaves_my_claims_and_marks_the_row_settled() {
    let s = Setup::new();
    let mut h = s.comparing(Changes {
        delete_first: true,
        ..Default::default()
    });
    let claims = h.state().project().claims.clone();
    assert!(h.query_by_label("Only mine").is_some());
    h.get_by_label("Keep mine").click();
    h.run();
    let p = h.state().project();
    assert_eq!(p.claims, claims, "no claim changed");
    assert_eq!(p.decisions.len(), 1);
    assert_eq!(p.decisions[0].choice, Choice::KeptMine);
    assert_eq!(p.decisions[0].mine.as_deref(), Some(claims[0].id.as_str()));
    assert!(
        h.state().is_dirty(),
        "the decision is saved with the project"
    );
    h.run();
    assert!(h.query_by_label("settled: kept mine").is_some());
    h.get_by_label("Hide settled").click();
    h.run();
    assert!(h.query_by_label("Only mine").is_none());
    assert!(
        h.query_by_label("No disagreement left to settle in this document.")
            .is_some()
    );
}

#[test]
fn accept_all_agreed_records_the_other_annotator_in_one_undo_step() {
    let s = Setup::new();
    let mut h = s.comparing(Changes::default());
    assert_eq!(count(&h, "Take theirs"), 0);
    let n = h.state().project().claims.len();
    h.get_by_label(&format!("Agreed, not yet accepted ({n})"))
        .click();
    h.run();
    h.get_by_label("Accept all agreed").click();
    h.run();
    assert!(
        h.state()
            .project()
            .claims
            .iter()
            .all(|c| c.agreed_by == vec!["bo".to_string()])
    );
    h.run();
    assert!(h.query_by_label("Accept all agreed").is_none());
    ctrl(&mut h, Key::Z);
    assert!(
        h.state()
            .project()
            .claims
            .iter()
            .all(|c| c.agreed_by.is_empty())
    );
}

#[test]
fn the_comparison_is_recomputed_only_when_my_project_changes() {
    let s = Setup::new();
    let mut h = s.comparing(Changes {
        delete_first: true,
        ..Default::default()
    });
    let computed = h.state().review().unwrap().computed;
    for _ in 0..5 {
        h.run();
    }
    assert_eq!(h.state().review().unwrap().computed, computed);
    h.get_by_label("Mark as discussed").click();
    h.run();
    assert_eq!(h.state().review().unwrap().computed, computed + 1);
    assert_eq!(h.state().project().decisions[0].choice, Choice::Discussed);
}

#[test]
fn clicking_a_row_selects_my_claim() {
    let s = Setup::new();
    let mut h = s.comparing(Changes {
        relabel_second: true,
        ..Default::default()
    });
    let id = h.state().project().claims[1].id.clone();
    assert_eq!(h.state().selected_claim(), None);
    h.get_by_label("Partly agree — label").click();
    h.run();
    assert_eq!(h.state().selected_claim(), Some(id.as_str()));
}

fn review_of<'a>(p: &'a Project, id: &str) -> Option<&'a claimtrace::model::Review> {
    p.claim(id).unwrap().review_by("demo")
}

#[test]
fn a_review_note_from_the_inspector_shows_there_and_filters_the_claims_list() {
    let s = Setup::new();
    let app = App::new(demo(), None, s.dialogs.clone(), s.dir.path().join("config"));
    let mut h = harness(app);
    h.run();
    let n = h.state().project().claims.len();
    let id = h.state().project().claims[2].id.clone();
    h.state_mut().command(Command::SelectClaim(id.clone()));
    h.run();
    h.get_by_label("Needs change").click();
    h.run();
    let r = review_of(h.state().project(), &id).expect("a review note");
    assert_eq!(r.verdict, Verdict::NeedsChange);
    assert!(h.query_by_label("demo (you): needs-change").is_some());

    h.get_by_label("Review comment").focus();
    h.run();
    h.get_by_label("Review comment")
        .type_text("the cue is wrong");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.run();
    let r = review_of(h.state().project(), &id).unwrap();
    assert_eq!(r.comment, "the cue is wrong");
    assert_eq!(
        r.verdict,
        Verdict::NeedsChange,
        "the comment keeps the verdict"
    );
    assert!(h.query_by_label("“the cue is wrong”").is_some());

    // The list, filtered by review state.
    h.get_by_label("Review filter").click();
    h.run();
    h.get_by_label("needs change").click();
    h.run();
    assert!(h.query_by_label(&format!("1 of {n} claims")).is_some());
    h.get_by_label("Review filter").click();
    h.run();
    h.get_by_label("unreviewed").click();
    h.run();
    assert!(
        h.query_by_label(&format!("{} of {n} claims", n - 1))
            .is_some()
    );

    // Approve replaces my verdict; undo brings "needs change" back.
    h.get_by_label("Approve").click();
    h.run();
    assert_eq!(
        review_of(h.state().project(), &id).unwrap().verdict,
        Verdict::Approved
    );
    ctrl(&mut h, Key::Z);
    assert_eq!(
        review_of(h.state().project(), &id).unwrap().verdict,
        Verdict::NeedsChange
    );
    h.get_by_label("Remove review note").click();
    h.run();
    assert!(review_of(h.state().project(), &id).is_none());
}

#[test]
fn comparing_with_a_file_that_is_not_a_project_says_so() {
    let s = Setup::new();
    let bad = s.dir.path().join("notes.ron");
    std::fs::write(&bad, "this is not a project").unwrap();
    *s.dialogs.open.lock().unwrap() = Some(bad.clone());
    let app = App::new(demo(), None, s.dialogs.clone(), s.dir.path().join("config"));
    let mut h = harness(app);
    h.run();
    h.state_mut().command(Command::Compare);
    h.run();
    assert!(h.state().review().is_none());
    match h.state().modal() {
        Some(claimtrace::ui::app::Modal::Message { text, .. }) => {
            assert!(text.contains("notes.ron"), "{text}")
        }
        other => panic!("expected a message, got {other:?}"),
    }
}
