//! Comparing two projects claim by claim.
//!
//! Documents are matched by the SHA-256 of their text, so offsets mean the same thing on both
//! sides. Within a matched document, claims are paired one-to-one: first by claim id (two copies
//! of one project), then by content overlap, greedily by the largest number of shared chars. Each
//! pair is classified as [`PairKind::Agree`] (same fragments, label and source),
//! [`PairKind::Partial`] (overlapping, or the same fragments with another label or source — the
//! [`Difference`]s say which), or a claim only one side has.

use crate::model::{Claim, Project, Span, name_key};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// How a pair of claims (or a lone claim) compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairKind {
    /// Same fragments, same label, same source (or both without a source).
    Agree,
    /// Paired, but the fragments, label or source differ (see [`Pair::differences`]).
    Partial,
    /// A claim of mine that no claim of theirs pairs with.
    OnlyMine,
    /// A claim of theirs that no claim of mine pairs with.
    OnlyTheirs,
}

impl PairKind {
    /// A short lower-case name ("agree", "partial", "only mine", "only theirs").
    pub fn as_str(self) -> &'static str {
        match self {
            PairKind::Agree => "agree",
            PairKind::Partial => "partial",
            PairKind::OnlyMine => "only mine",
            PairKind::OnlyTheirs => "only theirs",
        }
    }
}

/// What differs between two paired claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Difference {
    /// The content fragments are not the same ranges.
    Fragments,
    /// The labels differ (compared by label name, case-insensitive; by id if a label is missing).
    Label,
    /// The sources differ (see [`same_sources`]: the same set, source by source); one attributed
    /// and one not, or a joint claim and one of only some of its sources, also differ.
    Source,
}

impl Difference {
    /// A short lower-case name ("fragments", "label", "source").
    pub fn as_str(self) -> &'static str {
        match self {
            Difference::Fragments => "fragments",
            Difference::Label => "label",
            Difference::Source => "source",
        }
    }
}

/// One row of a comparison: two paired claims, or one claim only one side has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    /// How the two compare.
    pub kind: PairKind,
    /// My claim's id (`None` for [`PairKind::OnlyTheirs`]).
    pub mine: Option<String>,
    /// Their claim's id (`None` for [`PairKind::OnlyMine`]).
    pub theirs: Option<String>,
    /// For [`PairKind::Partial`]: what differs, in the order fragments, label, source. Empty
    /// for the other kinds.
    pub differences: Vec<Difference>,
    /// Chars of content both claims cover (0 for lone claims).
    pub overlap: usize,
}

impl Pair {
    /// True for every kind except [`PairKind::Agree`]: a row a reviewer has to settle.
    pub fn is_disagreement(&self) -> bool {
        self.kind != PairKind::Agree
    }
}

/// The comparison of one document both projects have (same text hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentComparison {
    /// The SHA-256 of the document's text (the same on both sides).
    pub sha256: String,
    /// The document's id in my project.
    pub mine: String,
    /// The document's id in their project.
    pub theirs: String,
    /// The document's title in my project.
    pub title: String,
    /// Every claim of the document on either side, exactly once, sorted by where the row
    /// starts in the text (the earlier start of a pair).
    pub pairs: Vec<Pair>,
}

impl DocumentComparison {
    /// The rows that are not [`PairKind::Agree`].
    pub fn disagreements(&self) -> impl Iterator<Item = &Pair> {
        self.pairs.iter().filter(|p| p.is_disagreement())
    }

    /// How many rows of each kind this document has.
    pub fn counts(&self) -> KindCounts {
        KindCounts::of(self.pairs.iter())
    }

    /// The row that holds my claim `id`, if the claim belongs to this document.
    pub fn pair_of_mine(&self, id: &str) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.mine.as_deref() == Some(id))
    }

    /// The row that holds their claim `id`, if the claim belongs to this document.
    pub fn pair_of_theirs(&self, id: &str) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.theirs.as_deref() == Some(id))
    }
}

/// Counts of rows by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct KindCounts {
    /// Rows of kind [`PairKind::Agree`].
    pub agree: usize,
    /// Rows of kind [`PairKind::Partial`].
    pub partial: usize,
    /// Rows of kind [`PairKind::OnlyMine`].
    pub only_mine: usize,
    /// Rows of kind [`PairKind::OnlyTheirs`].
    pub only_theirs: usize,
}

impl KindCounts {
    fn of<'a>(pairs: impl Iterator<Item = &'a Pair>) -> Self {
        let mut c = KindCounts::default();
        for p in pairs {
            match p.kind {
                PairKind::Agree => c.agree += 1,
                PairKind::Partial => c.partial += 1,
                PairKind::OnlyMine => c.only_mine += 1,
                PairKind::OnlyTheirs => c.only_theirs += 1,
            }
        }
        c
    }

    /// Rows that are not agreements.
    pub fn disagreements(&self) -> usize {
        self.partial + self.only_mine + self.only_theirs
    }
}

/// The comparison of my project with theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Documents both projects have, in my project's document order.
    pub documents: Vec<DocumentComparison>,
    /// Ids of my documents whose text their project does not have.
    pub only_mine: Vec<String>,
    /// Ids of their documents whose text my project does not have.
    pub only_theirs: Vec<String>,
}

impl Comparison {
    /// The comparison of my document `id`, if their project has the same text.
    pub fn document(&self, mine_document: &str) -> Option<&DocumentComparison> {
        self.documents.iter().find(|d| d.mine == mine_document)
    }

    /// The comparison of their document `id`, if my project has the same text.
    pub fn document_of_theirs(&self, theirs_document: &str) -> Option<&DocumentComparison> {
        self.documents.iter().find(|d| d.theirs == theirs_document)
    }

    /// Row counts by kind over all matched documents.
    pub fn counts(&self) -> KindCounts {
        KindCounts::of(self.documents.iter().flat_map(|d| d.pairs.iter()))
    }
}

/// Compare my project with theirs: match documents by text hash, pair their claims (by id,
/// then by largest content overlap, one-to-one) and classify each pair.
pub fn compare(mine: &Project, theirs: &Project) -> Comparison {
    let mut documents = Vec::new();
    let mut only_mine = Vec::new();
    let mut matched_theirs = HashSet::new();
    let by_hash = theirs.documents_by_hash();
    let (mine_by_doc, theirs_by_doc) = (mine.claims_by_document(), theirs.claims_by_document());
    for doc in &mine.documents {
        match by_hash.get(doc.sha256.as_str()).copied() {
            Some(other) if !matched_theirs.contains(other.id.as_str()) => {
                matched_theirs.insert(other.id.as_str());
                let a: &[&Claim] = mine_by_doc.of(&doc.id);
                let b: &[&Claim] = theirs_by_doc.of(&other.id);
                let paired = pair_claims((mine, a), (theirs, b), true);
                let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
                let mut rows: Vec<(usize, Pair)> = Vec::with_capacity(a.len() + b.len());
                for (i, j, overlap) in paired {
                    used_a[i] = true;
                    used_b[j] = true;
                    let start = a[i].start().min(b[j].start());
                    rows.push((start, classify(mine, a[i], theirs, b[j], overlap)));
                }
                for (i, c) in a.iter().enumerate().filter(|(i, _)| !used_a[*i]) {
                    rows.push((c.start(), lone_pair(PairKind::OnlyMine, &a[i].id)));
                }
                for (j, c) in b.iter().enumerate().filter(|(j, _)| !used_b[*j]) {
                    rows.push((c.start(), lone_pair(PairKind::OnlyTheirs, &b[j].id)));
                }
                // Stable: equal starts keep pairs, then mine, then theirs.
                rows.sort_by_key(|(start, _)| *start);
                let rows = rows.into_iter().map(|(_, p)| p).collect();
                documents.push(DocumentComparison {
                    sha256: doc.sha256.clone(),
                    mine: doc.id.clone(),
                    theirs: other.id.clone(),
                    title: doc.title.clone(),
                    pairs: rows,
                });
            }
            _ => only_mine.push(doc.id.clone()),
        }
    }
    let only_theirs = theirs
        .documents
        .iter()
        .filter(|d| !matched_theirs.contains(d.id.as_str()))
        .map(|d| d.id.clone())
        .collect();
    Comparison {
        documents,
        only_mine,
        only_theirs,
    }
}

fn lone_pair(kind: PairKind, id: &str) -> Pair {
    let (mine, theirs) = match kind {
        PairKind::OnlyTheirs => (None, Some(id.to_string())),
        _ => (Some(id.to_string()), None),
    };
    Pair {
        kind,
        mine,
        theirs,
        differences: Vec::new(),
        overlap: 0,
    }
}

/// Compare two paired claims: the differences decide between Agree and Partial.
fn classify(mine: &Project, a: &Claim, theirs: &Project, b: &Claim, overlap: usize) -> Pair {
    let mut differences = Vec::new();
    if ranges(&a.content) != ranges(&b.content) {
        differences.push(Difference::Fragments);
    }
    if !same_label(mine, &a.label, theirs, &b.label) {
        differences.push(Difference::Label);
    }
    if !same_sources(mine, a.sources(), theirs, b.sources()) {
        differences.push(Difference::Source);
    }
    Pair {
        kind: if differences.is_empty() {
            PairKind::Agree
        } else {
            PairKind::Partial
        },
        mine: Some(a.id.clone()),
        theirs: Some(b.id.clone()),
        differences,
        overlap,
    }
}

/// Do two registry entries name the same source? True when a name or alias of one equals a name
/// or alias of the other, ignoring case, after NFC (and surrounding whitespace/punctuation, see
/// [`name_key`]). A source id missing from its registry matches nothing.
pub fn same_source(
    mine: &Project,
    mine_source: &str,
    theirs: &Project,
    theirs_source: &str,
) -> bool {
    let (Some(a), Some(b)) = (mine.source(mine_source), theirs.source(theirs_source)) else {
        return false;
    };
    let keys: HashSet<String> = a.names().map(name_key).filter(|k| !k.is_empty()).collect();
    b.names().any(|n| keys.contains(&name_key(n)))
}

/// Do two claims' source lists name the same set of sources? Each of mine pairs with a
/// different one of theirs by [`same_source`], and none is left over on either side: a joint
/// claim of Facebook and Google and one of Facebook alone differ (a partial overlap is a source
/// difference). Two empty lists are the same; the order does not matter.
pub fn same_sources(mine: &Project, a: &[String], theirs: &Project, b: &[String]) -> bool {
    // A one-to-one pairing found by trying each free candidate in turn; claims have a handful
    // of sources, so the search is tiny.
    fn pair(
        i: usize,
        a: &[String],
        b: &[String],
        taken: &mut [bool],
        same: &dyn Fn(&str, &str) -> bool,
    ) -> bool {
        let Some(x) = a.get(i) else { return true };
        for (j, y) in b.iter().enumerate() {
            if !taken[j] && same(x, y) {
                taken[j] = true;
                if pair(i + 1, a, b, taken, same) {
                    return true;
                }
                taken[j] = false;
            }
        }
        false
    }
    a.len() == b.len()
        && pair(0, a, b, &mut vec![false; b.len()], &|x, y| {
            same_source(mine, x, theirs, y)
        })
}

/// Do two label ids mean the same label? Compared by the labels' names (case-insensitive, NFC);
/// a label id missing from its project is compared as the id itself.
pub fn same_label(mine: &Project, mine_label: &str, theirs: &Project, theirs_label: &str) -> bool {
    label_key(mine, mine_label) == label_key(theirs, theirs_label)
}

/// The comparison key of a label id: its name's [`name_key`], or the id if no such label exists.
pub fn label_key(project: &Project, label: &str) -> String {
    match project.label(label) {
        Some(l) if !name_key(&l.name).is_empty() => name_key(&l.name),
        _ => name_key(label),
    }
}

/// A fragment list as sorted `(start, end)` ranges.
pub(crate) fn ranges(spans: &[Span]) -> Vec<(usize, usize)> {
    let mut r: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
    r.sort_unstable();
    r
}

/// Sorted, disjoint ranges covering the same chars as `r` (overlapping ranges merged).
pub(crate) fn union(mut r: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    r.retain(|(s, e)| e > s);
    r.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(r.len());
    for (s, e) in r {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Chars covered by both fragment lists (each list's own overlaps counted once).
pub(crate) fn overlap_chars(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    if let ([(s, e)], [(t, f)]) = (a, b) {
        // One fragment each, the common case: no lists to build.
        return (*e.min(f)).saturating_sub(*s.max(t));
    }
    let (a, b) = (union(a.to_vec()), union(b.to_vec()));
    let (mut i, mut j, mut total) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (s, e) = (a[i].0.max(b[j].0), a[i].1.min(b[j].1));
        if e > s {
            total += e - s;
        }
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
}

/// A one-to-one matching of items by largest positive overlap, greedy: all overlapping pairs
/// sorted by overlap (descending), ties by `tie` (ascending), then by index, and taken while
/// both items are free. Returns `(i, j, overlap)` in the order they were taken.
///
/// `sure(i, j)` vouches, for two items with the same fragments (each the only one with them on
/// its side), that `tie` puts their pair before every other pair of either item with the same
/// overlap. Such a pair is certainly taken (no pair of either item overlaps more, none comes
/// first), so it is matched up front and its items' other pairs are never built: two
/// versions of a project mostly agree, and this skips most of the work.
pub(crate) fn greedy_match<K: Ord>(
    a: &[Vec<(usize, usize)>],
    b: &[Vec<(usize, usize)>],
    tie: impl Fn(usize, usize) -> K,
    sure: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize, usize)> {
    let (mut free_a, mut free_b) = (vec![true; a.len()], vec![true; b.len()]);
    let mut sure_pairs = Vec::new();
    for (i, j) in identical_pairs(a, b) {
        let o = overlap_chars(&a[i], &b[j]);
        if o > 0 && sure(i, j) {
            free_a[i] = false;
            free_b[j] = false;
            sure_pairs.push((o, i, j));
        }
    }
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    let mut keys: Vec<K> = Vec::new();
    for_intersecting_of(a, b, &free_a, &free_b, |i, j| {
        let o = overlap_chars(&a[i], &b[j]);
        if o > 0 {
            candidates.push((o, i, j));
            keys.push(tie(i, j));
        }
    });
    // By overlap (descending), then `tie`, then index. The order is total, so an unstable
    // sort gives the one result.
    // First by overlap alone (a cheap sort of numbers), then each run of equal overlaps by
    // the rest of the order.
    let mut order: Vec<(std::cmp::Reverse<usize>, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(x, &(o, _, _))| (std::cmp::Reverse(o), x))
        .collect();
    order.sort_unstable();
    for run in order.chunk_by_mut(|p, q| p.0 == q.0) {
        if run.len() > 1 {
            run.sort_unstable_by(|&(_, x), &(_, y)| {
                let ((_, i, j), (_, k, l)) = (candidates[x], candidates[y]);
                keys[x].cmp(&keys[y]).then((i, j).cmp(&(k, l)))
            });
        }
    }
    let order: Vec<usize> = order.into_iter().map(|(_, x)| x).collect();
    let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
    let mut out = Vec::new();
    for (o, i, j) in order.into_iter().map(|x| candidates[x]) {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            out.push((o, i, j));
        }
    }
    if !sure_pairs.is_empty() {
        // The pairs taken, in the order the greedy pass over all pairs takes them.
        out.extend(sure_pairs);
        let keys: Vec<K> = out.iter().map(|&(_, i, j)| tie(i, j)).collect();
        let mut order: Vec<usize> = (0..out.len()).collect();
        order.sort_unstable_by(|&x, &y| {
            let ((o, i, j), (p, k, l)) = (out[x], out[y]);
            p.cmp(&o)
                .then_with(|| keys[x].cmp(&keys[y]))
                .then((i, j).cmp(&(k, l)))
        });
        out = order.into_iter().map(|x| out[x]).collect();
    }
    out.into_iter().map(|(o, i, j)| (i, j, o)).collect()
}

/// Pairs of an item of `a` and an item of `b` with the same fragments, where no other item on
/// either side has them (found by sorting, not by comparing every pair).
fn identical_pairs(a: &[Vec<(usize, usize)>], b: &[Vec<(usize, usize)>]) -> Vec<(usize, usize)> {
    let sorted = |v: &[Vec<(usize, usize)>]| {
        let mut ix: Vec<usize> = (0..v.len()).collect();
        ix.sort_unstable_by(|&x, &y| v[x].cmp(&v[y]).then(x.cmp(&y)));
        ix
    };
    let (ia, ib) = (sorted(a), sorted(b));
    crate::work::add(ia.len() + ib.len());
    // The one item with these fragments at position p of the sorted indexes, if it is alone.
    let alone = |v: &[Vec<(usize, usize)>], ix: &[usize], p: usize| {
        let same = |q: usize| v[ix[q]] == v[ix[p]];
        let before = p > 0 && same(p - 1);
        let after = p + 1 < ix.len() && same(p + 1);
        !before && !after
    };
    let (mut p, mut q) = (0, 0);
    let mut out = Vec::new();
    while p < ia.len() && q < ib.len() {
        match a[ia[p]].cmp(&b[ib[q]]) {
            std::cmp::Ordering::Less => p += 1,
            std::cmp::Ordering::Greater => q += 1,
            std::cmp::Ordering::Equal => {
                if alone(a, &ia, p) && alone(b, &ib, q) {
                    out.push((ia[p], ib[q]));
                }
                p += 1;
                q += 1;
            }
        }
    }
    out
}

/// Call `f(i, j)` once for every pair of an item of `a` and an item of `b` whose bounds
/// (first start to last end) intersect. A sweep over both lists sorted by start, keeping the
/// items still open on each side: the work is n·log n plus the pairs found, not every pair.
#[cfg(test)]
fn for_intersecting(
    a: &[Vec<(usize, usize)>],
    b: &[Vec<(usize, usize)>],
    f: impl FnMut(usize, usize),
) {
    for_intersecting_of(a, b, &vec![true; a.len()], &vec![true; b.len()], f)
}

/// [`for_intersecting`] over the items marked in `use_a` and `use_b` only.
fn for_intersecting_of(
    a: &[Vec<(usize, usize)>],
    b: &[Vec<(usize, usize)>],
    use_a: &[bool],
    use_b: &[bool],
    mut f: impl FnMut(usize, usize),
) {
    let sorted = |v: &[Vec<(usize, usize)>], used: &[bool]| {
        let mut s: Vec<(usize, usize, usize)> = v
            .iter()
            .enumerate()
            .filter(|(i, _)| used[*i])
            .map(|(i, r)| {
                let (s, e) = bounds(r);
                (s, e, i)
            })
            .collect();
        s.sort_unstable();
        s
    };
    let (xa, xb) = (sorted(a, use_a), sorted(b, use_b));
    crate::work::add(xa.len() + xb.len());
    // Items whose start has been passed, as (end, index).
    let mut open_a: Vec<(usize, usize)> = Vec::new();
    let mut open_b: Vec<(usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < xa.len() || j < xb.len() {
        if j >= xb.len() || (i < xa.len() && xa[i].0 <= xb[j].0) {
            let (s, e, k) = xa[i];
            i += 1;
            crate::work::add(open_b.len());
            open_b.retain(|&(end, _)| end > s);
            for &(_, m) in &open_b {
                f(k, m);
            }
            open_a.push((e, k));
        } else {
            let (s, e, k) = xb[j];
            j += 1;
            crate::work::add(open_a.len());
            open_a.retain(|&(end, _)| end > s);
            for &(_, m) in &open_a {
                f(m, k);
            }
            open_b.push((e, k));
        }
    }
}

/// A fragment list as sorted `(start, end)` char ranges.
pub(crate) type Frags<'r> = &'r [(usize, usize)];

/// A tie-break key for two overlapping fragment lists that does not depend on which side each
/// is on: the closer in length first, then by the earlier of the two.
pub(crate) fn symmetric_tie<'r>(
    x: &'r [(usize, usize)],
    y: &'r [(usize, usize)],
) -> (usize, Frags<'r>, Frags<'r>) {
    let len = |r: &[(usize, usize)]| r.iter().map(|(s, e)| e - s).sum::<usize>();
    let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
    (len(x).abs_diff(len(y)), lo, hi)
}

fn bounds(r: &[(usize, usize)]) -> (usize, usize) {
    let s = r.iter().map(|x| x.0).min().unwrap_or(0);
    let e = r.iter().map(|x| x.1).max().unwrap_or(0);
    (s, e)
}

/// Pair the claims of one document: by id first (when `by_id`), then greedily by content
/// overlap among the rest; among equal overlaps, pairs with the same id, then the same
/// fragments, then the same label (by name) go first. Returns `(index in a, index in b,
/// overlap chars)`.
pub(crate) fn pair_claims(
    (pa, a): (&Project, &[&Claim]),
    (pb, b): (&Project, &[&Claim]),
    by_id: bool,
) -> Vec<(usize, usize, usize)> {
    let ra: Vec<Vec<(usize, usize)>> = a.iter().map(|c| ranges(&c.content)).collect();
    let rb: Vec<Vec<(usize, usize)>> = b.iter().map(|c| ranges(&c.content)).collect();
    let mut out = Vec::new();
    let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
    if by_id {
        let index_b: HashMap<&str, usize> = b
            .iter()
            .enumerate()
            .map(|(j, c)| (c.id.as_str(), j))
            .collect();
        for (i, c) in a.iter().enumerate() {
            if let Some(&j) = index_b.get(c.id.as_str())
                && !used_b[j]
            {
                used_a[i] = true;
                used_b[j] = true;
                out.push((i, j, overlap_chars(&ra[i], &rb[j])));
            }
        }
    }
    let free_a: Vec<usize> = (0..a.len()).filter(|&i| !used_a[i]).collect();
    let free_b: Vec<usize> = (0..b.len()).filter(|&j| !used_b[j]).collect();
    let sub_a: Vec<Vec<(usize, usize)>> = free_a.iter().map(|&i| ra[i].clone()).collect();
    let sub_b: Vec<Vec<(usize, usize)>> = free_b.iter().map(|&j| rb[j].clone()).collect();
    // Each claim's label as a number standing for its key (computed once per label id),
    // so a candidate pair compares numbers.
    let mut keys: HashMap<String, usize> = HashMap::new();
    let mut label_nums = |p: &Project, list: &[&Claim], free: &[usize]| -> Vec<usize> {
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        free.iter()
            .map(|&i| {
                let label = list[i].label.as_str();
                *by_id.entry(label).or_insert_with(|| {
                    let n = keys.len();
                    *keys.entry(label_key(p, label)).or_insert(n)
                })
            })
            .collect()
    };
    let label_a = label_nums(pa, a, &free_a);
    let label_b = label_nums(pb, b, &free_b);
    let tie = |i: usize, j: usize| {
        let (x, y) = (a[free_a[i]], b[free_b[j]]);
        (
            x.id != y.id,
            sub_a[i] != sub_b[j],
            label_a[i] != label_b[j],
            symmetric_tie(&sub_a[i], &sub_b[j]),
        )
    };
    // A pair with the same fragments is sure to be taken when the ids cannot put another
    // pair first: the same id, or neither id on the other side (see `greedy_match`).
    fn ids<'c>(list: &[&'c Claim], free: &[usize]) -> Vec<&'c str> {
        let mut v: Vec<&str> = free.iter().map(|&i| list[i].id.as_str()).collect();
        v.sort_unstable();
        v
    }
    let (ids_a, ids_b) = (ids(a, &free_a), ids(b, &free_b));
    let sure = |i: usize, j: usize| {
        let (x, y) = (a[free_a[i]], b[free_b[j]]);
        x.id == y.id
            || (ids_b.binary_search(&x.id.as_str()).is_err()
                && ids_a.binary_search(&y.id.as_str()).is_err())
    };
    for (i, j, o) in greedy_match(&sub_a, &sub_b, tie, sure) {
        out.push((free_a[i], free_b[j], o));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testutil::*;

    fn kinds(d: &DocumentComparison) -> Vec<(PairKind, Option<&str>, Option<&str>)> {
        d.pairs
            .iter()
            .map(|p| (p.kind, p.mine.as_deref(), p.theirs.as_deref()))
            .collect()
    }

    #[test]
    fn classifies_agree_partial_and_lone_claims() {
        let t = text(200);
        let mut a = project("ana", std::slice::from_ref(&t));
        let mut b = project("bo", std::slice::from_ref(&t));
        let am = source(&mut a, "Amnesty International", &["Amnesty"]);
        let bm = source(&mut b, "amnesty", &[]);
        let br = source(&mut b, "Reuters", &[]);
        claim(&mut a, "a1", "d0", "claim", &[(0, 10)], Some(&am));
        claim(&mut b, "b1", "d0", "claim", &[(0, 10)], Some(&bm));
        // Same fragments, another source.
        claim(&mut a, "a2", "d0", "claim", &[(20, 30)], Some(&am));
        claim(&mut b, "b2", "d0", "claim", &[(20, 30)], Some(&br));
        // Overlap and another label.
        claim(&mut a, "a3", "d0", "claim", &[(40, 60)], None);
        claim(&mut b, "b3", "d0", "opinion", &[(45, 60)], None);
        claim(&mut a, "a4", "d0", "claim", &[(100, 110)], None);
        claim(&mut b, "b4", "d0", "claim", &[(150, 160)], None);
        let c = compare(&a, &b);
        assert_eq!(c.documents.len(), 1);
        let d = &c.documents[0];
        assert_eq!(
            kinds(d),
            vec![
                (PairKind::Agree, Some("a1"), Some("b1")),
                (PairKind::Partial, Some("a2"), Some("b2")),
                (PairKind::Partial, Some("a3"), Some("b3")),
                (PairKind::OnlyMine, Some("a4"), None),
                (PairKind::OnlyTheirs, None, Some("b4")),
            ]
        );
        assert_eq!(d.pairs[1].differences, vec![Difference::Source]);
        assert_eq!(
            d.pairs[2].differences,
            vec![Difference::Fragments, Difference::Label]
        );
        assert_eq!(d.pairs[2].overlap, 15);
        let n = c.counts();
        assert_eq!(
            (n.agree, n.partial, n.only_mine, n.only_theirs),
            (1, 2, 1, 1)
        );
        assert_eq!(n.disagreements(), 4);
        assert_eq!(d.disagreements().count(), 4);
        assert_eq!(
            d.pair_of_theirs("b3").and_then(|p| p.mine.as_deref()),
            Some("a3")
        );
    }

    #[test]
    fn joint_sources_agree_only_as_the_same_set() {
        let t = text(200);
        let mut a = project("ana", std::slice::from_ref(&t));
        let mut b = project("bo", std::slice::from_ref(&t));
        let (fb, gg) = (
            source(&mut a, "Facebook", &["Meta"]),
            source(&mut a, "Google", &[]),
        );
        let (meta, google, yt) = (
            source(&mut b, "Meta Platforms", &["meta"]),
            source(&mut b, "google", &[]),
            source(&mut b, "YouTube", &[]),
        );
        // The same set, in another order and under other registry names: agree.
        claim(&mut a, "a1", "d0", "claim", &[(0, 10)], Some(&fb));
        joint(&mut a, "a1", &[&fb, &gg]);
        claim(&mut b, "b1", "d0", "claim", &[(0, 10)], Some(&google));
        joint(&mut b, "b1", &[&google, &meta]);
        // A partial overlap: Facebook and Google against Facebook alone.
        claim(&mut a, "a2", "d0", "claim", &[(20, 30)], Some(&fb));
        joint(&mut a, "a2", &[&fb, &gg]);
        claim(&mut b, "b2", "d0", "claim", &[(20, 30)], Some(&meta));
        // As many sources, not the same ones.
        claim(&mut a, "a3", "d0", "claim", &[(40, 50)], Some(&fb));
        joint(&mut a, "a3", &[&fb, &gg]);
        claim(&mut b, "b3", "d0", "claim", &[(40, 50)], Some(&meta));
        joint(&mut b, "b3", &[&meta, &yt]);
        // Joint against none at all.
        claim(&mut a, "a4", "d0", "claim", &[(60, 70)], Some(&fb));
        joint(&mut a, "a4", &[&fb, &gg]);
        claim(&mut b, "b4", "d0", "claim", &[(60, 70)], None);
        let c = compare(&a, &b);
        let d = &c.documents[0];
        let diff = |m: &str| d.pair_of_mine(m).map(|p| p.differences.clone());
        assert_eq!(d.pair_of_mine("a1").map(|p| p.kind), Some(PairKind::Agree));
        for m in ["a2", "a3", "a4"] {
            assert_eq!(diff(m), Some(vec![Difference::Source]), "{m}");
        }
        // Symmetric, and a pairing is one-to-one: two of mine that both match one of theirs
        // are not the same set as that one and another.
        assert!(same_sources(
            &b,
            &[google.clone(), meta.clone()],
            &a,
            &[fb.clone(), gg.clone()]
        ));
        let fb2 = source(&mut a, "Facebook Inc", &["Meta"]);
        assert!(!same_sources(
            &a,
            &[fb.clone(), fb2],
            &b,
            &[meta.clone(), google.clone()]
        ));
        assert!(same_sources(&a, &[], &b, &[]));
    }

    #[test]
    fn one_to_one_greedy_by_largest_overlap() {
        let t = text(100);
        let mut a = project("ana", std::slice::from_ref(&t));
        let mut b = project("bo", std::slice::from_ref(&t));
        // b1 overlaps a1 by 5 and a2 by 20: it goes to a2; a1 then takes b2 (overlap 3).
        claim(&mut a, "a1", "d0", "claim", &[(0, 10)], None);
        claim(&mut a, "a2", "d0", "claim", &[(10, 40)], None);
        claim(&mut b, "b1", "d0", "claim", &[(5, 30)], None);
        claim(&mut b, "b2", "d0", "claim", &[(2, 5)], None);
        let c = compare(&a, &b);
        let d = &c.documents[0];
        let find = |m: &str| d.pair_of_mine(m).and_then(|p| p.theirs.clone());
        assert_eq!(find("a2").as_deref(), Some("b1"));
        assert_eq!(find("a1").as_deref(), Some("b2"));
        assert_eq!(d.pair_of_mine("a2").map(|p| p.overlap), Some(20));
    }

    #[test]
    fn same_ids_pair_first_even_when_spans_moved() {
        let t = text(100);
        let mut a = project("ana", std::slice::from_ref(&t));
        let mut b = a.clone();
        claim(&mut a, "x", "d0", "claim", &[(0, 10)], None);
        claim(&mut a, "y", "d0", "claim", &[(0, 10)], None);
        claim(&mut b, "x", "d0", "claim", &[(50, 60)], None);
        claim(&mut b, "y", "d0", "claim", &[(0, 10)], None);
        let c = compare(&a, &b);
        let d = &c.documents[0];
        assert_eq!(d.pairs.len(), 2);
        let x = d.pair_of_mine("x");
        assert_eq!(x.and_then(|p| p.theirs.as_deref()), Some("x"));
        assert_eq!(
            x.map(|p| p.differences.clone()),
            Some(vec![Difference::Fragments])
        );
        assert_eq!(d.pair_of_mine("y").map(|p| p.kind), Some(PairKind::Agree));
    }

    #[test]
    fn documents_match_by_text_hash_not_id() {
        let (t1, t2, t3) = (text(50), "other text".to_string(), "third".to_string());
        let a = project("ana", &[t1.clone(), t2]);
        let mut b = project("bo", &[t3, t1]);
        b.documents[1].id = "theirs-doc".into();
        let c = compare(&a, &b);
        assert_eq!(c.documents.len(), 1);
        assert_eq!(c.documents[0].mine, "d0");
        assert_eq!(c.documents[0].theirs, "theirs-doc");
        assert_eq!(c.only_mine, vec!["d1".to_string()]);
        assert_eq!(c.only_theirs, vec!["d0".to_string()]);
        assert!(c.document("d0").is_some());
        assert!(c.document_of_theirs("theirs-doc").is_some());
    }

    #[test]
    fn sources_match_by_any_name_or_alias_after_nfc() {
        let mut a = project("ana", &[]);
        let mut b = project("bo", &[]);
        let vn = source(&mut a, "Bo\u{0323}\u{0302} Ngoa\u{0323}i giao", &["MOFA"]);
        let vn2 = source(&mut b, "Foreign Ministry", &["bộ ngoại giao"]);
        let mofa = source(&mut b, "mofa", &[]);
        let other = source(&mut b, "Ministry", &["Foreign"]);
        assert!(same_source(&a, &vn, &b, &vn2));
        assert!(same_source(&b, &vn2, &a, &vn));
        assert!(same_source(&a, &vn, &b, &mofa));
        assert!(!same_source(&a, &vn, &b, &other));
        assert!(!same_source(&a, "missing", &b, &mofa));
    }

    #[test]
    fn a_project_agrees_with_itself() {
        let t = text(100);
        let mut a = project("ana", std::slice::from_ref(&t));
        let s = source(&mut a, "Reuters", &[]);
        claim(&mut a, "a1", "d0", "claim", &[(0, 10), (20, 30)], Some(&s));
        claim(&mut a, "a2", "d0", "opinion", &[(0, 10), (20, 30)], None);
        claim(&mut a, "a3", "d0", "claim", &[(5, 25)], None);
        let c = compare(&a, &a);
        let n = c.counts();
        assert_eq!((n.agree, n.disagreements()), (3, 0));
        for p in &c.documents[0].pairs {
            assert_eq!(p.mine, p.theirs);
        }
    }

    #[test]
    fn overlap_counts_chars_of_multi_fragment_claims_once() {
        assert_eq!(overlap_chars(&[(0, 10), (20, 30)], &[(5, 25)]), 10);
        assert_eq!(overlap_chars(&[(0, 10), (5, 15)], &[(0, 20)]), 15);
        assert_eq!(overlap_chars(&[(0, 10)], &[(10, 20)]), 0);
        assert_eq!(
            union(vec![(5, 8), (0, 3), (2, 4), (8, 9)]),
            vec![(0, 4), (5, 8), (8, 9)]
        );
    }

    proptest::proptest! {
        /// The sweep finds exactly the pairs whose bounds intersect, each once.
        #[test]
        fn the_sweep_finds_every_intersecting_pair_once(
            a in proptest::collection::vec(proptest::collection::vec((0usize..60, 0usize..12), 1..3), 0..12),
            b in proptest::collection::vec(proptest::collection::vec((0usize..60, 0usize..12), 1..3), 0..12),
        ) {
            let fix = |v: Vec<Vec<(usize, usize)>>| -> Vec<Vec<(usize, usize)>> {
                v.into_iter()
                    .map(|r| {
                        let mut r: Vec<(usize, usize)> = r.into_iter().map(|(s, l)| (s, s + l)).collect();
                        r.sort_unstable();
                        r
                    })
                    .collect()
            };
            let (a, b) = (fix(a), fix(b));
            let mut found = Vec::new();
            for_intersecting(&a, &b, |i, j| found.push((i, j)));
            let mut want = Vec::new();
            for (i, x) in a.iter().enumerate() {
                for (j, y) in b.iter().enumerate() {
                    let ((xs, xe), (ys, ye)) = (bounds(x), bounds(y));
                    if xs < ye && ys < xe {
                        want.push((i, j));
                    }
                }
            }
            let n = found.len();
            found.sort_unstable();
            found.dedup();
            proptest::prop_assert_eq!(found.len(), n, "a pair was reported twice");
            // Pairs of an empty item may or may not be reported; they overlap by 0 chars.
            let nonempty = |r: &Vec<(usize, usize)>| { let (s, e) = bounds(r); e > s };
            found.retain(|&(i, j)| nonempty(&a[i]) && nonempty(&b[j]));
            want.retain(|&(i, j)| nonempty(&a[i]) && nonempty(&b[j]));
            proptest::prop_assert_eq!(found, want);
        }
    }

    /// The greedy matching as first written: every pair compared, sorted by the whole order.
    fn greedy_reference<K: Ord>(
        a: &[Vec<(usize, usize)>],
        b: &[Vec<(usize, usize)>],
        tie: impl Fn(usize, usize) -> K,
    ) -> Vec<(usize, usize, usize)> {
        let mut candidates = Vec::new();
        for (i, x) in a.iter().enumerate() {
            for (j, y) in b.iter().enumerate() {
                let o = overlap_chars(x, y);
                if o > 0 {
                    candidates.push((std::cmp::Reverse(o), tie(i, j), i, j));
                }
            }
        }
        candidates.sort();
        let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
        let mut out = Vec::new();
        for (o, _, i, j) in candidates {
            if !used_a[i] && !used_b[j] {
                used_a[i] = true;
                used_b[j] = true;
                out.push((i, j, o.0));
            }
        }
        out
    }

    fn lists() -> impl proptest::strategy::Strategy<Value = Vec<Vec<(usize, usize)>>> {
        use proptest::prelude::*;
        proptest::collection::vec(
            proptest::collection::vec((0usize..30, 0usize..8), 1..3).prop_map(|r| {
                let mut r: Vec<(usize, usize)> = r.into_iter().map(|(s, l)| (s, s + l)).collect();
                r.sort_unstable();
                r
            }),
            0..14,
        )
    }

    proptest::proptest! {
        /// Matching equal pairs up front and sweeping for the rest takes the same pairs, in the
        /// same order, as comparing every pair: for distinct units (the measures) and for
        /// claims with ids, repeated fragments and labels (the pairing of claims).
        #[test]
        fn the_greedy_matching_is_the_one_over_every_pair(
            a in lists(),
            b in lists(),
            ids_a in proptest::collection::vec(0u8..6, 14),
            ids_b in proptest::collection::vec(0u8..6, 14),
            labels in proptest::collection::vec(0u8..2, 28),
        ) {
            // Two versions mostly agree: half of b's items copy a's.
            let mut b = b;
            for (k, item) in b.iter_mut().enumerate() {
                if k < a.len() && labels[k] == 0 {
                    *item = a[(k * 7) % a.len()].clone();
                }
            }
            // Claims: ids may repeat across sides, fragments within a side.
            let tie = |i: usize, j: usize| {
                (ids_a[i] != ids_b[j], a[i] != b[j], labels[i] != labels[14 + j], symmetric_tie(&a[i], &b[j]))
            };
            let sure = |i: usize, j: usize| {
                ids_a[i] == ids_b[j]
                    || (!ids_b[..b.len()].contains(&ids_a[i]) && !ids_a[..a.len()].contains(&ids_b[j]))
            };
            proptest::prop_assert_eq!(greedy_match(&a, &b, tie, sure), greedy_reference(&a, &b, tie));
            // Units: each side distinct.
            let distinct = |v: &Vec<Vec<(usize, usize)>>| {
                let mut out: Vec<Vec<(usize, usize)>> = Vec::new();
                for r in v {
                    if !out.contains(r) {
                        out.push(r.clone());
                    }
                }
                out
            };
            let (x, y) = (distinct(&a), distinct(&b));
            let tie = |i: usize, j: usize| (x[i] != y[j], symmetric_tie(&x[i], &y[j]));
            proptest::prop_assert_eq!(
                greedy_match(&x, &y, tie, |_, _| true),
                greedy_reference(&x, &y, tie)
            );
        }
    }
}
