//! What the pages show, computed once per request: the partnership's plan as at a date and
//! each action's status, turned into rows ready to render (text, not logic, in templates).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use domain::{ActionStatus, Completion, Date, Moment, Objective, Partnership, Plan, Rag};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use crate::AppState;
use crate::error::AppError;
use crate::progress::memo::ActionMemo;

mod index;
mod pages;
mod statuses;
pub use index::PlanIndex;
pub use pages::{Body, PageMemo};
pub use statuses::Statuses;

/// `?as_at=YYYY-MM-DD` on any page: show the plan as of that day, as known now; or
/// `?as_recorded=YYYY-MM-DD`: only what had been recorded by the end of that day (what the
/// board saw then). The picker sends its date as `as_at` with `recorded=yes` for the second.
#[derive(Debug, Default, Deserialize)]
pub struct AsAtQuery {
    #[serde(default)]
    pub as_at: Option<String>,
    #[serde(default)]
    pub as_recorded: Option<String>,
    #[serde(default)]
    pub recorded: Option<String>,
}

/// The plan and its statuses as at one date. The partnership and the plan are shared with
/// the view this one was refreshed from, when only progress changed in between.
pub struct Loaded {
    pub slug: String,
    pub partnership: Arc<Partnership>,
    /// The plan as it stood on `as_at` (the partnership's current plan then).
    pub plan: Option<Arc<Plan>>,
    /// Where each of its actions is (see [`Loaded::action`]); made with the plan and shared
    /// with it.
    pub index: Arc<PlanIndex>,
    pub statuses: Statuses,
    /// The partnership's status rules the statuses were assessed by.
    pub rules: domain::StatusRules,
    pub as_at: Date,
    /// Read as recorded by the end of `as_at`, not as of it.
    pub as_recorded: bool,
    /// True when the page shows a past date rather than today.
    pub historic: bool,
    /// Pages drawn from this view alone, rendered once and served again until it goes stale.
    pub pages: PageMemo,
    /// Single actions' updates and versions, read once while this view is current.
    pub actions: ActionMemo,
}

impl Loaded {
    pub fn plan(&self) -> Option<&Plan> {
        self.plan.as_deref()
    }

    /// The action `id` of the plan, with its objective: looked up, not searched for.
    pub fn action(&self, id: &str) -> Option<(&Objective, &domain::Action)> {
        self.index.find(self.plan()?, id)
    }

    /// The actions of the plan whose text refers to action `id`, in plan order.
    pub fn referrers<'a>(
        &'a self,
        id: &'a str,
    ) -> impl Iterator<Item = (&'a Objective, &'a domain::Action)> + 'a {
        self.plan()
            .into_iter()
            .flat_map(move |plan| self.index.referrers(plan, id))
    }

    pub fn status(&self, action: &str) -> Option<&ActionStatus> {
        self.statuses.get(action)
    }

    pub fn role_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.partnership.role(id).map_or(id, |r| r.title.as_str())
    }

    /// The `?as_at=` (or `?as_recorded=`) to carry on links, empty for today.
    pub fn as_at_query(&self) -> String {
        match (self.historic, self.as_recorded) {
            (false, _) => String::new(),
            (true, false) => format!("?as_at={}", self.as_at),
            (true, true) => format!("?as_recorded={}", self.as_at),
        }
    }

    /// The day shown and how it is read.
    pub fn moment(&self) -> Moment {
        Moment {
            day: self.as_at,
            as_recorded: self.as_recorded,
        }
    }
}

/// Today in the UK, where the boards are: a plan's day ends at midnight London time.
pub fn today() -> Date {
    let now = jiff::Timestamp::now();
    now.in_tz("Europe/London")
        .map(|z| z.date())
        .unwrap_or_else(|_| now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
}

/// Read `?as_at=`: a real date, not in the future.
pub fn parse_as_at(q: &AsAtQuery) -> Result<(Date, bool), AppError> {
    let (m, historic) = parse_moment(q)?;
    Ok((m.day, historic))
}

/// Read `?as_at=` or `?as_recorded=` (or the picker's `as_at` with `recorded=yes`): a real
/// date, not in the future; the moment, and whether it is another than today as of now.
pub fn parse_moment(q: &AsAtQuery) -> Result<(Moment, bool), AppError> {
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let ticked = q.recorded.as_deref().is_some_and(|r| !r.trim().is_empty());
    let (text, as_recorded) = match (given(&q.as_at), given(&q.as_recorded)) {
        (Some(_), Some(_)) => {
            return Err(AppError::BadRequest(
                "Give as_at (the plan as of a day, as known now) or as_recorded (what had been \
                 recorded by the end of a day), not both."
                    .to_string(),
            ));
        }
        (None, Some(r)) => (Some(r), true),
        (a, None) => (a, ticked),
    };
    let today = today();
    let Some(s) = text else {
        return Ok((Moment::as_of(today), false));
    };
    let d: Date = s.parse().map_err(|_| {
        AppError::BadRequest(format!(
            "\"{s}\" is not a date. Give the date as YYYY-MM-DD, for example 2009-12-31."
        ))
    })?;
    if d > today {
        return Err(AppError::BadRequest(format!(
            "{d} is in the future. Choose today or a date before it to see the plan as it stood then."
        )));
    }
    let m = Moment {
        day: d,
        as_recorded,
    };
    Ok((m, d != today || as_recorded))
}

type CacheKey = (String, Moment, bool);

/// Views already computed, each valid while its partnership's change-log head is unchanged;
/// when only progress on a few actions was recorded since, refreshed by reading those
/// actions alone (see [`load_at`]).
/// Any write anywhere (on any app server) moves the head, so a stale entry is never served.
#[derive(Default)]
pub struct ViewCache {
    entries: Mutex<HashMap<CacheKey, (i64, Arc<Loaded>)>>,
    /// The views being read or brought up to date now (by a reader, or after a write by
    /// [`refresh_soon`]), each with what tells a reader waiting for it that it has ended.
    loading: Mutex<HashMap<CacheKey, watch::Receiver<()>>>,
    /// Views served from memory and views computed, for the operator's metrics.
    hits: std::sync::atomic::AtomicU64,
    misses: std::sync::atomic::AtomicU64,
}

/// Enough for every board's today and a few dates each; past that the cache starts again.
const CACHE_ENTRIES: usize = 256;

impl ViewCache {
    /// (hits, misses) since the server started. A view brought up to date from the change
    /// log's newer entries counts as a miss, as one read afresh does.
    pub fn counts(&self) -> (u64, u64) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.hits.load(Relaxed), self.misses.load(Relaxed))
    }

    fn count(&self, hit: bool) {
        use std::sync::atomic::Ordering::Relaxed;
        let counter = if hit { &self.hits } else { &self.misses };
        counter.fetch_add(1, Relaxed);
    }

    /// The view under `key` and the head it was read at, however old.
    fn get(&self, key: &CacheKey) -> Option<(i64, Arc<Loaded>)> {
        let entries = self.entries.lock().ok()?;
        entries.get(key).map(|(h, l)| (*h, Arc::clone(l)))
    }

    /// Something that ends when the reading of the view under `key` under way does, if one
    /// is.
    fn running(&self, key: &CacheKey) -> Option<watch::Receiver<()>> {
        self.loading.lock().ok()?.get(key).cloned()
    }

    /// The view under `key` if it was read at change-log entry `head` or later (another
    /// request may have read it a moment after this one read the head: it holds everything
    /// this one must show), counted as a hit.
    fn fresh(&self, key: &CacheKey, head: i64) -> Option<Arc<Loaded>> {
        let (kept_at, view) = self.get(key)?;
        (kept_at >= head).then(|| {
            self.count(true);
            view
        })
    }

    fn put(&self, key: CacheKey, head: i64, loaded: Arc<Loaded>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CACHE_ENTRIES {
                entries.clear();
            }
            // Two requests racing: the view read at the later head is the one to keep.
            if entries.get(&key).is_some_and(|(kept, _)| *kept > head) {
                return;
            }
            entries.insert(key, (head, loaded));
        }
    }
}

/// A view being read or brought up to date; another may start, and the readers waiting for
/// it go on, once this is dropped, however the reading ended.
struct Loading {
    cache: Arc<ViewCache>,
    key: CacheKey,
    /// Dropped with this: its receivers' `changed()` then returns.
    _ended: watch::Sender<()>,
}

impl Loading {
    /// `None` while the view under `key` is already being read.
    fn start(cache: &Arc<ViewCache>, key: CacheKey) -> Option<Self> {
        let mut loading = cache.loading.lock().ok()?;
        if loading.contains_key(&key) {
            return None;
        }
        let (ended, waiting) = watch::channel(());
        loading.insert(key.clone(), waiting);
        Some(Self {
            cache: Arc::clone(cache),
            key,
            _ended: ended,
        })
    }
}

impl Drop for Loading {
    fn drop(&mut self) {
        if let Ok(mut loading) = self.cache.loading.lock() {
            loading.remove(&self.key);
        }
    }
}

/// Bring partnership `slug`'s view of today, if this server holds one, up to date now,
/// beside the response: called once progress on one of its actions is written, so that the
/// next reader (the writer's own next page, a client reading the action's new ETag) finds it
/// in memory rather than refreshing it while they wait. The work is the work that reader
/// would have done, and it never makes a view staler: readers still compare the change
/// log's head. A reader who comes while it runs waits for it rather than doing it again
/// beside it (see [`load_from`]). A view nobody has read is left for its first reader to read
/// whole, not read on a write's account. One reading at a time per view: while another
/// runs (a reader's, or an earlier write's) the rest is left to the next reader.
pub fn refresh_soon(state: &AppState, slug: &str) {
    let Ok((at, historic)) = parse_moment(&AsAtQuery::default()) else {
        return;
    };
    let key: CacheKey = (slug.to_string(), at, historic);
    if state.cache.get(&key).is_none() {
        return;
    }
    let Some(running) = Loading::start(&state.cache, key.clone()) else {
        return;
    };
    let state = state.clone();
    tokio::spawn(async move {
        let _running = running;
        if let Err(error) = refresh_kept(&state, key).await {
            tracing::debug!(
                ?error,
                "a view was not refreshed after a write; its next reader will"
            );
        }
    });
}

/// Bring the view kept under `key` up to date from the change log's newer entries, if only
/// progress was recorded since it was read, and keep it as read at the newest of them: the
/// log's head is not read first, as a reader must (it has no view to read from). Anything
/// else recorded since leaves the view for its next reader to read afresh.
async fn refresh_kept(state: &AppState, key: CacheKey) -> Result<(), AppError> {
    let Some((kept_at, old)) = state.cache.get(&key) else {
        return Ok(());
    };
    state.cache.count(false);
    if let Some((loaded, head)) = refresh(state, &old, kept_at).await?
        && head > kept_at
    {
        state.cache.put(key, head, Arc::new(loaded));
    }
    Ok(())
}

/// Load the partnership `slug` as at the query's date, with every action's status.
pub async fn load(state: &AppState, slug: &str, q: &AsAtQuery) -> Result<Arc<Loaded>, AppError> {
    let (at, historic) = parse_moment(q)?;
    load_at(state, slug, at, historic).await
}

/// [`load`], for a request that read the partnership's change-log head with its caller
/// (`seen`): that head is used while it is still current, not read again.
pub async fn load_seen(
    state: &AppState,
    slug: &str,
    seen: Option<&store::Head>,
    q: &AsAtQuery,
) -> Result<Arc<Loaded>, AppError> {
    let (at, historic) = parse_moment(q)?;
    load_seen_at(state, slug, seen, at, historic).await
}

/// [`load_at`], from the head read with the caller (`seen`) while it is still current.
pub async fn load_seen_at(
    state: &AppState,
    slug: &str,
    seen: Option<&store::Head>,
    at: impl Into<Moment>,
    historic: bool,
) -> Result<Arc<Loaded>, AppError> {
    let head = seen.and_then(|h| state.store.head_still(h));
    load_from(state, slug, at.into(), historic, head).await
}

/// Load the partnership `slug` at `at` (a day, read as of it, or a [`Moment`]), read however
/// the caller read the date (the API also takes future dates: the plan as recorded now,
/// judged on that day).
pub async fn load_at(
    state: &AppState,
    slug: &str,
    at: impl Into<Moment>,
    historic: bool,
) -> Result<Arc<Loaded>, AppError> {
    load_from(state, slug, at.into(), historic, None).await
}

/// How long a reader waits for another's reading of the view it needs (a post's refresh,
/// or the first reader's of a view not yet read) before doing the work itself: a refresh
/// takes about a millisecond and a whole plan tens, so this is reached only when the
/// database is in trouble, and then the reader's own attempt reports it.
const WAIT_FOR_LOAD: Duration = Duration::from_secs(5);

/// [`load_at`], from change-log head `head` when the caller has it, else reading it. One
/// reading of a view at a time: readers who need a view while it is being read or brought up
/// to date (many at once after a start, or one straight after a post's [`refresh_soon`])
/// wait for that, not doing the same work beside it, and are then served from memory.
async fn load_from(
    state: &AppState,
    slug: &str,
    at: Moment,
    historic: bool,
    head: Option<i64>,
) -> Result<Arc<Loaded>, AppError> {
    let head = match head {
        Some(head) => head,
        None => state
            .store
            .log_head(slug)
            .await?
            .ok_or(AppError::NotFound)?,
    };
    let key: CacheKey = (slug.to_string(), at, historic);
    if let Some(hit) = state.cache.fresh(&key, head) {
        return Ok(hit);
    }
    let mut loading = Loading::start(&state.cache, key.clone());
    if loading.is_none() {
        if let Some(mut ended) = state.cache.running(&key) {
            // Ended or not, the reader goes on.
            let _ = tokio::time::timeout(WAIT_FOR_LOAD, ended.changed()).await;
        }
        if let Some(hit) = state.cache.fresh(&key, head) {
            return Ok(hit);
        }
        // It ended short of this head (it failed, or read before a later write): read it
        // here, letting later readers wait for this one if no other has begun.
        loading = Loading::start(&state.cache, key.clone());
    }
    let _loading = loading;
    load_now(state, key, head).await
}

/// Read the view under `key` at `head` or later: brought up to date from the one kept, if
/// only progress was recorded since, else read afresh; and keep it.
async fn load_now(state: &AppState, key: CacheKey, head: i64) -> Result<Arc<Loaded>, AppError> {
    state.cache.count(false);
    let refreshed = match state.cache.get(&key) {
        Some((h, old)) if h < head => refresh(state, &old, h).await?,
        _ => None,
    };
    let (slug, at, historic) = &key;
    let (loaded, head) = match refreshed {
        Some((l, read_to)) => (Arc::new(l), head.max(read_to)),
        None => (Arc::new(fetch(state, slug, *at, *historic).await?), head),
    };
    state.cache.put(key, head, Arc::clone(&loaded));
    Ok(loaded)
}

/// The most change-log entries a view is refreshed across; past that it is read afresh.
const REFRESH_ENTRIES: i64 = 32;

/// `old` (read at change-log entry `head`) brought up to date, if all that was recorded since
/// is progress on a few actions: their statuses are assessed again, alone, and every action's
/// at-risk flag from those (it follows the actions linked to it). A write to one action then
/// costs the next reader what that action costs, not what the whole plan costs. `None` when
/// anything else changed (the plan, the board, meetings, settings): read it all afresh. With
/// it, the newest change-log entry it holds, which may be newer than the head this request
/// saw; that only makes the view fresher.
async fn refresh(
    state: &AppState,
    old: &Loaded,
    head: i64,
) -> Result<Option<(Loaded, i64)>, AppError> {
    let Some(plan) = &old.plan else {
        return Ok(None);
    };
    // Only progress was recorded since `old` was read, if anything: its plan, meetings and
    // rules still stand, and only the actions written to are read.
    let known = store::Known {
        plan,
        meetings: &old.partnership.meetings,
        rules: old.rules,
        places: Some(old.index.places()),
    };
    let Some(progress) = state
        .store
        .progress_since(&old.slug, head, REFRESH_ENTRIES, known, old.moment())
        .await?
    else {
        return Ok(None);
    };
    let uids: Vec<String> = progress.statuses.iter().map(|s| s.action.clone()).collect();
    let statuses = if uids.is_empty() {
        old.statuses.share()
    } else {
        old.statuses.updated(plan, &old.index, progress.statuses)
    };
    // Their versions came with them: the next ETag is not another read.
    let actions = old.actions.carry(&uids);
    for (uid, version) in progress.versions {
        actions.keep_version(&uid, version);
    }
    let loaded = Loaded {
        slug: old.slug.clone(),
        partnership: Arc::clone(&old.partnership),
        plan: Some(Arc::clone(plan)),
        index: Arc::clone(&old.index),
        statuses,
        rules: old.rules,
        as_at: old.as_at,
        as_recorded: old.as_recorded,
        historic: old.historic,
        pages: PageMemo::default(),
        actions,
    };
    Ok(Some((loaded, progress.head)))
}

async fn fetch(
    state: &AppState,
    slug: &str,
    at: Moment,
    historic: bool,
) -> Result<Loaded, AppError> {
    let partnership = state
        .store
        .load_partnership_at(slug, at)
        .await?
        .ok_or(AppError::NotFound)?;
    let (plan, statuses, rules) = if partnership.plans.is_empty() {
        (None, Statuses::default(), domain::StatusRules::default())
    } else {
        let view = state.store.status_view(slug, None, at).await?;
        (
            Some(Arc::new(view.plan)),
            Statuses::new(view.actions),
            view.rules,
        )
    };
    let index = Arc::new(plan.as_deref().map(PlanIndex::of).unwrap_or_default());
    Ok(Loaded {
        slug: slug.to_string(),
        partnership: Arc::new(partnership),
        plan,
        index,
        statuses,
        rules,
        as_at: at.day,
        as_recorded: at.as_recorded,
        historic,
        pages: PageMemo::default(),
        actions: ActionMemo::default(),
    })
}

/// A RAG rating as a GOV.UK tag: always a word as well as a colour.
pub fn rag_tag(rag: Option<Rag>) -> (&'static str, &'static str) {
    match rag {
        Some(Rag::Red) => ("govuk-tag govuk-tag--red", "Red"),
        Some(Rag::Amber) => ("govuk-tag govuk-tag--orange", "Amber"),
        Some(Rag::Green) => ("govuk-tag govuk-tag--green", "Green"),
        Some(Rag::Blue) => ("govuk-tag", "Complete"),
        Some(Rag::Grey) => ("govuk-tag govuk-tag--grey", "Not started"),
        None => ("govuk-tag govuk-tag--grey", "Not rated"),
    }
}

pub fn day(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// One action, ready to show in a table.
pub struct ActionRow {
    pub id: String,
    pub number: String,
    pub text: String,
    pub objective: String,
    pub leads: String,
    pub due: String,
    pub rag_class: &'static str,
    pub rag_label: &'static str,
    /// "Overdue", "Due soon", "Stale", "At risk", "Awaiting sign-off", "Signed off".
    pub flags: Vec<&'static str>,
    pub href: String,
}

impl ActionRow {
    pub fn new(l: &Loaded, o: &Objective, a: &domain::Action) -> Self {
        let st = l.status(&a.id);
        let (rag_class, rag_label) = rag_tag(st.and_then(|s| s.rag));
        let mut flags = Vec::new();
        if let Some(s) = st {
            if s.overdue {
                flags.push("Overdue");
            }
            if s.due_soon {
                flags.push("Due soon");
            }
            if s.stale {
                flags.push("No recent update");
            }
            if s.at_risk {
                flags.push("At risk");
            }
            if s.to_be_retimed {
                flags.push("To be re-timed");
            }
            match s.completion {
                Completion::AwaitingSignOff => flags.push("Awaiting sign-off"),
                Completion::SignedOff => flags.push("Signed off"),
                Completion::NotComplete => {}
            }
        }
        let due = st
            .and_then(|s| s.due)
            .or_else(|| o.timescale_for(a).and_then(|t| t.due))
            .map(day)
            .unwrap_or_else(|| {
                o.timescale_for(a)
                    .map_or(String::new(), |t| t.label.clone())
            });
        ActionRow {
            id: a.id.clone(),
            number: a.number.clone(),
            text: a.text.clone(),
            objective: o.number.clone(),
            leads: o
                .leads_for(a)
                .iter()
                .map(|r| l.role_title(r))
                .collect::<Vec<_>>()
                .join("; "),
            due,
            rag_class,
            rag_label,
            flags,
            href: format!(
                "/p/{}/actions/{}{}",
                l.slug,
                crate::error::urlencode(&a.id),
                l.as_at_query()
            ),
        }
    }
}

/// `?status=`: which actions a list shows. One definition for the pages and the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    Overdue,
    DueSoon,
    Stale,
    AtRisk,
    Red,
    Complete,
    NotComplete,
    /// Carried forward without a new date, not yet re-timed.
    ToBeRetimed,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 8] = [
        StatusFilter::Overdue,
        StatusFilter::DueSoon,
        StatusFilter::Stale,
        StatusFilter::AtRisk,
        StatusFilter::Red,
        StatusFilter::Complete,
        StatusFilter::NotComplete,
        StatusFilter::ToBeRetimed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Overdue => "overdue",
            StatusFilter::DueSoon => "due_soon",
            StatusFilter::Stale => "stale",
            StatusFilter::AtRisk => "at_risk",
            StatusFilter::Red => "red",
            StatusFilter::Complete => "complete",
            StatusFilter::NotComplete => "not_complete",
            StatusFilter::ToBeRetimed => "to_be_retimed",
        }
    }

    /// As a person reads it in a filter.
    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::Overdue => "Overdue",
            StatusFilter::DueSoon => "Due soon",
            StatusFilter::Stale => "No recent update",
            StatusFilter::AtRisk => "At risk",
            StatusFilter::Red => "Red",
            StatusFilter::Complete => "Complete",
            StatusFilter::NotComplete => "Not complete",
            StatusFilter::ToBeRetimed => "To be re-timed",
        }
    }

    pub fn from_key(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    pub fn matches(self, s: &ActionStatus) -> bool {
        match self {
            StatusFilter::Overdue => s.overdue,
            StatusFilter::DueSoon => s.due_soon,
            StatusFilter::Stale => s.stale,
            StatusFilter::AtRisk => s.at_risk,
            StatusFilter::Red => s.rag == Some(Rag::Red),
            StatusFilter::Complete => s.is_complete(),
            StatusFilter::NotComplete => !s.is_complete(),
            StatusFilter::ToBeRetimed => s.to_be_retimed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> Arc<Loaded> {
        Arc::new(Loaded {
            slug: "k".into(),
            partnership: Arc::default(),
            plan: None,
            index: Arc::default(),
            statuses: Statuses::default(),
            rules: domain::StatusRules::default(),
            as_at: today(),
            as_recorded: false,
            historic: false,
            pages: PageMemo::default(),
            actions: ActionMemo::default(),
        })
    }

    #[test]
    fn of_two_requests_racing_the_view_read_at_the_later_head_is_kept() {
        let cache = ViewCache::default();
        let key: CacheKey = ("k".into(), Moment::from(today()), false);
        let later = view();
        cache.put(key.clone(), 7, Arc::clone(&later));
        cache.put(key.clone(), 5, view());
        let (head, kept) = cache.get(&key).unwrap();
        assert_eq!(head, 7);
        assert!(Arc::ptr_eq(&kept, &later));
        cache.put(key.clone(), 9, view());
        assert_eq!(cache.get(&key).unwrap().0, 9);
    }
}
