//! The suggestion review flow: taking a finished run in, going from one suggestion to the next,
//! accepting, rejecting and editing them (the list and its state are in `ui::suggest`).

use super::*;

/// The keys that review suggestions (they act only while suggestions are shown).
pub(super) fn reviewing_key(c: &Command) -> bool {
    matches!(
        c,
        Command::NextSuggestion
            | Command::PrevSuggestion
            | Command::AcceptSuggestion
            | Command::EditSuggestion
            | Command::RejectSuggestion
            | Command::AcceptAllAbove
    )
}

impl App {
    /// The suggestion commands (Annotate → Suggest, the review keys).
    pub(super) fn run_suggest(&mut self, c: Command) {
        match c {
            Command::SuggestDocument => match self.doc.clone() {
                Some(doc) => {
                    self.suggest_view
                        .start(&self.session.project, suggest::Scope::Document(doc));
                    self.show_suggestions_tab();
                }
                None => self.info("Open a document first: suggestions are made for its text."),
            },
            Command::SuggestAll => {
                if self.session.project.documents.is_empty() {
                    self.info("The project has no documents to suggest attributions in.");
                } else {
                    self.suggest_view
                        .start(&self.session.project, suggest::Scope::All);
                    self.show_suggestions_tab();
                }
            }
            Command::CancelSuggest => {
                self.suggest_view.cancel();
                self.info("Suggesting cancelled; the suggestions already listed are kept.");
            }
            Command::NextSuggestion | Command::PrevSuggestion => {
                let forward = c == Command::NextSuggestion;
                let from = self.suggest_view.current_suggestion().map(|(i, _)| i);
                match self.suggest_view.step(from, self.doc.as_deref(), forward) {
                    Some(i) => self.go_to_suggestion(i, true),
                    None => self.info(
                        "No suggestions are shown: Annotate → Suggest attributions (Ctrl+G).",
                    ),
                }
            }
            Command::ShowSuggestion(i) => self.go_to_suggestion(i, true),
            Command::PickSuggestion(i) => self.go_to_suggestion(i, false),
            Command::AcceptSuggestion => self.accept_suggestion(),
            Command::RejectSuggestion => self.reject_suggestion(),
            Command::EditSuggestion => match self.suggest_view.current_suggestion() {
                Some((_, s)) => {
                    let sel = (s.start(), s.content.last().map_or(0, |r| r.end));
                    self.suggest_view.editing = true;
                    self.suggest_view.version += 1;
                    self.reader_mut().set_selection(Some(sel));
                    self.info(
                        "Editing the suggestion: select text, then C sets its content, S its \
                         source mention, Q its cue; Ctrl+drag adds a fragment. A or Enter \
                         accepts, Esc stops editing.",
                    );
                }
                None => self.info("No suggestion is current: N goes to the next one."),
            },
            Command::AcceptAllAbove => self.accept_all_above(),
            _ => {}
        }
    }

    /// A claim or document chosen in the lists shown over the reader: show the reader.
    /// Show the Suggestions tab (the lists panel shown).
    pub(super) fn show_suggestions_tab(&mut self) {
        self.settings.left_tab = LeftTab::Suggestions;
        if !self.panes.narrow {
            self.settings.show_left = true;
        }
    }

    /// Take a finished suggestion run in: say what it found and go to the first suggestion.
    pub(super) fn poll_suggestions(&mut self) {
        let Some(scope) = self.suggest_view.poll(&self.session.project) else {
            return;
        };
        let from = self.suggest_view.show_from;
        let (n, doc_words) = match &scope {
            suggest::Scope::Document(d) => (self.suggest_view.shown_in(d).len(), "this document"),
            suggest::Scope::All => (self.suggest_view.shown(), "the project"),
        };
        if n == 0 {
            self.info(format!(
                "No new suggestions at {from:.0}% or more in {doc_words}: what the suggester \
                 finds is already a claim or was rejected. Lower \"Show from\" to see weaker ones."
            ));
            return;
        }
        self.info(format!(
            "{n} suggestion{} at {from:.0}% or more in {doc_words}: N / Shift+N move, A or Enter \
             accepts, E edits, X rejects.",
            if n == 1 { "" } else { "s" }
        ));
        let first = self.suggest_view.step(None, self.doc.as_deref(), true);
        if let Some(i) = first {
            self.go_to_suggestion(i, true);
        }
    }

    /// Make suggestion `i` current: its document opened, scrolled to (when `scroll`), flashed.
    pub(super) fn go_to_suggestion(&mut self, i: usize, scroll: bool) {
        if !self.suggest_view.visible(i) {
            return;
        }
        let Some(s) = self.suggest_view.list().get(i) else {
            return;
        };
        let (doc, start, end) = (
            s.document.clone(),
            s.start(),
            s.content.last().map_or(0, |r| r.end),
        );
        self.suggest_view.set_current(Some(i));
        self.selected = None;
        self.doc = Some(doc);
        if scroll {
            let now = self.now;
            let r = self.reader_mut();
            r.clear_selection();
            r.scroll_to(start);
            r.flash(start, end, now);
        }
    }

    /// After accepting or rejecting: the next shown suggestion of the same document, if any.
    pub(super) fn after_review(&mut self, i: usize) {
        let doc = self.suggest_view.list().get(i).map(|s| s.document.clone());
        let next = self
            .suggest_view
            .step(Some(i), None, true)
            .filter(|&j| Some(&self.suggest_view.list()[j].document) == doc.as_ref());
        match next {
            Some(j) => self.go_to_suggestion(j, true),
            None => self.suggest_view.set_current(None),
        }
    }

    pub(super) fn accept_suggestion(&mut self) {
        let Some((i, _)) = self.suggest_view.current_suggestion() else {
            self.info("No suggestion is current: N goes to the next one.");
            return;
        };
        let Some(s) = self.suggest_view.single(i) else {
            return;
        };
        let label = self.current_label.clone();
        let (edit, _) = suggest_core::accept_edit(&self.session.project, &[s], Some(&label));
        if self.apply_edit(edit) {
            self.reader_mut().clear_selection();
            self.suggest_view.refresh(
                &self.session.project,
                (self.session.generation, self.session.history.version()),
            );
            self.after_review(i);
        }
    }

    pub(super) fn reject_suggestion(&mut self) {
        let Some((i, s)) = self.suggest_view.current_suggestion() else {
            self.info("No suggestion is current: N goes to the next one.");
            return;
        };
        let edit = suggest_core::reject_edit(&self.session.project, s);
        if self.apply_opt(edit) {
            self.reader_mut().clear_selection();
            self.suggest_view.refresh(
                &self.session.project,
                (self.session.generation, self.session.history.version()),
            );
            self.after_review(i);
        }
    }

    pub(super) fn accept_all_above(&mut self) {
        let Some(doc) = self.doc.clone() else {
            return;
        };
        let min = self.suggest_view.accept_above;
        let all = self.suggest_view.above(&doc, min);
        if all.is_empty() {
            self.info(format!(
                "No suggestion in this document at {min:.0}% or more."
            ));
            return;
        }
        let n = all.len();
        let label = self.current_label.clone();
        let (edit, _) = suggest_core::accept_edit(&self.session.project, &all, Some(&label));
        if self.apply_edit(edit) {
            self.suggest_view.set_current(None);
            self.info(format!(
                "Accepted {n} suggestion{} at {min:.0}% or more as one step (Ctrl+Z undoes them all).",
                if n == 1 { "" } else { "s" }
            ));
        }
    }

    /// C / S / Q / Ctrl+drag while editing a suggestion: change its spans (not the project).
    pub(super) fn edit_suggestion_span(&mut self, c: &Command) {
        let sel = match c {
            Command::AddFragment(s, e) => Some((*s, *e)),
            _ => self.current_selection(),
        };
        let Some((a, b)) = sel.filter(|(a, b)| a < b) else {
            self.info(
                "Select the words first, then press C (content), S (source mention) or Q (cue).",
            );
            return;
        };
        let Some(s) = self.suggest_view.current_mut() else {
            return;
        };
        match c {
            Command::MakeClaim => s.content = std::iter::once(a..b).collect(),
            Command::AddFragment(..) => suggest::add_fragment(&mut s.content, a..b),
            Command::SetMention => {
                s.mention = std::iter::once(a..b).collect();
                // Resolved again from the new words when accepted.
                s.sources.clear();
            }
            Command::SetCue => s.cue = std::iter::once(a..b).collect(),
            _ => {}
        }
        self.reader_mut().clear_selection();
    }
}
