//! The demo's year of meetings (demo data: every person is "Demo: …"): the four board
//! meetings the demo progress already holds, and two sub-groups' meetings, with attendance
//! (the mental health trust and the police poorly), agendas, decisions, an action log
//! carried until done, and minutes approved at the next meeting.

use anyhow::Result;
use domain::meetings::{Attendance, QuorumRule, SubgroupState};
use domain::{BoardRole, Meeting, MeetingKind, Person};
use store::{AgendaItem, MeetingSettings, Stamp, Store, SubgroupChange};

use super::progress::BOARD_MEETINGS;

const ACTOR: &str = "Demo: Business Manager";

/// (name, index of the plan's agency, role) of the people this adds to the demo register.
const PEOPLE: [(&str, usize, BoardRole); 6] = [
    ("Demo: Kim Shaw", 3, BoardRole::Member),
    ("Demo: Ravi Bose", 4, BoardRole::Member),
    ("Demo: Mel Grant", 5, BoardRole::Member),
    ("Demo: Tom Hale", 7, BoardRole::Member),
    ("Demo: Una Reed", 8, BoardRole::Member),
    ("Demo: Val Cole", 9, BoardRole::Observer),
];

/// Each board member's attendance at the four board meetings: Present, apologies (Y),
/// Absent, Deputy.
const BOARD: [(&str, &str); 10] = [
    ("Demo: Pat Chair", "PPPP"),
    ("Demo: Alex Morgan", "PPDP"),
    ("Demo: Sam Patel", "PYPP"),
    ("Demo: Jo Reid", "PPPP"),
    ("Demo: Lee Stone", "PPYP"),
    ("Demo: Kim Shaw", "PPPP"),
    ("Demo: Ravi Bose", "PDPP"),
    ("Demo: Mel Grant", "YAPA"),
    ("Demo: Tom Hale", "PYAP"),
    ("Demo: Una Reed", "PPYP"),
];

/// (sub-group, chair, members with their attendance, meeting dates, how often, own item).
type DemoSubgroup = (
    &'static str,
    &'static str,
    [(&'static str, &'static str); 3],
    [&'static str; 4],
    &'static str,
    &'static str,
);

const SUBGROUPS: [DemoSubgroup; 2] = [
    (
        "Training",
        "Demo: Jo Reid",
        [
            ("Demo: Jo Reid", "PPPP"),
            ("Demo: Kim Shaw", "PYPP"),
            ("Demo: Tom Hale", "AAPY"),
        ],
        ["2009-05-13", "2009-08-12", "2009-11-11", "2010-02-10"],
        "Quarterly",
        "Evaluate the multi-agency course three months on",
    ),
    (
        "Policy and Procedures",
        "Demo: Alex Morgan",
        [
            ("Demo: Alex Morgan", "PPPP"),
            ("Demo: Sam Patel", "PPYP"),
            ("Demo: Mel Grant", "YPAA"),
        ],
        ["2009-05-27", "2009-08-26", "2009-11-25", "2010-02-24"],
        "Quarterly, two weeks after Training",
        "Review the threshold document after the first quarter",
    ),
];

/// (what, who, due, done) raised at each board meeting.
const ACTIONS: [(&str, &str, &str, Option<&str>); 4] = [
    (
        "Circulate the revised threshold document to every agency",
        "Demo: Alex Morgan",
        "2009-07-31",
        Some("2009-08-20"),
    ),
    (
        "Report the Section 11 audit returns to the board",
        "Demo: Jo Reid",
        "2009-11-30",
        Some("2010-01-15"),
    ),
    (
        "Agree the 2010-11 multi-agency training plan",
        "Demo: Jo Reid",
        "2010-03-01",
        None,
    ),
    (
        "Publish the annual report",
        "Demo: Pat Chair",
        "2010-07-31",
        None,
    ),
];

const DECISIONS: [&str; 4] = [
    "The board adopts the 2009-10 improvement plan.",
    "The threshold document is approved for use by every agency.",
    "A Quality Assurance sub-group is to be set up, reporting in March.",
    "The 2010-11 business plan is to carry forward the open actions.",
];

fn status(c: char) -> Attendance {
    match c {
        'P' => Attendance::Present,
        'Y' => Attendance::Apologies,
        'D' => Attendance::Deputy,
        _ => Attendance::Absent,
    }
}

async fn attend(store: &Store, slug: &str, id: i64, who: &str, c: char) -> Result<()> {
    let deputy = (c == 'D').then_some("Demo: a named deputy");
    store
        .record_attendance(slug, Stamp::now(ACTOR), id, who, status(c), deputy)
        .await?;
    Ok(())
}

/// Write the demo meetings once; a database that has them already is left alone.
pub async fn ensure(store: &Store, slug: &str) -> Result<()> {
    let people = store.people(slug).await?;
    if people.is_empty() || people.iter().any(|p| p.person.name == PEOPLE[0].0) {
        return Ok(());
    }
    let agencies = store.agencies(slug).await?;
    for (name, agency, role) in PEOPLE {
        let mut p = Person::new(name, role);
        p.agency = agencies.get(agency).map(|a| a.name.clone());
        p.appointed = Some("2009-04-01".parse()?);
        // As the governance demo's: an address nobody mistakes for a real one.
        let first = name
            .trim_start_matches("Demo: ")
            .split(' ')
            .next()
            .unwrap_or("demo");
        p.email = Some(format!("{}@demo.test", first.to_lowercase()));
        store.add_person(slug, Stamp::now(ACTOR), &p).await?;
    }
    let rules = MeetingSettings {
        quorum: QuorumRule {
            agencies: Some(5),
            members: Some(6),
        },
        attendance_threshold: 75,
    };
    store
        .set_meeting_settings(slug, Stamp::now(ACTOR), &rules)
        .await?;
    board(store, slug).await?;
    let known = store.subgroups(slug).await?;
    for (name, chair, members, dates, meets, item) in SUBGROUPS {
        let Some(s) = known.iter().find(|s| s.name.eq_ignore_ascii_case(name)) else {
            continue;
        };
        let change = SubgroupChange {
            status: Some(SubgroupState::Active),
            chair: Some(chair.into()),
            frequency: Some(meets.into()),
            quorum_agencies: Some(2),
            add_members: members.iter().map(|(m, _)| m.to_string()).collect(),
            ..SubgroupChange::default()
        };
        store
            .update_subgroup(slug, Stamp::now(ACTOR), &s.name, &change)
            .await?;
        store
            .add_subgroup_item(
                slug,
                Stamp::now(ACTOR),
                &s.name,
                item,
                Some("2010-03-31".parse()?),
            )
            .await?;
        for (i, day) in dates.iter().enumerate() {
            let m = Meeting {
                date: day.parse()?,
                kind: MeetingKind::Subgroup,
                subgroup: Some(s.name.clone()),
            };
            let id = store
                .add_meeting_with(
                    slug,
                    Stamp::now(ACTOR),
                    &m,
                    Some("14:00"),
                    Some("Guildhall, Committee Room 2"),
                )
                .await?;
            for (who, pattern) in members {
                attend(store, slug, id, who, pattern.chars().nth(i).unwrap_or('A')).await?;
            }
        }
    }
    Ok(())
}

/// The board meetings: attendance, agenda, decisions, actions and minutes.
async fn board(store: &Store, slug: &str) -> Result<()> {
    let mut ids = Vec::new();
    for (i, day) in BOARD_MEETINGS.iter().enumerate() {
        let date = day.parse()?;
        let id = match store.find_meeting(slug, date, None).await {
            Ok(id) => id,
            Err(_) => {
                let m = Meeting {
                    date,
                    kind: MeetingKind::Board,
                    subgroup: None,
                };
                store
                    .add_meeting_with(
                        slug,
                        Stamp::now(ACTOR),
                        &m,
                        Some("09:30"),
                        Some("Guildhall"),
                    )
                    .await?
            }
        };
        for (who, pattern) in BOARD {
            attend(store, slug, id, who, pattern.chars().nth(i).unwrap_or('A')).await?;
        }
        let items = [
            AgendaItem {
                title: "Progress on the improvement plan".into(),
                presenter: Some("Demo: Business Manager".into()),
                paper: Some(format!("Board paper as at {day}")),
                actions: vec!["1.1".into(), "4.1".into()],
                indicators: vec![],
            },
            AgendaItem {
                title: "Performance indicators".into(),
                presenter: Some("Demo: Kim Shaw".into()),
                paper: None,
                actions: vec!["2.1".into()],
                indicators: vec!["NI 64".into(), "NI 65".into()],
            },
        ];
        for item in &items {
            store
                .add_agenda_item(slug, Stamp::now(ACTOR), id, item)
                .await?;
        }
        store
            .add_decision(slug, Stamp::now(ACTOR), id, DECISIONS[i])
            .await?;
        let (what, who, due, done) = ACTIONS[i];
        let action = store
            .add_meeting_action(slug, Stamp::now(ACTOR), id, what, who, Some(due.parse()?))
            .await?;
        if let Some(done) = done {
            store
                .complete_meeting_action(slug, Stamp::now(ACTOR), action, done.parse()?)
                .await?;
        }
        let minutes = format!(
            "Demo minutes of the board meeting on {day}.\nThe board reviewed progress on the plan and its indicators."
        );
        store
            .set_minutes(slug, Stamp::now(ACTOR), id, &minutes)
            .await?;
        if let Some(previous) = ids.last() {
            store
                .approve_minutes(slug, Stamp::now(ACTOR), *previous, id)
                .await?;
        }
        ids.push(id);
    }
    Ok(())
}
