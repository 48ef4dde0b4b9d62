//! The virtualised reader on a long document, checked against a naive layout, and the whole
//! window jumping to and selecting in a claim far down a 5,000-paragraph document.
//!
//! The reader lays out one galley per paragraph and only the paragraphs in view; these tests
//! lay out the same paragraphs the simple way (one galley each, laid out here with egui's own
//! API, with the same font, wrap width and line height) and check that every char and every
//! highlight lands at the same place relative to its paragraph, also after `scroll_to` near the
//! end and after a window resize, and that the painted underlines of overlapping claims match.

use claimtrace::edit::ops;
use claimtrace::model::Project;
use claimtrace::ui::fonts;
use claimtrace::ui::reader::{Mark, ReaderInput, ReaderState, Role};
use claimtrace::ui::{App, NoDialogs};
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Modifiers, Pos2, Rect, Shape, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::PathBuf;
use std::sync::Arc;

const FONT_SIZE: f32 = 16.0;

/// `n` paragraphs of about 200 chars (some Vietnamese), separated by blank lines, numbered so a
/// test can find one: "P<i>: …".
fn long_text(n: usize) -> String {
    const WORDS: &[&str] = &[
        "the",
        "report",
        "said",
        "Bộ",
        "Ngoại",
        "giao",
        "“quoted”",
        "prisoners",
        "according",
        "to",
        "officials",
        "censorship",
        "activists",
        "told",
        "Reuters",
        "spokesman",
    ];
    let mut s = String::new();
    let mut k = 7usize;
    for i in 0..n {
        s.push_str(&format!("P{i}:"));
        let target = 120 + (i * 37) % 160;
        let mut len = 0;
        while len < target {
            k = (k * 31 + 17) % 9973;
            let w = WORDS[k % WORDS.len()];
            s.push(' ');
            s.push_str(w);
            len += w.chars().count() + 1;
        }
        s.push_str(".\n\n");
    }
    s
}

/// Char ranges of the paragraphs (non-empty lines) of `text`.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let n = line.chars().count();
        if n > 0 {
            out.push((at, at + n));
        }
        at += n + 1;
    }
    out
}

/// Char offset of the first occurrence of `needle`.
fn find(text: &str, needle: &str) -> usize {
    let b = text.find(needle).expect("needle in text");
    text[..b].chars().count()
}

/// Per paragraph: a long mark, one overlapping it, one nested in it, and every fifth paragraph
/// a mark running on into the next paragraph. Each mark has its own colour.
fn marks_for(paras: &[(usize, usize)]) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut add = |start: usize, end: usize| {
        let i = marks.len();
        marks.push(Mark {
            start,
            end,
            color: Color32::from_rgb((i % 251) as u8, ((i / 251) % 251) as u8, 7),
            claim: format!("c{i}"),
            role: Role::Content,
        });
    };
    for (p, &(s, e)) in paras.iter().enumerate() {
        let len = e - s;
        add(s + 3, s + len * 2 / 3);
        add(s + len / 2, e - 2);
        add(s + len / 4, s + len / 3);
        if p % 5 == 0
            && let Some(&(ns, _)) = paras.get(p + 1)
        {
            add(e - 20, ns + 12);
        }
    }
    marks
}

struct Bare {
    reader: ReaderState,
    text: String,
    marks: Vec<Mark>,
    /// The width the reader was given, last frame.
    avail: f32,
    font_size: f32,
}

fn bare_harness(text: String, marks: Vec<Mark>) -> Harness<'static, Bare> {
    let state = Bare {
        reader: ReaderState::default(),
        text,
        marks,
        avail: 0.0,
        font_size: FONT_SIZE,
    };
    let mut h = Harness::builder()
        .with_size(vec2(900.0, 600.0))
        .with_step_dt(0.01)
        .with_max_steps(200)
        .with_context_setup(|ctx| ctx.set_fonts(fonts::definitions()))
        .build_ui_state(
            |ui, s: &mut Bare| {
                s.avail = ui.available_width();
                let input = ReaderInput {
                    doc_id: "long",
                    text: &s.text,
                    marks: &s.marks,
                    marks_version: 1,
                    selected_claim: None,
                    find: &[],
                    find_current: None,
                    font_size: s.font_size,
                    describe: None,
                };
                s.reader.show(ui, &input);
            },
            state,
        );
    h.run();
    h
}

/// The wrap width the design gives the text column: the width less a margin of 1.2 em on each
/// side, at most 36 em (about 75 chars) and at least 4 em.
fn column(avail: f32) -> f32 {
    let margin = (FONT_SIZE * 1.2).round();
    (avail - 2.0 * margin).clamp(FONT_SIZE * 4.0, FONT_SIZE * 36.0)
}

/// The naive layout of one paragraph: a plain galley with the same font, wrap width and line
/// height (1.5 em) as the reader's.
fn naive_galley(ctx: &egui::Context, text: &str, wrap: f32) -> Arc<Galley> {
    let mut job = LayoutJob::single_section(
        text.to_owned(),
        TextFormat {
            font_id: FontId::proportional(FONT_SIZE),
            line_height: Some((FONT_SIZE * 1.5).round()),
            ..Default::default()
        },
    );
    job.wrap.max_width = wrap;
    ctx.fonts_mut(|f| f.layout_job(job))
}

/// The caret before char `i` of the galley (on the row the char is on).
fn caret_before(g: &Galley, i: usize) -> Rect {
    g.pos_from_cursor(CCursor {
        index: i.into(),
        prefer_next_row: true,
    })
}

/// The caret after char `i` of the galley (on the row the char is on).
fn caret_after(g: &Galley, i: usize) -> Rect {
    g.pos_from_cursor(CCursor {
        index: (i + 1).into(),
        prefer_next_row: false,
    })
}

/// Rects (one per row) covering chars `a..b` of the naive galley, built from its carets.
fn naive_rects(g: &Galley, a: usize, b: usize) -> Vec<Rect> {
    let mut out: Vec<Rect> = Vec::new();
    for i in a..b {
        let (l, r) = (caret_before(g, i), caret_after(g, i));
        let glyph = Rect::from_min_max(l.min, pos2(r.min.x, l.max.y));
        match out.last_mut() {
            Some(last) if (last.min.y - glyph.min.y).abs() < 0.01 => {
                last.max.x = glyph.max.x;
            }
            _ => out.push(glyph),
        }
    }
    out
}

fn close(a: Rect, b: Rect) -> bool {
    (a.min - b.min).length() < 0.05 && (a.max - b.max).length() < 0.05
}

/// Compare every paragraph the reader drew last frame with the naive layout; returns how many
/// paragraphs and marks were compared.
fn compare_with_naive(h: &Harness<'_, Bare>, paras: &[(usize, usize)]) -> (usize, usize) {
    let s = h.state();
    let reader = &s.reader;
    let wrap = column(s.avail);
    let (lo, hi) = reader.laid_out_range().expect("something laid out");
    let view = reader.visible_rect().expect("drawn");
    let first = paras.partition_point(|&(_, e)| e <= lo);
    let last = paras.partition_point(|&(st, _)| st < hi);
    assert!(last > first, "no paragraph in {lo}..{hi}");
    let ctx = &h.ctx;
    let mut origins: Vec<(Pos2, f32)> = Vec::new();
    let mut marks_seen = 0;
    // Underlines painted last frame, by colour.
    let mut underlines: Vec<([Pos2; 2], Color32)> = Vec::new();
    for cs in &h.output().shapes {
        collect_lines(&cs.shape, &mut underlines);
    }
    for &(ps, pe) in &paras[first..last] {
        let para_text: String = s.text.chars().skip(ps).take(pe - ps).collect();
        let g = naive_galley(ctx, &para_text, wrap);
        let origin = reader
            .char_rect(ps)
            .expect("first char of a laid-out paragraph")
            .min;
        let naive_origin = caret_before(&g, 0).min;
        origins.push((origin, g.size().y));
        // Every char at the same place relative to the paragraph.
        for i in 0..pe - ps {
            let got = reader
                .char_rect(ps + i)
                .expect("char of a laid-out paragraph")
                .translate(-origin.to_vec2());
            let l = caret_before(&g, i);
            let r = caret_after(&g, i);
            let want = Rect::from_min_max(l.min, pos2(r.min.x, l.max.y))
                .translate(-naive_origin.to_vec2());
            assert!(
                close(got, want),
                "char {} (paragraph at {ps}, local {i}): reader {got:?}, naive {want:?}",
                ps + i
            );
        }
        // Every highlight (the part in this paragraph) covers the same rects.
        for m in s.marks.iter().filter(|m| m.start < pe && m.end > ps) {
            let (a, b) = (m.start.max(ps), m.end.min(pe));
            let got: Vec<Rect> = reader
                .range_rects(a, b)
                .into_iter()
                .map(|r| r.translate(-origin.to_vec2()))
                .collect();
            let want: Vec<Rect> = naive_rects(&g, a - ps, b - ps)
                .into_iter()
                .map(|r| r.translate(-naive_origin.to_vec2()))
                .collect();
            assert_eq!(got.len(), want.len(), "{}: {got:?} vs {want:?}", m.claim);
            for (g2, w) in got.iter().zip(&want) {
                assert!(close(*g2, *w), "{}: {got:?} vs {want:?}", m.claim);
            }
            // The painted underlines of this mark (its own colour) span the same rows and x
            // ranges, where the rows are on screen.
            for w in &want {
                let row = w.translate(origin.to_vec2());
                if row.max.y < view.min.y || row.min.y > view.max.y {
                    continue;
                }
                let mut xs: Vec<(f32, f32)> = underlines
                    .iter()
                    .filter(|(pts, c)| {
                        // Underlines sit at the foot of their row, stacked downwards by
                        // nesting level (never as far as the next row's foot).
                        *c == m.color
                            && pts[0].y > row.center().y
                            && pts[0].y < row.max.y + row.height() / 2.0
                    })
                    .map(|(pts, _)| (pts[0].x.min(pts[1].x), pts[0].x.max(pts[1].x)))
                    .collect();
                xs.sort_by(|a, b| a.0.total_cmp(&b.0));
                let covered = xs
                    .iter()
                    .fold(None::<(f32, f32)>, |acc, &(x0, x1)| match acc {
                        None => Some((x0, x1)),
                        Some((a0, a1)) if x0 <= a1 + 0.05 => Some((a0, a1.max(x1))),
                        Some(other) => Some(other),
                    });
                let ok = covered.is_some_and(|(x0, x1)| {
                    (x0 - row.min.x).abs() < 0.05 && (x1 - row.max.x).abs() < 0.05
                });
                assert!(
                    ok,
                    "{}: underline {covered:?}, row {:?}..{:?}",
                    m.claim, row.min.x, row.max.x
                );
            }
            marks_seen += 1;
        }
    }
    // Paragraphs follow one another at the naive heights plus one constant gap: nothing
    // overlaps and nothing drifts.
    let gaps: Vec<f32> = origins
        .windows(2)
        .map(|w| w[1].0.y - w[0].0.y - w[0].1)
        .collect();
    let g0 = gaps.first().copied().unwrap_or(1.0);
    assert!(g0 > 0.0, "paragraphs overlap: {gaps:?}");
    assert!(
        gaps.iter().all(|g| (g - g0).abs() < 0.05),
        "uneven paragraph spacing: {gaps:?}"
    );
    assert!(
        origins
            .windows(2)
            .all(|w| (w[0].0.x - w[1].0.x).abs() < 0.05),
        "paragraphs not aligned: {origins:?}"
    );
    (last - first, marks_seen)
}

fn collect_lines(shape: &Shape, out: &mut Vec<([Pos2; 2], Color32)>) {
    match shape {
        Shape::LineSegment { points, stroke } => out.push((*points, stroke.color)),
        Shape::Vec(v) => v.iter().for_each(|s| collect_lines(s, out)),
        _ => {}
    }
}

#[test]
fn virtualised_reader_matches_a_naive_layout_at_the_start_the_end_and_after_a_resize() {
    let text = long_text(5200);
    let paras = paragraphs(&text);
    assert_eq!(paras.len(), 5200);
    let marks = marks_for(&paras);
    let mut h = bare_harness(text.clone(), marks);
    let mut compared = Vec::new();

    // At the start.
    compared.push(compare_with_naive(&h, &paras));

    // Near the end, reached by scroll_to (every paragraph above is an estimate).
    let target = find(&text, "P5150:");
    h.state_mut().reader.scroll_to(target);
    h.run();
    let (lo, hi) = h.state().reader.laid_out_range().expect("laid out");
    assert!(lo <= target && target < hi, "{target} not in {lo}..{hi}");
    compared.push(compare_with_naive(&h, &paras));

    // The very last paragraphs.
    h.state_mut().reader.scroll_to(text.chars().count() - 3);
    h.run();
    compared.push(compare_with_naive(&h, &paras));

    // A narrower window: everything rewraps at the new width.
    h.state_mut().reader.scroll_to(find(&text, "P4990:"));
    h.run();
    h.set_size(vec2(560.0, 600.0));
    h.run();
    assert!(
        column(h.state().avail) < FONT_SIZE * 36.0,
        "the column narrowed"
    );
    compared.push(compare_with_naive(&h, &paras));

    // Each check saw several paragraphs and highlights.
    assert!(
        compared.iter().all(|&(p, m)| p >= 3 && m >= 9),
        "{compared:?}"
    );
}

/// The char at the top of the view and its distance below the view's top.
fn top_char(h: &Harness<'_, Bare>) -> (usize, f32) {
    let reader = &h.state().reader;
    let view = reader.visible_rect().expect("drawn");
    let c = reader
        .offset_at(pos2(view.min.x + 1.0, view.min.y + 5.0))
        .expect("text at the top");
    let dy = reader.char_rect(c).expect("on screen").min.y - view.min.y;
    (c, dy)
}

#[test]
fn resizing_near_the_end_of_a_long_document_keeps_the_text_still() {
    // Near the end, the new position lies beyond the old (estimated) content height: the
    // scroll area must not take it for an overscroll and spring the text away.
    let text = long_text(5200);
    let mut h = bare_harness(text.clone(), Vec::new());
    h.state_mut().reader.scroll_to(find(&text, "P5150:"));
    h.run();
    let (c, dy) = top_char(&h);
    h.set_size(vec2(560.0, 600.0));
    h.run();
    for _ in 0..20 {
        h.step();
    }
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
    // And wider again.
    h.set_size(vec2(1100.0, 600.0));
    h.run();
    for _ in 0..20 {
        h.step();
    }
    let reader = &h.state().reader;
    let rect = reader.char_rect(c).expect("still on screen after widening");
    assert!(
        (rect.min.y - view.min.y - dy).abs() < 1.0,
        "char {c} moved from {dy} to {} below the top",
        rect.min.y - view.min.y
    );
}

#[test]
fn a_bigger_font_near_the_end_of_a_long_document_keeps_the_text_still() {
    let text = long_text(5200);
    let mut h = bare_harness(text.clone(), Vec::new());
    h.state_mut().reader.scroll_to(find(&text, "P5150:"));
    h.run();
    let (c, dy) = top_char(&h);
    h.state_mut().font_size = 22.0;
    h.run();
    for _ in 0..20 {
        h.step();
    }
    let reader = &h.state().reader;
    let view = reader.visible_rect().expect("drawn");
    let rect = reader
        .char_rect(c)
        .expect("still on screen with the bigger font");
    assert!(
        (rect.min.y - view.min.y - dy).abs() < 1.0,
        "char {c} moved from {dy} to {} below the top",
        rect.min.y - view.min.y
    );
}

// --- the whole window ------------------------------------------------------------------------

/// The demo's labels with one long document and a claim on each of `quotes` (first match).
fn long_project(text: &str, quotes: &[&str]) -> (Project, Vec<String>) {
    let mut p = claimtrace::demo::demo_project().expect("demo project");
    let origin = p.documents[0].origin.clone();
    p.claims.clear();
    p.documents.clear();
    let doc = claimtrace::model::Document::new("A long report", text.to_owned(), origin);
    let doc_id = doc.id.clone();
    ops::add_document(&p, doc).apply(&mut p).expect("add doc");
    let mut ids = Vec::new();
    for q in quotes {
        let s = find(text, q);
        let c =
            ops::new_claim(&p, &doc_id, "claim", &[(s, s + q.chars().count())]).expect("a claim");
        ids.push(c.id.clone());
        ops::add_claim(&p, c).apply(&mut p).expect("add claim");
    }
    (p, ids)
}

fn app_harness(p: Project, config: PathBuf) -> Harness<'static, App> {
    let app = App::new(p, None, Arc::new(NoDialogs), config);
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(0.1)
        .with_max_steps(64)
        .with_context_setup(fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

#[test]
fn choosing_a_claim_near_the_end_of_a_long_document_scrolls_to_it_and_selects_it() {
    let text = long_text(5000);
    let near_start = "P3: ";
    let near_end = "P4987: ";
    let (p, ids) = long_project(&text, &[near_start, near_end]);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_harness(p, dir.path().join("config"));
    let (start, end) = {
        let c = h.state().project().claim(&ids[1]).expect("claim");
        (c.start(), c.end())
    };
    {
        let r = h.state_mut().reader_mut();
        assert!(
            r.range_rects(start, end).is_empty(),
            "the claim starts off screen"
        );
    }
    // Click its row in the claims list.
    h.get_by_label_contains("Claim: P4987:").click();
    h.run();
    assert_eq!(h.state().selected_claim(), Some(ids[1].as_str()));
    let r = h.state_mut().reader_mut();
    let view = r.visible_rect().expect("reader drawn");
    let rects = r.range_rects(start, end);
    assert!(!rects.is_empty(), "the claim is laid out");
    assert!(
        rects.iter().all(|rc| view.contains_rect(*rc)),
        "{rects:?} not inside {view:?}"
    );
    // What is under the claim's first char on screen is that char.
    let first = r.char_rect(start).expect("on screen");
    assert_eq!(
        r.offset_at(pos2(first.min.x + 1.0, first.center().y)),
        Some(start)
    );
}

#[test]
fn a_mouse_drag_across_three_paragraphs_far_down_selects_their_char_range() {
    let text = long_text(5000);
    let (p, _) = long_project(&text, &[]);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_harness(p, dir.path().join("config"));
    let a = find(&text, "P4200:");
    let b = find(&text, "P4202:");
    h.state_mut().reader_mut().scroll_to(a);
    h.run();
    let char_rect = |h: &mut Harness<'static, App>, at: usize| {
        h.state_mut()
            .reader_mut()
            .char_rect(at)
            .unwrap_or_else(|| panic!("char {at} is not on screen"))
    };
    // From the left edge of "P4200:" to the right edge of "P4202:".
    let from = char_rect(&mut h, a).left_center() + vec2(1.0, 0.0);
    let to = char_rect(&mut h, b + 5).right_center() - vec2(1.0, 0.0);
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.event(egui::Event::PointerMoved(from));
    h.event(button(from, true));
    h.step();
    for i in 1..=4 {
        h.event(egui::Event::PointerMoved(
            from + (to - from) * (i as f32 / 4.0),
        ));
        h.step();
    }
    h.event(button(to, false));
    h.run();
    assert_eq!(h.state_mut().reader_mut().selection(), Some((a, b + 6)));
}

#[test]
fn the_reading_position_of_each_document_is_kept_across_restarts() {
    let text = long_text(3000);
    let (p, _) = long_project(&text, &[]);
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    let mut h = app_harness(p.clone(), config.clone());
    // Read on: three screens down with the keyboard, then let two seconds pass.
    for _ in 0..3 {
        h.key_press(egui::Key::PageDown);
        h.run();
    }
    let at = h
        .state_mut()
        .reader_mut()
        .reading_position()
        .expect("laid out");
    assert!(at > 1000, "three screens down: {at}");
    for _ in 0..25 {
        h.step();
    }
    drop(h);
    // A new window on the same text (a new session) starts where the reader left off.
    let mut h = app_harness(p, config);
    h.run();
    let again = h
        .state_mut()
        .reader_mut()
        .reading_position()
        .expect("laid out");
    assert!(again.abs_diff(at) < 80, "{again} near {at}");
}
