//! The app through its accessibility tree (AccessKit), as a screen reader meets it: every
//! control a user can focus or click has a name, on the main window and in each window and
//! dialog; the article can be read back from the tree, claims and their parts are named nodes;
//! and a claim can be made with the keys alone, the keyboard going into the dialog and back.

use claimtrace::model::Project;
use claimtrace::ui::command::{Command, Pane};
use claimtrace::ui::{App, FileDialogs};
use egui::accesskit::{Action, Live, Role};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT, Queryable};
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
        ("Sources tab", vec![]),
        ("Documents tab", vec![]),
        ("Suggestions tab", vec![]),
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
            if let Some(tab) = what.strip_suffix(" tab") {
                if h.state().panes().narrow {
                    h.state_mut().command(Command::TogglePane(Pane::Lists));
                    h.run();
                }
                h.get_by_label(tab).click();
                h.run();
            }
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

/// The reader's Document node.
fn document<'t>(h: &'t Harness<'_, App>) -> AccessKitNode<'t> {
    nodes(h)
        .into_iter()
        .find(|n| n.role() == Role::Document && n.label().as_deref() == Some("Document text"))
        .expect("the reader is in the tree")
}

fn press(h: &mut Harness<'_, App>, modifiers: Modifiers, key: Key, times: usize) {
    for _ in 0..times {
        h.key_press_modifiers(modifiers, key);
        h.run();
    }
}

/// The text of the document the app shows.
fn shown_text(h: &Harness<'_, App>) -> String {
    let app = h.state();
    let doc = app.current_document().expect("a document is open");
    app.project().document(doc).unwrap().text.clone()
}

#[test]
fn the_whole_article_reads_back_from_the_tree_with_named_claims() {
    let dir = tempfile::tempdir().unwrap();
    for size in [[1400.0, 900.0], [800.0, 560.0]] {
        let mut h = harness(demo(), &dir, size);
        h.run();
        let text = shown_text(&h);
        // The whole text, also the paragraphs far below the view (the reader lays out only
        // what is on screen).
        assert_eq!(document(&h).document_range().text(), text, "{size:?}");
        // One Paragraph node per paragraph of the text.
        let paragraphs = nodes(&h)
            .iter()
            .filter(|n| n.role() == Role::Paragraph)
            .count();
        let expected = text.split('\n').filter(|l| !l.is_empty()).count();
        assert_eq!(paragraphs, expected);
        // Every claim, mention and cue of the document is a named mark.
        let marks: Vec<String> = nodes(&h)
            .iter()
            .filter(|n| n.role() == Role::Mark)
            .map(|n| n.label().unwrap_or_default())
            .collect();
        let p = h.state().project();
        let claims: usize = p.claims.iter().map(|c| c.content.len()).sum();
        assert_eq!(
            marks.iter().filter(|m| m.starts_with("claim by ")).count(),
            claims,
            "{marks:#?}"
        );
        let cues: usize = p
            .claims
            .iter()
            .filter_map(|c| c.attribution.as_ref())
            .map(|a| a.cue.len())
            .sum();
        assert_eq!(
            marks.iter().filter(|m| m.starts_with("cue: ")).count(),
            cues
        );
        assert!(marks.contains(&"cue: said".to_string()), "{marks:#?}");
        assert!(
            marks.contains(&"claim by Amnesty International, unverified".to_string()),
            "{marks:#?}"
        );
        assert!(
            marks.contains(&"source mention: the report (Amnesty International)".to_string()),
            "{marks:#?}"
        );
    }
    // Activating a mark (as a screen reader does) selects its claim.
    let mut h = harness(demo(), &dir, [1400.0, 900.0]);
    h.run();
    assert_eq!(h.state().selected_claim(), None);
    h.get_by_label("cue: stated").click_accesskit();
    h.run();
    let p = h.state().project();
    let stated = p
        .claims
        .iter()
        .find(|c| {
            c.attribution
                .as_ref()
                .is_some_and(|a| a.cue.iter().any(|s| s.exact == "stated"))
        })
        .expect("the demo has the cue");
    assert_eq!(h.state().selected_claim(), Some(stated.id.as_str()));
}

/// The demo article with no claims and an empty registry.
fn bare_demo() -> Project {
    let mut p = demo();
    p.claims.clear();
    p.sources.clear();
    p
}

fn char_offset(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("the text has it")]
        .chars()
        .count()
}

#[test]
fn a_claim_and_its_source_by_the_keys_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(bare_demo(), &dir, [1024.0, 700.0]);
    h.run();
    let text = shown_text(&h);
    // F6 puts the keyboard in the text, the caret at the top.
    press(&mut h, Modifiers::NONE, Key::F6, 1);
    assert!(document(&h).is_focused(), "the reader has the keyboard");
    assert_eq!(h.state_mut().reader_mut().caret(), Some(0));
    // Six paragraphs down: "Amnesty defines prisoners of conscience as those who …".
    press(&mut h, Modifiers::COMMAND, Key::ArrowDown, 6);
    let para = char_offset(&text, "Amnesty defines prisoners");
    assert_eq!(h.state_mut().reader_mut().caret(), Some(para));
    // Two words on (to the end of "defines"), a character there and back.
    press(&mut h, Modifiers::COMMAND, Key::ArrowRight, 2);
    press(&mut h, Modifiers::NONE, Key::ArrowRight, 1);
    press(&mut h, Modifiers::NONE, Key::ArrowLeft, 1);
    let words = char_offset(&text, "prisoners of conscience as those");
    assert_eq!(h.state_mut().reader_mut().caret(), Some(words - 1));
    // Three words selected, and C.
    press(
        &mut h,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowRight,
        3,
    );
    let end = words + "prisoners of conscience".chars().count();
    // The tree has the selection too (from the caret's start to where it is now).
    assert!(document(&h).has_text_selection());
    press(&mut h, Modifiers::NONE, Key::C, 1);
    let p = h.state().project();
    assert_eq!(p.claims.len(), 1, "one claim made");
    let c = &p.claims[0];
    assert_eq!((c.content[0].start, c.content[0].end), (words, end));
    assert_eq!(c.quote(), "prisoners of conscience");
    assert_eq!(h.state().selected_claim(), Some(c.id.as_str()));
    // The keyboard stays in the text, the caret at the claim's end; a screen reader heard it.
    assert!(document(&h).is_focused());
    assert_eq!(h.state_mut().reader_mut().caret(), Some(end));
    let status = nodes(&h)
        .into_iter()
        .find(|n| n.role() == Role::Status && n.live() == Live::Polite)
        .expect("a polite live region");
    assert!(
        status
            .label()
            .unwrap_or_default()
            .contains("prisoners of conscience"),
        "{:?}",
        status.label()
    );
    // A problem is spoken too: Q with nothing selected.
    press(&mut h, Modifiers::NONE, Key::Q, 1);
    let said = nodes(&h)
        .into_iter()
        .find(|n| n.role() == Role::Status && n.live() == Live::Polite)
        .and_then(|n| n.label())
        .unwrap_or_default();
    assert!(said.starts_with("Select the cue"), "{said}");
    // The source: back to "Amnesty" at the paragraph's start, select it, S.
    press(&mut h, Modifiers::COMMAND, Key::ArrowUp, 1);
    assert_eq!(h.state_mut().reader_mut().caret(), Some(para));
    press(
        &mut h,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowRight,
        1,
    );
    press(&mut h, Modifiers::NONE, Key::S, 1);
    assert!(h.state().modal().is_some(), "the source dialog is open");
    // The keyboard went into the dialog: Tab to its confirm button, Enter.
    let in_dialog = |h: &Harness<'_, App>| nodes(h).iter().any(|n| n.is_focused());
    assert!(in_dialog(&h), "a control of the dialog has the keyboard");
    assert_eq!(unnamed(&h), Vec::<String>::new(), "the source dialog");
    assert!(!document(&h).is_focused());
    let mut tabs = 0;
    while !h
        .get_by_label("Confirm source")
        .accesskit_node()
        .is_focused()
    {
        press(&mut h, Modifiers::NONE, Key::Tab, 1);
        tabs += 1;
        assert!(tabs < 30, "Tab reaches the confirm button");
    }
    press(&mut h, Modifiers::NONE, Key::Enter, 1);
    assert!(h.state().modal().is_none(), "the dialog closed");
    let p = h.state().project();
    let a = p.claims[0].attribution.as_ref().expect("attributed");
    // The dialog offered the fullest name the article gives for "Amnesty" (source identity).
    assert_eq!(p.source_names(&a.sources), ["Amnesty International"]);
    assert_eq!(
        (a.mention[0].start, a.mention[0].end),
        (para, para + "Amnesty".len())
    );
    // The keyboard is back in the text, at the mention.
    h.run();
    assert!(document(&h).is_focused(), "back in the reader");
    assert_eq!(
        h.state_mut().reader_mut().caret(),
        Some(para + "Amnesty".len())
    );
}
