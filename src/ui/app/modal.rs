//! The modal dialogs: the one that may be open ([`Modal`]), what it was opened for, and drawing
//! it (its answers are applied after it is drawn).

use super::*;

/// What to do once unsaved work is saved or discarded.
#[derive(Debug, Clone, PartialEq)]
pub enum After {
    Quit,
    Open,
    OpenPath(PathBuf),
    NewProject,
}

/// What a file dialog was opened for.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    Open,
    SaveAs {
        then: Option<After>,
    },
    Import,
    /// A newer version of this document's text.
    UpdateDocument(String),
    /// Where the export window writes.
    Export,
    /// A colleague's project to compare mine with (read-only).
    Compare,
    /// Where to write the disagreements CSV.
    ExportDisagreements,
    /// Where to save a table (CSV) or chart (PNG) of the corpus window.
    Corpus(corpus::FileRequest),
}

/// The one modal dialog that may be open.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    NewProject {
        name: String,
        annotator: String,
    },
    Unsaved {
        after: After,
    },
    TypedPath {
        purpose: Purpose,
        kind: DialogKind,
        text: String,
    },
    NewSource {
        claim: String,
        document: String,
        start: usize,
        end: usize,
        /// The mention's words as the text has them.
        mention: String,
        name: String,
        kind: SourceKind,
        existing: Option<String>,
        /// Keep the mention as an alias of the chosen existing source.
        add_alias: bool,
    },
    Message {
        title: String,
        text: String,
    },
    /// Saving failed (disk full, no permission, folder gone): the work is still in memory.
    SaveFailed {
        text: String,
    },
    /// The project file changed on disk since this window read or wrote it (a `git pull`, a
    /// sync, another program): saving would replace that version.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// Unsaved work from an earlier session was found in a recovery file.
    Recovery {
        file: PathBuf,
        summary: String,
    },
}

/// Work a modal dialog leaves for after it is drawn.
pub(super) type Then = Box<dyn FnOnce(&mut App, &egui::Context)>;

impl App {
    pub(super) fn read_only_message(&mut self) {
        let text = match (&self.session.read_only, &self.session.locked_by) {
            (Some(f), _) => format!(
                "This project was written by a newer Claimtrace (format {f}). It is shown read-only and cannot be saved by this version."
            ),
            (None, Some(h)) => format!(
                "This project is open in {h}, so it is shown read-only here. Close it there and open it again to edit it, or use Save As to work on a copy. Its unsaved work is left to it."
            ),
            (None, None) => "This project is read-only.".into(),
        };
        self.modal = Some(Modal::Message {
            title: "Read-only project".into(),
            text,
        });
    }

    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) {
        // The keyboard goes into a dialog as it opens, and back to the reader when it closes
        // (if it came from there).
        let open_id = egui::Id::unique("claimtrace-modal-open");
        let was_open = ctx.data(|d| d.get_temp::<bool>(open_id)).unwrap_or(false);
        let Some(mut modal) = self.modal.take() else {
            if was_open {
                ctx.data_mut(|d| d.insert_temp(open_id, false));
                if ctx.data(|d| d.get_temp::<bool>(open_id.with("reader"))) == Some(true) {
                    self.reader_mut().request_focus();
                }
            }
            return;
        };
        if !was_open {
            let from_reader = self.doc.is_some() && self.reader_mut().has_focus();
            ctx.data_mut(|d| {
                d.insert_temp(open_id, true);
                d.insert_temp(open_id.with("reader"), from_reader);
            });
            ctx.memory_mut(|m| {
                if let Some(f) = m.focused() {
                    m.surrender_focus(f);
                }
            });
        }
        // A dialog's first frame only measures it (nothing can take the keyboard yet): ask
        // until one of its controls has it.
        let pending = open_id.with("pending");
        if !was_open || ctx.data(|d| d.get_temp::<bool>(pending)) == Some(true) {
            let given = ctx.memory(|m| m.focused().is_some());
            ctx.data_mut(|d| d.insert_temp(pending, !given));
            if !given {
                ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
            }
        }
        let mut keep = true;
        let mut then: Option<Then> = None;
        egui::Modal::new(egui::Id::unique("claimtrace-modal")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match &mut modal {
                Modal::Message { title, text } => {
                    ui.heading(title.as_str());
                    ui.label(text.as_str());
                    if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                        keep = false;
                    }
                }
                Modal::SaveFailed { text } => {
                    ui.heading("Could not save");
                    ui.label(text.as_str());
                    ui.label(
                        "Your work is still here, unsaved. Save it somewhere else, or fix the problem and save again.",
                    );
                    ui.horizontal(|ui| {
                        if ui.button("Save As…").clicked() {
                            keep = false;
                            then = Some(Box::new(|app, _| app.queue.push(Command::SaveAs)));
                        }
                        if ui.button("OK").clicked() {
                            keep = false;
                        }
                    });
                }
                Modal::ChangedOnDisk { path } => {
                    ui.heading("The file changed on disk");
                    ui.label(format!(
                        "{} was changed by another program since this window opened or saved it \
                         (a git pull or merge, a synced folder, another editor). Saving here would \
                         replace that version with yours.",
                        path.display()
                    ));
                    ui.label(
                        "Save As keeps both: save your work under another name, then open the file \
                         and compare (Review → Compare with…).",
                    );
                    ui.horizontal(|ui| {
                        if ui.button("Save As…").clicked() {
                            keep = false;
                            then = Some(Box::new(|app, _| app.queue.push(Command::SaveAs)));
                        }
                        if ui.button("Replace it with my version").clicked() {
                            keep = false;
                            then = Some(Box::new(|app, _| {
                                app.session.overwrite_once = true;
                                app.queue.push(Command::Save);
                            }));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                }
                Modal::Recovery { file, summary } => {
                    ui.heading("Restore unsaved work?");
                    ui.label(summary.as_str());
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            keep = false;
                            let file = file.clone();
                            then = Some(Box::new(move |app, _| app.restore_recovery(&file)));
                        }
                        if ui.button("Discard recovered work").clicked() {
                            keep = false;
                            let _ = std::fs::remove_file(&*file);
                        }
                    });
                }
                Modal::Unsaved { after } => {
                    ui.heading("Save changes?");
                    ui.label(format!("“{}” has unsaved changes.", self.session.project.name));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            keep = false;
                            let after = after.clone();
                            then = Some(Box::new(move |app, ctx| app.save_then(after, ctx)));
                        }
                        if ui.button("Discard").clicked() {
                            keep = false;
                            let after = after.clone();
                            then = Some(Box::new(move |app, ctx| {
                                let _ = std::fs::remove_file(app.recovery_file());
                                app.do_after(after, ctx)
                            }));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                }
                Modal::NewProject { name, annotator } => {
                    ui.heading("New project");
                    egui::Grid::new("new_project_grid").show(ui, |ui| {
                        let l = ui.label("Project name");
                        ui.add(words::field(name)).labelled_by(l.id);
                        ui.end_row();
                        let l = ui.label("Annotator");
                        ui.add(words::field(annotator)).labelled_by(l.id);
                        ui.end_row();
                    });
                    ui.horizontal(|ui| {
                        let ok = !name.trim().is_empty() && !annotator.trim().is_empty();
                        if ui.add_enabled(ok, egui::Button::new("Create")).clicked() {
                            keep = false;
                            let p = Project::new(name.trim(), Annotator::named(annotator));
                            then = Some(Box::new(move |app, _| {
                                app.session.release_lock();
                                app.replace_project(p, None, None);
                                app.info("New project. Import articles with File → Import article…");
                            }));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                }
                Modal::TypedPath { purpose, kind, text } => {
                    ui.heading(match (&*purpose, &*kind) {
                        (Purpose::Compare, _) => "Compare with a colleague's project",
                        (Purpose::ExportDisagreements, _) => "Export disagreements (CSV)",
                        (Purpose::Corpus(corpus::FileRequest::Csv(_)), _) => "Save a corpus table (CSV)",
                        (Purpose::Corpus(corpus::FileRequest::Png(_)), _) => "Save a corpus chart (PNG)",
                        (_, DialogKind::Open) => "Open project",
                        (_, DialogKind::Save { .. }) => "Save project as",
                        (_, DialogKind::Import) => "Import articles",
                        (_, DialogKind::Export { .. }) => "Export to",
                    });
                    ui.label("No file was chosen, or no file dialog is available on this system. Type a path:");
                    let l = ui.label("Path");
                    let r = ui.add(words::field(text).desired_width(400.0)).labelled_by(l.id);
                    // The box starts with the project's folder and a name: typing goes there.
                    if ui.memory(|m| m.focused().is_none()) {
                        r.request_focus();
                    }
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    ui.horizontal(|ui| {
                        if (ui.button("OK").clicked() || enter) && !text.trim().is_empty() {
                            keep = false;
                            let paths = vec![expand_home(text.trim())];
                            let purpose = purpose.clone();
                            then = Some(Box::new(move |app, ctx| app.dialog_answered(purpose, paths, ctx)));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                }
                Modal::NewSource { claim, document, start, end, mention, name, kind, existing, add_alias } => {
                    let f = new_source::Form { document, mention };
                    match new_source::form(ui, &self.session.project, f, name, kind, existing, add_alias) {
                        Some(new_source::Answer::Confirm) => {
                            keep = false;
                            let (claim, at, name, kind, existing) =
                                (claim.clone(), (*start, *end), name.clone(), *kind, existing.clone());
                            let alias = add_alias.then(|| mention.clone());
                            then = Some(Box::new(move |app, _| {
                                let who = existing
                                    .as_deref()
                                    .and_then(|id| app.session.project.source(id))
                                    .map_or_else(|| name.clone(), |s| s.name.clone());
                                let edit = new_source::edit(&app.session.project, &claim, at, &name, kind, existing.as_deref(), alias.as_deref());
                                app.queue.edit(edit);
                                let r = app.reader_mut();
                                r.set_caret(at.1);
                                r.announce(format!("Source mention set: {who}"));
                            }));
                        }
                        Some(new_source::Answer::Cancel) => keep = false,
                        None => {}
                    }
                }
            }
        });
        if keep {
            self.modal = Some(modal);
        }
        if let Some(f) = then {
            f(self, ctx);
        }
    }
}
