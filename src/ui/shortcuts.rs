//! Help → Shortcuts: every shortcut of the one table ([`BINDINGS`]), the labels' own keys and
//! the reader's own keys and gestures ([`READER_KEYS`]).

use super::command::{BINDINGS, READER_KEYS};
use crate::model::Project;
use egui::RichText;

/// Draw the shortcuts window while `open`; closing it clears `open`.
pub fn window(ctx: &egui::Context, p: &Project, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts_grid")
                .striped(true)
                .show(ui, |ui| {
                    for b in BINDINGS {
                        if b.shortcuts.is_empty() {
                            continue;
                        }
                        ui.label(RichText::new(b.group).weak());
                        ui.label(b.label);
                        let keys: Vec<String> =
                            b.shortcuts.iter().map(|s| ctx.format_shortcut(s)).collect();
                        ui.label(RichText::new(keys.join("  or  ")).monospace());
                        ui.end_row();
                    }
                    for l in &p.labels {
                        if let Some(c) = l.shortcut {
                            ui.label(RichText::new("Annotate").weak());
                            ui.label(format!("Claim as {}", l.name));
                            ui.label(RichText::new(c.to_uppercase().to_string()).monospace());
                            ui.end_row();
                        }
                    }
                    for (what, keys) in READER_KEYS {
                        ui.label(RichText::new("Read").weak());
                        ui.label(*what);
                        ui.label(RichText::new(*keys).monospace());
                        ui.end_row();
                    }
                });
            ui.label(
                RichText::new("Single keys act in the reader, not while typing in a field.").weak(),
            );
        });
}
