//! Annotate → Labels…: the labels window (name, key, colour, delete with reassignment, add),
//! every change one undoable edit.

use super::command::Queue;
use crate::edit::ops;
use crate::model::Project;
use egui::{Color32, Ui};
use std::collections::HashMap;

/// Draw the labels window while `open`; closing it clears `open`.
pub fn window(
    ctx: &egui::Context,
    p: &Project,
    open: &mut bool,
    view: &mut LabelsView,
    queue: &mut Queue,
) {
    egui::Window::new("Labels")
        .open(open)
        .default_width(420.0)
        .show(ctx, |ui| {
            labels_editor(ui, p, view, queue);
        });
}

/// State of the labels editor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelsView {
    names: HashMap<String, String>,
    keys: HashMap<String, String>,
    reassign: HashMap<String, String>,
}

/// Colours offered for labels (one click, one undoable edit).
const SWATCHES: [(u8, u8, u8); 10] = crate::model::LABEL_PALETTE;

pub fn labels_editor(ui: &mut Ui, p: &Project, view: &mut LabelsView, queue: &mut Queue) {
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for c in &p.claims {
        *uses.entry(c.label.as_str()).or_default() += 1;
    }
    for l in &p.labels {
        ui.push_id(&l.id, |ui| {
            ui.horizontal(|ui| {
                let name = view
                    .names
                    .entry(l.id.clone())
                    .or_insert_with(|| l.name.clone());
                let lab = ui.label("Name");
                let r = ui
                    .add(egui::TextEdit::singleline(name).desired_width(120.0))
                    .labelled_by(lab.id);
                if r.lost_focus() && name.trim() != l.name && !name.trim().is_empty() {
                    let n = name.trim().to_string();
                    queue.edit(ops::update_label(p, &l.id, |l| l.name = n));
                }
                if !r.has_focus() && !r.lost_focus() {
                    // Follow undo and redo while not editing.
                    *name = l.name.clone();
                }
                let key = view
                    .keys
                    .entry(l.id.clone())
                    .or_insert_with(|| l.shortcut.map(String::from).unwrap_or_default());
                let lab = ui.label("Key");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(key)
                            .desired_width(20.0)
                            .char_limit(1),
                    )
                    .labelled_by(lab.id);
                if r.lost_focus() {
                    let k = key
                        .trim()
                        .chars()
                        .next()
                        .map(|c| c.to_lowercase().next().unwrap_or(c));
                    if k != l.shortcut {
                        queue.edit(ops::update_label(p, &l.id, |l| l.shortcut = k));
                    }
                } else if !r.has_focus() {
                    *key = l.shortcut.map(String::from).unwrap_or_default();
                }
                ui.label(format!(
                    "{} claims",
                    uses.get(l.id.as_str()).copied().unwrap_or(0)
                ));
            });
            ui.horizontal(|ui| {
                for (i, c) in SWATCHES.iter().enumerate() {
                    let color = Color32::from_rgb(c.0, c.1, c.2);
                    let stroke = if l.color == *c {
                        egui::Stroke::new(2.0, ui.visuals().strong_text_color())
                    } else {
                        egui::Stroke::NONE
                    };
                    let b = egui::Button::new("    ").fill(color).stroke(stroke);
                    if ui
                        .add(b)
                        .accessible_name(format!("{} colour {}", l.name, i + 1))
                        .on_hover_text(format!("{} colour {}", l.name, i + 1))
                        .clicked()
                        && l.color != *c
                    {
                        let c = *c;
                        queue.edit(ops::update_label(p, &l.id, |l| l.color = c));
                    }
                }
                let used = uses.get(l.id.as_str()).copied().unwrap_or(0);
                let others: Vec<_> = p.labels.iter().filter(|o| o.id != l.id).collect();
                let target = view.reassign.entry(l.id.clone()).or_default();
                if used > 0 {
                    let shown = p
                        .label(target)
                        .map(|t| t.name.clone())
                        .unwrap_or("…".into());
                    let lab = ui.label("Reassign to");
                    egui::ComboBox::from_id_salt("Reassign to")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            for o in &others {
                                ui.selectable_value(target, o.id.clone(), o.name.as_str());
                            }
                        })
                        .response
                        .labelled_by(lab.id);
                }
                let can = p.labels.len() > 1 && (used == 0 || p.label(target).is_some());
                if ui
                    .add_enabled(can, egui::Button::new("Delete label"))
                    .clicked()
                {
                    let to = (used > 0).then_some(target.as_str());
                    queue.edit(ops::delete_label(p, &l.id, to));
                }
            });
            ui.separator();
        });
    }
    if ui.button("Add label").clicked() {
        let name = (1..)
            .map(|n| format!("Label {n}"))
            .find(|n| p.find_label(n).is_none())
            .unwrap_or_default();
        let l = ops::new_label(p, &name, crate::model::color_for(&name), None);
        queue.edits.push(ops::add_label(p, l));
    }
}
