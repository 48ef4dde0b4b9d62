//! The code's layers stay one-way (README, "Layout"): the core (with the session core) never
//! knows the screen, `text` is below `model`, the modules of `src/ui`, `src/cli`, `src/suggest`
//! and `src/session` import one another without a circle (a window depends on `command` and the
//! core, never on `app`), no file of `src/ui` or `src/cli` grows past 1,000 lines (the frame
//! loop, `src/ui/app.rs`, stays under), and the README's Layout table names the modules there
//! are. Read from the sources.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its text.
fn rust_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    out.sort();
    out
}

/// The code of a file without its comments (`//` to the end of the line), so prose that names a
/// crate does not count as a use of it.
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names `prefix` is followed by in `code` (`super::` + `app` → "app").
fn paths_after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    code.match_indices(prefix)
        .map(|(i, _)| {
            let rest = &code[i + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// The modules of folder `dir` and the sibling modules each names. A module is `dir/x.rs`, a
/// folder `dir/x/` (its `mod.rs` and submodules together), or both (`x.rs` with its children in
/// `x/`): inside it `super::` may also name its own items, which are not sibling modules.
/// Siblings are named as `super::x`, `use super::{a, b::C}` or `<crate_path>x`.
fn imports_among(dir: &Path, crate_path: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let Some(stem) = p.file_stem().and_then(|s| s.to_str()).map(String::from) else {
            continue;
        };
        if p.is_dir() {
            let all: Vec<String> = rust_files(&p).into_iter().map(|(_, t)| t).collect();
            sources.entry(stem).or_default().push_str(&all.join("\n"));
        } else if p.extension().is_some_and(|x| x == "rs") && stem != "mod" {
            let text = std::fs::read_to_string(&p).unwrap();
            sources.entry(stem).or_default().push_str(&text);
        }
    }
    let modules: BTreeSet<String> = sources.keys().cloned().collect();
    // module → the sibling modules it names.
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in &modules {
        let code = code(&sources[m]);
        let mut named: BTreeSet<String> = BTreeSet::new();
        for prefix in ["super::", crate_path] {
            for name in paths_after(&code, prefix) {
                if modules.contains(name) && name != m {
                    named.insert(name.to_string());
                }
            }
        }
        // `use super::{a, b::C}` names several at once.
        for (i, _) in code.match_indices("super::{") {
            let inner = &code[i + "super::{".len()..];
            let inner = &inner[..inner.find('}').unwrap_or(inner.len())];
            for part in inner.split(',') {
                let name = part.trim().split("::").next().unwrap_or("");
                if modules.contains(name) && name != m {
                    named.insert(name.to_string());
                }
            }
        }
        uses.insert(m.clone(), named);
    }
    uses
}

/// No circle: a depth-first search finds no module on its own path.
fn no_circle(uses: &BTreeMap<String, BTreeSet<String>>) {
    fn visit(
        m: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(at) = path.iter().position(|p| p == m) {
            panic!("import circle: {} → {m}", path[at..].join(" → "));
        }
        if done.contains(m) {
            return;
        }
        path.push(m.to_string());
        for n in &uses[m] {
            visit(n, uses, path, done);
        }
        path.pop();
        done.insert(m.to_string());
    }
    let mut done = BTreeSet::new();
    for m in uses.keys() {
        visit(m, uses, &mut Vec::new(), &mut done);
    }
}

#[test]
fn the_core_never_imports_the_screen() {
    let core = [
        "model", "text", "edit", "store", "article", "formats", "review", "corpus", "suggest",
        "session", "nlp", "identity",
    ];
    let mut checked = 0;
    for m in core {
        for (path, text) in rust_files(&src().join(m)) {
            let code = code(&text);
            for gui in ["egui", "eframe", "rfd"] {
                assert!(
                    !code.contains(&format!("{gui}::")) && !code.contains(&format!("use {gui}")),
                    "{} uses {gui}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} core files found");
}

#[test]
fn text_is_below_the_model() {
    for (path, text) in rust_files(&src().join("text")) {
        let code = code(&text);
        assert!(
            !code.contains("crate::model") && !code.contains("super::super::model"),
            "{} imports the model",
            path.display()
        );
    }
}

#[test]
fn ui_modules_import_each_other_without_a_circle() {
    let uses = imports_among(&src().join("ui"), "crate::ui::");
    assert!(uses.contains_key("app") && uses.contains_key("command"));
    // No window depends on the app.
    for (m, named) in &uses {
        assert!(
            m == "app" || !named.contains("app"),
            "src/ui/{m}.rs imports app"
        );
    }
    no_circle(&uses);
    // The app uses the windows (the search above saw real edges).
    assert!(uses["app"].contains("command") && uses["app"].contains("orphans"));
}

#[test]
fn cli_suggest_and_session_modules_import_each_other_without_a_circle() {
    for (dir, crate_path, expect) in [
        ("cli", "crate::cli::", ["output", "project"]),
        ("suggest", "crate::suggest::", ["rules", "learn"]),
        ("session", "crate::session::", ["save", "disk"]),
    ] {
        let uses = imports_among(&src().join(dir), crate_path);
        for m in expect {
            assert!(uses.contains_key(m), "src/{dir}/{m}.rs not found");
        }
        no_circle(&uses);
    }
    // The search sees real edges: the rules and the learning share what is below both.
    let suggest = imports_among(&src().join("suggest"), "crate::suggest::");
    assert!(suggest["rules"].contains("vocab") && suggest["learn"].contains("vocab"));
    assert!(!suggest["rules"].contains("learn"));
}

/// The number of lines of each `.rs` file under `dir`.
fn line_counts(dir: &Path) -> Vec<(PathBuf, usize)> {
    rust_files(dir)
        .into_iter()
        .map(|(p, t)| (p, t.lines().count()))
        .collect()
}

#[test]
fn no_file_of_the_window_or_the_command_line_is_over_a_thousand_lines() {
    let mut checked = 0;
    for dir in ["ui", "cli"] {
        for (path, n) in line_counts(&src().join(dir)) {
            assert!(
                n <= 1000,
                "{} has {n} lines: split it by what it does (README, \"Where to put a new \
                 feature\")",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} files found");
    let app = std::fs::read_to_string(src().join("ui/app.rs")).unwrap();
    let n = app.lines().count();
    assert!(
        n < 1000,
        "src/ui/app.rs has {n} lines: it is the frame loop; a family of commands goes in a room \
         of its own (src/ui/app/)"
    );
}

/// The module paths (`ui::app`, `session`) named in backticks in `text`.
fn named_modules(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1
            && !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == ':' || c.is_ascii_digit())
        {
            out.insert(part.to_string());
        }
    }
    out
}

/// Is `module` (`ui::app`) a file or folder under `src`?
fn module_exists(module: &str) -> bool {
    let rel = module.replace("::", "/");
    src().join(format!("{rel}.rs")).is_file() || src().join(&rel).join("mod.rs").is_file()
}

#[test]
fn the_readme_layout_table_and_where_to_put_a_feature_match_the_code() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let layout = &readme[readme.find("## Layout").expect("a Layout section")..];
    let layout = &layout[..layout[3..].find("\n## ").map_or(layout.len(), |i| i + 3)];
    // The table's first column names modules.
    let mut in_table = BTreeSet::new();
    for row in layout.lines().filter(|l| l.starts_with("| `")) {
        let first = row.split('|').nth(1).unwrap_or("");
        in_table.extend(named_modules(first));
    }
    assert!(in_table.len() > 20, "{in_table:?}");
    for m in &in_table {
        assert!(
            module_exists(m),
            "README's Layout table names `{m}`, which does not exist"
        );
    }
    // Every module of the crate, and every module of the window, is in the table.
    let mut wanted = Vec::new();
    for (dir, prefix) in [("", ""), ("ui", "ui::")] {
        for e in std::fs::read_dir(src().join(dir)).unwrap() {
            let p = e.unwrap().path();
            let stem = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            let module = p.is_dir() && p.join("mod.rs").is_file();
            let file = p.extension().is_some_and(|x| x == "rs")
                && !["mod", "lib", "main"].contains(&stem.as_str());
            // `ui` itself is its modules, each in the table.
            if (module || file) && !(dir.is_empty() && stem == "ui") {
                wanted.push(format!("{prefix}{stem}"));
            }
        }
    }
    for m in wanted {
        assert!(
            in_table.contains(&m),
            "`{m}` is missing from the README's Layout table"
        );
    }
    // The paragraph on where a new feature goes names modules that exist.
    let at = layout
        .find("Where to put a new feature")
        .expect("a \"Where to put a new feature\" paragraph in Layout");
    let named = named_modules(&layout[at..]);
    assert!(named.len() >= 5, "{named:?}");
    for m in &named {
        assert!(
            module_exists(m),
            "\"Where to put a new feature\" names `{m}`, which does not exist"
        );
    }
}
