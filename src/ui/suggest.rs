//! The suggestions room: Annotate → Suggest attributions runs the suggester (`crate::suggest`)
//! on a worker thread, for this document or all of them, with progress and Cancel; the
//! suggestions are shown as ghost highlights in the reader (outlined, never filled) and in the
//! Suggestions list beside the claims, and reviewed from the keyboard: next, accept, edit then
//! accept, reject, accept all above a confidence. Accepting and rejecting are edits (undoable);
//! what is hidden (rejected, or made by a claim) is recomputed from the project when it changes,
//! so an undo brings a suggestion back.

use super::command::{Command, Queue};
use super::reader::{Mark, Role};
use crate::model::Project;
use crate::suggest::{self, Suggestion};
use egui::{Color32, RichText, Ui};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// The reader's claim ids of ghost marks start with this (no claim id can: ids are printable).
const GHOST: &str = "\u{1}suggestion:";

/// Suggestions are computed down to this confidence, so the list's "show from" can go below the
/// default without running the suggester again.
const COMPUTED_FROM: f32 = 0.3;

/// The reader id of suggestion `i`'s ghost marks.
pub fn ghost_id(i: usize) -> String {
    format!("{GHOST}{i}")
}

/// The suggestion index behind a ghost mark's id.
pub fn ghost_index(id: &str) -> Option<usize> {
    id.strip_prefix(GHOST)?.parse().ok()
}

/// What a run covers.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    Document(String),
    All,
}

/// A run of the suggester on a worker thread.
struct Job {
    scope: Scope,
    cancel: Arc<AtomicBool>,
    done: Arc<AtomicUsize>,
    total: usize,
    rx: mpsc::Receiver<Vec<(String, Vec<Suggestion>)>>,
}

/// The state of the suggestions room.
pub struct SuggestView {
    /// Every computed suggestion, in the project's document order and by position within one.
    list: Vec<Suggestion>,
    /// For each of `list`: neither rejected nor made by a claim (recomputed on project change).
    open: Vec<bool>,
    /// The indices of the shown suggestions (open, at or above "show from"), in list order.
    shown: Vec<usize>,
    open_key: Option<(u64, (u64, usize))>,
    /// The suggestion under review.
    pub current: Option<usize>,
    /// The current suggestion's spans are being changed with C / S / Q / Ctrl+drag.
    pub editing: bool,
    /// The list and the reader show suggestions from this confidence (percent).
    pub show_from: f32,
    /// "Accept all" takes the document's suggestions from this confidence (percent).
    pub accept_above: f32,
    /// Learn cues, patterns and source names from the project's claims.
    pub learn: bool,
    job: Option<Job>,
    /// Bumped whenever what the reader shows of the suggestions changes.
    pub version: u64,
}

impl Default for SuggestView {
    fn default() -> Self {
        SuggestView {
            list: Vec::new(),
            open: Vec::new(),
            shown: Vec::new(),
            open_key: None,
            current: None,
            editing: false,
            show_from: (suggest::DEFAULT_MIN_CONFIDENCE * 100.0).round(),
            accept_above: 80.0,
            learn: true,
            job: None,
            version: 0,
        }
    }
}

impl SuggestView {
    /// Every computed suggestion.
    pub fn list(&self) -> &[Suggestion] {
        &self.list
    }

    /// Is a run going on?
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Is suggestion `i` shown (open, and at or above "show from")?
    pub fn visible(&self, i: usize) -> bool {
        self.open.get(i).copied().unwrap_or(false)
            && self
                .list
                .get(i)
                .is_some_and(|s| s.confidence * 100.0 + 1e-3 >= self.show_from)
    }

    /// The indices of the shown suggestions of `doc`.
    pub fn shown_in(&self, doc: &str) -> Vec<usize> {
        self.shown
            .iter()
            .copied()
            .filter(|&i| self.list[i].document == doc)
            .collect()
    }

    /// How many suggestions are shown (all documents).
    pub fn shown(&self) -> usize {
        self.shown.len()
    }

    /// Recount what is shown, after the list, what is open or "show from" changed (never per
    /// frame: the menus, the tab and the keys ask every frame).
    pub fn recount(&mut self) {
        self.shown = (0..self.list.len()).filter(|&i| self.visible(i)).collect();
        self.version += 1;
    }

    /// The current suggestion, when it is shown.
    pub fn current_suggestion(&self) -> Option<(usize, &Suggestion)> {
        let i = self.current.filter(|&i| self.visible(i))?;
        Some((i, &self.list[i]))
    }

    /// Start a run over `scope` (a run going on is cancelled).
    pub fn start(&mut self, project: &Project, scope: Scope) {
        self.cancel();
        let docs: Vec<String> = match &scope {
            Scope::Document(d) => vec![d.clone()],
            Scope::All => project.documents.iter().map(|d| d.id.clone()).collect(),
        };
        let cancel = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::channel();
        let total = docs.len();
        let project = project.clone();
        let opts = suggest::Options {
            min_confidence: COMPUTED_FROM,
            learn: self.learn,
        };
        let (c, d) = (cancel.clone(), done.clone());
        std::thread::spawn(move || {
            // What the project teaches is computed once for the whole run.
            let know =
                suggest::Knowledge::from_project(&project, suggest::lexicon::english(), opts.learn);
            // Claims and rejections grouped by document in one pass (not one scan per document).
            let filters = suggest::DocFilter::all(&project);
            let mut out = Vec::with_capacity(docs.len());
            let wanted: std::collections::HashSet<String> = docs.into_iter().collect();
            for doc in project.documents.iter().filter(|x| wanted.contains(&x.id)) {
                if c.load(Ordering::Relaxed) {
                    return;
                }
                let Some(filter) = filters.get(doc.id.as_str()) else {
                    continue;
                };
                let found = suggest::suggest_document(doc, &know, filter, &opts, false);
                out.push((doc.id.clone(), found));
                d.fetch_add(1, Ordering::Relaxed);
            }
            // The window may be gone: nobody to tell.
            let _ = tx.send(out);
        });
        self.job = Some(Job {
            scope,
            cancel,
            done,
            total,
            rx,
        });
    }

    /// Stop a run (its results are dropped).
    pub fn cancel(&mut self) {
        if let Some(j) = self.job.take() {
            j.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Progress of the run: (documents done, documents in all).
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.job
            .as_ref()
            .map(|j| (j.done.load(Ordering::Relaxed), j.total))
    }

    /// Take a finished run's results in. Returns the run's scope when it ended this frame.
    pub fn poll(&mut self, project: &Project) -> Option<Scope> {
        let job = self.job.as_ref()?;
        let batches = match job.rx.try_recv() {
            Ok(b) => b,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => {
                // The worker ended without results (it cannot panic on project data, but a
                // dead worker must not leave the window waiting forever).
                self.job = None;
                return None;
            }
        };
        let scope = self.job.take().map(|j| j.scope)?;
        self.merge(project, batches);
        Some(scope)
    }

    /// Replace the suggestions of the documents in `batches`; keep the others.
    fn merge(&mut self, project: &Project, batches: Vec<(String, Vec<Suggestion>)>) {
        let mut by_doc: std::collections::HashMap<String, Vec<Suggestion>> =
            std::collections::HashMap::new();
        // The kept suggestions, with `within` made relative to their document's run.
        let old = std::mem::take(&mut self.list);
        let mut base: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, s) in old.iter().enumerate() {
            base.entry(s.document.clone()).or_insert(i);
        }
        for s in old {
            let b = base.get(&s.document).copied().unwrap_or(0);
            let mut s = s;
            s.within = s.within.and_then(|w| w.checked_sub(b));
            by_doc.entry(s.document.clone()).or_default().push(s);
        }
        for (doc, found) in batches {
            by_doc.insert(doc, found);
        }
        for doc in &project.documents {
            let Some(found) = by_doc.remove(&doc.id) else {
                continue;
            };
            let b = self.list.len();
            self.list.extend(found.into_iter().map(|mut s| {
                s.within = s.within.map(|w| w + b);
                s
            }));
        }
        self.open_key = None;
        self.current = None;
        self.editing = false;
        self.refresh(project, (u64::MAX, (u64::MAX, usize::MAX)));
    }

    /// Recompute what is hidden when the project changed (`key`: generation and history
    /// version), never per frame.
    pub fn refresh(&mut self, project: &Project, key: (u64, (u64, usize))) {
        if self.open_key == Some(key) && self.open.len() == self.list.len() {
            return;
        }
        // Suggestions of documents no longer in the project are dropped.
        if self
            .list
            .iter()
            .any(|s| project.document(&s.document).is_none())
        {
            let keep: Vec<bool> = self
                .list
                .iter()
                .map(|s| project.document(&s.document).is_some())
                .collect();
            self.list = suggest::subset(&self.list, |i| keep[i]);
            self.current = None;
        }
        self.open = suggest::open_flags(project, &self.list);
        self.open_key = Some(key);
        if self.current.is_some_and(|i| !self.visible(i)) {
            self.editing = false;
        }
        self.recount();
    }

    /// The next (or previous) shown suggestion after `from` (or from the start of `doc`), in
    /// list order, wrapping around.
    pub fn step(&self, from: Option<usize>, doc: Option<&str>, forward: bool) -> Option<usize> {
        let n = self.list.len();
        if n == 0 {
            return None;
        }
        let start = match from {
            Some(i) => i,
            None => {
                // Before the first suggestion of the current document.
                let first = doc
                    .and_then(|d| self.list.iter().position(|s| s.document == d))
                    .unwrap_or(0);
                if forward { (first + n - 1) % n } else { first }
            }
        };
        (1..=n)
            .map(|k| {
                if forward {
                    (start + k) % n
                } else {
                    (start + n * 2 - k) % n
                }
            })
            .find(|&i| self.visible(i))
    }

    /// Make `i` the suggestion under review (not editing).
    pub fn set_current(&mut self, i: Option<usize>) {
        if self.current != i {
            self.current = i;
            self.editing = false;
            self.version += 1;
        }
    }

    /// The current suggestion, to change while editing.
    pub fn current_mut(&mut self) -> Option<&mut Suggestion> {
        let i = self.current.filter(|&i| self.visible(i))?;
        self.version += 1;
        self.list.get_mut(i)
    }

    /// Suggestion `i` alone, ready to accept (nesting dropped: its outer claim may not exist).
    pub fn single(&self, i: usize) -> Option<Suggestion> {
        let mut s = self.list.get(i)?.clone();
        s.within = None;
        Some(s)
    }

    /// How many shown suggestions of `doc` are at `min` percent or more.
    pub fn count_above(&self, doc: &str, min: f32) -> usize {
        self.shown
            .iter()
            .filter(|&&i| {
                self.list[i].document == doc && self.list[i].confidence * 100.0 + 1e-3 >= min
            })
            .count()
    }

    /// The shown suggestions of `doc` at `min` percent or more, nesting kept among them.
    pub fn above(&self, doc: &str, min: f32) -> Vec<Suggestion> {
        suggest::subset(&self.list, |i| {
            self.list[i].document == doc
                && self.visible(i)
                && self.list[i].confidence * 100.0 + 1e-3 >= min
        })
    }

    /// The ghost marks of `doc`'s shown suggestions (content outlined in `color`).
    pub fn marks(&self, doc: &str, color: Color32) -> Vec<Mark> {
        let mut out = Vec::new();
        for i in self.shown_in(doc) {
            let s = &self.list[i];
            let id = ghost_id(i);
            let mut add = |rs: &[Range<usize>], role: Role, color: Color32| {
                for r in rs {
                    out.push(Mark {
                        start: r.start,
                        end: r.end,
                        color,
                        claim: id.clone(),
                        role,
                    });
                }
            };
            add(&s.content, Role::GhostContent, color);
            add(&s.mention, Role::GhostMention, super::marks::MENTION);
            add(&s.cue, Role::GhostCue, super::marks::CUE);
        }
        out
    }
}

/// Add `r` to `content` (sorted, overlapping or touching fragments joined).
pub fn add_fragment(content: &mut Vec<Range<usize>>, r: Range<usize>) {
    content.push(r);
    content.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(content.len());
    for r in content.drain(..) {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    *content = out;
}

/// The words of `rs` in `text` (fragments joined by " … "), shortened to `max` chars.
fn words(text: &str, rs: &[Range<usize>], max: usize) -> String {
    let map = crate::text::CharMap::new(text);
    let all = rs
        .iter()
        .map(|r| map.slice(text, r.start, r.end))
        .collect::<Vec<_>>()
        .join(" … ");
    if all.chars().count() > max {
        let cut: String = all.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    } else {
        all
    }
}

/// Who a suggestion names: the registry sources, else the mention's words; with `resolve`, also
/// what accepting would make of the words (as S resolves them).
fn who(project: &Project, text: &str, s: &Suggestion, resolve: bool) -> String {
    let names: Vec<&str> = s
        .sources
        .iter()
        .filter_map(|id| project.source(id).map(|x| x.name.as_str()))
        .collect();
    if !names.is_empty() {
        return names.join(" and ");
    }
    let m = words(text, &s.mention, 40);
    if m.is_empty() {
        return "no source named".to_string();
    }
    if !resolve {
        return format!("“{m}”");
    }
    use crate::model::mentions::{self, MentionKind, classify};
    match classify(&m) {
        MentionKind::Pronoun => format!("“{m}” (the source named before it)"),
        MentionKind::Generic => format!("“{m}” (anonymous source)"),
        MentionKind::Named => match project
            .find_source(&m)
            .or_else(|| mentions::best_match(project, Some(&s.document), &m))
        {
            Some(x) => format!("“{m}” → {}", x.name),
            None => format!("“{m}” (a new source)"),
        },
    }
}

/// The Suggestions list (a tab beside the claims): run, progress and Cancel, the document's
/// suggestions by position with their confidence, the current one's actions, accept all.
pub fn panel(
    ui: &mut Ui,
    project: &Project,
    doc: Option<&str>,
    view: &mut SuggestView,
    writable: bool,
    queue: &mut Queue,
) {
    ui.horizontal_wrapped(|ui| {
        let running = view.is_running();
        if ui
            .add_enabled(
                doc.is_some() && !running,
                egui::Button::new("Suggest in this document"),
            )
            .clicked()
        {
            queue.push(Command::SuggestDocument);
        }
        if ui
            .add_enabled(
                !project.documents.is_empty() && !running,
                egui::Button::new("In all documents"),
            )
            .clicked()
        {
            queue.push(Command::SuggestAll);
        }
    });
    if let Some((done, total)) = view.progress() {
        ui.horizontal(|ui| {
            let f = if total == 0 {
                1.0
            } else {
                done as f32 / total as f32
            };
            ui.add(egui::ProgressBar::new(f).desired_width(140.0).text(format!(
                "{done} of {}",
                plural(total, "document", "documents")
            )));
            if ui.button("Cancel").clicked() {
                queue.push(Command::CancelSuggest);
            }
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(50));
    }
    ui.checkbox(&mut view.learn, "Learn from this project's claims")
        .on_hover_text(
            "Cues, their patterns and source names the project's claims use are proposed in \
             other articles. Off: the built-in cue list and the registry only (takes effect \
             on the next run).",
        );
    ui.horizontal(|ui| {
        ui.label("Show from");
        let before = view.show_from;
        ui.add(
            egui::DragValue::new(&mut view.show_from)
                .range(COMPUTED_FROM * 100.0..=100.0)
                .speed(1.0)
                .suffix("%"),
        );
        if view.show_from != before {
            view.recount();
        }
    });
    if view.list.is_empty() {
        ui.add_space(8.0);
        ui.label(
            RichText::new(
                "No suggestions yet. Suggest (Ctrl+G) proposes attributions in this document; \
                 N / Shift+N move between them, A or Enter accepts, E edits, X rejects.",
            )
            .weak(),
        );
        return;
    }
    let Some(doc) = doc else { return };
    let text = project.document(doc).map_or("", |d| d.text.as_str());
    let shown = view.shown_in(doc);
    ui.horizontal(|ui| {
        let n_above = view.count_above(doc, view.accept_above);
        if ui
            .add_enabled(
                writable && n_above > 0,
                egui::Button::new(format!("Accept {n_above} at")),
            )
            .on_hover_text("As one step: Ctrl+Z undoes them all (Ctrl+Shift+A)")
            .clicked()
        {
            queue.push(Command::AcceptAllAbove);
        }
        ui.add(
            egui::DragValue::new(&mut view.accept_above)
                .range(COMPUTED_FROM * 100.0..=100.0)
                .speed(1.0)
                .suffix("% or more"),
        );
    });
    let elsewhere = view.shown() - shown.len();
    ui.label(
        RichText::new(format!(
            "{} in this document{}",
            plural(shown.len(), "suggestion", "suggestions"),
            if elsewhere > 0 {
                format!(", {elsewhere} in other documents")
            } else {
                String::new()
            }
        ))
        .weak(),
    );
    ui.separator();
    let current = view.current_suggestion().map(|(i, _)| i);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for i in shown {
                let s = &view.list[i];
                let is_current = current == Some(i);
                let line = format!(
                    "{:>3.0}%  {} — {}: “{}”",
                    s.confidence * 100.0,
                    who(project, text, s, false),
                    words(text, &s.cue, 24),
                    words(text, &s.content, 60)
                );
                let r = ui.selectable_label(is_current, line);
                if r.clicked() {
                    queue.push(Command::ShowSuggestion(i));
                }
                if is_current {
                    r.scroll_to_me(None);
                    ui.indent("current-suggestion", |ui| {
                        ui.label(RichText::new(format!("why: {}", s.rule)).weak());
                        if view.editing {
                            ui.label(
                                RichText::new(
                                    "Editing: select text, then C content, S source mention, \
                                     Q cue, Ctrl+drag adds a fragment; Esc stops editing.",
                                )
                                .weak(),
                            );
                        }
                        ui.horizontal(|ui| {
                            let accept = ui.add_enabled(writable, egui::Button::new("Accept (A)"));
                            if accept.clicked() {
                                queue.push(Command::AcceptSuggestion);
                            }
                            if !view.editing
                                && ui
                                    .add_enabled(writable, egui::Button::new("Edit (E)"))
                                    .clicked()
                            {
                                queue.push(Command::EditSuggestion);
                            }
                            if ui
                                .add_enabled(writable, egui::Button::new("Reject (X)"))
                                .clicked()
                            {
                                queue.push(Command::RejectSuggestion);
                            }
                        });
                    });
                }
            }
        });
}

/// The suggestion under review, in the inspector's place (when no claim is selected): its
/// confidence and why, its content, cue and source, and what the keys do.
pub fn details(
    ui: &mut Ui,
    project: &Project,
    view: &SuggestView,
    writable: bool,
    queue: &mut Queue,
) {
    let Some((_, s)) = view.current_suggestion() else {
        return;
    };
    let text = project
        .document(&s.document)
        .map_or("", |d| d.text.as_str());
    ui.heading(if view.editing {
        "Editing a suggestion"
    } else {
        "Suggestion"
    });
    ui.label(format!("{:.0}% — {}", s.confidence * 100.0, s.rule));
    ui.add_space(4.0);
    let mut field = |name: &str, value: String| {
        if value.is_empty() {
            return;
        }
        ui.label(RichText::new(name).weak());
        ui.add(egui::Label::new(value).wrap());
    };
    field("Content", words(text, &s.content, 600));
    field("Cue", words(text, &s.cue, 120));
    field("Source", who(project, text, s, true));
    if let Some(r) = &s.via_text {
        field("Via", words(text, std::slice::from_ref(r), 120));
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(writable, egui::Button::new("Accept (A)"))
            .clicked()
        {
            queue.push(Command::AcceptSuggestion);
        }
        if !view.editing
            && ui
                .add_enabled(writable, egui::Button::new("Edit (E)"))
                .clicked()
        {
            queue.push(Command::EditSuggestion);
        }
        if ui
            .add_enabled(writable, egui::Button::new("Reject (X)"))
            .clicked()
        {
            queue.push(Command::RejectSuggestion);
        }
    });
    ui.label(
        RichText::new(if view.editing {
            "Select words, then C sets the content, S the source mention, Q the cue; \
             Ctrl+drag adds a content fragment. A or Enter accepts, Esc stops editing."
        } else {
            "N / Shift+N: next / previous suggestion. Accepting makes a claim with the label \
             chosen above (Ctrl+Z undoes it)."
        })
        .weak(),
    );
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn fragments_join_when_they_touch() {
        let mut c = vec![10..20];
        add_fragment(&mut c, 30..40);
        add_fragment(&mut c, 0..5);
        assert_eq!(c, vec![0..5, 10..20, 30..40]);
        add_fragment(&mut c, 18..31);
        assert_eq!(c, vec![0..5, 10..40]);
    }

    #[test]
    fn ghost_ids_round_trip_and_never_parse_claim_ids() {
        assert_eq!(ghost_index(&ghost_id(17)), Some(17));
        assert_eq!(ghost_index("c01"), None);
        assert_eq!(ghost_index("17"), None);
    }
}
