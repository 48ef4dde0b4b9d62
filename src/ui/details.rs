//! File → Document details…: the open document's metadata (title, URL, outlet, author,
//! publication date) edited as one undoable edit, and what it was imported from.

use super::command::Queue;
use crate::edit::ops;
use crate::model::{Document, Origin, Project};
use egui::{Key, RichText};

/// The document details editor: metadata text buffers for one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetaEditor {
    pub doc: String,
    pub title: String,
    pub url: String,
    pub outlet: String,
    pub author: String,
    pub published: String,
    /// The values the buffers were filled from (to refill after an undo).
    from: Option<(String, Origin)>,
}

impl MetaEditor {
    pub fn new(doc: &str) -> Self {
        MetaEditor {
            doc: doc.to_string(),
            ..Default::default()
        }
    }

    fn fill(&mut self, d: &Document) {
        self.title = d.title.clone();
        let o = &d.origin;
        self.url = o.url.clone().unwrap_or_default();
        self.outlet = o.outlet.clone().unwrap_or_default();
        self.author = o.author.clone().unwrap_or_default();
        self.published = o.published.clone().unwrap_or_default();
        self.from = Some((d.title.clone(), d.origin.clone()));
    }
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Draw the document details window. Returns false once closed. The window follows `doc`, the
/// open document. Changes are queued as one `set_document_meta` edit when Apply is clicked (or
/// Enter pressed in a field).
pub fn window(
    ctx: &egui::Context,
    p: &Project,
    doc: Option<&str>,
    ed: &mut MetaEditor,
    read_only: bool,
    queue: &mut Queue,
) -> bool {
    if let Some(cur) = doc
        && ed.doc != cur
    {
        *ed = MetaEditor::new(cur);
    }
    let Some(d) = p.document(&ed.doc) else {
        return false;
    };
    // Refill when the document changed underneath (undo, another document).
    if ed.from.as_ref() != Some(&(d.title.clone(), d.origin.clone())) {
        ed.fill(d);
    }
    let mut open = true;
    egui::Window::new("Document details")
        .default_width(520.0)
        .open(&mut open)
        .show(ctx, |ui| {
            let mut enter = false;
            egui::Grid::new("doc_meta_grid")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (name, buf) in [
                        ("Title", &mut ed.title),
                        ("URL", &mut ed.url),
                        ("Outlet", &mut ed.outlet),
                        ("Author", &mut ed.author),
                        ("Published", &mut ed.published),
                    ] {
                        let l = ui.label(name);
                        let r = ui
                            .add_enabled(!read_only, super::words::field(buf).desired_width(380.0))
                            .labelled_by(l.id);
                        enter |= r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                        ui.end_row();
                    }
                    let o = &d.origin;
                    let fixed = [
                        ("File", o.file.clone().unwrap_or_else(|| "—".into())),
                        ("Extractor", o.extractor.clone()),
                        ("Language", o.lang.clone().unwrap_or_else(|| "—".into())),
                        ("Imported", o.imported.to_string()),
                        (
                            "SHA-256",
                            d.sha256.chars().take(12).collect::<String>() + "…",
                        ),
                        ("Length", format!("{} characters", d.text.chars().count())),
                    ];
                    for (name, value) in fixed {
                        ui.label(name);
                        ui.label(RichText::new(value).weak());
                        ui.end_row();
                    }
                });
            let mut origin = d.origin.clone();
            origin.url = opt(&ed.url);
            origin.outlet = opt(&ed.outlet);
            origin.author = opt(&ed.author);
            origin.published = opt(&ed.published);
            let title = ed.title.trim().to_string();
            let title = title.as_str();
            let changed = title != d.title || origin != d.origin;
            ui.horizontal(|ui| {
                let ok = changed && !title.is_empty() && !read_only;
                if (ui.add_enabled(ok, egui::Button::new("Apply")).clicked() || (enter && ok))
                    && let Some(e) = ops::set_document_meta(p, &d.id, title, origin)
                {
                    queue.edit(Some(e));
                }
                if ui
                    .add_enabled(changed, egui::Button::new("Revert"))
                    .clicked()
                {
                    ed.fill(d);
                }
                if title.is_empty() {
                    ui.label(RichText::new("A document needs a title.").weak());
                }
            });
        });
    open
}
