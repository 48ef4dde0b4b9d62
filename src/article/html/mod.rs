//! Web pages: the main article text and its metadata.
//!
//! The steps, in order:
//!
//! 1. **Decode**: a byte-order mark, else the page's own `<meta charset>` or `http-equiv
//!    Content-Type` declaration, else UTF-8 if the bytes are valid UTF-8, else chardetng's guess.
//! 2. **Metadata** from the untouched page: JSON-LD (`@graph` and arrays too), OpenGraph and
//!    other `<meta>` tags, `<link rel=canonical>`, `<html lang>`.
//! 3. **Boilerplate out** of the DOM before the article is chosen (`clean`): scripts, forms,
//!    navigation, asides, figures and captions (also italics right after an image), ruby
//!    readings, hidden elements (a form or an `aria-hidden` wrapper that holds most of the page's
//!    paragraphs stays: ASP.NET pages, pages saved with a dialog open), blocks whose class or id
//!    says what they are (share bars, newsletter pitches, "related" lists, cookie banners…)
//!    unless they hold a large part of the page's text, boxes under a pitching heading, and the
//!    link lists under "Related"-like headings.
//! 4. **The article** (`main_text`) is chosen by dom_smoothie (a port of Mozilla's
//!    readability). When its pick has under 150 words of running prose (a short report, a list
//!    of signatories, a page whose post is in `<noscript>` or `<template>`), fallbacks compete
//!    with it and the one with the most prose wins: readability with a lower threshold, the
//!    largest run of prose `<p>`s under one parent, both again on the page with `<noscript>` and
//!    `<template>` opened, and JSON-LD's `articleBody`. Prose is judged per paragraph (a
//!    sentence, not mostly links), so an article full of inline links is prose. A page is
//!    refused only when what is left has under 30 words of prose or reads as an index; the
//!    error says why (a sign-in or paywall page, an index of links, or no run of text).
//! 5. **Text**: block elements (and `<br>`) break paragraphs, table cells are kept apart by a
//!    space; headings stay paragraphs of their own; then the chosen paragraphs are filtered
//!    (`paragraphs`): furniture by structure (short teaser or pitch links, a © notice, a
//!    caption's credit, paragraphs the page repeats in three containers or more) and, only in
//!    what is not running prose, by wording (labels, credits, "Tags: …"); bylines and datelines
//!    go to the metadata. Never is a sentence of prose dropped for a word in it.
//! 6. **Metadata** (`metadata`, `dates`): a site name that is no name is passed over; the
//!    byline is read from the page's author element (never a comment's or a form's), without
//!    "By", "Post author", "Veröffentlicht von"…, never a form label; the published date is the
//!    first whole, plausible date of: JSON-LD, meta tags, `itemprop`/`<time>`, readability's, a
//!    dateline, the address, a date line near the headline — always `YYYY-MM-DD`
//!    ([`normalise_date`]).
//!
//! No script runs and nothing is fetched: the page is only parsed.

use crate::article::{ArticleError, Extracted, looks_binary};
mod clean;
mod dates;
mod main_text;
mod metadata;
mod paragraphs;

pub use dates::normalise_date;
pub use main_text::{Block, blocks_of};
pub use metadata::{Meta, is_site_name, json_ld};

use clean::*;
use main_text::*;
use metadata::*;
use paragraphs::*;

use crate::text::normalize;
use dom_query::{Document, NodeRef};
use std::path::Path;

/// Extract the article of a web page (`file` is named in errors).
pub fn extract_html(bytes: &[u8], file: &Path) -> Result<Extracted, ArticleError> {
    let path = file.to_path_buf();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ArticleError::Empty { path });
    }
    if looks_binary(bytes) {
        return Err(ArticleError::Binary { path });
    }
    let (html, guessed) = decode_html(bytes);
    let doc = Document::from(html.as_str());
    if word_count(&doc.select("body").text()) == 0 {
        return Err(ArticleError::Empty { path });
    }
    let meta = Meta::read(&doc);
    let meta_title = meta.title.clone().unwrap_or_default();
    let dom_byline = byline_in_dom(&doc);
    let dom_date = dates::date_in_dom(&doc, meta.lang.as_deref().unwrap_or_default());
    let why_not = nothing_here(&doc);
    let cx = Cx {
        title: meta_title.clone(),
        repeated: repeated_blocks(&doc),
    };
    let page = Page {
        html: &html,
        dom_byline,
        dom_date,
        why_not,
        guessed,
        file,
    };

    // Readability's full chain (strict cleaning first) picks the article; its raw pass (no
    // cleaning) keeps more of the same container — product boxes, short paragraphs with links —
    // which our own filters then judge. The raw text is taken when it covers the strict text.
    let mut best = readable(doc, &cx, None, None);
    if let Some((_, blocks, _)) = &best
        && let Some(raw) = readable(
            Document::from(html.as_str()),
            &cx,
            Some(dom_smoothie::ParsePolicy::Raw),
            None,
        )
        && covers(&raw.1, blocks)
    {
        best = Some(raw);
    }
    // Too little prose or none: a short article that readability's thresholds miss, a list
    // (of signatories, of links) taken for the article, a post inside <noscript> or
    // <template>. Try readability with a low threshold, the largest run of prose paragraphs
    // under one parent, the same two on the page with <noscript> and <template> opened, and
    // the JSON-LD articleBody, and keep whichever has the most prose.
    if best
        .as_ref()
        .is_none_or(|(_, b, _)| prose_volume(b) < SHORT)
    {
        let mut candidates: Vec<(Option<dom_smoothie::Article>, Vec<Block>, Found)> = Vec::new();
        let had_primary = best.is_some();
        if let Some((a, b, f)) = best.take() {
            candidates.push((Some(a), b, f));
        }
        let opened = open_hidden_markup(&html);
        for page_html in std::iter::once(html.as_str()).chain(opened.as_deref()) {
            if let Some((a, b, f)) =
                readable(Document::from(page_html), &cx, None, Some(LOW_THRESHOLD))
            {
                candidates.push((Some(a), b, f));
            }
            let (b, f) = paragraph_run(Document::from(page_html), &cx);
            candidates.push((None, b, f));
        }
        if let Some(body) = &meta.body {
            let mut b = text_blocks(body);
            let f = clean_blocks(&mut b, &meta_title, &cx.repeated);
            candidates.push((None, b, f));
        }
        // Readability's own pick (first, when there is one) wins unless another has clearly
        // more prose: a comment thread is a long run of <p> too.
        let primary = usize::from(had_primary);
        // Readability's metadata of its own pick stays when another text wins.
        let primary_meta = candidates
            .first()
            .and_then(|(a, _, _)| a.as_ref())
            .map(ReadabilityMeta::of_ref);
        let chosen = candidates
            .into_iter()
            .enumerate()
            .filter(|(_, (_, b, _))| !is_index(b))
            .max_by_key(|(i, (_, b, _))| prose_volume(b) * if *i < primary { 13 } else { 10 })
            .map(|(_, (a, b, f))| (a.map(ReadabilityMeta::of).or(primary_meta), b, f));
        return finish(chosen, meta, page);
    }
    finish(
        best.map(|(a, b, f)| (Some(ReadabilityMeta::of(a)), b, f)),
        meta,
        page,
    )
}

/// What the paragraph filters need to know of the whole page.
struct Cx {
    /// The page's title (its metadata's).
    title: String,
    /// Paragraphs repeated across the page ([`repeated_blocks`]), by [`key`].
    repeated: std::collections::HashSet<String>,
}

/// What [`finish`] needs of the page besides the chosen text and the metadata.
struct Page<'a> {
    html: &'a str,
    dom_byline: Option<String>,
    dom_date: Option<String>,
    why_not: String,
    guessed: Option<&'static str>,
    file: &'a Path,
}

/// Below this many words of prose, readability's pick is checked against the fallbacks.
const SHORT: usize = 150;
/// Readability's character threshold for the second try (its default is 500).
const LOW_THRESHOLD: usize = 150;

/// The article's metadata and text, or why there is none.
fn finish(
    found: Option<(Option<ReadabilityMeta>, Vec<Block>, Found)>,
    meta: Meta,
    page: Page,
) -> Result<Extracted, ArticleError> {
    let Page {
        html,
        dom_byline,
        dom_date,
        why_not,
        guessed,
        file,
    } = page;
    let no_article = || ArticleError::NoArticle {
        path: file.to_path_buf(),
        why: why_not.clone(),
    };
    let (article, blocks, found) = found.ok_or_else(no_article)?;
    if !is_article(&blocks) {
        return Err(no_article());
    }
    let article = article.unwrap_or_default();
    let meta_title = meta.title.clone().unwrap_or_default();
    let mut title = best_title(&meta_title, article.title.trim());
    let site = site_name(&meta, article.site_name.as_deref());
    if let Some(site) = site.as_deref() {
        title = without_site(&title, site);
    }
    let text = blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");

    let byline = meta
        .byline
        .or(found.byline)
        .or(dom_byline)
        .or_else(|| article.byline.map(|b| clean_byline(&b)))
        .map(|b| unglue(&b))
        // A CMS account name or a comment form's label is not an author.
        .filter(|b| {
            !b.is_empty()
                && !is_form_label(b)
                && !matches!(
                    b.to_lowercase().as_str(),
                    "admin" | "administrator" | "editor" | "staff"
                )
        });
    let url = meta.url.or(article.url);
    let lang = meta.lang.or(article.lang);
    let l = lang.as_deref().unwrap_or_default();
    // The page's statements (JSON-LD, meta tags), its marked-up dates, readability's, a
    // dateline in the text, the address, a date written near the headline.
    let published = meta
        .published
        .or(dom_date)
        .or_else(|| {
            article
                .published_time
                .as_deref()
                .and_then(|d| normalise_date(d, l))
        })
        .or_else(|| found.dateline.as_deref().and_then(|d| normalise_date(d, l)))
        .or_else(|| url.as_deref().and_then(dates::date_in_url))
        .or_else(|| dates::visible_date(html, &title, l));
    Ok(Extracted {
        title: normalize(&title),
        text: normalize(&text),
        byline: byline.map(|s| normalize(&s)),
        published,
        site: site.map(|s| normalize(&s)),
        url,
        lang,
        extractor: "html".into(),
        notice: guessed.map(|enc| {
            format!(
                "{} declares no character set; decoded as {enc} (a guess)",
                file.display()
            )
        }),
    })
}

/// The part of readability's article the metadata falls back on.
#[derive(Default)]
struct ReadabilityMeta {
    title: String,
    byline: Option<String>,
    site_name: Option<String>,
    published_time: Option<String>,
    url: Option<String>,
    lang: Option<String>,
}

impl ReadabilityMeta {
    /// Readability's metadata of its article.
    fn of(a: dom_smoothie::Article) -> ReadabilityMeta {
        ReadabilityMeta {
            title: a.title,
            byline: a.byline,
            site_name: a.site_name,
            published_time: a.published_time,
            url: a.url,
            lang: a.lang,
        }
    }

    fn of_ref(a: &dom_smoothie::Article) -> ReadabilityMeta {
        ReadabilityMeta {
            title: a.title.clone(),
            byline: a.byline.clone(),
            site_name: a.site_name.clone(),
            published_time: a.published_time.clone(),
            url: a.url.clone(),
            lang: a.lang.clone(),
        }
    }
}

/// The page's own title, without a trailing " | Site" when readability's title (which strips
/// such suffixes) is the part before it; readability's title when the page has none.
fn best_title(meta: &str, readability: &str) -> String {
    let meta = clean_ws(meta);
    let rd = clean_ws(readability);
    if meta.is_empty() {
        return rd;
    }
    if !rd.is_empty()
        && rd.len() < meta.len()
        && let Some(rest) = meta.strip_prefix(rd.as_str())
    {
        let rest = rest.trim_start();
        if rest.starts_with(['|', '-', '–', '—', ':', '·', '•', '/', '»']) {
            return rd;
        }
    }
    meta
}

/// "Headline | Site" → "Headline" when the part after the last separator is the site's name.
fn without_site(title: &str, site: &str) -> String {
    let sk = key(site);
    for sep in [
        " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " / ", " » ",
    ] {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            let tk = key(tail);
            if !sk.is_empty()
                && !tk.is_empty()
                && (tk == sk || sk.contains(&tk))
                && word_count(head) >= 2
            {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

// ---------------------------------------------------------------------------------------------
// Decoding

/// Decode a page: BOM, then the page's declaration, then UTF-8, then a guess. Returns the text
/// and, when the encoding was guessed, its name.
pub fn decode_html(bytes: &[u8]) -> (String, Option<&'static str>) {
    let bom = encoding_rs::Encoding::for_bom(bytes).is_some();
    if !bom && let Some(enc) = declared_charset(bytes) {
        let (text, _, _) = enc.decode(bytes);
        return (text.into_owned(), None);
    }
    // BOM, then UTF-8, then chardetng's guess; only the guess is worth telling.
    let (text, encoding) = crate::article::decode(bytes);
    (text, encoding.filter(|_| !bom))
}

/// The charset a page declares in its first 4 KiB: `<meta charset=X>` or `<meta
/// http-equiv="Content-Type" content="text/html; charset=X">` (the HTML prescan, simplified).
/// UTF-16 declarations mean UTF-8 (a page that decodes to ASCII tags cannot be UTF-16).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label: Vec<u8> = rest
                    .iter()
                    .copied()
                    .take_while(|b| !matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .collect();
                if let Some(enc) = encoding_rs::Encoding::for_label(&label) {
                    return Some(
                        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                            encoding_rs::UTF_8
                        } else if enc == encoding_rs::X_USER_DEFINED {
                            encoding_rs::WINDOWS_1252
                        } else {
                            enc
                        },
                    );
                }
            }
        }
        from = end.max(start + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the stages

/// Whitespace runs → one space, trimmed.
fn clean_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Is this element name a heading?
fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// An element's name in lower case.
fn name_of(node: &NodeRef) -> String {
    node.node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Words of an element's class, id, itemprop and data names (`relatedPosts` → related, posts).
fn hint_words(node: &NodeRef) -> Vec<String> {
    let mut s = String::new();
    for a in ["class", "id", "itemprop", "data-component", "data-testid"] {
        if let Some(v) = node.attr(a) {
            s.push(' ');
            s.push_str(&v);
        }
    }
    // camelCase → camel case
    let mut spaced = String::with_capacity(s.len() + 8);
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_uppercase() && prev_lower {
            spaced.push(' ');
        }
        prev_lower = c.is_lowercase();
        spaced.push(c);
    }
    spaced
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Words in a text (runs of alphanumeric chars).
pub fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// Lowercase words joined by single spaces: for comparing texts.
fn key(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
