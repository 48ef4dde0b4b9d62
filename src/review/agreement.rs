//! Agreement between two annotators' projects, over the documents both have (same text hash).
//!
//! - **exact F1** per role (content, mention, cue): `2·|A∩B| / (|A|+|B|)`, where a unit is a
//!   distinct (document, fragment list) pair — a claim's content fragments, or its mention's or
//!   cue's spans — counted over all matched documents.
//! - **overlap F1**: `2·|M| / (|A|+|B|)` over the same units, `M` a one-to-one matching of
//!   overlapping units, greedy by largest overlap (for units of several fragments: the total of
//!   chars both cover).
//! - **label κ**: Cohen's κ over the labels of overlap-matched claim pairs (claims matched
//!   one-to-one, greedy by largest content overlap; labels compared by name).
//! - **same source**: the share of overlap-matched claim pairs, both attributed, whose sources
//!   match ([`same_sources`]: the same set, each source of one paired with a source of the other
//!   whose name or alias it shares; a joint claim and one of only some of its sources differ).
//! - **α_u (content)**: Krippendorff's unitizing α (Krippendorff 2004, as DKPro Statistics'
//!   `KrippendorffAlphaUnitizingAgreement`) with one category, "content". The matched documents
//!   are laid end to end as one continuum (each as long as its text in chars); an annotator's
//!   content is the union of their claims' fragments, so overlapping or nested claims of one
//!   annotator count once (α_u, like DKPro, requires one annotator's units of a category not to
//!   overlap); the rest is gap.
//!
//! A measure with nothing to measure is `None` (JSON `null`), never NaN.

use super::compare::{
    greedy_match, label_key, pair_claims, ranges, same_sources, symmetric_tie, union,
};
use crate::model::{Claim, ClaimsByDocument, Project, Span};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Exact and overlap F1 of one role (content, mention or cue).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct RoleF1 {
    /// `2·|A∩B| / (|A|+|B|)` over distinct (document, fragment list) units; `None` if neither
    /// annotator has a unit of this role.
    pub exact_f1: Option<f64>,
    /// `2·|M| / (|A|+|B|)`, `M` a one-to-one greedy matching of overlapping units; `None` if
    /// neither annotator has a unit of this role.
    pub overlap_f1: Option<f64>,
}

/// The agreement measures between two projects (or a part of them: one document, one label).
/// Field names are the keys of `claimtrace agree --json`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Measures {
    /// How many documents both projects have (matched by text hash) and were measured.
    pub documents: usize,
    /// Claim content.
    pub content: RoleF1,
    /// Source mentions.
    pub mention: RoleF1,
    /// Attribution cues.
    pub cue: RoleF1,
    /// Cohen's κ over the labels of overlap-matched claim pairs; `None` without pairs, or when
    /// both annotators used one and the same label throughout (κ is then 0/0).
    pub label_kappa: Option<f64>,
    /// Share of overlap-matched claim pairs, both attributed, whose sources match; `None` if
    /// there is no such pair.
    pub same_source: Option<f64>,
    /// Krippendorff's unitizing α over claim content; `None` if no content was marked.
    pub alpha_u_content: Option<f64>,
}

/// The mean of several [`Measures`] (one per pair of annotators): each key is the mean of the
/// values that are not `None`, and `None` when all are.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct MeanMeasures {
    /// The mean number of matched documents.
    pub documents: Option<f64>,
    pub content: RoleF1,
    pub mention: RoleF1,
    pub cue: RoleF1,
    pub label_kappa: Option<f64>,
    pub same_source: Option<f64>,
    pub alpha_u_content: Option<f64>,
}

impl Measures {
    /// Every value, in the order of `agree`'s table: content, mention and cue (exact F1,
    /// overlap F1), label κ, same source, α_u.
    pub fn values(&self) -> [Option<f64>; 9] {
        [
            self.content.exact_f1,
            self.content.overlap_f1,
            self.mention.exact_f1,
            self.mention.overlap_f1,
            self.cue.exact_f1,
            self.cue.overlap_f1,
            self.label_kappa,
            self.same_source,
            self.alpha_u_content,
        ]
    }
}

impl MeanMeasures {
    /// Every value, in the order of [`Measures::values`].
    pub fn values(&self) -> [Option<f64>; 9] {
        [
            self.content.exact_f1,
            self.content.overlap_f1,
            self.mention.exact_f1,
            self.mention.overlap_f1,
            self.cue.exact_f1,
            self.cue.overlap_f1,
            self.label_kappa,
            self.same_source,
            self.alpha_u_content,
        ]
    }
}

/// The measures of one matched document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentMeasures {
    /// The document's id in my project.
    pub document: String,
    /// The document's title in my project.
    pub title: String,
    /// The measures over this document alone (`documents` is 1).
    pub measures: Measures,
}

/// The measures over the claims of one label (compared by label name).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelMeasures {
    /// The label's name (mine, else theirs).
    pub label: String,
    /// The measures over the claims with this label on both sides; `label_kappa` is `None`
    /// here (a single label).
    pub measures: Measures,
}

/// Agreement overall, per document and per label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// Over all matched documents.
    pub overall: Measures,
    /// One entry per matched document, in my project's order.
    pub documents: Vec<DocumentMeasures>,
    /// One entry per label used by a claim in a matched document on either side, by name.
    pub labels: Vec<LabelMeasures>,
}

/// The measures between two projects over all documents both have.
pub fn measure(mine: &Project, theirs: &Project) -> Measures {
    let docs = matched(mine, theirs);
    let sides = Sides::new(mine, theirs);
    measure_on(&sides, &docs, &|_| true)
}

/// The two projects with their claims grouped by document and their label keys, computed once.
struct Sides<'a> {
    mine: &'a Project,
    theirs: &'a Project,
    by_doc: [ClaimsByDocument<'a>; 2],
    /// Label id → comparison key ([`label_key`]), per side (a handful: a list is faster to
    /// search than a hash map is to hash).
    keys: [Vec<(&'a str, String)>; 2],
}

impl<'a> Sides<'a> {
    fn new(mine: &'a Project, theirs: &'a Project) -> Self {
        let keys = |p: &'a Project| {
            let mut m: Vec<(&'a str, String)> = Vec::new();
            for c in &p.claims {
                if !m.iter().any(|(id, _)| *id == c.label) {
                    m.push((c.label.as_str(), label_key(p, &c.label)));
                }
            }
            m
        };
        Sides {
            mine,
            theirs,
            by_doc: [mine.claims_by_document(), theirs.claims_by_document()],
            keys: [keys(mine), keys(theirs)],
        }
    }

    fn project(&self, side: usize) -> &'a Project {
        if side == 0 { self.mine } else { self.theirs }
    }

    /// The label key of a claim of `side` (every claim's label has one: `keys` is made from
    /// all claims).
    fn key(&self, side: usize, c: &Claim) -> &str {
        self.keys[side]
            .iter()
            .find(|(id, _)| *id == c.label)
            .map_or("", |(_, k)| k.as_str())
    }
}

/// The measures overall, per matched document and per label.
pub fn agreement(mine: &Project, theirs: &Project) -> Agreement {
    let docs = matched(mine, theirs);
    let sides = Sides::new(mine, theirs);
    let per_doc: Vec<DocCounts> = docs
        .iter()
        .map(|d| doc_counts(&sides, d, &|_| true))
        .collect();
    let overall = combine(per_doc.iter());
    let titles: HashMap<&str, &str> = mine
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.title.as_str()))
        .collect();
    let documents = docs
        .iter()
        .zip(&per_doc)
        .map(|(d, counts)| DocumentMeasures {
            document: d.mine.to_string(),
            title: titles
                .get(d.mine)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            measures: combine(std::iter::once(counts)),
        })
        .collect();
    // Labels in use, by key, with a display name (mine first).
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for side in [1, 0] {
        let p = sides.project(side);
        // The first label with each id (a short list).
        let mut label_names: Vec<(&str, &str)> = Vec::new();
        for l in &p.labels {
            if !label_names.iter().any(|(id, _)| *id == l.id) {
                label_names.push((l.id.as_str(), l.name.as_str()));
            }
        }
        // Key → the name of the last claim's label with it (a short list, then the map).
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for d in &docs {
            let doc = if side == 0 { d.mine } else { d.theirs };
            for c in sides.by_doc[side].of(doc) {
                let name = label_names
                    .iter()
                    .find(|(id, _)| *id == c.label)
                    .map_or(c.label.as_str(), |(_, n)| n);
                let key = sides.key(side, c);
                match seen.iter_mut().find(|(k, _)| *k == key) {
                    Some(entry) => entry.1 = name,
                    None => seen.push((key, name)),
                }
            }
        }
        for (key, name) in seen {
            names.insert(key.to_string(), name.to_string());
        }
    }
    let labels = names
        .into_iter()
        .map(|(key, label)| LabelMeasures {
            label,
            measures: measure_on(&sides, &docs, &|(side, c): (usize, &Claim)| {
                sides.key(side, c) == key
            }),
        })
        .collect();
    Agreement {
        overall,
        documents,
        labels,
    }
}

/// The mean over several pairs' measures (see [`MeanMeasures`]).
pub fn mean(all: &[Measures]) -> MeanMeasures {
    fn avg(v: impl Iterator<Item = Option<f64>>) -> Option<f64> {
        let (sum, n) = v.flatten().fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
        (n > 0).then(|| sum / n as f64)
    }
    let role = |f: fn(&Measures) -> RoleF1| RoleF1 {
        exact_f1: avg(all.iter().map(|m| f(m).exact_f1)),
        overlap_f1: avg(all.iter().map(|m| f(m).overlap_f1)),
    };
    MeanMeasures {
        documents: avg(all.iter().map(|m| Some(m.documents as f64))),
        content: role(|m| m.content),
        mention: role(|m| m.mention),
        cue: role(|m| m.cue),
        label_kappa: avg(all.iter().map(|m| m.label_kappa)),
        same_source: avg(all.iter().map(|m| m.same_source)),
        alpha_u_content: avg(all.iter().map(|m| m.alpha_u_content)),
    }
}

/// A document both projects have.
#[derive(Debug, Clone, Copy)]
struct Matched<'a> {
    mine: &'a str,
    theirs: &'a str,
    len: usize,
}

fn matched<'a>(mine: &'a Project, theirs: &'a Project) -> Vec<Matched<'a>> {
    let mut used = HashSet::new();
    let mut out = Vec::new();
    let by_hash = theirs.documents_by_hash();
    for d in &mine.documents {
        if let Some(o) = by_hash.get(d.sha256.as_str())
            && used.insert(o.id.as_str())
        {
            out.push(Matched {
                mine: &d.id,
                theirs: &o.id,
                len: d.text.chars().count(),
            });
        }
    }
    out
}

/// Which claims to measure: given the side (0 mine, 1 theirs) and the claim.
type Keep<'k> = dyn Fn((usize, &Claim)) -> bool + 'k;

/// What one matched document contributes to the measures; the measures of several documents
/// combine these ([`combine`]), so the overall figures reuse the per-document work.
struct DocCounts<'a> {
    /// Per role (content, mention, cue): units on both sides, exact matches, overlap matches.
    roles: [(usize, usize, usize); 3],
    /// The label keys of the overlap-matched claim pairs.
    labels: Vec<(&'a str, &'a str)>,
    attributed: usize,
    same: usize,
    /// Each side's content as disjoint ranges (for α_u), and the document's length.
    units: [Vec<(usize, usize)>; 2],
    len: usize,
}

fn measure_on(sides: &Sides, docs: &[Matched], keep: &Keep) -> Measures {
    let counts: Vec<DocCounts> = docs.iter().map(|d| doc_counts(sides, d, keep)).collect();
    combine(counts.iter())
}

fn doc_counts<'a>(sides: &'a Sides, d: &Matched, keep: &Keep) -> DocCounts<'a> {
    let (mine, theirs) = (sides.mine, sides.theirs);
    let claims = |side: usize, doc: &str| -> Vec<&Claim> {
        sides.by_doc[side]
            .of(doc)
            .iter()
            .copied()
            .filter(|c| keep((side, c)))
            .collect()
    };
    let (a, b) = (claims(0, d.mine), claims(1, d.theirs));

    let role = |spans: fn(&Claim) -> &[Span]| {
        let units = |list: &[&Claim]| distinct(list.iter().map(|c| ranges(spans(c))).collect());
        role_counts(&units(&a), &units(&b))
    };
    let roles = [
        role(|c| &c.content),
        role(|c| c.attribution.as_ref().map_or(&[][..], |a| &a.mention)),
        role(|c| c.attribution.as_ref().map_or(&[][..], |a| &a.cue)),
    ];

    // Overlap-matched claim pairs, for κ and same source.
    let mut labels = Vec::new();
    let (mut attributed, mut same) = (0usize, 0usize);
    for (i, j, _) in pair_claims((mine, &a), (theirs, &b), false) {
        labels.push((sides.key(0, a[i]), sides.key(1, b[j])));
        let (x, y) = (a[i].sources(), b[j].sources());
        if !x.is_empty() && !y.is_empty() {
            attributed += 1;
            if same_sources(mine, x, theirs, y) {
                same += 1;
            }
        }
    }
    let content = |list: &[&Claim]| union(list.iter().flat_map(|c| ranges(&c.content)).collect());
    DocCounts {
        roles,
        labels,
        attributed,
        same,
        units: [content(&a), content(&b)],
        len: d.len,
    }
}

/// The measures of several documents from what each contributes.
fn combine<'a: 'b, 'b>(docs: impl Iterator<Item = &'b DocCounts<'a>>) -> Measures {
    let mut roles = [(0usize, 0usize, 0usize); 3];
    let mut labels: Vec<(&str, &str)> = Vec::new();
    let (mut attributed, mut same, mut n) = (0usize, 0usize, 0usize);
    // α_u: the documents end to end, each annotator's content as the union of fragments.
    let mut offset = 0;
    let mut units: [Vec<Unit>; 2] = [Vec::new(), Vec::new()];
    for d in docs {
        n += 1;
        for (sum, r) in roles.iter_mut().zip(d.roles) {
            *sum = (sum.0 + r.0, sum.1 + r.1, sum.2 + r.2);
        }
        labels.extend(d.labels.iter().copied());
        attributed += d.attributed;
        same += d.same;
        for (side, list) in d.units.iter().enumerate() {
            units[side].extend(list.iter().map(|&(s, e)| Unit {
                start: offset + s.min(d.len),
                end: offset + e.min(d.len),
                category: 0,
            }));
        }
        offset += d.len;
    }
    let role = |(total, exact, matched): (usize, usize, usize)| {
        if total == 0 {
            return RoleF1::default();
        }
        let f = |n: usize| Some(2.0 * n as f64 / total as f64);
        RoleF1 {
            exact_f1: f(exact),
            overlap_f1: f(matched),
        }
    };
    Measures {
        documents: n,
        content: role(roles[0]),
        mention: role(roles[1]),
        cue: role(roles[2]),
        label_kappa: cohen_kappa(&labels),
        same_source: (attributed > 0).then(|| same as f64 / attributed as f64),
        alpha_u_content: alpha_u(0, offset, &units),
    }
}

/// The distinct non-empty fragment lists of `lists`, each where it first occurs, in order
/// (sorting, not hashing: the lists are short and many).
fn distinct(lists: Vec<Vec<(usize, usize)>>) -> Vec<Vec<(usize, usize)>> {
    let mut order: Vec<usize> = (0..lists.len()).filter(|&i| !lists[i].is_empty()).collect();
    order.sort_unstable_by(|&i, &j| lists[i].cmp(&lists[j]).then(i.cmp(&j)));
    let mut keep = vec![false; lists.len()];
    for (k, &i) in order.iter().enumerate() {
        if k == 0 || lists[order[k - 1]] != lists[i] {
            keep[i] = true;
        }
    }
    lists
        .into_iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(l))
        .collect()
}

/// Units on both sides, exact matches and overlap matches of one document's units of a role
/// (each side's units distinct).
fn role_counts(x: &[Vec<(usize, usize)>], y: &[Vec<(usize, usize)>]) -> (usize, usize, usize) {
    let mut ys: Vec<&Vec<(usize, usize)>> = y.iter().collect();
    ys.sort_unstable();
    let exact = x.iter().filter(|u| ys.binary_search(u).is_ok()).count();
    // Units are distinct on each side, and the tie puts equal units first: a pair of equal
    // units is sure to be taken.
    let matched = greedy_match(
        x,
        y,
        |i, j| (x[i] != y[j], symmetric_tie(&x[i], &y[j])),
        |_, _| true,
    )
    .len();
    (x.len() + y.len(), exact, matched)
}

/// Cohen's κ for two raters over paired categorical values: `(p_o − p_e) / (1 − p_e)` with
/// `p_e = Σ_k p_a(k)·p_b(k)`. `None` without pairs, or when `p_e = 1` (both raters used one and
/// the same category throughout, where κ is 0/0).
pub fn cohen_kappa<T: Ord>(pairs: &[(T, T)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mut a: BTreeMap<&T, f64> = BTreeMap::new();
    let mut b: BTreeMap<&T, f64> = BTreeMap::new();
    let mut agree = 0.0;
    for (x, y) in pairs {
        *a.entry(x).or_default() += 1.0;
        *b.entry(y).or_default() += 1.0;
        if x == y {
            agree += 1.0;
        }
    }
    let po = agree / n;
    let pe: f64 = a
        .iter()
        .map(|(k, na)| na / n * b.get(k).copied().unwrap_or(0.0) / n)
        .sum();
    if (1.0 - pe).abs() < 1e-12 {
        return None;
    }
    Some((po - pe) / (1.0 - pe))
}

/// A unit of a unitizing study: the half-open range `start..end` of a continuum, marked with a
/// category (an index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    pub category: usize,
}

/// Krippendorff's unitizing α (Krippendorff 2004, *Content Analysis*, 2nd ed., pp. 251–256;
/// computed as DKPro Statistics' `KrippendorffAlphaUnitizingAgreement`) for the continuum
/// `begin..begin+length` and one list of units per annotator.
///
/// For each category `c` the continuum of each annotator is cut into sections: their units of
/// `c` and the gaps between them. Observed disagreement sums, over every pair of annotators and
/// every pair of intersecting sections, `(b_g−b_h)² + (e_g−e_h)²` for two overlapping units, `l²`
/// for a unit of length `l` lying inside the other's gap, and 0 otherwise, times
/// `2 / (R(R−1)L²)`. Expected disagreement is
/// `(2/L)·Σ_g [(N_c−1)(2l_g³−3l_g²+l_g)/3 + l_g²·Σ_{gaps h, l_h≥l_g}(l_h−l_g+1)] /
/// (RL(RL−1) − Σ_g l_g(l_g−1))` over all units `g` of `c`. With several categories,
/// `α = 1 − ΣD_o / ΣD_e` (DKPro averages both over categories).
///
/// Units of one category from one annotator that overlap are merged into their union first
/// (the measure assumes they do not overlap); units are clipped to the continuum. `None` when
/// there is no unit, the continuum is empty, or the expected disagreement is 0.
pub fn alpha_u(begin: usize, length: usize, raters: &[Vec<Unit>]) -> Option<f64> {
    let r = raters.len();
    if length == 0 || r < 2 {
        return None;
    }
    let end = begin + length;
    let mut categories: Vec<usize> = raters.iter().flatten().map(|u| u.category).collect();
    categories.sort_unstable();
    categories.dedup();
    let (mut observed, mut expected) = (0.0, 0.0);
    let mut any = false;
    for &c in &categories {
        // Per annotator: disjoint units of c, clipped to the continuum.
        let units: Vec<Vec<(usize, usize)>> = raters
            .iter()
            .map(|list| {
                union(
                    list.iter()
                        .filter(|u| u.category == c)
                        .map(|u| (u.start.clamp(begin, end), u.end.clamp(begin, end)))
                        .collect(),
                )
            })
            .collect();
        if units.iter().all(Vec::is_empty) {
            continue;
        }
        any = true;
        let (o, e) = category_disagreement(begin, length, &units);
        observed += o;
        expected += e;
    }
    if !any || expected <= 0.0 {
        return None;
    }
    Some(1.0 - observed / expected)
}

/// A section of one annotator's continuum: a unit of the category or a gap.
#[derive(Debug, Clone, Copy)]
struct Section {
    start: usize,
    end: usize,
    unit: bool,
}

fn sections(begin: usize, end: usize, units: &[(usize, usize)]) -> Vec<Section> {
    let mut out = Vec::new();
    let mut pos = begin;
    for &(s, e) in units {
        if s > pos {
            out.push(Section {
                start: pos,
                end: s,
                unit: false,
            });
        }
        out.push(Section {
            start: s,
            end: e,
            unit: true,
        });
        pos = e;
    }
    if end > pos {
        out.push(Section {
            start: pos,
            end,
            unit: false,
        });
    }
    out
}

/// Krippendorff's distance between two intersecting sections of two annotators.
fn distance(g: Section, h: Section) -> f64 {
    let sq = |x: f64| x * x;
    match (g.unit, h.unit) {
        (true, true) => sq(g.start as f64 - h.start as f64) + sq(g.end as f64 - h.end as f64),
        (true, false) if h.start <= g.start && g.end <= h.end => sq((g.end - g.start) as f64),
        (false, true) if g.start <= h.start && h.end <= g.end => sq((h.end - h.start) as f64),
        _ => 0.0,
    }
}

/// Observed and expected disagreement of one category (each annotator's units disjoint, sorted).
fn category_disagreement(begin: usize, length: usize, units: &[Vec<(usize, usize)>]) -> (f64, f64) {
    let end = begin + length;
    let r = units.len() as f64;
    let l = length as f64;
    let secs: Vec<Vec<Section>> = units.iter().map(|u| sections(begin, end, u)).collect();

    // Observed: every pair of annotators, every pair of intersecting sections (a merge sweep).
    let mut observed = 0.0;
    for x in 0..secs.len() {
        for y in x + 1..secs.len() {
            let (a, b) = (&secs[x], &secs[y]);
            let (mut i, mut j) = (0, 0);
            while i < a.len() && j < b.len() {
                if a[i].start < b[j].end && b[j].start < a[i].end {
                    observed += distance(a[i], b[j]);
                }
                if a[i].end <= b[j].end {
                    i += 1;
                } else {
                    j += 1;
                }
            }
        }
    }
    observed *= 2.0 / (r * (r - 1.0) * l * l);

    // Expected.
    let lens: Vec<f64> = units
        .iter()
        .flatten()
        .map(|(s, e)| (e - s) as f64)
        .collect();
    let n_c = lens.len() as f64;
    let mut gaps: Vec<f64> = secs
        .iter()
        .flatten()
        .filter(|s| !s.unit)
        .map(|s| (s.end - s.start) as f64)
        .collect();
    gaps.sort_by(|p, q| p.total_cmp(q));
    // suffix[k] = Σ_{m≥k} (gaps[m] + 1), for Σ_{l_h ≥ l}(l_h − l + 1) by binary search.
    let mut suffix = vec![0.0; gaps.len() + 1];
    for k in (0..gaps.len()).rev() {
        suffix[k] = suffix[k + 1] + gaps[k] + 1.0;
    }
    let mut numerator = 0.0;
    for &lg in &lens {
        let first = gaps.partition_point(|&h| h < lg);
        let count = (gaps.len() - first) as f64;
        let gap_term = suffix[first] - lg * count;
        numerator +=
            (n_c - 1.0) * (2.0 * lg * lg * lg - 3.0 * lg * lg + lg) / 3.0 + lg * lg * gap_term;
    }
    let squared: f64 = lens.iter().map(|&lg| lg * (lg - 1.0)).sum();
    let denominator = r * l * (r * l - 1.0) - squared;
    let expected = if denominator > 0.0 {
        numerator * 2.0 / l / denominator
    } else {
        0.0
    };
    (observed, expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testutil::*;
    use proptest::prelude::*;

    fn close(x: Option<f64>, want: f64, tol: f64) -> bool {
        x.is_some_and(|v| (v - want).abs() <= tol)
    }

    fn units(list: &[(usize, usize, usize)]) -> Vec<Unit> {
        list.iter()
            .map(|&(start, len, category)| Unit {
                start,
                end: start + len,
                category,
            })
            .collect()
    }

    /// Krippendorff (2004: 254), as in DKPro's Krippendorff2004Test: continuum 150..450,
    /// two observers, categories c (0) and k (1); units given as (begin, length).
    fn krippendorff_2004() -> Vec<Vec<Unit>> {
        vec![
            units(&[(225, 70, 0), (370, 30, 0), (180, 60, 1), (300, 50, 1)]),
            units(&[
                (220, 80, 0),
                (355, 20, 0),
                (400, 20, 0),
                (180, 60, 1),
                (300, 50, 1),
            ]),
        ]
    }

    #[test]
    fn alpha_u_reproduces_krippendorffs_published_example() {
        let study = krippendorff_2004();
        assert!(close(alpha_u(150, 300, &study), 0.8591, 0.0005));
        // Per category, the published intermediate values.
        let only = |c: usize| -> Vec<Vec<(usize, usize)>> {
            study
                .iter()
                .map(|r| {
                    r.iter()
                        .filter(|u| u.category == c)
                        .map(|u| (u.start, u.end))
                        .collect::<Vec<_>>()
                })
                .map(union)
                .collect()
        };
        let (o, e) = category_disagreement(150, 300, &only(0));
        assert!((o - 0.0144).abs() < 0.0001, "D_o(c) = {o}");
        assert!((e - 0.0532).abs() < 0.0001, "D_e(c) = {e}");
        assert!((1.0 - o / e - 0.7286).abs() < 0.0001);
        let (o, e) = category_disagreement(150, 300, &only(1));
        assert_eq!(o, 0.0);
        assert!((e - 0.0490).abs() < 0.0001, "D_e(k) = {e}");
    }

    #[test]
    fn alpha_u_distances_match_krippendorffs_table() {
        // DKPro's testDistanceMetric2 (Krippendorff 2004): (begin, length) pairs.
        let unit = |b: usize, l: usize| Section {
            start: b,
            end: b + l,
            unit: true,
        };
        let gap = |b: usize, l: usize| Section {
            start: b,
            end: b + l,
            unit: false,
        };
        assert_eq!(distance(unit(225, 70), unit(220, 80)), 50.0);
        assert_eq!(distance(unit(370, 30), unit(355, 20)), 850.0);
        assert_eq!(distance(gap(400, 50), unit(400, 20)), 400.0);
        assert_eq!(distance(unit(5, 6), gap(4, 7)), 36.0);
        assert_eq!(distance(unit(5, 6), gap(6, 7)), 0.0);
    }

    #[test]
    fn alpha_u_small_case_checked_by_hand() {
        // L = 10; A marks 2..6, B marks 3..6. D_o = 1·2/(2·1·100) = 0.01;
        // D_e = (2/10)·(28+32 + 10+45) / (2·10·19 − (12+6)) = 23/362; α = 1 − 0.01·362/23.
        let a = units(&[(2, 4, 0)]);
        let b = units(&[(3, 3, 0)]);
        let want = 1.0 - 0.01 * 362.0 / 23.0;
        assert!(close(alpha_u(0, 10, &[a.clone(), b.clone()]), want, 1e-12));
        assert!(close(alpha_u(0, 10, &[b, a.clone()]), want, 1e-12));
        assert!(close(alpha_u(0, 10, &[a.clone(), a.clone()]), 1.0, 1e-12));
        // Overlapping units of one annotator count as their union.
        let split = units(&[(2, 3, 0), (3, 3, 0)]);
        assert_eq!(alpha_u(0, 10, &[split, a]), Some(1.0));
        assert_eq!(alpha_u(0, 10, &[vec![], vec![]]), None);
        assert_eq!(alpha_u(0, 0, &[vec![], vec![]]), None);
    }

    #[test]
    fn kappa_on_published_tables() {
        fn table(cells: &[(u8, u8, usize)]) -> Vec<(u8, u8)> {
            cells
                .iter()
                .flat_map(|&(a, b, n)| std::iter::repeat_n((a, b), n))
                .collect()
        }
        // Cohen (1960: 45), 200 items, 3 categories: κ = 0.492.
        let cohen = table(&[
            (1, 1, 88),
            (1, 2, 14),
            (1, 3, 18),
            (2, 1, 10),
            (2, 2, 40),
            (2, 3, 10),
            (3, 1, 2),
            (3, 2, 6),
            (3, 3, 12),
        ]);
        assert!(close(cohen_kappa(&cohen), 0.492, 0.0005));
        // The 2×2 example of the Wikipedia article "Cohen's kappa": 20/5/10/15 → κ = 0.4.
        let yes_no = table(&[(1, 1, 20), (1, 0, 5), (0, 1, 10), (0, 0, 15)]);
        assert!(close(cohen_kappa(&yes_no), 0.4, 1e-12));
        assert_eq!(cohen_kappa::<u8>(&[]), None);
        assert_eq!(cohen_kappa(&[(1, 1), (1, 1)]), None);
        assert!(close(cohen_kappa(&[(1, 1), (2, 2)]), 1.0, 1e-12));
    }

    /// Two annotators over one 200-char document, checked on paper (see each measure).
    fn two_annotators() -> (Project, Project) {
        let t = text(200);
        let mut a = project("ana", std::slice::from_ref(&t));
        let mut b = project("bo", std::slice::from_ref(&t));
        let am = source(&mut a, "Amnesty International", &["Amnesty"]);
        let ar = source(&mut a, "Reuters", &[]);
        let bm = source(&mut b, "AMNESTY", &[]);
        let br = source(&mut b, "Thomson Reuters", &[]);
        // A: content units 0..10, 20..30, 40..50+60..70 (a4 repeats a1's fragments).
        claim(&mut a, "a1", "d0", "claim", &[(0, 10)], Some(&am));
        claim(&mut a, "a2", "d0", "claim", &[(20, 30)], Some(&ar));
        claim(
            &mut a,
            "a3",
            "d0",
            "opinion",
            &[(40, 50), (60, 70)],
            Some(&am),
        );
        claim(&mut a, "a4", "d0", "opinion", &[(0, 10)], None);
        // B: content units 0..10, 22..30, 100..110.
        claim(&mut b, "b1", "d0", "claim", &[(0, 10)], Some(&bm));
        claim(&mut b, "b2", "d0", "opinion", &[(22, 30)], Some(&br));
        claim(&mut b, "b3", "d0", "opinion", &[(100, 110)], Some(&bm));
        claim(&mut b, "b4", "d0", "opinion", &[(0, 10)], Some(&bm));
        mention_cue(&mut a, "a1", &[(12, 19)], &[(10, 12)]);
        mention_cue(&mut b, "b1", &[(12, 19)], &[(10, 11)]);
        mention_cue(&mut a, "a2", &[(31, 35)], &[]);
        (a, b)
    }

    #[test]
    fn measures_on_a_small_case_checked_by_hand() {
        let (a, b) = two_annotators();
        let m = measure(&a, &b);
        assert_eq!(m.documents, 1);
        // Content: A = {0..10, 20..30, 40..50+60..70}, B = {0..10, 22..30, 100..110}.
        // Exact: 1 shared → 2/6. Overlap: 0..10 and 20..30~22..30 → 4/6.
        assert!(close(m.content.exact_f1, 1.0 / 3.0, 1e-12));
        assert!(close(m.content.overlap_f1, 2.0 / 3.0, 1e-12));
        // Mentions: A = {12..19, 31..35}, B = {12..19}: exact 2/3, overlap 2/3.
        assert!(close(m.mention.exact_f1, 2.0 / 3.0, 1e-12));
        assert!(close(m.mention.overlap_f1, 2.0 / 3.0, 1e-12));
        // Cues: A = {10..12}, B = {10..11}: exact 0, overlap 1.
        assert!(close(m.cue.exact_f1, 0.0, 1e-12));
        assert!(close(m.cue.overlap_f1, 1.0, 1e-12));
        // Claim pairs: a1–b1 (claim/claim), a4–b4 (opinion/opinion), a2–b2 (claim/opinion).
        // p_o = 2/3; A: claim 2, opinion 1; B: claim 1, opinion 2; p_e = (2·1 + 1·2)/9 = 4/9;
        // κ = (2/3 − 4/9)/(5/9) = 0.4.
        assert!(close(m.label_kappa, 0.4, 1e-12));
        // Both attributed: a1–b1 (Amnesty = AMNESTY), a2–b2 (Reuters ≠ Thomson Reuters);
        // a4 is unattributed → 1/2.
        assert!(close(m.same_source, 0.5, 1e-12));
        let alpha = m.alpha_u_content;
        assert!(alpha.is_some_and(|x| x > 0.0 && x < 1.0), "{alpha:?}");
    }

    #[test]
    fn same_source_compares_joint_sources_as_sets() {
        let t = text(100);
        let mut a = project("ana", std::slice::from_ref(&t));
        let mut b = project("bo", std::slice::from_ref(&t));
        let (fb, gg) = (
            source(&mut a, "Facebook", &[]),
            source(&mut a, "Google", &[]),
        );
        let (fb2, gg2) = (
            source(&mut b, "facebook", &[]),
            source(&mut b, "GOOGLE", &[]),
        );
        // Same set → same; a subset → not; one pair where only one side is attributed is not
        // counted.
        claim(&mut a, "a1", "d0", "claim", &[(0, 10)], Some(&fb));
        joint(&mut a, "a1", &[&fb, &gg]);
        claim(&mut b, "b1", "d0", "claim", &[(0, 10)], Some(&gg2));
        joint(&mut b, "b1", &[&gg2, &fb2]);
        claim(&mut a, "a2", "d0", "claim", &[(20, 30)], Some(&fb));
        joint(&mut a, "a2", &[&fb, &gg]);
        claim(&mut b, "b2", "d0", "claim", &[(20, 30)], Some(&gg2));
        claim(&mut a, "a3", "d0", "claim", &[(40, 50)], Some(&fb));
        claim(&mut b, "b3", "d0", "claim", &[(40, 50)], None);
        let m = measure(&a, &b);
        assert_eq!(m.same_source, Some(0.5));
        assert_eq!(measure(&b, &a).same_source, Some(0.5));
    }

    #[test]
    fn nothing_to_measure_is_none() {
        let t = text(50);
        let a = project("ana", std::slice::from_ref(&t));
        let b = project("bo", std::slice::from_ref(&t));
        let m = measure(&a, &b);
        assert_eq!(m.documents, 1);
        assert_eq!(m.content, RoleF1::default());
        assert_eq!(
            (m.label_kappa, m.same_source, m.alpha_u_content),
            (None, None, None)
        );
        // No shared document at all.
        let c = project("cy", &["something else".to_string()]);
        assert_eq!(measure(&a, &c).documents, 0);
        let json = serde_json::to_value(measure(&a, &c)).unwrap_or_default();
        assert_eq!(json["content"]["exact_f1"], serde_json::Value::Null);
        assert_eq!(json["alpha_u_content"], serde_json::Value::Null);
    }

    #[test]
    fn a_project_agrees_with_itself_everywhere() {
        let (a, _) = two_annotators();
        let m = measure(&a, &a);
        for v in m.values() {
            assert!(close(v, 1.0, 1e-12), "{m:?}");
        }
        let Ok(demo) = crate::demo::demo_project() else {
            panic!("the demo project loads");
        };
        let m = measure(&demo, &demo);
        assert!(close(m.content.exact_f1, 1.0, 0.0) && close(m.alpha_u_content, 1.0, 1e-12));
    }

    #[test]
    fn breakdowns_per_document_and_label() {
        let t1 = text(100);
        let t2 = "another article text, long enough for two claims".to_string();
        let mut a = project("ana", &[t1.clone(), t2.clone()]);
        let mut b = project("bo", &[t1, t2]);
        claim(&mut a, "a1", "d0", "claim", &[(0, 10)], None);
        claim(&mut b, "b1", "d0", "claim", &[(0, 10)], None);
        claim(&mut a, "a2", "d1", "opinion", &[(0, 7)], None);
        claim(&mut b, "b2", "d1", "opinion", &[(8, 15)], None);
        let g = agreement(&a, &b);
        assert_eq!(g.overall.documents, 2);
        assert!(close(g.overall.content.exact_f1, 0.5, 1e-12));
        let per_doc: Vec<(&str, Option<f64>)> = g
            .documents
            .iter()
            .map(|d| (d.document.as_str(), d.measures.content.exact_f1))
            .collect();
        assert_eq!(per_doc, vec![("d0", Some(1.0)), ("d1", Some(0.0))]);
        let per_label: Vec<(&str, Option<f64>)> = g
            .labels
            .iter()
            .map(|l| (l.label.as_str(), l.measures.content.exact_f1))
            .collect();
        assert_eq!(
            per_label,
            vec![("Claim", Some(1.0)), ("Opinion", Some(0.0))]
        );
    }

    #[test]
    fn mean_skips_nones() {
        let x = Measures {
            documents: 2,
            label_kappa: Some(0.5),
            ..Default::default()
        };
        let y = Measures {
            documents: 1,
            label_kappa: Some(1.0),
            same_source: Some(0.25),
            ..Default::default()
        };
        let m = mean(&[x, y]);
        assert_eq!(m.documents, Some(1.5));
        assert_eq!(m.label_kappa, Some(0.75));
        assert_eq!(m.same_source, Some(0.25));
        assert_eq!(m.alpha_u_content, None);
        assert_eq!(mean(&[]).documents, None);
    }

    /// Claims as (start, length, label index, source index; 2 = unattributed).
    fn arb_claims() -> impl Strategy<Value = Vec<(usize, usize, usize, usize)>> {
        proptest::collection::vec((0usize..60, 1usize..15, 0usize..3, 0usize..3), 0..8)
    }

    fn build(who: &str, claims: &[(usize, usize, usize, usize)]) -> Project {
        let mut p = project(who, &[text(80)]);
        let srcs = [
            source(&mut p, "Amnesty", &[]),
            source(&mut p, "Reuters", &[]),
        ];
        let labels = ["claim", "opinion", "statement"];
        for (k, &(s, len, l, src)) in claims.iter().enumerate() {
            let id = format!("{who}{k}");
            claim(
                &mut p,
                &id,
                "d0",
                labels[l],
                &[(s, s + len)],
                srcs.get(src).map(|x| x.as_str()),
            );
            mention_cue(&mut p, &id, &[(s + len, (s + len + 3).min(80))], &[]);
        }
        p
    }

    proptest! {
        #[test]
        fn symmetric_measures_are_symmetric(x in arb_claims(), y in arb_claims()) {
            let (a, b) = (build("a", &x), build("b", &y));
            let (ab, ba) = (measure(&a, &b), measure(&b, &a));
            prop_assert_eq!(ab.content.exact_f1, ba.content.exact_f1);
            prop_assert_eq!(ab.content.overlap_f1, ba.content.overlap_f1);
            prop_assert_eq!(ab.mention.exact_f1, ba.mention.exact_f1);
            prop_assert_eq!(ab.mention.overlap_f1, ba.mention.overlap_f1);
            let same = |p: Option<f64>, q: Option<f64>| match (p, q) {
                (Some(p), Some(q)) => (p - q).abs() < 1e-9,
                (p, q) => p == q,
            };
            prop_assert!(same(ab.alpha_u_content, ba.alpha_u_content));
            prop_assert!(same(ab.label_kappa, ba.label_kappa));
            prop_assert!(same(ab.same_source, ba.same_source));
            for v in [ab.content.exact_f1, ab.content.overlap_f1, ab.alpha_u_content] {
                prop_assert!(v.is_none_or(|v| v.is_finite() && v <= 1.0 + 1e-12));
            }
            let aa = measure(&a, &a);
            prop_assert!(aa.content.exact_f1.is_none_or(|v| v == 1.0));
            prop_assert!(aa.alpha_u_content.is_none_or(|v| (v - 1.0).abs() < 1e-12));
            prop_assert!(aa.label_kappa.is_none_or(|v| (v - 1.0).abs() < 1e-12));
            prop_assert!(aa.same_source.is_none_or(|v| v == 1.0));
        }
    }

    /// `docs` documents of 50 chars per claim with `per_doc` claims spread over each
    /// (overlapping their neighbours), and a copy where every 20th claim has moved by a few
    /// chars and another 20th has another label.
    fn corpus(docs: usize, per_doc: usize) -> (Project, Project) {
        let len = per_doc * 50 + 100;
        let texts: Vec<String> = (0..docs).map(|_| text(len)).collect();
        let (mut a, mut b) = (project("ana", &texts), project("bo", &texts));
        // Documents with equal text are matched once each: make each text unique.
        for (k, d) in a
            .documents
            .iter_mut()
            .chain(b.documents.iter_mut())
            .enumerate()
        {
            let n = k % docs;
            d.text = format!("{n:05}{}", &d.text[5..]);
            d.sha256 = crate::text::sha256_hex(&d.text);
        }
        for d in 0..docs {
            for k in 0..per_doc {
                let s = k * 50;
                let len = 30 + (k * 7) % 40;
                let doc = format!("d{d}");
                claim(
                    &mut a,
                    &format!("a{d}-{k}"),
                    &doc,
                    "claim",
                    &[(s, s + len)],
                    None,
                );
                let moved = if k % 20 == 0 { 3 } else { 0 };
                let label = if k % 20 == 10 { "opinion" } else { "claim" };
                let r = [(s + moved, s + len)];
                claim(&mut b, &format!("b{d}-{k}"), &doc, label, &r, None);
            }
        }
        (a, b)
    }

    #[test]
    fn agreement_work_grows_linearly_with_the_number_of_documents() {
        let work = |docs: usize| {
            let (a, b) = corpus(docs, 40);
            crate::work::take();
            let m = agreement(&a, &b);
            assert_eq!(m.overall.documents, docs);
            crate::work::take()
        };
        let (small, big) = (work(10), work(40));
        // 4× the documents and claims: at most 4.4× the work (comparing every document's
        // claims with the whole project would be 16×).
        assert!(
            big * 10 <= small * 44,
            "work grew from {small} to {big} for 4× the data"
        );
    }

    #[test]
    fn agreement_work_grows_linearly_with_a_long_document() {
        let work = |per_doc: usize| {
            let mut p = corpus(1, per_doc);
            // One document, claims spread over it: the candidate pairs grow with the claims.
            crate::work::take();
            let m = measure(&p.0, &p.1);
            assert!(m.content.overlap_f1.is_some());
            p.0.claims.clear();
            crate::work::take()
        };
        let (small, big) = (work(100), work(400));
        // Every claim against every other would be 16×.
        assert!(
            big * 10 <= small * 50,
            "work grew from {small} to {big} for 4× the claims"
        );
    }
}
