//! Runs the performance program in its quick size so it cannot rot. Figures are not asserted
//! (timing lives in `benches/`), only that every measurement was taken.

#[path = "../benches/perf.rs"]
#[allow(dead_code)]
mod perf;

#[test]
fn quick_bench_measures_everything() {
    let metrics = perf::run(perf::Size::quick());
    let names: Vec<&str> = metrics.iter().map(|m| m.name).collect();
    for want in [
        "frame_ms_p50",
        "frame_ms_p95",
        "naive_frame_ms_p50",
        "edit_frame_ms_p95",
        "open_ms",
        "save_ms",
        "load_ms",
        "merge_driver_ms",
        "json_save_ms",
        "json_load_ms",
        "rss_mb",
        "html_extract_ms",
        "suggest_learn_ms",
        "suggest_article_ms",
        "suggest_book_ms",
        "report_ms",
        "stats_ms",
        "agree_ms",
        "import_brat_ms",
        "import_brat_small_ms",
        "report_view_ms",
        "sources_resolve_ms",
        "sources_clusters_ms",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    // The reader frames really drew a screenful of text (four vertices a glyph).
    let vertices = metrics
        .iter()
        .find(|m| m.name == "frame_vertices_p50")
        .map(|m| m.value);
    assert!(vertices.is_some_and(|v| v > 4.0 * 1000.0), "{vertices:?}");
    let claims = metrics
        .iter()
        .find(|m| m.name == "project_claims")
        .map(|m| m.value);
    assert_eq!(
        claims,
        Some(400.0),
        "the saved project must load back whole"
    );
    assert!(
        metrics
            .iter()
            .all(|m| m.value.is_finite() && m.value >= 0.0),
        "{metrics:?}"
    );
}

/// The suggestion figures at full size (a 2.1 MB article), printed; run with
/// `cargo test --test perf_quick -- --ignored --nocapture` (a debug build: upper bounds).
#[test]
#[ignore = "full size; prints figures"]
fn suggest_full_size() {
    let mut rng = 0x5eed_cafe_f00d_u64;
    let text = perf::article(perf::Size::full().paragraphs, &mut rng);
    let t = std::time::Instant::now();
    let a =
        claimtrace::suggest::tokens::Analysis::new(&text, claimtrace::suggest::lexicon::english());
    println!(
        "analysis_ms {} ({} tokens)",
        t.elapsed().as_secs_f64() * 1000.0,
        a.tokens.len()
    );
    let mut out = Vec::new();
    perf::suggest_speed(&text, &mut out);
    for m in out {
        println!("{} {} {}", m.name, m.value, m.unit);
    }
}

/// The corpus figures for the 100,000-claim benchmark project, printed; run with
/// `cargo test --test perf_quick report_full_size -- --ignored --nocapture` (a debug build of
/// the crate, so an upper bound; `cargo bench --bench perf` gives the release figure).
#[test]
#[ignore = "full size; prints figures"]
fn report_full_size() {
    let mut rng = 0x5eed_cafe_f00d_u64;
    let p = perf::bench_project(perf::Size::full(), &mut rng);
    let mut out = Vec::new();
    perf::report(p, &mut out);
    for m in out {
        println!("{} {} {}", m.name, m.value, m.unit);
    }
}
