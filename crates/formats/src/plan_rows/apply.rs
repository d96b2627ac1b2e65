//! The plan as a table, one row per action: the model the CSV and XLSX forms share.
//!
//! [`to_rows`] writes each action's *effective* sources, timescale and leads (its own, else its
//! objective's) so that a sheet reads as a business manager expects. [`apply_rows`] reads the
//! rows back into a new partnership and undoes that flattening: a value equal to its
//! objective's is inherited again, a value that differs becomes the action's own. The round trip
//! `to_rows → apply_rows → to_rows` is exact, and so is the partnership whenever no action
//! carried, as its own, a value equal to its objective's. See `docs/interchange.md`.

use std::collections::{HashMap, HashSet};

use domain::{Action, Date, Objective, Partnership, Period, Plan, Role, Timescale};

use crate::{FormatError, Place};

/// The columns of the sheet, in the order [`to_rows`] writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Objective,
    ObjectiveTitle,
    ActionId,
    Number,
    Action,
    Sources,
    Timescale,
    Due,
    Leads,
    References,
    DuplicateOf,
}

impl Column {
    /// Every column, in sheet order.
    pub const ALL: [Column; 11] = [
        Column::Objective,
        Column::ObjectiveTitle,
        Column::ActionId,
        Column::Number,
        Column::Action,
        Column::Sources,
        Column::Timescale,
        Column::Due,
        Column::Leads,
        Column::References,
        Column::DuplicateOf,
    ];

    /// The heading written in the sheet's first row.
    pub fn heading(self) -> &'static str {
        match self {
            Column::Objective => "Objective",
            Column::ObjectiveTitle => "Objective title",
            Column::ActionId => "Action id",
            Column::Number => "Number",
            Column::Action => "Action",
            Column::Sources => "Sources",
            Column::Timescale => "Timescale",
            Column::Due => "Due",
            Column::Leads => "Leads",
            Column::References => "References",
            Column::DuplicateOf => "Duplicate of",
        }
    }

    /// Whether a sheet without this column is refused. Without "Action id" the ids are made
    /// from the numbers; without "Due" the due dates are read from the timescales. Every other
    /// column holds something the plan would lose.
    pub fn is_required(self) -> bool {
        !matches!(self, Column::ActionId | Column::Due)
    }

    /// The column a heading names, ignoring case and surrounding spaces.
    pub fn from_heading(text: &str) -> Option<Column> {
        let text = text.trim();
        Column::ALL
            .into_iter()
            .find(|c| c.heading().eq_ignore_ascii_case(text))
    }
}

/// One row of the sheet: one action, or an objective that has no actions yet. Every cell is
/// the text the sheet shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanRow {
    /// The row's 1-based number in the sheet, the heading row being row 1. Errors name it.
    pub row: usize,
    pub objective: String,
    pub objective_title: String,
    pub action_id: String,
    pub number: String,
    pub action: String,
    /// Review codes joined by ", ".
    pub sources: String,
    /// The timescale's label.
    pub timescale: String,
    /// `YYYY-MM-DD`, or empty.
    pub due: String,
    /// Role titles joined by "; ".
    pub leads: String,
    /// Action ids joined by ", ".
    pub references: String,
    pub duplicate_of: String,
}

impl PlanRow {
    /// The text of one cell.
    pub fn cell(&self, column: Column) -> &str {
        match column {
            Column::Objective => &self.objective,
            Column::ObjectiveTitle => &self.objective_title,
            Column::ActionId => &self.action_id,
            Column::Number => &self.number,
            Column::Action => &self.action,
            Column::Sources => &self.sources,
            Column::Timescale => &self.timescale,
            Column::Due => &self.due,
            Column::Leads => &self.leads,
            Column::References => &self.references,
            Column::DuplicateOf => &self.duplicate_of,
        }
    }

    /// Set the text of one cell.
    pub fn set(&mut self, column: Column, text: String) {
        let cell = match column {
            Column::Objective => &mut self.objective,
            Column::ObjectiveTitle => &mut self.objective_title,
            Column::ActionId => &mut self.action_id,
            Column::Number => &mut self.number,
            Column::Action => &mut self.action,
            Column::Sources => &mut self.sources,
            Column::Timescale => &mut self.timescale,
            Column::Due => &mut self.due,
            Column::Leads => &mut self.leads,
            Column::References => &mut self.references,
            Column::DuplicateOf => &mut self.duplicate_of,
        };
        *cell = text;
    }

    /// True when every cell is empty or spaces: such rows are skipped.
    pub fn is_blank(&self) -> bool {
        Column::ALL.iter().all(|&c| self.cell(c).trim().is_empty())
    }

    /// True for the row of an objective with no actions: no action id, number, text,
    /// references or duplicate.
    fn is_objective_only(&self) -> bool {
        [
            Column::ActionId,
            Column::Number,
            Column::Action,
            Column::References,
            Column::DuplicateOf,
        ]
        .iter()
        .all(|&c| self.cell(c).trim().is_empty())
    }

    fn place(&self, column: Column) -> Place {
        Place::Row {
            row: self.row,
            column: Some(column.heading().to_string()),
        }
    }
}

/// The plan at `plan_index` as rows, in plan order, numbered from 2 (row 1 is the heading).
/// An objective with no actions gets one row with only its own cells filled. An index past
/// the last plan gives no rows.
pub fn to_rows(p: &Partnership, plan_index: usize) -> Vec<PlanRow> {
    let Some(plan) = p.plans.get(plan_index) else {
        return Vec::new();
    };
    let lead_titles = |ids: &[String]| {
        ids.iter()
            .map(|id| p.role(id).map_or(id.as_str(), |r| r.title.as_str()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut rows: Vec<PlanRow> = Vec::new();
    for o in &plan.objectives {
        let objective_row = |row: usize,
                             sources: &[String],
                             timescale: Option<&Timescale>,
                             leads: &[String]| PlanRow {
            row,
            objective: o.number.clone(),
            objective_title: o.title.clone(),
            sources: sources.join(", "),
            timescale: timescale.map(|t| t.label.clone()).unwrap_or_default(),
            due: timescale
                .and_then(|t| t.due)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            leads: lead_titles(leads),
            ..PlanRow::default()
        };
        if o.actions.is_empty() {
            rows.push(objective_row(
                rows.len() + 2,
                &o.sources,
                o.timescale.as_ref(),
                &o.leads,
            ));
        }
        for a in &o.actions {
            let row = PlanRow {
                action_id: a.id.clone(),
                number: a.number.clone(),
                action: a.text.clone(),
                references: a.references.join(", "),
                duplicate_of: a.duplicate_of.clone().unwrap_or_default(),
                ..objective_row(
                    rows.len() + 2,
                    o.sources_for(a),
                    o.timescale_for(a),
                    o.leads_for(a),
                )
            };
            rows.push(row);
        }
    }
    rows
}

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

/// A date cell: `YYYY-MM-DD`, or the UK `DD/MM/YYYY` that Excel writes when it saves a CSV.
/// An error gives the problem and the fix, with the nearest real date as an example.
pub(crate) fn read_date(text: &str) -> Result<Option<Date>, (String, String)> {
    if text.is_empty() {
        return Ok(None);
    }
    let parts = split3(text, '-')
        .filter(|(y, _, d)| y.len() == 4 && d.len() <= 2)
        .or_else(|| {
            split3(text, '/')
                .filter(|(d, _, y)| d.len() <= 2 && y.len() == 4)
                .map(|(d, m, y)| (y, m, d))
        })
        .and_then(|(y, m, d)| {
            Some((
                y.parse::<i16>().ok()?,
                m.parse::<i8>().ok()?,
                d.parse::<i8>().ok()?,
            ))
        });
    let Some((year, month, day)) = parts else {
        return Err((
            format!("\"{text}\" is not a date."),
            "Write dates as YYYY-MM-DD, e.g. 2010-03-31, or leave the cell empty.".into(),
        ));
    };
    if let Ok(date) = Date::new(year, month, day) {
        return Ok(Some(date));
    }
    let nearest = Date::new(year, month, 1).ok().map(|d| d.last_of_month());
    match nearest {
        Some(last) if day > last.day() => Err((
            format!(
                "\"{text}\" is not a date: {} {year} has no day {day}.",
                month_name(month)
            ),
            format!("Write dates as {last}."),
        )),
        _ => Err((
            format!("\"{text}\" is not a date."),
            "Write dates as YYYY-MM-DD, e.g. 2010-03-31, or leave the cell empty.".into(),
        )),
    }
}

/// Three runs of one or two (or four) digits separated by `sep`, e.g. "2010-02-28".
fn split3(text: &str, sep: char) -> Option<(&str, &str, &str)> {
    let mut parts = text.split(sep).map(str::trim);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.chars().all(|ch| ch.is_ascii_digit());
    (parts.next().is_none() && digits(a) && digits(b) && b.len() <= 2 && digits(c))
        .then_some((a, b, c))
}

fn month_name(month: i8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| NAMES.get(i))
        .copied()
        .unwrap_or("that month")
}

/// The non-empty, trimmed items of a cell split at any of `seps`.
fn split_list<'a>(cell: &'a str, seps: &'a [char]) -> impl Iterator<Item = &'a str> + 'a {
    cell.split(seps).map(str::trim).filter(|s| !s.is_empty())
}

/// Review codes from a "Sources" cell, spelt as the review spells them ("c&d" → "C&D"). "C&D PR"
/// is read as two codes when both are codes. A code no review has is kept for validation to
/// name.
fn read_codes(cell: &str, codes: &[&str]) -> Vec<String> {
    let known = |piece: &str| {
        codes
            .iter()
            .find(|c| c.eq_ignore_ascii_case(piece))
            .map(|c| c.to_string())
    };
    let mut out = Vec::new();
    for piece in split_list(cell, &[',', ';']) {
        if let Some(code) = known(piece) {
            out.push(code);
        } else if let Some(each) = piece
            .split_whitespace()
            .map(known)
            .collect::<Option<Vec<_>>>()
        {
            out.extend(each);
        } else {
            out.push(piece.to_string());
        }
    }
    out
}

/// The partnership's roles, growing as unknown lead titles are met.
struct Roles {
    roles: Vec<Role>,
}

impl Roles {
    /// The id of the role with this title, alias or id (ignoring case and repeated spaces);
    /// a new role when none has it.
    fn find_or_create(&mut self, title: &str) -> String {
        let key = normalise(title);
        let found = self
            .roles
            .iter()
            .find(|r| normalise(&r.title) == key)
            .or_else(|| {
                self.roles
                    .iter()
                    .find(|r| r.aliases.iter().any(|a| normalise(a) == key))
            })
            .or_else(|| self.roles.iter().find(|r| r.id == title));
        if let Some(role) = found {
            return role.id.clone();
        }
        let base = slug(title);
        let mut id = base.clone();
        let mut n = 2;
        while self.roles.iter().any(|r| r.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.roles.push(Role {
            id: id.clone(),
            title: title.split_whitespace().collect::<Vec<_>>().join(" "),
            aliases: Vec::new(),
            subgroup: None,
        });
        id
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// "Chair, Training sub-group" → `chair-training-sub-group`.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for ch in title.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            out.push(ch);
        } else if ch == '&' {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            out.push_str("and-");
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "role".to_string()
    } else {
        out
    }
}

/// Where each objective and action of the rebuilt plan came from in the sheet.
#[derive(Default)]
struct Places {
    objectives: Vec<usize>,
    actions: Vec<Vec<usize>>,
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

/// A validation problem as an error naming the row and column it came from.
fn problem_place(problem: &domain::Problem, plan_index: usize, places: &Places) -> FormatError {
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

/// Read a table of cells into rows: the heading row is the first row with a known heading
/// in it; columns are matched by heading, ignoring case; other columns are ignored; blank
/// rows are skipped. `text` turns a cell into its text, or says why it cannot.
pub(crate) fn read_table<T>(
    records: impl IntoIterator<Item = (usize, Vec<T>)>,
    text: impl Fn(&T) -> Result<String, String>,
) -> Result<Vec<PlanRow>, FormatError> {
    let cell_error = |row: usize, column: Option<&str>, problem: String| {
        FormatError::new(
            Place::Row {
                row,
                column: column.map(str::to_string),
            },
            problem,
            "Type the value into the cell again as plain text, or clear the cell.",
        )
    };
    let mut records = records.into_iter();
    let (heading_row, columns) = loop {
        let Some((row, cells)) = records.next() else {
            return Err(FormatError::new(
                Place::Document,
                format!(
                    "no row has the plan's column headings ({}).",
                    Column::ALL.map(Column::heading).join(", ")
                ),
                "Export a fresh sheet from Boardplan and edit that one.",
            ));
        };
        let mut columns = Vec::with_capacity(cells.len());
        for cell in &cells {
            let heading = text(cell).map_err(|e| cell_error(row, None, e))?;
            columns.push(Column::from_heading(&heading));
        }
        if columns.iter().any(Option::is_some) {
            break (row, columns);
        }
    };
    for (i, column) in columns.iter().enumerate() {
        if let Some(c) = column
            && columns[..i].contains(&Some(*c))
        {
            return Err(FormatError::new(
                Place::Row {
                    row: heading_row,
                    column: Some(c.heading().to_string()),
                },
                format!("the heading row has two \"{}\" columns.", c.heading()),
                "Delete or rename one of them.",
            ));
        }
    }
    if let Some(missing) = Column::ALL
        .into_iter()
        .find(|c| c.is_required() && !columns.contains(&Some(*c)))
    {
        return Err(FormatError::new(
            Place::Row {
                row: heading_row,
                column: Some(missing.heading().to_string()),
            },
            format!("the heading row has no \"{}\" column.", missing.heading()),
            "Add it back, or export a fresh sheet from Boardplan.",
        ));
    }

    let mut rows = Vec::new();
    for (row, cells) in records {
        let mut plan_row = PlanRow {
            row,
            ..PlanRow::default()
        };
        for (cell, column) in cells.iter().zip(&columns) {
            if let Some(column) = column {
                let value = text(cell).map_err(|e| cell_error(row, Some(column.heading()), e))?;
                plan_row.set(*column, value);
            }
        }
        if !plan_row.is_blank() {
            rows.push(plan_row);
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iso_date_and_a_uk_date_are_read() {
        let d: Date = "2010-02-28".parse().unwrap();
        assert_eq!(read_date("2010-02-28"), Ok(Some(d)));
        assert_eq!(read_date("28/02/2010"), Ok(Some(d)));
        assert_eq!(read_date(""), Ok(None));
    }

    #[test]
    fn an_impossible_date_suggests_the_last_day_of_its_month() {
        let (problem, fix) = read_date("31/02/2010").unwrap_err();
        assert_eq!(
            problem,
            "\"31/02/2010\" is not a date: February 2010 has no day 31."
        );
        assert_eq!(fix, "Write dates as 2010-02-28.");
        let (_, fix) = read_date("2009-09-31").unwrap_err();
        assert_eq!(fix, "Write dates as 2009-09-30.");
    }

    #[test]
    fn text_that_is_no_date_asks_for_iso_dates() {
        let (problem, fix) = read_date("next March").unwrap_err();
        assert_eq!(problem, "\"next March\" is not a date.");
        assert!(fix.contains("YYYY-MM-DD"));
        assert!(read_date("2010-13-01").is_err());
    }

    #[test]
    fn a_role_slug_is_lowercase_words_joined_by_hyphens() {
        assert_eq!(
            slug("Chair, Training sub-group"),
            "chair-training-sub-group"
        );
        assert_eq!(
            slug("Chair Policy & Procedure"),
            "chair-policy-and-procedure"
        );
        assert_eq!(slug("  !! "), "role");
    }

    #[test]
    fn headings_are_matched_ignoring_case_and_spaces() {
        assert_eq!(Column::from_heading(" action ID "), Some(Column::ActionId));
        assert_eq!(Column::from_heading("Progress"), None);
    }
}
