//! Web pages: the main article text and its metadata.
//!
//! The steps, in order:
//!
//! 1. **Decode**: a byte-order mark, else the page's own `<meta charset>` or `http-equiv
//!    Content-Type` declaration, else UTF-8 if the bytes are valid UTF-8, else chardetng's guess.
//! 2. **Metadata** from the untouched page: JSON-LD (`@graph` and arrays too), OpenGraph and
//!    other `<meta>` tags, `<link rel=canonical>`, `<html lang>`.
//! 3. **Boilerplate out** of the DOM before the article is chosen: scripts, forms, navigation,
//!    asides, figures and captions, hidden elements, and blocks whose class or id says what they
//!    are (share bars, newsletter pitches, "related" and "trending" lists, bylines, cookie
//!    banners…) unless they hold a large part of the page's text.
//! 4. **The article** is chosen by dom_smoothie (a port of Mozilla's readability), which scores
//!    containers by their text and link density.
//! 5. **Text**: block elements become paragraphs (separated by a blank line), headings stay
//!    paragraphs of their own; then short boilerplate paragraphs that readability keeps are
//!    dropped by their wording (bylines and datelines go to the metadata instead), and the text
//!    is NFC-normalised.
//!
//! No script runs and nothing is fetched: the page is only parsed.

use super::{ArticleError, Extracted, looks_binary};
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
    let no_article = || ArticleError::NoArticle { path: path.clone() };

    // Readability's full chain (strict cleaning first) picks the article; its raw pass (no
    // cleaning) keeps more of the same container — product boxes, short paragraphs with links —
    // which our own filters then judge. The raw text is taken when it covers the strict text.
    let (article, mut blocks, found) = readable(doc, &meta_title, None).ok_or_else(no_article)?;
    let (mut article, mut blocks, mut found) = (article, std::mem::take(&mut blocks), found);
    if let Some((raw_article, raw_blocks, raw_found)) = readable(
        Document::from(html.as_str()),
        &meta_title,
        Some(dom_smoothie::ParsePolicy::Raw),
    ) && covers(&raw_blocks, &blocks)
    {
        (article, blocks, found) = (raw_article, raw_blocks, raw_found);
    }
    let mut title = best_title(&meta_title, article.title.trim());
    if let Some(site) = meta.site.as_deref().or(article.site_name.as_deref()) {
        title = without_site(&title, site);
    }

    let words: usize = blocks.iter().map(|b| word_count(&b.text)).sum();
    let link_words: usize = blocks.iter().map(|b| b.link_words).sum();
    if words == 0 || (link_words * 2 > words && words < 400) {
        return Err(no_article());
    }
    let text = blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");

    let byline = meta
        .byline
        .or(found.byline)
        .or_else(|| article.byline.map(|b| clean_byline(&b)))
        // A CMS account name is not an author.
        .filter(|b| {
            !b.is_empty()
                && !matches!(
                    b.to_lowercase().as_str(),
                    "admin" | "administrator" | "editor" | "staff"
                )
        });
    let published = meta.published.or(article.published_time).or(found.dateline);
    let site = meta.site.or(article.site_name);
    let url = meta.url.or(article.url);
    let lang = meta.lang.or(article.lang);
    Ok(Extracted {
        title: normalize(&title),
        text: normalize(&text),
        byline: byline.map(|s| normalize(&s)),
        published,
        site: site
            .map(|s| normalize(s.trim()))
            .filter(|s| !s.is_empty() && !s.starts_with("http")),
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

/// Run readability on a page with its furniture removed; returns the article, its cleaned
/// paragraphs and the byline/dateline found among them.
fn readable(
    doc: Document,
    title: &str,
    policy: Option<dom_smoothie::ParsePolicy>,
) -> Option<(dom_smoothie::Article, Vec<Block>, Found)> {
    remove_boilerplate(&doc, title);
    let mut reader = Readability::with_document(doc, None, Some(Config::default())).ok()?;
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
    let (text, encoding) = super::decode(bytes);
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
        let site = ld
            .site
            .clone()
            .or_else(|| m(&["og:site_name", "application-name", "publisher"]));
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
        }
    }
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
            .and_then(|o| str_of(o.get("name")));
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
    Meta {
        title,
        byline,
        published,
        site,
        url,
        lang,
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
    doc.select(NEVER_TEXT).remove();
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
    )
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
    numbers >= 1 && (months >= 1 || numbers >= 3) && datey * 10 >= words.len() * 8
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
#[path = "html_tests.rs"]
mod tests;
