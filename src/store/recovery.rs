//! Crash recovery: unsaved work is written to a recovery file beside the project (never over
//! it); on the next open a newer recovery file is offered; a clean save removes it.

use super::{StoreError, to_ron, write_atomic};
use crate::model::Project;
use std::path::{Path, PathBuf};

/// The recovery file of a project: `.<name>.recovery` in the same folder.
pub fn recovery_path(project: &Path) -> PathBuf {
    let name = project
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    project.with_file_name(format!(".{name}.recovery"))
}

/// Write unsaved work to `recovery` atomically (no backup is kept of recovery files).
pub fn write_recovery(project: &Project, recovery: &Path) -> Result<(), StoreError> {
    let text = to_ron(project).map_err(|e| StoreError::Encode {
        path: recovery.to_path_buf(),
        msg: e.to_string(),
    })?;
    write_atomic(recovery, text.as_bytes(), false)
}

/// A recovery file worth offering: it exists and is newer than the project file (or the
/// project file is missing).
pub fn pending_recovery(project: &Path) -> Option<PathBuf> {
    let rec = recovery_path(project);
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let r = modified(&rec)?;
    match modified(project) {
        Some(p) if p >= r => None,
        _ => Some(rec),
    }
}

/// Remove the recovery file (after a clean save, or when the user discards it).
pub fn remove_recovery(project: &Path) {
    let _ = std::fs::remove_file(recovery_path(project));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Annotator;

    #[test]
    fn recovery_is_offered_only_when_newer() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("p.ron");
        let p = Project::new("p", Annotator::named("A"));
        super::super::save(&p, &path).unwrap();
        assert_eq!(pending_recovery(&path), None);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let mut q = p.clone();
        q.name = "unsaved".into();
        write_recovery(&q, &recovery_path(&path)).unwrap();
        let rec = pending_recovery(&path).unwrap();
        assert_eq!(super::super::load(&rec).unwrap().0.name, "unsaved");
        // The project itself was not touched.
        assert_eq!(super::super::load(&path).unwrap().0.name, "p");
        std::thread::sleep(std::time::Duration::from_millis(20));
        super::super::save(&p, &path).unwrap();
        assert_eq!(pending_recovery(&path), None);
        remove_recovery(&path);
        assert!(!recovery_path(&path).exists());
    }
}
