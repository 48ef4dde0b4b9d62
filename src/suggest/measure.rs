//! The measure suggestions are judged by (ATTRIBUTION-GUIDE.md, "How suggestions are measured"):
//!
//! A suggestion matches a human attribution when their content characters (whitespace not
//! counted) overlap by at least half of the smaller of the two, and their cues share at least
//! one character; matching is one-to-one, largest overlap first. Precision is matched /
//! suggested, recall is matched / human. Source accuracy: among matches, the suggested source
//! span overlaps the human's (or both have none).

use crate::model::Claim;
use std::ops::Range;

/// The spans of one attribution, as char ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attr {
    pub content: Vec<Range<usize>>,
    pub cue: Vec<Range<usize>>,
    pub mention: Vec<Range<usize>>,
}

impl Attr {
    pub fn of_claim(c: &Claim) -> Attr {
        let r = |s: &crate::model::Span| s.start..s.end;
        Attr {
            content: c.content.iter().map(r).collect(),
            cue: c
                .attribution
                .as_ref()
                .map(|a| a.cue.iter().map(r).collect())
                .unwrap_or_default(),
            mention: c
                .attribution
                .as_ref()
                .map(|a| a.mention.iter().map(r).collect())
                .unwrap_or_default(),
        }
    }
}

/// Counts from which the figures follow; add them up over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    pub suggested: usize,
    pub human: usize,
    pub matched: usize,
    /// Matches whose source spans agree (overlap, or both absent).
    pub source_right: usize,
}

impl Score {
    pub fn add(&mut self, o: Score) {
        self.suggested += o.suggested;
        self.human += o.human;
        self.matched += o.matched;
        self.source_right += o.source_right;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.suggested)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.human)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn source_accuracy(&self) -> f64 {
        ratio(self.source_right, self.matched)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Non-whitespace chars before each char offset of a text (`len + 1` entries).
pub fn visible_prefix(text: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len() + 1);
    let mut n = 0u32;
    out.push(0);
    for c in text.chars() {
        if !c.is_whitespace() {
            n += 1;
        }
        out.push(n);
    }
    out
}

fn visible(prefix: &[u32], r: &Range<usize>) -> u32 {
    let e = r.end.min(prefix.len() - 1);
    let s = r.start.min(e);
    prefix[e] - prefix[s]
}

fn visible_all(prefix: &[u32], rs: &[Range<usize>]) -> u32 {
    rs.iter().map(|r| visible(prefix, r)).sum()
}

fn visible_overlap(prefix: &[u32], a: &[Range<usize>], b: &[Range<usize>]) -> u32 {
    let mut n = 0;
    for x in a {
        for y in b {
            let s = x.start.max(y.start);
            let e = x.end.min(y.end);
            if s < e {
                n += visible(prefix, &(s..e));
            }
        }
    }
    n
}

fn any_overlap(a: &[Range<usize>], b: &[Range<usize>]) -> bool {
    a.iter()
        .any(|x| b.iter().any(|y| x.start < y.end && y.start < x.end))
}

/// The one-to-one matching of `suggested` against `human` on one text: pairs of indices
/// (human, suggested), largest content overlap first.
pub fn matching(prefix: &[u32], human: &[Attr], suggested: &[Attr]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (h, ha) in human.iter().enumerate() {
        let hv = visible_all(prefix, &ha.content);
        for (s, sa) in suggested.iter().enumerate() {
            if !any_overlap(&ha.cue, &sa.cue) {
                continue;
            }
            let ov = visible_overlap(prefix, &ha.content, &sa.content);
            let sv = visible_all(prefix, &sa.content);
            let smaller = hv.min(sv);
            if ov > 0 && 2 * ov >= smaller {
                pairs.push((ov, h, s));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_h = vec![false; human.len()];
    let mut used_s = vec![false; suggested.len()];
    let mut out = Vec::new();
    for (_, h, s) in pairs {
        if !used_h[h] && !used_s[s] {
            used_h[h] = true;
            used_s[s] = true;
            out.push((h, s));
        }
    }
    out
}

/// Score suggestions against a human's attributions of one text.
pub fn score(text: &str, human: &[Attr], suggested: &[Attr]) -> Score {
    let prefix = visible_prefix(text);
    let m = matching(&prefix, human, suggested);
    let source_right = m
        .iter()
        .filter(|&&(h, s)| {
            let (hm, sm) = (&human[h].mention, &suggested[s].mention);
            (hm.is_empty() && sm.is_empty()) || any_overlap(hm, sm)
        })
        .count();
    Score {
        suggested: suggested.len(),
        human: human.len(),
        matched: m.len(),
        source_right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(content: &[Range<usize>], cue: Range<usize>, mention: Option<Range<usize>>) -> Attr {
        Attr {
            content: content.to_vec(),
            cue: vec![cue],
            mention: mention.into_iter().collect(),
        }
    }

    #[test]
    fn half_of_the_smaller_without_whitespace_and_a_shared_cue_char() {
        // 0         1         2         3
        // 0123456789012345678901234567890123456789
        let text = "aaaa bbbb cccc dddd, he said. xx";
        let human = [attr(&[0..19], 24..28, Some(21..23))];
        // Content "cccc dddd" is 8 visible of the smaller 8: a match; mention overlaps.
        let s = score(text, &human, &[attr(&[10..19], 24..28, Some(21..23))]);
        assert_eq!((s.matched, s.source_right), (1, 1));
        // A longer suggestion covering all 16 visible human chars: the smaller is the human's.
        let s = score(text, &human, &[attr(&[0..30], 24..28, None)]);
        assert_eq!(s.matched, 1);
        // "dddd, he said. xx": 4 shared of the smaller 14 — under half.
        let s = score(text, &human, &[attr(&[15..32], 24..28, None)]);
        assert_eq!(s.matched, 0);
        // No shared cue char.
        let s = score(text, &human, &[attr(&[0..19], 21..23, None)]);
        assert_eq!(s.matched, 0);
        // Source wrong: mention absent on one side only.
        let s = score(text, &human, &[attr(&[0..19], 26..27, None)]);
        assert_eq!((s.matched, s.source_right), (1, 0));
    }

    #[test]
    fn one_to_one_largest_overlap_first() {
        let text = "aaaa bbbb cccc dddd eeee ffff, she said.";
        let human = [attr(&[0..9], 35..39, None), attr(&[0..29], 35..39, None)];
        let sugg = [attr(&[0..29], 35..39, None)];
        let s = score(text, &human, &sugg);
        assert_eq!((s.matched, s.suggested, s.human), (1, 1, 2));
        let m = matching(&visible_prefix(text), &human, &sugg);
        assert_eq!(m, [(1, 0)], "the larger overlap wins");
        assert!((s.precision() - 1.0).abs() < 1e-9 && (s.recall() - 0.5).abs() < 1e-9);
    }
}
