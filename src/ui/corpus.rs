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
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Sort {
    #[default]
    Claims,
    Name,
    Documents,
}

impl CorpusView {
    /// The figures shown, recomputed only when `version` differs from the last one.
    pub fn refresh(&mut self, p: &Project, version: (u64, (u64, usize))) -> &Corpus {
        if self.version != Some(version) {
            self.figures = Corpus::compute(p, &Options::default());
            self.version = Some(version);
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
    ui.heading("Sources");
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
