//! Version 2 of the JSON interchange document: the board's own business beside the plan tree,
//! with the register's files; version 1 still read, version 3 refused.

use std::collections::BTreeMap;

use crate::interchange_common::{d, rich};
use domain::business::*;
use domain::meetings::{Attendance, QuorumRule};
use domain::{AgencyDetails, AgencyKind, BoardRole, Contribution, documents::DocumentKind};
use formats::json::{self, Interchange};
use formats::{FormatError, Place};

fn member(name: &str, agency: Option<&str>, role: BoardRole) -> Member {
    Member {
        name: name.into(),
        agency: agency.map(str::to_string),
        job_title: Some("Head of service".into()),
        board_role: role,
        expertise: vec!["health".into()],
        part: None,
        appointed: Some(d("2009-04-01")),
        term_ends: None,
        deputy: None,
        email: Some(format!(
            "{}@example.gov.uk",
            name.to_lowercase().replace(' ', ".")
        )),
    }
}

/// The rich partnership with something in every part of its business, and one file.
pub fn rich_document() -> Interchange {
    let file = b"%PDF-1.4 demo terms of reference".to_vec();
    let sha = formats::sha256_hex(&file);
    let mut ann = member("Ann Lee", Some("Housing"), BoardRole::Chair);
    ann.deputy = Some("Bob Kay".into());
    let business = Business {
        people: vec![
            ann,
            member("Bob Kay", Some("Metropolitan Police"), BoardRole::Member),
        ],
        agencies: vec![AgencyDetails {
            name: "Housing".into(),
            kind: Some(AgencyKind::StatutoryPartner),
            representatives_expected: Some(2),
            contributions: vec![Contribution {
                year: 2009,
                pence: 1_250_050,
            }],
        }],
        subgroups: vec![SubgroupRun {
            closed: true,
            chair: Some("Bob Kay".into()),
            members: vec!["Ann Lee".into(), "Bob Kay".into()],
            frequency: Some("quarterly".into()),
            quorum: QuorumRule {
                agencies: Some(2),
                members: None,
            },
            items: vec![WorkItem {
                title: "Review the training offer".into(),
                due: Some(d("2010-03-31")),
                done: None,
            }],
            ..SubgroupRun::bare("Training")
        }],
        meeting_settings: Some(MeetingRules {
            quorum: QuorumRule {
                agencies: Some(3),
                members: Some(4),
            },
            attendance_threshold: 75,
        }),
        meetings: vec![
            MeetingRecord {
                time: Some("09:30".into()),
                place: Some("Guildhall".into()),
                agenda: vec![AgendaEntry {
                    title: "Progress".into(),
                    presenter: Some("Ann Lee".into()),
                    paper: Some("Board paper as at 2009-06-10".into()),
                    actions: vec!["1.1".into()],
                    indicators: vec!["NI 64".into()],
                }],
                attendance: vec![
                    AttendanceEntry {
                        person: "Ann Lee".into(),
                        status: Attendance::Present,
                        deputy: None,
                    },
                    AttendanceEntry {
                        person: "Bob Kay".into(),
                        status: Attendance::Deputy,
                        deputy: Some("Cal Dee".into()),
                    },
                ],
                decisions: vec!["The plan is agreed.".into()],
                actions: vec![LoggedAction {
                    what: "Circulate the plan".into(),
                    who: "Business Manager".into(),
                    due: Some(d("2009-07-01")),
                    done: None,
                    promoted: Some(PromotedAction {
                        plan: "Improvement Plan 2009-10".into(),
                        action: "1.1".into(),
                        on: d("2009-06-20"),
                    }),
                }],
                minutes: Some(MinutesEntry {
                    text: "Minutes.".into(),
                    approved_at: None,
                }),
                ..MeetingRecord::bare(d("2009-06-10"), None)
            },
            MeetingRecord::bare(d("2009-07-01"), Some("Training".into())),
        ],
        documents: vec![RegisterDocument {
            kind: DocumentKind::TermsOfReference,
            title: "Training terms of reference".into(),
            owner: "chair-training".into(),
            subgroup: Some("Training".into()),
            review_due: Some(d("2010-03-17")),
            approved: Some(DocumentApproval {
                meeting: MeetingRef {
                    date: d("2009-06-10"),
                    subgroup: None,
                },
                version: Some(1),
            }),
            superseded_on: None,
            versions: vec![DocumentFile {
                number: 1,
                name: "tor.pdf".into(),
                sha256: sha.clone(),
                note: None,
                added_by: "Demo: Business Manager".into(),
                added_at: "2009-06-01T10:00:00Z".into(),
            }],
        }],
        induction: Induction {
            items: vec!["Met the chair".into(), "Read the plan".into()],
            people: vec![InductionRecord {
                person: "Bob Kay".into(),
                done: vec![ItemDone {
                    item: "Met the chair".into(),
                    on: d("2009-05-01"),
                }],
                job_description_acknowledged: Some(d("2009-05-02")),
            }],
        },
    };
    Interchange {
        partnership: rich(),
        business,
        files: BTreeMap::from([(sha, file)]),
    }
}

fn import_err(text: &str) -> FormatError {
    json::import_document(text).expect_err("the document should be refused")
}

#[test]
fn a_whole_document_survives_export_import_export_byte_for_byte() {
    let doc = rich_document();
    let first = json::export_document(&doc).unwrap();
    assert!(first.starts_with("{\n  \"format\": \"boardplan-partnership\",\n  \"version\": 2,\n"));
    let back = json::import_document(&first).expect("the export imports");
    assert_eq!(back, doc);
    assert_eq!(json::export_document(&back).unwrap(), first);
}

#[test]
fn every_field_is_written_in_order_with_absent_values_as_null() {
    let text = json::export_document(&rich_document()).unwrap();
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("\"partnership\": {") < at("\"business\": {"));
    assert!(at("\"business\": {") < at("\"files\": {"));
    assert!(at("\"people\": [") < at("\"induction\": {"));
    assert!(text.contains("\"term_ends\": null"));
    assert!(text.contains("\"done\": null"));
    assert!(
        !text.contains("\"account\""),
        "account links are not carried"
    );
}

#[test]
fn a_version_1_document_is_still_read_with_no_business() {
    let text = include_str!("fixtures/interchange/rich-partnership.json");
    let doc = json::import_document(text).expect("version 1 imports");
    assert_eq!(doc.partnership, rich());
    assert!(doc.business.is_empty() && doc.files.is_empty());
    assert_eq!(json::import(text), Ok(rich()));
}

#[test]
fn version_1_refuses_the_fields_of_version_2() {
    let text = json::export(&rich()).replacen(
        "\"partnership\": {",
        "\"business\": {}, \"partnership\": {",
        1,
    );
    let e = import_err(&text);
    assert_eq!(e.place, Place::Field("business".into()));
    assert!(
        e.fix.contains("\"format\", \"version\", \"partnership\""),
        "{}",
        e.fix
    );
}

#[test]
fn an_unknown_field_in_the_business_is_refused_with_its_path_and_the_fields_allowed() {
    let text = json::export_document(&rich_document()).unwrap().replacen(
        "\"frequency\": \"quarterly\"",
        "\"frequency\": \"quarterly\", \"venue\": \"Room 2\"",
        1,
    );
    let e = import_err(&text);
    assert_eq!(e.place, Place::Field("business.subgroups[0].venue".into()));
    assert!(
        e.fix
            .contains("chair, closed, frequency, items, members, name, quorum"),
        "{}",
        e.fix
    );
}

#[test]
fn a_wrong_type_or_a_dangling_name_names_its_path() {
    let text = json::export_document(&rich_document()).unwrap().replacen(
        "\"attendance_threshold\": 75",
        "\"attendance_threshold\": \"75\"",
        1,
    );
    assert_eq!(
        import_err(&text).place,
        Place::Field("business.meeting_settings.attendance_threshold".into())
    );
    let mut doc = rich_document();
    doc.business.meetings[0].attendance[0].person = "Nobody".into();
    let e = import_err(&json::export_document(&doc).unwrap());
    assert_eq!(
        e.place,
        Place::Field("business.meetings[0].attendance[0].person".into())
    );
    let mut doc = rich_document();
    doc.business.meetings[0]
        .minutes
        .as_mut()
        .unwrap()
        .approved_at = Some(MeetingRef {
        date: d("2009-07-01"),
        subgroup: Some("Training".into()),
    });
    let e = import_err(&json::export_document(&doc).unwrap());
    assert_eq!(
        e.place,
        Place::Field("business.meetings[0].minutes.approved_at".into())
    );
    assert!(
        e.problem.contains("later meeting of the same body"),
        "{}",
        e.problem
    );
    let mut doc = rich_document();
    doc.business.documents[0].owner = "no-such-role".into();
    let e = import_err(&json::export_document(&doc).unwrap());
    assert_eq!(e.place, Place::Field("business.documents[0].owner".into()));
}

#[test]
fn a_file_must_match_its_hash_and_every_named_file_must_be_given() {
    let mut doc = rich_document();
    let sha = doc.files.keys().next().unwrap().clone();
    doc.files.insert(sha.clone(), b"something else".to_vec());
    let e = import_err(&json::export_document(&doc).unwrap());
    assert_eq!(e.place, Place::Field(format!("files.{sha}")));
    let mut doc = rich_document();
    doc.files.clear();
    let e = import_err(&json::export_document(&doc).unwrap());
    assert_eq!(
        e.place,
        Place::Field("business.documents[0].versions[0].sha256".into())
    );
}

#[test]
fn version_3_is_refused_with_advice_to_upgrade() {
    let text = json::export_document(&rich_document()).unwrap().replacen(
        "\"version\": 2",
        "\"version\": 3",
        1,
    );
    let e = import_err(&text);
    assert_eq!(e.place, Place::Field("version".into()));
    assert!(e.problem.contains("newer Boardplan"), "{}", e.problem);
    assert!(e.fix.contains("Upgrade"), "{}", e.fix);
}

#[test]
fn the_plan_only_import_refuses_a_document_with_business_rather_than_drop_it() {
    let text = json::export_document(&rich_document()).unwrap();
    let e = json::import(&text).unwrap_err();
    assert_eq!(e.place, Place::Field("business".into()));
    assert!(e.fix.contains("boardplan import"), "{}", e.fix);
    let empty = Interchange {
        partnership: rich(),
        ..Interchange::default()
    };
    assert_eq!(
        json::import(&json::export_document(&empty).unwrap()),
        Ok(rich())
    );
}
