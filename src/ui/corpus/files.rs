//! Saving the corpus view: each table as CSV (from `crate::corpus`), each chart as PNG (the
//! viewport's screenshot cropped to the chart, encoded by the `image` crate).

use super::Derived;
use crate::corpus::{Corpus, csv_text};
use std::path::{Path, PathBuf};

/// The tables of the corpus view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Sources,
    Labels,
    Outlets,
    Kinds,
    SourceOutlet,
    KindOutlet,
    LabelSource,
    LabelCooccurrence,
    Citations,
    Timeline,
}

impl Table {
    pub fn title(self) -> &'static str {
        match self {
            Table::Sources => "the sources table",
            Table::Labels => "the labels table",
            Table::Outlets => "the outlets table",
            Table::Kinds => "the source kinds table",
            Table::SourceOutlet => "source × outlet",
            Table::KindOutlet => "source kind × outlet",
            Table::LabelSource => "label × source",
            Table::LabelCooccurrence => "label co-occurrence",
            Table::Citations => "who cites whom",
            Table::Timeline => "the timeline",
        }
    }

    /// The suggested file name (without ending).
    fn stem(self) -> &'static str {
        match self {
            Table::Sources => "corpus-sources",
            Table::Labels => "corpus-labels",
            Table::Outlets => "corpus-outlets",
            Table::Kinds => "corpus-kinds",
            Table::SourceOutlet => "corpus-source-outlet",
            Table::KindOutlet => "corpus-kind-outlet",
            Table::LabelSource => "corpus-label-source",
            Table::LabelCooccurrence => "corpus-label-cooccurrence",
            Table::Citations => "corpus-citations",
            Table::Timeline => "corpus-timeline",
        }
    }
}

/// The charts of the corpus view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chart {
    Sources,
    Labels,
    Outlets,
    Kinds,
    Timeline,
    Flow,
}

impl Chart {
    pub fn title(self) -> &'static str {
        match self {
            Chart::Sources => "Top sources",
            Chart::Labels => "Labels",
            Chart::Outlets => "Top outlets",
            Chart::Kinds => "Source kinds",
            Chart::Timeline => "Claims over time",
            Chart::Flow => "Who cites whom",
        }
    }

    fn stem(self) -> &'static str {
        match self {
            Chart::Sources => "corpus-top-sources",
            Chart::Labels => "corpus-labels",
            Chart::Outlets => "corpus-top-outlets",
            Chart::Kinds => "corpus-source-kinds",
            Chart::Timeline => "corpus-over-time",
            Chart::Flow => "corpus-who-cites-whom",
        }
    }
}

/// A file the corpus window asks the app to choose a path for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRequest {
    Csv(Table),
    Png(Chart),
}

impl FileRequest {
    pub fn ending(self) -> &'static str {
        match self {
            FileRequest::Csv(_) => "csv",
            FileRequest::Png(_) => "png",
        }
    }

    /// The file name the dialog suggests.
    pub fn suggested(self) -> String {
        let stem = match self {
            FileRequest::Csv(t) => t.stem(),
            FileRequest::Png(c) => c.stem(),
        };
        format!("{stem}.{}", self.ending())
    }
}

/// `path` with `ending` added when it has none.
pub fn with_ending(path: &Path, ending: &str) -> PathBuf {
    let mut p = path.to_path_buf();
    if p.extension().is_none() {
        p.set_extension(ending);
    }
    p
}

/// The CSV text of a table of the current figures.
pub fn csv_for(table: Table, c: &Corpus, derived: &Derived) -> String {
    match table {
        Table::Sources => c.sources_csv(),
        Table::Labels => c.rows_csv("label", &c.labels),
        Table::Outlets => c.rows_csv("outlet", &c.outlets),
        Table::Kinds => c.rows_csv("kind", &c.kinds),
        Table::SourceOutlet => csv_text(&c.source_outlet.to_csv("source")),
        Table::KindOutlet => csv_text(&c.kind_outlet.to_csv("kind")),
        Table::LabelSource => csv_text(&c.label_source.to_csv("label")),
        Table::LabelCooccurrence => csv_text(&derived.cooccurrence.to_csv("label")),
        Table::Citations => c.citations_csv(),
        Table::Timeline => c.timeline_csv(),
    }
}

/// Write `text` to `path`; the outcome as a message for the window.
pub fn write_text(path: &Path, text: &str) -> Result<String, String> {
    check_folder(path)?;
    std::fs::write(path, text)
        .map(|()| format!("Saved {}.", path.display()))
        .map_err(|e| {
            format!(
                "Could not write {}: {e}. Choose a folder you can write to.",
                path.display()
            )
        })
}

fn check_folder(path: &Path) -> Result<(), String> {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Err(format!(
            "The folder {} does not exist; create it first or choose another path.",
            dir.display()
        )),
        _ => Ok(()),
    }
}

/// Crop the screenshot `image` to `rect` (points; `ppp` pixels per point) and save it as PNG.
pub fn save_png(
    image: &egui::ColorImage,
    rect: egui::Rect,
    ppp: f32,
    path: &Path,
) -> Result<String, String> {
    check_folder(path)?;
    let [w, h] = image.size;
    // Whole pixels inside the image.
    let x0 = ((rect.min.x * ppp).floor().max(0.0) as usize).min(w);
    let y0 = ((rect.min.y * ppp).floor().max(0.0) as usize).min(h);
    let x1 = ((rect.max.x * ppp).ceil().max(0.0) as usize).min(w);
    let y1 = ((rect.max.y * ppp).ceil().max(0.0) as usize).min(h);
    if x1 <= x0 || y1 <= y0 {
        return Err("The chart is not on the screen: show it, then save it again.".into());
    }
    let mut bytes = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for px in &image.pixels[y * w + x0..y * w + x1] {
            bytes.extend_from_slice(&px.to_srgba_unmultiplied());
        }
    }
    let (cw, ch) = ((x1 - x0) as u32, (y1 - y0) as u32);
    image::save_buffer_with_format(
        path,
        &bytes,
        cw,
        ch,
        image::ExtendedColorType::Rgba8,
        image::ImageFormat::Png,
    )
    .map(|()| format!("Saved {} ({cw}×{ch} pixels).", path.display()))
    .map_err(|e| {
        format!(
            "Could not write {}: {e}. Choose a folder you can write to.",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, ColorImage, Rect, pos2};

    #[test]
    fn a_png_is_the_chart_cropped_at_the_pixel_scale() {
        let dir = tempfile::tempdir().unwrap();
        // 20×10 pixels: red left half, blue right half; 2 pixels per point.
        let mut img = ColorImage::filled([20, 10], Color32::RED);
        for y in 0..10 {
            for x in 10..20 {
                img.pixels[y * 20 + x] = Color32::BLUE;
            }
        }
        let path = dir.path().join("chart.png");
        let rect = Rect::from_min_max(pos2(4.0, 1.0), pos2(8.0, 4.0));
        let msg = save_png(&img, rect, 2.0, &path).unwrap();
        assert!(msg.contains("8×6"), "{msg}");
        let back = image::open(&path).unwrap().to_rgba8();
        assert_eq!(back.dimensions(), (8, 6));
        assert_eq!(back.get_pixel(0, 0).0, [255, 0, 0, 255]);
        assert_eq!(back.get_pixel(7, 5).0, [0, 0, 255, 255]);
        // Off the image: nothing written.
        let off = Rect::from_min_max(pos2(30.0, 30.0), pos2(40.0, 40.0));
        assert!(save_png(&img, off, 2.0, &dir.path().join("off.png")).is_err());
        assert!(!dir.path().join("off.png").exists());
        // A missing folder is named.
        let err = save_png(&img, rect, 2.0, &dir.path().join("no/such.png")).unwrap_err();
        assert!(err.contains("does not exist"), "{err}");
    }

    #[test]
    fn names_and_endings() {
        assert_eq!(
            FileRequest::Csv(Table::LabelCooccurrence).suggested(),
            "corpus-label-cooccurrence.csv"
        );
        assert_eq!(
            FileRequest::Png(Chart::Timeline).suggested(),
            "corpus-over-time.png"
        );
        assert_eq!(
            with_ending(Path::new("/a/b"), "png"),
            PathBuf::from("/a/b.png")
        );
        assert_eq!(
            with_ending(Path::new("/a/b.csv"), "png"),
            PathBuf::from("/a/b.csv")
        );
    }
}
