//! The chart's data as an HTML table (GOV.UK Design System classes), to sit beside the chart so
//! that nobody depends on seeing it.

use std::fmt::Write;

use super::format::{escape, number};
use super::{ChartData, ChartPoint};

/// A table with a row per period and a column per series; a cell without a number says why.
pub fn data_table_html(data: &ChartData) -> String {
    let mut out = String::with_capacity(4 * 1024);
    let _ = write!(
        out,
        "<table class=\"govuk-table\" id=\"{}-table\"><caption class=\"govuk-table__caption govuk-table__caption--s\">{} ({})</caption>\
         <thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Period</th>",
        escape(&data.id),
        escape(&data.title),
        escape(data.unit.describe())
    );
    for series in &data.series {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">{}</th>",
            escape(&series.label)
        );
    }
    out.push_str("</tr></thead><tbody class=\"govuk-table__body\">");
    for (i, period) in data.periods.iter().enumerate() {
        let _ = write!(
            out,
            "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">{}</th>",
            escape(&period.label())
        );
        for series in &data.series {
            let cell = match series.points.get(i) {
                Some(ChartPoint::Value(v)) => format!(
                    "{}{}",
                    number(*v, data.decimals),
                    escape(data.unit.suffix())
                ),
                Some(ChartPoint::Missing(why)) => escape(why),
                None => "no value recorded".to_owned(),
            };
            let _ = write!(
                out,
                "<td class=\"govuk-table__cell govuk-table__cell--numeric\">{cell}</td>"
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}
