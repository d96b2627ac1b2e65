//! Whatever tables it is given, the board-layout reader answers with a plan or an error —
//! never a panic — and a plan it returns is valid: unique action ids, leads that are roles,
//! counts that match. And whatever bytes a file holds, each reader answers without panicking.

use std::collections::HashSet;

use formats::plan_tables::grid::{Block, Table};
use formats::plan_tables::{self, Format};
use proptest::prelude::*;

/// The cells board plans are made of: headings, numbers in every form, owners, dates,
/// ratings, objective headings, page furniture, non-ASCII text.
const CELLS: &[&str] = &[
    "",
    "Action",
    "ACTIONS",
    "Lead",
    "Who will lead?",
    "Timescale",
    "By when",
    "RAG",
    "BRAG",
    "Achieved",
    "On target",
    "Progress",
    "Ref",
    "No.",
    "Theme",
    "Outcome",
    "Notes",
    "1",
    "1.",
    "1.1",
    "1.1a",
    "1a",
    "(b)",
    "ii)",
    "2 (i)",
    "2 (iii)",
    "10.10",
    "3.2.1",
    "1.1 Do it",
    "(c) Then this",
    "Review the audit",
    "Chair / DCS",
    "Police and Health",
    "Assistant Director, Safeguarding and Family Support",
    "İstanbul and Éire team",
    "Monitoring and Evaluation Sub Group1",
    "March 2013",
    "30.11.16",
    "Ongoing",
    "by April 2012",
    "financial year 2012/13",
    "Green",
    "A/R",
    "✓",
    "Yes",
    "2",
    "Objective 2: Safer care",
    "PRIORITY 1a Early help",
    "Page 1of 9",
    "see 1.1",
    "see 1a",
    "Business Plan 2015-18",
    "\u{3000}",
    "— – …",
];

fn cell() -> impl Strategy<Value = String> {
    prop::sample::select(CELLS).prop_map(str::to_string)
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        1 => cell().prop_map(Block::Heading),
        3 => (any::<bool>(), prop::collection::vec(prop::collection::vec(cell(), 0..7), 0..9)).prop_map(
            |(headed, mut rows)| {
                if headed {
                    let head = ["No.", "Action", "Lead", "Timescale", "RAG"];
                    rows.insert(0, head.map(String::from).to_vec());
                }
                Block::Table(Table {
                    name: "table 1".into(),
                    first_row: 1,
                    rows,
                })
            }
        ),
    ]
}

/// A plan read from tables is valid, its ids unique and its counts right.
fn valid(imported: &plan_tables::Imported) -> Result<(), TestCaseError> {
    let problems = domain::validate(&imported.partnership);
    prop_assert!(problems.is_empty(), "{problems:?}");
    let plan = &imported.partnership.plans[0];
    let mut ids = HashSet::new();
    for (_, a) in plan.actions() {
        prop_assert!(ids.insert(a.id.clone()), "repeated id {}", a.id);
    }
    let mut report = imported.report.clone();
    report.count(&imported.partnership);
    prop_assert_eq!(&report.counts, &imported.report.counts);
    let shown: usize = imported
        .preview
        .objectives
        .iter()
        .map(|o| o.actions.len())
        .sum();
    prop_assert_eq!(shown, plan.actions().count());
    Ok(())
}

#[test]
fn any_tables_give_a_valid_plan_or_an_error() {
    let read = std::cell::Cell::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(400));
    runner
        .run(
            &prop::collection::vec(block(), 0..6),
            |blocks| match plan_tables::from_blocks(&blocks, "plan 2015-16.docx") {
                Ok(imported) => {
                    read.set(read.get() + 1);
                    valid(&imported)
                }
                Err(_) => Ok(()),
            },
        )
        .unwrap();
    // The property is not vacuous: many of the generated documents are plans.
    assert!(
        read.get() > 40,
        "only {} of 400 were read as plans",
        read.get()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_bytes_give_a_plan_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..400), zip_head in any::<bool>()) {
        let mut bytes = bytes;
        if zip_head {
            bytes.splice(0..0, b"PK\x03\x04".iter().copied());
        }
        for format in [Format::Docx, Format::Odt, Format::Xlsx, Format::Ods, Format::Csv] {
            let _ = plan_tables::import(format, &bytes, "plan.bin");
        }
    }
}
