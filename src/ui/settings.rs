//! Settings kept between runs: last project, recent projects, theme, font size, panel choices.
//! A small RON file in the config folder (`$CLAIMTRACE_CONFIG_DIR`, else
//! `$XDG_CONFIG_HOME/claimtrace`, else `~/.config/claimtrace`).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent projects the File menu keeps.
pub const MAX_RECENT: usize = 10;

pub const DEFAULT_FONT_SIZE: f32 = 17.0;
pub const MIN_FONT_SIZE: f32 = 10.0;
pub const MAX_FONT_SIZE: f32 = 36.0;

/// Which list the left panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum LeftTab {
    #[default]
    Claims,
    Suggestions,
    Sources,
    Documents,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub last_project: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub font_size: f32,
    pub left_tab: LeftTab,
    pub show_left: bool,
    pub show_inspector: bool,
    /// Where the reader left off in each document: (SHA-256 of the text, char at the top of
    /// the view), most recent first, at most [`MAX_POSITIONS`].
    pub positions: Vec<(String, usize)>,
    /// The document being read in each project: (project file, document id), most recent
    /// first, at most [`MAX_POSITIONS`]; a restart opens it again.
    pub open_documents: Vec<(PathBuf, String)>,
}

/// How many documents' reading positions are remembered.
pub const MAX_POSITIONS: usize = 500;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            last_project: None,
            recent: Vec::new(),
            dark: false,
            font_size: DEFAULT_FONT_SIZE,
            left_tab: LeftTab::Claims,
            show_left: true,
            show_inspector: true,
            positions: Vec::new(),
            open_documents: Vec::new(),
        }
    }
}

impl Settings {
    /// The remembered reading position in the text with this hash.
    pub fn position(&self, sha256: &str) -> Option<usize> {
        self.positions
            .iter()
            .find(|(h, _)| h == sha256)
            .map(|&(_, at)| at)
    }

    /// The document last read in the project at `project`.
    pub fn open_document(&self, project: &Path) -> Option<&str> {
        self.open_documents
            .iter()
            .find(|(p, _)| p == project)
            .map(|(_, d)| d.as_str())
    }

    /// Remember that `doc` is being read in the project at `project` (most recent first).
    pub fn set_open_document(&mut self, project: &Path, doc: &str) {
        if self
            .open_documents
            .first()
            .is_some_and(|(p, d)| p == project && d == doc)
        {
            return;
        }
        self.open_documents.retain(|(p, _)| p != project);
        self.open_documents
            .insert(0, (project.to_path_buf(), doc.to_string()));
        self.open_documents.truncate(MAX_POSITIONS);
    }

    /// Remember the reading position in the text with this hash (most recent first).
    pub fn set_position(&mut self, sha256: &str, at: usize) {
        if self
            .positions
            .first()
            .is_some_and(|(h, a)| h == sha256 && *a == at)
        {
            return;
        }
        self.positions.retain(|(h, _)| h != sha256);
        self.positions.insert(0, (sha256.to_string(), at));
        self.positions.truncate(MAX_POSITIONS);
    }
}

/// The folder settings live in.
pub fn config_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("CLAIMTRACE_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_CONFIG_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(d).join("claimtrace");
    }
    match std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        Some(h) => PathBuf::from(h).join(".config").join("claimtrace"),
        None => PathBuf::from(".claimtrace"),
    }
}

fn file(dir: &Path) -> PathBuf {
    dir.join("settings.ron")
}

impl Settings {
    /// Read the settings in `dir`; a missing file gives the defaults, a bad one gives the
    /// defaults and a message naming the file.
    pub fn load(dir: &Path) -> (Settings, Option<String>) {
        let path = file(dir);
        match std::fs::read_to_string(&path) {
            Ok(text) => match ron::from_str::<Settings>(&text) {
                Ok(mut s) => {
                    s.font_size = s.font_size.clamp(MIN_FONT_SIZE, MAX_FONT_SIZE);
                    (s, None)
                }
                Err(e) => (
                    Settings::default(),
                    Some(format!(
                        "{}: {e}. Using default settings; the file will be rewritten.",
                        path.display()
                    )),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), None),
            Err(e) => (
                Settings::default(),
                Some(format!(
                    "cannot read {}: {e}. Using default settings.",
                    path.display()
                )),
            ),
        }
    }

    /// Write the settings into `dir` (created if needed).
    pub fn save(&self, dir: &Path) -> Result<(), String> {
        let path = file(dir);
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| format!("cannot encode settings: {e}"))?;
        crate::store::write_atomic(&path, text.as_bytes(), false).map_err(|e| e.to_string())
    }

    /// Put `path` first in the recent list and make it the last project.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(MAX_RECENT);
        self.last_project = Some(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_recent_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Settings::default();
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        s.remember(&a);
        s.remember(&b);
        s.remember(&a);
        assert_eq!(s.recent, vec![a.clone(), b]);
        assert_eq!(s.last_project.as_deref(), Some(a.as_path()));
        s.dark = true;
        s.save(dir.path()).unwrap();
        let (back, msg) = Settings::load(dir.path());
        assert!(msg.is_none());
        assert_eq!(back, s);
    }

    #[test]
    fn bad_file_falls_back_with_message() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("settings.ron"), "(dark: maybe").unwrap();
        let (s, msg) = Settings::load(dir.path());
        assert_eq!(s, Settings::default());
        assert!(msg.unwrap().contains("settings.ron"));
    }
}
