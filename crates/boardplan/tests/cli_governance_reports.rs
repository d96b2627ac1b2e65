//! `boardplan report member-register|public-register|attendance|meeting-pack|minutes` (issue
//! #12, item 8) end to end on the real binary and either database: each report read back by a
//! real reader (pdftotext for PDF; LibreOffice for DOCX, XLSX and ODS) and holding what it
//! should (a member's name and agency, an agency's share, an agenda item, a paper's own
//! pages, a decision), the annual report's membership and attendance, and bad input refused
//! with the fix and no file written.

use std::path::{Path, PathBuf};
use std::process::Command;

use testkit::programs::{PDFTOTEXT, SOFFICE_CALC, SOFFICE_WRITER};

use crate::common::{Db, fresh_db, path_str};

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sample plan; three members of three agencies; board meetings in June and September
/// 2009, the June minutes approved in September; September's agenda naming a PDF in the
/// register, a DOCX in the register and a paper not in it.
fn board() -> Db {
    let db = fresh_db();
    db.import_sample();
    db.run(&[
        "member",
        "add",
        "Ann Lee",
        "--agency",
        "Metropolitan Police",
        "--board-role",
        "chair",
        "--job-title",
        "Detective Superintendent",
        "--expertise",
        "policing, child protection",
        "--email",
        "ann.lee@met.example.gov.uk",
    ])
    .ok();
    for (name, agency) in [("Bob Ray", "Probation Service"), ("Cat Day", "CAFCASS")] {
        db.run(&[
            "member",
            "add",
            name,
            "--agency",
            agency,
            "--board-role",
            "member",
        ])
        .ok();
    }
    for (day, seats) in [
        (
            "2009-06-17",
            [
                ("Ann Lee", "present"),
                ("Bob Ray", "present"),
                ("Cat Day", "absent"),
            ],
        ),
        (
            "2009-09-16",
            [
                ("Ann Lee", "present"),
                ("Bob Ray", "deputy"),
                ("Cat Day", "apologies"),
            ],
        ),
    ] {
        db.run(&[
            "meeting",
            "add",
            day,
            "--time",
            "09:30",
            "--place",
            "Guildhall",
        ])
        .ok();
        for (who, how) in seats {
            let mut args = vec!["meeting", "attend", day, "--member", who, "--as", how];
            if how == "deputy" {
                args.extend(["--deputy", "Sam Cole"]);
            }
            db.run(&args).ok();
        }
    }
    let june = db.file("june.txt", "The board agreed its terms of reference.\n");
    db.run(&[
        "meeting",
        "minutes",
        "2009-06-17",
        "--file",
        path_str(&june),
    ])
    .ok();
    db.run(&[
        "meeting",
        "minutes",
        "2009-06-17",
        "--approved-at",
        "2009-09-16",
    ])
    .ok();
    let september = db.file("september.txt", "The chair welcomed members.\n");
    db.run(&[
        "meeting",
        "minutes",
        "2009-09-16",
        "--file",
        path_str(&september),
    ])
    .ok();
    db.run(&[
        "meeting",
        "decide",
        "2009-09-16",
        "Approve the training strategy 2009-12",
    ])
    .ok();
    db.run(&[
        "meeting",
        "action",
        "add",
        "2009-09-16",
        "Circulate the training strategy",
        "--who",
        "Ann Lee",
        "--due",
        "2009-10-31",
    ])
    .ok();
    for (title, paper) in [
        ("Training strategy 2009-12", "Training strategy"),
        ("Communications plan", "Communications plan"),
        ("Performance report", "Paper 3"),
    ] {
        db.run(&["meeting", "agenda", "2009-09-16", title, "--paper", paper])
            .ok();
    }
    // The papers: Boardplan's own reports make a real PDF and a real DOCX.
    let formats: &[&str] = if cfg!(feature = "pdf") {
        &["pdf", "docx"]
    } else {
        &["docx"]
    };
    for (format, title, kind) in [
        ("pdf", "Training strategy", "strategy"),
        ("docx", "Communications plan", "plan"),
    ] {
        if !formats.contains(&format) {
            continue;
        }
        let file = db.dir.path().join(format!("paper.{format}"));
        db.run(&["report", "public", "--out", path_str(&file)]).ok();
        db.run(&[
            "doc",
            "add",
            "--kind",
            kind,
            "--title",
            title,
            "--owner",
            "chair-training",
            "--file",
            path_str(&file),
        ])
        .ok();
    }
    db
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    squeeze(&String::from_utf8_lossy(&out.stdout))
}

/// LibreOffice converts `file` (`to`: "pdf" or a CSV filter) into `dir/out`.
fn soffice(dir: &Path, to: &str, file: &Path) -> PathBuf {
    let out_dir = dir.join("out");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/lo-profile",
            dir.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(&out_dir)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "LibreOffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out_dir
}

/// Every sheet of `file` as CSV, one after another.
fn sheets(dir: &Path, file: &Path) -> String {
    let out = soffice(
        dir,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        file,
    );
    let stem = file.file_stem().and_then(|s| s.to_str()).expect("a stem");
    let mut all = String::new();
    for e in std::fs::read_dir(out).expect("out").flatten() {
        if e.file_name()
            .to_string_lossy()
            .starts_with(&format!("{stem}-"))
        {
            all.push_str(&std::fs::read_to_string(e.path()).expect("a sheet"));
        }
    }
    all
}

#[test]
fn the_member_register_reads_back_from_xlsx_and_pdf_with_no_contact_details() {
    let db = board();
    let run = db
        .run(&["report", "member-register", "--format", "xlsx"])
        .ok();
    assert!(
        run.stderr.contains("Register of board members"),
        "{}",
        run.stderr
    );
    let xlsx = std::fs::read_dir(db.dir.path())
        .expect("the folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("member-register-"))
        })
        .expect("member-register-DATE.xlsx, named by default");
    assert_eq!(xlsx.extension().and_then(|e| e.to_str()), Some("xlsx"));
    if testkit::program("the member register read by LibreOffice", &[SOFFICE_CALC]) {
        let csv = sheets(db.dir.path(), &xlsx);
        assert!(
            csv.contains("Ann Lee,Metropolitan Police,Detective Superintendent,Chair,\"policing, child protection\""),
            "{csv}"
        );
        assert!(csv.contains("Cat Day,CAFCASS"), "{csv}");
        assert!(!csv.contains('@'), "no e-mail address: {csv}");
    }
    if cfg!(feature = "pdf")
        && testkit::program("the public register read by pdftotext", &[PDFTOTEXT])
    {
        let out = db.dir.path().join("public.pdf");
        db.run(&["report", "public-register", "--out", path_str(&out)])
            .ok();
        let text = pdftotext(&out);
        assert!(
            text.contains("Ann Lee") && text.contains("Metropolitan Police"),
            "{text}"
        );
        assert!(text.contains("policing, child protection"), "{text}");
        for private in ["@", "Detective Superintendent"] {
            assert!(
                !text.contains(private),
                "{private} in the public register: {text}"
            );
        }
    }
}

#[test]
fn attendance_over_a_period_reads_back_from_ods_with_each_agencys_share() {
    let db = board();
    let out = db.dir.path().join("attendance.ods");
    db.run(&[
        "report",
        "attendance",
        "--from",
        "2009-04-01",
        "--to",
        "2010-03-31",
        "--format",
        "ods",
        "--out",
        path_str(&out),
    ])
    .ok();
    if !testkit::program("attendance read by LibreOffice", &[SOFFICE_CALC]) {
        return;
    }
    let csv = sheets(db.dir.path(), &out);
    let line = |start: &str| {
        csv.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start}: {csv}"))
            .to_owned()
    };
    // CAFCASS sent no one to either meeting; Probation was represented by a deputy once.
    let cafcass = line("CAFCASS,2,0,");
    assert!(
        cafcass.starts_with("CAFCASS,2,0,0,") && cafcass.ends_with("Below 75%"),
        "{cafcass}"
    );
    assert!(line("Probation Service,2,2,").starts_with("Probation Service,2,2,100"));
    assert!(line("Cat Day,CAFCASS,2,0,").starts_with("Cat Day,CAFCASS,2,0,0"));
}

#[test]
fn the_meeting_pack_is_one_pdf_with_agenda_paper_last_minutes_and_action_log() {
    let db = board();
    if !cfg!(feature = "pdf") {
        let run = db.run(&["report", "meeting-pack", "--meeting", "2009-09-16"]);
        assert!(
            !run.success && run.stderr.contains("without PDF support"),
            "{}",
            run.stderr
        );
        return;
    }
    let run = db
        .run(&["report", "meeting-pack", "--meeting", "2009-09-16"])
        .ok();
    assert!(run.stderr.contains("with 1 paper"), "{}", run.stderr);
    let pack = db.dir.path().join("meeting-pack-2009-09-16.pdf");
    if !testkit::program("the meeting pack read by pdftotext", &[PDFTOTEXT]) {
        return;
    }
    let text = pdftotext(&pack);
    for expected in [
        "Board meeting on 16 September 2009 at 09:30, Guildhall.",
        "Training strategy 2009-12",
        "Included: \"Training strategy\" (version 1), after the action log",
        "Listed only: \"Communications plan\" (version 1) is a Word document, not a PDF",
        "Listed only: no document in the register has this title",
        "Minutes of the last meeting, 17 June 2009",
        "Approved at the meeting of 16 September 2009.",
        "The board agreed its terms of reference.",
        "Circulate the training strategy",
        "Paper: Training strategy",
        // The paper's own words, from its pages in the pack.
        "Our improvement plan: a summary for the public",
    ] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
}

#[test]
fn the_minutes_read_back_from_docx_with_the_decision_and_the_deputy() {
    let db = board();
    let out = db.dir.path().join("minutes.docx");
    db.run(&[
        "report",
        "minutes",
        "--meeting",
        "2009-09-16",
        "--format",
        "docx",
        "--out",
        path_str(&out),
    ])
    .ok();
    if !testkit::program(
        "the minutes read by LibreOffice",
        &[SOFFICE_WRITER, PDFTOTEXT],
    ) {
        return;
    }
    let pdf = soffice(db.dir.path(), "pdf", &out).join("minutes.pdf");
    let text = pdftotext(&pdf);
    for expected in [
        "Minutes",
        "1. Approve the training strategy 2009-12",
        "Represented by Sam Cole",
        "Draft: not yet approved.",
        "The chair welcomed members.",
        "Circulate the training strategy",
    ] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
}

#[test]
fn the_annual_report_gains_membership_and_attendance() {
    let db = board();
    let out = db.dir.path().join("annual.html");
    db.run(&["report", "annual", "--out", path_str(&out)]).ok();
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(
        html.contains(">Membership<") && html.contains(">Attendance<"),
        "{html}"
    );
    assert!(
        html.contains("Below the board&#39;s threshold of 75%: CAFCASS (0%)."),
        "{html}"
    );
    assert!(html.contains("Detective Superintendent") && !html.contains("ann.lee@"));
}

#[test]
fn bad_flags_are_refused_with_the_fix_and_no_file_is_written() {
    let db = board();
    // The reports in the folder (the database's own files come and go as it is used).
    let reports = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(db.dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("test.db"))
            .collect();
        names.sort();
        names
    };
    let before = reports();
    for (args, says) in [
        (
            vec!["report", "minutes", "--format", "docx"],
            "minutes needs the meeting: add --meeting DATE",
        ),
        (
            vec![
                "report",
                "meeting-pack",
                "--meeting",
                "2009-09-16",
                "--format",
                "docx",
            ],
            "the meeting pack is one PDF",
        ),
        (
            vec![
                "report",
                "attendance",
                "--from",
                "2010-01-01",
                "--to",
                "2009-01-01",
            ],
            "the period ends (2009-01-01) before it starts (2010-01-01)",
        ),
        (
            vec!["report", "member-register", "--meeting", "2009-09-16"],
            "--meeting and --subgroup choose the meeting of a meeting-pack or minutes report",
        ),
        (
            vec![
                "report",
                "board-paper",
                "--from",
                "2009-01-01",
                "--out",
                "p.html",
            ],
            "--from and --to give the period of the attendance report",
        ),
        (
            vec!["report", "minutes", "--meeting", "2009-09-17"],
            "no meeting of the board on 2009-09-17 is recorded",
        ),
    ] {
        let run = db.run(&args);
        assert!(!run.success, "{args:?} succeeded");
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
    assert_eq!(before, reports(), "no file written");
}
