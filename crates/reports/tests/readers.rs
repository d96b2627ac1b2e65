//! Every document and workbook opened by a real reader: LibreOffice (headless) converts each
//! DOCX and ODT to PDF and each XLSX and ODS to CSV without error, and the figures survive;
//! python's `icalendar` parses the feed and finds the right events. Where a reader is not
//! installed the test says `skipped:`, except in CI, where it fails (see `testkit`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{YEAR_END, kingston};
use reports::{Format, ReportKind, build, render};
use testkit::programs::{ICALENDAR, PDFTOTEXT, SOFFICE_CALC, SOFFICE_WRITER};

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

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write_all(dir: &Path, format: Format) -> Vec<(ReportKind, PathBuf, reports::Report)> {
    let input = kingston(YEAR_END);
    ReportKind::ALL
        .into_iter()
        .map(|kind| {
            let report = build(kind, &input);
            let path = dir.join(format!("{kind}-{format}.{}", format.extension()));
            std::fs::write(&path, render(&report, format).expect("renders")).expect("written");
            (kind, path, report)
        })
        .collect()
}

#[test]
fn libreoffice_converts_every_docx_and_odt_to_pdf_and_the_figures_survive() {
    if !testkit::program(
        "DOCX and ODT read back by LibreOffice",
        &[SOFFICE_WRITER, PDFTOTEXT],
    ) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut written = write_all(dir.path(), Format::Docx);
    written.extend(write_all(dir.path(), Format::Odt));
    let files: Vec<PathBuf> = written.iter().map(|(_, p, _)| p.clone()).collect();
    soffice(dir.path(), "pdf", &files);
    for (kind, path, report) in &written {
        let pdf = dir
            .path()
            .join("out")
            .join(path.with_extension("pdf").file_name().expect("a name"));
        assert!(
            pdf.exists(),
            "LibreOffice made no PDF of {}",
            path.display()
        );
        let out = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        let text = squeeze(&String::from_utf8_lossy(&out.stdout));
        assert!(
            text.contains(&squeeze(kind.title())),
            "{}: no title",
            path.display()
        );
        for s in &report.sections {
            assert!(
                text.contains(&squeeze(&s.heading)),
                "{}: no heading {}",
                path.display(),
                s.heading
            );
        }
        for f in report.figures() {
            assert!(
                text.contains(&squeeze(&format!("{}: {}", f.label, f.value))),
                "{}: figure {} = {} lost",
                path.display(),
                f.label,
                f.value
            );
        }
    }
}

#[test]
fn libreoffice_opens_every_xlsx_and_ods_and_each_sheet_keeps_its_figures() {
    if !testkit::program("XLSX and ODS read back by LibreOffice", &[SOFFICE_CALC]) {
        return;
    }
    for format in [Format::Xlsx, Format::Ods] {
        let dir = tempfile::tempdir().expect("temp dir");
        let written = write_all(dir.path(), format);
        let files: Vec<PathBuf> = written.iter().map(|(_, p, _)| p.clone()).collect();
        // 44 = comma, 34 = quote, 76 = UTF-8, and the last -1: every sheet to its own file.
        soffice(
            dir.path(),
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            &files,
        );
        for (kind, path, report) in &written {
            let stem = path.file_stem().and_then(|s| s.to_str()).expect("a stem");
            let sheet = |name: &str| {
                let file = dir.path().join("out").join(format!("{stem}-{name}.csv"));
                std::fs::read_to_string(&file)
                    .unwrap_or_else(|e| panic!("{kind} {format}: no sheet {name}: {e}"))
            };
            let summary = sheet("Summary");
            assert!(summary.contains(kind.title()), "{kind} {format}: {summary}");
            for f in report.figures() {
                assert!(
                    summary.contains(&f.value),
                    "{kind} {format}: figure {} = {} lost",
                    f.label,
                    f.value
                );
            }
            let tables = report.tables();
            assert!(!tables.is_empty());
            let names = std::fs::read_dir(dir.path().join("out"))
                .expect("out dir")
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.starts_with(&format!("{stem}-")))
                .count();
            assert_eq!(
                names,
                tables.len() + 1,
                "{kind} {format}: a sheet per table and the summary"
            );
        }
        let (_, path, _) = &written[0];
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a stem");
        let indicators = std::fs::read_to_string(
            dir.path()
                .join("out")
                .join(format!("{stem}-Performance indicators latest v.csv")),
        )
        .expect("the board paper's indicator sheet");
        assert!(indicators.contains("NI 59: Initial assessments within 7 working days of referral,2009-10,79.3,80,Amber (some slippage),improving,improving,0"), "{format}: {indicators}");
    }
}

#[test]
fn python_icalendar_parses_the_feed_with_every_meeting_and_deadline() {
    if !testkit::program("the calendar feed read by python icalendar", &[ICALENDAR]) {
        return;
    }
    let input = kingston(YEAR_END);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("feed.ics");
    std::fs::write(&path, reports::calendar::render(&input)).expect("written");
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
assert cal.get('VERSION') == '2.0', cal.get('VERSION')
for e in cal.walk('VEVENT'):
    print('\t'.join([str(e.get('UID')), e.decoded('DTSTART').isoformat(), e.decoded('DTEND').isoformat(), e.decoded('DTSTAMP').isoformat(), str(e.get('SUMMARY'))]))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "icalendar refused the feed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Vec<String>> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect();
    let events = reports::calendar::events(&input);
    assert_eq!(lines.len(), events.len());
    let mut uids: Vec<&str> = lines.iter().map(|l| l[0].as_str()).collect();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), lines.len(), "UIDs are unique");
    let board: Vec<&Vec<String>> = lines
        .iter()
        .filter(|l| l[4] == "Kingston LSCB: board meeting")
        .collect();
    assert_eq!(
        board.iter().map(|l| l[1].as_str()).collect::<Vec<_>>(),
        ["2009-06-17", "2009-09-17", "2009-12-17", "2010-03-17"]
    );
    assert!(
        board.iter().all(|l| l[2] > l[1]),
        "each event ends the day after it starts"
    );
    assert!(
        lines.iter().all(|l| l[3] == "2009-10-14T08:30:00+00:00"),
        "DTSTAMP is the generated-at time"
    );
    let deadline = lines
        .iter()
        .find(|l| l[4] == "Due: action 1.1 of Kingston LSCB Improvement Plan 2009-2010")
        .expect("action 1.1's deadline");
    let plan = &input.partnership.plans[0];
    let (o, a) = plan.action("1.1").expect("action 1.1");
    let due = o.timescale_for(a).and_then(|t| t.due).expect("a due date");
    assert_eq!(deadline[1], due.to_string());
}
