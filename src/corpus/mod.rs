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

pub mod flow;
pub mod json;

use crate::formats::Filter;
use crate::model::{Claim, Project, SourceKind};
use jiff::civil::Date;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::sync::Arc;

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

    /// Every bucket from the one holding `from` to the one holding `to`, in time order (empty
    /// buckets included, so a timeline shows gaps as gaps), at most `max` of them.
    pub fn buckets(self, from: Date, to: Date, max: usize) -> Vec<String> {
        let step = match self {
            Period::Week => jiff::Span::new().weeks(1),
            Period::Month => jiff::Span::new().months(1),
            Period::Year => jiff::Span::new().years(1),
        };
        // Start at the first day of `from`'s bucket so month steps never skip a short month.
        let start = match self {
            Period::Week => from,
            Period::Month => from.first_of_month(),
            Period::Year => from.first_of_year(),
        };
        let last = self.bucket(to);
        let mut out: Vec<String> = Vec::new();
        let mut d = start;
        while out.len() < max {
            let b = self.bucket(d);
            let done = b == last;
            if out.last() != Some(&b) {
                out.push(b);
            }
            if done || d > to {
                break;
            }
            match d.checked_add(step) {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        out
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
/// name to show. Shared strings: a key is cloned into every citation, cell and timeline point,
/// so a clone is a reference count, not two allocations.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub id: Option<Arc<str>>,
    pub name: Arc<str>,
}

impl Key {
    /// The null key, shown as `name`.
    pub fn none(name: &str) -> Key {
        Key {
            id: None,
            name: name.into(),
        }
    }

    /// A key for `id`, shown as `name`.
    pub fn new(id: &str, name: &str) -> Key {
        Key {
            id: Some(id.into()),
            name: name.into(),
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
    pub period: Option<Arc<str>>,
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
        head.extend(self.cols.iter().map(|k| k.name.to_string()));
        head.push("all".into());
        out.push(head);
        for (r, key) in self.rows.iter().enumerate() {
            let mut line = vec![key.name.to_string()];
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

/// A key as a CSV cell: its name, empty for the null key.
fn key_cell(k: &Key) -> String {
    k.id.as_ref()
        .map(|_| k.name.to_string())
        .unwrap_or_default()
}

/// Rows as CSV text (the `csv` crate does the quoting).
pub fn csv_text(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for r in rows {
        // Writing to memory cannot fail for I/O; a row of another length is written as is
        // (`flexible`), so nothing here can fail.
        let _ = w.write_record(r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn percent(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        100.0 * n as f64 / of as f64
    }
}

/// Builds a cross-table from (row key, column key, claim) triples arriving in claim order.
/// Builds a cross-table from (row, column, claim) triples of interned indices, claims arriving
/// in ascending order.
#[derive(Default)]
struct CrossBuilder {
    cells: HashMap<(usize, usize), Figure>,
    row_margins: Vec<Figure>,
    col_margins: Vec<Figure>,
    total: Figure,
}

fn at(v: &mut Vec<Figure>, i: usize) -> &mut Figure {
    if v.len() <= i {
        v.resize_with(i + 1, Figure::default);
    }
    &mut v[i]
}

impl CrossBuilder {
    /// Only the cell: for tables whose margins are one-way tables counted anyway
    /// ([`CrossBuilder::finish_with`]).
    fn add_cell(&mut self, r: usize, c: usize, claim: usize) {
        self.cells.entry((r, c)).or_default().add(claim);
    }

    /// [`CrossBuilder::finish`] with the margins given: the one-way tables of the rows' and the
    /// columns' keys (source × outlet: the sources' and the outlets' claims) and all claims.
    fn finish_with(
        self,
        row_keys: &[Key],
        col_keys: &[Key],
        rows: &[Figure],
        cols: &[Figure],
        total: &Figure,
    ) -> CrossTable {
        CrossBuilder {
            cells: self.cells,
            row_margins: rows.to_vec(),
            col_margins: cols.to_vec(),
            total: total.clone(),
        }
        .finish(row_keys, col_keys)
    }

    /// Rows and columns that have claims, by falling claim count, then name.
    fn finish(mut self, row_keys: &[Key], col_keys: &[Key]) -> CrossTable {
        self.row_margins
            .resize_with(row_keys.len(), Figure::default);
        self.col_margins
            .resize_with(col_keys.len(), Figure::default);
        let row_order = order(row_keys, &self.row_margins);
        let col_order = order(col_keys, &self.col_margins);
        let mut row_new = vec![usize::MAX; row_keys.len()];
        for (new, &old) in row_order.iter().enumerate() {
            row_new[old] = new;
        }
        let mut col_new = vec![usize::MAX; col_keys.len()];
        for (new, &old) in col_order.iter().enumerate() {
            col_new[old] = new;
        }
        let mut row_margins = self.row_margins;
        let mut col_margins = self.col_margins;
        CrossTable {
            rows: row_order.iter().map(|&i| row_keys[i].clone()).collect(),
            cols: col_order.iter().map(|&i| col_keys[i].clone()).collect(),
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

/// Indices of the keys with claims, by falling count, then name, the null key last among
/// equals.
fn order(keys: &[Key], figs: &[Figure]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..keys.len()).filter(|&i| figs[i].count() > 0).collect();
    idx.sort_by(|&a, &b| {
        figs[b]
            .count()
            .cmp(&figs[a].count())
            .then_with(|| keys[a].id.is_none().cmp(&keys[b].id.is_none()))
            .then_with(|| keys[a].name.cmp(&keys[b].name))
    });
    idx
}

/// Figures by key from (key, claim) records: sorted, then cut into runs (claims ascending in
/// each).
fn grouped<K: Ord + Copy>(mut recs: Vec<(K, usize)>) -> Vec<(K, Figure)> {
    recs.sort_unstable();
    let mut out: Vec<(K, Figure)> = Vec::new();
    for (k, ci) in recs {
        match out.last_mut() {
            Some((last, f)) if *last == k => f.add(ci),
            _ => out.push((k, Figure { claims: vec![ci] })),
        }
    }
    out
}

/// A document's position, interned outlet, published date and interned period.
type DocFacts = (usize, usize, Option<Date>, usize);

/// Each key's place in `Key` order (ties share the first place).
fn ranks(keys: &[Key]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..keys.len()).collect();
    idx.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
    let mut rank = vec![0; keys.len()];
    for (r, &i) in idx.iter().enumerate() {
        rank[i] = r;
    }
    rank
}

/// Interning of ids to dense indices, with index 0 the null key.
struct Interner<'a> {
    keys: Vec<Key>,
    index: HashMap<&'a str, usize>,
}

impl<'a> Interner<'a> {
    fn new(null: &str) -> Self {
        Interner {
            keys: vec![Key::none(null)],
            index: HashMap::default(),
        }
    }

    /// The index of `id`, shown as `name(id)` the first time it is seen.
    fn get(&mut self, id: &'a str, name: impl FnOnce(&str) -> String) -> usize {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.keys.len();
        self.keys.push(Key::new(id, &name(id)));
        self.index.insert(id, i);
        i
    }
}

/// A one-way table being counted: claims and documents per interned index.
#[derive(Default)]
struct Tally {
    figs: Vec<Figure>,
    docs: Vec<Vec<usize>>,
}

impl Tally {
    fn add(&mut self, i: usize, claim: usize, doc: usize) {
        at(&mut self.figs, i).add(claim);
        if self.docs.len() <= i {
            self.docs.resize_with(i + 1, Vec::new);
        }
        if self.docs[i].last() != Some(&doc) {
            self.docs[i].push(doc);
        }
    }

    fn rows(mut self, keys: &[Key]) -> Vec<Row> {
        self.figs.resize_with(keys.len(), Figure::default);
        self.docs.resize_with(keys.len(), Vec::new);
        order(keys, &self.figs)
            .into_iter()
            .map(|i| Row {
                key: keys[i].clone(),
                figure: std::mem::take(&mut self.figs[i]),
                documents: distinct(std::mem::take(&mut self.docs[i])),
            })
            .collect()
    }
}

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
    pub period: Period,
    /// The first and last published date among the counted claims' documents.
    pub first: Option<Date>,
    pub last: Option<Date>,
    /// Each counted claim with its interned label, for [`Corpus::label_cooccurrence`].
    claim_labels: Vec<(usize, usize)>,
    label_keys: Vec<Key>,
}

/// The shown name of the null source, outlet, via and kind.
pub const NO_SOURCE: &str = "(no source)";
pub const NO_OUTLET: &str = "(no outlet)";
pub const NO_VIA: &str = "(direct)";

impl Corpus {
    /// Count the claims of `p` that pass `opts`.
    pub fn compute(p: &Project, opts: &Options) -> Corpus {
        let ranged = opts.from.is_some() || opts.to.is_some();
        // Registry lookups by id, once.
        let registry: HashMap<&str, &crate::model::Source> =
            p.sources.iter().map(|s| (s.id.as_str(), s)).collect();
        let source_name_fast =
            |id: &str| registry.get(id).map_or(id, |s| s.name.as_str()).to_string();
        let mut sources = Interner::new(NO_SOURCE);
        let mut vias = Interner::new(NO_VIA);
        let mut outlets = Interner::new(NO_OUTLET);
        let mut period_keys: Vec<Key> = vec![Key::none("(no date)")];
        let mut period_index: HashMap<String, usize> = HashMap::default();
        let mut labels = Interner::new("(no label)");
        // Kinds: index 0 is null (no source), then SourceKind::ALL in order.
        let kind_keys: Vec<Key> = std::iter::once(Key::none(NO_SOURCE))
            .chain(
                SourceKind::ALL
                    .iter()
                    .map(|k| Key::new(k.as_str(), k.as_str())),
            )
            .collect();
        let kind_ix = |k: SourceKind| 1 + SourceKind::ALL.iter().position(|&x| x == k).unwrap_or(0);

        // Per document: (position, outlet, date, period).
        let docs: HashMap<&str, DocFacts> = p
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let date = published(d);
                let outlet = match d.origin.outlet.as_deref().map(str::trim) {
                    Some(o) if !o.is_empty() => outlets.get(o, str::to_string),
                    _ => 0,
                };
                let period = date.map_or(0, |date| {
                    let bucket = opts.period.bucket(date);
                    let next = period_keys.len();
                    let j = *period_index.entry(bucket.clone()).or_insert(next);
                    if j == next {
                        period_keys.push(Key::new(&bucket, &bucket));
                    }
                    j
                });
                (d.id.as_str(), (i, outlet, date, period))
            })
            .collect();
        let mut src = Tally::default();
        let mut src_outlets: Vec<Vec<usize>> = Vec::new();
        let mut src_dates: Vec<(Option<Date>, Option<Date>)> = Vec::new();
        let mut src_kind: Vec<usize> = vec![0];
        let mut lab = Tally::default();
        let mut out = Tally::default();
        let mut kinds = Tally::default();
        // (key, claim) records, grouped after the pass: most citations are rare triples, and
        // sorting one flat list is cheaper than a map entry and a vector per triple.
        let mut citations: Vec<((usize, usize, usize), usize)> = Vec::new();
        let mut timeline: Vec<((usize, usize), usize)> = Vec::new();
        let mut source_outlet = CrossBuilder::default();
        let mut kind_outlet = CrossBuilder::default();
        let mut label_source = CrossBuilder::default();
        let mut all = Figure::default();
        let mut claim_label: Vec<(usize, usize)> = Vec::new();
        let mut pairs = 0;
        let mut documents: Vec<usize> = Vec::new();
        let (mut first, mut last): (Option<Date>, Option<Date>) = (None, None);

        let mut last_doc: Option<(&str, DocFacts)> = None;
        for (ci, c) in p.claims.iter().enumerate() {
            if !opts.filter.matches(c) {
                continue;
            }
            // A document's claims are usually together: look it up only when it changes.
            let (di, outlet, date, period) = match last_doc {
                Some((id, found)) if id == c.document => found,
                _ => {
                    let found =
                        docs.get(c.document.as_str())
                            .copied()
                            .unwrap_or((usize::MAX, 0, None, 0));
                    last_doc = Some((c.document.as_str(), found));
                    found
                }
            };
            if ranged {
                let Some(date) = date else { continue };
                if opts.from.is_some_and(|f| date < f) || opts.to.is_some_and(|t| date > t) {
                    continue;
                }
            }
            all.add(ci);
            if documents.last() != Some(&di) {
                documents.push(di);
                if let Some(d) = date {
                    first = Some(first.map_or(d, |f| f.min(d)));
                    last = Some(last.map_or(d, |l| l.max(d)));
                }
            }
            let label = labels.get(&c.label, |id| {
                p.label(id).map_or(id, |l| l.name.as_str()).to_string()
            });
            claim_label.push((ci, label));
            lab.add(label, ci, di);
            out.add(outlet, ci, di);
            let via = match c.attribution.as_ref().and_then(|a| a.via.as_deref()) {
                Some(v) => vias.get(v, source_name_fast),
                None => 0,
            };
            let ids = c.sources();
            let n = ids.len().max(1);
            for k in 0..n {
                pairs += 1;
                let si = match ids.get(k) {
                    Some(id) => sources.get(id, source_name_fast),
                    None => 0,
                };
                if src_kind.len() <= si {
                    let kind = ids
                        .get(k)
                        .and_then(|id| registry.get(id.as_str()))
                        .map(|s| s.kind)
                        .unwrap_or_default();
                    src_kind.resize(si + 1, 0);
                    src_kind[si] = kind_ix(kind);
                }
                src.add(si, ci, di);
                if src_outlets.len() <= si {
                    src_outlets.resize_with(si + 1, Vec::new);
                    src_dates.resize(si + 1, (None, None));
                }
                if !src_outlets[si].contains(&outlet) {
                    src_outlets[si].push(outlet);
                }
                if let Some(d) = date {
                    let (first, last) = &mut src_dates[si];
                    *first = Some(first.map_or(d, |f| f.min(d)));
                    *last = Some(last.map_or(d, |l| l.max(d)));
                }
                let kind = src_kind[si];
                kinds.add(kind, ci, di);
                citations.push(((outlet, via, si), ci));
                timeline.push(((period, si), ci));
                source_outlet.add_cell(si, outlet, ci);
                kind_outlet.add_cell(kind, outlet, ci);
                label_source.add_cell(label, si, ci);
            }
        }

        let source_keys = sources.keys;
        let outlet_keys = outlets.keys;
        let label_keys = labels.keys;
        let via_keys = vias.keys;
        src.figs.resize_with(source_keys.len(), Figure::default);
        src.docs.resize_with(source_keys.len(), Vec::new);
        src_outlets.resize_with(source_keys.len(), Vec::new);
        src_dates.resize(source_keys.len(), (None, None));
        src_kind.resize(source_keys.len(), 0);
        // The cross-tables' margins are the one-way tables (taken just below): build them first.
        lab.figs.resize_with(label_keys.len(), Figure::default);
        out.figs.resize_with(outlet_keys.len(), Figure::default);
        kinds.figs.resize_with(kind_keys.len(), Figure::default);
        let source_outlet =
            source_outlet.finish_with(&source_keys, &outlet_keys, &src.figs, &out.figs, &all);
        let kind_outlet =
            kind_outlet.finish_with(&kind_keys, &outlet_keys, &kinds.figs, &out.figs, &all);
        let label_source =
            label_source.finish_with(&label_keys, &source_keys, &lab.figs, &src.figs, &all);
        let source_rows: Vec<SourceRow> = order(&source_keys, &src.figs)
            .into_iter()
            .map(|i| SourceRow {
                key: source_keys[i].clone(),
                kind: (i != 0).then(|| SourceKind::ALL[src_kind[i].saturating_sub(1)].as_str()),
                figure: std::mem::take(&mut src.figs[i]),
                documents: distinct(std::mem::take(&mut src.docs[i])),
                outlets: src_outlets[i].len(),
                first: src_dates[i].0,
                last: src_dates[i].1,
            })
            .collect();
        // Sorted on interned indices with each key's rank in Key order, so the sort compares
        // integers, not strings; the keys are cloned (a reference count each) once sorted.
        let source_rank = ranks(&source_keys);
        let outlet_rank = ranks(&outlet_keys);
        let via_rank = ranks(&via_keys);
        let period_rank = ranks(&period_keys);
        let mut citations = grouped(citations);
        citations.sort_unstable_by_key(|&((o, v, s), ref f)| {
            (
                std::cmp::Reverse(f.count()),
                outlet_rank[o],
                via_rank[v],
                source_rank[s],
            )
        });
        let citations: Vec<Citation> = citations
            .into_iter()
            .map(|((o, v, s), figure)| Citation {
                outlet: outlet_keys[o].clone(),
                via: via_keys[v].clone(),
                source: source_keys[s].clone(),
                figure,
            })
            .collect();
        // By period (undated, index 0, last), then falling count, then source.
        let mut timeline = grouped(timeline);
        timeline.sort_unstable_by_key(|&((t, s), ref f)| {
            (
                t == 0,
                period_rank[t],
                std::cmp::Reverse(f.count()),
                source_rank[s],
            )
        });
        let timeline: Vec<TimePoint> = timeline
            .into_iter()
            .map(|((t, s), figure)| TimePoint {
                period: period_keys[t].id.clone(),
                source: source_keys[s].clone(),
                figure,
            })
            .collect();
        Corpus {
            pairs,
            documents: distinct(documents),
            sources: source_rows,
            labels: lab.rows(&label_keys),
            claim_labels: claim_label,
            outlets: out.rows(&outlet_keys),
            kinds: kinds.rows(&kind_keys),
            citations,
            timeline,
            source_outlet,
            kind_outlet,
            label_source,
            label_keys,
            period: opts.period,
            first,
            last,
            claims: all,
        }
    }

    /// Label × label for claims nested in one another (by `within` or by their text extent)
    /// or on the same words, among the counted claims of `p` (the project the figures were
    /// computed from). A pair of such claims with labels A and B lands in cell (A, B) and
    /// (B, A); a cell counts the distinct claims of its pairs (what a click opens), and a
    /// margin the distinct claims of its label that co-occur with any other claim. Computed on
    /// demand: `report` does not need it.
    pub fn label_cooccurrence(&self, p: &Project) -> CrossTable {
        self.label_cooccurrence_of(p, &nesting_pairs(p, &self.claims))
    }

    /// [`Corpus::label_cooccurrence`] from nesting pairs already found ([`Corpus::nesting`]).
    pub fn label_cooccurrence_of(&self, p: &Project, pairs: &[(usize, usize)]) -> CrossTable {
        cooccurrence(p, pairs, &self.claim_labels, &self.label_keys)
    }

    /// The sources table as CSV (RFC 4180, header first): source, kind, claims, share,
    /// documents, outlets, first, last. The null source has an empty name and kind.
    pub fn sources_csv(&self) -> String {
        let mut rows = vec![
            [
                "source",
                "kind",
                "claims",
                "share",
                "documents",
                "outlets",
                "first",
                "last",
            ]
            .map(String::from)
            .to_vec(),
        ];
        for s in &self.sources {
            rows.push(vec![
                s.key
                    .id
                    .as_ref()
                    .map(|_| s.key.name.to_string())
                    .unwrap_or_default(),
                s.kind.unwrap_or_default().to_string(),
                s.figure.count().to_string(),
                format!("{:.1}", self.share(s)),
                s.documents.to_string(),
                s.outlets.to_string(),
                s.first.map(|d| d.to_string()).unwrap_or_default(),
                s.last.map(|d| d.to_string()).unwrap_or_default(),
            ]);
        }
        csv_text(&rows)
    }

    /// A one-way table (labels, outlets, kinds) as CSV: `what`, claims, share of the counted
    /// claims, documents. A null key has an empty name.
    pub fn rows_csv(&self, what: &str, rows: &[Row]) -> String {
        let mut out = vec![vec![
            what.to_string(),
            "claims".into(),
            "share".into(),
            "documents".into(),
        ]];
        for r in rows {
            out.push(vec![
                key_cell(&r.key),
                r.figure.count().to_string(),
                format!("{:.1}", percent(r.figure.count(), self.claims.count())),
                r.documents.to_string(),
            ]);
        }
        csv_text(&out)
    }

    /// Who cites whom as CSV: outlet, via, source, claims (empty for null).
    pub fn citations_csv(&self) -> String {
        let mut out = vec![
            ["outlet", "via", "source", "claims"]
                .map(String::from)
                .to_vec(),
        ];
        for c in &self.citations {
            out.push(vec![
                key_cell(&c.outlet),
                key_cell(&c.via),
                key_cell(&c.source),
                c.figure.count().to_string(),
            ]);
        }
        csv_text(&out)
    }

    /// The timeline as CSV: period (empty for undated), source, claims.
    pub fn timeline_csv(&self) -> String {
        let mut out = vec![["period", "source", "claims"].map(String::from).to_vec()];
        for t in &self.timeline {
            out.push(vec![
                t.period.as_deref().unwrap_or_default().to_string(),
                key_cell(&t.source),
                t.figure.count().to_string(),
            ]);
        }
        csv_text(&out)
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

/// Label co-occurrence among the selected claims (`claim_label`: claim index and its interned
/// label, ascending), from [`nesting_pairs`].
fn cooccurrence(
    p: &Project,
    pairs: &[(usize, usize)],
    claim_label: &[(usize, usize)],
    label_keys: &[Key],
) -> CrossTable {
    let mut label_of: Vec<usize> = vec![usize::MAX; p.claims.len()];
    for &(i, l) in claim_label {
        if let Some(x) = label_of.get_mut(i) {
            *x = l;
        }
    }
    let mut b = CrossBuilder::default();
    for &(o, i) in pairs {
        // Pairs of another project (or a stale one) name claims this one may not have.
        let (Some(&lo), Some(&li)) = (label_of.get(o), label_of.get(i)) else {
            continue;
        };
        if lo == usize::MAX || li == usize::MAX {
            continue;
        }
        for (r, c) in [(lo, li), (li, lo)] {
            let cell = b.cells.entry((r, c)).or_default();
            cell.claims.extend([o, i]);
            at(&mut b.row_margins, r).claims.extend([o, i]);
            at(&mut b.col_margins, c).claims.extend([o, i]);
        }
        b.total.claims.extend([o, i]);
    }
    // Pairs do not arrive in claim order (which `Figure::add` assumes): sort, then dedup.
    let tidy = |f: &mut Figure| {
        f.claims.sort_unstable();
        f.claims.dedup();
    };
    b.cells.values_mut().for_each(tidy);
    b.row_margins.iter_mut().for_each(tidy);
    b.col_margins.iter_mut().for_each(tidy);
    tidy(&mut b.total);
    b.finish(label_keys, label_keys)
}

/// The (outer, inner) pairs of claims among `all` (indices into `p.claims`): a claim `within`
/// another, a claim whose extent lies inside another's in the same document, or two claims on
/// exactly the same words (then the lower index is "outer"). Sorted, none twice. Per document,
/// the claims are swept in order of start (longest first) with a list of open extents, so the
/// cost is the number of claims times the number of claims open at once.
pub fn nesting_pairs(p: &Project, all: &Figure) -> Vec<(usize, usize)> {
    let nests = all.claims.iter().any(|&i| {
        p.claims[i]
            .attribution
            .as_ref()
            .is_some_and(|a| a.within.is_some())
    });
    let selected: HashMap<&str, usize> = if nests {
        all.claims
            .iter()
            .map(|&i| (p.claims[i].id.as_str(), i))
            .collect()
    } else {
        HashMap::default()
    };
    // (outer, inner) pairs of claim indices.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut by_doc: HashMap<&str, Vec<(usize, usize, usize)>> = HashMap::default();
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
        list.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut open: Vec<(usize, usize)> = Vec::new();
        for &(s, e, i) in list.iter() {
            // Extents that ended before this one starts can hold nothing more.
            open.retain(|&(oe, _)| oe > s || (oe == s && s == e));
            for &(oe, o) in &open {
                // Sorted by start, every open extent starts at or before this one.
                if e <= oe {
                    pairs.push((o, i));
                }
            }
            open.push((e, i));
        }
    }
    // A `within` link between claims on the same words is the pair the sweep finds too.
    for pr in pairs.iter_mut() {
        if pr.0 > pr.1 && extent(&p.claims[pr.0]) == extent(&p.claims[pr.1]) {
            *pr = (pr.1, pr.0);
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests;
