//! The reader's keyboard caret, for annotating without a mouse: while the reader has keyboard
//! focus, the arrows move a caret by characters (graphemes), Ctrl+arrows by words (Unicode word
//! bounds) and paragraphs, Up and Down by rows of the laid-out text, Home and End to the row's
//! ends, Ctrl+Home and Ctrl+End to the document's; Shift extends the selection from where it
//! started. C, S and Q then act on that selection as on one made with the mouse.

use super::*;
use unicode_segmentation::UnicodeSegmentation;

/// Where a key moves the caret.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Move {
    Left,
    Right,
    WordLeft,
    WordRight,
    Up,
    Down,
    ParagraphUp,
    ParagraphDown,
    RowStart,
    RowEnd,
    DocStart,
    DocEnd,
}

impl Move {
    fn of(key: egui::Key, m: egui::Modifiers) -> Option<Move> {
        use egui::Key;
        // Ctrl (Cmd on a Mac) or, as on a Mac, Alt moves by words.
        let word = m.command || m.ctrl || m.alt;
        Some(match (key, word) {
            (Key::ArrowLeft, false) => Move::Left,
            (Key::ArrowRight, false) => Move::Right,
            (Key::ArrowLeft, true) => Move::WordLeft,
            (Key::ArrowRight, true) => Move::WordRight,
            (Key::ArrowUp, false) => Move::Up,
            (Key::ArrowDown, false) => Move::Down,
            (Key::ArrowUp, true) => Move::ParagraphUp,
            (Key::ArrowDown, true) => Move::ParagraphDown,
            (Key::Home, false) => Move::RowStart,
            (Key::End, false) => Move::RowEnd,
            (Key::Home, true) => Move::DocStart,
            (Key::End, true) => Move::DocEnd,
            _ => return None,
        })
    }

    fn vertical(self) -> bool {
        matches!(self, Move::Up | Move::Down)
    }
}

impl ReaderState {
    /// Apply the caret keys pressed this frame (the reader has keyboard focus); the keys are
    /// consumed.
    pub(super) fn caret_keys(&mut self, ui: &Ui, text: &str, font_id: &FontId) {
        let keys: Vec<(Move, bool)> = ui.input_mut(|i| {
            let mut keys = Vec::new();
            i.events.retain(|e| match e {
                egui::Event::Key {
                    key,
                    pressed,
                    modifiers,
                    ..
                } => match Move::of(*key, *modifiers) {
                    Some(m) => {
                        if *pressed {
                            keys.push((m, modifiers.shift));
                        }
                        false
                    }
                    None => true,
                },
                _ => true,
            });
            keys
        });
        for (m, shift) in keys {
            self.move_caret(ui, text, font_id, m, shift);
        }
    }

    fn move_caret(&mut self, ui: &Ui, text: &str, font_id: &FontId, m: Move, shift: bool) {
        if self.doc.chars.is_empty() {
            return;
        }
        let from = self.caret.unwrap_or(0).min(self.doc.char_len);
        // Without Shift, Left and Right first collapse a selection to its side.
        let to = match (self.selection, shift, m) {
            (Some((s, _)), false, Move::Left) => s,
            (Some((_, e)), false, Move::Right) => e,
            _ => self.target(ui, text, font_id, from, m),
        };
        if !m.vertical() {
            self.caret_x = None;
        }
        if shift {
            let anchor = match (self.selection, self.anchor) {
                (Some(_), Some(a)) => a,
                _ => from,
            };
            self.anchor = Some(anchor);
            self.selection = self.tidy(text, anchor, to, false);
        } else {
            self.selection = None;
            self.anchor = Some(to);
        }
        self.caret = Some(to);
        self.caret_moved = true;
    }

    /// Where move `m` takes a caret at `at`.
    fn target(&mut self, ui: &Ui, text: &str, font_id: &FontId, at: usize, m: Move) -> usize {
        let Some(p) = self.doc.para_at_or_after(at) else {
            return at;
        };
        let n = self.doc.chars.len();
        let range = self.doc.chars[p].clone();
        // A caret between paragraphs belongs to the one after it.
        let at = at.clamp(range.start, range.end);
        let (local, base) = self.doc.span_text(text, p, p);
        let k = at - base;
        match m {
            Move::Left if k > 0 => base + prev_grapheme(local, k),
            Move::Left => p.checked_sub(1).map_or(at, |q| self.doc.chars[q].end),
            Move::Right if at < range.end => base + next_grapheme(local, k),
            Move::Right => self.doc.chars.get(p + 1).map_or(at, |r| r.start),
            Move::WordRight => {
                let mut q = p;
                let mut from = k;
                loop {
                    let (local, base) = self.doc.span_text(text, q, q);
                    if let Some(e) = word_end_after(local, from) {
                        return base + e;
                    }
                    if q + 1 >= n {
                        return self.doc.chars[q].end;
                    }
                    q += 1;
                    from = 0;
                }
            }
            Move::WordLeft => {
                let mut q = p;
                let mut from = k;
                loop {
                    let (local, base) = self.doc.span_text(text, q, q);
                    if let Some(s) = word_start_before(local, from) {
                        return base + s;
                    }
                    if q == 0 {
                        return 0;
                    }
                    q -= 1;
                    from = self.doc.chars[q].len();
                }
            }
            Move::ParagraphUp if at > range.start => range.start,
            Move::ParagraphUp => p.checked_sub(1).map_or(at, |q| self.doc.chars[q].start),
            Move::ParagraphDown => self.doc.chars.get(p + 1).map_or(range.end, |r| r.start),
            Move::DocStart => self.doc.chars[0].start,
            Move::DocEnd => self.doc.chars[n - 1].end,
            Move::RowStart | Move::RowEnd => {
                let g = self.galley(ui, text, p, font_id);
                let c = CCursor::new(k);
                let c = if m == Move::RowStart {
                    g.cursor_begin_of_row(&c)
                } else {
                    g.cursor_end_of_row(&c)
                };
                base + c.index.0
            }
            Move::Up | Move::Down => {
                let g = self.galley(ui, text, p, font_id);
                let c = CCursor::new(k);
                let row = g.layout_from_cursor(c).row;
                let x = self
                    .caret_x
                    .unwrap_or_else(|| g.pos_from_cursor(c).center().x);
                self.caret_x = Some(x);
                if m == Move::Up && row > 0 {
                    let (c, _) = g.cursor_up_one_row(&c, Some(x));
                    base + c.index.0
                } else if m == Move::Down && row + 1 < g.rows.len() {
                    let (c, _) = g.cursor_down_one_row(&c, Some(x));
                    base + c.index.0
                } else {
                    // Into the last row of the paragraph above, or the first of the one below.
                    let q = if m == Move::Up {
                        p.checked_sub(1)
                    } else {
                        (p + 1 < n).then_some(p + 1)
                    };
                    let Some(q) = q else {
                        return if m == Move::Up {
                            range.start
                        } else {
                            range.end
                        };
                    };
                    let g = self.galley(ui, text, q, font_id);
                    let y = if m == Move::Up {
                        g.rows.last().map_or(0.0, |r| (r.min_y() + r.max_y()) / 2.0)
                    } else {
                        g.rows
                            .first()
                            .map_or(0.0, |r| (r.min_y() + r.max_y()) / 2.0)
                    };
                    self.doc.chars[q].start + g.cursor_from_pos(vec2(x, y)).index.0
                }
            }
        }
    }
}

/// The grapheme boundary before char `k` of `s`.
fn prev_grapheme(s: &str, k: usize) -> usize {
    let mut pos = 0;
    let mut last = 0;
    for g in s.graphemes(true) {
        if pos >= k {
            break;
        }
        last = pos;
        pos += g.chars().count();
    }
    last
}

/// The grapheme boundary after char `k` of `s`.
fn next_grapheme(s: &str, k: usize) -> usize {
    let mut pos = 0;
    for g in s.graphemes(true) {
        pos += g.chars().count();
        if pos > k {
            return pos;
        }
    }
    pos
}

/// Is this word-bound segment a word (not spaces or punctuation)?
fn is_word(w: &str) -> bool {
    w.chars().any(char::is_alphanumeric)
}

/// The end of the first word ending after char `k` of `s`.
fn word_end_after(s: &str, k: usize) -> Option<usize> {
    let mut pos = 0;
    for w in s.split_word_bounds() {
        pos += w.chars().count();
        if pos > k && is_word(w) {
            return Some(pos);
        }
    }
    None
}

/// The start of the last word starting before char `k` of `s`.
fn word_start_before(s: &str, k: usize) -> Option<usize> {
    let mut pos = 0;
    let mut found = None;
    for w in s.split_word_bounds() {
        if pos >= k {
            break;
        }
        if is_word(w) {
            found = Some(pos);
        }
        pos += w.chars().count();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_by_unicode_word_bounds() {
        let s = "Hà Nội’s “ministry” said—no, 3.5%.";
        let ends: Vec<usize> =
            std::iter::successors(word_end_after(s, 0), |&k| word_end_after(s, k)).collect();
        let words: Vec<&str> = ends
            .iter()
            .map(|&e| {
                let st = word_start_before(s, e).unwrap();
                let b = |c: usize| s.char_indices().nth(c).map_or(s.len(), |(b, _)| b);
                &s[b(st)..b(e)]
            })
            .collect();
        assert_eq!(words, ["Hà", "Nội’s", "ministry", "said", "no", "3.5"]);
        assert_eq!(word_start_before(s, 0), None);
        assert_eq!(word_end_after(s, s.chars().count()), None);
    }

    #[test]
    fn graphemes_are_not_split() {
        // "e" + combining acute, then a flag (two regional indicators).
        let s = "e\u{301}x🇻🇳y";
        assert_eq!(next_grapheme(s, 0), 2);
        assert_eq!(next_grapheme(s, 3), 5);
        assert_eq!(prev_grapheme(s, 5), 3);
        assert_eq!(prev_grapheme(s, 2), 0);
    }
}
