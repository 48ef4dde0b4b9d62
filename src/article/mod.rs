//! Reading articles into documents: decoding, format-specific text extraction, normalisation.
//!
//! Plain text (.txt), Markdown (.md), web pages (.html), PDF (text layer) and Word (.docx); each
//! format is one function that returns an [`Extracted`] article, which [`read_file`] turns into a
//! [`Document`]. Size, emptiness, binary data and a wrong file ending are checked here, before a
//! format's reader sees the file.

mod docx;
pub mod html;
mod markdown;
mod pdf;

use crate::model::{Document, Origin, Project, now};
use crate::text::normalize;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The file endings `add` imports (a folder means every such file inside).
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "xhtml", "pdf", "docx",
];

/// The most text Claimtrace imports from one file (50 MB): a text file larger than this is
/// refused before it is read, and so is the extracted text of a PDF or Word file.
pub const MAX_TEXT_BYTES: u64 = 50 * 1000 * 1000;

/// The largest PDF or Word file read at all (its text is limited by [`MAX_TEXT_BYTES`]).
pub const MAX_FILE_BYTES: u64 = 500 * 1000 * 1000;

#[derive(Debug, Error)]
pub enum ArticleError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is empty: there is no text to annotate")]
    Empty { path: PathBuf },
    #[error(
        "{path} is not text: it holds binary data (such as NUL bytes), whatever its name says. \
         If it is a Word or PDF file, give it its own ending (.docx, .pdf) and import it again; \
         otherwise open it in the program that made it and save the article as plain text (.txt)"
    )]
    Binary { path: PathBuf },
    #[error(
        "no article found in {path}: {why}; save the article's own page, or copy its text into \
         a .txt file"
    )]
    NoArticle { path: PathBuf, why: String },
    #[error("{}", unsupported_message(path, ext))]
    Unsupported { path: PathBuf, ext: String },
    #[error(
        "{path} is too large to import ({} MB; the limit is {} MB of text); split it into smaller files",
        size / 1_000_000, limit / 1_000_000
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error(
        "{path} is {actual} but its name ends in .{ext}; rename it to .{want} and import it again"
    )]
    WrongEnding {
        path: PathBuf,
        ext: String,
        actual: &'static str,
        want: &'static str,
    },
    #[error("{path} is not a PDF file (it does not start with %PDF); check the file ending")]
    NotPdf { path: PathBuf },
    #[error(
        "{path} is an encrypted PDF that needs a password; save an unprotected copy (e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`) and import that"
    )]
    PdfEncrypted { path: PathBuf },
    #[error(
        "{path} has no text layer (its pages are probably scanned images); run OCR first (e.g. `ocrmypdf in.pdf out.pdf`) and import the result"
    )]
    PdfNoText { path: PathBuf },
    #[error(
        "cannot read the PDF {path}: {why}; try saving it again from a PDF viewer (print to PDF)"
    )]
    PdfBroken { path: PathBuf, why: String },
    #[error("cannot read {path}: {why}")]
    DocxBroken { path: PathBuf, why: String },
}

/// An article as extracted from a file, before it becomes a document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extracted {
    pub title: String,
    /// Normalised text (NFC, `\n`, no BOM).
    pub text: String,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    /// Which extractor produced the text ("txt", "md", "pdf", "docx").
    pub extractor: String,
    /// Something the user should be told, e.g. "decoded as windows-1252".
    pub notice: Option<String>,
}

/// Decode bytes of text: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy encoding
/// guessed by chardetng. Returns the text and, when it was not UTF-8, the encoding's name.
pub fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_with_bom_removal(bytes);
        let name = (enc != encoding_rs::UTF_8).then(|| enc.name());
        return (text.into_owned(), name);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), None);
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, true);
    let (text, _, _) = enc.decode(bytes);
    (text.into_owned(), Some(enc.name()))
}

/// Does this look like binary data rather than text? (NUL bytes outside UTF-16, or many
/// control characters.)
pub fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8) {
        return false;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > sample.len().max(1)
}

/// What a file's first bytes say it is, when it is a format we import under another ending
/// (other binary files, such as images, are caught by [`looks_binary`]).
fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let kinds: &[(&[u8], &str, &str)] = &[
        (b"%PDF-", "a PDF file", "pdf"),
        (
            b"PK\x03\x04",
            "a zip archive (such as a Word .docx)",
            "docx",
        ),
    ];
    kinds
        .iter()
        .find(|(magic, ..)| bytes.starts_with(magic))
        .map(|&(_, what, ext)| (what, ext))
}

/// ".txt, .md, .html, …": the endings Claimtrace imports, for messages.
pub fn endings_list() -> String {
    EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a file with this ending (none, or one Claimtrace does not read) is not imported, and what
/// to do.
fn unsupported_message(path: &Path, ext: &str) -> String {
    if ext.is_empty() {
        format!(
            "{} has no file ending; Claimtrace imports {}: give it the ending of its format \
             (an article in plain text: .txt) and import it again",
            path.display(),
            endings_list()
        )
    } else {
        format!(
            "{}: files ending in .{ext} cannot be imported; Claimtrace imports {}. Save the \
             article in one of these formats (plain text: .txt) and import that",
            path.display(),
            endings_list()
        )
    }
}

/// Extract an article from a file by its ending.
pub fn extract_file(path: &Path) -> Result<Extracted, ArticleError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !EXTENSIONS.contains(&ext.as_str()) {
        return Err(ArticleError::Unsupported {
            path: path.to_path_buf(),
            ext,
        });
    }
    let read_err = |source| ArticleError::Read {
        path: path.to_path_buf(),
        source,
    };
    let binary_format = matches!(ext.as_str(), "pdf" | "docx");
    // Refuse what is too large before reading it.
    let size = std::fs::metadata(path).map_err(read_err)?.len();
    let limit = if binary_format {
        MAX_FILE_BYTES
    } else {
        MAX_TEXT_BYTES
    };
    if size > limit {
        return Err(ArticleError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
        });
    }
    let bytes = std::fs::read(path).map_err(read_err)?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ArticleError::Empty {
            path: path.to_path_buf(),
        });
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut notice = None;
    // The contents say which format this is (a PDF, a zip, …) when it is not this ending's.
    if let Some((actual, want)) = sniff(&bytes).filter(|&(_, want)| want != ext) {
        return Err(ArticleError::WrongEnding {
            path: path.to_path_buf(),
            ext,
            actual,
            want,
        });
    }
    let mut x = match ext.as_str() {
        "pdf" => {
            if !bytes.starts_with(b"%PDF-") {
                return Err(ArticleError::NotPdf {
                    path: path.to_path_buf(),
                });
            }
            pdf::extract(path, &bytes)?
        }
        "docx" => docx::extract(path, &bytes)?,
        "html" | "htm" | "xhtml" => html::extract_html(&bytes, path)?,
        _ => {
            if looks_binary(&bytes) {
                return Err(ArticleError::Binary {
                    path: path.to_path_buf(),
                });
            }
            let (raw, why) = decode_text(&bytes);
            notice = why.map(|w| format!("{} {w}", path.display()));
            match ext.as_str() {
                "md" | "markdown" => markdown::extract(&raw),
                _ => plain(&raw),
            }
        }
    };
    if x.text.trim().is_empty() {
        return Err(ArticleError::Empty {
            path: path.to_path_buf(),
        });
    }
    if x.text.len() as u64 > MAX_TEXT_BYTES {
        return Err(ArticleError::TooLarge {
            path: path.to_path_buf(),
            size: x.text.len() as u64,
            limit: MAX_TEXT_BYTES,
        });
    }
    if x.title.is_empty() {
        x.title = stem;
    }
    if notice.is_some() {
        x.notice = notice;
    }
    Ok(x)
}

/// Decode a text file. Valid UTF-8 is taken as it is. Text that is UTF-8 apart from a few
/// broken bytes (it has at least as many well-formed multi-byte sequences as bad bytes) is
/// decoded with U+FFFD for the bad bytes; anything else goes to [`decode`]'s guess of a legacy
/// encoding. The second value says what happened, for the user ("was not UTF-8; …").
pub fn decode_text(bytes: &[u8]) -> (String, Option<String>) {
    if encoding_rs::Encoding::for_bom(bytes).is_none() && std::str::from_utf8(bytes).is_err() {
        let (good, bad) = utf8_quality(bytes);
        if good >= bad {
            let text = String::from_utf8_lossy(bytes).into_owned();
            return (
                text,
                Some(format!(
                    "is not valid UTF-8: {} replaced with U+FFFD (�)",
                    if bad == 1 {
                        "1 broken byte sequence was".to_string()
                    } else {
                        format!("{bad} broken byte sequences were")
                    }
                )),
            );
        }
    }
    let (text, enc) = decode(bytes);
    (text, enc.map(|e| format!("was not UTF-8; decoded as {e}")))
}

/// (well-formed multi-byte UTF-8 sequences, invalid sequences) in `bytes`.
fn utf8_quality(mut bytes: &[u8]) -> (usize, usize) {
    let (mut good, mut bad) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                return (good, bad);
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                good += std::str::from_utf8(valid)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                bad += 1;
                match e.error_len() {
                    Some(n) => bytes = &rest[n..],
                    None => return (good, bad),
                }
            }
        }
    }
}

/// Plain text: normalised as it is; the title is the first non-empty line.
pub fn plain(raw: &str) -> Extracted {
    let text = normalize(raw);
    let title = first_line(&text);
    Extracted {
        title,
        text,
        extractor: "txt".into(),
        ..Default::default()
    }
}

fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut title: String = line.chars().take(200).collect();
    if line.chars().count() > 200 {
        title.push('…');
    }
    title
}

/// A title for a text: its first non-empty line, shortened to 200 characters.
pub fn suggested_title(text: &str) -> String {
    first_line(text)
}

/// A document from pasted text (normalised; the title defaults to the first line, an empty
/// URL is none). None when there is no text.
pub fn pasted(text: &str, title: &str, url: &str) -> Option<Document> {
    let text = normalize(text);
    let text = text.trim().to_string();
    if text.trim().is_empty() {
        return None;
    }
    let title = match normalize(title.trim()) {
        t if t.is_empty() => first_line(&text),
        t => t,
    };
    let url = url.trim();
    let x = Extracted {
        title,
        text,
        url: (!url.is_empty()).then(|| url.to_string()),
        extractor: "paste".into(),
        ..Default::default()
    };
    Some(to_document(x, None))
}

/// Turn an extracted article into a document (not yet in any project).
pub fn to_document(x: Extracted, file: Option<&Path>) -> Document {
    let origin = Origin {
        file: file
            .and_then(|f| f.file_name())
            .map(|n| n.to_string_lossy().into_owned()),
        url: x.url,
        outlet: x.site,
        author: x.byline,
        published: x.published,
        lang: x.lang,
        imported: now(),
        extractor: x.extractor,
    };
    Document::new(x.title, x.text, origin)
}

/// Read a file into a document.
pub fn read_file(path: &Path) -> Result<(Document, Option<String>), ArticleError> {
    let x = extract_file(path)?;
    let notice = x.notice.clone();
    Ok((to_document(x, Some(path)), notice))
}

/// The importable files of `paths`: files as given, folders searched recursively for
/// [`EXTENSIONS`], in name order. Missing paths are returned as given (so reading them reports
/// the error).
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p
                .extension()
                .is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str()))
            {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// What adding files to a project did.
#[derive(Debug, Default)]
pub struct AddSummary {
    /// Documents ready to insert, in order.
    pub documents: Vec<Document>,
    /// (file, why) for files skipped: already in the project, duplicates, unreadable.
    pub skipped: Vec<(PathBuf, String)>,
    /// Things to tell the user (legacy encodings, replaced bytes).
    pub notices: Vec<String>,
    /// Files not read because the import was cancelled.
    pub cancelled: usize,
}

/// The texts a project already has: SHA-256 → document title.
pub fn known_texts(project: &Project) -> std::collections::HashMap<String, String> {
    project
        .documents
        .iter()
        .map(|d| (d.sha256.clone(), d.title.clone()))
        .collect()
}

/// Read `files` as new documents, skipping texts in `known` (see [`known_texts`]) or read
/// earlier in this batch. `before(index, total, file)` is called before each file is read;
/// when it returns false the rest are left (counted in [`AddSummary::cancelled`]). Needs no
/// project, so it can run on a worker thread.
pub fn read_new(
    known: &std::collections::HashMap<String, String>,
    files: &[PathBuf],
    mut before: impl FnMut(usize, usize, &Path) -> bool,
) -> (AddSummary, Vec<ArticleError>) {
    let mut summary = AddSummary::default();
    let mut errors = Vec::new();
    for (i, f) in files.iter().enumerate() {
        if !before(i, files.len(), f) {
            summary.cancelled = files.len() - i;
            break;
        }
        match read_file(f) {
            Ok((doc, notice)) => {
                if let Some(title) = known.get(&doc.sha256) {
                    summary.skipped.push((
                        f.clone(),
                        format!("the project already has this text as {title:?}"),
                    ));
                } else if let Some(d) = summary.documents.iter().find(|d| d.sha256 == doc.sha256) {
                    summary.skipped.push((
                        f.clone(),
                        format!(
                            "the same text as {}",
                            d.origin.file.as_deref().unwrap_or("an earlier file")
                        ),
                    ));
                } else {
                    summary.notices.extend(notice);
                    summary.documents.push(doc);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    (summary, errors)
}

/// Read `files` as new documents for `project`, skipping texts the project (or an earlier file
/// of this batch) already has. Calls `progress(done, total)` after each file.
pub fn read_for_project(
    project: &Project,
    files: &[PathBuf],
    mut progress: impl FnMut(usize, usize),
) -> (AddSummary, Vec<ArticleError>) {
    let out = read_new(&known_texts(project), files, |i, n, _| {
        if i > 0 {
            progress(i, n);
        }
        true
    });
    if !files.is_empty() {
        progress(files.len(), files.len());
    }
    out
}

#[cfg(test)]
mod tests;
