//! The partnership's yearly report (issue #14, item 5): one section per heading of its
//! framework (`yearly::headings`), each with what the framework asks, the business manager's
//! narrative where written, and text and tables generated from the board's data; then the
//! distribution list. It grows out of the annual report: the plan's part of it *is* the
//! annual report's outcomes, progress and what is carried forward (`super::annual`), the
//! indicators and assurance are the annual report's sections, and `report annual` stays the
//! plan's report on its own.

mod parts;
mod reviews;

use domain::Date;

use super::sections::{paragraph, section};
use crate::facts::Facts;
use crate::model::{Block, Section};
use crate::yearly::{DISTRIBUTION, Heading, Part, Yearly, headings};

/// The year the report covers, up to its date.
pub fn covers(f: &Facts<'_>) -> (Date, Date) {
    match &f.input.yearly {
        Some(y) => (y.from.min(f.as_at()), y.to.min(f.as_at())),
        None => super::annual::covers(f),
    }
}

pub fn sections(f: &Facts<'_>) -> Vec<Section> {
    let fallback = Yearly::default();
    let y = f.input.yearly.as_ref().unwrap_or(&fallback);
    let covers = covers(f);
    let mut out = vec![about(f, y)];
    for h in headings(y.framework) {
        out.push(one(f, y, h, covers));
    }
    out.push(distribution(y));
    out
}

/// The section for heading `h`: what the framework asks, the narrative, then the data.
pub fn one(f: &Facts<'_>, y: &Yearly, h: &Heading, covers: (Date, Date)) -> Section {
    let mut blocks = vec![paragraph(format!(
        "What {} asks for here: {}",
        y.framework.label(),
        h.asks
    ))];
    if let Some(text) = y.narratives.get(h.key) {
        blocks.extend(
            text.split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(paragraph),
        );
    }
    blocks.extend(generated(f, y, h.part, covers));
    Section {
        id: h.key.to_owned(),
        heading: h.title.to_owned(),
        blocks,
    }
}

/// The text and tables made from the board's data for `part`.
pub fn generated(f: &Facts<'_>, y: &Yearly, part: Part, covers: (Date, Date)) -> Vec<Block> {
    let sub = |s: Section| Block::Section { section: s };
    match part {
        Part::Summary => super::annual::summary(f, covers).blocks,
        Part::Plan => vec![
            sub(super::annual::outcomes(f)),
            sub(super::sections::progress_by_objective(f)),
            sub(super::annual::carried_forward(f)),
        ],
        Part::Indicators => super::sections::performance(f, true).blocks,
        Part::Assurance if f.input.assurance.is_empty() => vec![paragraph(
            "No audit, Section 11 cycle or risk is recorded in Boardplan for this year.",
        )],
        Part::Assurance => super::assurance::year(f).blocks,
        Part::Training => parts::training(y),
        Part::CaseReviews => reviews::all(y),
        Part::ReviewsConcluded => reviews::concluded(y),
        Part::ReviewsOngoing => reviews::ongoing(y),
        Part::FindingsActedOn => reviews::acted_on(y),
        Part::FindingsNotImplemented => reviews::not_implemented(y),
        Part::Engagement => parts::engagement(y),
        Part::Attendance => {
            let s = super::annual::governance(f);
            if s.is_empty() {
                vec![paragraph(
                    "No member register or meeting attendance is recorded for this year.",
                )]
            } else {
                s.into_iter().map(sub).collect()
            }
        }
        Part::Members => {
            let mut out: Vec<Block> = super::annual::governance(f).into_iter().map(sub).collect();
            out.push(sub(section(
                "Training attended by agency",
                parts::training_by_agency(y),
            )));
            out.push(sub(section("Funding by agency", parts::funding(y))));
            out
        }
        Part::Funding => parts::funding(y),
        Part::NextYear => parts::next_year(f, y),
    }
}

fn about(f: &Facts<'_>, y: &Yearly) -> Section {
    section(
        "About this report",
        vec![paragraph(format!(
            "{}'s yearly report for {} (1 April to 31 March), under the headings of {}. Each section says what the framework asks for, gives the board's own account and then what its records show.",
            f.input.partnership.name,
            if y.year.is_empty() {
                &f.plan.title
            } else {
                &y.year
            },
            y.framework.label()
        ))],
    )
}

fn distribution(y: &Yearly) -> Section {
    let mut s = section(
        "Distribution",
        if y.distribution.is_empty() {
            vec![paragraph(
                "No distribution list has been set for this report.",
            )]
        } else {
            vec![
                paragraph("This report goes to:"),
                Block::List {
                    items: y.distribution.clone(),
                },
            ]
        },
    );
    s.id = DISTRIBUTION.to_owned();
    s
}
