//! The reader's painting: highlights, the selection and find matches as shapes under and over
//! the cached galleys (marks flattened into disjoint sections, nested underlines stacked).

use super::*;

impl ReaderState {
    pub(super) fn paint(&self, ui: &Ui, input: &ReaderInput<'_>, text_color: Color32, dark: bool) {
        let painter = ui.painter();
        let now = ui.input(|i| i.time);
        let flash = self
            .flash
            .filter(|&(_, _, t0)| now - t0 < FLASH_SECONDS && now >= t0);
        if flash.is_some() {
            ui.ctx().request_repaint();
        }
        let sel = self.fragment_preview.or(self.selection);
        let sel_fill = ui.visuals().selection.bg_fill.gamma_multiply(0.75);
        let find_fill = if dark {
            Color32::from_rgba_unmultiplied(200, 170, 40, 90)
        } else {
            Color32::from_rgba_unmultiplied(255, 220, 0, 110)
        };
        let find_current = if dark {
            Color32::from_rgb(230, 130, 20)
        } else {
            Color32::from_rgb(255, 150, 30)
        };
        let mention_color = role_color(Role::Mention, dark);
        let cue_color = role_color(Role::Cue, dark);
        let fill_alpha: f32 = if dark { 0.30 } else { 0.38 };
        // Highlight boxes hug the glyphs, leaving the line gap for stacked underlines.
        let tight_height = (input.font_size * 1.3).round();
        let mut lines: Vec<(Pos2, Pos2, Stroke)> = Vec::new();
        let mut boxes: Vec<(Rect, Stroke)> = Vec::new();
        let mut dashed: Vec<(Rect, Stroke)> = Vec::new();
        let mut ghost_lines: Vec<(Pos2, Pos2, Stroke)> = Vec::new();

        for p in &self.placed {
            let r = &self.doc.chars[p.para];
            let rects = |s: usize, e: usize| -> Vec<Rect> {
                let (s, e) = (s.max(r.start), e.min(r.end));
                if s >= e {
                    return Vec::new();
                }
                range_rects(&p.galley, p.pos, s - r.start, e - r.start)
                    .into_iter()
                    .map(|rc| rc.shrink2(vec2(0.0, ((rc.height() - tight_height) / 2.0).max(0.0))))
                    .collect()
            };

            // Find matches (sorted by start).
            let fi = input.find.partition_point(|&(_, e)| e <= r.start);
            for (k, &(s, e)) in input.find.iter().enumerate().skip(fi) {
                if s >= r.end {
                    break;
                }
                let current = input.find_current == Some(k);
                for rc in rects(s, e) {
                    if current {
                        painter.rect_filled(rc, 2.0, find_current.gamma_multiply(0.55));
                        boxes.push((rc, Stroke::new(1.5, find_current)));
                    } else {
                        painter.rect_filled(rc, 2.0, find_fill);
                    }
                }
            }

            // Content highlights: each mark adds its own translucent fill, so overlaps are
            // darker and mixed; each mark also gets an underline at its nesting level.
            let marks: Vec<&Mark> = self
                .marks
                .by_para
                .get(p.para)
                .map(|v| {
                    v.iter()
                        .filter_map(|&m| input.marks.get(m as usize))
                        .collect()
                })
                .unwrap_or_default();
            let contents: Vec<&Mark> = marks
                .iter()
                .copied()
                .filter(|m| m.role == Role::Content)
                .collect();
            let levels = nesting_levels(&contents);
            for section in flatten(&contents, r.start, r.end) {
                for &mi in &section.marks {
                    let m = contents[mi];
                    let selected = input.selected_claim == Some(m.claim.as_str());
                    let alpha = if selected {
                        fill_alpha * if dark { 1.5 } else { 1.8 }
                    } else {
                        fill_alpha
                    };
                    // On a dark background a bright fill would drown light text: darken it.
                    let base = if dark {
                        m.color.gamma_multiply(0.45).to_opaque()
                    } else {
                        m.color
                    };
                    for rc in rects(section.start, section.end) {
                        painter.rect_filled(rc, 0.0, base.gamma_multiply(alpha));
                    }
                }
                for &mi in &section.marks {
                    let m = contents[mi];
                    let selected = input.selected_claim == Some(m.claim.as_str());
                    let level = levels[mi] as f32;
                    let width = if selected { 2.5 } else { 1.5 };
                    let color = if selected {
                        strong(m.color, dark)
                    } else {
                        m.color
                    };
                    for rc in rects(section.start, section.end) {
                        let y = rc.max.y + 1.0 + level * 3.0;
                        lines.push((
                            pos2(rc.min.x, y),
                            pos2(rc.max.x, y),
                            Stroke::new(width, color),
                        ));
                    }
                }
            }

            // Mentions and cues: boxed (mention) and double-underlined (cue); strong for the
            // selected claim, faint for the others.
            for m in marks.iter().filter(|m| m.role != Role::Content) {
                let selected = input.selected_claim == Some(m.claim.as_str());
                for rc in rects(m.start, m.end) {
                    match (m.role, selected) {
                        (Role::Mention, true) => {
                            painter.rect_filled(rc, 3.0, mention_color.gamma_multiply(0.18));
                            boxes.push((rc.expand(1.0), Stroke::new(2.0, mention_color)));
                        }
                        (Role::Mention, false) => {
                            boxes.push((rc, Stroke::new(1.0, m.color.gamma_multiply(0.8))));
                        }
                        (Role::Cue, true) => {
                            painter.rect_filled(rc, 3.0, cue_color.gamma_multiply(0.18));
                            let stroke = Stroke::new(2.0, cue_color);
                            for dy in [0.0, 3.5] {
                                let y = rc.max.y + 1.0 - dy;
                                lines.push((pos2(rc.min.x, y), pos2(rc.max.x, y), stroke));
                            }
                        }
                        (Role::Cue, false) => {
                            let y = rc.max.y;
                            let stroke = Stroke::new(1.0, m.color.gamma_multiply(0.9));
                            lines.push((pos2(rc.min.x, y), pos2(rc.max.x, y), stroke));
                        }
                        (Role::Theirs, _) => {
                            painter.rect_filled(rc, 0.0, m.color.gamma_multiply(0.12));
                            let width = if selected { 2.5 } else { 1.5 };
                            dashed.push((rc.expand(1.5), Stroke::new(width, m.color)));
                        }
                        (Role::GhostContent, selected) => {
                            if selected {
                                painter.rect_filled(rc, 0.0, m.color.gamma_multiply(0.12));
                            }
                            let width = if selected { 2.0 } else { 1.2 };
                            dashed.push((rc.expand(1.0), Stroke::new(width, m.color)));
                        }
                        (Role::GhostMention, selected) => {
                            let width = if selected { 2.0 } else { 1.0 };
                            dashed.push((rc.expand(0.5), Stroke::new(width, mention_color)));
                        }
                        (Role::GhostCue, selected) => {
                            let y = rc.max.y + 1.0;
                            let width = if selected { 2.0 } else { 1.2 };
                            ghost_lines.push((
                                pos2(rc.min.x, y),
                                pos2(rc.max.x, y),
                                Stroke::new(width, cue_color),
                            ));
                        }
                        (Role::Content, _) => {}
                    }
                }
            }

            if let Some((s, e, t0)) = flash {
                let phase = ((now - t0) / FLASH_SECONDS) as f32;
                let pulse = (phase * std::f32::consts::TAU * 2.0).sin().abs() * (1.0 - phase);
                for rc in rects(s, e) {
                    painter.rect_filled(
                        rc.expand(2.0),
                        3.0,
                        find_current.gamma_multiply(0.6 * pulse),
                    );
                }
            }
            if let Some((s, e)) = sel {
                for rc in rects(s, e) {
                    painter.rect_filled(rc, 0.0, sel_fill);
                }
            }
            painter.galley(p.pos, p.galley.clone(), text_color);
        }
        for (a, b, stroke) in lines {
            painter.line_segment([a, b], stroke);
        }
        for (rc, stroke) in boxes {
            painter.rect_stroke(rc, 3.0, stroke, StrokeKind::Outside);
        }
        for (rc, stroke) in dashed {
            painter.extend(dashed_rect(rc, stroke));
        }
        for (a, b, stroke) in ghost_lines {
            painter.extend(egui::Shape::dashed_line(&[a, b], stroke, 4.0, 3.0));
        }
        // The keyboard caret, while the reader has the keyboard: a solid bar (no blinking).
        if self.focused
            && let Some(at) = self.caret
            && let Some(p) = self.placed_for(at)
        {
            let local = at - self.doc.chars[p.para].start;
            let r = cursor_rect(&p.galley, p.pos, local);
            let stroke = Stroke::new(2.0, text_color);
            painter.line_segment([r.center_top(), r.center_bottom()], stroke);
        }
    }
}

/// The outline of `r` as dashes (another annotator's claim while comparing).
pub fn dashed_rect(r: Rect, stroke: Stroke) -> Vec<egui::Shape> {
    let points = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    egui::Shape::dashed_line(&points, stroke, 4.0, 3.0)
}

/// A darker (light theme) or lighter (dark theme) version of a label colour for strong lines.
pub(super) fn strong(c: Color32, dark: bool) -> Color32 {
    let f = |v: u8| -> u8 {
        if dark {
            (v as f32 + (255.0 - v as f32) * 0.35) as u8
        } else {
            (v as f32 * 0.6) as u8
        }
    };
    Color32::from_rgb(f(c.r()), f(c.g()), f(c.b()))
}

/// The innermost (shortest) content mark covering char `c`, as a claim id.
pub(super) fn innermost_claim(
    marks: &[Mark],
    index: &MarkIndex,
    doc: &DocIndex,
    c: usize,
) -> Option<String> {
    let p = doc.para_at_or_after(c)?;
    index
        .by_para
        .get(p)?
        .iter()
        .filter_map(|&m| marks.get(m as usize))
        .filter(|m| {
            matches!(m.role, Role::Content | Role::GhostContent) && m.start <= c && c < m.end
        })
        .min_by_key(|m| m.end - m.start)
        .map(|m| m.claim.clone())
}

/// A maximal run of chars covered by the same set of marks.
#[derive(Debug, PartialEq)]
pub(super) struct Section {
    start: usize,
    end: usize,
    /// Indices into the marks given to [`flatten`].
    marks: Vec<usize>,
}

/// Flatten possibly overlapping marks into disjoint sections within `lo..hi` (a sweep over the
/// marks' boundaries); runs covered by no mark are left out.
pub(super) fn flatten(marks: &[&Mark], lo: usize, hi: usize) -> Vec<Section> {
    let mut bounds: Vec<usize> = Vec::with_capacity(marks.len() * 2 + 2);
    for m in marks {
        bounds.push(m.start.clamp(lo, hi));
        bounds.push(m.end.clamp(lo, hi));
    }
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = Vec::new();
    for w in bounds.windows(2) {
        let (s, e) = (w[0], w[1]);
        if s >= e {
            continue;
        }
        let covering: Vec<usize> = marks
            .iter()
            .enumerate()
            .filter(|(_, m)| m.start <= s && e <= m.end)
            .map(|(i, _)| i)
            .collect();
        if !covering.is_empty() {
            out.push(Section {
                start: s,
                end: e,
                marks: covering,
            });
        }
    }
    out
}

/// A nesting level per mark (greedy interval colouring, longer marks first among equal
/// starts): overlapping marks get different levels, so their underlines stack.
pub(super) fn nesting_levels(marks: &[&Mark]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| (marks[i].start, std::cmp::Reverse(marks[i].end)));
    let mut levels = vec![0u32; marks.len()];
    // End of the last mark on each level.
    let mut level_end: Vec<usize> = Vec::new();
    for i in order {
        let m = marks[i];
        let free = level_end.iter().position(|&e| e <= m.start);
        let l = match free {
            Some(l) => {
                level_end[l] = m.end;
                l
            }
            None => {
                level_end.push(m.end);
                level_end.len() - 1
            }
        };
        levels[i] = l as u32;
    }
    levels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, claim: &str) -> Mark {
        Mark {
            start,
            end,
            color: Color32::RED,
            claim: claim.to_owned(),
            role: Role::Content,
        }
    }

    #[test]
    fn flatten_splits_overlaps_and_nesting_into_disjoint_sections() {
        let a = mark(0, 10, "a");
        let b = mark(5, 15, "b");
        let c = mark(6, 8, "c");
        let marks = [&a, &b, &c];
        let got = flatten(&marks, 0, 20);
        let want = vec![
            Section {
                start: 0,
                end: 5,
                marks: vec![0],
            },
            Section {
                start: 5,
                end: 6,
                marks: vec![0, 1],
            },
            Section {
                start: 6,
                end: 8,
                marks: vec![0, 1, 2],
            },
            Section {
                start: 8,
                end: 10,
                marks: vec![0, 1],
            },
            Section {
                start: 10,
                end: 15,
                marks: vec![1],
            },
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn flatten_clips_to_the_paragraph() {
        let a = mark(0, 10, "a");
        let got = flatten(&[&a], 4, 6);
        assert_eq!(
            got,
            vec![Section {
                start: 4,
                end: 6,
                marks: vec![0]
            }]
        );
    }

    #[test]
    fn nesting_levels_stack_overlapping_marks() {
        let outer = mark(0, 20, "outer");
        let inner = mark(5, 10, "inner");
        let later = mark(12, 14, "later");
        let apart = mark(30, 40, "apart");
        let levels = nesting_levels(&[&inner, &outer, &later, &apart]);
        assert_eq!(levels, vec![1, 0, 1, 0]);
    }

    #[test]
    fn doc_index_byte_ranges_match_char_ranges() {
        let text = "Bộ Ngoại\n\n👍🏽 yes\nlast";
        let d = DocIndex::new("d", text);
        assert_eq!(d.chars.len(), 3);
        for (c, b) in d.chars.iter().zip(&d.bytes) {
            assert_eq!(text::slice_chars(text, c.start, c.end), &text[b.clone()]);
        }
        assert_eq!(d.char_len, text.chars().count());
    }
}
