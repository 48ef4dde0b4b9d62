//! What the suggester learns from the project it works in, computed afresh each time
//! suggestions are asked for (no training step, nothing stored):
//!
//! - **cue words** the researcher marked in claims: the head word of each cue (the lexicon verb
//!   or noun in it, else its last content word), by stem, so "has endorsed" teaches "endorses";
//!   with the patterns it was used in (a clause after it, a noun-phrase object, a "to"
//!   infinitive, or the content before it). A head word that no lexicon has becomes a cue of its
//!   own, in the patterns it was seen in. A noun marked as a cue ("criticism of", "his
//!   reference to", "the request to investigate") is learned with the word after it, and
//!   proposed before that word (`rules::Extractor::learned_noun`); its confidence is the
//!   project's counts for it, never more.

//! - **how reliable each cue word is** here: in the documents that have claims, how many of its
//!   occurrences (outside quotations) the researcher marked as a cue. A reporting verb marked
//!   nine times in ten is proposed with more confidence; a word marked once in twenty with less.
//! - **source names**: the registry's names and aliases, and every mention text of a claim with
//!   a registry source (so "the ministry" marked as Vietnam's foreign ministry resolves again).
//!
//! Claims made from suggestions that nobody has checked yet (origin suggested, status
//! unverified) are not learned from.

use super::lexicon::Lexicon;
use super::rank;
use super::rules::Extractor;
use super::tokens::{Analysis, Kind};
pub use super::vocab::Pattern;
use super::vocab::{Heads, NOUN_LINKS, Rule};
use crate::model::{Project, name_key};
use std::collections::{HashMap, HashSet};

/// How often a cue word was marked among its occurrences in annotated documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CueStats {
    pub marked: u32,
    pub seen: u32,
}

#[derive(Debug, Default, Clone)]
pub struct Knowledge {
    /// Cue head stems marked in claims, with the patterns they were used in.
    heads: Heads,
    /// Marked / seen counts of the rules' candidates per cue key and pattern, in annotated
    /// documents.
    stats: HashMap<(String, Pattern), CueStats>,
    /// The same per rule.
    rules: HashMap<Rule, CueStats>,
    /// name key → registry source id (names, aliases, mention texts).
    names: HashMap<String, String>,
    /// The name keys, longest first, for finding a name inside a longer mention.
    by_length: Vec<String>,
    /// The registry's names by fingerprint, surname and first-and-last name (`identity`).
    registry: crate::identity::Resolver,
    /// The ranking model trained on the project's candidates ([`rank`]), if it had enough.
    ranker: Option<rank::Ranker>,
}

/// Prior weight of a rule's own confidence against what the project shows for a cue word.
const PRIOR: f32 = 8.0;
/// The same for the rule as a whole.
const RULE_PRIOR: f32 = 8.0;

impl Knowledge {
    /// Nothing learned: the lexicon alone (a project of bare articles).
    pub fn empty() -> Knowledge {
        Knowledge::default()
    }

    /// Learn from `project`. With `learn_cues` false only the registry's names and aliases are
    /// used (to name the sources of suggestions), nothing from the claims.
    pub fn from_project(project: &Project, lex: &Lexicon, learn_cues: bool) -> Knowledge {
        let mut k = Knowledge::default();
        for s in &project.sources {
            for n in s.names() {
                k.add_name(n, &s.id);
            }
        }
        k.registry = crate::identity::Resolver::of(&project.sources);
        if !learn_cues {
            k.finish_names();
            return k;
        }
        // Claims by document, in one pass.
        let mut by_doc: HashMap<&str, Vec<&crate::model::Claim>> = HashMap::new();
        // Accepted suggestions nobody has checked yet (origin suggested, still unverified) teach
        // nothing: the suggester would only learn its own guesses.
        for c in project
            .claims
            .iter()
            .filter(|c| c.origin.is_human() || c.status != crate::model::Status::Unverified)
        {
            by_doc.entry(c.document.as_str()).or_default().push(c);
        }
        // First: cue heads, their patterns and source names from the claims.
        let mut annotated = Vec::new();
        let rejected_docs: HashSet<&str> = project
            .rejected
            .iter()
            .map(|r| r.document.as_str())
            .collect();
        for doc in &project.documents {
            let Some(claims) = by_doc.get(doc.id.as_str()) else {
                // No claims, but rejected suggestions: those are known wrong.
                if rejected_docs.contains(doc.id.as_str()) {
                    annotated.push((Analysis::new(&doc.text, lex), None, doc.id.clone()));
                }
                continue;
            };
            let has_cue = claims
                .iter()
                .any(|c| c.attribution.as_ref().is_some_and(|a| !a.cue.is_empty()));
            if !has_cue {
                continue;
            }
            let a = Analysis::new(&doc.text, lex);
            let mut cues: Vec<(usize, usize)> = Vec::new();
            for c in claims {
                let Some(at) = &c.attribution else { continue };
                // A mention of one source names it; a joint mention ("Facebook and Google")
                // names none of them alone.
                // Only a name is learned: a pronoun ("he"), a title ("the senator"), a generic
                // mention ("officials") or a stray word ("said") stands for someone else in
                // the next article, so it is resolved there by its mention chain instead.
                if let ([src], Some(m)) = (at.sources.as_slice(), at.mention.first())
                    && learnable(&m.exact)
                {
                    k.add_name(&m.exact, src);
                }
                for cue in &at.cue {
                    cues.push((cue.start, cue.end));
                }
                if let Some(head) = head_token(&a, lex, &at.cue)
                    && let Some(key) = lex.cue_key(&a.lower[head])
                {
                    let pattern = claim_pattern(&a, c, &at.cue);
                    // A noun cue ("criticism of", "a reference to", "the request that"): the
                    // word after it, for the noun rule.
                    // (Words first: asking for a tag tags the whole sentence.)
                    if !lex.nouns.contains(a.lower[head].as_str())
                        && let Some(end) = at.cue.iter().map(|s| s.end).max()
                        && let Some(next) = a.lower.get(a.tokens.partition_point(|t| t.start < end))
                        && NOUN_LINKS.contains(&next.as_str())
                        && a.upos(head) == Some(crate::nlp::Upos::Noun)
                    {
                        // "to" and a verb ("the request to investigate") is not "to" and a
                        // noun phrase ("a reference to Biden").
                        let at = a.tokens.partition_point(|t| t.start < end);
                        let link = if next == "to"
                            && matches!(a.upos(at + 1), Some(crate::nlp::Upos::Verb))
                        {
                            "to+verb".to_string()
                        } else {
                            next.clone()
                        };
                        k.heads.add_noun(key.clone(), link);
                    }
                    k.heads.add(key, pattern);
                }
            }
            cues.sort_unstable();
            annotated.push((a, Some(cues), doc.id.clone()));
        }
        // Then: how reliable each cue word and each rule is here — run the rules over the
        // annotated documents and count the candidates whose cue the researcher marked. A
        // candidate whose content a rejected suggestion covers is never right.
        let mut rejected: HashMap<&str, Vec<&crate::model::Rejected>> = HashMap::new();
        for r in &project.rejected {
            rejected.entry(r.document.as_str()).or_default().push(r);
        }
        // The documents are read in parallel (each thread owns its share: the tags of an
        // analysis are filled in as the rules ask for them); the counts are added up in order.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let per = annotated.len().div_ceil(threads).max(8);
        let heads = &k.heads;
        let rejected = &rejected;
        let mut labelled: Vec<Vec<(super::rules::Candidate, String, bool)>> = Vec::new();
        std::thread::scope(|scope| {
            let handles: Vec<_> = annotated
                .chunks_mut(per)
                .map(|chunk| {
                    scope.spawn(move || {
                        chunk
                            .iter()
                            .map(|(a, cues, doc)| {
                                let rej = rejected.get(doc.as_str()).map_or(&[][..], Vec::as_slice);
                                label_candidates(a, cues.as_deref(), rej, lex, heads)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for h in handles {
                match h.join() {
                    Ok(v) => labelled.extend(v),
                    Err(e) => std::panic::resume_unwind(e),
                }
            }
        });
        let mut stats: HashMap<(String, Pattern), CueStats> = HashMap::new();
        let mut rules: HashMap<Rule, CueStats> = HashMap::new();
        // (document, candidate, cue key, right) for the ranking model.
        let mut seen: Vec<(usize, super::rules::Candidate, String, bool)> = Vec::new();
        for (d, cands) in labelled.into_iter().enumerate() {
            for (c, key, marked) in cands {
                for e in [
                    stats.entry((key.clone(), c.pattern)).or_default(),
                    rules.entry(c.rule).or_default(),
                ] {
                    e.seen += 1;
                    e.marked += u32::from(marked);
                }
                seen.push((d, c, key, marked));
            }
        }
        k.stats = stats;
        k.rules = rules;
        // The ranking model: each candidate's features with the reliability counted without
        // it (its own label left out), trained on whether it was right.
        let examples: Vec<(rank::Features, bool)> = seen
            .iter()
            .map(|(d, c, key, marked)| {
                let reliability = k.adjust_without(c.rule, key, c.pattern, c.confidence, *marked);
                (
                    rank::features(&annotated[*d].0, lex, c, reliability),
                    *marked,
                )
            })
            .collect();
        k.ranker = rank::Ranker::train(&examples);
        k.finish_names();
        k
    }

    fn add_name(&mut self, name: &str, id: &str) {
        let key = name_key(name);
        if key.chars().count() >= 2 {
            self.names.entry(key).or_insert_with(|| id.to_string());
        }
    }

    fn finish_names(&mut self) {
        let mut keys: Vec<String> = self.names.keys().cloned().collect();
        keys.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        self.by_length = keys;
    }

    /// Nothing learned as a cue head (the rules need not look words up).
    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// The patterns a learned head (by cue key) was used in, if the project taught it.
    pub fn learned_head(&self, key: &str) -> Option<&HashSet<Pattern>> {
        self.heads.learned_head(key)
    }

    /// Whether the project used this head in `pattern`.
    pub fn pattern_seen(&self, key: &str, pattern: Pattern) -> Option<()> {
        self.heads.pattern_seen(key, pattern)
    }

    /// The cue heads the project taught, as the rules read them.
    pub fn heads(&self) -> &Heads {
        &self.heads
    }

    pub fn stats(&self, key: &str, pattern: Pattern) -> Option<CueStats> {
        self.stats.get(&(key.to_string(), pattern)).copied()
    }

    /// A rule's confidence moved toward what the project shows: first for the rule (the share
    /// of its candidates in annotated documents whose cue the researcher marked, the rule's
    /// confidence a prior worth [`RULE_PRIOR`] candidates), then for this cue word (a prior worth
    /// [`PRIOR`]).
    pub fn adjust(&self, rule: Rule, key: &str, pattern: Pattern, base: f32) -> f32 {
        let blend = |s: Option<&CueStats>, base: f32, prior: f32| match s {
            Some(s) if s.seen > 0 => (s.marked as f32 + prior * base) / (s.seen as f32 + prior),
            _ => base,
        };
        let by_rule = blend(self.rules.get(&rule), base, RULE_PRIOR);
        blend(self.stats.get(&(key.to_string(), pattern)), by_rule, PRIOR)
    }

    /// [`Knowledge::adjust`] with one candidate (right or not) taken out of the counts.
    fn adjust_without(
        &self,
        rule: Rule,
        key: &str,
        pattern: Pattern,
        base: f32,
        right: bool,
    ) -> f32 {
        let less = |s: Option<&CueStats>| {
            s.map(|s| CueStats {
                marked: s.marked.saturating_sub(u32::from(right)),
                seen: s.seen.saturating_sub(1),
            })
        };
        let blend = |s: Option<CueStats>, base: f32, prior: f32| match s {
            Some(s) if s.seen > 0 => (s.marked as f32 + prior * base) / (s.seen as f32 + prior),
            _ => base,
        };
        let by_rule = blend(less(self.rules.get(&rule)), base, RULE_PRIOR);
        blend(
            less(self.stats.get(&(key.to_string(), pattern))),
            by_rule,
            PRIOR,
        )
    }

    /// The ranking model the project trained, if it had enough examples of both kinds.
    pub fn ranker(&self) -> Option<&rank::Ranker> {
        self.ranker.as_ref()
    }

    /// The registry source ids a mention names: the whole mention, each part of a joint mention
    /// ("Facebook and Google"), or the longest registry name inside it ("Amnesty's report").
    pub fn resolve(&self, mention: &str) -> Vec<String> {
        let key = name_key(mention);
        if key.is_empty() {
            return Vec::new();
        }
        if let Some(id) = self.names.get(&key) {
            return vec![id.clone()];
        }
        if let Some(f) = self.registry.find(mention) {
            return vec![f.id.to_string()];
        }
        let parts: Vec<&str> = key
            .split([',', '&'])
            .flat_map(|p| p.split(" and "))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1 {
            let mut ids = Vec::new();
            for p in &parts {
                if let Some(id) = self.find_inside(p)
                    && !ids.contains(&id)
                {
                    ids.push(id);
                }
            }
            if ids.len() > 1 {
                return ids;
            }
        }
        self.find_inside(&key).into_iter().collect()
    }

    /// The registry source of an article's entity (`identity::chain`): by its names and
    /// aliases learned, then by fingerprint, surname or first and last name.
    pub fn resolve_entity(&self, e: &crate::identity::Entity) -> Option<String> {
        std::iter::once(&e.name)
            .chain(&e.names)
            .find_map(|n| self.names.get(&name_key(n)).cloned())
            .or_else(|| self.registry.find_entity(e).map(|f| f.id.to_string()))
    }

    fn find_inside(&self, key: &str) -> Option<String> {
        if let Some(id) = self.names.get(key) {
            return Some(id.clone());
        }
        for name in &self.by_length {
            if name.len() > key.len() {
                continue;
            }
            let mut from = 0;
            while let Some(pos) = key[from..].find(name.as_str()) {
                let s = from + pos;
                let e = s + name.len();
                let before = key[..s]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after = key[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if before && after {
                    return self.names.get(name).cloned();
                }
                from = s + key[s..].chars().next().map_or(1, char::len_utf8);
            }
        }
        None
    }
}

/// May a mention's words be learned as a name of its source? Names and describing phrases
/// are; pronouns, titles, generic mentions and words that are no source are not.
pub fn learnable(mention: &str) -> bool {
    use crate::model::mentions::{MentionKind, classify};
    classify(mention) == MentionKind::Named
        && !crate::identity::not_a_name(mention)
        && crate::identity::chain::title_mention(mention).is_none()
}

/// The head token of a claim's cue: its first lexicon verb, noun or phrase word, else its last
/// word that is not an auxiliary or function word.
fn head_token(a: &Analysis, lex: &Lexicon, cue: &[crate::model::Span]) -> Option<usize> {
    let first = cue.first()?;
    let last = cue.last()?;
    let lo = a.tokens.partition_point(|t| t.end <= first.start);
    let hi = a.tokens.partition_point(|t| t.start < last.end);
    let words: Vec<usize> = (lo..hi)
        .filter(|&i| a.tokens[i].kind == Kind::Word)
        .collect();
    if let Some(&i) = words.iter().find(|&&i| {
        let w = a.lower[i].as_str();
        lex.verbs.contains_key(w) || lex.nouns.contains(w) || w == "according"
    }) {
        return Some(i);
    }
    words.iter().rev().copied().find(|&i| {
        let w = a.lower[i].as_str();
        !lex.is_aux(w)
            && !matches!(
                w,
                "that"
                    | "to"
                    | "of"
                    | "the"
                    | "a"
                    | "an"
                    | "about"
                    | "in"
                    | "on"
                    | "for"
                    | "with"
                    | "by"
            )
    })
}

/// The pattern a claim shows: content before the cue, or what follows the cue.
fn claim_pattern(a: &Analysis, claim: &crate::model::Claim, cue: &[crate::model::Span]) -> Pattern {
    let cue_start = cue.iter().map(|s| s.start).min().unwrap_or(0);
    let cue_end = cue.iter().map(|s| s.end).max().unwrap_or(0);
    if claim.start() < cue_start {
        return Pattern::Pre;
    }
    let next = a.tokens.partition_point(|t| t.start < cue_end);
    match a.lower.get(next).map(String::as_str) {
        Some("that") | Some(":") => Pattern::Clause,
        Some("to") => Pattern::To,
        Some(_) if a.tokens[next].mark == super::tokens::Mark::Open => Pattern::Clause,
        _ => Pattern::Object,
    }
}

impl Knowledge {
    /// What was learned, for debugging: (cue key, pattern, learned as a head, marked/seen).
    pub fn describe(&self) -> Vec<(String, Pattern, bool, CueStats)> {
        let mut out: Vec<_> = self
            .stats
            .iter()
            .map(|((k, p), s)| {
                let learned = self.heads.learned_head(k).is_some_and(|h| h.contains(p));
                (k.clone(), *p, learned, *s)
            })
            .collect();
        out.sort_by(|a, b| (&a.0, a.1 as u8).cmp(&(&b.0, b.1 as u8)));
        out
    }
}

/// Does a rejected suggestion's content cover a candidate's (by the guide's rule: overlapping
/// by at least half of the smaller)?
fn covers(rejected: &[crate::model::Span], content: &[std::ops::Range<usize>]) -> bool {
    let len = |a: usize, b: usize| b.saturating_sub(a);
    let r: usize = rejected.iter().map(|s| len(s.start, s.end)).sum();
    let c: usize = content.iter().map(|x| len(x.start, x.end)).sum();
    let overlap: usize = rejected
        .iter()
        .flat_map(|s| {
            content
                .iter()
                .map(move |x| len(s.start.max(x.start), s.end.min(x.end)))
        })
        .sum();
    overlap > 0 && overlap * 2 >= r.min(c)
}

/// The rules' candidates in one document of the project, each with its cue key and whether it
/// is right: its cue marked in a claim (`cues`: the marked cue ranges, sorted) and its content
/// not rejected. In a document without claims (`cues` is `None`) only the candidates a rejected
/// suggestion covers are known (wrong); the others are left out.
fn label_candidates(
    a: &Analysis,
    cues: Option<&[(usize, usize)]>,
    rejected: &[&crate::model::Rejected],
    lex: &Lexicon,
    heads: &Heads,
) -> Vec<(super::rules::Candidate, String, bool)> {
    let ex = Extractor {
        a,
        lex,
        know: heads,
    };
    let mut out = Vec::new();
    for c in ex.run() {
        let t = &a.tokens[c.head];
        let is_rejected = rejected.iter().any(|r| covers(&r.content, &c.content));
        let marked = match cues {
            None if is_rejected => false,
            None => continue,
            Some(cues) => {
                let p = cues.partition_point(|&(s, _)| s <= t.start);
                cues[..p]
                    .iter()
                    .rev()
                    .take(16)
                    .any(|&(s, e)| s <= t.start && t.end <= e)
                    && !is_rejected
            }
        };
        let key = lex.cue_key(&a.lower[c.head]).unwrap_or_default();
        out.push((c, key, marked));
    }
    out
}
