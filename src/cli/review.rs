//! The review commands: `agree`, `merge`, and git's side of it (`merge-driver`, `git-setup`).

use super::output::{count, load, lock_for_writing, note, print};
use crate::model::{FORMAT, Project, fresh};
use crate::review;
use crate::store::{self, StoreError};
use anyhow::{Result, anyhow, bail};
use serde::Serialize;
use std::path::{Path, PathBuf};

// agree

/// One pair of annotators in `agree --json`.
#[derive(Debug, Serialize)]
struct AgreePair {
    a: String,
    b: String,
    #[serde(flatten)]
    measures: review::Measures,
}

/// `agree --json`: one object.
#[derive(Debug, Serialize)]
struct AgreeJson {
    annotators: Vec<String>,
    pairs: Vec<AgreePair>,
    mean: review::MeanMeasures,
}

/// Names for the annotators of `projects`: the annotator's name, made unique with the file name
/// (and a number) where two projects share one.
fn annotator_names(paths: &[PathBuf], projects: &[Project]) -> Vec<String> {
    let base: Vec<String> = projects
        .iter()
        .map(|p| {
            if p.annotator.name.trim().is_empty() {
                p.annotator.id.clone()
            } else {
                p.annotator.name.clone()
            }
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    for (i, name) in base.iter().enumerate() {
        let mut n = name.clone();
        if base.iter().filter(|b| *b == name).count() > 1 {
            let file = paths[i]
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            n = format!("{name} ({file})");
        }
        let unique = fresh(n.clone(), |x| out.iter().any(|o| o == x));
        out.push(unique.replacen(&format!("{n}-"), &format!("{n} #"), 1));
    }
    out
}

pub(super) fn agree(paths: &[PathBuf], json: bool, disagreements: Option<&Path>) -> Result<()> {
    let mut projects = Vec::new();
    for p in paths {
        projects.push(load(p)?.0);
    }
    let names = annotator_names(paths, &projects);
    let mut pairs = Vec::new();
    let mut rows = Vec::new();
    for i in 0..projects.len() {
        for j in i + 1..projects.len() {
            let (a, b) = (&projects[i], &projects[j]);
            let agreement = review::agreement(a, b);
            if agreement.overall.documents == 0 {
                note(&format!(
                    "note: {} and {} have no article in common (documents are matched by their \
                     text), so there is nothing to measure between them",
                    paths[i].display(),
                    paths[j].display()
                ));
            }
            if disagreements.is_some() {
                rows.extend(disagreement_rows(&names[i], a, &names[j], b));
            }
            pairs.push((i, j, agreement));
        }
    }
    if let Some(out) = disagreements {
        write_disagreements(out, &rows)?;
        note(&format!(
            "wrote {} to {}",
            count(rows.len(), "disagreement", "disagreements"),
            out.display()
        ));
    }
    let mean = review::mean(&pairs.iter().map(|p| p.2.overall).collect::<Vec<_>>());
    if json {
        let j = AgreeJson {
            annotators: names.clone(),
            pairs: pairs
                .iter()
                .map(|(i, j, g)| AgreePair {
                    a: names[*i].clone(),
                    b: names[*j].clone(),
                    measures: g.overall,
                })
                .collect(),
            mean,
        };
        let mut text = serde_json::to_string_pretty(&j)?;
        text.push('\n');
        return print(&text);
    }
    print(&agree_table(&names, &pairs, &mean))
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| crate::words::fixed(v, 3))
}

fn agree_row(name: &str, docs: String, m: &review::Measures) -> String {
    agree_cells(name, &docs, m.values())
}

fn agree_cells(name: &str, docs: &str, v: [Option<f64>; 9]) -> String {
    let name: String = if name.chars().count() > 28 {
        name.chars().take(27).chain(std::iter::once('…')).collect()
    } else {
        name.to_string()
    };
    let cells: Vec<String> = v.iter().map(|x| format!("{:>7}", num(*x))).collect();
    format!("{name:<28} {docs:>5} {}\n", cells.join(" "))
}

fn agree_table(
    names: &[String],
    pairs: &[(usize, usize, review::Agreement)],
    mean: &review::MeanMeasures,
) -> String {
    let header = format!(
        "{:<28} {:>5} {:>15} {:>15} {:>15} {:>7} {:>7} {:>7}\n{:<28} {:>5} {}\n",
        "",
        "",
        "content F1",
        "mention F1",
        "cue F1",
        "label",
        "same",
        "alpha_u",
        "annotators",
        "docs",
        [
            "exact", "overlap", "exact", "overlap", "exact", "overlap", "kappa", "source",
            "content"
        ]
        .map(|h| format!("{h:>7}"))
        .join(" ")
    );
    let mut o = format!(
        "Agreement between {} ({}); documents matched by their text; \"-\": nothing to measure\n\n",
        count(names.len(), "annotator", "annotators"),
        count(pairs.len(), "pair", "pairs")
    );
    o.push_str(&header);
    for (i, j, g) in pairs {
        let label = format!("{} – {}", names[*i], names[*j]);
        o.push_str(&agree_row(
            &label,
            g.overall.documents.to_string(),
            &g.overall,
        ));
    }
    if pairs.len() > 1 {
        o.push_str(&agree_cells(
            "mean over pairs",
            &mean.documents.map_or("-".into(), |d| format!("{d:.1}")),
            mean.values(),
        ));
    }
    if let [(_, _, g)] = pairs {
        if g.documents.len() > 1 {
            o.push_str("\nper document\n");
            for d in &g.documents {
                o.push_str(&agree_row(&d.title, "1".into(), &d.measures));
            }
        }
        if g.labels.len() > 1 {
            o.push_str("\nper label\n");
            for l in &g.labels {
                o.push_str(&agree_row(
                    &l.label,
                    l.measures.documents.to_string(),
                    &l.measures,
                ));
            }
        }
    }
    o
}

/// The disagreement rows of one pair of annotators (the columns of
/// `review::adjudicate::CSV_HEADER` but the last).
fn disagreement_rows(name_a: &str, a: &Project, name_b: &str, b: &Project) -> Vec<Vec<String>> {
    let comparison = review::compare(a, b);
    review::adjudicate::disagreement_records(a, name_a, b, name_b, &comparison)
}

/// Write the disagreement rows as CSV (UTF-8, a header row even when there are none),
/// atomically.
fn write_disagreements(out: &Path, rows: &[Vec<String>]) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| {
        anyhow!(
            "cannot write the disagreements to {}: {e}; check that the folder exists and is \
             writable",
            out.display()
        )
    };
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    let header = &review::adjudicate::CSV_HEADER;
    w.write_record(&header[..header.len() - 1])
        .map_err(|e| fail(&e))?;
    for r in rows {
        w.write_record(r).map_err(|e| fail(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| fail(&e))?;
    store::write_atomic(out, &bytes, false).map_err(|e| fail(&e))
}

// ---------------------------------------------------------------------------------------------
// merge-driver, git-setup

/// Git's merge driver: 0 when merged cleanly, 1 when conflicts remain (never 128 or above,
/// which git reads as a crash).
pub(super) fn merge_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: Option<&str>,
    ours_name: &str,
    theirs_name: &str,
) -> i32 {
    let shown = path.map_or_else(|| ours.display().to_string(), str::to_string);
    let read = |p: &Path| -> Result<Project, String> {
        match store::load(p) {
            Ok((_, r)) if r.newer_format.is_some() => Err(format!(
                "it is of project format {} and this build knows up to {FORMAT}",
                r.newer_format.unwrap_or_default()
            )),
            Ok((project, _)) => Ok(project),
            // Git's temporary copies have no backups: say only what is wrong.
            Err(StoreError::Parse { line, col, msg, .. }) => Err(format!(
                "it does not parse as a project (line {line}, column {col}: {msg})"
            )),
            Err(e) => Err(e.to_string()),
        }
    };
    // The three files load in parallel (most of the driver's time on a large project).
    let loaded = std::thread::scope(|scope| {
        let b = scope.spawn(|| read(base));
        let o = scope.spawn(|| read(ours));
        let t = read(theirs);
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<Project, String>>| {
            h.join()
                .unwrap_or_else(|_| Err("loading it failed unexpectedly".to_string()))
        };
        let (b, o) = (join(b), join(o));
        Ok::<_, String>((
            b.map_err(|e| format!("the common ancestor: {e}"))?,
            o.map_err(|e| format!("our version: {e}"))?,
            t.map_err(|e| format!("their version: {e}"))?,
        ))
    });
    let (b, o, t) = match loaded {
        Ok(x) => x,
        Err(why) => return text_merge(base, ours, theirs, &shown, &why),
    };
    let _lock = match lock_for_writing(ours, "merge-driver") {
        Ok(l) => l,
        Err(e) => {
            note(&format!(
                "claimtrace merge-driver: {shown}: {e}; our version was left as it is"
            ));
            return 1;
        }
    };
    let (merged, report) = review::merge3::merge3_owned(&b, o, t, ours_name, theirs_name);
    // Never hand git a project that does not load: the checks a load makes of ids and
    // references, on the merged project itself (its sides were loaded, so their texts and
    // spans were checked then).
    if let Err(e) = store::check_references(&merged) {
        return text_merge(
            base,
            ours,
            theirs,
            &shown,
            &format!("the merged project would not load ({e})"),
        );
    }
    let text = match store::to_ron(&merged) {
        Ok(t) => t,
        Err(e) => return text_merge(base, ours, theirs, &shown, &e.to_string()),
    };
    if let Err(e) = store::write_atomic(ours, text.as_bytes(), false) {
        note(&format!("claimtrace merge-driver: {shown}: {e}"));
        return 1;
    }
    // The process ends right after: freeing hundreds of thousands of claims one by one would
    // only make git wait.
    std::mem::forget((b, merged, text));
    for s in &report.settled {
        note(&format!("claimtrace merge-driver: {shown}: {s}"));
    }
    if report.conflicts == 0 {
        note(&format!(
            "claimtrace merge-driver: {shown}: merged claim by claim, no conflicts"
        ));
        0
    } else {
        note(&format!(
            "claimtrace merge-driver: {shown}: merged claim by claim; {} conflict{} kept as \
             unresolved claims (the versions of {ours_name} and {theirs_name} side by side): open \
             {shown} in Claimtrace and settle them in Review, then `git add {shown}`",
            report.conflicts,
            if report.conflicts == 1 { "" } else { "s" }
        ));
        1
    }
}

/// The name recorded for one side of a merge, from git's conflict label for it (`%X`, `%Y`):
/// "HEAD" becomes the current branch, a bare commit id (what `git pull` passes) the branch
/// pointing at it, e.g. "origin/main"; no label (or git older than 2.44, which passes `%X`
/// unexpanded) gives `default`.
pub(super) fn side_name(label: Option<&str>, default: &str) -> String {
    let Some(label) = label
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('%'))
    else {
        return default.to_string();
    };
    let quiet = |args: &[&str]| git(args).ok().flatten().filter(|s| !s.is_empty());
    let branch_at = |rev: &str| {
        let refs = quiet(&[
            "for-each-ref",
            &format!("--points-at={rev}"),
            "--format=%(refname)",
            "refs/heads",
            "refs/remotes",
        ])?;
        refs.lines()
            .filter(|r| !r.ends_with("/HEAD"))
            .find_map(|r| {
                r.strip_prefix("refs/heads/")
                    .or_else(|| r.strip_prefix("refs/remotes/"))
            })
            .map(str::to_string)
    };
    if label == "HEAD" {
        return quiet(&["symbolic-ref", "--short", "-q", "HEAD"])
            .or_else(|| branch_at("HEAD"))
            .unwrap_or_else(|| label.to_string());
    }
    if label.len() >= 7 && label.chars().all(|c| c.is_ascii_hexdigit()) {
        return branch_at(label).unwrap_or_else(|| label.chars().take(10).collect());
    }
    label.to_string()
}

/// The fallback for inputs Claimtrace cannot merge: git's line merge (conflict markers in
/// OURS), always reported as a conflict (exit 1), and why on stderr.
fn text_merge(base: &Path, ours: &Path, theirs: &Path, shown: &str, why: &str) -> i32 {
    note(&format!(
        "claimtrace merge-driver: {shown}: cannot merge claim by claim: {why}. Falling back to \
         git's line merge (conflict markers); resolve it by hand or take one side with `git \
         checkout --ours -- {shown}` or `git checkout --theirs -- {shown}`"
    ));
    let status = std::process::Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(ours)
        .arg(base)
        .arg(theirs)
        .status();
    if let Err(e) = status {
        note(&format!(
            "claimtrace merge-driver: cannot run `git merge-file` ({e}); our version was left \
             as it is"
        ));
    }
    1
}

/// The command git should run for the driver: `claimtrace` when it is on PATH, else this
/// binary's absolute path (quoted for the shell git runs it with).
fn driver_program() -> String {
    let on_path = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|d| {
            let p = d.join(if cfg!(windows) {
                "claimtrace.exe"
            } else {
                "claimtrace"
            });
            p.is_file()
        })
    });
    if on_path {
        return "claimtrace".to_string();
    }
    match std::env::current_exe() {
        Ok(exe) => {
            let s = exe.display().to_string();
            if s.chars()
                .all(|c| c.is_alphanumeric() || "/._-+:\\".contains(c))
            {
                s
            } else {
                format!("'{}'", s.replace('\'', "'\\''"))
            }
        }
        Err(_) => "claimtrace".to_string(),
    }
}

/// Run git with `args` and return its trimmed stdout (`None`: it failed).
fn git(args: &[&str]) -> Result<Option<String>> {
    let out = std::process::Command::new("git")
        .args(args)
        .output()
        .map_err(|e| anyhow!("cannot run git ({e}); install git and try again"))?;
    Ok(out
        .status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()))
}

pub(super) fn git_setup(patterns: &[String]) -> Result<()> {
    let inside = git(&["rev-parse", "--is-inside-work-tree"])?;
    if inside.as_deref() != Some("true") {
        let here = std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_else(|_| ".".into());
        bail!(
            "{here} is not inside a git work tree, so nothing was set up. Run `claimtrace \
             git-setup` in the folder of the repository that holds the projects"
        );
    }
    let top = git(&["rev-parse", "--show-toplevel"])?
        .ok_or_else(|| anyhow!("git cannot tell the top folder of this work tree"))?;
    let mut said = String::new();
    let wanted = [
        (
            "merge.claimtrace.name",
            "Claimtrace project merge (claim by claim)".to_string(),
        ),
        (
            "merge.claimtrace.driver",
            format!(
                "{} merge-driver %O %A %B %P --ours-name=%X --theirs-name=%Y",
                driver_program()
            ),
        ),
    ];
    for (key, value) in &wanted {
        let current = git(&["config", "--local", "--get", key])?;
        if current.as_deref() == Some(value.as_str()) {
            said.push_str(&format!("git config {key} is already {value:?}\n"));
        } else {
            git(&["config", "--local", key, value])?
                .ok_or_else(|| anyhow!("`git config {key}` failed; nothing else was changed"))?;
            said.push_str(&format!("git config {key} = {value:?}\n"));
        }
    }
    let top = Path::new(&top);
    add_lines(
        &top.join(".gitattributes"),
        &patterns
            .iter()
            .map(|p| format!("{p} merge=claimtrace"))
            .collect::<Vec<_>>(),
        "commit it so teammates merge the same way",
        &mut said,
    )?;
    // The backup a save keeps and the lock an open window holds sit beside each project: they
    // are this clone's own and must never be committed.
    add_lines(
        &top.join(".gitignore"),
        &patterns
            .iter()
            .flat_map(|p| [format!("{p}.bak"), format!("{p}.lock")])
            .collect::<Vec<_>>(),
        "backups and locks of projects stay out of commits",
        &mut said,
    )?;
    print(&said)
}

/// Add each of `lines` that `file` lacks to its end (creating it), saying what was done.
fn add_lines(file: &Path, lines: &[String], why: &str, said: &mut String) -> Result<()> {
    let current = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => bail!(
            "cannot read {}: {e}; it was not changed (the git config was set)",
            file.display()
        ),
    };
    let missing: Vec<&String> = lines
        .iter()
        .filter(|line| !current.lines().any(|l| l.trim() == line.as_str()))
        .collect();
    if missing.is_empty() {
        said.push_str(&format!("{} already has {lines:?}\n", file.display()));
        return Ok(());
    }
    let mut text = current;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in &missing {
        text.push_str(line);
        text.push('\n');
    }
    store::write_atomic(file, text.as_bytes(), false)?;
    said.push_str(&format!("{}: added {missing:?} ({why})\n", file.display()));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// merge

pub(super) fn merge(mine_path: &Path, theirs_path: &Path, out_path: &Path) -> Result<()> {
    let (mine, _) = load(mine_path)?;
    let (theirs, _) = load(theirs_path)?;
    let _lock = lock_for_writing(out_path, "merge")?;
    if out_path.exists() && out_path != mine_path {
        // Refuse to replace something that is not a project (a typo in --out).
        if store::load(out_path).is_err() {
            bail!(
                "{} exists and is not a readable Claimtrace project, so it was not replaced and \
                 nothing was written. Choose another --out",
                out_path.display()
            );
        }
    }
    let (merged, r) = review::merge_with_report(&mine, &theirs, &review::Choices::new());
    store::save(&merged, out_path)?;
    let mut o = format!(
        "{}: merged {} ({}) and {} ({})\n",
        out_path.display(),
        mine_path.display(),
        mine.annotator.name,
        theirs_path.display(),
        theirs.annotator.name
    );
    o.push_str(&format!(
        "  documents: {} in common, {} added from {}\n",
        r.documents_matched,
        r.documents_added,
        theirs_path.display()
    ));
    o.push_str(&format!(
        "  claims: {} agreed (merged into one), {} unresolved (both kept, marked), {} added\n",
        r.agreed, r.unresolved, r.claims_added
    ));
    o.push_str(&format!(
        "  sources: {} matched by name or alias, {} added; labels: {} added\n",
        r.sources_mapped, r.sources_added, r.labels_added
    ));
    if r.unresolved > 0 {
        o.push_str(&format!(
            "Open {} in Claimtrace to settle the unresolved claims.\n",
            out_path.display()
        ));
    }
    print(&o)
}
