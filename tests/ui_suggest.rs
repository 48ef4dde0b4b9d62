//! Annotate → Suggest attributions (issue 12): the run on a worker thread, the ghost list, and
//! the review from the keyboard — next, accept, edit then accept, reject (not proposed again),
//! accept all above a confidence as one undo step. Driven headless through egui_kittest on a real
//! article of the development set.

#![allow(clippy::single_range_in_vec_init)]

use claimtrace::edit::{History, ops};
use claimtrace::model::{Annotator, ClaimOrigin, Project};
use claimtrace::suggest;
use claimtrace::ui::{App, NoDialogs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

/// A project of bare articles from the development set.
fn project(files: &[&str]) -> Project {
    let mut p = Project::new("Suggest", Annotator::named("Tester"));
    let mut h = History::new();
    for f in files {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/suggest")
            .join(f);
        let (doc, _) = claimtrace::article::read_file(&path).unwrap();
        let edit = ops::add_document(&p, doc);
        h.apply(&mut p, edit).unwrap();
    }
    p
}

fn harness(p: Project, config: PathBuf) -> Harness<'static, App> {
    let app = App::new(p, None, std::sync::Arc::new(NoDialogs), config);
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(0.05)
        .with_max_steps(64)
        .with_context_setup(claimtrace::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

/// Run the suggester from its shortcut and wait for the worker thread.
fn suggest_here(h: &mut Harness<'static, App>, shift: bool) {
    let m = if shift {
        Modifiers::COMMAND | Modifiers::SHIFT
    } else {
        Modifiers::COMMAND
    };
    h.key_press_modifiers(m, Key::G);
    h.step();
    for _ in 0..400 {
        if !h.state().suggestions().is_running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert!(!h.state().suggestions().is_running(), "the run never ended");
    h.run();
}

fn current(h: &Harness<'static, App>) -> suggest::Suggestion {
    let (_, s) = h
        .state()
        .suggestions()
        .current_suggestion()
        .expect("a current suggestion");
    s.clone()
}

fn key(h: &mut Harness<'static, App>, k: Key) {
    h.key_press(k);
    h.run();
}

#[test]
fn review_from_the_keyboard_next_accept_undo_reject_edit() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(&["crn-tim-cook.txt"]);
    let expected = suggest::suggest(&p, &[], &suggest::Options::default());
    assert!(expected.len() >= 5, "the article has attributions to find");
    let mut h = harness(p, dir.path().join("config"));
    // Before a run the review keys are free and nothing is listed.
    assert_eq!(h.state().suggestions().shown(), 0);
    suggest_here(&mut h, false);
    let shown = h.state().suggestions().shown();
    assert_eq!(
        shown,
        expected.len(),
        "the list shows what the core suggests"
    );
    h.get_by_label_contains(&format!("Suggestions ({shown})"));
    // The first one (by position) is current after the run.
    let first = current(&h);
    assert_eq!(first.content, expected[0].content);

    // N moves on; Shift+N comes back.
    key(&mut h, Key::N);
    let second = current(&h);
    assert_eq!(second.content, expected[1].content);
    h.key_press_modifiers(Modifiers::SHIFT, Key::N);
    h.run();
    assert_eq!(current(&h).content, first.content);
    key(&mut h, Key::N);

    // A accepts: one claim, origin suggested, the next one becomes current.
    key(&mut h, Key::A);
    let claims = &h.state().project().claims;
    assert_eq!(claims.len(), 1);
    let c = &claims[0];
    let starts: Vec<usize> = c.content.iter().map(|s| s.start).collect();
    assert_eq!(starts[0], second.content[0].start);
    assert!(
        matches!(&c.origin, ClaimOrigin::Suggested { confidence, rule }
            if (*confidence - second.confidence).abs() < 0.01 && *rule == second.rule),
        "{:?}",
        c.origin
    );
    assert_eq!(h.state().suggestions().shown(), shown - 1);
    assert_eq!(current(&h).content, expected[2].content);

    // Undo brings the suggestion back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().project().claims.is_empty());
    assert_eq!(h.state().suggestions().shown(), shown);

    // X rejects the current one: remembered in the project, and a new run does not propose it.
    let rejected = current(&h);
    key(&mut h, Key::X);
    assert_eq!(h.state().project().rejected.len(), 1);
    assert_eq!(h.state().suggestions().shown(), shown - 1);
    suggest_here(&mut h, false);
    assert_eq!(h.state().suggestions().shown(), shown - 1);
    assert!(
        !h.state()
            .suggestions()
            .list()
            .iter()
            .any(|s| s.content == rejected.content),
        "a rejected suggestion is not proposed again"
    );

    // E, then S on other words: the suggestion's mention changes before it is accepted.
    let target = current(&h);
    key(&mut h, Key::E);
    assert!(h.state().suggestions().editing);
    let text = h.state().project().documents[0].text.clone();
    let at = text.find("Salesforce").expect("the word");
    let start = text[..at].chars().count();
    let end = start + "Salesforce".chars().count();
    h.state_mut().reader_mut().set_selection(Some((start, end)));
    key(&mut h, Key::S);
    assert_eq!(current(&h).mention, vec![start..end]);
    key(&mut h, Key::Enter);
    let p = h.state().project();
    assert_eq!(p.claims.len(), 1);
    let a = p.claims[0].attribution.as_ref().expect("attributed");
    assert_eq!(
        a.mention
            .iter()
            .map(|s| (s.start, s.end))
            .collect::<Vec<_>>(),
        vec![(start, end)],
        "the edited mention is the claim's"
    );
    assert_eq!(p.claims[0].content[0].start, target.content[0].start);
    let source = p.source(&a.sources[0]).expect("a source");
    assert_eq!(source.name, "Salesforce");
    assert!(!h.state().suggestions().editing);
}

#[test]
fn accept_all_above_is_one_undo_step_and_all_documents_are_suggested() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(&["crn-tim-cook.txt", "cnn-markets.txt"]);
    let mut h = harness(p, dir.path().join("config"));
    suggest_here(&mut h, true);
    let doc0 = h.state().project().documents[0].id.clone();
    let doc1 = h.state().project().documents[1].id.clone();
    let v = h.state().suggestions();
    assert!(!v.shown_in(&doc0).is_empty() && !v.shown_in(&doc1).is_empty());
    let n = v.count_above(&doc0, v.accept_above);
    assert!(n >= 2, "{n}");
    let others = v.shown_in(&doc1).len();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run();
    let p = h.state().project();
    assert_eq!(p.claims.len(), n, "every suggestion at 80% or more");
    assert!(p.claims.iter().all(|c| c.document == doc0));
    assert_eq!(
        h.state().suggestions().shown_in(&doc1).len(),
        others,
        "the other document keeps its suggestions"
    );
    let said = format!("Accepted {n} suggestions at 80% or more");
    assert!(h.query_all_by_label_contains(&said).count() > 0, "{said}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().project().claims.is_empty(), "one undo step");
}

#[test]
fn the_review_keys_are_free_when_nothing_is_suggested() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&["crn-tim-cook.txt"]);
    // A label on the key A makes claims as usual while no suggestions are shown.
    p.labels[0].shortcut = None;
    let mut label = p.labels[0].clone();
    label.id = "assertion".into();
    label.name = "Assertion".into();
    label.shortcut = Some('a');
    p.labels.push(label);
    let mut h = harness(p, dir.path().join("config"));
    h.state_mut().reader_mut().set_selection(Some((0, 5)));
    key(&mut h, Key::A);
    let p = h.state().project();
    assert_eq!(p.claims.len(), 1);
    assert_eq!(p.claims[0].label, "assertion");
}
