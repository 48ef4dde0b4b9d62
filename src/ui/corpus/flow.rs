//! The Who cites whom tab: the flow outlet → intermediary (via) → source, painted as three
//! columns of nodes joined by bands whose width follows the claims (a Sankey diagram; egui_plot
//! has no such chart, so it is painted here), a hover names an edge's or node's count and a
//! click lists its claims; below, for one source, who relays it, in which outlets, and which
//! claims nest inside its claims.

use super::{Chart, CorpusView, FileRequest, Place, Table};
use crate::corpus::flow::{Edge, Node, nested_in};
use crate::corpus::{Corpus, Figure, Key};
use crate::model::Project;
use crate::words::plural;
use egui::epaint::CubicBezierShape;
use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, pos2, vec2};

pub(super) fn show(
    ui: &mut egui::Ui,
    p: &Project,
    c: &Corpus,
    view: &mut CorpusView,
    clicked: &mut Option<(String, Figure)>,
) {
    let derived = view.derived(p);
    let group = ui.vertical(|ui| {
        ui.horizontal(|ui| {
            ui.strong(Chart::Flow.title());
            ui.label(
                RichText::new(format!(
                    "outlet → intermediary (via) → source; the {} largest of each column, the \
                     rest lumped",
                    super::FLOW_TOP
                ))
                .weak(),
            );
            if super::charts::save_png_button(ui, "Save the flow as a PNG image", view.shooting) {
                view.request = Some(FileRequest::Png(Chart::Flow));
            }
            super::csv_buttons(ui, p, Table::Citations, c, view);
        });
        if let Some(hit) = diagram(ui, &derived.flow) {
            *clicked = Some(hit);
        }
    });
    view.places.insert(
        Chart::Flow,
        Place {
            rect: group.response.rect.intersect(ui.clip_rect()),
            plot: None,
        },
    );
    ui.separator();
    one_source(ui, p, c, view, &derived.nesting, clicked);
}

/// Where a node sits: its rectangle and, per edge end, the next free offset.
struct Laid {
    rect: Rect,
    out_used: f32,
    in_used: f32,
}

fn lay_column(nodes: &[Node], x: f32, top: f32, height: f32) -> Vec<Laid> {
    const GAP: f32 = 10.0;
    const MIN: f32 = 6.0;
    let total: usize = nodes.iter().map(|n| n.figure.count()).sum::<usize>().max(1);
    let free =
        (height - GAP * nodes.len().saturating_sub(1) as f32 - MIN * nodes.len() as f32).max(0.0);
    let mut y = top;
    nodes
        .iter()
        .map(|n| {
            let h = MIN + free * n.figure.count() as f32 / total as f32;
            let rect = Rect::from_min_size(pos2(x, y), vec2(12.0, h));
            y += h + GAP;
            Laid {
                rect,
                out_used: 0.0,
                in_used: 0.0,
            }
        })
        .collect()
}

/// A painted band: its curve, width and what it stands for.
struct Band {
    curve: [Pos2; 4],
    width: f32,
    title: String,
    figure: Figure,
}

/// Bands from `from` nodes to `to` nodes, stacked at both ends in proportion to their claims.
fn bands(edges: &[Edge], from: &[Node], to: &[Node], a: &mut [Laid], b: &mut [Laid]) -> Vec<Band> {
    let mut sorted: Vec<&Edge> = edges.iter().collect();
    // Stacked in the order of the other end, so bands do not cross more than they must.
    sorted.sort_by_key(|e| (e.from, e.to));
    let out_total = |i: usize| -> usize {
        edges
            .iter()
            .filter(|e| e.from == i)
            .map(|e| e.figure.count())
            .sum::<usize>()
            .max(1)
    };
    let in_total = |i: usize| -> usize {
        edges
            .iter()
            .filter(|e| e.to == i)
            .map(|e| e.figure.count())
            .sum::<usize>()
            .max(1)
    };
    let outs: Vec<usize> = (0..from.len()).map(out_total).collect();
    let ins: Vec<usize> = (0..to.len()).map(in_total).collect();
    let mut out = Vec::new();
    for e in sorted {
        let n = e.figure.count() as f32;
        let (ra, rb) = (a[e.from].rect, b[e.to].rect);
        let ha = ra.height() * n / outs[e.from] as f32;
        let hb = rb.height() * n / ins[e.to] as f32;
        let y0 = ra.top() + a[e.from].out_used + ha / 2.0;
        let y1 = rb.top() + b[e.to].in_used + hb / 2.0;
        a[e.from].out_used += ha;
        b[e.to].in_used += hb;
        let (x0, x1) = (ra.right(), rb.left());
        let dx = (x1 - x0) / 2.0;
        let width = ha.min(hb).max(1.5);
        out.push(Band {
            curve: [
                pos2(x0, y0),
                pos2(x0 + dx, y0),
                pos2(x1 - dx, y1),
                pos2(x1, y1),
            ],
            width,
            title: format!("{} → {}", from[e.from].key.name, to[e.to].key.name),
            figure: e.figure.clone(),
        });
    }
    out
}

fn distance_to(curve: &[Pos2; 4], p: Pos2) -> f32 {
    let shape =
        CubicBezierShape::from_points_stroke(*curve, false, Color32::TRANSPARENT, Stroke::NONE);
    let pts: Vec<Pos2> = (0..=32).map(|i| shape.sample(i as f32 / 32.0)).collect();
    pts.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let ab = b - a;
            let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
            (a + ab * t).distance(p)
        })
        .fold(f32::INFINITY, f32::min)
}

/// Paint the flow; returns the clicked band's or node's title and claims.
fn diagram(ui: &mut egui::Ui, flow: &crate::corpus::flow::Flow) -> Option<(String, Figure)> {
    if flow.outlets.is_empty() {
        ui.label(RichText::new("No claims.").weak());
        return None;
    }
    let rows = flow
        .outlets
        .len()
        .max(flow.vias.len())
        .max(flow.sources.len());
    let height = (40.0 * rows as f32).clamp(240.0, 520.0);
    let width = ui.available_width().max(600.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, height + 24.0), Sense::click());
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let font = FontId::proportional(12.0);
    let top = rect.top() + 20.0;
    // Label room: outlets' names left of their nodes, the others right of theirs.
    let xs = [
        rect.left() + 170.0,
        rect.center().x - 6.0,
        rect.right() - 190.0,
    ];
    for (x, title) in xs.iter().zip(["Outlet", "Via (intermediary)", "Source"]) {
        painter.text(
            pos2(x + 6.0, rect.top()),
            Align2::CENTER_TOP,
            title,
            FontId::proportional(13.0),
            text,
        );
    }
    let mut cols = [
        lay_column(&flow.outlets, xs[0], top, height),
        lay_column(&flow.vias, xs[1], top, height),
        lay_column(&flow.sources, xs[2], top, height),
    ];
    let [c0, c1, c2] = &mut cols;
    let mut all = bands(&flow.outlet_via, &flow.outlets, &flow.vias, c0, c1);
    all.extend(bands(&flow.via_source, &flow.vias, &flow.sources, c1, c2));
    let pointer = response.hover_pos();
    // The band under the pointer: the nearest within its half-width (plus a little).
    let hovered = pointer.and_then(|p| {
        all.iter()
            .enumerate()
            .map(|(i, b)| (i, distance_to(&b.curve, p), b.width))
            .filter(|(_, d, w)| *d <= w / 2.0 + 2.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _, _)| i)
    });
    let accent = ui.visuals().selection.bg_fill;
    for (i, b) in all.iter().enumerate() {
        let color = if Some(i) == hovered {
            accent.gamma_multiply(0.95)
        } else {
            accent.gamma_multiply(0.35)
        };
        painter.add(CubicBezierShape::from_points_stroke(
            b.curve,
            false,
            Color32::TRANSPARENT,
            Stroke::new(b.width, color),
        ));
    }
    let node_color = ui.visuals().strong_text_color().gamma_multiply(0.7);
    let veil = ui.visuals().panel_fill.gamma_multiply(0.85);
    let mut node_hit: Option<(String, &Figure)> = None;
    for (k, (nodes, laid)) in [&flow.outlets, &flow.vias, &flow.sources]
        .into_iter()
        .zip(&cols)
        .enumerate()
    {
        for (n, l) in nodes.iter().zip(laid) {
            painter.rect_filled(l.rect, 2.0, node_color);
            let label = format!("{} ({})", n.key.name, n.figure.count());
            let (pos, align) = if k == 0 {
                (
                    pos2(l.rect.left() - 6.0, l.rect.center().y),
                    Align2::RIGHT_CENTER,
                )
            } else {
                (
                    pos2(l.rect.right() + 6.0, l.rect.center().y),
                    Align2::LEFT_CENTER,
                )
            };
            // On a veil of the panel's colour, so a label over bands stays readable.
            let galley = painter.layout_no_wrap(label, font.clone(), text);
            let at = align.anchor_size(pos, galley.size());
            painter.rect_filled(at.expand(1.0), 2.0, veil);
            painter.galley(at.min, galley, text);
            if pointer.is_some_and(|p| l.rect.expand(3.0).contains(p)) {
                node_hit = Some((n.key.name.to_string(), &n.figure));
            }
        }
    }
    let mut hit = None;
    if let Some((name, f)) = node_hit {
        let response = response
            .clone()
            .on_hover_text_at_pointer(format!("{name}: {}", plural(f.count(), "claim")));
        if response.clicked() {
            hit = Some((name, f.clone()));
        }
    } else if let Some(i) = hovered {
        let b = &all[i];
        let response = response.clone().on_hover_text_at_pointer(format!(
            "{}: {}",
            b.title,
            plural(b.figure.count(), "claim")
        ));
        if response.clicked() {
            hit = Some((b.title.clone(), b.figure.clone()));
        }
    }
    hit
}

/// For one source: who relays it, in which outlets, and which claims nest inside its claims.
fn one_source(
    ui: &mut egui::Ui,
    p: &Project,
    c: &Corpus,
    view: &mut CorpusView,
    nesting: &[(usize, usize)],
    clicked: &mut Option<(String, Figure)>,
) {
    let Some(first) = c.sources.first() else {
        return;
    };
    let focus = view
        .focus
        .as_ref()
        .and_then(|k| c.sources.iter().find(|s| &s.key == k))
        .unwrap_or(first);
    ui.horizontal(|ui| {
        ui.heading("One source");
        let l = ui.label("Source:");
        let mut chosen = focus.key.clone();
        egui::ComboBox::from_id_salt("corpus focus source")
            .selected_text(format!("{} ({})", focus.key.name, focus.figure.count()))
            .show_ui(ui, |ui| {
                for s in &c.sources {
                    let text = format!("{} ({})", s.key.name, s.figure.count());
                    ui.selectable_value(&mut chosen, s.key.clone(), text);
                }
            })
            .response
            .labelled_by(l.id);
        if chosen != focus.key {
            view.focus = Some(chosen);
        }
    });
    let relays = c.relays(&focus.key);
    let t = &c.source_outlet;
    let outlets: Vec<(Key, Figure)> = t
        .rows
        .iter()
        .position(|k| k == &focus.key)
        .map(|r| {
            (0..t.cols.len())
                .filter_map(|col| {
                    t.cells
                        .get(&(r, col))
                        .map(|f| (t.cols[col].clone(), f.clone()))
                })
                .collect()
        })
        .unwrap_or_default();
    let nested = nested_in(p, nesting, &focus.figure);
    let name = &focus.key.name;
    ui.columns(3, |cols| {
        let lists = [
            (format!("Relayed by (claims of {name})"), "via", &relays),
            ("In outlets".to_string(), "outlet", &outlets),
            (
                "Nested inside its claims".to_string(),
                "nested source",
                &nested,
            ),
        ];
        for (ui, (title, what, rows)) in cols.iter_mut().zip(lists) {
            ui.strong(title);
            if rows.is_empty() {
                ui.label(RichText::new("none").weak());
            }
            egui::Grid::new(format!("corpus one source {what}"))
                .striped(true)
                .show(ui, |ui| {
                    for (k, f) in rows.iter() {
                        if ui.link(&*k.name).clicked() {
                            let title = match what {
                                "via" => format!("{name} via {}", k.name),
                                "outlet" => format!("{name} · {}", k.name),
                                _ => format!("{} inside claims of {name}", k.name),
                            };
                            *clicked = Some((title, f.clone()));
                        }
                        ui.label(f.count().to_string());
                        ui.end_row();
                    }
                });
        }
    });
}
