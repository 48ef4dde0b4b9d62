//! The source dialog of S: the text selected as a claim's mention names no registry source
//! exactly (by name or alias), so the registry's sources are offered ranked by how well they fit
//! the mention ([`model::mentions::rank_sources`]): the best is preselected when it is close,
//! "a new source" otherwise. Choosing an existing source offers to keep the mention as one of
//! its aliases (on by default). Confirming is one undoable edit.

use crate::edit::{Edit, ops};
use crate::model::mentions;
use crate::model::{Project, SourceKind};

/// What the user did with the dialog this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Confirm,
    Cancel,
}

/// How many ranked candidates are listed as choices (the rest stay in "Another source").
const SHOWN: usize = 5;

/// The choice to preselect for `mention` in `document`: the best existing source when it is
/// close enough, else none (a new source).
pub fn preselect(p: &Project, document: &str, mention: &str) -> Option<String> {
    mentions::best_match(p, Some(document), mention).map(|s| s.id.clone())
}

/// The dialog's buffers.
#[derive(Debug, Clone, PartialEq)]
pub struct Form<'a> {
    pub document: &'a str,
    pub mention: &'a str,
}

/// Draw the dialog's contents (inside the modal) over its buffers.
#[allow(clippy::too_many_arguments)]
pub fn form(
    ui: &mut egui::Ui,
    p: &Project,
    f: Form<'_>,
    name: &mut String,
    kind: &mut SourceKind,
    existing: &mut Option<String>,
    add_alias: &mut bool,
) -> Option<Answer> {
    let mut answer = None;
    let chosen = existing.as_deref().and_then(|id| p.source(id));
    ui.heading(match chosen {
        Some(_) => "Use an existing source",
        None => "New source",
    });
    ui.label(format!(
        "“{}” is not yet a name or alias in the registry.",
        f.mention.trim()
    ));
    let ranked = mentions::rank_sources(p, Some(f.document), f.mention);
    ui.add_space(4.0);
    ui.label("Attribute to");
    for c in ranked.iter().filter(|c| c.score > 0.0).take(SHOWN) {
        let text = format!(
            "{} ({}, {:.0}% alike)",
            c.source.name,
            c.source.kind.as_str(),
            c.score * 100.0
        );
        ui.radio_value(existing, Some(c.source.id.clone()), text);
    }
    ui.horizontal(|ui| {
        let others: Vec<_> = ranked.iter().skip_while(|c| c.score > 0.0).collect();
        let in_others = others
            .iter()
            .any(|c| Some(c.source.id.as_str()) == existing.as_deref());
        let shown = if in_others {
            chosen.map(|s| s.name.clone()).unwrap_or_default()
        } else {
            "another source…".into()
        };
        egui::ComboBox::from_id_salt("Existing source")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for c in &ranked {
                    ui.selectable_value(
                        existing,
                        Some(c.source.id.clone()),
                        c.source.name.as_str(),
                    );
                }
            })
            .response
            .accessible_name("Existing source");
    });
    ui.radio_value(existing, None, "a new source");
    ui.add_space(4.0);
    egui::Grid::new("new_source_grid").show(ui, |ui| match chosen {
        None => {
            let l = ui.label("Source name");
            let r = ui.add(super::words::field(name)).labelled_by(l.id);
            // Typing starts in the name field when nothing else has the keyboard.
            if ui.memory(|m| m.focused().is_none()) {
                r.request_focus();
            }
            ui.end_row();
            ui.label("Kind");
            egui::ComboBox::from_id_salt("Source kind")
                .selected_text(kind.as_str())
                .show_ui(ui, |ui| {
                    for k in SourceKind::ALL {
                        ui.selectable_value(kind, k, k.as_str());
                    }
                })
                .response
                .accessible_name("Source kind");
            ui.end_row();
        }
        Some(s) => {
            ui.label("Kind");
            ui.label(s.kind.as_str());
            ui.end_row();
            if !s.is_named(f.mention) {
                ui.label("");
                ui.checkbox(
                    add_alias,
                    format!("Add “{}” as an alias of {}", f.mention.trim(), s.name),
                );
                ui.end_row();
            }
        }
    });
    ui.horizontal(|ui| {
        let ok = chosen.is_some() || !name.trim().is_empty();
        let label = match chosen {
            Some(s) => format!("Use {}", s.name),
            None => "Add the new source".to_string(),
        };
        if ui
            .add_enabled(ok, egui::Button::new(label))
            .accessible_name("Confirm source")
            .clicked()
        {
            answer = Some(Answer::Confirm);
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Cancel);
        }
    });
    // Enter confirms (from the name field, a choice or anywhere in the dialog), unless a list is
    // open (Enter picks in it) or nothing can be confirmed yet; Escape cancels.
    let ok = chosen.is_some() || !name.trim().is_empty();
    let popup = egui::Popup::is_any_open(ui.ctx());
    if answer.is_none() && !popup {
        if ok && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)) {
            answer = Some(Answer::Confirm);
        } else if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            answer = Some(Answer::Cancel);
        }
    }
    answer
}

/// The edit that makes chars `start..end` the mention of `claim`, attributed to `existing`
/// (with the mention added to its aliases when `alias` is given) or else to a new source
/// `name` of `kind` (added in the same edit).
pub fn edit(
    p: &Project,
    claim: &str,
    (start, end): (usize, usize),
    name: &str,
    kind: SourceKind,
    existing: Option<&str>,
    alias: Option<&str>,
) -> Option<Edit> {
    match existing {
        Some(id) => {
            let set = ops::set_mention(p, claim, start, end, Some(id))?;
            let alias = alias
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .filter(|a| p.source(id).is_some_and(|s| !s.is_named(a)));
            match alias.and_then(|a| {
                let a = a.to_string();
                ops::update_source(p, id, "add alias", |s| s.aliases.push(a))
            }) {
                Some(add) => Some(Edit::Batch {
                    what: "set mention and add alias".into(),
                    edits: vec![add, set],
                }),
                None => Some(set),
            }
        }
        None => {
            let src = ops::new_source(p, name, kind);
            let id = src.id.clone();
            let add = ops::add_source(p, src);
            ops::set_mention(p, claim, start, end, Some(&id)).map(|set| Edit::Batch {
                what: format!("add source {} and set mention", name.trim()),
                edits: vec![add, set],
            })
        }
    }
}
