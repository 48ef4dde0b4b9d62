//! Font setup: a bundled family for Latin (with Vietnamese), Greek and Cyrillic, egui's own
//! monochrome emoji fonts, and system fonts for scripts too large to bundle (CJK, Arabic,
//! Hebrew, Thai, Devanagari…).
//!
//! - **Bundled**: Noto Sans Regular (SIL OFL 1.1, from Debian's `fonts-noto-core`; see
//!   `assets/fonts/README.md`) is the primary proportional font and a fallback for monospace,
//!   ahead of egui's Ubuntu-Light/Hack, which lack Vietnamese letters such as U+1ED9 "ộ".
//! - **Emoji**: egui's bundled NotoEmoji-Regular and emoji-icon-font stay in both families;
//!   they lack the skin-tone modifiers U+1F3FB–U+1F3FF, so "👍🏽" shows as "👍" (see
//!   `assets/fonts/README.md`; a system emoji font, when installed, is used for lone ones).
//! - **System fallback**: egui's own [`egui_system_font_provider::SystemFontProvider`] (the one
//!   eframe installs by default) asks fontconfig, on a background thread, for the installed
//!   fonts, and loads a font file only when a character no installed font has is first drawn —
//!   the system's own fallback order (Noto Sans CJK, WenQuanYi, Droid Sans Fallback, DejaVu…)
//!   decides which. Nothing is read at start-up beyond fontconfig's cache. Without
//!   `libfontconfig1` there is no system fallback and such characters draw as boxes.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Noto Sans Regular, bundled.
pub const NOTO_SANS_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");

/// The name of the bundled family in [`FontDefinitions::font_data`].
pub const NOTO_SANS: &str = "NotoSans-Regular";

/// The app's configured fonts: Noto Sans first for proportional text and right after Hack for
/// monospace, followed by egui's defaults (including its emoji fonts).
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    defs.font_data.insert(
        NOTO_SANS.to_owned(),
        Arc::new(FontData::from_static(NOTO_SANS_REGULAR)),
    );
    if let Some(proportional) = defs.families.get_mut(&FontFamily::Proportional) {
        proportional.insert(0, NOTO_SANS.to_owned());
    }
    if let Some(monospace) = defs.families.get_mut(&FontFamily::Monospace) {
        // Hack stays the primary monospace font; Noto fills its gaps (Vietnamese).
        let at = usize::from(!monospace.is_empty());
        monospace.insert(at, NOTO_SANS.to_owned());
    }
    defs
}

/// Install the app's fonts into `ctx`: [`definitions`] plus the system-font fallback.
///
/// This replaces any font providers already installed (eframe installs its own system font
/// provider when `NativeOptions::system_font_fallback` is true), so calling it from the app
/// creator leaves exactly one.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
    install_system_fallback(ctx);
}

/// Only the system-font fallback (see the module docs).
pub fn install_system_fallback(ctx: &egui::Context) {
    ctx.set_font_providers(vec![Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    )]);
}

/// The system fonts found so far, as egui names them (`"system:<family>:<id>:<index>"`).
///
/// Fonts are discovered when a character first needs them, so this grows as text in new
/// scripts is drawn.
pub fn discovered(ctx: &egui::Context) -> Vec<String> {
    ctx.fonts(|fonts| {
        fonts
            .discovered_fonts()
            .iter()
            .map(|font| font.name.clone())
            .collect()
    })
}

/// Does the current font setup (including system fonts, which this may load) have a glyph
/// for `c` in the proportional family?
pub fn has_glyph(ctx: &egui::Context, c: char) -> bool {
    ctx.fonts_mut(|fonts| fonts.has_glyph(&egui::FontId::proportional(14.0), c))
}
