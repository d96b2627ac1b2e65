//! The evidence allow-list, on hand-made files of each kind and of the kinds refused.

use super::*;

/// A zip archive of `entries`, stored uncompressed, as office suites write them.
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = u32::try_from(out.len()).unwrap();
        let (n, size) = (name.len() as u16, data.len() as u32);
        let mut local = b"PK\x03\x04".to_vec();
        local.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version .. crc
        local.extend(size.to_le_bytes());
        local.extend(size.to_le_bytes());
        local.extend(n.to_le_bytes());
        local.extend(0u16.to_le_bytes());
        local.extend(name.as_bytes());
        local.extend(*data);
        out.extend(local);
        let mut c = b"PK\x01\x02".to_vec();
        c.extend([20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // .. crc
        c.extend(size.to_le_bytes());
        c.extend(size.to_le_bytes());
        c.extend(n.to_le_bytes());
        c.extend([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // extra, comment, disk, attrs
        c.extend(offset.to_le_bytes());
        c.extend(name.as_bytes());
        central.extend(c);
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend(central);
    out.extend(b"PK\x05\x06\0\0\0\0");
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend(cd_size.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

#[test]
fn pdf_png_and_jpeg_are_recognised_by_their_first_bytes_whatever_their_name() {
    assert_eq!(sniff("minutes.pdf", b"%PDF-1.4\n...").unwrap(), PDF);
    assert_eq!(sniff("minutes", b"%PDF-1.7").unwrap(), PDF);
    assert_eq!(sniff("chart.png", b"\x89PNG\r\n\x1a\n\0\0").unwrap(), PNG);
    assert_eq!(
        sniff("photo.jpg", b"\xFF\xD8\xFF\xE0\0\x10JFIF").unwrap(),
        JPEG
    );
}

#[test]
fn word_excel_and_opendocument_files_are_recognised_by_what_the_archive_holds() {
    let docx = zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w/>"),
    ]);
    assert_eq!(sniff("report.docx", &docx).unwrap(), DOCX);
    let xlsx = zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", b"<x/>"),
    ]);
    assert_eq!(sniff("figures.xlsx", &xlsx).unwrap(), XLSX);
    let odt = zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<c/>"),
    ]);
    assert_eq!(sniff("report.odt", &odt).unwrap(), ODT);
    let ods = zip(&[(
        "mimetype",
        b"application/vnd.oasis.opendocument.spreadsheet",
    )]);
    assert_eq!(sniff("figures.ods", &ods).unwrap(), ODS);
}

#[test]
fn plain_text_and_csv_are_kept_with_a_utf8_charset() {
    assert_eq!(
        sniff(
            "notes.txt",
            "Minutes of the sub-group – agreed.\n".as_bytes()
        )
        .unwrap(),
        TEXT
    );
    assert_eq!(
        sniff("figures.csv", b"\xEF\xBB\xBFquarter,value\nQ1,12\n").unwrap(),
        CSV
    );
}

#[test]
fn html_svg_and_scripts_are_refused_by_name_and_by_content() {
    for (name, bytes) in [
        ("page.html", &b"hello"[..]),
        ("notes.txt", b"<!DOCTYPE html><p>hi</p>"),
        ("notes.txt", b"<html><body>hi</body></html>"),
        (
            "chart.txt",
            b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        ("drawing.svg", b"<svg/>"),
        ("run.txt", b"#!/bin/sh\nrm -rf /\n"),
        (
            "notes.txt",
            b"click <a href=\"javascript:alert(1)\">here</a>",
        ),
    ] {
        let e = sniff(name, bytes).unwrap_err().to_string();
        assert!(e.starts_with(name), "{e}");
        assert!(e.contains("browser"), "{name}: {e}");
    }
}

#[test]
fn binaries_other_archives_and_macro_documents_are_refused() {
    let exe = sniff("tool.dat", b"MZ\x90\0\x03\0\0\0")
        .unwrap_err()
        .to_string();
    assert!(exe.contains("PDF, Word (.docx)"), "{exe}");
    let other = zip(&[("readme.md", b"hi")]);
    assert!(
        sniff("bundle.zip", &other)
            .unwrap_err()
            .to_string()
            .contains("not a document")
    );
    let docm = zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w/>"),
        ("word/vbaProject.bin", b"\0"),
    ]);
    assert!(
        sniff("report.docx", &docm)
            .unwrap_err()
            .to_string()
            .contains("macros")
    );
    assert!(sniff("bad.txt", b"\xC3\x28 not utf-8").is_err());
    assert!(
        sniff("empty.txt", b"")
            .unwrap_err()
            .to_string()
            .contains("empty")
    );
}

#[test]
fn a_file_over_the_limit_is_refused_saying_how_big_it_is_and_the_limit() {
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(MAX_EVIDENCE_BYTES + 1, b' ');
    let e = sniff("scan.pdf", &big).unwrap_err().to_string();
    assert!(e.contains("20.0 MB") && e.contains("at most 20 MB"), "{e}");
    big.truncate(MAX_EVIDENCE_BYTES);
    assert_eq!(sniff("scan.pdf", &big).unwrap(), PDF);
}

#[test]
fn links_must_be_web_addresses() {
    assert_eq!(
        check_link(" https://example.org/minutes ").unwrap(),
        "https://example.org/minutes"
    );
    for bad in [
        "javascript:alert(1)",
        "ftp://x",
        "https://",
        "https://a b",
        "example.org",
    ] {
        assert!(check_link(bad).is_err(), "{bad}");
    }
}
