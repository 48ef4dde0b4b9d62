//! Names for egui's own controls in the accessibility tree. egui gives a window's title bar (a
//! double-click folds the window) and the scroll bars nodes a user can focus or click, but no
//! name, and it publishes an empty label as a node with no text. An egui plugin goes over each
//! frame's tree update before it leaves the window: it names a title bar after its window
//! ("Title bar of Labels") and a scroll bar after what it scrolls, and hides empty labels
//! (nothing to read). The app's own controls are named where they are drawn; the test
//! `tests/ui_a11y.rs` checks that every control of every screen has a name.

use egui::accesskit::{Action, Node, NodeId, Role};
use std::collections::HashMap;

/// Install the plugin (once per context).
pub fn install(ctx: &egui::Context) {
    ctx.add_plugin(ChromeNames);
}

struct ChromeNames;

impl egui::Plugin for ChromeNames {
    fn debug_name(&self) -> &'static str {
        "claimtrace_chrome_names"
    }

    fn output_hook(&mut self, _ctx: &egui::Context, output: &mut egui::FullOutput) {
        if let Some(update) = output.platform_output.accesskit_update.as_mut() {
            name_chrome(&mut update.nodes);
        }
    }
}

/// Name egui's unnamed title bars and scroll bars, hide empty labels.
pub fn name_chrome(nodes: &mut [(NodeId, Node)]) {
    let index: HashMap<NodeId, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let mut parent: HashMap<NodeId, NodeId> = HashMap::new();
    for (id, n) in nodes.iter() {
        for c in n.children() {
            parent.insert(*c, *id);
        }
    }
    // The nearest named ancestor: its name, and its bounds if it is a window.
    let owner = |id: NodeId| -> Option<(String, Option<egui::accesskit::Rect>)> {
        let mut at = parent.get(&id).copied();
        while let Some(p) = at {
            let node = &nodes[*index.get(&p)?].1;
            if let Some(l) = node.label().filter(|l| !l.trim().is_empty()) {
                let window = (node.role() == Role::Window)
                    .then(|| node.bounds())
                    .flatten();
                return Some((l.to_string(), window));
            }
            at = parent.get(&p).copied();
        }
        None
    };
    let mut names: Vec<(usize, String)> = Vec::new();
    let mut hide: Vec<usize> = Vec::new();
    for (i, (id, n)) in nodes.iter().enumerate() {
        if n.label().is_some_and(|l| !l.trim().is_empty()) {
            continue;
        }
        let acts = n.supports_action(Action::Focus) || n.supports_action(Action::Click);
        match n.role() {
            Role::Label if n.value().is_none_or(|v| v.trim().is_empty()) => hide.push(i),
            Role::ScrollBar if acts => {
                let of = owner(*id)
                    .map(|(l, _)| format!(" of {l}"))
                    .unwrap_or_default();
                names.push((i, format!("Scroll bar{of}")));
            }
            // Only the strip across the top of a window: a control of the app's own inside a
            // window keeps no name, and the test finds it.
            Role::Unknown if acts => {
                if let (Some((window, Some(w))), Some(b)) = (owner(*id), n.bounds())
                    && (b.y0 - w.y0).abs() < 4.0
                    && b.y1 - b.y0 < 60.0
                    && b.x1 - b.x0 > (w.x1 - w.x0) / 2.0
                {
                    names.push((i, format!("Title bar of {window}")));
                }
            }
            _ => {}
        }
    }
    for (i, name) in names {
        nodes[i].1.set_label(name);
    }
    for i in hide {
        nodes[i].1.set_hidden();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::accesskit::Rect;

    fn node(role: Role, bounds: (f64, f64, f64, f64), clickable: bool) -> Node {
        let mut n = Node::new(role);
        n.set_bounds(Rect::new(bounds.0, bounds.1, bounds.2, bounds.3));
        if clickable {
            n.add_action(Action::Click);
            n.add_action(Action::Focus);
        }
        n
    }

    #[test]
    fn title_bars_and_scroll_bars_are_named_and_the_apps_own_controls_are_not() {
        let mut window = node(Role::Window, (10.0, 10.0, 410.0, 310.0), false);
        window.set_label("Labels");
        window.set_children(vec![NodeId(2), NodeId(3), NodeId(4), NodeId(5)]);
        let mut nodes = vec![
            (NodeId(1), window),
            // egui's title strip across the top of the window
            (
                NodeId(2),
                node(Role::Unknown, (10.0, 10.0, 410.0, 45.0), true),
            ),
            // a control of the app's own, painted inside the window
            (
                NodeId(3),
                node(Role::Unknown, (20.0, 100.0, 60.0, 120.0), true),
            ),
            (
                NodeId(4),
                node(Role::ScrollBar, (400.0, 50.0, 410.0, 300.0), true),
            ),
            (
                NodeId(5),
                node(Role::Label, (20.0, 150.0, 20.0, 170.0), false),
            ),
        ];
        name_chrome(&mut nodes);
        assert_eq!(nodes[1].1.label(), Some("Title bar of Labels"));
        assert_eq!(nodes[2].1.label(), None, "the app names its own controls");
        assert_eq!(nodes[3].1.label(), Some("Scroll bar of Labels"));
        assert!(nodes[4].1.is_hidden(), "an empty label has nothing to read");
    }
}
