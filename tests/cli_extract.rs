//! `claimtrace extract FILE [--json]`, run as the real binary.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::{Run, run};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn json_of(r: &Run) -> serde_json::Map<String, Value> {
    assert_eq!(r.code, 0, "{}", r.stderr);
    match serde_json::from_str::<Value>(&r.stdout) {
        Ok(Value::Object(m)) => m,
        other => panic!("not one JSON object ({other:?}):\n{}", r.stdout),
    }
}

const KEYS: [&str; 8] = [
    "title",
    "byline",
    "published",
    "site",
    "url",
    "lang",
    "extractor",
    "text",
];

#[test]
fn extract_json_of_a_web_page_has_the_metadata_and_clean_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = fixture("html/bbc-1/source.html");
    let m = json_of(&run(
        dir.path(),
        &["extract", page.to_str().unwrap(), "--json"],
    ));
    let mut keys: Vec<&str> = m.keys().map(String::as_str).collect();
    keys.sort();
    let mut want = KEYS.to_vec();
    want.sort();
    assert_eq!(keys, want);
    assert_eq!(
        m["title"],
        "Obama admits US gun laws are his 'biggest frustration'"
    );
    assert_eq!(m["extractor"], "html");
    assert_eq!(m["lang"], "en");
    assert_eq!(m["site"], "BBC News");
    assert!(
        m["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("http") && u.contains("bbc")),
        "{:?}",
        m["url"]
    );
    assert!(
        m["published"]
            .as_str()
            .is_some_and(|p| p.starts_with("2015-07-24"))
    );
    let text = m["text"].as_str().unwrap();
    assert!(
        text.contains("President Barack Obama has admitted that his failure to pass"),
        "{text}"
    );
    // Paragraphs are separated by a blank line; no markup is left.
    assert!(text.contains("\n\n") && !text.contains('<'), "{text}");
}

#[test]
fn extract_prints_plain_text_of_txt_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("note.txt");
    fs::write(
        &txt,
        "Officials said the dam was safe.\r\n\r\nCritics disagreed.\r\n",
    )
    .unwrap();
    let r = run(dir.path(), &["extract", "note.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "Officials said the dam was safe.\n\nCritics disagreed.\n"
    );

    let m = json_of(&run(dir.path(), &["extract", "note.txt", "--json"]));
    assert_eq!(m["extractor"], "txt");
    assert_eq!(m["title"], "Officials said the dam was safe.");
    for k in ["byline", "published", "site", "url", "lang"] {
        assert!(m[k].is_null(), "{k}: {:?}", m[k]);
    }

    let html = dir.path().join("page.htm");
    fs::write(
        &html,
        "<html lang=pt><head><title>Chuva forte</title></head><body><article>\
         <h1>Chuva forte</h1><p>A chuva forte atingiu a cidade na noite de ontem, disse a \
         Defesa Civil, e deixou desalojados em três bairros.</p><h2>Alertas</h2><p>O alerta \
         segue em vigor até amanhã, segundo o instituto de meteorologia.</p></article></body></html>",
    )
    .unwrap();
    let r = run(dir.path(), &["extract", "page.htm"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("A chuva forte atingiu"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\n\nAlertas\n\nO alerta segue"),
        "{}",
        r.stdout
    );
}

#[test]
fn extract_refuses_bad_files_with_exit_1_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("blob.html"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0],
    )
    .unwrap();
    fs::write(
        dir.path().join("empty.html"),
        "<html><body>  </body></html>",
    )
    .unwrap();
    fs::write(
        dir.path().join("links.html"),
        "<html><body><ul><li><a href=/a>Home</a></li><li><a href=/b>World</a></li>\
         <li><a href=/c>Sport</a></li></ul></body></html>",
    )
    .unwrap();
    fs::write(dir.path().join("x.xyz"), "text").unwrap();
    for (file, what) in [
        ("blob.html", "binary"),
        ("empty.html", "empty"),
        ("links.html", "no article"),
        ("x.xyz", "cannot be imported"),
        ("missing.html", "check the path"),
    ] {
        let r = run(dir.path(), &["extract", file]);
        assert_eq!(r.code, 1, "{file}: {}", r.stderr);
        assert!(
            r.stderr.contains(file) && r.stderr.contains(what),
            "{file}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{file}: {}", r.stdout);
    }
    // A usage error is 2.
    assert_eq!(run(dir.path(), &["extract"]).code, 2);
}

#[test]
fn extract_is_listed_in_help() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("extract"), "{}", r.stdout);
}
