//! `sources`: the registry as a table or JSON lines, the proposed merges (`--clusters`), and
//! merging sources (`--merge ID... --into ID`) as one edit saved atomically under the lock.

use super::output::{count, load, load_for_writing, lock_for_writing, print};
use crate::edit::History;
use crate::identity;
use crate::model::Project;
use crate::store;
use anyhow::{Result, anyhow, bail};
use std::path::Path;

/// What `sources` was asked to do.
pub(super) enum Action<'a> {
    List,
    Clusters,
    Merge {
        members: &'a [String],
        into: &'a str,
    },
}

pub(super) fn sources(project_path: &Path, action: Action<'_>, json: bool) -> Result<()> {
    match action {
        Action::List => {
            let (project, _) = load(project_path)?;
            let rows = identity::rows(&project);
            if json {
                return print(&json_lines(&rows)?);
            }
            print(&table(project_path, &rows))
        }
        Action::Clusters => {
            let (project, _) = load(project_path)?;
            let clusters = identity::clusters(&project);
            if json {
                return print(&json_lines(&clusters)?);
            }
            print(&human_clusters(project_path, &project, &clusters))
        }
        Action::Merge { members, into } => merge(project_path, members, into, json),
    }
}

fn json_lines<T: serde::Serialize>(items: &[T]) -> Result<String> {
    let mut out = String::new();
    for item in items {
        out.push_str(&serde_json::to_string(item)?);
        out.push('\n');
    }
    Ok(out)
}

/// Ids and names of the registry nearest to `typed`, for a message about an unknown id.
fn close_ids(p: &Project, typed: &str) -> String {
    let typed_l = typed.to_lowercase();
    let mut near: Vec<(f64, &str, &str)> = p
        .sources
        .iter()
        .map(|s| {
            let by_id = strsim::jaro_winkler(&typed_l, &s.id.to_lowercase());
            let by_name = s
                .names()
                .map(|n| strsim::jaro_winkler(&typed_l, &n.to_lowercase()))
                .fold(0.0, f64::max);
            (by_id.max(by_name), s.id.as_str(), s.name.as_str())
        })
        .filter(|(score, _, _)| *score > 0.6)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    if near.is_empty() {
        return "`claimtrace sources PROJECT` lists the ids".to_string();
    }
    let list: Vec<String> = near
        .iter()
        .take(5)
        .map(|(_, id, name)| format!("{id} ({name})"))
        .collect();
    format!("close ids: {}", list.join(", "))
}

fn merge(project_path: &Path, members: &[String], into: &str, json: bool) -> Result<()> {
    let _lock = lock_for_writing(project_path, "sources --merge")?;
    let (mut project, _) = load_for_writing(project_path)?;
    for id in members.iter().map(String::as_str).chain([into]) {
        if project.source(id).is_none() {
            bail!(
                "{}: no source with id {id:?} in the registry ({}); nothing was merged and the \
                 project is unchanged",
                project_path.display(),
                close_ids(&project, id)
            );
        }
    }
    let edit = identity::merge(&project, members, into).map_err(|e| {
        anyhow!(
            "{}: {e}; nothing was merged and the project is unchanged",
            project_path.display()
        )
    })?;
    let gone: Vec<String> = members
        .iter()
        .filter(|m| m.as_str() != into)
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let moved = identity::claim_counts(&project)
        .iter()
        .filter(|(id, _)| gone.iter().any(|g| g == *id))
        .map(|(_, n)| n)
        .sum::<usize>();
    let mut history = History::new();
    history.apply(&mut project, edit).map_err(|e| {
        anyhow!(
            "{}: cannot merge: {e}; the project is unchanged",
            project_path.display()
        )
    })?;
    store::save(&project, project_path)?;
    let kept = identity::rows(&project)
        .into_iter()
        .find(|r| r.id == into)
        .ok_or_else(|| anyhow!("{into} vanished in the merge"))?;
    if json {
        return print(&json_lines(&[kept])?);
    }
    print(&format!(
        "{}: merged {} into {} ({:?}); {} now {}, aliases: {}\n",
        project_path.display(),
        count(gone.len(), "source", "sources"),
        kept.id,
        kept.name,
        count(moved, "claim moved;", "claims moved;"),
        count(kept.claims, "claim", "claims"),
        if kept.aliases.is_empty() {
            "none".to_string()
        } else {
            kept.aliases.join(", ")
        }
    ))
}

/// The registry as an aligned table: id, name, kind, claims, aliases.
fn table(path: &Path, rows: &[identity::SourceRow]) -> String {
    let head = ["id", "name", "kind", "claims", "aliases"];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            [
                r.id.clone(),
                r.name.clone(),
                r.kind.to_string(),
                r.claims.to_string(),
                r.aliases.join("; "),
            ]
        })
        .collect();
    let mut width = head.map(|h| h.chars().count());
    for row in &cells {
        for (w, c) in width.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |row: [&str; 5]| -> String {
        let mut l = String::new();
        for (i, (c, w)) in row.iter().zip(width).enumerate() {
            let pad = " ".repeat(w - c.chars().count());
            if i == 3 {
                l.push_str(&format!("{pad}{c}  "));
            } else if i == 4 {
                l.push_str(c);
            } else {
                l.push_str(&format!("{c}{pad}  "));
            }
        }
        format!("{}\n", l.trim_end())
    };
    let mut out = format!(
        "{}: {}\n\n",
        path.display(),
        count(rows.len(), "source", "sources")
    );
    out.push_str(&line(head));
    for row in &cells {
        out.push_str(&line([&row[0], &row[1], &row[2], &row[3], &row[4]]));
    }
    out
}

/// Proposed merges, one block per cluster, the proposed source to keep first.
fn human_clusters(path: &Path, p: &Project, clusters: &[identity::Cluster]) -> String {
    let counts = identity::claim_counts(p);
    let mut out = format!(
        "{}: {} proposed ({} of {})\n",
        path.display(),
        count(clusters.len(), "merge", "merges"),
        count(
            clusters.iter().map(|c| c.members.len()).sum(),
            "source",
            "sources"
        ),
        p.sources.len()
    );
    for c in clusters {
        out.push_str(&format!("\n{} (score {:.2})\n", c.method.as_str(), c.score));
        for (k, id) in c.members.iter().enumerate() {
            let name = p.source(id).map_or("?", |s| s.name.as_str());
            let n = counts.get(id.as_str()).copied().unwrap_or(0);
            out.push_str(&format!(
                "  {} {id}  {name:?}  {}\n",
                if k == 0 { "keep" } else { "    " },
                count(n, "claim", "claims")
            ));
        }
        let rest: Vec<&str> = c.members[1..].iter().map(String::as_str).collect();
        out.push_str(&format!(
            "  claimtrace sources {} --merge {} --into {}\n",
            path.display(),
            rest.join(" "),
            c.members[0]
        ));
    }
    out
}
