//! The panes' layout: the side panels (lists, inspector, review), the reader between them, the
//! notice overlay, and when the panels give way to a narrow window.

use super::*;

/// The reader keeps at least this width (px): side panels that would leave it less give way
/// (they are then shown one at a time over the reader, from toggles in the menu bar).
pub const READER_MIN_WIDTH: f32 = 400.0;

/// Where the side panels are, last frame (screen rects), and the widths they keep.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PanesLayout {
    pub lists: Option<egui::Rect>,
    pub inspector: Option<egui::Rect>,
    pub review: Option<egui::Rect>,
    /// Too narrow for the panels beside the reader: they are overlays, one at a time.
    pub narrow: bool,
    /// The overlay shown, in a narrow window.
    pub overlay: Option<Pane>,
    /// The widths the panels keep (the user's, by dragging their edges), in px.
    pub(super) widths: [f32; 3],
    /// The width of the window's content, this frame.
    pub(super) total: f32,
}

impl Default for PanesLayout {
    fn default() -> Self {
        PanesLayout {
            lists: None,
            inspector: None,
            review: None,
            narrow: false,
            overlay: None,
            widths: [300.0, 320.0, 340.0],
            total: 0.0,
        }
    }
}

impl PanesLayout {
    pub(super) fn width(&self, pane: Pane) -> f32 {
        self.widths[pane as usize]
    }
}

/// Draw `add` in exactly the width `ui` has: contents wrap, truncate or are clipped, and never
/// widen a panel (only dragging its edge does). Text fields without a width of their own are
/// sized to fit beside a label.
pub(super) fn fixed_width<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    let rect = ui.available_rect_before_wrap();
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
    child.shrink_clip_rect(rect);
    child.spacing_mut().text_edit_width = (rect.width() - 110.0).max(80.0);
    let r = add(&mut child);
    ui.expand_to_include_rect(rect);
    r
}

impl App {
    /// Showing and hiding the side panels.
    pub(super) fn run_pane(&mut self, c: Command) {
        match c {
            Command::TogglePane(pane) if self.panes.narrow => {
                self.panes.overlay = (self.panes.overlay != Some(pane)).then_some(pane);
                if pane == Pane::Review
                    && !self.conflicts.open
                    && let Some(r) = &mut self.review
                {
                    r.show_list = true;
                }
            }
            Command::TogglePane(pane) => match pane {
                Pane::Lists => self.settings.show_left = !self.settings.show_left,
                Pane::Inspector => self.settings.show_inspector = !self.settings.show_inspector,
                Pane::Review => {
                    if self.conflicts.open {
                        self.conflicts.open = false;
                    } else if let Some(r) = &mut self.review {
                        r.show_list = !r.show_list;
                    } else if self.conflicts.count() > 0 {
                        self.conflicts.open = true;
                    }
                }
            },
            _ => {}
        }
    }

    /// Which panels are shown beside the reader (as the View menu and the comparison ask).
    pub(super) fn docked(&self) -> Vec<Pane> {
        let mut v = Vec::new();
        if self.settings.show_left {
            v.push(Pane::Lists);
        }
        if self.settings.show_inspector {
            v.push(Pane::Inspector);
        }
        if self.review_shown() {
            v.push(Pane::Review);
        }
        v
    }

    /// Does the Review panel have something to show: the conflicts, or a comparison's list?
    pub(super) fn review_shown(&self) -> bool {
        self.conflicts.open || self.review.as_ref().is_some_and(|r| r.show_list)
    }

    /// A window narrower than the panels' widths plus [`READER_MIN_WIDTH`] shows the panels
    /// over the reader, one at a time, instead of beside it.
    pub(super) fn decide_narrow(&mut self, width: f32) {
        let panels: f32 = self.docked().iter().map(|p| self.panes.width(*p)).sum();
        let narrow = width < panels + READER_MIN_WIDTH;
        self.panes.total = width;
        if !narrow {
            self.panes.overlay = None;
        }
        self.panes.narrow = narrow;
    }

    /// The widest `pane` may be dragged: the reader keeps [`READER_MIN_WIDTH`] beside the
    /// other panels.
    pub(super) fn max_width(&self, pane: Pane, min: f32) -> f32 {
        let others: f32 = self
            .docked()
            .iter()
            .filter(|p| **p != pane)
            .map(|p| self.panes.width(*p))
            .sum();
        (self.panes.total - others - READER_MIN_WIDTH).max(min)
    }

    pub(super) fn left_panel(&mut self, ui: &mut Ui) {
        if !self.settings.show_left {
            return;
        }
        let max = self.max_width(Pane::Lists, 200.0);
        let r = egui::Panel::left("lists")
            .resizable(true)
            .default_size(self.panes.width(Pane::Lists))
            .min_size(200.0)
            .max_size(max)
            .show(ui, |ui| fixed_width(ui, |ui| self.lists_contents(ui)));
        self.panes.lists = Some(r.response.rect);
        self.panes.widths[Pane::Lists as usize] = r.response.rect.width();
    }

    pub(super) fn lists_contents(&mut self, ui: &mut Ui) {
        // The tabs wrap to a second line in a narrow panel rather than read "Docum".
        ui.horizontal_wrapped(|ui| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            let filtered = if self.claims_view.is_filtered() {
                "Claims (filtered)"
            } else {
                "Claims"
            };
            ui.selectable_value(&mut self.settings.left_tab, LeftTab::Claims, filtered);
            let n = self.suggest_view.shown();
            let suggestions = if n > 0 {
                format!("Suggestions ({n})")
            } else {
                "Suggestions".to_string()
            };
            ui.selectable_value(
                &mut self.settings.left_tab,
                LeftTab::Suggestions,
                suggestions,
            );
            ui.selectable_value(&mut self.settings.left_tab, LeftTab::Sources, "Sources");
            ui.selectable_value(&mut self.settings.left_tab, LeftTab::Documents, "Documents");
        });
        ui.separator();
        match self.settings.left_tab {
            LeftTab::Claims => panels::claims_list(
                ui,
                &self.session.project,
                self.doc.as_deref(),
                self.selected.as_deref(),
                &mut self.claims_view,
                &mut self.queue,
            ),
            LeftTab::Suggestions => {
                let writable = !self.is_read_only();
                suggest::panel(
                    ui,
                    &self.session.project,
                    self.doc.as_deref(),
                    &mut self.suggest_view,
                    writable,
                    &mut self.queue,
                )
            }
            LeftTab::Sources => {
                if panels::source_filter_chip(ui, &self.session.project, &mut self.claims_view) {
                    self.settings.left_tab = LeftTab::Claims;
                }
                let clicked = panels::sources_panel(
                    ui,
                    &self.session.project,
                    &mut self.sources_view,
                    &mut self.queue,
                );
                if let Some(id) = clicked {
                    self.claims_view.source = Some(Some(id));
                }
            }
            LeftTab::Documents => panels::documents_list(
                ui,
                &self.session.project,
                self.doc.as_deref(),
                &mut self.queue,
            ),
        }
    }

    pub(super) fn right_panel(&mut self, ui: &mut Ui) {
        if !self.settings.show_inspector {
            return;
        }
        let max = self.max_width(Pane::Inspector, 240.0);
        let r = egui::Panel::right("inspector")
            .resizable(true)
            .default_size(self.panes.width(Pane::Inspector))
            .min_size(240.0)
            .max_size(max)
            .show(ui, |ui| fixed_width(ui, |ui| self.inspector_contents(ui)));
        self.panes.inspector = Some(r.response.rect);
        self.panes.widths[Pane::Inspector as usize] = r.response.rect.width();
    }

    pub(super) fn inspector_contents(&mut self, ui: &mut Ui) {
        if self.selected.is_none() && self.suggest_view.current_suggestion().is_some() {
            let writable = !self.is_read_only();
            egui::ScrollArea::vertical().show(ui, |ui| {
                inspector::label_chooser(ui, &self.session.project, &mut self.current_label);
                ui.separator();
                suggest::details(
                    ui,
                    &self.session.project,
                    &self.suggest_view,
                    writable,
                    &mut self.queue,
                );
            });
            return;
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            inspector::show(
                ui,
                &self.session.project,
                self.selected.as_deref(),
                &mut self.current_label,
                &mut self.inspector,
                &mut self.queue,
            );
        });
    }

    pub(super) fn review_panel(&mut self, ui: &mut Ui) {
        if !self.review_shown() {
            return;
        }
        let max = self.max_width(Pane::Review, 260.0);
        let r = egui::Panel::right("review")
            .resizable(true)
            .default_size(self.panes.width(Pane::Review))
            .min_size(260.0)
            .max_size(max)
            .show(ui, |ui| fixed_width(ui, |ui| self.review_contents(ui)));
        self.panes.review = Some(r.response.rect);
        self.panes.widths[Pane::Review as usize] = r.response.rect.width();
    }

    pub(super) fn review_contents(&mut self, ui: &mut Ui) {
        if self.conflicts.open {
            conflicts::panel(
                ui,
                &self.session.project,
                &mut self.conflicts,
                self.selected.as_deref(),
                &mut self.queue,
            );
            return;
        }
        let Some(r) = self.review.as_mut() else {
            return;
        };
        review::disagreements_panel(
            ui,
            &self.session.project,
            r,
            self.doc.as_deref(),
            self.selected.as_deref(),
            &mut self.queue,
        );
    }

    /// In a narrow window: the one panel asked for, over the reader at its side (the reader
    /// keeps the whole width and does not reflow).
    pub(super) fn overlay(&mut self, ui: &mut Ui) {
        let Some(pane) = self.panes.overlay else {
            return;
        };
        let area = ui.available_rect_before_wrap();
        let width = self.panes.width(pane).min(area.width() - 40.0).max(160.0);
        let left = pane == Pane::Lists;
        let pos = if left {
            area.left_top()
        } else {
            area.right_top() - egui::vec2(width, 0.0)
        };
        let r = egui::Area::new(egui::Id::unique(("pane_overlay", pane as usize)))
            .order(egui::Order::Middle)
            .fixed_pos(pos)
            .constrain(false)
            .show(ui.ctx(), |ui| {
                egui::Frame::side_top_panel(ui.style())
                    .fill(ui.visuals().panel_fill)
                    .stroke(ui.visuals().window_stroke)
                    .show(ui, |ui| {
                        let inner = egui::vec2(width - 16.0, area.height() - 16.0);
                        ui.set_min_size(inner);
                        ui.set_max_size(inner);
                        fixed_width(ui, |ui| match pane {
                            Pane::Lists => self.lists_contents(ui),
                            Pane::Inspector => self.inspector_contents(ui),
                            Pane::Review => self.review_contents(ui),
                        });
                    });
            });
        let rect = Some(r.response.rect);
        match pane {
            Pane::Lists => self.panes.lists = rect,
            Pane::Inspector => self.panes.inspector = rect,
            Pane::Review => self.panes.review = rect,
        }
    }

    pub(super) fn central(&mut self, ui: &mut Ui) {
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(doc) = self.doc.clone().and_then(|d| self.session.project.document(&d)) else {
                ui.vertical_centered(|ui| {
                    ui.add_space(40.0);
                    ui.heading("No articles yet");
                    ui.label("Import an article (File → Import article…) or drop articles (.txt .md .pdf .docx) or a folder here.");
                    if ui.button("Import article…").clicked() {
                        self.queue.push(Command::ImportArticle);
                    }
                });
                return;
            };
            // Truncated, not wrapped: a long title must not widen the panel past the window
            // (the reader would then lay text out under the panels beside it).
            ui.add(
                egui::Label::new(RichText::new(&doc.title).heading().strong())
                    .truncate(),
            );
            if let Some(f) = &doc.origin.file {
                ui.label(RichText::new(f).weak());
            }
            if let Some(r) = &self.review {
                review::legend(ui, r);
            }
            ui.separator();
            let settings = &self.settings;
            let project = &self.session.project;
            let reader = self
                .readers
                .entry(doc.id.clone())
                .or_insert_with_key(|d| new_reader(settings, project, d));
            // The suggestion under review is drawn as selected when no claim is.
            let ghost = self
                .suggest_view
                .current_suggestion()
                .filter(|(_, s)| s.document == doc.id)
                .map(|(i, _)| suggest::ghost_id(i));
            let describe = |m: &Mark| super::super::marks::describe(project, m);
            let input = ReaderInput {
                doc_id: &doc.id,
                text: &doc.text,
                marks: &self.marks,
                marks_version: self.marks_version,
                selected_claim: self.selected.as_deref().or(ghost.as_deref()),
                find: &self.find.matches,
                find_current: self.find.current,
                font_size: self.settings.font_size,
                describe: Some(&describe),
            };
            let out = reader.show(ui, &input);
            if let Some(id) = out.clicked_claim {
                self.queue.push(match suggest::ghost_index(&id) {
                    Some(i) => Command::PickSuggestion(i),
                    None => Command::PickClaim(id),
                });
            } else if out.clicked_empty {
                self.queue.push(Command::PickNone);
            }
            if let Some(a) = out.bar_action {
                self.queue.push(match a {
                    BarAction::Claim => Command::MakeClaim,
                    BarAction::Mention => Command::SetMention,
                    BarAction::Cue => Command::SetCue,
                });
            }
            if let Some((s, e)) = out.add_fragment {
                self.queue.push(Command::AddFragment(s, e));
            }
        });
    }
}
