use super::ops;
use super::*;
use crate::model::{Annotator, Document, Mode, Origin, Review, SourceKind, Status, Verdict};
use proptest::prelude::*;

fn base() -> Project {
    let mut p = Project::new("t", Annotator::named("Ana"));
    let origin = Origin {
        imported: "2026-01-01T00:00:00Z".parse().unwrap(),
        extractor: "txt".into(),
        ..Default::default()
    };
    p.documents.push(Document::new("one", "Amnesty said the numbers rose. Reuters reported it, officials said “no”. 👍🏽 Bộ Ngoại giao.".into(), origin.clone()));
    p.documents.push(Document::new(
        "two",
        "Second text with words and more words here.".into(),
        origin,
    ));
    p.sources.push(Source {
        id: "amnesty".into(),
        name: "Amnesty International".into(),
        kind: SourceKind::Organization,
        aliases: vec!["Amnesty".into()],
        note: String::new(),
    });
    p.sources.push(Source {
        id: "reuters".into(),
        name: "Reuters".into(),
        kind: SourceKind::Media,
        aliases: vec![],
        note: String::new(),
    });
    p
}

#[test]
fn add_then_undo_redo_claim() {
    let mut p = base();
    let before = p.clone();
    let mut h = History::new();
    assert!(!h.is_dirty());
    let doc = p.documents[0].id.clone();
    let c = ops::new_claim(&p, &doc, "claim", &[(13, 30)]).unwrap();
    assert_eq!(c.content[0].exact, "the numbers rose.");
    let id = c.id.clone();
    let e = ops::add_claim(&p, c);
    h.apply(&mut p, e).unwrap();
    assert!(h.is_dirty());
    assert_eq!(h.undo_label().as_deref(), Some("add claim"));
    let after = p.clone();
    assert!(h.undo(&mut p).unwrap());
    assert_eq!(p, before);
    assert!(!h.is_dirty());
    assert!(h.redo(&mut p).unwrap());
    assert_eq!(p, after);
    assert!(p.claim(&id).is_some());
    h.mark_saved();
    assert!(!h.is_dirty());
    h.undo(&mut p).unwrap();
    assert!(h.is_dirty());
}

#[test]
fn merge_sources_moves_claims_and_aliases_and_undoes_exactly() {
    let mut p = base();
    let doc = p.documents[0].id.clone();
    let mut c = ops::new_claim(&p, &doc, "claim", &[(13, 30)]).unwrap();
    c.attribution = Some(crate::model::Attribution {
        sources: vec!["reuters".into()],
        via: Some("reuters".into()),
        mode: Mode::Indirect,
        ..Default::default()
    });
    // A joint claim of both sources: after the merge it names the kept one once.
    let mut joint = ops::new_claim(&p, &doc, "claim", &[(0, 7)]).unwrap();
    joint.attribution = Some(crate::model::Attribution {
        sources: vec!["reuters".into(), "amnesty".into()],
        ..Default::default()
    });
    let mut h = History::new();
    let e = ops::add_claim(&p, c.clone());
    h.apply(&mut p, e).unwrap();
    let e = ops::add_claim(&p, joint.clone());
    h.apply(&mut p, e).unwrap();
    let before = p.clone();
    let e = ops::merge_sources(&p, "amnesty", "reuters").unwrap();
    h.apply(&mut p, e).unwrap();
    assert!(p.source("reuters").is_none());
    assert!(p.source("amnesty").unwrap().is_named("reuters"));
    let a = p.claim(&c.id).unwrap().attribution.clone().unwrap();
    assert_eq!(
        (a.sources.as_slice(), a.via.as_deref()),
        (&["amnesty".to_string()][..], Some("amnesty"))
    );
    assert_eq!(p.claim(&joint.id).unwrap().sources(), ["amnesty"]);
    assert_eq!(
        h.undo_label().as_deref(),
        Some("merge Reuters into Amnesty International")
    );
    h.undo(&mut p).unwrap();
    assert_eq!(p, before);
}

#[test]
fn removing_a_used_source_is_refused_and_changes_nothing() {
    let mut p = base();
    let doc = p.documents[0].id.clone();
    let mut c = ops::new_claim(&p, &doc, "claim", &[(0, 7)]).unwrap();
    c.attribution = Some(crate::model::Attribution {
        sources: vec!["reuters".into(), "amnesty".into()],
        ..Default::default()
    });
    Edit::InsertClaim {
        index: 0,
        claim: Box::new(c),
    }
    .apply(&mut p)
    .unwrap();
    let before = p.clone();
    let err = Edit::RemoveSource {
        id: "amnesty".into(),
    }
    .apply(&mut p)
    .unwrap_err();
    assert!(matches!(err, EditError::InUse { count: 1, .. }), "{err}");
    assert_eq!(p, before);
    // A batch that fails halfway rolls back its first half.
    let bad = Edit::Batch {
        what: "x".into(),
        edits: vec![
            Edit::RemoveSource {
                id: "reuters".into(),
            },
            Edit::RemoveSource {
                id: "amnesty".into(),
            },
        ],
    };
    assert!(bad.apply(&mut p).is_err());
    assert_eq!(p, before);
    // The op clears references first; a joint claim keeps its other source.
    let del = ops::delete_source(&p, "amnesty").unwrap();
    del.apply(&mut p).unwrap();
    assert!(p.source("amnesty").is_none());
    assert_eq!(p.claims[0].sources(), ["reuters"]);
}

#[test]
fn a_claims_sources_are_added_and_removed_one_edit_at_a_time() {
    let mut p = base();
    let doc = p.documents[0].id.clone();
    let c = ops::new_claim(&p, &doc, "claim", &[(13, 30)]).unwrap();
    let id = c.id.clone();
    let mut h = History::new();
    let e = ops::add_claim(&p, c);
    h.apply(&mut p, e).unwrap();
    let e = ops::add_claim_source(&p, &id, "amnesty").unwrap();
    h.apply(&mut p, e).unwrap();
    let one = p.clone();
    // Adding the same source again changes nothing; an unknown source is refused.
    assert_eq!(ops::add_claim_source(&p, &id, "amnesty"), None);
    assert_eq!(ops::add_claim_source(&p, &id, "nobody"), None);
    let e = ops::add_claim_source(&p, &id, "reuters").unwrap();
    h.apply(&mut p, e).unwrap();
    assert_eq!(p.claim(&id).unwrap().sources(), ["amnesty", "reuters"]);
    assert_eq!(h.undo_label().as_deref(), Some("add source Reuters"));
    let joint = p.clone();
    let e = ops::remove_claim_source(&p, &id, "amnesty").unwrap();
    h.apply(&mut p, e).unwrap();
    assert_eq!(p.claim(&id).unwrap().sources(), ["reuters"]);
    assert!(p.source("amnesty").is_some(), "the registry keeps it");
    assert_eq!(ops::remove_claim_source(&p, &id, "amnesty"), None);
    h.undo(&mut p).unwrap();
    assert_eq!(p, joint);
    h.undo(&mut p).unwrap();
    assert_eq!(p, one);
    // Setting the list drops repeats and keeps the order.
    let e = ops::set_claim_sources(
        &p,
        &id,
        &["reuters".into(), "amnesty".into(), "reuters".into()],
    )
    .unwrap();
    e.apply(&mut p).unwrap();
    assert_eq!(p.claim(&id).unwrap().sources(), ["reuters", "amnesty"]);
}

#[test]
fn a_mention_sets_the_source_of_a_plain_claim_and_adds_to_a_joint_one() {
    let mut p = base();
    let doc = p.documents[0].id.clone();
    let c = ops::new_claim(&p, &doc, "claim", &[(13, 30)]).unwrap();
    let id = c.id.clone();
    ops::add_claim(&p, c).apply(&mut p).unwrap();
    let set = |p: &mut Project, s: &str| {
        ops::set_mention(p, &id, 0, 7, Some(s))
            .unwrap()
            .apply(p)
            .unwrap();
    };
    set(&mut p, "amnesty");
    assert_eq!(p.claim(&id).unwrap().sources(), ["amnesty"]);
    // One source: a new mention corrects it.
    set(&mut p, "reuters");
    assert_eq!(p.claim(&id).unwrap().sources(), ["reuters"]);
    // Joint: the mention's source is added, the others stay.
    ops::add_claim_source(&p, &id, "amnesty")
        .unwrap()
        .apply(&mut p)
        .unwrap();
    let mut third = ops::new_source(&p, "AP", crate::model::SourceKind::Media);
    third.id = "ap".into();
    ops::add_source(&p, third).apply(&mut p).unwrap();
    set(&mut p, "ap");
    assert_eq!(
        p.claim(&id).unwrap().sources(),
        ["reuters", "amnesty", "ap"]
    );
    // The same mention naming a source the claim has: nothing to change.
    assert_eq!(ops::set_mention(&p, &id, 0, 7, Some("amnesty")), None);
    assert_eq!(
        p.claim(&id).unwrap().sources(),
        ["reuters", "amnesty", "ap"]
    );
}

#[test]
fn dangling_references_are_refused() {
    let mut p = base();
    let doc = p.documents[0].id.clone();
    let mut c = ops::new_claim(&p, &doc, "claim", &[(0, 7)]).unwrap();
    c.label = "nope".into();
    assert!(matches!(
        ops::add_claim(&p, c.clone()).apply(&mut p),
        Err(EditError::Dangling { kind: "label", .. })
    ));
    c.label = "claim".into();
    c.attribution = Some(crate::model::Attribution {
        within: Some(c.id.clone()),
        ..Default::default()
    });
    assert!(matches!(
        ops::add_claim(&p, c).apply(&mut p),
        Err(EditError::Dangling { kind: "claim", .. })
    ));
    assert!(ops::new_claim(&p, &doc, "claim", &[(3, 3)]).is_none());
}

#[test]
fn delete_document_removes_nested_claims_in_order_and_undoes() {
    let mut p = base();
    let doc = p.documents[0].id.clone();
    let outer = ops::new_claim(&p, &doc, "claim", &[(0, 30)]).unwrap();
    let mut mid = ops::new_claim(&p, &doc, "claim", &[(8, 30)]).unwrap();
    mid.attribution = Some(crate::model::Attribution {
        within: Some(outer.id.clone()),
        ..Default::default()
    });
    let mut inner = ops::new_claim(&p, &doc, "claim", &[(13, 30)]).unwrap();
    inner.attribution = Some(crate::model::Attribution {
        within: Some(mid.id.clone()),
        ..Default::default()
    });
    let mut h = History::new();
    for c in [outer, mid, inner] {
        let e = ops::add_claim(&p, c);
        h.apply(&mut p, e).unwrap();
    }
    let before = p.clone();
    let e = ops::delete_document(&p, &doc).unwrap();
    h.apply(&mut p, e).unwrap();
    assert_eq!(p.documents.len(), 1);
    assert!(p.claims.is_empty());
    h.undo(&mut p).unwrap();
    assert_eq!(p, before);
}

#[test]
fn reviews_are_set_replaced_cleared_and_undone() {
    let mut p = base();
    let d = p.documents[0].id.clone();
    let c = ops::new_claim(&p, &d, "claim", &[(0, 7)]).unwrap();
    let id = c.id.clone();
    let modified = c.modified;
    let mut h = History::new();
    let e = ops::add_claim(&p, c);
    h.apply(&mut p, e).unwrap();
    let before = p.clone();
    let note = |verdict, comment: &str| Review {
        reviewer: "rev".into(),
        verdict,
        comment: comment.into(),
        created: crate::demo::TIME,
    };
    let e = ops::set_review(&p, &id, note(Verdict::NeedsChange, "too long")).unwrap();
    h.apply(&mut p, e).unwrap();
    let e = ops::set_review(&p, &id, note(Verdict::Approved, "")).unwrap();
    h.apply(&mut p, e).unwrap();
    let c = p.claim(&id).unwrap();
    // One note per reviewer: the second replaced the first; the claim itself is not "modified".
    assert_eq!(c.reviews, vec![note(Verdict::Approved, "")]);
    assert_eq!(c.modified, modified);
    assert!(ops::set_review(&p, &id, note(Verdict::Approved, "")).is_none());
    assert!(ops::clear_review(&p, &id, "someone-else").is_none());
    let e = ops::clear_review(&p, &id, "rev").unwrap();
    h.apply(&mut p, e).unwrap();
    assert!(p.claim(&id).unwrap().reviews.is_empty());
    h.undo(&mut p).unwrap();
    assert_eq!(
        p.claim(&id).unwrap().reviews,
        vec![note(Verdict::Approved, "")]
    );
    h.undo(&mut p).unwrap();
    h.undo(&mut p).unwrap();
    assert_eq!(p, before);
}

#[test]
fn resolving_a_group_clears_only_its_markers() {
    let mut p = base();
    let d = p.documents[0].id.clone();
    for (r, g) in [
        ((0, 7), Some("g1")),
        ((8, 12), Some("g1")),
        ((13, 20), Some("g2")),
    ] {
        let mut c = ops::new_claim(&p, &d, "claim", &[r]).unwrap();
        c.unresolved = g.map(String::from);
        p.claims.push(c);
    }
    let before = p.clone();
    let mut h = History::new();
    let e = ops::resolve_group(&p, "g1").unwrap();
    h.apply(&mut p, e).unwrap();
    let marks: Vec<Option<&str>> = p.claims.iter().map(|c| c.unresolved.as_deref()).collect();
    assert_eq!(marks, vec![None, None, Some("g2")]);
    assert!(ops::resolve_group(&p, "g1").is_none());
    h.undo(&mut p).unwrap();
    assert_eq!(p, before);
}

#[derive(Debug, Clone)]
enum Op {
    AddClaim {
        doc: usize,
        a: usize,
        b: usize,
    },
    Fragment {
        claim: usize,
        a: usize,
        b: usize,
    },
    Mention {
        claim: usize,
        a: usize,
        b: usize,
        source: usize,
    },
    Cue {
        claim: usize,
        a: usize,
        b: usize,
    },
    Status {
        claim: usize,
        s: usize,
    },
    Note {
        claim: usize,
        note: String,
    },
    Within {
        claim: usize,
        outer: usize,
    },
    DeleteClaim {
        claim: usize,
    },
    AddSource {
        name: String,
    },
    /// Add (`add`) or remove a source of a claim.
    ClaimSource {
        claim: usize,
        source: usize,
        add: bool,
    },
    Rename {
        source: usize,
        name: String,
    },
    Merge {
        a: usize,
        b: usize,
    },
    DeleteSource {
        source: usize,
    },
    AddLabel {
        name: String,
    },
    Relabel {
        claim: usize,
        label: usize,
    },
    DeleteLabel {
        label: usize,
        to: usize,
    },
    DocMeta {
        doc: usize,
        title: String,
    },
    DeleteDoc {
        doc: usize,
    },
    ProjectInfo {
        name: String,
    },
    Review {
        claim: usize,
        reviewer: usize,
        verdict: usize,
        comment: String,
    },
    ClearReview {
        claim: usize,
        reviewer: usize,
    },
}

const REVIEWERS: [&str; 2] = ["rev-a", "rev-b"];

fn op() -> impl Strategy<Value = Op> {
    let i = 0usize..8;
    let off = 0usize..120;
    let name = "[A-Za-zộ ]{1,8}";
    prop_oneof![
        (i.clone(), off.clone(), off.clone()).prop_map(|(doc, a, b)| Op::AddClaim { doc, a, b }),
        (i.clone(), off.clone(), off.clone()).prop_map(|(claim, a, b)| Op::Fragment {
            claim,
            a,
            b
        }),
        (i.clone(), off.clone(), off.clone(), i.clone()).prop_map(|(claim, a, b, source)| {
            Op::Mention {
                claim,
                a,
                b,
                source,
            }
        }),
        (i.clone(), off.clone(), off.clone()).prop_map(|(claim, a, b)| Op::Cue { claim, a, b }),
        (i.clone(), 0usize..5).prop_map(|(claim, s)| Op::Status { claim, s }),
        (i.clone(), name).prop_map(|(claim, note)| Op::Note { claim, note }),
        (i.clone(), i.clone()).prop_map(|(claim, outer)| Op::Within { claim, outer }),
        i.clone().prop_map(|claim| Op::DeleteClaim { claim }),
        name.prop_map(|name| Op::AddSource { name }),
        (i.clone(), i.clone(), any::<bool>()).prop_map(|(claim, source, add)| Op::ClaimSource {
            claim,
            source,
            add
        }),
        (i.clone(), name).prop_map(|(source, name)| Op::Rename { source, name }),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Merge { a, b }),
        i.clone().prop_map(|source| Op::DeleteSource { source }),
        name.prop_map(|name| Op::AddLabel { name }),
        (i.clone(), i.clone()).prop_map(|(claim, label)| Op::Relabel { claim, label }),
        (i.clone(), i.clone()).prop_map(|(label, to)| Op::DeleteLabel { label, to }),
        (i.clone(), name).prop_map(|(doc, title)| Op::DocMeta { doc, title }),
        i.clone().prop_map(|doc| Op::DeleteDoc { doc }),
        name.prop_map(|name| Op::ProjectInfo { name }),
        (i.clone(), 0usize..2, 0usize..3, name).prop_map(|(claim, reviewer, verdict, comment)| {
            Op::Review {
                claim,
                reviewer,
                verdict,
                comment,
            }
        }),
        (i.clone(), 0usize..2).prop_map(|(claim, reviewer)| Op::ClearReview { claim, reviewer }),
    ]
}

fn pick<T>(v: &[T], i: usize) -> Option<&T> {
    if v.is_empty() {
        None
    } else {
        v.get(i % v.len())
    }
}

fn to_edit(p: &Project, op: &Op) -> Option<Edit> {
    let claim = |i: usize| pick(&p.claims, i).map(|c| c.id.clone());
    match op.clone() {
        Op::AddClaim { doc, a, b } => {
            let d = pick(&p.documents, doc)?;
            let c = ops::new_claim(p, &d.id, "claim", &[(a.min(b), a.max(b))])?;
            Some(ops::add_claim(p, c))
        }
        Op::Fragment { claim: c, a, b } => ops::add_fragment(p, &claim(c)?, a.min(b), a.max(b)),
        Op::Mention {
            claim: c,
            a,
            b,
            source,
        } => {
            let s = pick(&p.sources, source).map(|s| s.id.clone());
            ops::set_mention(p, &claim(c)?, a.min(b), a.max(b), s.as_deref())
        }
        Op::Cue { claim: c, a, b } => ops::set_cue(p, &claim(c)?, a.min(b), a.max(b)),
        Op::Status { claim: c, s } => {
            ops::update_claim(p, &claim(c)?, "status", |c| c.status = Status::ALL[s])
        }
        Op::Note { claim: c, note } => ops::update_claim(p, &claim(c)?, "note", |c| c.note = note),
        Op::Within { claim: c, outer } => {
            let outer = claim(outer)?;
            ops::update_claim(p, &claim(c)?, "nest", |c| {
                ops::attribution_mut(c).within = Some(outer)
            })
        }
        Op::DeleteClaim { claim: c } => ops::delete_claim(p, &claim(c)?),
        Op::AddSource { name } => Some(ops::add_source(
            p,
            ops::new_source(p, &name, SourceKind::Person),
        )),
        Op::ClaimSource {
            claim: c,
            source,
            add,
        } => {
            let s = pick(&p.sources, source)?.id.clone();
            if add {
                ops::add_claim_source(p, &claim(c)?, &s)
            } else {
                ops::remove_claim_source(p, &claim(c)?, &s)
            }
        }
        Op::Rename { source, name } => ops::rename_source(p, &pick(&p.sources, source)?.id, &name),
        Op::Merge { a, b } => {
            ops::merge_sources(p, &pick(&p.sources, a)?.id, &pick(&p.sources, b)?.id)
        }
        Op::DeleteSource { source } => ops::delete_source(p, &pick(&p.sources, source)?.id),
        Op::AddLabel { name } => Some(ops::add_label(
            p,
            ops::new_label(p, &name, (1, 2, 3), Some('x')),
        )),
        Op::Relabel { claim: c, label } => {
            let l = pick(&p.labels, label)?.id.clone();
            ops::update_claim(p, &claim(c)?, "relabel", |c| c.label = l)
        }
        Op::DeleteLabel { label, to } => {
            let l = pick(&p.labels, label)?.id.clone();
            let t = pick(&p.labels, to)?.id.clone();
            ops::delete_label(p, &l, (t != l).then_some(t.as_str()))
        }
        Op::DocMeta { doc, title } => {
            let d = pick(&p.documents, doc)?;
            let mut o = d.origin.clone();
            o.outlet = Some(title.clone());
            ops::set_document_meta(p, &d.id, &title, o)
        }
        Op::DeleteDoc { doc } => ops::delete_document(p, &pick(&p.documents, doc)?.id),
        Op::ProjectInfo { name } => Some(Edit::SetProjectInfo {
            name,
            annotator: Annotator::named("Bo"),
        }),
        Op::Review {
            claim: c,
            reviewer,
            verdict,
            comment,
        } => ops::set_review(
            p,
            &claim(c)?,
            Review {
                reviewer: REVIEWERS[reviewer].into(),
                verdict: Verdict::ALL[verdict],
                comment,
                created: crate::demo::TIME,
            },
        ),
        Op::ClearReview { claim: c, reviewer } => {
            ops::clear_review(p, &claim(c)?, REVIEWERS[reviewer])
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_edit_sequence_undoes_and_redoes_exactly(ops_ in proptest::collection::vec(op(), 1..40)) {
        let mut p = base();
        let start = p.clone();
        let mut h = History::new();
        let mut states = vec![p.clone()];
        for op in &ops_ {
            if let Some(e) = to_edit(&p, op) {
                let before = p.clone();
                if h.apply(&mut p, e).is_ok() {
                    states.push(p.clone());
                } else {
                    // A refused edit leaves the project as it was.
                    prop_assert_eq!(&p, &before);
                }
            }
        }
        let end = p.clone();
        // Undo walks back through every intermediate state.
        for s in states.iter().rev().skip(1) {
            prop_assert!(h.undo(&mut p).unwrap());
            prop_assert_eq!(&p, s);
        }
        prop_assert!(!h.undo(&mut p).unwrap());
        prop_assert_eq!(&p, &start);
        prop_assert!(!h.is_dirty());
        while h.redo(&mut p).unwrap() {}
        prop_assert_eq!(&p, &end);
    }
}

/// A batch large enough to keep an index: the same checks, errors and rollback as edits
/// applied one by one, undone exactly, and its work grows with the batch, not with the batch
/// times the project.
#[test]
fn large_batches_check_like_single_edits_and_stay_linear() {
    let claims = |p: &Project, n: usize, tag: &str| -> Vec<Edit> {
        let doc = p.documents[0].id.clone();
        (0..n)
            .map(|k| {
                let mut c = ops::new_claim(p, &doc, "claim", &[(k % 20, k % 20 + 10)]).unwrap();
                c.id = format!("{tag}{k}");
                if k % 3 == 1 {
                    c.attribution = Some(crate::model::Attribution {
                        sources: vec!["amnesty".into()],
                        via: Some("amnesty".into()),
                        within: Some(format!("{tag}{}", k - 1)),
                        ..Default::default()
                    });
                }
                Edit::InsertClaim {
                    index: p.claims.len() + k,
                    claim: Box::new(c),
                }
            })
            .collect()
    };
    let batch = |edits: Vec<Edit>| Edit::Batch {
        what: "import".into(),
        edits,
    };
    let mut p = base();
    let before = p.clone();
    let edits = claims(&p, 100, "c");
    // One by one (no index) and as one batch (indexed) give the same project.
    let mut one_by_one = p.clone();
    for e in edits.clone() {
        e.apply(&mut one_by_one).unwrap();
    }
    let undo = batch(edits).apply(&mut p).unwrap();
    assert_eq!(p, one_by_one);
    // Checks still hold inside a large batch: a duplicate id, a source in use, a document
    // in use, a nested-in claim; each error as without the index, and nothing changed.
    let doc = p.documents[0].id.clone();
    let mut bad = claims(&p, 40, "d");
    bad.push(Edit::RemoveSource {
        id: "amnesty".into(),
    });
    let applied = p.clone();
    assert_eq!(
        batch(bad).apply(&mut p),
        Err(EditError::InUse {
            kind: "source",
            id: "amnesty".into(),
            count: 33 + 13
        })
    );
    assert_eq!(p, applied);
    let mut bad = claims(&p, 40, "e");
    bad.push(Edit::RemoveDocument { id: doc.clone() });
    assert_eq!(
        batch(bad).apply(&mut p),
        Err(EditError::InUse {
            kind: "document",
            id: doc,
            count: 140
        })
    );
    let mut bad = claims(&p, 40, "f");
    bad.push(Edit::RemoveClaim { id: "f0".into() });
    assert_eq!(
        batch(bad).apply(&mut p),
        Err(EditError::InUse {
            kind: "claim",
            id: "f0".into(),
            count: 1
        })
    );
    let mut bad = claims(&p, 40, "g");
    bad.push(claims(&p, 1, "c").remove(0));
    assert_eq!(
        batch(bad).apply(&mut p),
        Err(EditError::Duplicate {
            kind: "claim",
            id: "c0".into()
        })
    );
    assert_eq!(p, applied);
    // Undo (a batch of removals from the end) restores the project.
    undo.apply(&mut p).unwrap();
    assert_eq!(p, before);
    // Work: 4× the claims, about 4× the work (each insert scanning the claims before it
    // would be 16×).
    let work = |n: usize| {
        let mut p = base();
        let edits = claims(&p, n, "w");
        crate::work::take();
        let undo = batch(edits).apply(&mut p).unwrap();
        undo.apply(&mut p).unwrap();
        crate::work::take()
    };
    let (small, big) = (work(500), work(2_000));
    assert!(
        big * 10 <= small * 44,
        "work grew from {small} to {big} for 4× the claims"
    );
}
