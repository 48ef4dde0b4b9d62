//! CSV export: one row per claim, for spreadsheets, pandas and R.
//!
//! RFC 4180 (comma separated, CRLF line ends, fields with commas, quotes or line breaks quoted,
//! quotes doubled), UTF-8 without a byte order mark, and a header row with the columns
//! [`COLUMNS`]. The cells:
//!
//! - `label`: the label's name; `text`: the claim's content, fragments joined by " … ";
//!   `start`, `end`: the first fragment's start and the last fragment's end; `fragments`: every
//!   content fragment as `start-end`, joined by `;` (`319-369;388-500`). Offsets are Unicode code
//!   points (Python `str` indices) into the document's text, half-open.
//! - `source`, `source_kind`: the registry sources' names and kinds, in the same order, joined
//!   by "; " when the claim has several (a joint attribution: `Facebook; Google`,
//!   `company; company`); `via`: the intermediary's
//!   name; `mention`, `cue`: the quoted words in the text (several fragments joined by " … ");
//!   `within`: the id of the claim this one is nested in; `mode`: direct, indirect, mixed,
//!   unattributed (empty when the claim has no attribution at all); `status`, `note`, `author`,
//!   `created`, `modified` (RFC 3339).
//!
//! A cell that a spreadsheet would run as a formula (one that begins with `=`, `+`, `-`, `@`, a
//! tab or a carriage return) gets a leading apostrophe (`'=1+1`), as OWASP advises against CSV
//! injection; the apostrophe is visible in a text editor, but a spreadsheet shows the text.

use super::Selection;
use crate::model::{Claim, Span};

/// The header row.
pub const COLUMNS: [&str; 21] = [
    "document_id",
    "document_title",
    "document_url",
    "claim_id",
    "label",
    "text",
    "start",
    "end",
    "fragments",
    "source",
    "source_kind",
    "mention",
    "cue",
    "via",
    "within",
    "mode",
    "status",
    "note",
    "author",
    "created",
    "modified",
];

/// Defuse a cell a spreadsheet would read as a formula.
pub fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn quotes(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| s.exact.as_str())
        .collect::<Vec<_>>()
        .join(" … ")
}

/// One row's cells, in [`COLUMNS`] order, before defusing.
fn row(sel: &Selection, c: &Claim) -> Vec<String> {
    let p = sel.project;
    let doc = p.document(&c.document);
    let a = c.attribution.as_ref();
    let sources: Vec<_> = c.sources().iter().filter_map(|s| p.source(s)).collect();
    let joined = |f: &dyn Fn(&crate::model::Source) -> &str| {
        sources.iter().map(|s| f(s)).collect::<Vec<_>>().join("; ")
    };
    let via = a.and_then(|a| a.via.as_deref()).and_then(|v| p.source(v));
    vec![
        c.document.clone(),
        doc.map(|d| d.title.clone()).unwrap_or_default(),
        doc.and_then(|d| d.origin.url.clone()).unwrap_or_default(),
        c.id.clone(),
        p.label(&c.label)
            .map(|l| l.name.clone())
            .unwrap_or_else(|| c.label.clone()),
        c.quote(),
        c.start().to_string(),
        c.end().to_string(),
        super::ranges(&c.content),
        joined(&|s| s.name.as_str()),
        joined(&|s| s.kind.as_str()),
        a.map(|a| quotes(&a.mention)).unwrap_or_default(),
        a.map(|a| quotes(&a.cue)).unwrap_or_default(),
        via.map(|s| s.name.clone()).unwrap_or_default(),
        a.and_then(|a| a.within.clone()).unwrap_or_default(),
        a.map(|a| a.mode.as_str().to_string()).unwrap_or_default(),
        c.status.as_str().to_string(),
        c.note.clone(),
        c.author.clone(),
        c.created.to_string(),
        c.modified.to_string(),
    ]
}

/// The CSV text of a selection.
pub fn to_string(sel: &Selection) -> std::io::Result<String> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for d in &sel.documents {
        for c in sel.claims_of(&d.id) {
            w.write_record(row(sel, c).iter().map(|cell| defuse(cell)))?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    String::from_utf8(bytes).map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Filter;

    #[test]
    fn formulas_are_defused_and_plain_text_is_not() {
        for bad in ["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(defuse(bad), format!("'{bad}"));
        }
        for fine in ["1+1", "Amnesty", "", " =x", "'quoted", "a-b"] {
            assert_eq!(defuse(fine), fine);
        }
    }

    #[test]
    fn demo_rows_parse_back_with_the_right_cells() {
        let mut p = crate::demo::demo_project().unwrap();
        // A note a spreadsheet would run, with a quote, a comma and a line break in it.
        let i = p
            .claims
            .iter()
            .position(|c| !c.sources().is_empty())
            .unwrap();
        p.claims[i].note = "=HYPERLINK(\"http://x\",\"click\"), then\nmore".into();
        let sel = Filter::default().select(&p);
        let text = to_string(&sel).unwrap();
        assert!(text.starts_with("document_id,document_title,"));
        assert!(text.contains("\r\n"));
        let mut r = ::csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, COLUMNS);
        let rows: Vec<::csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), p.claims.len());
        let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
        let c = &p.claims[i];
        let row = rows.iter().find(|r| r[col("claim_id")] == c.id).unwrap();
        assert_eq!(
            &row[col("note")],
            "'=HYPERLINK(\"http://x\",\"click\"), then\nmore"
        );
        assert_eq!(&row[col("text")], c.quote());
        assert_eq!(row[col("start")].parse::<usize>().unwrap(), c.start());
        let src = p.source(&c.sources()[0]).unwrap();
        assert_eq!(&row[col("source")], src.name);
        assert_eq!(&row[col("source_kind")], src.kind.as_str());
        // A joint claim (the demo's Facebook and Google): every source, in order, in both
        // columns, split back by "; ".
        let joint = p.claims.iter().find(|c| c.sources().len() > 1).unwrap();
        let row = rows
            .iter()
            .find(|r| r[col("claim_id")] == joint.id)
            .unwrap();
        let names: Vec<&str> = row[col("source")].split("; ").collect();
        let kinds: Vec<&str> = row[col("source_kind")].split("; ").collect();
        let want: Vec<&crate::model::Source> = joint
            .sources()
            .iter()
            .map(|s| p.source(s).unwrap())
            .collect();
        assert_eq!(
            names,
            want.iter().map(|s| s.name.as_str()).collect::<Vec<_>>()
        );
        assert_eq!(
            kinds,
            want.iter().map(|s| s.kind.as_str()).collect::<Vec<_>>()
        );
        assert!(
            names.contains(&"Facebook") && names.contains(&"Google"),
            "{names:?}"
        );
        // Every fragments cell reads back as the claim's offsets.
        for row in &rows {
            let c = p.claim(&row[col("claim_id")]).unwrap();
            let frags: Vec<(usize, usize)> = row[col("fragments")]
                .split(';')
                .map(|f| {
                    let (s, e) = f.split_once('-').unwrap();
                    (s.parse().unwrap(), e.parse().unwrap())
                })
                .collect();
            let want: Vec<(usize, usize)> = c.content.iter().map(|s| (s.start, s.end)).collect();
            assert_eq!(frags, want);
        }
    }
}
