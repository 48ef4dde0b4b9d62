//! The command line: `new`, `add`, `extract`, `stats`, `export`, `import`, `update`, `agree`,
//! `merge`, `suggest`; no subcommand opens the window.
//!
//! This is the edge of the program: errors from the library are turned into messages (with
//! `anyhow`) and exit statuses here. Exit status 0 is success, 1 a bad input (the message names
//! the file, what is wrong and what to do), 2 a usage error (clap's own message).
//!
//! A command that changes a project loads it, applies its changes as edits through
//! [`History`], and saves it atomically once at the end; if anything fails before that, the
//! project file is not touched. While it writes, it holds the project's lock file
//! ([`store::lock`]); a project open in a live Claimtrace window is refused, never written.

use crate::article::{self, ArticleError};
use crate::corpus;
use crate::edit::{History, ops};
use crate::formats;
use crate::model::{Anchor, Annotator, FORMAT, Project, fresh};
use crate::review;
use crate::store::lock::{LockState, ProjectLock};
use crate::store::{self, LoadReport, StoreError};
use crate::suggest;
use anyhow::{Result, anyhow, bail};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Claimtrace: record who claims what in news articles.
///
/// Without a command, opens the annotation window on PROJECT (or on the last project, or on
/// the demo project the first time).
#[derive(Debug, Parser)]
#[command(
    name = "claimtrace",
    version = crate::VERSION,
    args_conflicts_with_subcommands = true,
    after_help = "Exit status: 0 success, 1 bad input (the message names the file), 2 usage error."
)]
pub struct Cli {
    /// The project file to open in the window.
    #[arg(value_name = "PROJECT")]
    pub project: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty project file (never overwrites an existing file).
    New {
        /// Where to create the project (e.g. vietnam.claimtrace; .ron works too).
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// The project's name.
        #[arg(long, value_name = "NAME", value_parser = non_empty)]
        name: String,
        /// Who annotates in this project (default: the login name).
        #[arg(long, value_name = "NAME", value_parser = non_empty)]
        annotator: Option<String>,
    },
    /// Import articles (.txt, .md, .html, .pdf, .docx) into a project; a folder means every such file inside.
    ///
    /// Texts the project already has are skipped and named. If any file cannot be read, nothing
    /// is added and the project is left as it was, unless --skip-bad is given.
    Add {
        /// The project file.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// Article files or folders.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        /// Add the readable files and report the others, instead of refusing the whole batch.
        #[arg(long)]
        skip_bad: bool,
    },
    /// Print an article's extracted text, as `add` would import it (--json: metadata and text).
    Extract {
        /// The article file (.txt, .md, .html).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Print one JSON object: title, byline, published, site, url, lang, extractor, text.
        #[arg(long)]
        json: bool,
    },
    /// Check a project file and summarise it.
    Stats {
        /// The project file.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Export claims with their attributions (and their articles) for analysis or other tools.
    ///
    /// Filters narrow the claims: each may repeat (any of its values), and all given filters
    /// must hold. Without filters, every claim and every document is exported.
    #[command(
        after_help = "Formats: csv (one row per claim), jsonl (one document per line), \
        w3c (W3C Web Annotation JSON-LD), brat (a folder of X.txt/X.ann with annotation.conf and \
        visual.conf), html (a self-contained report). The output is written atomically; an \
        existing file (or earlier brat export folder) is replaced."
    )]
    Export {
        /// The project file.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// The export format.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: ExportFormatArg,
        /// The file to write (for brat, the folder).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Only claims with this label (id or name).
        #[arg(long = "label", value_name = "LABEL")]
        labels: Vec<String>,
        /// Only claims attributed to this registry source (name or alias; a joint claim matches
        /// if any of its sources does).
        #[arg(long = "source", value_name = "SOURCE")]
        sources: Vec<String>,
        /// Only claims with this status (unverified, supported, disputed, false, unverifiable).
        #[arg(long = "status", value_name = "STATUS")]
        statuses: Vec<String>,
        /// Only claims of this document (its id; `claimtrace stats PROJECT --json` lists them).
        #[arg(long = "document", value_name = "ID")]
        documents: Vec<String>,
    },
    /// Import annotations (and their articles) from another tool's files.
    Import {
        /// The project file.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// The annotation format.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: ImportFormat,
        /// brat: a folder of X.txt/X.ann pairs, or one X.ann beside its X.txt; jsonl, w3c: the
        /// file a Claimtrace export wrote.
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// Who the imported claims are credited to (default: the project's annotator).
        #[arg(long, value_name = "NAME", value_parser = non_empty)]
        annotator: Option<String>,
        /// brat: skip (and list) text-bound annotations whose text disagrees with the article,
        /// instead of refusing the import.
        #[arg(long)]
        lenient: bool,
    },
    /// Replace a document's text with a newer version of the article and carry every claim
    /// over by re-anchoring; prints what moved and what became an orphan (nothing is dropped).
    Update {
        /// The project file.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// The id of the document to update (`claimtrace stats PROJECT --json` lists them).
        #[arg(long, value_name = "ID")]
        document: String,
        /// The newer version of the article (.txt, .md, .html, .pdf, .docx).
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Measure agreement between annotators' projects of the same articles (documents are
    /// matched by their text), for every pair of projects and the mean over pairs.
    ///
    /// Measures: exact and overlap F1 of content, mention and cue; Cohen's kappa over labels and
    /// the share of same sources, both over overlap-matched claims; Krippendorff's unitizing
    /// alpha over content. A measure with nothing to measure is null (--json) or "-".
    Agree {
        /// Two or more project files, one per annotator.
        #[arg(value_name = "PROJECT", num_args = 2.., required = true)]
        projects: Vec<PathBuf>,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Also write every disagreement (partial, only one side) to this CSV file, one row per
        /// pair of claims.
        #[arg(long, value_name = "OUT.csv")]
        disagreements: Option<PathBuf>,
    },
    /// Propose attributions (content, cue, source mention, registry source, intermediary) for
    /// the project's documents, learned from its own claims and registry.
    ///
    /// Without --apply the project file is only read. Suggestions the researcher rejected are
    /// never proposed; those a claim already makes are listed by --json (so a script can compare
    /// the suggester with the researcher), left out of the summary's counts, and skipped by
    /// --apply.
    Suggest {
        /// The project file.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// Only this document (its id; `claimtrace stats PROJECT --json` lists them); may repeat.
        #[arg(long = "document", value_name = "ID")]
        documents: Vec<String>,
        /// Drop suggestions below this confidence (0–1). The default is where suggestions are
        /// right at least four times in five on the development set.
        #[arg(long, value_name = "X", value_parser = confidence)]
        min_confidence: Option<f32>,
        /// One JSON object per suggestion per line: document, content, cue, mention (spans as
        /// [start, end] code points of the stored text), sources, via, confidence, why.
        #[arg(long)]
        json: bool,
        /// Add the suggestions as claims (origin suggested, status unverified) in one save.
        #[arg(long)]
        apply: bool,
        /// Do not learn cues, patterns and source names from the project's claims (the registry's
        /// names and aliases still name sources).
        #[arg(long)]
        no_learn: bool,
    },
    /// Count the corpus: claims by source, label, outlet and source kind, who cites whom
    /// (outlet → via → source), and claims over time by published month.
    ///
    /// A joint claim counts once for each of its sources; a claim with no source counts under
    /// source null. The filters are those of `export`.
    Report {
        /// The project file.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// Print one JSON object: sources, labels, outlets, kinds, citations, timeline.
        #[arg(long)]
        json: bool,
        /// Only claims with this label (id or name).
        #[arg(long = "label", value_name = "LABEL")]
        labels: Vec<String>,
        /// Only claims attributed to this registry source (name or alias; a joint claim matches
        /// if any of its sources does, and then counts for all of them).
        #[arg(long = "source", value_name = "SOURCE")]
        sources: Vec<String>,
        /// Only claims with this status (unverified, supported, disputed, false, unverifiable).
        #[arg(long = "status", value_name = "STATUS")]
        statuses: Vec<String>,
        /// Only claims of this document (its id; `claimtrace stats PROJECT --json` lists them).
        #[arg(long = "document", value_name = "ID")]
        documents: Vec<String>,
    },
    /// Merge two annotators' projects into a curated one: agreed claims become one claim,
    /// disagreements are kept side by side and marked unresolved (settle them in the window),
    /// source registries are reconciled by name and alias.
    Merge {
        /// My project (its name, annotator and ids are kept).
        #[arg(value_name = "PROJECT")]
        mine: PathBuf,
        /// Their project.
        #[arg(value_name = "PROJECT")]
        theirs: PathBuf,
        /// Where to write the merged project (an existing file is replaced; the old one is kept
        /// as .bak).
        #[arg(long, value_name = "PROJECT")]
        out: PathBuf,
    },
    /// Git's merge driver for project files (`claimtrace git-setup` registers it): a three-way
    /// merge claim by claim written into OURS. Exit 0: merged cleanly; 1: conflicts remain
    /// (kept as unresolved claims to settle in Review, or git's conflict markers when an input
    /// is not a project this build can read).
    MergeDriver {
        /// The common ancestor (git's %O).
        base: PathBuf,
        /// Our version (git's %A); the result is written here.
        ours: PathBuf,
        /// Their version (git's %B).
        theirs: PathBuf,
        /// The project's path in the repository (git's %P), for messages.
        path: Option<String>,
        /// Who made our side (a branch name), recorded on competing claims; default "ours".
        #[arg(long, value_name = "NAME")]
        ours_name: Option<String>,
        /// Who made their side (a branch name); default "theirs".
        #[arg(long, value_name = "NAME")]
        theirs_name: Option<String>,
    },
    /// Register Claimtrace's merge driver in this git repository (its config and
    /// .gitattributes), so `git merge` merges project files claim by claim. Run it again at no
    /// cost: what is already set is left as it is.
    GitSetup {
        /// Which files are projects, as a .gitattributes pattern; repeat for several.
        #[arg(long, value_name = "GLOB", default_values = ["*.claimtrace", "*.ron"])]
        pattern: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// brat standoff (.txt + .ann), PolNeAR attribution scheme.
    Brat,
    /// JSON Lines, one document per line (as `export --format jsonl` writes).
    Jsonl,
    /// W3C Web Annotation collection, JSON-LD (as `export --format w3c` writes).
    W3c,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// CSV, one row per claim (RFC 4180, UTF-8, header row).
    Csv,
    /// JSON Lines, one document with its claims per line.
    Jsonl,
    /// W3C Web Annotation collection (JSON-LD).
    W3c,
    /// brat standoff folder (PolNeAR scheme).
    Brat,
    /// Self-contained HTML report.
    Html,
}

impl From<ExportFormatArg> for formats::ExportFormat {
    fn from(f: ExportFormatArg) -> Self {
        match f {
            ExportFormatArg::Csv => formats::ExportFormat::Csv,
            ExportFormatArg::Jsonl => formats::ExportFormat::Jsonl,
            ExportFormatArg::W3c => formats::ExportFormat::W3c,
            ExportFormatArg::Brat => formats::ExportFormat::Brat,
            ExportFormatArg::Html => formats::ExportFormat::Html,
        }
    }
}

fn confidence(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err("must be a number from 0 to 1, e.g. 0.6".into()),
    }
}

fn non_empty(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        Err("must not be empty".into())
    } else {
        Ok(t.to_string())
    }
}

/// Run the command line; returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print and succeed (0); anything else is a usage error (2).
            let _ = e.print();
            return e.exit_code();
        }
    };
    if cli.command.is_none()
        && let Some(word) = cli.project.as_deref()
        && let Some(message) = unknown_command(word)
    {
        note(&message);
        return 2;
    }
    if let Some(Command::MergeDriver {
        base,
        ours,
        theirs,
        path,
        ours_name,
        theirs_name,
    }) = &cli.command
    {
        return merge_driver(
            base,
            ours,
            theirs,
            path.as_deref(),
            &side_name(ours_name.as_deref(), "ours"),
            &side_name(theirs_name.as_deref(), "theirs"),
        );
    }
    match run(cli) {
        Ok(()) => 0,
        Err(e) => {
            // The messages name their file and cause already; the chain would repeat it.
            note(&format!("claimtrace: {e}"));
            1
        }
    }
}

/// A first word that is not an existing file and is not named like a project (`.claimtrace`,
/// `.ron`) is a mistyped command, never a project to open: the message names the closest
/// commands.
fn unknown_command(word: &Path) -> Option<String> {
    if word.exists() || store::is_project_path(word) {
        return None;
    }
    let typed = word.to_string_lossy();
    let cmd = <Cli as clap::CommandFactory>::command();
    let names: Vec<&str> = cmd
        .get_subcommands()
        .map(|c| c.get_name())
        .filter(|n| *n != "help")
        .collect();
    let mut near: Vec<(f64, &str)> = names
        .iter()
        .map(|n| (strsim::jaro_winkler(&typed, n), *n))
        .filter(|(score, _)| *score > 0.7)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    let hint = match near.as_slice() {
        [] => format!("the commands are: {}", names.join(", ")),
        [(_, one)] => format!("did you mean `{one}`?"),
        more => format!(
            "did you mean {}?",
            more.iter()
                .take(3)
                .map(|(_, n)| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    };
    Some(format!(
        "claimtrace: unknown command '{typed}' ({hint}). To open a project, give the path of \
         its .claimtrace or .ron file; `claimtrace --help` lists the commands."
    ))
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        None => crate::ui::run(cli.project),
        Some(Command::New {
            project,
            name,
            annotator,
        }) => new(&project, &name, annotator),
        Some(Command::Add {
            project,
            paths,
            skip_bad,
        }) => add(&project, &paths, skip_bad),
        Some(Command::Extract { file, json }) => extract(&file, json),
        Some(Command::Stats { project, json }) => stats(&project, json),
        Some(Command::Export {
            project,
            format,
            out,
            labels,
            sources,
            statuses,
            documents,
        }) => export(
            &project,
            format.into(),
            &out,
            [&labels, &sources, &statuses, &documents],
        ),
        Some(Command::Import {
            project,
            format,
            path,
            annotator,
            lenient,
        }) => import(&project, format, &path, annotator.as_deref(), lenient),
        Some(Command::Update {
            project,
            document,
            file,
        }) => update(&project, &document, &file),
        Some(Command::Agree {
            projects,
            json,
            disagreements,
        }) => agree(&projects, json, disagreements.as_deref()),
        Some(Command::Merge { mine, theirs, out }) => merge(&mine, &theirs, &out),
        Some(Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
            ours_name,
            theirs_name,
        }) => match merge_driver(
            &base,
            &ours,
            &theirs,
            path.as_deref(),
            &side_name(ours_name.as_deref(), "ours"),
            &side_name(theirs_name.as_deref(), "theirs"),
        ) {
            0 => Ok(()),
            _ => bail!("the merge left conflicts"),
        },
        Some(Command::GitSetup { pattern }) => git_setup(&pattern),
        Some(Command::Report {
            project,
            json,
            labels,
            sources,
            statuses,
            documents,
        }) => report(&project, json, [&labels, &sources, &statuses, &documents]),
        Some(Command::Suggest {
            project,
            documents,
            min_confidence,
            json,
            apply,
            no_learn,
        }) => suggest(
            &project,
            &documents,
            suggest::Options {
                min_confidence: min_confidence.unwrap_or(suggest::DEFAULT_MIN_CONFIDENCE),
                learn: !no_learn,
            },
            json,
            apply,
        ),
    }
}

/// Write a line to stderr; a closed stderr is not worth a panic.
fn note(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Write to stdout; a closed pipe (`claimtrace stats p.ron | head -1`) is not an error.
fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}

/// Load a project, adding advice to the library's message where there is one to give.
fn load(path: &Path) -> Result<(Project, LoadReport)> {
    store::load(path).map_err(|e| match &e {
        StoreError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            anyhow!(
                "{e}. Create a project with `claimtrace new {} --name NAME`",
                path.display()
            )
        }
        _ => anyhow!(e),
    })
}

/// Take the project's lock before changing it: a live holder (a Claimtrace window here or on
/// another machine sharing the folder) is refused; a stale lock (dead process) is taken over.
/// The lock is released when the returned value is dropped.
fn lock_for_writing(path: &Path, command: &str) -> Result<Option<ProjectLock>> {
    match ProjectLock::acquire(path, &format!("claimtrace {command}")) {
        Ok((lock, LockState::Acquired)) => Ok(lock),
        Ok((_, LockState::HeldBy(h))) => bail!("{}", h.busy_message(path)),
        // A missing project: loading it says so, with advice.
        Err(_) if !path.exists() => Ok(None),
        Err(e) => bail!(
            "cannot create the lock file {}: {e}. {} was not changed; check that its folder is \
             writable",
            store::lock::lock_path(path).display(),
            path.display()
        ),
    }
}

/// Load a project that is about to be changed: a file of a newer format is refused.
fn load_for_writing(path: &Path) -> Result<(Project, LoadReport)> {
    let (project, report) = load(path)?;
    if let Some(found) = report.newer_format {
        bail!(
            "{} was written by a newer Claimtrace (project format {found}; this build knows up to \
             {FORMAT}), so it was not changed. Update Claimtrace to change it",
            path.display()
        );
    }
    if let Some(repairs) = describe_repairs(&report) {
        note(&format!(
            "note: {}: {repairs}; saving keeps these repairs (the old file stays as .bak)",
            path.display()
        ));
    }
    Ok((project, report))
}

/// What loading had to fix, in words, if anything.
fn describe_repairs(r: &LoadReport) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(f) = r.migrated_from {
        parts.push(format!(
            "it was of project format {f} and was migrated to format {FORMAT} ({})",
            r.migrations.join("; ")
        ));
    }
    if r.reanchored_now > 0 {
        parts.push(format!(
            "{} re-anchored to where their quotes are",
            count(r.reanchored_now, "claim was", "claims were")
        ));
    }
    if r.repaired_documents > 0 {
        parts.push(format!(
            "{} had a text that was not normalised or a stale hash, and was repaired",
            count(r.repaired_documents, "document", "documents")
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

// ---------------------------------------------------------------------------------------------
// new

fn new(path: &Path, name: &str, annotator: Option<String>) -> Result<()> {
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

fn add(project_path: &Path, paths: &[PathBuf], skip_bad: bool) -> Result<()> {
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

fn extract(file: &Path, json: bool) -> Result<()> {
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

fn stats(path: &Path, json: bool) -> Result<()> {
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
// export

// ---------------------------------------------------------------------------------------------
// report

fn report(
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

fn export(
    project_path: &Path,
    format: formats::ExportFormat,
    out: &Path,
    [labels, sources, statuses, documents]: [&Vec<String>; 4],
) -> Result<()> {
    let (project, report) = load(project_path)?;
    if let Some(found) = report.newer_format {
        note(&format!(
            "note: {} was written by a newer Claimtrace (format {found}); what this build does \
             not know of is not exported",
            project_path.display()
        ));
    }
    let filter = formats::Filter::resolve(&project, labels, sources, statuses, documents)
        .map_err(|e| anyhow!("{}: {e}. Nothing was written", project_path.display()))?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        bail!(
            "cannot write {}: the folder {} does not exist; create it first or choose another \
             --out",
            out.display(),
            dir.display()
        );
    }
    let sel = filter.select(&project);
    if sel.claims.is_empty() {
        note(&format!(
            "note: no claim of {} passes the filters; the export holds {}",
            project_path.display(),
            count(sel.documents.len(), "document", "documents")
        ));
    }
    let done = formats::export(&sel, format, out)?;
    let what = if format.is_folder() {
        format!(" ({})", count(done.files, "file", "files"))
    } else {
        String::new()
    };
    print(&format!(
        "{}: exported {} to {}{what} ({})\n",
        project_path.display(),
        sel.summary(),
        out.display(),
        format.as_str()
    ))
}

// ---------------------------------------------------------------------------------------------
// import

fn import(
    project_path: &Path,
    format: ImportFormat,
    path: &Path,
    annotator: Option<&str>,
    lenient: bool,
) -> Result<()> {
    let _lock = lock_for_writing(project_path, "import")?;
    let (mut project, _) = load_for_writing(project_path)?;
    let unchanged = |e: &dyn std::fmt::Display| {
        anyhow!(
            "{e}\nNothing was imported and {} is unchanged",
            project_path.display()
        )
    };
    let (edit, report) = match format {
        ImportFormat::Brat => formats::brat::import_with(&project, path, annotator, lenient),
        ImportFormat::Jsonl => formats::jsonl::import(&project, path, annotator),
        ImportFormat::W3c => formats::w3c::import(&project, path, annotator),
    }
    .map_err(|e| unchanged(&e))?;
    let before = project.clone();
    let mut history = History::new();
    history
        .apply(&mut project, edit)
        .map_err(|e| unchanged(&format!("cannot import {}: {e}", path.display())))?;
    if project != before {
        store::save(&project, project_path)?;
    }
    for w in &report.warnings {
        note(&format!("warning: {w}"));
    }
    let mut out = format!(
        "{}: imported {} from {}: {} added, {} matched by text; {} added; {} and {} created\n",
        project_path.display(),
        count(
            report.documents_added + report.documents_matched,
            "document",
            "documents"
        ),
        path.display(),
        report.documents_added,
        report.documents_matched,
        count(report.claims_added, "claim", "claims"),
        count(report.sources_created, "source", "sources"),
        count(report.labels_created, "label", "labels"),
    );
    for k in &report.kept {
        out.push_str(&format!("  kept: {k}\n"));
    }
    print(&out)
}

// ---------------------------------------------------------------------------------------------
// update

/// A quote for one line of output: at most 70 chars, line breaks shown as spaces.
fn short_quote(q: &str) -> String {
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

fn update(project_path: &Path, doc_id: &str, file: &Path) -> Result<()> {
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

// ---------------------------------------------------------------------------------------------
// agree

/// One pair of annotators in `agree --json`.
#[derive(Debug, Serialize)]
struct AgreePair {
    a: String,
    b: String,
    #[serde(flatten)]
    measures: review::Measures,
}

/// `agree --json`: one object.
#[derive(Debug, Serialize)]
struct AgreeJson {
    annotators: Vec<String>,
    pairs: Vec<AgreePair>,
    mean: review::MeanMeasures,
}

/// Names for the annotators of `projects`: the annotator's name, made unique with the file name
/// (and a number) where two projects share one.
fn annotator_names(paths: &[PathBuf], projects: &[Project]) -> Vec<String> {
    let base: Vec<String> = projects
        .iter()
        .map(|p| {
            if p.annotator.name.trim().is_empty() {
                p.annotator.id.clone()
            } else {
                p.annotator.name.clone()
            }
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    for (i, name) in base.iter().enumerate() {
        let mut n = name.clone();
        if base.iter().filter(|b| *b == name).count() > 1 {
            let file = paths[i]
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            n = format!("{name} ({file})");
        }
        let unique = fresh(n.clone(), |x| out.iter().any(|o| o == x));
        out.push(unique.replacen(&format!("{n}-"), &format!("{n} #"), 1));
    }
    out
}

fn agree(paths: &[PathBuf], json: bool, disagreements: Option<&Path>) -> Result<()> {
    let mut projects = Vec::new();
    for p in paths {
        projects.push(load(p)?.0);
    }
    let names = annotator_names(paths, &projects);
    let mut pairs = Vec::new();
    let mut rows = Vec::new();
    for i in 0..projects.len() {
        for j in i + 1..projects.len() {
            let (a, b) = (&projects[i], &projects[j]);
            let agreement = review::agreement(a, b);
            if agreement.overall.documents == 0 {
                note(&format!(
                    "note: {} and {} have no article in common (documents are matched by their \
                     text), so there is nothing to measure between them",
                    paths[i].display(),
                    paths[j].display()
                ));
            }
            if disagreements.is_some() {
                rows.extend(disagreement_rows(&names[i], a, &names[j], b));
            }
            pairs.push((i, j, agreement));
        }
    }
    if let Some(out) = disagreements {
        write_disagreements(out, &rows)?;
        note(&format!(
            "wrote {} to {}",
            count(rows.len(), "disagreement", "disagreements"),
            out.display()
        ));
    }
    let mean = review::mean(&pairs.iter().map(|p| p.2.overall).collect::<Vec<_>>());
    if json {
        let j = AgreeJson {
            annotators: names.clone(),
            pairs: pairs
                .iter()
                .map(|(i, j, g)| AgreePair {
                    a: names[*i].clone(),
                    b: names[*j].clone(),
                    measures: g.overall,
                })
                .collect(),
            mean,
        };
        let mut text = serde_json::to_string_pretty(&j)?;
        text.push('\n');
        return print(&text);
    }
    print(&agree_table(&names, &pairs, &mean))
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

fn agree_row(name: &str, docs: String, m: &review::Measures) -> String {
    agree_cells(name, &docs, m.values())
}

fn agree_cells(name: &str, docs: &str, v: [Option<f64>; 9]) -> String {
    let name: String = if name.chars().count() > 28 {
        name.chars().take(27).chain(std::iter::once('…')).collect()
    } else {
        name.to_string()
    };
    let cells: Vec<String> = v.iter().map(|x| format!("{:>7}", num(*x))).collect();
    format!("{name:<28} {docs:>5} {}\n", cells.join(" "))
}

fn agree_table(
    names: &[String],
    pairs: &[(usize, usize, review::Agreement)],
    mean: &review::MeanMeasures,
) -> String {
    let header = format!(
        "{:<28} {:>5} {:>15} {:>15} {:>15} {:>7} {:>7} {:>7}\n{:<28} {:>5} {}\n",
        "",
        "",
        "content F1",
        "mention F1",
        "cue F1",
        "label",
        "same",
        "alpha_u",
        "annotators",
        "docs",
        [
            "exact", "overlap", "exact", "overlap", "exact", "overlap", "kappa", "source",
            "content"
        ]
        .map(|h| format!("{h:>7}"))
        .join(" ")
    );
    let mut o = format!(
        "Agreement between {} ({}); documents matched by their text; \"-\": nothing to measure\n\n",
        count(names.len(), "annotator", "annotators"),
        count(pairs.len(), "pair", "pairs")
    );
    o.push_str(&header);
    for (i, j, g) in pairs {
        let label = format!("{} – {}", names[*i], names[*j]);
        o.push_str(&agree_row(
            &label,
            g.overall.documents.to_string(),
            &g.overall,
        ));
    }
    if pairs.len() > 1 {
        o.push_str(&agree_cells(
            "mean over pairs",
            &mean.documents.map_or("-".into(), |d| format!("{d:.1}")),
            mean.values(),
        ));
    }
    if let [(_, _, g)] = pairs {
        if g.documents.len() > 1 {
            o.push_str("\nper document\n");
            for d in &g.documents {
                o.push_str(&agree_row(&d.title, "1".into(), &d.measures));
            }
        }
        if g.labels.len() > 1 {
            o.push_str("\nper label\n");
            for l in &g.labels {
                o.push_str(&agree_row(
                    &l.label,
                    l.measures.documents.to_string(),
                    &l.measures,
                ));
            }
        }
    }
    o
}

/// The disagreement rows of one pair of annotators (the columns of
/// `review::adjudicate::CSV_HEADER` but the last).
fn disagreement_rows(name_a: &str, a: &Project, name_b: &str, b: &Project) -> Vec<Vec<String>> {
    let comparison = review::compare(a, b);
    review::adjudicate::disagreement_records(a, name_a, b, name_b, &comparison)
}

/// Write the disagreement rows as CSV (UTF-8, a header row even when there are none),
/// atomically.
fn write_disagreements(out: &Path, rows: &[Vec<String>]) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| {
        anyhow!(
            "cannot write the disagreements to {}: {e}; check that the folder exists and is \
             writable",
            out.display()
        )
    };
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    let header = &review::adjudicate::CSV_HEADER;
    w.write_record(&header[..header.len() - 1])
        .map_err(|e| fail(&e))?;
    for r in rows {
        w.write_record(r).map_err(|e| fail(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| fail(&e))?;
    store::write_atomic(out, &bytes, false).map_err(|e| fail(&e))
}

// ---------------------------------------------------------------------------------------------
// merge-driver, git-setup

/// Git's merge driver: 0 when merged cleanly, 1 when conflicts remain (never 128 or above,
/// which git reads as a crash).
fn merge_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: Option<&str>,
    ours_name: &str,
    theirs_name: &str,
) -> i32 {
    let shown = path.map_or_else(|| ours.display().to_string(), str::to_string);
    let read = |p: &Path| -> Result<Project, String> {
        match store::load(p) {
            Ok((_, r)) if r.newer_format.is_some() => Err(format!(
                "it is of project format {} and this build knows up to {FORMAT}",
                r.newer_format.unwrap_or_default()
            )),
            Ok((project, _)) => Ok(project),
            // Git's temporary copies have no backups: say only what is wrong.
            Err(StoreError::Parse { line, col, msg, .. }) => Err(format!(
                "it does not parse as a project (line {line}, column {col}: {msg})"
            )),
            Err(e) => Err(e.to_string()),
        }
    };
    // The three files load in parallel (most of the driver's time on a large project).
    let loaded = std::thread::scope(|scope| {
        let b = scope.spawn(|| read(base));
        let o = scope.spawn(|| read(ours));
        let t = read(theirs);
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<Project, String>>| {
            h.join()
                .unwrap_or_else(|_| Err("loading it failed unexpectedly".to_string()))
        };
        let (b, o) = (join(b), join(o));
        Ok::<_, String>((
            b.map_err(|e| format!("the common ancestor: {e}"))?,
            o.map_err(|e| format!("our version: {e}"))?,
            t.map_err(|e| format!("their version: {e}"))?,
        ))
    });
    let (b, o, t) = match loaded {
        Ok(x) => x,
        Err(why) => return text_merge(base, ours, theirs, &shown, &why),
    };
    let _lock = match lock_for_writing(ours, "merge-driver") {
        Ok(l) => l,
        Err(e) => {
            note(&format!(
                "claimtrace merge-driver: {shown}: {e}; our version was left as it is"
            ));
            return 1;
        }
    };
    let (merged, report) = review::merge3::merge3_owned(&b, o, t, ours_name, theirs_name);
    // Never hand git a project that does not load: the checks a load makes of ids and
    // references, on the merged project itself (its sides were loaded, so their texts and
    // spans were checked then).
    if let Err(e) = store::check_references(&merged) {
        return text_merge(
            base,
            ours,
            theirs,
            &shown,
            &format!("the merged project would not load ({e})"),
        );
    }
    let text = match store::to_ron(&merged) {
        Ok(t) => t,
        Err(e) => return text_merge(base, ours, theirs, &shown, &e.to_string()),
    };
    if let Err(e) = store::write_atomic(ours, text.as_bytes(), false) {
        note(&format!("claimtrace merge-driver: {shown}: {e}"));
        return 1;
    }
    // The process ends right after: freeing hundreds of thousands of claims one by one would
    // only make git wait.
    std::mem::forget((b, merged, text));
    for s in &report.settled {
        note(&format!("claimtrace merge-driver: {shown}: {s}"));
    }
    if report.conflicts == 0 {
        note(&format!(
            "claimtrace merge-driver: {shown}: merged claim by claim, no conflicts"
        ));
        0
    } else {
        note(&format!(
            "claimtrace merge-driver: {shown}: merged claim by claim; {} conflict{} kept as \
             unresolved claims (the versions of {ours_name} and {theirs_name} side by side): open \
             {shown} in Claimtrace and settle them in Review, then `git add {shown}`",
            report.conflicts,
            if report.conflicts == 1 { "" } else { "s" }
        ));
        1
    }
}

/// The name recorded for one side of a merge, from git's conflict label for it (`%X`, `%Y`):
/// "HEAD" becomes the current branch, a bare commit id (what `git pull` passes) the branch
/// pointing at it, e.g. "origin/main"; no label (or git older than 2.44, which passes `%X`
/// unexpanded) gives `default`.
fn side_name(label: Option<&str>, default: &str) -> String {
    let Some(label) = label
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('%'))
    else {
        return default.to_string();
    };
    let quiet = |args: &[&str]| git(args).ok().flatten().filter(|s| !s.is_empty());
    let branch_at = |rev: &str| {
        let refs = quiet(&[
            "for-each-ref",
            &format!("--points-at={rev}"),
            "--format=%(refname)",
            "refs/heads",
            "refs/remotes",
        ])?;
        refs.lines()
            .filter(|r| !r.ends_with("/HEAD"))
            .find_map(|r| {
                r.strip_prefix("refs/heads/")
                    .or_else(|| r.strip_prefix("refs/remotes/"))
            })
            .map(str::to_string)
    };
    if label == "HEAD" {
        return quiet(&["symbolic-ref", "--short", "-q", "HEAD"])
            .or_else(|| branch_at("HEAD"))
            .unwrap_or_else(|| label.to_string());
    }
    if label.len() >= 7 && label.chars().all(|c| c.is_ascii_hexdigit()) {
        return branch_at(label).unwrap_or_else(|| label.chars().take(10).collect());
    }
    label.to_string()
}

/// The fallback for inputs Claimtrace cannot merge: git's line merge (conflict markers in
/// OURS), always reported as a conflict (exit 1), and why on stderr.
fn text_merge(base: &Path, ours: &Path, theirs: &Path, shown: &str, why: &str) -> i32 {
    note(&format!(
        "claimtrace merge-driver: {shown}: cannot merge claim by claim: {why}. Falling back to \
         git's line merge (conflict markers); resolve it by hand or take one side with `git \
         checkout --ours -- {shown}` or `git checkout --theirs -- {shown}`"
    ));
    let status = std::process::Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(ours)
        .arg(base)
        .arg(theirs)
        .status();
    if let Err(e) = status {
        note(&format!(
            "claimtrace merge-driver: cannot run `git merge-file` ({e}); our version was left \
             as it is"
        ));
    }
    1
}

/// The command git should run for the driver: `claimtrace` when it is on PATH, else this
/// binary's absolute path (quoted for the shell git runs it with).
fn driver_program() -> String {
    let on_path = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|d| {
            let p = d.join(if cfg!(windows) {
                "claimtrace.exe"
            } else {
                "claimtrace"
            });
            p.is_file()
        })
    });
    if on_path {
        return "claimtrace".to_string();
    }
    match std::env::current_exe() {
        Ok(exe) => {
            let s = exe.display().to_string();
            if s.chars()
                .all(|c| c.is_alphanumeric() || "/._-+:\\".contains(c))
            {
                s
            } else {
                format!("'{}'", s.replace('\'', "'\\''"))
            }
        }
        Err(_) => "claimtrace".to_string(),
    }
}

/// Run git with `args` and return its trimmed stdout (`None`: it failed).
fn git(args: &[&str]) -> Result<Option<String>> {
    let out = std::process::Command::new("git")
        .args(args)
        .output()
        .map_err(|e| anyhow!("cannot run git ({e}); install git and try again"))?;
    Ok(out
        .status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()))
}

fn git_setup(patterns: &[String]) -> Result<()> {
    let inside = git(&["rev-parse", "--is-inside-work-tree"])?;
    if inside.as_deref() != Some("true") {
        let here = std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_else(|_| ".".into());
        bail!(
            "{here} is not inside a git work tree, so nothing was set up. Run `claimtrace \
             git-setup` in the folder of the repository that holds the projects"
        );
    }
    let top = git(&["rev-parse", "--show-toplevel"])?
        .ok_or_else(|| anyhow!("git cannot tell the top folder of this work tree"))?;
    let mut said = String::new();
    let wanted = [
        (
            "merge.claimtrace.name",
            "Claimtrace project merge (claim by claim)".to_string(),
        ),
        (
            "merge.claimtrace.driver",
            format!(
                "{} merge-driver %O %A %B %P --ours-name=%X --theirs-name=%Y",
                driver_program()
            ),
        ),
    ];
    for (key, value) in &wanted {
        let current = git(&["config", "--local", "--get", key])?;
        if current.as_deref() == Some(value.as_str()) {
            said.push_str(&format!("git config {key} is already {value:?}\n"));
        } else {
            git(&["config", "--local", key, value])?
                .ok_or_else(|| anyhow!("`git config {key}` failed; nothing else was changed"))?;
            said.push_str(&format!("git config {key} = {value:?}\n"));
        }
    }
    let top = Path::new(&top);
    add_lines(
        &top.join(".gitattributes"),
        &patterns
            .iter()
            .map(|p| format!("{p} merge=claimtrace"))
            .collect::<Vec<_>>(),
        "commit it so teammates merge the same way",
        &mut said,
    )?;
    // The backup a save keeps and the lock an open window holds sit beside each project: they
    // are this clone's own and must never be committed.
    add_lines(
        &top.join(".gitignore"),
        &patterns
            .iter()
            .flat_map(|p| [format!("{p}.bak"), format!("{p}.lock")])
            .collect::<Vec<_>>(),
        "backups and locks of projects stay out of commits",
        &mut said,
    )?;
    print(&said)
}

/// Add each of `lines` that `file` lacks to its end (creating it), saying what was done.
fn add_lines(file: &Path, lines: &[String], why: &str, said: &mut String) -> Result<()> {
    let current = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => bail!(
            "cannot read {}: {e}; it was not changed (the git config was set)",
            file.display()
        ),
    };
    let missing: Vec<&String> = lines
        .iter()
        .filter(|line| !current.lines().any(|l| l.trim() == line.as_str()))
        .collect();
    if missing.is_empty() {
        said.push_str(&format!("{} already has {lines:?}\n", file.display()));
        return Ok(());
    }
    let mut text = current;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in &missing {
        text.push_str(line);
        text.push('\n');
    }
    store::write_atomic(file, text.as_bytes(), false)?;
    said.push_str(&format!("{}: added {missing:?} ({why})\n", file.display()));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// merge

fn merge(mine_path: &Path, theirs_path: &Path, out_path: &Path) -> Result<()> {
    let (mine, _) = load(mine_path)?;
    let (theirs, _) = load(theirs_path)?;
    let _lock = lock_for_writing(out_path, "merge")?;
    if out_path.exists() && out_path != mine_path {
        // Refuse to replace something that is not a project (a typo in --out).
        if store::load(out_path).is_err() {
            bail!(
                "{} exists and is not a readable Claimtrace project, so it was not replaced and \
                 nothing was written. Choose another --out",
                out_path.display()
            );
        }
    }
    let (merged, r) = review::merge_with_report(&mine, &theirs, &review::Choices::new());
    store::save(&merged, out_path)?;
    let mut o = format!(
        "{}: merged {} ({}) and {} ({})\n",
        out_path.display(),
        mine_path.display(),
        mine.annotator.name,
        theirs_path.display(),
        theirs.annotator.name
    );
    o.push_str(&format!(
        "  documents: {} in common, {} added from {}\n",
        r.documents_matched,
        r.documents_added,
        theirs_path.display()
    ));
    o.push_str(&format!(
        "  claims: {} agreed (merged into one), {} unresolved (both kept, marked), {} added\n",
        r.agreed, r.unresolved, r.claims_added
    ));
    o.push_str(&format!(
        "  sources: {} matched by name or alias, {} added; labels: {} added\n",
        r.sources_mapped, r.sources_added, r.labels_added
    ));
    if r.unresolved > 0 {
        o.push_str(&format!(
            "Open {} in Claimtrace to settle the unresolved claims.\n",
            out_path.display()
        ));
    }
    print(&o)
}

// ---------------------------------------------------------------------------------------------
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

fn suggest(
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
