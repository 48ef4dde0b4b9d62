//! The corpus figures: who gets quoted, in which outlets, relayed by whom, and when — the numbers
//! behind the corpus view and `claimtrace report`. No screen here.
//!
//! Counting rules (issue 15):
//! - A joint claim counts once for each of its sources; a claim with no source counts under the
//!   source "null" ([`Key::none`]).
//! - Labels, outlets and source kinds count claims (a joint claim of two officials counts once
//!   for "government"); sources, citations and the timeline count (claim, source) pairs.
//! - A document's outlet and published date come from its origin; a document without them counts
//!   under outlet null / period null.
//! - Every figure keeps the claims behind it ([`Figure::claims`], indices into
//!   `Project::claims` in project order, no index twice), so a view can open them. The indices
//!   belong to the project the figures were computed from: recompute when it changes.
//! - Cross-tables keep, for each row and column, the distinct claims behind it (the margins):
//!   the margins of source × outlet equal the source and outlet tables, and so on. A cell's
//!   count may exceed what a row's other cells leave when claims are joint; the margins never
//!   count a claim twice.
//!
//! Everything is one pass over the selected claims (plus a sort of each table), so the cost is
//! linear in the number of claims.

use crate::formats::Filter;
use crate::model::{Claim, Project};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashMap;

/// Time buckets of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Week,
    #[default]
    Month,
    Year,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Week, Period::Month, Period::Year];

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    /// The bucket of a date: "2024-W05" (ISO week), "2024-03", "2024". These sort in time order.
    pub fn bucket(self, d: Date) -> String {
        match self {
            Period::Week => {
                let w = d.iso_week_date();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Period::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Period::Year => format!("{:04}", d.year()),
        }
    }
}

/// Which claims the figures count: the export filters plus a published-date range.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    pub filter: Filter,
    /// Only documents published on or after this day (documents without a date are left out
    /// when either bound is set).
    pub from: Option<Date>,
    /// Only documents published on or before this day.
    pub to: Option<Date>,
    /// Buckets of the timeline.
    pub period: Period,
}

/// A document's published date: an ISO date at the start of `origin.published`
/// ("2024-03-05", "2024-03-05T10:00:00Z"). Anything else is no date.
pub fn published(doc: &crate::model::Document) -> Option<Date> {
    let s = doc.origin.published.as_deref()?.trim();
    s.get(..10).unwrap_or(s).parse::<Date>().ok()
}

/// What a row, column or bar stands for: an id (None for "no source", "no outlet", …) and the
/// name to show.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Key {
    pub id: Option<String>,
    pub name: String,
}

impl Key {
    /// The null key, shown as `name`.
    pub fn none(name: &str) -> Key {
        Key {
            id: None,
            name: name.to_string(),
        }
    }
}

/// The claims behind one figure.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figure {
    /// Indices into `Project::claims`, ascending, none twice.
    #[serde(skip)]
    pub claims: Vec<usize>,
}

impl Figure {
    pub fn count(&self) -> usize {
        self.claims.len()
    }

    /// Add claim `i`; claims arrive in ascending order, so a repeat is the last one.
    fn add(&mut self, i: usize) {
        if self.claims.last() != Some(&i) {
            self.claims.push(i);
        }
    }

    /// The ids of the claims behind the figure.
    pub fn ids<'a>(&self, p: &'a Project) -> Vec<&'a str> {
        self.claims
            .iter()
            .filter_map(|&i| p.claims.get(i))
            .map(|c| c.id.as_str())
            .collect()
    }
}

/// One row of the sources table.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub key: Key,
    /// The registry kind ("government"); None for the null source.
    pub kind: Option<&'static str>,
    pub figure: Figure,
    /// Documents and outlets the source's claims appear in.
    pub documents: usize,
    pub outlets: usize,
    /// First and last published date of its documents (those with a date).
    pub first: Option<Date>,
    pub last: Option<Date>,
}

/// A row of a one-way table: labels, outlets, source kinds.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: Key,
    pub figure: Figure,
    /// Documents holding the row's claims.
    pub documents: usize,
}

/// Outlet → intermediary (via) → source.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub outlet: Key,
    pub via: Key,
    pub source: Key,
    pub figure: Figure,
}

/// Claims of one source in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct TimePoint {
    /// The bucket ("2024-03"), None for documents without a date.
    pub period: Option<String>,
    pub source: Key,
    pub figure: Figure,
}

/// A two-way table with the claims behind every cell and margin.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrossTable {
    pub rows: Vec<Key>,
    pub cols: Vec<Key>,
    /// Non-empty cells by (row, column) index.
    pub cells: HashMap<(usize, usize), Figure>,
    /// The distinct claims of each row / column.
    pub row_margins: Vec<Figure>,
    pub col_margins: Vec<Figure>,
    /// The distinct claims of the whole table.
    pub total: Figure,
}

impl CrossTable {
    pub fn cell(&self, r: usize, c: usize) -> usize {
        self.cells.get(&(r, c)).map_or(0, Figure::count)
    }

    /// The largest cell, for heatmap scaling.
    pub fn max_cell(&self) -> usize {
        self.cells.values().map(Figure::count).max().unwrap_or(0)
    }

    /// A cell as a share of its row's claims (0–100).
    pub fn row_percent(&self, r: usize, c: usize) -> f64 {
        percent(self.cell(r, c), self.row_margins[r].count())
    }

    /// A cell as a share of its column's claims (0–100).
    pub fn col_percent(&self, r: usize, c: usize) -> f64 {
        percent(self.cell(r, c), self.col_margins[c].count())
    }

    /// The table as CSV rows: a header, one line per row with its cells and margin, and a line
    /// of column margins.
    pub fn to_csv(&self, corner: &str) -> Vec<Vec<String>> {
        let mut out = Vec::with_capacity(self.rows.len() + 2);
        let mut head = vec![corner.to_string()];
        head.extend(self.cols.iter().map(|k| k.name.clone()));
        head.push("all".into());
        out.push(head);
        for (r, key) in self.rows.iter().enumerate() {
            let mut line = vec![key.name.clone()];
            line.extend((0..self.cols.len()).map(|c| self.cell(r, c).to_string()));
            line.push(self.row_margins[r].count().to_string());
            out.push(line);
        }
        let mut foot = vec!["all".to_string()];
        foot.extend(self.col_margins.iter().map(|f| f.count().to_string()));
        foot.push(self.total.count().to_string());
        out.push(foot);
        out
    }
}

fn percent(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        100.0 * n as f64 / of as f64
    }
}

/// Builds a cross-table from (row key, column key, claim) triples arriving in claim order.
#[derive(Default)]
struct CrossBuilder {
    rows: Keys,
    cols: Keys,
    cells: HashMap<(usize, usize), Figure>,
    row_margins: Vec<Figure>,
    col_margins: Vec<Figure>,
    total: Figure,
}

impl CrossBuilder {
    fn add(&mut self, row: &Key, col: &Key, claim: usize) {
        let r = self.rows.index(row);
        let c = self.cols.index(col);
        if self.row_margins.len() <= r {
            self.row_margins.resize_with(r + 1, Figure::default);
        }
        if self.col_margins.len() <= c {
            self.col_margins.resize_with(c + 1, Figure::default);
        }
        self.cells.entry((r, c)).or_default().add(claim);
        self.row_margins[r].add(claim);
        self.col_margins[c].add(claim);
        self.total.add(claim);
    }

    /// Rows and columns by falling claim count, then name.
    fn finish(self) -> CrossTable {
        let row_order = order(&self.rows.keys, &self.row_margins);
        let col_order = order(&self.cols.keys, &self.col_margins);
        let mut row_new = vec![0; row_order.len()];
        for (new, &old) in row_order.iter().enumerate() {
            row_new[old] = new;
        }
        let mut col_new = vec![0; col_order.len()];
        for (new, &old) in col_order.iter().enumerate() {
            col_new[old] = new;
        }
        let mut row_margins = self.row_margins;
        let mut col_margins = self.col_margins;
        CrossTable {
            rows: row_order
                .iter()
                .map(|&i| self.rows.keys[i].clone())
                .collect(),
            cols: col_order
                .iter()
                .map(|&i| self.cols.keys[i].clone())
                .collect(),
            cells: self
                .cells
                .into_iter()
                .map(|((r, c), f)| ((row_new[r], col_new[c]), f))
                .collect(),
            row_margins: row_order
                .iter()
                .map(|&i| std::mem::take(&mut row_margins[i]))
                .collect(),
            col_margins: col_order
                .iter()
                .map(|&i| std::mem::take(&mut col_margins[i]))
                .collect(),
            total: self.total,
        }
    }
}

/// Indices of `keys` by falling count, then name, with the null key last among equals.
fn order(keys: &[Key], figs: &[Figure]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..keys.len()).collect();
    idx.sort_by(|&a, &b| {
        figs[b]
            .count()
            .cmp(&figs[a].count())
            .then_with(|| keys[a].id.is_none().cmp(&keys[b].id.is_none()))
            .then_with(|| keys[a].name.cmp(&keys[b].name))
    });
    idx
}

/// Interning of keys to dense indices.
#[derive(Default)]
struct Keys {
    keys: Vec<Key>,
    index: HashMap<Key, usize>,
}

impl Keys {
    fn index(&mut self, k: &Key) -> usize {
        if let Some(&i) = self.index.get(k) {
            return i;
        }
        let i = self.keys.len();
        self.keys.push(k.clone());
        self.index.insert(k.clone(), i);
        i
    }
}

/// All the corpus figures for one project and one set of options.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corpus {
    /// The claims that pass the options.
    pub claims: Figure,
    /// (claim, source) pairs among them (a claim with no source is one pair with null).
    pub pairs: usize,
    /// Documents holding at least one of the claims.
    pub documents: usize,
    pub sources: Vec<SourceRow>,
    pub labels: Vec<Row>,
    pub outlets: Vec<Row>,
    pub kinds: Vec<Row>,
    pub citations: Vec<Citation>,
    /// By period (ascending, undated last), then by falling count.
    pub timeline: Vec<TimePoint>,
    pub source_outlet: CrossTable,
    pub kind_outlet: CrossTable,
    pub label_source: CrossTable,
    /// Label × label for claims nested in one another (by `within` or by their text extent)
    /// or on the same words. A pair of such claims with labels A and B lands in cell (A, B)
    /// and (B, A); a cell counts the distinct claims of its pairs (what a click opens), and a
    /// margin the distinct claims of its label that co-occur with any other claim.
    pub label_cooccurrence: CrossTable,
    pub period: Period,
}

/// The shown name of the null source, outlet, via and kind.
pub const NO_SOURCE: &str = "(no source)";
pub const NO_OUTLET: &str = "(no outlet)";
pub const NO_VIA: &str = "(direct)";

/// Per-document facts, computed once.
struct DocInfo {
    outlet: Key,
    date: Option<Date>,
    period: Option<String>,
}

impl Corpus {
    /// Count the claims of `p` that pass `opts`.
    pub fn compute(p: &Project, opts: &Options) -> Corpus {
        let docs: HashMap<&str, (usize, DocInfo)> = p
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let date = published(d);
                let outlet = match d.origin.outlet.as_deref().map(str::trim) {
                    Some(o) if !o.is_empty() => Key {
                        id: Some(o.to_string()),
                        name: o.to_string(),
                    },
                    _ => Key::none(NO_OUTLET),
                };
                (
                    d.id.as_str(),
                    (
                        i,
                        DocInfo {
                            outlet,
                            date,
                            period: date.map(|d| opts.period.bucket(d)),
                        },
                    ),
                )
            })
            .collect();
        let no_doc = DocInfo {
            outlet: Key::none(NO_OUTLET),
            date: None,
            period: None,
        };
        let source_key = |id: &str| Key {
            id: Some(id.to_string()),
            name: p.source(id).map_or(id, |s| s.name.as_str()).to_string(),
        };
        let kind_of = |id: Option<&str>| -> Key {
            match id {
                None => Key::none(NO_SOURCE),
                Some(id) => {
                    let k = p.source(id).map(|s| s.kind).unwrap_or_default().as_str();
                    Key {
                        id: Some(k.to_string()),
                        name: k.to_string(),
                    }
                }
            }
        };
        let label_key = |id: &str| Key {
            id: Some(id.to_string()),
            name: p.label(id).map_or(id, |l| l.name.as_str()).to_string(),
        };
        let ranged = opts.from.is_some() || opts.to.is_some();

        // Keys are interned to dense indices; each table is a Vec by index.
        let mut src_keys = Keys::default();
        let mut src_figs: Vec<Figure> = Vec::new();
        let mut src_docs: Vec<Vec<usize>> = Vec::new();
        let mut src_outlets: Vec<Vec<Key>> = Vec::new();
        let mut src_dates: Vec<(Option<Date>, Option<Date>)> = Vec::new();
        let one_way = |keys: &mut Keys,
                       figs: &mut Vec<Figure>,
                       docs: &mut Vec<Vec<usize>>,
                       k: &Key,
                       claim: usize,
                       doc: usize| {
            let i = keys.index(k);
            if figs.len() <= i {
                figs.resize_with(i + 1, Figure::default);
                docs.resize_with(i + 1, Vec::new);
            }
            figs[i].add(claim);
            if docs[i].last() != Some(&doc) {
                docs[i].push(doc);
            }
            i
        };
        let (mut lab_keys, mut lab_figs, mut lab_docs) = (Keys::default(), Vec::new(), Vec::new());
        let (mut out_keys, mut out_figs, mut out_docs) = (Keys::default(), Vec::new(), Vec::new());
        let (mut kind_keys, mut kind_figs, mut kind_docs) =
            (Keys::default(), Vec::new(), Vec::new());
        let mut citations: HashMap<(Key, Key, Key), Figure> = HashMap::new();
        let mut timeline: HashMap<(Option<String>, Key), Figure> = HashMap::new();
        let mut source_outlet = CrossBuilder::default();
        let mut kind_outlet = CrossBuilder::default();
        let mut label_source = CrossBuilder::default();
        let mut all = Figure::default();
        let mut pairs = 0;
        let mut documents: Vec<usize> = Vec::new();
        let no_source = Key::none(NO_SOURCE);

        for (ci, c) in p.claims.iter().enumerate() {
            if !opts.filter.matches(c) {
                continue;
            }
            let (di, info) = docs
                .get(c.document.as_str())
                .map_or((usize::MAX, &no_doc), |(i, d)| (*i, d));
            if ranged {
                let Some(date) = info.date else { continue };
                if opts.from.is_some_and(|f| date < f) || opts.to.is_some_and(|t| date > t) {
                    continue;
                }
            }
            all.add(ci);
            if documents.last() != Some(&di) {
                documents.push(di);
            }
            let label = label_key(&c.label);
            one_way(&mut lab_keys, &mut lab_figs, &mut lab_docs, &label, ci, di);
            one_way(
                &mut out_keys,
                &mut out_figs,
                &mut out_docs,
                &info.outlet,
                ci,
                di,
            );
            let via = match c.attribution.as_ref().and_then(|a| a.via.as_deref()) {
                Some(v) => source_key(v),
                None => Key::none(NO_VIA),
            };
            let ids: Vec<Option<&str>> = if c.sources().is_empty() {
                vec![None]
            } else {
                c.sources().iter().map(|s| Some(s.as_str())).collect()
            };
            for id in ids {
                pairs += 1;
                let key = id.map_or_else(|| no_source.clone(), source_key);
                let si = one_way(&mut src_keys, &mut src_figs, &mut src_docs, &key, ci, di);
                if src_outlets.len() <= si {
                    src_outlets.resize_with(si + 1, Vec::new);
                    src_dates.resize(si + 1, (None, None));
                }
                if !src_outlets[si].contains(&info.outlet) {
                    src_outlets[si].push(info.outlet.clone());
                }
                if let Some(d) = info.date {
                    let (first, last) = &mut src_dates[si];
                    *first = Some(first.map_or(d, |f| f.min(d)));
                    *last = Some(last.map_or(d, |l| l.max(d)));
                }
                let kind = kind_of(id);
                one_way(
                    &mut kind_keys,
                    &mut kind_figs,
                    &mut kind_docs,
                    &kind,
                    ci,
                    di,
                );
                citations
                    .entry((info.outlet.clone(), via.clone(), key.clone()))
                    .or_default()
                    .add(ci);
                timeline
                    .entry((info.period.clone(), key.clone()))
                    .or_default()
                    .add(ci);
                source_outlet.add(&key, &info.outlet, ci);
                kind_outlet.add(&kind, &info.outlet, ci);
                label_source.add(&label, &key, ci);
            }
        }

        let rows = |keys: Keys, figs: Vec<Figure>, docs: Vec<Vec<usize>>| -> Vec<Row> {
            let mut rows: Vec<Row> = keys
                .keys
                .into_iter()
                .zip(figs)
                .zip(docs)
                .map(|((key, figure), docs)| Row {
                    key,
                    figure,
                    documents: distinct(docs),
                })
                .collect();
            rows.sort_by(|a, b| {
                b.figure
                    .count()
                    .cmp(&a.figure.count())
                    .then_with(|| a.key.id.is_none().cmp(&b.key.id.is_none()))
                    .then_with(|| a.key.name.cmp(&b.key.name))
            });
            rows
        };
        let mut sources: Vec<SourceRow> = src_keys
            .keys
            .into_iter()
            .zip(src_figs)
            .zip(src_docs)
            .zip(src_outlets.into_iter().zip(src_dates))
            .map(
                |(((key, figure), docs), (outlets, (first, last)))| SourceRow {
                    kind: key
                        .id
                        .as_deref()
                        .map(|id| p.source(id).map(|s| s.kind).unwrap_or_default().as_str()),
                    key,
                    figure,
                    documents: distinct(docs),
                    outlets: outlets.len(),
                    first,
                    last,
                },
            )
            .collect();
        sources.sort_by(|a, b| {
            b.figure
                .count()
                .cmp(&a.figure.count())
                .then_with(|| a.key.id.is_none().cmp(&b.key.id.is_none()))
                .then_with(|| a.key.name.cmp(&b.key.name))
        });
        let mut citations: Vec<Citation> = citations
            .into_iter()
            .map(|((outlet, via, source), figure)| Citation {
                outlet,
                via,
                source,
                figure,
            })
            .collect();
        citations.sort_by(|a, b| {
            b.figure
                .count()
                .cmp(&a.figure.count())
                .then_with(|| a.outlet.cmp(&b.outlet))
                .then_with(|| a.via.cmp(&b.via))
                .then_with(|| a.source.cmp(&b.source))
        });
        let mut timeline: Vec<TimePoint> = timeline
            .into_iter()
            .map(|((period, source), figure)| TimePoint {
                period,
                source,
                figure,
            })
            .collect();
        timeline.sort_by(|a, b| {
            a.period
                .is_none()
                .cmp(&b.period.is_none())
                .then_with(|| a.period.cmp(&b.period))
                .then_with(|| b.figure.count().cmp(&a.figure.count()))
                .then_with(|| a.source.cmp(&b.source))
        });
        let label_cooccurrence = cooccurrence(p, &all, &label_key);
        Corpus {
            pairs,
            documents: distinct(documents),
            sources,
            labels: rows(lab_keys, lab_figs, lab_docs),
            outlets: rows(out_keys, out_figs, out_docs),
            kinds: rows(kind_keys, kind_figs, kind_docs),
            citations,
            timeline,
            source_outlet: source_outlet.finish(),
            kind_outlet: kind_outlet.finish(),
            label_source: label_source.finish(),
            label_cooccurrence,
            period: opts.period,
            claims: all,
        }
    }

    /// A source's share of all (claim, source) pairs, 0–100.
    pub fn share(&self, row: &SourceRow) -> f64 {
        percent(row.figure.count(), self.pairs)
    }
}

/// The number of distinct documents in a list where repeats need not be adjacent (a document's
/// claims are usually contiguous, but a project file need not keep them so).
fn distinct(mut docs: Vec<usize>) -> usize {
    docs.sort_unstable();
    docs.dedup();
    docs.len()
}

/// The text extent of a claim: from its first fragment's start to its last fragment's end.
fn extent(c: &Claim) -> Option<(usize, usize)> {
    let start = c.content.iter().map(|s| s.start).min()?;
    let end = c.content.iter().map(|s| s.end).max()?;
    Some((start, end))
}

/// Label co-occurrence among the selected claims `all`: a claim `within` another, a claim whose
/// extent lies inside another's in the same document, or two claims on exactly the same words.
/// Per document, the claims are swept in order of start (longest first) with a stack of open
/// extents, so the cost is the number of claims times the nesting depth.
fn cooccurrence(p: &Project, all: &Figure, label_key: &dyn Fn(&str) -> Key) -> CrossTable {
    let selected: HashMap<&str, usize> = all
        .claims
        .iter()
        .map(|&i| (p.claims[i].id.as_str(), i))
        .collect();
    // (outer, inner) pairs of claim indices; a pair is found once.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut by_doc: HashMap<&str, Vec<(usize, usize, usize)>> = HashMap::new();
    for &i in &all.claims {
        let c = &p.claims[i];
        if let Some(&outer) = c
            .attribution
            .as_ref()
            .and_then(|a| a.within.as_deref())
            .and_then(|w| selected.get(w))
            && outer != i
        {
            pairs.push((outer, i));
        }
        if let Some((s, e)) = extent(c) {
            by_doc
                .entry(c.document.as_str())
                .or_default()
                .push((s, e, i));
        }
    }
    for list in by_doc.values_mut() {
        list.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut open: Vec<(usize, usize, usize)> = Vec::new();
        for &(s, e, i) in list.iter() {
            open.retain(|&(_, oe, _)| oe > s || (oe == s && s == e));
            for &(os, oe, o) in &open {
                if os <= s && e <= oe {
                    pairs.push((o, i));
                }
            }
            open.push((s, e, i));
        }
    }
    // A `within` link between claims whose extents also nest is one pair, not two.
    for pr in pairs.iter_mut() {
        if pr.0 > pr.1 && (extent(&p.claims[pr.0]) == extent(&p.claims[pr.1])) {
            *pr = (pr.1, pr.0);
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    // Pairs do not arrive in claim order (which `Figure::add` assumes): collect, then sort.
    let mut b = CrossBuilder::default();
    for &(o, i) in &pairs {
        let lo = label_key(&p.claims[o].label);
        let li = label_key(&p.claims[i].label);
        let (r, c) = (b.rows.index(&lo), b.cols.index(&li));
        let (r2, c2) = (b.rows.index(&li), b.cols.index(&lo));
        let need = r.max(r2) + 1;
        if b.row_margins.len() < need {
            b.row_margins.resize_with(need, Figure::default);
        }
        let need = c.max(c2) + 1;
        if b.col_margins.len() < need {
            b.col_margins.resize_with(need, Figure::default);
        }
        for (rr, cc) in [(r, c), (r2, c2)] {
            let cell = b.cells.entry((rr, cc)).or_default();
            cell.claims.push(o);
            cell.claims.push(i);
            if lo == li {
                break;
            }
        }
        for idx in [r, r2] {
            b.row_margins[idx].claims.extend([o, i]);
        }
        for idx in [c, c2] {
            b.col_margins[idx].claims.extend([o, i]);
        }
        b.total.claims.extend([o, i]);
    }
    let tidy = |f: &mut Figure| {
        f.claims.sort_unstable();
        f.claims.dedup();
    };
    b.cells.values_mut().for_each(tidy);
    b.row_margins.iter_mut().for_each(tidy);
    b.col_margins.iter_mut().for_each(tidy);
    tidy(&mut b.total);
    b.finish()
}

#[cfg(test)]
mod tests;
