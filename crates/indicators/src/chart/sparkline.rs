//! The sparkline: a word-sized line for lists of indicators, with its trend in words.

use std::fmt::Write;

use super::format::{coordinate, escape, number};

const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 28.0;
const PAD: f64 = 4.0;
const COLOUR: &str = "#1d70b8";

/// A small SVG line of `values` (oldest first; `None` is a gap). Its accessible name states the
/// first and latest values and how many periods had none, because a sparkline's shape alone
/// tells a screen-reader user nothing.
pub fn sparkline(values: &[Option<f64>]) -> String {
    let present: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    let label = summary(values.len(), &present);
    let mut out = String::with_capacity(512);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         role=\"img\" aria-label=\"{label}\" class=\"bp-sparkline\"><title>{label}</title>",
        label = escape(&label)
    );
    let min = present.iter().map(|p| p.1).reduce(f64::min);
    let max = present.iter().map(|p| p.1).reduce(f64::max);
    if let (Some(min), Some(max)) = (min, max) {
        let x_at = |i: usize| {
            if values.len() <= 1 {
                WIDTH / 2.0
            } else {
                PAD + (WIDTH - 2.0 * PAD) * i as f64 / (values.len() - 1) as f64
            }
        };
        let y_at = |v: f64| {
            if max > min {
                HEIGHT - PAD - (v - min) / (max - min) * (HEIGHT - 2.0 * PAD)
            } else {
                HEIGHT / 2.0
            }
        };
        let mut path = String::new();
        let mut pen_down = false;
        for (i, value) in values.iter().enumerate() {
            match value {
                Some(v) => {
                    let command = if pen_down { 'L' } else { 'M' };
                    let _ = write!(
                        path,
                        "{command}{},{} ",
                        coordinate(x_at(i)),
                        coordinate(y_at(*v))
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let _ = write!(
            out,
            "<path d=\"{}\" fill=\"none\" stroke=\"{COLOUR}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>",
            path.trim_end()
        );
        if let Some(&(i, v)) = present.last() {
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{COLOUR}\"/>",
                coordinate(x_at(i)),
                coordinate(y_at(v))
            );
        }
    }
    out.push_str("</svg>");
    out
}

fn summary(periods: usize, present: &[(usize, f64)]) -> String {
    let missing = periods - present.len();
    let gaps = match missing {
        0 => String::new(),
        1 => ", 1 period without a value".to_owned(),
        n => format!(", {n} periods without a value"),
    };
    match (present.first(), present.last()) {
        (Some(first), Some(last)) if present.len() > 1 => format!(
            "Trend over {periods} periods: from {} to {}{gaps}",
            short(first.1),
            short(last.1)
        ),
        (Some(only), _) => format!("One value: {}{gaps}", short(only.1)),
        _ => format!("No values in {periods} periods"),
    }
}

/// Whole numbers as they are, others to one decimal place.
fn short(value: f64) -> String {
    if value.fract() == 0.0 {
        number(value, 0)
    } else {
        number(value, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparkline_says_its_trend_in_words() {
        let svg = sparkline(&[Some(21.0), None, Some(17.3)]);
        assert!(
            svg.contains(
                "aria-label=\"Trend over 3 periods: from 21 to 17.3, 1 period without a value\""
            ),
            "{svg}"
        );
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>Trend over 3 periods"));
        let path = svg
            .split("d=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap();
        assert_eq!(
            path.matches('M').count(),
            2,
            "the gap breaks the line: {path}"
        );
    }

    #[test]
    fn a_sparkline_of_nothing_is_still_valid_and_says_so() {
        let svg = sparkline(&[None, None]);
        assert!(svg.contains("No values in 2 periods"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn a_sparkline_is_the_same_every_time() {
        let values = [Some(1.0), Some(3.5), Some(2.0)];
        assert_eq!(sparkline(&values), sparkline(&values));
    }
}
