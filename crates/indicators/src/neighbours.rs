//! Comparators: DfE's children's services statistical neighbours (the ten authorities most
//! like each one, `sn_model_2025_wide.csv`) and how an area's value stands against their mean,
//! against England, and in rank among them.
//!
//! The neighbours file names authorities by DfE's three-digit number (`old_la_code`); an
//! [`AreaDirectory`] built from the imported files turns a number into the authority's code at
//! the period asked about. The 2025 model names today's authorities, so for earlier years a
//! neighbour created since (Cumberland, say) simply has no value: the mean is of the neighbours
//! that have one, and the result says how many that was.

use std::collections::HashMap;

use serde::Serialize;

use crate::area::{AreaDirectory, ENGLAND};
use crate::catalogue::{Indicator, Polarity};
use crate::code::AreaCode;
use crate::import::{ImportError, ImportErrors, ProblemKind, Problems, csv_problem, without_bom};
use crate::index::ValueIndex;
use crate::period::Period;

/// One statistical neighbour of an authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Neighbour {
    /// DfE's number for the neighbour.
    pub la_number: String,
    /// 1 is the closest.
    pub rank: u8,
    /// DfE's label: "Extremely close", "Very close", "Close", "Somewhat close", "Not close".
    pub closeness: String,
}

/// Each authority's ten nearest statistical neighbours, by DfE number.
#[derive(Debug, Clone, Default)]
pub struct StatNeighbours {
    by_number: HashMap<String, Vec<Neighbour>>,
    names: HashMap<String, String>,
}

impl StatNeighbours {
    /// Reads DfE's wide neighbours file (`old_la_code, la_name, …, SN_1, SN_1P, … SN_10,
    /// SN_10P`), with or without a byte-order mark.
    pub fn from_csv(file: &str, bytes: &[u8]) -> Result<Self, ImportErrors> {
        let mut reader = csv::ReaderBuilder::new().from_reader(without_bom(bytes));
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| ImportErrors::one(csv_problem(file, &e)))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        let position = |name: &str| header.iter().position(|h| h == name);
        let missing = |name: &str| {
            ImportError::new(
                file,
                ProblemKind::MissingColumn,
                format!("There is no `{name}` column."),
                "Import DfE's statistical neighbours file (sn_model wide layout) as published.",
            )
            .at_line(1)
        };
        let number_column =
            position("old_la_code").ok_or_else(|| ImportErrors::one(missing("old_la_code")))?;
        let name_column = position("la_name");
        let mut neighbour_columns = Vec::new();
        for rank in 1..=10u8 {
            let column = position(&format!("SN_{rank}"))
                .ok_or_else(|| ImportErrors::one(missing(&format!("SN_{rank}"))))?;
            neighbour_columns.push((rank, column, position(&format!("SN_{rank}P"))));
        }

        let mut problems = Problems::default();
        let mut neighbours = Self::default();
        for record in reader.records() {
            let record = match record {
                Ok(record) => record,
                Err(error) => {
                    problems.push(csv_problem(file, &error));
                    continue;
                }
            };
            let line = record.position().map_or(0, csv::Position::line);
            let cell = |i: usize| record.get(i).unwrap_or_default().trim();
            let number = cell(number_column);
            if !is_la_number(number) {
                problems.push(
                    ImportError::new(
                        file,
                        ProblemKind::BadArea,
                        format!("`{number}` is not a DfE local authority number."),
                        "Each row starts with the authority's three-digit DfE number.",
                    )
                    .at_line(line)
                    .at_column(number_column, "old_la_code"),
                );
                continue;
            }
            let mut list = Vec::with_capacity(10);
            for &(rank, column, closeness) in &neighbour_columns {
                let neighbour = cell(column);
                if neighbour.is_empty() {
                    continue;
                }
                if !is_la_number(neighbour) {
                    problems.push(
                        ImportError::new(
                            file,
                            ProblemKind::BadArea,
                            format!("`{neighbour}` is not a DfE local authority number."),
                            "Neighbour columns hold the three-digit DfE number of each neighbour.",
                        )
                        .at_line(line)
                        .at_column(column, &header[column]),
                    );
                    continue;
                }
                list.push(Neighbour {
                    la_number: neighbour.to_owned(),
                    rank,
                    closeness: closeness.map(cell).unwrap_or_default().to_owned(),
                });
            }
            if let Some(name_column) = name_column {
                neighbours
                    .names
                    .insert(number.to_owned(), cell(name_column).to_owned());
            }
            neighbours.by_number.insert(number.to_owned(), list);
        }
        problems.into_result(neighbours)
    }

    /// A model from lists already read (as the store keeps them): each authority's DfE number,
    /// its name where known, and its neighbours (put closest first here).
    pub fn from_lists(
        lists: impl IntoIterator<Item = (String, Option<String>, Vec<Neighbour>)>,
    ) -> Self {
        let mut model = Self::default();
        for (number, name, mut list) in lists {
            list.sort_by_key(|n| n.rank);
            if let Some(name) = name {
                model.names.insert(number.clone(), name);
            }
            model.by_number.insert(number, list);
        }
        model
    }

    /// Every authority in the model: its DfE number, name (if the file gave one) and
    /// neighbours closest first, ordered by number.
    pub fn lists(&self) -> Vec<(&str, Option<&str>, &[Neighbour])> {
        let mut lists: Vec<_> = self
            .by_number
            .iter()
            .map(|(number, list)| (number.as_str(), self.name(number), list.as_slice()))
            .collect();
        lists.sort_by_key(|(number, _, _)| *number);
        lists
    }

    /// The neighbours of the authority with DfE number `la_number`, closest first.
    pub fn of(&self, la_number: &str) -> &[Neighbour] {
        self.by_number.get(la_number).map_or(&[], Vec::as_slice)
    }

    /// How many authorities the file lists.
    pub fn len(&self) -> usize {
        self.by_number.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_number.is_empty()
    }

    /// The name the file gives an authority.
    pub fn name(&self, la_number: &str) -> Option<&str> {
        self.names.get(la_number).map(String::as_str)
    }
}

fn is_la_number(text: &str) -> bool {
    text.len() == 3 && text.bytes().all(|b| b.is_ascii_digit())
}

/// An area's position among its neighbours: 1 is the best (for a measure with no better
/// direction, 1 is the highest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rank {
    pub position: usize,
    /// The area plus the neighbours that had a value.
    pub out_of: usize,
}

/// One neighbour's value in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeighbourValue {
    pub area_code: Option<AreaCode>,
    pub la_number: String,
    pub value: Option<f64>,
}

/// How an area's value compares, for one indicator and period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparators {
    pub area_value: Option<f64>,
    /// Mean of the neighbours that have a number for the period.
    pub neighbours_mean: Option<f64>,
    /// How many neighbours the mean is of.
    pub neighbours_with_values: usize,
    /// How many neighbours the model gives the area (10, unless the area is not in it).
    pub neighbours_total: usize,
    pub neighbours: Vec<NeighbourValue>,
    pub england: Option<f64>,
    /// `None` when the area has no value.
    pub rank: Option<Rank>,
}

/// Compares `area`'s value of `indicator` at `period` with its statistical neighbours and
/// England.
pub fn comparators(
    index: &ValueIndex,
    neighbours: &StatNeighbours,
    directory: &AreaDirectory,
    area: &AreaCode,
    indicator: &Indicator,
    period: Period,
) -> Comparators {
    let number = |code: &AreaCode| {
        crate::series::authority_value(index, indicator.code.as_str(), code.as_str(), period)
            .and_then(|v| v.number)
    };
    let area_value = number(area);
    let listed = directory
        .get(area.as_str())
        .and_then(|a| a.la_number.as_deref())
        .map_or(&[][..], |n| neighbours.of(n));
    let values: Vec<NeighbourValue> = listed
        .iter()
        .map(|neighbour| {
            let code = directory
                .by_la_number(&neighbour.la_number, period)
                .map(|a| a.code.clone());
            NeighbourValue {
                value: code.as_ref().and_then(number),
                area_code: code,
                la_number: neighbour.la_number.clone(),
            }
        })
        .collect();
    let present: Vec<f64> = values.iter().filter_map(|v| v.value).collect();
    let neighbours_mean =
        (!present.is_empty()).then(|| present.iter().sum::<f64>() / present.len() as f64);
    let england = AreaCode::new(ENGLAND).ok().as_ref().and_then(number);
    let rank = area_value.map(|own| rank_among(own, &present, indicator.polarity));
    Comparators {
        area_value,
        neighbours_mean,
        neighbours_with_values: present.len(),
        neighbours_total: values.len(),
        neighbours: values,
        england,
        rank,
    }
}

/// Standard competition ranking (1, 2, 2, 4) of `own` among `own` and `others`.
fn rank_among(own: f64, others: &[f64], polarity: Polarity) -> Rank {
    // How good a value is: bigger is better.
    let goodness = |v: f64| match polarity {
        Polarity::HigherIsBetter | Polarity::Neutral => v,
        Polarity::LowerIsBetter => -v,
        Polarity::Banded { low, high } => -((low - v).max(v - high).max(0.0)),
    };
    let better = others
        .iter()
        .filter(|&&v| goodness(v) > goodness(own))
        .count();
    Rank {
        position: better + 1,
        out_of: others.len() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIDE: &str = "\u{feff}old_la_code,la_name,region_ind,region_name,SN_1,SN_1P,SN_2,SN_2P,SN_3,SN_3P,SN_4,SN_4P,SN_5,SN_5P,SN_6,SN_6P,SN_7,SN_7P,SN_8,SN_8P,SN_9,SN_9P,SN_10,SN_10P\n\
        314,Kingston upon Thames,3,London,310,Very close,317,Close ,320,Close,318,Close,315,Close,867,Close,306,Close,312,Close,319,Close,870,Close\n";

    #[test]
    fn the_wide_file_reads_ten_neighbours_in_order_despite_its_byte_order_mark() {
        let neighbours = StatNeighbours::from_csv("sn.csv", WIDE.as_bytes()).unwrap();
        let list = neighbours.of("314");
        assert_eq!(list.len(), 10);
        assert_eq!(list[0].la_number, "310");
        assert_eq!(
            list[1].closeness, "Close",
            "DfE's trailing space is trimmed"
        );
        assert_eq!(neighbours.name("314"), Some("Kingston upon Thames"));
        assert!(neighbours.of("999").is_empty());
    }

    #[test]
    fn a_model_rebuilt_from_its_lists_answers_the_same() {
        let read = StatNeighbours::from_csv("sn.csv", WIDE.as_bytes()).unwrap();
        let rebuilt =
            StatNeighbours::from_lists(read.lists().into_iter().map(|(number, name, list)| {
                let mut list = list.to_vec();
                list.reverse();
                (number.to_owned(), name.map(str::to_owned), list)
            }));
        assert_eq!(rebuilt.of("314"), read.of("314"));
        assert_eq!(rebuilt.name("314"), Some("Kingston upon Thames"));
    }

    #[test]
    fn ranks_respect_polarity_and_share_ties() {
        let others = [10.0, 20.0, 20.0, 30.0];
        assert_eq!(
            rank_among(20.0, &others, Polarity::LowerIsBetter),
            Rank {
                position: 2,
                out_of: 5
            }
        );
        assert_eq!(
            rank_among(20.0, &others, Polarity::HigherIsBetter),
            Rank {
                position: 2,
                out_of: 5
            }
        );
        assert_eq!(
            rank_among(35.0, &others, Polarity::HigherIsBetter).position,
            1
        );
        let band = Polarity::Banded {
            low: 12.0,
            high: 25.0,
        };
        assert_eq!(
            rank_among(20.0, &others, band).position,
            1,
            "inside the band ties for best"
        );
        assert_eq!(
            rank_among(30.0, &others, band).position,
            4,
            "a tie with the other 30"
        );
    }

    #[test]
    fn a_malformed_neighbour_number_is_an_error_at_its_cell() {
        let bad = WIDE.replace(",310,", ",31O,");
        let errors = StatNeighbours::from_csv("sn.csv", bad.as_bytes()).unwrap_err();
        let error = errors.first().unwrap();
        assert_eq!(error.line, Some(2));
        assert_eq!(error.column.as_ref().unwrap().name, "SN_1");
    }
}
