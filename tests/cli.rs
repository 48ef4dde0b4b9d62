//! The command line, run as the real binary in temporary folders.

use assert_cmd::Command;
use claimtrace::model::{Annotator, Attribution, Document, Origin, Project, Source, SourceKind};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

mod common;
use common::{Run, run};

const SEED_TXT: &str = "tests/fixtures/articles/amnesty-vietnam.txt";
const SEED_ANN: &str = "tests/fixtures/articles/amnesty-vietnam.ann";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Run and expect success.
fn ok(dir: &Path, args: &[&str]) -> Run {
    let r = run(dir, args);
    assert_eq!(
        r.code, 0,
        "claimtrace {args:?} failed:\n{}{}",
        r.stdout, r.stderr
    );
    r
}

/// A temporary folder with a new empty project `p.ron` in it.
fn project() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &["new", "p.ron", "--name", "Seed", "--annotator", "Ana Lima"],
    );
    let p = dir.path().join("p.ron");
    (dir, p)
}

fn stats_json(dir: &Path, project: &str) -> Value {
    let r = ok(dir, &["stats", project, "--json"]);
    serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("stats --json is not JSON ({e}):\n{}", r.stdout))
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// Deterministic bytes that look like a random binary file (including NULs).
fn junk_bytes(n: usize) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn new_add_stats_round_trip_on_the_seed() {
    let (dir, p) = project();
    let created = fs::read_to_string(&p).unwrap();
    assert!(created.contains("name: \"Seed\""), "{created}");
    assert!(created.contains("id: \"ana-lima\""), "{created}");

    let seed = fixture(SEED_TXT);
    let r = ok(dir.path(), &["add", "p.ron", path_str(&seed)]);
    assert!(r.stdout.contains("imported 1, skipped 0"), "{}", r.stdout);

    // The document in the file is the article's text exactly (it is already NFC with \n).
    let (project, _) = claimtrace::store::load(&p).unwrap();
    assert_eq!(project.documents.len(), 1);
    let doc = &project.documents[0];
    assert_eq!(doc.text, fs::read_to_string(&seed).unwrap());
    assert_eq!(
        doc.title,
        "Amnesty: Vietnam steps up online crackdown, jailed activists at record high"
    );
    assert_eq!(doc.origin.file.as_deref(), Some("amnesty-vietnam.txt"));

    let s = stats_json(dir.path(), "p.ron");
    assert_eq!(s["format"], claimtrace::model::FORMAT);
    assert_eq!(s["name"], "Seed");
    assert_eq!(s["documents"], 1);
    assert_eq!(s["claims"], 0);
    assert_eq!(s["attributed"], 0);
    assert_eq!(s["labels"]["claim"], 0);
    assert_eq!(s["per_document"][0]["chars"], 2927);

    let human = ok(dir.path(), &["stats", "p.ron"]).stdout;
    assert!(human.contains("1 document, 0 claims"), "{human}");
    assert!(
        human.contains("re-anchored") && human.contains("orphaned"),
        "{human}"
    );
    assert!(human.contains("amnesty-vietnam.txt"), "{human}");
}

#[test]
fn stats_json_is_one_object_with_the_contract_keys() {
    let (dir, _) = project();
    ok(dir.path(), &["add", "p.ron", path_str(&fixture(SEED_TXT))]);
    let r = ok(dir.path(), &["stats", "p.ron", "--json"]);
    // Exactly one JSON value on stdout, and it is an object.
    let mut values = serde_json::Deserializer::from_str(&r.stdout).into_iter::<Value>();
    let first = values.next().expect("one value").expect("valid JSON");
    assert!(
        values.next().is_none(),
        "more than one JSON value:\n{}",
        r.stdout
    );
    let obj = first.as_object().expect("a JSON object");
    for key in [
        "format",
        "documents",
        "claims",
        "attributed",
        "sources",
        "orphaned",
        "reanchored",
        "labels",
        "name",
        "unattributed",
        "statuses",
        "per_document",
    ] {
        assert!(
            obj.contains_key(key),
            "stats --json lacks {key:?}:\n{}",
            r.stdout
        );
    }
    assert!(obj["labels"].is_object());
}

#[test]
fn add_a_folder_takes_every_txt_and_md_inside() {
    let (dir, _) = project();
    let articles = dir.path().join("articles");
    fs::create_dir_all(articles.join("sub")).unwrap();
    fs::write(articles.join("one.txt"), "First article\n\nIt said things.").unwrap();
    fs::write(
        articles.join("sub/two.md"),
        "# Second *article*\n\nMore text.",
    )
    .unwrap();
    fs::write(articles.join("ignored.pdfx"), "not an article").unwrap();
    fs::write(articles.join("notes.ron"), "(not: an article)").unwrap();
    let r = ok(dir.path(), &["add", "p.ron", "articles"]);
    assert!(r.stdout.contains("imported 2, skipped 0"), "{}", r.stdout);
    // The progress line is for terminals only; here stderr is a pipe.
    assert!(!r.stderr.contains("reading"), "{}", r.stderr);
    let s = stats_json(dir.path(), "p.ron");
    assert_eq!(s["documents"], 2);
    let titles: Vec<&str> = s["per_document"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["First article", "Second article"]);
}

#[test]
fn a_folder_without_articles_is_bad_input() {
    let (dir, p) = project();
    fs::create_dir(dir.path().join("nothing")).unwrap();
    fs::write(dir.path().join("nothing/readme.rst"), "x").unwrap();
    let before = fs::read(&p).unwrap();
    let r = run(dir.path(), &["add", "p.ron", "nothing"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("nothing") && r.stderr.contains(".txt"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(&p).unwrap(), before);
}

#[test]
fn duplicate_texts_are_skipped_and_named() {
    let (dir, p) = project();
    let seed = fixture(SEED_TXT);
    ok(dir.path(), &["add", "p.ron", path_str(&seed)]);
    let before = fs::read(&p).unwrap();

    // The same text again: nothing to do, the file is not rewritten.
    let r = ok(dir.path(), &["add", "p.ron", path_str(&seed)]);
    assert!(r.stdout.contains("imported 0, skipped 1"), "{}", r.stdout);
    assert!(
        r.stdout.contains("amnesty-vietnam.txt") && r.stdout.contains("already has"),
        "{}",
        r.stdout
    );
    assert_eq!(fs::read(&p).unwrap(), before);

    // Two files with one text in one batch (CRLF vs LF: the same text once normalised).
    fs::write(dir.path().join("a.txt"), "Same words\nhere").unwrap();
    fs::write(dir.path().join("b.txt"), "Same words\r\nhere").unwrap();
    let r = ok(dir.path(), &["add", "p.ron", "a.txt", "b.txt"]);
    assert!(r.stdout.contains("imported 1, skipped 1"), "{}", r.stdout);
    assert!(r.stdout.contains("skipped b.txt"), "{}", r.stdout);
    assert_eq!(stats_json(dir.path(), "p.ron")["documents"], 2);
}

#[test]
fn decomposed_vietnamese_and_crlf_are_normalised() {
    let (dir, p) = project();
    // "Bộ Ngoại giao" in decomposed form (NFD), with Windows line ends and a BOM.
    let raw = "\u{feff}Bo\u{0323}\u{0302} Ngoa\u{0323}i giao\r\n\r\nPha\u{0323}m Thu Ha\u{0300}ng said.\r\n";
    fs::write(dir.path().join("vn.txt"), raw).unwrap();
    ok(dir.path(), &["add", "p.ron", "vn.txt"]);
    let (project, _) = claimtrace::store::load(&p).unwrap();
    let doc = &project.documents[0];
    assert_eq!(doc.text, "Bộ Ngoại giao\n\nPhạm Thu Hàng said.\n");
    assert_eq!(doc.title, "Bộ Ngoại giao");
    assert_eq!(
        stats_json(dir.path(), "p.ron")["per_document"][0]["chars"],
        35
    );
}

#[test]
fn windows_1252_text_is_decoded_and_the_user_told() {
    let (dir, p) = project();
    // "Café “déjà vu” – naïve …" in Windows-1252.
    let bytes = b"Caf\xe9 \x93d\xe9j\xe0 vu\x94 \x96 na\xefve, a fairly long sentence in French for detection.";
    fs::write(dir.path().join("legacy.txt"), bytes).unwrap();
    let r = ok(dir.path(), &["add", "p.ron", "legacy.txt"]);
    assert!(
        r.stderr.contains("legacy.txt") && r.stderr.contains("windows-1252"),
        "the user is not told about the encoding:\n{}",
        r.stderr
    );
    let (project, _) = claimtrace::store::load(&p).unwrap();
    assert!(
        project.documents[0]
            .text
            .starts_with("Café “déjà vu” – naïve"),
        "{}",
        project.documents[0].text
    );
}

/// `add` with one bad file: exit 1, the file named, the project byte for byte as before.
fn assert_bad_add(name: &str, contents: Option<&[u8]>, what: &str) {
    let (dir, p) = project();
    ok(dir.path(), &["add", "p.ron", path_str(&fixture(SEED_TXT))]);
    if let Some(bytes) = contents {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    let before = fs::read(&p).unwrap();
    let r = run(dir.path(), &["add", "p.ron", name]);
    assert_eq!(r.code, 1, "add {name}: {}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains(name),
        "add {name}: the file is not named:\n{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(what),
        "add {name}: does not say {what:?}:\n{}",
        r.stderr
    );
    assert!(r.stderr.contains("unchanged"), "{}", r.stderr);
    assert_eq!(
        fs::read(&p).unwrap(),
        before,
        "add {name} changed the project"
    );
}

#[test]
fn a_random_binary_file_named_txt_is_refused() {
    assert_bad_add(
        "junk.txt",
        Some(&junk_bytes(2048)),
        "is not text: it holds binary data",
    );
}

#[test]
fn an_empty_file_is_refused() {
    assert_bad_add("empty.txt", Some(b""), "empty");
    assert_bad_add("blank.txt", Some(b" \r\n\t\n"), "empty");
}

#[test]
fn a_missing_file_is_refused() {
    assert_bad_add("missing.txt", None, "does not exist");
}

#[test]
fn one_bad_file_refuses_the_batch_unless_skip_bad() {
    let (dir, p) = project();
    fs::write(dir.path().join("good.txt"), "A good article.").unwrap();
    fs::write(dir.path().join("junk.txt"), junk_bytes(512)).unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let before = fs::read(&p).unwrap();

    let r = run(
        dir.path(),
        &["add", "p.ron", "good.txt", "junk.txt", "empty.txt"],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("junk.txt") && r.stderr.contains("empty.txt"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("good.txt"),
        "the good file is not a problem:\n{}",
        r.stderr
    );
    assert!(r.stderr.contains("--skip-bad"), "{}", r.stderr);
    assert_eq!(fs::read(&p).unwrap(), before);

    let r = ok(
        dir.path(),
        &[
            "add",
            "p.ron",
            "good.txt",
            "junk.txt",
            "empty.txt",
            "--skip-bad",
        ],
    );
    assert!(r.stdout.contains("imported 1, skipped 2"), "{}", r.stdout);
    assert!(
        r.stdout.contains("junk.txt") && r.stdout.contains("empty.txt"),
        "{}",
        r.stdout
    );
    assert_eq!(stats_json(dir.path(), "p.ron")["documents"], 1);

    // --skip-bad with nothing good left is still a failure, and writes nothing.
    let before = fs::read(&p).unwrap();
    let r = run(dir.path(), &["add", "p.ron", "junk.txt", "--skip-bad"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("junk.txt"), "{}", r.stdout);
    assert_eq!(fs::read(&p).unwrap(), before);
}

#[test]
fn a_truncated_project_is_refused_saying_it_ends_early_and_where() {
    let (dir, p) = project();
    ok(dir.path(), &["add", "p.ron", path_str(&fixture(SEED_TXT))]);
    let full = fs::read_to_string(&p).unwrap();
    let cut: String = full.chars().take(full.chars().count() * 2 / 3).collect();
    fs::write(&p, &cut).unwrap();
    fs::write(dir.path().join("new.txt"), "Another article.").unwrap();

    for args in [
        &["stats", "p.ron"][..],
        &["stats", "p.ron", "--json"],
        &["add", "p.ron", "new.txt"],
    ] {
        let r = run(dir.path(), args);
        assert_eq!(r.code, 1, "{args:?}");
        assert!(r.stderr.contains("p.ron"), "{args:?}: {}", r.stderr);
        // Not the parser's "Expected …": the file ends early, at its last line.
        let last = cut.trim_end().lines().count();
        assert!(
            r.stderr
                .contains(&format!("the file ends early (truncated?) at line {last}"))
                && !r.stderr.contains("Expected"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{args:?} printed {}", r.stdout);
        assert_eq!(
            fs::read_to_string(&p).unwrap(),
            cut,
            "{args:?} changed the file"
        );
    }
}

#[test]
fn a_project_that_is_not_text_or_not_a_project_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bin.ron"), junk_bytes(300)).unwrap();
    fs::write(
        dir.path().join("other.ron"),
        "(title: \"a different RON file\")",
    )
    .unwrap();
    fs::write(dir.path().join("a.txt"), "Text.").unwrap();
    for name in ["bin.ron", "other.ron"] {
        let before = fs::read(dir.path().join(name)).unwrap();
        for args in [&["stats", name][..], &["add", name, "a.txt"]] {
            let r = run(dir.path(), args);
            assert_eq!(r.code, 1, "{args:?}");
            assert!(r.stderr.contains(name), "{args:?}: {}", r.stderr);
            assert_eq!(fs::read(dir.path().join(name)).unwrap(), before);
        }
    }
    let r = run(dir.path(), &["stats", "absent.ron"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("absent.ron") && r.stderr.contains("claimtrace new"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_project_of_a_newer_format_is_not_written() {
    let (dir, p) = project();
    ok(dir.path(), &["add", "p.ron", path_str(&fixture(SEED_TXT))]);
    let text = fs::read_to_string(&p).unwrap().replacen(
        &format!("format: {},", claimtrace::model::FORMAT),
        "format: 99,",
        1,
    );
    fs::write(&p, &text).unwrap();
    fs::write(dir.path().join("new.txt"), "Another article.").unwrap();
    let brat = dir.path().join("brat");
    fs::create_dir(&brat).unwrap();
    fs::copy(fixture(SEED_TXT), brat.join("amnesty-vietnam.txt")).unwrap();
    fs::copy(fixture(SEED_ANN), brat.join("amnesty-vietnam.ann")).unwrap();

    for args in [
        &["add", "p.ron", "new.txt"][..],
        &["import", "p.ron", "--format", "brat", "brat"],
    ] {
        let r = run(dir.path(), args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("p.ron") && r.stderr.contains("newer"),
            "{args:?}: {}",
            r.stderr
        );
        assert_eq!(
            fs::read_to_string(&p).unwrap(),
            text,
            "{args:?} changed the file"
        );
    }
    // Reading it is fine, and says so.
    let s = stats_json(dir.path(), "p.ron");
    assert_eq!(s["format"], 99);
    assert_eq!(s["read_only"], true);
    assert!(
        ok(dir.path(), &["stats", "p.ron"])
            .stdout
            .contains("read-only")
    );
}

#[test]
fn new_never_overwrites() {
    let (dir, p) = project();
    ok(dir.path(), &["add", "p.ron", path_str(&fixture(SEED_TXT))]);
    let before = fs::read(&p).unwrap();
    let r = run(dir.path(), &["new", "p.ron", "--name", "Other"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("p.ron") && r.stderr.contains("already exists"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(&p).unwrap(), before);
    // Nor into a folder that does not exist: a clear error, no file.
    let r = run(dir.path(), &["new", "no/such/dir/q.ron", "--name", "Q"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("q.ron"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["add", "p.ron"][..],
        &["new", "p.ron"],
        &["new", "p.ron", "--name", "  "],
        &["stats"],
        &["stats", "p.ron", "--bogus"],
        &["import", "p.ron", "--format", "nonsense", "x.ann"],
        &["import", "p.ron", "x.ann"],
        &["p.ron", "q.ron"],
    ] {
        let r = run(dir.path(), args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        // clap's message: what is wrong, and where to look.
        assert!(
            r.stderr.contains("error:") && r.stderr.contains("--help"),
            "{args:?}: {}",
            r.stderr
        );
    }
    assert!(!dir.path().join("p.ron").exists());
    let help = ok(dir.path(), &["--help"]).stdout;
    for cmd in ["new", "add", "stats", "import"] {
        assert!(help.contains(cmd), "--help lacks {cmd}:\n{help}");
    }
}

/// A project with two claims whose stored offsets no longer fit: one can be found again by its
/// quote, the other cannot.
fn drifted_project(path: &Path) {
    let mut p = Project::new("Drift", Annotator::named("Ana"));
    let text = "Officials said the dam was safe. Critics said it was not.".to_string();
    let origin = Origin {
        imported: "2026-11-28T12:00:00Z".parse().unwrap(),
        extractor: "txt".into(),
        ..Default::default()
    };
    p.documents.push(Document::new("Dam", text.clone(), origin));
    p.sources.push(Source {
        id: "officials".into(),
        name: "Officials".into(),
        kind: SourceKind::Government,
        aliases: vec![],
        note: String::new(),
    });
    let doc = p.documents[0].id.clone();
    let mut moved = claimtrace::edit::ops::new_claim(&p, &doc, "claim", &[(15, 31)]).unwrap();
    assert_eq!(moved.content[0].exact, "the dam was safe");
    moved.content[0].start += 3;
    moved.content[0].end += 3;
    moved.attribution = Some(Attribution {
        sources: vec!["officials".into()],
        ..Default::default()
    });
    let mut lost = claimtrace::edit::ops::new_claim(&p, &doc, "claim", &[(46, 56)]).unwrap();
    lost.content[0].exact = "words that are nowhere".into();
    p.claims.extend([moved, lost]);
    claimtrace::store::save(&p, path).unwrap();
}

#[test]
fn stats_reports_reanchored_and_orphaned_claims() {
    let dir = tempfile::tempdir().unwrap();
    drifted_project(&dir.path().join("d.ron"));
    let before = fs::read(dir.path().join("d.ron")).unwrap();
    let s = stats_json(dir.path(), "d.ron");
    assert_eq!(s["claims"], 2);
    assert_eq!(s["attributed"], 1);
    assert_eq!(s["unattributed"], 1);
    assert_eq!(s["reanchored"], 1);
    assert_eq!(s["orphaned"], 1);
    assert_eq!(s["load"]["reanchored_now"], 1);
    assert_eq!(s["labels"]["claim"], 2);
    assert_eq!(s["by_source"]["officials"], 1);
    let human = ok(dir.path(), &["stats", "d.ron"]).stdout;
    assert!(human.contains("1 re-anchored, 1 orphaned"), "{human}");
    assert!(
        human.contains("on loading: 1 claim was re-anchored"),
        "{human}"
    );
    // stats only reads.
    assert_eq!(fs::read(dir.path().join("d.ron")).unwrap(), before);
}

#[test]
fn import_brat_missing_file_is_bad_input() {
    let (dir, p) = project();
    let before = fs::read(&p).unwrap();
    let r = run(
        dir.path(),
        &["import", "p.ron", "--format", "brat", "nowhere.ann"],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("nowhere.ann"), "{}", r.stderr);
    assert_eq!(fs::read(&p).unwrap(), before);
}

/// The acceptance test of the brat import through the command line (the contract check's
/// first line): the seed's 11 attributions become 11 attributed claims.
#[test]
fn import_brat_on_the_seed_gives_11_attributed_claims() {
    let (dir, _) = project();
    ok(dir.path(), &["add", "p.ron", path_str(&fixture(SEED_TXT))]);
    ok(
        dir.path(),
        &[
            "import",
            "p.ron",
            "--format",
            "brat",
            path_str(&fixture(SEED_ANN)),
        ],
    );
    let s = stats_json(dir.path(), "p.ron");
    assert_eq!(
        (
            s["documents"].as_u64(),
            s["claims"].as_u64(),
            s["attributed"].as_u64()
        ),
        (Some(1), Some(11), Some(11))
    );
    assert_eq!(s["orphaned"], 0);

    // A folder of pairs into a fresh project: the document comes with it.
    let brat = dir.path().join("brat");
    fs::create_dir(&brat).unwrap();
    fs::copy(fixture(SEED_TXT), brat.join("amnesty-vietnam.txt")).unwrap();
    fs::copy(fixture(SEED_ANN), brat.join("amnesty-vietnam.ann")).unwrap();
    ok(dir.path(), &["new", "q.ron", "--name", "Q"]);
    ok(dir.path(), &["import", "q.ron", "--format", "brat", "brat"]);
    let s = stats_json(dir.path(), "q.ron");
    assert_eq!(
        (
            s["documents"].as_u64(),
            s["claims"].as_u64(),
            s["attributed"].as_u64()
        ),
        (Some(1), Some(11), Some(11))
    );
}

/// The seed project with its 11 brat claims, and the seed article as a newer version: a
/// paragraph inserted at the top and one word changed inside a claim.
fn seed_with_claims() -> (TempDir, PathBuf) {
    let (dir, p) = project();
    ok(dir.path(), &["add", "p.ron", path_str(&fixture(SEED_TXT))]);
    ok(
        dir.path(),
        &[
            "import",
            "p.ron",
            "--format",
            "brat",
            path_str(&fixture(SEED_ANN)),
        ],
    );
    (dir, p)
}

const INSERTED: &str = "Updated on 29 November with a reply from the foreign ministry.\n\n";

#[test]
fn update_carries_every_claim_over_to_the_newer_article() {
    let (dir, p) = seed_with_claims();
    let (before, _) = claimtrace::store::load(&p).unwrap();
    let doc = before.documents[0].id.clone();
    let seed = fs::read_to_string(fixture(SEED_TXT)).unwrap();
    assert_eq!(seed.matches("is the greatest that").count(), 1);
    let newer = format!(
        "{INSERTED}{}",
        // A word of the same length, so later offsets shift by the inserted paragraph only.
        seed.replace("is the greatest that", "is the foremost that")
    );
    fs::write(dir.path().join("newer.txt"), &newer).unwrap();

    let r = ok(
        dir.path(),
        &["update", "p.ron", "--document", &doc, "newer.txt"],
    );
    assert!(
        r.stdout
            .contains("0 claims unchanged, 11 moved, 0 orphaned"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("in Vietnam is the for"), "{}", r.stdout);

    let (after, _) = claimtrace::store::load(&p).unwrap();
    assert_eq!(after.documents[0].text, newer);
    assert_eq!(after.claims.len(), 11);
    let shift = INSERTED.chars().count();
    for (old, new) in before.claims.iter().zip(&after.claims) {
        assert_eq!(old.id, new.id);
        assert_eq!(new.anchor, claimtrace::model::Anchor::Reanchored);
        for (a, b) in old.content.iter().zip(&new.content) {
            if a.exact.contains("is the greatest that") {
                assert_eq!(b.exact, a.exact.replace("greatest", "foremost"));
                assert_eq!(b.start, a.start + shift);
            } else {
                assert_eq!(
                    (b.start, b.end, &b.exact),
                    (a.start + shift, a.end + shift, &a.exact)
                );
            }
        }
        let (oa, na) = (
            old.attribution.as_ref().unwrap(),
            new.attribution.as_ref().unwrap(),
        );
        for (a, b) in oa
            .mention
            .iter()
            .chain(&oa.cue)
            .zip(na.mention.iter().chain(&na.cue))
        {
            assert_eq!((b.start, &b.exact), (a.start + shift, &a.exact));
        }
    }
    let s = stats_json(dir.path(), "p.ron");
    assert_eq!(
        (s["reanchored"].as_u64(), s["orphaned"].as_u64()),
        (Some(11), Some(0))
    );

    // A version without the "Amnesty defines …" paragraph: that claim becomes an orphan, kept.
    let para_start = newer.find("Amnesty defines").unwrap();
    let para_end = para_start + newer[para_start..].find("\n\n").unwrap() + 2;
    let cut = format!("{}{}", &newer[..para_start], &newer[para_end..]);
    fs::write(dir.path().join("cut.txt"), &cut).unwrap();
    let r = ok(
        dir.path(),
        &["update", "p.ron", "--document", &doc, "cut.txt"],
    );
    assert!(r.stdout.contains("1 orphaned"), "{}", r.stdout);
    let orphan = before
        .claims
        .iter()
        .find(|c| {
            c.content[0]
                .exact
                .starts_with("prisoners of conscience as those")
        })
        .unwrap();
    assert!(
        r.stdout.contains(&format!(
            "orphaned {}: \"prisoners of conscience as those",
            orphan.id
        )),
        "{}",
        r.stdout
    );
    let s = stats_json(dir.path(), "p.ron");
    assert_eq!(
        (s["claims"].as_u64(), s["orphaned"].as_u64()),
        (Some(11), Some(1))
    );
}

#[test]
fn update_with_the_same_text_changes_nothing() {
    let (dir, p) = seed_with_claims();
    let (project, _) = claimtrace::store::load(&p).unwrap();
    let doc = project.documents[0].id.clone();
    let bytes = fs::read(&p).unwrap();
    let r = ok(
        dir.path(),
        &[
            "update",
            "p.ron",
            "--document",
            &doc,
            path_str(&fixture(SEED_TXT)),
        ],
    );
    assert!(r.stdout.contains("nothing changed"), "{}", r.stdout);
    assert_eq!(fs::read(&p).unwrap(), bytes);
}

#[test]
fn update_of_an_unknown_document_or_a_bad_file_is_bad_input() {
    let (dir, p) = seed_with_claims();
    let (project, _) = claimtrace::store::load(&p).unwrap();
    let doc = project.documents[0].id.clone();
    let bytes = fs::read(&p).unwrap();
    let r = run(
        dir.path(),
        &[
            "update",
            "p.ron",
            "--document",
            "no-such-id",
            path_str(&fixture(SEED_TXT)),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("no-such-id") && r.stderr.contains(&doc),
        "{}",
        r.stderr
    );
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let r = run(
        dir.path(),
        &["update", "p.ron", "--document", &doc, "empty.txt"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("empty.txt") && r.stderr.contains("empty"),
        "{}",
        r.stderr
    );
    let r = run(dir.path(), &["update", "p.ron", "--document", &doc]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(fs::read(&p).unwrap(), bytes);
    assert!(!claimtrace::store::lock::lock_path(&p).exists());
}

/// A lock file naming a live holder: process 1 is always alive.
fn write_lock(p: &Path, host: &str, pid: u32) {
    let holder = claimtrace::store::lock::Holder {
        user: "bea".into(),
        host: host.into(),
        pid,
        since: "2026-11-28T09:00:00Z".into(),
        // As an older Claimtrace wrote it: no program, no OS lock.
        program: String::new(),
        os_lock: false,
        started: None,
    };
    fs::write(
        claimtrace::store::lock::lock_path(p),
        serde_json::to_string(&holder).unwrap(),
    )
    .unwrap();
}

#[test]
fn writing_commands_refuse_a_project_open_elsewhere_and_ignore_stale_locks() {
    let (dir, p) = seed_with_claims();
    let (project, _) = claimtrace::store::load(&p).unwrap();
    let doc = project.documents[0].id.clone();
    let bytes = fs::read(&p).unwrap();
    fs::write(
        dir.path().join("other.txt"),
        "Another article, with its own text.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("newer.txt"),
        format!("{INSERTED}{}", project.documents[0].text),
    )
    .unwrap();
    write_lock(&p, "lab-pc", 1);
    let lock_bytes = fs::read(claimtrace::store::lock::lock_path(&p)).unwrap();
    for args in [
        vec!["add", "p.ron", "other.txt"],
        vec![
            "import",
            "p.ron",
            "--format",
            "brat",
            path_str(&fixture(SEED_ANN)),
        ],
        vec!["update", "p.ron", "--document", &doc, "newer.txt"],
    ] {
        let r = run(dir.path(), &args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        // The time in words, in this machine's zone: the date (not today) and hours:minutes.
        assert!(
            r.stderr
                .contains("p.ron is open in Claimtrace by bea on lab-pc since 2026-11-2")
                && r.stderr.contains(":00; close it there first")
                && !r.stderr.contains("T09:00:00Z"),
            "{args:?}: {}",
            r.stderr
        );
        assert_eq!(fs::read(&p).unwrap(), bytes, "{args:?} changed the project");
        assert_eq!(
            fs::read(claimtrace::store::lock::lock_path(&p)).unwrap(),
            lock_bytes,
            "{args:?} touched the lock"
        );
    }
    // Reading is allowed while another holds the lock.
    ok(dir.path(), &["stats", "p.ron"]);

    // A lock left by a dead process on this host is stale: ignored, and removed after writing.
    let host = "claimtrace-test-host";
    write_lock(&p, host, u32::MAX - 7);
    let out = Command::cargo_bin("claimtrace")
        .unwrap()
        .current_dir(dir.path())
        .env("HOSTNAME", host)
        .args(["add", "p.ron", "other.txt"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(claimtrace::store::load(&p).unwrap().0.documents.len(), 2);
    assert!(!claimtrace::store::lock::lock_path(&p).exists());
}

#[test]
fn a_project_busy_with_another_command_names_the_command_not_a_window() {
    let (dir, p) = seed_with_claims();
    let bytes = fs::read(&p).unwrap();
    fs::write(dir.path().join("other.txt"), "Another article.\n").unwrap();
    // This test process plays a running `claimtrace add`: it holds the real (OS) lock.
    let (held, _) = claimtrace::store::lock::ProjectLock::acquire(&p, "claimtrace add").unwrap();
    let held = held.expect("the lock is free");
    let r = run(dir.path(), &["add", "p.ron", "other.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let pid = std::process::id();
    assert!(
        r.stderr
            .contains("p.ron is being changed by `claimtrace add` run ")
            && r.stderr.contains(" since ")
            && r.stderr.contains(&format!("(process {pid});"))
            && r.stderr.contains("wait for it to finish"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("open in Claimtrace"), "{}", r.stderr);
    assert_eq!(fs::read(&p).unwrap(), bytes);
    // A window holding it is named as a window.
    drop(held);
    let (held, _) =
        claimtrace::store::lock::ProjectLock::acquire(&p, claimtrace::store::lock::WINDOW).unwrap();
    let r = run(dir.path(), &["add", "p.ron", "other.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("p.ron is open in Claimtrace ")
            && r.stderr.contains(" since ")
            && r.stderr.contains("close it there first"),
        "{}",
        r.stderr
    );
    drop(held);
    ok(dir.path(), &["add", "p.ron", "other.txt"]);
}

#[test]
fn add_reads_pdf_and_docx_and_names_duplicates() {
    let (dir, _) = project();
    let articles = dir.path().join("in");
    fs::create_dir_all(&articles).unwrap();
    for f in ["pdf/report.pdf", "docx/council.docx"] {
        let src = fixture(&format!("tests/fixtures/{f}"));
        fs::copy(&src, articles.join(src.file_name().unwrap())).unwrap();
    }
    fs::copy(
        fixture("tests/fixtures/pdf/report.pdf"),
        articles.join("report-copy.pdf"),
    )
    .unwrap();
    let r = ok(dir.path(), &["add", "p.ron", "in"]);
    assert!(r.stdout.contains("imported 2, skipped 1"), "{}", r.stdout);
    assert!(
        r.stdout.contains("skipped") && r.stdout.contains("report.pdf"),
        "the duplicate and its twin are named: {}",
        r.stdout
    );
    // Nothing but messages on a pipe: no progress bar.
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let s = stats_json(dir.path(), "p.ron");
    let titles: Vec<&str> = s["per_document"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Council approves budget", "A Test Report on Attribution"]
    );
}

#[test]
fn bad_articles_leave_the_project_untouched() {
    let (dir, p) = project();
    let before = fs::read(&p).unwrap();
    let d = dir.path();
    fs::write(d.join("bin.txt"), [0u8, 1, 2, 3, 0, 0, 9, 9]).unwrap();
    fs::copy(fixture("tests/fixtures/pdf/report.pdf"), d.join("fake.txt")).unwrap();
    fs::write(d.join("empty.md"), "\n  \n").unwrap();
    fs::copy(
        fixture("tests/fixtures/pdf/scanned.pdf"),
        d.join("scan.pdf"),
    )
    .unwrap();
    fs::copy(
        fixture("tests/fixtures/pdf/encrypted.pdf"),
        d.join("locked.pdf"),
    )
    .unwrap();
    for (file, want) in [
        ("bin.txt", "binary"),
        ("fake.txt", "rename it to .pdf"),
        ("empty.md", "empty"),
        ("scan.pdf", "OCR"),
        ("locked.pdf", "password"),
    ] {
        let r = run(d, &["add", "p.ron", file]);
        assert_eq!(r.code, 1, "{file}: {}", r.stderr);
        assert!(
            r.stderr.contains(file) && r.stderr.contains(want),
            "{file}: {}",
            r.stderr
        );
        assert_eq!(fs::read(&p).unwrap(), before, "{file} changed the project");
    }
}

#[test]
fn invalid_utf8_is_imported_with_a_note() {
    let (dir, _) = project();
    let mut bytes = "Le comité a décidé ".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff la s\xc3\xa9ance.");
    fs::write(dir.path().join("x.txt"), bytes).unwrap();
    let r = ok(dir.path(), &["add", "p.ron", "x.txt"]);
    assert!(r.stdout.contains("imported 1"), "{}", r.stdout);
    assert!(
        r.stderr.contains("x.txt") && r.stderr.contains("not valid UTF-8"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_mistyped_command_is_a_usage_error_naming_the_closest_commands() {
    let (dir, p) = seed_with_claims();
    let bytes = fs::read(&p).unwrap();
    let r = run(dir.path(), &["stast", "p.ron"]);
    // clap sees two words and no such subcommand: its own usage error.
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = run(dir.path(), &["exprot"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("unknown command 'exprot'") && r.stderr.contains("`export`"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("window"), "{}", r.stderr);
    let r = run(dir.path(), &["frobnicate"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("unknown command 'frobnicate'") && r.stderr.contains("stats"),
        "the commands are listed: {}",
        r.stderr
    );
    assert_eq!(fs::read(&p).unwrap(), bytes);
}

#[test]
fn the_window_without_a_display_says_so_in_one_line() {
    let (dir, _) = seed_with_claims();
    // An existing project, or any word ending in .ron, is a project to open.
    for args in [vec!["p.ron"], vec!["missing.ron"], vec![]] {
        let r = run(dir.path(), &args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert_eq!(
            r.stderr.trim_end().lines().count(),
            1,
            "{args:?}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("needs a desktop session")
                && r.stderr.contains("stats")
                && !r.stderr.contains("winit"),
            "{args:?}: {}",
            r.stderr
        );
    }
}
