//! What the matrix asks and what it expects. A new route needs a row in [`EXPECT`] (the test
//! prints the row to add, filled with what it observed: check each answer before adding it),
//! and, if its path has parameters, a real path in [`PATHS`]; a write needs a body in
//! [`BODIES`].

use crate::common::{KINGSTON, OUTSIDER, RIVERFORD, SAMPLE};

/// Every kind of caller, in the order of [`EXPECT`]'s answers. Callers with an account send
/// their session's cookie to pages and their API token (for their own partnership) to the
/// API; the non-member, who can have no token, sends its session to both (with the CSRF
/// header on API writes); a revoked or expired token is the Kingston administrator's, sent
/// to both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    Anonymous,
    Reader,
    /// A board member who holds no role.
    Member,
    /// A board member holding the board chair's role, who signs actions off.
    Chair,
    /// The lead officer acting on an action their role leads (3.1)…
    LeadOwn,
    /// …and on one it does not (1.1, as every other caller).
    LeadOthers,
    BusinessManager,
    Admin,
    /// Riverford's administrator, asking for Kingston's routes.
    Outsider,
    /// Signed in, but a member of no partnership.
    NonMember,
    RevokedToken,
    ExpiredToken,
}

impl Caller {
    pub const ALL: [Caller; 12] = [
        Caller::Anonymous,
        Caller::Reader,
        Caller::Member,
        Caller::Chair,
        Caller::LeadOwn,
        Caller::LeadOthers,
        Caller::BusinessManager,
        Caller::Admin,
        Caller::Outsider,
        Caller::NonMember,
        Caller::RevokedToken,
        Caller::ExpiredToken,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Caller::Anonymous => "anonymous",
            Caller::Reader => "reader",
            Caller::Member => "member",
            Caller::Chair => "chair",
            Caller::LeadOwn => "lead-own",
            Caller::LeadOthers => "lead-others",
            Caller::BusinessManager => "manager",
            Caller::Admin => "admin",
            Caller::Outsider => "outsider",
            Caller::NonMember => "non-member",
            Caller::RevokedToken => "revoked",
            Caller::ExpiredToken => "expired",
        }
    }

    /// The account the caller signs in as, and the partnership its token is for.
    pub fn account(self) -> Option<(&'static str, Option<&'static str>)> {
        let email = match self {
            Caller::Reader => "reader@kingston.test",
            Caller::Member => "member@kingston.test",
            Caller::Chair => "chair@kingston.test",
            Caller::LeadOwn | Caller::LeadOthers => "lead@kingston.test",
            Caller::BusinessManager => "manager@kingston.test",
            Caller::Admin => "admin@kingston.test",
            Caller::Outsider => return Some((OUTSIDER, Some(RIVERFORD))),
            Caller::NonMember => return Some((NON_MEMBER, None)),
            Caller::Anonymous | Caller::RevokedToken | Caller::ExpiredToken => return None,
        };
        Some((email, Some(KINGSTON)))
    }
}

/// An account that belongs to no partnership.
pub const NON_MEMBER: &str = "nobody@elsewhere.test";

/// What a write sends. Forms carry the caller's CSRF token first; a field `{version}` is the
/// current version of the caller's action, `{today}` today's date.
pub enum Send {
    Nothing,
    Form(&'static [(&'static str, &'static str)]),
    /// A form sent from a session opened for this one request (signing out ends it).
    FormInFreshSession(&'static [(&'static str, &'static str)]),
    /// The sign-in form as a browser sends it, with the reader's right password.
    SignIn,
    /// `multipart/form-data`, the token first, then the fields and a file (field, name, bytes).
    Multipart(
        &'static [(&'static str, &'static str)],
        Option<(&'static str, &'static str, &'static [u8])>,
    ),
    /// JSON (none if empty) with `If-Match`: the tag of `etag_of` as the caller reads it
    /// (no `If-Match` when `etag_of` is empty, for a create).
    Json {
        body: &'static str,
        etag_of: &'static str,
    },
}

/// A real path for each path template with parameters: `{action}` is the caller's action
/// (3.1 for the lead officer's own, else 1.1), `{feed}` the caller's own calendar address
/// (the administrator's for the lead acting on others' and for callers without one), `{feed_file}` a live address,
/// `{sha256}` and `{update}` an evidence file on 1.1 and its update.
#[rustfmt::skip]
pub const PATHS: &[(&str, &str)] = &[
    ("/sign-in/oidc/{provider}", "/sign-in/oidc/entra?next=/"),
    ("/sign-in/oidc/{provider}/callback", "/sign-in/oidc/entra/callback?code=c&state=s"),
    ("/p/{slug}", "/p/kingston-lscb"),
    ("/p/{slug}/plan", "/p/kingston-lscb/plan?status=overdue"),
    ("/p/{slug}/my-actions", "/p/kingston-lscb/my-actions"),
    ("/p/{slug}/reviews", "/p/kingston-lscb/reviews"),
    ("/p/{slug}/board", "/p/kingston-lscb/board"),
    ("/p/{slug}/import", "/p/kingston-lscb/import"),
    ("/p/{slug}/import/confirm", "/p/kingston-lscb/import/confirm"),
    ("/p/{slug}/import/preview", "/p/kingston-lscb/import/preview"),
    ("/p/{slug}/export/{format}", "/p/kingston-lscb/export/csv"),
    ("/p/{slug}/actions/{id}", "/p/kingston-lscb/actions/{action}"),
    ("/p/{slug}/actions/{id}/updates", "/p/kingston-lscb/actions/{action}/updates"),
    ("/p/{slug}/actions/{id}/sign-off", "/p/kingston-lscb/actions/{action}/sign-off"),
    ("/p/{slug}/actions/{id}/sign-off/withdraw", "/p/kingston-lscb/actions/{action}/sign-off/withdraw"),
    ("/p/{slug}/evidence/{sha256}", "/p/kingston-lscb/evidence/{sha256}"),
    ("/p/{slug}/indicators", "/p/kingston-lscb/indicators"),
    ("/p/{slug}/indicators/{code}", "/p/kingston-lscb/indicators/cpp-subsequent-pct"),
    ("/p/{slug}/indicators/{code}/commentary", "/p/kingston-lscb/indicators/cpp-subsequent-pct/commentary"),
    ("/p/{slug}/indicators/import", "/p/kingston-lscb/indicators/import"),
    ("/p/{slug}/workforce", "/p/kingston-lscb/workforce"),
    ("/p/{slug}/reports", "/p/kingston-lscb/reports?report=board-paper&as_at=2010-03-31&format=csv"),
    ("/p/{slug}/reports/yearly/{year}", "/p/kingston-lscb/reports/yearly/2009-10"),
    ("/p/{slug}/calendar.ics", "/p/kingston-lscb/calendar.ics"),
    ("/p/{slug}/calendar-feeds", "/p/kingston-lscb/calendar-feeds"),
    ("/p/{slug}/calendar-feeds/{id}/revoke", "/p/kingston-lscb/calendar-feeds/{feed}/revoke"),
    ("/calendar/{file}", "/calendar/{feed_file}"),
    ("/public/{slug}", "/public/kingston-lscb"),
    ("/public/{slug}/register", "/public/kingston-lscb/register?format=csv"),
    ("/p/{slug}/publishing", "/p/kingston-lscb/publishing"),
    // A token that does not verify (a real one is followed in tests/reminders.rs).
    ("/unsubscribe/{token}", "/unsubscribe/1.1.overdue.00"),
    ("/p/{slug}/reminders", "/p/kingston-lscb/reminders"),
    ("/assets/{name}", "/assets/boardplan.css"),
    ("/p/{slug}/members", "/p/kingston-lscb/members"),
    ("/p/{slug}/members/new", "/p/kingston-lscb/members/new"),
    ("/p/{slug}/members/{id}", "/p/kingston-lscb/members/{person}"),
    ("/p/{slug}/members/{id}/edit", "/p/kingston-lscb/members/{person}/edit"),
    ("/api/v1/partnerships/{slug}/members", "/api/v1/partnerships/kingston-lscb/members"),
    ("/api/v1/partnerships/{slug}/members/{id}", "/api/v1/partnerships/kingston-lscb/members/{person}"),
    ("/p/{slug}/meetings", "/p/kingston-lscb/meetings"),
    ("/p/{slug}/meetings/{id}", "/p/kingston-lscb/meetings/{meeting}"),
    ("/p/{slug}/meetings/{id}/attendance", "/p/kingston-lscb/meetings/{meeting}/attendance"),
    ("/p/{slug}/meetings/{id}/agenda", "/p/kingston-lscb/meetings/{meeting}/agenda"),
    ("/p/{slug}/meetings/{id}/decisions", "/p/kingston-lscb/meetings/{meeting}/decisions"),
    ("/p/{slug}/meetings/{id}/actions", "/p/kingston-lscb/meetings/{meeting}/actions"),
    ("/p/{slug}/meetings/{id}/minutes", "/p/kingston-lscb/meetings/{meeting}/minutes"),
    ("/p/{slug}/meetings/{id}/promote", "/p/kingston-lscb/meetings/{meeting}/promote"),
    ("/p/{slug}/subgroups", "/p/kingston-lscb/subgroups"),
    ("/p/{slug}/subgroups/change", "/p/kingston-lscb/subgroups/change"),
    ("/p/{slug}/documents/{id}/approve", "/p/kingston-lscb/documents/{document}/approve"),
    ("/p/{slug}/attendance", "/p/kingston-lscb/attendance?from=2009-04-01&to=2010-03-31"),
    ("/api/v1/partnerships/{slug}/meetings", "/api/v1/partnerships/kingston-lscb/meetings"),
    ("/api/v1/partnerships/{slug}/meetings/{id}", "/api/v1/partnerships/kingston-lscb/meetings/{meeting}"),
    ("/api/v1/partnerships/{slug}/meetings/{id}/actions/{action}/promote", "/api/v1/partnerships/kingston-lscb/meetings/{meeting}/actions/{meeting_action}/promote"),
    ("/api/v1/partnerships/{slug}/attendance", "/api/v1/partnerships/kingston-lscb/attendance?from=2009-04-01&to=2010-03-31"),
    ("/p/{slug}/training", "/p/kingston-lscb/training"),
    ("/p/{slug}/training/{id}", "/p/kingston-lscb/training/1"),
    ("/p/{slug}/case-reviews", "/p/kingston-lscb/case-reviews"),
    ("/p/{slug}/engagement", "/p/kingston-lscb/engagement"),
    ("/p/{slug}/case-reviews/{id}", "/p/kingston-lscb/case-reviews/1"),
    ("/p/{slug}/training/new", "/p/kingston-lscb/training/new"),
    ("/p/{slug}/training/{id}/sessions", "/p/kingston-lscb/training/1/sessions"),
    ("/p/{slug}/training/{id}/sessions/new", "/p/kingston-lscb/training/1/sessions/new"),
    ("/p/{slug}/recommendations/{id}", "/p/kingston-lscb/recommendations/1"),
    ("/api/v1/partnerships/{slug}/training/impact", "/api/v1/partnerships/kingston-lscb/training/impact?course=1"),
    ("/api/v1/partnerships/{slug}/case-reviews", "/api/v1/partnerships/kingston-lscb/case-reviews"),
    ("/api/v1/partnerships/{slug}/case-reviews/{id}", "/api/v1/partnerships/kingston-lscb/case-reviews/1"),
    ("/p/{slug}/documents", "/p/kingston-lscb/documents?due_before=2010-04-01"),
    ("/p/{slug}/documents/new", "/p/kingston-lscb/documents/new"),
    ("/p/{slug}/documents/{id}", "/p/kingston-lscb/documents/{document}"),
    ("/p/{slug}/documents/{id}/versions", "/p/kingston-lscb/documents/{document}/versions"),
    ("/p/{slug}/documents/{id}/versions/{number}", "/p/kingston-lscb/documents/{document}/versions/1"),
    ("/p/{slug}/induction", "/p/kingston-lscb/induction"),
    ("/p/{slug}/induction/items", "/p/kingston-lscb/induction/items"),
    ("/api/v1/partnerships/{slug}/documents", "/api/v1/partnerships/kingston-lscb/documents?due_before=2010-04-01"),
    ("/api/v1/partnerships/{slug}/documents/{id}", "/api/v1/partnerships/kingston-lscb/documents/{document}"),
    ("/p/{slug}/audits", "/p/kingston-lscb/audits"),
    ("/p/{slug}/audits/{id}", "/p/kingston-lscb/audits/{audit}"),
    ("/p/{slug}/audits/{id}/cases", "/p/kingston-lscb/audits/{audit}/cases"),
    ("/p/{slug}/thread/actions/{id}", "/p/kingston-lscb/thread/actions/{action}"),
    ("/p/{slug}/thread/objectives/{number}", "/p/kingston-lscb/thread/objectives/1"),
    ("/p/{slug}/thread/risks/{id}", "/p/kingston-lscb/thread/risks/1"),
    ("/p/{slug}/thread/s11/{year}/{number}", "/p/kingston-lscb/thread/s11/2010/1"),
    ("/api/v1/partnerships/{slug}/audits", "/api/v1/partnerships/kingston-lscb/audits"),
    ("/api/v1/partnerships/{slug}/audits/{id}", "/api/v1/partnerships/kingston-lscb/audits/{audit}"),
    ("/api/v1/partnerships/{slug}/audits/{id}/summary", "/api/v1/partnerships/kingston-lscb/audits/{audit}/summary"),
    ("/api/v1/partnerships/{slug}/actions/{id}/thread", "/api/v1/partnerships/kingston-lscb/actions/{action}/thread"),
    ("/api/v1/partnerships/{slug}", "/api/v1/partnerships/kingston-lscb"),
    ("/api/v1/partnerships/{slug}/actions", "/api/v1/partnerships/kingston-lscb/actions?status=overdue&per_page=5"),
    ("/api/v1/partnerships/{slug}/actions/{id}", "/api/v1/partnerships/kingston-lscb/actions/{action}"),
    ("/api/v1/partnerships/{slug}/actions/{id}/updates", "/api/v1/partnerships/kingston-lscb/actions/{action}/updates"),
    ("/api/v1/partnerships/{slug}/actions/{id}/updates/{update}", "/api/v1/partnerships/kingston-lscb/actions/1.1/updates/{update}"),
    ("/api/v1/partnerships/{slug}/actions/{id}/sign-off", "/api/v1/partnerships/kingston-lscb/actions/{action}/sign-off"),
    ("/api/v1/partnerships/{slug}/actions/{id}/sign-off/withdraw", "/api/v1/partnerships/kingston-lscb/actions/{action}/sign-off/withdraw"),
    ("/api/v1/partnerships/{slug}/evidence/{sha256}", "/api/v1/partnerships/kingston-lscb/evidence/{sha256}"),
    ("/api/v1/partnerships/{slug}/reviews", "/api/v1/partnerships/kingston-lscb/reviews"),
    ("/api/v1/partnerships/{slug}/indicators", "/api/v1/partnerships/kingston-lscb/indicators?as_at=2026-01-31"),
    ("/api/v1/partnerships/{slug}/indicators/{code}", "/api/v1/partnerships/kingston-lscb/indicators/cpp-subsequent-pct"),
    ("/api/v1/partnerships/{slug}/indicators/{code}/commentary", "/api/v1/partnerships/kingston-lscb/indicators/cpp-subsequent-pct/commentary"),
    ("/p/{slug}/risks", "/p/kingston-lscb/risks"),
    ("/p/{slug}/s11", "/p/kingston-lscb/s11"),
    ("/p/{slug}/s11/{year}/return", "/p/kingston-lscb/s11/2010/return"),
    ("/p/{slug}/s11/{year}/return/evidence", "/p/kingston-lscb/s11/2010/return/evidence"),
    ("/p/{slug}/s11/{year}/return/actions", "/p/kingston-lscb/s11/2010/return/actions"),
    ("/p/{slug}/s11/{year}/evidence/{id}", "/p/kingston-lscb/s11/2010/evidence/1"),
    ("/api/v1/partnerships/{slug}/risks", "/api/v1/partnerships/kingston-lscb/risks"),
    ("/api/v1/partnerships/{slug}/risks/{id}", "/api/v1/partnerships/kingston-lscb/risks/1"),
    ("/api/v1/partnerships/{slug}/s11/{year}/heatmap", "/api/v1/partnerships/kingston-lscb/s11/2010/heatmap"),
    ("/api/v1/partnerships/{slug}/s11/{year}/returns/{agency}", "/api/v1/partnerships/kingston-lscb/s11/2010/returns/{s11_agency}"),
    ("/api/v1/partnerships/{slug}/s11/{year}/evidence/{id}", "/api/v1/partnerships/kingston-lscb/s11/2010/evidence/1"),
    ("/api/v1/{*rest}", "/api/v1/no-such-route"),
];

const UPDATE: &[(&str, &str)] = &[
    ("version", "{version}"),
    ("rag", "green"),
    ("percent", "50"),
    ("as_of", "{today}"),
    ("narrative", "On track: the first sessions ran."),
];
const API_UPDATE: &str =
    r#"{"rag":"green","percent":50,"narrative":"On track: the first sessions ran."}"#;
const ACTION: &str = "/api/v1/partnerships/kingston-lscb/actions/{action}";
const INDICATOR: &str = "/api/v1/partnerships/kingston-lscb/indicators/cpp-subsequent-pct";

/// The body of every route that is not a GET.
#[rustfmt::skip]
pub const BODIES: &[(&str, &str, Send)] = &[
    ("POST", "/sign-in", Send::SignIn),
    ("POST", "/sign-out", Send::FormInFreshSession(&[])),
    // The wrong current password: past the check of who is asking, refused, nothing changed.
    ("POST", "/account/password", Send::Form(&[("current", "not my password"), ("new", "a new long password"), ("confirm", "a new long password")])),
    ("POST", "/p/{slug}/import", Send::Multipart(&[], Some(("document", "plan.txt", SAMPLE.as_bytes())))),
    // An empty document: refused for what it is, after who sent it.
    ("POST", "/p/{slug}/import/confirm", Send::Multipart(&[("file_name", "plan.txt"), ("document", "")], None)),
    // A token no upload is held under: refused, whoever asks.
    ("POST", "/p/{slug}/import/preview", Send::Form(&[("token", "not-held"), ("do", "preview")])),
    ("POST", "/p/{slug}/actions/{id}/updates", Send::Multipart(UPDATE, None)),
    // The actions are not rated complete: a sign-off role holder is told so.
    ("POST", "/p/{slug}/actions/{id}/sign-off", Send::Form(&[("version", "{version}")])),
    ("POST", "/p/{slug}/actions/{id}/sign-off/withdraw", Send::Form(&[("version", "{version}"), ("reason", "Not agreed")])),
    ("POST", "/p/{slug}/indicators/{code}/commentary", Send::Form(&[("period", "2024-25"), ("text", "Repeat plans fell after the step-down review.")])),
    ("POST", "/p/{slug}/indicators/import", Send::Multipart(&[("published", "2025-11-06")], Some(("file", "d3.csv", b"not,a,published,file\n")))),
    ("POST", "/p/{slug}/calendar-feeds", Send::Form(&[])),
    ("POST", "/p/{slug}/calendar-feeds/{id}/revoke", Send::Form(&[])),
    ("POST", "/p/{slug}/publishing", Send::Form(&[("public", "on")])),
    ("POST", "/unsubscribe/{token}", Send::Form(&[])),
    // The reminder settings, a valid change: saved for the officers.
    ("POST", "/p/{slug}/reminders", Send::Form(&[("due_within_days", "21"), ("meeting_notice_days", "7"), ("digest_weekday", "monday")])),
    // A person with no name: refused for what it is, after who sent it.
    ("POST", "/p/{slug}/members", Send::Form(&[("name", ""), ("board_role", "member")])),
    // The person as stored, at their version: an edit that changes nothing.
    ("POST", "/p/{slug}/members/{id}", Send::Form(&[("version", "{person_version}"), ("name", "Matrix Person"), ("board_role", "member")])),
    // A meeting with no date: refused for what it is, after who sent it. The board meeting's
    // forms, each with what it needs.
    ("POST", "/p/{slug}/meetings", Send::Form(&[("date", "")])),
    ("POST", "/p/{slug}/meetings/{id}/attendance", Send::Form(&[("person", "Matrix Person"), ("status", "present")])),
    ("POST", "/p/{slug}/meetings/{id}/agenda", Send::Form(&[("title", "Matrix item")])),
    ("POST", "/p/{slug}/meetings/{id}/decisions", Send::Form(&[("text", "Matrix decision")])),
    ("POST", "/p/{slug}/meetings/{id}/actions", Send::Form(&[("what", "Matrix action"), ("who", "Matrix Person")])),
    ("POST", "/p/{slug}/meetings/{id}/minutes", Send::Form(&[("text", "Matrix minutes")])),
    // No action of the log named: refused for what it is, after who sent it.
    ("POST", "/p/{slug}/meetings/{id}/promote", Send::Form(&[("action", ""), ("objective", "4"), ("lead", "lscb-chair"), ("due", "2009-11-30")])),
    // A sub-group with no name, one that does not exist, and an approval with no meeting:
    // refused for what they are, after who sent them.
    ("POST", "/p/{slug}/subgroups", Send::Form(&[("name", ""), ("status", "active")])),
    ("POST", "/p/{slug}/subgroups/change", Send::Form(&[("name", "Knitting"), ("status", "active")])),
    ("POST", "/p/{slug}/documents/{id}/approve", Send::Form(&[("meeting", "")])),
    // A rating of the return's one standard (the lead's own agency; the panel's first).
    ("POST", "/p/{slug}/s11/{year}/return", Send::Form(&[("rating_1", "green")])),
    // The same evidence file, and the same improvement action, on the return's one standard:
    // added once, then already there.
    ("POST", "/p/{slug}/s11/{year}/return/evidence", Send::Multipart(&[("standard", "1")], Some(("file", "matrix.pdf", b"%PDF-1.4 matrix")))),
    ("POST", "/p/{slug}/s11/{year}/return/actions", Send::Form(&[("standard", "1"), ("action", "1.1")])),
    ("POST", "/p/{slug}/audits/{id}/cases", Send::Form(&[("reference", "")])),
    // A course with no title, a session with no date, and a recommendation not implemented
    // without its reasons: refused for what they are, after who sent them.
    ("POST", "/p/{slug}/training", Send::Form(&[("title", ""), ("level", "1")])),
    ("POST", "/p/{slug}/training/{id}/sessions", Send::Form(&[("date", ""), ("trainer", "Matrix trainer"), ("places", "10")])),
    ("POST", "/p/{slug}/recommendations/{id}", Send::Form(&[("status", "not_implemented"), ("reason", "")])),
    // A narrative for a section the yearly report does not have.
    ("POST", "/p/{slug}/reports/yearly/{year}", Send::Form(&[("section", "no-such-section"), ("text", "Matrix")])),
    ("POST", "/api/v1/partnerships/{slug}/members", Send::Json { body: r#"{"name":"","board_role":"member"}"#, etag_of: "" }),
    ("POST", "/api/v1/partnerships/{slug}/meetings/{id}/actions/{action}/promote", Send::Json { body: r#"{"objective":"","lead":"lscb-chair","due":"2009-11-30"}"#, etag_of: "" }),
    // A document with no title, and a version with no file: refused for what they are,
    // after who sent them.
    ("POST", "/p/{slug}/documents", Send::Multipart(&[("kind", "plan"), ("title", ""), ("owner", "lscb-chair")], None)),
    ("POST", "/p/{slug}/documents/{id}/versions", Send::Multipart(&[("note", "none")], None)),
    // A completion with no day, and an item with no title.
    ("POST", "/p/{slug}/induction", Send::Form(&[("person", "Matrix Person"), ("item", "job-description"), ("on", "")])),
    ("POST", "/p/{slug}/induction/items", Send::Form(&[("title", "")])),
    ("POST", "/api/v1/partnerships/{slug}/actions/{id}/updates", Send::Json { body: API_UPDATE, etag_of: ACTION }),
    ("POST", "/api/v1/partnerships/{slug}/actions/{id}/sign-off", Send::Json { body: "", etag_of: ACTION }),
    ("POST", "/api/v1/partnerships/{slug}/actions/{id}/sign-off/withdraw", Send::Json { body: r#"{"reason":"Not agreed"}"#, etag_of: ACTION }),
    ("POST", "/api/v1/partnerships/{slug}/indicators/{code}/commentary", Send::Json { body: r#"{"period":"2024-25","text":"Repeat plans fell after the step-down review."}"#, etag_of: INDICATOR }),
];

/// What each caller gets from each route, one answer per caller in the order of
/// [`Caller::ALL`]: `ok` (a success, or a redirect elsewhere than the sign-in page),
/// `sign-in` (a redirect to it), or the status: 401 (no valid token), 403 (signed in, but
/// not allowed), 404 (not theirs to know of), or 400/409/… when the caller was let through
/// and the request itself refused.
#[rustfmt::skip]
pub const EXPECT: &[(&str, &str, &str)] = &[
    // method, template, "anonymous reader member chair lead-own lead-others manager admin outsider non-member revoked expired"
    // Signing in, and one's own account.
    ("GET", "/sign-in", "ok ok ok ok ok ok ok ok ok ok ok ok"),
    ("POST", "/sign-in", "ok ok ok ok ok ok ok ok ok ok ok ok"),
    ("POST", "/sign-out", "sign-in ok ok ok ok ok ok ok ok ok sign-in sign-in"),
    // Signing in through an identity provider: the matrix's server configures none, so each
    // caller is told there is no such provider (tests/identity.rs uses a real one).
    ("GET", "/sign-in/oidc/{provider}", "404 404 404 404 404 404 404 404 404 404 404 404"),
    ("GET", "/sign-in/oidc/{provider}/callback", "404 404 404 404 404 404 404 404 404 404 404 404"),
    ("GET", "/account/password", "sign-in ok ok ok ok ok ok ok ok ok sign-in sign-in"),
    // 400: the current password sent is wrong, told only to the account's own session.
    ("POST", "/account/password", "sign-in 400 400 400 400 400 400 400 400 400 sign-in sign-in"),
    // A partnership's pages: every member reads them; the outsider is told they do not exist.
    ("GET", "/", "sign-in ok ok ok ok ok ok ok ok ok sign-in sign-in"),
    ("GET", "/p/{slug}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/plan", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/my-actions", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/reviews", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/board", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/actions/{id}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/evidence/{sha256}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/indicators", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/workforce", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/indicators/{code}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/reports", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/reports/yearly/{year}", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/reports/yearly/{year}", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/calendar.ics", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    // The officers' pages: the business manager and the administrator only.
    ("GET", "/p/{slug}/import", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/import", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    // 400: the empty document, refused once the officer is let through.
    ("POST", "/p/{slug}/import/confirm", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    // 400: no upload is held under the token, told the officers as for a token of someone else's.
    ("POST", "/p/{slug}/import/preview", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/export/{format}", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/indicators/{code}/commentary", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/indicators/import", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    // 400: the file is not a published one, refused once the officer is let through.
    ("POST", "/p/{slug}/indicators/import", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/publishing", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    // The member register: every member reads it; the officers change it (400: a person with
    // no name, refused once the officer is let through).
    ("GET", "/p/{slug}/members", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/members", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/members/new", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/members/{id}", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/members/{id}/edit", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    // Meetings and attendance: every member reads a board meeting; the officers run it (a
    // sub-group's chair runs its own, tested in tests/meetings.rs); 400: a meeting with no date.
    ("GET", "/p/{slug}/meetings", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/meetings", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/meetings/{id}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/meetings/{id}/attendance", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/meetings/{id}/agenda", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/meetings/{id}/decisions", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/meetings/{id}/actions", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/meetings/{id}/minutes", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/meetings/{id}/promote", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/subgroups", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/subgroups/change", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/documents/{id}/approve", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/attendance", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/training", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/training/{id}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/case-reviews", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/case-reviews/{id}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/engagement", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    // The learning forms: the board's officers only.
    ("GET", "/p/{slug}/training/new", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/training", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/training/{id}/sessions/new", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/training/{id}/sessions", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/recommendations/{id}", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/recommendations/{id}", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    // Assurance: every member reads the risk register and Section 11 (each cut to what they
    // may see); a return is opened and completed by its agency's lead officer and the panel
    // (the chair, the business manager, the administrator) only.
    ("GET", "/p/{slug}/risks", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/s11", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/s11/{year}/return", "sign-in 403 403 ok ok ok ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/s11/{year}/return", "sign-in 403 403 ok ok ok ok ok 404 404 sign-in sign-in"),
    // A return's evidence files and improvement actions: whoever may complete it adds them;
    // a file goes to whoever may see the return.
    ("POST", "/p/{slug}/s11/{year}/return/evidence", "sign-in 403 403 ok ok ok ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/s11/{year}/return/actions", "sign-in 403 403 ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/s11/{year}/evidence/{id}", "sign-in 403 403 ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/audits", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/audits/{id}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/audits/{id}/cases", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/thread/actions/{id}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/thread/objectives/{number}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/thread/risks/{id}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/thread/s11/{year}/{number}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    // Updates: the action's lead and the officers; sign-off: the chair of the board or of the
    // lead's sub-group only, told (400) that the action is not rated complete.
    ("POST", "/p/{slug}/actions/{id}/updates", "sign-in 403 403 403 ok 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/actions/{id}/sign-off", "sign-in 403 403 400 400 403 403 403 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/actions/{id}/sign-off/withdraw", "sign-in 403 403 400 400 403 403 403 404 404 sign-in sign-in"),
    // Calendar addresses: every member makes their own and revokes only their own (the lead
    // acting on others' tries the administrator's: not theirs to know of).
    ("POST", "/p/{slug}/calendar-feeds", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/calendar-feeds/{id}/revoke", "sign-in ok ok ok ok 404 ok ok 404 404 sign-in sign-in"),
    // The address's secret is its credential, whoever else the caller is.
    ("GET", "/calendar/{file}", "ok ok ok ok ok ok ok ok ok ok ok ok"),
    // An unsubscribe link's signature is its credential, whoever follows it: a forged one is
    // not found for everyone.
    ("GET", "/unsubscribe/{token}", "404 404 404 404 404 404 404 404 404 404 404 404"),
    ("POST", "/unsubscribe/{token}", "404 404 404 404 404 404 404 404 404 404 404 404"),
    // The reminder settings: the board's officers only.
    ("GET", "/p/{slug}/reminders", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/reminders", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    // Public: the published summaries, health and assets.
    ("GET", "/public", "ok ok ok ok ok ok ok ok ok ok ok ok"),
    ("GET", "/public/{slug}", "ok ok ok ok ok ok ok ok ok ok ok ok"),
    ("GET", "/public/{slug}/register", "ok ok ok ok ok ok ok ok ok ok ok ok"),
    ("GET", "/healthz", "ok ok ok ok ok ok ok ok ok ok ok ok"),
    ("GET", "/readyz", "ok ok ok ok ok ok ok ok ok ok ok ok"),
    // Metrics are off unless the operator turns them on (with a token: tests/operations.rs).
    ("GET", "/metrics", "404 404 404 404 404 404 404 404 404 404 404 404"),
    ("GET", "/assets/{name}", "ok ok ok ok ok ok ok ok ok ok ok ok"),
    // The API: 401 without a live token, the same reads and writes as the pages.
    ("GET", "/api/v1/openapi.json", "ok ok ok ok ok ok ok ok ok ok ok ok"),
    ("GET", "/api/v1/partnerships", "401 ok ok ok ok ok ok ok ok ok 401 401"),
    ("GET", "/api/v1/partnerships/{slug}", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/actions", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/actions/{id}", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/actions/{id}/updates", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("POST", "/api/v1/partnerships/{slug}/actions/{id}/updates", "401 403 403 403 ok 403 ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/actions/{id}/updates/{update}", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    // 422: not rated complete, told only to a sign-off role holder.
    ("POST", "/api/v1/partnerships/{slug}/actions/{id}/sign-off", "401 403 403 422 422 403 403 403 404 404 401 401"),
    ("POST", "/api/v1/partnerships/{slug}/actions/{id}/sign-off/withdraw", "401 403 403 422 422 403 403 403 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/evidence/{sha256}", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/reviews", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/members", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/members/{id}", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/meetings", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/meetings/{id}", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/attendance", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/training/impact", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/case-reviews", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/case-reviews/{id}", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    // The document register: every member reads it and its files; the officers change it (400:
    // a document with no title, a version with no file, a completion with no day, an item
    // with no title).
    ("GET", "/p/{slug}/documents", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/documents", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/documents/new", "sign-in 403 403 403 403 403 ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/documents/{id}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/documents/{id}/versions", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/documents/{id}/versions/{number}", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("GET", "/p/{slug}/induction", "sign-in ok ok ok ok ok ok ok 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/induction", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("POST", "/p/{slug}/induction/items", "sign-in 403 403 403 403 403 400 400 404 404 sign-in sign-in"),
    ("GET", "/api/v1/partnerships/{slug}/documents", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/documents/{id}", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/audits", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/audits/{id}", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/audits/{id}/summary", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/actions/{id}/thread", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    // 422: a person with no name, refused once the officer is let through.
    ("POST", "/api/v1/partnerships/{slug}/members", "401 403 403 403 403 403 422 422 404 404 401 401"),
    // 422: the matrix sends no objective, so nothing is promoted (tests/meetings_api.rs does).
    ("POST", "/api/v1/partnerships/{slug}/meetings/{id}/actions/{action}/promote", "401 403 403 403 403 403 422 422 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/indicators", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/indicators/{code}", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("POST", "/api/v1/partnerships/{slug}/indicators/{code}/commentary", "401 403 403 403 403 403 ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/risks", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/risks/{id}", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/s11/{year}/heatmap", "401 ok ok ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/s11/{year}/returns/{agency}", "401 403 403 ok ok ok ok ok 404 404 401 401"),
    ("GET", "/api/v1/partnerships/{slug}/s11/{year}/evidence/{id}", "401 403 403 ok ok ok ok ok 404 404 401 401"),
    // Any other path under the API is a problem report, to anyone.
    ("ANY", "/api/v1/{*rest}", "404 404 404 404 404 404 404 404 404 404 404 404"),
];
