//! The API's actions and their progress: the plan's actions as at a date ([`actions`]),
//! progress updates ([`updates`]) with evidence files ([`evidence`]), and sign-off
//! ([`signoff`]), with the same permissions as the pages.

pub mod actions;
pub mod evidence;
pub mod signoff;
pub mod updates;

use axum::extract::DefaultBodyLimit;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::limits::MAX_UPLOAD_BYTES;

/// The actions' and their progress's routes, with their documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(actions::list))
        .routes(routes!(actions::get))
        // The evidence limit on posting an update (multipart files), as on the pages.
        .merge(
            OpenApiRouter::new()
                .routes(routes!(updates::list, updates::create))
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .routes(routes!(updates::get))
        .routes(routes!(signoff::sign_off))
        .routes(routes!(signoff::withdraw))
        .routes(routes!(evidence::get))
}
