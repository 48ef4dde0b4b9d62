//! The reader in the accessibility tree (AccessKit), so that a screen reader can read the
//! article and annotate it: under the reader's Document node, one Paragraph node per paragraph
//! of the document, on screen or not, each holding its text as TextRun nodes (the rows of its
//! galley while it is laid out; its plain text, cached per document, while it is not), and one
//! named Mark node per claim, source mention and cue that starts in it ("claim by Amnesty
//! International, unverified"), which a screen reader can activate to select the claim. The
//! caret and the selection are the Document's text selection; the last message is a polite live
//! region. The runs of a paragraph end with the line breaks after it, so the Document's text is
//! the document's text, character for character.
//!
//! Nothing is built when no assistive technology has asked for the tree.

use super::*;
use egui::accesskit;

/// AccessKit's `word_starts` are `u8`: a run holds at most this many characters (as egui's).
const RUN_CHARS: usize = 255;

/// The text runs of every paragraph while it is not laid out, built once per document.
#[derive(Default)]
pub(super) struct PlainRuns {
    paras: Vec<Vec<Run>>,
}

/// One text run: its characters and, when laid out, where they are.
#[derive(Clone, Default)]
struct Run {
    value: String,
    lengths: Vec<u8>,
    word_starts: Vec<u8>,
    /// x and width of each character (laid out only).
    positions: Vec<f32>,
    widths: Vec<f32>,
    /// Screen rect (laid out only).
    bounds: Option<Rect>,
}

impl Run {
    fn chars(&self) -> usize {
        self.lengths.len()
    }
}

/// Cut one line of characters (with their x and width, if laid out) into runs of at most
/// [`RUN_CHARS`], marking where words start.
fn cut_line(chars: &[(char, f32, f32)], bounds: Option<Rect>, laid_out: bool) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut was_word = false;
    for chunk in chars.chunks(RUN_CHARS) {
        let mut r = Run::default();
        for (i, &(c, x, w)) in chunk.iter().enumerate() {
            let word = c.is_alphanumeric();
            if word && !was_word {
                r.word_starts.push(i as u8);
            }
            was_word = word;
            r.value.push(c);
            r.lengths.push(c.len_utf8() as u8);
            if laid_out {
                r.positions.push(x);
                r.widths.push(w);
            }
        }
        if let (Some(b), Some(first), Some(last)) = (bounds, chunk.first(), chunk.last()) {
            let x0 = b.min.x + first.1;
            let x1 = (b.min.x + last.1 + last.2).max(x0);
            r.bounds = Some(Rect::from_x_y_ranges(x0..=x1, b.y_range()));
        }
        if let Some(&x0) = r.positions.first() {
            for p in &mut r.positions {
                *p -= x0;
            }
        }
        runs.push(r);
    }
    runs
}

impl ReaderState {
    /// The text paragraph `i` publishes: for the first, the text before it too; for every
    /// one, the line breaks after it. Returns it and where the paragraph's own text starts in it.
    fn published<'t>(&self, text: &'t str, i: usize) -> (&'t str, usize) {
        let start = if i == 0 { 0 } else { self.doc.bytes[i].start };
        let end = self.doc.bytes.get(i + 1).map_or(text.len(), |b| b.start);
        let lead = if i == 0 { self.doc.chars[0].start } else { 0 };
        (text.get(start..end.max(start)).unwrap_or(""), lead)
    }

    /// Paragraph `i` as one line of runs (not laid out).
    fn plain_runs(&mut self, text: &str, i: usize) -> Vec<Run> {
        if self.access.paras.len() != self.doc.chars.len() {
            let paras = (0..self.doc.chars.len())
                .map(|i| {
                    let chars: Vec<(char, f32, f32)> = self
                        .published(text, i)
                        .0
                        .chars()
                        .map(|c| (c, 0.0, 0.0))
                        .collect();
                    cut_line(&chars, None, false)
                })
                .collect();
            self.access.paras = paras;
        }
        self.access.paras.get(i).cloned().unwrap_or_default()
    }

    /// Paragraph `i`, laid out at `pos`: one line of runs per row of its galley.
    fn galley_runs(&self, text: &str, i: usize, galley: &Galley, pos: Pos2) -> Vec<Run> {
        let (published, lead) = self.published(text, i);
        let mut rest = published.chars();
        let mut runs = Vec::new();
        let rows = galley.rows.len();
        for (r, row) in galley.rows.iter().enumerate() {
            let mut line: Vec<(char, f32, f32)> = Vec::new();
            if r == 0 {
                line.extend(rest.by_ref().take(lead).map(|c| (c, row.pos.x, 0.0)));
            }
            for g in &row.glyphs {
                if let Some(c) = rest.next() {
                    line.push((c, g.pos.x, g.advance_width));
                }
            }
            if row.ends_with_newline {
                rest.next();
            }
            if r + 1 == rows {
                let end = row.pos.x + row.size.x;
                line.extend(rest.by_ref().map(|c| (c, end, 0.0)));
            }
            let rect = row.rect_without_leading_space().translate(pos.to_vec2());
            runs.extend(cut_line(&line, Some(rect), true));
        }
        runs
    }

    /// Publish the paragraphs, their marks and the caret under the reader's node (`rect` is the
    /// whole text's area, `left` and `column` the text column's).
    pub(super) fn publish(
        &mut self,
        ui: &mut Ui,
        input: &ReaderInput<'_>,
        rect: Rect,
        left: f32,
        column: f32,
        out: &mut ReaderOutput,
    ) {
        let ctx = ui.ctx().clone();
        let reader = text_id();
        if ctx.accesskit_node_builder(reader, |_| ()).is_none() {
            return;
        }
        // The selection's anchor and focus (the caret), as char offsets.
        let ends = match (self.selection, self.caret) {
            (Some((s, e)), Some(c)) if c == s => Some((e, s)),
            (Some((s, e)), _) => Some((s, e)),
            (None, Some(c)) => Some((c, c)),
            (None, None) => None,
        };
        let mut points: [Option<accesskit::TextPosition>; 2] = [None, None];
        let placed: HashMap<usize, (Pos2, Arc<Galley>)> = self
            .placed
            .iter()
            .map(|p| (p.para, (p.pos, p.galley.clone())))
            .collect();
        for i in 0..self.doc.chars.len() {
            let range = self.doc.chars[i].clone();
            let (runs, para_rect) = match placed.get(&i) {
                Some((pos, g)) => (
                    self.galley_runs(input.text, i, g, *pos),
                    Rect::from_min_size(*pos, g.size()),
                ),
                None => {
                    let top = rect.min.y + self.layouts.tops.get(i).copied().unwrap_or(0.0);
                    let h = self.layouts.heights.get(i).copied().unwrap_or(0.0) - self.layouts.gap;
                    (
                        self.plain_runs(input.text, i),
                        Rect::from_min_size(pos2(left, top), vec2(column, h.max(1.0))),
                    )
                }
            };
            let mut para = ui.new_child(
                egui::UiBuilder::new()
                    .id_salt(("claimtrace_paragraph", i))
                    .max_rect(para_rect)
                    .accessibility_parent(reader),
            );
            let pid = para.unique_id();
            ctx.accesskit_node_builder(pid, |b| {
                b.set_role(accesskit::Role::Paragraph);
                b.set_bounds(ak_rect(para_rect));
            });
            let lead = if i == 0 { range.start } else { 0 };
            let mut first = 0;
            let mut prev_on_line: Option<(Id, Option<Rect>)> = None;
            let n_runs = runs.len();
            for (k, run) in runs.into_iter().enumerate() {
                let rid = pid.with(("run", k));
                para.interact(Rect::NOTHING, rid, Sense::hover());
                for (slot, at) in points
                    .iter_mut()
                    .zip(ends.iter().flat_map(|&(a, f)| [a, f]))
                {
                    if at < range.start || at > range.end || slot.is_some() {
                        continue;
                    }
                    let j = at - range.start + lead;
                    if j < first + run.chars() || (k + 1 == n_runs && j <= first + run.chars()) {
                        *slot = Some(accesskit::TextPosition {
                            node: rid.accesskit_id(),
                            character_index: j - first,
                        });
                    }
                }
                first += run.chars();
                // Chunks of one row are one line; rows follow each other.
                let same_line = prev_on_line
                    .and_then(|(_, b)| b.zip(run.bounds))
                    .is_some_and(|(a, b)| (a.min.y - b.min.y).abs() < 0.5);
                let prev = prev_on_line.filter(|_| same_line).map(|(id, _)| id);
                ctx.accesskit_node_builder(rid, |b| {
                    b.set_role(accesskit::Role::TextRun);
                    b.set_text_direction(accesskit::TextDirection::LeftToRight);
                    b.set_bounds(ak_rect(run.bounds.unwrap_or(para_rect)));
                    b.set_value(run.value.clone());
                    b.set_character_lengths(run.lengths.clone());
                    if !run.positions.is_empty() {
                        b.set_character_positions(run.positions.clone());
                        b.set_character_widths(run.widths.clone());
                    }
                    b.set_word_starts(run.word_starts.clone());
                    if let Some(p) = prev {
                        b.set_previous_on_line(p.accesskit_id());
                    }
                });
                if let Some(p) = prev {
                    ctx.accesskit_node_builder(p, |b| b.set_next_on_line(rid.accesskit_id()));
                }
                prev_on_line = Some((rid, run.bounds));
            }
            self.publish_marks(&mut para, input, i, pid, para_rect, out);
        }
        if let [Some(anchor), Some(focus)] = points {
            ctx.accesskit_node_builder(reader, |b| {
                b.set_text_selection(accesskit::TextSelection { anchor, focus });
            });
        }
    }

    /// The marks that start in paragraph `i`, as named nodes a screen reader can activate.
    fn publish_marks(
        &mut self,
        para: &mut Ui,
        input: &ReaderInput<'_>,
        i: usize,
        pid: Id,
        para_rect: Rect,
        out: &mut ReaderOutput,
    ) {
        let Some(range) = self.doc.chars.get(i).cloned() else {
            return;
        };
        let Some(list) = self.marks.by_para.get(i).cloned() else {
            return;
        };
        let ctx = para.ctx().clone();
        for mi in list {
            let Some(m) = input.marks.get(mi as usize) else {
                continue;
            };
            let starts_here = m.start >= range.start || i == 0;
            let first_para = self.doc.para_at_or_after(m.start) == Some(i);
            if !(starts_here && first_para) {
                continue;
            }
            let mid = pid.with(("mark", mi));
            let rects = self.range_rects(m.start, m.end.min(range.end));
            let bounds = rects
                .iter()
                .copied()
                .reduce(|a, b| a.union(b))
                .unwrap_or(para_rect);
            para.interact(Rect::NOTHING, mid, Sense::hover());
            let name = self
                .marks
                .names
                .get(mi as usize)
                .cloned()
                .unwrap_or_else(|| role_name(m.role).to_owned());
            let clickable = m.role != Role::Theirs;
            ctx.accesskit_node_builder(mid, |b| {
                b.set_role(accesskit::Role::Mark);
                b.set_label(name);
                b.set_bounds(ak_rect(bounds));
                if clickable {
                    b.add_action(accesskit::Action::Click);
                }
            });
            if clickable
                && para.input(|inp| inp.has_accesskit_action_request(mid, accesskit::Action::Click))
            {
                out.clicked_claim = Some(m.claim.clone());
                self.set_caret(m.start);
            }
        }
    }

    /// The reader's polite live region: the last message, for screen readers to speak.
    pub(super) fn publish_status(&self, ui: &Ui) {
        let id = Id::unique("claimtrace_reader_status");
        ui.interact(Rect::NOTHING, id, Sense::hover());
        let text = self.announcement.clone();
        ui.ctx().accesskit_node_builder(id, |b| {
            b.set_role(accesskit::Role::Status);
            b.set_live(accesskit::Live::Polite);
            b.set_label(text);
        });
    }
}

/// A mark's name when the app gave none.
pub(super) fn role_name(role: Role) -> &'static str {
    match role {
        Role::Content => "claim",
        Role::Mention => "source mention",
        Role::Cue => "cue",
        Role::Theirs => "colleague's claim",
        Role::GhostContent => "suggested claim",
        Role::GhostMention => "suggested source mention",
        Role::GhostCue => "suggested cue",
    }
}

fn ak_rect(r: Rect) -> accesskit::Rect {
    accesskit::Rect {
        x0: r.min.x.into(),
        y0: r.min.y.into(),
        x1: r.max.x.into(),
        y1: r.max.y.into(),
    }
}
