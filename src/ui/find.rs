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
                if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    let back = ui.input(|i| i.modifiers.shift);
                    queue.push(if back {
                        Command::FindPrev
                    } else {
                        Command::FindNext
                    });
                    r.request_focus();
                }
                if (r.has_focus() || r.lost_focus()) && ui.input(|i| i.key_pressed(Key::Escape)) {
                    queue.push(Command::CloseFind);
                }
                ui.label(self.count_text());
                if ui.button("Previous").clicked() {
                    queue.push(Command::FindPrev);
                }
                if ui.button("Next").clicked() {
                    queue.push(Command::FindNext);
                }
                if ui.button("Close find").clicked() {
                    queue.push(Command::CloseFind);
                }
            });
        });
    }
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
