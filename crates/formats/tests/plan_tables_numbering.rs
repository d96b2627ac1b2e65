//! More plans in boards' own layouts: duplicate references (P5), BRAG and several leads
//! (P8), lettered and roman sub-numbers with tick columns, a numeric scale read through
//! the document's key. Each read into its expected actions.

use domain::{Rag, WarningKind};
use formats::plan_tables::{Field, Format};

use crate::plan_tables_fixtures::{Part, c, docx, odt, row};
use crate::plan_tables_layouts::{check, inferred, note, read};

/// P5 as CSV: title lines, then "Theme | Ref | Action", a theme column naming each theme,
/// and the reference 1.8 used twice.
#[test]
fn p5_a_reference_used_twice_keeps_both_rows() {
    let csv = "Northfold Safeguarding Children Board Business Plan 2015-18\n\
               FINAL\n\
               Theme,Ref,Action,Lead,Timescale\n\
               1. Leadership,1.7,Refresh the board's constitution,Board Chair,June 2015\n\
               1. Leadership,1.8,Agree the budget,Business Manager,April 2016\n\
               1. Leadership,1.8,Publish the annual report,Business Manager,September 2016\n\
               2. Neglect,2.1,Launch the neglect strategy,Neglect Sub Group,March 2017\n";
    let imported = read(Format::Csv, csv.as_bytes(), "northfold.csv");
    check(
        &imported,
        &[("1", "Leadership"), ("2", "Neglect")],
        &[
            (
                "1.7",
                "Refresh the board's constitution",
                &["Board Chair"],
                "2015-06-30",
                None,
            ),
            (
                "1.8",
                "Agree the budget",
                &["Business Manager"],
                "2016-04-30",
                None,
            ),
            (
                "1.8#2",
                "Publish the annual report",
                &["Business Manager"],
                "2016-09-30",
                None,
            ),
            (
                "2.1",
                "Launch the neglect strategy",
                &["Neglect Sub Group"],
                "2017-03-31",
                None,
            ),
        ],
    );
    assert!(
        imported
            .report
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::DuplicateNumber && w.message.contains("1.8#2"))
    );
    assert_eq!(imported.preview.mappings[0].columns[1].field, Field::Number);
    assert_eq!(
        imported.partnership.plans[0].period.end.to_string(),
        "2018-03-31"
    );
}

/// P8 in Word: "No." with 1.1, the aim column, several leads per row, BRAG with blue,
/// recurring timescales, several "how" paragraphs in one cell, the heading row repeated
/// after a page break, a priority row merged across the table.
#[test]
fn p8_brag_and_several_leads_in_docx() {
    let head = || {
        row(&[
            "No.",
            "What do we want to achieve?",
            "How are we going to do it?",
            "Who will lead?",
            "How will we know we have achieved our goal?",
            "When",
            "BRAG",
        ])
    };
    let parts = vec![
        Part::Para("Isle of Fern Safeguarding Adults Partnership Business Plan 2017/20, Version 3"),
        Part::Table(vec![
            head(),
            vec![
                c("1.1"),
                c("People are heard"),
                c("Run a survey\nPublish the results"),
                c("Independent Chair; Chairs of subgroups; CEO, Health and Social Care"),
                c("Survey done"),
                c("Quarterly 2018/19/20"),
                c("Blue"),
            ],
            row(&[
                "1.2",
                "People are heard",
                "Hold listening events",
                "Chair and DCS",
                "Events held",
                "March 2018",
                "G",
            ]),
            head(),
            vec![c("Priority 2: Skilled staff").across(7)],
            row(&[
                "2.1",
                "Staff are skilled",
                "Train all staff",
                "Training Lead + Adult Services",
                "Staff trained",
                "March 2019",
                "Amber",
            ]),
        ]),
    ];
    let imported = read(Format::Docx, &docx(&parts), "fern.docx");
    check(
        &imported,
        &[("1", "Objective 1"), ("2", "Skilled staff")],
        &[
            (
                "1.1",
                "Run a survey\nPublish the results",
                &[
                    "Independent Chair",
                    "Chairs of subgroups",
                    "CEO, Health and Social Care",
                ],
                "2020-03-31",
                Some(Rag::Blue),
            ),
            (
                "1.2",
                "Hold listening events",
                &["Chair", "DCS"],
                "2018-03-31",
                Some(Rag::Green),
            ),
            (
                "2.1",
                "Train all staff",
                &["Training Lead", "Adult Services"],
                "2019-03-31",
                Some(Rag::Amber),
            ),
        ],
    );
    assert_eq!(
        note(&imported, "1.1", "What do we want to achieve?"),
        Some("People are heard")
    );
    assert!(inferred(&imported, "repeats the heading row"));
    assert_eq!(
        imported.preview.mappings.len(),
        1,
        "a repeated heading row is one mapping"
    );
}

/// An Ofsted-style plan: "1a, 1b, 1c" under objective 1 (a plain "1" row naming it),
/// roman sub-numbers with a gap, tick columns, the heading row not on row 1.
#[test]
fn lettered_and_roman_sub_numbers_and_tick_columns() {
    let csv = "Kestrel Council Children's Services Improvement Plan 2016-17\n\
               \n\
               Ref;Recommendation;Responsible Officer;Target date;Achieved;On target;Progress to date\n\
               1;Improve the front door;;;;;\n\
               1a;Set up a single point of contact;Chair / DCS;30.11.16;✓;;Live since October\n\
               1b;Write thresholds guidance (see 1a);Head of Service;31 January 2017;;Yes;Drafted\n\
               1c;Train call handlers;Head of Service;March 2017;;;\n\
               2 (i);Audit plans;Principal Social Worker;December 2016;;Yes;\n\
               2 (iii);Re-audit plans;Principal Social Worker;March 2017;;;\n";
    let imported = read(Format::Csv, csv.as_bytes(), "kestrel.csv");
    check(
        &imported,
        &[("1", "Improve the front door"), ("2", "Objective 2")],
        &[
            (
                "1a",
                "Set up a single point of contact",
                &["Chair", "DCS"],
                "2016-11-30",
                Some(Rag::Blue),
            ),
            (
                "1b",
                "Write thresholds guidance (see 1a)",
                &["Head of Service"],
                "2017-01-31",
                Some(Rag::Green),
            ),
            (
                "1c",
                "Train call handlers",
                &["Head of Service"],
                "2017-03-31",
                None,
            ),
            (
                "2.i",
                "Audit plans",
                &["Principal Social Worker"],
                "2016-12-31",
                Some(Rag::Green),
            ),
            (
                "2.iii",
                "Re-audit plans",
                &["Principal Social Worker"],
                "2017-03-31",
                None,
            ),
        ],
    );
    let plan = &imported.partnership.plans[0];
    assert_eq!(plan.action("1b").unwrap().1.references, ["1a"]);
    assert_eq!(plan.action("2.i").unwrap().1.number, "2 (i)");
}

/// A review progress update in ODT: a 1-4 scale read through the key the document prints,
/// joint owners, recommendations numbered "1.", "2." with no headings (kept as written, as
/// they never start again).
#[test]
fn a_numeric_scale_is_read_through_the_printed_key() {
    let parts = vec![
        Part::Para("Serious Case Review progress update 2014-15"),
        Part::Para(
            "Key: 1 = Fully achieved; 2 = Mostly achieved; 3 = Partly achieved; 4 = Not achieved",
        ),
        Part::Table(vec![
            row(&[
                "No.",
                "Recommendation",
                "Lead",
                "Target date",
                "Assessment of progress",
            ]),
            row(&[
                "1.",
                "Audit strategy meetings",
                "Chair / DCS",
                "June 2014",
                "1",
            ]),
            row(&[
                "2.",
                "Refresh escalation policy",
                "Policy Sub Group + Health",
                "March 2015",
                "3",
            ]),
            row(&["3.", "Train GPs", "Named GP", "March 2015", "5"]),
        ]),
    ];
    let imported = read(Format::Odt, &odt(&parts), "review.odt");
    check(
        &imported,
        &[("1", "Objective 1")],
        &[
            (
                "1",
                "Audit strategy meetings",
                &["Chair", "DCS"],
                "2014-06-30",
                Some(Rag::Blue),
            ),
            (
                "2",
                "Refresh escalation policy",
                &["Policy Sub Group", "Health"],
                "2015-03-31",
                Some(Rag::Amber),
            ),
            ("3", "Train GPs", &["Named GP"], "2015-03-31", None),
        ],
    );
    assert!(inferred(
        &imported,
        "\"3\" is read as amber through the key"
    ));
    assert!(
        imported
            .report
            .warnings
            .iter()
            .any(|w| w.message.contains("the status \"5\"")),
        "a number the key does not give is reported"
    );
}

/// A plan's table broken in two (a page break, or pasted in pieces): the second part has no
/// heading row and takes the first's columns; a row with neither number nor action is the
/// rest of the row above.
#[test]
fn a_table_broken_across_pages_is_read_as_one() {
    let head = row(&["No.", "Action", "Lead", "Timescale", "Progress"]);
    let parts = vec![
        Part::Para("Millbrook LSCB Business Plan 2016-17"),
        Part::Table(vec![
            head,
            row(&[
                "1.1",
                "Agree the neglect strategy",
                "Chair",
                "June 2016",
                "Agreed",
            ]),
            row(&[
                "1.2",
                "Launch the strategy",
                "Business Manager",
                "July 2016",
                "Launch booked",
            ]),
        ]),
        Part::Table(vec![
            row(&["", "", "Comms Officer", "", "venue found"]),
            row(&["1.3", "Review the strategy", "Chair", "March 2017", ""]),
        ]),
    ];
    let imported = read(Format::Docx, &docx(&parts), "millbrook.docx");
    check(
        &imported,
        &[("1", "Objective 1")],
        &[
            (
                "1.1",
                "Agree the neglect strategy",
                &["Chair"],
                "2016-06-30",
                None,
            ),
            (
                "1.2",
                "Launch the strategy",
                &["Business Manager", "Comms Officer"],
                "2016-07-31",
                None,
            ),
            ("1.3", "Review the strategy", &["Chair"], "2017-03-31", None),
        ],
    );
    let second = &imported.preview.objectives[0].actions[1];
    assert_eq!(second.progress, "Launch booked\nvenue found");
    assert!(inferred(
        &imported,
        "table 2 has no heading row; it is read with the columns of table 1, row 1"
    ));
    assert!(inferred(
        &imported,
        "table 2, row 1 has no number and no action; it is read as the rest of table 1, row 3"
    ));
}
