//! Format migrations: a project file of an older format is brought up to [`FORMAT`] on load,
//! one step at a time, before it is parsed as a [`Project`](crate::model::Project).
//!
//! Only format 1 exists today, so [`MIGRATIONS`] is empty and every real file is read as it is.
//! The path is kept and tested anyway (with a test-only format 0 and a test migration passed to
//! [`migrate_with`]), so the first real format change only has to add a step.
//!
//! A step works on the file's text: it parses the older shape into its own serde types (or
//! rewrites the text), and returns the text of the next format, `format` field included. Text is
//! the one representation every format shares; `ron::Value` cannot carry the step, because it
//! forgets the names of enum variants (`mode: Indirect` comes back as a unit value).

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

/// The migrations of this build, oldest first. Empty: format 1 is the only format so far.
pub const MIGRATIONS: &[Migration] = &[];

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
        let (p, report) = crate::store::from_ron_with(V0_FILE, path, TEST_STEPS).unwrap();
        assert_eq!(p.format, FORMAT);
        assert_eq!(p.annotator.name, "Ana Lima");
        assert_eq!(report.migrated_from, Some(0));
        assert_eq!(report.migrations, vec![TEST_STEPS[0].what]);
        assert!(crate::store::to_ron(&p).unwrap().contains("format: 1,"));
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
