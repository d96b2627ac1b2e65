//! A PDF read as `boardplan import plan.pdf` reads it (pdf-extract, over lopdf): a plan or
//! an error, never a panic that escapes the reader.

#![no_main]

use boardplan_fuzz::{import, tolerate_caught_panics};
use formats::plan_tables::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tolerate_caught_panics();
    import(Format::Pdf, data, "plan.pdf");
});
