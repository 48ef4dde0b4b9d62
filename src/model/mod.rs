//! The project model: plain data with serde. No behaviour that needs a screen.
//!
//! Offsets in every [`Span`] are half-open ranges of Unicode scalar values (chars) into the
//! document's normalised text (NFC, `\n` line ends, no BOM). Each span also carries its quote and
//! up to [`CONTEXT_CHARS`] chars of context on both sides, so it can be re-anchored if the offsets
//! ever stop fitting the text.

pub mod mentions;

use serde::{Deserialize, Serialize};

mod anchor;

/// Spans are text positions: they live in [`crate::text`], below the model.
pub use crate::text::{CONTEXT_CHARS, Span};
pub use anchor::reanchor_claim;

/// The newest project file format this build reads and writes.
pub const FORMAT: u32 = 2;

/// A timestamp, serialised as RFC 3339 text.
pub type Timestamp = jiff::Timestamp;

/// A fresh, time-ordered unique id (UUID v7) as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time.
pub fn now() -> Timestamp {
    jiff::Timestamp::now()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub format: u32,
    pub name: String,
    pub annotator: Annotator,
    #[serde(default)]
    pub labels: Vec<Label>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// A reviewer's decisions on the rows of a comparison with another annotator's project
    /// (kept mine, kept both, took theirs, discussed), so a reloaded project knows which
    /// disagreements are settled. Skipped when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// Attribution suggestions the researcher rejected (see `suggest`). Skipped when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejected>,
    /// Pairs of registry sources the researcher said are not the same (Sources → Tidy…), so
    /// they are never proposed for merging again. Skipped when empty; older files have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distinct: Vec<NotSame>,
}

/// Two registry sources (ids) that are not one person or body, whatever their names say.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NotSame {
    pub a: String,
    pub b: String,
}

impl NotSame {
    /// The pair in a fixed order, so (a, b) and (b, a) are one pair.
    pub fn new(a: &str, b: &str) -> NotSame {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        NotSame {
            a: a.to_string(),
            b: b.to_string(),
        }
    }

    pub fn is(&self, x: &str, y: &str) -> bool {
        (self.a == x && self.b == y) || (self.a == y && self.b == x)
    }
}

/// What a reviewer chose for one disagreement between my project and another annotator's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Resolution {
    /// Their version replaced mine (or was added, or my lone claim was removed).
    TookTheirs,
    /// My version stays; theirs is not taken.
    KeptMine,
    /// Both versions are kept as separate claims.
    KeptBoth,
    /// Talked over; nothing was changed.
    Discussed,
}

impl Resolution {
    /// "took theirs", "kept mine", "kept both", "discussed".
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::TookTheirs => "took theirs",
            Resolution::KeptMine => "kept mine",
            Resolution::KeptBoth => "kept both",
            Resolution::Discussed => "discussed",
        }
    }
}

/// One settled row of a comparison: which claims it was about and what was chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The other annotator's id (their project's `annotator.id`).
    pub other: String,
    /// My claim of the row (`None`: a claim only they had).
    #[serde(default)]
    pub mine: Option<String>,
    /// Their claim of the row (`None`: a claim only I had).
    #[serde(default)]
    pub theirs: Option<String>,
    pub choice: Resolution,
    /// Who decided (annotator id).
    pub by: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Annotator {
    pub id: String,
    pub name: String,
}

impl Annotator {
    /// An annotator whose id is derived from the name ("Ana Lima" → "ana-lima").
    pub fn named(name: &str) -> Self {
        let name = name.trim();
        Annotator {
            id: slug(name),
            name: name.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Label {
    pub id: String,
    pub name: String,
    pub color: (u8, u8, u8),
    /// A single key that applies the label in the reader ("c"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortcut: Option<char>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, PartialOrd, Ord,
)]
pub enum SourceKind {
    Person,
    Organization,
    Government,
    Company,
    Media,
    Document,
    Group,
    Anonymous,
    Writer,
    #[default]
    Unknown,
}

impl SourceKind {
    pub const ALL: [SourceKind; 10] = [
        SourceKind::Person,
        SourceKind::Organization,
        SourceKind::Government,
        SourceKind::Company,
        SourceKind::Media,
        SourceKind::Document,
        SourceKind::Group,
        SourceKind::Anonymous,
        SourceKind::Writer,
        SourceKind::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Organization => "organization",
            SourceKind::Government => "government",
            SourceKind::Company => "company",
            SourceKind::Media => "media",
            SourceKind::Document => "document",
            SourceKind::Group => "group",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Writer => "writer",
            SourceKind::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<SourceKind> {
        let s = s.trim().to_lowercase();
        SourceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A canonical source in the project's registry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: SourceKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub note: String,
}

impl Source {
    /// Does `text` name this source (its name or an alias), ignoring case, NFC-normalised,
    /// with surrounding whitespace and punctuation trimmed?
    pub fn is_named(&self, text: &str) -> bool {
        let key = name_key(text);
        !key.is_empty()
            && std::iter::once(&self.name)
                .chain(self.aliases.iter())
                .any(|n| name_key(n) == key)
    }

    /// The name and all aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The comparison key for source names: NFC, lower case, inner whitespace collapsed, curly
/// apostrophes made straight, outer punctuation trimmed.
pub fn name_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String = s
        .nfc()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    let s = s.trim_matches(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\''));
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A lower-case, hyphenated id from a name ("Amnesty International" → "amnesty-international").
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "x".to_string() } else { out }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Origin {
    #[serde(default)]
    pub file: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    /// When the document was imported.
    pub imported: Timestamp,
    /// Which reader produced the text ("txt", "md", "brat", …).
    pub extractor: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub origin: Origin,
    /// SHA-256 (hex) of `text`.
    pub sha256: String,
    /// The normalised text. Never edited; a newer version replaces it as a whole.
    pub text: String,
    /// Annotations from an imported file that the model cannot represent, kept verbatim
    /// (for example brat relation lines), so nothing in a file is lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extras: Vec<String>,
}

impl Document {
    /// A document over already-normalised text.
    pub fn new(title: impl Into<String>, text: String, origin: Origin) -> Self {
        Document {
            id: new_id(),
            title: title.into(),
            origin,
            sha256: crate::text::sha256_hex(&text),
            text,
            extras: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Mode {
    Direct,
    #[default]
    Indirect,
    Mixed,
    Unattributed,
}

impl Mode {
    pub const ALL: [Mode; 4] = [
        Mode::Direct,
        Mode::Indirect,
        Mode::Mixed,
        Mode::Unattributed,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Direct => "direct",
            Mode::Indirect => "indirect",
            Mode::Mixed => "mixed",
            Mode::Unattributed => "unattributed",
        }
    }
    pub fn parse(s: &str) -> Option<Mode> {
        let s = s.trim().to_lowercase();
        Mode::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Status {
    #[default]
    Unverified,
    Supported,
    Disputed,
    False,
    Unverifiable,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Unverified,
        Status::Supported,
        Status::Disputed,
        Status::False,
        Status::Unverifiable,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unverified => "unverified",
            Status::Supported => "supported",
            Status::Disputed => "disputed",
            Status::False => "false",
            Status::Unverifiable => "unverifiable",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim().to_lowercase();
        Status::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Who a claim is attributed to, and how the text says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Attribution {
    /// Registry source ids, in the order the text names them; empty while the source is not
    /// yet known. Several ids make a joint attribution ("Facebook and Google have stated …"):
    /// one statement by each of them. No id appears twice. (Format 1 had one
    /// `source: Option<String>`; see `store::migrate`.)
    #[serde(default)]
    pub sources: Vec<String>,
    /// Where the text names the source ("a tally from Amnesty International").
    #[serde(default)]
    pub mention: Vec<Span>,
    /// The attribution cue ("according to", "told Reuters").
    #[serde(default)]
    pub cue: Vec<Span>,
    /// An intermediary source id ("told Reuters" → Reuters).
    #[serde(default)]
    pub via: Option<String>,
    /// The id of the outer claim this one is nested in.
    #[serde(default)]
    pub within: Option<String>,
    #[serde(default)]
    pub mode: Mode,
}

/// Whether a claim's spans still sit where their quotes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Anchor {
    /// Offsets and quotes agree.
    #[default]
    Exact,
    /// The offsets were moved to where the quote was found again.
    Reanchored,
    /// At least one span could not be placed; its offsets are kept but not trusted.
    Orphaned,
}

impl Anchor {
    pub fn is_exact(&self) -> bool {
        *self == Anchor::Exact
    }
}

/// An attributed piece of content: the unit of annotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    pub document: String,
    pub label: String,
    /// One or more fragments, sorted by start.
    pub content: Vec<Span>,
    #[serde(default)]
    pub attribution: Option<Attribution>,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub note: String,
    /// Free tags, e.g. brat attributes ("Negated", "Confidence=High").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    pub author: String,
    pub created: Timestamp,
    pub modified: Timestamp,
    #[serde(default, skip_serializing_if = "Anchor::is_exact")]
    pub anchor: Anchor,
    /// Other annotators (ids) who made the same claim: set when two projects are merged and
    /// both had this claim with the same fragments, label and source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreed_by: Vec<String>,
    /// Set on competing claims that a merge kept side by side for a reviewer to settle: the
    /// same group id on every claim of one disagreement. `None` for settled claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unresolved: Option<String>,
    /// Review notes on the claim, at most one per reviewer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// Where the claim came from: a person (the default, not written) or an accepted
    /// suggestion with its confidence and rule.
    #[serde(default, skip_serializing_if = "ClaimOrigin::is_human")]
    pub origin: ClaimOrigin,
    /// How the claim was written in the brat file it was imported from, where the export
    /// would otherwise write it differently (not written when there is nothing to keep).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brat: Option<BratShape>,
}

/// What a brat export needs to write an imported attribution event back as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct BratShape {
    /// The event type (`Attribution-no-source`), when it is not the one the claim's
    /// attribution implies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// For each content fragment, the role it came from: 0 for `Content`, 1 for `Content2`, …
    /// (only when there were several; ignored once the fragments no longer match it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_roles: Vec<u8>,
    /// The same for the mention's fragments (`Source`, `Source2`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mention_roles: Vec<u8>,
    /// The same for the cue's fragments (`Cue`, `Cue2`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cue_roles: Vec<u8>,
}

/// Where a claim came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum ClaimOrigin {
    /// Made by a person.
    #[default]
    Human,
    /// An accepted attribution suggestion: its confidence (0–1) and the rule that made it.
    Suggested { confidence: f32, rule: String },
}

impl ClaimOrigin {
    pub fn is_human(&self) -> bool {
        *self == ClaimOrigin::Human
    }
}

/// A suggestion the researcher rejected: not proposed again for this document and content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    pub document: String,
    /// The content fragments of the rejected suggestion.
    pub content: Vec<Span>,
}

/// A reviewer's verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Verdict {
    /// The claim is right as it is.
    Approved,
    /// The claim should be changed (the comment says how).
    NeedsChange,
    /// Only a comment, no verdict.
    #[default]
    Comment,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Approved, Verdict::NeedsChange, Verdict::Comment];

    /// "approved", "needs-change" or "comment".
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Approved => "approved",
            Verdict::NeedsChange => "needs-change",
            Verdict::Comment => "comment",
        }
    }

    /// The verdict named `s` ("approved", "needs-change"/"needs change", "comment").
    pub fn parse(s: &str) -> Option<Verdict> {
        let s = s.trim().to_lowercase().replace([' ', '_'], "-");
        Verdict::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A review note on a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The reviewer's annotator id.
    pub reviewer: String,
    pub verdict: Verdict,
    #[serde(default)]
    pub comment: String,
    pub created: Timestamp,
}

/// A project's claims grouped by document (see [`Project::claims_by_document`]).
#[derive(Debug, Default)]
pub struct ClaimsByDocument<'a>(std::collections::HashMap<&'a str, Vec<&'a Claim>>);

impl<'a> ClaimsByDocument<'a> {
    /// The claims of `document`, in project order (empty for a document without claims).
    pub fn of(&self, document: &str) -> &[&'a Claim] {
        self.0.get(document).map_or(&[], Vec::as_slice)
    }
}

impl Claim {
    /// The content's start (first fragment).
    pub fn start(&self) -> usize {
        self.content.first().map(|s| s.start).unwrap_or(0)
    }

    /// The content's end (last fragment).
    pub fn end(&self) -> usize {
        self.content.iter().map(|s| s.end).max().unwrap_or(0)
    }

    /// The quoted content, fragments joined by " … ".
    pub fn quote(&self) -> String {
        self.content
            .iter()
            .map(|s| s.exact.as_str())
            .collect::<Vec<_>>()
            .join(" … ")
    }

    /// The claim's source ids (empty: no source yet; several: a joint attribution).
    pub fn sources(&self) -> &[String] {
        self.attribution
            .as_ref()
            .map(|a| a.sources.as_slice())
            .unwrap_or(&[])
    }

    /// Is `id` one of the claim's sources?
    pub fn has_source(&self, id: &str) -> bool {
        self.sources().iter().any(|s| s == id)
    }

    /// Does the claim name `id` as a source or as its intermediary (via)?
    pub fn names_source(&self, id: &str) -> bool {
        self.attribution
            .as_ref()
            .is_some_and(|a| a.sources.iter().any(|s| s == id) || a.via.as_deref() == Some(id))
    }

    /// The review note of `reviewer`, if any.
    pub fn review_by(&self, reviewer: &str) -> Option<&Review> {
        self.reviews.iter().find(|r| r.reviewer == reviewer)
    }

    /// All spans of the claim: content, mention and cue.
    pub fn spans_mut(&mut self) -> impl Iterator<Item = &mut Span> {
        let (mention, cue) = match self.attribution.as_mut() {
            Some(a) => (a.mention.as_mut_slice(), a.cue.as_mut_slice()),
            None => (&mut [][..], &mut [][..]),
        };
        self.content
            .iter_mut()
            .chain(mention.iter_mut())
            .chain(cue.iter_mut())
    }

    pub fn spans(&self) -> impl Iterator<Item = &Span> {
        let (mention, cue) = match self.attribution.as_ref() {
            Some(a) => (a.mention.as_slice(), a.cue.as_slice()),
            None => (&[][..], &[][..]),
        };
        self.content.iter().chain(mention.iter()).chain(cue.iter())
    }
}

impl Project {
    pub fn new(name: &str, annotator: Annotator) -> Self {
        Project {
            format: FORMAT,
            name: name.to_string(),
            annotator,
            labels: default_labels(),
            sources: Vec::new(),
            documents: Vec::new(),
            claims: Vec::new(),
            decisions: Vec::new(),
            rejected: Vec::new(),
            distinct: Vec::new(),
        }
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        crate::work::add(self.documents.len());
        self.documents.iter().find(|d| d.id == id)
    }

    pub fn claim(&self, id: &str) -> Option<&Claim> {
        crate::work::add(self.claims.len());
        self.claims.iter().find(|c| c.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        crate::work::add(self.sources.len());
        self.sources.iter().find(|s| s.id == id)
    }

    /// The names of the sources `ids`, in order (an id not in the registry stands for itself).
    pub fn source_names<'a>(&'a self, ids: &'a [String]) -> Vec<&'a str> {
        ids.iter()
            .map(|id| self.source(id).map(|s| s.name.as_str()).unwrap_or(id))
            .collect()
    }

    pub fn label(&self, id: &str) -> Option<&Label> {
        crate::work::add(self.labels.len());
        self.labels.iter().find(|l| l.id == id)
    }

    /// A label by id or (case-insensitive) name.
    pub fn find_label(&self, key: &str) -> Option<&Label> {
        self.label(key).or_else(|| {
            self.labels
                .iter()
                .find(|l| l.name.eq_ignore_ascii_case(key.trim()))
        })
    }

    /// The registry source that `text` names (by name or alias), if any.
    pub fn find_source(&self, text: &str) -> Option<&Source> {
        self.source(text)
            .or_else(|| self.sources.iter().find(|s| s.is_named(text)))
    }

    /// The claims of one document, in file order.
    pub fn claims_of<'a>(&'a self, document: &'a str) -> impl Iterator<Item = &'a Claim> + 'a {
        crate::work::add(self.claims.len());
        self.claims.iter().filter(move |c| c.document == document)
    }

    /// A document with this exact text, if the project has one.
    pub fn document_with_hash(&self, sha256: &str) -> Option<&Document> {
        crate::work::add(self.documents.len());
        self.documents.iter().find(|d| d.sha256 == sha256)
    }

    /// The claims of every document, by document id, each list in project order: one pass
    /// over the claims, for loops over documents that would otherwise call [`Self::claims_of`]
    /// (a pass each) per document.
    pub fn claims_by_document(&self) -> ClaimsByDocument<'_> {
        let mut map: std::collections::HashMap<&str, Vec<&Claim>> =
            std::collections::HashMap::with_capacity(self.documents.len());
        crate::work::add(self.claims.len());
        for c in &self.claims {
            map.entry(c.document.as_str()).or_default().push(c);
        }
        ClaimsByDocument(map)
    }

    /// The documents by text hash (the first one of each hash, as [`Self::document_with_hash`]).
    pub fn documents_by_hash(&self) -> std::collections::HashMap<&str, &Document> {
        let mut map = std::collections::HashMap::with_capacity(self.documents.len());
        for d in &self.documents {
            map.entry(d.sha256.as_str()).or_insert(d);
        }
        map
    }

    /// A source id that is not yet used, derived from `name`.
    pub fn fresh_source_id(&self, name: &str) -> String {
        fresh(slug(name), |id| self.source(id).is_some())
    }

    /// A label id that is not yet used, derived from `name`.
    pub fn fresh_label_id(&self, name: &str) -> String {
        fresh(slug(name), |id| self.label(id).is_some())
    }
}

/// `base`, or `base-2`, `base-3`… whichever is not `taken`.
pub fn fresh(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// The labels a new project starts with.
pub fn default_labels() -> Vec<Label> {
    vec![
        Label {
            id: "claim".into(),
            name: "Claim".into(),
            color: (246, 195, 67),
            shortcut: Some('c'),
        },
        Label {
            id: "statement".into(),
            name: "Statement".into(),
            color: (120, 190, 240),
            shortcut: None,
        },
        Label {
            id: "opinion".into(),
            name: "Opinion".into(),
            color: (200, 150, 230),
            shortcut: None,
        },
    ]
}

/// Colours for labels: the first eight are given to labels created on the fly (stable per
/// name, see [`color_for`]); the labels window offers all of them.
pub const LABEL_PALETTE: [(u8, u8, u8); 10] = [
    (246, 195, 67),
    (120, 190, 240),
    (200, 150, 230),
    (140, 210, 140),
    (250, 150, 120),
    (120, 220, 210),
    (230, 160, 200),
    (190, 190, 120),
    (255, 120, 120),
    (170, 170, 170),
];

/// A colour for a label created on the fly (brat types, imported labels), stable per name.
pub fn color_for(name: &str) -> (u8, u8, u8) {
    const PALETTE: &[(u8, u8, u8)] = LABEL_PALETTE.split_at(8).0;
    let h = name
        .bytes()
        .fold(2166136261u32, |h, b| (h ^ b as u32).wrapping_mul(16777619));
    PALETTE[h as usize % PALETTE.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_across_case_quotes_and_normalisation() {
        let s = Source {
            id: "vn".into(),
            name: "Vietnam\u{2019}s government".into(),
            kind: SourceKind::Government,
            aliases: vec!["Bo\u{0323}\u{0302} Ngoa\u{0323}i giao".into()],
            note: String::new(),
        };
        assert!(s.is_named("vietnam's  Government"));
        assert!(s.is_named("Bộ Ngoại giao"));
        assert!(!s.is_named("Vietnam"));
        assert!(!s.is_named("  "));
    }

    #[test]
    fn slugs_and_fresh_ids() {
        assert_eq!(slug("Amnesty International"), "amnesty-international");
        assert_eq!(slug("  Bộ Ngoại giao!"), "bộ-ngoại-giao");
        assert_eq!(slug("!!!"), "x");
        let mut p = Project::new("p", Annotator::named("Ana Lima"));
        assert_eq!(p.annotator.id, "ana-lima");
        p.sources.push(Source {
            id: "reuters".into(),
            name: "Reuters".into(),
            kind: SourceKind::Media,
            aliases: vec![],
            note: String::new(),
        });
        assert_eq!(p.fresh_source_id("Reuters"), "reuters-2");
        assert_eq!(p.fresh_source_id("AP"), "ap");
    }
}
