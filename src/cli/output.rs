//! What every command shares: writing to stdout and stderr, loading a project with advice,
//! taking its lock and loading it for writing, and the wording of counts and repairs.

use crate::model::{FORMAT, Project};
use crate::session::{self, LockRefusal};
use crate::store::lock::ProjectLock;
use crate::store::{self, LoadReport, StoreError};
use anyhow::{Result, anyhow, bail};
use std::io::Write;
use std::path::Path;

/// Write a line to stderr; a closed stderr is not worth a panic.
pub(super) fn note(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Write to stdout; a closed pipe (`claimtrace stats p.ron | head -1`) is not an error.
pub(super) fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}

/// Load a project, adding advice to the library's message where there is one to give.
pub(super) fn load(path: &Path) -> Result<(Project, LoadReport)> {
    store::load(path).map_err(|e| match &e {
        StoreError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            anyhow!(
                "{e}. Create a project with `claimtrace new {} --name NAME`",
                path.display()
            )
        }
        _ => anyhow!(e),
    })
}

/// Take the project's lock before changing it: a live holder (a Claimtrace window here or on
/// another machine sharing the folder) is refused; a stale lock (dead process) is taken over.
/// The lock is released when the returned value is dropped.
pub(super) fn lock_for_writing(path: &Path, command: &str) -> Result<Option<ProjectLock>> {
    match session::lock_for_writing(path, &format!("claimtrace {command}")) {
        Ok(lock) => Ok(lock),
        Err(LockRefusal::Held(h)) => bail!("{}", h.busy_message(path)),
        Err(LockRefusal::Unwritable(e)) => bail!(
            "cannot create the lock file {}: {e}. {} was not changed; check that its folder is \
             writable",
            store::lock::lock_path(path).display(),
            path.display()
        ),
    }
}

/// Load a project that is about to be changed: a file of a newer format is refused.
pub(super) fn load_for_writing(path: &Path) -> Result<(Project, LoadReport)> {
    let (project, report) = load(path)?;
    store::check_can_write(path)?;
    if let Some(found) = report.newer_format {
        bail!(
            "{} was written by a newer Claimtrace (project format {found}; this build knows up to \
             {FORMAT}), so it was not changed. Update Claimtrace to change it",
            path.display()
        );
    }
    if let Some(repairs) = describe_repairs(&report) {
        note(&format!(
            "note: {}: {repairs}; saving keeps these repairs (the old file stays as .bak)",
            path.display()
        ));
    }
    Ok((project, report))
}

/// What loading had to fix, in words, if anything.
pub(super) fn describe_repairs(r: &LoadReport) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(f) = r.migrated_from {
        parts.push(format!(
            "it was of project format {f} and was migrated to format {FORMAT} ({})",
            r.migrations.join("; ")
        ));
    }
    if r.reanchored_now > 0 {
        parts.push(format!(
            "{} re-anchored to where their quotes are",
            count(r.reanchored_now, "claim was", "claims were")
        ));
    }
    if r.repaired_documents > 0 {
        parts.push(format!(
            "{} had a text that was not normalised or a stale hash, and was repaired",
            count(r.repaired_documents, "document", "documents")
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
