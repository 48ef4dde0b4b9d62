//! The project commands: `new`, `add`, `extract`, `stats`, `update`.

use super::output::{
    count, describe_repairs, load, load_for_writing, lock_for_writing, note, print,
};
use crate::article::{self, ArticleError};
use crate::edit::{History, ops};
use crate::model::{Anchor, Annotator, FORMAT, Project};
use crate::store::{self, LoadReport};
use anyhow::{Result, anyhow, bail};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

// new

pub(super) fn new(path: &Path, name: &str, annotator: Option<String>) -> Result<()> {
    if path.symlink_metadata().is_ok() {
        bail!(
            "{} already exists; `new` never overwrites a file. Choose another name, or work on \
             it with `claimtrace add {0} PATH...`",
            path.display()
        );
    }
    let annotator = annotator
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| "annotator".to_string());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        bail!(
            "cannot create {}: the folder {} does not exist; create it first or choose another \
             path",
            path.display(),
            dir.display()
        );
    }
    let project = Project::new(name, Annotator::named(&annotator));
    store::save(&project, path)?;
    print(&format!(
        "Created {} (project {:?}, annotator {:?}). Add articles with `claimtrace add {} PATH...`\n",
        path.display(),
        project.name,
        project.annotator.name,
        path.display()
    ))
}

// ---------------------------------------------------------------------------------------------
// add

pub(super) fn add(project_path: &Path, paths: &[PathBuf], skip_bad: bool) -> Result<()> {
    let _lock = lock_for_writing(project_path, "add")?;
    let (mut project, _) = load_for_writing(project_path)?;

    // Files to read, and paths that give none (a folder without articles) as problems.
    let mut files = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(format!("{} does not exist; check the path", p.display()));
                continue;
            }
            Err(e) => {
                problems.push(format!("cannot read {}: {e}", p.display()));
                continue;
            }
            Ok(m) if m.is_file() && p.extension().is_none() => {
                problems.push(format!(
                    "{} has no file ending; Claimtrace imports {} files (rename it if it is one)",
                    p.display(),
                    extensions()
                ));
                continue;
            }
            Ok(_) => {}
        }
        let found = article::collect_files(std::slice::from_ref(p));
        if found.is_empty() {
            problems.push(format!(
                "{} is a folder without any {} files",
                p.display(),
                extensions()
            ));
        }
        files.extend(found);
    }

    // A progress bar on a terminal only; nothing extra when stderr is piped.
    let bar = (files.len() > 1 && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(files.len() as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} reading {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    });
    let (summary, errors) =
        article::read_new(&article::known_texts(&project), &files, |i, _, f| {
            if let Some(bar) = &bar {
                bar.set_position(i as u64);
                bar.set_message(
                    f.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                );
            }
            true
        });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    problems.extend(errors.iter().map(describe_article_error));

    if !problems.is_empty() && !skip_bad {
        let good = summary.documents.len();
        let mut msg = format!(
            "cannot add to {}: {} cannot be read:\n",
            project_path.display(),
            count(problems.len(), "path", "paths")
        );
        for p in &problems {
            msg.push_str(&format!("  {p}\n"));
        }
        msg.push_str(&format!(
            "Nothing was added and {} is unchanged. Fix or remove these paths",
            project_path.display()
        ));
        if good > 0 {
            msg.push_str(&format!(
                ", or run again with --skip-bad to add the {} that can be read",
                count(good, "other article", "other articles")
            ));
        }
        bail!(msg);
    }

    for n in &summary.notices {
        note(&format!("note: {n}; check that its text reads correctly"));
    }

    let mut history = History::new();
    let mut added = Vec::new();
    for doc in summary.documents {
        added.push(format!(
            "  added {:?} ({}, {} chars)",
            doc.title,
            doc.origin.file.as_deref().unwrap_or("?"),
            doc.text.chars().count()
        ));
        let edit = ops::add_document(&project, doc);
        history.apply(&mut project, edit).map_err(|e| {
            anyhow!(
                "cannot add to {}: {e}. Nothing was added and the file is unchanged",
                project_path.display()
            )
        })?;
    }
    if !added.is_empty() {
        store::save(&project, project_path)?;
    }

    let skipped = summary.skipped.len() + if skip_bad { problems.len() } else { 0 };
    let mut out = format!(
        "{}: imported {}, skipped {}\n",
        project_path.display(),
        added.len(),
        skipped
    );
    for line in &added {
        out.push_str(line);
        out.push('\n');
    }
    for (file, why) in &summary.skipped {
        out.push_str(&format!("  skipped {}: {why}\n", file.display()));
    }
    if skip_bad {
        for p in &problems {
            out.push_str(&format!("  skipped (cannot read) {p}\n"));
        }
    }
    print(&out)?;

    if added.is_empty() && !problems.is_empty() {
        bail!(
            "nothing could be added to {}; it is unchanged",
            project_path.display()
        );
    }
    Ok(())
}

/// The endings `add` reads, for messages (".txt .md .markdown").
fn extensions() -> String {
    article::EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An article error as one line: the library's message, plus what to do where it has none.
fn describe_article_error(e: &ArticleError) -> String {
    match e {
        ArticleError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            format!("{e}; check the path")
        }
        ArticleError::Empty { .. } => format!("{e}; leave it out"),
        _ => e.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// extract

/// What `extract --json` prints (one object; unknown fields are null).
#[derive(Debug, Serialize)]
pub struct ExtractJson {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub extractor: String,
    pub text: String,
}

pub(super) fn extract(file: &Path, json: bool) -> Result<()> {
    let x = article::extract_file(file).map_err(|e| anyhow!(describe_article_error(&e)))?;
    if let Some(n) = &x.notice {
        note(&format!("note: {n}; check that its text reads correctly"));
    }
    if json {
        let out = ExtractJson {
            title: Some(x.title).filter(|t| !t.is_empty()),
            byline: x.byline,
            published: x.published,
            site: x.site,
            url: x.url,
            lang: x.lang,
            extractor: x.extractor,
            text: x.text,
        };
        let mut text = serde_json::to_string_pretty(&out)?;
        text.push('\n');
        print(&text)
    } else {
        let mut text = x.text;
        if !text.ends_with('\n') {
            text.push('\n');
        }
        print(&text)
    }
}

// ---------------------------------------------------------------------------------------------
// stats

/// The summary `stats --json` prints (one object).
#[derive(Debug, Serialize)]
pub struct Stats {
    /// The project file format number found in the file.
    pub format: u32,
    pub name: String,
    pub annotator: String,
    pub documents: usize,
    pub claims: usize,
    /// Claims attributed to at least one registry source.
    pub attributed: usize,
    /// Claims attributed to several sources at once (joint attributions).
    pub joint: usize,
    /// Claims without a registry source (the writer's own, or not yet attributed).
    pub unattributed: usize,
    /// Registry sources.
    pub sources: usize,
    /// Registry sources that no claim names as source or intermediary.
    pub unused_sources: usize,
    /// Claims with a span that cannot be placed in the text.
    pub orphaned: usize,
    /// Claims whose spans were moved to where their quotes are.
    pub reanchored: usize,
    /// Label id → number of claims (every label of the project, zero included).
    pub labels: BTreeMap<String, usize>,
    /// Status → number of claims.
    pub statuses: BTreeMap<String, usize>,
    /// Attribution mode → number of attributed claims.
    pub modes: BTreeMap<String, usize>,
    /// Source id → number of claims attributed to it (a joint claim counts once for each of its
    /// sources, so the numbers may add up to more than `attributed`).
    pub by_source: BTreeMap<String, usize>,
    /// Claims nested in another claim.
    pub nested: usize,
    /// Claims relayed through an intermediary.
    pub via: usize,
    pub per_document: Vec<DocumentStats>,
    /// What loading repaired (not yet saved).
    pub load: LoadStats,
    /// The file is of a newer format than this build writes (read-only).
    pub read_only: bool,
    /// Claims a merge left unresolved (competing claims awaiting a reviewer).
    pub unresolved: usize,
    /// Claims with at least one review note, by verdict of the notes ("approved",
    /// "needs-change", "comment") → number of notes.
    pub reviewed: usize,
    pub reviews: BTreeMap<String, usize>,
    /// Claims made from accepted attribution suggestions (origin suggested).
    pub suggested: usize,
    /// Suggestions the researcher rejected (not proposed again).
    pub rejected_suggestions: usize,
}

#[derive(Debug, Serialize)]
pub struct DocumentStats {
    pub id: String,
    pub title: String,
    pub file: Option<String>,
    pub chars: usize,
    pub sha256: String,
    pub claims: usize,
    pub attributed: usize,
    pub orphaned: usize,
    pub reanchored: usize,
}

#[derive(Debug, Serialize)]
pub struct LoadStats {
    pub reanchored_now: usize,
    pub repaired_documents: usize,
}

/// Summarise a loaded project.
pub fn summarise(p: &Project, report: &LoadReport) -> Stats {
    let mut labels: BTreeMap<String, usize> = p.labels.iter().map(|l| (l.id.clone(), 0)).collect();
    let mut statuses = BTreeMap::new();
    let mut modes = BTreeMap::new();
    let mut by_source = BTreeMap::new();
    for c in &p.claims {
        *labels.entry(c.label.clone()).or_default() += 1;
        *statuses.entry(c.status.as_str().to_string()).or_default() += 1;
        if let Some(a) = &c.attribution {
            *modes.entry(a.mode.as_str().to_string()).or_default() += 1;
        }
        for s in c.sources() {
            *by_source.entry(s.to_string()).or_default() += 1;
        }
    }
    // Sources named by a claim (as a source or as its intermediary), in one pass.
    let named: HashSet<&str> = p
        .claims
        .iter()
        .filter_map(|c| c.attribution.as_ref())
        .flat_map(|a| a.sources.iter().chain(a.via.iter()))
        .map(String::as_str)
        .collect();
    let used = |id: &str| named.contains(id);
    let by_doc = p.claims_by_document();
    let attributed = p.claims.iter().filter(|c| !c.sources().is_empty()).count();
    let anchored = |a: Anchor| p.claims.iter().filter(|c| c.anchor == a).count();
    let per_document = p
        .documents
        .iter()
        .map(|d| {
            let claims = by_doc.of(&d.id);
            DocumentStats {
                id: d.id.clone(),
                title: d.title.clone(),
                file: d.origin.file.clone(),
                chars: d.text.chars().count(),
                sha256: d.sha256.clone(),
                claims: claims.len(),
                attributed: claims.iter().filter(|c| !c.sources().is_empty()).count(),
                orphaned: claims
                    .iter()
                    .filter(|c| c.anchor == Anchor::Orphaned)
                    .count(),
                reanchored: claims
                    .iter()
                    .filter(|c| c.anchor == Anchor::Reanchored)
                    .count(),
            }
        })
        .collect();
    Stats {
        format: p.format,
        name: p.name.clone(),
        annotator: p.annotator.name.clone(),
        documents: p.documents.len(),
        claims: p.claims.len(),
        attributed,
        joint: p.claims.iter().filter(|c| c.sources().len() > 1).count(),
        unattributed: p.claims.len() - attributed,
        sources: p.sources.len(),
        unused_sources: p.sources.iter().filter(|s| !used(&s.id)).count(),
        orphaned: anchored(Anchor::Orphaned),
        reanchored: anchored(Anchor::Reanchored),
        labels,
        statuses,
        modes,
        by_source,
        nested: p
            .claims
            .iter()
            .filter(|c| c.attribution.as_ref().is_some_and(|a| a.within.is_some()))
            .count(),
        via: p
            .claims
            .iter()
            .filter(|c| c.attribution.as_ref().is_some_and(|a| a.via.is_some()))
            .count(),
        per_document,
        load: LoadStats {
            reanchored_now: report.reanchored_now,
            repaired_documents: report.repaired_documents,
        },
        read_only: report.newer_format.is_some(),
        unresolved: p.claims.iter().filter(|c| c.unresolved.is_some()).count(),
        reviewed: p.claims.iter().filter(|c| !c.reviews.is_empty()).count(),
        suggested: p.claims.iter().filter(|c| !c.origin.is_human()).count(),
        rejected_suggestions: p.rejected.len(),
        reviews: {
            let mut m = BTreeMap::new();
            for r in p.claims.iter().flat_map(|c| &c.reviews) {
                *m.entry(r.verdict.as_str().to_string()).or_default() += 1;
            }
            m
        },
    }
}

pub(super) fn stats(path: &Path, json: bool) -> Result<()> {
    let (project, report) = load(path)?;
    let s = summarise(&project, &report);
    if json {
        let mut text = serde_json::to_string_pretty(&s)?;
        text.push('\n');
        return print(&text);
    }
    print(&human_stats(path, &project, &report, &s))
}

fn human_stats(path: &Path, p: &Project, report: &LoadReport, s: &Stats) -> String {
    let mut o = String::new();
    let mut line = |l: String| {
        o.push_str(&l);
        o.push('\n');
    };
    line(format!(
        "{}: project {:?}, format {}, annotator {:?}",
        path.display(),
        s.name,
        s.format,
        s.annotator
    ));
    if let Some(found) = report.newer_format {
        line(format!(
            "  written by a newer Claimtrace (format {found}; this build knows up to {FORMAT}): \
             read-only here"
        ));
    }
    line(format!(
        "{}, {} ({} attributed to a source, {} without), {} ({} unused)",
        count(s.documents, "document", "documents"),
        count(s.claims, "claim", "claims"),
        s.attributed,
        s.unattributed,
        count(s.sources, "source", "sources"),
        s.unused_sources
    ));
    if s.joint > 0 {
        line(format!(
            "{} attributed to several sources jointly (counted for each below)",
            count(s.joint, "claim", "claims")
        ));
    }
    if s.nested > 0 || s.via > 0 {
        line(format!(
            "{} nested in another claim, {} relayed through an intermediary",
            s.nested, s.via
        ));
    }
    let labels: Vec<String> = p
        .labels
        .iter()
        .map(|l| format!("{} {}", l.name, s.labels.get(&l.id).copied().unwrap_or(0)))
        .collect();
    line(format!("labels: {}", labels.join(", ")));
    if !s.statuses.is_empty() {
        let st: Vec<String> = s.statuses.iter().map(|(k, v)| format!("{k} {v}")).collect();
        line(format!("statuses: {}", st.join(", ")));
    }
    if !s.by_source.is_empty() {
        let mut top: Vec<(&String, &usize)> = s.by_source.iter().collect();
        top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let mut source_names: std::collections::HashMap<&str, &str> = Default::default();
        for src in &p.sources {
            source_names.entry(&src.id).or_insert(&src.name);
        }
        let names: Vec<String> = top
            .iter()
            .map(|(id, n)| {
                let name = source_names.get(id.as_str()).copied().unwrap_or(id);
                format!("{name} {n}")
            })
            .collect();
        line(format!("claims by source: {}", names.join(", ")));
    }
    line(format!(
        "anchoring: {} re-anchored, {} orphaned{}",
        s.reanchored,
        s.orphaned,
        if s.orphaned > 0 {
            " (their quotes were not found in the text; check them in the window)"
        } else {
            ""
        }
    ));
    if s.unresolved > 0 {
        line(format!(
            "unresolved: {} from a merge await a reviewer (settle them in the window)",
            count(s.unresolved, "claim", "claims")
        ));
    }
    if s.reviewed > 0 {
        let v: Vec<String> = s.reviews.iter().map(|(k, v)| format!("{k} {v}")).collect();
        line(format!(
            "reviews: {} reviewed ({})",
            count(s.reviewed, "claim", "claims"),
            v.join(", ")
        ));
    }
    if s.suggested > 0 || s.rejected_suggestions > 0 {
        line(format!(
            "suggestions: {} accepted as claims, {} rejected",
            count(s.suggested, "claim", "claims"),
            s.rejected_suggestions
        ));
    }
    match describe_repairs(report) {
        Some(r) => line(format!(
            "on loading: {r} (in memory only; the file changes at the next save)"
        )),
        None => line("on loading: the file is consistent, nothing needed repair".into()),
    }
    if !s.per_document.is_empty() {
        line("documents:".into());
        for d in &s.per_document {
            let mut extra = String::new();
            if d.orphaned > 0 {
                extra.push_str(&format!(", {} orphaned", d.orphaned));
            }
            if d.reanchored > 0 {
                extra.push_str(&format!(", {} re-anchored", d.reanchored));
            }
            line(format!(
                "  {:?}: {} chars, {} ({} attributed{extra})  [{}]",
                d.title,
                d.chars,
                count(d.claims, "claim", "claims"),
                d.attributed,
                d.file.as_deref().unwrap_or(&d.id)
            ));
        }
    }
    o
}

// ---------------------------------------------------------------------------------------------
// update

/// A quote for one line of output: at most 70 chars, line breaks shown as spaces.
pub(super) fn short_quote(q: &str) -> String {
    let flat: String = q
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if flat.chars().count() <= 70 {
        format!("{flat:?}")
    } else {
        let head: String = flat.chars().take(67).collect();
        format!("{:?}", format!("{head}…"))
    }
}

pub(super) fn update(project_path: &Path, doc_id: &str, file: &Path) -> Result<()> {
    let _lock = lock_for_writing(project_path, "update")?;
    let (mut project, _) = load_for_writing(project_path)?;
    let Some(doc) = project.document(doc_id) else {
        let ids: Vec<String> = project
            .documents
            .iter()
            .map(|d| format!("  {} ({:?})", d.id, d.title))
            .collect();
        if ids.is_empty() {
            bail!(
                "{} has no document with id {doc_id:?}: it has no documents at all. Add one with \
                 `claimtrace add {0} FILE`",
                project_path.display()
            );
        }
        bail!(
            "{} has no document with id {doc_id:?}; its documents are:\n{}\nNothing was \
             changed. Give one of these ids to --document",
            project_path.display(),
            ids.join("\n")
        );
    };
    let title = doc.title.clone();
    let old_chars = doc.text.chars().count();
    let (newer, notice) = article::read_file(file).map_err(|e| {
        anyhow!(
            "{}\nNothing was changed in {}",
            describe_article_error(&e),
            project_path.display()
        )
    })?;
    if let Some(n) = notice {
        note(&format!("note: {n}; check that its text reads correctly"));
    }
    let Some((edit, report)) = ops::update_document_text(&project, doc_id, &newer.text) else {
        return print(&format!(
            "{}: document {title:?} already has the text of {}; nothing changed\n",
            project_path.display(),
            file.display()
        ));
    };
    let mut history = History::new();
    history.apply(&mut project, edit).map_err(|e| {
        anyhow!(
            "cannot update document {doc_id:?} in {}: {e}. Nothing was changed",
            project_path.display()
        )
    })?;
    store::save(&project, project_path)?;
    let mut out = format!(
        "{}: updated document {title:?} from {} ({old_chars} → {} chars): {} unchanged, {} \
         moved, {} orphaned\n",
        project_path.display(),
        file.display(),
        newer.text.chars().count(),
        count(report.unchanged, "claim", "claims"),
        report.moved,
        report.orphaned
    );
    for (what, ids) in [
        ("moved", &report.moved_ids),
        ("orphaned", &report.orphaned_ids),
    ] {
        for id in ids {
            let quote = project.claim(id).map(|c| c.quote()).unwrap_or_default();
            out.push_str(&format!("  {what} {id}: {}\n", short_quote(&quote)));
        }
    }
    if report.orphaned > 0 {
        out.push_str(
            "Orphaned claims keep their old spans; re-attach or delete them in the window's \
             Orphans queue.\n",
        );
    }
    print(&out)
}
