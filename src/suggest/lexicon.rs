//! The cue lexicon: reporting, belief and knowledge verbs with their inflections, noun and
//! phrase cues, and the small word lists the rules need. The data lives in
//! `assets/suggest/<lang>.txt` (one language per file; the format is described at the top of
//! the English file) and is compiled into the binary.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// What kind of cue a verb form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbClass {
    /// A reporting verb: "said", "announced".
    Say,
    /// A belief or knowledge verb: "believes", "has learned".
    Think,
    /// A verb whose content is its object: "accused X of Y".
    Object,
    /// A verb whose object is the intermediary: "told Reuters that".
    Tell,
    /// An intention verb, a cue only with a "to" infinitive: "plans to", "vowed to".
    Intend,
}

#[derive(Debug, Clone)]
pub struct VerbForm {
    pub lemma: String,
    pub class: VerbClass,
}

/// One language's cue lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub verbs: HashMap<String, VerbForm>,
    pub nouns: HashSet<String>,
    /// Fixed phrases, keyed by their first word; each is the whole phrase's words.
    pub phrases: HashMap<String, Vec<Vec<String>>>,
    pub ambiguous: HashSet<String>,
    /// Lemmas whose "to" infinitive is the content ("vowed to", "plans to"), whatever their
    /// class.
    pub intend_to: HashSet<String>,
    pub aux: HashSet<String>,
    pub intermediaries: HashSet<String>,
    pub pronouns: HashSet<String>,
    pub stops: HashSet<String>,
    pub abbrevs: HashSet<String>,
    /// Every word that can start a cue (verb forms, nouns, first words of phrases): one lookup
    /// tells the rules whether a word needs a closer look.
    pub cue_words: HashSet<String>,
}

/// The English lexicon (parsed once).
pub fn english() -> &'static Lexicon {
    static EN: OnceLock<Lexicon> = OnceLock::new();
    EN.get_or_init(|| Lexicon::parse(include_str!("../../assets/suggest/en.txt")))
}

/// Regular inflections of an English verb lemma: -s, -ed, -ing (with the usual spelling rules).
fn regular_forms(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let (s, ed, ing) = if let Some(stem) = lemma
        .strip_suffix('y')
        .filter(|s| s.chars().last().is_some_and(|c| !"aeiou".contains(c)))
    {
        (
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{lemma}ing"),
        )
    } else if let Some(stem) = lemma.strip_suffix('e') {
        (
            format!("{lemma}s"),
            format!("{lemma}d"),
            format!("{stem}ing"),
        )
    } else if lemma.ends_with("ss")
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
    {
        (
            format!("{lemma}es"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        )
    } else {
        (
            format!("{lemma}s"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        )
    };
    out.extend([s, ed, ing]);
    out
}

impl Lexicon {
    /// Parse a lexicon file. Unknown entry kinds are ignored (a newer file read by an older build).
    pub fn parse(src: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for line in src.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let mut words = line.split_whitespace();
            let (Some(kind), Some(first)) = (words.next(), words.next()) else {
                continue;
            };
            let first = first.to_lowercase();
            let rest: Vec<String> = words.map(str::to_lowercase).collect();
            if kind == "intend" {
                lex.intend_to.insert(first.clone());
                // A verb the lexicon already lists keeps its class; a new one is a cue only
                // with "to".
                if !lex.verbs.contains_key(&first) {
                    let mut forms = regular_forms(&first);
                    forms.extend(rest);
                    for f in forms {
                        lex.verbs.entry(f).or_insert(VerbForm {
                            lemma: first.clone(),
                            class: VerbClass::Intend,
                        });
                    }
                }
                continue;
            }
            let class = match kind {
                "say" => Some(VerbClass::Say),
                "think" => Some(VerbClass::Think),
                "object" => Some(VerbClass::Object),
                "tell" => Some(VerbClass::Tell),
                _ => None,
            };
            if let Some(class) = class {
                let forms = if rest.is_empty() {
                    regular_forms(&first)
                } else {
                    let mut f = regular_forms(&first);
                    f.extend(rest);
                    f
                };
                for f in forms {
                    lex.verbs.insert(
                        f,
                        VerbForm {
                            lemma: first.clone(),
                            class,
                        },
                    );
                }
                continue;
            }
            let set = match kind {
                "noun" => &mut lex.nouns,
                "ambiguous" => &mut lex.ambiguous,
                "aux" => &mut lex.aux,
                "intermediary" => &mut lex.intermediaries,
                "pronoun" => &mut lex.pronouns,
                "stop" => &mut lex.stops,
                "abbrev" => &mut lex.abbrevs,
                "phrase" => {
                    let mut words = vec![first.clone()];
                    words.extend(rest);
                    lex.phrases.entry(first).or_default().push(words);
                    continue;
                }
                _ => continue,
            };
            set.insert(first);
        }
        lex.cue_words = lex
            .verbs
            .keys()
            .chain(lex.nouns.iter())
            .chain(lex.phrases.keys())
            .cloned()
            .collect();
        lex
    }

    /// Is `w` (lower case) an auxiliary, negation or cue adverb ("has", "didn't", "also")?
    pub fn is_aux(&self, w: &str) -> bool {
        self.aux.contains(w) || w.ends_with("n't") || w.ends_with("n\u{2019}t")
    }
}

impl Lexicon {
    /// The key a cue word is learned under: a lexicon verb's lemma ("said" → "say"), else its
    /// [`stem`]. `None` for words that cannot be a cue head (auxiliaries, function words,
    /// pronouns, numbers).
    pub fn cue_key(&self, lower: &str) -> Option<String> {
        if let Some(v) = self.verbs.get(lower) {
            return Some(v.lemma.clone());
        }
        let function = self.is_aux(lower)
            || self.stops.contains(lower)
            || self.pronouns.contains(lower)
            || self.intermediaries.contains(lower)
            || matches!(
                lower,
                "the"
                    | "a"
                    | "an"
                    | "of"
                    | "in"
                    | "on"
                    | "at"
                    | "about"
                    | "and"
                    | "for"
                    | "from"
                    | "into"
                    | "over"
                    | "up"
                    | "out"
                    | "this"
                    | "these"
                    | "those"
                    | "there"
            );
        if function || !lower.chars().all(|c| c.is_alphabetic() || c == '-') {
            return None;
        }
        Some(stem(lower))
    }
}

/// A crude stem for matching inflections of a learned cue word ("endorsed", "endorses",
/// "endorse" → "endors"). Hand-written: a full stemmer would merge words a cue must keep apart,
/// and this only has to make the forms of one verb or adjective meet.
pub fn stem(lower: &str) -> String {
    let w = lower.trim_end_matches(['\'', '\u{2019}']);
    let n = w.chars().count();
    let cut = |suffix: &str, min: usize| -> Option<&str> {
        w.strip_suffix(suffix)
            .filter(|s| s.chars().count() >= min.max(n.min(3)))
    };
    let base: String = if let Some(s) = cut("ies", 3).or_else(|| cut("ied", 3)) {
        format!("{s}y")
    } else if let Some(s) = cut("ing", 3) {
        s.to_string()
    } else if let Some(s) = cut("ed", 3) {
        s.to_string()
    } else if let Some(s) = cut("es", 3) {
        s.to_string()
    } else if let Some(s) = cut("s", 3).filter(|s| !s.ends_with('s')) {
        s.to_string()
    } else {
        w.to_string()
    };
    match base.strip_suffix('e') {
        Some(s) if s.chars().count() >= 3 => s.to_string(),
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_and_irregular_forms() {
        let en = english();
        for (form, lemma) in [
            ("said", "say"),
            ("says", "say"),
            ("stated", "state"),
            ("denies", "deny"),
            ("denied", "deny"),
            ("believes", "believe"),
            ("knew", "know"),
            ("accused", "accuse"),
            ("told", "tell"),
            // Doubled final consonants are listed in the lexicon file, not guessed.
            ("admitted", "admit"),
            ("quipped", "quip"),
            ("slammed", "slam"),
            ("rebutted", "rebut"),
            ("labelled", "label"),
            ("labeled", "label"),
            ("signalled", "signal"),
        ] {
            let v = en.verbs.get(form);
            assert_eq!(v.map(|v| v.lemma.as_str()), Some(lemma), "{form}");
        }
        assert_eq!(en.verbs["told"].class, VerbClass::Tell);
        assert!(
            en.phrases["according"]
                .iter()
                .any(|p| p == &["according", "to"])
        );
        assert!(en.is_aux("didn't") && en.is_aux("has") && !en.is_aux("report"));
        assert!(en.ambiguous.contains("claims"));
    }

    #[test]
    fn stems_meet_across_inflections() {
        for group in [
            ["endorse", "endorsed", "endorses"],
            ["refuse", "refused", "refuses"],
            ["call", "called", "calls"],
            ["deny", "denied", "denies"],
        ] {
            let s = stem(group[0]);
            for w in group {
                assert_eq!(stem(w), s, "{w}");
            }
        }
        assert_ne!(stem("need"), stem("ne"));
    }
}
