//! The golden thread from an objective or an action of a plan's current version: the review
//! recommendations traced to it, the audits whose recommendations it answers or that were
//! chosen for those review recommendations, and the indicators those audits were chosen for.
//!
//! Each kind of link comes from one small function that seeks by an index; risks and Section
//! 11 standards join the thread as one more function each, pushing links of their own
//! `domain::assurance::thread::LinkKind`.

use std::collections::BTreeSet;

use domain::assurance::audits::AuditKind;
use domain::assurance::thread::{Link, LinkKind, Thread, ThreadStart};
use sqlx::{AnyConnection, Row};

use crate::error::{Result, StoreError};
use crate::progress::write::current_plan;
use crate::{Store, scope};

/// Review recommendations traced to `target` (an action's number or an objective's).
pub(crate) const TRACED_SQL: &str = "SELECT rc.id, rv.code, rc.number, rc.text
     FROM trace_links t
     JOIN recommendations rc ON rc.partnership_id = t.partnership_id AND rc.id = t.recommendation_id
     JOIN reviews rv ON rv.partnership_id = rc.partnership_id AND rv.id = rc.review_id
     WHERE t.partnership_id = $1 AND t.target = $2";

/// Audits with a recommendation that action `$3` of plan `$2` answers.
pub(crate) const RECOMMENDING_SQL: &str = "SELECT a.id, a.year, a.theme, a.kind
     FROM audit_recommendations ar
     JOIN audits a ON a.partnership_id = ar.partnership_id AND a.id = ar.audit_id
     WHERE ar.partnership_id = $1 AND ar.plan_title = $2 AND ar.action_uid = $3";

/// Audits chosen for review recommendation `$2`.
pub(crate) const CHOSEN_SQL: &str = "SELECT a.id, a.year, a.theme, a.kind
     FROM audit_reasons r
     JOIN audits a ON a.partnership_id = r.partnership_id AND a.id = r.audit_id
     WHERE r.partnership_id = $1 AND r.recommendation_id = $2";

/// The indicators audit `$2` was chosen for.
pub(crate) const INDICATORS_SQL: &str = "SELECT indicator FROM audit_reasons
     WHERE partnership_id = $1 AND audit_id = $2 AND indicator IS NOT NULL";

fn audit_link(r: &sqlx::any::AnyRow, via: String) -> Result<(i64, Link)> {
    let id: i64 = r.try_get("id")?;
    let year: i64 = r.try_get("year")?;
    let kind: AuditKind = r
        .try_get::<String, _>("kind")?
        .parse()
        .map_err(|e: domain::InvalidValue| StoreError::invalid(e.problem))?;
    let theme: String = r.try_get("theme")?;
    Ok((
        id,
        Link {
            kind: LinkKind::Audit,
            key: id.to_string(),
            title: format!("{year}: {theme} ({})", kind.label().to_lowercase()),
            via,
        },
    ))
}

/// Collects the links of a thread.
struct Gather<'c> {
    conn: &'c mut AnyConnection,
    pid: i64,
    plan: String,
    links: Vec<Link>,
    audits: BTreeSet<i64>,
}

impl Gather<'_> {
    /// Review recommendations traced to `target`, and the audits chosen for them.
    async fn reviews(&mut self, target: &str, via: &str) -> Result<()> {
        let rows = sqlx::query(TRACED_SQL)
            .bind(self.pid)
            .bind(target)
            .fetch_all(&mut *self.conn)
            .await?;
        for r in &rows {
            let key = format!(
                "{} {}",
                r.try_get::<String, _>("code")?,
                r.try_get::<i64, _>("number")?
            );
            self.links.push(Link {
                kind: LinkKind::ReviewRecommendation,
                key: key.clone(),
                title: r.try_get("text")?,
                via: format!("answered by {via}"),
            });
            let chosen = sqlx::query(CHOSEN_SQL)
                .bind(self.pid)
                .bind(r.try_get::<i64, _>("id")?)
                .fetch_all(&mut *self.conn)
                .await?;
            for a in &chosen {
                let (id, link) = audit_link(a, format!("chosen for {key}"))?;
                self.audits.insert(id);
                self.links.push(link);
            }
        }
        Ok(())
    }

    /// Audits with a recommendation that action `uid` answers.
    async fn audits_recommending(&mut self, uid: &str) -> Result<()> {
        let rows = sqlx::query(RECOMMENDING_SQL)
            .bind(self.pid)
            .bind(self.plan.as_str())
            .bind(uid)
            .fetch_all(&mut *self.conn)
            .await?;
        for r in &rows {
            let (id, link) = audit_link(r, format!("recommends {uid}"))?;
            self.audits.insert(id);
            self.links.push(link);
        }
        Ok(())
    }

    /// The indicators every audit found so far was chosen for.
    async fn indicators(&mut self) -> Result<()> {
        for id in std::mem::take(&mut self.audits) {
            let rows = sqlx::query(INDICATORS_SQL)
                .bind(self.pid)
                .bind(id)
                .fetch_all(&mut *self.conn)
                .await?;
            for r in &rows {
                let code: String = r.try_get("indicator")?;
                self.links.push(Link {
                    kind: LinkKind::Indicator,
                    key: code.clone(),
                    title: code,
                    via: format!("audit {id} was chosen for it"),
                });
            }
        }
        Ok(())
    }
}

impl Store {
    /// The golden thread from action `uid` of plan `plan` (its current version).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn action_thread(&self, slug: &str, plan: &str, uid: &str) -> Result<Thread> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let p = current_plan(&mut tx, pid, plan).await?;
        let row = sqlx::query(
            "SELECT a.text, o.number FROM actions a
             JOIN objectives o ON o.partnership_id = a.partnership_id AND o.id = a.objective_id
             WHERE a.plan_id = $1 AND a.uid = $2",
        )
        .bind(p.id)
        .bind(uid)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("action {uid}")))?;
        let objective: String = row.try_get("number")?;
        let start = ThreadStart::Action {
            plan: p.title.clone(),
            action: uid.to_string(),
            text: row.try_get("text")?,
        };
        let mut g = Gather {
            conn: &mut tx,
            pid,
            plan: p.title,
            links: Vec::new(),
            audits: BTreeSet::new(),
        };
        g.reviews(uid, uid).await?;
        g.reviews(&objective, &format!("objective {objective}"))
            .await?;
        g.audits_recommending(uid).await?;
        g.indicators().await?;
        let mut thread = Thread {
            start,
            links: g.links,
        };
        tx.commit().await?;
        thread.tidy();
        Ok(thread)
    }

    /// The golden thread from objective `number` of plan `plan` and all its actions.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn objective_thread(&self, slug: &str, plan: &str, number: &str) -> Result<Thread> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let p = current_plan(&mut tx, pid, plan).await?;
        let row = sqlx::query(
            "SELECT id, title FROM objectives WHERE plan_id = $1 AND number = $2
             ORDER BY position LIMIT 1",
        )
        .bind(p.id)
        .bind(number)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("objective {number}")))?;
        let uids: Vec<String> =
            sqlx::query("SELECT uid FROM actions WHERE objective_id = $1 ORDER BY position")
                .bind(row.try_get::<i64, _>("id")?)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| r.try_get("uid"))
                .collect::<std::result::Result<_, _>>()?;
        let start = ThreadStart::Objective {
            plan: p.title.clone(),
            number: number.to_string(),
            title: row.try_get("title")?,
        };
        let mut g = Gather {
            conn: &mut tx,
            pid,
            plan: p.title,
            links: Vec::new(),
            audits: BTreeSet::new(),
        };
        g.reviews(number, &format!("objective {number}")).await?;
        for uid in &uids {
            g.reviews(uid, uid).await?;
            g.audits_recommending(uid).await?;
        }
        g.indicators().await?;
        let mut thread = Thread {
            start,
            links: g.links,
        };
        tx.commit().await?;
        thread.tidy();
        Ok(thread)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_plan::{Bind, plan};

    #[tokio::test]
    async fn each_strand_of_the_thread_seeks_by_its_key() {
        let p = plan(TRACED_SQL, &[Bind::Int(1), Bind::Text("4.1")]).await;
        p.assert_seeks_by("traced recommendations", "t", "target", "=");
        p.assert_no_full_read(
            "traced recommendations",
            &[("rc", "recommendations"), ("rv", "reviews")],
        );
        let p = plan(
            RECOMMENDING_SQL,
            &[Bind::Int(1), Bind::Text("Plan"), Bind::Text("4.1")],
        )
        .await;
        p.assert_seeks_by("audits recommending", "ar", "action_uid", "=");
        p.assert_no_full_read("audits recommending", &[("a", "audits")]);
        let p = plan(CHOSEN_SQL, &[Bind::Int(1), Bind::Int(1)]).await;
        p.assert_seeks_by("audits chosen", "r", "recommendation_id", "=");
        let p = plan(INDICATORS_SQL, &[Bind::Int(1), Bind::Int(1)]).await;
        p.assert_seeks_by("an audit's indicators", "audit_reasons", "audit_id", "=");
    }
}
