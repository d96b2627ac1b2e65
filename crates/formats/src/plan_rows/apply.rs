//! Reading the rows back into the plan: [`apply_rows`] checks each row, reads its cells, and
//! rebuilds the objectives, undoing the flattening [`to_rows`](super::to_rows) did.

use std::collections::{HashMap, HashSet};

use domain::{Action, Objective, Partnership, Period, Plan, Timescale};

use super::cells::{read_codes, read_date, split_list};
use super::problems::{Places, problem_place};
use super::roles::Roles;
use super::{Column, PlanRow};
use crate::{FormatError, Place};

/// A new partnership whose plan at `plan_index` is rebuilt from `rows`; everything else is
/// kept. Leads are matched to roles by title, alias or id, ignoring case; a lead no role has
/// becomes a new role. Blank rows are skipped. The result passes [`domain::validate`], or an
/// error names the row and column to correct.
pub fn apply_rows(
    p: &Partnership,
    plan_index: usize,
    rows: Vec<PlanRow>,
) -> Result<Partnership, FormatError> {
    let old_plan = p.plans.get(plan_index).ok_or_else(|| {
        FormatError::new(
            Place::Document,
            format!(
                "the partnership has no plan number {} (it has {}).",
                plan_index + 1,
                p.plans.len()
            ),
            "Choose one of the partnership's plans to import the sheet into.",
        )
    })?;
    let rows: Vec<PlanRow> = rows.into_iter().filter(|r| !r.is_blank()).collect();
    if rows.is_empty() {
        return Err(FormatError::new(
            Place::Document,
            "the sheet has a heading row but no actions under it.",
            "Export the plan again from Boardplan and edit that sheet; to remove a plan, do it in Boardplan.",
        ));
    }
    for row in &rows {
        check_numbers(row)?;
    }
    let ids = assign_ids(&rows)?;
    let known_ids: HashSet<&str> = ids.iter().flatten().map(String::as_str).collect();

    let codes: Vec<&str> = p.reviews.iter().map(|r| r.code.as_str()).collect();
    let mut roles = Roles {
        roles: p.roles.clone(),
    };
    let cx = RowContext {
        plan: old_plan,
        codes: &codes,
        known_ids: &known_ids,
    };
    let mut read = Vec::with_capacity(rows.len());
    for (row, id) in rows.iter().zip(&ids) {
        read.push(read_row(row, id.as_deref(), &cx, &mut roles)?);
    }

    let (objectives, places) = build_objectives(old_plan, &read);
    let mut out = p.clone();
    out.roles = roles.roles;
    out.plans[plan_index] = Plan {
        objectives,
        ..old_plan.clone()
    };

    if let Some(problem) = domain::validate(&out).into_iter().next() {
        return Err(problem_place(&problem, plan_index, &places));
    }
    Ok(out)
}

/// What one row says once its cells are read.
struct ReadRow<'r> {
    source: &'r PlanRow,
    objective: String,
    action: Option<ActionCells>,
    sources: Vec<String>,
    timescale: Option<Timescale>,
    leads: Vec<String>,
}

struct ActionCells {
    id: String,
    number: String,
    references: Vec<String>,
    duplicate_of: Option<String>,
}

struct RowContext<'a> {
    plan: &'a Plan,
    codes: &'a [&'a str],
    known_ids: &'a HashSet<&'a str>,
}

fn check_numbers(row: &PlanRow) -> Result<(), FormatError> {
    if row.objective.trim().is_empty() {
        return Err(FormatError::new(
            row.place(Column::Objective),
            "the row has no objective number.",
            "Write the number of the objective the action belongs to, e.g. 4.",
        ));
    }
    if !row.is_objective_only() && row.number.trim().is_empty() {
        return Err(FormatError::new(
            row.place(Column::Number),
            "the action has no number.",
            "Write the action's number as the plan has it, e.g. 4.2.",
        ));
    }
    Ok(())
}

/// Each action row's id: the one in its "Action id" cell, else its number (with `#2`, `#3`…
/// when the number is taken). `None` for an objective-only row.
fn assign_ids(rows: &[PlanRow]) -> Result<Vec<Option<String>>, FormatError> {
    let mut taken: HashMap<&str, usize> = HashMap::new();
    for row in rows {
        let id = row.action_id.trim();
        if id.is_empty() {
            continue;
        }
        if let Some(first) = taken.insert(id, row.row) {
            return Err(FormatError::new(
                row.place(Column::ActionId),
                format!("the action id \"{id}\" is already used on row {first}."),
                format!(
                    "Give this action its own id (e.g. \"{}#2\"), or clear the cell and Boardplan will give it one.",
                    row.number.trim()
                ),
            ));
        }
    }
    let mut made: HashSet<String> = HashSet::new();
    let mut ids = Vec::with_capacity(rows.len());
    for row in rows {
        let id = row.action_id.trim();
        if row.is_objective_only() {
            ids.push(None);
        } else if !id.is_empty() {
            ids.push(Some(id.to_string()));
        } else {
            let number = row.number.trim();
            let mut candidate = number.to_string();
            let mut n = 2;
            while taken.contains_key(candidate.as_str()) || made.contains(&candidate) {
                candidate = format!("{number}#{n}");
                n += 1;
            }
            made.insert(candidate.clone());
            ids.push(Some(candidate));
        }
    }
    Ok(ids)
}

fn read_row<'r>(
    row: &'r PlanRow,
    id: Option<&str>,
    cx: &RowContext<'_>,
    roles: &mut Roles,
) -> Result<ReadRow<'r>, FormatError> {
    let objective = row.objective.trim().to_string();
    let old_objective = cx.plan.objectives.iter().find(|o| o.number == objective);
    // What the row showed when it was exported: the old action's effective timescale, or for
    // a new row what it would have inherited.
    let before = match id.and_then(|id| cx.plan.action(id)) {
        Some((o, a)) => Some(o.timescale_for(a)),
        None => old_objective.map(|o| o.timescale.as_ref()),
    };
    let timescale = read_timescale(row, before, cx.plan.period)?;
    let sources = read_codes(&row.sources, cx.codes);
    let leads = split_list(&row.leads, &[';'])
        .map(|title| roles.find_or_create(title))
        .collect();

    let action = match id {
        None => None,
        Some(id) => {
            let mut references = Vec::new();
            for target in split_list(&row.references, &[',', ';']) {
                if !cx.known_ids.contains(target) {
                    return Err(FormatError::new(
                        row.place(Column::References),
                        format!("\"{target}\" is not the id of any action in the sheet."),
                        "Use an id from the \"Action id\" column, or remove it.",
                    ));
                }
                references.push(target.to_string());
            }
            let duplicate_of = match row.duplicate_of.trim() {
                "" => None,
                target if cx.known_ids.contains(target) => Some(target.to_string()),
                target => {
                    return Err(FormatError::new(
                        row.place(Column::DuplicateOf),
                        format!("\"{target}\" is not the id of any action in the sheet."),
                        "Use the id of the earlier action this one repeats, or clear the cell.",
                    ));
                }
            };
            Some(ActionCells {
                id: id.to_string(),
                number: row.number.trim().to_string(),
                references,
                duplicate_of,
            })
        }
    };
    Ok(ReadRow {
        source: row,
        objective,
        action,
        sources,
        timescale,
        leads,
    })
}

/// The row's timescale from its "Timescale" and "Due" cells. `before` is the timescale the
/// row had when it was exported (`None` for a row that is new to an objective that is new).
///
/// An unchanged label keeps everything Boardplan had read from it; a changed label is read
/// afresh against the plan's period. A Due that differs from the one exported overrides the
/// due date and keeps the label; an empty Due is whatever the label gives.
fn read_timescale(
    row: &PlanRow,
    before: Option<Option<&Timescale>>,
    plan_period: Period,
) -> Result<Option<Timescale>, FormatError> {
    let due = read_date(row.due.trim())
        .map_err(|(problem, fix)| FormatError::new(row.place(Column::Due), problem, fix))?;
    let label = row.timescale.trim();
    if label.is_empty() {
        return Ok(due.map(|d| Timescale {
            due: Some(d),
            ..Timescale::unread(&d.to_string())
        }));
    }
    let old = before.flatten();
    let reading = match old {
        Some(t) if t.label == label => t.clone(),
        _ => Timescale::parse(label, Some(plan_period)),
    };
    let exported_due = match before {
        Some(t) => t.and_then(|t| t.due),
        None => reading.due,
    };
    Ok(Some(match due {
        Some(d) if Some(d) != exported_due => Timescale {
            due: Some(d),
            inferred: false,
            ..reading
        },
        _ => reading,
    }))
}

/// Group the rows by objective (in the order objectives first appear) and undo the
/// flattening: an objective keeps its current value where any of its rows still shows it,
/// else takes its first row's; an action keeps as its own only a value that differs.
fn build_objectives(old_plan: &Plan, read: &[ReadRow<'_>]) -> (Vec<Objective>, Places) {
    let mut order: Vec<&str> = Vec::new();
    let mut members: HashMap<&str, Vec<&ReadRow<'_>>> = HashMap::new();
    for r in read {
        let group = members.entry(r.objective.as_str()).or_default();
        if group.is_empty() {
            order.push(r.objective.as_str());
        }
        group.push(r);
    }

    let old_actions: HashMap<&str, &Action> = old_plan
        .actions()
        .map(|(_, a)| (a.id.as_str(), a))
        .collect();
    let mut objectives = Vec::with_capacity(order.len());
    let mut places = Places::default();
    for number in order {
        let group = members.get(number).map(Vec::as_slice).unwrap_or_default();
        let Some(first) = group.first() else { continue };
        let old = old_plan.objectives.iter().find(|o| o.number == number);
        let title = match old {
            Some(o) => group
                .iter()
                .map(|r| &r.source.objective_title)
                .find(|t| **t != o.title)
                .unwrap_or(&o.title)
                .clone(),
            None => first.source.objective_title.clone(),
        };
        let sources = keep_or_first(old.map(|o| &o.sources), group.iter().map(|r| &r.sources));
        let leads = keep_or_first(old.map(|o| &o.leads), group.iter().map(|r| &r.leads));
        let timescale = keep_or_first(
            old.map(|o| &o.timescale),
            group.iter().map(|r| &r.timescale),
        );

        let mut actions = Vec::new();
        let mut rows = Vec::new();
        for r in group {
            let Some(cells) = &r.action else { continue };
            let phrases = old_actions
                .get(cells.id.as_str())
                .map(|a| {
                    a.reference_phrases
                        .iter()
                        .filter(|phrase| r.source.action.contains(phrase.as_str()))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            actions.push(Action {
                id: cells.id.clone(),
                number: cells.number.clone(),
                text: r.source.action.clone(),
                sources: own(&r.sources, &sources),
                timescale: if r.timescale == timescale {
                    None
                } else {
                    r.timescale.clone()
                },
                leads: own(&r.leads, &leads),
                references: cells.references.clone(),
                reference_phrases: phrases,
                duplicate_of: cells.duplicate_of.clone(),
            });
            rows.push(r.source.row);
        }
        places.objectives.push(first.source.row);
        places.actions.push(rows);
        objectives.push(Objective {
            number: number.to_string(),
            title,
            sources,
            timescale,
            leads,
            actions,
        });
    }
    (objectives, places)
}

/// `current` if any row still shows it, else the first row's value.
fn keep_or_first<'a, T: PartialEq + Clone + Default + 'a>(
    current: Option<&T>,
    mut values: impl Iterator<Item = &'a T> + Clone,
) -> T {
    match current {
        Some(c) if values.clone().any(|v| v == c) => c.clone(),
        _ => values.next().cloned().unwrap_or_default(),
    }
}

/// An action's own list: empty (inherit) when it equals the objective's.
fn own(effective: &[String], objective: &[String]) -> Vec<String> {
    if effective == objective {
        Vec::new()
    } else {
        effective.to_vec()
    }
}
