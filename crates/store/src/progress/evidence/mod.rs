//! Evidence behind an update: files kept in the database (content-addressed by SHA-256, so
//! that every app server sees them and the same file is kept once), and links.
//!
//! A file's type is read from its bytes, never taken from its name or from the uploader, and
//! only an allow-list is kept: PDF, Word and Excel (.docx, .xlsx), OpenDocument (.odt, .ods),
//! PNG, JPEG, plain text and CSV. HTML, SVG, scripts, macro-enabled documents and anything
//! else are refused, so that nothing stored can run in a browser; the stored media type is the
//! one Boardplan found, for serving the file as a download.
//!
//! A folder only for its tests (`tests.rs`); it uses the ground and `changelog`, nothing else
//! of `progress`.

use domain::Evidence;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::changelog::chain::ChangeBatch;
use crate::error::{Result, StoreError};
use crate::scope;

/// The largest evidence file kept, in bytes (20 MB).
pub const MAX_EVIDENCE_BYTES: usize = 20 * 1024 * 1024;

/// The most pieces of evidence one update may carry.
pub const MAX_EVIDENCE_ITEMS: usize = 20;

/// Evidence for a new update: a file's name and bytes, or a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewEvidence {
    File { name: String, bytes: Vec<u8> },
    Link { url: String, title: Option<String> },
}

/// A stored evidence file, for serving as a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFile {
    pub sha256: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// A file that passed the checks.
pub(crate) struct CheckedFile {
    pub name: String,
    pub media_type: &'static str,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

const PDF: &str = "application/pdf";
const PNG: &str = "image/png";
const JPEG: &str = "image/jpeg";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ODT: &str = "application/vnd.oasis.opendocument.text";
const ODS: &str = "application/vnd.oasis.opendocument.spreadsheet";
const CSV: &str = "text/csv; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

const KINDS: &str = "PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods), PNG, JPEG, \
                     plain text or CSV";

/// Names a browser or a desktop would open as something that runs.
const REFUSED_EXTENSIONS: [&str; 14] = [
    "html", "htm", "xhtml", "svg", "svgz", "js", "mjs", "sh", "bat", "cmd", "ps1", "vbs", "exe",
    "hta",
];

/// Markup or script that must not be kept even inside a "text" file.
const REFUSED_MARKERS: [&str; 10] = [
    "<!doctype",
    "<html",
    "<script",
    "<svg",
    "<iframe",
    "<body",
    "<object",
    "<embed",
    "<?xml",
    "javascript:",
];

/// What kind of file `bytes` is, from an allow-list, or why it is refused (naming `name`).
pub fn sniff(name: &str, bytes: &[u8]) -> Result<&'static str> {
    let refuse = |why: String| Err(StoreError::invalid(format!("{name}: {why}")));
    if bytes.is_empty() {
        return refuse("the file is empty".into());
    }
    if bytes.len() > MAX_EVIDENCE_BYTES {
        return refuse(format!(
            "the file is {:.1} MB; evidence files can be at most {} MB (link to a larger one \
             instead)",
            bytes.len() as f64 / 1_048_576.0,
            MAX_EVIDENCE_BYTES / 1_048_576
        ));
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if REFUSED_EXTENSIONS.contains(&ext.as_str()) {
        return refuse(format!(
            "a .{ext} file can run in a browser or on a computer, so Boardplan does not keep it \
             as evidence; save it as PDF instead"
        ));
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(PDF);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(PNG);
    }
    if bytes.starts_with(b"\xFF\xD8\xFF") {
        return Ok(JPEG);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return office(bytes).or_else(&refuse);
    }
    match text(bytes) {
        Ok(()) if ext == "csv" => Ok(CSV),
        Ok(()) => Ok(TEXT),
        Err(why) => refuse(why),
    }
}

/// A zip archive is kept only as a Word, Excel or OpenDocument file without macros.
fn office(bytes: &[u8]) -> std::result::Result<&'static str, String> {
    let not_office =
        || format!("this archive is not a document Boardplan keeps as evidence; use {KINDS}");
    if let Some(kind) = odf_mimetype(bytes) {
        return match kind {
            "application/vnd.oasis.opendocument.text" => Ok(ODT),
            "application/vnd.oasis.opendocument.spreadsheet" => Ok(ODS),
            _ => Err(not_office()),
        };
    }
    let names = zip_names(bytes).ok_or_else(not_office)?;
    let has = |n: &str| names.iter().any(|x| x == n);
    if names
        .iter()
        .any(|n| n.to_ascii_lowercase().ends_with("vbaproject.bin"))
    {
        return Err(
            "the document holds macros, which Boardplan does not keep; save it \
                    without macros (.docx or .xlsx) or as PDF"
                .into(),
        );
    }
    match (
        has("[Content_Types].xml"),
        has("word/document.xml"),
        has("xl/workbook.xml"),
    ) {
        (true, true, false) => Ok(DOCX),
        (true, false, true) => Ok(XLSX),
        _ => Err(not_office()),
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at + 2)?;
    Some(usize::from(u16::from_le_bytes([s[0], s[1]])))
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at + 4)?;
    usize::try_from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok()
}

/// An OpenDocument file starts with an uncompressed entry `mimetype` naming its kind.
fn odf_mimetype(b: &[u8]) -> Option<&str> {
    let name_len = u16_at(b, 26)?;
    let extra_len = u16_at(b, 28)?;
    if b.get(30..30 + name_len)? != b"mimetype" || u16_at(b, 8)? != 0 {
        return None;
    }
    let start = 30 + name_len + extra_len;
    let data = b.get(start..start + u32_at(b, 18)?)?;
    std::str::from_utf8(data).ok()
}

/// The entry names in a zip's central directory.
fn zip_names(b: &[u8]) -> Option<Vec<String>> {
    let tail_start = b.len().saturating_sub(65_557);
    let eocd = tail_start
        + b[tail_start..]
            .windows(4)
            .rposition(|w| w == b"PK\x05\x06")?;
    let entries = u16_at(b, eocd + 10)?;
    let mut at = u32_at(b, eocd + 16)?;
    let mut names = Vec::with_capacity(entries);
    for _ in 0..entries {
        if b.get(at..at + 4)? != b"PK\x01\x02" {
            return None;
        }
        let (n, e, c) = (
            u16_at(b, at + 28)?,
            u16_at(b, at + 30)?,
            u16_at(b, at + 32)?,
        );
        names.push(String::from_utf8_lossy(b.get(at + 46..at + 46 + n)?).into_owned());
        at += 46 + n + e + c;
    }
    Some(names)
}

/// Plain text: UTF-8, no control characters but tabs and line ends, no markup or script.
fn text(bytes: &[u8]) -> std::result::Result<(), String> {
    let unknown = || format!("this is not a kind of file Boardplan keeps as evidence; use {KINDS}");
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let s = std::str::from_utf8(body).map_err(|_| unknown())?;
    if s.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C'))
    {
        return Err(unknown());
    }
    let lower = s.to_lowercase();
    if lower.trim_start().starts_with("#!") || REFUSED_MARKERS.iter().any(|m| lower.contains(m)) {
        return Err(
            "the file holds HTML, SVG or script, which could run in a browser, so Boardplan \
             does not keep it as evidence; save it as PDF or plain text instead"
                .into(),
        );
    }
    Ok(())
}

/// Check a new update's evidence: files by their bytes, links by their form.
pub(crate) fn check(evidence: Vec<NewEvidence>) -> Result<Vec<Checked>> {
    if evidence.len() > MAX_EVIDENCE_ITEMS {
        return Err(StoreError::invalid(format!(
            "an update can carry at most {MAX_EVIDENCE_ITEMS} pieces of evidence"
        )));
    }
    evidence
        .into_iter()
        .map(|e| match e {
            NewEvidence::File { name, bytes } => {
                let name = name.trim().to_string();
                if name.is_empty() || name.len() > 255 {
                    return Err(StoreError::invalid(
                        "an evidence file needs a name of 1 to 255 characters",
                    ));
                }
                let media_type = sniff(&name, &bytes)?;
                let sha256 = hex::encode(Sha256::digest(&bytes));
                Ok(Checked::File(CheckedFile {
                    name,
                    media_type,
                    sha256,
                    bytes,
                }))
            }
            NewEvidence::Link { url, title } => Ok(Checked::Link {
                url: check_link(&url)?,
                title: title
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty()),
            }),
        })
        .collect()
}

/// A piece of evidence that passed the checks.
pub(crate) enum Checked {
    File(CheckedFile),
    Link { url: String, title: Option<String> },
}

/// A link must be a web address: http(s), a host, no spaces, not too long.
fn check_link(url: &str) -> Result<String> {
    let u = url.trim();
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with('/')
            && !r.chars().any(|c| c.is_whitespace() || c.is_control())
    });
    if !ok || u.len() > 2000 {
        return Err(StoreError::invalid(format!(
            "\"{u}\" is not a web address evidence can link to; give one starting https://"
        )));
    }
    Ok(u.to_string())
}

/// Keep `f` unless a file with the same bytes is already kept; note it in `log` when new.
pub(crate) async fn keep(
    conn: &mut AnyConnection,
    pid: i64,
    f: &CheckedFile,
    at: &str,
    log: &mut ChangeBatch,
) -> Result<()> {
    let known = sqlx::query("SELECT 1 AS one FROM blobs WHERE partnership_id = $1 AND sha256 = $2")
        .bind(pid)
        .bind(f.sha256.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    if known.is_some() {
        return Ok(());
    }
    let size = i64::try_from(f.bytes.len())
        .map_err(|_| StoreError::invalid("an evidence file is too large"))?;
    sqlx::query(
        "INSERT INTO blobs (partnership_id, sha256, media_type, size, bytes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(pid)
    .bind(f.sha256.as_str())
    .bind(f.media_type)
    .bind(size)
    .bind(f.bytes.as_slice())
    .bind(at)
    .execute(&mut *conn)
    .await?;
    let entry = serde_json::json!({
        "sha256": f.sha256, "media_type": f.media_type, "size": size, "first_name": f.name,
    });
    log.created_at(at, "evidence_file", f.sha256.as_str(), &entry)
}

/// Store one piece of evidence of update `update_id` (its file already kept).
pub(crate) async fn insert_evidence(
    conn: &mut AnyConnection,
    pid: i64,
    update_id: i64,
    position: i64,
    e: Checked,
) -> Result<Evidence> {
    let (kind, evidence) = match e {
        Checked::File(f) => (
            "file",
            Evidence::File {
                size: f.bytes.len() as u64,
                sha256: f.sha256,
                name: f.name,
                media_type: f.media_type.to_string(),
            },
        ),
        Checked::Link { url, title } => ("link", Evidence::Link { url, title }),
    };
    let (sha256, name, url, title) = match &evidence {
        Evidence::File { sha256, name, .. } => (Some(sha256), Some(name), None, None),
        Evidence::Link { url, title } => (None, None, Some(url), title.as_ref()),
    };
    sqlx::query(
        "INSERT INTO update_evidence (partnership_id, update_id, position, kind, sha256, name,
                                      url, title)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(pid)
    .bind(update_id)
    .bind(position)
    .bind(kind)
    .bind(sha256.map(String::as_str))
    .bind(name.map(String::as_str))
    .bind(url.map(String::as_str))
    .bind(title.map(String::as_str))
    .execute(&mut *conn)
    .await?;
    Ok(evidence)
}

impl Store {
    /// The evidence file with this SHA-256 kept for partnership `slug`, if any.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn evidence_file(&self, slug: &str, sha256: &str) -> Result<Option<EvidenceFile>> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        let row = sqlx::query(
            "SELECT sha256, media_type, bytes FROM blobs WHERE partnership_id = $1 AND sha256 = $2",
        )
        .bind(pid)
        .bind(sha256)
        .fetch_optional(&mut *conn)
        .await?;
        row.map(|r| {
            Ok(EvidenceFile {
                sha256: r.try_get("sha256")?,
                media_type: r.try_get("media_type")?,
                bytes: r.try_get("bytes")?,
            })
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests;
