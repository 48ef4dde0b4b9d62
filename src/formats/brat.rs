//! brat standoff import, with the PolNeAR attribution scheme.
//!
//! A brat document is a pair `X.txt` / `X.ann`. Offsets in the `.ann` are half-open ranges of
//! Unicode code points of the `.txt` exactly as it is on disk (a BOM, CRLF line ends and
//! decomposed letters all count). The text is normalised at import (see [`text::normalize`]), so
//! every offset is carried through [`text::normalize_mapped`]'s map.
//!
//! What becomes what:
//!
//! - `E… Attribution:T<trigger> Content:T… Cue:T… Source:T…` (numbered roles `Content2`, `Cue2`,
//!   `Source2`… allowed) → one claim labelled "claim" with every content fragment, the Source spans
//!   as its mention and the Cue spans as its cue. The claim's registry source is the one the first
//!   Source span's text names (`Project::find_source`, or a source created earlier by the same
//!   import), else a new source of kind Unknown; a Claimtrace comment, when there is one, gives
//!   the sources instead (several for a joint attribution: one Source span "Facebook and Google",
//!   two registry sources). The trigger (a copy of the cue) is consumed.
//!   Mode: Direct when the content is enclosed in double quotation marks (“…” or "…", the marks
//!   inside the span or right next to it, trailing `, . ; : ! ?` before the closing mark allowed),
//!   else Indirect.
//! - `E… Attribution-no-source:…` → the same, with no source and mode Unattributed.
//! - An attribution event without content (`E… Attribution:T… Source:T… Cue:T…`) → a
//!   document extra, and so are its spans: they are parts of that event, not claims, and the
//!   export writes them back with it (so export → import gives the same claims).
//! - Text-bound annotations (`T`) that no attribution event uses → claims labelled with their
//!   brat type (the label is created if the project has none of that name).
//! - Attributes (`A`, `M`) on a T or E that became a claim → the claim's tags ("Negation",
//!   "Confidence=Low"); AnnotatorNotes (`#`) on one → the claim's note.
//! - Everything else (relations `R`, equivalences `*`, normalisations `N`, other events, and
//!   attributes or notes on things that are not claims) is kept verbatim in the document's
//!   `extras` and counted in the report. A claim whose brat id such a kept line mentions gets the
//!   tag `brat:<id>`, so the kept line can still be read against the claims.
//!
//! A T line lists its fragments in any order (`209 236;91 186`, as brat writes a selection
//! made backwards); its quote is the fragments' texts joined by a space in the listed order,
//! and the fragments are stored sorted.
//!
//! A malformed line is an error naming the file and line, and nothing is imported: skipping it
//! would lose an annotation silently, and the user can fix the file and import again. So is a
//! T line whose text disagrees with the article (a `.ann` cut short, or made for another
//! version of the text) or whose offsets run past its end, and an event naming an annotation
//! the file does not have. With a lenient import ([`import_with`], `claimtrace import
//! --lenient`) each such line is skipped and listed in the warnings instead — also a quote
//! holding a raw line break, whose rest is a line of its own. What referred to a skipped line
//! loses that reference: an event that loses its content is kept aside (above) with its other
//! spans and without the lost arguments, so that export → import keeps the number of claims;
//! one that also lost its trigger cannot be written as brat and is left out with its spans
//! (listed). A T line whose fragments overlap (`115 200;150 250`, which brat rejects) is
//! merged, with a warning.
//!
//! Lines kept as document extras are stored with offsets into the normalised text (the text
//! the export writes), and a kept line that names a span a claim was made from (an event
//! sharing another's trigger, an attribute on a Source span) keeps a copy of that span, which
//! the export writes once, shared.
//!
//! What the export needs to write an event back as it was is kept in the claim's
//! [`crate::model::BratShape`], only where it would otherwise write it differently: the role of
//! each fragment when an event has several of one kind (`Content` and `Content2`), and the
//! event type when it is not the one the attribution implies.

use super::{FormatError, ImportReport};
use crate::article::{self, ArticleError};
use crate::edit::Edit;
use crate::identity;
use crate::model::mentions::{self, MentionKind};
use crate::model::{
    Attribution, Claim, Document, Label, Mode, Origin, Project, Source, SourceKind, Span, Status,
    Timestamp, color_for, fresh, name_key, new_id, now, slug,
};
use crate::text::{self, CharMap, make_span_with};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The label of claims made from attribution events.
pub const CLAIM_LABEL: &str = "claim";
/// The PolNeAR event type of an attribution with a source.
pub const ATTRIBUTION: &str = "Attribution";
/// The PolNeAR event type of an attribution without a source.
pub const ATTRIBUTION_NO_SOURCE: &str = "Attribution-no-source";

/// Read a brat folder (X.txt/X.ann pairs) or one X.ann beside its X.txt into an edit that adds
/// the documents (or matches them to the project's documents by text hash), sources, labels and
/// claims. Applying the edit changes the project; nothing is changed before.
///
/// `annotator` becomes the claims' author (as an id: "Ana Lima" → "ana-lima"); by default the
/// project's annotator.
pub fn import(
    project: &Project,
    path: &Path,
    annotator: Option<&str>,
) -> Result<(Edit, ImportReport), FormatError> {
    import_with(project, path, annotator, false)
}

/// [`import`], and with `lenient` a text-bound annotation whose text disagrees with the article
/// (a `.ann` cut short, or made for another version of the text) is skipped and listed in the
/// report's warnings instead of failing the import.
pub fn import_with(
    project: &Project,
    path: &Path,
    annotator: Option<&str>,
    lenient: bool,
) -> Result<(Edit, ImportReport), FormatError> {
    let (pairs, warnings) = pairs(path)?;
    let given = annotator.map(str::trim).filter(|a| !a.is_empty());
    let author = match given {
        Some(a) => slug(a),
        None => project.annotator.id.clone(),
    };
    let mut st = State {
        project,
        author,
        author_given: given.is_some(),
        lenient,
        renamed: HashMap::new(),
        time: now(),
        labels: Vec::new(),
        sources: Vec::new(),
        documents: Vec::new(),
        matched: Vec::new(),
        claims: Vec::new(),
        report: ImportReport {
            warnings,
            ..Default::default()
        },
        known: Known::of(project),
        resolver: identity::Resolver::of(&project.sources),
    };
    for (txt, ann) in &pairs {
        st.pair(txt, ann)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(st.finish(&format!("import brat {name}")))
}

/// (X.txt, X.ann) pairs.
type Pairs = Vec<(PathBuf, PathBuf)>;

/// The (txt, ann) pairs `path` stands for, and warnings about files that are not pairs.
fn pairs(path: &Path) -> Result<(Pairs, Vec<String>), FormatError> {
    let invalid = |p: &Path, msg: String| FormatError::Invalid {
        path: p.to_path_buf(),
        msg,
    };
    let meta = std::fs::metadata(path).map_err(|source| FormatError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut warnings = Vec::new();
    let anns = if meta.is_dir() {
        let mut anns = Vec::new();
        let mut txts = Vec::new();
        walk(path, &mut anns, &mut txts).map_err(|source| FormatError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        if anns.is_empty() {
            return Err(invalid(path, "the folder has no brat .ann files; give a folder of X.txt/X.ann pairs or one .ann file".into()));
        }
        let paired: HashSet<PathBuf> = anns.iter().map(|a| a.with_extension("txt")).collect();
        for t in txts {
            if !paired.contains(&t) {
                warnings.push(format!(
                    "{} has no .ann beside it; skipped (add it with `claimtrace add`)",
                    t.display()
                ));
            }
        }
        anns
    } else {
        match ext_of(path).as_str() {
            "ann" => vec![path.to_path_buf()],
            "txt" => {
                let ann = path.with_extension("ann");
                if !ann.is_file() {
                    return Err(invalid(
                        path,
                        format!(
                            "there is no {} beside it; brat annotations live in X.ann next to X.txt",
                            ann.display()
                        ),
                    ));
                }
                vec![ann]
            }
            _ => {
                return Err(invalid(
                    path,
                    "not a brat file: give a folder of X.txt/X.ann pairs, an .ann file or its .txt"
                        .into(),
                ));
            }
        }
    };
    let mut out = Vec::new();
    for ann in anns {
        let txt = ann.with_extension("txt");
        if !txt.is_file() {
            return Err(invalid(
                &ann,
                format!(
                    "its text {} is missing; brat needs X.txt beside X.ann",
                    txt.display()
                ),
            ));
        }
        out.push((txt, ann));
    }
    Ok((out, warnings))
}

fn ext_of(p: &Path) -> String {
    p.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// .ann and .txt files under `dir`, recursively, in name order.
fn walk(dir: &Path, anns: &mut Vec<PathBuf>, txts: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, anns, txts)?;
        } else if ext_of(&p) == "ann" {
            anns.push(p);
        } else if ext_of(&p) == "txt" {
            txts.push(p);
        }
    }
    Ok(())
}

/// One parsed .ann line.
#[derive(Debug)]
enum Item {
    /// Text-bound: type, fragments in raw code points, the quoted text.
    T {
        ty: String,
        frags: Vec<(usize, usize)>,
        quote: String,
    },
    /// Event: type, trigger id, (role, id) arguments.
    E {
        ty: String,
        trigger: String,
        args: Vec<(String, String)>,
    },
    /// Attribute or modifier: name, target id, value.
    A {
        name: String,
        target: String,
        value: Option<String>,
    },
    /// AnnotatorNotes (or another `#` comment): its type, target id, note.
    Note {
        kind: String,
        target: String,
        note: String,
    },
    /// Anything kept verbatim (relations, equivalences, normalisations).
    Other,
}

#[derive(Debug)]
struct Line {
    /// 1-based line number in the .ann file.
    no: usize,
    id: String,
    raw: String,
    item: Item,
}

/// Parse a .ann file. `raw_len` is the .txt's length in code points. A line that cannot be
/// read is an error naming the file and line; with `lenient` it is skipped and listed in
/// `warnings` instead, and its id (when it has one) goes into `skipped`, so that what refers
/// to it loses that reference rather than failing.
fn parse(
    ann: &Path,
    content: &str,
    txt: &Path,
    raw_len: usize,
    lenient: bool,
    warnings: &mut Vec<String>,
    skipped: &mut HashSet<String>,
) -> Result<Vec<Line>, FormatError> {
    let mut out: Vec<Line> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    // The number and id of the last T line, to recognise the rest of its quote cut off by a
    // raw line break.
    let mut last_t: Option<(usize, String)> = None;
    for (i, line) in content.split('\n').enumerate() {
        let no = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let id = line.split_once('\t').map(|(id, _)| id.trim().to_string());
        let result = match &id {
            None => Err(match &last_t {
                Some((t_no, t_id)) if *t_no + 1 == no => format!(
                    "this line has no annotation id and tab: it looks like the rest of {t_id}'s text on \
                     line {t_no}, cut by a line break inside the quote (a brat line cannot hold \
                     one); put the quote on one line, or import with --lenient to skip both lines"
                ),
                _ => format!(
                    "expected an annotation id, a tab and the annotation (brat standoff), found {:?}",
                    clip(line)
                ),
            }),
            Some(id) if !id.starts_with('*') && seen.contains(id) => Err(format!(
                "the id {id} is used twice; brat ids must be unique in a file"
            )),
            Some(_) => parse_line(line, txt, raw_len),
        };
        if let Some(id) = &id
            && id.starts_with('T')
        {
            last_t = Some((no, id.clone()));
        }
        match result {
            Ok((id, item)) => {
                seen.insert(id.clone());
                out.push(Line {
                    no,
                    id,
                    raw: line.to_string(),
                    item,
                });
            }
            Err(msg) if lenient => {
                warnings.push(format!(
                    "{}, line {no}: skipped (--lenient): {msg}",
                    ann.display()
                ));
                if let Some(id) = id
                    && !seen.contains(&id)
                {
                    skipped.insert(id);
                }
            }
            Err(msg) => {
                return Err(FormatError::Syntax {
                    path: ann.to_path_buf(),
                    line: no,
                    msg,
                });
            }
        }
    }
    // A T line followed by the rest of its quote does not fit the text (its quote is cut);
    // that is found by the quote check.
    Ok(out)
}

/// One .ann line (with a tab after its id): its id and what it says, or what is wrong with it.
fn parse_line(line: &str, txt: &Path, raw_len: usize) -> Result<(String, Item), String> {
    let Some((id, rest)) = line.split_once('\t') else {
        return Err(format!(
            "expected an annotation id, a tab and the annotation (brat standoff), found {:?}",
            clip(line)
        ));
    };
    let id = id.trim();
    let kind = id.chars().next().unwrap_or(' ');
    let item = match kind {
        'T' => {
            let Some((type_offsets, quote)) = rest.split_once('\t') else {
                return Err(format!(
                    "{id} needs a type with offsets, a tab and the annotated text"
                ));
            };
            let Some((ty, offsets)) = type_offsets.trim().split_once(' ') else {
                return Err(format!(
                    "{id} needs a type followed by start and end offsets, found {type_offsets:?}"
                ));
            };
            let mut frags = Vec::new();
            for frag in offsets.split(';') {
                let nums: Vec<&str> = frag.split_whitespace().collect();
                let [s, e] = nums.as_slice() else {
                    return Err(format!(
                        "{id}: a fragment is two offsets \"START END\", found {frag:?}"
                    ));
                };
                let num = |x: &str| {
                    x.parse::<usize>()
                        .map_err(|_| format!("{id}: offset {x:?} is not a whole number"))
                };
                let (s, e) = (num(s)?, num(e)?);
                if s > e {
                    return Err(format!("{id}: fragment {s} {e} ends before it starts"));
                }
                if e > raw_len {
                    return Err(format!(
                        "{id}: offset {e} is past the end of {} ({raw_len} characters); is this the .ann of another text? Fix the line, or import with --lenient to skip such lines",
                        txt.display()
                    ));
                }
                frags.push((s, e));
            }
            Item::T {
                ty: ty.to_string(),
                frags,
                quote: quote.to_string(),
            }
        }
        'E' => {
            let mut tokens = rest.split_whitespace();
            let Some((ty, trigger)) = tokens.next().and_then(|t| t.split_once(':')) else {
                return Err(format!(
                    "{id} needs \"Type:Trigger\" first, found {:?}",
                    clip(rest)
                ));
            };
            let mut args = Vec::new();
            for t in tokens {
                let Some((role, target)) = t.split_once(':') else {
                    return Err(format!(
                        "{id}: an event argument is \"Role:Id\", found {t:?}"
                    ));
                };
                args.push((role.to_string(), target.to_string()));
            }
            Item::E {
                ty: ty.to_string(),
                trigger: trigger.to_string(),
                args,
            }
        }
        'A' | 'M' => {
            let tokens: Vec<&str> = rest.split_whitespace().collect();
            match tokens.as_slice() {
                [name, target] => Item::A {
                    name: name.to_string(),
                    target: target.to_string(),
                    value: None,
                },
                [name, target, value] => Item::A {
                    name: name.to_string(),
                    target: target.to_string(),
                    value: Some(value.to_string()),
                },
                _ => {
                    return Err(format!(
                        "{id}: an attribute is \"Name Target [Value]\", found {:?}",
                        clip(rest)
                    ));
                }
            }
        }
        '#' => {
            let (head, note) = rest.split_once('\t').unwrap_or((rest, ""));
            let tokens: Vec<&str> = head.split_whitespace().collect();
            let [kind, target] = tokens.as_slice() else {
                return Err(format!(
                    "{id}: a note is \"AnnotatorNotes Target<TAB>text\", found {:?}",
                    clip(head)
                ));
            };
            Item::Note {
                kind: kind.to_string(),
                target: target.to_string(),
                note: note.to_string(),
            }
        }
        'R' | '*' | 'N' => Item::Other,
        _ => {
            return Err(format!(
                "unknown annotation id {id:?}: brat ids begin with T, E, R, A, M, N, * or #"
            ));
        }
    };
    Ok((id.to_string(), item))
}

fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(MAX).collect();
        c.push('…');
        c
    }
}

/// The role name without its number ("Content2" → "Content").
fn role_base(role: &str) -> &str {
    role.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// An attribution event, resolved to its text-bound ids.
struct Event<'a> {
    line: &'a Line,
    trigger: &'a str,
    no_source: bool,
    contents: Vec<&'a str>,
    cues: Vec<&'a str>,
    sources: Vec<&'a str>,
}

/// The import in progress: what will be added, and what the report says.
struct State<'p> {
    project: &'p Project,
    author: String,
    /// `--annotator` was given: it wins over the authors a Claimtrace comment names.
    author_given: bool,
    /// Skip (and list) text-bound annotations whose text disagrees with the article, rather
    /// than failing.
    lenient: bool,
    /// Claim ids of Claimtrace comments → the ids the claims got (or the project's claim they
    /// turned out to be), for `within`.
    renamed: HashMap<String, String>,
    time: Timestamp,
    labels: Vec<Label>,
    sources: Vec<Source>,
    documents: Vec<Document>,
    /// Project documents matched by hash: (id, extras to append).
    matched: Vec<(String, Vec<String>)>,
    claims: Vec<Claim>,
    report: ImportReport,
    /// Lookups by id, name and hash, kept as the import goes.
    known: Known<'p>,
    /// The registry's names and the import's new sources, by fingerprint, for resolving a
    /// mention no name or alias matches exactly (`identity`).
    resolver: identity::Resolver,
}

/// The project's and the import's sources, documents and claims by id, name key and hash,
/// so that each claim's lookups are hash lookups rather than scans of the whole project and
/// of everything imported before it (which made large imports grow with the square of the
/// number of claims).
#[derive(Default)]
struct Known<'p> {
    /// The project's sources by id and by the [`name_key`] of each name and alias (the first
    /// source in registry order wins, as [`Project::find_source`]).
    project_source_ids: HashMap<&'p str, &'p Source>,
    project_source_names: HashMap<String, &'p Source>,
    /// The project's anonymous source, if any.
    project_anonymous: Option<&'p Source>,
    /// The imported sources (indexes into `State::sources`) by id and by name key.
    source_ids: HashMap<String, usize>,
    source_names: HashMap<String, usize>,
    /// The first imported anonymous source.
    anonymous: Option<usize>,
    /// Documents by text hash: the project's, and the imported ones (index into
    /// `State::documents`); imported documents and matched ones by id.
    project_documents: HashMap<&'p str, &'p Document>,
    document_hashes: HashMap<String, usize>,
    document_ids: HashMap<String, usize>,
    matched_ids: HashMap<String, usize>,
    /// The project's claims by id.
    project_claims: HashMap<&'p str, &'p Claim>,
    /// Ids the imported claims took from Claimtrace comments (the others are fresh UUIDs).
    claim_ids: HashSet<String>,
}

impl<'p> Known<'p> {
    fn of(p: &'p Project) -> Self {
        let mut k = Known::default();
        for s in &p.sources {
            k.project_source_ids.entry(s.id.as_str()).or_insert(s);
            for n in s.names() {
                let key = name_key(n);
                if !key.is_empty() {
                    k.project_source_names.entry(key).or_insert(s);
                }
            }
        }
        k.project_anonymous = mentions::anonymous_source(p);
        k.project_documents = p.documents_by_hash();
        for c in &p.claims {
            k.project_claims.entry(c.id.as_str()).or_insert(c);
        }
        crate::work::add(p.sources.len() + p.documents.len() + p.claims.len());
        k
    }

    /// The project's source with id `text`, else the first one `text` names.
    fn project_source(&self, text: &str) -> Option<&'p Source> {
        crate::work::add(1);
        self.project_source_ids
            .get(text)
            .or_else(|| self.project_source_names.get(&name_key(text)))
            .copied()
    }
}

impl State<'_> {
    /// The imported source with this id.
    fn new_source_with_id(&self, id: &str) -> Option<&Source> {
        crate::work::add(1);
        self.known.source_ids.get(id).map(|&i| &self.sources[i])
    }

    /// The first imported source that `text` names ([`Source::is_named`]).
    fn new_source_named(&self, text: &str) -> Option<&Source> {
        crate::work::add(1);
        let key = name_key(text);
        if key.is_empty() {
            return None;
        }
        self.known.source_names.get(&key).map(|&i| &self.sources[i])
    }

    /// Is a source id used, in the project or by the import?
    fn source_taken(&self, id: &str) -> bool {
        crate::work::add(1);
        self.known.project_source_ids.contains_key(id) || self.known.source_ids.contains_key(id)
    }

    /// Add a source to the import.
    fn push_source(&mut self, src: Source) {
        let i = self.sources.len();
        self.known.source_ids.entry(src.id.clone()).or_insert(i);
        for n in src.names() {
            let key = name_key(n);
            if !key.is_empty() {
                self.known.source_names.entry(key).or_insert(i);
            }
        }
        if src.kind == SourceKind::Anonymous && self.known.anonymous.is_none() {
            self.known.anonymous = Some(i);
        }
        self.resolver.add(&src);
        self.sources.push(src);
    }

    /// The id of the label named `name` (id or name, any case), created if there is none.
    fn label(&mut self, name: &str, display: &str) -> String {
        if let Some(l) = self.project.find_label(name) {
            return l.id.clone();
        }
        if let Some(l) = self
            .labels
            .iter()
            .find(|l| l.id == name || l.name.eq_ignore_ascii_case(name))
        {
            return l.id.clone();
        }
        let base = slug(name);
        let taken =
            |id: &str| self.project.label(id).is_some() || self.labels.iter().any(|l| l.id == id);
        let id = fresh(base, taken);
        self.labels.push(Label {
            id: id.clone(),
            name: display.to_string(),
            color: color_for(display),
            shortcut: None,
        });
        self.report.labels_created += 1;
        id
    }

    /// The label a Claimtrace comment names: the one with its id, else with its name, else a
    /// new label with its id, name and colour.
    fn label_exact(&mut self, l: &export::LabelObject) -> String {
        if let Some(found) = self
            .project
            .label(&l.id)
            .or_else(|| self.labels.iter().find(|x| x.id == l.id))
        {
            return found.id.clone();
        }
        if let Some(found) = self.project.find_label(&l.name).or_else(|| {
            self.labels
                .iter()
                .find(|x| x.name.eq_ignore_ascii_case(&l.name))
        }) {
            return found.id.clone();
        }
        let id = if l.id.trim().is_empty() {
            let taken = |id: &str| {
                self.project.label(id).is_some() || self.labels.iter().any(|x| x.id == id)
            };
            fresh(slug(&l.name), taken)
        } else {
            l.id.clone()
        };
        self.labels.push(Label {
            id: id.clone(),
            name: l.name.clone(),
            color: export::parse_hex(&l.color).unwrap_or_else(|| color_for(&l.name)),
            shortcut: None,
        });
        self.report.labels_created += 1;
        id
    }

    /// The registry source a Claimtrace comment describes: the one with its id, else one its
    /// name names, else a new source with its id, name, kind, aliases and note.
    fn source_exact(&mut self, s: &super::jsonl::SourceObject) -> String {
        if let Some(found) = self
            .known
            .project_source_ids
            .get(s.id.as_str())
            .copied()
            .or_else(|| self.new_source_with_id(&s.id))
        {
            return found.id.clone();
        }
        if let Some(found) = self
            .known
            .project_source(&s.name)
            .or_else(|| self.new_source_named(&s.name))
        {
            return found.id.clone();
        }
        let mut src = s.to_source();
        if src.id.trim().is_empty() {
            src.id = fresh(slug(&s.name), |id| self.source_taken(id));
        }
        let id = src.id.clone();
        self.push_source(src);
        self.report.sources_created += 1;
        id
    }

    /// The registry source that `mention` names, created (kind Unknown) if there is none. A
    /// pronoun names no source of its own (see the pass after the claims); a generic mention
    /// ("a source", "officials") is the registry's one anonymous source.
    fn source(&mut self, mention: &str) -> Option<String> {
        let name = mention.split_whitespace().collect::<Vec<_>>().join(" ");
        if name_key(&name).is_empty() {
            return None;
        }
        match mentions::classify(&name) {
            MentionKind::Pronoun => return None,
            MentionKind::Generic => return Some(self.anonymous_source()),
            MentionKind::Named => {}
        }
        if let Some(s) = self.known.project_source(&name) {
            return Some(s.id.clone());
        }
        if let Some(s) = self.new_source_named(&name) {
            return Some(s.id.clone());
        }
        if identity::not_a_name(&name) {
            return None;
        }
        if let Some(f) = self.resolver.find(&name) {
            return Some(f.id.to_string());
        }
        let id = fresh(slug(&name), |id| self.source_taken(id));
        self.push_source(Source {
            id: id.clone(),
            name,
            kind: SourceKind::Unknown,
            aliases: Vec::new(),
            note: String::new(),
        });
        self.report.sources_created += 1;
        Some(id)
    }

    /// The registry sources of a mention the article's mention chains link (`identity::chain`):
    /// a name's entity (several for a joint mention), a pronoun's or title's antecedent, the
    /// anonymous source for a generic mention, none for what is no source ("said"); an entity
    /// not in the registry becomes a source under its fullest name. Also whether the claim is
    /// to be tagged for checking (a pronoun's source, found or ambiguous).
    fn linked_sources(
        &mut self,
        mention: &str,
        chains: &identity::Chains,
        k: usize,
    ) -> (Vec<String>, bool) {
        use identity::Class;
        let Some(l) = chains.links.get(k) else {
            return (self.source(mention).into_iter().collect(), false);
        };
        let mut ids: Vec<String> = Vec::new();
        for &e in &l.entities {
            let id = self.entity_source(&chains.entities[e]);
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let tag = l.class == Class::Pronoun && (!ids.is_empty() || l.ambiguous);
        if ids.is_empty() {
            match l.class {
                Class::Generic => ids.push(self.anonymous_source()),
                Class::Phrase | Class::Name => ids.extend(self.source(mention)),
                Class::Title if !l.ambiguous => ids.extend(self.source(mention)),
                _ => {}
            }
        }
        if ids
            .iter()
            .any(|id| self.known.project_source_ids.contains_key(id.as_str()))
        {
            self.report.mentions_linked += 1;
        }
        (ids, tag)
    }

    /// The registry source of an article's entity, created under its fullest name if none.
    fn entity_source(&mut self, e: &identity::Entity) -> String {
        if let Some(s) = self.known.project_source(&e.name) {
            return s.id.clone();
        }
        if let Some(s) = self.new_source_named(&e.name) {
            return s.id.clone();
        }
        if let Some(f) = self.resolver.find_entity(e) {
            return f.id.to_string();
        }
        let id = fresh(slug(&e.name), |id| self.source_taken(id));
        self.push_source(identity::source_for_entity(e, id.clone()));
        self.report.sources_created += 1;
        id
    }

    /// The registry's anonymous source, created once ("Anonymous source", kind anonymous).
    fn anonymous_source(&mut self) -> String {
        if let Some(s) = self
            .known
            .project_anonymous
            .or_else(|| self.known.anonymous.map(|i| &self.sources[i]))
        {
            return s.id.clone();
        }
        let id = fresh(slug(mentions::ANONYMOUS_NAME), |id| self.source_taken(id));
        self.push_source(Source {
            id: id.clone(),
            name: mentions::ANONYMOUS_NAME.into(),
            kind: SourceKind::Anonymous,
            aliases: Vec::new(),
            note: String::new(),
        });
        self.report.sources_created += 1;
        id
    }

    /// Read X.txt into a document (or find it), returning its id, text and the raw→normalised map.
    fn document(&mut self, txt: &Path) -> Result<(String, String, Vec<usize>), FormatError> {
        let bytes = std::fs::read(txt).map_err(|source| FormatError::Read {
            path: txt.to_path_buf(),
            source,
        })?;
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(ArticleError::Empty {
                path: txt.to_path_buf(),
            }
            .into());
        }
        if article::looks_binary(&bytes) {
            return Err(ArticleError::Binary {
                path: txt.to_path_buf(),
            }
            .into());
        }
        let (decoded, encoding) = article::decode(&bytes);
        if let Some(enc) = encoding {
            self.report.warnings.push(format!(
                "{} was not UTF-8; decoded as {enc} (brat offsets are counted in that decoded text)",
                txt.display()
            ));
        }
        // brat reads files as plain UTF-8, so a UTF-8 byte order mark is code point 0 of its
        // offsets; `decode` drops it, so put it back for the map (normalisation drops it again).
        let raw = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            format!("\u{feff}{decoded}")
        } else {
            decoded
        };
        let (norm, map) = text::normalize_mapped(&raw);
        let sha = text::sha256_hex(&norm);
        crate::work::add(1);
        if let Some(d) = self.known.project_documents.get(sha.as_str()).copied() {
            self.report.documents_matched += 1;
            if !self.known.matched_ids.contains_key(&d.id) {
                self.known
                    .matched_ids
                    .insert(d.id.clone(), self.matched.len());
                self.matched.push((d.id.clone(), Vec::new()));
            }
            return Ok((d.id.clone(), norm, map));
        }
        if let Some(&i) = self.known.document_hashes.get(&sha) {
            self.report.documents_matched += 1;
            return Ok((self.documents[i].id.clone(), norm, map));
        }
        let mut title = article::plain(&norm).title;
        if title.is_empty() {
            title = txt
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
        let origin = Origin {
            file: txt.file_name().map(|n| n.to_string_lossy().into_owned()),
            imported: self.time,
            extractor: "brat".into(),
            ..Default::default()
        };
        let doc = Document::new(title, norm.clone(), origin);
        let id = doc.id.clone();
        self.known.document_hashes.insert(sha, self.documents.len());
        self.known
            .document_ids
            .entry(id.clone())
            .or_insert(self.documents.len());
        self.documents.push(doc);
        self.report.documents_added += 1;
        Ok((id, norm, map))
    }

    fn push_extras(&mut self, doc: &str, lines: Vec<String>) {
        crate::work::add(1);
        if let Some(&i) = self.known.document_ids.get(doc) {
            self.documents[i].extras.extend(lines);
        } else if let Some(&i) = self.known.matched_ids.get(doc) {
            self.matched[i].1.extend(lines);
        }
    }

    fn pair(&mut self, txt: &Path, ann: &Path) -> Result<(), FormatError> {
        let bytes = std::fs::read(ann).map_err(|source| FormatError::Read {
            path: ann.to_path_buf(),
            source,
        })?;
        let (content, encoding) = article::decode(&bytes);
        if let Some(enc) = encoding {
            self.report
                .warnings
                .push(format!("{} was not UTF-8; decoded as {enc}", ann.display()));
        }
        let (doc, text, map) = self.document(txt)?;
        let raw_len = map.len() - 1;
        let mut parse_skipped: HashSet<String> = HashSet::new();
        let lines = parse(
            ann,
            &content,
            txt,
            raw_len,
            self.lenient,
            &mut self.report.warnings,
            &mut parse_skipped,
        )?;
        let cmap = CharMap::new(&text);
        let fname = ann.display().to_string();

        let all_ids: HashSet<&str> = lines.iter().map(|l| l.id.as_str()).collect();
        let ts: HashSet<&str> = lines
            .iter()
            .filter(|l| matches!(l.item, Item::T { .. }))
            .map(|l| l.id.as_str())
            .collect();
        // The normalised ranges of each T, and a check of its quote.
        let mut ranges: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        // Lines skipped (with --lenient): those that could not be read, and T lines whose text
        // disagrees with the article.
        let mut skipped: HashSet<&str> = parse_skipped.iter().map(String::as_str).collect();
        // Each T line as it is kept when it becomes a document extra: offsets into the
        // normalised text (which the export writes), fragments in order, its text from there.
        let mut normalised: HashMap<&str, String> = HashMap::new();
        for l in &lines {
            let Item::T { ty, frags, quote } = &l.item else {
                continue;
            };
            let (merged, overlapped) = merge_overlaps(frags);
            if overlapped {
                self.report.warnings.push(format!(
                    "{fname}, line {}: {} has overlapping fragments, which brat rejects; merged \
                     into {}",
                    l.no,
                    l.id,
                    merged
                        .iter()
                        .map(|(s, e)| format!("{s} {e}"))
                        .collect::<Vec<_>>()
                        .join(";")
                ));
            }
            let r: Vec<(usize, usize)> = merged
                .iter()
                .map(|&(s, e)| (map[s], map[e]))
                .filter(|(s, e)| e > s)
                .collect();
            // brat joins the fragments' texts with a space in the order the line lists them,
            // which may be any order (`209 236;91 186`); they are stored sorted.
            let listed: Vec<(usize, usize)> = if overlapped {
                merged.clone()
            } else {
                frags.clone()
            };
            let found = listed
                .iter()
                .map(|&(s, e)| (map[s], map[e]))
                .filter(|(s, e)| e > s)
                .map(|(s, e)| cmap.slice(&text, s, e))
                .collect::<Vec<_>>()
                .join(" ");
            let want = text::normalize(quote);
            let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            // With overlapping fragments merged, the quote (brat joins fragments with a space)
            // may repeat text; compare only where the fragments were disjoint.
            if !overlapped && found != want && squash(&found) != squash(&want) {
                let what = format!(
                    "{} says {:?} but the text at its offsets is {:?}",
                    l.id,
                    clip(&want),
                    clip(&found)
                );
                if !self.lenient {
                    return Err(FormatError::Syntax {
                        path: ann.to_path_buf(),
                        line: l.no,
                        msg: format!(
                            "{what}; the .ann does not fit {} (cut short, or made for another \
                             version of the text). Fix the line, or import with --lenient to \
                             skip such lines",
                            txt.display()
                        ),
                    });
                }
                self.report.warnings.push(format!(
                    "{fname}, line {}: skipped (--lenient): {what}",
                    l.no
                ));
                skipped.insert(l.id.as_str());
                continue;
            }
            let all: Vec<(usize, usize)> = merged.iter().map(|&(s, e)| (map[s], map[e])).collect();
            normalised.insert(
                l.id.as_str(),
                format!(
                    "{}\t{ty} {}\t{}",
                    l.id,
                    all.iter()
                        .map(|(s, e)| format!("{s} {e}"))
                        .collect::<Vec<_>>()
                        .join(";"),
                    all.iter()
                        .map(|&(s, e)| cmap.slice(&text, s, e).replace(['\n', '\r'], " "))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            );
            ranges.insert(l.id.as_str(), r);
        }

        // Attribution events and the text-bound annotations they consume.
        let mut events: HashMap<&str, Event> = HashMap::new();
        let mut consumed: HashSet<&str> = HashSet::new();
        // The spans of an attribution event that is kept as a document extra (it has no
        // content with text, or arguments that are not text): parts of that event, kept aside
        // with it and written back with it, never loose claims of their own. Otherwise an
        // export and a new import would turn them into claims.
        let mut set_aside: HashSet<&str> = HashSet::new();
        // The spans of an attribution event that cannot be kept (--lenient skipped its trigger
        // and it has no content): left out with it, and listed.
        let mut dropped: HashSet<&str> = HashSet::new();
        let mut dropped_events: HashSet<&str> = HashSet::new();
        // Kept events written without the arguments they lost to skipped lines.
        let mut rewritten: HashMap<&str, String> = HashMap::new();
        for l in &lines {
            let Item::E { ty, trigger, args } = &l.item else {
                continue;
            };
            let no_source = ty == ATTRIBUTION_NO_SOURCE;
            if ty != ATTRIBUTION && !no_source {
                continue;
            }
            let err = |msg: String| FormatError::Syntax {
                path: ann.to_path_buf(),
                line: l.no,
                msg,
            };
            let mut trigger_lost = skipped.contains(trigger.as_str());
            if !trigger_lost && !ts.contains(trigger.as_str()) {
                let msg = format!(
                    "{}: its trigger {trigger} is not a text-bound annotation of this file",
                    l.id
                );
                if !self.lenient {
                    return Err(err(msg));
                }
                self.report.warnings.push(format!(
                    "{fname}, line {}: {msg}; the trigger is left out (--lenient)",
                    l.no
                ));
                trigger_lost = true;
            }
            let mut ev = Event {
                line: l,
                trigger,
                no_source,
                contents: Vec::new(),
                cues: Vec::new(),
                sources: Vec::new(),
            };
            let mut odd = Vec::new();
            let mut not_text = Vec::new();
            let mut lost = false;
            // The arguments that remain, as written.
            let mut remaining: Vec<String> = Vec::new();
            for (role, target) in args {
                if skipped.contains(target.as_str()) {
                    lost = true;
                    self.report.warnings.push(format!(
                        "{fname}, line {}: {} loses {role}:{target}, skipped above",
                        l.no, l.id
                    ));
                    continue;
                }
                if !ts.contains(target.as_str()) && all_ids.contains(target.as_str()) {
                    not_text.push(format!("{role}:{target}"));
                    remaining.push(format!("{role}:{target}"));
                    continue;
                }
                if !ts.contains(target.as_str()) {
                    let msg = format!(
                        "{}: {role}:{target} refers to {target}, which is not a text-bound annotation of this file",
                        l.id
                    );
                    if !self.lenient {
                        return Err(err(msg));
                    }
                    lost = true;
                    self.report.warnings.push(format!(
                        "{fname}, line {}: {msg}; that argument is left out (--lenient)",
                        l.no
                    ));
                    continue;
                }
                remaining.push(format!("{role}:{target}"));
                match role_base(role) {
                    "Content" => ev.contents.push(target),
                    "Cue" => ev.cues.push(target),
                    "Source" => ev.sources.push(target),
                    _ => odd.push(format!("{role}:{target}")),
                }
            }
            let no_content = ev
                .contents
                .iter()
                .all(|c| ranges.get(c).is_none_or(|r| r.is_empty()));
            // Kept without the arguments it lost to skipped lines.
            let rewrite = (lost && !trigger_lost).then(|| {
                let mut line = format!("{}\t{ty}:{trigger}", l.id);
                for a in &remaining {
                    line.push(' ');
                    line.push_str(a);
                }
                line
            });
            if !not_text.is_empty() {
                // Its spans stay claims of their own types, which the kept line refers to.
                self.report.warnings.push(format!(
                    "{fname}, line {}: {} has arguments that are not text spans ({}), which the attribution scheme has no place for; the event is kept as a document extra",
                    l.no,
                    l.id,
                    not_text.join(", ")
                ));
                if let Some(line) = rewrite {
                    rewritten.insert(l.id.as_str(), line);
                }
                continue;
            }
            if no_content {
                let spans: Vec<&str> = args
                    .iter()
                    .map(|(_, t)| t.as_str())
                    .filter(|t| ts.contains(t) && !skipped.contains(t))
                    .collect();
                if trigger_lost {
                    // An event line needs a trigger: this one cannot be written back, and its
                    // spans alone would come back as loose claims. Both are left out.
                    self.report.warnings.push(format!(
                        "{fname}, line {}: {} has no Content with text and lost its trigger, so it is left out with its spans ({})",
                        l.no,
                        l.id,
                        if spans.is_empty() {
                            "none".to_string()
                        } else {
                            spans.join(", ")
                        }
                    ));
                    dropped.extend(spans);
                    dropped_events.insert(l.id.as_str());
                } else {
                    self.report.warnings.push(format!(
                        "{fname}, line {}: {} has no Content with text; the event is kept as a document extra, with its spans",
                        l.no, l.id
                    ));
                    set_aside.insert(trigger.as_str());
                    set_aside.extend(spans);
                    if let Some(line) = rewrite {
                        rewritten.insert(l.id.as_str(), line);
                    }
                }
                continue;
            }
            if !odd.is_empty() {
                self.report.warnings.push(format!(
                    "{fname}, line {}: {} has roles outside the attribution scheme ({}); those annotations are kept as claims of their own",
                    l.no,
                    l.id,
                    odd.join(", ")
                ));
            }
            if !trigger_lost {
                consumed.insert(trigger.as_str());
            }
            consumed.extend(
                ev.contents
                    .iter()
                    .chain(&ev.cues)
                    .chain(&ev.sources)
                    .copied(),
            );
            events.insert(l.id.as_str(), ev);
        }

        // Claimtrace comments: what brat has no place for, on claims Claimtrace exported.
        let mut meta: HashMap<&str, export::Meta> = HashMap::new();
        for l in &lines {
            if let Item::Note { kind, target, note } = &l.item
                && kind == export::META
            {
                match serde_json::from_str::<export::Meta>(note) {
                    Ok(m) => {
                        meta.insert(target.as_str(), m);
                    }
                    Err(e) => self.report.warnings.push(format!(
                        "{fname}, line {}: {} is a Claimtrace comment that cannot be read ({e}); \
                         {target} is imported by the brat rules alone",
                        l.no, l.id
                    )),
                }
            }
        }

        // The mention chains of this article: which person or body each Source span names.
        let mut chain_of: HashMap<&str, usize> = HashMap::new();
        let mut chain_ranges: Vec<std::ops::Range<usize>> = Vec::new();
        for l in &lines {
            if let Some(ev) = events.get(l.id.as_str())
                && let Some(r) = ev.sources.first().and_then(|id| ranges.get(id))
                && let (Some(first), Some(last)) = (r.first(), r.last())
            {
                chain_of.insert(l.id.as_str(), chain_ranges.len());
                chain_ranges.push(first.0..last.1);
            }
        }
        let chains = identity::link(&text, &chain_ranges);

        // Claims, in the order of the lines that define them.
        let mut claim_label: Option<String> = None;
        let first_claim = self.claims.len();
        // brat id → index into self.claims.
        let mut claim_of: HashMap<&str, usize> = HashMap::new();
        let mut kept: Vec<&Line> = Vec::new();
        for l in &lines {
            match &l.item {
                Item::T { ty, .. } => {
                    if consumed.contains(l.id.as_str()) || skipped.contains(l.id.as_str()) {
                        continue;
                    }
                    if set_aside.contains(l.id.as_str()) {
                        kept.push(l);
                        continue;
                    }
                    if dropped.contains(l.id.as_str()) {
                        continue;
                    }
                    let r = &ranges[l.id.as_str()];
                    if r.is_empty() {
                        self.report.warnings.push(format!(
                            "{fname}, line {}: {} covers no text; kept as a document extra",
                            l.no, l.id
                        ));
                        kept.push(l);
                        continue;
                    }
                    let label = match meta.get(l.id.as_str()) {
                        Some(m) => self.label_exact(&m.label),
                        None => self.label(ty, ty),
                    };
                    let claim = self.claim(&doc, label, spans(&text, &cmap, r), None);
                    claim_of.insert(l.id.as_str(), self.claims.len());
                    self.claims.push(claim);
                }
                Item::E { .. } => {
                    let Some(ev) = events.get(l.id.as_str()) else {
                        if !dropped_events.contains(l.id.as_str()) {
                            kept.push(l);
                        }
                        continue;
                    };
                    let gather = |ids: &[&str]| -> Vec<(usize, usize)> {
                        ids.iter()
                            .flat_map(|id| ranges[id].iter().copied())
                            .collect()
                    };
                    let content = spans(&text, &cmap, &gather(&ev.contents));
                    // Which role (Content, Content2, …) each fragment came from, when there
                    // were several, so the export writes them back as separate spans.
                    let roles_of = |ids: &[&str], spans: &[Span]| -> Vec<u8> {
                        if ids.len() < 2 {
                            return Vec::new();
                        }
                        spans
                            .iter()
                            .map(|s| {
                                ids.iter()
                                    .position(|c| ranges[c].contains(&(s.start, s.end)))
                                    .and_then(|k| u8::try_from(k).ok())
                                    .unwrap_or(0)
                            })
                            .collect()
                    };
                    let content_roles = roles_of(&ev.contents, &content);
                    let mention = spans(&text, &cmap, &gather(&ev.sources));
                    let cue = spans(&text, &cmap, &gather(&ev.cues));
                    let mention_roles = roles_of(&ev.sources, &mention);
                    let cue_roles = roles_of(&ev.cues, &cue);
                    let m = meta.get(l.id.as_str());
                    let mut check = false;
                    let sources: Vec<String> = if let Some(m) = m {
                        let mut ids: Vec<String> = Vec::new();
                        for s in m.sources.iter().chain(&m.source) {
                            let id = self.source_exact(s);
                            if !ids.contains(&id) {
                                ids.push(id);
                            }
                        }
                        ids
                    } else if ev.no_source {
                        Vec::new()
                    } else {
                        ev.sources
                            .first()
                            .map(|id| {
                                ranges[id]
                                    .iter()
                                    .map(|&(s, e)| cmap.slice(&text, s, e))
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .map(|name| match chain_of.get(l.id.as_str()) {
                                Some(&k) => {
                                    let (ids, tag) = self.linked_sources(&name, &chains, k);
                                    check = tag;
                                    ids
                                }
                                None => self.source(&name).into_iter().collect(),
                            })
                            .unwrap_or_default()
                    };
                    let mode = if ev.no_source {
                        Mode::Unattributed
                    } else if is_quoted(&text, &cmap, &content) {
                        Mode::Direct
                    } else {
                        Mode::Indirect
                    };
                    let via = m.and_then(|m| m.via.as_ref()).map(|s| self.source_exact(s));
                    let attribution = Attribution {
                        sources,
                        mention,
                        cue,
                        via,
                        within: m.and_then(|m| m.within.clone()),
                        mode,
                    };
                    let label = match m {
                        Some(m) => self.label_exact(&m.label),
                        None => match &claim_label {
                            Some(l) => l.clone(),
                            None => {
                                let l = self.label(CLAIM_LABEL, "Claim");
                                claim_label = Some(l.clone());
                                l
                            }
                        },
                    };
                    let mut claim = self.claim(&doc, label, content, Some(attribution));
                    if check {
                        claim.tags.push(mentions::CHECK_TAG.to_string());
                    }
                    let ty = if ev.no_source {
                        ATTRIBUTION_NO_SOURCE
                    } else {
                        ATTRIBUTION
                    };
                    // The event type is checked against what the export would write once the
                    // attributes are read (below); kept here for now.
                    claim.brat = Some(crate::model::BratShape {
                        event: Some(ty.to_string()),
                        content_roles,
                        mention_roles,
                        cue_roles,
                    });
                    let i = self.claims.len();
                    claim_of.insert(ev.line.id.as_str(), i);
                    for c in &ev.contents {
                        claim_of.entry(c).or_insert(i);
                    }
                    self.claims.push(claim);
                }
                _ => {}
            }
        }
        // A pronoun mention ("he", "they") took its antecedent's sources from the mention
        // chains above (none when ambiguous), and is tagged for checking.

        // Source, cue and trigger spans belong to their event's claim too (for notes and tags only).
        for ev in events.values() {
            let i = claim_of[ev.line.id.as_str()];
            for id in ev.sources.iter().chain(&ev.cues).chain([&ev.trigger]) {
                claim_of.entry(id).or_insert(i);
            }
        }

        // Attributes and notes on claims; everything else is kept.
        let contents: HashSet<&str> = events
            .values()
            .flat_map(|e| e.contents.iter().copied())
            .collect();
        let on_claim = |target: &str| -> Option<usize> {
            let i = *claim_of.get(target)?;
            // Attributes and notes on a source or cue span are about that span, not the claim.
            let direct = !consumed.contains(target)
                || events.contains_key(target)
                || contents.contains(target);
            direct.then_some(i)
        };
        let mut noted: HashSet<usize> = HashSet::new();
        for l in &lines {
            if matches!(&l.item, Item::Note { kind, .. } if kind == export::META) {
                continue;
            }
            if let Item::A { target, .. } | Item::Note { target, .. } = &l.item
                && !all_ids.contains(target.as_str())
            {
                self.report.warnings.push(format!(
                    "{fname}, line {}: {} refers to {target}, which is not in the file; kept as a document extra",
                    l.no, l.id
                ));
            }
            match &l.item {
                Item::A {
                    name,
                    target,
                    value,
                } => match on_claim(target) {
                    Some(i) => {
                        let c = &mut self.claims[i];
                        let v = value.as_deref().unwrap_or_default();
                        match (name.as_str(), Mode::parse(v), Status::parse(v)) {
                            ("Mode", Some(mode), _) if c.attribution.is_some() => {
                                if let Some(a) = c.attribution.as_mut() {
                                    a.mode = mode;
                                }
                            }
                            ("Status", _, Some(status)) => c.status = status,
                            _ => {
                                let tag = match value {
                                    Some(v) => format!("{name}={v}"),
                                    None => name.clone(),
                                };
                                if !c.tags.contains(&tag) {
                                    c.tags.push(tag);
                                }
                            }
                        }
                    }
                    None => kept.push(l),
                },
                Item::Note { target, note, .. } => match on_claim(target) {
                    Some(i) => {
                        let c = &mut self.claims[i];
                        if !noted.insert(i) {
                            c.note.push('\n');
                        }
                        c.note.push_str(note);
                    }
                    None => kept.push(l),
                },
                Item::Other => kept.push(l),
                _ => {}
            }
        }
        kept.sort_by_key(|l| l.no);
        // Keep only what the export would not write by itself.
        for c in &mut self.claims[first_claim..] {
            if let (Some(b), Some(a)) = (c.brat.as_mut(), c.attribution.as_ref())
                && b.event.as_deref() == Some(export::event_type(a))
            {
                b.event = None;
            }
            if c.brat.as_ref().is_some_and(|b| *b == Default::default()) {
                c.brat = None;
            }
        }

        // Tag the claims that kept lines mention, so the lines can be read against them.
        for l in &kept {
            let body = l.raw.split_once('\t').map(|(_, b)| b).unwrap_or("");
            let body = body.split('\t').next().unwrap_or("");
            for tok in body.split_whitespace() {
                let id = tok.rsplit(':').next().unwrap_or(tok);
                if let Some(&i) = claim_of.get(id) {
                    let tag = format!("brat:{id}");
                    let c = &mut self.claims[i];
                    if !c.tags.contains(&tag) {
                        c.tags.push(tag);
                    }
                }
            }
        }
        if !kept.is_empty() {
            self.report.kept.push(format!(
                "{fname}: {} kept as document extras",
                describe_kept(&kept)
            ));
        }
        // A kept line may name a span a claim was made from (an event without content that
        // shares its trigger or source span with an attribution that became a claim, an
        // attribute on a Source span): that span is kept too, so the line is written back
        // referring to a text-bound annotation (the export writes one span once, shared).
        let named: HashSet<&str> = kept
            .iter()
            .flat_map(|l| {
                let body = l.raw.split_once('\t').map(|(_, b)| b).unwrap_or("");
                let body = body.split('\t').next().unwrap_or("");
                body.split_whitespace()
                    .map(|tok| tok.rsplit(':').next().unwrap_or(tok))
                    .collect::<Vec<_>>()
            })
            .filter(|id| consumed.contains(id))
            .collect();
        if !named.is_empty() {
            kept.extend(lines.iter().filter(|l| named.contains(l.id.as_str())));
            kept.sort_by_key(|l| l.no);
        }
        let extras = kept
            .iter()
            .map(|l| {
                let id = l.id.as_str();
                rewritten
                    .get(id)
                    .or_else(|| normalised.get(id))
                    .cloned()
                    .unwrap_or_else(|| l.raw.clone())
            })
            .collect();
        self.push_extras(&doc, extras);
        self.apply_meta(&doc, &text, &cmap, &meta, &claim_of);
        self.report.claims_added += self.claims.len() - first_claim;
        Ok(())
    }

    /// Give claims what their Claimtrace comments say: ids, authors, times, tags, and the exact
    /// fragments (when cutting them at line breaks gives the fragments in the file, i.e. they
    /// were not changed in brat). A claim the project already has (same id, same document and
    /// fragments) is left out.
    fn apply_meta(
        &mut self,
        doc: &str,
        text: &str,
        cmap: &CharMap,
        meta: &HashMap<&str, export::Meta>,
        claim_of: &HashMap<&str, usize>,
    ) {
        let chars: Vec<char> = text.chars().collect();
        let mut drop: HashSet<usize> = HashSet::new();
        let mut targets: Vec<(&&str, &export::Meta)> = meta.iter().collect();
        targets.sort_by_key(|(t, _)| claim_of.get(**t).copied());
        for (target, m) in targets {
            let Some(&i) = claim_of.get(*target) else {
                continue;
            };
            let restore = |spans: &mut Vec<Span>, orig: &[[usize; 2]]| {
                let orig: Vec<(usize, usize)> = orig.iter().map(|&[s, e]| (s, e)).collect();
                let now: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
                let fits = orig.iter().all(|&(s, e)| s < e && e <= chars.len());
                if fits
                    && !orig.is_empty()
                    && (export::cut_at_breaks(&chars, &orig) == now
                        || export::brat_fragments(&chars, &orig) == now)
                {
                    *spans = self::spans(text, cmap, &orig);
                }
            };
            let author_given = self.author_given;
            let c = &mut self.claims[i];
            restore(&mut c.content, &m.content);
            if let Some(a) = c.attribution.as_mut() {
                restore(&mut a.mention, &m.mention);
                restore(&mut a.cue, &m.cue);
            }
            if !author_given && !m.author.trim().is_empty() {
                c.author = m.author.clone();
            }
            if let Some(t) = m.created {
                c.created = t;
            }
            if let Some(t) = m.modified {
                c.modified = t;
            }
            for t in &m.tags {
                if !c.tags.contains(t) {
                    c.tags.push(t.clone());
                }
            }
            if m.id.trim().is_empty() {
                continue;
            }
            let offsets = |c: &Claim| -> Vec<(usize, usize)> {
                c.content.iter().map(|s| (s.start, s.end)).collect()
            };
            crate::work::add(1);
            if let Some(old) = self.known.project_claims.get(m.id.as_str()).copied() {
                if old.document == doc && offsets(old) == offsets(&self.claims[i]) {
                    drop.insert(i);
                    self.renamed.insert(m.id.clone(), old.id.clone());
                } else {
                    self.report.warnings.push(format!(
                        "the project already has a different claim with id {:?}; the one in {} \
                         was imported as {}",
                        m.id, doc, self.claims[i].id
                    ));
                    self.renamed.insert(m.id.clone(), self.claims[i].id.clone());
                }
            } else if self.known.claim_ids.contains(&m.id) {
                // Another claim of this import took the id already.
                self.renamed.insert(m.id.clone(), self.claims[i].id.clone());
            } else {
                self.known.claim_ids.insert(m.id.clone());
                self.claims[i].id = m.id.clone();
                self.renamed.insert(m.id.clone(), m.id.clone());
            }
        }
        if !drop.is_empty() {
            self.report.warnings.push(format!(
                "{} claim(s) are already in the project (same id, same text) and were skipped",
                drop.len()
            ));
            let mut k = 0;
            self.claims.retain(|_| {
                let keep = !drop.contains(&k);
                k += 1;
                keep
            });
        }
    }

    fn claim(
        &self,
        doc: &str,
        label: String,
        content: Vec<Span>,
        attribution: Option<Attribution>,
    ) -> Claim {
        Claim {
            id: new_id(),
            document: doc.to_string(),
            label,
            content,
            attribution,
            status: Default::default(),
            note: String::new(),
            tags: Vec::new(),
            author: self.author.clone(),
            created: self.time,
            modified: self.time,
            anchor: Default::default(),
            agreed_by: Vec::new(),
            unresolved: None,
            reviews: Vec::new(),
            origin: Default::default(),
            brat: None,
        }
    }

    fn finish(mut self, what: &str) -> (Edit, ImportReport) {
        let p = self.project;
        // Nesting: the ids the outer claims got; a missing outer claim is reported.
        let ids: HashSet<String> = self.claims.iter().map(|c| c.id.clone()).collect();
        crate::work::add(self.claims.len());
        for i in 0..self.claims.len() {
            let Some(w) = self.claims[i]
                .attribution
                .as_mut()
                .and_then(|a| a.within.take())
            else {
                continue;
            };
            let id = self.renamed.get(&w).cloned().unwrap_or(w.clone());
            let here = ids.contains(&id) || self.known.project_claims.contains_key(id.as_str());
            if here && id != self.claims[i].id {
                if let Some(a) = self.claims[i].attribution.as_mut() {
                    a.within = Some(id);
                }
            } else {
                self.report.warnings.push(format!(
                    "claim {} is nested in claim {w:?}, which is neither in the import nor in \
                     the project; imported without the nesting",
                    self.claims[i].id
                ));
            }
        }
        let claims = super::ingest::nesting_order(std::mem::take(&mut self.claims));
        let mut edits = Vec::new();
        for (k, label) in self.labels.into_iter().enumerate() {
            edits.push(Edit::InsertLabel {
                index: p.labels.len() + k,
                label,
            });
        }
        for (k, source) in self.sources.into_iter().enumerate() {
            edits.push(Edit::InsertSource {
                index: p.sources.len() + k,
                source,
            });
        }
        for (k, document) in self.documents.into_iter().enumerate() {
            edits.push(Edit::InsertDocument {
                index: p.documents.len() + k,
                document: Box::new(document),
            });
        }
        let documents: HashMap<&str, &Document> = p
            .documents
            .iter()
            .rev()
            .map(|d| (d.id.as_str(), d))
            .collect();
        for (id, extras) in self.matched {
            let Some(d) = documents.get(id.as_str()) else {
                continue;
            };
            if extras.is_empty() {
                continue;
            }
            let mut all = d.extras.clone();
            all.extend(extras);
            edits.push(Edit::SetDocumentText {
                id,
                text: d.text.clone(),
                sha256: d.sha256.clone(),
                extras: all,
            });
        }
        for (k, claim) in claims.into_iter().enumerate() {
            edits.push(Edit::InsertClaim {
                index: p.claims.len() + k,
                claim: Box::new(claim),
            });
        }
        (
            Edit::Batch {
                what: what.to_string(),
                edits,
            },
            self.report,
        )
    }
}

/// "2 relations (R1, R2), 1 event (E1)" for the kept lines.
fn describe_kept(kept: &[&Line]) -> String {
    let kinds: [(&str, &str, &[char]); 6] = [
        ("relation", "relations", &['R']),
        ("equivalence", "equivalences", &['*']),
        ("event", "events", &['E']),
        ("attribute", "attributes", &['A', 'M']),
        ("note", "notes", &['#']),
        ("normalisation", "normalisations", &['N']),
    ];
    let mut parts = Vec::new();
    for (one, many, prefixes) in kinds {
        let ids: Vec<&str> = kept
            .iter()
            .filter(|l| l.id.starts_with(prefixes))
            .map(|l| l.id.as_str())
            .collect();
        if !ids.is_empty() {
            let word = if ids.len() == 1 { one } else { many };
            parts.push(format!("{} {word} ({})", ids.len(), ids.join(", ")));
        }
    }
    let texts: Vec<&str> = kept
        .iter()
        .filter(|l| l.id.starts_with('T'))
        .map(|l| l.id.as_str())
        .collect();
    if !texts.is_empty() {
        parts.push(format!(
            "{} text-bound annotation(s) ({})",
            texts.len(),
            texts.join(", ")
        ));
    }
    parts.join(", ")
}

/// Fragments sorted, overlapping ones merged (brat rejects a span whose fragments overlap);
/// whether any overlapped.
pub fn merge_overlaps(frags: &[(usize, usize)]) -> (Vec<(usize, usize)>, bool) {
    let mut sorted = frags.to_vec();
    sorted.sort();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut overlapped = false;
    for (s, e) in sorted {
        match out.last_mut() {
            Some(last) if s < last.1 => {
                overlapped = true;
                last.1 = last.1.max(e);
            }
            _ => out.push((s, e)),
        }
    }
    (out, overlapped)
}

/// Spans over normalised ranges, sorted, duplicates removed.
fn spans(text: &str, map: &CharMap, ranges: &[(usize, usize)]) -> Vec<Span> {
    let mut out: Vec<Span> = ranges
        .iter()
        .filter(|(s, e)| e > s)
        .map(|&(s, e)| make_span_with(text, map, s, e))
        .collect();
    out.sort_by_key(|s| (s.start, s.end));
    out.dedup_by_key(|s| (s.start, s.end));
    out
}

/// Is the content enclosed in double quotation marks: an opening mark as its first non-space
/// char or right before it, and a closing mark as its last char (trailing `,.;:!?` allowed before
/// it) or right after it?
fn is_quoted(text: &str, map: &CharMap, content: &[Span]) -> bool {
    const OPEN: [char; 2] = ['“', '"'];
    const CLOSE: [char; 2] = ['”', '"'];
    let (Some(first), Some(last)) = (content.first(), content.last()) else {
        return false;
    };
    let before = map
        .slice(text, first.start.saturating_sub(1), first.start)
        .chars()
        .next();
    let after = map.slice(text, last.end, last.end + 1).chars().next();
    let opens =
        first.exact.trim_start().starts_with(OPEN) || before.is_some_and(|c| OPEN.contains(&c));
    let inner_end = last
        .exact
        .trim_end()
        .trim_end_matches([',', '.', ';', ':', '!', '?']);
    let closes = last.exact.trim_end().ends_with(CLOSE)
        || inner_end.ends_with(CLOSE)
        || after.is_some_and(|c| CLOSE.contains(&c));
    opens && closes
}

pub mod export;

#[cfg(test)]
mod tests;
