//! Table rows → objectives and their numbered outcomes (actions).
//!
//! Each outcome's number is checked against its objective; a repeated number is kept with
//! its own id ("4.2#2"); sources are checked against the source key; timescales are read
//! against the plan's period; leads are noted as roles; an outcome that repeats an earlier
//! one word for word is flagged.

use std::collections::HashMap;

use domain::{
    Action, ImportReport, Inferred, Objective, Period, Recurrence, Review, Timescale, Warning,
    WarningKind,
};

use super::lines::Para;
use super::numbering;
use super::roles::{self, Registry};
use super::table::{RawObjective, Row, cell_text};
use super::text::collapse_ws;
use crate::{FormatError, Place};

/// The plan's objectives, and the line each action was read from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Built {
    pub objectives: Vec<Objective>,
    pub action_lines: HashMap<String, usize>,
}

/// What the rest of the plan gives the reader of one objective.
pub(crate) struct Context<'a> {
    pub reviews: &'a [Review],
    pub period: Period,
}

/// Sources, timescale and leads read from one row's cells.
#[derive(Debug, Clone, Default)]
struct Values {
    sources: Vec<String>,
    timescale: Option<Timescale>,
    leads: Vec<String>,
}

/// An outcome as read, before it gets its id.
struct Outcome {
    number: Option<String>,
    text: String,
    line: usize,
    own: Values,
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

fn warn(report: &mut ImportReport, line: usize, kind: WarningKind, message: String) {
    report.warnings.push(Warning {
        line,
        kind,
        message,
    });
}

/// Review codes in a source cell: "C&D PR LR", one per `<p>`, or a review's title.
fn sources(
    cell: &[Para],
    ctx: &Context<'_>,
    whose: &str,
    report: &mut ImportReport,
) -> Vec<String> {
    let mut out = Vec::new();
    for p in cell {
        if let Some(r) = ctx
            .reviews
            .iter()
            .find(|r| r.title.eq_ignore_ascii_case(p.text.trim()))
        {
            push_unique(&mut out, &r.code);
            continue;
        }
        for token in p
            .text
            .split(|c: char| c.is_whitespace() || ",;/+".contains(c))
        {
            let token = token.trim_matches(|c: char| "()[].:".contains(c));
            if token.is_empty() || token.eq_ignore_ascii_case("and") {
                continue;
            }
            match ctx
                .reviews
                .iter()
                .find(|r| r.code.eq_ignore_ascii_case(token))
            {
                Some(r) => push_unique(&mut out, &r.code),
                // Without a source key there is nothing to check against: keep the code.
                None if ctx.reviews.is_empty() => push_unique(&mut out, token),
                None => warn(
                    report,
                    p.line,
                    WarningKind::Other,
                    format!(
                        "the source \"{token}\" of {whose} is not in the source key, so it was left out."
                    ),
                ),
            }
        }
    }
    out
}

fn recurrence_name(r: Recurrence) -> &'static str {
    match r {
        Recurrence::Yearly => "yearly",
        Recurrence::Quarterly => "quarterly",
        Recurrence::Monthly => "monthly",
        Recurrence::Ongoing => "ongoing",
    }
}

/// A timescale cell read against the plan's period; unreadable or guessed readings are
/// reported.
fn timescale(
    cell: &[Para],
    ctx: &Context<'_>,
    whose: &str,
    report: &mut ImportReport,
) -> Option<Timescale> {
    let label = cell_text(cell);
    let line = cell.first()?.line;
    if label.is_empty() {
        return None;
    }
    let reading = Timescale::read(&label, Some(ctx.period));
    let t = reading.timescale;
    if let Some(w) = reading.warning {
        // An impossible date or two months in one cell: the reading names the label.
        let kind = if t.is_unread() {
            WarningKind::UnreadTimescale
        } else {
            WarningKind::Other
        };
        warn(report, line, kind, format!("{w} (in {whose})"));
    } else if t.is_to_be_confirmed() {
        report.inferred.push(Inferred {
            line,
            what: format!(
                "the timescale \"{label}\" of {whose} is still to be confirmed, so it has no due date yet."
            ),
        });
    } else if t.is_unread() {
        warn(
            report,
            line,
            WarningKind::UnreadTimescale,
            format!(
                "the timescale \"{label}\" of {whose} is not a date, period or recurrence; it was kept as written."
            ),
        );
    } else if t.inferred {
        let due = t.due.map(|d| format!(", due {d}")).unwrap_or_default();
        let reading = match (t.recurrence, t.period) {
            (Some(r), _) => format!("a {} recurrence{due}", recurrence_name(r)),
            (None, Some(p)) => format!("the period {} to {}", p.start, p.end),
            (None, None) => format!("a due date{due}"),
        };
        report.inferred.push(Inferred {
            line,
            what: format!("the timescale \"{label}\" of {whose} was read as {reading}."),
        });
    }
    Some(t)
}

/// Role keys named in a lead cell.
fn leads(cell: &[Para], registry: &mut Registry) -> Vec<String> {
    let mut out = Vec::new();
    for p in cell {
        for name in roles::split(&p.text) {
            let key = registry.add(&name, p.line);
            push_unique(&mut out, &key);
        }
    }
    out
}

fn values(
    row: &Row,
    ctx: &Context<'_>,
    whose: &str,
    registry: &mut Registry,
    report: &mut ImportReport,
) -> Values {
    Values {
        sources: sources(&row.sources, ctx, whose, report),
        timescale: timescale(&row.timescale, ctx, whose, report),
        leads: leads(&row.leads, registry),
    }
}

/// The outcomes of an objective's rows: a numbered paragraph starts one, any other
/// paragraph runs on from the one before.
fn outcomes(
    raw: &RawObjective,
    ctx: &Context<'_>,
    registry: &mut Registry,
    report: &mut ImportReport,
) -> Vec<Outcome> {
    let mut out: Vec<Outcome> = Vec::new();
    for row in &raw.rows {
        let own = if row.heads_objective {
            Values::default()
        } else {
            values(
                row,
                ctx,
                &format!("the row on line {}", row.line),
                registry,
                report,
            )
        };
        for para in &row.actions {
            match (numbering::action(&para.text), out.last_mut()) {
                (Some(n), _) => out.push(Outcome {
                    number: Some(n.number),
                    text: n.rest.to_string(),
                    line: para.line,
                    own: own.clone(),
                }),
                (None, Some(last)) => {
                    last.text.push(' ');
                    last.text.push_str(&para.text);
                }
                (None, None) => out.push(Outcome {
                    number: None,
                    text: para.text.clone(),
                    line: para.line,
                    own: own.clone(),
                }),
            }
        }
    }
    out
}

fn no_outcomes(raw: &RawObjective) -> FormatError {
    FormatError::new(
        Place::Line(raw.line),
        format!("objective {} has no outcomes.", raw.number),
        format!(
            "Add its numbered outcomes ({n}.1, {n}.2 …) in the outcomes column of its row, or remove the objective.",
            n = raw.number
        ),
    )
}

fn misplaced(number: &str, owner: &str, objective: &str, line: usize) -> FormatError {
    FormatError::new(
        Place::Line(line),
        format!(
            "outcome {number} belongs to objective {owner}, but it sits under objective {objective}."
        ),
        format!(
            "Renumber it as an outcome of objective {objective} ({objective}.1, {objective}.2 …), or move it to objective {owner}'s row."
        ),
    )
}

/// Build the plan's objectives from the table's rows.
pub(crate) fn build(
    raws: &[RawObjective],
    ctx: &Context<'_>,
    registry: &mut Registry,
    report: &mut ImportReport,
) -> Result<Built, FormatError> {
    let mut objectives = Vec::with_capacity(raws.len());
    let mut action_lines = HashMap::new();
    // Lower-cased id base → (times used, first line).
    let mut used: HashMap<String, (usize, usize)> = HashMap::new();
    for raw in raws {
        let whose = format!("objective {}", raw.number);
        let head = raw.rows.first().filter(|r| r.heads_objective);
        let own = head
            .map(|r| values(r, ctx, &whose, registry, report))
            .unwrap_or_default();
        let found = outcomes(raw, ctx, registry, report);
        if found.is_empty() {
            return Err(no_outcomes(raw));
        }
        let mut actions = Vec::with_capacity(found.len());
        for (k, o) in found.into_iter().enumerate() {
            let (number, base) = match o.number {
                Some(n) => {
                    if let Some(owner) = numbering::owner(&n)
                        && !numbering::belongs(&n, &raw.number)
                    {
                        return Err(misplaced(&n, owner, &raw.number, o.line));
                    }
                    // A plain "2." restarts under each objective: qualify it.
                    let base = if numbering::owner(&n).is_some() {
                        n.clone()
                    } else {
                        format!("{}.{n}", raw.number)
                    };
                    (n, base)
                }
                None => {
                    let n = format!("{}.{}", raw.number, k + 1);
                    report.inferred.push(Inferred {
                        line: o.line,
                        what: format!("an outcome of {whose} has no number; it was numbered {n} by its position."),
                    });
                    (n.clone(), n)
                }
            };
            let entry = used.entry(base.to_lowercase()).or_insert((0, o.line));
            entry.0 += 1;
            let id = if entry.0 == 1 {
                base.clone()
            } else {
                let id = format!("{base}#{}", entry.0);
                let first_line = entry.1;
                warn(
                    report,
                    o.line,
                    WarningKind::DuplicateNumber,
                    format!(
                        "outcome number {number} is used again (first on line {first_line}); both are kept, this one as {id}."
                    ),
                );
                id
            };
            action_lines.insert(id.clone(), o.line);
            let Values {
                sources,
                timescale,
                leads,
            } = o.own;
            actions.push(Action {
                id,
                number,
                text: collapse_ws(&o.text),
                sources: if sources == own.sources {
                    Vec::new()
                } else {
                    sources
                },
                timescale: if timescale == own.timescale {
                    None
                } else {
                    timescale
                },
                leads: if leads == own.leads {
                    Vec::new()
                } else {
                    leads
                },
                references: Vec::new(),
                reference_phrases: Vec::new(),
                duplicate_of: None,
            });
        }
        objectives.push(Objective {
            number: raw.number.clone(),
            title: collapse_ws(&raw.title()),
            sources: own.sources,
            timescale: own.timescale,
            leads: own.leads,
            actions,
        });
    }
    flag_repeated_text(&mut objectives, &action_lines, report);
    Ok(Built {
        objectives,
        action_lines,
    })
}

/// Text compared for repeats: case, spacing and closing punctuation aside.
fn comparable(text: &str) -> String {
    collapse_ws(text)
        .to_lowercase()
        .trim_end_matches(['.', ';', ' '])
        .to_string()
}

/// Mark each action whose text repeats an earlier action's word for word.
fn flag_repeated_text(
    objectives: &mut [Objective],
    lines: &HashMap<String, usize>,
    report: &mut ImportReport,
) {
    let mut first: HashMap<String, String> = HashMap::new();
    for action in objectives.iter_mut().flat_map(|o| o.actions.iter_mut()) {
        let text = comparable(&action.text);
        if text.is_empty() {
            continue;
        }
        match first.get(&text) {
            Some(earlier) => {
                action.duplicate_of = Some(earlier.clone());
                warn(
                    report,
                    lines.get(&action.id).copied().unwrap_or(0),
                    WarningKind::DuplicateText,
                    format!(
                        "outcome {} repeats outcome {earlier} word for word.",
                        action.id
                    ),
                );
            }
            None => {
                first.insert(text, action.id.clone());
            }
        }
    }
}

/// Replace role keys with role ids once the roles are known.
pub(crate) fn use_role_ids(objectives: &mut [Objective], ids: &HashMap<String, String>) {
    let map = |keys: &mut Vec<String>| {
        for k in keys.iter_mut() {
            if let Some(id) = ids.get(k.as_str()) {
                k.clone_from(id);
            }
        }
    };
    for o in objectives {
        map(&mut o.leads);
        for a in &mut o.actions {
            map(&mut a.leads);
        }
    }
}
