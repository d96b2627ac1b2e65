//! A workbook of figures read as `boardplan pi import figures.xlsx` and the web's indicators
//! upload read it (`indicators::import_spreadsheet`): values or errors, never a panic or an
//! abort. Input starting `PK\x03\x04` is the file; other input is the first sheet's XML, then
//! after a NUL byte (if any) the shared strings' XML, put into a workbook of one sheet.

#![no_main]

use boardplan_fuzz::{ZIP, tolerate_caught_panics, xlsx_of};
use std::sync::OnceLock;

use indicators::{Catalogue, import_spreadsheet};
use libfuzzer_sys::fuzz_target;

static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    // calamine overflows on some cell references; the reader catches it (`sheets`).
    tolerate_caught_panics();
    let catalogue = CATALOGUE.get_or_init(Catalogue::builtin);
    let file = if data.starts_with(ZIP) {
        data.to_vec()
    } else {
        xlsx_of(data)
    };
    let _ = import_spreadsheet("figures.xlsx", &file, catalogue);
});
