//! The committed demo project (`projects/demo.ron`) is exactly what `demo::build` makes from the
//! seed files. After a deliberate change to the build, regenerate it with
//! `UPDATE_DEMO=1 cargo test --test demo` and review the diff.

use claimtrace::demo::{self, DEMO_RON, build, demo_project};
use claimtrace::model::{Claim, Mode, Project, SourceKind};
use claimtrace::store;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn seed() -> (PathBuf, PathBuf) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    (
        dir.join("amnesty-vietnam.txt"),
        dir.join("amnesty-vietnam.ann"),
    )
}

fn built() -> Project {
    let (txt, ann) = seed();
    build(&txt, &ann).unwrap()
}

#[test]
fn committed_demo_is_the_rebuilt_demo() {
    let p = built();
    if std::env::var_os("UPDATE_DEMO").is_some() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/demo.ron");
        store::save(&p, &path).unwrap();
        let _ = std::fs::remove_file(store::backup_path(&path));
        eprintln!("wrote {}", path.display());
        return;
    }
    assert_eq!(
        p,
        demo_project().unwrap(),
        "projects/demo.ron is stale: run UPDATE_DEMO=1 cargo test --test demo"
    );
    assert_eq!(
        store::to_ron(&p).unwrap(),
        DEMO_RON,
        "projects/demo.ron is not byte-for-byte the saved build"
    );
    // Reproducible: a second build is the same.
    assert_eq!(built(), p);
}

fn by_source<'a>(p: &'a Project, name: &str) -> Vec<&'a Claim> {
    let id = &p.find_source(name).unwrap().id;
    p.claims.iter().filter(|c| c.has_source(id)).collect()
}

fn starts(c: &Claim, text: &str) -> bool {
    c.content[0].exact.starts_with(text)
}

#[test]
fn demo_has_the_seed_attributions_and_facts() {
    let p = demo_project().unwrap();
    let doc = p.document(demo::DOCUMENT_ID).unwrap();
    assert_eq!(p.documents.len(), 1);
    assert!(p.claims.len() >= 12 + 2);

    // The 11 brat attributions, read here from the .ann itself: T id → text, and each event's
    // content, cue and source texts.
    let ann = std::fs::read_to_string(seed().1).unwrap();
    let mut t = BTreeMap::new();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let f: Vec<&str> = line.split('\t').collect();
        t.insert(f[0], f[2]);
    }
    let mut matched = 0;
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let args: BTreeMap<&str, &str> = line
            .split('\t')
            .nth(1)
            .unwrap()
            .split(' ')
            .skip(1)
            .map(|a| a.split_once(':').unwrap())
            .collect();
        let quote = |s: &[claimtrace::model::Span]| {
            s.iter()
                .map(|s| s.exact.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let hit = p.claims.iter().any(|c| {
            let a = c.attribution.as_ref().unwrap();
            quote(&c.content) == t[args["Content"]]
                && quote(&a.cue) == t[args["Cue"]]
                && quote(&a.mention) == t[args["Source"]]
        });
        assert!(hit, "{line}");
        matched += 1;
    }
    assert_eq!(matched, 11);

    // Every span sits where its quote says.
    for c in &p.claims {
        assert_eq!(c.document, demo::DOCUMENT_ID);
        for s in c.spans() {
            assert_eq!(
                claimtrace::text::slice_chars(&doc.text, s.start, s.end),
                s.exact,
                "{}",
                c.id
            );
        }
    }

    // The registry.
    let mut names: Vec<&str> = p.sources.iter().map(|s| s.name.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Amnesty International",
            "Facebook",
            "Google",
            "Reuters",
            "The writer",
            "Thomson Reuters journalists",
            "Vietnamese activists",
            "Vietnam’s government",
        ]
    );
    let kind = |n: &str| p.find_source(n).unwrap().kind;
    assert_eq!(kind("Amnesty International"), SourceKind::Organization);
    assert_eq!(kind("Vietnam’s government"), SourceKind::Government);
    assert_eq!(
        (kind("Facebook"), kind("Google")),
        (SourceKind::Company, SourceKind::Company)
    );
    assert_eq!(kind("Reuters"), SourceKind::Media);
    assert_eq!(kind("The writer"), SourceKind::Writer);
    assert_eq!(kind("Vietnamese activists"), SourceKind::Group);
    let amnesty = p.find_source("Amnesty International").unwrap();
    for alias in [
        "Amnesty",
        "which",
        "the report",
        "Amnesty’s report",
        "an Amnesty spokesman",
    ] {
        assert!(amnesty.is_named(alias), "{alias}");
    }
    // E1–E6 and E9 are Amnesty's, plus the nested claim.
    assert_eq!(by_source(&p, "Amnesty International").len(), 8);

    // E5 reaches us via Reuters; E10 via Amnesty's report.
    let reuters = &p.find_source("Reuters").unwrap().id;
    let e5 = p
        .claims
        .iter()
        .find(|c| {
            starts(c, "The present number") && c.attribution.as_ref().unwrap().within.is_none()
        })
        .unwrap();
    assert_eq!(e5.attribution.as_ref().unwrap().via.as_ref(), Some(reuters));
    assert_eq!(e5.content[0].exact.chars().count(), 154);
    let e10 = &by_source(&p, "Vietnamese activists")[0];
    assert_eq!(e10.content[0].exact, "their articles were censored");
    assert_eq!(
        e10.attribution.as_ref().unwrap().via.as_ref(),
        Some(&amnesty.id)
    );

    // The nested attribution inside E5.
    let nested: Vec<&Claim> = p
        .claims
        .iter()
        .filter(|c| {
            c.attribution.as_ref().and_then(|a| a.within.as_deref()) == Some(e5.id.as_str())
        })
        .collect();
    assert_eq!(nested.len(), 1);
    let a = nested[0].attribution.as_ref().unwrap();
    assert_eq!(a.sources, [amnesty.id.as_str()]);
    assert_eq!(a.mention[0].exact, "London-based Amnesty");
    assert_eq!(a.cue[0].exact, "has reported");
    assert!(
        nested[0].content[0].start >= e5.content[0].start
            && nested[0].content[0].end <= e5.content[0].end
    );

    // E11 is joint: Facebook and Google, two registry sources, one mention naming both.
    let e11 = by_source(&p, "Facebook");
    assert_eq!(e11.len(), 1);
    let a = e11[0].attribution.as_ref().unwrap();
    assert_eq!(a.mention.len(), 1);
    assert_eq!(a.mention[0].exact, "The two Facebook and Google");
    assert_eq!(p.source_names(&a.sources), ["Facebook", "Google"]);
    assert_eq!(by_source(&p, "Google").len(), 1);
    assert_eq!(by_source(&p, "Google")[0].id, e11[0].id);
    assert_eq!(p.claims.iter().filter(|c| c.sources().len() > 1).count(), 1);

    // The writer's own claims.
    let writer = by_source(&p, "The writer");
    assert!(writer.len() >= 2);
    assert!(
        writer
            .iter()
            .all(|c| c.attribution.as_ref().unwrap().mode == Mode::Unattributed)
    );
    assert!(writer.iter().any(|c| {
        c.content[0]
            .exact
            .contains("Communist Party retains tight control on media")
    }));
    assert!(
        writer
            .iter()
            .any(|c| c.content[0].exact.contains("Article 117"))
    );

    // Fixed ids and times.
    assert_eq!(p.claims[0].id, "c01");
    assert!(
        p.claims
            .iter()
            .all(|c| c.created == demo::TIME && c.modified == demo::TIME && c.author == "demo")
    );
}
