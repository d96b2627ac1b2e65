//! The reminder schedule beside `serve`: started with the server, stopped with it (a round
//! under way finishes first). Off when `remind_every_minutes` is 0.

use store::Store;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use web::reminders::schedule::{Schedule, run};

use crate::commands::mail::MailSettings;

/// A running schedule, to stop.
pub struct Running(Option<(oneshot::Sender<()>, JoinHandle<()>)>);

/// Start the schedule for `store`; `listening` is where `serve` listens, the links' address
/// when `base_url` is not set.
pub fn start(store: &Store, mail: &MailSettings, db_url: &str, listening: &str) -> Running {
    let Some(every) = mail.every() else {
        return Running(None);
    };
    let schedule = Schedule {
        every,
        base_url: mail.base_url(&format!("http://{listening}")),
        mail: mail.config(db_url, None),
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let store = store.clone();
    let task = tokio::spawn(async move {
        run(store, schedule, async {
            let _ = stopped.await;
        })
        .await;
    });
    Running(Some((stop, task)))
}

impl Running {
    pub async fn stop(self) {
        if let Some((stop, task)) = self.0 {
            let _ = stop.send(());
            let _ = task.await;
        }
    }
}
