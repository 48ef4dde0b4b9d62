//! brat standoff import (PolNeAR attribution scheme). To be written.

use super::{FormatError, ImportReport};
use crate::edit::Edit;
use crate::model::Project;
use std::path::Path;

/// Read a brat folder (X.txt/X.ann pairs) or one X.ann beside its X.txt into an edit that adds
/// the documents (or matches them to the project's documents by text hash), sources, labels and
/// claims. Applying the edit changes the project; nothing is changed before.
pub fn import(
    project: &Project,
    path: &Path,
    annotator: Option<&str>,
) -> Result<(Edit, ImportReport), FormatError> {
    let _ = (project, annotator);
    Err(FormatError::Invalid {
        path: path.to_path_buf(),
        msg: "brat import is not written yet".into(),
    })
}
