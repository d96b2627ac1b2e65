//! An Excel workbook (.xlsx) read as `boardplan import plan.xlsx` reads it (calamine): a plan
//! or an error, never a panic. Input starting `PK\x03\x04` is the file; other input is the
//! first sheet's XML, then after a NUL byte (if any) the shared strings' XML, put into a
//! workbook of one sheet (see the crate's notes on why).

#![no_main]

use boardplan_fuzz::{ZIP, import, tolerate_caught_panics, zip};
use formats::plan_tables::Format;
use libfuzzer_sys::fuzz_target;

const TYPES: &[u8] = b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>";

const RELS: &[u8] = b"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

const WORKBOOK: &[u8] = b"<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<sheets><sheet name=\"Plan\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

const WORKBOOK_RELS: &[u8] = b"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";

fuzz_target!(|data: &[u8]| {
    // calamine overflows on some cell references; the reader catches it (`xlsx_range`).
    tolerate_caught_panics();
    if data.starts_with(ZIP) {
        import(Format::Xlsx, data, "plan.xlsx");
    } else {
        let (sheet, strings) = match data.iter().position(|&b| b == 0) {
            Some(at) => (&data[..at], &data[at + 1..]),
            None => (data, &b"<sst/>"[..]),
        };
        let file = zip(&[
            ("[Content_Types].xml", TYPES),
            ("_rels/.rels", RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", strings),
        ]);
        import(Format::Xlsx, &file, "plan.xlsx");
    }
});
