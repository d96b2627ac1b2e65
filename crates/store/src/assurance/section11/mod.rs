//! Section 11 self-assessment: a cycle a year with its standards template and rating scale
//! (`cycles`), each agency's return and the panel's moderation (`returns`, and one return read back: `one_return`),
//! a return line's evidence files (`evidence`) and improvement actions carried by plan
//! actions (`actions`), and the heat map of
//! agencies x standards with what is outstanding and the comparison with the previous cycle
//! (`map`). Who may see which return is `domain::assurance::section11::Section11View`'s rule,
//! applied by the callers; [`Section11Map::seen_by`] applies it to a map.
//!
//! Depends on the ground, `changelog`, `progress::write` and `governance`'s agencies.

mod actions;
mod cycles;
mod evidence;
mod map;
mod one_return;
mod returns;

pub use actions::S11Action;
pub use cycles::NewCycle;
pub use evidence::{S11File, S11FileDownload};
pub use one_return::{ReturnLine, S11Return};
pub use returns::S11Rating;

use domain::Date;
use domain::assurance::section11::{Change, Scale, Section11View, Stage, Standard};
use serde::Serialize;

/// A cycle and its standards, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cycle {
    pub year: i32,
    pub scale: Scale,
    pub stage: Stage,
    pub due_on: Option<Date>,
    pub standards: Vec<Standard>,
}

/// One cell of the heat map: an agency's rating of a standard (the panel's agreed rating once
/// moderated, else the agency's own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub agency: String,
    pub standard: String,
    pub rating: Option<String>,
    pub self_rating: Option<String>,
    pub agreed: Option<String>,
}

/// An agency whose return is not complete: how many standards it has rated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outstanding {
    pub agency: String,
    pub rated: usize,
    pub of: usize,
    /// Past the cycle's due date on the day asked about.
    pub overdue: bool,
}

/// A cell against the same agency's rating of the same standard (by number) last cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Compared {
    pub agency: String,
    pub standard: String,
    pub previous: Option<String>,
    pub current: Option<String>,
    pub change: Change,
}

/// A cycle's heat map: every agency of the board (in the board's order) by every standard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section11Map {
    pub cycle: Cycle,
    pub agencies: Vec<String>,
    /// Agency by agency, each in the standards' order: `agencies.len() x standards.len()`.
    pub cells: Vec<Cell>,
    /// The previous cycle's year, if there is one.
    pub previous_year: Option<i32>,
    pub compared: Vec<Compared>,
}

impl Section11Map {
    /// The cells of agency `agency`.
    pub fn row(&self, agency: &str) -> &[Cell] {
        let n = self.cycle.standards.len();
        self.agencies
            .iter()
            .position(|a| a == agency)
            .map_or(&[], |i| &self.cells[i * n..(i + 1) * n])
    }

    /// Returns not complete, overdue if the due date is before `today`.
    pub fn outstanding(&self, today: Date) -> Vec<Outstanding> {
        let of = self.cycle.standards.len();
        let overdue = self.cycle.due_on.is_some_and(|d| d < today);
        self.agencies
            .iter()
            .filter_map(|a| {
                let rated = self
                    .row(a)
                    .iter()
                    .filter(|c| c.self_rating.is_some())
                    .count();
                (rated < of).then(|| Outstanding {
                    agency: a.clone(),
                    rated,
                    of,
                    overdue,
                })
            })
            .collect()
    }

    /// For each standard, how many agencies gave each word of the scale: what someone who
    /// may see no agency's return sees.
    pub fn summary(&self) -> Vec<(Standard, Vec<(String, usize)>)> {
        let n = self.cycle.standards.len();
        self.cycle
            .standards
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let counts = self
                    .cycle
                    .scale
                    .words()
                    .iter()
                    .map(|w| {
                        let c = (0..self.agencies.len())
                            .filter(|a| self.cells[a * n + i].rating.as_deref() == Some(w))
                            .count();
                        (w.clone(), c)
                    })
                    .collect();
                (s.clone(), counts)
            })
            .collect()
    }

    /// The map as `view` may see it: the agencies whose returns it may not see, their rows
    /// and comparisons, are removed (take the [`summary`](Self::summary) of the whole map
    /// before, for those who see only that).
    pub fn seen_by(&self, view: &Section11View) -> Section11Map {
        let stage = self.cycle.stage;
        let mut m = self.clone();
        m.agencies.retain(|a| view.may_see(a, stage));
        m.cells.retain(|c| view.may_see(&c.agency, stage));
        m.compared.retain(|c| view.may_see(&c.agency, stage));
        m
    }
}
