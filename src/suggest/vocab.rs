//! What [`super::rules`] and [`super::learn`] share, below both so neither imports the other:
//! the rule that produced a candidate ([`Rule`]), what follows a cue ([`Pattern`]), and the cue
//! heads a project taught ([`Heads`]), which the rules read and the learning fills.

use std::collections::{HashMap, HashSet};

/// What follows a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pattern {
    /// A clause ("that …", a quotation).
    Clause,
    /// A noun-phrase object or a bare clause.
    Object,
    /// A "to" infinitive.
    To,
    /// The content comes before the cue.
    Pre,
}

/// Which rule produced a candidate (its name is the suggestion's `why`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// "“…,” X said" / "“…,” said X".
    QuoteBefore,
    /// "X said: “…”".
    QuoteAfter,
    /// "X said that …".
    SayThat,
    /// "X said …" (no "that").
    SayClause,
    /// "…, X said" / "…, said X" (no quotation marks).
    ClauseBefore,
    /// "X told Reuters that …".
    TellThat,
    /// A belief or knowledge verb with "that": "X believes that …".
    ThinkThat,
    /// A belief or knowledge verb without "that".
    ThinkClause,
    /// A verb whose content is its object: "X accused Y of Z".
    ObjectVerb,
    /// "according to X".
    According,
    /// "the claim that …".
    NounThat,
    /// A cue learned from the project's claims.
    Learned,
    /// A passive with its agent: "was confirmed by strategists".
    PassiveBy,
    /// A passive without its agent: "X is said to …", "was told to …", "has been described
    /// as …", "No injuries were reported."
    Passive,
    /// A reporting adverb: "the navy reportedly saved 200 more" (no source).
    Adverb,
    /// An intention verb with "to": "vowed to …", "plans to …".
    IntendTo,
    /// A cue noun with a possessive and a topic: "her first comments on …".
    NounAbout,
    /// A verb no lexicon lists, with a that-clause: "found that", "agreed that".
    VerbThat,
    /// A light verb and a stance noun: "expressed concern that …".
    LightVerb,
    /// A judgement with "as": "saw the request as tantamount to …", "is widely seen as …".
    SeeAs,
    /// A noun the project marked as a cue, with the word it was marked before: "criticism of
    /// …", "a reference to …", "the request that …". Only with a project's knowledge.
    LearnedNoun,
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::QuoteBefore => "quotation before a reporting verb",
            Rule::QuoteAfter => "reporting verb before a quotation",
            Rule::SayThat => "reporting verb with a that-clause",
            Rule::SayClause => "reporting verb with a clause",
            Rule::ClauseBefore => "clause before a reporting verb",
            Rule::TellThat => "told (intermediary) that",
            Rule::ThinkThat => "belief verb with a that-clause",
            Rule::ThinkClause => "belief verb with a clause",
            Rule::ObjectVerb => "verb with its object as content",
            Rule::According => "according to",
            Rule::NounThat => "cue noun with a that-clause",
            Rule::Learned => "cue learned from the project",
            Rule::PassiveBy => "passive with its agent",
            Rule::Passive => "passive without a source",
            Rule::Adverb => "reporting adverb",
            Rule::IntendTo => "intention verb with to",
            Rule::NounAbout => "cue noun with a topic",
            Rule::VerbThat => "unlisted verb with a that-clause",
            Rule::LightVerb => "light verb and a stance noun",
            Rule::SeeAs => "seen as (a judgement)",
            Rule::LearnedNoun => "noun cue learned from the project",
        }
    }

    /// Confidence before learning: the precision of the rule measured on the development set
    /// (tests/suggest_quality.rs prints it per rule on the tuning half).
    pub fn base_confidence(self) -> f32 {
        // Calibrated on the tuning parts of the development set (cold, every suggestion; the
        // fresh part left out; rounds 24 and 25): the rule's precision there, pulled toward the rule's
        // earlier value where it made few suggestions. Rules the set has no example of stay
        // under the default threshold until a project shows them right (`learn`).
        match self {
            Rule::QuoteBefore => 0.96,
            Rule::QuoteAfter => 0.92,
            Rule::SayThat => 0.96,
            Rule::SayClause => 0.9,
            Rule::ClauseBefore => 0.93,
            Rule::TellThat => 0.88,
            Rule::ThinkThat => 0.9,
            Rule::ThinkClause => 0.88,
            Rule::ObjectVerb => 0.85,
            Rule::According => 0.92,
            // Round 27: right 8 of 9 in the tuning parts (106 articles), 0.65 before.
            Rule::NounThat => 0.8,
            Rule::Learned => 0.5,
            // Never seen in the tuning parts; the judge's held-out errors list it among the
            // misses ("was confirmed by strategists"): a reporting or stance verb's passive with
            // its agent is an attribution by the guide, its subject the content.
            Rule::PassiveBy => 0.7,
            // Has no source by design: not lowered for that (see `rules::passive_plain`).
            Rule::Passive => 0.85,
            // No example in the tuning parts' cold errors to calibrate on but two: held near
            // the passive's, a shade lower.
            Rule::Adverb => 0.8,
            Rule::IntendTo => 0.14,
            // Never seen in the tuning parts; the held-out check counts noun cues among the
            // misses ("her first comments on"): at the threshold.
            Rule::NounAbout => 0.6,
            // Right 5 of 5 in the tuning parts of round 26 (ninety articles), 0.65 before.
            Rule::VerbThat => 0.75,
            // No case in the tuning parts: held near the object rule.
            Rule::LightVerb => 0.8,
            // Round 26: seven cases missed in fourteen news pages; held at the object rule's.
            Rule::SeeAs => 0.85,
            // Never proposed cold; a project's counts and ranking model decide (`learn`).
            Rule::LearnedNoun => 0.4,
        }
    }
}

/// Words after a noun cue that open its content ("criticism of", "concerns over", "the
/// request that"): what a learned noun cue is learned with (`learn`) and proposed before
/// (`rules`).
pub const NOUN_LINKS: &[&str] = &[
    "of",
    "about",
    "on",
    "over",
    "to",
    "against",
    "for",
    "with",
    "regarding",
    "that",
];

/// Cue heads marked in a project's claims (by cue key), with the patterns they were used in.
#[derive(Debug, Default, Clone)]
pub struct Heads {
    map: HashMap<String, HashSet<Pattern>>,
    /// How many claims used each head.
    count: HashMap<String, u32>,
    /// Heads marked as nouns, with the word after the cue ("of", "about", "to", "that").
    nouns: HashMap<String, HashSet<String>>,
}

impl Heads {
    /// The project marked the noun `key` as a cue, with `next` after it ("criticism" "of").
    pub fn add_noun(&mut self, key: String, next: String) {
        self.nouns.entry(key).or_default().insert(next);
    }

    /// The words a learned noun cue was marked before, if the project marked it as a noun.
    pub fn learned_noun(&self, key: &str) -> Option<&HashSet<String>> {
        self.nouns.get(key)
    }

    /// The project used the head `key` in `pattern`.
    pub fn add(&mut self, key: String, pattern: Pattern) {
        *self.count.entry(key.clone()).or_default() += 1;
        self.map.entry(key).or_default().insert(pattern);
    }

    /// How many of the project's claims have `key` as their cue's head.
    pub fn marks(&self, key: &str) -> u32 {
        self.count.get(key).copied().unwrap_or(0)
    }

    /// Nothing learned as a cue head (the rules need not look words up).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The patterns a learned head (by cue key) was used in, if the project taught it.
    pub fn learned_head(&self, key: &str) -> Option<&HashSet<Pattern>> {
        self.map.get(key)
    }

    /// Whether the project used this head in `pattern`.
    pub fn pattern_seen(&self, key: &str, pattern: Pattern) -> Option<()> {
        self.map.get(key)?.contains(&pattern).then_some(())
    }
}
