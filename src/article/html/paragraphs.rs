//! Clean-up of the chosen paragraphs: the title repeated, bylines and datelines (to the
//! metadata), gallery labels, and short furniture readability keeps — judged by structure, and
//! by wording only in what is not running prose.

use super::*;

/// What the paragraph filter found and removed that belongs in the metadata.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub(super) byline: Option<String>,
    pub(super) dateline: Option<String>,
}

/// Drop paragraphs a careful reader would not copy; return the byline/dateline found.
pub(super) fn clean_blocks(
    blocks: &mut Vec<Block>,
    title: &str,
    repeated: &std::collections::HashSet<String>,
) -> Found {
    let mut found = Found::default();
    let title_key = key(title);
    let mut out = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.drain(..).enumerate() {
        let k = key(&b.text);
        if k.is_empty() || repeated.contains(&k) {
            continue;
        }
        // The title repeated at the top.
        if i < 4
            && !title_key.is_empty()
            && (k == title_key
                || (b.heading && title_key.contains(&k) && k.len() * 2 > title_key.len()))
        {
            continue;
        }
        if is_gallery_label(&b.text) {
            continue;
        }
        if let Some(by) = byline_of(&b.text) {
            found.byline.get_or_insert(by);
            continue;
        }
        if is_dateline(&b.text) {
            found.dateline.get_or_insert_with(|| b.text.clone());
            continue;
        }
        if is_boilerplate_line(&b) {
            continue;
        }
        out.push(b);
    }
    *blocks = out;
    found
}

/// "By Jane Doe", "Written by Jane Doe and John Roe, Reuters" → the name(s).
pub(super) fn byline_of(text: &str) -> Option<String> {
    let t = clean_ws(text);
    if t.chars().count() > 120 || t.contains('\n') {
        return None;
    }
    let lower = t.to_lowercase();
    let rest = [
        "by ",
        "by: ",
        "written by ",
        "posted by ",
        "words by ",
        "author: ",
        "reporting by ",
    ]
    .iter()
    .find_map(|p| {
        if lower.starts_with(p) {
            t.get(p.len()..).map(|r| r.trim().to_string())
        } else {
            None
        }
    })?;
    let words = word_count(&rest);
    // Names are capitalised and few; a sentence starting with "By" is not a byline.
    let first_upper = rest.chars().next().is_some_and(char::is_uppercase);
    if words == 0 || words > 14 || !first_upper || rest.ends_with('.') && words > 6 {
        return None;
    }
    // Strip trailing date/"Updated" parts: "Jane Doe, Reuters | Updated 5 May 2020".
    let name = rest
        .split(['|', '•', '·'])
        .next()
        .unwrap_or(&rest)
        .trim()
        .trim_end_matches([',', '-', '–'])
        .trim()
        .to_string();
    Some(name)
}

pub(super) const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    // pt, es, fr, de, it
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "enero",
    "febrero",
    "marzo",
    "mayo",
    "junio",
    "julio",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
];

pub(super) const DATE_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "am",
    "pm",
    "a",
    "p",
    "m",
    "et",
    "est",
    "edt",
    "pt",
    "pst",
    "pdt",
    "ct",
    "cst",
    "cdt",
    "gmt",
    "bst",
    "utc",
    "cet",
    "cest",
    "ist",
    "jst",
    "kst",
    "hkt",
    "aest",
    "aedt",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
    "ago",
    "hours",
    "hour",
    "minutes",
    "minute",
    "mins",
    "days",
    "day",
    "yesterday",
    "today",
    "th",
    "st",
    "nd",
    "rd",
    "of",
    "and",
    "time",
    "date",
    "read",
    "min",
    // pt, es, fr, de, it
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
    "feira",
    "sábado",
    "domingo",
    "de",
    "às",
    "as",
    "publicado",
    "atualizado",
    "em",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "el",
    "a",
    "las",
    "actualizado",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "le",
    "à",
    "publié",
    "mis",
    "jour",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "um",
    "uhr",
    "am",
    "veröffentlicht",
    "aktualisiert",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "alle",
    "il",
];

/// A short line that is only a date and time ("Updated 10:07 PM ET, Mon November 18, 2019").
pub(super) fn is_dateline(text: &str) -> bool {
    if text.chars().count() > 100 {
        return false;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    let numbers = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    let months = words.iter().filter(|w| MONTHS.contains(w)).count();
    let datey = words
        .iter()
        .filter(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || MONTHS.contains(w)
                || DATE_WORDS.contains(w)
                // 19th, 3rd, 10am
                || (w.chars().next().is_some_and(|c| c.is_ascii_digit())
                    && ["th", "st", "nd", "rd", "am", "pm", "h"].iter().any(|s| w.ends_with(s)))
        })
        .count();
    numbers >= 1
        && (months >= 1 || numbers >= 3)
        && datey * 10 >= words.len() * 8
        // Three numbers are a date only when they make one (not table header years, not a
        // phone number).
        && (months >= 1 || normalise_date(text, "").is_some())
}

/// Words of a photo gallery's controls and labels ("View all (23)", "23 photos", "Image 1 of
/// 12", "Open gallery").
pub(super) const GALLERY_WORDS: &[&str] = &[
    "view",
    "see",
    "show",
    "all",
    "open",
    "launch",
    "expand",
    "more",
    "the",
    "gallery",
    "galleries",
    "photo",
    "photos",
    "image",
    "images",
    "picture",
    "pictures",
    "slide",
    "slides",
    "slideshow",
    "of",
    "fullscreen",
    "full",
    "screen",
    "enlarge",
    "next",
    "previous",
    "prev",
    "close",
    "thumbnails",
    "video",
    "videos",
];

/// A short paragraph made only of gallery words and numbers, with at least one word that names
/// the gallery or its control: "View all (23)", "Image 1 of 12", "23 photos".
pub(super) fn is_gallery_label(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &&str| w.chars().all(|c| c.is_ascii_digit());
    !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|w| number(w) || GALLERY_WORDS.contains(w))
        && words.iter().any(|w| {
            matches!(
                *w,
                "view"
                    | "gallery"
                    | "galleries"
                    | "photos"
                    | "images"
                    | "pictures"
                    | "slides"
                    | "slideshow"
                    | "thumbnails"
                    | "fullscreen"
                    | "enlarge"
            ) || (*w == "of" && words.iter().filter(|w| number(w)).count() == 2)
        })
}

/// Is this paragraph running prose: a sentence of four words or more (it ends as sentences
/// end), or twelve words or more? Furniture is never recognised by its wording in such a
/// paragraph, only by structure (where it is, its links, its container, its repetition).
pub(super) fn is_running_prose(text: &str) -> bool {
    let t = text.trim();
    let words = plain_words(t);
    let core = t.trim_end_matches(['”', '"', '»', '’', '\'', ')', ']', ' ']);
    let ends = core.ends_with(['.', '!', '?', '…', '。', '！', '？']);
    // Scripts without spaces between words: count characters instead.
    let cjk = t.chars().filter(|c| is_cjk(*c)).count();
    (ends && (words >= 4 || cjk >= 8)) || words >= 12 || cjk >= 24
}

/// Words of a text outside web addresses ("Listen: http://po.st/x" has one).
pub(super) fn plain_words(t: &str) -> usize {
    t.split_whitespace()
        .filter(|w| !w.contains("http") && !w.contains("www.") && !w.contains(".com"))
        .map(word_count)
        .sum()
}

/// Han, kana and hangul: letters of scripts that write few spaces (or none).
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af)
}

/// Labels that stand alone between paragraphs: advertisement markers and "continue reading"
/// prompts (the whole paragraph is the label, whatever its case and punctuation).
pub(super) const LABELS: &[&str] = &[
    "advertisement",
    "advertising",
    "ad",
    "sponsored",
    "sponsored content",
    "paid content",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "article continues below advertisement",
    "continue reading",
    "continue reading below",
    "continue reading the main story",
    "scroll to continue",
    "scroll to continue with content",
    "skip ad",
    "skip advertisement",
    "anzeige",
    "werbung",
    "publicidad",
    "publicité",
    "pubblicità",
    "reklama",
    "publicidade",
];

/// Words of a photo credit's source.
pub(super) const CREDIT_WORDS: &[&str] = &[
    "getty images",
    "ap photo",
    "afp photo",
    "afp via getty",
    "shutterstock",
    "istock",
    "reuters",
    "epa",
    "photo",
    "image",
    "credit",
    "foto",
];

/// A short paragraph of page furniture that readability keeps: a label, a credit, a teaser
/// link, a notice. Only paragraphs that are not running prose ([`is_running_prose`]) are judged
/// by their words; a paragraph of prose is furniture only by its structure (mostly a link, a
/// © notice).
pub(super) fn is_boilerplate_line(b: &Block) -> bool {
    let t = clean_ws(&b.text);
    let lower = t.to_lowercase();
    let words = word_count(&t);
    let k = key(&t);
    let links_most = words > 0 && b.link_words * 10 >= words * 7;
    let lead = lower.trim_start_matches(['(', '[', ' ']);
    let starts = |needles: &[&str]| needles.iter().any(|n| lead.starts_with(n));

    // Structure first: a short line that is mostly a link (a teaser for another story, "Sign up
    // for our newsletter" as a link), a list item that is all link, a © notice.
    if links_most && plain_words(&t) <= 15 && !b.heading && (is_teaser(lead) || is_pitch(&lower)) {
        return true;
    }
    if b.list_item && words <= 20 && b.link_words * 10 >= words * 9 {
        return true;
    }
    if (lower.starts_with('©') || lower.starts_with("copyright ©") || lower.starts_with("(c) "))
        && words <= 40
    {
        return true;
    }
    // A caption's credit at the end: "… on Sunday. (Photo: Ann Lee/Getty Images)".
    if let Some(open) = t.rfind('(')
        && t.ends_with(')')
        && words <= 60
    {
        let credit = t[open..].to_lowercase();
        if word_count(&credit) <= 8
            && (credit.starts_with("(photo")
                || credit.starts_with("(image")
                || credit.starts_with("(credit")
                || credit.contains("getty images")
                || credit.contains("ap photo")
                || credit.contains("afp"))
        {
            return true;
        }
    }
    // Credit lines after the text: "(Reporting by Jane Roe; Editing by John Doe)" — names only,
    // never a sentence.
    if is_credit_line(&t) {
        return true;
    }
    if is_running_prose(&t) {
        return false;
    }
    // Labels: not prose, so their wording says what they are.
    if LABELS.contains(&k.as_str()) || LIST_HEADINGS.contains(&k.as_str()) {
        return true;
    }
    // Photo credits: "Photo: Ann Lee / Bugle", "(AP Photo/Evan Vucci)", "Getty Images".
    if words <= 10
        && (starts(&[
            "photo:",
            "photo by",
            "photos:",
            "photograph:",
            "image:",
            "credit:",
            "picture:",
            "foto:",
            "source: getty",
        ]) || CREDIT_WORDS[..6].iter().any(|c| lower.contains(c)))
    {
        return true;
    }
    // Pitches and notices that are not sentences: "Sign up for our newsletter", "Follow us on
    // Twitter", "Privacy policy"; "Tags: …" and other list names.
    if (words <= 10 && is_pitch(&lower)) || is_list_heading(&lower) {
        return true;
    }
    // Share buttons and their labels.
    const SHARE: &[&str] = &[
        "share",
        "shares",
        "tweet",
        "facebook",
        "twitter",
        "email",
        "print",
        "linkedin",
        "whatsapp",
        "pinterest",
        "reddit",
        "copy",
        "link",
        "comments",
        "comment",
        "save",
        "this",
        "article",
        "on",
        "via",
        "messenger",
        "flipboard",
        "x",
    ];
    if words > 0
        && words <= 8
        && k.split(' ')
            .all(|w| SHARE.contains(&w) || w.chars().all(|c| c.is_ascii_digit()))
        && k.split(' ').any(|w| {
            matches!(
                w,
                "share"
                    | "tweet"
                    | "facebook"
                    | "twitter"
                    | "email"
                    | "print"
                    | "linkedin"
                    | "whatsapp"
            )
        })
    {
        return true;
    }
    // "READ MORE: another story" whose link is gone: a teaser prefix and a headline.
    if words <= 15 && is_teaser(lead) {
        return true;
    }
    false
}

/// Does a line (lower case) begin as a teaser for another story ("Read more: …", "Related: …")?
pub(super) fn is_teaser(lead: &str) -> bool {
    [
        "read more",
        "read also",
        "also read",
        "related:",
        "related story",
        "related article",
        "recommended:",
        "see also",
        "more:",
        "watch:",
        "listen:",
        "click here",
    ]
    .iter()
    .any(|n| lead.starts_with(n))
}

/// Does a line (lower case) pitch a newsletter, a subscription or an app, or name a notice?
pub(super) fn is_pitch(lower: &str) -> bool {
    [
        "newsletter",
        "subscribe",
        "sign up",
        "signup",
        "in your inbox",
        "follow us",
        "download our app",
        "get the app",
        "become a member",
        "all rights reserved",
        "cookie",
        "privacy policy",
        "terms of use",
        "terms of service",
    ]
    .iter()
    .any(|n| lower.contains(n))
}

/// "Reporting by Jane Roe in London; Editing by John Doe", "Additional reporting by Ann Lee":
/// the credit words, then names (capitalised words, "and", "in", places) only.
pub(super) fn is_credit_line(t: &str) -> bool {
    let t = t
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']', '.']);
    let lower = t.to_lowercase();
    let Some(prefix) = [
        "additional reporting by",
        "reporting by",
        "editing by",
        "writing by",
        "compiled by",
    ]
    .iter()
    .find(|p| lower.starts_with(*p)) else {
        return false;
    };
    t[prefix.len()..]
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    w,
                    "and"
                        | "in"
                        | "by"
                        | "with"
                        | "editing"
                        | "writing"
                        | "reporting"
                        | "additional"
                        | "of"
                        | "de"
                        | "van"
                        | "von"
                )
        })
}
