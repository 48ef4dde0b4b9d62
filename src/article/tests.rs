use super::*;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn txt_is_normalised_and_titled() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "a.txt",
        "\u{feff}Bo\u{0323}\u{0302} Ngoa\u{0323}i giao said\r\n\r\nmore".as_bytes(),
    );
    let (doc, notice) = read_file(&p).unwrap();
    assert_eq!(doc.text, "Bộ Ngoại giao said\n\nmore");
    assert_eq!(doc.title, "Bộ Ngoại giao said");
    assert_eq!(doc.origin.file.as_deref(), Some("a.txt"));
    assert_eq!(notice, None);
}

#[test]
fn legacy_encoding_is_detected_and_reported() {
    let d = tempfile::tempdir().unwrap();
    // "Café “déjà vu” – naïve" in Windows-1252.
    let bytes = b"Caf\xe9 \x93d\xe9j\xe0 vu\x94 \x96 na\xefve, a fairly long sentence in French for detection.";
    let p = write(d.path(), "w.txt", bytes);
    let (doc, notice) = read_file(&p).unwrap();
    assert!(
        doc.text.starts_with("Café “déjà vu” – naïve"),
        "{}",
        doc.text
    );
    assert!(notice.unwrap().contains("windows-1252"));
}

#[test]
fn bad_files_are_named() {
    let d = tempfile::tempdir().unwrap();
    let empty = write(d.path(), "empty.txt", b"  \n");
    let bin = write(
        d.path(),
        "bin.txt",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3],
    );
    let odd = write(d.path(), "x.xyz", b"text");
    let bare = write(d.path(), "NOTES", b"text");
    for (p, want) in [
        (&empty, "empty"),
        (&bin, "is not text: it holds binary data"),
        (
            &odd,
            "files ending in .xyz cannot be imported; Claimtrace imports .txt",
        ),
        (&bare, "has no file ending; Claimtrace imports .txt"),
    ] {
        let e = read_file(p).unwrap_err().to_string();
        assert!(
            e.contains(p.file_name().unwrap().to_str().unwrap()) && e.contains(want),
            "{e}"
        );
    }
    let e = read_file(&d.path().join("missing.txt"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("missing.txt"), "{e}");
}

#[test]
fn markdown_keeps_text_not_markup() {
    let x = markdown::extract(
        "# The *Title*\n\nA [link](http://x) and `code`.\n\n- one\n- two\n\n> quoted\n",
    );
    assert_eq!(x.title, "The Title");
    assert_eq!(
        x.text,
        "The Title\n\nA link and code.\n\none\n\ntwo\n\nquoted"
    );
}

#[test]
fn folders_and_duplicates() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("sub")).unwrap();
    write(d.path(), "b.txt", b"Same text");
    write(&d.path().join("sub"), "a.md", b"Same text");
    write(d.path(), "c.txt", b"Other text");
    write(d.path(), "notes.pdfx", b"ignored");
    let files = collect_files(&[d.path().to_path_buf()]);
    assert_eq!(files.len(), 3);
    let p = Project::new("p", crate::model::Annotator::named("A"));
    let (s, errors) = read_for_project(&p, &files, |_, _| {});
    assert!(errors.is_empty());
    assert_eq!(s.documents.len(), 2);
    assert_eq!(s.skipped.len(), 1);
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn paragraphs_of(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

#[test]
fn pdf_report_paragraphs_hyphens_and_furniture() {
    let x = extract_file(&fixture("pdf/report.pdf")).unwrap();
    assert_eq!(x.extractor, "pdf");
    assert_eq!(x.title, "A Test Report on Attribution");
    assert_eq!(x.byline.as_deref(), Some("Claimtrace Fixtures"));
    let paras = paragraphs_of(&x.text);
    for want in [
        "The ministry said on Tuesday that the new rules would take effect next month, \
         according to a statement published on its website.",
        "Critics, including the Franco-German association of journalists, called the measure \
         a self-employed reporters' nightmare.",
        // Goes on across the page break.
        "The committee, which met in Montréal for the second time this year, did not vote on \
         the proposal before the deadline.",
        "“We will not comment,” a spokeswoman told Reuters in a brief statement on Wednesday.",
        "The final report, case 2023-0379, is due in June, officials said.",
    ] {
        assert!(paras.contains(&want), "missing {want:?} in {paras:#?}");
    }
    // Running header and page numbers are gone.
    assert!(!x.text.contains("Fixture Report"), "{}", x.text);
    assert!(!x.text.contains("Page 2 of 3"), "{}", x.text);
    // Pages in order.
    let a = x.text.find("The ministry").unwrap();
    let b = x.text.find("spokeswoman").unwrap();
    let c = x.text.find("The final report").unwrap();
    assert!(a < b && b < c);
}

#[test]
fn pdf_real_minutes_in_french() {
    let x = extract_file(&fixture("pdf/2023-06-20-PV.pdf")).unwrap();
    let paras = paragraphs_of(&x.text);
    // A sentence from page 2, whole, as one paragraph (it wraps over three lines).
    let want = "D’APPROUVER la demande de démolition partielle, soit de la partie arrière du \
                bâtiment situé au 1069, boulevard de Sainte-Adèle, en vertu du règlement \
                1314-2023-DEM régissant la démolition des constructions.";
    assert!(paras.contains(&want), "{paras:#?}");
    // The members are listed one a line: each line its own paragraph, not one run-on line.
    for member in [
        "M. Gaëtan Gagné, conseiller municipal",
        "M. David Huggins-Daines, conseiller municipal",
    ] {
        assert!(paras.contains(&member), "{paras:#?}");
    }
    // The page-2 sentence that wraps at "2023-" keeps its hyphen.
    assert!(
        x.text.contains("demande de démolition 2023-0379;"),
        "{}",
        x.text
    );
    assert!(x.text.contains("La séance est levée à 16h05."));
    assert_eq!(x.text, crate::text::normalize(&x.text), "NFC");
    assert!(!x.text.contains(" \n") && !x.text.contains("\n\n\n"));
}

#[test]
fn pdf_transcript_drops_margin_line_numbers() {
    let x = extract_file(&fixture("pdf/scotus-transcript-p1.pdf")).unwrap();
    assert!(x.text.contains("IN THE SUPREME COURT OF THE UNITED STATES"));
    assert!(x.text.contains("Tuesday, January 13, 2009"));
    for line in x.text.lines() {
        assert!(
            line.trim().parse::<u32>().is_err(),
            "a number-only line survived: {line:?}"
        );
    }
}

#[test]
fn pdf_encrypted_and_scanned_get_clear_messages() {
    let e = extract_file(&fixture("pdf/encrypted.pdf"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("encrypted.pdf") && e.contains("password"), "{e}");
    let e = extract_file(&fixture("pdf/scanned.pdf"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("scanned.pdf") && e.contains("OCR"), "{e}");
}

#[test]
fn broken_pdf_and_docx_do_not_panic() {
    let d = tempfile::tempdir().unwrap();
    let good = std::fs::read(fixture("pdf/report.pdf")).unwrap();
    // Truncated halfway, and garbage after a PDF header.
    let cut = write(d.path(), "cut.pdf", &good[..good.len() / 2]);
    let junk = write(d.path(), "junk.pdf", b"%PDF-1.4\n\xff\xfe garbage garbage");
    for p in [&cut, &junk] {
        let e = extract_file(p).unwrap_err().to_string();
        assert!(e.contains(p.file_name().unwrap().to_str().unwrap()), "{e}");
    }
    let docx = std::fs::read(fixture("docx/council.docx")).unwrap();
    let cut = write(d.path(), "cut.docx", &docx[..docx.len() / 2]);
    let e = extract_file(&cut).unwrap_err().to_string();
    assert!(e.contains("cut.docx") && e.contains("not a Word"), "{e}");
}

#[test]
fn docx_text_and_core_properties() {
    let x = extract_file(&fixture("docx/council.docx")).unwrap();
    assert_eq!(x.extractor, "docx");
    assert_eq!(x.title, "Council approves budget");
    assert_eq!(x.byline.as_deref(), Some("Jane Reporter"));
    assert_eq!(x.published.as_deref(), Some("2024-03-05"));
    assert_eq!(
        paragraphs_of(&x.text),
        [
            "Council Approves Budget",
            "Background",
            "The council approved the budget on Monday, the mayor said.",
            "Roads: €2 million",
            "Schools: €3 million",
            "Item | Cost",
            "Parks | €1 million",
            "AT&T and Procter & Gamble declined to comment.\nA second line.",
            "Reaction",
            "Résidents were divided, a survey found.",
        ]
    );
    // The decomposed é in the file came out composed.
    assert!(x.text.contains("R\u{e9}sidents"));
}

#[test]
fn wrong_endings_are_named() {
    let d = tempfile::tempdir().unwrap();
    let pdf = std::fs::read(fixture("pdf/report.pdf")).unwrap();
    let docx = std::fs::read(fixture("docx/council.docx")).unwrap();
    let cases = [
        (write(d.path(), "report.txt", &pdf), "rename it to .pdf"),
        (write(d.path(), "report.docx", &pdf), "rename it to .pdf"),
        (write(d.path(), "council.md", &docx), "rename it to .docx"),
        (write(d.path(), "council.pdf", &docx), "rename it to .docx"),
        (write(d.path(), "notes.pdf", b"just some text"), "not a PDF"),
    ];
    for (p, want) in cases {
        let e = extract_file(&p).unwrap_err().to_string();
        let name = p.file_name().unwrap().to_str().unwrap();
        assert!(e.contains(name) && e.contains(want), "{e}");
    }
}

#[test]
fn huge_text_is_refused_before_reading() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("huge.txt");
    // 50 MB + 1 of text, written in chunks.
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        let chunk = "All work and no play makes a long article.\n".repeat(1000);
        let mut written = 0u64;
        while written <= MAX_TEXT_BYTES {
            f.write_all(chunk.as_bytes()).unwrap();
            written += chunk.len() as u64;
        }
    }
    let e = extract_file(&p).unwrap_err();
    assert!(matches!(e, ArticleError::TooLarge { .. }), "{e}");
    let e = e.to_string();
    assert!(e.contains("huge.txt") && e.contains("50 MB"), "{e}");
}

#[test]
fn invalid_utf8_is_replaced_and_the_user_told() {
    let d = tempfile::tempdir().unwrap();
    // UTF-8 with accents, and two broken bytes.
    let mut bytes = "Le comité a décidé: ".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe la s\xc3\xa9ance.");
    let p = write(d.path(), "broken.txt", &bytes);
    let (doc, notice) = read_file(&p).unwrap();
    assert_eq!(doc.text, "Le comité a décidé: \u{fffd}\u{fffd} la séance.");
    let n = notice.unwrap();
    assert!(
        n.contains("broken.txt") && n.contains("not valid UTF-8"),
        "{n}"
    );
}

#[test]
fn read_new_names_duplicates_and_can_stop() {
    let d = tempfile::tempdir().unwrap();
    let a = write(d.path(), "a.txt", b"One text");
    let b = write(d.path(), "b.txt", b"One text");
    let c = write(d.path(), "c.txt", b"Another text");
    let files = vec![a, b, c];
    let (s, errors) = read_new(&Default::default(), &files, |_, _, _| true);
    assert!(errors.is_empty());
    assert_eq!(s.documents.len(), 2);
    assert_eq!(s.skipped.len(), 1);
    assert!(s.skipped[0].0.ends_with("b.txt") && s.skipped[0].1.contains("a.txt"));
    let mut known = std::collections::HashMap::new();
    known.insert(s.documents[1].sha256.clone(), "Old title".to_string());
    let (s, _) = read_new(&known, &files, |i, _, _| i < 2);
    assert_eq!(s.documents.len(), 1);
    assert_eq!(s.cancelled, 1);
    let mut seen = Vec::new();
    let _ = read_new(&known, &files[2..], |i, n, f| {
        seen.push((i, n, f.to_path_buf()));
        true
    });
    assert_eq!(seen, [(0, 1, files[2].clone())]);
}

#[test]
fn markdown_drops_images_html_fences_and_front_matter() {
    let x = markdown::extract(
        "---\ntitle: x\n---\n\n## Sub *head*\n\n![a photo](p.jpg) Text with <b>html</b> and \
         a <https://example.org> link.\n\n```rust\nlet a = 1;\n```\n\n1. first\n2. **second**\n\n\
         | Who | Said |\n|---|---|\n| Ana | yes |\n\n***\n\nEnd ~~old~~.\n",
    );
    assert_eq!(
        x.text,
        "Sub head\n\nText with html and a https://example.org link.\n\nlet a = 1;\n\nfirst\n\n\
         second\n\nWho | Said\n\nAna | yes\n\nEnd old."
    );
    for bad in ["#", "*", "```", "p.jpg", "<b>", "---", "title: x"] {
        assert!(!x.text.contains(bad), "{bad} in {}", x.text);
    }
}

#[test]
fn pasted_text_is_normalised_and_titled() {
    let d = pasted("\r\n  Bo\u{0323}\u{0302} said\r\nmore\r\n\r\n", "", " ").unwrap();
    assert_eq!(d.text, "Bộ said\nmore");
    assert_eq!(d.title, "Bộ said");
    assert_eq!(d.origin.url, None);
    assert_eq!(d.origin.extractor, "paste");
    let d = pasted("text", " My title ", "https://x.org/a").unwrap();
    assert_eq!(d.title, "My title");
    assert_eq!(d.origin.url.as_deref(), Some("https://x.org/a"));
    assert!(pasted(" \n\t", "t", "").is_none());
}

#[test]
fn pdf_junk_title_falls_back_to_the_first_line() {
    // The transcript's document information says its title is "10811.exe".
    let x = extract_file(&fixture("pdf/scotus-transcript-p1.pdf")).unwrap();
    assert_eq!(x.title, "Official - Subject to Final Review");
}

/// The generated three-column notice (scripts/make-layout-fixtures.py): every layout defect of
/// the Federal Register notice, each checked.
#[test]
fn pdf_three_column_notice() {
    let x = extract_file(&fixture("pdf/three-column-notice.pdf")).unwrap();
    // The largest text of page 1, not the sidebar.
    assert_eq!(x.title, "Airworthiness Directives; Embraer S.A. Airplanes");
    let paras = paragraphs_of(&x.text);
    // Accents drawn as separate glyphs, after their letter or (TeX) before a dotless i.
    assert!(
        x.text
            .contains("certified by the Agência Nacional de Aviação Civil (ANAC)"),
        "{}",
        x.text
    );
    for word in ["naïve", "Física", "Brasília"] {
        assert!(x.text.contains(word), "{word}: {}", x.text);
    }
    // No running header or footer, whatever its numbers; no sideways margin text.
    for furniture in [
        "VerDate",
        "Jkt",
        "Federal Register / Vol",
        "jspears",
        "DSK121",
    ] {
        assert!(!x.text.contains(furniture), "{furniture}: {}", x.text);
    }
    // Paragraphs, not lines: each paragraph ends a sentence, none is a lone column line.
    assert!(paras.len() >= 12 && paras.len() <= 20, "{paras:#?}");
    // (The headings aside: the title and the section's name above the sidebar.)
    for p in paras
        .iter()
        .filter(|p| **p != x.title && **p != "Rules and Regulations")
    {
        assert!(p.ends_with(['.', ')']), "a paragraph cut short: {p:?}");
    }
    // The URL cut at the line end is whole; hyphens and soft hyphens.
    assert!(
        x.text
            .contains("visit https://www.faa.gov/aircraft/air_cert/continued_operation."),
        "{}",
        x.text
    );
    assert!(
        x.text
            .contains("has issued a regulation on the same e-mail procedure."),
        "{}",
        x.text
    );
    // A sentence goes on across the footnote and the page break; the footnote follows it.
    let cut = paras
        .iter()
        .position(|p| p.contains("did not comply with the inspection schedule because the"))
        .unwrap_or_else(|| panic!("{paras:#?}"));
    let note = paras
        .iter()
        .position(|p| p.starts_with("1 The registry is kept by the FAA"))
        .unwrap_or_else(|| panic!("{paras:#?}"));
    assert!(note > cut, "{paras:#?}");
    assert!(
        !paras[cut].ends_with("because the"),
        "the sentence stops at the page break: {:?}",
        paras[cut]
    );
    // The caption is a paragraph of its own and the sentence around it is whole.
    assert!(
        paras.contains(&"Figure 1. The affected wing assembly, seen from below (photo: ANAC)."),
        "{paras:#?}"
    );
    assert_eq!(x.text, crate::text::normalize(&x.text), "NFC");
}

#[test]
fn pdf_real_samples_read_whole() {
    // The two-column paper: accents, and the title from the document information or page 1.
    let x = extract_file(&fixture("pdf/tracemonkey.pdf")).unwrap();
    assert!(x.title.contains("Trace-based Just-in-Time"), "{}", x.title);
    // The French chapter: soft hyphens at line ends leave no trace.
    let x = extract_file(&fixture("pdf/fr-medical-ch5.pdf")).unwrap();
    assert!(!x.text.contains('\u{ad}'), "soft hyphens left");
}
