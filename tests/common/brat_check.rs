//! A strict checker of brat standoff files, written for the tests from brat's rules (brat's
//! `server/src/annotation.py` and <https://brat.nlplab.org/standoff.html>), independent of
//! Claimtrace's own reader: every `.ann` an export writes must pass it, or brat would not
//! open the document.
//!
//! What it checks, line by line (a line is what lies between two `\n`; a quote cannot hold a
//! line break):
//!
//! - every line is `ID<TAB>…`; ids are a kind letter (`T E R A M N #`) and digits, or `*`;
//!   no id is used twice;
//! - `T`: `Type START END[;START END]…<TAB>text`; `0 <= START <= END <= len(text)` in code
//!   points, fragments do not overlap, and the text is the fragments' texts joined by one
//!   space in the order the line lists them;
//! - `E`: `Type:TRIGGER [Role:ID]…`; the trigger is a `T` (never an event), each argument
//!   names an annotation of the file (brat does not ask the trigger to be of the event's
//!   type, and PolNeAR's `Attribution-no-source` events may share an `Attribution` trigger);
//! - `R`: `Type Arg1:ID Arg2:ID`; `A`/`M`: `Name TARGET [Value]`; `N`: `Type TARGET
//!   DB:ID<TAB>text`; `*`: `Type ID ID…`; `#`: `Type TARGET<TAB>text`: every id they name is
//!   in the file.
//!
//! This is in the tests (not the library) on purpose: the check must not share code with the
//! export it checks.

#![allow(dead_code)]

use std::collections::HashSet;
use std::path::Path;

/// The problems of one `.ann` against its text (empty: brat opens it).
pub fn check(ann: &str, text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut problems = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    // The ids of text-bound annotations, for event triggers.
    let mut t_ids: HashSet<String> = HashSet::new();
    // (line number, id that must exist, what names it).
    let mut refs: Vec<(usize, String, String)> = Vec::new();
    // (line number, trigger id).
    let mut triggers: Vec<(usize, String)> = Vec::new();
    for (i, line) in ann.split('\n').enumerate() {
        let no = i + 1;
        if line.is_empty() {
            continue;
        }
        let mut bad = |msg: String| problems.push(format!("line {no}: {msg}: {line:?}"));
        if line.contains('\r') {
            bad("a carriage return in the line".into());
            continue;
        }
        let Some((id, rest)) = line.split_once('\t') else {
            bad("no tab after the id".into());
            continue;
        };
        let kind = id.chars().next().unwrap_or(' ');
        let digits = &id[kind.len_utf8().min(id.len())..];
        let id_ok = if kind == '*' {
            id == "*"
        } else {
            "TERAMN#".contains(kind)
                && !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
        };
        if !id_ok {
            bad(format!("{id:?} is not a brat id"));
            continue;
        }
        if kind != '*' && !ids.insert(id.to_string()) {
            bad(format!("the id {id} is used twice"));
        }
        let mut need = |target: &str, what: &str| {
            refs.push((no, target.to_string(), format!("{id} {what}")));
        };
        match kind {
            'T' => {
                let Some((head, quote)) = rest.split_once('\t') else {
                    bad("a text-bound annotation needs a tab before its text".into());
                    continue;
                };
                let Some((ty, offsets)) = head.split_once(' ') else {
                    bad("a text-bound annotation needs a type and offsets".into());
                    continue;
                };
                if ty.is_empty() || ty.contains(char::is_whitespace) {
                    bad(format!("bad type {ty:?}"));
                }
                let mut frags: Vec<(usize, usize)> = Vec::new();
                let mut ok = true;
                for f in offsets.split(';') {
                    let nums: Vec<&str> = f.split(' ').collect();
                    let parsed = match nums.as_slice() {
                        [s, e] => s.parse::<usize>().ok().zip(e.parse::<usize>().ok()),
                        _ => None,
                    };
                    match parsed {
                        Some((s, e)) if s <= e && e <= chars.len() => frags.push((s, e)),
                        Some((s, e)) => {
                            bad(format!(
                                "fragment {s} {e} is outside the text ({} characters) or reversed",
                                chars.len()
                            ));
                            ok = false;
                        }
                        None => {
                            bad(format!("fragment {f:?} is not \"START END\""));
                            ok = false;
                        }
                    }
                }
                if !ok {
                    continue;
                }
                let mut sorted = frags.clone();
                sorted.sort();
                if sorted.windows(2).any(|w| w[1].0 < w[0].1) {
                    bad("fragments overlap".into());
                }
                let want = frags
                    .iter()
                    .map(|&(s, e)| chars[s..e].iter().collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" ");
                if want != quote {
                    bad(format!("the text at the offsets is {want:?}"));
                }
                t_ids.insert(id.to_string());
            }
            'E' => {
                let mut tokens = rest.split(' ');
                let Some((ty, trigger)) = tokens.next().and_then(|t| t.split_once(':')) else {
                    bad("an event starts with Type:Trigger".into());
                    continue;
                };
                if ty.is_empty() {
                    bad("an event needs a type".into());
                }
                triggers.push((no, trigger.to_string()));
                for t in tokens {
                    match t.split_once(':') {
                        Some((role, target)) if !role.is_empty() => need(target, role),
                        _ => bad(format!("argument {t:?} is not Role:Id")),
                    }
                }
            }
            'R' => {
                let head = rest.split('\t').next().unwrap_or("");
                let tokens: Vec<&str> = head.split(' ').collect();
                if tokens.len() != 3 {
                    bad("a relation is Type Arg1:Id Arg2:Id".into());
                    continue;
                }
                for t in &tokens[1..] {
                    match t.split_once(':') {
                        Some((_, target)) => need(target, "relation argument"),
                        None => bad(format!("argument {t:?} is not Role:Id")),
                    }
                }
            }
            'A' | 'M' => {
                let tokens: Vec<&str> = rest.split(' ').collect();
                if !(2..=3).contains(&tokens.len()) {
                    bad("an attribute is Name Target [Value]".into());
                    continue;
                }
                need(tokens[1], "attribute target");
            }
            'N' => {
                let head = rest.split('\t').next().unwrap_or("");
                let tokens: Vec<&str> = head.split(' ').collect();
                if tokens.len() != 3 || !tokens[2].contains(':') {
                    bad("a normalisation is Type Target DB:ID".into());
                    continue;
                }
                need(tokens[1], "normalisation target");
            }
            '*' => {
                let tokens: Vec<&str> = rest.split(' ').collect();
                if tokens.len() < 3 {
                    bad("an equivalence is Type Id Id…".into());
                    continue;
                }
                for t in &tokens[1..] {
                    need(t, "equivalence member");
                }
            }
            '#' => {
                let Some((head, _)) = rest.split_once('\t') else {
                    bad("a note is Type Target<TAB>text".into());
                    continue;
                };
                let tokens: Vec<&str> = head.split(' ').collect();
                if tokens.len() != 2 {
                    bad("a note is Type Target<TAB>text".into());
                    continue;
                }
                need(tokens[1], "note target");
            }
            _ => unreachable!("kinds are checked above"),
        }
    }
    for (no, target, what) in refs {
        if !ids.contains(&target) {
            problems.push(format!(
                "line {no}: {what} names {target}, which is not in the file"
            ));
        }
    }
    for (no, trigger) in triggers {
        if !t_ids.contains(&trigger) {
            problems.push(format!(
                "line {no}: the trigger {trigger} is not a text-bound annotation"
            ));
        }
    }
    problems
}

/// The problems of every `X.ann` in a brat folder (each with its `X.txt`), prefixed with the
/// file name; the number of `.ann` files checked.
pub fn check_folder(dir: &Path) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for ann in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
    {
        n += 1;
        let name = ann.display();
        let (Ok(a), Ok(t)) = (
            std::fs::read_to_string(ann),
            std::fs::read_to_string(ann.with_extension("txt")),
        ) else {
            problems.push(format!("{name}: cannot read it or its .txt"));
            continue;
        };
        problems.extend(check(&a, &t).into_iter().map(|p| format!("{name}: {p}")));
    }
    (problems, n)
}

/// Panic with every problem unless brat would open every document of the folder.
pub fn assert_brat_opens(dir: &Path) {
    let (problems, n) = check_folder(dir);
    assert!(n > 0, "no .ann file in {}", dir.display());
    assert!(
        problems.is_empty(),
        "brat would refuse {}:\n{}",
        dir.display(),
        problems.join("\n")
    );
}

#[cfg(test)]
mod checker_tests {
    use super::check;

    #[test]
    fn the_checker_refuses_what_brat_refuses() {
        let text = "Ana said it rained.";
        assert!(check("T1\tSource 0 3\tAna\n", text).is_empty());
        // Fragments in any order, the text in the listed order.
        assert!(check("T1\tContent 9 11;4 8\tit said\n", text).is_empty());
        assert!(!check("T1\tContent 9 11;4 8\tsaid it\n", text).is_empty());
        // An event as trigger.
        let e = "T1\tCue 4 8\tsaid\nE1\tAttribution:T1\nE2\tAttribution-no-source:E1\n";
        assert!(!check(e, text).is_empty());
        // An argument that is not there, past the end, an id twice.
        assert!(!check("T1\tX 4 8\tsaid\nE1\tX:T1 Source:T9\n", text).is_empty());
        assert!(!check("T1\tX 4 80\tsaid\n", text).is_empty());
        assert!(!check("T1\tX 4 8\tsaid\nT1\tX 4 8\tsaid\n", text).is_empty());
        // A quote cut by a line break, an attribute on nothing, overlapping fragments.
        assert!(!check("T1\tX 0 8\tAna\nsaid\n", text).is_empty());
        assert!(!check("A1\tNegation E1\n", text).is_empty());
        assert!(!check("T1\tX 0 5;3 8\tAna s a said\n", text).is_empty());
    }
}
