//! What the person chose on the preview page, read from its form: a field for each column
//! heading and a rating for each status value (the same overrides as `--map` and
//! `--status-scale`, through `formats::plan_tables::Overrides`), the date the document's
//! status speaks for (`--as-of`), and whether the document is a new plan or a later version
//! of a stored one (`--update-plan`).
//!
//! A drop-down becomes an override when it was changed, or when it showed an override
//! already (so that pressing "Preview again" keeps what was chosen before). The page carries
//! a fingerprint of the choices it shows; an import whose choices differ is previewed again
//! rather than written, so that nothing is imported that the person has not seen.

use std::collections::HashMap;

use domain::Date;
use formats::plan_tables::{FIELD_NAMES, Overrides, RATING_NAMES};
use sha2::{Digest, Sha256};

/// The most columns or status values read from one form; a plan has far fewer.
const MAX_ROWS: usize = 500;

/// The form's fields, by name.
pub type Fields = HashMap<String, String>;

/// The choices a preview is read with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choices {
    pub overrides: Overrides,
    /// The date typed (`as_of`), as typed.
    pub as_of: String,
    /// The stored plan the document is a later version of; `None`: a new plan.
    pub later: Option<String>,
    /// Record it as a new version if a plan with its title is already here.
    pub replace: bool,
}

impl Choices {
    /// A short hash of everything chosen, for the page to carry.
    pub fn fingerprint(&self) -> String {
        let text = format!(
            "{:?}|{:?}|{}|{:?}|{}",
            self.overrides.map,
            self.overrides.scale,
            self.as_of.trim(),
            self.later,
            self.replace
        );
        hex::encode(&Sha256::digest(text.as_bytes())[..16])
    }

    /// The date the status speaks for: a real date, not after `today`.
    pub fn as_of_date(&self, today: Date) -> Result<Date, String> {
        let typed = self.as_of.trim();
        let date: Date = typed.parse().map_err(|_| {
            format!("\"{typed}\" is not a date: write the date the document's status speaks for as YYYY-MM-DD, for example 2025-03-31.")
        })?;
        if date > today {
            return Err(format!(
                "{date} is after today: the status a document records cannot speak for a day to come."
            ));
        }
        Ok(date)
    }
}

/// The choices in a submitted form, with a message for each that cannot be used (naming
/// the column or value, as `--map` and `--status-scale` name theirs).
pub fn read(f: &Fields) -> (Choices, Vec<String>) {
    let get = |name: &str| f.get(name).map(|v| v.trim()).unwrap_or_default();
    let mut errors = Vec::new();
    let mut overrides = Overrides::default();
    for i in 0..MAX_ROWS {
        let Some(heading) = f.get(&format!("col-{i}-heading")) else {
            break;
        };
        let chosen = get(&format!("col-{i}"));
        let shown = get(&format!("col-{i}-shown"));
        let set = !get(&format!("col-{i}-set")).is_empty();
        if chosen.is_empty() || (chosen == shown && !set) {
            continue;
        }
        if let Err(e) = overrides.add_map(&format!("{chosen}={heading}")) {
            errors.push(e.replace("--map", "The column"));
        }
    }
    for i in 0..MAX_ROWS {
        let Some(value) = f.get(&format!("status-{i}-value")) else {
            break;
        };
        let chosen = get(&format!("status-{i}"));
        let shown = get(&format!("status-{i}-shown"));
        let set = !get(&format!("status-{i}-set")).is_empty();
        if chosen.is_empty() || (chosen == shown && !set) {
            continue;
        }
        // Pushed as a pair rather than through `add_scale`'s text, whose commas and "="
        // a status value may itself hold ("Amber, improving").
        match RATING_NAMES.iter().find(|(n, _)| *n == chosen) {
            Some((_, rating)) => {
                let value = value.trim().to_string();
                overrides
                    .scale
                    .retain(|(v, _)| !v.eq_ignore_ascii_case(&value));
                overrides.scale.push((value, *rating));
            }
            None => errors.push(format!(
                "The status \"{}\": \"{chosen}\" is not a rating; choose one from the list.",
                value.trim()
            )),
        }
    }
    let later = match get("target") {
        "later" => Some(get("later_plan").to_string()).filter(|t| !t.is_empty()),
        _ => None,
    };
    if get("target") == "later" && later.is_none() {
        errors.push("Choose the plan this document is a later version of.".into());
    }
    let choices = Choices {
        overrides,
        as_of: get("as_of").to_string(),
        later,
        replace: !get("replace").is_empty(),
    };
    (choices, errors)
}

/// The fields a column can be given, with the words the drop-down shows.
pub fn field_options() -> Vec<(&'static str, &'static str)> {
    FIELD_NAMES
        .iter()
        .map(|(name, _)| {
            let label = match *name {
                "number" => "the action's number",
                "action" => "the action",
                "lead" => "lead",
                "timescale" => "timescale",
                "status" => "status",
                "progress" => "progress",
                "source" => "source (kept as a note)",
                "outcome" => "outcome (kept as a note)",
                "group" => "objective",
                _ => "keep as a note",
            };
            (*name, label)
        })
        .collect()
}

/// The ratings a status value can be read as, with their words.
pub fn rating_options() -> Vec<(&'static str, String)> {
    RATING_NAMES
        .iter()
        .map(|(name, rating)| {
            let label = match rating {
                Some(r) => format!("{name} ({})", r.meaning()),
                None => "not rated".to_string(),
            };
            (*name, label)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use formats::plan_tables::Field;

    fn form(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn only_changed_or_already_set_drop_downs_are_overrides() {
        let f = form(&[
            ("col-0-heading", "Action"),
            ("col-0", "action"),
            ("col-0-shown", "action"),
            ("col-1-heading", "Responsible Officer"),
            ("col-1", "lead"),
            ("col-1-shown", "note"),
            ("col-2-heading", "Ref"),
            ("col-2", "source"),
            ("col-2-shown", "source"),
            ("col-2-set", "yes"),
            ("status-0-value", "Amber, improving"),
            ("status-0", "amber"),
            ("status-0-shown", "none"),
            ("status-1-value", "4"),
            ("status-1", "red"),
            ("status-1-shown", "red"),
            ("as_of", "2025-03-31"),
        ]);
        let (c, errors) = read(&f);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            c.overrides.map,
            [
                (Field::Lead, "Responsible Officer".to_string()),
                (Field::Source, "Ref".to_string())
            ]
        );
        assert_eq!(
            c.overrides.scale,
            [("Amber, improving".to_string(), Some(domain::Rag::Amber))]
        );
        assert_eq!(c.later, None);
        let today: Date = "2025-04-01".parse().unwrap();
        assert_eq!(c.as_of_date(today).unwrap().to_string(), "2025-03-31");
    }

    #[test]
    fn bad_choices_are_named() {
        let f = form(&[
            ("col-0-heading", "Who"),
            ("col-0", "owner"),
            ("col-0-shown", "note"),
            ("status-0-value", "5"),
            ("status-0", "purple"),
            ("status-0-shown", "none"),
            ("target", "later"),
            ("as_of", "31/3/2025"),
        ]);
        let (c, errors) = read(&f);
        assert!(errors[0].contains("\"owner\" is not a field"), "{errors:?}");
        assert!(
            errors[1].contains("\"purple\" is not a rating"),
            "{errors:?}"
        );
        assert!(errors[2].contains("later version"), "{errors:?}");
        let today: Date = "2025-04-01".parse().unwrap();
        assert!(c.as_of_date(today).unwrap_err().contains("YYYY-MM-DD"));
        let late = Choices {
            as_of: "2025-04-02".into(),
            ..Choices::default()
        };
        assert!(late.as_of_date(today).unwrap_err().contains("after today"));
    }

    #[test]
    fn the_fingerprint_changes_with_any_choice() {
        let a = Choices {
            as_of: "2025-03-31".into(),
            ..Choices::default()
        };
        let mut b = a.clone();
        assert_eq!(a.fingerprint(), b.fingerprint());
        b.replace = true;
        assert_ne!(a.fingerprint(), b.fingerprint());
        let mut c = a.clone();
        c.overrides.add_map("lead=Who").unwrap();
        assert_ne!(a.fingerprint(), c.fingerprint());
    }
}
