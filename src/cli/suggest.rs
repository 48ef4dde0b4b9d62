//! `suggest`: attribution suggestions listed, or applied as edits.

use super::output::{count, load, load_for_writing, lock_for_writing, note, print};
use super::project::short_quote;
use crate::edit::History;
use crate::model::Project;
use crate::store::{self};
use crate::suggest;
use anyhow::{Result, anyhow, bail};
use serde::Serialize;
use std::path::Path;

// suggest

/// One line of `suggest --json`.
#[derive(Serialize)]
struct SuggestionJson<'a> {
    document: &'a str,
    content: Vec<[usize; 2]>,
    cue: Vec<[usize; 2]>,
    mention: Vec<[usize; 2]>,
    sources: Vec<&'a str>,
    via: Option<String>,
    confidence: f64,
    why: &'a str,
}

fn pairs(r: &[std::ops::Range<usize>]) -> Vec<[usize; 2]> {
    r.iter().map(|r| [r.start, r.end]).collect()
}

pub(super) fn suggest(
    project_path: &Path,
    documents: &[String],
    opts: suggest::Options,
    json: bool,
    apply: bool,
) -> Result<()> {
    // Only --apply writes, so only --apply takes the lock; reading never touches the file.
    let _lock = if apply {
        lock_for_writing(project_path, "suggest --apply")?
    } else {
        None
    };
    let (mut project, _) = if apply {
        load_for_writing(project_path)?
    } else {
        load(project_path)?
    };
    for d in documents {
        if project.document(d).is_none() {
            bail!(
                "{} has no document with id {d:?}; `claimtrace stats {} --json` lists the ids",
                project_path.display(),
                project_path.display()
            );
        }
    }
    // Listed: every suggestion but the rejected ones, each saying whether a claim already makes
    // it; added by --apply: the ones no claim makes yet.
    let know = suggest::Knowledge::from_project(&project, suggest::lexicon::english(), opts.learn);
    let listed = suggest::suggest_with(&project, &know, documents, &opts, false);
    let open = suggest::open_flags(&project, &listed);
    let found = suggest::subset(&listed, |i| open[i]);
    let text_of = |id: &str| project.document(id).map(|d| d.text.as_str()).unwrap_or("");
    let words = |id: &str, r: &std::ops::Range<usize>| -> String {
        let text = text_of(id);
        let map = crate::text::CharMap::new(text);
        map.slice(text, r.start, r.end).to_string()
    };
    if json {
        let mut out = String::new();
        for s in &listed {
            let sources: Vec<&str> = s
                .sources
                .iter()
                .filter_map(|id| project.source(id).map(|x| x.name.as_str()))
                .collect();
            let via = match (&s.via, &s.via_text) {
                (Some(id), _) => project.source(id).map(|x| x.name.clone()),
                (None, Some(r)) => Some(words(&s.document, r)),
                _ => None,
            };
            let line = SuggestionJson {
                document: &s.document,
                content: pairs(&s.content),
                cue: pairs(&s.cue),
                mention: pairs(&s.mention),
                sources,
                via,
                confidence: (s.confidence as f64 * 1000.0).round() / 1000.0,
                why: &s.rule,
            };
            out.push_str(&serde_json::to_string(&line)?);
            out.push('\n');
        }
        print(&out)?;
    } else {
        print(&suggest_summary(&project, documents, &listed, &open, &opts))?;
    }
    if !apply {
        return Ok(());
    }
    if found.is_empty() {
        return if json {
            Ok(())
        } else {
            print(&format!(
                "{}: no suggestions to add; unchanged\n",
                project_path.display()
            ))
        };
    }
    // What will be added, in words (before the project changes).
    let added: Vec<String> = found
        .iter()
        .map(|s| {
            let text = |rs: &[std::ops::Range<usize>]| {
                rs.iter()
                    .map(|r| words(&s.document, r))
                    .collect::<Vec<_>>()
                    .join(" … ")
            };
            format!(
                "  added {:.2} {} {}\n",
                s.confidence,
                short_quote(&text(&s.cue)),
                short_quote(&text(&s.content))
            )
        })
        .collect();
    let (edit, _) = suggest::accept_edit(&project, &found, None);
    let before_sources = project.sources.len();
    let mut history = History::new();
    history.apply(&mut project, edit).map_err(|e| {
        anyhow!(
            "cannot add the suggestions to {}: {e}. Nothing was added and the file is unchanged",
            project_path.display()
        )
    })?;
    store::save(&project, project_path)?;
    let mut msg = format!(
        "{}: added {} from suggestions (origin suggested, status unverified), {} created\n",
        project_path.display(),
        count(found.len(), "claim", "claims"),
        count(project.sources.len() - before_sources, "source", "sources"),
    );
    for line in &added {
        msg.push_str(line);
    }
    if json {
        note(&msg);
        Ok(())
    } else {
        print(&msg)
    }
}

/// The readable summary of `suggest`: per document, counts by confidence band and examples.
fn suggest_summary(
    project: &Project,
    documents: &[String],
    found: &[suggest::Suggestion],
    open: &[bool],
    opts: &suggest::Options,
) -> String {
    let mut out = String::new();
    let mut total = 0;
    let mut made = 0;
    for doc in &project.documents {
        if !documents.is_empty() && !documents.contains(&doc.id) {
            continue;
        }
        let mine: Vec<&suggest::Suggestion> = found
            .iter()
            .zip(open)
            .filter(|(s, o)| **o && s.document == doc.id)
            .map(|(s, _)| s)
            .collect();
        total += mine.len();
        made += found
            .iter()
            .zip(open)
            .filter(|(s, o)| !**o && s.document == doc.id)
            .count();
        let band = |lo: f32, hi: f32| {
            mine.iter()
                .filter(|s| s.confidence >= lo && s.confidence < hi)
                .count()
        };
        out.push_str(&format!(
            "{} ({}): {} — {} at 0.8 or more, {} from 0.6, {} below\n",
            doc.title,
            doc.id,
            count(mine.len(), "suggestion", "suggestions"),
            band(0.8, 1.01),
            band(0.6, 0.8),
            band(0.0, 0.6),
        ));
        let map = crate::text::CharMap::new(&doc.text);
        let mut best = mine.clone();
        best.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        for s in best.iter().take(3) {
            let text = |rs: &[std::ops::Range<usize>]| {
                rs.iter()
                    .map(|r| map.slice(&doc.text, r.start, r.end))
                    .collect::<Vec<_>>()
                    .join(" … ")
            };
            let source = s
                .sources
                .iter()
                .filter_map(|id| project.source(id).map(|x| x.name.as_str()))
                .collect::<Vec<_>>()
                .join(" and ");
            let who = match (text(&s.mention), source.is_empty()) {
                (m, true) if m.is_empty() => "no source named".to_string(),
                (m, true) => m,
                (m, false) => format!("{m} → {source}"),
            };
            out.push_str(&format!(
                "  {:.2} {} — {} ({who}; {})\n",
                s.confidence,
                short_quote(&text(&s.cue)),
                short_quote(&text(&s.content)),
                s.rule
            ));
        }
    }
    out.push_str(&format!(
        "{} in all at confidence {} or more{}{}\n",
        count(total, "suggestion", "suggestions"),
        opts.min_confidence,
        if made > 0 {
            format!(" ({made} more that claims already make are not counted)")
        } else {
            String::new()
        },
        if opts.learn {
            ""
        } else {
            " (nothing learned from the project)"
        }
    ));
    out
}
