//! Settling a comparison row by row: the reviewer's choices on one disagreement (take theirs,
//! keep mine, keep both, mark as discussed) and on one agreement (accept it), each as ONE
//! [`Edit`] on my project, so every choice is one undo step.
//!
//! A choice is remembered in the project itself, so a reloaded project still knows which rows
//! are settled:
//! - every disagreement choice appends a [`Decision`] to [`Project::decisions`] (the other
//!   annotator, my claim, their claim, what was chosen, by whom, when); a second choice on the
//!   same row replaces the first;
//! - accepting an agreement records the other annotator in my claim's `agreed_by` (the field a
//!   merge fills for agreed claims).
//!
//! Taking or keeping their claim copies it into my project with its label and sources remapped
//! onto mine by name (labels) and by name or alias (sources); a label or source I do not have
//! is added. The copy keeps their claim id when mine has no claim with that id, so the next
//! comparison pairs it with theirs by id.

use super::compare::{DocumentComparison, Pair, PairKind, label_key, same_source};
use crate::edit::{Edit, ops};
use crate::model::{Choice, Claim, Decision, Project, new_id, now};
use crate::store::{self, StoreError};
use std::path::Path;

/// The id under which the other annotator is recorded (their project's annotator id, else
/// their name, else "other").
pub fn other_id(theirs: &Project) -> String {
    [&theirs.annotator.id, &theirs.annotator.name]
        .into_iter()
        .find(|s| !s.trim().is_empty())
        .cloned()
        .unwrap_or_else(|| "other".into())
}

/// How a row stands: settled by a decision, accepted (an agreement recorded in `agreed_by`),
/// or open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    Decided(Choice),
    Accepted,
}

impl Settled {
    /// "kept mine", "accepted", …
    pub fn as_str(self) -> &'static str {
        match self {
            Settled::Decided(c) => c.as_str(),
            Settled::Accepted => "accepted",
        }
    }
}

/// The decision recorded for this row, if any: one with the same other annotator and the
/// same claim of mine, or (for a row without a claim of mine) the same claim of theirs.
pub fn decision_for<'a>(mine: &'a Project, other: &str, pair: &Pair) -> Option<&'a Decision> {
    mine.decisions.iter().rev().find(|d| {
        d.other == other
            && match (&pair.mine, &pair.theirs) {
                (Some(m), _) if d.mine.as_ref() == Some(m) => true,
                (_, Some(t)) => d.theirs.as_ref() == Some(t),
                _ => false,
            }
    })
}

/// Is this row settled, and how?
pub fn settled(mine: &Project, other: &str, pair: &Pair) -> Option<Settled> {
    if pair.kind == PairKind::Agree {
        let accepted = pair
            .mine
            .as_deref()
            .and_then(|id| mine.claim(id))
            .is_some_and(|c| c.agreed_by.iter().any(|a| a == other));
        if accepted {
            return Some(Settled::Accepted);
        }
    }
    decision_for(mine, other, pair).map(|d| Settled::Decided(d.choice))
}

/// A copy of their claim `their_claim` for my document `doc.mine`, with its label and sources
/// remapped onto mine. Returns the edits that must come first (a label or source added to my
/// project) and the claim; `None` if their claim does not exist.
pub fn copy_claim(
    mine: &Project,
    theirs: &Project,
    doc: &DocumentComparison,
    their_claim: &str,
) -> Option<(Vec<Edit>, Claim)> {
    let t = theirs.claim(their_claim)?;
    // Work on a scratch copy so that a source added for `source` is found again for `via`.
    let mut work = mine.clone();
    let mut edits = Vec::new();
    let mut c = t.clone();
    c.document = doc.mine.clone();
    c.label = map_label(&mut work, &mut edits, theirs, &t.label);
    if let Some(a) = c.attribution.as_mut() {
        if let Some(s) = a.source.clone() {
            a.source = map_source(&mut work, &mut edits, theirs, &s);
        }
        if let Some(s) = a.via.clone() {
            a.via = map_source(&mut work, &mut edits, theirs, &s);
        }
        // The outer claim: mine if I have one with that id in this document, else the claim
        // of mine paired with their outer claim, else none.
        a.within = a.within.as_deref().and_then(|w| match mine.claim(w) {
            Some(x) if x.document == doc.mine => Some(w.to_string()),
            _ => doc.pair_of_theirs(w).and_then(|p| p.mine.clone()),
        });
    }
    if mine.claim(&c.id).is_some() {
        c.id = new_id();
    }
    c.agreed_by.clear();
    c.unresolved = None;
    c.reviews.clear();
    Some((edits, c))
}

fn map_label(work: &mut Project, edits: &mut Vec<Edit>, theirs: &Project, label: &str) -> String {
    let key = label_key(theirs, label);
    if let Some(l) = work.labels.iter().find(|l| label_key(work, &l.id) == key) {
        return l.id.clone();
    }
    let mut l = match theirs.label(label) {
        Some(l) => l.clone(),
        None => ops::new_label(work, label, (200, 200, 200), None),
    };
    if work.label(&l.id).is_some() {
        l.id = work.fresh_label_id(&l.name);
    }
    // A shortcut key of theirs may already be taken here.
    if l.shortcut
        .is_some_and(|k| work.labels.iter().any(|x| x.shortcut == Some(k)))
    {
        l.shortcut = None;
    }
    let id = l.id.clone();
    push(work, edits, ops::add_label(work, l));
    id
}

fn map_source(
    work: &mut Project,
    edits: &mut Vec<Edit>,
    theirs: &Project,
    source: &str,
) -> Option<String> {
    let t = theirs.source(source)?;
    if let Some(s) = work
        .sources
        .iter()
        .find(|s| same_source(work, &s.id, theirs, source))
    {
        return Some(s.id.clone());
    }
    let mut s = t.clone();
    if work.source(&s.id).is_some() {
        s.id = work.fresh_source_id(&s.name);
    }
    let id = s.id.clone();
    push(work, edits, ops::add_source(work, s));
    Some(id)
}

fn push(work: &mut Project, edits: &mut Vec<Edit>, e: Edit) {
    // The scratch copy follows the edits so that later lookups see what was added; an edit
    // that cannot apply here will fail (and be reported) when the real project applies it.
    let _ = e.clone().apply(work);
    edits.push(e);
}

/// The edit recording `choice` on a row (replacing an earlier decision on the same row).
fn decide(mine: &Project, theirs: &Project, pair: &Pair, choice: Choice) -> Edit {
    let other = other_id(theirs);
    let mut decisions = mine.decisions.clone();
    decisions.retain(|d| {
        !(d.other == other
            && d.mine.as_ref() == pair.mine.as_ref()
            && d.theirs.as_ref() == pair.theirs.as_ref())
    });
    decisions.push(Decision {
        other,
        mine: pair.mine.clone(),
        theirs: pair.theirs.clone(),
        choice,
        by: mine.annotator.id.clone(),
        at: now(),
    });
    Edit::SetDecisions { decisions }
}

fn batch(what: &str, edits: Vec<Edit>) -> Edit {
    Edit::Batch {
        what: what.into(),
        edits,
    }
}

/// Take their version of a row: for a partly agreeing pair my claim gets their fragments,
/// label and attribution (my claim id stays); a claim only they have is copied in; a claim
/// only I have is deleted. `None` for an agreement or when a claim is missing.
pub fn take_theirs(
    mine: &Project,
    theirs: &Project,
    doc: &DocumentComparison,
    pair: &Pair,
) -> Option<Edit> {
    let mut edits = match pair.kind {
        PairKind::Agree => return None,
        PairKind::Partial => {
            let (prep, t) = copy_claim(mine, theirs, doc, pair.theirs.as_deref()?)?;
            let m = mine.claim(pair.mine.as_deref()?)?;
            let mut c = m.clone();
            c.content = t.content;
            c.label = t.label;
            c.attribution = t.attribution;
            // My claim's own id cannot be its outer claim.
            if let Some(a) = c.attribution.as_mut()
                && a.within.as_deref() == Some(c.id.as_str())
            {
                a.within = None;
            }
            c.modified = now().max(m.modified);
            let mut e = prep;
            e.push(Edit::ReplaceClaim { claim: Box::new(c) });
            e
        }
        PairKind::OnlyTheirs => {
            let (mut prep, t) = copy_claim(mine, theirs, doc, pair.theirs.as_deref()?)?;
            prep.push(ops::add_claim(mine, t));
            prep
        }
        PairKind::OnlyMine => vec![ops::delete_claim(mine, pair.mine.as_deref()?)?],
    };
    edits.push(decide(mine, theirs, pair, Choice::TookTheirs));
    Some(batch("take theirs", edits))
}

/// Keep my version of a row (theirs is not taken); the row is recorded as settled. `None` for
/// an agreement.
pub fn keep_mine(mine: &Project, theirs: &Project, pair: &Pair) -> Option<Edit> {
    if pair.kind == PairKind::Agree {
        return None;
    }
    Some(batch(
        "keep mine",
        vec![decide(mine, theirs, pair, Choice::KeptMine)],
    ))
}

/// Keep both versions: their claim is copied in beside mine (for a claim only I have,
/// nothing is copied). `None` for an agreement or when their claim is missing.
pub fn keep_both(
    mine: &Project,
    theirs: &Project,
    doc: &DocumentComparison,
    pair: &Pair,
) -> Option<Edit> {
    let mut edits = match (pair.kind, pair.theirs.as_deref()) {
        (PairKind::Agree, _) => return None,
        (PairKind::Partial | PairKind::OnlyTheirs, Some(t)) => {
            let (mut prep, c) = copy_claim(mine, theirs, doc, t)?;
            prep.push(ops::add_claim(mine, c));
            prep
        }
        (PairKind::Partial | PairKind::OnlyTheirs, None) => return None,
        (PairKind::OnlyMine, _) => Vec::new(),
    };
    edits.push(decide(mine, theirs, pair, Choice::KeptBoth));
    Some(batch("keep both", edits))
}

/// Mark a row as discussed: nothing changes but the record.
pub fn mark_discussed(mine: &Project, theirs: &Project, pair: &Pair) -> Edit {
    batch(
        "mark as discussed",
        vec![decide(mine, theirs, pair, Choice::Discussed)],
    )
}

/// Accept an agreed pair: the other annotator is recorded in my claim's `agreed_by`. `None`
/// if the row is not an agreement or is already accepted.
pub fn accept_agreed(mine: &Project, theirs: &Project, pair: &Pair) -> Option<Edit> {
    if pair.kind != PairKind::Agree {
        return None;
    }
    let other = other_id(theirs);
    let id = pair.mine.as_deref()?;
    if mine.claim(id)?.agreed_by.contains(&other) {
        return None;
    }
    let mut c = mine.claim(id)?.clone();
    c.agreed_by.push(other);
    Some(batch(
        "accept agreed claim",
        vec![Edit::ReplaceClaim { claim: Box::new(c) }],
    ))
}

/// The header of [`disagreements_csv`].
pub const CSV_HEADER: [&str; 15] = [
    "document",
    "kind",
    "differences",
    "settled",
    "start",
    "end",
    "my_claim",
    "my_text",
    "my_label",
    "my_source",
    "their_claim",
    "their_text",
    "their_label",
    "their_source",
    "overlap_chars",
];

fn claim_cells(p: &Project, id: Option<&str>) -> [String; 4] {
    let Some(c) = id.and_then(|id| p.claim(id)) else {
        return Default::default();
    };
    let label = p
        .label(&c.label)
        .map(|l| l.name.clone())
        .unwrap_or_else(|| c.label.clone());
    let source = c
        .source()
        .map(|s| p.source(s).map(|s| s.name.clone()).unwrap_or(s.to_string()))
        .unwrap_or_default();
    [c.id.clone(), c.quote(), label, source]
}

/// Every disagreement of a comparison as CSV (RFC 4180, a header row): one row per pair that
/// is not an agreement, with my and their claim's text, label and source, and how it was
/// settled (empty if open).
pub fn disagreements_csv(
    mine: &Project,
    theirs: &Project,
    cmp: &super::Comparison,
) -> Result<String, csv::Error> {
    let other = other_id(theirs);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    for d in &cmp.documents {
        for pair in d.disagreements() {
            let m = claim_cells(mine, pair.mine.as_deref());
            let t = claim_cells(theirs, pair.theirs.as_deref());
            let claims = [
                pair.mine.as_deref().and_then(|id| mine.claim(id)),
                pair.theirs.as_deref().and_then(|id| theirs.claim(id)),
            ];
            let start = claims.iter().flatten().map(|c| c.start()).min();
            let end = claims.iter().flatten().map(|c| c.end()).max();
            let differences: Vec<&str> = pair.differences.iter().map(|x| x.as_str()).collect();
            let mut row = vec![
                d.title.clone(),
                pair.kind.as_str().to_string(),
                differences.join(" "),
                settled(mine, &other, pair)
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                start.map(|s| s.to_string()).unwrap_or_default(),
                end.map(|s| s.to_string()).unwrap_or_default(),
            ];
            row.extend(m);
            row.extend(t);
            row.push(pair.overlap.to_string());
            w.write_record(&row)?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Write [`disagreements_csv`] to `path` atomically.
pub fn write_disagreements_csv(
    mine: &Project,
    theirs: &Project,
    cmp: &super::Comparison,
    path: &Path,
) -> Result<(), StoreError> {
    let text = disagreements_csv(mine, theirs, cmp).map_err(|e| StoreError::Encode {
        path: path.to_path_buf(),
        msg: e.to_string(),
    })?;
    store::write_atomic(path, text.as_bytes(), false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::model::Annotator;
    use crate::review::compare;

    /// The demo project and a copy by another annotator: one claim deleted, one relabelled,
    /// one added (over text no claim of the demo covers).
    fn pair_of_projects() -> (Project, Project) {
        let mine = crate::demo::demo_project().unwrap();
        let mut theirs = mine.clone();
        theirs.annotator = Annotator::named("Bo");
        let doc = theirs.documents[0].id.clone();
        theirs.claims.remove(0);
        let other_label = theirs
            .labels
            .iter()
            .find(|l| l.id != theirs.claims[0].label)
            .unwrap()
            .id
            .clone();
        theirs.claims[0].label = other_label;
        let covered: Vec<(usize, usize)> =
            theirs.claims.iter().map(|c| (c.start(), c.end())).collect();
        let text = &theirs.documents[0].text;
        // The first 20 chars of a paragraph that no claim touches.
        let start = crate::text::paragraphs(text)
            .into_iter()
            .find(|r| r.len() > 40 && covered.iter().all(|&(s, e)| e <= r.start || s >= r.end))
            .unwrap()
            .start;
        let c = ops::new_claim(&theirs, &doc, "claim", &[(start, start + 20)]).unwrap();
        theirs.claims.push(c);
        (mine, theirs)
    }

    fn kinds(mine: &Project, theirs: &Project) -> Vec<PairKind> {
        compare(mine, theirs).documents[0]
            .pairs
            .iter()
            .map(|p| p.kind)
            .filter(|k| *k != PairKind::Agree)
            .collect()
    }

    #[test]
    fn the_modified_copy_has_one_disagreement_of_each_kind() {
        let (mine, theirs) = pair_of_projects();
        let mut k = kinds(&mine, &theirs);
        k.sort_by_key(|k| k.as_str());
        assert_eq!(
            k,
            vec![PairKind::OnlyMine, PairKind::OnlyTheirs, PairKind::Partial]
        );
    }

    #[test]
    fn taking_theirs_on_every_row_makes_the_projects_agree_and_undo_restores_mine() {
        let (mut mine, theirs) = pair_of_projects();
        let before = mine.clone();
        let mut h = History::new();
        loop {
            let cmp = compare(&mine, &theirs);
            let d = &cmp.documents[0];
            let Some(pair) = d.disagreements().next() else {
                break;
            };
            let e = take_theirs(&mine, &theirs, d, pair).unwrap();
            h.apply(&mut mine, e).unwrap();
        }
        assert!(kinds(&mine, &theirs).is_empty());
        assert_eq!(mine.decisions.len(), 3);
        assert!(
            mine.decisions
                .iter()
                .all(|d| d.choice == Choice::TookTheirs && d.other == "bo")
        );
        while h.undo(&mut mine).unwrap() {}
        assert_eq!(mine, before);
    }

    #[test]
    fn keep_mine_changes_no_claim_and_survives_a_save_and_load() {
        let (mine, theirs) = pair_of_projects();
        let cmp = compare(&mine, &theirs);
        let d = &cmp.documents[0];
        let pair = d.disagreements().next().unwrap().clone();
        let mut p = mine.clone();
        keep_mine(&mine, &theirs, &pair)
            .unwrap()
            .apply(&mut p)
            .unwrap();
        assert_eq!(p.claims, mine.claims);
        let text = store::to_ron(&p).unwrap();
        let (back, _) = store::from_ron(&text, Path::new("x.ron")).unwrap();
        assert_eq!(
            settled(&back, "bo", &pair),
            Some(Settled::Decided(Choice::KeptMine))
        );
        // Another row is still open.
        let other_row = d.disagreements().nth(1).unwrap();
        assert_eq!(settled(&back, "bo", other_row), None);
    }

    #[test]
    fn copying_a_claim_adds_a_missing_source_once_and_maps_a_known_one_by_alias() {
        let (mine, mut theirs) = pair_of_projects();
        let cmp = compare(&mine, &theirs);
        let d = &cmp.documents[0];
        let only = d
            .pairs
            .iter()
            .find(|p| p.kind == PairKind::OnlyTheirs)
            .unwrap();
        let id = only.theirs.clone().unwrap();
        // Their registry: a new source "Hanoi Police" as source and via; and Amnesty known
        // to me by another spelling.
        let mut s = ops::new_source(
            &theirs,
            "Hanoi Police",
            crate::model::SourceKind::Government,
        );
        s.id = "police".into();
        theirs.sources.push(s);
        let c = theirs.claims.iter_mut().find(|c| c.id == id).unwrap();
        let a = ops::attribution_mut(c);
        a.source = Some("police".into());
        a.via = Some("police".into());
        let (prep, copy) = copy_claim(&mine, &theirs, d, &id).unwrap();
        assert_eq!(prep.len(), 1, "the police are added once: {prep:?}");
        let mut p = mine.clone();
        for e in prep {
            e.apply(&mut p).unwrap();
        }
        let added = copy.source().unwrap();
        assert_eq!(p.source(added).unwrap().name, "Hanoi Police");
        assert_eq!(
            copy.attribution.as_ref().unwrap().via.as_deref(),
            Some(added)
        );
        assert_eq!(copy.id, id, "their id is kept when it is free");
        ops::add_claim(&p, copy).apply(&mut p).unwrap();
    }

    #[test]
    fn accept_agreed_records_the_other_annotator_once() {
        let (mine, theirs) = pair_of_projects();
        let cmp = compare(&mine, &theirs);
        let pair = cmp.documents[0]
            .pairs
            .iter()
            .find(|p| p.kind == PairKind::Agree)
            .unwrap();
        let mut p = mine.clone();
        accept_agreed(&mine, &theirs, pair)
            .unwrap()
            .apply(&mut p)
            .unwrap();
        let c = p.claim(pair.mine.as_deref().unwrap()).unwrap();
        assert_eq!(c.agreed_by, vec!["bo".to_string()]);
        assert_eq!(settled(&p, "bo", pair), Some(Settled::Accepted));
        assert!(accept_agreed(&p, &theirs, pair).is_none());
    }

    #[test]
    fn the_csv_has_one_row_per_disagreement_with_both_sides() {
        let (mine, theirs) = pair_of_projects();
        let cmp = compare(&mine, &theirs);
        let csv = disagreements_csv(&mine, &theirs, &cmp).unwrap();
        let mut r = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), 3);
        let partial = rows.iter().find(|r| &r[1] == "partial").unwrap();
        assert_eq!(&partial[2], "label");
        assert!(!partial[7].is_empty() && partial[7] == partial[11]);
        assert_ne!(partial[8], partial[12]);
        let only_theirs = rows.iter().find(|r| &r[1] == "only theirs").unwrap();
        assert!(only_theirs[6].is_empty() && !only_theirs[10].is_empty());
    }
}
