//! The app through its accessibility tree (AccessKit), as a screen reader meets it: every
//! control a user can focus or click has a name, on the main window and in each window and
//! dialog; the article can be read back from the tree, claims and their parts are named nodes;
//! and a claim can be made with the keys alone, the keyboard going into the dialog and back.

use claimtrace::model::Project;
use claimtrace::ui::command::Command;
use claimtrace::ui::{App, FileDialogs};
use egui::accesskit::{Action, Live, Role};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT};
use std::path::PathBuf;
use std::sync::Arc;

/// Dialogs that are never answered (nothing here opens a file).
struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        None
    }
    fn pick_save(&self, _suggested: &str) -> Option<PathBuf> {
        None
    }
    fn pick_import(&self) -> Option<Vec<PathBuf>> {
        None
    }
    fn blocks(&self) -> bool {
        false
    }
}

fn harness(project: Project, dir: &tempfile::TempDir, size: [f32; 2]) -> Harness<'static, App> {
    let app = App::new(
        project,
        None,
        Arc::new(NoDialogs),
        dir.path().join("config"),
    );
    Harness::builder()
        .with_size(size)
        .with_step_dt(0.1)
        .with_max_steps(64)
        .with_context_setup(claimtrace::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

fn demo() -> Project {
    claimtrace::demo::demo_project().expect("the demo project loads")
}

/// The nodes of the tree, depth first.
fn nodes<'t>(h: &'t Harness<'_, App>) -> Vec<AccessKitNode<'t>> {
    h.root()
        .children_recursive()
        .map(|n| n.accesskit_node())
        .collect()
}

/// Can a user act on this node (focus it with Tab, or click it)?
fn actionable(n: &AccessKitNode<'_>) -> bool {
    let d = n.data();
    !n.is_hidden()
        && !n.is_disabled()
        && (d.supports_action(Action::Focus) || d.supports_action(Action::Click))
}

/// The accessible name: its label (own or from the nodes that label it), else its value for
/// the roles whose name is their text, else a text field's placeholder.
fn name(n: &AccessKitNode<'_>) -> String {
    let label = n.label().unwrap_or_default();
    if !label.trim().is_empty() {
        return label;
    }
    if matches!(n.role(), Role::Label | Role::Link) {
        return n.value().unwrap_or_default();
    }
    n.data().placeholder().unwrap_or_default().to_string()
}

/// Every node a user can act on that has no name, described so it can be found.
fn unnamed(h: &Harness<'_, App>) -> Vec<String> {
    nodes(h)
        .iter()
        .filter(|n| actionable(n) && name(n).trim().is_empty())
        .map(|n| {
            let inside = std::iter::successors(n.parent(), |p| p.parent())
                .map(|p| name(&p))
                .find(|l| !l.trim().is_empty())
                .unwrap_or_default();
            format!(
                "{:?} at {:?} (value {:?}) inside {inside:?}",
                n.role(),
                n.raw_bounds(),
                n.value()
            )
        })
        .collect()
}

/// Print the tree (for a look by hand: `A11Y_TREE=1 cargo test --test ui_a11y -- --nocapture`).
fn dump(h: &Harness<'_, App>, what: &str) {
    if std::env::var_os("A11Y_TREE").is_none() {
        return;
    }
    println!("--- {what}");
    fn walk(n: AccessKitNode<'_>, depth: usize) {
        let value = n.value().unwrap_or_default();
        let value: String = value.chars().take(60).collect();
        println!(
            "{}{:?} {:?} {:?}{}",
            "  ".repeat(depth),
            n.role(),
            n.label().unwrap_or_default(),
            value,
            if n.data().supports_action(Action::Focus) {
                " [focusable]"
            } else {
                ""
            }
        );
        for c in n.children() {
            walk(c, depth + 1);
        }
    }
    walk(h.root().accesskit_node(), 0);
}

#[test]
fn every_control_of_every_screen_has_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let screens: Vec<(&str, Vec<Command>)> = vec![
        ("main window", vec![]),
        ("find", vec![Command::Find]),
        ("shortcuts", vec![Command::ShowShortcuts]),
        ("labels", vec![Command::ShowLabels]),
        ("export", vec![Command::Export]),
        ("corpus", vec![Command::ShowCorpus]),
        ("orphans", vec![Command::ShowOrphans]),
        ("document details", vec![Command::DocumentDetails]),
        ("new project", vec![Command::NewProject]),
    ];
    for size in [[1400.0, 900.0], [800.0, 560.0]] {
        for (what, commands) in &screens {
            let mut h = harness(demo(), &dir, size);
            h.run();
            // A claim selected, so the inspector shows all it can.
            let claim = h.state().project().claims[0].id.clone();
            h.state_mut().command(Command::SelectClaim(claim));
            for c in commands {
                h.state_mut().command(c.clone());
            }
            h.run();
            dump(&h, what);
            for u in unnamed(&h) {
                failures.push(format!("{what} at {size:?}: {u}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} unnamed controls:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
