//! What the tables-import fuzz targets share: the same checks of a plan read, and the zips a
//! target wraps its input in.
//!
//! The readers of DOCX, ODT, ODS and XLSX open a zip, and a zip checks each part's CRC, so
//! bytes mutated inside a real file mostly stop at "damaged". Each of those targets therefore
//! takes its input two ways: bytes that start as a zip does (`PK\x03\x04`) are the file
//! itself, which fuzzes the zip layer; anything else is the XML of the part that holds the
//! tables, put into an otherwise well-formed file here, which fuzzes the XML walk and the
//! table reading behind it. Either way the bytes go to the public entry point the import
//! uses, `plan_tables::import`.

use std::collections::HashSet;
use std::io::{Cursor, Write};

use formats::plan_tables::{self, Format};

/// The first bytes of a zip's local file header.
pub const ZIP: &[u8] = b"PK\x03\x04";

/// A zip of `parts`, stored (not deflated), as an office suite writes its small parts.
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        w.start_file(*name, options).expect("a zip entry starts");
        w.write_all(bytes).expect("a zip entry is written");
    }
    w.finish().expect("the zip is finished").into_inner()
}

/// Read `bytes` as the import does (the document's date, whether a sheet is the export's,
/// then the plan), and check what comes back. Any bytes give a plan or an error, never a
/// panic; a plan read is valid, with unique ids and its counts right (the invariants the
/// property tests in crates/formats check of tables built there).
pub fn import(format: Format, bytes: &[u8], name: &str) {
    let _ = plan_tables::document_date(format, bytes);
    if matches!(format, Format::Csv | Format::Xlsx) {
        let _ = plan_tables::is_export_sheet(format, bytes);
    }
    let Ok(imported) = plan_tables::import(format, bytes, name) else {
        return;
    };
    let problems = domain::validate(&imported.partnership);
    assert!(problems.is_empty(), "an invalid plan: {problems:?}");
    let mut ids = HashSet::new();
    let mut actions = 0;
    for plan in &imported.partnership.plans {
        for (_, action) in plan.actions() {
            assert!(
                ids.insert(action.id.clone()),
                "repeated action id {}",
                action.id
            );
            actions += 1;
        }
    }
    let mut report = imported.report.clone();
    report.count(&imported.partnership);
    assert_eq!(
        report.counts, imported.report.counts,
        "the counts are wrong"
    );
    let shown: usize = imported
        .preview
        .objectives
        .iter()
        .map(|o| o.actions.len())
        .sum();
    assert_eq!(
        shown, actions,
        "the preview shows other actions than the plan holds"
    );
}

/// The OpenDocument package around a `content.xml`, of the kind `mime` names.
pub fn opendocument(mime: &str, content: &[u8]) -> Vec<u8> {
    let manifest = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
         <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"{mime}\"/>\
         <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>"
    );
    zip(&[
        ("mimetype", mime.as_bytes()),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content),
    ])
}

/// Panics that a reader catches itself (pdf-extract panics on some malformed files, and the
/// PDF reader turns that into an error) are not crashes: libFuzzer's hook would abort on
/// them all the same. This hook prints each place such a panic comes from once and lets the
/// reader catch it; a panic that escapes the reader still aborts the run (libfuzzer-sys
/// catches it at the target's edge), so real crashes are still found.
pub fn tolerate_caught_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let seen = std::sync::Mutex::new(HashSet::<String>::new());
        std::panic::set_hook(Box::new(move |info| {
            let place = info
                .location()
                .map_or_else(|| "?".to_string(), |l| format!("{}:{}", l.file(), l.line()));
            if seen
                .lock()
                .map(|mut s| s.insert(place.clone()))
                .unwrap_or(false)
            {
                eprintln!("panic (caught by the reader?) at {place}: {info}");
            }
        }));
    });
}

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

/// A workbook of one sheet ("Plan") from `data`: the sheet's XML, then after a NUL byte (if
/// any) the shared strings' XML.
pub fn xlsx_of(data: &[u8]) -> Vec<u8> {
    let (sheet, strings) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &b"<sst/>"[..]),
    };
    zip(&[
        ("[Content_Types].xml", TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", strings),
    ])
}
