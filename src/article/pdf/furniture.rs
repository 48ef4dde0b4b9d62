//! Running headers and footers, page and line numbers: the lines a page repeats or numbers.

use super::*;

/// Is this line only a page or line number ("7", "- 7 -", "Page 7", "Page 7 of 9", "7/9")?
pub(super) fn is_page_number(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t.to_lowercase();
    let t = t
        .strip_prefix("page")
        .or_else(|| t.strip_prefix("p."))
        .unwrap_or(&t)
        .trim();
    let mut parts = t
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty());
    let Some(first) = parts.next() else {
        return false;
    };
    let num = |p: &str| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit());
    if !num(first) {
        return false;
    }
    match (parts.next(), parts.next(), parts.next()) {
        (None, ..) => true,
        (Some("of"), Some(n), None) => num(n),
        (Some(n), None, None) => num(n) && t.contains('/'),
        _ => false,
    }
}

/// Month and weekday names (en, fr, de, es, pt, it; full and short), ignored when running
/// headers are compared: a footer's date changes from page to page.
pub(super) const DATE_WORDS: &[&str] = &[
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
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
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
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
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

/// A line's text with digits, month and day names left out, to match running headers and
/// footers like "Report 2023 — page 4" or "VerDate Sep<11>2014 16:49 Mar 28, 2024 Jkt 250001".
pub(super) fn shape(line: &str) -> String {
    let lower = line.to_lowercase();
    let mut out = String::new();
    for word in lower.split_whitespace() {
        let bare: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        if DATE_WORDS.contains(&bare.as_str()) {
            continue;
        }
        let kept: String = word.chars().filter(|c| !c.is_ascii_digit()).collect();
        if !kept.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&kept);
        }
    }
    out
}

/// Is line `i` of `page` where running headers and footers go: among the first or last three
/// lines, or in the top or bottom tenth of the page?
pub(super) fn in_margin_band(page: &Page, i: usize) -> bool {
    const EDGE: usize = 3;
    let n = page.lines.len();
    let y = page.lines[i].y;
    let h = page.height;
    i < EDGE || i + EDGE >= n || (h > 0.0 && (y < 0.1 * h || y > 0.9 * h))
}

/// Drop running headers/footers (recurring in the page's top or bottom band, at the same
/// height, numbers and dates ignored) and page-number lines. Returns the running lines' words.
pub(super) fn drop_furniture(pages: &mut [Page]) -> Vec<String> {
    let mut running_lines: Vec<String> = Vec::new();
    // Where each shape stands in a band: (page, y).
    let mut places: std::collections::HashMap<String, Vec<(usize, f64)>> = Default::default();
    for (n, page) in pages.iter().enumerate() {
        for (i, l) in page.lines.iter().enumerate() {
            let s = shape(&l.text);
            if in_margin_band(page, i) && !s.is_empty() {
                places.entry(s).or_default().push((n, l.y));
            }
        }
    }
    let need = 2.max(pages.len().div_ceil(5));
    for page in pages.iter_mut() {
        // Within 1% of the page's height: running heads sit at one height on every page.
        let tolerance = (0.01 * page.height).max(3.0);
        let keep: Vec<bool> = (0..page.lines.len())
            .map(|i| {
                let l = &page.lines[i];
                let running = in_margin_band(page, i)
                    && places.get(&shape(&l.text)).is_some_and(|at| {
                        let mut on: Vec<usize> = at
                            .iter()
                            .filter(|(_, y)| (y - l.y).abs() <= tolerance)
                            .map(|(n, _)| *n)
                            .collect();
                        on.dedup();
                        on.len() >= need
                    });
                !running && !is_page_number(&l.text)
            })
            .collect();
        for (l, kept) in page.lines.iter().zip(&keep) {
            let k = words_key(&l.text);
            if !kept && !k.is_empty() && !running_lines.contains(&k) {
                running_lines.push(k);
            }
        }
        let mut k = keep.into_iter();
        page.lines.retain(|_| k.next().unwrap_or(true));
    }
    running_lines
}
