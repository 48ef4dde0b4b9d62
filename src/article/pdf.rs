//! PDF (text layer): the page text, lines re-joined into paragraphs.
//!
//! The glyphs come from `pdf-extract` (over `lopdf`), through our own [`OutputDev`] that keeps
//! each glyph's position and size; the layout work is ours, because pdf-extract's plain-text
//! output loses what is needed to tell a line wrap from a paragraph break:
//!
//! 1. glyphs → lines (same baseline, in content order; a gap wider than a tenth of the font
//!    size is a space);
//! 2. running headers and footers are dropped: a line among the first or last three of a page
//!    whose text (digits ignored) recurs there on at least two pages and on half of them; lines
//!    that are only a page or line number ("12", "- 12 -", "Page 3 of 9") are dropped anywhere;
//! 3. lines → paragraphs: a new paragraph starts where the gap to the previous line is clearly
//!    larger than the page's usual line spacing, where the text moves up (a new column), where
//!    the font size changes (a heading), after a short line that ends a sentence, or after a
//!    line that stops before 60% of the text width (lists of names, addresses);
//! 4. line-end hyphens are undone when the next line goes on in lower case ("recog-/nised" →
//!    "recognised"); a hyphen is kept when the next line starts with a capital or a digit
//!    ("Franco-/German", "2023-/0379"), when the word already has a hyphen ("state-of-the-/art"),
//!    and after the prefixes self, ex, all, half, quasi, well ("self-/employed");
//! 5. a paragraph that ends a page without closing punctuation continues on the next page;
//! 6. ligatures (ﬁ, ﬂ …) are spelled out and the text is NFC-normalised.
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

#[derive(Default)]
struct Collector {
    pages: Vec<Vec<Glyph>>,
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
        self.pages.push(Vec::new());
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        // The font size as transformed (the side of a square of the same area), as
        // pdf-extract's own text output computes it.
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31, self.height - trm.m32);
        if let Some(page) = self.pages.last_mut()
            && x.is_finite()
            && y.is_finite()
        {
            page.push(Glyph {
                x,
                y,
                end: x + width * size,
                size,
                text: ch.to_string(),
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

/// The glyphs of every page, in page order, and the document information (title, author,
/// creation date).
fn glyphs(bytes: &[u8]) -> Result<(Vec<Vec<Glyph>>, Info), Failure> {
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

/// PDF titles are often left over from the tool that made the file: "10811.exe",
/// "Microsoft Word - draft3.docx", "untitled". Those are not the article's title.
fn junk_title(t: &str) -> bool {
    let low = t.trim().to_lowercase();
    let file_like = !low.contains(' ')
        && low.rsplit_once('.').is_some_and(|(_, ext)| {
            (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric())
        });
    file_like
        || low.starts_with("microsoft word - ")
        || low.starts_with("untitled")
        || low.ends_with(".doc")
        || low.ends_with(".docx")
        || low.ends_with(".pdf")
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

/// Read a PDF's text layer.
pub fn extract(path: &Path, bytes: &[u8]) -> Result<Extracted, ArticleError> {
    let result = quietly(|| glyphs(bytes));
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
    let pages: Vec<Vec<Line>> = pages.iter().map(|g| lines(g)).collect();
    let text = layout(pages);
    if text.trim().is_empty() {
        return Err(ArticleError::PdfNoText {
            path: path.to_path_buf(),
        });
    }
    let title = info
        .title
        .clone()
        .unwrap_or_else(|| super::first_line(&text));
    Ok(Extracted {
        title,
        text,
        byline: info.author,
        published: info.created,
        extractor: "pdf".into(),
        ..Default::default()
    })
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
        l.text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
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

/// A line's text with digits blanked, to match running headers like "Report 2023 — page 4".
fn shape(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// Drop running headers/footers (recurring among a page's first or last three lines) and
/// page-number lines.
pub(crate) fn drop_furniture(pages: &mut [Vec<Line>]) {
    const EDGE: usize = 3;
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for page in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        let n = page.len();
        for (i, l) in page.iter().enumerate() {
            if (i < EDGE || i + EDGE >= n) && seen.insert(shape(&l.text)) {
                *counts.entry(shape(&l.text)).or_default() += 1;
            }
        }
    }
    let need = 2.max(pages.len().div_ceil(2));
    for page in pages.iter_mut() {
        let n = page.len();
        let mut i = 0;
        page.retain(|l| {
            let edge = i < EDGE || i + EDGE >= n;
            i += 1;
            let running = edge && counts.get(&shape(&l.text)).is_some_and(|&c| c >= need);
            !running && !is_page_number(&l.text)
        });
    }
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
fn line_spacing(pages: &[Vec<Line>]) -> Option<f64> {
    let gaps: Vec<f64> = pages
        .iter()
        .flat_map(|p| p.windows(2).map(|w| (w[1].y - w[0].y, w[1].size)))
        .filter(|&(g, size)| g > 0.5 * size)
        .map(|(g, _)| g)
        .collect();
    quantile(gaps, 0.25)
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '»', ')'])
}

/// Split a page's lines into paragraphs (each a list of lines).
pub(crate) fn paragraphs(lines: &[Line], usual: Option<f64>) -> Vec<Vec<String>> {
    let left = median(lines.iter().map(|l| l.left).collect()).unwrap_or(0.0);
    let right = lines.iter().map(|l| l.right).fold(f64::MIN, f64::max);
    let mut out: Vec<Vec<String>> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let new = match i.checked_sub(1).map(|p| &lines[p]) {
            None => true,
            Some(prev) => {
                let gap = l.y - prev.y;
                let wide_gap = usual.is_some_and(|u| gap > 1.4 * u + 0.5);
                let up = gap < -0.5 * l.size;
                let size_change = (l.size - prev.size).abs() > 0.15 * prev.size.max(l.size);
                let short_end = ends_sentence(&prev.text)
                    && prev.right < right - 0.15 * (right - left).max(1.0);
                let indented = l.left > left + 1.5 * l.size && ends_sentence(&prev.text);
                // A left-aligned line that stops before 60% of the text width was not wrapped
                // (the next word would have fitted): a list of names, an address, a heading.
                // A line ending in a hyphen was wrapped, however short.
                let broken_off = prev.left <= left + 1.5 * prev.size
                    && prev.right < left + 0.6 * (right - left).max(1.0)
                    && !prev.text.trim_end().ends_with(['-', '‐', '\u{ad}']);
                wide_gap || up || size_change || short_end || indented || broken_off
            }
        };
        if new || out.is_empty() {
            out.push(vec![l.text.clone()]);
        } else if let Some(p) = out.last_mut() {
            p.push(l.text.clone());
        }
    }
    out
}

/// Prefixes whose hyphen is part of the word ("self-employed"), kept at a line end.
const HYPHEN_PREFIXES: &[&str] = &["self", "ex", "all", "half", "quasi", "well"];

/// Join two pieces of a paragraph that were on separate lines.
pub(crate) fn join_lines(acc: &mut String, next: &str) {
    let next = next.trim();
    if acc.is_empty() {
        acc.push_str(next);
        return;
    }
    let hyphen = acc.ends_with(['-', '\u{2010}', '\u{ad}']);
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
        let soft = acc.ends_with('\u{ad}');
        let keep = !soft
            && (!ends_letter
                || !next_lower
                || word.contains('-')
                || HYPHEN_PREFIXES.contains(&word.to_lowercase().as_str()));
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

/// Pages of lines → the article text.
pub(crate) fn layout(mut pages: Vec<Vec<Line>>) -> String {
    drop_furniture(&mut pages);
    let spacing = line_spacing(&pages);
    let mut paras: Vec<String> = Vec::new();
    let mut open = false; // the last paragraph may go on on the next page
    for page in &pages {
        for (i, p) in paragraphs(page, spacing).into_iter().enumerate() {
            let mut iter = p.into_iter();
            let mut text = if i == 0 && open {
                paras.pop().unwrap_or_default()
            } else {
                String::new()
            };
            for line in iter.by_ref() {
                join_lines(&mut text, &unligature(&line));
            }
            paras.push(text);
        }
        open = paras
            .last()
            .is_some_and(|p| !ends_sentence(p) && !p.ends_with(|c: char| c.is_ascii_digit()))
            || paras.last().is_some_and(|p| p.ends_with('-'));
    }
    normalize(&paras.join("\n\n"))
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
        let text = layout(vec![page(1), page(2), page(3)]);
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
        let text = layout(vec![p1, p2]);
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
