//! Annotating: making claims, setting mentions and cues from the selection, re-attaching
//! orphans.

use super::*;

impl App {
    /// Changes to the project from the selection, undo and redo.
    pub(super) fn run_annotate(&mut self, c: Command) {
        match c {
            Command::Undo => match self.session.history.undo(&mut self.session.project) {
                Ok(true) => {}
                Ok(false) => self.info("Nothing to undo."),
                Err(e) => self.info_error(format!("Could not undo: {e}")),
            },
            Command::Redo => match self.session.history.redo(&mut self.session.project) {
                Ok(true) => {}
                Ok(false) => self.info("Nothing to redo."),
                Err(e) => self.info_error(format!("Could not redo: {e}")),
            },
            Command::MakeClaim => {
                let label = self.current_label.clone();
                self.make_claim(&label);
            }
            Command::MakeClaimWithLabel(label) => self.make_claim(&label),
            Command::SetMention => self.set_mention(),
            Command::SetCue => {
                let Some((claim, s, e)) = self.claim_and_selection("the cue") else {
                    return;
                };
                let edit = ops::set_cue(&self.session.project, &claim, s, e);
                if self.apply_opt(edit) {
                    let cue = self.selected_words(s, e);
                    self.done_at(e, format!("Cue set: “{cue}”"));
                }
            }
            Command::AddFragment(s, e) => match self.selected.clone() {
                Some(id) => {
                    let edit = ops::add_fragment(&self.session.project, &id, s, e);
                    if self.apply_opt(edit) {
                        self.reader_mut().clear_selection();
                    }
                }
                None => self.info("Select a claim first, then Ctrl+drag to add a fragment to it."),
            },
            Command::DeleteClaim => {
                if let Some(id) = self.selected.clone() {
                    let edit = ops::delete_claim(&self.session.project, &id);
                    if self.apply_opt(edit) {
                        self.selected = None;
                    }
                }
            }
            Command::ReattachOrphan(id) => self.reattach_orphan(&id),
            _ => {}
        }
    }

    pub(super) fn apply_opt(&mut self, edit: Option<Edit>) -> bool {
        match edit {
            Some(e) => self.apply_edit(e),
            None => false,
        }
    }

    pub(super) fn make_claim(&mut self, label: &str) {
        let Some(doc) = self.doc.clone() else { return };
        let Some((s, e)) = self.current_selection() else {
            self.info("Select text in the article first, then press C.");
            return;
        };
        let Some(claim) = ops::new_claim(&self.session.project, &doc, label, &[(s, e)]) else {
            return;
        };
        let id = claim.id.clone();
        let quote = claim.quote();
        let edit = ops::add_claim(&self.session.project, claim);
        if self.apply_edit(edit) {
            self.selected = Some(id);
            let label = self
                .session
                .project
                .label(label)
                .map_or(String::new(), |l| format!(" ({})", l.name));
            self.done_at(e, format!("Claim made{label}: “{quote}”"));
        }
    }

    /// After a change made from the selection: the caret stays at its end (no selection), and
    /// a screen reader hears what was done.
    pub(super) fn done_at(&mut self, at: usize, said: String) {
        let r = self.reader_mut();
        r.set_caret(at);
        r.announce(said);
    }

    /// The document's text at `s..e`, trimmed.
    pub(super) fn selected_words(&self, s: usize, e: usize) -> String {
        self.doc
            .as_deref()
            .and_then(|d| self.session.project.document(d))
            .map(|d| crate::text::slice_chars(&d.text, s, e).trim().to_string())
            .unwrap_or_default()
    }

    pub(super) fn claim_and_selection(&mut self, what: &str) -> Option<(String, usize, usize)> {
        let Some(claim) = self.selected.clone() else {
            self.info(format!(
                "Select a claim first, then select {what} and press the key again."
            ));
            return None;
        };
        let Some((s, e)) = self.current_selection() else {
            self.info(format!("Select {what} in the text first."));
            return None;
        };
        if self
            .session
            .project
            .claim(&claim)
            .map(|c| c.document.as_str())
            != self.doc.as_deref()
        {
            self.info("The selected claim belongs to another document.");
            return None;
        }
        Some((claim, s, e))
    }

    pub(super) fn set_mention(&mut self) {
        let Some((claim, s, e)) = self.claim_and_selection("the source's mention") else {
            return;
        };
        let Some(doc) = self
            .session
            .project
            .claim(&claim)
            .and_then(|c| self.session.project.document(&c.document))
        else {
            return;
        };
        let mention = crate::text::slice_chars(&doc.text, s, e).to_string();
        let document = doc.id.clone();
        use crate::identity::Class;
        use crate::model::mentions;
        // The mention's entity in this article's mention chain, and its registry source: a
        // name by fingerprint ("Mr. Trump's" → Donald Trump), a pronoun or title by its
        // antecedent in this article only.
        let link =
            crate::identity::link_mention(&self.session.project, &document, s..e, Some(&claim));
        let Some(link) = link else { return };
        let names = |p: &Project, ids: &[String]| p.source_names(ids).join(" and ");
        match link.class {
            // A pronoun is never a registry source: it stands for its antecedent (flagged for
            // checking); an ambiguous one, or one whose antecedent is not in the registry,
            // stands for nobody yet and is flagged too.
            Class::Pronoun => {
                let check = !link.sources.is_empty() || link.ambiguous || link.unknown.is_some();
                let tag = check.then_some(mentions::CHECK_TAG);
                let edit = ops::set_mention_sources(
                    &self.session.project,
                    &claim,
                    (s, e),
                    &link.sources,
                    tag,
                );
                if self.apply_opt(edit) {
                    self.reader_mut().set_caret(e);
                    let m = mention.trim();
                    let p = &self.session.project;
                    self.info(if !link.sources.is_empty() {
                        format!(
                            "“{m}” is a pronoun: attributed to {}, the nearest fitting name before it in this article (tagged “{}”: check it)",
                            names(p, &link.sources),
                            mentions::CHECK_TAG
                        )
                    } else if let Some(who) = &link.unknown {
                        format!(
                            "“{m}” is a pronoun for {who}, who is not in the registry: the mention is kept without a source (tagged “{}”)",
                            mentions::CHECK_TAG
                        )
                    } else if link.ambiguous {
                        format!(
                            "“{m}” is a pronoun that could mean more than one person or body here: the mention is kept without a source (tagged “{}”)",
                            mentions::CHECK_TAG
                        )
                    } else {
                        format!(
                            "“{m}” is a pronoun and nobody it could mean is named before it in this article: the mention is kept without a registry source"
                        )
                    });
                }
            }
            // "a source", "officials": the registry's one anonymous source.
            Class::Generic => {
                let (id, add) = match mentions::anonymous_source(&self.session.project) {
                    Some(a) => (a.id.clone(), None),
                    None => {
                        let src = ops::new_source(
                            &self.session.project,
                            mentions::ANONYMOUS_NAME,
                            SourceKind::Anonymous,
                        );
                        (
                            src.id.clone(),
                            Some(ops::add_source(&self.session.project, src)),
                        )
                    }
                };
                let set =
                    ops::set_mention_sources(&self.session.project, &claim, (s, e), &[id], None);
                let edit = match (add, set) {
                    (Some(add), Some(set)) => Some(crate::edit::Edit::Batch {
                        what: "add the anonymous source and set mention".into(),
                        edits: vec![add, set],
                    }),
                    (None, set) => set,
                    (Some(_), None) => None,
                };
                if self.apply_opt(edit) {
                    self.reader_mut().set_caret(e);
                    self.info(format!(
                        "“{}” names nobody in particular: attributed to the anonymous source",
                        mention.trim()
                    ));
                }
            }
            // "said", "all": no one at all. An ambiguous title ("the official" with two
            // officials in the sentence): no one yet.
            Class::NotASource | Class::Title
                if link.sources.is_empty()
                    && (link.class == Class::NotASource || link.ambiguous) =>
            {
                let edit =
                    ops::set_mention_sources(&self.session.project, &claim, (s, e), &[], None);
                if self.apply_opt(edit) {
                    self.reader_mut().set_caret(e);
                    self.info(if link.ambiguous {
                        format!(
                            "“{}” could mean more than one person or body here: the mention is kept without a source",
                            mention.trim()
                        )
                    } else {
                        format!(
                            "“{}” names no one: the mention is kept without a source",
                            mention.trim()
                        )
                    });
                }
            }
            _ if !link.sources.is_empty() => {
                let edit = match link.sources.as_slice() {
                    [one] => ops::set_mention(&self.session.project, &claim, s, e, Some(one)),
                    many => {
                        ops::set_mention_sources(&self.session.project, &claim, (s, e), many, None)
                    }
                };
                if self.apply_opt(edit) {
                    let who = names(&self.session.project, &link.sources);
                    self.done_at(e, format!("Source mention set: {who}"));
                }
            }
            // A name the registry does not have: the New source dialog, under the fullest name
            // this article gives ("Donald Trump" for "Trump").
            _ => {
                let existing = new_source::preselect(&self.session.project, &document, &mention);
                let name = link
                    .unknown
                    .clone()
                    .unwrap_or_else(|| mention.trim().to_string());
                self.modal = Some(Modal::NewSource {
                    claim,
                    document,
                    start: s,
                    end: e,
                    name,
                    mention,
                    kind: SourceKind::Unknown,
                    existing,
                    add_alias: true,
                });
                self.reader_mut().clear_selection();
            }
        }
    }

    /// The selection becomes the orphan's content; its mention and cue are kept where they
    /// still fit the text and dropped where they do not. One undoable edit.
    pub(super) fn reattach_orphan(&mut self, id: &str) {
        let Some((s, e)) = self.current_selection() else {
            self.info("Select the claim's text first.");
            return;
        };
        let edit = orphans::reattach(&self.session.project, id, s, e);
        if self.apply_opt(edit) {
            self.selected = Some(id.to_string());
            self.reader_mut().clear_selection();
        }
    }

    pub(super) fn close_lists_overlay(&mut self) {
        if self.panes.overlay == Some(Pane::Lists) {
            self.panes.overlay = None;
        }
    }
}
