//! The plan table: its heading row, and its rows gathered into objectives.
//!
//! Columns are found by their heading words, so any order works and unknown columns
//! ("Progress", "RAG") are ignored. A row broken by a page break goes on in a later line that
//! starts with empty cells or a stray word of the first column; such a line is joined back
//! onto the row it continues, cell by cell.

use domain::{ImportReport, Inferred, Warning, WarningKind};

use super::lines::{self, Cell, Line, Para};
use super::numbering;
use super::roles;
use crate::{FormatError, Place};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Objective,
    Source,
    Timescale,
    Actions,
    Lead,
    Ignored,
}

/// The table's heading row: what each cell position holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub line: usize,
    pub columns: Vec<Column>,
}

impl Header {
    fn kind(&self, i: usize) -> Column {
        self.columns.get(i).copied().unwrap_or(Column::Ignored)
    }

    fn has(&self, c: Column) -> bool {
        self.columns.contains(&c)
    }
}

/// What a column heading says the column holds.
fn classify(heading: &str) -> Column {
    let lower = heading
        .to_lowercase()
        .replace(['-', '/', '?', ':', '(', ')', ','], " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    let starts = |p: &str| words.iter().any(|x| x.starts_with(p));
    let phrase = |p: &str| words.join(" ").contains(p);
    let ignored = words.is_empty()
        || has("rag")
        || has("brag")
        || [
            "progress", "status", "comment", "evidence", "update", "measur", "impact", "risk",
            "budget", "cost", "resourc", "note",
        ]
        .iter()
        .any(|p| starts(p));
    if ignored {
        Column::Ignored
    } else if starts("source") || starts("origin") {
        Column::Source
    } else if starts("timescale")
        || starts("timeframe")
        || phrase("time scale")
        || phrase("time frame")
        || has("when")
        || has("deadline")
        || has("due")
        || starts("date")
        || has("target")
    {
        Column::Timescale
    } else if has("lead")
        || starts("responsib")
        || has("who")
        || starts("owner")
        || starts("officer")
        || starts("accountab")
    {
        Column::Lead
    } else if starts("objective")
        || starts("priorit")
        || starts("theme")
        || has("aim")
        || has("aims")
        || starts("goal")
    {
        Column::Objective
    } else if ["outcome", "action", "task", "activit", "deliverable"]
        .iter()
        .any(|p| starts(p))
        || has("what")
        || has("how")
        || has("steps")
    {
        Column::Actions
    } else {
        Column::Ignored
    }
}

/// The heading row this line is, if it is one: tab-separated short cells naming an
/// outcomes (or actions) column and at least one other known column.
pub(crate) fn header(line: &Line<'_>) -> Option<Header> {
    // A heading cell is short even with its tags: skip the work for ordinary rows.
    if !line.has_tab() || line.text.split('\t').any(|c| c.len() > 200) {
        return None;
    }
    let cells: Vec<String> = line
        .text
        .split('\t')
        .map(|c| lines::paragraphs(c).join(" "))
        .collect();
    if cells
        .iter()
        .any(|c| c.chars().count() > 80 || c.starts_with(|ch: char| ch.is_ascii_digit()))
    {
        return None;
    }
    let mut columns: Vec<Column> = cells.iter().map(|c| classify(c)).collect();
    let actions: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i] == Column::Actions)
        .collect();
    // "ACTION | OUTCOME": the actions column is the one that says "action".
    let chosen = actions
        .iter()
        .copied()
        .find(|&i| cells[i].to_lowercase().contains("action"))
        .or_else(|| actions.first().copied())?;
    for (i, c) in columns.iter_mut().enumerate() {
        if *c == Column::Actions && i != chosen {
            *c = Column::Ignored;
        }
    }
    // Only the first column of each other kind counts.
    for kind in [
        Column::Objective,
        Column::Source,
        Column::Timescale,
        Column::Lead,
    ] {
        let mut seen = false;
        for c in columns.iter_mut().filter(|c| **c == kind) {
            if seen {
                *c = Column::Ignored;
            }
            seen = true;
        }
    }
    let known = columns
        .iter()
        .filter(|c| !matches!(c, Column::Ignored | Column::Actions))
        .count();
    (known > 0).then_some(Header {
        line: line.number,
        columns,
    })
}

/// One table row (with any page-break continuations joined on), cells by what they hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Row {
    pub line: usize,
    /// True for the row that carries its objective's number and title.
    pub heads_objective: bool,
    pub objective: Cell,
    pub sources: Cell,
    pub timescale: Cell,
    pub actions: Cell,
    pub leads: Cell,
}

impl Row {
    fn from_cells(line: usize, cells: Vec<Cell>, header: &Header) -> Self {
        let mut row = Row {
            line,
            ..Row::default()
        };
        for (i, cell) in cells.into_iter().enumerate() {
            if let Some(slot) = row.slot(header.kind(i)) {
                slot.extend(cell);
            }
        }
        row
    }

    fn slot(&mut self, kind: Column) -> Option<&mut Cell> {
        match kind {
            Column::Objective => Some(&mut self.objective),
            Column::Source => Some(&mut self.sources),
            Column::Timescale => Some(&mut self.timescale),
            Column::Actions => Some(&mut self.actions),
            Column::Lead => Some(&mut self.leads),
            Column::Ignored => None,
        }
    }

    fn is_empty(&self) -> bool {
        [
            &self.objective,
            &self.sources,
            &self.timescale,
            &self.actions,
            &self.leads,
        ]
        .iter()
        .all(|c| c.is_empty())
    }

    /// Join a page-break continuation onto this row, cell by cell.
    fn continue_with(&mut self, more: Row) {
        let Row {
            objective,
            sources,
            timescale,
            actions,
            leads,
            ..
        } = more;
        join(&mut self.objective, objective, |_| false);
        join(&mut self.sources, sources, |_| true);
        join(&mut self.timescale, timescale, |_| false);
        join(&mut self.actions, actions, |p| {
            numbering::action(p).is_some()
        });
        join(&mut self.leads, leads, roles::starts_new_role);
    }
}

/// Append `more` to `cell`; its first paragraph runs on from the cell's last one unless
/// `starts_anew` says it begins a paragraph of its own.
fn join(cell: &mut Cell, more: Cell, starts_anew: impl Fn(&str) -> bool) {
    let mut more = more.into_iter();
    let Some(first) = more.next() else { return };
    match cell.last_mut() {
        Some(last) if !starts_anew(&first.text) => {
            last.text.push(' ');
            last.text.push_str(&first.text);
        }
        _ => cell.push(first),
    }
    cell.extend(more);
}

/// An objective as the table gives it, before its cells are interpreted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawObjective {
    pub number: String,
    pub line: usize,
    /// The title from a heading line ("Priority 2: Early help") rather than a cell.
    pub heading: Option<String>,
    /// True when the document gave no number and the objective was numbered by position.
    pub by_position: bool,
    pub rows: Vec<Row>,
}

impl RawObjective {
    /// The title: the heading's, else the objective cell's paragraphs run together.
    pub(crate) fn title(&self) -> String {
        if let Some(h) = &self.heading {
            return h.clone();
        }
        self.rows
            .first()
            .filter(|r| r.heads_objective)
            .map(|r| {
                r.objective
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    }
}

fn other(line: usize, message: String) -> Warning {
    Warning {
        line,
        kind: WarningKind::Other,
        message,
    }
}

/// True when an action cell's first paragraph starts a numbered outcome.
fn starts_numbered(cell: &Cell) -> bool {
    cell.first()
        .is_some_and(|p| numbering::action(&p.text).is_some())
}

/// Read the table from its heading row (`lines[0]`) to the end of the document.
///
/// `before` is the text just above the heading row, in case it is an objective heading.
pub(crate) fn read(
    lines: &[Line<'_>],
    mut header: Header,
    before: Option<&Line<'_>>,
    report: &mut ImportReport,
) -> Result<Vec<RawObjective>, FormatError> {
    let mut objectives: Vec<RawObjective> = Vec::new();
    if let Some(n) = before.and_then(|l| numbering::objective_heading(l.text)) {
        let line = before.map_or(0, |l| l.number);
        objectives.push(heading_objective(n, line));
    }
    let mut after_blank = false;
    for line in lines.iter().skip(1) {
        if line.is_blank() {
            after_blank = true;
            continue;
        }
        if !line.has_tab() {
            let text = line.text.trim();
            if let Some(n) = numbering::objective_heading(text) {
                objectives.push(heading_objective(n, line.number));
                after_blank = false;
                continue;
            }
            if lines::is_page_noise(text) || super::reviews::is_source_key_line(text) {
                continue;
            }
            // A lone line is part of the table only if it numbers an objective or plainly
            // runs on from the row above.
            let numbered =
                header.kind(0) == Column::Objective && numbering::objective(text).is_some();
            let runs_on = text.starts_with(char::is_lowercase) && !objectives.is_empty();
            if !numbered && !runs_on {
                report.warnings.push(other(
                    line.number,
                    format!(
                        "this line is outside the plan table and was not imported: \"{}\".",
                        shorten(text)
                    ),
                ));
                continue;
            }
        }
        if let Some(h) = header_again(line, &header) {
            header = h;
            continue;
        }
        let row = Row::from_cells(line.number, lines::cells(line), &header);
        if row.is_empty() {
            after_blank = true;
            continue;
        }
        place_row(row, &mut objectives, after_blank, &header, report);
        after_blank = false;
    }
    if objectives.is_empty() {
        return Err(FormatError::new(
            Place::Line(header.line),
            "the plan table's headings are here, but no objective rows were found under them.",
            "Start each objective's row with its number in the first column, e.g. \"1. Improve …\", with its cells separated by tabs.",
        ));
    }
    Ok(objectives)
}

/// A repeated heading row (boards repeat it under each objective heading).
fn header_again(line: &Line<'_>, current: &Header) -> Option<Header> {
    let h = header(line)?;
    (h.columns.len() >= 2 || h.columns == current.columns).then_some(h)
}

fn heading_objective(n: numbering::Numbered<'_>, line: usize) -> RawObjective {
    RawObjective {
        number: n.number,
        line,
        heading: Some(super::text::collapse_ws(n.rest)),
        by_position: false,
        rows: Vec::new(),
    }
}

fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        s.push('…');
    }
    s
}

/// Put a row where it belongs: a new objective, a new row of the current one, or the rest
/// of the current row after a page break.
fn place_row(
    mut row: Row,
    objectives: &mut Vec<RawObjective>,
    after_blank: bool,
    header: &Header,
    report: &mut ImportReport,
) {
    let numbered = row
        .objective
        .first()
        .and_then(|p| numbering::objective(&p.text).map(|n| (n.number, n.rest.to_string())));
    if let Some((number, rest)) = numbered {
        row.heads_objective = true;
        if let Some(first) = row.objective.first_mut() {
            first.text = rest;
        }
        row.objective.retain(|p| !p.text.is_empty());
        objectives.push(RawObjective {
            number,
            line: row.line,
            heading: None,
            by_position: false,
            rows: vec![row],
        });
        return;
    }
    let Some(current) = objectives.last_mut() else {
        start_unnumbered(row, objectives, header, report);
        return;
    };
    if let Some(first) = row.objective.first() {
        // In a plan without objective numbers, a fresh capitalised title starts the next one.
        if current.by_position && !after_blank && first.text.starts_with(char::is_uppercase) {
            start_unnumbered(row, objectives, header, report);
        } else {
            continue_last_row(current, row);
        }
        return;
    }
    let continues = (after_blank && row.sources.is_empty() && row.timescale.is_empty())
        || row.actions.is_empty()
        || !starts_numbered(&row.actions);
    if continues && !current.rows.is_empty() {
        continue_last_row(current, row);
    } else {
        current.rows.push(row);
    }
}

fn continue_last_row(current: &mut RawObjective, row: Row) {
    match current.rows.last_mut() {
        Some(last) => last.continue_with(row),
        None => current.rows.push(row),
    }
}

/// A row before any numbered objective: the plan numbers its objectives by position, or
/// (without an objective column) the first outcome's number names its objective.
fn start_unnumbered(
    mut row: Row,
    objectives: &mut Vec<RawObjective>,
    header: &Header,
    report: &mut ImportReport,
) {
    if !row.objective.is_empty() {
        let number = (objectives.len() + 1).to_string();
        report.inferred.push(Inferred {
            line: row.line,
            what: format!("objective numbered {number} by its position: its row has no number."),
        });
        row.heads_objective = true;
        objectives.push(RawObjective {
            number,
            line: row.line,
            heading: None,
            by_position: true,
            rows: vec![row],
        });
        return;
    }
    let owner = row
        .actions
        .first()
        .and_then(|p| numbering::action(&p.text))
        .and_then(|n| numbering::owner(&n.number).map(str::to_string));
    match owner {
        Some(number) if !header.has(Column::Objective) => {
            report.warnings.push(other(
                row.line,
                format!("outcomes come before any objective heading; they were put under objective {number}, which has no title."),
            ));
            objectives.push(RawObjective {
                number,
                line: row.line,
                heading: Some(String::new()),
                by_position: false,
                rows: vec![row],
            });
        }
        _ => report.warnings.push(other(
            row.line,
            "this row comes before the first objective and was not imported.".to_string(),
        )),
    }
}

/// Paragraph text of a cell run together.
pub(crate) fn cell_text(cell: &[Para]) -> String {
    cell.iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(number: usize, text: &str) -> Line<'_> {
        Line { number, text }
    }

    #[test]
    fn the_sample_heading_row_is_recognised() {
        let h = header(&line(
            1,
            "Objectives\tSource\tTime Scale\tOutcomes\tLead Officer working with development officer",
        ))
        .unwrap();
        assert_eq!(
            h.columns,
            vec![
                Column::Objective,
                Column::Source,
                Column::Timescale,
                Column::Actions,
                Column::Lead
            ]
        );
    }

    #[test]
    fn other_headings_are_recognised_and_extra_columns_ignored() {
        let h = header(&line(1, "ACTION\tOUTCOME\tLEAD\tTIMESCALE\tPROGRESS")).unwrap();
        assert_eq!(
            h.columns,
            vec![
                Column::Actions,
                Column::Ignored,
                Column::Lead,
                Column::Timescale,
                Column::Ignored
            ]
        );
        let h = header(&line(
            1,
            "Specific Actions\tTimescale/Target\tLead\tOutput/Outcome measurement\tRAG rating",
        ))
        .unwrap();
        assert_eq!(
            h.columns,
            vec![
                Column::Actions,
                Column::Timescale,
                Column::Lead,
                Column::Ignored,
                Column::Ignored
            ]
        );
        let h = header(&line(1, "Priority\tBy when\tWho\tWhat we will do")).unwrap();
        assert_eq!(
            h.columns,
            vec![
                Column::Objective,
                Column::Timescale,
                Column::Lead,
                Column::Actions
            ]
        );
    }

    #[test]
    fn a_data_row_is_not_a_heading_row() {
        assert!(
            header(&line(
                1,
                "3. Connect learning\tC&D\tTraining Plan 2010-11\t<p>3.1 Ensure</p>\tChair"
            ))
            .is_none()
        );
        assert!(
            header(&line(
                1,
                "arrangements\t\t\tservices to be reviewed and developed\t"
            ))
            .is_none()
        );
        assert!(header(&line(1, "Objectives and outcomes are below")).is_none());
    }

    #[test]
    fn a_continuation_joins_the_broken_paragraph_and_keeps_new_ones() {
        let mut cell = vec![Para {
            text: "2.1 Establish, which will be".into(),
            line: 1,
        }];
        join(
            &mut cell,
            vec![
                Para {
                    text: "monitored.".into(),
                    line: 3,
                },
                Para {
                    text: "2.2 Report".into(),
                    line: 3,
                },
            ],
            |p| numbering::action(p).is_some(),
        );
        assert_eq!(cell.len(), 2);
        assert_eq!(cell[0].text, "2.1 Establish, which will be monitored.");
        assert_eq!(cell[1].text, "2.2 Report");
    }
}
