//! The JSON interchange document: a whole partnership, losslessly, in one file.
//!
//! The document is an envelope around the [`domain::Partnership`] tree:
//!
//! ```json
//! {"format": "boardplan-partnership", "version": 1, "partnership": {...}}
//! ```
//!
//! [`export`] writes it pretty-printed with every field present, in the model's field order,
//! so that the same partnership always gives the same bytes and `export → import → export` is
//! byte-identical. [`import`] refuses anything it could not write back the same way: a syntax
//! error names the line and column, a field of the wrong type names its path
//! (`partnership.plans[0].objectives[3].number`), an unknown field is refused rather than
//! dropped, and the partnership must pass [`domain::validate`]. See `docs/interchange.md`.

use serde::Serialize;
use serde_json::Value;

use domain::Partnership;

use crate::{FormatError, Place};

/// The value of the envelope's `format` field.
pub const FORMAT: &str = "boardplan-partnership";

/// The version of the document this Boardplan writes and reads.
pub const VERSION: u64 = 1;

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    partnership: &'a Partnership,
}

/// The partnership as a JSON interchange document: pretty-printed, two-space indent, every
/// field present (absent values as `null` or `[]`), ending with a newline.
pub fn export(p: &Partnership) -> String {
    let envelope = Envelope {
        format: FORMAT,
        version: VERSION,
        partnership: p,
    };
    let mut text = serde_json::to_string_pretty(&envelope).expect(
        "a partnership always serialises: every map key is a string, every value plain data",
    );
    text.push('\n');
    text
}

/// Read a JSON interchange document. Nothing is returned unless the whole document is a
/// partnership this version understands and that passes [`domain::validate`].
pub fn import(text: &str) -> Result<Partnership, FormatError> {
    FormatError::check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FormatError::new(
            Place::Document,
            "the file is empty.",
            "Export the partnership again from Boardplan and import that file.",
        ));
    }

    let mut document: Value = serde_json::from_str(text).map_err(syntax_error)?;
    let partnership = check_envelope(&mut document)?;
    let p: Partnership = serde_path_to_error::deserialize(partnership.clone()).map_err(|e| {
        FormatError::new(
            Place::Field(field_path(&e.path().to_string())),
            format!("{}.", e.inner()),
            "Correct the value (see docs/interchange.md for each field's type) and import again.",
        )
    })?;
    let written = serde_json::to_value(&p).expect(
        "a partnership always serialises: every map key is a string, every value plain data",
    );
    check_known_fields(&partnership, &written, "partnership")?;

    let problems = domain::validate(&p);
    if let Some(first) = problems.first() {
        let more = match problems.len() - 1 {
            0 => String::new(),
            1 => " There is 1 more problem after this one.".to_string(),
            n => format!(" There are {n} more problems after this one."),
        };
        return Err(FormatError::new(
            Place::Field(format!("partnership.{}", first.path)),
            format!("{}{more}", first.message),
            "Correct the document (or export it again from Boardplan) and import again.",
        ));
    }
    Ok(p)
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

/// Check the envelope and take the partnership out of it.
fn check_envelope(document: &mut Value) -> Result<Value, FormatError> {
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
    match fields.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > VERSION) => {
            return Err(FormatError::new(
                Place::Field("version".into()),
                format!(
                    "the document is version {n}, written by a newer Boardplan; this one reads version {VERSION}."
                ),
                "Upgrade Boardplan, or export the partnership again from the Boardplan that reads this file.",
            ));
        }
        Some(other) => {
            return Err(not_ours(
                Place::Field("version".into()),
                format!(
                    "the document's version is {other}; this Boardplan reads version {VERSION}."
                ),
            ));
        }
        None => {
            return Err(not_ours(
                Place::Field("version".into()),
                "the document has no \"version\" field.".into(),
            ));
        }
    }
    if let Some(key) = fields
        .keys()
        .find(|k| !matches!(k.as_str(), "format" | "version" | "partnership"))
    {
        return Err(FormatError::new(
            Place::Field(key.clone()),
            format!("the document has a field \"{key}\" that Boardplan does not know."),
            "Remove it: the document holds only \"format\", \"version\" and \"partnership\".",
        ));
    }
    match fields.remove("partnership") {
        Some(p @ Value::Object(_)) => Ok(p),
        Some(other) => Err(FormatError::new(
            Place::Field("partnership".into()),
            format!(
                "\"partnership\" should be an object, not {}.",
                kind_of(&other)
            ),
            "Export the partnership again from Boardplan and import that file.",
        )),
        None => Err(FormatError::new(
            Place::Field("partnership".into()),
            "the document has no \"partnership\" field.",
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

/// `plans[0].title` (from serde_path_to_error, relative to the partnership) as a path in the
/// whole document.
fn field_path(inner: &str) -> String {
    match inner {
        "" | "." => "partnership".to_string(),
        p if p.starts_with('[') => format!("partnership{p}"),
        p => format!("partnership.{p}"),
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
        assert_eq!(field_path("plans[0].title"), "partnership.plans[0].title");
        assert_eq!(field_path("."), "partnership");
    }
}
