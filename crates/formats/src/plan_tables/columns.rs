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

/// Whether `phrase` is whole words of `words` (as `" {words} "` containing `" {phrase} "`),
/// without making either string: every cell of a table is tried against the headings.
fn has(words: &str, phrase: &str) -> bool {
    let bytes = words.as_bytes();
    words.match_indices(phrase).any(|(at, _)| {
        let end = at + phrase.len();
        (at == 0 || bytes[at - 1] == b' ') && (end == bytes.len() || bytes[end] == b' ')
    })
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
}
