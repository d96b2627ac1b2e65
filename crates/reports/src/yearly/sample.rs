//! A believable yearly part for tests and benchmarks: a year of training with evaluations at
//! each stage (`sessions` of them over six courses), two case reviews (one recommendation
//! not implemented, with its reasons), engagement activities, funding and a distribution
//! list, for the financial year starting 1 April `start`. Deterministic.

use domain::learning::case_reviews::{CaseReviewKind, RecommendationStatus};
use domain::learning::engagement::Activity;
use domain::learning::rollup::{AttendanceRow, CourseLinks, SessionRun, evaluate};
use domain::learning::training::{Score, Stage};
use domain::{Date, Period};

use super::{Framework, RecommendationLine, ReviewLine, Yearly};

fn day(start: i16, offset: i64) -> Date {
    let first = Date::new(start, 4, 1).unwrap_or(Date::MIN);
    first
        .checked_add(jiff::Span::new().days(offset.rem_euclid(365)))
        .unwrap_or(first)
}

/// The sample's yearly part.
pub fn yearly(start: i16, framework: Framework, sessions: usize) -> Yearly {
    let period = Period::financial_year(start).unwrap_or(Period {
        start: Date::MIN,
        end: Date::MIN,
    });
    let label = format!("{start}-{:02}", (start + 1) % 100);
    let titles = [
        "Safeguarding basics",
        "Working together",
        "Neglect",
        "Domestic abuse",
        "Child sexual exploitation",
        "Serious case review learning",
    ];
    let courses: Vec<CourseLinks> = titles
        .iter()
        .zip(1_i64..)
        .map(|(t, id)| CourseLinks {
            id,
            title: (*t).to_owned(),
            priorities: vec![format!("{}", (id % 16) + 1)],
        })
        .collect();
    let agencies = [
        "Children's services",
        "Police",
        "Health",
        "Schools",
        "Probation",
    ];
    let mut runs = Vec::with_capacity(sessions);
    let mut scores = Vec::new();
    let mut attended = Vec::new();
    for s in 0..sessions {
        let session = s as i64 + 1;
        let course = (s % titles.len()) as i64 + 1;
        runs.push(SessionRun {
            course,
            session,
            places: 20,
            attended: 16,
        });
        for (i, agency) in agencies.iter().enumerate() {
            attended.push(AttendanceRow {
                course,
                session,
                agency: (*agency).to_owned(),
                role: if i % 2 == 0 {
                    "Social worker"
                } else {
                    "Manager"
                }
                .to_owned(),
                attended: if i == 0 { 4 } else { 3 },
            });
        }
        for r in 0..4 {
            // Follow-ups come back from three sessions in four: a real year's shape.
            let stages: &[(Stage, u8)] = if s % 4 == 3 {
                &[(Stage::Before, 2), (Stage::After, 4)]
            } else {
                &[(Stage::Before, 2), (Stage::After, 4), (Stage::FollowUp, 4)]
            };
            for (stage, base) in stages {
                scores.push(Score {
                    session,
                    stage: *stage,
                    respondent: format!("R{r}"),
                    outcome: "Recognises the signs".to_owned(),
                    score: base + u8::from(r % 2 == 0 && *base < 5),
                    comment: None,
                });
            }
        }
    }
    let training = evaluate(label.clone(), period, &courses, &runs, &scores, &attended);
    let rec = |text: &str, status, reason: Option<&str>, impact: Option<&str>| RecommendationLine {
        text: text.to_owned(),
        to_whom: Some("All partner agencies".to_owned()),
        status,
        reason: reason.map(str::to_owned),
        impact: impact.map(str::to_owned),
    };
    let reviews = vec![
        ReviewLine {
            kind: match framework {
                Framework::WorkingTogether => CaseReviewKind::SeriousCaseReview,
                Framework::CareAct => CaseReviewKind::SafeguardingAdultsReview,
            },
            case_name: "Child F".to_owned(),
            notified: day(start, 20),
            published: Some(day(start, 200)),
            recommendations: vec![
                rec(
                    "Agencies share chronologies at every strategy discussion",
                    RecommendationStatus::Implemented,
                    None,
                    Some("An audit of 20 strategy discussions found a shared chronology in 18."),
                ),
                rec(
                    "A single multi-agency referral form for the whole region",
                    RecommendationStatus::NotImplemented,
                    Some(
                        "The region's boards chose to keep local forms linked to one shared guidance note; the cost of one system was out of proportion.",
                    ),
                    None,
                ),
            ],
        },
        ReviewLine {
            kind: CaseReviewKind::LearningReview,
            case_name: "Family M".to_owned(),
            notified: day(start, 250),
            published: None,
            recommendations: vec![rec(
                "GPs are invited to every child protection conference",
                RecommendationStatus::InProgress,
                None,
                None,
            )],
        },
    ];
    let engagement = vec![
        Activity {
            held_on: day(start, 60),
            with_whom: "Children in care council".to_owned(),
            how_many: 14,
            how: "focus group".to_owned(),
            said: Some("Reviews happen without them in the room".to_owned()),
            changed: Some(
                "Review meetings are now held after school, with the young person chairing part"
                    .to_owned(),
            ),
            priorities: vec!["6".to_owned()],
        },
        Activity {
            held_on: day(start, 180),
            with_whom: "Practitioners' forum".to_owned(),
            how_many: 45,
            how: "survey".to_owned(),
            said: Some("Thresholds are read differently by each agency".to_owned()),
            changed: None,
            priorities: vec!["2".to_owned()],
        },
    ];
    let funding = vec![
        ("Kingston Council".to_owned(), 8_500_000),
        ("Metropolitan Police".to_owned(), 500_000),
        ("Kingston Primary Care Trust".to_owned(), 1_500_000),
        ("Probation".to_owned(), 200_000),
    ];
    let mut narratives = std::collections::BTreeMap::new();
    narratives.insert(
        "summary".to_owned(),
        "This was the first year of the improvement plan.\n\nThe board met four times and agreed its new priorities in March.".to_owned(),
    );
    Yearly {
        year: label,
        from: period.start,
        to: period.end,
        framework,
        narratives,
        distribution: vec![
            "Leader of the Council and the Lead Member for Children".to_owned(),
            "Chief executives of the partner agencies".to_owned(),
            "Ofsted".to_owned(),
            "The public, on the board's website".to_owned(),
        ],
        training: Some(training),
        reviews,
        engagement,
        funding,
        next_plan: None,
    }
}
