//! The eframe application. The only module that knows egui, eframe and rfd.

pub mod fonts;
pub mod reader;

use std::path::PathBuf;

/// Open the window: `project` if given, else the last project, else the demo.
pub fn run(project: Option<PathBuf>) -> anyhow::Result<()> {
    let _ = project;
    anyhow::bail!("the window is not written yet")
}
