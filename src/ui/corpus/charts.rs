//! The Charts tab: bars of the top sources, labels, outlets and source kinds, and the claims of
//! chosen sources over time (stacked bars by week, month or year), drawn with `egui_plot`.
//! A click on a bar lists its claims. Zoom and drag are off: the charts are read, not explored,
//! and a click must mean "these claims".

use super::{Chart, CorpusView, FileRequest, Place, Table};
use crate::corpus::{Corpus, Figure, Key};
use crate::model::Project;
use crate::words::plural;
use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, GridMark, Plot, PlotItem as _, PlotPoint};
use std::collections::HashMap;

/// Bars per chart.
pub const TOP: usize = 12;
/// Sources in the timeline when none are chosen.
const DEFAULT_SOURCES: usize = 5;
/// Periods in the timeline at most (ten years of weeks).
const MAX_PERIODS: usize = 520;

/// Distinct colours for the timeline's sources (Tableau 10).
const PALETTE: [Color32; 10] = [
    Color32::from_rgb(78, 121, 167),
    Color32::from_rgb(242, 142, 43),
    Color32::from_rgb(225, 87, 89),
    Color32::from_rgb(118, 183, 178),
    Color32::from_rgb(89, 161, 79),
    Color32::from_rgb(237, 201, 72),
    Color32::from_rgb(176, 122, 161),
    Color32::from_rgb(255, 157, 167),
    Color32::from_rgb(156, 117, 95),
    Color32::from_rgb(186, 176, 172),
];

pub(super) fn show(
    ui: &mut egui::Ui,
    p: &Project,
    c: &Corpus,
    view: &mut CorpusView,
    clicked: &mut Option<(String, Figure)>,
) {
    let sources: Vec<(&Key, &Figure)> = c.sources.iter().map(|r| (&r.key, &r.figure)).collect();
    let labels: Vec<(&Key, &Figure)> = c.labels.iter().map(|r| (&r.key, &r.figure)).collect();
    let outlets: Vec<(&Key, &Figure)> = c.outlets.iter().map(|r| (&r.key, &r.figure)).collect();
    let kinds: Vec<(&Key, &Figure)> = c.kinds.iter().map(|r| (&r.key, &r.figure)).collect();
    let accent = ui.visuals().selection.bg_fill;
    ui.columns(2, |cols| {
        let [left, right] = cols else { return };
        for (ui, chart, rows) in [
            (&mut *left, Chart::Sources, &sources),
            (&mut *right, Chart::Outlets, &outlets),
        ] {
            if let Some(hit) = bars(ui, view, chart, rows, accent) {
                *clicked = Some(hit);
            }
        }
    });
    ui.columns(2, |cols| {
        let [left, right] = cols else { return };
        for (ui, chart, rows) in [
            (&mut *left, Chart::Labels, &labels),
            (&mut *right, Chart::Kinds, &kinds),
        ] {
            if let Some(hit) = bars(ui, view, chart, rows, accent) {
                *clicked = Some(hit);
            }
        }
    });
    ui.separator();
    if let Some(hit) = timeline(ui, p, c, view) {
        *clicked = Some(hit);
    }
}

/// A name short enough for an axis.
fn short(name: &str) -> String {
    const MAX: usize = 22;
    if name.chars().count() <= MAX {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(MAX - 1).collect();
        s.push('…');
        s
    }
}

/// A chart's title and Save PNG button; returns whether the button was clicked.
/// While `shooting` (the frame a PNG is taken) the button keeps its room but is not drawn, so the
/// image holds the chart alone, not the hovered button.
fn title_row(ui: &mut egui::Ui, chart: Chart, extra: &str, shooting: bool) -> bool {
    ui.horizontal(|ui| {
        ui.strong(chart.title());
        if !extra.is_empty() {
            ui.label(RichText::new(extra).weak());
        }
        save_png_button(
            ui,
            &format!("Save “{}” as a PNG image", chart.title()),
            shooting,
        )
    })
    .inner
}

/// "Save PNG…", drawn invisibly (same room, no hover, no tooltip) while a PNG is being taken.
pub(super) fn save_png_button(ui: &mut egui::Ui, hover: &str, shooting: bool) -> bool {
    ui.scope(|ui| {
        if shooting {
            ui.set_invisible();
        }
        ui.small_button("Save PNG…").on_hover_text(hover).clicked()
    })
    .inner
}

/// One marked grid line per whole number in the visible range (every `step`-th).
fn whole_marks(min: f64, max: f64, step: usize) -> Vec<GridMark> {
    let (lo, hi) = (min.ceil().max(0.0) as i64, max.floor() as i64);
    (lo..=hi)
        .filter(|v| (*v as usize).is_multiple_of(step.max(1)))
        .map(|v| GridMark {
            value: v as f64,
            step_size: step.max(1) as f64,
        })
        .collect()
}

/// A plot that only answers clicks and hovers.
fn still_plot(id: &str, height: f32) -> Plot<'_> {
    Plot::new(id)
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .show_grid([true, false])
}

/// Horizontal bars of the first [`TOP`] rows (largest at the top). Returns the clicked bar's
/// name and claims.
fn bars(
    ui: &mut egui::Ui,
    view: &mut CorpusView,
    chart: Chart,
    rows: &[(&Key, &Figure)],
    color: Color32,
) -> Option<(String, Figure)> {
    let shown = &rows[..rows.len().min(TOP)];
    let n = shown.len();
    let extra = if rows.len() > n {
        format!("(the {n} largest of {})", rows.len())
    } else {
        String::new()
    };
    let mut hit = None;
    let group = ui.vertical(|ui| {
        if title_row(ui, chart, &extra, view.shooting) {
            view.request = Some(FileRequest::Png(chart));
        }
        if n == 0 {
            ui.label(RichText::new("No claims.").weak());
            return None;
        }
        // The largest bar at the top: bar i sits at y = n - 1 - i.
        let y_of = |i: usize| (n - 1 - i) as f64;
        let names: Vec<String> = shown.iter().map(|(k, _)| short(&k.name)).collect();
        let chart_bars: Vec<Bar> = shown
            .iter()
            .enumerate()
            .map(|(i, (k, f))| {
                Bar::new(y_of(i), f.count() as f64)
                    .name(&k.name)
                    .width(0.7)
                    .fill(color)
            })
            .collect();
        let centres: Vec<PlotPoint> = shown
            .iter()
            .enumerate()
            .map(|(i, (_, f))| PlotPoint::new(f.count() as f64 / 2.0, y_of(i)))
            .collect();
        let label_of = |m: GridMark, _: &std::ops::RangeInclusive<f64>| -> String {
            let i = m.value.round();
            if (m.value - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            names
                .get(n.wrapping_sub(1).wrapping_sub(i as usize))
                .cloned()
                .unwrap_or_default()
        };
        let r = still_plot(chart.title(), 28.0 + 22.0 * n as f32)
            .include_x(0.0)
            .y_axis_min_width(130.0)
            .y_grid_spacer(|g| whole_marks(g.bounds.0, g.bounds.1, 1))
            .y_axis_formatter(label_of)
            .show(ui, |plot| {
                plot.bar_chart(
                    BarChart::new(chart.title(), chart_bars)
                        .horizontal()
                        .element_formatter(Box::new(|b, _| {
                            format!("{}: {}", b.name, plural(b.value as usize, "claim"))
                        })),
                );
            });
        let place = (r.transform, centres);
        if r.response.clicked()
            && let Some(pos) = r.response.interact_pointer_pos()
        {
            let v = r.transform.value_from_position(pos);
            let i = v.y.round();
            if (v.y - i).abs() <= 0.35 && i >= 0.0 && (i as usize) < n {
                let k = n - 1 - i as usize;
                let (key, fig) = shown[k];
                if v.x >= 0.0 && v.x <= fig.count() as f64 {
                    hit = Some((key.name.to_string(), fig.clone()));
                }
            }
        }
        Some(place)
    });
    let rect = group.response.rect.intersect(ui.clip_rect());
    view.places.insert(
        chart,
        Place {
            rect,
            plot: group.inner,
        },
    );
    hit
}

/// The claims of the chosen sources by period, stacked. Returns the clicked segment's title and
/// claims.
fn timeline(
    ui: &mut egui::Ui,
    p: &Project,
    c: &Corpus,
    view: &mut CorpusView,
) -> Option<(String, Figure)> {
    let chosen: Vec<Key> = if view.timeline_sources.is_empty() {
        c.sources
            .iter()
            .take(DEFAULT_SOURCES)
            .map(|s| s.key.clone())
            .collect()
    } else {
        view.timeline_sources.clone()
    };
    let mut hit = None;
    let group = ui.vertical(|ui| {
        if title_row(
            ui,
            Chart::Timeline,
            "of the chosen sources, by published date",
            view.shooting,
        ) {
            view.request = Some(FileRequest::Png(Chart::Timeline));
        }
        ui.horizontal(|ui| {
            let mut period = view.options.period;
            super::period_choice(ui, &mut period);
            view.options.period = period;
            sources_menu(ui, c, view, &chosen);
            super::csv_buttons(ui, p, Table::Timeline, c, view);
        });
        // Every period from the first to the last date (gaps included), in time order; each
        // chosen source's figure per period.
        let periods: Vec<String> = match (c.first, c.last) {
            (Some(a), Some(b)) => c.period.buckets(a, b, MAX_PERIODS),
            _ => Vec::new(),
        };
        let periods: Vec<&str> = periods.iter().map(String::as_str).collect();
        let col: HashMap<&str, usize> = periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
        let row: HashMap<&Key, usize> = chosen.iter().enumerate().map(|(i, k)| (k, i)).collect();
        let mut grid: Vec<Vec<Option<&Figure>>> = vec![vec![None; periods.len()]; chosen.len()];
        let mut undated = 0;
        for t in &c.timeline {
            let Some(&r) = row.get(&t.source) else { continue };
            match t.period.as_deref().map(|p| col.get(p)) {
                Some(Some(&x)) => grid[r][x] = Some(&t.figure),
                // Past the last period shown (more than MAX_PERIODS): left out.
                Some(None) => {}
                None => undated += t.figure.count(),
            }
        }
        if periods.is_empty() || chosen.is_empty() {
            ui.label(RichText::new("No dated claims of these sources.").weak());
            return None;
        }
        if undated > 0 {
            ui.label(
                RichText::new(format!(
                    "{undated} of their claims are in documents without a published date (not shown)."
                ))
                .weak(),
            );
        }
        let mut charts: Vec<BarChart> = Vec::new();
        for (r, key) in chosen.iter().enumerate() {
            let color = PALETTE[r % PALETTE.len()];
            let b: Vec<Bar> = grid[r]
                .iter()
                .enumerate()
                .map(|(x, f)| {
                    Bar::new(x as f64, f.map_or(0, |f| f.count()) as f64)
                        .name(periods[x])
                        .width(0.8)
                        .fill(color)
                })
                .collect();
            let mut chart = BarChart::new(short(&key.name), b)
                .id(("corpus timeline", r))
                .color(color)
                .element_formatter(Box::new(|b, chart| {
                    format!("{} in {}: {}", chart.name(), b.name, plural(b.value as usize, "claim"))
                }));
            let below: Vec<&BarChart> = charts.iter().collect();
            chart = chart.stack_on(&below);
            charts.push(chart);
        }
        let step = periods.len().div_ceil(16);
        let names = &periods;
        let plot_id = ui.make_persistent_id("corpus timeline plot");
        let r = still_plot("corpus timeline", 260.0)
            .id(plot_id)
            .legend(egui_plot::Legend::default().position(egui_plot::Corner::LeftTop))
            .include_y(0.0)
            .x_grid_spacer(|g| whole_marks(g.bounds.0, g.bounds.1, step))
            .x_axis_formatter(|m, _| {
                let i = m.value.round();
                if (m.value - i).abs() > 1e-6 || i < 0.0 {
                    return String::new();
                }
                names.get(i as usize).map(|s| s.to_string()).unwrap_or_default()
            })
            .show(ui, |plot| {
                for chart in charts {
                    plot.bar_chart(chart);
                }
            });
        if r.response.clicked()
            && let Some(pos) = r.response.interact_pointer_pos()
        {
            let v = r.transform.value_from_position(pos);
            let x = v.x.round();
            // A source hidden from its legend entry keeps its place in the stack (the stacks
            // are built before), but a click there opens nothing.
            let hidden = egui_plot::PlotMemory::load(ui.ctx(), plot_id)
                .map(|m| m.hidden_items)
                .unwrap_or_default();
            if (v.x - x).abs() <= 0.4 && x >= 0.0 && (x as usize) < periods.len() {
                let x = x as usize;
                let mut base = 0.0;
                for (r, key) in chosen.iter().enumerate() {
                    let Some(f) = grid[r][x] else { continue };
                    let top = base + f.count() as f64;
                    if v.y >= base
                        && v.y <= top
                        && !hidden.contains(&egui_plot::ItemId::new(("corpus timeline", r)))
                    {
                        hit = Some((format!("{} in {}", key.name, periods[x]), f.clone()));
                        break;
                    }
                    base = top;
                }
            }
        }
        Some((r.transform, Vec::new()))
    });
    let rect = group.response.rect.intersect(ui.clip_rect());
    view.places.insert(
        Chart::Timeline,
        Place {
            rect,
            plot: group.inner,
        },
    );
    hit
}

/// The menu of sources to draw in the timeline.
fn sources_menu(ui: &mut egui::Ui, c: &Corpus, view: &mut CorpusView, chosen: &[Key]) {
    ui.menu_button(format!("Sources ({})…", chosen.len()), |ui| {
        if ui.button("The five with most claims").clicked() {
            view.timeline_sources.clear();
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                for s in &c.sources {
                    let mut on = chosen.contains(&s.key);
                    let text = format!("{} ({})", s.key.name, s.figure.count());
                    if ui.checkbox(&mut on, text).changed() {
                        let mut now: Vec<Key> = chosen.to_vec();
                        if on {
                            now.push(s.key.clone());
                        } else {
                            now.retain(|k| k != &s.key);
                        }
                        view.timeline_sources = now;
                    }
                }
            });
    });
}
