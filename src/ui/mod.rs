//! The eframe application. The only module that knows egui, eframe and rfd.
//!
//! - [`app`]: the [`App`] (project, history, reader, UI state) and the per-frame apply step;
//! - [`command`]: the [`Command`] values and the one table of labels and shortcuts;
//! - [`dialogs`]: file dialogs behind [`FileDialogs`] (rfd off the UI thread; fakes in tests);
//! - [`panels`], [`inspector`], [`find`]: the lists, the claim inspector, find in document;
//! - [`settings`]: what is remembered between runs.

pub mod app;
pub mod command;
pub mod dialogs;
pub mod find;
pub mod fonts;
pub mod inspector;
pub mod panels;
pub mod reader;
pub mod settings;

pub use app::App;
pub use command::Command;
pub use dialogs::{FileDialogs, RfdDialogs};

use std::path::PathBuf;
use std::sync::Arc;

/// Open the window: `project` if given, else the last project, else the demo.
pub fn run(project: Option<PathBuf>) -> anyhow::Result<()> {
    let config_dir = settings::config_dir();
    let app = App::start(project, Arc::new(RfdDialogs), config_dir);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.window_title())
            .with_inner_size([1300.0, 820.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Claimtrace",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
