//! View → Corpus (issue 15): the window opens by its shortcut, a click on a source lists the
//! claims behind it, a click on one of those opens it in the reader, and an edit updates the
//! figures. Driven headless through egui_kittest on the demo project.

use claimtrace::corpus::{Corpus, Options};
use claimtrace::model::Project;
use claimtrace::ui::corpus::{Chart, Tab};
use claimtrace::ui::{App, Command, NoDialogs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

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
    let n = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} in {}; {} (a joint claim counts for each source).",
        n(c.claims.count(), "claim"),
        n(c.documents, "document"),
        n(c.pairs, "claim-source pair")
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
    // The reader comes forward: the corpus window steps aside, the list stays, and its button
    // brings the corpus back as it was.
    assert!(!h.state().corpus_view.open);
    h.get_by_label(&heading);
    h.get_by_label("Show the corpus").click();
    h.run();
    assert!(h.state().corpus_view.open);

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
        .find(|l| Some(l.id.as_str()) != top.as_deref())
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

/// The demo project as two dated documents in two outlets: the demo article (2024-01-10,
/// VnExpress; every other claim "supported") and a copy of it with its claims (2024-05-02,
/// Reuters).
fn two_dated() -> Project {
    use claimtrace::model::Status;
    let mut p = claimtrace::demo::demo_project().unwrap();
    let d0 = p.documents[0].id.clone();
    p.documents[0].origin.published = Some("2024-01-10".into());
    p.documents[0].origin.outlet = Some("VnExpress".into());
    let mut copy = p.documents[0].clone();
    copy.id = "copy".into();
    copy.title = "The copy".into();
    copy.origin.published = Some("2024-05-02".into());
    copy.origin.outlet = Some("Reuters".into());
    p.documents.push(copy);
    let mut copies = Vec::new();
    for (i, c) in p.claims.iter_mut().enumerate() {
        if c.document != d0 {
            continue;
        }
        let mut k = c.clone();
        k.id = format!("{}-copy", c.id);
        k.document = "copy".into();
        if let Some(a) = k.attribution.as_mut()
            && let Some(w) = a.within.as_mut()
        {
            *w = format!("{w}-copy");
        }
        copies.push(k);
        if i % 2 == 0 {
            c.status = Status::Supported;
        }
    }
    p.claims.extend(copies);
    p
}

/// Click at a point of the screen (a press and a release there).
fn click_at(h: &mut Harness<'static, App>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.run();
    h.drag_at(pos);
    h.run();
    h.drop_at(pos);
    h.run();
}

/// The screen point of bar `i` (0: the largest) of a bar chart as last drawn.
fn bar_point(h: &Harness<'static, App>, chart: Chart, i: usize) -> egui::Pos2 {
    let place = &h.state().corpus_view.places[&chart];
    let (transform, centres) = place.plot.as_ref().unwrap();
    transform.position_from_point(&centres[i])
}

#[test]
fn a_bar_click_opens_its_claims_and_an_edit_redraws_the_bars() {
    let dir = tempfile::tempdir().unwrap();
    let p = two_dated();
    let figures = Corpus::compute(&p, &Options::default());
    let mut h = harness(p, dir.path().join("config"));
    h.state_mut().command(Command::ShowCorpus);
    h.run();
    h.get_by_label("Charts").click();
    h.run();
    assert_eq!(h.state().corpus_view.tab, Tab::Charts);

    // The largest bar of "Top sources" is the top source: a click lists its claims.
    let top = &figures.sources[0];
    let want: Vec<String> = top
        .figure
        .ids(h.state().project())
        .into_iter()
        .map(String::from)
        .collect();
    let pos = bar_point(&h, Chart::Sources, 0);
    click_at(&mut h, pos);
    let opened = h.state().corpus_view.opened.clone();
    assert_eq!(
        opened.as_ref().map(|o| (&o.0, &o.1)),
        Some((&top.key.name.to_string(), &want))
    );
    h.get_by_label(&format!("Claims of {} ({})", top.key.name, want.len()));

    // The second bar of "Top outlets" (both outlets hold the same number of claims).
    let outlet = &figures.outlets[1];
    let pos = bar_point(&h, Chart::Outlets, 1);
    click_at(&mut h, pos);
    let opened = h.state().corpus_view.opened.clone().unwrap();
    assert_eq!(opened.0, outlet.key.name.to_string());
    assert_eq!(opened.1, outlet.figure.ids(h.state().project()));

    // Frames without changes compute nothing.
    let n = h.state().corpus_view.computations;
    for _ in 0..5 {
        h.step();
    }
    assert_eq!(h.state().corpus_view.computations, n);

    // An edit in the reader: delete one of the top source's claims; its bar shrinks.
    let gone = want[0].clone();
    h.state_mut().command(Command::SelectClaim(gone.clone()));
    h.run();
    h.state_mut().command(Command::DeleteClaim);
    h.run();
    assert!(h.state().project().claim(&gone).is_none());
    assert_eq!(h.state().corpus_view.computations, n + 1);
    let centres = &h.state().corpus_view.places[&Chart::Sources]
        .plot
        .as_ref()
        .unwrap()
        .1;
    let after = Corpus::compute(h.state().project(), &Options::default());
    assert_eq!(
        centres[0].x * 2.0,
        after.sources[0].figure.count() as f64,
        "the bar is as long as the source's claims"
    );
    assert!(
        after.sources[0].figure.count() < top.figure.count() || after.sources[0].key != top.key
    );
    let pos = bar_point(&h, Chart::Sources, 0);
    click_at(&mut h, pos);
    let opened = h.state().corpus_view.opened.clone().unwrap();
    assert!(
        !opened.1.contains(&gone),
        "the deleted claim is gone from the bar"
    );
    assert_eq!(opened.1, after.sources[0].figure.ids(h.state().project()));
}

#[test]
fn status_date_and_source_filters_change_the_numbers() {
    use claimtrace::model::Status;
    let dir = tempfile::tempdir().unwrap();
    let p = two_dated();
    let all = Corpus::compute(&p, &Options::default());
    let mut supported = Options::default();
    supported.filter.statuses.push(Status::Supported);
    let supported = Corpus::compute(&p, &supported);
    let spring = Options {
        from: Some("2024-03-01".parse().unwrap()),
        ..Default::default()
    };
    let spring = Corpus::compute(&p, &spring);
    let source = all.sources[1].key.id.as_deref().unwrap().to_string();
    let mut one = Options::default();
    one.filter.sources.push(source.clone());
    let one = Corpus::compute(&p, &one);
    // Four different answers, each smaller than the whole.
    let counts = [
        all.claims.count(),
        supported.claims.count(),
        spring.claims.count(),
        one.claims.count(),
    ];
    assert!(
        counts[1..].iter().all(|&n| n > 0 && n < counts[0]),
        "{counts:?}"
    );
    assert_ne!(counts[1], counts[2]);

    let mut h = harness(p, dir.path().join("config"));
    h.state_mut().command(Command::ShowCorpus);
    h.run();
    h.get_by_label(&summary(&all));
    h.get_by_label("Filters (none: every claim)").click();
    h.run();

    // Status: tick "supported".
    h.get_by_label("supported").click();
    h.run();
    h.get_by_label(&summary(&supported));
    h.get_by_label("supported").click();
    h.run();
    h.get_by_label(&summary(&all));

    // Published from 2024-03-01: only the copy. A date that does not parse changes nothing
    // and says so.
    h.get_by_label("Published from").click();
    h.run();
    h.get_by_label("Published from").type_text("2024-03-x");
    h.run();
    h.get_by_label(&summary(&all));
    h.get_by_label_contains("is not a date");
    h.get_by_label("Clear filters").click();
    h.run();
    assert!(h.query_by_label_contains("is not a date").is_none());
    h.get_by_label("Published from").click();
    h.run();
    h.get_by_label("Published from").type_text("2024-03-01");
    h.run();
    h.get_by_label(&summary(&spring));
    assert!(h.query_by_label_contains("is not a date").is_none());
    h.get_by_label("Clear filters").click();
    h.run();
    h.get_by_label(&summary(&all));

    // A source.
    h.state_mut().corpus_view.options.filter.sources = vec![source];
    h.run();
    h.get_by_label(&summary(&one));
}

#[test]
fn who_cites_whom_lists_relays_and_nested_claims_of_one_source() {
    let dir = tempfile::tempdir().unwrap();
    let p = two_dated();
    let all = Corpus::compute(&p, &Options::default());
    let top = all.sources[0].clone();
    let relays = all.relays(&top.key);
    let pairs = all.nesting(&p);
    let nested = claimtrace::corpus::flow::nested_in(&p, &pairs, &top.figure);
    assert!(!relays.is_empty());
    let mut h = harness(p, dir.path().join("config"));
    h.state_mut().command(Command::ShowCorpus);
    h.run();
    h.get_by_label("Who cites whom").click();
    h.run();
    assert!(h.state().corpus_view.places.contains_key(&Chart::Flow));
    h.get_by_label(&format!("Relayed by (claims of {})", top.key.name));
    // The first relay row lists the claims of the source through that intermediary.
    let (via, fig) = &relays[0];
    h.query_all_by_label(&via.name).next().unwrap().click();
    h.run();
    let opened = h.state().corpus_view.opened.clone().unwrap();
    assert_eq!(opened.0, format!("{} via {}", top.key.name, via.name));
    assert_eq!(opened.1, fig.ids(h.state().project()));
    if let Some((k, f)) = nested.first() {
        h.query_all_by_label(&k.name).last().unwrap().click();
        h.run();
        let opened = h.state().corpus_view.opened.clone().unwrap();
        assert_eq!(opened.1, f.ids(h.state().project()));
    }
}

#[test]
fn save_a_table_as_csv_through_the_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let p = claimtrace::demo::demo_project().unwrap();
    let all = Corpus::compute(&p, &Options::default());
    let mut h = harness(p, dir.path().join("config"));
    h.state_mut().command(Command::ShowCorpus);
    h.run();
    // The first "Save CSV…" is the sources table's; no dialog here, so a path is asked for.
    h.query_all_by_label("Save CSV…").next().unwrap().click();
    h.run();
    h.get_by_label("Save a corpus table (CSV)");
    let out = dir.path().join("sources");
    // The box starts with a folder and a suggested name: replace them.
    h.get_by_label("Path").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("Path").type_text(&out.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let written = std::fs::read_to_string(dir.path().join("sources.csv")).unwrap();
    assert_eq!(written, all.sources_csv());
    h.get_by_label_contains("Saved ");
}

#[test]
fn a_click_on_the_timeline_opens_a_source_in_a_period() {
    let dir = tempfile::tempdir().unwrap();
    let p = two_dated();
    let all = Corpus::compute(&p, &Options::default());
    let top = all.sources[0].clone();
    // The top source's claims in the first month (the demo article's, January 2024).
    let jan = all
        .timeline
        .iter()
        .find(|t| t.source == top.key && t.period.as_deref() == Some("2024-01"))
        .unwrap()
        .figure
        .clone();
    let app = App::new(
        p,
        None,
        std::sync::Arc::new(NoDialogs),
        dir.path().join("config"),
    );
    let mut h = Harness::builder()
        .with_size([1400.0, 1300.0])
        .with_step_dt(0.1)
        .with_max_steps(64)
        .with_context_setup(claimtrace::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h.state_mut().command(Command::ShowCorpus);
    h.run();
    h.get_by_label("Charts").click();
    h.run();
    // January to May: five months, the empty ones included.
    let place = h.state().corpus_view.places[&Chart::Timeline].clone();
    let (transform, _) = place.plot.unwrap();
    // The top source is the first (lowest) part of each period's bar.
    let pos =
        transform.position_from_point(&egui_plot::PlotPoint::new(0.0, jan.count() as f64 / 2.0));
    assert!(place.rect.contains(pos), "{pos:?} outside {:?}", place.rect);
    click_at(&mut h, pos);
    let opened = h.state().corpus_view.opened.clone().unwrap();
    assert_eq!(opened.0, format!("{} in 2024-01", top.key.name));
    assert_eq!(opened.1, jan.ids(h.state().project()));
    // Between the bars (an empty month): nothing new opens.
    h.state_mut().corpus_view.opened = None;
    let gap = transform.position_from_point(&egui_plot::PlotPoint::new(2.0, 0.5));
    click_at(&mut h, gap);
    assert!(h.state().corpus_view.opened.is_none());
}
