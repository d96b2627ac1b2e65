//! An OpenDocument text (.odt) read as `boardplan import plan.odt` reads it: a plan or an
//! error, never a panic. Input starting `PK\x03\x04` is the file; other input is its
//! `content.xml` (see the crate's notes on why).

#![no_main]

use boardplan_fuzz::{ZIP, import, opendocument};
use formats::plan_tables::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(ZIP) {
        import(Format::Odt, data, "plan.odt");
    } else {
        let file = opendocument("application/vnd.oasis.opendocument.text", data);
        import(Format::Odt, &file, "plan.odt");
    }
});
