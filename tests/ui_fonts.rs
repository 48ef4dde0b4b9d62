//! The app's fonts render every script a researcher reads, with kittest's missing-glyph
//! policy left at panic (a missing glyph fails the test).

use claimtrace::ui::fonts;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const VIETNAMESE: &str = "Bộ Ngoại giao Việt Nam";
const EMOJI_SKIN_TONE: &str = "👍🏽 👋🏿 👌🏻";
const GREEK_CYRILLIC: &str = "Ελλάδα — Россия «цитата»";
const CJK: &str = "中文新闻";
const ARABIC: &str = "مرحبا";
const HEBREW: &str = "שלום";

/// Show `text` in a label with only the bundled fonts (no system fallback) and check it is there.
fn render_bundled(text: &'static str) {
    let mut harness = Harness::builder()
        .with_context_setup(|ctx| ctx.set_fonts(fonts::definitions()))
        .build_ui(move |ui| {
            ui.label(text);
        });
    harness.run();
    harness.get_by_label(text);
}

#[test]
fn bundled_fonts_render_vietnamese() {
    render_bundled(VIETNAMESE);
}

/// egui's monochrome NotoEmoji has no glyphs for the skin-tone modifiers U+1F3FB–U+1F3FF: in a
/// sequence the modifier is shaped into the base emoji's cluster with no advance, so "👍🏽"
/// shows as a plain "👍" (no tofu, no panic). See `assets/fonts/README.md`.
#[test]
fn bundled_fonts_render_emoji_with_skin_tones() {
    render_bundled(EMOJI_SKIN_TONE);
}

#[test]
fn bundled_fonts_render_greek_and_cyrillic() {
    render_bundled(GREEK_CYRILLIC);
}

/// The check above is meaningful: egui's default fonts lack "ộ" and the harness panics.
#[test]
#[should_panic(expected = "No glyph")]
fn default_fonts_lack_vietnamese() {
    let mut harness = Harness::new_ui(|ui| {
        ui.label(VIETNAMESE);
    });
    harness.run();
}

/// Show `text` with the full app setup (bundled + system fallback), or skip with a message
/// when this machine has no font for it.
fn render_with_system_fallback(text: &'static str, script: &str) {
    let probe = egui::Context::default();
    fonts::install(&probe);
    let mut out = probe.run_ui(egui::RawInput::default(), |_| {});
    out.textures_delta.clear();
    if let Some(missing) = text.chars().find(|&c| !fonts::has_glyph(&probe, c)) {
        println!(
            "SKIPPED: no system font for {script} ({missing:?}); install e.g. fonts-droid-fallback \
             (CJK) or fonts-dejavu-core (Arabic, Hebrew) and fontconfig"
        );
        return;
    }

    let mut harness = Harness::builder()
        .with_context_setup(fonts::install)
        .build_ui(move |ui| {
            ui.label(text);
        });
    harness.run();
    harness.get_by_label(text);
    let found = fonts::discovered(&harness.ctx);
    assert!(
        found.iter().any(|name| name.starts_with("system:")),
        "{script} should come from a system font, found {found:?}"
    );
    println!("{script}: {found:?}");
}

#[test]
fn system_fonts_render_cjk() {
    render_with_system_fallback(CJK, "CJK");
}

#[test]
fn system_fonts_render_arabic() {
    render_with_system_fallback(ARABIC, "Arabic");
}

#[test]
fn system_fonts_render_hebrew() {
    render_with_system_fallback(HEBREW, "Hebrew");
}

/// Everything together, as the app shows it: bundled scripts next to system ones.
#[test]
fn app_fonts_render_mixed_line() {
    let probe = egui::Context::default();
    fonts::install(&probe);
    let mut out = probe.run_ui(egui::RawInput::default(), |_| {});
    out.textures_delta.clear();
    let line = format!("{VIETNAMESE} {EMOJI_SKIN_TONE} {CJK} {ARABIC}");
    let system_chars = format!("{CJK}{ARABIC}");
    if let Some(missing) = system_chars.chars().find(|&c| !fonts::has_glyph(&probe, c)) {
        println!("SKIPPED: no system font for {missing:?}");
        return;
    }
    let shown = line.clone();
    let mut harness = Harness::builder()
        .with_context_setup(fonts::install)
        .build_ui(move |ui| {
            ui.label(shown.as_str());
        });
    harness.run();
    harness.get_by_label(&line);
}
