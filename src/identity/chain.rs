//! Mention chains within one article: which person or body each source mention refers to.
//!
//! [`link`] reads the article's text for names (runs of capitalised words, with honorifics,
//! "of" inside an organisation's name, middle initials and possessives), groups them into
//! entities — a full name, its surname alone ("Trump" after "Donald Trump"), its honorific form
//! ("Mrs. Clinton"), an acronym ("HRW" after "Human Rights Watch") — and links each given
//! mention to one:
//!
//! - a name: the entity of the name inside the mention ("a tally from Amnesty International");
//!   several for a joint mention ("Facebook and Google");
//! - a title ("the senator", "the company"): the nearest entity before it that bore the title
//!   ("Sen. Ted Cruz", a name with "Ministry" in it), else the nearest entity of the right
//!   kind (person or organisation) when no other of that kind shares its sentence;
//! - a pronoun: the nearest compatible entity before it within three sentences — person or
//!   organisation ("he" vs "it"), singular or plural, and he/she only where the text shows a
//!   gender (an honorific, or an earlier pronoun that could only mean that entity). When
//!   another compatible entity shares the sentence of the nearest one, the pronoun is
//!   ambiguous and gets no entity; so does "I", "we" or "you".
//!
//! Nothing here knows the registry or other articles: an entity is only ever built from this
//! text.

use super::names::{self, Gender, Name, fold, honorific, is_acronym, not_a_name};
use crate::model::mentions::{self, MentionKind};
use std::ops::Range;

/// What an entity is, as far as its names and the text show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Unknown,
}

/// One person or body named in the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The fullest name the article gives, without honorifics ("Donald Trump").
    pub name: String,
    /// Every distinct form the article uses ("Donald Trump", "Trump", "Mr. Trump").
    pub names: Vec<String>,
    pub kind: EntityKind,
    pub gender: Option<Gender>,
    /// Folded titles seen with the name ("sen", "president").
    pub titles: Vec<String>,
    /// Where the entity is first named (char offset).
    pub first: usize,
    /// A given mention names it, or a reporting verb follows a naming of it ("Apple said"):
    /// it is a source, so a name of unknown kind may be a pronoun's antecedent.
    pub speaks: bool,
    /// How often the article names it (so far, while reading).
    pub count: usize,
    parsed: Name,
}

/// What kind of words a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// A name, or a phrase with a name in it.
    Name,
    /// A title standing for a name ("the senator", "the company").
    Title,
    /// A pronoun ("he", "they", "which").
    Pronoun,
    /// Nobody in particular ("a source", "officials").
    Generic,
    /// Not a source at all ("said", "all", "Video").
    NotASource,
    /// A describing phrase without a name ("the report").
    Phrase,
}

/// What one mention links to.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub class: Class,
    /// Indexes into [`Chains::entities`]: one, several for a joint mention, none when a
    /// pronoun or title is ambiguous (or for a generic mention, a non-source, a phrase).
    pub entities: Vec<usize>,
    /// A pronoun or title that could refer to more than one entity (and so refers to none).
    pub ambiguous: bool,
}

/// What a pronoun or title refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refers {
    One(usize),
    Ambiguous,
    Nothing,
}

impl Refers {
    fn link(self, class: Class) -> Link {
        match self {
            Refers::One(e) => Link {
                class,
                entities: vec![e],
                ambiguous: false,
            },
            Refers::Ambiguous => Link {
                class,
                entities: Vec::new(),
                ambiguous: true,
            },
            Refers::Nothing => Link {
                class,
                entities: Vec::new(),
                ambiguous: false,
            },
        }
    }
}

/// The entities of one article and the link of each given mention.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chains {
    pub entities: Vec<Entity>,
    /// One per given mention, in the order given.
    pub links: Vec<Link>,
}

impl Chains {
    /// The entity a mention links to, when it links to exactly one.
    pub fn entity_of(&self, mention: usize) -> Option<&Entity> {
        match self.links.get(mention)?.entities.as_slice() {
            [e] => self.entities.get(*e),
            _ => None,
        }
    }
}

/// A word of the text.
#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    text: String,
    /// Folded (lower case, no possessive, no punctuation).
    fold: String,
    cap: bool,
    possessive: bool,
    sent: usize,
    /// First word of its sentence (or of a quotation).
    initial: bool,
    /// Only white space (no line break, no punctuation) between this word and the previous one.
    joined: bool,
}

/// Abbreviations whose final dot does not end a sentence.
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "capt", "st", "jr", "sr",
    "prof", "rev", "inc", "corp", "co", "ltd", "adm", "sgt", "maj", "pres", "u.s", "u.k", "u.n",
    "no", "vs", "mt", "ft",
];

/// Words that often begin a sentence and are never a name ("Once Trump released …").
const STARTERS: &[&str] = &[
    "once",
    "after",
    "before",
    "when",
    "while",
    "since",
    "although",
    "though",
    "however",
    "meanwhile",
    "yet",
    "still",
    "also",
    "then",
    "now",
    "later",
    "earlier",
    "today",
    "yesterday",
    "tomorrow",
    "instead",
    "despite",
    "unlike",
    "like",
    "among",
    "during",
    "following",
    "according",
    "as",
    "if",
    "because",
    "so",
    "even",
    "just",
    "only",
    "finally",
    "first",
    "last",
    "next",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "without",
    "under",
    "over",
    "about",
    "analysis",
    "update",
    "read",
    "watch",
    "asked",
    "speaking",
    "in",
];

const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn tokenize(chars: &[char]) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let mut sent = 0;
    let mut initial = true;
    let mut joined = false;
    let mut i = 0;
    let n = chars.len();
    while i < n {
        let c = chars[i];
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i;
            while j < n {
                let d = chars[j];
                // Letters; an apostrophe or hyphen inside a word; a dot between single
                // letters ("U.S.").
                let inner = matches!(d, '\'' | '’' | '-' | '\u{2010}' | '\u{2011}')
                    && j + 1 < n
                    && chars[j + 1].is_alphanumeric();
                let dotted = d == '.'
                    && j + 1 < n
                    && chars[j + 1].is_alphabetic()
                    && (j - start == 1 || (j >= 2 && chars[j - 2] == '.'));
                if d.is_alphanumeric() || inner || dotted {
                    j += 1;
                } else {
                    break;
                }
            }
            // A possessive written with a bare apostrophe ("Clintons'").
            let mut end = j;
            let mut possessive = false;
            if end < n && matches!(chars[end], '\'' | '’') && chars[end - 1] == 's' {
                possessive = true;
                end += 1;
            }
            let text: String = chars[start..end].iter().collect();
            let lower = text.to_lowercase();
            possessive |= lower.ends_with("'s") || lower.ends_with("’s");
            // A trailing dot of an abbreviation or an initial belongs to the word.
            let mut word_end = end;
            let bare = fold(&text);
            let is_abbrev = ABBREV.contains(&lower.trim_end_matches('.'))
                || (bare.chars().count() == 1
                    && text.chars().next().is_some_and(char::is_uppercase));
            if word_end < n && chars[word_end] == '.' && is_abbrev {
                word_end += 1;
            }
            // "al-Bashir", "bin-Salman": a lower-case particle before a capitalised name.
            let cap = text.chars().next().is_some_and(char::is_uppercase)
                || text.split_once('-').is_some_and(|(a, b)| {
                    a.len() <= 3 && b.chars().next().is_some_and(char::is_uppercase)
                });
            out.push(Tok {
                start,
                end: word_end,
                text: chars[start..word_end].iter().collect(),
                fold: bare,
                cap,
                possessive,
                sent,
                initial,
                joined,
            });
            initial = false;
            joined = true;
            i = word_end;
            continue;
        }
        match c {
            '.' | '!' | '?' => {
                sent += 1;
                initial = true;
                joined = false;
            }
            '\n' => {
                // A line break ends a sentence (headlines, captions, paragraphs).
                if !initial || out.last().is_some_and(|t| t.sent == sent) {
                    sent += 1;
                }
                initial = true;
                joined = false;
            }
            '"' | '“' | '”' | '«' | '»' | '‘' => {
                initial = true;
                joined = false;
            }
            c if c.is_whitespace() => {}
            _ => joined = false,
        }
        i += 1;
    }
    out
}

/// A title noun and the kind of entity it stands for.
fn title_kind(w: &str) -> Option<EntityKind> {
    const PERSON: &[&str] = &[
        "senator",
        "president",
        "minister",
        "secretary",
        "governor",
        "congressman",
        "congresswoman",
        "lawmaker",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "executive",
        "candidate",
        "nominee",
        "mayor",
        "judge",
        "prosecutor",
        "ambassador",
        "general",
        "commissioner",
        "director",
        "founder",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "premier",
        "chancellor",
        "leader",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "actor",
        "actress",
        "singer",
        "author",
        "writer",
        "businessman",
        "businesswoman",
        "billionaire",
        "star",
        "player",
        "coach",
        "manager",
        "representative",
        "politician",
        "economist",
        "professor",
        "scientist",
        "doctor",
        "officer",
        "official",
        "diplomat",
        "activist",
        "lawyer",
        "attorney",
        "businessman",
        "man",
        "woman",
        "boy",
        "girl",
    ];
    const ORG: &[&str] = &[
        "company",
        "firm",
        "ministry",
        "department",
        "agency",
        "group",
        "organisation",
        "organization",
        "government",
        "administration",
        "bank",
        "party",
        "campaign",
        "committee",
        "council",
        "court",
        "union",
        "network",
        "newspaper",
        "paper",
        "university",
        "institute",
        "commission",
        "regulator",
        "board",
        "police",
        "military",
        "army",
        "retailer",
        "carrier",
        "airline",
        "automaker",
        "carmaker",
        "startup",
        "charity",
        "nonprofit",
        "watchdog",
        "broadcaster",
        "team",
        "club",
        "league",
        "manufacturer",
        "giant",
        "maker",
        "publisher",
        "outlet",
        "agency",
        "office",
        "embassy",
        "parliament",
        "senate",
        "congress",
        "cabinet",
        "kremlin",
        "white",
        "pentagon",
        "service",
        "coalition",
        "alliance",
        "movement",
        "association",
        "federation",
        "foundation",
        "center",
        "centre",
        "insurer",
        "lender",
        "operator",
        "provider",
        "developer",
        "platform",
        "site",
        "website",
        "app",
    ];
    if PERSON.contains(&w) {
        Some(EntityKind::Person)
    } else if ORG.contains(&w) {
        Some(EntityKind::Organization)
    } else {
        None
    }
}

/// "the senator", "this company", "the Texas senator": a determiner, at most three modifiers,
/// a title noun last. The title word and the kind it stands for.
pub fn title_mention(mention: &str) -> Option<(String, EntityKind)> {
    let raw = names::raw_words(mention);
    let words: Vec<String> = raw.iter().map(|w| fold(w)).collect();
    if words.len() < 2 || words.len() > 5 {
        return None;
    }
    if !matches!(words[0].as_str(), "the" | "this" | "that") {
        return None;
    }
    // "the governor's office": the person whose office it is.
    for (w, f) in raw.iter().zip(&words).skip(1) {
        if (w.ends_with("'s") || w.ends_with("’s")) && title_kind(f) == Some(EntityKind::Person) {
            return Some((f.clone(), EntityKind::Person));
        }
    }
    let last = words.last()?;
    let kind = title_kind(last)?;
    // "the American government", "the Obama administration": a name describing a body is a
    // name of its own, not a title standing for one named before.
    let named = raw[1..raw.len() - 1]
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    if kind == EntityKind::Organization && named {
        return None;
    }
    Some((last.clone(), kind))
}

/// Pronoun classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pro {
    He,
    She,
    It,
    They,
    Who,
    Which,
    /// "I", "we", "you": the speaker or the reader; never resolved here.
    Speaker,
}

fn pronoun(w: &str) -> Option<Pro> {
    Some(match w {
        "he" | "him" | "his" | "himself" => Pro::He,
        "she" | "her" | "hers" | "herself" => Pro::She,
        "it" | "its" | "itself" => Pro::It,
        "they" | "them" | "their" | "theirs" | "themselves" => Pro::They,
        "who" | "whom" | "whose" => Pro::Who,
        "which" => Pro::Which,
        "i" | "me" | "my" | "mine" | "we" | "us" | "our" | "ours" | "you" | "your" | "yours"
        | "myself" | "ourselves" | "yourself" | "that" | "this" | "these" | "those" | "one" => {
            Pro::Speaker
        }
        _ => return None,
    })
}

/// One place the article names an entity.
#[derive(Debug, Clone)]
struct Occ {
    entity: usize,
    at: usize,
    sent: usize,
}

struct Builder<'t> {
    toks: &'t [Tok],
    entities: Vec<Entity>,
    occs: Vec<Occ>,
    /// The entities by their name's key ([`Name::key`] of `parsed`), in increasing order: a
    /// long article names hundreds of entities, and a scan computing every key for every name
    /// read grew with the article.
    by_key: std::collections::HashMap<String, Vec<usize>>,
}

fn kind_of(name: &Name, shown: &str, before: Option<&Tok>) -> EntityKind {
    let words = &name.words;
    if words.iter().any(|w| names::is_org_word(w))
        || (name.shown.len() == 1 && is_acronym(&name.shown[0]))
    {
        return EntityKind::Organization;
    }
    if before.is_some_and(|t| {
        matches!(
            t.fold.as_str(),
            "in" | "at" | "near" | "across" | "throughout"
        )
    }) || words.iter().any(|w| names::is_place_word(w))
    {
        return EntityKind::Place;
    }
    if name.looks_personal() {
        return EntityKind::Person;
    }
    let _ = shown;
    EntityKind::Unknown
}

impl Builder<'_> {
    /// Name an entity at `at` with `text` (the words of a name): the entity it belongs to,
    /// made if new. `before`: the word before the name, if any.
    fn name(&mut self, text: &str, at: usize, sent: usize, before: Option<&Tok>) -> Option<usize> {
        let name = Name::parse(text);
        if name.words.is_empty() || not_a_name(&name.display()) {
            return None;
        }
        // A title alone ("President") is no name.
        if name.words.len() == 1 && honorific(&name.words[0]).is_some() && !name.titled {
            return None;
        }
        let key = name.key();
        let kind = kind_of(&name, text, before);
        let found = self.find(&name, &key, kind);
        let e = match found {
            Some(e) => {
                let ent = &mut self.entities[e];
                let shown = name.display();
                if !ent.names.iter().any(|n| n == text.trim()) {
                    ent.names.push(text.trim().to_string());
                }
                if name.words.len() > ent.parsed.words.len() && !name.words.is_empty() {
                    let old = ent.parsed.key();
                    ent.name = shown;
                    ent.parsed = name.clone();
                    if kind != EntityKind::Unknown {
                        ent.kind = kind;
                    }
                    if old != key {
                        if let Some(list) = self.by_key.get_mut(&old) {
                            list.retain(|&x| x != e);
                        }
                        let list = self.by_key.entry(key.clone()).or_default();
                        let at = list.partition_point(|&x| x < e);
                        list.insert(at, e);
                    }
                }
                if ent.kind == EntityKind::Unknown && kind != EntityKind::Unknown {
                    ent.kind = kind;
                }
                if ent.gender.is_none() {
                    ent.gender = name.gender;
                }
                for t in &name.titles {
                    if !ent.titles.contains(t) {
                        ent.titles.push(t.clone());
                    }
                }
                e
            }
            None => {
                self.entities.push(Entity {
                    name: name.display(),
                    names: vec![text.trim().to_string()],
                    kind: if name.titled && kind == EntityKind::Unknown {
                        EntityKind::Person
                    } else {
                        kind
                    },
                    gender: name.gender,
                    titles: name.titles.clone(),
                    first: at,
                    speaks: false,
                    count: 0,
                    parsed: name,
                });
                let e = self.entities.len() - 1;
                self.by_key.entry(key).or_default().push(e);
                e
            }
        };
        self.occs.push(Occ {
            entity: e,
            at,
            sent,
        });
        self.entities[e].count += 1;
        Some(e)
    }

    /// The existing entity a name belongs to.
    fn find(&self, name: &Name, key: &str, kind: EntityKind) -> Option<usize> {
        let compatible = |e: &Entity| {
            !names::conflict(&e.parsed, name)
                && (name.gender.is_none() || e.gender.is_none() || name.gender == e.gender)
        };
        if let Some(&e) = self
            .by_key
            .get(key)
            .and_then(|list| list.iter().rev().find(|&&e| compatible(&self.entities[e])))
        {
            return Some(e);
        }
        let strong: Vec<&String> = name.words.iter().filter(|w| !weak(w)).collect();
        if name.words.len() == 1 {
            let w = &name.words[0];
            // A surname alone: the one person whose last name it is.
            let people: Vec<usize> = (0..self.entities.len())
                .filter(|&i| {
                    let e = &self.entities[i];
                    e.parsed.words.len() >= 2
                        && e.kind != EntityKind::Organization
                        && e.kind != EntityKind::Place
                        && e.parsed.last() == Some(w.as_str())
                        && compatible(e)
                })
                .collect();
            if people.len() == 1 {
                return Some(people[0]);
            }
            if people.len() > 1 {
                return None;
            }
            // An acronym of an organisation named before.
            if is_acronym(&name.shown[0])
                && let Some(e) = self.entities.iter().rposition(|e| {
                    e.parsed.words.len() >= 2 && names::similarity(&e.parsed, name) >= 0.85
                })
            {
                return Some(e);
            }
        }
        // A shorter form of an organisation's name ("Amnesty" after "Amnesty International").
        if !strong.is_empty() && kind != EntityKind::Person {
            let orgs: Vec<usize> = (0..self.entities.len())
                .filter(|&i| {
                    let e = &self.entities[i];
                    e.kind == EntityKind::Organization
                        && e.parsed.words.len() > name.words.len()
                        && name.words.iter().all(|w| e.parsed.words.contains(w))
                })
                .collect();
            if orgs.len() == 1 {
                return Some(orgs[0]);
            }
        }
        // An organisation's full name after a short form ("Amnesty" …, then "Amnesty
        // International"; "Reuters", then "Thomson Reuters").
        if name.words.len() >= 2 && kind == EntityKind::Organization {
            let shorts: Vec<usize> = (0..self.entities.len())
                .filter(|&i| {
                    let e = &self.entities[i];
                    e.parsed.words.len() == 1
                        && e.kind != EntityKind::Person
                        && e.gender.is_none()
                        && !weak(&e.parsed.words[0])
                        && name.words.contains(&e.parsed.words[0])
                })
                .collect();
            if shorts.len() == 1 {
                return Some(shorts[0]);
            }
        }
        // A full name after its surname alone ("Trump" …, then "Donald Trump").
        if name.words.len() >= 2 && kind != EntityKind::Organization && kind != EntityKind::Place {
            let last = name.last()?;
            let singles: Vec<usize> = (0..self.entities.len())
                .filter(|&i| {
                    let e = &self.entities[i];
                    e.parsed.words.len() == 1
                        && e.parsed.last() == Some(last)
                        && e.kind != EntityKind::Organization
                        && compatible(e)
                })
                .collect();
            if singles.len() == 1 {
                return Some(singles[0]);
            }
        }
        None
    }

    /// The entities named before char `at`, most recent first, with the sentence of their
    /// latest naming.
    fn recent(&self, at: usize, min_sent: usize) -> Vec<(usize, usize)> {
        let mut seen: Vec<(usize, usize)> = Vec::new();
        // Which entities are already listed (a scan of the list grew with the article).
        let mut listed = vec![false; self.entities.len()];
        for o in self.occs.iter().rev() {
            if o.at >= at {
                continue;
            }
            if o.sent < min_sent {
                break;
            }
            if let Some(l) = listed.get_mut(o.entity)
                && !*l
            {
                *l = true;
                seen.push((o.entity, o.sent));
            }
        }
        seen
    }

    fn resolve_pronoun(&self, p: Pro, at: usize, sent: usize) -> Refers {
        let fits = |e: &Entity| match p {
            Pro::He => {
                (e.kind == EntityKind::Person
                    || (e.kind == EntityKind::Unknown && (e.speaks || e.gender.is_some())))
                    && e.gender != Some(Gender::Female)
            }
            Pro::She => {
                (e.kind == EntityKind::Person
                    || (e.kind == EntityKind::Unknown && (e.speaks || e.gender.is_some())))
                    && e.gender != Some(Gender::Male)
            }
            Pro::Who => e.kind == EntityKind::Person || (e.kind == EntityKind::Unknown && e.speaks),
            Pro::It | Pro::Which | Pro::They => {
                e.kind == EntityKind::Organization
                    || (e.kind == EntityKind::Unknown
                        && e.speaks
                        && e.gender.is_none()
                        && e.titles.is_empty())
            }
            Pro::Speaker => false,
        };
        if p == Pro::Speaker {
            return Refers::Nothing;
        }
        let window = match p {
            Pro::Who | Pro::Which => sent,
            _ => sent.saturating_sub(2),
        };
        let cands: Vec<(usize, usize)> = self
            .recent(at, window)
            .into_iter()
            .filter(|(e, _)| fits(&self.entities[*e]))
            .collect();
        let Some(&(first, first_sent)) = cands.first() else {
            return Refers::Nothing;
        };
        if matches!(p, Pro::Who | Pro::Which) {
            return Refers::One(first);
        }
        // Another compatible entity named in the same sentence as the nearest: ambiguous,
        // unless the text shows the pronoun's gender for exactly one of them ("Mrs. Clinton
        // met Donald Trump. She said …").
        let same: Vec<usize> = cands
            .iter()
            .filter(|(_, s)| *s == first_sent)
            .map(|(e, _)| *e)
            .collect();
        if same.len() == 1 {
            return Refers::One(first);
        }
        let want = match p {
            Pro::He => Some(Gender::Male),
            Pro::She => Some(Gender::Female),
            _ => None,
        };
        let gendered: Vec<usize> = same
            .iter()
            .copied()
            .filter(|e| want.is_some() && self.entities[*e].gender == want)
            .collect();
        let rival = gendered.len() != 1;
        let first = gendered.first().copied().unwrap_or(first);
        if rival {
            Refers::Ambiguous
        } else {
            Refers::One(first)
        }
    }

    fn resolve_title(
        &self,
        words: &[String],
        word: &str,
        kind: EntityKind,
        at: usize,
        sent: usize,
    ) -> Refers {
        let all = self.recent(at, 0);
        let fits = |e: &Entity| {
            e.kind == kind
                || (e.kind == EntityKind::Unknown
                    && e.speaks
                    && (kind == EntityKind::Organization) == e.titles.is_empty()
                    && !(kind == EntityKind::Organization && e.gender.is_some()))
        };
        // An entity whose name holds the title's words ("the ministry" → the Ministry of
        // Foreign Affairs; "the attorney general" → the New York State Attorney General), or
        // that bore the title ("the senator" → Sen. Ted Cruz).
        let content: Vec<&String> = words
            .iter()
            .skip(1)
            .filter(|w| names::is_org_word(w) || title_kind(w).is_some())
            .collect();
        if !content.is_empty()
            && let Some((e, _)) = all.iter().find(|(e, _)| {
                let ent = &self.entities[*e];
                content.iter().all(|w| ent.parsed.words.contains(w))
            })
        {
            return Refers::One(*e);
        }
        let bears = |e: &Entity| {
            e.titles.iter().any(|t| {
                t == word
                    || (t == "sen" && word == "senator")
                    || (t == "gov" && word == "governor")
                    || (t == "rep"
                        && matches!(
                            word,
                            "representative" | "congressman" | "congresswoman" | "lawmaker"
                        ))
                    || (t == "pres" && word == "president")
            })
        };
        if let Some((e, _)) = all
            .iter()
            .find(|(e, _)| fits(&self.entities[*e]) && bears(&self.entities[*e]))
        {
            return Refers::One(*e);
        }
        // Else the most named entity of the kind within three sentences; two as often named in
        // the nearest one's sentence make it ambiguous.
        let cands: Vec<(usize, usize)> = all
            .into_iter()
            .filter(|(e, s)| fits(&self.entities[*e]) && *s + 3 >= sent)
            .collect();
        let Some(&(best, best_sent)) = cands.iter().max_by(|a, b| {
            self.entities[a.0]
                .count
                .cmp(&self.entities[b.0].count)
                .then(a.1.cmp(&b.1))
        }) else {
            return Refers::Nothing;
        };
        let n = self.entities[best].count;
        let rival = cands
            .iter()
            .any(|(e, s)| *e != best && self.entities[*e].count == n && *s == best_sent);
        if rival {
            Refers::Ambiguous
        } else {
            Refers::One(best)
        }
    }
}

/// Head nouns through which a name speaks: "an Amnesty spokesman", "Amnesty's report",
/// "Pentagon officials" are the named body's.
fn speaks_for(w: &str) -> bool {
    matches!(
        w,
        "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "spokespeople"
            | "official"
            | "officials"
            | "representative"
            | "representatives"
            | "report"
            | "reports"
            | "statement"
            | "statements"
            | "study"
            | "survey"
            | "analysis"
            | "website"
            | "account"
            | "tweet"
            | "tweets"
            | "letter"
            | "memo"
            | "filing"
            | "researchers"
            | "researcher"
            | "staff"
            | "office"
            | "press"
            | "release"
            | "team"
            | "data"
            | "figures"
            | "tally"
            | "poll"
            | "spokesmen"
            | "spokeswomen"
            | "executives"
            | "leaders"
            | "leadership"
    )
}

/// Words that say little on their own.
fn weak(w: &str) -> bool {
    names::is_function_word(w) || names::is_org_word(w) || names::is_place_word(w)
}

/// The runs of capitalised words that name someone: (first token, end token exclusive).
fn name_runs(
    toks: &[Tok],
    chars: &[char],
    text_lower_words: &std::collections::HashSet<&str>,
) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    // Capitalised words seen inside sentences (not first): names the text uses as names.
    let cap_inside: std::collections::HashSet<&str> = toks
        .iter()
        .filter(|t| t.cap && !t.initial)
        .map(|t| t.fold.as_str())
        .collect();
    // Title-case lines (headlines): a line without a sentence's final punctuation, most of
    // whose longer words are capitalised; no names are read from them.
    let mut headline_sents = std::collections::HashSet::new();
    {
        let mut k = 0;
        while k < toks.len() {
            let s = toks[k].sent;
            let mut j = k;
            let (mut caps, mut long) = (0, 0);
            while j < toks.len() && toks[j].sent == s {
                if toks[j].fold.chars().count() >= 4 {
                    long += 1;
                    if toks[j].cap {
                        caps += 1;
                    }
                }
                j += 1;
            }
            let end = toks[j - 1].end;
            let after = chars[end.min(chars.len())..]
                .iter()
                .find(|c| !matches!(c, ' ' | '\t' | '"' | '\u{201D}' | '\u{2019}' | '\'' | ')'));
            let unpunctuated = !matches!(after, Some('.' | '!' | '?' | ',' | ';' | ':'));
            if unpunctuated && j - k >= 3 && long >= 2 && caps * 10 >= long * 7 {
                headline_sents.insert(s);
            }
            k = j;
        }
    }
    while i < toks.len() {
        let t = &toks[i];
        if !t.cap || headline_sents.contains(&t.sent) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if !t.possessive {
            while j < toks.len() && toks[j].joined && toks[j].sent == t.sent {
                let u = &toks[j];
                // A number after a name belongs to it ("Apollo 11", "Trần Văn 5").
                if u.cap
                    || (u.fold.chars().all(|c| c.is_ascii_digit())
                        && toks[j - 1].cap
                        && !toks[j - 1].possessive)
                {
                    j += 1;
                    if u.possessive {
                        break;
                    }
                    continue;
                }
                // "of" (and "the" after it) inside a name, when a capitalised word follows;
                // "on", "for", "and" inside an organisation's name ("National Institute on Drug
                // Abuse", "Department of Health and Human Services").
                let org_so_far = (i..j).any(|k| names::is_org_word(&toks[k].fold));
                if matches!(
                    u.fold.as_str(),
                    "of" | "de"
                        | "van"
                        | "von"
                        | "der"
                        | "al"
                        | "bin"
                        | "da"
                        | "du"
                        | "del"
                        | "la"
                        | "le"
                ) || (org_so_far && matches!(u.fold.as_str(), "on" | "for" | "and"))
                    || (u.fold == "and" && {
                        // "Securities and Exchange Commission": an organisation's name goes on.
                        let mut k = j + 1;
                        while k < toks.len()
                            && toks[k].cap
                            && toks[k].joined
                            && toks[k].sent == t.sent
                        {
                            k += 1;
                        }
                        k > j + 1 && names::is_org_word(&toks[k - 1].fold)
                    })
                {
                    let mut k = j + 1;
                    if k < toks.len() && toks[k].fold == "the" && toks[k].joined {
                        k += 1;
                    }
                    if k < toks.len() && toks[k].cap && toks[k].joined && toks[k].sent == t.sent {
                        j = k;
                        continue;
                    }
                }
                break;
            }
        }
        let mut s = i;
        // Sentence-initial words that are not names ("The", "Yesterday", "He").
        while s < j {
            let w = &toks[s];
            let junk = (names::is_function_word(&w.fold)
                && (w.initial || matches!(w.fold.as_str(), "the" | "a" | "an")))
                || (w.initial && STARTERS.contains(&w.fold.as_str()))
                || CALENDAR.contains(&w.fold.as_str())
                || (w.initial && text_lower_words.contains(w.fold.as_str()))
                || (w.initial
                    && j - s == 1
                    && !w.possessive
                    && !cap_inside.contains(w.fold.as_str())
                    && {
                        let next = toks.get(j).map(|n| n.fold.as_str()).unwrap_or("");
                        !matches!(
                            next,
                            "said"
                                | "says"
                                | "told"
                                | "added"
                                | "wrote"
                                | "has"
                                | "had"
                                | "is"
                                | "was"
                                | "and"
                                | "have"
                                | "will"
                                | "would"
                                | "declined"
                                | "announced"
                                | "reported"
                        )
                    });
            if junk {
                s += 1;
            } else {
                break;
            }
        }
        // Trailing "of".
        let mut e = j;
        while e > s && matches!(toks[e - 1].fold.as_str(), "of" | "the") {
            e -= 1;
        }
        // Calendar words inside runs end them.
        if let Some(k) =
            (s..e).find(|&k| CALENDAR.contains(&toks[k].fold.as_str()) && !toks[k].initial)
        {
            e = k;
        }
        if e > s {
            runs.push((s, e));
        }
        i = j.max(i + 1);
    }
    runs
}

/// Link each of `mentions` (char ranges into `text`) to the entities of the article.
pub fn link(text: &str, mentions: &[Range<usize>]) -> Chains {
    let chars: Vec<char> = text.chars().collect();
    let toks = tokenize(&chars);
    let lower_words: std::collections::HashSet<&str> = toks
        .iter()
        .filter(|t| !t.cap)
        .map(|t| t.fold.as_str())
        .collect();
    let runs = name_runs(&toks, &chars, &lower_words);
    let slice = |r: Range<usize>| -> String {
        chars[r.start.min(chars.len())..r.end.min(chars.len())]
            .iter()
            .collect()
    };
    let sent_at = |at: usize| -> usize {
        let k = toks.partition_point(|t| t.start <= at);
        if k == 0 { 0 } else { toks[k - 1].sent }
    };

    // Events in text order: names read from the text, mentions given, and every third-person
    // pronoun of the text (their resolution shows genders).
    #[derive(Debug)]
    enum Ev {
        Run(usize),
        Mention(usize),
        Pronoun(usize),
    }
    let mut evs: Vec<(usize, u8, Ev)> = Vec::new();
    for (k, &(s, _)) in runs.iter().enumerate() {
        evs.push((toks[s].start, 1, Ev::Run(k)));
    }
    for (k, m) in mentions.iter().enumerate() {
        // After the names inside it are read.
        evs.push((m.end.max(m.start), 2, Ev::Mention(k)));
    }
    for (k, t) in toks.iter().enumerate() {
        if matches!(pronoun(&t.fold), Some(Pro::He | Pro::She))
            && t.text.chars().all(char::is_alphabetic)
        {
            evs.push((t.start, 0, Ev::Pronoun(k)));
        }
    }
    evs.sort_by_key(|(at, order, _)| (*at, *order));

    let mut b = Builder {
        toks: &toks,
        entities: Vec::new(),
        occs: Vec::new(),
        by_key: std::collections::HashMap::new(),
    };
    let _ = b.toks;
    let mut links: Vec<Option<Link>> = vec![None; mentions.len()];
    // Runs inside a given mention are named by the mention (so a mention's entity is the
    // run's).
    let mut run_entity: Vec<Option<usize>> = vec![None; runs.len()];
    let run_text = |&(s, e): &(usize, usize)| -> String { slice(toks[s].start..toks[e - 1].end) };
    for (at, _, ev) in evs {
        match ev {
            Ev::Run(k) => {
                let (s, _) = runs[k];
                let before = s
                    .checked_sub(1)
                    .map(|p| &toks[p])
                    .filter(|p| p.sent == toks[s].sent);
                run_entity[k] = b.name(&run_text(&runs[k]), at, toks[s].sent, before);
                // "Apple said": a name a reporting verb follows is a source.
                let (_, e) = runs[k];
                if let (Some(ent), Some(next)) = (run_entity[k], toks.get(e))
                    && next.joined
                    && matches!(
                        next.fold.as_str(),
                        "said"
                            | "says"
                            | "told"
                            | "added"
                            | "wrote"
                            | "writes"
                            | "asked"
                            | "argued"
                            | "noted"
                            | "explained"
                            | "insisted"
                            | "declined"
                            | "announced"
                            | "reported"
                            | "stated"
                            | "tweeted"
                            | "confirmed"
                            | "denied"
                            | "warned"
                            | "believes"
                            | "thinks"
                    )
                {
                    b.entities[ent].speaks = true;
                }
            }
            Ev::Pronoun(k) => {
                let t = &toks[k];
                if let Some(p) = pronoun(&t.fold)
                    && let Refers::One(e) = b.resolve_pronoun(p, t.start, t.sent)
                {
                    // An unambiguous he/she shows the entity's gender.
                    let g = if p == Pro::He {
                        Gender::Male
                    } else {
                        Gender::Female
                    };
                    if b.entities[e].gender.is_none() {
                        b.entities[e].gender = Some(g);
                    }
                    // The pronoun keeps the entity in view: a later pronoun may refer back
                    // to it across a run of sentences that do not repeat the name.
                    b.occs.push(Occ {
                        entity: e,
                        at: t.start,
                        sent: t.sent,
                    });
                }
            }
            Ev::Mention(k) => {
                let r = mentions[k].clone();
                let m = slice(r.clone());
                let sent = sent_at(r.start);
                let l = link_mention(&mut b, &toks, &runs, &run_entity, &m, r.clone(), sent);
                if l.class == Class::Name {
                    for &e in &l.entities {
                        b.entities[e].speaks = true;
                    }
                }
                // A title or pronoun that found its entity keeps it in view, as a name does.
                if matches!(l.class, Class::Title | Class::Pronoun)
                    && let [e] = l.entities[..]
                {
                    b.occs.push(Occ {
                        entity: e,
                        at: r.start,
                        sent,
                    });
                }
                links[k] = Some(l);
            }
        }
    }
    Chains {
        entities: b.entities,
        links: links
            .into_iter()
            .map(|l| {
                l.unwrap_or(Link {
                    class: Class::NotASource,
                    entities: Vec::new(),
                    ambiguous: false,
                })
            })
            .collect(),
    }
}

fn link_mention(
    b: &mut Builder,
    toks: &[Tok],
    runs: &[(usize, usize)],
    run_entity: &[Option<usize>],
    m: &str,
    r: Range<usize>,
    sent: usize,
) -> Link {
    let none = |class| Link {
        class,
        entities: Vec::new(),
        ambiguous: false,
    };
    let kind = mentions::classify(m);
    if kind == MentionKind::Pronoun {
        let first = names::raw_words(m)
            .first()
            .map(|w| fold(w))
            .unwrap_or_default();
        return match pronoun(&first) {
            Some(p) => b.resolve_pronoun(p, r.start, sent).link(Class::Pronoun),
            None => none(Class::Pronoun),
        };
    }
    if not_a_name(m) {
        return none(Class::NotASource);
    }
    if kind == MentionKind::Generic {
        return none(Class::Generic);
    }
    if let Some((word, k)) = title_mention(m) {
        // A title with a capitalised name in it ("the Texas senator") is still a title.
        let words: Vec<String> = names::raw_words(m).iter().map(|w| fold(w)).collect();
        return b
            .resolve_title(&words, &word, k, r.start, sent)
            .link(Class::Title);
    }
    // Names read from the text inside the mention. Runs and tokens are in text order and do
    // not overlap, so the candidates are found by binary search: a scan of the whole text per
    // mention made a long text quadratic.
    let lo = runs.partition_point(|(s, _)| toks[*s].start < r.start);
    let hi = runs
        .partition_point(|(s, _)| toks[*s].start < r.end)
        .max(lo);
    let within = || {
        (lo..hi)
            .map(|k| (k, runs[k]))
            .filter(|(_, (s, e))| toks[*s].start >= r.start && toks[*e - 1].end <= r.end)
    };
    let inside: Vec<usize> = within().filter_map(|(k, _)| run_entity[k]).collect();
    if !inside.is_empty() {
        // The name only modifies the mention's head noun ("Vietnam's government", "Vietnamese
        // activists"): the mention is that name's only when the head speaks for it (a
        // spokesman, its officials, its report).
        let last_run_end = within()
            .map(|(_, (_, e))| toks[e - 1].end)
            .max()
            .unwrap_or(r.end);
        let first_run_end = within()
            .map(|(_, (_, e))| toks[e - 1].end)
            .min()
            .unwrap_or(r.end);
        // The tokens from the end of the names to the end of the mention (starts and ends
        // both increase along the text).
        let from = toks.partition_point(|t| t.start < last_run_end.max(first_run_end));
        let to = toks.partition_point(|t| t.end <= r.end).max(from);
        let tail: Vec<&Tok> = toks[from..to].iter().take_while(|t| t.joined).collect();
        if !tail.is_empty()
            && !tail.iter().any(|t| t.cap)
            && !tail.iter().all(|t| speaks_for(&t.fold))
        {
            return none(Class::Phrase);
        }
        let words: Vec<String> = names::raw_words(m).iter().map(|w| fold(w)).collect();
        let joint = words.iter().any(|w| w == "and") || m.contains('&');
        let mut ents: Vec<usize> = Vec::new();
        for e in inside {
            if !ents.contains(&e) {
                ents.push(e);
            }
        }
        if !joint {
            // A name that ends the mention is its head ("the BBC's North America editor Jon
            // Sopel"); else the first name ("Jimmy Shahinian, a 28-year-old activist").
            let ends = within()
                .filter(|(_, (_, e))| toks[*e - 1].end >= r.end)
                .find_map(|(k, _)| run_entity[k]);
            ents = vec![ends.unwrap_or(ents[0])];
        }
        return Link {
            class: Class::Name,
            entities: ents,
            ambiguous: false,
        };
    }
    // A name the text reading missed (lower case, a sentence's first word): the mention itself.
    let has_cap = names::raw_words(m).iter().any(|w| {
        w.chars().next().is_some_and(char::is_uppercase) && !names::is_function_word(&fold(w))
    });
    if has_cap {
        let before = toks
            .partition_point(|t| t.end <= r.start)
            .checked_sub(1)
            .map(|p| &toks[p]);
        if let Some(e) = b.name(m, r.start, sent, before) {
            return Link {
                class: Class::Name,
                entities: vec![e],
                ambiguous: false,
            };
        }
    }
    none(Class::Phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char range of the `n`th (0-based) occurrence of `word` in `text`.
    fn at(text: &str, word: &str, n: usize) -> Range<usize> {
        let (b, _) = text.match_indices(word).nth(n).unwrap();
        let s = text[..b].chars().count();
        s..s + word.chars().count()
    }

    fn names_of(text: &str, mentions: &[Range<usize>]) -> Vec<Option<String>> {
        let c = link(text, mentions);
        (0..mentions.len())
            .map(|k| c.entity_of(k).map(|e| e.name.clone()))
            .collect()
    }

    #[test]
    fn surnames_honorifics_and_possessives_join_the_full_name() {
        let t = "Donald J. Trump spoke on Monday. Trump said the deal was done. \
                 Mr. Trump's aides agreed.";
        let m = [
            at(t, "Donald J. Trump", 0),
            at(t, "Trump", 1),
            at(t, "Mr. Trump's", 0),
        ];
        let c = link(t, &m);
        assert_eq!(c.links[0].entities, c.links[1].entities);
        assert_eq!(c.links[0].entities, c.links[2].entities);
        assert_eq!(c.entity_of(0).unwrap().name, "Donald Trump");
        assert_eq!(c.entity_of(0).unwrap().gender, Some(Gender::Male));
    }

    #[test]
    fn a_pronoun_takes_the_nearest_compatible_antecedent() {
        // Vindman, not Holmes: the nearest person before "He".
        let t = "Holmes said the call worried him. Alexander Vindman was also on the call. \
                 He testified about a July 10 meeting.";
        assert_eq!(
            names_of(t, &[at(t, "Holmes", 0), at(t, "He", 0)]),
            [Some("Holmes".into()), Some("Alexander Vindman".into())]
        );
        // "it" skips people for the organisation.
        let t = "Amnesty International published a report. John Smith read it. \
                 It said prisoners were held.";
        assert_eq!(
            names_of(t, &[at(t, "It", 0)]),
            [Some("Amnesty International".into())]
        );
    }

    #[test]
    fn gender_from_honorifics_and_earlier_pronouns_decides() {
        let t = "Mrs. Clinton met Donald Trump in Ohio. She said the talks went well.";
        assert_eq!(names_of(t, &[at(t, "She", 0)]), [Some("Clinton".into())]);
        let t = "Mrs. Clinton met Donald Trump in Ohio. He said the talks went well.";
        assert_eq!(
            names_of(t, &[at(t, "He", 0)]),
            [Some("Donald Trump".into())]
        );
    }

    #[test]
    fn two_people_in_one_sentence_make_a_pronoun_ambiguous() {
        let t = "Ted Cruz attacked Marco Rubio on Tuesday. He said the plan would fail.";
        let c = link(t, &[at(t, "He", 0)]);
        assert_eq!(c.links[0].class, Class::Pronoun);
        assert!(c.links[0].entities.is_empty());
        // "I" and "we" are never resolved.
        let t = "Ted Cruz spoke. \"I will win,\" he said.";
        let c = link(t, &[at(t, "I", 0)]);
        assert!(c.links[0].entities.is_empty());
    }

    #[test]
    fn titles_find_who_bore_them() {
        let t = "Sen. Ted Cruz and Donald Trump met. Later the senator said he was pleased. \
                 The Ministry of Foreign Affairs disagreed. The ministry said so.";
        assert_eq!(
            names_of(t, &[at(t, "the senator", 0), at(t, "The ministry", 0)]),
            [
                Some("Ted Cruz".into()),
                Some("Ministry of Foreign Affairs".into())
            ]
        );
    }

    #[test]
    fn different_first_names_stay_different_entities() {
        let t = "Bill Clinton spoke first. Hillary Clinton spoke next. Clinton said she would win.";
        let c = link(
            t,
            &[
                at(t, "Bill Clinton", 0),
                at(t, "Hillary Clinton", 0),
                at(t, "Clinton", 2),
            ],
        );
        assert_ne!(c.links[0].entities, c.links[1].entities);
        // A surname shared by two people is no link to either.
        assert!(c.entity_of(2).is_none_or(|e| e.name == "Clinton"));
    }

    #[test]
    fn non_sources_generic_and_joint_mentions() {
        let t = "Facebook and Google have stated that officials said all is well. Video";
        let c = link(
            t,
            &[
                at(t, "Facebook and Google", 0),
                at(t, "officials", 0),
                at(t, "said", 0),
                at(t, "Video", 0),
            ],
        );
        assert_eq!(c.links[0].entities.len(), 2);
        assert_eq!(c.links[1].class, Class::Generic);
        assert_eq!(c.links[2].class, Class::NotASource);
        assert_eq!(c.links[3].class, Class::NotASource);
    }
}
