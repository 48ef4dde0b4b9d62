//! The document reader: a custom widget over per-paragraph galleys that lays out only the
//! paragraphs in view, paints claim highlights, and turns pointer input into char selections.
//!
//! This file fixes the interface the app uses; the body is a placeholder to be replaced.

use egui::{Color32, Ui};

/// What part of a claim a mark shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Content,
    Mention,
    Cue,
}

/// One highlight: a char range of the document text belonging to a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub color: Color32,
    /// The claim's id.
    pub claim: String,
    pub role: Role,
}

/// What the reader shows this frame.
pub struct ReaderInput<'a> {
    pub doc_id: &'a str,
    /// Normalised document text; all offsets are char offsets into it.
    pub text: &'a str,
    /// Every highlight of this document (content fragments, mentions, cues).
    pub marks: &'a [Mark],
    /// Changes whenever `marks` or `selected_claim` change (cache key for paragraph layouts).
    pub marks_version: u64,
    pub selected_claim: Option<&'a str>,
    /// Find matches (char ranges) and the index of the current one.
    pub find: &'a [(usize, usize)],
    pub find_current: Option<usize>,
    pub font_size: f32,
}

/// An action from the small bar shown beside a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarAction {
    /// Make the selection a claim (same as `C`).
    Claim,
    /// Make the selection the selected claim's source mention (same as `S`).
    Mention,
    /// Make the selection the selected claim's cue (same as `Q`).
    Cue,
}

/// What happened in the reader this frame.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ReaderOutput {
    /// A click (not a drag) on a highlight: the innermost claim under the pointer.
    pub clicked_claim: Option<String>,
    /// A click on text with no highlight (the app deselects the claim).
    pub clicked_empty: bool,
    pub bar_action: Option<BarAction>,
    /// A Ctrl+drag finished over this (tidied) range: add it as a fragment.
    pub add_fragment: Option<(usize, usize)>,
}

/// The reader's state, kept by the app across frames (one per open document is fine).
#[derive(Default)]
pub struct ReaderState {
    selection: Option<(usize, usize)>,
    scroll_request: Option<usize>,
    flash: Option<(usize, usize, f64)>,
}

impl ReaderState {
    /// The current selection, snapped to graphemes and trimmed (start < end).
    pub fn selection(&self) -> Option<(usize, usize)> {
        self.selection
    }

    pub fn set_selection(&mut self, sel: Option<(usize, usize)>) {
        self.selection = sel;
    }

    pub fn clear_selection(&mut self) {
        self.selection = None;
    }

    /// Scroll so that char offset `at` is in view (next frame).
    pub fn scroll_to(&mut self, at: usize) {
        self.scroll_request = Some(at);
    }

    /// Briefly flash the range `start..end` (after scrolling to a claim).
    pub fn flash(&mut self, start: usize, end: usize, now: f64) {
        self.flash = Some((start, end, now));
    }

    /// Draw the document and handle input.
    pub fn show(&mut self, ui: &mut Ui, input: &ReaderInput<'_>) -> ReaderOutput {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.label(input.text);
        });
        ReaderOutput::default()
    }
}
