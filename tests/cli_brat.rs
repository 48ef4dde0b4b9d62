//! `claimtrace import --format brat` and `export --format brat` on PolNeAR-scheme material as
//! real corpora have it (tests/fixtures/brat-hard, see its SOURCE.md): fragments listed in any
//! order, spans and triggers several events share, quotes cut by a line break, offsets past
//! the end. Every export must open in brat (tests/common/brat_check.rs) and survive
//! export → import → export unchanged; and a read-only project is never replaced.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::{Run, run};
#[path = "common/brat_check.rs"]
mod brat_check;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn ok(dir: &Path, args: &[&str]) -> Run {
    let r = run(dir, args);
    assert_eq!(r.code, 0, "{args:?}:\n{}{}", r.stdout, r.stderr);
    r
}

fn claims(dir: &Path, project: &str) -> u64 {
    let v: Value = serde_json::from_str(&ok(dir, &["stats", project, "--json"]).stdout).unwrap();
    v["claims"].as_u64().unwrap()
}

/// Every .ann of a folder as a set of T lines (type + offsets) and events (type + roles, each
/// role as the type and offsets of the span it names), by the text of its .txt.
fn shape(dir: &Path) -> BTreeSet<(String, BTreeSet<String>)> {
    let mut out = BTreeSet::new();
    for p in fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
        if p.extension().is_none_or(|e| e != "ann") {
            continue;
        }
        let ann = fs::read_to_string(&p).unwrap();
        let text = fs::read_to_string(p.with_extension("txt")).unwrap();
        let mut spans = std::collections::HashMap::new();
        let mut set = BTreeSet::new();
        for l in ann.lines().filter(|l| l.starts_with('T')) {
            let cols: Vec<&str> = l.split('\t').collect();
            spans.insert(cols[0].to_string(), cols[1].to_string());
            set.insert(format!("T {}", cols[1]));
        }
        for l in ann.lines().filter(|l| l.starts_with('E')) {
            let body = l.split('\t').nth(1).unwrap();
            let mut roles: Vec<String> = body
                .split(' ')
                .map(|a| {
                    let (role, id) = a.split_once(':').unwrap();
                    format!("{role}={}", spans.get(id).cloned().unwrap_or(id.into()))
                })
                .collect();
            roles.sort();
            set.insert(format!("E {}", roles.join(" ")));
        }
        out.insert((text, set));
    }
    out
}

fn t_lines(dir: &Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .map(|p| {
            fs::read_to_string(p)
                .unwrap()
                .lines()
                .filter(|l| l.starts_with('T'))
                .count()
        })
        .sum()
}

/// A PolNeAR-scheme folder imports without --lenient; the export opens in brat, writes a
/// shared span once, and export → import → export is identical with the same claims.
#[test]
fn a_polnear_corpus_imports_strictly_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let valid = fixture("tests/fixtures/brat-hard/valid");
    ok(d, &["new", "p.ron", "--name", "P"]);
    let r = ok(
        d,
        &[
            "import",
            "p.ron",
            "--format",
            "brat",
            valid.to_str().unwrap(),
        ],
    );
    assert!(r.stdout.contains("10 claims added"), "{}", r.stdout);
    assert_eq!(claims(d, "p.ron"), 10);
    ok(d, &["export", "p.ron", "--format", "brat", "--out", "once"]);
    brat_check::assert_brat_opens(&d.join("once"));
    // As many T lines as the original's 25 + 11: a span several events share (a Source, a
    // Cue, a trigger) is written once, as it is there.
    assert_eq!(t_lines(&valid), 36);
    assert_eq!(t_lines(&d.join("once")), 36);

    ok(d, &["new", "q.ron", "--name", "Q"]);
    ok(d, &["import", "q.ron", "--format", "brat", "once"]);
    assert_eq!(claims(d, "q.ron"), 10);
    ok(
        d,
        &["export", "q.ron", "--format", "brat", "--out", "twice"],
    );
    brat_check::assert_brat_opens(&d.join("twice"));
    assert_eq!(shape(&d.join("twice")), shape(&d.join("once")));
}

/// Bad lines fail the import (naming the file and line) unless --lenient, which skips and lists
/// them; the lenient import's export then imports without --lenient, with the same claims.
#[test]
fn bad_lines_need_lenient_and_the_round_trip_keeps_the_claim_count() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let broken = fixture("tests/fixtures/brat-hard/broken");
    ok(d, &["new", "p.ron", "--name", "P"]);
    let before = fs::read(d.join("p.ron")).unwrap();
    let r = run(
        d,
        &[
            "import",
            "p.ron",
            "--format",
            "brat",
            broken.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("b1.ann") && r.stderr.contains("line 4"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("line break"), "{}", r.stderr);
    assert_eq!(fs::read(d.join("p.ron")).unwrap(), before, "untouched");

    let r = ok(
        d,
        &[
            "import",
            "p.ron",
            "--format",
            "brat",
            broken.to_str().unwrap(),
            "--lenient",
        ],
    );
    for (file, line) in [("b1", 3), ("b1", 4), ("b2", 8), ("b3", 3), ("b3", 6)] {
        assert!(
            r.stderr
                .contains(&format!("{file}.ann, line {line}: skipped")),
            "{file} line {line}:\n{}",
            r.stderr
        );
    }
    assert_eq!(claims(d, "p.ron"), 3);
    ok(d, &["export", "p.ron", "--format", "brat", "--out", "once"]);
    brat_check::assert_brat_opens(&d.join("once"));
    ok(d, &["new", "q.ron", "--name", "Q"]);
    ok(d, &["import", "q.ron", "--format", "brat", "once"]);
    assert_eq!(
        claims(d, "q.ron"),
        3,
        "no loose claims from the skipped events' spans"
    );
    ok(
        d,
        &["export", "q.ron", "--format", "brat", "--out", "twice"],
    );
    brat_check::assert_brat_opens(&d.join("twice"));
    assert_eq!(shape(&d.join("twice")), shape(&d.join("once")));
}

/// The samples (brat's own tutorial and a CoNLL corpus) and the seed article: the same.
#[test]
fn the_samples_round_trip_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (k, src) in [
        "tests/fixtures/brat",
        "tests/fixtures/brat-polnear",
        "tests/fixtures/articles",
    ]
    .iter()
    .enumerate()
    {
        let (p, q) = (format!("p{k}.ron"), format!("q{k}.ron"));
        let (once, twice) = (format!("once{k}"), format!("twice{k}"));
        ok(d, &["new", &p, "--name", "P"]);
        ok(
            d,
            &[
                "import",
                &p,
                "--format",
                "brat",
                fixture(src).to_str().unwrap(),
            ],
        );
        ok(d, &["export", &p, "--format", "brat", "--out", &once]);
        brat_check::assert_brat_opens(&d.join(&once));
        ok(d, &["new", &q, "--name", "Q"]);
        ok(d, &["import", &q, "--format", "brat", &once]);
        assert_eq!(claims(d, &q), claims(d, &p), "{src}");
        ok(d, &["export", &q, "--format", "brat", "--out", &twice]);
        assert_eq!(shape(&d.join(&twice)), shape(&d.join(&once)), "{src}");
        // brat's configuration too, whatever order the re-import made the labels in.
        for conf in ["annotation.conf", "visual.conf"] {
            assert_eq!(
                fs::read_to_string(d.join(&twice).join(conf)).unwrap(),
                fs::read_to_string(d.join(&once).join(conf)).unwrap(),
                "{src}: {conf}"
            );
        }
    }
}

/// `add` to a read-only project (`chmod 444`) is refused, naming the file, and the file keeps
/// its bytes and its mode; so is a project in a read-only folder. (CI runs as root, whom the
/// system lets write anything.)
#[cfg(unix)]
#[test]
fn a_read_only_project_is_refused_never_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["new", "p.ron", "--name", "P"]);
    fs::write(d.join("a.txt"), "Ana said it rained.\n").unwrap();
    fs::set_permissions(d.join("p.ron"), fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(d.join("p.ron")).unwrap();
    let r = run(d, &["add", "p.ron", "a.txt"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("p.ron") && r.stderr.contains("read-only"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(d.join("p.ron")).unwrap(), before);
    let mode = fs::metadata(d.join("p.ron")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "not replaced by a new file");

    // A writable file in a folder that is not.
    let sub = d.join("ro");
    fs::create_dir(&sub).unwrap();
    ok(d, &["new", "ro/p.ron", "--name", "P"]);
    fs::copy(d.join("a.txt"), sub.join("a.txt")).unwrap();
    let before = fs::read(sub.join("p.ron")).unwrap();
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o555)).unwrap();
    let r = run(d, &["add", "ro/p.ron", "ro/a.txt"]);
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("p.ron") && r.stderr.contains("folder"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(sub.join("p.ron")).unwrap(), before);
}
