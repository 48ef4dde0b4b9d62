//! Re-anchoring a whole claim: each of its spans is found again in the text with
//! [`text::reanchor`](crate::text::reanchor), and the claim's [`Anchor`] state says how it went.

use super::{Anchor, Claim};
use crate::text::{CharMap, Placement, reanchor};

/// Check every span of a claim against `text` and re-anchor those that moved. Returns the
/// claim's new anchor state; spans that cannot be placed keep their old offsets (clamped).
pub fn reanchor_claim(text: &str, map: &CharMap, claim: &mut Claim) -> Anchor {
    let mut state = Anchor::Exact;
    for span in claim.spans_mut() {
        match reanchor(text, map, span) {
            Placement::Exact => {}
            Placement::Moved(s) => {
                *span = s;
                if state == Anchor::Exact {
                    state = Anchor::Reanchored;
                }
            }
            Placement::Orphan => state = Anchor::Orphaned,
        }
    }
    claim.content.sort_by_key(|s| (s.start, s.end));
    state
}
