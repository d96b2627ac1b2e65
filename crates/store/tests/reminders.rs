//! The outbox and the record of reminders sent: a reminder recorded once whoever queues it,
//! a message claimed by one worker at a time (a claim that runs out is taken over), each
//! attempt logged without the body, unsubscribing and the settings in the change log.

use domain::AccessRole;
use domain::reminders::{ReminderKind, ReminderSettings};
use jiff::{SignedDuration, Timestamp};
use store::{ImportMode, MailOutcome, NewMail, QueuedReminder, Stamp, Store};

use crate::common::{fresh_store, kingston, source};

const KINGSTON: &str = "kingston-upon-thames-lscb";

async fn with_lead(store: &Store) -> i64 {
    store
        .import_partnership("test", &kingston(), &source("k.txt", "k"), ImportMode::New)
        .await
        .unwrap();
    let now = Timestamp::now();
    let id = store
        .create_account("test", KINGSTON, "lead@k.test", "Lead", "hash", now)
        .await
        .unwrap();
    let holds = vec!["business-manager".to_string()];
    store
        .grant_membership("test", id, KINGSTON, AccessRole::LeadOfficer, &holds, now)
        .await
        .unwrap();
    id
}

fn reminder(account_id: i64, period: &str) -> QueuedReminder {
    QueuedReminder {
        account_id,
        kind: ReminderKind::Overdue,
        keys: vec![("1.2".into(), period.into())],
        actions: vec!["1.2".into()],
        mail: NewMail {
            message_id: format!("{period}.reminder@k.test"),
            to: "lead@k.test".into(),
            subject: "Kingston: action 1.2 overdue".into(),
            body: "Dear Lead, ...".into(),
        },
    }
}

#[tokio::test]
async fn a_reminder_is_recorded_once_and_the_lead_is_found_by_the_role_they_hold() {
    let (store, _g) = fresh_store().await;
    let id = with_lead(&store).await;
    let c = store.reminder_context(KINGSTON).await.unwrap();
    assert_eq!(c.leads["business-manager"][0].email, "lead@k.test");
    assert_eq!(c.settings, ReminderSettings::default());
    let r = reminder(id, "2010-03-31");
    let stamp = Stamp::now("test");
    assert_eq!(
        store
            .queue_reminders(KINGSTON, stamp, std::slice::from_ref(&r))
            .await
            .unwrap(),
        Some(1)
    );
    assert_eq!(
        store.queue_reminders(KINGSTON, stamp, &[r]).await.unwrap(),
        Some(0)
    );
    let c = store.reminder_context(KINGSTON).await.unwrap();
    assert!(
        c.sent
            .contains(&(id, ReminderKind::Overdue, "1.2".into(), "2010-03-31".into()))
    );
    assert_eq!(store.outbox().await.unwrap().len(), 1);
    let log = store.change_log(KINGSTON).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(last.entity, "reminder");
    assert!(
        !last.after.as_deref().unwrap_or("").contains("Dear"),
        "no body in the log"
    );
}

#[tokio::test]
async fn a_message_is_claimed_by_one_worker_and_a_claim_that_runs_out_is_taken_over() {
    let (store, _g) = fresh_store().await;
    let id = with_lead(&store).await;
    store
        .queue_reminders(KINGSTON, Stamp::now("test"), &[reminder(id, "2010-03-31")])
        .await
        .unwrap();
    let now = Timestamp::now();
    let lease = SignedDuration::from_mins(5);
    let a = store.claim_mail("a", now, lease).await.unwrap().unwrap();
    assert_eq!(a.attempts, 1);
    assert!(store.claim_mail("b", now, lease).await.unwrap().is_none());
    // Later than the lease: worker a is taken for dead, b takes the message over.
    let later = now + SignedDuration::from_mins(6);
    let b = store.claim_mail("b", later, lease).await.unwrap().unwrap();
    assert_eq!((b.id, b.attempts), (a.id, 2));
    assert!(
        !store
            .finish_mail(a.id, "a", later, &MailOutcome::Sent)
            .await
            .unwrap()
    );
    let retry = MailOutcome::Retry {
        at: later + SignedDuration::from_mins(1),
        detail: "connection refused".into(),
    };
    assert!(store.finish_mail(b.id, "b", later, &retry).await.unwrap());
    assert!(
        store.claim_mail("b", later, lease).await.unwrap().is_none(),
        "backing off"
    );
    let again = later + SignedDuration::from_mins(2);
    let c = store.claim_mail("c", again, lease).await.unwrap().unwrap();
    assert!(
        store
            .finish_mail(c.id, "c", again, &MailOutcome::Sent)
            .await
            .unwrap()
    );
    let log = store.mail_attempts(c.id).await.unwrap();
    let outcomes: Vec<&str> = log.iter().map(|l| l.outcome.as_str()).collect();
    assert_eq!(outcomes, ["retry", "sent"]);
    assert_eq!(store.outbox().await.unwrap()[0].state, "sent");
}

#[tokio::test]
async fn unsubscribing_and_the_settings_are_recorded_in_the_change_log() {
    let (store, _g) = fresh_store().await;
    let id = with_lead(&store).await;
    let pid = store
        .reminder_context(KINGSTON)
        .await
        .unwrap()
        .partnership_id;
    let now = Timestamp::now();
    assert!(
        store
            .unsubscribe(pid, id, ReminderKind::DueSoon, now)
            .await
            .unwrap()
    );
    assert!(
        !store
            .unsubscribe(pid, id, ReminderKind::DueSoon, now)
            .await
            .unwrap()
    );
    assert!(
        store
            .unsubscribe(pid, id + 100, ReminderKind::DueSoon, now)
            .await
            .is_err()
    );
    let c = store.reminder_context(KINGSTON).await.unwrap();
    assert!(c.unsubscribed.contains(&(id, ReminderKind::DueSoon)));
    let s = ReminderSettings {
        due_within_days: 21,
        ..ReminderSettings::default()
    };
    store
        .set_reminder_settings(KINGSTON, Stamp::now("manager"), s)
        .await
        .unwrap();
    assert_eq!(store.reminder_settings(KINGSTON).await.unwrap(), s);
    let bad = ReminderSettings {
        due_within_days: 0,
        ..s
    };
    assert!(
        store
            .set_reminder_settings(KINGSTON, Stamp::now("manager"), bad)
            .await
            .is_err()
    );
    let kinds: Vec<String> = store
        .change_log(KINGSTON)
        .await
        .unwrap()
        .iter()
        .map(|c| c.entity.clone())
        .collect();
    assert!(kinds.contains(&"reminder_unsubscribe".to_string()));
    assert!(kinds.contains(&"reminder_settings".to_string()));
    let secret = store
        .server_secret("unsubscribe_links", "first")
        .await
        .unwrap();
    assert_eq!(
        store
            .server_secret("unsubscribe_links", "second")
            .await
            .unwrap(),
        secret
    );
}

#[tokio::test]
async fn on_postgresql_a_server_finding_the_reminder_lock_held_leaves_the_round_to_its_holder() {
    let (store, g) = fresh_store().await;
    let id = with_lead(&store).await;
    let r = [reminder(id, "2010-03-31")];
    match store.backend() {
        store::Backend::Postgres => {
            // Another app server in the middle of its round holds the lock.
            let mut other = g.raw().await;
            sqlx::raw_sql("BEGIN; SELECT pg_advisory_xact_lock(7262101)")
                .execute(&mut other)
                .await
                .unwrap();
            let got = store
                .queue_reminders(KINGSTON, Stamp::now("test"), &r)
                .await;
            assert_eq!(got.unwrap(), None);
            assert!(store.outbox().await.unwrap().is_empty());
            sqlx::raw_sql("COMMIT").execute(&mut other).await.unwrap();
        }
        // SQLite has one writer at a time: there is no lock to find held.
        store::Backend::Sqlite => {}
    }
    let got = store
        .queue_reminders(KINGSTON, Stamp::now("test"), &r)
        .await;
    assert_eq!(got.unwrap(), Some(1));
}
