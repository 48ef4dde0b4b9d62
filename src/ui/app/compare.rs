//! Review in the window: comparing with a colleague's project (its disagreements exported as
//! CSV) and a merge's conflicts.

use super::*;

impl App {
    /// Review: the comparison with a colleague's project and a merge's conflicts.
    // The arms are `run`'s own, moved here as they were (one `if` inside an arm).
    #[allow(clippy::collapsible_match)]
    pub(super) fn run_compare(&mut self, c: Command, ctx: &egui::Context) {
        let _now = ctx.input(|i| i.time);
        match c {
            Command::Compare => self.ask(DialogKind::Open, Purpose::Compare, ctx),
            Command::StopCompare => {
                if self.review.take().is_some() {
                    self.marks_key = None;
                    self.info("Stopped comparing.");
                }
            }
            Command::ShowDisagreements => {
                if let Some(r) = &mut self.review {
                    r.show_list = !r.show_list;
                }
            }
            Command::ShowAgreement => {
                if let Some(r) = &mut self.review {
                    r.show_agreement = true;
                }
            }
            Command::ExportDisagreements => {
                if self.review.is_some() {
                    let kind = DialogKind::Save {
                        suggested: "disagreements.csv".into(),
                    };
                    self.ask(kind, Purpose::ExportDisagreements, ctx);
                } else {
                    self.info("Compare with a colleague's project first (Review → Compare with…).");
                }
            }
            Command::ShowConflicts => {
                if self.conflicts.count() == 0 {
                    self.info("The project holds no conflicts from a merge.");
                } else {
                    self.conflicts.open = true;
                    // The Review panel may leave the reader too narrow: then it is shown over
                    // the reader (decided now, not next frame, so it is the one shown).
                    self.decide_narrow(self.panes.total);
                    if self.panes.narrow {
                        self.panes.overlay = Some(Pane::Review);
                    }
                    if let Some(id) = self.conflicts.first_claim().map(str::to_string) {
                        self.run(Command::SelectClaim(id), ctx);
                    }
                }
            }
            Command::CloseConflicts => {
                self.conflicts.open = false;
                if self.panes.overlay == Some(Pane::Review) && self.review.is_none() {
                    self.panes.overlay = None;
                }
            }
            _ => {}
        }
    }

    /// Compare my project with the project at `path`, read-only (never written or locked).
    pub fn compare_with(&mut self, path: &Path) {
        if self.session.path.as_deref() == Some(path) {
            self.info_error(format!(
                "{} is the open project itself: choose a colleague's project to compare with.",
                path.display()
            ));
            return;
        }
        let mut session = match ReviewSession::open(path) {
            Ok(s) => s,
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Could not compare".into(),
                    text: format!("{e}. Choose a Claimtrace project file (.claimtrace or .ron)."),
                });
                return;
            }
        };
        session.refresh(
            &self.session.project,
            (self.session.generation, self.session.history.version()),
        );
        let (text, error) = session.opening_note(&self.session.project);
        // Show a document both have.
        if let Some(d) = session.comparison.documents.first()
            && self
                .doc
                .as_deref()
                .is_none_or(|cur| session.comparison.document(cur).is_none())
        {
            self.doc = Some(d.mine.clone());
            self.selected = None;
        }
        self.review = Some(session);
        self.marks_key = None;
        self.compare_note = Some(text.clone());
        self.notify(Banner { text, error });
    }

    /// Write the disagreements of the comparison to `path` (CSV).
    pub fn export_disagreements(&mut self, path: &Path) {
        let Some(r) = &self.review else { return };
        let mut path = path.to_path_buf();
        if path.extension().is_none() {
            path.set_extension("csv");
        }
        match crate::review::adjudicate::write_disagreements_csv(
            &self.session.project,
            &r.theirs,
            &r.comparison,
            &path,
        ) {
            Ok(()) => self.info(format!("Wrote the disagreements to {}", path.display())),
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Could not export the disagreements".into(),
                    text: e.to_string(),
                })
            }
        }
    }
}
