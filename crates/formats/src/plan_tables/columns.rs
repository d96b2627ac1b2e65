//! Columns recognised by meaning: the many ways boards head the same column ("Lead",
//! "Responsible officer", "Who will lead?") read as one field. A heading that means nothing
//! here is kept: its cells go on each action as a note labelled with the heading.

use serde::Serialize;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The action's number or reference ("No.", "Ref").
    Number,
    /// What will be done.
    Action,
    /// Who leads it.
    Lead,
    /// When: a date, a month, a period or "Ongoing".
    Timescale,
    /// A rating (RAG, BRAG) or a tick column ("Achieved", "On target").
    Status,
    /// Progress so far, in words.
    Progress,
    /// Where the action came from (a review, an Ofsted paragraph).
    Source,
    /// How success is known: outcome, measure, evidence, impact.
    Outcome,
    /// A theme, priority or objective repeated on each row.
    Group,
    /// Anything else: kept as a labelled note.
    Note,
}

/// Lower case, words only: "R/A/G" → "r a g", "Who will lead?" → "who will lead".
pub(crate) fn words(heading: &str) -> String {
    heading
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn has(words: &str, phrase: &str) -> bool {
    format!(" {words} ").contains(&format!(" {phrase} "))
}

fn any(words: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| has(words, p))
}

/// The field a heading names, and how strongly it says "action" (2 for "Action", "What will
/// we do?"; 1 for "How will we do it?", which some boards use for the action and others for
/// the aim above it). `None` for an empty heading.
pub fn recognise(heading: &str) -> Option<(Field, u8)> {
    let w = words(heading);
    if w.is_empty() {
        return None;
    }
    let n = w.split(' ').count();
    let exact = |list: &[&str]| list.contains(&w.as_str());
    let field = if exact(&[
        "no",
        "number",
        "num",
        "item",
        "item no",
        "action no",
        "action number",
        "ref no",
        "reference number",
        "id",
        "action id",
        "nos",
        "n",
    ]) {
        Field::Number
    } else if any(
        &w,
        &[
            "how will we know",
            "how will you know",
            "measure",
            "measures",
            "measured",
            "measurement",
            "success criteria",
            "success measure",
            "evidence",
            "impact",
            "outcome",
            "outcomes",
            "output",
            "outputs",
            "desired outcome",
            "expected outcome",
            "kpi",
            "performance indicator",
        ],
    ) {
        Field::Outcome
    } else if any(
        &w,
        &[
            "rag",
            "r a g",
            "brag",
            "b r a g",
            "status",
            "rating",
            "assessment of progress",
            "achieved",
            "on target",
            "on track",
            "complete",
            "completed",
            "traffic light",
        ],
    ) {
        Field::Status
    } else if any(
        &w,
        &[
            "progress",
            "update",
            "updates",
            "progress to date",
            "comments",
            "comment",
            "commentary",
            "current position",
            "position",
            "narrative",
            "notes on progress",
        ],
    ) {
        Field::Progress
    } else if any(
        &w,
        &[
            "timescale",
            "timescales",
            "time scale",
            "time scales",
            "timeframe",
            "time frame",
            "by when",
            "when",
            "date",
            "dates",
            "target date",
            "deadline",
            "due",
            "due date",
            "completion date",
            "end date",
            "target",
            "timing",
        ],
    ) {
        Field::Timescale
    } else if any(
        &w,
        &[
            "lead",
            "leads",
            "responsible",
            "responsibility",
            "who",
            "owner",
            "owners",
            "lead person",
            "responsible officer",
            "lead officer",
            "lead agency",
            "accountable",
            "by whom",
            "who will lead",
            "led by",
            "action by",
            "champion",
        ],
    ) {
        Field::Lead
    } else if action_strength(&w) > 0 {
        Field::Action
    } else if n <= 3
        && any(
            &w,
            &[
                "theme",
                "objective",
                "objectives",
                "priority",
                "priorities",
                "work stream",
                "workstream",
                "strand",
                "area",
                "strategic priority",
                "key priority",
            ],
        )
    {
        Field::Group
    } else if any(
        &w,
        &[
            "source",
            "sources",
            "ref",
            "reference",
            "references",
            "para",
            "paragraph",
            "ofsted para",
            "recommendation no",
            "origin",
            "from",
        ],
    ) {
        Field::Source
    } else {
        Field::Note
    };
    let strength = if field == Field::Action {
        action_strength(&w)
    } else {
        0
    };
    Some((field, strength))
}

fn action_strength(w: &str) -> u8 {
    if any(
        w,
        &[
            "action",
            "actions",
            "specific actions",
            "key actions",
            "what we will do",
            "what will we do",
            "what will it do",
            "what we are going to do",
            "what will be done",
            "recommendation",
            "recommendations",
            "task",
            "tasks",
            "activity",
            "activities",
            "description",
            "deliverable",
            "deliverables",
            "steps",
        ],
    ) {
        2
    } else if w.starts_with("how ") && (has(w, "do") || has(w, "achieve") || has(w, "deliver")) {
        1
    } else {
        0
    }
}

/// How each column of a heading row is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mapping {
    /// Where the heading row is: "table 2, row 1".
    pub place: String,
    pub columns: Vec<ColumnUse>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnUse {
    pub heading: String,
    pub field: Field,
    /// Why, when it is not just the heading's meaning (a second action-like column, a
    /// "Ref" column of numbers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub because: Option<String>,
}

impl Mapping {
    pub(crate) fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| c.field == field)
    }

    pub(crate) fn columns_of(&self, field: Field) -> impl Iterator<Item = usize> + '_ {
        self.columns
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.field == field)
            .map(|(i, _)| i)
    }
}

/// Read `cells` as a heading row: `Some` when at least two columns mean something and one
/// of them can hold actions. One column per field (statuses apart: "Achieved" and "On
/// target" are both tick columns); a later column of the same field, and the weaker of two
/// action-like columns, become notes.
pub fn heading_row(cells: &[String], place: String) -> Option<Mapping> {
    let seen: Vec<Option<(Field, u8)>> = cells.iter().map(|c| recognise(c)).collect();
    let known = seen
        .iter()
        .filter(|s| matches!(s, Some((f, _)) if *f != Field::Note))
        .count();
    let strongest = seen
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.filter(|(f, _)| *f == Field::Action).map(|(_, k)| (i, k)))
        .max_by_key(|(i, k)| (*k, std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let can_hold_actions =
        strongest.is_some() || seen.iter().flatten().any(|(f, _)| *f == Field::Outcome);
    if known < 2 || !can_hold_actions {
        return None;
    }
    let mut columns: Vec<ColumnUse> = Vec::with_capacity(cells.len());
    for (i, (cell, s)) in cells.iter().zip(&seen).enumerate() {
        let mut use_ = ColumnUse {
            heading: cell.replace('\n', " "),
            field: s.map_or(Field::Note, |(f, _)| f),
            because: None,
        };
        if use_.field == Field::Action && Some(i) != strongest {
            use_.field = Field::Note;
            use_.because = Some("another column names the actions more plainly".into());
        } else if use_.field != Field::Note
            && use_.field != Field::Status
            && columns.iter().any(|c| c.field == use_.field)
        {
            use_.because =
                Some(format!("an earlier column is already the {:?}", use_.field).to_lowercase());
            use_.field = Field::Note;
        }
        if s.is_none() {
            use_.field = Field::Note;
        }
        columns.push(use_);
    }
    // "Ref" holding the numbers (as in many plans) when nothing else is headed "No.".
    if !columns.iter().any(|c| c.field == Field::Number)
        && let Some(c) = columns.iter_mut().find(|c| {
            c.field == Field::Source
                && matches!(
                    words(&c.heading).as_str(),
                    "ref" | "ref no" | "reference" | "refs"
                )
        })
    {
        c.field = Field::Number;
        c.because =
            Some("no column is headed \"No.\", so the references are read as the numbers".into());
    }
    // Without an action column, the outcomes are the actions (the plan says what it will
    // achieve rather than what it will do).
    if strongest.is_none()
        && let Some(c) = columns.iter_mut().find(|c| c.field == Field::Outcome)
    {
        c.field = Field::Action;
        c.because = Some("no column names actions, so the outcomes are read as the actions".into());
    }
    Some(Mapping { place, columns })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(h: &str) -> Field {
        recognise(h).unwrap().0
    }

    #[test]
    fn headings_are_read_by_meaning() {
        for (h, f) in [
            ("ACTION", Field::Action),
            ("Specific Actions", Field::Action),
            ("What will it do?", Field::Action),
            ("Recommendation", Field::Action),
            ("Lead", Field::Lead),
            ("Responsible lead/ group", Field::Lead),
            ("Who will lead?", Field::Lead),
            ("Responsible Officer", Field::Lead),
            ("TIMESCALE", Field::Timescale),
            ("Timescale/Target", Field::Timescale),
            ("By when", Field::Timescale),
            ("Target date", Field::Timescale),
            ("RAG rating", Field::Status),
            ("R/A/G", Field::Status),
            ("Assessment of progress", Field::Status),
            ("Achieved", Field::Status),
            ("Progress to date", Field::Progress),
            ("PROGRESS", Field::Progress),
            ("Ofsted para", Field::Source),
            ("Output/Outcome measurement", Field::Outcome),
            (
                "How will we know we have achieved our goal?",
                Field::Outcome,
            ),
            ("What is desired outcome", Field::Outcome),
            ("No.", Field::Number),
            ("Theme", Field::Group),
            ("What do we want to achieve?", Field::Note),
            ("How are we going to do it?", Field::Action),
        ] {
            assert_eq!(field(h), f, "{h}");
        }
    }

    #[test]
    fn the_plainer_of_two_action_columns_holds_the_actions() {
        let cells: Vec<String> = ["How will the LSCB do this?", "What will it do?", "By when"]
            .map(String::from)
            .to_vec();
        let m = heading_row(&cells, "table 1, row 1".into()).unwrap();
        assert_eq!(m.columns[0].field, Field::Note);
        assert_eq!(m.columns[1].field, Field::Action);
    }

    #[test]
    fn a_row_of_values_is_not_a_heading_row() {
        let cells: Vec<String> = ["1.1", "Review the audit", "Chair", "March 2013"]
            .map(String::from)
            .to_vec();
        assert!(heading_row(&cells, String::new()).is_none());
    }
}
