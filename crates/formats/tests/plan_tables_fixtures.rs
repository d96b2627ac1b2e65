//! Builders for the board-layout fixtures: DOCX and ODT files written here from paragraphs
//! and tables (the XML put into a zip, as a word processor would), so that each test shows
//! the layout it reads. Workbooks are built with rust_xlsxwriter in the tests themselves.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

/// A piece of a document: a paragraph, or a table of rows.
pub enum Part {
    Para(&'static str),
    Table(Vec<Vec<C>>),
}

/// A cell: its text (lines become paragraphs), how many columns and rows it spans, or a
/// cell covered by a merge from above.
#[derive(Clone)]
pub struct C {
    pub text: String,
    across: usize,
    down: usize,
    covered: bool,
}

pub fn c(text: &str) -> C {
    C {
        text: text.to_string(),
        across: 1,
        down: 1,
        covered: false,
    }
}

impl C {
    pub fn across(mut self, n: usize) -> Self {
        self.across = n;
        self
    }
    pub fn down(mut self, n: usize) -> Self {
        self.down = n;
        self
    }
}

/// The cell under a cell that spans down.
pub fn covered() -> C {
    C {
        covered: true,
        ..c("")
    }
}

/// A row of plain cells.
pub fn row(cells: &[&str]) -> Vec<C> {
    cells.iter().map(|t| c(t)).collect()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        let options = if *name == "mimetype" {
            options.compression_method(zip::CompressionMethod::Stored)
        } else {
            options
        };
        w.start_file(*name, options).expect("a zip entry starts");
        w.write_all(text.as_bytes())
            .expect("a zip entry is written");
    }
    w.finish().expect("the zip is finished").into_inner()
}

fn docx_paragraphs(text: &str) -> String {
    text.split('\n')
        .map(|p| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                esc(p)
            )
        })
        .collect()
}

/// A Word document holding `parts`.
pub fn docx(parts: &[Part]) -> Vec<u8> {
    let mut body = String::new();
    for part in parts {
        match part {
            Part::Para(t) => body.push_str(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>",
                esc(t)
            )),
            Part::Table(rows) => {
                // Ruled, as Word's "Table Grid" draws a plan: the PDF reader finds cells by their
                // rulings, and the other readers ignore them.
                body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr>");
                for r in rows {
                    body.push_str("<w:tr>");
                    for cell in r {
                        let mut pr = String::new();
                        if cell.across > 1 {
                            pr.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", cell.across));
                        }
                        if cell.down > 1 {
                            pr.push_str("<w:vMerge w:val=\"restart\"/>");
                        }
                        if cell.covered {
                            pr.push_str("<w:vMerge/>");
                        }
                        let content = if cell.covered {
                            "<w:p/>".to_string()
                        } else {
                            docx_paragraphs(&cell.text)
                        };
                        body.push_str(&format!("<w:tc><w:tcPr>{pr}</w:tcPr>{content}</w:tc>"));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    zip(&[
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
                .to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
                .to_string(),
        ),
        ("word/document.xml", document),
    ])
}

/// One OpenDocument table (the same in a text and a spreadsheet).
fn od_table(name: &str, rows: &[Vec<C>]) -> String {
    let width = rows.first().map_or(0, |r| r.iter().map(|c| c.across).sum());
    let mut body = format!(
        "<table:table table:name=\"{name}\"><table:table-column table:number-columns-repeated=\"{width}\"/>"
    );
    for r in rows {
        body.push_str("<table:table-row>");
        for cell in r {
            if cell.covered {
                body.push_str("<table:covered-table-cell/>");
                continue;
            }
            let paragraphs: String = cell
                .text
                .split('\n')
                .map(|p| format!("<text:p>{}</text:p>", esc(p).replace("  ", " <text:s/>")))
                .collect();
            body.push_str(&format!(
                "<table:table-cell table:number-columns-spanned=\"{}\" table:number-rows-spanned=\"{}\" office:value-type=\"string\">{paragraphs}</table:table-cell>",
                cell.across, cell.down
            ));
            for _ in 1..cell.across {
                body.push_str("<table:covered-table-cell/>");
            }
        }
        body.push_str("</table:table-row>");
    }
    body.push_str("</table:table>");
    body
}

const OD_NAMESPACES: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
     xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
     xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" office:version=\"1.3\"";

fn od_package(mime: &str, content: String, manifest_extra: &str) -> Vec<u8> {
    zip(&[
        ("mimetype", mime.to_string()),
        (
            "META-INF/manifest.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
                 <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"{mime}\"/>\
                 <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">{manifest_extra}</manifest:file-entry></manifest:manifest>"
            ),
        ),
        ("content.xml", content),
    ])
}

/// An OpenDocument spreadsheet with one sheet per `(name, rows)`.
pub fn ods(sheets: &[(&str, Vec<Vec<C>>)]) -> Vec<u8> {
    let body: String = sheets
        .iter()
        .map(|(name, rows)| od_table(name, rows))
        .collect();
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content {OD_NAMESPACES}>\
         <office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
    );
    od_package(
        "application/vnd.oasis.opendocument.spreadsheet",
        content,
        "",
    )
}

/// An OpenDocument text as a password-protected one looks: its manifest says the content
/// is encrypted (the content itself is left readable here; the manifest must be enough).
pub fn odt_encrypted(parts: &[Part]) -> Vec<u8> {
    odt_with(
        parts,
        "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\"/>",
    )
}

/// An OpenDocument text holding `parts`.
pub fn odt(parts: &[Part]) -> Vec<u8> {
    odt_with(parts, "")
}

fn odt_with(parts: &[Part], manifest_extra: &str) -> Vec<u8> {
    let mut body = String::new();
    for part in parts {
        match part {
            Part::Para(t) => body.push_str(&format!(
                "<text:h text:outline-level=\"1\">{}</text:h>",
                esc(t)
            )),
            Part::Table(rows) => body.push_str(&od_table("Table", rows)),
        }
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content {OD_NAMESPACES}>\
         <office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    od_package(
        "application/vnd.oasis.opendocument.text",
        content,
        manifest_extra,
    )
}
