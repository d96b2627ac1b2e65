//! The seed corpora of the tables-import fuzz targets (`fuzz/`), written from the builders
//! the tests use (`tests/plan_tables_fixtures.rs`), so that no binary seed is committed:
//!
//!   cargo run -p formats --example fuzz_seeds -- fuzz/corpus
//!
//! writes `plan_docx/`, `plan_odt/`, `plan_ods/`, `plan_xlsx/`, `plan_csv/` and `plan_pdf/`
//! under the directory given. A DOCX, ODT, ODS and XLSX plan is written both as the file and
//! as the XML of the part holding its tables (the targets put XML input into a file of
//! their own, see `fuzz/src/lib.rs`). The PDFs are a small one written here with its
//! contents uncompressed (so that mutations reach the drawing and text operators) and,
//! where LibreOffice is installed, the Word plans printed by it.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use rust_xlsxwriter::{Format as Style, Workbook};

#[allow(dead_code)] // the seeds use some of the tests' builders
#[path = "../tests/plan_tables_fixtures.rs"]
mod plan_tables_fixtures;

use plan_tables_fixtures::{C, Part, c, covered, docx, ods, odt, row};

/// Plans in a few of the layouts the tests read: numbers in their own column or the text,
/// merged cells both ways, several tables under headings, a printed status key.
fn plans() -> Vec<(&'static str, Vec<Part>)> {
    vec![
        (
            "headings",
            vec![
                Part::Para("Brightwater LSCB Business Plan 2011-12"),
                Part::Para("LSCB Objective 1: TO STRENGTHEN EARLY HELP"),
                Part::Table(vec![
                    row(&["ACTION", "OUTCOME", "LEAD", "TIMESCALE", "PROGRESS"]),
                    row(&[
                        "1.1 Agree an early help strategy",
                        "A strategy in place",
                        "Early Help Sub Group",
                        "June 2011",
                        "Draft written",
                    ]),
                    row(&[
                        "1.1a Consult partners on the draft",
                        "Views gathered",
                        "Chair / Business Manager",
                        "Ongoing",
                        "",
                    ]),
                ]),
                Part::Para("LSCB Objective 2: TO LEARN FROM CASES"),
                Part::Table(vec![
                    row(&["ACTION", "OUTCOME", "LEAD", "TIMESCALE", "PROGRESS"]),
                    row(&[
                        "2.1 Run two audits (see 1.1)",
                        "Audit reports Page 1of 9",
                        "Quality Assurance Sub Group",
                        "30.11.16",
                        "",
                    ]),
                ]),
            ],
        ),
        (
            "merged",
            vec![
                Part::Para("PRIORITY 1a Early Help and Prevention"),
                Part::Table(vec![
                    row(&["Specific Actions", "Timescale/Target", "Lead", "RAG rating"]),
                    vec![
                        c("1. Agree the early help offer"),
                        c("by April 2012"),
                        c("Early Help Manager").down(2),
                        c("G"),
                    ],
                    vec![
                        c("2. Train lead professionals"),
                        c("financial year 2012/13"),
                        covered(),
                        c("Amber"),
                    ],
                    vec![c("Theme: neglect").across(4)],
                    row(&["(i) Adopt a toolkit", "Sept 07", "Named Nurse + DCS", "R"]),
                ]),
            ],
        ),
        (
            "scale",
            vec![
                Part::Para("Key: 1 fully achieved, 2 on target, 3 some slippage, 4 not achieved"),
                Part::Table(vec![
                    row(&[
                        "Ref",
                        "Ofsted para",
                        "Recommendation",
                        "Responsible officer",
                        "Target date",
                        "Status",
                        "Progress to date",
                    ]),
                    row(&[
                        "1a",
                        "para 12",
                        "Review the thresholds",
                        "Assistant Director, Safeguarding and Family Support",
                        "30/06/07",
                        "1",
                        "Done",
                    ]),
                    row(&[
                        "1b",
                        "para 14",
                        "Audit the plans",
                        "Chair and DCS",
                        "To be confirmed",
                        "3",
                        "Late\nsecond line",
                    ]),
                ]),
            ],
        ),
    ]
}

fn part(file: &[u8], name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(file)).expect("a zip");
    let mut out = Vec::new();
    zip.by_name(name)
        .expect("the part")
        .read_to_end(&mut out)
        .expect("read");
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::create_dir_all(dir).expect("the corpus directory");
    std::fs::write(dir.join(name), bytes).expect("a seed is written");
}

fn cells(rows: &[Vec<C>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.text.clone()).collect())
        .collect()
}

fn tables(parts: &[Part]) -> Vec<Vec<Vec<String>>> {
    parts
        .iter()
        .filter_map(|p| match p {
            Part::Table(rows) => Some(cells(rows)),
            Part::Para(_) => None,
        })
        .collect()
}

/// A workbook of the plan's tables, one after another on one sheet with a title row, the
/// first cell of a theme row merged across.
fn xlsx(parts: &[Part]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Plan").expect("a name");
    sheet
        .write_string(0, 0, "Business Plan 2012-13")
        .expect("a cell");
    let mut r = 2u32;
    for table in tables(parts) {
        for cells in table {
            for (col, text) in cells.iter().enumerate() {
                sheet.write_string(r, col as u16, text).expect("a cell");
            }
            r += 1;
        }
    }
    sheet
        .merge_range(r, 0, r, 3, "Theme: later work", &Style::new())
        .expect("a merge");
    sheet.write_number(r + 1, 0, 4.5).expect("a number");
    book.save_to_buffer().expect("the workbook")
}

fn csv(parts: &[Part], separator: char) -> Vec<u8> {
    let mut out = String::new();
    for table in tables(parts) {
        for cells in table {
            let line: Vec<String> = cells
                .iter()
                .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
                .collect();
            out.push_str(&line.join(&separator.to_string()));
            out.push('\n');
        }
    }
    out.into_bytes()
}

/// A one-page PDF with a ruled table of two columns, its contents uncompressed.
fn small_pdf() -> Vec<u8> {
    let mut content = String::from("0.5 w\n");
    // Rulings: three rows, two columns.
    for y in [700, 680, 660, 640] {
        content.push_str(&format!("50 {y} m 450 {y} l S\n"));
    }
    for x in [50, 150, 450] {
        content.push_str(&format!("{x} 640 m {x} 700 l S\n"));
    }
    // A thin filled rectangle, as Word draws a border.
    content.push_str("50 699.8 400 0.4 re f\n");
    let text = [
        (60, 740, "Safeguarding Board Business Plan 2013-14"),
        (55, 686, "Ref"),
        (155, 686, "Action"),
        (55, 666, "1.1"),
        (155, 666, "Agree the neglect strategy"),
        (55, 646, "1.2"),
        (155, 646, "Audit (the) plans \\(see 1.1\\)"),
    ];
    for (x, y, t) in text {
        content.push_str(&format!("BT /F1 10 Tf {x} {y} Td ({t}) Tj ET\n"));
    }
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        pdf.push_str(&format!("{o:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.into_bytes()
}

/// The Word plans printed to PDF by LibreOffice, if it is installed.
fn printed(dir: &Path, docs: &[(String, Vec<u8>)]) {
    let work = std::env::temp_dir().join(format!("boardplan-fuzz-seeds-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("a work directory");
    let mut soffice = Command::new("soffice");
    soffice
        .arg(format!(
            "-env:UserInstallation=file://{}",
            work.join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&work);
    for (name, bytes) in docs {
        let path = work.join(format!("{name}.docx"));
        std::fs::write(&path, bytes).expect("written");
        soffice.arg(path);
    }
    match soffice.output() {
        Ok(out) if out.status.success() => {
            for (name, _) in docs {
                let pdf = std::fs::read(work.join(format!("{name}.pdf"))).expect("the PDF");
                write(dir, &format!("{name}.pdf"), &pdf);
            }
        }
        _ => eprintln!("LibreOffice (soffice) did not run: only the written PDF is a seed"),
    }
    let _ = std::fs::remove_dir_all(&work);
}

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: fuzz_seeds DIRECTORY (e.g. fuzz/corpus)"),
    );
    let mut docs = Vec::new();
    for (name, parts) in plans() {
        let d = docx(&parts);
        write(&out.join("plan_docx"), &format!("{name}.docx"), &d);
        write(
            &out.join("plan_docx"),
            &format!("{name}.xml"),
            &part(&d, "word/document.xml"),
        );
        let o = odt(&parts);
        write(&out.join("plan_odt"), &format!("{name}.odt"), &o);
        write(
            &out.join("plan_odt"),
            &format!("{name}.xml"),
            &part(&o, "content.xml"),
        );
        let sheets: Vec<(&str, Vec<Vec<C>>)> = parts
            .iter()
            .filter_map(|p| match p {
                Part::Table(rows) => Some(("Plan", rows.clone())),
                Part::Para(_) => None,
            })
            .collect();
        let s = ods(&sheets);
        write(&out.join("plan_ods"), &format!("{name}.ods"), &s);
        write(
            &out.join("plan_ods"),
            &format!("{name}.xml"),
            &part(&s, "content.xml"),
        );
        let x = xlsx(&parts);
        write(&out.join("plan_xlsx"), &format!("{name}.xlsx"), &x);
        let mut xml = part(&x, "xl/worksheets/sheet1.xml");
        xml.push(0);
        xml.extend(part(&x, "xl/sharedStrings.xml"));
        write(&out.join("plan_xlsx"), &format!("{name}.xml"), &xml);
        write(
            &out.join("plan_csv"),
            &format!("{name}.csv"),
            &csv(&parts, ','),
        );
        write(
            &out.join("plan_csv"),
            &format!("{name}-semicolons.csv"),
            &csv(&parts, ';'),
        );
        docs.push((name.to_string(), d));
    }
    write(&out.join("plan_pdf"), "small.pdf", &small_pdf());
    printed(&out.join("plan_pdf"), &docs);
    println!("seeds written under {}", out.display());
}
