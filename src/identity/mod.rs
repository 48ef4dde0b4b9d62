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

/// What a source mention selected in an article stands for (the S key): its class, and the
/// registry sources of the entity the article's mention chain links it to.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionLink {
    pub class: Class,
    /// Registry sources (several for a joint mention); empty when none is known.
    pub sources: Vec<String>,
    /// The article's fullest name for what the mention stands for, when the registry has no
    /// source for it ("Donald Trump" for "Trump" in an article that named him in full).
    pub unknown: Option<String>,
    /// A pronoun or title that could refer to more than one entity of this article, and so
    /// refers to none.
    pub ambiguous: bool,
}

/// Link the mention at chars `range` of `document` to the registry, the way an import does:
/// the article's mention chains (with the document's other claims' mentions, except `claim`'s)
/// give the entity — a name's own, a title's or a pronoun's antecedent in this article and
/// never in another — and the registry's [`Resolver`] gives its source (fingerprint, so
/// "Mr. Trump's" finds Donald Trump). `None` if there is no such document.
pub fn link_mention(
    p: &Project,
    document: &str,
    range: std::ops::Range<usize>,
    claim: Option<&str>,
) -> Option<MentionLink> {
    let d = p.document(document)?;
    let mut ranges: Vec<std::ops::Range<usize>> = p
        .claims_of(document)
        .filter(|c| Some(c.id.as_str()) != claim)
        .filter_map(|c| {
            let m = c.attribution.as_ref()?.mention.first()?;
            Some(m.start..m.end)
        })
        .filter(|r| *r != range)
        .collect();
    ranges.push(range.clone());
    let chains = link(&d.text, &ranges);
    let l = chains.links.last()?;
    let reg = Resolver::of(&p.sources);
    let mut out = MentionLink {
        class: l.class,
        sources: Vec::new(),
        unknown: None,
        ambiguous: l.ambiguous,
    };
    for &e in &l.entities {
        let entity = &chains.entities[e];
        match reg.find_entity(entity) {
            Some(f) => {
                if !out.sources.iter().any(|s| s == f.id) {
                    out.sources.push(f.id.to_string());
                }
            }
            None => {
                if out.unknown.is_none() {
                    out.unknown = Some(entity.name.clone());
                }
            }
        }
    }
    if l.entities.is_empty() && matches!(l.class, Class::Name | Class::Phrase) {
        let text = crate::text::slice_chars(&d.text, range.start, range.end);
        match reg.find(text) {
            Some(f) => out.sources.push(f.id.to_string()),
            None => out.unknown = Some(Name::parse(text).display()).filter(|n| !n.is_empty()),
        }
    }
    Some(out)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotator, Attribution, Document, Origin, Source, SourceKind};

    fn doc(p: &mut Project, id: &str, text: &str) {
        let origin = Origin {
            imported: "2026-01-01T00:00:00Z".parse().unwrap(),
            extractor: "txt".into(),
            ..Default::default()
        };
        let mut d = Document::new(id, text.into(), origin);
        d.id = id.into();
        p.documents.push(d);
    }

    /// A claim of `doc` whose mention is the first `mention` in its text, attributed to `src`.
    fn claim(p: &mut Project, doc: &str, mention: &str, src: &str) {
        let text = p.document(doc).unwrap().text.clone();
        let at = text[..text.find(mention).unwrap()].chars().count();
        let end = at + mention.chars().count();
        let mut c = crate::edit::ops::new_claim(p, doc, "claim", &[(at, end)]).unwrap();
        c.attribution = Some(Attribution {
            sources: vec![src.into()],
            mention: vec![crate::text::make_span(&text, at, end)],
            ..Default::default()
        });
        p.claims.push(c);
    }

    fn at(p: &Project, doc: &str, what: &str, nth: usize) -> std::ops::Range<usize> {
        let text = &p.document(doc).unwrap().text;
        let b = text.match_indices(what).nth(nth).unwrap().0;
        let s = text[..b].chars().count();
        s..s + what.chars().count()
    }

    fn project() -> Project {
        let mut p = Project::new("t", Annotator::named("a"));
        for (id, name) in [
            ("donald-trump", "Donald Trump"),
            ("bill-clinton", "Bill Clinton"),
            ("hillary-clinton", "Hillary Clinton"),
        ] {
            p.sources.push(Source {
                id: id.into(),
                name: name.into(),
                kind: SourceKind::Person,
                aliases: vec![],
                note: String::new(),
            });
        }
        doc(
            &mut p,
            "a",
            "Donald Trump said the wall was ready. According to Mr. Trump's office, money was \
             found. Hillary Clinton met Bill Clinton on Monday. She said the talks went well. \
             Trump said he would win.",
        );
        claim(&mut p, "a", "Donald Trump", "donald-trump");
        doc(
            &mut p,
            "b",
            "He said the plan had failed. Nobody else spoke.",
        );
        p
    }

    #[test]
    fn a_name_resolves_by_fingerprint_and_in_its_article() {
        let p = project();
        let l = link_mention(&p, "a", at(&p, "a", "Mr. Trump's", 0), None).unwrap();
        assert_eq!(l.class, Class::Name);
        assert_eq!(l.sources, ["donald-trump"]);
        let l = link_mention(&p, "a", at(&p, "a", "Trump", 2), None).unwrap();
        assert_eq!(l.sources, ["donald-trump"]);
        let l = link_mention(&p, "a", at(&p, "a", "Bill Clinton", 0), None).unwrap();
        assert_eq!(l.sources, ["bill-clinton"]);
    }

    #[test]
    fn a_pronoun_takes_its_antecedent_in_this_article_or_nobody() {
        let p = project();
        // "he" after "Trump said": Trump.
        let l = link_mention(&p, "a", at(&p, "a", "he", 0), None).unwrap();
        assert_eq!(l.class, Class::Pronoun);
        assert_eq!(l.sources, ["donald-trump"]);
        // "She" after two Clintons in one sentence, no gender shown: ambiguous, nobody.
        let l = link_mention(&p, "a", at(&p, "a", "She", 0), None).unwrap();
        assert!(l.sources.is_empty() && l.ambiguous, "{l:?}");
        // A pronoun in an article that names nobody before it never takes a name from
        // another article.
        let l = link_mention(&p, "b", at(&p, "b", "He", 0), None).unwrap();
        assert_eq!(l.class, Class::Pronoun);
        assert!(l.sources.is_empty() && l.unknown.is_none(), "{l:?}");
    }

    #[test]
    fn a_name_the_registry_lacks_is_given_its_fullest_form() {
        let mut p = project();
        p.sources.retain(|s| s.id != "donald-trump");
        p.claims.clear();
        let l = link_mention(&p, "a", at(&p, "a", "Trump", 2), None).unwrap();
        assert!(l.sources.is_empty());
        assert_eq!(l.unknown.as_deref(), Some("Donald Trump"));
    }
}
