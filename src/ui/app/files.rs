//! The file commands of the window: open, save, Save As, import, update a document, and the
//! session's answers (lock, recovery, disk watch, "may I write this file?") turned into dialogs
//! and notices. The decisions themselves are in [`crate::session`].

use super::*;

impl App {
    /// The file commands (File menu).
    pub(super) fn run_file(&mut self, c: Command, ctx: &egui::Context) {
        match c {
            Command::NewProject => self.guard(After::NewProject, ctx),
            Command::Open => self.guard(After::Open, ctx),
            Command::OpenRecent(p) => self.guard(After::OpenPath(p), ctx),
            Command::Quit => self.guard(After::Quit, ctx),
            Command::ImportArticle => self.ask(DialogKind::Import, Purpose::Import, ctx),
            Command::Export => {
                self.export_view
                    .open_for(&self.session.project, self.session.path.as_deref(), None)
            }
            Command::ExportSelected(ids) => self.export_view.open_for(
                &self.session.project,
                self.session.path.as_deref(),
                Some(ids),
            ),
            Command::UpdateDocument => match self.doc.clone() {
                Some(d) if !self.is_read_only() => {
                    self.ask(DialogKind::Import, Purpose::UpdateDocument(d), ctx)
                }
                Some(_) => self.read_only_message(),
                None => self.info("Open a document first."),
            },
            Command::Save => self.save_then_none(ctx),
            Command::SaveAs => {
                // A project held by another window may be saved as a copy; a newer format not.
                if self.session.read_only.is_some() {
                    self.read_only_message();
                } else {
                    self.ask(self.save_kind(), Purpose::SaveAs { then: None }, ctx);
                }
            }
            _ => {}
        }
    }

    pub(super) fn save_kind(&self) -> DialogKind {
        DialogKind::Save {
            suggested: format!(
                "{}.{}",
                crate::model::slug(&self.session.project.name),
                crate::store::PROJECT_EXTENSION
            ),
        }
    }

    /// Why the project cannot be changed, if it cannot.
    pub(super) fn read_only_reason(&self) -> Option<String> {
        self.session.read_only_reason()
    }

    pub(super) fn ask(&mut self, kind: DialogKind, purpose: Purpose, ctx: &egui::Context) {
        if self.pending.is_some() {
            self.info("A file dialog is already open.");
            return;
        }
        self.pending = Some(PendingDialog::start(&self.dialogs, kind, purpose, ctx));
        // A dialog that answered at once is handled this frame.
        self.poll_dialog(ctx);
    }

    /// Run `after` now, or ask about unsaved work first.
    pub(super) fn guard(&mut self, after: After, ctx: &egui::Context) {
        if self.is_dirty() && !self.is_read_only() {
            self.modal = Some(Modal::Unsaved { after });
        } else {
            self.do_after(after, ctx);
        }
    }

    pub(super) fn do_after(&mut self, after: After, ctx: &egui::Context) {
        match after {
            After::Quit => {
                self.remember_position(ctx, true);
                self.allow_close = true;
                self.quit_requested = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            After::Open => self.ask(DialogKind::Open, Purpose::Open, ctx),
            After::OpenPath(p) => self.open_path(&p),
            After::NewProject => {
                self.modal = Some(Modal::NewProject {
                    name: "Untitled project".into(),
                    annotator: self.session.project.annotator.name.clone(),
                })
            }
        }
    }

    pub(super) fn save_then_none(&mut self, ctx: &egui::Context) {
        if self.is_read_only() {
            self.read_only_message();
            return;
        }
        match self.session.path.clone() {
            Some(p) => {
                self.save_to(&p);
            }
            None => self.ask(self.save_kind(), Purpose::SaveAs { then: None }, ctx),
        }
    }

    pub(super) fn save_then(&mut self, after: After, ctx: &egui::Context) {
        match self.session.path.clone() {
            Some(p) => {
                if self.save_to(&p) {
                    self.do_after(after, ctx);
                }
            }
            None => self.ask(self.save_kind(), Purpose::SaveAs { then: Some(after) }, ctx),
        }
    }

    /// Save to `path` (the project's own file, or a new one for Save As): the session decides,
    /// this says what it decided.
    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        match self.session.save_to(path) {
            Ok(()) => {
                self.settings.remember(path);
                self.info(format!("Saved {}", path.display()));
                true
            }
            Err(SaveError::Refused(SaveRefusal::ReadOnly | SaveRefusal::LockLost(_))) => {
                self.read_only_message();
                false
            }
            Err(SaveError::Refused(SaveRefusal::ChangedOnDisk)) => {
                self.modal = Some(Modal::ChangedOnDisk {
                    path: path.to_path_buf(),
                });
                false
            }
            Err(SaveError::Refused(SaveRefusal::Busy(busy))) => {
                self.modal = Some(Modal::SaveFailed {
                    text: format!("Not saved: {busy}. Choose another file name."),
                });
                false
            }
            Err(SaveError::Failed(e)) => {
                self.modal = Some(Modal::SaveFailed {
                    text: e.to_string(),
                });
                false
            }
        }
    }

    pub(super) fn dialog_answered(
        &mut self,
        purpose: Purpose,
        paths: Vec<PathBuf>,
        ctx: &egui::Context,
    ) {
        match purpose {
            Purpose::Open => {
                if let Some(p) = paths.first() {
                    self.open_path(p);
                }
            }
            Purpose::Import => self.import(&paths, ctx),
            Purpose::Export => {
                if let Some(p) = paths.first() {
                    self.export_view.set_path(p);
                }
            }
            Purpose::Compare => {
                if let Some(p) = paths.first() {
                    self.compare_with(p);
                }
            }
            Purpose::ExportDisagreements => {
                if let Some(p) = paths.first() {
                    self.export_disagreements(p);
                }
            }
            Purpose::Corpus(req) => {
                if let Some(p) = paths.first() {
                    self.corpus_view
                        .file_chosen(&self.session.project, req, p, ctx);
                }
            }
            Purpose::UpdateDocument(doc) => {
                if let Some(p) = paths.first() {
                    self.update_document(&doc, p);
                }
            }
            Purpose::SaveAs { then } => {
                let Some(mut p) = paths.into_iter().next() else {
                    return;
                };
                if p.extension().is_none() {
                    p.set_extension(crate::store::PROJECT_EXTENSION);
                }
                if self.save_to(&p)
                    && let Some(after) = then
                {
                    self.do_after(after, ctx);
                }
            }
        }
    }

    pub(super) fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some(p) = &self.pending else { return };
        match p.poll() {
            Poll::Waiting => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
            Poll::Done(answer) => {
                let Some(p) = self.pending.take() else { return };
                match answer {
                    Some(paths) => self.dialog_answered(p.purpose, paths, ctx),
                    None => {
                        let text = crate::ui::dialogs::typed_path_start(
                            &p.kind,
                            self.session.path.as_deref(),
                        );
                        self.modal = Some(Modal::TypedPath {
                            purpose: p.purpose,
                            kind: p.kind,
                            text,
                        })
                    }
                }
            }
        }
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        let (projects, articles): (Vec<PathBuf>, Vec<PathBuf>) = dropped
            .into_iter()
            .partition(|p| crate::store::is_project_path(p));
        if !articles.is_empty() {
            self.import(&articles, ctx);
        }
        if let Some(p) = projects.into_iter().next() {
            self.guard(After::OpenPath(p), ctx);
        }
    }

    /// Replace a document's text with a newer version of the article in `file`. Every claim is
    /// carried over by re-anchoring (one undoable edit); what moved is reported and orphans are
    /// listed for review.
    pub fn update_document(&mut self, doc: &str, file: &Path) {
        let x = match crate::article::read_file(file) {
            Ok((d, _)) => d,
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Could not read the new version".into(),
                    text: e.to_string(),
                });
                return;
            }
        };
        let Some((edit, report)) = ops::update_document_text(&self.session.project, doc, &x.text)
        else {
            self.info(format!(
                "{} has the same text as this document: nothing changed.",
                file.display()
            ));
            return;
        };
        if self.apply_edit(edit) {
            self.info(format!(
                "Updated from {}: {} unchanged, {} moved (re-anchored), {} orphaned.{}",
                file.display(),
                plural(report.unchanged, "claim"),
                report.moved,
                report.orphaned,
                if report.orphaned > 0 {
                    " Review the orphans: re-attach or delete them."
                } else {
                    ""
                }
            ));
            if report.orphaned > 0 {
                self.show_orphans = true;
            }
        }
    }

    /// Open a project file; a failure leaves the open project as it is.
    pub fn open_path(&mut self, path: &Path) {
        match store::load(path) {
            Ok((project, report)) => {
                self.replace_project(project, Some(path.to_path_buf()), report.newer_format);
                self.settings.remember(path);
                let mut notes = Vec::new();
                if report.newer_format.is_none() {
                    self.session.take_lock(path);
                    if let Some(h) = &self.session.locked_by {
                        notes.push(format!(
                            "{} is open in {h}: opened read-only. Use Save As to work on a copy.",
                            path.display()
                        ));
                    }
                }
                if let Some(f) = report.newer_format {
                    notes.push(format!(
                        "{} is of project format {f}, newer than this Claimtrace knows: opened read-only.",
                        path.display()
                    ));
                }
                if report.reanchored_now > 0 {
                    notes.push(format!(
                        "{} claim(s) were re-anchored to their quotes.",
                        report.reanchored_now
                    ));
                }
                if report.orphaned > 0 {
                    notes.push(format!(
                        "{} claim(s) could not be placed in their text (orphaned).",
                        report.orphaned
                    ));
                }
                if report.repaired_documents > 0 {
                    notes.push(format!(
                        "{} document text(s) were repaired.",
                        report.repaired_documents
                    ));
                }
                if !notes.is_empty() {
                    let error = self.is_read_only();
                    self.notify(Banner {
                        text: notes.join(" "),
                        error,
                    });
                }
                self.offer_recovery();
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Could not open the project".into(),
                    text: e.to_string(),
                });
            }
        }
    }

    /// Where unsaved work of this project is autosaved: beside the project file, or in the
    /// config folder for a project that has no file yet.
    pub fn recovery_file(&self) -> PathBuf {
        self.session.recovery_file()
    }

    /// Write unsaved work to the recovery file (never over the project) 30 s after the first
    /// unsaved edit, and at once when the window loses focus.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let focus_lost = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(false)))
        });
        match self.session.autosave(now, focus_lost) {
            Autosave::Nothing | Autosave::Written => {}
            Autosave::Wait(seconds) => {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds));
            }
            Autosave::Failed(e) => self.info_error(format!("Autosave failed: {e}")),
        }
    }

    /// After opening: if a recovery file newer than the project exists, ask what to do. Only
    /// a window that holds the project's lock is offered its recovery file: a read-only window
    /// never sees (or deletes) the unsaved work of the window that has the project open. An
    /// untitled project is offered the newest untitled recovery file whose window is gone.
    pub(super) fn offer_recovery(&mut self) {
        let Some(file) = self.session.recovery_to_offer() else {
            return;
        };
        let summary = match store::load(&file) {
            Ok((p, _)) => {
                let when = std::fs::metadata(&file)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| jiff::Timestamp::try_from(t).ok())
                    .map(|t| {
                        t.to_zoned(jiff::tz::TimeZone::system())
                            .strftime("%Y-%m-%d %H:%M")
                            .to_string()
                    })
                    .unwrap_or_else(|| "in an earlier session".into());
                // What the unsaved work changed against the file as saved; an untitled project
                // has no saved file, so its contents are counted.
                let what = if self.session.path.is_some() {
                    format!(
                        "Against the saved file it has {}.",
                        crate::session::recovery::Changes::between(&self.session.project, &p)
                            .describe()
                    )
                } else {
                    format!(
                        "It holds {}, {}, {}.",
                        plural(p.documents.len(), "document"),
                        plural(p.claims.len(), "claim"),
                        plural(p.sources.len(), "source"),
                    )
                };
                format!(
                    "Claimtrace found work on “{}” that was not saved, autosaved {when} in {}. {what} Restore it, or discard it and keep the project as saved?",
                    p.name,
                    file.display()
                )
            }
            Err(e) => format!(
                "A recovery file exists but cannot be read ({e}). Discard it, or leave the dialog with Restore to try again."
            ),
        };
        self.modal = Some(Modal::Recovery { file, summary });
    }

    /// Once a second: has the project file changed on disk behind this window? Unchanged work
    /// here: the file is read again (what git merged is what the window shows). Unsaved work:
    /// a warning, and Save asks before replacing the file.
    pub(super) fn watch_disk(&mut self, ctx: &egui::Context) {
        let Some(change) = self.session.watch_disk(self.now, self.modal.is_some()) else {
            return;
        };
        // An idle window draws no frames: ask for one a second while a file is open (a frame
        // with nothing to do is cheap).
        ctx.request_repaint_after(std::time::Duration::from_secs(1));
        let Some(path) = self.session.path.clone() else {
            return;
        };
        match change {
            DiskChange::Same => {}
            DiskChange::ReadAgain(project) => {
                let doc = self.doc.clone();
                let readers = std::mem::take(&mut self.readers);
                self.replace_project(*project, Some(path.clone()), None);
                // Stay where the reader was.
                if doc
                    .as_ref()
                    .is_some_and(|d| self.session.project.document(d).is_some())
                {
                    self.doc = doc;
                }
                self.readers = readers;
                self.info(format!(
                    "{} changed on disk (a git pull, a synced folder or another program): \
                     read again.",
                    path.display()
                ));
            }
            DiskChange::Changed => self.warn_disk(&path),
        }
    }

    pub(super) fn warn_disk(&mut self, path: &Path) {
        if !self.session.warn_disk_once() {
            return;
        }
        self.info_error(format!(
            "{} changed on disk since this window read it (a git pull, a synced folder or another \
             program). Your work here is kept; Save will ask before replacing the file, and Save \
             As keeps both.",
            path.display()
        ));
    }

    /// Replace the open project with the recovered one; it stays unsaved until saved.
    pub(super) fn restore_recovery(&mut self, file: &Path) {
        match store::load(file) {
            Ok((project, _)) => {
                let path = self.session.path.clone();
                if path.is_none() {
                    // The restored work's recovery file is ours from now on.
                    self.session.untitled_recovery = file.to_path_buf();
                }
                self.replace_project(project, path, None);
                self.session.history.mark_unsaved();
                self.info("Restored unsaved work. Save to keep it.");
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Could not restore".into(),
                    text: e.to_string(),
                });
            }
        }
    }

    pub(super) fn replace_project(
        &mut self,
        project: Project,
        path: Option<PathBuf>,
        newer: Option<u32>,
    ) {
        self.session.replace(project, path, newer);
        // The document that was being read in this project last time, else the first.
        let last = self
            .session
            .path
            .as_deref()
            .and_then(|p| self.settings.open_document(p))
            .filter(|d| self.session.project.document(d).is_some())
            .map(str::to_string);
        self.doc = last.or_else(|| self.session.project.documents.first().map(|d| d.id.clone()));
        self.readers.clear();
        self.selected = None;
        self.current_label = self
            .session
            .project
            .labels
            .first()
            .map(|l| l.id.clone())
            .unwrap_or_default();
        self.claims_view = ClaimsView::default();
        self.sources_view = SourcesView::default();
        self.inspector = InspectorState::default();
        self.labels_view = LabelsView::default();
        self.marks_key = None;
        self.suggest_view.cancel();
        self.suggest_view = suggest::SuggestView::default();
        self.banner = None;
        if let Some(job) = self.import_job.take() {
            job.cancel();
        }
        self.import_report = None;
        self.paste = None;
        self.meta = None;
        self.conflicts = conflicts::ConflictsView::default();
        self.conflicts.refresh(
            &self.session.project,
            (self.session.generation, self.session.history.version()),
        );
    }

    /// Import article files (folders: every article inside) as new documents. The files are
    /// read on a worker thread (progress window, Cancel); the documents are then added in one
    /// undoable edit and a summary is shown.
    pub fn import(&mut self, paths: &[PathBuf], ctx: &egui::Context) {
        if self.import_job.is_some() {
            self.info_error("An import is already running; wait for it to finish.");
            return;
        }
        if let Some(reason) = self.read_only_reason() {
            self.info_error(format!(
                "This project is read-only ({reason}); nothing was imported."
            ));
            return;
        }
        self.import_report = None;
        let known = crate::article::known_texts(&self.session.project);
        self.import_job = Some(ImportJob::start(paths.to_vec(), known, ctx.clone()));
    }

    /// Take a finished import's documents into the project (one edit) and show its summary.
    pub(super) fn poll_import(&mut self) {
        let Some(job) = self.import_job.as_mut() else {
            return;
        };
        let Some((mut summary, errors)) = job.poll() else {
            return;
        };
        self.import_job = None;
        let docs = ingest::still_new(&self.session.project, &mut summary);
        let mut added = Vec::new();
        if let Some(edit) = ingest::import_edit(&self.session.project, &docs)
            && self.apply_edit(edit)
        {
            self.doc = docs.first().map(|d| d.id.clone());
            self.selected = None;
            added = docs;
        }
        let report = ImportReport::new(&summary, &added, errors);
        self.info(report.headline());
        self.import_report = Some(report);
    }

    pub(super) fn ingest_windows(&mut self, ctx: &egui::Context) {
        if let Some(job) = &self.import_job
            && ingest::progress_window(ctx, job)
        {
            job.cancel();
        }
        if let Some(r) = &self.import_report
            && !ingest::summary_window(ctx, r)
        {
            self.import_report = None;
        }
        if let Some(d) = self.paste.as_mut() {
            match ingest::paste_window(ctx, &self.session.project, d) {
                PasteOutcome::Open => {}
                PasteOutcome::Closed => self.paste = None,
                PasteOutcome::Create(doc) => {
                    self.paste = None;
                    let id = doc.id.clone();
                    let title = doc.title.clone();
                    let edit = ops::add_document(&self.session.project, *doc);
                    if self.apply_edit(edit) {
                        self.doc = Some(id);
                        self.selected = None;
                        self.info(format!("New document “{title}” from the clipboard."));
                    }
                }
            }
        }
        if let Some(ed) = self.meta.as_mut() {
            let ro = self.session.read_only.is_some() || self.session.locked_by.is_some();
            let doc = self.doc.as_deref();
            if !details::window(ctx, &self.session.project, doc, ed, ro, &mut self.queue) {
                self.meta = None;
            }
        }
    }
}
