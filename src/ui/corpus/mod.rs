//! View → Corpus: the corpus figures (`crate::corpus`) in a window, in three tabs — Tables (the
//! sources table with search and sort, labels, outlets, source kinds, and the cross-tables as
//! heatmaps), Charts (`egui_plot` bars of the top sources, labels, outlets and kinds, and the
//! claims of chosen sources over time) and Who cites whom (the flow outlet → via → source, and
//! for one source who relays it and what nests in its claims). Every row, cell, bar and edge
//! lists the claims behind it in the side list; a click there opens the claim in the reader.
//!
//! The filters of the export window (label, source, status, document) and a published-date range
//! apply to every view. The figures are recomputed when the project changes (its version) or the
//! filters change, never per frame; what only some views need (co-occurrence, flow, nesting) is
//! computed once per new figures, when first shown. Each table can be saved as CSV and each
//! chart as PNG (the viewport's screenshot cropped to the chart) through the app's file dialogs.

mod charts;
pub mod files;
mod flow;

use super::command::{Command, Queue};
use super::words::plural;
use crate::corpus::flow::Flow;
use crate::corpus::{Corpus, CrossTable, Figure, Key, Options, Period};
use crate::model::{Project, Status};
use egui::{Color32, RichText};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

pub use files::{Chart, FileRequest, Table};

/// The project's state as the app counts it (generation, history version).
pub type Version = (u64, (u64, usize));

/// Nodes per column of the flow before the rest is lumped together.
pub const FLOW_TOP: usize = 8;

/// The window's tabs.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Tables,
    Charts,
    Flow,
}

/// What only some views need, computed once per new figures.
#[derive(Debug, Default)]
pub struct Derived {
    pub cooccurrence: CrossTable,
    pub flow: Flow,
    /// (outer, inner) nesting pairs among the counted claims.
    pub nesting: Vec<(usize, usize)>,
}

/// Where a chart was drawn in the last frame, for PNG crops and for tests to find its bars.
#[derive(Debug, Clone)]
pub struct Place {
    /// The chart with its title, clipped to what is visible.
    pub rect: egui::Rect,
    /// The plot's transform and its bars' (argument, value) centres, for plots.
    pub plot: Option<(egui_plot::PlotTransform, Vec<egui_plot::PlotPoint>)>,
}

/// A PNG being made: the chart and the file, and whether the screenshot was asked for.
struct PngJob {
    chart: Chart,
    path: std::path::PathBuf,
}

/// The window's state.
#[derive(Default)]
pub struct CorpusView {
    pub open: bool,
    /// The project version and options the figures were computed for.
    computed: Option<(Version, Options)>,
    figures: Arc<Corpus>,
    derived: Option<Arc<Derived>>,
    /// How many times the figures were computed (they must not be on every frame).
    pub computations: usize,
    /// The chosen filters and timeline buckets.
    pub options: Options,
    /// The date range as typed (YYYY-MM-DD), and what is wrong with it.
    pub from_text: String,
    pub to_text: String,
    date_error: Option<String>,
    pub tab: Tab,
    pub search: String,
    sort: Sort,
    /// The figure whose claims are listed: its title and the claim ids.
    pub opened: Option<(String, Vec<String>)>,
    /// The list's rows and the project version they were made for.
    list: Option<(Version, Vec<(String, String)>)>,
    /// The sources drawn in the timeline (none chosen: the five with most claims).
    pub timeline_sources: Vec<Key>,
    /// The source of "who relays it" (none: the one with most claims).
    pub focus: Option<Key>,
    /// Where each chart was drawn in the last frame.
    pub places: HashMap<Chart, Place>,
    /// A file the window wants a path for (the app opens its dialog).
    request: Option<FileRequest>,
    png: Option<PngJob>,
    png_done: Option<Receiver<Result<String, String>>>,
    /// This frame's image is being taken for a PNG: the save buttons are not drawn.
    pub shooting: bool,
    /// Frames still to draw at once after the windows moved (a new window sizes itself over
    /// its first frames; without them the screen shows the half-moved layout until the next
    /// input).
    settle: u8,
    /// The outcome of the last save.
    pub message: Option<Result<String, String>>,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Sort {
    #[default]
    Claims,
    Name,
    Documents,
}

/// The options with entries the project no longer has left out, so a deleted label filters
/// nothing out rather than everything.
fn effective(p: &Project, o: &Options) -> Options {
    let mut o = o.clone();
    o.filter.labels.retain(|l| p.label(l).is_some());
    o.filter.sources.retain(|s| p.source(s).is_some());
    o.filter.documents.retain(|d| p.document(d).is_some());
    o
}

impl CorpusView {
    /// The figures shown, recomputed only when the project's `version` or the options differ
    /// from the last computation.
    pub fn refresh(&mut self, p: &Project, version: Version) -> Arc<Corpus> {
        let stale = match &self.computed {
            Some((v, o)) => *v != version || *o != self.options,
            None => true,
        };
        if stale {
            self.figures = Arc::new(Corpus::compute(p, &effective(p, &self.options)));
            self.computed = Some((version, self.options.clone()));
            self.derived = None;
            self.computations += 1;
        }
        Arc::clone(&self.figures)
    }

    /// Co-occurrence, flow and nesting of the current figures, computed on first use.
    pub fn derived(&mut self, p: &Project) -> Arc<Derived> {
        if let Some(d) = &self.derived {
            return Arc::clone(d);
        }
        let nesting = self.figures.nesting(p);
        let d = Arc::new(Derived {
            cooccurrence: self.figures.label_cooccurrence_of(p, &nesting),
            flow: self.figures.flow(FLOW_TOP),
            nesting,
        });
        self.derived = Some(Arc::clone(&d));
        d
    }

    fn open_claims(&mut self, p: &Project, title: String, f: &Figure) {
        let ids = f.ids(p).into_iter().map(String::from).collect();
        self.opened = Some((title, ids));
        self.list = None;
    }

    /// The file the window asked a path for, if any (the app opens the dialog).
    pub fn take_request(&mut self) -> Option<FileRequest> {
        self.request.take()
    }

    /// The dialog's answer: write the CSV now, or take the chart's screenshot on the next frame
    /// (when the dialog or typed-path box is gone from the screen).
    pub fn file_chosen(&mut self, p: &Project, req: FileRequest, path: &Path, ctx: &egui::Context) {
        let path = files::with_ending(path, req.ending());
        match req {
            FileRequest::Csv(t) => {
                let derived = self.derived(p);
                let text = files::csv_for(t, &self.figures, &derived);
                self.message = Some(files::write_text(&path, &text));
            }
            FileRequest::Png(chart) => {
                self.png = Some(PngJob { chart, path });
                self.message = None;
                ctx.request_repaint();
            }
        }
    }

    /// Ask for the screenshot of a chart waiting for one, and take the result of one taken.
    fn screenshots(&mut self, ctx: &egui::Context) {
        self.shooting = false;
        if let Some(rx) = &self.png_done {
            if let Ok(r) = rx.try_recv() {
                self.message = Some(r);
                self.png_done = None;
            } else {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            }
        }
        let Some(job) = self.png.take() else { return };
        let Some(place) = self.places.get(&job.chart) else {
            self.message = Some(Err(format!(
                "The chart “{}” is not on the screen: show it, then save it again.",
                job.chart.title()
            )));
            return;
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let rect = place.rect;
        let ppp = ctx.pixels_per_point();
        let path = job.path;
        let repaint = ctx.clone();
        ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(
            egui::ScreenshotCallback::new(move |image| {
                let _ = tx.send(files::save_png(&image, rect, ppp, &path));
                repaint.request_repaint();
            }),
        ));
        self.png_done = Some(rx);
        self.shooting = true;
    }
}

/// The claims list's width (points), at most 40% of the screen.
pub const LIST_WIDTH: f32 = 340.0;

/// Draw the corpus window while `view.open`, and the claims behind a clicked figure in their own
/// window at the left of the screen, beside the corpus window (which keeps out of its way).
///
/// A claim opened from the list closes the corpus window: every egui window floats above the
/// reader, so it is the only way to put the reader in front. The view keeps its state (tab,
/// filters, the list) and the list stays, with a button that brings the corpus back as it was.
pub fn show(
    ctx: &egui::Context,
    p: &Project,
    version: Version,
    view: &mut CorpusView,
    queue: &mut Queue,
) {
    view.screenshots(ctx);
    view.places.clear();
    let listing_before = (view.open, view.opened.is_some());
    // Below the menu bar and above the status bar.
    let screen = ctx.content_rect();
    let free = egui::Rect::from_min_max(
        screen.min + egui::vec2(0.0, 28.0),
        screen.max - egui::vec2(0.0, 28.0),
    );
    let mut area = free;
    if view.opened.is_some() {
        let w = LIST_WIDTH.min(free.width() * 0.4);
        let list = egui::Rect::from_min_size(free.min, egui::vec2(w, free.height()));
        area.min.x = list.max.x + 6.0;
        claims_window(ctx, list, p, version, view, queue);
    }
    if view.open {
        let mut open = view.open;
        // Most of the free room at first: the charts and the flow need room.
        egui::Window::new("Corpus")
            .open(&mut open)
            .constrain_to(area)
            .default_pos(area.min + egui::vec2(4.0, 4.0))
            .max_width(area.width() - 12.0)
            .max_height(area.height() - 12.0)
            .default_width((area.width() - 24.0).clamp(320.0, 1400.0))
            .default_height((area.height() - 24.0).clamp(240.0, 1000.0))
            .show(ctx, |ui| body(ui, p, version, view));
        view.open = open;
    }
    // The list opened or closed: the windows move, so draw again at once rather than on the next
    // input (the screen would show the half-moved frame until then).
    if (view.open, view.opened.is_some()) != listing_before {
        view.settle = 4;
    }
    if view.settle > 0 {
        view.settle -= 1;
        ctx.request_repaint();
    }
}

fn body(ui: &mut egui::Ui, p: &Project, version: Version, view: &mut CorpusView) {
    filters(ui, p, view);
    let c = view.refresh(p, version);
    ui.label(summary(&c));
    ui.horizontal(|ui| {
        ui.selectable_value(&mut view.tab, Tab::Tables, "Tables");
        ui.selectable_value(&mut view.tab, Tab::Charts, "Charts");
        ui.selectable_value(&mut view.tab, Tab::Flow, "Who cites whom");
        // The last save's outcome on the tabs' line, so nothing below moves.
        if let Some(msg) = &view.message {
            let (text, color) = match msg {
                Ok(m) => (m, Color32::from_rgb(40, 140, 60)),
                Err(m) => (m, Color32::from_rgb(200, 40, 40)),
            };
            ui.separator();
            ui.add(egui::Label::new(RichText::new(text).color(color)).truncate())
                .on_hover_text(text);
        }
    });
    ui.separator();
    let mut clicked: Option<(String, Figure)> = None;
    // Both ways: a table wider than the window scrolls inside it rather than spilling out.
    egui::ScrollArea::both()
        .id_salt("corpus tab")
        .show(ui, |ui| match view.tab {
            Tab::Tables => tables(ui, p, &c, view, &mut clicked),
            Tab::Charts => charts::show(ui, p, &c, view, &mut clicked),
            Tab::Flow => flow::show(ui, p, &c, view, &mut clicked),
        });
    if let Some((title, f)) = clicked {
        view.open_claims(p, title, &f);
    }
}

/// "12 claims in 3 documents; 14 claim-source pairs (…)."
pub fn summary(c: &Corpus) -> String {
    format!(
        "{} in {}; {} (a joint claim counts for each source).",
        plural(c.claims.count(), "claim"),
        plural(c.documents, "document"),
        plural(c.pairs, "claim-source pair"),
    )
}

/// The filters: the export window's four checklists and a published-date range.
fn filters(ui: &mut egui::Ui, p: &Project, view: &mut CorpusView) {
    let o = &view.options;
    let active = o.filter.labels.len()
        + o.filter.sources.len()
        + o.filter.statuses.len()
        + o.filter.documents.len()
        + usize::from(o.from.is_some())
        + usize::from(o.to.is_some());
    let title = if active == 0 {
        "Filters (none: every claim)".to_string()
    } else {
        format!("Filters ({active} chosen)")
    };
    egui::CollapsingHeader::new(title)
        .id_salt("corpus filters")
        .show(ui, |ui| {
            ui.label(
                "Any of the ticked values within a filter, all filters together; the same \
                 filters as File → Export. A date range leaves out documents without a date.",
            );
            let labels: Vec<(String, String)> = p
                .labels
                .iter()
                .map(|l| (l.id.clone(), l.name.to_string()))
                .collect();
            let sources: Vec<(String, String)> = p
                .sources
                .iter()
                .map(|s| (s.id.clone(), s.name.to_string()))
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
            let f = &mut view.options.filter;
            ui.columns(4, |cols| {
                cols[0].strong("Labels");
                super::export::checklist(&mut cols[0], "corpus_labels", &labels, &mut f.labels);
                cols[1].strong("Sources");
                super::export::checklist(&mut cols[1], "corpus_sources", &sources, &mut f.sources);
                cols[2].strong("Statuses");
                let mut chosen: Vec<String> =
                    f.statuses.iter().map(|s| s.as_str().to_string()).collect();
                if super::export::checklist(&mut cols[2], "corpus_statuses", &statuses, &mut chosen)
                {
                    f.statuses = chosen.iter().filter_map(|s| Status::parse(s)).collect();
                }
                cols[3].strong("Documents");
                super::export::checklist(
                    &mut cols[3],
                    "corpus_documents",
                    &documents,
                    &mut f.documents,
                );
            });
            ui.horizontal(|ui| {
                let l = ui.label("Published from");
                let a = ui
                    .add(
                        egui::TextEdit::singleline(&mut view.from_text)
                            .desired_width(90.0)
                            .hint_text("YYYY-MM-DD"),
                    )
                    .labelled_by(l.id);
                let l = ui.label("to");
                let b = ui
                    .add(
                        egui::TextEdit::singleline(&mut view.to_text)
                            .desired_width(90.0)
                            .hint_text("YYYY-MM-DD"),
                    )
                    .labelled_by(l.id);
                if a.changed() || b.changed() {
                    apply_dates(view);
                }
                if ui.button("Clear filters").clicked() {
                    view.options.filter = Default::default();
                    view.from_text.clear();
                    view.to_text.clear();
                    apply_dates(view);
                }
            });
            if let Some(e) = &view.date_error {
                ui.label(RichText::new(e).color(Color32::from_rgb(200, 40, 40)));
            }
        });
}

/// Take the typed dates into the options; a date that does not parse keeps the last good one and
/// says what is wrong.
pub fn apply_dates(view: &mut CorpusView) {
    let mut errors = Vec::new();
    for (text, slot, what) in [
        (&view.from_text, &mut view.options.from, "from"),
        (&view.to_text, &mut view.options.to, "to"),
    ] {
        let t = text.trim();
        if t.is_empty() {
            *slot = None;
        } else {
            match t.parse::<jiff::civil::Date>() {
                Ok(d) => *slot = Some(d),
                Err(_) => errors.push(format!(
                    "“{t}” ({what}) is not a date: write it as YYYY-MM-DD, e.g. 2024-03-05."
                )),
            }
        }
    }
    view.date_error = (!errors.is_empty()).then(|| errors.join(" "));
}

/// A heading with Copy / Save CSV buttons for `table`.
fn table_heading(
    ui: &mut egui::Ui,
    p: &Project,
    title: &str,
    table: Table,
    c: &Corpus,
    view: &mut CorpusView,
) {
    ui.horizontal(|ui| {
        ui.heading(title);
        csv_buttons(ui, p, table, c, view);
    });
}

/// "Copy CSV" (to the clipboard) and "Save CSV…" (a file) for `table`.
pub(super) fn csv_buttons(
    ui: &mut egui::Ui,
    p: &Project,
    table: Table,
    c: &Corpus,
    view: &mut CorpusView,
) {
    if view.shooting {
        // The frame a PNG is taken: keep the buttons' room, draw nothing.
        ui.scope(|ui| {
            ui.set_invisible();
            let _ = ui.small_button("Copy CSV");
            let _ = ui.small_button("Save CSV…");
        });
        return;
    }
    if ui
        .small_button("Copy CSV")
        .on_hover_text(format!("Copy {} as CSV", table.title()))
        .clicked()
    {
        let derived = view.derived(p);
        ui.ctx().copy_text(files::csv_for(table, c, &derived));
    }
    if ui
        .small_button("Save CSV…")
        .on_hover_text(format!("Save {} as a CSV file", table.title()))
        .clicked()
    {
        view.request = Some(FileRequest::Csv(table));
    }
}

fn tables(
    ui: &mut egui::Ui,
    p: &Project,
    c: &Corpus,
    view: &mut CorpusView,
    clicked: &mut Option<(String, Figure)>,
) {
    table_heading(ui, p, "Sources", Table::Sources, c, view);
    ui.horizontal(|ui| {
        let label = ui.label("Search sources:");
        ui.add(egui::TextEdit::singleline(&mut view.search).desired_width(200.0))
            .labelled_by(label.id);
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
    // A long name is cut with "…" (whole on hover) so the other columns stay in the window.
    // The other seven columns take about 560 points; the name has the rest, 100 to 320.
    let name_w = (ui.available_width() - 560.0).clamp(100.0, 320.0);
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
                        if name_link(ui, &s.key.name, name_w).clicked() {
                            *clicked = Some((s.key.name.to_string(), s.figure.clone()));
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
    let mut pending: Option<Table> = None;
    let small = [
        ("Labels", Table::Labels, &c.labels),
        ("Outlets", Table::Outlets, &c.outlets),
        ("Source kinds", Table::Kinds, &c.kinds),
    ];
    let mut one =
        |ui: &mut egui::Ui, (title, table, rows): (&str, Table, &Vec<crate::corpus::Row>)| {
            ui.horizontal_wrapped(|ui| {
                ui.heading(title);
                if ui.small_button("Copy CSV").clicked() {
                    ui.ctx()
                        .copy_text(files::csv_for(table, c, &Derived::default()));
                }
                if ui.small_button("Save CSV…").clicked() {
                    pending = Some(table);
                }
            });
            egui::ScrollArea::vertical()
                .id_salt(title)
                .max_height(200.0)
                .show(ui, |ui| {
                    let name_w = (ui.available_width() - 56.0).clamp(60.0, 320.0);
                    egui::Grid::new(title).striped(true).show(ui, |ui| {
                        for r in rows {
                            if name_link(ui, &r.key.name, name_w).clicked() {
                                *clicked = Some((r.key.name.to_string(), r.figure.clone()));
                            }
                            ui.label(r.figure.count().to_string());
                            ui.end_row();
                        }
                    });
                });
        };
    // Side by side where there is room; one under another in a narrow window, so no heading,
    // button or count is cut at the window's edge.
    if ui.available_width() >= 900.0 {
        ui.columns(3, |cols| {
            for (ui, t) in cols.iter_mut().zip(small) {
                one(ui, t);
            }
        });
    } else {
        for t in small {
            one(ui, t);
            ui.add_space(4.0);
        }
    }
    if let Some(t) = pending {
        view.request = Some(FileRequest::Csv(t));
    }
    ui.separator();
    ui.heading("Cross-tables");
    ui.label(
        RichText::new(
            "Each cell: claims and the share of its row's claims; the last row and column are \
             the margins (distinct claims, so a joint claim counts once).",
        )
        .weak(),
    );
    for (title, corner, table) in [
        ("Source × outlet", "source", Table::SourceOutlet),
        ("Source kind × outlet", "kind", Table::KindOutlet),
        ("Label × source", "label", Table::LabelSource),
        ("Label co-occurrence", "label", Table::LabelCooccurrence),
    ] {
        egui::CollapsingHeader::new(title).show(ui, |ui| {
            ui.horizontal(|ui| csv_buttons(ui, p, table, c, view));
            let derived;
            let t = match table {
                Table::SourceOutlet => &c.source_outlet,
                Table::KindOutlet => &c.kind_outlet,
                Table::LabelSource => &c.label_source,
                _ => {
                    derived = view.derived(p);
                    ui.label(
                        RichText::new(
                            "Claims nested in one another (inside another's words or marked \
                             within it) or on the same words: a pair of labels A and B counts \
                             the claims of such pairs.",
                        )
                        .weak(),
                    );
                    &derived.cooccurrence
                }
            };
            if let Some(hit) = cross_table(ui, title, corner, t) {
                *clicked = Some(hit);
            }
        });
    }
}

/// The side list's rows (claim id, "“quote” — document") for the project version they were
/// made for: built once per opened figure and project change, not per frame (looking up claims
/// by id one by one would cost claims × listed per frame).
fn list_rows(p: &Project, ids: &[String]) -> Vec<(String, String)> {
    let index: HashMap<&str, usize> = p
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let docs: HashMap<&str, &str> = p
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.title.as_str()))
        .collect();
    ids.iter()
        .filter_map(|id| index.get(id.as_str()).map(|&i| &p.claims[i]))
        .map(|claim| {
            let doc = docs.get(claim.document.as_str()).copied().unwrap_or("?");
            let quote: String = claim.quote().chars().take(80).collect();
            (claim.id.clone(), format!("“{quote}” — {doc}"))
        })
        .collect()
}

/// The list of the claims behind the clicked figure, in its own window at `rect` (only the rows
/// in view are drawn). A click opens the claim in the reader and closes the corpus window.
fn claims_window(
    ctx: &egui::Context,
    rect: egui::Rect,
    p: &Project,
    version: Version,
    view: &mut CorpusView,
    queue: &mut Queue,
) {
    let Some((title, ids)) = &view.opened else {
        return;
    };
    if view.list.as_ref().is_none_or(|(v, _)| *v != version) {
        view.list = Some((version, list_rows(p, ids)));
    }
    let heading = format!("Claims of {title} ({})", ids.len());
    let mut keep = true;
    let mut opened_one = false;
    let mut show_corpus = false;
    let corpus_open = view.open;
    egui::Window::new("Claims of a corpus figure")
        .id(egui::Id::unique("corpus claims window"))
        .title_bar(false)
        .fixed_rect(rect.shrink(2.0))
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                if ui
                    .small_button("✖")
                    .on_hover_text("Close the list")
                    .clicked()
                {
                    keep = false;
                }
                ui.add(egui::Label::new(RichText::new(&heading).strong()).truncate())
                    .on_hover_text(&heading);
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("A click opens the claim in the reader.").weak());
                if !corpus_open && ui.button("Show the corpus").clicked() {
                    show_corpus = true;
                }
            });
            ui.separator();
            let rows = view.list.as_ref().map_or(&[][..], |(_, r)| r.as_slice());
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            let height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
            egui::ScrollArea::vertical()
                .id_salt("corpus claims")
                .auto_shrink([false, false])
                .show_rows(ui, height, rows.len(), |ui, range| {
                    for (id, text) in &rows[range] {
                        if ui.link(text).on_hover_text(text).clicked() {
                            queue.push(Command::SelectClaim(id.clone()));
                            opened_one = true;
                        }
                    }
                });
        });
    if opened_one {
        view.open = false;
    }
    if show_corpus {
        view.open = true;
    }
    if !keep {
        view.opened = None;
    }
    if opened_one || show_corpus || !keep {
        view.settle = 4;
        ctx.request_repaint();
    }
}

/// The widest a cross-table's row or column name is drawn (points); longer ones are cut.
const CELL_NAME_WIDTH: f32 = 160.0;

/// A name as a link in exactly `width` points: cut with "…" when longer, whole on hover.
fn name_link(ui: &mut egui::Ui, name: &str, width: f32) -> egui::Response {
    fixed_width(ui, width, |ui| ui.link(name)).on_hover_text(name)
}

/// A name as a label in at most `width` points: cut with "…" when longer, whole on hover.
fn name_label(ui: &mut egui::Ui, text: RichText, name: &str, width: f32) {
    let fits = ui
        .ctx()
        .fonts_mut(|f| {
            f.layout_no_wrap(
                name.to_string(),
                egui::TextStyle::Body.resolve(ui.style()),
                Color32::WHITE,
            )
        })
        .size()
        .x
        <= width;
    if fits {
        ui.label(text);
    } else {
        fixed_width(ui, width, |ui| ui.add(egui::Label::new(text).truncate())).on_hover_text(name);
    }
}

/// Draw `add` in a cell exactly `width` wide, its text cut rather than wrapped.
fn fixed_width(
    ui: &mut egui::Ui,
    width: f32,
    add: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> egui::Response {
    let h = ui.spacing().interact_size.y;
    ui.allocate_ui_with_layout(
        egui::vec2(width, h),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_width(width);
            ui.set_max_width(width);
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            add(ui)
        },
    )
    .inner
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
    t: &CrossTable,
) -> Option<(String, Figure)> {
    let mut hit = None;
    if t.rows.is_empty() {
        ui.label(RichText::new("Nothing to count.").weak());
        return None;
    }
    let max = t.max_cell().max(1) as f32;
    let accent = ui.visuals().selection.bg_fill;
    egui::ScrollArea::both()
        .id_salt(id)
        .max_height(260.0)
        .show(ui, |ui| {
            egui::Grid::new(id).show(ui, |ui| {
                ui.label(RichText::new(corner).strong());
                for k in &t.cols {
                    name_label(
                        ui,
                        RichText::new(&*k.name).strong(),
                        &k.name,
                        CELL_NAME_WIDTH,
                    );
                }
                ui.label(RichText::new("all").strong());
                ui.end_row();
                for (r, rk) in t.rows.iter().enumerate() {
                    name_label(ui, RichText::new(&*rk.name), &rk.name, CELL_NAME_WIDTH);
                    for (c, ck) in t.cols.iter().enumerate() {
                        let n = t.cell(r, c);
                        if n == 0 {
                            ui.label("");
                            continue;
                        }
                        let strength = 0.15 + 0.85 * n as f32 / max;
                        let fill = accent.gamma_multiply(strength);
                        let text = format!("{n} ({:.0}%)", t.row_percent(r, c));
                        if ui
                            .add(egui::Button::new(text).fill(fill))
                            .on_hover_text(format!(
                                "{} · {}: {}, {:.0}% of the row, {:.0}% of the column",
                                rk.name,
                                ck.name,
                                plural(n, "claim"),
                                t.row_percent(r, c),
                                t.col_percent(r, c)
                            ))
                            .clicked()
                            && let Some(f) = t.cells.get(&(r, c))
                        {
                            hit = Some((format!("{} · {}", rk.name, ck.name), f.clone()));
                        }
                    }
                    if ui.link(t.row_margins[r].count().to_string()).clicked() {
                        hit = Some((rk.name.to_string(), t.row_margins[r].clone()));
                    }
                    ui.end_row();
                }
                ui.label(RichText::new("all").strong());
                for (c, ck) in t.cols.iter().enumerate() {
                    if ui.link(t.col_margins[c].count().to_string()).clicked() {
                        hit = Some((ck.name.to_string(), t.col_margins[c].clone()));
                    }
                }
                ui.label(t.total.count().to_string());
                ui.end_row();
            });
        });
    hit
}

/// A period's choice for the timeline: one button each.
pub(super) fn period_choice(ui: &mut egui::Ui, period: &mut Period) {
    ui.label("By");
    for p in Period::ALL {
        ui.selectable_value(period, p, p.as_str());
    }
}
