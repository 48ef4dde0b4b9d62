//! Everything the user can ask for, as values. Menus, shortcuts, buttons and the reader's bar
//! all produce [`Command`]s; the app applies them once per frame. [`BINDINGS`] is the one table
//! of labels and shortcuts used by the menus and by Help → Shortcuts.

use crate::edit::Edit;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// Commands and edits collected while drawing one frame.
#[derive(Default)]
pub struct Queue {
    pub commands: Vec<Command>,
    pub edits: Vec<Edit>,
}

impl Queue {
    pub fn push(&mut self, c: Command) {
        self.commands.push(c);
    }

    pub fn edit(&mut self, e: Option<Edit>) {
        self.edits.extend(e);
    }
}

/// Something to do, collected while drawing and applied after.
#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    NewProject,
    ImportArticle,
    /// Open the export window (filters over the whole project).
    Export,
    /// Open the export window on exactly these claims (what the claims list shows).
    ExportSelected(Vec<String>),
    /// A new document from the text on the clipboard (asks for a title and URL).
    NewFromClipboard,
    /// Show and edit the current document's metadata.
    DocumentDetails,
    /// Replace the current document's text with a newer version from a file; re-anchor claims.
    UpdateDocument,
    Open,
    OpenRecent(PathBuf),
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    Find,
    FindNext,
    FindPrev,
    CloseFind,
    /// Make the reader selection a claim with the current label.
    MakeClaim,
    /// Make the reader selection a claim with this label.
    MakeClaimWithLabel(String),
    /// Make the reader selection the selected claim's source mention.
    SetMention,
    /// Make the reader selection the selected claim's cue.
    SetCue,
    /// Add `start..end` as a fragment of the selected claim.
    AddFragment(usize, usize),
    DeleteClaim,
    Deselect,
    /// Select a claim, switch to its document, scroll to it and flash it.
    SelectClaim(String),
    /// Select a claim clicked in the reader (no scrolling).
    PickClaim(String),
    /// A click on plain text in the reader: no claim is selected.
    PickNone,
    SelectDocument(String),
    FontBigger,
    FontSmaller,
    ToggleTheme,
    ShowShortcuts,
    /// Put the keyboard in the reader (its caret) to select text with the keys.
    FocusReader,
    ShowLabels,
    /// View → Corpus: the corpus figures.
    ShowCorpus,
    /// The queue of claims whose text could not be found again.
    ShowOrphans,
    /// Sources → Tidy…: the proposed merges of the source registry.
    ShowTidy,
    /// Give an orphaned claim the current selection as its content.
    ReattachOrphan(String),
    /// Review → Compare with…: open a colleague's project read-only beside mine.
    Compare,
    /// End the comparison.
    StopCompare,
    /// Show or hide the disagreements list while comparing.
    ShowDisagreements,
    /// The agreement measures of the comparison.
    ShowAgreement,
    /// Write the comparison's disagreements to a CSV file.
    ExportDisagreements,
    /// Review → Merge conflicts: the Review panel on the conflicts a merge left in the project
    /// (and the reader on the first of them).
    ShowConflicts,
    /// Close the merge conflicts in the Review panel.
    CloseConflicts,
    /// Scroll the reader to `start..end` of the current document and flash it (a claim only
    /// the other annotator made).
    RevealRange(usize, usize),
    /// Show or hide a side panel: beside the reader, or in a narrow window over it (one at a
    /// time).
    TogglePane(Pane),
    /// Annotate → Suggest attributions in this document (on a worker thread).
    SuggestDocument,
    /// Suggest attributions in every document (progress and Cancel in the Suggestions list).
    SuggestAll,
    /// Stop a suggestion run.
    CancelSuggest,
    /// Make the next shown suggestion current and scroll to it.
    NextSuggestion,
    PrevSuggestion,
    /// The current suggestion becomes a claim (one undoable edit).
    AcceptSuggestion,
    /// Change the current suggestion's spans with C / S / Q / Ctrl+drag before accepting.
    EditSuggestion,
    /// Remember the current suggestion as rejected (not proposed again).
    RejectSuggestion,
    /// Accept the document's shown suggestions above the chosen confidence, as one step.
    AcceptAllAbove,
    /// Make suggestion `i` current and scroll to it (a click in the Suggestions list).
    ShowSuggestion(usize),
    /// Make suggestion `i` current (a click on its ghost highlight in the reader).
    PickSuggestion(usize),
}

/// The side panels beside the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The claims, sources and documents lists (left).
    Lists,
    /// The claim inspector (right).
    Inspector,
    /// The disagreements list while comparing, or a merge's conflicts (right).
    Review,
}

/// A menu entry: what it does, what it is called, and its shortcuts (the first is shown).
pub struct Binding {
    pub command: Command,
    pub label: &'static str,
    pub shortcuts: &'static [KeyboardShortcut],
    /// Single keys act only in the reader, never while a text field has focus.
    pub group: &'static str,
}

const fn ks(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;

/// The table of commands with shortcuts.
pub const BINDINGS: &[Binding] = &[
    Binding {
        command: Command::NewProject,
        label: "New project…",
        shortcuts: &[],
        group: "File",
    },
    Binding {
        command: Command::ImportArticle,
        label: "Import article…",
        shortcuts: &[ks(CMD, Key::I)],
        group: "File",
    },
    Binding {
        command: Command::Export,
        label: "Export…",
        shortcuts: &[ks(CMD, Key::E)],
        group: "File",
    },
    Binding {
        command: Command::NewFromClipboard,
        label: "New document from clipboard…",
        shortcuts: &[ks(CMD_SHIFT, Key::V)],
        group: "File",
    },
    Binding {
        command: Command::DocumentDetails,
        label: "Document details…",
        shortcuts: &[],
        group: "File",
    },
    Binding {
        command: Command::UpdateDocument,
        label: "Update document from file…",
        shortcuts: &[],
        group: "File",
    },
    Binding {
        command: Command::Open,
        label: "Open…",
        shortcuts: &[ks(CMD, Key::O)],
        group: "File",
    },
    Binding {
        command: Command::Save,
        label: "Save",
        shortcuts: &[ks(CMD, Key::S)],
        group: "File",
    },
    Binding {
        command: Command::SaveAs,
        label: "Save As…",
        shortcuts: &[ks(CMD_SHIFT, Key::S)],
        group: "File",
    },
    Binding {
        command: Command::Quit,
        label: "Quit",
        shortcuts: &[ks(CMD, Key::Q)],
        group: "File",
    },
    Binding {
        command: Command::Undo,
        label: "Undo",
        shortcuts: &[ks(CMD, Key::Z)],
        group: "Edit",
    },
    Binding {
        command: Command::Redo,
        label: "Redo",
        shortcuts: &[ks(CMD_SHIFT, Key::Z), ks(CMD, Key::Y)],
        group: "Edit",
    },
    Binding {
        command: Command::Find,
        label: "Find…",
        shortcuts: &[ks(CMD, Key::F)],
        group: "Edit",
    },
    Binding {
        command: Command::FindNext,
        label: "Find next",
        shortcuts: &[ks(NONE, Key::F3)],
        group: "Edit",
    },
    Binding {
        command: Command::FindPrev,
        label: "Find previous",
        shortcuts: &[ks(SHIFT, Key::F3)],
        group: "Edit",
    },
    Binding {
        command: Command::MakeClaim,
        label: "Claim from selection",
        shortcuts: &[ks(NONE, Key::C)],
        group: "Annotate",
    },
    Binding {
        command: Command::SetMention,
        label: "Set source mention",
        shortcuts: &[ks(NONE, Key::S)],
        group: "Annotate",
    },
    Binding {
        command: Command::SetCue,
        label: "Set cue",
        shortcuts: &[ks(NONE, Key::Q)],
        group: "Annotate",
    },
    Binding {
        command: Command::DeleteClaim,
        label: "Delete claim",
        shortcuts: &[ks(NONE, Key::Delete)],
        group: "Annotate",
    },
    Binding {
        command: Command::Deselect,
        label: "Deselect",
        shortcuts: &[ks(NONE, Key::Escape)],
        group: "Annotate",
    },
    Binding {
        command: Command::SuggestDocument,
        label: "Suggest attributions",
        shortcuts: &[ks(CMD, Key::G)],
        group: "Annotate",
    },
    Binding {
        command: Command::SuggestAll,
        label: "Suggest attributions in all documents",
        shortcuts: &[ks(CMD_SHIFT, Key::G)],
        group: "Annotate",
    },
    Binding {
        command: Command::NextSuggestion,
        label: "Next suggestion",
        shortcuts: &[ks(NONE, Key::N)],
        group: "Annotate",
    },
    Binding {
        command: Command::PrevSuggestion,
        label: "Previous suggestion",
        shortcuts: &[ks(SHIFT, Key::N)],
        group: "Annotate",
    },
    Binding {
        command: Command::AcceptSuggestion,
        label: "Accept suggestion",
        shortcuts: &[ks(NONE, Key::A), ks(NONE, Key::Enter)],
        group: "Annotate",
    },
    Binding {
        command: Command::EditSuggestion,
        label: "Edit suggestion, then accept",
        shortcuts: &[ks(NONE, Key::E)],
        group: "Annotate",
    },
    Binding {
        command: Command::RejectSuggestion,
        label: "Reject suggestion",
        shortcuts: &[ks(NONE, Key::X)],
        group: "Annotate",
    },
    Binding {
        command: Command::AcceptAllAbove,
        label: "Accept all suggestions above the confidence",
        shortcuts: &[ks(CMD_SHIFT, Key::A)],
        group: "Annotate",
    },
    Binding {
        command: Command::ShowLabels,
        label: "Labels…",
        shortcuts: &[],
        group: "Annotate",
    },
    Binding {
        command: Command::ShowOrphans,
        label: "Orphans…",
        shortcuts: &[],
        group: "Annotate",
    },
    Binding {
        command: Command::ShowTidy,
        label: "Tidy sources…",
        shortcuts: &[],
        group: "Annotate",
    },
    Binding {
        command: Command::FontBigger,
        label: "Larger text",
        shortcuts: &[ks(CMD, Key::Equals), ks(CMD, Key::Plus)],
        group: "View",
    },
    Binding {
        command: Command::FontSmaller,
        label: "Smaller text",
        shortcuts: &[ks(CMD, Key::Minus)],
        group: "View",
    },
    Binding {
        command: Command::TogglePane(Pane::Lists),
        label: "Show or hide the lists",
        shortcuts: &[ks(CMD, Key::Num1)],
        group: "View",
    },
    Binding {
        command: Command::TogglePane(Pane::Inspector),
        label: "Show or hide the inspector",
        shortcuts: &[ks(CMD, Key::Num2)],
        group: "View",
    },
    Binding {
        command: Command::ShowCorpus,
        label: "Corpus…",
        shortcuts: &[ks(CMD_SHIFT, Key::K)],
        group: "View",
    },
    Binding {
        command: Command::ToggleTheme,
        label: "Dark theme",
        shortcuts: &[],
        group: "View",
    },
    Binding {
        command: Command::Compare,
        label: "Compare with…",
        shortcuts: &[],
        group: "Review",
    },
    Binding {
        command: Command::StopCompare,
        label: "Stop comparing",
        shortcuts: &[],
        group: "Review",
    },
    Binding {
        command: Command::ShowDisagreements,
        label: "Disagreements",
        shortcuts: &[],
        group: "Review",
    },
    Binding {
        command: Command::ShowAgreement,
        label: "Agreement…",
        shortcuts: &[],
        group: "Review",
    },
    Binding {
        command: Command::ExportDisagreements,
        label: "Export disagreements…",
        shortcuts: &[],
        group: "Review",
    },
    Binding {
        command: Command::ShowConflicts,
        label: "Merge conflicts",
        shortcuts: &[],
        group: "Review",
    },
    Binding {
        command: Command::FocusReader,
        label: "Keyboard into the text (caret)",
        shortcuts: &[ks(NONE, Key::F6)],
        group: "View",
    },
    Binding {
        command: Command::ShowShortcuts,
        label: "Shortcuts",
        shortcuts: &[ks(NONE, Key::F1)],
        group: "Help",
    },
];

/// Keys the reader handles itself (not commands), listed in Help → Shortcuts after the table.
pub const READER_KEYS: &[(&str, &str)] = &[
    ("Scroll a line (no caret in the text)", "↑ / ↓"),
    (
        "Scroll a screen",
        "Page Up / Page Down, Space / Shift+Space",
    ),
    (
        "Start / end of the document",
        "Home / End, Ctrl+Home / Ctrl+End",
    ),
    (
        "Caret in the text (after F6 or Tab)",
        "← → by character, Ctrl+← → by word, ↑ ↓ by line, Ctrl+↑ ↓ by paragraph, Home / End",
    ),
    (
        "Select with the caret",
        "Shift+ any caret key, then C / S / Q",
    ),
    ("Select whole words / extend", "drag / Shift+click"),
    ("Select by character", "Alt+drag, Alt+Shift+click"),
    ("Select a word", "double-click"),
    ("Add a fragment to the selected claim", "Ctrl+drag"),
];

/// The command a bare key (no modifier) already triggers, if any: a label may not take it.
pub fn bare_key_owner(key: char) -> Option<&'static str> {
    let key = Key::from_name(&key.to_uppercase().to_string())?;
    BINDINGS
        .iter()
        .find(|b| {
            b.shortcuts
                .iter()
                .any(|s| s.logical_key == key && s.modifiers == Modifiers::NONE)
        })
        .map(|b| b.label)
}

/// The binding of a command, if it is in the table.
pub fn binding(command: &Command) -> Option<&'static Binding> {
    BINDINGS.iter().find(|b| &b.command == command)
}

/// Does this shortcut act only when no text field has focus? Keys without Ctrl/Cmd/Alt type
/// or edit text, except the function keys.
pub fn is_bare(s: &KeyboardShortcut) -> bool {
    let plain =
        !s.modifiers.command && !s.modifiers.ctrl && !s.modifiers.alt && !s.modifiers.mac_cmd;
    plain && !matches!(s.logical_key, Key::F1 | Key::F3 | Key::F6)
}

/// Every (shortcut, command) pair, those with more modifiers first, so that Ctrl+Shift+Z is
/// tried before Ctrl+Z (egui matches shortcuts "logically": extra Shift is ignored).
pub fn dispatch_order() -> Vec<(KeyboardShortcut, &'static Binding)> {
    let mut all: Vec<(KeyboardShortcut, &'static Binding)> = BINDINGS
        .iter()
        .flat_map(|b| b.shortcuts.iter().map(move |s| (*s, b)))
        .collect();
    let weight = |m: Modifiers| m.shift as u8 + m.alt as u8 + (m.command || m.ctrl) as u8;
    all.sort_by_key(|(s, _)| std::cmp::Reverse(weight(s.modifiers)));
    all
}

/// The shortcut text shown in menus ("Ctrl+S"), using egui's platform formatting.
pub fn shortcut_text(ctx: &egui::Context, command: &Command) -> String {
    binding(command)
        .and_then(|b| b.shortcuts.first())
        .map(|s| ctx.format_shortcut(s))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_shortcut_is_bound_twice() {
        let all = dispatch_order();
        for (i, (a, _)) in all.iter().enumerate() {
            for (b, _) in &all[i + 1..] {
                assert!(a != b, "shortcut {a:?} is bound twice");
            }
        }
    }

    #[test]
    fn keys_the_app_uses_are_named() {
        assert!(bare_key_owner('s').is_some_and(|l| l.to_lowercase().contains("source")));
        assert!(bare_key_owner('C').is_some());
        assert!(bare_key_owner('q').is_some());
        assert_eq!(bare_key_owner('k'), None);
        assert_eq!(bare_key_owner('é'), None);
    }

    #[test]
    fn shifted_shortcuts_are_tried_first() {
        let order = dispatch_order();
        let pos = |cmd: Command, shift: bool| {
            order
                .iter()
                .position(|(s, b)| b.command == cmd && s.modifiers.shift == shift)
                .unwrap()
        };
        assert!(pos(Command::Redo, true) < pos(Command::Undo, false));
        assert!(pos(Command::SaveAs, true) < pos(Command::Save, false));
        assert!(pos(Command::FindPrev, true) < pos(Command::FindNext, false));
    }
}
