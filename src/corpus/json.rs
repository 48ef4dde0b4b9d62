//! The figures as plain rows for `claimtrace report --json` (and the CSV exports of the view):
//! the contract of DESIGN.md — `sources` `{source, kind, claims, documents, outlets}`, `labels`
//! `{label, claims}`, `outlets` `{outlet, claims, documents}`, `citations` `{outlet, via,
//! source, claims}`, `timeline` `{period, source, claims}` — plus a few more fields. A null
//! source, outlet, via or period is JSON null.

use super::{Corpus, Key};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Claims that pass the filters.
    pub claims: usize,
    /// (claim, source) pairs among them: the total of `sources`.
    pub pairs: usize,
    pub documents: usize,
    pub sources: Vec<SourceJson>,
    pub labels: Vec<LabelJson>,
    pub outlets: Vec<OutletJson>,
    pub kinds: Vec<KindJson>,
    pub citations: Vec<CitationJson>,
    /// The bucket of `timeline`: "week", "month" or "year".
    pub period: &'static str,
    pub timeline: Vec<TimeJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceJson {
    /// The registry name; null for claims with no source.
    pub source: Option<String>,
    /// The registry id.
    pub id: Option<String>,
    pub kind: Option<&'static str>,
    pub claims: usize,
    /// Percent of all (claim, source) pairs.
    pub share: f64,
    pub documents: usize,
    pub outlets: usize,
    /// First and last published date (YYYY-MM-DD) of its documents.
    pub first: Option<String>,
    pub last: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelJson {
    /// The label's name.
    pub label: String,
    pub id: String,
    pub claims: usize,
    pub documents: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletJson {
    pub outlet: Option<String>,
    pub claims: usize,
    pub documents: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindJson {
    /// null for claims with no source.
    pub kind: Option<String>,
    pub claims: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitationJson {
    pub outlet: Option<String>,
    /// The intermediary's name; null when the source speaks directly.
    pub via: Option<String>,
    pub source: Option<String>,
    pub claims: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeJson {
    /// "2024-03" (by month); null for documents without a published date.
    pub period: Option<String>,
    pub source: Option<String>,
    pub claims: usize,
}

fn name(k: &Key) -> Option<String> {
    k.id.as_ref().map(|_| k.name.to_string())
}

impl Report {
    pub fn new(c: &Corpus) -> Report {
        Report {
            claims: c.claims.count(),
            pairs: c.pairs,
            documents: c.documents,
            sources: c
                .sources
                .iter()
                .map(|s| SourceJson {
                    source: name(&s.key),
                    id: s.key.id.as_deref().map(String::from),
                    kind: s.kind,
                    claims: s.figure.count(),
                    share: (c.share(s) * 10.0).round() / 10.0,
                    documents: s.documents,
                    outlets: s.outlets,
                    first: s.first.map(|d| d.to_string()),
                    last: s.last.map(|d| d.to_string()),
                })
                .collect(),
            labels: c
                .labels
                .iter()
                .map(|l| LabelJson {
                    label: l.key.name.to_string(),
                    id: l.key.id.as_deref().unwrap_or_default().to_string(),
                    claims: l.figure.count(),
                    documents: l.documents,
                })
                .collect(),
            outlets: c
                .outlets
                .iter()
                .map(|o| OutletJson {
                    outlet: name(&o.key),
                    claims: o.figure.count(),
                    documents: o.documents,
                })
                .collect(),
            kinds: c
                .kinds
                .iter()
                .map(|k| KindJson {
                    kind: name(&k.key),
                    claims: k.figure.count(),
                })
                .collect(),
            citations: c
                .citations
                .iter()
                .map(|x| CitationJson {
                    outlet: name(&x.outlet),
                    via: name(&x.via),
                    source: name(&x.source),
                    claims: x.figure.count(),
                })
                .collect(),
            period: c.period.as_str(),
            timeline: c
                .timeline
                .iter()
                .map(|t| TimeJson {
                    period: t.period.as_deref().map(String::from),
                    source: name(&t.source),
                    claims: t.figure.count(),
                })
                .collect(),
        }
    }
}
