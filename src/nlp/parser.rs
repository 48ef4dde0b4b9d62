//! A greedy transition-based dependency parser: arc-hybrid transitions chosen by an averaged
//! perceptron trained with a dynamic oracle (Goldberg & Nivre 2012/2013; the recipe of Honnibal's
//! "Parsing English in 500 lines of Python", 2013), then a second averaged perceptron that labels
//! each arc with its Universal Dependencies relation, reading the finished tree (the dependent,
//! its head, their neighbours, children and siblings).
//!
//! Written by hand, like the tagger: no Rust crate ships a trainable dependency parser with a
//! model we may redistribute. Features are hashed to 32 bits; weights are stored as 16-bit
//! integers (three per feature for the transitions; sparse (label, weight) pairs for the labels).
//!
//! Input: a sentence's treebank words and their tags ([`Pos`], from the tagger); output: each
//! word's head and relation ([`Parse`]).

use super::conllu::Sentence;
use super::tagger::{Pos, Tagger, Upos, normalise_into};
use super::words;
use rustc_hash::FxHashMap;
use std::io::{Read, Write};
use std::ops::Range;
use thiserror::Error;

// ---------------------------------------------------------------------------------------------
// Relations

macro_rules! relations {
    ($($v:ident = $n:literal,)*) => {
        /// A Universal Dependencies relation. The frequent relations of UD English EWT are kept
        /// with their subtypes; a rare one is folded into its base relation, or into
        /// [`Rel::Dep`] ("reparandum", "orphan", "dislocated").
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rel { $($v,)* }

        const RELS: &[(Rel, &str)] = &[$((Rel::$v, $n),)*];
    };
}

relations! {
    Root = "root",
    Punct = "punct",
    Case = "case",
    Nsubj = "nsubj",
    NsubjPass = "nsubj:pass",
    NsubjOuter = "nsubj:outer",
    Det = "det",
    DetPredet = "det:predet",
    Advmod = "advmod",
    Obj = "obj",
    Iobj = "iobj",
    Amod = "amod",
    Obl = "obl",
    OblUnmarked = "obl:unmarked",
    OblAgent = "obl:agent",
    Conj = "conj",
    Cc = "cc",
    CcPreconj = "cc:preconj",
    Compound = "compound",
    CompoundPrt = "compound:prt",
    Mark = "mark",
    Nmod = "nmod",
    NmodPoss = "nmod:poss",
    NmodUnmarked = "nmod:unmarked",
    NmodDesc = "nmod:desc",
    Aux = "aux",
    AuxPass = "aux:pass",
    Cop = "cop",
    Advcl = "advcl",
    AdvclRelcl = "advcl:relcl",
    Xcomp = "xcomp",
    Ccomp = "ccomp",
    Csubj = "csubj",
    Acl = "acl",
    AclRelcl = "acl:relcl",
    Appos = "appos",
    Flat = "flat",
    Fixed = "fixed",
    Parataxis = "parataxis",
    Nummod = "nummod",
    Discourse = "discourse",
    List = "list",
    Expl = "expl",
    Vocative = "vocative",
    Goeswith = "goeswith",
    Dep = "dep",
}

impl Rel {
    /// The relation of a treebank label: itself when kept, else its base relation ("csubj:pass"
    /// → "csubj"), else "dep".
    pub fn from_name(s: &str) -> Rel {
        let find = |s: &str| RELS.iter().find(|(_, n)| *n == s).map(|(r, _)| *r);
        find(s)
            .or_else(|| s.split_once(':').and_then(|(b, _)| find(b)))
            .unwrap_or(Rel::Dep)
    }

    /// The treebank label ("nsubj:pass").
    pub fn name(self) -> &'static str {
        RELS[self as usize].1
    }

    /// The base relation without its subtype ("nsubj:pass" → "nsubj").
    pub fn base(self) -> &'static str {
        let n = self.name();
        n.split_once(':').map_or(n, |(b, _)| b)
    }

    /// Every relation, in a fixed order.
    pub fn all() -> impl Iterator<Item = Rel> {
        RELS.iter().map(|(r, _)| *r)
    }
}

// ---------------------------------------------------------------------------------------------
// The result

/// A sentence's dependency tree: for each word its head (`None` for the root) and relation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parse {
    pub head: Vec<Option<usize>>,
    pub rel: Vec<Rel>,
}

impl Parse {
    pub fn len(&self) -> usize {
        self.head.len()
    }

    pub fn is_empty(&self) -> bool {
        self.head.is_empty()
    }

    /// The word without a head (the first, should there be several).
    pub fn root(&self) -> Option<usize> {
        self.head.iter().position(Option::is_none)
    }

    /// The relation of word `i` as its treebank label ("nsubj:pass"; "" out of range).
    pub fn rel_name(&self, i: usize) -> &'static str {
        self.rel.get(i).map_or("", |r| r.name())
    }

    /// The dependents of word `i`, left to right.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.head
            .iter()
            .enumerate()
            .filter(move |(_, h)| **h == Some(i))
            .map(|(j, _)| j)
    }

    /// The dependents of word `i` with relation `rel`, left to right.
    pub fn children_with(&self, i: usize, rel: Rel) -> impl Iterator<Item = usize> + '_ {
        self.children(i).filter(move |&j| self.rel[j] == rel)
    }

    /// Whether `a` is `d` or one of its heads, up to the root.
    pub fn dominates(&self, a: usize, d: usize) -> bool {
        let mut k = d;
        // At most `len` steps: a cycle (never produced by the parser) ends the walk.
        for _ in 0..=self.len() {
            if k == a {
                return true;
            }
            match self.head.get(k).copied().flatten() {
                Some(h) => k = h,
                None => return false,
            }
        }
        false
    }

    /// The words of the subtree of word `i` (it and everything it dominates), as the range from
    /// its first to its last word. The parser's trees are projective, so the range holds
    /// nothing else; an empty range when `i` is out of range.
    pub fn subtree(&self, i: usize) -> Range<usize> {
        if i >= self.len() {
            return 0..0;
        }
        let (mut lo, mut hi) = (i, i);
        for j in 0..self.len() {
            if (j < lo || j > hi) && self.dominates(i, j) {
                lo = lo.min(j);
                hi = hi.max(j);
            }
        }
        lo..hi + 1
    }
}

// ---------------------------------------------------------------------------------------------
// Errors

#[derive(Debug, Error)]
#[error(
    "the dependency parser's model is damaged ({0}); rebuild it with \
     `cargo run --release --example train_parser -- EWT_DIR assets/nlp/en_ewt_parser.bin`"
)]
pub struct ParserModelError(pub String);

// ---------------------------------------------------------------------------------------------
// Features

const K0: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K0)
}

#[inline]
fn fin(mut z: u64) -> u32 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (z ^ (z >> 31)) as u32
}

/// A feature's key: its template and up to three values.
#[inline]
fn key(template: u64, a: u64, b: u64, c: u64) -> u32 {
    fin(mix(
        mix(mix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15), a), b),
        c,
    ))
}

fn fnv(s: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325 ^ seed;
    for &b in s {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A sentence as the features see it: `n` words, then the root (`n`) and "none" (`n + 1`).
struct Words {
    /// The normalised word.
    w: Vec<u64>,
    /// The tag (UPOS and XPOS).
    t: Vec<u64>,
    /// The word for closed-class words (function words, punctuation), the tag for the rest.
    f: Vec<u64>,
    punct: Vec<bool>,
}

fn closed_class(u: Upos) -> bool {
    matches!(
        u,
        Upos::Adp
            | Upos::Aux
            | Upos::Cconj
            | Upos::Det
            | Upos::Part
            | Upos::Pron
            | Upos::Punct
            | Upos::Sconj
    )
}

impl Words {
    fn new<S: AsRef<str>>(words: &[S], tags: &[Pos]) -> Words {
        let n = words.len();
        let mut x = Words {
            w: Vec::with_capacity(n + 2),
            t: Vec::with_capacity(n + 2),
            f: Vec::with_capacity(n + 2),
            punct: Vec::with_capacity(n + 2),
        };
        let mut buf = String::new();
        for (i, word) in words.iter().enumerate() {
            buf.clear();
            normalise_into(word.as_ref(), &mut buf);
            let w = fnv(buf.as_bytes(), 1);
            let (t, closed, punct) = match tags.get(i) {
                Some(p) => (
                    fnv(p.xpos.as_str().as_bytes(), u64::from(p.upos as u8) << 8),
                    closed_class(p.upos),
                    p.upos == Upos::Punct,
                ),
                None => (fnv(b"?", 2), false, false),
            };
            x.w.push(w);
            x.t.push(t);
            x.f.push(if closed { mix(w, 3) } else { mix(t, 4) });
            x.punct.push(punct);
        }
        for s in [&b"-ROOT-"[..], b"-NONE-"] {
            let h = fnv(s, 5);
            x.w.push(h);
            x.t.push(h);
            x.f.push(h);
            x.punct.push(false);
        }
        x
    }
}

const SHIFT: usize = 0;
const RIGHT: usize = 1;
const LEFT: usize = 2;

/// A parser state (arc-hybrid): a stack, the buffer's first word `b` (the root, `n`, ends the
/// buffer), the arcs so far and each word's two outermost children on each side.
struct State {
    n: usize,
    stack: Vec<usize>,
    b: usize,
    head: Vec<usize>,
    l1: Vec<usize>,
    l2: Vec<usize>,
    r1: Vec<usize>,
    r2: Vec<usize>,
    nl: Vec<u8>,
    nr: Vec<u8>,
}

impl State {
    fn new(n: usize) -> State {
        let none = n + 1;
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            head: vec![none; n + 2],
            l1: vec![none; n + 2],
            l2: vec![none; n + 2],
            r1: vec![none; n + 2],
            r2: vec![none; n + 2],
            nl: vec![0; n + 2],
            nr: vec![0; n + 2],
        }
    }

    fn done(&self) -> bool {
        self.stack.is_empty() && self.b >= self.n
    }

    /// Which moves are possible. Only the last word on the stack may attach to the root, so a
    /// tree has one root.
    fn valid(&self) -> [bool; 3] {
        let k = self.stack.len();
        [
            self.b < self.n,
            k >= 2,
            k >= 1 && (self.b < self.n || k == 1),
        ]
    }

    fn add_arc(&mut self, h: usize, d: usize) {
        self.head[d] = h;
        let none = self.n + 1;
        if d < h {
            if self.l1[h] == none || d < self.l1[h] {
                self.l2[h] = self.l1[h];
                self.l1[h] = d;
            } else if self.l2[h] == none || d < self.l2[h] {
                self.l2[h] = d;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
        } else {
            if self.r1[h] == none || d > self.r1[h] {
                self.r2[h] = self.r1[h];
                self.r1[h] = d;
            } else if self.r2[h] == none || d > self.r2[h] {
                self.r2[h] = d;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
        }
    }

    fn apply(&mut self, mv: usize) {
        match mv {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            RIGHT => {
                if let Some(s0) = self.stack.pop()
                    && let Some(&s1) = self.stack.last()
                {
                    self.add_arc(s1, s0);
                }
            }
            _ => {
                if let Some(s0) = self.stack.pop() {
                    self.add_arc(self.b, s0);
                }
            }
        }
    }

    /// The moves that lose no arc of the gold tree `gold` (each word's head, `n` for the root)
    /// that is still reachable (the arc-hybrid dynamic oracle).
    fn zero_cost(&self, gold: &[usize], valid: [bool; 3]) -> [bool; 3] {
        let n = self.n;
        let b = self.b;
        let mut ok = valid;
        let Some(&s0) = self.stack.last() else {
            return ok;
        };
        let s1 = self.stack.len().checked_sub(2).map(|k| self.stack[k]);
        if ok[SHIFT] {
            // Pushing b loses its arcs with the words under s0, and its children on the stack.
            ok[SHIFT] = !self
                .stack
                .iter()
                .any(|&k| gold[k] == b || (gold[b] == k && k != s0));
        }
        // Popping s0 loses its children still in the buffer and any head in the buffer but
        // the one the move gives it.
        let child_in_buffer = (b..n).any(|j| gold[j] == s0);
        let head_after_b = gold[s0] > b;
        if ok[LEFT] {
            ok[LEFT] = !(child_in_buffer || head_after_b || s1.is_some_and(|s1| gold[s0] == s1));
        }
        if ok[RIGHT] {
            ok[RIGHT] = !(child_in_buffer || gold[s0] >= b);
        }
        ok
    }

    /// The features of this state, appended to `out`.
    fn features(&self, x: &Words, out: &mut Vec<u32>) {
        let n = self.n;
        let none = n + 1;
        let k = self.stack.len();
        let at = |d: usize| if k > d { self.stack[k - 1 - d] } else { none };
        let (s0, s1, s2) = (at(0), at(1), at(2));
        let n0 = self.b.min(n);
        let n1 = if n0 < n { n0 + 1 } else { none };
        let n2 = if n0 + 1 < n { n0 + 2 } else { none };
        let (w, t) = (&x.w, &x.t);
        let (s0l1, s0l2, s0r1, s0r2) = (self.l1[s0], self.l2[s0], self.r1[s0], self.r2[s0]);
        let (n0l1, n0l2) = (self.l1[n0], self.l2[n0]);
        let (s1l1, s1r1) = (self.l1[s1], self.r1[s1]);
        let dist = if s0 < n { (n0 - s0).min(6) as u64 } else { 0 };
        let dist1 = if s1 < n { (s0 - s1).min(6) as u64 } else { 0 };
        let (vl0, vr0, vln) = (
            u64::from(self.nl[s0]),
            u64::from(self.nr[s0]),
            u64::from(self.nl[n0]),
        );
        let s0p1 = if s0 < n { s0 + 1 } else { none };
        let s0m1 = if s0 < n && s0 > 0 { s0 - 1 } else { none };
        let n0m1 = if n0 > 0 { n0 - 1 } else { none };
        // Punctuation between s0 and n0 (a comma before a verb, a quote).
        let commas = if s0 < n {
            (s0 + 1..n0).filter(|&j| x.punct[j]).count().min(2) as u64
        } else {
            9
        };
        let wt = |i: usize| mix(w[i], t[i]);
        let mut p = |tpl: u64, a: u64, b: u64, c: u64| out.push(key(tpl, a, b, c));
        p(0, 0, 0, 0);
        p(1, w[s0], 0, 0);
        p(2, t[s0], 0, 0);
        p(3, wt(s0), 0, 0);
        p(4, w[s1], 0, 0);
        p(5, t[s1], 0, 0);
        p(6, wt(s1), 0, 0);
        p(7, w[n0], 0, 0);
        p(8, t[n0], 0, 0);
        p(9, wt(n0), 0, 0);
        p(10, w[n1], 0, 0);
        p(11, t[n1], 0, 0);
        p(12, wt(n1), 0, 0);
        p(13, w[n2], 0, 0);
        p(14, t[n2], 0, 0);
        p(15, t[s2], 0, 0);
        p(16, w[s2], 0, 0);
        p(20, wt(s0), wt(n0), 0);
        p(21, wt(s0), w[n0], 0);
        p(22, w[s0], wt(n0), 0);
        p(23, wt(s0), t[n0], 0);
        p(24, t[s0], wt(n0), 0);
        p(25, w[s0], w[n0], 0);
        p(26, t[s0], t[n0], 0);
        p(27, t[n0], t[n1], 0);
        p(28, w[s1], w[s0], 0);
        p(29, t[s1], t[s0], 0);
        p(30, t[s1], w[s0], 0);
        p(31, w[s1], t[s0], 0);
        p(32, t[s1], t[n0], 0);
        p(33, w[s1], t[n0], 0);
        p(40, t[n0], t[n1], t[n2]);
        p(41, t[s0], t[n0], t[n1]);
        p(42, t[s1], t[s0], t[n0]);
        p(43, t[s0], t[s0l1], t[n0]);
        p(44, t[s0], t[s0r1], t[n0]);
        p(45, t[s0], t[n0], t[n0l1]);
        p(46, t[s1], t[s0], t[s0l1]);
        p(47, t[s1], t[s0], t[s0r1]);
        p(48, t[s1], t[s1r1], t[s0]);
        p(49, t[s2], t[s1], t[s0]);
        p(50, w[s0], dist, 0);
        p(51, t[s0], dist, 0);
        p(52, w[n0], dist, 0);
        p(53, t[n0], dist, 0);
        p(54, w[s0], w[n0], dist);
        p(55, t[s0], t[n0], dist);
        p(56, w[s0], vr0, 0);
        p(57, t[s0], vr0, 0);
        p(58, w[s0], vl0, 0);
        p(59, t[s0], vl0, 0);
        p(60, w[n0], vln, 0);
        p(61, t[n0], vln, 0);
        p(62, w[s0l1], 0, 0);
        p(63, t[s0l1], 0, 0);
        p(64, w[s0r1], 0, 0);
        p(65, t[s0r1], 0, 0);
        p(66, t[s0l2], 0, 0);
        p(67, t[s0r2], 0, 0);
        p(68, w[n0l1], 0, 0);
        p(69, t[n0l1], 0, 0);
        p(70, t[n0l2], 0, 0);
        p(71, t[s1r1], 0, 0);
        p(72, t[s1l1], 0, 0);
        p(73, t[s0], t[s0l1], t[s0l2]);
        p(74, t[s0], t[s0r1], t[s0r2]);
        p(75, t[n0], t[n0l1], t[n0l2]);
        p(76, t[s0], t[s0p1], t[n0]);
        p(77, t[s0m1], t[s0], t[n0]);
        p(78, t[n0m1], t[n0], 0);
        p(79, wt(n0m1), t[n0], 0);
        p(80, t[s0], t[n0], commas);
        p(81, w[s0], t[n0], commas);
        p(82, t[s0], w[n0], commas);
        p(83, t[s0], t[s1], commas);
        p(84, x.f[s0], x.f[s0r1], t[n0]);
        p(85, x.f[s0], x.f[s0l1], t[n0]);
        p(86, x.f[n0], x.f[n0l1], t[s0]);
        p(87, wt(s0), t[n0], t[n1]);
        p(88, t[s0], wt(n0), t[n1]);
        p(89, t[s1], t[s0], dist1);
        p(90, w[s1], w[s0], dist1);
    }
}

/// The features of the arc that makes `d` a dependent of `head[d]` in the finished tree, for
/// the label classifier. `kids` lists each word's dependents (`start` indexes it).
fn label_features(x: &Words, head: &[usize], kids: &Kids, d: usize, out: &mut Vec<u32>) {
    let n = head.len();
    let none = n + 1;
    let h = head[d];
    let (w, t, f) = (&x.w, &x.t, &x.f);
    let left = u64::from(d < h);
    let dist = (h.abs_diff(d)).min(7) as u64;
    let g = if h < n { head[h] } else { none };
    let prev = if d > 0 { d - 1 } else { none };
    let next = if d + 1 < n { d + 1 } else { none };
    let (lo, hi) = (d.min(h), d.max(h).min(n));
    let commas = (lo + 1..hi).filter(|&j| x.punct[j]).count().min(2) as u64;
    let wt = |i: usize| mix(w[i], t[i]);
    let mut p = |tpl: u64, a: u64, b: u64, c: u64| out.push(key(tpl + 200, a, b, c));
    p(0, 0, 0, 0);
    p(1, w[d], 0, 0);
    p(2, t[d], 0, 0);
    p(3, wt(d), 0, 0);
    p(4, w[h], 0, 0);
    p(5, t[h], 0, 0);
    p(6, wt(h), 0, 0);
    p(7, t[d], t[h], left);
    p(8, w[d], t[h], left);
    p(9, t[d], w[h], left);
    p(10, w[d], w[h], left);
    p(11, mix(t[d], t[h]), left, dist);
    p(12, mix(t[d], t[h]), t[g], left);
    p(13, t[d], t[prev], 0);
    p(14, t[d], t[next], 0);
    p(15, t[d], f[prev], 0);
    p(16, mix(t[d], t[h]), commas, left);
    p(17, w[d], left, commas);
    let (ds, hs) = (kids.of(d), kids.of(h));
    p(18, t[d], ds.len().min(4) as u64, 0);
    for &c in ds {
        let side = u64::from(c < d);
        p(20, f[c], side, 0);
        p(21, t[d], f[c], side);
        p(22, mix(t[d], t[h]), f[c], side);
    }
    if let Some(&c) = ds.first() {
        p(23, t[d], f[c], t[h]);
    }
    for &s in hs {
        if s == d {
            continue;
        }
        let side = u64::from(s < h) | (u64::from(s < d) << 1);
        p(30, t[d], f[s], side);
        p(31, mix(t[d], t[h]), f[s], side);
        p(32, w[d], f[s], side);
    }
    // The nearest sibling on each side of d.
    let before = hs.iter().rev().find(|&&s| s < d).copied().unwrap_or(none);
    let after = hs.iter().find(|&&s| s > d).copied().unwrap_or(none);
    p(33, t[d], f[before], left);
    p(34, t[d], f[after], left);
}

/// Each word's dependents, left to right, in one buffer.
struct Kids {
    start: Vec<u32>,
    all: Vec<usize>,
}

impl Kids {
    /// The dependents of words `0..=n` (`n`: the root) under `head`.
    fn new(head: &[usize]) -> Kids {
        let n = head.len();
        let mut count = vec![0u32; n + 2];
        for &h in head {
            count[h.min(n + 1)] += 1;
        }
        let mut start = vec![0u32; n + 3];
        for i in 0..n + 2 {
            start[i + 1] = start[i] + count[i];
        }
        let mut fill = start.clone();
        let mut all = vec![0usize; n];
        for (d, &h) in head.iter().enumerate() {
            let h = h.min(n + 1);
            all[fill[h] as usize] = d;
            fill[h] += 1;
        }
        Kids { start, all }
    }

    fn of(&self, i: usize) -> &[usize] {
        if i + 1 >= self.start.len() {
            return &[];
        }
        &self.all[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

// ---------------------------------------------------------------------------------------------
// The model

/// Sparse (class, weight) pairs per feature.
#[derive(Default)]
struct Sparse {
    index: FxHashMap<u32, (u32, u8)>,
    weights: Vec<(u8, i16)>,
}

impl Sparse {
    fn add(&self, feats: &[u32], scores: &mut [i32; 256]) {
        for f in feats {
            if let Some(&(s, len)) = self.index.get(f) {
                let s = s as usize;
                for &(c, w) in &self.weights[s..s + len as usize] {
                    scores[c as usize] += i32::from(w);
                }
            }
        }
    }
}

/// A trained parser: the transition weights (shift, right, left per feature) and the label
/// classifier.
pub struct Parser {
    labels: Vec<Rel>,
    trans: FxHashMap<u32, [i16; 3]>,
    label: Sparse,
}

const MAGIC: &[u8; 6] = b"CTDEP\x01";

impl Parser {
    /// The tree of one sentence: its treebank words ("do" "n't", "Smith" "'s") and their tags
    /// (the tagger's, for the same words). Missing tags count as unknown.
    pub fn parse<S: AsRef<str>>(&self, words: &[S], tags: &[Pos]) -> Parse {
        let n = words.len();
        if n == 0 {
            return Parse::default();
        }
        let x = Words::new(words, tags);
        let head = self.heads_of(&x);
        let rel = self.label_tree(&x, &head);
        Parse {
            head: head
                .iter()
                .map(|&h| if h >= n { None } else { Some(h) })
                .collect(),
            rel,
        }
    }

    /// Labels for the arcs of a tree (`head`: each word's head, `n` for the root).
    fn label_tree(&self, x: &Words, head: &[usize]) -> Vec<Rel> {
        let n = head.len();
        let kids = Kids::new(head);
        let mut feats = Vec::with_capacity(64);
        let mut scores = [0i32; 256];
        let root = self.labels.iter().position(|&r| r == Rel::Root);
        (0..n)
            .map(|d| {
                if head[d] >= n {
                    return Rel::Root;
                }
                feats.clear();
                label_features(x, head, &kids, d, &mut feats);
                scores.fill(0);
                self.label.add(&feats, &mut scores);
                let mut best = None::<usize>;
                for c in 0..self.labels.len() {
                    if Some(c) != root && best.is_none_or(|b| scores[c] > scores[b]) {
                        best = Some(c);
                    }
                }
                best.map_or(Rel::Dep, |c| self.labels[c])
            })
            .collect()
    }

    /// The tree of a sentence given as text tokens (as Unicode word segmentation cuts them:
    /// "don't", "Smith's" whole), tagged with `tagger`. Each token is cut into treebank words
    /// ("do" "n't"), the words are tagged and parsed, and each token takes the relation of its
    /// first word and, as its head, the token holding that word's head — or, when that head
    /// lies inside the same token, the token holding the nearest head above it outside the
    /// token (`None` when there is none: the token holds the root).
    pub fn parse_tokens<S: AsRef<str>>(&self, tagger: &Tagger, tokens: &[S]) -> Parse {
        let mut pieces: Vec<&str> = Vec::with_capacity(tokens.len() + 4);
        let mut owner = Vec::with_capacity(tokens.len() + 4);
        let mut first = Vec::with_capacity(tokens.len());
        for (k, t) in tokens.iter().enumerate() {
            first.push(pieces.len());
            words::push_treebank_words(t.as_ref(), &mut pieces);
            owner.resize(pieces.len(), k);
        }
        let tags = tagger.tag(&pieces);
        let p = self.parse(&pieces, &tags);
        let mut out = Parse {
            head: Vec::with_capacity(tokens.len()),
            rel: Vec::with_capacity(tokens.len()),
        };
        for (k, &i) in first.iter().enumerate() {
            let mut h = p.head.get(i).copied().flatten();
            let mut steps = 0;
            while let Some(j) = h
                && owner[j] == k
                && steps <= pieces.len()
            {
                h = p.head[j];
                steps += 1;
            }
            out.head.push(h.map(|j| owner[j]));
            out.rel.push(p.rel.get(i).copied().unwrap_or(Rel::Dep));
        }
        out
    }

    /// How many features and weights the model has (transitions and labels together).
    pub fn size(&self) -> (usize, usize) {
        (
            self.trans.len() + self.label.index.len(),
            self.trans.len() * 3 + self.label.weights.len(),
        )
    }

    /// The model as bytes (deflated), as `assets/nlp/` holds it.
    pub fn encode(&self) -> Vec<u8> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.push(self.labels.len() as u8);
        for r in &self.labels {
            raw.push(r.name().len() as u8);
            raw.extend_from_slice(r.name().as_bytes());
        }
        let mut keys: Vec<u32> = self.trans.keys().copied().collect();
        keys.sort_unstable();
        put_keys(&mut raw, &keys);
        for k in &keys {
            for w in self.trans[k] {
                raw.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut keys: Vec<u32> = self.label.index.keys().copied().collect();
        keys.sort_unstable();
        put_keys(&mut raw, &keys);
        for k in &keys {
            let (s, len) = self.label.index[k];
            raw.push(len);
            for &(c, w) in &self.label.weights[s as usize..s as usize + len as usize] {
                raw.push(c);
                raw.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing into a Vec cannot fail.
        let _ = enc.write_all(&raw);
        enc.finish().unwrap_or_default()
    }

    /// A model from [`Parser::encode`]'s bytes.
    pub fn decode(bytes: &[u8]) -> Result<Parser, ParserModelError> {
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(bytes)
            .take(256 << 20)
            .read_to_end(&mut raw)
            .map_err(|e| ParserModelError(format!("not deflate data: {e}")))?;
        let mut r = Reader { b: &raw, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ParserModelError(
                "not a Claimtrace parser model of this version".into(),
            ));
        }
        let nl = r.u8()? as usize;
        if nl == 0 {
            return Err(ParserModelError("no labels".into()));
        }
        let mut labels = Vec::with_capacity(nl);
        for _ in 0..nl {
            let len = r.u8()? as usize;
            let name = std::str::from_utf8(r.take(len)?)
                .map_err(|_| ParserModelError("a label is not UTF-8".into()))?;
            let rel = Rel::from_name(name);
            if rel.name() != name {
                return Err(ParserModelError(format!("unknown label {name:?}")));
            }
            labels.push(rel);
        }
        let keys = r.keys()?;
        let mut trans = FxHashMap::default();
        trans.reserve(keys.len());
        for k in keys {
            let mut w = [0i16; 3];
            for x in &mut w {
                *x = r.i16()?;
            }
            trans.insert(k, w);
        }
        let keys = r.keys()?;
        let mut label = Sparse::default();
        label.index.reserve(keys.len());
        for k in keys {
            let len = r.u8()?;
            label.index.insert(k, (label.weights.len() as u32, len));
            for _ in 0..len {
                let c = r.u8()?;
                if c as usize >= nl {
                    return Err(ParserModelError(format!("label {c} of {nl}")));
                }
                label.weights.push((c, r.i16()?));
            }
        }
        if r.at != raw.len() {
            return Err(ParserModelError("trailing bytes".into()));
        }
        Ok(Parser {
            labels,
            trans,
            label,
        })
    }
}

fn best_valid(s: &[i32; 3], valid: [bool; 3]) -> usize {
    let mut best = usize::MAX;
    for m in 0..3 {
        if valid[m] && (best == usize::MAX || s[m] > s[best]) {
            best = m;
        }
    }
    best.min(2)
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Sorted keys: their count, then varint deltas.
fn put_keys(raw: &mut Vec<u8>, keys: &[u32]) {
    raw.extend_from_slice(&(keys.len() as u32).to_le_bytes());
    let mut last = 0u32;
    for &k in keys {
        put_varint(raw, k - last);
        last = k;
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ParserModelError> {
        let s = self
            .b
            .get(self.at..self.at.saturating_add(n))
            .ok_or_else(|| ParserModelError("truncated".into()))?;
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ParserModelError> {
        Ok(self.take(1)?[0])
    }
    fn i16(&mut self) -> Result<i16, ParserModelError> {
        let s = self.take(2)?;
        Ok(i16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Result<u32, ParserModelError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn varint(&mut self) -> Result<u32, ParserModelError> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= u32::from(b & 0x7f)
                .checked_shl(shift)
                .ok_or_else(|| ParserModelError("bad varint".into()))?;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ParserModelError("bad varint".into()))
    }
    fn keys(&mut self) -> Result<Vec<u32>, ParserModelError> {
        let n = self.u32()? as usize;
        if n > self.b.len() {
            return Err(ParserModelError(format!(
                "{n} features in {} bytes",
                self.b.len()
            )));
        }
        let mut keys = Vec::with_capacity(n);
        let mut last = 0u32;
        for _ in 0..n {
            last = last
                .checked_add(self.varint()?)
                .ok_or_else(|| ParserModelError("feature keys overflow".into()))?;
            keys.push(last);
        }
        Ok(keys)
    }
}

// ---------------------------------------------------------------------------------------------
// Training

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Iterations of the transition classifier.
    pub iterations: usize,
    /// Iterations of the label classifier.
    pub label_iterations: usize,
    /// Features seen fewer times than this in the first iteration are dropped from the model.
    pub min_count: u32,
    /// Averaged weights smaller than this (in absolute value) are dropped from the model.
    pub min_weight: f32,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 12,
            label_iterations: 8,
            min_count: 2,
            min_weight: 0.05,
            seed: 7,
        }
    }
}

/// A training sentence: its words' features, gold heads (`n` for the root) and relations.
struct Example {
    x: Words,
    gold: Vec<usize>,
    rels: Vec<Rel>,
}

fn examples(sentences: &[Sentence], tags: &[Vec<Pos>]) -> Vec<Example> {
    sentences
        .iter()
        .zip(tags)
        .map(|(s, t)| {
            let n = s.words.len();
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            Example {
                x: Words::new(&forms, t),
                // A head out of range (a damaged treebank line) counts as the root.
                gold: s
                    .words
                    .iter()
                    .map(|w| {
                        if w.head == 0 || w.head > n {
                            n
                        } else {
                            w.head - 1
                        }
                    })
                    .collect(),
                rels: s.words.iter().map(|w| Rel::from_name(&w.deprel)).collect(),
            }
        })
        .collect()
}

#[derive(Clone, Copy, Default)]
struct Param3 {
    w: [f32; 3],
    total: [f64; 3],
    stamp: u32,
}

#[derive(Clone, Copy)]
struct Param {
    class: u8,
    w: f32,
    total: f64,
    stamp: u32,
}

fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        order.swap(i, (*rng % (i as u64 + 1)) as usize);
    }
}

/// Train a parser on treebank sentences with the tags that the tagger gives them (`tags[i]`
/// for `sentences[i]`; train on the tags it will see in use, not the gold ones). `progress` is
/// called after each iteration with (stage, iteration, the share of correct moves or labels):
/// stage 1 the transitions, stage 2 the labels.
pub fn train(
    sentences: &[Sentence],
    tags: &[Vec<Pos>],
    opts: TrainOptions,
    mut progress: impl FnMut(usize, usize, f64),
) -> Parser {
    let data = examples(sentences, tags);
    let trans = train_transitions(&data, opts, |it, acc| progress(1, it, acc));
    // The labels are learnt on the trees this parser builds (the arcs it gets right), so that
    // the children and siblings they read are as the parser leaves them.
    let partial = Parser {
        labels: Vec::new(),
        trans,
        label: Sparse::default(),
    };
    let trees: Vec<Vec<usize>> = data.iter().map(|e| partial.heads_of(&e.x)).collect();
    let labels: Vec<Rel> = Rel::all().collect();
    let label = train_labels(&data, &trees, &labels, opts, |it, acc| progress(2, it, acc));
    Parser {
        labels,
        trans: partial.trans,
        label,
    }
}

impl Parser {
    /// The heads the transitions give a sentence (`n` for the root).
    fn heads_of(&self, x: &Words) -> Vec<usize> {
        let n = x.w.len() - 2;
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(96);
        while !st.done() {
            let valid = st.valid();
            feats.clear();
            st.features(x, &mut feats);
            let mut s = [0i32; 3];
            for f in &feats {
                if let Some(w) = self.trans.get(f) {
                    for m in 0..3 {
                        s[m] += i32::from(w[m]);
                    }
                }
            }
            st.apply(best_valid(&s, valid));
        }
        st.head[..n].iter().map(|&h| h.min(n)).collect()
    }
}

fn train_transitions(
    data: &[Example],
    opts: TrainOptions,
    mut progress: impl FnMut(usize, f64),
) -> FxHashMap<u32, [i16; 3]> {
    let mut params: FxHashMap<u32, Param3> = FxHashMap::default();
    let mut freq: FxHashMap<u32, u32> = FxHashMap::default();
    let mut now: u32 = 0;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = opts.seed | 1;
    let mut feats = Vec::with_capacity(96);
    for iter in 0..opts.iterations {
        shuffle(&mut order, &mut rng);
        let (mut right, mut all) = (0usize, 0usize);
        for &si in &order {
            let e = &data[si];
            let n = e.gold.len();
            let mut st = State::new(n);
            while !st.done() {
                let valid = st.valid();
                feats.clear();
                st.features(&e.x, &mut feats);
                let mut s = [0f32; 3];
                for f in &feats {
                    if let Some(p) = params.get(f) {
                        for m in 0..3 {
                            s[m] += p.w[m];
                        }
                    }
                }
                let pick = |ok: [bool; 3]| {
                    let mut best = usize::MAX;
                    for m in 0..3 {
                        if ok[m] && (best == usize::MAX || s[m] > s[best]) {
                            best = m;
                        }
                    }
                    best
                };
                let guess = pick(valid);
                let gold = st.zero_cost(&e.gold, valid);
                now += 1;
                all += 1;
                if gold.iter().any(|&g| g) {
                    if gold[guess] {
                        right += 1;
                    } else {
                        let best = pick(gold);
                        for f in &feats {
                            let p = params.entry(*f).or_default();
                            for m in 0..3 {
                                p.total[m] += f64::from(now - p.stamp) * f64::from(p.w[m]);
                            }
                            p.stamp = now;
                            p.w[best] += 1.0;
                            p.w[guess] -= 1.0;
                        }
                    }
                }
                if iter == 0 {
                    for f in &feats {
                        *freq.entry(*f).or_default() += 1;
                    }
                }
                // The first iteration follows the oracle; later ones the model's own move
                // (exploration: the oracle says what is best from wherever it leads).
                let follow = if iter == 0 && gold.iter().any(|&g| g) {
                    pick(gold)
                } else {
                    guess
                };
                st.apply(follow.min(2));
            }
        }
        progress(iter + 1, right as f64 / all.max(1) as f64);
    }
    let mut avg: Vec<(u32, [f32; 3])> = Vec::new();
    let mut max = 0f32;
    for (f, p) in &params {
        if freq.get(f).copied().unwrap_or(0) < opts.min_count {
            continue;
        }
        let mut a = [0f32; 3];
        for m in 0..3 {
            let total = p.total[m] + f64::from(now - p.stamp) * f64::from(p.w[m]);
            a[m] = (total / f64::from(now.max(1))) as f32;
        }
        if a.iter().any(|v| v.abs() >= opts.min_weight) {
            for v in a {
                max = max.max(v.abs());
            }
            avg.push((*f, a));
        }
    }
    let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
    let mut out = FxHashMap::default();
    out.reserve(avg.len());
    for (f, a) in avg {
        let q = a.map(|v| (v * scale).round().clamp(-32767.0, 32767.0) as i16);
        if q.iter().any(|&v| v != 0) {
            out.insert(f, q);
        }
    }
    out
}

fn train_labels(
    data: &[Example],
    trees: &[Vec<usize>],
    labels: &[Rel],
    opts: TrainOptions,
    mut progress: impl FnMut(usize, f64),
) -> Sparse {
    let class_of = |r: Rel| labels.iter().position(|&l| l == r).unwrap_or(0) as u8;
    let nc = labels.len();
    // Each arc's features once: (features, gold class).
    let mut items: Vec<(Vec<u32>, u8)> = Vec::new();
    for (e, head) in data.iter().zip(trees) {
        let n = head.len();
        let kids = Kids::new(head);
        for d in 0..n {
            if head[d] >= n || head[d] != e.gold[d] {
                continue;
            }
            let mut f = Vec::with_capacity(48);
            label_features(&e.x, head, &kids, d, &mut f);
            items.push((f, class_of(e.rels[d])));
        }
    }
    let mut params: FxHashMap<u32, Vec<Param>> = FxHashMap::default();
    let mut freq: FxHashMap<u32, u32> = FxHashMap::default();
    for (f, _) in &items {
        for k in f {
            *freq.entry(*k).or_default() += 1;
        }
    }
    let mut now: u32 = 0;
    let mut order: Vec<usize> = (0..items.len()).collect();
    let mut rng = opts.seed.wrapping_add(11) | 1;
    let mut scores = vec![0f32; nc];
    for iter in 0..opts.label_iterations {
        shuffle(&mut order, &mut rng);
        let mut right = 0usize;
        for &i in &order {
            let (feats, g) = &items[i];
            now += 1;
            scores.fill(0.0);
            for f in feats {
                if let Some(ps) = params.get(f) {
                    for p in ps {
                        scores[p.class as usize] += p.w;
                    }
                }
            }
            let mut guess = 0usize;
            for c in 0..nc {
                if scores[c] > scores[guess] {
                    guess = c;
                }
            }
            let guess = guess as u8;
            if guess == *g {
                right += 1;
                continue;
            }
            for f in feats {
                let ps = params.entry(*f).or_default();
                for (class, delta) in [(*g, 1.0f32), (guess, -1.0)] {
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
        progress(iter + 1, right as f64 / items.len().max(1) as f64);
    }
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
                ws.push((p.class, a));
                max = max.max(a.abs());
            }
        }
        if !ws.is_empty() {
            avg.push((*f, ws));
        }
    }
    let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
    avg.sort_by_key(|(f, _)| *f);
    let mut out = Sparse::default();
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

/// Attachment scores over treebank sentences parsed with the given tags.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Attachment {
    /// Unlabelled and labelled attachment score, every word.
    pub uas: f64,
    pub las: f64,
    /// The same without punctuation (words whose gold UPOS is PUNCT).
    pub uas_no_punct: f64,
    pub las_no_punct: f64,
    pub words: usize,
}

/// How well `parser` finds the heads and relations of `sentences` (with `tags[i]` for
/// `sentences[i]`). A relation counts as right when it is the treebank's label folded as
/// [`Rel::from_name`] folds it.
pub fn attachment(parser: &Parser, sentences: &[Sentence], tags: &[Vec<Pos>]) -> Attachment {
    let mut c = [0usize; 6];
    for (s, t) in sentences.iter().zip(tags) {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let p = parser.parse(&forms, t);
        for (i, w) in s.words.iter().enumerate() {
            let head_ok = p.head[i].map_or(0, |h| h + 1) == w.head;
            let las_ok = head_ok && p.rel[i] == Rel::from_name(&w.deprel);
            let punct = w.upos == "PUNCT";
            c[0] += 1;
            c[1] += usize::from(head_ok);
            c[2] += usize::from(las_ok);
            if !punct {
                c[3] += 1;
                c[4] += usize::from(head_ok);
                c[5] += usize::from(las_ok);
            }
        }
    }
    let r = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    Attachment {
        uas: r(c[1], c[0]),
        las: r(c[2], c[0]),
        uas_no_punct: r(c[4], c[3]),
        las_no_punct: r(c[5], c[3]),
        words: c[0],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fold_to_their_base_or_dep() {
        assert_eq!(Rel::from_name("nsubj:pass"), Rel::NsubjPass);
        assert_eq!(Rel::from_name("csubj:pass"), Rel::Csubj);
        assert_eq!(Rel::from_name("obl:tmod"), Rel::Obl);
        assert_eq!(Rel::from_name("reparandum"), Rel::Dep);
        assert_eq!(Rel::NmodPoss.name(), "nmod:poss");
        assert_eq!(Rel::NmodPoss.base(), "nmod");
        for r in Rel::all() {
            assert_eq!(Rel::from_name(r.name()), r);
        }
    }

    #[test]
    fn the_oracle_rebuilds_a_projective_tree() {
        // "Smith , a spokesman , said the deal would close ." (heads 0-based, 11 = root)
        let gold = [6, 3, 3, 0, 3, 6, 11, 8, 10, 10, 6];
        let n = gold.len();
        let mut st = State::new(n);
        while !st.done() {
            let valid = st.valid();
            let ok = st.zero_cost(&gold, valid);
            let mv = (0..3).find(|&m| ok[m]).expect("a move that loses nothing");
            st.apply(mv);
        }
        assert_eq!(&st.head[..n], &gold);
    }

    fn tree(head: &[Option<usize>]) -> Parse {
        Parse {
            head: head.to_vec(),
            rel: vec![Rel::Dep; head.len()],
        }
    }

    #[test]
    fn children_and_subtrees() {
        // the(0) deal(1) would(2) close(3), root 3
        let p = tree(&[Some(1), Some(3), Some(3), None]);
        assert_eq!(p.root(), Some(3));
        assert_eq!(p.children(3).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(p.subtree(1), 0..2);
        assert_eq!(p.subtree(3), 0..4);
        assert_eq!(p.subtree(9), 0..0);
        assert!(p.dominates(3, 0) && !p.dominates(1, 2));
        // A cycle (never produced by the parser) ends the walk.
        let c = tree(&[Some(1), Some(0)]);
        assert!(!c.dominates(5, 0));
    }

    fn tiny_model() -> Parser {
        let mut trans = FxHashMap::default();
        trans.insert(7, [1, -2, 3]);
        let mut label = Sparse::default();
        label.index.insert(9, (0, 2));
        label.weights.extend([(0, 5), (1, -5)]);
        Parser {
            labels: vec![Rel::Root, Rel::Nsubj],
            trans,
            label,
        }
    }

    #[test]
    fn a_model_survives_its_encoding() {
        let m = tiny_model();
        let back = Parser::decode(&m.encode()).unwrap();
        assert_eq!(back.labels, m.labels);
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.label.weights, m.label.weights);
        assert_eq!(back.size(), (2, 5));
    }

    #[test]
    fn a_damaged_model_is_an_error_not_a_panic() {
        let bytes = tiny_model().encode();
        assert!(Parser::decode(b"").is_err());
        for cut in 0..bytes.len() {
            assert!(Parser::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let e = Parser::decode(b"not a model").err().map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.contains("train_parser")));
        // Valid deflate data that is not a model, an unknown label, a class out of range.
        let deflate = |raw: &[u8]| {
            let mut enc =
                flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(raw).unwrap();
            enc.finish().unwrap()
        };
        assert!(Parser::decode(&deflate(b"CTDEP\x02")).is_err());
        let mut raw = b"CTDEP\x01\x01\x05bogus".to_vec();
        raw.extend([0; 8]);
        assert!(Parser::decode(&deflate(&raw)).is_err());
        let mut raw = b"CTDEP\x01\x01\x04root".to_vec();
        raw.extend(0u32.to_le_bytes());
        raw.extend(1u32.to_le_bytes());
        raw.extend([5, 1, 3, 1, 0]); // key 5, one weight, of class 3 (of 1)
        assert!(Parser::decode(&deflate(&raw)).is_err());
        // Flipped bytes never panic.
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x5a;
            let _ = Parser::decode(&b);
        }
    }

    #[test]
    fn an_empty_sentence_has_an_empty_tree() {
        let p = tiny_model().parse::<&str>(&[], &[]);
        assert!(p.is_empty());
    }
}
