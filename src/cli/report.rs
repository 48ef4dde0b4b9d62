//! `report`: the corpus figures as tables or JSON.

use super::output::{count, load, print};
use crate::corpus;
use crate::formats;
use anyhow::{Result, anyhow};
use std::path::Path;

// report

pub(super) fn report(
    project_path: &Path,
    json: bool,
    [labels, sources, statuses, documents]: [&Vec<String>; 4],
) -> Result<()> {
    let (project, _) = load(project_path)?;
    let filter = formats::Filter::resolve(&project, labels, sources, statuses, documents)
        .map_err(|e| anyhow!("{}: {e}", project_path.display()))?;
    let figures = corpus::Corpus::compute(
        &project,
        &corpus::Options {
            filter,
            ..Default::default()
        },
    );
    let r = corpus::json::Report::new(&figures);
    if json {
        let mut text = serde_json::to_string_pretty(&r)?;
        text.push('\n');
        return print(&text);
    }
    print(&human_report(project_path, &r))
}

/// The report as aligned text tables.
fn human_report(path: &Path, r: &corpus::json::Report) -> String {
    fn or_null(s: &Option<String>, null: &str) -> String {
        s.clone().unwrap_or_else(|| null.to_string())
    }
    fn table(out: &mut String, title: &str, head: &[&str], rows: Vec<Vec<String>>) {
        out.push_str(&format!("\n{title}\n"));
        if rows.is_empty() {
            out.push_str("  (none)\n");
            return;
        }
        let mut width: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
        for row in &rows {
            for (w, cell) in width.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: Vec<String>| -> String {
            let mut l = String::from(" ");
            for (i, (cell, w)) in cells.iter().zip(&width).enumerate() {
                let pad = w - cell.chars().count();
                // The first column is text (left), the rest are numbers (right).
                if i == 0 {
                    l.push_str(&format!(" {cell}{}", " ".repeat(pad)));
                } else {
                    l.push_str(&format!("  {}{cell}", " ".repeat(pad)));
                }
            }
            l.trim_end().to_string() + "\n"
        };
        out.push_str(&line(head.iter().map(|h| h.to_string()).collect()));
        for row in rows {
            out.push_str(&line(row));
        }
    }
    let mut out = format!(
        "{}: {} in {} ({} with their sources)\n",
        path.display(),
        count(r.claims, "claim", "claims"),
        count(r.documents, "document", "documents"),
        count(r.pairs, "claim-source pair", "claim-source pairs"),
    );
    table(
        &mut out,
        "Sources",
        &[
            "source",
            "kind",
            "claims",
            "share",
            "documents",
            "outlets",
            "first",
            "last",
        ],
        r.sources
            .iter()
            .map(|s| {
                vec![
                    or_null(&s.source, corpus::NO_SOURCE),
                    s.kind.unwrap_or("-").to_string(),
                    s.claims.to_string(),
                    format!("{:.1}%", s.share),
                    s.documents.to_string(),
                    s.outlets.to_string(),
                    or_null(&s.first, "-"),
                    or_null(&s.last, "-"),
                ]
            })
            .collect(),
    );
    table(
        &mut out,
        "Source kinds",
        &["kind", "claims"],
        r.kinds
            .iter()
            .map(|k| vec![or_null(&k.kind, corpus::NO_SOURCE), k.claims.to_string()])
            .collect(),
    );
    table(
        &mut out,
        "Labels",
        &["label", "claims", "documents"],
        r.labels
            .iter()
            .map(|l| {
                vec![
                    l.label.clone(),
                    l.claims.to_string(),
                    l.documents.to_string(),
                ]
            })
            .collect(),
    );
    table(
        &mut out,
        "Outlets",
        &["outlet", "claims", "documents"],
        r.outlets
            .iter()
            .map(|o| {
                vec![
                    or_null(&o.outlet, corpus::NO_OUTLET),
                    o.claims.to_string(),
                    o.documents.to_string(),
                ]
            })
            .collect(),
    );
    table(
        &mut out,
        "Who cites whom (outlet → via → source)",
        &["citation", "claims"],
        r.citations
            .iter()
            .map(|c| {
                vec![
                    format!(
                        "{} → {} → {}",
                        or_null(&c.outlet, corpus::NO_OUTLET),
                        or_null(&c.via, corpus::NO_VIA),
                        or_null(&c.source, corpus::NO_SOURCE)
                    ),
                    c.claims.to_string(),
                ]
            })
            .collect(),
    );
    table(
        &mut out,
        &format!("Timeline (by {})", r.period),
        &["period", "source", "claims"],
        r.timeline
            .iter()
            .map(|t| {
                vec![
                    or_null(&t.period, "(no date)"),
                    or_null(&t.source, corpus::NO_SOURCE),
                    t.claims.to_string(),
                ]
            })
            .collect(),
    );
    out
}
