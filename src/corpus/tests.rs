use super::*;
use crate::model::{
    Annotator, Attribution, Claim, Document, Label, Origin, Project, Source, SourceKind, Status,
};
use crate::text::make_span;
use proptest::prelude::*;

fn origin(outlet: Option<&str>, published: Option<&str>) -> Origin {
    Origin {
        imported: "2026-01-01T00:00:00Z".parse().unwrap(),
        extractor: "txt".into(),
        outlet: outlet.map(String::from),
        published: published.map(String::from),
        ..Default::default()
    }
}

#[allow(clippy::too_many_arguments)]
fn claim(
    p: &Project,
    id: &str,
    doc: &str,
    label: &str,
    sources: &[&str],
    span: (usize, usize),
    via: Option<&str>,
    within: Option<&str>,
) -> Claim {
    let text = &p.document(doc).unwrap().text;
    let t: crate::model::Timestamp = "2026-01-02T00:00:00Z".parse().unwrap();
    Claim {
        id: id.into(),
        document: doc.into(),
        label: label.into(),
        content: vec![make_span(text, span.0, span.1)],
        attribution: Some(Attribution {
            sources: sources.iter().map(|s| s.to_string()).collect(),
            via: via.map(String::from),
            within: within.map(String::from),
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
    }
}

fn source(id: &str, name: &str, kind: SourceKind) -> Source {
    Source {
        id: id.into(),
        name: name.into(),
        kind,
        aliases: vec![],
        note: String::new(),
    }
}

/// Three documents (two outlets and one without, two dates and one without), a joint claim, a
/// claim with no source nested in it, and a claim `within` another on the same words.
fn project() -> Project {
    let mut p = Project::new("c", Annotator::named("Ana"));
    // Decomposed Vietnamese and an emoji: the spans are chars of the stored (NFC) text.
    let texts = [
        (
            "d1",
            "Bô\u{323} Công an said the law is fair. Amnesty and the ministry agreed 👍🏽 on “this”.",
            Some("VnExpress"),
            Some("2024-01-10"),
        ),
        (
            "d2",
            "Amnesty told Reuters that it was wrong.",
            Some("Reuters"),
            Some("2024-02-03T09:00:00Z"),
        ),
        ("d3", "Amnesty again.", None, None),
    ];
    for (id, text, outlet, date) in texts {
        let norm = crate::text::normalize(text);
        let mut d = Document::new(id, norm, origin(outlet, date));
        d.id = id.into();
        p.documents.push(d);
    }
    p.sources = vec![
        source(
            "ministry",
            "Ministry of Public Security",
            SourceKind::Government,
        ),
        source("amnesty", "Amnesty International", SourceKind::Organization),
        source("anon", "an official", SourceKind::Anonymous),
        source("reuters", "Reuters", SourceKind::Media),
    ];
    p.labels.push(Label {
        id: "statement".into(),
        name: "Statement".into(),
        color: (1, 2, 3),
        shortcut: None,
    });
    let claims = vec![
        claim(&p, "c1", "d1", "claim", &["ministry"], (0, 20), None, None),
        claim(
            &p,
            "c2",
            "d1",
            "claim",
            &["ministry", "amnesty"],
            (30, 60),
            Some("reuters"),
            None,
        ),
        claim(&p, "c3", "d1", "opinion", &[], (35, 45), None, None),
        claim(
            &p,
            "c4",
            "d2",
            "claim",
            &["amnesty"],
            (0, 10),
            Some("reuters"),
            None,
        ),
        claim(
            &p,
            "c5",
            "d2",
            "statement",
            &["anon"],
            (0, 10),
            None,
            Some("c4"),
        ),
        claim(&p, "c6", "d3", "claim", &["amnesty"], (0, 5), None, None),
    ];
    p.claims = claims;
    p
}

fn ids<'a>(p: &'a Project, f: &Figure) -> Vec<&'a str> {
    f.ids(p)
}

fn counts<'a>(rows: impl IntoIterator<Item = (&'a Key, &'a Figure)>) -> Vec<(String, usize)> {
    rows.into_iter()
        .map(|(k, f)| (k.name.to_string(), f.count()))
        .collect()
}

#[test]
fn sources_count_each_source_of_a_joint_claim_and_null() {
    let p = project();
    let c = Corpus::compute(&p, &Options::default());
    assert_eq!(c.claims.count(), 6);
    assert_eq!(c.pairs, 7, "c2 is joint: two pairs");
    assert_eq!(c.documents, 3);
    let amnesty = &c.sources[0];
    assert_eq!(&*amnesty.key.name, "Amnesty International");
    assert_eq!(ids(&p, &amnesty.figure), ["c2", "c4", "c6"]);
    assert_eq!(amnesty.kind, Some("organization"));
    assert_eq!((amnesty.documents, amnesty.outlets), (3, 3));
    assert_eq!(amnesty.first, Some("2024-01-10".parse().unwrap()));
    assert_eq!(amnesty.last, Some("2024-02-03".parse().unwrap()));
    assert!((c.share(amnesty) - 300.0 / 7.0).abs() < 1e-9);
    let ministry = &c.sources[1];
    assert_eq!(ids(&p, &ministry.figure), ["c1", "c2"]);
    assert_eq!((ministry.documents, ministry.outlets), (1, 1));
    assert_eq!(ministry.first, ministry.last);
    let null = c.sources.iter().find(|s| s.key.id.is_none()).unwrap();
    assert_eq!(ids(&p, &null.figure), ["c3"]);
    assert_eq!(null.kind, None);
    assert_eq!(&*null.key.name, NO_SOURCE);
    assert_eq!(c.sources.len(), 4, "{:?}", c.sources);
}

#[test]
fn labels_outlets_and_kinds_count_claims_once() {
    let p = project();
    let c = Corpus::compute(&p, &Options::default());
    assert_eq!(
        counts(c.labels.iter().map(|r| (&r.key, &r.figure))),
        [
            ("Claim".into(), 4),
            ("Opinion".into(), 1),
            ("Statement".into(), 1)
        ]
    );
    assert_eq!(
        counts(c.outlets.iter().map(|r| (&r.key, &r.figure))),
        [
            ("VnExpress".into(), 3),
            ("Reuters".into(), 2),
            (NO_OUTLET.into(), 1)
        ]
    );
    assert_eq!(c.outlets[0].documents, 1);
    assert_eq!(
        counts(c.kinds.iter().map(|r| (&r.key, &r.figure))),
        [
            ("organization".into(), 3),
            ("government".into(), 2),
            ("anonymous".into(), 1),
            (NO_SOURCE.into(), 1)
        ]
    );
}

#[test]
fn citations_go_outlet_via_source() {
    let p = project();
    let c = Corpus::compute(&p, &Options::default());
    let mut got: Vec<(String, String, String, Vec<&str>)> = c
        .citations
        .iter()
        .map(|x| {
            (
                x.outlet.name.to_string(),
                x.via.name.to_string(),
                x.source.name.to_string(),
                ids(&p, &x.figure),
            )
        })
        .collect();
    got.sort();
    let s = |a: &str, b: &str, c: &str, d: Vec<&'static str>| (a.into(), b.into(), c.into(), d);
    let mut want = vec![
        s(
            "VnExpress",
            NO_VIA,
            "Ministry of Public Security",
            vec!["c1"],
        ),
        s(
            "VnExpress",
            "Reuters",
            "Ministry of Public Security",
            vec!["c2"],
        ),
        s("VnExpress", "Reuters", "Amnesty International", vec!["c2"]),
        s("VnExpress", NO_VIA, NO_SOURCE, vec!["c3"]),
        s("Reuters", "Reuters", "Amnesty International", vec!["c4"]),
        s("Reuters", NO_VIA, "an official", vec!["c5"]),
        s(NO_OUTLET, NO_VIA, "Amnesty International", vec!["c6"]),
    ];
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn timeline_by_week_month_year() {
    let p = project();
    let at = |period: Period| {
        let c = Corpus::compute(
            &p,
            &Options {
                period,
                ..Default::default()
            },
        );
        c.timeline
            .iter()
            .map(|t| {
                (
                    t.period.clone(),
                    t.source.name.to_string(),
                    t.figure.count(),
                )
            })
            .collect::<Vec<_>>()
    };
    let month = at(Period::Month);
    assert_eq!(
        month,
        [
            (
                Some("2024-01".into()),
                "Ministry of Public Security".into(),
                2
            ),
            (Some("2024-01".into()), NO_SOURCE.into(), 1),
            (Some("2024-01".into()), "Amnesty International".into(), 1),
            (Some("2024-02".into()), "Amnesty International".into(), 1),
            (Some("2024-02".into()), "an official".into(), 1),
            (None, "Amnesty International".into(), 1),
        ]
    );
    // 10 January 2024 is a Wednesday of ISO week 2; 3 February a Saturday of week 5.
    let week: Vec<_> = at(Period::Week).into_iter().map(|t| t.0).collect();
    assert!(week.contains(&Some("2024-W02".into())) && week.contains(&Some("2024-W05".into())));
    let year: Vec<_> = at(Period::Year).into_iter().map(|t| (t.0, t.2)).collect();
    assert!(year.contains(&(Some("2024".into()), 2)), "{year:?}");
    // Per period, the pairs add up to the pairs with that date.
    let dated: usize = month.iter().filter(|t| t.0.is_some()).map(|t| t.2).sum();
    assert_eq!(dated, 6);
}

#[test]
fn filters_and_date_range_apply() {
    let p = project();
    let filter = Filter::resolve(&p, &[], &["Amnesty International".into()], &[], &[]).unwrap();
    let c = Corpus::compute(
        &p,
        &Options {
            filter,
            ..Default::default()
        },
    );
    assert_eq!(ids(&p, &c.claims), ["c2", "c4", "c6"]);
    // The joint claim still counts for its other source.
    let ministry = c
        .sources
        .iter()
        .find(|s| s.key.id.as_deref() == Some("ministry"));
    assert_eq!(ministry.map(|m| m.figure.count()), Some(1));
    let c = Corpus::compute(
        &p,
        &Options {
            from: Some("2024-02-01".parse().unwrap()),
            ..Default::default()
        },
    );
    assert_eq!(ids(&p, &c.claims), ["c4", "c5"], "undated d3 is left out");
    let c = Corpus::compute(
        &p,
        &Options {
            to: Some("2024-01-10".parse().unwrap()),
            ..Default::default()
        },
    );
    assert_eq!(
        ids(&p, &c.claims),
        ["c1", "c2", "c3"],
        "the bound is inclusive"
    );
    let filter = Filter::resolve(&p, &["opinion".into()], &[], &[], &[]).unwrap();
    let c = Corpus::compute(
        &p,
        &Options {
            filter,
            ..Default::default()
        },
    );
    assert_eq!(c.sources.len(), 1);
    assert_eq!(c.sources[0].key.id, None);
}

#[test]
fn cross_tables_and_cooccurrence() {
    let p = project();
    let c = Corpus::compute(&p, &Options::default());
    let t = &c.source_outlet;
    let r = t
        .rows
        .iter()
        .position(|k| k.id.as_deref() == Some("amnesty"))
        .unwrap();
    let col = t.cols.iter().position(|k| &*k.name == "Reuters").unwrap();
    assert_eq!(ids(&p, &t.cells[&(r, col)]), ["c4"]);
    assert!((t.row_percent(r, col) - 100.0 / 3.0).abs() < 1e-9);
    assert!((t.col_percent(r, col) - 50.0).abs() < 1e-9);
    // VnExpress has 3 claims but 4 (claim, source) pairs: the margin counts claims.
    let vn = t.cols.iter().position(|k| &*k.name == "VnExpress").unwrap();
    let cells: usize = (0..t.rows.len()).map(|r| t.cell(r, vn)).sum();
    assert_eq!((cells, t.col_margins[vn].count()), (4, 3));
    assert_eq!(t.total.count(), 6);

    let co = &c.label_cooccurrence(&p);
    let at = |a: &str, b: &str| {
        let r = co.rows.iter().position(|k| k.id.as_deref() == Some(a))?;
        let c = co.cols.iter().position(|k| k.id.as_deref() == Some(b))?;
        co.cells.get(&(r, c)).map(|f| f.ids(&p))
    };
    assert_eq!(
        at("claim", "opinion"),
        Some(vec!["c2", "c3"]),
        "c3 lies inside c2"
    );
    assert_eq!(at("opinion", "claim"), Some(vec!["c2", "c3"]));
    assert_eq!(
        at("claim", "statement"),
        Some(vec!["c4", "c5"]),
        "within, same words"
    );
    assert_eq!(at("claim", "claim"), None, "c1 and c2 do not touch");
    assert_eq!(co.total.count(), 4);
    let csv = c.source_outlet.to_csv("source");
    assert_eq!(csv[0].last().map(String::as_str), Some("all"));
    assert_eq!(
        csv.last().and_then(|l| l.last()).map(String::as_str),
        Some("6")
    );
}

fn key_of(c: &Corpus, id: &str) -> Key {
    c.sources
        .iter()
        .find(|s| s.key.id.as_deref() == Some(id))
        .unwrap()
        .key
        .clone()
}

fn names(p: &Project, rows: &[(Key, Figure)]) -> Vec<(String, Vec<String>)> {
    rows.iter()
        .map(|(k, f)| {
            (
                k.name.to_string(),
                f.ids(p).into_iter().map(String::from).collect(),
            )
        })
        .collect()
}

#[test]
fn flow_counts_claims_per_edge_and_lumps_the_rest() {
    let p = project();
    let c = Corpus::compute(&p, &Options::default());
    let f = c.flow(10);
    let node = |col: &[flow::Node]| -> Vec<(String, usize)> {
        col.iter()
            .map(|n| (n.key.name.to_string(), n.figure.count()))
            .collect()
    };
    assert_eq!(
        node(&f.outlets),
        [
            ("VnExpress".to_string(), 3),
            ("Reuters".to_string(), 2),
            (NO_OUTLET.to_string(), 1)
        ]
    );
    assert_eq!(
        node(&f.vias),
        [(NO_VIA.to_string(), 4), ("Reuters".to_string(), 2)]
    );
    assert_eq!(f.sources.len(), 4);
    let edge = |edges: &[flow::Edge], a: &[flow::Node], b: &[flow::Node], x: &str, y: &str| {
        edges
            .iter()
            .find(|e| &*a[e.from].key.name == x && &*b[e.to].key.name == y)
            .map(|e| e.figure.ids(&p))
    };
    // The joint claim c2 (ministry and Amnesty, told Reuters) is one claim on the outlet → via
    // edge and one on each via → source edge.
    assert_eq!(
        edge(&f.outlet_via, &f.outlets, &f.vias, "VnExpress", "Reuters"),
        Some(vec!["c2"])
    );
    assert_eq!(
        edge(
            &f.via_source,
            &f.vias,
            &f.sources,
            "Reuters",
            "Amnesty International"
        ),
        Some(vec!["c2", "c4"])
    );
    assert_eq!(
        edge(
            &f.via_source,
            &f.vias,
            &f.sources,
            "Reuters",
            "Ministry of Public Security"
        ),
        Some(vec!["c2"])
    );
    // Every claim leaves its outlet on some edge: the outlet column's total is all claims.
    let out_total: usize = f.outlets.iter().map(|n| n.figure.count()).sum();
    assert_eq!(out_total, c.claims.count());

    // One node per column, the rest lumped: totals unchanged.
    let f1 = c.flow(1);
    assert_eq!(f1.outlets.len(), 2);
    assert_eq!(f1.outlets[1].lumped, 2);
    assert_eq!(&*f1.outlets[1].key.name, "(2 other outlets)");
    assert_eq!(f1.outlets[1].figure.ids(&p), ["c4", "c5", "c6"]);
    assert_eq!(f1.sources[1].lumped, 3);
    let lumped = f1
        .via_source
        .iter()
        .find(|e| e.from == 0 && e.to == 1)
        .map(|e| e.figure.ids(&p));
    assert_eq!(
        lumped,
        Some(vec!["c1", "c3", "c5"]),
        "direct → the other sources"
    );
}

#[test]
fn relays_and_claims_nested_in_a_source() {
    let p = project();
    let c = Corpus::compute(&p, &Options::default());
    let amnesty = key_of(&c, "amnesty");
    assert_eq!(
        names(&p, &c.relays(&amnesty)),
        [
            (
                "Reuters".to_string(),
                vec!["c2".to_string(), "c4".to_string()]
            ),
            (NO_VIA.to_string(), vec!["c6".to_string()]),
        ]
    );
    let pairs = c.nesting(&p);
    let fig = &c.sources.iter().find(|s| s.key == amnesty).unwrap().figure;
    // c3 lies inside c2's words; c5 is within c4 on the same words.
    assert_eq!(
        names(&p, &flow::nested_in(&p, &pairs, fig)),
        [
            ("an official".to_string(), vec!["c5".to_string()]),
            (NO_SOURCE.to_string(), vec!["c3".to_string()]),
        ]
    );
    // On the same words, each claim lies inside the other.
    let anon = key_of(&c, "anon");
    let fig = &c.sources.iter().find(|s| s.key == anon).unwrap().figure;
    assert_eq!(
        names(&p, &flow::nested_in(&p, &pairs, fig)),
        [("Amnesty International".to_string(), vec!["c4".to_string()])]
    );
    // The ministry's c1 holds nothing; its c2 holds c3.
    let ministry = key_of(&c, "ministry");
    let fig = &c.sources.iter().find(|s| s.key == ministry).unwrap().figure;
    assert_eq!(
        names(&p, &flow::nested_in(&p, &pairs, fig)),
        [(NO_SOURCE.to_string(), vec!["c3".to_string()])]
    );
    // A filter leaves the outer claims out: nothing nests in what is not counted.
    let mut opts = Options::default();
    opts.filter.labels.push("claim".into());
    let only = Corpus::compute(&p, &opts);
    let pairs = only.nesting(&p);
    let fig = &only
        .sources
        .iter()
        .find(|s| s.key == amnesty)
        .unwrap()
        .figure;
    assert!(flow::nested_in(&p, &pairs, fig).is_empty());
}

fn arb_project() -> impl Strategy<Value = Project> {
    let one_claim = (
        0usize..3,                                  // document
        0usize..2,                                  // label
        proptest::collection::vec(0usize..4, 0..4), // sources (repeats dropped)
        0usize..20,                                 // start
        1usize..10,                                 // length
        proptest::option::of(0usize..4),            // via
    );
    (
        proptest::collection::vec(one_claim, 0..40),
        proptest::collection::vec((proptest::option::of(0usize..2), 0u32..3), 3),
    )
        .prop_map(|(claims, docs)| {
            let mut p = Project::new("prop", Annotator::named("P"));
            let outlets = ["A", "B"];
            for (i, (outlet, month)) in docs.into_iter().enumerate() {
                let date = (month > 0).then(|| format!("2024-{month:02}-15"));
                let mut d = Document::new(
                    "d",
                    "abcdefghijklmnopqrstuvwxyz0123456789".into(),
                    origin(outlet.map(|o| outlets[o]), date.as_deref()),
                );
                d.id = format!("d{i}");
                p.documents.push(d);
            }
            let kinds = [
                SourceKind::Person,
                SourceKind::Government,
                SourceKind::Person,
            ];
            for (i, k) in kinds.iter().enumerate() {
                p.sources
                    .push(source(&format!("s{i}"), &format!("S{i}"), *k));
            }
            for (n, (doc, label, srcs, start, len, via)) in claims.into_iter().enumerate() {
                // Source 3 is not in the registry: it stands for itself.
                let mut ids: Vec<String> = Vec::new();
                for s in srcs {
                    let id = format!("s{s}");
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                let via = via.map(|v| format!("s{v}"));
                let c = claim(
                    &p,
                    &format!("c{n}"),
                    &format!("d{doc}"),
                    ["claim", "opinion"][label],
                    &refs,
                    (start, start + len),
                    via.as_deref(),
                    None,
                );
                p.claims.push(c);
            }
            p
        })
}

fn by_key<'a>(rows: impl IntoIterator<Item = (&'a Key, usize)>) -> HashMap<Key, usize> {
    rows.into_iter().map(|(k, n)| (k.clone(), n)).collect()
}

fn margins(keys: &[Key], m: &[Figure]) -> HashMap<Key, usize> {
    by_key(keys.iter().zip(m.iter().map(Figure::count)))
}

proptest! {
    #[test]
    fn totals_and_margins_agree(p in arb_project()) {
        let c = Corpus::compute(&p, &Options::default());
        let pairs: usize = p.claims.iter().map(|c| c.sources().len().max(1)).sum();
        let per_source: usize = c.sources.iter().map(|s| s.figure.count()).sum();
        prop_assert_eq!(per_source, pairs);
        prop_assert_eq!(c.pairs, pairs);
        let cited: usize = c.citations.iter().map(|x| x.figure.count()).sum();
        prop_assert_eq!(cited, pairs);
        let timed: usize = c.timeline.iter().map(|x| x.figure.count()).sum();
        prop_assert_eq!(timed, pairs);
        let labelled: usize = c.labels.iter().map(|x| x.figure.count()).sum();
        prop_assert_eq!(labelled, p.claims.len());
        let outlets: usize = c.outlets.iter().map(|x| x.figure.count()).sum();
        prop_assert_eq!(outlets, p.claims.len());

        let sources = by_key(c.sources.iter().map(|s| (&s.key, s.figure.count())));
        let outlets = by_key(c.outlets.iter().map(|s| (&s.key, s.figure.count())));
        let labels = by_key(c.labels.iter().map(|s| (&s.key, s.figure.count())));
        let kinds = by_key(c.kinds.iter().map(|s| (&s.key, s.figure.count())));
        let t = &c.source_outlet;
        prop_assert_eq!(margins(&t.rows, &t.row_margins), sources.clone());
        prop_assert_eq!(margins(&t.cols, &t.col_margins), outlets.clone());
        let t = &c.kind_outlet;
        prop_assert_eq!(margins(&t.rows, &t.row_margins), kinds);
        prop_assert_eq!(margins(&t.cols, &t.col_margins), outlets);
        let t = &c.label_source;
        prop_assert_eq!(margins(&t.rows, &t.row_margins), labels);
        prop_assert_eq!(margins(&t.cols, &t.col_margins), sources);
        // Each claim has one outlet: a source's cells add up to its row.
        let t = &c.source_outlet;
        for r in 0..t.rows.len() {
            let sum: usize = (0..t.cols.len()).map(|col| t.cell(r, col)).sum();
            prop_assert_eq!(sum, t.row_margins[r].count());
        }
        // Every figure's claims are ascending and distinct.
        for s in &c.sources {
            prop_assert!(s.figure.claims.windows(2).all(|w| w[0] < w[1]));
        }
    }
}

#[test]
fn csv_of_the_sources_and_a_cross_table_reads_back() {
    let p = project();
    let c = Corpus::compute(&p, &Options::default());
    let text = c.sources_csv();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), c.sources.len());
    for (row, s) in rows.iter().zip(&c.sources) {
        assert_eq!(row[2].parse::<usize>().unwrap(), s.figure.count());
        if s.key.id.is_some() {
            assert_eq!(&row[0], &*s.key.name);
        } else {
            assert_eq!(&row[0], "");
        }
    }
    let t = &c.source_outlet;
    let text = csv_text(&t.to_csv("source"));
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), t.rows.len() + 2);
    assert_eq!(rows[0].len(), t.cols.len() + 2);
    assert_eq!(
        rows.last().unwrap()[t.cols.len() + 1]
            .parse::<usize>()
            .unwrap(),
        6
    );
}

#[test]
fn csv_of_the_one_way_tables_citations_and_timeline() {
    let p = project();
    let c = Corpus::compute(&p, &Options::default());
    let read = |text: String| -> Vec<csv::StringRecord> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|x| x.unwrap())
            .collect()
    };
    let labels = read(c.rows_csv("label", &c.labels));
    assert_eq!(labels.len(), c.labels.len());
    // "Claim" has 4 of the 6 claims.
    assert_eq!(
        (&labels[0][0], &labels[0][1], &labels[0][2]),
        ("Claim", "4", "66.7")
    );
    let outlets = read(c.rows_csv("outlet", &c.outlets));
    assert_eq!(
        outlets.last().map(|r| r[0].to_string()),
        Some(String::new())
    );
    let cites = read(c.citations_csv());
    let total: usize = cites.iter().map(|r| r[3].parse::<usize>().unwrap()).sum();
    assert_eq!(
        total, c.pairs,
        "every (claim, source) pair on one citation row"
    );
    assert!(
        cites.iter().any(|r| (&r[0], &r[1], &r[2], &r[3])
            == ("Reuters", "Reuters", "Amnesty International", "1"))
    );
    let time = read(c.timeline_csv());
    assert_eq!(time.len(), c.timeline.len());
    assert_eq!(&time[0][0], "2024-01");
    assert_eq!(&time.last().unwrap()[0], "", "undated last");
}

#[test]
fn buckets_cover_the_range_with_gaps() {
    let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    assert_eq!(
        Period::Month.buckets(d("2024-01-31"), d("2024-04-01"), 100),
        ["2024-01", "2024-02", "2024-03", "2024-04"]
    );
    assert_eq!(
        Period::Year.buckets(d("2022-06-01"), d("2024-01-01"), 100),
        ["2022", "2023", "2024"]
    );
    // ISO weeks across a year end: 2024-12-30 is in week 1 of 2025.
    assert_eq!(
        Period::Week.buckets(d("2024-12-20"), d("2025-01-08"), 100),
        ["2024-W51", "2024-W52", "2025-W01", "2025-W02"]
    );
    assert_eq!(
        Period::Month.buckets(d("2024-05-05"), d("2024-05-20"), 100),
        ["2024-05"]
    );
    assert_eq!(
        Period::Month
            .buckets(d("2000-01-01"), d("2024-05-20"), 3)
            .len(),
        3
    );
    let p = project();
    let c = Corpus::compute(&p, &Options::default());
    assert_eq!(
        (c.first, c.last),
        (Some(d("2024-01-10")), Some(d("2024-02-03")))
    );
}
