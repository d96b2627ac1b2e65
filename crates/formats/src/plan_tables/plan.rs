//! The objectives and actions read from tables into the plan model: the plan's title and
//! years, lead names into roles (merged across spellings as the text importer does), the
//! timescales read, cross-references linked, and every other column kept on the action as a
//! labelled paragraph of its text.

use std::collections::HashMap;

use domain::{
    Action, Date, Objective, Partnership, Period, Plan, PlanStatus, Reading, Timescale, WarningKind,
};

use super::Found;
use super::ids;
use super::preview::{PreviewAction, PreviewObjective};
use crate::plan_text::{objectives::use_role_ids, references, roles::Registry};
use crate::{FormatError, Place};

/// The title, the board and the years, from the paragraphs above the first table.
pub(crate) struct Front {
    pub title: String,
    pub board: String,
    pub period: Period,
}

pub(crate) fn front(
    preamble: &[String],
    objectives: &[ids::Objective],
    file_name: &str,
    found: &mut Found,
) -> Result<Front, FormatError> {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(s, _)| s)
        .trim()
        .to_string();
    let stem = if stem.is_empty() {
        "Plan".to_string()
    } else {
        stem
    };
    let title = preamble
        .iter()
        .find(|p| p.to_lowercase().contains("plan"))
        .or(preamble.first())
        .map(|t| t.lines().next().unwrap_or("").to_string())
        .unwrap_or_else(|| stem.clone());
    let board_words = ["board", "partnership", "lscb", "lsab", "safeguarding"];
    let board = preamble
        .iter()
        .map(|p| p.lines().next().unwrap_or(""))
        .find(|p| {
            let l = p.to_lowercase();
            board_words.iter().any(|w| l.contains(w))
        })
        .unwrap_or(&title)
        .to_string();
    let period = preamble
        .iter()
        .find_map(|p| years(p))
        .or_else(|| {
            let (years, told) = (years(file_name), "the file's name");
            years.inspect(|p| found.infer(0, format!("the plan's years ({} to {}) were read from {told}.", p.start, p.end)))
        })
        .or_else(|| from_dates(objectives, found))
        .ok_or_else(|| {
            FormatError::new(
                Place::Document,
                "the plan's years were not found: no title above the table names them (e.g. \"Business Plan 2015-16\") and no timescale gives a date.",
                "Add the plan's title with its years above the first table, and import it again.",
            )
        })?;
    Ok(Front {
        title,
        board,
        period,
    })
}

/// "2012-13", "2015-18", "2017/20", "2012/2013", or one year "2014" (its financial year).
fn years(text: &str) -> Option<Period> {
    let chars: Vec<char> = text.chars().collect();
    let mut single = None;
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 0 {
            i += 1;
            continue;
        }
        let before_ok = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        if run == 4 && before_ok {
            let first: i16 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
            let j = i + 4;
            let sep = chars.get(j).is_some_and(|c| matches!(c, '-' | '/' | '–'));
            let run2 = chars
                .get(j + 1..)
                .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
            if sep && (run2 == 2 || run2 == 4) {
                let second: i16 = chars[j + 1..j + 1 + run2]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .ok()?;
                let last = if run2 == 2 {
                    first / 100 * 100 + second
                } else {
                    second
                };
                // Only years a plan can have (domain::validate's 1990 to 2100).
                if last > first && last - first <= 5 && first >= 1990 && last <= 2100 {
                    let start = Date::new(first, 4, 1).ok()?;
                    let end = Date::new(last, 3, 31).ok()?;
                    return Period::new(start, end).ok();
                }
            }
            if (1990..2100).contains(&first) && single.is_none() {
                single = Some(first);
            }
        }
        i += run;
    }
    single.and_then(Period::financial_year)
}

/// The financial years the actions' dates fall in, when nothing names the plan's years.
/// A date in a year no plan covers ("financial year 2112/13") is left out: `sensible` keeps
/// that timescale as written with no date, so it neither stretches the plan's years past
/// what validation allows nor hides the years the other dates give (found by fuzzing).
fn from_dates(objectives: &[ids::Objective], found: &mut Found) -> Option<Period> {
    let range = domain::validate::SENSIBLE_YEARS;
    // The financial year a date is in: it starts in April.
    let fy = |d: Date| {
        if d.month() >= 4 {
            d.year()
        } else {
            d.year() - 1
        }
    };
    let years: Vec<i16> = objectives
        .iter()
        .flat_map(|o| &o.actions)
        .filter_map(|a| Timescale::parse(&a.row.timescale, None).due)
        .map(fy)
        .filter(|y| range.contains(y) && range.contains(&(y + 1)))
        .collect();
    let start = Period::financial_year(*years.iter().min()?)?.start;
    let end = Period::financial_year(*years.iter().max()?)?.end;
    let p = Period::new(start, end).ok()?;
    found.infer(0, format!("the plan's years ({} to {}) were read from its actions' dates, as no title names them.", p.start, p.end));
    Some(p)
}

/// The partnership, and the preview of what each row became.
pub(crate) fn build(
    front: Front,
    objectives: Vec<ids::Objective>,
    found: &mut Found,
) -> (Partnership, Vec<PreviewObjective>) {
    let period = Some(front.period);
    let mut registry = Registry::default();
    let mut lines = HashMap::new();
    let mut model = Vec::with_capacity(objectives.len());
    let mut preview = Vec::with_capacity(objectives.len());
    for o in objectives {
        let leads: Vec<String> = o.leads.iter().map(|l| registry.add(l, 0)).collect();
        let mut actions = Vec::with_capacity(o.actions.len());
        let mut shown = Vec::with_capacity(o.actions.len());
        for a in o.actions {
            let row = &a.row;
            lines.insert(a.id.clone(), row.line);
            let reading = (!row.timescale.is_empty())
                .then(|| sensible(Timescale::read(&row.timescale, period)));
            let warning = reading.as_ref().and_then(|r| r.warning.clone());
            let timescale = reading.map(|r| r.timescale);
            if let Some(w) = warning {
                // An impossible date or two months in one cell: the reading names the cell.
                let kind = match &timescale {
                    Some(t) if t.is_unread() => WarningKind::UnreadTimescale,
                    _ => WarningKind::Other,
                };
                found.warn_kind(row.line, kind, format!("{}: {w}", row.place));
            } else if let Some(t) = &timescale
                && t.is_to_be_confirmed()
            {
                found.infer(
                    row.line,
                    format!(
                        "{}: the timescale \"{}\" is still to be confirmed, so the action has no due date yet.",
                        row.place, t.label
                    ),
                );
            } else if let Some(t) = &timescale
                && t.is_unread()
            {
                found.warn_kind(
                    row.line,
                    WarningKind::UnreadTimescale,
                    format!(
                        "{}: the timescale \"{}\" gives no date; it is kept as written.",
                        row.place, t.label
                    ),
                );
            }
            let mut text = row.text.clone();
            let mut extra = |label: &str, value: &str| {
                if !value.is_empty() {
                    text.push_str(&format!("\n\n{label}: {value}"));
                }
            };
            for n in &row.notes {
                extra(&n.label, &n.text);
            }
            extra("Status", &row.status_text);
            extra("Progress", &row.progress);
            actions.push(Action {
                id: a.id.clone(),
                number: if row.written.is_empty() {
                    a.id.clone()
                } else {
                    row.written.clone()
                },
                text,
                sources: Vec::new(),
                timescale: timescale.clone(),
                leads: row
                    .leads
                    .iter()
                    .map(|l| registry.add(l, row.line))
                    .collect(),
                references: Vec::new(),
                reference_phrases: Vec::new(),
                duplicate_of: None,
            });
            shown.push(PreviewAction::of(&a.id, row, timescale.as_ref()));
        }
        preview.push(PreviewObjective {
            number: o.number.clone(),
            title: o.title.clone(),
            leads: o.leads.clone(),
            actions: shown,
        });
        model.push(Objective {
            number: o.number,
            title: o.title,
            sources: Vec::new(),
            timescale: None,
            leads,
            actions,
        });
    }
    let roles = registry.finish(&[]);
    use_role_ids(&mut model, &roles.ids);
    found.warnings.extend(roles.warnings);
    references::link(&mut model, &lines, &mut found.warnings);
    link_lettered(&mut model);
    let partnership = Partnership {
        name: front.board,
        area: None,
        meetings_per_year: None,
        agencies: Vec::new(),
        subgroups: Vec::new(),
        roles: roles.roles,
        reviews: Vec::new(),
        meetings: Vec::new(),
        plans: vec![Plan {
            title: front.title,
            period: front.period,
            status: PlanStatus::Active,
            objectives: model,
        }],
    };
    (partnership, preview)
}

/// A reading whose date no plan can have (a year outside the 1990 to 2100 validation
/// allows, "December 2110") keeps its label, unread, and says so: found by fuzzing.
fn sensible(r: Reading) -> Reading {
    let t = &r.timescale;
    let years = t
        .due
        .iter()
        .map(|d| d.year())
        .chain(t.period.iter().flat_map(|p| [p.start.year(), p.end.year()]));
    let range = domain::validate::SENSIBLE_YEARS;
    if years.into_iter().all(|y| range.contains(&y)) {
        return r;
    }
    Reading {
        warning: Some(format!(
            "\"{}\" names a year outside {} to {}, which no plan covers; it is kept as written, with no date.",
            t.label,
            range.start(),
            range.end()
        )),
        timescale: Timescale::unread(&t.label),
    }
}

/// "see 1a": references to lettered ids ("1a", "2b"), which the text importer's references
/// (dotted numbers like "4.2") do not name. Only ids the plan has are linked.
fn link_lettered(objectives: &mut [Objective]) {
    let ids: std::collections::HashSet<String> = objectives
        .iter()
        .flat_map(|o| o.actions.iter().map(|a| a.id.clone()))
        .filter(|id| {
            let digits = id.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && id.len() == digits + 1 && id.ends_with(|c: char| c.is_ascii_lowercase())
        })
        .collect();
    if ids.is_empty() {
        return;
    }
    for action in objectives.iter_mut().flat_map(|o| o.actions.iter_mut()) {
        let found: Vec<String> = action
            .text
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|w| ids.contains(w) && *w != action.id)
            .collect();
        for id in found {
            if !action.references.contains(&id) {
                action.reference_phrases.push(id.clone());
                action.references.push(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plans_years_are_read_from_its_title() {
        let p = years("SLSCB Business Plan 2012-13").unwrap();
        assert_eq!(
            (p.start.to_string(), p.end.to_string()),
            ("2012-04-01".into(), "2013-03-31".into())
        );
        let p = years("Business Plan 2015-18 (FINAL)").unwrap();
        assert_eq!(p.end.to_string(), "2018-03-31");
        let p = years("Business Plan 2017/20, Version 3").unwrap();
        assert_eq!(p.start.to_string(), "2017-04-01");
        let p = years("Strategic Business Plan 2014").unwrap();
        assert_eq!(p.end.to_string(), "2015-03-31");
        assert!(years("Action plan").is_none());
    }
}
