//! `claimtrace sources`: the registry as JSON lines and as a table, proposed merges
//! (`--clusters`), merging (`--merge ID... --into ID`), and `import` saying how many mentions
//! it linked to sources the project already had; run as the real binary.

use claimtrace::model::{Annotator, Attribution, Claim, Document, Origin, Project, Source};
use claimtrace::model::{SourceKind, Status};
use claimtrace::text::make_span;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

mod common;
use common::{Run, run};

fn ok(dir: &Path, args: &[&str]) -> Run {
    let r = run(dir, args);
    assert_eq!(r.code, 0, "{args:?}:\n{}{}", r.stdout, r.stderr);
    r
}

fn lines(dir: &Path, args: &[&str]) -> Vec<Value> {
    ok(dir, args)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A brat article (PolNeAR scheme) in `dir`: each (source, cue, content) is found in `text`
/// (the n-th unused occurrence) and becomes an attribution event.
fn brat_article(dir: &Path, name: &str, text: &str, attributions: &[(&str, &str, &str)]) {
    let at = |s: &str, from: usize| -> (usize, usize) {
        let b = from + text[from..].find(s).unwrap_or_else(|| panic!("{s:?}"));
        let start = text[..b].chars().count();
        (start, start + s.chars().count())
    };
    let mut ann = String::new();
    let mut from = 0;
    for (i, (source, cue, content)) in attributions.iter().enumerate() {
        let t = 4 * i;
        let s = at(source, from);
        let c = at(cue, from);
        let x = at(content, from);
        // The next attribution starts after this one's last span (texts here are ASCII).
        from = s.1.max(c.1).max(x.1);
        for (k, (ty, (a, b), quote)) in [
            ("Source", s, source),
            ("Cue", c, cue),
            ("Content", x, content),
            ("Attribution", c, cue),
        ]
        .into_iter()
        .enumerate()
        {
            ann += &format!("T{}\t{ty} {a} {b}\t{quote}\n", t + k + 1);
        }
        ann += &format!(
            "E{}\tAttribution:T{} Source:T{} Cue:T{} Content:T{}\n",
            i + 1,
            t + 4,
            t + 1,
            t + 2,
            t + 3
        );
    }
    std::fs::write(dir.join(format!("{name}.txt")), text).unwrap();
    std::fs::write(dir.join(format!("{name}.ann")), ann).unwrap();
}

const CAMPAIGN: &str = "Donald Trump said the wall would be built by spring. Bill Clinton \
said it would never be finished. According to Mr. Trump's office, the money was ready. Hillary \
Clinton said the plan was a fraud. Trump said he would win anyway.";

fn campaign_project() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let brat = dir.path().join("brat");
    std::fs::create_dir(&brat).unwrap();
    brat_article(
        &brat,
        "campaign",
        CAMPAIGN,
        &[
            ("Donald Trump", "said", "the wall would be built by spring"),
            ("Bill Clinton", "said", "it would never be finished"),
            ("Mr. Trump's", "According to", "the money was ready"),
            ("Hillary Clinton", "said", "the plan was a fraud"),
            ("Trump", "said", "he would win anyway"),
        ],
    );
    ok(dir.path(), &["new", "p.claimtrace", "--name", "Campaign"]);
    let r = ok(
        dir.path(),
        &["import", "p.claimtrace", "--format", "brat", "brat"],
    );
    assert!(
        r.stdout
            .contains("0 mentions linked to sources the project already had"),
        "{}",
        r.stdout
    );
    dir
}

fn names_of(row: &Value) -> Vec<String> {
    let mut v = vec![row["name"].as_str().unwrap().to_string()];
    v.extend(
        row["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_string()),
    );
    v
}

#[test]
fn an_import_makes_one_source_for_trump_and_two_for_the_clintons() {
    let dir = campaign_project();
    let rows = lines(dir.path(), &["sources", "p.claimtrace", "--json"]);
    for r in &rows {
        for field in ["id", "name", "kind", "aliases", "claims"] {
            assert!(r.get(field).is_some(), "{r} lacks {field}");
        }
    }
    let trumps: Vec<&Value> = rows
        .iter()
        .filter(|r| names_of(r).iter().any(|n| n.contains("Trump")))
        .collect();
    assert_eq!(trumps.len(), 1, "{rows:?}");
    assert_eq!(trumps[0]["name"], "Donald Trump");
    assert_eq!(trumps[0]["claims"], 3, "{rows:?}");
    let clintons: Vec<&Value> = rows
        .iter()
        .filter(|r| names_of(r).iter().any(|n| n.contains("Clinton")))
        .collect();
    assert_eq!(clintons.len(), 2, "{rows:?}");
    let mut names: Vec<&str> = clintons
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["Bill Clinton", "Hillary Clinton"]);
    // Nothing to tidy: no proposal, and never the two Clintons together.
    let clusters = lines(
        dir.path(),
        &["sources", "p.claimtrace", "--clusters", "--json"],
    );
    assert!(clusters.is_empty(), "{clusters:?}");

    // The table: a header and one line per source with its claims.
    let table = ok(dir.path(), &["sources", "p.claimtrace"]).stdout;
    assert!(
        table.contains(&format!("{} sources", rows.len())),
        "{table}"
    );
    let line = table
        .lines()
        .find(|l| l.contains("Donald Trump"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(line.contains("person") && line.contains(" 3 "), "{line}");
}

#[test]
fn a_second_import_links_its_mentions_to_the_sources_there_are() {
    let dir = campaign_project();
    let brat = dir.path().join("brat2");
    std::fs::create_dir(&brat).unwrap();
    brat_article(
        &brat,
        "taxes",
        "Donald J. Trump said taxes would fall. Mrs. Clinton's campaign said they would rise. \
         Hillary Clinton said so twice.",
        &[
            ("Donald J. Trump", "said", "taxes would fall"),
            ("Hillary Clinton", "said", "so twice"),
        ],
    );
    let before = lines(dir.path(), &["sources", "p.claimtrace", "--json"]).len();
    let r = ok(
        dir.path(),
        &["import", "p.claimtrace", "--format", "brat", "brat2"],
    );
    assert!(
        r.stdout
            .contains("2 mentions linked to sources the project already had"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("0 sources and"), "{}", r.stdout);
    let after = lines(dir.path(), &["sources", "p.claimtrace", "--json"]);
    assert_eq!(after.len(), before, "{after:?}");
}

const T0: &str = "2026-01-02T00:00:00Z";

/// A registry with duplicates, as an old project (before identity) would hold them: Trump
/// under four spellings, Bill and Hillary Clinton, and a surname alone.
fn duplicates() -> TempDir {
    let text = "Donald Trump said one thing. Mr. Trump said another. Trump's aides said a third. \
                Donald J. Trump said a fourth. Bill Clinton said no. Hillary Clinton said yes.";
    let mut p = Project::new("Old", Annotator::named("Ana"));
    let mut d = Document::new(
        "d1",
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
        ("donald-j-trump", "Donald J. Trump", SourceKind::Person),
        ("bill-clinton", "Bill Clinton", SourceKind::Person),
        ("hillary-clinton", "Hillary Clinton", SourceKind::Person),
    ];
    for (id, name, kind) in sources {
        p.sources.push(Source {
            id: id.into(),
            name: name.into(),
            kind,
            aliases: vec![],
            note: String::new(),
        });
    }
    let t: claimtrace::model::Timestamp = T0.parse().unwrap();
    for (i, (id, name, _)) in sources.iter().enumerate() {
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
    let dir = tempfile::tempdir().unwrap();
    claimtrace::store::save(&p, &dir.path().join("old.ron")).unwrap();
    dir
}

fn ids(v: &Value) -> Vec<String> {
    v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn clusters_propose_the_spellings_of_one_person_and_never_two_clintons() {
    let dir = duplicates();
    let clusters = lines(dir.path(), &["sources", "old.ron", "--clusters", "--json"]);
    assert!(!clusters.is_empty());
    for c in &clusters {
        let m = ids(c);
        assert!(m.len() >= 2, "{c}");
        assert!(
            ["key-collision", "nearest-neighbour"].contains(&c["method"].as_str().unwrap()),
            "{c}"
        );
        let score = c["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score), "{c}");
        assert!(
            !(m.contains(&"bill-clinton".to_string())
                && m.contains(&"hillary-clinton".to_string())),
            "{c}"
        );
    }
    let trump = clusters
        .iter()
        .map(ids)
        .find(|m| m.contains(&"donald-trump".to_string()))
        .unwrap_or_else(|| panic!("{clusters:?}"));
    for id in ["mr-trump", "trump-s", "donald-j-trump"] {
        assert!(trump.contains(&id.to_string()), "{trump:?}");
    }
    // The readable form names each member and the command that merges the cluster.
    let text = ok(dir.path(), &["sources", "old.ron", "--clusters"]).stdout;
    assert!(
        text.contains("--merge") && text.contains("Mr. Trump"),
        "{text}"
    );
}

#[test]
fn merge_moves_claims_and_names_to_the_kept_source() {
    let dir = duplicates();
    let r = ok(
        dir.path(),
        &[
            "sources",
            "old.ron",
            "--merge",
            "mr-trump",
            "trump-s",
            "donald-j-trump",
            "--into",
            "donald-trump",
        ],
    );
    assert!(
        r.stdout.contains("merged 3 sources into donald-trump"),
        "{}",
        r.stdout
    );
    let rows = lines(dir.path(), &["sources", "old.ron", "--json"]);
    assert_eq!(rows.len(), 3, "{rows:?}");
    let trump = rows.iter().find(|r| r["id"] == "donald-trump").unwrap();
    assert_eq!(trump["claims"], 4);
    let names = names_of(trump);
    for n in ["Mr. Trump", "Trump's", "Donald J. Trump"] {
        assert!(names.contains(&n.to_string()), "{names:?}");
    }
    // The file itself: every claim points at a source that exists.
    let (p, _) = claimtrace::store::load(&dir.path().join("old.ron")).unwrap();
    for c in &p.claims {
        for s in c.sources() {
            assert!(p.source(s).is_some(), "{s}");
        }
    }
    assert!(dir.path().join("old.ron.bak").exists());
    let clusters = lines(dir.path(), &["sources", "old.ron", "--clusters", "--json"]);
    assert!(clusters.is_empty(), "{clusters:?}");
}

#[test]
fn a_bad_id_names_the_file_and_close_ids_and_changes_nothing() {
    let dir = duplicates();
    let before = std::fs::read(dir.path().join("old.ron")).unwrap();
    let r = run(
        dir.path(),
        &[
            "sources",
            "old.ron",
            "--merge",
            "mr-trmp",
            "--into",
            "donald-trump",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("old.ron"), "{}", r.stderr);
    assert!(r.stderr.contains("\"mr-trmp\""), "{}", r.stderr);
    assert!(r.stderr.contains("mr-trump (Mr. Trump)"), "{}", r.stderr);
    assert_eq!(std::fs::read(dir.path().join("old.ron")).unwrap(), before);
    // Only the kept one named: nothing to merge.
    let r = run(
        dir.path(),
        &[
            "sources",
            "old.ron",
            "--merge",
            "donald-trump",
            "--into",
            "donald-trump",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("nothing to merge"), "{}", r.stderr);
    assert_eq!(std::fs::read(dir.path().join("old.ron")).unwrap(), before);
}

#[test]
fn usage_errors_exit_2() {
    let dir = duplicates();
    for args in [
        &["sources", "old.ron", "--into", "donald-trump"][..],
        &["sources", "old.ron", "--merge", "mr-trump"][..],
        &[
            "sources",
            "old.ron",
            "--clusters",
            "--merge",
            "mr-trump",
            "--into",
            "donald-trump",
        ][..],
    ] {
        let r = run(dir.path(), args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_project_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = duplicates();
    let path = dir.path().join("old.ron");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    if std::fs::OpenOptions::new().write(true).open(&path).is_ok() {
        return; // running as root: nothing is read-only
    }
    let before = std::fs::read(&path).unwrap();
    let r = run(
        dir.path(),
        &[
            "sources",
            "old.ron",
            "--merge",
            "mr-trump",
            "--into",
            "donald-trump",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("old.ron"), "{}", r.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
