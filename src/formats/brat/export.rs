//! brat standoff export in the PolNeAR attribution scheme: a folder with one `X.txt` (the
//! document's normalised text, UTF-8, no byte order mark) and `X.ann` per document, plus an
//! `annotation.conf` and a `visual.conf` for brat.
//!
//! Offsets are half-open Unicode code point ranges into `X.txt`, as brat and Python count them.
//! What a claim becomes:
//!
//! - A claim with an attribution: `Source` (the mention), `Cue` and `Content` text-bound
//!   annotations, a trigger `Attribution` span (a copy of the cue, else of the mention, else of
//!   the content, as in the PolNeAR sample), and an event
//!   `E… Attribution:T… Content:T… Cue:T… Source:T…`; `Attribution-no-source` for an
//!   unattributed claim (no source, no mention, mode unattributed). A claim imported from brat
//!   keeps its event type and writes each role's spans (`Content`, `Content2`, …) as imported.
//! - A claim without attribution: one text-bound annotation whose type is its label's name
//!   (brat types are case-sensitive: `Discard` stays `Discard`).
//! - The document's extras (lines the import kept: relations, events without content, …) are
//!   written back under fresh ids. A line naming something no longer there is left out, and
//!   so is an event whose trigger would not be a text-bound annotation (brat cannot open a
//!   file with `E2 Attribution-no-source:E1`).
//! - A span several events share (one `Source` span for two claims, one trigger) is written
//!   once and referenced by each; a claim without attribution always gets a span of its own.
//! - A span's fragments never overlap (brat rejects that): overlapping ones are merged.
//! - Discontinuous spans list their fragments joined by `;`. A fragment that crosses a line
//!   break is cut there, as brat itself does when a selection spans lines (a brat line cannot
//!   hold a line break); the original fragments are restored on import (below).
//! - Mode and status: the attributes `Mode` and `Status` (declared in annotation.conf, so they
//!   can be edited in brat). The note: `AnnotatorNotes`, one line per line of the note.
//! - What brat has no place for (the claim's id, label, registry sources — a list, several for a
//!   joint attribution whose one `Source` span names them all — and intermediary with their
//!   kinds and aliases, the outer claim, tags, author, times, and the exact fragments) is
//!   one `Claimtrace` comment per claim holding a JSON object. brat shows it as a comment and
//!   deletes it with its annotation; the import reads it back, so export → import gives the
//!   same claims. An annotation made in brat has none, and is imported by the PolNeAR rules.

use super::{ATTRIBUTION, ATTRIBUTION_NO_SOURCE};
use crate::formats::Selection;
use crate::formats::jsonl::SourceObject;
use crate::model::{Attribution, Claim, Document, Mode, Project, Span, Timestamp, slug};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write;

/// The comment type of the metadata line.
pub const META: &str = "Claimtrace";

/// The label of a claim, as carried in the metadata.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LabelObject {
    pub id: String,
    pub name: String,
    /// `#rrggbb`.
    #[serde(default)]
    pub color: String,
}

/// The metadata comment of one claim.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub id: String,
    pub label: LabelObject,
    /// The claim's registry sources, in order (several: a joint attribution, whose one
    /// `Source` span names them all, as in PolNeAR's "Facebook and Google").
    #[serde(default)]
    pub sources: Vec<SourceObject>,
    /// The one source of a comment written before claims had several sources; read, never
    /// written.
    #[serde(default, skip_serializing)]
    pub source: Option<SourceObject>,
    #[serde(default)]
    pub via: Option<SourceObject>,
    #[serde(default)]
    pub within: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub created: Option<Timestamp>,
    #[serde(default)]
    pub modified: Option<Timestamp>,
    /// The exact fragments (before cutting at line breaks).
    #[serde(default)]
    pub content: Vec<[usize; 2]>,
    #[serde(default)]
    pub mention: Vec<[usize; 2]>,
    #[serde(default)]
    pub cue: Vec<[usize; 2]>,
}

pub fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

pub fn parse_hex(s: &str) -> Option<(u8, u8, u8)> {
    let s = s.strip_prefix('#')?;
    if s.len() != 6 || !s.is_ascii() {
        return None;
    }
    let n = |i: usize| u8::from_str_radix(&s[i..i + 2], 16).ok();
    Some((n(0)?, n(2)?, n(4)?))
}

/// The fragments written to brat for `ranges`: cut at line breaks ([`cut_at_breaks`]); a span
/// of line breaks only, which no `.ann` line can hold (brat checks a span's text, and a line
/// cannot carry a line break), is anchored on the nearest other character before it (else
/// after it). The Claimtrace comment keeps the exact fragments, and import restores them
/// when the file's fragments are what this gives for them.
pub fn brat_fragments(chars: &[char], ranges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let cut = cut_at_breaks(chars, ranges);
    if !cut.is_empty() {
        return cut;
    }
    let Some(&(s, e)) = ranges.first() else {
        return cut;
    };
    let before = (0..s.min(chars.len())).rev().find(|&k| chars[k] != '\n');
    let after = (e.min(chars.len())..chars.len()).find(|&k| chars[k] != '\n');
    match before.or(after) {
        Some(k) => vec![(k, k + 1)],
        // A text of line breaks only: nothing to anchor on; written whole.
        None => ranges.to_vec(),
    }
}

/// Cut fragments at line breaks (the breaks themselves left out), as brat does.
pub fn cut_at_breaks(chars: &[char], ranges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(s, e) in ranges {
        let e = e.min(chars.len());
        let mut start = s;
        for (i, &c) in chars.iter().enumerate().take(e).skip(s) {
            if c == '\n' {
                if i > start {
                    out.push((start, i));
                }
                start = i + 1;
            }
        }
        if e > start {
            out.push((start, e));
        }
    }
    out
}

fn pairs(spans: &[Span]) -> Vec<(usize, usize)> {
    spans
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| (s.start, s.end))
        .collect()
}

/// The types annotation.conf declares for the attribution scheme itself.
const SCHEME: [&str; 5] = [
    "Source",
    "Cue",
    "Content",
    ATTRIBUTION,
    ATTRIBUTION_NO_SOURCE,
];

/// The event type an attribution is written as when nothing else is known:
/// `Attribution-no-source` for an unattributed claim with no source and no mention.
pub fn event_type(a: &Attribution) -> &'static str {
    if a.sources.is_empty() && pairs(&a.mention).is_empty() && a.mode == Mode::Unattributed {
        ATTRIBUTION_NO_SOURCE
    } else {
        ATTRIBUTION
    }
}

/// The brat type of a claim without attribution: its label's name (as imported from brat,
/// where types are case-sensitive: `Discard` stays `Discard`), made brat-safe; the label id
/// when the project has no such label.
pub fn label_type(p: &Project, label_id: &str) -> String {
    type_name(p.label(label_id).map_or(label_id, |l| l.name.as_str()))
}

/// A brat type name for a label: letters, digits, `_` and `-` (others become `_`). It may be
/// one of the scheme's own types (a loose `Source` span of a brat file is kept as a claim
/// labelled `Source`, and written back as one).
pub fn type_name(label_id: &str) -> String {
    let mut t: String = label_id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if t.is_empty() {
        t.push('_');
    }
    t
}

/// One document's .ann text.
struct Ann<'a> {
    chars: Vec<char>,
    out: String,
    t: usize,
    e: usize,
    a: usize,
    n: usize,
    r: usize,
    norm: usize,
    project: &'a Project,
    /// The spans of attributions (Source, Cue, Content, triggers) and of the kept lines
    /// written so far, by type and fragments: a span several events share (one Source span
    /// for several claims, one trigger) is written once and referenced by each.
    shared: HashMap<(String, Vec<(usize, usize)>), String>,
}

impl Ann<'_> {
    /// Write a text-bound annotation over `ranges` (cut at line breaks); its id. With
    /// `share`, a span of the same type and fragments written before is used instead
    /// (a claim without attribution always gets its own: it is a claim of its own).
    fn textbound(&mut self, ty: &str, ranges: &[(usize, usize)], share: bool) -> String {
        let cut = brat_fragments(&self.chars, ranges);
        // brat rejects a span whose fragments overlap.
        let cut = super::merge_overlaps(&cut).0;
        let key = (ty.to_string(), cut.clone());
        if share && let Some(id) = self.shared.get(&key) {
            return id.clone();
        }
        self.t += 1;
        let id = format!("T{}", self.t);
        if share {
            self.shared.insert(key, id.clone());
        }
        let offsets = cut
            .iter()
            .map(|(s, e)| format!("{s} {e}"))
            .collect::<Vec<_>>()
            .join(";");
        let text = cut
            .iter()
            .map(|&(s, e)| {
                self.chars[s..e]
                    .iter()
                    .map(|&c| if c == '\n' { ' ' } else { c })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(self.out, "{id}\t{ty} {offsets}\t{text}");
        id
    }

    fn attribute(&mut self, name: &str, target: &str, value: &str) {
        self.a += 1;
        let _ = writeln!(self.out, "A{}\t{name} {target} {value}", self.a);
    }

    fn comment(&mut self, kind: &str, target: &str, text: &str) {
        self.n += 1;
        let _ = writeln!(self.out, "#{}\t{kind} {target}\t{text}", self.n);
    }

    /// The text-bound annotations of one role: one per imported role (`Content`, `Content2`,
    /// …) when `roles` still matches the fragments, else one over all of them; none for no
    /// fragments.
    fn role_spans(&mut self, ty: &str, spans: &[Span], roles: &[u8]) -> Vec<String> {
        let all = pairs(spans);
        if all.is_empty() {
            return Vec::new();
        }
        if roles.len() != spans.len() || spans.iter().any(|s| s.is_empty()) {
            return vec![self.textbound(ty, &all, true)];
        }
        let groups: BTreeSet<u8> = roles.iter().copied().collect();
        groups
            .into_iter()
            .map(|g| {
                let part: Vec<(usize, usize)> = all
                    .iter()
                    .zip(roles)
                    .filter(|(_, r)| **r == g)
                    .map(|(x, _)| *x)
                    .collect();
                self.textbound(ty, &part, true)
            })
            .collect()
    }

    /// Write one claim; the id of its event (or its span, for a claim without attribution).
    fn claim(&mut self, c: &Claim) -> Option<String> {
        let p = self.project;
        let content = pairs(&c.content);
        if content.is_empty() {
            return None;
        }
        let label = p.label(&c.label);
        let target = match &c.attribution {
            Some(a) => {
                let mention = pairs(&a.mention);
                let cue = pairs(&a.cue);
                let shape = c.brat.clone().unwrap_or_default();
                let source_ts = self.role_spans("Source", &a.mention, &shape.mention_roles);
                let cue_ts = self.role_spans("Cue", &a.cue, &shape.cue_roles);
                let content_ts = self.role_spans("Content", &c.content, &shape.content_roles);
                let ty = match c.brat.as_ref().and_then(|b| b.event.as_deref()) {
                    // An `Attribution-no-source` event stays one while the claim has no source.
                    Some(ATTRIBUTION_NO_SOURCE) if a.sources.is_empty() => ATTRIBUTION_NO_SOURCE,
                    Some(ATTRIBUTION) => ATTRIBUTION,
                    _ => event_type(a),
                };
                let trigger_ranges = if !cue.is_empty() {
                    &cue
                } else if !mention.is_empty() {
                    &mention
                } else {
                    &content
                };
                let trigger = self.textbound(ty, &trigger_ranges.clone(), true);
                self.e += 1;
                let id = format!("E{}", self.e);
                let mut line = format!("{id}\t{ty}:{trigger}");
                for (role, ts) in [
                    ("Content", &content_ts),
                    ("Cue", &cue_ts),
                    ("Source", &source_ts),
                ] {
                    for (k, t) in ts.iter().enumerate() {
                        let n = if k == 0 {
                            String::new()
                        } else {
                            (k + 1).to_string()
                        };
                        let _ = write!(line, " {role}{n}:{t}");
                    }
                }
                let _ = writeln!(self.out, "{line}");
                let mode = a.mode.as_str();
                let mode = format!("{}{}", mode[..1].to_uppercase(), &mode[1..]);
                self.attribute("Mode", &id, &mode);
                id
            }
            None => self.textbound(&label_type(p, &c.label), &content, false),
        };
        let status = c.status.as_str();
        self.attribute(
            "Status",
            &target,
            &format!("{}{}", status[..1].to_uppercase(), &status[1..]),
        );
        if !c.note.is_empty() {
            for line in c.note.split('\n') {
                self.comment("AnnotatorNotes", &target, line);
            }
        }
        let a = c.attribution.as_ref();
        let src = |id: Option<&str>| id.and_then(|id| p.source(id)).map(SourceObject::of);
        let meta = Meta {
            id: c.id.clone(),
            label: LabelObject {
                id: c.label.clone(),
                name: label.map(|l| l.name.clone()).unwrap_or(c.label.clone()),
                color: label.map(|l| hex(l.color)).unwrap_or_default(),
            },
            sources: c
                .sources()
                .iter()
                .filter_map(|id| p.source(id))
                .map(SourceObject::of)
                .collect(),
            source: None,
            via: src(a.and_then(|a| a.via.as_deref())),
            within: a.and_then(|a| a.within.clone()),
            tags: c
                .tags
                .iter()
                .filter(|t| !t.starts_with("brat:"))
                .cloned()
                .collect(),
            author: c.author.clone(),
            created: Some(c.created),
            modified: Some(c.modified),
            content: content.iter().map(|&(s, e)| [s, e]).collect(),
            mention: a
                .map(|a| pairs(&a.mention).iter().map(|&(s, e)| [s, e]).collect())
                .unwrap_or_default(),
            cue: a
                .map(|a| pairs(&a.cue).iter().map(|&(s, e)| [s, e]).collect())
                .unwrap_or_default(),
        };
        let json = serde_json::to_string(&meta).unwrap_or_default();
        self.comment(META, &target, &json);
        Some(target)
    }

    /// Write back the lines the import kept as document extras (relations, events without
    /// content, attributes and notes on them, …) under fresh ids, their references to brat ids
    /// of the imported file following the claims tagged `brat:<id>`. A line that refers to
    /// something no longer there is left out (brat would refuse the file).
    fn extras(&mut self, extras: &[String], mut ids: HashMap<String, String>) {
        // Every id written: the claims' (the values of `ids` so far) and the kept lines'.
        let mut written: HashSet<String> = ids.values().cloned().collect();
        // Text-bound lines first, so that what refers to them comes after them. Their
        // offsets are into the document's text; one that does not fit it (a project made
        // before they were kept that way) is left out, and so is what refers to it.
        let n = self.chars.len();
        for raw in extras {
            let Some((old, body)) = raw.split_once('\t') else {
                continue;
            };
            if !old.starts_with('T') {
                continue;
            }
            let head = body.split('\t').next().unwrap_or("");
            let Some((ty, offsets)) = head.trim().split_once(' ') else {
                continue;
            };
            let frags: Option<Vec<(usize, usize)>> = offsets
                .split(';')
                .map(|f| {
                    let (s, e) = f.trim().split_once(' ')?;
                    let (s, e) = (s.trim().parse().ok()?, e.trim().parse().ok()?);
                    (s <= e && e <= n).then_some((s, e))
                })
                .collect();
            let Some(frags) = frags.filter(|f| !f.is_empty()) else {
                continue;
            };
            let new = self.textbound(ty, &frags, true);
            written.insert(new.clone());
            ids.insert(old.to_string(), new);
        }
        let mut lines: Vec<(String, &str)> = Vec::new();
        for raw in extras {
            let Some((old, body)) = raw.split_once('\t') else {
                continue;
            };
            let new = match old.chars().next() {
                Some('T') => continue,
                Some('E') => {
                    self.e += 1;
                    format!("E{}", self.e)
                }
                Some(k @ ('A' | 'M')) => {
                    self.a += 1;
                    format!("{k}{}", self.a)
                }
                Some('#') => {
                    self.n += 1;
                    format!("#{}", self.n)
                }
                Some('R') => {
                    self.r += 1;
                    format!("R{}", self.r)
                }
                Some('N') => {
                    self.norm += 1;
                    format!("N{}", self.norm)
                }
                Some('*') => "*".to_string(),
                _ => continue,
            };
            if old != "*" {
                ids.insert(old.to_string(), new.clone());
                written.insert(new.clone());
            }
            lines.push((new, body));
        }
        // Each line with its references mapped to the ids written now; `None` when one of them
        // is not written (brat would refuse the file) or an event's trigger is not a text span.
        let mapped = |new: &str, body: &str, written: &HashSet<String>| -> Option<String> {
            let (head, rest) = match body.split_once('\t') {
                Some((h, r)) => (h, Some(r)),
                None => (body, None),
            };
            let mut tokens = Vec::new();
            for (k, tok) in head.split_whitespace().enumerate() {
                let (pre, id) = match tok.rsplit_once(':') {
                    Some((pre, id)) => (Some(pre), id),
                    None => (None, tok),
                };
                let m = match ids.get(id) {
                    Some(m) if written.contains(m) => m.clone(),
                    Some(_) => return None,
                    None if is_brat_id(id) => return None,
                    None => id.to_string(),
                };
                // An event's trigger is a text-bound annotation, never an event.
                if k == 0 && new.starts_with('E') && is_brat_id(&m) && !m.starts_with('T') {
                    return None;
                }
                tokens.push(match pre {
                    Some(pre) => format!("{pre}:{m}"),
                    None => m,
                });
            }
            Some(match rest {
                Some(r) => format!("{new}\t{}\t{r}", tokens.join(" ")),
                None => format!("{new}\t{}", tokens.join(" ")),
            })
        };
        // A line left out takes with it what refers to it (an attribute on a dropped event).
        loop {
            let before = written.len();
            for (new, body) in &lines {
                if written.contains(new) && mapped(new, body, &written).is_none() {
                    written.remove(new);
                }
            }
            if written.len() == before {
                break;
            }
        }
        for (new, body) in &lines {
            if new != "*" && !written.contains(new) {
                continue;
            }
            if let Some(line) = mapped(new, body, &written) {
                let _ = writeln!(self.out, "{line}");
            }
        }
    }
}

/// `T12`, `E3`, `#2`, …: an annotation id of a .ann file.
fn is_brat_id(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some('T' | 'E' | 'R' | 'A' | 'M' | 'N' | '#'))
        && !c.as_str().is_empty()
        && c.as_str().chars().all(|c| c.is_ascii_digit())
}

/// The .ann text of one document's selected claims.
pub fn ann(sel: &Selection, d: &Document) -> String {
    let mut a = Ann {
        chars: d.text.chars().collect(),
        out: String::new(),
        t: 0,
        e: 0,
        a: 0,
        n: 0,
        r: 0,
        norm: 0,
        project: sel.project,
        shared: HashMap::new(),
    };
    let claims: Vec<Claim> = sel.claims_of(&d.id).cloned().collect();
    // The brat ids of the imported file (tags `brat:<id>`) → the ids written now.
    let mut ids: HashMap<String, String> = HashMap::new();
    for c in crate::formats::ingest::nesting_order(claims) {
        if let Some(target) = a.claim(&c) {
            for t in &c.tags {
                if let Some(old) = t.strip_prefix("brat:") {
                    ids.entry(old.to_string()).or_insert(target.clone());
                }
            }
        }
    }
    a.extras(&d.extras, ids);
    a.out
}

/// File stems for the documents: the title as a slug (at most 60 chars), made unique.
fn stems(docs: &[&Document]) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    docs.iter()
        .map(|d| {
            let base: String = slug(&d.title).chars().take(60).collect();
            // Cut between words, not after a dangling separator.
            let base = base.trim_end_matches(['-', '_']).to_string();
            let base = if base == "x" { slug(&d.id) } else { base };
            let stem = crate::model::fresh(base, |s| {
                used.contains(s) || ["annotation", "visual", "tools", "kb_shortcuts"].contains(&s)
            });
            used.insert(stem.clone());
            stem
        })
        .collect()
}

/// annotation.conf: the PolNeAR scheme, the labels of unattributed claims, Mode and Status.
pub fn annotation_conf(sel: &Selection) -> String {
    let labels: BTreeSet<String> = sel
        .claims
        .iter()
        .filter(|c| c.attribution.is_none())
        .map(|c| label_type(sel.project, &c.label))
        .filter(|t| !SCHEME.contains(&t.as_str()))
        .collect();
    let mut o = String::from(
        "# brat configuration written by Claimtrace: the PolNeAR attribution scheme\n\
         # (Source, Cue and Content spans joined by an Attribution event) and the labels of\n\
         # claims without attribution.\n\n[entities]\n\nSource\nCue\nContent\n",
    );
    for l in &labels {
        let _ = writeln!(o, "{l}");
    }
    o.push_str(
        "\n[relations]\n\n# Spans may overlap and nest in any way.\n\
         <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n",
    );
    let _ = writeln!(
        o,
        "{ATTRIBUTION}\tContent:Content, Cue?:Cue, Source?:Source"
    );
    let _ = writeln!(o, "{ATTRIBUTION_NO_SOURCE}\tContent:Content, Cue?:Cue");
    o.push_str("\n[attributes]\n\n");
    let _ = writeln!(
        o,
        "Mode\tArg:{ATTRIBUTION}|{ATTRIBUTION_NO_SOURCE}, Value:Direct|Indirect|Mixed|Unattributed"
    );
    let mut targets = vec![ATTRIBUTION.to_string(), ATTRIBUTION_NO_SOURCE.to_string()];
    targets.extend(labels.iter().cloned());
    let _ = writeln!(
        o,
        "Status\tArg:{}, Value:Unverified|Supported|Disputed|False|Unverifiable",
        targets.join("|")
    );
    o
}

/// visual.conf: readable names and the labels' colours.
pub fn visual_conf(sel: &Selection) -> String {
    let p = sel.project;
    let claim_color = p
        .label(super::CLAIM_LABEL)
        .map(|l| hex(l.color))
        .unwrap_or("#f6c343".into());
    let mut o = String::from("[labels]\n\n");
    o.push_str("Source | Source | Src\nCue | Cue\nContent | Content | Cnt\n");
    let _ = writeln!(o, "{ATTRIBUTION} | Attribution | Attr");
    let _ = writeln!(
        o,
        "{ATTRIBUTION_NO_SOURCE} | Attribution (no source) | Attr-"
    );
    let mut label_types: Vec<(String, String, String)> = Vec::new();
    for c in sel.claims.iter().filter(|c| c.attribution.is_none()) {
        let t = label_type(p, &c.label);
        if SCHEME.contains(&t.as_str()) || label_types.iter().any(|(x, _, _)| *x == t) {
            continue;
        }
        let l = p.label(&c.label);
        let name = l
            .map(|l| l.name.replace('|', "/"))
            .unwrap_or(c.label.clone());
        let color = l.map(|l| hex(l.color)).unwrap_or("#cccccc".into());
        label_types.push((t, name, color));
    }
    // By type, as annotation.conf lists them: the file is the same whatever order the claims
    // (and so a re-import's labels) come in.
    label_types.sort();
    for (t, name, _) in &label_types {
        let _ = writeln!(o, "{t} | {name}");
    }
    o.push_str("\n[drawing]\n\n");
    o.push_str("SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n");
    o.push_str("ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n");
    o.push_str("ATTRIBUTE_DEFAULT\tglyph:*\n");
    o.push_str("Source\tbgColor:#8fc1e3\nCue\tbgColor:#e3b58f\n");
    let _ = writeln!(o, "Content\tbgColor:{claim_color}");
    let _ = writeln!(o, "{ATTRIBUTION}\tbgColor:#dddddd");
    let _ = writeln!(o, "{ATTRIBUTION_NO_SOURCE}\tbgColor:#dddddd");
    for (t, _, color) in &label_types {
        let _ = writeln!(o, "{t}\tbgColor:{color}");
    }
    o.push_str(
        "Mode\tglyph:(D)|(I)|(M)|(U), position:left\n\
         Status\tglyph:?|✓|!|✗|~\n",
    );
    o
}

/// Every file of the export: (name inside the folder, content).
pub fn files(sel: &Selection) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (d, stem) in sel.documents.iter().zip(stems(&sel.documents)) {
        out.push((format!("{stem}.txt"), d.text.clone()));
        out.push((format!("{stem}.ann"), ann(sel, d)));
    }
    out.push(("annotation.conf".into(), annotation_conf(sel)));
    out.push(("visual.conf".into(), visual_conf(sel)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_cut_at_line_breaks_only() {
        let chars: Vec<char> = "ab\ncd\n\nef".chars().collect();
        assert_eq!(cut_at_breaks(&chars, &[(0, 9)]), [(0, 2), (3, 5), (7, 9)]);
        assert_eq!(cut_at_breaks(&chars, &[(1, 2), (3, 4)]), [(1, 2), (3, 4)]);
        assert_eq!(cut_at_breaks(&chars, &[(2, 3)]), []);
    }

    #[test]
    fn file_stems_are_cut_between_words_and_unique() {
        use crate::model::Origin;
        let title = format!("{} tail", "a".repeat(59)); // the 60th char is the separator
        let d1 = Document::new(&title, "one".into(), Origin::default());
        let d2 = Document::new(&title, "two".into(), Origin::default());
        let d3 = Document::new("Visual", "three".into(), Origin::default());
        let got = stems(&[&d1, &d2, &d3]);
        assert_eq!(got[0], "a".repeat(59));
        assert_ne!(got[1], got[0]);
        assert!(got[1].starts_with(&"a".repeat(59)), "{got:?}");
        assert_ne!(got[2], "visual", "brat's own file names are not used");
    }

    /// A project with one attributed claim whose content crosses a line break.
    fn one_claim() -> Project {
        use crate::model::{Annotator, Attribution, Origin, Source, SourceKind};
        use crate::text::make_span;
        let mut p = Project::new("b", Annotator::named("Ana"));
        let text = "Amnesty said the numbers\nrose sharply this year.";
        let origin = Origin {
            imported: "2026-01-01T00:00:00Z".parse().unwrap(),
            extractor: "txt".into(),
            ..Default::default()
        };
        let d = Document::new("t", text.into(), origin);
        p.sources.push(Source {
            id: "amnesty".into(),
            name: "Amnesty International".into(),
            kind: SourceKind::Organization,
            aliases: vec!["Amnesty".into()],
            note: String::new(),
        });
        let t = "2026-01-02T00:00:00Z".parse().unwrap();
        p.claims.push(Claim {
            id: "c1".into(),
            document: d.id.clone(),
            label: "claim".into(),
            content: vec![make_span(text, 13, 37)],
            attribution: Some(crate::model::Attribution {
                sources: vec!["amnesty".into()],
                mention: vec![make_span(text, 0, 7)],
                cue: vec![make_span(text, 8, 12)],
                ..Attribution::default()
            }),
            status: crate::model::Status::Disputed,
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
        });
        p.documents.push(d);
        p
    }

    fn reimport(dir: &std::path::Path) -> (Project, crate::formats::ImportReport) {
        let mut q = Project::new("q", crate::model::Annotator::named("Bo"));
        let (edit, report) = super::super::import(&q, dir, None).unwrap();
        edit.apply(&mut q).unwrap();
        (q, report)
    }

    fn export_brat(p: &Project, out: &std::path::Path) -> std::path::PathBuf {
        crate::formats::export(
            &crate::formats::Filter::default().select(p),
            crate::formats::ExportFormat::Brat,
            out,
        )
        .unwrap();
        super::super::tests::brat_check::assert_brat_opens(out);
        std::fs::read_dir(out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "ann"))
            .unwrap()
    }

    /// A joint claim: the mention stays one Source span; the sources it names travel in the
    /// Claimtrace comment and come back as two registry sources.
    #[test]
    fn a_joint_source_is_one_span_and_two_sources() {
        use crate::edit::ops;
        use crate::model::{Source, SourceKind};
        let mut p = one_claim();
        p.sources.push(Source {
            id: "ap".into(),
            name: "Associated Press".into(),
            kind: SourceKind::Media,
            aliases: vec!["AP".into()],
            note: String::new(),
        });
        ops::attribution_mut(&mut p.claims[0]).sources = vec!["ap".into(), "amnesty".into()];
        let dir = tempfile::tempdir().unwrap();
        let ann_path = export_brat(&p, &dir.path().join("b"));
        let ann = std::fs::read_to_string(&ann_path).unwrap();
        assert_eq!(ann.matches("\tSource ").count(), 1, "{ann}");
        let comment = ann
            .lines()
            .find(|l| l.contains("\tClaimtrace E1\t"))
            .unwrap();
        let meta: Meta = serde_json::from_str(comment.rsplit('\t').next().unwrap()).unwrap();
        assert_eq!(
            meta.sources
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>(),
            ["Associated Press", "Amnesty International"]
        );
        assert!(
            !comment.contains("\"source\":"),
            "no one-source key: {comment}"
        );
        let (q, report) = reimport(&dir.path().join("b"));
        assert_eq!(report.sources_created, 2);
        let names: Vec<&str> = q.source_names(q.claims[0].sources());
        assert_eq!(names, ["Associated Press", "Amnesty International"]);
        assert_eq!(q.claims[0].attribution.as_ref().unwrap().mention.len(), 1);

        // A comment written before claims had several sources (`"source": {…}`) still reads.
        let json = comment.rsplit('\t').next().unwrap();
        let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
        let first = v["sources"][0].clone();
        let o = v.as_object_mut().unwrap();
        o.remove("sources");
        o.insert("source".into(), first);
        let old = comment.replace(json, &v.to_string());
        std::fs::write(&ann_path, ann.replace(comment, &old)).unwrap();
        let (q, report) = reimport(&dir.path().join("b"));
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        assert_eq!(q.source_names(q.claims[0].sources()), ["Associated Press"]);
    }

    #[test]
    fn brat_edits_win_over_stale_claimtrace_comments() {
        let p = one_claim();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("b");
        crate::formats::export(
            &crate::formats::Filter::default().select(&p),
            crate::formats::ExportFormat::Brat,
            &out,
        )
        .unwrap();
        super::super::tests::brat_check::assert_brat_opens(&out);
        let ann_path = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "ann"))
            .unwrap();
        let ann = std::fs::read_to_string(&ann_path).unwrap();
        // The content is cut at the line break, as brat does.
        assert!(
            ann.contains("Content 13 24;25 37\tthe numbers rose sharply"),
            "{ann}"
        );
        assert!(ann.contains("Status E1 Disputed"), "{ann}");
        // Untouched: the exact fragment comes back.
        let (q, _) = reimport(&out);
        assert_eq!(q.claims[0].id, "c1");
        assert_eq!(
            q.claims[0]
                .content
                .iter()
                .map(|s| (s.start, s.end))
                .collect::<Vec<_>>(),
            [(13, 37)]
        );
        assert_eq!(q.claims[0].status, crate::model::Status::Disputed);
        // Edited in brat (the content shortened to "the numbers"): the edit wins, the id stays.
        std::fs::write(
            &ann_path,
            ann.replace(
                "Content 13 24;25 37\tthe numbers rose sharply",
                "Content 13 24\tthe numbers",
            ),
        )
        .unwrap();
        let (q, _) = reimport(&out);
        assert_eq!(q.claims[0].id, "c1");
        assert_eq!(q.claims[0].content[0].exact, "the numbers");
        assert_eq!(q.claims[0].content.len(), 1);
        // A garbled comment: a warning, and the claim by the brat rules alone.
        let garbled = ann
            .lines()
            .map(|l| {
                if l.contains("\tClaimtrace E1\t") {
                    "#1\tClaimtrace E1\t{not json".to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&ann_path, garbled).unwrap();
        let (q, report) = reimport(&out);
        assert_eq!(q.claims.len(), 1);
        assert_ne!(q.claims[0].id, "c1");
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.contains("Claimtrace comment that cannot be read")),
            "{:?}",
            report.warnings
        );
        // The registry entry then comes from the mention's words, as for any brat file.
        assert_eq!(q.source(&q.claims[0].sources()[0]).unwrap().name, "Amnesty");
    }

    #[test]
    fn type_names_are_brat_safe() {
        assert_eq!(type_name("claim"), "claim");
        assert_eq!(type_name("my label:x"), "my_label_x");
        assert_eq!(type_name("Content"), "Content");
        assert_eq!(
            type_name("Discard"),
            "Discard",
            "brat types keep their case"
        );
        assert_eq!(parse_hex(&hex((246, 195, 7))), Some((246, 195, 7)));
        assert_eq!(parse_hex("#zz0000"), None);
    }
}
