//! W3C Web Annotation (JSON-LD): an `AnnotationCollection` with one `Annotation` per claim.
//! `claimtrace import --format w3c` reads it back.
//!
//! The shape (see the README's Export section for an example):
//!
//! - The collection: `@context` is `["http://www.w3.org/ns/anno.jsonld", {…}]`, the Web
//!   Annotation context first and then a small context for Claimtrace's own terms (`documents`,
//!   `role`, `kind`, `aliases`, `sha256`, …, under `urn:claimtrace:vocab:`); `type`
//!   `AnnotationCollection`, `label` (the project's name), `total`, `generator`, `generated`,
//!   `documents` and `first`, an `AnnotationPage` whose `items` are the annotations. Each
//!   annotation carries the same `@context` (the test suite reads each on its own).
//! - `documents` carries each article so the collection stands on its own: `id`
//!   (`urn:claimtrace:document:<id>`), `type` `Text`, `format` `text/plain`, `title`, `sha256`,
//!   `url`, … and `value`, the normalised text the offsets count in.
//! - An annotation: `id` `urn:claimtrace:claim:<id>`, `motivation` `tagging`, `creator`
//!   (`{id: urn:claimtrace:annotator:<id>, type: Person, nickname}`), `created`, `modified`.
//!   Its `target` is a `SpecificResource` whose `source` is the document's IRI, with a
//!   `TextQuoteSelector` (`exact`, `prefix`, `suffix`, 32 chars of context) and a
//!   `TextPositionSelector` (`start`, `end` in Unicode code points); a discontinuous claim has
//!   one target per fragment.
//! - Its bodies: the label (`TextualBody`, purpose `tagging`, `value` the label's name,
//!   `labelId` `urn:claimtrace:label:<id>`; no `id`, which would make it an External Web
//!   Resource that may not have a purpose); each of the claim's sources, in order (several for a joint
//!   attribution), and the intermediary (`SpecificResource`, purpose `identifying`, `role`
//!   `source` or `via`, whose `source` is
//!   `{id: urn:claimtrace:source:<id>, type: Person|Organization (when it is one), name, kind,
//!   aliases, note}`); the mention and the cue (`SpecificResource`, purpose `describing`, `role`
//!   `mention` or `cue`, with the same two selectors over the document); the outer claim
//!   (`SpecificResource`, purpose `linking`, `role` `within`, `source` the claim's IRI); the mode
//!   (`TextualBody`, purpose `classifying`, `role` `mode`); the status (`TextualBody`, purpose
//!   `assessing`, `role` `status`); the note (`TextualBody`, purpose `commenting`); free tags
//!   (`TextualBody`, purpose `tagging`, `role` `tag`). A claim without any attribution has no
//!   mode body.
//!
//! The import requires the Web Annotation context (on the collection, or on each annotation of a
//! plain array) and reads the older shape too (`items` on the collection, the label's IRI as the
//! label body's `id`). It also takes a single annotation or a plain array of them, and targets with only a
//! `TextQuoteSelector` (placed by their quote), as long as the documents' texts are in the file
//! or already in the project.

use super::ingest::{self, Incoming};
use super::{FormatError, ImportReport, Selection, id_of_iri, iri};
use crate::edit::Edit;
use crate::model::{
    Attribution, Claim, Document, Label, Mode, Origin, Project, Source, SourceKind, Span, Status,
    color_for, new_id, now,
};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::Path;

pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

fn context() -> Value {
    json!([ANNO_CONTEXT, {
        "ct": "urn:claimtrace:vocab:",
        "dcterms": "http://purl.org/dc/terms/",
        "documents": {"@id": "ct:documents", "@container": "@set"},
        "role": "ct:role",
        "kind": "ct:kind",
        "aliases": {"@id": "ct:aliases", "@container": "@set"},
        "note": "ct:note",
        "sha256": "ct:sha256",
        "title": "dcterms:title",
        "url": {"@id": "ct:url", "@type": "@id"},
        "outlet": "ct:outlet",
        "byline": "ct:byline",
        "published": "ct:published",
        "file": "ct:file",
        "labelId": {"@id": "ct:labelId", "@type": "@id"}
    }])
}

fn selectors(s: &Span) -> Value {
    json!([
        {"type": "TextQuoteSelector", "exact": s.exact, "prefix": s.prefix, "suffix": s.suffix},
        {"type": "TextPositionSelector", "start": s.start, "end": s.end}
    ])
}

fn agent_type(kind: SourceKind) -> Option<&'static str> {
    match kind {
        SourceKind::Person => Some("Person"),
        SourceKind::Organization
        | SourceKind::Government
        | SourceKind::Company
        | SourceKind::Media
        | SourceKind::Group => Some("Organization"),
        _ => None,
    }
}

fn source_body(s: &Source, role: &str) -> Value {
    let mut src = json!({
        "id": iri("source", &s.id),
        "name": s.name,
        "kind": s.kind.as_str(),
        "aliases": s.aliases,
        "note": s.note,
    });
    if let (Some(t), Some(o)) = (agent_type(s.kind), src.as_object_mut()) {
        o.insert("type".into(), json!(t));
    }
    json!({"type": "SpecificResource", "purpose": "identifying", "role": role, "source": src})
}

fn annotation(sel: &Selection, c: &Claim) -> Value {
    let p = sel.project;
    let doc = iri("document", &c.document);
    let label = p.label(&c.label);
    // No `id` on the label body: a body with an `id` and no `source` reads as an External Web
    // Resource, which must not have a purpose. The label's IRI travels in `labelId` instead.
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "tagging",
        "value": label.map(|l| l.name.as_str()).unwrap_or(&c.label),
        "labelId": iri("label", &c.label),
    })];
    if let Some(a) = &c.attribution {
        // One body per source, in order: a joint attribution has several.
        for s in a.sources.iter().filter_map(|s| p.source(s)) {
            body.push(source_body(s, "source"));
        }
        if let Some(s) = a.via.as_deref().and_then(|s| p.source(s)) {
            body.push(source_body(s, "via"));
        }
        for (role, spans) in [("mention", &a.mention), ("cue", &a.cue)] {
            for s in spans.iter().filter(|s| !s.is_empty()) {
                body.push(json!({
                    "type": "SpecificResource",
                    "purpose": "describing",
                    "role": role,
                    "source": doc,
                    "selector": selectors(s),
                }));
            }
        }
        if let Some(w) = &a.within {
            body.push(json!({
                "type": "SpecificResource",
                "purpose": "linking",
                "role": "within",
                "source": iri("claim", w),
            }));
        }
        body.push(json!({
            "type": "TextualBody", "purpose": "classifying", "role": "mode",
            "value": a.mode.as_str(),
        }));
    }
    body.push(json!({
        "type": "TextualBody", "purpose": "assessing", "role": "status",
        "value": c.status.as_str(),
    }));
    if !c.note.is_empty() {
        body.push(json!({
            "type": "TextualBody", "purpose": "commenting", "format": "text/plain",
            "value": c.note,
        }));
    }
    for t in &c.tags {
        body.push(json!({"type": "TextualBody", "purpose": "tagging", "role": "tag", "value": t}));
    }
    let targets: Vec<Value> = c
        .content
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| json!({"type": "SpecificResource", "source": doc, "selector": selectors(s)}))
        .collect();
    let target = match targets.len() {
        1 => targets.into_iter().next().unwrap_or(Value::Null),
        _ => Value::Array(targets),
    };
    json!({
        "@context": context(),
        "id": iri("claim", &c.id),
        "type": "Annotation",
        "motivation": "tagging",
        "creator": {"id": iri("annotator", &c.author), "type": "Person", "nickname": c.author},
        "created": c.created.to_string(),
        "modified": c.modified.to_string(),
        "body": body,
        "target": target,
    })
}

fn document(d: &Document) -> Value {
    let mut v = json!({
        "id": iri("document", &d.id),
        "type": "Text",
        "format": "text/plain",
        "title": d.title,
        "sha256": d.sha256,
        "value": d.text,
    });
    if let Some(o) = v.as_object_mut() {
        let o_ = &d.origin;
        for (k, val) in [
            ("url", &o_.url),
            ("outlet", &o_.outlet),
            ("byline", &o_.author),
            ("published", &o_.published),
            ("language", &o_.lang),
            ("file", &o_.file),
        ] {
            if let Some(val) = val {
                o.insert(k.into(), json!(val));
            }
        }
    }
    v
}

/// The collection as a JSON value.
pub fn collection(sel: &Selection) -> Value {
    let items: Vec<Value> = sel
        .documents
        .iter()
        .flat_map(|d| sel.claims_of(&d.id))
        .map(|c| annotation(sel, c))
        .collect();
    json!({
        "@context": context(),
        "id": iri("export", &new_id()),
        "type": "AnnotationCollection",
        "label": sel.project.name,
        "total": items.len(),
        "generator": {
            "type": "Software",
            "name": format!("Claimtrace {}", env!("CARGO_PKG_VERSION")),
        },
        "generated": now().to_string(),
        "documents": sel.documents.iter().map(|d| document(d)).collect::<Vec<_>>(),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    })
}

/// The JSON-LD text of a selection.
pub fn to_string(sel: &Selection) -> String {
    let mut s = serde_json::to_string_pretty(&collection(sel)).unwrap_or_default();
    s.push('\n');
    s
}

// ---------------------------------------------------------------------------------------------
// import

/// One value or an array of them, as a list.
fn many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
    }
}

fn str_of<'a>(o: &'a Value, k: &str) -> Option<&'a str> {
    o.get(k).and_then(Value::as_str)
}

/// An id from an IRI of ours, or the IRI itself.
fn local_id(kind: &str, v: &str) -> String {
    id_of_iri(kind, v).unwrap_or_else(|| v.to_string())
}

/// The IRI a `source` property names (a string, or an object with an `id`).
fn source_iri(v: &Value) -> Option<&str> {
    match v.get("source")? {
        Value::String(s) => Some(s),
        o => str_of(o, "id"),
    }
}

/// A span from a resource's selectors: position wins, the quote is kept for checking (and
/// for placing the span when there is no position).
fn span_of(res: &Value) -> Option<Span> {
    let mut span = Span {
        start: 0,
        end: 0,
        exact: String::new(),
        prefix: String::new(),
        suffix: String::new(),
    };
    let mut any = false;
    for s in many(res.get("selector")) {
        match str_of(s, "type") {
            Some("TextPositionSelector") => {
                let n = |k| s.get(k).and_then(Value::as_u64).map(|n| n as usize);
                if let (Some(a), Some(b)) = (n("start"), n("end")) {
                    span.start = a;
                    span.end = b;
                    any = true;
                }
            }
            Some("TextQuoteSelector") => {
                span.exact = str_of(s, "exact").unwrap_or_default().to_string();
                span.prefix = str_of(s, "prefix").unwrap_or_default().to_string();
                span.suffix = str_of(s, "suffix").unwrap_or_default().to_string();
                any = true;
            }
            _ => {}
        }
    }
    any.then_some(span)
}

fn source_of(res: &Value) -> Option<Source> {
    let s = res.get("source")?;
    let id = str_of(s, "id").map(|i| local_id("source", i));
    let name = str_of(s, "name")
        .or_else(|| str_of(s, "label"))
        .map(String::from)
        .or_else(|| id.clone())?;
    Some(Source {
        id: id.unwrap_or_default(),
        name,
        kind: str_of(s, "kind")
            .and_then(SourceKind::parse)
            .unwrap_or_default(),
        aliases: many(s.get("aliases"))
            .into_iter()
            .filter_map(|a| a.as_str().map(String::from))
            .collect(),
        note: str_of(s, "note").unwrap_or_default().to_string(),
    })
}

/// Whether a value's `@context` is, or lists, the Web Annotation context.
fn has_anno_context(v: &Value) -> bool {
    many(v.get("@context"))
        .iter()
        .any(|c| c.as_str() == Some(ANNO_CONTEXT))
}

/// Read a W3C Web Annotation collection (or one annotation, or an array of them) into an edit.
pub fn import(
    p: &Project,
    path: &Path,
    annotator: Option<&str>,
) -> Result<(Edit, ImportReport), FormatError> {
    let bytes = std::fs::read(path).map_err(|source| FormatError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let invalid = |msg: String| FormatError::Invalid {
        path: path.to_path_buf(),
        msg,
    };
    let root: Value = serde_json::from_slice(&bytes).map_err(|e| FormatError::Syntax {
        path: path.to_path_buf(),
        line: e.line(),
        msg: format!("{e}; a W3C Web Annotation file is JSON (an AnnotationCollection)"),
    })?;
    // The Web Annotation context is what makes the terms mean what this importer reads them
    // as: a file without it is some other JSON(-LD).
    let no_context = |what: &str| {
        invalid(format!(
            "{what} has no Web Annotation context: its \"@context\" must be (or list) \
             \"{ANNO_CONTEXT}\"; is this a W3C Web Annotation file?"
        ))
    };
    match &root {
        Value::Array(a) => {
            if let Some(n) = a.iter().position(|x| !has_anno_context(x)) {
                return Err(no_context(&format!("annotation {}", n + 1)));
            }
        }
        o if !has_anno_context(o) => return Err(no_context("the file")),
        _ => {}
    }
    let items: Vec<&Value> = match &root {
        Value::Array(a) => a.iter().collect(),
        o if str_of(o, "type") == Some("Annotation") => vec![o],
        o => {
            let items = o
                .get("items")
                .or_else(|| o.get("first").and_then(|f| f.get("items")));
            if items.is_none() {
                return Err(invalid(
                    "is not a W3C Web Annotation collection: it has no \"items\" (nor \
                     \"first\".\"items\")"
                        .into(),
                ));
            }
            many(items)
        }
    };
    let time = now();
    let mut inc = Incoming::default();
    // Document IRI → file document id.
    let mut texts: HashMap<String, String> = HashMap::new();
    for d in many(root.get("documents")) {
        let (Some(id), Some(text)) = (str_of(d, "id"), str_of(d, "value")) else {
            return Err(invalid(
                "a document in \"documents\" needs an \"id\" and its text as \"value\"".into(),
            ));
        };
        let s = |k| str_of(d, k).map(String::from);
        let origin = Origin {
            url: s("url"),
            outlet: s("outlet"),
            author: s("byline"),
            published: s("published"),
            lang: s("language"),
            file: s("file"),
            imported: time,
            extractor: "w3c".into(),
        };
        let mut doc = Document::new(s("title").unwrap_or_default(), text.to_string(), origin);
        doc.id = local_id("document", id);
        texts.insert(id.to_string(), doc.id.clone());
        inc.documents.push(doc);
    }
    for (n, a) in items.iter().enumerate() {
        let aid = str_of(a, "id")
            .map(|i| local_id("claim", i))
            .unwrap_or_else(new_id);
        let bad = |msg: String| invalid(format!("annotation {} ({aid}): {msg}", n + 1));
        // Targets: the content fragments, all in one document.
        let mut content = Vec::new();
        let mut doc_iri: Option<String> = None;
        for t in many(a.get("target")) {
            let Some(src) = source_iri(t) else {
                return Err(bad("a target has no source document".into()));
            };
            if doc_iri.as_deref().is_some_and(|d| d != src) {
                return Err(bad(
                    "its targets are in different documents; a claim lies in one document".into(),
                ));
            }
            doc_iri = Some(src.to_string());
            content.push(span_of(t).ok_or_else(|| {
                bad("a target has no TextPositionSelector or TextQuoteSelector".into())
            })?);
        }
        let Some(doc_iri) = doc_iri else {
            return Err(bad("it has no target".into()));
        };
        let doc_id = match texts.get(&doc_iri) {
            Some(id) => id.clone(),
            None => {
                // A document the project already has.
                let id = local_id("document", &doc_iri);
                let Some(d) = p.document(&id) else {
                    return Err(bad(format!(
                        "its target {doc_iri} is neither in the file's \"documents\" nor in the \
                         project; Claimtrace needs the article's text to place the claim"
                    )));
                };
                let mut copy = d.clone();
                copy.extras.clear();
                inc.documents.push(copy);
                texts.insert(doc_iri.clone(), id.clone());
                id
            }
        };
        let mut label: Option<Label> = None;
        let mut attribution: Option<Attribution> = None;
        let mut status = Status::default();
        let mut notes: Vec<String> = Vec::new();
        let mut tags = Vec::new();
        let mut sources: Vec<Source> = Vec::new();
        let mut via = None;
        let mut within = None;
        let mut mention = Vec::new();
        let mut cue = Vec::new();
        let mut mode: Option<Mode> = None;
        for b in many(a.get("body")) {
            let role = str_of(b, "role");
            let purpose = str_of(b, "purpose");
            let value = str_of(b, "value").unwrap_or_default();
            match (purpose, role) {
                (_, Some("tag")) => tags.push(value.to_string()),
                (Some("tagging"), _) => {
                    // `labelId` (current exports), or the body's `id` (older exports).
                    let id = str_of(b, "labelId")
                        .or_else(|| str_of(b, "id"))
                        .map(|i| local_id("label", i))
                        .unwrap_or_else(|| value.to_string());
                    label = Some(Label {
                        color: color_for(value),
                        id,
                        name: value.to_string(),
                        shortcut: None,
                    });
                }
                (_, Some("via")) => via = source_of(b),
                (Some("identifying"), _) => {
                    if let Some(s) = source_of(b)
                        && !sources.iter().any(|x| x.id == s.id)
                    {
                        sources.push(s)
                    }
                }
                (_, Some(r @ ("mention" | "cue"))) => {
                    if source_iri(b).is_some_and(|s| s != doc_iri) {
                        return Err(bad(format!("its {r} is in another document")));
                    }
                    let s = span_of(b).ok_or_else(|| bad(format!("its {r} has no selector")))?;
                    if r == "mention" {
                        mention.push(s)
                    } else {
                        cue.push(s)
                    }
                }
                (_, Some("within")) => within = source_iri(b).map(|s| local_id("claim", s)),
                (_, Some("mode")) | (Some("classifying"), _) => {
                    mode = Some(Mode::parse(value).ok_or_else(|| {
                        bad(format!(
                            "mode {value:?} is not one of direct, indirect, mixed, unattributed"
                        ))
                    })?)
                }
                (_, Some("status")) | (Some("assessing"), _) => {
                    status = Status::parse(value).ok_or_else(|| {
                        bad(format!(
                            "status {value:?} is not one of unverified, supported, disputed, \
                             false, unverifiable"
                        ))
                    })?
                }
                (Some("commenting"), _) | (None, None) if !value.is_empty() => {
                    notes.push(value.to_string())
                }
                _ => {}
            }
        }
        if mode.is_some()
            || !sources.is_empty()
            || via.is_some()
            || within.is_some()
            || !mention.is_empty()
            || !cue.is_empty()
        {
            attribution = Some(Attribution {
                sources: sources.iter().map(|s| s.id.clone()).collect(),
                mention,
                cue,
                via: via.as_ref().map(|s: &Source| s.id.clone()),
                within,
                mode: mode.unwrap_or_default(),
            });
        }
        for s in sources.into_iter().chain(via) {
            if s.id.is_empty() {
                return Err(bad(format!("its source {:?} has no id", s.name)));
            }
            inc.sources.push(s);
        }
        let label = label.unwrap_or_else(|| Label {
            id: crate::formats::brat::CLAIM_LABEL.into(),
            name: "Claim".into(),
            color: color_for("Claim"),
            shortcut: None,
        });
        if !inc.labels.iter().any(|l| l.id == label.id) {
            inc.labels.push(label.clone());
        }
        let creator = a.get("creator");
        let author = creator
            .and_then(|c| {
                str_of(c, "nickname")
                    .map(String::from)
                    .or_else(|| str_of(c, "id").map(|i| local_id("annotator", i)))
                    .or_else(|| str_of(c, "name").map(crate::model::slug))
            })
            .unwrap_or_default();
        let ts = |k: &str| -> Result<_, FormatError> {
            match str_of(a, k) {
                None => Ok(time),
                Some(t) => t
                    .parse()
                    .map_err(|e| bad(format!("{k} {t:?} is not an RFC 3339 time: {e}"))),
            }
        };
        inc.claims.push(Claim {
            id: aid.clone(),
            document: doc_id,
            label: label.id,
            content,
            attribution,
            status,
            note: notes.join("\n"),
            tags,
            author,
            created: ts("created")?,
            modified: ts("modified")?,
            anchor: Default::default(),
            agreed_by: Vec::new(),
            unresolved: None,
            reviews: Vec::new(),
            origin: Default::default(),
            brat: None,
        });
    }
    if inc.documents.is_empty() {
        return Err(invalid(
            "has no annotations and no documents; nothing to import".into(),
        ));
    }
    ingest::plan(p, inc, path, "w3c", annotator)
}
