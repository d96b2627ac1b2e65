//! Bytes → text, refusing what is not a UTF-8 text document with an error that says what
//! the file seems to be and how to get the plan out of it as text.

use crate::{FormatError, Place};

/// Signatures of files people pick by mistake, and what to call them.
const SIGNATURES: [(&[u8], &str); 8] = [
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (
        b"PK\x03\x04",
        "a zipped file such as a Word (.docx) or Excel (.xlsx) document",
    ),
    (
        b"\xD0\xCF\x11\xE0",
        "an old-style Word (.doc) or Excel (.xls) document",
    ),
    (b"{\\rtf", "a rich-text (.rtf) document"),
    (b"\x7FELF", "a program"),
];

const SAVE_AS_TEXT: &str = "Open the plan in its word processor and save it as plain text (.txt) with UTF-8 encoding, then import that file.";

/// The text of a document: a UTF-8 byte-order mark is dropped; binary files, UTF-16 text
/// and invalid UTF-8 are refused.
pub(crate) fn text(bytes: &[u8]) -> Result<&str, FormatError> {
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Err(FormatError::new(
            Place::Document,
            format!("this file is {what}, not a plan saved as text."),
            SAVE_AS_TEXT,
        ));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(FormatError::new(
            Place::Document,
            "this file is saved as UTF-16 text, which Boardplan does not read.",
            "Save the plan again as plain text with UTF-8 encoding, then import that file.",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(FormatError::new(
            Place::Document,
            "this file contains NUL bytes, so it is a binary file, not a plan saved as text.",
            SAVE_AS_TEXT,
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        FormatError::new(
            Place::Line(line),
            "this line has bytes that are not UTF-8 text (the file may be saved in an older encoding such as Windows-1252).",
            "Save the plan again as plain text with UTF-8 encoding, then import that file.",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(text(b"\xEF\xBB\xBFPlan").unwrap(), "Plan");
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        let e = text(b"one\ntwo \x92 three").unwrap_err();
        assert_eq!(e.place, Place::Line(2));
    }

    #[test]
    fn a_word_document_is_named_as_such() {
        let e = text(b"PK\x03\x04rest").unwrap_err();
        assert!(e.problem.contains("Word"), "{}", e.problem);
    }
}
