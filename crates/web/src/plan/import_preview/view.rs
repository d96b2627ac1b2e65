//! The preview page's content, made from the plan as read: each column heading with the
//! field it was read as, each status value with its rating, the rows, every warning and
//! inference, and (for a later version of a stored plan) what it would change.

use formats::plan_tables::{Imported, Preview, field_name};
use store::{FirstUpdates, PlanChanges};

use super::choices::Choices;

/// One column heading, wherever it heads a column (the choice applies to all, as `--map`).
pub struct ColumnView {
    pub heading: String,
    /// Where it heads a column: "table 1, row 1; table 2, row 1".
    pub places: String,
    /// The field's name, as the drop-down's values are.
    pub field: &'static str,
    /// Given by a choice (an override) rather than read from the heading.
    pub set: bool,
    /// Why, when it is not just the heading's meaning.
    pub because: String,
}

/// One status value found, with the rating it is read as.
pub struct StatusView {
    pub value: String,
    /// The rating's name as the drop-down's values are ("none": not rated).
    pub rating: &'static str,
    pub set: bool,
    /// "the key the document prints", "your choice", or "read from the value".
    pub from: &'static str,
    pub rows: usize,
}

/// One action as read.
pub struct RowView {
    pub id: String,
    pub place: String,
    pub objective: String,
    pub text: String,
    pub leads: String,
    pub timescale: String,
    pub status: String,
    pub progress: String,
    pub notes: Vec<String>,
}

/// What a later version would change, in lines under headings.
pub struct ChangesView {
    pub plan: String,
    pub summary: String,
    pub sections: Vec<(String, Vec<String>)>,
}

pub struct PreviewView {
    pub token: String,
    pub file_name: String,
    pub title: String,
    pub board: String,
    pub period: String,
    pub columns: Vec<ColumnView>,
    pub fields: Vec<(&'static str, &'static str)>,
    pub statuses: Vec<StatusView>,
    pub ratings: Vec<(&'static str, String)>,
    pub rows: Vec<RowView>,
    pub warnings: Vec<String>,
    pub inferred: Vec<String>,
    pub counts: String,
    pub first: String,
    pub choices: Choices,
    /// The fingerprint of `choices`: an import with other choices is previewed again.
    pub fingerprint: String,
    /// The stored plans, for "a later version of".
    pub plans: Vec<String>,
    /// How the stored plan was matched, when Boardplan chose it.
    pub matched_by: Option<&'static str>,
    pub changes: Option<ChangesView>,
    pub seen_version: Option<i64>,
    pub seen_edit: Option<i64>,
    /// Said above the preview: the choices were read again, or could not be.
    pub notice: Option<String>,
}

/// The rating's name in the drop-down.
fn rating_name(r: Option<domain::Rag>) -> &'static str {
    r.map_or("none", |r| r.as_str())
}

/// Whitespace as one space, for comparing values and headings as the overrides do.
fn same(a: &str, b: &str) -> bool {
    let w = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    w(a) == w(b)
}

pub fn columns(p: &Preview) -> Vec<ColumnView> {
    let mut out: Vec<ColumnView> = Vec::new();
    for m in &p.mappings {
        for c in &m.columns {
            if c.heading.trim().is_empty() {
                continue;
            }
            if let Some(seen) = out.iter_mut().find(|v| same(&v.heading, &c.heading)) {
                if !seen.places.contains(&m.place) {
                    seen.places.push_str(&format!("; {}", m.place));
                }
                continue;
            }
            out.push(ColumnView {
                heading: c.heading.split_whitespace().collect::<Vec<_>>().join(" "),
                places: m.place.clone(),
                field: field_name(c.field),
                set: c.from == "override",
                because: c.because.clone().unwrap_or_default(),
            });
        }
    }
    out
}

pub fn statuses(p: &Preview) -> Vec<StatusView> {
    let mut out: Vec<StatusView> = Vec::new();
    for a in p.objectives.iter().flat_map(|o| &o.actions) {
        let value = a
            .status_text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if value.is_empty() {
            continue;
        }
        if let Some(seen) = out.iter_mut().find(|s| same(&s.value, &value)) {
            seen.rows += 1;
            continue;
        }
        let entry = p.status_scale.iter().find(|e| same(&e.value, &value));
        out.push(match entry {
            Some(e) => StatusView {
                value,
                rating: rating_name(e.rating),
                set: e.from == "override",
                from: if e.from == "override" {
                    "your choice"
                } else {
                    "the key the document prints"
                },
                rows: 1,
            },
            None => StatusView {
                value,
                rating: rating_name(a.status),
                set: false,
                from: "read from the value",
                rows: 1,
            },
        });
    }
    // A choice or key entry no row holds is still shown, so it can be changed back.
    for e in &p.status_scale {
        if !out.iter().any(|s| same(&s.value, &e.value)) {
            out.push(StatusView {
                value: e.value.clone(),
                rating: rating_name(e.rating),
                set: e.from == "override",
                from: if e.from == "override" {
                    "your choice (no row holds it)"
                } else {
                    "the key the document prints (no row holds it)"
                },
                rows: 0,
            });
        }
    }
    out
}

pub fn rows(p: &Preview) -> Vec<RowView> {
    p.objectives
        .iter()
        .flat_map(|o| {
            o.actions.iter().map(move |a| RowView {
                id: a.id.clone(),
                place: a.place.clone(),
                objective: format!("{} {}", o.number, o.title),
                text: a.text.clone(),
                leads: if a.leads.is_empty() {
                    "no lead".into()
                } else {
                    a.leads.join("; ")
                },
                timescale: match (a.due, a.timescale.trim().is_empty()) {
                    (Some(d), _) => format!("due {d} (\"{}\")", a.timescale.trim()),
                    (None, false) => format!("\"{}\", no date", a.timescale.trim()),
                    (None, true) => "no timescale".into(),
                },
                status: match (a.status, a.status_text.trim().is_empty()) {
                    (Some(r), _) => format!(
                        "{} ({}) from \"{}\"",
                        r.as_str(),
                        r.meaning(),
                        a.status_text.trim()
                    ),
                    (None, true) => "not rated".into(),
                    (None, false) => format!("\"{}\", not read as a rating", a.status_text.trim()),
                },
                progress: a.progress.trim().to_string(),
                notes: a
                    .notes
                    .iter()
                    .map(|n| format!("{}: {}", n.label, n.text))
                    .collect(),
            })
        })
        .collect()
}

/// The warnings and inferences; each message names its table and row itself.
pub fn findings(imported: &Imported) -> (Vec<String>, Vec<String>, String) {
    let r = &imported.report;
    let c = &r.counts;
    (
        r.warnings.iter().map(|w| w.message.clone()).collect(),
        r.inferred.iter().map(|i| i.what.clone()).collect(),
        format!(
            "{} objectives, {} actions, {} lead roles and {} cross-references.",
            c.objectives, c.actions, c.roles, c.cross_references
        ),
    )
}

pub fn changes(c: &PlanChanges, first: &FirstUpdates) -> ChangesView {
    let mut sections = Vec::new();
    let mut add = |title: String, lines: Vec<String>| {
        if !lines.is_empty() {
            sections.push((title, lines));
        }
    };
    add(
        format!("Progress updates to record, dated {}", first.as_of),
        c.updates
            .iter()
            .map(|u| {
                let was = u
                    .was
                    .map(|r| format!(" (was {})", r.as_str()))
                    .unwrap_or_default();
                format!(
                    "{}: {}{was} — {}",
                    u.action,
                    u.rag.as_str(),
                    u.narrative.lines().next().unwrap_or("")
                )
            })
            .collect(),
    );
    add(
        "Re-timed".into(),
        c.retimed
            .iter()
            .map(|r| {
                let due = r.due.map(|d| format!(" (due {d})")).unwrap_or_default();
                format!(
                    "{}: \"{}\" → \"{}\"{due}",
                    r.action,
                    r.from.as_deref().unwrap_or("no timescale"),
                    r.to
                )
            })
            .collect(),
    );
    add("Re-worded".into(), c.reworded.clone());
    add(
        "Status and progress notes brought up to date".into(),
        c.notes_updated.clone(),
    );
    add(
        "New actions to add".into(),
        c.added
            .iter()
            .map(|a| format!("{} (objective {}): {}", a.action, a.objective, a.text))
            .collect(),
    );
    add(
        "No longer in the document, kept in the plan".into(),
        c.removed
            .iter()
            .map(|r| format!("{}: {}", r.action, r.text))
            .collect(),
    );
    let summary = if c.is_empty() {
        format!(
            "This document changes nothing in \"{}\": importing it would write nothing.",
            c.plan
        )
    } else {
        format!(
            "{} action(s) matched by number with \"{}\".",
            c.matched, c.plan
        )
    };
    ChangesView {
        plan: c.plan.clone(),
        summary,
        sections,
    }
}
