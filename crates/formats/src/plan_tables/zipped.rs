//! Opening the zip a DOCX, ODT, XLSX or ODS file is, with the errors a person can act on: a
//! password-protected file (Office wraps it in an OLE container; OpenDocument encrypts the
//! parts and says so in its manifest), a damaged file, another kind of file.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use crate::{FormatError, Place};

/// The first bytes of an OLE compound file: an encrypted Office document, or an old
/// .doc/.xls saved under a new name.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

pub(crate) fn password_protected(what: &str) -> FormatError {
    FormatError::new(
        Place::Document,
        format!(
            "the {what} is password-protected (or saved in the old binary format), so its tables cannot be read."
        ),
        "Open it, remove the password (or save it as a current .docx/.odt/.xlsx/.ods file), and import the saved copy.",
    )
}

pub(crate) fn damaged(what: &str) -> FormatError {
    FormatError::new(
        Place::Document,
        format!(
            "this is not a readable {what} (it is damaged, cut short, or another kind of file)."
        ),
        "Open it in its word processor or spreadsheet, save it again, and import the saved copy.",
    )
}

/// Refuse what cannot be opened as a zip, saying why.
pub(crate) fn check_container(bytes: &[u8], what: &str) -> Result<(), FormatError> {
    if bytes.starts_with(OLE) {
        return Err(password_protected(what));
    }
    Ok(())
}

pub(crate) struct Zipped<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    what: &'static str,
}

impl<'a> Zipped<'a> {
    pub(crate) fn open(bytes: &'a [u8], what: &'static str) -> Result<Self, FormatError> {
        check_container(bytes, what)?;
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| damaged(what))?;
        Ok(Self { archive, what })
    }

    /// The text of one part, or `None` when the zip has no such part. A part larger than
    /// [`crate::MAX_DOCUMENT_BYTES`] once unpacked is refused, so a zip bomb stays harmless.
    pub(crate) fn text(&mut self, name: &str) -> Result<Option<String>, FormatError> {
        let what = self.what;
        let file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(ZipError::UnsupportedArchive(_) | ZipError::InvalidPassword) => {
                return Err(password_protected(what));
            }
            Err(_) => return Err(damaged(what)),
        };
        if file.encrypted() {
            return Err(password_protected(what));
        }
        let limit = crate::MAX_DOCUMENT_BYTES as u64 * 4;
        let mut bytes = Vec::new();
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| damaged(what))?;
        if bytes.len() as u64 > limit {
            return Err(FormatError::new(
                Place::Document,
                format!(
                    "the {what} unpacks to more than {} MB of text, far more than a plan.",
                    limit / 1_048_576
                ),
                "Check that this is the plan and not another file; split a very large plan into several imports.",
            ));
        }
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| damaged(what))
    }
}
