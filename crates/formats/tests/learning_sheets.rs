//! Training attendance and evaluation from real spreadsheets: CSV files saved as ODS by
//! LibreOffice (as a training officer would with "Save as… ODF Spreadsheet") read into the
//! same rows as the CSV, with numbers typed as numbers and rows numbered as Calc shows them;
//! a bad cell in an ODS is named by row and column, and a damaged ODS is refused.

use std::process::Command;

use formats::learning::sheet::SheetFormat;
use formats::learning::training::{attendance, evaluation};
use testkit::programs::SOFFICE_CALC;

const ATTENDANCE: &str = "Session,Agency,Role,Attended\n\
    3,Children's Services,Social worker,12\n\
    \n\
    3,NHS Kingston,GP,4\n";

const EVALUATION: &str = "Session,Stage,Respondent,Outcome,Score,Comment\n\
    3,before,r1,Recognise neglect,3,\n\
    3,after,r1,Recognise neglect,8,Clearer on thresholds\n\
    3,follow_up,r1,Recognise neglect,7,Using the toolkit with families\n";

const BAD_SCORE: &str = "Session,Stage,Respondent,Outcome,Score\n\
    3,before,r1,Recognise neglect,4\n\
    3,after,r1,Recognise neglect,11\n";

/// Each CSV saved as ODS by LibreOffice Calc, in one run; `None` when LibreOffice is missing
/// outside CI (the test is skipped, and says so).
fn as_ods(sheets: &[(&str, &str)]) -> Option<Vec<Vec<u8>>> {
    if !testkit::program(
        "training sheets saved as ODS by LibreOffice",
        &[SOFFICE_CALC],
    ) {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut soffice = Command::new("soffice");
    soffice
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        // Comma-separated, double quotes, UTF-8, from the first line.
        .args([
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "ods",
        ])
        .arg("--outdir")
        .arg(dir.path());
    for (name, csv) in sheets {
        let path = dir.path().join(format!("{name}.csv"));
        std::fs::write(&path, csv).unwrap();
        soffice.arg(path);
    }
    let out = soffice.output().expect("run soffice");
    assert!(out.status.success(), "soffice: {out:?}");
    Some(
        sheets
            .iter()
            .map(|(name, _)| {
                let path = dir.path().join(format!("{name}.ods"));
                std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            })
            .collect(),
    )
}

#[test]
fn attendance_and_evaluation_read_from_ods_as_from_the_csv_they_were_saved_from() {
    let Some(files) = as_ods(&[
        ("attendance", ATTENDANCE),
        ("evaluation", EVALUATION),
        ("bad-score", BAD_SCORE),
    ]) else {
        return;
    };
    assert!(files[0].starts_with(b"PK"), "an ODS is a zip");
    assert_eq!(
        SheetFormat::from_file_name("Attendance 2009-10.ODS"),
        Some(SheetFormat::Ods)
    );

    let from_ods = attendance(&files[0], SheetFormat::Ods).unwrap();
    let from_csv = attendance(ATTENDANCE.as_bytes(), SheetFormat::Csv).unwrap();
    assert_eq!(from_ods.len(), 2);
    assert_eq!(from_ods[0].1.count, 12, "a number cell reads as the count");
    assert_eq!(from_ods[1].1.agency, "NHS Kingston");
    let rows: Vec<usize> = from_ods.iter().map(|(row, _)| *row).collect();
    let csv_rows: Vec<usize> = from_csv.iter().map(|(row, _)| *row).collect();
    assert_eq!(rows, csv_rows, "rows are numbered as the sheet shows them");
    assert_eq!(
        from_ods.iter().map(|(_, a)| a).collect::<Vec<_>>(),
        from_csv.iter().map(|(_, a)| a).collect::<Vec<_>>()
    );

    let scores = evaluation(&files[1], SheetFormat::Ods).unwrap();
    assert_eq!(
        scores,
        evaluation(EVALUATION.as_bytes(), SheetFormat::Csv).unwrap()
    );
    assert_eq!(scores[0].1.comment, None, "an empty cell is no comment");
    assert_eq!(
        scores[2].1.comment.as_deref(),
        Some("Using the toolkit with families")
    );

    let e = evaluation(&files[2], SheetFormat::Ods).unwrap_err();
    assert_eq!(e.place.to_string(), "row 3, column \"Score\"");
}

#[test]
fn a_damaged_ods_is_refused_with_how_to_save_it_again() {
    let e = attendance(b"PK\x03\x04 not really a spreadsheet", SheetFormat::Ods).unwrap_err();
    assert!(e.problem.contains(".ods"), "{e}");
    assert!(e.fix.contains("LibreOffice Calc"), "{e}");
}
