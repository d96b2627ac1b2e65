//! Assurance: an action is complete only when its latest update rates it blue (complete),
//! some update of it carries evidence, and someone holding a sign-off role (by the
//! partnership's policy) signs it off. A sign-off can be withdrawn, with a reason; both are
//! rows of their own and entries in the change log.

use domain::{Membership, Partnership, Rag, SignOff, Withdrawal};
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::changelog::chain::ChangeOp;
use crate::error::{Result, StoreError};
use crate::plan::partnership_read;
use crate::sql::only_if_given;

use super::read::{latest_of, parse_at, parse_rag};
use super::settings;
use super::write::{ActionKey, ActionWrite, Stamp, Written};

impl Store {
    /// Sign off the completion of action `key`, seen at `expected_version`, as `signer`.
    #[tracing::instrument(skip_all, fields(partnership = slug, action = %key.action))]
    pub async fn sign_off(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        key: &ActionKey,
        expected_version: i64,
        signer: &Membership,
    ) -> Result<Written<SignOff>> {
        let mut w = self
            .begin_action_write(slug, stamp, key, expected_version)
            .await?;
        let role = signing_role(&mut w, slug, signer).await?;
        if let Some(s) = active(&mut w.w.tx, w.w.pid, w.tracked_id).await? {
            return Err(StoreError::Conflict {
                what: format!(
                    "{} was already signed off by {} (as {}) at {}",
                    key.action, s.by, s.role, s.at
                ),
            });
        }
        ready(&mut w).await?;
        let row = sqlx::query(
            "INSERT INTO signoffs (partnership_id, tracked_action_id, signed_by, role_id, at)
             SELECT $1, $2, $3, id, $4 FROM roles WHERE partnership_id = $1 AND slug = $5
             RETURNING id",
        )
        .bind(w.w.pid)
        .bind(w.tracked_id)
        .bind(w.w.log.actor())
        .bind(w.w.at.as_str())
        .bind(role.as_str())
        .fetch_one(&mut *w.w.tx)
        .await?;
        let signed = SignOff {
            id: row.try_get("id")?,
            action: key.action.clone(),
            by: w.w.log.actor().to_string(),
            role: role.clone(),
            at: parse_at(&w.w.at)?,
            withdrawn: None,
        };
        w.w.log.created("signoff", key.log_key(), &signed)?;
        let what = format!("sign-off by {} as {role}", signed.by);
        let version = w.finish(&what, None).await?;
        tracing::info!(signoff = signed.id, "signed off");
        Ok(Written {
            record: signed,
            version,
        })
    }

    /// Withdraw the sign-off of action `key`, seen at `expected_version`, as `signer` (who must
    /// hold a sign-off role for it), for `reason`.
    #[tracing::instrument(skip_all, fields(partnership = slug, action = %key.action))]
    pub async fn withdraw_sign_off(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        key: &ActionKey,
        expected_version: i64,
        signer: &Membership,
        reason: &str,
    ) -> Result<Written<SignOff>> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::invalid(
                "a sign-off is withdrawn only with a reason: say why",
            ));
        }
        let mut w = self
            .begin_action_write(slug, stamp, key, expected_version)
            .await?;
        signing_role(&mut w, slug, signer).await?;
        let Some(mut s) = active(&mut w.w.tx, w.w.pid, w.tracked_id).await? else {
            return Err(StoreError::invalid(format!(
                "{} is not signed off, so there is no sign-off to withdraw",
                key.action
            )));
        };
        sqlx::query(
            "INSERT INTO signoff_withdrawals (signoff_id, partnership_id, withdrawn_by, at, reason)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(s.id)
        .bind(w.w.pid)
        .bind(w.w.log.actor())
        .bind(w.w.at.as_str())
        .bind(reason)
        .execute(&mut *w.w.tx)
        .await?;
        let before = s.clone();
        s.withdrawn = Some(Withdrawal {
            by: w.w.log.actor().to_string(),
            at: parse_at(&w.w.at)?,
            reason: reason.to_string(),
        });
        w.w.log.record(
            "signoff",
            key.log_key(),
            ChangeOp::Update,
            Some(&before),
            Some(&s),
        )?;
        let version = w
            .finish(&format!("withdrawal of the sign-off: {reason}"), None)
            .await?;
        Ok(Written { record: s, version })
    }
}

/// The role `signer` signs under for the action being written, or why they may not.
async fn signing_role(w: &mut ActionWrite, slug: &str, signer: &Membership) -> Result<String> {
    let p = partnership_read::load(&mut w.w.tx, slug)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("the partnership \"{slug}\"")))?;
    let policy = settings::settings(&mut w.w.tx, w.w.pid).await?.sign_off;
    let leads: Vec<String> = p
        .plans
        .iter()
        .filter(|pl| pl.title == w.key.plan)
        .find_map(|pl| {
            pl.action(&w.key.action)
                .map(|(o, a)| o.leads_for(a).to_vec())
        })
        .unwrap_or_default();
    if let Some(role) = signer.sign_off_role(&p, &leads, &policy) {
        return Ok(role);
    }
    Err(StoreError::invalid(format!(
        "{} cannot be signed off under {}: the partnership's policy accepts {}",
        w.key.action,
        held(&p, &signer.holds),
        accepted(&p, &leads, &policy)
    )))
}

fn held(p: &Partnership, holds: &[String]) -> String {
    if holds.is_empty() {
        return "no role".into();
    }
    holds
        .iter()
        .map(|h| {
            p.role(h)
                .map_or(h.clone(), |r| format!("{} ({h})", r.title))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The roles that may sign off an action led by `leads`, in words.
pub(crate) fn accepted(
    p: &Partnership,
    leads: &[String],
    policy: &domain::SignOffPolicy,
) -> String {
    let mut ids: Vec<&str> = policy.board_roles.iter().map(String::as_str).collect();
    if policy.subgroup_chairs {
        let subgroups: Vec<&str> = leads
            .iter()
            .filter_map(|l| p.role(l).and_then(|r| r.subgroup.as_deref()))
            .collect();
        ids.extend(
            p.roles
                .iter()
                .filter(|r| {
                    r.title.to_lowercase().contains("chair")
                        && r.subgroup
                            .as_deref()
                            .is_some_and(|s| subgroups.contains(&s))
                })
                .map(|r| r.id.as_str()),
        );
    }
    ids.dedup();
    if ids.is_empty() {
        return "no role yet: set the sign-off roles first".into();
    }
    held(p, &ids.iter().map(|s| s.to_string()).collect::<Vec<_>>())
}

/// The action must be rated blue by its latest update and have evidence on some update.
async fn ready(w: &mut ActionWrite) -> Result<()> {
    let latest = latest_of(&mut w.w.tx, w.w.pid, w.tracked_id).await?;
    let rag = match latest {
        Some(id) => {
            let row = sqlx::query("SELECT rag FROM progress_updates WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *w.w.tx)
                .await?;
            Some(parse_rag(&row.try_get::<String, _>("rag")?)?)
        }
        None => None,
    };
    if rag != Some(Rag::Blue) {
        let now = rag.map_or("not rated yet".to_string(), |r| {
            format!("rated {r} ({}) by its latest update", r.meaning())
        });
        return Err(StoreError::invalid(format!(
            "{} is {now}; it can be signed off once an update rates it blue (complete)",
            w.key.action
        )));
    }
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM update_evidence e
         JOIN progress_updates u ON u.id = e.update_id
         WHERE u.partnership_id = $1 AND u.tracked_action_id = $2
           AND NOT EXISTS (SELECT 1 FROM progress_updates c WHERE c.corrects_id = u.id)",
    )
    .bind(w.w.pid)
    .bind(w.tracked_id)
    .fetch_one(&mut *w.w.tx)
    .await?;
    if row.try_get::<i64, _>("n")? == 0 {
        return Err(StoreError::invalid(format!(
            "{} has no evidence yet: record an update with evidence (a file or a link) before \
             it is signed off",
            w.key.action
        )));
    }
    Ok(())
}

/// The sign-off of tracked action `tracked` not withdrawn, if any.
async fn active(conn: &mut AnyConnection, pid: i64, tracked: i64) -> Result<Option<SignOff>> {
    let all = read(
        conn,
        pid,
        None,
        Some(tracked),
        crate::plan::versions::END_OF_TIME,
    )
    .await?;
    Ok(all.into_iter().find(|s| s.withdrawn.is_none()))
}

/// What a sign-off is read from; `{filter}` narrows it to some actions, and `$1` is the
/// partnership, `$4` the moment.
const SIGNOFFS: &str =
    "SELECT s.id AS id, t.uid AS uid, s.signed_by AS signed_by, r.slug AS role, s.at AS at,
            w.withdrawn_by AS withdrawn_by, w.at AS withdrawn_at, w.reason AS reason
     FROM signoffs s
     JOIN tracked_actions t ON t.id = s.tracked_action_id
     JOIN roles r ON r.id = s.role_id
     LEFT JOIN signoff_withdrawals w ON w.signoff_id = s.id AND w.at <= $4
     WHERE s.partnership_id = $1 AND {filter} AND s.at <= $4
     ORDER BY s.at, s.id";

/// The sign-offs made by `at` of the plan `plan`'s actions (or of tracked action `tracked`),
/// each with its withdrawal if that was made by `at`, oldest first.
pub(crate) async fn read(
    conn: &mut AnyConnection,
    pid: i64,
    plan: Option<&str>,
    tracked: Option<i64>,
    at: &str,
) -> Result<Vec<SignOff>> {
    let filter = format!(
        "{} AND {}",
        only_if_given("t.plan_title", 2, plan.is_some()),
        only_if_given("t.id", 3, tracked.is_some())
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(SIGNOFFS.replace("{filter}", &filter)))
        .bind(pid)
        .bind(plan.map(str::to_owned))
        .bind(tracked)
        .bind(at)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(signoff_of).collect()
}

/// [`read`] for the action `uid` of the plan `plan` alone, found by its key.
pub(crate) async fn read_of(
    conn: &mut AnyConnection,
    pid: i64,
    plan: &str,
    uid: &str,
    at: &str,
) -> Result<Vec<SignOff>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(of_sql()))
        .bind(pid)
        .bind(plan)
        .bind(None::<i64>)
        .bind(at)
        .bind(uid)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(signoff_of).collect()
}

/// [`read_of`]'s query: [`SIGNOFFS`] for the action `$5`, with `$3` unused to keep
/// [`read`]'s numbering. The action first, then its sign-offs: joined plainly, SQLite
/// would read every sign-off of the partnership and look each one's action up.
pub(crate) fn of_sql() -> String {
    SIGNOFFS.replace(
        "{filter}",
        "s.tracked_action_id = (SELECT x.id FROM tracked_actions x
             WHERE x.partnership_id = $1 AND x.plan_title = $2 AND x.uid = $5)
         AND $3 IS NULL",
    )
}

fn signoff_of(r: &sqlx::any::AnyRow) -> Result<SignOff> {
    let withdrawn = match r.try_get::<Option<String>, _>("withdrawn_by")? {
        Some(by) => Some(Withdrawal {
            by,
            at: parse_at(&r.try_get::<String, _>("withdrawn_at")?)?,
            reason: r.try_get("reason")?,
        }),
        None => None,
    };
    Ok(SignOff {
        id: r.try_get("id")?,
        action: r.try_get("uid")?,
        by: r.try_get("signed_by")?,
        role: r.try_get("role")?,
        at: parse_at(&r.try_get::<String, _>("at")?)?,
        withdrawn,
    })
}
