//! Three-way merge of project files (git's merge driver): base, ours and theirs.
//!
//! - Documents, claims, sources, labels are matched by id; decisions and rejected suggestions
//!   by their whole content. Changed on one side only: that change. Added on both sides with the
//!   same content: one. Deleted on one side and unchanged on the other: deleted. Edited on one
//!   side and deleted on the other: the edit is kept (a claim is marked unresolved alone, so a
//!   reviewer sees it).
//! - Inside a claim the merge is field by field (label on one side, note on the other: both).
//!   The same field changed differently on both sides is a conflict: both versions are kept as
//!   competing claims with one unresolved group id (the mechanism the two-way [`super::merge`]
//!   uses and the Review window settles, see [`super::conflicts`]), each with a note saying
//!   which side it came from and what was merged ([`MergeNote`]).
//! - Sources: renamed on one side follows from matching by id; a source merged into another on
//!   one side (its name became an alias of the other, see `edit::ops::merge_sources`) is
//!   followed by the other side's claims; the same new source added on both sides (a shared name
//!   or alias, [`name_key`]) becomes one.
//! - The result is valid: references to something deleted on one side bring it back (or, for a
//!   nested claim's outer claim, drop `within`).
//! - Stable: elements keep the base's order; new ones follow sorted by id; every tie is broken
//!   by content, never by side, so swapping ours and theirs gives the same project apart from
//!   the side names.

use super::merge::map_sources;
use crate::model::{Attribution, Claim, FORMAT, Project, Review, Source, Verdict, name_key};
use crate::text::sha256_hex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The reviewer id of the notes that say which side a competing claim came from.
pub const MERGE_REVIEWER: &str = "merge";

/// What a three-way merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merge3Report {
    /// Unresolved groups the merge created (competing claims, or an edited claim the other side
    /// deleted).
    pub conflicts: usize,
    /// Conflicts outside claims that were settled by a fixed rule (what and how), to tell.
    pub settled: Vec<String>,
}

/// Merge `ours` and `theirs`, both descended from `base`. `ours_name` and `theirs_name` say who
/// made each side (branch names, or "ours"/"theirs").
pub fn merge3(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    ours_name: &str,
    theirs_name: &str,
) -> (Project, Merge3Report) {
    merge3_owned(base, ours.clone(), theirs.clone(), ours_name, theirs_name)
}

/// [`merge3`] taking ours and theirs by value: their claims move into the result instead of
/// being copied (what the merge driver does with a large project).
pub fn merge3_owned(
    base: &Project,
    mut ours: Project,
    mut theirs: Project,
    ours_name: &str,
    theirs_name: &str,
) -> (Project, Merge3Report) {
    let mut report = Merge3Report::default();
    unify_new_sources(base, &mut ours, &mut theirs);
    follow_merged_sources(base, &ours, &mut theirs);
    follow_merged_sources(base, &theirs, &mut ours);

    let mut out = Project {
        format: FORMAT,
        name: pick_or_tie(&base.name, &ours.name, &theirs.name),
        annotator: pick_or_tie(&base.annotator, &ours.annotator, &theirs.annotator),
        labels: Vec::new(),
        sources: Vec::new(),
        documents: Vec::new(),
        claims: Vec::new(),
        decisions: Vec::new(),
        rejected: Vec::new(),
        distinct: Vec::new(),
    };

    out.labels = by_id(
        &base.labels,
        &ours.labels,
        &theirs.labels,
        |l| &l.id,
        |_, o, t| {
            let l = tie(o, t).clone();
            report.settled.push(format!(
                "label {:?} was changed differently on both sides; kept one version of it",
                l.name
            ));
            vec![l]
        },
    );
    out.sources = by_id(
        &base.sources,
        &ours.sources,
        &theirs.sources,
        |s| &s.id,
        |b, o, t| {
            let s = merge_source(b, o, t);
            if let Some(b) = b
                && (pick(&b.name, &o.name, &t.name).is_none()
                    || pick(&b.kind, &o.kind, &t.kind).is_none()
                    || pick(&b.note, &o.note, &t.note).is_none())
            {
                report.settled.push(format!(
                    "source {:?} was changed differently on both sides (name, kind or note); \
                     kept one version, with the aliases of both",
                    s.name
                ));
            }
            vec![s]
        },
    );
    out.documents = by_id(
        &base.documents,
        &ours.documents,
        &theirs.documents,
        |d| &d.id,
        |_, o, t| {
            let d = tie(o, t).clone();
            report.settled.push(format!(
                "document {:?} was changed differently on both sides; kept one version of it",
                d.title
            ));
            vec![d]
        },
    );
    let names = [ours_name, theirs_name];
    let mut conflicts = 0;
    out.claims = by_id_full(
        &base.claims,
        std::mem::take(&mut ours.claims),
        std::mem::take(&mut theirs.claims),
        |c| &c.id,
        |b, o, t| match (b, o, t) {
            (Some(b), Some(o), Some(t)) => match merge_claim(b, o, t) {
                Some(c) => vec![c],
                None => {
                    conflicts += 1;
                    competing(o, t, names)
                }
            },
            (None, Some(o), Some(t)) => {
                conflicts += 1;
                competing(o, t, names)
            }
            // Edited on one side, deleted on the other: keep the edit, marked for a reviewer.
            (_, Some(o), None) => {
                conflicts += 1;
                vec![lone(o, side_note(ours_name, names))]
            }
            (_, None, Some(t)) => {
                conflicts += 1;
                vec![lone(t, side_note(theirs_name, names))]
            }
            _ => Vec::new(),
        },
    );
    report.conflicts = conflicts;
    out.decisions = as_set(&base.decisions, &ours.decisions, &theirs.decisions);
    out.rejected = as_set(&base.rejected, &ours.rejected, &theirs.rejected);
    out.distinct = as_set(&base.distinct, &ours.distinct, &theirs.distinct);

    repair_references(&mut out, [&ours, &theirs], &mut report);
    order(&mut out, base);
    (out, report)
}

/// The three-way value of one field: `None` when both sides changed it differently.
fn pick<T: PartialEq + Clone>(b: &T, o: &T, t: &T) -> Option<T> {
    if o == t || b == t {
        Some(o.clone())
    } else if b == o {
        Some(t.clone())
    } else {
        None
    }
}

/// [`pick`], a conflict broken by content ([`tie`]).
fn pick_or_tie<T: PartialEq + Clone + serde::Serialize>(b: &T, o: &T, t: &T) -> T {
    pick(b, o, t).unwrap_or_else(|| tie(o, t).clone())
}

/// Of two versions, the one whose RON text sorts first: a choice that does not depend on which
/// side is ours.
fn tie<'a, T: serde::Serialize>(o: &'a T, t: &'a T) -> &'a T {
    if key_text(o) <= key_text(t) { o } else { t }
}

fn key_text<T: serde::Serialize>(v: &T) -> String {
    ron::to_string(v).unwrap_or_default()
}

/// Merge lists matched by id. Unchanged cases are settled here; `both` settles two differing
/// versions of one id (with the base version, if any). Edited-versus-deleted keeps the edit.
fn by_id<T: Clone + PartialEq>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    id: impl Fn(&T) -> &String,
    mut both: impl FnMut(Option<&T>, &T, &T) -> Vec<T>,
) -> Vec<T> {
    by_id_full(base, ours.to_vec(), theirs.to_vec(), id, |b, o, t| {
        match (o, t) {
            (Some(o), Some(t)) => both(b, o, t),
            (Some(x), None) | (None, Some(x)) => vec![x.clone()],
            (None, None) => Vec::new(),
        }
    })
}

/// [`by_id`] where `hard` also settles edited-versus-deleted. Called only when the sides
/// differ and neither simply took the other's change. Ours and theirs are taken by value: what
/// is kept as it is moves into the result.
fn by_id_full<T: Clone + PartialEq>(
    base: &[T],
    ours: Vec<T>,
    theirs: Vec<T>,
    id: impl Fn(&T) -> &String,
    mut hard: impl FnMut(Option<&T>, Option<&T>, Option<&T>) -> Vec<T>,
) -> Vec<T> {
    /// Where each element of the result comes from (indices into base, ours, theirs).
    enum Take {
        Ours(usize),
        Theirs(usize),
        Hard(Option<usize>, Option<usize>, Option<usize>),
    }
    let plan: Vec<Take> = {
        fn index<'a, T>(v: &'a [T], id: &impl Fn(&T) -> &String) -> FxHashMap<&'a str, usize> {
            v.iter()
                .enumerate()
                .map(|(i, x)| (id(x).as_str(), i))
                .collect()
        }
        let (bi, oi, ti) = (index(base, &id), index(&ours, &id), index(&theirs, &id));
        let mut ids: Vec<&str> = base.iter().map(|x| id(x).as_str()).collect();
        let mut new: Vec<&str> = ours
            .iter()
            .chain(theirs.iter())
            .map(|x| id(x).as_str())
            .filter(|i| !bi.contains_key(*i))
            .collect();
        new.sort_unstable();
        new.dedup();
        ids.extend(new);
        let same = |x: Option<&T>, y: Option<&T>| match (x, y) {
            (Some(x), Some(y)) => x == y,
            (None, None) => true,
            _ => false,
        };
        ids.iter()
            .filter_map(|i| {
                let (kb, ko, kt) = (bi.get(i).copied(), oi.get(i).copied(), ti.get(i).copied());
                let b = kb.map(|k| &base[k]);
                let o = ko.map(|k| &ours[k]);
                let t = kt.map(|k| &theirs[k]);
                if same(o, t) || same(b, t) {
                    ko.map(Take::Ours)
                } else if same(b, o) {
                    kt.map(Take::Theirs)
                } else {
                    Some(Take::Hard(kb, ko, kt))
                }
            })
            .collect()
    };
    let mut ours: Vec<Option<T>> = ours.into_iter().map(Some).collect();
    let mut theirs: Vec<Option<T>> = theirs.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(plan.len());
    for step in plan {
        match step {
            Take::Ours(k) => out.extend(ours[k].take()),
            Take::Theirs(k) => out.extend(theirs[k].take()),
            Take::Hard(b, o, t) => out.extend(hard(
                b.map(|k| &base[k]),
                o.and_then(|k| ours[k].as_ref()),
                t.and_then(|k| theirs[k].as_ref()),
            )),
        }
    }
    out
}

/// Merge lists of values without ids as sets: a value is in the result when both sides have it
/// or one side added it.
fn as_set<T: Clone + serde::Serialize>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let keys = |v: &[T]| -> HashSet<String> { v.iter().map(key_text).collect() };
    let (b, o, t) = (keys(base), keys(ours), keys(theirs));
    let mut out: BTreeMap<String, T> = BTreeMap::new();
    for x in ours.iter().chain(theirs.iter()) {
        let k = key_text(x);
        let keep = (o.contains(&k) && t.contains(&k)) || !b.contains(&k);
        if keep {
            out.entry(k).or_insert_with(|| x.clone());
        }
    }
    // Keep the base order for what was there; new values after, sorted.
    let mut result: Vec<T> = base
        .iter()
        .filter_map(|x| out.remove(&key_text(x)))
        .collect();
    result.extend(out.into_values());
    result
}

/// A source both sides changed: field by field; a conflict in a field is broken by content,
/// and the aliases of both are kept.
fn merge_source(b: Option<&Source>, o: &Source, t: &Source) -> Source {
    let Some(b) = b else {
        let mut s = tie(o, t).clone();
        for n in o.names().chain(t.names()) {
            if !s.is_named(n) {
                s.aliases.push(n.to_string());
            }
        }
        s.aliases.sort();
        return s;
    };
    let mut s = o.clone();
    s.name = pick_or_tie(&b.name, &o.name, &t.name);
    s.kind = pick_or_tie(&b.kind, &o.kind, &t.kind);
    s.note = pick_or_tie(&b.note, &o.note, &t.note);
    s.aliases = match pick(&b.aliases, &o.aliases, &t.aliases) {
        Some(a) => a,
        None => {
            let removed = |side: &Source| {
                b.aliases
                    .iter()
                    .filter(|a| !side.aliases.contains(a))
                    .cloned()
                    .collect::<HashSet<_>>()
            };
            let gone: HashSet<String> = removed(o).union(&removed(t)).cloned().collect();
            let mut a: Vec<String> = o
                .aliases
                .iter()
                .chain(t.aliases.iter())
                .filter(|a| !gone.contains(*a))
                .cloned()
                .collect();
            a.sort();
            a.dedup();
            a
        }
    };
    // A rename may have made an old alias the name.
    let name = s.name.clone();
    s.aliases.retain(|a| *a != name);
    s
}

/// A claim both sides changed, merged field by field; `None` when a field was changed
/// differently on both sides.
fn merge_claim(b: &Claim, o: &Claim, t: &Claim) -> Option<Claim> {
    let mut c = o.clone();
    macro_rules! field {
        ($($f:ident)+) => {$(
            c.$f = pick(&b.$f, &o.$f, &t.$f)?;
        )+};
    }
    field!(document label content status note tags author created anchor unresolved origin);
    c.attribution = match (&b.attribution, &o.attribution, &t.attribution) {
        (Some(ba), Some(oa), Some(ta)) => {
            let mut a: Attribution = oa.clone();
            macro_rules! afield {
                ($($f:ident)+) => {$(
                    a.$f = pick(&ba.$f, &oa.$f, &ta.$f)?;
                )+};
            }
            afield!(sources mention cue via within mode);
            Some(a)
        }
        (ba, oa, ta) => pick(ba, oa, ta)?,
    };
    c.modified = o.modified.max(t.modified);
    // Who agreed: as a set.
    c.agreed_by = as_set(&b.agreed_by, &o.agreed_by, &t.agreed_by);
    // Review notes: one per reviewer, by reviewer; two different new notes from one reviewer:
    // the later.
    c.reviews = by_id(
        &b.reviews,
        &o.reviews,
        &t.reviews,
        |r| &r.reviewer,
        |_, o, t| {
            let later = match o.created.cmp(&t.created) {
                std::cmp::Ordering::Less => t,
                std::cmp::Ordering::Greater => o,
                std::cmp::Ordering::Equal => tie(o, t),
            };
            vec![later.clone()]
        },
    );
    Some(c)
}

/// Two versions of one claim kept side by side, unresolved in one group (the claim's id). The
/// version whose text sorts first keeps the id; the other gets an id derived from it and its
/// content, so the result does not depend on which side is ours.
fn competing(o: &Claim, t: &Claim, names: [&str; 2]) -> Vec<Claim> {
    let group = o.id.clone();
    let (ko, kt) = (key_text(o), key_text(t));
    let mut pair = [(o, ko, names[0]), (t, kt, names[1])];
    pair.sort_by(|a, b| a.1.cmp(&b.1));
    pair.iter()
        .enumerate()
        .map(|(i, (c, k, from))| {
            let mut c = lone(c, side_note(from, names));
            if i == 1 {
                c.id = format!("{}-{}", group, &sha256_hex(k)[..8]);
            }
            c.unresolved = Some(group.clone());
            c
        })
        .collect()
}

/// The note on a version from side `from` of a merge of `names` = [ours, theirs].
fn side_note(from: &str, names: [&str; 2]) -> MergeNote {
    MergeNote {
        from: from.to_string(),
        ours: names[0].to_string(),
        theirs: names[1].to_string(),
    }
}

/// A claim marked unresolved (its own group unless it has one) with a note saying which side
/// of a merge it came from.
fn lone(c: &Claim, note: MergeNote) -> Claim {
    let mut c = c.clone();
    if c.unresolved.is_none() {
        c.unresolved = Some(c.id.clone());
    }
    c.reviews.retain(|r| r.reviewer != MERGE_REVIEWER);
    c.reviews.push(Review {
        reviewer: MERGE_REVIEWER.to_string(),
        verdict: Verdict::Comment,
        comment: note.text(),
        created: c.modified,
    });
    c
}

/// What a merge notes on a version it kept for a reviewer: the side it came from and what was
/// merged (`theirs` into `ours`), as the text "version from FROM (merging THEIRS into OURS)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeNote {
    pub from: String,
    pub ours: String,
    pub theirs: String,
}

impl MergeNote {
    /// The note's text.
    pub fn text(&self) -> String {
        format!(
            "version from {} (merging {} into {})",
            self.from, self.theirs, self.ours
        )
    }

    /// Read a note's text back; `None` for any other text. Names may hold spaces and
    /// parentheses (git names a commit "1a2b3c4 (its subject)"): of the ways to split the
    /// text, the one where FROM is one of the two sides is taken.
    pub fn parse(text: &str) -> Option<MergeNote> {
        let rest = text.strip_prefix("version from ")?.strip_suffix(')')?;
        for (i, _) in rest.match_indices(" (merging ") {
            let from = &rest[..i];
            let sides = &rest[i + " (merging ".len()..];
            for (j, _) in sides.match_indices(" into ") {
                let (theirs, ours) = (&sides[..j], &sides[j + " into ".len()..]);
                if from == theirs || from == ours {
                    return Some(MergeNote {
                        from: from.to_string(),
                        ours: ours.to_string(),
                        theirs: theirs.to_string(),
                    });
                }
            }
        }
        None
    }
}

/// The same new source added on both sides (not in the base, a shared name or alias) under two
/// ids: both sides use the smaller id.
fn unify_new_sources(base: &Project, ours: &mut Project, theirs: &mut Project) {
    let in_base: HashSet<&str> = base.sources.iter().map(|s| s.id.as_str()).collect();
    let new_o: Vec<&Source> = ours
        .sources
        .iter()
        .filter(|s| !in_base.contains(s.id.as_str()))
        .collect();
    let mut map: HashMap<String, String> = HashMap::new();
    for t in theirs
        .sources
        .iter()
        .filter(|s| !in_base.contains(s.id.as_str()))
    {
        if ours.source(&t.id).is_some() {
            continue;
        }
        let keys: HashSet<String> = t.names().map(name_key).filter(|k| !k.is_empty()).collect();
        if let Some(o) = new_o.iter().find(|o| {
            theirs.source(&o.id).is_none() && o.names().any(|n| keys.contains(&name_key(n)))
        }) {
            let keep = o.id.clone().min(t.id.clone());
            map.insert(o.id.clone(), keep.clone());
            map.insert(t.id.clone(), keep);
        }
    }
    if map.is_empty() {
        return;
    }
    for p in [ours, theirs] {
        for s in &mut p.sources {
            if let Some(to) = map.get(&s.id) {
                s.id = to.clone();
            }
        }
        rewrite_sources(p, &map);
    }
}

/// A base source that `merged_side` removed after merging it into another (whose names now
/// include the removed one's name): `other`'s claims name that other source instead.
fn follow_merged_sources(base: &Project, merged_side: &Project, other: &mut Project) {
    let mut map: HashMap<String, String> = HashMap::new();
    for b in &base.sources {
        if merged_side.source(&b.id).is_some() {
            continue;
        }
        // Changed on the side that kept it: an edit wins over a removal, keep it.
        if other.source(&b.id).is_some_and(|x| x != b) {
            continue;
        }
        let key = name_key(&b.name);
        if let Some(to) = merged_side
            .sources
            .iter()
            .find(|s| s.id != b.id && s.names().any(|n| name_key(n) == key))
        {
            map.insert(b.id.clone(), to.id.clone());
        }
    }
    if map.is_empty() {
        return;
    }
    // The merged-away source stays unchanged on this side, so the three-way merge sees it
    // deleted on one side and unchanged on the other.
    rewrite_sources(other, &map);
}

/// Rename source ids in every claim's sources and via (a joint claim keeps each id once).
fn rewrite_sources(p: &mut Project, map: &HashMap<String, String>) {
    for c in &mut p.claims {
        if let Some(a) = c.attribution.as_mut() {
            map_sources(a, map);
        }
    }
}

/// Make every reference resolve: a document, label or source a kept claim needs but one side
/// deleted comes back (from whichever side has it); a nested claim whose outer claim is gone is
/// no longer nested.
fn repair_references(out: &mut Project, sides: [&Project; 2], report: &mut Merge3Report) {
    // What is missing, found in one pass that only reads (the usual answer: nothing).
    let mut need_docs: Vec<String> = Vec::new();
    let mut need_labels: Vec<String> = Vec::new();
    let mut need_sources: Vec<String> = Vec::new();
    let mut unnest: Vec<usize> = Vec::new();
    {
        let mut docs: FxHashSet<&str> = out.documents.iter().map(|d| d.id.as_str()).collect();
        let mut labels: FxHashSet<&str> = out.labels.iter().map(|l| l.id.as_str()).collect();
        let mut sources: FxHashSet<&str> = out.sources.iter().map(|s| s.id.as_str()).collect();
        // The claims' ids are needed only when a claim is nested in another.
        let nested = out
            .claims
            .iter()
            .any(|c| c.attribution.as_ref().is_some_and(|a| a.within.is_some()));
        let claims: FxHashSet<&str> = if nested {
            out.claims.iter().map(|c| c.id.as_str()).collect()
        } else {
            FxHashSet::default()
        };
        for (i, c) in out.claims.iter().enumerate() {
            if docs.insert(&c.document) {
                need_docs.push(c.document.clone());
            }
            if labels.insert(&c.label) {
                need_labels.push(c.label.clone());
            }
            if let Some(a) = &c.attribution {
                for s in a.sources.iter().chain(a.via.iter()) {
                    if sources.insert(s) {
                        need_sources.push(s.clone());
                    }
                }
                if a.within.as_deref().is_some_and(|w| !claims.contains(w)) {
                    unnest.push(i);
                }
            }
        }
    }
    for i in unnest {
        if let Some(a) = out.claims[i].attribution.as_mut() {
            a.within = None;
        }
    }
    let [o, t] = sides;
    fn both<'a, T: serde::Serialize>(a: Option<&'a T>, b: Option<&'a T>) -> Option<&'a T> {
        match (a, b) {
            (Some(a), Some(b)) => Some(tie(a, b)),
            (x, None) | (None, x) => x,
        }
    }
    let mut lost = false;
    for id in need_docs {
        match both(o.document(&id), t.document(&id)) {
            Some(d) => {
                report.settled.push(format!(
                    "document {:?} deleted on one side is kept: claims need it",
                    d.title
                ));
                out.documents.push(d.clone());
            }
            None => lost = true,
        }
    }
    for id in need_labels {
        match both(o.label(&id), t.label(&id)) {
            Some(l) => {
                report.settled.push(format!(
                    "label {:?} deleted on one side is kept: claims use it",
                    l.name
                ));
                out.labels.push(l.clone());
            }
            None => lost = true,
        }
    }
    for id in need_sources {
        match both(o.source(&id), t.source(&id)) {
            Some(s) => {
                report.settled.push(format!(
                    "source {:?} deleted on one side is kept: claims name it",
                    s.name
                ));
                out.sources.push(s.clone());
            }
            None => lost = true,
        }
    }
    if !lost {
        return;
    }
    // Anything still dangling (not on either side: a broken input) is dropped from the claim
    // rather than leave a project that does not load.
    let sources: HashSet<String> = out.sources.iter().map(|s| s.id.clone()).collect();
    let docs: HashSet<String> = out.documents.iter().map(|d| d.id.clone()).collect();
    let labels: HashSet<String> = out.labels.iter().map(|l| l.id.clone()).collect();
    out.claims
        .retain(|c| docs.contains(&c.document) && labels.contains(&c.label));
    for c in &mut out.claims {
        if let Some(a) = c.attribution.as_mut() {
            a.sources.retain(|s| sources.contains(s));
            if a.via.as_ref().is_some_and(|v| !sources.contains(v)) {
                a.via = None;
            }
        }
    }
}

/// Base order first, new elements after sorted by id (a competing claim sits with its group).
/// The merge mostly builds that order already: a list is sorted only when it is not.
fn order(out: &mut Project, base: &Project) {
    fn pos<'a>(ids: impl Iterator<Item = &'a str>) -> FxHashMap<&'a str, usize> {
        ids.enumerate().map(|(i, id)| (id, i)).collect()
    }
    fn at(p: &FxHashMap<&str, usize>, id: &str) -> usize {
        p.get(id).copied().unwrap_or(usize::MAX)
    }
    fn sort<T>(v: &mut [T], key: impl Fn(&T) -> (usize, bool, &str)) {
        if !v.is_sorted_by(|a, b| key(a) <= key(b)) {
            v.sort_by(|a, b| key(a).cmp(&key(b)));
        }
    }
    let lp = pos(base.labels.iter().map(|l| l.id.as_str()));
    sort(&mut out.labels, |x| (at(&lp, &x.id), false, x.id.as_str()));
    let sp = pos(base.sources.iter().map(|s| s.id.as_str()));
    sort(&mut out.sources, |x| (at(&sp, &x.id), false, x.id.as_str()));
    let dp = pos(base.documents.iter().map(|d| d.id.as_str()));
    sort(&mut out.documents, |x| {
        (at(&dp, &x.id), false, x.id.as_str())
    });
    let cp = pos(base.claims.iter().map(|c| c.id.as_str()));
    sort(&mut out.claims, |c| {
        let g = c
            .unresolved
            .as_deref()
            .filter(|g| cp.contains_key(*g))
            .unwrap_or(c.id.as_str());
        (at(&cp, g), c.id != g, c.id.as_str())
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testutil::{claim, project, source, text};
    use proptest::prelude::*;

    /// What one branch does to one base claim.
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Op {
        Keep,
        Note(u8),
        Label(bool),
        Delete,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            Just(Op::Keep),
            (0u8..3).prop_map(Op::Note),
            any::<bool>().prop_map(Op::Label),
            Just(Op::Delete),
        ]
    }

    const N: usize = 5;

    fn base() -> Project {
        let mut p = project("ana", &[text(60)]);
        p.labels.push(crate::model::Label {
            id: "other".into(),
            name: "Other".into(),
            color: (1, 2, 3),
            shortcut: None,
        });
        p.labels.push(crate::model::Label {
            id: "third".into(),
            name: "Third".into(),
            color: (4, 5, 6),
            shortcut: None,
        });
        let label = p.labels[0].id.clone();
        let s = source(&mut p, "Police", &[]);
        for i in 0..N {
            claim(
                &mut p,
                &format!("c{i}"),
                "d0",
                &label,
                &[(i * 10, i * 10 + 5)],
                Some(&s),
            );
        }
        p
    }

    fn apply(base: &Project, ops: &[Op], adds: usize, side: &str) -> Project {
        let mut p = base.clone();
        for (i, op) in ops.iter().enumerate() {
            let id = format!("c{i}");
            match op {
                Op::Keep => {}
                Op::Delete => p.claims.retain(|c| c.id != id),
                Op::Note(n) => {
                    if let Some(c) = p.claims.iter_mut().find(|c| c.id == id) {
                        c.note = format!("note {n}");
                    }
                }
                Op::Label(other) => {
                    if let Some(c) = p.claims.iter_mut().find(|c| c.id == id) {
                        c.label = if *other { "other" } else { "third" }.into();
                    }
                }
            }
        }
        let label = p.labels[0].id.clone();
        for k in 0..adds {
            claim(
                &mut p,
                &format!("{side}-new{k}"),
                "d0",
                &label,
                &[(k, k + 3)],
                None,
            );
        }
        p
    }

    fn loads(p: &Project) {
        let text = crate::store::to_ron(p).expect("encodes");
        if let Err(e) = crate::store::from_ron(&text, std::path::Path::new("merged")) {
            panic!("the merge does not load: {e}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn merge_keeps_every_edit_that_did_not_conflict(
            ours_ops in proptest::collection::vec(op(), N),
            theirs_ops in proptest::collection::vec(op(), N),
            ours_adds in 0usize..3,
            theirs_adds in 0usize..3,
        ) {
            let b = base();
            let o = apply(&b, &ours_ops, ours_adds, "o");
            let t = apply(&b, &theirs_ops, theirs_adds, "t");
            let (m, report) = merge3(&b, &o, &t, "ours", "theirs");
            loads(&m);
            let (m2, _) = merge3(&b, &t, &o, "ours", "theirs");
            prop_assert_eq!(m.claims.len(), m2.claims.len());
            let mut conflicts = 0;
            for i in 0..N {
                let id = format!("c{i}");
                let got: Vec<&Claim> = m
                    .claims
                    .iter()
                    .filter(|c| c.id == id || c.unresolved.as_deref() == Some(id.as_str()))
                    .collect();
                let (x, y) = (ours_ops[i], theirs_ops[i]);
                let base_claim = b.claim(&id).expect("base claim");
                let label_of = |op: Op| match op {
                    Op::Label(true) => Some("other".to_string()),
                    Op::Label(false) => Some("third".to_string()),
                    _ => None,
                };
                let note_of = |op: Op| match op {
                    Op::Note(n) => Some(format!("note {n}")),
                    _ => None,
                };
                match (x, y) {
                    (Op::Delete, Op::Delete) | (Op::Delete, Op::Keep) | (Op::Keep, Op::Delete) => {
                        prop_assert!(got.is_empty(), "{id} deleted");
                    }
                    (Op::Delete, _) | (_, Op::Delete) => {
                        conflicts += 1;
                        prop_assert_eq!(got.len(), 1);
                        prop_assert_eq!(got[0].unresolved.as_deref(), Some(id.as_str()));
                    }
                    _ if (note_of(x).is_some() && note_of(y).is_some() && note_of(x) != note_of(y))
                        || (label_of(x).is_some() && label_of(y).is_some() && label_of(x) != label_of(y)) =>
                    {
                        conflicts += 1;
                        prop_assert_eq!(got.len(), 2, "{} competing versions", id);
                    }
                    _ => {
                        prop_assert_eq!(got.len(), 1);
                        let c = got[0];
                        prop_assert!(c.unresolved.is_none());
                        let note = note_of(x).or(note_of(y)).unwrap_or_default();
                        prop_assert_eq!(&c.note, &note);
                        let label = label_of(x).or(label_of(y)).unwrap_or(base_claim.label.clone());
                        prop_assert_eq!(&c.label, &label);
                    }
                }
            }
            prop_assert_eq!(report.conflicts, conflicts);
            for k in 0..ours_adds {
                let id = format!("o-new{k}");
                prop_assert!(m.claim(&id).is_some());
            }
            for k in 0..theirs_adds {
                let id = format!("t-new{k}");
                prop_assert!(m.claim(&id).is_some());
            }
            // Merging with itself or with its base changes nothing.
            prop_assert_eq!(&merge3(&b, &o, &o, "ours", "theirs").0, &o);
            prop_assert_eq!(&merge3(&b, &o, &b, "ours", "theirs").0, &o);
            prop_assert_eq!(&merge3(&b, &b, &o, "ours", "theirs").0, &o);
        }
    }
}
