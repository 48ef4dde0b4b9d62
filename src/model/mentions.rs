//! What a source mention is, and which registry sources it may name.
//!
//! - [`classify`]: a pronoun ("he", "they", "which") or a generic anonymous mention ("a source",
//!   "officials", "people familiar with the matter") is never a registry entry of its own; only
//!   a [`MentionKind::Named`] mention may become one.
//! - [`rank_sources`]: the registry's sources ranked by how well they fit a mention (its words
//!   in common with a name or alias, proper nouns counting double, and how often the source is
//!   used in the document), so the best existing match can be offered first.
//!
//! The word lists are English, small and written here: they are closed classes (pronouns,
//! determiners) and a few generic nouns, which no crate ships as data.

use super::{Project, Source, SourceKind};
use unicode_normalization::UnicodeNormalization;

/// What kind of words a source mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A name or a describing noun phrase ("Amnesty International", "Vietnam's foreign
    /// ministry"): may be a registry source.
    Named,
    /// A pronoun or relative ("he", "they", "its", "which"): stands for a source named before.
    Pronoun,
    /// A generic, unnamed source ("a source", "officials", "people familiar with the matter"):
    /// the registry's anonymous source.
    Generic,
}

const PRONOUNS: &[&str] = &[
    "i",
    "me",
    "my",
    "mine",
    "we",
    "us",
    "our",
    "ours",
    "you",
    "your",
    "yours",
    "he",
    "him",
    "his",
    "she",
    "her",
    "hers",
    "it",
    "its",
    "they",
    "them",
    "their",
    "theirs",
    "one",
    "himself",
    "herself",
    "itself",
    "themselves",
    "ourselves",
    "myself",
    "yourself",
    "who",
    "whom",
    "whose",
    "which",
    "that",
    "this",
    "these",
    "those",
];

/// Determiners and quantifiers that may start a generic mention.
const DETERMINERS: &[&str] = &[
    "a",
    "an",
    "the",
    "some",
    "several",
    "many",
    "most",
    "other",
    "others",
    "two",
    "three",
    "four",
    "five",
    "few",
    "senior",
    "top",
    "unnamed",
    "anonymous",
    "one",
    "more",
    "various",
    "numerous",
    "local",
    "independent",
    "outside",
];

/// Nouns that, with only determiners and generic modifiers, name nobody in particular.
const GENERIC_NOUNS: &[&str] = &[
    "source",
    "sources",
    "official",
    "officials",
    "person",
    "people",
    "someone",
    "somebody",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "insider",
    "insiders",
    "expert",
    "experts",
    "analyst",
    "analysts",
    "critic",
    "critics",
    "observer",
    "observers",
    "witness",
    "witnesses",
    "resident",
    "residents",
    "diplomat",
    "diplomats",
    "aide",
    "aides",
    "employee",
    "employees",
    "activist",
    "activists",
    "researchers",
    "scientists",
    "investigators",
    "lawyer",
    "lawyers",
    "member",
    "members",
    "staffer",
    "staffers",
];

/// Words that continue a generic mention without naming anyone ("people familiar with the
/// matter", "a source close to the talks", "officials who asked not to be named").
const GENERIC_TAILS: &[&str] = &[
    "familiar",
    "close",
    "with",
    "to",
    "the",
    "matter",
    "talks",
    "situation",
    "plans",
    "discussions",
    "negotiations",
    "who",
    "asked",
    "not",
    "be",
    "named",
    "identified",
    "because",
    "they",
    "were",
    "was",
    "authorized",
    "authorised",
    "speak",
    "publicly",
    "on",
    "condition",
    "of",
    "anonymity",
    "briefed",
    "knowledge",
    "in",
    "and",
    "or",
];

/// The lower-case words of `text` (letters and digits; apostrophes inside words kept, a
/// possessive "'s" dropped), NFC-normalised.
fn words(text: &str) -> Vec<String> {
    let nfc: String = text.nfc().collect();
    nfc.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            lower
                .strip_suffix("'s")
                .or_else(|| lower.strip_suffix("’s"))
                .map(str::to_string)
                .unwrap_or(lower)
        })
        .collect()
}

/// Classify a source mention's words.
pub fn classify(mention: &str) -> MentionKind {
    let ws = words(mention);
    if ws.is_empty() {
        return MentionKind::Generic;
    }
    if ws.len() <= 2 && ws.iter().all(|w| PRONOUNS.contains(&w.as_str())) {
        return MentionKind::Pronoun;
    }
    // Capitalised words other than the first name somebody ("a Reuters source"); so does a
    // first word that is not a determiner or a generic noun ("Amnesty officials").
    let has_name = mention.split_whitespace().enumerate().any(|(i, w)| {
        let lw = words(w);
        let Some(l) = lw.first() else { return false };
        w.chars().next().is_some_and(char::is_uppercase)
            && (i > 0
                || !(DETERMINERS.contains(&l.as_str()) || GENERIC_NOUNS.contains(&l.as_str())))
            && !PRONOUNS.contains(&l.as_str())
    });
    if has_name {
        return MentionKind::Named;
    }
    let mut seen_noun = false;
    for w in &ws {
        let w = w.as_str();
        if GENERIC_NOUNS.contains(&w) {
            seen_noun = true;
        } else if !(DETERMINERS.contains(&w) || (seen_noun && GENERIC_TAILS.contains(&w))) {
            return MentionKind::Named;
        }
    }
    if seen_noun {
        MentionKind::Generic
    } else {
        MentionKind::Named
    }
}

/// Words too common to say two names are alike.
const STOP: &[&str] = &[
    "a", "an", "the", "of", "and", "for", "in", "on", "at", "to", "by", "from", "with", "de", "la",
    "le", "du", "des", "del",
];

/// How well `mention` fits one name: the share of the shorter side's content words found in
/// the other, words written with a capital counting double. 1.0 for the same words.
fn name_score(mention: &str, name: &str) -> f32 {
    let weigh = |text: &str| -> Vec<(String, f32)> {
        text.split_whitespace()
            .flat_map(|w| {
                let cap = w.chars().next().is_some_and(char::is_uppercase);
                words(w)
                    .into_iter()
                    .filter(|x| !STOP.contains(&x.as_str()))
                    .map(move |x| (x, if cap { 2.0 } else { 1.0 }))
            })
            .collect()
    };
    let (a, b) = (weigh(mention), weigh(name));
    let total = |v: &[(String, f32)]| v.iter().map(|(_, w)| w).sum::<f32>();
    let (ta, tb) = (total(&a), total(&b));
    if ta == 0.0 || tb == 0.0 {
        return 0.0;
    }
    let (short, long) = if ta <= tb { (&a, &b) } else { (&b, &a) };
    let shared: f32 = short
        .iter()
        .filter(|(w, _)| long.iter().any(|(x, _)| x == w))
        .map(|(_, wt)| wt)
        .sum();
    // Sharing part of a long name is weaker than matching a whole short one.
    let cover = shared / total(short);
    let balance = total(short) / total(long);
    cover * (0.75 + 0.25 * balance)
}

/// A registry source and how well it fits a mention (0 to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<'a> {
    pub source: &'a Source,
    pub score: f32,
}

/// The score from which the best candidate is offered by default instead of a new source.
pub const CLOSE: f32 = 0.5;

/// The registry's sources ranked for `mention` (best first; ties by use in `document`, then
/// name). Sources that share nothing with the mention come last with score 0, so the whole
/// registry stays choosable. A source named exactly (name or alias) scores 1.
pub fn rank_sources<'a>(
    p: &'a Project,
    document: Option<&str>,
    mention: &str,
) -> Vec<Candidate<'a>> {
    let mut uses: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    if let Some(doc) = document {
        for c in p.claims_of(doc) {
            for s in c.sources() {
                *uses.entry(s.as_str()).or_default() += 1;
            }
        }
    }
    let most = uses.values().copied().max().unwrap_or(0).max(1) as f32;
    let mut out: Vec<(Candidate<'a>, usize)> = p
        .sources
        .iter()
        .map(|s| {
            let best = if s.is_named(mention) {
                1.0
            } else {
                s.names()
                    .map(|n| name_score(mention, n))
                    .fold(0.0f32, f32::max)
                    * 0.95
            };
            let used = uses.get(s.id.as_str()).copied().unwrap_or(0);
            // Use in this document breaks near-ties but never makes a stranger a match.
            let score = if best > 0.0 {
                (best + 0.05 * used as f32 / most).min(1.0)
            } else {
                0.0
            };
            (Candidate { source: s, score }, used)
        })
        .collect();
    out.sort_by(|(a, ua), (b, ub)| {
        b.score.total_cmp(&a.score).then(ub.cmp(ua)).then_with(|| {
            a.source
                .name
                .to_lowercase()
                .cmp(&b.source.name.to_lowercase())
        })
    });
    out.into_iter().map(|(c, _)| c).collect()
}

/// The best candidate when it is close enough to offer by default.
pub fn best_match<'a>(p: &'a Project, document: Option<&str>, mention: &str) -> Option<&'a Source> {
    rank_sources(p, document, mention)
        .into_iter()
        .next()
        .filter(|c| c.score >= CLOSE)
        .map(|c| c.source)
}

/// The registry's one anonymous source (kind [`SourceKind::Anonymous`]), if it has one.
pub fn anonymous_source(p: &Project) -> Option<&Source> {
    p.sources.iter().find(|s| s.kind == SourceKind::Anonymous)
}

/// The name given to the anonymous source when the registry has none yet.
pub const ANONYMOUS_NAME: &str = "Anonymous source";

/// The tag put on a claim whose source was taken from a pronoun's antecedent, so the
/// researcher checks it.
pub const CHECK_TAG: &str = "check: source from pronoun";

/// The sources of the nearest claim before char `before` (by where its mention starts) whose
/// mention names someone ([`MentionKind::Named`]) and that has sources: what a pronoun mention
/// ("he", "they") most likely stands for. `claims` are one document's claims.
pub fn antecedent<'a>(
    claims: impl IntoIterator<Item = &'a super::Claim>,
    before: usize,
) -> Option<&'a [String]> {
    claims
        .into_iter()
        .filter_map(|c| {
            let a = c.attribution.as_ref()?;
            let m = a.mention.first()?;
            (m.end <= before && !a.sources.is_empty() && classify(&m.exact) == MentionKind::Named)
                .then_some((m.start, a.sources.as_slice()))
        })
        .max_by_key(|&(start, _)| start)
        .map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Annotator;

    #[test]
    fn pronouns_and_generic_mentions_are_not_names() {
        for m in ["He", "I", "It", "they", "which", "his", "She"] {
            assert_eq!(classify(m), MentionKind::Pronoun, "{m}");
        }
        for m in [
            "a source",
            "officials",
            "sources",
            "an official",
            "people familiar with the matter",
            "a source close to the talks",
            "two senior officials who asked not to be named",
            "experts",
        ] {
            assert_eq!(classify(m), MentionKind::Generic, "{m}");
        }
        for m in [
            "Amnesty International",
            "a tally from Amnesty International",
            "Vietnam’s foreign ministry",
            "the report",
            "Amnesty officials",
            "a Reuters source",
            "Jimmy Shahinian, a 28-year-old activist",
            "Bộ Ngoại giao",
            "the ministry",
        ] {
            assert_eq!(classify(m), MentionKind::Named, "{m}");
        }
    }

    fn registry(names: &[(&str, &[&str])]) -> Project {
        let mut p = Project::new("t", Annotator::named("A"));
        for (i, (n, aliases)) in names.iter().enumerate() {
            p.sources.push(Source {
                id: format!("s{i}"),
                name: n.to_string(),
                kind: SourceKind::Unknown,
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                note: String::new(),
            });
        }
        p
    }

    #[test]
    fn a_pronoun_stands_for_the_nearest_named_source_before_it() {
        use crate::model::{Attribution, Claim, Span};
        let claim = |mention: (usize, usize, &str), sources: &[&str]| -> Claim {
            let mut c: Claim = serde_json::from_str(
                r#"{"id":"x","document":"d","label":"claim","content":[{"start":0,"end":1,"exact":"a","prefix":"","suffix":""}],"author":"a","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"}"#,
            )
            .unwrap();
            c.attribution = Some(Attribution {
                sources: sources.iter().map(|s| s.to_string()).collect(),
                mention: vec![Span {
                    start: mention.0,
                    end: mention.1,
                    exact: mention.2.into(),
                    prefix: String::new(),
                    suffix: String::new(),
                }],
                ..Default::default()
            });
            c
        };
        let claims = vec![
            claim((0, 7, "Amnesty"), &["amnesty"]),
            claim((40, 42, "He"), &["amnesty"]),
            claim((60, 78, "Facebook and Google"), &["fb", "google"]),
            claim((120, 125, "a source"), &["anon"]),
        ];
        // "they" at 100: the joint mention at 60 is nearest (the pronoun at 40 is not a name).
        assert_eq!(antecedent(&claims, 100).unwrap(), ["fb", "google"]);
        // At 50: Amnesty (the "He" claim is a pronoun, skipped).
        assert_eq!(antecedent(&claims, 50).unwrap(), ["amnesty"]);
        // Before any name: nothing; a generic mention is never an antecedent.
        assert_eq!(antecedent(&claims, 5), None);
        assert_eq!(antecedent(&claims[3..], 200), None);
    }

    #[test]
    fn the_closest_existing_source_ranks_first_and_is_offered() {
        let p = registry(&[
            ("Facebook", &[]),
            ("Vietnam’s government", &["Hanoi"]),
            ("Amnesty International", &["Amnesty"]),
            ("Reuters", &[]),
        ]);
        let ranked = rank_sources(&p, None, "Vietnam’s foreign ministry");
        assert_eq!(ranked[0].source.name, "Vietnam’s government");
        assert!(ranked[0].score >= CLOSE, "{ranked:?}");
        assert_eq!(ranked.len(), 4, "every source stays choosable");
        assert!(ranked[1..].iter().all(|c| c.score == 0.0));
        // An alias named exactly is a perfect match, ignoring case and a possessive.
        let best = best_match(&p, None, "AMNESTY").unwrap();
        assert_eq!(best.name, "Amnesty International");
        assert_eq!(rank_sources(&p, None, "Amnesty")[0].score, 1.0);
        assert_eq!(
            best_match(&p, None, "a tally from Amnesty International")
                .unwrap()
                .name,
            "Amnesty International"
        );
        // Nothing in common: a new source is the default.
        assert!(best_match(&p, None, "the World Bank").is_none());
    }

    #[test]
    fn a_long_name_sharing_one_word_is_weaker_than_a_short_exact_word() {
        let p = registry(&[
            ("United Nations Human Rights Council", &[]),
            ("Human Rights Watch", &["HRW"]),
        ]);
        let ranked = rank_sources(&p, None, "Human Rights Watch researchers");
        assert_eq!(ranked[0].source.name, "Human Rights Watch");
        assert!(ranked[0].score > ranked[1].score);
    }
}
