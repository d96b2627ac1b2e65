//! Whether an import starts from the plan as it now stands. A sheet says which state of the
//! plan it was exported from ([`PlanMark`]: the version and its latest edit); when the plan
//! has changed since, importing the sheet would undo that work, so it is refused, listing the
//! actions changed, unless the person asks to replace anyway (and the change log says they
//! did). The web's confirm step also names the state its check step saw, and is refused if the
//! plan changed in between. The check runs inside the import's transaction, after the
//! partnership's writers are queued, so nothing can slip between the check and the write.

use std::collections::HashMap;

use domain::{Plan, PlanMark};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::{ChangeBatch, ChangeOp};
use crate::error::{Result, StoreError};
use crate::{Store, codec, scope};

use super::changes::{ActionChange, diff};
use super::read;
use super::versions::{END_OF_TIME, Versions};

/// What state of the plan an import was taken from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakenFrom {
    /// Not a sheet: a plan document or JSON file stands alone.
    Document,
    /// A sheet without a mark (exported before marks existed, or copied into a new file):
    /// taken to be from the plan as last imported, so edits made since would be undone.
    Unmarked,
    /// A marked sheet.
    Marked(PlanMark),
}

/// What an import must not undo, and what the person allowed.
#[derive(Debug, Clone)]
pub struct ImportGuard {
    /// The title of the plan the import changes.
    pub title: String,
    pub taken_from: TakenFrom,
    /// The plan's state when the import was checked (the web's check step): refused if it
    /// has changed since, whatever `replace_anyway` says, so that nobody confirms unseen work away.
    pub seen: Option<PlanMark>,
    /// Import even though the plan changed since the sheet was taken.
    pub replace_anyway: bool,
}

/// How the plan changed since the state an import was taken from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staleness {
    /// The state the import was taken from (`None`: an unmarked sheet).
    pub from: Option<PlanMark>,
    pub now: PlanMark,
    /// The plan was imported again since (a new version): from which file, when.
    pub reimported: Option<String>,
    pub changes: Vec<ActionChange>,
}

impl Staleness {
    /// The refusal's first sentence and one line per change, e.g. for a terminal or a page.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![match &self.from {
            Some(from) => format!(
                "This sheet was exported from {from}; the plan has changed since (it is now \
                 version {}, edit {}), and importing the sheet would undo these changes:",
                self.now.version, self.now.edit
            ),
            None => format!(
                "This sheet does not say which state of the plan it was exported from (it has no \
                 \"Boardplan export of\" line), and the plan \"{}\" has been edited since it was \
                 imported; importing the sheet would undo these changes:",
                self.now.title
            ),
        }];
        lines.extend(self.reimported.iter().map(|r| format!("- {r}")));
        lines.extend(
            self.changes
                .iter()
                .map(|c| format!("- {}: {}", c.action, c.what)),
        );
        lines
    }
}

impl Store {
    /// The state of the plan `title` at `at` (now if `None`), to mark a sheet exported from
    /// it; `None` if there was no such plan then.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn plan_mark(
        &self,
        slug: &str,
        title: &str,
        at: Option<jiff::Timestamp>,
    ) -> Result<Option<PlanMark>> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        let at = at.map_or_else(|| END_OF_TIME.to_string(), codec::at_text);
        Ok(mark_at(&mut conn, pid, title, &at).await?.map(|(_, m)| m))
    }

    /// How the plan `title` changed since the state `taken_from`, or `None` if it has not (or
    /// there is no such plan): for a front door to explain a refusal before trying to write.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn plan_staleness(
        &self,
        slug: &str,
        title: &str,
        taken_from: &TakenFrom,
    ) -> Result<Option<Staleness>> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        staleness(&mut conn, pid, title, taken_from).await
    }
}

/// The import may go ahead: `Ok(Some(note))` when it replaces newer work because the person
/// asked to (record the note with [`record`]), `Ok(None)` when it undoes nothing.
pub(crate) async fn check(
    conn: &mut AnyConnection,
    pid: i64,
    guard: &ImportGuard,
) -> Result<Option<Staleness>> {
    if let Some(seen) = &guard.seen {
        let now = mark_at(conn, pid, &guard.title, END_OF_TIME).await?;
        if let Some((plan_id, now)) = now.filter(|(_, now)| now != seen) {
            let stale = between(conn, pid, Some(seen), plan_id, &now).await?;
            let mut what = format!(
                "The plan changed after the file was checked (then {seen}, now {now})",
                now = now.describe()
            );
            for line in stale.lines().iter().skip(1) {
                what.push('\n');
                what.push_str(line);
            }
            what.push_str(
                "\nNothing was written. Check the file again to see the plan as it is now.",
            );
            return Err(StoreError::Conflict { what });
        }
    }
    let Some(stale) = staleness(conn, pid, &guard.title, &guard.taken_from).await? else {
        return Ok(None);
    };
    if guard.replace_anyway {
        return Ok(Some(stale));
    }
    let mut what = stale.lines().join("\n");
    what.push_str(
        "\nNothing was written. Export a fresh sheet and make your changes in it, or, to undo \
         those changes, import the sheet again choosing to replace anyway (--replace on the \
         command line, \"Replace anyway\" on the web).",
    );
    Err(StoreError::Conflict { what })
}

/// What the change log says of an import that replaced newer work at the person's request.
#[derive(Serialize)]
struct Replaced<'a> {
    replaced_anyway: bool,
    sheet_from: String,
    undid: Vec<&'a str>,
}

/// Record in `log` that the import replaced the newer work `stale` lists.
pub(crate) fn record(log: &mut ChangeBatch, stale: &Staleness) -> Result<()> {
    let after = Replaced {
        replaced_anyway: true,
        sheet_from: stale.from.as_ref().map_or_else(
            || "unknown (an unmarked sheet)".to_string(),
            PlanMark::describe,
        ),
        undid: stale.changes.iter().map(|c| c.action.as_str()).collect(),
    };
    let key = format!("{} v{}", stale.now.title, stale.now.version);
    log.record::<(), _>("plan", key, ChangeOp::Update, None, Some(&after))
}

async fn staleness(
    conn: &mut AnyConnection,
    pid: i64,
    title: &str,
    taken_from: &TakenFrom,
) -> Result<Option<Staleness>> {
    let from = match taken_from {
        TakenFrom::Document => return Ok(None),
        TakenFrom::Unmarked => None,
        TakenFrom::Marked(m) => Some(m),
    };
    if let Some(m) = from.filter(|m| m.title != title) {
        return Err(StoreError::invalid(format!(
            "this sheet was exported from the plan \"{}\", not \"{title}\": import it into \
             that plan (--plan on the command line)",
            m.title
        )));
    }
    let Some((plan_id, now)) = mark_at(conn, pid, title, END_OF_TIME).await? else {
        return Ok(None);
    };
    if from == Some(&now) || (from.is_none() && now.edit == 0) {
        return Ok(None);
    }
    let stale = between(conn, pid, from, plan_id, &now).await?;
    // Edits that came back to where the sheet started undo nothing.
    Ok((stale.reimported.is_some() || !stale.changes.is_empty()).then_some(stale))
}

/// The newest edit of plan version `$2` valid at `$3`: per action of the version, a seek in
/// `action_revisions_by_action`.
const LATEST_EDIT: &str = "SELECT COALESCE(MAX(r.id), 0) AS edit FROM action_revisions r
     WHERE r.partnership_id = $1 AND r.valid_from <= $3
       AND r.action_id IN (SELECT a.id FROM actions a WHERE a.plan_id = $2)";

/// The edits of plan version `$2` after edit `$3`, oldest first: the version's actions, then
/// a seek per action.
const EDITS_AFTER: &str =
    "SELECT a.uid AS uid, r.recorded_by AS recorded_by, r.valid_from AS valid_from
     FROM actions a JOIN action_revisions r
       ON r.partnership_id = $1 AND r.action_id = a.id AND r.id > $3
     WHERE a.plan_id = $2 ORDER BY r.id";

/// The version of the plan `title` current at `at`, and its newest edit valid then.
async fn mark_at(
    conn: &mut AnyConnection,
    pid: i64,
    title: &str,
    at: &str,
) -> Result<Option<(i64, PlanMark)>> {
    let Some(row) = sqlx::query(
        "SELECT p.id AS id, p.version AS version FROM plans p
         WHERE p.partnership_id = $1 AND p.title = $2 AND p.created_at <= $3
           AND (p.superseded_at IS NULL OR p.superseded_at > $3)",
    )
    .bind(pid)
    .bind(title)
    .bind(at)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let plan_id: i64 = row.try_get("id")?;
    let edit = sqlx::query(LATEST_EDIT)
        .bind(pid)
        .bind(plan_id)
        .bind(at)
        .fetch_one(&mut *conn)
        .await?;
    Ok(Some((
        plan_id,
        PlanMark {
            title: title.to_string(),
            version: row.try_get("version")?,
            edit: edit.try_get("edit")?,
        },
    )))
}

/// The actions that differ between the state `from` (an unmarked sheet: the current version
/// as imported) and the current version `plan_id`, marked `now`.
async fn between(
    conn: &mut AnyConnection,
    pid: i64,
    from: Option<&PlanMark>,
    plan_id: i64,
    now: &PlanMark,
) -> Result<Staleness> {
    let (base_id, base_edit) = match from {
        Some(m) if m.version != now.version => (version_id(conn, pid, m).await?, m.edit),
        Some(m) => (Some(plan_id), m.edit),
        None => (Some(plan_id), 0),
    };
    let current = one_plan(conn, pid, &Versions::as_marked(plan_id, now.edit)).await?;
    let base = match base_id {
        Some(id) => one_plan(conn, pid, &Versions::as_marked(id, base_edit)).await?,
        None => None,
    };
    let reimported = if base_id == Some(plan_id) {
        None
    } else {
        Some(reimport_note(conn, plan_id, now).await?)
    };
    let edits = if base_id == Some(plan_id) {
        editors(conn, pid, plan_id, base_edit).await?
    } else {
        HashMap::new()
    };
    let changes = match (&base, &current) {
        (Some(base), Some(current)) => diff(base, current, &edits),
        _ => Vec::new(),
    };
    Ok(Staleness {
        from: from.cloned(),
        now: now.clone(),
        reimported,
        changes,
    })
}

async fn one_plan(conn: &mut AnyConnection, pid: i64, v: &Versions) -> Result<Option<Plan>> {
    Ok(read::plans(conn, pid, v)
        .await?
        .into_iter()
        .next()
        .map(|s| s.plan))
}

/// The row id of version `m.version` of the plan `m.title`, if there is one.
async fn version_id(conn: &mut AnyConnection, pid: i64, m: &PlanMark) -> Result<Option<i64>> {
    let row = sqlx::query(
        "SELECT id FROM plans WHERE partnership_id = $1 AND title = $2 AND version = $3",
    )
    .bind(pid)
    .bind(m.title.as_str())
    .bind(m.version)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| r.try_get("id")).transpose()?)
}

async fn reimport_note(conn: &mut AnyConnection, plan_id: i64, now: &PlanMark) -> Result<String> {
    let row = sqlx::query("SELECT source_name, created_at FROM plans WHERE id = $1")
        .bind(plan_id)
        .fetch_one(&mut *conn)
        .await?;
    let at: String = row.try_get("created_at")?;
    Ok(format!(
        "the plan was imported again as version {} from {} on {}",
        now.version,
        row.try_get::<String, _>("source_name")?,
        at.get(..10).unwrap_or(&at)
    ))
}

/// Who last edited each action of version `plan_id` after edit `after`, and when, by action id.
async fn editors(
    conn: &mut AnyConnection,
    pid: i64,
    plan_id: i64,
    after: i64,
) -> Result<HashMap<String, String>> {
    let rows = sqlx::query(EDITS_AFTER)
        .bind(pid)
        .bind(plan_id)
        .bind(after)
        .fetch_all(&mut *conn)
        .await?;
    let mut by = HashMap::new();
    for r in &rows {
        let at: String = r.try_get("valid_from")?;
        let who: String = r.try_get("recorded_by")?;
        // Oldest first, so the last kept is the latest.
        by.insert(
            r.try_get("uid")?,
            format!("edited by {who} on {}", at.get(..10).unwrap_or(&at)),
        );
    }
    Ok(by)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Neither query reads the partnership's every action or edit to answer for one plan,
    /// on the tests' back end (`crate::query_plan`).
    #[tokio::test]
    async fn the_edits_of_one_plan_version_are_found_by_index() {
        use crate::query_plan::{Bind, plan};
        let latest = plan(
            LATEST_EDIT,
            &[Bind::Int(1), Bind::Int(1), Bind::Text("9999")],
        )
        .await;
        let after = plan(EDITS_AFTER, &[Bind::Int(1), Bind::Int(1), Bind::Int(1)]).await;
        for (what, p) in [
            ("the latest edit", &latest),
            ("the edits after one", &after),
        ] {
            p.assert_no_full_read(what, &[("r", "action_revisions"), ("a", "actions")]);
        }
    }
}
