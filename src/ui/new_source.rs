//! The "New source" dialog: the text selected as a claim's mention names no source of the
//! registry (by name or alias), so the user names a new source (and its kind) or picks an
//! existing one. Confirming sets the mention (and adds the source) in one undoable edit.

use crate::edit::{Edit, ops};
use crate::model::{Project, SourceKind};

/// What the user did with the dialog this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Confirm,
    Cancel,
}

/// Draw the dialog's contents (inside the modal) over its buffers.
pub fn form(
    ui: &mut egui::Ui,
    p: &Project,
    name: &mut String,
    kind: &mut SourceKind,
    existing: &mut Option<String>,
) -> Option<Answer> {
    let mut answer = None;
    ui.heading("New source");
    ui.label("No source in the registry has this name or alias.");
    egui::Grid::new("new_source_grid").show(ui, |ui| {
        let l = ui.label("Source name");
        ui.add_enabled(existing.is_none(), super::words::field(name))
            .labelled_by(l.id);
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
        ui.label("Or use");
        let shown = existing
            .as_deref()
            .and_then(|id| p.source(id))
            .map(|s| s.name.clone())
            .unwrap_or_else(|| "a new source".into());
        egui::ComboBox::from_id_salt("Existing source")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(existing, None, "a new source");
                for s in &p.sources {
                    ui.selectable_value(existing, Some(s.id.clone()), s.name.as_str());
                }
            })
            .response
            .accessible_name("Existing source");
        ui.end_row();
    });
    ui.horizontal(|ui| {
        let ok = existing.is_some() || !name.trim().is_empty();
        if ui
            .add_enabled(ok, egui::Button::new("Confirm source"))
            .clicked()
        {
            answer = Some(Answer::Confirm);
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Cancel);
        }
    });
    answer
}

/// The edit that makes chars `start..end` the mention of `claim`, attributed to `existing` or
/// else to a new source `name` of `kind` (added in the same edit).
pub fn edit(
    p: &Project,
    claim: &str,
    (start, end): (usize, usize),
    name: &str,
    kind: SourceKind,
    existing: Option<&str>,
) -> Option<Edit> {
    match existing {
        Some(id) => ops::set_mention(p, claim, start, end, Some(id)),
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
