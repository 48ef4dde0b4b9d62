//! Web pages: the main article text and its metadata.
//!
//! The steps, in order:
//!
//! 1. **Decode**: a byte-order mark, else the page's own `<meta charset>` or `http-equiv
//!    Content-Type` declaration, else UTF-8 if the bytes are valid UTF-8, else chardetng's guess.
//! 2. **Metadata** from the untouched page: JSON-LD (`@graph` and arrays too), OpenGraph and
//!    other `<meta>` tags, `<link rel=canonical>`, `<html lang>`.
//! 3. **Boilerplate out** of the DOM before the article is chosen: scripts, forms, navigation,
//!    asides, figures and captions, hidden elements (a form or an `aria-hidden` wrapper that holds
//!    most of the page's paragraphs stays: ASP.NET pages, pages saved with a dialog open), and
//!    blocks whose class or id says what they are (share bars, newsletter pitches, "related" and
//!    "trending" lists, bylines, cookie banners…) unless they hold a large part of the page's
//!    text.
//! 4. **The article** is chosen by dom_smoothie (a port of Mozilla's readability), which scores
//!    containers by their text and link density. When that finds nothing or under 150 words of
//!    prose (a short report), three fallbacks compete with it and the one with the most prose
//!    wins: readability with a lower threshold, the largest run of `<p>` elements under one
//!    parent, and JSON-LD's `articleBody`. A page is refused only when what is left has no prose
//!    (under 30 words outside links, or mostly links) or reads as an index (headings
//!    that are wholly links, a third of the paragraphs or more); the error says why (a sign-in
//!    or paywall page, an index of links, or no run of text).
//! 5. **Text**: block elements (and `<br>`) break paragraphs, table cells are kept apart by a
//!    space, so words of neighbouring blocks never run together; headings stay paragraphs of
//!    their own; then short boilerplate paragraphs that readability keeps are dropped by their
//!    wording (gallery labels such as "View all (23)"; bylines and datelines go to the metadata
//!    instead), and the text is NFC-normalised.
//! 6. **Metadata fixes**: a site name that is no name ("Hosted", "Home", a URL) is passed over for
//!    the next source (JSON-LD publisher, `og:site_name`, `application-name`, `publisher`); the
//!    byline is read from the page's author element with its pieces kept apart ("ERIC TUCKER
//!    Associated Press"); a date written out in the body becomes ISO 8601 when unambiguous
//!    ([`normalise_date`]).
//!
//! No script runs and nothing is fetched: the page is only parsed.

use crate::article::{ArticleError, Extracted, looks_binary};
mod dates;

pub use dates::normalise_date;

use crate::text::normalize;
use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};
use serde_json::Value;
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

/// Paragraphs of four words or more that the page repeats three times or more, in different
/// containers (a login prompt in every widget, a notice under every section): furniture, by
/// repetition. A refrain repeated within one container (a song's chorus) is the text's own.
fn repeated_blocks(doc: &Document) -> std::collections::HashSet<String> {
    let mut seen: std::collections::HashMap<String, Vec<dom_query::NodeId>> =
        std::collections::HashMap::new();
    for node in doc.select("body *").nodes() {
        let name = name_of(node);
        // List items repeat by nature (a feature listed under each product).
        if !is_block(&name)
            || name == "li"
            || node
                .descendants_it()
                .any(|d| d.is_element() && is_block(&name_of(&d)))
        {
            continue;
        }
        let text = node.text();
        let n = word_count(&text);
        if (4..=80).contains(&n)
            && let Some(parent) = node.parent()
        {
            seen.entry(key(&text)).or_default().push(parent.id);
        }
    }
    seen.into_iter()
        .filter(|(_, parents)| {
            let distinct: std::collections::HashSet<_> = parents.iter().collect();
            parents.len() >= 3 && distinct.len() >= 2
        })
        .map(|(k, _)| k)
        .collect()
}

/// The page with `<noscript>` and `<template>` opened into plain `<div>`s, when it has either
/// (a post a script would draw from them, or show without scripts); `None` otherwise.
fn open_hidden_markup(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if !lower.contains("<noscript") && !lower.contains("<template") {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    while i < html.len() {
        let rest = &lower[i..];
        let tag = ["<noscript", "</noscript", "<template", "</template"]
            .iter()
            .find(|t| {
                rest.starts_with(*t)
                    && rest[t.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c == '>' || c.is_ascii_whitespace())
            });
        match tag {
            Some(t) => {
                out.push_str(if t.starts_with("</") { "</div" } else { "<div" });
                i += t.len();
            }
            None => {
                let c = html[i..].chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8().max(1);
            }
        }
    }
    Some(out)
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

/// Words of running prose: paragraphs that read as sentences ([`is_running_prose`]) and are
/// not mostly links, each judged on its own (an article full of inline links is prose; a list
/// of names or of links is not). Scripts without spaces count two characters a word.
fn prose_volume(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .filter(|b| {
            !b.heading
                && is_running_prose(&b.text)
                && b.link_words * 10 < word_count(&b.text).max(1) * 7
        })
        .map(|b| prose_size(&b.text))
        .sum()
}

/// Words in a text, counting two characters of a script without spaces as a word.
fn prose_size(text: &str) -> usize {
    let cjk = text.chars().filter(|c| is_cjk(*c)).count();
    word_count(text).max(cjk / 2)
}

/// Is there an article in these paragraphs: 30 words of running prose or more
/// ([`prose_volume`]), and not an index of other pages? A page is refused only when it truly
/// has no prose.
fn is_article(blocks: &[Block]) -> bool {
    prose_volume(blocks) >= 30 && !is_index(blocks)
}

/// Paragraphs that read like an index of other pages: several headings that are wholly a link
/// (headlines of other stories), making a third of the paragraphs or more. (Lines of links
/// alone are not enough: a list of deals or sources is an article's own.)
fn is_index(blocks: &[Block]) -> bool {
    let linked = blocks
        .iter()
        .filter(|b| {
            let n = word_count(&b.text);
            b.heading && n > 0 && n <= 25 && b.link_words * 10 >= n * 8
        })
        .count();
    linked >= 4 && linked * 3 >= blocks.len()
}

/// Why a page without an article has none, for the error: a login or subscription wall, an
/// index of links, or neither.
fn nothing_here(doc: &Document) -> String {
    let body = clean_ws(&doc.select("body").text()).to_lowercase();
    let words = word_count(&body).max(1);
    let password = doc.select("input[type=password]").length() > 0;
    let wall = [
        "sign in",
        "log in",
        "login",
        "subscribe to continue",
        "subscribe to read",
        "create an account",
        "create a free account",
        "already a subscriber",
        "members only",
        "to continue reading",
        "register to read",
    ]
    .iter()
    .any(|w| body.contains(w));
    let body_node = doc
        .select("body")
        .nodes()
        .first()
        .copied()
        .unwrap_or(doc.root());
    let links = link_words(&body_node);
    // Links that read like headlines (four words or more).
    let headlines = doc
        .select("a")
        .nodes()
        .iter()
        .filter(|a| word_count(&a.text()) >= 4)
        .count();
    if password {
        LOGIN.into()
    } else if headlines >= 8 || links * 2 >= words {
        "the page is mostly links to other pages (an index or front page), with no article of its \
         own"
        .into()
    } else if wall && words < 300 {
        LOGIN.into()
    } else {
        "the page has no run of article text (it may be a navigation page, or need scripts to \
         show its text)"
            .into()
    }
}

const LOGIN: &str = "the page asks the reader to sign in or subscribe and shows no article text \
    (a login or paywall page)";

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

/// Run readability on a page with its furniture removed; returns the article, its cleaned
/// paragraphs and the byline/dateline found among them. `threshold`: readability's character
/// threshold, when not its default.
fn readable(
    doc: Document,
    cx: &Cx,
    policy: Option<dom_smoothie::ParsePolicy>,
    threshold: Option<usize>,
) -> Option<(dom_smoothie::Article, Vec<Block>, Found)> {
    remove_boilerplate(&doc, &cx.title);
    let mut config = Config::default();
    if let Some(t) = threshold {
        config.char_threshold = t;
    }
    let mut reader = Readability::with_document(doc, None, Some(config)).ok()?;
    let article = match policy {
        Some(p) => reader.parse_with_policy(p),
        None => reader.parse(),
    }
    .ok()?;
    let content = Document::from(article.content.as_ref());
    let mut blocks = blocks_of(&content.root());
    let title = best_title(&cx.title, article.title.trim());
    let found = clean_blocks(&mut blocks, &title, &cx.repeated);
    Some((article, blocks, found))
}

/// The largest run of paragraphs: the parent whose `<p>` children hold the most running prose
/// (a list of names in `<p>`s is no prose), and its paragraph-like children (p, blockquote,
/// headings, lists) in order.
fn paragraph_run(doc: Document, cx: &Cx) -> (Vec<Block>, Found) {
    remove_boilerplate(&doc, &cx.title);
    let mut score: Vec<(NodeRef, usize)> = Vec::new();
    for p in doc.select("p").nodes() {
        let Some(parent) = p.parent() else { continue };
        let text = p.text();
        let words = word_count(&text);
        let n = if is_running_prose(&text) && link_words(p) * 10 < words.max(1) * 7 {
            prose_size(&text)
        } else {
            0
        };
        match score.iter_mut().find(|(q, _)| q.id == parent.id) {
            Some((_, s)) => *s += n,
            None => score.push((parent, n)),
        }
    }
    let Some((parent, _)) = score.into_iter().max_by_key(|(_, s)| *s) else {
        return (Vec::new(), Found::default());
    };
    let mut blocks = Vec::new();
    for child in parent.element_children() {
        let name = name_of(&child);
        if matches!(
            name.as_str(),
            "p" | "blockquote" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "pre"
        ) {
            blocks.extend(blocks_of(&child));
        }
    }
    let found = clean_blocks(&mut blocks, &cx.title, &cx.repeated);
    (blocks, found)
}

/// Paragraphs of a JSON-LD `articleBody`: HTML when it holds tags, else plain text split at
/// blank lines (or at line breaks when it has no blank line).
fn text_blocks(body: &str) -> Vec<Block> {
    if body.contains('<') && body.contains('>') {
        let doc = Document::from(body);
        return blocks_of(&doc.root());
    }
    let body = body.replace("\r\n", "\n");
    let pieces: Vec<&str> = if body.contains("\n\n") {
        body.split("\n\n").collect()
    } else {
        body.split('\n').collect()
    };
    pieces
        .into_iter()
        .map(clean_ws)
        .filter(|p| !p.is_empty())
        .map(|text| Block {
            text,
            ..Default::default()
        })
        .collect()
}

/// Does `wide` hold nearly all the words of `narrow`, without being much longer (the same
/// container, less cleaned)?
fn covers(wide: &[Block], narrow: &[Block]) -> bool {
    let bag = |bs: &[Block]| {
        let mut m: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for b in bs {
            for w in key(&b.text).split(' ').filter(|w| !w.is_empty()) {
                *m.entry(w.to_string()).or_default() += 1;
            }
        }
        m
    };
    let (w, n) = (bag(wide), bag(narrow));
    let n_total: usize = n.values().sum();
    let w_total: usize = w.values().sum();
    let common: usize = n
        .iter()
        .map(|(k, c)| (*c).min(w.get(k).copied().unwrap_or(0)))
        .sum();
    n_total > 0 && common * 100 >= n_total * 97 && w_total * 2 <= n_total * 3
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
// Metadata

/// What the page says about itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    /// JSON-LD `articleBody`, as written.
    pub body: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
}

impl Meta {
    /// Read JSON-LD first (the most deliberate), then OpenGraph and other meta tags.
    pub fn read(doc: &Document) -> Meta {
        let ld = json_ld(doc);
        let m = |names: &[&str]| meta_content(doc, names);
        let title = ld
            .title
            .clone()
            .or_else(|| m(&["og:title", "twitter:title", "dc.title", "dcterm:title"]))
            .or_else(|| {
                Some(clean_ws(&doc.select("title").first().text())).filter(|t| !t.is_empty())
            });
        let byline = ld
            .byline
            .clone()
            .or_else(|| {
                m(&[
                    "author",
                    "article:author",
                    "dc.creator",
                    "byl",
                    "parsely-author",
                    "sailthru.author",
                    "twitter:creator",
                ])
                .filter(|a| !a.starts_with("http") && !a.starts_with('@'))
            })
            .map(|b| clean_byline(&b));
        let lang = doc
            .select("html")
            .attr("lang")
            .or_else(|| doc.select("html").attr("xml:lang"))
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .or_else(|| m(&["content-language", "og:locale", "language", "dc.language"]))
            .or(ld.lang.clone());
        // The first statement that is a whole, plausible date (a placeholder such as
        // 0001-01-01 is passed over for the next).
        let published = ld
            .published
            .clone()
            .into_iter()
            .chain(meta_contents(doc, PUBLISHED_META))
            .find_map(|d| dates::normalise_date(&d, lang.as_deref().unwrap_or_default()));
        // The first that is a name: JSON-LD's publisher (or WebSite), OpenGraph's site name,
        // then the application name and the publisher meta tag.
        let site = ld
            .site
            .clone()
            .into_iter()
            .chain(
                ["og:site_name", "application-name", "publisher"]
                    .map(|k| m(&[k]))
                    .into_iter()
                    .flatten(),
            )
            .find(|s| is_site_name(s));
        let url = doc
            .select("link[rel=canonical]")
            .attr("href")
            .map(|h| h.trim().to_string())
            .filter(|h| h.starts_with("http"))
            .or_else(|| m(&["og:url", "twitter:url"]))
            .or(ld.url.clone());
        Meta {
            title,
            byline,
            published,
            site,
            url,
            lang,
            body: ld.body.clone(),
        }
    }
}

/// Meta tags that state when the article was published, most deliberate first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "pub_date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dc.date.created",
    "dc.created",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "original-publish-date",
    "datecreated",
];

/// Words a CMS or a syndication host puts where the outlet's name belongs ("Hosted", "Home",
/// "WordPress"): not a site's name.
const NOT_SITE_NAMES: &[&str] = &[
    "hosted",
    "home",
    "homepage",
    "home page",
    "news",
    "index",
    "website",
    "web site",
    "site",
    "blog",
    "wordpress",
    "default",
    "untitled",
    "article",
    "articles",
    "story",
    "page",
    "main",
    "portal",
    "app",
    "mobile",
    "amp",
    "desktop",
    "www",
    "null",
    "undefined",
    "none",
    "n/a",
    "na",
    "test",
    "localhost",
    "en",
    "en-us",
    "website name",
    "site name",
    "my site",
    "my blog",
];

/// Is this a plausible outlet name: not a URL, not one of [`NOT_SITE_NAMES`], not a sentence?
pub fn is_site_name(s: &str) -> bool {
    let t = clean_ws(s);
    let lower = t.to_lowercase();
    !t.is_empty()
        && !lower.starts_with("http")
        && !lower.starts_with('@')
        && !NOT_SITE_NAMES.contains(&lower.as_str())
        && t.chars().count() <= 80
        && word_count(&t) <= 10
        && t.chars().any(char::is_alphabetic)
}

/// The outlet's name: the page's own (see [`Meta::read`]), else readability's, when a name.
fn site_name(meta: &Meta, readability: Option<&str>) -> Option<String> {
    meta.site
        .as_deref()
        .or(readability)
        .map(clean_ws)
        .filter(|s| is_site_name(s))
}

/// The byline as the page shows it, from an element marked as the author's (`rel=author`,
/// `itemprop=author`, or a class or id naming a byline or author): its pieces (name, agency)
/// kept apart by a space even when the markup puts them side by side.
fn byline_in_dom(doc: &Document) -> Option<String> {
    for node in doc
        .select("[rel=author], [itemprop=author], [class], [id]")
        .nodes()
    {
        let words = hint_words(node);
        let marked = node
            .attr("rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("author"))
            || node
                .attr("itemprop")
                .is_some_and(|r| r.eq_ignore_ascii_case("author"))
            || words
                .iter()
                .any(|w| w == "byline" || w == "author" || w == "authors");
        if !marked
            || matches!(
                name_of(node).as_str(),
                "meta" | "link" | "body" | "html" | "label" | "input" | "textarea" | "option"
            )
            || in_comments_or_form(node)
        {
            continue;
        }
        let mut pieces: Vec<String> = Vec::new();
        for d in node.descendants_it() {
            if d.is_text() {
                let t = clean_ws(&d.text());
                if !t.is_empty() {
                    pieces.push(t);
                }
            }
        }
        let text = pieces.join(" ");
        let text = clean_byline(&text);
        let n = word_count(&text);
        if n == 0 || n > 14 || text.ends_with('.') && n > 6 {
            continue;
        }
        if !text.chars().next().is_some_and(char::is_uppercase) || is_form_label(&text) {
            continue;
        }
        return Some(text);
    }
    None
}

/// Is this element part of the comments (a commenter's name, the reply form) or of a form?
/// Names there are readers', not the article's author's.
fn in_comments_or_form(node: &NodeRef) -> bool {
    std::iter::once(*node)
        .chain(node.ancestors_it(None))
        .filter(|n| n.is_element())
        .any(|n| {
            let name = name_of(&n);
            name == "form"
                || name == "label"
                || hint_words(&n).iter().any(|w| {
                    (w.starts_with("comment") && !w.starts_with("commentar"))
                        || matches!(w.as_str(), "respond" | "reply" | "replies" | "discussion")
                        || w.starts_with("disqus")
                })
        })
}

/// "ERIC TUCKERAssociated Press" → "ERIC TUCKER Associated Press": a word in capitals run into
/// a capitalised one (two elements' texts joined without a space).
fn unglue(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        // Here: capitals before (two or more), a capital now, a lower-case letter next.
        let caps_before = i >= 2 && chars[i - 1].is_uppercase() && chars[i - 2].is_uppercase();
        let starts_word = c.is_uppercase() && chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        if caps_before && starts_word {
            // Only a real run of capitals (a name in capitals), not "MPs" or "NGOs".
            let run = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_uppercase())
                .count();
            if run >= 3 {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// The content of the first `<meta>` whose name, property or http-equiv is one of `names`
/// (case-insensitive), in the order of `names`.
fn meta_content(doc: &Document, names: &[&str]) -> Option<String> {
    let metas = doc.select("meta");
    for want in names {
        for node in metas.nodes() {
            let key = ["property", "name", "itemprop", "http-equiv"]
                .iter()
                .find_map(|a| node.attr(a));
            let Some(key) = key else { continue };
            if key.trim().eq_ignore_ascii_case(want)
                && let Some(c) = node.attr("content")
            {
                let c = clean_ws(&c);
                if !c.is_empty() {
                    return Some(c);
                }
            }
        }
    }
    None
}

/// The contents of every `<meta>` whose name, property or itemprop is one of `names`
/// (case-insensitive), in the order of `names`, then of the page.
fn meta_contents(doc: &Document, names: &[&str]) -> Vec<String> {
    let metas = doc.select("meta");
    let mut out = Vec::new();
    for want in names {
        for node in metas.nodes() {
            let key = ["property", "name", "itemprop"]
                .iter()
                .find_map(|a| node.attr(a));
            if let Some(key) = key
                && key.trim().eq_ignore_ascii_case(want)
                && let Some(c) = node.attr("content")
            {
                let c = clean_ws(&c);
                if !c.is_empty() {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Metadata from the page's `<script type="application/ld+json">` blocks: the first object of
/// an article-like `@type` (searched through arrays and `@graph`), else the first object with a
/// headline.
pub fn json_ld(doc: &Document) -> Meta {
    let mut objects = Vec::new();
    for node in doc.select("script[type='application/ld+json']").nodes() {
        let raw = node.text();
        let raw = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim()
            .trim_start_matches("//")
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim_end_matches("//")
            .trim()
            .trim_end_matches(';');
        if let Ok(v) = serde_json::from_str::<Value>(raw) {
            flatten_ld(&v, &mut objects, 0);
        }
    }
    let is_article = |o: &Value| {
        types_of(o).iter().any(|t| {
            t.ends_with("Article")
                || matches!(
                    t.as_str(),
                    "BlogPosting" | "Report" | "LiveBlogPosting" | "SocialMediaPosting"
                )
        })
    };
    let Some(obj) = objects
        .iter()
        .find(|o| is_article(o))
        .or_else(|| objects.iter().find(|o| o.get("headline").is_some()))
    else {
        // Still take a site name from a WebSite/Organization object.
        let site = objects
            .iter()
            .find(|o| {
                types_of(o)
                    .iter()
                    .any(|t| t == "WebSite" || t == "Organization" || t == "NewsMediaOrganization")
            })
            .and_then(|o| str_of(o.get("name")))
            .filter(|s| is_site_name(s));
        return Meta {
            site,
            ..Default::default()
        };
    };
    let title = str_of(obj.get("headline")).or_else(|| str_of(obj.get("name")));
    let byline = names_of(obj.get("author")).or_else(|| names_of(obj.get("creator")));
    // datePublished, else dateCreated when that is a date and datePublished is a placeholder.
    let published = [obj.get("datePublished"), obj.get("dateCreated")]
        .into_iter()
        .filter_map(str_of)
        .find(|d| dates::normalise_date(d, "").is_some())
        .or_else(|| str_of(obj.get("datePublished")));
    let site = obj
        .get("publisher")
        .and_then(|p| names_of(Some(p)))
        .filter(|s| is_site_name(s))
        .or_else(|| {
            objects
                .iter()
                .find(|o| types_of(o).iter().any(|t| t == "WebSite"))
                .and_then(|o| str_of(o.get("name")))
        });
    let url = str_of(obj.get("url"))
        .or_else(|| match obj.get("mainEntityOfPage") {
            Some(Value::Object(m)) => str_of(m.get("@id")).or_else(|| str_of(m.get("url"))),
            other => str_of(other),
        })
        .filter(|u| u.starts_with("http"));
    let lang = str_of(obj.get("inLanguage"));
    let body = match obj.get("articleBody") {
        Some(Value::String(b)) => Some(html_escape::decode_html_entities(b).trim().to_string()),
        _ => None,
    }
    .filter(|b| !b.is_empty());
    Meta {
        title,
        byline,
        published,
        site: site.filter(|s| is_site_name(s)),
        url,
        lang,
        body,
    }
}

fn flatten_ld(v: &Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| flatten_ld(i, out, depth + 1)),
        Value::Object(m) => {
            if let Some(g) = m.get("@graph") {
                flatten_ld(g, out, depth + 1);
            }
            if m.contains_key("@type") {
                out.push(v.clone());
            }
        }
        _ => {}
    }
}

fn types_of(o: &Value) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        // JSON-LD strings are often HTML-escaped a second time ("&#8216;").
        Value::String(s) => {
            Some(clean_ws(&html_escape::decode_html_entities(s))).filter(|s| !s.is_empty())
        }
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        _ => None,
    }
}

/// Names from a JSON-LD person/organisation value: a string, an object with `name`, or an
/// array of either; several are joined with ", ".
fn names_of(v: Option<&Value>) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    let mut push = |n: Option<String>| {
        if let Some(n) = n.filter(|n| !n.starts_with("http") && !names.contains(n)) {
            names.push(n);
        }
    };
    match v? {
        Value::Array(a) => {
            for x in a {
                match x {
                    Value::Object(m) => push(str_of(m.get("name"))),
                    other => push(str_of(Some(other))),
                }
            }
        }
        Value::Object(m) => push(str_of(m.get("name"))),
        other => push(str_of(Some(other))),
    }
    (!names.is_empty()).then(|| names.join(", "))
}

fn clean_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words that introduce a byline ("By", "Posted by", "Veröffentlicht von", "Post author" — a
/// screen-reader label WordPress themes put before "By"), in any case.
const BYLINE_PREFIXES: &[&str] = &[
    "post author",
    "posted by",
    "written by",
    "words by",
    "story by",
    "text by",
    "reporting by",
    "author:",
    "authors:",
    "autor:",
    "autorin:",
    "auteur:",
    "auteur :",
    "autore:",
    "yazar:",
    "penulis:",
    "by:",
    "by",
    "veröffentlicht von",
    "geschrieben von",
    "verfasst von",
    "publié par",
    "écrit par",
    "publicado por",
    "escrito por",
    "pubblicato da",
    "scritto da",
    "geplaatst door",
    "geschreven door",
    "ditulis oleh",
    "dikirim oleh",
    "diposting oleh",
    "publikováno",
    "opublikowano przez",
];

/// Prefixes that are also how names begin ("Von der Leyen", "Di Maio", "Par"): taken off only
/// when written in lower case and followed by a capitalised word.
const LOWER_PREFIXES: &[&str] = &["von", "par", "por", "di", "da", "door", "av", "oleh"];

/// "By Jane Doe | Reuters" → "Jane Doe | Reuters", "Post author By Jane Wright" → "Jane
/// Wright", "Veröffentlicht von Max Mustermann" → "Max Mustermann": a byline without the
/// words that introduce it.
fn clean_byline(s: &str) -> String {
    let mut s = clean_ws(s);
    loop {
        let lower = s.to_lowercase();
        let mut rest = None;
        for p in BYLINE_PREFIXES {
            if let Some(r) = lower.strip_prefix(p)
                && (p.ends_with(':') || r.starts_with([' ', ':']))
            {
                rest = s
                    .get(p.len()..)
                    .map(|r| r.trim_start_matches([' ', ':']).to_string());
                break;
            }
        }
        if rest.is_none() {
            for p in LOWER_PREFIXES {
                if let Some(r) = s.strip_prefix(p).and_then(|r| r.strip_prefix(' '))
                    && r.chars().next().is_some_and(char::is_uppercase)
                {
                    rest = Some(r.to_string());
                    break;
                }
            }
        }
        match rest {
            Some(r) if !r.trim().is_empty() && r.len() < s.len() => s = r.trim().to_string(),
            _ => return s,
        }
    }
}

/// A comment form's field label, not a name: "Name (required)", "Name *", "Nama (wajib)",
/// "Email", "Website".
fn is_form_label(s: &str) -> bool {
    let lower = clean_ws(s).to_lowercase();
    let bare = lower
        .trim_end_matches(|c: char| matches!(c, '*' | ':' | ' '))
        .trim();
    const REQUIRED: &[&str] = &[
        "required",
        "wajib",
        "obligatoire",
        "erforderlich",
        "pflichtfeld",
        "obrigatório",
        "obligatorio",
        "richiesto",
        "obbligatorio",
        "verplicht",
        "wymagane",
        "zorunlu",
    ];
    const FIELDS: &[&str] = &[
        "name",
        "nama",
        "nom",
        "nombre",
        "nome",
        "naam",
        "imię",
        "isim",
        "author",
        "autor",
        "auteur",
        "email",
        "e-mail",
        "website",
        "url",
        "comment",
        "your name",
    ];
    lower.ends_with('*') || REQUIRED.iter().any(|r| lower.contains(r)) || FIELDS.contains(&bare)
}

// ---------------------------------------------------------------------------------------------
// Boilerplate in the DOM

/// Elements that are never article text.
const NEVER_TEXT: &str = "script, style, noscript, template, iframe, object, embed, svg, canvas, \
    form, button, input, select, textarea, nav, aside, footer, figure, figcaption, picture, \
    video, audio, dialog, rt, rp, [hidden], [aria-hidden=true], [role=navigation], \
    [role=complementary], [role=contentinfo], [role=dialog]";

/// Words in class and id names that mark a block as page furniture. Matched against the
/// class/id split into words (`related-posts` → `related`, `posts`).
const FURNITURE: &[&str] = &[
    "share",
    "sharing",
    "sharebar",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "related",
    "trending",
    "recommended",
    "recommendations",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsor",
    "sponsored",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "caption",
    "credit",
    "credits",
    "byline",
    "dateline",
    "timestamp",
    "comments",
    "breadcrumb",
    "breadcrumbs",
    "tags",
    "popular",
    "mostread",
    "outbrain",
    "taboola",
    "paywall",
    "disclaimer",
    "copyright",
    "toolbar",
    "sidebar",
    "modal",
    "popup",
    "author",
    "authors",
    "bio",
    "meta",
    "nav",
    "navigation",
    "menu",
    "footer",
    "widget",
    "hidden",
    "print",
    "gallery",
    "slideshow",
    "carousel",
    "lightbox",
];

/// Two-word class names of furniture (`read-more`, `more-from`, `also-like`…).
const FURNITURE_PAIRS: &[(&str, &str)] = &[
    ("read", "more"),
    ("more", "from"),
    ("also", "like"),
    ("most", "read"),
    ("most", "popular"),
    ("sign", "up"),
    ("post", "date"),
    ("publish", "date"),
    ("published", "date"),
    ("article", "date"),
    ("pub", "date"),
    ("sr", "only"),
    ("visually", "hidden"),
];

/// Class/id words of the article body itself: an element so named is never furniture.
const BODY_WORDS: &[&str] = &[
    "article", "content", "entry", "story", "body", "main", "post", "text",
];

/// Headings that introduce lists of other stories.
const LIST_HEADINGS: &[&str] = &[
    "related",
    "trending",
    "you may also like",
    "you might also like",
    "recommended",
    "more from",
    "more on",
    "more stories",
    "more news",
    "most read",
    "most popular",
    "popular",
    "read more",
    "read next",
    "further reading",
    "see also",
    "top stories",
    "latest",
    "editor's picks",
    "editors' picks",
    "what to read next",
    "in case you missed it",
    "around the web",
    "share this",
    "tags",
    "topics",
    // pt, es, fr, de, it
    "você pode gostar",
    "veja também",
    "leia também",
    "leia mais",
    "relacionados",
    "te puede interesar",
    "también te puede interesar",
    "lee también",
    "noticias relacionadas",
    "lire aussi",
    "à lire aussi",
    "voir aussi",
    "sur le même sujet",
    "das könnte sie auch interessieren",
    "mehr zum thema",
    "lesen sie auch",
    "leggi anche",
    "potrebbe interessarti",
];

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn name_of(node: &NodeRef) -> String {
    node.node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default()
}

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

/// Stems that mark furniture even inside a longer class word (`relatedpoststitle`).
const FURNITURE_STEMS: &[&str] = &[
    "related",
    "trending",
    "newsletter",
    "subscri",
    "social",
    "sharing",
    "sharebar",
    "cookie",
    "caption",
    "byline",
    "comment",
    "breadcrumb",
    "sidebar",
    "promo",
    "sponsor",
    "advert",
    "outbrain",
    "taboola",
    "paywall",
    "recommend",
    "popular",
    "rollover",
    "tooltip",
    "popover",
    "hovercard",
    "flyout",
];

fn is_furniture(words: &[String]) -> bool {
    if words.is_empty() {
        return false;
    }
    words.iter().any(|w| {
        FURNITURE.contains(&w.as_str())
            || (!w.starts_with("commentar") && FURNITURE_STEMS.iter().any(|stem| w.contains(stem)))
    }) || words.windows(2).any(|p| {
        FURNITURE_PAIRS
            .iter()
            .any(|(a, b)| p[0] == *a && p[1] == *b)
    })
}

fn is_body_named(words: &[String]) -> bool {
    words.iter().any(|w| BODY_WORDS.contains(&w.as_str()))
        && !words.iter().any(|w| {
            matches!(
                w.as_str(),
                "related" | "share" | "social" | "newsletter" | "comments" | "promo" | "trending"
            )
        })
}

/// Words in a text (runs of alphanumeric chars).
pub fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// Words inside links under `node`.
fn link_words(node: &NodeRef) -> usize {
    let mut n = 0;
    for d in node.descendants_it() {
        if d.is_element() && name_of(&d) == "a" {
            n += word_count(&d.text());
        }
    }
    if name_of(node) == "a" {
        n = word_count(&node.text());
    }
    n
}

/// When a page has several `<article>` elements and one of them holds the headline, the others
/// are teasers for other stories: remove them.
fn keep_main_article(doc: &Document, title: &str) {
    let tk = key(title);
    let articles = doc.select("article");
    if tk.is_empty() || articles.length() < 2 {
        return;
    }
    let mut main: Option<(NodeRef, usize)> = None;
    for a in articles.nodes() {
        let heads = dom_query::Selection::from(*a).select("h1, [itemprop=headline]");
        let matches = heads.nodes().iter().any(|h| {
            let hk = key(&h.text());
            !hk.is_empty() && (tk.contains(&hk) || hk.contains(&tk))
        });
        if matches {
            let size = a.descendants_it().count();
            if main.as_ref().is_none_or(|(_, s)| size < *s) {
                main = Some((*a, size));
            }
        }
    }
    let Some((main, _)) = main else { return };
    if word_count(&main.text()) < 50 {
        return;
    }
    let related = |a: &NodeRef| {
        a.id == main.id
            || main.ancestors_it(None).any(|x| x.id == a.id)
            || a.ancestors_it(None).any(|x| x.id == main.id)
    };
    let others: Vec<NodeRef> = articles
        .nodes()
        .iter()
        .filter(|a| !related(a))
        .cloned()
        .collect();
    for a in others {
        a.remove_from_parent();
    }
}

/// Take page furniture out of the DOM (see the module documentation).
fn remove_boilerplate(doc: &Document, title: &str) {
    // A form around the whole page (ASP.NET sites) or a page wrapper hidden from screen readers
    // while a cookie dialog was open holds the article itself: such a container stays when it
    // holds most of the page's paragraph text.
    let p_words = |n: &NodeRef| -> usize {
        dom_query::Selection::from(*n)
            .select("p")
            .nodes()
            .iter()
            .map(|p| word_count(&p.text()))
            .sum()
    };
    let body_p = doc.select("body").nodes().first().map_or(0, &p_words);
    for node in doc.select(NEVER_TEXT).nodes() {
        let wrapper = name_of(node) == "form"
            || node
                .attr("aria-hidden")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let n = if wrapper { p_words(node) } else { 0 };
        if !(wrapper && n >= 50 && n * 2 >= body_p) {
            node.remove_from_parent();
        }
    }
    keep_main_article(doc, title);
    remove_image_captions(doc);
    remove_pitch_boxes(doc);
    // Inline styles that hide.
    for node in doc.select("[style]").nodes() {
        let style = node
            .attr("style")
            .map(|s| s.to_lowercase().replace(' ', ""))
            .unwrap_or_default();
        // Hidden, or fine print (a size of 10 pixels or less: notices, not the article).
        let fine_print = [
            "font-size:6px",
            "font-size:7px",
            "font-size:8px",
            "font-size:9px",
            "font-size:10px",
        ]
        .iter()
        .any(|f| style.contains(f));
        if style.contains("display:none") || style.contains("visibility:hidden") || fine_print {
            node.remove_from_parent();
        }
    }
    let total = word_count(&doc.select("body").text()).max(1);

    // Blocks named as furniture, unless they hold much of the page's prose.
    let mut doomed = Vec::new();
    for node in doc.select("body *").nodes() {
        let name = name_of(node);
        if matches!(name.as_str(), "html" | "body" | "main" | "article") {
            continue;
        }
        let words = hint_words(node);
        if !is_furniture(&words) || is_body_named(&words) {
            continue;
        }
        let text = node.text();
        let n = word_count(&text);
        let links = link_words(node);
        let prose = n.saturating_sub(links);
        if n < 12 || links * 2 > n || prose * 5 < total {
            doomed.push(*node);
        }
    }
    for node in doomed {
        node.remove_from_parent();
    }

    // "Related", "Trending", … headings and the link lists after them.
    let mut doomed = Vec::new();
    for node in doc
        .select("h1, h2, h3, h4, h5, h6, strong, b, p, span, div")
        .nodes()
    {
        let text = clean_ws(&node.text()).to_lowercase();
        if text.is_empty() || text.chars().count() > 40 || !is_list_heading(&text) {
            continue;
        }
        if !is_heading(&name_of(node)) && node.element_children().len() > 1 {
            continue;
        }
        // The heading, and the link-dense siblings after it.
        let mut target = *node;
        // A lone heading wrapped in an element: climb while it is the only text.
        while let Some(p) = target.parent() {
            if clean_ws(&p.text()).to_lowercase() == text
                && !matches!(name_of(&p).as_str(), "body" | "html")
            {
                target = p;
            } else {
                break;
            }
        }
        let mut sib = target.next_element_sibling();
        let mut any_list = false;
        while let Some(s) = sib {
            let n = word_count(&s.text());
            if n == 0 {
                sib = s.next_element_sibling();
                continue;
            }
            if link_words(&s) * 10 >= n * 6 {
                any_list = true;
                let next = s.next_element_sibling();
                doomed.push(s);
                sib = next;
            } else {
                break;
            }
        }
        // Without a list after it, only a heading that is nothing but the list's name goes: "Latest
        // figures show a rise" is the article's own subheading.
        let exact = LIST_HEADINGS
            .contains(&text.trim_end_matches([':', '.', '…', '!', ' ', '»', '›', '>']));
        if any_list || (exact && (is_heading(&name_of(&target)) || text.ends_with(':'))) {
            doomed.push(target);
        }
    }
    for node in doomed {
        node.remove_from_parent();
    }
}

/// A box under a heading that pitches a newsletter or a subscription ("Subscribe to the Morning
/// Review newsletter"): the heading's container, as far up as it holds 60 words or fewer.
fn remove_pitch_boxes(doc: &Document) {
    let mut doomed = Vec::new();
    for h in doc.select("h1, h2, h3, h4, h5, h6").nodes() {
        let text = clean_ws(&h.text()).to_lowercase();
        if word_count(&text) == 0 || word_count(&text) > 12 || !is_pitch(&text) {
            continue;
        }
        let mut target = *h;
        while let Some(p) = target.parent() {
            if !p.is_element()
                || matches!(name_of(&p).as_str(), "body" | "html" | "article" | "main")
                || word_count(&p.text()) > 60
            {
                break;
            }
            target = p;
        }
        doomed.push(target);
    }
    for node in doomed {
        node.remove_from_parent();
    }
}

/// Captions set in italics right after an image, outside any `<figure>`: `<center><img><br>
/// <em>The mill in 1910</em></center>`, or the image and the caption in blocks side by side.
fn remove_image_captions(doc: &Document) {
    let mut doomed = Vec::new();
    for img in doc.select("img").nodes() {
        if let Some(caption) = caption_after(img) {
            doomed.push(caption);
        }
    }
    for node in doomed {
        node.remove_from_parent();
    }
}

/// The italic caption that follows an image (line breaks and spaces between), climbing out of
/// containers that hold nothing but the image.
fn caption_after<'a>(img: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let mut anchor = *img;
    for _ in 0..3 {
        let mut next = anchor.next_sibling();
        while let Some(n) = next {
            let skip = if n.is_text() {
                n.text().trim().is_empty()
            } else {
                !n.is_element() || name_of(&n) == "br"
            };
            if !skip {
                break;
            }
            next = n.next_sibling();
        }
        if let Some(n) = next {
            return (n.is_element() && is_italic_caption(&n)).then_some(n);
        }
        let parent = anchor.parent()?;
        if !parent.is_element()
            || word_count(&parent.text()) > 0
            || matches!(name_of(&parent).as_str(), "body" | "article" | "main")
        {
            return None;
        }
        anchor = parent;
    }
    None
}

/// A short text (40 words at most) wholly in italics: an `<em>`/`<i>`, or a block whose every
/// word is inside one.
fn is_italic_caption(node: &NodeRef) -> bool {
    let words = word_count(&node.text());
    if words == 0 || words > 40 {
        return false;
    }
    match name_of(node).as_str() {
        "em" | "i" => true,
        "center" | "p" | "div" | "span" | "font" | "small" => {
            let italic: usize = dom_query::Selection::from(*node)
                .select("em, i")
                .nodes()
                .iter()
                .filter(|n| {
                    !n.ancestors_it(None)
                        .take_while(|a| a.id != node.id)
                        .any(|a| matches!(name_of(&a).as_str(), "em" | "i"))
                })
                .map(|n| word_count(&n.text()))
                .sum();
            italic == words
        }
        _ => false,
    }
}

fn is_list_heading(text: &str) -> bool {
    let t = text.trim_end_matches([':', '.', '…', '!', ' ', '»', '›', '>']);
    LIST_HEADINGS.iter().any(|h| {
        t == *h
            || (t.starts_with(h)
                && t[h.len()..].starts_with([' ', ':'])
                && word_count(t) <= word_count(h) + 4)
    })
}

// ---------------------------------------------------------------------------------------------
// Text

/// A paragraph of output text and what it was made of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Block {
    pub text: String,
    pub heading: bool,
    pub list_item: bool,
    /// Words inside links.
    pub link_words: usize,
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "blockquote"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tr"
            | "pre"
            | "address"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "center"
            | "details"
            | "summary"
            | "body"
            | "html"
            | "figure"
            | "figcaption"
            | "aside"
            | "nav"
            | "footer"
            | "form"
            | "fieldset"
            | "legend"
            | "caption"
            | "menu"
            | "hgroup"
            | "search"
            | "dialog"
    )
}

/// Table cells: their texts are kept apart by a space (not a paragraph break).
fn is_cell(name: &str) -> bool {
    matches!(name, "td" | "th")
}

#[derive(Default)]
struct TextBuilder {
    blocks: Vec<Block>,
    cur: String,
    heading: bool,
    list_item: bool,
    link_words: usize,
}

impl TextBuilder {
    fn flush(&mut self) {
        let text: Vec<&str> = self
            .cur
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let text = text.join("\n");
        if !text.is_empty() {
            self.blocks.push(Block {
                text,
                heading: self.heading,
                list_item: self.list_item,
                link_words: self.link_words,
            });
        }
        self.cur.clear();
        self.heading = false;
        self.list_item = false;
        self.link_words = 0;
    }

    fn push_text(&mut self, s: &str, in_link: bool) {
        for c in s.chars() {
            if c.is_whitespace() {
                if !self.cur.ends_with([' ', '\n']) && !self.cur.is_empty() {
                    self.cur.push(' ');
                }
            } else if !matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}') {
                self.cur.push(c);
            }
        }
        if in_link {
            self.link_words += word_count(s);
        }
    }

    fn walk(&mut self, node: &NodeRef, in_link: bool) {
        if node.is_text() {
            self.push_text(&node.text(), in_link);
            return;
        }
        if !node.is_element() && !node.is_document() && !node.is_fragment() {
            return;
        }
        let name = name_of(node);
        if matches!(
            name.as_str(),
            "script"
                | "style"
                | "noscript"
                | "template"
                | "head"
                | "button"
                | "select"
                | "svg"
                // Ruby readings: the base text only.
                | "rt"
                | "rp"
        ) {
            return;
        }
        if name == "br" {
            if self.cur.ends_with(' ') {
                self.cur.pop();
            }
            self.cur.push('\n');
            return;
        }
        let block = is_block(&name);
        if block {
            self.flush();
        }
        if is_cell(&name) && !self.cur.is_empty() && !self.cur.ends_with([' ', '\n']) {
            self.cur.push(' ');
        }
        if is_heading(&name) {
            self.heading = true;
        }
        if name == "li" {
            self.list_item = true;
        }
        let link = in_link || name == "a";
        for child in node.children_it(false) {
            self.walk(&child, link);
        }
        if block {
            if is_heading(&name) {
                self.heading = true;
            }
            if name == "li" {
                self.list_item = true;
            }
            self.flush();
        }
    }
}

/// The paragraphs of an HTML fragment.
pub fn blocks_of(root: &NodeRef) -> Vec<Block> {
    let mut b = TextBuilder::default();
    b.walk(root, false);
    b.flush();
    b.blocks
}

/// What the paragraph filter found and removed that belongs in the metadata.
#[derive(Debug, Default)]
struct Found {
    byline: Option<String>,
    dateline: Option<String>,
}

/// Drop paragraphs a careful reader would not copy; return the byline/dateline found.
fn clean_blocks(
    blocks: &mut Vec<Block>,
    title: &str,
    repeated: &std::collections::HashSet<String>,
) -> Found {
    let mut found = Found::default();
    let title_key = key(title);
    let mut out = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.drain(..).enumerate() {
        let k = key(&b.text);
        if k.is_empty() || repeated.contains(&k) {
            continue;
        }
        // The title repeated at the top.
        if i < 4
            && !title_key.is_empty()
            && (k == title_key
                || (b.heading && title_key.contains(&k) && k.len() * 2 > title_key.len()))
        {
            continue;
        }
        if is_gallery_label(&b.text) {
            continue;
        }
        if let Some(by) = byline_of(&b.text) {
            found.byline.get_or_insert(by);
            continue;
        }
        if is_dateline(&b.text) {
            found.dateline.get_or_insert_with(|| b.text.clone());
            continue;
        }
        if is_boilerplate_line(&b) {
            continue;
        }
        out.push(b);
    }
    *blocks = out;
    found
}

/// Lowercase words joined by single spaces: for comparing texts.
fn key(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// "By Jane Doe", "Written by Jane Doe and John Roe, Reuters" → the name(s).
fn byline_of(text: &str) -> Option<String> {
    let t = clean_ws(text);
    if t.chars().count() > 120 || t.contains('\n') {
        return None;
    }
    let lower = t.to_lowercase();
    let rest = [
        "by ",
        "by: ",
        "written by ",
        "posted by ",
        "words by ",
        "author: ",
        "reporting by ",
    ]
    .iter()
    .find_map(|p| {
        if lower.starts_with(p) {
            t.get(p.len()..).map(|r| r.trim().to_string())
        } else {
            None
        }
    })?;
    let words = word_count(&rest);
    // Names are capitalised and few; a sentence starting with "By" is not a byline.
    let first_upper = rest.chars().next().is_some_and(char::is_uppercase);
    if words == 0 || words > 14 || !first_upper || rest.ends_with('.') && words > 6 {
        return None;
    }
    // Strip trailing date/"Updated" parts: "Jane Doe, Reuters | Updated 5 May 2020".
    let name = rest
        .split(['|', '•', '·'])
        .next()
        .unwrap_or(&rest)
        .trim()
        .trim_end_matches([',', '-', '–'])
        .trim()
        .to_string();
    Some(name)
}

const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    // pt, es, fr, de, it
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "enero",
    "febrero",
    "marzo",
    "mayo",
    "junio",
    "julio",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
];
const DATE_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "am",
    "pm",
    "a",
    "p",
    "m",
    "et",
    "est",
    "edt",
    "pt",
    "pst",
    "pdt",
    "ct",
    "cst",
    "cdt",
    "gmt",
    "bst",
    "utc",
    "cet",
    "cest",
    "ist",
    "jst",
    "kst",
    "hkt",
    "aest",
    "aedt",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
    "ago",
    "hours",
    "hour",
    "minutes",
    "minute",
    "mins",
    "days",
    "day",
    "yesterday",
    "today",
    "th",
    "st",
    "nd",
    "rd",
    "of",
    "and",
    "time",
    "date",
    "read",
    "min",
    // pt, es, fr, de, it
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
    "feira",
    "sábado",
    "domingo",
    "de",
    "às",
    "as",
    "publicado",
    "atualizado",
    "em",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "el",
    "a",
    "las",
    "actualizado",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "le",
    "à",
    "publié",
    "mis",
    "jour",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "um",
    "uhr",
    "am",
    "veröffentlicht",
    "aktualisiert",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "alle",
    "il",
];

/// A short line that is only a date and time ("Updated 10:07 PM ET, Mon November 18, 2019").
fn is_dateline(text: &str) -> bool {
    if text.chars().count() > 100 {
        return false;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    let numbers = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    let months = words.iter().filter(|w| MONTHS.contains(w)).count();
    let datey = words
        .iter()
        .filter(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || MONTHS.contains(w)
                || DATE_WORDS.contains(w)
                // 19th, 3rd, 10am
                || (w.chars().next().is_some_and(|c| c.is_ascii_digit())
                    && ["th", "st", "nd", "rd", "am", "pm", "h"].iter().any(|s| w.ends_with(s)))
        })
        .count();
    numbers >= 1
        && (months >= 1 || numbers >= 3)
        && datey * 10 >= words.len() * 8
        // Three numbers are a date only when they make one (not table header years, not a
        // phone number).
        && (months >= 1 || normalise_date(text, "").is_some())
}

/// Words of a photo gallery's controls and labels ("View all (23)", "23 photos", "Image 1 of
/// 12", "Open gallery").
const GALLERY_WORDS: &[&str] = &[
    "view",
    "see",
    "show",
    "all",
    "open",
    "launch",
    "expand",
    "more",
    "the",
    "gallery",
    "galleries",
    "photo",
    "photos",
    "image",
    "images",
    "picture",
    "pictures",
    "slide",
    "slides",
    "slideshow",
    "of",
    "fullscreen",
    "full",
    "screen",
    "enlarge",
    "next",
    "previous",
    "prev",
    "close",
    "thumbnails",
    "video",
    "videos",
];

/// A short paragraph made only of gallery words and numbers, with at least one word that names
/// the gallery or its control: "View all (23)", "Image 1 of 12", "23 photos".
fn is_gallery_label(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &&str| w.chars().all(|c| c.is_ascii_digit());
    !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|w| number(w) || GALLERY_WORDS.contains(w))
        && words.iter().any(|w| {
            matches!(
                *w,
                "view"
                    | "gallery"
                    | "galleries"
                    | "photos"
                    | "images"
                    | "pictures"
                    | "slides"
                    | "slideshow"
                    | "thumbnails"
                    | "fullscreen"
                    | "enlarge"
            ) || (*w == "of" && words.iter().filter(|w| number(w)).count() == 2)
        })
}

/// Is this paragraph running prose: a sentence of four words or more (it ends as sentences
/// end), or twelve words or more? Furniture is never recognised by its wording in such a
/// paragraph, only by structure (where it is, its links, its container, its repetition).
fn is_running_prose(text: &str) -> bool {
    let t = text.trim();
    let words = plain_words(t);
    let core = t.trim_end_matches(['”', '"', '»', '’', '\'', ')', ']', ' ']);
    let ends = core.ends_with(['.', '!', '?', '…', '。', '！', '？']);
    // Scripts without spaces between words: count characters instead.
    let cjk = t.chars().filter(|c| is_cjk(*c)).count();
    (ends && (words >= 4 || cjk >= 8)) || words >= 12 || cjk >= 24
}

/// Words of a text outside web addresses ("Listen: http://po.st/x" has one).
fn plain_words(t: &str) -> usize {
    t.split_whitespace()
        .filter(|w| !w.contains("http") && !w.contains("www.") && !w.contains(".com"))
        .map(word_count)
        .sum()
}

/// Han, kana and hangul: letters of scripts that write few spaces (or none).
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af)
}

/// Labels that stand alone between paragraphs: advertisement markers and "continue reading"
/// prompts (the whole paragraph is the label, whatever its case and punctuation).
const LABELS: &[&str] = &[
    "advertisement",
    "advertising",
    "ad",
    "sponsored",
    "sponsored content",
    "paid content",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "article continues below advertisement",
    "continue reading",
    "continue reading below",
    "continue reading the main story",
    "scroll to continue",
    "scroll to continue with content",
    "skip ad",
    "skip advertisement",
    "anzeige",
    "werbung",
    "publicidad",
    "publicité",
    "pubblicità",
    "reklama",
    "publicidade",
];

/// Words of a photo credit's source.
const CREDIT_WORDS: &[&str] = &[
    "getty images",
    "ap photo",
    "afp photo",
    "afp via getty",
    "shutterstock",
    "istock",
    "reuters",
    "epa",
    "photo",
    "image",
    "credit",
    "foto",
];

/// A short paragraph of page furniture that readability keeps: a label, a credit, a teaser
/// link, a notice. Only paragraphs that are not running prose ([`is_running_prose`]) are judged
/// by their words; a paragraph of prose is furniture only by its structure (mostly a link, a
/// © notice).
fn is_boilerplate_line(b: &Block) -> bool {
    let t = clean_ws(&b.text);
    let lower = t.to_lowercase();
    let words = word_count(&t);
    let k = key(&t);
    let links_most = words > 0 && b.link_words * 10 >= words * 7;
    let lead = lower.trim_start_matches(['(', '[', ' ']);
    let starts = |needles: &[&str]| needles.iter().any(|n| lead.starts_with(n));

    // Structure first: a short line that is mostly a link (a teaser for another story, "Sign up
    // for our newsletter" as a link), a list item that is all link, a © notice.
    if links_most && plain_words(&t) <= 15 && !b.heading && (is_teaser(lead) || is_pitch(&lower)) {
        return true;
    }
    if b.list_item && words <= 20 && b.link_words * 10 >= words * 9 {
        return true;
    }
    if (lower.starts_with('©') || lower.starts_with("copyright ©") || lower.starts_with("(c) "))
        && words <= 40
    {
        return true;
    }
    // A caption's credit at the end: "… on Sunday. (Photo: Ann Lee/Getty Images)".
    if let Some(open) = t.rfind('(')
        && t.ends_with(')')
        && words <= 60
    {
        let credit = t[open..].to_lowercase();
        if word_count(&credit) <= 8
            && (credit.starts_with("(photo")
                || credit.starts_with("(image")
                || credit.starts_with("(credit")
                || credit.contains("getty images")
                || credit.contains("ap photo")
                || credit.contains("afp"))
        {
            return true;
        }
    }
    // Credit lines after the text: "(Reporting by Jane Roe; Editing by John Doe)" — names only,
    // never a sentence.
    if is_credit_line(&t) {
        return true;
    }
    if is_running_prose(&t) {
        return false;
    }
    // Labels: not prose, so their wording says what they are.
    if LABELS.contains(&k.as_str()) || LIST_HEADINGS.contains(&k.as_str()) {
        return true;
    }
    // Photo credits: "Photo: Ann Lee / Bugle", "(AP Photo/Evan Vucci)", "Getty Images".
    if words <= 10
        && (starts(&[
            "photo:",
            "photo by",
            "photos:",
            "photograph:",
            "image:",
            "credit:",
            "picture:",
            "foto:",
            "source: getty",
        ]) || CREDIT_WORDS[..6].iter().any(|c| lower.contains(c)))
    {
        return true;
    }
    // Pitches and notices that are not sentences: "Sign up for our newsletter", "Follow us on
    // Twitter", "Privacy policy"; "Tags: …" and other list names.
    if (words <= 10 && is_pitch(&lower)) || is_list_heading(&lower) {
        return true;
    }
    // Share buttons and their labels.
    const SHARE: &[&str] = &[
        "share",
        "shares",
        "tweet",
        "facebook",
        "twitter",
        "email",
        "print",
        "linkedin",
        "whatsapp",
        "pinterest",
        "reddit",
        "copy",
        "link",
        "comments",
        "comment",
        "save",
        "this",
        "article",
        "on",
        "via",
        "messenger",
        "flipboard",
        "x",
    ];
    if words > 0
        && words <= 8
        && k.split(' ')
            .all(|w| SHARE.contains(&w) || w.chars().all(|c| c.is_ascii_digit()))
        && k.split(' ').any(|w| {
            matches!(
                w,
                "share"
                    | "tweet"
                    | "facebook"
                    | "twitter"
                    | "email"
                    | "print"
                    | "linkedin"
                    | "whatsapp"
            )
        })
    {
        return true;
    }
    // "READ MORE: another story" whose link is gone: a teaser prefix and a headline.
    if words <= 15 && is_teaser(lead) {
        return true;
    }
    false
}

/// Does a line (lower case) begin as a teaser for another story ("Read more: …", "Related: …")?
fn is_teaser(lead: &str) -> bool {
    [
        "read more",
        "read also",
        "also read",
        "related:",
        "related story",
        "related article",
        "recommended:",
        "see also",
        "more:",
        "watch:",
        "listen:",
        "click here",
    ]
    .iter()
    .any(|n| lead.starts_with(n))
}

/// Does a line (lower case) pitch a newsletter, a subscription or an app, or name a notice?
fn is_pitch(lower: &str) -> bool {
    [
        "newsletter",
        "subscribe",
        "sign up",
        "signup",
        "in your inbox",
        "follow us",
        "download our app",
        "get the app",
        "become a member",
        "all rights reserved",
        "cookie",
        "privacy policy",
        "terms of use",
        "terms of service",
    ]
    .iter()
    .any(|n| lower.contains(n))
}

/// "Reporting by Jane Roe in London; Editing by John Doe", "Additional reporting by Ann Lee":
/// the credit words, then names (capitalised words, "and", "in", places) only.
fn is_credit_line(t: &str) -> bool {
    let t = t
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']', '.']);
    let lower = t.to_lowercase();
    let Some(prefix) = [
        "additional reporting by",
        "reporting by",
        "editing by",
        "writing by",
        "compiled by",
    ]
    .iter()
    .find(|p| lower.starts_with(*p)) else {
        return false;
    };
    t[prefix.len()..]
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    w,
                    "and"
                        | "in"
                        | "by"
                        | "with"
                        | "editing"
                        | "writing"
                        | "reporting"
                        | "additional"
                        | "of"
                        | "de"
                        | "van"
                        | "von"
                )
        })
}

#[cfg(test)]
mod tests;
