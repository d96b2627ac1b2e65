//! Boardplan's storage: one SQL implementation over an embedded SQLite file (the default) or
//! a PostgreSQL server (by URL), through sqlx's runtime queries on an `AnyPool`.
//!
//! Invariants:
//! - only [`dialect`] knows which database it talks to; all other SQL runs on both;
//! - migrations only go forward, and a schema newer than this code is refused;
//! - every table but `partnerships` is scoped by partnership, and references between records
//!   are composite keys that cannot cross partnerships;
//! - every write appends to the partnership's hash-chained change log in the same
//!   transaction, naming its actor and time.
//!
//! Code map: [`Store`] and its connection here; the rest in folders by capability, each
//! `mod.rs` saying what it holds and what it may use. Dependencies point one way, down:
//! - the ground, which uses no capability: `error`, `dialect`, `sql` (binding, multi-row
//!   inserts, row helpers), `codec` (domain values as columns), `migrate`, `scope` (a
//!   partnership's id by its slug), `slug`, `validate` (a tree before it is written);
//! - `changelog/`: the hash chain every write appends to, when a change may be recorded, and
//!   the log's reads;
//! - `plan/`: importing the board and plans, and reading them back as at a moment;
//! - `progress/`, on `plan/`: writes to actions (updates, evidence, sign-offs, edits,
//!   meetings, settings, carrying forward) and each action's status and story as at a moment;
//! - `indicators/`: indicator values, settings, targets and commentary;
//! - `governance/`, on `progress::write`: the member register and the agencies' details;
//! - `meetings/`, on `progress::write`: sub-groups as the board runs them, meetings (agenda,
//!   attendance, quorum, decisions, action log, minutes) and attendance over a period;
//! - `learning/`, on `progress::write`: training, the case reviews register, engagement;
//! - `documents/`, on `progress::write` and `progress::evidence`: the document register and
//!   induction;
//! - `assurance/`, on `progress::write`: the risk register and Section 11 self-assessment;
//! - `assurance/`, on `progress::write` and the plan's tables: the audit programme, case-file
//!   audits and the golden thread;
//! - `identity/`, on `progress::write`: password sign-in per partnership, OpenID Connect
//!   sign-ins under way;
//! - `accounts/`: accounts, memberships, sessions, API tokens and calendar feeds, keeping
//!   only hashes of secrets;
//! - `mail/`: the outbox (queued, claimed, sent) and each send attempt;
//! - `reminders/`, on `progress::write` and `mail/`: what reminders read, and recording them
//!   as sent with their message queued in the same transaction;
//! - `reports/`, on all of them: what a report is made from;
//! - `operations/`, on the ground and the change log: backup, restore and copying a whole
//!   database into another (moving to PostgreSQL), tables read from the catalogue.

mod accounts;
mod assurance;
mod changelog;
mod codec;
mod dialect;
mod documents;
mod error;
mod governance;
mod identity;
mod interchange;
mod meetings;
// The `indicators` crate has the same name: paths to this module say `crate::indicators`.
mod indicators;
mod learning;
mod mail;
mod migrate;
mod operations;
mod plan;
mod progress;
#[cfg(test)]
mod query_plan;
mod reminders;
mod reports;
mod scope;
mod slug;
mod sql;
mod validate;

use sqlx::AnyPool;
use sqlx::{Any, ConnectOptions, Connection, Row, Transaction};

pub use crate::indicators::import::{IndicatorFormat, IndicatorImportOutcome, IndicatorSource};
pub use crate::indicators::read::{AreaScope, IndicatorData, IndicatorQuery};
pub use crate::indicators::report::{
    IndicatorImport, IndicatorOverview, IndicatorPage, ValueRevision,
};
pub use crate::indicators::settings::{IndicatorSettings, TargetOutcome};
pub use crate::indicators::workforce::{
    WORKFORCE_OBJECTIVE, WorkforceRow, WorkforceSection, workforce_codes,
};
pub use crate::reports::governance::GovernanceRead;
pub use crate::reports::{AssuranceAsk, YearlyText, section11_part};
pub use accounts::account::{Account, Member, NewApiToken, SessionRecord, normalise_email};
pub use accounts::api_tokens::ApiToken;
pub use accounts::calendar_feeds::{CalendarFeed, FeedOwner};
pub use accounts::caller::MembershipAndHead;
pub use accounts::login_failures::LoginFailureCounts;
pub use assurance::audits::{AuditChange, AuditRecord, AuditSummary, CaseRecord};
pub use assurance::risks::{DatedRating, NewRisk, RatingKind, RiskRecord};
pub use assurance::section11::{
    Cell as S11Cell, Compared as S11Compared, Cycle as S11Cycle, NewCycle,
    Outstanding as S11Outstanding, ReturnLine, S11Rating, S11Return, Section11Map,
};
pub use assurance::section11::{S11Action, S11File, S11FileDownload};
pub use changelog::chain::{Anchor, AnchorCheck, Change, ChangeOp, Verification};
pub use changelog::freshness::Head;
pub use dialect::Backend;
pub use documents::{
    Approval, DocumentRecord, DocumentVersion, DocumentsQuery, InductionPerson, InductionSheet,
    NewFile, VersionFile,
};
pub use error::{Result, StoreError};
pub use governance::{AgencyChange, PeopleImported, PersonRecord, RegisterRow};
pub use identity::PendingSignIn;
pub use interchange::{Files, WholePartnership};
pub use learning::{
    ActivityRecord, CaseReviewRecord, CourseImpact, CourseRecord, ImportRow, Imported,
    NewCaseReview, RecommendationRecord, TrainingSessionRecord,
};
pub use learning::{NeedCourse, NeedRecord};
pub use mail::{Claimed, MailAttempt, MailOutcome, NewMail, OutboxEntry};
pub use meetings::{
    AgendaItem, AttendanceReport, AttendanceRow, MeetingAction, MeetingRecord, MeetingSettings,
    MeetingSummary, Minutes, SubgroupChange, SubgroupItem, SubgroupRecord,
};
pub use meetings::{AttendanceImported, Promoted, PromotedTo, Promotion};
pub use migrate::SCHEMA_VERSION;
pub use operations::{ChangeLogCheck, Copied, TableRows};
pub use plan::changes::ActionChange;
pub use plan::import::{ImportMode, ImportOutcome};
pub use plan::staleness::{ImportGuard, Staleness, TakenFrom};
pub use plan::summary::{PartnershipSummary, PlanSummary};
pub use plan::uploads::HeldUpload;
pub use plan::write::Source;
pub use progress::as_at::{StatusView, end_of};
pub use progress::bulk::DatedUpdate;
pub use progress::carry_forward::{CarriedForward, CarryForward};
pub use progress::carry_forward::{GivenTimescale, Retimed, Retiming};
pub use progress::edit::ActionEdit;
pub use progress::evidence::{
    EvidenceFile, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_ITEMS, NewEvidence, sniff as sniff_evidence,
};
pub use progress::first_updates::{FirstUpdate, FirstUpdates};
pub use progress::history::{HistoryEntry, Origin, StoryLine};
pub use progress::later_version::{
    AddedAction, DateChange, DocumentProgress, LaterVersion, PlanChanges, ProgressChange,
    RemovedAction, later_version_of,
};
pub use progress::one_action::{Known, Progress, SomeStatuses};
pub use progress::page::ActionInFull;
pub use progress::settings::Settings;
pub use progress::state::{ActionState, LastChange};
pub use progress::update::{MAX_NARRATIVE_CHARS, NewUpdate};
pub use progress::write::{ActionKey, Stamp, Written};
pub use reminders::BusinessDue;
pub use reminders::{QueuedReminder, ReminderContext};
pub use slug::slugify;

/// A snapshot of [`Store::stats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreStats {
    /// Connections open now, in use or idle.
    pub connections: u32,
    pub idle_connections: u32,
    /// The most the pool will open.
    pub max_connections: u32,
    /// Plan trees read from memory, and read from the database, since the store was opened.
    pub plan_cache_hits: u64,
    pub plan_cache_misses: u64,
    /// Progress updates posted in two round trips (SQLite's common case; see
    /// `progress::update::two_trips`) since the store was opened.
    pub posts_in_two_trips: u64,
}

/// A connection pool to Boardplan's database, migrated to [`SCHEMA_VERSION`]. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Plan trees read before, for status reads (see `plan::cache`).
    plans: std::sync::Arc<plan::cache::PlanCache>,
    /// Write transactions begun, shared by the clones (see [`Head`]).
    writes: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// Updates posted in two round trips, shared by the clones.
    posts_in_two_trips: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// The connections for the caller's statement (`dialect::quick`) on PostgreSQL; none
    /// for a store that only copies, or one with `inline`.
    quick: Option<std::sync::Arc<dialect::quick::Quick>>,
    /// On a SQLite file, the caller's statement read on the request's thread
    /// (`dialect::inline`) instead.
    inline: Option<std::sync::Arc<dialect::inline::Inline>>,
    /// The connections for an action's page (`dialect::quick`); none for a store that only
    /// copies.
    reads: Option<std::sync::Arc<dialect::quick::Quick>>,
    /// The connections plain updates are posted on (`Quick::for_posts`: on SQLite one of
    /// its own, on PostgreSQL the action pages' set); none for a store that only copies.
    writer: Option<std::sync::Arc<dialect::quick::Quick>>,
}

impl Store {
    /// Open the database at `url` and bring its schema up to date.
    ///
    /// `url` is `sqlite:PATH`, `sqlite://PATH` or a plain file path (the file is created if
    /// missing), or `postgres://…` / `postgresql://…`. A database written by a newer Boardplan
    /// is refused with [`StoreError::SchemaTooNew`].
    #[tracing::instrument(skip_all)]
    pub async fn connect(url: &str) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let target = dialect::Target::parse(url)?;
        let pool = dialect::pool_options(target.backend)
            .connect(&target.url)
            .await?;
        migrate::run(&pool, target.backend).await?;
        tracing::info!(backend = ?target.backend, "store ready");
        let reads = std::sync::Arc::new(dialect::quick::Quick::for_reads(
            target.backend,
            &target.url,
        ));
        let writer = dialect::quick::Quick::for_posts(target.backend, &target.url, &reads);
        let inline = target
            .sqlite_file_uri()
            .map(|uri| std::sync::Arc::new(dialect::inline::Inline::at(uri)));
        let quick = inline.is_none().then(|| {
            std::sync::Arc::new(dialect::quick::Quick::for_backend(
                target.backend,
                &target.url,
            ))
        });
        Ok(Self {
            pool,
            backend: target.backend,
            plans: std::sync::Arc::default(),
            writes: std::sync::Arc::default(),
            posts_in_two_trips: std::sync::Arc::default(),
            quick,
            inline,
            reads: Some(reads),
            writer: Some(writer),
        })
    }

    /// Which database this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// What a bulk load (a restore, a move, a generated plan) should be followed by: on
    /// PostgreSQL, the progress updates laid out action by action (`CLUSTER`), then
    /// `VACUUM (ANALYZE)`, so that the planner has statistics for what was loaded
    /// and the visibility map lets reads such as an action's story come from an index alone.
    /// Autovacuum would get there in its own time, after the first users. SQLite needs
    /// nothing: its planner goes by the indexes. Only Boardplan's own tables are named: a
    /// bare `VACUUM` also tries the system catalogues, and PostgreSQL then warns, once for
    /// each, that only a superuser may vacuum them.
    #[tracing::instrument(skip_all)]
    pub async fn after_bulk_load(&self) -> Result<()> {
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        let tables: Vec<String> = sqlx::query(
            "SELECT quote_ident(tablename::text) AS name FROM pg_tables
             WHERE schemaname = current_schema() ORDER BY tablename",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| r.try_get("name"))
        .collect::<std::result::Result<_, _>>()?;
        if tables.is_empty() {
            return Ok(());
        }
        // Each action's updates laid side by side first: a history is loaded in the order it
        // was recorded, so the ~50 updates of one action lie on ~50 pages of the table, and
        // an action's page read every one of them. CLUSTER rewrites the table in the order
        // of the index an action's updates are read by (and marks that index, so that a
        // later bare `CLUSTER progress_updates` does it again).
        let cluster = "CLUSTER progress_updates USING progress_updates_latest";
        // Then the vacuum, as a statement of its own: VACUUM refuses to run in a transaction,
        // and statements sent together run in one. The names are the catalogue's own, quoted.
        let vacuum = format!("VACUUM (ANALYZE) {}", tables.join(", "));
        // On a connection of its own that logs no statement: after a large load both take
        // minutes, and sqlx would warn of a slow statement, quoting every table's name, when
        // nothing is wrong. They are timed here instead.
        let options = (*self.pool.connect_options())
            .clone()
            .disable_statement_logging();
        let mut conn = sqlx::AnyConnection::connect_with(&options).await?;
        let started = std::time::Instant::now();
        for sql in [cluster.to_owned(), vacuum] {
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut conn)
                .await?;
        }
        conn.close().await?;
        tracing::info!(
            tables = tables.len(),
            seconds = started.elapsed().as_secs_f64(),
            "updates laid out by action, vacuumed and analysed after the load"
        );
        Ok(())
    }

    /// The schema version the database is at.
    #[tracing::instrument(skip_all)]
    pub async fn schema_version(&self) -> Result<i64> {
        let mut conn = self.pool.acquire().await?;
        migrate::current_version(&mut conn).await
    }

    /// What the operator's metrics show of this server's store: its connection pool and its
    /// cache of plan trees. Reads counters only; touches no connection.
    pub fn stats(&self) -> StoreStats {
        let (plan_cache_hits, plan_cache_misses) = self.plans.counts();
        StoreStats {
            connections: self.pool.size(),
            idle_connections: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX),
            max_connections: self.pool.options().get_max_connections(),
            plan_cache_hits,
            plan_cache_misses,
            posts_in_two_trips: self
                .posts_in_two_trips
                .load(std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Close every connection, waiting for those in use to be returned.
    pub async fn close(&self) {
        if let Some(inline) = &self.inline {
            inline.close();
        }
        for set in [&self.quick, &self.reads, &self.writer]
            .into_iter()
            .flatten()
        {
            set.close().await;
        }
        self.pool.close().await;
    }

    /// The first row of a statement that reads alone, outside any transaction (`query`
    /// makes it, perhaps twice), on a connection kept for it (`dialect::quick`).
    async fn fetch_alone<'q>(
        &self,
        query: impl Fn() -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments>,
    ) -> Result<Option<sqlx::any::AnyRow>> {
        self.fetch_alone_on(&self.quick, query).await
    }

    /// [`Store::fetch_alone`] on a connection of `set`, or the pool's for a store that only
    /// copies.
    pub(crate) async fn fetch_alone_on<'q>(
        &self,
        set: &Option<std::sync::Arc<dialect::quick::Quick>>,
        query: impl Fn() -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments>,
    ) -> Result<Option<sqlx::any::AnyRow>> {
        match set {
            Some(set) => set.fetch_optional(query).await,
            None => Ok(query().fetch_optional(&self.pool).await?),
        }
    }

    /// A transaction for a write, started the way the back end needs.
    async fn begin_write(&self) -> Result<Transaction<'static, Any>> {
        self.writes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(self
            .pool
            .begin_with(dialect::begin_write(self.backend))
            .await?)
    }

    /// `read` in a transaction for reads that must agree with each other, on a connection
    /// kept for it (`dialect::quick`): one round trip fewer than the pool's, which pings a
    /// connection as it is returned. A store that only copies has none, and uses the pool.
    pub(crate) async fn read_in<T>(
        &self,
        read: impl AsyncFnOnce(&mut sqlx::AnyConnection) -> Result<T>,
    ) -> Result<T> {
        match &self.reads {
            Some(reads) => reads.read_in(dialect::begin_read(self.backend), read).await,
            None => {
                let mut tx = self.begin_read().await?;
                let out = read(&mut tx).await?;
                tx.commit().await?;
                Ok(out)
            }
        }
    }

    /// A transaction for reads that must agree with each other.
    async fn begin_read(&self) -> Result<Transaction<'static, Any>> {
        Ok(self
            .pool
            .begin_with(dialect::begin_read(self.backend))
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Row;

    async fn sqlite_store(dir: &tempfile::TempDir) -> Store {
        let path = dir.path().join("plan.db");
        Store::connect(&path.display().to_string()).await.unwrap()
    }

    #[tokio::test]
    async fn every_pooled_sqlite_connection_gets_the_same_set_up() {
        let dir = tempfile::tempdir().unwrap();
        let store = sqlite_store(&dir).await;
        let mut held = Vec::new();
        for _ in 0..3 {
            held.push(store.pool.acquire().await.unwrap());
        }
        for conn in &mut held {
            let mut setting = async |pragma: &'static str| -> String {
                let row = sqlx::query(pragma).fetch_one(&mut **conn).await.unwrap();
                match row.try_get::<String, _>(0) {
                    Ok(text) => text,
                    Err(_) => row.try_get::<i64, _>(0).unwrap().to_string(),
                }
            };
            assert_eq!(setting("PRAGMA journal_mode").await, "wal");
            assert_eq!(setting("PRAGMA foreign_keys").await, "1");
            assert_eq!(setting("PRAGMA busy_timeout").await, "5000");
            assert_eq!(setting("PRAGMA synchronous").await, "2"); // FULL
        }
    }

    #[tokio::test]
    async fn each_migration_applies_over_the_schema_before_it_and_keeps_its_data() {
        sqlx::any::install_default_drivers();
        let dir = tempfile::tempdir().unwrap();
        let url = dialect::Target::parse(&dir.path().join("old.db").display().to_string())
            .unwrap()
            .url;
        let pool = dialect::pool_options(Backend::Sqlite)
            .connect(&url)
            .await
            .unwrap();
        for version in migrate::MIGRATIONS.iter().map(|m| m.version) {
            migrate::run_to(&pool, Backend::Sqlite, version)
                .await
                .unwrap();
            let mut conn = pool.acquire().await.unwrap();
            assert_eq!(migrate::current_version(&mut conn).await.unwrap(), version);
            if version == 1 {
                sqlx::query(
                    "INSERT INTO partnerships (slug, name, created_at) VALUES ('b', 'B', '2026-01-01T00:00:00Z')",
                )
                .execute(&mut *conn)
                .await
                .unwrap();
            }
            if version == 5 {
                sqlx::raw_sql(
                    "INSERT INTO accounts (email, display_name, password_hash, created_at, password_changed_at)
                     VALUES ('a@b.org', 'A', 'h', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                     INSERT INTO api_tokens (partnership_id, account_id, name, token_hash, created_at)
                     VALUES (1, 1, 'old', 'old-hash', '2026-01-01T00:00:00Z')",
                )
                .execute(&mut *conn)
                .await
                .unwrap();
            }
            if version == 9 {
                sqlx::query("INSERT INTO login_failures (email, at) VALUES ('a@b.test', '2026-01-01T00:00:00Z')")
                    .execute(&mut *conn)
                    .await
                    .unwrap();
            }
        }
        pool.close().await;
        let store = Store::connect(&url).await.unwrap();
        assert_eq!(store.partnerships().await.unwrap()[0].slug, "b");
        // A failure from before addresses were kept stays, counted under no address.
        let since = "2025-12-31T00:00:00Z".parse().unwrap();
        let kept = store
            .login_failures_since("a@b.test", "", since)
            .await
            .unwrap();
        assert_eq!(kept.account_here, 1);
        // A token made before tokens could expire works until revoked.
        assert!(
            store
                .api_token("old-hash", "2099-01-01T00:00:00Z".parse().unwrap())
                .await
                .unwrap()
                .is_some()
        );
        assert_eq!(store.api_tokens(None).await.unwrap()[0].expires_on, None);
    }
}
