//! Which claims an export carries: the `--label`, `--source`, `--status` and `--document`
//! filters of the command line (and the same four choices in the window).
//!
//! Each filter is a list; a claim passes a filter when it matches any entry (OR within a
//! filter), and passes the whole [`Filter`] when it passes every non-empty filter (AND across).
//! An empty filter lets everything through.
//!
//! What the entries name (DESIGN.md, "Filters:"): a label by id or name (any case), a source by
//! a registry entry's name or alias (compared like [`crate::model::name_key`]; its id is
//! accepted too), a status by its name ("supported"), a document by its id. A claim matches a
//! source filter through its attributed source, not its intermediary.

use crate::model::{Claim, Document, Project, Status};
use std::collections::HashSet;
use thiserror::Error;

/// A filter entry that names nothing in the project.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("there is no {what} {given:?} in the project; {}", valid_list(.what, .valid))]
pub struct FilterError {
    /// "label", "source", "status" or "document".
    pub what: &'static str,
    pub given: String,
    /// What would have been accepted, for the message.
    pub valid: Vec<String>,
}

fn valid_list(what: &str, valid: &[String]) -> String {
    if valid.is_empty() {
        format!("it has no {what}s at all")
    } else {
        format!("the {what}s are: {}", valid.join(", "))
    }
}

/// A resolved filter: ids and statuses, ready to test claims against.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Label ids.
    pub labels: Vec<String>,
    /// Registry source ids.
    pub sources: Vec<String>,
    pub statuses: Vec<Status>,
    /// Document ids.
    pub documents: Vec<String>,
}

impl Filter {
    /// Resolve the user's words against the project. The first entry that names nothing is an
    /// error that lists what the project has.
    pub fn resolve(
        p: &Project,
        labels: &[String],
        sources: &[String],
        statuses: &[String],
        documents: &[String],
    ) -> Result<Filter, FilterError> {
        let mut f = Filter::default();
        for l in labels {
            let found = p.find_label(l).ok_or_else(|| FilterError {
                what: "label",
                given: l.clone(),
                valid: p
                    .labels
                    .iter()
                    .map(|l| {
                        if l.id == l.name {
                            l.id.clone()
                        } else {
                            format!("{} (id {})", l.name, l.id)
                        }
                    })
                    .collect(),
            })?;
            push_unique(&mut f.labels, found.id.clone());
        }
        for s in sources {
            let found = p.find_source(s).ok_or_else(|| FilterError {
                what: "source",
                given: s.clone(),
                valid: p
                    .sources
                    .iter()
                    .map(|s| {
                        if s.aliases.is_empty() {
                            s.name.clone()
                        } else {
                            format!("{} (also {})", s.name, s.aliases.join(", "))
                        }
                    })
                    .collect(),
            })?;
            push_unique(&mut f.sources, found.id.clone());
        }
        for s in statuses {
            let found = Status::parse(s).ok_or_else(|| FilterError {
                what: "status",
                given: s.clone(),
                valid: Status::ALL.iter().map(|s| s.as_str().to_string()).collect(),
            })?;
            if !f.statuses.contains(&found) {
                f.statuses.push(found);
            }
        }
        for d in documents {
            let found = p.document(d.trim()).ok_or_else(|| FilterError {
                what: "document",
                given: d.clone(),
                valid: p
                    .documents
                    .iter()
                    .map(|d| format!("{} ({:?})", d.id, d.title))
                    .collect(),
            })?;
            push_unique(&mut f.documents, found.id.clone());
        }
        Ok(f)
    }

    /// No filter at all: everything passes.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
            && self.sources.is_empty()
            && self.statuses.is_empty()
            && self.documents.is_empty()
    }

    /// Does the claim pass every non-empty filter?
    pub fn matches(&self, c: &Claim) -> bool {
        (self.labels.is_empty() || self.labels.contains(&c.label))
            && (self.sources.is_empty() || c.sources().iter().any(|s| self.sources.contains(s)))
            && (self.statuses.is_empty() || self.statuses.contains(&c.status))
            && (self.documents.is_empty() || self.documents.contains(&c.document))
    }

    /// The claims and documents this filter selects from `p`.
    pub fn select<'a>(&self, p: &'a Project) -> Selection<'a> {
        let claims: Vec<&Claim> = p.claims.iter().filter(|c| self.matches(c)).collect();
        Selection::new(
            p,
            claims,
            self.is_empty() || !self.documents.is_empty(),
            self,
        )
    }
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// The claims an export carries, and the documents they belong to.
///
/// Documents: with no filter, every document of the project (so an export carries the whole
/// corpus, claims or not); with a `--document` filter, the documents it names; otherwise the
/// documents that hold at least one selected claim. Both lists keep the project's order.
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    pub project: &'a Project,
    pub documents: Vec<&'a Document>,
    pub claims: Vec<&'a Claim>,
    /// `claims` by document, made on the first [`Self::claims_of`] (an export walks every
    /// document; scanning all claims for each would grow with documents × claims).
    by_document: std::cell::OnceCell<std::collections::HashMap<&'a str, Vec<&'a Claim>>>,
}

impl<'a> Selection<'a> {
    fn new(p: &'a Project, claims: Vec<&'a Claim>, whole_documents: bool, f: &Filter) -> Self {
        let with_claims: HashSet<&str> = claims.iter().map(|c| c.document.as_str()).collect();
        let documents = p
            .documents
            .iter()
            .filter(|d| {
                if f.is_empty() {
                    true
                } else if whole_documents {
                    f.documents.contains(&d.id)
                } else {
                    with_claims.contains(d.id.as_str())
                }
            })
            .collect();
        Selection {
            project: p,
            documents,
            claims,
            by_document: Default::default(),
        }
    }

    /// Exactly these claims (by id, in project order) and the documents that hold them: what
    /// "Export selected…" in the claims list exports.
    pub fn of_claims(p: &'a Project, ids: &[String]) -> Self {
        let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let claims: Vec<&Claim> = p
            .claims
            .iter()
            .filter(|c| wanted.contains(c.id.as_str()))
            .collect();
        let with_claims: HashSet<&str> = claims.iter().map(|c| c.document.as_str()).collect();
        let documents = p
            .documents
            .iter()
            .filter(|d| with_claims.contains(d.id.as_str()))
            .collect();
        Selection {
            project: p,
            documents,
            claims,
            by_document: Default::default(),
        }
    }

    /// The selected claims of one document, in project order.
    pub fn claims_of<'s>(&'s self, doc: &'s str) -> impl Iterator<Item = &'a Claim> + 's {
        let by_document = self.by_document.get_or_init(|| {
            crate::work::add(self.claims.len());
            let mut map: std::collections::HashMap<&'a str, Vec<&'a Claim>> = Default::default();
            for c in &self.claims {
                map.entry(c.document.as_str()).or_default().push(c);
            }
            map
        });
        by_document.get(doc).into_iter().flatten().copied()
    }

    /// "12 claims in 3 documents".
    pub fn summary(&self) -> String {
        let n = self.claims.len();
        let m = self.documents.len();
        format!(
            "{n} {} in {m} {}",
            if n == 1 { "claim" } else { "claims" },
            if m == 1 { "document" } else { "documents" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotator, Attribution, Origin, Source, SourceKind};
    use crate::text::make_span;

    fn project() -> Project {
        let mut p = Project::new("f", Annotator::named("Ana"));
        let origin = Origin {
            imported: "2026-01-01T00:00:00Z".parse().unwrap(),
            extractor: "txt".into(),
            ..Default::default()
        };
        for (id, text) in [
            ("d1", "Amnesty said one thing."),
            ("d2", "Reuters said two."),
        ] {
            let mut d = Document::new(id, text.into(), origin.clone());
            d.id = id.into();
            p.documents.push(d);
        }
        p.documents.push({
            let mut d = Document::new("empty", "No claims here.".into(), origin);
            d.id = "d3".into();
            d
        });
        for (id, name, aliases) in [
            ("amnesty", "Amnesty International", vec!["Amnesty"]),
            ("reuters", "Reuters", vec![]),
        ] {
            p.sources.push(Source {
                id: id.into(),
                name: name.into(),
                kind: SourceKind::Organization,
                aliases: aliases.into_iter().map(String::from).collect(),
                note: String::new(),
            });
        }
        let t: crate::model::Timestamp = "2026-01-02T00:00:00Z".parse().unwrap();
        let claim = |id: &str, doc: &str, label: &str, sources: &[&str], status: Status| {
            let text = &p.document(doc).unwrap().text;
            Claim {
                id: id.into(),
                document: doc.into(),
                label: label.into(),
                content: vec![make_span(text, 0, 7)],
                attribution: (!sources.is_empty()).then(|| Attribution {
                    sources: sources.iter().map(|s| s.to_string()).collect(),
                    via: Some("reuters".into()),
                    ..Default::default()
                }),
                status,
                note: String::new(),
                tags: vec![],
                author: "ana".into(),
                created: t,
                modified: t,
                anchor: Default::default(),
                agreed_by: Vec::new(),
                unresolved: None,
                reviews: Vec::new(),
                origin: Default::default(),
                brat: None,
            }
        };
        let claims = vec![
            claim("c1", "d1", "claim", &["amnesty"], Status::Supported),
            claim("c2", "d1", "opinion", &[], Status::Unverified),
            claim("c3", "d2", "claim", &["reuters"], Status::Disputed),
            claim("c4", "d2", "statement", &["amnesty"], Status::Unverified),
            // A joint claim of both.
            claim(
                "c5",
                "d2",
                "claim",
                &["reuters", "amnesty"],
                Status::Unverified,
            ),
        ];
        p.claims = claims;
        p
    }

    fn ids(f: &Filter, p: &Project) -> Vec<String> {
        f.select(p).claims.iter().map(|c| c.id.clone()).collect()
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn or_within_and_across() {
        let p = project();
        let f = Filter::resolve(&p, &s(&["Claim", "opinion"]), &[], &[], &[]).unwrap();
        assert_eq!(ids(&f, &p), ["c1", "c2", "c3", "c5"]);
        let f = Filter::resolve(&p, &s(&["claim"]), &s(&["amnesty"]), &[], &[]).unwrap();
        assert_eq!(ids(&f, &p), ["c1", "c5"]);
        // A source filter matches any of the attributed sources, not the intermediary (all
        // claims are relayed via Reuters here).
        let f = Filter::resolve(&p, &[], &s(&["Reuters"]), &[], &[]).unwrap();
        assert_eq!(ids(&f, &p), ["c3", "c5"]);
        // Both of a joint claim's sources: it is selected once.
        let f = Filter::resolve(&p, &[], &s(&["Reuters", "Amnesty"]), &[], &s(&["d2"])).unwrap();
        assert_eq!(ids(&f, &p), ["c3", "c4", "c5"]);
        let f = Filter::resolve(&p, &[], &[], &s(&["unverified", "DISPUTED"]), &[]).unwrap();
        assert_eq!(ids(&f, &p), ["c2", "c3", "c4", "c5"]);
        let f =
            Filter::resolve(&p, &[], &s(&["Amnesty"]), &s(&["unverified"]), &s(&["d2"])).unwrap();
        assert_eq!(ids(&f, &p), ["c4", "c5"]);
    }

    #[test]
    fn sources_by_alias_any_case_and_id() {
        let p = project();
        for name in ["amnesty", "AMNESTY", " Amnesty International ", "amnesty"] {
            let f = Filter::resolve(&p, &[], &s(&[name]), &[], &[]).unwrap();
            assert_eq!(f.sources, ["amnesty"], "{name}");
        }
    }

    #[test]
    fn documents_follow_the_filters() {
        let p = project();
        let all = Filter::default().select(&p);
        assert_eq!(all.documents.len(), 3, "no filter: the whole corpus");
        assert_eq!(all.summary(), "5 claims in 3 documents");
        let f = Filter::resolve(&p, &[], &[], &s(&["disputed"]), &[]).unwrap();
        let sel = f.select(&p);
        assert_eq!(sel.documents.len(), 1);
        assert_eq!(sel.documents[0].id, "d2");
        let f = Filter::resolve(&p, &[], &[], &[], &s(&["d3"])).unwrap();
        let sel = f.select(&p);
        assert_eq!(sel.summary(), "0 claims in 1 document");
        let sel = Selection::of_claims(&p, &s(&["c3", "c1"]));
        assert_eq!(
            sel.claims.iter().map(|c| &c.id).collect::<Vec<_>>(),
            ["c1", "c3"]
        );
        assert_eq!(sel.documents.len(), 2);
    }

    #[test]
    fn unknown_entries_list_the_valid_ones() {
        let p = project();
        let e = Filter::resolve(&p, &s(&["nope"]), &[], &[], &[]).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("no label \"nope\""), "{msg}");
        assert!(
            msg.contains("Claim (id claim)") && msg.contains("Opinion"),
            "{msg}"
        );
        let msg = Filter::resolve(&p, &[], &s(&["AP"]), &[], &[])
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("Amnesty International (also Amnesty)"),
            "{msg}"
        );
        let msg = Filter::resolve(&p, &[], &[], &s(&["true"]), &[])
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("unverified, supported, disputed, false, unverifiable"),
            "{msg}"
        );
        let msg = Filter::resolve(&p, &[], &[], &[], &s(&["Amnesty said one thing."]))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("d1 (\"d1\")"), "{msg}");
    }
}
