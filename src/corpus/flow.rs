//! Who cites whom: outlet → intermediary (via) → source as a flow of claims, and for one source,
//! who relays it and which claims nest inside its claims. Built from the figures of
//! [`Corpus::compute`] on demand (the view computes them once per change of the figures).
//!
//! Counting: an edge or node counts distinct claims. A joint claim of two sources relayed by one
//! intermediary is one claim on the outlet → via edge and one on each via → source edge.

use super::{Corpus, Figure, Key};
use crate::model::Project;
use rustc_hash::FxHashMap as HashMap;

/// A column entry of the flow: one outlet, intermediary or source, or several lumped together.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub key: Key,
    /// The distinct claims that pass through the node.
    pub figure: Figure,
    /// How many keys the node lumps together ("12 other sources"); 0 for one key.
    pub lumped: usize,
}

/// Claims from one node to a node of the next column (indices into the columns).
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub figure: Figure,
}

/// Outlet → via → source. Each column holds its `top` largest nodes by claims, then one node
/// lumping the rest (if any), so the flow's totals stay those of the whole corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Flow {
    pub outlets: Vec<Node>,
    pub vias: Vec<Node>,
    pub sources: Vec<Node>,
    /// By falling count.
    pub outlet_via: Vec<Edge>,
    pub via_source: Vec<Edge>,
}

/// The union of several figures (ascending, none twice).
pub fn union<'a>(figs: impl IntoIterator<Item = &'a Figure>) -> Figure {
    let mut claims: Vec<usize> = figs
        .into_iter()
        .flat_map(|f| f.claims.iter().copied())
        .collect();
    claims.sort_unstable();
    claims.dedup();
    Figure { claims }
}

/// One column: keys ranked by claims, the first `top` kept, the rest lumped as `other`.
/// Returns the nodes and, for each key, its node index.
fn column<'a>(
    members: &HashMap<&'a Key, Vec<&'a Figure>>,
    top: usize,
    other: &str,
) -> (Vec<Node>, HashMap<&'a Key, usize>) {
    let mut ranked: Vec<(&Key, Figure)> = members
        .iter()
        .map(|(k, f)| (*k, union(f.iter().copied())))
        .collect();
    ranked.sort_by(|a, b| {
        b.1.count()
            .cmp(&a.1.count())
            .then_with(|| a.0.id.is_none().cmp(&b.0.id.is_none()))
            .then_with(|| a.0.name.cmp(&b.0.name))
    });
    let mut nodes = Vec::new();
    let mut index = HashMap::default();
    let mut rest: Vec<Figure> = Vec::new();
    for (k, f) in ranked {
        if nodes.len() < top {
            index.insert(k, nodes.len());
            nodes.push(Node {
                key: k.clone(),
                figure: f,
                lumped: 0,
            });
        } else {
            index.insert(k, top);
            rest.push(f);
        }
    }
    if !rest.is_empty() {
        nodes.push(Node {
            key: Key::none(&format!("({} other {other})", rest.len())),
            figure: union(&rest),
            lumped: rest.len(),
        });
    }
    (nodes, index)
}

fn edges(map: HashMap<(usize, usize), Vec<&Figure>>) -> Vec<Edge> {
    let mut out: Vec<Edge> = map
        .into_iter()
        .map(|((from, to), figs)| Edge {
            from,
            to,
            figure: union(figs),
        })
        .collect();
    out.sort_by(|a, b| {
        b.figure
            .count()
            .cmp(&a.figure.count())
            .then_with(|| (a.from, a.to).cmp(&(b.from, b.to)))
    });
    out
}

impl Corpus {
    /// The flow outlet → via → source, at most `top` nodes per column plus one lumping the
    /// rest.
    pub fn flow(&self, top: usize) -> Flow {
        let mut outlets: HashMap<&Key, Vec<&Figure>> = HashMap::default();
        let mut vias: HashMap<&Key, Vec<&Figure>> = HashMap::default();
        let mut sources: HashMap<&Key, Vec<&Figure>> = HashMap::default();
        for c in &self.citations {
            outlets.entry(&c.outlet).or_default().push(&c.figure);
            vias.entry(&c.via).or_default().push(&c.figure);
            sources.entry(&c.source).or_default().push(&c.figure);
        }
        let (outlet_nodes, oi) = column(&outlets, top, "outlets");
        let (via_nodes, vi) = column(&vias, top, "intermediaries");
        let (source_nodes, si) = column(&sources, top, "sources");
        let mut ov: HashMap<(usize, usize), Vec<&Figure>> = HashMap::default();
        let mut vs: HashMap<(usize, usize), Vec<&Figure>> = HashMap::default();
        for c in &self.citations {
            let (o, v, s) = (oi[&c.outlet], vi[&c.via], si[&c.source]);
            ov.entry((o, v)).or_default().push(&c.figure);
            vs.entry((v, s)).or_default().push(&c.figure);
        }
        Flow {
            outlets: outlet_nodes,
            vias: via_nodes,
            sources: source_nodes,
            outlet_via: edges(ov),
            via_source: edges(vs),
        }
    }

    /// Who relays `source`: its claims by intermediary (the null key "(direct)" for claims with
    /// no via), by falling count.
    pub fn relays(&self, source: &Key) -> Vec<(Key, Figure)> {
        let mut by: HashMap<&Key, Vec<&Figure>> = HashMap::default();
        for c in self.citations.iter().filter(|c| &c.source == source) {
            by.entry(&c.via).or_default().push(&c.figure);
        }
        ranked(by)
    }

    /// The (outer, inner) nesting pairs among the counted claims (see
    /// [`super::nesting_pairs`]), for [`nested_in`].
    pub fn nesting(&self, p: &Project) -> Vec<(usize, usize)> {
        super::nesting_pairs(p, &self.claims)
    }
}

fn ranked(by: HashMap<&Key, Vec<&Figure>>) -> Vec<(Key, Figure)> {
    let mut out: Vec<(Key, Figure)> = by.into_iter().map(|(k, f)| (k.clone(), union(f))).collect();
    out.sort_by(|a, b| {
        b.1.count()
            .cmp(&a.1.count())
            .then_with(|| a.0.id.is_none().cmp(&b.0.id.is_none()))
            .then_with(|| a.0.name.cmp(&b.0.name))
    });
    out
}

/// The claims nested inside the claims of `outer` (inside their words, `within` one of them, or
/// on the same words), by the nested claim's source (a joint claim under each of its sources,
/// a claim with no source under [`super::NO_SOURCE`]), by falling count. `pairs` comes from
/// [`Corpus::nesting`] on the same project.
pub fn nested_in(p: &Project, pairs: &[(usize, usize)], outer: &Figure) -> Vec<(Key, Figure)> {
    let is_outer = |i: usize| outer.claims.binary_search(&i).is_ok();
    // Indices from another project (or a stale one) are skipped rather than trusted.
    let extent = |i: usize| p.claims.get(i).and_then(super::extent);
    let same_words = |a: usize, b: usize| extent(a).is_some() && extent(a) == extent(b);
    let mut inner: Vec<usize> = Vec::new();
    for &(o, i) in pairs {
        if o >= p.claims.len() || i >= p.claims.len() {
            continue;
        }
        if is_outer(o) {
            inner.push(i);
        } else if is_outer(i) && same_words(o, i) {
            // On the same words, either claim lies inside the other.
            inner.push(o);
        }
    }
    inner.sort_unstable();
    inner.dedup();
    let name = |id: &str| p.source(id).map_or(id, |s| s.name.as_str()).to_string();
    let mut by: HashMap<Key, Figure> = HashMap::default();
    for i in inner {
        let ids = p.claims[i].sources();
        if ids.is_empty() {
            by.entry(Key::none(super::NO_SOURCE)).or_default().add(i);
        }
        for id in ids {
            by.entry(Key::new(id, &name(id))).or_default().add(i);
        }
    }
    let by_ref: HashMap<&Key, Vec<&Figure>> = by.iter().map(|(k, f)| (k, vec![f])).collect();
    ranked(by_ref)
}
