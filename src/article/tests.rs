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
    for (p, want) in [
        (&empty, "empty"),
        (&bin, "binary"),
        (&odd, "cannot be imported"),
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
