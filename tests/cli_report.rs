//! `claimtrace report`: the JSON contract of DESIGN.md and the readable tables, run as the real
//! binary on a small hand-built corpus and on the seed article (tests/fixtures/articles).

use claimtrace::model::{
    Annotator, Attribution, Claim, Document, Origin, Project, Source, SourceKind, Status,
};
use claimtrace::text::make_span;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

mod common;
use common::{Run, run};

fn ok(dir: &Path, args: &[&str]) -> Run {
    let r = run(dir, args);
    assert_eq!(r.code, 0, "{args:?}:\n{}{}", r.stdout, r.stderr);
    r
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = ok(dir, args).stdout;
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Two outlets and two months; a joint claim (ministry + Amnesty, relayed via Reuters), a claim
/// with no source, an anonymous one.
fn corpus() -> (TempDir, Project) {
    let mut p = Project::new("Corpus", Annotator::named("Ana"));
    let docs = [
        (
            "d1",
            "Bộ Công an said the law is fair; Amnesty and the ministry agreed.",
            "VnExpress",
            "2024-01-10",
        ),
        (
            "d2",
            "Amnesty told Reuters that it was wrong, an official said.",
            "Reuters",
            "2024-02-03",
        ),
    ];
    for (id, text, outlet, date) in docs {
        let mut d = Document::new(
            id,
            text.into(),
            Origin {
                imported: "2026-01-01T00:00:00Z".parse().unwrap(),
                extractor: "txt".into(),
                outlet: Some(outlet.into()),
                published: Some(date.into()),
                ..Default::default()
            },
        );
        d.id = id.into();
        p.documents.push(d);
    }
    for (id, name, kind) in [
        (
            "ministry",
            "Ministry of Public Security",
            SourceKind::Government,
        ),
        ("amnesty", "Amnesty International", SourceKind::Organization),
        ("anon", "an official", SourceKind::Anonymous),
        ("reuters", "Reuters", SourceKind::Media),
    ] {
        p.sources.push(Source {
            id: id.into(),
            name: name.into(),
            kind,
            aliases: vec![],
            note: String::new(),
        });
    }
    let t: claimtrace::model::Timestamp = "2026-01-02T00:00:00Z".parse().unwrap();
    // (id, document, label, sources, via)
    type Spec<'a> = (&'a str, &'a str, &'a str, &'a [&'a str], Option<&'a str>);
    let spec: [Spec; 5] = [
        ("c1", "d1", "claim", &["ministry"], None),
        (
            "c2",
            "d1",
            "claim",
            &["ministry", "amnesty"],
            Some("reuters"),
        ),
        ("c3", "d1", "opinion", &[], None),
        ("c4", "d2", "claim", &["amnesty"], Some("reuters")),
        ("c5", "d2", "claim", &["anon"], None),
    ];
    for (i, (id, doc, label, sources, via)) in spec.into_iter().enumerate() {
        let text = &p.document(doc).unwrap().text;
        p.claims.push(Claim {
            id: id.into(),
            document: doc.into(),
            label: label.into(),
            content: vec![make_span(text, i * 2, i * 2 + 8)],
            attribution: Some(Attribution {
                sources: sources.iter().map(|s| s.to_string()).collect(),
                via: via.map(String::from),
                ..Default::default()
            }),
            status: if id == "c4" {
                Status::Disputed
            } else {
                Status::Unverified
            },
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
    claimtrace::store::save(&p, &dir.path().join("p.ron")).unwrap();
    (dir, p)
}

fn find<'a>(list: &'a Value, field: &str, value: Value) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[field] == value)
        .unwrap_or_else(|| panic!("no {field} = {value} in {list}"))
}

#[test]
fn json_has_the_contract_fields_and_counts() {
    let (dir, p) = corpus();
    let j = json(dir.path(), &["report", "p.ron", "--json"]);
    // The pairs the project holds: each source of each claim, or one null.
    let pairs: usize = p.claims.iter().map(|c| c.sources().len().max(1)).sum();
    let sources = &j["sources"];
    let total: u64 = sources
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["claims"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, pairs);
    for s in sources.as_array().unwrap() {
        for f in ["source", "kind", "claims", "documents", "outlets"] {
            assert!(s.get(f).is_some(), "{f} missing in {s}");
        }
    }
    let amnesty = find(sources, "source", "Amnesty International".into());
    assert_eq!(amnesty["claims"], 2);
    assert_eq!(amnesty["kind"], "organization");
    assert_eq!(
        (amnesty["documents"].as_u64(), amnesty["outlets"].as_u64()),
        (Some(2), Some(2))
    );
    let ministry = find(sources, "source", "Ministry of Public Security".into());
    assert_eq!(
        (ministry["claims"].as_u64(), ministry["documents"].as_u64()),
        (Some(2), Some(1))
    );
    let null = find(sources, "source", Value::Null);
    assert_eq!(
        (null["claims"].as_u64(), &null["kind"]),
        (Some(1), &Value::Null)
    );

    let labels = &j["labels"];
    assert_eq!(find(labels, "label", "Claim".into())["claims"], 4);
    assert_eq!(find(labels, "label", "Opinion".into())["claims"], 1);

    let outlets = &j["outlets"];
    let vn = find(outlets, "outlet", "VnExpress".into());
    assert_eq!(
        (vn["claims"].as_u64(), vn["documents"].as_u64()),
        (Some(3), Some(1))
    );

    let cites = j["citations"].as_array().unwrap();
    let relayed: Vec<&Value> = cites.iter().filter(|c| c["via"] == "Reuters").collect();
    assert_eq!(relayed.len(), 3, "c2 twice (joint) and c4: {cites:?}");
    for c in cites {
        for f in ["outlet", "via", "source", "claims"] {
            assert!(c.get(f).is_some(), "{f} missing in {c}");
        }
    }
    assert!(cites.iter().any(|c| c["outlet"] == "Reuters"
        && c["via"] == "Reuters"
        && c["source"] == "Amnesty International"
        && c["claims"] == 1));

    let timeline = j["timeline"].as_array().unwrap();
    let jan: u64 = timeline
        .iter()
        .filter(|t| t["period"] == "2024-01")
        .map(|t| t["claims"].as_u64().unwrap())
        .sum();
    assert_eq!(jan, 4, "c1, c2 twice, c3: {timeline:?}");
    assert!(
        timeline
            .iter()
            .any(|t| t["period"] == "2024-02" && t["source"] == "an official" && t["claims"] == 1)
    );
}

#[test]
fn filters_of_export_apply() {
    let (dir, _) = corpus();
    let d = dir.path();
    let j = json(
        d,
        &[
            "report",
            "p.ron",
            "--json",
            "--source",
            "Amnesty International",
        ],
    );
    assert_eq!(j["claims"], 2);
    // The joint claim passes and counts for its other source too.
    let ministry = find(
        &j["sources"],
        "source",
        "Ministry of Public Security".into(),
    );
    assert_eq!(ministry["claims"], 1);
    let j = json(d, &["report", "p.ron", "--json", "--status", "disputed"]);
    assert_eq!(j["claims"], 1);
    let j = json(
        d,
        &[
            "report",
            "p.ron",
            "--json",
            "--document",
            "d1",
            "--label",
            "opinion",
        ],
    );
    assert_eq!(j["claims"], 1);
    assert_eq!(j["sources"][0]["source"], Value::Null);
    let bad = run(d, &["report", "p.ron", "--label", "nope"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("p.ron") && bad.stderr.contains("no label \"nope\""),
        "{}",
        bad.stderr
    );
    let missing = run(d, &["report", "gone.ron", "--json"]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("gone.ron"), "{}", missing.stderr);
    assert_eq!(run(d, &["report"]).code, 2);
}

#[test]
fn text_tables_name_the_sources() {
    let (dir, _) = corpus();
    let out = ok(dir.path(), &["report", "p.ron"]).stdout;
    assert!(
        out.contains("5 claims in 2 documents (6 claim-source pairs"),
        "{out}"
    );
    for want in [
        "Sources",
        "Amnesty International",
        "(no source)",
        "VnExpress → Reuters → Amnesty International",
        "2024-02",
    ] {
        assert!(out.contains(want), "{want} missing:\n{out}");
    }
}

#[test]
fn the_seed_article_counts_every_claim() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fixture = |rel: &str| -> PathBuf { Path::new(env!("CARGO_MANIFEST_DIR")).join(rel) };
    ok(d, &["new", "p.ron", "--name", "Seed"]);
    let txt = fixture("tests/fixtures/articles/amnesty-vietnam.txt");
    let ann = fixture("tests/fixtures/articles/amnesty-vietnam.ann");
    ok(d, &["add", "p.ron", txt.to_str().unwrap()]);
    ok(
        d,
        &["import", "p.ron", "--format", "brat", ann.to_str().unwrap()],
    );
    let stats: Value = serde_json::from_str(&ok(d, &["stats", "p.ron", "--json"]).stdout).unwrap();
    let j = json(d, &["report", "p.ron", "--json"]);
    assert_eq!(j["claims"], stats["claims"]);
    let labelled: u64 = j["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["claims"].as_u64().unwrap())
        .sum();
    assert_eq!(Value::from(labelled), stats["claims"]);
}
