//! The window's layout holds still (issue 17, point 4): notices are overlays that move nothing,
//! the side panels keep the width the user gave them, and in a narrow window they give way so
//! the reader keeps a readable width. Driven headless through egui_kittest.

use claimtrace::model::Project;
use claimtrace::ui::app::READER_MIN_WIDTH;
use claimtrace::ui::{App, Command, NoDialogs};
use egui::accesskit::Role;
use egui::{Key, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::PathBuf;

fn harness(
    p: Project,
    path: Option<PathBuf>,
    config: PathBuf,
    size: [f32; 2],
) -> Harness<'static, App> {
    let app = App::new(p, path, std::sync::Arc::new(NoDialogs), config);
    let mut h = Harness::builder()
        .with_size(size)
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

fn reader(h: &mut Harness<'static, App>) -> Rect {
    h.state_mut()
        .reader_mut()
        .visible_rect()
        .expect("the reader was drawn")
}

/// The reader and both side panels, as drawn last frame.
fn layout(h: &mut Harness<'static, App>) -> (Rect, Option<Rect>, Option<Rect>) {
    let r = reader(h);
    let p = h.state().panes();
    (r, p.lists, p.inspector)
}

#[test]
fn a_notice_moves_nothing_information_fades_and_a_problem_stays_until_dismissed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.ron");
    claimtrace::store::save(&demo(), &path).unwrap();
    let mut h = harness(
        demo(),
        Some(path.clone()),
        dir.path().join("config"),
        [1400.0, 900.0],
    );
    let before = layout(&mut h);
    assert!(h.state().banner().is_none());

    // Q with no claim selected: a piece of information.
    h.key_press(Key::Q);
    h.run();
    let text = h.state().banner().expect("a notice").text.clone();
    assert!(text.starts_with("Select a claim first"), "{text}");
    assert!(h.state().notice_shown());
    assert_eq!(layout(&mut h), before, "the notice moved the window");
    // The overlay and the status bar both say it (and the reader's live region, for screen
    // readers).
    let saying: Vec<Role> = h
        .query_all_by_label_contains("Select a claim first")
        .map(|n| n.accesskit_node().role())
        .collect();
    assert_eq!(saying.iter().filter(|r| **r != Role::Status).count(), 2);
    assert!(saying.contains(&Role::Status), "{saying:?}");

    // Some seconds later the overlay has gone; the status bar keeps the text.
    h.run_steps(60);
    h.run();
    assert!(!h.state().notice_shown());
    assert_eq!(
        h.query_all_by_label_contains("Select a claim first")
            .filter(|n| n.accesskit_node().role() != Role::Status)
            .count(),
        1
    );
    assert_eq!(layout(&mut h), before);

    // A problem stays until dismissed.
    h.state_mut().compare_with(&path);
    h.run();
    assert!(h.state().banner().unwrap().error);
    h.run_steps(80);
    h.run();
    assert!(h.state().notice_shown(), "a problem does not fade");
    assert_eq!(layout(&mut h), before);
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(!h.state().notice_shown());
    assert!(h.query_by_label("Dismiss").is_none());
    assert!(
        h.state().banner().is_some(),
        "the last notice stays reachable"
    );
    assert_eq!(layout(&mut h), before);
}

#[test]
fn the_panels_keep_their_width_across_tabs_and_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(demo(), None, dir.path().join("config"), [1400.0, 900.0]);
    let (reader0, lists0, inspector0) = layout(&mut h);
    let (lists0, inspector0) = (lists0.unwrap(), inspector0.unwrap());
    assert!(reader0.width() >= READER_MIN_WIDTH, "{reader0:?}");

    let same = |h: &mut Harness<'static, App>, what: &str| {
        let (r, l, i) = layout(h);
        assert_eq!(l.unwrap().width(), lists0.width(), "lists after {what}");
        assert_eq!(
            i.unwrap().width(),
            inspector0.width(),
            "inspector after {what}"
        );
        assert_eq!(r.width(), reader0.width(), "reader after {what}");
    };

    h.get_by_label("Sources").click();
    h.run();
    same(&mut h, "the Sources tab");
    // The source's row (not the article's claims by it, named in the accessibility tree).
    h.query_all_by_label_contains("Vietnam’s government")
        .find(|n| n.accesskit_node().role() != Role::Mark)
        .expect("the source's row")
        .click();
    h.run();
    same(&mut h, "choosing a source");
    h.get_by_label("Documents").click();
    h.run();
    same(&mut h, "the Documents tab");
    h.get_by_label_contains("Claims").click();
    h.run();
    let first = h.state().project().claims[0].id.clone();
    h.state_mut().command(Command::SelectClaim(first));
    h.run();
    assert!(h.state().selected_claim().is_some());
    same(&mut h, "selecting a claim");
    // Ctrl+1 hides the lists (the reader takes the room) and brings them back as they were.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Num1);
    h.run();
    assert!(h.state().panes().lists.is_none());
    assert!(reader(&mut h).width() > reader0.width());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Num1);
    h.run();
    same(&mut h, "hiding and showing the lists");
}

#[test]
fn in_a_narrow_window_the_panels_give_way_and_come_back_over_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(demo(), None, dir.path().join("config"), [800.0, 560.0]);
    let (reader0, lists, inspector) = layout(&mut h);
    assert!(h.state().panes().narrow);
    assert_eq!(
        (lists, inspector),
        (None, None),
        "no panel beside the reader"
    );
    assert!(
        reader0.width() >= (0.6 * 800.0f32).max(READER_MIN_WIDTH),
        "the reader is {} px wide",
        reader0.width()
    );

    // The toggles bring one panel at a time over the reader; the text does not reflow.
    h.get_by_label("Inspector").click();
    h.run();
    let (r, lists, inspector) = layout(&mut h);
    assert_eq!(r, reader0);
    assert!(lists.is_none());
    let inspector = inspector.expect("the inspector is shown");
    assert!(inspector.right() <= 800.0 && inspector.left() > 400.0);
    assert!(h.query_by_label("No claim selected").is_some());

    h.get_by_label("Lists").click();
    h.run();
    let (r, lists, inspector) = layout(&mut h);
    assert_eq!(r, reader0);
    assert!(inspector.is_none(), "one panel at a time");
    let lists = lists.expect("the lists are shown");
    assert!(
        lists.left() <= reader0.left() && lists.width() >= 250.0,
        "{lists:?}"
    );
    // Choosing a claim in the lists shows it in the reader: the lists go away.
    let row = claimtrace::ui::panels::row_text(h.state().project(), &h.state().project().claims[0]);
    h.get_by_label(&row).click();
    h.run();
    assert!(h.state().selected_claim().is_some());
    assert_eq!(layout(&mut h), (reader0, None, None));
    h.get_by_label("Inspector").click();
    h.run();
    assert!(
        h.query_by_label("Claim label").is_some(),
        "the inspector shows the claim"
    );
    h.get_by_label("Inspector").click();
    h.run();
    assert_eq!(layout(&mut h), (reader0, None, None));
    // The shortcuts do the same.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Num1);
    h.run();
    assert!(h.state().panes().lists.is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Num1);
    h.run();
    assert_eq!(layout(&mut h), (reader0, None, None));

    // A wide window docks them again, at the widths they had.
    h.set_size(vec2(1400.0, 900.0));
    h.run();
    let (r, lists, inspector) = layout(&mut h);
    assert!(!h.state().panes().narrow);
    assert_eq!(lists.unwrap().width(), 300.0);
    assert_eq!(inspector.unwrap().width(), 320.0);
    assert!(r.width() >= READER_MIN_WIDTH);
    assert!(
        h.query_by_label("Inspector").is_none(),
        "no toggles when wide"
    );
}

/// The width of the text field labelled `label`.
fn field_width(h: &Harness<'static, App>, label: &str) -> f32 {
    h.get_by_label(label).rect().width()
}

#[test]
fn dialog_fields_are_wide_enough_to_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(demo(), None, dir.path().join("config"), [1400.0, 900.0]);
    h.state_mut().command(Command::NewProject);
    h.run();
    for f in ["Project name", "Annotator"] {
        let w = field_width(&h, f);
        assert!(w >= 240.0, "{f} is {w} px wide");
    }
    h.get_by_label("Cancel").click();
    h.run();

    h.state_mut().command(Command::DocumentDetails);
    h.run();
    for f in ["Title", "URL", "Outlet", "Author", "Published"] {
        let w = field_width(&h, f);
        assert!(w >= 300.0, "{f} is {w} px wide");
    }
    h.get_by_label("Close window").click();
    h.run();

    // Open with no file dialog available: the typed-path dialog.
    h.state_mut().command(Command::Open);
    h.run();
    let w = field_width(&h, "Path");
    assert!(w >= 380.0, "Path is {w} px wide");
    h.get_by_label("Cancel").click();
    h.run();

    // S on a name the registry does not have: the New source dialog.
    let first = h.state().project().claims[0].id.clone();
    h.state_mut().command(Command::SelectClaim(first));
    h.run();
    let d = h.state().current_document().unwrap().to_string();
    let t = h.state().project().document(&d).unwrap().text.clone();
    let at = t[..t.find("prisoners").unwrap()].chars().count();
    h.state_mut().reader_mut().set_selection(Some((at, at + 9)));
    h.run();
    h.key_press(Key::S);
    h.run();
    let w = field_width(&h, "Source name");
    assert!(w >= 240.0, "Source name is {w} px wide");
}
