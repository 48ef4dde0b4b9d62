//! Train the part-of-speech tagger on Universal Dependencies English EWT and write the model
//! that `src/nlp` ships (`assets/nlp/en_ewt_tagger.bin`):
//!
//! ```text
//! cargo run --release --example train_tagger -- EWT_DIR assets/nlp/en_ewt_tagger.bin
//!     [--iterations 10] [--min-count 2] [--min-weight 0.05]
//! ```
//!
//! `EWT_DIR` holds `en_ewt-ud-train.conllu`, `en_ewt-ud-dev.conllu` and `en_ewt-ud-test.conllu`
//! (<https://github.com/UniversalDependencies/UD_English-EWT>, CC BY-SA 4.0). The model is
//! trained on train only; it prints the accuracy on dev and test (UPOS and XPOS) and the
//! model's size.

use anyhow::{Context, bail};
use claimtrace::nlp::conllu;
use claimtrace::nlp::tagger::{self, TrainOptions};
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

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut opts = TrainOptions::default();
    let mut i = 0;
    while i < args.len() {
        let value = |i: usize| {
            args.get(i + 1)
                .with_context(|| format!("{} needs a value", args[i]))
        };
        match args[i].as_str() {
            "--iterations" => opts.iterations = value(i)?.parse()?,
            "--min-count" => opts.min_count = value(i)?.parse()?,
            "--min-weight" => opts.min_weight = value(i)?.parse()?,
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
        bail!("usage: train_tagger EWT_DIR OUT [--iterations N] [--min-count N] [--min-weight W]");
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
    let model = tagger::train(&train, opts, |pass, it| {
        eprintln!(
            "pass {pass}, iteration {it} done ({:.1} s)",
            t0.elapsed().as_secs_f64()
        )
    });
    let bytes = model.encode();
    // What ships is what was measured: the decoded bytes.
    let model = claimtrace::nlp::Tagger::decode(&bytes)?;
    let (features, weights) = model.size();
    for (name, set) in [("dev", &dev), ("test", &test)] {
        let t = Instant::now();
        let (u, x) = tagger::accuracy(&model, set);
        println!(
            "{name}: UPOS {:.2}%  XPOS {:.2}%  ({} words in {:.1} ms)",
            u * 100.0,
            x * 100.0,
            words(set),
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {out}"))?;
    println!(
        "wrote {out}: {} bytes, {features} features, {weights} weights",
        bytes.len()
    );
    Ok(())
}
