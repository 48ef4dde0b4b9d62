//! The code's layers stay one-way (README, "Layout"): the core never knows the screen, `text` is
//! below `model`, and the window modules of `src/ui` import one another without a circle (a
//! window depends on `command` and the core, never on `app`). Read from the sources.

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

#[test]
fn the_core_never_imports_the_screen() {
    let core = [
        "model", "text", "edit", "store", "article", "formats", "review", "corpus", "identity",
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
    let ui = src().join("ui");
    // A module is `ui/x.rs`, or a folder `ui/x/` (its `mod.rs` and submodules together: inside
    // it `super::` may also name the folder's own items, which are not sibling modules).
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    for e in std::fs::read_dir(&ui).unwrap() {
        let p = e.unwrap().path();
        let Some(stem) = p.file_stem().and_then(|s| s.to_str()).map(String::from) else {
            continue;
        };
        if p.is_dir() && p.join("mod.rs").is_file() {
            let all: Vec<String> = rust_files(&p).into_iter().map(|(_, t)| t).collect();
            sources.insert(stem, all.join("\n"));
        } else if p.extension().is_some_and(|x| x == "rs") && stem != "mod" {
            sources.insert(stem, std::fs::read_to_string(&p).unwrap());
        }
    }
    let modules: BTreeSet<String> = sources.keys().cloned().collect();
    assert!(modules.contains("app") && modules.contains("command"));
    // module → the sibling modules it names (`super::x`, `crate::ui::x`).
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in &modules {
        let code = code(&sources[m]);
        let mut named: BTreeSet<String> = BTreeSet::new();
        for prefix in ["super::", "crate::ui::"] {
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
    // No window depends on the app.
    for (m, named) in &uses {
        assert!(
            m == "app" || !named.contains("app"),
            "src/ui/{m}.rs imports app"
        );
    }
    // No circle: a depth-first search finds no module on its own path.
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
        visit(m, &uses, &mut Vec::new(), &mut done);
    }
    // The app uses the windows (the search above saw real edges).
    assert!(uses["app"].contains("command") && uses["app"].contains("orphans"));
}
