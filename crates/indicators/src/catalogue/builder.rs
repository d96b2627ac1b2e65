//! A small builder so that the built-in definitions read as a list of facts, one indicator per
//! paragraph, rather than as struct literals.

use super::{
    Alias, Dataset, Derivation, DfeColumn, Indicator, IndicatorCode, PeriodType, Polarity,
    RowFilter, Scope, Unit,
};

/// A built-in code. The codes are literals in this crate, checked by the catalogue's tests.
pub(super) fn code(text: &str) -> IndicatorCode {
    IndicatorCode::new(text).expect("built-in indicator codes are valid")
}

fn codes(texts: &[&str]) -> Vec<IndicatorCode> {
    texts.iter().map(|t| code(t)).collect()
}

pub(super) struct Def(Indicator);

impl Def {
    pub(super) fn new(code_text: &str, title: &str, unit: Unit, period_type: PeriodType) -> Self {
        let decimals = match unit {
            Unit::Percent | Unit::RatePer10k | Unit::Fte | Unit::Ratio => 1,
            Unit::Count | Unit::Days => 0,
        };
        Def(Indicator {
            code: code(code_text),
            title: title.to_owned(),
            definition: String::new(),
            unit,
            decimals,
            polarity: Polarity::Neutral,
            period_type,
            source: String::new(),
            scope: Scope::National,
            superseded_by: None,
            evidences: vec!["2.1".to_owned(), "2.2".to_owned()],
            dfe: None,
            derivation: None,
            aliases: Vec::new(),
        })
    }

    pub(super) fn means(mut self, definition: &str) -> Self {
        self.0.definition = definition.to_owned();
        self
    }

    pub(super) fn decimals(mut self, decimals: u8) -> Self {
        self.0.decimals = decimals;
        self
    }

    pub(super) fn polarity(mut self, polarity: Polarity) -> Self {
        self.0.polarity = polarity;
        self
    }

    pub(super) fn source(mut self, source: &str) -> Self {
        self.0.source = source.to_owned();
        self
    }

    /// Read from `column` of `dataset`; the source is the dataset's title.
    pub(super) fn column(mut self, dataset: Dataset, column: &str) -> Self {
        self.0.source = dataset.title().to_owned();
        self.0.dfe = Some(DfeColumn {
            dataset,
            column: column.to_owned(),
            filter: None,
        });
        self
    }

    /// Only rows whose `column` holds `value` (for files long in a dimension).
    pub(super) fn rows_where(mut self, column: &str, value: &str) -> Self {
        if let Some(dfe) = &mut self.0.dfe {
            dfe.filter = Some(RowFilter {
                column: column.to_owned(),
                value: value.to_owned(),
            });
        }
        self
    }

    pub(super) fn percent_of(mut self, numerator: &[&str], denominator: &[&str]) -> Self {
        self.0.derivation = Some(Derivation::Percent {
            numerator: codes(numerator),
            denominator: codes(denominator),
        });
        self
    }

    pub(super) fn ratio_of(mut self, numerator: &[&str], denominator: &[&str]) -> Self {
        self.0.derivation = Some(Derivation::Ratio {
            numerator: codes(numerator),
            denominator: codes(denominator),
        });
        self
    }

    /// A rate per 10,000 children from a count and the ONS child population.
    pub(super) fn per_10k_children(mut self, count: &str) -> Self {
        self.0.derivation = Some(Derivation::RatePer10k {
            count: code(count),
            population: code(super::dfe::POPULATION),
        });
        if self.0.source.is_empty() {
            self.0.source = format!(
                "Calculated by Boardplan from `{count}` and the ONS child population (DfE's method)"
            );
        }
        self
    }

    pub(super) fn also_evidences(mut self, numbers: &[&str]) -> Self {
        self.0
            .evidences
            .extend(numbers.iter().map(|n| (*n).to_owned()));
        self
    }

    pub(super) fn superseded_by(mut self, successor: &str) -> Self {
        self.0.superseded_by = Some(code(successor));
        self
    }

    pub(super) fn alias(mut self, indicator: &str, measure: Option<&str>) -> Self {
        self.0.aliases.push(Alias {
            indicator: indicator.to_owned(),
            measure: measure.map(str::to_owned),
        });
        self
    }

    pub(super) fn build(self) -> Indicator {
        self.0
    }
}
