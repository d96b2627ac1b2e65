//! One agency's return as its form and the API show it: a line per standard with the
//! agency's rating, evidence (narrative and files) and improvement actions, and the panel's
//! agreed rating; the signatory and the panel's notes. Whether the caller may see it is
//! theirs to check first.

use serde::Serialize;
use sqlx::Row;

use super::actions::S11Action;
use super::cycles::cycle;
use super::evidence::S11File;
use super::returns::agency;
use crate::error::Result;
use crate::{Store, scope};

/// A line of a return: a standard and what the agency and panel said of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnLine {
    pub standard: String,
    pub title: String,
    pub rating: Option<String>,
    pub evidence: Option<String>,
    pub agreed: Option<String>,
    /// Evidence files, in the order added.
    pub files: Vec<S11File>,
    /// Improvement actions, each carried by a plan action.
    pub actions: Vec<S11Action>,
}

/// One agency's return for a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct S11Return {
    pub year: i32,
    pub agency: String,
    pub signatory: Option<String>,
    pub panel_notes: Option<String>,
    pub lines: Vec<ReturnLine>,
}

/// A return's ratings, seeking the return by its cycle and agency.
const ONE_RETURN: &str = "SELECT t.signatory, t.panel_notes, g.standard_id, g.rating, g.evidence,
         g.agreed
     FROM s11_returns t LEFT JOIN s11_ratings g ON g.return_id = t.id
     WHERE t.partnership_id = $1 AND t.cycle_id = $2 AND t.agency_id = $3";

/// A return's evidence files (without their bytes), seeking the return by its keys.
const RETURN_FILES: &str = "SELECT e.id, e.standard_id, e.name, e.sha256, e.media_type, e.size
     FROM s11_returns t JOIN s11_evidence e ON e.return_id = t.id
     WHERE t.partnership_id = $1 AND t.cycle_id = $2 AND t.agency_id = $3 ORDER BY e.id";

/// A return's improvement actions, seeking the return by its keys.
const RETURN_ACTIONS: &str = "SELECT x.standard_id, x.text, x.plan_title, x.action_uid
     FROM s11_returns t JOIN s11_actions x ON x.return_id = t.id
     WHERE t.partnership_id = $1 AND t.cycle_id = $2 AND t.agency_id = $3 ORDER BY x.id";

impl Store {
    /// Agency `agency_name`'s return for cycle `year`, a line per standard (unrated ones
    /// empty). Whether the caller may see it is theirs to check first.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn s11_return(&self, slug: &str, year: i32, agency_name: &str) -> Result<S11Return> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let (cid, c) = cycle(&mut tx, pid, year).await?;
        let (aid, stored) = agency(&mut tx, pid, agency_name).await?;
        let ids = sqlx::query(
            "SELECT id, number FROM s11_standards WHERE cycle_id = $1 ORDER BY position",
        )
        .bind(cid)
        .fetch_all(&mut *tx)
        .await?;
        let mut read = Vec::new();
        for sql in [ONE_RETURN, RETURN_FILES, RETURN_ACTIONS] {
            read.push(
                sqlx::query(sql)
                    .bind(pid)
                    .bind(cid)
                    .bind(aid)
                    .fetch_all(&mut *tx)
                    .await?,
            );
        }
        tx.commit().await?;
        let (rows, files, actions) = (&read[0], &read[1], &read[2]);
        let mut out = S11Return {
            year,
            agency: stored,
            signatory: None,
            panel_notes: None,
            lines: Vec::new(),
        };
        for r in rows {
            out.signatory = r.try_get("signatory")?;
            out.panel_notes = r.try_get("panel_notes")?;
        }
        for (s, idrow) in c.standards.iter().zip(&ids) {
            let sid: i64 = idrow.try_get("id")?;
            let mut line = ReturnLine {
                standard: s.number.clone(),
                title: s.title.clone(),
                rating: None,
                evidence: None,
                agreed: None,
                files: Vec::new(),
                actions: Vec::new(),
            };
            for r in rows {
                if r.try_get::<Option<i64>, _>("standard_id")? == Some(sid) {
                    line.rating = r.try_get("rating")?;
                    line.evidence = r.try_get("evidence")?;
                    line.agreed = r.try_get("agreed")?;
                }
            }
            for f in files {
                if f.try_get::<i64, _>("standard_id")? == sid {
                    line.files.push(S11File {
                        id: f.try_get("id")?,
                        name: f.try_get("name")?,
                        sha256: f.try_get("sha256")?,
                        media_type: f.try_get("media_type")?,
                        size: f.try_get("size")?,
                    });
                }
            }
            for x in actions {
                if x.try_get::<i64, _>("standard_id")? == sid {
                    line.actions.push(S11Action {
                        text: x.try_get("text")?,
                        plan: x.try_get("plan_title")?,
                        action: x.try_get("action_uid")?,
                    });
                }
            }
            out.lines.push(line);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One agency's return is found by its cycle and agency, and its ratings by the return.
    #[tokio::test]
    async fn one_return_is_read_through_keys_not_a_scan() {
        use crate::query_plan::{Bind, plan};
        let p = plan(ONE_RETURN, &[Bind::Int(1), Bind::Int(1), Bind::Int(1)]).await;
        p.assert_no_full_read("one return", &[("t", "s11_returns"), ("g", "s11_ratings")]);
        p.assert_seeks_by("one return", "t", "cycle_id", "=");
        p.assert_seeks_by("one return", "g", "return_id", "=");
        for (sql, what, alias, table) in [
            (RETURN_FILES, "a return's files", "e", "s11_evidence"),
            (
                RETURN_ACTIONS,
                "a return's improvement actions",
                "x",
                "s11_actions",
            ),
        ] {
            let p = plan(sql, &[Bind::Int(1), Bind::Int(1), Bind::Int(1)]).await;
            p.assert_no_full_read(what, &[("t", "s11_returns"), (alias, table)]);
            p.assert_seeks_by(what, "t", "cycle_id", "=");
            p.assert_seeks_by(what, alias, "return_id", "=");
        }
    }
}
