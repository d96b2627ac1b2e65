//! An in-memory set of values, looked up by indicator, area and period: what derivation,
//! judgement, comparators and charts read from. The store will hold values in SQL; this is the
//! same question asked of values already in hand (an import, a test, a benchmark).

use std::collections::{BTreeMap, HashMap};

use crate::code::{AreaCode, IndicatorCode};
use crate::period::Period;
use crate::value::Value;

/// Values keyed by (indicator, area, period); at most one value per key.
#[derive(Debug, Clone, Default)]
pub struct ValueIndex {
    values: Vec<Value>,
    by: HashMap<IndicatorCode, HashMap<AreaCode, BTreeMap<Period, usize>>>,
}

impl ValueIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// An index of `values`; where two share a key the later one wins.
    pub fn from_values(values: impl IntoIterator<Item = Value>) -> Self {
        let mut index = Self::new();
        index.extend(values);
        index
    }

    /// Adds or replaces one value, returning the one it replaced.
    pub fn insert(&mut self, value: Value) -> Option<Value> {
        let slot = self
            .by
            .entry(value.indicator.clone())
            .or_default()
            .entry(value.area_code.clone())
            .or_default()
            .entry(value.period);
        match slot {
            std::collections::btree_map::Entry::Occupied(entry) => {
                Some(std::mem::replace(&mut self.values[*entry.get()], value))
            }
            std::collections::btree_map::Entry::Vacant(entry) => {
                entry.insert(self.values.len());
                self.values.push(value);
                None
            }
        }
    }

    pub fn extend(&mut self, values: impl IntoIterator<Item = Value>) {
        for value in values {
            self.insert(value);
        }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Value> {
        self.values.iter()
    }

    pub fn get(&self, indicator: &str, area: &str, period: Period) -> Option<&Value> {
        let at = *self.by.get(indicator)?.get(area)?.get(&period)?;
        self.values.get(at)
    }

    /// One area's values for one indicator, oldest first.
    pub fn series(&self, indicator: &str, area: &str) -> impl Iterator<Item = &Value> {
        self.by
            .get(indicator)
            .and_then(|areas| areas.get(area))
            .into_iter()
            .flat_map(|periods| periods.values())
            .filter_map(|&at| self.values.get(at))
    }

    /// Every value of one indicator, in no particular order.
    pub fn of_indicator(&self, indicator: &str) -> impl Iterator<Item = &Value> {
        self.by
            .get(indicator)
            .into_iter()
            .flat_map(HashMap::values)
            .flat_map(BTreeMap::values)
            .filter_map(|&at| self.values.get(at))
    }

    /// The areas that have any value for `indicator`.
    pub fn areas(&self, indicator: &str) -> impl Iterator<Item = &AreaCode> {
        self.by.get(indicator).into_iter().flat_map(HashMap::keys)
    }

    /// Every period with a value of `indicator` for any area, oldest first.
    pub fn periods(&self, indicator: &str) -> Vec<Period> {
        let mut periods: Vec<Period> = self
            .by
            .get(indicator)
            .into_iter()
            .flat_map(HashMap::values)
            .flat_map(BTreeMap::keys)
            .copied()
            .collect();
        periods.sort();
        periods.dedup();
        periods
    }

    pub fn into_values(self) -> Vec<Value> {
        self.values
    }
}

impl<'a> IntoIterator for &'a ValueIndex {
    type Item = &'a Value;
    type IntoIter = std::slice::Iter<'a, Value>;

    fn into_iter(self) -> Self::IntoIter {
        self.values.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Observation;

    fn value(area: &str, year: i16, number: f64) -> Value {
        Value::new(
            IndicatorCode::new("cin-rate").unwrap(),
            AreaCode::new(area).unwrap(),
            Period::year_to_31_march(year).unwrap(),
            Observation::published(number),
        )
    }

    #[test]
    fn a_series_comes_back_oldest_first() {
        let index = ValueIndex::from_values([
            value("A", 2025, 3.0),
            value("A", 2023, 1.0),
            value("A", 2024, 2.0),
        ]);
        let numbers: Vec<_> = index
            .series("cin-rate", "A")
            .filter_map(|v| v.number)
            .collect();
        assert_eq!(numbers, [1.0, 2.0, 3.0]);
    }

    #[test]
    fn inserting_the_same_key_replaces_and_returns_the_old_value() {
        let mut index = ValueIndex::from_values([value("A", 2025, 3.0)]);
        let old = index.insert(value("A", 2025, 4.0)).unwrap();
        assert_eq!(old.number, Some(3.0));
        assert_eq!(index.len(), 1);
        let period = Period::year_to_31_march(2025).unwrap();
        assert_eq!(
            index.get("cin-rate", "A", period).unwrap().number,
            Some(4.0)
        );
    }

    #[test]
    fn periods_are_listed_once_across_areas() {
        let index = ValueIndex::from_values([
            value("A", 2025, 3.0),
            value("B", 2025, 1.0),
            value("B", 2024, 1.0),
        ]);
        assert_eq!(index.periods("cin-rate").len(), 2);
        assert_eq!(index.areas("cin-rate").count(), 2);
    }
}
