//! Every change to a project is an [`Edit`] value. [`Edit::apply`] is the one place where a
//! project changes; it returns the inverse edit, which [`History`] keeps for undo and redo.
//!
//! Higher-level operations (merge two sources, delete a document with its claims) are built in
//! [`ops`] as [`Edit::Batch`]es of these primitives, so their undo is exact too.

pub mod ops;

use crate::model::{
    Annotator, Claim, Decision, Document, Label, NotSame, Origin, Project, Rejected, Source,
};
use std::collections::HashMap;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    InsertClaim {
        index: usize,
        claim: Box<Claim>,
    },
    RemoveClaim {
        id: String,
    },
    /// Replace the claim with the same id.
    ReplaceClaim {
        claim: Box<Claim>,
    },
    InsertSource {
        index: usize,
        source: Source,
    },
    RemoveSource {
        id: String,
    },
    ReplaceSource {
        source: Source,
    },
    InsertLabel {
        index: usize,
        label: Label,
    },
    RemoveLabel {
        id: String,
    },
    ReplaceLabel {
        label: Label,
    },
    InsertDocument {
        index: usize,
        document: Box<Document>,
    },
    RemoveDocument {
        id: String,
    },
    /// Title and origin of a document (its text is never edited in place).
    SetDocumentMeta {
        id: String,
        title: String,
        origin: Box<Origin>,
    },
    /// Replace a document's text and extras as a whole (a newer version of the article).
    SetDocumentText {
        id: String,
        text: String,
        sha256: String,
        extras: Vec<String>,
    },
    SetProjectInfo {
        name: String,
        annotator: Annotator,
    },
    /// Replace the list of review decisions (see [`Project::decisions`]).
    SetDecisions {
        decisions: Vec<Decision>,
    },
    /// Replace the list of rejected suggestions (see [`Project::rejected`]).
    SetRejected {
        rejected: Vec<Rejected>,
    },
    /// Replace the pairs of sources said not to be the same (see [`Project::distinct`]).
    SetDistinct {
        distinct: Vec<NotSame>,
    },
    /// Several edits applied in order and undone in reverse, described as one.
    Batch {
        what: String,
        edits: Vec<Edit>,
    },
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum EditError {
    #[error("no {kind} with id {id:?}")]
    Missing { kind: &'static str, id: String },
    #[error("a {kind} with id {id:?} already exists")]
    Duplicate { kind: &'static str, id: String },
    #[error("{kind} {id:?} is still used by {count} claim(s); reassign them first")]
    InUse {
        kind: &'static str,
        id: String,
        count: usize,
    },
    #[error("claim {claim:?} refers to {kind} {id:?}, which does not exist")]
    Dangling {
        claim: String,
        kind: &'static str,
        id: String,
    },
    #[error("index {index} is past the end of the {kind} list ({len})")]
    Index {
        kind: &'static str,
        index: usize,
        len: usize,
    },
    #[error("a claim needs at least one fragment with text")]
    EmptyClaim,
}

fn pos<T>(
    items: &[T],
    id: &str,
    kind: &'static str,
    get: impl Fn(&T) -> &str,
) -> Result<usize, EditError> {
    crate::work::add(items.len());
    items
        .iter()
        .position(|x| get(x) == id)
        .ok_or_else(|| EditError::Missing {
            kind,
            id: id.to_string(),
        })
}

fn insert<T>(
    items: &mut Vec<T>,
    index: usize,
    item: T,
    kind: &'static str,
) -> Result<(), EditError> {
    if index > items.len() {
        return Err(EditError::Index {
            kind,
            index,
            len: items.len(),
        });
    }
    items.insert(index, item);
    Ok(())
}

impl Edit {
    /// A short description for menus ("Undo add claim").
    pub fn describe(&self) -> String {
        match self {
            Edit::InsertClaim { .. } => "add claim".into(),
            Edit::RemoveClaim { .. } => "delete claim".into(),
            Edit::ReplaceClaim { .. } => "edit claim".into(),
            Edit::InsertSource { source, .. } => format!("add source {}", source.name),
            Edit::RemoveSource { .. } => "delete source".into(),
            Edit::ReplaceSource { source } => format!("edit source {}", source.name),
            Edit::InsertLabel { label, .. } => format!("add label {}", label.name),
            Edit::RemoveLabel { .. } => "delete label".into(),
            Edit::ReplaceLabel { label } => format!("edit label {}", label.name),
            Edit::InsertDocument { document, .. } => format!("add document {}", document.title),
            Edit::RemoveDocument { .. } => "delete document".into(),
            Edit::SetDocumentMeta { title, .. } => format!("edit document {title}"),
            Edit::SetDocumentText { .. } => "update document text".into(),
            Edit::SetProjectInfo { .. } => "edit project".into(),
            Edit::SetDecisions { .. } => "record review decision".into(),
            Edit::SetRejected { .. } => "reject suggestion".into(),
            Edit::SetDistinct { .. } => "mark sources as not the same".into(),
            Edit::Batch { what, .. } => what.clone(),
        }
    }

    /// Apply the edit to `p` and return its inverse. On error the project is unchanged.
    pub fn apply(self, p: &mut Project) -> Result<Edit, EditError> {
        self.apply_in(p, None)
    }

    /// [`Self::apply`], with the project's [`Index`] when a large batch is being applied.
    fn apply_in(self, p: &mut Project, mut ix: Option<&mut Index>) -> Result<Edit, EditError> {
        match self {
            Edit::InsertClaim { index, claim } => {
                if Index::has(
                    &ix,
                    |x| &x.claims,
                    &claim.id,
                    || p.claim(&claim.id).is_some(),
                ) {
                    return Err(EditError::Duplicate {
                        kind: "claim",
                        id: claim.id,
                    });
                }
                check_claim(p, &claim, &ix)?;
                let id = claim.id.clone();
                insert(&mut p.claims, index, *claim, "claim")?;
                if let Some(ix) = ix.as_deref_mut() {
                    ix.add_claim(&p.claims[index], 1);
                }
                Ok(Edit::RemoveClaim { id })
            }
            Edit::RemoveClaim { id } => {
                let i = Index::pos(&ix, |x| &x.claims, &p.claims, &id, "claim", |c| &c.id)?;
                let users = match ix.as_deref() {
                    Some(ix) => Index::count(&ix.nested, &id),
                    None => p
                        .claims
                        .iter()
                        .filter(|c| {
                            c.attribution.as_ref().and_then(|a| a.within.as_deref())
                                == Some(id.as_str())
                        })
                        .count(),
                };
                if users > 0 {
                    return Err(EditError::InUse {
                        kind: "claim",
                        id,
                        count: users,
                    });
                }
                let claim = p.claims.remove(i);
                if let Some(ix) = ix.as_deref_mut() {
                    ix.add_claim(&claim, -1);
                }
                Ok(Edit::InsertClaim {
                    index: i,
                    claim: Box::new(claim),
                })
            }
            Edit::ReplaceClaim { claim } => {
                let i = Index::pos(&ix, |x| &x.claims, &p.claims, &claim.id, "claim", |c| &c.id)?;
                check_claim(p, &claim, &ix)?;
                let old = std::mem::replace(&mut p.claims[i], *claim);
                if let Some(ix) = ix.as_deref_mut() {
                    ix.add_claim(&old, -1);
                    ix.add_claim(&p.claims[i], 1);
                }
                Ok(Edit::ReplaceClaim {
                    claim: Box::new(old),
                })
            }
            Edit::InsertSource { index, source } => {
                if Index::has(
                    &ix,
                    |x| &x.sources,
                    &source.id,
                    || p.source(&source.id).is_some(),
                ) {
                    return Err(EditError::Duplicate {
                        kind: "source",
                        id: source.id,
                    });
                }
                let id = source.id.clone();
                insert(&mut p.sources, index, source, "source")?;
                if let Some(ix) = ix.as_deref_mut() {
                    Index::bump(&mut ix.sources, &id, 1);
                }
                Ok(Edit::RemoveSource { id })
            }
            Edit::RemoveSource { id } => {
                let i = Index::pos(&ix, |x| &x.sources, &p.sources, &id, "source", |s| &s.id)?;
                let users = match ix.as_deref() {
                    Some(ix) => Index::count(&ix.source_users, &id),
                    None => p.claims.iter().filter(|c| c.names_source(&id)).count(),
                };
                if users > 0 {
                    return Err(EditError::InUse {
                        kind: "source",
                        id,
                        count: users,
                    });
                }
                let source = p.sources.remove(i);
                if let Some(ix) = ix.as_deref_mut() {
                    Index::bump(&mut ix.sources, &id, -1);
                }
                Ok(Edit::InsertSource { index: i, source })
            }
            Edit::ReplaceSource { source } => {
                let i = Index::pos(
                    &ix,
                    |x| &x.sources,
                    &p.sources,
                    &source.id,
                    "source",
                    |s| &s.id,
                )?;
                let old = std::mem::replace(&mut p.sources[i], source);
                Ok(Edit::ReplaceSource { source: old })
            }
            Edit::InsertLabel { index, label } => {
                if Index::has(
                    &ix,
                    |x| &x.labels,
                    &label.id,
                    || p.label(&label.id).is_some(),
                ) {
                    return Err(EditError::Duplicate {
                        kind: "label",
                        id: label.id,
                    });
                }
                let id = label.id.clone();
                insert(&mut p.labels, index, label, "label")?;
                if let Some(ix) = ix.as_deref_mut() {
                    Index::bump(&mut ix.labels, &id, 1);
                }
                Ok(Edit::RemoveLabel { id })
            }
            Edit::RemoveLabel { id } => {
                let i = Index::pos(&ix, |x| &x.labels, &p.labels, &id, "label", |l| &l.id)?;
                let users = match ix.as_deref() {
                    Some(ix) => Index::count(&ix.label_users, &id),
                    None => p.claims.iter().filter(|c| c.label == id).count(),
                };
                if users > 0 {
                    return Err(EditError::InUse {
                        kind: "label",
                        id,
                        count: users,
                    });
                }
                let label = p.labels.remove(i);
                if let Some(ix) = ix.as_deref_mut() {
                    Index::bump(&mut ix.labels, &id, -1);
                }
                Ok(Edit::InsertLabel { index: i, label })
            }
            Edit::ReplaceLabel { label } => {
                let i = Index::pos(&ix, |x| &x.labels, &p.labels, &label.id, "label", |l| &l.id)?;
                let old = std::mem::replace(&mut p.labels[i], label);
                Ok(Edit::ReplaceLabel { label: old })
            }
            Edit::InsertDocument { index, document } => {
                if Index::has(
                    &ix,
                    |x| &x.documents,
                    &document.id,
                    || p.document(&document.id).is_some(),
                ) {
                    return Err(EditError::Duplicate {
                        kind: "document",
                        id: document.id,
                    });
                }
                let id = document.id.clone();
                insert(&mut p.documents, index, *document, "document")?;
                if let Some(ix) = ix.as_deref_mut() {
                    Index::bump(&mut ix.documents, &id, 1);
                }
                Ok(Edit::RemoveDocument { id })
            }
            Edit::RemoveDocument { id } => {
                let i = Index::pos(
                    &ix,
                    |x| &x.documents,
                    &p.documents,
                    &id,
                    "document",
                    |d| &d.id,
                )?;
                let users = match ix.as_deref() {
                    Some(ix) => Index::count(&ix.document_users, &id),
                    None => p.claims.iter().filter(|c| c.document == id).count(),
                };
                if users > 0 {
                    return Err(EditError::InUse {
                        kind: "document",
                        id,
                        count: users,
                    });
                }
                let document = p.documents.remove(i);
                if let Some(ix) = ix.as_deref_mut() {
                    Index::bump(&mut ix.documents, &id, -1);
                }
                Ok(Edit::InsertDocument {
                    index: i,
                    document: Box::new(document),
                })
            }
            Edit::SetDocumentMeta { id, title, origin } => {
                let i = Index::pos(
                    &ix,
                    |x| &x.documents,
                    &p.documents,
                    &id,
                    "document",
                    |d| &d.id,
                )?;
                let d = &mut p.documents[i];
                let old_title = std::mem::replace(&mut d.title, title);
                let old_origin = std::mem::replace(&mut d.origin, *origin);
                Ok(Edit::SetDocumentMeta {
                    id,
                    title: old_title,
                    origin: Box::new(old_origin),
                })
            }
            Edit::SetDocumentText {
                id,
                text,
                sha256,
                extras,
            } => {
                let i = Index::pos(
                    &ix,
                    |x| &x.documents,
                    &p.documents,
                    &id,
                    "document",
                    |d| &d.id,
                )?;
                let d = &mut p.documents[i];
                let text = std::mem::replace(&mut d.text, text);
                let sha256 = std::mem::replace(&mut d.sha256, sha256);
                let extras = std::mem::replace(&mut d.extras, extras);
                Ok(Edit::SetDocumentText {
                    id,
                    text,
                    sha256,
                    extras,
                })
            }
            Edit::SetProjectInfo { name, annotator } => {
                let name = std::mem::replace(&mut p.name, name);
                let annotator = std::mem::replace(&mut p.annotator, annotator);
                Ok(Edit::SetProjectInfo { name, annotator })
            }
            Edit::SetDecisions { decisions } => {
                let old = std::mem::replace(&mut p.decisions, decisions);
                Ok(Edit::SetDecisions { decisions: old })
            }
            Edit::SetRejected { rejected } => {
                let old = std::mem::replace(&mut p.rejected, rejected);
                Ok(Edit::SetRejected { rejected: old })
            }
            Edit::SetDistinct { distinct } => {
                let old = std::mem::replace(&mut p.distinct, distinct);
                Ok(Edit::SetDistinct { distinct: old })
            }
            Edit::Batch { what, edits } => {
                // A large batch (an import, an undone import) keeps the project's ids in an
                // index while it runs, so each edit's checks are lookups, not scans.
                let mut own = None;
                if ix.is_none() && edits.len() >= Index::WORTH_IT {
                    own = Some(Index::of(p));
                }
                let mut ix = ix.or(own.as_mut());
                // Room for the claims it adds at once (an import), not by repeated doubling.
                let inserts = edits
                    .iter()
                    .filter(|e| matches!(e, Edit::InsertClaim { .. }))
                    .count();
                p.claims.reserve(inserts);
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    match e.apply_in(p, ix.as_deref_mut()) {
                        Ok(inv) => inverses.push(inv),
                        Err(err) => {
                            // Roll back what was applied so the project is unchanged.
                            for inv in inverses.into_iter().rev() {
                                let _ = inv.apply_in(p, ix.as_deref_mut());
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch {
                    what,
                    edits: inverses,
                })
            }
        }
    }
}

type Counts = HashMap<String, usize>;

/// How many of each id a project has, and how many claims use each document, label, source
/// and claim (as the claim they nest in): kept up to date while a large [`Edit::Batch`] is
/// applied, so every edit's checks are lookups instead of scans of the whole project (an
/// import of 100,000 claims would otherwise compare each new claim with all before it).
#[derive(Debug, Default)]
struct Index {
    claims: Counts,
    documents: Counts,
    labels: Counts,
    sources: Counts,
    document_users: Counts,
    label_users: Counts,
    /// Claims naming the source (as a source or as the intermediary; a claim counts once).
    source_users: Counts,
    /// Claims nested in the claim (`attribution.within`).
    nested: Counts,
}

impl Index {
    /// Below this many edits, a batch's scans cost less than building the index.
    const WORTH_IT: usize = 32;

    fn of(p: &Project) -> Index {
        let mut ix = Index::default();
        for d in &p.documents {
            Index::bump(&mut ix.documents, &d.id, 1);
        }
        for l in &p.labels {
            Index::bump(&mut ix.labels, &l.id, 1);
        }
        for s in &p.sources {
            Index::bump(&mut ix.sources, &s.id, 1);
        }
        for c in &p.claims {
            ix.add_claim(c, 1);
        }
        ix
    }

    fn bump(counts: &mut Counts, id: &str, by: isize) {
        crate::work::add(1);
        if by > 0 {
            match counts.get_mut(id) {
                Some(n) => *n += by as usize,
                None => {
                    counts.insert(id.to_string(), by as usize);
                }
            }
        } else if let Some(n) = counts.get_mut(id) {
            *n = n.saturating_sub(by.unsigned_abs());
            if *n == 0 {
                counts.remove(id);
            }
        }
    }

    fn count(counts: &Counts, id: &str) -> usize {
        crate::work::add(1);
        counts.get(id).copied().unwrap_or(0)
    }

    /// Count a claim in (`by` 1) or out (`by` -1).
    fn add_claim(&mut self, c: &Claim, by: isize) {
        Index::bump(&mut self.claims, &c.id, by);
        Index::bump(&mut self.document_users, &c.document, by);
        Index::bump(&mut self.label_users, &c.label, by);
        if let Some(a) = &c.attribution {
            let mut named: Vec<&str> = a
                .sources
                .iter()
                .chain(a.via.iter())
                .map(String::as_str)
                .collect();
            named.sort_unstable();
            named.dedup();
            for s in named {
                Index::bump(&mut self.source_users, s, by);
            }
            if let Some(w) = &a.within {
                Index::bump(&mut self.nested, w, by);
            }
        }
    }

    /// Is `id` in the list `pick` chooses (by the index, or by `scan` without one)?
    fn has(
        ix: &Option<&mut Index>,
        pick: fn(&Index) -> &Counts,
        id: &str,
        scan: impl FnOnce() -> bool,
    ) -> bool {
        match ix.as_deref() {
            Some(ix) => Index::count(pick(ix), id) > 0,
            None => scan(),
        }
    }

    /// The position of the item with `id`: the first one, as [`pos`]. With the index, an id
    /// that occurs once is looked for from the end, where batches add and undo removes.
    fn pos<T>(
        ix: &Option<&mut Index>,
        pick: fn(&Index) -> &Counts,
        items: &[T],
        id: &str,
        kind: &'static str,
        get: impl Fn(&T) -> &str,
    ) -> Result<usize, EditError> {
        match ix.as_deref() {
            Some(ix) if Index::count(pick(ix), id) == 1 => {
                let found = items.iter().rposition(|x| get(x) == id);
                crate::work::add(found.map_or(items.len(), |i| items.len() - i));
                found.ok_or_else(|| EditError::Missing {
                    kind,
                    id: id.to_string(),
                })
            }
            _ => pos(items, id, kind, get),
        }
    }
}

/// A claim may only refer to things that exist.
fn check_claim(p: &Project, c: &Claim, ix: &Option<&mut Index>) -> Result<(), EditError> {
    if c.content.is_empty() || c.content.iter().all(|s| s.is_empty()) {
        return Err(EditError::EmptyClaim);
    }
    let dangling = |kind: &'static str, id: &str| EditError::Dangling {
        claim: c.id.clone(),
        kind,
        id: id.to_string(),
    };
    if !Index::has(
        ix,
        |x| &x.documents,
        &c.document,
        || p.document(&c.document).is_some(),
    ) {
        return Err(dangling("document", &c.document));
    }
    if !Index::has(ix, |x| &x.labels, &c.label, || p.label(&c.label).is_some()) {
        return Err(dangling("label", &c.label));
    }
    if let Some(a) = &c.attribution {
        for s in a.sources.iter().chain(a.via.iter()) {
            if !Index::has(ix, |x| &x.sources, s, || p.source(s).is_some()) {
                return Err(dangling("source", s));
            }
        }
        if let Some(w) = &a.within
            && (w == &c.id || !Index::has(ix, |x| &x.claims, w, || p.claim(w).is_some()))
        {
            return Err(dangling("claim", w));
        }
    }
    Ok(())
}

/// Undo and redo over applied edits, and whether the project differs from its saved state.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<(u64, Edit)>,
    redo: Vec<(u64, Edit)>,
    next_seq: u64,
    /// The sequence number on top of the undo stack when last saved (0: nothing applied).
    saved_at: Option<u64>,
}

impl History {
    pub fn new() -> Self {
        History {
            saved_at: Some(0),
            next_seq: 1,
            ..Default::default()
        }
    }

    fn top(&self) -> u64 {
        self.undo.last().map(|(s, _)| *s).unwrap_or(0)
    }

    /// Apply an edit and remember its inverse. Clears the redo stack.
    pub fn apply(&mut self, p: &mut Project, edit: Edit) -> Result<(), EditError> {
        let inverse = edit.apply(p)?;
        let seq = self.next_seq;
        self.next_seq += 1;
        self.undo.push((seq, inverse));
        self.redo.clear();
        Ok(())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What undo would revert, described by the edit it reverts ("add claim").
    pub fn undo_label(&self) -> Option<String> {
        self.redo_label_of(self.undo.last())
    }

    /// What redo would re-apply.
    pub fn redo_label(&self) -> Option<String> {
        self.redo_label_of(self.redo.last())
    }

    fn redo_label_of(&self, e: Option<&(u64, Edit)>) -> Option<String> {
        e.map(|(_, e)| describe_inverse(e))
    }

    pub fn undo(&mut self, p: &mut Project) -> Result<bool, EditError> {
        let Some((seq, edit)) = self.undo.pop() else {
            return Ok(false);
        };
        match edit.clone().apply(p) {
            Ok(inv) => {
                self.redo.push((seq, inv));
                Ok(true)
            }
            Err(e) => {
                self.undo.push((seq, edit));
                Err(e)
            }
        }
    }

    pub fn redo(&mut self, p: &mut Project) -> Result<bool, EditError> {
        let Some((seq, edit)) = self.redo.pop() else {
            return Ok(false);
        };
        match edit.clone().apply(p) {
            Ok(inv) => {
                self.undo.push((seq, inv));
                Ok(true)
            }
            Err(e) => {
                self.redo.push((seq, edit));
                Err(e)
            }
        }
    }

    /// Record that the project as it now stands is saved.
    pub fn mark_saved(&mut self) {
        self.saved_at = Some(self.top());
    }

    /// Record that the project was never saved (e.g. recovered from autosave).
    pub fn mark_unsaved(&mut self) {
        self.saved_at = None;
    }

    /// Does the project differ from what was last saved?
    pub fn is_dirty(&self) -> bool {
        self.saved_at != Some(self.top())
    }

    /// A counter that changes whenever the project changes (for caches and autosave).
    pub fn version(&self) -> (u64, usize) {
        (self.top(), self.undo.len())
    }
}

/// The stacks hold inverses; describe the original action they stand for.
fn describe_inverse(inv: &Edit) -> String {
    match inv {
        Edit::RemoveClaim { .. } => "add claim".into(),
        Edit::InsertClaim { .. } => "delete claim".into(),
        Edit::RemoveSource { .. } => "add source".into(),
        Edit::InsertSource { source, .. } => format!("delete source {}", source.name),
        Edit::RemoveLabel { .. } => "add label".into(),
        Edit::InsertLabel { label, .. } => format!("delete label {}", label.name),
        Edit::RemoveDocument { .. } => "add document".into(),
        Edit::InsertDocument { document, .. } => format!("delete document {}", document.title),
        other => other.describe(),
    }
}

#[cfg(test)]
mod tests;
