//! PDF (text layer): the page text, lines re-joined into paragraphs.
//!
//! The glyphs come from `pdf-extract` (over `lopdf`), through our own [`OutputDev`] that keeps
//! each glyph's position, size and orientation; the layout work is ours, because pdf-extract's
//! plain-text output loses what is needed to tell a line wrap from a paragraph break:
//!
//! 1. glyphs: a glyph drawn twice at one place counts once; text drawn sideways or upside down (margin notes, stamps) is dropped, unless most
//!    of the page is drawn that way; a spacing accent (ˆ ¨ ´ ` ˜ ¸ ˇ …) drawn over or before a
//!    letter becomes that letter's combining mark, a dotless ı/ȷ under a mark becomes i/j
//!    ("Age"+"ˆ"+"ncia" → "Agência", "F"+"´"+"ı"+"sica" → "Física");
//! 2. glyphs → lines (same baseline, in content order; a gap wider than a tenth of the font
//!    size is a space); a soft hyphen U+00AD inside a line is drawn, so it is a "-";
//! 3. running headers and footers are dropped: a line in the top or bottom tenth of a page, or
//!    among its first or last three lines, whose text (digits, month and day names ignored)
//!    recurs there, at the same height, on at least two pages and on a fifth of them; lines that are only a page or line
//!    number ("12", "- 12 -", "Page 3 of 9") are dropped anywhere;
//! 4. lines → column boxes: consecutive lines that overlap horizontally, in one font size,
//!    without a jump back up or a large gap;
//! 5. boxes → paragraphs, inside each box (its own left edge and width): a new paragraph starts
//!    where the gap to the previous line is clearly larger than the usual line spacing, where
//!    the font size changes, at a first-line indent, after a short line that ends a sentence,
//!    or after a line that stops before 60% of the box's width (lists of names, addresses);
//! 6. footnotes and captions (text smaller than the body's, or starting "Figure 2." / "Table
//!    1:") are set aside and placed after the paragraph they interrupt, so a sentence goes on
//!    across them, across columns and across pages: a paragraph that ends a box without closing
//!    punctuation continues with the next box's first paragraph when that is not indented and
//!    in the same size;
//! 7. line-end hyphens are undone when the next line goes on in lower case ("recog-/nised" →
//!    "recognised"); a hyphen is kept when the next line starts with a capital or a digit
//!    ("Franco-/German", "2023-/0379"), when the word already has a hyphen ("state-of-the-/art"),
//!    and after the prefixes self, ex, all, half, quasi, well ("self-/employed"); a soft hyphen
//!    at a line end always goes; a URL cut at a line end is joined without a space;
//! 8. ligatures (ﬁ, ﬂ …) are spelled out and the text is NFC-normalised;
//! 9. the title: the document information's, else the largest text on the first page when it
//!    is larger than the body text (text the running header repeats, such as a section's name,
//!    passed over), else the first line.
//!
//! pdf-extract unwraps in places, so malformed files can make it panic: the extraction runs
//! inside `catch_unwind` (with the panic message kept off stderr) and a panic becomes an
//! ordinary "cannot read this PDF" error. pdf-extract writes nothing to stdout (its debug
//! macro is compiled out) and logs through `log`, which Claimtrace does not install.

use super::{ArticleError, Extracted};
use crate::text::normalize;
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::path::Path;

/// One glyph: its baseline position (y grows downwards), right edge and font size.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
    /// Drawn left to right on a horizontal baseline (not rotated, not mirrored).
    upright: bool,
}

/// A line of text on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub text: String,
    /// Baseline, growing downwards from the top of the page.
    pub y: f64,
    pub left: f64,
    pub right: f64,
    pub size: f64,
}

/// A page's lines, in content order, and the page's height.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page {
    pub lines: Vec<Line>,
    pub height: f64,
}

/// A page's glyphs, in content order, and its height.
type PageGlyphs = (Vec<Glyph>, f64);

#[derive(Default)]
struct Collector {
    pages: Vec<PageGlyphs>,
    /// The current page's height, to turn PDF's upward y into a downward one.
    height: f64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.pages.push((Vec::new(), self.height.abs()));
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        // The font size as transformed (the side of a square of the same area), as
        // pdf-extract's own text output computes it.
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31, self.height - trm.m32);
        // Where the next glyph of the same string starts: the width at the font size plus the
        // character spacing, along the text's x axis on the page (`trm` holds the horizontal
        // scaling, the text matrix and the CTM). The transformed font size is no measure of
        // that when the text matrix scales x and y differently or Tz is not 100%.
        let advance = (width * font_size + spacing) * trm.m11.hypot(trm.m12);
        // Upright: the text matrix scales x and y positively and hardly shears or rotates.
        let upright = trm.m11 > 0.0
            && trm.m22 > 0.0
            && trm.m12.abs() <= 0.1 * trm.m11
            && trm.m21.abs() <= 0.1 * trm.m22;
        if let Some((page, _)) = self.pages.last_mut()
            && x.is_finite()
            && y.is_finite()
        {
            page.push(Glyph {
                x,
                y,
                end: x + advance,
                size,
                text: ch.to_string(),
                upright,
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Why a PDF gave no glyphs.
enum Failure {
    Encrypted,
    Broken(String),
}

/// The glyphs of every page with the page's height, in page order, and the document
/// information (title, author, creation date).
fn glyphs(bytes: &[u8]) -> Result<(Vec<PageGlyphs>, Info), Failure> {
    let mut doc = match pdf_extract::Document::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => {
            let msg = e.to_string();
            let low = msg.to_lowercase();
            if low.contains("decrypt") || low.contains("password") || low.contains("encrypt") {
                return Err(Failure::Encrypted);
            }
            return Err(Failure::Broken(msg));
        }
    };
    // Many "protected" PDFs have an empty user password: those open.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Failure::Encrypted);
    }
    fonts::repair(&mut doc);
    let info = Info::of(&doc);
    let mut c = Collector::default();
    pdf_extract::output_doc(&doc, &mut c).map_err(|e| Failure::Broken(e.to_string()))?;
    Ok((c.pages, info))
}

#[derive(Debug, Default)]
struct Info {
    title: Option<String>,
    author: Option<String>,
    created: Option<String>,
}

impl Info {
    fn of(doc: &pdf_extract::Document) -> Info {
        let Some(dict) = doc.trailer.get(b"Info").ok().and_then(|o| match o {
            pdf_extract::Object::Reference(id) => doc.get_dictionary(*id).ok(),
            pdf_extract::Object::Dictionary(d) => Some(d),
            _ => None,
        }) else {
            return Info::default();
        };
        let text = |key: &[u8]| -> Option<String> {
            let o = dict.get(key).ok()?;
            let s = pdf_extract::decode_text_string(o).ok()?;
            let s = normalize(s.trim());
            (!s.is_empty()).then_some(s)
        };
        Info {
            title: text(b"Title").filter(|t| !junk_title(t)),
            author: text(b"Author"),
            created: text(b"CreationDate").and_then(|d| pdf_date(&d)),
        }
    }
}

/// PDF titles are often left over from the tool that made the file or from a typesetting
/// system: "10811.exe", "Microsoft Word - draft3.docx", "untitled", "office-2007", "Document1",
/// "88300 162..177" (a job number and a page range), "C:\\jobs\\a.indd". Those are not the
/// article's title: a title has a word of letters, and is not a file name, a path, one token
/// with digits or underscores in it, or a program's placeholder.
fn junk_title(t: &str) -> bool {
    let low = t.trim().to_lowercase();
    let one_token = !low.contains(char::is_whitespace);
    let file_like = one_token
        && low.rsplit_once('.').is_some_and(|(_, ext)| {
            (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric())
        });
    let path_like = low.contains('\\') || (one_token && low.contains('/'));
    let code_like = one_token && low.contains(|c: char| c.is_ascii_digit() || c == '_');
    // A word of at least two letters.
    let wordless = !low
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 2);
    const PLACEHOLDERS: &[&str] = &[
        "untitled",
        "document",
        "presentation",
        "powerpoint presentation",
        "no title",
        "title",
        "unknown",
        "slide 1",
        "layout 1",
    ];
    let program_prefix = [
        "microsoft word - ",
        "microsoft powerpoint - ",
        "microsoft excel - ",
    ]
    .iter()
    .any(|p| low.starts_with(p));
    file_like
        || path_like
        || code_like
        || wordless
        || program_prefix
        || PLACEHOLDERS.contains(&low.as_str())
        || low.starts_with("untitled")
        || [
            ".doc", ".docx", ".pdf", ".indd", ".qxd", ".tex", ".rtf", ".odt", ".ppt", ".pptx",
        ]
        .iter()
        .any(|e| low.ends_with(e))
}

/// Does the document information's title belong to this text: at least half of its words of
/// three letters or more are among the words of the text's beginning? (A title left over from
/// the template or an earlier document shares none.)
fn title_in_text(title: &str, text: &str) -> bool {
    let head: String = text.chars().take(6000).collect();
    let have: std::collections::HashSet<String> =
        words_key(&head).split(' ').map(str::to_string).collect();
    let key = words_key(title);
    let wanted: Vec<&str> = key
        .split(' ')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .collect();
    !wanted.is_empty() && 2 * wanted.iter().filter(|w| have.contains(**w)).count() >= wanted.len()
}

/// The text's first paragraph that reads like a heading: up to 20 words, with a word of letters,
/// not ending like a sentence goes on (",", ";") and not only a date or a number; else the
/// text's first line.
fn heading_line(text: &str) -> String {
    let heading = text.split("\n\n").map(str::trim).find(|p| {
        let words: Vec<&str> = p.split_whitespace().collect();
        let lettered = words
            .iter()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .filter(|w| {
                let bare: String = w.chars().filter(|c| c.is_alphabetic()).collect();
                !DATE_WORDS.contains(&bare.to_lowercase().as_str())
            })
            .count();
        !words.is_empty()
            && words.len() <= 20
            && lettered >= 1
            && !p.ends_with([',', ';'])
            && !is_page_number(p)
    });
    super::first_line(heading.unwrap_or(text))
}

/// "D:20230620141500-04'00'" → "2023-06-20".
fn pdf_date(d: &str) -> Option<String> {
    let d = d.strip_prefix("D:").unwrap_or(d);
    let digits: String = d.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return None;
    }
    let (y, m, day) = (&digits[0..4], &digits[4..6], &digits[6..8]);
    Some(format!("{y}-{m}-{day}"))
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, turning a panic into an `Err` without the panic message on stderr (a malformed PDF
/// is reported as such, not as a crash). The panic hook is wrapped once; it stays silent only on
/// a thread that is inside `quietly`, so panics elsewhere are reported as before.
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> std::thread::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(f);
    QUIET.with(|q| q.set(false));
    result
}

/// The pages of a PDF as lines (rotated text dropped, accents attached), and its information.
fn read_pages(bytes: &[u8]) -> Result<(Vec<Page>, Info), Failure> {
    let (pages, info) = glyphs(bytes)?;
    let pages = pages
        .into_iter()
        .map(|(g, height)| Page {
            lines: lines(&attach_accents(upright_only(dedupe(g)))),
            height,
        })
        .collect();
    Ok((pages, info))
}

/// Read a PDF's text layer.
pub fn extract(path: &Path, bytes: &[u8]) -> Result<Extracted, ArticleError> {
    let result = quietly(|| read_pages(bytes));
    let (pages, info) = match result {
        Ok(Ok(x)) => x,
        Ok(Err(Failure::Encrypted)) => {
            return Err(ArticleError::PdfEncrypted {
                path: path.to_path_buf(),
            });
        }
        Ok(Err(Failure::Broken(why))) => {
            return Err(ArticleError::PdfBroken {
                path: path.to_path_buf(),
                why,
            });
        }
        Err(_) => {
            return Err(ArticleError::PdfBroken {
                path: path.to_path_buf(),
                why: "the PDF reader failed on its contents".into(),
            });
        }
    };
    let (text, largest) = layout(pages);
    if text.trim().is_empty() {
        return Err(ArticleError::PdfNoText {
            path: path.to_path_buf(),
        });
    }
    // The document information's title when it reads like this document's title; else the
    // largest text of the first page; else its first line that reads like a heading.
    let title = info
        .title
        .clone()
        .filter(|t| title_in_text(t, &text))
        .or(largest)
        .unwrap_or_else(|| heading_line(&text));
    Ok(Extracted {
        title,
        text,
        byline: info.author,
        published: info.created,
        extractor: "pdf".into(),
        ..Default::default()
    })
}

/// Drop a glyph drawn a second time over itself (within a point: fake bold, or a text object
/// repeated by the layout program), which would double the text.
fn dedupe(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let mut seen: std::collections::HashSet<(String, i64, i64)> = Default::default();
    glyphs
        .into_iter()
        .filter(|g| {
            if g.text.trim().is_empty() {
                return true;
            }
            let (x, y) = (g.x.round() as i64, g.y.round() as i64);
            let near = (-1..=1)
                .any(|dx| (-1..=1).any(|dy| seen.contains(&(g.text.clone(), x + dx, y + dy))));
            seen.insert((g.text.clone(), x, y));
            !near
        })
        .collect()
}

/// Drop glyphs drawn sideways or upside down (margin notes, stamps, rotated table heads), unless
/// most of the page is drawn that way (a page set in landscape through its text matrix).
fn upright_only(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let upright = glyphs.iter().filter(|g| g.upright).count();
    if upright * 2 < glyphs.len() {
        return glyphs;
    }
    glyphs.into_iter().filter(|g| g.upright).collect()
}

/// The combining mark of a spacing accent, as fonts draw them on their own: "ˆ" → U+0302.
/// "‚" (a low quotation mark) is how some fonts name their cedilla; it only counts when drawn
/// over a letter, as every accent here.
fn combining_of(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    Some(match c {
        'ˆ' | '^' => '\u{302}',
        '¨' => '\u{308}',
        '´' | 'ˊ' => '\u{301}',
        '`' | 'ˋ' => '\u{300}',
        '˜' | '~' => '\u{303}',
        '˚' => '\u{30a}',
        '¸' | '‚' => '\u{327}',
        'ˇ' => '\u{30c}',
        '˘' => '\u{306}',
        '˙' => '\u{307}',
        '˝' => '\u{30b}',
        '˛' => '\u{328}',
        '¯' | 'ˉ' => '\u{304}',
        _ => return None,
    })
}

/// Attach spacing accents to the letter they are drawn over (found among the nearby glyphs in
/// content order: fonts draw the accent just before or just after its letter). The letter gets
/// the combining mark after it; a dotless ı or ȷ under a mark becomes i or j. NFC comes later.
fn attach_accents(mut glyphs: Vec<Glyph>) -> Vec<Glyph> {
    const NEAR: usize = 4;
    let mut gone = vec![false; glyphs.len()];
    for i in 0..glyphs.len() {
        let Some(mark) = combining_of(&glyphs[i].text) else {
            continue;
        };
        let a = &glyphs[i];
        let size = a.size.max(1.0);
        let centre = (a.x + a.end) / 2.0;
        let lo = i.saturating_sub(NEAR);
        let hi = (i + NEAR + 1).min(glyphs.len());
        let best = (lo..hi)
            .filter(|&j| j != i && !gone[j])
            .filter(|&j| {
                let l = &glyphs[j];
                let letter = l.text.chars().count() == 1
                    && l.text.chars().all(char::is_alphabetic)
                    && combining_of(&l.text).is_none();
                let slack = 0.05 * size;
                letter
                    && (l.y - a.y).abs() <= 0.8 * size
                    && centre >= l.x - slack
                    && centre <= l.end + slack
                    && l.end > l.x
            })
            .min_by(|&p, &q| {
                let d = |j: usize| ((glyphs[j].x + glyphs[j].end) / 2.0 - centre).abs();
                d(p).total_cmp(&d(q))
            });
        if let Some(j) = best {
            let letter = match glyphs[j].text.as_str() {
                "ı" => "i".to_string(),
                "ȷ" => "j".to_string(),
                other => other.to_string(),
            };
            glyphs[j].text = format!("{letter}{mark}");
            gone[i] = true;
        }
    }
    glyphs
        .into_iter()
        .zip(gone)
        .filter(|(_, g)| !g)
        .map(|(g, _)| g)
        .collect()
}

/// Group a page's glyphs into lines, in content order.
fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut last_end = f64::NEG_INFINITY;
    for g in glyphs {
        let size = if g.size > 0.0 { g.size } else { 10.0 };
        let same_line = out
            .last()
            .is_some_and(|l| (g.y - l.y).abs() <= 0.5 * size.max(l.size));
        if !same_line {
            out.push(Line {
                text: String::new(),
                y: g.y,
                left: g.x,
                right: g.end,
                size,
            });
            last_end = f64::NEG_INFINITY;
        }
        let Some(line) = out.last_mut() else { continue };
        let gap = g.x - last_end;
        if last_end.is_finite()
            && (gap > 0.1 * size || gap < -size)
            && !line.text.ends_with(' ')
            && !g.text.starts_with(' ')
        {
            line.text.push(' ');
        }
        line.text.push_str(&g.text);
        line.left = line.left.min(g.x);
        line.right = line.right.max(g.end);
        line.size = line.size.max(size);
        last_end = g.end;
    }
    for l in &mut out {
        let text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
        // A soft hyphen inside a line was drawn as a hyphen; at the end it marks a word cut.
        let n = text.chars().count();
        l.text = text
            .chars()
            .enumerate()
            .map(|(i, c)| if c == '\u{ad}' && i + 1 < n { '-' } else { c })
            .collect();
    }
    out.retain(|l| !l.text.is_empty());
    out
}

/// Is this line only a page or line number ("7", "- 7 -", "Page 7", "Page 7 of 9", "7/9")?
fn is_page_number(line: &str) -> bool {
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
const DATE_WORDS: &[&str] = &[
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
fn shape(line: &str) -> String {
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
fn in_margin_band(page: &Page, i: usize) -> bool {
    const EDGE: usize = 3;
    let n = page.lines.len();
    let y = page.lines[i].y;
    let h = page.height;
    i < EDGE || i + EDGE >= n || (h > 0.0 && (y < 0.1 * h || y > 0.9 * h))
}

/// Drop running headers/footers (recurring in the page's top or bottom band, at the same
/// height, numbers and dates ignored) and page-number lines. Returns the running lines' words.
pub(crate) fn drop_furniture(pages: &mut [Page]) -> Vec<String> {
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

/// The value below which a fraction `q` of `v` lies.
fn quantile(mut v: Vec<f64>, q: f64) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let i = ((v.len() - 1) as f64 * q).round() as usize;
    v.get(i).copied()
}

fn median(v: Vec<f64>) -> Option<f64> {
    quantile(v, 0.5)
}

/// The usual distance between two lines of a paragraph, over the whole document: a low
/// quantile of the gaps between consecutive lines (the median would be a paragraph gap in
/// documents of short paragraphs). Gaps smaller than half a line (superscripts, jitter) are
/// left out.
fn line_spacing(pages: &[Page]) -> Option<f64> {
    let gaps: Vec<f64> = pages
        .iter()
        .flat_map(|p| p.lines.windows(2).map(|w| (w[1].y - w[0].y, w[1].size)))
        .filter(|&(g, size)| g > 0.5 * size)
        .map(|(g, _)| g)
        .collect();
    quantile(gaps, 0.25)
}

/// The body text's font size: the size most of the document's characters are set in.
fn body_size(pages: &[Page]) -> Option<f64> {
    let mut by_size: std::collections::HashMap<i64, usize> = Default::default();
    for l in pages.iter().flat_map(|p| &p.lines) {
        *by_size.entry((l.size * 2.0).round() as i64).or_default() += l.text.chars().count();
    }
    by_size
        .into_iter()
        .max_by_key(|&(size, n)| (n, -size))
        .map(|(s, _)| s as f64 / 2.0)
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '»', ')'])
}

/// Does a line begin with a list item's marker: a bullet or dash of its own ("•", "–", "¢" from
/// a symbol font), or a number, a letter or a roman numeral followed by "." or ")" ("1.", "b)",
/// "iv.")? Quotation marks, brackets and signs of arithmetic of their own are not markers.
fn starts_item(text: &str) -> bool {
    let Some(first) = text.split_whitespace().next() else {
        return false;
    };
    let mut chars = first.chars();
    let (Some(c), rest) = (chars.next(), chars.as_str()) else {
        return false;
    };
    if rest.is_empty() {
        return !c.is_alphanumeric() && !"«»\"“”„‘’'([{<>=+±×÷/≤≥~%&$€£#@".contains(c);
    }
    let Some(body) = first.strip_suffix(['.', ')']) else {
        return false;
    };
    let roman = body.chars().all(|c| "ivxlcdmIVXLCDM".contains(c)) && body.len() <= 5;
    let number = body.chars().all(|c| c.is_ascii_digit()) && body.len() <= 3;
    let letter = body.chars().count() == 1 && body.chars().all(char::is_alphabetic);
    !body.is_empty() && (roman || number || letter)
}

fn same_size(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.15 * a.max(b)
}

/// Split a page's lines into column boxes: runs of consecutive lines, in one font size, each
/// below the last by at most a few line heights and overlapping it horizontally. The next
/// column (the text moves up), a line beside the box, a size change or a wide gap start a new
/// box.
pub(crate) fn boxes(lines: &[Line], usual: Option<f64>) -> Vec<&[Line]> {
    let mut out = Vec::new();
    let mut start = 0;
    let (mut left, mut right) = (f64::MAX, f64::MIN);
    for (i, l) in lines.iter().enumerate() {
        if i > start {
            let prev = &lines[i - 1];
            let gap = l.y - prev.y;
            let limit = usual.map_or(2.5 * l.size, |u| (2.5 * u).max(1.5 * l.size));
            let overlap = l.right.min(right) - l.left.max(left);
            let joins = gap > 0.3 * l.size.min(prev.size)
                && gap <= limit
                && same_size(l.size, prev.size)
                && overlap > 0.3 * (l.right - l.left).min(right - left);
            if !joins {
                out.push(&lines[start..i]);
                start = i;
                (left, right) = (f64::MAX, f64::MIN);
            }
        }
        left = left.min(l.left);
        right = right.max(l.right);
    }
    if start < lines.len() {
        out.push(&lines[start..]);
    }
    out
}

/// A paragraph in the making.
#[derive(Debug, Clone, Default)]
struct Para {
    lines: Vec<String>,
    size: f64,
    /// Its first line is indented in its box: it cannot continue a paragraph of a box before.
    indented: bool,
}

/// A box's left margin: the leftmost edge at which a fifth of its lines (two at least) start,
/// within half a line's size. Not the median edge: in a box of short paragraphs with first-line
/// indents and block quotes, fewer than half of the lines start at the margin, and the median
/// would make the indented lines look flush (and the flush ones outdented). Without such an
/// edge (centred lines), the median.
fn left_margin(lines: &[Line]) -> f64 {
    let tolerance = 0.5 * median(lines.iter().map(|l| l.size).collect()).unwrap_or(0.0);
    let need = (lines.len() / 5).max(2);
    let mut lefts: Vec<f64> = lines.iter().map(|l| l.left).collect();
    lefts.sort_by(f64::total_cmp);
    lefts
        .iter()
        .enumerate()
        .find(|&(i, &x)| {
            lefts[i..]
                .iter()
                .take_while(|&&y| y - x <= tolerance)
                .count()
                >= need
        })
        .map(|(_, &x)| x)
        .or_else(|| median(lefts))
        .unwrap_or(0.0)
}

/// Split a column box into paragraphs (each a list of lines).
///
/// `column`: the lines of the page in the box's column (the same size, starting within the box's
/// span), whose right edge is the measure of a full line: a box of a few short lines (a list of
/// names) is judged against its column's width, not its own.
fn box_paragraphs(lines: &[Line], column: &[&Line], usual: Option<f64>) -> Vec<Para> {
    let left = left_margin(lines);
    // The right edge of a full line: a high quantile, so that one line running into the margin
    // (a long URL) does not make every other line look short.
    let rights: Vec<f64> = column.iter().map(|l| l.right).collect();
    let right = if rights.len() >= 4 {
        quantile(rights, 0.9).unwrap_or(f64::MIN)
    } else {
        rights.into_iter().fold(f64::MIN, f64::max)
    };
    let width = (right - left).max(1.0);
    let blocks = indented_blocks(lines, left);
    let mut out: Vec<Para> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let indent = l.left - left;
        let is_indented = lines.len() > 1 && indent > 0.7 * l.size && indent < 8.0 * l.size;
        let block = blocks[i];
        let prev_block = i.checked_sub(1).and_then(|p| blocks[p]);
        let new = match i.checked_sub(1).map(|p| &lines[p]) {
            None => true,
            // Inside an indented block (a block quote, the hanging lines of a list item) the
            // block's own edges are the measure: its lines are not each a first-line indent.
            Some(prev) if block.is_some() && block == prev_block => {
                let (b_left, b_right) = block.map_or((left, right), |b| b.edges);
                let b_width = (b_right - b_left).max(1.0);
                let gap = l.y - prev.y;
                let wide_gap =
                    usual.is_some_and(|u| gap > 1.4 * u.max(1.2 * l.size.min(prev.size)) + 0.5);
                let short_end = ends_sentence(&prev.text) && prev.right < b_right - 0.15 * b_width;
                let broken_off = prev.right < b_left + 0.6 * b_width
                    && !prev.text.trim_end().ends_with(['-', '‐', '\u{ad}']);
                // A list set as an indented block: each marker starts an item.
                let item = starts_item(&l.text);
                wide_gap || !same_size(l.size, prev.size) || short_end || broken_off || item
            }
            // The line after an indented block starts a paragraph, unless it hangs deeper
            // under the block's last line (the rest of a list item).
            Some(_) if prev_block.is_some_and(|b| l.left < b.edges.0 + 0.5 * l.size) => true,
            Some(prev) => {
                let gap = l.y - prev.y;
                // The usual spacing, or that of the lines' own size when larger (a title).
                let wide_gap =
                    usual.is_some_and(|u| gap > 1.4 * u.max(1.2 * l.size.min(prev.size)) + 0.5);
                let up = gap < -0.5 * l.size;
                let size_change = !same_size(l.size, prev.size);
                let prev_short = prev.right < right - 0.15 * width;
                let short_end = ends_sentence(&prev.text) && prev_short;
                // A first-line indent, after a line that ends a sentence or stops short. Not
                // a line that starts in lower case (it goes on with a sentence), nor the
                // hanging indent under a list item's first line ("• Anomalies … basse)" +
                // "dites « respiratoires »").
                let hanging = prev.left <= left + 0.5 * prev.size && starts_item(&prev.text);
                let indented = is_indented
                    && !hanging
                    && !l.text.starts_with(char::is_lowercase)
                    && (ends_sentence(&prev.text) || prev.right < right - 1.5 * l.size);
                // A left-aligned line that stops before 60% of the box's width was not wrapped
                // (the next word would have fitted): a list of names, an address, a heading.
                // A line ending in a hyphen or a cut URL was wrapped, however short.
                let broken_off = prev.left <= left + 1.5 * prev.size
                    && prev.right < left + 0.6 * width
                    && !prev.text.trim_end().ends_with(['-', '‐', '\u{ad}'])
                    && !prev
                        .text
                        .split_whitespace()
                        .next_back()
                        .is_some_and(url_cut);
                wide_gap || up || size_change || short_end || indented || broken_off
            }
        };
        if new || out.is_empty() {
            out.push(Para {
                lines: vec![l.text.clone()],
                size: l.size,
                indented: is_indented,
            });
        } else if let Some(p) = out.last_mut() {
            p.lines.push(l.text.clone());
        }
    }
    out
}

/// An indented block: consecutive lines indented alike from the box's left edge.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Block {
    /// The index of its first line (it tells blocks apart).
    first: usize,
    /// Its left edge and the right edge of its full lines.
    edges: (f64, f64),
}

/// For each line, the indented block it belongs to: two or more consecutive lines that start
/// at one indentation, more than 0.7 of their size right of the box's left edge (`left`).
fn indented_blocks(lines: &[Line], left: f64) -> Vec<Option<Block>> {
    let indented = |l: &Line| {
        let indent = l.left - left;
        indent > 0.7 * l.size && indent < 8.0 * l.size
    };
    let mut out = vec![None; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let mut j = i + 1;
        if indented(&lines[i]) {
            while j < lines.len()
                && indented(&lines[j])
                && (lines[j].left - lines[i].left).abs() < 0.5 * lines[i].size
                && same_size(lines[j].size, lines[i].size)
            {
                j += 1;
            }
        }
        if j - i >= 2 {
            let b_left = lines[i..j].iter().map(|l| l.left).fold(f64::MAX, f64::min);
            let b_right = lines[i..j].iter().map(|l| l.right).fold(f64::MIN, f64::max);
            let block = Block {
                first: i,
                edges: (b_left, b_right),
            };
            for slot in &mut out[i..j] {
                *slot = Some(block);
            }
        }
        i = j;
    }
    out
}

/// The lines of `page` in the column of `b`: in its font size, starting within its span and
/// lying mostly inside it (headings across columns and other columns left out).
fn column_of<'a>(page: &'a [Line], b: &'a [Line]) -> Vec<&'a Line> {
    let Some(first) = b.first() else {
        return Vec::new();
    };
    let left = b.iter().map(|l| l.left).fold(f64::MAX, f64::min);
    let right = b.iter().map(|l| l.right).fold(f64::MIN, f64::max);
    let mut out: Vec<&Line> = page
        .iter()
        .filter(|l| {
            let overlap = l.right.min(right) - l.left.max(left);
            same_size(l.size, first.size)
                && l.left >= left - 2.0 * first.size
                && l.left < right
                && overlap >= 0.5 * (l.right - l.left)
        })
        .collect();
    if out.is_empty() {
        out = b.iter().collect();
    }
    out
}

/// Does a paragraph start like a figure or table caption ("Figure 2.", "Fig. 3:", "Table 1 –")?
fn caption_like(first_line: &str) -> bool {
    let mut words = first_line.split_whitespace();
    let (Some(w1), Some(w2)) = (words.next(), words.next()) else {
        return false;
    };
    let w1 = w1.to_lowercase();
    let label = [
        "figure",
        "fig.",
        "table",
        "tableau",
        "figura",
        "tabla",
        "abbildung",
        "tabelle",
        "chart",
        "exhibit",
        "listing",
        "graph",
    ]
    .contains(&w1.as_str());
    let number = w2.trim_end_matches(['.', ':', '—', '–']);
    label
        && !number.is_empty()
        && number.len() <= 5
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.')
        && number.chars().next().is_some_and(|c| c.is_ascii_digit())
        && (w2.ends_with(['.', ':'])
            || words
                .next()
                .is_some_and(|w| matches!(w, "—" | "–" | "-" | "|")))
}

/// Prefixes whose hyphen is part of the word ("self-employed"), kept at a line end.
const HYPHEN_PREFIXES: &[&str] = &["self", "ex", "all", "half", "quasi", "well"];

/// Is this word (the last of a line) a URL or a web address cut at a line end: it looks like
/// an address ("https://…", "www.…", "faa.gov/…") and ends where an address goes on ("/", "-",
/// "_", "=", "&", "?", "#", "%", "~")?
fn url_cut(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '<', '[', '"', '“']);
    let lower = w.to_lowercase();
    let address = lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.split('/').next().is_some_and(|host| {
            lower.contains('/')
                && host.contains('.')
                && host.rsplit('.').next().is_some_and(|tld| {
                    (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
                })
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        });
    address && w.ends_with(['/', '-', '_', '=', '&', '?', '#', '%', '~'])
}

/// Dashes that never mark a word cut: kept at a line end, and the next line follows them
/// without a space when they are attached to a word ("FAA–2020–" + "0686", "right—" + "and").
/// A non-breaking hyphen (U+2011) is among them: it is part of the word.
const DASHES: &[char] = &[
    '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}', '\u{fe63}', '\u{ff0d}',
];

/// The words a document writes inside its lines, to settle a line-end hyphen by its own usage:
/// "bien-" + "être" stays "bien-être" where the document writes "bien-être" elsewhere, and
/// "co-" + "operate" becomes "cooperate" where it writes "cooperate".
#[derive(Debug, Default)]
pub(crate) struct Vocabulary(std::collections::HashSet<String>);

impl Vocabulary {
    fn of(pages: &[Page]) -> Vocabulary {
        let mut set = std::collections::HashSet::new();
        for l in pages.iter().flat_map(|p| &p.lines) {
            for w in l.text.split_whitespace() {
                let w = bare_word(w);
                if !w.is_empty() && !w.ends_with(['-', '\u{2010}']) {
                    set.insert(w);
                }
            }
        }
        Vocabulary(set)
    }

    fn has(&self, w: &str) -> bool {
        self.0.contains(w)
    }
}

/// A word lowercased, without the punctuation around it.
fn bare_word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\u{2010}')
        .trim_start_matches(['-', '\u{2010}'])
        .to_lowercase()
}

/// Join two pieces of a paragraph that were on separate lines.
pub(crate) fn join_lines(acc: &mut String, next: &str) {
    join_with(acc, next, None);
}

/// [`join_lines`], settling line-end hyphens by the document's own words where it has them.
fn join_with(acc: &mut String, next: &str, words: Option<&Vocabulary>) {
    let next = next.trim();
    if acc.is_empty() {
        acc.push_str(next);
        return;
    }
    if acc.ends_with('\u{ad}') {
        // A soft hyphen at a line end only marks where the word was cut.
        acc.pop();
        acc.push_str(next);
        return;
    }
    if acc.split_whitespace().next_back().is_some_and(url_cut)
        && next.chars().next().is_some_and(|c| !c.is_whitespace())
    {
        acc.push_str(next);
        return;
    }
    if acc.ends_with(DASHES)
        && acc.chars().rev().nth(1).is_some_and(|c| !c.is_whitespace())
        && !next.is_empty()
    {
        acc.push_str(next);
        return;
    }
    let hyphen = acc.ends_with(['-', '\u{2010}']);
    if hyphen {
        let body = &acc[..acc.len() - acc.chars().last().map_or(0, char::len_utf8)];
        let word: String = body
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let ends_letter = word.chars().last().is_some_and(char::is_alphabetic);
        let next_lower = next.chars().next().is_some_and(char::is_lowercase);
        let first = next
            .split_whitespace()
            .next()
            .map(bare_word)
            .unwrap_or_default();
        let left = word.to_lowercase();
        let usage = words.and_then(|v| {
            if v.has(&format!("{left}-{first}")) {
                Some(true)
            } else if v.has(&format!("{left}{first}")) {
                Some(false)
            } else {
                None
            }
        });
        let keep = usage.unwrap_or(
            !ends_letter
                || !next_lower
                || word.contains('-')
                || HYPHEN_PREFIXES.contains(&left.as_str()),
        );
        if !keep {
            acc.truncate(body.len());
        }
        if ends_letter || !word.is_empty() {
            acc.push_str(next);
            return;
        }
    }
    acc.push(' ');
    acc.push_str(next);
}

/// Spell out typographic ligatures (which NFC keeps).
fn unligature(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            _ => out.push(c),
        }
    }
    out
}

/// Can a paragraph that ends so go on in the next box or page?
fn open_end(p: &str) -> bool {
    let p = p.trim_end();
    p.ends_with(['-', '\u{ad}', ','])
        || (!ends_sentence(p) && !p.ends_with(|c: char| c.is_ascii_digit()))
}

/// Lowercase words joined by single spaces, for comparing texts.
fn words_key(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The largest text on the first page with words in it, when it is set larger than the body
/// text: the lines of that size in a row, joined. Text that the running header repeats (the
/// publication's or the section's name, "Rules and Regulations") is passed over for the next
/// size down.
fn largest_text(page: Option<&Page>, body: Option<f64>, running: &[String]) -> Option<String> {
    let lines = &page?.lines;
    let wordy = |l: &Line| l.text.chars().filter(|c| c.is_alphabetic()).count() >= 4;
    let in_header = |l: &Line| {
        let k = words_key(&l.text);
        !k.is_empty() && running.iter().any(|r| r.contains(&k))
    };
    let mut sizes: Vec<f64> = lines
        .iter()
        .filter(|l| wordy(l) && !in_header(l))
        .map(|l| l.size)
        .collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    let size = *sizes.first()?;
    if body.is_some_and(|b| size < 1.1 * b) || size <= 0.0 {
        return None;
    }
    let first = lines
        .iter()
        .position(|l| wordy(l) && !in_header(l) && (l.size - size).abs() < 0.05 * size)?;
    let mut title = String::new();
    for l in lines[first..]
        .iter()
        .take_while(|l| (l.size - size).abs() < 0.05 * size)
    {
        join_lines(&mut title, &unligature(&l.text));
    }
    let title = normalize(title.trim());
    (!title.is_empty() && title.chars().count() <= 300).then_some(title)
}

/// Pages of lines → the article text, and the largest text of the first page (a title).
pub(crate) fn layout(mut pages: Vec<Page>) -> (String, Option<String>) {
    let running = drop_furniture(&mut pages);
    let vocabulary = Vocabulary::of(&pages);
    let spacing = line_spacing(&pages);
    let body = body_size(&pages);
    let title = largest_text(pages.first(), body, &running);
    let mut paras: Vec<String> = Vec::new();
    // The size of the last paragraph when it may go on in the next box or page.
    let mut open: Option<f64> = None;
    // Footnotes and captions met while a paragraph is open: placed after it.
    let mut aside: Vec<String> = Vec::new();
    let text_of = |p: &Para, mut text: String| {
        for line in &p.lines {
            join_with(&mut text, &unligature(line), Some(&vocabulary));
        }
        text
    };
    for page in &pages {
        for b in boxes(&page.lines, spacing) {
            let column = column_of(&page.lines, b);
            for (i, p) in box_paragraphs(b, &column, spacing).into_iter().enumerate() {
                let small = body.is_some_and(|s| p.size < 0.88 * s);
                let caption = p.lines.first().is_some_and(|l| caption_like(l));
                if small || caption {
                    if open.is_some() {
                        aside.push(text_of(&p, String::new()));
                    } else {
                        paras.append(&mut aside);
                        paras.push(text_of(&p, String::new()));
                    }
                    continue;
                }
                let goes_on = i == 0
                    && !p.indented
                    && open.is_some_and(|size| same_size(size, p.size))
                    && paras.last().is_some_and(|last| {
                        p.lines.first().is_some_and(|l| {
                            l.starts_with(|c: char| c.is_lowercase())
                                || last.chars().count() > 60
                                || last.ends_with(['-', '\u{ad}', ','])
                        })
                    });
                if goes_on {
                    let last = paras.pop().unwrap_or_default();
                    paras.push(text_of(&p, last));
                } else {
                    paras.append(&mut aside);
                    paras.push(text_of(&p, String::new()));
                }
                open = paras.last().filter(|last| open_end(last)).map(|_| p.size);
                if open.is_none() {
                    // The paragraph they interrupted is over: the asides follow it.
                    paras.append(&mut aside);
                }
            }
        }
    }
    paras.append(&mut aside);
    (normalize(&paras.join("\n\n")), title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f64) -> Line {
        Line {
            text: text.into(),
            y,
            left: 72.0,
            right: 540.0,
            size: 11.0,
        }
    }

    fn pg(lines: Vec<Line>) -> Page {
        Page {
            lines,
            height: 792.0,
        }
    }

    fn at(text: &str, y: f64, left: f64, right: f64, size: f64) -> Line {
        Line {
            text: text.into(),
            y,
            left,
            right,
            size,
        }
    }

    fn glyph(text: &str, x: f64, w: f64) -> Glyph {
        Glyph {
            x,
            y: 100.0,
            end: x + w,
            size: 10.0,
            text: text.into(),
            upright: true,
        }
    }

    /// Glyphs of a word, 5 points apart, with `extra` glyphs placed by hand.
    fn spelled(word: &str, x0: f64) -> Vec<Glyph> {
        word.chars()
            .enumerate()
            .map(|(i, c)| glyph(&c.to_string(), x0 + 5.0 * i as f64, 5.0))
            .collect()
    }

    #[test]
    fn spacing_accents_become_marks_of_their_letter() {
        // "Age" then "ˆ" over the e, then "ncia": the accent after its letter.
        let mut g = spelled("Age", 0.0);
        g.push(glyph("ˆ", 10.5, 4.0));
        g.extend(spelled("ncia", 15.0));
        // "F", then "´" before a dotless ı it is drawn over (TeX), then "sica".
        let mut f = vec![glyph("F", 40.0, 5.0), glyph("´", 45.5, 4.0)];
        f.push(glyph("ı", 45.0, 5.0));
        f.extend(spelled("sica", 50.0));
        // "Aviac" "‚" (a cedilla by another name) "a" "˜" "o".
        let mut a = spelled("Aviac", 80.0);
        a.push(glyph("‚", 100.5, 4.0));
        a.push(glyph("a", 105.0, 5.0));
        a.push(glyph("˜", 105.5, 4.0));
        a.push(glyph("o", 110.0, 5.0));
        // "na", "¨" before "ı", "ve"; then an apostrophe-like "´" between letters stays.
        let mut n = spelled("na", 130.0);
        n.push(glyph("¨", 140.5, 4.0));
        n.push(glyph("ı", 140.0, 5.0));
        n.extend(spelled("ve", 145.0));
        let mut d = spelled("don", 170.0);
        d.push(glyph("´", 185.0, 3.0));
        d.extend(spelled("t", 188.0));
        let all: Vec<Glyph> = [g, f, a, n, d].concat();
        let text = normalize(&lines(&attach_accents(all))[0].text);
        assert_eq!(text, "Agência Física Aviação naïve don´t");
        assert!(!text.contains(['ˆ', '¨', '˜', '‚']));
    }

    #[test]
    fn sideways_text_is_dropped_unless_it_is_the_page() {
        let mut g = spelled("Upright", 0.0);
        let mut side = glyph("X", 0.0, 5.0);
        side.upright = false;
        g.push(side.clone());
        assert_eq!(upright_only(g).len(), 7);
        let all_sideways = vec![side.clone(), side];
        assert_eq!(upright_only(all_sideways).len(), 2);
    }

    #[test]
    fn soft_hyphens_and_cut_urls() {
        let mut g = spelled("e\u{ad}mail", 0.0);
        g.extend(spelled("in\u{ad}", 60.0));
        let l = lines(&g);
        assert_eq!(l[0].text, "e-mail in\u{ad}");
        let mut acc = l[0].text.clone();
        join_lines(&mut acc, "spection was");
        assert_eq!(acc, "e-mail inspection was");
        // A soft hyphen before a capital goes too: it is only a cut.
        let mut acc = "Franco\u{ad}".to_string();
        join_lines(&mut acc, "German");
        assert_eq!(acc, "FrancoGerman");
        for (a, b, want) in [
            (
                "visit https://www.faa.gov/",
                "aircraft/air_cert.",
                "visit https://www.faa.gov/aircraft/air_cert.",
            ),
            ("see faa.gov/", "aircraft now", "see faa.gov/aircraft now"),
            (
                "at www.example.org/a-",
                "b-c.html",
                "at www.example.org/a-b-c.html",
            ),
            ("the 2024/", "2025 season", "the 2024/ 2025 season"),
            ("and/", "or", "and/ or"),
        ] {
            let mut acc = a.to_string();
            join_lines(&mut acc, b);
            assert_eq!(acc, want);
        }
    }

    #[test]
    fn footers_with_changing_numbers_and_dates_are_running() {
        let footer = |n: usize| {
            format!(
                "VerDate Sep<11>2014 16:4{n} Mar {n}, 2024 Jkt 26200{n} PO 00000 Frm 0000{n} \
                 Fmt 4700 Sfmt 4700 E:\\FR\\FM\\29MRR1.SGM 29MRR{n}"
            )
        };
        assert_eq!(shape(&footer(1)), shape(&footer(7)));
        assert_eq!(
            shape("Friday, March 29, 2024 / Rules"),
            shape("Monday, April 1, 2024 / Rules")
        );
        // Found in the bottom band although more than three lines follow it on the page.
        let page = |n: usize| Page {
            lines: vec![
                line(
                    &format!(
                        "Body text about {} ends here.",
                        ["", "rain", "snow", "wind"][n]
                    ),
                    100.0,
                ),
                at(&footer(n), 750.0, 72.0, 500.0, 6.0),
                line("Fine print one.", 760.0),
                line("Fine print two.", 770.0),
                line("Fine print three.", 780.0),
                line(&format!("Fine print {n}."), 781.0),
            ],
            height: 792.0,
        };
        let mut pages = vec![page(1), page(2), page(3)];
        drop_furniture(&mut pages);
        for p in &pages {
            assert!(
                p.lines.iter().all(|l| !l.text.starts_with("VerDate")),
                "{p:?}"
            );
            assert!(p.lines[0].text.starts_with("Body text"));
        }
    }

    /// Three columns of narrow lines: each column's lines make paragraphs of their own column,
    /// first-line indents start paragraphs, and a sentence goes on into the next column.
    #[test]
    fn paragraphs_form_inside_each_column() {
        let mut lines = Vec::new();
        for col in 0..3 {
            let x = 50.0 + 180.0 * col as f64;
            let mut y = 100.0;
            for p in 0..3 {
                for k in 0..4 {
                    let indent = if k == 0 { 10.0 } else { 0.0 };
                    let last = k == 3;
                    let text = match (col, p, k) {
                        (0, 2, 3) => "and this sentence goes on".to_string(),
                        (1, 0, 0) => "into the next column here.".to_string(),
                        _ if last => format!("end of para {col}{p}."),
                        _ => format!("words of column {col} para {p} line {k}"),
                    };
                    let right = if last { x + 90.0 } else { x + 170.0 };
                    // The first paragraph of column 2 is the sentence going on: not indented.
                    let indent = if (col, p) == (1, 0) { 0.0 } else { indent };
                    lines.push(at(&text, y, x + indent, right, 9.0));
                    y += 11.0;
                }
            }
        }
        let (text, _) = layout(vec![pg(lines)]);
        let paras: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(paras.len(), 8, "{paras:#?}");
        assert!(
            text.contains("and this sentence goes on into the next column here."),
            "{text}"
        );
        assert!(paras.iter().all(|p| p.ends_with('.')), "{paras:#?}");
    }

    #[test]
    fn footnotes_and_captions_leave_the_sentence() {
        let body = |t: &str, y: f64| at(t, y, 72.0, 540.0, 10.0);
        let p1 = vec![
            body("A first paragraph of the body text that runs on and", 100.0),
            at("ends here.", 112.0, 72.0, 130.0, 10.0),
            body(
                "The agency said that the operator had failed to keep",
                124.0,
            ),
            body("the schedule because the", 136.0),
            at(
                "1 The registry is kept in Oklahoma City.",
                700.0,
                72.0,
                300.0,
                7.0,
            ),
        ];
        let p2 = vec![
            body("inspection was late, and it fined the operator.", 100.0),
            at(
                "Figure 1. The wing, seen from below.",
                130.0,
                72.0,
                400.0,
                10.0,
            ),
            body("A new paragraph starts here.", 160.0),
        ];
        let (text, _) = layout(vec![pg(p1), pg(p2)]);
        let paras: Vec<&str> = text.split("\n\n").collect();
        assert!(
            paras.contains(
                &"The agency said that the operator had failed to keep the schedule because \
                  the inspection was late, and it fined the operator."
            ),
            "{paras:#?}"
        );
        let note = paras.iter().position(|p| p.starts_with("1 The registry"));
        let agency = paras.iter().position(|p| p.starts_with("The agency"));
        assert!(note.is_some() && agency < note, "{paras:#?}");
        assert!(paras.contains(&"Figure 1. The wing, seen from below."));
    }

    #[test]
    fn captions() {
        for yes in [
            "Figure 2. Results",
            "Fig. 3: The loop",
            "Table 1 – Costs",
            "Figure 10.",
        ] {
            assert!(caption_like(yes), "{yes}");
        }
        for no in [
            "Figure 3 shows the loop",
            "Table of contents",
            "Figures are",
            "Table",
        ] {
            assert!(!caption_like(no), "{no}");
        }
    }

    #[test]
    fn the_title_is_the_largest_text_of_the_first_page() {
        let page = Page {
            lines: vec![
                at(
                    "This section of the FEDERAL REGISTER contains",
                    80.0,
                    50.0,
                    200.0,
                    6.5,
                ),
                at(
                    "Airworthiness Directives; Embraer",
                    80.0,
                    250.0,
                    500.0,
                    13.0,
                ),
                at("S.A. Airplanes", 96.0, 250.0, 400.0, 13.0),
                at(
                    "The body text in its usual size goes on here.",
                    200.0,
                    250.0,
                    500.0,
                    9.0,
                ),
                at(
                    "The body text in its usual size goes on here.",
                    211.0,
                    250.0,
                    500.0,
                    9.0,
                ),
            ],
            height: 792.0,
        };
        assert_eq!(
            largest_text(Some(&page), Some(9.0), &[]).as_deref(),
            Some("Airworthiness Directives; Embraer S.A. Airplanes")
        );
        // No text larger than the body's: no title from here.
        assert_eq!(largest_text(Some(&page), Some(13.0), &[]), None);
        // The section's name in large type, repeated by the running header: not the title.
        let mut first = page.clone();
        first
            .lines
            .insert(0, at("Rules and Regulations", 40.0, 50.0, 300.0, 20.0));
        let running = vec![words_key(
            "Federal Register / Vol. 89, No. 61 / Friday, March 29, 2024 / Rules and Regulations",
        )];
        assert_eq!(
            largest_text(Some(&first), Some(9.0), &running).as_deref(),
            Some("Airworthiness Directives; Embraer S.A. Airplanes")
        );
    }

    #[test]
    fn hyphens_at_line_ends() {
        let cases = [
            ("the govern-", "ment said", "the government said"),
            ("Franco-", "German talks", "Franco-German talks"),
            ("case 2023-", "0379 was", "case 2023-0379 was"),
            ("a self-", "employed man", "a self-employed man"),
            ("state-of-the-", "art tools", "state-of-the-art tools"),
            ("so it was", "said", "so it was said"),
            ("a dash -", "then", "a dash - then"),
        ];
        for (a, b, want) in cases {
            let mut acc = a.to_string();
            join_lines(&mut acc, b);
            assert_eq!(acc, want);
        }
    }

    #[test]
    fn page_numbers() {
        for yes in ["7", "- 7 -", "Page 7", "page 7 of 9", "7/9", " 12 "] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "7 people died",
            "2023-0379",
            "In 2023",
            "Page one",
            "1 200 000$",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn running_headers_go_and_paragraphs_form() {
        let words = ["", "rain", "snow", "wind"];
        let page = |n: usize| {
            let w = words[n];
            vec![
                line("Annual Report 2024", 40.0),
                line(&format!("This is the first line about {w}, a para-"), 100.0),
                line(&format!("graph on the {w} page that goes on"), 114.0),
                line(&format!("and ends with {w}."), 128.0),
                line(&format!("A second paragraph about {w}."), 160.0),
                line(&format!("{n}"), 760.0),
            ]
        };
        let text = layout(vec![pg(page(1)), pg(page(2)), pg(page(3))]).0;
        assert!(!text.contains("Annual Report"), "{text}");
        assert!(
            text.contains(
                "This is the first line about snow, a paragraph on the snow page that goes on \
                 and ends with snow."
            ),
            "{text}"
        );
        assert_eq!(text.matches("\n\n").count(), 5, "{text}");
        assert!(
            !text.lines().any(|l| l.trim().parse::<u32>().is_ok()),
            "{text}"
        );
    }

    #[test]
    fn a_paragraph_goes_on_across_a_page_break_and_text_is_nfc() {
        let p1 = vec![line(
            "Le comite\u{301} a de\u{301}cide\u{301} que la",
            100.0,
        )];
        let p2 = vec![line("se\u{301}ance est leve\u{301}e.", 100.0)];
        let text = layout(vec![pg(p1), pg(p2)]).0;
        assert_eq!(text, "Le comité a décidé que la séance est levée.");
    }

    #[test]
    fn junk_titles() {
        for junk in [
            "10811.exe",
            "Microsoft Word - draft3.docx",
            "Untitled-1",
            "report v2.pdf",
        ] {
            assert!(junk_title(junk), "{junk}");
        }
        for good in [
            "A Test Report on Attribution",
            "U.S. aid cut",
            "Procès-verbal du 20 juin",
        ] {
            assert!(!junk_title(good), "{good}");
        }
    }

    #[test]
    fn a_panic_inside_becomes_an_error() {
        let r = quietly(|| -> u32 { panic!("malformed") });
        assert!(r.is_err());
        assert_eq!(quietly(|| 7).ok(), Some(7));
    }

    #[test]
    fn dates() {
        assert_eq!(
            pdf_date("D:20230620141500-04'00'").as_deref(),
            Some("2023-06-20")
        );
        assert_eq!(pdf_date("yesterday"), None);
    }
}

#[path = "pdf_fonts.rs"]
mod fonts;

#[cfg(test)]
#[path = "pdf_figures.rs"]
mod figures;

#[cfg(test)]
#[path = "pdf_classes.rs"]
mod classes;
