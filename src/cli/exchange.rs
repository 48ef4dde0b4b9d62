//! `export` and `import`.

use super::ImportFormat;
use super::output::{count, load, load_for_writing, lock_for_writing, note, print};
use crate::edit::History;
use crate::formats;
use crate::store::{self};
use anyhow::{Result, anyhow, bail};
use std::path::Path;

// export

pub(super) fn export(
    project_path: &Path,
    format: formats::ExportFormat,
    out: &Path,
    [labels, sources, statuses, documents]: [&Vec<String>; 4],
) -> Result<()> {
    let (project, report) = load(project_path)?;
    if let Some(found) = report.newer_format {
        note(&format!(
            "note: {} was written by a newer Claimtrace (format {found}); what this build does \
             not know of is not exported",
            project_path.display()
        ));
    }
    let filter = formats::Filter::resolve(&project, labels, sources, statuses, documents)
        .map_err(|e| anyhow!("{}: {e}. Nothing was written", project_path.display()))?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        bail!(
            "cannot write {}: the folder {} does not exist; create it first or choose another \
             --out",
            out.display(),
            dir.display()
        );
    }
    let sel = filter.select(&project);
    if sel.claims.is_empty() {
        note(&format!(
            "note: no claim of {} passes the filters; the export holds {}",
            project_path.display(),
            count(sel.documents.len(), "document", "documents")
        ));
    }
    let done = formats::export(&sel, format, out)?;
    let what = if format.is_folder() {
        format!(" ({})", count(done.files, "file", "files"))
    } else {
        String::new()
    };
    print(&format!(
        "{}: exported {} to {}{what} ({})\n",
        project_path.display(),
        sel.summary(),
        out.display(),
        format.as_str()
    ))
}

// ---------------------------------------------------------------------------------------------
// import

pub(super) fn import(
    project_path: &Path,
    format: ImportFormat,
    path: &Path,
    annotator: Option<&str>,
    lenient: bool,
) -> Result<()> {
    let _lock = lock_for_writing(project_path, "import")?;
    let (mut project, _) = load_for_writing(project_path)?;
    let unchanged = |e: &dyn std::fmt::Display| {
        anyhow!(
            "{e}\nNothing was imported and {} is unchanged",
            project_path.display()
        )
    };
    let (edit, report) = match format {
        ImportFormat::Brat => formats::brat::import_with(&project, path, annotator, lenient),
        ImportFormat::Jsonl => formats::jsonl::import(&project, path, annotator),
        ImportFormat::W3c => formats::w3c::import(&project, path, annotator),
    }
    .map_err(|e| unchanged(&e))?;
    let before = project.clone();
    let mut history = History::new();
    history
        .apply(&mut project, edit)
        .map_err(|e| unchanged(&format!("cannot import {}: {e}", path.display())))?;
    if project != before {
        store::save(&project, project_path)?;
    }
    for w in &report.warnings {
        note(&format!("warning: {w}"));
    }
    let mut out = format!(
        "{}: imported {} from {}: {} added, {} matched by text; {} added; {} and {} created; \
         {} linked to sources the project already had\n",
        project_path.display(),
        count(
            report.documents_added + report.documents_matched,
            "document",
            "documents"
        ),
        path.display(),
        report.documents_added,
        report.documents_matched,
        count(report.claims_added, "claim", "claims"),
        count(report.sources_created, "source", "sources"),
        count(report.labels_created, "label", "labels"),
        count(report.mentions_linked, "mention", "mentions"),
    );
    for k in &report.kept {
        out.push_str(&format!("  kept: {k}\n"));
    }
    print(&out)
}
