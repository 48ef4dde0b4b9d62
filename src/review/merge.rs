//! Merging a colleague's project into mine: a curated project.
//!
//! - Documents are matched by text hash; documents only they have are added (with their claims).
//! - Source registries are reconciled by name and alias: each of their sources is mapped onto
//!   one of mine when a name or alias of one equals a name or alias of the other ([`same_source`]
//!   rules); its other names become aliases of mine. Sources that match none are added. Labels
//!   are mapped by name the same way. Every source, via, label and nesting id of their claims is
//!   rewritten to the merged project's ids.
//! - Claims are paired as in [`compare`] (same id first, then by largest overlap). Agreeing
//!   claims become one claim — mine — with their annotator recorded in [`Claim::agreed_by`].
//!   Every other row is settled by the reviewer's [`Choice`]; without one, both claims are kept
//!   and marked [`Claim::unresolved`] with a shared group id.
//!
//! Merging a project with itself returns it unchanged.

use super::compare::{Pair, PairKind, compare, label_key};
use crate::edit::{Edit, ops};
use crate::model::{Claim, Label, Project, Review, Source, Verdict, fresh, name_key, new_id, now};
use std::collections::{HashMap, HashSet};

/// How the reviewer settles one disagreement (a row of the comparison that is not an
/// agreement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Choice {
    /// Not settled: keep both claims (or the lone one) and mark them unresolved with one group
    /// id, so the disagreement stays visible in the merged project. The command line's choice.
    #[default]
    Unresolved,
    /// Keep my claim (if any), drop theirs.
    KeepMine,
    /// Take their claim (if any) instead of mine.
    TakeTheirs,
    /// Keep both claims, settled (not marked unresolved).
    KeepBoth,
    /// Talked over; my claim (if any) stands as it is and gets a comment note saying it was
    /// discussed; theirs is dropped.
    Discussed,
}

impl Choice {
    /// A short lower-case name ("unresolved", "keep mine", "take theirs", "keep both",
    /// "discussed").
    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Unresolved => "unresolved",
            Choice::KeepMine => "keep mine",
            Choice::TakeTheirs => "take theirs",
            Choice::KeepBoth => "keep both",
            Choice::Discussed => "discussed",
        }
    }
}

/// The reviewer's choices, per row of a comparison (a row is known by its two claim ids).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    chosen: HashMap<(Option<String>, Option<String>), Choice>,
}

impl Choices {
    /// No choices: every disagreement stays [`Choice::Unresolved`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Settle the row `pair` with `choice`.
    pub fn set(&mut self, pair: &Pair, choice: Choice) {
        self.chosen
            .insert((pair.mine.clone(), pair.theirs.clone()), choice);
    }

    /// Forget the choice for `pair`.
    pub fn clear(&mut self, pair: &Pair) {
        self.chosen
            .remove(&(pair.mine.clone(), pair.theirs.clone()));
    }

    /// The choice for `pair` ([`Choice::Unresolved`] if none was made).
    pub fn get(&self, pair: &Pair) -> Choice {
        self.chosen
            .get(&(pair.mine.clone(), pair.theirs.clone()))
            .copied()
            .unwrap_or_default()
    }

    /// How many rows have a choice.
    pub fn len(&self) -> usize {
        self.chosen.len()
    }

    /// True when no row has a choice.
    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }
}

/// What a merge did, for a summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Documents both projects have.
    pub documents_matched: usize,
    /// Their documents added (with their claims).
    pub documents_added: usize,
    /// Agreeing claim pairs merged into one claim.
    pub agreed: usize,
    /// Disagreements kept side by side and marked unresolved (one per row).
    pub unresolved: usize,
    /// Disagreements settled by a choice.
    pub settled: usize,
    /// Their claims added to the merged project (from added documents, kept or taken).
    pub claims_added: usize,
    /// My claims removed (taken over by theirs, or only mine and not kept).
    pub claims_removed: usize,
    /// Their sources mapped onto one of mine.
    pub sources_mapped: usize,
    /// Their sources added to the registry.
    pub sources_added: usize,
    /// Their labels added.
    pub labels_added: usize,
}

/// Merge their project into mine, settling disagreements by `choices`; see the module docs.
pub fn merge(mine: &Project, theirs: &Project, choices: &Choices) -> Project {
    merge_with_report(mine, theirs, choices).0
}

/// [`merge`], and what it did.
pub fn merge_with_report(
    mine: &Project,
    theirs: &Project,
    choices: &Choices,
) -> (Project, MergeReport) {
    let mut out = mine.clone();
    let mut report = MergeReport::default();

    // Sources: theirs → an id in `out`.
    let mut source_map: HashMap<String, String> = HashMap::new();
    for s in &theirs.sources {
        let keys: HashSet<String> = s.names().map(name_key).filter(|k| !k.is_empty()).collect();
        let target = out
            .sources
            .iter()
            .position(|m| m.names().any(|n| keys.contains(&name_key(n))));
        match target {
            Some(i) => {
                report.sources_mapped += 1;
                let m = &mut out.sources[i];
                for n in s.names() {
                    if !name_key(n).is_empty() && !m.is_named(n) {
                        m.aliases.push(n.to_string());
                    }
                }
                source_map.insert(s.id.clone(), m.id.clone());
            }
            None => {
                report.sources_added += 1;
                let id = fresh(s.id.clone(), |id| out.source(id).is_some());
                source_map.insert(s.id.clone(), id.clone());
                out.sources.push(Source { id, ..s.clone() });
            }
        }
    }

    // Labels: by name.
    let mut label_map: HashMap<String, String> = HashMap::new();
    for l in &theirs.labels {
        let key = label_key(theirs, &l.id);
        let key_of = |m: &Label| match name_key(&m.name) {
            k if k.is_empty() => name_key(&m.id),
            k => k,
        };
        match out.labels.iter().find(|m| key_of(m) == key) {
            Some(m) => {
                label_map.insert(l.id.clone(), m.id.clone());
            }
            None => {
                report.labels_added += 1;
                let id = fresh(l.id.clone(), |id| out.label(id).is_some());
                label_map.insert(l.id.clone(), id.clone());
                let mut l = l.clone();
                l.id = id;
                if l.shortcut
                    .is_some_and(|k| out.labels.iter().any(|m| m.shortcut == Some(k)))
                {
                    l.shortcut = None;
                }
                out.labels.push(l);
            }
        }
    }

    // Documents: theirs → an id in `out`.
    let comparison = compare(mine, theirs);
    let mut doc_map: HashMap<String, String> = comparison
        .documents
        .iter()
        .map(|d| (d.theirs.clone(), d.mine.clone()))
        .collect();
    report.documents_matched = comparison.documents.len();
    for id in &comparison.only_theirs {
        if let Some(d) = theirs.document(id) {
            let mut d = d.clone();
            d.id = fresh(d.id.clone(), |x| out.document(x).is_some());
            doc_map.insert(id.clone(), d.id.clone());
            out.documents.push(d);
            report.documents_added += 1;
        }
    }

    // Claims: decide which of mine stay and which of theirs come in.
    let mut remove: HashSet<String> = HashSet::new();
    let mut add: Vec<(String, Option<String>)> = Vec::new(); // (their id, unresolved group)
    let mut claim_map: HashMap<String, String> = HashMap::new(); // their id → id in out
    let mut replaced: HashMap<String, String> = HashMap::new(); // my removed id → their id
    let mut updates: HashMap<String, Update> = HashMap::new();
    let who = if theirs.annotator.name.is_empty() {
        theirs.annotator.id.clone()
    } else {
        theirs.annotator.name.clone()
    };
    for d in &comparison.documents {
        for p in &d.pairs {
            if p.kind == PairKind::Agree {
                let (Some(m), Some(t)) = (&p.mine, &p.theirs) else {
                    continue;
                };
                report.agreed += 1;
                claim_map.insert(t.clone(), m.clone());
                if let Some(tc) = theirs.claim(t).cloned() {
                    updates.insert(m.clone(), Box::new(move |c| absorb(c, &tc)));
                }
                continue;
            }
            let choice = choices.get(p);
            if choice == Choice::Unresolved {
                report.unresolved += 1;
            } else {
                report.settled += 1;
            }
            let keep_mine = matches!(
                choice,
                Choice::Unresolved | Choice::KeepMine | Choice::KeepBoth | Choice::Discussed
            );
            let take_theirs = matches!(
                choice,
                Choice::Unresolved | Choice::TakeTheirs | Choice::KeepBoth
            );
            let group = (choice == Choice::Unresolved).then(|| {
                p.mine
                    .clone()
                    .or_else(|| p.theirs.clone())
                    .unwrap_or_else(new_id)
            });
            if let Some(m) = &p.mine {
                if keep_mine {
                    if let Some(g) = group.clone() {
                        updates
                            .insert(m.clone(), Box::new(move |c| c.unresolved = Some(g.clone())));
                    } else if choice == Choice::Discussed {
                        let note = Review {
                            reviewer: mine.annotator.id.clone(),
                            verdict: Verdict::Comment,
                            comment: format!("discussed with {who}"),
                            created: now(),
                        };
                        updates.insert(
                            m.clone(),
                            Box::new(move |c| {
                                c.reviews.retain(|r| r.reviewer != note.reviewer);
                                c.reviews.push(note.clone());
                            }),
                        );
                    }
                } else {
                    remove.insert(m.clone());
                    if let Some(t) = &p.theirs {
                        replaced.insert(m.clone(), t.clone());
                    }
                }
            }
            if let Some(t) = &p.theirs {
                if take_theirs {
                    add.push((t.clone(), group.clone()));
                } else if let Some(m) = &p.mine {
                    claim_map.insert(t.clone(), m.clone());
                }
            }
        }
    }
    // Their claims in documents only they have come in as they are.
    let added_docs: HashSet<&str> = comparison.only_theirs.iter().map(String::as_str).collect();
    for c in &theirs.claims {
        if added_docs.contains(c.document.as_str()) {
            add.push((c.id.clone(), None));
        }
    }

    // Ids for the claims that come in (a clash with a claim that stays gets a fresh id).
    let staying: HashSet<String> = out
        .claims
        .iter()
        .map(|c| c.id.clone())
        .filter(|id| !remove.contains(id))
        .collect();
    let mut taken = staying.clone();
    for (t, _) in &add {
        let id = if taken.contains(t) {
            new_id()
        } else {
            t.clone()
        };
        taken.insert(id.clone());
        claim_map.insert(t.clone(), id);
    }
    // My removed claims are replaced by their claim where there is one.
    let mine_map: HashMap<String, Option<String>> = remove
        .iter()
        .map(|m| {
            let to = replaced.get(m).and_then(|t| claim_map.get(t)).cloned();
            (m.clone(), to)
        })
        .collect();

    report.claims_removed = remove.len();
    out.claims.retain(|c| !remove.contains(&c.id));
    for c in &mut out.claims {
        if let Some(f) = updates.get(&c.id) {
            f(c);
        }
        if let Some(a) = c.attribution.as_mut()
            && let Some(w) = a.within.clone()
            && let Some(to) = mine_map.get(&w)
        {
            a.within = to.clone();
        }
    }
    for (t, group) in add {
        let Some(tc) = theirs.claim(&t) else { continue };
        let mut c = tc.clone();
        c.id = claim_map.get(&t).cloned().unwrap_or_else(new_id);
        c.document = doc_map
            .get(&c.document)
            .cloned()
            .unwrap_or(c.document.clone());
        c.label = label_map.get(&c.label).cloned().unwrap_or(c.label.clone());
        if let Some(a) = c.attribution.as_mut() {
            map_sources(a, &source_map);
            a.within = a.within.as_ref().and_then(|w| claim_map.get(w).cloned());
        }
        if group.is_some() {
            c.unresolved = group;
        }
        out.claims.push(c);
        report.claims_added += 1;
    }
    (out, report)
}

/// Rename an attribution's source and via ids by `map` (ids not in it stay); two ids that
/// become one are kept once (a joint claim of two sources that are one). Shared with the
/// three-way merge ([`super::merge3`]).
pub(crate) fn map_sources(a: &mut crate::model::Attribution, map: &HashMap<String, String>) {
    let mut mapped: Vec<String> = Vec::new();
    for s in &a.sources {
        let s = map.get(s).unwrap_or(s);
        if !mapped.contains(s) {
            mapped.push(s.clone());
        }
    }
    a.sources = mapped;
    if let Some(v) = a.via.as_mut()
        && let Some(to) = map.get(v)
    {
        *v = to.clone();
    }
}

/// A change to one of my claims, applied once the claims are settled.
type Update = Box<dyn Fn(&mut Claim)>;

/// My claim agreed with `theirs`: record its author (and whoever agreed with it) and take
/// over review notes from reviewers mine has none from.
fn absorb(c: &mut Claim, theirs: &Claim) {
    for who in std::iter::once(&theirs.author).chain(theirs.agreed_by.iter()) {
        if who != &c.author && !who.is_empty() && !c.agreed_by.contains(who) {
            c.agreed_by.push(who.clone());
        }
    }
    for r in &theirs.reviews {
        if c.review_by(&r.reviewer).is_none() {
            c.reviews.push(r.clone());
        }
    }
}

/// The edit that applies the reviewer's `choice` for one row of `compare(mine, theirs)` to my
/// project directly (the window's adjudication actions), as one undoable step:
///
/// - [`Choice::TakeTheirs`]: my claim (if any) is deleted and theirs (if any) is copied in;
/// - [`Choice::KeepBoth`]: their claim (if any) is copied in next to mine;
/// - [`Choice::Discussed`]: my claim (if any) gets a comment note "discussed with …" from my
///   annotator;
/// - [`Choice::KeepMine`] and [`Choice::Unresolved`]: nothing to change (`None`).
///
/// A copied claim keeps its fragments, label, attribution, status and notes; its document,
/// label and source ids are mapped onto mine (sources by name and alias, labels by name; a
/// source or label I lack is added in the same step); a clashing claim id gets a fresh one; its
/// nesting is kept only if the outer claim is one of mine with that id. `None` also when the
/// row's claims are not in the projects.
pub fn choice_edit(mine: &Project, theirs: &Project, pair: &Pair, choice: Choice) -> Option<Edit> {
    let my_claim = pair.mine.as_deref().and_then(|id| mine.claim(id));
    let their_claim = pair.theirs.as_deref().and_then(|id| theirs.claim(id));
    let who = if theirs.annotator.name.is_empty() {
        theirs.annotator.id.clone()
    } else {
        theirs.annotator.name.clone()
    };
    let mut edits = Vec::new();
    let what = match choice {
        Choice::Unresolved | Choice::KeepMine => return None,
        Choice::Discussed => {
            let c = my_claim?;
            let note = Review {
                reviewer: mine.annotator.id.clone(),
                verdict: Verdict::Comment,
                comment: format!("discussed with {who}"),
                created: now(),
            };
            return ops::set_review(mine, &c.id, note);
        }
        Choice::TakeTheirs => {
            if let Some(c) = my_claim {
                edits.push(ops::delete_claim(mine, &c.id)?);
            }
            "take their claim"
        }
        Choice::KeepBoth => "keep both claims",
    };
    if let Some(t) = their_claim {
        // Only taking theirs removes my claim (whose id theirs may then reuse).
        let removed = my_claim
            .filter(|_| choice == Choice::TakeTheirs)
            .map(|c| c.id.as_str());
        edits.extend(copy_claim_edits(mine, theirs, t, removed)?);
    }
    if edits.is_empty() {
        return None;
    }
    Some(Edit::Batch {
        what: what.into(),
        edits,
    })
}

/// Edits that copy their claim `t` into my project (see [`choice_edit`]); `removed` is a claim
/// of mine deleted in the same step (its id may be reused).
fn copy_claim_edits(
    mine: &Project,
    theirs: &Project,
    t: &Claim,
    removed: Option<&str>,
) -> Option<Vec<Edit>> {
    let doc = theirs.document(&t.document)?;
    let my_doc = mine.document_with_hash(&doc.sha256)?;
    let mut edits = Vec::new();
    let mut c = t.clone();
    c.document = my_doc.id.clone();
    let mut added_sources: Vec<Source> = Vec::new();
    let mut map_source = |id: &str| -> Option<String> {
        // A source id missing from their registry cannot be carried over.
        let s = theirs.source(id)?;
        let keys: HashSet<String> = s.names().map(name_key).filter(|k| !k.is_empty()).collect();
        let known = mine.sources.iter().chain(added_sources.iter());
        if let Some(m) = known
            .clone()
            .find(|m| m.names().any(|n| keys.contains(&name_key(n))))
        {
            return Some(m.id.clone());
        }
        let new_id = fresh(s.id.clone(), |x| {
            mine.source(x).is_some() || added_sources.iter().any(|a| a.id == x)
        });
        added_sources.push(Source {
            id: new_id.clone(),
            ..s.clone()
        });
        Some(new_id)
    };
    if let Some(a) = c.attribution.as_mut() {
        let mut mapped: Vec<String> = Vec::new();
        for s in std::mem::take(&mut a.sources) {
            if let Some(s) = map_source(&s)
                && !mapped.contains(&s)
            {
                mapped.push(s);
            }
        }
        a.sources = mapped;
        a.via = a.via.as_deref().and_then(&mut map_source);
        a.within = a
            .within
            .take()
            .filter(|w| mine.claim(w).is_some() && Some(w.as_str()) != removed);
    }
    for (k, s) in added_sources.into_iter().enumerate() {
        edits.push(Edit::InsertSource {
            index: mine.sources.len() + k,
            source: s,
        });
    }
    let key = label_key(theirs, &t.label);
    match mine.labels.iter().find(|l| label_key(mine, &l.id) == key) {
        Some(l) => c.label = l.id.clone(),
        None => {
            if let Some(l) = theirs.label(&t.label) {
                let mut l = l.clone();
                l.id = fresh(l.id.clone(), |x| mine.label(x).is_some());
                if l.shortcut
                    .is_some_and(|k| mine.labels.iter().any(|m| m.shortcut == Some(k)))
                {
                    l.shortcut = None;
                }
                c.label = l.id.clone();
                edits.push(Edit::InsertLabel {
                    index: mine.labels.len(),
                    label: l,
                });
            }
        }
    }
    if mine.claim(&c.id).is_some() && Some(c.id.as_str()) != removed {
        c.id = new_id();
    }
    c.unresolved = None;
    let index = mine.claims.len() - usize::from(removed.is_some());
    edits.push(Edit::InsertClaim {
        index,
        claim: Box::new(c),
    });
    Some(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testutil::*;

    fn ids(p: &Project) -> Vec<&str> {
        p.claims.iter().map(|c| c.id.as_str()).collect()
    }

    /// Ana and Bo on one shared text; Bo also has a document Ana lacks.
    fn pair() -> (Project, Project) {
        let t = text(200);
        let mut a = project("ana", std::slice::from_ref(&t));
        let mut b = project("bo", &[t, "only bo has this text".to_string()]);
        b.documents[0].id = "bo-d0".into();
        b.documents[1].id = "bo-d1".into();
        let am = source(&mut a, "Amnesty International", &["Amnesty"]);
        let bm = source(&mut b, "AMNESTY", &["AI"]);
        let br = source(&mut b, "Reuters", &[]);
        claim(&mut a, "a1", "d0", "claim", &[(0, 10)], Some(&am));
        claim(&mut b, "b1", "bo-d0", "claim", &[(0, 10)], Some(&bm));
        claim(&mut a, "a2", "d0", "claim", &[(20, 30)], None);
        claim(&mut b, "b2", "bo-d0", "opinion", &[(22, 30)], Some(&br));
        // b2 is joint: Reuters and Amnesty.
        joint(&mut b, "b2", &[&br, &bm]);
        claim(&mut a, "a3", "d0", "claim", &[(50, 60)], None);
        claim(&mut b, "b3", "bo-d0", "claim", &[(100, 110)], None);
        claim(&mut b, "b4", "bo-d1", "claim", &[(0, 4)], Some(&br));
        // Bo nests b3 in b2.
        if let Some(c) = b.claims.iter_mut().find(|c| c.id == "b3") {
            c.attribution.get_or_insert_with(Default::default).within = Some("b2".into());
        }
        (a, b)
    }

    #[test]
    fn merging_a_project_with_itself_changes_nothing() {
        let (a, b) = pair();
        for p in [
            a,
            b,
            crate::demo::demo_project().unwrap_or_else(|e| panic!("{e}")),
        ] {
            let (m, r) = merge_with_report(&p, &p, &Choices::new());
            assert_eq!(m, p);
            assert_eq!(m.claims, p.claims);
            assert_eq!(m.sources, p.sources);
            assert_eq!(r.agreed, p.claims.len());
            assert_eq!((r.unresolved, r.claims_added, r.sources_added), (0, 0, 0));
        }
    }

    #[test]
    fn command_line_merge_keeps_both_and_marks_them_unresolved() {
        let (a, b) = pair();
        let (m, r) = merge_with_report(&a, &b, &Choices::new());
        // a1/b1 agree (Amnesty International ~ AMNESTY): one claim, Bo recorded.
        let a1 = m.claim("a1").unwrap_or_else(|| panic!("a1 kept"));
        assert_eq!(a1.agreed_by, vec!["bo".to_string()]);
        assert_eq!(a1.unresolved, None);
        assert!(m.claim("b1").is_none());
        // a2/b2 partial, a3 only mine, b3 only theirs: all kept, grouped.
        let group = |id: &str| m.claim(id).and_then(|c| c.unresolved.clone());
        assert_eq!(group("a2"), Some("a2".to_string()));
        assert_eq!(group("b2"), Some("a2".to_string()));
        assert_eq!(group("a3"), Some("a3".to_string()));
        assert_eq!(group("b3"), Some("b3".to_string()));
        // b4's document was added with its claim; its source Reuters was added to the registry.
        assert_eq!(ids(&m), vec!["a1", "a2", "a3", "b2", "b3", "b4"]);
        assert!(m.document("bo-d1").is_some());
        assert_eq!(m.claim("b4").map(|c| c.document.as_str()), Some("bo-d1"));
        assert_eq!(m.claim("b2").map(|c| c.document.as_str()), Some("d0"));
        // Sources: AMNESTY mapped onto Amnesty International (gaining alias AI), Reuters added.
        assert_eq!(m.sources.len(), 2);
        assert!(m.sources[0].is_named("AI"));
        let reuters = m.find_source("Reuters").map(|s| s.id.clone());
        // Every source of a joint claim is mapped: Bo's AMNESTY is my Amnesty International.
        let am = m.find_source("Amnesty International").map(|s| s.id.clone());
        assert_eq!(
            m.claim("b2").map(|c| c.sources().to_vec()),
            Some(vec![reuters.clone().unwrap(), am.unwrap()])
        );
        // Labels: "opinion" is in both by name; nothing added.
        assert_eq!(m.labels, a.labels);
        // Nesting follows the claims.
        let within = m
            .claim("b3")
            .and_then(|c| c.attribution.as_ref()?.within.clone());
        assert_eq!(within.as_deref(), Some("b2"));
        assert_eq!(
            (
                r.documents_matched,
                r.documents_added,
                r.agreed,
                r.unresolved
            ),
            (1, 1, 1, 3)
        );
        assert_eq!((r.sources_mapped, r.sources_added), (1, 1));
    }

    #[test]
    fn choices_settle_disagreements() {
        let (a, b) = pair();
        let c = compare(&a, &b);
        let row = |m: Option<&str>, t: Option<&str>| -> Pair {
            c.documents[0]
                .pairs
                .iter()
                .find(|p| p.mine.as_deref() == m && p.theirs.as_deref() == t)
                .cloned()
                .unwrap_or_else(|| panic!("row {m:?}/{t:?}"))
        };
        let mut choices = Choices::new();
        choices.set(&row(Some("a2"), Some("b2")), Choice::TakeTheirs);
        choices.set(&row(Some("a3"), None), Choice::KeepMine);
        choices.set(&row(None, Some("b3")), Choice::KeepMine);
        let m = merge(&a, &b, &choices);
        assert_eq!(ids(&m), vec!["a1", "a3", "b2", "b4"]);
        assert!(m.claims.iter().all(|c| c.unresolved.is_none()));
        assert_eq!(m.claim("b2").map(|c| c.label.as_str()), Some("opinion"));

        let mut choices = Choices::new();
        choices.set(&row(Some("a2"), Some("b2")), Choice::KeepBoth);
        choices.set(&row(Some("a3"), None), Choice::TakeTheirs);
        choices.set(&row(None, Some("b3")), Choice::Discussed);
        let m = merge(&a, &b, &choices);
        assert_eq!(ids(&m), vec!["a1", "a2", "b2", "b4"]);
        assert!(m.claims.iter().all(|c| c.unresolved.is_none()));
        assert_eq!(
            choices.get(&row(Some("a1"), Some("b1"))),
            Choice::Unresolved
        );

        let mut choices = Choices::new();
        choices.set(&row(Some("a2"), Some("b2")), Choice::Discussed);
        let m = merge(&a, &b, &choices);
        let notes = m.claim("a2").map(|c| c.reviews.clone()).unwrap_or_default();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].verdict, Verdict::Comment);
        assert!(notes[0].comment.contains("bo"), "{:?}", notes[0].comment);
        assert!(m.claim("b2").is_none());
    }

    #[test]
    fn same_ids_match_first_and_clashing_ids_are_renewed() {
        // Two copies of one project, edited apart: x moved, y relabelled, z added by both.
        let t = text(100);
        let mut base = project("ana", std::slice::from_ref(&t));
        claim(&mut base, "x", "d0", "claim", &[(0, 10)], None);
        claim(&mut base, "y", "d0", "claim", &[(20, 30)], None);
        let mut a = base.clone();
        let mut b = base;
        b.annotator = crate::model::Annotator::named("Bo");
        if let Some(c) = b.claims.iter_mut().find(|c| c.id == "x") {
            c.content = crate::edit::ops::spans(&t, &[(40, 50)]);
        }
        if let Some(c) = b.claims.iter_mut().find(|c| c.id == "y") {
            c.label = "opinion".into();
        }
        claim(&mut a, "z", "d0", "claim", &[(70, 80)], None);
        claim(&mut b, "z", "d0", "claim", &[(85, 95)], None);
        let c = compare(&a, &b);
        let d = &c.documents[0];
        assert_eq!(
            d.pair_of_mine("x").and_then(|p| p.theirs.as_deref()),
            Some("x")
        );
        assert_eq!(
            d.pair_of_mine("z").and_then(|p| p.theirs.as_deref()),
            Some("z")
        );
        let mut choices = Choices::new();
        if let Some(p) = d.pair_of_mine("x") {
            choices.set(p, Choice::KeepBoth);
        }
        let m = merge(&a, &b, &choices);
        // Their x had to take a fresh id next to my x; their y and z (unresolved) too.
        assert_eq!(m.claims.len(), 6);
        let unique: HashSet<&str> = ids(&m).into_iter().collect();
        assert_eq!(unique.len(), 6);
        let mut at: Vec<(usize, usize)> = m.claims.iter().map(|c| (c.start(), c.end())).collect();
        at.sort_unstable();
        assert_eq!(
            at,
            vec![(0, 10), (20, 30), (20, 30), (40, 50), (70, 80), (85, 95)]
        );
        // x was settled (keep both); y and z stay unresolved in pairs.
        let groups: Vec<Option<&str>> = m.claims.iter().map(|c| c.unresolved.as_deref()).collect();
        assert_eq!(
            groups,
            vec![None, Some("y"), Some("z"), None, Some("y"), Some("z")]
        );
    }

    #[test]
    fn choice_edits_change_my_project_in_one_undoable_step() {
        use crate::edit::History;
        let (a, b) = pair();
        let c = compare(&a, &b);
        let row = |m: Option<&str>, t: Option<&str>| -> Pair {
            c.documents[0]
                .pairs
                .iter()
                .find(|p| p.mine.as_deref() == m && p.theirs.as_deref() == t)
                .cloned()
                .unwrap_or_else(|| panic!("row {m:?}/{t:?}"))
        };
        let partial = row(Some("a2"), Some("b2"));
        assert!(choice_edit(&a, &b, &partial, Choice::KeepMine).is_none());
        assert!(choice_edit(&a, &b, &partial, Choice::Unresolved).is_none());

        // Take theirs: a2 goes, b2 comes with Bo's Reuters added to my registry.
        let mut p = a.clone();
        let mut h = History::new();
        let e = choice_edit(&p, &b, &partial, Choice::TakeTheirs).unwrap_or_else(|| panic!("edit"));
        h.apply(&mut p, e).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ids(&p), vec!["a1", "a3", "b2"]);
        let b2 = p.claim("b2").unwrap_or_else(|| panic!("b2"));
        assert_eq!(b2.document, "d0");
        assert_eq!(b2.label, "opinion");
        let reuters = p.find_source("Reuters").map(|s| s.id.clone());
        assert!(reuters.is_some());
        let am = p.find_source("Amnesty").map(|s| s.id.clone());
        assert_eq!(b2.sources(), [reuters.unwrap(), am.unwrap()]);
        assert!(h.undo(&mut p).unwrap_or(false));
        assert_eq!(p, a);

        // Keep both on their lone claim: it comes in, nested nowhere (its outer b2 is not mine).
        let lone = row(None, Some("b3"));
        let e = choice_edit(&p, &b, &lone, Choice::KeepBoth).unwrap_or_else(|| panic!("edit"));
        h.apply(&mut p, e).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ids(&p), vec!["a1", "a2", "a3", "b3"]);
        let within = p
            .claim("b3")
            .and_then(|c| c.attribution.as_ref()?.within.clone());
        assert_eq!(within, None);

        // Take theirs on my lone claim removes it; discussed leaves a note.
        let mine_only = row(Some("a3"), None);
        let e = choice_edit(&p, &b, &mine_only, Choice::TakeTheirs).unwrap_or_else(|| panic!("e"));
        h.apply(&mut p, e).unwrap_or_else(|e| panic!("{e}"));
        assert!(p.claim("a3").is_none());
        let e = choice_edit(&p, &b, &partial, Choice::Discussed).unwrap_or_else(|| panic!("e"));
        h.apply(&mut p, e).unwrap_or_else(|e| panic!("{e}"));
        let notes = p.claim("a2").map(|c| c.reviews.len());
        assert_eq!(notes, Some(1));
        while h.undo(&mut p).unwrap_or(false) {}
        assert_eq!(p, a);
    }
}
