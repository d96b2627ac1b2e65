//! Reminders and digests by e-mail: composing what is due ([`compose`]: the rules in
//! `domain::reminders`, the links to each update form and to unsubscribing), queueing it with
//! the record of what was sent and sending it ([`round`]), the schedule `serve` runs
//! ([`schedule`]), the one-click unsubscribe page ([`unsubscribe`]), which needs no
//! sign-in: the link's signature is its authority, and the partnership's reminder settings
//! ([`settings`]), for the board's officers.

pub mod compose;
pub mod round;
pub mod schedule;
pub mod settings;
pub mod unsubscribe;

use crate::routes::{Routes, get};

/// The unsubscribe page: a confirmation, then the form's POST (a link scanner that follows
/// every link in a message only ever GETs, so it cannot unsubscribe anyone); the settings.
pub fn routes() -> Routes {
    Routes::new()
        .route(
            "/unsubscribe/{token}",
            get(unsubscribe::confirm).post(unsubscribe::stop),
        )
        .route(
            "/p/{slug}/reminders",
            get(settings::show).post(settings::save),
        )
}

/// The key that signs unsubscribe links: made once, kept in the database for every app server.
pub async fn link_secret(store: &store::Store) -> store::Result<Vec<u8>> {
    let secret = store
        .server_secret("unsubscribe_links", &crate::auth::token::random())
        .await?;
    Ok(secret.into_bytes())
}
