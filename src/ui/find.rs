//! Find in the current document: case-insensitive over the normalised text, matches as char
//! ranges, recomputed only when the query, the document or the project changes.

use super::command::{Command, Queue};
use crate::model::Project;
use egui::{Key, Ui};

#[derive(Default)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    pub matches: Vec<(usize, usize)>,
    pub current: Option<usize>,
    /// Ask the query field for keyboard focus next frame.
    pub focus: bool,
    /// The field or one of the bar's buttons had the keyboard last frame: Escape is Find's then.
    pub holds_keyboard: bool,
    key: Option<(FindVersion, Option<String>, String)>,
}

/// What the matches depend on besides the query and the document: the project's generation and
/// its history version (a document's text may be replaced by an edit).
pub type FindVersion = (u64, (u64, usize));

/// Lower-case a char when its lower case is one char, so char offsets are kept.
fn fold(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// Every non-overlapping, case-insensitive occurrence of `query` in `text`, as char ranges.
pub fn find_all(text: &str, query: &str) -> Vec<(usize, usize)> {
    let q: Vec<char> = crate::text::normalize(query).chars().map(fold).collect();
    if q.is_empty() || q.iter().all(|c| c.is_whitespace()) {
        return Vec::new();
    }
    let t: Vec<char> = text.chars().map(fold).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + q.len() <= t.len() {
        if t[i..i + q.len()] == q[..] {
            out.push((i, i + q.len()));
            i += q.len();
        } else {
            i += 1;
        }
    }
    out
}

impl FindState {
    /// Recompute matches if the query, document or project changed; returns the start of the
    /// first match when it did (to scroll there).
    pub fn refresh(
        &mut self,
        p: &Project,
        doc: Option<&str>,
        version: FindVersion,
    ) -> Option<usize> {
        let key = (version, doc.map(str::to_string), self.query.clone());
        if self.key.as_ref() == Some(&key) {
            return None;
        }
        let text = doc
            .and_then(|d| p.document(d))
            .map(|d| d.text.as_str())
            .unwrap_or("");
        self.matches = if self.open {
            find_all(text, &self.query)
        } else {
            Vec::new()
        };
        // Only the project changed (an edit): stay at the same match, do not scroll.
        let same_search = self
            .key
            .as_ref()
            .is_some_and(|k| (&k.1, &k.2) == (&key.1, &key.2));
        self.current = match self.current {
            _ if self.matches.is_empty() => None,
            Some(i) if same_search => Some(i.min(self.matches.len() - 1)),
            _ => Some(0),
        };
        // Closed: forget the key so reopening recomputes.
        self.key = self.open.then_some(key);
        if same_search {
            return None;
        }
        self.matches.first().map(|m| m.0)
    }

    /// Close the find bar: its matches go too, so no highlight stays painted.
    pub fn close(&mut self) {
        self.open = false;
        self.matches.clear();
        self.current = None;
        self.key = None;
        self.holds_keyboard = false;
    }

    /// Move to the next or previous match; returns its start.
    pub fn step(&mut self, forward: bool) -> Option<usize> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let i = match self.current {
            None => 0,
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
        };
        self.current = Some(i);
        Some(self.matches[i].0)
    }

    /// "3 of 12", or "No matches".
    pub fn count_text(&self) -> String {
        match self.current {
            Some(i) => format!("{} of {}", i + 1, self.matches.len()),
            None if self.query.trim().is_empty() => String::new(),
            None => "No matches".into(),
        }
    }

    pub fn bar(&mut self, ui: &mut Ui, queue: &mut Queue) {
        egui::Panel::top("find_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                let l = ui.label("Find");
                let r = ui
                    .add(egui::TextEdit::singleline(&mut self.query).desired_width(240.0))
                    .labelled_by(l.id);
                if self.focus {
                    r.request_focus();
                    self.focus = false;
                }
                if r.lost_focus() || r.has_focus() {
                    // Each Enter of this frame, with the Shift it was pressed with: the frame's
                    // modifier state may already have Shift released (a fast Shift+Enter arrives
                    // as Shift down, Enter, Shift up in one frame), so read the key's own.
                    for back in enter_presses(ui) {
                        queue.push(if back {
                            Command::FindPrev
                        } else {
                            Command::FindNext
                        });
                    }
                    if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                        r.request_focus();
                    }
                }
                // Escape closes Find while the field or one of the bar's buttons has the
                // keyboard (a click on Next leaves it on the button), never deselects the claim.
                let mut buttons_focused = false;
                ui.label(self.count_text());
                let prev = ui.button("Previous");
                if prev.clicked() {
                    queue.push(Command::FindPrev);
                }
                let next = ui.button("Next");
                if next.clicked() {
                    queue.push(Command::FindNext);
                }
                let close = ui.button("Close find");
                if close.clicked() {
                    queue.push(Command::CloseFind);
                }
                for b in [&prev, &next, &close] {
                    buttons_focused |= b.has_focus() || b.clicked();
                }
                if prev.clicked() || next.clicked() {
                    // Back to the field: Enter, Shift+Enter and Escape keep working there.
                    r.request_focus();
                }
                self.holds_keyboard = r.has_focus() || buttons_focused;
                let escape = ui.input(|i| i.key_pressed(Key::Escape));
                if escape && (r.has_focus() || r.lost_focus() || buttons_focused) {
                    queue.push(Command::CloseFind);
                }
            });
        });
    }
}

/// The Enter presses of this frame, each `true` when Shift was held with it.
fn enter_presses(ui: &Ui) -> Vec<bool> {
    ui.input(|i| {
        i.events
            .iter()
            .filter_map(|e| match e {
                egui::Event::Key {
                    key: Key::Enter,
                    pressed: true,
                    modifiers,
                    ..
                } => Some(modifiers.shift),
                _ => None,
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_case_insensitively_with_char_offsets() {
        let text = "Ộ amnesty… AMNESTY said; Amnesty";
        let m = find_all(text, "amnesty");
        assert_eq!(m, vec![(2, 9), (11, 18), (25, 32)]);
        let chars: Vec<char> = text.chars().collect();
        let got: String = chars[m[1].0..m[1].1].iter().collect();
        assert_eq!(got, "AMNESTY");
        assert!(find_all(text, "  ").is_empty());
        assert_eq!(find_all("aaaa", "aa"), vec![(0, 2), (2, 4)]);
    }
}
