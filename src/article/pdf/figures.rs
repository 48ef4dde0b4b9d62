//! Figures for the real and generated PDFs in `tests/fixtures/pdf/`: paragraph count, median
//! words per paragraph, and how many sentences that cross a line break come out intact (in one
//! paragraph, joined right) — beside poppler's `pdftotext` where it is installed (it is not
//! needed: without it only Claimtrace's figures are printed and checked).
//!
//! `cargo test --lib article::pdf::figures -- --nocapture --test-threads 1` prints the table.
//!
//! A sentence crossing a line break is found in the page's own lines (as read from the glyphs,
//! before any paragraph work): two consecutive lines of one column and size, the first not
//! ending a sentence and the next starting in lower case. It is intact in an output when the
//! last two words of the first line and the first two of the next follow each other in one of
//! its paragraphs (a word cut by a hyphen counts either joined or kept).

use super::*;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
}

/// Lowercase words: runs of letters and digits.
fn tokens(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The sentences crossing a line break: the words around each break, and whether the first
/// line ends in a hyphen.
fn crossings(pages: &[Page]) -> Vec<(Vec<String>, Vec<String>, bool)> {
    let mut out = Vec::new();
    for page in pages {
        for w in page.lines.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let dy = b.y - a.y;
            let same_column = dy > 0.5 * a.size
                && dy < 2.0 * a.size
                && same_size(a.size, b.size)
                && (b.left - a.left).abs() < 3.0 * a.size;
            let open = !a
                .text
                .trim_end()
                .ends_with(['.', '!', '?', ':', ';', '"', '”', ')']);
            let lower = b.text.starts_with(|c: char| c.is_lowercase());
            let (ta, tb) = (tokens(&a.text), tokens(&b.text));
            if same_column && open && lower && ta.len() >= 2 && tb.len() >= 2 {
                let hyphen = a.text.trim_end().ends_with(['-', '\u{ad}']);
                out.push((ta[ta.len() - 2..].to_vec(), tb[..2].to_vec(), hyphen));
            }
        }
    }
    out
}

struct Figures {
    paragraphs: usize,
    median_words: f64,
    intact: usize,
}

fn measure(text: &str, cross: &[(Vec<String>, Vec<String>, bool)]) -> Figures {
    let paras: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let words: Vec<f64> = paras.iter().map(|p| tokens(p).len() as f64).collect();
    // Every paragraph's words, one string, paragraphs kept apart by "|".
    let hay = format!(
        " {} ",
        paras
            .iter()
            .map(|p| tokens(&p.replace('\u{ad}', "")).join(" "))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let intact = cross
        .iter()
        .filter(|(a, b, hyphen)| {
            let split = format!(" {} {} {} {} ", a[0], a[1], b[0], b[1]);
            let joined = format!(" {} {}{} {} ", a[0], a[1], b[0], b[1]);
            hay.contains(&split) || (*hyphen && hay.contains(&joined))
        })
        .count();
    Figures {
        paragraphs: paras.len(),
        median_words: median(words).unwrap_or(0.0),
        intact,
    }
}

/// pdftotext's text of a file, when poppler-utils is installed.
fn pdftotext(path: &Path) -> Option<String> {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).replace('\u{c}', "\n\n"))
}

/// Spacing accents left next to a letter ("Ageˆncia", "F´ısica").
fn spaced_accents(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&i| {
            matches!(chars[i], 'ˆ' | '¨' | '´' | '˜' | '¸' | 'ˇ' | '˚')
                && (chars.get(i + 1).is_some_and(|c| c.is_alphabetic())
                    || i.checked_sub(1)
                        .and_then(|p| chars.get(p))
                        .is_some_and(|c| c.is_alphabetic()))
        })
        .count()
}

/// Short paragraphs (3 to 15 words) whose text, digits left out, comes three times or more: a
/// running header or footer that was not recognised. (Figure labels of a word or two, "t",
/// "Na+", repeat legitimately.)
fn repeated_lines(text: &str) -> Vec<String> {
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for p in text.split("\n\n") {
        if (3..=15).contains(&tokens(p).len()) {
            *counts.entry(shape(p)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(s, n)| *n >= 3 && s.chars().any(char::is_alphabetic))
        .map(|(s, _)| s)
        .collect()
}

/// (file, floor of the median words per paragraph, floor of the share of crossing sentences
/// found intact, in percent).
const SAMPLES: &[(&str, f64, usize)] = &[
    // Code listings and figure labels make many short paragraphs of their own.
    ("tracemonkey.pdf", 15.0, 90),
    // Twelve affiliation lines under the title.
    ("clef2008-footnotes.pdf", 8.0, 95),
    // Bulleted objectives and tables.
    ("fr-medical-ch5.pdf", 6.0, 93),
    // Lists of members, one a line.
    ("2023-06-20-PV.pdf", 5.0, 90),
    ("scotus-transcript-p1.pdf", 3.0, 80),
    ("three-column-notice.pdf", 45.0, 97),
];

#[test]
fn per_sample() {
    println!(
        "{:<26} {:>6} {:>7} {:>15}   | pdftotext: {:>6} {:>7} {:>15}",
        "file", "paras", "median", "crossing intact", "paras", "median", "crossing intact"
    );
    let mut failures = Vec::new();
    for &(name, min_median, min_intact) in SAMPLES {
        let path = fixture(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (pages, _) = match read_pages(&bytes) {
            Ok(x) => x,
            Err(_) => panic!("{name}: cannot read"),
        };
        let cross = crossings(&pages);
        let (text, _) = layout(pages);
        let ours = measure(&text, &cross);
        // No crossing sentence at all (a transcript of short lines): nothing to lose.
        let pct = |n: usize| {
            if cross.is_empty() {
                100
            } else {
                100 * n / cross.len()
            }
        };
        let mut row = format!(
            "{:<26} {:>6} {:>7.1} {:>8}/{:<4}{:>3}%",
            name,
            ours.paragraphs,
            ours.median_words,
            ours.intact,
            cross.len(),
            pct(ours.intact)
        );
        match pdftotext(&path) {
            Some(theirs) => {
                let t = measure(&theirs, &cross);
                row.push_str(&format!(
                    " | {:>17} {:>7.1} {:>8}/{:<4}{:>3}%",
                    t.paragraphs,
                    t.median_words,
                    t.intact,
                    cross.len(),
                    pct(t.intact)
                ));
            }
            None => row.push_str(" | pdftotext not installed"),
        }
        println!("{row}");
        if ours.median_words < min_median {
            failures.push(format!(
                "{name}: median {} words per paragraph < {min_median}",
                ours.median_words
            ));
        }
        if pct(ours.intact) < min_intact {
            failures.push(format!(
                "{name}: {}% of crossing sentences intact < {min_intact}%",
                pct(ours.intact)
            ));
        }
        let accents = spaced_accents(&text);
        if accents > 0 {
            failures.push(format!("{name}: {accents} spacing accents next to letters"));
        }
        let repeated = repeated_lines(&text);
        if !repeated.is_empty() {
            failures.push(format!("{name}: repeated lines {repeated:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A look at one file's lines and boxes while working on the layout:
/// `PDF_DUMP=tests/fixtures/pdf/x.pdf cargo test --lib article::pdf::figures::dump -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("PDF_DUMP") else {
        return;
    };
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path)).unwrap();
    let Ok((pages, _)) = read_pages(&bytes) else {
        panic!("cannot read {path}")
    };
    let spacing = line_spacing(&pages);
    let limit: usize = std::env::var("PDF_PAGES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3);
    for (n, page) in pages.iter().enumerate().take(limit) {
        println!("=== page {} (height {})", n + 1, page.height);
        for (k, b) in boxes(&page.lines, spacing).into_iter().enumerate() {
            for l in b {
                println!(
                    "[{k:>3}] y={:>6.1} x={:>6.1}..{:>6.1} s={:>4.1} {}",
                    l.y, l.left, l.right, l.size, l.text
                );
            }
        }
    }
    let mut kept = pages.clone();
    drop_furniture(&mut kept);
    for (page, after) in pages.iter().zip(&kept) {
        for l in page.lines.iter().filter(|l| !after.lines.contains(l)) {
            println!("dropped: y={:.1} {}", l.y, l.text);
        }
    }
    let (text, title) = layout(pages);
    println!("title: {title:?}\n{text}");
}
