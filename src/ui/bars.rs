//! The bars around the reader: the menu bar (every menu entry is a [`Command`] with its label
//! and shortcut from [`command::BINDINGS`]), the status bar, and the banner (a line of
//! information or a problem).

use super::command::{self, Command, Queue};
use super::settings::Settings;
use super::words::plural;
use crate::edit::History;
use crate::model::Project;
use egui::{Color32, RichText, Ui};
use std::path::Path;

/// A line above the reader: information or a problem.
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
    /// A colleague's project is being compared with.
    pub comparing: bool,
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
            });
            ui.menu_button("Help", |ui| {
                item(ui, queue, Command::ShowShortcuts, None, true);
            });
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
        });
    });
}

/// The banner, with its Dismiss button (which clears `banner`).
pub fn banner_bar(ui: &mut Ui, banner: &mut Option<Banner>) {
    let Some(b) = banner.clone() else { return };
    egui::Panel::top("banner").show(ui, |ui| {
        ui.horizontal(|ui| {
            let color = if b.error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().text_color()
            };
            if ui.small_button("Dismiss").clicked() {
                *banner = None;
            }
            ui.label(RichText::new(&b.text).color(color));
        });
    });
}
