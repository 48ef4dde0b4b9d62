//! Annotation interchange formats, one file per format.
//!
//! Exports take a [`Selection`] (the claims a [`Filter`] lets through, and their documents) and
//! write one file (CSV, JSONL, W3C JSON-LD, HTML) or one folder (brat) atomically: the output is
//! written beside its place under a temporary name and renamed over it, so a reader never sees
//! a half-written export and an existing one is replaced whole or not at all.

pub mod brat;
pub mod csv;
pub mod filter;
pub mod ingest;
pub mod jsonl;
pub mod report;
pub mod w3c;

pub use filter::{Filter, FilterError, Selection};

use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum FormatError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {msg}")]
    Syntax {
        path: PathBuf,
        line: usize,
        msg: String,
    },
    #[error("{path}: {msg}")]
    Invalid { path: PathBuf, msg: String },
    #[error("cannot write {path}: {source}; nothing was written there")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Article(#[from] crate::article::ArticleError),
}

/// What an import did, for the user.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ImportReport {
    pub documents_added: usize,
    pub documents_matched: usize,
    pub claims_added: usize,
    pub sources_created: usize,
    /// Source mentions (or a file's source entries, for JSONL and W3C) linked to a source the
    /// project already had: by name, alias, fingerprint or mention chain (see `identity`).
    pub mentions_linked: usize,
    pub labels_created: usize,
    /// Things the model could not represent as claims, kept verbatim in the document's
    /// `extras` (for example "3 brat relations (R1, R2, R3) kept as document extras").
    pub kept: Vec<String>,
    pub warnings: Vec<String>,
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Csv,
    Jsonl,
    W3c,
    Brat,
    Html,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] = [
        ExportFormat::Csv,
        ExportFormat::Jsonl,
        ExportFormat::W3c,
        ExportFormat::Brat,
        ExportFormat::Html,
    ];

    /// The name on the command line (`--format csv`).
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::W3c => "w3c",
            ExportFormat::Brat => "brat",
            ExportFormat::Html => "html",
        }
    }

    /// What the window shows.
    pub fn describe(self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV spreadsheet (one row per claim)",
            ExportFormat::Jsonl => "JSON Lines (one document per line)",
            ExportFormat::W3c => "W3C Web Annotation (JSON-LD)",
            ExportFormat::Brat => "brat standoff folder (X.txt + X.ann)",
            ExportFormat::Html => "HTML report (self-contained, printable)",
        }
    }

    /// The usual file ending ("" for brat, which writes a folder).
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::W3c => "jsonld",
            ExportFormat::Brat => "",
            ExportFormat::Html => "html",
        }
    }

    /// Does it write a folder rather than a file?
    pub fn is_folder(self) -> bool {
        self == ExportFormat::Brat
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportReport {
    pub claims: usize,
    pub documents: usize,
    /// Files written (for brat, every file inside the folder).
    pub files: usize,
}

/// Write `sel` to `out` in `format`, atomically.
pub fn export(
    sel: &Selection,
    format: ExportFormat,
    out: &Path,
) -> Result<ExportReport, FormatError> {
    let werr = |source| FormatError::Write {
        path: out.to_path_buf(),
        source,
    };
    let files = match format {
        ExportFormat::Csv => {
            write_file(out, csv::to_string(sel).map_err(werr)?.as_bytes())?;
            1
        }
        ExportFormat::Jsonl => {
            write_file(out, jsonl::to_string(sel).as_bytes())?;
            1
        }
        ExportFormat::W3c => {
            write_file(out, w3c::to_string(sel).as_bytes())?;
            1
        }
        ExportFormat::Html => {
            write_file(out, report::to_string(sel).as_bytes())?;
            1
        }
        ExportFormat::Brat => {
            let files = brat::export::files(sel);
            write_folder(out, &files)?;
            files.len()
        }
    };
    Ok(ExportReport {
        claims: sel.claims.len(),
        documents: sel.documents.len(),
        files,
    })
}

/// Write one file atomically (temporary file beside it, then a rename over it).
pub fn write_file(out: &Path, bytes: &[u8]) -> Result<(), FormatError> {
    if out.is_dir() {
        return Err(FormatError::Invalid {
            path: out.to_path_buf(),
            msg: "is a folder; give a file name to export to".into(),
        });
    }
    crate::store::write_atomic(out, bytes, false).map_err(|e| match e {
        crate::store::StoreError::Write { path, source } => FormatError::Write { path, source },
        other => FormatError::Invalid {
            path: out.to_path_buf(),
            msg: other.to_string(),
        },
    })
}

/// File endings a folder export may replace: what a brat export itself writes.
const FOLDER_EXPORT_ENDINGS: [&str; 3] = ["txt", "ann", "conf"];

/// Write a folder of `files` (relative name, content) atomically: build it beside `out` under a
/// temporary name, then rename it into place. An existing `out` may be an empty folder or an
/// earlier export (only .txt, .ann and .conf files); it is replaced whole. Anything else there
/// is refused, so an export never deletes other work.
pub fn write_folder(out: &Path, files: &[(String, String)]) -> Result<(), FormatError> {
    let werr = |path: &Path, source| FormatError::Write {
        path: path.to_path_buf(),
        source,
    };
    let parent = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| FormatError::Invalid {
            path: out.to_path_buf(),
            msg: "is not a folder name; give a folder to export to".into(),
        })?;
    if out.exists() {
        if !out.is_dir() {
            return Err(FormatError::Invalid {
                path: out.to_path_buf(),
                msg: "is a file; a brat export writes a folder, so give a new folder name".into(),
            });
        }
        let entries = std::fs::read_dir(out).map_err(|e| werr(out, e))?;
        for e in entries {
            let p = e.map_err(|e| werr(out, e))?.path();
            let ours = p.is_file()
                && p.extension()
                    .map(|x| x.to_string_lossy().to_lowercase())
                    .is_some_and(|x| FOLDER_EXPORT_ENDINGS.contains(&x.as_str()));
            if !ours {
                return Err(FormatError::Invalid {
                    path: out.to_path_buf(),
                    msg: format!(
                        "holds {}, which is not part of a brat export; choose an empty or new \
                         folder (an earlier brat export there would be replaced)",
                        p.display()
                    ),
                });
            }
        }
    }
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.{pid}.tmp"));
    let old = parent.join(format!(".{name}.{pid}.old"));
    let build = || -> std::io::Result<()> {
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)?;
        }
        std::fs::create_dir(&tmp)?;
        for (rel, content) in files {
            use std::io::Write;
            let mut f = std::fs::File::create(tmp.join(rel))?;
            f.write_all(content.as_bytes())?;
            f.sync_all()?;
        }
        Ok(())
    };
    if let Err(e) = build() {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(werr(out, e));
    }
    let swap = || -> std::io::Result<()> {
        let existed = out.exists();
        if existed {
            std::fs::rename(out, &old)?;
        }
        if let Err(e) = std::fs::rename(&tmp, out) {
            if existed {
                let _ = std::fs::rename(&old, out);
            }
            return Err(e);
        }
        if existed {
            let _ = std::fs::remove_dir_all(&old);
        }
        if let Ok(d) = std::fs::File::open(&parent) {
            let _ = d.sync_all();
        }
        Ok(())
    };
    swap().map_err(|e| {
        let _ = std::fs::remove_dir_all(&tmp);
        werr(out, e)
    })
}

/// IRIs for things that have only a Claimtrace id: `urn:claimtrace:<kind>:<id>` with the id
/// percent-encoded, so any id makes a valid IRI and can be read back exactly.
pub fn iri(kind: &str, id: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_');
    format!("urn:claimtrace:{kind}:{}", utf8_percent_encode(id, KEEP))
}

/// The id inside an IRI made by [`iri`] for `kind`, if it is one.
pub fn id_of_iri(kind: &str, iri: &str) -> Option<String> {
    let rest = iri.strip_prefix(&format!("urn:claimtrace:{kind}:"))?;
    percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// Compact offset ranges: "12-30;41-50".
pub fn ranges(spans: &[crate::model::Span]) -> String {
    spans
        .iter()
        .map(|s| format!("{}-{}", s.start, s.end))
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_round_trip_any_id() {
        for id in [
            "amnesty",
            "0190a-b_c.d",
            "with space/and:colon",
            "Bộ ngoại giao",
            "%41",
        ] {
            let i = iri("source", id);
            assert!(!i.contains(' ') && i.is_ascii(), "{i}");
            assert_eq!(id_of_iri("source", &i).as_deref(), Some(id));
            assert_eq!(id_of_iri("claim", &i), None);
        }
    }

    #[test]
    fn folder_export_replaces_an_earlier_export_and_refuses_other_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("brat");
        let files = vec![("a.txt".to_string(), "x".to_string())];
        write_folder(&out, &files).unwrap();
        let files2 = vec![
            ("b.txt".to_string(), "y".to_string()),
            ("b.ann".to_string(), String::new()),
        ];
        write_folder(&out, &files2).unwrap();
        assert!(
            !out.join("a.txt").exists(),
            "the earlier export is replaced whole"
        );
        assert_eq!(std::fs::read_to_string(out.join("b.txt")).unwrap(), "y");
        // No temporary folders are left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");

        let other = dir.path().join("notes");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("thesis.docx"), "precious").unwrap();
        let e = write_folder(&other, &files).unwrap_err().to_string();
        assert!(
            e.contains("thesis.docx") && e.contains("not part of a brat export"),
            "{e}"
        );
        assert_eq!(
            std::fs::read_to_string(other.join("thesis.docx")).unwrap(),
            "precious"
        );
        let file = dir.path().join("file.txt");
        std::fs::write(&file, "f").unwrap();
        assert!(write_folder(&file, &files).is_err());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "f");
    }

    #[test]
    fn file_export_refuses_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_file(dir.path(), b"x").unwrap_err().to_string();
        assert!(e.contains("is a folder"), "{e}");
    }
}
