//! Reminders by e-mail, sent to a real SMTP server (aiosmtpd, started by the test through
//! testkit): a message per kind checked as it arrives, the server down and coming back, no
//! duplicate after the sender restarts or a worker dies mid-send, the `.eml` fallback, two
//! schedulers on one database, and the unsubscribe link (a forged one refused).

use std::collections::HashSet;
use std::time::Duration;

use axum::http::StatusCode;
use domain::assurance::section11::Standard;
use domain::documents::{DocumentKind, NewDocument};
use domain::reminders::ReminderKind;
use domain::{BoardRole, Date, Meeting, MeetingKind, Person};
use store::{NewCycle, S11Rating, Stamp, Store};
use testkit::smtp::SmtpSink;
use web::mail::transport::Sender;
use web::mail::worker::deliver_due;
use web::mail::{MailConfig, Smtp, TlsMode, Transport};
use web::reminders::round::{compose_all, round};

use crate::common::{KINGSTON, TestApp, app};

const BASE: &str = "https://boardplan.example";

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

/// The day every kind is due: 1.x and others overdue, December's actions due soon, a board
/// meeting three days off, and the digest.
const AS_AT: &str = "2009-12-20";

async fn with_meeting(a: &TestApp) {
    let m = Meeting {
        date: day("2009-12-23"),
        kind: MeetingKind::Board,
        subgroup: None,
    };
    a.store
        .add_meeting(KINGSTON, Stamp::now("test"), &m)
        .await
        .unwrap();
}

/// The board's business falling due on [`AS_AT`]: a protocol owned by the training chair's
/// role (the lead's) due for review on 31 December 2009, and the 2009 Section 11 cycle taking
/// returns due the same day, with the lead linked to CAFCASS on the member register and
/// CAFCASS's return half done; the other agencies' returns, with nobody linked, are the
/// business manager's to chase.
async fn with_business(a: &TestApp) {
    let d = NewDocument {
        kind: DocumentKind::Protocol,
        title: "Escalation protocol".into(),
        owner: "chair-training".into(),
        subgroup: None,
        review_due: Some(day("2009-12-31")),
    };
    a.store
        .add_document(KINGSTON, Stamp::now("test"), &d, None)
        .await
        .unwrap();
    let mut p = Person::new("Lee Lead", BoardRole::Member);
    p.agency = Some("CAFCASS".into());
    p.account = Some("lead@kingston.test".into());
    a.store
        .add_person(KINGSTON, Stamp::now("test"), &p)
        .await
        .unwrap();
    let c = NewCycle {
        year: 2009,
        standards: Some(vec![
            Standard {
                number: "1".into(),
                title: "Senior commitment".into(),
            },
            Standard {
                number: "2".into(),
                title: "Accountability".into(),
            },
        ]),
        scale: None,
        due_on: Some(day("2009-12-31")),
    };
    a.store
        .add_s11_cycle(KINGSTON, Stamp::now("test"), &c)
        .await
        .unwrap();
    let r = S11Rating {
        agency: "CAFCASS".into(),
        standard: "1".into(),
        rating: "green".into(),
        evidence: Some("Supervision audit".into()),
        signatory: None,
    };
    a.store
        .rate_s11(KINGSTON, Stamp::now("test"), 2009, &r)
        .await
        .unwrap();
}

fn smtp(sink: &SmtpSink, retry: Duration) -> MailConfig {
    MailConfig {
        transport: Transport::Smtp(Smtp {
            host: "127.0.0.1".into(),
            port: Some(sink.port),
            tls: TlsMode::None,
            username: Some("boardplan".into()),
            password: Some("a test password".into()),
        }),
        retry_after: retry,
        ..MailConfig::folder("unused")
    }
}

/// A header's value, its folded lines joined again.
fn header(message: &str, name: &str) -> Option<String> {
    let head = message.split("\r\n\r\n").next().unwrap_or(message);
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .map(|v| v.trim().to_string())
}

/// The body as sent: quoted-printable soft breaks joined again.
fn body_of(message: &str) -> String {
    let body = message.split_once("\r\n\r\n").map_or(message, |(_, b)| b);
    body.replace("=\r\n", "").replace("=3D", "=")
}

#[tokio::test]
async fn a_message_per_kind_arrives_by_smtp_naming_actions_and_linking_to_their_forms() {
    let dir = tempfile::tempdir().unwrap();
    let login = ("boardplan", "a test password");
    let Some(sink) = SmtpSink::start("reminders by SMTP", dir.path(), Some(login)) else {
        return;
    };
    let a = app().await;
    with_meeting(&a).await;
    with_business(&a).await;
    let out = round(&a.store, day(AS_AT), BASE, "test", None)
        .await
        .unwrap();
    let kinds: HashSet<ReminderKind> = out.composed.iter().map(|o| o.reminder.kind).collect();
    assert_eq!(
        kinds,
        HashSet::from(ReminderKind::ALL),
        "every kind is due on {AS_AT}"
    );
    assert_eq!(out.queued, out.composed.len());
    let config = smtp(&sink, Duration::from_secs(60));
    let sender = Sender::new(&config).unwrap();
    let done = deliver_due(&a.store, &sender, &config, "w1").await.unwrap();
    assert_eq!(done.sent, out.queued, "{done:?}");
    let got = sink.received();
    assert_eq!(got.len(), out.queued);
    for o in &out.composed {
        let m = got
            .iter()
            .find(|m| header(m, "Message-ID") == Some(format!("<{}>", o.message_id)))
            .unwrap_or_else(|| panic!("{} did not arrive", o.subject));
        assert_eq!(header(m, "To"), Some(o.reminder.to.email.clone()));
        assert_eq!(header(m, "Subject"), Some(o.subject.clone()));
        let body = body_of(m);
        for action in &o.reminder.actions {
            let link = format!(
                "{BASE}/p/{KINGSTON}/actions/{}#update",
                action.id.replace('#', "%23")
            );
            assert!(body.contains(&link), "{link} missing from {body}");
        }
        for d in &o.reminder.documents {
            let link = format!("{BASE}/p/{KINGSTON}/documents/{}", d.id);
            assert!(body.contains(&link), "{link} missing from {body}");
        }
        for t in &o.reminder.returns {
            let link = format!(
                "{BASE}/p/{KINGSTON}/s11/{}/return?agency={}",
                t.year,
                t.agency.replace(' ', "+").replace('\'', "%27")
            );
            assert!(body.contains(&link), "{link} missing from {body}");
        }
        assert!(body.contains(&format!("{BASE}/unsubscribe/")), "{body}");
    }
    // The document review as it arrived: to the owner role's holder, naming the title and
    // review date, linking to the document's page (not to an update form).
    let arrived = |kind: ReminderKind, to: &str| {
        let o = out
            .composed
            .iter()
            .find(|o| o.reminder.kind == kind && o.reminder.to.email == to)
            .unwrap_or_else(|| panic!("no {kind:?} to {to}"));
        let m = got
            .iter()
            .find(|m| header(m, "Message-ID") == Some(format!("<{}>", o.message_id)))
            .unwrap();
        (header(m, "Subject").unwrap(), body_of(m))
    };
    let (subject, body) = arrived(ReminderKind::DocumentReview, "lead@kingston.test");
    assert!(
        subject.ends_with(": review of \"Escalation protocol\" due on 2009-12-31"),
        "{subject}"
    );
    assert!(body.contains("Escalation protocol"), "{body}");
    assert!(body.contains("review due on 2009-12-31"), "{body}");
    assert!(
        body.contains(&format!("{BASE}/p/{KINGSTON}/documents/")),
        "{body}"
    );
    assert!(!body.contains("#update"), "{body}");
    // The Section 11 return as it arrived: to the lead linked to CAFCASS, the standards
    // unrated by count, never a rating or its evidence.
    let (subject, body) = arrived(ReminderKind::Section11Outstanding, "lead@kingston.test");
    assert!(
        subject.ends_with(": Section 11 return 2009 for CAFCASS due on 2009-12-31"),
        "{subject}"
    );
    assert!(body.contains("1 of 2 standards not yet rated"), "{body}");
    assert!(
        body.contains(&format!(
            "{BASE}/p/{KINGSTON}/s11/2009/return?agency=CAFCASS"
        )),
        "{body}"
    );
    assert!(
        !body.contains("green") && !body.contains("Supervision audit"),
        "{body}"
    );
    // The agencies nobody linked may complete are the business manager's to chase.
    let (subject, _) = arrived(ReminderKind::Section11Outstanding, "manager@kingston.test");
    assert!(
        subject.ends_with("Section 11 returns outstanding"),
        "{subject}"
    );
    // Everything recorded: the next round sends nothing again.
    let again = round(&a.store, day(AS_AT), BASE, "test", None)
        .await
        .unwrap();
    assert!(again.composed.is_empty(), "{:?}", again.composed);
}

#[tokio::test]
async fn while_the_server_is_down_messages_wait_and_arrive_once_when_it_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mut sink) = SmtpSink::start(
        "SMTP down and back",
        dir.path(),
        Some(("boardplan", "a test password")),
    ) else {
        return;
    };
    let a = app().await;
    let out = round(&a.store, day(AS_AT), BASE, "test", Some(KINGSTON))
        .await
        .unwrap();
    assert!(out.queued > 0);
    sink.stop();
    // Times are kept to the second: a wait of two seconds is one of at least one.
    let config = smtp(&sink, Duration::from_secs(2));
    let sender = Sender::new(&config).unwrap();
    let down = deliver_due(&a.store, &sender, &config, "w1").await.unwrap();
    assert_eq!((down.sent, down.waiting), (0, 1), "{down:?}");
    let tried = a.store.outbox().await.unwrap()[0].clone();
    assert_eq!((tried.state.as_str(), tried.attempts), ("queued", 1));
    // Backing off: the next pass tries another message, not the one that just failed.
    deliver_due(&a.store, &sender, &config, "w1").await.unwrap();
    assert_eq!(a.store.outbox().await.unwrap()[0].attempts, 1);
    sink.restart();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let back = deliver_due(&a.store, &sender, &config, "w1").await.unwrap();
    let outbox = a.store.outbox().await.unwrap();
    assert!(
        outbox.iter().all(|m| m.state == "sent"),
        "{outbox:?} after {back:?}"
    );
    let ids: Vec<String> = sink
        .received()
        .iter()
        .filter_map(|m| header(m, "Message-ID"))
        .collect();
    assert_eq!(ids.len(), out.queued, "each message exactly once");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
    let first = &outbox[0];
    let log = a.store.mail_attempts(first.id).await.unwrap();
    assert_eq!(log.first().map(|l| l.outcome.as_str()), Some("retry"));
    assert_eq!(log.last().map(|l| l.outcome.as_str()), Some("sent"));
    assert!(
        log.iter().all(|l| !l.detail.contains("Dear")),
        "no body in the log"
    );
}

#[tokio::test]
async fn a_restarted_sender_sends_nothing_twice_and_takes_over_a_dead_workers_claim() {
    let dir = tempfile::tempdir().unwrap();
    let Some(sink) = SmtpSink::start(
        "SMTP after a restart",
        dir.path(),
        Some(("boardplan", "a test password")),
    ) else {
        return;
    };
    let a = app().await;
    let out = round(&a.store, day(AS_AT), BASE, "test", Some(KINGSTON))
        .await
        .unwrap();
    // A worker claims one message and dies before sending it: its claim runs out at once.
    let dead = a
        .store
        .claim_mail("dead", jiff::Timestamp::now(), jiff::SignedDuration::ZERO)
        .await
        .unwrap()
        .unwrap();
    let config = smtp(&sink, Duration::from_secs(60));
    let first = Sender::new(&config).unwrap();
    let done = deliver_due(&a.store, &first, &config, "w1").await.unwrap();
    assert_eq!(done.sent, out.queued);
    // The dead worker's late word changes nothing.
    let late = a
        .store
        .finish_mail(
            dead.id,
            "dead",
            jiff::Timestamp::now(),
            &store::MailOutcome::Sent,
        )
        .await
        .unwrap();
    assert!(!late);
    // The sender restarts: a new one, a new worker, the same outbox.
    let second = Sender::new(&config).unwrap();
    let again = deliver_due(&a.store, &second, &config, "w2").await.unwrap();
    assert_eq!(again.sent, 0);
    assert_eq!(sink.received().len(), out.queued);
}

#[tokio::test]
async fn with_no_mail_server_messages_are_written_as_eml_files() {
    let a = app().await;
    let out = round(&a.store, day(AS_AT), BASE, "test", None)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = MailConfig::folder(dir.path().join("outbox"));
    let sender = Sender::new(&config).unwrap();
    let done = deliver_due(&a.store, &sender, &config, "w1").await.unwrap();
    assert_eq!(done.sent, out.queued);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("outbox"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), out.queued);
    for o in &out.composed {
        let name = format!("{}.eml", o.message_id.replace('@', "_"));
        let text = std::fs::read_to_string(dir.path().join("outbox").join(&name)).unwrap();
        assert_eq!(header(&text, "Subject"), Some(o.subject.clone()));
    }
}

#[tokio::test]
async fn two_schedulers_on_one_database_send_each_message_once() {
    let dir = tempfile::tempdir().unwrap();
    let Some(sink) = SmtpSink::start(
        "two schedulers",
        dir.path(),
        Some(("boardplan", "a test password")),
    ) else {
        return;
    };
    let a = app().await;
    with_meeting(&a).await;
    // A second app server: its own pool on the same database.
    let other = Store::connect(&a.database_url).await.unwrap();
    let expected = compose_all(&a.store, day(AS_AT), BASE, None)
        .await
        .unwrap()
        .len();
    let (x, y) = tokio::join!(
        round(&a.store, day(AS_AT), BASE, "server one", None),
        round(&other, day(AS_AT), BASE, "server two", None),
    );
    let (x, y) = (x.unwrap(), y.unwrap());
    assert_eq!(x.queued + y.queued, expected, "{} + {}", x.queued, y.queued);
    let config = smtp(&sink, Duration::from_secs(60));
    let (s1, s2) = (Sender::new(&config).unwrap(), Sender::new(&config).unwrap());
    let (d1, d2) = tokio::join!(
        deliver_due(&a.store, &s1, &config, "one"),
        deliver_due(&other, &s2, &config, "two"),
    );
    assert_eq!(d1.unwrap().sent + d2.unwrap().sent, expected);
    let ids: Vec<String> = sink
        .received()
        .iter()
        .filter_map(|m| header(m, "Message-ID"))
        .collect();
    assert_eq!(ids.len(), expected);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), expected);
    other.close().await;
}

/// The unsubscribe link of a composed message's body.
fn unsubscribe_path(body: &str) -> String {
    let at = body.find("/unsubscribe/").unwrap();
    body[at..].split_whitespace().next().unwrap().to_string()
}

#[tokio::test]
async fn the_unsubscribe_link_stops_that_kind_after_a_confirmation_and_a_forged_one_is_refused() {
    let a = app().await;
    let all = compose_all(&a.store, day(AS_AT), BASE, None).await.unwrap();
    let o = all
        .iter()
        .find(|o| o.reminder.kind == ReminderKind::Overdue)
        .unwrap();
    let path = unsubscribe_path(&o.body);
    let page = a.get(&path, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<form method=\"post\""), "{}", page.body);
    // Looking is not unsubscribing (a link scanner only GETs).
    let still = compose_all(&a.store, day(AS_AT), BASE, None).await.unwrap();
    assert_eq!(still.len(), all.len());
    let done = a.post(&path, None, &[]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let after = compose_all(&a.store, day(AS_AT), BASE, None).await.unwrap();
    let who = o.reminder.to.account_id;
    assert!(
        !after
            .iter()
            .any(|r| r.reminder.to.account_id == who && r.reminder.kind == ReminderKind::Overdue)
    );
    assert!(
        after.iter().any(|r| r.reminder.to.account_id == who),
        "other kinds still come"
    );
    // Someone else's account in the same token, or a changed signature: not found.
    let (head, sig) = path.rsplit_once('.').unwrap();
    let forged = head.replacen(&format!(".{who}."), &format!(".{}.", who + 1), 1);
    for bad in [
        format!("{forged}.{sig}"),
        format!("{head}.{}", "0".repeat(64)),
        "/unsubscribe/nonsense".to_string(),
    ] {
        assert_eq!(
            a.get(&bad, None).await.status,
            StatusCode::NOT_FOUND,
            "{bad}"
        );
        assert_eq!(
            a.post(&bad, None, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
}

#[tokio::test]
async fn the_schedule_beside_the_server_queues_and_sends_on_its_own() {
    let a = app().await;
    let dir = tempfile::tempdir().unwrap();
    let schedule = web::reminders::schedule::Schedule {
        every: Duration::from_millis(50),
        base_url: BASE.into(),
        mail: MailConfig::folder(dir.path()),
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(web::reminders::schedule::run(
        a.store.clone(),
        schedule,
        async {
            let _ = stopped.await;
        },
    ));
    // Today every action of the 2009-10 plan is overdue: its leads hear of it.
    let mut sent = Vec::new();
    for _ in 0..200 {
        sent = a.store.outbox().await.unwrap();
        if !sent.is_empty() && sent.iter().all(|m| m.state == "sent") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = stop.send(());
    running.await.unwrap();
    assert!(
        !sent.is_empty() && sent.iter().all(|m| m.state == "sent"),
        "{sent:?}"
    );
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(files, sent.len());
    let log = a.store.change_log(KINGSTON).await.unwrap();
    assert_eq!(log.last().unwrap().actor, web::reminders::schedule::ACTOR);
}

#[tokio::test]
async fn the_unsubscribe_page_describes_document_reviews_and_section_11_returns() {
    let a = app().await;
    with_business(&a).await;
    let all = compose_all(&a.store, day(AS_AT), BASE, None).await.unwrap();
    for (kind, words) in [
        (
            ReminderKind::DocumentReview,
            "documents falling due for review",
        ),
        (
            ReminderKind::Section11Outstanding,
            "reminders of Section 11 returns outstanding",
        ),
    ] {
        let o = all
            .iter()
            .find(|o| o.reminder.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} on {AS_AT}"));
        let path = unsubscribe_path(&o.body);
        let page = a.get(&path, None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(words), "{words}: {}", page.body);
        assert_eq!(a.post(&path, None, &[]).await.status, StatusCode::OK);
        let after = compose_all(&a.store, day(AS_AT), BASE, None).await.unwrap();
        let who = o.reminder.to.account_id;
        assert!(
            !after
                .iter()
                .any(|r| r.reminder.to.account_id == who && r.reminder.kind == kind),
            "{kind:?} stopped"
        );
    }
}

/// A board with no plan in force on the day (here, before any was recorded) is still
/// reminded of a document whose review has fallen due; it has no action to be reminded of.
#[tokio::test]
async fn with_no_plan_in_force_a_document_review_is_still_reminded() {
    let a = app().await;
    let early = day("2000-01-10");
    assert!(
        a.store.status_view(KINGSTON, None, early).await.is_err(),
        "the premise: no plan is in force on {early}"
    );
    let d = NewDocument {
        kind: DocumentKind::Protocol,
        title: "Escalation protocol".into(),
        owner: "chair-training".into(),
        subgroup: None,
        review_due: Some(day("2000-01-01")),
    };
    a.store
        .add_document(KINGSTON, Stamp::now("test"), &d, None)
        .await
        .unwrap();
    let all = compose_all(&a.store, early, BASE, None).await.unwrap();
    let kinds: HashSet<ReminderKind> = all.iter().map(|o| o.reminder.kind).collect();
    assert!(kinds.contains(&ReminderKind::DocumentReview), "{kinds:?}");
    for k in [
        ReminderKind::DueSoon,
        ReminderKind::Overdue,
        ReminderKind::BeforeMeeting,
    ] {
        assert!(!kinds.contains(&k), "{k:?} with no plan: {kinds:?}");
    }
}
