//! Zip archives whose bytes depend only on their content: every entry gets the same fixed
//! timestamp (1980-01-01, the zip epoch), so two renderings of one report are identical.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Rewrite `bytes` (a zip written by a library that stamps entries with the current time)
/// with every entry's time fixed, keeping the entries' order and compressed data.
pub fn normalise(bytes: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))?;
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i)?;
        out.raw_copy_file_touch(file, DateTime::default(), Some(0o644))?;
    }
    Ok(out.finish()?.into_inner())
}

/// Builds a zip with fixed timestamps: stored or deflated entries, in the order added.
pub struct FixedZip {
    writer: ZipWriter<Cursor<Vec<u8>>>,
}

impl FixedZip {
    pub fn new() -> Self {
        Self {
            writer: ZipWriter::new(Cursor::new(Vec::new())),
        }
    }

    fn options(method: CompressionMethod) -> SimpleFileOptions {
        SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644)
    }

    /// Add an entry uncompressed (the ODF `mimetype` must be).
    pub fn stored(&mut self, name: &str, bytes: &[u8]) -> zip::result::ZipResult<()> {
        self.writer
            .start_file(name, Self::options(CompressionMethod::Stored))?;
        self.writer.write_all(bytes)?;
        Ok(())
    }

    pub fn deflated(&mut self, name: &str, bytes: &[u8]) -> zip::result::ZipResult<()> {
        self.writer
            .start_file(name, Self::options(CompressionMethod::Deflated))?;
        self.writer.write_all(bytes)?;
        Ok(())
    }

    pub fn finish(self) -> zip::result::ZipResult<Vec<u8>> {
        Ok(self.writer.finish()?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_entries_make_the_same_bytes_and_survive_normalising() {
        let make = || {
            let mut z = FixedZip::new();
            z.stored("mimetype", b"application/vnd.oasis.opendocument.text")
                .unwrap();
            z.deflated("content.xml", b"<office:document-content/>")
                .unwrap();
            z.finish().unwrap()
        };
        let a = make();
        assert_eq!(a, make());
        let n = normalise(&a).unwrap();
        assert_eq!(n, normalise(&n).unwrap());
        let mut archive = ZipArchive::new(Cursor::new(n)).unwrap();
        assert_eq!(archive.by_index(0).unwrap().name().unwrap(), "mimetype");
    }
}
