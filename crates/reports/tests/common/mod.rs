//! The Kingston sample plan with the sample's progress and indicators, as at a date, and the
//! helpers the reader tests share.
#![allow(dead_code)]

use reports::ReportInput;

pub const SAMPLE_PLAN: &str =
    include_str!("../../../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");

/// The fixed generated-at stamp every test uses.
pub fn generated_at() -> jiff::Timestamp {
    "2009-10-14T08:30:00Z".parse().expect("a timestamp")
}

/// The sample plan with believable progress as at `as_at`.
pub fn kingston(as_at: &str) -> ReportInput {
    let imported = formats::plan_text::import(SAMPLE_PLAN).expect("the sample plan imports");
    reports::sample::input(
        imported.partnership,
        0,
        as_at.parse().expect("a date"),
        generated_at(),
    )
}

/// The board paper's date in the sample: the September 2009 board meeting.
pub const BOARD_MEETING: &str = "2009-09-17";
/// The end of the plan's year.
pub const YEAR_END: &str = "2010-03-31";
