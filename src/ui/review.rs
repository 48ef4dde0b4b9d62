//! Review → Compare with…: a colleague's project shown next to mine, read-only.
//!
//! - the reader overlays both annotations: my claims filled in the colour of their row's kind
//!   (agree, partly agree, only mine), their version of a partly agreeing claim and their lone
//!   claims as a dashed outline; colours from the Okabe–Ito palette (safe for colour-blind
//!   readers), and the kinds differ by style too (fill + underline for mine, dashed box for
//!   theirs);
//! - a disagreements list per document with the actions of [`crate::review::adjudicate`]
//!   (each one undoable edit on my project);
//! - an agreement window with the measures overall, per document and per label.
//!
//! Their project is loaded with [`store::load`] and never written or locked. The comparison
//! and the measures are recomputed only when my project changes (keyed by the history version).

use super::command::{Command, Queue};
use super::reader::{Mark, Role};
use super::words::shorten;
use crate::model::{Claim, Project, Verdict};
use crate::review::adjudicate::{self, Settled};
use crate::review::{Agreement, Comparison, DocumentComparison, Measures, Pair, PairKind};
use crate::store;
use egui::{Color32, RichText, Stroke, Ui, vec2};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Same fragments, label and source (Okabe–Ito bluish green).
pub const AGREE: Color32 = Color32::from_rgb(0, 158, 115);
/// Paired, but fragments, label or source differ (Okabe–Ito orange).
pub const PARTIAL: Color32 = Color32::from_rgb(230, 159, 0);
/// A claim only I made (Okabe–Ito blue).
pub const ONLY_MINE: Color32 = Color32::from_rgb(0, 114, 178);
/// A claim only they made (Okabe–Ito reddish purple).
pub const ONLY_THEIRS: Color32 = Color32::from_rgb(204, 121, 167);

/// The colour of a row kind.
pub fn kind_color(k: PairKind) -> Color32 {
    match k {
        PairKind::Agree => AGREE,
        PairKind::Partial => PARTIAL,
        PairKind::OnlyMine => ONLY_MINE,
        PairKind::OnlyTheirs => ONLY_THEIRS,
    }
}

/// What a row kind is called in the window.
pub fn kind_name(k: PairKind) -> &'static str {
    match k {
        PairKind::Agree => "Agree",
        PairKind::Partial => "Partly agree",
        PairKind::OnlyMine => "Only mine",
        PairKind::OnlyTheirs => "Only theirs",
    }
}

/// The comparison with a colleague's project.
pub struct ReviewSession {
    /// Where their project was read from.
    pub path: PathBuf,
    /// Their project (read-only: never saved, never locked).
    pub theirs: Project,
    /// The id under which their annotator is recorded.
    pub other: String,
    pub comparison: Comparison,
    pub agreement: Agreement,
    /// (project generation, history version) the comparison was computed for.
    key: Option<(u64, (u64, usize))>,
    /// How many times the comparison was computed (tests check it is cached).
    pub computed: u64,
    /// The settled rows, by (my claim, their claim), computed with the comparison; a row not
    /// here is open.
    settled: HashMap<RowKey, Settled>,
    pub show_list: bool,
    pub show_agreement: bool,
    pub hide_settled: bool,
    /// The row last clicked in the list: (my claim, their claim).
    pub selected_row: Option<(Option<String>, Option<String>)>,
}

impl ReviewSession {
    /// Read their project from `path` (nothing is written or locked).
    pub fn open(path: &Path) -> Result<Self, store::StoreError> {
        let (theirs, _) = store::load(path)?;
        Ok(ReviewSession {
            path: path.to_path_buf(),
            other: adjudicate::other_id(&theirs),
            theirs,
            comparison: Comparison {
                documents: Vec::new(),
                only_mine: Vec::new(),
                only_theirs: Vec::new(),
            },
            agreement: Agreement {
                overall: Measures::default(),
                documents: Vec::new(),
                labels: Vec::new(),
            },
            key: None,
            computed: 0,
            settled: HashMap::new(),
            show_list: true,
            show_agreement: false,
            hide_settled: false,
            selected_row: None,
        })
    }

    /// Recompute the comparison and the measures if my project changed since; true if it did.
    pub fn refresh(&mut self, mine: &Project, key: (u64, (u64, usize))) -> bool {
        if self.key == Some(key) {
            return false;
        }
        self.comparison = crate::review::compare(mine, &self.theirs);
        self.agreement = crate::review::agreement(mine, &self.theirs);
        let index = adjudicate::SettledIndex::new(mine, &self.other);
        self.settled = self
            .comparison
            .documents
            .iter()
            .flat_map(|d| &d.pairs)
            .filter_map(|p| Some((row_key(p), index.of(p)?)))
            .collect();
        self.key = Some(key);
        self.computed += 1;
        true
    }

    /// The overlay of one of my documents; `None` if their project lacks its text.
    pub fn marks(&self, mine: &Project, doc: &str) -> Option<Vec<Mark>> {
        let d = self.comparison.document(doc)?;
        let mut marks = Vec::new();
        for pair in &d.pairs {
            let color = kind_color(pair.kind);
            if let Some(c) = pair.mine.as_deref().and_then(|id| mine.claim(id)) {
                super::marks::claim_marks(&mut marks, c, color);
            }
            if matches!(pair.kind, PairKind::Partial | PairKind::OnlyTheirs)
                && let Some(c) = pair.theirs.as_deref().and_then(|id| self.theirs.claim(id))
            {
                for s in &c.content {
                    marks.push(Mark {
                        start: s.start,
                        end: s.end,
                        color,
                        claim: c.id.clone(),
                        role: Role::Theirs,
                    });
                }
            }
        }
        Some(marks)
    }

    /// How this row stands, as of the last refresh (`None`: open).
    pub fn settled(&self, pair: &Pair) -> Option<Settled> {
        self.settled.get(&row_key(pair)).copied()
    }

    /// What to say when the comparison with `mine` starts (whose file, what matched, what is
    /// left to settle), and whether that is a problem (no document matched).
    pub fn opening_note(&self, mine: &Project) -> (String, bool) {
        let c = self.comparison.counts();
        let matched = self.comparison.documents.len();
        let name = &self.theirs.annotator.name;
        let path = self.path.display();
        let mut text = if matched == 0 {
            format!(
                "Comparing with {path} by {name}: no document has the same text in both projects (documents are matched by the hash of their text), so there is nothing to compare."
            )
        } else {
            format!(
                "Comparing with {path} by {name} (read-only): {matched} matched document(s), {} agree, {} to settle.",
                c.agree,
                c.disagreements()
            )
        };
        if self.other == mine.annotator.id {
            text.push_str(&format!(
                " Both projects name the annotator “{}”: agreements will be recorded under that id.",
                self.other
            ));
        }
        (text, matched == 0)
    }

    /// Open disagreements (not settled) over all matched documents.
    pub fn open_count(&self) -> usize {
        self.comparison
            .documents
            .iter()
            .flat_map(|d| d.disagreements())
            .filter(|p| self.settled(p).is_none())
            .count()
    }
}

/// How wide a legend swatch is (points).
const SWATCH_WIDTH: f32 = 22.0;

/// A legend swatch: mine (fill + underline) or theirs (dashed box).
fn swatch(ui: &mut Ui, color: Color32, theirs: bool) {
    let (r, _) = ui.allocate_exact_size(vec2(SWATCH_WIDTH, 14.0), egui::Sense::hover());
    let p = ui.painter();
    if theirs {
        p.rect_filled(r, 0.0, color.gamma_multiply(0.12));
        for shape in super::reader::dashed_rect(r, Stroke::new(1.5, color)) {
            p.add(shape);
        }
    } else {
        p.rect_filled(r, 0.0, color.gamma_multiply(0.38));
        p.line_segment([r.left_bottom(), r.right_bottom()], Stroke::new(1.5, color));
    }
}

/// The legend above the reader while comparing.
pub fn legend(ui: &mut Ui, s: &ReviewSession) {
    ui.horizontal_wrapped(|ui| {
        let c = s.comparison.counts();
        ui.label(RichText::new(format!("Comparing with {}:", s.theirs.annotator.name)).strong());
        ui.label(format!(
            "{} agree, {} to settle.",
            c.agree,
            c.disagreements()
        ));
        for (k, theirs, text) in [
            (PairKind::Agree, false, "agree"),
            (PairKind::Partial, false, "partly agree (mine)"),
            (PairKind::Partial, true, "partly agree (theirs)"),
            (PairKind::OnlyMine, false, "only mine"),
            (PairKind::OnlyTheirs, true, "only theirs"),
        ] {
            // A swatch and its words as one piece: the row wraps between items, never between
            // a swatch and what it means.
            // The words laid out as the label lays them out, to know their width first.
            let galley = egui::WidgetText::from(text).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            let need = SWATCH_WIDTH + 2.0 * ui.spacing().item_spacing.x + galley.size().x;
            if ui.available_size_before_wrap().x < need {
                ui.end_row();
            }
            swatch(ui, kind_color(k), theirs);
            ui.add(egui::Label::new(galley));
            ui.add_space(6.0);
        }
    });
}

/// "Label · Source; Source" (or "no source") for a claim.
pub fn claim_summary(p: &Project, c: &Claim) -> String {
    let label = p
        .label(&c.label)
        .map(|l| l.name.as_str())
        .unwrap_or(&c.label);
    let source = match p.source_names(c.sources()).join("; ") {
        n if n.is_empty() => "no source".to_string(),
        n => n,
    };
    format!("{label} · {source}")
}

fn side(ui: &mut Ui, who: &str, p: &Project, id: Option<&str>) {
    match id.and_then(|id| p.claim(id)) {
        Some(c) => {
            ui.label(RichText::new(format!("{who}: “{}”", shorten(&c.quote(), 140))).italics());
            ui.label(RichText::new(format!("{who}: {}", claim_summary(p, c))).small());
        }
        None => {
            ui.label(RichText::new(format!("{who}: —")).weak());
        }
    }
}

/// The disagreements list of the current document, with the actions; rows push edits and
/// commands into `queue`.
pub fn disagreements_panel(
    ui: &mut Ui,
    mine: &Project,
    s: &mut ReviewSession,
    doc: Option<&str>,
    selected: Option<&str>,
    queue: &mut Queue,
) {
    ui.heading("Review");
    ui.label(
        RichText::new(format!(
            "Theirs: “{}” by {} (read-only) — {}",
            s.theirs.name,
            s.theirs.annotator.name,
            s.path.display()
        ))
        .small(),
    );
    let open = s.open_count();
    let counts = s.comparison.counts();
    ui.label(format!(
        "{} matched document(s) · {} agree · {} partly · {} only mine · {} only theirs · {} open",
        s.comparison.documents.len(),
        counts.agree,
        counts.partial,
        counts.only_mine,
        counts.only_theirs,
        open
    ));
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut s.hide_settled, "Hide settled");
        if ui.button("Agreement…").clicked() {
            s.show_agreement = true;
        }
        if ui.button("Export disagreements…").clicked() {
            queue.push(Command::ExportDisagreements);
        }
    });
    if s.comparison.documents.len() > 1 {
        egui::CollapsingHeader::new("Documents").show(ui, |ui| {
            for d in &s.comparison.documents {
                let n = d.disagreements().filter(|p| s.settled(p).is_none()).count();
                let text = format!("{} ({n} open)", shorten(&d.title, 50));
                if ui
                    .add(egui::Button::selectable(doc == Some(d.mine.as_str()), text))
                    .clicked()
                {
                    queue.push(Command::SelectDocument(d.mine.clone()));
                }
            }
        });
    }
    ui.separator();
    let Some(d) = doc.and_then(|doc| s.comparison.document(doc)) else {
        ui.label("Their project has no document with this text (documents are matched by the hash of their text).");
        return;
    };
    let d: DocumentComparison = d.clone();
    let agreed: Vec<&Pair> = d
        .pairs
        .iter()
        .filter(|p| p.kind == PairKind::Agree && s.settled(p).is_none())
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("review_rows")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut shown = 0;
            for pair in d.disagreements() {
                let settled = s.settled(pair);
                if s.hide_settled && settled.is_some() {
                    continue;
                }
                shown += 1;
                row(ui, mine, s, pair, settled, selected, queue);
            }
            if shown == 0 {
                ui.label(RichText::new("No disagreement left to settle in this document.").weak());
            }
            if agreed.is_empty() {
                return;
            }
            ui.add_space(6.0);
            egui::CollapsingHeader::new(format!("Agreed, not yet accepted ({})", agreed.len()))
                .id_salt("review_agreed")
                .show(ui, |ui| {
                    if ui
                        .button("Accept all agreed")
                        .on_hover_text(format!(
                            "Record {} in agreed_by of every agreed claim of this document (one undo step)",
                            s.theirs.annotator.name
                        ))
                        .clicked()
                    {
                        let edits: Vec<crate::edit::Edit> = agreed
                            .iter()
                            .filter_map(|p| adjudicate::accept_agreed(mine, &s.theirs, p))
                            .collect();
                        queue.edit(Some(crate::edit::Edit::Batch {
                            what: "accept agreed claims".into(),
                            edits,
                        }));
                    }
                    for pair in &agreed {
                        row(ui, mine, s, pair, None, selected, queue);
                    }
                });
        });
}

#[allow(clippy::too_many_arguments)]
/// A row of the comparison: (my claim, their claim).
type RowKey = (Option<String>, Option<String>);

fn row_key(p: &Pair) -> RowKey {
    (p.mine.clone(), p.theirs.clone())
}

fn row(
    ui: &mut Ui,
    mine: &Project,
    s: &mut ReviewSession,
    pair: &Pair,
    settled: Option<Settled>,
    selected: Option<&str>,
    queue: &mut Queue,
) {
    let color = kind_color(pair.kind);
    let key = row_key(pair);
    let is_selected = match &pair.mine {
        Some(m) => selected == Some(m.as_str()),
        None => s.selected_row.as_ref() == Some(&key),
    };
    let frame = egui::Frame::group(ui.style()).stroke(Stroke::new(
        if is_selected { 2.0 } else { 1.0 },
        if is_selected {
            color
        } else {
            ui.visuals().widgets.noninteractive.bg_stroke.color
        },
    ));
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().rect_filled(r, 2.0, color);
            let mut head = kind_name(pair.kind).to_string();
            if !pair.differences.is_empty() {
                let diffs: Vec<&str> = pair.differences.iter().map(|x| x.as_str()).collect();
                head.push_str(&format!(" — {}", diffs.join(", ")));
            }
            let r = ui.add(egui::Button::selectable(
                is_selected,
                RichText::new(head).strong(),
            ));
            if r.clicked() {
                s.selected_row = Some(key.clone());
                match &pair.mine {
                    Some(m) => queue.push(Command::SelectClaim(m.clone())),
                    None => {
                        if let Some(c) = pair.theirs.as_deref().and_then(|t| s.theirs.claim(t)) {
                            queue.push(Command::RevealRange(c.start(), c.end()));
                        }
                    }
                }
            }
            if let Some(st) = settled {
                ui.label(
                    RichText::new(format!("settled: {}", st.as_str()))
                        .small()
                        .color(AGREE),
                );
            }
        });
        side(ui, "Mine", mine, pair.mine.as_deref());
        side(ui, "Theirs", &s.theirs, pair.theirs.as_deref());
        ui.horizontal_wrapped(|ui| {
            if pair.kind == PairKind::Agree {
                if ui
                    .button("Accept agreed")
                    .on_hover_text(format!(
                        "Record that {} made the same claim (agreed_by)",
                        s.theirs.annotator.name
                    ))
                    .clicked()
                {
                    queue.edit(adjudicate::accept_agreed(mine, &s.theirs, pair));
                }
                return;
            }
            let take_hint = match pair.kind {
                PairKind::OnlyMine => "Delete my claim (they did not make it)",
                PairKind::OnlyTheirs => "Copy their claim into my project",
                _ => "Replace my claim with a copy of theirs",
            };
            if ui.button("Take theirs").on_hover_text(take_hint).clicked() {
                queue.edit(adjudicate::take_theirs(mine, &s.theirs, pair));
            }
            if ui
                .button("Keep mine")
                .on_hover_text("Leave my claims as they are; the row is recorded as settled")
                .clicked()
            {
                queue.edit(adjudicate::keep_mine(mine, &s.theirs, pair));
            }
            if pair.kind != PairKind::OnlyMine
                && ui
                    .button("Keep both")
                    .on_hover_text("Copy their claim in beside mine")
                    .clicked()
            {
                queue.edit(adjudicate::keep_both(mine, &s.theirs, pair));
            }
            if ui
                .button("Mark as discussed")
                .on_hover_text("Change nothing; record that the row was discussed")
                .clicked()
            {
                queue.edit(Some(adjudicate::mark_discussed(mine, &s.theirs, pair)));
            }
        });
    });
}

/// Why a measure is empty, for the "—" tooltip.
fn why_none(column: usize, label_row: bool) -> &'static str {
    match column {
        0 => "Neither annotator marked claim content here.",
        1 => "Neither annotator marked a source mention here.",
        2 => "Neither annotator marked a cue here.",
        3 if label_row => "κ compares labels; a row of one label has only one.",
        3 => {
            "No claims overlap between the two projects here, or both used one and the same label throughout (κ is 0/0)."
        }
        4 => "No overlapping pair of claims where both have a source.",
        _ => "No content was marked here.",
    }
}

fn cell(ui: &mut Ui, v: Option<f64>, column: usize, label_row: bool) {
    match v {
        Some(x) => {
            ui.label(RichText::new(crate::words::fixed(x, 2)).monospace());
        }
        None => {
            ui.label(RichText::new("—").monospace().weak())
                .on_hover_text(why_none(column, label_row));
        }
    }
}

fn measures_row(ui: &mut Ui, name: &str, m: &Measures, label_row: bool) {
    ui.label(shorten(name, 40));
    ui.label(m.documents.to_string());
    for (i, r) in [m.content, m.mention, m.cue].iter().enumerate() {
        cell(ui, r.exact_f1, i, label_row);
        cell(ui, r.overlap_f1, i, label_row);
    }
    cell(ui, m.label_kappa, 3, label_row);
    cell(ui, m.same_source, 4, label_row);
    cell(ui, m.alpha_u_content, 5, label_row);
    ui.end_row();
}

/// The agreement window: the measures overall, per document and per label.
pub fn agreement_window(ctx: &egui::Context, s: &mut ReviewSession, mine: &Project) {
    let mut open = s.show_agreement;
    egui::Window::new("Agreement")
        .open(&mut open)
        .default_width(900.0)
        .default_pos([300.0, 612.0])
        .show(ctx, |ui| {
            ui.label(format!(
                "{} ({}) vs {} ({}), over the documents both have (same text).",
                mine.annotator.name, mine.name, s.theirs.annotator.name, s.theirs.name
            ));
            ui.label(
                RichText::new(
                    "F1 exact: same fragments; overlap: one-to-one overlapping units. κ: Cohen's kappa over the labels of overlapping claims. Same source: share of overlapping pairs with matching sources. α_u: Krippendorff's unitizing alpha over content.",
                )
                .small()
                .weak(),
            );
            ui.separator();
            egui::ScrollArea::both().show(ui, |ui| {
                egui::Grid::new("agreement_grid")
                    .striped(true)
                    .spacing([10.0, 4.0])
                    .show(ui, |ui| {
                        for h in [
                            "",
                            "docs",
                            "content\nexact F1",
                            "content\noverlap F1",
                            "mention\nexact F1",
                            "mention\noverlap F1",
                            "cue\nexact F1",
                            "cue\noverlap F1",
                            "label\nκ",
                            "same\nsource",
                            "content\nα_u",
                        ] {
                            ui.label(RichText::new(h).strong());
                        }
                        ui.end_row();
                        measures_row(ui, "All documents", &s.agreement.overall, false);
                        ui.label(RichText::new("Per document").weak());
                        ui.end_row();
                        for d in &s.agreement.documents {
                            measures_row(ui, &d.title, &d.measures, false);
                        }
                        ui.label(RichText::new("Per label").weak());
                        ui.end_row();
                        for l in &s.agreement.labels {
                            measures_row(ui, &l.label, &l.measures, true);
                        }
                    });
            });
        });
    s.show_agreement = open;
}

/// Which claims the list keeps by their review notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFilter {
    Approved,
    NeedsChange,
    HasComments,
    Unreviewed,
}

impl ReviewFilter {
    pub const ALL: [ReviewFilter; 4] = [
        ReviewFilter::Approved,
        ReviewFilter::NeedsChange,
        ReviewFilter::HasComments,
        ReviewFilter::Unreviewed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewFilter::Approved => "approved",
            ReviewFilter::NeedsChange => "needs change",
            ReviewFilter::HasComments => "has comments",
            ReviewFilter::Unreviewed => "unreviewed",
        }
    }

    pub fn keeps(self, c: &Claim) -> bool {
        match self {
            ReviewFilter::Approved => c.reviews.iter().any(|r| r.verdict == Verdict::Approved),
            ReviewFilter::NeedsChange => {
                c.reviews.iter().any(|r| r.verdict == Verdict::NeedsChange)
            }
            ReviewFilter::HasComments => c.reviews.iter().any(|r| !r.comment.trim().is_empty()),
            ReviewFilter::Unreviewed => c.reviews.is_empty(),
        }
    }
}

/// A short line for the claims list: "approved", "needs change (2 notes)".
pub fn review_badge(c: &Claim) -> Option<(String, Color32)> {
    if c.reviews.is_empty() {
        return None;
    }
    let (text, color) = if c.reviews.iter().any(|r| r.verdict == Verdict::NeedsChange) {
        ("review: needs change", PARTIAL)
    } else if c.reviews.iter().any(|r| r.verdict == Verdict::Approved) {
        ("review: approved", AGREE)
    } else {
        ("review: commented", ONLY_MINE)
    };
    let n = c.reviews.len();
    let notes = if n == 1 {
        String::new()
    } else {
        format!(" ({n} notes)")
    };
    Some((format!("{text}{notes}"), color))
}

/// The review notes of a claim in the inspector: everyone's notes, and mine to set (as the
/// project's annotator): Approve / Needs change, a comment, remove.
pub fn review_notes(ui: &mut Ui, p: &Project, c: &Claim, comment: &mut String, queue: &mut Queue) {
    use crate::edit::ops;
    use crate::model::Review;
    ui.separator();
    ui.strong("Review");
    for r in &c.reviews {
        let name = if r.reviewer == p.annotator.id {
            format!("{} (you)", r.reviewer)
        } else {
            r.reviewer.clone()
        };
        let color = match r.verdict {
            Verdict::Approved => AGREE,
            Verdict::NeedsChange => PARTIAL,
            Verdict::Comment => ui.visuals().text_color(),
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{name}: {}", r.verdict.as_str())).color(color));
            if !r.comment.is_empty() {
                ui.label(RichText::new(format!("“{}”", r.comment)).italics());
            }
        });
    }
    let me = p.annotator.id.clone();
    let mine = c.review_by(&me);
    let verdict = mine.map(|r| r.verdict).unwrap_or(Verdict::Comment);
    let set = |verdict: Verdict, comment: String| {
        ops::set_review(
            p,
            &c.id,
            Review {
                reviewer: me.clone(),
                verdict,
                comment,
                created: crate::model::now(),
            },
        )
    };
    ui.horizontal_wrapped(|ui| {
        if ui
            .add(egui::Button::selectable(
                verdict == Verdict::Approved,
                "Approve",
            ))
            .clicked()
        {
            queue.edit(set(Verdict::Approved, comment.clone()));
        }
        if ui
            .add(egui::Button::selectable(
                verdict == Verdict::NeedsChange,
                "Needs change",
            ))
            .clicked()
        {
            queue.edit(set(Verdict::NeedsChange, comment.clone()));
        }
        if mine.is_some() && ui.button("Remove review note").clicked() {
            queue.edit(ops::clear_review(p, &c.id, &me));
        }
    });
    let l = ui.label("Review comment");
    let r = ui
        .add(
            egui::TextEdit::multiline(comment)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text("what should change, or why it is right"),
        )
        .labelled_by(l.id);
    let saved = mine.map(|r| r.comment.as_str()).unwrap_or("");
    if r.lost_focus() && comment.as_str() != saved {
        queue.edit(set(verdict, comment.clone()));
    } else if !r.has_focus() && !r.lost_focus() {
        *comment = saved.to_string();
    }
}
