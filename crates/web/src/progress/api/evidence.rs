//! Evidence files through the API: sent with an update as `multipart/form-data` (because the
//! store keeps a file only as part of the update that cites it), and read back as a download.
//!
//! The parts are `update` (the update as JSON, exactly the `application/json` body) and any
//! number of `evidence` files, each with a filename. The store checks each file as it does
//! for the pages: within `crate::limits`, its type read from its bytes, HTML and scripts
//! refused.
//! Downloads carry the same sandboxing headers as the pages' download.

use axum::extract::{FromRequest, Multipart, Request, State};
use axum::response::Response;
use store::{NewEvidence, NewUpdate};
use utoipa::ToSchema;

use super::updates::{NewUpdateIn, parse_update};
use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{BadParameter, NotFound, ServerError, TAG_PROGRESS, Unauthenticated};
use crate::api::problem::{ApiError, Kind};
use crate::api::query::Params;
use crate::limits::{MAX_UPLOAD_BYTES, mb, stated};
use crate::progress::evidence::download;

/// A progress update with evidence files: the parts of a `multipart/form-data` body (for the
/// document only; [`read_multipart`] reads them).
/// No other parts (the server refuses them by name), and the files are optional.
#[derive(Debug, Clone, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUpdateWithEvidence {
    /// The update, as JSON.
    pub update: NewUpdateIn,
    /// Files behind it, each with a filename.
    #[serde(default)]
    #[schema(schema_with = files)]
    pub evidence: Vec<Vec<u8>>,
}

/// Up to 20 files, each raw bytes: how OpenAPI 3.1 describes file parts.
fn files() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .content_media_type("application/octet-stream"),
        )
        .max_items(Some(store::MAX_EVIDENCE_ITEMS))
        .description(Some(format!(
            "Files behind the update (PDF, Word, Excel, OpenDocument, PNG, JPEG, plain text or \
             CSV; {}), each with a filename; HTML and scripts are refused.",
            stated()
        )))
        .build()
}

/// The whole body was larger than the server reads.
pub fn too_large() -> ApiError {
    ApiError::new(
        Kind::PayloadTooLarge,
        format!(
            "The request is larger than {} MB. Evidence can be {}: send a link to a larger \
             file instead. Nothing was written.",
            mb(MAX_UPLOAD_BYTES),
            stated()
        ),
    )
}

/// The update and its files from a `multipart/form-data` request.
pub async fn read_multipart(req: Request) -> Result<NewUpdate, ApiError> {
    let mut multipart = Multipart::from_request(req, &()).await.map_err(|e| {
        ApiError::new(
            Kind::InvalidBody,
            format!("The body cannot be read as multipart/form-data ({e})."),
        )
    })?;
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            ApiError::new(
                Kind::InvalidBody,
                format!("The multipart body cannot be read ({e})."),
            )
        }
    };
    let mut update = None;
    let mut files = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "update" => {
                let bytes = field.bytes().await.map_err(unreadable)?;
                update = Some(parse_update(&bytes)?);
            }
            "evidence" => {
                let name = field.file_name().unwrap_or_default().trim().to_string();
                if name.is_empty() {
                    return Err(ApiError::field(
                        "evidence",
                        "Give each evidence file its filename (in the part's \
                         Content-Disposition), so that readers know what it is.",
                    ));
                }
                if files.len() == store::MAX_EVIDENCE_ITEMS {
                    return Err(ApiError::field(
                        "evidence",
                        format!(
                            "An update can carry at most {} files.",
                            store::MAX_EVIDENCE_ITEMS
                        ),
                    ));
                }
                let bytes = field.bytes().await.map_err(unreadable)?;
                files.push(NewEvidence::File {
                    name,
                    bytes: bytes.to_vec(),
                });
            }
            other => {
                return Err(ApiError::field(
                    other,
                    format!(
                        "There is no part \"{other}\": send the update as JSON in a part named \
                         update, and files in parts named evidence."
                    ),
                ));
            }
        }
    }
    let mut update = update.ok_or_else(|| {
        ApiError::field(
            "update",
            "Send the update itself as JSON in a part named update.",
        )
    })?;
    // Files first, then links, as the pages' form gives them.
    files.append(&mut update.evidence);
    update.evidence = files;
    Ok(update)
}

/// Download an evidence file.
///
/// Always an attachment, under `name` if given, with a sandboxing `Content-Security-Policy`,
/// so that nothing stored can run in a browser. The file's SHA-256 is in the update that
/// cites it.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/evidence/{sha256}",
    tag = TAG_PROGRESS,
    operation_id = "get_evidence",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("sha256" = String, Path, description = "The file's SHA-256, in lowercase hex, from an update's evidence"),
        ("name" = Option<String>, Query, description = "The filename to save it as"),
    ),
    responses(
        (status = 200, description = "The file, as an attachment",
            headers(("Content-Disposition" = String, description = "attachment, with the filename")),
            content(
                ("application/pdf"),
                ("image/png"),
                ("image/jpeg"),
                ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("application/vnd.oasis.opendocument.text"),
                ("application/vnd.oasis.opendocument.spreadsheet"),
                ("text/csv"),
                ("text/plain"),
            )),
        BadParameter, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn get(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
) -> Result<Response, ApiError> {
    let sha256 = access.path("sha256")?;
    let file = state
        .store
        .evidence_file(&access.slug, sha256)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(download(file, params.get("name").map(str::to_string)))
}
