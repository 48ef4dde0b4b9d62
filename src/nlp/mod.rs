//! Natural-language analysis of English text, offline: part-of-speech tags from a tagger trained
//! on the Universal Dependencies English Web Treebank (EWT, CC BY-SA 4.0; see
//! `assets/nlp/NOTICE.md`).
//!
//! - [`conllu`]: reading treebanks (training, tests);
//! - [`tagger`]: the averaged-perceptron tagger, its training and its model format;
//! - [`words`]: cutting text tokens into the treebank's words ("don't" → "do" "n't").
//!
//! The model ships in the binary (`assets/nlp/en_ewt_tagger.bin`) and is decoded once, on first
//! use ([`english_tagger`]).

pub mod conllu;
pub mod tagger;
pub mod words;

pub use tagger::{ModelError, Pos, Tagger, Upos, Xpos};

use std::sync::LazyLock;

static MODEL_BYTES: &[u8] = include_bytes!("../../assets/nlp/en_ewt_tagger.bin");

static ENGLISH: LazyLock<Result<Tagger, ModelError>> =
    LazyLock::new(|| Tagger::decode(MODEL_BYTES));

/// The English tagger shipped with Claimtrace, decoded on first use.
pub fn english_tagger() -> Result<&'static Tagger, &'static ModelError> {
    ENGLISH.as_ref()
}

impl Tagger {
    /// The tags of a sentence's text tokens (as Unicode word segmentation cuts them: "don't",
    /// "Smith's" whole): each token is cut into treebank words, tagged in context, and gets the
    /// tag of its first word ("Smith's" → PROPN, "don't" → AUX).
    pub fn tag_tokens<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Pos> {
        let mut pieces: Vec<&str> = Vec::with_capacity(tokens.len() + 4);
        let mut first = Vec::with_capacity(tokens.len());
        for t in tokens {
            first.push(pieces.len());
            words::push_treebank_words(t.as_ref(), &mut pieces);
        }
        let tags = self.tag(&pieces);
        first.into_iter().map(|i| tags[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upos(text: &str) -> Vec<(String, &'static str)> {
        let t = english_tagger().unwrap();
        let toks: Vec<&str> = text.split(' ').collect();
        t.tag_tokens(&toks)
            .iter()
            .zip(&toks)
            .map(|(p, w)| (w.to_string(), p.upos.name()))
            .collect()
    }

    fn tag_of(text: &str, word: &str) -> &'static str {
        upos(text)
            .into_iter()
            .find(|(w, _)| w == word)
            .map_or("?", |(_, t)| t)
    }

    #[test]
    fn the_shipped_model_loads() {
        let t = english_tagger().unwrap();
        let (features, weights) = t.size();
        assert!(features > 10_000 && weights > features);
    }

    #[test]
    fn nouns_and_verbs_told_apart_by_context() {
        assert_eq!(
            tag_of("Polls are showing a tight race .", "showing"),
            "VERB"
        );
        assert_eq!(
            tag_of("In states that voted early , turnout rose .", "states"),
            "NOUN"
        );
        assert_eq!(
            tag_of("The report states that turnout rose .", "states"),
            "VERB"
        );
    }

    #[test]
    fn clitics_take_their_host_word_tag() {
        assert_eq!(tag_of("Smith's plan failed .", "Smith's"), "PROPN");
        assert_eq!(tag_of("They don't agree .", "don't"), "AUX");
        assert_eq!(tag_of("They don’t agree .", "don’t"), "AUX");
    }

    #[test]
    fn the_model_writes_back_what_it_read() {
        // In memory both passes share one table, with dense rows for the frequent features;
        // written out again, the model is the shipped one byte for byte (before deflating).
        use std::io::Read;
        let inflate = |b: &[u8]| {
            let mut raw = Vec::new();
            flate2::read::DeflateDecoder::new(b)
                .read_to_end(&mut raw)
                .unwrap();
            raw
        };
        let t = english_tagger().unwrap();
        assert_eq!(
            t.size(),
            (160_118, 697_972),
            "assets/nlp/NOTICE.md's figures"
        );
        assert!(inflate(&t.encode()) == inflate(MODEL_BYTES));
    }

    #[test]
    fn a_damaged_model_is_an_error_not_a_panic() {
        assert!(Tagger::decode(b"").is_err());
        assert!(Tagger::decode(&MODEL_BYTES[..MODEL_BYTES.len() / 2]).is_err());
        let e = Tagger::decode(b"not a model").err().map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.contains("train_tagger")));
    }
}
