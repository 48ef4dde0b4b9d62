//! View → Corpus (issue 15): the window opens by its shortcut, a click on a source lists the
//! claims behind it, a click on one of those opens it in the reader, and an edit updates the
//! figures. Driven headless through egui_kittest on the demo project.

use claimtrace::corpus::{Corpus, Options};
use claimtrace::model::Project;
use claimtrace::ui::{App, Command, FileDialogs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        None
    }
    fn pick_save(&self, _suggested: &str) -> Option<PathBuf> {
        None
    }
    fn pick_import(&self) -> Option<Vec<PathBuf>> {
        None
    }
    fn blocks(&self) -> bool {
        false
    }
}

fn harness(p: Project, config: PathBuf) -> Harness<'static, App> {
    let app = App::new(p, None, std::sync::Arc::new(NoDialogs), config);
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(0.1)
        .with_max_steps(64)
        .with_context_setup(claimtrace::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

fn summary(c: &Corpus) -> String {
    format!(
        "{} claims in {} documents; {} claim-source pairs (a joint claim counts for each source).",
        c.claims.count(),
        c.documents,
        c.pairs
    )
}

#[test]
fn open_click_a_source_open_a_claim_and_follow_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let p = claimtrace::demo::demo_project().unwrap();
    let figures = Corpus::compute(&p, &Options::default());
    let mut h = harness(p, dir.path().join("config"));
    assert!(h.query_by_label(&summary(&figures)).is_none());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::K);
    h.run();
    assert!(h.state().corpus_view.open, "the shortcut opens the window");
    h.get_by_label(&summary(&figures));

    // The top source: clicking its row lists exactly its claims.
    let top = &figures.sources[0];
    let want: Vec<String> = top
        .figure
        .ids(h.state().project())
        .into_iter()
        .map(String::from)
        .collect();
    let n = h.query_all_by_label(&top.key.name).count();
    assert!(n > 0, "{} is not shown", top.key.name);
    for i in 0..n {
        if h.state().corpus_view.opened.is_some() {
            break;
        }
        h.query_all_by_label(&top.key.name).nth(i).unwrap().click();
        h.run();
    }
    let opened = h.state().corpus_view.opened.clone();
    assert_eq!(opened.as_ref().map(|o| &o.1), Some(&want));
    let heading = format!("Claims of {} ({})", top.key.name, want.len());
    h.get_by_label(&heading);

    // A click on a listed claim opens it in the reader.
    let first = want[0].clone();
    let c = h.state().project().claim(&first).unwrap().clone();
    let doc = h
        .state()
        .project()
        .document(&c.document)
        .unwrap()
        .title
        .clone();
    let quote: String = c.quote().chars().take(80).collect();
    h.get_by_label(&format!("“{quote}” — {doc}")).click();
    h.run();
    assert_eq!(h.state().selected_claim(), Some(first.as_str()));
    assert_eq!(h.state().current_document(), Some(c.document.as_str()));

    // Deleting that claim updates the figures.
    h.state_mut().command(Command::DeleteClaim);
    h.run();
    assert!(h.state().project().claim(&first).is_none());
    let after = Corpus::compute(h.state().project(), &Options::default());
    assert_eq!(after.claims.count() + 1, figures.claims.count());
    h.get_by_label(&summary(&after));
    assert!(
        h.query_by_label(&summary(&figures)).is_none(),
        "the old figures are gone"
    );
}

#[test]
fn a_label_filter_changes_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let p = claimtrace::demo::demo_project().unwrap();
    let all = Corpus::compute(&p, &Options::default());
    // A label other than the demo's most used one (it may have no claims at all).
    let top = all.labels[0].key.id.clone();
    let label = p
        .labels
        .iter()
        .find(|l| Some(&l.id) != top.as_ref())
        .unwrap()
        .id
        .clone();
    let mut opts = Options::default();
    opts.filter.labels.push(label.clone());
    let only = Corpus::compute(&p, &opts);
    assert!(only.claims.count() < all.claims.count());
    let mut h = harness(p, dir.path().join("config"));
    h.state_mut().command(Command::ShowCorpus);
    h.run();
    h.get_by_label(&summary(&all));
    h.state_mut().corpus_view.options.filter.labels = vec![label];
    h.run();
    h.get_by_label(&summary(&only));
    assert!(h.query_by_label(&summary(&all)).is_none());
}

#[test]
fn a_heatmap_cell_opens_its_claims() {
    let dir = tempfile::tempdir().unwrap();
    let p = claimtrace::demo::demo_project().unwrap();
    let all = Corpus::compute(&p, &Options::default());
    let t = &all.source_outlet;
    let text = format!("{} ({:.0}%)", t.cell(0, 0), t.row_percent(0, 0));
    // Every cell shown with the same text: the click opens one of them.
    let mut candidates: Vec<Vec<String>> = Vec::new();
    for (&(r, c), f) in &t.cells {
        if format!("{} ({:.0}%)", t.cell(r, c), t.row_percent(r, c)) == text {
            candidates.push(f.ids(&p).into_iter().map(String::from).collect());
        }
    }
    let mut h = harness(p, dir.path().join("config"));
    h.state_mut().command(Command::ShowCorpus);
    h.run();
    h.get_by_label("Source × outlet").click();
    h.run();
    h.query_all_by_label(&text).next().unwrap().click();
    h.run();
    let opened = h.state().corpus_view.opened.clone().map(|o| o.1);
    assert!(
        opened.as_ref().is_some_and(|o| candidates.contains(o)),
        "{opened:?} not among {candidates:?}"
    );
}
