//! The application: the open project, its history, the reader, and the UI state around them.
//!
//! Drawing never changes the project: widgets push [`Command`]s and [`Edit`]s into a
//! [`Queue`], and [`App::show`] applies them once per frame, after drawing. Each window lives in
//! its own module (see [`crate::ui`]) and gets what it needs as arguments; this module holds the
//! frame loop and `run`, which hands each command to the room of its family: `files` (open,
//! save, import; over [`crate::session`]), `annotate`, `suggestions`, `modal` (the dialogs) and
//! `panes` (the panels' layout).

pub use super::bars::Banner;
use super::bars::{self, MenuState, StatusState, Toast};
use super::command::{self, Command, Pane, Queue};
use super::details::{self, MetaEditor};
use super::dialogs::{DialogKind, FileDialogs, PendingDialog, Poll};
use super::export::{self, ExportView};
use super::find::FindState;
use super::ingest::{self, ImportJob, ImportReport, PasteDialog, PasteOutcome};
use super::inspector::{self, InspectorState};
use super::labels::{self, LabelsView};
use super::marks::build_marks;
use super::panels::{self, ClaimsView, SourcesView};
use super::reader::{BarAction, Mark, ReaderInput, ReaderState};
use super::review::{self, ReviewSession};
use super::settings::{self, LeftTab, Settings};
use super::words::{self, plural};
use super::{conflicts, corpus, new_source, orphans, shortcuts, suggest, tidy};
use crate::edit::{Edit, History, ops};
use crate::model::{Annotator, Project, SourceKind};
use crate::session::{Autosave, DiskChange, SaveError, SaveRefusal, Session};
use crate::store;
use crate::suggest as suggest_core;
use egui::{Key, Modifiers, RichText, Ui, ViewportCommand};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

// The rooms of the app: each an `impl App` block for one family of commands (a child module, so
// it reaches the app's state while no window module imports the app).
mod annotate;
mod compare;
mod files;
mod modal;
mod panes;
mod suggestions;

pub use modal::{After, Modal, Purpose};
pub use panes::{PanesLayout, READER_MIN_WIDTH};
use suggestions::reviewing_key;

/// What the reader's marks depend on: the project (generation, version), the selected claim,
/// the document, the suggestions shown and the label new claims get (the ghosts' colour).
type MarksKey = (
    u64,
    (u64, usize),
    Option<String>,
    Option<String>,
    u64,
    String,
);

pub struct App {
    /// The open project, its file, lock, recovery file and disk stamp.
    session: Session,
    doc: Option<String>,
    readers: HashMap<String, ReaderState>,
    selected: Option<String>,
    current_label: String,
    marks: Vec<Mark>,
    marks_key: Option<MarksKey>,
    marks_version: u64,
    /// Orphaned claims in the project, recounted only when the project changes (not per frame).
    orphans: usize,
    find: FindState,
    settings: Settings,
    saved_settings: Settings,
    config_dir: PathBuf,
    dialogs: Arc<dyn FileDialogs>,
    pending: Option<PendingDialog<Purpose>>,
    modal: Option<Modal>,
    /// The last notice; `toast` says whether its overlay is still up.
    banner: Option<Banner>,
    toast: Toast,
    queue: Queue,
    claims_view: ClaimsView,
    sources_view: SourcesView,
    inspector: InspectorState,
    labels_view: LabelsView,
    export_view: ExportView,
    pub corpus_view: corpus::CorpusView,
    /// Sources → Tidy…: the proposed merges of the registry.
    tidy_view: tidy::TidyView,
    /// Attribution suggestions: the run, the list, the one under review.
    suggest_view: suggest::SuggestView,
    /// egui's clock at the start of this frame (seconds).
    now: f64,
    show_labels: bool,
    show_orphans: bool,
    show_shortcuts: bool,
    allow_close: bool,
    quit_requested: bool,
    title: String,
    theme_applied: Option<bool>,
    fonts_installed: bool,
    /// A text field had keyboard focus at the end of the last frame.
    was_typing: bool,
    /// When the reading position was last noted in the settings (egui time, seconds).
    position_noted: f64,
    /// An import running on a worker thread, and the summary of the last one.
    import_job: Option<ImportJob>,
    import_report: Option<ImportReport>,
    /// The "New document from clipboard" dialog, when open.
    paste: Option<PasteDialog>,
    /// The document details editor, when open.
    meta: Option<MetaEditor>,
    /// Review → Compare with…: a colleague's project beside mine.
    review: Option<ReviewSession>,
    /// The side panels: their widths, and whether they give way to the reader.
    panes: PanesLayout,
    /// The text of the comparison's notice, kept current while it is the last notice.
    compare_note: Option<String>,
    /// The conflicts a merge left in the project: the banner and the Review panel on them.
    conflicts: conflicts::ConflictsView,
}

pub use crate::session::AUTOSAVE_SECONDS;

impl App {
    /// An app over `project` (saved at `path`, if any), with these dialogs and config folder.
    pub fn new(
        project: Project,
        path: Option<PathBuf>,
        dialogs: Arc<dyn FileDialogs>,
        config_dir: PathBuf,
    ) -> Self {
        let (settings, settings_msg) = Settings::load(&config_dir);
        let mut app = App {
            session: Session::new(config_dir.clone()),
            doc: None,
            readers: HashMap::new(),
            selected: None,
            current_label: String::new(),
            marks: Vec::new(),
            marks_key: None,
            marks_version: 0,
            orphans: 0,
            find: FindState::default(),
            saved_settings: settings.clone(),
            settings,
            config_dir,
            dialogs,
            pending: None,
            modal: None,
            banner: None,
            toast: Toast::default(),
            queue: Queue::default(),
            claims_view: ClaimsView::default(),
            sources_view: SourcesView::default(),
            inspector: InspectorState::default(),
            labels_view: LabelsView::default(),
            export_view: ExportView::default(),
            suggest_view: suggest::SuggestView::default(),
            now: 0.0,
            corpus_view: corpus::CorpusView::default(),
            tidy_view: tidy::TidyView::default(),
            show_labels: false,
            show_orphans: false,
            show_shortcuts: false,
            allow_close: false,
            quit_requested: false,
            title: String::new(),
            theme_applied: None,
            fonts_installed: false,
            was_typing: false,
            position_noted: 0.0,
            import_job: None,
            import_report: None,
            paste: None,
            meta: None,
            review: None,
            panes: PanesLayout::default(),
            compare_note: None,
            conflicts: conflicts::ConflictsView::default(),
        };
        app.replace_project(project, path, None);
        if let Some(text) = settings_msg {
            app.info_error(text);
        }
        app
    }

    /// The app as `claimtrace [PROJECT]` starts it: `project` if given, else the last project,
    /// else the demo. Problems opening a file are shown in the window.
    pub fn start(
        project: Option<PathBuf>,
        dialogs: Arc<dyn FileDialogs>,
        config_dir: PathBuf,
    ) -> Self {
        let demo = || {
            crate::demo::demo_project()
                .unwrap_or_else(|_| Project::new("Untitled", Annotator::named("me")))
        };
        let mut app = App::new(demo(), None, dialogs, config_dir);
        // A last project that has since been moved or deleted is skipped quietly.
        let last = app.settings.last_project.clone().filter(|p| p.exists());
        let wanted = project.or(last);
        if let Some(p) = wanted {
            app.open_path(&p);
        } else {
            app.offer_recovery();
        }
        app
    }

    // --- what tests and the shell need -------------------------------------------------------

    pub fn project(&self) -> &Project {
        &self.session.project
    }

    pub fn history(&self) -> &History {
        &self.session.history
    }

    pub fn path(&self) -> Option<&Path> {
        self.session.path.as_deref()
    }

    pub fn is_dirty(&self) -> bool {
        self.session.is_dirty()
    }

    pub fn is_read_only(&self) -> bool {
        self.session.is_read_only()
    }

    pub fn selected_claim(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    pub fn current_document(&self) -> Option<&str> {
        self.doc.as_deref()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The last notice (information or a problem), also after its overlay has gone.
    pub fn banner(&self) -> Option<&Banner> {
        self.banner.as_ref()
    }

    /// Is the last notice's overlay on screen?
    pub fn notice_shown(&self) -> bool {
        self.banner.is_some() && self.toast.open
    }

    pub fn marks(&self) -> &[Mark] {
        &self.marks
    }

    /// Is an import running on the worker thread?
    pub fn is_importing(&self) -> bool {
        self.import_job.is_some()
    }

    /// The summary of the last import, while its window is open.
    pub fn import_report(&self) -> Option<&ImportReport> {
        self.import_report.as_ref()
    }

    /// The comparison with a colleague's project, while comparing.
    pub fn review(&self) -> Option<&ReviewSession> {
        self.review.as_ref()
    }

    /// The conflicts a merge left in the project (as of the last frame).
    pub fn conflicts(&self) -> &conflicts::ConflictsView {
        &self.conflicts
    }

    /// Where the side panels were drawn last frame.
    /// The suggestions room's state (the list, the current suggestion).
    pub fn suggestions(&self) -> &suggest::SuggestView {
        &self.suggest_view
    }

    pub fn panes(&self) -> &PanesLayout {
        &self.panes
    }

    pub fn find_matches(&self) -> &[(usize, usize)] {
        &self.find.matches
    }

    /// The window title: project name, an unsaved mark, read-only.
    pub fn window_title(&self) -> String {
        let dirty = if self.is_dirty() { " •" } else { "" };
        let ro = if self.is_read_only() {
            " (read-only)"
        } else {
            ""
        };
        format!("Claimtrace — {}{dirty}{ro}", self.session.project.name)
    }

    /// Has the app asked the window to close?
    pub fn quit_requested(&self) -> bool {
        self.quit_requested
    }

    /// The reader of the current document.
    pub fn reader_mut(&mut self) -> &mut ReaderState {
        let key = self.doc.clone().unwrap_or_default();
        let settings = &self.settings;
        let project = &self.session.project;
        self.readers
            .entry(key)
            .or_insert_with_key(|doc| new_reader(settings, project, doc))
    }

    /// Remember where the reader is in the open document (at most every two seconds, so
    /// scrolling does not rewrite the settings file on every frame).
    fn remember_position(&mut self, ctx: &egui::Context, force: bool) {
        let now = ctx.input(|i| i.time);
        if !force && now - self.position_noted < 2.0 {
            return;
        }
        self.position_noted = now;
        let Some(doc) = self.doc.as_deref() else {
            return;
        };
        if let Some(path) = &self.session.path {
            self.settings.set_open_document(path, doc);
        }
        let Some(at) = self.readers.get(doc).and_then(|r| r.reading_position()) else {
            return;
        };
        if let Some(d) = self.session.project.document(doc) {
            self.settings.set_position(&d.sha256, at);
        }
    }

    /// Queue a command as if a menu entry had been chosen.
    pub fn command(&mut self, c: Command) {
        self.queue.push(c);
    }

    // --- one frame -----------------------------------------------------------------------------

    /// Draw the whole window into `ui` and apply what the user asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.now = ctx.input(|i| i.time);
        if !self.fonts_installed {
            self.fonts_installed = true;
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            super::a11y::install(&ctx);
        }
        if self.theme_applied != Some(self.settings.dark) {
            self.theme_applied = Some(self.settings.dark);
            ctx.set_theme(if self.settings.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
        }
        self.handle_close_request(&ctx);
        self.poll_dialog(&ctx);
        self.handle_dropped_files(&ctx);
        self.poll_import();
        if self.modal.is_none() {
            self.handle_shortcuts(&ctx);
        }
        self.validate_selection();
        if let Some(r) = &mut self.review
            && r.refresh(
                &self.session.project,
                (self.session.generation, self.session.history.version()),
            )
        {
            self.marks_key = None;
            // The comparison's notice says its counts: keep them current (without showing
            // the notice again).
            if let Some(b) = self.banner.as_mut()
                && self.compare_note.as_deref() == Some(b.text.as_str())
            {
                let (text, error) = r.opening_note(&self.session.project);
                self.compare_note = Some(text.clone());
                *b = Banner { text, error };
            }
        }
        self.conflicts.refresh(
            &self.session.project,
            (self.session.generation, self.session.history.version()),
        );
        self.claims_view.prune(&self.session.project);
        self.poll_suggestions();
        self.suggest_view.refresh(
            &self.session.project,
            (self.session.generation, self.session.history.version()),
        );
        self.refresh_marks();
        if let Some(at) = self.find.refresh(
            &self.session.project,
            self.doc.as_deref(),
            (self.session.generation, self.session.history.version()),
        ) {
            self.reader_mut().scroll_to(at);
        }

        self.decide_narrow(ui.available_width());
        let menu = MenuState {
            project: &self.session.project,
            history: &self.session.history,
            writable: !self.is_read_only(),
            can_save_as: self.session.read_only.is_none(),
            has_doc: self.doc.is_some(),
            has_selection: self.current_selection().is_some(),
            has_claim: self.selected.is_some(),
            has_matches: !self.find.matches.is_empty(),
            orphans: self.orphans,
            suggestions: self.suggest_view.shown(),
            suggesting: self.suggest_view.is_running(),
            has_suggestion: self.suggest_view.current_suggestion().is_some(),
            comparing: self.review.is_some(),
            conflicts: self.conflicts.count(),
            reviewing: self.review.is_some() || self.conflicts.open,
            narrow: self.panes.narrow.then_some(self.panes.overlay),
        };
        bars::menu_bar(ui, &menu, &mut self.settings, &mut self.queue);
        conflicts::banner(ui, &self.conflicts, &mut self.queue);
        let status = StatusState {
            project: &self.session.project,
            path: self.session.path.as_deref(),
            read_only: self.is_read_only(),
            dirty: self.is_dirty(),
            orphans: self.orphans,
            waiting: self.pending.is_some(),
            notice: self.banner.as_ref(),
        };
        bars::status_bar(ui, &status, &mut self.queue);
        if self.find.open {
            self.find.bar(ui, &mut self.queue);
        }
        self.panes.lists = None;
        self.panes.inspector = None;
        self.panes.review = None;
        if self.panes.narrow {
            self.overlay(ui);
        } else {
            self.left_panel(ui);
            self.right_panel(ui);
            self.review_panel(ui);
        }
        self.central(ui);
        self.windows(&ctx);
        bars::toast(&ctx, self.banner.as_ref(), &mut self.toast);
        self.modal_ui(&ctx);

        self.apply_queue(&ctx);
        self.remember_position(&ctx, false);
        self.autosave(&ctx);
        self.watch_disk(&ctx);
        self.update_title(&ctx);
        self.save_settings();
        self.was_typing = ctx.text_edit_focused();
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            self.remember_position(ctx, true);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved { after: After::Quit });
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // egui drops focus on Escape before the app sees the key: also ask the last frame.
        // The find bar's buttons keep their keys too (Escape closes Find, not the claim).
        let typing = self.was_typing
            || ctx.text_edit_focused()
            || (self.find.open && self.find.holds_keyboard);
        let suggesting = self.suggest_view.shown() > 0;
        let mut found = Vec::new();
        ctx.input_mut(|i| {
            for (s, b) in command::dispatch_order() {
                let bare = command::is_bare(&s);
                // A text field keeps its keys, including its own undo and redo.
                if typing && (bare || matches!(b.command, Command::Undo | Command::Redo)) {
                    continue;
                }
                // The review keys (N, A, Enter, E, X) are the suggestions' only while some are
                // shown; otherwise they stay free (a label's key, Enter in a dialog).
                if reviewing_key(&b.command) && !suggesting {
                    continue;
                }
                if i.consume_shortcut(&s) {
                    found.push(b.command.clone());
                }
            }
            if !typing {
                for l in &self.session.project.labels {
                    let Some(key) = l
                        .shortcut
                        .and_then(|c| Key::from_name(&c.to_uppercase().to_string()))
                    else {
                        continue;
                    };
                    if i.consume_key(Modifiers::NONE, key) {
                        found.push(Command::MakeClaimWithLabel(l.id.clone()));
                    }
                }
            }
        });
        self.queue.commands.extend(found);
    }

    /// Forget a selected claim that no longer exists (after undo, delete, open).
    fn validate_selection(&mut self) {
        if let Some(id) = &self.selected
            && self.session.project.claim(id).is_none()
        {
            self.selected = None;
        }
        if self
            .doc
            .as_ref()
            .is_none_or(|d| self.session.project.document(d).is_none())
        {
            self.doc = self.session.project.documents.first().map(|d| d.id.clone());
        }
        if self.session.project.label(&self.current_label).is_none() {
            self.current_label = self
                .session
                .project
                .labels
                .first()
                .map(|l| l.id.clone())
                .unwrap_or_default();
        }
    }

    fn refresh_marks(&mut self) {
        let key: MarksKey = (
            self.session.generation,
            self.session.history.version(),
            self.selected.clone(),
            self.doc.clone(),
            self.suggest_view.version,
            self.current_label.clone(),
        );
        if self.marks_key.as_ref() == Some(&key) {
            return;
        }
        self.marks = match (&self.review, self.doc.as_deref()) {
            (Some(r), Some(doc)) => r
                .marks(&self.session.project, doc)
                .unwrap_or_else(|| build_marks(&self.session.project, Some(doc))),
            _ => build_marks(&self.session.project, self.doc.as_deref()),
        };
        if let Some(doc) = self.doc.as_deref() {
            let (r, g, b) = self
                .session
                .project
                .label(&self.current_label)
                .map_or((200, 200, 200), |l| l.color);
            self.marks.extend(
                self.suggest_view
                    .marks(doc, egui::Color32::from_rgb(r, g, b)),
            );
        }
        self.orphans = orphans::count(&self.session.project);
        self.marks_key = Some(key);
        self.marks_version += 1;
    }

    // --- drawing -------------------------------------------------------------------------------

    fn windows(&mut self, ctx: &egui::Context) {
        if self.export_view.open {
            let version = (self.session.generation, self.session.history.version());
            if let Some(kind) =
                export::show(ctx, &self.session.project, version, &mut self.export_view)
            {
                self.ask(kind, Purpose::Export, ctx);
            }
        }
        self.ingest_windows(ctx);
        if let Some(r) = self.review.as_mut().filter(|r| r.show_agreement) {
            review::agreement_window(ctx, r, &self.session.project);
        }
        if self.corpus_view.open || self.corpus_view.opened.is_some() {
            let version = (self.session.generation, self.session.history.version());
            corpus::show(
                ctx,
                &self.session.project,
                version,
                &mut self.corpus_view,
                &mut self.queue,
            );
            if let Some(req) = self.corpus_view.take_request() {
                let kind = DialogKind::Export {
                    suggested: req.suggested(),
                    folder: false,
                };
                self.ask(kind, Purpose::Corpus(req), ctx);
            }
        }
        if self.tidy_view.open {
            let version = (self.session.generation, self.session.history.version());
            tidy::show(
                ctx,
                &self.session.project,
                version,
                &mut self.tidy_view,
                &mut self.queue,
            );
        }
        if self.show_orphans {
            let selection = self.current_selection();
            orphans::window(
                ctx,
                &self.session.project,
                self.doc.as_deref(),
                selection,
                &mut self.show_orphans,
                &mut self.queue,
            );
        }
        if self.show_shortcuts {
            shortcuts::window(ctx, &self.session.project, &mut self.show_shortcuts);
        }
        if self.show_labels {
            labels::window(
                ctx,
                &self.session.project,
                &mut self.show_labels,
                &mut self.labels_view,
                &mut self.queue,
            );
        }
    }

    // --- applying ------------------------------------------------------------------------------

    fn apply_queue(&mut self, ctx: &egui::Context) {
        let queue = std::mem::take(&mut self.queue);
        let changed = !queue.commands.is_empty() || !queue.edits.is_empty();
        for e in queue.edits {
            self.apply_edit(e);
        }
        for c in queue.commands {
            self.run(c, ctx);
        }
        // Edits queued by commands (e.g. a confirmed source) are applied now too.
        let more = std::mem::take(&mut self.queue.edits);
        for e in more {
            self.apply_edit(e);
        }
        if changed {
            ctx.request_repaint();
        }
    }

    /// Apply one edit through the history; problems go to the banner.
    fn apply_edit(&mut self, edit: Edit) -> bool {
        if let Some(reason) = self.read_only_reason() {
            self.info_error(format!(
                "This project is read-only ({reason}); the change was not made."
            ));
            return false;
        }
        let what = edit.describe();
        match self.session.history.apply(&mut self.session.project, edit) {
            Ok(()) => true,
            Err(e) => {
                self.info_error(format!("Could not {what}: {e}"));
                false
            }
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.notify(Banner {
            text: text.into(),
            error: false,
        });
    }

    fn info_error(&mut self, text: impl Into<String>) {
        self.notify(Banner {
            text: text.into(),
            error: true,
        });
    }

    /// Show a notice (an overlay that moves nothing; the status bar keeps it).
    fn notify(&mut self, b: Banner) {
        if self.doc.is_some() {
            self.reader_mut().announce(b.text.clone());
        }
        self.banner = Some(b);
        self.toast.restart();
    }

    fn current_selection(&self) -> Option<(usize, usize)> {
        self.readers.get(self.doc.as_deref()?)?.selection()
    }

    fn run(&mut self, c: Command, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        match c {
            // While a suggestion is edited, C / S / Q / Ctrl+drag change its spans.
            Command::MakeClaim
            | Command::SetMention
            | Command::SetCue
            | Command::AddFragment(..)
                if self.suggest_view.editing =>
            {
                self.edit_suggestion_span(&c);
            }
            Command::NewProject
            | Command::Open
            | Command::OpenRecent(_)
            | Command::Quit
            | Command::ImportArticle
            | Command::Export
            | Command::ExportSelected(_)
            | Command::UpdateDocument
            | Command::Save
            | Command::SaveAs => self.run_file(c, ctx),
            Command::Undo
            | Command::Redo
            | Command::MakeClaim
            | Command::MakeClaimWithLabel(_)
            | Command::SetMention
            | Command::SetCue
            | Command::AddFragment(..)
            | Command::DeleteClaim
            | Command::ReattachOrphan(_) => self.run_annotate(c),
            Command::SuggestDocument
            | Command::SuggestAll
            | Command::CancelSuggest
            | Command::NextSuggestion
            | Command::PrevSuggestion
            | Command::ShowSuggestion(_)
            | Command::PickSuggestion(_)
            | Command::AcceptSuggestion
            | Command::RejectSuggestion
            | Command::EditSuggestion
            | Command::AcceptAllAbove => self.run_suggest(c),
            Command::Compare
            | Command::StopCompare
            | Command::ShowDisagreements
            | Command::ShowAgreement
            | Command::ExportDisagreements
            | Command::ShowConflicts
            | Command::CloseConflicts => self.run_compare(c, ctx),
            Command::TogglePane(_) => self.run_pane(c),
            Command::Find => {
                self.find.open = true;
                self.find.focus = true;
            }
            Command::FindNext | Command::FindPrev => {
                if let Some(at) = self.find.step(c == Command::FindNext) {
                    self.reader_mut().scroll_to(at);
                }
            }
            Command::CloseFind => self.find.close(),
            Command::Deselect if self.suggest_view.editing => {
                self.suggest_view.editing = false;
                self.suggest_view.version += 1;
                self.reader_mut().clear_selection();
            }
            Command::Deselect if self.selected.is_none() && self.suggest_view.current.is_some() => {
                self.suggest_view.set_current(None);
                self.reader_mut().clear_selection();
            }
            Command::Deselect => {
                self.selected = None;
                self.reader_mut().clear_selection();
            }
            Command::PickNone => self.selected = None,
            Command::PickClaim(id) => {
                if self.session.project.claim(&id).is_some() {
                    self.selected = Some(id);
                    self.suggest_view.set_current(None);
                }
            }
            Command::SelectClaim(id) => {
                let Some(c) = self.session.project.claim(&id) else {
                    return;
                };
                let (doc, start, end) = (c.document.clone(), c.start(), c.end());
                self.doc = Some(doc);
                self.close_lists_overlay();
                self.selected = Some(id);
                let r = self.reader_mut();
                r.scroll_to(start);
                r.flash(start, end, now);
            }
            Command::SelectDocument(id) => {
                if self.session.project.document(&id).is_some() {
                    if self
                        .selected
                        .as_ref()
                        .and_then(|c| self.session.project.claim(c))
                        .is_some_and(|c| c.document != id)
                    {
                        self.selected = None;
                    }
                    self.doc = Some(id);
                    self.close_lists_overlay();
                }
            }
            Command::FontBigger => {
                self.settings.font_size =
                    (self.settings.font_size + 1.0).min(settings::MAX_FONT_SIZE)
            }
            Command::FontSmaller => {
                self.settings.font_size =
                    (self.settings.font_size - 1.0).max(settings::MIN_FONT_SIZE)
            }
            Command::ToggleTheme => self.settings.dark = !self.settings.dark,
            Command::ShowShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Command::FocusReader => self.reader_mut().request_focus(),
            Command::ShowCorpus => self.corpus_view.open = true,
            Command::ShowLabels => self.show_labels = true,
            Command::ShowOrphans => self.show_orphans = true,
            Command::ShowTidy => self.tidy_view.open(),
            Command::NewFromClipboard => {
                if let Some(reason) = self.read_only_reason() {
                    self.info_error(format!("This project is read-only ({reason})."));
                } else {
                    self.paste = Some(PasteDialog::default());
                }
            }
            Command::DocumentDetails => {
                if let Some(d) = &self.doc {
                    self.meta = Some(MetaEditor::new(d));
                }
            }
            Command::RevealRange(start, end) => {
                self.selected = None;
                let r = self.reader_mut();
                r.scroll_to(start);
                r.flash(start, end, now);
            }
        }
    }

    // --- files ---------------------------------------------------------------------------------

    fn update_title(&mut self, ctx: &egui::Context) {
        let t = self.window_title();
        if t != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(t.clone()));
            self.title = t;
        }
    }

    fn save_settings(&mut self) {
        if self.settings == self.saved_settings {
            return;
        }
        self.saved_settings = self.settings.clone();
        if let Err(e) = self.settings.save(&self.config_dir) {
            self.info_error(format!("Settings not saved: {e}"));
        }
    }
}

/// A reader for a document just shown: it starts where the reader left off last time.
fn new_reader(settings: &Settings, project: &Project, doc: &str) -> ReaderState {
    let mut r = ReaderState::default();
    if let Some(at) = project
        .document(doc)
        .and_then(|d| settings.position(&d.sha256))
    {
        r.scroll_to_top_at(at);
    }
    r
}

fn expand_home(s: &str) -> PathBuf {
    match (s.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(h)) => PathBuf::from(h).join(rest),
        _ => PathBuf::from(s),
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
