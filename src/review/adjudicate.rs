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
//! Taking or keeping their claim copies it into my project through [`choice_edit`] (label and
//! sources mapped onto mine by name and alias, added when missing; their claim id kept when it
//! is free, so the next comparison pairs the copy with theirs by id).

use super::compare::{Pair, PairKind};
use super::merge::{self, choice_edit};
use crate::edit::Edit;
use crate::model::{Decision, Project, Resolution as Choice, now};
use crate::store::{self, StoreError};
use std::collections::{HashMap, HashSet};
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

/// How rows stand, indexed once from my project (my claims' `agreed_by` and my decisions about
/// one other annotator), so that looking up every row of a comparison costs one hash lookup a
/// row instead of a search through all claims and decisions.
pub struct SettledIndex<'a> {
    /// My claims that record the other annotator's agreement.
    accepted: HashSet<&'a str>,
    /// The newest decision (its position, its choice) by my claim and by their claim.
    by_mine: HashMap<&'a str, (usize, Choice)>,
    by_theirs: HashMap<&'a str, (usize, Choice)>,
}

impl<'a> SettledIndex<'a> {
    pub fn new(mine: &'a Project, other: &str) -> Self {
        let accepted = mine
            .claims
            .iter()
            .filter(|c| c.agreed_by.iter().any(|a| a == other))
            .map(|c| c.id.as_str())
            .collect();
        let mut by_mine = HashMap::new();
        let mut by_theirs = HashMap::new();
        for (i, d) in mine.decisions.iter().enumerate() {
            if d.other != other {
                continue;
            }
            if let Some(id) = &d.mine {
                by_mine.insert(id.as_str(), (i, d.choice));
            }
            if let Some(id) = &d.theirs {
                by_theirs.insert(id.as_str(), (i, d.choice));
            }
        }
        SettledIndex {
            accepted,
            by_mine,
            by_theirs,
        }
    }

    /// Is this row settled, and how? A row is decided by the newest decision naming its claim
    /// of mine, or its claim of theirs; an agreement is accepted when my claim records them.
    pub fn of(&self, pair: &Pair) -> Option<Settled> {
        let mine = pair.mine.as_deref();
        if pair.kind == PairKind::Agree && mine.is_some_and(|id| self.accepted.contains(id)) {
            return Some(Settled::Accepted);
        }
        let a = mine.and_then(|id| self.by_mine.get(id));
        let b = pair.theirs.as_deref().and_then(|id| self.by_theirs.get(id));
        a.into_iter()
            .chain(b)
            .max_by_key(|(i, _)| *i)
            .map(|&(_, choice)| Settled::Decided(choice))
    }
}

/// Is this row settled, and how? (One row; for many, build a [`SettledIndex`] once.)
pub fn settled(mine: &Project, other: &str, pair: &Pair) -> Option<Settled> {
    SettledIndex::new(mine, other).of(pair)
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

/// The edits of [`choice_edit`] for this row, unpacked from their batch.
fn claim_edits(mine: &Project, theirs: &Project, pair: &Pair, c: merge::Choice) -> Vec<Edit> {
    match choice_edit(mine, theirs, pair, c) {
        Some(Edit::Batch { edits, .. }) => edits,
        Some(e) => vec![e],
        None => Vec::new(),
    }
}

/// Take their version of a row: my claim (if any) is replaced by a copy of theirs (if any); a
/// claim only I made is deleted. `None` for an agreement or when the row's claims are missing.
pub fn take_theirs(mine: &Project, theirs: &Project, pair: &Pair) -> Option<Edit> {
    if pair.kind == PairKind::Agree {
        return None;
    }
    let mut edits = claim_edits(mine, theirs, pair, merge::Choice::TakeTheirs);
    if edits.is_empty() {
        return None;
    }
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

/// Keep both versions: their claim (if any) is copied in beside mine. `None` for an
/// agreement, or when their claim cannot be copied.
pub fn keep_both(mine: &Project, theirs: &Project, pair: &Pair) -> Option<Edit> {
    if pair.kind == PairKind::Agree {
        return None;
    }
    let mut edits = claim_edits(mine, theirs, pair, merge::Choice::KeepBoth);
    if edits.is_empty() && pair.theirs.is_some() {
        return None;
    }
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

/// The header of [`disagreements_csv`]: the columns of `claimtrace agree --disagreements`
/// ("a" is my project, "b" theirs), and how the row was settled in the window.
pub const CSV_HEADER: [&str; 17] = [
    "annotator_a",
    "annotator_b",
    "document_id",
    "document_title",
    "kind",
    "differences",
    "a_claim_id",
    "a_text",
    "a_fragments",
    "a_label",
    "a_source",
    "b_claim_id",
    "b_text",
    "b_fragments",
    "b_label",
    "b_source",
    "settled",
];

fn claim_cells(p: &Project, id: Option<&str>) -> [String; 5] {
    let Some(c) = id.and_then(|id| p.claim(id)) else {
        return Default::default();
    };
    let fragments = crate::formats::ranges(&c.content);
    let label = p
        .label(&c.label)
        .map(|l| l.name.clone())
        .unwrap_or_else(|| c.label.clone());
    // Several sources (a joint claim): names joined by "; ", as in the CSV export.
    let source = p.source_names(c.sources()).join("; ");
    [c.id.clone(), c.quote(), fragments, label, source]
}

/// One record per pair of `cmp` that is not an agreement, with the first 16 columns of
/// [`CSV_HEADER`] (everything but `settled`); `name_a`/`name_b` name the two annotators. Shared
/// by the window's "Export disagreements…" and `claimtrace agree --disagreements`.
pub fn disagreement_records(
    mine: &Project,
    name_a: &str,
    theirs: &Project,
    name_b: &str,
    cmp: &super::Comparison,
) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for d in &cmp.documents {
        for pair in d.disagreements() {
            let kind = match pair.kind {
                PairKind::Agree => "agree",
                PairKind::Partial => "partial",
                PairKind::OnlyMine => "only_a",
                PairKind::OnlyTheirs => "only_b",
            };
            let differences: Vec<&str> = pair.differences.iter().map(|x| x.as_str()).collect();
            let mut row = vec![
                name_a.to_string(),
                name_b.to_string(),
                d.mine.clone(),
                d.title.clone(),
                kind.to_string(),
                differences.join(";"),
            ];
            row.extend(claim_cells(mine, pair.mine.as_deref()));
            row.extend(claim_cells(theirs, pair.theirs.as_deref()));
            out.push(row);
        }
    }
    out
}

/// Every disagreement of a comparison as CSV (a header row, then one row per pair that is not
/// an agreement) with the columns of `claimtrace agree --disagreements` and a last column
/// saying how the row was settled (empty while open).
pub fn disagreements_csv(
    mine: &Project,
    theirs: &Project,
    cmp: &super::Comparison,
) -> Result<String, csv::Error> {
    let other = other_id(theirs);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    let records = disagreement_records(
        mine,
        &mine.annotator.name,
        theirs,
        &theirs.annotator.name,
        cmp,
    );
    let index = SettledIndex::new(mine, &other);
    let pairs = cmp.documents.iter().flat_map(|d| d.disagreements());
    for (mut row, pair) in records.into_iter().zip(pairs) {
        row.push(
            index
                .of(pair)
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
        );
        w.write_record(&row)?;
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
    use crate::edit::{History, ops};
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
            let e = take_theirs(&mine, &theirs, pair).unwrap();
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
    fn taking_a_claim_only_they_made_adds_its_new_source_once() {
        let (mine, mut theirs) = pair_of_projects();
        let cmp = compare(&mine, &theirs);
        let only = cmp.documents[0]
            .pairs
            .iter()
            .find(|p| p.kind == PairKind::OnlyTheirs)
            .unwrap()
            .clone();
        let id = only.theirs.clone().unwrap();
        // Their registry: a new source "Hanoi Police", as source and as via.
        let mut s = ops::new_source(
            &theirs,
            "Hanoi Police",
            crate::model::SourceKind::Government,
        );
        s.id = "police".into();
        theirs.sources.push(s);
        let c = theirs.claims.iter_mut().find(|c| c.id == id).unwrap();
        let a = ops::attribution_mut(c);
        a.sources = vec!["police".into()];
        a.via = Some("police".into());
        let mut p = mine.clone();
        take_theirs(&mine, &theirs, &only)
            .unwrap()
            .apply(&mut p)
            .unwrap();
        assert_eq!(
            p.sources.len(),
            mine.sources.len() + 1,
            "the police are added once"
        );
        let copy = p.claim(&id).expect("their id is kept when it is free");
        let added = copy.sources()[0].as_str();
        assert_eq!(p.source(added).unwrap().name, "Hanoi Police");
        assert_eq!(
            copy.attribution.as_ref().unwrap().via.as_deref(),
            Some(added)
        );
        assert_eq!(
            settled(&p, "bo", &only),
            Some(Settled::Decided(Choice::TookTheirs))
        );
    }

    #[test]
    fn keep_both_adds_their_claim_beside_mine() {
        let (mine, theirs) = pair_of_projects();
        let cmp = compare(&mine, &theirs);
        let partial = cmp.documents[0]
            .pairs
            .iter()
            .find(|p| p.kind == PairKind::Partial)
            .unwrap();
        let mut p = mine.clone();
        keep_both(&mine, &theirs, partial)
            .unwrap()
            .apply(&mut p)
            .unwrap();
        assert_eq!(p.claims.len(), mine.claims.len() + 1);
        let my_id = partial.mine.as_deref().unwrap();
        assert_eq!(p.claim(my_id), mine.claim(my_id), "mine is untouched");
        assert_eq!(
            settled(&p, "bo", partial),
            Some(Settled::Decided(Choice::KeptBoth))
        );
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
        assert!(rows.iter().all(|r| &r[0] == "Demo" && &r[1] == "Bo"));
        let partial = rows.iter().find(|r| &r[4] == "partial").unwrap();
        assert_eq!(&partial[5], "label");
        assert!(
            !partial[7].is_empty() && partial[7] == partial[12],
            "same text"
        );
        assert_eq!(partial[8], partial[13], "same fragments");
        assert_eq!((&partial[9], &partial[14]), ("Claim", "Statement"));
        let only_theirs = rows.iter().find(|r| &r[4] == "only_b").unwrap();
        assert!(only_theirs[6].is_empty() && !only_theirs[11].is_empty());
        assert!(rows.iter().all(|r| r[16].is_empty()), "nothing settled yet");
    }
}
