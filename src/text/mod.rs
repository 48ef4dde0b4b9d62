//! Text handling: normalisation, offset maps, char↔byte tables, paragraphs, grapheme snapping,
//! spans (construction and re-anchoring).
//!
//! Every offset outside this module is a char (Unicode scalar) index into normalised text.
//! This module is below the model: it knows text and spans, not projects or claims.

mod anchor;

pub use anchor::{Placement, reanchor};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Chars of context kept on each side of a span (Hypothesis uses 32).
pub const CONTEXT_CHARS: usize = 32;

/// A half-open range of chars into a document's text, with its quote and context.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

impl Span {
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// SHA-256 of the text's UTF-8 bytes, as lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Normalise text once, at import: remove a leading BOM, make every line end `\n`
/// (CRLF and lone CR), and compose to Unicode NFC.
pub fn normalize(raw: &str) -> String {
    normalize_mapped(raw).0
}

/// Normalise like [`normalize`] and also return a map from every char offset of `raw`
/// (0..=raw char count) to the corresponding char offset of the result.
///
/// The map is built per grapheme cluster: NFC composition and CRLF folding never cross a
/// cluster boundary, so cluster starts map exactly; an offset inside a cluster that changed
/// length maps to the nearest position inside the normalised cluster.
pub fn normalize_mapped(raw: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(raw.len());
    let mut map = Vec::with_capacity(raw.len() + 1);
    let mut out_chars = 0usize;
    let mut leading = true;
    for g in raw.graphemes(true) {
        let n_in = g.chars().count();
        // U+FEFF is a control, so it is always a cluster of its own: drop every leading one.
        if leading && g == "\u{feff}" {
            map.push(out_chars);
            continue;
        }
        leading = false;
        let piece: String = if g == "\r\n" || g == "\r" {
            "\n".to_string()
        } else if g.contains('\r') {
            g.replace("\r\n", "\n").replace('\r', "\n").nfc().collect()
        } else if g.is_ascii() {
            g.to_string()
        } else {
            g.nfc().collect()
        };
        let n_out = piece.chars().count();
        for i in 0..n_in {
            map.push(out_chars + i.min(n_out));
        }
        out.push_str(&piece);
        out_chars += n_out;
    }
    map.push(out_chars);
    (out, map)
}

/// Is the text already normalised?
pub fn is_normalized(text: &str) -> bool {
    !text.starts_with('\u{feff}') && !text.contains('\r') && unicode_normalization::is_nfc(text)
}

/// The byte offset of char offset `ci` in `text` (clamped to the end).
pub fn byte_of(text: &str, ci: usize) -> usize {
    text.char_indices()
        .nth(ci)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

/// The substring of chars `start..end` (clamped).
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let end = end.max(start);
    let mut it = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let b0 = it.nth(start).unwrap_or(text.len());
    let b1 = if end == start {
        b0
    } else {
        it.nth(end - start - 1).unwrap_or(text.len())
    };
    &text[b0..b1]
}

/// A char↔byte table for one text, with a checkpoint every [`CharMap::STRIDE`] chars, so
/// converting costs at most STRIDE steps and the table is small even for a whole book.
#[derive(Debug, Clone, Default)]
pub struct CharMap {
    checkpoints: Vec<usize>,
    chars: usize,
    bytes: usize,
}

impl CharMap {
    pub const STRIDE: usize = 64;

    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / Self::STRIDE + 1);
        let mut chars = 0;
        for (b, _) in text.char_indices() {
            if chars % Self::STRIDE == 0 {
                checkpoints.push(b);
            }
            chars += 1;
        }
        CharMap {
            checkpoints,
            chars,
            bytes: text.len(),
        }
    }

    /// Number of chars in the text.
    pub fn len(&self) -> usize {
        self.chars
    }

    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }

    /// The byte offset of char `ci` (clamped to the end).
    pub fn byte(&self, text: &str, ci: usize) -> usize {
        if ci >= self.chars {
            return self.bytes;
        }
        let base = self.checkpoints[ci / Self::STRIDE];
        let rest = ci % Self::STRIDE;
        text[base..]
            .char_indices()
            .nth(rest)
            .map(|(b, _)| base + b)
            .unwrap_or(self.bytes)
    }

    /// The char offset of byte `b` (which must be a char boundary; clamped to the end).
    pub fn char(&self, text: &str, b: usize) -> usize {
        if b >= self.bytes {
            return self.chars;
        }
        let k = self
            .checkpoints
            .partition_point(|&cb| cb <= b)
            .saturating_sub(1);
        let base = self.checkpoints.get(k).copied().unwrap_or(0);
        k * Self::STRIDE + text[base..b].chars().count()
    }

    /// The text of chars `start..end`.
    pub fn slice<'a>(&self, text: &'a str, start: usize, end: usize) -> &'a str {
        let b0 = self.byte(text, start);
        let b1 = self.byte(text, end.max(start));
        &text[b0..b1]
    }
}

/// The paragraphs of a text: char ranges of its non-empty lines, in order.
pub fn paragraphs(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut pos = 0usize;
    for c in text.chars() {
        if c == '\n' {
            if pos > start {
                out.push(start..pos);
            }
            start = pos + 1;
        }
        pos += 1;
    }
    if pos > start {
        out.push(start..pos);
    }
    out
}

/// The char offsets of grapheme cluster boundaries of `text` (including 0 and the length).
pub fn grapheme_boundaries(text: &str) -> Vec<usize> {
    let mut out = Vec::with_capacity(text.len() + 1);
    let mut pos = 0;
    for g in text.graphemes(true) {
        out.push(pos);
        pos += g.chars().count();
    }
    out.push(pos);
    out
}

/// Snap a selection to grapheme boundaries (start down, end up) and trim whitespace at both
/// ends, whole graphemes at a time. Returns `None` when nothing but whitespace is selected.
pub fn tidy_selection(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let (start, end) = (start.min(end), start.max(end));
    let map = CharMap::new(text);
    let end = end.min(map.len());
    if start >= end {
        return None;
    }
    // Grapheme clusters never cross a line break, so the enclosing lines are enough context.
    let line_start = text[..map.byte(text, start)]
        .rfind('\n')
        .map(|b| map.char(text, b) + 1)
        .unwrap_or(0);
    let b_end = map.byte(text, end);
    let line_end = text[b_end..]
        .find('\n')
        .map(|b| map.char(text, b_end + b))
        .unwrap_or(map.len());
    let local = map.slice(text, line_start, line_end);
    let bounds = grapheme_boundaries(local);
    let (ls, le) = (start - line_start, end - line_start);
    // Index (into `bounds`) of the boundary at or before `ls`, and at or after `le`.
    let mut i = bounds.partition_point(|&b| b <= ls).saturating_sub(1);
    let mut j = bounds.partition_point(|&b| b < le).min(bounds.len() - 1);
    let local_map = CharMap::new(local);
    let blank = |a: usize, b: usize| {
        local_map
            .slice(local, a, b)
            .chars()
            .all(char::is_whitespace)
    };
    while i < j && blank(bounds[i], bounds[i + 1]) {
        i += 1;
    }
    while j > i && blank(bounds[j - 1], bounds[j]) {
        j -= 1;
    }
    (i < j).then(|| (bounds[i] + line_start, bounds[j] + line_start))
}

/// The word (run of alphanumerics, apostrophes inside words allowed) around char `at`.
pub fn word_at(text: &str, at: usize) -> Option<(usize, usize)> {
    let mut start = 0usize;
    let mut pos = 0usize;
    for w in text.split_word_bounds() {
        let n = w.chars().count();
        if at >= pos && at < pos + n {
            start = pos;
            if w.chars().any(char::is_alphanumeric) {
                return Some((start, start + n));
            }
            return None;
        }
        pos += n;
    }
    let _ = start;
    None
}

/// Widen `start..end` so that it cuts no word in two, as word processors select by dragging: a
/// start inside a word moves back to the word's start, an end inside a word on to its end.
/// Ranges that start or end between words are kept.
pub fn snap_to_words(text: &str, start: usize, end: usize) -> (usize, usize) {
    let (mut s, mut e) = (start.min(end), start.max(end));
    if let Some((ws, _)) = word_at(text, s)
        && ws < s
    {
        s = ws;
    }
    if e > s
        && let Some((_, we)) = word_at(text, e - 1)
        && we > e
    {
        e = we;
    }
    (s, e)
}

/// Build a span over chars `start..end` of `text`, with its quote and context.
pub fn make_span(text: &str, start: usize, end: usize) -> Span {
    let map = CharMap::new(text);
    make_span_with(text, &map, start, end)
}

/// [`make_span`] with a precomputed [`CharMap`] of `text`.
pub fn make_span_with(text: &str, map: &CharMap, start: usize, end: usize) -> Span {
    let end = end.min(map.len());
    let start = start.min(end);
    Span {
        start,
        end,
        exact: map.slice(text, start, end).to_string(),
        prefix: map
            .slice(text, start.saturating_sub(CONTEXT_CHARS), start)
            .to_string(),
        suffix: map
            .slice(text, end, (end + CONTEXT_CHARS).min(map.len()))
            .to_string(),
    }
}

/// Does the span's quote match the text at its offsets?
pub fn span_fits(text: &str, map: &CharMap, span: &Span) -> bool {
    span.start <= span.end
        && span.end <= map.len()
        && map.slice(text, span.start, span.end) == span.exact
}

#[cfg(test)]
mod tests;
