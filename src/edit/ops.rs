//! Edits built from the project's current state: what the GUI, the command line and the
//! importers ask for. Each returns an [`Edit`] to apply (usually through a `History`); none
//! changes the project itself.

use super::Edit;
use crate::model::{
    Attribution, Claim, Document, Label, Origin, Project, Review, Source, SourceKind, Span, new_id,
    now,
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
        agreed_by: Vec::new(),
        unresolved: None,
        reviews: Vec::new(),
        origin: Default::default(),
        brat: None,
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

/// Record `review` on a claim, replacing that reviewer's earlier note (a reviewer has at most
/// one note per claim). The claim's modified time is kept: a review is not an edit of the
/// annotation. `None` if there is no such claim or the note is already there.
pub fn set_review(p: &Project, id: &str, review: Review) -> Option<Edit> {
    let old = p.claim(id)?;
    let mut c = old.clone();
    match c.reviews.iter_mut().find(|r| r.reviewer == review.reviewer) {
        Some(r) => *r = review,
        None => c.reviews.push(review),
    }
    if &c == old {
        return None;
    }
    Some(Edit::Batch {
        what: "review claim".into(),
        edits: vec![Edit::ReplaceClaim { claim: Box::new(c) }],
    })
}

/// Remove `reviewer`'s note from a claim. `None` if there is no such claim or note.
pub fn clear_review(p: &Project, id: &str, reviewer: &str) -> Option<Edit> {
    let old = p.claim(id)?;
    old.review_by(reviewer)?;
    let mut c = old.clone();
    c.reviews.retain(|r| r.reviewer != reviewer);
    Some(Edit::Batch {
        what: "remove review".into(),
        edits: vec![Edit::ReplaceClaim { claim: Box::new(c) }],
    })
}

/// Mark the competing claims of unresolved group `group` as settled (clears their
/// `unresolved` marker); `None` if no claim carries it.
pub fn resolve_group(p: &Project, group: &str) -> Option<Edit> {
    let edits: Vec<Edit> = p
        .claims
        .iter()
        .filter(|c| c.unresolved.as_deref() == Some(group))
        .map(|c| {
            let mut c = c.clone();
            c.unresolved = None;
            Edit::ReplaceClaim { claim: Box::new(c) }
        })
        .collect();
    if edits.is_empty() {
        return None;
    }
    Some(Edit::Batch {
        what: "mark disagreement resolved".into(),
        edits,
    })
}

/// The attribution of a claim, creating an empty one if needed.
pub fn attribution_mut(c: &mut Claim) -> &mut Attribution {
    c.attribution.get_or_insert_with(Attribution::default)
}

/// Set the source mention of a claim to `start..end`, and, if given, the source it names: a
/// claim with no source or one source gets `source` as its only source (a new mention corrects
/// the old one); a joint claim (several sources) gets it added if it is not already one of them.
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
        if let Some(s) = source
            && !a.sources.iter().any(|x| x == s)
        {
            if a.sources.len() <= 1 {
                a.sources.clear();
            }
            a.sources.push(s.to_string());
        }
    })
}

/// Make chars `start..end` the claim's source mention and `sources` its sources (replacing
/// any), adding `tag` to its tags when given (e.g. "check: source from pronoun"). One edit.
pub fn set_mention_sources(
    p: &Project,
    id: &str,
    (start, end): (usize, usize),
    sources: &[String],
    tag: Option<&str>,
) -> Option<Edit> {
    let c = p.claim(id)?;
    let text = &p.document(&c.document)?.text;
    let mention = spans(text, &[(start, end)]);
    update_claim(p, id, "set source mention", |c| {
        let a = attribution_mut(c);
        a.mention = mention;
        a.sources.clear();
        for s in sources {
            if !a.sources.contains(s) {
                a.sources.push(s.clone());
            }
        }
        if let Some(t) = tag
            && !c.tags.iter().any(|x| x == t)
        {
            c.tags.push(t.to_string());
        }
    })
}

/// Add registry source `source` to a claim's sources (making it joint if it had one already).
/// `None` when the claim or source does not exist or the claim already has it.
pub fn add_claim_source(p: &Project, id: &str, source: &str) -> Option<Edit> {
    let name = &p.source(source)?.name;
    if p.claim(id)?.has_source(source) {
        return None;
    }
    update_claim(p, id, &format!("add source {name}"), |c| {
        attribution_mut(c).sources.push(source.to_string())
    })
}

/// Remove `source` from a claim's sources (the registry keeps it).
pub fn remove_claim_source(p: &Project, id: &str, source: &str) -> Option<Edit> {
    if !p.claim(id)?.has_source(source) {
        return None;
    }
    let name = p.source(source).map(|s| s.name.as_str()).unwrap_or(source);
    update_claim(p, id, &format!("remove source {name}"), |c| {
        attribution_mut(c).sources.retain(|s| s != source)
    })
}

/// Replace a claim's sources with `sources` (duplicates dropped, order kept).
pub fn set_claim_sources(p: &Project, id: &str, sources: &[String]) -> Option<Edit> {
    let mut list: Vec<String> = Vec::new();
    for s in sources {
        if !list.contains(s) {
            list.push(s.clone());
        }
    }
    update_claim(p, id, "set sources", |c| attribution_mut(c).sources = list)
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
        if a.sources.iter().any(|s| s == other) || a.via.as_deref() == Some(other) {
            let mut c = c.clone();
            if let Some(a) = c.attribution.as_mut() {
                // A joint claim of both keeps `keep` once.
                let mut list: Vec<String> = Vec::new();
                for s in &a.sources {
                    let s = if s == other { keep } else { s.as_str() };
                    if !list.iter().any(|x| x == s) {
                        list.push(s.to_string());
                    }
                }
                a.sources = list;
                if a.via.as_deref() == Some(other) {
                    a.via = Some(keep.to_string());
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
        if a.sources.iter().any(|s| s == id) || a.via.as_deref() == Some(id) {
            let mut c = c.clone();
            if let Some(a) = c.attribution.as_mut() {
                a.sources.retain(|s| s != id);
                if a.via.as_deref() == Some(id) {
                    a.via = None;
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

/// What replacing a document's text did to its claims.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateReport {
    /// Claims whose spans all sit where they were (context refreshed if it changed).
    pub unchanged: usize,
    /// Claims with at least one span moved to where its quote now is.
    pub moved: usize,
    /// Claims with at least one span that could not be placed; their old spans are kept.
    pub orphaned: usize,
    /// Ids of the moved claims, in project order.
    pub moved_ids: Vec<String>,
    /// Ids of the orphaned claims, in project order.
    pub orphaned_ids: Vec<String>,
}

/// Replace document `doc_id`'s text with a newer version of the article and carry every claim
/// of it over by re-anchoring its spans (content, mention, cue) against the new text.
///
/// `new_text` is normalised here and its SHA-256 recomputed. Claims whose spans all still fit
/// keep their offsets (with refreshed context) and anchor state; claims with a moved span are
/// marked [`Anchor::Reanchored`](crate::model::Anchor::Reanchored); claims with a span that
/// cannot be placed are marked [`Anchor::Orphaned`](crate::model::Anchor::Orphaned) and keep
/// that span as it was. No claim is dropped. One [`Edit::Batch`], so undo restores the project
/// exactly. `None` if there is no such document or the text is the same as now.
pub fn update_document_text(
    p: &Project,
    doc_id: &str,
    new_text: &str,
) -> Option<(Edit, UpdateReport)> {
    use crate::model::Anchor;
    use crate::model::reanchor_claim;
    use crate::text::{normalize, sha256_hex, span_fits};
    let doc = p.document(doc_id)?;
    let text = normalize(new_text);
    if text == doc.text {
        return None;
    }
    let map = CharMap::new(&text);
    let mut report = UpdateReport::default();
    let mut edits = vec![Edit::SetDocumentText {
        id: doc_id.to_string(),
        sha256: sha256_hex(&text),
        text: text.clone(),
        extras: doc.extras.clone(),
    }];
    for old in p.claims_of(doc_id) {
        let mut c = old.clone();
        let state = reanchor_claim(&text, &map, &mut c);
        // Spans that fit get their context from the new text, for the next re-anchoring.
        for s in c.spans_mut() {
            if span_fits(&text, &map, s) {
                *s = make_span_with(&text, &map, s.start, s.end);
            }
        }
        match state {
            Anchor::Exact => {
                report.unchanged += 1;
                if c.anchor == Anchor::Orphaned {
                    c.anchor = Anchor::Exact;
                }
            }
            Anchor::Reanchored => {
                report.moved += 1;
                report.moved_ids.push(c.id.clone());
                c.anchor = Anchor::Reanchored;
                c.modified = now().max(old.modified);
            }
            Anchor::Orphaned => {
                report.orphaned += 1;
                report.orphaned_ids.push(c.id.clone());
                c.anchor = Anchor::Orphaned;
                c.modified = now().max(old.modified);
            }
        }
        if &c != old {
            edits.push(Edit::ReplaceClaim { claim: Box::new(c) });
        }
    }
    let edit = Edit::Batch {
        what: format!("update document {}", doc.title),
        edits,
    };
    Some((edit, report))
}

#[cfg(test)]
mod update_tests {
    use super::*;
    use crate::model::{Anchor, Annotator};
    use proptest::prelude::*;

    fn project_with(text: &str) -> Project {
        let mut p = Project::new("t", Annotator::named("Ana"));
        let origin = Origin {
            imported: "2026-01-01T00:00:00Z".parse().unwrap(),
            extractor: "txt".into(),
            ..Default::default()
        };
        p.documents
            .push(Document::new("doc", text.to_string(), origin));
        p
    }

    fn claim_over(p: &mut Project, start: usize, end: usize) -> String {
        let doc = p.documents[0].id.clone();
        let label = p.labels[0].id.clone();
        let c = new_claim(p, &doc, &label, &[(start, end)]).unwrap();
        let id = c.id.clone();
        p.claims.push(c);
        id
    }

    #[test]
    fn claims_move_with_their_quotes_and_vanished_ones_are_orphaned() {
        let old = "Amnesty said the numbers rose. Officials denied it on Tuesday.";
        let mut p = project_with(old);
        let rose = claim_over(&mut p, 13, 29); // "the numbers rose"
        let denied = claim_over(&mut p, 31, 61); // "Officials denied it on Tuesday"
        let said = claim_over(&mut p, 8, 12); // "said"
        let before = p.clone();
        let doc = p.documents[0].id.clone();
        let new = "Breaking.\n\nAmnesty said the numbers rose. The ministry was silent.";
        let (edit, report) = update_document_text(&p, &doc, new).unwrap();
        let inverse = edit.apply(&mut p).unwrap();
        assert_eq!(p.documents[0].text, new);
        assert_eq!(p.documents[0].sha256, crate::text::sha256_hex(new));
        assert_eq!(report.unchanged, 0);
        assert_eq!(report.moved, 2);
        assert_eq!(report.orphaned, 1);
        assert_eq!(report.moved_ids, vec![rose.clone(), said.clone()]);
        assert_eq!(report.orphaned_ids, vec![denied.clone()]);
        let c = p.claim(&rose).unwrap();
        assert_eq!((c.content[0].start, c.content[0].end), (24, 40));
        assert_eq!(c.content[0].prefix, "Breaking.\n\nAmnesty said ");
        assert_eq!(c.anchor, Anchor::Reanchored);
        let c = p.claim(&denied).unwrap();
        assert_eq!(c.anchor, Anchor::Orphaned);
        // The orphan keeps its old span.
        assert_eq!(c.content, before.claim(&denied).unwrap().content);
        assert_eq!(p.claims.len(), 3);
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn same_text_or_unknown_document_is_none_and_text_is_normalised() {
        let mut p = project_with("Café au lait.");
        let doc = p.documents[0].id.clone();
        claim_over(&mut p, 0, 4);
        assert!(update_document_text(&p, &doc, "Café au lait.").is_none());
        // The same text in decomposed form with CRLF is the same text once normalised.
        assert!(update_document_text(&p, &doc, "Cafe\u{301} au lait.").is_none());
        assert!(update_document_text(&p, "nope", "x").is_none());
        let (edit, report) =
            update_document_text(&p, &doc, "Cafe\u{301} au lait.\r\nMore.").unwrap();
        edit.apply(&mut p).unwrap();
        assert_eq!(p.documents[0].text, "Café au lait.\nMore.");
        assert_eq!(report.unchanged, 1);
        assert_eq!(p.claims[0].content[0].suffix, " au lait.\nMore.");
    }

    const WORDS: &[&str] = &[
        "Amnesty",
        "said",
        "the",
        "number",
        "of",
        "prisoners",
        "rose",
        "Reuters",
        "reported",
        "officials",
        "“no”",
        "Bộ",
        "Ngoại",
        "giao",
        "👍🏽",
        "on",
        "Tuesday",
        "crackdown",
        "online",
        "activists",
        "jailed",
        "record",
        "high",
        "report",
        "police",
        "denied",
        "it",
        "Hà",
        "Nội",
    ];

    fn words(n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<usize>> {
        proptest::collection::vec(0..WORDS.len(), n)
    }

    fn join(ws: &[usize], seps: &[usize]) -> Vec<char> {
        let mut out = String::new();
        for (i, w) in ws.iter().enumerate() {
            if i > 0 {
                out.push_str([" ", " ", ", ", ". ", "\n\n"][seps.get(i).copied().unwrap_or(0) % 5]);
            }
            out.push_str(WORDS[*w]);
        }
        out.chars().collect()
    }

    #[derive(Debug, Clone)]
    enum TextEdit {
        Insert(usize, Vec<usize>),
        Delete(usize, usize),
        Replace(usize, usize, Vec<usize>),
    }

    fn text_edit() -> impl Strategy<Value = TextEdit> {
        prop_oneof![
            (any::<usize>(), words(1..6)).prop_map(|(a, w)| TextEdit::Insert(a, w)),
            (any::<usize>(), 1..30usize).prop_map(|(a, n)| TextEdit::Delete(a, n)),
            (any::<usize>(), 1..30usize, words(1..4))
                .prop_map(|(a, n, w)| TextEdit::Replace(a, n, w)),
        ]
    }

    fn apply_text_edit(text: &mut Vec<char>, e: &TextEdit) {
        let at = |a: usize, t: &Vec<char>| a % (t.len() + 1);
        match e {
            TextEdit::Insert(a, w) => {
                let i = at(*a, text);
                let mut ins = vec![' '];
                ins.extend(join(w, &[]));
                ins.push(' ');
                text.splice(i..i, ins);
            }
            TextEdit::Delete(a, n) => {
                let i = at(*a, text);
                let j = (i + n).min(text.len());
                text.drain(i..j);
            }
            TextEdit::Replace(a, n, w) => {
                let i = at(*a, text);
                let j = (i + n).min(text.len());
                text.splice(i..j, join(w, &[]));
            }
        }
    }

    /// Char offsets of every (possibly overlapping) occurrence of `needle` in `hay`.
    fn occurrences(hay: &[char], needle: &[char]) -> Vec<usize> {
        if needle.is_empty() || needle.len() > hay.len() {
            return Vec::new();
        }
        (0..=hay.len() - needle.len())
            .filter(|&i| hay[i..i + needle.len()] == *needle)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn random_edits_carry_every_claim_over(
            ws in words(8..60),
            seps in proptest::collection::vec(0..5usize, 60),
            ranges in proptest::collection::vec((any::<usize>(), 1..40usize), 1..8),
            text_edits in proptest::collection::vec(text_edit(), 1..5),
        ) {
            let old: Vec<char> = join(&ws, &seps);
            let old_text: String = old.iter().collect();
            let mut p = project_with(&old_text);
            // Claims over ranges whose quote has some non-space text (a real selection).
            for (a, n) in &ranges {
                let s = a % old.len();
                let e = (s + n).min(old.len());
                let q: String = old[s..e].iter().collect();
                if q.trim().is_empty() {
                    continue;
                }
                claim_over(&mut p, s, e);
            }
            let mut new = old.clone();
            for e in &text_edits {
                apply_text_edit(&mut new, e);
            }
            let new_text: String = new.iter().collect();
            prop_assume!(crate::text::normalize(&new_text) == new_text);
            let before = p.clone();
            let doc = p.documents[0].id.clone();
            let Some((edit, report)) = update_document_text(&p, &doc, &new_text) else {
                prop_assert_eq!(&new_text, &old_text);
                return Ok(());
            };
            let inverse = edit.apply(&mut p).unwrap();
            prop_assert_eq!(p.claims.len(), before.claims.len());
            prop_assert_eq!(report.unchanged + report.moved + report.orphaned, p.claims.len());
            let map = CharMap::new(&new_text);
            for (old_c, c) in before.claims.iter().zip(&p.claims) {
                prop_assert_eq!(&old_c.id, &c.id);
                let quote: Vec<char> = old_c.content[0].exact.chars().collect();
                let found = occurrences(&new, &quote);
                let span = &c.content[0];
                if found.len() == 1 {
                    prop_assert_eq!((span.start, span.end), (found[0], found[0] + quote.len()));
                    prop_assert_eq!(&span.exact, &old_c.content[0].exact);
                    prop_assert_ne!(c.anchor, Anchor::Orphaned);
                } else if !crate::text::span_fits(&new_text, &map, &old_c.content[0]) {
                    // The quote is not where it was: the claim moved (its span fits the new
                    // text) or is an orphan that keeps its old span.
                    match c.anchor {
                        Anchor::Reanchored => {
                            prop_assert!(crate::text::span_fits(&new_text, &map, span));
                        }
                        Anchor::Orphaned => prop_assert_eq!(&c.content, &old_c.content),
                        Anchor::Exact => prop_assert!(false, "claim {} left Exact", c.id),
                    }
                }
            }
            inverse.apply(&mut p).unwrap();
            prop_assert_eq!(p, before);
        }
    }
}
