//! The W3C export against the Web Annotation test suite's MUST assertions (w3c/web-annotation-
//! tests, copied into tests/fixtures/w3c-tests/, see its SOURCE.md): every annotation as it
//! stands inside the collection passes the 54 of `annotationMusts.test`, the collection the 10
//! of `collectionMusts.test`. The draft-4 schemas run with the `jsonschema` crate; their `$ref`s
//! are served from the fixtures folder, nothing is fetched.
//!
//! Also: the import reads the older shape (annotations in `items` on the collection, the label's
//! IRI as the label body's `id`) to the same project.

use claimtrace::demo::demo_project;
use claimtrace::edit::History;
use claimtrace::formats::{self, ExportFormat, Filter};
use claimtrace::model::{Annotator, Project};
use jsonschema::{Draft, Retrieve, Uri};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/w3c-tests")
}

/// Serves `…/NAME.json` from the suite's `definitions/` folder.
struct Local;

impl Retrieve for Local {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let path = uri.path().as_str();
        let name = path.rsplit('/').next().unwrap_or(path);
        let file = suite().join("definitions").join(name);
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("{uri}: no local schema {}: {e}", file.display()))?;
        Ok(serde_json::from_str(&text)?)
    }
}

/// The assertions a `.test` file lists, compiled.
fn assertions(test: &str) -> Vec<(String, jsonschema::Validator)> {
    let text = std::fs::read_to_string(suite().join(test)).unwrap();
    let t: Value = serde_json::from_str(&text).unwrap();
    t["assertions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let name = a.as_str().unwrap().to_string();
            let schema: Value =
                serde_json::from_str(&std::fs::read_to_string(suite().join(&name)).unwrap())
                    .unwrap();
            assert_eq!(schema["assertionType"], "must", "{name}");
            assert_eq!(schema["expectedResult"], "valid", "{name}");
            let v = jsonschema::options()
                .with_draft(Draft::Draft4)
                .with_base_uri("https://suite.invalid/w3c-tests/")
                .with_retriever(Local)
                .build(&schema)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, v)
        })
        .collect()
}

fn failures(checks: &[(String, jsonschema::Validator)], v: &Value) -> Vec<String> {
    checks
        .iter()
        .filter(|(_, s)| !s.is_valid(v))
        .map(|(n, _)| n.clone())
        .collect()
}

fn exported() -> (tempfile::TempDir, PathBuf, Value) {
    let p = demo_project().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("claims.jsonld");
    formats::export(&Filter::default().select(&p), ExportFormat::W3c, &out).unwrap();
    let v = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    (dir, out, v)
}

#[test]
fn the_export_meets_the_suites_must_assertions() {
    let annotation = assertions("annotations/annotationMusts.test");
    let collection = assertions("collections/collectionMusts.test");
    assert_eq!(annotation.len(), 54);
    assert_eq!(collection.len(), 10);
    let (_dir, _out, w) = exported();
    let items = w["first"]["items"].as_array().unwrap();
    assert!(items.len() > 5);
    for a in items {
        let f = failures(&annotation, a);
        assert!(f.is_empty(), "{} fails {f:?}", a["id"]);
    }
    let f = failures(&collection, &w);
    assert!(f.is_empty(), "the collection fails {f:?}");
}

#[test]
fn the_checks_catch_the_old_shape() {
    // The assertions the issue names fail on what the export used to write, so the test above
    // can tell.
    let annotation = assertions("annotations/annotationMusts.test");
    let collection = assertions("collections/collectionMusts.test");
    let (_dir, _out, w) = exported();
    let mut a = w["first"]["items"][0].clone();
    a.as_object_mut().unwrap().remove("@context");
    a["body"][0]["id"] = "urn:claimtrace:label:x".into();
    let f = failures(&annotation, &a);
    assert!(
        f.iter().any(|n| n.contains("annotationContextValidated"))
            && f.iter().any(|n| n.contains("bodyEWRNoPurpose")),
        "{f:?}"
    );
    let mut c = w.clone();
    let first = c.as_object_mut().unwrap().remove("first").unwrap();
    c["items"] = first["items"].clone();
    let f = failures(&collection, &c);
    assert!(
        f.iter().any(|n| n.contains("collectionFirstValidated")),
        "{f:?}"
    );
}

fn import(path: &Path) -> Project {
    let mut q = Project::new("fresh", Annotator::named("Someone Else"));
    let (edit, _) = formats::w3c::import(&q, path, None).unwrap();
    History::new().apply(&mut q, edit).unwrap();
    q
}

#[test]
fn the_import_reads_the_new_and_the_old_shape_alike() {
    let (dir, out, w) = exported();
    // The old shape: items on the collection, no context on the annotations, the label's IRI as
    // the label body's id.
    let mut old = w.clone();
    let first = old.as_object_mut().unwrap().remove("first").unwrap();
    let mut items = first["items"].as_array().unwrap().clone();
    for a in &mut items {
        let o = a.as_object_mut().unwrap();
        o.remove("@context");
        let label = o["body"][0].as_object_mut().unwrap();
        let iri = label.remove("labelId").unwrap();
        label.insert("id".into(), iri);
    }
    old["items"] = Value::Array(items);
    let old_path = dir.path().join("old.jsonld");
    std::fs::write(&old_path, serde_json::to_string(&old).unwrap()).unwrap();

    let p = demo_project().unwrap();
    let (new, old) = (import(&out), import(&old_path));
    assert_eq!(new.claims.len(), p.claims.len());
    assert_eq!(new.claims, old.claims);
    assert_eq!(new.labels, old.labels);
    for c in &p.claims {
        let n = new.claims.iter().find(|x| x.id == c.id).unwrap();
        assert_eq!(n.label, c.label, "the label id comes back from labelId");
        assert_eq!(n.content, c.content);
    }
}
