//! JSON Lines: one JSON object per document, for pandas (`pd.read_json(path, lines=True)`),
//! training sets and scripts; `claimtrace import --format jsonl` reads it back.
//!
//! Each line: `id, title, url, outlet, author, published, sha256, text, claims`. Each claim:
//! `id`, `label` (the label's id) and `label_name`, `fragments` (`[[start, end], …]`, half-open
//! Unicode code point offsets into `text`, i.e. Python `str` indices), `text` (the fragments'
//! words joined by " … "), `sources` (a list of `{id, name, kind, aliases, note}`, in the order
//! the text names them: empty while the source is unknown, several for a joint attribution),
//! `mention` and `cue` (fragment lists like `fragments`), `via` (one source object, or null),
//! `within` (the outer claim's id or null), `mode` (null when the claim has no attribution at
//! all), `status`, `note`, `tags`, `author`, `created`, `modified` (RFC 3339).
//!
//! Files written before claims had several sources have one `source` object (or null) instead
//! of `sources`; the import reads it as a one-source list. The export writes no `source` key:
//! a reader that took it would count a joint claim for its first source only.

use super::ingest::{self, Incoming};
use super::{FormatError, ImportReport, Selection};
use crate::edit::Edit;
use crate::model::{
    Attribution, Claim, Document, Label, Mode, Origin, Project, Source, SourceKind, Span, Status,
    Timestamp, color_for, now,
};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Serialize, Deserialize)]
pub struct DocumentLine {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub sha256: String,
    pub text: String,
    #[serde(default)]
    pub claims: Vec<ClaimObject>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceObject {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub note: String,
}

impl SourceObject {
    pub fn of(s: &Source) -> Self {
        SourceObject {
            id: s.id.clone(),
            name: s.name.clone(),
            kind: s.kind.as_str().to_string(),
            aliases: s.aliases.clone(),
            note: s.note.clone(),
        }
    }

    pub fn to_source(&self) -> Source {
        Source {
            id: self.id.clone(),
            name: self.name.clone(),
            kind: SourceKind::parse(&self.kind).unwrap_or_default(),
            aliases: self.aliases.clone(),
            note: self.note.clone(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ClaimObject {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub label_name: Option<String>,
    pub fragments: Vec<[usize; 2]>,
    #[serde(default)]
    pub text: String,
    /// The claim's sources, in order (several: a joint attribution).
    #[serde(default)]
    pub sources: Vec<SourceObject>,
    /// The one source of a file written before claims had several sources; read, never
    /// written (a `source` beside `sources` would count a joint claim for its first source
    /// only).
    #[serde(default, skip_serializing)]
    pub source: Option<SourceObject>,
    #[serde(default)]
    pub mention: Vec<[usize; 2]>,
    #[serde(default)]
    pub cue: Vec<[usize; 2]>,
    #[serde(default)]
    pub via: Option<SourceObject>,
    #[serde(default)]
    pub within: Option<String>,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub created: Option<Timestamp>,
    #[serde(default)]
    pub modified: Option<Timestamp>,
}

/// `[[start, end], …]` of the spans that cover text.
pub fn pairs(spans: &[Span]) -> Vec<[usize; 2]> {
    spans
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| [s.start, s.end])
        .collect()
}

fn claim_object(sel: &Selection, c: &Claim) -> ClaimObject {
    let p = sel.project;
    let a = c.attribution.as_ref();
    let src = |id: Option<&str>| id.and_then(|id| p.source(id)).map(SourceObject::of);
    ClaimObject {
        id: c.id.clone(),
        label: c.label.clone(),
        label_name: p.label(&c.label).map(|l| l.name.clone()),
        fragments: pairs(&c.content),
        text: c.quote(),
        sources: c
            .sources()
            .iter()
            .filter_map(|id| p.source(id))
            .map(SourceObject::of)
            .collect(),
        source: None,
        mention: a.map(|a| pairs(&a.mention)).unwrap_or_default(),
        cue: a.map(|a| pairs(&a.cue)).unwrap_or_default(),
        via: src(a.and_then(|a| a.via.as_deref())),
        within: a.and_then(|a| a.within.clone()),
        mode: a.map(|a| a.mode.as_str().to_string()),
        status: Some(c.status.as_str().to_string()),
        note: c.note.clone(),
        tags: c.tags.clone(),
        author: c.author.clone(),
        created: Some(c.created),
        modified: Some(c.modified),
    }
}

/// The JSONL text of a selection: one line per document.
pub fn to_string(sel: &Selection) -> String {
    let mut out = String::new();
    for d in &sel.documents {
        let line = DocumentLine {
            id: d.id.clone(),
            title: d.title.clone(),
            url: d.origin.url.clone(),
            outlet: d.origin.outlet.clone(),
            author: d.origin.author.clone(),
            published: d.origin.published.clone(),
            sha256: d.sha256.clone(),
            text: d.text.clone(),
            claims: sel.claims_of(&d.id).map(|c| claim_object(sel, c)).collect(),
        };
        // Plain data of strings and numbers: serialising it cannot fail.
        out.push_str(&serde_json::to_string(&line).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Spans from offset pairs, with quotes when the file gives them (`quotes` has one per pair).
fn spans(pairs: &[[usize; 2]], quotes: Option<Vec<&str>>) -> Vec<Span> {
    pairs
        .iter()
        .enumerate()
        .map(|(i, [s, e])| Span {
            start: *s,
            end: *e,
            exact: quotes
                .as_ref()
                .and_then(|q| q.get(i))
                .map(|q| q.to_string())
                .unwrap_or_default(),
            prefix: String::new(),
            suffix: String::new(),
        })
        .collect()
}

/// Read a JSONL export into an edit that adds its documents, sources, labels and claims.
pub fn import(
    p: &Project,
    path: &Path,
    annotator: Option<&str>,
) -> Result<(Edit, ImportReport), FormatError> {
    let bytes = std::fs::read(path).map_err(|source| FormatError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| FormatError::Invalid {
        path: path.to_path_buf(),
        msg: format!(
            "is not UTF-8 text (at byte {}); JSON Lines files are UTF-8",
            e.valid_up_to()
        ),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let time = now();
    let mut inc = Incoming::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let d: DocumentLine = serde_json::from_str(line).map_err(|e| FormatError::Syntax {
            path: path.to_path_buf(),
            line: i + 1,
            msg: format!(
                "{e}; each line must be one document object with id, title, text and claims"
            ),
        })?;
        let origin = Origin {
            url: d.url,
            outlet: d.outlet,
            author: d.author,
            published: d.published,
            imported: time,
            extractor: "jsonl".into(),
            ..Default::default()
        };
        let mut doc = Document::new(d.title, d.text, origin);
        doc.id = d.id.clone();
        inc.documents.push(doc);
        for c in d.claims {
            let bad = |msg: String| FormatError::Syntax {
                path: path.to_path_buf(),
                line: i + 1,
                msg: format!("claim {:?}: {msg}", c.id),
            };
            // The quote checks the offsets of a one-fragment claim (with several, the joined
            // text cannot be split back reliably: a fragment may contain " … " itself).
            let quotes =
                (c.fragments.len() == 1 && !c.text.is_empty()).then(|| vec![c.text.as_str()]);
            let claim_sources: Vec<&SourceObject> = c.sources.iter().chain(&c.source).collect();
            let attribution = match &c.mode {
                None => None,
                Some(m) => Some(Attribution {
                    sources: {
                        let mut ids: Vec<String> = Vec::new();
                        for s in &claim_sources {
                            if !ids.contains(&s.id) {
                                ids.push(s.id.clone());
                            }
                        }
                        ids
                    },
                    mention: spans(&c.mention, None),
                    cue: spans(&c.cue, None),
                    via: c.via.as_ref().map(|s| s.id.clone()),
                    within: c.within.clone(),
                    mode: Mode::parse(m).ok_or_else(|| {
                        bad(format!(
                            "mode {m:?} is not one of direct, indirect, mixed, unattributed"
                        ))
                    })?,
                }),
            };
            let status = match &c.status {
                None => Status::default(),
                Some(s) => Status::parse(s).ok_or_else(|| {
                    bad(format!(
                        "status {s:?} is not one of unverified, supported, disputed, false, \
                         unverifiable"
                    ))
                })?,
            };
            for s in claim_sources.into_iter().chain(c.via.iter()) {
                inc.sources.push(s.to_source());
            }
            if !inc.labels.iter().any(|l| l.id == c.label) {
                let name = c.label_name.clone().unwrap_or_else(|| c.label.clone());
                inc.labels.push(Label {
                    id: c.label.clone(),
                    color: color_for(&name),
                    name,
                    shortcut: None,
                });
            }
            inc.claims.push(Claim {
                id: c.id.clone(),
                document: d.id.clone(),
                label: c.label.clone(),
                content: spans(&c.fragments, quotes),
                attribution,
                status,
                note: c.note,
                tags: c.tags,
                author: c.author,
                created: c.created.unwrap_or(time),
                modified: c.modified.unwrap_or(time),
                anchor: Default::default(),
                agreed_by: Vec::new(),
                unresolved: None,
                reviews: Vec::new(),
                origin: Default::default(),
                brat: None,
            });
        }
    }
    if inc.documents.is_empty() {
        return Err(FormatError::Invalid {
            path: path.to_path_buf(),
            msg: "has no documents; a Claimtrace JSONL file has one document object per line"
                .into(),
        });
    }
    ingest::plan(p, inc, path, "jsonl", annotator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Filter;
    use crate::model::Annotator;

    fn import_text(text: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.jsonl");
        std::fs::write(&path, text).unwrap();
        let mut q = Project::new("q", Annotator::named("Bo"));
        let (edit, _) = import(&q, &path, None).unwrap();
        edit.apply(&mut q).unwrap();
        q
    }

    /// The demo's joint claim (E11) is a list of two sources; a line written before format 2,
    /// with one `source` object, still imports.
    #[test]
    fn sources_are_a_list_and_the_old_source_key_still_reads() {
        let p = crate::demo::demo_project().unwrap();
        let text = to_string(&Filter::default().select(&p));
        let mut line: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
        let claims = line["claims"].as_array().unwrap();
        assert!(claims.iter().all(|c| c.get("source").is_none()));
        let joint = claims
            .iter()
            .find(|c| c["sources"].as_array().unwrap().len() > 1)
            .unwrap();
        let names: Vec<&str> = joint["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Facebook", "Google"]);
        let q = import_text(&text);
        let id = joint["id"].as_str().unwrap();
        assert_eq!(
            q.source_names(q.claim(id).unwrap().sources()),
            ["Facebook", "Google"]
        );

        // The old shape: `source` is one object (or null), no `sources`.
        for c in line["claims"].as_array_mut().unwrap() {
            let first = c["sources"][0].clone();
            let o = c.as_object_mut().unwrap();
            o.remove("sources");
            o.insert("source".into(), first);
        }
        let q = import_text(&line.to_string());
        for c in &p.claims {
            let want: Vec<&str> = p.source_names(c.sources()).into_iter().take(1).collect();
            assert_eq!(
                q.source_names(q.claim(&c.id).unwrap().sources()),
                want,
                "{}",
                c.id
            );
        }
    }
}
