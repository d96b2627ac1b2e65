//! Board-layout files that cannot be read: each is refused with an error naming the
//! problem and the fix. And an ODS plan with several sheets, read sheet by sheet.

use formats::plan_tables::{self, Format};
use formats::{FormatError, Place};
use rust_xlsxwriter::Workbook;

use crate::plan_tables_fixtures::{Part, c, covered, docx, ods, odt, odt_encrypted, row};

fn refused(format: Format, bytes: &[u8]) -> FormatError {
    match plan_tables::import(format, bytes, "plan") {
        Ok(i) => panic!("should be refused, read {:?}", i.preview.objectives),
        Err(e) => e,
    }
}

#[test]
fn a_document_with_no_table_says_the_actions_must_be_in_one() {
    let parts = [
        Part::Para("Business Plan 2015-16"),
        Part::Para("We will do better."),
    ];
    for (format, bytes) in [(Format::Docx, docx(&parts)), (Format::Odt, odt(&parts))] {
        let e = refused(format, &bytes);
        assert_eq!(e.place, Place::Document);
        assert!(e.problem.contains("no table was found"), "{e}");
        assert!(e.fix.contains("Action | Lead | Timescale"), "{e}");
    }
}

#[test]
fn a_table_with_no_column_for_actions_is_refused_showing_its_first_row() {
    let parts = [
        Part::Para("Board meetings 2015-16"),
        Part::Table(vec![
            row(&["Venue", "Date", "Chair"]),
            row(&["Town Hall", "June 2015", "Jo"]),
        ]),
    ];
    let e = refused(Format::Docx, &docx(&parts));
    assert!(
        e.problem
            .contains("no table has a column that could hold actions"),
        "{e}"
    );
    assert!(e.problem.contains("\"Venue | Date | Chair\""), "{e}");
    let e = refused(Format::Csv, b"Name,Phone\nJo,123\n");
    assert!(e.problem.contains("could hold actions"), "{e}");
}

#[test]
fn a_heading_row_with_no_rows_under_it_is_refused() {
    let e = refused(Format::Csv, b"Action,Lead,Timescale\n");
    assert!(e.problem.contains("no action rows"), "{e}");
}

#[test]
fn a_plan_whose_years_are_nowhere_is_refused_saying_where_to_put_them() {
    let e = refused(
        Format::Csv,
        b"Action,Lead,Timescale\nAudit files,Chair,Ongoing\n",
    );
    assert!(e.problem.contains("years were not found"), "{e}");
    assert!(e.fix.contains("title with its years"), "{e}");
}

#[test]
fn damaged_and_password_protected_files_are_refused_for_what_they_are() {
    let good = docx(&[Part::Table(vec![row(&["Action", "Lead"])])]);
    let cut = &good[..good.len() / 2];
    for (format, what) in [
        (Format::Docx, "Word"),
        (Format::Odt, "OpenDocument"),
        (Format::Xlsx, ".xlsx"),
        (Format::Ods, ".ods"),
    ] {
        let e = refused(format, cut);
        assert!(
            e.problem.contains("not a readable") && e.problem.contains(what),
            "{format:?}: {e}"
        );
        assert!(e.fix.contains("save it again"), "{e}");
        let e = refused(format, b"not a zip at all");
        assert!(e.problem.contains("not a readable"), "{format:?}: {e}");
    }
    // An encrypted Office file is an OLE container, whatever its extension.
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(2048, 0);
    for format in [Format::Docx, Format::Xlsx] {
        let e = refused(format, &ole);
        assert!(e.problem.contains("password-protected"), "{format:?}: {e}");
        assert!(e.fix.contains("remove the password"), "{e}");
    }
    let parts = [
        Part::Para("Plan 2015-16"),
        Part::Table(vec![row(&["Action", "Lead"]), row(&["Audit", "Chair"])]),
    ];
    let e = refused(Format::Odt, &odt_encrypted(&parts));
    assert!(e.problem.contains("password-protected"), "{e}");
    // A Word file that is not one: a zip without its document part.
    let e = refused(Format::Docx, &odt(&parts));
    assert!(e.problem.contains("no word/document.xml"), "{e}");
}

#[test]
fn a_workbook_with_an_empty_sheet_first_is_read_from_the_sheet_with_the_plan() {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Contents").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Actions").unwrap();
    for (r, cells) in [
        ["Action plan 2019-20", "", ""],
        ["Action", "Lead", "Deadline"],
        ["Audit", "Chair", "30/06/19"],
    ]
    .iter()
    .enumerate()
    {
        for (col, text) in (0u16..).zip(cells.iter()) {
            sheet.write_string(r as u32, col, *text).unwrap();
        }
    }
    let imported =
        plan_tables::import(Format::Xlsx, &book.save_to_buffer().unwrap(), "plan.xlsx").unwrap();
    let a = &imported.preview.objectives[0].actions[0];
    assert_eq!(
        (a.id.as_str(), a.place.as_str()),
        ("1.1", "sheet \"Actions\", row 3")
    );
    assert_eq!(imported.preview.title, "Action plan 2019-20");
}

/// A work-stream progress report as ODS: one sheet per work stream (its name the objective),
/// several named leads, a progress cell merged over two rows, a number with no key printed
/// (kept as written and reported).
#[test]
fn an_ods_progress_report_in_work_streams() {
    let head = || row(&["Work stream", "Action", "Leads", "Due", "Status", "Update"]);
    let bytes = ods(&[
        (
            "Stream 1",
            vec![
                row(&[
                    "Harbourside Safeguarding Partnership progress report 2020-21",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]),
                head(),
                vec![
                    c("1. Exploitation"),
                    c("1.1 Map exploitation hot spots"),
                    c("DI Patel\nYouth Justice Manager"),
                    c("October 2020"),
                    c("Green"),
                    c("Map drafted\nfor the county").down(2),
                ],
                vec![
                    c("1. Exploitation"),
                    c("1.2 Train taxi drivers"),
                    c("Licensing Lead / Community Safety"),
                    c("March 2021"),
                    c("2"),
                    covered(),
                ],
            ],
        ),
        (
            "Stream 2",
            vec![
                head(),
                row(&[
                    "2. Neglect",
                    "2.1 Adopt the graded care profile",
                    "Neglect Lead",
                    "January 2021",
                    "Red",
                    "Delayed",
                ]),
            ],
        ),
    ]);
    let imported = plan_tables::import(Format::Ods, &bytes, "harbourside.ods").unwrap();
    let objectives: Vec<(&str, &str, Vec<&str>)> = imported
        .preview
        .objectives
        .iter()
        .map(|o| {
            (
                o.number.as_str(),
                o.title.as_str(),
                o.actions.iter().map(|a| a.id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        objectives,
        [
            ("1", "Exploitation", vec!["1.1", "1.2"]),
            ("2", "Neglect", vec!["2.1"])
        ]
    );
    let a = &imported.preview.objectives[0].actions;
    assert_eq!(a[0].leads, ["DI Patel", "Youth Justice Manager"]);
    assert_eq!(a[1].leads, ["Licensing Lead", "Community Safety"]);
    assert_eq!(a[0].status, Some(domain::Rag::Green));
    assert_eq!((a[1].status, a[1].status_text.as_str()), (None, "2"));
    assert!(
        imported
            .report
            .warnings
            .iter()
            .any(|w| w.message.contains("the status \"2\""))
    );
    assert_eq!(
        imported.preview.objectives[1].actions[0].progress,
        "Delayed"
    );
    assert!(domain::validate(&imported.partnership).is_empty());
}

/// Found by fuzzing (`fuzz/`, target `plan_docx`): years no plan can have in its title
/// ("8011-12") gave a plan that validation then refused. Such years are not the plan's: the
/// import says it found none, as for a title without years.
#[test]
fn years_no_plan_can_have_are_not_taken_as_the_plans() {
    for title in [
        "Business Plan 8011-12",
        "Business Plan 2100",
        "Business Plan 1989-90",
    ] {
        let parts = [
            Part::Para(title),
            Part::Table(vec![
                row(&["Ref", "Action", "Lead"]),
                row(&["1.1", "Agree the strategy", "Chair"]),
            ]),
        ];
        let e = refused(Format::Docx, &docx(&parts));
        assert!(e.problem.contains("years were not found"), "{title}: {e}");
    }
    // Dates in the actions far outside those years are no plan's years either.
    let parts = [
        Part::Para("Business Plan"),
        Part::Table(vec![
            row(&["Ref", "Action", "Lead", "Timescale"]),
            row(&["1.1", "Agree the strategy", "Chair", "March 8011"]),
        ]),
    ];
    let e = refused(Format::Docx, &docx(&parts));
    assert!(e.problem.contains("years were not found"), "{e}");
}

/// Found by fuzzing (`fuzz/`, target `plan_xlsx`): a cell far from the others (here
/// XFD1048576) made calamine ask for a grid of billions of cells, and the allocation
/// aborted the process. The sheet is refused, naming it and the fix.
#[test]
fn a_sheet_with_a_cell_far_from_the_table_is_refused_not_a_crash() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Plan").unwrap();
    for (r, cells) in [
        ["Ref", "Action", "Lead"],
        ["1.1", "Agree the strategy", "Chair"],
    ]
    .iter()
    .enumerate()
    {
        for (c, text) in cells.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let e = refused(Format::Xlsx, &book.save_to_buffer().unwrap());
    assert!(e.problem.contains("the sheet \"Plan\""), "{e}");
    assert!(e.problem.contains("1048576 rows by 16384 columns"), "{e}");
    assert!(e.fix.contains("Delete the rows and columns"), "{e}");
}

/// Found by fuzzing (`fuzz/`, target `plan_docx`): a timescale in a year no plan covers
/// ("December 2110") gave an action a due date validation refused. The action keeps the
/// label, with no date, and a warning names it.
#[test]
fn a_timescale_in_a_year_no_plan_covers_is_kept_as_written_with_no_date() {
    let parts = [
        Part::Para("Business Plan 2012-13"),
        Part::Table(vec![
            row(&["Ref", "Action", "Lead", "Timescale"]),
            row(&["1.1", "Agree the strategy", "Chair", "December 2110"]),
            row(&["1.2", "Audit the plans", "Chair", "March 2013"]),
        ]),
    ];
    let imported = plan_tables::import(Format::Docx, &docx(&parts), "plan.docx").unwrap();
    assert!(domain::validate(&imported.partnership).is_empty());
    let actions: Vec<_> = imported
        .preview
        .objectives
        .iter()
        .flat_map(|o| &o.actions)
        .map(|a| (a.id.as_str(), a.due.map(|d| d.to_string())))
        .collect();
    assert_eq!(
        actions,
        [("1.1", None), ("1.2", Some("2013-03-31".to_string()))]
    );
    assert!(
        imported.report.warnings.iter().any(|w| w
            .message
            .contains("\"December 2110\" names a year outside 1990 to 2100")),
        "{:?}",
        imported.report.warnings
    );
}

/// Found by fuzzing (`fuzz/`, target `plan_ods`): with no title naming the plan's years,
/// they are read from the actions' dates, and one timescale in a year no plan covers
/// ("financial year 2112/13") first stretched them to 2113, which validation refused, and then
/// (with years kept to 1990 to 2100) made the import find no years at all. That timescale is
/// kept as written with no date and a warning; the other dates give the years.
#[test]
fn a_timescale_in_a_year_no_plan_covers_does_not_decide_the_plans_years() {
    let bytes = ods(&[(
        "Plan",
        vec![
            row(&["Specific Actions", "Timescale/Target", "Lead", "RAG rating"]),
            vec![
                c("1. Agree the early help offer"),
                c("by April 2012"),
                c("Early Help Manager").down(2),
                c("G"),
            ],
            vec![
                c("2. Train lead professionals"),
                c("financial year 2112/13"),
                covered(),
                c("Amber"),
            ],
            row(&["3. Adopt a toolkit", "Sept 07", "Named Nurse + DCS", "R"]),
        ],
    )]);
    let imported = plan_tables::import(Format::Ods, &bytes, "plan.ods").unwrap();
    assert!(domain::validate(&imported.partnership).is_empty());
    let period = imported.preview.period;
    assert_eq!(
        (period.start.to_string(), period.end.to_string()),
        ("2007-04-01".to_string(), "2013-03-31".to_string())
    );
    let actions: Vec<_> = imported
        .preview
        .objectives
        .iter()
        .flat_map(|o| &o.actions)
        .map(|a| (a.id.as_str(), a.due.map(|d| d.to_string())))
        .collect();
    assert_eq!(
        actions,
        [
            ("1", Some("2012-04-30".to_string())),
            ("2", None),
            ("3", Some("2007-09-30".to_string())),
        ]
    );
    assert!(
        imported.report.warnings.iter().any(|w| w
            .message
            .contains("\"financial year 2112/13\" names a year outside 1990 to 2100")),
        "{:?}",
        imported.report.warnings
    );
}

/// A workbook of one sheet "Plan" whose part is `sheet` (the worksheet's XML), written
/// here so that it can hold what no spreadsheet writes.
fn workbook_with_sheet(sheet: &str) -> Vec<u8> {
    use std::io::Write;
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>",
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
        ),
        (
            "xl/workbook.xml",
            "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Plan\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A worksheet's XML: `before` and `after` its cells, a plan's heading row and one action.
fn sheet_xml(before: &str, after: &str) -> String {
    let cell = |r: &str, t: &str| format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>{t}</t></is></c>");
    format!(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{before}<sheetData><row r=\"1\">{}{}</row><row r=\"2\">{}{}</row></sheetData>{after}</worksheet>",
        cell("A1", "Action"),
        cell("B1", "Lead"),
        cell("A2", "Agree the strategy"),
        cell("B2", "Chair"),
    )
}

/// Found by fuzzing (`fuzz/`, target `plan_xlsx`): calamine overflows reading a cell
/// reference of many letters, a panic where overflow checks are on. The workbook is refused
/// as damaged, whatever the build.
#[test]
fn a_cell_reference_of_many_letters_is_refused_as_damaged() {
    let bytes = workbook_with_sheet(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"ZZZZZZZZZZZZ1\" t=\"inlineStr\"><is><t>Action</t></is></c></row></sheetData></worksheet>",
    );
    let e = refused(Format::Xlsx, &bytes);
    assert!(e.problem.contains("not a readable Excel workbook"), "{e}");
}

/// Found by fuzzing (`fuzz/`, target `plan_xlsx`): calamine subtracts with overflow reading
/// a range that ends before it starts, a panic where overflow checks are on (in release the
/// number wraps). A sheet whose used area (`<dimension>`) or a merged cell is such a range,
/// or one past a sheet's last cell, is refused naming the sheet and the fix, in every build;
/// the same sheet without it is read.
#[test]
fn a_sheet_declaring_a_backwards_range_is_refused_naming_it() {
    let sound = workbook_with_sheet(&sheet_xml(
        "<dimension ref=\"A1:B2\"/>",
        "<mergeCells count=\"1\"><mergeCell ref=\"C1:D1\"/></mergeCells>",
    ));
    let imported = plan_tables::import(Format::Xlsx, &sound, "Business Plan 2012-13.xlsx").unwrap();
    assert_eq!(imported.preview.objectives[0].actions.len(), 1);

    for (before, after, what) in [
        ("<dimension ref=\"C5:A1\"/>", "", "<dimension>"),
        ("<dimension ref=\"B1:A1\"/>", "", "<dimension>"),
        ("<dimension ref=\"A2:B1\"/>", "", "<dimension>"),
        ("<dimension ref=\"A1:XFE1\"/>", "", "<dimension>"),
        (
            "<dimension ref=\"A1:B2\"/>",
            "<mergeCells count=\"1\"><mergeCell ref=\"B2:A1\"/></mergeCells>",
            "<mergeCell>",
        ),
        (
            "<dimension ref=\"A1:B2\"/>",
            "<mergeCells count=\"1\"><mergeCell ref=\"A2:A1048577\"/></mergeCells>",
            "<mergeCell>",
        ),
    ] {
        let bytes = workbook_with_sheet(&sheet_xml(before, after));
        let e = refused(Format::Xlsx, &bytes);
        assert!(
            e.problem.contains("the sheet \"Plan\" is damaged"),
            "{before}{after}: {e}"
        );
        assert!(e.problem.contains(what), "{before}{after}: {e}");
        assert!(e.fix.contains("save it again"), "{e}");
    }
    // The export's reader (and the register and learning sheets behind it) alike.
    let backwards = workbook_with_sheet(&sheet_xml("<dimension ref=\"C5:A1\"/>", ""));
    let p = crate::interchange_common::rich();
    let e = formats::xlsx_plan::import(&backwards, &p, 0).unwrap_err();
    assert!(e.problem.contains("the sheet \"Plan\" is damaged"), "{e}");
}
