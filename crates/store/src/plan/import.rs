//! Importing a partnership tree: deciding, per plan, whether it is already there, a conflict,
//! or a new version, then writing the board and the plans and their change-log entries in
//! one transaction. On any error nothing is written.

use domain::{Partnership, Plan};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::{ChangeBatch, Diff};
use crate::changelog::order;
use crate::error::{Result, StoreError};
use crate::slug::slugify;
use crate::{Store, codec, dialect, validate};

use super::partnership_read;
use super::read::StoredPlan;
use super::staleness::{self, ImportGuard};
use super::write::{self, NewVersion, Source};
use super::{board_write, review_write};

/// What to do when a plan of the same title is already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Refuse a changed plan (a [`StoreError::Conflict`]); the same document again is a no-op.
    New,
    /// Record a changed plan as the next version, keeping the earlier one as superseded.
    Replace,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// The partnership was new, or its plans were: each plan's title and version.
    Created {
        partnership: String,
        plan_versions: Vec<(String, i64)>,
    },
    /// Every plan was already stored as given (the same document, or the same content) and
    /// nothing else would change: nothing was written. Names the first such plan.
    AlreadyPresent {
        partnership: String,
        plan_title: String,
        version: i64,
    },
    /// New versions were recorded for changed plans (and new plans added).
    Replaced {
        partnership: String,
        plan_versions: Vec<(String, i64)>,
    },
}

#[derive(Serialize)]
struct PartnershipEntry<'a> {
    slug: &'a str,
    name: &'a str,
    area: Option<&'a str>,
    meetings_per_year: Option<u32>,
}

struct StoredPartnership {
    id: i64,
    name: String,
    area: Option<String>,
    meetings_per_year: Option<i64>,
}

/// The outcome, and whether there is anything to commit.
enum Step {
    Unchanged(ImportOutcome),
    Written(ImportOutcome),
}

/// A plan of the import and the current version it replaces, if any.
type PlanWrite<'p, 's> = (&'p Plan, Option<&'s StoredPlan>);

impl Store {
    /// Store `p` as imported from `source` by `actor`: see [`ImportMode`] and
    /// [`ImportOutcome`]. The partnership is found by the slug of its name (or created); its
    /// agencies, sub-groups, roles, reviews and meetings are added or updated, never deleted.
    pub async fn import_partnership(
        &self,
        actor: &str,
        p: &Partnership,
        source: &Source,
        mode: ImportMode,
    ) -> Result<ImportOutcome> {
        self.import_partnership_at(actor, p, source, mode, jiff::Timestamp::now())
            .await
    }

    /// [`Store::import_partnership`], refused as a conflict when it would undo changes made to
    /// the plan since the state `guard` says the document was taken from, unless the guard
    /// allows it (then the change log records that it did): see [`ImportGuard`].
    pub async fn import_guarded(
        &self,
        actor: &str,
        p: &Partnership,
        source: &Source,
        mode: ImportMode,
        guard: &ImportGuard,
    ) -> Result<ImportOutcome> {
        self.import_inner(
            actor,
            p,
            source,
            mode,
            jiff::Timestamp::now(),
            Some(guard),
            None,
        )
        .await
    }

    /// [`Store::import_partnership`], recorded at `at` rather than now (the demo and tests
    /// record a plan's history on past dates). `at` may not be earlier than the partnership's
    /// last recorded change.
    pub async fn import_partnership_at(
        &self,
        actor: &str,
        p: &Partnership,
        source: &Source,
        mode: ImportMode,
        at: jiff::Timestamp,
    ) -> Result<ImportOutcome> {
        self.import_inner(actor, p, source, mode, at, None, None)
            .await
    }

    /// [`Store::import_partnership`] of a whole partnership (an interchange document of
    /// version 2): the plan tree, then its business and files, in the same transaction and
    /// change log. A partnership that already has business of its own is refused (a
    /// [`StoreError::Conflict`]) when the document brings any: see `interchange::write`.
    pub async fn import_whole(
        &self,
        actor: &str,
        whole: &crate::WholePartnership,
        source: &Source,
        mode: ImportMode,
    ) -> Result<ImportOutcome> {
        self.import_inner(
            actor,
            &whole.partnership,
            source,
            mode,
            jiff::Timestamp::now(),
            None,
            Some((&whole.business, &whole.files)),
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    #[tracing::instrument(skip_all, fields(mode = ?mode, plans = p.plans.len()))]
    async fn import_inner(
        &self,
        actor: &str,
        p: &Partnership,
        source: &Source,
        mode: ImportMode,
        at: jiff::Timestamp,
        guard: Option<&ImportGuard>,
        business: Option<Business<'_>>,
    ) -> Result<ImportOutcome> {
        if actor.trim().is_empty() {
            return Err(StoreError::invalid(
                "every change needs an actor: say who is importing",
            ));
        }
        let slug = slugify(&p.name);
        if slug.is_empty() {
            return Err(StoreError::invalid(format!(
                "the partnership's name \"{}\" needs at least one letter or digit",
                p.name
            )));
        }
        validate::check(p)?;
        let mut tx = self.begin_write().await?;
        let at = codec::at_text(at);
        let step = import(
            &mut tx,
            &Request {
                actor,
                at: &at,
                slug: &slug,
                p,
                source,
                mode,
                guard,
                business,
            },
        )
        .await;
        match step {
            Ok(Step::Written(outcome)) => {
                tx.commit().await?;
                tracing::info!(partnership = %slug, "import written");
                Ok(outcome)
            }
            Ok(Step::Unchanged(outcome)) => {
                tx.rollback().await?;
                Ok(outcome)
            }
            Err(e) => {
                if let Err(rollback) = tx.rollback().await {
                    tracing::warn!(error = %rollback, "rolling back a failed import failed");
                }
                Err(e)
            }
        }
    }
}

struct Request<'a> {
    actor: &'a str,
    at: &'a str,
    slug: &'a str,
    p: &'a Partnership,
    source: &'a Source,
    mode: ImportMode,
    guard: Option<&'a ImportGuard>,
    business: Option<Business<'a>>,
}

/// The business of a whole partnership and its files, written after the tree.
type Business<'a> = (
    &'a domain::business::Business,
    &'a crate::interchange::Files,
);

async fn import(conn: &mut AnyConnection, req: &Request<'_>) -> Result<Step> {
    let stored = stored_partnership(conn, req.slug).await?;
    if let Some(s) = &stored {
        // Writers to one partnership queue, and history is only ever added to.
        if let Some(lock) = dialect::lock_partnership(dialect::backend_of(conn)?) {
            sqlx::query(lock).bind(s.id).execute(&mut *conn).await?;
        }
    }
    // Checked once the partnership's writers are queued, so nothing changes in between.
    let replaced_anyway = match (&stored, req.guard) {
        (Some(s), Some(guard)) => staleness::check(conn, s.id, guard).await?,
        _ => None,
    };
    let current = match &stored {
        Some(s) => partnership_read::current_plans(conn, s.id).await?,
        None => Vec::new(),
    };
    let plans = Plans::decide(req, &current)?;
    if plans.writes.is_empty() && plans.same_document {
        // The document was imported before: nothing is even compared.
        if let Some(outcome) = plans.already_present(req) {
            return Ok(Step::Unchanged(outcome));
        }
    }
    let settled;
    let req = match &stored {
        Some(s) => {
            let last = order::last_change_at(conn, s.id).await?;
            settled = order::settle(req.at, last, req.slug)?;
            &Request {
                at: &settled,
                ..*req
            }
        }
        None => req,
    };
    let (pid, mut log) = match &stored {
        Some(s) => (s.id, update_partnership(conn, s, req).await?),
        None => create_partnership(conn, req).await?,
    };
    let board = board_write::upsert(conn, pid, req.p, &mut log).await?;
    let mut next_position = current.iter().map(|s| s.position + 1).max().unwrap_or(0);
    let mut plan_versions = Vec::new();
    for (plan, replaces) in &plans.writes {
        let (version, position) = match replaces {
            Some(old) => {
                write::supersede(conn, old, req.at, &mut log).await?;
                (old.version + 1, old.position)
            }
            None => {
                let position = next_position;
                next_position += 1;
                (last_version(conn, pid, &plan.title).await? + 1, position)
            }
        };
        let v = NewVersion {
            plan,
            version,
            position,
            source: req.source,
            at: req.at,
        };
        write::insert_version(conn, pid, &v, &board.roles, &mut log).await?;
        plan_versions.push((plan.title.clone(), version));
    }
    review_write::add_trace_links(conn, pid, &req.p.reviews, &board.recommendations, &mut log)
        .await?;
    if let Some((business, files)) = req.business {
        crate::interchange::write::business(
            conn,
            pid,
            stored.is_some(),
            business,
            files,
            req.at,
            &mut log,
        )
        .await?;
    }
    if log.is_empty()
        && let Some(outcome) = plans.already_present(req)
    {
        return Ok(Step::Unchanged(outcome));
    }
    if let Some(stale) = &replaced_anyway {
        staleness::record(&mut log, stale)?;
    }
    let entries = log.append(conn).await?;
    tracing::debug!(entries, "change log appended");
    let partnership = req.slug.to_string();
    Ok(Step::Written(match (stored.is_some(), req.mode) {
        (true, ImportMode::Replace) => ImportOutcome::Replaced {
            partnership,
            plan_versions,
        },
        _ => ImportOutcome::Created {
            partnership,
            plan_versions,
        },
    }))
}

/// What becomes of each plan of an import.
struct Plans<'p, 's> {
    /// Plans to write, with the current version each replaces.
    writes: Vec<PlanWrite<'p, 's>>,
    /// The first plan already stored as given, if any.
    first_present: Option<&'s StoredPlan>,
    /// Every plan already stored came from this very document (and `mode` is `New`).
    same_document: bool,
}

impl<'p, 's> Plans<'p, 's> {
    /// A plan is already present when its current version came from the same document
    /// (`New` mode) or holds the same content; otherwise it is written, or, without
    /// [`ImportMode::Replace`], a conflict.
    fn decide(req: &Request<'p>, current: &'s [StoredPlan]) -> Result<Self> {
        let mut plans = Plans {
            writes: Vec::new(),
            first_present: None,
            same_document: true,
        };
        for plan in &req.p.plans {
            let Some(old) = current.iter().find(|s| s.plan.title == plan.title) else {
                plans.writes.push((plan, None));
                continue;
            };
            let same_document =
                old.source_sha256 == req.source.sha256 && req.mode == ImportMode::New;
            if same_document || old.plan == *plan {
                plans.first_present.get_or_insert(old);
                plans.same_document &= same_document;
            } else if req.mode == ImportMode::New {
                return Err(StoreError::Conflict {
                    what: format!(
                        "the plan \"{}\" is already there (version {}, from {}); import with \
                         --replace to record a new version",
                        plan.title, old.version, old.source_name
                    ),
                });
            } else {
                plans.writes.push((plan, Some(old)));
            }
        }
        Ok(plans)
    }

    /// The outcome when nothing is written: only once every plan is already present.
    fn already_present(&self, req: &Request<'_>) -> Option<ImportOutcome> {
        let old = self.first_present.filter(|_| self.writes.is_empty())?;
        Some(ImportOutcome::AlreadyPresent {
            partnership: req.slug.to_string(),
            plan_title: old.plan.title.clone(),
            version: old.version,
        })
    }
}

async fn stored_partnership(
    conn: &mut AnyConnection,
    slug: &str,
) -> Result<Option<StoredPartnership>> {
    let row =
        sqlx::query("SELECT id, name, area, meetings_per_year FROM partnerships WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|r| {
        Ok(StoredPartnership {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            area: r.try_get("area")?,
            meetings_per_year: r.try_get("meetings_per_year")?,
        })
    })
    .transpose()
}

async fn create_partnership(
    conn: &mut AnyConnection,
    req: &Request<'_>,
) -> Result<(i64, ChangeBatch)> {
    let p = req.p;
    let row = sqlx::query(
        "INSERT INTO partnerships (slug, name, area, meetings_per_year, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(req.slug)
    .bind(p.name.as_str())
    .bind(p.area.as_deref())
    .bind(p.meetings_per_year.map(i64::from))
    .bind(req.at)
    .fetch_one(&mut *conn)
    .await?;
    let pid: i64 = row.try_get("id")?;
    let mut log = ChangeBatch::new(pid, req.actor, req.at);
    let entry = PartnershipEntry {
        slug: req.slug,
        name: &p.name,
        area: p.area.as_deref(),
        meetings_per_year: p.meetings_per_year,
    };
    log.created("partnership", req.slug, &entry)?;
    Ok((pid, log))
}

/// Bring the partnership's own fields up to date; a field the import lacks is kept.
async fn update_partnership(
    conn: &mut AnyConnection,
    stored: &StoredPartnership,
    req: &Request<'_>,
) -> Result<ChangeBatch> {
    let p = req.p;
    let mut log = ChangeBatch::new(stored.id, req.actor, req.at);
    let area = p.area.clone().or_else(|| stored.area.clone());
    let meetings = p
        .meetings_per_year
        .map(i64::from)
        .or(stored.meetings_per_year);
    let mut diff = Diff::default();
    diff.field("name", stored.name.as_str(), p.name.as_str())?;
    diff.field("area", &stored.area, &area)?;
    diff.field("meetings_per_year", &stored.meetings_per_year, &meetings)?;
    if !diff.is_empty() {
        sqlx::query(
            "UPDATE partnerships SET name = $1, area = $2, meetings_per_year = $3 WHERE id = $4",
        )
        .bind(p.name.as_str())
        .bind(area)
        .bind(meetings)
        .bind(stored.id)
        .execute(&mut *conn)
        .await?;
        diff.record(&mut log, "partnership", req.slug)?;
    }
    Ok(log)
}

/// The highest version of the plan titled `title`, current or not (0 for none).
async fn last_version(conn: &mut AnyConnection, pid: i64, title: &str) -> Result<i64> {
    let row = sqlx::query(
        "SELECT COALESCE(MAX(version), 0) AS version FROM plans WHERE partnership_id = $1 AND title = $2",
    )
    .bind(pid)
    .bind(title)
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.try_get("version")?)
}
