//! The member register in the JSON API: `GET …/members` (every member of the partnership
//! reads it), `GET …/members/{id}`, and `POST …/members` (the board's officers add a person).
//! [`MemberOut`] is also what `boardplan member list --json` prints, so the two never differ.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::{BoardRole, Person};
use serde::{Deserialize, Serialize};
use store::{PersonRecord, Stamp, StoreError};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{
    BadBody, Conflict, Forbidden, NotFound, ServerError, TAG_GOVERNANCE, Unauthenticated,
    Unprocessable,
};
use crate::api::problem::{ApiError, Kind};
use crate::api::wire::{date, json_body, segment};

/// The register's routes, with their documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get))
}

/// A person's part at the board's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BoardRoleOut {
    Chair,
    ViceChair,
    Member,
    Adviser,
    LayMember,
    Observer,
    Participant,
}

impl From<BoardRole> for BoardRoleOut {
    fn from(r: BoardRole) -> Self {
        match r {
            BoardRole::Chair => Self::Chair,
            BoardRole::ViceChair => Self::ViceChair,
            BoardRole::Member => Self::Member,
            BoardRole::Adviser => Self::Adviser,
            BoardRole::LayMember => Self::LayMember,
            BoardRole::Observer => Self::Observer,
            BoardRole::Participant => Self::Participant,
        }
    }
}

/// A person on the member register.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MemberOut {
    pub id: i64,
    pub name: String,
    pub agency: Option<String>,
    pub job_title: Option<String>,
    pub board_role: BoardRoleOut,
    pub expertise: Vec<String>,
    /// The part they play, in a sentence.
    pub part: Option<String>,
    #[schema(format = Date)]
    pub appointed: Option<String>,
    #[schema(format = Date)]
    pub term_ends: Option<String>,
    /// Their deputy's name, another person on the register.
    pub deputy: Option<String>,
    pub email: Option<String>,
    /// The e-mail of the account linked to this person.
    pub account: Option<String>,
    /// What an edit must have seen.
    pub version: i64,
    pub href: String,
}

impl MemberOut {
    pub fn new(slug: &str, r: &PersonRecord) -> Self {
        let p = &r.person;
        Self {
            id: r.id,
            name: p.name.clone(),
            agency: p.agency.clone(),
            job_title: p.job_title.clone(),
            board_role: p.board_role.into(),
            expertise: p.expertise.clone(),
            part: p.part.clone(),
            appointed: p.appointed.map(date),
            term_ends: p.term_ends.map(date),
            deputy: p.deputy.clone(),
            email: p.email.clone(),
            account: p.account.clone(),
            version: r.version,
            href: format!("/api/v1/partnerships/{}/members/{}", segment(slug), r.id),
        }
    }
}

/// The member register, chairs first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MemberList {
    pub items: Vec<MemberOut>,
}

/// A person to add to the register. The agency, deputy and account must already be known.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberIn {
    pub name: String,
    /// chair, vice_chair, member, adviser, lay_member, observer or participant.
    pub board_role: String,
    #[serde(default)]
    pub agency: Option<String>,
    #[serde(default)]
    pub job_title: Option<String>,
    #[serde(default)]
    pub expertise: Vec<String>,
    #[serde(default)]
    pub part: Option<String>,
    #[serde(default)]
    #[schema(format = Date)]
    pub appointed: Option<String>,
    #[serde(default)]
    #[schema(format = Date)]
    pub term_ends: Option<String>,
    #[serde(default)]
    pub deputy: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub account: Option<String>,
}

impl MemberIn {
    fn person(self) -> Result<Person, ApiError> {
        let board_role: BoardRole =
            self.board_role.parse().map_err(|e: domain::InvalidValue| {
                ApiError::field("board_role", format!("{} {}", e.problem, e.fix))
            })?;
        let day = |field: &str, v: Option<String>| {
            v.map(|t| {
                t.parse::<domain::Date>().map_err(|_| {
                    ApiError::field(field, format!("\"{t}\" is not a date: give YYYY-MM-DD."))
                })
            })
            .transpose()
        };
        Ok(Person {
            name: self.name,
            agency: self.agency,
            job_title: self.job_title,
            board_role,
            expertise: self.expertise,
            part: self.part,
            appointed: day("appointed", self.appointed)?,
            term_ends: day("term_ends", self.term_ends)?,
            deputy: self.deputy,
            email: self.email,
            account: self.account,
        })
    }
}

/// The member register: name, agency, role, expertise, dates, deputy and contact details.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/members",
    tag = TAG_GOVERNANCE,
    operation_id = "list_members",
    params(("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name")),
    responses(
        (status = 200, description = "The register, chairs first", body = MemberList),
        Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn list(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<MemberList>, ApiError> {
    let people = state.store.people(&access.slug).await?;
    Ok(Json(MemberList {
        items: people
            .iter()
            .map(|r| MemberOut::new(&access.slug, r))
            .collect(),
    }))
}

/// One person on the register.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/members/{id}",
    tag = TAG_GOVERNANCE,
    operation_id = "get_member",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = i64, Path, example = 1, description = "The person's id"),
    ),
    responses(
        (status = 200, description = "The person", body = MemberOut),
        Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn get(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<MemberOut>, ApiError> {
    let id: i64 = access
        .path("id")?
        .parse()
        .map_err(|_| ApiError::not_found())?;
    let r = state.store.person(&access.slug, id).await?;
    Ok(Json(MemberOut::new(&access.slug, &r)))
}

/// Add a person to the register (business managers and administrators).
#[utoipa::path(
    post,
    path = "/api/v1/partnerships/{slug}/members",
    tag = TAG_GOVERNANCE,
    operation_id = "create_member",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("X-CSRF-Token" = Option<String>, Header,
            description = "Only with a session cookie: the session's CSRF token"),
    ),
    request_body(content = MemberIn, content_type = "application/json"),
    responses(
        (status = 201, description = "The person was added", body = MemberOut,
            headers(("Location" = String, description = "Where the person is"))),
        BadBody, Unauthenticated, Forbidden, NotFound, Conflict, Unprocessable, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn create(
    State(state): State<AppState>,
    access: ApiAccess,
    body: Bytes,
) -> Result<Response, ApiError> {
    if !access.membership.may_manage_governance() {
        return Err(ApiError::new(
            Kind::Forbidden,
            "Only the board's business manager or an administrator may change the member register.",
        ));
    }
    let input: MemberIn = json_body(&body, "a person")?;
    let person = input.person()?;
    let r = state
        .store
        .add_person(&access.slug, Stamp::now(access.caller.actor()), &person)
        .await
        .map_err(field_error)?;
    let out = MemberOut::new(&access.slug, &r);
    let mut res = (StatusCode::CREATED, Json(&out)).into_response();
    if let Ok(v) = HeaderValue::from_str(&out.href) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

/// The store names the field a bad person fails on (`agency: …`): the problem names it too.
fn field_error(e: StoreError) -> ApiError {
    if let StoreError::InvalidData { what } = &e
        && let Some((field, _)) = what.split_once(": ")
        && domain::governance::REGISTER_COLUMNS
            .iter()
            .any(|(f, _)| *f == field)
    {
        return ApiError::field(field, what.clone());
    }
    ApiError::from(e)
}
