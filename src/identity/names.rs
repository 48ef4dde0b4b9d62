//! Names as keys: the OpenRefine key-collision fingerprint, a parsed [`Name`] (honorific,
//! first and last name, gender an honorific shows), the nearest-neighbour [`similarity`], and
//! which mention words are not a source at all ("said", "all", "Video", "he").
//!
//! The word lists are English and written here: honorifics, pronouns, determiners and page
//! furniture are small closed classes that no crate ships as data.

use unicode_normalization::UnicodeNormalization;

/// A gender the text itself shows (an honorific, or a pronoun that refers to the name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

/// Titles and honorifics that may stand before a name ("Mr.", "Sen.", "President"), lower
/// case without dots, with the gender they show, if any.
const HONORIFICS: &[(&str, Option<Gender>)] = &[
    ("former", None),
    ("then", None),
    ("acting", None),
    ("deputy", None),
    ("mr", Some(Gender::Male)),
    ("mister", Some(Gender::Male)),
    ("sir", Some(Gender::Male)),
    ("lord", Some(Gender::Male)),
    ("king", Some(Gender::Male)),
    ("prince", Some(Gender::Male)),
    ("father", Some(Gender::Male)),
    ("congressman", Some(Gender::Male)),
    ("chairman", Some(Gender::Male)),
    ("councilman", Some(Gender::Male)),
    ("assemblyman", Some(Gender::Male)),
    ("mrs", Some(Gender::Female)),
    ("ms", Some(Gender::Female)),
    ("miss", Some(Gender::Female)),
    ("madam", Some(Gender::Female)),
    ("dame", Some(Gender::Female)),
    ("lady", Some(Gender::Female)),
    ("queen", Some(Gender::Female)),
    ("princess", Some(Gender::Female)),
    ("sister", Some(Gender::Female)),
    ("congresswoman", Some(Gender::Female)),
    ("chairwoman", Some(Gender::Female)),
    ("councilwoman", Some(Gender::Female)),
    ("assemblywoman", Some(Gender::Female)),
    ("mx", None),
    ("dr", None),
    ("prof", None),
    ("professor", None),
    ("sen", None),
    ("senator", None),
    ("rep", None),
    ("representative", None),
    ("gov", None),
    ("governor", None),
    ("president", None),
    ("vice", None),
    ("pres", None),
    ("gen", None),
    ("general", None),
    ("col", None),
    ("colonel", None),
    ("lt", None),
    ("lieutenant", None),
    ("capt", None),
    ("captain", None),
    ("adm", None),
    ("admiral", None),
    ("sgt", None),
    ("sergeant", None),
    ("maj", None),
    ("major", None),
    ("judge", None),
    ("justice", None),
    ("rev", None),
    ("reverend", None),
    ("rabbi", None),
    ("imam", None),
    ("sheikh", None),
    ("prime", None),
    ("minister", None),
    ("chancellor", None),
    ("secretary", None),
    ("ambassador", None),
    ("mayor", None),
    ("pope", None),
    ("cardinal", None),
    ("bishop", None),
    ("commissioner", None),
    ("attorney", None),
    ("speaker", None),
    ("ceo", None),
    ("chief", None),
    ("executive", None),
    ("agent", None),
    ("detective", None),
    ("officer", None),
    ("coach", None),
    ("candidate", None),
    ("nominee", None),
];

/// Name suffixes dropped from keys.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "esq", "phd"];

/// The honorific `word` is (lower case, dots removed), with its gender.
pub fn honorific(word: &str) -> Option<Option<Gender>> {
    let w = word.trim_end_matches('.').to_lowercase();
    HONORIFICS.iter().find(|(h, _)| *h == w).map(|(_, g)| *g)
}

/// Fold one word for a key: NFKD, combining marks dropped, lower case, curly apostrophes
/// straight, a possessive "'s" / "s'" dropped, punctuation removed.
pub fn fold(w: &str) -> String {
    // "al-Bashir" is Bashir in a key (as "Mr. Bashir" names him); "London-based" keeps both.
    let w = match w.split_once('-') {
        Some((a, b))
            if matches!(a, "al" | "el" | "bin" | "ibn" | "abu" | "ben")
                && b.chars().next().is_some_and(char::is_uppercase) =>
        {
            b
        }
        _ => w,
    };
    let s: String = w
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}' => '\'',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    let s = s.trim_matches(|c: char| !c.is_alphanumeric());
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("'"))
        .unwrap_or(s);
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The words of a name as written (split at white space and at punctuation that is not part of
/// a word: "Trump's" stays one word, "Smith/Jones" two).
pub fn raw_words(s: &str) -> Vec<&str> {
    s.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '/' | ',' | ';' | '(' | ')' | '"' | '“' | '”' | '[' | ']' | ':' | '|'
            )
    })
    .filter(|w| w.chars().any(char::is_alphanumeric))
    .collect()
}

/// A parsed name: the honorifics before it and the words that are the name proper.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Name {
    /// The folded words of the name proper (honorifics, a leading "the", suffixes and middle
    /// initials removed), in order.
    pub words: Vec<String>,
    /// The words as written (same order as `words`, possessive kept off).
    pub shown: Vec<String>,
    /// The gender an honorific shows ("Mrs. Clinton").
    pub gender: Option<Gender>,
    /// An honorific or title stood before the name ("Sen.", "President").
    pub titled: bool,
    /// The folded titles ("sen", "president"), for "the senator" to find its name.
    pub titles: Vec<String>,
}

impl Name {
    pub fn parse(s: &str) -> Name {
        let raw = raw_words(s);
        let mut n = Name::default();
        let mut i = 0;
        // A leading determiner ("the White House", "The New York Times").
        if raw.len() > 1 && matches!(fold(raw[0]).as_str(), "the") {
            i = 1;
        }
        // Leading honorifics and titles, while a name follows ("Secretary of State Mike
        // Pompeo": "of State" is part of the title).
        while i + 1 < raw.len() {
            let w = raw[i];
            if let Some(g) = honorific(w) {
                n.titled = true;
                n.titles.push(fold(w));
                if n.gender.is_none() {
                    n.gender = g;
                }
                i += 1;
                if i + 2 < raw.len() && fold(raw[i]) == "of" {
                    i += 2;
                }
                continue;
            }
            break;
        }
        // "General Motors", "Justice Department": the title word is part of an organisation's name.
        if raw[i..].iter().any(|w| is_org_word(&fold(w))) {
            i = usize::from(i > 0 && fold(raw[0]) == "the");
            n.titled = false;
            n.titles.clear();
            n.gender = None;
        }
        // "CEO of DH": the name is after "of". "London-based Amnesty", "Texas-born Smith":
        // a hyphenated describing word is not part of the name.
        while i + 1 < raw.len()
            && (fold(raw[i]) == "of"
                || raw[i].split_once('-').is_some_and(|(_, b)| {
                    b.chars().next().is_some_and(char::is_lowercase)
                        && matches!(
                            b.trim_end_matches(['\'', '’', 's']),
                            "based"
                                | "born"
                                | "led"
                                | "backed"
                                | "owned"
                                | "run"
                                | "funded"
                                | "linked"
                                | "affiliated"
                                | "registered"
                                | "headquartered"
                        )
                }))
        {
            i += 1;
        }
        let rest: Vec<&str> = raw[i..].to_vec();
        let folded: Vec<String> = rest.iter().map(|w| fold(w)).collect();
        let last = folded.len().saturating_sub(1);
        for (k, (w, f)) in rest.iter().zip(&folded).enumerate() {
            if f.is_empty() || (k > 0 && SUFFIXES.contains(&f.as_str())) {
                continue;
            }
            // A middle initial ("Donald J. Trump"): neither first nor last.
            let initial =
                f.chars().count() == 1 && w.chars().next().is_some_and(char::is_uppercase);
            if initial && k > 0 && k < last && folded.len() > 2 {
                continue;
            }
            n.words.push(f.clone());
            let shown = w
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_end_matches(['\'', '’'])
                .trim_matches(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'));
            n.shown.push(shown.to_string());
        }
        // Suffixes at the end ("Martin Luther King Jr.") are dropped above only after the first
        // word; a trailing one is still in `words` when it was the only word: keep it.
        while n.words.len() > 1
            && n.words
                .last()
                .is_some_and(|w| SUFFIXES.contains(&w.as_str()))
        {
            n.words.pop();
            n.shown.pop();
        }
        n
    }

    /// The fingerprint of the name proper: its words sorted, duplicates removed.
    pub fn key(&self) -> String {
        let mut w: Vec<&str> = self.words.iter().map(String::as_str).collect();
        w.sort_unstable();
        w.dedup();
        w.join(" ")
    }

    pub fn first(&self) -> Option<&str> {
        self.words.first().map(String::as_str)
    }

    pub fn last(&self) -> Option<&str> {
        self.words.last().map(String::as_str)
    }

    /// The name as written without honorifics ("Mr. Trump's" → "Trump").
    pub fn display(&self) -> String {
        self.shown.join(" ")
    }

    /// Does it look like a person's name: a title before it, or two to four capitalised words
    /// none of which is an organisation or place word?
    pub fn looks_personal(&self) -> bool {
        if self
            .words
            .iter()
            .any(|w| is_org_word(w) || is_place_word(w))
        {
            return false;
        }
        if self.titled && !self.words.is_empty() {
            return true;
        }
        (2..=4).contains(&self.words.len())
            && self
                .shown
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !self.shown.iter().all(|w| is_acronym(w))
    }
}

/// The OpenRefine key-collision fingerprint of a source name: NFKD with accents removed,
/// lower case, punctuation and possessives removed, honorifics ("Mr.", "Sen.", "President"),
/// a leading "the", suffixes and middle initials dropped, words sorted and deduplicated.
/// "Mr. Trump's" → "trump"; "Donald J. Trump" → "donald trump"; "Trump, Donald" → "donald trump".
pub fn fingerprint(name: &str) -> String {
    Name::parse(name).key()
}

/// Words that make a name an organisation's.
const ORG_WORDS: &[&str] = &[
    "ministry",
    "department",
    "dept",
    "council",
    "committee",
    "commission",
    "agency",
    "association",
    "party",
    "company",
    "co",
    "corp",
    "corporation",
    "inc",
    "ltd",
    "llc",
    "plc",
    "group",
    "bank",
    "university",
    "college",
    "institute",
    "institution",
    "foundation",
    "fund",
    "organization",
    "organisation",
    "office",
    "court",
    "congress",
    "senate",
    "house",
    "parliament",
    "government",
    "administration",
    "police",
    "army",
    "navy",
    "force",
    "forces",
    "service",
    "services",
    "board",
    "union",
    "federation",
    "league",
    "network",
    "news",
    "times",
    "post",
    "journal",
    "press",
    "tribune",
    "herald",
    "gazette",
    "guardian",
    "telegraph",
    "reuters",
    "bureau",
    "international",
    "watch",
    "center",
    "centre",
    "campaign",
    "club",
    "church",
    "school",
    "hospital",
    "airlines",
    "airways",
    "motors",
    "media",
    "tv",
    "television",
    "radio",
    "broadcasting",
    "cabinet",
    "kremlin",
    "pentagon",
    "authority",
    "authorities",
    "team",
    "society",
    "alliance",
    "coalition",
    "movement",
    "front",
    "council",
    "assembly",
    "nations",
    "ngo",
    "trust",
    "project",
    "initiative",
    "program",
    "programme",
    "systems",
    "technologies",
    "labs",
    "studios",
    "magazine",
    "daily",
    "weekly",
    "channel",
];

/// Words that make a name a place's.
const PLACE_WORDS: &[&str] = &[
    "city",
    "county",
    "state",
    "states",
    "republic",
    "kingdom",
    "island",
    "islands",
    "sea",
    "street",
    "avenue",
    "river",
    "mountain",
    "mountains",
    "valley",
    "province",
    "region",
    "north",
    "south",
    "east",
    "west",
    "new",
    "united",
    "saint",
    "st",
    "lake",
    "bay",
    "coast",
    "district",
    "square",
    "park",
    "beach",
    "auditorium",
    "arena",
    "stadium",
    "theater",
    "theatre",
    "hall",
    "pavilion",
    "amphitheatre",
    "amphitheater",
    "airport",
    "bridge",
];

pub fn is_org_word(w: &str) -> bool {
    ORG_WORDS.contains(&w)
}

pub fn is_place_word(w: &str) -> bool {
    PLACE_WORDS.contains(&w)
}

/// All capitals, two or more letters ("FBI", "NATO", "U.S.").
pub fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Pronouns, determiners, quantifiers, conjunctions and prepositions: a mention made only of
/// these names nobody ("all", "the", "he").
const FUNCTION_WORDS: &[&str] = &[
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
    "one",
    "ones",
    "the",
    "a",
    "an",
    "all",
    "both",
    "each",
    "every",
    "everyone",
    "everybody",
    "anyone",
    "anybody",
    "nobody",
    "none",
    "some",
    "someone",
    "many",
    "most",
    "few",
    "several",
    "other",
    "others",
    "another",
    "any",
    "such",
    "and",
    "or",
    "but",
    "nor",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "as",
    "there",
    "here",
    "what",
    "whoever",
    "either",
    "neither",
];

/// Reporting verbs and cue words: a mention that is one of them is a mistaken span.
const CUE_WORDS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "added",
    "adds",
    "stated",
    "states",
    "according",
    "asked",
    "asks",
    "wrote",
    "writes",
    "claimed",
    "claims",
    "argued",
    "argues",
    "noted",
    "notes",
    "explained",
    "explains",
    "announced",
    "announces",
    "reported",
    "reports",
    "insisted",
    "insists",
    "warned",
    "warns",
    "denied",
    "denies",
    "confirmed",
    "confirms",
    "suggested",
    "suggests",
    "believes",
    "believe",
    "thinks",
    "think",
    "tweeted",
    "posted",
    "replied",
    "responded",
    "continued",
    "acknowledged",
    "admitted",
    "recalled",
    "described",
    "called",
    "urged",
];

/// Page furniture that extraction leaves in articles and annotators sometimes mark.
const FURNITURE: &[&str] = &[
    "video",
    "videos",
    "photo",
    "photos",
    "image",
    "images",
    "watch",
    "read",
    "more",
    "advertisement",
    "share",
    "click",
    "caption",
    "credit",
    "gallery",
    "listen",
    "audio",
    "subscribe",
    "related",
    "here",
    "update",
    "updated",
    "editor",
    "note",
    "live",
];

/// Is `mention` no source at all: empty, a reporting verb ("said"), function words alone
/// ("all", "the", "he", "those"), page furniture ("Video"), or no letters?
pub fn not_a_name(mention: &str) -> bool {
    let words: Vec<String> = raw_words(mention).iter().map(|w| fold(w)).collect();
    let words: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || !mention.chars().any(char::is_alphabetic) {
        return true;
    }
    // "WHO", "US": an acronym is a name even when it spells a word.
    if raw_words(mention)
        .iter()
        .any(|w| is_acronym(w) && w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && *w != "I")
    {
        return false;
    }
    words
        .iter()
        .all(|w| FUNCTION_WORDS.contains(w) || CUE_WORDS.contains(w) || FURNITURE.contains(w))
        && !(words.len() > 1 && words.iter().any(|w| FURNITURE.contains(w) && *w != "video"))
}

/// Is `w` (folded) a function word (pronoun, determiner, preposition)?
pub fn is_function_word(w: &str) -> bool {
    FUNCTION_WORDS.contains(&w)
}

/// Two people with different first names ("Bill Clinton", "Hillary Clinton"), or honorifics of
/// different genders ("Mr. Smith", "Mrs. Smith"): never the same source.
pub fn conflict(a: &Name, b: &Name) -> bool {
    if let (Some(x), Some(y)) = (a.gender, b.gender)
        && x != y
    {
        return true;
    }
    if a.words.len() < 2 || b.words.len() < 2 {
        return false;
    }
    let (Some(fa), Some(fb)) = (a.first(), b.first()) else {
        return false;
    };
    if fa == fb || a.last() != b.last() {
        return false;
    }
    // An initial agrees with a first name that starts with it ("J. Smith", "John Smith").
    let initial_of = |i: &str, n: &str| i.chars().count() == 1 && n.starts_with(i);
    !(initial_of(fa, fb) || initial_of(fb, fa))
}

/// Words of a name that say little on their own ("International", "Ministry", "of").
fn weak(w: &str) -> bool {
    is_function_word(w) || is_org_word(w) || is_place_word(w)
}

/// How alike two names are, 0 to 1, for proposing merges (nearest neighbour): 1 for the same
/// key; else the share of words matched (a word matches another when equal, or, from five
/// letters, when their edit distance is small: a typo), with a person's first and last name
/// matching and middle names differing ("Hillary Clinton", "Hillary Rodham Clinton") at 0.9,
/// a surname alone against the person's full name ("Trump", "Donald Trump") at 0.85 and an
/// acronym against the name it abbreviates ("HRW", "Human Rights Watch") at 0.85. Different
/// first names with one surname, or honorifics of different genders, are 0.
pub fn similarity(a: &Name, b: &Name) -> f32 {
    if a.words.is_empty() || b.words.is_empty() || conflict(a, b) {
        return 0.0;
    }
    if a.key() == b.key() {
        return 1.0;
    }
    let (short, long) = if a.words.len() <= b.words.len() {
        (a, b)
    } else {
        (b, a)
    };
    // Acronym.
    if short.words.len() == 1 && long.words.len() >= 2 {
        let acro: String = long
            .shown
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect();
        if acro.chars().count() >= 2 && acro == short.words[0] && is_acronym(&short.shown[0]) {
            return 0.85;
        }
    }
    let word_sim = |x: &str, y: &str| -> f32 {
        if x == y {
            1.0
        } else if x.chars().count() >= 5 && y.chars().count() >= 5 {
            let s = strsim::normalized_levenshtein(x, y) as f32;
            if s >= 0.8 { s } else { 0.0 }
        } else {
            0.0
        }
    };
    // Greedy one-to-one word matching.
    let mut used = vec![false; long.words.len()];
    let mut matched = 0.0f32;
    let mut all_short_matched = true;
    let mut strong_matched = false;
    for w in &short.words {
        let best = long
            .words
            .iter()
            .enumerate()
            .filter(|(k, _)| !used[*k])
            .map(|(k, x)| (k, word_sim(w, x)))
            .max_by(|p, q| p.1.total_cmp(&q.1));
        match best {
            Some((k, s)) if s > 0.0 => {
                used[k] = true;
                matched += s;
                if !weak(w) {
                    strong_matched = true;
                }
            }
            _ => all_short_matched = false,
        }
    }
    let share = matched / long.words.len() as f32;
    if all_short_matched && strong_matched {
        let person = long.looks_personal();
        // Same first and last name, middle names differ.
        if person
            && short.words.len() >= 2
            && short.first() == long.first()
            && short.last() == long.last()
        {
            return 0.9f32.max(share);
        }
        // A surname alone.
        if person && short.words.len() == 1 && short.last() == long.last() {
            return 0.85;
        }
    }
    share
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_share_a_key() {
        let k = fingerprint("Donald Trump");
        for s in [
            "Donald J. Trump",
            "Trump, Donald",
            "DONALD TRUMP",
            "Mr. Donald Trump",
            "President Donald Trump",
            "Donald Trump’s",
            "Donald  Trump's",
            "donald trump.",
        ] {
            assert_eq!(fingerprint(s), k, "{s}");
        }
        assert_eq!(fingerprint("Mrs. Clinton's"), "clinton");
        assert_eq!(fingerprint("Mrs. Clinton"), fingerprint("Clinton"));
        assert_eq!(fingerprint("Sen. Ted Cruz"), fingerprint("Ted Cruz"));
        assert_eq!(fingerprint("José Martí"), fingerprint("Jose Marti"));
        assert_eq!(
            fingerprint("Secretary of State Mike Pompeo"),
            fingerprint("Mike Pompeo")
        );
        assert_eq!(
            fingerprint("The New York Times"),
            fingerprint("New York Times")
        );
        assert_eq!(fingerprint("Martin Luther King Jr."), "king luther martin");
        // Different people keep different keys.
        assert_ne!(fingerprint("Bill Clinton"), fingerprint("Hillary Clinton"));
        assert_ne!(fingerprint("Trump"), fingerprint("Donald Trump"));
        // A title alone is kept as the name (nothing else is there).
        assert_eq!(fingerprint("President"), "president");
    }

    #[test]
    fn honorifics_show_gender() {
        assert_eq!(Name::parse("Mrs. Clinton").gender, Some(Gender::Female));
        assert_eq!(Name::parse("Mr. Trump").gender, Some(Gender::Male));
        assert_eq!(Name::parse("Sen. Cruz").gender, None);
        assert!(Name::parse("Sen. Cruz").titled);
    }

    #[test]
    fn non_names_are_not_sources() {
        for m in [
            "said",
            "all",
            "Video",
            "he",
            "They",
            "the",
            "those",
            "  ",
            "—",
            "All of them",
        ] {
            assert!(not_a_name(m), "{m}");
        }
        for m in [
            "Trump",
            "Amnesty International",
            "the ministry",
            "Video Games Inc",
            "a source",
        ] {
            assert!(!not_a_name(m), "{m}");
        }
    }

    #[test]
    fn different_first_names_never_match() {
        let (b, h) = (Name::parse("Bill Clinton"), Name::parse("Hillary Clinton"));
        assert!(conflict(&b, &h));
        assert_eq!(similarity(&b, &h), 0.0);
        assert!(conflict(
            &Name::parse("Mr. Smith"),
            &Name::parse("Mrs. Smith")
        ));
        assert!(!conflict(
            &Name::parse("J. Smith"),
            &Name::parse("John Smith")
        ));
    }

    #[test]
    fn near_names_score_high_and_strangers_low() {
        let s = |a: &str, b: &str| similarity(&Name::parse(a), &Name::parse(b));
        assert_eq!(s("Mr. Trump", "Trump's"), 1.0);
        assert!(s("Hillary Clinton", "Hillary Rodham Clinton") >= 0.9);
        assert!(s("Trump", "Donald Trump") >= 0.85);
        assert!(s("HRW", "Human Rights Watch") >= 0.85);
        assert!(s("Amnesty Internationl", "Amnesty International") >= 0.9);
        assert!(s("Ministry of Foreign Affairs", "Ministry of Home Affairs") < 0.8);
        assert!(s("New York Times", "New York Post") < 0.8);
        assert!(s("Amnesty", "Vietnam") == 0.0);
        // A place or organisation word alone does not make a surname.
        assert!(s("International", "Amnesty International") < 0.8);
    }
}
