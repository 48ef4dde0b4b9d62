//! Attribution suggestions: the app proposes who claims what (content, cue, source mention, the
//! registry source, the intermediary), offline and in milliseconds, with a confidence.
//!
//! - [`tokens`]: words, sentences and quotations with char offsets;
//! - [`lexicon`]: the cue lexicon (`assets/suggest/en.txt`);
//! - [`rules`]: cue-centred rules that find content, source mention and intermediary;
//! - [`learn`]: what the project teaches (cue words and patterns, their reliability here,
//!   source names), computed from the project each time;
//! - [`measure`]: the guide's measure (matched content and cue, source accuracy).
//!
//! Spans are char offsets into the document text, on grapheme boundaries, never empty.

// One-fragment spans are written `vec![start..end]` throughout: a list of one range is meant.
#![allow(clippy::single_range_in_vec_init)]

pub mod learn;
pub mod lexicon;
pub mod measure;
pub mod rank;
pub mod rules;
pub mod tokens;
pub mod vocab;

pub use learn::Knowledge;

use crate::edit::Edit;
use crate::model::{
    Attribution, Claim, ClaimOrigin, Mode, Project, Rejected, Source, SourceKind, Span, Status,
    fresh, now,
};
use crate::text::{CharMap, make_span_with};
use lexicon::Lexicon;
use std::collections::HashMap;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The confidence at which suggestions are designed to be right at least four times in five
/// (measured on the development set, see tests/suggest_quality.rs).
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.6;

/// How to suggest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Suggestions below this confidence are dropped.
    pub min_confidence: f32,
    /// Learn cues, patterns and source names from the project's claims (see [`learn`]).
    pub learn: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_confidence: DEFAULT_MIN_CONFIDENCE,
            learn: true,
        }
    }
}

/// One proposed attribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The document id.
    pub document: String,
    /// Content fragments (char ranges), sorted, never empty.
    pub content: Vec<Range<usize>>,
    pub cue: Vec<Range<usize>>,
    pub mention: Vec<Range<usize>>,
    /// Registry source ids the mention resolves to (several for a joint mention).
    pub sources: Vec<String>,
    /// The intermediary's words ("told Reuters" → Reuters), if any.
    pub via_text: Option<Range<usize>>,
    /// The intermediary's registry source id, if it resolves.
    pub via: Option<String>,
    /// 0–1: how likely the suggestion is to match a researcher's attribution.
    pub confidence: f32,
    /// The rule or feature that produced it.
    pub rule: String,
    /// The index (in the same list) of a suggestion whose content holds this one's cue and
    /// content (nested attribution).
    pub within: Option<usize>,
}

impl Suggestion {
    pub fn start(&self) -> usize {
        self.content.first().map_or(0, |r| r.start)
    }
}

/// Multi-char grapheme clusters of a text (char ranges), for snapping span ends.
fn multi_char_graphemes(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for g in text.graphemes(true) {
        let n = g.chars().count();
        if n > 1 {
            out.push(pos..pos + n);
        }
        pos += n;
    }
    out
}

fn snap(r: Range<usize>, clusters: &[Range<usize>]) -> Range<usize> {
    let inside = |p: usize| {
        let k = clusters.partition_point(|c| c.end <= p);
        clusters
            .get(k)
            .filter(|c| c.start < p && p < c.end)
            .cloned()
    };
    let s = inside(r.start).map_or(r.start, |c| c.start);
    let e = inside(r.end).map_or(r.end, |c| c.end);
    s..e.max(s)
}

/// Suggestions for one text, every confidence, sorted by position. `know` is what the project
/// taught (use [`Knowledge::empty`] for none).
pub fn suggest_text(text: &str, know: &Knowledge) -> Vec<Suggestion> {
    suggest_text_with(text, know, lexicon::english())
}

fn suggest_text_with(text: &str, know: &Knowledge, lex: &Lexicon) -> Vec<Suggestion> {
    let a = tokens::Analysis::new(text, lex);
    let ex = rules::Extractor {
        a: &a,
        lex,
        know: know.heads(),
    };
    let cands = ex.run();
    let clusters = multi_char_graphemes(text);
    let map = CharMap::new(text);
    let mut out: Vec<Suggestion> = Vec::with_capacity(cands.len());
    // The mention chains of the text: a pronoun's or title's source is its antecedent's here
    // (none when ambiguous), a name's the registry source of its entity.
    let mention_of = |c: &rules::Candidate| -> Option<Range<usize>> {
        c.mention
            .clone()
            .map(|r| snap(r, &clusters))
            .filter(|r| r.start < r.end)
    };
    let ranges: Vec<Range<usize>> = cands.iter().filter_map(mention_of).collect();
    let chains = crate::identity::link(text, &ranges);
    let mut next_link = 0;
    for c in cands {
        let key = lex.cue_key(&a.lower[c.head]).unwrap_or_default();
        // What the project shows about a cue word moves the rule's confidence; a candidate the
        // rules marked down (no source, a modal, an ambiguous form) keeps its share of it, so
        // "would think" stays under "think" however often the project marks "think".
        let base = c.rule.base_confidence();
        let mut confidence = if c.confidence < base && base > 0.0 {
            know.adjust(c.rule, &key, c.pattern, base) * (c.confidence / base)
        } else {
            know.adjust(c.rule, &key, c.pattern, c.confidence)
        };
        if matches!(c.rule, rules::Rule::Learned | rules::Rule::LearnedNoun) {
            // A learned cue is only as good as the project shows it to be: the ranking model
            // trained on the project's candidates scores it when the project had enough.
            if let Some(r) = know.ranker() {
                let score = r.score(&rank::features(&a, lex, &c, confidence));
                // A learned noun also needs the project's own counts for it: the model,
                // trained mostly on verbs, cannot tell "an order of 50 jets" from "criticism
                // of the deal" (leaving one tuning article out, it ranked wrong nouns at 0.76).
                confidence = if c.rule == rules::Rule::LearnedNoun {
                    score.min(confidence)
                } else {
                    score
                };
            }
            confidence = confidence.min(0.95);
            // A word the researcher marked once is proposed, but under the default threshold:
            // most such words are no cue in their next use ("fired", "ordered", "saw" —
            // measured leaving one tuning article out), and the ranker, having seen the word
            // only where it was marked, cannot tell. Marked twice, the ranker's score stands.
            if know.heads().marks(&key) < 2 {
                confidence = confidence.min(DEFAULT_MIN_CONFIDENCE - 0.05);
            }
        }
        let mut content: Vec<Range<usize>> = c
            .content
            .into_iter()
            .map(|r| snap(r, &clusters))
            .filter(|r| r.start < r.end)
            .collect();
        content.sort_by_key(|r| r.start);
        content.dedup();
        if content.is_empty() {
            continue;
        }
        let mention: Vec<Range<usize>> = c
            .mention
            .map(|r| snap(r, &clusters))
            .filter(|r| r.start < r.end)
            .into_iter()
            .collect();
        let mention_text = mention
            .first()
            .map(|r| map.slice(text, r.start, r.end).to_string());
        let link = if mention.is_empty() {
            None
        } else {
            next_link += 1;
            chains.links.get(next_link - 1)
        };
        let sources = match (mention_text.as_deref(), link) {
            (Some(m), Some(l)) => sources_of(know, &chains, l, m),
            (Some(m), None) => know.resolve(m),
            _ => Vec::new(),
        };
        if !sources.is_empty() {
            confidence = (confidence + 0.03).min(0.99);
        }
        let via_text = c
            .via
            .map(|r| snap(r, &clusters))
            .filter(|r| r.start < r.end);
        let via = via_text.as_ref().and_then(|r| {
            know.resolve(map.slice(text, r.start, r.end))
                .into_iter()
                .next()
        });
        out.push(Suggestion {
            document: String::new(),
            content,
            cue: vec![snap(c.cue, &clusters)],
            mention,
            sources,
            via_text,
            via,
            confidence: confidence.clamp(0.0, 1.0),
            rule: c.rule.name().to_string(),
            within: None,
        });
    }
    out.sort_by(|a, b| (a.start(), &a.cue[0].start).cmp(&(b.start(), &b.cue[0].start)));
    // One suggestion per cue.
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut keep: Vec<Suggestion> = Vec::with_capacity(out.len());
    for s in out {
        match seen.get(&s.cue[0].start) {
            Some(&k) if keep[k].confidence >= s.confidence => {}
            Some(&k) => keep[k] = s,
            None => {
                seen.insert(s.cue[0].start, keep.len());
                keep.push(s);
            }
        }
    }
    // Nesting: a suggestion whose cue and content lie inside an earlier one's content.
    for i in 0..keep.len() {
        let (cs, ce) = (
            keep[i].cue[0].start,
            keep[i].content.last().map_or(0, |r| r.end),
        );
        for k in (i.saturating_sub(20)..i).rev() {
            if keep[k]
                .content
                .iter()
                .any(|r| r.start <= cs.min(keep[i].start()) && ce <= r.end)
            {
                keep[i].within = Some(k);
                break;
            }
        }
    }
    keep
}

/// The registry sources of a suggested mention, through its link in the text's mention chains:
/// a name's entity (the mention's own words when the entity's names are not in the registry),
/// a pronoun's or title's antecedent (none when ambiguous or not in the registry), nothing for
/// what is no source.
fn sources_of(
    know: &Knowledge,
    chains: &crate::identity::Chains,
    l: &crate::identity::Link,
    mention: &str,
) -> Vec<String> {
    use crate::identity::Class;
    let mut ids: Vec<String> = Vec::new();
    for &e in &l.entities {
        if let Some(id) = know.resolve_entity(&chains.entities[e])
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    match l.class {
        Class::Pronoun | Class::NotASource => ids,
        Class::Title => {
            if ids.is_empty() && !l.ambiguous && l.entities.is_empty() {
                know.resolve(mention)
            } else {
                ids
            }
        }
        _ if ids.is_empty() => know.resolve(mention),
        _ => ids,
    }
}

/// Suggestions for the project's documents (`documents` empty: all), above the options'
/// minimum confidence, without the rejected ones and those a claim already makes.
pub fn suggest(project: &Project, documents: &[String], opts: &Options) -> Vec<Suggestion> {
    let know = Knowledge::from_project(project, lexicon::english(), opts.learn);
    suggest_with(project, &know, documents, opts, true)
}

/// What hides a suggestion in one document: a rejection of its content, or a claim that already
/// makes it (content matching by the guide's measure, and the same cue or none).
pub struct DocFilter {
    /// Existing claims sorted by start, for an overlap search instead of a scan per suggestion.
    claims: Vec<measure::Attr>,
    longest: usize,
    rejected: std::collections::HashSet<Vec<(usize, usize)>>,
    prefix: Vec<u32>,
}

impl DocFilter {
    /// The filter of document `doc` of `project` (an unknown id: nothing is hidden). Scans the
    /// whole project: for many documents use [`DocFilter::all`].
    pub fn new(project: &Project, doc: &str) -> DocFilter {
        DocFilter::of(
            project,
            doc,
            project.claims_of(doc),
            project.rejected.iter().filter(|r| r.document == doc),
        )
    }

    /// The filters of every document of `project`, in one pass over its claims and rejections.
    pub fn all(project: &Project) -> HashMap<&str, DocFilter> {
        let mut claims: HashMap<&str, Vec<&Claim>> = HashMap::new();
        for c in &project.claims {
            claims.entry(c.document.as_str()).or_default().push(c);
        }
        let mut rejected: HashMap<&str, Vec<&Rejected>> = HashMap::new();
        for r in &project.rejected {
            rejected.entry(r.document.as_str()).or_default().push(r);
        }
        project
            .documents
            .iter()
            .map(|d| {
                let id = d.id.as_str();
                let c = claims.remove(id).unwrap_or_default();
                let r = rejected.remove(id).unwrap_or_default();
                (id, DocFilter::of(project, id, c, r))
            })
            .collect()
    }

    /// The filter of document `doc` from its claims and rejections.
    pub fn of<'a>(
        project: &Project,
        doc: &str,
        claims: impl IntoIterator<Item = &'a Claim>,
        rejected: impl IntoIterator<Item = &'a Rejected>,
    ) -> DocFilter {
        let mut claims: Vec<measure::Attr> = claims
            .into_iter()
            .map(measure::Attr::of_claim)
            .filter(|a| !a.content.is_empty())
            .collect();
        claims.sort_by_key(|a| a.content[0].start);
        let longest = claims
            .iter()
            .map(|a| a.content.iter().map(|r| r.end).max().unwrap_or(0) - a.content[0].start)
            .max()
            .unwrap_or(0);
        let rejected = rejected
            .into_iter()
            .map(|r| r.content.iter().map(|s| (s.start, s.end)).collect())
            .collect();
        // Only needed when there are claims to compare with.
        let prefix = if claims.is_empty() {
            Vec::new()
        } else {
            project
                .document(doc)
                .map(|d| measure::visible_prefix(&d.text))
                .unwrap_or_default()
        };
        DocFilter {
            claims,
            longest,
            rejected,
            prefix,
        }
    }

    /// Was a suggestion with this content rejected?
    pub fn rejected(&self, s: &Suggestion) -> bool {
        let key: Vec<(usize, usize)> = s.content.iter().map(|r| (r.start, r.end)).collect();
        self.rejected.contains(&key)
    }

    /// Does a claim already make this suggestion?
    pub fn present(&self, s: &Suggestion) -> bool {
        if self.claims.is_empty() {
            return false;
        }
        let attr = measure::Attr {
            content: s.content.clone(),
            cue: s.cue.clone(),
            mention: s.mention.clone(),
        };
        let (lo, hi) = (
            s.start().saturating_sub(self.longest),
            s.content.last().map_or(0, |r| r.end),
        );
        let from = self.claims.partition_point(|c| c.content[0].start < lo);
        let to = self.claims.partition_point(|c| c.content[0].start < hi);
        already_made(&self.prefix, &self.claims[from.min(to)..to], &attr)
    }
}

/// For each suggestion of `list`: is it still open (neither rejected nor made by a claim of
/// `project`)? One filter per document.
pub fn open_flags(project: &Project, list: &[Suggestion]) -> Vec<bool> {
    let filters = DocFilter::all(project);
    list.iter()
        .map(|s| {
            filters
                .get(s.document.as_str())
                .is_some_and(|f| !f.rejected(s) && !f.present(s))
        })
        .collect()
}

/// The suggestions of `list` whose index `keep` accepts, in order, with `within` pointing into
/// the new list (or nowhere, when the outer suggestion is left out).
pub fn subset(list: &[Suggestion], keep: impl Fn(usize) -> bool) -> Vec<Suggestion> {
    let mut new_index = vec![None; list.len()];
    let mut n = 0;
    for (i, slot) in new_index.iter_mut().enumerate() {
        if keep(i) {
            *slot = Some(n);
            n += 1;
        }
    }
    list.iter()
        .enumerate()
        .filter(|(i, _)| new_index[*i].is_some())
        .map(|(_, s)| {
            let mut s = s.clone();
            s.within = s.within.and_then(|w| new_index.get(w).copied().flatten());
            s
        })
        .collect()
}

/// Suggestions for the project's documents (`documents` empty: all) with what the project
/// taught (`know`), above the options' minimum confidence, without the rejected ones, and
/// without those a claim already makes when `hide_present`.
pub fn suggest_with(
    project: &Project,
    know: &Knowledge,
    documents: &[String],
    opts: &Options,
    hide_present: bool,
) -> Vec<Suggestion> {
    let lex = lexicon::english();
    let mut out = Vec::new();
    // One pass over the claims for many documents; a scan for one or two.
    let filters = if documents.is_empty() || documents.len() > 2 {
        DocFilter::all(project)
    } else {
        HashMap::new()
    };
    for doc in &project.documents {
        if !documents.is_empty() && !documents.contains(&doc.id) {
            continue;
        }
        let single;
        let filter = match filters.get(doc.id.as_str()) {
            Some(f) => f,
            None => {
                single = DocFilter::new(project, &doc.id);
                &single
            }
        };
        let base = out.len();
        out.extend(suggest_document_with(
            doc,
            know,
            filter,
            opts,
            hide_present,
            lex,
            base,
        ));
    }
    out
}

/// Suggestions for one document (`filter`: its [`DocFilter`]), `within` counted from 0.
pub fn suggest_document(
    doc: &crate::model::Document,
    know: &Knowledge,
    filter: &DocFilter,
    opts: &Options,
    hide_present: bool,
) -> Vec<Suggestion> {
    suggest_document_with(doc, know, filter, opts, hide_present, lexicon::english(), 0)
}

fn suggest_document_with(
    doc: &crate::model::Document,
    know: &Knowledge,
    filter: &DocFilter,
    opts: &Options,
    hide_present: bool,
    lex: &Lexicon,
    base: usize,
) -> Vec<Suggestion> {
    let all = suggest_text_with(&doc.text, know, lex);
    let mut out: Vec<Suggestion> = Vec::new();
    // Map old indices to new ones for `within` after filtering.
    let mut new_index: Vec<Option<usize>> = vec![None; all.len()];
    for (i, mut s) in all.into_iter().enumerate() {
        if s.confidence < opts.min_confidence || filter.rejected(&s) {
            continue;
        }
        if hide_present && filter.present(&s) {
            continue;
        }
        s.document = doc.id.clone();
        s.within = s.within.and_then(|w| new_index[w]).map(|w| w + base);
        new_index[i] = Some(out.len());
        out.push(s);
    }
    out
}

/// Does a claim already make this suggestion: content matching by the guide's measure, and the
/// same cue (or a claim without a cue)?
fn already_made(prefix: &[u32], claims: &[measure::Attr], s: &measure::Attr) -> bool {
    claims.iter().any(|c| {
        let cue_ok = c.cue.is_empty()
            || c.cue
                .iter()
                .any(|x| s.cue.iter().any(|y| x.start < y.end && y.start < x.end));
        cue_ok && content_matches(prefix, &c.content, &s.content)
    })
}

fn content_matches(prefix: &[u32], a: &[Range<usize>], b: &[Range<usize>]) -> bool {
    let x = measure::Attr {
        content: a.to_vec(),
        cue: vec![0..usize::MAX],
        mention: vec![],
    };
    let y = measure::Attr {
        content: b.to_vec(),
        cue: vec![0..usize::MAX],
        mention: vec![],
    };
    !measure::matching(prefix, &[x], &[y]).is_empty()
}

/// Mode of a suggested claim: Direct when its content is a quotation.
fn mode_of(text: &str, map: &CharMap, content: &[Range<usize>]) -> Mode {
    let quoted = content.iter().all(|r| {
        let s = map.slice(text, r.start, r.end);
        let first = s.chars().next();
        matches!(
            first,
            Some('"' | '\u{201C}' | '\u{201E}' | '\u{00AB}' | '\'')
        )
    });
    if quoted { Mode::Direct } else { Mode::Indirect }
}

/// A claim made from a suggestion: label `label`, status unverified, origin suggested,
/// attributed to the registry sources the mention resolves to (`sources`: several for a joint
/// mention such as "Facebook and Google"; empty when none).
pub fn to_claim(
    text: &str,
    map: &CharMap,
    s: &Suggestion,
    label: &str,
    author: &str,
    sources: Vec<String>,
    via: Option<String>,
) -> Claim {
    let span = |r: &Range<usize>| -> Span { make_span_with(text, map, r.start, r.end) };
    let t = now();
    Claim {
        id: crate::model::new_id(),
        document: s.document.clone(),
        label: label.to_string(),
        content: s.content.iter().map(span).collect(),
        attribution: Some(Attribution {
            sources,
            mention: s.mention.iter().map(span).collect(),
            cue: s.cue.iter().map(span).collect(),
            via,
            within: None,
            mode: mode_of(text, map, &s.content),
        }),
        status: Status::Unverified,
        note: String::new(),
        tags: Vec::new(),
        author: author.to_string(),
        created: t,
        modified: t,
        anchor: Default::default(),
        agreed_by: Vec::new(),
        unresolved: None,
        reviews: Vec::new(),
        origin: ClaimOrigin::Suggested {
            confidence: (s.confidence * 100.0).round() / 100.0,
            rule: s.rule.clone(),
        },
        brat: None,
    }
}

/// The edit that adds `suggestions` to the project as claims (label `label`, else "claim" or the
/// project's first label, status unverified, origin suggested), in one undoable batch. A mention that no
/// registry source names becomes a new source (kind unknown) as a brat import would make it;
/// pronouns get none. A suggestion nested in another one of the batch is linked to it
/// (`within`). Returns the edit and the new claims' ids in the order of `suggestions`.
pub fn accept_edit(
    project: &Project,
    suggestions: &[Suggestion],
    label: Option<&str>,
) -> (Edit, Vec<String>) {
    let lex = lexicon::english();
    let label = label
        .and_then(|l| project.label(l))
        .or_else(|| project.label(crate::formats::brat::CLAIM_LABEL))
        .or(project.labels.first())
        .map_or_else(
            || crate::formats::brat::CLAIM_LABEL.to_string(),
            |l| l.id.clone(),
        );
    let mut edits = Vec::new();
    let mut new_sources: Vec<Source> = Vec::new();
    let mut ids = Vec::with_capacity(suggestions.len());
    let mut maps: HashMap<&str, CharMap> = HashMap::new();
    let registry = crate::identity::Resolver::of(&project.sources);
    // A mention's registry source, as S resolves one: a pronoun has none (its antecedent's is
    // taken below); a generic mention ("officials", "a source") is the registry's anonymous
    // source; a name is a registry source by name or alias, else the closest one by likeness
    // (as S preselects it), else a new source.
    let source_for = |name: &str,
                      doc: &str,
                      new_sources: &mut Vec<Source>,
                      edits: &mut Vec<Edit>|
     -> Option<String> {
        use crate::model::mentions::{self, MentionKind};
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let kind = mentions::classify(name);
        if kind == MentionKind::Pronoun {
            return None;
        }
        let (name, kind_of_new) = if kind == MentionKind::Generic
            || lex.pronouns.contains(name.to_lowercase().as_str())
        {
            if let Some(s) = mentions::anonymous_source(project)
                .or_else(|| new_sources.iter().find(|s| s.kind == SourceKind::Anonymous))
            {
                return Some(s.id.clone());
            }
            (mentions::ANONYMOUS_NAME, SourceKind::Anonymous)
        } else {
            if crate::identity::not_a_name(name) {
                return None;
            }
            // By name or alias, by fingerprint ("Mr. Trump's" is Donald Trump), else the
            // closest by likeness, never another person of the same surname.
            let parsed = crate::identity::Name::parse(name);
            let other_person = |s: &Source| {
                s.names().any(|n| {
                    crate::identity::names::conflict(&crate::identity::Name::parse(n), &parsed)
                })
            };
            if let Some(s) = project
                .find_source(name)
                .or_else(|| registry.find(name).and_then(|f| project.source(f.id)))
                .or_else(|| {
                    mentions::best_match(project, Some(doc), name).filter(|s| !other_person(s))
                })
            {
                return Some(s.id.clone());
            }
            if let Some(s) = new_sources
                .iter()
                .find(|s| s.is_named(name) || crate::identity::fingerprint(&s.name) == parsed.key())
            {
                return Some(s.id.clone());
            }
            (name, SourceKind::Unknown)
        };
        let id = fresh(crate::model::slug(name), |id| {
            project.source(id).is_some() || new_sources.iter().any(|s| s.id == id)
        });
        let src = Source {
            id: id.clone(),
            name: name.to_string(),
            kind: kind_of_new,
            aliases: Vec::new(),
            note: String::new(),
        };
        edits.push(Edit::InsertSource {
            index: project.sources.len() + new_sources.len(),
            source: src.clone(),
        });
        new_sources.push(src);
        Some(id)
    };
    let mut claims = Vec::with_capacity(suggestions.len());
    for s in suggestions {
        let Some(doc) = project.document(&s.document) else {
            ids.push(String::new());
            continue;
        };
        let map = maps
            .entry(doc.id.as_str())
            .or_insert_with(|| CharMap::new(&doc.text));
        let sources: Vec<String> = if s.sources.is_empty() {
            s.mention
                .first()
                .and_then(|r| {
                    source_for(
                        map.slice(&doc.text, r.start, r.end),
                        &doc.id,
                        &mut new_sources,
                        &mut edits,
                    )
                })
                .into_iter()
                .collect()
        } else {
            s.sources.clone()
        };
        let via = match (&s.via, &s.via_text) {
            (Some(id), _) => Some(id.clone()),
            (None, Some(r)) => source_for(
                map.slice(&doc.text, r.start, r.end),
                &doc.id,
                &mut new_sources,
                &mut edits,
            ),
            _ => None,
        };
        // A pronoun ("he", "they") takes the source of its antecedent in this article's
        // mention chain (`identity::chain`: the nearest compatible name before it), none when
        // that is ambiguous; tagged for the researcher to check, as the brat import does.
        let mut from_pronoun = false;
        let sources = match (sources.is_empty(), s.mention.first()) {
            (true, Some(m))
                if crate::model::mentions::classify(map.slice(&doc.text, m.start, m.end))
                    == crate::model::mentions::MentionKind::Pronoun =>
            {
                let chains = crate::identity::link(&doc.text, &[m.start..m.end]);
                let l = &chains.links[0];
                from_pronoun = !l.entities.is_empty() || l.ambiguous;
                l.entities
                    .iter()
                    .filter_map(|&e| {
                        source_for(
                            &chains.entities[e].name,
                            &doc.id,
                            &mut new_sources,
                            &mut edits,
                        )
                    })
                    .collect()
            }
            _ => sources,
        };
        let mut c = to_claim(
            &doc.text,
            map,
            s,
            &label,
            &project.annotator.id,
            sources,
            via,
        );
        if from_pronoun {
            c.tags.push(crate::model::mentions::CHECK_TAG.to_string());
        }
        ids.push(c.id.clone());
        claims.push(c);
    }
    // Nesting within the batch.
    let mut k = 0;
    for (i, s) in suggestions.iter().enumerate() {
        if ids[i].is_empty() {
            continue;
        }
        if let Some(w) = s.within
            && let Some(outer) = ids.get(w).filter(|id| !id.is_empty())
            && let Some(a) = claims[k].attribution.as_mut()
        {
            a.within = Some(outer.clone());
        }
        k += 1;
    }
    let n = claims.len();
    for (j, c) in claims.into_iter().enumerate() {
        edits.push(Edit::InsertClaim {
            index: project.claims.len() + j,
            claim: Box::new(c),
        });
    }
    let what = if n == 1 {
        "accept suggestion".to_string()
    } else {
        format!("accept {n} suggestions")
    };
    (Edit::Batch { what, edits }, ids)
}

/// The edit that remembers `s` as rejected (not proposed again for its document and content).
pub fn reject_edit(project: &Project, s: &Suggestion) -> Option<Edit> {
    let doc = project.document(&s.document)?;
    let map = CharMap::new(&doc.text);
    let mut rejected = project.rejected.clone();
    rejected.push(Rejected {
        document: doc.id.clone(),
        content: s
            .content
            .iter()
            .map(|r| make_span_with(&doc.text, &map, r.start, r.end))
            .collect(),
    });
    Some(Edit::SetRejected { rejected })
}

#[cfg(test)]
mod tests;
