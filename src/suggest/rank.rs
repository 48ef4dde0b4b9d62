//! Learning to rank: a small logistic regression that scores a candidate by what the project
//! shows about candidates like it, trained afresh from the project each time suggestions are
//! asked for (like the rest of [`super::learn`]; nothing is stored).
//!
//! Examples are the rules' candidates in the project's annotated documents: a candidate whose
//! cue the researcher marked is a positive, any other a negative; a candidate whose content a
//! rejected suggestion covers is a negative too, in any document. Features (hashed into a
//! fixed table of weights): the rule, the pattern, the cue word (its lexicon lemma or stem) and
//! the word with the pattern, a quotation as content, a source mention and whether it is a
//! pronoun, the paragraph (first, early, later), and two numbers: the rule's own confidence and
//! the reliability the project shows for the cue word and rule (without the example itself).
//!
//! Training is plain stochastic gradient descent with a little L2 (a few dozen lines; a crate
//! such as `linfa-logistic` would bring `ndarray` and an optimiser for a model of a few hundred
//! weights trained on at most some tens of thousands of rows). The order of examples is a fixed
//! permutation, so the same project always gives the same scores.

use super::lexicon::Lexicon;
use super::rules::Candidate;
use super::tokens::{Analysis, Mark};

/// Weights in the hashed table.
const DIM: usize = 1 << 12;
/// Fewer examples than this, or fewer than [`MIN_CLASS`] of either label: no model.
const MIN_EXAMPLES: usize = 40;
const MIN_CLASS: usize = 8;
const EPOCHS: usize = 12;
const RATE: f32 = 0.1;
const L2: f32 = 1e-4;

/// A candidate's features: (index, value) pairs.
pub type Features = Vec<(usize, f32)>;

fn slot(parts: &[&str]) -> usize {
    // FNV-1a: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in p.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h % (DIM as u64 - 3)) as usize + 3
}

fn logit(p: f32) -> f32 {
    let p = p.clamp(0.02, 0.98);
    (p / (1.0 - p)).ln()
}

/// The features of candidate `c` of analysis `a`; `reliability` is the confidence the project's
/// counts give it ([`super::Knowledge::adjust`]).
pub fn features(a: &Analysis, lex: &Lexicon, c: &Candidate, reliability: f32) -> Features {
    let key = lex.cue_key(&a.lower[c.head]).unwrap_or_default();
    let rule = c.rule.name();
    let pattern = format!("{:?}", c.pattern);
    let quoted = c.content.first().is_some_and(|r| {
        let t = a.tokens.partition_point(|t| t.start < r.start);
        a.tokens.get(t).is_some_and(|t| t.mark == Mark::Open)
    });
    let pronoun = c.mention.as_ref().is_some_and(|m| {
        let t = a.tokens.partition_point(|t| t.start < m.start);
        m.end - m.start <= 4 && a.lower.get(t).is_some_and(|w| lex.pronouns.contains(w))
    });
    let para = match a.tokens[c.head].para {
        0 => "0",
        1..=4 => "early",
        _ => "later",
    };
    let mut f: Features = vec![
        (0, 1.0),
        (1, logit(c.confidence)),
        (2, logit(reliability)),
        (slot(&["rule", rule]), 1.0),
        (slot(&["pattern", &pattern]), 1.0),
        (slot(&["cue", &key]), 1.0),
        (slot(&["cue+pattern", &key, &pattern]), 1.0),
        (slot(&["rule+quoted", rule, &quoted.to_string()]), 1.0),
        (slot(&["para", para]), 1.0),
    ];
    let mention = match (&c.mention, pronoun) {
        (None, _) => "none",
        (Some(_), true) => "pronoun",
        (Some(_), false) => "named",
    };
    f.push((slot(&["mention", mention]), 1.0));
    f
}

/// A trained model (or none: too few examples).
#[derive(Debug, Clone, Default)]
pub struct Ranker {
    w: Vec<f32>,
}

impl Ranker {
    /// Train on `(features, right)` examples; `None` when there are too few of either kind.
    pub fn train(examples: &[(Features, bool)]) -> Option<Ranker> {
        let pos = examples.iter().filter(|e| e.1).count();
        let neg = examples.len() - pos;
        if examples.len() < MIN_EXAMPLES || pos < MIN_CLASS || neg < MIN_CLASS {
            return None;
        }
        let mut w = vec![0f32; DIM];
        // Start from the rule's own confidence: weight 1 on its logit.
        w[1] = 1.0;
        let n = examples.len();
        // A fixed permutation: a stride coprime with n.
        let mut stride = (n / 2 + 1) | 1;
        while gcd(stride, n) != 1 {
            stride += 2;
        }
        for epoch in 0..EPOCHS {
            let rate = RATE / (1.0 + epoch as f32 * 0.5);
            let mut k = epoch % n;
            for _ in 0..n {
                let (f, y) = &examples[k];
                let p = sigmoid(dot(&w, f));
                let g = p - if *y { 1.0 } else { 0.0 };
                for &(i, v) in f {
                    w[i] -= rate * (g * v + L2 * w[i]);
                }
                k = (k + stride) % n;
            }
        }
        Some(Ranker { w })
    }

    /// The probability that a candidate with these features is right.
    pub fn score(&self, f: &Features) -> f32 {
        sigmoid(dot(&self.w, f))
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

fn dot(w: &[f32], f: &Features) -> f32 {
    f.iter().map(|&(i, v)| w[i] * v).sum()
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(cue: &str, quoted: bool, right: bool) -> (Features, bool) {
        let mut f = vec![(0, 1.0), (1, logit(0.5)), (2, logit(0.5))];
        f.push((slot(&["cue", cue]), 1.0));
        f.push((slot(&["quoted", &quoted.to_string()]), 1.0));
        (f, right)
    }

    #[test]
    fn too_few_examples_make_no_model() {
        let few: Vec<_> = (0..10)
            .map(|k| ex("vent", k % 2 == 0, k % 2 == 0))
            .collect();
        assert!(Ranker::train(&few).is_none());
        let one_kind: Vec<_> = (0..100).map(|_| ex("vent", true, true)).collect();
        assert!(Ranker::train(&one_kind).is_none());
    }

    #[test]
    fn a_cue_marked_with_a_quotation_outranks_the_same_cue_without() {
        // "vented" is right with a quotation, wrong without; "mused" right half the time.
        let mut data = Vec::new();
        for k in 0..60 {
            data.push(ex("vent", true, true));
            data.push(ex("vent", false, k % 10 == 0));
            data.push(ex("muse", k % 2 == 0, k % 4 < 2));
        }
        let r = Ranker::train(&data).expect("enough examples");
        let with = r.score(&ex("vent", true, true).0);
        let without = r.score(&ex("vent", false, true).0);
        let muse = r.score(&ex("muse", true, true).0);
        assert!(with > 0.8, "{with}");
        assert!(without < 0.3, "{without}");
        assert!(muse > without && muse < with, "{muse}");
        // The same data, the same model.
        let again = Ranker::train(&data).expect("enough examples");
        assert_eq!(again.score(&ex("vent", true, true).0), with);
    }
}
