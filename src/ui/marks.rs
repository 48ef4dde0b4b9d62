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

/// A mark in words, for the accessibility tree: "claim by Amnesty International, unverified",
/// "source mention: the report (Amnesty International)", "cue: said". Colour alone says
/// nothing to a screen reader.
pub fn describe(p: &Project, m: &Mark) -> String {
    // Another annotator's claims and suggestions are not claims of this project (an id may
    // still match one).
    let own = matches!(m.role, Role::Content | Role::Mention | Role::Cue);
    let Some(c) = p.claim(&m.claim).filter(|_| own) else {
        return match m.role {
            Role::Theirs => "colleague's claim".into(),
            Role::GhostContent => "suggested claim".into(),
            Role::GhostMention => "suggested source mention".into(),
            Role::GhostCue => "suggested cue".into(),
            Role::Content => "claim".into(),
            Role::Mention => "source mention".into(),
            Role::Cue => "cue".into(),
        };
    };
    let sources = c
        .attribution
        .as_ref()
        .map(|a| p.source_names(&a.sources).join(" and "))
        .filter(|s| !s.is_empty());
    let exact = |spans: &[Span]| {
        spans
            .iter()
            .find(|s| s.start == m.start && s.end == m.end)
            .map(|s| s.exact.trim().to_string())
            .unwrap_or_default()
    };
    let attribution = c.attribution.as_ref();
    match m.role {
        Role::Mention => {
            let words = exact(attribution.map_or(&[][..], |a| &a.mention));
            match sources {
                Some(s) if !words.to_lowercase().contains(&s.to_lowercase()) => {
                    format!("source mention: {words} ({s})")
                }
                _ => format!("source mention: {words}"),
            }
        }
        Role::Cue => format!("cue: {}", exact(attribution.map_or(&[][..], |a| &a.cue))),
        _ => {
            let label = p.label(&c.label).map(|l| l.name.as_str()).unwrap_or("");
            let by = sources.map_or_else(|| "no source yet".to_string(), |s| format!("by {s}"));
            let kind = if label.is_empty() || label.eq_ignore_ascii_case("claim") {
                String::new()
            } else {
                format!(", {label}")
            };
            format!("claim {by}, {}{kind}", c.status.as_str())
        }
    }
}
