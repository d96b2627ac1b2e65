//! Attendance as a chart: a bar per agency, its share of the meetings it should have attended
//! that it attended or was represented at, with the board's threshold drawn across: the same
//! chart the attendance page shows, here drawn for every report format. A bar below the
//! threshold is red and says "below" in words, so colour is never the only sign.

use std::fmt::Write;

use serde::Serialize;

use crate::model::{Cell, Column, Table};
use crate::render::xml::escape;

/// Shares per cent against a threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shares {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Per cent.
    pub threshold: u32,
    pub bars: Vec<Share>,
}

/// One bar: a name and its share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub label: String,
    /// Per cent, 0 to 100.
    pub percent: u32,
    /// "3 of 4 meetings".
    pub detail: String,
}

const WIDTH: f64 = 720.0;
const LABEL: f64 = 250.0;
const PLOT: f64 = 360.0;
const TOP: f64 = 10.0;
const BAR: f64 = 22.0;
const GAP: f64 = 8.0;
const BLUE: &str = "#1d70b8";
const RED: &str = "#d4351c";

impl Shares {
    /// Width and height in SVG units.
    pub fn size(&self) -> (f64, f64) {
        (WIDTH, TOP + self.bars.len() as f64 * (BAR + GAP) + 30.0)
    }

    /// The chart as an SVG element, with a title and a description for screen readers.
    pub fn svg(&self) -> String {
        let (_, height) = self.size();
        let id = escape(&self.id);
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH} {height:.1}\" width=\"{WIDTH}\" height=\"{height:.1}\" font-family=\"Noto Sans, Arial, Helvetica, sans-serif\" font-size=\"12\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            escape(&self.title),
            escape(&self.description)
        );
        for (i, b) in self.bars.iter().enumerate() {
            let y = TOP + i as f64 * (BAR + GAP);
            let below = b.percent < self.threshold;
            let w = PLOT * f64::from(b.percent.min(100)) / 100.0;
            let text_y = y + BAR / 2.0 + 4.0;
            let _ = write!(
                out,
                "<g><title>{}: {}% ({})</title><text x=\"{:.1}\" y=\"{text_y:.1}\" text-anchor=\"end\">{}</text><rect x=\"{LABEL:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR:.1}\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{text_y:.1}\">{}%{}</text></g>",
                escape(&b.label),
                b.percent,
                escape(&b.detail),
                LABEL - 8.0,
                escape(&shorten(&b.label, 34)),
                if below { RED } else { BLUE },
                LABEL + w + 6.0,
                b.percent,
                if below { " below" } else { "" }
            );
        }
        let x = LABEL + PLOT * f64::from(self.threshold.min(100)) / 100.0;
        let bottom = TOP + self.bars.len() as f64 * (BAR + GAP);
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"#0b0c0c\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">Threshold {}%</text></svg>",
            TOP - 4.0,
            bottom + 18.0,
            self.threshold
        );
        out
    }

    /// The chart's figures as a table.
    pub fn as_table(&self) -> Table {
        Table {
            id: format!("{}-data", self.id),
            caption: format!("{} (the chart's data)", self.title),
            columns: vec![
                Column::text(""),
                Column::number("Share"),
                Column::text("Meetings"),
                Column::text("Against the threshold"),
            ],
            rows: self
                .bars
                .iter()
                .map(|b| {
                    vec![
                        Cell::text(&b.label),
                        Cell::measure(f64::from(b.percent), 0, "%"),
                        Cell::text(&b.detail),
                        Cell::text(if b.percent < self.threshold {
                            format!("Below {}%", self.threshold)
                        } else {
                            "At or above".to_owned()
                        }),
                    ]
                })
                .collect(),
        }
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_below_the_threshold_is_red_and_says_so_in_words() {
        let c = Shares {
            id: "att".into(),
            title: "Attendance".into(),
            description: "Shares".into(),
            threshold: 75,
            bars: vec![
                Share {
                    label: "Police & Crime".into(),
                    percent: 50,
                    detail: "2 of 4 meetings".into(),
                },
                Share {
                    label: "Health".into(),
                    percent: 100,
                    detail: "4 of 4 meetings".into(),
                },
            ],
        };
        let svg = c.svg();
        assert!(svg.contains("Police &amp; Crime"), "{svg}");
        assert!(svg.contains(&format!(
            "fill=\"{RED}\"/><text x=\"436.0\" y=\"25.0\">50% below"
        )));
        assert!(svg.contains("100%</text>") && svg.contains("Threshold 75%"));
        let t = c.as_table();
        assert_eq!(t.rows[0][3].as_text(), "Below 75%");
        assert_eq!(t.rows[1][3].as_text(), "At or above");
    }
}
