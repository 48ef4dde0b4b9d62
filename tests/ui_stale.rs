//! Nothing stale stays on screen (issue 17, point 9): find highlights go with the find bar,
//! every claims filter shows as a removable chip and is dropped when what it names is gone, and
//! the comparison's counts follow my edits. Driven headless through egui_kittest.

use claimtrace::model::{Annotator, Project};
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

fn demo() -> Project {
    claimtrace::demo::demo_project().unwrap()
}

fn claims_in_doc(app: &App) -> usize {
    let d = app.current_document().unwrap();
    app.project().claims_of(d).count()
}

#[test]
fn closing_find_by_escape_or_the_button_clears_its_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(demo(), dir.path().join("config"));
    for close in ["Escape", "button"] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::F);
        h.run();
        if close == "Escape" {
            h.get_by_label("Find").type_text("amnesty");
            h.run();
        }
        assert!(!h.state().find_matches().is_empty(), "{close}");
        match close {
            "Escape" => h.key_press(Key::Escape),
            _ => h.get_by_label("Close find").click(),
        }
        h.run();
        assert!(h.query_by_label("Close find").is_none(), "{close}");
        assert!(
            h.state().find_matches().is_empty(),
            "highlights stay after closing by {close}"
        );
        h.run();
        assert!(h.state().find_matches().is_empty(), "{close}");
    }
}

#[test]
fn every_filter_is_a_removable_chip_and_a_merged_source_leaves_no_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(demo(), dir.path().join("config"));
    let all = claims_in_doc(h.state());
    let everything = format!("{all} of {all} claims");
    assert!(h.query_by_label(&everything).is_some());

    // Label, status and text filters each show a chip; a click on the chip removes it.
    h.get_by_label("Label filter").click();
    h.run();
    h.get_by_label("Opinion").click();
    h.run();
    h.get_by_label("Status filter").click();
    h.run();
    h.get_by_label("unverified").click();
    h.run();
    h.get_by_label("Text").click();
    h.run();
    h.get_by_label("Text").type_text("Vietnam");
    h.run();
    for chip in ["Label: Opinion", "Status: unverified", "Text: “Vietnam”"] {
        assert!(h.query_by_label_contains(chip).is_some(), "{chip}");
    }
    assert!(h.query_by_label(&everything).is_none());
    for chip in ["Label: Opinion", "Status: unverified", "Text: “Vietnam”"] {
        h.get_by_label_contains(chip).click();
        h.run();
        assert!(h.query_by_label_contains(chip).is_none(), "{chip} stays");
    }
    assert!(h.query_by_label(&everything).is_some());
    assert!(
        h.query_by_label("Claims").is_some(),
        "the tab is not filtered"
    );

    // A source clicked in the Sources panel filters the list, visibly.
    let amnesty = h
        .state()
        .project()
        .sources
        .iter()
        .find(|s| s.name == "Amnesty International")
        .unwrap()
        .id
        .clone();
    let of_amnesty = h
        .state()
        .project()
        .claims
        .iter()
        .filter(|c| c.has_source(&amnesty))
        .count();
    h.get_by_label("Sources").click();
    h.run();
    h.get_by_label(&format!("Amnesty International ({of_amnesty})"))
        .click();
    h.run();
    assert!(h.query_by_label("Claims (filtered)").is_some());
    // Merge it into another source: the filter names a source that is gone, so it goes too.
    h.get_by_label("Merge into").click();
    h.run();
    h.get_by_label("Reuters").click();
    h.run();
    h.get_by_label("Merge").click();
    h.run();
    assert!(h.state().project().source(&amnesty).is_none());
    h.get_by_label("Claims").click();
    h.run();
    assert!(h.query_by_label("Claims (filtered)").is_none());
    assert!(
        h.query_by_label_contains("Source: ").is_none(),
        "no chip stays"
    );
    assert!(
        h.query_by_label(&everything).is_some(),
        "every claim is listed"
    );
}

#[test]
fn the_comparison_notice_follows_my_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut theirs = demo();
    theirs.annotator = Annotator::named("Bo");
    let path = dir.path().join("bo.ron");
    claimtrace::store::save(&theirs, &path).unwrap();
    let mut h = harness(demo(), dir.path().join("config"));
    h.state_mut().compare_with(&path);
    h.run();
    let counts = |h: &Harness<'static, App>| {
        let c = h.state().review().unwrap().comparison.counts();
        (c.agree, c.disagreements())
    };
    let (agree, settle) = counts(&h);
    assert_eq!(settle, 0);
    let said = |a: usize, d: usize| format!("{a} agree, {d} to settle.");
    assert!(h.state().banner().unwrap().text.contains(&said(agree, 0)));
    assert!(h.query_by_label(&said(agree, 0)).is_some(), "the legend");

    let first = h.state().project().claims[0].id.clone();
    h.state_mut().command(Command::SelectClaim(first));
    h.run();
    h.state_mut().command(Command::DeleteClaim);
    h.run();
    let (agree2, settle2) = counts(&h);
    assert_eq!((agree2, settle2), (agree - 1, 1));
    let text = h.state().banner().unwrap().text.clone();
    assert!(text.contains(&said(agree2, settle2)), "{text}");
    assert!(
        h.query_by_label(&said(agree2, settle2)).is_some(),
        "the legend"
    );
    assert!(
        h.query_by_label(&said(agree, 0)).is_none(),
        "old counts stay"
    );
}
