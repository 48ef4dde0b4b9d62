//! Small projects for the review tests, built by hand so expected values can be checked on paper.

use crate::edit::ops;
use crate::model::{Annotator, Attribution, Document, Origin, Project, Source, SourceKind};

/// A text of `n` chars ("abcdefghij" repeated).
pub fn text(n: usize) -> String {
    "abcdefghij".chars().cycle().take(n).collect()
}

/// An empty project of annotator `who` with one document per text (ids "d0", "d1", …).
pub fn project(who: &str, texts: &[String]) -> Project {
    let mut p = Project::new("p", Annotator::named(who));
    for (i, t) in texts.iter().enumerate() {
        let origin = Origin {
            imported: crate::demo::TIME,
            extractor: "txt".into(),
            ..Default::default()
        };
        let mut d = Document::new(format!("doc {i}"), t.clone(), origin);
        d.id = format!("d{i}");
        p.documents.push(d);
    }
    p
}

/// Add a source with aliases; returns its id.
pub fn source(p: &mut Project, name: &str, aliases: &[&str]) -> String {
    let mut s: Source = ops::new_source(p, name, SourceKind::Unknown);
    s.aliases = aliases.iter().map(|a| a.to_string()).collect();
    let id = s.id.clone();
    p.sources.push(s);
    id
}

/// Add a claim with id `id` over `ranges` of document `doc`, labelled `label`, attributed to
/// `source` (if any); returns its id.
pub fn claim(
    p: &mut Project,
    id: &str,
    doc: &str,
    label: &str,
    ranges: &[(usize, usize)],
    source: Option<&str>,
) -> String {
    let Some(mut c) = ops::new_claim(p, doc, label, ranges) else {
        panic!("test claim {id} over {ranges:?} in {doc} could not be made");
    };
    c.id = id.to_string();
    if let Some(s) = source {
        c.attribution = Some(Attribution {
            sources: vec![s.to_string()],
            ..Default::default()
        });
    }
    p.claims.push(c);
    id.to_string()
}

/// Make claim `id` joint: attributed to all of `sources`.
pub fn joint(p: &mut Project, id: &str, sources: &[&str]) {
    let Some(c) = p.claims.iter_mut().find(|c| c.id == id) else {
        panic!("no claim {id}");
    };
    ops::attribution_mut(c).sources = sources.iter().map(|s| s.to_string()).collect();
}

/// Set a claim's mention and cue ranges.
pub fn mention_cue(p: &mut Project, id: &str, mention: &[(usize, usize)], cue: &[(usize, usize)]) {
    let Some(i) = p.claims.iter().position(|c| c.id == id) else {
        panic!("no claim {id}");
    };
    let doc = p.claims[i].document.clone();
    let Some(text) = p.document(&doc).map(|d| d.text.clone()) else {
        panic!("no document {doc}");
    };
    let a = ops::attribution_mut(&mut p.claims[i]);
    a.mention = ops::spans(&text, mention);
    a.cue = ops::spans(&text, cue);
}
