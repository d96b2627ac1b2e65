//! A Word document (.docx) read as `boardplan import plan.docx` reads it: a plan or an error,
//! never a panic. Input starting `PK\x03\x04` is the file; other input is its
//! `word/document.xml` (see the crate's notes on why).

#![no_main]

use boardplan_fuzz::{ZIP, import, zip};
use formats::plan_tables::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(ZIP) {
        import(Format::Docx, data, "plan.docx");
    } else {
        let file = zip(&[
            ("word/document.xml", data),
            (
                "docProps/core.xml",
                b"<cp:coreProperties><dcterms:modified>2013-01-31T10:00:00Z</dcterms:modified></cp:coreProperties>",
            ),
        ]);
        import(Format::Docx, &file, "plan.docx");
    }
});
