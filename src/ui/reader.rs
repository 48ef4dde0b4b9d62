//! The document reader: a custom widget over per-paragraph galleys that lays out only the
//! paragraphs in view, paints claim highlights, and turns pointer input into char selections.
//!
//! How it stays fast on a whole book (DESIGN.md, "Document view"):
//! - the document's paragraphs (char and byte ranges) are computed once per document;
//! - every paragraph has a cached height for the current wrap width and font size, estimated
//!   from its char count until it is first laid out; prefix sums of the heights give each
//!   paragraph's top, and a binary search finds the first one in view;
//! - only the paragraphs in view are laid out; a galley is cached per paragraph and rebuilt only
//!   when the wrap width, the font size or the text colour change. Highlights, the selection and
//!   find matches are painted as shapes under and over the cached galley, so a new claim, a new
//!   selection or a new find never re-lays out text;
//! - marks are indexed per paragraph once per `marks_version`; per frame only the marks of the
//!   visible paragraphs are flattened (a sweep over their boundaries).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Id, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, pos2, vec2};

use crate::text;

// The reader in five parts, each an `impl ReaderState` block over the state defined here.
mod access;
mod caret;
mod layout;
mod paint;
mod selection;

use layout::{cursor_rect, range_rects};
pub use paint::dashed_rect;
use selection::{KeyScroll, keyboard_scroll};

/// What part of a claim a mark shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Content,
    Mention,
    Cue,
    /// Another annotator's claim content while comparing projects: a dashed outline in the
    /// mark's colour, not clickable (it is not a claim of this project).
    Theirs,
    /// A suggestion's content: outlined in the label's colour, never filled (it is not a claim
    /// yet); clickable (it makes the suggestion current).
    GhostContent,
    /// A suggestion's source mention: a dashed box.
    GhostMention,
    /// A suggestion's cue: a dashed underline.
    GhostCue,
}

/// The colour that marks a role (mention: blue boxes, cue: magenta underlines), shared by the
/// reader and the inspector so both speak the same visual language.
pub fn role_color(role: Role, dark: bool) -> Color32 {
    match (role, dark) {
        (Role::Mention, true) => Color32::from_rgb(120, 190, 255),
        (Role::Mention, false) => Color32::from_rgb(20, 90, 200),
        (Role::Cue, true) => Color32::from_rgb(255, 120, 200),
        (Role::Cue, false) => Color32::from_rgb(190, 20, 120),
        (Role::Content, true) => Color32::from_rgb(246, 195, 67),
        (Role::Content, false) => Color32::from_rgb(160, 110, 0),
        (Role::Theirs, _) => Color32::from_rgb(204, 121, 167),
        (Role::GhostContent, d) => role_color(Role::Content, d),
        (Role::GhostMention, d) => role_color(Role::Mention, d),
        (Role::GhostCue, d) => role_color(Role::Cue, d),
    }
}

/// One highlight: a char range of the document text belonging to a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub color: Color32,
    /// The claim's id.
    pub claim: String,
    pub role: Role,
}

/// What the reader shows this frame.
pub struct ReaderInput<'a> {
    pub doc_id: &'a str,
    /// Normalised document text; all offsets are char offsets into it.
    pub text: &'a str,
    /// Every highlight of this document (content fragments, mentions, cues).
    pub marks: &'a [Mark],
    /// Changes whenever `marks` or `selected_claim` change (cache key for paragraph layouts).
    pub marks_version: u64,
    pub selected_claim: Option<&'a str>,
    /// Find matches (char ranges, sorted by start) and the index of the current one.
    pub find: &'a [(usize, usize)],
    pub find_current: Option<usize>,
    pub font_size: f32,
    /// What a mark is, in words, for the accessibility tree ("claim by Amnesty International,
    /// unverified"); asked once per `marks_version`. Without it a mark is named by its role.
    pub describe: Option<&'a dyn Fn(&Mark) -> String>,
}

/// An action from the small bar shown beside a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarAction {
    /// Make the selection a claim (same as `C`).
    Claim,
    /// Make the selection the selected claim's source mention (same as `S`).
    Mention,
    /// Make the selection the selected claim's cue (same as `Q`).
    Cue,
}

/// What happened in the reader this frame.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ReaderOutput {
    /// A click (not a drag) on a highlight: the innermost claim under the pointer.
    pub clicked_claim: Option<String>,
    /// A click on text with no highlight (the app deselects the claim).
    pub clicked_empty: bool,
    pub bar_action: Option<BarAction>,
    /// A Ctrl+drag finished over this (tidied) range: add it as a fragment.
    pub add_fragment: Option<(usize, usize)>,
}

/// How long a flash lasts, in seconds.
const FLASH_SECONDS: f64 = 1.2;
/// Comfortable measure: the text column is at most this many font sizes wide (~75 chars).
const COLUMN_EMS: f32 = 36.0;
/// Line height as a multiple of the font size.
const LINE_SPACING: f32 = 1.5;
/// Space between paragraphs as a multiple of the font size.
const PARAGRAPH_GAP: f32 = 0.9;

/// The paragraphs of one document, computed once per document.
#[derive(Default)]
struct DocIndex {
    doc_id: String,
    text_len: usize,
    /// Char ranges of the paragraphs (non-empty lines).
    chars: Vec<Range<usize>>,
    /// Byte ranges of the same paragraphs.
    bytes: Vec<Range<usize>>,
    /// Total chars in the text.
    char_len: usize,
}

/// Cached heights and layouts for one wrap width and font size.
#[derive(Default)]
struct Layouts {
    width: f32,
    font_size: f32,
    color: Color32,
    /// Height of each paragraph including the gap after it.
    heights: Vec<f32>,
    /// `tops[i]` is the top of paragraph i; `tops[n]` the total height.
    tops: Vec<f32>,
    dirty: bool,
    galleys: HashMap<usize, Arc<Galley>>,
    avg_char_width: f32,
    row_height: f32,
    gap: f32,
}

/// Marks indexed by paragraph, rebuilt when `marks_version` changes.
#[derive(Default)]
struct MarkIndex {
    version: Option<u64>,
    doc_id: String,
    /// For each paragraph, indices of the marks that overlap it.
    by_para: Vec<Vec<u32>>,
    /// Each mark's name in the accessibility tree.
    names: Vec<String>,
}

/// One paragraph as drawn in the last frame.
struct Placed {
    para: usize,
    /// Screen position of the galley's top-left.
    pos: Pos2,
    galley: Arc<Galley>,
}

/// A drag in progress.
#[derive(Clone, Copy)]
struct Drag {
    anchor: usize,
    /// Ctrl+drag: adds a fragment rather than selecting.
    fragment: bool,
}

/// The reader's state, kept by the app across frames (one per open document is fine).
#[derive(Default)]
pub struct ReaderState {
    selection: Option<(usize, usize)>,
    scroll_request: Option<usize>,
    flash: Option<(usize, usize, f64)>,
    /// Where a shift-click extends the selection from.
    anchor: Option<usize>,
    drag: Option<Drag>,
    /// The tidied range of a Ctrl+drag in progress (painted like a selection).
    fragment_preview: Option<(usize, usize)>,
    doc: DocIndex,
    layouts: Layouts,
    marks: MarkIndex,
    placed: Vec<Placed>,
    /// Height corrections this frame of paragraphs above the view.
    pending_shift: f32,
    /// A scroll offset to set next frame (compensating `pending_shift`).
    pending_offset: Option<f32>,
    /// The visible part of the reader on screen, last frame.
    clip_rect: Option<Rect>,
    /// The scroll offset last frame (for keyboard scrolling).
    offset_y: f32,
    /// Scroll so that this char is at the top of the view (next frame): a remembered reading
    /// position.
    top_request: Option<usize>,
    /// A plain click waiting out the double-click delay: (claim under it, time). Reported only
    /// if no double-click follows, so double-clicking a word inside another claim's highlight
    /// (to select a mention or cue) does not switch the selected claim.
    pending_click: Option<(Option<String>, f64)>,
    /// The keyboard caret (a char offset), shown while the reader has keyboard focus.
    caret: Option<usize>,
    /// The x the caret keeps when moving up and down through rows of different lengths.
    caret_x: Option<f32>,
    /// The caret moved by a key this frame: bring it into view.
    caret_moved: bool,
    /// Give the reader keyboard focus next frame.
    focus_request: bool,
    /// Did the reader have keyboard focus last frame?
    focused: bool,
    /// The last message, spoken by screen readers from a polite live region.
    announcement: String,
    /// Each paragraph's text as published to the accessibility tree while it is not laid out.
    access: access::PlainRuns,
}

impl ReaderState {
    /// The current selection, snapped to graphemes and trimmed (start < end).
    pub fn selection(&self) -> Option<(usize, usize)> {
        self.selection
    }

    pub fn set_selection(&mut self, sel: Option<(usize, usize)>) {
        self.selection = sel;
        self.anchor = sel.map(|(s, _)| s);
        if let Some((_, e)) = sel {
            self.caret = Some(e);
        }
    }

    /// The keyboard caret (char offset), if placed.
    pub fn caret(&self) -> Option<usize> {
        self.caret
    }

    /// Put the caret at `at` (no selection) and bring it into view.
    pub fn set_caret(&mut self, at: usize) {
        self.caret = Some(at);
        self.caret_x = None;
        self.caret_moved = true;
        self.selection = None;
        self.anchor = Some(at);
    }

    /// Give the reader keyboard focus next frame (back from a dialog).
    pub fn request_focus(&mut self) {
        self.focus_request = true;
    }

    /// Did the reader have keyboard focus last frame?
    pub fn has_focus(&self) -> bool {
        self.focused
    }

    /// Say `text` through the reader's polite live region (screen readers speak it).
    pub fn announce(&mut self, text: impl Into<String>) {
        self.announcement = text.into();
    }

    /// The last announcement.
    pub fn announcement(&self) -> &str {
        &self.announcement
    }

    pub fn clear_selection(&mut self) {
        self.selection = None;
        self.anchor = None;
    }

    /// Scroll so that char offset `at` is in view (next frame).
    pub fn scroll_to(&mut self, at: usize) {
        self.scroll_request = Some(at);
    }

    /// Scroll so that char offset `at` is at the top of the view (next frame): where the reader
    /// left off.
    pub fn scroll_to_top_at(&mut self, at: usize) {
        self.top_request = Some(at);
    }

    /// The char at the top of the view in the last frame (the reading position), if laid out.
    pub fn reading_position(&self) -> Option<usize> {
        self.top_anchor().map(|(at, _)| at)
    }

    /// Briefly flash the range `start..end` (after scrolling to a claim).
    pub fn flash(&mut self, start: usize, end: usize, now: f64) {
        self.flash = Some((start, end, now));
    }

    /// Screen rect of the char at offset `at` as drawn in the last frame (a zero-width rect at
    /// the end of a paragraph), or `None` when it was not laid out (out of view).
    pub fn char_rect(&self, at: usize) -> Option<Rect> {
        let placed = self.placed_for(at)?;
        let range = self.doc.chars.get(placed.para)?;
        let local = at - range.start;
        let rects = range_rects(&placed.galley, placed.pos, local, local + 1);
        rects
            .first()
            .copied()
            .or_else(|| Some(cursor_rect(&placed.galley, placed.pos, local)))
    }

    /// Screen rects covering chars `start..end` as drawn in the last frame (only the parts that
    /// were laid out), one per row.
    pub fn range_rects(&self, start: usize, end: usize) -> Vec<Rect> {
        let mut out = Vec::new();
        for placed in &self.placed {
            let Some(r) = self.doc.chars.get(placed.para) else {
                continue;
            };
            let (s, e) = (start.max(r.start), end.min(r.end));
            if s < e {
                out.extend(range_rects(
                    &placed.galley,
                    placed.pos,
                    s - r.start,
                    e - r.start,
                ));
            }
        }
        out
    }

    /// The char range of the paragraphs laid out in the last frame.
    pub fn laid_out_range(&self) -> Option<(usize, usize)> {
        let first = self.placed.first()?;
        let last = self.placed.last()?;
        Some((
            self.doc.chars.get(first.para)?.start,
            self.doc.chars.get(last.para)?.end,
        ))
    }

    /// The visible part of the reader on screen, last frame.
    pub fn visible_rect(&self) -> Option<Rect> {
        self.clip_rect
    }

    /// The char offset of the caret position nearest to screen point `pos` (last frame's layout).
    pub fn offset_at(&self, pos: Pos2) -> Option<usize> {
        if self.placed.is_empty() {
            return None;
        }
        let i = self
            .placed
            .partition_point(|p| p.pos.y + p.galley.size().y <= pos.y)
            .min(self.placed.len() - 1);
        let p = &self.placed[i];
        let c = p.galley.cursor_from_pos(pos - p.pos);
        Some(self.doc.chars[p.para].start + c.index.0)
    }

    /// Draw the document and handle input.
    pub fn show(&mut self, ui: &mut Ui, input: &ReaderInput<'_>) -> ReaderOutput {
        let mut out = ReaderOutput::default();
        if !self.doc.matches(input.doc_id, input.text) {
            self.doc = DocIndex::new(input.doc_id, input.text);
            self.layouts = Layouts::default();
            self.marks = MarkIndex::default();
            self.placed.clear();
            self.drag = None;
            self.fragment_preview = None;
            self.pending_offset = None;
            self.access = access::PlainRuns::default();
            let len = self.doc.char_len;
            if self.selection.is_some_and(|(_, e)| e > len) {
                self.clear_selection();
            }
            if self.caret.is_some_and(|c| c > len) {
                self.caret = None;
            }
        }
        self.index_marks(input);

        let font_size = input.font_size.clamp(6.0, 72.0);
        let font_id = FontId::proportional(font_size);
        let dark = ui.visuals().dark_mode;
        // Reading text is brighter than egui's grey label text in the dark theme, so it stays
        // legible on top of highlight fills.
        let text_color = if dark {
            Color32::from_gray(225)
        } else {
            ui.visuals().text_color()
        };
        let margin = (font_size * 1.2).round();
        let full_width = ui.available_width();
        let column = (full_width - 2.0 * margin).clamp(font_size * 4.0, font_size * COLUMN_EMS);
        // Keep the text at the top of the view in place when the wrap width or size changes.
        let relayout = !self.layouts.heights.is_empty()
            && (self.layouts.width != column || self.layouts.font_size != font_size);
        let keep = if relayout { self.top_anchor() } else { None };
        self.prepare_layouts(ui, &font_id, column, text_color);

        let view_height = self
            .clip_rect
            .map_or_else(|| ui.available_height(), |r| r.height());
        let mut offset = self.pending_offset.take();
        let line = font_size * LINE_SPACING;
        let focused = ui.memory(|m| m.has_focus(text_id()));
        if focused {
            self.caret_keys(ui, input.text, &font_id);
        }
        if let Some(at) = self.top_request.take() {
            offset = self
                .content_y_of(ui, input.text, at, &font_id, view_height)
                .map(|y| y.max(0.0));
        } else if let Some(key) = keyboard_scroll(ui, focused) {
            let page = (view_height - 2.0 * line).max(line);
            offset = match key {
                KeyScroll::Lines(n) => Some(self.offset_y + n * line),
                KeyScroll::Pages(n) => Some(self.offset_y + n * page),
                KeyScroll::Start => Some(0.0),
                KeyScroll::End => self
                    .content_y_of(ui, input.text, self.doc.char_len, &font_id, view_height)
                    .map(|y| y + line + margin - view_height),
            }
            .map(|y| y.clamp(0.0, (self.layouts.total() - view_height).max(0.0)));
        }
        if let Some(at) = self.scroll_request.take() {
            // Measure around the target first, so its position is exact, then put it a third
            // of the way down the view.
            offset = self
                .content_y_of(ui, input.text, at, &font_id, view_height)
                .map(|y| (y - view_height / 3.0).max(0.0));
        } else if let Some((at, dy)) = keep {
            offset = self
                .content_y_of(ui, input.text, at, &font_id, view_height)
                .map(|y| (y - dy).max(0.0));
        } else if std::mem::take(&mut self.caret_moved)
            && let Some(at) = self.caret
        {
            // Keep the caret in view, scrolling as little as possible.
            let top = self.offset_y;
            offset = self
                .content_y_of(ui, input.text, at, &font_id, view_height)
                .and_then(|y| {
                    if y < top {
                        Some((y - line).max(0.0))
                    } else if y + 2.0 * line > top + view_height {
                        Some(y + 2.0 * line - view_height)
                    } else {
                        None
                    }
                });
        }

        // A long text keeps a solid scroll bar in view (not one that appears on hover), so the
        // reader always sees where they are and can grab it.
        let long = self.layouts.total() > 2.0 * view_height;
        let mut area = egui::ScrollArea::vertical()
            .id_salt(("claimtrace_reader", input.doc_id))
            .auto_shrink([false, false]);
        let style = ui.spacing().scroll;
        if long {
            area =
                area.scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible);
            ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        }
        if let Some(offset) = offset {
            area = area.vertical_scroll_offset(offset);
        }
        self.pending_shift = 0.0;
        // An offset set here may lie past the end of last frame's (estimated) content height,
        // e.g. after a resize near the end of a long document. The scroll area would take that
        // for an overscroll and spring back, leaving a velocity that scrolls the text away; the
        // offset is exact, so no rubber band this frame.
        let kinetic = ui.spacing().scroll.kinetic;
        if offset.is_some() {
            ui.spacing_mut().scroll.kinetic.rubber_band = false;
        }
        let scroll = area.show_viewport(ui, |ui, viewport| {
            self.show_contents(
                ui, input, viewport, &font_id, column, text_color, dark, &mut out,
            );
        });
        ui.spacing_mut().scroll = style;
        ui.spacing_mut().scroll.kinetic = kinetic;
        self.offset_y = scroll.state.clamped_offset().y;
        self.clip_rect = Some(scroll.inner_rect);
        if self.pending_shift.abs() > 0.5 {
            // Paragraphs above the view were measured: keep the text on screen still.
            self.pending_offset = Some(scroll.state.unclamped_offset().y + self.pending_shift);
            ui.ctx().request_repaint();
        }

        self.show_bar(ui, input, &mut out);
        self.publish_status(ui);
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn show_contents(
        &mut self,
        ui: &mut Ui,
        input: &ReaderInput<'_>,
        viewport: Rect,
        font_id: &FontId,
        column: f32,
        text_color: Color32,
        dark: bool,
        out: &mut ReaderOutput,
    ) {
        let n = self.doc.chars.len();
        let full_width = ui.available_width();
        let (rect, _) = ui.allocate_exact_size(
            vec2(full_width, self.layouts.total().max(viewport.height())),
            Sense::hover(),
        );
        // One id whatever the document, so the keyboard focus stays in the reader when the
        // document changes.
        let response = ui.interact(rect, text_id(), Sense::click_and_drag());
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Document text"));
        if std::mem::take(&mut self.focus_request) {
            response.request_focus();
        }
        self.focused = response.has_focus();
        if self.focused {
            // The arrows move the caret, not the focus.
            let filter = egui::EventFilter {
                horizontal_arrows: true,
                vertical_arrows: true,
                tab: false,
                escape: false,
            };
            ui.memory_mut(|m| m.set_focus_lock_filter(response.id, filter));
            if self.caret.is_none() {
                self.caret = Some(
                    self.selection
                        .map(|(_, e)| e)
                        .or_else(|| self.top_anchor().map(|(at, _)| at))
                        .unwrap_or(0),
                );
            }
        }
        let left = rect.min.x + ((full_width - column) / 2.0).max(0.0);

        // Lay out the visible paragraphs.
        self.placed.clear();
        if n > 0 {
            let first = self.layouts.para_at_y(viewport.min.y);
            let mut y = self.layouts.tops[first];
            let mut i = first;
            while i < n && y < viewport.max.y {
                let g = self.galley(ui, input.text, i, font_id);
                self.placed.push(Placed {
                    para: i,
                    pos: pos2(left, rect.min.y + y),
                    galley: g.clone(),
                });
                y += g.size().y + self.layouts.gap;
                i += 1;
            }
            // Measure a screenful above the view too (not drawn), so paragraphs are measured
            // before they scroll into view. A correction there moves everything below it, so
            // scroll by the same amount to keep what is on screen still.
            let mut shift = 0.0;
            let mut covered = 0.0;
            let mut j = first;
            while j > 0 && covered < viewport.height() {
                j -= 1;
                let estimated = self.layouts.heights[j];
                let g = self.galley(ui, input.text, j, font_id);
                shift += self.layouts.heights[j] - estimated;
                covered += g.size().y;
            }
            if self.layouts.dirty {
                self.layouts.recompute_tops();
            }
            self.pending_shift += shift;
        }

        self.handle_pointer(ui, input, &response, out);
        self.paint(ui, input, text_color, dark);
        self.publish(ui, input, rect, left, column, out);
    }
}

/// The id of the reader's text widget (the focus target).
fn text_id() -> Id {
    Id::unique("claimtrace_reader_text")
}
