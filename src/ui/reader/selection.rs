//! The reader's input: pointer drags and clicks turned into char selections (whole words unless
//! Alt is held), the bar beside a selection, and keyboard scrolling.

use super::paint::innermost_claim;
use super::*;

impl ReaderState {
    pub(super) fn placed_for(&self, at: usize) -> Option<&Placed> {
        self.placed.iter().find(|p| {
            self.doc
                .chars
                .get(p.para)
                .is_some_and(|r| r.start <= at && at <= r.end)
        })
    }

    /// The char whose glyph is under `pos` (not a caret position), if any.
    pub(super) fn char_under(&self, pos: Pos2) -> Option<usize> {
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

    pub(super) fn handle_pointer(
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
                        // The caret follows the pointer, at the selection's end on its side.
                        self.caret = tidy.map(|(s, e)| if cur < drag.anchor { s } else { e });
                        self.caret_x = None;
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
                    self.caret = Some(e + base);
                    self.caret_x = None;
                }
            }
        } else if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            if modifiers.shift {
                if let (Some(at), Some(anchor)) = (self.offset_at(pos), self.anchor) {
                    self.selection = self.tidy(input.text, anchor, at, !modifiers.alt);
                    self.caret = self.selection.map(|(s, e)| if at < anchor { s } else { e });
                    self.caret_x = None;
                }
            } else {
                let under = self.char_under(pos);
                let claim =
                    under.and_then(|c| innermost_claim(input.marks, &self.marks, &self.doc, c));
                self.selection = None;
                self.anchor = self.offset_at(pos);
                self.caret = self.anchor;
                self.caret_x = None;
                self.pending_click = Some((claim, now));
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(delay / 2.0));
            }
        }
    }

    /// Tidy a raw range using only the paragraphs it spans as context; with `words`, widen it
    /// so that it cuts no word in two.
    pub(super) fn tidy(
        &self,
        text: &str,
        a: usize,
        b: usize,
        words: bool,
    ) -> Option<(usize, usize)> {
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

    pub(super) fn show_bar(&mut self, ui: &Ui, input: &ReaderInput<'_>, out: &mut ReaderOutput) {
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
pub(super) enum KeyScroll {
    Lines(f32),
    Pages(f32),
    Start,
    End,
}

/// Keyboard scrolling of the reader: arrows by a line, Page Up/Down and Space/Shift+Space by a
/// screen, Home/End and Ctrl+Home/End to the start and end. Only when no widget (a text field,
/// a focused button) has the keyboard; the keys are consumed so nothing else acts on them. While
/// the reader itself has the keyboard (`caret`), the arrows, Home and End move the caret and
/// Space is a click: only Page Up and Page Down scroll.
pub(super) fn keyboard_scroll(ui: &Ui, caret: bool) -> Option<KeyScroll> {
    use egui::{Key, Modifiers};
    if caret {
        let pages = [
            (Key::PageDown, KeyScroll::Pages(1.0)),
            (Key::PageUp, KeyScroll::Pages(-1.0)),
        ];
        return ui.input_mut(|i| {
            pages
                .iter()
                .find(|(k, _)| i.consume_key(Modifiers::NONE, *k))
                .map(|&(_, what)| what)
        });
    }
    if ui.ctx().memory(|m| m.focused().is_some()) {
        return None;
    }
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
