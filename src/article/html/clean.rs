//! Clean-up of the DOM before the article is chosen: elements that are never text, blocks
//! named as furniture, lists of other stories under their headings, pitch boxes, image
//! captions, teasers for other articles.

use super::*;
use dom_query::{Document, NodeRef};

/// Elements that are never article text.
pub(super) const NEVER_TEXT: &str = "script, style, noscript, template, iframe, object, embed, svg, canvas, \
    form, button, input, select, textarea, nav, aside, footer, figure, figcaption, picture, \
    video, audio, dialog, rt, rp, [hidden], [aria-hidden=true], [role=navigation], \
    [role=complementary], [role=contentinfo], [role=dialog]";

/// Words in class and id names that mark a block as page furniture. Matched against the
/// class/id split into words (`related-posts` → `related`, `posts`).
pub(super) const FURNITURE: &[&str] = &[
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
pub(super) const FURNITURE_PAIRS: &[(&str, &str)] = &[
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
pub(super) const BODY_WORDS: &[&str] = &[
    "article", "content", "entry", "story", "body", "main", "post", "text",
];

/// Headings that introduce lists of other stories.
pub(super) const LIST_HEADINGS: &[&str] = &[
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

/// Stems that mark furniture even inside a longer class word (`relatedpoststitle`).
pub(super) const FURNITURE_STEMS: &[&str] = &[
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

pub(super) fn is_furniture(words: &[String]) -> bool {
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

pub(super) fn is_body_named(words: &[String]) -> bool {
    words.iter().any(|w| BODY_WORDS.contains(&w.as_str()))
        && !words.iter().any(|w| {
            matches!(
                w.as_str(),
                "related" | "share" | "social" | "newsletter" | "comments" | "promo" | "trending"
            )
        })
}

/// Words inside links under `node`.
pub(super) fn link_words(node: &NodeRef) -> usize {
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
pub(super) fn keep_main_article(doc: &Document, title: &str) {
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
pub(super) fn remove_boilerplate(doc: &Document, title: &str) {
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
pub(super) fn remove_pitch_boxes(doc: &Document) {
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
pub(super) fn remove_image_captions(doc: &Document) {
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
pub(super) fn caption_after<'a>(img: &NodeRef<'a>) -> Option<NodeRef<'a>> {
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
pub(super) fn is_italic_caption(node: &NodeRef) -> bool {
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

pub(super) fn is_list_heading(text: &str) -> bool {
    let t = text.trim_end_matches([':', '.', '…', '!', ' ', '»', '›', '>']);
    LIST_HEADINGS.iter().any(|h| {
        t == *h
            || (t.starts_with(h)
                && t[h.len()..].starts_with([' ', ':'])
                && word_count(t) <= word_count(h) + 4)
    })
}
