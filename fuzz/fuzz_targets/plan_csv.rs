//! A CSV file read as `boardplan import plan.csv` reads a board's own sheet: a plan or an
//! error, never a panic.

#![no_main]

use boardplan_fuzz::import;
use formats::plan_tables::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    import(Format::Csv, data, "plan.csv");
});
