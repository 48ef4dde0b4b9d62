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
//!    ([`iso_date`]).
//!
//! No script runs and nothing is fetched: the page is only parsed.

use crate::article::{ArticleError, Extracted, looks_binary};
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
    let why_not = nothing_here(&doc);

    // Readability's full chain (strict cleaning first) picks the article; its raw pass (no
    // cleaning) keeps more of the same container — product boxes, short paragraphs with links —
    // which our own filters then judge. The raw text is taken when it covers the strict text.
    let mut best = readable(doc, &meta_title, None, None);
    if let Some((_, blocks, _)) = &best
        && let Some(raw) = readable(
            Document::from(html.as_str()),
            &meta_title,
            Some(dom_smoothie::ParsePolicy::Raw),
            None,
        )
        && covers(&raw.1, blocks)
    {
        best = Some(raw);
    }
    // Too little or nothing: a short article that readability's thresholds miss. Try
    // readability with a low threshold, the largest run of <p> elements under one parent and
    // the JSON-LD articleBody, and keep whichever has the most prose.
    if best.as_ref().is_none_or(|(_, b, _)| prose_words(b) < SHORT) {
        let mut candidates: Vec<(Option<dom_smoothie::Article>, Vec<Block>, Found)> = Vec::new();
        let had_primary = best.is_some();
        if let Some((a, b, f)) = best.take() {
            candidates.push((Some(a), b, f));
        }
        if let Some((a, b, f)) = readable(
            Document::from(html.as_str()),
            &meta_title,
            None,
            Some(LOW_THRESHOLD),
        ) {
            candidates.push((Some(a), b, f));
        }
        let (b, f) = paragraph_run(Document::from(html.as_str()), &meta_title);
        candidates.push((None, b, f));
        if let Some(body) = &meta.body {
            let mut b = text_blocks(body);
            let f = clean_blocks(&mut b, &meta_title);
            candidates.push((None, b, f));
        }
        // Readability's own pick (first, when there is one) wins unless another has clearly
        // more prose: a comment thread is a long run of <p> too.
        let primary = usize::from(had_primary);
        let chosen = candidates
            .into_iter()
            .enumerate()
            .filter(|(_, (_, b, _))| !is_index(b))
            .max_by_key(|(i, (_, b, _))| prose_words(b) * if *i < primary { 13 } else { 10 })
            .map(|(_, c)| c);
        return finish(chosen, meta, dom_byline, &why_not, guessed, file);
    }
    finish(
        best.map(|(a, b, f)| (Some(a), b, f)),
        meta,
        dom_byline,
        &why_not,
        guessed,
        file,
    )
}

/// Below this many words of prose, readability's pick is checked against the fallbacks.
const SHORT: usize = 150;
/// Readability's character threshold for the second try (its default is 500).
const LOW_THRESHOLD: usize = 150;

/// Words not inside links.
fn prose_words(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| word_count(&b.text).saturating_sub(b.link_words))
        .sum()
}

/// Is there an article in these paragraphs: some prose (30 words or more outside links, or 120
/// letters in scripts without spaces), not mostly links, not an index?
fn is_article(blocks: &[Block]) -> bool {
    let words: usize = blocks.iter().map(|b| word_count(&b.text)).sum();
    let links: usize = blocks.iter().map(|b| b.link_words).sum();
    // Scripts written without spaces (Chinese, Japanese) have few "words": count characters.
    let prose_chars: usize = blocks
        .iter()
        .filter(|b| b.link_words * 2 < word_count(&b.text).max(1))
        .map(|b| b.text.chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    words > 0
        && (prose_words(blocks) >= 30 || prose_chars >= 120)
        && !(links * 2 > words && words < 400)
        && !is_index(blocks)
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
    found: Option<(Option<dom_smoothie::Article>, Vec<Block>, Found)>,
    meta: Meta,
    dom_byline: Option<String>,
    why_not: &str,
    guessed: Option<&'static str>,
    file: &Path,
) -> Result<Extracted, ArticleError> {
    let no_article = || ArticleError::NoArticle {
        path: file.to_path_buf(),
        why: why_not.to_string(),
    };
    let (article, blocks, found) = found.ok_or_else(no_article)?;
    if !is_article(&blocks) {
        return Err(no_article());
    }
    let article = ReadabilityMeta::of(article);
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
        // A CMS account name is not an author.
        .filter(|b| {
            !b.is_empty()
                && !matches!(
                    b.to_lowercase().as_str(),
                    "admin" | "administrator" | "editor" | "staff"
                )
        });
    let published = meta
        .published
        .or(article.published_time)
        .or(found.dateline)
        .map(|d| iso_date(&d).unwrap_or(d));
    let url = meta.url.or(article.url);
    let lang = meta.lang.or(article.lang);
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
    /// Readability's metadata, or nothing (the fallbacks find only text).
    fn of(article: Option<dom_smoothie::Article>) -> ReadabilityMeta {
        match article {
            Some(a) => ReadabilityMeta {
                title: a.title,
                byline: a.byline,
                site_name: a.site_name,
                published_time: a.published_time,
                url: a.url,
                lang: a.lang,
            },
            None => ReadabilityMeta::default(),
        }
    }
}

/// Run readability on a page with its furniture removed; returns the article, its cleaned
/// paragraphs and the byline/dateline found among them. `threshold`: readability's character
/// threshold, when not its default.
fn readable(
    doc: Document,
    title: &str,
    policy: Option<dom_smoothie::ParsePolicy>,
    threshold: Option<usize>,
) -> Option<(dom_smoothie::Article, Vec<Block>, Found)> {
    remove_boilerplate(&doc, title);
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
    let title = best_title(title, article.title.trim());
    let found = clean_blocks(&mut blocks, &title);
    Some((article, blocks, found))
}

/// The largest run of paragraphs: the parent whose `<p>` children hold the most words outside
/// links, and its paragraph-like children (p, blockquote, headings, lists) in order.
fn paragraph_run(doc: Document, title: &str) -> (Vec<Block>, Found) {
    remove_boilerplate(&doc, title);
    let mut score: Vec<(NodeRef, usize)> = Vec::new();
    for p in doc.select("p").nodes() {
        let Some(parent) = p.parent() else { continue };
        let n = word_count(&p.text()).saturating_sub(link_words(p));
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
    let found = clean_blocks(&mut blocks, title);
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
        let published = ld.published.clone().or_else(|| {
            m(&[
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "date",
                "dc.date",
                "dc.date.issued",
                "sailthru.date",
                "parsely-pub-date",
            ])
        });
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
        let lang = doc
            .select("html")
            .attr("lang")
            .or_else(|| doc.select("html").attr("xml:lang"))
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .or_else(|| m(&["content-language", "og:locale", "language", "dc.language"]))
            .or(ld.lang.clone());
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
        if !marked || matches!(name_of(node).as_str(), "meta" | "link" | "body" | "html") {
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
        if !text.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        return Some(text);
    }
    None
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
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("//]]>")
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
    let published = str_of(obj.get("datePublished")).or_else(|| str_of(obj.get("dateCreated")));
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

/// "By Jane Doe | Reuters" → "Jane Doe | Reuters": a byline without its leading "By".
fn clean_byline(s: &str) -> String {
    let s = clean_ws(s);
    let lower = s.to_lowercase();
    for p in ["written by ", "posted by ", "words by ", "by "] {
        if lower.starts_with(p)
            && let Some(rest) = s.get(p.len()..)
        {
            return rest.trim().to_string();
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Boilerplate in the DOM

/// Elements that are never article text.
const NEVER_TEXT: &str = "script, style, noscript, template, iframe, object, embed, svg, canvas, \
    form, button, input, select, textarea, nav, aside, footer, figure, figcaption, picture, \
    video, audio, dialog, [hidden], [aria-hidden=true], [role=navigation], [role=complementary], \
    [role=contentinfo], [role=dialog]";

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
    // Inline styles that hide.
    for node in doc.select("[style]").nodes() {
        let style = node
            .attr("style")
            .map(|s| s.to_lowercase().replace(' ', ""))
            .unwrap_or_default();
        if style.contains("display:none") || style.contains("visibility:hidden") {
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
        if any_list || is_heading(&name_of(&target)) || text.ends_with(':') {
            doomed.push(target);
        }
    }
    for node in doomed {
        node.remove_from_parent();
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
            "script" | "style" | "noscript" | "template" | "head" | "button" | "select" | "svg"
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
fn clean_blocks(blocks: &mut Vec<Block>, title: &str) -> Found {
    let mut found = Found::default();
    let title_key = key(title);
    let mut out = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.drain(..).enumerate() {
        let k = key(&b.text);
        if k.is_empty() {
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

/// Month names and their numbers (en, pt, es, fr, de, it; full and short).
const MONTH_NUMBERS: &[(&str, i8)] = &[
    ("jan", 1),
    ("january", 1),
    ("feb", 2),
    ("february", 2),
    ("mar", 3),
    ("march", 3),
    ("apr", 4),
    ("april", 4),
    ("may", 5),
    ("jun", 6),
    ("june", 6),
    ("jul", 7),
    ("july", 7),
    ("aug", 8),
    ("august", 8),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
    ("oct", 10),
    ("october", 10),
    ("nov", 11),
    ("november", 11),
    ("dec", 12),
    ("december", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("abril", 4),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("agosto", 8),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
];

/// A date as written on a page → ISO 8601 ("2024-03-03"), when it is unambiguous: a month
/// named in words with a day and a four-digit year ("March 3, 2024", "3 March 2024", "Updated
/// 10:42 AM EST, Sun March 3, 2024"), a year-first numeric date ("2024-03-03", "2024/3/3"), or a
/// day/month/year whose order cannot be mistaken ("13/04/2024", "04/04/2024"). "03/04/2024"
/// (3 April or March 4?) is `None`: keep it as written. A date already in ISO form is `None`
/// too (it is kept as it is, time and all).
pub fn iso_date(text: &str) -> Option<String> {
    let t = text.trim();
    let iso_prefix = t.len() >= 10
        && t.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if iso_prefix {
        return None;
    }
    let date = |y: i64, m: i64, d: i64| -> Option<String> {
        let (y, m, d) = (
            i16::try_from(y).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(d).ok()?,
        );
        if !(1000..=2999).contains(&y) {
            return None;
        }
        jiff::civil::Date::new(y, m, d).ok().map(|d| d.to_string())
    };
    let lower = t.to_lowercase();
    // Numeric dates: runs of digits joined by one of - / .
    for piece in lower.split(|c: char| c.is_whitespace() || c == ',') {
        let parts: Vec<&str> = piece
            .trim_matches(|c: char| !c.is_ascii_digit())
            .split(['-', '/', '.'])
            .collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let n: Vec<i64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if n.len() != 3 {
            continue;
        }
        if parts[0].len() == 4 {
            return date(n[0], n[1], n[2]);
        }
        if parts[2].len() == 4 {
            let (a, b, y) = (n[0], n[1], n[2]);
            return match (a > 12, b > 12) {
                (true, false) => date(y, b, a),
                (false, true) => date(y, a, b),
                _ if a == b => date(y, a, b),
                _ => None,
            };
        }
    }
    // A month in words, the day beside it, a four-digit year.
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let day_of = |w: &str| -> Option<i64> {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        let suffix = &w[digits.len()..];
        if !(digits.len() <= 2 && matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "º")) {
            return None;
        }
        digits.parse().ok().filter(|d| (1..=31).contains(d))
    };
    let (mi, month) = words.iter().enumerate().find_map(|(i, w)| {
        MONTH_NUMBERS
            .iter()
            .find(|(name, _)| name == w)
            .map(|&(_, m)| (i, i64::from(m)))
    })?;
    let after = words.get(mi + 1).and_then(|w| day_of(w));
    let before = mi
        .checked_sub(1)
        .and_then(|i| words.get(i))
        .filter(|w| !matches!(**w, "de" | "of"))
        .and_then(|w| day_of(w))
        .or_else(|| {
            // "3 de março de 2024", "3rd of March".
            mi.checked_sub(2)
                .filter(|&i| matches!(words.get(i + 1), Some(&"de") | Some(&"of")))
                .and_then(|i| words.get(i))
                .and_then(|w| day_of(w))
        });
    let day = after.or(before)?;
    let year = words[mi..]
        .iter()
        .chain(words[..mi].iter())
        .find(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))?
        .parse()
        .ok()?;
    date(year, month, day)
}

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
    numbers >= 1 && (months >= 1 || numbers >= 3) && datey * 10 >= words.len() * 8
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

/// Short paragraphs of page furniture, recognised by their wording.
fn is_boilerplate_line(b: &Block) -> bool {
    let t = clean_ws(&b.text);
    let lower = t.to_lowercase();
    let chars = t.chars().count();
    let words = word_count(&t);
    let has = |needles: &[&str]| needles.iter().any(|n| lower.contains(n));
    let lead = lower.trim_start_matches(['(', '[', ' ']);
    let starts = |needles: &[&str]| needles.iter().any(|n| lead.starts_with(n));

    // Advertisement markers and "continue reading" prompts.
    if words <= 6
        && has(&[
            "advertisement",
            "advertising",
            "sponsored",
            "story continues",
            "continue reading",
            "article continues",
            "scroll to continue",
            "skip ad",
        ])
    {
        return true;
    }
    // Photo captions and credits.
    if chars < 300
        && (has(&[
            "getty images",
            "ap photo",
            "afp photo",
            "afp via getty",
            "shutterstock",
            "istock",
            "photo credit",
            "image credit",
            "image source",
            "photograph:",
            "(photo:",
            "(photo by",
            "(image:",
            "(credit:",
            "photo courtesy",
            "file photo",
        ]) || starts(&[
            "photo:",
            "photo by",
            "photos:",
            "image:",
            "credit:",
            "source: getty",
            "picture:",
            "pictured:",
            "foto:",
        ]))
    {
        return true;
    }
    // Newsletter and subscription pitches, follow-us prompts.
    if chars < 300
        && has(&[
            "newsletter",
            "subscribe",
            "sign up for",
            "sign up to",
            "signup",
            "in your inbox",
            "to your inbox",
            "follow us on",
            "like us on facebook",
            "download our app",
            "get the app",
            "paywall",
            "become a member",
            "share this story",
            "share this article",
            "share it with",
        ])
    {
        return true;
    }
    // Copyright, rights and cookie lines.
    if chars < 300
        && (lower.starts_with('©')
            || has(&[
                "all rights reserved",
                "copyright ©",
                "copyright (c)",
                "© 19",
                "© 20",
                "this material may not be published",
                "cookie",
                "privacy policy",
                "terms of use",
                "terms of service",
            ]))
    {
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
        && lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| SHARE.contains(&w) || w.chars().all(|c| c.is_ascii_digit()))
        && has(&[
            "share", "tweet", "facebook", "twitter", "email", "print", "linkedin", "whatsapp",
        ])
    {
        return true;
    }
    // "READ MORE: another story" and similar teasers: a short prefix and a link.
    if chars < 250
        && starts(&[
            "read more",
            "read also",
            "also read",
            "related:",
            "related article",
            "related story",
            "related stories",
            "recommended:",
            "see also",
            "more:",
            "watch:",
            "watch the video",
            "click here",
            "listen:",
        ])
    {
        return true;
    }
    // A list item that is all link: a teaser for another story.
    if b.list_item && words <= 20 && b.link_words * 10 >= words * 9 {
        return true;
    }
    // Lines naming who wrote or contributed, after the text ("Additional reporting by…").
    if chars < 300
        && starts(&[
            "additional reporting by",
            "reporting by",
            "editing by",
            "contributing:",
            "contributed to this report",
            "writing by",
        ])
    {
        return true;
    }
    // Comment-section rules.
    if chars < 300
        && has(&["comment", "coment", "kommentar"])
        && has(&[
            "moderat",
            "approv",
            "aprovad",
            "respeit",
            "respect",
            "guidelines",
            "policy",
        ])
    {
        return true;
    }
    false
}

#[cfg(test)]
mod tests;
