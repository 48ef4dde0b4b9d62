//! Annotate → Orphans…: the claims whose quoted text could not be found in their document, with
//! what can be done about each (show its document, re-attach it to the selection, delete it).

use super::command::{Command, Queue};
use crate::edit::{Edit, ops};
use crate::model::{Anchor, Claim, Project};
use crate::text::{self, CharMap};
use egui::RichText;

/// How many claims of the project are orphaned.
pub fn count(p: &Project) -> usize {
    p.claims
        .iter()
        .filter(|c| c.anchor == Anchor::Orphaned)
        .count()
}

/// Draw the orphans window while `open`; closing it clears `open`. `doc` is the open document
/// and `selection` the reader's selection in it.
pub fn window(
    ctx: &egui::Context,
    p: &Project,
    doc: Option<&str>,
    selection: Option<(usize, usize)>,
    open: &mut bool,
    queue: &mut Queue,
) {
    egui::Window::new("Orphans")
        .open(open)
        .default_width(480.0)
        .show(ctx, |ui| {
            ui.label(
                "Claims whose quoted text could not be found in their document. Nothing was dropped: select where the claim belongs and re-attach it, or delete it.",
            );
            ui.separator();
            let orphans: Vec<&Claim> = p
                .claims
                .iter()
                .filter(|c| c.anchor == Anchor::Orphaned)
                .collect();
            if orphans.is_empty() {
                ui.label(RichText::new("No orphaned claims.").weak());
            }
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                for c in orphans {
                    let d = p.document(&c.document);
                    ui.label(RichText::new(format!("“{}”", c.quote())).italics());
                    ui.label(
                        RichText::new(format!(
                            "{} · {}",
                            d.map(|d| d.title.as_str()).unwrap_or("?"),
                            match p.source_names(c.sources()).join("; ") {
                                n if n.is_empty() => "no source".to_string(),
                                n => n,
                            }
                        ))
                        .weak(),
                    );
                    ui.horizontal(|ui| {
                        let here = doc == Some(c.document.as_str());
                        if !here && ui.button("Show its document").clicked() {
                            queue.push(Command::SelectDocument(c.document.clone()));
                        }
                        let can = here && selection.is_some();
                        if ui
                            .add_enabled(can, egui::Button::new("Re-attach to selection"))
                            .on_disabled_hover_text("Select the claim's text in its document first")
                            .clicked()
                        {
                            queue.push(Command::ReattachOrphan(c.id.clone()));
                        }
                        if ui.button("Delete orphan").clicked() {
                            queue.edit(ops::delete_claim(p, &c.id));
                        }
                    });
                    ui.separator();
                }
            });
        });
}

/// The edit that re-attaches orphan `id` to the chars `start..end` of its document: they become
/// its content; its mention and cue are kept where they still fit the text and dropped where
/// they do not. `None` if there is no such claim.
pub fn reattach(p: &Project, id: &str, start: usize, end: usize) -> Option<Edit> {
    let text = p
        .claim(id)
        .and_then(|c| p.document(&c.document))
        .map(|d| d.text.clone())?;
    let content = ops::spans(&text, &[(start, end)]);
    let map = CharMap::new(&text);
    ops::update_claim(p, id, "re-attach orphan", |c| {
        c.content = content;
        if let Some(a) = c.attribution.as_mut() {
            a.mention.retain(|sp| text::span_fits(&text, &map, sp));
            a.cue.retain(|sp| text::span_fits(&text, &map, sp));
        }
        c.anchor = Anchor::Exact;
    })
}
