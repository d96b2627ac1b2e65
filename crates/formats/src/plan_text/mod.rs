//! The importer for a plan's text-document form: the text a word processor gives when a
//! board's improvement plan is saved as plain text.
//!
//! The prose at the top names the board, its agencies, sub-groups and reviews; a
//! tab-separated table holds the objectives and their numbered outcomes. Reading happens in
//! small steps, one module each:
//!
//! - `decode` — bytes to text, refusing binary files;
//! - `lines` — lines, cells, `<p>` paragraphs, bullets;
//! - `sections` — the prose: board, plan title and years, meetings, agencies, sub-groups;
//! - `reviews` — the source key, and each review's date and recommendations;
//! - `table` — the heading row and rows, page-break continuations joined back;
//! - `numbering` — objective and outcome numbers;
//! - `objectives` — rows into objectives and actions;
//! - `roles` — lead names into roles;
//! - `references` — cross-references between actions;
//! - `trace` — recommendations to the rows that answer them.
//!
//! Nothing is dropped quietly: every oddity becomes a warning with its line, every guess an
//! `Inferred` entry, and a document that cannot be read is an error naming the line and
//! the fix.

mod decode;
mod lines;
mod numbering;
pub(crate) mod objectives;
pub(crate) mod references;
mod reviews;
pub(crate) mod roles;
mod sections;
mod table;
pub(crate) mod text;
mod trace;

use domain::{ImportReport, Partnership, Plan, Warning, WarningKind};

use crate::{FormatError, Place};

/// A partnership read from a plan document, and what the reading found.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub partnership: Partnership,
    pub report: ImportReport,
}

/// Import a plan document given as bytes: refuses a file over
/// [`crate::MAX_DOCUMENT_BYTES`], a binary file and text that is not UTF-8; drops a
/// byte-order mark.
pub fn import_bytes(bytes: &[u8]) -> Result<Imported, FormatError> {
    FormatError::check_size(bytes.len())?;
    import(decode::text(bytes)?)
}

fn empty_document() -> FormatError {
    FormatError::new(
        Place::Document,
        "the document is empty, so no plan table was found.",
        "Save the plan from its word processor as plain text, keeping its table (cells separated by tabs), and import that file.",
    )
}

fn no_table() -> FormatError {
    FormatError::new(
        Place::Document,
        "no plan table was found: no line has tab-separated column headings such as \"Objectives\", \"Outcomes\" and \"Lead\".",
        "Keep the table's heading row when saving the plan as text, with its cells separated by tabs, e.g. \"Objectives<TAB>Source<TAB>Time Scale<TAB>Outcomes<TAB>Lead\".",
    )
}

/// Import a plan document's text.
pub fn import(text: &str) -> Result<Imported, FormatError> {
    FormatError::check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(empty_document());
    }
    let lines = lines::split(text);
    let (at, header) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| table::header(l).map(|h| (i, h)))
        .ok_or_else(no_table)?;
    let mut report = ImportReport::default();

    let after: Vec<lines::Line<'_>> = lines[at + 1..]
        .iter()
        .filter(|l| !l.has_tab())
        .copied()
        .collect();
    let prose = sections::read(&lines[..at], &after, &mut report)?;
    let just_above = lines[..at].iter().rev().find(|l| !l.is_blank());
    let raws = table::read(&lines[at..], header, just_above, &mut report)?;

    let ctx = objectives::Context {
        reviews: &prose.reviews,
        period: prose.period,
    };
    let mut registry = roles::Registry::default();
    let built = objectives::build(&raws, &ctx, &mut registry, &mut report)?;
    let mut objectives = built.objectives;
    let roles = registry.finish(&prose.subgroups);
    objectives::use_role_ids(&mut objectives, &roles.ids);
    report.warnings.extend(roles.warnings);
    references::link(&mut objectives, &built.action_lines, &mut report.warnings);
    if prose.reviews.is_empty() && objectives.iter().any(|o| !o.sources.is_empty()) {
        report.warnings.push(Warning {
            line: 0,
            kind: WarningKind::Other,
            message: "the plan names sources but has no source key (lines like \"PR = Peer review\"), so its reviews are unknown.".to_string(),
        });
    }

    let mut reviews = prose.reviews;
    report.gaps = trace::trace(&mut reviews, &objectives);
    let partnership = Partnership {
        name: prose.name,
        area: prose.area,
        meetings_per_year: prose.meetings_per_year,
        agencies: prose.agencies,
        subgroups: prose.subgroups,
        roles: roles.roles,
        reviews,
        meetings: Vec::new(),
        plans: vec![Plan {
            title: prose.title,
            period: prose.period,
            status: prose.status,
            objectives,
        }],
    };
    report.warnings.sort_by_key(|w| w.line);
    report.inferred.sort_by_key(|i| i.line);
    report.count(&partnership);
    Ok(Imported {
        partnership,
        report,
    })
}
