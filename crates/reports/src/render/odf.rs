//! What the two OpenDocument writers (ODT and ODS) share: the namespaces, the metadata part,
//! the manifest and the package itself (a zip whose `mimetype` entry comes first, stored, and
//! whose entries all carry the same fixed timestamp).

use std::fmt::Write;

use super::xml::escape;
use super::zip_fixed::FixedZip;
use crate::model::Report;

/// The namespaces the content and metadata parts use.
pub const NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" office:version=\"1.3\"";

/// The metadata part: generator, title, language, and the generated-at stamp as both dates.
fn meta(report: &Report) -> String {
    let stamp = report.generated_at.strftime("%Y-%m-%dT%H:%M:%S");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta {NS}><office:meta><meta:generator>Boardplan</meta:generator><dc:title>{}</dc:title><dc:language>en-GB</dc:language><meta:creation-date>{stamp}</meta:creation-date><dc:date>{stamp}</dc:date></office:meta></office:document-meta>\n",
        escape(&report.title)
    )
}

/// The package: `mimetype`, `content.xml`, `styles.xml`, `meta.xml`, the `extra` parts (path,
/// media type, bytes) and the manifest that lists them all.
pub fn package(
    report: &Report,
    media_type: &str,
    content: &str,
    styles: &str,
    extra: &[(String, &str, Vec<u8>)],
) -> zip::result::ZipResult<Vec<u8>> {
    let mut manifest = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"{media_type}\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/><manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/><manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>"
    );
    for (path, media, _) in extra {
        let _ = write!(
            manifest,
            "<manifest:file-entry manifest:full-path=\"{}\" manifest:media-type=\"{media}\"/>",
            escape(path)
        );
    }
    manifest.push_str("</manifest:manifest>\n");
    let mut zip = FixedZip::new();
    zip.stored("mimetype", media_type.as_bytes())?;
    zip.deflated("content.xml", content.as_bytes())?;
    zip.deflated("styles.xml", styles.as_bytes())?;
    zip.deflated("meta.xml", meta(report).as_bytes())?;
    for (path, _, bytes) in extra {
        zip.deflated(path, bytes)?;
    }
    zip.deflated("META-INF/manifest.xml", manifest.as_bytes())?;
    zip.finish()
}
