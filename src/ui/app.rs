//! The application: the open project, its history, the reader, and the UI state around them.
//!
//! Drawing never changes the project: widgets push [`Command`]s and [`Edit`]s into a
//! [`Queue`], and [`App::show`] applies them once per frame, after drawing. Each window lives in
//! its own module (see [`crate::ui`]) and gets what it needs as arguments; this module holds the
//! frame loop, the panels' layout and the applying of commands.

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
use super::{conflicts, corpus, new_source, orphans, shortcuts, suggest};
use crate::edit::{Edit, History, ops};
use crate::model::{Annotator, Project, SourceKind};
use crate::store;
use crate::suggest as suggest_core;
use egui::{Key, Modifiers, RichText, Ui, ViewportCommand};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
type Then = Box<dyn FnOnce(&mut App, &egui::Context)>;

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

/// The reader keeps at least this width (px): side panels that would leave it less give way
/// (they are then shown one at a time over the reader, from toggles in the menu bar).
pub const READER_MIN_WIDTH: f32 = 400.0;

/// Where the side panels are, last frame (screen rects), and the widths they keep.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PanesLayout {
    pub lists: Option<egui::Rect>,
    pub inspector: Option<egui::Rect>,
    pub review: Option<egui::Rect>,
    /// Too narrow for the panels beside the reader: they are overlays, one at a time.
    pub narrow: bool,
    /// The overlay shown, in a narrow window.
    pub overlay: Option<Pane>,
    /// The widths the panels keep (the user's, by dragging their edges), in px.
    widths: [f32; 3],
    /// The width of the window's content, this frame.
    total: f32,
}

impl Default for PanesLayout {
    fn default() -> Self {
        PanesLayout {
            lists: None,
            inspector: None,
            review: None,
            narrow: false,
            overlay: None,
            widths: [300.0, 320.0, 340.0],
            total: 0.0,
        }
    }
}

impl PanesLayout {
    fn width(&self, pane: Pane) -> f32 {
        self.widths[pane as usize]
    }
}

/// Draw `add` in exactly the width `ui` has: contents wrap, truncate or are clipped, and never
/// widen a panel (only dragging its edge does). Text fields without a width of their own are
/// sized to fit beside a label.
fn fixed_width<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    let rect = ui.available_rect_before_wrap();
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
    child.shrink_clip_rect(rect);
    child.spacing_mut().text_edit_width = (rect.width() - 110.0).max(80.0);
    let r = add(&mut child);
    ui.expand_to_include_rect(rect);
    r
}

pub struct App {
    project: Project,
    history: History,
    path: Option<PathBuf>,
    /// The file's format when it is newer than this build: shown read-only, never saved.
    read_only: Option<u32>,
    /// Bumped whenever the whole project is replaced (open, new).
    generation: u64,
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
    /// Our lock on the project file (released when dropped).
    lock: Option<store::lock::ProjectLock>,
    /// Someone else holds the project: it is shown read-only.
    locked_by: Option<store::lock::Holder>,
    /// Where an untitled project's unsaved work is autosaved: a file of this window's own
    /// (`recovery-untitled-PID.ron`), or one it restored from a window that is gone.
    untitled_recovery: PathBuf,
    /// Our lock on `untitled_recovery`, so no other window offers or deletes it while we live.
    recovery_lock: Option<store::lock::ProjectLock>,
    /// When the reading position was last noted in the settings (egui time, seconds).
    position_noted: f64,
    /// The history version last written to the recovery file.
    autosaved: Option<(u64, usize)>,
    /// When the project first differed from the recovery file (egui time, seconds).
    dirty_since: Option<f64>,
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
    /// The project file's size and modification time when it was last read or written by this
    /// window: a difference means someone else (a `git pull`, another program) replaced it.
    disk_stamp: Option<FileStamp>,
    /// When the project file was last looked at (egui time, seconds).
    disk_checked: f64,
    /// The file changed on disk while the work here was unsaved: said once.
    disk_warned: bool,
    /// The next save may replace a file that changed on disk (the user said so).
    overwrite_once: bool,
}

/// A file's size and modification time.
type FileStamp = (u64, Option<std::time::SystemTime>);

fn stamp_of(path: &Path) -> Option<FileStamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

/// The keys that review suggestions (they act only while suggestions are shown).
fn reviewing_key(c: &Command) -> bool {
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

/// Unsaved work goes to the recovery file this long after an edit (and when the window loses
/// focus).
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// The name an untitled project's recovery files start with, in the config folder.
const UNTITLED_RECOVERY: &str = "recovery-untitled";

impl App {
    /// An app over `project` (saved at `path`, if any), with these dialogs and config folder.
    pub fn new(
        project: Project,
        path: Option<PathBuf>,
        dialogs: Arc<dyn FileDialogs>,
        config_dir: PathBuf,
    ) -> Self {
        let (settings, settings_msg) = Settings::load(&config_dir);
        let untitled_recovery =
            config_dir.join(format!("{UNTITLED_RECOVERY}-{}.ron", std::process::id()));
        let mut app = App {
            project: Project::new("", Annotator::default()),
            history: History::new(),
            path: None,
            read_only: None,
            generation: 0,
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
            show_labels: false,
            show_orphans: false,
            show_shortcuts: false,
            allow_close: false,
            quit_requested: false,
            title: String::new(),
            theme_applied: None,
            fonts_installed: false,
            was_typing: false,
            lock: None,
            locked_by: None,
            untitled_recovery,
            recovery_lock: None,
            position_noted: 0.0,
            autosaved: None,
            dirty_since: None,
            import_job: None,
            import_report: None,
            paste: None,
            meta: None,
            review: None,
            panes: PanesLayout::default(),
            compare_note: None,
            conflicts: conflicts::ConflictsView::default(),
            disk_stamp: None,
            disk_checked: 0.0,
            disk_warned: false,
            overwrite_once: false,
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
        &self.project
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some() || self.locked_by.is_some()
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
        format!("Claimtrace — {}{dirty}{ro}", self.project.name)
    }

    /// Has the app asked the window to close?
    pub fn quit_requested(&self) -> bool {
        self.quit_requested
    }

    /// The reader of the current document.
    pub fn reader_mut(&mut self) -> &mut ReaderState {
        let key = self.doc.clone().unwrap_or_default();
        let settings = &self.settings;
        let project = &self.project;
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
        let Some(at) = self.readers.get(doc).and_then(|r| r.reading_position()) else {
            return;
        };
        if let Some(d) = self.project.document(doc) {
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
            && r.refresh(&self.project, (self.generation, self.history.version()))
        {
            self.marks_key = None;
            // The comparison's notice says its counts: keep them current (without showing
            // the notice again).
            if let Some(b) = self.banner.as_mut()
                && self.compare_note.as_deref() == Some(b.text.as_str())
            {
                let (text, error) = r.opening_note(&self.project);
                self.compare_note = Some(text.clone());
                *b = Banner { text, error };
            }
        }
        self.conflicts
            .refresh(&self.project, (self.generation, self.history.version()));
        self.claims_view.prune(&self.project);
        self.poll_suggestions();
        self.suggest_view
            .refresh(&self.project, (self.generation, self.history.version()));
        self.refresh_marks();
        if let Some(at) = self.find.refresh(
            &self.project,
            self.doc.as_deref(),
            (self.generation, self.history.version()),
        ) {
            self.reader_mut().scroll_to(at);
        }

        self.decide_narrow(ui.available_width());
        let menu = MenuState {
            project: &self.project,
            history: &self.history,
            writable: !self.is_read_only(),
            can_save_as: self.read_only.is_none(),
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
            project: &self.project,
            path: self.path.as_deref(),
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

    fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some(p) = &self.pending else { return };
        match p.poll() {
            Poll::Waiting => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
            Poll::Done(answer) => {
                let Some(p) = self.pending.take() else { return };
                match answer {
                    Some(paths) => self.dialog_answered(p.purpose, paths, ctx),
                    None => {
                        self.modal = Some(Modal::TypedPath {
                            purpose: p.purpose,
                            kind: p.kind,
                            text: String::new(),
                        })
                    }
                }
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
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

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // egui drops focus on Escape before the app sees the key: also ask the last frame.
        let typing = self.was_typing || ctx.text_edit_focused();
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
                for l in &self.project.labels {
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
            && self.project.claim(id).is_none()
        {
            self.selected = None;
        }
        if self
            .doc
            .as_ref()
            .is_none_or(|d| self.project.document(d).is_none())
        {
            self.doc = self.project.documents.first().map(|d| d.id.clone());
        }
        if self.project.label(&self.current_label).is_none() {
            self.current_label = self
                .project
                .labels
                .first()
                .map(|l| l.id.clone())
                .unwrap_or_default();
        }
    }

    fn refresh_marks(&mut self) {
        let key: MarksKey = (
            self.generation,
            self.history.version(),
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
                .marks(&self.project, doc)
                .unwrap_or_else(|| build_marks(&self.project, Some(doc))),
            _ => build_marks(&self.project, self.doc.as_deref()),
        };
        if let Some(doc) = self.doc.as_deref() {
            let (r, g, b) = self
                .project
                .label(&self.current_label)
                .map_or((200, 200, 200), |l| l.color);
            self.marks.extend(
                self.suggest_view
                    .marks(doc, egui::Color32::from_rgb(r, g, b)),
            );
        }
        self.orphans = orphans::count(&self.project);
        self.marks_key = Some(key);
        self.marks_version += 1;
    }

    // --- drawing -------------------------------------------------------------------------------

    /// Which panels are shown beside the reader (as the View menu and the comparison ask).
    fn docked(&self) -> Vec<Pane> {
        let mut v = Vec::new();
        if self.settings.show_left {
            v.push(Pane::Lists);
        }
        if self.settings.show_inspector {
            v.push(Pane::Inspector);
        }
        if self.review_shown() {
            v.push(Pane::Review);
        }
        v
    }

    /// Does the Review panel have something to show: the conflicts, or a comparison's list?
    fn review_shown(&self) -> bool {
        self.conflicts.open || self.review.as_ref().is_some_and(|r| r.show_list)
    }

    /// A window narrower than the panels' widths plus [`READER_MIN_WIDTH`] shows the panels
    /// over the reader, one at a time, instead of beside it.
    fn decide_narrow(&mut self, width: f32) {
        let panels: f32 = self.docked().iter().map(|p| self.panes.width(*p)).sum();
        let narrow = width < panels + READER_MIN_WIDTH;
        self.panes.total = width;
        if !narrow {
            self.panes.overlay = None;
        }
        self.panes.narrow = narrow;
    }

    /// The widest `pane` may be dragged: the reader keeps [`READER_MIN_WIDTH`] beside the
    /// other panels.
    fn max_width(&self, pane: Pane, min: f32) -> f32 {
        let others: f32 = self
            .docked()
            .iter()
            .filter(|p| **p != pane)
            .map(|p| self.panes.width(*p))
            .sum();
        (self.panes.total - others - READER_MIN_WIDTH).max(min)
    }

    fn left_panel(&mut self, ui: &mut Ui) {
        if !self.settings.show_left {
            return;
        }
        let max = self.max_width(Pane::Lists, 200.0);
        let r = egui::Panel::left("lists")
            .resizable(true)
            .default_size(self.panes.width(Pane::Lists))
            .min_size(200.0)
            .max_size(max)
            .show(ui, |ui| fixed_width(ui, |ui| self.lists_contents(ui)));
        self.panes.lists = Some(r.response.rect);
        self.panes.widths[Pane::Lists as usize] = r.response.rect.width();
    }

    fn lists_contents(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let filtered = if self.claims_view.is_filtered() {
                "Claims (filtered)"
            } else {
                "Claims"
            };
            ui.selectable_value(&mut self.settings.left_tab, LeftTab::Claims, filtered);
            let n = self.suggest_view.shown();
            let suggestions = if n > 0 {
                format!("Suggestions ({n})")
            } else {
                "Suggestions".to_string()
            };
            ui.selectable_value(
                &mut self.settings.left_tab,
                LeftTab::Suggestions,
                suggestions,
            );
            ui.selectable_value(&mut self.settings.left_tab, LeftTab::Sources, "Sources");
            ui.selectable_value(&mut self.settings.left_tab, LeftTab::Documents, "Documents");
        });
        ui.separator();
        match self.settings.left_tab {
            LeftTab::Claims => panels::claims_list(
                ui,
                &self.project,
                self.doc.as_deref(),
                self.selected.as_deref(),
                &mut self.claims_view,
                &mut self.queue,
            ),
            LeftTab::Suggestions => {
                let writable = !self.is_read_only();
                suggest::panel(
                    ui,
                    &self.project,
                    self.doc.as_deref(),
                    &mut self.suggest_view,
                    writable,
                    &mut self.queue,
                )
            }
            LeftTab::Sources => {
                let clicked = panels::sources_panel(
                    ui,
                    &self.project,
                    &mut self.sources_view,
                    &mut self.queue,
                );
                if let Some(id) = clicked {
                    self.claims_view.source = Some(Some(id));
                }
            }
            LeftTab::Documents => {
                panels::documents_list(ui, &self.project, self.doc.as_deref(), &mut self.queue)
            }
        }
    }

    fn right_panel(&mut self, ui: &mut Ui) {
        if !self.settings.show_inspector {
            return;
        }
        let max = self.max_width(Pane::Inspector, 240.0);
        let r = egui::Panel::right("inspector")
            .resizable(true)
            .default_size(self.panes.width(Pane::Inspector))
            .min_size(240.0)
            .max_size(max)
            .show(ui, |ui| fixed_width(ui, |ui| self.inspector_contents(ui)));
        self.panes.inspector = Some(r.response.rect);
        self.panes.widths[Pane::Inspector as usize] = r.response.rect.width();
    }

    fn inspector_contents(&mut self, ui: &mut Ui) {
        if self.selected.is_none() && self.suggest_view.current_suggestion().is_some() {
            let writable = !self.is_read_only();
            egui::ScrollArea::vertical().show(ui, |ui| {
                inspector::label_chooser(ui, &self.project, &mut self.current_label);
                ui.separator();
                suggest::details(
                    ui,
                    &self.project,
                    &self.suggest_view,
                    writable,
                    &mut self.queue,
                );
            });
            return;
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            inspector::show(
                ui,
                &self.project,
                self.selected.as_deref(),
                &mut self.current_label,
                &mut self.inspector,
                &mut self.queue,
            );
        });
    }

    fn review_panel(&mut self, ui: &mut Ui) {
        if !self.review_shown() {
            return;
        }
        let max = self.max_width(Pane::Review, 260.0);
        let r = egui::Panel::right("review")
            .resizable(true)
            .default_size(self.panes.width(Pane::Review))
            .min_size(260.0)
            .max_size(max)
            .show(ui, |ui| fixed_width(ui, |ui| self.review_contents(ui)));
        self.panes.review = Some(r.response.rect);
        self.panes.widths[Pane::Review as usize] = r.response.rect.width();
    }

    fn review_contents(&mut self, ui: &mut Ui) {
        if self.conflicts.open {
            conflicts::panel(
                ui,
                &self.project,
                &mut self.conflicts,
                self.selected.as_deref(),
                &mut self.queue,
            );
            return;
        }
        let Some(r) = self.review.as_mut() else {
            return;
        };
        review::disagreements_panel(
            ui,
            &self.project,
            r,
            self.doc.as_deref(),
            self.selected.as_deref(),
            &mut self.queue,
        );
    }

    /// In a narrow window: the one panel asked for, over the reader at its side (the reader
    /// keeps the whole width and does not reflow).
    fn overlay(&mut self, ui: &mut Ui) {
        let Some(pane) = self.panes.overlay else {
            return;
        };
        let area = ui.available_rect_before_wrap();
        let width = self.panes.width(pane).min(area.width() - 40.0).max(160.0);
        let left = pane == Pane::Lists;
        let pos = if left {
            area.left_top()
        } else {
            area.right_top() - egui::vec2(width, 0.0)
        };
        let r = egui::Area::new(egui::Id::unique(("pane_overlay", pane as usize)))
            .order(egui::Order::Middle)
            .fixed_pos(pos)
            .constrain(false)
            .show(ui.ctx(), |ui| {
                egui::Frame::side_top_panel(ui.style())
                    .fill(ui.visuals().panel_fill)
                    .stroke(ui.visuals().window_stroke)
                    .show(ui, |ui| {
                        let inner = egui::vec2(width - 16.0, area.height() - 16.0);
                        ui.set_min_size(inner);
                        ui.set_max_size(inner);
                        fixed_width(ui, |ui| match pane {
                            Pane::Lists => self.lists_contents(ui),
                            Pane::Inspector => self.inspector_contents(ui),
                            Pane::Review => self.review_contents(ui),
                        });
                    });
            });
        let rect = Some(r.response.rect);
        match pane {
            Pane::Lists => self.panes.lists = rect,
            Pane::Inspector => self.panes.inspector = rect,
            Pane::Review => self.panes.review = rect,
        }
    }

    fn central(&mut self, ui: &mut Ui) {
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(doc) = self.doc.clone().and_then(|d| self.project.document(&d)) else {
                ui.vertical_centered(|ui| {
                    ui.add_space(40.0);
                    ui.heading("No articles yet");
                    ui.label("Import an article (File → Import article…) or drop articles (.txt .md .pdf .docx) or a folder here.");
                    if ui.button("Import article…").clicked() {
                        self.queue.push(Command::ImportArticle);
                    }
                });
                return;
            };
            // Truncated, not wrapped: a long title must not widen the panel past the window
            // (the reader would then lay text out under the panels beside it).
            ui.add(
                egui::Label::new(RichText::new(&doc.title).heading().strong())
                    .truncate(),
            );
            if let Some(f) = &doc.origin.file {
                ui.label(RichText::new(f).weak());
            }
            if let Some(r) = &self.review {
                review::legend(ui, r);
            }
            ui.separator();
            let settings = &self.settings;
            let project = &self.project;
            let reader = self
                .readers
                .entry(doc.id.clone())
                .or_insert_with_key(|d| new_reader(settings, project, d));
            // The suggestion under review is drawn as selected when no claim is.
            let ghost = self
                .suggest_view
                .current_suggestion()
                .filter(|(_, s)| s.document == doc.id)
                .map(|(i, _)| suggest::ghost_id(i));
            let input = ReaderInput {
                doc_id: &doc.id,
                text: &doc.text,
                marks: &self.marks,
                marks_version: self.marks_version,
                selected_claim: self.selected.as_deref().or(ghost.as_deref()),
                find: &self.find.matches,
                find_current: self.find.current,
                font_size: self.settings.font_size,
            };
            let out = reader.show(ui, &input);
            if let Some(id) = out.clicked_claim {
                self.queue.push(match suggest::ghost_index(&id) {
                    Some(i) => Command::PickSuggestion(i),
                    None => Command::PickClaim(id),
                });
            } else if out.clicked_empty {
                self.queue.push(Command::PickNone);
            }
            if let Some(a) = out.bar_action {
                self.queue.push(match a {
                    BarAction::Claim => Command::MakeClaim,
                    BarAction::Mention => Command::SetMention,
                    BarAction::Cue => Command::SetCue,
                });
            }
            if let Some((s, e)) = out.add_fragment {
                self.queue.push(Command::AddFragment(s, e));
            }
        });
    }

    fn windows(&mut self, ctx: &egui::Context) {
        if self.export_view.open {
            let version = (self.generation, self.history.version());
            if let Some(kind) = export::show(ctx, &self.project, version, &mut self.export_view) {
                self.ask(kind, Purpose::Export, ctx);
            }
        }
        self.ingest_windows(ctx);
        if let Some(r) = self.review.as_mut().filter(|r| r.show_agreement) {
            review::agreement_window(ctx, r, &self.project);
        }
        if self.corpus_view.open {
            let version = (self.generation, self.history.version());
            corpus::show(
                ctx,
                &self.project,
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
        if self.show_orphans {
            let selection = self.current_selection();
            orphans::window(
                ctx,
                &self.project,
                self.doc.as_deref(),
                selection,
                &mut self.show_orphans,
                &mut self.queue,
            );
        }
        if self.show_shortcuts {
            shortcuts::window(ctx, &self.project, &mut self.show_shortcuts);
        }
        if self.show_labels {
            labels::window(
                ctx,
                &self.project,
                &mut self.show_labels,
                &mut self.labels_view,
                &mut self.queue,
            );
        }
    }

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(mut modal) = self.modal.take() else {
            return;
        };
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
                                app.overwrite_once = true;
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
                    ui.label(format!("“{}” has unsaved changes.", self.project.name));
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
                                app.release_lock();
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
                    if text.is_empty() && !r.has_focus() {
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
                    match new_source::form(ui, &self.project, f, name, kind, existing, add_alias) {
                        Some(new_source::Answer::Confirm) => {
                            keep = false;
                            let (claim, at, name, kind, existing) =
                                (claim.clone(), (*start, *end), name.clone(), *kind, existing.clone());
                            let alias = add_alias.then(|| mention.clone());
                            then = Some(Box::new(move |app, _| {
                                let edit = new_source::edit(&app.project, &claim, at, &name, kind, existing.as_deref(), alias.as_deref());
                                app.queue.edit(edit);
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
        match self.history.apply(&mut self.project, edit) {
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
        self.banner = Some(b);
        self.toast.restart();
    }

    fn current_selection(&self) -> Option<(usize, usize)> {
        self.readers.get(self.doc.as_deref()?)?.selection()
    }

    fn run(&mut self, c: Command, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        match c {
            Command::NewProject => self.guard(After::NewProject, ctx),
            Command::Open => self.guard(After::Open, ctx),
            Command::OpenRecent(p) => self.guard(After::OpenPath(p), ctx),
            Command::Quit => self.guard(After::Quit, ctx),
            Command::ImportArticle => self.ask(DialogKind::Import, Purpose::Import, ctx),
            Command::Export => self
                .export_view
                .open_for(&self.project, self.path.as_deref(), None),
            Command::ExportSelected(ids) => {
                self.export_view
                    .open_for(&self.project, self.path.as_deref(), Some(ids))
            }
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
                if self.read_only.is_some() {
                    self.read_only_message();
                } else {
                    self.ask(self.save_kind(), Purpose::SaveAs { then: None }, ctx);
                }
            }
            Command::Undo => match self.history.undo(&mut self.project) {
                Ok(true) => {}
                Ok(false) => self.info("Nothing to undo."),
                Err(e) => self.info_error(format!("Could not undo: {e}")),
            },
            Command::Redo => match self.history.redo(&mut self.project) {
                Ok(true) => {}
                Ok(false) => self.info("Nothing to redo."),
                Err(e) => self.info_error(format!("Could not redo: {e}")),
            },
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
            Command::MakeClaim
            | Command::SetMention
            | Command::SetCue
            | Command::AddFragment(..)
                if self.suggest_view.editing =>
            {
                self.edit_suggestion_span(&c);
            }
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
                let edit = ops::set_cue(&self.project, &claim, s, e);
                if self.apply_opt(edit) {
                    self.reader_mut().clear_selection();
                }
            }
            Command::AddFragment(s, e) => match self.selected.clone() {
                Some(id) => {
                    let edit = ops::add_fragment(&self.project, &id, s, e);
                    if self.apply_opt(edit) {
                        self.reader_mut().clear_selection();
                    }
                }
                None => self.info("Select a claim first, then Ctrl+drag to add a fragment to it."),
            },
            Command::DeleteClaim => {
                if let Some(id) = self.selected.clone() {
                    let edit = ops::delete_claim(&self.project, &id);
                    if self.apply_opt(edit) {
                        self.selected = None;
                    }
                }
            }
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
                if self.project.claim(&id).is_some() {
                    self.selected = Some(id);
                    self.suggest_view.set_current(None);
                }
            }
            Command::SuggestDocument => match self.doc.clone() {
                Some(doc) => {
                    self.suggest_view
                        .start(&self.project, suggest::Scope::Document(doc));
                    self.show_suggestions_tab();
                }
                None => self.info("Open a document first: suggestions are made for its text."),
            },
            Command::SuggestAll => {
                if self.project.documents.is_empty() {
                    self.info("The project has no documents to suggest attributions in.");
                } else {
                    self.suggest_view.start(&self.project, suggest::Scope::All);
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
            Command::SelectClaim(id) => {
                let Some(c) = self.project.claim(&id) else {
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
                if self.project.document(&id).is_some() {
                    if self
                        .selected
                        .as_ref()
                        .and_then(|c| self.project.claim(c))
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
            Command::ShowShortcuts => self.show_shortcuts = true,
            Command::ShowCorpus => self.corpus_view.open = true,
            Command::ShowLabels => self.show_labels = true,
            Command::ShowOrphans => self.show_orphans = true,
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
            Command::ReattachOrphan(id) => self.reattach_orphan(&id),
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
            Command::TogglePane(pane) if self.panes.narrow => {
                self.panes.overlay = (self.panes.overlay != Some(pane)).then_some(pane);
                if pane == Pane::Review
                    && !self.conflicts.open
                    && let Some(r) = &mut self.review
                {
                    r.show_list = true;
                }
            }
            Command::TogglePane(pane) => match pane {
                Pane::Lists => self.settings.show_left = !self.settings.show_left,
                Pane::Inspector => self.settings.show_inspector = !self.settings.show_inspector,
                Pane::Review => {
                    if self.conflicts.open {
                        self.conflicts.open = false;
                    } else if let Some(r) = &mut self.review {
                        r.show_list = !r.show_list;
                    } else if self.conflicts.count() > 0 {
                        self.conflicts.open = true;
                    }
                }
            },
            Command::RevealRange(start, end) => {
                self.selected = None;
                let r = self.reader_mut();
                r.scroll_to(start);
                r.flash(start, end, now);
            }
        }
    }

    /// A claim or document chosen in the lists shown over the reader: show the reader.
    /// Show the Suggestions tab (the lists panel shown).
    fn show_suggestions_tab(&mut self) {
        self.settings.left_tab = LeftTab::Suggestions;
        if !self.panes.narrow {
            self.settings.show_left = true;
        }
    }

    /// Take a finished suggestion run in: say what it found and go to the first suggestion.
    fn poll_suggestions(&mut self) {
        let Some(scope) = self.suggest_view.poll(&self.project) else {
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
    fn go_to_suggestion(&mut self, i: usize, scroll: bool) {
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
    fn after_review(&mut self, i: usize) {
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

    fn accept_suggestion(&mut self) {
        let Some((i, _)) = self.suggest_view.current_suggestion() else {
            self.info("No suggestion is current: N goes to the next one.");
            return;
        };
        let Some(s) = self.suggest_view.single(i) else {
            return;
        };
        let label = self.current_label.clone();
        let (edit, _) = suggest_core::accept_edit(&self.project, &[s], Some(&label));
        if self.apply_edit(edit) {
            self.reader_mut().clear_selection();
            self.suggest_view
                .refresh(&self.project, (self.generation, self.history.version()));
            self.after_review(i);
        }
    }

    fn reject_suggestion(&mut self) {
        let Some((i, s)) = self.suggest_view.current_suggestion() else {
            self.info("No suggestion is current: N goes to the next one.");
            return;
        };
        let edit = suggest_core::reject_edit(&self.project, s);
        if self.apply_opt(edit) {
            self.reader_mut().clear_selection();
            self.suggest_view
                .refresh(&self.project, (self.generation, self.history.version()));
            self.after_review(i);
        }
    }

    fn accept_all_above(&mut self) {
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
        let (edit, _) = suggest_core::accept_edit(&self.project, &all, Some(&label));
        if self.apply_edit(edit) {
            self.suggest_view.set_current(None);
            self.info(format!(
                "Accepted {n} suggestion{} at {min:.0}% or more as one step (Ctrl+Z undoes them all).",
                if n == 1 { "" } else { "s" }
            ));
        }
    }

    /// C / S / Q / Ctrl+drag while editing a suggestion: change its spans (not the project).
    fn edit_suggestion_span(&mut self, c: &Command) {
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

    fn close_lists_overlay(&mut self) {
        if self.panes.overlay == Some(Pane::Lists) {
            self.panes.overlay = None;
        }
    }

    fn apply_opt(&mut self, edit: Option<Edit>) -> bool {
        match edit {
            Some(e) => self.apply_edit(e),
            None => false,
        }
    }

    fn make_claim(&mut self, label: &str) {
        let Some(doc) = self.doc.clone() else { return };
        let Some((s, e)) = self.current_selection() else {
            self.info("Select text in the article first, then press C.");
            return;
        };
        let Some(claim) = ops::new_claim(&self.project, &doc, label, &[(s, e)]) else {
            return;
        };
        let id = claim.id.clone();
        let edit = ops::add_claim(&self.project, claim);
        if self.apply_edit(edit) {
            self.selected = Some(id);
            self.reader_mut().clear_selection();
        }
    }

    fn claim_and_selection(&mut self, what: &str) -> Option<(String, usize, usize)> {
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
        if self.project.claim(&claim).map(|c| c.document.as_str()) != self.doc.as_deref() {
            self.info("The selected claim belongs to another document.");
            return None;
        }
        Some((claim, s, e))
    }

    fn set_mention(&mut self) {
        let Some((claim, s, e)) = self.claim_and_selection("the source's mention") else {
            return;
        };
        let Some(doc) = self
            .project
            .claim(&claim)
            .and_then(|c| self.project.document(&c.document))
        else {
            return;
        };
        let mention = crate::text::slice_chars(&doc.text, s, e).to_string();
        let document = doc.id.clone();
        use crate::model::mentions::{self, MentionKind};
        match mentions::classify(&mention) {
            // A pronoun is never a registry source: it stands for the nearest source named
            // before it in this document (flagged for checking), else for nobody yet.
            MentionKind::Pronoun => {
                let others = self.project.claims_of(&document).filter(|c| c.id != claim);
                let ante = mentions::antecedent(others, s).map(<[String]>::to_vec);
                let (ids, tag) = match &ante {
                    Some(ids) => (ids.clone(), Some(mentions::CHECK_TAG)),
                    None => (Vec::new(), None),
                };
                let edit = ops::set_mention_sources(&self.project, &claim, (s, e), &ids, tag);
                if self.apply_opt(edit) {
                    self.reader_mut().clear_selection();
                    self.info(match ante {
                        Some(ids) => format!(
                            "“{}” is a pronoun: attributed to {}, the source named before it (tagged “{}”: check it)",
                            mention.trim(),
                            self.project.source_names(&ids).join(" and "),
                            mentions::CHECK_TAG
                        ),
                        None => format!(
                            "“{}” is a pronoun and no source is named before it: the mention is kept without a registry source",
                            mention.trim()
                        ),
                    });
                }
            }
            // "a source", "officials": the registry's one anonymous source.
            MentionKind::Generic => {
                let (id, add) = match mentions::anonymous_source(&self.project) {
                    Some(a) => (a.id.clone(), None),
                    None => {
                        let src = ops::new_source(
                            &self.project,
                            mentions::ANONYMOUS_NAME,
                            SourceKind::Anonymous,
                        );
                        (src.id.clone(), Some(ops::add_source(&self.project, src)))
                    }
                };
                let set = ops::set_mention_sources(&self.project, &claim, (s, e), &[id], None);
                let edit = match (add, set) {
                    (Some(add), Some(set)) => Some(crate::edit::Edit::Batch {
                        what: "add the anonymous source and set mention".into(),
                        edits: vec![add, set],
                    }),
                    (None, set) => set,
                    (Some(_), None) => None,
                };
                if self.apply_opt(edit) {
                    self.reader_mut().clear_selection();
                    self.info(format!(
                        "“{}” names nobody in particular: attributed to the anonymous source",
                        mention.trim()
                    ));
                }
            }
            MentionKind::Named => match self.project.find_source(&mention).map(|s| s.id.clone()) {
                Some(id) => {
                    let edit = ops::set_mention(&self.project, &claim, s, e, Some(&id));
                    if self.apply_opt(edit) {
                        self.reader_mut().clear_selection();
                    }
                }
                None => {
                    let existing = new_source::preselect(&self.project, &document, &mention);
                    self.modal = Some(Modal::NewSource {
                        claim,
                        document,
                        start: s,
                        end: e,
                        name: mention.trim().to_string(),
                        mention,
                        kind: SourceKind::Unknown,
                        existing,
                        add_alias: true,
                    });
                    self.reader_mut().clear_selection();
                }
            },
        }
    }

    // --- files ---------------------------------------------------------------------------------

    fn save_kind(&self) -> DialogKind {
        DialogKind::Save {
            suggested: format!(
                "{}.{}",
                crate::model::slug(&self.project.name),
                crate::store::PROJECT_EXTENSION
            ),
        }
    }

    /// Why the project cannot be changed, if it cannot.
    fn read_only_reason(&self) -> Option<String> {
        if let Some(f) = self.read_only {
            return Some(format!("format {f}, newer than this Claimtrace"));
        }
        self.locked_by
            .as_ref()
            .map(|h| format!("it is open in {h}"))
    }

    fn read_only_message(&mut self) {
        let text = match (&self.read_only, &self.locked_by) {
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

    fn ask(&mut self, kind: DialogKind, purpose: Purpose, ctx: &egui::Context) {
        if self.pending.is_some() {
            self.info("A file dialog is already open.");
            return;
        }
        self.pending = Some(PendingDialog::start(&self.dialogs, kind, purpose, ctx));
        // A dialog that answered at once is handled this frame.
        self.poll_dialog(ctx);
    }

    /// Run `after` now, or ask about unsaved work first.
    fn guard(&mut self, after: After, ctx: &egui::Context) {
        if self.is_dirty() && !self.is_read_only() {
            self.modal = Some(Modal::Unsaved { after });
        } else {
            self.do_after(after, ctx);
        }
    }

    fn do_after(&mut self, after: After, ctx: &egui::Context) {
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
                    annotator: self.project.annotator.name.clone(),
                })
            }
        }
    }

    fn save_then_none(&mut self, ctx: &egui::Context) {
        if self.is_read_only() {
            self.read_only_message();
            return;
        }
        match self.path.clone() {
            Some(p) => {
                self.save_to(&p);
            }
            None => self.ask(self.save_kind(), Purpose::SaveAs { then: None }, ctx),
        }
    }

    fn save_then(&mut self, after: After, ctx: &egui::Context) {
        match self.path.clone() {
            Some(p) => {
                if self.save_to(&p) {
                    self.do_after(after, ctx);
                }
            }
            None => self.ask(self.save_kind(), Purpose::SaveAs { then: Some(after) }, ctx),
        }
    }

    /// Save to `path` (the project's own file, or a new one for Save As). A file that another
    /// window or command holds is never written, and a recovery file is removed only when it is
    /// this window's own.
    fn save_to(&mut self, path: &Path) -> bool {
        let same = self.path.as_deref() == Some(path);
        // The lock `path` will be saved under: ours already, or taken now.
        let mut taken = None;
        if same {
            if self.is_read_only() {
                self.read_only_message();
                return false;
            }
            let overwrite = std::mem::take(&mut self.overwrite_once);
            if !overwrite && self.disk_stamp.is_some() && stamp_of(path) != self.disk_stamp {
                self.modal = Some(Modal::ChangedOnDisk {
                    path: path.to_path_buf(),
                });
                return false;
            }
            if !self.lock.as_ref().is_some_and(|l| l.still_held()) {
                // Our lock file was removed or replaced behind our back: take it again, or
                // learn who has it now.
                match store::lock::ProjectLock::acquire(path, store::lock::WINDOW) {
                    Ok((lock, store::lock::LockState::Acquired)) => taken = lock,
                    Ok((_, store::lock::LockState::HeldBy(h))) => {
                        self.lock = None;
                        self.locked_by = Some(h);
                        self.read_only_message();
                        return false;
                    }
                    Err(_) => {}
                }
            }
        } else {
            match store::lock::ProjectLock::acquire(path, store::lock::WINDOW) {
                Ok((lock, store::lock::LockState::Acquired)) => taken = lock,
                Ok((_, store::lock::LockState::HeldBy(h))) => {
                    self.modal = Some(Modal::SaveFailed {
                        text: format!(
                            "Not saved: {}. Choose another file name.",
                            h.busy_message(path)
                        ),
                    });
                    return false;
                }
                // A folder we cannot write a lock into: saving reports the real problem.
                Err(_) => {}
            }
        }
        match store::save(&self.project, path) {
            Ok(()) => {
                self.history.mark_saved();
                self.disk_stamp = stamp_of(path);
                self.disk_warned = false;
                // The saved work needs no recovery: neither under the old name (an untitled
                // project's, on Save As) nor under the new one — but only files of our own.
                if self.owns_recovery() {
                    let _ = std::fs::remove_file(self.recovery_file());
                }
                if let Some(lock) = taken {
                    self.lock = Some(lock);
                    self.locked_by = None;
                }
                self.path = Some(path.to_path_buf());
                let _ = std::fs::remove_file(self.recovery_file());
                self.settings.remember(path);
                self.info(format!("Saved {}", path.display()));
                true
            }
            Err(e) => {
                if same && taken.is_some() {
                    self.lock = taken;
                }
                self.modal = Some(Modal::SaveFailed {
                    text: e.to_string(),
                });
                false
            }
        }
    }

    fn dialog_answered(&mut self, purpose: Purpose, paths: Vec<PathBuf>, ctx: &egui::Context) {
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
                    self.corpus_view.file_chosen(&self.project, req, p, ctx);
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
        let Some((edit, report)) = ops::update_document_text(&self.project, doc, &x.text) else {
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

    /// Compare my project with the project at `path`, read-only (never written or locked).
    pub fn compare_with(&mut self, path: &Path) {
        if self.path.as_deref() == Some(path) {
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
        session.refresh(&self.project, (self.generation, self.history.version()));
        let (text, error) = session.opening_note(&self.project);
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
            &self.project,
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

    /// Open a project file; a failure leaves the open project as it is.
    pub fn open_path(&mut self, path: &Path) {
        match store::load(path) {
            Ok((project, report)) => {
                self.replace_project(project, Some(path.to_path_buf()), report.newer_format);
                self.settings.remember(path);
                let mut notes = Vec::new();
                if report.newer_format.is_none() {
                    self.take_lock(path);
                    if let Some(h) = &self.locked_by {
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

    /// The selection becomes the orphan's content; its mention and cue are kept where they
    /// still fit the text and dropped where they do not. One undoable edit.
    fn reattach_orphan(&mut self, id: &str) {
        let Some((s, e)) = self.current_selection() else {
            self.info("Select the claim's text first.");
            return;
        };
        let edit = orphans::reattach(&self.project, id, s, e);
        if self.apply_opt(edit) {
            self.selected = Some(id.to_string());
            self.reader_mut().clear_selection();
        }
    }

    /// Where unsaved work of this project is autosaved: beside the project file, or in the
    /// config folder for a project that has no file yet.
    pub fn recovery_file(&self) -> PathBuf {
        match &self.path {
            Some(p) => store::recovery::recovery_path(p),
            None => self.untitled_recovery.clone(),
        }
    }

    /// Write unsaved work to the recovery file (never over the project) 30 s after the first
    /// unsaved edit, and at once when the window loses focus.
    fn autosave(&mut self, ctx: &egui::Context) {
        if self.is_read_only() || !self.history.is_dirty() {
            self.dirty_since = None;
            return;
        }
        let version = self.history.version();
        if self.autosaved == Some(version) {
            return;
        }
        let now = ctx.input(|i| i.time);
        let since = *self.dirty_since.get_or_insert(now);
        let focus_lost = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(false)))
        });
        if !focus_lost && now - since < AUTOSAVE_SECONDS {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                AUTOSAVE_SECONDS - (now - since) + 0.1,
            ));
            return;
        }
        let file = self.recovery_file();
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if self.path.is_none() && self.recovery_lock.is_none() {
            // Hold the untitled recovery file so no other window offers it while we live.
            if let Ok((lock, _)) = store::lock::ProjectLock::acquire(&file, store::lock::WINDOW) {
                self.recovery_lock = lock;
            }
        }
        match store::recovery::write_recovery(&self.project, &file) {
            Ok(()) => {
                self.autosaved = Some(version);
                self.dirty_since = None;
            }
            Err(e) => {
                // Keep the work in memory; say so once per version, and try again later.
                self.autosaved = Some(version);
                self.info_error(format!("Autosave failed: {e}"));
            }
        }
    }

    /// After opening: if a recovery file newer than the project exists, ask what to do. Only
    /// a window that holds the project's lock is offered its recovery file: a read-only window
    /// never sees (or deletes) the unsaved work of the window that has the project open. An
    /// untitled project is offered the newest untitled recovery file whose window is gone.
    fn offer_recovery(&mut self) {
        let file = match &self.path {
            Some(p) if self.owns_recovery() => store::recovery::pending_recovery(p),
            Some(_) => None,
            None => self.orphaned_untitled_recovery(),
        };
        let Some(file) = file else { return };
        let summary = match store::load(&file) {
            Ok((p, _)) => {
                let when = std::fs::metadata(&file)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| jiff::Timestamp::try_from(t).ok())
                    .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
                    .unwrap_or_else(|| "an earlier session".into());
                format!(
                    "Claimtrace found work on “{}” that was not saved ({}, {}, {}), autosaved {when} in {}. Restore it, or discard it and keep the project as saved?",
                    p.name,
                    plural(p.documents.len(), "document"),
                    plural(p.claims.len(), "claim"),
                    plural(p.sources.len(), "source"),
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
    fn watch_disk(&mut self, ctx: &egui::Context) {
        let (Some(path), Some(stamp)) = (self.path.clone(), self.disk_stamp) else {
            return;
        };
        // An idle window draws no frames: ask for one a second while a file is open (a frame
        // with nothing to do is cheap).
        ctx.request_repaint_after(std::time::Duration::from_secs(1));
        if self.now - self.disk_checked < 1.0 && self.now >= self.disk_checked {
            return;
        }
        self.disk_checked = self.now;
        let now = stamp_of(&path);
        if now == Some(stamp) || now.is_none() || self.modal.is_some() {
            return;
        }
        if !self.is_dirty() && self.read_only.is_none() {
            match store::load(&path) {
                Ok((project, report)) if report.newer_format.is_none() => {
                    let doc = self.doc.clone();
                    let readers = std::mem::take(&mut self.readers);
                    self.replace_project(project, Some(path.clone()), None);
                    // Stay where the reader was.
                    if doc
                        .as_ref()
                        .is_some_and(|d| self.project.document(d).is_some())
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
                // Half-written, or not a project any more: keep what is shown, say so once.
                _ => self.warn_disk(&path),
            }
        } else {
            self.warn_disk(&path);
        }
    }

    fn warn_disk(&mut self, path: &Path) {
        if self.disk_warned {
            return;
        }
        self.disk_warned = true;
        self.info_error(format!(
            "{} changed on disk since this window read it (a git pull, a synced folder or another \
             program). Your work here is kept; Save will ask before replacing the file, and Save \
             As keeps both.",
            path.display()
        ));
    }

    /// Replace the open project with the recovered one; it stays unsaved until saved.
    fn restore_recovery(&mut self, file: &Path) {
        match store::load(file) {
            Ok((project, _)) => {
                let path = self.path.clone();
                if path.is_none() {
                    // The restored work's recovery file is ours from now on.
                    self.untitled_recovery = file.to_path_buf();
                }
                self.replace_project(project, path, None);
                self.history.mark_unsaved();
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

    /// Lock `path` for this window, or note who holds it (then the project is read-only).
    fn take_lock(&mut self, path: &Path) {
        self.release_lock();
        match store::lock::ProjectLock::acquire(path, store::lock::WINDOW) {
            Ok((lock, store::lock::LockState::Acquired)) => self.lock = lock,
            Ok((_, store::lock::LockState::HeldBy(h))) => self.locked_by = Some(h),
            // A folder we cannot write a lock into: saving will report the real problem.
            Err(_) => {}
        }
    }

    /// Let go of the project file's lock (before opening another file or starting a new
    /// project).
    fn release_lock(&mut self) {
        self.lock = None;
        self.locked_by = None;
    }

    /// Is the recovery file [`Self::recovery_file`] this window's to offer, write and delete?
    /// An untitled project's always is; a project file's only while we hold its lock.
    fn owns_recovery(&self) -> bool {
        match &self.path {
            None => true,
            Some(_) => self.lock.is_some() && self.locked_by.is_none() && self.read_only.is_none(),
        }
    }

    /// The newest untitled recovery file (in the config folder) whose window is gone, locked
    /// for this window so no other offers it too.
    fn orphaned_untitled_recovery(&mut self) -> Option<PathBuf> {
        let mut found: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&self.config_dir)
            .ok()?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "ron")
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(UNTITLED_RECOVERY))
                    && *p != self.untitled_recovery
            })
            .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
            .collect();
        found.sort();
        while let Some((_, file)) = found.pop() {
            if let Ok((Some(lock), store::lock::LockState::Acquired)) =
                store::lock::ProjectLock::acquire(&file, store::lock::WINDOW)
            {
                self.recovery_lock = Some(lock);
                return Some(file);
            }
        }
        None
    }

    fn replace_project(&mut self, project: Project, path: Option<PathBuf>, newer: Option<u32>) {
        self.disk_stamp = path.as_deref().and_then(stamp_of);
        self.disk_warned = false;
        self.project = project;
        self.history = History::new();
        self.path = path;
        self.read_only = newer;
        self.generation += 1;
        self.doc = self.project.documents.first().map(|d| d.id.clone());
        self.readers.clear();
        self.selected = None;
        self.current_label = self
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
        self.autosaved = None;
        self.dirty_since = None;
        if let Some(job) = self.import_job.take() {
            job.cancel();
        }
        self.import_report = None;
        self.paste = None;
        self.meta = None;
        self.conflicts = conflicts::ConflictsView::default();
        self.conflicts
            .refresh(&self.project, (self.generation, self.history.version()));
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
        let known = crate::article::known_texts(&self.project);
        self.import_job = Some(ImportJob::start(paths.to_vec(), known, ctx.clone()));
    }

    /// Take a finished import's documents into the project (one edit) and show its summary.
    fn poll_import(&mut self) {
        let Some(job) = self.import_job.as_mut() else {
            return;
        };
        let Some((mut summary, errors)) = job.poll() else {
            return;
        };
        self.import_job = None;
        let docs = ingest::still_new(&self.project, &mut summary);
        let mut added = Vec::new();
        if let Some(edit) = ingest::import_edit(&self.project, &docs)
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

    fn ingest_windows(&mut self, ctx: &egui::Context) {
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
            match ingest::paste_window(ctx, &self.project, d) {
                PasteOutcome::Open => {}
                PasteOutcome::Closed => self.paste = None,
                PasteOutcome::Create(doc) => {
                    self.paste = None;
                    let id = doc.id.clone();
                    let title = doc.title.clone();
                    let edit = ops::add_document(&self.project, *doc);
                    if self.apply_edit(edit) {
                        self.doc = Some(id);
                        self.selected = None;
                        self.info(format!("New document “{title}” from the clipboard."));
                    }
                }
            }
        }
        if let Some(ed) = self.meta.as_mut() {
            let ro = self.read_only.is_some() || self.locked_by.is_some();
            let doc = self.doc.as_deref();
            if !details::window(ctx, &self.project, doc, ed, ro, &mut self.queue) {
                self.meta = None;
            }
        }
    }

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
