//! Main-text extraction from web pages, measured against references made by others.
//!
//! - `fixtures/html-human/`: 20 pages of Zyte's article-extraction benchmark with the article
//!   text as a person extracted it. Token-level F1 (bag of words): ≥ 0.97 on average and
//!   ≥ 0.90 on every page.
//! - `fixtures/html/`: Mozilla readability's test pages. The title must equal
//!   `expected-metadata.json`'s, and F1 against the text of `expected.html` ≥ 0.90 on every
//!   page.
//!
//! `cargo test --test html_quality -- --nocapture` prints the per-page table.

use claimtrace::article::html::extract_html;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Lowercase words: maximal runs of alphanumeric chars (Unicode), everything else separates.
fn tokens(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Token-level F1 of two texts as bags of words (counts matter, order does not).
fn f1(got: &str, want: &str) -> f64 {
    let count = |s: &str| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for t in tokens(s) {
            *m.entry(t).or_default() += 1;
        }
        m
    };
    let (g, w) = (count(got), count(want));
    let common: usize = g
        .iter()
        .map(|(t, n)| (*n).min(w.get(t).copied().unwrap_or(0)))
        .sum();
    let (ng, nw): (usize, usize) = (g.values().sum(), w.values().sum());
    if ng == 0 || nw == 0 || common == 0 {
        return 0.0;
    }
    let p = common as f64 / ng as f64;
    let r = common as f64 / nw as f64;
    2.0 * p * r / (p + r)
}

#[test]
fn f1_is_a_bag_of_words_measure() {
    assert_eq!(f1("a b c", "c b a"), 1.0);
    assert_eq!(f1("Hello, World!", "hello world"), 1.0);
    assert_eq!(f1("x", "y"), 0.0);
    // 2 of 4 tokens right, 2 of 2 found: p = 0.5, r = 1 → 2/3.
    assert!((f1("a b c d", "a b") - 2.0 / 3.0).abs() < 1e-9);
    // Counts matter: "a a" against "a" has precision 1/2.
    assert!((f1("a a", "a") - 2.0 / 3.0).abs() < 1e-9);
    // Unicode words: Korean and accented Latin are words, punctuation is not.
    assert_eq!(tokens("São Paulo — 서울!"), vec!["são", "paulo", "서울"]);
}

#[test]
fn human_extracted_pages() {
    let dir = fixtures().join("html-human");
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("ground-truth.json")).expect("ground-truth.json"),
    )
    .expect("ground-truth.json is JSON");
    let truth = truth.as_object().expect("an object of pages");
    assert_eq!(truth.len(), 20);
    let mut rows = Vec::new();
    for (sha, page) in truth {
        let want = page["articleBody"].as_str().expect("articleBody");
        let gz = std::fs::read(dir.join("html").join(format!("{sha}.html.gz"))).expect("page");
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut bytes)
            .expect("gzip");
        let name = format!("{sha}.html");
        let got = match extract_html(&bytes, Path::new(&name)) {
            Ok(x) => x.text,
            Err(e) => panic!("{}: {e}", page["url"]),
        };
        rows.push((
            f1(&got, want),
            page["url"].as_str().unwrap_or("").to_string(),
        ));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("\nhtml-human: token F1 per page (worst first)");
    for (f, url) in &rows {
        println!("  {f:.4}  {url}");
    }
    let mean = rows.iter().map(|r| r.0).sum::<f64>() / rows.len() as f64;
    println!("  mean {mean:.4} over {} pages", rows.len());
    assert!(mean >= 0.97, "mean F1 {mean:.4} < 0.97");
    for (f, url) in &rows {
        assert!(*f >= 0.90, "{url}: F1 {f:.4} < 0.90");
    }
}

#[test]
fn readability_test_pages() {
    let dir = fixtures().join("html");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures/html")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 7);
    println!("\nreadability pages: title, token F1 against expected.html");
    let mut failures = Vec::new();
    for name in &names {
        let page = dir.join(name);
        let bytes = std::fs::read(page.join("source.html")).expect("source.html");
        let meta: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(page.join("expected-metadata.json")).expect("metadata"),
        )
        .expect("metadata is JSON");
        let expected = std::fs::read_to_string(page.join("expected.html")).expect("expected");
        let want = dom_query::Document::from(expected.as_str()).root().text();
        let x = extract_html(&bytes, &page.join("source.html"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let f = f1(&x.text, &want);
        let title_ok = meta["title"].as_str() == Some(x.title.as_str());
        println!(
            "  {f:.4}  {name:<10} title {}",
            if title_ok { "ok" } else { "DIFFERS" }
        );
        if !title_ok {
            failures.push(format!(
                "{name}: title {:?}, expected {}",
                x.title, meta["title"]
            ));
        }
        if f < 0.90 {
            failures.push(format!("{name}: F1 {f:.4} < 0.90"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The page a key of `html-dates/expected.json` names: `html/<dir>`, `html-human/<url>`, or a
/// file under `tests/fixtures`.
fn page_of(key: &str, human: &serde_json::Map<String, serde_json::Value>) -> (Vec<u8>, PathBuf) {
    let dir = fixtures();
    if let Some(url) = key.strip_prefix("html-human/") {
        let sha = human
            .iter()
            .find(|(_, p)| p["url"].as_str() == Some(url))
            .map(|(sha, _)| sha.clone())
            .unwrap_or_else(|| panic!("no human page with url {url}"));
        let gz = std::fs::read(dir.join("html-human/html").join(format!("{sha}.html.gz")))
            .expect("page");
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut bytes)
            .expect("gzip");
        return (bytes, PathBuf::from(format!("{sha}.html")));
    }
    let mut path = dir.join(key);
    if path.is_dir() {
        path = path.join("source.html");
    }
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (bytes, path)
}

/// A `YYYY-MM-DD` date and nothing else.
fn is_iso_day(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// Published dates against dates read off the pages by hand (`html-dates/expected.json`): found
/// on ≥ 85% of the pages that state one, always `YYYY-MM-DD`, never on a page that states none;
/// bylines are people, never comment-form labels or commenters.
#[test]
fn published_dates_and_bylines() {
    let dir = fixtures();
    let want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("html-dates/expected.json")).expect("expected.json"),
    )
    .expect("expected.json is JSON");
    let human: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("html-human/ground-truth.json")).expect("truth"),
    )
    .expect("ground-truth.json is JSON");
    let human = human.as_object().expect("an object of pages");
    let (mut stated, mut found) = (0, 0);
    let mut problems = Vec::new();
    println!("\npublished dates: page, expected, got");
    for (key, expected) in want["dates"].as_object().expect("dates") {
        let (bytes, path) = page_of(key, human);
        let got = extract_html(&bytes, &path).ok().and_then(|x| x.published);
        let ok_values: Vec<&str> = match expected {
            serde_json::Value::String(s) => vec![s.as_str()],
            serde_json::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
            _ => Vec::new(),
        };
        let right = match &got {
            Some(g) => ok_values.contains(&g.as_str()),
            None => ok_values.is_empty(),
        };
        if !ok_values.is_empty() {
            stated += 1;
            found += usize::from(right);
        } else if let Some(g) = &got {
            problems.push(format!("{key}: states no date, got {g:?}"));
        }
        if let Some(g) = &got
            && !is_iso_day(g)
        {
            problems.push(format!("{key}: {g:?} is not YYYY-MM-DD"));
        }
        println!(
            "  {} {key:<60.60} {:<12} {:?}",
            if right { "ok " } else { "BAD" },
            ok_values.first().copied().unwrap_or("-"),
            got
        );
    }
    let rate = found as f64 / stated.max(1) as f64;
    println!("  dates right on {found} of {stated} pages that state one ({rate:.3})");
    for (key, expected) in want["bylines"].as_object().expect("bylines") {
        let (bytes, path) = page_of(key, human);
        let got = extract_html(&bytes, &path).ok().and_then(|x| x.byline);
        println!("  byline {key:<50} {got:?}");
        if got.as_deref() != expected.as_str() {
            problems.push(format!("{key}: byline {got:?}, expected {expected}"));
        }
    }
    assert!(rate >= 0.85, "dates right on {rate:.3} < 0.85 of pages");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
