//! The sample plan (the Kingston LSCB improvement plan 2009-10, read by the plan-text
//! importer) round-trips through JSON, CSV and XLSX.

use domain::Partnership;
use formats::{csv_plan, json, plan_rows, plan_text, xlsx_plan};

fn sample() -> Partnership {
    let text = include_str!("../../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");
    plan_text::import(text)
        .expect("the sample plan imports")
        .partnership
}

#[test]
fn the_sample_plan_passes_validation() {
    assert_eq!(domain::validate(&sample()), vec![]);
}

#[test]
fn the_sample_plan_survives_json_export_import_export_byte_for_byte() {
    let p = sample();
    let first = json::export(&p);
    let back = json::import(&first).expect("the export imports");
    assert_eq!(back, p);
    assert_eq!(json::export(&back), first);
}

#[test]
fn the_sample_plan_survives_csv_export_import_export_exactly() {
    let p = sample();
    for plan in 0..p.plans.len() {
        let first = csv_plan::export(&p, plan);
        let back = csv_plan::import(first.as_bytes(), &p, plan).expect("the export imports");
        assert_eq!(csv_plan::export(&back, plan), first);
        assert_eq!(back, p);
    }
}

#[test]
fn the_sample_plan_survives_xlsx_export_import_export_exactly() {
    let p = sample();
    for plan in 0..p.plans.len() {
        let bytes = xlsx_plan::export(&p, plan).expect("exports");
        let back = xlsx_plan::import(&bytes, &p, plan).expect("the export imports");
        let again = xlsx_plan::export(&back, plan).expect("exports again");
        let twice = xlsx_plan::import(&again, &p, plan).expect("imports again");
        assert_eq!(
            plan_rows::to_rows(&twice, plan),
            plan_rows::to_rows(&p, plan)
        );
        assert_eq!(back, p);
    }
}
