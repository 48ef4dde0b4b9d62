//! View → Corpus: the corpus figures (`crate::corpus`) in a window — the sources table (search,
//! sortable by clicking a heading), labels and outlets — where a click on a row lists the claims
//! behind it, and a click on one of those opens it in the reader. The figures are recomputed when
//! the project changes (its version), never per frame.

use super::command::{Command, Queue};
use crate::corpus::{Corpus, Figure, Options};
use crate::model::Project;
use egui::RichText;

/// The window's state.
#[derive(Default)]
pub struct CorpusView {
    pub open: bool,
    /// The project version the figures were computed for.
    version: Option<(u64, (u64, usize))>,
    figures: Corpus,
    pub search: String,
    sort: Sort,
    /// The row whose claims are listed: its title and the claim ids.
    pub opened: Option<(String, Vec<String>)>,
    /// Only claims with this label id (None: every label).
    pub label: Option<String>,
    /// The label filter the figures were computed with.
    computed_label: Option<String>,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Sort {
    #[default]
    Claims,
    Name,
    Documents,
}

impl CorpusView {
    /// The figures shown, recomputed only when the project's `version` or the filter differs
    /// from the last computation.
    pub fn refresh(&mut self, p: &Project, version: (u64, (u64, usize))) -> &Corpus {
        if self.version != Some(version) || self.computed_label != self.label {
            let mut opts = Options::default();
            // A label the project no longer has filters nothing out rather than everything.
            if let Some(l) = self.label.as_ref().filter(|l| p.label(l).is_some()) {
                opts.filter.labels.push(l.clone());
            }
            self.figures = Corpus::compute(p, &opts);
            self.version = Some(version);
            self.computed_label = self.label.clone();
        }
        &self.figures
    }

    fn open_claims(&mut self, p: &Project, title: String, f: &Figure) {
        let ids = f.ids(p).into_iter().map(String::from).collect();
        self.opened = Some((title, ids));
    }
}

/// Draw the corpus window while `view.open`.
pub fn show(
    ctx: &egui::Context,
    p: &Project,
    version: (u64, (u64, usize)),
    view: &mut CorpusView,
    queue: &mut Queue,
) {
    let mut open = view.open;
    egui::Window::new("Corpus")
        .open(&mut open)
        .default_width(640.0)
        .show(ctx, |ui| body(ui, p, version, view, queue));
    view.open = open;
}

fn body(
    ui: &mut egui::Ui,
    p: &Project,
    version: (u64, (u64, usize)),
    view: &mut CorpusView,
    queue: &mut Queue,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Label:");
        let shown = view
            .label
            .as_deref()
            .and_then(|l| p.label(l))
            .map_or("All labels", |l| l.name.as_str());
        egui::ComboBox::from_id_salt("corpus label filter")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.label, None, "All labels");
                for l in &p.labels {
                    ui.selectable_value(&mut view.label, Some(l.id.clone()), &l.name);
                }
            })
            .response
            .labelled_by(label.id);
    });
    let c = view.refresh(p, version).clone();
    ui.label(format!(
        "{} claims in {} documents; {} claim-source pairs (a joint claim counts for each source).",
        c.claims.count(),
        c.documents,
        c.pairs
    ));
    ui.horizontal(|ui| {
        let label = ui.label("Search sources:");
        ui.add(egui::TextEdit::singleline(&mut view.search).desired_width(200.0))
            .labelled_by(label.id);
    });
    ui.separator();
    ui.horizontal(|ui| {
        ui.heading("Sources");
        if ui.button("Copy sources as CSV").clicked() {
            ui.ctx().copy_text(c.sources_csv());
        }
    });
    let needle = view.search.trim().to_lowercase();
    let mut rows: Vec<&crate::corpus::SourceRow> = c
        .sources
        .iter()
        .filter(|s| needle.is_empty() || s.key.name.to_lowercase().contains(&needle))
        .collect();
    match view.sort {
        Sort::Claims => {}
        Sort::Name => rows.sort_by_key(|r| r.key.name.to_lowercase()),
        Sort::Documents => rows.sort_by_key(|r| std::cmp::Reverse(r.documents)),
    }
    let mut clicked: Option<(String, Figure)> = None;
    egui::ScrollArea::vertical()
        .id_salt("corpus sources")
        .max_height(220.0)
        .show(ui, |ui| {
            egui::Grid::new("corpus sources grid")
                .striped(true)
                .show(ui, |ui| {
                    for (label, sort) in [("Source", Some(Sort::Name)), ("Kind", None)] {
                        heading(ui, label, sort, &mut view.sort);
                    }
                    heading(ui, "Claims", Some(Sort::Claims), &mut view.sort);
                    ui.label(RichText::new("Share").strong());
                    heading(ui, "Documents", Some(Sort::Documents), &mut view.sort);
                    ui.label(RichText::new("Outlets").strong());
                    ui.label(RichText::new("First").strong());
                    ui.label(RichText::new("Last").strong());
                    ui.end_row();
                    for s in rows {
                        if ui.link(&s.key.name).clicked() {
                            clicked = Some((s.key.name.clone(), s.figure.clone()));
                        }
                        ui.label(s.kind.unwrap_or("–"));
                        ui.label(s.figure.count().to_string());
                        ui.label(format!("{:.1}%", c.share(s)));
                        ui.label(s.documents.to_string());
                        ui.label(s.outlets.to_string());
                        ui.label(s.first.map(|d| d.to_string()).unwrap_or_default());
                        ui.label(s.last.map(|d| d.to_string()).unwrap_or_default());
                        ui.end_row();
                    }
                });
        });
    ui.separator();
    ui.columns(2, |cols| {
        for (ui, (title, rows)) in cols
            .iter_mut()
            .zip([("Labels", &c.labels), ("Outlets", &c.outlets)])
        {
            ui.heading(title);
            egui::Grid::new(title).striped(true).show(ui, |ui| {
                for r in rows {
                    if ui.link(&r.key.name).clicked() {
                        clicked = Some((r.key.name.clone(), r.figure.clone()));
                    }
                    ui.label(r.figure.count().to_string());
                    ui.end_row();
                }
            });
        }
    });
    ui.separator();
    for (title, corner, t) in [
        ("Source × outlet", "source", &c.source_outlet),
        ("Source kind × outlet", "kind", &c.kind_outlet),
        ("Label × source", "label", &c.label_source),
    ] {
        egui::CollapsingHeader::new(title).show(ui, |ui| {
            if ui.button(format!("Copy {title} as CSV")).clicked() {
                ui.ctx()
                    .copy_text(crate::corpus::csv_text(&t.to_csv(corner)));
            }
            if let Some(hit) = cross_table(ui, title, corner, t) {
                clicked = Some(hit);
            }
        });
    }
    if let Some((title, f)) = clicked {
        view.open_claims(p, title, &f);
    }
    if let Some((title, ids)) = &view.opened {
        ui.separator();
        ui.heading(format!("Claims of {title} ({})", ids.len()));
        egui::ScrollArea::vertical()
            .id_salt("corpus claims")
            .max_height(200.0)
            .show(ui, |ui| {
                for id in ids {
                    let Some(claim) = p.claim(id) else { continue };
                    let doc = p
                        .document(&claim.document)
                        .map_or("?", |d| d.title.as_str());
                    let quote: String = claim.quote().chars().take(80).collect();
                    if ui.link(format!("“{quote}” — {doc}")).clicked() {
                        queue.push(Command::SelectClaim(id.clone()));
                    }
                }
            });
    }
}

/// A column heading that sorts by it when clicked.
fn heading(ui: &mut egui::Ui, label: &str, sort: Option<Sort>, current: &mut Sort) {
    match sort {
        Some(s) => {
            let text = if *current == s {
                format!("{label} ▾")
            } else {
                label.to_string()
            };
            if ui.button(RichText::new(text).strong()).clicked() {
                *current = s;
            }
        }
        None => {
            ui.label(RichText::new(label).strong());
        }
    }
}

/// A cross-table as a grid: each cell's count and row percentage on a background whose strength
/// follows the count (a heatmap), the margins at the row and column ends. Returns the clicked
/// cell or margin: its title and its claims.
fn cross_table(
    ui: &mut egui::Ui,
    id: &str,
    corner: &str,
    t: &crate::corpus::CrossTable,
) -> Option<(String, Figure)> {
    let mut hit = None;
    let max = t.max_cell().max(1) as f32;
    let accent = ui.visuals().selection.bg_fill;
    egui::ScrollArea::both()
        .id_salt(id)
        .max_height(260.0)
        .show(ui, |ui| {
            egui::Grid::new(id).show(ui, |ui| {
                ui.label(RichText::new(corner).strong());
                for k in &t.cols {
                    ui.label(RichText::new(&k.name).strong());
                }
                ui.label(RichText::new("all").strong());
                ui.end_row();
                for (r, rk) in t.rows.iter().enumerate() {
                    ui.label(&rk.name);
                    for (c, ck) in t.cols.iter().enumerate() {
                        let n = t.cell(r, c);
                        if n == 0 {
                            ui.label("");
                            continue;
                        }
                        let strength = 0.15 + 0.85 * n as f32 / max;
                        let fill = accent.gamma_multiply(strength);
                        let text = format!("{n} ({:.0}%)", t.row_percent(r, c));
                        if ui.add(egui::Button::new(text).fill(fill)).clicked()
                            && let Some(f) = t.cells.get(&(r, c))
                        {
                            hit = Some((format!("{} · {}", rk.name, ck.name), f.clone()));
                        }
                    }
                    if ui.link(t.row_margins[r].count().to_string()).clicked() {
                        hit = Some((rk.name.clone(), t.row_margins[r].clone()));
                    }
                    ui.end_row();
                }
                ui.label(RichText::new("all").strong());
                for (c, ck) in t.cols.iter().enumerate() {
                    if ui.link(t.col_margins[c].count().to_string()).clicked() {
                        hit = Some((ck.name.clone(), t.col_margins[c].clone()));
                    }
                }
                ui.label(t.total.count().to_string());
                ui.end_row();
            });
        });
    hit
}
