//! The date a document was last saved, as its own properties keep it: `dcterms:modified` in
//! the `docProps/core.xml` of a DOCX or XLSX, `dc:date` in the `meta.xml` of an ODT or ODS.
//! A board's status and progress speak for the day the document was saved, so that is the
//! date its imported updates take when the person importing gives none. CSV and PDF carry
//! none that is read; nor does a document whose properties are missing or unreadable (never
//! an error: the date is a default, not the plan).

use domain::Date;

use super::Format;
use super::zipped::Zipped;

/// The day `bytes` (a document of `format`) says it was last saved, if it says.
pub fn document_date(format: Format, bytes: &[u8]) -> Option<Date> {
    let (what, part, tag) = match format {
        Format::Docx => ("Word document", "docProps/core.xml", "dcterms:modified"),
        Format::Xlsx => ("workbook", "docProps/core.xml", "dcterms:modified"),
        Format::Odt | Format::Ods => ("OpenDocument file", "meta.xml", "dc:date"),
        Format::Csv | Format::Pdf => return None,
    };
    let xml = Zipped::open(bytes, what).ok()?.text(part).ok()??;
    let open = format!("<{tag}");
    let start = xml.find(&open)?;
    let after = &xml[start + open.len()..];
    let value = &after[after.find('>')? + 1..];
    let value = value[..value.find('<')?].trim();
    value.get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn zipped(name: &str, text: &str) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(text.as_bytes()).unwrap();
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn a_word_document_and_an_opendocument_file_say_when_they_were_saved() {
        let core = "<cp:coreProperties><dcterms:created xsi:type=\"dcterms:W3CDTF\">2013-01-02T09:00:00Z</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">2014-01-31T16:20:00Z</dcterms:modified></cp:coreProperties>";
        let docx = zipped("docProps/core.xml", core);
        assert_eq!(
            document_date(Format::Docx, &docx),
            Some("2014-01-31".parse().unwrap())
        );
        let meta = "<office:meta><dc:date>2016-09-30T10:00:00.123</dc:date></office:meta>";
        let odt = zipped("meta.xml", meta);
        assert_eq!(
            document_date(Format::Odt, &odt),
            Some("2016-09-30".parse().unwrap())
        );
    }

    #[test]
    fn a_document_without_its_date_has_none() {
        assert_eq!(
            document_date(Format::Docx, &zipped("word/document.xml", "<w/>")),
            None
        );
        assert_eq!(document_date(Format::Docx, b"not a zip"), None);
        let broken = zipped(
            "docProps/core.xml",
            "<dcterms:modified>soon</dcterms:modified>",
        );
        assert_eq!(document_date(Format::Docx, &broken), None);
        assert_eq!(document_date(Format::Csv, b"a,b"), None);
    }
}
