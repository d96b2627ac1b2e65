//! A small, believable slice of a board's own business for tests and benchmarks: four people
//! (one with no agency), a year's attendance in which one agency falls below the threshold,
//! and the September 2009 board meeting with an agenda naming three kinds of paper, a
//! decision, an action log, draft minutes and the June meeting's approved minutes.

use domain::meetings::{Attendance, QuorumRule, Share as Tallied, Tally};
use domain::{BoardRole, Date, Person};

use super::input::{
    AgendaEntry, AttendanceInput, Governance, LoggedAction, MeetingInput, MinutesInput, PaperFile,
    PaperInput, Seat,
};

fn day(text: &str) -> Date {
    text.parse().unwrap_or_default()
}

fn person(
    name: &str,
    agency: Option<&str>,
    job: &str,
    role: BoardRole,
    expertise: &[&str],
    term_ends: &str,
) -> Person {
    let mut p = Person::new(name, role);
    p.agency = agency.map(String::from);
    p.job_title = Some(job.to_owned());
    p.expertise = expertise.iter().map(|t| (*t).to_owned()).collect();
    p.term_ends = Some(day(term_ends));
    p.email = Some(format!(
        "{}@example.gov.uk",
        name.to_lowercase().replace(' ', ".")
    ));
    p
}

/// The register, attendance from April 2009 to March 2010 and the September board meeting.
pub fn governance() -> Governance {
    let people = vec![
        person(
            "Ann Lee",
            Some("Kingston Council"),
            "Director of Children's Services",
            BoardRole::Chair,
            &["safeguarding", "education"],
            "2011-03-31",
        ),
        person(
            "Bob Khan",
            Some("Metropolitan Police"),
            "Detective Inspector",
            BoardRole::Member,
            &["policing"],
            "2010-09-30",
        ),
        person(
            "Dev Patel",
            Some("Kingston Hospital"),
            "Named Nurse",
            BoardRole::Member,
            &["health"],
            "2009-12-31",
        ),
        person(
            "Cara Doyle",
            None,
            "Lay member",
            BoardRole::LayMember,
            &["community"],
            "2011-03-31",
        ),
    ];
    let share = |name: &str, expected, attended| Tallied {
        name: name.to_owned(),
        expected,
        attended,
    };
    let attendance = AttendanceInput {
        from: day("2009-04-01"),
        to: day("2010-03-31"),
        threshold: 75,
        tally: Tally {
            meetings: 4,
            agencies: vec![
                share("Kingston Council", 4, 4),
                share("Kingston Hospital", 4, 2),
                share("Metropolitan Police", 4, 3),
            ],
            people: vec![
                share("Ann Lee", 4, 4),
                share("Bob Khan", 4, 3),
                share("Cara Doyle", 4, 4),
                share("Dev Patel", 4, 2),
            ],
        },
        agency_of: [
            ("Ann Lee", "Kingston Council"),
            ("Bob Khan", "Metropolitan Police"),
            ("Dev Patel", "Kingston Hospital"),
        ]
        .into_iter()
        .map(|(p, a)| (p.to_owned(), a.to_owned()))
        .collect(),
    };
    let seats = [
        (
            "Ann Lee",
            Some("Kingston Council"),
            Attendance::Present,
            None,
        ),
        (
            "Bob Khan",
            Some("Metropolitan Police"),
            Attendance::Deputy,
            Some("Sam Reed"),
        ),
        ("Cara Doyle", None, Attendance::Present, None),
        (
            "Dev Patel",
            Some("Kingston Hospital"),
            Attendance::Apologies,
            None,
        ),
    ];
    let rule = QuorumRule {
        agencies: Some(2),
        members: None,
    };
    let filled: Vec<Option<&str>> = seats.iter().filter(|s| s.2.counts()).map(|s| s.1).collect();
    let meeting = MeetingInput {
        date: day("2009-09-16"),
        subgroup: None,
        time: Some("14:00".to_owned()),
        place: Some("Guildhall, Kingston upon Thames".to_owned()),
        agenda: vec![
            AgendaEntry {
                title: "Training strategy 2009-12".to_owned(),
                presenter: Some("Dev Patel".to_owned()),
                paper: Some(PaperInput {
                    reference: "Training strategy".to_owned(),
                    file: PaperFile::Pdf {
                        title: "Training strategy".to_owned(),
                        version: 2,
                    },
                }),
                actions: vec!["16.1".to_owned()],
                indicators: Vec::new(),
            },
            AgendaEntry {
                title: "Communications plan".to_owned(),
                presenter: Some("Ann Lee".to_owned()),
                paper: Some(PaperInput {
                    reference: "Communications plan".to_owned(),
                    file: PaperFile::Other {
                        title: "Communications plan".to_owned(),
                        version: 1,
                        media_type:
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                                .to_owned(),
                    },
                }),
                actions: vec!["5.2".to_owned()],
                indicators: Vec::new(),
            },
            AgendaEntry {
                title: "Performance report".to_owned(),
                presenter: None,
                paper: Some(PaperInput {
                    reference: "Paper 3".to_owned(),
                    file: PaperFile::NotInRegister,
                }),
                actions: Vec::new(),
                indicators: vec!["NI 65".to_owned()],
            },
        ],
        attendance: seats
            .iter()
            .map(|(p, a, s, d)| Seat {
                person: (*p).to_owned(),
                agency: a.map(String::from),
                status: *s,
                deputy: d.map(String::from),
            })
            .collect(),
        quorum: rule.judge(&filled),
        decisions: vec!["The board approved the training strategy 2009-12.".to_owned()],
        action_log: vec![
            LoggedAction {
                what: "Circulate the training strategy to every agency".to_owned(),
                who: "Business manager".to_owned(),
                due: Some(day("2009-10-01")),
                done: None,
                raised: day("2009-09-16"),
            },
            LoggedAction {
                what: "Publish the terms of reference".to_owned(),
                who: "Chair".to_owned(),
                due: Some(day("2009-07-31")),
                done: Some(day("2009-07-20")),
                raised: day("2009-06-17"),
            },
        ],
        minutes: Some(MinutesInput {
            text: "The chair welcomed members.\nThe board discussed the training strategy and approved it.".to_owned(),
            approved_at: None,
        }),
        last_minutes: Some((
            day("2009-06-17"),
            MinutesInput {
                text: "The board agreed its terms of reference.".to_owned(),
                approved_at: Some(day("2009-09-16")),
            },
        )),
    };
    Governance {
        people,
        attendance: Some(attendance),
        meeting: Some(meeting),
    }
}
