//! Text and numbers for charts and tables: escaping, numbers with thousands separators, and
//! "nice" axis scales (steps of 1, 2, 2.5 or 5 times a power of ten).

/// Escapes text for HTML and XML, attributes included.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `value` to `decimals` places, with commas between thousands: 12,183,016; 269.9.
pub(crate) fn number(value: f64, decimals: u8) -> String {
    let decimals = usize::from(decimals);
    let text = format!("{value:.decimals$}");
    // "-0.0" after rounding is zero.
    let text = match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_owned(),
        _ => text,
    };
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A coordinate to one decimal place: enough for a screen, and stable across platforms.
pub(crate) fn coordinate(value: f64) -> String {
    number_plain(value, 1)
}

fn number_plain(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_owned(),
        _ => text,
    }
}

/// An axis from `low` to `high` in steps of `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    pub(crate) low: f64,
    pub(crate) high: f64,
    pub(crate) step: f64,
}

impl Scale {
    /// About five steps covering `min..=max`, starting at zero when nothing is negative.
    pub(crate) fn covering(min: f64, max: f64) -> Scale {
        let start = if min >= 0.0 { 0.0 } else { min };
        let span = (max - start).abs();
        let step = nice_step(if span > 0.0 {
            span / 5.0
        } else {
            max.abs().max(1.0) / 5.0
        });
        let low = if min >= 0.0 {
            0.0
        } else {
            (min / step).floor() * step
        };
        let mut high = (max / step).ceil() * step;
        if high <= low {
            high = low + step;
        }
        Scale { low, high, step }
    }

    /// The tick values, low to high.
    pub(crate) fn ticks(&self) -> Vec<f64> {
        let count = ((self.high - self.low) / self.step).round() as usize;
        (0..=count)
            .map(|i| self.low + self.step * i as f64)
            .collect()
    }

    /// Decimal places the tick labels need (2.5 needs one).
    pub(crate) fn decimals(&self) -> u8 {
        (0..=4u8)
            .find(|&d| {
                let scaled = self.step * 10f64.powi(i32::from(d));
                (scaled - scaled.round()).abs() < 1e-6
            })
            .unwrap_or(4)
    }
}

fn nice_step(raw: f64) -> f64 {
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_markup_and_attributes() {
        assert_eq!(
            escape(r#"Kingston <upon> "Thames" & Co's"#),
            "Kingston &lt;upon&gt; &quot;Thames&quot; &amp; Co&#39;s"
        );
    }

    #[test]
    fn numbers_have_thousands_separators_and_fixed_places() {
        assert_eq!(number(12_183_016.0, 0), "12,183,016");
        assert_eq!(number(269.928, 1), "269.9");
        assert_eq!(number(-1234.5, 1), "-1,234.5");
        assert_eq!(number(-0.01, 1), "0.0");
        assert_eq!(number(999.0, 0), "999");
    }

    #[test]
    fn scales_start_at_zero_and_step_nicely() {
        let scale = Scale::covering(20.0, 44.3);
        assert_eq!(
            scale,
            Scale {
                low: 0.0,
                high: 50.0,
                step: 10.0
            }
        );
        assert_eq!(scale.ticks(), [0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
        assert_eq!(Scale::covering(0.0, 12.0).step, 2.5);
        assert_eq!(Scale::covering(0.0, 12.0).decimals(), 1);
        assert_eq!(
            Scale::covering(0.0, 0.0),
            Scale {
                low: 0.0,
                high: 0.2,
                step: 0.2
            }
        );
        assert_eq!(Scale::covering(-3.0, 7.0).low, -4.0);
    }
}
