//! `--map` and `--status-scale` applied to whole documents: a mapped column read in every
//! table headed alike, a scale read over the key the document prints, and a map that leaves
//! no column for the actions refused with the actions' error, not a missing heading.

use domain::Rag;
use formats::plan_tables::{self, Format, Imported, Overrides};

fn read(csv: &str, map: &[&str], scale: Option<&str>) -> Imported {
    let mut o = Overrides::default();
    for m in map {
        o.add_map(m).unwrap();
    }
    if let Some(s) = scale {
        o.add_scale(s).unwrap();
    }
    plan_tables::import_with(Format::Csv, csv.as_bytes(), "plan 2015-16.csv", &o)
        .unwrap_or_else(|e| panic!("{e}"))
}

const PLAN: &str = "Plan 2015-16\n1,Fully achieved\n2,Mostly achieved\n3,Partly achieved\n4,Not achieved\n\
No.,Action,Lead,Named person,Progress RAG\n\
1.1,Publish the strategy,Board,Board Manager,1\n\
1.2,Audit the referrals,Board,Named Nurse,4\n";

#[test]
fn a_mapped_column_replaces_the_recognised_one_on_every_row() {
    let plain = read(PLAN, &[], None);
    let a = &plain.preview.objectives[0].actions;
    assert_eq!(a[0].leads, ["Board"]);
    let mapped = read(PLAN, &["lead=NAMED PERSON"], None);
    let a = &mapped.preview.objectives[0].actions;
    assert_eq!(a[0].leads, ["Board Manager"]);
    assert_eq!(a[1].leads, ["Named Nurse"]);
    assert!(
        a[0].notes
            .iter()
            .any(|n| n.label == "Lead" && n.text == "Board"),
        "the displaced column is kept as a note: {:?}",
        a[0].notes
    );
    let cols = &mapped.preview.mappings[0].columns;
    assert_eq!(cols[3].from, "override");
    assert_eq!(cols[2].from, "inferred");
}

#[test]
fn a_status_scale_is_read_over_the_documents_key() {
    let keyed = read(PLAN, &[], None);
    let a = &keyed.preview.objectives[0].actions;
    assert_eq!(
        (a[0].status, a[1].status),
        (Some(Rag::Blue), Some(Rag::Red))
    );
    assert!(
        keyed
            .preview
            .status_scale
            .iter()
            .all(|e| e.from == "document")
    );
    let scaled = read(PLAN, &[], Some("1=green,4=none"));
    let a = &scaled.preview.objectives[0].actions;
    assert_eq!((a[0].status, a[1].status), (Some(Rag::Green), None));
    assert_eq!(a[1].status_text, "4", "the value is kept as written");
    assert!(
        scaled.report.warnings.is_empty(),
        "{:?}",
        scaled.report.warnings
    );
    let unused = read(PLAN, &[], Some("1=green,5=red"));
    let said: Vec<&str> = unused
        .report
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert!(
        said.iter()
            .any(|m| m.contains("\"5\", but no status cell holds it")),
        "{said:?}"
    );
    let shown: Vec<(&str, Option<Rag>, &str)> = scaled
        .preview
        .status_scale
        .iter()
        .map(|e| (e.value.as_str(), e.rating, e.from))
        .collect();
    assert_eq!(
        shown,
        [
            ("1", Some(Rag::Green), "override"),
            ("4", None, "override"),
            ("2", Some(Rag::Green), "document"),
            ("3", Some(Rag::Amber), "document"),
        ]
    );
}

#[test]
fn a_map_that_takes_the_actions_column_away_gets_the_actions_error() {
    let mut o = Overrides::default();
    o.add_map("note=Action").unwrap();
    let e = plan_tables::import_with(Format::Csv, PLAN.as_bytes(), "plan.csv", &o).unwrap_err();
    assert!(
        e.problem
            .contains("no table has a column that could hold actions"),
        "{e}"
    );
}
