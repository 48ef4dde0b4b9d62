//! Word (.docx): paragraphs, headings, list items and table text, with the core properties
//! (title, author, dates) as metadata.
//!
//! A .docx is a zip of XML parts; we read `word/document.xml`, `word/styles.xml` (to know which
//! paragraph styles are headings or the title, whatever the style's id in the user's language)
//! and `docProps/core.xml` with `zip` and `quick-xml`. The docx crates on crates.io are built
//! for writing documents (docx-rs reads too, but builds a full object model of formatting we do
//! not need and fails on files it does not fully understand); what we need is the text of
//! `w:t` runs grouped by `w:p`, which a streaming reader does in a few dozen lines.
//!
//! Text decisions: each paragraph (heading, list item, body) is one block separated by a blank
//! line; a line break inside a paragraph (`w:br`) is a newline; a tab is a space; deleted text
//! (`w:delText`) and field codes (`w:instrText`) are left out; footnotes are not read. A table
//! row becomes one block with its cells separated by " | " (the paragraphs of a cell joined by
//! spaces).

use super::{ArticleError, Extracted};
use crate::text::normalize;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// The most we inflate from one part: zip bombs stop here.
const MAX_PART: u64 = 200 * 1000 * 1000;

fn broken(path: &Path, why: impl Into<String>) -> ArticleError {
    ArticleError::DocxBroken {
        path: path.to_path_buf(),
        why: why.into(),
    }
}

/// Read a .docx file's text and core properties.
pub fn extract(path: &Path, bytes: &[u8]) -> Result<Extracted, ArticleError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        broken(
            path,
            format!(
                "it is not a Word .docx file ({e}); if it is password-protected, save an \
                 unprotected copy; if it is an old .doc, save it as .docx"
            ),
        )
    })?;
    let document = part(&mut zip, "word/document.xml")
        .map_err(|e| broken(path, e))?
        .ok_or_else(|| {
            broken(
                path,
                "it has no word/document.xml, so it is not a Word document",
            )
        })?;
    let styles = part(&mut zip, "word/styles.xml")
        .ok()
        .flatten()
        .map(|s| style_names(&s))
        .unwrap_or_default();
    let core = part(&mut zip, "docProps/core.xml")
        .ok()
        .flatten()
        .map(|s| core_properties(&s))
        .unwrap_or_default();
    let body = body(&document, &styles).map_err(|e| broken(path, e))?;
    let text = normalize(
        &body
            .blocks
            .iter()
            .map(|b| b.trim())
            .filter(|b| !b.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
    );
    let title = core
        .get("title")
        .cloned()
        .or(body.title)
        .unwrap_or_else(|| super::first_line(&text));
    let date = |k: &str| {
        core.get(k)
            .map(|d| d.split('T').next().unwrap_or(d).to_string())
    };
    Ok(Extracted {
        title: normalize(&title),
        text,
        byline: core.get("creator").map(|s| normalize(s)),
        published: date("created").or_else(|| date("modified")),
        lang: core.get("language").cloned(),
        extractor: "docx".into(),
        ..Default::default()
    })
}

/// A part of the zip as text, if it is there.
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name} inside it: {e}")),
    };
    if file.size() > MAX_PART {
        return Err(format!(
            "{name} inside it unpacks to {} MB, more than Claimtrace reads ({} MB)",
            file.size() / 1_000_000,
            MAX_PART / 1_000_000
        ));
    }
    let mut s = String::new();
    file.take(MAX_PART)
        .read_to_string(&mut s)
        .map_err(|e| format!("cannot unpack {name} inside it: {e}"))?;
    Ok(Some(s))
}

fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// Style id → lower-case style name ("Heading1" → "heading 1").
fn style_names(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut r = Reader::from_str(xml);
    let mut id: Option<String> = None;
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                b"style" => id = attr(&e, b"styleId"),
                b"name" => {
                    if let (Some(i), Some(n)) = (id.take(), attr(&e, b"val")) {
                        out.insert(i, n.to_lowercase());
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// dc:title, dc:creator, dcterms:created, dcterms:modified, dc:language by local name.
fn core_properties(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut r = Reader::from_str(xml);
    let mut current: Option<String> = None;
    let mut value = String::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => {
                current = Some(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
                value.clear();
            }
            Ok(Event::Text(t)) => {
                if let Ok(s) = t.decode() {
                    value.push_str(&s);
                }
            }
            Ok(Event::GeneralRef(r)) => push_ref(&mut value, &r),
            Ok(Event::End(_)) => {
                if let Some(k) = current.take() {
                    let v = value.trim();
                    if !v.is_empty() {
                        out.insert(k, v.to_string());
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// `&amp;` and `&#233;` between text events.
fn push_ref(out: &mut String, r: &quick_xml::events::BytesRef) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        out.push(c);
        return;
    }
    let name = r.decode().unwrap_or_default();
    out.push_str(match name.as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    });
}

struct Body {
    blocks: Vec<String>,
    /// The first paragraph styled Title, else the first Heading 1.
    title: Option<String>,
}

fn body(xml: &str, styles: &HashMap<String, String>) -> Result<Body, String> {
    let mut r = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut para = String::new();
    let mut style: Option<String> = None;
    let mut in_text = false;
    let mut table_depth = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut title: Option<String> = None;
    let mut heading1: Option<String> = None;
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("its word/document.xml is not valid XML ({e})"))?;
        match ev {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"p" => {
                    para.clear();
                    style = None;
                }
                b"tbl" => table_depth += 1,
                b"tr" if table_depth == 1 => row.clear(),
                b"tc" if table_depth == 1 => cell.clear(),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"pStyle" => {
                    style = attr(&e, b"val").map(|id| styles.get(&id).cloned().unwrap_or(id));
                }
                b"tab" => para.push(' '),
                // A line break; page and column breaks are not text.
                b"br" | b"cr" if attr(&e, b"type").is_none_or(|t| t == "textWrapping") => {
                    para.push('\n');
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                para.push_str(&t.decode().map_err(|e| e.to_string())?);
            }
            Event::GeneralRef(g) if in_text => push_ref(&mut para, &g),
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let text = para.trim().to_string();
                    if table_depth > 0 {
                        if !text.is_empty() {
                            if !cell.is_empty() {
                                cell.push(' ');
                            }
                            cell.push_str(&text);
                        }
                    } else if !text.is_empty() {
                        let s = style.as_deref().unwrap_or("").to_lowercase();
                        let s = s.replace(' ', "");
                        if s == "title" && title.is_none() {
                            title = Some(text.clone());
                        }
                        if (s == "heading1" || s == "überschrift1") && heading1.is_none() {
                            heading1 = Some(text.clone());
                        }
                        blocks.push(text);
                    }
                    para.clear();
                }
                b"tc" if table_depth == 1 => row.push(std::mem::take(&mut cell)),
                b"tr" if table_depth == 1 => {
                    let cells: Vec<&str> = row
                        .iter()
                        .map(|c| c.trim())
                        .filter(|c| !c.is_empty())
                        .collect();
                    if !cells.is_empty() {
                        blocks.push(cells.join(" | "));
                    }
                    row.clear();
                }
                b"tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Body {
        blocks,
        title: title.or(heading1),
    })
}
