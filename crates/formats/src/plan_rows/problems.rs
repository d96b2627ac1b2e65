//! A validation problem in the rebuilt plan, pointed back at the row and column of the sheet
//! it came from, so that the person knows which cell to correct.

use super::Column;
use crate::{FormatError, Place};

/// Where each objective and action of the rebuilt plan came from in the sheet.
#[derive(Default)]
pub(super) struct Places {
    pub(super) objectives: Vec<usize>,
    pub(super) actions: Vec<Vec<usize>>,
}

/// A validation problem as an error naming the row and column it came from.
pub(super) fn problem_place(
    problem: &domain::Problem,
    plan_index: usize,
    places: &Places,
) -> FormatError {
    let message = problem.message.clone();
    let fix = "Correct the sheet and import it again.";
    let prefix = format!("plans[{plan_index}].objectives[");
    let Some(rest) = problem.path.strip_prefix(&prefix) else {
        return FormatError::new(
            Place::Field(problem.path.clone()),
            message,
            "The sheet no longer has what this names: put the row back, or change this in Boardplan first.",
        );
    };
    let Some((objective, rest)) = index_then_rest(rest) else {
        return FormatError::new(Place::Field(problem.path.clone()), message, fix);
    };
    let (row, field, is_action) = match rest.strip_prefix(".actions[").and_then(index_then_rest) {
        Some((action, field)) => (
            places
                .actions
                .get(objective)
                .and_then(|rows| rows.get(action))
                .copied(),
            field,
            true,
        ),
        None => (places.objectives.get(objective).copied(), rest, false),
    };
    let column = match field.trim_start_matches('.') {
        f if f.starts_with("timescale.due") => Column::Due,
        f if f.starts_with("timescale") => Column::Timescale,
        f if f.starts_with("sources") => Column::Sources,
        f if f.starts_with("leads") => Column::Leads,
        f if f.starts_with("references") => Column::References,
        f if f.starts_with("duplicate_of") => Column::DuplicateOf,
        f if f.starts_with("id") => Column::ActionId,
        f if f.starts_with("number") && is_action => Column::Number,
        f if f.starts_with("title") => Column::ObjectiveTitle,
        _ if is_action => Column::Action,
        _ => Column::Objective,
    };
    match row {
        Some(row) => FormatError::new(
            Place::Row {
                row,
                column: Some(column.heading().to_string()),
            },
            message,
            fix,
        ),
        None => FormatError::new(Place::Field(problem.path.clone()), message, fix),
    }
}

/// "3].actions[1]" → (3, ".actions[1]").
fn index_then_rest(s: &str) -> Option<(usize, &str)> {
    let (index, rest) = s.split_once(']')?;
    Some((index.parse().ok()?, rest))
}
