use super::*;
use crate::model::Annotator;
use proptest::prelude::*;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// The strict checker of brat's rules, shared with the integration tests.
#[path = "../../../tests/common/brat_check.rs"]
pub(crate) mod brat_check;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn seed_ann() -> PathBuf {
    fixtures().join("articles/amnesty-vietnam.ann")
}

fn project() -> Project {
    Project::new("t", Annotator::named("Ana"))
}

/// Import `path` into `p` and apply the edit.
fn import_into(p: &mut Project, path: &Path) -> ImportReport {
    let (edit, report) = import(p, path, None).unwrap();
    edit.apply(p).unwrap();
    report
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A .ann read by the test itself: T id → (type, text); the attribution events in file order as
/// (content ids, cue ids, source ids); the other lines.
struct Expect {
    t: BTreeMap<String, (String, String)>,
    t_order: Vec<String>,
    events: Vec<(Vec<String>, Vec<String>, Vec<String>)>,
    triggers: Vec<String>,
    others: Vec<String>,
}

fn expect(ann: &Path) -> Expect {
    let mut e = Expect {
        t: BTreeMap::new(),
        t_order: Vec::new(),
        events: Vec::new(),
        triggers: Vec::new(),
        others: Vec::new(),
    };
    for line in std::fs::read_to_string(ann).unwrap().lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if line.starts_with('T') {
            let ty = f[1].split(' ').next().unwrap().to_string();
            e.t.insert(f[0].into(), (ty, f[2].into()));
            e.t_order.push(f[0].into());
        } else if line.starts_with('E') && f[1].starts_with("Attribution") {
            let mut parts = f[1].split(' ');
            e.triggers
                .push(parts.next().unwrap().split(':').nth(1).unwrap().into());
            let (mut c, mut q, mut s) = (vec![], vec![], vec![]);
            for a in parts {
                let (role, id) = a.split_once(':').unwrap();
                match role.trim_end_matches(char::is_numeric) {
                    "Content" => c.push(id.to_string()),
                    "Cue" => q.push(id.to_string()),
                    "Source" => s.push(id.to_string()),
                    r => panic!("role {r}"),
                }
            }
            e.events.push((c, q, s));
        } else if !line.trim().is_empty() {
            e.others.push(line.to_string());
        }
    }
    e
}

fn joined(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| s.exact.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn seed_becomes_eleven_attributed_claims_with_brat_quotes() {
    let mut p = project();
    let (edit, report) = import(&p, &seed_ann(), None).unwrap();
    assert!(
        p.documents.is_empty(),
        "nothing changes before the edit is applied"
    );
    assert!(edit.describe().starts_with("import brat"));
    edit.apply(&mut p).unwrap();
    assert_eq!(report.documents_added, 1);
    assert_eq!(report.claims_added, 11);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(report.kept.is_empty());
    assert_eq!(p.documents[0].origin.extractor, "brat");
    assert_eq!(
        p.documents[0].title,
        "Amnesty: Vietnam steps up online crackdown, jailed activists at record high"
    );
    assert!(p.documents[0].extras.is_empty());

    let e = expect(&seed_ann());
    assert_eq!(e.events.len(), 11);
    assert_eq!(
        p.claims.len(),
        11,
        "triggers, sources, cues and contents are consumed"
    );
    // Nothing lost: every T is a fragment of some claim or a consumed trigger.
    assert!(e.t.len() >= p.claims.len() + e.triggers.len());
    for (claim, (content, cue, source)) in p.claims.iter().zip(&e.events) {
        assert_eq!(claim.label, "claim");
        assert_eq!(claim.author, "ana");
        let want: Vec<&str> = content.iter().map(|id| e.t[id].1.as_str()).collect();
        assert_eq!(joined(&claim.content), want.join(" "));
        let a = claim.attribution.as_ref().unwrap();
        assert_eq!(joined(&a.cue), e.t[&cue[0]].1);
        assert_eq!(joined(&a.mention), e.t[&source[0]].1);
        // Without a comment, one source per mention; a joint mention ("The two Facebook
        // and Google") is one per name in it.
        let joint = e.t[&source[0]].1.contains(" and ");
        assert_eq!(
            a.sources.len(),
            if joint { 2 } else { 1 },
            "{}",
            e.t[&source[0]].1
        );
        let src = p.source(&a.sources[0]).unwrap();
        let mention = &e.t[&source[0]].1;
        if crate::model::mentions::classify(mention) == crate::model::mentions::MentionKind::Pronoun
        {
            // "which" stands for the source named just before it (E1's Amnesty), flagged.
            assert_eq!(src.id, p.claims[0].sources()[0], "{mention}");
            assert!(
                claim
                    .tags
                    .iter()
                    .any(|t| t == crate::model::mentions::CHECK_TAG)
            );
        } else {
            // The mention names its source, or holds the name of its chain's entity ("a tally
            // from Amnesty International" → Amnesty International).
            let key = |x: &str| crate::identity::fingerprint(x);
            assert!(
                src.is_named(mention)
                    || mention.contains(src.name.as_str())
                    || key(mention)
                        .split(' ')
                        .any(|w| key(&src.name).split(' ').any(|x| x == w)),
                "{mention} → {}",
                src.name
            );
        }
        assert_eq!(a.via, None);
        assert_eq!(a.within, None);
        for s in claim.spans() {
            assert_eq!(
                text::slice_chars(&p.documents[0].text, s.start, s.end),
                s.exact
            );
        }
    }
    // E3's content is discontinuous: "319 369;388 500".
    let e3 = &p.claims[2];
    assert_eq!(e3.content.len(), 2);
    assert_eq!(
        (
            e3.content[0].start,
            e3.content[0].end,
            e3.content[1].start,
            e3.content[1].end
        ),
        (319, 369, 388, 500)
    );
    assert_eq!(
        e3.content[0].exact,
        "There are 170 “prisoners of conscience” in Vietnam"
    );
    // E4 is a quotation; the rest are reported speech.
    let modes: Vec<Mode> = p
        .claims
        .iter()
        .map(|c| c.attribution.as_ref().unwrap().mode)
        .collect();
    assert_eq!(modes[3], Mode::Direct);
    assert!(
        modes
            .iter()
            .enumerate()
            .all(|(i, m)| i == 3 || *m == Mode::Indirect),
        "{modes:?}"
    );
    // One source per person or body (identity): "a tally from Amnesty International", "an
    // Amnesty spokesman", "Amnesty" and "Amnesty’s report" are Amnesty International; "which"
    // (E2) is a pronoun and names none of its own; "The two Facebook and Google" is Facebook
    // and Google; "the report" (E3, E4) is one source.
    let names: Vec<&str> = p.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Amnesty International",
            "the report",
            "Thomson Reuters",
            "Vietnam’s government",
            "Vietnamese activists",
            "Facebook",
            "Google"
        ]
    );
    assert_eq!(report.sources_created, 7);
    assert!(p.find_source("which").is_none());
    assert_eq!(p.claims[2].sources(), p.claims[3].sources());
    assert!(p.find_source("Vietnam’s government").is_some());
    // Kinds come from what the text shows: an organisation's word ("International").
    assert_eq!(p.sources[0].kind, SourceKind::Organization);
    assert_eq!(report.labels_created, 0);
    assert!(p.claims.iter().all(|c| c.label != "attribution"));
}

#[test]
fn seed_matches_an_added_document_by_hash_and_accepts_the_txt_path() {
    let txt = fixtures().join("articles/amnesty-vietnam.txt");
    for path in [seed_ann(), txt.clone()] {
        let mut p = project();
        let (doc, _) = article::read_file(&txt).unwrap();
        let id = doc.id.clone();
        crate::edit::ops::add_document(&p, doc)
            .apply(&mut p)
            .unwrap();
        let report = import_into(&mut p, &path);
        assert_eq!((report.documents_added, report.documents_matched), (0, 1));
        assert_eq!(p.documents.len(), 1);
        assert_eq!(
            p.documents[0].origin.extractor, "txt",
            "the matched document is left as it was"
        );
        assert!(p.claims.iter().all(|c| c.document == id));
        assert_eq!(p.claims.len(), 11);
    }
}

#[test]
fn import_edit_undoes_exactly() {
    let mut p = project();
    crate::edit::ops::add_source(
        &p,
        Source {
            id: "x".into(),
            name: "X".into(),
            kind: SourceKind::Person,
            aliases: vec![],
            note: String::new(),
        },
    )
    .apply(&mut p)
    .unwrap();
    let before = p.clone();
    let (edit, _) = import(&p, &fixtures().join("brat"), Some("Bo Lee")).unwrap();
    let inverse = edit.apply(&mut p).unwrap();
    assert!(p.claims.iter().all(|c| c.author == "bo-lee"));
    assert_ne!(p, before);
    inverse.apply(&mut p).unwrap();
    assert_eq!(p, before);
}

/// Mangle text the way other tools save it: decomposed (NFD) letters and CRLF line ends.
fn mangle(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\n' {
                "\r\n".to_string()
            } else {
                c.to_string().nfd().collect()
            }
        })
        .collect()
}

/// The raw (mangled) code point offset of normalised offset `o` of `text`.
fn raw_offset(text: &str, o: usize) -> usize {
    text.chars()
        .take(o)
        .map(|c| mangle(&c.to_string()).chars().count())
        .sum()
}

/// Rewrite `.txt`/`.ann` with mangled text and offsets moved to match, into `dir`.
fn write_mangled(dir: &Path, txt: &Path, ann: &Path, bom: bool) -> PathBuf {
    let text = std::fs::read_to_string(txt).unwrap();
    let mut out = String::new();
    for line in std::fs::read_to_string(ann).unwrap().lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if line.starts_with('T') {
            let (ty, offs) = f[1].split_once(' ').unwrap();
            let offs: Vec<String> = offs
                .split(';')
                .map(|fr| {
                    let (s, e) = fr.split_once(' ').unwrap();
                    let shift = usize::from(bom);
                    format!(
                        "{} {}",
                        raw_offset(&text, s.parse().unwrap()) + shift,
                        raw_offset(&text, e.parse().unwrap()) + shift
                    )
                })
                .collect();
            out.push_str(&format!(
                "{}\t{ty} {}\t{}\r\n",
                f[0],
                offs.join(";"),
                mangle(f[2])
            ));
        } else {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    let name = txt.file_stem().unwrap().to_string_lossy();
    let body = if bom {
        format!("\u{feff}{}", mangle(&text))
    } else {
        mangle(&text)
    };
    write(dir, &format!("{name}.txt"), &body);
    write(dir, &format!("{name}.ann"), &out)
}

fn all_spans(p: &Project) -> Vec<Vec<Span>> {
    p.claims
        .iter()
        .map(|c| c.spans().cloned().collect())
        .collect()
}

#[test]
fn crlf_and_decomposed_text_lands_on_the_same_quotes() {
    let d = tempfile::tempdir().unwrap();
    let cases = [
        (
            fixtures().join("articles/amnesty-vietnam.txt"),
            seed_ann(),
            true,
        ),
        (
            fixtures().join("brat/conll2002-es/esp.train-doc-46.txt"),
            fixtures().join("brat/conll2002-es/esp.train-doc-46.ann"),
            false,
        ),
    ];
    for (txt, ann, bom) in cases {
        let raw = std::fs::read_to_string(&txt).unwrap();
        let mangled = mangle(&raw);
        assert!(mangled.contains("\r\n"));
        let mut plain = project();
        import_into(&mut plain, &ann);
        let mut p = project();
        let report = import_into(&mut p, &write_mangled(d.path(), &txt, &ann, bom));
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        assert_eq!(p.documents[0].text, plain.documents[0].text);
        assert_eq!(p.documents[0].sha256, plain.documents[0].sha256);
        assert_eq!(all_spans(&p), all_spans(&plain));
    }
    // The Spanish text really was decomposed: its accents moved offsets.
    let es =
        std::fs::read_to_string(fixtures().join("brat/conll2002-es/esp.train-doc-46.txt")).unwrap();
    assert!(mangle(&es).chars().count() > es.chars().count() + es.lines().count());
}

#[test]
fn every_sample_is_imported_and_nothing_is_lost() {
    let dir = fixtures().join("brat");
    let mut p = project();
    let report = import_into(&mut p, &dir);
    assert_eq!(report.documents_added, 10);
    assert!(
        report.warnings.is_empty(),
        "every quote matches its offsets: {:?}",
        report.warnings
    );
    for name in [
        "PER",
        "LOC",
        "ORG",
        "MISC",
        "Person",
        "GPE",
        "Organization",
        "Merge-org",
        "Report",
    ] {
        assert!(p.find_label(name).is_some(), "label {name}");
    }
    let mut anns: Vec<PathBuf> = ["conll2002-es", "news"]
        .iter()
        .flat_map(|sub| {
            std::fs::read_dir(dir.join(sub))
                .unwrap()
                .map(|e| e.unwrap().path())
        })
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    anns.sort();
    assert_eq!(anns.len(), 10);
    for ann in &anns {
        let e = expect(ann);
        let file = ann
            .with_extension("txt")
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let doc = p
            .documents
            .iter()
            .find(|d| d.origin.file.as_deref() == Some(file.as_str()))
            .unwrap();
        let claims: Vec<&Claim> = p.claims_of(&doc.id).collect();
        // No attribution events here: every text-bound annotation is a claim of its type, in order.
        assert!(e.t.len() >= claims.len() + e.triggers.len());
        assert_eq!(claims.len(), e.t.len(), "{file}");
        for (c, id) in claims.iter().zip(&e.t_order) {
            let (ty, quote) = &e.t[id];
            assert_eq!(p.label(&c.label).unwrap().name, *ty);
            assert_eq!(c.content.len(), 1);
            assert_eq!(c.content[0].exact, *quote, "{file} {id}");
            assert!(c.attribution.is_none());
        }
        // Every other line is an extra, a tag or a note.
        let absorbed: usize = claims
            .iter()
            .map(|c| c.tags.iter().filter(|t| !t.starts_with("brat:")).count())
            .sum::<usize>()
            + claims.iter().filter(|c| !c.note.is_empty()).count();
        assert_eq!(doc.extras.len() + absorbed, e.others.len(), "{file}");
        for x in &doc.extras {
            assert!(e.others.contains(x), "{file}: {x:?} is verbatim");
        }
    }
    let doc = |n: &str| {
        p.documents
            .iter()
            .find(|d| d.origin.file.as_deref() == Some(n))
            .unwrap()
    };
    let claim = |n: &str, i: usize| p.claims_of(&doc(n).id).nth(i).unwrap();

    // Accents: code points, not bytes.
    assert_eq!(
        claim("esp.train-doc-29.txt", 3).content[0].exact,
        "Nobel de Literatura Camilo José Cela"
    );
    assert_eq!(claim("esp.train-doc-46.txt", 29).content[0].exact, "España");

    // Relations and equivalences are kept; the claims they name are tagged with their brat ids.
    let rel = doc("060-relation_annotation.txt");
    assert!(rel.extras.contains(&"*\tAlias T3 T4 T5".to_string()));
    assert!(
        rel.extras
            .contains(&"R1\tLocated Arg1:T1 Arg2:T2\t".to_string())
    );
    assert_eq!(claim("060-relation_annotation.txt", 0).tags, ["brat:T1"]);
    assert_eq!(claim("060-relation_annotation.txt", 2).tags, ["brat:T3"]);
    assert!(claim("060-relation_annotation.txt", 5).tags.is_empty());
    // Events other than attributions are kept, their arguments tagged.
    let ev = doc("090-event_structures.txt");
    assert_eq!(ev.extras.iter().filter(|x| x.starts_with('E')).count(), 6);
    assert_eq!(claim("080-event-annotation.txt", 1).tags, ["brat:T2"]);
    // Attributes: on a claim → tag; on a kept event → kept.
    let attr = doc("100-attribute_annotation.txt");
    assert_eq!(
        claim("100-attribute_annotation.txt", 0).tags,
        ["Individual", "brat:T1"]
    );
    assert!(attr.extras.contains(&"A2\tConfidence E2 Low".to_string()));
    assert!(!attr.extras.iter().any(|x| x.starts_with("A4")));
    // Notes: on a claim → note; on an event or relation → kept.
    assert_eq!(
        claim("110-note_annotation.txt", 0).note,
        "Should fictional places be annotated?"
    );
    let notes = doc("110-note_annotation.txt");
    assert!(
        notes
            .extras
            .iter()
            .any(|x| x.starts_with("#2\tAnnotatorNotes E1"))
    );
    assert!(
        notes
            .extras
            .iter()
            .any(|x| x.starts_with("#3\tAnnotatorNotes R1"))
    );
    // The report says what was kept, per file.
    assert!(
        report
            .kept
            .iter()
            .any(|k| k.contains("060-relation_annotation.ann")
                && k.contains("1 relation (R1)")
                && k.contains("1 equivalence (*)"))
    );
    assert!(
        report
            .kept
            .iter()
            .any(|k| k.contains("110-note_annotation.ann") && k.contains("2 notes (#2, #3)"))
    );
}

#[test]
fn empty_ann_adds_the_document_only_and_lone_txt_is_reported() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.txt", "A text nobody annotated.\n");
    write(d.path(), "a.ann", "");
    write(d.path(), "b.txt", "No annotations file.\n");
    let mut p = project();
    let report = import_into(&mut p, d.path());
    assert_eq!((report.documents_added, report.claims_added), (1, 0));
    assert_eq!(p.documents[0].text, "A text nobody annotated.\n");
    assert_eq!(report.warnings.len(), 1);
    assert!(
        report.warnings[0].contains("b.txt"),
        "{:?}",
        report.warnings
    );
}

fn syntax_error(ann: &str, txt: &str) -> (usize, String) {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "doc.txt", txt);
    let path = write(d.path(), "doc.ann", ann);
    match import(&project(), &path, None) {
        Err(e @ FormatError::Syntax { .. }) => {
            let FormatError::Syntax {
                path: ref at, line, ..
            } = e
            else {
                unreachable!()
            };
            assert_eq!(at, &path);
            let msg = e.to_string();
            assert!(
                msg.contains("doc.ann") && msg.contains(&format!("line {line}")),
                "{msg}"
            );
            (line, msg)
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn malformed_ann_names_file_and_line() {
    let txt = "Ana said it rained.";
    let good = "T1\tSource 0 3\tAna\n";
    for (bad, want_line, want) in [
        ("T2\tCue 4 x\tsaid\n", 2, "not a whole number"),
        ("T2\tCue 4 8\n", 2, "tab"),
        ("T2 Cue 4 8 said\n", 2, "tab"),
        ("T2\tCue 4 99\tsaid\n", 2, "past the end"),
        ("T2\tCue 8 4\tsaid\n", 2, "ends before it starts"),
        ("\nT1\tCue 4 8\tsaid\n", 3, "used twice"),
        ("X1\tthing\n", 2, "unknown annotation id"),
        ("E1\tAttribution:T1 Content:T9\n", 2, "T9"),
        ("E1\tAttribution:T1 Content\n", 2, "Role:Id"),
        ("A1\tNegation\n", 2, "Name Target"),
    ] {
        let (line, msg) = syntax_error(&format!("{good}{bad}"), txt);
        assert_eq!(line, want_line, "{bad:?}: {msg}");
        assert!(msg.contains(want), "{bad:?}: {msg}");
    }
}

#[test]
fn missing_text_and_missing_paths_are_errors() {
    let d = tempfile::tempdir().unwrap();
    let ann = write(d.path(), "lonely.ann", "T1\tPerson 0 3\tAna\n");
    let e = import(&project(), &ann, None).unwrap_err();
    assert!(matches!(e, FormatError::Invalid { .. }));
    let msg = e.to_string();
    assert!(
        msg.contains("lonely.ann") && msg.contains("lonely.txt") && msg.contains("missing"),
        "{msg}"
    );
    // The same inside a folder.
    let msg = import(&project(), d.path(), None).unwrap_err().to_string();
    assert!(msg.contains("lonely.txt"), "{msg}");
    // A .txt without its .ann, a path that does not exist, a folder with no .ann.
    let txt = write(d.path(), "other.txt", "Text.\n");
    assert!(
        import(&project(), &txt, None)
            .unwrap_err()
            .to_string()
            .contains("other.ann")
    );
    let gone = d.path().join("gone.ann");
    assert!(matches!(
        import(&project(), &gone, None),
        Err(FormatError::Read { .. })
    ));
    let empty = tempfile::tempdir().unwrap();
    assert!(
        import(&project(), empty.path(), None)
            .unwrap_err()
            .to_string()
            .contains("no brat .ann")
    );
    // An empty or binary .txt.
    write(d.path(), "blank.txt", "  \n");
    let blank = write(d.path(), "blank.ann", "");
    assert!(
        import(&project(), &blank, None)
            .unwrap_err()
            .to_string()
            .contains("blank.txt is empty")
    );
}

#[test]
fn wrong_quote_is_skipped_and_listed_when_lenient() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "w.txt", "Ana said it rained.");
    let ann = write(
        d.path(),
        "w.ann",
        "T1\tPerson 0 3\tBob\nT2\tPerson 4 8\tsaid\n",
    );
    let p = project();
    let (edit, report) = import_with(&p, &ann, None, true).unwrap();
    let mut q = project();
    edit.apply(&mut q).unwrap();
    assert_eq!(report.warnings.len(), 1);
    let w = &report.warnings[0];
    assert!(
        w.contains("w.ann") && w.contains("T1") && w.contains("line 1") && w.contains("Bob"),
        "{w}"
    );
    assert_eq!(q.claims.len(), 1);
    assert_eq!(q.claims[0].content[0].exact, "said");
}

#[test]
fn polnear_roles_attributes_notes_and_registry_matching() {
    let d = tempfile::tempdir().unwrap();
    let text =
        "\"We won,\" said Amnesty, and its director said so too. Prices rose, it seems, and fell.";
    write(d.path(), "x.txt", text);
    let off = |s: &str| text.find(s).unwrap();
    let span = |s: &str| format!("{} {}", off(s), off(s) + s.len());
    let said = off("said Amnesty");
    let ann = [
        format!("T1\tContent {}\t\"We won,\"", span("\"We won,\"")),
        format!("T2\tCue {said} {}\tsaid", said + 4),
        format!("T3\tSource {}\tAmnesty", span("Amnesty")),
        format!("T4\tSource {}\tits director", span("its director")),
        format!("T5\tAttribution {said} {}\tsaid", said + 4),
        "E1\tAttribution:T5 Content:T1 Cue:T2 Source:T3 Source2:T4".to_string(),
        format!(
            "T6\tContent {};{}\tPrices rose and fell",
            span("Prices rose"),
            span("and fell")
        ),
        format!("T7\tCue {}\tit seems", span("it seems")),
        format!("T8\tAttribution {}\tit seems", span("it seems")),
        "E2\tAttribution-no-source:T8 Content:T6 Cue:T7".to_string(),
        "A1\tNegation E2".to_string(),
        "A2\tConfidence T1 Low".to_string(),
        "A3\tFocus T3".to_string(),
        "#1\tAnnotatorNotes E1\tchecked against the press release".to_string(),
        "R1\tSame Arg1:T3 Arg2:T4\t".to_string(),
    ]
    .join("\n");
    let ann = write(d.path(), "x.ann", &ann);
    let mut p = project();
    p.sources.push(Source {
        id: "ai".into(),
        name: "Amnesty International".into(),
        kind: SourceKind::Organization,
        aliases: vec!["Amnesty".into()],
        note: String::new(),
    });
    let mut labels = p.labels.clone();
    labels.retain(|l| l.id != "claim");
    p.labels = labels;
    let report = import_into(&mut p, &ann);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(p.claims.len(), 2);
    assert_eq!(
        report.labels_created, 1,
        "the claim label is created when missing"
    );
    assert_eq!(p.label("claim").unwrap().name, "Claim");
    assert_eq!(report.sources_created, 0);

    let c1 = &p.claims[0];
    let a1 = c1.attribution.as_ref().unwrap();
    assert_eq!(a1.sources, ["ai"], "matched by alias");
    assert_eq!(a1.mode, Mode::Direct);
    assert_eq!(
        a1.mention
            .iter()
            .map(|s| s.exact.as_str())
            .collect::<Vec<_>>(),
        ["Amnesty", "its director"]
    );
    assert_eq!(joined(&a1.cue), "said");
    assert_eq!(c1.note, "checked against the press release");
    assert_eq!(c1.tags, ["Confidence=Low", "brat:T3", "brat:T4"]);

    let c2 = &p.claims[1];
    let a2 = c2.attribution.as_ref().unwrap();
    assert_eq!((a2.sources.len(), a2.mode), (0, Mode::Unattributed));
    assert_eq!(c2.content.len(), 2);
    assert_eq!(c2.quote(), "Prices rose … and fell");
    assert_eq!(c2.tags, ["Negation"]);
    // The attribute on a source span and the relation are kept, with copies of the spans
    // they name (the export writes each span once, shared with the claim's event).
    assert_eq!(
        p.documents[0].extras,
        [
            "T3\tSource 15 22\tAmnesty",
            "T4\tSource 28 40\tits director",
            "A3\tFocus T3",
            "R1\tSame Arg1:T3 Arg2:T4\t"
        ]
    );
}

#[test]
fn direct_mode_needs_quotes_at_both_ends() {
    let t = "He said “we won” and “we lost,” then “partly” so.";
    let map = CharMap::new(t);
    let sp = |s: &str| {
        let b = t.find(s).unwrap();
        let start = t[..b].chars().count();
        vec![make_span_with(t, &map, start, start + s.chars().count())]
    };
    assert!(is_quoted(t, &map, &sp("“we won”")));
    assert!(
        is_quoted(t, &map, &sp("we won")),
        "marks just outside the span count"
    );
    assert!(is_quoted(t, &map, &sp("“we lost,”")));
    assert!(!is_quoted(t, &map, &sp("“we won” and")));
    assert!(!is_quoted(t, &map, &sp("He said")));
    assert!(!is_quoted(t, &map, &sp("then “partly”")));
}

#[test]
fn two_files_share_sources_and_labels_created_by_the_import() {
    let d = tempfile::tempdir().unwrap();
    for n in ["a", "b"] {
        write(
            d.path(),
            &format!("{n}.txt"),
            &format!("Reuters reported {n}."),
        );
        write(
            d.path(),
            &format!("{n}.ann"),
            &format!(
                "T1\tSource 0 7\tReuters\nT2\tCue 8 16\treported\nT3\tContent 17 18\t{n}\nT4\tAttribution 8 16\treported\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nT5\tThing 0 7\tReuters\n"
            ),
        );
    }
    let mut p = project();
    let report = import_into(&mut p, d.path());
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(
        (
            report.documents_added,
            report.claims_added,
            report.sources_created,
            report.labels_created
        ),
        (2, 4, 1, 1)
    );
    assert_eq!(p.sources[0].name, "Reuters");
    assert!(
        p.claims
            .iter()
            .filter(|c| c.label == "claim")
            .all(|c| c.sources() == ["reuters"])
    );
    assert_eq!(p.claims.iter().filter(|c| c.label == "thing").count(), 2);
}

/// A unit of generated text: what it is in the clean text.
fn unit() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a", "b", "Z", " ", ".", "\n", "é", "ộ", "Việt", "ñ", "“", "”", "’", "👍🏽", "日", "ש", "Å",
        "ǖ",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_spans_on_mangled_text_import_to_their_quotes(
        units in prop::collection::vec(unit(), 1..60),
        picks in prop::collection::vec((0usize..60, 1usize..8), 1..6),
        bom in any::<bool>(),
    ) {
        // Raw (on disk) text: decomposed, CRLF, maybe a BOM. Offsets are raw code points.
        let mut raw = String::new();
        let mut bounds = vec![0usize];
        if bom {
            raw.push('\u{feff}');
            bounds[0] = 1;
        }
        for u in &units {
            raw.push_str(&mangle(u));
            bounds.push(raw.chars().count());
        }
        let raw_chars: Vec<char> = raw.chars().collect();
        let mut ann = String::new();
        let mut want = Vec::new();
        for (k, (at, len)) in picks.iter().enumerate() {
            let s = at % units.len();
            let e = (s + len).min(units.len());
            let (rs, re) = (bounds[s], bounds[e]);
            let piece: String = raw_chars[rs..re].iter().collect();
            let norm = crate::text::normalize(&piece);
            if norm.is_empty() {
                continue;
            }
            ann.push_str(&format!("T{}\tSpan {rs} {re}\t{}\n", k + 1, piece.replace(['\r', '\n'], " ")));
            want.push(norm);
        }
        prop_assume!(!want.is_empty());
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "r.txt", &raw);
        let path = write(d.path(), "r.ann", &ann);
        let mut p = project();
        if raw.trim().is_empty() {
            prop_assert!(import(&p, &path, None).is_err());
            return Ok(());
        }
        let report = import_into(&mut p, &path);
        let got: Vec<String> = p.claims.iter().map(|c| c.content[0].exact.clone()).collect();
        prop_assert_eq!(got, want);
        prop_assert_eq!(&p.documents[0].text, &crate::text::normalize(&raw));
        // Only quotes with line breaks (written as spaces) may differ, and those are equal once
        // whitespace is squashed, so no warning at all.
        prop_assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    }
}

#[test]
fn events_outside_the_scheme_and_dangling_targets_are_kept_with_a_warning() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "n.txt", "Ana said Bo said it rained.");
    let ann = write(
        d.path(),
        "n.ann",
        "T1\tSource 0 3\tAna\nT2\tCue 4 8\tsaid\nT3\tAttribution 4 8\tsaid\nT4\tContent 9 26\tBo said it rained\n\
         E2\tOther:T4\nE1\tAttribution:T3 Content:E2 Cue:T2 Source:T1\nA1\tNegation T9\n",
    );
    let mut p = project();
    let report = import_into(&mut p, &ann);
    assert_eq!(report.warnings.len(), 2, "{:?}", report.warnings);
    assert!(report.warnings[0].contains("line 6") && report.warnings[0].contains("Content:E2"));
    assert!(report.warnings[1].contains("line 7") && report.warnings[1].contains("T9"));
    // Nothing consumed: the four spans are claims of their types, the events and attribute kept.
    let labels: Vec<&str> = p
        .claims
        .iter()
        .map(|c| p.label(&c.label).unwrap().name.as_str())
        .collect();
    assert_eq!(labels, ["Source", "Cue", "Attribution", "Content"]);
    assert_eq!(
        p.documents[0].extras,
        [
            "E2\tOther:T4",
            "E1\tAttribution:T3 Content:E2 Cue:T2 Source:T1",
            "A1\tNegation T9"
        ]
    );
    assert!(p.claims[3].tags.contains(&"brat:T4".to_string()));
}

/// The brat spans `T… Type start end\ttext` for `needle` (its `nth` occurrence) in `text`.
fn t_line(id: &str, ty: &str, text: &str, needle: &str, nth: usize) -> String {
    let (b, _) = text.match_indices(needle).nth(nth).unwrap();
    let s = text[..b].chars().count();
    format!("{id}\t{ty} {s} {}\t{needle}\n", s + needle.chars().count())
}

#[test]
fn pronouns_and_generic_mentions_never_become_registry_sources() {
    let d = tempfile::tempdir().unwrap();
    let text = "It began. Amnesty said the jail was full. He said it twice. \
                A source said the talks failed. They said nothing.\n";
    let txt = write(d.path(), "a.txt", text);
    let mut ann = String::new();
    let events = [
        ("It", 0, "began", 0), // a pronoun with no name before it
        ("Amnesty", 0, "the jail was full", 0),
        ("He", 0, "it twice", 0),
        ("A source", 0, "the talks failed", 0),
        ("They", 0, "nothing", 0),
    ];
    let mut n = 0;
    for (i, (source, sn, content, cn)) in events.iter().enumerate() {
        let cue = if i == 0 { "began" } else { "said" };
        let cue_nth = if i == 0 { 0 } else { i - 1 };
        let (s, q, c, tr) = (n + 1, n + 2, n + 3, n + 4);
        n += 4;
        ann += &t_line(&format!("T{s}"), "Source", text, source, *sn);
        ann += &t_line(&format!("T{q}"), "Cue", text, cue, cue_nth);
        ann += &t_line(&format!("T{c}"), "Content", text, content, *cn);
        ann += &t_line(&format!("T{tr}"), "Attribution", text, cue, cue_nth);
        ann += &format!(
            "E{}\tAttribution:T{tr} Content:T{c} Cue:T{q} Source:T{s}\n",
            i + 1
        );
    }
    write(d.path(), "a.ann", &ann);
    let mut p = project();
    import_into(&mut p, &txt);
    let names: Vec<&str> = p.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["Amnesty", "Anonymous source"], "{names:?}");
    let anon = &p.sources[1];
    assert_eq!(anon.kind, SourceKind::Anonymous);
    let by_mention = |m: &str| {
        p.claims
            .iter()
            .find(|c| c.attribution.as_ref().unwrap().mention[0].exact == m)
            .unwrap()
    };
    let check = crate::model::mentions::CHECK_TAG;
    // "He" takes Amnesty, the nearest name before it, and is flagged; "They", three
    // sentences on with "A source" between, takes nobody.
    let he = by_mention("He");
    assert_eq!(he.sources(), ["amnesty"]);
    assert!(he.tags.iter().any(|t| t == check));
    assert!(by_mention("They").sources().is_empty());
    // "It" comes before any name: it keeps its mention, with no registry source.
    let it = by_mention("It");
    assert!(it.sources().is_empty());
    assert!(!it.tags.iter().any(|t| t == check));
    // "A source" is the one anonymous source.
    assert_eq!(by_mention("A source").sources(), [anon.id.as_str()]);
    assert!(!by_mention("Amnesty").tags.iter().any(|t| t == check));
}

/// A .ann as sets: T lines as (type, offsets), events as (type, sorted (role, (type, offsets)
/// of the span it names)).
type AnnSets = (
    BTreeMap<(String, String), usize>,
    BTreeMap<(String, Vec<(String, (String, String))>), usize>,
);

fn ann_sets(ann: &str) -> AnnSets {
    let mut spans: HashMap<String, (String, String)> = HashMap::new();
    let mut ts = BTreeMap::new();
    for l in ann.lines().filter(|l| l.starts_with('T')) {
        let cols: Vec<&str> = l.split('\t').collect();
        let (ty, offsets) = cols[1].split_once(' ').unwrap();
        let key = (ty.to_string(), offsets.to_string());
        spans.insert(cols[0].to_string(), key.clone());
        *ts.entry(key).or_insert(0) += 1;
    }
    let mut events = BTreeMap::new();
    for l in ann.lines().filter(|l| l.starts_with('E')) {
        let cols: Vec<&str> = l.split('\t').collect();
        let mut args = cols[1].split_whitespace();
        let (ty, trigger) = args.next().unwrap().split_once(':').unwrap();
        let mut roles: Vec<(String, (String, String))> = args
            .map(|a| {
                let (role, id) = a.split_once(':').unwrap();
                // An event as an argument (brat allows it): named by its kind only.
                let named = spans
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| ("event".into(), String::new()));
                (role.to_string(), named)
            })
            .collect();
        roles.push(("trigger".into(), spans[trigger].clone()));
        roles.sort();
        *events.entry((ty.to_string(), roles)).or_insert(0) += 1;
    }
    (ts, events)
}

fn only_ann(dir: &Path) -> String {
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ann"))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

/// Export `p` as brat into `out`; brat must be able to open every file written.
fn export_to(p: &Project, out: &Path) {
    crate::formats::export(
        &crate::formats::Filter::default().select(p),
        crate::formats::ExportFormat::Brat,
        out,
    )
    .unwrap();
    brat_check::assert_brat_opens(out);
}

#[test]
fn a_polnear_file_exports_back_as_it_was() {
    let src = fixtures().join("brat-polnear");
    let original = std::fs::read_to_string(src.join("bridge.ann")).unwrap();
    let mut p = project();
    let report = import_into(&mut p, &src);
    assert!(
        report.warnings.iter().any(|w| w.contains("E3")),
        "the event without content is reported: {:?}",
        report.warnings
    );
    let d = tempfile::tempdir().unwrap();
    export_to(&p, &d.path().join("once"));
    let once = only_ann(&d.path().join("once"));
    assert_eq!(ann_sets(&once), ann_sets(&original), "{once}");
    // The event without content comes back with its attribute and note.
    assert!(once.lines().any(|l| l.ends_with("\tNegation E3") || {
        let c: Vec<&str> = l.split('\t').collect();
        c.len() == 2 && c[1].starts_with("Negation E")
    }));
    assert!(
        once.contains("\tno content: the critics say nothing"),
        "{once}"
    );
    // brat's types keep their case, in annotation.conf too.
    let conf = std::fs::read_to_string(d.path().join("once/annotation.conf")).unwrap();
    assert!(conf.lines().any(|l| l == "Discard") && conf.lines().any(|l| l == "Discuss"));
    assert!(!conf.contains("discard"));

    // And again: import what was exported, export it.
    let mut q = project();
    let report = import_into(&mut q, &d.path().join("once"));
    assert!(report.warnings.iter().all(|w| !w.contains("overlap")));
    export_to(&q, &d.path().join("twice"));
    assert_eq!(
        ann_sets(&only_ann(&d.path().join("twice"))),
        ann_sets(&original)
    );
}

#[test]
fn content_roles_and_event_types_are_remembered_only_where_needed() {
    let mut p = project();
    import_into(&mut p, &fixtures().join("brat-polnear"));
    let two = p
        .claims
        .iter()
        .find(|c| c.quote().contains("nearly finished"))
        .unwrap();
    let b = two.brat.as_ref().unwrap();
    assert_eq!(b.content_roles, [0, 1]);
    assert_eq!(
        b.event, None,
        "Attribution is what the export writes anyway"
    );
    let two_sources = p.claims.iter().find(|c| c.quote() == "“Ça ira,”").unwrap();
    assert_eq!(two_sources.brat.as_ref().unwrap().mention_roles, [0, 1]);
    let no_source = p
        .claims
        .iter()
        .find(|c| c.quote() == "Prices will rise")
        .unwrap();
    assert_eq!(
        no_source.brat, None,
        "Attribution-no-source is what the export writes for it anyway"
    );
    let loose = p
        .claims
        .iter()
        .find(|c| c.quote() == "Discard this line.")
        .unwrap();
    assert_eq!(p.label(&loose.label).unwrap().name, "Discard");
}

#[test]
fn a_text_that_disagrees_is_an_error_unless_lenient() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "w.txt", "Ana said it rained. Bo said it snowed.");
    let ann = write(
        d.path(),
        "w.ann",
        "T1\tSource 0 3\tAna\nT2\tCue 4 8\tsaid\nT3\tContent 9 19\tit rai\nT4\tAttribution 4 8\tsaid\n\
         E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\nT5\tPerson 20 22\tBo\n",
    );
    let p = project();
    let e = import(&p, &ann, None).unwrap_err().to_string();
    assert!(
        e.contains("w.ann") && e.contains("line 3") && e.contains("T3") && e.contains("--lenient"),
        "{e}"
    );
    let (edit, report) = import_with(&p, &ann, None, true).unwrap();
    let mut q = project();
    edit.apply(&mut q).unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("line 3") && w.contains("skipped")),
        "{:?}",
        report.warnings
    );
    // The cut-off event is kept aside, not turned into loose claims; the good line imports.
    assert_eq!(
        q.claims.iter().map(|c| c.quote()).collect::<Vec<_>>(),
        ["Bo"]
    );
}

#[test]
fn overlapping_fragments_are_merged_with_a_warning_and_never_exported() {
    let d = tempfile::tempdir().unwrap();
    let text = "Ana said that the river rose over the banks and the road.";
    write(d.path(), "o.txt", text);
    let ann = write(d.path(), "o.ann", "T1\tEvent 14 30;20 40\tx\n");
    let mut p = project();
    let report = import_into(&mut p, &ann);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("line 1") && w.contains("overlapping") && w.contains("14 40")),
        "{:?}",
        report.warnings
    );
    let c = &p.claims[0];
    assert_eq!(
        c.content
            .iter()
            .map(|s| (s.start, s.end))
            .collect::<Vec<_>>(),
        [(14, 40)]
    );
    // Overlapping fragments made in Claimtrace are merged on export.
    let mut c2 = c.clone();
    c2.id = "c2".into();
    c2.content = vec![
        crate::text::make_span(text, 0, 8),
        crate::text::make_span(text, 4, 13),
    ];
    p.claims.push(c2);
    export_to(&p, &d.path().join("out"));
    let out = only_ann(&d.path().join("out"));
    assert!(out.contains("\tEvent 0 13\t"), "{out}");
    for l in out.lines().filter(|l| l.starts_with('T')) {
        let offsets = l.split('\t').nth(1).unwrap().split_once(' ').unwrap().1;
        let frags: Vec<(usize, usize)> = offsets
            .split(';')
            .map(|f| {
                let (a, b) = f.split_once(' ').unwrap();
                (a.parse().unwrap(), b.parse().unwrap())
            })
            .collect();
        assert!(frags.windows(2).all(|w| w[0].1 <= w[1].0), "{l}");
    }
}

/// A brat folder of `articles` articles with `per_article` attribution events each (source,
/// cue and content spans; some with an attribute, a note or a pronoun source), their
/// sources drawn from about two names per article, as in a real corpus.
fn synthetic_corpus(dir: &Path, articles: usize, per_article: usize) {
    for a in 0..articles {
        let (mut text, mut ann) = (String::new(), String::new());
        let push = |text: &mut String, s: &str| {
            text.push_str(s);
            text.chars().count()
        };
        let mut t = 0;
        for k in 0..per_article {
            let name = if k % 9 == 8 {
                "He".to_string()
            } else {
                format!("Trần Văn {}", (a * 7 + k * 13) % (2 * articles + 3))
            };
            let content = format!("the figure {k} rose to “{a}” in Hà Nội");
            let s0 = text.chars().count();
            let s1 = push(&mut text, &name);
            let c0 = push(&mut text, " ");
            let c1 = push(&mut text, "said");
            let t0 = push(&mut text, " ");
            let t1 = push(&mut text, &content);
            push(&mut text, if k % 5 == 4 { ".\n\n" } else { ". " });
            ann.push_str(&format!(
                "T{}\tSource {s0} {s1}\t{name}\nT{}\tCue {c0} {c1}\tsaid\nT{}\tContent {t0} {t1}\t{content}\n\
                 E{k}\tAttribution:T{} Source:T{} Content:T{}\n",
                t + 1,
                t + 2,
                t + 3,
                t + 2,
                t + 1,
                t + 3
            ));
            if k % 10 == 3 {
                ann.push_str(&format!("A{k}\tNegated E{k}\n"));
            }
            if k % 25 == 7 {
                ann.push_str(&format!("#{k}\tAnnotatorNotes E{k}\tchecked {k}\n"));
            }
            t += 3;
        }
        std::fs::write(dir.join(format!("a{a:04}.txt")), &text).unwrap();
        std::fs::write(dir.join(format!("a{a:04}.ann")), &ann).unwrap();
    }
}

#[test]
fn import_work_grows_linearly_with_the_corpus() {
    let work = |articles: usize| {
        let dir = tempfile::tempdir().unwrap();
        synthetic_corpus(dir.path(), articles, 30);
        let mut p = project();
        crate::work::take();
        let report = import_into(&mut p, dir.path());
        let work = crate::work::take();
        assert_eq!(report.claims_added, articles * 30);
        assert_eq!(p.claims.len(), articles * 30);
        // Names repeat across articles: one registry source per distinct name.
        assert!(
            p.sources.len() <= 2 * articles + 3,
            "{:?}",
            p.sources.iter().map(|s| &s.name).collect::<Vec<_>>()
        );
        assert!(
            p.claims
                .iter()
                .filter(|c| c.tags.iter().any(|t| t == "Negated"))
                .count()
                == articles * 3
        );
        work
    };
    let (small, big) = (work(10), work(40));
    // 4× the articles, claims and sources: at most 4.4× the work (a scan of the sources or
    // claims so far per claim would be 16×).
    assert!(
        big * 10 <= small * 44,
        "work grew from {small} to {big} for 4× the data"
    );
}

// ---------------------------------------------------------------------------------------------
// Real PolNeAR-scheme material: fragments in any order, shared spans and triggers, bad lines.

fn hard(sub: &str) -> PathBuf {
    fixtures().join("brat-hard").join(sub)
}

/// The .ann files of an export folder by name, as sets (see [`ann_sets`]).
fn ann_sets_of(dir: &Path) -> BTreeMap<String, AnnSets> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, ann_sets(&std::fs::read_to_string(&p).unwrap()))
        })
        .collect()
}

fn offsets(spans: &[Span]) -> Vec<(usize, usize)> {
    spans.iter().map(|s| (s.start, s.end)).collect()
}

#[test]
fn fragments_in_any_order_import_strictly_and_are_stored_sorted() {
    let mut p = project();
    let report = import_into(&mut p, &hard("valid"));
    assert_eq!(report.documents_added, 2);
    let by_quote = |q: &str| {
        p.claims
            .iter()
            .find(|c| c.content.iter().any(|s| s.exact == q))
            .unwrap_or_else(|| panic!("no claim with {q:?}"))
    };
    let c = by_quote("it would be finished by 2027");
    assert_eq!(offsets(&c.content), [(18, 53), (69, 97)]);
    assert_eq!(c.content[0].exact, "the plan would cost 4 billion euros");
    // Three fragments listed last-first, in a CRLF text with a byte order mark.
    let c = by_quote("the bridge");
    assert_eq!(
        c.content
            .iter()
            .map(|s| s.exact.as_str())
            .collect::<Vec<_>>(),
        [
            "the bridge",
            "which was damaged in March",
            "would reopen in May"
        ]
    );
    assert!(c.content.windows(2).all(|w| w[0].end <= w[1].start));

    // The quote is still checked, in the listed order.
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "q.txt", "Ana said it rained.");
    let ann = write(d.path(), "q.ann", "T1\tContent 9 11;4 8\tsaid it\n");
    let e = import(&project(), &ann, None).unwrap_err().to_string();
    assert!(
        e.contains("q.ann") && e.contains("line 1") && e.contains("T1"),
        "{e}"
    );
    write(d.path(), "q.ann", "T1\tContent 9 11;4 8\tit said\n");
    let mut q = project();
    import_into(&mut q, &ann);
    assert_eq!(offsets(&q.claims[0].content), [(4, 8), (9, 11)]);
}

#[test]
fn shared_spans_and_triggers_are_written_once_and_the_round_trip_is_identical() {
    let mut p = project();
    import_into(&mut p, &hard("valid"));
    // a1: E1–E4, E6–E8 and the loose T25; a2: E1, E3 (E2 has no content).
    let attributed = p.claims.iter().filter(|c| c.attribution.is_some()).count();
    assert_eq!((p.claims.len(), attributed), (10, 9));
    let d = tempfile::tempdir().unwrap();
    export_to(&p, &d.path().join("once"));
    let once = ann_sets_of(&d.path().join("once"));
    let a1_text = std::fs::read_to_string(hard("valid/a1.txt")).unwrap();
    let (a1_name, text) = ann_of_text(&d.path().join("once"), &a1_text);
    let a1 = &once[&a1_name];
    // One Source span for the two claims of "Critics", one Cue and one trigger for the two
    // claims of "said" in "Both the mayor and the governor said".
    assert_eq!(a1.0[&("Source".into(), "99 106".into())], 1);
    assert_eq!(a1.0[&("Cue".into(), "245 249".into())], 1);
    assert_eq!(a1.0[&("Attribution".into(), "245 249".into())], 1);
    // The loose Content span over an event's content stays a span of its own.
    assert_eq!(a1.0[&("Content".into(), "112 138".into())], 2);
    // The event with only a trigger keeps a text-bound trigger, the one E4 uses (the checker
    // in export_to refuses an event as trigger).
    let e5 = text
        .lines()
        .find(|l| {
            l.split('\t')
                .nth(1)
                .is_some_and(|b| b.starts_with("Attribution-no-source:") && !b.contains(' '))
        })
        .unwrap_or_else(|| panic!("{text}"));
    let trigger = e5.split(':').nth(1).unwrap();
    assert!(trigger.starts_with('T'), "{e5}");
    assert!(
        text.contains(&format!("Attribution:{trigger} ")),
        "shared with E4:\n{text}"
    );
    // The attribute on a Source span stays on that span.
    let source = text
        .lines()
        .find(|l| l.contains("\tSource 195 204\t"))
        .unwrap()
        .split('\t')
        .next()
        .unwrap();
    assert!(text.contains(&format!("\tNegation {source}\n")), "{text}");

    // export → import → export: the same T lines (type + offsets) and events (type + roles),
    // and the same claims.
    let mut q = project();
    let report = import_into(&mut q, &d.path().join("once"));
    assert_eq!(q.claims.len(), p.claims.len(), "{:?}", report.warnings);
    export_to(&q, &d.path().join("twice"));
    assert_eq!(ann_sets_of(&d.path().join("twice")), once);
    // And the original's spans and events are all there, shared ones once.
    let original = ann_sets(&std::fs::read_to_string(hard("valid/a1.ann")).unwrap());
    let dedup = |m: &BTreeMap<(String, String), usize>| m.keys().cloned().collect::<Vec<_>>();
    let mut want = dedup(&original.0);
    // The original's descending fragments are written sorted.
    for k in &mut want {
        if k.1 == "69 97;18 53" {
            k.1 = "18 53;69 97".into();
        }
    }
    want.sort();
    assert_eq!(dedup(&a1.0), want);
}

/// The name and text of the .ann in `dir` whose .txt is `text`.
fn ann_of_text(dir: &Path, text: &str) -> (String, String) {
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "ann")
                && std::fs::read_to_string(p.with_extension("txt")).unwrap() == text
        })
        .unwrap();
    (
        path.file_name().unwrap().to_string_lossy().into_owned(),
        std::fs::read_to_string(path).unwrap(),
    )
}

#[test]
fn each_bad_line_fails_the_import_unless_lenient_which_skips_and_lists_it() {
    for (file, line, words) in [
        ("b1", 4, "line break"),
        ("b2", 8, "past the end"),
        ("b3", 3, "T3"),
    ] {
        let ann = hard("broken").join(format!("{file}.ann"));
        let e = import(&project(), &ann, None).unwrap_err().to_string();
        assert!(
            e.contains(&format!("{file}.ann"))
                && e.contains(&format!("line {line}"))
                && e.contains(words),
            "{e}"
        );
        assert!(e.contains("--lenient"), "{e}");
    }
    let (edit, report) = import_with(&project(), &hard("broken"), None, true).unwrap();
    let mut p = project();
    edit.apply(&mut p).unwrap();
    let listed = |file: &str, line: usize| {
        report
            .warnings
            .iter()
            .any(|w| w.contains(&format!("{file}.ann, line {line}:")) && w.contains("skipped"))
    };
    // b1: the line with the cut quote and the rest of its quote; b2: the offsets past the end;
    // b3: the two quotes that disagree and the event whose trigger is missing.
    for (file, line) in [("b1", 3), ("b1", 4), ("b2", 8), ("b3", 3), ("b3", 6)] {
        assert!(
            listed(file, line),
            "{file} line {line}: {:?}",
            report.warnings
        );
    }
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("b3.ann, line 13") && w.contains("E3")),
        "{:?}",
        report.warnings
    );
    // The good events come in: "it rained" (b1), "it rained" (b2), "it snowed" (b3, without
    // its mention "Bob"); the spans of events that lost their content are no claims.
    let mut quotes: Vec<String> = p.claims.iter().map(|c| c.quote()).collect();
    quotes.sort();
    assert_eq!(quotes, ["it rained", "it rained", "it snowed"]);
    let snowed = p.claims.iter().find(|c| c.quote() == "it snowed").unwrap();
    assert!(snowed.attribution.as_ref().unwrap().mention.is_empty());

    // A round trip keeps the claim count, and needs no --lenient.
    let d = tempfile::tempdir().unwrap();
    export_to(&p, &d.path().join("once"));
    let mut q = project();
    let report = import_into(&mut q, &d.path().join("once"));
    assert_eq!(q.claims.len(), p.claims.len(), "{:?}", report.warnings);
    export_to(&q, &d.path().join("twice"));
    assert_eq!(
        ann_sets_of(&d.path().join("twice")),
        ann_sets_of(&d.path().join("once"))
    );
    // What lost its content is written back as an event without content, with its spans.
    let b2_text = std::fs::read_to_string(hard("broken/b2.txt")).unwrap();
    let (_, b2) = ann_of_text(&d.path().join("once"), &b2_text);
    assert!(
        b2.contains("\tSource ") && b2.lines().filter(|l| l.starts_with('E')).count() == 2,
        "{b2}"
    );
}

#[test]
fn a_lenient_import_of_the_samples_changes_nothing() {
    let mut strict = project();
    import_into(&mut strict, &fixtures().join("brat"));
    let (edit, report) = import_with(&project(), &fixtures().join("brat"), None, true).unwrap();
    let mut lenient = project();
    edit.apply(&mut lenient).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(lenient.claims.len(), strict.claims.len());
    let d = tempfile::tempdir().unwrap();
    export_to(&strict, &d.path().join("once"));
    let mut q = project();
    import_into(&mut q, &d.path().join("once"));
    assert_eq!(q.claims.len(), strict.claims.len());
    export_to(&q, &d.path().join("twice"));
    assert_eq!(
        ann_sets_of(&d.path().join("twice")),
        ann_sets_of(&d.path().join("once"))
    );
}

/// Words of the generated texts ("\n" is a line break; no span crosses one, as in brat).
fn word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "Ana",
        "said",
        "the",
        "river",
        "rose",
        "“over”",
        "Việt",
        "👍🏽",
        "banks",
        "it",
        "\n",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Generated PolNeAR-scheme files — contents of one to three fragments listed in either
    /// order, Source spans and triggers shared between events, events with only a trigger
    /// that another claim's event uses — import without --lenient, export to files brat
    /// opens, and export → import → export is identical with the same number of claims.
    #[test]
    fn generated_polnear_files_round_trip_identically(
        words in prop::collection::vec(word(), 6..50),
        events in prop::collection::vec(
            (0usize..50, 1usize..4, 0usize..50, 0usize..50, 0u8..3, any::<bool>()),
            1..8,
        ),
    ) {
        let mut text = String::new();
        let mut at: Vec<(usize, usize)> = Vec::new();
        for w in &words {
            if !text.is_empty() {
                text.push(' ');
            }
            let s = text.chars().count();
            text.push_str(w);
            at.push((s, text.chars().count()));
        }
        let chars: Vec<char> = text.chars().collect();
        let word_at = |i: usize| {
            let i = i % words.len();
            (words[i] != "\n").then_some(at[i])
        };
        let quote = |frags: &[(usize, usize)]| {
            frags
                .iter()
                .map(|&(s, e)| chars[s..e].iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut ann = String::new();
        let (mut t, mut e) = (0, 0);
        let mut t_line = |ann: &mut String, ty: &str, frags: &[(usize, usize)]| {
            t += 1;
            let offsets: Vec<String> = frags.iter().map(|(s, e)| format!("{s} {e}")).collect();
            ann.push_str(&format!("T{t}\t{ty} {}\t{}\n", offsets.join(";"), quote(frags)));
            format!("T{t}")
        };
        let mut last: Option<(String, String)> = None; // (source id, trigger id)
        for &(content_at, n, src_at, cue_at, share, descending) in &events {
            let mut frags: Vec<(usize, usize)> = (0..n).filter_map(|k| word_at(content_at + 2 * k)).collect();
            frags.sort();
            frags.dedup();
            let (Some(src), Some(cue)) = (word_at(src_at), word_at(cue_at)) else {
                continue;
            };
            if frags.is_empty() {
                continue;
            }
            if descending {
                frags.reverse();
            }
            let source = match (&last, share) {
                (Some((s, _)), 1) => s.clone(),
                _ => t_line(&mut ann, "Source", &[src]),
            };
            let cue_id = t_line(&mut ann, "Cue", &[cue]);
            let content = t_line(&mut ann, "Content", &frags);
            let trigger = t_line(&mut ann, "Attribution", &[cue]);
            e += 1;
            ann.push_str(&format!("E{e}\tAttribution:{trigger} Source:{source} Cue:{cue_id} Content:{content}\n"));
            if share == 2 {
                e += 1;
                ann.push_str(&format!("E{e}\tAttribution-no-source:{trigger}\n"));
            }
            last = Some((source, trigger));
        }
        prop_assume!(e > 0);
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "g.txt", &text);
        write(d.path(), "g.ann", &ann);
        let mut p = project();
        import_into(&mut p, &d.path().join("g.ann"));
        export_to(&p, &d.path().join("once"));
        let mut q = project();
        import_into(&mut q, &d.path().join("once"));
        prop_assert_eq!(q.claims.len(), p.claims.len());
        export_to(&q, &d.path().join("twice"));
        // (A file's name comes from the document's id when its title gives none.)
        let sets = |dir: &str| ann_sets_of(&d.path().join(dir)).into_values().collect::<Vec<_>>();
        prop_assert_eq!(sets("twice"), sets("once"));
    }
}
