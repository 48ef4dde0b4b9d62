//! Reading articles into documents: decoding, format-specific text extraction, normalisation.
//!
//! This part reads plain text (.txt), Markdown (.md) and web pages (.html); each format is one
//! function that returns an [`Extracted`] article, which [`read_file`] turns into a [`Document`].

pub mod html;
mod markdown;

use crate::model::{Document, Origin, Project, now};
use crate::text::normalize;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The file endings `add` imports (a folder means every such file inside).
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "xhtml"];

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
        "{path} does not look like text (it contains binary data such as NUL bytes); convert it to .txt first"
    )]
    Binary { path: PathBuf },
    #[error(
        "no article found in {path}: the page has no run of article text (it may be an index, a \
         navigation or a login page, or need scripts to show its text); save the article's own \
         page, or copy its text into a .txt file"
    )]
    NoArticle { path: PathBuf },
    #[error("{path}: files ending in .{ext} cannot be imported yet; Claimtrace reads {}", EXTENSIONS.join(", "))]
    Unsupported { path: PathBuf, ext: String },
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
    /// Which extractor produced the text ("txt", "md").
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
    let bytes = std::fs::read(path).map_err(|source| ArticleError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ArticleError::Empty {
            path: path.to_path_buf(),
        });
    }
    if matches!(ext.as_str(), "html" | "htm" | "xhtml") {
        let mut x = html::extract_html(&bytes, path)?;
        if x.title.is_empty() {
            x.title = stem_of(path);
        }
        return Ok(x);
    }
    if looks_binary(&bytes) {
        return Err(ArticleError::Binary {
            path: path.to_path_buf(),
        });
    }
    let (raw, encoding) = decode(&bytes);
    let stem = stem_of(path);
    let mut x = match ext.as_str() {
        "md" | "markdown" => markdown::extract(&raw),
        _ => plain(&raw),
    };
    if x.text.trim().is_empty() {
        return Err(ArticleError::Empty {
            path: path.to_path_buf(),
        });
    }
    if x.title.is_empty() {
        x.title = stem;
    }
    if let Some(enc) = encoding {
        x.notice = Some(format!(
            "{} was not UTF-8; decoded as {enc}",
            path.display()
        ));
    }
    Ok(x)
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
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
    /// Things to tell the user (legacy encodings).
    pub notices: Vec<String>,
}

/// Read `files` as new documents for `project`, skipping texts the project (or an earlier file
/// of this batch) already has. Calls `progress(done, total)` after each file.
pub fn read_for_project(
    project: &Project,
    files: &[PathBuf],
    mut progress: impl FnMut(usize, usize),
) -> (AddSummary, Vec<ArticleError>) {
    let mut summary = AddSummary::default();
    let mut errors = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match read_file(f) {
            Ok((doc, notice)) => {
                if let Some(d) = project.document_with_hash(&doc.sha256) {
                    summary.skipped.push((
                        f.clone(),
                        format!("the project already has this text as {:?}", d.title),
                    ));
                } else if summary.documents.iter().any(|d| d.sha256 == doc.sha256) {
                    summary
                        .skipped
                        .push((f.clone(), "the same text as an earlier file".into()));
                } else {
                    summary.notices.extend(notice);
                    summary.documents.push(doc);
                }
            }
            Err(e) => errors.push(e),
        }
        progress(i + 1, files.len());
    }
    (summary, errors)
}

#[cfg(test)]
mod tests;
