//! Metadata: JSON-LD, meta tags, the byline in the page, the site's name (dates are in
//! [`super::dates`]).

use super::*;
use dom_query::{Document, NodeRef};
use serde_json::Value;

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
pub(super) const PUBLISHED_META: &[&str] = &[
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
pub(super) const NOT_SITE_NAMES: &[&str] = &[
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
pub(super) fn site_name(meta: &Meta, readability: Option<&str>) -> Option<String> {
    meta.site
        .as_deref()
        .or(readability)
        .map(clean_ws)
        .filter(|s| is_site_name(s))
}

/// The byline as the page shows it, from an element marked as the author's (`rel=author`,
/// `itemprop=author`, or a class or id naming a byline or author): its pieces (name, agency)
/// kept apart by a space even when the markup puts them side by side.
pub(super) fn byline_in_dom(doc: &Document) -> Option<String> {
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
pub(super) fn in_comments_or_form(node: &NodeRef) -> bool {
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
pub(super) fn unglue(s: &str) -> String {
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
pub(super) fn meta_content(doc: &Document, names: &[&str]) -> Option<String> {
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
pub(super) fn meta_contents(doc: &Document, names: &[&str]) -> Vec<String> {
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

pub(super) fn flatten_ld(v: &Value, out: &mut Vec<Value>, depth: usize) {
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

pub(super) fn types_of(o: &Value) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

pub(super) fn str_of(v: Option<&Value>) -> Option<String> {
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
pub(super) fn names_of(v: Option<&Value>) -> Option<String> {
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

/// Words that introduce a byline ("By", "Posted by", "Veröffentlicht von", "Post author" — a
/// screen-reader label WordPress themes put before "By"), in any case.
pub(super) const BYLINE_PREFIXES: &[&str] = &[
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
pub(super) const LOWER_PREFIXES: &[&str] = &["von", "par", "por", "di", "da", "door", "av", "oleh"];

/// "By Jane Doe | Reuters" → "Jane Doe | Reuters", "Post author By Jane Wright" → "Jane
/// Wright", "Veröffentlicht von Max Mustermann" → "Max Mustermann": a byline without the
/// words that introduce it.
pub(super) fn clean_byline(s: &str) -> String {
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
pub(super) fn is_form_label(s: &str) -> bool {
    let lower = clean_ws(s).to_lowercase();
    let bare = lower.trim_end_matches(['*', ':', ' ']).trim();
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
