//! The command line: `new`, `add`, `extract`, `stats`, `export`, `import`, `update`, `agree`,
//! `merge`, `suggest`, `report`, `sources`; no subcommand opens the window.
//!
//! This file holds the clap definitions and the dispatch; each command family has its own
//! module (`project`, `exchange`, `review`, `suggest`, `report`, `sources`), all sharing `output`.
//!
//! This is the edge of the program: errors from the library are turned into messages (with
//! `anyhow`) and exit statuses here. Exit status 0 is success, 1 a bad input (the message names
//! the file, what is wrong and what to do), 2 a usage error (clap's own message).
//!
//! A command that changes a project loads it, applies its changes as edits through
//! [`History`], and saves it atomically once at the end; if anything fails before that, the
//! project file is not touched. While it writes, it holds the project's lock file
//! ([`store::lock`]); a project open in a live Claimtrace window is refused, never written.

use crate::formats;
use anyhow::{Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

mod exchange;
mod output;
mod project;
mod report;
mod review;
mod sources;
mod suggest;

use exchange::{export, import};
use output::note;
pub use project::{DocumentStats, ExtractJson, LoadStats, Stats, summarise};
use project::{add, extract, new, stats, update};
use report::report;
use review::{agree, git_setup, merge, merge_driver, side_name};
use sources::sources;
use suggest::suggest;

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
    /// The source registry: one line per source (id, name, kind, claims, aliases), the proposed
    /// merges of sources that look like one person or body (--clusters), or merge sources
    /// (--merge ID... --into ID, one change saved atomically).
    ///
    /// Proposed merges come key collision first (names equal but for case, possessive,
    /// honorific, punctuation, middle initial or word order), then nearest neighbour (names
    /// near by edit distance and shared words). People with different first names who share a
    /// surname, and sources marked "not the same" in the window, are never proposed together.
    Sources {
        /// The project file.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// One JSON object per line: {id, name, kind, aliases, claims}; with --clusters
        /// {members: [ids], method, score}, the first member the proposed one to keep.
        #[arg(long)]
        json: bool,
        /// List proposed merges instead of the sources.
        #[arg(long, conflicts_with_all = ["merge", "into"])]
        clusters: bool,
        /// Source ids to merge into --into (their claims, names and aliases move over).
        #[arg(long, value_name = "ID", num_args = 1.., requires = "into")]
        merge: Vec<String>,
        /// The source id the --merge sources become.
        #[arg(long, value_name = "ID", requires = "merge")]
        into: Option<String>,
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
    if word.exists() || crate::store::is_project_path(word) {
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
        Some(Command::Sources {
            project,
            json,
            clusters,
            merge,
            into,
        }) => {
            let action = match (&into, clusters) {
                (Some(into), _) => sources::Action::Merge {
                    members: &merge,
                    into,
                },
                (None, true) => sources::Action::Clusters,
                (None, false) => sources::Action::List,
            };
            sources(&project, action, json)
        }
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
            crate::suggest::Options {
                min_confidence: min_confidence.unwrap_or(crate::suggest::DEFAULT_MIN_CONFIDENCE),
                learn: !no_learn,
            },
            json,
            apply,
        ),
    }
}
