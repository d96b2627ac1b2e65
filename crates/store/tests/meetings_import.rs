//! Attendance from a file (issue #12, item 7), on SQLite and, with `TEST_DATABASE_URL`,
//! PostgreSQL: all of it recorded in one write with an entry per answer, or, when one row
//! names a meeting or person Boardplan does not know, none of it, the error naming the row
//! and column; the same file again changes nothing.

use domain::meetings::{Attendance, AttendanceLine};
use domain::{BoardRole, Meeting, MeetingKind, Person};
use store::{AttendanceImported, Store, StoreError};

use crate::progress_support::{KINGSTON, by, date, imported};

fn line(
    row: usize,
    d: &str,
    subgroup: Option<&str>,
    person: &str,
    status: Attendance,
) -> AttendanceLine {
    AttendanceLine {
        row,
        date: date(d),
        subgroup: subgroup.map(str::to_string),
        person: person.into(),
        status,
        deputy: None,
    }
}

async fn board(store: &Store) -> (i64, i64) {
    for (name, agency) in [("Ann Lee", "Metropolitan Police"), ("Bob Ray", "CAFCASS")] {
        let mut p = Person::new(name, BoardRole::Member);
        p.agency = Some(agency.into());
        store
            .add_person(KINGSTON, by("bm", "2009-04-02"), &p)
            .await
            .unwrap();
    }
    let mut ids = Vec::new();
    for (d, subgroup) in [("2009-06-17", None), ("2009-07-08", Some("Training"))] {
        let m = Meeting {
            date: date(d),
            kind: if subgroup.is_some() {
                MeetingKind::Subgroup
            } else {
                MeetingKind::Board
            },
            subgroup: subgroup.map(str::to_string),
        };
        ids.push(
            store
                .add_meeting_with(KINGSTON, by("bm", "2009-04-03"), &m, None, None)
                .await
                .unwrap(),
        );
    }
    (ids[0], ids[1])
}

#[tokio::test]
async fn a_file_with_one_bad_row_records_nothing_and_names_the_row_and_column() {
    let (store, _g) = imported().await;
    let (june, july) = board(&store).await;
    let before = store.change_log(KINGSTON).await.unwrap().len();
    let good = [
        line(2, "2009-06-17", None, "Ann Lee", Attendance::Present),
        line(
            3,
            "2009-07-08",
            Some("training"),
            "Bob Ray",
            Attendance::Apologies,
        ),
    ];
    let cases: [(AttendanceLine, &str, &str); 4] = [
        (
            line(4, "2009-06-17", None, "Nobody", Attendance::Present),
            "row 4, column \"Name\": \"Nobody\" is not on the member register",
            "an unknown person",
        ),
        (
            line(4, "2009-06-18", None, "Bob Ray", Attendance::Present),
            "row 4, column \"Date\": no meeting of the board on 2009-06-18",
            "an unknown meeting",
        ),
        (
            line(
                4,
                "2009-07-08",
                Some("Knitting"),
                "Bob Ray",
                Attendance::Present,
            ),
            "row 4, column \"Sub-group\": \"Knitting\" is not one of the partnership's sub-groups",
            "an unknown sub-group",
        ),
        (
            line(4, "2009-06-17", None, "ann lee", Attendance::Absent),
            "row 4, column \"Name\": Ann Lee at the meeting 2009-06-17 board is on row 2 too",
            "a person twice at one meeting",
        ),
    ];
    for (bad, message, what) in cases {
        let mut lines = good.to_vec();
        lines.push(bad);
        let err = store
            .import_meeting_attendance(KINGSTON, by("bm", "2009-07-10"), &lines)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::InvalidData { .. }),
            "{what}: {err}"
        );
        assert!(err.to_string().starts_with(message), "{what}: {err}");
        assert!(err.to_string().ends_with("nothing was imported"), "{err}");
    }
    assert_eq!(store.change_log(KINGSTON).await.unwrap().len(), before);
    for id in [june, july] {
        assert!(
            store
                .meeting(KINGSTON, id)
                .await
                .unwrap()
                .attendance
                .is_empty()
        );
    }

    let done = store
        .import_meeting_attendance(KINGSTON, by("bm", "2009-07-10"), &good)
        .await
        .unwrap();
    assert_eq!(
        done,
        AttendanceImported {
            recorded: 2,
            unchanged: 0,
            meetings: 2
        }
    );
    let m = store.meeting(KINGSTON, july).await.unwrap();
    assert_eq!(m.attendance[0].person, "Bob Ray");
    assert_eq!(m.attendance[0].status, Attendance::Apologies);
    let log = store.change_log(KINGSTON).await.unwrap();
    assert_eq!(log.len(), before + 2, "one entry per answer");
    assert!(log.iter().any(|c| c.entity == "attendance"
        && c.entity_key == "2009-06-17 board / Ann Lee"
        && c.actor == "bm"));
    let again = store
        .import_meeting_attendance(KINGSTON, by("bm", "2009-07-11"), &good)
        .await
        .unwrap();
    assert_eq!((again.recorded, again.unchanged), (0, 2));
    assert_eq!(store.change_log(KINGSTON).await.unwrap().len(), before + 2);
}
