//! Format migrations: a project file of an older format is brought up to [`FORMAT`] on load,
//! one step at a time, before it is parsed as a [`Project`](crate::model::Project).
//!
//! A step works on the file's text: it parses the older shape into its own serde types (or
//! rewrites the text), and returns the text of the next format, `format` field included. Text is
//! the one representation every format shares; `ron::Value` cannot carry the step, because it
//! forgets the names of enum variants (`mode: Indirect` comes back as a unit value).
//!
//! The steps of this build:
//! - 1 → 2: an attribution's one `source: Option<String>` became `sources: Vec<String>` (a claim
//!   may have several sources, a joint attribution). `source: Some("x")` becomes
//!   `sources: ["x"]`, `source: None` becomes `sources: []`; nothing else changes.
//!
//! The path is also tested with a test-only format 0 and a test migration passed to
//! [`migrate_with`].

use crate::model::FORMAT;
use thiserror::Error;

/// One step: turns the text of a format-`from` file into the text of a format-`from + 1` file.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub from: u32,
    /// What changed, in a few words, for the user ("annotator became a name and an id").
    pub what: &'static str,
    pub apply: fn(&str) -> Result<String, String>,
}

/// The migrations of this build, oldest first.
pub const MIGRATIONS: &[Migration] = &[Migration {
    from: 1,
    what: "a claim's source became a list of sources (joint attributions)",
    apply: v1::to_v2,
}];

/// Format 1, frozen: the shape of a project file before claims had several sources. Only the
/// types that changed are copied here; the rest (documents, spans, labels, registry sources,
/// reviews, decisions) are the same in formats 1 and 2 and use the model's types. A later
/// format that changes one of those must freeze its format-2 shape here too.
mod v1 {
    use crate::model::{
        self, Anchor, Annotator, Decision, Document, Label, Mode, Review, Source, Span, Status,
        Timestamp,
    };
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub(super) struct Project {
        pub(super) format: u32,
        name: String,
        annotator: Annotator,
        #[serde(default)]
        labels: Vec<Label>,
        #[serde(default)]
        sources: Vec<Source>,
        #[serde(default)]
        documents: Vec<Document>,
        #[serde(default)]
        pub(super) claims: Vec<Claim>,
        #[serde(default)]
        decisions: Vec<Decision>,
    }

    #[derive(Deserialize)]
    pub(super) struct Claim {
        id: String,
        document: String,
        label: String,
        content: Vec<Span>,
        #[serde(default)]
        attribution: Option<Attribution>,
        #[serde(default)]
        status: Status,
        #[serde(default)]
        note: String,
        #[serde(default)]
        tags: Vec<String>,
        author: String,
        created: Timestamp,
        modified: Timestamp,
        #[serde(default)]
        anchor: Anchor,
        #[serde(default)]
        agreed_by: Vec<String>,
        #[serde(default)]
        unresolved: Option<String>,
        #[serde(default)]
        reviews: Vec<Review>,
    }

    #[derive(Deserialize)]
    struct Attribution {
        #[serde(default)]
        source: Option<String>,
        #[serde(default)]
        mention: Vec<Span>,
        #[serde(default)]
        cue: Vec<Span>,
        #[serde(default)]
        via: Option<String>,
        #[serde(default)]
        within: Option<String>,
        #[serde(default)]
        mode: Mode,
    }

    /// The step 1 → 2 (see the module's documentation).
    pub fn to_v2(text: &str) -> Result<String, String> {
        let old: Project = ron::from_str(text).map_err(|e| {
            format!(
                "line {}, column {}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })?;
        if old.format != 1 {
            return Err(format!(
                "expected a format-1 file, found format {}",
                old.format
            ));
        }
        let claims = old
            .claims
            .into_iter()
            .map(|c| model::Claim {
                id: c.id,
                document: c.document,
                label: c.label,
                content: c.content,
                attribution: c.attribution.map(|a| model::Attribution {
                    sources: a.source.into_iter().collect(),
                    mention: a.mention,
                    cue: a.cue,
                    via: a.via,
                    within: a.within,
                    mode: a.mode,
                }),
                status: c.status,
                note: c.note,
                tags: c.tags,
                author: c.author,
                created: c.created,
                modified: c.modified,
                anchor: c.anchor,
                agreed_by: c.agreed_by,
                unresolved: c.unresolved,
                reviews: c.reviews,
                origin: Default::default(),
                brat: None,
            })
            .collect();
        let p = model::Project {
            format: 2,
            name: old.name,
            annotator: old.annotator,
            labels: old.labels,
            sources: old.sources,
            documents: old.documents,
            claims,
            decisions: old.decisions,
            rejected: Vec::new(),
            distinct: Vec::new(),
        };
        crate::store::to_ron(&p).map_err(|e| e.to_string())
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum MigrateError {
    #[error(
        "this build cannot read project format {from} (it has no migration from it to {FORMAT})"
    )]
    NoStep { from: u32 },
    #[error("migrating from format {from} to {} failed: {msg}", from + 1)]
    Step { from: u32, msg: String },
    #[error("the migration from format {from} produced a file of format {found}, not {}", from + 1)]
    Wrong { from: u32, found: u32 },
}

/// The `format` number of a project file's text, if it has one that parses.
pub fn format_of(text: &str) -> Option<u32> {
    #[derive(serde::Deserialize)]
    struct FormatOnly {
        format: u32,
    }
    ron::from_str::<FormatOnly>(text).ok().map(|f| f.format)
}

/// Bring `text` (of format `found`) up to format `target` with `steps`. Returns the new text
/// and what each applied step changed.
pub fn migrate_with(
    text: &str,
    found: u32,
    target: u32,
    steps: &[Migration],
) -> Result<(String, Vec<&'static str>), MigrateError> {
    let mut text = text.to_string();
    let mut done = Vec::new();
    let mut at = found;
    while at < target {
        let step = steps
            .iter()
            .find(|m| m.from == at)
            .ok_or(MigrateError::NoStep { from: at })?;
        text = (step.apply)(&text).map_err(|msg| MigrateError::Step { from: at, msg })?;
        match format_of(&text) {
            Some(f) if f == at + 1 => {}
            other => {
                return Err(MigrateError::Wrong {
                    from: at,
                    found: other.unwrap_or(0),
                });
            }
        }
        done.push(step.what);
        at += 1;
    }
    Ok((text, done))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotator, Project};
    use serde::Deserialize;

    /// A test-only format 0: the annotator was a bare name and there were no labels.
    #[derive(Deserialize)]
    struct V0 {
        #[allow(dead_code)]
        format: u32,
        name: String,
        annotator: String,
        #[serde(default)]
        documents: Vec<crate::model::Document>,
    }

    fn v0_to_v1(text: &str) -> Result<String, String> {
        let old: V0 = ron::from_str(text).map_err(|e| e.to_string())?;
        let mut p = Project::new(&old.name, Annotator::named(&old.annotator));
        p.format = 1;
        p.documents = old.documents;
        crate::store::to_ron(&p).map_err(|e| e.to_string())
    }

    /// A hand-written format-1 file: one claim with a source, one with an attribution but no
    /// source, one without an attribution.
    const V1_FILE: &str = r#"(
    format: 1,
    name: "One",
    annotator: (id: "ana", name: "Ana"),
    labels: [(id: "claim", name: "Claim", color: (246, 195, 67))],
    sources: [(id: "amnesty", name: "Amnesty International", kind: Organization, aliases: ["Amnesty"], note: "")],
    documents: [(
        id: "d1", title: "Doc",
        origin: (file: Some("a.txt"), imported: "2026-11-28T12:00:00Z", extractor: "txt"),
        sha256: "", text: "Amnesty said the numbers rose.",
    )],
    claims: [
        (id: "c1", document: "d1", label: "claim",
         content: [(start: 13, end: 29, exact: "the numbers rose")],
         attribution: Some((source: Some("amnesty"), via: None,
             mention: [(start: 0, end: 7, exact: "Amnesty")], cue: [(start: 8, end: 12, exact: "said")],
             mode: Indirect)),
         status: Supported, note: "n", author: "ana",
         created: "2026-11-28T12:00:00Z", modified: "2026-11-28T12:00:00Z"),
        (id: "c2", document: "d1", label: "claim",
         content: [(start: 0, end: 7, exact: "Amnesty")],
         attribution: Some((source: None, mode: Unattributed)),
         author: "ana", created: "2026-11-28T12:00:00Z", modified: "2026-11-28T12:00:00Z"),
        (id: "c3", document: "d1", label: "claim",
         content: [(start: 8, end: 12, exact: "said")],
         author: "ana", created: "2026-11-28T12:00:00Z", modified: "2026-11-28T12:00:00Z"),
    ],
)
"#;

    /// What a build that knows only format 1 does with a format-2 file: its model (the frozen
    /// format-1 shape here) reads it, skipping the unknown `sources`, and finds format 2, newer
    /// than it writes, so it opens the file read-only and never saves over it.
    #[test]
    fn a_format_2_file_reads_as_newer_in_the_format_1_shape() {
        let old: v1::Project = ron::from_str(crate::demo::DEMO_RON).unwrap();
        assert_eq!(old.format, 2);
        assert_eq!(
            old.claims.len(),
            crate::demo::demo_project().unwrap().claims.len()
        );
    }

    #[test]
    fn a_format_1_source_becomes_a_list_of_sources() {
        let (text, done) = migrate_with(V1_FILE, 1, 2, MIGRATIONS).unwrap();
        assert_eq!(done, vec![MIGRATIONS[0].what]);
        assert_eq!(format_of(&text), Some(2));
        assert!(text.contains("sources: [\n"), "{text}");
        assert!(!text.contains("source: Some"), "{text}");
        let p: Project = ron::from_str(&text).unwrap();
        assert_eq!(p.claims[0].sources(), ["amnesty".to_string()]);
        let a = p.claims[0].attribution.as_ref().unwrap();
        assert_eq!(
            (a.mode, a.mention[0].exact.as_str(), a.cue[0].exact.as_str()),
            (crate::model::Mode::Indirect, "Amnesty", "said")
        );
        assert_eq!(
            (p.claims[0].status, p.claims[0].note.as_str()),
            (crate::model::Status::Supported, "n")
        );
        assert!(p.claims[1].sources().is_empty());
        assert_eq!(
            p.claims[1].attribution.as_ref().unwrap().mode,
            crate::model::Mode::Unattributed
        );
        assert!(p.claims[2].attribution.is_none());
        // Through the loader: reported, and saved as the current format.
        let (q, report) = crate::store::from_ron(V1_FILE, std::path::Path::new("one.ron")).unwrap();
        assert_eq!(report.migrated_from, Some(1));
        assert_eq!(q.claims, p.claims);
        assert!(crate::store::to_ron(&q).unwrap().contains("format: 2,"));
        // A format-1 file that is broken says where.
        let e = migrate_with(
            &V1_FILE.replace("content: [(start: 13", "content: [(start: x"),
            1,
            2,
            MIGRATIONS,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("from format 1 to 2 failed: line 14"), "{e}");
    }

    const TEST_STEPS: &[Migration] = &[Migration {
        from: 0,
        what: "annotator became a name and an id; default labels added",
        apply: v0_to_v1,
    }];

    const V0_FILE: &str = r#"(
    format: 0,
    name: "Old project",
    annotator: "Ana Lima",
)
"#;

    #[test]
    fn a_format_0_file_is_migrated_to_1() {
        assert_eq!(format_of(V0_FILE), Some(0));
        let (text, done) = migrate_with(V0_FILE, 0, 1, TEST_STEPS).unwrap();
        assert_eq!(done, vec![TEST_STEPS[0].what]);
        assert_eq!(format_of(&text), Some(1));
        let p: Project = ron::from_str(&text).unwrap();
        assert_eq!(p.name, "Old project");
        assert_eq!(p.annotator.id, "ana-lima");
        assert!(!p.labels.is_empty());
    }

    #[test]
    fn loading_migrates_an_older_file_and_saving_writes_the_current_format() {
        let path = std::path::Path::new("old.ron");
        // The test step 0 → 1, then the real steps of this build.
        let steps: Vec<Migration> = TEST_STEPS.iter().chain(MIGRATIONS).copied().collect();
        let (p, report) = crate::store::from_ron_with(V0_FILE, path, &steps).unwrap();
        assert_eq!(p.format, FORMAT);
        assert_eq!(p.annotator.name, "Ana Lima");
        assert_eq!(report.migrated_from, Some(0));
        assert_eq!(
            report.migrations,
            steps.iter().map(|m| m.what).collect::<Vec<_>>()
        );
        assert!(
            crate::store::to_ron(&p)
                .unwrap()
                .contains(&format!("format: {FORMAT},"))
        );
        // This build has no migration from format 0: the file is refused, naming it and why.
        let e = crate::store::from_ron(V0_FILE, path)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("old.ron: "), "{e}");
        assert!(e.contains("cannot read project format 0"), "{e}");
        assert!(e.contains("left untouched"), "{e}");
    }

    #[test]
    fn missing_or_failing_steps_are_errors() {
        assert_eq!(
            migrate_with(V0_FILE, 0, 1, &[]),
            Err(MigrateError::NoStep { from: 0 })
        );
        let bad = [Migration {
            from: 0,
            what: "",
            apply: |_| Err("field x is missing".into()),
        }];
        let e = migrate_with(V0_FILE, 0, 1, &bad).unwrap_err();
        assert_eq!(
            e.to_string(),
            "migrating from format 0 to 1 failed: field x is missing"
        );
        let stuck = [Migration {
            from: 0,
            what: "",
            apply: |t| Ok(t.to_string()),
        }];
        assert_eq!(
            migrate_with(V0_FILE, 0, 1, &stuck),
            Err(MigrateError::Wrong { from: 0, found: 0 })
        );
        // Nothing to do at the current format.
        assert_eq!(
            migrate_with("(format: 1)", 1, 1, &[]).unwrap(),
            ("(format: 1)".to_string(), vec![])
        );
    }
}
