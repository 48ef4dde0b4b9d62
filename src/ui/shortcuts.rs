//! Help → Shortcuts: every shortcut of the one table ([`BINDINGS`]), the labels' own keys and
//! the reader's own keys and gestures ([`READER_KEYS`]).

use super::command::{BINDINGS, READER_KEYS};
use crate::model::Project;
use egui::RichText;

/// Draw the shortcuts window while `open`; closing it clears `open`.
/// The window fits the screen (less a margin for the menu and status bars) and its table scrolls.
pub fn window(ctx: &egui::Context, p: &Project, open: &mut bool) {
    let screen = ctx.content_rect();
    // A fixed size (the table is longer than any screen): no sizing to the content over the
    // first frames, and the table scrolls inside.
    let h = (screen.height() - 110.0).max(160.0);
    let w = (screen.width() - 40.0).clamp(240.0, 620.0);
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .fixed_size(egui::vec2(w, h))
        .default_pos(screen.left_top() + egui::vec2(16.0, 36.0))
        .constrain(true)
        .show(ctx, |ui| {
            ui.label(
                RichText::new("Single keys act in the reader, not while typing in a field. F1 closes this window.").weak(),
            );
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| table(ui, ctx, p));
        });
}

fn table(ui: &mut egui::Ui, ctx: &egui::Context, p: &Project) {
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
}
