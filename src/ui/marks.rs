//! What the reader highlights: the marks of a document's claims (content fragments in their
//! label's colour, the mention boxed, the cue underlined), built from the project when it
//! changes. The review overlay builds its marks with [`claim_marks`] too.

use super::reader::{Mark, Role};
use crate::model::{Claim, Project, Span};
use egui::Color32;

/// The colour of a mention's box.
pub const MENTION: Color32 = Color32::from_rgb(20, 90, 200);
/// The colour of a cue's underline.
pub const CUE: Color32 = Color32::from_rgb(190, 20, 120);

/// The highlights of one document: content fragments in their label's colour, mentions and cues.
pub fn build_marks(p: &Project, doc: Option<&str>) -> Vec<Mark> {
    let Some(doc) = doc else { return Vec::new() };
    let mut marks = Vec::new();
    for c in p.claims_of(doc) {
        let (r, g, b) = p
            .label(&c.label)
            .map(|l| l.color)
            .unwrap_or((200, 200, 200));
        claim_marks(&mut marks, c, Color32::from_rgb(r, g, b));
    }
    marks
}

/// One claim's highlights: its content fragments in `color`, its mention and cue.
pub fn claim_marks(marks: &mut Vec<Mark>, c: &Claim, color: Color32) {
    let spans = |v: &[Span], color, role| {
        v.iter()
            .map(move |s| Mark {
                start: s.start,
                end: s.end,
                color,
                claim: c.id.clone(),
                role,
            })
            .collect::<Vec<_>>()
    };
    marks.extend(spans(&c.content, color, Role::Content));
    if let Some(a) = &c.attribution {
        marks.extend(spans(&a.mention, MENTION, Role::Mention));
        marks.extend(spans(&a.cue, CUE, Role::Cue));
    }
}
