//! Annotation interchange formats, one file per format.

pub mod brat;

use std::path::PathBuf;
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
    pub labels_created: usize,
    /// Things the model could not represent as claims, kept verbatim in the document's
    /// `extras` (for example "3 brat relations (R1, R2, R3) kept as document extras").
    pub kept: Vec<String>,
    pub warnings: Vec<String>,
}
