//! Time and peak memory of one annual report, in a fresh process (so typst's cache starts
//! cold, as on the command line). The peak is the process's high-water resident set
//! (`VmHWM`, Linux), which a criterion bench cannot report.
//!
//! ```sh
//! cargo run --release -p reports-pdf --example annual_peak              # 2,000 actions, PDF
//! cargo run --release -p reports-pdf --example annual_peak -- demo docx # the demo, DOCX
//! ```
//!
//! The first argument is `generated` (the benches' plan of 100 objectives of 20 actions) or
//! `demo` (the Kingston sample); the second is `pdf`, `docx` or `xlsx`; the third, how many
//! times to make the report (default 1): later PDFs find typst's cache warm, as in a server;
//! the fourth, a file to write the report to, to read it.

use std::time::Instant;

use reports::{Format, ReportKind};

// The benches' generator, shared by path so this example does not pull in the benches crate
// (and with it the store and the web app).
#[path = "../../../benches/src/lib.rs"]
mod generated;

const SAMPLE: &str =
    include_str!("../../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");

fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let plan = args.first().map_or("generated", String::as_str);
    let format = args.get(1).map_or("pdf", String::as_str);
    let (doc, as_at) = match plan {
        "demo" => (SAMPLE.to_owned(), "2010-03-31"),
        "generated" => (generated::plan_document(100, 20), "2013-03-31"),
        other => panic!("unknown plan {other:?}: use generated or demo"),
    };
    let imported = formats::plan_text::import(&doc).expect("the plan imports");
    let input = reports::sample::input(
        imported.partnership,
        0,
        as_at.parse().expect("a date"),
        "2013-04-01T09:00:00Z".parse().expect("a timestamp"),
    );
    let times: usize = args
        .get(2)
        .map_or(1, |n| n.parse().expect("a number of times"));
    let actions = input.partnership.plans[0].actions().count();
    let show = |m: Option<f64>| m.map_or("unknown".to_owned(), |m| format!("{m:.0} MiB"));
    println!(
        "before building the report: peak resident memory {}",
        show(peak_mib())
    );
    for time in 1..=times {
        let start = Instant::now();
        let report = reports::build(ReportKind::Annual, &input);
        let bytes = match format {
            "pdf" => reports_pdf::render(&report).expect("a PDF"),
            "docx" => reports::render(&report, Format::Docx).expect("a DOCX"),
            "xlsx" => reports::render(&report, Format::Xlsx).expect("an XLSX"),
            other => panic!("unknown format {other:?}: use pdf, docx or xlsx"),
        };
        let took = start.elapsed();
        if let Some(out) = args.get(3) {
            std::fs::write(out, &bytes).expect("the report is written");
        }
        println!(
            "annual report of {actions} actions as {format} ({time} of {times}): {} bytes in {:.0} ms; peak resident memory {}",
            bytes.len(),
            took.as_secs_f64() * 1000.0,
            show(peak_mib())
        );
    }
}
