//! Reading and writing project files (RON), atomically, with checks on load.

mod fast;
pub mod lock;
pub mod migrate;
pub mod recovery;
mod write;

use crate::model::{Anchor, FORMAT, Project, reanchor_claim};
use crate::text::{CharMap, is_normalized, normalize, sha256_hex};
use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a Claimtrace project: it is not UTF-8 text (byte {offset} is invalid)")]
    NotText { path: PathBuf, offset: usize },
    #[error("{path}: line {line}, column {col}: {msg}. The file was left untouched; {advice}")]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        msg: String,
        /// What to do: open the backup if there is one, else fix the file.
        advice: String,
    },
    #[error(
        "{path}: the file ends early (truncated?) at line {line}: the end of the project is \
         missing, as when a copy, a download or a sync stopped half-way. The file was left \
         untouched; {advice}"
    )]
    Truncated {
        path: PathBuf,
        /// The file's last line.
        line: usize,
        advice: String,
    },
    #[error(
        "{path} was written by a newer Claimtrace (project format {found}; this build knows up to {FORMAT}). Update Claimtrace to change it; it can be opened read-only"
    )]
    TooNew { path: PathBuf, found: u32 },
    #[error(
        "{path} holds git conflict markers (line {line}): a text merge left it half-merged, so it \
         was not opened. Run the merge again with Claimtrace's merge driver (`claimtrace \
         git-setup`, then redo the merge), or take one side: `git checkout --ours -- {path}` or \
         `git checkout --theirs -- {path}`"
    )]
    ConflictMarkers { path: PathBuf, line: usize },
    #[error("{path}: {msg}. The file was left untouched")]
    Invalid { path: PathBuf, msg: String },
    #[error(
        "cannot write {path}: {source}. Nothing was overwritten; try Save As in another folder"
    )]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file (or the folder it is in) is not writable: it was not replaced.
    #[error(
        "{path} is read-only ({why}): it was left untouched. Make it writable (`chmod u+w`) or \
         save to another file"
    )]
    ReadOnly { path: PathBuf, why: String },
    #[error("cannot encode the project for {path}: {msg}")]
    Encode { path: PathBuf, msg: String },
}

/// What loading found beyond the project itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Claims whose spans were moved to fit the text at this load.
    pub reanchored_now: usize,
    /// Claims with at least one span that cannot be placed.
    pub orphaned: usize,
    /// Documents whose text was not normalised or whose hash was stale, and were repaired.
    pub repaired_documents: usize,
    /// The file is of a newer format than this build writes: open it read-only.
    pub newer_format: Option<u32>,
    /// The file was of this older format and was migrated (in memory; saving writes the
    /// current format).
    pub migrated_from: Option<u32>,
    /// What each migration step changed.
    pub migrations: Vec<&'static str>,
}

/// The ending of new project files (`vietnam.claimtrace`). Inside they are the same plain RON
/// as `.ron` files: the ending only lets an operating system tell a Claimtrace project from the
/// many other programs' `.ron` files (game and Rust configuration) and open it here on a
/// double-click; README, "The project file", says why.
pub const PROJECT_EXTENSION: &str = "claimtrace";

/// Every ending a project file is recognised by: [`PROJECT_EXTENSION`] and `ron`, which every
/// project made before it has and which is still opened and saved as it is.
pub const PROJECT_EXTENSIONS: [&str; 2] = [PROJECT_EXTENSION, "ron"];

/// Is `path` named like a project file (`.claimtrace` or `.ron`, in any case)? The contents
/// decide whether it is one; this only tells a project from an article or a mistyped command.
pub fn is_project_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PROJECT_EXTENSIONS.iter().any(|p| e.eq_ignore_ascii_case(p)))
}

/// The file's path with `.bak` appended: the previous version, kept by every save.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".bak");
    PathBuf::from(s)
}

/// What to do about a project file that does not parse: its backup, only if there is one.
fn parse_advice(path: &Path) -> String {
    let bak = backup_path(path);
    if bak.is_file() {
        format!(
            "fix it in a text editor, or open its backup {} (the version before the last save)",
            bak.display()
        )
    } else {
        format!(
            "fix it in a text editor (there is no backup: {} does not exist)",
            bak.display()
        )
    }
}

/// Serialise a project as pretty RON: one field per line, stable order, article text as
/// (raw) multi-line strings so the file diffs well.
pub fn to_ron(project: &Project) -> Result<String, ron::Error> {
    if let Ok(bytes) = write::to_writer(Vec::new(), project)
        && let Ok(text) = String::from_utf8(bytes)
    {
        return Ok(text);
    }
    to_ron_by_ron(project)
}

/// [`to_ron`] by the `ron` crate's serializer: what the fast writer must match byte for byte.
fn to_ron_by_ron(project: &Project) -> Result<String, ron::Error> {
    let cfg = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ")
        .new_line("\n")
        .separate_tuple_members(false)
        .escape_strings(false);
    let mut s = ron::ser::to_string_pretty(project, cfg)?;
    s.push('\n');
    Ok(s)
}

/// Parse RON text into a project and check it. `path` is used in messages only. A file of an
/// older format is migrated first ([`migrate`]).
pub fn from_ron(text: &str, path: &Path) -> Result<(Project, LoadReport), StoreError> {
    from_ron_with(text, path, migrate::MIGRATIONS)
}

/// [`from_ron`] with a given list of migrations (tests pass their own).
fn from_ron_with(
    text: &str,
    path: &Path,
    migrations: &[migrate::Migration],
) -> Result<(Project, LoadReport), StoreError> {
    if let Some(line) = conflict_marker_line(text) {
        return Err(StoreError::ConflictMarkers {
            path: path.to_path_buf(),
            line,
        });
    }
    let mut report = LoadReport::default();
    // The fast reader for the shape this store writes; `ron` for anything else.
    let parsed: Result<Project, _> = match fast::from_str(text) {
        Some(p) => Ok(p),
        None => ron::from_str(text),
    };
    let older = match &parsed {
        Ok(p) => (p.format < FORMAT).then_some(p.format),
        // An older or newer format may be why it does not parse: say so rather than "syntax
        // error", or migrate it.
        Err(_) => migrate::format_of(text).filter(|&f| f != FORMAT),
    };
    let parsed = match older {
        Some(found) if found > FORMAT => {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
            });
        }
        Some(found) => {
            let (migrated, done) = match migrate::migrate_with(text, found, FORMAT, migrations) {
                Ok(m) => m,
                // A step that cannot read a file that does not parse as a project either:
                // the file is broken, and its error (line, column, the backup) says more
                // than the failed step.
                Err(migrate::MigrateError::Step { .. }) if parsed.is_err() => {
                    return Err(parse_error(parsed.err(), text, path));
                }
                Err(e) => {
                    return Err(StoreError::Invalid {
                        path: path.to_path_buf(),
                        msg: e.to_string(),
                    });
                }
            };
            report.migrated_from = Some(found);
            report.migrations = done;
            ron::from_str::<Project>(&migrated)
        }
        None => parsed,
    };
    let mut project = parsed.map_err(|e| parse_error(Some(e), text, path))?;
    if project.format > FORMAT {
        report.newer_format = Some(project.format);
    }
    check(&mut project, &mut report).map_err(|msg| StoreError::Invalid {
        path: path.to_path_buf(),
        msg,
    })?;
    Ok((project, report))
}

/// The line (1-based) of the first git conflict marker, when the text has a whole set of them
/// (`<<<<<<<`, `=======`, `>>>>>>>` at line starts, in that order).
pub fn conflict_marker_line(text: &str) -> Option<usize> {
    // Most files have none: one fast search instead of a look at every line.
    if !text.contains("<<<<<<<") {
        return None;
    }
    let mut start = None;
    let mut middle = false;
    for (i, line) in text.lines().enumerate() {
        let marker = |m: &str| {
            line.strip_prefix(m)
                .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        };
        if start.is_none() && marker("<<<<<<<") {
            start = Some(i + 1);
        } else if start.is_some() && line == "=======" {
            middle = true;
        } else if middle && marker(">>>>>>>") {
            return start;
        }
    }
    None
}

/// The error for a file that is not well-formed RON (`None`: no position known). A file whose
/// end is missing (every project file ends with the `)` closing the project; or the parser ran
/// out of text) is said to end early rather than with the parser's "Expected string".
fn parse_error(e: Option<ron::error::SpannedError>, text: &str, path: &Path) -> StoreError {
    let at_end = e
        .as_ref()
        .is_some_and(|e| matches!(e.code, ron::error::Error::Eof));
    let trimmed = text.trim_end();
    if !trimmed.is_empty() && (at_end || !trimmed.ends_with(')')) {
        return StoreError::Truncated {
            path: path.to_path_buf(),
            line: trimmed.lines().count().max(1),
            advice: parse_advice(path),
        };
    }
    let (line, col, msg) = match e {
        Some(e) => (e.span.start.line, e.span.start.col, e.code.to_string()),
        None => (1, 1, "not a project file".to_string()),
    };
    StoreError::Parse {
        path: path.to_path_buf(),
        line,
        col,
        msg,
        advice: parse_advice(path),
    }
}

/// Check references and ids; make sure texts are normalised and every span fits its quote
/// (re-anchoring those that do not). Errors are messages naming what is wrong.
fn check(p: &mut Project, report: &mut LoadReport) -> Result<(), String> {
    check_references(p)?;
    for d in &mut p.documents {
        if !is_normalized(&d.text) {
            d.text = normalize(&d.text);
            report.repaired_documents += 1;
        }
        let sha = sha256_hex(&d.text);
        if sha != d.sha256 {
            d.sha256 = sha;
            report.repaired_documents += 1;
        }
    }
    let maps: std::collections::HashMap<&str, (&str, CharMap)> = p
        .documents
        .iter()
        .map(|d| (d.id.as_str(), (d.text.as_str(), CharMap::new(&d.text))))
        .collect();
    for c in &mut p.claims {
        // A source listed twice (a hand edit, a text merge) counts once.
        if let Some(a) = c.attribution.as_mut()
            && a.sources.len() > 1
        {
            let mut seen = HashSet::new();
            a.sources.retain(|s| seen.insert(s.clone()));
        }
        let Some((text, map)) = maps.get(c.document.as_str()) else {
            continue;
        };
        match reanchor_claim(text, map, c) {
            // Spans that fit keep whatever state an earlier load recorded.
            Anchor::Exact => {}
            Anchor::Reanchored => {
                report.reanchored_now += 1;
                c.anchor = Anchor::Reanchored;
            }
            Anchor::Orphaned => c.anchor = Anchor::Orphaned,
        }
        if c.anchor == Anchor::Orphaned {
            report.orphaned += 1;
        }
    }
    Ok(())
}

/// The checks of [`from_ron`] that need no text: ids unique, every reference (document,
/// label, source, outer claim) resolves, every claim has a content fragment. For a project
/// built in memory (a merge) before it is written.
pub fn check_references(p: &Project) -> Result<(), String> {
    fn unique<'a>(
        kind: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> Result<rustc_hash::FxHashSet<&'a str>, String> {
        let mut seen = rustc_hash::FxHashSet::default();
        for id in ids {
            if !seen.insert(id) {
                return Err(format!(
                    "two {kind}s have the id {id:?}; ids must be unique"
                ));
            }
        }
        Ok(seen)
    }
    let docs = unique("document", p.documents.iter().map(|d| d.id.as_str()))?;
    let labels = unique("label", p.labels.iter().map(|l| l.id.as_str()))?;
    let sources = unique("source", p.sources.iter().map(|s| s.id.as_str()))?;
    let claims = unique("claim", p.claims.iter().map(|c| c.id.as_str()))?;
    for c in &p.claims {
        let bad = |what: &str, id: &str| {
            Err(format!(
                "claim {:?} refers to {what} {id:?}, which is not in the file",
                c.id
            ))
        };
        if !docs.contains(c.document.as_str()) {
            return bad("document", &c.document);
        }
        if !labels.contains(c.label.as_str()) {
            return bad("label", &c.label);
        }
        if c.content.is_empty() {
            return Err(format!("claim {:?} has no content fragment", c.id));
        }
        if let Some(a) = &c.attribution {
            for s in a.sources.iter().chain(a.via.iter()) {
                if !sources.contains(s.as_str()) {
                    return bad("source", s);
                }
            }
            if let Some(w) = &a.within
                && !claims.contains(w.as_str())
            {
                return bad("claim", w);
            }
        }
    }
    Ok(())
}

/// Read and check a project file.
pub fn load(path: &Path) -> Result<(Project, LoadReport), StoreError> {
    let bytes = fs::read(path).map_err(|source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| StoreError::NotText {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })?;
    from_ron(text.strip_prefix('\u{feff}').unwrap_or(text), path)
}

/// Save atomically: write a temporary file in the same folder, flush and sync it, keep the
/// current file as `<path>.bak`, then rename the temporary file over the project.
pub fn save(project: &Project, path: &Path) -> Result<(), StoreError> {
    if project.format > FORMAT {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: project.format,
        });
    }
    // Written into the temporary file while the project is walked (the same bytes as
    // `to_ron`, without the whole text in memory); with `ron` if the fast writer meets a value
    // it does not handle.
    let mut unsupported = false;
    let written = write_atomic_with(path, true, |f| {
        let out = std::io::BufWriter::with_capacity(1 << 16, f);
        match write::to_writer(out, project) {
            Ok(mut out) => out.flush(),
            Err(write::WriteError::Io(e)) => Err(e),
            Err(write::WriteError::Unsupported(what)) => {
                unsupported = true;
                Err(std::io::Error::other(what))
            }
        }
    });
    if !unsupported {
        return written;
    }
    let text = to_ron(project).map_err(|e| StoreError::Encode {
        path: path.to_path_buf(),
        msg: e.to_string(),
    })?;
    write_atomic(path, text.as_bytes(), true)
}

/// Write `bytes` to `path` atomically; with `backup`, keep the previous file as `<path>.bak`.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> Result<(), StoreError> {
    write_atomic_with(path, backup, |f| f.write_all(bytes))
}

/// [`write_atomic`] with the contents written by `write` into the temporary file.
pub fn write_atomic_with(
    path: &Path,
    backup: bool,
    write: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let werr = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    check_writable(path, &dir)?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        write(&mut f)?;
        f.sync_all()?;
        drop(f);
        if backup && path.exists() {
            // Keep the previous version; a hard link is atomic and leaves the project in place.
            let bak = backup_path(path);
            let _ = fs::remove_file(&bak);
            if fs::hard_link(path, &bak).is_err() {
                fs::copy(path, &bak)?;
            }
        }
        fs::rename(&tmp, path)?;
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(werr)
}

/// Is `path` a file the user may replace (or a new file in a folder they may write)? The
/// check every write makes first (see [`write_atomic_with`]); the command line asks it before
/// doing any work.
pub fn check_can_write(path: &Path) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    check_writable(path, &dir)
}

/// Refuse to replace a file the user cannot write, or to write into a folder they cannot
/// write: the atomic save renames a new file over the old one, which needs only the folder to
/// be writable, so without this check a `chmod 444` file would be silently replaced by a
/// writable one. The permission bits are read rather than asking `access(2)`, which says yes
/// to root for any file; opening the file for writing (without truncating or creating it)
/// covers what the bits do not say, such as a file of another user.
fn check_writable(path: &Path, dir: &Path) -> Result<(), StoreError> {
    let refuse = |path: &Path, why: String| StoreError::ReadOnly {
        path: path.to_path_buf(),
        why,
    };
    /// Why `meta` says its file is read-only, if it does.
    fn read_only(meta: &fs::Metadata) -> Option<String> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o200 == 0 {
                return Some(format!("mode {mode:o}, its owner may not write it"));
            }
        }
        meta.permissions()
            .readonly()
            .then(|| "marked read-only".to_string())
    }
    if let Ok(meta) = fs::metadata(path)
        && meta.is_file()
    {
        if let Some(why) = read_only(&meta) {
            return Err(refuse(path, why));
        }
        if let Err(e) = fs::OpenOptions::new().write(true).open(path)
            && e.kind() == std::io::ErrorKind::PermissionDenied
        {
            return Err(refuse(
                path,
                format!("it cannot be opened for writing: {e}"),
            ));
        }
    }
    if let Ok(meta) = fs::metadata(dir)
        && let Some(why) = read_only(&meta)
    {
        return Err(refuse(
            path,
            format!("its folder {} is not writable: {why}", dir.display()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
