//! Believable progress for a plan that has none yet: board meetings four times a year, updates
//! from lead officers before each meeting (most actions on track, some slipping, a few off
//! track, some never updated), completions with evidence signed off at the next meeting, and
//! the 2008 National Indicators with values, targets and commentary. Deterministic (no random
//! source: each action's course is read from a hash of its id), so demos, tests and benchmarks
//! always see the same reports. Invented, and labelled as such wherever it is shown.

use domain::{
    Date, Evidence, Meeting, MeetingKind, Partnership, Percent, Plan, Rag, SignOff, StatusRules,
    Update,
};
use indicators::{
    AreaCode, Catalogue, Commentary, IndicatorCode, Observation, Period, RagScheme, Series, Target,
    ValueStatus,
};
use jiff::ToSpan;

use crate::input::{IndicatorContext, IndicatorSummary, ReportInput, TrendLine};

/// Lead officers' names, for the `author` of updates (never shown in a public report).
pub const AUTHORS: [&str; 6] = [
    "Priya Shah",
    "Tom Everett",
    "Grace Okafor",
    "Mark Lindqvist",
    "Helen Marsh",
    "Daniel Byrne",
];

/// The board chair who signs completions off in the sample.
pub const CHAIR: &str = "Ann Whitfield";

const ON_TRACK: [&str; 4] = [
    "Work is under way as planned; the sub-group reviewed progress at its last meeting.",
    "Draft circulated to partner agencies for comment; responses due before the next board.",
    "Task and finish group has met twice and agreed its scope and timetable.",
    "Lead officer has mapped current practice across agencies; proposals to follow.",
];
const SLIPPING: [&str; 3] = [
    "Delayed by staff changes in two agencies; a revised timetable is with the sub-group.",
    "Some slippage: health partners have asked for more time to consult their boards.",
    "Waiting on data from partner agencies before the analysis can be finished.",
];
const OFF_TRACK: [&str; 3] = [
    "Off track: no lead agency has yet agreed to host the work; the board is asked to decide.",
    "Funding for the post has not been confirmed, so the work has stopped.",
    "Work has stalled: the sub-group has not been quorate since the last board meeting.",
];
const DONE: [&str; 3] = [
    "Complete: the final document was agreed by the sub-group and published on the website.",
    "Complete: training delivered to all partner agencies; evaluation report attached.",
    "Complete: protocol agreed and signed by all member agencies.",
];

/// A stable hash of `text` (FNV-1a), so an action's course never changes between runs.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn pick<'a>(list: &[&'a str], h: u64) -> &'a str {
    list[(h as usize) % list.len()]
}

fn at(d: Date, hour: i8) -> jiff::Timestamp {
    d.to_datetime(jiff::civil::time(hour, 0, 0, 0))
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map_or(jiff::Timestamp::UNIX_EPOCH, |z| z.timestamp())
}

/// Four board meetings a year over `plan`'s period: in the third week of June, September,
/// December and March.
pub fn board_meetings(plan: &Plan) -> Vec<Meeting> {
    let mut out = Vec::new();
    let mut d = plan.period.start;
    while d <= plan.period.end {
        if matches!(d.month(), 6 | 9 | 12 | 3)
            && let Ok(m) = Date::new(d.year(), d.month(), 17)
        {
            out.push(Meeting {
                date: m,
                kind: MeetingKind::Board,
                subgroup: None,
            });
        }
        match d.first_of_month().checked_add(1.month()) {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    out
}

/// Updates and sign-offs for every action of `plan`, written ten days before each board
/// meeting up to `until`.
pub fn progress(plan: &Plan, meetings: &[Meeting], until: Date) -> (Vec<Update>, Vec<SignOff>) {
    let mut updates = Vec::new();
    let mut signoffs = Vec::new();
    let rounds: Vec<Date> = meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::Board)
        .filter_map(|m| m.date.checked_sub(10.days()).ok())
        .filter(|d| *d <= until)
        .collect();
    for (_, a) in plan.actions() {
        let h = hash(&a.id);
        let fate = h % 10;
        if fate == 9 {
            continue; // never updated: shows up as stale and not rated
        }
        let done_round = (h / 10 % 3) as usize + 1;
        let author = pick(&AUTHORS, h / 7);
        for (k, &day) in rounds.iter().enumerate() {
            let done = fate < 5 && k >= done_round;
            let (rag, narrative) = match fate {
                _ if done => (Rag::Blue, pick(&DONE, h)),
                0..=6 => (Rag::Green, pick(&ON_TRACK, h + k as u64)),
                7 => (Rag::Amber, pick(&SLIPPING, h)),
                _ if k == 0 => (Rag::Amber, pick(&SLIPPING, h)),
                _ => (Rag::Red, pick(&OFF_TRACK, h)),
            };
            let percent = if done {
                100
            } else {
                ((k as i64 + 1) * 20 + (h % 15) as i64).min(90)
            };
            let evidence = if done {
                vec![if h.is_multiple_of(2) {
                    Evidence::Link {
                        url: format!(
                            "https://lscb.example/evidence/{}",
                            crate::words::slug(&a.id)
                        ),
                        title: Some(format!("Sub-group minutes approving action {}", a.number)),
                    }
                } else {
                    Evidence::File {
                        sha256: format!("{h:064x}"),
                        name: format!("action-{}-final-report.pdf", crate::words::slug(&a.number)),
                        media_type: "application/pdf".to_owned(),
                        size: 120_000 + h % 50_000,
                    }
                }]
            } else {
                Vec::new()
            };
            updates.push(Update {
                id: updates.len() as i64 + 1,
                action: a.id.clone(),
                rag,
                percent: Percent::new(percent).ok(),
                narrative: narrative.to_owned(),
                as_of: day,
                author: author.to_owned(),
                recorded_at: at(day, 16),
                evidence,
                corrects: None,
            });
            if done {
                // Signed off at the next board meeting, unless it is still awaiting sign-off.
                let next = meetings.iter().map(|m| m.date).filter(|d| *d > day).min();
                if let Some(meeting) = next.filter(|d| *d <= until && !h.is_multiple_of(5)) {
                    signoffs.push(SignOff {
                        id: signoffs.len() as i64 + 1,
                        action: a.id.clone(),
                        by: CHAIR.to_owned(),
                        role: "lscb-chair".to_owned(),
                        at: at(meeting, 19),
                        withdrawn: None,
                    });
                }
                break;
            }
        }
    }
    (updates, signoffs)
}

/// The indicator values of the sample: (code, values for 2006-07 to 2009-10, England's, the
/// 2009-10 target, commentary).
type Sample = (
    &'static str,
    [Option<f64>; 4],
    [f64; 4],
    Option<f64>,
    Option<&'static str>,
);

const VALUES: [Sample; 6] = [
    (
        "NI59",
        [Some(68.2), Some(71.5), Some(74.9), Some(79.3)],
        [68.0, 70.9, 72.1, 73.0],
        Some(80.0),
        Some("Timeliness has improved each year since the duty team was restructured."),
    ),
    (
        "NI60",
        [Some(81.0), Some(84.6), Some(83.1), Some(88.4)],
        [77.9, 78.5, 78.6, 76.0],
        Some(85.0),
        None,
    ),
    (
        "NI64",
        [Some(7.1), Some(5.3), Some(4.0), Some(6.2)],
        [6.0, 5.7, 5.8, 5.6],
        Some(5.0),
        Some(
            "Three long plans for one sibling group account for the rise; each has been reviewed by the independent chair.",
        ),
    ),
    (
        "NI65",
        [Some(9.8), Some(13.0), Some(17.4), Some(14.1)],
        [13.4, 13.3, 13.4, 13.1],
        None,
        Some(
            "Repeat plans rose in 2008-09 after cases were stepped down early; the QA sub-group audits every repeat plan.",
        ),
    ),
    (
        "NI67",
        [Some(100.0), Some(97.6), Some(100.0), Some(98.9)],
        [99.7, 99.7, 99.8, 99.7],
        Some(100.0),
        None,
    ),
    (
        "NI68",
        [Some(58.0), Some(61.3), None, Some(66.0)],
        [64.0, 63.0, 62.5, 61.0],
        None,
        None,
    ),
];

/// The sample's indicators as at `as_at`: periods that ended by then, judged with the
/// partnership's RAG scheme.
pub fn indicators(as_at: Date) -> Vec<IndicatorSummary> {
    let catalogue = Catalogue::builtin();
    let area = AreaCode::new("E09000021").ok();
    let periods: Vec<Period> = (2007..=2010)
        .filter_map(|y| Period::year_to_31_march(y).ok())
        .filter(|p| p.end_date() <= as_at)
        .collect();
    let scheme = RagScheme::default();
    let mut out = Vec::new();
    for (code, values, england, target, commentary) in VALUES {
        let (Some(ind), Some(area)) = (catalogue.get(code), area.clone()) else {
            continue;
        };
        let points = periods.iter().zip(values).map(|(p, v)| {
            (
                *p,
                v.map_or(
                    Observation::without_number(ValueStatus::NotAvailable),
                    Observation::published,
                ),
            )
        });
        let series = Series::from_points(ind.code.clone(), area, points);
        let last = periods.last().copied();
        let target_for = move |p: Period| -> Option<Target> {
            let value = target?;
            let indicator = IndicatorCode::new(code).ok()?;
            (Some(p) == last).then_some(Target {
                indicator,
                period: p,
                value,
                tolerance_percent: None,
            })
        };
        let note = commentary.and_then(|text| {
            Commentary::new(
                ind.code.clone(),
                None,
                last?,
                "Performance and quality assurance sub-group",
                as_at,
                text,
            )
            .ok()
        });
        let ctx = IndicatorContext {
            indicator: ind,
            area_name: "Kingston upon Thames",
            periods: &periods,
            target: &target_for,
            scheme: &scheme,
            comparators: vec![TrendLine {
                label: "England".to_owned(),
                values: england
                    .iter()
                    .take(periods.len())
                    .map(|v| Some(*v))
                    .collect(),
            }],
            commentary: note.as_ref(),
        };
        out.push(IndicatorSummary::judge(&series, &ctx));
    }
    out
}

/// A complete input for `partnership`'s plan at `plan_index`: sample meetings (added to the
/// partnership's own), progress and indicators as at `as_at`.
pub fn input(
    mut partnership: Partnership,
    plan_index: usize,
    as_at: Date,
    generated_at: jiff::Timestamp,
) -> ReportInput {
    let plan = partnership.plans.get(plan_index).cloned();
    let (updates, signoffs) = match &plan {
        Some(plan) => {
            let meetings = board_meetings(plan);
            let progress = progress(plan, &meetings, as_at);
            for m in meetings {
                if !partnership.meetings.contains(&m) {
                    partnership.meetings.push(m);
                }
            }
            partnership.meetings.sort_by_key(|m| m.date);
            progress
        }
        None => (Vec::new(), Vec::new()),
    };
    ReportInput {
        partnership,
        plan_index,
        updates,
        signoffs,
        as_at,
        as_recorded: false,
        previous_plan: None,
        indicators: indicators(as_at),
        rules: StatusRules::default(),
        generated_at,
        change_log: None,
        assurance: Default::default(),
        governance: Default::default(),
        yearly: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_action_always_takes_the_same_course() {
        assert_eq!(hash("4.2#2"), hash("4.2#2"));
        assert_ne!(hash("4.2"), hash("4.2#2"));
    }

    #[test]
    fn a_financial_year_has_four_board_meetings() {
        let plan = Plan {
            title: "P".into(),
            period: domain::Period::financial_year(2009).unwrap(),
            status: domain::PlanStatus::Active,
            objectives: vec![],
        };
        let dates: Vec<String> = board_meetings(&plan)
            .iter()
            .map(|m| m.date.to_string())
            .collect();
        assert_eq!(
            dates,
            ["2009-06-17", "2009-09-17", "2009-12-17", "2010-03-17"]
        );
    }

    #[test]
    fn indicators_only_show_years_that_had_ended_by_the_date() {
        let early = indicators("2009-10-14".parse().unwrap());
        let ni65 = early.iter().find(|i| i.code == "NI65").unwrap();
        assert_eq!(ni65.periods.last().map(String::as_str), Some("2008-09"));
        assert_eq!(ni65.latest.as_ref().map(|l| l.value), Some(17.4));
        let late = indicators("2010-03-31".parse().unwrap());
        let ni68 = late.iter().find(|i| i.code == "NI68").unwrap();
        assert_eq!(
            ni68.gaps,
            vec![("2008-09".to_owned(), "not available".to_owned())]
        );
        assert_eq!(ni68.rag, None, "a measure of context has no rating");
        let ni60 = late.iter().find(|i| i.code == "NI60").unwrap();
        assert_eq!(ni60.rag, Some(Rag::Green), "88.4 against a target of 85");
    }
}
