//! Markdown: the readable text (headings, paragraphs, list items), not the markup.

use super::Extracted;
use crate::text::normalize;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

pub fn extract(raw: &str) -> Extracted {
    let raw = normalize(raw);
    let mut blocks: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut title = String::new();
    let mut in_h1 = false;
    let flush = |cur: &mut String, blocks: &mut Vec<String>| {
        let t = cur.trim();
        if !t.is_empty() {
            blocks.push(t.to_string());
        }
        cur.clear();
    };
    for ev in Parser::new(&raw) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut cur, &mut blocks);
                in_h1 = level == pulldown_cmark::HeadingLevel::H1 && title.is_empty();
            }
            Event::End(TagEnd::Heading(_)) => {
                if in_h1 {
                    title = cur.trim().to_string();
                    in_h1 = false;
                }
                flush(&mut cur, &mut blocks);
            }
            Event::Start(Tag::Item) => flush(&mut cur, &mut blocks),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::CodeBlock,
            ) => flush(&mut cur, &mut blocks),
            Event::Text(t) | Event::Code(t) => cur.push_str(&t),
            Event::SoftBreak => cur.push(' '),
            Event::HardBreak => cur.push('\n'),
            _ => {}
        }
    }
    flush(&mut cur, &mut blocks);
    let text = blocks.join("\n\n");
    if title.is_empty() {
        title = text
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(200)
            .collect();
    }
    Extracted {
        title,
        text,
        extractor: "md".into(),
        ..Default::default()
    }
}
