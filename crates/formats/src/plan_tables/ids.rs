//! Items into objectives and actions with ids, once the whole document has been read, so
//! that numbering can be judged as a whole:
//!
//! - "1.1", "1.1a", "1a", "2 (ii)" give their own ids ("1.1", "1.1a", "1a", "2.ii");
//! - a sub-number alone ("(b)") belongs to the numbered row above: "1.1b";
//! - plain "1.", "2.", "3." that start again under each heading get the heading's number in
//!   front ("1." under priority 1a is action "1a.1"); numbers that run on through the plan
//!   are kept as they are;
//! - a plain number followed by rows numbered under it ("3", then "3.1") is an objective;
//! - a row with no number is numbered by its position under its objective, and reported;
//! - a number used twice keeps both rows, the second as "1.8#2", and is reported.

use std::collections::HashSet;

use domain::WarningKind;

use super::Found;
use super::items::{Item, Row};
use super::numbering::{Num, Sub};

/// An objective as read, with its actions.
#[derive(Debug, Clone)]
pub(crate) struct Objective {
    pub number: String,
    pub title: String,
    pub leads: Vec<String>,
    pub actions: Vec<Action>,
    /// Made from the actions' numbers, not named by a heading.
    derived: bool,
    /// Rows numbered for another objective start that objective (it was made from numbers,
    /// or from a numbered row), rather than being misplaced.
    follows_numbers: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Action {
    pub id: String,
    /// The id without its sub-number ("1.1" for "1.1a"): what a "(b)" below belongs to.
    base: String,
    pub row: Row,
}

pub(crate) fn assign(items: Vec<Item>, found: &mut Found) -> Vec<Objective> {
    let items = promote_objective_rows(items);
    let restarting = plain_numbers_restart(&items);
    let mut b = Builder {
        objectives: Vec::new(),
        used: HashSet::new(),
        restart_told: false,
    };
    for item in items {
        match item {
            Item::Objective {
                number,
                title,
                place,
                from_row,
            } => b.heading(number, title, &place, from_row, found),
            Item::ObjectiveLeads(leads) => {
                if let Some(o) = b.objectives.last_mut() {
                    o.leads.extend(leads);
                }
            }
            Item::Row(row) => b.row(row, restarting, found),
        }
    }
    b.objectives
        .retain(|o| !(o.actions.is_empty() && o.derived));
    b.objectives
}

/// "3 | Safer recruitment" followed by "3.1 ...": the first row is objective 3's heading.
fn promote_objective_rows(items: Vec<Item>) -> Vec<Item> {
    let mut out = Vec::with_capacity(items.len());
    let mut iter = items.into_iter().peekable();
    while let Some(item) = iter.next() {
        if let Item::Row(row) = &item
            && let Some(n) = row.num.as_ref().and_then(Num::plain)
            && let Some(Item::Row(next)) = iter.peek()
            && next.num.as_ref().and_then(Num::objective) == Some(n.to_string())
        {
            out.push(Item::Objective {
                number: Some(n.to_string()),
                title: row.text.clone(),
                place: row.place.clone(),
                from_row: true,
            });
            continue;
        }
        out.push(item);
    }
    out
}

/// Whether plain row numbers ("1.", "2.") start again somewhere: then they count within
/// their heading and need its number in front to be ids.
fn plain_numbers_restart(items: &[Item]) -> bool {
    let mut seen = HashSet::new();
    items
        .iter()
        .filter_map(|i| match i {
            Item::Row(r) => r.num.as_ref().and_then(Num::plain),
            _ => None,
        })
        .any(|n| !seen.insert(n))
}

struct Builder {
    objectives: Vec<Objective>,
    used: HashSet<String>,
    restart_told: bool,
}

impl Builder {
    fn heading(
        &mut self,
        number: Option<String>,
        title: String,
        place: &str,
        from_row: bool,
        found: &mut Found,
    ) {
        let number = match number {
            Some(n) => n,
            None => {
                let n = self.next_objective_number();
                found.infer(
                    0,
                    format!("{place} has no number; it is objective {n} by its position."),
                );
                n
            }
        };
        // The same heading again (a sheet's theme column, a heading repeated after a page
        // break) goes on with the objective already open.
        if let Some(last) = self.objectives.last_mut()
            && last.number == number
            && (title.is_empty() || last.title == title || last.title.is_empty())
        {
            if last.title.is_empty() {
                last.title = title;
            }
            last.derived = false;
            last.follows_numbers = from_row;
            return;
        }
        self.objectives.push(Objective {
            number,
            title,
            leads: Vec::new(),
            actions: Vec::new(),
            derived: false,
            follows_numbers: from_row,
        });
    }

    fn next_objective_number(&self) -> String {
        let taken: HashSet<&str> = self.objectives.iter().map(|o| o.number.as_str()).collect();
        (self.objectives.len() + 1..)
            .map(|n| n.to_string())
            .find(|n| !taken.contains(n.as_str()))
            .unwrap_or_default()
    }

    fn current(&mut self, wanted: Option<String>, row: &Row, found: &mut Found) -> &mut Objective {
        let open = self
            .objectives
            .last()
            .map(|o| (o.number.clone(), o.follows_numbers));
        let start = match (&open, &wanted) {
            (None, _) => true,
            (Some((number, true)), Some(w)) => number != w,
            (Some((number, false)), Some(w)) if number != w => {
                found.warn_kind(
                    row.line,
                    WarningKind::MisplacedNumber,
                    format!("{}: {} is numbered for objective {w} but sits under objective {number}; it is kept there.", row.place, row.written),
                );
                false
            }
            _ => false,
        };
        if start {
            let number = wanted.unwrap_or_else(|| self.next_objective_number());
            found.infer(row.line, format!("{}: no heading names this row's objective; it is put under objective {number}, made from the numbers.", row.place));
            self.objectives.push(Objective {
                title: format!("Objective {number}"),
                number,
                leads: Vec::new(),
                actions: Vec::new(),
                derived: true,
                follows_numbers: true,
            });
        }
        self.objectives
            .last_mut()
            .expect("an objective was just made")
    }

    fn row(&mut self, row: Row, restarting: bool, found: &mut Found) {
        let wanted = row.num.as_ref().and_then(Num::objective);
        let told = self.restart_told;
        let o = self.current(wanted, &row, found);
        let objective = o.number.clone();
        let parent = o.actions.last().map(|a| a.base.clone());
        let position = o.actions.len() + 1;
        let mut told_now = false;
        let (id, how) = match &row.num {
            Some(n @ Num::Full { .. }) => match n.plain() {
                Some(p) if restarting => {
                    let id = format!("{objective}.{p}");
                    let how = (!told).then(|| {
                        told_now = true;
                        format!("row numbers \"1.\", \"2.\"… start again under each heading, so each is given its heading's number in front: {} under objective {objective} is action {id}.", row.written)
                    });
                    (id, how)
                }
                _ => (n.id(), None),
            },
            Some(Num::SubOnly(sub)) => {
                let parent = parent.clone().unwrap_or_else(|| objective.clone());
                let id = match sub {
                    Sub::Letter(l) => format!("{parent}{l}"),
                    Sub::Roman(r) => format!("{parent}.{r}"),
                };
                let how = format!(
                    "{} is a sub-number of the row above: action {id}.",
                    row.written
                );
                (id, Some(how))
            }
            None => {
                let mut k = position;
                while self.used.contains(&format!("{objective}.{k}")) {
                    k += 1;
                }
                let id = format!("{objective}.{k}");
                (
                    id.clone(),
                    Some(format!(
                        "the row has no number; it is action {id} by its position."
                    )),
                )
            }
        };
        if told_now {
            self.restart_told = true;
        }
        if let Some(how) = how {
            found.infer(row.line, format!("{}: {how}", row.place));
        }
        if row.number_in_text {
            found.infer(
                row.line,
                format!(
                    "{}: the number {} was read from the start of the action's text.",
                    row.place, row.written
                ),
            );
        }
        let base = match &row.num {
            Some(Num::Full {
                parts,
                sub: Some(_),
            }) => Num::Full {
                parts: parts.clone(),
                sub: None,
            }
            .id(),
            Some(Num::SubOnly(_)) => parent.unwrap_or_else(|| objective.clone()),
            _ => id.clone(),
        };
        let id = self.unique(id, &row, found);
        let o = self.objectives.last_mut().expect("an objective is open");
        o.actions.push(Action { id, base, row });
    }

    fn unique(&mut self, id: String, row: &Row, found: &mut Found) -> String {
        if self.used.insert(id.clone()) {
            return id;
        }
        let mut n = 2;
        while self.used.contains(&format!("{id}#{n}")) {
            n += 1;
        }
        let new = format!("{id}#{n}");
        found.warn_kind(
            row.line,
            WarningKind::DuplicateNumber,
            format!(
                "{}: the number {id} is used again; both rows are kept, this one as {new}.",
                row.place
            ),
        );
        self.used.insert(new.clone());
        new
    }
}
