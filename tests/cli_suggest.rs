//! `claimtrace suggest`: the JSON contract, the readable summary, --apply, and that reading
//! never touches the project file.

mod common;

use common::{Run, run};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn ok(dir: &Path, args: &[&str]) -> Run {
    let r = run(dir, args);
    assert_eq!(r.code, 0, "claimtrace {args:?}: {}", r.stderr);
    r
}

/// A project with the seed article (bare) and a second article.
fn project(dir: &Path) -> PathBuf {
    let p = dir.join("p.ron");
    ok(dir, &["new", "p.ron", "--name", "Suggest"]);
    let art = fixture("articles/amnesty-vietnam.txt");
    let other = fixture("suggest/rt-bolivia.txt");
    ok(
        dir,
        &[
            "add",
            "p.ron",
            art.to_str().expect("utf-8"),
            other.to_str().expect("utf-8"),
        ],
    );
    p
}

fn lines(r: &Run) -> Vec<Value> {
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect()
}

fn chars(text: &str, s: usize, e: usize) -> String {
    text.chars().skip(s).take(e - s).collect()
}

#[test]
fn json_lines_follow_the_contract_and_leave_the_project_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = project(dir.path());
    let before = std::fs::read(&p).expect("read");
    let r = ok(dir.path(), &["suggest", "p.ron", "--json"]);
    assert_eq!(std::fs::read(&p).expect("read"), before, "byte for byte");
    assert!(!dir.path().join("p.ron.lock").exists());
    let all = lines(&r);
    assert!(all.len() >= 8, "{}", r.stdout);
    let stats: Value = serde_json::from_str(&ok(dir.path(), &["stats", "p.ron", "--json"]).stdout)
        .expect("stats json");
    let _ = stats;
    let text = std::fs::read_to_string(fixture("articles/amnesty-vietnam.txt")).expect("text");
    let mut seed_hits = 0;
    for v in &all {
        let o = v.as_object().expect("an object");
        let keys: Vec<&str> = o.keys().map(String::as_str).collect();
        for k in [
            "document",
            "content",
            "cue",
            "mention",
            "sources",
            "via",
            "confidence",
            "why",
        ] {
            assert!(keys.contains(&k), "{k} missing in {v}");
        }
        assert_eq!(keys.len(), 8, "nothing else: {v}");
        let c = v["confidence"].as_f64().expect("confidence");
        assert!((0.6..=1.0).contains(&c), "default min-confidence: {c}");
        assert!(
            v["sources"].as_array().is_some_and(|a| a.is_empty()),
            "no registry yet"
        );
        assert!(v["via"].is_null() || v["via"].is_string());
        assert!(!v["why"].as_str().unwrap_or("").is_empty());
        let content = v["content"].as_array().expect("content");
        assert!(!content.is_empty());
        // The seed text is stored as it is on disk (already NFC, \n), so offsets index it.
        let frag = &content[0];
        let (s, e) = (
            frag[0].as_u64().expect("u64") as usize,
            frag[1].as_u64().expect("u64") as usize,
        );
        assert!(s < e);
        if chars(&text, s, e) == "their articles were censored" {
            seed_hits += 1;
            let cue = &v["cue"][0];
            let q = chars(
                &text,
                cue[0].as_u64().unwrap_or(0) as usize,
                cue[1].as_u64().unwrap_or(0) as usize,
            );
            assert_eq!(q, "said");
        }
    }
    assert_eq!(seed_hits, 1, "the activists' claim is suggested once");
    // One document only, and a higher threshold gives fewer.
    let doc = all[0]["document"].as_str().expect("id").to_string();
    let one = lines(&ok(
        dir.path(),
        &["suggest", "p.ron", "--json", "--document", &doc],
    ));
    assert!(one.iter().all(|v| v["document"] == doc.as_str()) && !one.is_empty());
    let high = lines(&ok(
        dir.path(),
        &["suggest", "p.ron", "--json", "--min-confidence", "0.95"],
    ));
    assert!(high.len() < all.len());
    assert!(
        high.iter()
            .all(|v| v["confidence"].as_f64().unwrap_or(0.0) >= 0.95)
    );
    assert_eq!(std::fs::read(&p).expect("read"), before);
}

#[test]
fn registry_aliases_name_the_sources() {
    let dir = tempfile::tempdir().expect("tempdir");
    project(dir.path());
    // Import the seed's brat annotations into a second project: its registry knows Amnesty.
    ok(dir.path(), &["new", "q.ron", "--name", "Q"]);
    let ann = fixture("articles/amnesty-vietnam.ann");
    ok(
        dir.path(),
        &[
            "import",
            "q.ron",
            "--format",
            "brat",
            ann.to_str().expect("utf-8"),
        ],
    );
    let other = fixture("suggest/venturebeat-wework.txt");
    ok(
        dir.path(),
        &["add", "q.ron", other.to_str().expect("utf-8")],
    );
    let all = lines(&ok(
        dir.path(),
        &["suggest", "q.ron", "--json", "--min-confidence", "0"],
    ));
    // The seed's claims are already made: listed (a script can compare), never added again.
    let seed_text = std::fs::read_to_string(fixture("articles/amnesty-vietnam.txt")).expect("t");
    let censored = |v: &Value| {
        let s = v["content"][0][0].as_u64().unwrap_or(0) as usize;
        let e = v["content"][0][1].as_u64().unwrap_or(0) as usize;
        chars(&seed_text, s, e) == "their articles were censored"
    };
    assert!(all.iter().any(censored), "listed");
    ok(
        dir.path(),
        &["suggest", "q.ron", "--apply", "--min-confidence", "0"],
    );
    let out = dir.path().join("q.jsonl");
    ok(
        dir.path(),
        &[
            "export",
            "q.ron",
            "--format",
            "jsonl",
            "--out",
            out.to_str().expect("utf-8"),
        ],
    );
    let mut made = 0;
    for line in std::fs::read_to_string(&out).expect("jsonl").lines() {
        let d: Value = serde_json::from_str(line).expect("json");
        for c in d["claims"].as_array().into_iter().flatten() {
            if c["text"].as_str() == Some("their articles were censored") {
                made += 1;
            }
        }
    }
    assert_eq!(made, 1, "the seed's claim is not added a second time");
}

#[test]
fn readable_summary_and_apply() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = project(dir.path());
    let r = ok(dir.path(), &["suggest", "p.ron"]);
    assert!(r.stdout.contains("suggestions"), "{}", r.stdout);
    assert!(
        r.stdout.contains("in all at confidence 0.6 or more"),
        "{}",
        r.stdout
    );
    let n = lines(&ok(dir.path(), &["suggest", "p.ron", "--json"])).len();
    let r = ok(dir.path(), &["suggest", "p.ron", "--apply"]);
    assert!(
        r.stdout.contains(&format!("added {n} claims")),
        "{}",
        r.stdout
    );
    let text = std::fs::read_to_string(&p).expect("read");
    assert!(
        text.contains("Suggested(") && text.contains("confidence:"),
        "origin kept"
    );
    let stats: Value =
        serde_json::from_str(&ok(dir.path(), &["stats", "p.ron", "--json"]).stdout).expect("json");
    assert_eq!(stats["claims"].as_u64(), Some(n as u64), "{stats}");
    // The listing still shows them (a claim makes each now: the summary says so), and applying
    // again adds nothing.
    assert_eq!(
        lines(&ok(dir.path(), &["suggest", "p.ron", "--json"])).len(),
        n
    );
    let r = ok(dir.path(), &["suggest", "p.ron"]);
    assert!(
        r.stdout.contains(&format!(
            "0 suggestions in all at confidence 0.6 or more ({n} more that claims already make"
        )),
        "{}",
        r.stdout
    );
    let again = ok(dir.path(), &["suggest", "p.ron", "--apply"]);
    assert!(
        again.stdout.contains("no suggestions to add"),
        "{}",
        again.stdout
    );
}

#[test]
fn bad_input_is_refused_with_the_right_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = project(dir.path());
    let before = std::fs::read(&p).expect("read");
    let r = run(
        dir.path(),
        &["suggest", "p.ron", "--document", "nope", "--apply"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("no document with id \"nope\""),
        "{}",
        r.stderr
    );
    let r = run(dir.path(), &["suggest", "p.ron", "--min-confidence", "2"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = run(dir.path(), &["suggest", "missing.ron"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("missing.ron"));
    assert_eq!(std::fs::read(&p).expect("read"), before);
}
