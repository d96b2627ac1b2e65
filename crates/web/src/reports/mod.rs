//! The papers a board owes and its calendar: the reports page ([`page`]) with the request it
//! reads ([`request`]) and the reports on the board's own business it also makes
//! ([`governance`]), the yearly report's page with its narratives ([`yearly`]), and the calendar of meetings and deadlines as a download or a
//! private feed ([`calendar_feed`]).

pub mod calendar_feed;
pub mod governance;
pub mod page;
pub mod request;
pub mod yearly;

use crate::routes::Routes;

/// The reports page and the calendar's routes.
pub fn routes() -> Routes {
    Routes::new()
        .merge(page::routes())
        .merge(calendar_feed::routes())
        .merge(yearly::routes())
}
