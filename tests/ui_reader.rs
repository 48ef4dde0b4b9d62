//! The reader widget driven through egui_kittest: selection by drag, double-click, shift-click,
//! across paragraphs; clicks on highlights; Ctrl+drag fragments; the selection bar; scroll_to on
//! a long text.

use claimtrace::ui::fonts;
use claimtrace::ui::reader::{BarAction, Mark, ReaderInput, ReaderOutput, ReaderState, Role};
use egui::{Color32, Event, Modifiers, PointerButton, Pos2, pos2, vec2};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::{Harness, HarnessBuilder};

struct App {
    reader: ReaderState,
    text: String,
    marks: Vec<Mark>,
    selected_claim: Option<String>,
    outputs: Vec<ReaderOutput>,
}

fn harness(text: &str, marks: Vec<Mark>) -> Harness<'static, App> {
    let app = App {
        reader: ReaderState::default(),
        text: text.to_owned(),
        marks,
        selected_claim: None,
        outputs: Vec::new(),
    };
    let mut h = HarnessBuilder::default()
        .with_size(vec2(900.0, 600.0))
        .with_step_dt(0.01)
        .with_max_steps(40)
        .with_context_setup(|ctx| ctx.set_fonts(fonts::definitions()))
        .build_ui_state(
            |ui, app: &mut App| {
                let input = ReaderInput {
                    doc_id: "doc",
                    text: &app.text,
                    marks: &app.marks,
                    marks_version: app.marks.len() as u64,
                    selected_claim: app.selected_claim.as_deref(),
                    find: &[],
                    find_current: None,
                    font_size: 16.0,
                    describe: None,
                };
                let out = app.reader.show(ui, &input);
                if out != ReaderOutput::default() {
                    app.outputs.push(out);
                }
            },
            app,
        );
    h.run();
    h
}

/// A point just inside the left edge of char `at` (the caret before it when dragging).
fn before(h: &Harness<'_, App>, at: usize) -> Pos2 {
    let r = h
        .state()
        .reader
        .char_rect(at)
        .unwrap_or_else(|| panic!("char {at} is not on screen"));
    pos2(r.min.x + 1.0, r.center().y)
}

/// A point just inside the right edge of char `at` (the caret after it when dragging).
fn after(h: &Harness<'_, App>, at: usize) -> Pos2 {
    let r = h
        .state()
        .reader
        .char_rect(at)
        .unwrap_or_else(|| panic!("char {at} is not on screen"));
    pos2(r.max.x - 1.0, r.center().y)
}

fn center(h: &Harness<'_, App>, at: usize) -> Pos2 {
    h.state()
        .reader
        .char_rect(at)
        .unwrap_or_else(|| panic!("char {at} is not on screen"))
        .center()
}

/// Where to point: relative to a char as drawn in the last frame.
#[derive(Clone, Copy)]
enum At {
    Before(usize),
    After(usize),
    Center(usize),
}

impl At {
    fn pos(self, h: &Harness<'_, App>) -> Pos2 {
        match self {
            At::Before(at) => before(h, at),
            At::After(at) => after(h, at),
            At::Center(at) => center(h, at),
        }
    }
}

fn button(pos: Pos2, pressed: bool, modifiers: Modifiers) -> Event {
    Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    }
}

fn drag(h: &mut Harness<'_, App>, from: At, to: At, modifiers: Modifiers) {
    let (from, to) = (from.pos(h), to.pos(h));
    h.event(Event::ModifiersChanged(modifiers));
    h.event(Event::PointerMoved(from));
    h.event(button(from, true, modifiers));
    for k in 1..=4 {
        let t = k as f32 / 4.0;
        h.event(Event::PointerMoved(from + (to - from) * t));
    }
    h.event(button(to, false, modifiers));
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

fn click(h: &mut Harness<'_, App>, at: At, modifiers: Modifiers) {
    let at = at.pos(h);
    h.event(Event::ModifiersChanged(modifiers));
    h.event(Event::PointerMoved(at));
    h.event(button(at, true, modifiers));
    h.event(button(at, false, modifiers));
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

/// Click, then let the double-click delay pass (a plain click is reported only then).
fn click_and_wait(h: &mut Harness<'_, App>, at: At, modifiers: Modifiers) {
    click(h, at, modifiers);
    for _ in 0..40 {
        h.step();
    }
}

/// Char offset of the first occurrence of `needle` in `text`.
fn find(text: &str, needle: &str) -> usize {
    let b = text.find(needle).expect("needle in text");
    text[..b].chars().count()
}

const TEXT: &str = "Bộ Ngoại giao said 👍🏽 today, citing the report.\n\nA second paragraph follows here.\nAnd a third one.";

#[test]
fn drag_selects_char_range_over_vietnamese_text() {
    let mut h = harness(TEXT, Vec::new());
    // "Bộ " is 3 chars (ộ is one precomposed char), "Ngoại" 3..8, "giao" 9..13.
    drag(&mut h, At::Before(3), At::After(12), Modifiers::NONE);
    assert_eq!(h.state().reader.selection(), Some((3, 13)));
}

#[test]
fn drag_into_an_emoji_snaps_to_the_whole_grapheme() {
    let mut h = harness(TEXT, Vec::new());
    let said = find(TEXT, "said");
    let emoji = find(TEXT, "👍");
    // From the right half of the thumb (inside the 👍🏽 cluster) back to "said": the end is
    // snapped up past the skin-tone modifier.
    drag(&mut h, At::After(emoji), At::Before(said), Modifiers::NONE);
    assert_eq!(h.state().reader.selection(), Some((said, emoji + 2)));
}

#[test]
fn double_click_selects_a_word() {
    let mut h = harness(TEXT, Vec::new());
    click(&mut h, At::Center(10), Modifiers::NONE);
    click(&mut h, At::Center(10), Modifiers::NONE);
    assert_eq!(h.state().reader.selection(), Some((9, 13)));
}

#[test]
fn shift_click_extends_the_selection() {
    let mut h = harness(TEXT, Vec::new());
    let report = find(TEXT, "report");
    click(&mut h, At::Before(3), Modifiers::NONE);
    assert_eq!(h.state().reader.selection(), None);
    click(&mut h, At::After(report + 5), Modifiers::SHIFT);
    assert_eq!(h.state().reader.selection(), Some((3, report + 6)));
}

#[test]
fn drag_across_paragraphs_selects_across_the_break() {
    let mut h = harness(TEXT, Vec::new());
    let citing = find(TEXT, "citing");
    let second = find(TEXT, "second");
    drag(
        &mut h,
        At::Before(citing),
        At::After(second + 5),
        Modifiers::NONE,
    );
    assert_eq!(h.state().reader.selection(), Some((citing, second + 6)));
}

fn content(start: usize, end: usize, claim: &str) -> Mark {
    Mark {
        start,
        end,
        color: Color32::from_rgb(246, 195, 67),
        claim: claim.to_owned(),
        role: Role::Content,
    }
}

#[test]
fn clicking_a_highlight_reports_the_innermost_claim() {
    let first_end = find(TEXT, "\n");
    let marks = vec![
        content(0, first_end, "outer"),
        content(3, 13, "inner"),
        Mark {
            start: 0,
            end: 2,
            color: Color32::LIGHT_BLUE,
            claim: "inner".to_owned(),
            role: Role::Mention,
        },
    ];
    let mut h = harness(TEXT, marks.clone());
    click_and_wait(&mut h, At::Center(10), Modifiers::NONE);
    click_and_wait(&mut h, At::Center(find(TEXT, "said") + 1), Modifiers::NONE);
    click_and_wait(
        &mut h,
        At::Center(find(TEXT, "second") + 1),
        Modifiers::NONE,
    );
    let outs = &h.state().outputs;
    assert_eq!(outs.len(), 3, "{outs:?}");
    assert_eq!(outs[0].clicked_claim.as_deref(), Some("inner"));
    assert_eq!(outs[1].clicked_claim.as_deref(), Some("outer"));
    assert_eq!(outs[2].clicked_claim, None);
    assert!(outs[2].clicked_empty);
    assert!(!outs[0].clicked_empty);

    // Double-clicking a word inside a claim's highlight selects the word (to make it a mention
    // or cue of the claim being attributed) and does not pick the claim under it.
    let mut h = harness(TEXT, marks);
    click(&mut h, At::Center(10), Modifiers::NONE);
    click_and_wait(&mut h, At::Center(10), Modifiers::NONE);
    assert_eq!(h.state().reader.selection(), Some((9, 13)));
    let outs = &h.state().outputs;
    assert!(
        outs.iter()
            .all(|o| o.clicked_claim.is_none() && !o.clicked_empty),
        "{outs:?}"
    );
}

#[test]
fn ctrl_drag_adds_a_fragment_and_keeps_the_selection() {
    let mut h = harness(TEXT, Vec::new());
    h.state_mut().reader.set_selection(Some((0, 2)));
    let report = find(TEXT, "report");
    drag(
        &mut h,
        At::Before(report),
        At::After(report + 5),
        Modifiers::CTRL,
    );
    let fragments: Vec<_> = h
        .state()
        .outputs
        .iter()
        .filter_map(|o| o.add_fragment)
        .collect();
    assert_eq!(fragments, vec![(report, report + 6)]);
    assert_eq!(h.state().reader.selection(), Some((0, 2)));
}

#[test]
fn selection_bar_claim_button_gives_claim_action() {
    let mut h = harness(TEXT, Vec::new());
    drag(&mut h, At::Before(3), At::After(12), Modifiers::NONE);
    // Without a selected claim, Source and Cue do nothing.
    h.get_by_label("Source (S)").click();
    h.run();
    assert!(h.state().outputs.iter().all(|o| o.bar_action.is_none()));
    h.get_by_label("Claim (C)").click();
    h.run();
    let actions: Vec<_> = h
        .state()
        .outputs
        .iter()
        .filter_map(|o| o.bar_action)
        .collect();
    assert_eq!(actions, vec![BarAction::Claim]);
    // The selection is still there for the app to turn into a claim.
    assert_eq!(h.state().reader.selection(), Some((3, 13)));
}

#[test]
fn selection_bar_cue_button_works_with_a_selected_claim() {
    let mut h = harness(TEXT, Vec::new());
    h.state_mut().selected_claim = Some("c1".to_owned());
    drag(&mut h, At::Before(3), At::After(12), Modifiers::NONE);
    h.get_by_label("Cue (Q)").click();
    h.run();
    let actions: Vec<_> = h
        .state()
        .outputs
        .iter()
        .filter_map(|o| o.bar_action)
        .collect();
    assert_eq!(actions, vec![BarAction::Cue]);
}

fn long_text(paragraphs: usize) -> String {
    let mut s = String::new();
    for i in 0..paragraphs {
        let words = 5 + (i * 7) % 60;
        s.push_str(&format!("Paragraph {i}:"));
        for w in 0..words {
            s.push_str(if w % 3 == 0 { " Ngoại" } else { " word" });
        }
        s.push_str(".\n\n");
    }
    s
}

#[test]
fn scroll_to_a_far_offset_brings_it_on_screen() {
    let text = long_text(5000);
    let mut h = harness(&text, Vec::new());
    let target = find(&text, "Paragraph 4321:");
    assert!(h.state().reader.char_rect(target).is_none());
    h.state_mut().reader.scroll_to(target);
    h.run();
    let reader = &h.state().reader;
    let rect = reader.char_rect(target).expect("target laid out");
    let view = reader.visible_rect().expect("drawn");
    assert!(view.contains_rect(rect), "{rect:?} not inside {view:?}");
    // The layout at that rect is exact: the caret at its left edge is the target.
    assert_eq!(
        reader.offset_at(pos2(rect.min.x + 1.0, rect.center().y)),
        Some(target)
    );
}

#[test]
fn far_scroll_then_drag_across_three_paragraphs() {
    let text = long_text(5000);
    let mut h = harness(&text, Vec::new());
    let a = find(&text, "Paragraph 3000:");
    let b = find(&text, "Paragraph 3002:");
    h.state_mut().reader.scroll_to(a);
    h.run();
    drag(&mut h, At::Before(a), At::After(b + 8), Modifiers::NONE);
    assert_eq!(h.state().reader.selection(), Some((a, b + 9)));
}

#[test]
fn scrolling_up_into_unmeasured_paragraphs_keeps_the_text_still() {
    let text = long_text(5000);
    let mut h = harness(&text, Vec::new());
    h.state_mut()
        .reader
        .scroll_to(find(&text, "Paragraph 4321:"));
    h.run();
    // Wheel up in equal steps over paragraphs never laid out (their heights were estimates):
    // every step must move the text on screen by the same amount, without jumps.
    let mut moves = Vec::new();
    for _ in 0..30 {
        let reader = &h.state().reader;
        let view = reader.visible_rect().expect("drawn");
        let c = reader.offset_at(view.center()).expect("text in view");
        let y0 = reader.char_rect(c).expect("on screen").min.y;
        h.event(Event::PointerMoved(view.center()));
        h.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, 40.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        h.run();
        let y1 = h
            .state()
            .reader
            .char_rect(c)
            .expect("still on screen")
            .min
            .y;
        moves.push(y1 - y0);
    }
    let first = moves[0];
    assert!(first > 10.0, "the wheel scrolled: {moves:?}");
    assert!(
        moves.iter().all(|m| (m - first).abs() < 1.0),
        "uneven scrolling: {moves:?}"
    );
}

#[test]
fn resizing_keeps_the_text_at_the_top_of_the_view() {
    let text = long_text(5000);
    let mut h = harness(&text, Vec::new());
    h.state_mut()
        .reader
        .scroll_to(find(&text, "Paragraph 2500:"));
    h.run();
    let (c, dy) = {
        let reader = &h.state().reader;
        let view = reader.visible_rect().expect("drawn");
        let c = reader
            .offset_at(pos2(view.min.x + 1.0, view.min.y + 5.0))
            .expect("text at the top");
        let dy = reader.char_rect(c).expect("on screen").min.y - view.min.y;
        (c, dy)
    };
    // Narrower: every paragraph rewraps and the heights above were estimates.
    h.set_size(vec2(560.0, 600.0));
    h.run();
    let reader = &h.state().reader;
    let view = reader.visible_rect().expect("drawn");
    let rect = reader
        .char_rect(c)
        .expect("still on screen after the resize");
    assert!(
        (rect.min.y - view.min.y - dy).abs() < 1.0,
        "char {c} moved from {dy} to {} below the top",
        rect.min.y - view.min.y
    );
}

#[test]
fn a_drag_that_ends_inside_a_word_selects_whole_words_and_alt_selects_by_character() {
    let mut h = harness(TEXT, Vec::new());
    // From inside "Ngoại" (char 5, "ạ") to inside "giao" (char 10, "i").
    drag(&mut h, At::Center(5), At::Center(10), Modifiers::NONE);
    assert_eq!(h.state().reader.selection(), Some((3, 13)), "Ngoại giao");
    // With Alt, exactly the characters dragged over.
    drag(&mut h, At::Before(5), At::After(10), Modifiers::ALT);
    assert_eq!(h.state().reader.selection(), Some((5, 11)));
}

fn press(h: &mut Harness<'_, App>, key: egui::Key, modifiers: Modifiers) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

#[test]
fn the_keyboard_scrolls_the_reader() {
    let text = long_text(3000);
    let mut h = harness(&text, Vec::new());
    let top = |h: &Harness<'_, App>| h.state().reader.reading_position().unwrap();
    assert_eq!(top(&h), 0);
    press(&mut h, egui::Key::ArrowDown, Modifiers::NONE);
    let line = top(&h);
    assert!(line > 0, "a line down");
    press(&mut h, egui::Key::PageDown, Modifiers::NONE);
    let page = top(&h);
    assert!(page > line, "a page down: {page} > {line}");
    press(&mut h, egui::Key::Space, Modifiers::NONE);
    assert!(top(&h) > page, "Space pages down too");
    press(&mut h, egui::Key::Space, Modifiers::SHIFT);
    assert_eq!(top(&h), page, "Shift+Space pages back up");
    press(&mut h, egui::Key::PageUp, Modifiers::NONE);
    assert!(top(&h) < page);
    // End and Ctrl+End: the last paragraph is in view; Home and Ctrl+Home: the first.
    let last = find(&text, "Paragraph 2999:");
    for m in [Modifiers::NONE, Modifiers::COMMAND] {
        press(&mut h, egui::Key::End, m);
        let rect = h
            .state()
            .reader
            .char_rect(last)
            .expect("the end is laid out");
        let view = h.state().reader.visible_rect().unwrap();
        assert!(view.contains_rect(rect), "{m:?}: {rect:?} in {view:?}");
        press(&mut h, egui::Key::Home, m);
        assert_eq!(top(&h), 0, "{m:?}");
    }
}

#[test]
fn a_remembered_reading_position_is_restored_at_the_top() {
    let text = long_text(3000);
    let target = find(&text, "Paragraph 1234:");
    let mut h = harness(&text, Vec::new());
    h.state_mut().reader.scroll_to_top_at(target);
    h.run();
    let at = h.state().reader.reading_position().unwrap();
    assert!(
        at.abs_diff(target) < 5,
        "{at} is the top of the view, near {target}"
    );
}
