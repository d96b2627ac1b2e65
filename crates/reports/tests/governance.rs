//! The reports on the board's own business, from `governance::sample`: what each says (as
//! text), that the public register carries no contact details or job titles, that the annual
//! report gains membership and attendance, and each read back by a real reader (LibreOffice
//! converting DOCX and ODT to PDF for pdftotext, and XLSX and ODS to CSV).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{YEAR_END, kingston};
use reports::governance::sample;
use reports::render::text;
use reports::{Audience, Format, ReportKind, build, render};
use testkit::programs::{PDFTOTEXT, SOFFICE_CALC, SOFFICE_WRITER};

fn input() -> reports::ReportInput {
    let mut input = kingston(YEAR_END);
    input.governance = sample::governance();
    input
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_member_register_names_each_person_with_agency_role_expertise_and_term_but_no_contact() {
    let r = build(ReportKind::MemberRegister, &input());
    assert_eq!(r.audience, Audience::Internal);
    let t = text::render(&r);
    assert!(t.contains("Register of board members"), "{t}");
    for needed in [
        "Ann Lee",
        "Kingston Council",
        "Director of Children's Services",
        "Chair",
        "safeguarding, education",
        "31 March 2011",
        "Lay member",
        "Independent",
    ] {
        assert!(t.contains(needed), "{needed} missing: {t}");
    }
    assert!(!t.contains('@'), "no e-mail address: {t}");
    assert!(
        t.contains("The terms of 1 person had ended by 31 March 2010"),
        "{t}"
    );
}

#[test]
fn the_public_register_has_name_agency_role_and_expertise_only() {
    let r = build(ReportKind::PublicRegister, &input());
    assert_eq!(r.audience, Audience::Public);
    let t = text::render(&r);
    assert!(t.contains("Bob Khan") && t.contains("Metropolitan Police") && t.contains("policing"));
    for private in ["@", "Detective Inspector", "30 September 2010", "Term ends"] {
        assert!(
            !t.contains(private),
            "{private} in the public register: {t}"
        );
    }
    let html = String::from_utf8(render(&r, Format::Html).unwrap()).unwrap();
    assert!(!html.contains("example.gov.uk") && !html.contains("Detective Inspector"));
}

#[test]
fn attendance_gives_each_agency_its_share_and_flags_those_below_the_threshold() {
    let r = build(ReportKind::Attendance, &input());
    assert_eq!(
        r.covers,
        Some(("2009-04-01".parse().unwrap(), "2010-03-31".parse().unwrap()))
    );
    let t = text::render(&r);
    assert!(
        t.contains("Below the board's threshold of 75%: Kingston Hospital (50%)."),
        "{t}"
    );
    let agencies = r
        .tables()
        .into_iter()
        .find(|t| t.id == "attendance-agencies")
        .expect("the agencies' table");
    let police: Vec<String> = agencies.rows[2].iter().map(|c| c.as_text()).collect();
    assert_eq!(police, ["Metropolitan Police", "4", "3", "75%", ""]);
    let chart = r
        .tables()
        .into_iter()
        .find(|t| t.id == "attendance-by-agency-data")
        .expect("the chart's data");
    assert_eq!(chart.rows[1][3].as_text(), "Below 75%");
    let html = String::from_utf8(render(&r, Format::Html).unwrap()).unwrap();
    assert!(html.contains("50% below"), "the chart says it in words");
    let people = r
        .tables()
        .into_iter()
        .find(|t| t.id == "attendance-people")
        .expect("by person");
    let dev: Vec<String> = people.rows[3].iter().map(|c| c.as_text()).collect();
    assert_eq!(dev, ["Dev Patel", "Kingston Hospital", "4", "2", "50%"]);
}

#[test]
fn the_meeting_pack_says_which_papers_it_includes_and_carries_the_last_minutes_and_action_log() {
    let r = build(ReportKind::MeetingPack, &input());
    assert_eq!(r.plan, "Board meeting, 16 September 2009");
    let t = squeeze(&text::render(&r));
    for needed in [
        "Board meeting on 16 September 2009 at 14:00, Guildhall, Kingston upon Thames.",
        "Training strategy 2009-12",
        "1 of 3 papers named on the agenda is included in this pack",
        "Included: \"Training strategy\" (version 2), after the action log",
        "Listed only: \"Communications plan\" (version 1) is a Word document, not a PDF",
        "Listed only: no document in the register has this title",
        "Minutes of the last meeting, 17 June 2009",
        "Approved at the meeting of 16 September 2009.",
        "The board agreed its terms of reference.",
        "Circulate the training strategy to every agency",
        "1 action is open",
    ] {
        assert!(t.contains(needed), "{needed} missing: {t}");
    }
}

#[test]
fn the_minutes_give_attendance_quorum_decisions_and_say_they_are_a_draft() {
    let r = build(ReportKind::Minutes, &input());
    let t = squeeze(&text::render(&r));
    for needed in [
        "Represented by Sam Reed",
        "Apologies",
        "Quorate: 3 people filled their seats, from 2 agencies (the quorum is at least 2 agencies).",
        "1. The board approved the training strategy 2009-12.",
        "Draft: not yet approved.",
        "The chair welcomed members.",
    ] {
        assert!(t.contains(needed), "{needed} missing: {t}");
    }
}

#[test]
fn the_annual_report_gains_membership_and_attendance_only_when_they_were_read() {
    let with = build(ReportKind::Annual, &input());
    let headings: Vec<&str> = with.sections.iter().map(|s| s.heading.as_str()).collect();
    assert!(
        headings.ends_with(&["Membership", "Attendance"]),
        "{headings:?}"
    );
    let t = text::render(&with);
    assert!(t.contains("Kingston Hospital") && t.contains("50%"), "{t}");
    let without = build(ReportKind::Annual, &kingston(YEAR_END));
    assert!(!without.sections.iter().any(|s| s.heading == "Membership"));
}

/// Run LibreOffice on `files`, writing into `dir/out`.
fn soffice(dir: &Path, convert_to: &str, files: &[PathBuf]) {
    let profile = format!("file://{}/lo-profile", dir.display());
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            convert_to,
            "--outdir",
        ])
        .arg(dir.join("out"))
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "LibreOffice failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write(dir: &Path, kind: ReportKind, format: Format) -> PathBuf {
    let path = dir.join(format!("{kind}.{}", format.extension()));
    let bytes = render(&build(kind, &input()), format).expect("renders");
    std::fs::write(&path, bytes).expect("written");
    path
}

#[test]
fn libreoffice_reads_the_register_and_minutes_documents_with_their_content() {
    if !testkit::program(
        "governance DOCX and ODT read back by LibreOffice",
        &[SOFFICE_WRITER, PDFTOTEXT],
    ) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = Vec::new();
    for format in [Format::Docx, Format::Odt] {
        for kind in [ReportKind::MemberRegister, ReportKind::Minutes] {
            files.push((kind, write(dir.path(), kind, format)));
        }
    }
    let paths: Vec<PathBuf> = files.iter().map(|(_, p)| p.clone()).collect();
    // DOCX and ODT of one report share a stem: convert each format into its own folder.
    for format in ["docx", "odt"] {
        let these: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == format))
            .cloned()
            .collect();
        let sub = dir.path().join(format);
        std::fs::create_dir_all(&sub).expect("a folder");
        soffice(&sub, "pdf", &these);
    }
    for (kind, path) in &files {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .expect("an extension");
        let pdf = dir
            .path()
            .join(ext)
            .join("out")
            .join(path.with_extension("pdf").file_name().expect("a name"));
        let out = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        let text = squeeze(&String::from_utf8_lossy(&out.stdout));
        let needed: &[&str] = match kind {
            ReportKind::MemberRegister => &[
                "Register of board members",
                "Ann Lee",
                "Kingston Council",
                "Detective Inspector",
            ],
            _ => &[
                "Minutes",
                "The board approved the training strategy 2009-12.",
                "Represented by Sam Reed",
            ],
        };
        for n in needed {
            assert!(text.contains(n), "{}: {n} missing: {text}", path.display());
        }
        assert!(!text.contains('@'), "{}: an e-mail address", path.display());
    }
}

#[test]
fn libreoffice_reads_the_register_and_attendance_workbooks_with_each_agencys_share() {
    if !testkit::program(
        "governance XLSX and ODS read back by LibreOffice",
        &[SOFFICE_CALC],
    ) {
        return;
    }
    for format in [Format::Xlsx, Format::Ods] {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = vec![
            write(dir.path(), ReportKind::MemberRegister, format),
            write(dir.path(), ReportKind::Attendance, format),
        ];
        soffice(
            dir.path(),
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            &files,
        );
        let sheets = |stem: &str| -> String {
            let mut all = String::new();
            for e in std::fs::read_dir(dir.path().join("out"))
                .expect("out")
                .flatten()
            {
                let name = e.file_name().into_string().unwrap_or_default();
                if name.starts_with(&format!("{stem}-")) {
                    all.push_str(&std::fs::read_to_string(e.path()).expect("a sheet"));
                }
            }
            all
        };
        let register = sheets("member-register");
        assert!(
            register.contains("Ann Lee,Kingston Council,Director of Children's Services,Chair,\"safeguarding, education\""),
            "{format}: {register}"
        );
        assert!(!register.contains('@'), "{format}: an e-mail address");
        let attendance = sheets("attendance");
        // A share is a number in the sheet (50), whatever the program shows beside it.
        let line = |start: &str| {
            attendance
                .lines()
                .find(|l| l.starts_with(start))
                .unwrap_or_else(|| panic!("{format}: no line {start}: {attendance}"))
                .to_owned()
        };
        let hospital = line("Kingston Hospital,4,2,");
        assert!(
            hospital.starts_with("Kingston Hospital,4,2,50") && hospital.ends_with(",Below 75%"),
            "{format}: {hospital}"
        );
        assert!(line("Metropolitan Police,4,3,").starts_with("Metropolitan Police,4,3,75"));
        assert!(
            line("Dev Patel,Kingston Hospital,4,2,")
                .starts_with("Dev Patel,Kingston Hospital,4,2,50")
        );
    }
}
