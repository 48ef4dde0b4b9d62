//! The project reader and the importers on hostile input: arbitrary bytes and mutated real files
//! (byte flips, truncations, insertions, deletions) must give an error or a result, never a
//! panic. Also: every project-file error message names the file and says what is wrong.

use claimtrace::model::{Annotator, Project};
use claimtrace::{article, edit::ops, formats, store};
use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

const SEED_TXT: &str = "tests/fixtures/articles/amnesty-vietnam.txt";
const SEED_ANN: &str = "tests/fixtures/articles/amnesty-vietnam.ann";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The seed article with its 11 brat claims, as a project.
fn seed_project() -> Project {
    let mut p = Project::new("Seed", Annotator::named("Ana"));
    let (doc, _) = article::read_file(&fixture(SEED_TXT)).unwrap();
    ops::add_document(&p, doc).apply(&mut p).unwrap();
    let (edit, _) = formats::brat::import(&p, &fixture(SEED_ANN), None).unwrap();
    edit.apply(&mut p).unwrap();
    assert_eq!(p.claims.len(), 11);
    p
}

/// One change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    /// Replace the i-th run of digits (an offset, a format number, a colour) with a number.
    Number(usize, u64),
}

/// Pieces that mean something to RON and to brat, so mutations reach past the first parse
/// error: numbers out of range, quotes, brackets, tabs, combining marks.
const TOKENS: &[&str] = &[
    "\"",
    ")",
    "(",
    ",",
    "[",
    "]",
    "\\",
    "r#\"",
    "\"#",
    "Some(",
    "None",
    "9999999",
    "18446744073709551616",
    "-1",
    "0",
    "\t",
    "\n",
    ";",
    "T99\tContent 5 3\tx\n",
    "\u{301}",
    "E1\tAttribution:T1 Source:T1\n",
    "start: 2000,",
    "end: 99999,",
    "format: 2,",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), 0..TOKENS.len())
            .prop_map(|(i, t)| Mutation::Insert(i, TOKENS[t].as_bytes().to_vec())),
        (any::<usize>(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (
            any::<usize>(),
            prop_oneof![0..5000u64, Just(u64::MAX), Just(u32::MAX as u64 + 1)]
        )
            .prop_map(|(i, n)| Mutation::Number(i, n)),
    ]
}

/// Mostly number changes, so many mutated project files still parse and reach the checks and
/// re-anchoring (offsets past the end, start after end, huge values).
fn project_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => mutation(),
        4 => (
            any::<usize>(),
            prop_oneof![0..5000u64, Just(u64::MAX), Just(u32::MAX as u64 + 1)]
        )
            .prop_map(|(i, n)| Mutation::Number(i, n)),
    ]
}

fn mutate(bytes: &[u8], ms: &[Mutation]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for m in ms {
        let at = |i: usize, b: &Vec<u8>| i % (b.len() + 1);
        match m {
            Mutation::Flip(i, x) => {
                if !b.is_empty() {
                    let i = i % b.len();
                    b[i] ^= x | 1;
                }
            }
            Mutation::Truncate(i) => {
                let i = at(*i, &b);
                b.truncate(i);
            }
            Mutation::Insert(i, x) => {
                let i = at(*i, &b);
                b.splice(i..i, x.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let i = at(*i, &b);
                let j = (i + n).min(b.len());
                b.drain(i..j);
            }
            Mutation::Number(i, n) => {
                let runs: Vec<(usize, usize)> = digit_runs(&b);
                if !runs.is_empty() {
                    let (s, e) = runs[i % runs.len()];
                    b.splice(s..e, n.to_string().into_bytes());
                }
            }
        }
    }
    b
}

fn digit_runs(b: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// Read a project file both ways; whatever loads must save and load again.
fn read_project(dir: &Path, bytes: &[u8]) {
    let path = dir.join("p.ron");
    fs::write(&path, bytes).unwrap();
    let loaded = store::load(&path);
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = store::from_ron(text, &path);
    }
    if let Ok((p, report)) = loaded
        && report.newer_format.is_none()
    {
        let again = store::to_ron(&p).expect("a loaded project can be written");
        let (q, _) = store::from_ron(&again, &path).expect("a written project loads");
        assert_eq!(q.claims.len(), p.claims.len());
    }
}

/// Import a brat pair; whatever imports must apply to the project without a panic.
fn import_brat(dir: &Path, txt: &[u8], ann: &[u8]) {
    fs::write(dir.join("a.txt"), txt).unwrap();
    fs::write(dir.join("a.ann"), ann).unwrap();
    let mut p = Project::new("F", Annotator::named("Ana"));
    if let Ok((edit, _)) = formats::brat::import(&p, &dir.join("a.ann"), None) {
        let _ = edit.apply(&mut p);
    }
    let _ = formats::brat::import(&p, dir, Some("Bea"));
}

fn extract(dir: &Path, bytes: &[u8]) {
    for name in ["x.txt", "x.md"] {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        let _ = article::extract_file(&path);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let dir = tempfile::tempdir().unwrap();
        read_project(dir.path(), &bytes);
        import_brat(dir.path(), &bytes, &bytes);
        extract(dir.path(), &bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(\\PC|\n|\t|\"|\\(|\\)|:|,)*") {
        let dir = tempfile::tempdir().unwrap();
        read_project(dir.path(), text.as_bytes());
        import_brat(dir.path(), b"Some text here.\n", text.as_bytes());
        extract(dir.path(), text.as_bytes());
    }

    #[test]
    fn mutated_brat_files_never_panic(
        on_ann in proptest::collection::vec(mutation(), 1..6),
        on_txt in proptest::collection::vec(mutation(), 0..3),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let txt = fs::read(fixture(SEED_TXT)).unwrap();
        let ann = fs::read(fixture(SEED_ANN)).unwrap();
        import_brat(dir.path(), &mutate(&txt, &on_txt), &mutate(&ann, &on_ann));
        extract(dir.path(), &mutate(&txt, &on_ann));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn mutated_project_files_never_panic(ms in proptest::collection::vec(project_mutation(), 1..5)) {
        thread_local! {
            static SAVED: Vec<u8> = store::to_ron(&seed_project()).unwrap().into_bytes();
        }
        let dir = tempfile::tempdir().unwrap();
        let bytes = SAVED.with(|s| mutate(s, &ms));
        read_project(dir.path(), &bytes);
    }
}

// ---------------------------------------------------------------------------------------------
// Error messages: the file, what is wrong, what to do.

fn load_error(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let e = store::load(&path).unwrap_err().to_string();
    assert!(
        e.contains(&path.display().to_string()),
        "the message does not name {}: {e}",
        path.display()
    );
    e
}

#[test]
fn a_syntax_error_names_line_column_and_the_backup() {
    let text = "(\n    format: 1,\n    name: \"x\",\n    annotator: (id: \"a\", name: \"A\"),\n    labels: [oops],\n)\n";
    let e = load_error("broken.ron", text.as_bytes());
    assert!(e.contains("line 5, column 14"), "{e}");
    assert!(e.contains("left untouched"), "{e}");
    // No backup exists: the message says so instead of sending the user to a missing file.
    assert!(
        e.contains("there is no backup") && !e.contains("open its backup"),
        "{e}"
    );
}

#[test]
fn a_broken_project_names_its_backup_only_when_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.ron");
    // Two saves: the first version is kept as saved.ron.bak.
    store::save(&seed_project(), &path).unwrap();
    store::save(&seed_project(), &path).unwrap();
    let bak = store::backup_path(&path);
    assert!(bak.is_file());
    let text = store::to_ron(&seed_project()).unwrap();
    fs::write(&path, &text[..text.len() / 2]).unwrap();
    let e = store::load(&path).unwrap_err().to_string();
    assert!(
        e.contains("open its backup") && e.contains(&bak.display().to_string()),
        "{e}"
    );
    fs::remove_file(&bak).unwrap();
    let e = store::load(&path).unwrap_err().to_string();
    assert!(e.contains("there is no backup"), "{e}");
    assert!(!e.contains("open its backup"), "{e}");
}

#[test]
fn a_truncated_project_names_where_it_ends() {
    let text = store::to_ron(&seed_project()).unwrap();
    // Cut where a number should follow, not inside a string.
    let at = text[..text.len() * 2 / 3].rfind("start: ").unwrap() + "start: ".len();
    let cut = &text[..at];
    // RON points just after the last token it read: the end of the text, trailing spaces aside.
    let text_end = cut.trim_end();
    let line = text_end.matches('\n').count() + 1;
    let e = load_error("cut.ron", cut.as_bytes());
    // Said in words: the file ends early, at its last line (not the parser's own message).
    assert!(
        e.contains(&format!("the file ends early (truncated?) at line {line}")),
        "{e}"
    );
    assert!(!e.contains("Unexpected end of RON"), "{e}");
}

#[test]
fn a_newer_format_says_so_and_how_to_open_it() {
    let mut p = seed_project();
    p.format = 7;
    // A newer file this build can still parse opens read-only.
    let text = store::to_ron(&p).unwrap();
    let (_, report) = store::from_ron(&text, Path::new("new.ron")).unwrap();
    assert_eq!(report.newer_format, Some(7));
    // One whose shape changed (the name became a pair) is refused as newer, not as broken.
    let text = text.replacen("name: \"Seed\"", "name: (\"Seed\", \"en\")", 1);
    let e = load_error("new.ron", text.as_bytes());
    assert!(e.contains("newer Claimtrace (project format 7"), "{e}");
    assert!(e.contains("read-only"), "{e}");
}

#[test]
fn a_file_that_is_not_utf8_says_where() {
    let mut bytes = b"(\n    format: 1,\n    name: \"caf".to_vec();
    bytes.push(0xe9);
    bytes.extend_from_slice(b"\",\n)");
    let e = load_error("latin1.ron", &bytes);
    assert!(e.contains("not UTF-8 text (byte 31 is invalid)"), "{e}");
}

#[test]
fn a_dangling_reference_names_the_claim_and_the_missing_thing() {
    let mut p = seed_project();
    let claim = p.claims[3].id.clone();
    p.claims[3].attribution.as_mut().unwrap().sources = vec!["nobody".into()];
    let e = load_error("dangling.ron", store::to_ron(&p).unwrap().as_bytes());
    assert!(
        e.contains(&format!(
            "claim {claim:?} refers to source \"nobody\", which is not in the file"
        )),
        "{e}"
    );
    assert!(e.contains("left untouched"), "{e}");
}

#[test]
fn a_duplicate_id_is_named() {
    let mut p = seed_project();
    let dup = p.claims[0].id.clone();
    p.claims[1].id = dup.clone();
    let e = load_error("dup.ron", store::to_ron(&p).unwrap().as_bytes());
    assert!(
        e.contains(&format!("two claims have the id {dup:?}")),
        "{e}"
    );
}

/// A real PDF or DOCX with some bytes changed or cut off: an error or an article, never a
/// panic (pdf-extract can panic on malformed files; it runs under catch_unwind).
fn extract_damaged(dir: &Path, fixture: &str, edits: &[(usize, u8)], cut: usize) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
    let mut bytes = fs::read(&src).unwrap();
    for &(at, b) in edits {
        let i = at % bytes.len();
        bytes[i] = b;
    }
    bytes.truncate(bytes.len() - cut % (bytes.len() / 2));
    let path = dir.join(src.file_name().unwrap());
    fs::write(&path, &bytes).unwrap();
    match article::extract_file(&path) {
        Ok(x) => assert!(!x.text.trim().is_empty()),
        Err(e) => assert!(
            e.to_string()
                .contains(path.file_name().unwrap().to_str().unwrap())
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn damaged_pdf_and_docx_never_panic(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        cut in any::<usize>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        extract_damaged(dir.path(), "tests/fixtures/pdf/report.pdf", &edits, cut);
        // Embedded fonts that are mended before reading: a CFF font with /Differences, CID
        // TrueType fonts with /W ranges and ToUnicode maps with gaps.
        extract_damaged(dir.path(), "tests/fixtures/pdf/simple-encoding.pdf", &edits, cut);
        extract_damaged(dir.path(), "tests/fixtures/pdf/cid-identity-h.pdf", &edits, cut);
        extract_damaged(dir.path(), "tests/fixtures/pdf/tounicode-gaps.pdf", &edits, cut);
        extract_damaged(dir.path(), "tests/fixtures/docx/council.docx", &edits, cut);
    }
}
