//! Performance figures for Claimtrace, printed as one JSON object per line:
//! `{"name": …, "value": …, "unit": …}`.
//!
//!     cargo bench --bench perf            # full size (2 MB article, 20,000 claims; 100,000-claim project)
//!     cargo bench --bench perf -- --quick # a small version that runs in seconds
//!     cargo bench --bench perf -- project agree brat   # only these groups (see `GROUPS`)
//!     cargo bench --bench perf -- --merge # only merge_driver_ms (full size)
//!
//! A whole run measures the naive layout baseline (not Claimtrace's code) in a child process
//! (`naive_rss_mb` is its peak), so `rss_mb` is the peak of everything Claimtrace does: the
//! reader's frames, open, save, load, agree, the brat import, the corpus figures, suggestions.
//!
//! Inputs are built deterministically (a fixed-seed generator), so runs are comparable.
//! `tests/perf_quick.rs` runs the quick version so this program cannot rot.

use claimtrace::edit::ops;
use claimtrace::model::{Anchor, Annotator, Attribution, Claim, Document, Origin, Project, Status};
use claimtrace::text::{CharMap, make_span_with, paragraphs};
use claimtrace::ui::reader::{Mark, ReaderInput, ReaderState, Role};
use egui::{Color32, RawInput, Rect, pos2, vec2};
use std::time::Instant;

/// One measured figure.
#[derive(Debug, Clone)]
pub struct Metric {
    pub name: &'static str,
    pub value: f64,
    pub unit: &'static str,
}

/// Sizes of the generated inputs.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub paragraphs: usize,
    pub claims: usize,
    pub project_documents: usize,
    pub claims_per_document: usize,
    pub naive_frames: usize,
    /// The brat import: articles of the large and of the small corpus, attributions each.
    pub brat_articles: usize,
    pub brat_small_articles: usize,
    pub brat_per_article: usize,
}

impl Size {
    pub fn full() -> Self {
        Size {
            paragraphs: 10_000,
            claims: 20_000,
            project_documents: 1_000,
            claims_per_document: 100,
            naive_frames: 5,
            brat_articles: 1_000,
            brat_small_articles: 100,
            brat_per_article: 100,
        }
    }
    pub fn quick() -> Self {
        Size {
            paragraphs: 400,
            claims: 800,
            project_documents: 20,
            claims_per_document: 20,
            naive_frames: 2,
            brat_articles: 20,
            brat_small_articles: 2,
            brat_per_article: 20,
        }
    }
}

/// A small deterministic generator (xorshift64*), so the inputs are the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the",
    "report",
    "said",
    "government",
    "prisoners",
    "Amnesty",
    "according",
    "to",
    "officials",
    "Bộ",
    "Ngoại",
    "giao",
    "“quoted”",
    "claims",
    "media",
    "censorship",
    "activists",
    "told",
    "Reuters",
    "spokesman",
    "number",
    "record",
    "highest",
    "online",
    "crackdown",
    "freedom",
];

/// About `n` paragraphs of ~200 chars each, separated by blank lines (≈ 2 MB for 10,000).
pub fn article(n: usize, rng: &mut u64) -> String {
    let mut r = Rng(*rng);
    let mut out = String::with_capacity(n * 210);
    for _ in 0..n {
        let mut len = 0;
        while len < 200 {
            let w = WORDS[r.below(WORDS.len())];
            out.push_str(w);
            out.push(' ');
            len += w.chars().count() + 1;
        }
        out.pop();
        out.push_str(".\n\n");
    }
    *rng = r.0;
    out
}

/// `n` claim ranges inside paragraphs: a third nested in another, the rest overlapping freely.
pub fn claim_ranges(text: &str, n: usize, rng: &mut u64) -> Vec<(usize, usize)> {
    let paras = paragraphs(text);
    let mut r = Rng(*rng);
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(n);
    for i in 0..n {
        let p = &paras[r.below(paras.len())];
        let len = p.end - p.start;
        let a = p.start + r.below(len / 2);
        let b = (a + 10 + r.below(len / 2)).min(p.end);
        if i % 3 == 2
            && let Some(&(pa, pb)) = out.last()
            && pb - pa > 6
        {
            out.push((pa + 2, pb - 2));
            continue;
        }
        out.push((a, b));
    }
    *rng = r.0;
    out
}

fn marks_for(ranges: &[(usize, usize)]) -> Vec<Mark> {
    const COLORS: [Color32; 3] = [
        Color32::from_rgb(246, 195, 67),
        Color32::from_rgb(120, 190, 240),
        Color32::from_rgb(200, 150, 230),
    ];
    ranges
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| Mark {
            start: s,
            end: e,
            color: COLORS[i % 3],
            claim: format!("c{i}"),
            role: Role::Content,
        })
        .collect()
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() - 1) as f64 * p).round() as usize;
    v[i]
}

fn input_for(frame: u64) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1400.0, 900.0))),
        time: Some(frame as f64 / 60.0),
        ..Default::default()
    }
}

/// A headless egui context with the app's fonts, warmed up.
fn context() -> egui::Context {
    let ctx = egui::Context::default();
    ctx.set_fonts(claimtrace::ui::fonts::definitions());
    ctx
}

thread_local! {
    /// Vertices tessellated by the last frame: proof that a frame really drew the text.
    static LAST_VERTICES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Run one frame (run + tessellate) and return its duration in ms.
fn frame(ctx: &egui::Context, n: u64, ui_fn: &mut dyn FnMut(&mut egui::Ui)) -> f64 {
    let t = Instant::now();
    let mut out = ctx.run_ui(input_for(n), |ui| ui_fn(ui));
    let shapes = std::mem::take(&mut out.shapes);
    let prims = ctx.tessellate(shapes, out.pixels_per_point);
    let vertices = prims
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum();
    LAST_VERTICES.with(|v| v.set(vertices));
    // No renderer here: font-atlas uploads are measured in layout, then discarded.
    out.textures_delta.clear();
    t.elapsed().as_secs_f64() * 1e3
}

/// The reader while scrolling through the whole document, and the frame after an edit.
fn reader_frames(text: &str, marks: &mut Vec<Mark>, out: &mut Vec<Metric>) {
    let ctx = context();
    let mut state = ReaderState::default();
    let mut version = 1u64;
    let n_chars = text.chars().count();
    let mut times = Vec::new();
    let mut vertices = Vec::new();
    let draw = |state: &mut ReaderState, marks: &[Mark], version: u64, n: u64| {
        frame(&ctx, n, &mut |ui| {
            let input = ReaderInput {
                doc_id: "bench",
                text,
                marks,
                marks_version: version,
                selected_claim: None,
                find: &[],
                find_current: None,
                font_size: 16.0,
                describe: None,
            };
            state.show(ui, &input);
        })
    };
    // Warm-up frames (fonts, first layout).
    for n in 0..3 {
        draw(&mut state, marks, version, n);
    }
    // Scroll through the document, about a screenful (≈ 2,000 chars) per frame.
    let step = 2_000;
    let mut n = 3;
    let mut at = 0;
    while at < n_chars {
        state.scroll_to(at);
        draw(&mut state, marks, version, n); // the jump
        times.push(draw(&mut state, marks, version, n + 1)); // a frame at rest there
        vertices.push(LAST_VERTICES.with(|v| v.get()) as f64);
        n += 2;
        at += step;
    }
    out.push(Metric {
        name: "frame_ms_p50",
        value: percentile(&mut times.clone(), 0.5),
        unit: "ms",
    });
    out.push(Metric {
        name: "frame_ms_p95",
        value: percentile(&mut times, 0.95),
        unit: "ms",
    });
    out.push(Metric {
        name: "frame_vertices_p50",
        value: percentile(&mut vertices, 0.5),
        unit: "vertices",
    });
    // Frames right after a claim is added in view.
    let mut edit_times = Vec::new();
    let mut at = 0;
    for _ in 0..40 {
        state.scroll_to(at);
        draw(&mut state, marks, version, n);
        marks.push(Mark {
            start: at,
            end: (at + 30).min(n_chars),
            color: Color32::RED,
            claim: format!("new{n}"),
            role: Role::Content,
        });
        version += 1;
        edit_times.push(draw(&mut state, marks, version, n + 1));
        n += 2;
        at = (at + n_chars / 40).min(n_chars.saturating_sub(40));
    }
    out.push(Metric {
        name: "edit_frame_ms_p95",
        value: percentile(&mut edit_times, 0.95),
        unit: "ms",
    });
}

/// The baseline a simple egui app would use: the whole text as one LayoutJob with the same
/// highlights, laid out into one galley every frame (as a `Label` does when the job changes).
fn naive_frames(text: &str, ranges: &[(usize, usize)], frames: usize, out: &mut Vec<Metric>) {
    let ctx = context();
    let map = CharMap::new(text);
    // Flatten overlapping highlights into disjoint sections (depth decides the colour).
    let mut bounds: Vec<(usize, i32)> = ranges
        .iter()
        .flat_map(|&(s, e)| [(s, 1), (e, -1)])
        .collect();
    bounds.sort();
    let mut times = Vec::new();
    for n in 0..frames as u64 {
        times.push(frame(&ctx, n, &mut |ui| {
            let mut job = egui::text::LayoutJob::default();
            let font = egui::FontId::proportional(16.0);
            let (mut pos, mut depth) = (0usize, 0i32);
            let push = |job: &mut egui::text::LayoutJob, a: usize, b: usize, depth: i32| {
                if b > a {
                    let bg = if depth > 0 {
                        Color32::from_rgba_unmultiplied(246, 195, 67, (60 * depth).min(255) as u8)
                    } else {
                        Color32::TRANSPARENT
                    };
                    job.append(
                        map.slice(text, a, b),
                        0.0,
                        egui::TextFormat {
                            font_id: font.clone(),
                            background: bg,
                            ..Default::default()
                        },
                    );
                }
            };
            for &(at, d) in &bounds {
                push(&mut job, pos, at, depth);
                pos = pos.max(at);
                depth += d;
            }
            push(&mut job, pos, map.len(), depth);
            job.wrap.max_width = 700.0;
            egui::ScrollArea::vertical().show(ui, |ui| {
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                ui.label(galley);
            });
        }));
    }
    out.push(Metric {
        name: "naive_frame_ms_p50",
        value: percentile(&mut times, 0.5),
        unit: "ms",
    });
}

/// Import a .txt article into a project and draw its first frame.
fn open(text: &str, out: &mut Vec<Metric>) {
    let dir = std::env::temp_dir().join(format!("claimtrace-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("article.txt");
    if std::fs::write(&path, text).is_err() {
        return;
    }
    let ctx = context();
    let t = Instant::now();
    let mut p = Project::new("bench", Annotator::named("Bench"));
    if let Ok((doc, _)) = claimtrace::article::read_file(&path) {
        let e = ops::add_document(&p, doc);
        let _ = e.apply(&mut p);
    }
    let mut state = ReaderState::default();
    let doc = &p.documents[0];
    let _ = frame(&ctx, 0, &mut |ui| {
        let input = ReaderInput {
            doc_id: &doc.id,
            text: &doc.text,
            marks: &[],
            marks_version: 0,
            selected_claim: None,
            find: &[],
            find_current: None,
            font_size: 16.0,
            describe: None,
        };
        state.show(ui, &input);
    });
    out.push(Metric {
        name: "open_ms",
        value: t.elapsed().as_secs_f64() * 1e3,
        unit: "ms",
    });
    let _ = std::fs::remove_dir_all(&dir);
}

/// A project of many documents and claims, saved and loaded as RON and as JSON.
/// The benchmark project: `project_documents` documents of `claims_per_document` claims.
pub fn bench_project(size: Size, rng: &mut u64) -> Project {
    let mut p = Project::new("bench", Annotator::named("Bench"));
    let origin = Origin {
        imported: "2026-11-28T12:00:00Z".parse().unwrap_or_default(),
        extractor: "txt".into(),
        ..Default::default()
    };
    let t0: claimtrace::model::Timestamp = "2026-11-28T12:00:00Z".parse().unwrap_or_default();
    for d in 0..size.project_documents {
        let text = article(10, rng);
        let map = CharMap::new(&text);
        let mut doc = Document::new(format!("Document {d}"), text.clone(), origin.clone());
        doc.id = format!("d{d}");
        let ranges = claim_ranges(&text, size.claims_per_document, rng);
        for (i, &(s, e)) in ranges.iter().enumerate() {
            let span = make_span_with(&text, &map, s, e);
            let mention = make_span_with(&text, &map, s.saturating_sub(8), s);
            p.claims.push(Claim {
                id: format!("d{d}-c{i}"),
                document: doc.id.clone(),
                label: "claim".into(),
                content: vec![span],
                attribution: Some(Attribution {
                    mention: vec![mention],
                    ..Default::default()
                }),
                status: Status::Unverified,
                note: String::new(),
                tags: Vec::new(),
                author: "bench".into(),
                created: t0,
                modified: t0,
                anchor: Anchor::Exact,
                agreed_by: Vec::new(),
                unresolved: None,
                reviews: Vec::new(),
                origin: Default::default(),
                brat: None,
            });
        }
        p.documents.push(doc);
    }
    p
}

/// Source identity (`identity`): resolving every claim's mention of the benchmark project
/// (100,000 claims at full size) against a registry of 10,000 sources, many of them spellings
/// of one another ("Mr. Ana Lima", "Ana Lima's", "Lima, Ana"), as `sources_resolve_ms`; and
/// the proposed merges of that registry (what Sources → Tidy… computes when it opens) as
/// `sources_clusters_ms`.
fn sources_speed(size: Size, rng: &mut u64, out: &mut Vec<Metric>) {
    use claimtrace::model::{Source, SourceKind};
    const FIRST: &[&str] = &[
        "Ana", "Bill", "Hillary", "Donald", "Marc", "Tim", "Julie", "Jeff", "Michelle", "Adam",
        "Eric", "Lucas", "Owen", "Kristi", "Robert", "Nadia", "Evo", "Pat", "Tom", "Steve",
    ];
    const LAST: &[&str] = &[
        "Lima", "Clinton", "Trump", "Benioff", "Cook", "Graham", "Sanborn", "Hege", "Neumann",
        "Reeves", "Paganini", "Dempsey", "Noem", "Mueller", "Cruz", "Morales", "Simmons",
        "Johnston", "Jobs", "Schiff", "Halley", "Claure", "James", "Obama", "Biden",
    ];
    let mut p = bench_project(size, rng);
    let n = if size.project_documents >= 1_000 {
        10_000
    } else {
        500
    };
    for i in 0..n {
        let f = FIRST[i % FIRST.len()];
        let l = LAST[(i / FIRST.len()) % LAST.len()];
        let k = i / (FIRST.len() * LAST.len());
        let name = match i % 4 {
            0 => format!("{f} {l}{k}"),
            1 => format!("Mr. {f} {l}{k}'s"),
            2 => format!("{l}{k}, {f}"),
            _ => format!("{f} Q. {l}{k}"),
        };
        p.sources.push(Source {
            id: format!("s{i}"),
            name,
            kind: SourceKind::Unknown,
            aliases: Vec::new(),
            note: String::new(),
        });
    }
    for (i, c) in p.claims.iter_mut().enumerate() {
        if let Some(a) = c.attribution.as_mut() {
            a.sources = vec![format!("s{}", i % n)];
        }
    }
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let r = claimtrace::identity::resolve_project(&p);
        std::hint::black_box(&r);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    out.push(Metric {
        name: "sources_resolve_ms",
        value: percentile(&mut times, 0.5),
        unit: "ms",
    });
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let c = claimtrace::identity::clusters(&p);
        std::hint::black_box(&c);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    out.push(Metric {
        name: "sources_clusters_ms",
        value: percentile(&mut times, 0.5),
        unit: "ms",
    });
}

/// Save and load the benchmark project as RON and as JSON, then the commands that read it
/// whole: `claimtrace stats`, `claimtrace merge-driver`, agreement with a changed copy, and the
/// corpus figures. One project is in memory at a time (two for the agreement), so `rss_mb`
/// (the peak of the whole process) is what a user's machine needs for these commands.
fn project_io(size: Size, rng: &mut u64, groups: &Groups, out: &mut Vec<Metric>) {
    let p = bench_project(size, rng);
    let dir = std::env::temp_dir().join(format!("claimtrace-bench-io-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("big.ron");
    let jpath = dir.join("big.json");
    let t = Instant::now();
    if let Ok(s) = serde_json::to_vec(&p) {
        let _ = std::fs::write(&jpath, s);
    }
    out.push(Metric {
        name: "json_save_ms",
        value: t.elapsed().as_secs_f64() * 1e3,
        unit: "ms",
    });
    let t = Instant::now();
    if claimtrace::store::save(&p, &path).is_err() {
        return;
    }
    out.push(Metric {
        name: "save_ms",
        value: t.elapsed().as_secs_f64() * 1e3,
        unit: "ms",
    });
    drop(p);
    let t = Instant::now();
    if let Ok(bytes) = std::fs::read(&jpath) {
        let _: Result<Project, _> = serde_json::from_slice(&bytes);
    }
    out.push(Metric {
        name: "json_load_ms",
        value: t.elapsed().as_secs_f64() * 1e3,
        unit: "ms",
    });
    // The `ron` crate's parser alone (read + parse, no checks), for comparison: the store
    // reads its own files with a faster reader and uses `ron` for anything else.
    let t = Instant::now();
    if let Ok(text) = std::fs::read_to_string(&path) {
        let _: Result<Project, _> = ron::from_str(&text);
    }
    out.push(Metric {
        name: "ron_parse_ms",
        value: t.elapsed().as_secs_f64() * 1e3,
        unit: "ms",
    });
    let t = Instant::now();
    let Ok((mut p, _)) = claimtrace::store::load(&path) else {
        return;
    };
    out.push(Metric {
        name: "load_ms",
        value: t.elapsed().as_secs_f64() * 1e3,
        unit: "ms",
    });
    out.push(Metric {
        name: "project_file_mb",
        value: std::fs::metadata(&path)
            .map(|m| m.len() as f64 / 1e6)
            .unwrap_or(f64::NAN),
        unit: "MB",
    });
    out.push(Metric {
        name: "project_claims",
        value: p.claims.len() as f64,
        unit: "claims",
    });
    stats_command(&path, out);
    merge_driver(&mut p, &dir, out);
    if groups.has("agree") {
        agree(&p, out);
    }
    let _ = std::fs::remove_dir_all(&dir);
    report(p, out);
}

/// `claimtrace stats` (the binary, as a script runs it) on the benchmark project: reading,
/// checking and summarising it. Median of 3 runs.
fn stats_command(path: &std::path::Path, out: &mut Vec<Metric>) {
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_claimtrace"))
            .arg("stats")
            .arg(path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        if !status.is_ok_and(|s| s.success()) {
            return;
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    out.push(Metric {
        name: "stats_ms",
        value: percentile(&mut times, 0.5),
        unit: "ms",
    });
}

/// Agreement (`claimtrace agree`'s measures: overall, per document, per label) between the
/// benchmark project and a copy in which 5% of the claims changed: every 40th claim's content
/// starts 3 chars later, every 40th (others) has another label.
fn agree(p: &Project, out: &mut Vec<Metric>) {
    let mut other = p.clone();
    other.annotator = Annotator::named("Other");
    let texts: std::collections::HashMap<&str, &str> = p
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.text.as_str()))
        .collect();
    let mut changed = 0;
    for (i, c) in other.claims.iter_mut().enumerate() {
        if i % 40 == 0
            && let Some(text) = texts.get(c.document.as_str())
            && let Some(first) = c.content.first()
            && first.end > first.start + 4
        {
            let map = CharMap::new(text);
            c.content[0] = make_span_with(text, &map, first.start + 3, first.end);
            changed += 1;
        } else if i % 40 == 20 {
            c.label = "opinion".into();
            changed += 1;
        }
    }
    let t = Instant::now();
    let a = claimtrace::review::agreement(p, &other);
    out.push(Metric {
        name: "agree_ms",
        value: t.elapsed().as_secs_f64() * 1e3,
        unit: "ms",
    });
    out.push(Metric {
        name: "agree_changed_claims",
        value: changed as f64,
        unit: "claims",
    });
    out.push(Metric {
        name: "agree_overlap_f1",
        value: a.overall.content.overlap_f1.unwrap_or(f64::NAN),
        unit: "F1",
    });
}

/// A brat folder of `articles` articles, each with `per_article` attribution events (source,
/// cue and content spans, an attribute on every tenth, a note on every 25th, a pronoun source
/// on every ninth), naming about two distinct sources per article, as a real corpus does.
pub fn brat_corpus(dir: &std::path::Path, articles: usize, per_article: usize) -> bool {
    if std::fs::create_dir_all(dir).is_err() {
        return false;
    }
    let mut rng = Rng(0xb7a7_0001);
    for a in 0..articles {
        let (mut text, mut ann) = (String::new(), String::new());
        let mut chars = 0usize;
        let mut push = |text: &mut String, s: &str| {
            text.push_str(s);
            chars += s.chars().count();
            chars
        };
        for k in 0..per_article {
            let name = if k % 9 == 8 {
                "He".to_string()
            } else {
                format!("Trần Văn {}", rng.below(2 * articles + 3))
            };
            let mut content = String::from("that");
            for _ in 0..8 + rng.below(12) {
                content.push(' ');
                content.push_str(WORDS[rng.below(WORDS.len())]);
            }
            let s0 = push(&mut text, "");
            let s1 = push(&mut text, &name);
            let c0 = push(&mut text, " ");
            let c1 = push(&mut text, "said");
            let t0 = push(&mut text, " ");
            let t1 = push(&mut text, &content);
            push(&mut text, if k % 5 == 4 { ".\n\n" } else { ". " });
            let t = 3 * k;
            ann.push_str(&format!(
                "T{}\tSource {s0} {s1}\t{name}\nT{}\tCue {c0} {c1}\tsaid\nT{}\tContent {t0} {t1}\t{content}\n\
                 E{k}\tAttribution:T{} Source:T{} Content:T{}\n",
                t + 1,
                t + 2,
                t + 3,
                t + 2,
                t + 1,
                t + 3
            ));
            if k % 10 == 3 {
                ann.push_str(&format!("A{k}\tNegated E{k}\n"));
            }
            if k % 25 == 7 {
                ann.push_str(&format!("#{k}\tAnnotatorNotes E{k}\tchecked {k}\n"));
            }
        }
        if std::fs::write(dir.join(format!("a{a:04}.txt")), &text).is_err()
            || std::fs::write(dir.join(format!("a{a:04}.ann")), &ann).is_err()
        {
            return false;
        }
    }
    true
}

/// Import a brat folder into an empty project and apply the edit: the time, and the claims.
fn import_brat(dir: &std::path::Path) -> Option<(f64, usize)> {
    let mut p = Project::new("bench", Annotator::named("Bench"));
    let t = Instant::now();
    let (edit, _) = claimtrace::formats::brat::import(&p, dir, None).ok()?;
    edit.apply(&mut p).ok()?;
    Some((t.elapsed().as_secs_f64() * 1e3, p.claims.len()))
}

/// The brat import of a large corpus and of one a tenth of its size: linear when the ratio
/// of the times is about the ratio of the sizes.
fn brat_import(size: Size, out: &mut Vec<Metric>) {
    let root = std::env::temp_dir().join(format!("claimtrace-bench-brat-{}", std::process::id()));
    let (small, large) = (root.join("small"), root.join("large"));
    if !brat_corpus(&small, size.brat_small_articles, size.brat_per_article)
        || !brat_corpus(&large, size.brat_articles, size.brat_per_article)
    {
        let _ = std::fs::remove_dir_all(&root);
        return;
    }
    let small_run = import_brat(&small);
    let large_run = import_brat(&large);
    let _ = std::fs::remove_dir_all(&root);
    let (Some((small_ms, small_claims)), Some((large_ms, large_claims))) = (small_run, large_run)
    else {
        return;
    };
    out.push(Metric {
        name: "import_brat_ms",
        value: large_ms,
        unit: "ms",
    });
    out.push(Metric {
        name: "import_brat_claims",
        value: large_claims as f64,
        unit: "claims",
    });
    out.push(Metric {
        name: "import_brat_small_ms",
        value: small_ms,
        unit: "ms",
    });
    out.push(Metric {
        name: "import_brat_small_claims",
        value: small_claims as f64,
        unit: "claims",
    });
    out.push(Metric {
        name: "import_brat_time_ratio",
        value: large_ms / small_ms,
        unit: "×",
    });
    out.push(Metric {
        name: "import_brat_size_ratio",
        value: large_claims as f64 / small_claims.max(1) as f64,
        unit: "×",
    });
}

/// `claimtrace merge-driver` (the binary, as git runs it) on three versions of the benchmark
/// project: 1% of the claims get a new note on each side (different claims), and each side
/// adds 1% new claims. Time of the whole run: reading three files, merging, writing.
fn merge_driver(p: &mut Project, dir: &std::path::Path, out: &mut Vec<Metric>) {
    let n = p.claims.len();
    let step = 100;
    let paths = ["base.ron", "ours.ron", "theirs.ron"].map(|f| dir.join(f));
    // The three versions are written one after the other from the one project in memory.
    if claimtrace::store::save(p, &paths[0]).is_err() {
        return;
    }
    let extra = |p: &Project, name: &str| -> Vec<Claim> {
        p.claims
            .iter()
            .step_by(step)
            .map(|c| Claim {
                id: format!("{name}-{}", c.id),
                ..c.clone()
            })
            .collect()
    };
    // Each side adds copies of the base's claims (made before the side's changes).
    let added = extra(p, "o");
    let mut notes = Vec::new();
    for (i, c) in p.claims.iter_mut().enumerate() {
        if i % step == 0 {
            notes.push(std::mem::replace(&mut c.note, format!("ours {i}")));
        }
    }
    p.claims.extend(added);
    let ours = claimtrace::store::save(p, &paths[1]);
    p.claims.truncate(n);
    for (c, note) in p.claims.iter_mut().step_by(step).zip(notes) {
        c.note = note;
    }
    let added = extra(p, "t");
    let mut labels = Vec::new();
    for (i, c) in p.claims.iter_mut().enumerate() {
        if i % step == step / 2 {
            labels.push(std::mem::replace(&mut c.label, "opinion".into()));
        }
    }
    p.claims.extend(added);
    let theirs = claimtrace::store::save(p, &paths[2]);
    p.claims.truncate(n);
    for (c, label) in p.claims.iter_mut().skip(step / 2).step_by(step).zip(labels) {
        c.label = label;
    }
    if ours.is_err() || theirs.is_err() {
        return;
    }
    if std::env::var_os("CLAIMTRACE_BENCH_KEEP").is_some() {
        // The driver writes into ours: keep its input for runs by hand.
        let _ = std::fs::copy(&paths[1], dir.join("ours-input.ron"));
    }
    let t = Instant::now();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .arg("merge-driver")
        .args(&paths)
        .stderr(std::process::Stdio::null())
        .status();
    let ms = t.elapsed().as_secs_f64() * 1e3;
    if !status.is_ok_and(|s| s.success()) {
        return;
    }
    out.push(Metric {
        name: "merge_driver_ms",
        value: ms,
        unit: "ms",
    });
    out.push(Metric {
        name: "merge_driver_claims",
        value: n as f64,
        unit: "claims",
    });
}

/// Peak resident memory of this process (Linux: VmHWM), in MB; NaN elsewhere.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// The corpus figures (`claimtrace report`, the corpus view) for the benchmark project, given
/// what a real corpus has: 40 outlets, published dates over three years, a registry of 500
/// sources of every kind, one claim in ten joint, one in five relayed, one in twenty with no
/// source. Median of 5 runs.
pub fn report(mut p: Project, out: &mut Vec<Metric>) {
    use claimtrace::corpus::{Corpus, Options};
    use claimtrace::model::{Source, SourceKind};
    let mut rng = 0x00c0_ffee_u64;
    let mut next = |n: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n as u64) as usize
    };
    for i in 0..500 {
        p.sources.push(Source {
            id: format!("s{i}"),
            name: format!("Source {i}"),
            kind: SourceKind::ALL[i % SourceKind::ALL.len()],
            aliases: Vec::new(),
            note: String::new(),
        });
    }
    for d in &mut p.documents {
        d.origin.outlet = Some(format!("Outlet {}", next(40)));
        d.origin.published = Some(format!(
            "{}-{:02}-{:02}",
            2022 + next(3),
            1 + next(12),
            1 + next(28)
        ));
    }
    for c in &mut p.claims {
        let Some(a) = c.attribution.as_mut() else {
            continue;
        };
        a.sources.clear();
        if next(20) != 0 {
            a.sources.push(format!("s{}", next(500)));
            if next(10) == 0 {
                a.sources.push(format!("s{}", 250 + next(250)));
                a.sources.dedup();
            }
        }
        if next(5) == 0 {
            a.via = Some(format!("s{}", next(50)));
        }
    }
    let mut times = Vec::new();
    let mut pairs = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let c = Corpus::compute(&p, &Options::default());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        pairs = c.pairs;
    }
    out.push(Metric {
        name: "report_ms",
        value: percentile(&mut times, 0.5),
        unit: "ms",
    });
    out.push(Metric {
        name: "report_pairs",
        value: pairs as f64,
        unit: "pairs",
    });
    // What the corpus window adds once per new figures, when first shown: label co-occurrence,
    // the who-cites-whom flow and the nesting pairs.
    let c = Corpus::compute(&p, &Options::default());
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let nesting = c.nesting(&p);
        let co = c.label_cooccurrence_of(&p, &nesting);
        let flow = c.flow(8);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box((co, flow, nesting));
    }
    out.push(Metric {
        name: "report_view_ms",
        value: percentile(&mut times, 0.5),
        unit: "ms",
    });
}

/// The groups of measurements, for `cargo bench --bench perf -- GROUP…`.
pub const GROUPS: &[&str] = &[
    "frames", "naive", "open", "project", "agree", "brat", "html", "suggest", "nlp", "sources",
];

/// Which groups to run (all when none is named).
pub struct Groups(Vec<String>);

impl Groups {
    pub fn all() -> Self {
        Groups(Vec::new())
    }
    pub fn only(names: &[String]) -> Self {
        Groups(names.to_vec())
    }
    fn has(&self, g: &str) -> bool {
        self.0.is_empty() || self.0.iter().any(|n| n == g)
    }
}

/// Run every measurement.
pub fn run(size: Size) -> Vec<Metric> {
    run_groups(size, &Groups::all())
}

/// Run the measurements of `groups` (`agree` needs the project, so it runs `project` too).
pub fn run_groups(size: Size, groups: &Groups) -> Vec<Metric> {
    let mut out = Vec::new();
    let mut rng = 0x5eed_cafe_f00d_u64;
    let text = article(size.paragraphs, &mut rng);
    out.push(Metric {
        name: "article_bytes",
        value: text.len() as f64,
        unit: "bytes",
    });
    let ranges = claim_ranges(&text, size.claims, &mut rng);
    if groups.has("naive") {
        naive_frames(&text, &ranges, size.naive_frames, &mut out);
    }
    if groups.has("open") {
        open(&text, &mut out);
    }
    if groups.has("project") || groups.has("agree") {
        project_io(size, &mut rng, groups, &mut out);
    }
    if groups.has("brat") {
        brat_import(size, &mut out);
    }
    if groups.has("html") {
        html_extract(&mut out);
    }
    if groups.has("sources") {
        sources_speed(size, &mut rng, &mut out);
    }
    if groups.has("suggest") {
        suggest_speed(&text, &mut out);
    }
    if groups.has("nlp") {
        nlp_speed(&mut out);
    }
    // The reader's frames last: what they allocate is not all returned to the system, so
    // measured first it would sit under every later figure's peak.
    if groups.has("frames") {
        let mut marks = marks_for(&ranges);
        reader_frames(&text, &mut marks, &mut out);
    }
    // The peak of the whole process so far: every figure above, the two projects of the
    // agreement and the brat import included.
    out.push(Metric {
        name: "rss_mb",
        value: peak_rss_mb(),
        unit: "MB",
    });
    out
}

/// Only the merge figure (`cargo bench --bench perf -- --merge`): the same benchmark project
/// as [`run`] (the generator is drawn the same way), three versions of it, the driver on them.
/// With `CLAIMTRACE_BENCH_KEEP` set, the three files (and ours before the merge,
/// `ours-input.ron`) are left in place for profiling and their folder is printed on stderr.
pub fn run_merge(size: Size) -> Vec<Metric> {
    let mut out = Vec::new();
    let mut rng = 0x5eed_cafe_f00d_u64;
    let text = article(size.paragraphs, &mut rng);
    let _ = claim_ranges(&text, size.claims, &mut rng);
    let mut p = bench_project(size, &mut rng);
    let dir = std::env::temp_dir().join(format!("claimtrace-bench-merge-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    merge_driver(&mut p, &dir, &mut out);
    if std::env::var_os("CLAIMTRACE_BENCH_KEEP").is_some() {
        eprintln!("the three versions are in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    out
}

/// The development set's annotated articles (tests/fixtures/suggest) and a 5,000-word article
/// made of them.
fn dev_set_article() -> (Project, String) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/suggest");
    let mut project = Project::new("bench", Annotator::named("bench"));
    if let Ok((edit, _)) = claimtrace::formats::brat::import(&project, &dir, None) {
        let _ = edit.apply(&mut project);
    }
    let mut article = String::new();
    'fill: loop {
        for d in &project.documents {
            if article.split_whitespace().count() >= 5_000 {
                break 'fill;
            }
            article.push_str(&d.text);
            article.push_str("\n\n");
        }
        if project.documents.is_empty() {
            break;
        }
    }
    (project, article)
}

/// Part-of-speech tagging (`src/nlp`): decoding the shipped model on first use
/// (`nlp_tagger_load_ms`, once), and tagging every sentence of the 5,000-word article of the
/// development set, cut by the suggestion tokenizer (`nlp_tag_article_ms`, median of 5).
pub fn nlp_speed(out: &mut Vec<Metric>) {
    use claimtrace::suggest::{lexicon, tokens::Analysis};
    let t = Instant::now();
    let Ok(tagger) = claimtrace::nlp::english_tagger() else {
        return;
    };
    out.push(Metric {
        name: "nlp_tagger_load_ms",
        value: t.elapsed().as_secs_f64() * 1000.0,
        unit: "ms",
    });
    let (_, article) = dev_set_article();
    let chars: Vec<char> = article.chars().collect();
    let mut times = Vec::new();
    let mut tagged = 0;
    for _ in 0..5 {
        let a = Analysis::new(&article, lexicon::english());
        let t_tag = Instant::now();
        tagged = 0;
        for r in &a.sentences {
            let words: Vec<String> = a.tokens[r.clone()]
                .iter()
                .map(|k| chars[k.start..k.end].iter().collect())
                .collect();
            tagged += tagger.tag_tokens(&words).len();
        }
        times.push(t_tag.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    out.push(Metric {
        name: "nlp_tag_article_words",
        value: article.split_whitespace().count() as f64,
        unit: "words",
    });
    out.push(Metric {
        name: "nlp_tag_article_tokens",
        value: tagged as f64,
        unit: "tokens",
    });
    out.push(Metric {
        name: "nlp_tag_article_ms",
        value: times[times.len() / 2],
        unit: "ms",
    });
}

/// Attribution suggestions: a 5,000-word article made of the development set's real articles
/// (tests/fixtures/suggest), with what the annotated development set teaches (`suggest_learn_ms`
/// is learning it: reading every annotated article), and the generated article above (2.1 MB at
/// full size), nothing learned. Medians of 5 runs (3 for the book).
pub fn suggest_speed(book: &str, out: &mut Vec<Metric>) {
    use claimtrace::suggest::{Knowledge, lexicon, suggest_text};
    let (project, article) = dev_set_article();
    let median = |times: &mut Vec<f64>| {
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    let mut times = Vec::new();
    let mut know = Knowledge::empty();
    for _ in 0..5 {
        let t = Instant::now();
        know = Knowledge::from_project(&project, lexicon::english(), true);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    out.push(Metric {
        name: "suggest_learn_ms",
        value: median(&mut times),
        unit: "ms",
    });
    // A project of 1,000 annotated articles: the development set's documents and claims
    // repeated under new ids (learning reads every one; nothing is shared between copies).
    let mut big = Project::new("bench-1000", Annotator::named("bench"));
    let docs = project.documents.len().max(1);
    for k in 0..1000 {
        let Some(d) = project.documents.get(k % docs) else {
            break;
        };
        let mut d = d.clone();
        let old = d.id.clone();
        d.id = format!("{old}-{k}");
        for c in project.claims.iter().filter(|c| c.document == old) {
            let mut c = c.clone();
            c.id = format!("{}-{k}", c.id);
            c.document = d.id.clone();
            big.claims.push(c);
        }
        big.documents.push(d);
    }
    big.sources = project.sources.clone();
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let _ = Knowledge::from_project(&big, lexicon::english(), true);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    out.push(Metric {
        name: "suggest_learn_1000_ms",
        value: median(&mut times),
        unit: "ms",
    });
    let mut times = Vec::new();
    let mut n = 0;
    for _ in 0..5 {
        let t = Instant::now();
        n = suggest_text(&article, &know).len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    out.push(Metric {
        name: "suggest_article_words",
        value: article.split_whitespace().count() as f64,
        unit: "words",
    });
    out.push(Metric {
        name: "suggest_article_ms",
        value: median(&mut times),
        unit: "ms",
    });
    out.push(Metric {
        name: "suggest_article_suggestions",
        value: n as f64,
        unit: "suggestions",
    });
    let mut times = Vec::new();
    let empty = Knowledge::empty();
    for _ in 0..3 {
        let t = Instant::now();
        n = suggest_text(book, &empty).len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    out.push(Metric {
        name: "suggest_book_ms",
        value: median(&mut times),
        unit: "ms",
    });
    out.push(Metric {
        name: "suggest_book_suggestions",
        value: n as f64,
        unit: "suggestions",
    });
}

/// Main-text extraction of the largest sample web page (a 1.4 MB CNN page with its scripts and
/// styles, from tests/fixtures/html-human): the median of 5 runs.
fn html_extract(out: &mut Vec<Metric>) {
    use std::io::Read;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "tests/fixtures/html-human/html/\
         d605bdef2cde7308a9f2fbd1484d4a9c3da0167177245d346da61e455f42208d.html.gz",
    );
    let Ok(gz) = std::fs::read(&path) else {
        return;
    };
    let mut bytes = Vec::new();
    if flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut bytes)
        .is_err()
    {
        return;
    }
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let ok = claimtrace::article::html::extract_html(&bytes, &path).is_ok();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if !ok {
            return;
        }
    }
    times.sort_by(f64::total_cmp);
    out.push(Metric {
        name: "html_page_bytes",
        value: bytes.len() as f64,
        unit: "bytes",
    });
    out.push(Metric {
        name: "html_extract_ms",
        value: times[2],
        unit: "ms",
    });
}

#[allow(dead_code)] // used when built as the bench binary, not when included by the test
fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let size = if quick { Size::quick() } else { Size::full() };
    if std::env::args().any(|a| a == "--merge") {
        for m in run_merge(size) {
            println!(
                "{}",
                serde_json::json!({"name": m.name, "value": (m.value * 1000.0).round() / 1000.0, "unit": m.unit})
            );
        }
        return;
    }
    let mut named: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| GROUPS.contains(&a.as_str()))
        .collect();
    if named.is_empty() {
        // A whole run: the naive baseline (the 2 MB article laid out as one galley, as a
        // reader without virtualisation would: not Claimtrace's code, about 400 MB on its own)
        // runs in a process of its own and reports its peak as `naive_rss_mb`; everything
        // Claimtrace does — the real reader's frames, open, the projects, agree, the brat
        // import, the corpus figures, suggestions — runs in this process, whose peak is
        // `rss_mb`.
        named = GROUPS
            .iter()
            .filter(|g| **g != "naive")
            .map(|g| g.to_string())
            .collect();
        let mut child =
            std::process::Command::new(std::env::current_exe().unwrap_or_else(|_| "perf".into()));
        child.arg("naive");
        if quick {
            child.arg("--quick");
        }
        if let Ok(out) = child.output() {
            for line in String::from_utf8_lossy(&out.stdout).lines() {
                if line.contains("\"article_bytes\"") {
                    continue;
                }
                println!("{}", line.replace("\"rss_mb\"", "\"naive_rss_mb\""));
            }
        }
    }
    for m in run_groups(size, &Groups::only(&named)) {
        println!(
            "{}",
            serde_json::json!({"name": m.name, "value": (m.value * 1000.0).round() / 1000.0, "unit": m.unit})
        );
    }
}
