//! Sources → Tidy…: the proposed merges of the registry (`identity::clusters`, key collision
//! first, then nearest neighbour), each cluster with its members (name, kind, claims, a few of
//! their claims), and per cluster: merge into the member chosen (under the name typed), "not
//! the same" (remembered: never proposed again), or leave it for now. Each merge is one
//! undoable edit pushed into the queue; nothing is merged without a click.

use super::command::{Command, Queue};
use crate::identity::{self, Cluster, Method};
use crate::model::Project;
use egui::{RichText, Ui};
use std::collections::{HashMap, HashSet};

/// Clusters shown per page: a registry of ten thousand sources may propose a thousand.
pub const PAGE: usize = 40;
/// Claims shown for a member when its claims are expanded.
const SHOWN_CLAIMS: usize = 5;

/// The project state the clusters were computed for (generation, history version).
pub type Version = (u64, (u64, usize));

/// A member's figures, computed with the clusters (not per frame).
#[derive(Debug, Clone, Default)]
struct Member {
    name: String,
    kind: &'static str,
    claims: Vec<String>,
}

/// What the researcher chose for one cluster so far.
#[derive(Debug, Clone, Default)]
struct Choice {
    keep: String,
    name: String,
}

/// The Tidy window's state.
#[derive(Debug, Default)]
pub struct TidyView {
    pub open: bool,
    version: Option<Version>,
    clusters: Vec<Cluster>,
    members: HashMap<String, Member>,
    /// Per cluster (its first member's id): the member to keep and the merged name.
    choices: HashMap<String, Choice>,
    /// Clusters left for now (their members joined), hidden until the window is reopened.
    left: HashSet<String>,
    /// Members whose claims are shown.
    expanded: HashSet<String>,
    page: usize,
    /// Why the last merge could not be made.
    error: Option<String>,
}

fn cluster_key(c: &Cluster) -> String {
    c.members.join("\u{1f}")
}

impl TidyView {
    /// Open the window (a fresh look: clusters left earlier are shown again).
    pub fn open(&mut self) {
        self.open = true;
        self.left.clear();
        self.version = None;
        self.page = 0;
    }

    /// Recompute the clusters when the project changed since they were computed.
    pub fn refresh(&mut self, p: &Project, version: Version) {
        if self.version == Some(version) {
            return;
        }
        self.version = Some(version);
        self.error = None;
        self.clusters = identity::clusters(p);
        let in_clusters: HashSet<&str> = self
            .clusters
            .iter()
            .flat_map(|c| c.members.iter().map(String::as_str))
            .collect();
        let by_source = identity::claims_by_source(p);
        self.members = p
            .sources
            .iter()
            .filter(|s| in_clusters.contains(s.id.as_str()))
            .map(|s| {
                let claims = by_source
                    .get(s.id.as_str())
                    .map(|v| v.iter().map(|c| c.to_string()).collect())
                    .unwrap_or_default();
                (
                    s.id.clone(),
                    Member {
                        name: s.name.clone(),
                        kind: s.kind.as_str(),
                        claims,
                    },
                )
            })
            .collect();
        let keys: HashSet<String> = self.clusters.iter().map(|c| c.members[0].clone()).collect();
        self.choices.retain(|k, _| keys.contains(k));
        self.left
            .retain(|k| self.clusters.iter().any(|c| &cluster_key(c) == k));
    }

    /// The clusters still to decide on (not left for now).
    pub fn pending(&self) -> Vec<&Cluster> {
        self.clusters
            .iter()
            .filter(|c| !self.left.contains(&cluster_key(c)))
            .collect()
    }
}

/// Draw the Tidy window while open; merges and "not the same" go into the queue as edits.
pub fn show(
    ctx: &egui::Context,
    p: &Project,
    version: Version,
    view: &mut TidyView,
    queue: &mut Queue,
) {
    if !view.open {
        return;
    }
    if view.version.is_none() {
        // Just opened: a window's first frame only measures it; draw the next one too.
        ctx.request_repaint();
    }
    view.refresh(p, version);
    let mut open = view.open;
    egui::Window::new("Tidy sources")
        .open(&mut open)
        .default_width(620.0)
        .default_height(680.0)
        .show(ctx, |ui| body(ui, p, view, queue));
    view.open = open;
}

fn body(ui: &mut Ui, p: &Project, view: &mut TidyView, queue: &mut Queue) {
    let pending: Vec<Cluster> = view.pending().into_iter().cloned().collect();
    let keys = pending
        .iter()
        .filter(|c| c.method == Method::KeyCollision)
        .count();
    ui.label(format!(
        "{} sources; {} proposed merges ({keys} same name but for case, possessive, title, \
         punctuation, initials or word order; {} near names). Choose the source to keep, \
         then Merge, or say they are not the same. Nothing is merged without a click; \
         each merge is one step of Undo.",
        p.sources.len(),
        pending.len(),
        pending.len() - keys,
    ));
    if let Some(e) = &view.error {
        ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
    }
    if pending.is_empty() {
        ui.separator();
        ui.label(RichText::new("Nothing to tidy: no two sources look like one.").weak());
        return;
    }
    let pages = pending.len().div_ceil(PAGE);
    view.page = view.page.min(pages - 1);
    if pages > 1 {
        ui.horizontal(|ui| {
            if ui
                .add_enabled(view.page > 0, egui::Button::new("◀ Previous"))
                .clicked()
            {
                view.page -= 1;
            }
            ui.label(format!("page {} of {pages}", view.page + 1));
            if ui
                .add_enabled(view.page + 1 < pages, egui::Button::new("Next ▶"))
                .clicked()
            {
                view.page += 1;
            }
        });
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("tidy_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (k, c) in pending.iter().enumerate().skip(view.page * PAGE).take(PAGE) {
                ui.push_id(("cluster", &c.members[0]), |ui| {
                    cluster(ui, p, k, c, view, queue);
                });
                ui.separator();
            }
        });
}

fn cluster(
    ui: &mut Ui,
    p: &Project,
    k: usize,
    c: &Cluster,
    view: &mut TidyView,
    queue: &mut Queue,
) {
    let method = match c.method {
        Method::KeyCollision => "Same name".to_string(),
        Method::NearestNeighbour => format!("Near names ({:.2})", c.score),
    };
    ui.label(RichText::new(format!("{}. {method}", k + 1)).strong());
    let mut choice = view
        .choices
        .get(&c.members[0])
        .cloned()
        .unwrap_or_else(|| Choice {
            keep: c.members[0].clone(),
            name: view
                .members
                .get(&c.members[0])
                .map(|m| m.name.clone())
                .unwrap_or_default(),
        });
    for id in &c.members {
        let Some(m) = view.members.get(id) else {
            continue;
        };
        ui.horizontal(|ui| {
            let keep = choice.keep == *id;
            if ui
                .radio(keep, "")
                .on_hover_text("Keep this source (the others merge into it)")
                .accessible_name(format!("Keep {}", m.name))
                .clicked()
                && !keep
            {
                choice.keep = id.clone();
                choice.name = m.name.clone();
            }
            ui.label(RichText::new(&m.name).strong());
            ui.label(RichText::new(m.kind).weak());
            let n = m.claims.len();
            let shown = view.expanded.contains(id);
            let text = format!(
                "{} {}",
                if shown { "▼" } else { "▶" },
                super::words::plural(n, "claim")
            );
            if ui
                .add_enabled(n > 0, egui::Button::new(text).small())
                .on_hover_text("Show or hide a few of its claims")
                .clicked()
            {
                if shown {
                    view.expanded.remove(id);
                } else {
                    view.expanded.insert(id.clone());
                }
            }
        });
        if view.expanded.contains(id) {
            ui.indent(("claims", id), |ui| {
                for cid in m.claims.iter().take(SHOWN_CLAIMS) {
                    let Some(claim) = p.claim(cid) else { continue };
                    let mention: String = claim
                        .attribution
                        .as_ref()
                        .map(|a| {
                            a.mention
                                .iter()
                                .map(|s| s.exact.as_str())
                                .collect::<Vec<_>>()
                                .join(" … ")
                        })
                        .unwrap_or_default();
                    let doc = p
                        .document(&claim.document)
                        .map_or("?", |d| d.title.as_str());
                    let quote = super::words::shorten(&claim.quote(), 90);
                    let line = if mention.is_empty() || mention == claim.quote() {
                        format!("“{quote}” — {doc}")
                    } else {
                        format!("{mention}: “{quote}” — {doc}")
                    };
                    if ui
                        .link(line)
                        .on_hover_text("Show this claim in its document")
                        .clicked()
                    {
                        queue.push(Command::SelectClaim(cid.clone()));
                    }
                }
                if m.claims.len() > SHOWN_CLAIMS {
                    ui.label(
                        RichText::new(format!("and {} more", m.claims.len() - SHOWN_CLAIMS)).weak(),
                    );
                }
            });
        }
    }
    ui.horizontal(|ui| {
        let l = ui.label("Name");
        ui.add(egui::TextEdit::singleline(&mut choice.name).desired_width(220.0))
            .labelled_by(l.id);
    });
    ui.horizontal(|ui| {
        let keep_name = view
            .members
            .get(&choice.keep)
            .map_or(String::new(), |m| m.name.clone());
        let merge = ui
            .button(format!("Merge into {}", choice.name.trim()))
            .on_hover_text(format!(
                "The others' claims and names move to {keep_name}; one step of Undo"
            ));
        if merge.clicked() {
            match identity::merge_as(p, &c.members, &choice.keep, Some(&choice.name)) {
                Ok(edit) => queue.edits.push(edit),
                Err(e) => view.error = Some(e.to_string()),
            }
        }
        if ui
            .button("Not the same")
            .on_hover_text(
                "Remember that these are different people or bodies: never proposed again",
            )
            .clicked()
            && let Ok(edit) = identity::not_same(p, &c.members)
        {
            queue.edit(edit);
        }
        if ui
            .button("Leave")
            .on_hover_text("Decide later (shown again when Tidy is reopened)")
            .clicked()
        {
            view.left.insert(cluster_key(c));
        }
    });
    view.choices.insert(c.members[0].clone(), choice);
}
