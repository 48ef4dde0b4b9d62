//! Tokens, sentences and quotations of a text, with char offsets.
//!
//! Words come from Unicode word segmentation (`unicode-segmentation`, UAX #29). Sentences are
//! cut by hand on top of the tokens: UAX #29 sentence breaks split "Mr. Smith" and "U.S.
//! officials", and news text needs an abbreviation list and a look at the next word.

use super::lexicon::Lexicon;
use crate::nlp::{Pos, Upos};
use std::cell::OnceCell;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct,
}

/// A quotation mark's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    None,
    Open,
    Close,
}

#[derive(Debug, Clone)]
pub struct Token {
    /// Char offsets, half-open.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Paragraph index.
    pub para: u32,
    pub mark: Mark,
    /// Starts with an upper-case letter.
    pub upper: bool,
}

/// A quotation: its opening and closing mark tokens (the close is `None` when the quotation
/// runs to the end of its paragraph and continues in the next one).
#[derive(Debug, Clone)]
pub struct Quote {
    pub open: usize,
    pub close: Option<usize>,
    /// Char range including the marks (to the paragraph's last token when unclosed).
    pub start: usize,
    pub end: usize,
    /// The quotation of the previous paragraph this one continues, if any.
    pub continues: Option<usize>,
}

/// A text cut into tokens, sentences and quotations.
#[derive(Debug)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    /// Lower-case text of each token.
    pub lower: Vec<String>,
    /// Sentences as token index ranges.
    pub sentences: Vec<std::ops::Range<usize>>,
    /// The sentence of each token.
    pub sentence_of: Vec<u32>,
    pub quotes: Vec<Quote>,
    /// The quotation a token is inside (strictly between its marks), if any.
    pub in_quote: Vec<Option<u32>>,
    /// The token's text as written (the tagger needs its case).
    pub surface: Vec<String>,
    /// Part-of-speech tags of each sentence's tokens, computed on first use
    /// ([`Analysis::upos`]): most sentences hold no cue and are never tagged.
    tags: Vec<OnceCell<Vec<Pos>>>,
}

fn is_double_quote(s: &str) -> Option<Mark> {
    match s {
        "\u{201C}" | "\u{201E}" | "\u{00AB}" => Some(Mark::Open),
        "\u{201D}" | "\u{00BB}" => Some(Mark::Close),
        _ => None,
    }
}

fn is_apostrophe(s: &str) -> bool {
    matches!(s, "'" | "\u{2019}" | "\u{2018}")
}

/// Quotations in single marks ('…' and ‘…’, the British style), in paragraphs that have no
/// double marks (inside double quotation marks a single pair is a quotation within the quotation,
/// left alone). A single mark is also an apostrophe ("students' union", "’90s"), so marks are
/// paired only when an opening one (space before, a word right after) is followed in the
/// paragraph by a closing one (attached to the word or punctuation before it, space or
/// punctuation after), preferring one right after a comma or full stop ("'We will win,' he
/// said"), with at least two words between.
fn mark_single_quotes(tokens: &mut [Token], surface: &[String]) {
    let n = tokens.len();
    let single = |k: usize| matches!(surface[k].as_str(), "'" | "\u{2018}" | "\u{2019}");
    let mut p0 = 0;
    while p0 < n {
        let mut p1 = p0;
        while p1 < n && tokens[p1].para == tokens[p0].para {
            p1 += 1;
        }
        if !tokens[p0..p1].iter().any(|t| t.mark != Mark::None) {
            let mut open: Option<usize> = None;
            let mut fallback: Option<usize> = None;
            let mut pairs = Vec::new();
            for k in p0..p1 {
                if !single(k) {
                    continue;
                }
                let spaced_before = k == p0 || tokens[k - 1].end < tokens[k].start;
                let attached_after = k + 1 < p1
                    && tokens[k + 1].start == tokens[k].end
                    && tokens[k + 1].kind == Kind::Word;
                let attached_before = k > p0 && tokens[k - 1].end == tokens[k].start;
                let free_after = k + 1 >= p1
                    || tokens[k + 1].start > tokens[k].end
                    || tokens[k + 1].kind == Kind::Punct;
                if surface[k] != "\u{2019}" && spaced_before && attached_after {
                    // A new opening mark: an earlier one with only a word-attached closing
                    // candidate takes it.
                    if let (Some(o), Some(c)) = (open, fallback) {
                        pairs.push((o, c));
                    }
                    open = Some(k);
                    fallback = None;
                } else if let Some(o) = open
                    && surface[k] != "\u{2018}"
                    && attached_before
                    && free_after
                {
                    let words = (o + 1..k).filter(|&m| tokens[m].kind == Kind::Word).count();
                    if words < 2 {
                        continue;
                    }
                    if tokens[k - 1].kind == Kind::Punct {
                        pairs.push((o, k));
                        open = None;
                        fallback = None;
                    } else if fallback.is_none() {
                        fallback = Some(k);
                    }
                }
            }
            if let (Some(o), Some(c)) = (open, fallback) {
                pairs.push((o, c));
            }
            for (o, c) in pairs {
                tokens[o].mark = Mark::Open;
                tokens[c].mark = Mark::Close;
            }
        }
        p0 = p1;
    }
}

impl Analysis {
    pub fn new(text: &str, lex: &Lexicon) -> Analysis {
        let mut tokens: Vec<Token> = Vec::new();
        let mut lower = Vec::new();
        let mut surface = Vec::new();
        let mut pos = 0usize;
        let mut para = 0u32;
        // Whether whitespace (or the start of the text) came right before the current token.
        let mut space_before = true;
        let mut pending_apostrophe: Option<usize> = None;
        for piece in text.split_word_bounds() {
            let n = piece.chars().count();
            let start = pos;
            pos += n;
            let first = piece.chars().next().unwrap_or(' ');
            if first.is_whitespace() {
                if piece.contains('\n') {
                    para += 1;
                }
                space_before = true;
                pending_apostrophe = None;
                continue;
            }
            let is_word = piece.chars().any(char::is_alphanumeric);
            let mut mark = Mark::None;
            if let Some(m) = is_double_quote(piece) {
                mark = m;
            } else if piece == "\"" {
                mark = if space_before {
                    Mark::Open
                } else {
                    Mark::Close
                };
            } else if is_apostrophe(piece) {
                // Two apostrophes in a row are one double quotation mark (''…'' in archives).
                if let Some(prev) = pending_apostrophe.take()
                    && tokens.len() == prev + 1
                    && tokens[prev].end == start
                {
                    let t = &mut tokens[prev];
                    t.end = pos;
                    let before = if prev == 0 {
                        true
                    } else {
                        tokens[prev - 1].end < tokens[prev].start
                    };
                    tokens[prev].mark = if before { Mark::Open } else { Mark::Close };
                    lower[prev] = "\"".to_string();
                    surface[prev] = "\"".to_string();
                    space_before = false;
                    continue;
                }
                pending_apostrophe = Some(tokens.len());
            } else {
                pending_apostrophe = None;
            }
            tokens.push(Token {
                start,
                end: pos,
                kind: if is_word { Kind::Word } else { Kind::Punct },
                para,
                mark,
                upper: first.is_uppercase(),
            });
            lower.push(piece.to_lowercase());
            surface.push(piece.to_string());
            space_before = false;
        }
        mark_single_quotes(&mut tokens, &surface);
        let mut a = Analysis {
            sentence_of: vec![0; tokens.len()],
            in_quote: vec![None; tokens.len()],
            tokens,
            lower,
            surface,
            sentences: Vec::new(),
            quotes: Vec::new(),
            tags: Vec::new(),
        };
        a.find_quotes();
        a.find_sentences(lex);
        a.tags = vec![OnceCell::new(); a.sentences.len()];
        a
    }

    fn find_quotes(&mut self) {
        let n = self.tokens.len();
        let mut open: Option<usize> = None;
        for i in 0..n {
            let (para, mark) = (self.tokens[i].para, self.tokens[i].mark);
            // A paragraph ends: an open quotation runs to its end and may continue.
            if let Some(o) = open
                && self.tokens[o].para != para
            {
                self.push_quote(o, None, i - 1);
                open = None;
            }
            match mark {
                // A second opening mark inside an open quotation: the first one was stray.
                Mark::Open => open = Some(i),
                Mark::Close => {
                    if let Some(o) = open.take() {
                        self.push_quote(o, Some(i), i);
                    }
                }
                Mark::None => {}
            }
        }
        if let Some(o) = open {
            self.push_quote(o, None, n - 1);
        }
        // Continuations: a quotation that opens a paragraph right after an unclosed one.
        for qi in 1..self.quotes.len() {
            let (prev, cur) = (&self.quotes[qi - 1], &self.quotes[qi]);
            let prev_para = self.tokens[prev.open].para;
            let cur_para = self.tokens[cur.open].para;
            let opens_paragraph = cur.open == 0 || self.tokens[cur.open - 1].para != cur_para;
            if prev.close.is_none() && cur_para == prev_para + 1 && opens_paragraph {
                self.quotes[qi].continues = Some(qi - 1);
            }
        }
    }

    fn push_quote(&mut self, open: usize, close: Option<usize>, last: usize) {
        let q = self.quotes.len();
        for k in open + 1..close.unwrap_or(last + 1) {
            self.in_quote[k] = Some(q as u32);
        }
        self.quotes.push(Quote {
            open,
            close,
            start: self.tokens[open].start,
            end: self.tokens[last].end,
            continues: None,
        });
    }

    fn find_sentences(&mut self, lex: &Lexicon) {
        let n = self.tokens.len();
        let mut start = 0;
        let mut i = 0;
        while i < n {
            let t = &self.tokens[i];
            let next_para = i + 1 < n && self.tokens[i + 1].para != t.para;
            let mut end_here = next_para || i + 1 == n;
            if !end_here
                && t.kind == Kind::Punct
                && matches!(self.lower[i].as_str(), "." | "!" | "?" | "…")
            {
                // Closing marks and brackets after the full stop belong to this sentence.
                let mut j = i + 1;
                while j < n
                    && self.tokens[j].para == t.para
                    && (self.tokens[j].mark == Mark::Close
                        || matches!(self.lower[j].as_str(), ")" | "]" | "\u{2019}" | "'"))
                {
                    j += 1;
                }
                let abbrev = self.lower[i] == "."
                    && i > 0
                    && self.tokens[i - 1].end == t.start
                    && self.tokens[i - 1].kind == Kind::Word
                    && (lex.abbrevs.contains(self.lower[i - 1].as_str())
                        || self.lower[i - 1].chars().count() == 1);
                let next_starts = j >= n
                    || self.tokens[j].para != t.para
                    || self.tokens[j].upper
                    || self.tokens[j].mark == Mark::Open
                    || self.lower[j].chars().next().is_some_and(|c| c.is_numeric());
                if !abbrev && next_starts {
                    i = j - 1;
                    end_here = true;
                }
            }
            if end_here {
                let s = self.sentences.len() as u32;
                for k in start..=i {
                    self.sentence_of[k] = s;
                }
                self.sentences.push(start..i + 1);
                start = i + 1;
            }
            i += 1;
        }
    }

    /// The part-of-speech tags of token `i` in its sentence (the sentence is tagged once, on
    /// first use); `None` past the end of the text or when the tagger's model cannot be read
    /// (the rules then decide without tags).
    pub fn pos(&self, i: usize) -> Option<Pos> {
        let s = *self.sentence_of.get(i)? as usize;
        let tags = self.tags[s].get_or_init(|| {
            let r = self.sentences[s].clone();
            match crate::nlp::english_tagger() {
                Ok(t) => t.tag_tokens(&self.surface[r]),
                Err(_) => Vec::new(),
            }
        });
        tags.get(i - self.sentences[s].start).copied()
    }

    /// How many sentences have been tagged so far (the rest held no word a rule asked about).
    pub fn tagged_sentences(&self) -> usize {
        self.tags.iter().filter(|t| t.get().is_some()).count()
    }

    /// The universal part-of-speech tag of token `i` (see [`Analysis::pos`]).
    pub fn upos(&self, i: usize) -> Option<Upos> {
        self.pos(i).map(|p| p.upos)
    }

    /// The sentence range of token `i`.
    pub fn sentence(&self, i: usize) -> std::ops::Range<usize> {
        self.sentences[self.sentence_of[i] as usize].clone()
    }

    pub fn is_punct(&self, i: usize, s: &str) -> bool {
        self.tokens[i].kind == Kind::Punct && self.lower[i] == s
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.tokens[i].kind == Kind::Word
    }

    /// Is token `i` a clause-breaking punctuation mark (comma, semicolon, colon, dash, bracket,
    /// full stop)?
    pub fn is_break(&self, i: usize) -> bool {
        self.tokens[i].kind == Kind::Punct
            && (self.tokens[i].mark != Mark::None
                || matches!(
                    self.lower[i].as_str(),
                    "," | ";"
                        | ":"
                        | "."
                        | "!"
                        | "?"
                        | "("
                        | ")"
                        | "["
                        | "]"
                        | "\u{2014}"
                        | "\u{2013}"
                        | "…"
                ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::lexicon::english;

    fn words(a: &Analysis, text: &str, r: std::ops::Range<usize>) -> String {
        let s = a.tokens[r.start].start;
        let e = a.tokens[r.end - 1].end;
        text.chars().skip(s).take(e - s).collect()
    }

    /// The quoted texts of `text`, by their marks.
    fn quoted(text: &str) -> Vec<String> {
        let a = Analysis::new(text, english());
        let chars: Vec<char> = text.chars().collect();
        a.quotes
            .iter()
            .map(|q| chars[q.start..q.end].iter().collect())
            .collect()
    }

    #[test]
    fn single_quotation_marks_pair_but_apostrophes_do_not() {
        assert_eq!(
            quoted("'We will win this election,' he said."),
            ["'We will win this election,'"]
        );
        assert_eq!(
            quoted("\u{2018}The students' union is closed,\u{2019} said Smith."),
            ["\u{2018}The students' union is closed,\u{2019}"]
        );
        assert_eq!(
            quoted("The minister said: 'Prices will fall by June.'"),
            ["'Prices will fall by June.'"]
        );
        assert!(quoted("The students' union said it would appeal.").is_empty());
        assert!(quoted("Fans of the '90s and the 'Stones loved it.").is_empty());
        // Inside double marks a single pair is a quotation within the quotation: left alone.
        assert_eq!(
            quoted("\u{201C}He told me 'no way' at once,\u{201D} she said."),
            ["\u{201C}He told me 'no way' at once,\u{201D}"]
        );
    }

    #[test]
    fn sentences_respect_abbreviations_and_quotes() {
        let text = "Mr. Smith met U.S. officials. “It is over.” He left.\nNew line";
        let a = Analysis::new(text, english());
        let got: Vec<String> = a
            .sentences
            .iter()
            .map(|r| words(&a, text, r.clone()))
            .collect();
        assert_eq!(
            got,
            [
                "Mr. Smith met U.S. officials.",
                "“It is over.”",
                "He left.",
                "New line"
            ]
        );
    }

    #[test]
    fn quotes_straight_curly_doubled_and_continued() {
        let text = "He said \"yes\" and ''no'' and “maybe\n“still going,” he said.";
        let a = Analysis::new(text, english());
        let q: Vec<String> = a
            .quotes
            .iter()
            .map(|q| text.chars().skip(q.start).take(q.end - q.start).collect())
            .collect();
        assert_eq!(q, ["\"yes\"", "''no''", "“maybe", "“still going,”"]);
        assert_eq!(a.quotes[3].continues, Some(2));
        assert_eq!(a.quotes[1].continues, None);
    }

    #[test]
    fn offsets_are_chars_with_emoji_and_decomposed_letters() {
        let text = "Bo\u{0323}\u{0302} 👍🏽 said “Xin chào”.";
        let a = Analysis::new(text, english());
        let said = a
            .lower
            .iter()
            .position(|w| w == "said")
            .unwrap_or(usize::MAX);
        assert!(said < a.tokens.len());
        let t = &a.tokens[said];
        let s: String = text.chars().skip(t.start).take(t.end - t.start).collect();
        assert_eq!(s, "said");
    }
}
