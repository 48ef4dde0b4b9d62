//! Markdown: the readable text (headings, paragraphs, list items), not the markup.
//!
//! Each heading, paragraph, list item, quote and code block is one block; links keep their
//! text (not the URL), images and raw HTML are left out, a table row is its cells joined by
//! " | ", and a YAML front-matter block is skipped.

use super::Extracted;
use crate::text::normalize;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub fn extract(raw: &str) -> Extracted {
    let raw = normalize(raw);
    let mut blocks: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut title = String::new();
    let mut in_h1 = false;
    // Inside an image: its alt text is not article text.
    let mut in_image = 0usize;
    let mut cells = 0usize;
    let flush = |cur: &mut String, blocks: &mut Vec<String>| {
        let t = cur.trim();
        if !t.is_empty() {
            blocks.push(t.to_string());
        }
        cur.clear();
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut in_meta = false;
    for ev in Parser::new_ext(&raw, options) {
        match ev {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            _ if in_meta => {}
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Start(Tag::TableRow | Tag::TableHead) => {
                flush(&mut cur, &mut blocks);
                cells = 0;
            }
            Event::Start(Tag::TableCell) => {
                if cells > 0 {
                    cur.push_str(" | ");
                }
                cells += 1;
            }
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => flush(&mut cur, &mut blocks),
            Event::Start(Tag::FootnoteDefinition(_)) => flush(&mut cur, &mut blocks),
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
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
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
