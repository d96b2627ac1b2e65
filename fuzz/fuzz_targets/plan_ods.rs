//! An OpenDocument spreadsheet (.ods) read as `boardplan import plan.ods` reads it: a plan
//! or an error, never a panic. Input starting `PK\x03\x04` is the file; other input is its
//! `content.xml` (see the crate's notes on why). The member register and attendance sheets
//! read an ODS through the same reader.

#![no_main]

use boardplan_fuzz::{ZIP, import, opendocument};
use formats::plan_tables::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(ZIP) {
        import(Format::Ods, data, "plan.ods");
    } else {
        let file = opendocument("application/vnd.oasis.opendocument.spreadsheet", data);
        import(Format::Ods, &file, "plan.ods");
    }
});
