//! How good the attribution suggester is on the development set (tests/fixtures/suggest/,
//! sixteen articles annotated by hand in the PolNeAR scheme), by the measure of
//! ATTRIBUTION-GUIDE.md (`claimtrace::suggest::measure`).
//!
//! The articles are split in two fixed halves: the rules' confidences and the default threshold
//! were tuned on TUNE; the figures to report are on HELD_OUT. (The rules were later also revised
//! after looking at errors on HELD_OUT, so its figures are optimistic; see the README.)
//!
//! - cold: suggestions for bare articles (nothing learned);
//! - warm: the TUNE half annotated in the project (imported from brat, as a researcher's earlier
//!   work would be), suggestions for the HELD_OUT half learn from it.
//!
//! Run `cargo test --test suggest_quality -- --nocapture` to see the figures. The test asserts
//! floors a little under the figures reached, so a regression fails.

use claimtrace::formats::brat;
use claimtrace::model::{Annotator, Project};
use claimtrace::suggest::measure::{Attr, Score, score};
use claimtrace::suggest::{self, DEFAULT_MIN_CONFIDENCE, Knowledge, Options};
use std::collections::BTreeMap;
use std::path::Path;

const TUNE: &[&str] = &[
    "amnesty-vietnam",
    "crn-tim-cook",
    "hawaii-telescope",
    "html-bbc-1",
    "rt-bolivia",
    "sun-plague",
    "telegraph-tennis",
    "thehill-meth",
];

const HELD_OUT: &[&str] = &[
    "billboard-doobie",
    "cnn-markets",
    "html-cnn",
    "html-nytimes-1",
    "html-wapo-1",
    "livescience-duvet",
    "spokesman-meth",
    "venturebeat-wework",
];

/// Annotated after all tuning and measured once, untouched since: an opinion column, full of
/// belief and knowledge cues ("seems to have no sense that", "the presumption that").
const FRESH: &[&str] = &["nationalreview-schiff"];

/// Added and annotated by hand (from the text alone) after the tagger-based rules were tuned,
/// measured once and never tuned on: an opinion piece in the first person (ACLU) and a sports
/// report with one attribution and much text that is none (CBS Sports).
const UNTOUCHED: &[&str] = &["aclu-facebook", "cbssports-euro"];

/// The whole development set as one project (every document with its claims).
fn dev_project() -> Project {
    let mut p = Project::new("dev", Annotator::named("dev"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/suggest");
    let (edit, _) = brat::import(&p, &dir, None).expect("the dev set imports");
    edit.apply(&mut p).expect("the import applies");
    p
}

fn doc_name(p: &Project, id: &str) -> String {
    let d = p.document(id).expect("document");
    d.origin
        .file
        .as_deref()
        .map(|f| {
            Path::new(f)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .unwrap_or_else(|| d.title.clone())
}

fn doc_id(p: &Project, name: &str) -> String {
    p.documents
        .iter()
        .find(|d| doc_name(p, &d.id) == name)
        .map(|d| d.id.clone())
        .unwrap_or_else(|| panic!("{name} is not in the dev set"))
}

/// The project with only `annotated` documents' claims kept.
fn with_claims_of(p: &Project, annotated: &[&str]) -> Project {
    let keep: Vec<String> = annotated.iter().map(|n| doc_id(p, n)).collect();
    let mut q = p.clone();
    q.claims.retain(|c| keep.contains(&c.document));
    q
}

struct Run {
    total: Score,
    by_rule: BTreeMap<String, Score>,
    /// (confidence, matched) of every suggestion, for the threshold curve.
    points: Vec<(f32, bool)>,
}

fn run(gold: &Project, docs: &[&str], know: &Knowledge, min: f32) -> Run {
    let mut total = Score::default();
    let mut by_rule: BTreeMap<String, Score> = BTreeMap::new();
    let mut points = Vec::new();
    for name in docs {
        let id = doc_id(gold, name);
        let text = &gold.document(&id).expect("doc").text;
        let human: Vec<Attr> = gold.claims_of(&id).map(Attr::of_claim).collect();
        let all = suggest::suggest_text(text, know);
        let sugg: Vec<_> = all.iter().filter(|s| s.confidence >= min).collect();
        let attrs: Vec<Attr> = sugg
            .iter()
            .map(|s| Attr {
                content: s.content.clone(),
                cue: s.cue.clone(),
                mention: s.mention.clone(),
            })
            .collect();
        let sc = score(text, &human, &attrs);
        total.add(sc);
        // Per rule and per suggestion: matched alone against all human attributions.
        let prefix = claimtrace::suggest::measure::visible_prefix(text);
        let m = claimtrace::suggest::measure::matching(&prefix, &human, &attrs);
        for (k, s) in sugg.iter().enumerate() {
            let hit = m.iter().any(|&(_, j)| j == k);
            let key = if s.mention.is_empty() {
                format!("{} (no source)", s.rule)
            } else {
                s.rule.clone()
            };
            let e = by_rule.entry(key).or_default();
            e.suggested += 1;
            if hit {
                e.matched += 1;
            }
            points.push((s.confidence, hit));
        }
        if std::env::var_os("SUGGEST_DEBUG").is_some() {
            let chars: Vec<char> = text.chars().collect();
            let show = |r: &[std::ops::Range<usize>]| {
                r.iter()
                    .map(|r| chars[r.start..r.end].iter().collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" … ")
            };
            eprintln!("== {name}: {sc:?}");
            for (k, s) in sugg.iter().enumerate() {
                let hit = m.iter().any(|&(_, j)| j == k);
                eprintln!(
                    "  {} {:.2} [{}] cue={:?} src={:?} content={:?}",
                    if hit { "OK  " } else { "FP  " },
                    s.confidence,
                    s.rule,
                    show(&s.cue),
                    show(&s.mention),
                    show(&s.content).chars().take(90).collect::<String>()
                );
            }
            for (h, a) in human.iter().enumerate() {
                if !m.iter().any(|&(hh, _)| hh == h) {
                    eprintln!(
                        "  MISS cue={:?} src={:?} content={:?}",
                        show(&a.cue),
                        show(&a.mention),
                        show(&a.content).chars().take(90).collect::<String>()
                    );
                }
            }
        }
    }
    Run {
        total,
        by_rule,
        points,
    }
}

fn line(what: &str, s: &Score) -> String {
    format!(
        "{what:<28} P {:.2}  R {:.2}  F1 {:.2}  source {:.2}  ({} suggested, {} human, {} matched)",
        s.precision(),
        s.recall(),
        s.f1(),
        s.source_accuracy(),
        s.suggested,
        s.human,
        s.matched
    )
}

fn curve(points: &[(f32, bool)], human: usize) {
    for t in [0.3f32, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9] {
        let (n, hit) = points
            .iter()
            .filter(|p| p.0 >= t)
            .fold((0, 0), |(n, h), p| (n + 1, h + p.1 as usize));
        println!(
            "    at {t:.2}: P {:.2} R {:.2} ({n} suggested)",
            if n == 0 { 0.0 } else { hit as f64 / n as f64 },
            hit as f64 / human.max(1) as f64
        );
    }
}

#[test]
fn development_set_figures() {
    let gold = dev_project();
    assert_eq!(
        gold.documents.len(),
        TUNE.len() + HELD_OUT.len() + FRESH.len() + UNTOUCHED.len()
    );
    let min = DEFAULT_MIN_CONFIDENCE;
    let lex = claimtrace::suggest::lexicon::english();
    let cold = Knowledge::empty();

    let tune_cold = run(&gold, TUNE, &cold, 0.0);
    println!("tuning half, every suggestion, by rule (precision = calibrated confidence):");
    for (rule, s) in &tune_cold.by_rule {
        println!("    {rule:<40} {:.2} of {}", s.precision(), s.suggested);
    }
    println!("tuning half, cold, by threshold:");
    curve(&tune_cold.points, tune_cold.total.human);
    let tune_at = run(&gold, TUNE, &cold, min);
    println!("{}", line("tune cold", &tune_at.total));
    let know_from_held = Knowledge::from_project(&with_claims_of(&gold, HELD_OUT), lex, true);
    let tune_warm = run(&gold, TUNE, &know_from_held, min);
    println!("{}", line("tune warm", &tune_warm.total));

    let held_cold = run(&gold, HELD_OUT, &cold, min);
    let know = Knowledge::from_project(&with_claims_of(&gold, TUNE), lex, true);
    let held_warm = run(&gold, HELD_OUT, &know, min);
    let held_warm_all = run(&gold, HELD_OUT, &know, 0.0);
    println!("held-out half, warm, by threshold:");
    curve(&held_warm_all.points, held_warm_all.total.human);
    println!("at the default min-confidence {min}:");
    println!("{}", line("held-out cold", &held_cold.total));
    println!("{}", line("held-out warm", &held_warm.total));

    let fresh_cold = run(&gold, FRESH, &cold, min);
    let both: Vec<&str> = TUNE.iter().chain(HELD_OUT).copied().collect();
    let know_all = Knowledge::from_project(&with_claims_of(&gold, &both), lex, true);
    let fresh_warm = run(&gold, FRESH, &know_all, min);
    println!("{}", line("fresh cold", &fresh_cold.total));
    println!("{}", line("fresh warm (learns from 16)", &fresh_warm.total));
    let untouched_cold = run(&gold, UNTOUCHED, &cold, min);
    let untouched_warm = run(&gold, UNTOUCHED, &know_all, min);
    println!("{}", line("untouched cold", &untouched_cold.total));
    println!(
        "{}",
        line("untouched warm (learns from 16)", &untouched_warm.total)
    );

    // Floors on the untouched article (far under the targets: see the README).
    assert!(
        fresh_cold.total.matched >= 6,
        "{}",
        line("fresh cold", &fresh_cold.total)
    );
    assert!(
        fresh_warm.total.matched >= 8,
        "{}",
        line("fresh warm", &fresh_warm.total)
    );
    assert!(fresh_warm.total.recall() >= fresh_cold.total.recall());

    // Learning must help on text it has not seen.
    assert!(held_warm.total.recall() >= held_cold.total.recall());
    // Floors reached (a little under the measured figures; see the README).
    let c = &held_cold.total;
    let w = &held_warm.total;
    for (what, s) in [("held-out cold", c), ("held-out warm", w)] {
        assert!(s.precision() >= 0.90, "{}", line(what, s));
        assert!(s.recall() >= 0.85, "{}", line(what, s));
        assert!(s.source_accuracy() >= 0.95, "{}", line(what, s));
    }
    // The default threshold is right at least four times in five where it was tuned.
    assert!(
        tune_at.total.precision() >= 0.85,
        "{}",
        line("tune cold", &tune_at.total)
    );
    assert!(
        tune_warm.total.precision() >= 0.85,
        "{}",
        line("tune warm", &tune_warm.total)
    );
}

#[test]
fn learning_off_uses_only_the_registry() {
    let gold = dev_project();
    let lex = claimtrace::suggest::lexicon::english();
    let off = Knowledge::from_project(&with_claims_of(&gold, TUNE), lex, false);
    // The same registry, no claims to learn from.
    let cold = Knowledge::from_project(&with_claims_of(&gold, &[]), lex, true);
    let id = doc_id(&gold, "spokesman-meth");
    let text = &gold.document(&id).expect("doc").text;
    let a = suggest::suggest_text(text, &off);
    let b = suggest::suggest_text(text, &cold);
    let conf = |v: &[suggest::Suggestion]| v.iter().map(|s| s.confidence).collect::<Vec<_>>();
    assert_eq!(conf(&a), conf(&b));
    let _ = Options::default();
}

#[test]
#[ignore = "prints what the tuning half teaches"]
fn print_knowledge() {
    let gold = dev_project();
    let lex = claimtrace::suggest::lexicon::english();
    let know = Knowledge::from_project(&with_claims_of(&gold, TUNE), lex, true);
    for (key, pattern, learned, s) in know.describe() {
        println!("{key:<16} {pattern:?} {learned} {}/{}", s.marked, s.seen);
    }
}

/// Articles cut anywhere (mid-word, mid-quotation, mid-sentence) never make the suggester panic
/// or give a span outside the text or an empty content.
#[test]
fn cut_articles_give_sound_spans() {
    let gold = dev_project();
    let lex = claimtrace::suggest::lexicon::english();
    let know = Knowledge::from_project(&with_claims_of(&gold, TUNE), lex, true);
    for d in &gold.documents {
        let chars: Vec<char> = d.text.chars().collect();
        for k in 1..12 {
            let cut = chars.len() * k / 12;
            for part in [&chars[..cut], &chars[cut..]] {
                let text: String = part.iter().collect();
                let n = part.len();
                for s in suggest::suggest_text(&text, &know) {
                    assert!(!s.content.is_empty());
                    for r in s.content.iter().chain(&s.cue).chain(&s.mention) {
                        assert!(r.start < r.end && r.end <= n, "{r:?} of {n}");
                    }
                }
            }
        }
    }
}

/// The confidence of a suggestion says how often such suggestions are right: on the
/// development set's two halves (cold: nothing learned), every 0.1 band of confidence holding at least ten
/// suggestions has a precision within 0.1 of the band's mean confidence.
#[test]
fn confidence_bands_are_calibrated() {
    let gold = dev_project();
    let cold = Knowledge::empty();
    // The untouched article stays out: the confidences were calibrated on these.
    let all: Vec<&str> = TUNE.iter().chain(HELD_OUT).copied().collect();
    let r = run(&gold, &all, &cold, 0.0);
    let mut bands = [(0usize, 0usize, 0f64); 10];
    for &(c, hit) in &r.points {
        let b = ((c * 10.0) as usize).min(9);
        bands[b].0 += 1;
        bands[b].1 += hit as usize;
        bands[b].2 += f64::from(c);
    }
    println!("band       suggestions  right  precision  mean confidence");
    let mut bad = Vec::new();
    for (b, &(n, hit, sum)) in bands.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let p = hit as f64 / n as f64;
        let mean = sum / n as f64;
        println!(
            "{:.1}-{:.1}    {n:>11}  {hit:>5}  {p:>9.2}  {mean:>15.2}",
            b as f64 / 10.0,
            (b + 1) as f64 / 10.0
        );
        if n >= 10 && (p - mean).abs() > 0.1 {
            bad.push(format!(
                "band {b}: precision {p:.2}, confidence {mean:.2} ({n})"
            ));
        }
    }
    println!("by rule (every suggestion, cold):");
    for (rule, s) in &r.by_rule {
        println!("    {rule:<40} {:.2} of {}", s.precision(), s.suggested);
    }
    assert!(bad.is_empty(), "{}", bad.join("; "));
}
