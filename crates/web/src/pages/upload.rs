//! Reading an upload form (`multipart/form-data`) only once its sender has earned it. A
//! handler checks the session (its extractors), then the person's role, and then calls
//! [`csrf_first`] — all before the body is read, so a reader, or a page on another site
//! posting with someone's cookie, cannot make the server take in 20 MB.
//!
//! Why the first field: the CSRF token travels inside the body, and the pages work without
//! JavaScript, so no script can copy it into a header. Browsers send a form's fields in
//! document order (HTML's "constructing the entry list" walks the form in tree order), so a
//! form whose hidden `csrf` input comes first sends the token before anything large. Only
//! that field is read, and at most [`MAX_TOKEN_BYTES`] of it. (A token in the form's
//! `action` URL would also work, but would land in access logs and browser history.)

use axum::extract::Multipart;

use crate::auth::CurrentUser;
use crate::error::AppError;

/// Far longer than any CSRF token Boardplan makes; a longer field is not one.
const MAX_TOKEN_BYTES: usize = 256;

/// Check that the form's first field is `csrf` and holds `user`'s token, reading nothing
/// more of the body than that field.
pub async fn csrf_first(multipart: &mut Multipart, user: &CurrentUser) -> Result<(), AppError> {
    // Whatever is wrong (no field, another field first, a field too long to be a token, a
    // body that breaks off) is checked as no token, and refused as a wrong one is.
    let sent = first_field_if_csrf(multipart).await.unwrap_or_default();
    user.check_csrf(&sent)
}

async fn first_field_if_csrf(multipart: &mut Multipart) -> Option<String> {
    let mut field = multipart.next_field().await.ok()??;
    if field.name() != Some("csrf") {
        return None;
    }
    let mut token = Vec::new();
    while let Some(chunk) = field.chunk().await.ok()? {
        token.extend_from_slice(&chunk);
        if token.len() > MAX_TOKEN_BYTES {
            return None;
        }
    }
    String::from_utf8(token).ok()
}
