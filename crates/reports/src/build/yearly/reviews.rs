//! The case reviews in the yearly report: every review with its recommendations (Working
//! Together), or the Care Act 2014, Schedule 2 items (d) to (g): the reviews concluded in the
//! year with their findings, those ongoing at its end, what was done to implement the
//! findings, and each finding not implemented with the reasons for the decision.

use domain::learning::case_reviews::RecommendationStatus;

use crate::build::sections::paragraph;
use crate::model::{Block, Cell, Column, Table};
use crate::words;
use crate::yearly::{RecommendationLine, ReviewLine, Yearly};

fn review_name(r: &ReviewLine) -> String {
    format!("{}: {}", r.kind.label(), r.case_name)
}

fn opt(t: &Option<String>) -> Cell {
    t.as_deref().map_or(Cell::Empty, Cell::text)
}

fn reviews_table(id: &str, caption: String, reviews: &[&ReviewLine]) -> Block {
    Block::Table {
        table: Table {
            id: id.to_owned(),
            caption,
            columns: vec![
                Column::text("Review"),
                Column::text("Notified"),
                Column::text("Published"),
                Column::number("Recommendations"),
            ],
            rows: reviews
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(review_name(r)),
                        Cell::date(Some(r.notified)),
                        r.published
                            .map_or(Cell::text("not yet"), |d| Cell::date(Some(d))),
                        Cell::count(r.recommendations.len()),
                    ]
                })
                .collect(),
        },
    }
}

/// Recommendations as rows: review, recommendation, to whom, status, and the reasons (not
/// implemented) or the evidence of impact.
fn recommendations_table(
    id: &str,
    caption: String,
    recs: &[(&ReviewLine, &RecommendationLine)],
) -> Block {
    Block::Table {
        table: Table {
            id: id.to_owned(),
            caption,
            columns: vec![
                Column::text("Review"),
                Column::text("Recommendation"),
                Column::text("To whom"),
                Column::text("Status"),
                Column::text("Reasons, or evidence of impact"),
            ],
            rows: recs
                .iter()
                .map(|(r, x)| {
                    vec![
                        Cell::text(review_name(r)),
                        Cell::text(&x.text),
                        opt(&x.to_whom),
                        Cell::text(x.status.label()),
                        match x.status {
                            RecommendationStatus::NotImplemented => opt(&x.reason),
                            _ => opt(&x.impact),
                        },
                    ]
                })
                .collect(),
        },
    }
}

fn recs(y: &Yearly) -> impl Iterator<Item = (&ReviewLine, &RecommendationLine)> {
    y.reviews
        .iter()
        .flat_map(|r| r.recommendations.iter().map(move |x| (r, x)))
}

/// Working Together: every review of the year and every recommendation as it stands.
pub fn all(y: &Yearly) -> Vec<Block> {
    if y.reviews.is_empty() {
        return vec![paragraph(
            "No case review is recorded by the end of the year.",
        )];
    }
    let all: Vec<_> = recs(y).collect();
    let count = |s| all.iter().filter(|(_, x)| x.status == s).count();
    let reviews: Vec<&ReviewLine> = y.reviews.iter().collect();
    vec![
        paragraph(format!(
            "{} by the end of the year, with {}: {} implemented, {} in progress and {} not implemented (each with its reasons).",
            words::count(y.reviews.len(), "case review", "case reviews"),
            words::count(all.len(), "recommendation", "recommendations"),
            count(RecommendationStatus::Implemented),
            count(RecommendationStatus::InProgress),
            count(RecommendationStatus::NotImplemented),
        )),
        reviews_table("case-reviews", "Case reviews".to_owned(), &reviews),
        recommendations_table(
            "review-recommendations",
            "Recommendations and where they stand".to_owned(),
            &all,
        ),
    ]
}

/// (d): the reviews published in the year, with their findings.
pub fn concluded(y: &Yearly) -> Vec<Block> {
    let done: Vec<&ReviewLine> = y
        .reviews
        .iter()
        .filter(|r| r.concluded_in(y.from, y.to))
        .collect();
    if done.is_empty() {
        return vec![paragraph("No review concluded in the year.")];
    }
    let findings: Vec<_> = recs(y)
        .filter(|(r, _)| r.concluded_in(y.from, y.to))
        .collect();
    vec![
        reviews_table(
            "reviews-concluded",
            "Reviews concluded in the year".to_owned(),
            &done,
        ),
        recommendations_table(
            "findings",
            "Their findings and recommendations".to_owned(),
            &findings,
        ),
    ]
}

/// (e): the reviews not published by the year's end.
pub fn ongoing(y: &Yearly) -> Vec<Block> {
    let open: Vec<&ReviewLine> = y.reviews.iter().filter(|r| r.ongoing_at(y.to)).collect();
    if open.is_empty() {
        return vec![paragraph("No review was ongoing at the end of the year.")];
    }
    vec![reviews_table(
        "reviews-ongoing",
        "Reviews ongoing at the end of the year".to_owned(),
        &open,
    )]
}

/// (f): the findings implemented or being implemented, with evidence of impact.
pub fn acted_on(y: &Yearly) -> Vec<Block> {
    let acted: Vec<_> = recs(y)
        .filter(|(_, x)| x.status != RecommendationStatus::NotImplemented)
        .collect();
    if acted.is_empty() {
        return vec![paragraph("No finding is being implemented.")];
    }
    vec![recommendations_table(
        "findings-implemented",
        "Findings implemented or in progress".to_owned(),
        &acted,
    )]
}

/// (g): each finding the board decided not to implement, with its reasons.
pub fn not_implemented(y: &Yearly) -> Vec<Block> {
    let not: Vec<_> = recs(y)
        .filter(|(_, x)| x.status == RecommendationStatus::NotImplemented)
        .collect();
    if not.is_empty() {
        return vec![paragraph(
            "The board decided to implement every finding of its reviews.",
        )];
    }
    vec![
        paragraph(format!(
            "The board decided not to implement {}; the reasons for each decision follow.",
            words::count(not.len(), "finding", "findings")
        )),
        Block::List {
            items: not
                .iter()
                .map(|(r, x)| {
                    format!(
                        "{} ({}): not implemented because {}",
                        x.text,
                        review_name(r),
                        x.reason.as_deref().unwrap_or("(no reason recorded)")
                    )
                })
                .collect(),
        },
        recommendations_table(
            "findings-not-implemented",
            "Findings not implemented, with the reasons".to_owned(),
            &not,
        ),
    ]
}
