//! Sources → Tidy… (issue 23): a registry with duplicates proposes its clusters, a merge is one
//! edit (the registry shrinks, the claims name the kept source) that Ctrl+Z undoes, "Not the
//! same" is remembered, and opening the window changes nothing; the S key resolves a mention
//! through identity ("Trump's" → Donald Trump, no New source dialog). Driven headless through
//! egui_kittest (pronouns under the S key: `identity::tests` and `ui_app.rs`).

use claimtrace::model::{Annotator, Attribution, Claim, Document, Origin, Project, Source};
use claimtrace::model::{SourceKind, Status};
use claimtrace::text::make_span;
use claimtrace::ui::{App, Command, NoDialogs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

fn harness(p: Project, config: PathBuf) -> Harness<'static, App> {
    let app = App::new(p, None, std::sync::Arc::new(NoDialogs), config);
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(0.1)
        .with_max_steps(64)
        .with_context_setup(claimtrace::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

const T0: &str = "2026-01-02T00:00:00Z";

/// Trump under three spellings, Bill and Hillary Clinton, and two near spellings of one
/// president; one claim each.
fn duplicates() -> Project {
    let text = "Donald Trump said one thing. Mr. Trump said another. Trump's aides said a third. \
                Bill Clinton said no. Hillary Clinton said yes. Volodymyr Zelensky said so. \
                Volodymyr Zelenskyy said it again.";
    let mut p = Project::new("Old", Annotator::named("Ana"));
    let mut d = Document::new(
        "Campaign",
        text.into(),
        Origin {
            imported: T0.parse().unwrap(),
            extractor: "txt".into(),
            ..Default::default()
        },
    );
    d.id = "d1".into();
    p.documents.push(d);
    let sources = [
        ("donald-trump", "Donald Trump", SourceKind::Person),
        ("mr-trump", "Mr. Trump", SourceKind::Person),
        ("trump-s", "Trump's", SourceKind::Unknown),
        ("bill-clinton", "Bill Clinton", SourceKind::Person),
        ("hillary-clinton", "Hillary Clinton", SourceKind::Person),
        ("zelensky", "Volodymyr Zelensky", SourceKind::Person),
        ("zelenskyy", "Volodymyr Zelenskyy", SourceKind::Person),
    ];
    let t: claimtrace::model::Timestamp = T0.parse().unwrap();
    for (i, (id, name, kind)) in sources.into_iter().enumerate() {
        p.sources.push(Source {
            id: id.into(),
            name: name.into(),
            kind,
            aliases: vec![],
            note: String::new(),
        });
        let at = text.find(name).unwrap();
        let doc_text = &p.documents[0].text;
        p.claims.push(Claim {
            id: format!("c{i}"),
            document: "d1".into(),
            label: "claim".into(),
            content: vec![make_span(doc_text, at, at + name.len() + 5)],
            attribution: Some(Attribution {
                sources: vec![id.to_string()],
                mention: vec![make_span(doc_text, at, at + name.len())],
                ..Default::default()
            }),
            status: Status::Unverified,
            note: String::new(),
            tags: vec![],
            author: "ana".into(),
            created: t,
            modified: t,
            anchor: Default::default(),
            agreed_by: Vec::new(),
            unresolved: None,
            reviews: Vec::new(),
            origin: Default::default(),
            brat: None,
        });
    }
    p
}

fn source_of(p: &Project, claim: &str) -> Vec<String> {
    p.claim(claim).unwrap().sources().to_vec()
}

#[test]
fn merge_a_cluster_then_undo() {
    let dir = tempfile::tempdir().unwrap();
    let p = duplicates();
    let before = p.clone();
    let mut h = harness(p, dir.path().join("config"));
    h.state_mut().command(Command::ShowTidy);
    h.run();
    // Opening proposes; it changes nothing.
    assert_eq!(h.state().project(), &before);
    h.get_by_label("Keep Donald Trump");
    h.get_by_label("Keep Mr. Trump");
    h.get_by_label("Keep Trump's");
    // The Clintons are never one cluster: each is at most in a cluster without the other.
    assert!(h.query_by_label("Keep Bill Clinton").is_none());
    assert!(h.query_by_label("Keep Hillary Clinton").is_none());

    h.get_by_label("Merge into Donald Trump").click();
    h.run();
    let p = h.state().project().clone();
    assert_eq!(p.sources.len(), before.sources.len() - 2);
    for c in ["c0", "c1", "c2"] {
        assert_eq!(source_of(&p, c), ["donald-trump"], "{c}");
    }
    let trump = p.source("donald-trump").unwrap();
    assert!(trump.is_named("Mr. Trump") && trump.is_named("Trump's"));
    assert!(h.query_by_label("Keep Mr. Trump").is_none());

    // One Ctrl+Z restores the registry and the claims.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().project().sources, before.sources);
    assert_eq!(h.state().project().claims, before.claims);
    h.get_by_label("Keep Mr. Trump");
}

#[test]
fn choose_which_source_to_keep() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(duplicates(), dir.path().join("config"));
    h.state_mut().command(Command::ShowTidy);
    h.run();
    h.get_by_label("Keep Volodymyr Zelenskyy").click();
    h.run();
    h.get_by_label("Merge into Volodymyr Zelenskyy").click();
    h.run();
    let p = h.state().project();
    assert!(p.source("zelensky").is_none());
    assert_eq!(source_of(p, "c5"), ["zelenskyy"]);
    assert_eq!(source_of(p, "c6"), ["zelenskyy"]);
}

#[test]
fn not_the_same_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(duplicates(), dir.path().join("config"));
    h.state_mut().command(Command::ShowTidy);
    h.run();
    let n = h.state().project().sources.len();
    h.get_by_label("Keep Volodymyr Zelenskyy");
    // The president's cluster is the near-name one; its "Not the same" is the last button.
    let buttons: Vec<_> = h.query_all_by_label("Not the same").collect();
    assert_eq!(buttons.len(), 2);
    buttons[1].click();
    h.run();
    let p = h.state().project();
    assert_eq!(p.sources.len(), n, "nothing merged");
    assert!(p.distinct.iter().any(|d| d.is("zelensky", "zelenskyy")));
    assert!(h.query_by_label("Keep Volodymyr Zelenskyy").is_none());
    assert!(
        claimtrace::identity::clusters(p)
            .iter()
            .all(|c| !c.members.contains(&"zelensky".to_string()))
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().project().distinct.is_empty());
}

#[test]
fn the_sources_tab_opens_tidy() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(duplicates(), dir.path().join("config"));
    h.get_by_label("Sources").click();
    h.run();
    h.get_by_label("Tidy…").click();
    h.run();
    h.get_by_label("Keep Mr. Trump");
    // The Annotate menu lists it (its popup is not driven here; the command is).
    let b = claimtrace::ui::command::binding(&Command::ShowTidy).unwrap();
    assert_eq!(b.label, "Tidy sources…");
}

/// The chars of the `nth` `needle` in the current document, selected in the reader.
fn select(h: &mut Harness<'static, App>, needle: &str, nth: usize) {
    let app = h.state();
    let doc = app.current_document().unwrap();
    let t = app.project().document(doc).unwrap().text.clone();
    let (b, _) = t.match_indices(needle).nth(nth).unwrap();
    let start = t[..b].chars().count();
    let r = (start, start + needle.chars().count());
    h.state_mut().reader_mut().set_selection(Some(r));
    h.run();
}

#[test]
fn the_s_key_resolves_spellings_through_identity() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = duplicates();
    // Only Donald Trump and the Clintons in the registry; no claims yet.
    p.claims.clear();
    p.sources
        .retain(|s| ["donald-trump", "bill-clinton", "hillary-clinton"].contains(&s.id.as_str()));
    let mut h = harness(p, dir.path().join("config"));
    // "Trump's aides said a third": the mention "Trump's" is Donald Trump (no dialog).
    select(&mut h, "said a third", 0);
    h.key_press(Key::C);
    h.run();
    let claim = h.state().selected_claim().unwrap().to_string();
    select(&mut h, "Trump's", 0);
    h.key_press(Key::S);
    h.run();
    assert!(h.state().modal().is_none(), "no New source dialog");
    let app = h.state();
    assert_eq!(source_of(app.project(), &claim), ["donald-trump"]);
    assert_eq!(app.project().sources.len(), 3, "no source “Trump's”");
    // "Hillary Clinton said yes" after "Bill Clinton said no": "Clinton" alone would be either;
    // the full name is Hillary's.
    select(&mut h, "said yes", 0);
    h.key_press(Key::C);
    h.run();
    let claim = h.state().selected_claim().unwrap().to_string();
    select(&mut h, "Hillary Clinton", 0);
    h.key_press(Key::S);
    h.run();
    assert_eq!(source_of(h.state().project(), &claim), ["hillary-clinton"]);
}
