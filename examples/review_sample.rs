//! Write the demo project and a colleague's modified copy of it (one claim deleted, one
//! relabelled, one added) into a folder, to try Review → Compare with… by hand:
//!
//! ```text
//! cargo run --example review_sample -- /tmp/review
//! claimtrace /tmp/review/mine.ron      # then Review → Compare with… /tmp/review/theirs.ron
//! ```

use claimtrace::edit::ops;
use claimtrace::model::{Annotator, Project};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or_else(|| anyhow::anyhow!("usage: review_sample FOLDER"))?,
    );
    std::fs::create_dir_all(&dir)?;
    let mine = claimtrace::demo::demo_project()?;
    let theirs = modified_copy(&mine)?;
    claimtrace::store::save(&mine, &dir.join("mine.ron"))?;
    claimtrace::store::save(&theirs, &dir.join("theirs.ron"))?;
    println!("wrote {0}/mine.ron and {0}/theirs.ron", dir.display());
    Ok(())
}

/// Bo's copy: the first claim deleted, the second relabelled, a claim added on a paragraph no
/// claim touches.
fn modified_copy(mine: &Project) -> anyhow::Result<Project> {
    let mut p = mine.clone();
    p.annotator = Annotator::named("Bo");
    p.name = "Demo, annotated by Bo".into();
    let gone = p.claims.remove(0).id;
    for c in &mut p.claims {
        if let Some(a) = c.attribution.as_mut()
            && a.within.as_deref() == Some(gone.as_str())
        {
            a.within = None;
        }
    }
    p.claims[0].label = "opinion".into();
    let doc = p.documents[0].id.clone();
    let covered: Vec<(usize, usize)> = p.claims.iter().map(|c| (c.start(), c.end())).collect();
    let para = claimtrace::text::paragraphs(&p.documents[0].text)
        .into_iter()
        .find(|r| r.len() > 60 && covered.iter().all(|&(s, e)| e <= r.start || s >= r.end))
        .ok_or_else(|| anyhow::anyhow!("no free paragraph in the demo"))?;
    let c = ops::new_claim(&p, &doc, "claim", &[(para.start, para.start + 60)])
        .ok_or_else(|| anyhow::anyhow!("could not make a claim"))?;
    p.claims.push(c);
    Ok(p)
}
