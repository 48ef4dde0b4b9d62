//! Source identity: one registry source per person or body, across mentions and articles.
//!
//! - [`names`]: the key-collision fingerprint (OpenRefine's, with honorifics, possessives and
//!   middle initials folded away), the nearest-neighbour similarity, and what is no source at
//!   all ("said", "all", "Video", pronouns);
//! - [`chain`]: mention chains within one article (full names, surnames, titles, possessives,
//!   pronouns → the entity they refer to);
//! - [`registry`]: resolving names to the registry, proposing merges of a registry with
//!   duplicates, and the merge / split / "not the same" edits;
//! - [`eval`]: mention-linking accuracy and B-cubed F1 against hand-annotated identity.
//!
//! Used by the brat, JSONL and W3C imports (they resolve as they go), by `suggest` (a
//! suggestion's source comes from the chain), and by `claimtrace sources` and Sources → Tidy…
//! through the functions here.

pub mod chain;
pub mod eval;
pub mod names;
pub mod registry;

pub use chain::{Chains, Class, Entity, EntityKind, Link, link};
pub use names::{Name, fingerprint, not_a_name, similarity};
pub use registry::{
    Cluster, Found, How, Method, Resolver, SourceRow, claim_counts, claims_by_source, clusters,
    merge, merge_as, not_same, rows, source_for_entity, split,
};

use crate::model::Project;
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum IdentityError {
    #[error("no source with id {0:?} in the registry; `claimtrace sources PROJECT` lists the ids")]
    UnknownSource(String),
    #[error("nothing to merge into {0:?}: name at least one other source id")]
    NothingToMerge(String),
    #[error("nothing to split off {0:?}: name the alias (or aliases) that are someone else")]
    NothingToSplit(String),
    #[error("{0:?} is the source's own name; rename the source first, then split the old name off")]
    SplitOwnName(String),
}

/// What resolving a project's mentions gives: for each claim with a mention, the registry
/// sources its mention chain points to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectResolution {
    /// (claim index, source ids) for every claim whose mention resolves to registry sources.
    pub resolved: Vec<(usize, Vec<String>)>,
    /// Claims whose mention is a pronoun or title that no entity (or no source) answers.
    pub unresolved: usize,
    /// Claims whose resolution differs from the sources they have.
    pub differ: usize,
}

/// Resolve every claim's source mention of `p`: the mention chains of each document, then
/// each chain's entity against the registry. Nothing is changed; callers may offer the
/// differences. Linear in the claims and the documents' text.
pub fn resolve_project(p: &Project) -> ProjectResolution {
    let reg = Resolver::of(&p.sources);
    let mut by_doc: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (i, c) in p.claims.iter().enumerate() {
        if c.attribution
            .as_ref()
            .is_some_and(|a| !a.mention.is_empty())
        {
            by_doc.entry(c.document.as_str()).or_default().push(i);
        }
    }
    let mut out = ProjectResolution::default();
    for d in &p.documents {
        let Some(idx) = by_doc.get(d.id.as_str()) else {
            continue;
        };
        let ranges: Vec<std::ops::Range<usize>> = idx
            .iter()
            .filter_map(|&i| {
                let m = p.claims[i].attribution.as_ref()?.mention.first()?;
                Some(m.start..m.end)
            })
            .collect();
        let chains = link(&d.text, &ranges);
        for (k, &i) in idx.iter().enumerate() {
            let Some(l) = chains.links.get(k) else {
                continue;
            };
            let ids: Vec<String> = l
                .entities
                .iter()
                .filter_map(|&e| {
                    reg.find_entity(&chains.entities[e])
                        .map(|f| f.id.to_string())
                })
                .collect();
            if ids.is_empty() {
                if matches!(l.class, Class::Pronoun | Class::Title) {
                    out.unresolved += 1;
                }
                continue;
            }
            if ids.as_slice() != p.claims[i].sources() {
                out.differ += 1;
            }
            out.resolved.push((i, ids));
        }
    }
    out
}
