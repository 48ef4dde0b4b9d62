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
//!   [`new_source`] (the New source dialog), [`tidy`] (Sources → Tidy…: proposed merges);
//! - [`settings`]: what is remembered between runs; [`fonts`]; [`words`]: wording helpers.

pub mod a11y;
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
pub mod tidy;
pub mod words;

pub use app::App;
pub use command::Command;
pub use dialogs::{FileDialogs, NoDialogs, RfdDialogs};

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

/// The application id: the name of the `.desktop` file (`packaging/linux/claimtrace.desktop`),
/// which Wayland compositors match to show the window's icon, and the X11 `WM_CLASS`.
pub const APP_ID: &str = "claimtrace";

/// The window's icon (`assets/icons/claimtrace-256.png`, rendered from `claimtrace.svg` by
/// `scripts/make-icons.sh`).
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/claimtrace-256.png");

/// The window's icon, decoded; None only if the PNG built into the binary were broken, which
/// `tests/packaging.rs` rules out.
pub fn icon() -> Option<Arc<egui::IconData>> {
    eframe::icon_data::from_png_bytes(ICON_PNG)
        .ok()
        .map(Arc::new)
}

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

/// Should this process turn off Mesa's Vulkan device-selection layer (`NODEVICE_SELECT=1`,
/// set by `main` before any thread starts)? Yes where `XDG_RUNTIME_DIR` is missing or not the
/// absolute path of a folder, on Linux and the BSDs, unless `NODEVICE_SELECT` is set already.
///
/// Why: the layer (`VK_LAYER_MESA_device_select`, loaded into every Vulkan program) asks
/// libwayland-client for a Wayland compositor to learn which GPU it drives, whether or not there
/// is one, and libwayland-client prints "error: XDG_RUNTIME_DIR is invalid or not set in the
/// environment." (four times a start) when it has no runtime folder to look in: root shells,
/// containers, Xvfb, ssh. Without that folder there is no compositor to find, so the layer has
/// nothing to learn; with it off, wgpu picks the adapter as usual. Desktop sessions set
/// `XDG_RUNTIME_DIR`, so nothing changes there.
pub fn quiet_device_select(
    xdg_runtime_dir: Option<&std::ffi::OsStr>,
    nodevice_select: Option<&std::ffi::OsStr>,
) -> bool {
    if cfg!(any(windows, target_os = "macos")) || nodevice_select.is_some() {
        return false;
    }
    // libwayland-client takes only an absolute path.
    let usable = xdg_runtime_dir.map(std::path::Path::new);
    !usable.is_some_and(|d| d.is_absolute() && d.is_dir())
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
    let mut viewport = egui::ViewportBuilder::default()
        .with_app_id(APP_ID)
        .with_title(app.window_title());
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    #[cfg(windows)]
    windows_console::release();
    let options = eframe::NativeOptions {
        viewport: viewport
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

/// On Windows `claimtrace.exe` is a console program, so the command line keeps its output and
/// exit status in cmd and PowerShell. Started from the Start menu or by a double-click on a
/// project, Windows opens a console window just for it: the window lets go of that console (it
/// closes), and leaves alone one that it shares with a shell.
///
/// Two kernel32 calls, declared here by hand: the `windows-sys` crate would add a dependency and
/// a feature list for two functions that have not changed since Windows XP.
#[cfg(windows)]
mod windows_console {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
        fn FreeConsole() -> i32;
    }

    /// Let go of the console if no other process (a shell) is attached to it.
    pub fn release() {
        let mut pids = [0u32; 2];
        // SAFETY: the buffer holds `pids.len()` u32s, as the call is told; it writes no more.
        let attached = unsafe { GetConsoleProcessList(pids.as_mut_ptr(), pids.len() as u32) };
        if attached == 1 {
            // SAFETY: no arguments; detaching from a console this process alone uses.
            unsafe {
                FreeConsole();
            }
        }
    }
}
