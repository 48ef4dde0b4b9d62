//! The lists beside the reader: claims of the document (sorted, filtered), the source registry,
//! the documents. They read the project and push commands and edits.

use super::command::{Command, Queue};
use super::words::{plural, shorten};
use crate::edit::ops;
use crate::model::{Claim, Project, SourceKind, Status};
use egui::{Color32, RichText, Ui};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Position,
    Label,
    Source,
    Status,
}

impl SortBy {
    const ALL: [SortBy; 4] = [
        SortBy::Position,
        SortBy::Label,
        SortBy::Source,
        SortBy::Status,
    ];
    fn as_str(self) -> &'static str {
        match self {
            SortBy::Position => "position",
            SortBy::Label => "label",
            SortBy::Source => "source",
            SortBy::Status => "status",
        }
    }
}

/// Sort and filter of the claims list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimsView {
    pub sort: SortBy,
    pub label: Option<String>,
    /// `Some(None)`: claims without a source; `Some(Some(id))`: claims of that source (alone or
    /// jointly with others).
    pub source: Option<Option<String>>,
    pub status: Option<Status>,
    /// Claims by their review notes.
    pub review: Option<super::review::ReviewFilter>,
    pub text: String,
}

impl ClaimsView {
    pub fn is_filtered(&self) -> bool {
        self.label.is_some()
            || self.source.is_some()
            || self.status.is_some()
            || self.review.is_some()
            || !self.text.trim().is_empty()
    }

    /// Drop a filter whose label or source no longer exists (deleted, merged, undone), so no
    /// filter stays on the list after what it names is gone.
    pub fn prune(&mut self, p: &Project) {
        if self.label.as_deref().is_some_and(|l| p.label(l).is_none()) {
            self.label = None;
        }
        if let Some(Some(s)) = &self.source
            && p.source(s).is_none()
        {
            self.source = None;
        }
    }

    /// Every filter in force, as (what it says, the view without it).
    pub fn chips(&self, p: &Project) -> Vec<(String, ClaimsView)> {
        let mut out = Vec::new();
        if let Some(l) = &self.label {
            let name = p.label(l).map(|l| l.name.as_str()).unwrap_or(l);
            out.push((
                format!("Label: {name}"),
                ClaimsView {
                    label: None,
                    ..self.clone()
                },
            ));
        }
        if let Some(s) = &self.source {
            out.push((
                format!("Source: {}", source_name(p, s.as_slice())),
                ClaimsView {
                    source: None,
                    ..self.clone()
                },
            ));
        }
        if let Some(s) = self.status {
            out.push((
                format!("Status: {}", s.as_str()),
                ClaimsView {
                    status: None,
                    ..self.clone()
                },
            ));
        }
        if let Some(r) = self.review {
            out.push((
                format!("Review: {}", r.as_str()),
                ClaimsView {
                    review: None,
                    ..self.clone()
                },
            ));
        }
        if !self.text.trim().is_empty() {
            out.push((
                format!("Text: “{}”", shorten(self.text.trim(), 30)),
                ClaimsView {
                    text: String::new(),
                    ..self.clone()
                },
            ));
        }
        out
    }

    pub fn keeps(&self, c: &Claim) -> bool {
        self.label.as_ref().is_none_or(|l| &c.label == l)
            && self.source.as_ref().is_none_or(|s| match s {
                None => c.sources().is_empty(),
                Some(id) => c.has_source(id),
            })
            && self.status.is_none_or(|s| c.status == s)
            && self.review.is_none_or(|r| r.keeps(c))
            && (self.text.trim().is_empty() || {
                let q = self.text.trim().to_lowercase();
                c.quote().to_lowercase().contains(&q) || c.note.to_lowercase().contains(&q)
            })
    }
}

/// The text of a claim's row in the list: "Label: quote…".
pub fn row_text(p: &Project, c: &Claim) -> String {
    let label = p
        .label(&c.label)
        .map(|l| l.name.as_str())
        .unwrap_or(&c.label);
    format!("{label}: {}", shorten(&c.quote(), 90))
}

/// "no source", or the sources' names joined by "; " (a joint claim has several).
fn source_name(p: &Project, ids: &[String]) -> String {
    if ids.is_empty() {
        "no source".into()
    } else {
        p.source_names(ids).join("; ")
    }
}

pub fn claims_list(
    ui: &mut Ui,
    p: &Project,
    doc: Option<&str>,
    selected: Option<&str>,
    view: &mut ClaimsView,
    queue: &mut Queue,
) {
    let Some(doc) = doc else {
        ui.label("No document open.");
        return;
    };
    egui::Grid::new("claims_filters")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Sort");
            egui::ComboBox::from_id_salt("Sort by")
                .selected_text(view.sort.as_str())
                .show_ui(ui, |ui| {
                    for s in SortBy::ALL {
                        ui.selectable_value(&mut view.sort, s, s.as_str());
                    }
                })
                .response
                .accessible_name("Sort by");
            ui.end_row();
            ui.label("Label");
            let shown = view
                .label
                .as_deref()
                .and_then(|l| p.label(l))
                .map(|l| l.name.clone())
                .unwrap_or("any".into());
            egui::ComboBox::from_id_salt("Label filter")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut view.label, None, "any");
                    for l in &p.labels {
                        ui.selectable_value(&mut view.label, Some(l.id.clone()), l.name.as_str());
                    }
                })
                .response
                .accessible_name("Label filter");
            ui.end_row();
            ui.label("Source");
            let shown = match &view.source {
                None => "any".to_string(),
                Some(s) => source_name(p, s.as_slice()),
            };
            egui::ComboBox::from_id_salt("Source filter")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut view.source, None, "any");
                    ui.selectable_value(&mut view.source, Some(None), "no source");
                    for s in &p.sources {
                        ui.selectable_value(
                            &mut view.source,
                            Some(Some(s.id.clone())),
                            s.name.as_str(),
                        );
                    }
                })
                .response
                .accessible_name("Source filter");
            ui.end_row();
            ui.label("Status");
            let shown = view.status.map(|s| s.as_str()).unwrap_or("any");
            egui::ComboBox::from_id_salt("Status filter")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut view.status, None, "any");
                    for s in Status::ALL {
                        ui.selectable_value(&mut view.status, Some(s), s.as_str());
                    }
                })
                .response
                .accessible_name("Status filter");
            ui.end_row();
            ui.label("Review");
            let shown = view.review.map(|r| r.as_str()).unwrap_or("any");
            egui::ComboBox::from_id_salt("Review filter")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut view.review, None, "any");
                    for r in super::review::ReviewFilter::ALL {
                        ui.selectable_value(&mut view.review, Some(r), r.as_str());
                    }
                })
                .response
                .accessible_name("Review filter");
            ui.end_row();
            let l = ui.label("Text");
            ui.add(
                egui::TextEdit::singleline(&mut view.text).hint_text("words in the claim or note"),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
    view.prune(p);
    let chips = view.chips(p);
    if !chips.is_empty() {
        ui.horizontal_wrapped(|ui| {
            for (text, without) in chips {
                if ui
                    .add(egui::Button::new(format!("{text}  ×")).small())
                    .on_hover_text("Remove this filter")
                    .clicked()
                {
                    *view = without;
                }
            }
        });
    }
    let all: Vec<&Claim> = p.claims_of(doc).collect();
    let mut rows: Vec<&Claim> = all.iter().copied().filter(|c| view.keeps(c)).collect();
    let label_pos = |c: &Claim| {
        p.labels
            .iter()
            .position(|l| l.id == c.label)
            .unwrap_or(usize::MAX)
    };
    match view.sort {
        SortBy::Position => rows.sort_by_key(|c| (c.start(), c.end())),
        SortBy::Label => rows.sort_by_key(|c| (label_pos(c), c.start())),
        SortBy::Source => rows.sort_by_key(|c| {
            (
                c.sources().is_empty(),
                source_name(p, c.sources()).to_lowercase(),
                c.start(),
            )
        }),
        SortBy::Status => {
            rows.sort_by_key(|c| (Status::ALL.iter().position(|s| *s == c.status), c.start()))
        }
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{} of {}", rows.len(), plural(all.len(), "claim"))).weak());
        if view.is_filtered() && ui.small_button("Clear filters").clicked() {
            *view = ClaimsView {
                sort: view.sort,
                ..Default::default()
            };
        }
        // "Selected" = the claims this list shows: this document, after the list's filters.
        if ui
            .add_enabled(
                !rows.is_empty(),
                egui::Button::new("Export selected…").small(),
            )
            .on_hover_text(
                "Export the claims shown in this list (this document, after the filters above)",
            )
            .clicked()
        {
            queue.push(Command::ExportSelected(
                rows.iter().map(|c| c.id.clone()).collect(),
            ));
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("claims_scroll")
        .show(ui, |ui| {
            for c in rows {
                let (r, g, b) = p
                    .label(&c.label)
                    .map(|l| l.color)
                    .unwrap_or((200, 200, 200));
                ui.horizontal(|ui| {
                    let (bar, _) =
                        ui.allocate_exact_size(egui::vec2(4.0, 30.0), egui::Sense::hover());
                    ui.painter()
                        .rect_filled(bar, 1.0, Color32::from_rgb(r, g, b));
                    ui.vertical(|ui| {
                        let sel = selected == Some(c.id.as_str());
                        let resp = ui.add(egui::Button::selectable(sel, row_text(p, c)).wrap());
                        if resp.clicked() {
                            queue.push(Command::SelectClaim(c.id.clone()));
                        }
                        // Readable: the body size, only weaker (egui's "small" is 9 points).
                        ui.label(
                            RichText::new(format!(
                                "{} · {}",
                                source_name(p, c.sources()),
                                c.status.as_str()
                            ))
                            .weak(),
                        );
                        if let Some((text, color)) = super::review::review_badge(c) {
                            ui.label(RichText::new(text).color(color));
                        }
                        // Claims moved by re-anchoring (after a text update) stay flagged for
                        // review; orphans are listed in the Orphans window too.
                        match c.anchor {
                            crate::model::Anchor::Exact => {}
                            crate::model::Anchor::Reanchored => {
                                ui.label(
                                    RichText::new("re-anchored: check its place")
                                        .color(Color32::from_rgb(200, 120, 0)),
                                );
                            }
                            crate::model::Anchor::Orphaned => {
                                ui.label(
                                    RichText::new("orphaned: text not found")
                                        .color(Color32::from_rgb(200, 60, 60)),
                                );
                            }
                        }
                    });
                });
            }
        });
}

pub fn documents_list(ui: &mut Ui, p: &Project, doc: Option<&str>, queue: &mut Queue) {
    ui.horizontal_wrapped(|ui| {
        if ui.button("Import article…").clicked() {
            queue.push(Command::ImportArticle);
        }
        if ui
            .add_enabled(doc.is_some(), egui::Button::new("Details…"))
            .on_hover_text("Title, URL, outlet, author, date of the open document")
            .clicked()
        {
            queue.push(Command::DocumentDetails);
        }
    });
    ui.separator();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for c in &p.claims {
        *counts.entry(c.document.as_str()).or_default() += 1;
    }
    egui::ScrollArea::vertical()
        .id_salt("docs_scroll")
        .show(ui, |ui| {
            for d in &p.documents {
                let n = counts.get(d.id.as_str()).copied().unwrap_or(0);
                let text = format!("{} ({})", shorten(&d.title, 70), plural(n, "claim"));
                let resp =
                    ui.add(egui::Button::selectable(doc == Some(d.id.as_str()), text).wrap());
                if resp.clicked() {
                    queue.push(Command::SelectDocument(d.id.clone()));
                }
            }
            if p.documents.is_empty() {
                ui.label("No documents yet.");
            }
        });
}

/// State of the sources panel: the search, the source being edited and its text buffers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourcesView {
    pub search: String,
    pub selected: Option<String>,
    pub name: String,
    /// One buffer per alias (edited as a list: a name may hold a comma, "Smith, John").
    pub aliases: Vec<String>,
    /// The alias being typed into the "Add alias" field.
    pub new_alias: String,
    pub note: String,
    /// Which source the buffers were filled from.
    buffers_for: Option<String>,
    pub merge_into: Option<String>,
    pub new_name: String,
    /// The aliases ticked to split off into a source of their own.
    pub split: Vec<String>,
}

/// The source's aliases as a list: each row edited in place (committed when the field is left;
/// emptied, it is removed) or removed with its button, and a field to add one. Every change is
/// one undoable edit; names are never split on commas.
fn alias_list(
    ui: &mut Ui,
    p: &Project,
    id: &str,
    current: &[String],
    view: &mut SourcesView,
) -> Option<crate::edit::Edit> {
    let mut wanted: Option<Vec<String>> = None;
    view.aliases.resize(current.len(), String::new());
    for (i, alias) in current.iter().enumerate() {
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut view.aliases[i])
                    .desired_width(180.0)
                    .id_salt(("alias", i)),
            );
            let r = r
                .on_hover_text(alias.as_str())
                .accessible_name(format!("Alias {}", i + 1));
            if r.lost_focus() && view.aliases[i].trim() != alias {
                let mut next = current.to_vec();
                let typed = view.aliases[i].trim().to_string();
                if typed.is_empty() {
                    next.remove(i);
                } else {
                    next[i] = typed;
                }
                wanted = Some(next);
            } else if !r.has_focus() {
                view.aliases[i] = alias.clone();
            }
            if ui
                .small_button("✕")
                .on_hover_text(format!("Remove the alias “{alias}”"))
                .accessible_name(format!("Remove alias {alias}"))
                .clicked()
            {
                let mut next = current.to_vec();
                next.remove(i);
                wanted = Some(next);
            }
        });
    }
    ui.horizontal(|ui| {
        let w = super::words::field_beside(ui, &["Add alias"]).min(180.0);
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut view.new_alias)
                    .hint_text("another name")
                    .desired_width(w),
            )
            .accessible_name("New alias");
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let add = ui
            .add_enabled(
                !view.new_alias.trim().is_empty(),
                super::words::whole_button("Add alias"),
            )
            .clicked();
        let typed = view.new_alias.trim().to_string();
        if (enter || add) && !typed.is_empty() {
            if !current.iter().any(|a| a == &typed) {
                let mut next = current.to_vec();
                next.push(typed);
                wanted = Some(next);
            }
            view.new_alias.clear();
        }
    });
    let next = wanted?;
    let what = if next.len() > current.len() {
        "add alias"
    } else if next.len() < current.len() {
        "remove alias"
    } else {
        "edit alias"
    };
    ops::update_source(p, id, what, |s| s.aliases = next)
}

/// Claims per source id, across all documents (a joint claim counts for each of its sources).
pub fn source_counts(p: &Project) -> HashMap<&str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for c in &p.claims {
        for s in c.sources() {
            *counts.entry(s.as_str()).or_default() += 1;
        }
    }
    counts
}

/// Returns the id of a source the user clicked (to filter the claims list by it).
/// Above the sources: the Claims list's source filter (a click on a source sets it) as a chip
/// that removes it, and a button to see those claims. Returns whether that button was clicked.
pub fn source_filter_chip(ui: &mut Ui, p: &Project, claims: &mut ClaimsView) -> bool {
    let Some(Some(id)) = &claims.source else {
        return false;
    };
    let name = source_name(p, std::slice::from_ref(id));
    let mut show = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Claims list:").weak());
        if ui
            .add(super::words::whole_button(&format!("Source: {name}  ×")).small())
            .on_hover_text("Remove this filter from the Claims list")
            .clicked()
        {
            claims.source = None;
        }
        show = ui
            .add(super::words::whole_button("Show them").small())
            .on_hover_text("Show the Claims list with this filter")
            .clicked();
    });
    show
}

pub fn sources_panel(
    ui: &mut Ui,
    p: &Project,
    view: &mut SourcesView,
    queue: &mut Queue,
) -> Option<String> {
    let mut clicked = None;
    let counts = source_counts(p);
    if view
        .selected
        .as_deref()
        .is_some_and(|s| p.source(s).is_none())
    {
        view.selected = None;
    }
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Search");
        ui.add(
            egui::TextEdit::singleline(&mut view.search)
                .hint_text("name or alias")
                .desired_width(160.0),
        )
        .labelled_by(l.id);
        if ui
            .button("Tidy…")
            .on_hover_text("Sources that look like one person or body, to merge or keep apart")
            .clicked()
        {
            queue.push(Command::ShowTidy);
        }
    });
    let q = view.search.trim().to_lowercase();
    egui::ScrollArea::vertical()
        .id_salt("sources_scroll")
        .max_height(ui.available_height() * 0.5)
        .show(ui, |ui| {
            for s in &p.sources {
                if !q.is_empty() && !s.names().any(|n| n.to_lowercase().contains(&q)) {
                    continue;
                }
                let n = counts.get(s.id.as_str()).copied().unwrap_or(0);
                let text = format!("{} ({n})", s.name);
                let sel = view.selected.as_deref() == Some(s.id.as_str());
                if ui
                    .add(egui::Button::selectable(sel, text))
                    .on_hover_text(s.kind.as_str())
                    .clicked()
                {
                    view.selected = Some(s.id.clone());
                    clicked = Some(s.id.clone());
                }
            }
            if p.sources.is_empty() {
                ui.label("No sources yet. Select a claim, then its source's mention, and press S.");
            }
        });
    ui.horizontal(|ui| {
        let w = super::words::field_beside(ui, &["Add source"]);
        ui.add(
            egui::TextEdit::singleline(&mut view.new_name)
                .hint_text("new source's name")
                .desired_width(w),
        )
        .accessible_name("New source");
        if ui
            .add_enabled(
                !view.new_name.trim().is_empty(),
                super::words::whole_button("Add source"),
            )
            .clicked()
        {
            let s = ops::new_source(p, &view.new_name, SourceKind::Unknown);
            view.selected = Some(s.id.clone());
            queue.edits.push(ops::add_source(p, s));
            view.new_name.clear();
        }
    });
    ui.separator();
    let Some(id) = view.selected.clone() else {
        return clicked;
    };
    let Some(s) = p.source(&id) else {
        return clicked;
    };
    if view.buffers_for.as_deref() != Some(id.as_str()) {
        view.buffers_for = Some(id.clone());
        view.name = s.name.clone();
        view.aliases = s.aliases.clone();
        view.new_alias.clear();
        view.note = s.note.clone();
        view.merge_into = None;
        view.split.clear();
    }
    ui.strong(format!("Source: {}", s.name));
    egui::Grid::new("source_editor")
        .num_columns(2)
        .show(ui, |ui| {
            let l = ui.label("Name");
            let r = ui.text_edit_singleline(&mut view.name).labelled_by(l.id);
            if r.lost_focus() && view.name.trim() != s.name {
                queue.edit(ops::rename_source(p, &id, &view.name));
                view.buffers_for = None;
            }
            ui.end_row();
            ui.label("Kind");
            let mut kind = s.kind;
            egui::ComboBox::from_id_salt("Source kind")
                .selected_text(kind.as_str())
                .show_ui(ui, |ui| {
                    for k in SourceKind::ALL {
                        ui.selectable_value(&mut kind, k, k.as_str());
                    }
                })
                .response
                .accessible_name("Source kind");
            if kind != s.kind {
                queue.edit(ops::update_source(p, &id, "change source kind", |s| {
                    s.kind = kind
                }));
            }
            ui.end_row();
            ui.label("Aliases");
            ui.vertical(|ui| {
                if let Some(edit) = alias_list(ui, p, &id, &s.aliases, view) {
                    queue.edit(Some(edit));
                    view.buffers_for = None;
                }
            });
            ui.end_row();
            let l = ui.label("Note");
            let r = ui
                .add(egui::TextEdit::multiline(&mut view.note).desired_rows(2))
                .labelled_by(l.id);
            if r.lost_focus() && view.note != s.note {
                let note = view.note.clone();
                queue.edit(ops::update_source(p, &id, "edit source note", |s| {
                    s.note = note
                }));
            }
            ui.end_row();
        });
    ui.horizontal_wrapped(|ui| {
        let shown = view
            .merge_into
            .as_deref()
            .and_then(|t| p.source(t))
            .map(|t| t.name.clone())
            .unwrap_or("…".into());
        let lab = ui.label("Merge into");
        egui::ComboBox::from_id_salt("Merge into")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for t in p.sources.iter().filter(|t| t.id != id) {
                    ui.selectable_value(&mut view.merge_into, Some(t.id.clone()), t.name.as_str());
                }
            })
            .response
            .labelled_by(lab.id);
        if ui
            .add_enabled(view.merge_into.is_some(), egui::Button::new("Merge"))
            .clicked()
            && let Some(keep) = view.merge_into.take()
        {
            queue.edit(ops::merge_sources(p, &keep, &id));
            view.selected = Some(keep);
        }
    });
    if !s.aliases.is_empty() {
        split_off(ui, p, &id, &s.aliases, view, queue);
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button("Show its claims").clicked() {
            clicked = Some(id.clone());
        }
        if ui.button("Delete source").clicked() {
            queue.edit(ops::delete_source(p, &id));
            view.selected = None;
        }
    });
    clicked
}

/// "Split off": the aliases that are someone else become a source of their own (the first
/// ticked its name), with the claims whose mention is one of them; one undoable edit, and the
/// two are remembered as not the same.
fn split_off(
    ui: &mut Ui,
    p: &Project,
    id: &str,
    aliases: &[String],
    view: &mut SourcesView,
    queue: &mut Queue,
) {
    egui::CollapsingHeader::new("Split off…")
        .id_salt(("split", id))
        .show(ui, |ui| {
            ui.label("Tick the names that are someone else:");
            view.split.retain(|n| aliases.contains(n));
            for a in aliases {
                let mut on = view.split.contains(a);
                if ui.checkbox(&mut on, a.as_str()).changed() {
                    if on {
                        view.split.push(a.clone());
                    } else {
                        view.split.retain(|n| n != a);
                    }
                }
            }
            let text = match view.split.first() {
                Some(first) => format!("Split off as {first}"),
                None => "Split off".to_string(),
            };
            if ui
                .add_enabled(!view.split.is_empty(), egui::Button::new(text))
                .clicked()
                && let Ok((edit, new_id)) = crate::identity::split(p, id, &view.split)
            {
                queue.edits.push(edit);
                view.split.clear();
                view.selected = Some(new_id);
            }
        });
}
