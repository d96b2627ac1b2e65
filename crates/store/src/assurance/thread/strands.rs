//! The strands of a thread from a plan's actions: each kind of link is one query over all the
//! thread's actions at once (an `IN` list: for one action, an equality), joined through to
//! what lies behind it (the audits chosen for a review recommendation, the indicators they
//! were chosen for, a risk's indicators), so that a thread costs a handful of seeks however
//! many links it has.
//!
//! A link table's parent (an audit, a risk, a standard, a return, an agency) is joined by its
//! id alone: the link's composite foreign key already holds it to the same partnership, and a
//! partnership condition on the parent would let PostgreSQL start from all of the
//! partnership's parents rather than from the actions' links.

use domain::assurance::audits::AuditKind;
use domain::assurance::section11::{Section11View, Stage};
use domain::assurance::thread::{Link, LinkKind};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::error::{Result, StoreError};

/// `$first, $first+1, …` for `n` values of an `IN (…)` list.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Review recommendations traced to targets `$2…` (actions' or objectives' numbers), with
/// the audits chosen for them and the indicators those audits were chosen for.
pub(crate) fn reviews_sql(targets: usize) -> String {
    format!(
        "SELECT t.target, rv.code, rc.number, rc.text, a.id AS audit_id, a.year, a.theme,
             a.kind, ri.indicator
         FROM trace_links t
         JOIN recommendations rc ON rc.partnership_id = t.partnership_id
             AND rc.id = t.recommendation_id
         JOIN reviews rv ON rv.partnership_id = rc.partnership_id AND rv.id = rc.review_id
         LEFT JOIN audit_reasons r ON r.recommendation_id = rc.id
             AND r.partnership_id = rc.partnership_id
         LEFT JOIN audits a ON a.partnership_id = r.partnership_id AND a.id = r.audit_id
         LEFT JOIN audit_reasons ri ON ri.audit_id = a.id AND ri.indicator IS NOT NULL
         WHERE t.partnership_id = $1 AND t.target IN ({})",
        placeholders(2, targets)
    )
}

/// Audits with a recommendation that actions `$3…` of plan `$2` answer, with the indicators
/// they were chosen for.
pub(crate) fn recommending_sql(uids: usize) -> String {
    format!(
        "SELECT ar.action_uid, a.id AS audit_id, a.year, a.theme, a.kind, ri.indicator
         FROM audit_recommendations ar
         JOIN audits a ON a.id = ar.audit_id
         LEFT JOIN audit_reasons ri ON ri.audit_id = a.id AND ri.indicator IS NOT NULL
         WHERE ar.partnership_id = $1 AND ar.plan_title = $2 AND ar.action_uid IN ({})",
        placeholders(3, uids)
    )
}

/// Risks linked to actions `$3…` of plan `$2`, with the indicators linked to those risks.
pub(crate) fn risks_sql(uids: usize) -> String {
    format!(
        "SELECT l.target, k.id AS risk_id, k.title, k.status, li.target AS indicator
         FROM risk_links l
         JOIN risks k ON k.id = l.risk_id
         LEFT JOIN risk_links li ON li.risk_id = k.id AND li.kind = 'indicator'
         WHERE l.partnership_id = $1 AND l.plan_title = $2 AND l.target IN ({})
           AND l.kind = 'action'",
        placeholders(3, uids)
    )
}

/// Agencies' Section 11 improvement actions carried by actions `$3…` of plan `$2`: the
/// standard, its cycle (and stage, for who may see the agency) and the agency.
pub(crate) fn section11_sql(uids: usize) -> String {
    format!(
        "SELECT x.action_uid, x.text, c.year, c.stage, s.number, s.title, ag.name AS agency
         FROM s11_actions x
         JOIN s11_standards s ON s.id = x.standard_id
         JOIN s11_cycles c ON c.id = s.cycle_id
         JOIN s11_returns t ON t.id = x.return_id
         JOIN agencies ag ON ag.id = t.agency_id
         WHERE x.partnership_id = $1 AND x.plan_title = $2 AND x.action_uid IN ({})",
        placeholders(3, uids)
    )
}

/// A Section 11 standard's key in a thread: `2010/3`.
pub(crate) fn standard_key(year: i64, number: &str) -> String {
    format!("{year}/{number}")
}

/// How an agency's improvement action is named to `view`: the agency and its words only to
/// whoever may see that agency's return at the cycle's stage.
pub(crate) fn improvement(
    view: &Section11View,
    agency: &str,
    stage: Stage,
    text: Option<&str>,
) -> String {
    if view.may_see(agency, stage) {
        match text {
            Some(t) => format!("{agency}'s improvement action ({t})"),
            None => format!("{agency}'s improvement action"),
        }
    } else {
        "an agency's improvement action".into()
    }
}

/// The stage a row's `stage` column names.
pub(crate) fn stage_of(r: &AnyRow) -> Result<Stage> {
    r.try_get::<String, _>("stage")?
        .parse::<Stage>()
        .map_err(|e| StoreError::invalid(e.problem))
}

fn audit_link(r: &AnyRow, via: String) -> Result<Option<(i64, Link)>> {
    let Some(id) = r.try_get::<Option<i64>, _>("audit_id")? else {
        return Ok(None);
    };
    let year: i64 = r.try_get("year")?;
    let kind: AuditKind = r
        .try_get::<String, _>("kind")?
        .parse()
        .map_err(|e: domain::InvalidValue| StoreError::invalid(e.problem))?;
    let theme: String = r.try_get("theme")?;
    Ok(Some((
        id,
        Link {
            kind: LinkKind::Audit,
            key: id.to_string(),
            title: format!("{year}: {theme} ({})", kind.label().to_lowercase()),
            via,
        },
    )))
}

fn indicator(code: String, via: String) -> Link {
    Link {
        kind: LinkKind::Indicator,
        key: code.clone(),
        title: code,
        via,
    }
}

/// Binds `values` after the query's fixed parameters and fetches.
async fn fetch_with(
    conn: &mut AnyConnection,
    sql: String,
    fixed: (i64, Option<&str>),
    values: &[String],
) -> Result<Vec<AnyRow>> {
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(fixed.0);
    if let Some(plan) = fixed.1 {
        q = q.bind(plan);
    }
    for v in values {
        q = q.bind(v.as_str());
    }
    Ok(q.fetch_all(&mut *conn).await?)
}

/// What a thread from some of a plan's actions is gathered from.
pub(crate) struct Strands<'a> {
    pub pid: i64,
    pub plan: &'a str,
    /// The actions' numbers.
    pub uids: &'a [String],
    /// An objective's number whose own trace links count too, if any.
    pub objective: Option<&'a str>,
    pub view: &'a Section11View,
}

impl Strands<'_> {
    /// Every link of the thread, untidied.
    pub async fn gather(&self, conn: &mut AnyConnection) -> Result<Vec<Link>> {
        let mut links = Vec::new();
        self.reviews(conn, &mut links).await?;
        if !self.uids.is_empty() {
            self.recommending(conn, &mut links).await?;
            self.risks(conn, &mut links).await?;
            self.section11(conn, &mut links).await?;
        }
        Ok(links)
    }

    fn via_of(&self, target: &str) -> String {
        match self.objective {
            Some(o) if o == target => format!("objective {o}"),
            _ => target.to_string(),
        }
    }

    async fn reviews(&self, conn: &mut AnyConnection, links: &mut Vec<Link>) -> Result<()> {
        let mut targets: Vec<String> = self.uids.to_vec();
        targets.extend(self.objective.map(str::to_string));
        if targets.is_empty() {
            return Ok(());
        }
        let rows = fetch_with(conn, reviews_sql(targets.len()), (self.pid, None), &targets).await?;
        for r in &rows {
            let key = format!(
                "{} {}",
                r.try_get::<String, _>("code")?,
                r.try_get::<i64, _>("number")?
            );
            let target: String = r.try_get("target")?;
            links.push(Link {
                kind: LinkKind::ReviewRecommendation,
                key: key.clone(),
                title: r.try_get("text")?,
                via: format!("answered by {}", self.via_of(&target)),
            });
            if let Some((id, link)) = audit_link(r, format!("chosen for {key}"))? {
                links.push(link);
                if let Some(code) = r.try_get::<Option<String>, _>("indicator")? {
                    links.push(indicator(code, format!("audit {id} was chosen for it")));
                }
            }
        }
        Ok(())
    }

    async fn recommending(&self, conn: &mut AnyConnection, links: &mut Vec<Link>) -> Result<()> {
        let sql = recommending_sql(self.uids.len());
        let rows = fetch_with(conn, sql, (self.pid, Some(self.plan)), self.uids).await?;
        for r in &rows {
            let uid: String = r.try_get("action_uid")?;
            if let Some((id, link)) = audit_link(r, format!("recommends {uid}"))? {
                links.push(link);
                if let Some(code) = r.try_get::<Option<String>, _>("indicator")? {
                    links.push(indicator(code, format!("audit {id} was chosen for it")));
                }
            }
        }
        Ok(())
    }

    async fn risks(&self, conn: &mut AnyConnection, links: &mut Vec<Link>) -> Result<()> {
        let sql = risks_sql(self.uids.len());
        let rows = fetch_with(conn, sql, (self.pid, Some(self.plan)), self.uids).await?;
        for r in &rows {
            let uid: String = r.try_get("target")?;
            let id: i64 = r.try_get("risk_id")?;
            let title: String = r.try_get("title")?;
            let status: String = r.try_get("status")?;
            links.push(Link {
                kind: LinkKind::Risk,
                key: id.to_string(),
                title: if status == "closed" {
                    format!("{title} (closed)")
                } else {
                    title
                },
                via: format!("linked to {uid}"),
            });
            if let Some(code) = r.try_get::<Option<String>, _>("indicator")? {
                links.push(indicator(code, format!("risk {id} is linked to it")));
            }
        }
        Ok(())
    }

    async fn section11(&self, conn: &mut AnyConnection, links: &mut Vec<Link>) -> Result<()> {
        let sql = section11_sql(self.uids.len());
        let rows = fetch_with(conn, sql, (self.pid, Some(self.plan)), self.uids).await?;
        for r in &rows {
            let uid: String = r.try_get("action_uid")?;
            let year: i64 = r.try_get("year")?;
            let number: String = r.try_get("number")?;
            let title: String = r.try_get("title")?;
            let agency: String = r.try_get("agency")?;
            let text: Option<String> = r.try_get("text")?;
            let who = improvement(self.view, &agency, stage_of(r)?, text.as_deref());
            links.push(Link {
                kind: LinkKind::Section11Standard,
                key: standard_key(year, &number),
                title: format!("{year} standard {number}: {title}"),
                via: format!("{who}, carried by {uid}"),
            });
        }
        Ok(())
    }
}
