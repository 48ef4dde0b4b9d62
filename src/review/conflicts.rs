//! The conflicts a merge left in a project, and the edits that settle them.
//!
//! A merge (`claimtrace merge-driver` under `git merge`/`git pull`, or the two-way
//! `claimtrace merge`) keeps versions it could not reconcile side by side as competing claims
//! with one [`Claim::unresolved`] group id; the three-way merge also notes on each version
//! which side it came from ([`super::merge3::MERGE_REVIEWER`]). Here: the open groups
//! ([`open_conflicts`]), who the merge was with ([`merged_with`]), and the settling edits, each
//! one undoable [`Edit`]: keep one version ([`keep_version`]), keep every version
//! ([`keep_all`]) or delete them all ([`delete_all`]).

use super::merge3::{MERGE_REVIEWER, MergeNote};
use crate::edit::Edit;
use crate::model::{Claim, Project};
use std::collections::HashMap;

/// One open conflict: the claims of an unresolved group, in project order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The group id (the id the claim had before the merge).
    pub group: String,
    /// The competing versions (one when a claim was edited on one side and deleted on the
    /// other).
    pub claims: Vec<String>,
    /// Where they are in the project's claims (valid until the project changes).
    pub at: Vec<usize>,
}

/// The open conflicts of a project, in the order of their first claim.
pub fn open_conflicts(p: &Project) -> Vec<Conflict> {
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<Conflict> = Vec::new();
    for (k, c) in p.claims.iter().enumerate() {
        let Some(g) = c.unresolved.as_deref() else {
            continue;
        };
        let i = *at.entry(g).or_insert_with(|| {
            out.push(Conflict {
                group: g.to_string(),
                claims: Vec::new(),
                at: Vec::new(),
            });
            out.len() - 1
        });
        out[i].claims.push(c.id.clone());
        out[i].at.push(k);
    }
    out
}

/// The merge note of a claim (which side of which merge it came from), if it has one.
pub fn merge_note(c: &Claim) -> Option<MergeNote> {
    c.reviews
        .iter()
        .find(|r| r.reviewer == MERGE_REVIEWER)
        .and_then(|r| MergeNote::parse(&r.comment))
}

/// Who the open conflicts come from a merge with: the distinct "theirs" names of their merge
/// notes, in order of first appearance (empty when no claim has a merge note, e.g. after a
/// two-way `claimtrace merge`).
pub fn merged_with(p: &Project, conflicts: &[Conflict]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for &k in conflicts.iter().flat_map(|c| &c.at) {
        if let Some(n) = p.claims.get(k).and_then(merge_note)
            && !names.contains(&n.theirs)
        {
            names.push(n.theirs);
        }
    }
    names
}

/// The claims with these ids, in project order (one pass over the claims).
fn claims_of<'a>(p: &'a Project, ids: &[String]) -> Vec<&'a Claim> {
    let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
    p.claims
        .iter()
        .filter(|c| wanted.contains(c.id.as_str()))
        .collect()
}

/// What differs between two versions of a claim, as short names ("label", "note", …).
pub fn differences(a: &Claim, b: &Claim) -> Vec<&'static str> {
    let mut d = Vec::new();
    if a.document != b.document || a.content != b.content {
        d.push("text");
    }
    if a.label != b.label {
        d.push("label");
    }
    let (aa, ba) = (a.attribution.as_ref(), b.attribution.as_ref());
    let part = |f: fn(&crate::model::Attribution) -> String| aa.map(f) != ba.map(f);
    if part(|x| format!("{:?}{:?}", x.sources, x.via)) {
        d.push("source");
    }
    if part(|x| format!("{:?}", x.mention)) {
        d.push("mention");
    }
    if part(|x| format!("{:?}", x.cue)) {
        d.push("cue");
    }
    if part(|x| format!("{:?}{:?}", x.within, x.mode)) {
        d.push("nesting");
    }
    if a.status != b.status {
        d.push("status");
    }
    if a.note != b.note {
        d.push("note");
    }
    if a.tags != b.tags {
        d.push("tags");
    }
    d
}

/// Each difference between two versions of a claim with both values, each side named ("ours" /
/// "theirs" after a merge, else the version's author): "status: unverified (ours) vs confirmed
/// (theirs)", "label: Claim (ours) vs Opinion (theirs)".
pub fn difference_words(p: &Project, a: &Claim, b: &Claim) -> Vec<String> {
    let side = |c: &Claim, fallback: &str| match merge_note(c) {
        Some(n) if n.from == n.ours => "ours".to_string(),
        Some(_) => "theirs".to_string(),
        None if !c.author.is_empty() => c.author.clone(),
        None => fallback.to_string(),
    };
    let (sa, sb) = (side(a, "first"), side(b, "second"));
    let short = |s: &str| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.chars().count() <= 40 {
            s
        } else {
            format!("{}…", s.chars().take(39).collect::<String>())
        }
    };
    let quoted = |s: &str| {
        if s.is_empty() {
            "none".to_string()
        } else {
            format!("“{}”", short(s))
        }
    };
    let spans = |x: Option<&Vec<crate::text::Span>>| {
        let t: Vec<String> = x.into_iter().flatten().map(|s| s.exact.clone()).collect();
        quoted(&t.join(" … "))
    };
    let label = |c: &Claim| {
        p.label(&c.label)
            .map(|l| l.name.to_string())
            .unwrap_or_else(|| c.label.clone())
    };
    let sources = |c: &Claim| {
        let at = c.attribution.as_ref();
        let mut s = p.source_names(c.sources()).join("; ");
        if s.is_empty() {
            s = "none".into();
        }
        if let Some(via) = at.and_then(|x| x.via.as_deref()) {
            let via = p
                .source(via)
                .map(|v| v.name.to_string())
                .unwrap_or(via.to_string());
            s = format!("{s} via {via}");
        }
        s
    };
    let nesting = |c: &Claim| {
        let at = c.attribution.as_ref();
        let mode = at.map_or("none", |x| x.mode.as_str()).to_string();
        match at
            .and_then(|x| x.within.as_deref())
            .and_then(|w| p.claim(w))
        {
            Some(outer) => format!("{mode}, within {}", quoted(&outer.quote())),
            None => mode,
        }
    };
    let mut out = Vec::new();
    for what in differences(a, b) {
        let (x, y) = match what {
            "text" => (quoted(&a.quote()), quoted(&b.quote())),
            "label" => (label(a), label(b)),
            "source" => (sources(a), sources(b)),
            "mention" => (
                spans(a.attribution.as_ref().map(|x| &x.mention)),
                spans(b.attribution.as_ref().map(|x| &x.mention)),
            ),
            "cue" => (
                spans(a.attribution.as_ref().map(|x| &x.cue)),
                spans(b.attribution.as_ref().map(|x| &x.cue)),
            ),
            "nesting" => (nesting(a), nesting(b)),
            "status" => (a.status.as_str().to_string(), b.status.as_str().to_string()),
            "note" => (quoted(&a.note), quoted(&b.note)),
            "tags" => (quoted(&a.tags.join(", ")), quoted(&b.tags.join(", "))),
            other => (other.to_string(), other.to_string()),
        };
        out.push(format!("{what}: {x} ({sa}) vs {y} ({sb})"));
    }
    out
}

/// A settled version: no group, no merge note.
fn settled(c: &Claim) -> Claim {
    let mut c = c.clone();
    c.unresolved = None;
    c.reviews.retain(|r| r.reviewer != MERGE_REVIEWER);
    c
}

/// Claims nested in one of `gone` are nested in `to` instead (or no longer nested). Neither
/// the claims in `gone` nor `to` itself (which the caller replaces) are touched.
fn renest(p: &Project, gone: &[&str], to: Option<&str>, edits: &mut Vec<Edit>) {
    for c in &p.claims {
        let Some(w) = c.attribution.as_ref().and_then(|a| a.within.as_deref()) else {
            continue;
        };
        if !gone.contains(&w) || gone.contains(&c.id.as_str()) || to == Some(c.id.as_str()) {
            continue;
        }
        let mut c = c.clone();
        if let Some(a) = c.attribution.as_mut() {
            a.within = to.filter(|t| *t != c.id).map(str::to_string);
        }
        edits.push(Edit::ReplaceClaim { claim: Box::new(c) });
    }
}

/// Settle conflict `group` with version `keep`: the other versions are deleted and `keep` is
/// kept, under the group's id when a version still has it (so a later merge matches it with
/// the teammate's copy of the claim). `None` if there is no such group or version.
pub fn keep_version(p: &Project, group: &str, keep: &str) -> Option<Edit> {
    let ids: Vec<String> = p
        .claims
        .iter()
        .filter(|c| c.unresolved.as_deref() == Some(group))
        .map(|c| c.id.clone())
        .collect();
    if !ids.iter().any(|i| i == keep) {
        return None;
    }
    let versions = claims_of(p, &ids);
    let kept = versions.iter().find(|c| c.id == keep)?;
    let target = if ids.iter().any(|i| i == group) {
        group
    } else {
        keep
    };
    let mut result = settled(kept);
    result.id = target.to_string();
    if result
        .attribution
        .as_ref()
        .and_then(|a| a.within.as_deref())
        .is_some_and(|w| ids.iter().any(|i| i == w))
        && let Some(a) = result.attribution.as_mut()
    {
        // Nested in a competing version of itself: cannot be.
        a.within = None;
    }
    let gone: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|i| *i != target)
        .collect();
    let mut edits = vec![Edit::ReplaceClaim {
        claim: Box::new(result),
    }];
    renest(p, &gone, Some(target), &mut edits);
    edits.extend(
        gone.iter()
            .map(|id| Edit::RemoveClaim { id: id.to_string() }),
    );
    Some(Edit::Batch {
        what: "settle merge conflict (keep one version)".into(),
        edits,
    })
}

/// Settle conflict `group` by keeping every version (as separate claims). `None` if there is
/// no such group.
pub fn keep_all(p: &Project, group: &str) -> Option<Edit> {
    let edits: Vec<Edit> = p
        .claims
        .iter()
        .filter(|c| c.unresolved.as_deref() == Some(group))
        .map(|c| Edit::ReplaceClaim {
            claim: Box::new(settled(c)),
        })
        .collect();
    (!edits.is_empty()).then(|| Edit::Batch {
        what: "settle merge conflict (keep all versions)".into(),
        edits,
    })
}

/// Settle conflict `group` by deleting every version (claims nested in them are no longer
/// nested). `None` if there is no such group.
pub fn delete_all(p: &Project, group: &str) -> Option<Edit> {
    let ids: Vec<&str> = p
        .claims
        .iter()
        .filter(|c| c.unresolved.as_deref() == Some(group))
        .map(|c| c.id.as_str())
        .collect();
    if ids.is_empty() {
        return None;
    }
    let mut edits = Vec::new();
    renest(p, &ids, None, &mut edits);
    edits.extend(
        ids.iter()
            .map(|id| Edit::RemoveClaim { id: id.to_string() }),
    );
    Some(Edit::Batch {
        what: "settle merge conflict (delete)".into(),
        edits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::merge3::merge3;
    use crate::review::testutil::{claim, project, source, text};

    /// A base with claims c0..c2 (c2 nested in c0); ours and theirs edit c0's note
    /// differently, theirs deletes c1 which ours relabels.
    fn merged() -> (Project, Project) {
        let mut b = project("ana", &[text(60)]);
        b.labels.push(crate::model::Label {
            id: "other".into(),
            name: "Other".into(),
            color: (1, 2, 3),
            shortcut: None,
        });
        let label = b.labels[0].id.clone();
        let s = source(&mut b, "Police", &[]);
        for i in 0..3 {
            claim(
                &mut b,
                &format!("c{i}"),
                "d0",
                &label,
                &[(i * 10, i * 10 + 5)],
                Some(&s),
            );
        }
        if let Some(a) = b.claims[2].attribution.as_mut() {
            a.within = Some("c0".into());
        }
        let mut o = b.clone();
        o.claims[0].note = "ours says".into();
        o.claims[1].label = "other".into();
        let mut t = b.clone();
        t.claims[0].note = "theirs says".into();
        t.claims.remove(1);
        let (m, r) = merge3(&b, &o, &t, "main", "origin/main");
        assert_eq!(r.conflicts, 2);
        (b, m)
    }

    /// Apply the edit `make` builds from `p`; returns its inverse.
    fn apply(p: &mut Project, make: impl FnOnce(&Project) -> Option<Edit>) -> Edit {
        make(p).expect("an edit").apply(p).expect("applies")
    }

    #[test]
    fn conflicts_and_who_the_merge_was_with() {
        let (_, m) = merged();
        let cs = open_conflicts(&m);
        assert_eq!(cs.len(), 2);
        assert_eq!(cs[0].group, "c0");
        assert_eq!(cs[0].claims.len(), 2);
        assert_eq!(cs[1].claims, vec!["c1".to_string()]);
        assert_eq!(merged_with(&m, &cs), vec!["origin/main".to_string()]);
        let v: Vec<&Claim> = cs[0].claims.iter().filter_map(|i| m.claim(i)).collect();
        assert_eq!(differences(v[0], v[1]), vec!["note"]);
        let words = difference_words(&m, v[0], v[1]);
        assert_eq!(words.len(), 1, "{words:?}");
        assert!(
            words[0].starts_with("note: “") && words[0].contains(" vs "),
            "{words:?}"
        );
        // Each side's own value is named, and a status difference reads as both statuses.
        let mut x = v[0].clone();
        x.status = crate::model::Status::Supported;
        let words = difference_words(&m, v[0], &x);
        assert!(
            words.iter().any(
                |w| w.starts_with(&format!("status: {} (", v[0].status.as_str()))
                    && w.contains(") vs supported (")
            ),
            "{words:?}"
        );
        let from: Vec<String> = v
            .iter()
            .filter_map(|c| merge_note(c))
            .map(|n| n.from)
            .collect();
        let mut sorted = from.clone();
        sorted.sort();
        assert_eq!(sorted, vec!["main".to_string(), "origin/main".to_string()]);
    }

    #[test]
    fn keeping_a_version_keeps_the_id_and_the_nesting_and_undoes() {
        let (_, mut m) = merged();
        let before = m.clone();
        let other = open_conflicts(&m)[0]
            .claims
            .iter()
            .find(|i| *i != "c0")
            .cloned()
            .expect("a second version");
        let note = m.claim(&other).map(|c| c.note.clone()).unwrap_or_default();
        let undo = apply(&mut m, |p| keep_version(p, "c0", &other));
        let c0 = m.claim("c0").expect("kept under the group id");
        assert_eq!(c0.note, note);
        assert!(c0.unresolved.is_none());
        assert!(c0.reviews.iter().all(|r| r.reviewer != MERGE_REVIEWER));
        assert!(m.claim(&other).is_none());
        let c2 = m.claim("c2").expect("c2");
        assert_eq!(
            c2.attribution.as_ref().and_then(|a| a.within.as_deref()),
            Some("c0")
        );
        assert_eq!(open_conflicts(&m).len(), 1);
        undo.apply(&mut m).expect("undo applies");
        assert_eq!(m, before);
    }

    #[test]
    fn keeping_a_version_the_group_claim_was_nested_in() {
        // A hand-made pair: the claim with the group's id nested in its competing version.
        let (_, mut m) = merged();
        let other = open_conflicts(&m)[0]
            .claims
            .iter()
            .find(|i| *i != "c0")
            .cloned()
            .expect("a second version");
        if let Some(a) = m
            .claims
            .iter_mut()
            .find(|c| c.id == "c0")
            .and_then(|c| c.attribution.as_mut())
        {
            a.within = Some(other.clone());
        }
        let note = m.claim(&other).map(|c| c.note.clone()).unwrap_or_default();
        apply(&mut m, |p| keep_version(p, "c0", &other));
        let c0 = m.claim("c0").expect("kept under the group id");
        assert_eq!(c0.note, note, "the kept version, not the old one");
        assert!(m.claim(&other).is_none());
        assert!(open_conflicts(&m).iter().all(|c| c.group != "c0"));
    }

    #[test]
    fn keep_all_and_delete_all() {
        let (_, m) = merged();
        let mut k = m.clone();
        apply(&mut k, |p| keep_all(p, "c0"));
        assert_eq!(k.claims.len(), m.claims.len());
        assert_eq!(open_conflicts(&k).len(), 1);
        let mut d = m.clone();
        apply(&mut d, |p| delete_all(p, "c0"));
        assert!(d.claim("c0").is_none());
        // The nested claim survives, no longer nested.
        let c2 = d.claim("c2").expect("c2");
        assert_eq!(c2.attribution.as_ref().and_then(|a| a.within.clone()), None);
        apply(&mut d, |p| delete_all(p, "c1"));
        assert!(open_conflicts(&d).is_empty());
        assert!(keep_all(&d, "c1").is_none());
        assert!(keep_version(&m, "c0", "c2").is_none());
    }
}
