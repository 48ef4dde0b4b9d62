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
    /// Why the key typed for a label was refused, per label id.
    key_errors: HashMap<String, String>,
}

/// Colours closer than this (CIE76 ΔE in CIELAB) are hard to tell apart as highlights.
pub const TOO_CLOSE: f32 = 20.0;

/// The perceptual distance between two colours: CIE76 ΔE (Euclidean in CIELAB, D50 white as
/// in CSS Color 4), computed by the `color` crate.
pub fn delta_e(a: (u8, u8, u8), b: (u8, u8, u8)) -> f32 {
    use color::{Lab, OpaqueColor, Srgb};
    let lab = |(r, g, b): (u8, u8, u8)| {
        OpaqueColor::<Srgb>::new([r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0])
            .convert::<Lab>()
    };
    lab(a).difference(lab(b))
}

/// Why `key` cannot be the shortcut of label `id`: a command has it, or another label.
pub fn key_refusal(p: &Project, id: &str, key: char) -> Option<String> {
    let upper = key.to_uppercase().to_string();
    if let Some(cmd) = super::command::bare_key_owner(key) {
        return Some(format!("{upper} is taken: it is “{cmd}”"));
    }
    p.labels
        .iter()
        .find(|o| o.id != id && o.shortcut == Some(key))
        .map(|o| format!("{upper} is taken by the label “{}”", o.name))
}

/// What a label's colour is too close to: the selection colour or other labels' colours.
pub fn colour_warnings(p: &Project, id: &str, selection: Color32) -> Vec<String> {
    let Some(l) = p.label(id) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let sel = (selection.r(), selection.g(), selection.b());
    if delta_e(l.color, sel) < TOO_CLOSE {
        out.push("too close to the selection colour".to_string());
    }
    for o in p.labels.iter().filter(|o| o.id != id) {
        if delta_e(l.color, o.color) < TOO_CLOSE {
            out.push(format!("hard to tell from “{}”", o.name));
        }
    }
    out
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
                    match k.and_then(|c| key_refusal(p, &l.id, c)) {
                        Some(why) => {
                            view.key_errors.insert(l.id.clone(), why);
                            *key = l.shortcut.map(String::from).unwrap_or_default();
                        }
                        // A new key that is free: taken (and the last refusal forgotten).
                        None if k != l.shortcut => {
                            view.key_errors.remove(&l.id);
                            queue.edit(ops::update_label(p, &l.id, |l| l.shortcut = k));
                        }
                        None => {}
                    }
                } else if !r.has_focus() {
                    *key = l.shortcut.map(String::from).unwrap_or_default();
                }
                ui.label(super::words::plural(
                    uses.get(l.id.as_str()).copied().unwrap_or(0),
                    "claim",
                ));
            });
            if let Some(why) = view.key_errors.get(&l.id) {
                ui.label(
                    egui::RichText::new(format!("Key not changed: {why}."))
                        .color(ui.visuals().error_fg_color),
                );
            }
            let selection = ui.visuals().selection.bg_fill;
            let warnings = colour_warnings(p, &l.id, selection);
            if !warnings.is_empty() {
                ui.label(
                    egui::RichText::new(format!("⚠ Colour {}.", warnings.join("; ")))
                        .color(ui.visuals().warn_fg_color),
                );
            }
            ui.horizontal(|ui| {
                for (i, c) in SWATCHES.iter().enumerate() {
                    let color = Color32::from_rgb(c.0, c.1, c.2);
                    let stroke = if l.color == *c {
                        egui::Stroke::new(2.0, ui.visuals().strong_text_color())
                    } else {
                        egui::Stroke::NONE
                    };
                    let b = egui::Button::new("    ").fill(color).stroke(stroke);
                    let sel = ui.visuals().selection.bg_fill;
                    let close = delta_e(*c, (sel.r(), sel.g(), sel.b())) < TOO_CLOSE;
                    let hover = if close {
                        format!(
                            "{} colour {} (close to the selection colour)",
                            l.name,
                            i + 1
                        )
                    } else {
                        format!("{} colour {}", l.name, i + 1)
                    };
                    if ui
                        .add(b)
                        .accessible_name(format!("{} colour {}", l.name, i + 1))
                        .on_hover_text(hover)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_e_matches_known_values() {
        assert!(delta_e((10, 20, 30), (10, 20, 30)) < 1e-3);
        // Black to white is ΔE 100 (L* 0 to 100).
        assert!((delta_e((0, 0, 0), (255, 255, 255)) - 100.0).abs() < 0.5);
        // Pure red to pure green in CIELAB with the D50 white of CSS Color 4 (red
        // lab(54.29 80.82 69.91), green lab(87.82 −79.27 80.99)): ΔE ≈ 163.9.
        let rg = delta_e((255, 0, 0), (0, 255, 0));
        assert!((rg - 163.9).abs() < 1.0, "{rg}");
    }

    #[test]
    fn keys_in_use_are_refused_with_their_owner() {
        let mut p = Project::new("t", crate::model::Annotator::named("A"));
        let first = p.labels[0].id.clone();
        assert!(key_refusal(&p, &first, 's').unwrap().contains("source"));
        assert_eq!(key_refusal(&p, &first, 'k'), None);
        p.labels[0].shortcut = Some('k');
        let l = ops::new_label(&p, "Rumour", (1, 2, 3), None);
        ops::add_label(&p, l.clone()).apply(&mut p).unwrap();
        assert!(
            key_refusal(&p, &l.id, 'k')
                .unwrap()
                .contains(&p.labels[0].name)
        );
    }

    #[test]
    fn close_colours_are_named() {
        let mut p = Project::new("t", crate::model::Annotator::named("A"));
        let sel = Color32::from_rgb(144, 209, 255);
        let l = ops::new_label(&p, "Near selection", (140, 205, 250), None);
        ops::add_label(&p, l.clone()).apply(&mut p).unwrap();
        let w = colour_warnings(&p, &l.id, sel);
        assert!(w.iter().any(|x| x.contains("selection")), "{w:?}");
        let twin = ops::new_label(&p, "Twin", (142, 207, 252), None);
        ops::add_label(&p, twin).apply(&mut p).unwrap();
        let w = colour_warnings(&p, &l.id, sel);
        assert!(w.iter().any(|x| x.contains("Twin")), "{w:?}");
        let far = ops::new_label(&p, "Far", (200, 40, 40), None);
        ops::add_label(&p, far.clone()).apply(&mut p).unwrap();
        assert!(colour_warnings(&p, &far.id, sel).is_empty());
    }
}
