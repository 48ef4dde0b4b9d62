//! PDF (text layer): the page text, lines re-joined into paragraphs.
//!
//! The glyphs come from `pdf-extract` (over `lopdf`), through our own [`OutputDev`] that keeps
//! each glyph's position, size and orientation; the layout work is ours, because pdf-extract's
//! plain-text output loses what is needed to tell a line wrap from a paragraph break:
//!
//! 0. fonts ([`fonts`]): before pdf-extract reads a glyph, each font's code → text map is
//!    written out as a plain ToUnicode map made from what the PDF says (its own ToUnicode, a
//!    simple font's /Encoding and /Differences through the Adobe Glyph List, the embedded
//!    TrueType program's cmap for CIDs the map leaves out), and a CID font's /W ranges are
//!    written as lists: pdf-extract prefers a CFF font's built-in encoding to the PDF's
//!    ("é" read as "Ø"), drops glyphs a ToUnicode map leaves out, and misreads /W ranges;
//! 1. glyphs: a glyph drawn twice at one place counts once; text drawn sideways or upside down
//!    (margin notes, stamps) is dropped, unless most of the page is drawn that way; a spacing
//!    accent (ˆ ¨ ´ ` ˜ ¸ ˇ …) drawn over or before a letter becomes that letter's combining
//!    mark, a dotless ı/ȷ under a mark becomes i/j ("Age"+"ˆ"+"ncia" → "Agência",
//!    "F"+"´"+"ı"+"sica" → "Física"); a glyph's advance is its width at the font size plus the
//!    character spacing, through the text matrix and the horizontal scaling;
//! 2. glyphs → lines (same baseline, in content order); a gap is a space when wider than a
//!    tenth of the font size, or than a fifth where the line draws its spaces, or than its
//!    letters' usual gap plus a tenth where they stand wide apart (tracking, other metrics);
//!    a soft hyphen U+00AD inside a line is drawn, so it is a "-";
//! 3. running headers and footers are dropped: a line in the top or bottom tenth of a page, or
//!    among its first or last three lines, whose text (digits, month and day names ignored)
//!    recurs there, at the same height, on at least two pages and on a fifth of them; lines
//!    that are only a page or line number ("12", "- 12 -", "Page 3 of 9") are dropped anywhere;
//! 4. lines → column boxes: consecutive lines that overlap horizontally, in one font size,
//!    without a jump back up or a large gap;
//! 5. boxes → paragraphs, inside each box (its left margin: the leftmost edge a fifth of its
//!    lines share; its width): a new paragraph starts where the gap to the previous line is
//!    clearly larger than the usual line spacing, where the font size changes, at a first-line
//!    indent (not a line going on in lower case, not the hanging indent of a list item), after
//!    a short line that ends a sentence, or after a line that stops before 60% of the box's
//!    width (lists of names, addresses); consecutive lines indented alike (a block quote) are
//!    judged by the block's own edges, so a block quote is one paragraph;
//! 6. footnotes and captions (text smaller than the body's, or starting "Figure 2." / "Table
//!    1:") are set aside and placed after the paragraph they interrupt, so a sentence goes on
//!    across them, across columns and across pages: a paragraph that ends a box without closing
//!    punctuation continues with the next box's first paragraph when that is not indented and
//!    in the same size;
//! 7. line-end hyphens: the document's own words decide where they can ("bien-/être" stays
//!    "bien-être" where the document writes "bien-être" elsewhere, "co-/operate" becomes
//!    "cooperate" where it writes "cooperate"); else a hyphen is undone when the next line goes
//!    on in lower case ("recog-/nised" → "recognised") and kept when the next line starts with
//!    a capital or a digit ("Franco-/German"), when the word already has a hyphen
//!    ("state-of-the-/art"), and after the prefixes self, ex, all, half, quasi, well; a soft
//!    hyphen at a line end always goes; a URL cut at a line end is joined without a space; a
//!    dash that never cuts a word (en and em dashes, minus, non-breaking hyphen) is kept, and
//!    the next line follows it without a space when it is attached to a word
//!    ("FAA–2020–/0686" → "FAA–2020–0686");
//! 8. ligatures (ﬁ, ﬂ …) are spelled out and the text is NFC-normalised;
//! 9. the title: the document information's when it reads like a title of this document (not
//!    a file name, path, code, job number such as "88300 162..177", program placeholder such
//!    as "office-2007" or "Document1", and with half of its words in the text's beginning),
//!    else the largest text on the first page when it is larger than the body text (text the
//!    running header repeats passed over), else the text's first paragraph that reads like a
//!    heading.
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

/// Group a page's glyphs into lines, in content order; a gap wider than the line's word gap
/// (see [`word_gap`]) between two glyphs is a space.
fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    let mut ys: Vec<(f64, f64)> = Vec::new();
    for g in glyphs {
        let size = if g.size > 0.0 { g.size } else { 10.0 };
        match (groups.last_mut(), ys.last_mut()) {
            (Some(group), Some((y, s))) if (g.y - *y).abs() <= 0.5 * size.max(*s) => {
                group.push(g);
                *s = s.max(size);
            }
            _ => {
                groups.push(vec![g]);
                ys.push((g.y, size));
            }
        }
    }
    let mut out: Vec<Line> = Vec::new();
    for group in groups {
        let Some(first) = group.first() else { continue };
        let size_of = |g: &Glyph| if g.size > 0.0 { g.size } else { 10.0 };
        let mut line = Line {
            text: String::new(),
            y: first.y,
            left: first.x,
            right: first.end,
            size: size_of(first),
        };
        let word_gap = word_gap(&group);
        let mut last_end = f64::NEG_INFINITY;
        for g in &group {
            let size = size_of(g);
            let gap = g.x - last_end;
            if last_end.is_finite()
                && (gap > word_gap * size || gap < -size)
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
        let text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
        // A soft hyphen inside a line was drawn as a hyphen; at the end it marks a word cut.
        let n = text.chars().count();
        line.text = text
            .chars()
            .enumerate()
            .map(|(i, c)| if c == '\u{ad}' && i + 1 < n { '-' } else { c })
            .collect();
        if !line.text.is_empty() {
            out.push(line);
        }
    }
    out
}

/// The smallest gap between two glyphs of a line that makes a space, in ems of the font size.
///
/// A tenth of an em, as pdftotext and pdfminer start from, unless the line shows that its
/// letters stand apart by more: a line that draws its spaces has its words apart by those, so
/// only a gap of a fifth of an em more is one (letters tracked or set in a font other than the
/// one measured stand a tenth of an em apart: "c omité", "munic ipal"); a line without drawn
/// spaces whose letters stand wide apart (the gap a quarter of its gaps stay under: words are
/// a sixth of the gaps in prose and up to a half in code) has its words a tenth of an em
/// further apart than that.
fn word_gap(line: &[&Glyph]) -> f64 {
    const BASE: f64 = 0.1;
    let blank = |g: &Glyph| g.text.trim().is_empty();
    // Gaps between two glyphs that are not spaces, in ems.
    let gaps: Vec<f64> = line
        .windows(2)
        .filter(|w| w[0].size > 0.0 && !blank(w[0]) && !blank(w[1]))
        .map(|w| (w[1].x - w[0].end) / w[0].size)
        .filter(|g| g.is_finite() && *g > -1.0)
        .collect();
    // Drawn spaces are the words' separators when they outnumber the wide gaps (a line whose
    // words stand apart by position alone may still draw a space at its end).
    let spaces = line.iter().filter(|g| blank(g)).count();
    let wide = gaps.iter().filter(|g| **g > BASE).count();
    if spaces > 0 && spaces >= wide {
        return 2.0 * BASE;
    }
    if gaps.len() < 8 {
        return BASE;
    }
    layout::quantile(gaps, 0.25).map_or(BASE, |q| BASE.max(q + BASE))
}

mod fonts;
mod furniture;
mod layout;

use furniture::*;
use layout::*;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod figures;

#[cfg(test)]
mod classes;
