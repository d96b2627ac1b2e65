//! The audit summary's chart, drawn on the server as SVG: one bar per practice area (or
//! agency), split by grade, best grade first, each bar the whole of that row's grades. It
//! has a `<title>` and `<desc>`, and the page puts the same numbers in a table beside it, so
//! nothing is only in the picture. Colours follow the grade's place on the scale, from green
//! (best) to red (worst), with a pattern-free legend that names each grade.

use std::fmt::Write;

use domain::assurance::audits::Tally;

/// GOV.UK colours from best to worst; a longer scale reuses the last.
const COLOURS: [&str; 5] = ["#00703c", "#85994b", "#f47738", "#d4351c", "#6f777b"];
const BAR: u32 = 22;
const GAP: u32 = 10;
const LABEL: u32 = 220;
const WIDTH: u32 = 420;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The colour of grade `i` of a scale.
pub fn colour(i: usize) -> &'static str {
    COLOURS[i.min(COLOURS.len() - 1)]
}

/// The chart of `rows` on `scale`; `id` makes its title's id unique on the page.
pub fn grades_chart(id: &str, caption: &str, scale: &[String], rows: &[Tally]) -> String {
    let legend_h = 24;
    let height = legend_h + rows.len() as u32 * (BAR + GAP) + GAP;
    let total = LABEL + WIDTH + 10;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {total} {height}\" \
         width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"bp-chart\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">Each bar is one row's graded \
         cases split by grade, best first: {}. The table below gives the numbers.</desc>",
        escape(caption),
        escape(&scale.join(", "))
    );
    let mut x = 0;
    for (i, grade) in scale.iter().enumerate() {
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"15\" font-size=\"13\" font-family=\"sans-serif\">{}</text>",
            colour(i),
            x + 16,
            escape(grade)
        );
        x += 16 + 8 * grade.chars().count() as u32 + 16;
    }
    for (r, row) in rows.iter().enumerate() {
        let y = legend_h + GAP + r as u32 * (BAR + GAP);
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" \
             font-family=\"sans-serif\">{}</text>",
            LABEL - 8,
            y + BAR / 2 + 5,
            escape(&row.name)
        );
        if row.graded == 0 {
            continue;
        }
        let mut left = LABEL;
        for (i, n) in row.counts.iter().enumerate() {
            let w = WIDTH * n / row.graded;
            if w > 0 {
                let _ = write!(
                    out,
                    "<rect x=\"{left}\" y=\"{y}\" width=\"{w}\" height=\"{BAR}\" fill=\"{}\">\
                     <title>{}: {n} {}</title></rect>",
                    colour(i),
                    escape(&row.name),
                    escape(&scale[i.min(scale.len() - 1)])
                );
            }
            left += w;
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_is_split_by_grade_and_names_are_escaped() {
        let scale: Vec<String> = ["good", "poor"].map(String::from).into();
        let rows = [Tally {
            name: "Police & <Health>".into(),
            counts: vec![3, 1],
            graded: 4,
            good_or_better_percent: Some(75.0),
        }];
        let svg = grades_chart("area", "By area", &scale, &rows);
        assert!(
            svg.contains("width=\"315\""),
            "three quarters of 420: {svg}"
        );
        assert!(svg.contains("Police &amp; &lt;Health&gt;"));
        assert!(!svg.contains("<Health>"));
        assert!(svg.contains("<title id=\"area-title\">By area</title>"));
    }
}
