//! The demo project: the seed article with its attributions, shipped in the binary so the
//! first start always has something to show.

use crate::model::Project;
use crate::store::{self, StoreError};
use std::path::Path;

/// The committed demo project file (`projects/demo.ron`).
pub const DEMO_RON: &str = include_str!("../projects/demo.ron");

/// The demo project, parsed from the copy built into the binary.
pub fn demo_project() -> Result<Project, StoreError> {
    store::from_ron(DEMO_RON, Path::new("projects/demo.ron")).map(|(p, _)| p)
}
