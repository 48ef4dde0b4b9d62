//! The HTML report: one self-contained file (no scripts, no external files) that opens in any
//! browser and prints well. Per document: its details, the article with every claim
//! highlighted in its label's colour (hovering shows the claim's label, source, intermediary,
//! cue, mode and status; the source's mention is underlined and the cue dotted), and a table of
//! its claims; at the end, a summary of the sources.
//!
//! Every piece of text from the project is escaped, in element content and in attributes, so an
//! article that contains `<script>` shows it as text.

use super::Selection;
use crate::model::{Claim, Project, Span};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escape text for HTML element content and quoted attribute values (`& < > " '`). Written
/// here: five replacements, the same for both places, need no crate.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escape for an attribute value, keeping line breaks as line breaks in tooltips.
fn attr(s: &str) -> String {
    escape(s).replace('\n', "&#10;")
}

const CSS: &str = r#"
:root { color-scheme: light; }
body { font: 16px/1.55 Georgia, "Noto Serif", "DejaVu Serif", serif; color: #222; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1, h2, h3, th, .meta, .legend, table { font-family: system-ui, "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; margin-top: 2.5rem; border-top: 2px solid #ccc; padding-top: 1rem; }
.meta { color: #555; font-size: .9rem; }
.legend span { display: inline-block; padding: 0 .4rem; margin-right: .4rem; border-radius: 3px; }
.article { white-space: pre-wrap; overflow-wrap: anywhere; background: #fcfcfa; border: 1px solid #e4e4e0; padding: 1rem 1.2rem; border-radius: 4px; }
.hl { border-radius: 2px; }
.hl.multi { box-shadow: inset 0 -2px 0 rgba(0,0,0,.45); }
.m { text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 3px; }
.q { text-decoration: underline dotted; text-decoration-thickness: 2px; text-underline-offset: 3px; font-style: italic; }
.n { font: bold .65rem system-ui, sans-serif; vertical-align: super; color: #333; text-decoration: none; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin-top: 1rem; }
th, td { border: 1px solid #ddd; padding: .3rem .45rem; vertical-align: top; text-align: left; }
th { background: #f2f2ee; }
td.quote { font-family: Georgia, "Noto Serif", serif; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; vertical-align: middle; margin-right: .3rem; }
.status-supported { color: #1b6e20; } .status-disputed { color: #a35c00; } .status-false { color: #b00020; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  .doc { break-before: page; }
  .doc:first-of-type { break-before: auto; }
  .article { border: none; padding: 0; background: none; }
  .hl, .swatch, .legend span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

fn rgba((r, g, b): (u8, u8, u8), a: f32) -> String {
    format!("rgba({r},{g},{b},{a})")
}

fn label_color(p: &Project, c: &Claim) -> (u8, u8, u8) {
    p.label(&c.label)
        .map(|l| l.color)
        .unwrap_or(crate::model::color_for(&c.label))
}

fn quotes(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| s.exact.as_str())
        .collect::<Vec<_>>()
        .join(" … ")
}

/// The names of a claim's sources joined by "; " (`None` when it has none).
fn sources_names(p: &Project, ids: &[String]) -> Option<String> {
    (!ids.is_empty()).then(|| p.source_names(ids).join("; "))
}

fn source_name(p: &Project, id: Option<&str>) -> Option<String> {
    id.map(|id| {
        p.source(id)
            .map(|s| s.name.clone())
            .unwrap_or(id.to_string())
    })
}

/// The hover text of one claim.
fn hover(p: &Project, n: usize, c: &Claim) -> String {
    let label = p
        .label(&c.label)
        .map(|l| l.name.as_str())
        .unwrap_or(&c.label);
    let mut s = format!("#{n} {label}");
    match &c.attribution {
        Some(a) => {
            let src = sources_names(p, &a.sources).unwrap_or("(source not set)".into());
            let key = if a.sources.len() > 1 {
                "sources"
            } else {
                "source"
            };
            let _ = write!(s, "\n{key}: {src}");
            if let Some(v) = source_name(p, a.via.as_deref()) {
                let _ = write!(s, " (via {v})");
            }
            if !a.cue.is_empty() {
                let _ = write!(s, "\ncue: “{}”", quotes(&a.cue));
            }
            let _ = write!(s, "\nmode: {}", a.mode.as_str());
        }
        None => s.push_str("\nno attribution"),
    }
    let _ = write!(s, "\nstatus: {}", c.status.as_str());
    s
}

/// The article with highlights: the text cut at every span boundary, each piece wrapped in
/// the claims that cover it.
fn article(p: &Project, text: &str, claims: &[(usize, &Claim)]) -> String {
    let len = text.chars().count();
    let clamp = |s: &Span| (s.start.min(len), s.end.min(len));
    let mut cuts = vec![0, len];
    for (_, c) in claims {
        for s in c.spans() {
            let (a, b) = clamp(s);
            cuts.push(a);
            cuts.push(b);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    // The first char of each claim gets its number.
    let mut starts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (n, c) in claims {
        if let Some(first) = c.content.iter().find(|s| !s.is_empty()) {
            starts.entry(first.start.min(len)).or_default().push(*n);
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if let Some(ns) = starts.get(&a) {
            for n in ns {
                let _ = write!(
                    out,
                    "<a class=\"n\" id=\"claim-{n}\" href=\"#row-{n}\">{n}</a>"
                );
            }
        }
        if a == b {
            continue;
        }
        let piece: String = chars[a..b].iter().collect();
        let inside = |s: &Span| {
            let (x, y) = clamp(s);
            x <= a && b <= y && x < y
        };
        let covering: Vec<&(usize, &Claim)> = claims
            .iter()
            .filter(|(_, c)| c.content.iter().any(inside))
            .collect();
        let mention = claims.iter().any(|(_, c)| {
            c.attribution
                .as_ref()
                .is_some_and(|at| at.mention.iter().any(inside))
        });
        let cue = claims.iter().any(|(_, c)| {
            c.attribution
                .as_ref()
                .is_some_and(|at| at.cue.iter().any(inside))
        });
        let mut classes = Vec::new();
        if mention {
            classes.push("m");
        }
        if cue {
            classes.push("q");
        }
        if covering.is_empty() {
            if classes.is_empty() {
                out.push_str(&escape(&piece));
            } else {
                let _ = write!(
                    out,
                    "<span class=\"{}\">{}</span>",
                    classes.join(" "),
                    escape(&piece)
                );
            }
            continue;
        }
        // The innermost claim (latest start, then shortest) gives the colour.
        let inner = covering
            .iter()
            .max_by_key(|(_, c)| (c.start(), std::cmp::Reverse(c.end())))
            .map(|(_, c)| *c);
        let color = inner.map(|c| label_color(p, c)).unwrap_or((200, 200, 200));
        classes.insert(0, "hl");
        if covering.len() > 1 {
            classes.push("multi");
        }
        let title: Vec<String> = covering.iter().map(|(n, c)| hover(p, *n, c)).collect();
        let _ = write!(
            out,
            "<span class=\"{}\" style=\"background:{}\" title=\"{}\">{}</span>",
            classes.join(" "),
            rgba(color, 0.45),
            attr(&title.join("\n\n")),
            escape(&piece)
        );
    }
    out
}

fn claims_table(p: &Project, claims: &[(usize, &Claim)]) -> String {
    let mut o = String::from(
        "<table class=\"claims\">\n<thead><tr><th>#</th><th>Claim</th><th>Label</th>\
         <th>Source</th><th>Mention</th><th>Cue</th><th>Via</th><th>Within</th><th>Mode</th>\
         <th>Status</th><th>Note</th></tr></thead>\n<tbody>\n",
    );
    let number: BTreeMap<&str, usize> = claims.iter().map(|(n, c)| (c.id.as_str(), *n)).collect();
    for (n, c) in claims {
        let a = c.attribution.as_ref();
        let label = p.label(&c.label);
        let within = a
            .and_then(|a| a.within.as_deref())
            .map(|w| match number.get(w) {
                Some(k) => format!("<a href=\"#row-{k}\">#{k}</a>"),
                None => escape(w),
            });
        let _ = writeln!(
            o,
            "<tr id=\"row-{n}\"><td><a href=\"#claim-{n}\">{n}</a></td><td class=\"quote\">{}</td>\
             <td><span class=\"swatch\" style=\"background:{}\"></span>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"status-{}\">{}</td><td>{}</td></tr>",
            escape(&c.quote()),
            rgba(label_color(p, c), 0.8),
            escape(label.map(|l| l.name.as_str()).unwrap_or(&c.label)),
            escape(&sources_names(p, c.sources()).unwrap_or_default()),
            escape(&a.map(|a| quotes(&a.mention)).unwrap_or_default()),
            escape(&a.map(|a| quotes(&a.cue)).unwrap_or_default()),
            escape(&source_name(p, a.and_then(|a| a.via.as_deref())).unwrap_or_default()),
            within.unwrap_or_default(),
            a.map(|a| a.mode.as_str()).unwrap_or(""),
            c.status.as_str(),
            c.status.as_str(),
            escape(&c.note).replace('\n', "<br>"),
        );
    }
    o.push_str("</tbody></table>\n");
    o
}

fn sources_table(sel: &Selection) -> String {
    let p = sel.project;
    // Source id → (as source, as via, documents).
    let mut uses: BTreeMap<&str, (usize, usize, std::collections::BTreeSet<&str>)> =
        BTreeMap::new();
    for c in &sel.claims {
        if let Some(a) = &c.attribution {
            // A joint claim counts once for each of its sources.
            for s in &a.sources {
                let e = uses.entry(s.as_str()).or_default();
                e.0 += 1;
                e.2.insert(c.document.as_str());
            }
            if let Some(v) = a.via.as_deref() {
                let e = uses.entry(v).or_default();
                e.1 += 1;
                e.2.insert(c.document.as_str());
            }
        }
    }
    let unattributed = sel.claims.iter().filter(|c| c.sources().is_empty()).count();
    let mut rows: Vec<_> = uses.into_iter().collect();
    rows.sort_by(|a, b| (b.1.0 + b.1.1).cmp(&(a.1.0 + a.1.1)).then(a.0.cmp(b.0)));
    let mut o = String::from(
        "<h2 id=\"sources\">Sources</h2>\n<table class=\"sources\">\n<thead><tr><th>Source</th>\
         <th>Kind</th><th>Also called</th><th>Claims</th><th>Relayed (via)</th>\
         <th>Documents</th></tr></thead>\n<tbody>\n",
    );
    for (id, (n, v, docs)) in rows {
        let s = p.source(id);
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{n}</td><td>{v}</td><td>{}</td></tr>",
            escape(s.map(|s| s.name.as_str()).unwrap_or(id)),
            s.map(|s| s.kind.as_str()).unwrap_or(""),
            escape(&s.map(|s| s.aliases.join(", ")).unwrap_or_default()),
            docs.len()
        );
    }
    let _ = writeln!(
        o,
        "<tr><td><em>no source</em></td><td></td><td></td><td>{unattributed}</td><td></td>\
         <td></td></tr>"
    );
    o.push_str("</tbody></table>\n");
    o
}

/// The whole report.
pub fn to_string(sel: &Selection) -> String {
    let p = sel.project;
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Claimtrace {}\">\n<title>{} — claims</title>\n\
         <style>{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&p.name)
    );
    let _ = writeln!(
        o,
        "<header><h1>{}</h1><p class=\"meta\">{} · annotator {} · report of {}</p>",
        escape(&p.name),
        escape(&sel.summary()),
        escape(&p.annotator.name),
        crate::model::now().strftime("%Y-%m-%d %H:%M UTC")
    );
    o.push_str("<p class=\"legend\">");
    for l in &p.labels {
        if sel.claims.iter().any(|c| c.label == l.id) {
            let _ = write!(
                o,
                "<span style=\"background:{}\">{}</span>",
                rgba(l.color, 0.45),
                escape(&l.name)
            );
        }
    }
    o.push_str(
        "<span class=\"m\">mention</span><span class=\"q\">cue</span> · hover a highlight for \
         its source, cue and status · <a href=\"#sources\">sources</a></p></header>\n",
    );
    let mut n = 0;
    for d in &sel.documents {
        // Numbered in text order (where each claim starts, then ends), not creation order.
        let mut in_text: Vec<&Claim> = sel.claims_of(&d.id).collect();
        in_text.sort_by_key(|c| (c.start(), c.end(), c.id.as_str()));
        let claims: Vec<(usize, &Claim)> = in_text
            .into_iter()
            .map(|c| {
                n += 1;
                (n, c)
            })
            .collect();
        let _ = writeln!(o, "<section class=\"doc\">\n<h2>{}</h2>", escape(&d.title));
        let mut meta = Vec::new();
        let or = &d.origin;
        for v in [&or.outlet, &or.author, &or.published]
            .into_iter()
            .flatten()
        {
            meta.push(escape(v));
        }
        if let Some(u) = &or.url {
            meta.push(format!("<a href=\"{}\">{}</a>", attr(u), escape(u)));
        } else if let Some(f) = &or.file {
            meta.push(escape(f));
        }
        meta.push(format!(
            "{} {}",
            claims.len(),
            if claims.len() == 1 { "claim" } else { "claims" }
        ));
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", meta.join(" · "));
        let _ = writeln!(
            o,
            "<div class=\"article\">{}</div>",
            article(p, &d.text, &claims)
        );
        if !claims.is_empty() {
            o.push_str(&claims_table(p, &claims));
        }
        o.push_str("</section>\n");
    }
    o.push_str(&sources_table(sel));
    o.push_str("</body>\n</html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Filter;
    use crate::model::{Annotator, Attribution, Document, Origin, Source, SourceKind};
    use crate::text::make_span;

    fn hostile() -> Project {
        let mut p = Project::new("<b>Bold</b> & \"quoted\"", Annotator::named("Ana"));
        let text = "Officials said <script>alert(1)</script> was \"fine\" & <img src=x onerror=y>.";
        let origin = Origin {
            url: Some("https://example.org/?a=1&b=\"2\"".into()),
            imported: "2026-01-01T00:00:00Z".parse().unwrap(),
            extractor: "txt".into(),
            ..Default::default()
        };
        let d = Document::new("<title> & co", text.into(), origin);
        p.sources.push(Source {
            id: "o".into(),
            name: "Officials <i>".into(),
            kind: SourceKind::Government,
            aliases: vec![],
            note: String::new(),
        });
        let t = "2026-01-02T00:00:00Z".parse().unwrap();
        p.claims.push(Claim {
            id: "c1".into(),
            document: d.id.clone(),
            label: "claim".into(),
            content: vec![make_span(text, 15, 51)],
            attribution: Some(Attribution {
                sources: vec!["o".into()],
                mention: vec![make_span(text, 0, 9)],
                cue: vec![make_span(text, 10, 14)],
                ..Default::default()
            }),
            status: Default::default(),
            note: "<script>bad()</script>\nline two".into(),
            tags: vec![],
            author: "ana".into(),
            created: t,
            modified: t,
            anchor: Default::default(),
            agreed_by: Vec::new(),
            unresolved: None,
            reviews: Vec::new(),
            origin: Default::default(),
            brat: None,
        });
        p.documents.push(d);
        p
    }

    #[test]
    fn every_text_is_escaped_and_nothing_runs() {
        let p = hostile();
        let html = to_string(&Filter::default().select(&p));
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "a script tag got through");
        assert!(!lower.contains("<img"), "an img tag got through");
        assert!(!lower.contains("<i>") && !lower.contains("<b>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;"));
        assert!(html.contains("href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\""));
        // The hover title names the source, cue and status, escaped inside the attribute.
        assert!(
            html.contains("source: Officials &lt;i&gt;&#10;cue: “said”&#10;mode: indirect&#10;status: unverified"),
            "{html}"
        );
        // The text of the article survives whole once the markup is taken away.
        let start = html.find("<div class=\"article\">").unwrap();
        let end = html[start..].find("</div>").unwrap() + start;
        let mut inner = html[start + 21..end].to_string();
        // Drop the claim number markers.
        while let Some(i) = inner.find("<a class=\"n\"") {
            let j = inner[i..].find("</a>").unwrap() + i + 4;
            inner.replace_range(i..j, "");
        }
        let mut plain = String::new();
        let mut in_tag = false;
        for ch in inner.chars() {
            match ch {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        let plain = plain
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        assert_eq!(plain, p.documents[0].text);
    }

    #[test]
    fn highlights_carry_the_label_colour_and_overlaps_are_marked() {
        let mut p = hostile();
        let text = p.documents[0].text.clone();
        let mut inner = p.claims[0].clone();
        inner.id = "c2".into();
        inner.label = "opinion".into();
        inner.content = vec![make_span(&text, 20, 30)];
        p.claims.push(inner);
        let html = to_string(&Filter::default().select(&p));
        let (r, g, b) = p.label("claim").unwrap().color;
        assert!(html.contains(&format!("background:rgba({r},{g},{b},0.45)")));
        let (r, g, b) = p.label("opinion").unwrap().color;
        assert!(html.contains(&format!(
            "class=\"hl multi\" style=\"background:rgba({r},{g},{b},0.45)\""
        )));
        assert!(html.contains("id=\"row-2\"") && html.contains("href=\"#claim-2\""));
        assert!(html.contains("@media print"));
    }

    #[test]
    fn a_joint_claim_names_every_source_and_counts_for_each() {
        let mut p = hostile();
        p.sources.push(Source {
            id: "m".into(),
            name: "Ministers".into(),
            kind: SourceKind::Government,
            aliases: vec![],
            note: String::new(),
        });
        p.claims[0].attribution.as_mut().unwrap().sources = vec!["o".into(), "m".into()];
        let html = to_string(&Filter::default().select(&p));
        assert!(
            html.contains("sources: Officials &lt;i&gt;; Ministers&#10;"),
            "{html}"
        );
        assert!(
            html.contains("<td>Officials &lt;i&gt;; Ministers</td>"),
            "{html}"
        );
        // The sources table: one claim for each, and none without a source.
        for name in ["Officials &lt;i&gt;", "Ministers"] {
            assert!(
                html.contains(&format!(
                    "<tr><td>{name}</td><td>government</td><td></td><td>1</td>"
                )),
                "{name}: {html}"
            );
        }
        assert!(html.contains("<em>no source</em></td><td></td><td></td><td>0</td>"));
    }

    #[test]
    fn claims_are_numbered_in_text_order_not_creation_order() {
        let mut p = hostile();
        let text = p.documents[0].text.clone();
        // A second document whose claims were made back to front.
        let mut d2 = Document::new(
            "Second",
            "Alpha said one. Beta said two.".into(),
            Origin {
                imported: "2026-01-01T00:00:00Z".parse().unwrap(),
                extractor: "txt".into(),
                ..Default::default()
            },
        );
        d2.id = "d2".into();
        let t2 = d2.text.clone();
        // In the first document: a claim made later that starts earlier in the text.
        let mut early = p.claims[0].clone();
        early.id = "c0".into();
        early.content = vec![make_span(&text, 0, 9)];
        early.attribution = None;
        p.claims.push(early);
        for (id, a, b) in [("late", 16, 29), ("first", 0, 14)] {
            let mut c = p.claims[0].clone();
            c.id = id.into();
            c.document = d2.id.clone();
            c.content = vec![make_span(&t2, a, b)];
            c.attribution = None;
            p.claims.push(c);
        }
        p.documents.push(d2);
        let html = to_string(&Filter::default().select(&p));
        // Row n holds the quote of the n-th claim in reading order, across documents.
        let row = |n: usize| {
            let i = html.find(&format!("<tr id=\"row-{n}\">")).unwrap();
            let q = html[i..].find("class=\"quote\">").unwrap() + i + 14;
            let e = html[q..].find("</td>").unwrap() + q;
            html[q..e].to_string()
        };
        assert_eq!(row(1), escape(crate::text::slice_chars(&text, 0, 9)));
        assert_eq!(row(2), escape(crate::text::slice_chars(&text, 15, 51)));
        assert_eq!(row(3), "Alpha said one");
        assert_eq!(row(4), "Beta said two");
        // The markers in the text run 1, 2 in the first document and 3, 4 in the second.
        let markers: Vec<usize> = html
            .match_indices("<a class=\"n\" id=\"claim-")
            .map(|(i, m)| {
                let rest = &html[i + m.len()..];
                rest[..rest.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert_eq!(markers, vec![1, 2, 3, 4]);
    }
}
