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

impl DocIndex {
    fn new(doc_id: &str, text: &str) -> Self {
        let chars = text::paragraphs(text);
        let mut bytes = Vec::with_capacity(chars.len());
        let mut it = text.chars();
        let (mut ci, mut bi) = (0usize, 0usize);
        for r in &chars {
            while ci < r.start {
                bi += it.next().map_or(0, char::len_utf8);
                ci += 1;
            }
            let b0 = bi;
            while ci < r.end {
                bi += it.next().map_or(0, char::len_utf8);
                ci += 1;
            }
            bytes.push(b0..bi);
        }
        let char_len = ci + it.count();
        Self {
            doc_id: doc_id.to_owned(),
            text_len: text.len(),
            chars,
            bytes,
            char_len,
        }
    }

    fn matches(&self, doc_id: &str, text: &str) -> bool {
        self.doc_id == doc_id && self.text_len == text.len()
    }

    /// The paragraph containing char `at`, or the next one after it (clamped to the last).
    fn para_at_or_after(&self, at: usize) -> Option<usize> {
        if self.chars.is_empty() {
            return None;
        }
        let i = self.chars.partition_point(|r| r.end <= at);
        Some(i.min(self.chars.len() - 1))
    }

    /// Byte range of the lines from paragraph `a` to paragraph `b` (inclusive), with their
    /// char offset: enough context for grapheme and word segmentation.
    fn span_text<'t>(&self, text: &'t str, a: usize, b: usize) -> (&'t str, usize) {
        let (Some(first), Some(last)) = (self.bytes.get(a), self.bytes.get(b)) else {
            return ("", 0);
        };
        (
            &text[first.start..last.end.max(first.start)],
            self.chars[a].start,
        )
    }
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

impl Layouts {
    fn estimate(&self, chars: usize) -> f32 {
        let per_row = (self.width / self.avg_char_width.max(1.0)).max(1.0);
        let rows = ((chars as f32) / per_row).ceil().max(1.0);
        rows * self.row_height + self.gap
    }

    fn recompute_tops(&mut self) {
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        self.tops.push(0.0);
        for h in &self.heights {
            y += h;
            self.tops.push(y);
        }
        self.dirty = false;
    }

    fn total(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The paragraph at content height `y` (clamped).
    fn para_at_y(&self, y: f32) -> usize {
        let n = self.heights.len();
        if n == 0 {
            return 0;
        }
        self.tops[1..].partition_point(|&t| t <= y).min(n - 1)
    }
}

/// Marks indexed by paragraph, rebuilt when `marks_version` changes.
#[derive(Default)]
struct MarkIndex {
    version: Option<u64>,
    doc_id: String,
    /// For each paragraph, indices of the marks that overlap it.
    by_para: Vec<Vec<u32>>,
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
}

impl ReaderState {
    /// The current selection, snapped to graphemes and trimmed (start < end).
    pub fn selection(&self) -> Option<(usize, usize)> {
        self.selection
    }

    pub fn set_selection(&mut self, sel: Option<(usize, usize)>) {
        self.selection = sel;
        self.anchor = sel.map(|(s, _)| s);
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

    fn placed_for(&self, at: usize) -> Option<&Placed> {
        self.placed.iter().find(|p| {
            self.doc
                .chars
                .get(p.para)
                .is_some_and(|r| r.start <= at && at <= r.end)
        })
    }

    /// The char whose glyph is under `pos` (not a caret position), if any.
    fn char_under(&self, pos: Pos2) -> Option<usize> {
        for p in &self.placed {
            let rel = pos - p.pos;
            if rel.y < 0.0 || rel.y > p.galley.size().y {
                continue;
            }
            let mut k = 0;
            for row in &p.galley.rows {
                let n = row.glyphs.len();
                if rel.y >= row.min_y() && rel.y < row.max_y() {
                    let x = rel.x - row.pos.x;
                    for (j, g) in row.glyphs.iter().enumerate() {
                        if x >= g.pos.x && x < g.pos.x + g.advance_width {
                            return Some(self.doc.chars[p.para].start + k + j);
                        }
                    }
                    return None;
                }
                k += n + usize::from(row.ends_with_newline);
            }
        }
        None
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
            let len = self.doc.char_len;
            if self.selection.is_some_and(|(_, e)| e > len) {
                self.clear_selection();
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
        if let Some(at) = self.top_request.take() {
            offset = self
                .content_y_of(ui, input.text, at, &font_id, view_height)
                .map(|y| y.max(0.0));
        } else if let Some(key) = keyboard_scroll(ui) {
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
        out
    }

    /// The char at the top of the view last frame and its distance below the view's top.
    fn top_anchor(&self) -> Option<(usize, f32)> {
        let clip = self.clip_rect?;
        let p = self
            .placed
            .iter()
            .find(|p| p.pos.y + p.galley.size().y > clip.min.y)?;
        let at = self.offset_at(pos2(p.pos.x + 1.0, clip.min.y.max(p.pos.y) + 1.0))?;
        let rect = self.char_rect(at)?;
        Some((at, rect.min.y - clip.min.y))
    }

    /// The content y of char `at` (top of its row), after laying out a screenful above and
    /// below its paragraph so that nothing near it is an estimate.
    fn content_y_of(
        &mut self,
        ui: &Ui,
        text: &str,
        at: usize,
        font_id: &FontId,
        view_height: f32,
    ) -> Option<f32> {
        let n = self.doc.chars.len();
        let at = at.min(self.doc.char_len);
        let p = self.doc.para_at_or_after(at)?;
        let mut covered = 0.0;
        let mut j = p;
        while j > 0 && covered < view_height {
            j -= 1;
            covered += self.galley(ui, text, j, font_id).size().y;
        }
        let mut k = p;
        covered = 0.0;
        while k < n && covered < 2.0 * view_height {
            covered += self.galley(ui, text, k, font_id).size().y;
            k += 1;
        }
        if self.layouts.dirty {
            self.layouts.recompute_tops();
        }
        let g = self.galley(ui, text, p, font_id);
        let local = at.saturating_sub(self.doc.chars[p].start);
        let row = cursor_rect(&g, Pos2::ZERO, local.min(self.doc.chars[p].len()));
        Some(self.layouts.tops[p] + row.min.y)
    }

    fn index_marks(&mut self, input: &ReaderInput<'_>) {
        if self.marks.version == Some(input.marks_version) && self.marks.doc_id == input.doc_id {
            return;
        }
        let mut by_para = vec![Vec::new(); self.doc.chars.len()];
        for (mi, m) in input.marks.iter().enumerate() {
            if m.start >= m.end {
                continue;
            }
            let Some(mut p) = self.doc.para_at_or_after(m.start) else {
                break;
            };
            while let Some(r) = self.doc.chars.get(p) {
                if r.start >= m.end {
                    break;
                }
                if r.end > m.start {
                    by_para[p].push(mi as u32);
                }
                p += 1;
            }
        }
        self.marks = MarkIndex {
            version: Some(input.marks_version),
            doc_id: input.doc_id.to_owned(),
            by_para,
        };
    }

    fn prepare_layouts(&mut self, ui: &Ui, font_id: &FontId, width: f32, color: Color32) {
        let l = &mut self.layouts;
        let n = self.doc.chars.len();
        let same_metrics = l.width == width && l.font_size == font_id.size && l.heights.len() == n;
        if same_metrics {
            if l.color != color {
                // A theme change: same heights, new text colour.
                l.color = color;
                l.galleys.clear();
            }
            return;
        }
        let sample = "The quick brown fox jumps over the lazy dog, said the report.";
        let galley = ui.fonts_mut(|f| f.layout_no_wrap(sample.to_owned(), font_id.clone(), color));
        l.avg_char_width = galley.size().x / sample.chars().count() as f32;
        l.row_height = (font_id.size * LINE_SPACING).round();
        l.gap = (font_id.size * PARAGRAPH_GAP).round();
        l.width = width;
        l.font_size = font_id.size;
        l.color = color;
        l.galleys.clear();
        let heights: Vec<f32> = self.doc.chars.iter().map(|r| l.estimate(r.len())).collect();
        l.heights = heights;
        l.recompute_tops();
    }

    /// The galley of paragraph `i`, laid out if not cached; corrects its height.
    fn galley(&mut self, ui: &Ui, text: &str, i: usize, font_id: &FontId) -> Arc<Galley> {
        if let Some(g) = self.layouts.galleys.get(&i) {
            return g.clone();
        }
        let l = &mut self.layouts;
        let bytes = self.doc.bytes[i].clone();
        let mut job = LayoutJob::single_section(
            text[bytes].to_owned(),
            TextFormat {
                font_id: font_id.clone(),
                color: l.color,
                line_height: Some(l.row_height),
                ..Default::default()
            },
        );
        job.wrap.max_width = l.width;
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let h = galley.size().y + l.gap;
        if (l.heights[i] - h).abs() > 0.01 {
            l.heights[i] = h;
            l.dirty = true;
        }
        if l.galleys.len() > 4096 {
            l.galleys.clear();
        }
        l.galleys.insert(i, galley.clone());
        galley
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
        let (rect, response) = ui.allocate_exact_size(
            vec2(full_width, self.layouts.total().max(viewport.height())),
            Sense::click_and_drag(),
        );
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Document text"));
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
    }

    fn handle_pointer(
        &mut self,
        ui: &Ui,
        input: &ReaderInput<'_>,
        response: &egui::Response,
        out: &mut ReaderOutput,
    ) {
        let modifiers = ui.input(|i| i.modifiers);
        let ctrl = modifiers.command || modifiers.ctrl;
        if response.drag_started()
            && let Some(origin) = ui.input(|i| i.pointer.press_origin())
            && let Some(anchor) = self.offset_at(origin)
        {
            self.drag = Some(Drag {
                anchor,
                fragment: ctrl,
            });
        }
        if let Some(drag) = self.drag
            && (response.dragged() || response.drag_stopped())
        {
            let pointer = ui.input(|i| i.pointer.interact_pos());
            if let Some(pos) = pointer {
                // Keep selecting while the pointer is above or below the view.
                let clip = ui.clip_rect();
                if pos.y < clip.min.y {
                    ui.scroll_with_delta(vec2(0.0, (clip.min.y - pos.y).min(40.0)));
                } else if pos.y > clip.max.y {
                    ui.scroll_with_delta(vec2(0.0, -(pos.y - clip.max.y).min(40.0)));
                }
                let clamped = pos2(pos.x, pos.y.clamp(clip.min.y, clip.max.y - 1.0));
                if let Some(cur) = self.offset_at(clamped) {
                    // Whole words, as in a word processor; Alt selects by character.
                    let tidy = self.tidy(input.text, drag.anchor, cur, !modifiers.alt);
                    if drag.fragment {
                        self.fragment_preview = tidy;
                    } else {
                        self.selection = tidy;
                        self.anchor = Some(drag.anchor);
                    }
                }
            }
            if response.drag_stopped() {
                if drag.fragment {
                    out.add_fragment = self.fragment_preview.take();
                }
                self.drag = None;
            }
        }

        let now = ui.input(|i| i.time);
        let delay = ui.ctx().options(|o| o.input_options.max_double_click_delay);
        if response.double_clicked() || response.drag_started() {
            self.pending_click = None;
        } else if let Some((_, t0)) = &self.pending_click {
            if now - *t0 > delay && !ui.input(|i| i.pointer.any_down()) {
                match self.pending_click.take().and_then(|(c, _)| c) {
                    Some(id) => out.clicked_claim = Some(id),
                    None => out.clicked_empty = true,
                }
            } else {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(delay / 2.0));
            }
        }
        if response.double_clicked() {
            if let Some(pos) = response.interact_pointer_pos()
                && let Some(at) = self.offset_at(pos)
            {
                let at = self.char_under(pos).unwrap_or(at);
                let p = self.doc.para_at_or_after(at).unwrap_or(0);
                let (local, base) = self.doc.span_text(input.text, p, p);
                if let Some((s, e)) = text::word_at(local, at.saturating_sub(base)) {
                    self.selection = Some((s + base, e + base));
                    self.anchor = Some(s + base);
                }
            }
        } else if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            if modifiers.shift {
                if let (Some(at), Some(anchor)) = (self.offset_at(pos), self.anchor) {
                    self.selection = self.tidy(input.text, anchor, at, !modifiers.alt);
                }
            } else {
                let under = self.char_under(pos);
                let claim =
                    under.and_then(|c| innermost_claim(input.marks, &self.marks, &self.doc, c));
                self.selection = None;
                self.anchor = self.offset_at(pos);
                self.pending_click = Some((claim, now));
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(delay / 2.0));
            }
        }
    }

    /// Tidy a raw range using only the paragraphs it spans as context; with `words`, widen it
    /// so that it cuts no word in two.
    fn tidy(&self, text: &str, a: usize, b: usize, words: bool) -> Option<(usize, usize)> {
        let (s, e) = (a.min(b), a.max(b));
        let pa = self.doc.para_at_or_after(s)?;
        let pb = self.doc.para_at_or_after(e.saturating_sub(1).max(s))?;
        let (local, base) = self.doc.span_text(text, pa, pb.max(pa));
        let (mut ls, mut le) = (s.saturating_sub(base), e.saturating_sub(base));
        if words {
            (ls, le) = text::snap_to_words(local, ls, le);
        }
        text::tidy_selection(local, ls, le).map(|(x, y)| (x + base, y + base))
    }

    fn paint(&self, ui: &Ui, input: &ReaderInput<'_>, text_color: Color32, dark: bool) {
        let painter = ui.painter();
        let now = ui.input(|i| i.time);
        let flash = self
            .flash
            .filter(|&(_, _, t0)| now - t0 < FLASH_SECONDS && now >= t0);
        if flash.is_some() {
            ui.ctx().request_repaint();
        }
        let sel = self.fragment_preview.or(self.selection);
        let sel_fill = ui.visuals().selection.bg_fill.gamma_multiply(0.75);
        let find_fill = if dark {
            Color32::from_rgba_unmultiplied(200, 170, 40, 90)
        } else {
            Color32::from_rgba_unmultiplied(255, 220, 0, 110)
        };
        let find_current = if dark {
            Color32::from_rgb(230, 130, 20)
        } else {
            Color32::from_rgb(255, 150, 30)
        };
        let mention_color = role_color(Role::Mention, dark);
        let cue_color = role_color(Role::Cue, dark);
        let fill_alpha: f32 = if dark { 0.30 } else { 0.38 };
        // Highlight boxes hug the glyphs, leaving the line gap for stacked underlines.
        let tight_height = (input.font_size * 1.3).round();
        let mut lines: Vec<(Pos2, Pos2, Stroke)> = Vec::new();
        let mut boxes: Vec<(Rect, Stroke)> = Vec::new();
        let mut dashed: Vec<(Rect, Stroke)> = Vec::new();
        let mut ghost_lines: Vec<(Pos2, Pos2, Stroke)> = Vec::new();

        for p in &self.placed {
            let r = &self.doc.chars[p.para];
            let rects = |s: usize, e: usize| -> Vec<Rect> {
                let (s, e) = (s.max(r.start), e.min(r.end));
                if s >= e {
                    return Vec::new();
                }
                range_rects(&p.galley, p.pos, s - r.start, e - r.start)
                    .into_iter()
                    .map(|rc| rc.shrink2(vec2(0.0, ((rc.height() - tight_height) / 2.0).max(0.0))))
                    .collect()
            };

            // Find matches (sorted by start).
            let fi = input.find.partition_point(|&(_, e)| e <= r.start);
            for (k, &(s, e)) in input.find.iter().enumerate().skip(fi) {
                if s >= r.end {
                    break;
                }
                let current = input.find_current == Some(k);
                for rc in rects(s, e) {
                    if current {
                        painter.rect_filled(rc, 2.0, find_current.gamma_multiply(0.55));
                        boxes.push((rc, Stroke::new(1.5, find_current)));
                    } else {
                        painter.rect_filled(rc, 2.0, find_fill);
                    }
                }
            }

            // Content highlights: each mark adds its own translucent fill, so overlaps are
            // darker and mixed; each mark also gets an underline at its nesting level.
            let marks: Vec<&Mark> = self
                .marks
                .by_para
                .get(p.para)
                .map(|v| {
                    v.iter()
                        .filter_map(|&m| input.marks.get(m as usize))
                        .collect()
                })
                .unwrap_or_default();
            let contents: Vec<&Mark> = marks
                .iter()
                .copied()
                .filter(|m| m.role == Role::Content)
                .collect();
            let levels = nesting_levels(&contents);
            for section in flatten(&contents, r.start, r.end) {
                for &mi in &section.marks {
                    let m = contents[mi];
                    let selected = input.selected_claim == Some(m.claim.as_str());
                    let alpha = if selected {
                        fill_alpha * if dark { 1.5 } else { 1.8 }
                    } else {
                        fill_alpha
                    };
                    // On a dark background a bright fill would drown light text: darken it.
                    let base = if dark {
                        m.color.gamma_multiply(0.45).to_opaque()
                    } else {
                        m.color
                    };
                    for rc in rects(section.start, section.end) {
                        painter.rect_filled(rc, 0.0, base.gamma_multiply(alpha));
                    }
                }
                for &mi in &section.marks {
                    let m = contents[mi];
                    let selected = input.selected_claim == Some(m.claim.as_str());
                    let level = levels[mi] as f32;
                    let width = if selected { 2.5 } else { 1.5 };
                    let color = if selected {
                        strong(m.color, dark)
                    } else {
                        m.color
                    };
                    for rc in rects(section.start, section.end) {
                        let y = rc.max.y + 1.0 + level * 3.0;
                        lines.push((
                            pos2(rc.min.x, y),
                            pos2(rc.max.x, y),
                            Stroke::new(width, color),
                        ));
                    }
                }
            }

            // Mentions and cues: boxed (mention) and double-underlined (cue); strong for the
            // selected claim, faint for the others.
            for m in marks.iter().filter(|m| m.role != Role::Content) {
                let selected = input.selected_claim == Some(m.claim.as_str());
                for rc in rects(m.start, m.end) {
                    match (m.role, selected) {
                        (Role::Mention, true) => {
                            painter.rect_filled(rc, 3.0, mention_color.gamma_multiply(0.18));
                            boxes.push((rc.expand(1.0), Stroke::new(2.0, mention_color)));
                        }
                        (Role::Mention, false) => {
                            boxes.push((rc, Stroke::new(1.0, m.color.gamma_multiply(0.8))));
                        }
                        (Role::Cue, true) => {
                            painter.rect_filled(rc, 3.0, cue_color.gamma_multiply(0.18));
                            let stroke = Stroke::new(2.0, cue_color);
                            for dy in [0.0, 3.5] {
                                let y = rc.max.y + 1.0 - dy;
                                lines.push((pos2(rc.min.x, y), pos2(rc.max.x, y), stroke));
                            }
                        }
                        (Role::Cue, false) => {
                            let y = rc.max.y;
                            let stroke = Stroke::new(1.0, m.color.gamma_multiply(0.9));
                            lines.push((pos2(rc.min.x, y), pos2(rc.max.x, y), stroke));
                        }
                        (Role::Theirs, _) => {
                            painter.rect_filled(rc, 0.0, m.color.gamma_multiply(0.12));
                            let width = if selected { 2.5 } else { 1.5 };
                            dashed.push((rc.expand(1.5), Stroke::new(width, m.color)));
                        }
                        (Role::GhostContent, selected) => {
                            if selected {
                                painter.rect_filled(rc, 0.0, m.color.gamma_multiply(0.12));
                            }
                            let width = if selected { 2.0 } else { 1.2 };
                            dashed.push((rc.expand(1.0), Stroke::new(width, m.color)));
                        }
                        (Role::GhostMention, selected) => {
                            let width = if selected { 2.0 } else { 1.0 };
                            dashed.push((rc.expand(0.5), Stroke::new(width, mention_color)));
                        }
                        (Role::GhostCue, selected) => {
                            let y = rc.max.y + 1.0;
                            let width = if selected { 2.0 } else { 1.2 };
                            ghost_lines.push((
                                pos2(rc.min.x, y),
                                pos2(rc.max.x, y),
                                Stroke::new(width, cue_color),
                            ));
                        }
                        (Role::Content, _) => {}
                    }
                }
            }

            if let Some((s, e, t0)) = flash {
                let phase = ((now - t0) / FLASH_SECONDS) as f32;
                let pulse = (phase * std::f32::consts::TAU * 2.0).sin().abs() * (1.0 - phase);
                for rc in rects(s, e) {
                    painter.rect_filled(
                        rc.expand(2.0),
                        3.0,
                        find_current.gamma_multiply(0.6 * pulse),
                    );
                }
            }
            if let Some((s, e)) = sel {
                for rc in rects(s, e) {
                    painter.rect_filled(rc, 0.0, sel_fill);
                }
            }
            painter.galley(p.pos, p.galley.clone(), text_color);
        }
        for (a, b, stroke) in lines {
            painter.line_segment([a, b], stroke);
        }
        for (rc, stroke) in boxes {
            painter.rect_stroke(rc, 3.0, stroke, StrokeKind::Outside);
        }
        for (rc, stroke) in dashed {
            painter.extend(dashed_rect(rc, stroke));
        }
        for (a, b, stroke) in ghost_lines {
            painter.extend(egui::Shape::dashed_line(&[a, b], stroke, 4.0, 3.0));
        }
    }

    fn show_bar(&mut self, ui: &Ui, input: &ReaderInput<'_>, out: &mut ReaderOutput) {
        let Some((s, e)) = self.selection else {
            return;
        };
        if self.drag.is_some() {
            return;
        }
        let rects = self.range_rects(s, e);
        let (Some(first), Some(last)) = (rects.first(), rects.last()) else {
            return;
        };
        let Some(clip) = self.clip_rect else {
            return;
        };
        let bar_height = ui.spacing().interact_size.y + 12.0;
        // Above the selection if there is room, else below it.
        let pos = if first.min.y - bar_height > clip.min.y {
            pos2(first.min.x, first.min.y - bar_height - 2.0)
        } else {
            pos2(last.min.x, last.max.y + 4.0)
        };
        if !clip.expand(bar_height).contains(pos) {
            return;
        }
        let has_claim = input.selected_claim.is_some();
        egui::Area::new(Id::unique(("claimtrace_reader_bar", input.doc_id)))
            .order(egui::Order::Foreground)
            .fixed_pos(pos)
            .constrain_to(clip)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style())
                    .inner_margin(4.0)
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            if ui
                                .button("Claim (C)")
                                .on_hover_text("Make the selection a claim")
                                .clicked()
                            {
                                out.bar_action = Some(BarAction::Claim);
                            }
                            if ui
                                .add_enabled(has_claim, egui::Button::new("Source (S)"))
                                .on_hover_text("Set the selected claim's source mention")
                                .clicked()
                            {
                                out.bar_action = Some(BarAction::Mention);
                            }
                            if ui
                                .add_enabled(has_claim, egui::Button::new("Cue (Q)"))
                                .on_hover_text("Set the selected claim's cue")
                                .clicked()
                            {
                                out.bar_action = Some(BarAction::Cue);
                            }
                        });
                    });
            });
    }
}

/// A scrolling key pressed while nothing else has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq)]
enum KeyScroll {
    Lines(f32),
    Pages(f32),
    Start,
    End,
}

/// Keyboard scrolling of the reader: arrows by a line, Page Up/Down and Space/Shift+Space by a
/// screen, Home/End and Ctrl+Home/End to the start and end. Only when no widget (a text field,
/// a focused button) has the keyboard; the keys are consumed so nothing else acts on them.
fn keyboard_scroll(ui: &Ui) -> Option<KeyScroll> {
    if ui.ctx().memory(|m| m.focused().is_some()) {
        return None;
    }
    use egui::{Key, Modifiers};
    let table = [
        (Modifiers::NONE, Key::ArrowDown, KeyScroll::Lines(1.0)),
        (Modifiers::NONE, Key::ArrowUp, KeyScroll::Lines(-1.0)),
        (Modifiers::NONE, Key::PageDown, KeyScroll::Pages(1.0)),
        (Modifiers::NONE, Key::PageUp, KeyScroll::Pages(-1.0)),
        // Most specific first: consume_key ignores extra Shift and Alt.
        (Modifiers::SHIFT, Key::Space, KeyScroll::Pages(-1.0)),
        (Modifiers::NONE, Key::Space, KeyScroll::Pages(1.0)),
        (Modifiers::COMMAND, Key::Home, KeyScroll::Start),
        (Modifiers::COMMAND, Key::End, KeyScroll::End),
        (Modifiers::NONE, Key::Home, KeyScroll::Start),
        (Modifiers::NONE, Key::End, KeyScroll::End),
    ];
    ui.input_mut(|i| {
        table
            .iter()
            .find(|(m, k, _)| i.consume_key(*m, *k))
            .map(|&(_, _, what)| what)
    })
}

/// The outline of `r` as dashes (another annotator's claim while comparing).
pub fn dashed_rect(r: Rect, stroke: Stroke) -> Vec<egui::Shape> {
    let points = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    egui::Shape::dashed_line(&points, stroke, 4.0, 3.0)
}

/// A darker (light theme) or lighter (dark theme) version of a label colour for strong lines.
fn strong(c: Color32, dark: bool) -> Color32 {
    let f = |v: u8| -> u8 {
        if dark {
            (v as f32 + (255.0 - v as f32) * 0.35) as u8
        } else {
            (v as f32 * 0.6) as u8
        }
    };
    Color32::from_rgb(f(c.r()), f(c.g()), f(c.b()))
}

/// The innermost (shortest) content mark covering char `c`, as a claim id.
fn innermost_claim(marks: &[Mark], index: &MarkIndex, doc: &DocIndex, c: usize) -> Option<String> {
    let p = doc.para_at_or_after(c)?;
    index
        .by_para
        .get(p)?
        .iter()
        .filter_map(|&m| marks.get(m as usize))
        .filter(|m| {
            matches!(m.role, Role::Content | Role::GhostContent) && m.start <= c && c < m.end
        })
        .min_by_key(|m| m.end - m.start)
        .map(|m| m.claim.clone())
}

/// A maximal run of chars covered by the same set of marks.
#[derive(Debug, PartialEq)]
struct Section {
    start: usize,
    end: usize,
    /// Indices into the marks given to [`flatten`].
    marks: Vec<usize>,
}

/// Flatten possibly overlapping marks into disjoint sections within `lo..hi` (a sweep over the
/// marks' boundaries); runs covered by no mark are left out.
fn flatten(marks: &[&Mark], lo: usize, hi: usize) -> Vec<Section> {
    let mut bounds: Vec<usize> = Vec::with_capacity(marks.len() * 2 + 2);
    for m in marks {
        bounds.push(m.start.clamp(lo, hi));
        bounds.push(m.end.clamp(lo, hi));
    }
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = Vec::new();
    for w in bounds.windows(2) {
        let (s, e) = (w[0], w[1]);
        if s >= e {
            continue;
        }
        let covering: Vec<usize> = marks
            .iter()
            .enumerate()
            .filter(|(_, m)| m.start <= s && e <= m.end)
            .map(|(i, _)| i)
            .collect();
        if !covering.is_empty() {
            out.push(Section {
                start: s,
                end: e,
                marks: covering,
            });
        }
    }
    out
}

/// A nesting level per mark (greedy interval colouring, longer marks first among equal
/// starts): overlapping marks get different levels, so their underlines stack.
fn nesting_levels(marks: &[&Mark]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| (marks[i].start, std::cmp::Reverse(marks[i].end)));
    let mut levels = vec![0u32; marks.len()];
    // End of the last mark on each level.
    let mut level_end: Vec<usize> = Vec::new();
    for i in order {
        let m = marks[i];
        let free = level_end.iter().position(|&e| e <= m.start);
        let l = match free {
            Some(l) => {
                level_end[l] = m.end;
                l
            }
            None => {
                level_end.push(m.end);
                level_end.len() - 1
            }
        };
        levels[i] = l as u32;
    }
    levels
}

/// Screen rects (one per row) of the galley's chars `a..b`, the galley drawn at `pos`.
fn range_rects(galley: &Galley, pos: Pos2, a: usize, b: usize) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut k = 0;
    for row in &galley.rows {
        let n = row.glyphs.len();
        let (s, e) = (a.max(k), b.min(k + n));
        if s < e {
            let x0 = row.pos.x + row.x_offset((s - k).into());
            let x1 = row.pos.x + row.x_offset((e - k).into());
            out.push(Rect::from_min_max(
                pos + vec2(x0, row.min_y()),
                pos + vec2(x1, row.max_y()),
            ));
        }
        k += n + usize::from(row.ends_with_newline);
        if k >= b {
            break;
        }
    }
    out
}

/// Screen rect of the caret before char `at` of the galley drawn at `pos`.
fn cursor_rect(galley: &Galley, pos: Pos2, at: usize) -> Rect {
    galley
        .pos_from_cursor(CCursor::new(at))
        .translate(pos.to_vec2())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, claim: &str) -> Mark {
        Mark {
            start,
            end,
            color: Color32::RED,
            claim: claim.to_owned(),
            role: Role::Content,
        }
    }

    #[test]
    fn flatten_splits_overlaps_and_nesting_into_disjoint_sections() {
        let a = mark(0, 10, "a");
        let b = mark(5, 15, "b");
        let c = mark(6, 8, "c");
        let marks = [&a, &b, &c];
        let got = flatten(&marks, 0, 20);
        let want = vec![
            Section {
                start: 0,
                end: 5,
                marks: vec![0],
            },
            Section {
                start: 5,
                end: 6,
                marks: vec![0, 1],
            },
            Section {
                start: 6,
                end: 8,
                marks: vec![0, 1, 2],
            },
            Section {
                start: 8,
                end: 10,
                marks: vec![0, 1],
            },
            Section {
                start: 10,
                end: 15,
                marks: vec![1],
            },
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn flatten_clips_to_the_paragraph() {
        let a = mark(0, 10, "a");
        let got = flatten(&[&a], 4, 6);
        assert_eq!(
            got,
            vec![Section {
                start: 4,
                end: 6,
                marks: vec![0]
            }]
        );
    }

    #[test]
    fn nesting_levels_stack_overlapping_marks() {
        let outer = mark(0, 20, "outer");
        let inner = mark(5, 10, "inner");
        let later = mark(12, 14, "later");
        let apart = mark(30, 40, "apart");
        let levels = nesting_levels(&[&inner, &outer, &later, &apart]);
        assert_eq!(levels, vec![1, 0, 1, 0]);
    }

    #[test]
    fn doc_index_byte_ranges_match_char_ranges() {
        let text = "Bộ Ngoại\n\n👍🏽 yes\nlast";
        let d = DocIndex::new("d", text);
        assert_eq!(d.chars.len(), 3);
        for (c, b) in d.chars.iter().zip(&d.bytes) {
            assert_eq!(text::slice_chars(text, c.start, c.end), &text[b.clone()]);
        }
        assert_eq!(d.char_len, text.chars().count());
    }
}
