use super::*;
use crate::edit::ops;
use crate::model::{Annotator, Attribution, Document, Mode, Origin, Source, SourceKind};
use proptest::prelude::*;

fn sample(text: &str) -> Project {
    let mut p = Project::new("Sample “quoted” \"project\"", Annotator::named("Ana"));
    let origin = Origin {
        imported: "2026-11-28T12:00:00Z".parse().unwrap(),
        extractor: "txt".into(),
        file: Some("a.txt".into()),
        ..Default::default()
    };
    p.documents
        .push(Document::new("Doc", text.to_string(), origin));
    p.sources.push(Source {
        id: "amnesty".into(),
        name: "Amnesty International".into(),
        kind: SourceKind::Organization,
        aliases: vec!["Amnesty".into()],
        note: "r#\"tricky\"#".into(),
    });
    let n = text.chars().count();
    if n >= 4 {
        let doc = p.documents[0].id.clone();
        let mut c = ops::new_claim(&p, &doc, "claim", &[(1, n - 1)]).unwrap();
        c.attribution = Some(Attribution {
            sources: vec!["amnesty".into()],
            mode: Mode::Direct,
            mention: ops::spans(text, &[(0, 1)]),
            ..Default::default()
        });
        p.claims.push(c);
    }
    p
}

#[test]
fn save_load_round_trip_and_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let p = sample("Line one, “curly”\nBộ Ngoại giao 👍🏽 مرحبا\n\nlast \"# line\"##");
    save(&p, &path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(&format!("\n    format: {FORMAT},\n")),
        "one field per line:\n{text}"
    );
    assert!(text.contains("Bộ Ngoại giao"), "non-ASCII stays readable");
    let (q, report) = load(&path).unwrap();
    assert_eq!(q, p);
    assert_eq!(report, LoadReport::default());
    // A second save keeps the first as the backup.
    let mut p2 = p.clone();
    p2.name = "renamed".into();
    save(&p2, &path).unwrap();
    assert_eq!(load(&backup_path(&path)).unwrap().0, p);
    assert_eq!(load(&path).unwrap().0.name, "renamed");
    // No temporary files are left behind.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

/// The committed demo file reads, and saves back to exactly its bytes: the RON reader and
/// pretty printer of this build agree with the ones that wrote the file (a `ron` upgrade that
/// changed either would show here).
#[test]
fn committed_demo_file_saves_back_to_the_same_bytes() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/demo.ron");
    let bytes = fs::read(&committed).unwrap();
    let (p, _) = load(&committed).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.ron");
    save(&p, &path).unwrap();
    let again = fs::read(&path).unwrap();
    assert!(
        again == bytes,
        "saving projects/demo.ron again changed it: first difference at byte {}",
        again
            .iter()
            .zip(&bytes)
            .position(|(a, b)| a != b)
            .unwrap_or(again.len().min(bytes.len()))
    );
}
#[test]
fn truncated_file_reports_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let text = to_ron(&sample("Some article text here.")).unwrap();
    fs::write(&path, &text[..text.len() / 2]).unwrap();
    let err = load(&path).unwrap_err();
    let half = text[..text.len() / 2].lines().count();
    match &err {
        StoreError::Truncated { line, .. } => assert_eq!(*line, half),
        other => panic!("{other:?}"),
    }
    let msg = err.to_string();
    assert!(
        msg.contains("p.ron")
            && msg.contains(&format!("the file ends early (truncated?) at line {half}"))
            && !msg.contains("Expected"),
        "{msg}"
    );
    // Cut inside a string (the article's text), the parser's own complaint is not shown either;
    // with a backup, the message names it.
    let cut = text.find("Some article").unwrap() + 4;
    fs::write(&path, &text[..cut]).unwrap();
    fs::write(backup_path(&path), &text).unwrap();
    let msg = load(&path).unwrap_err().to_string();
    assert!(msg.contains("ends early"), "{msg}");
    assert!(msg.contains("p.ron.bak"), "{msg}");
    // A file that is whole but wrong still says where.
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, "@@@");
    fs::write(&path, lines.join("\n")).unwrap();
    match load(&path).unwrap_err() {
        StoreError::Parse { line, .. } => assert!(line > 1),
        other => panic!("{other:?}"),
    }
}

#[test]
fn newer_format_is_detected() {
    let path = Path::new("x.ron");
    let mut p = sample("Some text.");
    p.format = FORMAT + 1;
    let (q, report) = from_ron(&to_ron(&p).unwrap(), path).unwrap();
    assert_eq!(report.newer_format, Some(FORMAT + 1));
    assert!(matches!(save(&q, path), Err(StoreError::TooNew { .. })));
    // A newer file with a field this build does not know is still recognised as newer.
    let text = to_ron(&p)
        .unwrap()
        .replacen("name:", "future_field: 1,\n    name:", 1);
    assert!(matches!(
        from_ron(&text, path),
        Err(StoreError::TooNew { .. }) | Ok(_)
    ));
}

/// A file of the next format, whose attributions hold a field this build does not know (as a
/// format-2 file is for a build that knows only format 1: `sources` where it expects `source`),
/// opens read-only, and is never saved over.
#[test]
fn a_file_of_the_next_format_is_read_only() {
    let mut p = sample("Amnesty said the numbers rose sharply this year.");
    p.format = FORMAT + 1;
    let text = to_ron(&p).unwrap().replace("sources: [\n", "speakers: [\n");
    assert!(text.contains("speakers: ["), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("next.ron");
    fs::write(&path, &text).unwrap();
    let (q, report) = load(&path).unwrap();
    assert_eq!(report.newer_format, Some(FORMAT + 1));
    assert_eq!(q.claims.len(), 1);
    let e = save(&q, &path).unwrap_err();
    assert!(matches!(e, StoreError::TooNew { .. }), "{e}");
    assert!(e.to_string().contains("read-only"), "{e}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text, "left untouched");
}

/// Today's format-1 demo (a copy kept as a fixture) loads as format 2 with the same claims and
/// sources, and saves as format 2.
#[test]
fn the_format_1_demo_loads_as_format_2() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo-format1.ron");
    let old = fs::read_to_string(&fixture).unwrap();
    assert_eq!(migrate::format_of(&old), Some(1));
    let (p, report) = load(&fixture).unwrap();
    assert_eq!(p.format, FORMAT);
    assert_eq!(report.migrated_from, Some(1));
    assert_eq!(report.migrations, vec![migrate::MIGRATIONS[0].what]);
    assert_eq!((report.reanchored_now, report.orphaned), (0, 0));
    // The same claims and sources as the file says, read here from its text: every claim's id
    // and `source: Some("…")`/`None`, in order.
    let mut want: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_claims = false;
    for line in old.lines() {
        let t = line.trim();
        if line.starts_with("    claims: [") {
            in_claims = true;
        }
        if !in_claims {
            continue;
        }
        if line.starts_with("            id: ") {
            want.push((
                t["id: ".len()..].trim_matches([',', '"']).to_string(),
                vec![],
            ));
        }
        if let Some(rest) = t.strip_prefix("source: Some(\"")
            && let Some(last) = want.last_mut()
        {
            last.1.push(rest.trim_end_matches("\"),").to_string());
        }
    }
    let got: Vec<(String, Vec<String>)> = p
        .claims
        .iter()
        .map(|c| (c.id.clone(), c.sources().to_vec()))
        .collect();
    assert_eq!(got, want);
    assert!(want.iter().filter(|w| !w.1.is_empty()).count() >= 10);
    let registry: Vec<&str> = p.sources.iter().map(|s| s.id.as_str()).collect();
    for id in ["amnesty", "facebook", "google", "writer", "reuters"] {
        assert!(registry.contains(&id), "{registry:?}");
        assert!(old.contains(&format!("id: \"{id}\"")));
    }
    // Saved, it is format 2, with lists of sources, and reads back the same.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.ron");
    save(&p, &path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("\n    format: {FORMAT},\n")));
    assert!(!text.contains("source: Some("), "no format-1 field is left");
    let (q, report) = load(&path).unwrap();
    assert_eq!(report.migrated_from, None);
    assert_eq!(q, p);
}

#[test]
fn not_utf8_and_missing_files_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bin.ron");
    fs::write(&path, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    assert!(matches!(load(&path), Err(StoreError::NotText { .. })));
    let missing = dir.path().join("none.ron");
    let msg = load(&missing).unwrap_err().to_string();
    assert!(msg.contains("none.ron"), "{msg}");
}

#[test]
fn dangling_reference_is_refused() {
    let mut p = sample("Some article text here.");
    p.claims[0].label = "ghost".into();
    let err = from_ron(&to_ron(&p).unwrap(), Path::new("p.ron")).unwrap_err();
    assert!(err.to_string().contains("ghost"), "{err}");
}

#[test]
fn shifted_offsets_are_reanchored_on_load() {
    let mut p = sample("Amnesty said the numbers rose sharply this year.");
    p.claims[0].content[0].start += 3;
    p.claims[0].content[0].end += 3;
    let (q, report) = from_ron(&to_ron(&p).unwrap(), Path::new("p.ron")).unwrap();
    assert_eq!(report.reanchored_now, 1);
    assert_eq!(q.claims[0].anchor, Anchor::Reanchored);
    let c = &q.claims[0].content[0];
    assert_eq!(
        crate::text::slice_chars(&q.documents[0].text, c.start, c.end),
        c.exact
    );
    // A quote that is gone becomes an orphan, kept.
    let mut p = sample("Amnesty said the numbers rose sharply this year.");
    p.claims[0].content[0].exact = "nothing like this is in the text at all".into();
    let (q, report) = from_ron(&to_ron(&p).unwrap(), Path::new("p.ron")).unwrap();
    assert_eq!(report.orphaned, 1);
    assert_eq!(q.claims.len(), 1);
    assert_eq!(q.claims[0].anchor, Anchor::Orphaned);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn ron_round_trip_of_any_text(raw in "(\\PC|\n|\"|#|\\\\|r#\")*", note in "\\PC*") {
        let text = crate::text::normalize(&raw);
        let mut p = sample(&text);
        p.sources[0].note = note;
        let s = to_ron(&p).unwrap();
        let (q, _) = from_ron(&s, Path::new("p.ron")).unwrap();
        prop_assert_eq!(q, p);
    }
}

#[test]
fn a_file_with_git_conflict_markers_is_refused_naming_the_file_and_what_to_do() {
    let project = crate::model::Project::new("p", crate::model::Annotator::named("Ana"));
    let text = to_ron(&project).expect("encodes");
    // A text merge that left markers around one field.
    let marked = text.replacen(
        "    name: \"p\",\n",
        "<<<<<<< ours\n    name: \"p\",\n=======\n    name: \"q\",\n>>>>>>> theirs\n",
        1,
    );
    assert_ne!(marked, text);
    let err = match from_ron(&marked, std::path::Path::new("team/project.ron")) {
        Ok(_) => panic!("a file with conflict markers loaded"),
        Err(e) => e,
    };
    assert!(
        matches!(err, StoreError::ConflictMarkers { line: 3, .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(msg.contains("team/project.ron"), "{msg}");
    assert!(msg.contains("git checkout --ours"), "{msg}");
    assert!(msg.contains("merge again"), "{msg}");
    // A lone "=======" line inside an article's text is not a conflict.
    assert_eq!(conflict_marker_line("a\n=======\nb\n"), None);
}

/// Strings that stress the writer's and the fast reader's string forms: quotes, backslashes,
/// hashes (raw strings), RON punctuation, comments, line breaks, Unicode.
const TRICKY: &[&str] = &[
    "",
    "plain",
    "a \"quoted\" word",
    "back\\slash",
    "r#\"raw\"#",
    "\"#",
    "##\"##",
    "ends with hash #",
    "#",
    "\"",
    "\\",
    "(paren: [bracket], comma,)",
    "// not a comment",
    "/* nor this */",
    "line\nbreak\n\n",
    "tab\there\r",
    "Bộ Ngoại giao 👍🏽 “curly” مرحبا",
    "None",
    "Some(x)",
    "'c'",
];

fn tricky_project(picks: &[usize], shortcut: Option<char>, confidence: Option<f32>) -> Project {
    let mut p = crate::demo::demo_project().unwrap();
    let mut pick = {
        let mut k = 0;
        move || {
            k += 1;
            TRICKY[picks[k % picks.len()] % TRICKY.len()].to_string()
        }
    };
    p.name = pick();
    p.annotator.name = pick();
    p.labels[0].name = pick();
    p.labels[0].shortcut = shortcut;
    p.sources[0].note = pick();
    p.sources[0].aliases.push(pick());
    p.documents[0].title = pick();
    p.documents[0].origin.outlet = Some(pick());
    p.documents[0].extras.push(pick());
    for c in p.claims.iter_mut().take(4) {
        c.note = pick();
        c.tags.push(pick());
        c.author = pick();
        if let Some(x) = confidence {
            c.origin = crate::model::ClaimOrigin::Suggested {
                confidence: x,
                rule: pick(),
            };
        }
        c.unresolved = Some(pick());
        c.agreed_by.push(pick());
    }
    p
}

proptest! {
    /// What the fast reader makes of a saved project is what `ron` makes of it.
    #[test]
    fn the_fast_reader_reads_what_the_store_writes_as_ron_does(
        picks in proptest::collection::vec(0usize..100, 1..40),
        shortcut in proptest::option::of(prop_oneof![
            Just('\''), Just('\\'), Just('"'), Just('ộ'), Just('👍'), Just('c'), Just(' '),
        ]),
        confidence in proptest::option::of(prop_oneof![
            Just(0.0f32), Just(1.0f32), Just(0.1f32), Just(1e-7f32), Just(0.333_333_34f32),
            0.0f32..1.0,
        ]),
    ) {
        let p = tricky_project(&picks, shortcut, confidence);
        let text = to_ron_by_ron(&p).unwrap();
        // The fast writer writes ron's bytes.
        let fast_text = write::to_writer(Vec::new(), &p).unwrap();
        prop_assert_eq!(std::str::from_utf8(&fast_text).unwrap(), text.as_str());
        let by_ron: Project = ron::from_str(&text).unwrap();
        prop_assert_eq!(&by_ron, &p);
        let fast: Option<Project> = fast::from_str(&text);
        prop_assert_eq!(fast.as_ref(), Some(&p));
    }

    /// A damaged file: the fast reader gives up, or reads it as `ron` does.
    #[test]
    fn the_fast_reader_never_reads_a_damaged_file_otherwise_than_ron(
        picks in proptest::collection::vec(0usize..100, 1..20),
        at in 0usize..200_000,
        cut in 1usize..4,
        insert in prop_oneof![
            Just(""), Just("\""), Just("\\"), Just(","), Just(")"), Just("("), Just("#"),
            Just("//"), Just("x"), Just("1"), Just("_"), Just("Some("), Just(" "), Just("\n"),
        ],
    ) {
        let p = tricky_project(&picks, Some('c'), Some(0.5));
        let text = to_ron(&p).unwrap();
        let mut at = at % text.len();
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let damaged = format!("{}{insert}{}", &text[..at], &text[end..]);
        if let Some(fast) = fast::from_str::<Project>(&damaged) {
            let by_ron: Result<Project, _> = ron::from_str(&damaged);
            prop_assert_eq!(by_ron.ok(), Some(fast));
        }
    }
}

#[test]
fn the_fast_reader_gives_up_on_what_it_does_not_handle() {
    let text = to_ron(&crate::demo::demo_project().unwrap()).unwrap();
    for (from, to) in [
        ("    format: 2,", "    // a comment\n    format: 2,"),
        ("    format: 2,", "    format: 0x2,"),
        ("    format: 2,", "    format: 2u32,"),
        ("    format: 2,", "    format: 2,\n    unknown: 1,"),
        ("name: \"Demo", "name: \"\\u{44}emo"),
        ("(\n    format", "Project(\n    format"),
        ("(\n    format", "#![enable(implicit_some)]\n(\n    format"),
    ] {
        assert!(text.contains(from), "{from}");
        let changed = text.replacen(from, to, 1);
        assert!(
            fast::from_str::<Project>(&changed).is_none(),
            "{to:?} should be left to ron"
        );
        // …and the store still reads it (through ron), or names what is wrong.
        let _ = from_ron(&changed, Path::new("x.ron"));
    }
    assert!(fast::from_str::<Project>(&text).is_some());
}

#[test]
fn saving_streams_the_same_bytes_as_ron_and_keeps_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut p = crate::demo::demo_project().unwrap();
    p.labels.clear(); // an empty list
    p.claims.truncate(3);
    p.claims[0].note = "a \"quoted\" note with r#\"raw\"# inside".into();
    p.claims[1].origin = crate::model::ClaimOrigin::Suggested {
        confidence: 0.75,
        rule: "cue".into(),
    };
    save(&p, &path).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        to_ron_by_ron(&p).unwrap()
    );
    let first = std::fs::read(&path).unwrap();
    p.name = "second".into();
    save(&p, &path).unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), first);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        to_ron_by_ron(&p).unwrap()
    );
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

/// A read-only project (`chmod 444`) or a project in a read-only folder is refused, named, and
/// left as it was — also for root, whom `access(2)` lets write anything (the tests run as root
/// in CI): the atomic rename would otherwise replace it with a new, writable file.
#[cfg(unix)]
#[test]
fn a_read_only_file_or_folder_is_refused_and_left_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let p = sample("Amnesty said it.");
    save(&p, &path).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let mut p2 = p.clone();
    p2.name = "changed".into();
    let e = save(&p2, &path).unwrap_err();
    assert!(matches!(e, StoreError::ReadOnly { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.contains("p.ron") && msg.contains("read-only") && msg.contains("444"),
        "{msg}"
    );
    assert_eq!(fs::read(&path).unwrap(), before, "untouched");
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "not replaced by a new file");
    // Every writer goes through the same check.
    assert!(matches!(
        write_atomic(&path, b"other", false),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(!backup_path(&path).exists(), "no backup made either");
    // A writable file in a read-only folder.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let e = save(&p2, &path);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let msg = e.unwrap_err().to_string();
    assert!(msg.contains("p.ron") && msg.contains("folder"), "{msg}");
    assert_eq!(fs::read(&path).unwrap(), before);
    // Writable again: saved.
    save(&p2, &path).unwrap();
    assert_eq!(load(&path).unwrap().0.name, "changed");
}

#[test]
fn project_files_are_recognised_by_either_ending() {
    for yes in [
        "a.claimtrace",
        "dir/b.CLAIMTRACE",
        "c.ron",
        "d.Ron",
        "v.1.claimtrace",
    ] {
        assert!(is_project_path(Path::new(yes)), "{yes}");
    }
    for no in [
        "a.txt",
        "claimtrace",
        "a.claimtrace.bak",
        "a.ron.lock",
        "ron",
        "a.html",
    ] {
        assert!(!is_project_path(Path::new(no)), "{no}");
    }
}

#[test]
fn a_project_saved_as_claimtrace_is_the_same_plain_ron() {
    let dir = tempfile::tempdir().unwrap();
    let p = sample("Amnesty said prisoners rose.");
    let new = dir.path().join(format!("p.{PROJECT_EXTENSION}"));
    let old = dir.path().join("p.ron");
    save(&p, &new).unwrap();
    save(&p, &old).unwrap();
    let (new_bytes, old_bytes) = (fs::read(&new).unwrap(), fs::read(&old).unwrap());
    assert_eq!(new_bytes, old_bytes);
    assert!(
        String::from_utf8(new_bytes)
            .unwrap()
            .starts_with("(\n    format: ")
    );
    assert_eq!(load(&new).unwrap().0, p);
}
