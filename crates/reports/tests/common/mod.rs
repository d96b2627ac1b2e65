//! The Kingston sample plan with the sample's progress and indicators, as at a date, and the
//! helpers the reader tests share.
#![allow(dead_code)]

use reports::ReportInput;

pub const SAMPLE_PLAN: &str =
    include_str!("../../../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");

/// The fixed generated-at stamp every test uses.
pub fn generated_at() -> jiff::Timestamp {
    "2009-10-14T08:30:00Z".parse().expect("a timestamp")
}

/// The sample plan with believable progress as at `as_at`.
pub fn kingston(as_at: &str) -> ReportInput {
    let imported = formats::plan_text::import(SAMPLE_PLAN).expect("the sample plan imports");
    reports::sample::input(
        imported.partnership,
        0,
        as_at.parse().expect("a date"),
        generated_at(),
    )
}

/// The board paper's date in the sample: the September 2009 board meeting.
pub const BOARD_MEETING: &str = "2009-09-17";
/// The end of the plan's year.
pub const YEAR_END: &str = "2010-03-31";

/// The entries of a zip archive, by name, in archive order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).expect("an entry");
            let name = f.name().expect("a name").to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("readable");
            (name, data)
        })
        .collect()
}

/// The text of an XML part, one line per paragraph, heading or table cell (`close` names the
/// elements whose end starts a new line), with entities decoded.
pub fn xml_text(xml: &str, close: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start + 1..start + end];
        if close.iter().any(|c| tag == format!("/{c}")) {
            out.push('\n');
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every sheet of a workbook (XLSX or ODS) as text: its name, then a line per row with the
/// cells separated by " | ".
pub fn workbook_text(bytes: &[u8]) -> String {
    use calamine::{Data, Reader};
    let mut out = String::new();
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .expect("a workbook");
    for name in book.sheet_names() {
        out.push_str(&format!("## {name}\n"));
        let range = book.worksheet_range(&name).expect("a sheet");
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => f.to_string(),
                    // An XLSX date is a day count from 1899-12-30; ODS gives it as ISO text.
                    Data::DateTime(d) => jiff::civil::date(1899, 12, 30)
                        .checked_add(jiff::Span::new().days(d.as_f64() as i64))
                        .map_or_else(|_| d.to_string(), |x| x.to_string()),
                    Data::DateTimeIso(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            out.push_str(&cells.join(" | "));
            out.push('\n');
        }
    }
    out
}
