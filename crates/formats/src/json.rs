//! The JSON interchange document: a whole partnership, losslessly, in one file.
//!
//! Version 1 is an envelope around the [`domain::Partnership`] tree (the plans and the board
//! around them):
//!
//! ```json
//! {"format": "boardplan-partnership", "version": 1, "partnership": {...}}
//! ```
//!
//! Version 2 adds the board's own business ([`domain::business::Business`]: the member
//! register, agencies' details, sub-groups as run, meetings' records, the document register,
//! induction) and the document register's files, base64 under their SHA-256:
//!
//! ```json
//! {"format": "boardplan-partnership", "version": 2, "partnership": {...},
//!  "business": {...}, "files": {"<sha256>": "<base64>"}}
//! ```
//!
//! [`export`] (version 1) and [`export_document`] (version 2) write it pretty-printed with
//! every field present, in the model's field order, so that the same partnership always gives
//! the same bytes and `export → import → export` is byte-identical. [`import_document`] reads
//! both versions and refuses anything it could not write back the same way: a syntax error
//! names the line and column, a field of the wrong type names its path
//! (`partnership.plans[0].objectives[3].number`), an unknown field is refused rather than
//! dropped, and the partnership must pass [`domain::validate`] and its business
//! [`domain::business::check`]. See `docs/interchange.md`.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use domain::Partnership;
use domain::business::Business;

use crate::{FormatError, Place};

/// The value of the envelope's `format` field.
pub const FORMAT: &str = "boardplan-partnership";

/// The newest version of the document this Boardplan writes and reads (it reads 1 too).
pub const VERSION: u64 = 2;

/// The largest interchange document read or written: the document register's files travel
/// inside it (each up to the evidence limit, 20 MB, a third more as base64), so it may be
/// larger than a plan document ([`crate::MAX_DOCUMENT_BYTES`]). Bounded so that reading one
/// keeps memory bounded; an export that would be larger is refused, never written.
pub const MAX_INTERCHANGE_BYTES: usize = 100 * 1024 * 1024;

/// A whole interchange document: the plan tree, the board's own business (empty for a version
/// 1 document) and the bytes of every file the business names, by SHA-256.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Interchange {
    pub partnership: Partnership,
    pub business: Business,
    pub files: BTreeMap<String, Vec<u8>>,
}

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    partnership: &'a Partnership,
}

#[derive(Serialize)]
struct EnvelopeV2<'a> {
    format: &'static str,
    version: u64,
    partnership: &'a Partnership,
    business: &'a Business,
    files: BTreeMap<&'a str, String>,
}

const SERIALISES: &str =
    "a partnership always serialises: every map key is a string, every value plain data";

/// The partnership's plan tree as a version 1 document: pretty-printed, two-space indent,
/// every field present (absent values as `null` or `[]`), ending with a newline.
pub fn export(p: &Partnership) -> String {
    let envelope = Envelope {
        format: FORMAT,
        version: 1,
        partnership: p,
    };
    let mut text = serde_json::to_string_pretty(&envelope).expect(SERIALISES);
    text.push('\n');
    text
}

/// The whole document as version 2, laid out as [`export`] lays out version 1. Refused when
/// it would be larger than [`MAX_INTERCHANGE_BYTES`], since it could not be imported again.
pub fn export_document(doc: &Interchange) -> Result<String, FormatError> {
    let envelope = EnvelopeV2 {
        format: FORMAT,
        version: VERSION,
        partnership: &doc.partnership,
        business: &doc.business,
        files: doc
            .files
            .iter()
            .map(|(sha, bytes)| (sha.as_str(), BASE64.encode(bytes)))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&envelope).expect(SERIALISES);
    text.push('\n');
    if text.len() > MAX_INTERCHANGE_BYTES {
        return Err(FormatError::new(
            Place::Document,
            format!(
                "the document would be {:.1} MB, more than the {} MB an interchange document may be; the document register's files make it so large.",
                text.len() as f64 / 1_048_576.0,
                MAX_INTERCHANGE_BYTES / 1_048_576
            ),
            "Replace the largest files of the register with smaller versions (a PDF without embedded images), or keep old versions outside Boardplan.",
        ));
    }
    Ok(text)
}

/// Read a JSON interchange document's plan tree. A version 2 document carrying the board's
/// own business is refused rather than read in part: see [`import_document`].
pub fn import(text: &str) -> Result<Partnership, FormatError> {
    let doc = import_document(text)?;
    if doc.business.is_empty() && doc.files.is_empty() {
        return Ok(doc.partnership);
    }
    Err(FormatError::new(
        Place::Field("business".into()),
        "the document carries the board's own business (its people, meetings, documents), which this import would leave out.",
        "Import it from the command line: boardplan import FILE.json, which recreates it all in an empty database.",
    ))
}

/// Read a JSON interchange document, version 1 or 2. Nothing is returned unless the whole
/// document is one this version understands, whose partnership passes [`domain::validate`]
/// and whose business fits it ([`domain::business::check`]), with every file named there
/// given and each file's SHA-256 its own.
pub fn import_document(text: &str) -> Result<Interchange, FormatError> {
    if text.len() > MAX_INTERCHANGE_BYTES {
        return Err(FormatError::new(
            Place::Document,
            format!(
                "the file is {:.1} MB, more than the {} MB an interchange document may be.",
                text.len() as f64 / 1_048_576.0,
                MAX_INTERCHANGE_BYTES / 1_048_576
            ),
            "Check that this is a Boardplan export and not another file.",
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FormatError::new(
            Place::Document,
            "the file is empty.",
            "Export the partnership again from Boardplan and import that file.",
        ));
    }

    let mut document: Value = serde_json::from_str(text).map_err(syntax_error)?;
    let (version, mut fields) = check_envelope(&mut document)?;
    let partnership = take_object(&mut fields, "partnership")?;
    let p: Partnership = read_part(partnership, "partnership")?;
    check_problems(
        domain::validate(&p)
            .into_iter()
            .map(|x| (format!("partnership.{}", x.path), x.message)),
    )?;
    if version == 1 {
        return Ok(Interchange {
            partnership: p,
            ..Interchange::default()
        });
    }

    let business = take_object(&mut fields, "business")?;
    let business: Business = read_part(business, "business")?;
    check_problems(
        domain::business::check(&p, &business)
            .into_iter()
            .map(|x| (format!("business.{}", x.path), x.message)),
    )?;
    let files = match fields.remove("files") {
        Some(v @ Value::Object(_)) => v,
        Some(other) => {
            return Err(FormatError::new(
                Place::Field("files".into()),
                format!("\"files\" should be an object, not {}.", kind_of(&other)),
                "Export the partnership again from Boardplan and import that file.",
            ));
        }
        None => Value::Object(Map::new()),
    };
    let files: BTreeMap<String, String> = read_part(files, "files")?;
    let files = decode_files(&business, files)?;
    Ok(Interchange {
        partnership: p,
        business,
        files,
    })
}

/// Read one part of the document as `T`, naming the path of a bad field and refusing a field
/// `T` does not have: serde would drop it silently, and the board would lose what was in it.
fn read_part<T: DeserializeOwned + Serialize>(value: Value, top: &str) -> Result<T, FormatError> {
    let read: T = serde_path_to_error::deserialize(value.clone()).map_err(|e| {
        FormatError::new(
            Place::Field(field_path(top, &e.path().to_string())),
            format!("{}.", e.inner()),
            "Correct the value (see docs/interchange.md for each field's type) and import again.",
        )
    })?;
    let written = serde_json::to_value(&read).expect(SERIALISES);
    check_known_fields(&value, &written, top)?;
    Ok(read)
}

/// The first of `problems` (path, message) as an error, counting the rest.
fn check_problems(problems: impl Iterator<Item = (String, String)>) -> Result<(), FormatError> {
    let problems: Vec<(String, String)> = problems.collect();
    let Some((path, message)) = problems.first() else {
        return Ok(());
    };
    let more = match problems.len() - 1 {
        0 => String::new(),
        1 => " There is 1 more problem after this one.".to_string(),
        n => format!(" There are {n} more problems after this one."),
    };
    Err(FormatError::new(
        Place::Field(path.clone()),
        format!("{message}{more}"),
        "Correct the document (or export it again from Boardplan) and import again.",
    ))
}

/// The files as bytes, each checked against its name (its SHA-256), every one a version of
/// the register names and none missing: a file nothing names would be lost on import.
fn decode_files(
    business: &Business,
    files: BTreeMap<String, String>,
) -> Result<BTreeMap<String, Vec<u8>>, FormatError> {
    let named: std::collections::BTreeSet<&str> = business
        .documents
        .iter()
        .flat_map(|d| d.versions.iter().map(|v| v.sha256.as_str()))
        .collect();
    let mut out = BTreeMap::new();
    for (sha, text) in files {
        let place = Place::Field(format!("files.{sha}"));
        let bytes = BASE64.decode(text.as_bytes()).map_err(|e| {
            FormatError::new(
                place.clone(),
                format!("the file is not base64 ({e})."),
                "Export the partnership again from Boardplan and import that file.",
            )
        })?;
        if crate::sha256_hex(&bytes) != sha {
            return Err(FormatError::new(
                place,
                "the file's content does not have this SHA-256: it was changed or cut short.",
                "Export the partnership again from Boardplan and import that file.",
            ));
        }
        if !named.contains(sha.as_str()) {
            return Err(FormatError::new(
                place,
                "no version of a document in business.documents names this file.",
                "Remove it, or name it in the version it belongs to.",
            ));
        }
        out.insert(sha, bytes);
    }
    for (i, d) in business.documents.iter().enumerate() {
        for (j, v) in d.versions.iter().enumerate() {
            if !out.contains_key(&v.sha256) {
                return Err(FormatError::new(
                    Place::Field(format!("business.documents[{i}].versions[{j}].sha256")),
                    format!("the file {} is not among the document's files.", v.sha256),
                    "Export the partnership again from Boardplan: an export carries every file it names.",
                ));
            }
        }
    }
    Ok(out)
}

/// A JSON syntax error at its line, with the column in the message.
fn syntax_error(e: serde_json::Error) -> FormatError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let what = full.strip_suffix(&suffix).unwrap_or(&full);
    let place = if e.line() == 0 {
        Place::Document
    } else {
        Place::Line(e.line())
    };
    FormatError::new(
        place,
        format!(
            "the file is not well-formed JSON at column {}: {what}.",
            e.column()
        ),
        "Check the brackets, quotes and commas there, or export the partnership again from Boardplan.",
    )
}

/// Check the envelope: its version and the fields left once `format` and `version` are read.
fn check_envelope(document: &mut Value) -> Result<(u64, Map<String, Value>), FormatError> {
    let not_ours = |place: Place, problem: String| {
        FormatError::new(
            place,
            problem,
            format!(
                "Import a file exported by Boardplan: it starts {{\"format\": \"{FORMAT}\", \"version\": {VERSION}, ...}}."
            ),
        )
    };
    let Value::Object(fields) = document else {
        return Err(not_ours(
            Place::Document,
            "this is JSON, but not a Boardplan partnership document: it is not an object.".into(),
        ));
    };
    match fields.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(not_ours(
                Place::Field("format".into()),
                format!("this is not a Boardplan partnership document: its format is {other}."),
            ));
        }
        None => {
            return Err(not_ours(
                Place::Field("format".into()),
                "this is not a Boardplan partnership document: it has no \"format\" field.".into(),
            ));
        }
    }
    let version = match fields.get("version") {
        Some(Value::Number(n)) if matches!(n.as_u64(), Some(1 | VERSION)) => {
            n.as_u64().unwrap_or(VERSION)
        }
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > VERSION) => {
            return Err(FormatError::new(
                Place::Field("version".into()),
                format!(
                    "the document is version {n}, written by a newer Boardplan; this one reads versions 1 and {VERSION}."
                ),
                "Upgrade Boardplan, or export the partnership again from the Boardplan that reads this file.",
            ));
        }
        Some(other) => {
            return Err(not_ours(
                Place::Field("version".into()),
                format!(
                    "the document's version is {other}; this Boardplan reads versions 1 and {VERSION}."
                ),
            ));
        }
        None => {
            return Err(not_ours(
                Place::Field("version".into()),
                "the document has no \"version\" field.".into(),
            ));
        }
    };
    let allowed: &[&str] = if version == 1 {
        &["format", "version", "partnership"]
    } else {
        &["format", "version", "partnership", "business", "files"]
    };
    if let Some(key) = fields.keys().find(|k| !allowed.contains(&k.as_str())) {
        let quoted: Vec<String> = allowed.iter().map(|k| format!("\"{k}\"")).collect();
        return Err(FormatError::new(
            Place::Field(key.clone()),
            format!(
                "the document has a field \"{key}\" that Boardplan does not know in a version {version} document."
            ),
            format!("Remove it: the document holds only {}.", quoted.join(", ")),
        ));
    }
    let mut fields = std::mem::take(fields);
    fields.remove("format");
    fields.remove("version");
    Ok((version, fields))
}

/// Take the object `name` out of the envelope's fields.
fn take_object(fields: &mut Map<String, Value>, name: &str) -> Result<Value, FormatError> {
    match fields.remove(name) {
        Some(p @ Value::Object(_)) => Ok(p),
        Some(other) => Err(FormatError::new(
            Place::Field(name.into()),
            format!("\"{name}\" should be an object, not {}.", kind_of(&other)),
            "Export the partnership again from Boardplan and import that file.",
        )),
        None => Err(FormatError::new(
            Place::Field(name.into()),
            format!("the document has no \"{name}\" field."),
            "Export the partnership again from Boardplan and import that file.",
        )),
    }
}

/// Refuse a field the model does not have: serde would drop it silently, and the board would
/// lose what was in it. `written` is the partnership as read, serialised back, so it has every
/// field the model knows.
fn check_known_fields(input: &Value, written: &Value, path: &str) -> Result<(), FormatError> {
    match (input, written) {
        (Value::Object(given), Value::Object(known)) => {
            for (key, value) in given {
                let here = format!("{path}.{key}");
                match known.get(key) {
                    Some(known_value) => check_known_fields(value, known_value, &here)?,
                    None => {
                        let names: Vec<&str> = known.keys().map(String::as_str).collect();
                        return Err(FormatError::new(
                            Place::Field(here),
                            format!(
                                "\"{key}\" is not a field Boardplan knows here, so what it holds would be lost."
                            ),
                            format!(
                                "Rename or remove it; the fields here are: {}.",
                                names.join(", ")
                            ),
                        ));
                    }
                }
            }
            Ok(())
        }
        (Value::Array(given), Value::Array(known)) => {
            for (i, (value, known_value)) in given.iter().zip(known).enumerate() {
                check_known_fields(value, known_value, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// `plans[0].title` (from serde_path_to_error, relative to the part `top`, e.g. the
/// partnership) as a path in the whole document.
fn field_path(top: &str, inner: &str) -> String {
    match inner {
        "" | "." => top.to_string(),
        p if p.starts_with('[') => format!("{top}{p}"),
        p => format!("{top}.{p}"),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_partnership_round_trips() {
        let p = Partnership {
            name: "Kingston LSCB".into(),
            ..Partnership::default()
        };
        let text = export(&p);
        assert!(
            text.starts_with("{\n  \"format\": \"boardplan-partnership\",\n  \"version\": 1,\n")
        );
        assert!(text.ends_with("}\n"));
        assert_eq!(import(&text), Ok(p));
    }

    #[test]
    fn a_path_from_inside_the_partnership_is_given_from_the_top_of_the_document() {
        assert_eq!(
            field_path("partnership", "plans[0].title"),
            "partnership.plans[0].title"
        );
        assert_eq!(field_path("partnership", "."), "partnership");
        assert_eq!(
            field_path("business", "people[2].name"),
            "business.people[2].name"
        );
    }
}
