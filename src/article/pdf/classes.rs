//! One test per class of PDF failure in issue 22 (point 8), each on a fixture made by
//! `scripts/make-pdf-font-fixtures.py` with the property, checked against the text the script
//! wrote beside it (`NAME.txt`, one paragraph a line): fonts whose encoding pdf-extract reads
//! wrong, CID fonts whose widths it misreads, ToUnicode maps with gaps and ranges, line-end
//! dashes, indented block quotes, junk document titles.
//!
//! Where poppler's `pdftotext` is installed its word errors on the same fixture are printed
//! beside ours (`--nocapture`), never asserted.

use super::*;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
}

fn read(name: &str) -> Extracted {
    let path = fixture(name);
    let bytes = std::fs::read(&path).expect("fixture is in the repository");
    extract(&path, &bytes).expect("fixture reads")
}

/// The reference paragraphs of a fixture.
fn truth(name: &str) -> Vec<String> {
    let path = fixture(name).with_extension("txt");
    std::fs::read_to_string(path)
        .expect("reference text is in the repository")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| normalize(l.trim()))
        .collect()
}

/// Word-level edit distance (substituted, dropped or added words).
fn word_errors(reference: &str, got: &str) -> usize {
    let a: Vec<&str> = reference.split_whitespace().collect();
    let b: Vec<&str> = got.split_whitespace().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j + 1] + 1)
                .min(cur[j] + 1)
                .min(prev[j] + usize::from(x != y));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// pdftotext's word errors on a fixture, printed when it is installed.
fn report_pdftotext(name: &str, reference: &str, ours: usize) {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(fixture(name))
        .arg("-")
        .output();
    let theirs = out
        .ok()
        .filter(|o| o.status.success())
        .map(|o| word_errors(reference, &String::from_utf8_lossy(&o.stdout)));
    println!(
        "{name}: {} reference words; word errors: claimtrace {ours}, pdftotext {}",
        reference.split_whitespace().count(),
        theirs.map_or("(not installed)".to_string(), |n| n.to_string())
    );
}

/// Read a fixture; its words must be the reference's, word for word.
fn words_exact(name: &str) -> (Extracted, Vec<String>) {
    let x = read(name);
    let paras = truth(&name.replace(".pdf", ".txt"));
    let reference = paras.join("\n\n");
    let errors = word_errors(&reference, &x.text);
    report_pdftotext(name, &reference, errors);
    assert_eq!(errors, 0, "{name}:\n{}", x.text);
    (x, paras)
}

#[test]
fn a_simple_font_reads_by_its_encoding_not_the_font_programs() {
    // A CFF font whose own encoding is StandardEncoding, used with /WinAnsiEncoding and with
    // /Differences (AGL names, "uni00EA", "f_i"), without a ToUnicode map.
    let (x, paras) = words_exact("simple-encoding.pdf");
    assert!(!x.text.contains('Ø'), "{}", x.text);
    assert!(x.text.contains("Élise Côté"), "{}", x.text);
    assert_eq!(x.text.split("\n\n").count(), paras.len(), "{}", x.text);
}

#[test]
fn cid_fonts_keep_their_words_whole() {
    // Identity-H TrueType: /W in the range form, kerning in TJ arrays, word gaps as offsets,
    // glyphs placed one by one, Tz 80 and 115, Tc justification, an x-stretched text matrix.
    let (x, _) = words_exact("cid-identity-h.pdf");
    assert!(
        x.text.starts_with("A grasshopper spent the summer hopping"),
        "{}",
        x.text
    );
}

#[test]
fn letters_set_apart_stay_one_word() {
    // Identity-H TrueType with letters more than a tenth of an em apart: space glyphs drawn
    // between the words (letters apart by up to 0.13 em), and no space glyphs (letters 0.12 to
    // 0.16 em apart, words 0.5 em).
    let (x, _) = words_exact("letter-gaps.pdf");
    assert!(x.text.contains("The municipal committee"), "{}", x.text);
    assert!(x.text.contains("Le comité consultatif"), "{}", x.text);
    assert!(x.text.contains("Inspectors reported"), "{}", x.text);
}

#[test]
fn glyphs_the_tounicode_map_leaves_out_come_from_the_font() {
    // CIDs missing from the ToUnicode map or mapped to <0000>, bfrange arrays, "ffi" ranges.
    let (x, _) = words_exact("tounicode-gaps.pdf");
    assert!(x.text.contains("between the"), "{}", x.text);
    assert!(x.text.contains("malades desservies"), "{}", x.text);
    assert!(
        x.text
            .contains("efficient office finds the affidavits sufficient")
    );
}

#[test]
fn dashes_at_line_ends_and_block_quotes() {
    let x = read("dashes-and-quote.pdf");
    let want = truth("dashes-and-quote.txt");
    let reference = want.join("\n\n");
    report_pdftotext(
        "dashes-and-quote.pdf",
        &reference,
        word_errors(&reference, &x.text),
    );
    // Kept dashes at a line end, and no space after them.
    for kept in [
        "FAA–2020–0686",
        "206–231–3195",
        "right—and",
        "le bien-être des familles",
    ] {
        assert!(x.text.contains(kept), "{kept}:\n{}", x.text);
    }
    // The hyphen inside the block quote is undone, and the quote is one paragraph.
    assert!(x.text.contains("their experience with"), "{}", x.text);
    assert!(
        !x.text.contains("experi-") && !x.text.contains("experi "),
        "{}",
        x.text
    );
    assert!(x.text.contains("\n\nWe did not expect"), "{}", x.text);
    assert!(x.text.contains("the word maintenance,"), "{}", x.text);
    let got: Vec<&str> = x.text.split("\n\n").collect();
    assert_eq!(got, want, "{}", x.text);
}

#[test]
fn an_embedded_font_without_tounicode_reads_by_the_pdfs_encoding() {
    // A real InDesign chapter (French): its Type 1 (CFF) fonts carry StandardEncoding, the PDF
    // says WinAnsi, and there is no ToUnicode map: "é" (0xE9) read as StandardEncoding's "Ø"
    // fifty times. pdftotext reads 908 "é" here, running headers included (we drop those).
    let x = read("fr-medical-ch5.pdf");
    assert_eq!(x.text.matches('Ø').count(), 0);
    assert!(
        x.text.matches('é').count() >= 890,
        "{}",
        x.text.matches('é').count()
    );
    for word in [
        "rénale",
        "Indosés",
        "artériel",
        "Réponse",
        "hyperchlorémique",
    ] {
        assert!(x.text.contains(word), "{word}");
    }
}

#[test]
fn junk_document_titles_give_way_to_the_heading() {
    // "88300 162..177" in the information, a larger heading on the page.
    assert_eq!(
        read("junk-title.pdf").title,
        "Council Approves the 2021 Budget"
    );
    // "office-2007", the heading in the body's size after a date line.
    assert_eq!(
        read("junk-title-plain.pdf").title,
        "Council Approves the 2021 Budget"
    );
    assert_ne!(read("junk-title-plain.pdf").title, "office-2007");
}

/// The same page with other document titles: a title of this document is kept, a leftover
/// from a template or a program is not.
#[test]
fn document_titles_are_kept_when_they_are_the_documents() {
    let path = fixture("junk-title-plain.pdf");
    let bytes = std::fs::read(&path).expect("fixture");
    let with_title = |title: &str| {
        let mut doc = pdf_extract::Document::load_mem(&bytes).expect("fixture loads");
        let info = doc
            .trailer
            .get(b"Info")
            .ok()
            .and_then(|o| o.as_reference().ok());
        let id = info.expect("the fixture has an Info dictionary");
        let dict = doc.get_dictionary_mut(id).expect("Info is a dictionary");
        dict.set(
            "Title",
            pdf_extract::Object::string_literal(title.as_bytes().to_vec()),
        );
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("saves");
        extract(&path, &out).expect("reads").title
    };
    assert_eq!(
        with_title("City council approves budget"),
        "City council approves budget"
    );
    for junk in [
        "Microsoft Word - minutes_final.docx",
        "Document1",
        "C:\\jobs\\council.indd",
        "2021-03-12",
        "Quarterly Sales Template",
    ] {
        assert_eq!(
            with_title(junk),
            "Council Approves the 2021 Budget",
            "{junk}"
        );
    }
}
