//! File → Export…: format, output path, the four filters of `claimtrace export` as
//! multi-selects, a live count, and the result. "Export selected…" in the claims list opens the
//! same window on exactly the claims the list shows (the current document, after the list's
//! filters).

use super::dialogs::DialogKind;
use crate::formats::{self, ExportFormat, Filter, Selection};
use crate::model::{Project, Status};
use egui::{Color32, RichText, Ui};
use std::path::{Path, PathBuf};

/// The export window's state.
#[derive(Debug, Clone)]
pub struct ExportView {
    pub open: bool,
    pub format: ExportFormat,
    /// Where to write (a file, or a folder for brat).
    pub path: String,
    /// The chosen filters, as ids.
    pub filter: Filter,
    /// Export exactly these claims (from the claims list) instead of the filters.
    pub only: Option<Vec<String>>,
    /// The last export's outcome: Ok(message) or Err(message).
    pub result: Option<Result<String, String>>,
    /// The live count and what it was counted for (project version, filter, claims), so it is
    /// counted again only when one of them changes, not on every frame.
    count: Option<(CountKey, String)>,
}

type CountKey = ((u64, (u64, usize)), Filter, Option<Vec<String>>);

impl Default for ExportView {
    fn default() -> Self {
        ExportView {
            open: false,
            format: ExportFormat::Csv,
            path: String::new(),
            filter: Filter::default(),
            only: None,
            result: None,
            count: None,
        }
    }
}

/// What the user asked the window for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportAction {
    None,
    /// Choose the output path with a file dialog.
    Choose,
    Export,
}

impl ExportView {
    /// Open the window for the whole project (filters), or for these claims only.
    pub fn open_for(
        &mut self,
        p: &Project,
        project_path: Option<&Path>,
        only: Option<Vec<String>>,
    ) {
        self.open = true;
        self.only = only;
        self.result = None;
        // Forget filter entries that no longer exist.
        self.filter.labels.retain(|l| p.label(l).is_some());
        self.filter.sources.retain(|s| p.source(s).is_some());
        self.filter.documents.retain(|d| p.document(d).is_some());
        if self.path.trim().is_empty() {
            self.path = default_path(p, project_path, self.format)
                .display()
                .to_string();
        }
    }

    /// "N claims in M documents", counted again only when the project or the choice changed.
    pub fn summary(&mut self, p: &Project, version: (u64, (u64, usize))) -> &str {
        let key = (version, self.filter.clone(), self.only.clone());
        if self.count.as_ref().map(|(k, _)| k) != Some(&key) {
            let summary = self.selection(p).summary();
            self.count = Some((key, summary));
        }
        self.count.as_ref().map_or("", |(_, s)| s.as_str())
    }

    /// The claims and documents the export would write now.
    pub fn selection<'a>(&self, p: &'a Project) -> Selection<'a> {
        match &self.only {
            Some(ids) => Selection::of_claims(p, ids),
            None => self.filter.select(p),
        }
    }

    /// Write the export; the outcome is kept for the window to show.
    pub fn export(&mut self, p: &Project) {
        let path = PathBuf::from(self.path.trim());
        if self.path.trim().is_empty() {
            self.result = Some(Err("Give a path to export to.".into()));
            return;
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            self.result = Some(Err(format!(
                "The folder {} does not exist; create it first or choose another path.",
                dir.display()
            )));
            return;
        }
        let sel = self.selection(p);
        self.result = Some(match formats::export(&sel, self.format, &path) {
            Ok(r) => Ok(format!(
                "Exported {} to {} ({}).",
                sel.summary(),
                path.display(),
                if r.files == 1 {
                    "1 file".to_string()
                } else {
                    format!("{} files", r.files)
                }
            )),
            Err(e) => Err(e.to_string()),
        });
    }

    /// Take a chosen path (from the dialog).
    pub fn set_path(&mut self, path: &Path) {
        let mut p = path.to_path_buf();
        if !self.format.is_folder() && p.extension().is_none() {
            p.set_extension(self.format.extension());
        }
        self.path = p.display().to_string();
        self.result = None;
    }
}

/// `<project folder>/<project name>.<ext>` (brat: a folder `<name>-brat`); for a project not
/// saved yet, in the home folder.
pub fn default_path(p: &Project, project_path: Option<&Path>, format: ExportFormat) -> PathBuf {
    let dir = project_path
        .and_then(|p| p.parent())
        .filter(|d| !d.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let stem = crate::model::slug(&p.name);
    let name = if format.is_folder() {
        format!("{stem}-brat")
    } else {
        format!("{stem}.{}", format.extension())
    };
    dir.join(name)
}

/// Swap the file ending of `path` for the format's (a folder for brat has none).
fn with_format_ending(path: &str, format: ExportFormat) -> String {
    if path.trim().is_empty() {
        return path.to_string();
    }
    let mut p = PathBuf::from(path.trim());
    let known = p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ExportFormat::ALL
            .iter()
            .any(|f| f.extension().eq_ignore_ascii_case(e))
    });
    if format.is_folder() {
        if known {
            p.set_extension("");
        }
    } else if known || p.extension().is_none() {
        p.set_extension(format.extension());
    }
    p.display().to_string()
}

/// More entries than this and a checklist gets a search field and "all / none of the matches".
pub const CHECKLIST_SEARCH_FROM: usize = 12;

/// The entries of `items` whose text holds `needle` (case-insensitive; empty: all).
pub fn matching<'a>(items: &'a [(String, String)], needle: &str) -> Vec<&'a (String, String)> {
    let needle = needle.trim().to_lowercase();
    items
        .iter()
        .filter(|(_, text)| needle.is_empty() || text.to_lowercase().contains(&needle))
        .collect()
}

/// A list of checkboxes for one filter; returns whether anything changed. A long list (a corpus
/// of hundreds of sources) gets a search field, its count of chosen entries and buttons that tick
/// or clear every entry matching the search; only the rows in view are drawn.
pub(super) fn checklist(
    ui: &mut Ui,
    id: &str,
    items: &[(String, String)],
    chosen: &mut Vec<String>,
) -> bool {
    let mut changed = false;
    let search_id = egui::Id::unique((id, "search"));
    let mut needle: String = ui.data_mut(|d| d.get_temp(search_id).unwrap_or_default());
    let long = items.len() > CHECKLIST_SEARCH_FROM;
    if long {
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut needle)
                    .hint_text(format!("Search {}", items.len()))
                    .desired_width(ui.available_width().clamp(60.0, 200.0)),
            )
            .accessible_name("Search the list")
            .on_hover_text("Show only the entries containing this text");
        });
        ui.data_mut(|d| d.insert_temp(search_id, needle.clone()));
    }
    let shown = matching(items, &needle);
    if long {
        ui.horizontal_wrapped(|ui| {
            let what = if needle.trim().is_empty() {
                "all"
            } else {
                "matches"
            };
            if ui
                .small_button(format!("Tick {what}"))
                .on_hover_text(format!("Tick the {} entries shown", shown.len()))
                .clicked()
            {
                for (key, _) in &shown {
                    if !chosen.contains(key) {
                        chosen.push(key.clone());
                        changed = true;
                    }
                }
            }
            if ui
                .small_button(format!("Clear {what}"))
                .on_hover_text(format!("Clear the {} entries shown", shown.len()))
                .clicked()
            {
                let before = chosen.len();
                chosen.retain(|k| !shown.iter().any(|(key, _)| key == k));
                changed |= chosen.len() != before;
            }
            ui.label(RichText::new(format!("{} ticked", chosen.len())).weak());
        });
    }
    let row = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(if long { 160.0 } else { 110.0 })
        .show_rows(ui, row, shown.len().max(1), |ui, range| {
            if items.is_empty() {
                ui.label(RichText::new("none in the project").weak());
            } else if shown.is_empty() {
                ui.label(RichText::new("nothing matches").weak());
            }
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for (key, text) in shown.iter().skip(range.start).take(range.len()) {
                let mut on = chosen.contains(key);
                if ui
                    .checkbox(&mut on, text.as_str())
                    .on_hover_text(text.as_str())
                    .changed()
                {
                    changed = true;
                    if on {
                        chosen.push(key.clone());
                    } else {
                        chosen.retain(|k| k != key);
                    }
                }
            }
        });
    changed
}

/// Draw the window; returns what the user asked for.
/// `version` identifies the project's state (generation, history version) for the live count.
pub fn window(
    ctx: &egui::Context,
    p: &Project,
    version: (u64, (u64, usize)),
    view: &mut ExportView,
) -> ExportAction {
    let mut action = ExportAction::None;
    let mut open = view.open;
    egui::Window::new("Export")
        .open(&mut open)
        .default_width(560.0)
        .show(ctx, |ui| {
            egui::Grid::new("export_grid")
                .num_columns(2)
                .show(ui, |ui| {
                    let l = ui.label("Format");
                    let before = view.format;
                    egui::ComboBox::from_id_salt("Export format")
                        .selected_text(view.format.describe())
                        .width(320.0)
                        .show_ui(ui, |ui| {
                            for f in ExportFormat::ALL {
                                ui.selectable_value(&mut view.format, f, f.describe());
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    if view.format != before {
                        view.path = with_format_ending(&view.path, view.format);
                        view.result = None;
                    }
                    ui.end_row();
                    let what = if view.format.is_folder() {
                        "Output folder"
                    } else {
                        "Output file"
                    };
                    let l = ui.label(what);
                    ui.horizontal(|ui| {
                        ui.add(super::words::field(&mut view.path).desired_width(360.0))
                            .labelled_by(l.id);
                        if ui.button("Choose…").clicked() {
                            action = ExportAction::Choose;
                        }
                    });
                    ui.end_row();
                });
            ui.separator();
            match &view.only {
                Some(ids) => {
                    ui.label(format!(
                        "Exporting the {} selected in the claims list (this document, \
                         after the list's filters).",
                        super::words::plural(ids.len(), "claim")
                    ));
                    if ui.button("Use filters instead").clicked() {
                        view.only = None;
                        view.result = None;
                    }
                }
                None => {
                    ui.label(
                        "Filters: any of the ticked values within a filter, all filters \
                         together. Nothing ticked: everything.",
                    );
                    let labels: Vec<(String, String)> = p
                        .labels
                        .iter()
                        .map(|l| (l.id.clone(), l.name.clone()))
                        .collect();
                    let sources: Vec<(String, String)> = p
                        .sources
                        .iter()
                        .map(|s| (s.id.clone(), s.name.clone()))
                        .collect();
                    let statuses: Vec<(String, String)> = Status::ALL
                        .iter()
                        .map(|s| (s.as_str().to_string(), s.as_str().to_string()))
                        .collect();
                    let documents: Vec<(String, String)> = p
                        .documents
                        .iter()
                        .map(|d| (d.id.clone(), d.title.clone()))
                        .collect();
                    let mut changed = false;
                    ui.columns(2, |cols| {
                        cols[0].strong("Labels");
                        changed |= checklist(
                            &mut cols[0],
                            "export_labels",
                            &labels,
                            &mut view.filter.labels,
                        );
                        cols[1].strong("Statuses");
                        let mut chosen: Vec<String> = view
                            .filter
                            .statuses
                            .iter()
                            .map(|s| s.as_str().to_string())
                            .collect();
                        if checklist(&mut cols[1], "export_statuses", &statuses, &mut chosen) {
                            changed = true;
                            view.filter.statuses =
                                chosen.iter().filter_map(|s| Status::parse(s)).collect();
                        }
                    });
                    ui.columns(2, |cols| {
                        cols[0].strong("Sources");
                        changed |= checklist(
                            &mut cols[0],
                            "export_sources",
                            &sources,
                            &mut view.filter.sources,
                        );
                        cols[1].strong("Documents");
                        changed |= checklist(
                            &mut cols[1],
                            "export_documents",
                            &documents,
                            &mut view.filter.documents,
                        );
                    });
                    if changed {
                        view.result = None;
                    }
                }
            }
            ui.separator();
            let summary = view.summary(p, version);
            ui.label(RichText::new(format!("{summary} will be exported")).strong());
            ui.horizontal(|ui| {
                let ready = !view.path.trim().is_empty();
                if ui.add_enabled(ready, egui::Button::new("Export")).clicked() {
                    action = ExportAction::Export;
                }
            });
            match &view.result {
                Some(Ok(msg)) => {
                    ui.label(RichText::new(msg).color(Color32::from_rgb(40, 140, 60)));
                }
                Some(Err(msg)) => {
                    ui.label(RichText::new(msg).color(Color32::from_rgb(200, 40, 40)));
                }
                None => {}
            }
        });
    view.open = open;
    action
}

/// Draw the export window and do what it asks: export now, or return the file dialog to open
/// for choosing where to write.
pub fn show(
    ctx: &egui::Context,
    p: &Project,
    version: (u64, (u64, usize)),
    view: &mut ExportView,
) -> Option<DialogKind> {
    match window(ctx, p, version, view) {
        ExportAction::None => None,
        ExportAction::Export => {
            view.export(p);
            None
        }
        ExportAction::Choose => {
            let suggested = Path::new(view.path.trim())
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let folder = view.format.is_folder();
            Some(DialogKind::Export { suggested, folder })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_follow_the_format() {
        assert_eq!(
            with_format_ending("/a/b.csv", ExportFormat::Html),
            "/a/b.html"
        );
        assert_eq!(with_format_ending("/a/b.html", ExportFormat::Brat), "/a/b");
        assert_eq!(with_format_ending("/a/b", ExportFormat::W3c), "/a/b.jsonld");
        assert_eq!(
            with_format_ending("/a/b.tar", ExportFormat::Csv),
            "/a/b.tar"
        );
    }
}
