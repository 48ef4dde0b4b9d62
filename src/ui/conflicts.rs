//! The conflicts a merge left in the project: a banner over the reader ("3 conflicts from a
//! merge with origin/main: settle them in Review") and, in the Review panel, each conflict's
//! versions side by side with the settling actions of [`crate::review::conflicts`] (each one
//! undoable edit).
//!
//! The list is recomputed only when the project changes (keyed by the history version), never
//! per frame.

use super::command::{Command, Queue};
use super::review::{PARTIAL, claim_summary};
use super::words::{plural, shorten};
use crate::model::{Claim, Project};
use crate::review::conflicts::{self, Conflict};
use egui::{Color32, RichText, Stroke, Ui};

/// At most this many conflicts are drawn at once (the rest follow as these are settled).
const SHOWN: usize = 200;

/// The open conflicts and whether the Review panel shows them.
#[derive(Debug, Default)]
pub struct ConflictsView {
    /// The Review panel shows the conflicts (from the banner or Review → Merge conflicts).
    pub open: bool,
    /// The open conflicts, as of the last refresh.
    pub list: Vec<Conflict>,
    /// Who the merge was with (the other branch), as the merge notes say.
    pub with: Vec<String>,
    /// (project generation, history version) the list was computed for.
    key: Option<(u64, (u64, usize))>,
    /// How many times the list was computed (tests check it is cached).
    pub computed: u64,
}

impl ConflictsView {
    /// Recompute the list if the project changed since; true if it did.
    pub fn refresh(&mut self, p: &Project, key: (u64, (u64, usize))) -> bool {
        if self.key == Some(key) {
            return false;
        }
        self.list = conflicts::open_conflicts(p);
        self.with = conflicts::merged_with(p, &self.list);
        self.key = Some(key);
        self.computed += 1;
        true
    }

    /// Open conflicts.
    pub fn count(&self) -> usize {
        self.list.len()
    }

    /// "3 conflicts from a merge with origin/main: settle them in Review".
    pub fn banner_text(&self) -> String {
        let with = if self.with.is_empty() {
            String::new()
        } else {
            format!(" with {}", self.with.join(" and "))
        };
        let what = plural(self.count(), "conflict");
        format!("{what} from a merge{with}: settle them in Review")
    }

    /// The first version of the first conflict (where opening the list takes the reader).
    pub fn first_claim(&self) -> Option<&str> {
        self.list
            .first()
            .and_then(|c| c.claims.first())
            .map(String::as_str)
    }
}

/// The banner under the menu bar while the project holds conflicts from a merge.
pub fn banner(ui: &mut Ui, v: &ConflictsView, queue: &mut Queue) {
    if v.count() == 0 {
        return;
    }
    let fill = if ui.visuals().dark_mode {
        Color32::from_rgb(74, 52, 8)
    } else {
        Color32::from_rgb(255, 238, 200)
    };
    egui::Panel::top("merge_conflicts_banner")
        .frame(
            egui::Frame::side_top_panel(ui.style())
                .fill(fill)
                .stroke(Stroke::new(1.0, PARTIAL)),
        )
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("⚠").color(PARTIAL).strong());
                ui.label(RichText::new(v.banner_text()).strong());
                if ui
                    .button("Settle in Review")
                    .on_hover_text("Open the Review panel on the versions the merge kept")
                    .clicked()
                {
                    queue.push(Command::ShowConflicts);
                }
            });
        });
}

/// Which side of the merge a version came from ("from main"), or who made it.
fn origin_of(c: &Claim) -> String {
    match conflicts::merge_note(c) {
        Some(n) => format!("from {}", n.from),
        None if !c.author.is_empty() => format!("by {}", c.author),
        None => "a version".to_string(),
    }
}

/// The Review panel on the conflicts: each conflict's versions and the settling buttons.
pub fn panel(
    ui: &mut Ui,
    p: &Project,
    v: &mut ConflictsView,
    selected: Option<&str>,
    queue: &mut Queue,
) {
    ui.horizontal(|ui| {
        ui.heading("Review: merge conflicts");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close").clicked() {
                queue.push(Command::CloseConflicts);
            }
        });
    });
    if v.count() == 0 {
        ui.label("No conflicts left. Save the project, then `git add` it and commit the merge.");
        return;
    }
    ui.label(format!(
        "{}. For each, keep the version that is right (it keeps the claim's id), keep both, or \
         delete; every choice can be undone.",
        v.banner_text().replace(": settle them in Review", "")
    ));
    ui.separator();
    let list: Vec<Conflict> = v.list.iter().take(SHOWN).cloned().collect();
    egui::ScrollArea::vertical()
        .id_salt("merge_conflicts")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for c in &list {
                conflict(ui, p, c, selected, queue);
            }
            if v.count() > SHOWN {
                ui.label(
                    RichText::new(format!("… and {} more", v.count() - SHOWN))
                        .weak()
                        .italics(),
                );
            }
        });
}

fn conflict(ui: &mut Ui, p: &Project, c: &Conflict, selected: Option<&str>, queue: &mut Queue) {
    let versions: Vec<&Claim> =
        c.at.iter()
            .filter_map(|&k| p.claims.get(k))
            .filter(|x| x.unresolved.as_deref() == Some(c.group.as_str()))
            .collect();
    let Some(first) = versions.first() else {
        return;
    };
    let is_selected = versions.iter().any(|x| Some(x.id.as_str()) == selected);
    let frame = egui::Frame::group(ui.style()).stroke(Stroke::new(
        if is_selected { 2.0 } else { 1.0 },
        if is_selected {
            PARTIAL
        } else {
            ui.visuals().widgets.noninteractive.bg_stroke.color
        },
    ));
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        let title = p
            .document(&first.document)
            .map(|d| shorten(&d.title, 40))
            .unwrap_or_default();
        let what = match versions.as_slice() {
            [one] => match conflicts::merge_note(one) {
                Some(n) => {
                    let other = if n.from == n.ours { &n.theirs } else { &n.ours };
                    format!("edited on {}, deleted on {other}", n.from)
                }
                None => "kept alone by a merge".to_string(),
            },
            [a, b, ..] => {
                let d = conflicts::difference_words(p, a, b);
                if d.is_empty() {
                    "two versions".to_string()
                } else {
                    format!("two versions — {}", d.join("; "))
                }
            }
            [] => String::new(),
        };
        ui.label(RichText::new(format!("{title}: {what}")).weak());
        for x in &versions {
            version(ui, p, x, selected, versions.len(), &c.group, queue);
        }
        if versions.len() > 1 {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Keep both")
                    .on_hover_text("Keep every version as a claim of its own")
                    .clicked()
                {
                    queue.edit(conflicts::keep_all(p, &c.group));
                }
                if ui
                    .button("Delete both")
                    .on_hover_text("Neither version is right: delete them")
                    .clicked()
                {
                    queue.edit(conflicts::delete_all(p, &c.group));
                }
            });
        }
    });
}

fn version(
    ui: &mut Ui,
    p: &Project,
    x: &Claim,
    selected: Option<&str>,
    n: usize,
    group: &str,
    queue: &mut Queue,
) {
    ui.horizontal_wrapped(|ui| {
        let me = Some(x.id.as_str()) == selected;
        if ui
            .add(egui::Button::selectable(
                me,
                RichText::new(origin_of(x)).strong(),
            ))
            .on_hover_text("Show this version in the text")
            .clicked()
        {
            queue.push(Command::SelectClaim(x.id.clone()));
        }
        ui.label(RichText::new(claim_summary(p, x)).small());
    });
    ui.label(RichText::new(format!("“{}”", shorten(&x.quote(), 140))).italics());
    if !x.note.is_empty() {
        ui.label(format!("Note: {}", shorten(&x.note, 200)));
    }
    ui.horizontal_wrapped(|ui| {
        if n > 1 {
            if ui
                .button("Keep this version")
                .on_hover_text("Keep this version as the claim and delete the other")
                .clicked()
            {
                queue.edit(conflicts::keep_version(p, group, &x.id));
            }
        } else {
            if ui
                .button("Keep it")
                .on_hover_text("Keep the edited claim")
                .clicked()
            {
                queue.edit(conflicts::keep_all(p, group));
            }
            if ui
                .button("Delete it")
                .on_hover_text("Take the deletion")
                .clicked()
            {
                queue.edit(conflicts::delete_all(p, group));
            }
        }
    });
    ui.add_space(4.0);
}
