//! `claimtrace export` and `claimtrace import --format jsonl|w3c`, run as the real binary on the
//! seed article (tests/fixtures/articles, copied from the shared samples).

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

mod common;
use common::{Run, run};
#[path = "common/brat_check.rs"]
mod brat_check;

const COLUMNS: &str = "document_id,document_title,document_url,claim_id,label,text,start,end,\
fragments,source,source_kind,mention,cue,via,within,mode,status,note,author,created,modified";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn ok(dir: &Path, args: &[&str]) -> Run {
    let r = run(dir, args);
    assert_eq!(r.code, 0, "{args:?}:\n{}{}", r.stdout, r.stderr);
    r
}

/// A project with the seed article and its 11 attributions.
fn seed() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["new", "p.ron", "--name", "Seed", "--annotator", "Ana"]);
    let txt = fixture("tests/fixtures/articles/amnesty-vietnam.txt");
    let ann = fixture("tests/fixtures/articles/amnesty-vietnam.ann");
    ok(d, &["add", "p.ron", txt.to_str().unwrap()]);
    ok(
        d,
        &["import", "p.ron", "--format", "brat", ann.to_str().unwrap()],
    );
    dir
}

fn stats(dir: &Path, project: &str) -> Value {
    serde_json::from_str(&ok(dir, &["stats", project, "--json"]).stdout).unwrap()
}

#[test]
fn help_lists_export_and_the_import_formats() {
    let dir = tempfile::tempdir().unwrap();
    let help = ok(dir.path(), &["--help"]).stdout;
    assert!(help.contains("export"), "{help}");
    let help = ok(dir.path(), &["import", "--help"]).stdout;
    assert!(help.contains("jsonl") && help.contains("w3c"), "{help}");
}

#[test]
fn every_format_on_the_seed_and_back() {
    let dir = seed();
    let d = dir.path();
    let r = ok(d, &["export", "p.ron", "--format", "csv", "--out", "x.csv"]);
    assert!(r.stdout.contains("11 claims in 1 document"), "{}", r.stdout);
    let csv = fs::read_to_string(d.join("x.csv")).unwrap();
    assert!(csv.starts_with(&format!("{COLUMNS}\r\n")), "{csv}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 11);
    // E3 of the seed: a discontinuous content, said by "the report".
    let e3 = rows
        .iter()
        .find(|r| &r[8] == "319-369;388-500")
        .expect("the discontinuous claim");
    assert!(e3[5].starts_with("There are 170 “prisoners of conscience”"));
    assert!(e3[5].contains(" … "));
    assert_eq!(&e3[12], "said");

    ok(
        d,
        &["export", "p.ron", "--format", "jsonl", "--out", "x.jsonl"],
    );
    let line: Value =
        serde_json::from_str(fs::read_to_string(d.join("x.jsonl")).unwrap().trim()).unwrap();
    let text: Vec<char> = line["text"].as_str().unwrap().chars().collect();
    let claims = line["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 11);
    for c in claims {
        // Offsets are code points: slicing the text gives the claim's words.
        let frags = c["fragments"].as_array().unwrap();
        let words: Vec<String> = frags
            .iter()
            .map(|f| {
                let (s, e) = (
                    f[0].as_u64().unwrap() as usize,
                    f[1].as_u64().unwrap() as usize,
                );
                text[s..e].iter().collect()
            })
            .collect();
        assert_eq!(words.join(" … "), c["text"].as_str().unwrap());
        assert!(c["sources"][0]["name"].is_string());
        assert!(c.get("source").is_none(), "no one-source key");
    }

    ok(
        d,
        &["export", "p.ron", "--format", "w3c", "--out", "x.jsonld"],
    );
    let w: Value = serde_json::from_str(&fs::read_to_string(d.join("x.jsonld")).unwrap()).unwrap();
    assert_eq!(w["type"], "AnnotationCollection");
    assert_eq!(w["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    assert!(
        w.get("items").is_none(),
        "the annotations sit on the first page"
    );
    assert_eq!(w["first"]["type"], "AnnotationPage");
    let items = w["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 11);
    assert_eq!(w["total"], 11);
    for a in items {
        assert_eq!(
            a["@context"], w["@context"],
            "each annotation carries the context"
        );
        let label = &a["body"][0];
        assert_eq!(label["type"], "TextualBody");
        assert_eq!(label["purpose"], "tagging");
        assert!(label.get("id").is_none(), "{label}");
    }

    let r = ok(d, &["export", "p.ron", "--format", "brat", "--out", "brat"]);
    assert!(r.stdout.contains("4 files"), "{}", r.stdout);
    brat_check::assert_brat_opens(&d.join("brat"));
    assert!(d.join("brat/annotation.conf").is_file());
    assert!(d.join("brat/visual.conf").is_file());

    ok(
        d,
        &["export", "p.ron", "--format", "html", "--out", "x.html"],
    );
    let html = fs::read_to_string(d.join("x.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("prisoners of conscience"));

    let before = stats(d, "p.ron");
    for (format, path) in [("jsonl", "x.jsonl"), ("w3c", "x.jsonld"), ("brat", "brat")] {
        let name = format!("rt-{format}.ron");
        ok(d, &["new", &name, "--name", "rt"]);
        ok(d, &["import", &name, "--format", format, path]);
        let s = stats(d, &name);
        for key in [
            "claims",
            "attributed",
            "joint",
            "sources",
            "documents",
            "via",
            "nested",
        ] {
            assert_eq!(s[key], before[key], "{format}: {key}");
        }
        assert_eq!(s["by_source"], before["by_source"], "{format}");
    }
}

#[test]
fn filters_narrow_and_bad_ones_name_what_exists() {
    let dir = seed();
    let d = dir.path();
    // The seed's first attribution is to "a tally from Amnesty International": the import
    // resolves that mention to the registry source Amnesty International.
    let r = ok(
        d,
        &[
            "export",
            "p.ron",
            "--format",
            "csv",
            "--out",
            "a.csv",
            "--source",
            "Amnesty International",
            "--source",
            "Vietnam’s government",
            "--status",
            "unverified",
        ],
    );
    // Amnesty International's: E1, E2 ("which" stands for E1's source), E5 ("an Amnesty
    // spokesman"), E6 ("Amnesty"), E9 ("Amnesty’s report"); "the report" (E3, E4) is no name,
    // so it stays a source of its own. And the government's E8.
    assert!(r.stdout.contains("6 claims in 1 document"), "{}", r.stdout);
    let r = ok(
        d,
        &[
            "export",
            "p.ron",
            "--format",
            "jsonl",
            "--out",
            "none.jsonl",
            "--status",
            "false",
        ],
    );
    assert!(r.stderr.contains("no claim"), "{}", r.stderr);
    assert_eq!(fs::read_to_string(d.join("none.jsonl")).unwrap(), "");

    let r = run(
        d,
        &[
            "export", "p.ron", "--format", "csv", "--out", "b.csv", "--label", "Rumour",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("p.ron") && r.stderr.contains("no label \"Rumour\""));
    assert!(
        r.stderr.contains("Claim") && r.stderr.contains("Opinion"),
        "{}",
        r.stderr
    );
    assert!(!d.join("b.csv").exists());
    let r = run(
        d,
        &[
            "export", "p.ron", "--format", "csv", "--out", "b.csv", "--status", "true",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("unverifiable"), "{}", r.stderr);
    let r = run(
        d,
        &[
            "export",
            "p.ron",
            "--format",
            "csv",
            "--out",
            "b.csv",
            "--document",
            "nope",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no document \"nope\""), "{}", r.stderr);
    // Usage errors exit 2.
    assert_eq!(
        run(d, &["export", "p.ron", "--format", "xls", "--out", "b"]).code,
        2
    );
    assert_eq!(run(d, &["export", "p.ron", "--format", "csv"]).code, 2);
}

#[test]
fn outputs_are_replaced_whole_and_other_folders_are_left_alone() {
    let dir = seed();
    let d = dir.path();
    fs::write(d.join("x.csv"), "old content").unwrap();
    ok(d, &["export", "p.ron", "--format", "csv", "--out", "x.csv"]);
    assert!(
        fs::read_to_string(d.join("x.csv"))
            .unwrap()
            .starts_with("document_id")
    );
    fs::create_dir(d.join("thesis")).unwrap();
    fs::write(d.join("thesis/chapter1.docx"), "precious").unwrap();
    let r = run(
        d,
        &["export", "p.ron", "--format", "brat", "--out", "thesis"],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("chapter1.docx"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(d.join("thesis/chapter1.docx")).unwrap(),
        "precious"
    );
    let r = run(
        d,
        &[
            "export",
            "p.ron",
            "--format",
            "csv",
            "--out",
            "no/such/dir/x.csv",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
    // Nothing half-written is left behind.
    let stray: Vec<_> = fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".old"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn import_errors_name_the_file_and_leave_the_project_alone() {
    let dir = seed();
    let d = dir.path();
    fs::write(d.join("bad.jsonl"), "{\"id\": \"x\", \"title\": 3}\n").unwrap();
    let before = fs::read(d.join("p.ron")).unwrap();
    let r = run(d, &["import", "p.ron", "--format", "jsonl", "bad.jsonl"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("bad.jsonl, line 1"), "{}", r.stderr);
    // Wrong, missing or different context: refused, naming the file.
    for context in [
        "",
        "\"@context\": \"http://schema.org/\", ",
        "\"@context\": [\"http://iiif.io/api/presentation/3/context.json\"], ",
    ] {
        fs::write(
            d.join("other.jsonld"),
            format!("{{{context}\"type\": \"AnnotationCollection\", \"items\": []}}"),
        )
        .unwrap();
        let r = run(d, &["import", "p.ron", "--format", "w3c", "other.jsonld"]);
        assert_eq!(r.code, 1, "{context}");
        assert!(
            r.stderr.contains("other.jsonld")
                && r.stderr.contains("@context")
                && r.stderr.contains("http://www.w3.org/ns/anno.jsonld"),
            "{}",
            r.stderr
        );
    }
    fs::write(
        d.join("bad.jsonld"),
        "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"AnnotationCollection\"}",
    )
    .unwrap();
    let r = run(d, &["import", "p.ron", "--format", "w3c", "bad.jsonld"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("bad.jsonld") && r.stderr.contains("items"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(d.join("p.ron")).unwrap(), before);
}

#[test]
fn a_brat_line_that_disagrees_with_the_text_fails_unless_lenient() {
    let dir = seed();
    let d = dir.path();
    fs::write(d.join("cut.txt"), "Ana said it rained all day.\n").unwrap();
    fs::write(
        d.join("cut.ann"),
        "T1\tSource 0 3\tAna\nT2\tCue 4 8\tsaid\nT3\tContent 9 26\tit rai\n\
         T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n\
         T5\tPlace 12 18\trained\n",
    )
    .unwrap();
    let before = fs::read(d.join("p.ron")).unwrap();
    let r = run(d, &["import", "p.ron", "--format", "brat", "cut.ann"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("cut.ann")
            && r.stderr.contains("line 3")
            && r.stderr.contains("--lenient"),
        "{}",
        r.stderr
    );
    assert_eq!(
        fs::read(d.join("p.ron")).unwrap(),
        before,
        "project untouched"
    );
    let claims = stats(d, "p.ron")["claims"].clone();
    let r = ok(
        d,
        &[
            "import",
            "p.ron",
            "--format",
            "brat",
            "cut.ann",
            "--lenient",
        ],
    );
    assert!(
        r.stderr.contains("line 3") && r.stderr.contains("skipped"),
        "{}",
        r.stderr
    );
    assert_ne!(stats(d, "p.ron")["claims"], claims, "the good line came in");
}
