//! Blocks into items, in document order: objective headings (a paragraph between tables, a
//! merged row across a table, a change in a theme column) and action rows, each row's cells
//! sorted by what its column means. Numbering and ids are decided afterwards (`ids`), once
//! the whole document has been seen.

use domain::Rag;

use super::columns::{Field, words};
use super::grid::{Block, Table};
use super::items::{Item, Note, Row};
use super::mapping::{Mapping, heading_row_with};
use super::numbering;
use super::overrides::Overrides;
use super::{Found, owners, status};

/// What reading the blocks gave.
pub(crate) struct Read {
    pub items: Vec<Item>,
    pub mappings: Vec<Mapping>,
    /// Paragraphs before the first table: the title, the board's name.
    pub preamble: Vec<String>,
    pub tables: usize,
    /// The status key the document prints: number → rating.
    pub key: Vec<(String, Rag)>,
    /// The `--status-scale` values some status cell held.
    pub scale_used: Vec<String>,
}

#[derive(Default)]
struct State {
    overrides: Overrides,
    scale_used: Vec<String>,
    items: Vec<Item>,
    mappings: Vec<Mapping>,
    mapping: Option<Mapping>,
    preamble: Vec<String>,
    /// Paragraphs since the last table that were not objective headings.
    pending: Vec<String>,
    objective_since_table: bool,
    seen_table: bool,
    tables: usize,
    group: String,
    line: usize,
    /// The status key the document prints ("1 = Fully achieved"): number → rating.
    key: Vec<(String, Rag)>,
}

pub(crate) fn read(blocks: &[Block], overrides: &Overrides, found: &mut Found) -> Read {
    let mut s = State {
        overrides: overrides.clone(),
        ..State::default()
    };
    for block in blocks {
        match block {
            Block::Heading(text) => {
                s.line += 1;
                s.paragraph(text);
            }
            Block::Table(t) => s.table(t, found),
        }
    }
    Read {
        items: s.items,
        mappings: s.mappings,
        preamble: s.preamble,
        tables: s.tables,
        key: s.key,
        scale_used: s.scale_used,
    }
}

/// "Strategic Lead from the Executive: Jo Bloggs (Police)" → the names after the colon.
fn leads_line(text: &str) -> Option<Vec<String>> {
    let (head, names) = text.split_once(':')?;
    let head = words(head);
    let is_lead = head.starts_with("lead")
        || head.starts_with("strategic lead")
        || head.starts_with("responsible")
        || head.starts_with("accountable");
    (is_lead && !names.trim().is_empty()).then(|| owners::split(names))
}

impl State {
    fn paragraph(&mut self, text: &str) {
        let key = status::key_entries(text);
        if !key.is_empty() {
            self.key.extend(key);
            return;
        }
        if let Some((number, title)) = numbering::heading(text) {
            self.objective(
                Some(number),
                title,
                format!("the heading \"{}\"", first_line(text)),
            );
        } else if self.objective_since_table
            && let Some(leads) = leads_line(text)
        {
            self.items.push(Item::ObjectiveLeads(leads));
        } else if self.seen_table {
            self.pending.push(text.to_string());
        } else {
            self.preamble.push(text.to_string());
        }
    }

    fn objective(&mut self, number: Option<String>, title: String, place: String) {
        self.objective_since_table = true;
        self.group.clear();
        self.items.push(Item::Objective {
            number,
            title,
            place,
            from_row: false,
        });
    }

    fn table(&mut self, t: &Table, found: &mut Found) {
        self.tables += 1;
        // A heading paragraph between two tables that does not look like "Objective 2:" is
        // still the next table's heading.
        if self.seen_table
            && !self.objective_since_table
            && let Some(title) = self.pending.pop()
        {
            self.objective(None, title, format!("the heading before {}", t.name));
        }
        for text in self.pending.drain(..) {
            found.infer(
                self.line,
                format!(
                    "the text \"{}\" before {} is not part of any action and was left out.",
                    short(&text),
                    t.name
                ),
            );
        }
        self.seen_table = true;
        self.objective_since_table = false;
        let mut width_checked = false;
        for (i, cells) in t.rows.iter().enumerate() {
            self.line += 1;
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let place = t.place(i);
            if let Some(m) = heading_row_with(cells, place.clone(), &self.overrides) {
                let repeated = self
                    .mapping
                    .as_ref()
                    .is_some_and(|old| same_columns(old, &m));
                // Each table headed alike is the plan's layout; a heading row again inside
                // one table is a page break's repeat, worth saying.
                if repeated && width_checked {
                    found.infer(
                        self.line,
                        format!("{place} repeats the heading row; it was skipped."),
                    );
                } else if !repeated {
                    self.mappings.push(m.clone());
                }
                self.mapping = Some(m);
                width_checked = true;
                continue;
            }
            let Some(mapping) = self.mapping.clone() else {
                self.before_heading_row(cells, &place);
                continue;
            };
            if !width_checked {
                width_checked = true;
                if cells.len().abs_diff(mapping.columns.len()) > 1 {
                    found.warn(
                        self.line,
                        format!("{} has no heading row and not the columns of the table before it, so it was skipped.", t.name),
                    );
                    return;
                }
                found.infer(
                    self.line,
                    format!(
                        "{} has no heading row; it is read with the columns of {}.",
                        t.name, mapping.place
                    ),
                );
            }
            self.row(cells, &mapping, place, found);
        }
    }

    /// A row above the heading row: a sheet's title lines, or an objective heading.
    fn before_heading_row(&mut self, cells: &[String], place: &str) {
        // A key table's row: "1 | Fully achieved".
        let filled: Vec<&str> = cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        if let [number, meaning] = filled.as_slice() {
            let key = status::key_entries(&format!("{number} = {meaning}"));
            if !key.is_empty() {
                self.key.extend(key);
                return;
            }
        }
        let Some(text) = single_text(cells) else {
            return;
        };
        if let Some((number, title)) = numbering::heading(&text) {
            self.objective(Some(number), title, place.to_string());
        } else if self.items.is_empty() {
            self.preamble.push(text);
        }
    }

    fn row(&mut self, cells: &[String], m: &Mapping, place: String, found: &mut Found) {
        let cell = |i: usize| cells.get(i).map_or("", |c| c.trim());
        let action_col = m.column(Field::Action);
        // A row with one text across it, or one text outside the action column: a heading.
        if let Some(text) = single_text(cells) {
            let filled = cells.iter().filter(|c| !c.trim().is_empty()).count();
            // Alone in the first column, when that column holds neither actions nor numbers.
            let first_alone = !cell(0).is_empty()
                && !matches!(
                    m.columns.first().map(|c| c.field),
                    Some(Field::Action | Field::Number)
                );
            let named = numbering::heading(&text);
            if filled > 1 || first_alone || named.as_ref().is_some_and(|_| has_heading_word(&text))
            {
                let (number, title) = named.map_or((None, text.clone()), |(n, t)| (Some(n), t));
                self.objective(number, title, place);
                return;
            }
        }
        if let Some(g) = m.column(Field::Group) {
            let group = cell(g);
            if !group.is_empty() && group != self.group {
                let (number, title) = match numbering::heading(group) {
                    Some((n, t)) => (Some(n), t),
                    None => match numbering::parse(group).and_then(|n| n.plain()) {
                        Some(n) => (Some(n.to_string()), String::new()),
                        None => (None, group.to_string()),
                    },
                };
                self.objective(number, title, place.clone());
                self.group = group.to_string();
            }
        }
        let mut row = Row {
            place,
            line: self.line,
            ..Row::default()
        };
        row.text = action_col.map_or("", cell).to_string();
        if let Some(n) = m.column(Field::Number) {
            row.written = cell(n).to_string();
            row.num = numbering::parse(&row.written);
            if row.num.is_none() && !row.written.is_empty() {
                row.notes.push(Note {
                    label: m.columns[n].heading.clone(),
                    text: row.written.clone(),
                });
                row.written.clear();
            }
        }
        if row.num.is_none()
            && let Some((num, written, rest)) = numbering::leading_written(&row.text)
        {
            row.written = written;
            row.num = Some(num);
            row.text = rest;
            row.number_in_text = true;
        }
        if let Some(l) = m.column(Field::Lead) {
            row.leads = owners::split(cell(l));
        }
        if let Some(t) = m.column(Field::Timescale) {
            row.timescale = cell(t).to_string();
        }
        if let Some(p) = m.column(Field::Progress) {
            row.progress = cell(p).to_string();
        }
        let mut statuses = Vec::new();
        for s in m.columns_of(Field::Status) {
            let text = cell(s);
            if text.is_empty() {
                continue;
            }
            let heading = &m.columns[s].heading;
            row.status_text.push_str(&if row.status_text.is_empty() {
                text.to_string()
            } else {
                format!("; {text}")
            });
            let keyed = || self.key.iter().find(|(n, _)| n == text).map(|(_, r)| *r);
            // --status-scale first: it says how this board's values read, over any guess.
            if let Some(given) = self.overrides.rating_for(text) {
                self.scale_used.push(words(text));
                statuses.extend(given);
                continue;
            }
            match status::read(heading, text) {
                Some(rag) => statuses.push(rag),
                None if let Some(rag) = keyed() => {
                    found.infer(self.line, format!("{}: the status \"{text}\" is read as {rag} through the key the document prints.", row.place));
                    statuses.push(rag);
                }
                None => found.warn(
                    self.line,
                    format!("{}: the status \"{text}\" under \"{heading}\" was not read as a rating; it is kept as written.", row.place),
                ),
            }
        }
        // A tick under "Achieved" outranks one under "On target".
        row.status = statuses.into_iter().max_by_key(|r| matches!(r, Rag::Blue));
        for (i, c) in m.columns.iter().enumerate() {
            if matches!(c.field, Field::Outcome | Field::Source | Field::Note)
                && !cell(i).is_empty()
            {
                let label = if c.heading.trim().is_empty() {
                    format!("Column {}", i + 1)
                } else {
                    c.heading.clone()
                };
                row.notes.push(Note {
                    label,
                    text: cell(i).to_string(),
                });
            }
        }
        // A row with no number and no action text continues the row above, split by a page.
        if row.text.is_empty() && row.num.is_none() {
            if let Some(Item::Row(above)) = self.items.last_mut() {
                found.infer(row.line, format!("{} has no number and no action; it is read as the rest of {}, split across a page.", row.place, above.place));
                above.join(row);
            }
            return;
        }
        self.items.push(Item::Row(row));
    }
}

fn same_columns(a: &Mapping, b: &Mapping) -> bool {
    a.columns.len() == b.columns.len()
        && a.columns
            .iter()
            .zip(&b.columns)
            .all(|(x, y)| words(&x.heading) == words(&y.heading))
}

/// The one text of a row whose non-empty cells all say the same (a merged row).
fn single_text(cells: &[String]) -> Option<String> {
    let mut texts = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let first = texts.next()?;
    texts.all(|t| t == first).then(|| first.to_string())
}

fn has_heading_word(text: &str) -> bool {
    let w = words(text);
    [
        "objective",
        "priority",
        "theme",
        "work stream",
        "workstream",
        "strand",
    ]
    .iter()
    .any(|k| w.starts_with(k) || w.contains(&format!(" {k} ")))
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

pub(crate) fn short(text: &str) -> String {
    let line = first_line(text);
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(60).collect::<String>())
    } else {
        line.to_string()
    }
}
