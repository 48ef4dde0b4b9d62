//! The registry across articles: resolving a name to a source ([`Resolver`]), proposing merges
//! of a registry that holds duplicates ([`clusters`]), and the edits that merge, split and
//! remember "not the same".

use super::IdentityError;
use super::chain::Entity;
use super::names::{self, Name, conflict, fingerprint, similarity};
use crate::edit::Edit;
use crate::model::{NotSame, Project, Source, SourceKind, name_key};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

/// How a name was found in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// The same name or alias (case, spacing, outer punctuation aside).
    Exact,
    /// The same fingerprint (honorific, possessive, middle initial, word order aside).
    Key,
    /// The same first and last name, middle names differing.
    FirstLast,
    /// A surname alone, and the registry has one person of that surname (or a full name, and
    /// the registry has that surname alone and no other person of that surname).
    Surname,
}

/// A source found for a name.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<'r> {
    pub id: &'r str,
    pub how: How,
}

/// The registry's names, indexed for resolving mentions: built once from the sources
/// ([`Resolver::of`]), added to as an import creates sources ([`Resolver::add`]).
#[derive(Debug, Default, Clone)]
pub struct Resolver {
    ids: Vec<String>,
    /// The fullest parsed name of each source.
    best: Vec<Name>,
    exact: FxHashMap<String, usize>,
    keys: FxHashMap<String, usize>,
    first_last: FxHashMap<(String, String), Vec<usize>>,
    /// Last word of personal names of two words or more → sources.
    surnames: FxHashMap<String, Vec<usize>>,
    by_id: FxHashMap<String, usize>,
}

impl Resolver {
    pub fn of<'a>(sources: impl IntoIterator<Item = &'a Source>) -> Resolver {
        let mut r = Resolver::default();
        for s in sources {
            r.add(s);
        }
        r
    }

    /// Add a source (or a source's new names: adding a source again adds its names).
    pub fn add(&mut self, s: &Source) {
        if s.kind == SourceKind::Anonymous {
            return;
        }
        let i = match self.by_id.get(&s.id) {
            Some(&i) => i,
            None => {
                self.ids.push(s.id.clone());
                self.best.push(Name::default());
                self.by_id.insert(s.id.clone(), self.ids.len() - 1);
                self.ids.len() - 1
            }
        };
        for n in s.names() {
            self.add_name(i, n);
        }
    }

    fn add_name(&mut self, i: usize, n: &str) {
        let k = name_key(n);
        if k.is_empty() {
            return;
        }
        self.exact.entry(k).or_insert(i);
        let name = Name::parse(n);
        let key = name.key();
        if key.is_empty() {
            return;
        }
        self.keys.entry(key).or_insert(i);
        if name.words.len() >= 2
            && name.looks_personal()
            && let (Some(f), Some(l)) = (name.first(), name.last())
        {
            {
                let v = self
                    .first_last
                    .entry((f.to_string(), l.to_string()))
                    .or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
                let v = self.surnames.entry(l.to_string()).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        if name.words.len() > self.best[i].words.len() {
            self.best[i] = name;
        }
    }

    /// The source `name` names, if the registry has exactly one it can be.
    pub fn find(&self, name: &str) -> Option<Found<'_>> {
        let k = name_key(name);
        if k.is_empty() {
            return None;
        }
        let found = |i: usize, how| {
            Some(Found {
                id: self.ids[i].as_str(),
                how,
            })
        };
        if let Some(&i) = self.exact.get(&k) {
            return found(i, How::Exact);
        }
        let n = Name::parse(name);
        let key = n.key();
        if key.is_empty() || names::not_a_name(name) {
            return None;
        }
        if let Some(&i) = self.keys.get(&key) {
            if !conflict(&self.best[i], &n) {
                return found(i, How::Key);
            }
            return None;
        }
        if n.words.len() >= 2 && n.looks_personal() {
            let (f, l) = (n.first()?, n.last()?);
            if let Some(v) = self.first_last.get(&(f.to_string(), l.to_string()))
                && let [i] = v.as_slice()
            {
                return found(*i, How::FirstLast);
            }
            // The registry has the surname alone ("Trump"), and no other person of it.
            if let Some(&i) = self.keys.get(l)
                && self.best[i].words.len() == 1
                && !self
                    .surnames
                    .get(l)
                    .is_some_and(|v| v.iter().any(|&j| conflict(&self.best[j], &n)))
            {
                return found(i, How::Surname);
            }
            return None;
        }
        if n.words.len() == 1 {
            let w = &n.words[0];
            if let Some(v) = self.surnames.get(w) {
                let fit: Vec<usize> = v
                    .iter()
                    .copied()
                    .filter(|&j| !conflict(&self.best[j], &n))
                    .collect();
                if let [i] = fit.as_slice() {
                    return found(*i, How::Surname);
                }
            }
        }
        None
    }

    /// The source an article's entity is: its fullest name first, then its other forms.
    /// A shorter form the article also used ("Clinton") is taken only for a source whose name
    /// agrees with the fullest one ("Hillary Clinton" never finds Bill Clinton's source by his
    /// alias "Clinton").
    pub fn find_entity(&self, e: &Entity) -> Option<Found<'_>> {
        if let Some(f) = self.find(&e.name) {
            return Some(f);
        }
        let full = Name::parse(&e.name);
        e.names.iter().find_map(|n| {
            let f = self.find(n)?;
            let i = *self.by_id.get(f.id)?;
            (!conflict(&self.best[i], &full)).then_some(f)
        })
    }
}

/// A new registry source for an article's entity: its fullest name, kind from what the text
/// shows, and as aliases the forms whose key differs from the name's ("Trump" for "Donald
/// Trump"), not mere variants of case, honorific or possessive.
pub fn source_for_entity(e: &Entity, id: String) -> Source {
    let key = fingerprint(&e.name);
    let mut aliases: Vec<String> = Vec::new();
    for n in &e.names {
        let k = fingerprint(n);
        if k != key && !aliases.iter().any(|a| fingerprint(a) == k) {
            aliases.push(Name::parse(n).display());
        }
    }
    Source {
        id,
        name: e.name.clone(),
        kind: match e.kind {
            super::chain::EntityKind::Person => SourceKind::Person,
            super::chain::EntityKind::Organization => SourceKind::Organization,
            _ => SourceKind::Unknown,
        },
        aliases,
        note: String::new(),
    }
}

/// How a cluster was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// The members' fingerprints collide.
    KeyCollision,
    /// The members' names are near by edit distance and shared words.
    NearestNeighbour,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::KeyCollision => "key-collision",
            Method::NearestNeighbour => "nearest-neighbour",
        }
    }
}

/// A proposed merge: sources that look like one person or body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// Source ids; the first is the proposed one to keep (most claims, then fullest name).
    pub members: Vec<String>,
    pub method: Method,
    /// 1 for a key collision; the weakest link's similarity otherwise.
    pub score: f32,
}

/// Below this similarity two names are not proposed as one.
pub const NEAR: f32 = 0.8;

/// Union-find over node indexes, with members kept per root.
struct Groups {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n).collect(),
            members: (0..n).map(|i| vec![i]).collect(),
        }
    }
    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return;
        }
        let (big, small) = if self.members[ra].len() >= self.members[rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small] = big;
        let moved = std::mem::take(&mut self.members[small]);
        self.members[big].extend(moved);
    }
}

/// How many claims name each source (as a source or via).
pub fn claim_counts(p: &Project) -> FxHashMap<&str, usize> {
    let mut n: FxHashMap<&str, usize> = FxHashMap::default();
    for c in &p.claims {
        if let Some(a) = &c.attribution {
            for s in &a.sources {
                *n.entry(s.as_str()).or_default() += 1;
            }
            if let Some(v) = &a.via
                && !a.sources.contains(v)
            {
                *n.entry(v.as_str()).or_default() += 1;
            }
        }
    }
    n
}

/// Proposed merges of the registry, OpenRefine's way: sources whose fingerprints collide
/// first, then (counting each collision as one) sources whose names are near by
/// [`similarity`] ≥ [`NEAR`]. Never proposed together: people with different first names of
/// one surname, honorifics of different genders, a surname alone that two full names share,
/// pairs marked "not the same", the anonymous source. Clusters are sorted by size, largest
/// first. Candidate pairs come from shared distinctive words and neighbours in key order, so
/// ten thousand sources take milliseconds, not the hundred million comparisons of all pairs.
pub fn clusters(p: &Project) -> Vec<Cluster> {
    let counts = claim_counts(p);
    let srcs: Vec<&Source> = p
        .sources
        .iter()
        .filter(|s| s.kind != SourceKind::Anonymous)
        .collect();
    let n = srcs.len();
    // Each source's names, parsed (the name first; at most eight).
    let parsed: Vec<Vec<Name>> = srcs
        .iter()
        .map(|s| {
            let mut v: Vec<Name> = Vec::new();
            for x in s.names().take(8) {
                let nm = Name::parse(x);
                if !nm.words.is_empty() && !v.iter().any(|y| y.key() == nm.key()) {
                    v.push(nm);
                }
            }
            v
        })
        .collect();
    let distinct: FxHashSet<(&str, &str)> = p
        .distinct
        .iter()
        .flat_map(|d| [(d.a.as_str(), d.b.as_str()), (d.b.as_str(), d.a.as_str())])
        .collect();
    let vetoed = |i: usize, j: usize| -> bool {
        distinct.contains(&(srcs[i].id.as_str(), srcs[j].id.as_str()))
            || parsed[i]
                .iter()
                .any(|a| parsed[j].iter().any(|b| conflict(a, b)))
    };
    let mut g = Groups::new(n);
    // May the groups of a and b join?
    let can_join = |g: &mut Groups, a: usize, b: usize| -> bool {
        let (ra, rb) = (g.root(a), g.root(b));
        if ra == rb {
            return false;
        }
        let (ma, mb) = (&g.members[ra], &g.members[rb]);
        !ma.iter().any(|&x| mb.iter().any(|&y| vetoed(x, y)))
    };

    // 1. Key collision.
    let mut by_key: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, names) in parsed.iter().enumerate() {
        for nm in names {
            let v = by_key.entry(nm.key()).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    let mut keys: Vec<&String> = by_key.keys().collect();
    keys.sort();
    for k in &keys {
        let v = &by_key[*k];
        for &j in &v[1..] {
            if can_join(&mut g, v[0], j) {
                g.union(v[0], j);
            }
        }
    }
    let collided: Vec<usize> = (0..n).map(|i| g.root(i)).collect();

    // 2. Nearest neighbour, between groups.
    let mut pairs: FxHashSet<(usize, usize)> = FxHashSet::default();
    let mut by_word: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, names) in parsed.iter().enumerate() {
        for nm in names {
            for w in &nm.words {
                if !names::is_function_word(w) && !names::is_org_word(w) && !names::is_place_word(w)
                {
                    let v = by_word.entry(w.as_str()).or_default();
                    if v.last() != Some(&i) {
                        v.push(i);
                    }
                }
            }
        }
    }
    for v in by_word.values() {
        // A word many sources share ("John") is no block worth comparing all pairs of.
        if v.len() > 60 {
            continue;
        }
        for (x, &a) in v.iter().enumerate() {
            for &b in &v[x + 1..] {
                if collided[a] != collided[b] {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    // Neighbours in key order (typos in a first word), and acronyms against initials.
    let mut order: Vec<(String, usize)> = parsed
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.first().map(|nm| (nm.key(), i)))
        .collect();
    order.sort();
    for x in 0..order.len() {
        for y in x + 1..(x + 4).min(order.len()) {
            let (a, b) = (order[x].1, order[y].1);
            if collided[a] != collided[b] {
                pairs.insert((a.min(b), a.max(b)));
            }
        }
    }
    let mut initials: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, names) in parsed.iter().enumerate() {
        for nm in names.iter().filter(|nm| nm.words.len() >= 2) {
            let acro: String = nm
                .shown
                .iter()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_lowercase)
                .collect();
            if acro.chars().count() >= 2 {
                initials.entry(acro).or_default().push(i);
            }
        }
    }
    for (i, names) in parsed.iter().enumerate() {
        for nm in names.iter().filter(|nm| nm.words.len() == 1) {
            if let Some(v) = initials.get(&nm.words[0]) {
                for &j in v {
                    if collided[i] != collided[j] {
                        pairs.insert((i.min(j), i.max(j)));
                    }
                }
            }
        }
    }
    let mut edges: Vec<(f32, usize, usize)> = Vec::new();
    for (a, b) in pairs {
        let s = parsed[a]
            .iter()
            .flat_map(|x| parsed[b].iter().map(move |y| similarity(x, y)))
            .fold(0.0f32, f32::max);
        if s >= NEAR {
            edges.push((s, a, b));
        }
    }
    // A surname alone near two different full names is no one's.
    let mut surname_partners: FxHashMap<usize, FxHashSet<usize>> = FxHashMap::default();
    for &(_, a, b) in &edges {
        for (x, y) in [(a, b), (b, a)] {
            if parsed[x].iter().all(|nm| nm.words.len() == 1)
                && parsed[y].iter().any(|nm| nm.words.len() >= 2)
            {
                surname_partners.entry(x).or_default().insert(collided[y]);
            }
        }
    }
    edges.retain(|&(_, a, b)| {
        [a, b]
            .iter()
            .all(|x| surname_partners.get(x).is_none_or(|s| s.len() <= 1))
    });
    edges.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut weakest: FxHashMap<usize, f32> = FxHashMap::default();
    let mut near_joined: FxHashSet<usize> = FxHashSet::default();
    for (s, a, b) in edges {
        if can_join(&mut g, a, b) {
            let w = [g.root(a), g.root(b)]
                .iter()
                .filter_map(|r| weakest.get(r).copied())
                .fold(s, f32::min);
            g.union(a, b);
            let r = g.root(a);
            weakest.insert(r, w);
            near_joined.insert(r);
        }
    }
    let mut out: Vec<Cluster> = Vec::new();
    for i in 0..n {
        if g.root(i) != i || g.members[i].len() < 2 {
            continue;
        }
        let mut m = g.members[i].clone();
        m.sort_by(|&x, &y| {
            let cx = counts.get(srcs[x].id.as_str()).copied().unwrap_or(0);
            let cy = counts.get(srcs[y].id.as_str()).copied().unwrap_or(0);
            cy.cmp(&cx)
                .then(
                    parsed[y]
                        .first()
                        .map_or(0, |nm| nm.words.len())
                        .cmp(&parsed[x].first().map_or(0, |nm| nm.words.len())),
                )
                .then(srcs[x].name.cmp(&srcs[y].name))
        });
        let near = near_joined.contains(&i);
        out.push(Cluster {
            members: m.iter().map(|&k| srcs[k].id.clone()).collect(),
            method: if near {
                Method::NearestNeighbour
            } else {
                Method::KeyCollision
            },
            score: if near {
                weakest.get(&i).copied().unwrap_or(NEAR)
            } else {
                1.0
            },
        });
    }
    out.sort_by(|a, b| {
        (a.method as u8)
            .cmp(&(b.method as u8))
            .then(b.members.len().cmp(&a.members.len()))
            .then(a.members.cmp(&b.members))
    });
    out
}

/// One registry source for listing (`claimtrace sources --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRow {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub aliases: Vec<String>,
    /// Claims that name it (as a source or via).
    pub claims: usize,
}

/// The registry, one row per source, in registry order.
pub fn rows(p: &Project) -> Vec<SourceRow> {
    let counts = claim_counts(p);
    p.sources
        .iter()
        .map(|s| SourceRow {
            id: s.id.clone(),
            name: s.name.clone(),
            kind: s.kind.as_str(),
            aliases: s.aliases.clone(),
            claims: counts.get(s.id.as_str()).copied().unwrap_or(0),
        })
        .collect()
}

/// The claims (ids) of each source, in project order: what Tidy shows beside each member.
pub fn claims_by_source(p: &Project) -> FxHashMap<&str, Vec<&str>> {
    let mut out: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for c in &p.claims {
        if let Some(a) = &c.attribution {
            for s in a.sources.iter().chain(a.via.iter()) {
                let v = out.entry(s.as_str()).or_default();
                if v.last() != Some(&c.id.as_str()) {
                    v.push(c.id.as_str());
                }
            }
        }
    }
    out
}

/// Merge the sources `members` into `into`, as one undoable edit: every claim that names a
/// member (as a source or via) names `into` (once, in a joint claim), the members' names and
/// aliases become aliases of `into` (a name `into` already answers to is not repeated), a
/// member's kind is taken when `into`'s is unknown, and the members are removed. `into` among
/// `members` is ignored.
pub fn merge(p: &Project, members: &[String], into: &str) -> Result<Edit, IdentityError> {
    merge_as(p, members, into, None)
}

/// [`merge`], and the kept source renamed to `name` in the same edit (its old name becomes an
/// alias; `None`, empty or the same name: no rename).
pub fn merge_as(
    p: &Project,
    members: &[String],
    into: &str,
    name: Option<&str>,
) -> Result<Edit, IdentityError> {
    let keep = p
        .source(into)
        .ok_or_else(|| IdentityError::UnknownSource(into.to_string()))?;
    let mut others: Vec<&Source> = Vec::new();
    for m in members {
        if m == into || others.iter().any(|o| &o.id == m) {
            continue;
        }
        others.push(
            p.source(m)
                .ok_or_else(|| IdentityError::UnknownSource(m.clone()))?,
        );
    }
    if others.is_empty() {
        return Err(IdentityError::NothingToMerge(into.to_string()));
    }
    let gone: FxHashSet<&str> = others.iter().map(|o| o.id.as_str()).collect();
    let mut edits = Vec::new();
    for c in &p.claims {
        let Some(a) = &c.attribution else { continue };
        let touched = a.sources.iter().any(|s| gone.contains(s.as_str()))
            || a.via.as_deref().is_some_and(|v| gone.contains(v));
        if !touched {
            continue;
        }
        let mut c = c.clone();
        if let Some(a) = c.attribution.as_mut() {
            let mut list: Vec<String> = Vec::with_capacity(a.sources.len());
            for s in &a.sources {
                let s = if gone.contains(s.as_str()) {
                    into
                } else {
                    s.as_str()
                };
                if !list.iter().any(|x| x == s) {
                    list.push(s.to_string());
                }
            }
            a.sources = list;
            if a.via.as_deref().is_some_and(|v| gone.contains(v)) {
                a.via = Some(into.to_string());
            }
        }
        edits.push(Edit::ReplaceClaim { claim: Box::new(c) });
    }
    let mut merged = keep.clone();
    for o in &others {
        for n in o.names() {
            if !merged.is_named(n) {
                merged.aliases.push(n.to_string());
            }
        }
        if merged.kind == SourceKind::Unknown {
            merged.kind = o.kind;
        }
        if merged.note.is_empty() {
            merged.note = o.note.clone();
        }
    }
    if let Some(name) = name
        .map(str::trim)
        .filter(|n| !n.is_empty() && *n != merged.name)
    {
        let old = std::mem::replace(&mut merged.name, name.to_string());
        merged.aliases.retain(|a| name_key(a) != name_key(name));
        if !merged.is_named(&old) {
            merged.aliases.push(old);
        }
    }
    edits.push(Edit::ReplaceSource { source: merged });
    for o in &others {
        edits.push(Edit::RemoveSource { id: o.id.clone() });
    }
    let kept = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(&keep.name);
    let what = if others.len() == 1 {
        format!("merge {} into {kept}", others[0].name)
    } else {
        format!("merge {} sources into {kept}", others.len())
    };
    Ok(Edit::Batch { what, edits })
}

/// Split names off source `id` into a new source, as one undoable edit: the new source is
/// named `names[0]` (the others its aliases, same kind), those names leave `id`'s aliases, the
/// claims of `id` whose mention is one of them (by fingerprint) move to it, and the two are
/// remembered as not the same. Returns the edit and the new source's id.
pub fn split(p: &Project, id: &str, names: &[String]) -> Result<(Edit, String), IdentityError> {
    let old = p
        .source(id)
        .ok_or_else(|| IdentityError::UnknownSource(id.to_string()))?;
    let names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    let Some(first) = names.first() else {
        return Err(IdentityError::NothingToSplit(old.name.clone()));
    };
    if names.iter().any(|n| name_key(n) == name_key(&old.name)) {
        return Err(IdentityError::SplitOwnName(old.name.clone()));
    }
    let new_id = p.fresh_source_id(first);
    let keys: FxHashSet<String> = names.iter().map(|n| fingerprint(n)).collect();
    let new = Source {
        id: new_id.clone(),
        name: first.to_string(),
        kind: old.kind,
        aliases: names[1..].iter().map(|n| n.to_string()).collect(),
        note: String::new(),
    };
    let mut kept = old.clone();
    kept.aliases
        .retain(|a| !names.iter().any(|n| name_key(n) == name_key(a)));
    let mut edits = vec![
        Edit::InsertSource {
            index: p.sources.len(),
            source: new,
        },
        Edit::ReplaceSource { source: kept },
    ];
    for c in &p.claims {
        let Some(a) = &c.attribution else { continue };
        if !a.sources.iter().any(|s| s == id) {
            continue;
        }
        let mention: String = a
            .mention
            .iter()
            .map(|m| m.exact.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if !keys.contains(&fingerprint(&mention)) {
            continue;
        }
        let mut c = c.clone();
        if let Some(a) = c.attribution.as_mut() {
            for s in a.sources.iter_mut() {
                if s == id {
                    *s = new_id.clone();
                }
            }
        }
        edits.push(Edit::ReplaceClaim { claim: Box::new(c) });
    }
    let mut distinct = p.distinct.clone();
    distinct.push(NotSame::new(id, &new_id));
    edits.push(Edit::SetDistinct { distinct });
    Ok((
        Edit::Batch {
            what: format!("split {first} off {}", old.name),
            edits,
        },
        new_id,
    ))
}

/// Remember that the sources `ids` are pairwise not the same (never proposed as one again),
/// as one undoable edit; `None` when every pair is remembered already.
pub fn not_same(p: &Project, ids: &[String]) -> Result<Option<Edit>, IdentityError> {
    for id in ids {
        if p.source(id).is_none() {
            return Err(IdentityError::UnknownSource(id.clone()));
        }
    }
    let mut distinct = p.distinct.clone();
    for (k, a) in ids.iter().enumerate() {
        for b in &ids[k + 1..] {
            if a != b && !distinct.iter().any(|d| d.is(a, b)) {
                distinct.push(NotSame::new(a, b));
            }
        }
    }
    if distinct.len() == p.distinct.len() {
        return Ok(None);
    }
    Ok(Some(Edit::SetDistinct { distinct }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotator, Attribution, Claim};

    fn project() -> Project {
        let mut p = Project::new("t", Annotator::named("a"));
        let text = "Donald Trump said. Mr. Trump said. Bill Clinton said.";
        let origin = crate::model::Origin {
            imported: "2026-01-01T00:00:00Z".parse().unwrap(),
            extractor: "txt".into(),
            ..Default::default()
        };
        let mut d = crate::model::Document::new("d", text.into(), origin);
        d.id = "d".into();
        p.documents.push(d);
        for (id, name) in [
            ("dt", "Donald Trump"),
            ("mt", "Mr. Trump"),
            ("bc", "Bill Clinton"),
        ] {
            p.sources.push(Source {
                id: id.into(),
                name: name.into(),
                kind: SourceKind::Person,
                aliases: vec![],
                note: String::new(),
            });
            let mut c: Claim = crate::edit::ops::new_claim(&p, "d", "claim", &[(0, 5)]).unwrap();
            c.id = format!("c-{id}");
            c.attribution = Some(Attribution {
                sources: vec![id.into()],
                ..Default::default()
            });
            p.claims.push(c);
        }
        p
    }

    #[test]
    fn merge_as_renames_the_kept_source_in_the_same_edit_and_undoes_whole() {
        let mut p = project();
        let before = p.clone();
        let e = merge_as(&p, &["mt".into()], "dt", Some("Donald J. Trump")).unwrap();
        let inverse = e.apply(&mut p).unwrap();
        let s = p.source("dt").unwrap();
        assert_eq!(s.name, "Donald J. Trump");
        assert!(s.is_named("Donald Trump") && s.is_named("Mr. Trump"));
        assert!(p.source("mt").is_none());
        assert_eq!(p.claim("c-mt").unwrap().sources(), ["dt"]);
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn split_takes_the_names_and_their_claims_and_remembers_not_the_same() {
        let mut p = project();
        merge(&p, &["mt".into()], "dt")
            .unwrap()
            .apply(&mut p)
            .unwrap();
        // The claim's mention says which name it was made under.
        let c = p.claims.iter_mut().find(|c| c.id == "c-mt").unwrap();
        c.attribution.as_mut().unwrap().mention =
            vec![crate::text::make_span("Mr. Trump said", 0, 9)];
        let (e, id) = split(&p, "dt", &["Mr. Trump".into()]).unwrap();
        e.apply(&mut p).unwrap();
        assert_eq!(p.source(&id).unwrap().name, "Mr. Trump");
        assert!(!p.source("dt").unwrap().is_named("Mr. Trump"));
        assert_eq!(
            p.claim("c-mt").unwrap().sources(),
            std::slice::from_ref(&id)
        );
        assert_eq!(p.claim("c-dt").unwrap().sources(), ["dt"]);
        assert!(p.distinct.iter().any(|d| d.is("dt", &id)));
        assert!(clusters(&p).is_empty(), "not proposed again");
        assert_eq!(
            split(&p, "dt", &["Donald Trump".into()]).unwrap_err(),
            IdentityError::SplitOwnName("Donald Trump".into())
        );
    }
}
