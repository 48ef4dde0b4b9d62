//! Edits built from the project's current state: what the GUI, the command line and the
//! importers ask for. Each returns an [`Edit`] to apply (usually through a `History`); none
//! changes the project itself.

use super::Edit;
use crate::model::{
    Attribution, Claim, Document, Label, Origin, Project, Source, SourceKind, Span, new_id, now,
};
use crate::text::{CharMap, make_span_with};

/// Spans over `ranges` of a document's text (sorted, empty ranges dropped).
pub fn spans(text: &str, ranges: &[(usize, usize)]) -> Vec<Span> {
    let map = CharMap::new(text);
    let mut out: Vec<Span> = ranges
        .iter()
        .filter(|(s, e)| e > s)
        .map(|&(s, e)| make_span_with(text, &map, s, e))
        .collect();
    out.sort_by_key(|s| (s.start, s.end));
    out
}

/// A new claim over `ranges` of a document; `None` if the document is unknown or the ranges
/// are empty.
pub fn new_claim(
    p: &Project,
    document: &str,
    label: &str,
    ranges: &[(usize, usize)],
) -> Option<Claim> {
    let doc = p.document(document)?;
    let content = spans(&doc.text, ranges);
    if content.is_empty() {
        return None;
    }
    let t = now();
    Some(Claim {
        id: new_id(),
        document: document.to_string(),
        label: label.to_string(),
        content,
        attribution: None,
        status: Default::default(),
        note: String::new(),
        tags: Vec::new(),
        author: p.annotator.id.clone(),
        created: t,
        modified: t,
        anchor: Default::default(),
    })
}

/// Add a claim at the end of the list.
pub fn add_claim(p: &Project, claim: Claim) -> Edit {
    Edit::InsertClaim {
        index: p.claims.len(),
        claim: Box::new(claim),
    }
}

/// Change a claim through `f` (which gets a copy); the modified time is updated. `None` if
/// there is no such claim or `f` changed nothing.
pub fn update_claim(p: &Project, id: &str, what: &str, f: impl FnOnce(&mut Claim)) -> Option<Edit> {
    let old = p.claim(id)?;
    let mut c = old.clone();
    f(&mut c);
    c.content.sort_by_key(|s| (s.start, s.end));
    if &c == old {
        return None;
    }
    c.modified = now().max(old.modified);
    Some(Edit::Batch {
        what: what.to_string(),
        edits: vec![Edit::ReplaceClaim { claim: Box::new(c) }],
    })
}

/// Add a fragment (discontinuous content) to a claim.
pub fn add_fragment(p: &Project, id: &str, start: usize, end: usize) -> Option<Edit> {
    let c = p.claim(id)?;
    let text = &p.document(&c.document)?.text;
    let span = spans(text, &[(start, end)]).pop()?;
    update_claim(p, id, "add fragment", |c| {
        if !c.content.contains(&span) {
            c.content.push(span)
        }
    })
}

/// The attribution of a claim, creating an empty one if needed.
pub fn attribution_mut(c: &mut Claim) -> &mut Attribution {
    c.attribution.get_or_insert_with(Attribution::default)
}

/// Set the source mention of a claim to `start..end`, and its source to `source` if given.
pub fn set_mention(
    p: &Project,
    id: &str,
    start: usize,
    end: usize,
    source: Option<&str>,
) -> Option<Edit> {
    let c = p.claim(id)?;
    let text = &p.document(&c.document)?.text;
    let mention = spans(text, &[(start, end)]);
    update_claim(p, id, "set source mention", |c| {
        let a = attribution_mut(c);
        a.mention = mention;
        if let Some(s) = source {
            a.source = Some(s.to_string());
        }
    })
}

/// Set the cue of a claim to `start..end`.
pub fn set_cue(p: &Project, id: &str, start: usize, end: usize) -> Option<Edit> {
    let c = p.claim(id)?;
    let text = &p.document(&c.document)?.text;
    let cue = spans(text, &[(start, end)]);
    update_claim(p, id, "set cue", |c| attribution_mut(c).cue = cue)
}

/// Delete a claim; claims nested in it lose their `within`.
pub fn delete_claim(p: &Project, id: &str) -> Option<Edit> {
    p.claim(id)?;
    let mut edits: Vec<Edit> = p
        .claims
        .iter()
        .filter(|c| c.attribution.as_ref().and_then(|a| a.within.as_deref()) == Some(id))
        .map(|c| {
            let mut c = c.clone();
            if let Some(a) = c.attribution.as_mut() {
                a.within = None;
            }
            Edit::ReplaceClaim { claim: Box::new(c) }
        })
        .collect();
    edits.push(Edit::RemoveClaim { id: id.to_string() });
    Some(Edit::Batch {
        what: "delete claim".into(),
        edits,
    })
}

/// A new registry source with a fresh id.
pub fn new_source(p: &Project, name: &str, kind: SourceKind) -> Source {
    Source {
        id: p.fresh_source_id(name),
        name: name.trim().to_string(),
        kind,
        aliases: Vec::new(),
        note: String::new(),
    }
}

pub fn add_source(p: &Project, source: Source) -> Edit {
    Edit::InsertSource {
        index: p.sources.len(),
        source,
    }
}

/// Change a source through `f`.
pub fn update_source(
    p: &Project,
    id: &str,
    what: &str,
    f: impl FnOnce(&mut Source),
) -> Option<Edit> {
    let old = p.source(id)?;
    let mut s = old.clone();
    f(&mut s);
    if &s == old {
        return None;
    }
    Some(Edit::Batch {
        what: what.to_string(),
        edits: vec![Edit::ReplaceSource { source: s }],
    })
}

/// Rename a source; the old name stays as an alias so mentions still match it.
pub fn rename_source(p: &Project, id: &str, new_name: &str) -> Option<Edit> {
    let new_name = new_name.trim();
    if new_name.is_empty() {
        return None;
    }
    let what = format!("rename source to {new_name}");
    update_source(p, id, &what, |s| {
        let old = std::mem::replace(&mut s.name, new_name.to_string());
        s.aliases.retain(|a| a != new_name);
        if old != new_name && !s.aliases.contains(&old) {
            s.aliases.push(old);
        }
    })
}

/// Merge source `other` into `keep`: every claim that names `other` (as source or via) names
/// `keep`; `other`'s name and aliases become aliases of `keep`; `other` is removed.
pub fn merge_sources(p: &Project, keep: &str, other: &str) -> Option<Edit> {
    if keep == other {
        return None;
    }
    let k = p.source(keep)?;
    let o = p.source(other)?;
    let mut edits = Vec::new();
    for c in &p.claims {
        let Some(a) = &c.attribution else { continue };
        if a.source.as_deref() == Some(other) || a.via.as_deref() == Some(other) {
            let mut c = c.clone();
            if let Some(a) = c.attribution.as_mut() {
                for r in [&mut a.source, &mut a.via] {
                    if r.as_deref() == Some(other) {
                        *r = Some(keep.to_string());
                    }
                }
            }
            edits.push(Edit::ReplaceClaim { claim: Box::new(c) });
        }
    }
    let mut merged = k.clone();
    for n in o.names() {
        if !merged.is_named(n) {
            merged.aliases.push(n.to_string());
        }
    }
    if merged.note.is_empty() {
        merged.note = o.note.clone();
    }
    edits.push(Edit::ReplaceSource { source: merged });
    edits.push(Edit::RemoveSource {
        id: other.to_string(),
    });
    Some(Edit::Batch {
        what: format!("merge {} into {}", o.name, k.name),
        edits,
    })
}

/// Delete a source; claims attributed to it (or via it) lose that reference.
pub fn delete_source(p: &Project, id: &str) -> Option<Edit> {
    let s = p.source(id)?;
    let mut edits = Vec::new();
    for c in &p.claims {
        let Some(a) = &c.attribution else { continue };
        if a.source.as_deref() == Some(id) || a.via.as_deref() == Some(id) {
            let mut c = c.clone();
            if let Some(a) = c.attribution.as_mut() {
                for r in [&mut a.source, &mut a.via] {
                    if r.as_deref() == Some(id) {
                        *r = None;
                    }
                }
            }
            edits.push(Edit::ReplaceClaim { claim: Box::new(c) });
        }
    }
    edits.push(Edit::RemoveSource { id: id.to_string() });
    Some(Edit::Batch {
        what: format!("delete source {}", s.name),
        edits,
    })
}

/// A label with a fresh id.
pub fn new_label(p: &Project, name: &str, color: (u8, u8, u8), shortcut: Option<char>) -> Label {
    Label {
        id: p.fresh_label_id(name),
        name: name.trim().to_string(),
        color,
        shortcut,
    }
}

pub fn add_label(p: &Project, label: Label) -> Edit {
    Edit::InsertLabel {
        index: p.labels.len(),
        label,
    }
}

pub fn update_label(p: &Project, id: &str, f: impl FnOnce(&mut Label)) -> Option<Edit> {
    let old = p.label(id)?;
    let mut l = old.clone();
    f(&mut l);
    if &l == old {
        return None;
    }
    Some(Edit::Batch {
        what: format!("edit label {}", l.name),
        edits: vec![Edit::ReplaceLabel { label: l }],
    })
}

/// Delete a label; its claims move to `reassign` (which must exist) if given, else the label
/// must be unused.
pub fn delete_label(p: &Project, id: &str, reassign: Option<&str>) -> Option<Edit> {
    let l = p.label(id)?;
    let mut edits = Vec::new();
    if let Some(to) = reassign {
        p.label(to)?;
        for c in p.claims.iter().filter(|c| c.label == id) {
            let mut c = c.clone();
            c.label = to.to_string();
            edits.push(Edit::ReplaceClaim { claim: Box::new(c) });
        }
    }
    edits.push(Edit::RemoveLabel { id: id.to_string() });
    Some(Edit::Batch {
        what: format!("delete label {}", l.name),
        edits,
    })
}

pub fn add_document(p: &Project, document: Document) -> Edit {
    Edit::InsertDocument {
        index: p.documents.len(),
        document: Box::new(document),
    }
}

pub fn set_document_meta(p: &Project, id: &str, title: &str, origin: Origin) -> Option<Edit> {
    let d = p.document(id)?;
    if d.title == title && d.origin == origin {
        return None;
    }
    Some(Edit::SetDocumentMeta {
        id: id.to_string(),
        title: title.to_string(),
        origin: Box::new(origin),
    })
}

/// Delete a document with all its claims (claims elsewhere nested in them lose `within`).
pub fn delete_document(p: &Project, id: &str) -> Option<Edit> {
    let d = p.document(id)?;
    let doomed: Vec<&str> = p.claims_of(id).map(|c| c.id.as_str()).collect();
    let mut edits = Vec::new();
    for c in &p.claims {
        if c.document == id {
            continue;
        }
        if let Some(w) = c.attribution.as_ref().and_then(|a| a.within.as_deref())
            && doomed.contains(&w)
        {
            let mut c = c.clone();
            if let Some(a) = c.attribution.as_mut() {
                a.within = None;
            }
            edits.push(Edit::ReplaceClaim { claim: Box::new(c) });
        }
    }
    // Remove inner claims before the claims they are nested in, so `within` never dangles.
    let mut left: Vec<&Claim> = p.claims_of(id).collect();
    while !left.is_empty() {
        let inner = |c: &&&Claim| {
            !left.iter().any(|o| {
                o.attribution.as_ref().and_then(|a| a.within.as_deref()) == Some(c.id.as_str())
            })
        };
        let (now_, later): (Vec<&Claim>, Vec<&Claim>) = left.iter().partition(inner);
        if now_.is_empty() {
            // A cycle of `within` (only a hand-edited file has one): remove in file order.
            edits.extend(later.iter().map(|c| Edit::RemoveClaim { id: c.id.clone() }));
            break;
        }
        edits.extend(now_.iter().map(|c| Edit::RemoveClaim { id: c.id.clone() }));
        left = later;
    }
    edits.push(Edit::RemoveDocument { id: id.to_string() });
    Some(Edit::Batch {
        what: format!("delete document {}", d.title),
        edits,
    })
}
