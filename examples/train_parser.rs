//! Train the dependency parser on Universal Dependencies English EWT and write the model that
//! `src/nlp` ships (`assets/nlp/en_ewt_parser.bin`):
//!
//! ```text
//! cargo run --release --example train_parser -- EWT_DIR assets/nlp/en_ewt_parser.bin
//!     [--iterations 12] [--label-iterations 8] [--min-count 2] [--min-weight 0.05]
//!     [--jackknife K]
//! ```
//!
//! `EWT_DIR` holds `en_ewt-ud-train.conllu`, `en_ewt-ud-dev.conllu` and `en_ewt-ud-test.conllu`
//! (<https://github.com/UniversalDependencies/UD_English-EWT>, CC BY-SA 4.0). Every split is
//! tagged by the shipped tagger first: the parser is trained, and measured, on the tags it will
//! see in use, not the gold ones. With `--jackknife K` the train split is tagged instead by K
//! taggers, each trained on the other K − 1 parts (the shipped tagger has seen the train split,
//! so its tags there are better than on new text); dev and test keep the shipped tagger's. It is trained on train only; the example prints the attachment
//! scores on dev and test (UAS/LAS, with and without punctuation), the model's size and the time.

use anyhow::{Context, bail};
use claimtrace::nlp::parser::{self, TrainOptions};
use claimtrace::nlp::{Parser, Pos, Tagger, conllu, english_tagger, tagger};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn read(dir: &Path, split: &str) -> anyhow::Result<Vec<conllu::Sentence>> {
    let path = dir.join(format!("en_ewt-ud-{split}.conllu"));
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {} (the folder must hold the EWT train, dev and test files)",
            path.display()
        )
    })?;
    Ok(conllu::parse(&text, &path.display().to_string())?)
}

fn tag_with(tagger: &Tagger, sentences: &[conllu::Sentence]) -> Vec<Vec<Pos>> {
    sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            tagger.tag(&words)
        })
        .collect()
}

fn tag(sentences: &[conllu::Sentence]) -> anyhow::Result<Vec<Vec<Pos>>> {
    let tagger = english_tagger().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(tag_with(tagger, sentences))
}

/// The train split's tags by jackknifing: each of `k` folds tagged by a tagger trained (with
/// the shipped tagger's default options) on the other folds, so the parser learns from tags as
/// wrong as they will be on new text (the shipped tagger knows its own training sentences).
fn jackknife(train: &[conllu::Sentence], k: usize) -> Vec<Vec<Pos>> {
    let mut tags = vec![Vec::new(); train.len()];
    for fold in 0..k {
        let rest: Vec<conllu::Sentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let t = tagger::train(&rest, tagger::TrainOptions::default(), |_, _| {});
        for (i, s) in train.iter().enumerate().filter(|(i, _)| i % k == fold) {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            tags[i] = t.tag(&words);
        }
        eprintln!("jackknife fold {} of {k} tagged", fold + 1);
    }
    tags
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut opts = TrainOptions::default();
    let mut folds = 0usize;
    let mut i = 0;
    while i < args.len() {
        let value = |i: usize| {
            args.get(i + 1)
                .with_context(|| format!("{} needs a value", args[i]))
        };
        match args[i].as_str() {
            "--iterations" => opts.iterations = value(i)?.parse()?,
            "--label-iterations" => opts.label_iterations = value(i)?.parse()?,
            "--min-count" => opts.min_count = value(i)?.parse()?,
            "--min-weight" => opts.min_weight = value(i)?.parse()?,
            "--jackknife" => folds = value(i)?.parse()?,
            a if a.starts_with("--") => bail!("unknown option {a}"),
            a => {
                pos.push(a.to_string());
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    let [dir, out] = pos.as_slice() else {
        bail!(
            "usage: train_parser EWT_DIR OUT [--iterations N] [--label-iterations N] \
             [--min-count N] [--min-weight W] [--jackknife K]"
        );
    };
    let dir = PathBuf::from(dir);
    let (train, dev, test) = (
        read(&dir, "train")?,
        read(&dir, "dev")?,
        read(&dir, "test")?,
    );
    let words = |s: &[conllu::Sentence]| s.iter().map(|s| s.words.len()).sum::<usize>();
    println!(
        "train {} sentences ({} words), dev {}, test {}; {opts:?}",
        train.len(),
        words(&train),
        dev.len(),
        test.len()
    );
    let t0 = Instant::now();
    let train_tags = if folds > 1 {
        jackknife(&train, folds)
    } else {
        tag(&train)?
    };
    let (dev_tags, test_tags) = (tag(&dev)?, tag(&test)?);
    eprintln!("tagged in {:.1} s", t0.elapsed().as_secs_f64());
    let t1 = Instant::now();
    let model = parser::train(&train, &train_tags, opts, |stage, it, acc| {
        eprintln!(
            "{} iteration {it}: {:.2}% right ({:.1} s)",
            if stage == 1 { "transitions" } else { "labels" },
            acc * 100.0,
            t1.elapsed().as_secs_f64()
        )
    });
    let train_s = t1.elapsed().as_secs_f64();
    let bytes = model.encode();
    // What ships is what was measured: the decoded bytes.
    let t2 = Instant::now();
    let model = Parser::decode(&bytes)?;
    let load_ms = t2.elapsed().as_secs_f64() * 1e3;
    let (features, weights) = model.size();
    for (name, set, tags) in [("dev", &dev, &dev_tags), ("test", &test, &test_tags)] {
        let t = Instant::now();
        let a = parser::attachment(&model, set, tags);
        println!(
            "{name}: UAS {:.2}%  LAS {:.2}%  (without punctuation: UAS {:.2}%  LAS {:.2}%; \
             {} words parsed in {:.1} ms)",
            a.uas * 100.0,
            a.las * 100.0,
            a.uas_no_punct * 100.0,
            a.las_no_punct * 100.0,
            a.words,
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {out}"))?;
    println!(
        "wrote {out}: {} bytes, {features} features, {weights} weights; trained in {train_s:.1} s, \
         decoded in {load_ms:.1} ms",
        bytes.len()
    );
    Ok(())
}
