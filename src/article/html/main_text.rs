//! The main text: which container holds the article (readability, and the fallbacks that
//! compete with it for short or list-like picks), the paragraphs of a DOM fragment, and whether
//! what is left is an article at all.

use super::*;
use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

/// Paragraphs of four words or more that the page repeats three times or more, in different
/// containers (a login prompt in every widget, a notice under every section): furniture, by
/// repetition. A refrain repeated within one container (a song's chorus) is the text's own.
pub(super) fn repeated_blocks(doc: &Document) -> std::collections::HashSet<String> {
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
pub(super) fn open_hidden_markup(html: &str) -> Option<String> {
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

/// Words of running prose: paragraphs that read as sentences ([`is_running_prose`]) and are
/// not mostly links, each judged on its own (an article full of inline links is prose; a list
/// of names or of links is not). Scripts without spaces count two characters a word.
pub(super) fn prose_volume(blocks: &[Block]) -> usize {
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
pub(super) fn prose_size(text: &str) -> usize {
    let cjk = text.chars().filter(|c| is_cjk(*c)).count();
    word_count(text).max(cjk / 2)
}

/// Is there an article in these paragraphs: 30 words of running prose or more
/// ([`prose_volume`]), and not an index of other pages? A page is refused only when it truly
/// has no prose.
pub(super) fn is_article(blocks: &[Block]) -> bool {
    prose_volume(blocks) >= 30 && !is_index(blocks)
}

/// Paragraphs that read like an index of other pages: several headings that are wholly a link
/// (headlines of other stories), making a third of the paragraphs or more. (Lines of links
/// alone are not enough: a list of deals or sources is an article's own.)
pub(super) fn is_index(blocks: &[Block]) -> bool {
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
pub(super) fn nothing_here(doc: &Document) -> String {
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

pub(super) const LOGIN: &str = "the page asks the reader to sign in or subscribe and shows no article text \
    (a login or paywall page)";

/// Run readability on a page with its furniture removed; returns the article, its cleaned
/// paragraphs and the byline/dateline found among them. `threshold`: readability's character
/// threshold, when not its default.
pub(super) fn readable(
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
pub(super) fn paragraph_run(doc: Document, cx: &Cx) -> (Vec<Block>, Found) {
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
pub(super) fn text_blocks(body: &str) -> Vec<Block> {
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
pub(super) fn covers(wide: &[Block], narrow: &[Block]) -> bool {
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

/// A paragraph of output text and what it was made of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Block {
    pub text: String,
    pub heading: bool,
    pub list_item: bool,
    /// Words inside links.
    pub link_words: usize,
}

pub(super) fn is_block(name: &str) -> bool {
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
pub(super) fn is_cell(name: &str) -> bool {
    matches!(name, "td" | "th")
}

#[derive(Default)]
pub(super) struct TextBuilder {
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
