//! The line chart: periods along the bottom, values up the side, one line per series.

use std::fmt::Write;

use super::format::{Scale, coordinate, escape, number};
use super::{ChartData, ChartSeries, SeriesRole};

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 420.0;
const LEFT: f64 = 76.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 24.0;
/// Room under the plot for slanted period labels and the legend.
const BOTTOM: f64 = 136.0;
/// Keeps the first and last points off the axes.
const INSET: f64 = 16.0;

const TEXT: &str = "#0b0c0c";
const GRID: &str = "#b1b4b6";
const FONT: &str = "font-family=\"arial, sans-serif\"";

/// How a series is drawn: colour, stroke width and dash pattern.
fn style(role: SeriesRole) -> (&'static str, f64, Option<&'static str>) {
    match role {
        SeriesRole::Area => ("#1d70b8", 3.0, None),
        SeriesRole::NeighboursMean => ("#4c2c92", 2.0, Some("8 4")),
        SeriesRole::England => ("#0b0c0c", 2.0, Some("2 3")),
        SeriesRole::Target => ("#00703c", 2.0, Some("12 4 3 4")),
    }
}

/// The marker shape at (x, y), in the series' colour.
fn marker(out: &mut String, role: SeriesRole, x: f64, y: f64) {
    let (colour, _, _) = style(role);
    let (x, y) = (coordinate(x), coordinate(y));
    let _ = match role {
        SeriesRole::Area => write!(
            out,
            "<circle cx=\"{x}\" cy=\"{y}\" r=\"4.5\" fill=\"{colour}\"/>"
        ),
        SeriesRole::NeighboursMean => write!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"8\" height=\"8\" transform=\"translate(-4 -4)\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\"/>"
        ),
        SeriesRole::England => write!(
            out,
            "<path d=\"M0,-5.5 L5,3.5 L-5,3.5 Z\" transform=\"translate({x} {y})\" fill=\"{colour}\"/>"
        ),
        SeriesRole::Target => write!(
            out,
            "<path d=\"M0,-5 L5,0 L0,5 L-5,0 Z\" transform=\"translate({x} {y})\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\"/>"
        ),
    };
}

/// An accessible SVG line chart of `data` (see the module docs of `chart`).
pub fn line_chart(data: &ChartData) -> String {
    let mut out = String::with_capacity(8 * 1024);
    let id = &data.id;
    let plot_right = WIDTH - RIGHT;
    let plot_bottom = HEIGHT - BOTTOM;
    let count = data.periods.len();
    let x_at = |i: usize| {
        if count <= 1 {
            (LEFT + plot_right) / 2.0
        } else {
            LEFT + INSET + (plot_right - LEFT - 2.0 * INSET) * i as f64 / (count - 1) as f64
        }
    };

    let numbers: Vec<f64> = data
        .series
        .iter()
        .flat_map(|s| s.points.iter().filter_map(super::ChartPoint::number))
        .collect();
    let scale = match (
        numbers.iter().copied().reduce(f64::min),
        numbers.iter().copied().reduce(f64::max),
    ) {
        (Some(min), Some(max)) => Scale::covering(min, max),
        _ => Scale::covering(0.0, 0.0),
    };
    let y_at =
        |v: f64| plot_bottom - (v - scale.low) / (scale.high - scale.low) * (plot_bottom - TOP);

    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"bp-chart\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(&data.title),
        escape(&description(data))
    );

    // Grid lines and y-axis labels.
    let tick_decimals = scale.decimals();
    let _ = write!(out, "<g {FONT} font-size=\"13\" fill=\"{TEXT}\">");
    for tick in scale.ticks() {
        let y = coordinate(y_at(tick));
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{y}\" x2=\"{plot_right}\" y2=\"{y}\" stroke=\"{GRID}\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{y}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>",
            LEFT - 8.0,
            number(tick, tick_decimals)
        );
    }
    let _ = write!(
        out,
        "<text transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
        coordinate((TOP + plot_bottom) / 2.0),
        escape(data.unit.describe())
    );

    // Axes and period labels.
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{plot_bottom}\" stroke=\"{TEXT}\" stroke-width=\"1\"/>\
         <line x1=\"{LEFT}\" y1=\"{plot_bottom}\" x2=\"{plot_right}\" y2=\"{plot_bottom}\" stroke=\"{TEXT}\" stroke-width=\"1\"/>"
    );
    for (i, period) in data.periods.iter().enumerate() {
        let x = coordinate(x_at(i));
        let label_y = coordinate(plot_bottom + 14.0);
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{plot_bottom}\" x2=\"{x}\" y2=\"{}\" stroke=\"{TEXT}\" stroke-width=\"1\"/>\
             <text x=\"{x}\" y=\"{label_y}\" text-anchor=\"end\" transform=\"rotate(-40 {x} {label_y})\">{}</text>",
            coordinate(plot_bottom + 5.0),
            escape(&period.label())
        );
    }
    out.push_str("</g>");

    // Series: the area last, so it is drawn on top.
    let mut order: Vec<&ChartSeries> = data.series.iter().collect();
    order.sort_by_key(|s| s.role == SeriesRole::Area);
    for series in order {
        draw_series(&mut out, series, data, &x_at, &y_at);
    }

    legend(&mut out, data, plot_bottom);
    out.push_str("</svg>");
    out
}

fn draw_series(
    out: &mut String,
    series: &ChartSeries,
    data: &ChartData,
    x_at: &dyn Fn(usize) -> f64,
    y_at: &dyn Fn(f64) -> f64,
) {
    let (colour, width, dash) = style(series.role);
    let mut path = String::new();
    let mut pen_down = false;
    for (i, point) in series.points.iter().enumerate().take(data.periods.len()) {
        match point.number() {
            Some(v) => {
                let command = if pen_down { 'L' } else { 'M' };
                let _ = write!(
                    path,
                    "{command}{},{} ",
                    coordinate(x_at(i)),
                    coordinate(y_at(v))
                );
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    let dash = dash.map_or_else(String::new, |d| format!(" stroke-dasharray=\"{d}\""));
    let _ = write!(
        out,
        "<g class=\"bp-chart__series bp-chart__series--{}\">",
        match series.role {
            SeriesRole::Area => "area",
            SeriesRole::NeighboursMean => "neighbours",
            SeriesRole::England => "england",
            SeriesRole::Target => "target",
        }
    );
    if !path.is_empty() {
        let _ = write!(
            out,
            "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash} stroke-linejoin=\"round\"/>",
            path.trim_end()
        );
    }
    for (i, point) in series.points.iter().enumerate().take(data.periods.len()) {
        if let (Some(v), Some(period)) = (point.number(), data.periods.get(i)) {
            let _ = write!(
                out,
                "<g><title>{}, {}: {}</title>",
                escape(&series.label),
                escape(&period.label()),
                value_text(v, data)
            );
            marker(out, series.role, x_at(i), y_at(v));
            out.push_str("</g>");
        }
    }
    out.push_str("</g>");
}

/// The legend: two columns, a row of two series each, under the period labels.
fn legend(out: &mut String, data: &ChartData, plot_bottom: f64) {
    let column_width = (WIDTH - LEFT - RIGHT) / 2.0;
    let _ = write!(out, "<g {FONT} font-size=\"13\" fill=\"{TEXT}\">");
    for (i, series) in data.series.iter().enumerate() {
        let (colour, width, dash) = style(series.role);
        let x = LEFT + column_width * (i % 2) as f64;
        let y = plot_bottom + 80.0 + 24.0 * (i / 2) as f64;
        let dash = dash.map_or_else(String::new, |d| format!(" stroke-dasharray=\"{d}\""));
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash}/>",
            coordinate(x),
            coordinate(y),
            coordinate(x + 32.0),
            coordinate(y)
        );
        marker(out, series.role, x + 16.0, y);
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" dominant-baseline=\"middle\">{}</text>",
            coordinate(x + 40.0),
            coordinate(y),
            escape(&series.label)
        );
    }
    out.push_str("</g>");
}

fn value_text(value: f64, data: &ChartData) -> String {
    format!("{}{}", number(value, data.decimals), data.unit.suffix())
}

/// The chart in words: what it shows, over which periods, and the latest figures.
fn description(data: &ChartData) -> String {
    let names: Vec<&str> = data.series.iter().map(|s| s.label.as_str()).collect();
    let span = match (data.periods.first(), data.periods.last()) {
        (Some(first), Some(last)) if first != last => {
            format!("from {} to {}", first.label(), last.label())
        }
        (Some(only), _) => format!("for {}", only.label()),
        _ => "with no periods".to_owned(),
    };
    let mut text = format!(
        "Line chart of {} ({}) {span}, showing {}.",
        data.title,
        data.unit.describe(),
        join_words(&names)
    );
    let latest = (0..data.periods.len()).rev().find(|&i| {
        data.series
            .first()
            .and_then(|s| s.points.get(i))
            .is_some_and(|p| p.number().is_some())
    });
    if let Some(i) = latest {
        let figures: Vec<String> = data
            .series
            .iter()
            .filter_map(|s| {
                s.points
                    .get(i)
                    .and_then(super::ChartPoint::number)
                    .map(|v| format!("{} {}", s.label, value_text(v, data)))
            })
            .collect();
        let _ = write!(
            text,
            " Latest, {}: {}.",
            data.periods[i].label(),
            figures.join("; ")
        );
    } else {
        text.push_str(" The area has no value in these periods.");
    }
    text.push_str(" The same figures are in the table with the chart.");
    text
}

fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
