//! `claimtrace agree` and `claimtrace merge`, run as the real binary in temporary folders.

use claimtrace::edit::ops;
use claimtrace::model::{Annotator, Document, Origin, Project};
use claimtrace::store;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::{Run, run};

const SEED_TXT: &str = "tests/fixtures/articles/amnesty-vietnam.txt";
const SEED_ANN: &str = "tests/fixtures/articles/amnesty-vietnam.ann";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn ok(dir: &Path, args: &[&str]) -> Run {
    let r = run(dir, args);
    assert_eq!(
        r.code, 0,
        "claimtrace {args:?} failed:\n{}{}",
        r.stdout, r.stderr
    );
    r
}

/// The seed article with its brat annotations, imported by `who` into `name`.
fn seed(dir: &Path, name: &str, who: &str) -> String {
    ok(dir, &["new", name, "--name", "Seed", "--annotator", who]);
    ok(dir, &["add", name, &fixture(SEED_TXT).to_string_lossy()]);
    ok(
        dir,
        &[
            "import",
            name,
            "--format",
            "brat",
            &fixture(SEED_ANN).to_string_lossy(),
        ],
    );
    name.to_string()
}

/// A project of annotator `who` over one 100-char text with claims `(start, end, label)`.
fn small(dir: &Path, file: &str, who: &str, claims: &[(usize, usize, &str)]) -> String {
    let mut p = Project::new("small", Annotator::named(who));
    let origin = Origin {
        imported: "2026-11-28T12:00:00Z".parse().expect("a timestamp"),
        extractor: "txt".into(),
        ..Default::default()
    };
    let text: String = "abcdefghij".repeat(10);
    p.documents.push(Document::new("Small", text, origin));
    let doc = p.documents[0].id.clone();
    for &(s, e, label) in claims {
        let c = ops::new_claim(&p, &doc, label, &[(s, e)]).expect("a claim");
        p.claims.push(c);
    }
    store::save(&p, &dir.join(file)).expect("saved");
    file.to_string()
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

#[test]
fn agree_json_on_a_case_checked_by_hand() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let d = dir.path();
    let a = small(d, "a.ron", "Ana", &[(0, 10, "claim"), (20, 30, "opinion")]);
    let b = small(
        d,
        "b.ron",
        "Bo",
        &[(0, 10, "claim"), (22, 30, "claim"), (50, 60, "claim")],
    );
    let j = json(&ok(d, &["agree", &a, &b, "--json"]));
    assert_eq!(j["annotators"], serde_json::json!(["Ana", "Bo"]));
    let p = &j["pairs"][0];
    assert_eq!(
        (p["a"].as_str(), p["b"].as_str()),
        (Some("Ana"), Some("Bo"))
    );
    assert_eq!(p["documents"], 1);
    // Content: A = {0..10, 20..30}, B = {0..10, 22..30, 50..60}: exact 2·1/5, overlap 2·2/5.
    assert_eq!(p["content"]["exact_f1"].as_f64(), Some(0.4));
    assert_eq!(p["content"]["overlap_f1"].as_f64(), Some(0.8));
    // No mentions, cues or sources: nothing to measure is null.
    for k in ["mention", "cue"] {
        assert!(
            p[k]["exact_f1"].is_null() && p[k]["overlap_f1"].is_null(),
            "{p}"
        );
    }
    assert!(p["same_source"].is_null());
    // Labels of matched pairs: (claim, claim), (opinion, claim): p_o = 1/2, p_e = 1/2 → κ = 0.
    assert_eq!(p["label_kappa"].as_f64(), Some(0.0));
    assert!(p["alpha_u_content"].as_f64().is_some_and(|x| x < 1.0));
    // One pair: the mean is that pair.
    assert_eq!(j["mean"]["content"], p["content"]);
    assert_eq!(j["mean"]["documents"].as_f64(), Some(1.0));
}

#[test]
fn agree_of_a_project_with_itself_is_one_and_every_pair_is_listed() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let d = dir.path();
    let p = seed(d, "p.ron", "me");
    let j = json(&ok(d, &["agree", &p, &p, "--json"]));
    let m = &j["mean"];
    for role in ["content", "mention", "cue"] {
        assert_eq!(m[role]["exact_f1"].as_f64(), Some(1.0), "{m}");
        assert_eq!(m[role]["overlap_f1"].as_f64(), Some(1.0), "{m}");
    }
    assert_eq!(m["same_source"].as_f64(), Some(1.0));
    assert_eq!(m["alpha_u_content"].as_f64(), Some(1.0));
    // Every claim of the seed has the label "claim": κ is undefined, so null.
    assert!(m["label_kappa"].is_null());
    let j = json(&ok(d, &["agree", &p, &p, &p, "--json"]));
    assert_eq!(j["pairs"].as_array().map(Vec::len), Some(3));
    assert_eq!(j["annotators"].as_array().map(Vec::len), Some(3));
    let text = ok(d, &["agree", &p, &p]).stdout;
    assert!(
        text.contains("1.000") && text.contains("content F1"),
        "{text}"
    );
}

#[test]
fn agree_exports_disagreements_as_csv() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let d = dir.path();
    let a = small(d, "a.ron", "Ana", &[(0, 10, "claim"), (20, 30, "opinion")]);
    let b = small(
        d,
        "b.ron",
        "Bo",
        &[(0, 10, "claim"), (22, 30, "claim"), (50, 60, "claim")],
    );
    ok(d, &["agree", &a, &b, "--disagreements", "out.csv"]);
    let csv = fs::read_to_string(d.join("out.csv")).expect("the csv was written");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("annotator_a,annotator_b,document_id,document_title,kind,"));
    // 20..30 vs 22..30 (partial: fragments and label), 50..60 only Bo's; 0..10 agrees.
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[1].contains(",partial,fragments;label,"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains(",20-30,Opinion,") && lines[1].contains(",22-30,Claim,"));
    assert!(
        lines[2].contains(",only_b,") && lines[2].contains(",50-60,"),
        "{}",
        lines[2]
    );
    ok(d, &["agree", &a, &a, "--disagreements", "self.csv"]);
    let csv = fs::read_to_string(d.join("self.csv")).expect("the csv was written");
    assert_eq!(csv.lines().count(), 1, "only the header: {csv}");
}

#[test]
fn agree_refuses_bad_input_with_the_right_status() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let d = dir.path();
    let a = small(d, "a.ron", "Ana", &[(0, 10, "claim")]);
    let r = run(d, &["agree", &a, "missing.ron"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("missing.ron"), "{}", r.stderr);
    fs::write(d.join("junk.ron"), "(format: 1, name: ").expect("written");
    let r = run(d, &["agree", &a, "junk.ron", "--json"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("junk.ron") && r.stdout.is_empty(),
        "{}",
        r.stderr
    );
    assert_eq!(run(d, &["agree", &a]).code, 2);
    assert_eq!(run(d, &["agree", &a, &a, "--bogus"]).code, 2);
    // No article in common: measured as nothing, said on stderr.
    let other = seed(d, "seed.ron", "me");
    let r = ok(d, &["agree", &a, &other, "--json"]);
    assert_eq!(json(&r)["pairs"][0]["documents"], 0);
    assert!(r.stderr.contains("no article in common"), "{}", r.stderr);
}

#[test]
fn merge_with_itself_changes_nothing_and_disagreements_stay_unresolved() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let d = dir.path();
    let p = seed(d, "p.ron", "me");
    ok(d, &["merge", &p, &p, "--out", "same.ron"]);
    let (before, _) = store::load(&d.join("p.ron")).expect("loads");
    let (after, _) = store::load(&d.join("same.ron")).expect("loads");
    assert_eq!(after.claims, before.claims);
    assert_eq!(after.sources, before.sources);
    assert_eq!(after, before);

    let a = small(d, "a.ron", "Ana", &[(0, 10, "claim"), (20, 30, "opinion")]);
    let b = small(
        d,
        "b.ron",
        "Bo",
        &[(0, 10, "claim"), (22, 30, "claim"), (50, 60, "claim")],
    );
    let r = ok(d, &["merge", &a, &b, "--out", "m.ron"]);
    assert!(
        r.stdout.contains("1 agreed") && r.stdout.contains("2 unresolved"),
        "{}",
        r.stdout
    );
    let s = json(&ok(d, &["stats", "m.ron", "--json"]));
    assert_eq!(s["claims"], 4);
    assert_eq!(s["unresolved"], 3);
    let (m, _) = store::load(&d.join("m.ron")).expect("loads");
    let agreed: Vec<&Vec<String>> = m.claims.iter().map(|c| &c.agreed_by).collect();
    assert_eq!(agreed[0], &vec!["bo".to_string()]);
}

#[test]
fn merge_never_replaces_a_file_that_is_not_a_project() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let d = dir.path();
    let a = small(d, "a.ron", "Ana", &[(0, 10, "claim")]);
    fs::write(d.join("notes.txt"), "my notes").expect("written");
    let r = run(d, &["merge", &a, &a, "--out", "notes.txt"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("notes.txt"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(d.join("notes.txt")).ok().as_deref(),
        Some("my notes")
    );
    let r = run(d, &["merge", &a, "gone.ron", "--out", "m.ron"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("gone.ron") && !d.join("m.ron").exists());
}
