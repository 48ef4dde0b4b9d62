//! The inspector: every field of the selected claim. Text fields commit when they lose focus,
//! so one change is one undo step.

use super::command::{Command, Queue};
use super::words::shorten;
use crate::edit::ops;
use crate::model::{Claim, Mode, Project, Status};
use egui::{PopupCloseBehavior, RichText, Ui};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct InspectorState {
    /// The claim the buffers belong to.
    claim: Option<String>,
    note: String,
    source_search: String,
    via_search: String,
    /// My review comment on the claim, while it is being typed.
    review_comment: String,
}

/// A combo box over the registry with a search field; returns the new choice if one was made
/// (`Some(None)`: "none"). With `adding`, it adds to that list of sources: it offers the
/// registry sources not in it, and no "none".
fn source_picker(
    ui: &mut Ui,
    label: &str,
    p: &Project,
    current: Option<&str>,
    search: &mut String,
    adding: Option<&[String]>,
) -> Option<Option<String>> {
    let shown = match adding {
        Some(_) => "add source…".to_string(),
        None => current
            .and_then(|id| p.source(id))
            .map(|s| s.name.clone())
            .unwrap_or_else(|| "none".into()),
    };
    let mut chosen = None;
    egui::ComboBox::from_id_salt(label)
        .selected_text(shown)
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            let l = ui.label("Search");
            ui.add(egui::TextEdit::singleline(search).hint_text("name or alias"))
                .labelled_by(l.id);
            let q = search.trim().to_lowercase();
            if adding.is_none() && ui.selectable_label(current.is_none(), "none").clicked() {
                chosen = Some(None);
            }
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    for s in &p.sources {
                        if !q.is_empty() && !s.names().any(|n| n.to_lowercase().contains(&q))
                            || adding.is_some_and(|list| list.contains(&s.id))
                        {
                            continue;
                        }
                        if ui
                            .selectable_label(current == Some(s.id.as_str()), s.name.as_str())
                            .clicked()
                        {
                            chosen = Some(Some(s.id.clone()));
                        }
                    }
                });
            if chosen.is_some() {
                search.clear();
                ui.close();
            }
        })
        .response
        .accessible_name(label);
    chosen.filter(|c| c.as_deref() != current)
}

/// The claim's sources, one row each with a button that removes it, and a picker that adds a
/// registry source (a second one makes the attribution joint). Each change is one edit.
fn sources_list(
    ui: &mut Ui,
    p: &Project,
    c: &Claim,
    sources: &[String],
    search: &mut String,
    queue: &mut Queue,
) {
    ui.vertical(|ui| {
        if sources.is_empty() {
            ui.label(RichText::new("none — select the mention and press S").weak());
        }
        for id in sources {
            let name = p.source(id).map(|s| s.name.as_str()).unwrap_or(id);
            ui.horizontal(|ui| {
                let remove = ui
                    .small_button("×")
                    .on_hover_text("Remove this source from the claim")
                    .accessible_name(format!("Remove source {name}"));
                // A long name is cut with "…" at the panel's edge (whole on hover), not clipped.
                ui.add(egui::Label::new(name).truncate())
                    .on_hover_text(name);
                if remove.clicked() {
                    queue.edit(ops::remove_claim_source(p, &c.id, id));
                }
            });
        }
        if let Some(Some(s)) = source_picker(ui, "Claim source", p, None, search, Some(sources)) {
            queue.edit(ops::add_claim_source(p, &c.id, &s));
        }
    });
}

fn spans_text(spans: &[crate::model::Span]) -> String {
    spans
        .iter()
        .map(|s| s.exact.as_str())
        .collect::<Vec<_>>()
        .join(" … ")
}

pub fn show(
    ui: &mut Ui,
    p: &Project,
    selected: Option<&str>,
    current_label: &mut String,
    st: &mut InspectorState,
    queue: &mut Queue,
) {
    label_chooser(ui, p, current_label);
    ui.separator();
    let Some(c) = selected.and_then(|id| p.claim(id)) else {
        ui.heading("No claim selected");
        ui.label("Select text in the article and press C (or click Claim) to make a claim.");
        ui.label("Then select the source's mention and press S, and the cue and press Q.");
        st.claim = None;
        return;
    };
    if st.claim.as_deref() != Some(c.id.as_str()) {
        st.claim = Some(c.id.clone());
        st.note = c.note.clone();
        st.review_comment = c
            .review_by(&p.annotator.id)
            .map(|r| r.comment.clone())
            .unwrap_or_default();
    }
    claim_fields(ui, p, c, st, queue);
}

fn claim_fields(ui: &mut Ui, p: &Project, c: &Claim, st: &mut InspectorState, queue: &mut Queue) {
    let id = c.id.as_str();
    ui.heading("Claim");
    for (i, f) in c.content.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("“{}”", f.exact)).italics());
            if c.content.len() > 1
                && ui
                    .small_button(format!("Remove fragment {}", i + 1))
                    .clicked()
            {
                let f = f.clone();
                queue.edit(ops::update_claim(p, id, "remove fragment", |c| {
                    c.content.retain(|x| x != &f)
                }));
            }
        });
    }
    match c.anchor {
        crate::model::Anchor::Exact => {}
        crate::model::Anchor::Reanchored => {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new("Moved to where its quote is now (the text changed).")
                        .color(ui.visuals().warn_fg_color),
                );
                if ui.small_button("Mark as checked").clicked() {
                    queue.edit(ops::update_claim(
                        p,
                        id,
                        "mark re-anchored claim checked",
                        |c| c.anchor = crate::model::Anchor::Exact,
                    ));
                }
            });
        }
        crate::model::Anchor::Orphaned => {
            ui.label(
                RichText::new(
                    "Orphaned: its text was not found. Select where it belongs and use Annotate → Orphans… to re-attach it.",
                )
                .color(ui.visuals().error_fg_color),
            );
        }
    }
    ui.separator();
    let a = c.attribution.clone().unwrap_or_default();
    egui::Grid::new("inspector_grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Label");
            let mut label = c.label.clone();
            let shown = p
                .label(&label)
                .map(|l| l.name.clone())
                .unwrap_or_else(|| label.clone());
            egui::ComboBox::from_id_salt("Claim label")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for l in &p.labels {
                        ui.selectable_value(&mut label, l.id.clone(), l.name.as_str());
                    }
                })
                .response
                .accessible_name("Claim label");
            if label != c.label {
                queue.edit(ops::update_claim(p, id, "change label", |c| {
                    c.label = label
                }));
            }
            ui.end_row();

            // "Source", not "Sources": the left panel's tab has that name.
            ui.label("Source");
            sources_list(ui, p, c, &a.sources, &mut st.source_search, queue);
            ui.end_row();

            ui.label("Mention");
            ui.horizontal_wrapped(|ui| {
                if a.mention.is_empty() {
                    ui.label(RichText::new("— select it and press S").weak());
                } else {
                    let color = super::reader::role_color(
                        super::reader::Role::Mention,
                        ui.visuals().dark_mode,
                    );
                    let clear = ui.small_button("×").on_hover_text("Clear mention");
                    ui.label(RichText::new(spans_text(&a.mention)).color(color));
                    if clear.clicked() {
                        queue.edit(ops::update_claim(p, id, "clear mention", |c| {
                            ops::attribution_mut(c).mention.clear()
                        }));
                    }
                }
            });
            ui.end_row();

            ui.label("Cue");
            ui.horizontal_wrapped(|ui| {
                if a.cue.is_empty() {
                    ui.label(RichText::new("— select it and press Q").weak());
                } else {
                    let color =
                        super::reader::role_color(super::reader::Role::Cue, ui.visuals().dark_mode);
                    let clear = ui.small_button("×").on_hover_text("Clear cue");
                    ui.label(RichText::new(spans_text(&a.cue)).color(color));
                    if clear.clicked() {
                        queue.edit(ops::update_claim(p, id, "clear cue", |c| {
                            ops::attribution_mut(c).cue.clear()
                        }));
                    }
                }
            });
            ui.end_row();

            ui.label("Via");
            if let Some(s) = source_picker(
                ui,
                "Via source",
                p,
                a.via.as_deref(),
                &mut st.via_search,
                None,
            ) {
                queue.edit(ops::update_claim(p, id, "set via", |c| {
                    ops::attribution_mut(c).via = s
                }));
            }
            ui.end_row();

            ui.label("Within");
            let mut within = a.within.clone();
            let shown = within
                .as_deref()
                .and_then(|w| p.claim(w))
                .map(|w| shorten(&w.quote(), 40))
                .unwrap_or_else(|| "none".into());
            // The claim's quote is long: the box fits the panel and cuts it with "…", never
            // pushing the grid (and the note under it) past the panel's edge.
            let room = (ui.clip_rect().right() - ui.cursor().min.x - 12.0).clamp(80.0, 180.0);
            egui::ComboBox::from_id_salt("Within claim")
                .selected_text(shown)
                .width(room)
                .truncate()
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut within, None, "none");
                    for o in p.claims_of(&c.document).filter(|o| {
                        // Not itself, and not a claim nested in it (no cycles).
                        o.id != c.id
                            && o.attribution.as_ref().and_then(|a| a.within.as_deref()) != Some(id)
                    }) {
                        ui.selectable_value(
                            &mut within,
                            Some(o.id.clone()),
                            shorten(&o.quote(), 60),
                        );
                    }
                })
                .response
                .accessible_name("Within claim");
            if within != a.within {
                queue.edit(ops::update_claim(p, id, "set within", |c| {
                    ops::attribution_mut(c).within = within
                }));
            }
            ui.end_row();

            ui.label("Mode");
            let mut mode = a.mode;
            egui::ComboBox::from_id_salt("Claim mode")
                .selected_text(mode.as_str())
                .show_ui(ui, |ui| {
                    for m in Mode::ALL {
                        ui.selectable_value(&mut mode, m, m.as_str());
                    }
                })
                .response
                .accessible_name("Claim mode");
            if mode != a.mode {
                queue.edit(ops::update_claim(p, id, "set mode", |c| {
                    ops::attribution_mut(c).mode = mode
                }));
            }
            ui.end_row();

            ui.label("Status");
            let mut status = c.status;
            egui::ComboBox::from_id_salt("Claim status")
                .selected_text(status.as_str())
                .show_ui(ui, |ui| {
                    for s in Status::ALL {
                        ui.selectable_value(&mut status, s, s.as_str());
                    }
                })
                .response
                .accessible_name("Claim status");
            if status != c.status {
                queue.edit(ops::update_claim(p, id, "set status", |c| {
                    c.status = status
                }));
            }
            ui.end_row();
        });
    let l = ui.label("Note");
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut st.note)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    if r.lost_focus() && st.note != c.note {
        let note = st.note.clone();
        queue.edit(ops::update_claim(p, id, "edit note", |c| c.note = note));
    } else if !r.has_focus() && !r.lost_focus() {
        // Follow undo and redo while not editing.
        st.note = c.note.clone();
    }
    super::review::review_notes(ui, p, c, &mut st.review_comment, queue);
    ui.add_space(8.0);
    ui.label(
        RichText::new(format!(
            "by {} · modified {}",
            c.author,
            c.modified.strftime("%Y-%m-%d %H:%M")
        ))
        .small()
        .weak(),
    );
    if ui.button("Delete claim").clicked() {
        queue.push(Command::DeleteClaim);
    }
}

/// "New claims: [label]": the label new claims (and accepted suggestions) get.
pub fn label_chooser(ui: &mut Ui, p: &Project, current_label: &mut String) {
    ui.horizontal(|ui| {
        ui.label("New claims:");
        let shown = p
            .label(current_label)
            .map(|l| l.name.clone())
            .unwrap_or_default();
        egui::ComboBox::from_id_salt("Label for new claims")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for l in &p.labels {
                    ui.selectable_value(current_label, l.id.clone(), l.name.as_str());
                }
            })
            .response
            .accessible_name("Label for new claims");
    });
}
