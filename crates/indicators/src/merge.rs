//! Bringing newly imported values together with the ones already held: what is new, what a
//! later file revised (both values kept), and what is unchanged. Importing the same file twice
//! therefore adds nothing; the store applies the result in one transaction.

use std::collections::HashMap;

use serde::Serialize;

use crate::code::{AreaCode, IndicatorCode};
use crate::import::ImportedValues;
use crate::period::Period;
use crate::value::{Revision, Value};

/// What merging an import into existing values would do.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MergeResult {
    /// Values for keys nobody held before.
    pub added: Vec<Value>,
    /// Values the incoming file publishes differently, old and new.
    pub revised: Vec<Revision>,
    /// Incoming values identical to ones already held.
    pub unchanged: usize,
}

impl MergeResult {
    /// True if applying this would change nothing.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.revised.is_empty()
    }
}

/// Compares `incoming` with `existing`. A key is (indicator, area, period); a value is the same
/// if its number (to the bit) and status are the same.
pub fn merge(existing: &[Value], incoming: &ImportedValues) -> MergeResult {
    let held: HashMap<(&IndicatorCode, &AreaCode, Period), &Value> = existing
        .iter()
        .map(|v| ((&v.indicator, &v.area_code, v.period), v))
        .collect();
    let mut result = MergeResult::default();
    for value in &incoming.values {
        match held.get(&(&value.indicator, &value.area_code, value.period)) {
            None => result.added.push(value.clone()),
            Some(old) if old.observation().same_as(&value.observation()) => result.unchanged += 1,
            Some(old) => result.revised.push(Revision {
                indicator: value.indicator.clone(),
                area_code: value.area_code.clone(),
                period: value.period,
                old: old.observation(),
                new: value.observation(),
                file: incoming.file.clone(),
                published_on: incoming.published_on,
            }),
        }
    }
    result
}

/// Folds several imports, oldest publication first, into one: later values replace earlier
/// ones and each change is kept as a revision.
pub fn combine(imports: impl IntoIterator<Item = ImportedValues>) -> ImportedValues {
    let mut combined = ImportedValues::default();
    let mut names = Vec::new();
    let mut index = crate::index::ValueIndex::new();
    for import in imports {
        let merged = merge_into(&mut index, &import);
        combined.revisions.extend(merged);
        combined.rows_read += import.rows_read;
        combined.warnings.extend(import.warnings);
        for area in import.areas {
            if !combined.areas.iter().any(|a| a.code == area.code) {
                combined.areas.push(area);
            }
        }
        combined.published_on = import.published_on.or(combined.published_on);
        names.push(import.file);
    }
    combined.file = names.join(", ");
    combined.values = index.into_values();
    combined
}

fn merge_into(index: &mut crate::index::ValueIndex, import: &ImportedValues) -> Vec<Revision> {
    let mut revisions = Vec::new();
    for value in &import.values {
        if let Some(old) = index.insert(value.clone())
            && !old.observation().same_as(&value.observation())
        {
            revisions.push(Revision {
                indicator: value.indicator.clone(),
                area_code: value.area_code.clone(),
                period: value.period,
                old: old.observation(),
                new: value.observation(),
                file: import.file.clone(),
                published_on: import.published_on,
            });
        }
    }
    revisions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Observation, ValueStatus};
    use jiff::civil::date;

    fn value(area: &str, year: i16, observation: Observation) -> Value {
        Value::new(
            IndicatorCode::new("cpp-subsequent-pct").unwrap(),
            AreaCode::new(area).unwrap(),
            Period::year_to_31_march(year).unwrap(),
            observation,
        )
    }

    fn import(file: &str, values: Vec<Value>) -> ImportedValues {
        ImportedValues {
            file: file.to_owned(),
            values,
            ..ImportedValues::default()
        }
    }

    #[test]
    fn the_same_file_twice_adds_and_revises_nothing() {
        let first = import(
            "d3.csv",
            vec![value("A", 2024, Observation::published(21.0))],
        );
        let result = merge(&first.values, &first);
        assert_eq!(result.added.len(), 0);
        assert_eq!(result.revised.len(), 0);
        assert_eq!(result.unchanged, 1);
        assert!(result.is_empty());
    }

    #[test]
    fn a_changed_number_is_a_revision_with_both_values_and_the_file() {
        let existing = vec![value("A", 2024, Observation::published(21.0))];
        let later = import(
            "d3_2025.csv",
            vec![value("A", 2024, Observation::published(20.6))],
        )
        .published_on(date(2025, 11, 6));
        let result = merge(&existing, &later);
        let revision = &result.revised[0];
        assert_eq!(revision.old.number, Some(21.0));
        assert_eq!(revision.new.number, Some(20.6));
        assert_eq!(revision.file, "d3_2025.csv");
        assert_eq!(revision.published_on, Some(date(2025, 11, 6)));
    }

    #[test]
    fn a_suppressed_value_later_published_is_a_revision_too() {
        let existing = vec![value(
            "A",
            2024,
            Observation::without_number(ValueStatus::Suppressed),
        )];
        let later = import(
            "later.csv",
            vec![value("A", 2024, Observation::published(3.0))],
        );
        let result = merge(&existing, &later);
        assert_eq!(result.revised[0].old.status, ValueStatus::Suppressed);
    }

    #[test]
    fn new_keys_are_added() {
        let existing = vec![value("A", 2024, Observation::published(21.0))];
        let later = import(
            "later.csv",
            vec![value("A", 2025, Observation::published(17.3))],
        );
        assert_eq!(merge(&existing, &later).added.len(), 1);
    }

    #[test]
    fn combining_files_in_publication_order_keeps_the_latest_and_the_revision() {
        let older = import(
            "2024.csv",
            vec![value("A", 2024, Observation::published(21.0))],
        );
        let newer = import(
            "2025.csv",
            vec![
                value("A", 2024, Observation::published(20.6)),
                value("A", 2025, Observation::published(17.3)),
            ],
        );
        let combined = combine([older, newer]);
        assert_eq!(combined.values.len(), 2);
        assert_eq!(combined.revisions.len(), 1);
        assert_eq!(combined.values[0].number, Some(20.6));
        assert_eq!(combined.file, "2024.csv, 2025.csv");
    }
}
