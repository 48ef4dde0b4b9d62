//! Small wording helpers shared by the panels and windows, and the width of a dialog's text
//! field.

/// The narrowest a dialog's one-line text field is drawn (px). Without it a field in a grid of a
/// window that is sizing itself gets only the room left on its first frame ("Unti", "Ann").
pub const FIELD_MIN_WIDTH: f32 = 280.0;

/// A dialog's one-line text field: [`FIELD_MIN_WIDTH`] at least.
pub fn field(buf: &mut String) -> egui::TextEdit<'_> {
    egui::TextEdit::singleline(buf).min_size(egui::vec2(FIELD_MIN_WIDTH, 0.0))
}

pub use crate::words::{count, fixed, plural};

/// The width a text field may take in the rest of this row so that buttons with these labels
/// still fit beside it whole (a button is never clipped to "Add sou"); at least 60 points.
pub fn field_beside(ui: &egui::Ui, buttons: &[&str]) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let pad = ui.spacing().button_padding.x * 2.0 + ui.spacing().item_spacing.x;
    let room: f32 = buttons
        .iter()
        .map(|b| {
            ui.fonts_mut(|f| {
                f.layout_no_wrap(b.to_string(), font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
            }) + pad
        })
        .sum();
    (ui.available_width() - room - ui.spacing().item_spacing.x).max(60.0)
}

/// A button whose label is never wrapped or cut: in a row that has no room left it moves whole
/// to the next line (in a wrapping row) rather than reading "Add sou".
pub fn whole_button(text: &str) -> egui::Button<'_> {
    egui::Button::new(text).wrap_mode(egui::TextWrapMode::Extend)
}

/// `s` on one line (runs of whitespace become one space), cut to at most `max` chars with "…"
/// at the end of the last whole word that fits (mid-word only when the first word is longer).
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    // The char after the cut: a space there means the cut already ends a word.
    let ends_word = s.chars().nth(max).is_some_and(char::is_whitespace);
    let mut out = if ends_word {
        cut
    } else {
        match cut.rfind(' ') {
            Some(i) if i > 0 => cut[..i].to_string(),
            _ => cut,
        }
    };
    // No dangling punctuation before the ellipsis ("said, …").
    while out.ends_with([',', ';', ':', ' ', '-', '–', '—']) {
        out.pop();
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_a_word_boundary() {
        let s = "The number of political prisoners in Vietnam has reached its highest";
        assert_eq!(shorten(s, 200), s);
        assert_eq!(shorten(s, 20), "The number of…");
        // A cut that falls just before a space keeps the whole word.
        assert_eq!(shorten(s, 10), "The number…");
        assert_eq!(shorten("said, according to", 8), "said…");
        // One long word: cut inside it, as there is no boundary.
        assert_eq!(shorten("Antidisestablishmentarianism", 6), "Antidi…");
        assert_eq!(shorten("a  b\n c", 10), "a b c");
        assert!(shorten(s, 30).chars().count() <= 31);
    }
}
