//! Charts as SVG: stacked RAG bars and trend lines. Each has `role="img"`, a `<title>` and a
//! `<desc>` (what it shows and its figures), tells its parts apart by words, dash patterns and
//! marker shapes as well as colour, and always sits beside its data as a table. Coordinates
//! are written with one decimal, so the same chart is always the same bytes. The PDF
//! renderer embeds these same drawings, so HTML and PDF charts match.

use std::fmt::Write;

use super::xml::escape;
use crate::model::{Chart, RagBars, Trend};

const WIDTH: f64 = 720.0;
const FONT: &str = "font-family=\"Noto Sans, Arial, Helvetica, sans-serif\"";

/// The chart as an SVG element.
pub fn chart(c: &Chart) -> String {
    match c {
        Chart::RagBars(b) => rag_bars(b),
        Chart::Trend(t) => trend(t),
        Chart::Shares(s) => s.svg(),
    }
}

/// The chart's width and height in SVG units (pixels at 96 dpi), for formats that place it in
/// a frame of their own.
pub fn size(c: &Chart) -> (f64, f64) {
    match c {
        Chart::RagBars(b) => (WIDTH, bars_height(b.bars.len())),
        Chart::Trend(_) => (WIDTH, TREND_HEIGHT),
        Chart::Shares(s) => s.size(),
    }
}

const BAR_TOP: f64 = 44.0;
const BAR: f64 = 22.0;
const BAR_GAP: f64 = 8.0;
const TREND_TOP: f64 = 40.0;
const PLOT_H: f64 = 200.0;
const TREND_HEIGHT: f64 = TREND_TOP + PLOT_H + 50.0;

fn bars_height(bars: usize) -> f64 {
    BAR_TOP + bars as f64 * (BAR + BAR_GAP) + 10.0
}

fn open(out: &mut String, id: &str, title: &str, desc: &str, height: f64) {
    let id = escape(id);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH} {height:.1}\" width=\"{WIDTH}\" height=\"{height:.1}\" {FONT} font-size=\"12\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(desc)
    );
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

fn rag_bars(c: &RagBars) -> String {
    const LABEL: f64 = 250.0;
    let plot = WIDTH - LABEL - 20.0;
    let max = c
        .bars
        .iter()
        .map(|b| b.counts.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1);
    let height = bars_height(c.bars.len());
    let mut out = String::new();
    open(&mut out, &c.id, &c.title, &c.description, height);
    // Legend: a swatch and the rating's word for every key.
    let mut x = 0.0;
    for k in &c.keys {
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"8\" width=\"14\" height=\"14\" fill=\"{}\" stroke=\"#0b0c0c\" stroke-width=\"0.5\"/><text x=\"{:.1}\" y=\"19\">{}</text>",
            k.fill,
            x + 18.0,
            escape(k.word)
        );
        x += 26.0 + k.word.chars().count() as f64 * 7.0;
    }
    for (i, b) in c.bars.iter().enumerate() {
        let y = BAR_TOP + i as f64 * (BAR + BAR_GAP);
        let summary: Vec<String> = c
            .keys
            .iter()
            .zip(&b.counts)
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| format!("{n} {}", k.word.to_lowercase()))
            .collect();
        let _ = write!(
            out,
            "<g><title>{}: {}</title><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            escape(&b.label),
            escape(&if summary.is_empty() {
                "no actions".to_owned()
            } else {
                summary.join(", ")
            }),
            LABEL - 8.0,
            y + BAR / 2.0 + 4.0,
            escape(&shorten(&b.label, 32))
        );
        let mut x = LABEL;
        for (k, n) in c.keys.iter().zip(&b.counts) {
            if *n == 0 {
                continue;
            }
            let w = plot * f64::from(*n) / f64::from(max);
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR:.1}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\"/>",
                k.fill
            );
            if w >= 16.0 {
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{}\">{n}</text>",
                    x + w / 2.0,
                    y + BAR / 2.0 + 4.0,
                    k.ink
                );
            }
            x += w;
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

/// Line colours, dash patterns and marker shapes by series: the area, then comparators.
const STYLES: [(&str, &str, Marker); 4] = [
    ("#1d70b8", "", Marker::Circle),
    ("#505a5f", "6 4", Marker::Square),
    ("#00703c", "2 3", Marker::Triangle),
    ("#d4351c", "8 3 2 3", Marker::Diamond),
];

#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

fn marker(out: &mut String, m: Marker, x: f64, y: f64, colour: &str) {
    let _ = match m {
        Marker::Circle => write!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"{colour}\"/>"
        ),
        Marker::Square => write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\" fill=\"{colour}\"/>",
            x - 4.0,
            y - 4.0
        ),
        Marker::Triangle => write!(
            out,
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\" fill=\"{colour}\"/>",
            y - 5.0,
            x + 5.0,
            y + 4.0,
            x - 5.0,
            y + 4.0
        ),
        Marker::Diamond => write!(
            out,
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\" fill=\"{colour}\"/>",
            y - 5.0,
            x + 5.0,
            y + 5.0,
            x - 5.0
        ),
    };
}

/// A round upper bound for the axis: 1, 2 or 5 times a power of ten.
fn nice_max(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|c| *c >= v)
        .unwrap_or(10.0 * p)
}

fn trend(t: &Trend) -> String {
    const LEFT: f64 = 70.0;
    const TOP: f64 = TREND_TOP;
    let height = TREND_HEIGHT;
    let plot_w = WIDTH - LEFT - 30.0;
    let all: Vec<f64> = t
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .collect();
    let max = nice_max(all.iter().copied().fold(0.0, f64::max));
    let min = all.iter().copied().fold(0.0, f64::min);
    let span = (max - min).max(f64::EPSILON);
    let n = t.periods.len().max(1);
    let x_at = |i: usize| {
        if n == 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y_at = |v: f64| TOP + PLOT_H - (v - min) / span * PLOT_H;
    let mut out = String::new();
    open(&mut out, &t.id, &t.title, &t.description, height);
    // Legend.
    let mut lx = 0.0;
    for (s, (colour, dash, m)) in t.series.iter().zip(STYLES.iter().cycle()) {
        let _ = write!(
            out,
            "<line x1=\"{lx:.1}\" y1=\"16\" x2=\"{:.1}\" y2=\"16\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>",
            lx + 24.0
        );
        marker(&mut out, *m, lx + 12.0, 16.0, colour);
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"20\">{}</text>",
            lx + 30.0,
            escape(&s.label)
        );
        lx += 44.0 + s.label.chars().count() as f64 * 7.0;
    }
    // Axes, gridlines and their labels.
    for k in 0..=4 {
        let v = min + span * f64::from(k) / 4.0;
        let y = y_at(v);
        let _ = write!(
            out,
            "<line x1=\"{LEFT:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#b1b4b6\" stroke-width=\"0.5\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT + plot_w,
            LEFT - 6.0,
            y + 4.0,
            escape(&crate::words::number(v, t.decimals))
        );
    }
    let _ = write!(
        out,
        "<text x=\"12\" y=\"{:.1}\" transform=\"rotate(-90 12 {:.1})\" text-anchor=\"middle\">{}</text>",
        TOP + PLOT_H / 2.0,
        TOP + PLOT_H / 2.0,
        escape(&t.unit)
    );
    for (i, p) in t.periods.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            x_at(i),
            TOP + PLOT_H + 20.0,
            escape(p)
        );
    }
    // One line per series, broken where a value is missing, with a marker on every value.
    for (s, (colour, dash, m)) in t.series.iter().zip(STYLES.iter().cycle()) {
        let _ = write!(out, "<g><title>{}</title>", escape(&s.label));
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut runs = Vec::new();
        for (i, v) in s.values.iter().enumerate().take(n) {
            match v {
                Some(v) => run.push((x_at(i), y_at(*v))),
                None => runs.push(std::mem::take(&mut run)),
            }
        }
        runs.push(run);
        for r in runs.iter().filter(|r| r.len() > 1) {
            let points: Vec<String> = r.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
            let _ = write!(
                out,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>",
                points.join(" ")
            );
        }
        for (x, y) in runs.iter().flatten() {
            marker(&mut out, *m, *x, *y, colour);
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RagBar, TrendSeries};

    #[test]
    fn a_rag_chart_names_itself_and_each_bar_for_screen_readers() {
        let svg = chart(&Chart::RagBars(RagBars {
            id: "bars".into(),
            title: "Actions by RAG".into(),
            description: "Two objectives & their actions".into(),
            keys: vec![crate::facts::mark(Some(domain::Rag::Red))],
            bars: vec![RagBar {
                label: "1. Safer <recruitment>".into(),
                counts: vec![3],
            }],
        }));
        assert!(svg.contains("role=\"img\" aria-labelledby=\"bars-title bars-desc\""));
        assert!(svg.contains("<title id=\"bars-title\">Actions by RAG</title>"));
        assert!(svg.contains("<desc id=\"bars-desc\">Two objectives &amp; their actions</desc>"));
        assert!(svg.contains("<title>1. Safer &lt;recruitment&gt;: 3 red</title>"));
    }

    #[test]
    fn a_trend_line_breaks_where_a_value_is_missing() {
        let svg = chart(&Chart::Trend(Trend {
            id: "t".into(),
            title: "NI 65".into(),
            description: "d".into(),
            unit: "per cent".into(),
            suffix: "%".into(),
            decimals: 1,
            periods: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            series: vec![TrendSeries {
                label: "Kingston".into(),
                values: vec![Some(10.0), Some(12.0), None, Some(9.0)],
            }],
        }));
        assert_eq!(
            svg.matches("<polyline").count(),
            1,
            "one run of two points; the last stands alone"
        );
        assert_eq!(
            svg.matches("<circle").count(),
            4,
            "three values and the legend's marker"
        );
    }

    #[test]
    fn axis_tops_are_round_numbers() {
        assert_eq!(nice_max(13.2), 20.0);
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(450.0), 500.0);
    }
}
