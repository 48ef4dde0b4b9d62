//! The shipped dependency parser: attachment scores on held-out treebank sentences (the first 400
//! of the EWT test split, tests/fixtures/nlp/, which the model never saw in training), with the
//! shipped tagger's tags as in use; and the trees the attribution suggester reads, on sentences
//! written for these tests.

use claimtrace::nlp::{Parse, Rel, conllu, english_parser, english_tagger, parser};

/// The floors: a little under what the shipped model reaches on these 400 sentences (see the
/// figures printed by `held_out_attachment_reaches_the_floor` and assets/nlp/NOTICE.md).
const FLOOR_UAS: f64 = 0.84;
const FLOOR_LAS: f64 = 0.80;

fn held_out() -> Vec<conllu::Sentence> {
    let mut out = Vec::new();
    for name in ["en_ewt-ud-test-200.conllu", "en_ewt-ud-test-201-400.conllu"] {
        let path = format!("{}/tests/fixtures/nlp/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        out.extend(conllu::parse(&text, &path).unwrap());
    }
    out
}

#[test]
fn held_out_attachment_reaches_the_floor() {
    let sentences = held_out();
    assert_eq!(sentences.len(), 400);
    let tagger = english_tagger().unwrap();
    let tags: Vec<_> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            tagger.tag(&words)
        })
        .collect();
    let a = parser::attachment(english_parser().unwrap(), &sentences, &tags);
    println!(
        "held-out ({} words): UAS {:.2}% LAS {:.2}%; without punctuation UAS {:.2}% LAS {:.2}%",
        a.words,
        a.uas * 100.0,
        a.las * 100.0,
        a.uas_no_punct * 100.0,
        a.las_no_punct * 100.0
    );
    assert!(a.words > 5_000, "{} words", a.words);
    assert!(a.uas >= FLOOR_UAS, "UAS {:.4} below {FLOOR_UAS}", a.uas);
    assert!(a.las >= FLOOR_LAS, "LAS {:.4} below {FLOOR_LAS}", a.las);
}

/// A sentence's tokens (split at spaces, as word segmentation would cut it) and its tree.
fn parse(text: &str) -> (Vec<&str>, Parse) {
    let tokens: Vec<&str> = text.split(' ').collect();
    let p = english_parser()
        .unwrap()
        .parse_tokens(english_tagger().unwrap(), &tokens);
    assert_eq!(p.len(), tokens.len());
    (tokens, p)
}

fn at(tokens: &[&str], word: &str) -> usize {
    tokens.iter().position(|t| *t == word).unwrap()
}

/// The tree as "word <-rel- head" lines, for failure messages.
fn show(tokens: &[&str], p: &Parse) -> String {
    (0..p.len())
        .map(|i| {
            format!(
                "{} <-{}- {}",
                tokens[i],
                p.rel_name(i),
                p.head[i].map_or("ROOT", |h| tokens[h])
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn subjects(p: &Parse, verb: usize) -> Vec<usize> {
    p.children(verb)
        .filter(|&c| matches!(p.rel[c], Rel::Nsubj | Rel::NsubjPass))
        .collect()
}

#[test]
fn the_subject_of_said_before_an_apposition() {
    let (t, p) = parse("Smith , a spokesman for Disney , said the deal would close .");
    let said = at(&t, "said");
    let why = show(&t, &p);
    assert_eq!(p.root(), Some(said), "{why}");
    assert_eq!(subjects(&p, said), [at(&t, "Smith")], "{why}");
    let spokesman = at(&t, "spokesman");
    assert_eq!(p.head[spokesman], Some(at(&t, "Smith")), "{why}");
    assert_eq!(p.rel[spokesman], Rel::Appos, "{why}");
    // The reported clause: "the deal would close".
    let close = at(&t, "close");
    assert_eq!(p.head[close], Some(said), "{why}");
    assert_eq!(p.rel[close], Rel::Ccomp, "{why}");
    assert_eq!(p.subtree(close), at(&t, "the")..close + 1, "{why}");
}

#[test]
fn the_subject_of_said_after_a_quotation() {
    let (t, p) = parse("\" We will win , \" a spokesman for Disney said .");
    let said = at(&t, "said");
    let why = show(&t, &p);
    assert_eq!(subjects(&p, said), [at(&t, "spokesman")], "{why}");
    // The quotation is what was said.
    let win = at(&t, "win");
    assert!(p.dominates(said, win), "{why}");
    assert_eq!(subjects(&p, win), [at(&t, "We")], "{why}");
}

#[test]
fn the_subject_of_a_present_tense_report() {
    let (t, p) = parse("Officials say rates will rise .");
    let say = at(&t, "say");
    let why = show(&t, &p);
    assert_eq!(p.head[at(&t, "Officials")], Some(say), "{why}");
    assert_eq!(p.rel[at(&t, "Officials")], Rel::Nsubj, "{why}");
    assert_eq!(p.rel[at(&t, "rise")], Rel::Ccomp, "{why}");
}

#[test]
fn the_object_of_a_verb_with_a_possessive() {
    let (t, p) = parse("Several senators have denounced Trump's remarks .");
    let denounced = at(&t, "denounced");
    let remarks = at(&t, "remarks");
    let why = show(&t, &p);
    assert_eq!(p.head[remarks], Some(denounced), "{why}");
    assert_eq!(p.rel[remarks], Rel::Obj, "{why}");
    // "Trump's" is one token: its first word "Trump" is the possessor of "remarks".
    assert_eq!(p.head[at(&t, "Trump's")], Some(remarks), "{why}");
    assert_eq!(p.rel[at(&t, "Trump's")], Rel::NmodPoss, "{why}");
    assert_eq!(p.rel[at(&t, "have")], Rel::Aux, "{why}");
    assert_eq!(subjects(&p, denounced), [at(&t, "senators")], "{why}");
}

#[test]
fn a_passive_subject_and_a_relative_clause() {
    let (t, p) = parse("The plan , which was announced on Monday , was rejected by the board .");
    let rejected = at(&t, "rejected");
    let why = show(&t, &p);
    assert_eq!(p.head[at(&t, "plan")], Some(rejected), "{why}");
    assert_eq!(p.rel[at(&t, "plan")], Rel::NsubjPass, "{why}");
    assert_eq!(p.rel[at(&t, "announced")], Rel::AclRelcl, "{why}");
    assert_eq!(p.head[at(&t, "announced")], Some(at(&t, "plan")), "{why}");
}

#[test]
fn a_token_that_holds_the_root_has_no_head() {
    // "don't" is two treebank words; the token takes its first word's relation, and its head
    // is the token holding that word's head.
    let (t, p) = parse("They don't agree .");
    let why = show(&t, &p);
    assert_eq!(p.root(), Some(at(&t, "agree")), "{why}");
    assert_eq!(p.head[at(&t, "don't")], Some(at(&t, "agree")), "{why}");
    assert_eq!(p.rel[at(&t, "don't")], Rel::Aux, "{why}");
    assert_eq!(p.head.iter().filter(|h| h.is_none()).count(), 1, "{why}");
}
