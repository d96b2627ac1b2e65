//! What the person importing says over what was recognised: `--map "lead=Responsible
//! Officer"` (a column's field) and `--status-scale "1=blue,2=green"` (how a status column's
//! values are read). Parsed here so that the CLI and the web app refuse the same bad pairs
//! with the same words; applied by `mapping` and `rows`. Here too: the check that each
//! mapped heading is in the document, and the status scale a dry run shows.

use domain::Rag;
use serde::Serialize;

use super::columns::{Field, words};
use super::grid::Block;
use super::mapping::Mapping;
use super::seen_headings;
use crate::{FormatError, Place};

/// The fields a column can be given, by the names the dry run's JSON uses.
pub const FIELD_NAMES: [(&str, Field); 10] = [
    ("number", Field::Number),
    ("action", Field::Action),
    ("lead", Field::Lead),
    ("timescale", Field::Timescale),
    ("status", Field::Status),
    ("progress", Field::Progress),
    ("source", Field::Source),
    ("outcome", Field::Outcome),
    ("group", Field::Group),
    ("note", Field::Note),
];

/// The ratings a status value can be read as; `none` is "not rated".
pub const RATING_NAMES: [(&str, Option<Rag>); 6] = [
    ("blue", Some(Rag::Blue)),
    ("green", Some(Rag::Green)),
    ("amber", Some(Rag::Amber)),
    ("red", Some(Rag::Red)),
    ("grey", Some(Rag::Grey)),
    ("none", None),
];

/// Overrides given for one import; empty by default (everything recognised).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Each field with the heading of the column that holds it, as given.
    pub map: Vec<(Field, String)>,
    /// Each status value (as given) with the rating it is read as.
    pub scale: Vec<(String, Option<Rag>)>,
}

/// One entry of the status scale shown by a dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScaleEntry {
    pub value: String,
    /// `None` is "not rated".
    pub rating: Option<Rag>,
    /// "override" (given with `--status-scale`) or "document" (the key it prints).
    pub from: &'static str,
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        self.map.is_empty() && self.scale.is_empty()
    }

    /// Add one `FIELD=HEADING`.
    pub fn add_map(&mut self, given: &str) -> Result<(), String> {
        let (field, heading) = given.split_once('=').ok_or_else(|| {
            format!("--map \"{given}\" has no \"=\": write it as FIELD=HEADING, for example --map \"lead=Responsible Officer\".")
        })?;
        let name = match field.trim().to_lowercase() {
            // The dry run's text calls a group column the objective.
            n if n == "objective" => "group".to_string(),
            n => n,
        };
        let field = FIELD_NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                format!(
                    "--map \"{given}\": \"{}\" is not a field; the fields are {}.",
                    field.trim(),
                    names(FIELD_NAMES.iter().map(|(n, _)| *n))
                )
            })?;
        if words(heading).is_empty() {
            return Err(format!(
                "--map \"{given}\" names no heading: write the column's heading after \"=\"."
            ));
        }
        if let Some((f, h)) = self
            .map
            .iter()
            .find(|(f, h)| words(h) == words(heading) && *f != field)
        {
            return Err(format!(
                "--map \"{given}\": the column \"{}\" is already mapped to {}; give each heading one field.",
                h.trim(),
                field_name(*f)
            ));
        }
        self.map.push((field, heading.trim().to_string()));
        Ok(())
    }

    /// Add `VALUE=RATING,VALUE=RATING…`: all the pairs, or none when one is bad.
    pub fn add_scale(&mut self, given: &str) -> Result<(), String> {
        let mut pairs: Vec<(String, Option<Rag>)> = Vec::new();
        for pair in given.split(',').filter(|p| !p.trim().is_empty()) {
            let (value, rating) = pair.split_once('=').ok_or_else(|| {
                format!("--status-scale: \"{}\" has no \"=\": write each pair as VALUE=RATING, for example \"1=blue,2=green,3=amber,4=red\".", pair.trim())
            })?;
            if words(value).is_empty() {
                return Err(format!(
                    "--status-scale: \"{}\" names no value before \"=\".",
                    pair.trim()
                ));
            }
            let r = rating.trim().to_lowercase();
            let rating = match r.as_str() {
                "not rated" | "unrated" => None,
                "gray" => Some(Rag::Grey),
                _ => *RATING_NAMES
                    .iter()
                    .find(|(n, _)| *n == r)
                    .map(|(_, r)| r)
                    .ok_or_else(|| {
                        format!(
                            "--status-scale: \"{}\": \"{}\" is not a rating; the ratings are {}.",
                            pair.trim(),
                            rating.trim(),
                            names(RATING_NAMES.iter().map(|(n, _)| *n))
                        )
                    })?,
            };
            pairs.push((value.trim().to_string(), rating));
        }
        if pairs.is_empty() {
            return Err(
                "--status-scale is empty: give pairs such as \"1=blue,2=green,3=amber,4=red\"."
                    .into(),
            );
        }
        for (value, rating) in pairs {
            self.scale.retain(|(v, _)| words(v) != words(&value));
            self.scale.push((value, rating));
        }
        Ok(())
    }

    /// The field `--map` gives a heading, if any (matched ignoring case and spacing).
    pub(crate) fn field_for(&self, heading: &str) -> Option<Field> {
        let w = words(heading);
        self.map
            .iter()
            .find(|(_, h)| words(h) == w)
            .map(|(f, _)| *f)
    }

    /// The rating `--status-scale` gives a status value: `Some(rating)` when given.
    pub(crate) fn rating_for(&self, value: &str) -> Option<Option<Rag>> {
        let w = words(value);
        self.scale
            .iter()
            .find(|(v, _)| words(v) == w)
            .map(|(_, r)| *r)
    }
}

/// The name a field has in the dry run's JSON.
pub fn field_name(f: Field) -> &'static str {
    FIELD_NAMES
        .iter()
        .find(|(_, x)| *x == f)
        .map_or("note", |(n, _)| n)
}

fn names<'a>(list: impl Iterator<Item = &'a str>) -> String {
    list.collect::<Vec<_>>().join(", ")
}

/// Every heading `--map` names must be a column of a heading row read; otherwise the
/// error lists the headings there are.
pub(crate) fn check_headings(
    blocks: &[Block],
    mappings: &[Mapping],
    overrides: &Overrides,
) -> Result<(), FormatError> {
    let missing: Vec<&(Field, String)> = overrides
        .map
        .iter()
        .filter(|(_, h)| {
            let w = words(h);
            let in_mapping = mappings
                .iter()
                .flat_map(|m| &m.columns)
                .any(|c| words(&c.heading) == w);
            // With no heading row at all (the override left no column for the actions), a
            // heading that is in the tables is there; the error about the actions says why.
            let in_cells = mappings.is_empty()
                && blocks.iter().any(|b| match b {
                    Block::Table(t) => t.rows.iter().flatten().any(|c| words(c) == w),
                    Block::Heading(_) => false,
                });
            !in_mapping && !in_cells
        })
        .collect();
    let Some((field, heading)) = missing.first() else {
        return Ok(());
    };
    let mut headings: Vec<String> = Vec::new();
    for c in mappings.iter().flat_map(|m| &m.columns) {
        let shown = format!("\"{}\"", c.heading.trim());
        if !c.heading.trim().is_empty() && !headings.contains(&shown) {
            headings.push(shown);
        }
    }
    let there = if headings.is_empty() {
        // No heading row was recognised: show the first row that could be one.
        let row = blocks.iter().find_map(|b| match b {
            Block::Table(t) => t
                .rows
                .iter()
                .find(|r| r.iter().filter(|c| !c.trim().is_empty()).count() >= 2)
                .map(|r| format!("\"{}\" in {}", r.join(" | "), t.name)),
            Block::Heading(_) => None,
        });
        match row {
            Some(r) => format!("no heading row was recognised; the first row of columns reads {r}"),
            None => format!("no heading row was found{}", seen_headings(blocks)),
        }
    } else {
        format!("its column headings are {}", headings.join(", "))
    };
    Err(FormatError::new(
        Place::Document,
        format!(
            "--map \"{}={heading}\": no column is headed \"{heading}\"; {there}.",
            field_name(*field)
        ),
        "Give --map one of the document's headings (case and spacing do not matter), and import it again.",
    ))
}

/// The status scale a dry run shows: overrides, then the document's key where not overridden.
pub(crate) fn scale(overrides: &Overrides, key: &[(String, Rag)]) -> Vec<ScaleEntry> {
    let mut out: Vec<ScaleEntry> = overrides
        .scale
        .iter()
        .map(|(value, rating)| ScaleEntry {
            value: value.clone(),
            rating: *rating,
            from: "override",
        })
        .collect();
    for (value, rating) in key {
        if overrides.rating_for(value).is_none() && !out.iter().any(|e| &e.value == value) {
            out.push(ScaleEntry {
                value: value.clone(),
                rating: Some(*rating),
                from: "document",
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_names_a_field_and_a_heading() {
        let mut o = Overrides::default();
        o.add_map("Lead = Responsible  Officer").unwrap();
        assert_eq!(o.map, [(Field::Lead, "Responsible  Officer".to_string())]);
        assert_eq!(o.field_for("responsible officer"), Some(Field::Lead));
        assert_eq!(o.field_for("RESPONSIBLE\nOFFICER"), Some(Field::Lead));
        assert_eq!(o.field_for("Officer"), None);
    }

    #[test]
    fn a_bad_map_is_refused_naming_it_and_the_fields() {
        let mut o = Overrides::default();
        let e = o.add_map("owner=Who").unwrap_err();
        assert!(e.contains("\"owner\" is not a field"), "{e}");
        assert!(e.contains("number, action, lead, timescale"), "{e}");
        let e = o.add_map("lead").unwrap_err();
        assert!(e.contains("--map \"lead\" has no \"=\""), "{e}");
        let e = o.add_map("lead=  ").unwrap_err();
        assert!(e.contains("names no heading"), "{e}");
        o.add_map("lead=Person").unwrap();
        let e = o.add_map("action=person").unwrap_err();
        assert!(e.contains("already mapped to lead"), "{e}");
        assert_eq!(o.map.len(), 1);
    }

    #[test]
    fn a_scale_reads_values_ignoring_case() {
        let mut o = Overrides::default();
        o.add_scale("1=blue, 2=Green,3=amber,4=RED,n/a=none,X=not rated")
            .unwrap();
        assert_eq!(o.rating_for("1"), Some(Some(Rag::Blue)));
        assert_eq!(o.rating_for(" 2 "), Some(Some(Rag::Green)));
        assert_eq!(o.rating_for("4"), Some(Some(Rag::Red)));
        assert_eq!(o.rating_for("N/A"), Some(None));
        assert_eq!(o.rating_for("x"), Some(None));
        assert_eq!(o.rating_for("5"), None);
        o.add_scale("1=green").unwrap();
        assert_eq!(
            o.rating_for("1"),
            Some(Some(Rag::Green)),
            "a later pair wins"
        );
    }

    #[test]
    fn a_bad_scale_pair_is_refused_naming_it() {
        let mut o = Overrides::default();
        let e = o.add_scale("1=blue,5=purple").unwrap_err();
        assert!(e.contains("\"5=purple\""), "{e}");
        assert!(e.contains("blue, green, amber, red, grey, none"), "{e}");
        let e = o.add_scale("1=blue,2").unwrap_err();
        assert!(e.contains("\"2\" has no \"=\""), "{e}");
        let e = o.add_scale(" , ").unwrap_err();
        assert!(e.contains("empty"), "{e}");
        assert!(o.scale.is_empty(), "a refused scale adds none of its pairs");
    }
}
