//! Small wording helpers shared by the panels and windows, and the width of a dialog's text
//! field.

/// The narrowest a dialog's one-line text field is drawn (px). Without it a field in a grid of a
/// window that is sizing itself gets only the room left on its first frame ("Unti", "Ann").
pub const FIELD_MIN_WIDTH: f32 = 280.0;

/// A dialog's one-line text field: [`FIELD_MIN_WIDTH`] at least.
pub fn field(buf: &mut String) -> egui::TextEdit<'_> {
    egui::TextEdit::singleline(buf).min_size(egui::vec2(FIELD_MIN_WIDTH, 0.0))
}

/// "1 claim", "3 claims".
pub fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// `s` on one line (runs of whitespace become one space), cut to `max` chars with "…".
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}
