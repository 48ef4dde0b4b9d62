//! The reader's layout: a document's paragraphs, their cached heights and galleys for one wrap
//! width and font size, where a char or a paragraph is on screen.

use super::*;

impl ReaderState {
    /// The char at the top of the view last frame and its distance below the view's top.
    pub(super) fn top_anchor(&self) -> Option<(usize, f32)> {
        let clip = self.clip_rect?;
        let p = self
            .placed
            .iter()
            .find(|p| p.pos.y + p.galley.size().y > clip.min.y)?;
        let at = self.offset_at(pos2(p.pos.x + 1.0, clip.min.y.max(p.pos.y) + 1.0))?;
        let rect = self.char_rect(at)?;
        Some((at, rect.min.y - clip.min.y))
    }

    /// The content y of char `at` (top of its row), after laying out a screenful above and
    /// below its paragraph so that nothing near it is an estimate.
    pub(super) fn content_y_of(
        &mut self,
        ui: &Ui,
        text: &str,
        at: usize,
        font_id: &FontId,
        view_height: f32,
    ) -> Option<f32> {
        let n = self.doc.chars.len();
        let at = at.min(self.doc.char_len);
        let p = self.doc.para_at_or_after(at)?;
        let mut covered = 0.0;
        let mut j = p;
        while j > 0 && covered < view_height {
            j -= 1;
            covered += self.galley(ui, text, j, font_id).size().y;
        }
        let mut k = p;
        covered = 0.0;
        while k < n && covered < 2.0 * view_height {
            covered += self.galley(ui, text, k, font_id).size().y;
            k += 1;
        }
        if self.layouts.dirty {
            self.layouts.recompute_tops();
        }
        let g = self.galley(ui, text, p, font_id);
        let local = at.saturating_sub(self.doc.chars[p].start);
        let row = cursor_rect(&g, Pos2::ZERO, local.min(self.doc.chars[p].len()));
        Some(self.layouts.tops[p] + row.min.y)
    }

    pub(super) fn index_marks(&mut self, input: &ReaderInput<'_>) {
        if self.marks.version == Some(input.marks_version) && self.marks.doc_id == input.doc_id {
            return;
        }
        let mut by_para = vec![Vec::new(); self.doc.chars.len()];
        for (mi, m) in input.marks.iter().enumerate() {
            if m.start >= m.end {
                continue;
            }
            let Some(mut p) = self.doc.para_at_or_after(m.start) else {
                break;
            };
            while let Some(r) = self.doc.chars.get(p) {
                if r.start >= m.end {
                    break;
                }
                if r.end > m.start {
                    by_para[p].push(mi as u32);
                }
                p += 1;
            }
        }
        let names = input
            .marks
            .iter()
            .map(|m| match input.describe {
                Some(describe) => describe(m),
                None => super::access::role_name(m.role).to_owned(),
            })
            .collect();
        self.marks = MarkIndex {
            version: Some(input.marks_version),
            doc_id: input.doc_id.to_owned(),
            by_para,
            names,
        };
    }

    pub(super) fn prepare_layouts(
        &mut self,
        ui: &Ui,
        font_id: &FontId,
        width: f32,
        color: Color32,
    ) {
        let l = &mut self.layouts;
        let n = self.doc.chars.len();
        let same_metrics = l.width == width && l.font_size == font_id.size && l.heights.len() == n;
        if same_metrics {
            if l.color != color {
                // A theme change: same heights, new text colour.
                l.color = color;
                l.galleys.clear();
            }
            return;
        }
        let sample = "The quick brown fox jumps over the lazy dog, said the report.";
        let galley = ui.fonts_mut(|f| f.layout_no_wrap(sample.to_owned(), font_id.clone(), color));
        l.avg_char_width = galley.size().x / sample.chars().count() as f32;
        l.row_height = (font_id.size * LINE_SPACING).round();
        l.gap = (font_id.size * PARAGRAPH_GAP).round();
        l.width = width;
        l.font_size = font_id.size;
        l.color = color;
        l.galleys.clear();
        let heights: Vec<f32> = self.doc.chars.iter().map(|r| l.estimate(r.len())).collect();
        l.heights = heights;
        l.recompute_tops();
    }

    /// The galley of paragraph `i`, laid out if not cached; corrects its height.
    pub(super) fn galley(
        &mut self,
        ui: &Ui,
        text: &str,
        i: usize,
        font_id: &FontId,
    ) -> Arc<Galley> {
        if let Some(g) = self.layouts.galleys.get(&i) {
            return g.clone();
        }
        let l = &mut self.layouts;
        let bytes = self.doc.bytes[i].clone();
        let mut job = LayoutJob::single_section(
            text[bytes].to_owned(),
            TextFormat {
                font_id: font_id.clone(),
                color: l.color,
                line_height: Some(l.row_height),
                ..Default::default()
            },
        );
        job.wrap.max_width = l.width;
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let h = galley.size().y + l.gap;
        if (l.heights[i] - h).abs() > 0.01 {
            l.heights[i] = h;
            l.dirty = true;
        }
        if l.galleys.len() > 4096 {
            l.galleys.clear();
        }
        l.galleys.insert(i, galley.clone());
        galley
    }
}

impl DocIndex {
    pub(super) fn new(doc_id: &str, text: &str) -> Self {
        let chars = text::paragraphs(text);
        let mut bytes = Vec::with_capacity(chars.len());
        let mut it = text.chars();
        let (mut ci, mut bi) = (0usize, 0usize);
        for r in &chars {
            while ci < r.start {
                bi += it.next().map_or(0, char::len_utf8);
                ci += 1;
            }
            let b0 = bi;
            while ci < r.end {
                bi += it.next().map_or(0, char::len_utf8);
                ci += 1;
            }
            bytes.push(b0..bi);
        }
        let char_len = ci + it.count();
        Self {
            doc_id: doc_id.to_owned(),
            text_len: text.len(),
            chars,
            bytes,
            char_len,
        }
    }

    pub(super) fn matches(&self, doc_id: &str, text: &str) -> bool {
        self.doc_id == doc_id && self.text_len == text.len()
    }

    /// The paragraph containing char `at`, or the next one after it (clamped to the last).
    pub(super) fn para_at_or_after(&self, at: usize) -> Option<usize> {
        if self.chars.is_empty() {
            return None;
        }
        let i = self.chars.partition_point(|r| r.end <= at);
        Some(i.min(self.chars.len() - 1))
    }

    /// Byte range of the lines from paragraph `a` to paragraph `b` (inclusive), with their
    /// char offset: enough context for grapheme and word segmentation.
    pub(super) fn span_text<'t>(&self, text: &'t str, a: usize, b: usize) -> (&'t str, usize) {
        let (Some(first), Some(last)) = (self.bytes.get(a), self.bytes.get(b)) else {
            return ("", 0);
        };
        (
            &text[first.start..last.end.max(first.start)],
            self.chars[a].start,
        )
    }
}

impl Layouts {
    pub(super) fn estimate(&self, chars: usize) -> f32 {
        let per_row = (self.width / self.avg_char_width.max(1.0)).max(1.0);
        let rows = ((chars as f32) / per_row).ceil().max(1.0);
        rows * self.row_height + self.gap
    }

    pub(super) fn recompute_tops(&mut self) {
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        self.tops.push(0.0);
        for h in &self.heights {
            y += h;
            self.tops.push(y);
        }
        self.dirty = false;
    }

    pub(super) fn total(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The paragraph at content height `y` (clamped).
    pub(super) fn para_at_y(&self, y: f32) -> usize {
        let n = self.heights.len();
        if n == 0 {
            return 0;
        }
        self.tops[1..].partition_point(|&t| t <= y).min(n - 1)
    }
}

/// Screen rects (one per row) of the galley's chars `a..b`, the galley drawn at `pos`.
pub(super) fn range_rects(galley: &Galley, pos: Pos2, a: usize, b: usize) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut k = 0;
    for row in &galley.rows {
        let n = row.glyphs.len();
        let (s, e) = (a.max(k), b.min(k + n));
        if s < e {
            let x0 = row.pos.x + row.x_offset((s - k).into());
            let x1 = row.pos.x + row.x_offset((e - k).into());
            out.push(Rect::from_min_max(
                pos + vec2(x0, row.min_y()),
                pos + vec2(x1, row.max_y()),
            ));
        }
        k += n + usize::from(row.ends_with_newline);
        if k >= b {
            break;
        }
    }
    out
}

/// Screen rect of the caret before char `at` of the galley drawn at `pos`.
pub(super) fn cursor_rect(galley: &Galley, pos: Pos2, at: usize) -> Rect {
    galley
        .pos_from_cursor(CCursor::new(at))
        .translate(pos.to_vec2())
}
