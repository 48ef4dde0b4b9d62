//! The bars around the reader: the menu bar (every menu entry is a [`Command`] with its label
//! and shortcut from [`command::BINDINGS`]), the status bar, and the notice overlay (a line of
//! information or a problem, drawn over the window so nothing moves).

use super::command::{self, Command, Pane, Queue};
use super::settings::Settings;
use super::words::plural;
use crate::edit::History;
use crate::model::Project;
use egui::{Color32, RichText, Ui};
use std::path::Path;

/// A notice: information or a problem. Shown as an overlay ([`toast`]) and in the status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Banner {
    pub text: String,
    pub error: bool,
}

/// What the menus show as enabled, read from the app each frame.
pub struct MenuState<'a> {
    pub project: &'a Project,
    pub history: &'a History,
    /// The project may be changed (neither a newer format nor open elsewhere).
    pub writable: bool,
    /// Save As is possible: only a newer format forbids it (it works on a copy).
    pub can_save_as: bool,
    /// A document is open.
    pub has_doc: bool,
    /// Text is selected in the reader.
    pub has_selection: bool,
    /// A claim is selected.
    pub has_claim: bool,
    /// Find has matches to step through.
    pub has_matches: bool,
    /// Orphaned claims in the project.
    pub orphans: usize,
    /// Suggestions shown (all documents), a run going on, a suggestion under review.
    pub suggestions: usize,
    pub suggesting: bool,
    pub has_suggestion: bool,
    /// A colleague's project is being compared with.
    pub comparing: bool,
    /// Conflicts a merge left in the project, still open.
    pub conflicts: usize,
    /// The Review panel has something to show (a comparison or the conflicts).
    pub reviewing: bool,
    /// The window is too narrow for the side panels: they are shown one at a time over the
    /// reader, from toggles at the right of the menu bar. Which one is up, if any.
    pub narrow: Option<Option<Pane>>,
}

/// One menu entry: the command's label (or `label`) and its shortcut.
fn item(ui: &mut Ui, queue: &mut Queue, cmd: Command, label: Option<String>, enabled: bool) {
    let b = command::binding(&cmd);
    let text = label.unwrap_or_else(|| b.map(|b| b.label.to_string()).unwrap_or_default());
    let shortcut = command::shortcut_text(ui.ctx(), &cmd);
    if ui
        .add_enabled(enabled, egui::Button::new(text).shortcut_text(shortcut))
        .clicked()
    {
        queue.push(cmd);
        ui.close();
    }
}

/// The menu bar. The View menu's panel checkboxes change `settings` directly.
pub fn menu_bar(ui: &mut Ui, s: &MenuState<'_>, settings: &mut Settings, queue: &mut Queue) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(ui, queue, Command::NewProject, None, true);
                item(ui, queue, Command::ImportArticle, None, true);
                item(ui, queue, Command::Export, None, true);
                item(ui, queue, Command::NewFromClipboard, None, s.writable);
                item(ui, queue, Command::DocumentDetails, None, s.has_doc);
                let has_doc = s.has_doc && s.writable;
                item(ui, queue, Command::UpdateDocument, None, has_doc);
                ui.separator();
                item(ui, queue, Command::Open, None, true);
                ui.menu_button("Open Recent", |ui| {
                    if settings.recent.is_empty() {
                        ui.label("No recent projects");
                    }
                    for p in settings.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            queue.push(Command::OpenRecent(p));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                item(ui, queue, Command::Save, None, s.writable);
                item(ui, queue, Command::SaveAs, None, s.can_save_as);
                ui.separator();
                item(ui, queue, Command::Quit, None, true);
            });
            ui.menu_button("Edit", |ui| {
                let undo = s.history.undo_label().map(|w| format!("Undo {w}"));
                let redo = s.history.redo_label().map(|w| format!("Redo {w}"));
                let (cu, cr) = (undo.is_some(), redo.is_some());
                let undo = Some(undo.unwrap_or_else(|| "Undo".into()));
                item(ui, queue, Command::Undo, undo, cu);
                let redo = Some(redo.unwrap_or_else(|| "Redo".into()));
                item(ui, queue, Command::Redo, redo, cr);
                ui.separator();
                item(ui, queue, Command::Find, None, true);
                item(ui, queue, Command::FindNext, None, s.has_matches);
                item(ui, queue, Command::FindPrev, None, s.has_matches);
            });
            ui.menu_button("Annotate", |ui| {
                let (has_sel, has_claim) = (s.has_selection, s.has_claim);
                item(ui, queue, Command::MakeClaim, None, has_sel);
                item(ui, queue, Command::SetMention, None, has_sel && has_claim);
                item(ui, queue, Command::SetCue, None, has_sel && has_claim);
                item(ui, queue, Command::DeleteClaim, None, has_claim);
                item(ui, queue, Command::Deselect, None, true);
                ui.separator();
                let can_run = s.has_doc && !s.suggesting;
                item(ui, queue, Command::SuggestDocument, None, can_run);
                item(ui, queue, Command::SuggestAll, None, can_run);
                let (any, cur, w) = (s.suggestions > 0, s.has_suggestion, s.writable);
                item(ui, queue, Command::NextSuggestion, None, any);
                item(ui, queue, Command::PrevSuggestion, None, any);
                item(ui, queue, Command::AcceptSuggestion, None, cur && w);
                item(ui, queue, Command::EditSuggestion, None, cur && w);
                item(ui, queue, Command::RejectSuggestion, None, cur && w);
                item(ui, queue, Command::AcceptAllAbove, None, any && w);
                ui.separator();
                for l in &s.project.labels {
                    let text = match l.shortcut {
                        Some(c) => format!("Claim as {} ({})", l.name, c.to_uppercase()),
                        None => format!("Claim as {}", l.name),
                    };
                    if ui.add_enabled(has_sel, egui::Button::new(text)).clicked() {
                        queue.push(Command::MakeClaimWithLabel(l.id.clone()));
                        ui.close();
                    }
                }
                ui.separator();
                item(ui, queue, Command::ShowLabels, None, true);
                item(ui, queue, Command::ShowTidy, None, true);
                let orphans = Some(format!("Orphans ({})…", s.orphans));
                item(ui, queue, Command::ShowOrphans, orphans, true);
            });
            ui.menu_button("View", |ui| {
                item(ui, queue, Command::FontBigger, None, true);
                item(ui, queue, Command::FontSmaller, None, true);
                let theme = if settings.dark {
                    "Light theme"
                } else {
                    "Dark theme"
                };
                item(ui, queue, Command::ToggleTheme, Some(theme.into()), true);
                ui.separator();
                item(ui, queue, Command::ShowCorpus, None, true);
                ui.separator();
                ui.checkbox(&mut settings.show_left, "Lists panel");
                ui.checkbox(&mut settings.show_inspector, "Inspector");
            });
            ui.menu_button("Review", |ui| {
                item(ui, queue, Command::Compare, None, true);
                item(ui, queue, Command::StopCompare, None, s.comparing);
                ui.separator();
                item(ui, queue, Command::ShowDisagreements, None, s.comparing);
                item(ui, queue, Command::ShowAgreement, None, s.comparing);
                item(ui, queue, Command::ExportDisagreements, None, s.comparing);
                ui.separator();
                let conflicts = Some(format!("Merge conflicts ({})", s.conflicts));
                item(
                    ui,
                    queue,
                    Command::ShowConflicts,
                    conflicts,
                    s.conflicts > 0,
                );
            });
            ui.menu_button("Help", |ui| {
                item(ui, queue, Command::ShowShortcuts, None, true);
            });
            if let Some(up) = s.narrow {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let mut toggle = |ui: &mut Ui, pane: Pane, text: &str, hover: &str| {
                        if ui
                            .selectable_label(up == Some(pane), text)
                            .on_hover_text(hover)
                            .clicked()
                        {
                            queue.push(Command::TogglePane(pane));
                        }
                    };
                    let why = "The window is narrow: the panels are shown over the text";
                    toggle(ui, Pane::Inspector, "Inspector", why);
                    if s.reviewing {
                        toggle(ui, Pane::Review, "Review", why);
                    }
                    toggle(ui, Pane::Lists, "Lists", why);
                });
            }
        });
    });
}

/// What the status bar shows, read from the app each frame.
pub struct StatusState<'a> {
    pub project: &'a Project,
    /// Where the project is saved, if it has a file.
    pub path: Option<&'a Path>,
    pub read_only: bool,
    pub dirty: bool,
    /// Orphaned claims in the project.
    pub orphans: usize,
    /// A file dialog is open.
    pub waiting: bool,
    /// The last notice (also shown for a while as an overlay).
    pub notice: Option<&'a Banner>,
}

/// The status bar: saved state, orphans (a link to their window), file, annotator, counts.
pub fn status_bar(ui: &mut Ui, s: &StatusState<'_>, queue: &mut Queue) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let p = s.project;
            let where_ = s.path.map(|p| p.display().to_string());
            let state = match (s.read_only, s.dirty, &where_) {
                (true, _, _) => "Read-only".to_string(),
                (false, true, _) => "Unsaved changes".to_string(),
                (false, false, Some(_)) => "Saved".to_string(),
                (false, false, None) => "Not saved to a file yet".to_string(),
            };
            let color = if s.dirty {
                Color32::from_rgb(200, 120, 0)
            } else {
                ui.visuals().weak_text_color()
            };
            ui.label(RichText::new(state).color(color));
            let orphans = s.orphans;
            if orphans > 0
                && ui
                    .link(
                        RichText::new(plural(orphans, "orphaned claim"))
                            .color(Color32::from_rgb(200, 60, 60)),
                    )
                    .on_hover_text(
                        "Claims whose text could not be found again: re-attach or delete them",
                    )
                    .clicked()
            {
                queue.push(Command::ShowOrphans);
            }
            if let Some(w) = where_ {
                ui.label(RichText::new(w).weak());
            }
            ui.separator();
            ui.label(format!("Annotator: {}", p.annotator.name));
            ui.separator();
            let attributed = p.claims.iter().filter(|c| !c.sources().is_empty()).count();
            ui.label(format!(
                "{} · {} · {} attributed · {}",
                plural(p.documents.len(), "document"),
                plural(p.claims.len(), "claim"),
                attributed,
                plural(p.sources.len(), "source"),
            ));
            if s.waiting {
                ui.separator();
                ui.spinner();
                ui.label("Waiting for the file dialog…");
            }
            if let Some(b) = s.notice {
                ui.separator();
                let text = RichText::new(&b.text).small();
                let text = if b.error {
                    text.color(ui.visuals().error_fg_color)
                } else {
                    text.weak()
                };
                ui.add(egui::Label::new(text).truncate())
                    .on_hover_text(&b.text);
            }
        });
    });
}

/// How long an informational notice stays on screen (then it fades out over [`FADE_SECONDS`]).
pub const NOTICE_SECONDS: f64 = 4.0;
const FADE_SECONDS: f64 = 0.6;

/// What the notice overlay shows now: the last [`Banner`], whether it is still up, and when it
/// was first drawn (egui time).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Toast {
    pub open: bool,
    since: Option<f64>,
}

impl Toast {
    /// Show a new notice from the next frame on.
    pub fn restart(&mut self) {
        self.open = true;
        self.since = None;
    }
}

/// The last notice as an overlay at the bottom centre, just above the status bar: drawn in the
/// foreground so nothing moves when it appears or goes. Information fades after
/// [`NOTICE_SECONDS`] and lets clicks through; a problem stays until Dismiss. The status bar
/// keeps the text after the overlay has gone.
pub fn toast(ctx: &egui::Context, banner: Option<&Banner>, toast: &mut Toast) {
    let Some(b) = banner.filter(|_| toast.open) else {
        return;
    };
    let now = ctx.input(|i| i.time);
    let since = *toast.since.get_or_insert(now);
    let mut opacity = 1.0;
    if !b.error {
        let left = NOTICE_SECONDS + FADE_SECONDS - (now - since);
        if left <= 0.0 {
            toast.open = false;
            return;
        }
        if left < FADE_SECONDS {
            opacity = (left / FADE_SECONDS) as f32;
            ctx.request_repaint();
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(left - FADE_SECONDS));
        }
    }
    let width = (ctx.content_rect().width() - 40.0).clamp(200.0, 640.0);
    egui::Area::new(egui::Id::unique("notice_toast"))
        .order(egui::Order::Foreground)
        .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -40.0))
        .interactable(b.error)
        .show(ctx, |ui| {
            ui.multiply_opacity(opacity);
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(width);
                ui.horizontal(|ui| {
                    let color = if b.error {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().text_color()
                    };
                    if b.error && ui.small_button("Dismiss").clicked() {
                        toast.open = false;
                    }
                    ui.add(egui::Label::new(RichText::new(&b.text).color(color)).wrap());
                });
            });
        });
}
