//! The demo project: the seed article with its attributions, shipped in the binary so the
//! first start always has something to show.
//!
//! `projects/demo.ron` is not written by hand: [`build`] makes it from the seed files
//! (`tests/fixtures/articles/amnesty-vietnam.{txt,ann}`) with the same steps as the command line
//! (`new`, `add`, `import --format brat`) plus the registry and claim edits a researcher would
//! make, then fixes ids and timestamps so the result is reproducible. `tests/demo.rs` rebuilds it
//! and compares; `UPDATE_DEMO=1 cargo test --test demo` rewrites the file after a deliberate
//! change.

use crate::article::{self, ArticleError};
use crate::edit::{Edit, EditError, ops};
use crate::formats::{FormatError, brat};
use crate::model::{Annotator, Attribution, Mode, Project, SourceKind, Timestamp};
use crate::store::{self, StoreError};
use crate::text::CharMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The committed demo project file (`projects/demo.ron`).
pub const DEMO_RON: &str = include_str!("../projects/demo.ron");

/// The demo project's name.
pub const NAME: &str = "Demo: Amnesty on Vietnam";
/// The demo's annotator (id "demo").
pub const ANNOTATOR: &str = "Demo";
/// The seed document's id in the demo.
pub const DOCUMENT_ID: &str = "amnesty-vietnam";
/// Every timestamp of the demo: 2026-11-28T12:00:00Z.
pub const TIME: Timestamp = Timestamp::constant(1_795_867_200, 0);

/// The demo project, parsed from the copy built into the binary.
pub fn demo_project() -> Result<Project, StoreError> {
    store::from_ron(DEMO_RON, Path::new("projects/demo.ron")).map(|(p, _)| p)
}

#[derive(Debug, Error)]
pub enum DemoError {
    #[error(transparent)]
    Article(#[from] ArticleError),
    #[error(transparent)]
    Format(#[from] FormatError),
    #[error("building the demo project: {0}")]
    Edit(#[from] EditError),
    #[error("{path} is not the seed article the demo expects: {msg}")]
    Seed { path: PathBuf, msg: String },
}

/// Build the demo project from the seed article and its brat annotations.
pub fn build(seed_txt: &Path, seed_ann: &Path) -> Result<Project, DemoError> {
    // The command-line steps: new, add, import --format brat.
    let mut p = Project::new(NAME, Annotator::named(ANNOTATOR));
    let (doc, _) = article::read_file(seed_txt)?;
    let doc_id = doc.id.clone();
    step1(&mut p, |p| ops::add_document(p, doc))?;
    let (edit, _) = brat::import(&p, seed_ann, None)?;
    apply(&mut p, edit)?;
    let seed_err = |msg: String| DemoError::Seed {
        path: seed_ann.to_path_buf(),
        msg,
    };
    // The brat claims, E1…E11 in file order.
    let e: Vec<String> = p.claims.iter().map(|c| c.id.clone()).collect();
    if e.len() != 11 {
        return Err(seed_err(format!(
            "expected 11 attributions, found {}",
            e.len()
        )));
    }
    let text = p
        .document(&doc_id)
        .map(|d| d.text.clone())
        .unwrap_or_default();
    let find = |phrase: &str| {
        phrase_range(&text, phrase).ok_or_else(|| DemoError::Seed {
            path: seed_txt.to_path_buf(),
            msg: format!("{phrase:?} is not in the text"),
        })
    };

    // The registry: one entry per real source; the mentions become aliases.
    let amnesty = source_of(&p, &e[0], seed_ann)?; // "a tally from Amnesty International"
    step(&mut p, |p| {
        ops::rename_source(p, &amnesty, "Amnesty International")
    })?;
    // E2 "which", E3/E4 "the report", E5 "an Amnesty spokesman", E6 "Amnesty", E9 "Amnesty’s report".
    for i in [1, 2, 4, 5, 8] {
        let other = source_of(&p, &e[i], seed_ann)?;
        step(&mut p, |p| ops::merge_sources(p, &amnesty, &other))?;
    }
    step(&mut p, |p| {
        ops::update_source(p, &amnesty, "edit Amnesty International", |s| {
            s.kind = SourceKind::Organization;
            s.aliases = [
                "Amnesty",
                "which",
                "the report",
                "Amnesty’s report",
                "an Amnesty spokesman",
                "London-based Amnesty",
                "a tally from Amnesty International",
            ]
            .map(String::from)
            .to_vec();
            s.note = "London-based human rights organisation. “the report” and “Amnesty’s report” are its report \
                      on Vietnam; “which” (E2) refers back to it."
                .into();
        })
    })?;
    let journalists = source_of(&p, &e[6], seed_ann)?;
    step(&mut p, |p| {
        ops::rename_source(p, &journalists, "Thomson Reuters journalists")
    })?;
    step(&mut p, |p| {
        ops::update_source(p, &journalists, "edit kind", |s| s.kind = SourceKind::Media)
    })?;
    let government = source_of(&p, &e[7], seed_ann)?;
    step(&mut p, |p| {
        ops::update_source(p, &government, "edit kind", |s| {
            s.kind = SourceKind::Government
        })
    })?;
    let activists = source_of(&p, &e[9], seed_ann)?;
    step(&mut p, |p| {
        ops::update_source(p, &activists, "edit kind", |s| s.kind = SourceKind::Group)
    })?;
    // E11's mention "The two Facebook and Google" names two companies: the import's one entry
    // becomes Facebook, Google gets its own entry, and the claim is joint (both sources).
    let facebook = source_of(&p, &e[10], seed_ann)?;
    step(&mut p, |p| ops::rename_source(p, &facebook, "Facebook"))?;
    step(&mut p, |p| {
        ops::update_source(p, &facebook, "edit Facebook", |s| {
            s.kind = SourceKind::Company;
            s.note = "Speaks jointly with Google in E11 (“The two Facebook and Google”).".into();
            // The mention names both companies, so it is not an alias of either.
            s.aliases.retain(|a| a != "The two Facebook and Google");
        })
    })?;
    // The import may already have split the joint mention into its two names (source identity):
    // then Google is the claim's second source, else it is made here and added to the claim.
    let imported_google = p
        .claim(&e[10])
        .and_then(|c| c.sources().iter().find(|s| **s != facebook).cloned());
    let google_note = "Speaks jointly with Facebook in E11 (“The two Facebook and Google”).";
    let google = match imported_google {
        Some(id) => {
            step(&mut p, |p| ops::rename_source(p, &id, "Google"))?;
            step(&mut p, |p| {
                ops::update_source(p, &id, "edit Google", |s| {
                    s.kind = SourceKind::Company;
                    s.note = google_note.into();
                })
            })?;
            id
        }
        None => {
            let mut google = ops::new_source(&p, "Google", SourceKind::Company);
            google.note = google_note.into();
            let id = add_source(&mut p, google)?;
            step(&mut p, |p| ops::add_claim_source(p, &e[10], &id))?;
            id
        }
    };
    let reuters = ops::new_source(&p, "Reuters", SourceKind::Media);
    let reuters = add_source(&mut p, reuters)?;
    let mut writer = ops::new_source(&p, "The writer", SourceKind::Writer);
    writer.note =
        "The article’s own voice (Platform Executive; initial reporting by Thomson Reuters)."
            .into();
    let writer = add_source(&mut p, writer)?;

    // Facts the brat file cannot carry (SOURCE.md).
    step(&mut p, |p| {
        ops::update_claim(p, &e[4], "set via", |c| {
            ops::attribution_mut(c).via = Some(reuters.clone());
            c.note = "The spokesman speaks for Amnesty International; the claim reaches us via Reuters (“told Reuters”).".into();
        })
    })?;
    step(&mut p, |p| {
        ops::update_claim(p, &e[9], "set via", |c| {
            ops::attribution_mut(c).via = Some(amnesty.clone());
            c.note = "Reported via Amnesty’s report: “It cited interviews with Vietnamese activists who said…”.".into();
        })
    })?;
    step(&mut p, |p| {
        ops::update_claim(p, &e[10], "edit note", |c| {
            c.note = "A joint statement: the mention names Facebook and Google, and the claim counts for \
                      each of them."
                .into();
        })
    })?;

    // The nested attribution inside E5: "…is the greatest that London-based Amnesty has reported…".
    // The object of "has reported" is the relative pronoun "that", whose antecedent is the
    // (elided) number the sentence is about: what Amnesty itself reported is the figure, "The
    // present number of prisoners of conscience in Vietnam". The comparison ("is the greatest …
    // since 1996") stays the spokesman's claim (E5), which this one is within.
    let nested = {
        let (s, end) = find("The present number of prisoners of conscience in Vietnam")?;
        let mut c = ops::new_claim(&p, &doc_id, brat::CLAIM_LABEL, &[(s, end)])
            .ok_or_else(|| seed_err("cannot make the nested claim".into()))?;
        c.attribution = Some(Attribution {
            sources: vec![amnesty.clone()],
            mention: ops::spans(&text, &[find("London-based Amnesty")?]),
            cue: ops::spans(&text, &[find("has reported")?]),
            via: None,
            within: Some(e[4].clone()),
            mode: Mode::Indirect,
        });
        c.note = "Nested in E5: the figure is Amnesty’s own, relayed by its spokesman.".into();
        c
    };
    step1(&mut p, |p| ops::add_claim(p, nested))?;

    // The writer's own claims, in text order.
    for (phrase, note) in [
        (
            "Vietnam’s foreign ministry, which handles enquires from foreign media, didn’t respond to a request for comment",
            "The writer reports what the ministry did not do; the ministry makes no claim.",
        ),
        (
            "Vietnam’s ruling Communist Party retains tight control on media, tolerates little opposition, and it has \
             intensified a crackdown on dissidents and online activists before a key Party meeting next year",
            "Background the article states as fact, without a source.",
        ),
        (
            "One such legislation, Article 117, prohibits Vietnamese citizens from “making, storing or spreading” \
             anti-state materials",
            "Quotes the law’s wording inside the writer’s own claim.",
        ),
    ] {
        let mut c = ops::new_claim(&p, &doc_id, brat::CLAIM_LABEL, &[find(phrase)?])
            .ok_or_else(|| seed_err("cannot make a writer's claim".into()))?;
        c.attribution = Some(Attribution {
            sources: vec![writer.clone()],
            mode: Mode::Unattributed,
            ..Default::default()
        });
        c.note = note.into();
        step1(&mut p, |p| ops::add_claim(p, c))?;
    }

    // Reproducible ids and times.
    let source_ids = [
        (amnesty, "amnesty"),
        (government, "vietnam-government"),
        (facebook, "facebook"),
        (google, "google"),
        (journalists, "thomson-reuters-journalists"),
        (activists, "vietnamese-activists"),
        (reuters, "reuters"),
        (writer, "writer"),
    ];
    fix_ids(&mut p, &doc_id, &source_ids);
    Ok(p)
}

/// Give the document, claims and sources fixed ids and every timestamp [`TIME`].
fn fix_ids(p: &mut Project, doc_id: &str, sources: &[(String, &str)]) {
    let rename_source = |id: &mut String| {
        if let Some((_, new)) = sources.iter().find(|(old, _)| old == id) {
            *id = new.to_string();
        }
    };
    for s in &mut p.sources {
        rename_source(&mut s.id);
    }
    for d in &mut p.documents {
        if d.id == doc_id {
            d.id = DOCUMENT_ID.into();
        }
        d.origin.imported = TIME;
    }
    let claim_ids: Vec<(String, String)> = p
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), format!("c{:02}", i + 1)))
        .collect();
    let new_claim_id = |id: &str| {
        claim_ids
            .iter()
            .find(|(old, _)| old == id)
            .map(|(_, new)| new.clone())
    };
    for c in &mut p.claims {
        if let Some(id) = new_claim_id(&c.id) {
            c.id = id;
        }
        if c.document == doc_id {
            c.document = DOCUMENT_ID.into();
        }
        c.created = TIME;
        c.modified = TIME;
        if let Some(a) = c.attribution.as_mut() {
            a.sources
                .iter_mut()
                .chain(a.via.iter_mut())
                .for_each(rename_source);
            if let Some(w) = a.within.as_mut()
                && let Some(id) = new_claim_id(w)
            {
                *w = id;
            }
        }
    }
}

fn apply(p: &mut Project, edit: Edit) -> Result<(), DemoError> {
    edit.apply(p)?;
    Ok(())
}

/// Apply an edit an `ops` function made; `None` (nothing to change, or an unknown id) is
/// skipped, as the command line would.
fn step(p: &mut Project, f: impl FnOnce(&Project) -> Option<Edit>) -> Result<(), DemoError> {
    match f(p) {
        Some(e) => apply(p, e),
        None => Ok(()),
    }
}

/// Apply the edit `f` makes from the project as it stands.
fn step1(p: &mut Project, f: impl FnOnce(&Project) -> Edit) -> Result<(), DemoError> {
    let e = f(p);
    apply(p, e)
}

fn add_source(p: &mut Project, s: crate::model::Source) -> Result<String, DemoError> {
    let id = s.id.clone();
    step1(p, |p| ops::add_source(p, s))?;
    Ok(id)
}

/// The (first) registry source of claim `id`.
fn source_of(p: &Project, id: &str, ann: &Path) -> Result<String, DemoError> {
    p.claim(id)
        .and_then(|c| c.sources().first())
        .cloned()
        .ok_or_else(|| DemoError::Seed {
            path: ann.to_path_buf(),
            msg: format!("an attribution (claim {id}) has no source"),
        })
}

/// The char range of the first occurrence of `phrase` in `text`.
fn phrase_range(text: &str, phrase: &str) -> Option<(usize, usize)> {
    let b = text.find(phrase)?;
    let map = CharMap::new(text);
    let start = map.char(text, b);
    Some((start, start + phrase.chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_found_in_chars_not_bytes() {
        let t = "“Bộ” said: Vietnam’s government";
        assert_eq!(phrase_range(t, "Vietnam’s"), Some((11, 20)));
        assert_eq!(crate::text::slice_chars(t, 11, 20), "Vietnam’s");
        assert_eq!(phrase_range(t, "Hanoi"), None);
    }

    #[test]
    fn missing_seed_names_the_file() {
        let e = build(Path::new("no/such.txt"), Path::new("no/such.ann")).unwrap_err();
        assert!(e.to_string().contains("no/such.txt"), "{e}");
    }
}
