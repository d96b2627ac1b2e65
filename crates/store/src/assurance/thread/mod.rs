//! The golden thread from an objective or an action of a plan's current version: the review
//! recommendations traced to it, the audits whose recommendations it answers or that were
//! chosen for those review recommendations, the indicators those audits were chosen for, the
//! risks linked to it (and theirs), and the Section 11 standards whose agencies' improvement
//! actions it carries ([`strands`]); and the way back, from a risk or a Section 11 standard to
//! the plan actions ([`back`]).
//!
//! Each kind of link is one query over all the thread's actions, joined through to what lies
//! behind it and seeking by an index (the tests below hold each to its plan), so that a
//! thread costs the same few queries however many recommendations and audits it reaches.
//! Who may see which agency's improvement action is the caller's `Section11View`.

mod back;
mod strands;

use domain::assurance::section11::Section11View;
use domain::assurance::thread::{Thread, ThreadStart};
use sqlx::Row;

use crate::error::{Result, StoreError};
use crate::progress::write::current_plan;
use crate::{Store, scope};

use strands::Strands;

impl Store {
    /// The golden thread from action `uid` of plan `plan` (its current version), as `view`
    /// may see it.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn action_thread(
        &self,
        slug: &str,
        plan: &str,
        uid: &str,
        view: &Section11View,
    ) -> Result<Thread> {
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
        let uids = [uid.to_string()];
        let links = Strands {
            pid,
            plan: &p.title,
            uids: &uids,
            objective: Some(objective.as_str()),
            view,
        }
        .gather(&mut tx)
        .await?;
        tx.commit().await?;
        let mut thread = Thread {
            start: ThreadStart::Action {
                plan: p.title,
                action: uid.to_string(),
                text: row.try_get("text")?,
            },
            links,
        };
        thread.tidy();
        Ok(thread)
    }

    /// The golden thread from objective `number` of plan `plan` and all its actions.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn objective_thread(
        &self,
        slug: &str,
        plan: &str,
        number: &str,
        view: &Section11View,
    ) -> Result<Thread> {
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
        let links = Strands {
            pid,
            plan: &p.title,
            uids: &uids,
            objective: Some(number),
            view,
        }
        .gather(&mut tx)
        .await?;
        tx.commit().await?;
        let mut thread = Thread {
            start: ThreadStart::Objective {
                plan: p.title,
                number: number.to_string(),
                title: row.try_get("title")?,
            },
            links,
        };
        thread.tidy();
        Ok(thread)
    }

    /// The way back from risk `id`: the actions linked to it (their text from plan `plan`'s
    /// current version) and its indicators.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn risk_thread(&self, slug: &str, plan: &str, id: i64) -> Result<Thread> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let p = current_plan(&mut tx, pid, plan).await?;
        let (title, links) = back::risk(&mut tx, pid, (&p.title, p.id), id).await?;
        tx.commit().await?;
        let mut thread = Thread {
            start: ThreadStart::Risk {
                plan: p.title,
                id,
                title,
            },
            links,
        };
        thread.tidy();
        Ok(thread)
    }

    /// The way back from standard `number` of Section 11 cycle `year`: the plan actions
    /// carrying agencies' improvement actions on it, each agency named as `view` may see it.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn standard_thread(
        &self,
        slug: &str,
        plan: &str,
        (year, number): (i32, &str),
        view: &Section11View,
    ) -> Result<Thread> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let p = current_plan(&mut tx, pid, plan).await?;
        let (title, links) =
            back::standard(&mut tx, pid, (&p.title, p.id), (year, number.trim()), view).await?;
        tx.commit().await?;
        let mut thread = Thread {
            start: ThreadStart::Section11Standard {
                plan: p.title,
                year,
                number: number.trim().to_string(),
                title,
            },
            links,
        };
        thread.tidy();
        Ok(thread)
    }
}

#[cfg(test)]
mod tests {
    use super::back::{RISK_LINKS_SQL, RISK_SQL, STANDARD_ACTIONS_SQL, STANDARD_SQL};
    use super::strands::{recommending_sql, reviews_sql, risks_sql, section11_sql};
    use crate::query_plan::{Bind, plan};

    /// Each strand seeks by its key for every action of the thread, and each join behind it
    /// (the audits chosen for a recommendation, their indicators, a risk's indicators, a
    /// standard's cycle and agency) seeks too: no strand reads a table whole.
    #[tokio::test]
    async fn each_strand_of_the_thread_seeks_by_its_key_through_every_join() {
        let two = [Bind::Int(1), Bind::Text("4.1"), Bind::Text("4")];
        let p = plan(&reviews_sql(2), &two).await;
        p.assert_seeks_by("traced recommendations", "t", "target", "=");
        p.assert_seeks_by("audits chosen", "r", "recommendation_id", "=");
        p.assert_seeks_by("the chosen audits' indicators", "ri", "audit_id", "=");
        p.assert_no_full_read(
            "traced recommendations",
            &[
                ("rc", "recommendations"),
                ("rv", "reviews"),
                ("r", "audit_reasons"),
                ("a", "audits"),
            ],
        );
        // One action (an action's thread) seeks each link table by the action itself; several
        // (a priority's) seek by the plan and pick the actions' links there (PostgreSQL's
        // generic plan filters an `IN` list on an index's last column rather than seek it
        // once per value).
        for (n, column) in [(1, "action_uid"), (2, "plan_title")] {
            let by_action: Vec<Bind> = [Bind::Int(1), Bind::Text("Plan")]
                .into_iter()
                .chain([Bind::Text("4.1"), Bind::Text("4.2")].into_iter().take(n))
                .collect();
            let p = plan(&recommending_sql(n), &by_action).await;
            p.assert_seeks_by("audits recommending", "ar", column, "=");
            p.assert_seeks_by("the audits", "a", "id", "=");
            p.assert_seeks_by("their indicators", "ri", "audit_id", "=");
            let p = plan(&risks_sql(n), &by_action).await;
            let target = if n == 1 { "target" } else { column };
            p.assert_seeks_by("risks linked", "l", target, "=");
            p.assert_seeks_by("the risks", "k", "id", "=");
            p.assert_seeks_by("the risks' indicators", "li", "risk_id", "=");
            let p = plan(&section11_sql(n), &by_action).await;
            p.assert_seeks_by("improvement actions", "x", column, "=");
            for alias in ["s", "c", "t", "ag"] {
                p.assert_seeks_by("improvement actions' standard and agency", alias, "id", "=");
            }
        }
    }

    #[tokio::test]
    async fn the_way_back_from_a_risk_or_a_standard_seeks_by_its_key() {
        let p = plan(RISK_SQL, &[Bind::Int(1), Bind::Int(2)]).await;
        p.assert_seeks_by("a risk", "risks", "id", "=");
        let p = plan(
            RISK_LINKS_SQL,
            &[Bind::Int(1), Bind::Text("Plan"), Bind::Int(3)],
        )
        .await;
        p.assert_seeks_by("a risk's links", "l", "risk_id", "=");
        p.assert_seeks_by("their actions' text", "ac", "uid", "=");
        let p = plan(
            STANDARD_SQL,
            &[Bind::Int(1), Bind::Text("3"), Bind::Int(2010)],
        )
        .await;
        p.assert_seeks_by("a standard", "s", "number", "=");
        p.assert_no_full_read("a standard", &[("c", "s11_cycles")]);
        let p = plan(
            STANDARD_ACTIONS_SQL,
            &[Bind::Int(1), Bind::Text("Plan"), Bind::Int(3)],
        )
        .await;
        p.assert_seeks_by("a standard's improvement actions", "x", "standard_id", "=");
        p.assert_seeks_by("their actions' text", "ac", "uid", "=");
        p.assert_seeks_by("their returns", "t", "id", "=");
        p.assert_seeks_by("their agencies", "ag", "id", "=");
    }
}
