//! Issue 27, points 1–5 ("the second hour"): the shortcuts window fits and toggles, Find's
//! Shift+Enter always goes back and Escape on its buttons closes it, the corpus view's claims
//! list stays beside the corpus window and long filters can be searched, the source dialog
//! confirms on Enter, typed paths start in the project's folder, the recovery dialog says what
//! the unsaved work changed, a restart reopens the document being read, and the Sources tab
//! shows the Claims list's source filter. Driven headless through egui_kittest.

use claimtrace::edit::ops;
use claimtrace::model::{Project, SourceKind};
use claimtrace::ui::app::Modal;
use claimtrace::ui::command::READER_KEYS;
use claimtrace::ui::{App, Command, NoDialogs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn harness_sized(app: App, size: [f32; 2]) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_step_dt(0.1)
        .with_max_steps(64)
        .with_context_setup(claimtrace::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

fn app(p: Project, path: Option<PathBuf>, config: &Path) -> App {
    App::new(p, path, Arc::new(NoDialogs), config.to_path_buf())
}

fn demo() -> Project {
    claimtrace::demo::demo_project().unwrap()
}

#[test]
fn f1_opens_a_shortcuts_window_that_fits_the_screen_scrolls_and_f1_closes() {
    let last_row = READER_KEYS.last().unwrap().0;
    for size in [[1400.0, 900.0], [1024.0, 700.0], [800.0, 560.0]] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness_sized(app(demo(), None, dir.path()), size);
        h.key_press(Key::F1);
        h.run();
        let title = h.get_by_label("Keyboard shortcuts").rect();
        assert!(title.top() >= 0.0, "{size:?}: {title:?}");
        // The first row is on the screen; the table is longer than the screen at every size,
        // so its last row is below the window until scrolled to.
        let first = h.get_by_label("Import article…").rect();
        assert!(first.bottom() <= size[1], "{size:?}: {first:?}");
        let last = h.get_by_label(last_row).rect();
        assert!(
            last.top() > size[1] - 40.0,
            "{size:?}: last row at {last:?}"
        );
        h.get_by_label(last_row).scroll_to_me();
        h.run();
        let last = h.get_by_label(last_row).rect();
        assert!(
            last.top() >= title.top() && last.bottom() <= size[1],
            "{size:?}: after scrolling the last row is at {last:?}"
        );
        // F1 again closes it.
        h.key_press(Key::F1);
        h.run();
        assert!(h.query_by_label("Keyboard shortcuts").is_none(), "{size:?}");
    }
}

/// "3 of 12" as the find bar shows it.
fn at(h: &Harness<'static, App>, i: usize, n: usize) -> bool {
    h.query_by_label(&format!("{} of {n}", i + 1)).is_some()
}

#[test]
fn shift_enter_always_goes_back_and_escape_on_a_find_button_closes_find() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo();
    let claim = p.claims[0].id.clone();
    let mut h = harness_sized(app(p, None, dir.path()), [1400.0, 900.0]);
    h.state_mut().command(Command::SelectClaim(claim.clone()));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find").type_text("Amnesty");
    h.run();
    let n = h.state().find_matches().len();
    assert!(n >= 4, "{n} matches");
    assert!(at(&h, 0, n));
    // The sequence. Each Shift+Enter arrives as Shift down, Enter, Shift up within one
    // frame (as a fast typist or xdotool sends it): the frame's modifiers no longer hold Shift.
    let mut want = 0usize;
    for (step, back) in [false, false, true, true, true, false, false, true]
        .into_iter()
        .enumerate()
    {
        if back {
            h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
            want = (want + n - 1) % n;
        } else {
            h.key_press(Key::Enter);
            want = (want + 1) % n;
        }
        h.run();
        assert!(
            at(&h, want, n),
            "step {step} ({}) should show {} of {n}",
            if back { "Shift+Enter" } else { "Enter" },
            want + 1
        );
    }
    // A click on Next, then Escape: Find closes, the claim stays selected.
    h.get_by_label("Next").click();
    h.run();
    want = (want + 1) % n;
    assert!(at(&h, want, n));
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Close find").is_none(), "Find is closed");
    assert_eq!(h.state().selected_claim(), Some(claim.as_str()));
    // And with Find closed, Escape deselects as before.
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().selected_claim(), None);
}

#[test]
fn the_corpus_claims_list_sits_beside_the_corpus_window_at_every_size() {
    for size in [[1400.0, 900.0], [1024.0, 700.0], [800.0, 560.0]] {
        let dir = tempfile::tempdir().unwrap();
        let p = demo();
        let figures = claimtrace::corpus::Corpus::compute(&p, &Default::default());
        let top = figures.sources[0].clone();
        let mut h = harness_sized(app(p, None, dir.path()), size);
        h.state_mut().command(Command::ShowCorpus);
        h.run();
        h.query_all_by_label(&top.key.name).next().unwrap().click();
        h.run();
        let n = top.figure.ids(h.state().project()).len();
        let heading = h
            .get_by_label(&format!("Claims of {} ({n})", top.key.name))
            .rect();
        // The corpus window's widgets all lie right of the list.
        for label in ["Tables", "Charts", "Who cites whom"] {
            let r = h.get_by_label(label).rect();
            assert!(
                r.left() > heading.right(),
                "{size:?}: {label} at {r:?} overlaps the list at {heading:?}"
            );
            assert!(r.right() <= size[0], "{size:?}: {label} at {r:?}");
        }
    }
}

#[test]
fn a_long_source_name_is_cut_so_the_columns_stay_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = demo();
    let long = "Amnesty International, the London-based human rights organisation and its \
                regional office in Bangkok, which publishes an annual tally";
    p.sources[0].name = long.into();
    let mut h = harness_sized(app(p, None, dir.path()), [1024.0, 700.0]);
    h.state_mut().command(Command::ShowCorpus);
    h.run();
    for column in ["Share", "Outlets", "First", "Last"] {
        for node in h.query_all_by_label(column) {
            let r = node.rect();
            assert!(
                r.right() <= 1024.0,
                "{column} at {r:?} is out of the window"
            );
        }
    }
}

#[test]
fn a_long_filter_list_has_a_search_and_ticks_or_clears_what_matches() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = demo();
    for i in 0..900 {
        let s = ops::new_source(
            &p,
            &format!("Generated source number {i} of the ministry"),
            SourceKind::Organization,
        );
        ops::add_source(&p, s).apply(&mut p).unwrap();
    }
    let mut h = harness_sized(app(p, None, dir.path()), [1400.0, 900.0]);
    h.state_mut().command(Command::ShowCorpus);
    h.run();
    h.get_by_label("Filters (none: every claim)").click();
    h.run();
    // Only the sources' list is long enough for a search field.
    assert_eq!(h.query_all_by_label("Search the list").count(), 1);
    h.get_by_label("Search the list").click();
    h.run();
    h.get_by_label("Search the list").type_text("number 12");
    h.run();
    // 12 and 120–129.
    h.get_by_label("Tick matches").click();
    h.run();
    let chosen = &h.state().corpus_view.options.filter.sources;
    assert_eq!(chosen.len(), 11, "{chosen:?}");
    let names: Vec<String> = chosen
        .iter()
        .map(|id| h.state().project().source(id).unwrap().name.to_string())
        .collect();
    assert!(names.iter().all(|n| n.contains("number 12")), "{names:?}");
    h.get_by_label("11 ticked");
    h.get_by_label("Clear matches").click();
    h.run();
    assert!(h.state().corpus_view.options.filter.sources.is_empty());
}

#[test]
fn enter_confirms_the_source_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = demo();
    p.claims.clear();
    p.sources.clear();
    let mut h = harness_sized(app(p, None, dir.path()), [1400.0, 900.0]);
    let t = h
        .state()
        .project()
        .document(h.state().current_document().unwrap())
        .unwrap()
        .text
        .clone();
    let char_range = |needle: &str| {
        let b = t.find(needle).unwrap();
        let s = t[..b].chars().count();
        (s, s + needle.chars().count())
    };
    let claim = "The number of political prisoners in Vietnam has reached its highest on record";
    h.state_mut()
        .reader_mut()
        .set_selection(Some(char_range(claim)));
    h.run();
    h.key_press(Key::C);
    h.run();
    h.state_mut()
        .reader_mut()
        .set_selection(Some(char_range("Amnesty International")));
    h.run();
    h.key_press(Key::S);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::NewSource { .. })));
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().modal().is_none(), "Enter confirmed the dialog");
    assert_eq!(h.state().project().sources.len(), 1);
    assert_eq!(h.state().project().sources[0].name, "Amnesty International");
}

#[test]
fn a_typed_path_starts_in_the_project_folder_with_a_suggested_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.claimtrace");
    claimtrace::store::save(&demo(), &path).unwrap();
    let config = dir.path().join("config");
    let mut h = harness_sized(app(demo(), Some(path), &config), [1400.0, 900.0]);
    h.state_mut().command(Command::SaveAs);
    h.run();
    match h.state().modal() {
        Some(Modal::TypedPath { text, .. }) => {
            let typed = PathBuf::from(text);
            assert_eq!(typed.parent(), Some(dir.path()), "{text}");
            assert!(
                typed
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(".claimtrace")),
                "{text}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_recovery_dialog_says_what_the_unsaved_work_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.claimtrace");
    let saved = demo();
    claimtrace::store::save(&saved, &path).unwrap();
    let mut unsaved = saved.clone();
    for name in ["Ana Example", "Bea Example"] {
        let s = ops::new_source(&unsaved, name, SourceKind::Person);
        ops::add_source(&unsaved, s).apply(&mut unsaved).unwrap();
    }
    unsaved.claims[0].note = "checked against the report".into();
    let rec = claimtrace::store::recovery::recovery_path(&path);
    claimtrace::store::recovery::write_recovery(&unsaved, &rec).unwrap();
    // The recovery file is newer than the project.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&rec)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let a = App::start(Some(path), Arc::new(NoDialogs), dir.path().join("config"));
    let h = harness_sized(a, [1400.0, 900.0]);
    match h.state().modal() {
        Some(Modal::Recovery { summary, .. }) => assert!(
            summary.contains("Against the saved file it has 1 claim edited, +2 sources."),
            "{summary}"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_restart_reopens_the_document_that_was_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.claimtrace");
    let config = dir.path().join("config");
    let mut p = demo();
    let mut second = p.documents[0].clone();
    second.id = "second".into();
    second.title = "The second article".into();
    p.documents.push(second);
    claimtrace::store::save(&p, &path).unwrap();
    let first = p.documents[0].id.clone();
    {
        let mut h = harness_sized(app(p.clone(), Some(path.clone()), &config), [1400.0, 900.0]);
        assert_eq!(h.state().current_document(), Some(first.as_str()));
        h.state_mut()
            .command(Command::SelectDocument("second".into()));
        // The position is noted every two seconds of the window's clock.
        for _ in 0..30 {
            h.step();
        }
        assert_eq!(h.state().current_document(), Some("second"));
    }
    let h = harness_sized(app(p, Some(path), &config), [1400.0, 900.0]);
    assert_eq!(h.state().current_document(), Some("second"));
}

#[test]
fn a_source_clicked_in_the_sources_tab_shows_its_filter_as_a_chip() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo();
    let name = p.sources[0].name.to_string();
    let mut h = harness_sized(app(p, None, dir.path()), [1400.0, 900.0]);
    h.get_by_label("Sources").click();
    h.run();
    h.get_by_label_contains(&format!("{name} (")).click();
    h.run();
    let chip = format!("Source: {name}  ×");
    h.get_by_label(&chip);
    assert!(h.query_by_label("Claims (filtered)").is_some());
    // The chip removes the filter.
    h.get_by_label(&chip).click();
    h.run();
    assert!(h.query_by_label(&chip).is_none());
    assert!(h.query_by_label("Claims (filtered)").is_none());
    // "Show them" goes to the filtered Claims list.
    h.get_by_label_contains(&format!("{name} (")).click();
    h.run();
    h.get_by_label("Show them").click();
    h.run();
    h.get_by_label(&chip);
    assert!(
        h.query_by_label("Sort by").is_some(),
        "the Claims tab is shown"
    );
}

#[test]
fn list_rows_and_labels_are_never_clipped_in_a_narrow_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(app(demo(), None, dir.path()), [1400.0, 900.0]);
    let panel = h.state().panes().lists.expect("the lists panel is drawn");
    assert!(panel.width() < 320.0, "{panel:?}");
    for tab in ["Claims", "Suggestions", "Sources", "Documents"] {
        let r = h.get_by_label(tab).rect();
        assert!(r.right() <= panel.right(), "the tab {tab} at {r:?} is cut");
    }
    h.get_by_label("Sources").click();
    h.run();
    let r = h.get_by_label("Add source").rect();
    assert!(
        r.right() <= panel.right(),
        "Add source at {r:?}, panel {panel:?}"
    );
}

/// Dialogs whose Open answers with one file at once (for Review → Compare with…).
struct OpenThis(PathBuf);

impl claimtrace::ui::FileDialogs for OpenThis {
    fn pick_open(&self) -> Option<PathBuf> {
        Some(self.0.clone())
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

#[test]
fn the_compare_legend_never_wraps_between_a_swatch_and_its_words() {
    for size in [[1400.0, 900.0], [1024.0, 700.0], [800.0, 560.0]] {
        let dir = tempfile::tempdir().unwrap();
        let theirs = dir.path().join("theirs.ron");
        let mut other = demo();
        other.annotator.name = "Bo".into();
        other.claims.truncate(5);
        claimtrace::store::save(&other, &theirs).unwrap();
        let a = App::new(
            demo(),
            None,
            Arc::new(OpenThis(theirs)),
            dir.path().join("config"),
        );
        let mut h = harness_sized(a, size);
        h.state_mut().command(Command::Compare);
        h.run();
        assert!(h.state().review().is_some(), "{size:?}: comparing");
        let row_start = h.get_by_label_contains("Comparing with Bo").rect().left();

        for words in [
            "agree",
            "partly agree (mine)",
            "partly agree (theirs)",
            "only mine",
            "only theirs",
        ] {
            let r = h.get_by_label(words).rect();
            assert!(
                r.left() >= row_start + 22.0,
                "{size:?}: “{words}” at {r:?} starts a row without its swatch"
            );
        }
    }
}

#[test]
fn a_chart_png_is_taken_in_a_frame_without_its_save_button() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(app(demo(), None, dir.path()), [1400.0, 900.0]);
    h.state_mut().command(Command::ShowCorpus);
    h.run();
    h.get_by_label("Charts").click();
    h.run();
    let before = h.query_all_by_label("Save PNG…").count();
    assert!(before >= 4, "{before} Save PNG buttons");
    h.query_all_by_label("Save PNG…").next().unwrap().click();
    h.run();
    let out = dir.path().join("chart");
    h.get_by_label("Path").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("Path").type_text(&out.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.step();
    // The frame the screenshot is asked in: no Save PNG button is drawn (they keep their room,
    // so nothing moves), the next frame has them again.
    h.step();
    assert!(
        h.state().corpus_view.shooting,
        "the screenshot is asked for"
    );
    assert_eq!(
        h.query_all_by_label("Save PNG…").count(),
        0,
        "a Save PNG button is in the frame the screenshot is taken of"
    );
    h.step();
    h.step();
    assert_eq!(h.query_all_by_label("Save PNG…").count(), before);
}

/// A nested claim's "Within" box holds a long quote: it is cut to fit the inspector, so neither
/// it nor the note under it runs past the panel's edge.
#[test]
fn the_within_box_and_the_note_stay_inside_the_inspector() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(app(demo(), None, dir.path()), [1400.0, 900.0]);
    // The demo's nested claim (within E5) is the only one whose row is exactly this quote.
    let nested = h
        .get_all_by_label_contains(
            "Claim: The present number of prisoners of conscience in Vietnam",
        )
        .find(|n| {
            !n.accesskit_node()
                .label()
                .unwrap_or_default()
                .contains("greatest")
        })
        .expect("the nested claim's row");
    nested.click();
    h.run();
    let id = h
        .state()
        .selected_claim()
        .expect("a claim is selected")
        .to_string();
    let within = h
        .state()
        .project()
        .claim(&id)
        .and_then(|c| c.attribution.clone());
    assert!(within.and_then(|a| a.within).is_some(), "the nested claim");
    let panel = h.state().panes().inspector.expect("the inspector is drawn");
    let r = h.get_by_label("Within claim").rect();
    assert!(
        r.right() <= panel.right(),
        "Within at {r:?}, panel {panel:?}"
    );
    let note =
        h.get_by_value("Nested in E5: the figure is Amnesty’s own, relayed by its spokesman.");
    assert!(
        note.rect().right() <= panel.right(),
        "note at {:?}, panel {panel:?}",
        note.rect()
    );
}
