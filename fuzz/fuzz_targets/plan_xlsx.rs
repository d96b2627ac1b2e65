//! An Excel workbook (.xlsx) read as `boardplan import plan.xlsx` reads it (calamine): a plan
//! or an error, never a panic. Input starting `PK\x03\x04` is the file; other input is the
//! first sheet's XML, then after a NUL byte (if any) the shared strings' XML, put into a
//! workbook of one sheet (see the crate's notes on why).

#![no_main]

use boardplan_fuzz::{ZIP, import, tolerate_caught_panics, xlsx_of};
use formats::plan_tables::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // calamine overflows on some cell references; the reader catches it (`xlsx_range`).
    tolerate_caught_panics();
    if data.starts_with(ZIP) {
        import(Format::Xlsx, data, "plan.xlsx");
    } else {
        let file = xlsx_of(data);
        import(Format::Xlsx, &file, "plan.xlsx");
    }
});
