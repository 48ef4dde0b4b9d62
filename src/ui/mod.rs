//! The eframe application. The only module that knows egui, eframe and rfd.
//!
//! Layers, one way: [`app`] uses the windows; a window uses [`command`] (its [`Command`]s and
//! the [`command::Queue`] it pushes them and its edits into) and the core, never [`app`]. Each
//! window keeps its state and its `show`/`window` function in its own module, and gets what it
//! needs from the app as arguments.
//!
//! - [`app`]: the [`App`] (project, history, reader, UI state), the frame loop, the panels'
//!   layout, the modal dialogs, and the applying of commands and edits;
//! - [`command`]: the [`Command`] values, the [`command::Queue`], and the one table of labels
//!   and shortcuts;
//! - [`bars`]: the menu bar, the status bar and the notice overlay;
//! - [`dialogs`]: file dialogs behind [`FileDialogs`] (rfd off the UI thread; fakes in tests);
//! - [`reader`], [`marks`]: the document reader and the highlights it draws;
//! - [`panels`], [`inspector`], [`find`]: the lists, the claim inspector, find in document;
//! - windows: [`export`] (File → Export…), [`ingest`] (import progress and summary, new document
//!   from clipboard), [`details`] (document details), [`labels`], [`orphans`], [`shortcuts`]
//!   (Help → Shortcuts), [`review`] (the disagreements panel and the agreement window),
//!   [`conflicts`] (the banner and Review panel of the conflicts a merge left),
//!   [`new_source`] (the New source dialog);
//! - [`settings`]: what is remembered between runs; [`fonts`]; [`words`]: wording helpers.

pub mod app;
pub mod bars;
pub mod command;
pub mod conflicts;
pub mod corpus;
pub mod details;
pub mod dialogs;
pub mod export;
pub mod find;
pub mod fonts;
pub mod ingest;
pub mod inspector;
pub mod labels;
pub mod marks;
pub mod new_source;
pub mod orphans;
pub mod panels;
pub mod reader;
pub mod review;
pub mod settings;
pub mod shortcuts;
pub mod suggest;
pub mod words;

pub use app::App;
pub use command::Command;
pub use dialogs::{FileDialogs, NoDialogs, RfdDialogs};

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

/// Set this environment variable to make the window print `first_frame_ms <N>` to stderr once
/// its first frame has been painted, then exit (see README, "Performance").
pub const STARTUP_PROBE_VAR: &str = "CLAIMTRACE_STARTUP_PROBE";

/// When `main` started, recorded only if the start-up probe is on.
static PROCESS_START: OnceLock<Instant> = OnceLock::new();

/// Call first thing in `main`: with the start-up probe on, remember the time; otherwise do
/// nothing.
pub fn note_process_start() {
    if std::env::var_os(STARTUP_PROBE_VAR).is_some() {
        let _ = PROCESS_START.set(Instant::now());
    }
}

/// The app wrapped by the start-up probe: on the first pass of the second frame (so the first
/// frame has been tessellated, painted and presented, and the window shown), print the time
/// since `main` started and exit.
/// It forwards only `ui`, the one `eframe::App` method [`App`] implements.
struct StartupProbe {
    app: App,
    start: Instant,
}

impl eframe::App for StartupProbe {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if ui.ctx().cumulative_frame_nr() >= 1 {
            let ms = self.start.elapsed().as_secs_f64() * 1e3;
            eprintln!("first_frame_ms {ms:.1}");
            std::process::exit(0);
        }
        eframe::App::ui(&mut self.app, ui, frame);
        ui.ctx().request_repaint();
    }
}

/// Open the window: `project` if given, else the last project, else the demo.
pub fn run(project: Option<PathBuf>) -> anyhow::Result<()> {
    if let Some(why) = no_desktop() {
        anyhow::bail!(
            "the window needs a desktop session ({why}); without one, these commands work: \
             new, add, extract, stats, export, import, update, agree, merge (see claimtrace --help)"
        );
    }
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
            Ok(match PROCESS_START.get() {
                Some(&start) => Box::new(StartupProbe { app, start }),
                None => Box::new(app),
            })
        }),
    )
    .map_err(|e| {
        let one_line = e.to_string().replace('\n', " ");
        anyhow::anyhow!("cannot open the window: {one_line}")
    })
}

/// Why no window can be opened here, where that can be told before trying: on Linux and the
/// BSDs a desktop session sets DISPLAY (X11) or WAYLAND_DISPLAY.
fn no_desktop() -> Option<&'static str> {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return None;
    }
    let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
    (!set("DISPLAY") && !set("WAYLAND_DISPLAY"))
        .then_some("neither DISPLAY nor WAYLAND_DISPLAY is set")
}
