//! Published dates as pages write them, to `YYYY-MM-DD`.
//!
//! Machine dates (`2019-11-19T07:03:25+00:00`, `2019-11-19 23:46:00 UTC`, `Wed, 10 Nov 2021
//! 12:00:00 GMT`) and dates written for people in many languages ("10.11.2021", "28 Września
//! 2020, 18:00", "2021. november 10.", "2020年3月9日", "Publicado el 5 de abril de 2019") all
//! become one form; the date is the one written (a time zone never moves it to another day). A
//! date must be whole (day, month and four-digit year: a year alone is no date) and plausible
//! (from 1990 to tomorrow): a placeholder (`0001-01-01`), a phone number (`206-231-3195`) or a
//! founding date in a footer is no publication date.
//!
//! Written by hand rather than with a date-parsing crate: the crates that parse free text
//! (`dateparser`, `chrono-english`) know English only, and what matters here is refusing
//! everything that is not a whole, plausible date.

use super::{blocks_of, hint_words, key, name_of, word_count};
use dom_query::{Document, NodeRef};

/// The month a word names, in the languages news sites write most (full names, their
/// genitive forms where a language declines them, and the usual abbreviations). `lang` settles
/// the one word two languages read differently ("listopada": November in Polish, October in
/// Croatian).
fn month_number(word: &str, lang: &str) -> Option<i8> {
    let m = match word {
        // en
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        // de (and the Austrian Jänner)
        "januar" | "jänner" | "jän" => 1,
        "februar" => 2,
        "märz" | "mär" | "mrz" => 3,
        "mai" => 5,
        "juni" => 6,
        "juli" => 7,
        "oktober" | "okt" => 10,
        "dezember" | "dez" => 12,
        // fr
        "janvier" | "janv" => 1,
        "février" | "fevrier" | "févr" | "fév" => 2,
        "mars" => 3,
        "avril" | "avr" => 4,
        "juin" => 6,
        "juillet" | "juil" => 7,
        "août" | "aout" => 8,
        "septembre" => 9,
        "octobre" => 10,
        "novembre" => 11,
        "décembre" | "decembre" | "déc" => 12,
        // es, pt, it, ca
        "enero" | "ene" => 1,
        "febrero" => 2,
        "marzo" => 3,
        "abril" | "abr" => 4,
        "mayo" => 5,
        "junio" => 6,
        "julio" => 7,
        "agosto" | "ago" => 8,
        "septiembre" | "setiembre" => 9,
        "octubre" => 10,
        "noviembre" => 11,
        "diciembre" | "dic" => 12,
        "janeiro" => 1,
        "fevereiro" | "fev" => 2,
        "março" => 3,
        "maio" => 5,
        "junho" => 6,
        "julho" => 7,
        "setembro" | "set" => 9,
        "outubro" | "out" => 10,
        "novembro" => 11,
        "dezembro" => 12,
        "gennaio" | "gen" => 1,
        "febbraio" => 2,
        "aprile" => 4,
        "maggio" | "mag" => 5,
        "giugno" | "giu" => 6,
        "luglio" | "lug" => 7,
        "settembre" => 9,
        "ottobre" | "ott" => 10,
        "dicembre" => 12,
        // nl, sv, da, no
        "januari" => 1,
        "februari" => 2,
        "maart" => 3,
        "mei" => 5,
        "augustus" | "augusti" => 8,
        "maj" => 5,
        // pl (nominative and genitive)
        "styczeń" | "stycznia" => 1,
        "luty" | "lutego" => 2,
        "marzec" | "marca" => 3,
        "kwiecień" | "kwietnia" => 4,
        "maja" => 5,
        "czerwiec" | "czerwca" => 6,
        "lipiec" | "lipca" => 7,
        "sierpień" | "sierpnia" => 8,
        "wrzesień" | "września" => 9,
        "październik" | "października" => 10,
        "listopad" => 11,
        "listopada" => {
            if lang.starts_with("hr") || lang.starts_with("bs") {
                10
            } else {
                11
            }
        }
        "grudzień" | "grudnia" => 12,
        // cs
        "ledna" | "leden" => 1,
        "února" | "únor" => 2,
        "března" | "březen" => 3,
        "dubna" | "duben" => 4,
        "května" | "květen" => 5,
        "června" | "červen" => 6,
        "července" | "červenec" => 7,
        "srpna" | "srpen" => 8,
        "září" => 9,
        "října" | "říjen" => 10,
        "listopadu" => 11,
        "prosince" | "prosinec" => 12,
        // hr
        "siječnja" => 1,
        "veljače" => 2,
        "ožujka" => 3,
        "travnja" => 4,
        "svibnja" => 5,
        "lipnja" => 6,
        "srpnja" => 7,
        "kolovoza" => 8,
        "rujna" => 9,
        "studenoga" | "studenog" => 11,
        "prosinca" => 12,
        // ru, uk (genitive and nominative)
        "января" | "январь" | "янв" => 1,
        "февраля" | "февраль" | "фев" => 2,
        "марта" | "март" => 3,
        "апреля" | "апрель" | "апр" => 4,
        "мая" | "май" => 5,
        "июня" | "июнь" => 6,
        "июля" | "июль" => 7,
        "августа" | "август" | "авг" => 8,
        "сентября" | "сентябрь" | "сен" => 9,
        "октября" | "октябрь" | "окт" => 10,
        "ноября" | "ноябрь" | "ноя" => 11,
        "декабря" | "декабрь" | "дек" => 12,
        "січня" => 1,
        "лютого" => 2,
        "березня" => 3,
        "квітня" => 4,
        "травня" => 5,
        "червня" => 6,
        "липня" => 7,
        "серпня" => 8,
        "вересня" => 9,
        "жовтня" => 10,
        "листопада" => 11,
        "грудня" => 12,
        // tr
        "ocak" => 1,
        "şubat" => 2,
        "mart" => 3,
        "nisan" => 4,
        "mayıs" => 5,
        "haziran" => 6,
        "temmuz" => 7,
        "ağustos" => 8,
        "eylül" => 9,
        "ekim" => 10,
        "kasım" => 11,
        "aralık" => 12,
        // id, ms
        "maret" => 3,
        "agustus" | "ogos" => 8,
        "desember" | "disember" => 12,
        "julai" => 7,
        // ro
        "ianuarie" => 1,
        "februarie" => 2,
        "martie" => 3,
        "aprilie" => 4,
        "iunie" => 6,
        "iulie" => 7,
        "septembrie" => 9,
        "octombrie" => 10,
        "noiembrie" => 11,
        "decembrie" => 12,
        // hu
        "január" => 1,
        "február" => 2,
        "március" => 3,
        "április" => 4,
        "május" => 5,
        "június" => 6,
        "július" => 7,
        "augusztus" => 8,
        "szeptember" => 9,
        "október" => 10,
        // fi (partitive)
        "tammikuuta" => 1,
        "helmikuuta" => 2,
        "maaliskuuta" => 3,
        "huhtikuuta" => 4,
        "toukokuuta" => 5,
        "kesäkuuta" => 6,
        "heinäkuuta" => 7,
        "elokuuta" => 8,
        "syyskuuta" => 9,
        "lokakuuta" => 10,
        "marraskuuta" => 11,
        "joulukuuta" => 12,
        // el (genitive)
        "ιανουαρίου" => 1,
        "φεβρουαρίου" => 2,
        "μαρτίου" => 3,
        "απριλίου" => 4,
        "μαΐου" => 5,
        "ιουνίου" => 6,
        "ιουλίου" => 7,
        "αυγούστου" => 8,
        "σεπτεμβρίου" => 9,
        "οκτωβρίου" => 10,
        "νοεμβρίου" => 11,
        "δεκεμβρίου" => 12,
        _ => return None,
    };
    Some(m)
}

/// The earliest year taken for a publication date.
const FIRST_YEAR: i16 = 1990;

/// A whole, plausible date (from 1990 to tomorrow), as `YYYY-MM-DD`.
fn plausible(y: i64, m: i64, d: i64) -> Option<String> {
    let (y, m, d) = (
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    );
    if y < FIRST_YEAR {
        return None;
    }
    let date = jiff::civil::Date::new(y, m, d).ok()?;
    let tomorrow = jiff::Zoned::now().date().tomorrow().ok()?;
    (date <= tomorrow).then(|| date.to_string())
}

/// Is month-first the reading of an ambiguous numeric date ("03/04/2024") in this language?
/// `Some(true)` for US English, `Some(false)` for every other named language, `None` when the
/// page says no more than "en" (or nothing).
fn month_first(lang: &str) -> Option<bool> {
    let l = lang.to_ascii_lowercase().replace('_', "-");
    if l.is_empty() || l == "en" {
        None
    } else {
        Some(l == "en-us")
    }
}

/// A piece of text → its date: see the module documentation. `lang` is the page's language
/// (`<html lang>`), used only for a numeric date whose order the numbers leave open.
pub fn normalise_date(text: &str, lang: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 200 {
        return None;
    }
    let lower = text.to_lowercase();
    // Year-first dates of East Asian pages: "2020年3月9日", "2019년 11월 19일".
    let lower = if lower.contains(['年', '년']) {
        lower
            .replace(['年', '月', '년', '월'], "-")
            .replace(['日', '일'], " ")
            .replace("- ", "-")
    } else {
        lower
    };
    numeric_date(&lower, lang).or_else(|| worded_date(&lower, lang))
}

/// A date in digits: year first ("2019-11-19T07:03:25Z", "2019/11/19", "2019.11.19", "2021. 11.
/// 10."), or year last ("10.11.2021" day first; "13/04/2024", "04/13/2024"; "03/04/2024" by the
/// page's language).
fn numeric_date(lower: &str, lang: &str) -> Option<String> {
    // Runs of digits and the one separator after each, with spaces after a separator dropped
    // ("2021. 11. 10." → 2021 . 11 . 10 .).
    let chars: Vec<char> = lower.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut groups: Vec<(String, Option<char>)> = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let digits: String = chars[start..j].iter().collect();
            let sep = chars
                .get(j)
                .copied()
                .filter(|c| matches!(c, '-' | '/' | '.'));
            groups.push((digits, sep));
            let Some(_) = sep else { break };
            let mut k = j + 1;
            while k < chars.len() && chars[k] == ' ' && sep == Some('.') {
                k += 1;
            }
            if groups.len() == 3 || !chars.get(k).is_some_and(char::is_ascii_digit) {
                break;
            }
            j = k;
        }
        let next = j.max(i + 1);
        // Exactly three groups, the same separator between them, and no fourth group after
        // (an IP address, a longer number).
        if groups.len() == 3 {
            let (a, b, c) = (&groups[0], &groups[1], &groups[2]);
            let same_sep = a.1 == b.1;
            let more = c.1.is_some() && chars.get(j + 1).is_some_and(char::is_ascii_digit);
            if same_sep && !more {
                let n = |s: &str| s.parse::<i64>().ok();
                let (x, y, z) = (n(&a.0)?, n(&b.0)?, n(&c.0)?);
                let short = |s: &str| (1..=2).contains(&s.len());
                if a.0.len() == 4 && short(&b.0) && short(&c.0) {
                    return plausible(x, y, z);
                }
                if c.0.len() == 4 && short(&a.0) && short(&b.0) {
                    let found = if a.1 == Some('.') {
                        plausible(z, y, x)
                    } else {
                        match (x > 12, y > 12) {
                            (true, false) => plausible(z, y, x),
                            (false, true) => plausible(z, x, y),
                            (false, false) if x == y => plausible(z, x, y),
                            (false, false) => match month_first(lang) {
                                Some(true) => plausible(z, x, y),
                                Some(false) => plausible(z, y, x),
                                None => None,
                            },
                            (true, true) => None,
                        }
                    };
                    if found.is_some() {
                        return found;
                    }
                }
            }
        }
        i = next;
    }
    None
}

/// A date with its month in words: the day beside the month ("3 March", "March 3rd", "3 de
/// março", "10. März"), the four-digit year near it, before (Hungarian "2021. november 10.")
/// or after.
fn worded_date(lower: &str, lang: &str) -> Option<String> {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let day_of = |w: &str| -> Option<i64> {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic() || c == 'º');
        let suffix = &w[digits.len()..];
        if digits.is_empty()
            || digits.len() > 2
            || !digits.chars().all(|c| c.is_ascii_digit())
            || !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "º" | "e")
        {
            return None;
        }
        digits.parse().ok().filter(|d| (1..=31).contains(d))
    };
    let year_of = |w: &&str| -> Option<i64> {
        (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    };
    for (mi, w) in words.iter().enumerate() {
        let Some(month) = month_number(w, lang) else {
            continue;
        };
        let linker = |w: &&str| matches!(*w, "de" | "of" | "del");
        let after = words.get(mi + 1).and_then(|w| day_of(w));
        let before = mi
            .checked_sub(1)
            .and_then(|i| words.get(i))
            .and_then(|w| day_of(w))
            .or_else(|| {
                mi.checked_sub(2)
                    .filter(|&i| words.get(i + 1).is_some_and(linker))
                    .and_then(|i| words.get(i))
                    .and_then(|w| day_of(w))
            });
        // The year: within three words after the month, else just before the month (year
        // first) or the day before it.
        let year_after = words[mi + 1..].iter().take(3).find_map(year_of);
        let year_before = mi
            .checked_sub(1)
            .and_then(|i| words.get(i))
            .and_then(year_of);
        let found = match (before, after, year_after, year_before) {
            (Some(d), _, Some(y), _) => plausible(y, i64::from(month), d),
            (None, Some(d), _, Some(y)) => plausible(y, i64::from(month), d),
            (None, Some(d), Some(y), _) => plausible(y, i64::from(month), d),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// A date in a page address: `/2019/11/19/`, `/2019-11-19/`, `/2019/nov/19/`.
pub fn date_in_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let parts: Vec<&str> = path.split(['/', '-', '_']).collect();
    for w in parts.windows(3) {
        let (y, m, d) = (w[0], w[1].to_lowercase(), w[2]);
        if y.len() != 4 || !y.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let month = if (1..=2).contains(&m.len()) && m.chars().all(|c| c.is_ascii_digit()) {
            m.parse::<i64>().ok()
        } else {
            month_number(&m, "en").map(i64::from)
        };
        let day = (1..=2)
            .contains(&d.len())
            .then(|| d.parse::<i64>().ok())
            .flatten();
        if let (Ok(y), Some(m), Some(d)) = (y.parse::<i64>(), month, day)
            && let Some(date) = plausible(y, m, d)
        {
            return Some(date);
        }
    }
    None
}

/// Is this element in the page's side matter (navigation, footer, asides, comments, forms,
/// lists of other stories), where dates are not the article's?
fn in_side_matter(node: &NodeRef) -> bool {
    std::iter::once(*node)
        .chain(node.ancestors_it(None))
        .filter(|n| n.is_element())
        .any(|n| {
            matches!(name_of(&n).as_str(), "nav" | "footer" | "aside" | "form")
                || hint_words(&n).iter().any(|w| {
                    (w.starts_with("comment") && !w.starts_with("commentar"))
                        || [
                            "related",
                            "sidebar",
                            "widget",
                            "recommend",
                            "popular",
                            "trending",
                            "promo",
                            "teaser",
                            "footer",
                            "respond",
                            "reply",
                            "disqus",
                        ]
                        .iter()
                        .any(|s| w.starts_with(s))
                })
        })
}

/// The date an element states: its `datetime`, `content` or `title` attribute, else its text.
fn date_of_element(node: &NodeRef, lang: &str) -> Option<String> {
    ["datetime", "content", "title"]
        .iter()
        .filter_map(|a| node.attr(a).map(|v| v.to_string()))
        .chain(std::iter::once(node.text().to_string()))
        .find_map(|v| normalise_date(&v, lang))
}

/// The published date marked up in the page's body: an element with `itemprop=datePublished`,
/// else a `<time>` marked as the publication's (`pubdate`, a class or itemprop naming it), else
/// the first `<time>` that is not an update's — outside comments, navigation and lists of
/// other stories.
pub fn date_in_dom(doc: &Document, lang: &str) -> Option<String> {
    let marked = doc.select("[itemprop=datePublished], [itemprop=dateCreated]");
    for n in marked.nodes() {
        if name_of(n) != "meta"
            && !in_side_matter(n)
            && let Some(d) = date_of_element(n, lang)
        {
            return Some(d);
        }
    }
    let times: Vec<NodeRef> = doc
        .select("time")
        .nodes()
        .iter()
        .filter(|n| !in_side_matter(n))
        .copied()
        .collect();
    let says = |n: &NodeRef, stems: &[&str]| {
        hint_words(n)
            .iter()
            .any(|w| stems.iter().any(|s| w.starts_with(s)))
    };
    let publication = |n: &NodeRef| {
        n.has_attr("pubdate") || says(n, &["publish", "pubdate", "posted", "created", "entry"])
    };
    let update = |n: &NodeRef| says(n, &["update", "modif", "edit"]);
    times
        .iter()
        .filter(|n| publication(n))
        .chain(times.iter().filter(|n| !publication(n) && !update(n)))
        .find_map(|n| date_of_element(n, lang))
}

/// A date written near the headline: the first short paragraph (30 words at most) that holds
/// a whole date, among the 40 after the headline and then the 10 before it, with navigation,
/// footers, asides, comments and scripts taken out first.
pub fn visible_date(html: &str, title: &str, lang: &str) -> Option<String> {
    let doc = Document::from(html);
    doc.select(
        "script, style, noscript, template, nav, footer, aside, form, [role=navigation], \
         [role=contentinfo], [role=complementary]",
    )
    .remove();
    let side: Vec<NodeRef> = doc
        .select("body [class], body [id]")
        .nodes()
        .iter()
        .filter(|n| in_side_matter(n))
        .copied()
        .collect();
    for n in side {
        n.remove_from_parent();
    }
    let body = doc.select("body").nodes().first().copied()?;
    let blocks = blocks_of(&body);
    let tk = key(title);
    let start = blocks
        .iter()
        .position(|b| !tk.is_empty() && key(&b.text) == tk)
        .unwrap_or(0);
    (start..blocks.len())
        .take(40)
        .chain((0..start).rev().take(10))
        .filter_map(|i| blocks.get(i))
        .filter(|b| word_count(&b.text) <= 30)
        .find_map(|b| normalise_date(&b.text, lang))
}
