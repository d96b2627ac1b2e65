//! The API's performance indicators: the list ([`list`]), one indicator in full
//! ([`detail`]) with the numerators and denominators of calculated measures ([`parts`]),
//! adding commentary ([`commentary`]), and the wire types they are written in ([`wire`]).

pub mod commentary;
pub mod detail;
pub mod list;
pub mod parts;
pub mod wire;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// The indicators' routes, with their documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list))
        .routes(routes!(detail::get))
        .routes(routes!(commentary::create))
}
