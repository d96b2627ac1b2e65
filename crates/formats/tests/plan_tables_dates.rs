//! Dates as boards write them in a plan's timescale column, read from a spreadsheet whose
//! date cells come through as the text they display: each row's due date, and a warning
//! naming the cell where the date does not exist or two months share a cell.

use domain::{Recurrence, WarningKind};
use formats::plan_tables::Format;

use crate::plan_tables_fixtures::{ods, row};
use crate::plan_tables_layouts::read;

/// (number, timescale cell, the due date expected, "" for none)
const CELLS: &[(&str, &str, &str)] = &[
    ("1.1", "March 2013", "2013-03-31"),
    ("1.2", "Sept 07", "2007-09-30"),
    ("1.3", "30.11.16", "2016-11-30"),
    ("1.4", "30/06/07", "2007-06-30"),
    ("1.5", "by April 2012", "2012-04-30"),
    ("1.6", "financial year 2012/13", "2013-03-31"),
    ("1.7", "Quarterly 2018/19/20", "2020-03-31"),
    ("1.8", "Ongoing", ""),
    ("1.9", "To be confirmed by the Executive", ""),
    ("1.10", "2012-04-30", "2012-04-30"),
    ("1.11", "June/July 2012", "2012-07-31"),
    ("1.12", "September 2014 (website permitting)", "2014-09-30"),
    ("1.13", "March 2015 as per training strategy", "2015-03-31"),
    ("1.14", "31/02/2012", ""),
];

#[test]
fn a_table_plan_with_dates_as_boards_write_them_imports_with_their_due_dates() {
    let mut rows = vec![
        row(&["Westmere LSCB Business Plan 2012-13"]),
        row(&["Ref", "Action", "Lead", "Timescale"]),
        row(&["1", "Objective 1: Timely work", "", ""]),
    ];
    // Texts without numbers in them, which would be read as cross-references.
    let texts: Vec<String> = ('a'..)
        .take(CELLS.len())
        .map(|l| format!("Deliver task {l}"))
        .collect();
    for ((n, cell, _), text) in CELLS.iter().zip(&texts) {
        rows.push(row(&[n, text, "Business Manager", cell]));
    }
    let imported = read(Format::Ods, &ods(&[("Plan", rows)]), "westmere.ods");

    let got: Vec<(String, String, String)> = imported
        .preview
        .objectives
        .iter()
        .flat_map(|o| &o.actions)
        .map(|a| {
            let due = a.due.map(|d| d.to_string()).unwrap_or_default();
            (a.number.clone(), a.timescale.clone(), due)
        })
        .collect();
    let want: Vec<(String, String, String)> = CELLS
        .iter()
        .map(|(n, c, d)| (n.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(got, want);

    // Quarterly over the years written, until the last one's end.
    let quarterly = imported.partnership.plans[0]
        .actions()
        .find(|(_, a)| a.number == "1.7")
        .and_then(|(_, a)| a.timescale.clone())
        .expect("1.7 has a timescale");
    assert_eq!(quarterly.recurrence, Some(Recurrence::Quarterly));
    assert_eq!(
        quarterly.period.map(|p| p.start.to_string()),
        Some("2018-04-01".to_string())
    );

    // Warned: the day that does not exist (named, not guessed) and the two months; nothing
    // else, so "Ongoing" and "To be confirmed" are kept without a complaint.
    let warnings: Vec<(WarningKind, &str)> = imported
        .report
        .warnings
        .iter()
        .map(|w| (w.kind, w.message.as_str()))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings
            .iter()
            .any(|(k, m)| *k == WarningKind::UnreadTimescale
                && m.contains("\"31/02/2012\" is not a real date")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|(_, m)| m.contains("\"June/July 2012\" names two months")),
        "{warnings:?}"
    );
    assert!(
        imported.report.inferred.iter().any(|i| i
            .what
            .contains("\"To be confirmed by the Executive\" is still to be confirmed")),
        "{:?}",
        imported.report.inferred
    );
}
