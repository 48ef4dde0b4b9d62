//! Re-anchoring: finding a span's text again when its offsets no longer fit.
//!
//! Written here rather than taken from a crate: the scoring follows Hypothesis's
//! dom-anchor-text-quote (quote similarity, then context similarity, then distance from the old
//! position), and no Rust crate implements that scheme over char offsets.

use super::Span;
use super::{CharMap, make_span_with, span_fits};

/// Where a span was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// The offsets still fit the quote.
    Exact,
    /// The quote was found elsewhere (or nearly so); the span as it now stands.
    Moved(Span),
    /// Not found well enough to place.
    Orphan,
}

/// Quote similarity below which a fuzzy match is refused.
const MIN_SIMILARITY: f64 = 0.8;
/// Context agreement (0..=2, see `context_score`) a fuzzy match of a short quote needs.
const MIN_FUZZY_CONTEXT: f64 = 0.5;
/// Longest quote for which fuzzy matching is tried (edit distance is quadratic).
const MAX_FUZZY_QUOTE: usize = 2_000;

/// Find `span` in `text` again. Exact offsets win; else the exact quote scored by context and
/// distance; else, for quotes of 8 chars or more, the most similar window of about the same
/// length near a place where the quote's beginning or end occurs.
pub fn reanchor(text: &str, map: &CharMap, span: &Span) -> Placement {
    if span_fits(text, map, span) {
        return Placement::Exact;
    }
    if span.exact.is_empty() {
        return Placement::Orphan;
    }
    // Exact quote elsewhere.
    let mut best: Option<(f64, usize)> = None;
    let mut from = 0;
    while let Some(b) = text[from..].find(&span.exact) {
        let b = from + b;
        let start = map.char(text, b);
        let score = context_score(text, map, span, start, start + span.exact.chars().count())
            - distance_penalty(span.start, start, map.len());
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, start));
        }
        from = b + span.exact.chars().next().map(char::len_utf8).unwrap_or(1);
    }
    if let Some((_, start)) = best {
        let end = start + span.exact.chars().count();
        return Placement::Moved(make_span_with(text, map, start, end));
    }
    fuzzy(text, map, span)
}

fn fuzzy(text: &str, map: &CharMap, span: &Span) -> Placement {
    let quote: Vec<char> = span.exact.chars().collect();
    let n = quote.len();
    if !(8..=MAX_FUZZY_QUOTE).contains(&n) {
        return Placement::Orphan;
    }
    let k = (n / 4).clamp(4, 16);
    let head: String = quote[..k].iter().collect();
    let tail: String = quote[n - k..].iter().collect();
    let mut candidates: Vec<usize> = Vec::new();
    for (needle, back) in [(&head, 0usize), (&tail, n - k)] {
        let mut from = 0;
        while let Some(b) = text[from..].find(needle.as_str()) {
            let b = from + b;
            candidates.push(map.char(text, b).saturating_sub(back));
            from = b + needle.chars().next().map(char::len_utf8).unwrap_or(1);
            if candidates.len() > 200 {
                break;
            }
        }
    }
    // Also try the old position, for edits that touched both ends.
    candidates.push(span.start.min(map.len()));
    candidates.sort_unstable();
    candidates.dedup();
    let slack = (n / 5).max(2);
    let mut best: Option<(f64, usize, usize)> = None;
    for c in candidates {
        for start in c.saturating_sub(slack / 2)..=(c + slack / 2).min(map.len()) {
            // Try window lengths around n; the best end is found by edit distance.
            let lo = n.saturating_sub(slack);
            let hi = (n + slack).min(map.len().saturating_sub(start));
            if hi < lo || hi == 0 {
                continue;
            }
            let window: Vec<char> = map.slice(text, start, start + hi).chars().collect();
            let (dist, len) = best_prefix_distance(&quote, &window, lo);
            let sim = 1.0 - dist as f64 / n.max(len) as f64;
            if sim < MIN_SIMILARITY {
                continue;
            }
            // A near-match alone is weak evidence for a short quote ("Facebook App" is two
            // edits from "Facebook pa"): it must also be where its context is, unless the
            // quote is long and almost intact.
            let context = context_score(text, map, span, start, start + len);
            if context < MIN_FUZZY_CONTEXT && !(n >= 32 && sim >= 0.9) {
                continue;
            }
            let score = sim * 10.0 + context - distance_penalty(span.start, start, map.len());
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, start, start + len));
            }
        }
    }
    match best {
        Some((_, s, e)) => {
            // Trim whitespace the window may have caught at its ends.
            let (s, e) = super::tidy_selection(text, s, e).unwrap_or((s, e));
            Placement::Moved(make_span_with(text, map, s, e))
        }
        None => Placement::Orphan,
    }
}

/// Edit distance between `a` and the best prefix of `b` of length at least `min_len`:
/// (distance, prefix length).
fn best_prefix_distance(a: &[char], b: &[char], min_len: usize) -> (usize, usize) {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (min_len..=b.len())
        .map(|l| (prev[l], l))
        .min_by_key(|&(d, l)| (d, l.abs_diff(a.len())))
        .unwrap_or((a.len(), 0))
}

/// 0..=2: how well the text around `start..end` matches the span's stored context.
fn context_score(text: &str, map: &CharMap, span: &Span, start: usize, end: usize) -> f64 {
    let before = map.slice(
        text,
        start.saturating_sub(span.prefix.chars().count()),
        start,
    );
    let after = map.slice(text, end, end + span.suffix.chars().count());
    let common_suffix = before
        .chars()
        .rev()
        .zip(span.prefix.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let common_prefix = after
        .chars()
        .zip(span.suffix.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let p = span.prefix.chars().count().max(1) as f64;
    let s = span.suffix.chars().count().max(1) as f64;
    common_suffix as f64 / p + common_prefix as f64 / s
}

/// 0..1: how far a candidate is from the old position, relative to the text.
fn distance_penalty(old: usize, new: usize, len: usize) -> f64 {
    old.abs_diff(new) as f64 / len.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::make_span;

    #[test]
    fn exact_offsets_stay() {
        let t = "one two three";
        let s = make_span(t, 4, 7);
        assert_eq!(reanchor(t, &CharMap::new(t), &s), Placement::Exact);
    }

    #[test]
    fn moved_quote_is_found_by_context() {
        let old = "said A. Then B said A. End";
        let s = make_span(old, 20, 21); // the second "A"
        let new = "Intro. said A. Then B said A. End";
        match reanchor(new, &CharMap::new(new), &s) {
            Placement::Moved(m) => assert_eq!((m.start, m.end), (27, 28)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn small_edit_inside_quote_is_tolerated() {
        let old = "Preface. The number of political prisoners has reached a record, it said.";
        let s = make_span(old, 9, 64);
        let new = "Preface, longer now. The number of politcal prisoners has reached a record high, it said.";
        match reanchor(new, &CharMap::new(new), &s) {
            Placement::Moved(m) => {
                assert!(m.exact.starts_with("The number of politcal"), "{}", m.exact);
                assert!(m.exact.contains("reached a record"), "{}", m.exact);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_short_quote_is_not_placed_on_a_lookalike_elsewhere() {
        let old =
            "Headline\n\nFacebook App\n\nThe story. Later: Facebook partners with researchers.";
        let start = old.find("Facebook App").unwrap();
        let s = make_span(old, start, start + 12);
        let new = "Headline\n\nThe story. Later: Facebook partners with researchers.";
        assert_eq!(reanchor(new, &CharMap::new(new), &s), Placement::Orphan);
        // The same small edit where the context still agrees is accepted.
        let new =
            "Headline\n\nFacebok App\n\nThe story. Later: Facebook partners with researchers.";
        assert!(matches!(
            reanchor(new, &CharMap::new(new), &s),
            Placement::Moved(_)
        ));
    }

    #[test]
    fn vanished_quote_is_orphaned() {
        let old = "The minister resigned on Tuesday after the vote.";
        let s = make_span(old, 4, 22);
        let new = "Completely different text about the weather today.";
        assert_eq!(reanchor(new, &CharMap::new(new), &s), Placement::Orphan);
    }
}
