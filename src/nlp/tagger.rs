//! An averaged-perceptron part-of-speech tagger (Collins 2002; the greedy left-to-right design
//! of Honnibal's "A good POS tagger in about 200 lines of Python", 2013).
//!
//! Written by hand: no Rust crate ships a trainable English tagger with a model we may
//! redistribute. Each class is a Universal Dependencies pair "UPOS XPOS" (e.g. "VERB VBN"), so
//! one pass gives the coarse tag and the Penn Treebank tag that tells a past participle from a
//! past tense. Features are hashed to 32 bits (FNV-1a) so that tagging allocates no feature
//! strings; weights are stored as 16-bit integers.

use super::conllu::Sentence;
use rustc_hash::FxHashMap;
use std::io::{Read, Write};
use thiserror::Error;

/// The Universal Dependencies coarse part-of-speech tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

const UPOS_NAMES: [(&str, Upos); 17] = [
    ("ADJ", Upos::Adj),
    ("ADP", Upos::Adp),
    ("ADV", Upos::Adv),
    ("AUX", Upos::Aux),
    ("CCONJ", Upos::Cconj),
    ("DET", Upos::Det),
    ("INTJ", Upos::Intj),
    ("NOUN", Upos::Noun),
    ("NUM", Upos::Num),
    ("PART", Upos::Part),
    ("PRON", Upos::Pron),
    ("PROPN", Upos::Propn),
    ("PUNCT", Upos::Punct),
    ("SCONJ", Upos::Sconj),
    ("SYM", Upos::Sym),
    ("VERB", Upos::Verb),
    ("X", Upos::X),
];

impl Upos {
    pub fn from_name(s: &str) -> Option<Upos> {
        UPOS_NAMES.iter().find(|(n, _)| *n == s).map(|(_, u)| *u)
    }

    pub fn name(self) -> &'static str {
        UPOS_NAMES
            .iter()
            .find(|(_, u)| *u == self)
            .map_or("X", |(n, _)| n)
    }
}

/// A Penn Treebank tag ("NN", "VBD", "-LRB-"), at most 6 bytes, stored inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Xpos {
    bytes: [u8; 6],
    len: u8,
}

impl Xpos {
    fn new(s: &str) -> Option<Xpos> {
        let b = s.as_bytes();
        if b.len() > 6 || !s.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 6];
        bytes[..b.len()].copy_from_slice(b);
        Some(Xpos {
            bytes,
            len: b.len() as u8,
        })
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }
}

/// The tag of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pos {
    pub upos: Upos,
    pub xpos: Xpos,
}

impl Pos {
    /// A verb or auxiliary with a finite or infinitive form (not a participle or gerund).
    pub fn is_finite_verb(&self) -> bool {
        matches!(self.upos, Upos::Verb | Upos::Aux)
            && matches!(self.xpos.as_str(), "VBD" | "VBZ" | "VBP" | "VB" | "MD")
    }
}

#[derive(Debug, Error)]
#[error(
    "the part-of-speech model is damaged ({0}); rebuild it with \
     `cargo run --release --example train_tagger -- EWT_DIR assets/nlp/en_ewt_tagger.bin`"
)]
pub struct ModelError(pub String);

// ---------------------------------------------------------------------------------------------
// Features

/// FNV-1a over the parts of one feature, folded to 32 bits.
struct Fh(u64);

impl Fh {
    fn new(template: u8) -> Fh {
        let mut h = Fh(0xcbf2_9ce4_8422_2325);
        h.byte(template);
        h
    }
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fn s(mut self, s: &str) -> Fh {
        for &b in s.as_bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }
    fn t(mut self, class: u16) -> Fh {
        for b in class.to_le_bytes() {
            self.byte(b);
        }
        self.byte(0xfe);
        self
    }
    fn n(mut self, v: u64) -> Fh {
        for b in v.to_le_bytes() {
            self.byte(b);
        }
        self
    }
    fn done(self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32
    }
}

/// A word as the features see it: lower case, typographic quotes and apostrophes made plain,
/// numbers folded.
fn normalise(w: &str) -> String {
    let mut s = String::new();
    normalise_into(w, &mut s);
    s
}

/// [`normalise`], appended to `out`.
fn normalise_into(w: &str, out: &mut String) {
    let start = out.len();
    if w.is_ascii() {
        // The common case, without intermediate strings (the same result: no typographic
        // marks to replace, and ASCII lower case is Unicode lower case for ASCII).
        out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        let plain: String = w
            .chars()
            .map(|c| match c {
                '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
                _ => c,
            })
            .collect();
        out.push_str(&plain.to_lowercase());
    }
    let s = &out[start..];
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if digits > 0 {
        let year = digits == 4 && s.chars().count() == 4;
        let number = s.chars().next().is_some_and(|c| c.is_ascii_digit());
        if year || number {
            out.truncate(start);
            out.push_str(if year { "!year" } else { "!digits" });
        }
    }
}

/// The shape of a word: "Smith" → "Xx", "U.S." → "X.X.", "3.5" → "d.d" (runs collapsed),
/// appended to `out`.
fn shape_into(w: &str, out: &mut String) {
    let start = out.len();
    let mut last = None;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if last != Some(k) {
            out.push(k);
            last = Some(k);
        }
        if out.len() - start > 8 {
            break;
        }
    }
}

/// Strings kept in one buffer: one allocation per sentence rather than one per word.
#[derive(Default)]
struct Strings {
    buf: String,
    ends: Vec<usize>,
}

impl Strings {
    /// Append a string written by `write` (into the buffer's end).
    fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.buf);
        self.ends.push(self.buf.len());
    }

    fn push(&mut self, s: &str) {
        self.push_with(|b| b.push_str(s));
    }

    fn get(&self, k: usize) -> &str {
        let start = k.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.buf[start..self.ends[k]]
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// The last `n` chars of `s` (all of it when shorter).
fn suffix(s: &str, n: usize) -> &str {
    let k = s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &s[k..]
}

fn prefix(s: &str, n: usize) -> &str {
    let k = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..k]
}

/// A sentence prepared for feature extraction (padded by two on each side).
struct Context {
    norm: Strings,
    shape: Strings,
    /// The classes each word has most often in the training data (its ambiguity class).
    amb: Vec<[u8; 3]>,
}

/// The key of a word in the tag dictionary.
fn word_key(norm: &str) -> u32 {
    Fh::new(255).s(norm).done()
}

const NO_AMB: [u8; 3] = [255; 3];

/// How many tag-independent features [`Context::word_features`] gives each word.
const WORD_FEATURES: usize = 22;

impl Context {
    fn new<S: AsRef<str>>(words: &[S], dict: &FxHashMap<u32, [u8; 3]>) -> Context {
        let mut norm = Strings::default();
        let mut sh = Strings::default();
        norm.buf.reserve(words.len() * 8);
        sh.buf.reserve(words.len() * 4);
        norm.push("-start-");
        norm.push("-start2-");
        sh.push("");
        sh.push("");
        let mut amb = Vec::with_capacity(words.len() + 4);
        amb.extend([NO_AMB; 2]);
        for w in words {
            norm.push_with(|b| normalise_into(w.as_ref(), b));
            amb.push(
                dict.get(&word_key(norm.get(norm.len() - 1)))
                    .copied()
                    .unwrap_or(NO_AMB),
            );
            sh.push_with(|b| shape_into(w.as_ref(), b));
        }
        norm.push("-end-");
        norm.push("-end2-");
        sh.push("");
        sh.push("");
        amb.push(NO_AMB);
        amb.push(NO_AMB);
        Context {
            norm,
            shape: sh,
            amb,
        }
    }

    /// The features of word `i` that do not depend on tags.
    fn word_features(&self, i: usize, out: &mut Vec<u32>) {
        let k = i + 2;
        let w = self.norm.get(k);
        let (wm1, wm2, wp1, wp2) = (
            self.norm.get(k - 1),
            self.norm.get(k - 2),
            self.norm.get(k + 1),
            self.norm.get(k + 2),
        );
        let sh = self.shape.get(k);
        out.push(Fh::new(0).done());
        out.push(Fh::new(1).s(w).done());
        out.push(Fh::new(2).s(suffix(w, 3)).done());
        out.push(Fh::new(3).s(prefix(w, 1)).done());
        out.push(Fh::new(8).s(wm1).done());
        out.push(Fh::new(9).s(suffix(wm1, 3)).done());
        out.push(Fh::new(10).s(wm2).done());
        out.push(Fh::new(11).s(wp1).done());
        out.push(Fh::new(12).s(suffix(wp1, 3)).done());
        out.push(Fh::new(13).s(wp2).done());
        out.push(Fh::new(14).s(suffix(w, 2)).done());
        out.push(Fh::new(15).s(suffix(w, 4)).done());
        out.push(Fh::new(16).s(sh).done());
        out.push(Fh::new(18).s(w).s(wp1).done());
        out.push(Fh::new(19).s(wm1).s(w).done());
        out.push(Fh::new(20).s(prefix(w, 3)).done());
        out.push(Fh::new(22).s(self.shape.get(k + 1)).done());
        out.push(Fh::new(23).s(self.shape.get(k - 1)).done());
        let (a0, a1, a2) = (self.amb(k), self.amb(k + 1), self.amb(k + 2));
        out.push(Fh::new(24).n(a0).done());
        out.push(Fh::new(25).n(a1).done());
        out.push(Fh::new(27).n(a0).n(a1).done());
        out.push(Fh::new(28).n(a1).n(a2).done());
    }

    fn amb(&self, k: usize) -> u64 {
        let mut h = Fh::new(0);
        for b in self.amb[k] {
            h.byte(b);
        }
        h.0
    }

    /// The features of word `i` that depend on the two previous tags and, in the second pass,
    /// on the first pass's tags of the next two words (`next`), appended to `out`.
    fn tag_features(
        &self,
        i: usize,
        p1: u16,
        p2: u16,
        next: Option<(u16, u16)>,
        out: &mut Vec<u32>,
    ) {
        let k = i + 2;
        let w = self.norm.get(k);
        out.push(Fh::new(4).t(p1).done());
        out.push(Fh::new(5).t(p2).done());
        out.push(Fh::new(6).t(p1).t(p2).done());
        out.push(Fh::new(7).t(p1).s(w).done());
        out.push(Fh::new(17).s(self.shape.get(k)).t(p1).done());
        out.push(Fh::new(21).t(p1).s(self.norm.get(k + 1)).done());
        out.push(Fh::new(26).t(p1).n(self.amb(k)).done());
        if let Some((n1, n2)) = next {
            out.push(Fh::new(40).t(n1).done());
            out.push(Fh::new(41).t(n2).done());
            out.push(Fh::new(42).t(n1).t(n2).done());
            out.push(Fh::new(43).t(p1).t(n1).done());
            out.push(Fh::new(44).s(w).t(n1).done());
            out.push(Fh::new(45).s(suffix(w, 3)).t(n1).done());
        }
    }

    /// Every word's tag-independent features, [`WORD_FEATURES`] per word, in one buffer (one
    /// allocation per sentence rather than one per word).
    fn all_word_features(&self) -> Vec<u32> {
        let words = self.norm.len() - 4;
        let mut v = Vec::with_capacity(words * WORD_FEATURES);
        for i in 0..words {
            self.word_features(i, &mut v);
        }
        debug_assert_eq!(v.len(), words * WORD_FEATURES);
        v
    }
}

// ---------------------------------------------------------------------------------------------
// The tagger

/// One pass's weights: feature → (class, weight) pairs.
#[derive(Default)]
struct Weights {
    /// Feature → its weights' range in `weights`.
    index: FxHashMap<u32, (u32, u8)>,
    weights: Vec<(u8, i16)>,
}

impl Weights {
    fn add_scores(&self, feats: &[u32], scores: &mut [i32]) {
        for f in feats {
            if let Some(&(start, len)) = self.index.get(f) {
                let s = start as usize;
                for &(c, w) in &self.weights[s..s + len as usize] {
                    scores[c as usize] += i32::from(w);
                }
            }
        }
    }

    fn decode(r: &mut Reader, n: usize) -> Result<Weights, ModelError> {
        let nf = r.u32()? as usize;
        if nf > r.b.len() {
            return Err(ModelError(format!("{nf} features in {} bytes", r.b.len())));
        }
        let mut keys = Vec::with_capacity(nf);
        let mut last = 0u32;
        for _ in 0..nf {
            last = last
                .checked_add(r.varint()?)
                .ok_or_else(|| ModelError("feature keys overflow".into()))?;
            keys.push(last);
        }
        let mut w = Weights::default();
        w.index.reserve(nf);
        for k in keys {
            let len = r.u8()?;
            w.index.insert(k, (w.weights.len() as u32, len));
            for _ in 0..len {
                let c = r.u8()?;
                if c as usize >= n {
                    return Err(ModelError(format!("class {c} of {n}")));
                }
                let x = i16::from_le_bytes([r.u8()?, r.u8()?]);
                w.weights.push((c, x));
            }
        }
        Ok(w)
    }
}

/// Add (class, weight) pairs to their classes' scores. (A class is a `u8`, so indexing a
/// 256-score array needs no bounds check in this, the innermost loop of tagging.)
fn add_weights(weights: &[(u8, i16)], scores: &mut Scores) {
    for &(c, w) in weights {
        scores[c as usize] += i32::from(w);
    }
}

/// A feature's (class, weight) pairs in the first and in the second pass.
type Record<'a> = (&'a [(u8, i16)], &'a [(u8, i16)]);

/// The record at `at` of an arena (see [`Tagger`]'s `arena`).
fn record_at(arena: &[(u8, i16)], at: u32) -> Record<'_> {
    let at = at as usize;
    let (n0, n1) = arena[at];
    let (n0, n1) = (usize::from(n0), usize::try_from(n1).unwrap_or(0));
    arena[at + 1..at + 1 + n0 + n1].split_at(n0)
}

/// One word's score for every class (at most 250 classes; the rest stay 0 and are never read).
type Scores = [i32; 256];

/// One pass's weights written as the model file has them: the feature keys (sorted, as
/// varint deltas), then each feature's weights.
fn encode_pass(raw: &mut Vec<u8>, mut entries: Vec<(u32, &[(u8, i16)])>) {
    entries.sort_unstable_by_key(|e| e.0);
    raw.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    let mut last = 0u32;
    for (k, _) in &entries {
        put_varint(raw, k - last);
        last = *k;
    }
    for (_, ws) in &entries {
        raw.push(ws.len() as u8);
        for &(c, w) in *ws {
            raw.push(c);
            raw.extend_from_slice(&w.to_le_bytes());
        }
    }
}

/// A trained tagger: a first left-to-right pass, and a second one that also sees the first
/// pass's tags of the next two words (so "turnout rose ." and "declined to comment" are read
/// with what follows).
pub struct Tagger {
    classes: Vec<Pos>,
    /// Word key → the classes it has most often in the training data (255: none).
    dict: FxHashMap<u32, [u8; 3]>,
    /// Feature → where its record starts in `arena`. Both passes' weights of a feature sit
    /// together in one record under one index: the passes share a word's tag-independent
    /// features, and tagging time is mostly cache misses on this model (larger than the
    /// cache), so one look-up and one nearby read serve both passes.
    index: FxHashMap<u32, u32>,
    /// The records: a header — the first pass's count of weights as its class byte, the
    /// second pass's count as its weight — then the first pass's (class, weight) pairs, then
    /// the second pass's.
    arena: Vec<(u8, i16)>,
    /// The features with many weights (the frequent ones: a suffix, the previous tag) also as
    /// a pair of dense rows, a weight for every class in each pass, `2 × classes` per feature:
    /// adding a whole row is a vector addition, far cheaper than as many scattered ones. An
    /// index value with [`DENSE`] set numbers its pair of rows.
    dense: Vec<i16>,
    /// Each pair of dense rows' record in `arena` (for [`Tagger::encode`]).
    dense_records: Vec<u32>,
}

/// The bit of an index value that makes it a pair of dense rows rather than a record.
const DENSE: u32 = 1 << 31;

/// Features with at least this many weights in a pass are kept as dense rows too.
const DENSE_MIN: usize = 12;

/// A feature's weights in one pass: (class, weight) pairs, or a weight for every class.
#[derive(Clone, Copy)]
enum Part<'a> {
    Sparse(&'a [(u8, i16)]),
    Dense(&'a [i16]),
}

impl Part<'_> {
    fn add_to(self, scores: &mut Scores) {
        match self {
            Part::Sparse(w) => add_weights(w, scores),
            Part::Dense(row) => {
                for (s, &w) in scores.iter_mut().zip(row) {
                    *s += i32::from(w);
                }
            }
        }
    }
}

const MAGIC: &[u8; 6] = b"CTPOS\x02";

/// Run one greedy pass over a sentence. `statics` holds each word's scores from its
/// tag-independent features (`n` per word); `add` adds the scores of the features that
/// depend on tags; `first` gives the first pass's tags in the second. The scores are integer
/// sums, so adding the two groups of features apart gives the same scores as adding them
/// together.
fn run_pass(
    ctx: &Context,
    statics: &[i32],
    n: u16,
    first: Option<&[u16]>,
    add: impl Fn(&[u32], &mut Scores),
) -> Vec<u16> {
    let (mut p1, mut p2) = (n, n + 1);
    let mut feats = Vec::with_capacity(16);
    let mut scores: Scores = [0; 256];
    let words = statics.len() / (n as usize).max(1);
    let mut out = Vec::with_capacity(words);
    for (i, st) in statics.chunks_exact(n as usize).enumerate() {
        feats.clear();
        let next = first.map(|t| next_tags(t, i, n));
        ctx.tag_features(i, p1, p2, next, &mut feats);
        scores[..st.len()].copy_from_slice(st);
        add(&feats, &mut scores);
        let best = argmax_i32(&scores[..st.len()]) as u16;
        out.push(best);
        p2 = p1;
        p1 = best;
    }
    out
}

/// One pass of `w` over a sentence (training: before the passes share an index).
fn run_weights(
    w: &Weights,
    ctx: &Context,
    stat: &[u32],
    n: u16,
    first: Option<&[u16]>,
) -> Vec<u16> {
    let mut statics = vec![0i32; stat.len() / WORD_FEATURES * n as usize];
    for (sf, st) in stat
        .chunks_exact(WORD_FEATURES)
        .zip(statics.chunks_exact_mut(n as usize))
    {
        w.add_scores(sf, st);
    }
    run_pass(ctx, &statics, n, first, |f, s| w.add_scores(f, &mut s[..]))
}

/// The first pass's tags of words `i + 1` and `i + 2` (end markers past the end).
fn next_tags(tags: &[u16], i: usize, n: u16) -> (u16, u16) {
    (
        tags.get(i + 1).copied().unwrap_or(n + 2),
        tags.get(i + 2).copied().unwrap_or(n + 3),
    )
}

impl Tagger {
    /// The tags of one sentence's words (treebank words: "do" "n't", "Smith" "'s").
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<Pos> {
        let ctx = Context::new(words, &self.dict);
        let stat = ctx.all_word_features();
        let n = self.classes.len() as u16;
        // Both passes' scores from the tag-independent features, one look-up per feature.
        let per = n as usize;
        let mut statics = [vec![0i32; words.len() * per], vec![0i32; words.len() * per]];
        let mut found: Vec<u32> = Vec::with_capacity(WORD_FEATURES);
        let mut records: Vec<(Part, Part)> = Vec::with_capacity(WORD_FEATURES);
        let [mut s0, mut s1]: [Scores; 2] = [[0; 256]; 2];
        for (i, sf) in stat.chunks_exact(WORD_FEATURES).enumerate() {
            // All of a word's look-ups first, then its records, then the additions: the reads
            // of each step do not depend on each other, so the processor overlaps their cache
            // misses (the model is larger than the cache; tagging waits on memory).
            found.clear();
            found.extend(sf.iter().filter_map(|f| self.index.get(f)));
            records.clear();
            records.extend(found.iter().map(|&v| self.parts(v)));
            s0.fill(0);
            s1.fill(0);
            for &(w0, w1) in &records {
                w0.add_to(&mut s0);
                w1.add_to(&mut s1);
            }
            statics[0][i * per..(i + 1) * per].copy_from_slice(&s0[..per]);
            statics[1][i * per..(i + 1) * per].copy_from_slice(&s1[..per]);
        }
        let add = |p: usize| {
            move |feats: &[u32], scores: &mut Scores| {
                // As above: the look-ups first, then the additions (a word has at most 13
                // such features; 16 at a time).
                for chunk in feats.chunks(16) {
                    let mut found = [0u32; 16];
                    let mut k = 0;
                    for f in chunk {
                        if let Some(&at) = self.index.get(f) {
                            found[k] = at;
                            k += 1;
                        }
                    }
                    for &v in &found[..k] {
                        let (w0, w1) = self.parts(v);
                        if p == 0 { w0 } else { w1 }.add_to(scores);
                    }
                }
            }
        };
        let first = run_pass(&ctx, &statics[0], n, None, add(0));
        run_pass(&ctx, &statics[1], n, Some(&first), add(1))
            .into_iter()
            .map(|c| self.classes[c as usize])
            .collect()
    }

    /// A tagger from its classes, tag dictionary and the two passes' weights.
    fn from_passes(
        classes: Vec<Pos>,
        dict: FxHashMap<u32, [u8; 3]>,
        first: Weights,
        second: Weights,
    ) -> Tagger {
        let mut keys: Vec<u32> = first
            .index
            .keys()
            .chain(second.index.keys())
            .copied()
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut index: FxHashMap<u32, u32> = FxHashMap::default();
        index.reserve(keys.len());
        let mut arena = Vec::with_capacity(keys.len() + first.weights.len() + second.weights.len());
        let of = |w: &Weights, k: u32| -> std::ops::Range<usize> {
            w.index
                .get(&k)
                .map_or(0..0, |&(s, len)| s as usize..s as usize + len as usize)
        };
        let n = classes.len();
        let (mut dense, mut dense_records) = (Vec::new(), Vec::new());
        for k in keys {
            let (r0, r1) = (of(&first, k), of(&second, k));
            let at = arena.len() as u32;
            // (A class listed twice for one feature, which training never writes, stays in
            // the record only: a row holds one weight per class.)
            let once = |w: &[(u8, i16)]| {
                let mut seen = [false; 256];
                w.iter()
                    .all(|&(c, _)| !std::mem::replace(&mut seen[c as usize], true))
            };
            let long = (r0.len() >= DENSE_MIN || r1.len() >= DENSE_MIN)
                && once(&first.weights[r0.clone()])
                && once(&second.weights[r1.clone()]);
            arena.push((r0.len() as u8, r1.len() as i16));
            arena.extend_from_slice(&first.weights[r0]);
            arena.extend_from_slice(&second.weights[r1]);
            if long {
                index.insert(k, dense_records.len() as u32 | DENSE);
                dense_records.push(at);
                let (w0, w1) = record_at(&arena, at);
                for w in [w0, w1] {
                    let row = dense.len();
                    dense.resize(row + n, 0);
                    for &(c, x) in w {
                        dense[row + c as usize] = x;
                    }
                }
            } else {
                index.insert(k, at);
            }
        }
        Tagger {
            classes,
            dict,
            index,
            arena,
            dense,
            dense_records,
        }
    }

    /// The first and the second pass's weights of a feature, by its index value.
    fn parts(&self, v: u32) -> (Part<'_>, Part<'_>) {
        if v & DENSE != 0 {
            let n = self.classes.len();
            let row = (v & !DENSE) as usize * 2 * n;
            let (r0, r1) = self.dense[row..row + 2 * n].split_at(n);
            (Part::Dense(r0), Part::Dense(r1))
        } else {
            let (w0, w1) = self.record(v);
            (Part::Sparse(w0), Part::Sparse(w1))
        }
    }

    /// The first and the second pass's (class, weight) pairs of the record at `at`.
    fn record(&self, at: u32) -> Record<'_> {
        record_at(&self.arena, at)
    }

    /// The features of pass `p` with their (class, weight) pairs.
    fn pass_entries(&self, p: usize) -> Vec<(u32, &[(u8, i16)])> {
        self.index
            .iter()
            .map(|(&k, &v)| {
                let at = if v & DENSE != 0 {
                    self.dense_records[(v & !DENSE) as usize]
                } else {
                    v
                };
                let (w0, w1) = self.record(at);
                (k, if p == 0 { w0 } else { w1 })
            })
            .filter(|(_, w)| !w.is_empty())
            .collect()
    }

    /// The model as bytes (deflated), as `assets/nlp/` holds it.
    pub fn encode(&self) -> Vec<u8> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&(self.classes.len() as u16).to_le_bytes());
        for c in &self.classes {
            let name = format!("{} {}", c.upos.name(), c.xpos.as_str());
            raw.push(name.len() as u8);
            raw.extend_from_slice(name.as_bytes());
        }
        for p in 0..2 {
            encode_pass(&mut raw, self.pass_entries(p));
        }
        let mut dkeys: Vec<u32> = self.dict.keys().copied().collect();
        dkeys.sort_unstable();
        raw.extend_from_slice(&(dkeys.len() as u32).to_le_bytes());
        let mut last = 0u32;
        for k in &dkeys {
            put_varint(&mut raw, k - last);
            last = *k;
        }
        for k in &dkeys {
            raw.extend_from_slice(&self.dict[k]);
        }
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing into a Vec cannot fail.
        let _ = enc.write_all(&raw);
        enc.finish().unwrap_or_default()
    }

    /// A model from [`Tagger::encode`]'s bytes.
    pub fn decode(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(bytes)
            .take(64 << 20)
            .read_to_end(&mut raw)
            .map_err(|e| ModelError(format!("not deflate data: {e}")))?;
        let mut r = Reader { b: &raw, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError(
                "not a Claimtrace tagger model of this version".into(),
            ));
        }
        let n = r.u16()? as usize;
        if n == 0 || n > 250 {
            return Err(ModelError(format!("{n} classes")));
        }
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let len = r.u8()? as usize;
            let name = std::str::from_utf8(r.take(len)?)
                .map_err(|_| ModelError("a class name is not UTF-8".into()))?;
            let (u, x) = name
                .split_once(' ')
                .ok_or_else(|| ModelError(format!("class {name:?}")))?;
            let upos = Upos::from_name(u).ok_or_else(|| ModelError(format!("UPOS {u:?}")))?;
            let xpos = Xpos::new(x).ok_or_else(|| ModelError(format!("XPOS {x:?}")))?;
            classes.push(Pos { upos, xpos });
        }
        let first = Weights::decode(&mut r, n)?;
        let second = Weights::decode(&mut r, n)?;
        let nd = r.u32()? as usize;
        if nd > raw.len() {
            return Err(ModelError(format!(
                "{nd} dictionary words in {} bytes",
                raw.len()
            )));
        }
        let mut dkeys = Vec::with_capacity(nd);
        let mut last = 0u32;
        for _ in 0..nd {
            last = last
                .checked_add(r.varint()?)
                .ok_or_else(|| ModelError("dictionary keys overflow".into()))?;
            dkeys.push(last);
        }
        let mut dict = FxHashMap::default();
        dict.reserve(nd);
        for k in dkeys {
            let c = r.take(3)?;
            if c.iter().any(|&c| c != 255 && c as usize >= n) {
                return Err(ModelError(format!("dictionary class of {n}")));
            }
            dict.insert(k, [c[0], c[1], c[2]]);
        }
        if r.at != raw.len() {
            return Err(ModelError("trailing bytes".into()));
        }
        Ok(Tagger::from_passes(classes, dict, first, second))
    }

    /// How many features and weights the model has (both passes).
    pub fn size(&self) -> (usize, usize) {
        (
            self.pass_entries(0).len() + self.pass_entries(1).len(),
            self.arena.len() - self.index.len(),
        )
    }
}

fn argmax_i32(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let s = self
            .b
            .get(self.at..self.at.saturating_add(n))
            .ok_or_else(|| ModelError("truncated".into()))?;
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn varint(&mut self) -> Result<u32, ModelError> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= u32::from(b & 0x7f)
                .checked_shl(shift)
                .ok_or_else(|| ModelError("bad varint".into()))?;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError("bad varint".into()))
    }
}

// ---------------------------------------------------------------------------------------------
// Training

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Iterations of each pass.
    pub iterations: usize,
    /// Features seen fewer times than this in the training data are dropped from the model.
    pub min_count: u32,
    /// Averaged weights smaller than this (in absolute value) are dropped from the model.
    pub min_weight: f32,
    /// Words seen at least this often get a tag-dictionary entry.
    pub dict_min_count: u32,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 10,
            min_count: 2,
            min_weight: 0.05,
            dict_min_count: 3,
            seed: 7,
        }
    }
}

#[derive(Clone, Copy)]
struct Param {
    class: u16,
    w: f32,
    total: f64,
    stamp: u32,
}

/// A training sentence: its context, tag-independent features ([`WORD_FEATURES`] per word)
/// and gold classes.
struct Example {
    ctx: Context,
    stat: Vec<u32>,
    gold: Vec<u16>,
}

/// Train a tagger on treebank sentences (at most 250 classes, the most frequent). Words whose
/// "UPOS XPOS" pair is unusable (an XPOS longer than six bytes, an unknown UPOS) are tagged "X".
/// `progress` is called after each iteration with (pass, iteration).
pub fn train(
    sentences: &[Sentence],
    opts: TrainOptions,
    mut progress: impl FnMut(usize, usize),
) -> Tagger {
    let fallback = Pos {
        upos: Upos::X,
        xpos: Xpos {
            bytes: [b'X', 0, 0, 0, 0, 0],
            len: 1,
        },
    };
    let pos_of = |upos: &str, xpos: &str| -> Pos {
        match (Upos::from_name(upos), Xpos::new(xpos)) {
            (Some(upos), Some(xpos)) => Pos { upos, xpos },
            _ => fallback,
        }
    };
    // Classes, most frequent first.
    let mut counts: FxHashMap<Pos, usize> = FxHashMap::default();
    for s in sentences {
        for w in &s.words {
            *counts.entry(pos_of(&w.upos, &w.xpos)).or_default() += 1;
        }
    }
    let mut classes: Vec<(Pos, usize)> = counts.into_iter().collect();
    classes.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.upos.cmp(&b.0.upos))
            .then_with(|| a.0.xpos.as_str().cmp(b.0.xpos.as_str()))
    });
    classes.truncate(250);
    let classes: Vec<Pos> = classes.into_iter().map(|(p, _)| p).collect();
    let class_of: FxHashMap<Pos, u16> = classes
        .iter()
        .enumerate()
        .map(|(i, p)| (*p, i as u16))
        .collect();
    let n = classes.len() as u16;
    let gold_of = |w: &super::conllu::Word| {
        class_of
            .get(&pos_of(&w.upos, &w.xpos))
            .copied()
            .unwrap_or(0)
    };
    // The tag dictionary: each word seen `dict_min_count` times or more, with the classes it
    // has at least 5% of the time, most frequent first.
    let mut seen: FxHashMap<u32, FxHashMap<u16, u32>> = FxHashMap::default();
    for s in sentences {
        for w in &s.words {
            *seen
                .entry(word_key(&normalise(&w.form)))
                .or_default()
                .entry(gold_of(w))
                .or_default() += 1;
        }
    }
    let mut dict: FxHashMap<u32, [u8; 3]> = FxHashMap::default();
    for (k, cs) in seen {
        let total: u32 = cs.values().sum();
        if total < opts.dict_min_count {
            continue;
        }
        let mut cs: Vec<(u16, u32)> = cs.into_iter().collect();
        cs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut e = NO_AMB;
        for (slot, (c, m)) in cs.iter().take(3).enumerate() {
            if *m * 20 >= total {
                e[slot] = *c as u8;
            }
        }
        dict.insert(k, e);
    }
    let data: Vec<Example> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let ctx = Context::new(&words, &dict);
            let stat = ctx.all_word_features();
            Example {
                ctx,
                stat,
                gold: s.words.iter().map(gold_of).collect(),
            }
        })
        .collect();
    let first = perceptron(&data, None, n, opts, |it| progress(1, it));
    let first_tags: Vec<Vec<u16>> = data
        .iter()
        .map(|e| run_weights(&first, &e.ctx, &e.stat, n, None))
        .collect();
    let second = perceptron(&data, Some(&first_tags), n, opts, |it| progress(2, it));
    Tagger::from_passes(classes, dict, first, second)
}

/// Train one pass (averaged perceptron), pruned and quantised.
fn perceptron(
    data: &[Example],
    first: Option<&[Vec<u16>]>,
    n: u16,
    opts: TrainOptions,
    mut progress: impl FnMut(usize),
) -> Weights {
    let mut params: FxHashMap<u32, Vec<Param>> = FxHashMap::default();
    let mut freq: FxHashMap<u32, u32> = FxHashMap::default();
    let mut now: u32 = 0;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = opts.seed | 1;
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0f32; n as usize];
    for iter in 0..opts.iterations {
        // Fisher–Yates with xorshift: the same order on every run.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &si in &order {
            let e = &data[si];
            let (mut p1, mut p2) = (n, n + 1);
            for (i, &g) in e.gold.iter().enumerate() {
                feats.clear();
                feats.extend_from_slice(&e.stat[i * WORD_FEATURES..(i + 1) * WORD_FEATURES]);
                let next = first.map(|t| next_tags(&t[si], i, n));
                e.ctx.tag_features(i, p1, p2, next, &mut feats);
                now += 1;
                scores.iter_mut().for_each(|s| *s = 0.0);
                for f in &feats {
                    if iter == 0 {
                        *freq.entry(*f).or_default() += 1;
                    }
                    if let Some(ps) = params.get(f) {
                        for p in ps {
                            scores[p.class as usize] += p.w;
                        }
                    }
                }
                let mut guess = 0usize;
                for (c, &s) in scores.iter().enumerate() {
                    if s > scores[guess] {
                        guess = c;
                    }
                }
                let guess = guess as u16;
                if guess != g {
                    for f in &feats {
                        let ps = params.entry(*f).or_default();
                        for (class, delta) in [(g, 1.0f32), (guess, -1.0)] {
                            match ps.iter_mut().find(|p| p.class == class) {
                                Some(p) => {
                                    p.total += f64::from(now - p.stamp) * f64::from(p.w);
                                    p.stamp = now;
                                    p.w += delta;
                                }
                                None => ps.push(Param {
                                    class,
                                    w: delta,
                                    total: 0.0,
                                    stamp: now,
                                }),
                            }
                        }
                    }
                }
                p2 = p1;
                p1 = guess;
            }
        }
        progress(iter + 1);
    }
    // Averages, pruned and quantised.
    let mut avg: Vec<(u32, Vec<(u8, f32)>)> = Vec::new();
    let mut max = 0f32;
    for (f, ps) in &params {
        if freq.get(f).copied().unwrap_or(0) < opts.min_count {
            continue;
        }
        let mut ws = Vec::new();
        for p in ps {
            let total = p.total + f64::from(now - p.stamp) * f64::from(p.w);
            let a = (total / f64::from(now.max(1))) as f32;
            if a.abs() >= opts.min_weight {
                ws.push((p.class as u8, a));
                max = max.max(a.abs());
            }
        }
        if !ws.is_empty() {
            avg.push((*f, ws));
        }
    }
    let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
    let mut out = Weights::default();
    avg.sort_by_key(|(f, _)| *f);
    for (f, ws) in avg {
        let start = out.weights.len();
        for (c, a) in ws.into_iter().take(255) {
            let q = (a * scale).round().clamp(-32767.0, 32767.0) as i16;
            if q != 0 {
                out.weights.push((c, q));
            }
        }
        let len = out.weights.len() - start;
        if len > 0 {
            out.index.insert(f, (start as u32, len as u8));
        }
    }
    out
}

/// Share of words whose UPOS and whose XPOS the tagger gets right, over `sentences`.
pub fn accuracy(tagger: &Tagger, sentences: &[Sentence]) -> (f64, f64) {
    let (mut upos, mut xpos, mut all) = (0usize, 0usize, 0usize);
    for s in sentences {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        for (p, w) in tagger.tag(&words).iter().zip(&s.words) {
            all += 1;
            upos += usize::from(p.upos.name() == w.upos);
            xpos += usize::from(p.xpos.as_str() == w.xpos);
        }
    }
    let all = all.max(1) as f64;
    (upos as f64 / all, xpos as f64 / all)
}
