//! Turning what an interchange file holds (documents, registry sources, labels, claims with
//! their own ids) into one edit on a project. Shared by the JSONL and W3C imports.
//!
//! The rules, so that exporting and importing again gives the same claims:
//!
//! - Documents are matched to the project's by the SHA-256 of their (normalised) text; an
//!   unmatched document is added under its own id (a fresh one if the project uses that id for
//!   another text).
//! - Labels and registry sources are matched by id, then by name (a source also by alias);
//!   the others are created under their own ids with their names, kinds and aliases.
//! - Claims keep their ids. A claim whose id the project already has is skipped when it is the
//!   same claim (same document and fragments) and imported under a fresh id otherwise, with a
//!   warning; `within` follows the renaming.
//! - Offsets are code points into the file's text. If that text is not normalised (NFC, `\n`),
//!   it is normalised and every offset carried over. A span whose quote does not match the text
//!   at its offsets is looked for by its quote (re-anchored, with a warning); one that cannot be
//!   found is an error naming the file and the claim, and nothing is imported.

use super::{FormatError, ImportReport};
use crate::edit::Edit;
use crate::model::{
    Anchor, Claim, Document, Label, Project, Source, Span, color_for, fresh, new_id,
};
use crate::text::{self, CharMap, Placement};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What a file holds, in its own ids.
#[derive(Debug, Default)]
pub struct Incoming {
    /// Documents; `text` as it is in the file (normalised here), `sha256` ignored.
    pub documents: Vec<Document>,
    pub labels: Vec<Label>,
    pub sources: Vec<Source>,
    /// Claims; `document`, `label`, sources and `within` are ids of this file; span offsets are
    /// code points into the file's text of the document, `exact` its quote if the file gives it
    /// (empty: take the text at the offsets).
    pub claims: Vec<Claim>,
}

/// Build the edit that adds `incoming` to `p`. `format` names the format in the undo label
/// ("import jsonl FILE"); `annotator`, when given and not blank, replaces every claim's author
/// (as its slug).
pub fn plan(
    p: &Project,
    incoming: Incoming,
    path: &Path,
    format: &str,
    annotator: Option<&str>,
) -> Result<(Edit, ImportReport), FormatError> {
    let author = annotator
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(crate::model::slug);
    let author = author.as_deref();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let what = format!("import {format} {name}");
    let what = what.as_str();
    let invalid = |msg: String| FormatError::Invalid {
        path: path.to_path_buf(),
        msg,
    };
    let mut report = ImportReport::default();
    let mut edits = Vec::new();

    // Documents: file id → (project id, normalised text, raw→normalised map).
    let mut docs: HashMap<String, (String, String, Vec<usize>)> = HashMap::new();
    let mut new_docs: Vec<Document> = Vec::new();
    for mut d in incoming.documents {
        if docs.contains_key(&d.id) {
            return Err(invalid(format!(
                "the document id {:?} is used twice; each document needs its own id",
                d.id
            )));
        }
        let (norm, map) = text::normalize_mapped(&d.text);
        if norm.trim().is_empty() {
            return Err(invalid(format!(
                "document {:?} ({:?}) has no text; Claimtrace needs the article's text to place \
                 its claims",
                d.id, d.title
            )));
        }
        let sha = text::sha256_hex(&norm);
        let file_id = d.id.clone();
        let id = if let Some(m) = p.document_with_hash(&sha) {
            report.documents_matched += 1;
            m.id.clone()
        } else if let Some(m) = new_docs.iter().find(|n| n.sha256 == sha) {
            report.documents_matched += 1;
            m.id.clone()
        } else {
            let taken = |id: &str| {
                id.trim().is_empty()
                    || p.document(id).is_some()
                    || new_docs.iter().any(|n| n.id == id)
            };
            if taken(&d.id) {
                d.id = new_id();
            }
            d.text = norm.clone();
            d.sha256 = sha;
            report.documents_added += 1;
            let id = d.id.clone();
            new_docs.push(d);
            id
        };
        docs.insert(file_id, (id, norm, map));
    }

    // Labels: file id → project id.
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut new_labels: Vec<Label> = Vec::new();
    let used_labels: HashSet<&str> = incoming.claims.iter().map(|c| c.label.as_str()).collect();
    for l in incoming.labels.iter().cloned().chain(
        used_labels
            .iter()
            .filter(|u| !incoming.labels.iter().any(|l| l.id == **u))
            .map(|u| Label {
                id: u.to_string(),
                name: u.to_string(),
                color: color_for(u),
                shortcut: None,
            }),
    ) {
        if !used_labels.contains(l.id.as_str()) || labels.contains_key(&l.id) {
            continue;
        }
        let id = if let Some(found) = p.label(&l.id).or_else(|| p.find_label(&l.name)) {
            found.id.clone()
        } else if let Some(found) = new_labels
            .iter()
            .find(|n| n.id == l.id || n.name.eq_ignore_ascii_case(&l.name))
        {
            found.id.clone()
        } else {
            let mut label = l.clone();
            if label.id.trim().is_empty() {
                label.id = fresh(crate::model::slug(&label.name), |id| {
                    p.label(id).is_some() || new_labels.iter().any(|n| n.id == id)
                });
            }
            label.shortcut = None;
            report.labels_created += 1;
            let id = label.id.clone();
            new_labels.push(label);
            id
        };
        labels.insert(l.id.clone(), id);
    }

    // Sources: file id → project id. A name no source has exactly may still be one of the
    // registry's (or of this file's) by fingerprint ("Mr. Trump's" is Donald Trump's source):
    // the resolver knows both, and learns each new source.
    let mut sources: HashMap<String, String> = HashMap::new();
    let mut new_sources: Vec<Source> = Vec::new();
    let mut resolver = crate::identity::Resolver::of(&p.sources);
    for s in &incoming.sources {
        if sources.contains_key(&s.id) {
            continue;
        }
        let resolved = || {
            if s.kind == crate::model::SourceKind::Anonymous {
                return None;
            }
            s.names()
                .find_map(|n| resolver.find(n))
                .map(|f| f.id.to_string())
        };
        let id = if let Some(found) = p.source(&s.id).or_else(|| p.find_source(&s.name)) {
            found.id.clone()
        } else if let Some(found) = new_sources
            .iter()
            .find(|n| n.id == s.id || n.is_named(&s.name))
        {
            found.id.clone()
        } else if let Some(id) = resolved() {
            if let Some(n) = new_sources.iter_mut().find(|n| n.id == id) {
                // The file's other spelling stays findable as an alias.
                for name in s.names() {
                    if !n.is_named(name) {
                        n.aliases.push(name.to_string());
                    }
                }
                resolver.add(n);
            }
            id
        } else {
            let mut src = s.clone();
            if src.id.trim().is_empty() {
                src.id = fresh(crate::model::slug(&src.name), |id| {
                    p.source(id).is_some() || new_sources.iter().any(|n| n.id == id)
                });
            }
            report.sources_created += 1;
            let id = src.id.clone();
            resolver.add(&src);
            new_sources.push(src);
            id
        };
        sources.insert(s.id.clone(), id);
    }

    // Claims.
    let mut claim_ids: HashMap<String, String> = HashMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut claims: Vec<Claim> = Vec::new();
    let mut skipped = 0;
    for mut c in incoming.claims {
        let file_id = c.id.clone();
        let Some((doc_id, norm, map)) = docs.get(&c.document) else {
            return Err(invalid(format!(
                "claim {:?} belongs to document {:?}, which the file does not contain",
                c.id, c.document
            )));
        };
        let cmap = CharMap::new(norm);
        c.document = doc_id.clone();
        c.label = labels
            .get(&c.label)
            .cloned()
            .ok_or_else(|| invalid(format!("claim {:?} has no label", c.id)))?;
        let mut moved = false;
        let raw_len = map.len().saturating_sub(1);
        for span in c.spans_mut() {
            if span.start > span.end || span.end > raw_len {
                return Err(invalid(format!(
                    "claim {file_id:?}: the span {}-{} does not fit its document's text ({raw_len} \
                     characters); offsets are Unicode code points",
                    span.start, span.end
                )));
            }
            let want = Span {
                start: map[span.start],
                end: map[span.end],
                exact: text::normalize(&span.exact),
                prefix: text::normalize(&span.prefix),
                suffix: text::normalize(&span.suffix),
            };
            let at = cmap.slice(norm, want.start, want.end);
            *span = if want.exact.is_empty() || at == want.exact {
                text::make_span_with(norm, &cmap, want.start, want.end)
            } else {
                match text::reanchor(norm, &cmap, &want) {
                    Placement::Moved(s) => {
                        moved = true;
                        s
                    }
                    Placement::Exact => text::make_span_with(norm, &cmap, want.start, want.end),
                    Placement::Orphan => {
                        return Err(invalid(format!(
                            "claim {file_id:?}: the text at {}-{} is {at:?}, but the file quotes \
                             {:?}, which is not in the document either; check the offsets \
                             (Unicode code points)",
                            want.start, want.end, want.exact
                        )));
                    }
                }
            };
        }
        if moved {
            c.anchor = Anchor::Reanchored;
            report.warnings.push(format!(
                "{}: claim {file_id:?} quoted text that was not at its offsets; it was placed \
                 where the quote is (marked re-anchored)",
                path.display()
            ));
        }
        c.content.retain(|s| !s.is_empty());
        c.content.sort_by_key(|s| (s.start, s.end));
        c.content.dedup_by_key(|s| (s.start, s.end));
        if c.content.is_empty() {
            return Err(invalid(format!(
                "claim {file_id:?} has no content fragment with text"
            )));
        }
        if let Some(a) = c.attribution.as_mut() {
            for s in a.sources.iter_mut().chain(a.via.iter_mut()) {
                *s = sources.get(s.as_str()).cloned().ok_or_else(|| {
                    invalid(format!(
                        "claim {file_id:?} refers to source {s:?}, which the file does not \
                         describe"
                    ))
                })?;
            }
            // Two of the file's sources may be one registry source here.
            let mut seen = std::collections::HashSet::new();
            a.sources.retain(|s| seen.insert(s.clone()));
        }
        if let Some(a) = author {
            c.author = a.to_string();
        } else if c.author.trim().is_empty() {
            c.author = p.annotator.id.clone();
        }
        // Ids: keep them unless the project (or this file) has the id already.
        if let Some(old) = p.claim(&c.id) {
            let same = old.document == c.document
                && old
                    .content
                    .iter()
                    .map(|s| (s.start, s.end))
                    .eq(c.content.iter().map(|s| (s.start, s.end)));
            if same {
                skipped += 1;
                claim_ids.insert(file_id, old.id.clone());
                continue;
            }
            c.id = new_id();
            report.warnings.push(format!(
                "{}: the project already has a different claim with id {file_id:?}; this one was \
                 imported as {}",
                path.display(),
                c.id
            ));
        } else if c.id.trim().is_empty() || !seen.insert(c.id.clone()) {
            c.id = new_id();
        }
        seen.insert(c.id.clone());
        claim_ids.insert(file_id, c.id.clone());
        claims.push(c);
    }
    for c in &mut claims {
        if let Some(a) = c.attribution.as_mut()
            && let Some(w) = a.within.take()
        {
            match claim_ids.get(&w).or_else(|| p.claim(&w).map(|c| &c.id)) {
                Some(n) if n != &c.id => a.within = Some(n.clone()),
                _ => report.warnings.push(format!(
                    "{}: claim {:?} is nested in claim {w:?}, which is neither in the file nor \
                     in the project; imported without the nesting",
                    path.display(),
                    c.id
                )),
            }
        }
    }
    if skipped > 0 {
        report.warnings.push(format!(
            "{}: {skipped} claim(s) are already in the project (same id, same text) and were \
             skipped",
            path.display()
        ));
    }
    report.claims_added = claims.len();
    let had: HashSet<&str> = p.sources.iter().map(|s| s.id.as_str()).collect();
    report.mentions_linked = claims
        .iter()
        .filter(|c| c.sources().iter().any(|s| had.contains(s.as_str())))
        .count();

    for (k, label) in new_labels.into_iter().enumerate() {
        edits.push(Edit::InsertLabel {
            index: p.labels.len() + k,
            label,
        });
    }
    for (k, source) in new_sources.into_iter().enumerate() {
        edits.push(Edit::InsertSource {
            index: p.sources.len() + k,
            source,
        });
    }
    for (k, document) in new_docs.into_iter().enumerate() {
        edits.push(Edit::InsertDocument {
            index: p.documents.len() + k,
            document: Box::new(document),
        });
    }
    for (k, claim) in nesting_order(claims).into_iter().enumerate() {
        edits.push(Edit::InsertClaim {
            index: p.claims.len() + k,
            claim: Box::new(claim),
        });
    }
    Ok((
        Edit::Batch {
            what: what.to_string(),
            edits,
        },
        report,
    ))
}

/// Claims ordered so that a claim comes after the claim it is nested in (when both are in the
/// list), keeping the given order otherwise. A cycle is broken where it is found.
pub fn nesting_order(claims: Vec<Claim>) -> Vec<Claim> {
    let ids: HashSet<String> = claims.iter().map(|c| c.id.clone()).collect();
    let mut placed: HashSet<String> = HashSet::new();
    let mut rest = claims;
    let mut out = Vec::with_capacity(rest.len());
    while !rest.is_empty() {
        let before = rest.len();
        let mut next = Vec::new();
        for c in rest {
            let waits = c
                .attribution
                .as_ref()
                .and_then(|a| a.within.as_ref())
                .is_some_and(|w| ids.contains(w) && !placed.contains(w));
            if waits {
                next.push(c);
            } else {
                placed.insert(c.id.clone());
                out.push(c);
            }
        }
        if next.len() == before {
            // A cycle: drop the first waiting claim's nesting to break it.
            let mut c = next.remove(0);
            if let Some(a) = c.attribution.as_mut() {
                a.within = None;
            }
            placed.insert(c.id.clone());
            out.push(c);
        }
        rest = next;
    }
    out
}
