//! The way back: from a risk, or from a Section 11 standard, to the plan actions linked to
//! it (and a risk's indicators). Each is one query by the link tables' own keys, with each
//! action's text sought in the current version of the plan (a correlated lookup by the
//! actions' `(plan_id, uid)` key, so that it seeks per link rather than reading the plan).

use domain::assurance::section11::Section11View;
use domain::assurance::thread::{Link, LinkKind};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::strands::{improvement, stage_of};
use crate::error::{Result, StoreError};

/// A risk of partnership `$1`: `$2` its id.
pub(crate) const RISK_SQL: &str =
    "SELECT id, title FROM risks WHERE partnership_id = $1 AND id = $2";

/// Risk `$1`'s links, each action with its text in plan version `$3` (titled `$2`).
pub(crate) const RISK_LINKS_SQL: &str = "SELECT l.kind, l.plan_title, l.target,
         (SELECT ac.text FROM actions ac WHERE ac.plan_id = $3 AND ac.uid = l.target
             AND l.kind = 'action' AND l.plan_title = $2) AS text
     FROM risk_links l
     WHERE l.risk_id = $1";

/// Standard `$2` of cycle `$3` of partnership `$1`: its id, title and the cycle's stage.
pub(crate) const STANDARD_SQL: &str = "SELECT s.id, s.title, c.stage
     FROM s11_cycles c JOIN s11_standards s ON s.cycle_id = c.id
     WHERE c.partnership_id = $1 AND c.year = $3 AND s.number = $2";

/// The improvement actions on standard `$1`, each with its agency and the carrying action's
/// text in plan version `$3` (titled `$2`).
pub(crate) const STANDARD_ACTIONS_SQL: &str =
    "SELECT x.plan_title, x.action_uid, x.text, ag.name AS agency,
         (SELECT ac.text FROM actions ac WHERE ac.plan_id = $3 AND ac.uid = x.action_uid
             AND x.plan_title = $2) AS action_text
     FROM s11_actions x
     JOIN s11_returns t ON t.id = x.return_id
     JOIN agencies ag ON ag.id = t.agency_id
     WHERE x.standard_id = $1";

/// A plan action as a link: its text in the current plan, or where it was when not in it.
fn action_link(r: &AnyRow, uid: String, text_col: &str, via: String) -> Result<Link> {
    let plan: String = r.try_get("plan_title")?;
    let title = match r.try_get::<Option<String>, _>(text_col)? {
        Some(t) => t,
        None => format!("{uid} of \"{plan}\" (not in the plan as it stands)"),
    };
    Ok(Link {
        kind: LinkKind::Action,
        key: uid,
        title,
        via,
    })
}

/// Risk `id` of partnership `pid`: its title and links, with actions' texts from plan version
/// `plan_id` (titled `plan`).
pub(crate) async fn risk(
    conn: &mut AnyConnection,
    pid: i64,
    (plan, plan_id): (&str, i64),
    id: i64,
) -> Result<(String, Vec<Link>)> {
    let row = sqlx::query(RISK_SQL)
        .bind(pid)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("risk {id}")))?;
    let rows = sqlx::query(RISK_LINKS_SQL)
        .bind(id)
        .bind(plan)
        .bind(plan_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut links = Vec::new();
    for r in &rows {
        let target: String = r.try_get("target")?;
        if r.try_get::<String, _>("kind")? == "indicator" {
            links.push(Link {
                kind: LinkKind::Indicator,
                key: target.clone(),
                title: target,
                via: format!("linked to risk {id}"),
            });
        } else {
            links.push(action_link(
                r,
                target,
                "text",
                format!("linked to risk {id}"),
            )?);
        }
    }
    Ok((row.try_get("title")?, links))
}

/// Standard `number` of cycle `year`: its title and the actions carrying its improvement
/// actions, each named as `view` may see it.
pub(crate) async fn standard(
    conn: &mut AnyConnection,
    pid: i64,
    (plan, plan_id): (&str, i64),
    (year, number): (i32, &str),
    view: &Section11View,
) -> Result<(String, Vec<Link>)> {
    let row = sqlx::query(STANDARD_SQL)
        .bind(pid)
        .bind(number)
        .bind(i64::from(year))
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| {
            StoreError::not_found(format!("standard {number} of the Section 11 cycle {year}"))
        })?;
    let stage = stage_of(&row)?;
    let rows = sqlx::query(STANDARD_ACTIONS_SQL)
        .bind(row.try_get::<i64, _>("id")?)
        .bind(plan)
        .bind(plan_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut links = Vec::new();
    for r in &rows {
        let agency: String = r.try_get("agency")?;
        let text: Option<String> = r.try_get("text")?;
        let via = improvement(view, &agency, stage, text.as_deref());
        links.push(action_link(
            r,
            r.try_get("action_uid")?,
            "action_text",
            via,
        )?);
    }
    Ok((row.try_get("title")?, links))
}
