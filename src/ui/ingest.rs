//! Bringing articles in through the window: imports on a worker thread with a progress bar and
//! a summary, and a new document from the clipboard.
//!
//! The worker thread only reads files (no project): it gets the hashes of the texts the project
//! already has and sends back documents. The import itself is one undoable edit, applied by the
//! app on the UI thread when the worker is done.

use crate::article::{self, AddSummary, ArticleError};
use crate::edit::Edit;
use crate::model::{Document, Project};
use egui::{Key, RichText};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// What the worker thread says.
enum JobEvent {
    Reading {
        index: usize,
        total: usize,
        name: String,
    },
    Done(AddSummary, Vec<ArticleError>),
}

/// An import running on a worker thread.
pub struct ImportJob {
    rx: mpsc::Receiver<JobEvent>,
    cancel: Arc<AtomicBool>,
    /// Files done so far, of `total` (0 of 0 while folders are being searched).
    pub index: usize,
    pub total: usize,
    /// The file being read.
    pub current: String,
}

impl ImportJob {
    /// Start reading `paths` (folders: every article inside) on a worker thread. `known` are
    /// the texts the project has (see [`article::known_texts`]); `ctx` is asked to repaint as
    /// the work goes on.
    pub fn start(paths: Vec<PathBuf>, known: HashMap<String, String>, ctx: egui::Context) -> Self {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = cancel.clone();
        std::thread::spawn(move || {
            let files = article::collect_files(&paths);
            let (summary, errors) = article::read_new(&known, &files, |index, total, f| {
                let name = f
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let _ = tx.send(JobEvent::Reading { index, total, name });
                ctx.request_repaint();
                !stop.load(Ordering::Relaxed)
            });
            let _ = tx.send(JobEvent::Done(summary, errors));
            ctx.request_repaint();
        });
        ImportJob {
            rx,
            cancel,
            index: 0,
            total: 0,
            current: String::new(),
        }
    }

    /// Take the worker's news; the result once it is done. A worker that died without a
    /// result gives an empty summary with an error line.
    pub fn poll(&mut self) -> Option<(AddSummary, Vec<String>)> {
        loop {
            match self.rx.try_recv() {
                Ok(JobEvent::Reading { index, total, name }) => {
                    self.index = index;
                    self.total = total;
                    self.current = name;
                }
                Ok(JobEvent::Done(summary, errors)) => {
                    return Some((summary, errors.iter().map(|e| e.to_string()).collect()));
                }
                Err(mpsc::TryRecvError::Empty) => return None,
                Err(mpsc::TryRecvError::Disconnected) => {
                    return Some((
                        AddSummary::default(),
                        vec!["The import stopped unexpectedly; nothing was added.".into()],
                    ));
                }
            }
        }
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelling(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// What an import did, for the summary window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// "Title (file)" of each imported document.
    pub imported: Vec<String>,
    /// (file, why) for each file not imported.
    pub skipped: Vec<(String, String)>,
    /// Things the user should check (decoding).
    pub notices: Vec<String>,
    /// Files left unread because the import was cancelled.
    pub cancelled: usize,
}

impl ImportReport {
    /// The report of a finished job; `imported` are the documents actually added.
    pub fn new(summary: &AddSummary, imported: &[Document], errors: Vec<String>) -> Self {
        let mut skipped: Vec<(String, String)> = summary
            .skipped
            .iter()
            .map(|(f, why)| (f.display().to_string(), why.clone()))
            .collect();
        skipped.extend(errors.into_iter().map(|e| (String::new(), e)));
        ImportReport {
            imported: imported
                .iter()
                .map(|d| match &d.origin.file {
                    Some(f) => format!("{} ({f})", d.title),
                    None => d.title.clone(),
                })
                .collect(),
            skipped,
            notices: summary.notices.clone(),
            cancelled: summary.cancelled,
        }
    }

    /// "Imported 3, skipped 1" (and "cancelled: 2 not read").
    pub fn headline(&self) -> String {
        let mut s = format!(
            "Imported {}, skipped {}",
            self.imported.len(),
            self.skipped.len()
        );
        if self.cancelled > 0 {
            s.push_str(&format!(" (cancelled: {} not read)", self.cancelled));
        }
        s
    }
}

/// The progress window of a running import. Returns true when Cancel was clicked.
pub fn progress_window(ctx: &egui::Context, job: &ImportJob) -> bool {
    let mut cancel = false;
    egui::Window::new("Importing articles")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.set_min_width(380.0);
            if job.total == 0 {
                ui.label("Looking for articles…");
            } else {
                ui.label(format!(
                    "File {} of {}: {}",
                    (job.index + 1).min(job.total),
                    job.total,
                    job.current
                ));
            }
            let frac = if job.total == 0 {
                0.0
            } else {
                job.index as f32 / job.total as f32
            };
            ui.add(egui::ProgressBar::new(frac).show_percentage());
            if job.is_cancelling() {
                ui.label(RichText::new("Cancelling…").weak());
            } else if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
    cancel
}

/// The summary window after an import. Returns false once closed.
pub fn summary_window(ctx: &egui::Context, report: &ImportReport) -> bool {
    let mut open = true;
    let mut ok = false;
    egui::Window::new("Import finished")
        .collapsible(false)
        .default_width(520.0)
        .open(&mut open)
        .show(ctx, |ui| {
            ui.heading(report.headline());
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    if !report.imported.is_empty() {
                        ui.label(RichText::new("Imported").strong());
                        for t in &report.imported {
                            ui.label(format!("• {t}"));
                        }
                    }
                    if !report.skipped.is_empty() {
                        ui.add_space(6.0);
                        ui.label(RichText::new("Skipped").strong());
                        for (file, why) in &report.skipped {
                            if file.is_empty() {
                                ui.label(format!("• {why}"));
                            } else {
                                ui.label(format!("• {file}: {why}"));
                            }
                        }
                    }
                    if !report.notices.is_empty() {
                        ui.add_space(6.0);
                        ui.label(RichText::new("Check these").strong());
                        for n in &report.notices {
                            ui.label(format!("• {n}"));
                        }
                    }
                });
            ui.add_space(6.0);
            if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                ok = true;
            }
        });
    open && !ok
}

/// The "New document from clipboard" dialog.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PasteDialog {
    pub text: String,
    pub title: String,
    pub url: String,
    /// The clipboard has been asked for (once).
    pub asked: bool,
    /// Why the last "Create" did not work.
    pub problem: Option<String>,
}

/// What the paste dialog asks for.
pub enum PasteOutcome {
    Open,
    Closed,
    Create(Box<Document>),
}

/// Draw the paste dialog. The text box takes the keyboard focus and the clipboard is pasted
/// into it (egui hands the clipboard over only as a paste event into the focused field, which
/// `ViewportCommand::RequestPaste` asks the integration for); Ctrl+V there works as usual.
pub fn paste_window(ctx: &egui::Context, p: &Project, d: &mut PasteDialog) -> PasteOutcome {
    let mut open = true;
    let mut out = PasteOutcome::Open;
    egui::Window::new("New document from clipboard")
        .collapsible(false)
        .default_width(560.0)
        .open(&mut open)
        .show(ctx, |ui| {
            let l = ui.label("Text (paste with Ctrl+V if it is empty)");
            let r = egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut d.text)
                            .desired_rows(10)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id)
                })
                .inner;
            if !d.asked {
                d.asked = true;
                r.request_focus();
                ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
            }
            egui::Grid::new("paste_meta").num_columns(2).show(ui, |ui| {
                let l = ui.label("Title");
                ui.add(
                    super::words::field(&mut d.title)
                        .hint_text(article::suggested_title(&d.text))
                        .desired_width(400.0),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("URL");
                ui.add(
                    super::words::field(&mut d.url)
                        .hint_text("https://…")
                        .desired_width(400.0),
                )
                .labelled_by(l.id);
                ui.end_row();
            });
            if let Some(problem) = &d.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            ui.horizontal(|ui| {
                let ready = !d.text.trim().is_empty();
                if ui
                    .add_enabled(ready, egui::Button::new("Create document"))
                    .clicked()
                {
                    match article::pasted(&d.text, &d.title, &d.url) {
                        Some(doc) => match p.document_with_hash(&doc.sha256) {
                            Some(other) => {
                                d.problem = Some(format!(
                                    "The project already has this text as “{}”.",
                                    other.title
                                ))
                            }
                            None => out = PasteOutcome::Create(Box::new(doc)),
                        },
                        None => d.problem = Some("There is no text to annotate.".into()),
                    }
                }
                if ui.button("Cancel").clicked() {
                    out = PasteOutcome::Closed;
                }
            });
        });
    if !open {
        out = PasteOutcome::Closed;
    }
    out
}

/// The documents of a finished import that the project still lacks: the project may have
/// changed while the worker read, so the hashes are checked again, and a text it now has joins
/// the summary's skipped files.
pub fn still_new(p: &Project, summary: &mut AddSummary) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut late = Vec::new();
    for d in &summary.documents {
        match p.document_with_hash(&d.sha256) {
            Some(o) => late.push((
                PathBuf::from(d.origin.file.clone().unwrap_or_default()),
                format!("the project already has this text as {:?}", o.title),
            )),
            None => docs.push(d.clone()),
        }
    }
    summary.skipped.extend(late);
    docs
}

/// One undoable edit that adds `docs` after the project's documents; `None` if there are none.
pub fn import_edit(p: &Project, docs: &[Document]) -> Option<Edit> {
    let n = docs.len();
    if n == 0 {
        return None;
    }
    let base = p.documents.len();
    let edits = docs
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, d)| Edit::InsertDocument {
            index: base + i,
            document: Box::new(d),
        })
        .collect();
    let what = if n == 1 {
        "import 1 article".to_string()
    } else {
        format!("import {n} articles")
    };
    Some(Edit::Batch { what, edits })
}
