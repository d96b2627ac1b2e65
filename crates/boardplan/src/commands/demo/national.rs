//! `boardplan demo --partnerships N`: the demo built N times over, one partnership per English
//! local authority in the bundled DfE figures, for load tests at national scale. The first is
//! the sample's own Kingston LSCB, so one partnership (the default) is the ordinary demo; each
//! other is the same plan (grown by `--size` when given) under the authority's name, with its
//! own area's indicators, the same generated progress and the demo accounts as members.
//! Deterministic: the same N and size give the same partnerships, plans and updates.
//!
//! After the first (which makes the shared demo accounts), `--jobs` partnerships are built
//! at once, each on its own connection: on PostgreSQL a load is bound by one connection's
//! round trips and the server's work on it, so a few at a time use the machine. A SQLite file
//! takes one writer at a time, so there they are built one after another.

use std::collections::HashSet;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use domain::Partnership;
use store::{Source, Store};

use super::indicators::{Figures, Place};

/// How many partnerships `--partnerships` asked for, checked against the authorities the
/// bundled figures name once they are read (`places`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub usize);

impl FromStr for Count {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim().parse::<usize>().map(Self).map_err(|_| {
            format!(
                "--partnerships {s}: give a whole number of partnerships, from 1 (the sample's \
                 Kingston LSCB alone) to one per English local authority, e.g. --partnerships 150"
            )
        })
    }
}

/// The first `count` authorities of the bundled figures (Kingston first), or an error naming
/// the flag, the range and the fix. Called before the database is opened, so a refused count
/// writes nothing.
pub fn places(figures: &Figures, count: Count) -> Result<Vec<Place>> {
    let mut all = figures.places()?;
    if !(1..=all.len()).contains(&count.0) {
        anyhow::bail!(
            "--partnerships {}: give from 1 to {}, one partnership per English local authority \
             the bundled DfE figures name (1 is the sample's Kingston LSCB alone)",
            count.0,
            all.len()
        );
    }
    all.truncate(count.0);
    Ok(all)
}

/// The sample partnership `p` (from the document `source`) as the board of `place`: its name
/// and its plans' titles say so, and its source records which authority it was built for.
/// The sample's own place (the first) keeps everything as it is.
pub fn as_board_of(
    p: &Partnership,
    source: &Source,
    place: &Place,
    first: bool,
) -> (Partnership, Source) {
    if first {
        return (p.clone(), source.clone());
    }
    let mut board = p.clone();
    let name = format!("{} LSCB", place.name);
    for plan in &mut board.plans {
        if let Some(rest) = plan.title.strip_prefix(&p.name) {
            plan.title = format!("{name}{rest}");
        }
    }
    board.name = name;
    let source = Source {
        name: format!("{}, for {}", source.name, place.name),
        sha256: formats::sha256_hex(format!("{}\n{}", source.sha256, place.code).as_bytes()),
    };
    (board, source)
}

/// The slugs of `places`' partnerships, refusing two alike (a bug in the naming).
pub fn check_slugs(p: &Partnership, source: &Source, places: &[Place]) -> Result<()> {
    let mut seen = HashSet::new();
    for (i, place) in places.iter().enumerate() {
        let (board, _) = as_board_of(p, source, place, i == 0);
        let slug = store::slugify(&board.name);
        anyhow::ensure!(
            seen.insert(slug.clone()),
            "two authorities give the partnership slug {slug}; this is a bug in Boardplan"
        );
    }
    Ok(())
}

/// What building one partnership takes, shared by every job.
pub struct Shared {
    pub store: Store,
    pub sample: Partnership,
    pub source: Source,
    pub figures: Figures,
    pub size: Option<super::Size>,
}

/// Build the partnerships of `places` (none of them the first), `jobs` at a time, printing
/// a line as each is done.
pub async fn build_rest(
    shared: Arc<Shared>,
    places: Vec<Place>,
    jobs: usize,
    total: usize,
) -> Result<usize> {
    let jobs = match shared.store.backend() {
        store::Backend::Sqlite => 1,
        store::Backend::Postgres => jobs.max(1),
    };
    let places = Arc::new(places);
    let mut workers = tokio::task::JoinSet::new();
    for worker in 0..jobs {
        let shared = Arc::clone(&shared);
        let places = Arc::clone(&places);
        // Worker k builds places k, k + jobs, ...: every worker has work to the end.
        workers.spawn(async move {
            let mut fresh = 0;
            for (i, place) in places.iter().enumerate().skip(worker).step_by(jobs) {
                let started = Instant::now();
                let (board, source) = as_board_of(&shared.sample, &shared.source, place, false);
                let built = super::build_one(&shared, &board, &source, place, false)
                    .await
                    .with_context(|| format!("building the partnership for {}", place.name))?;
                println!(
                    "  {}/{total} {} ({}): {}{:.1} s",
                    i + 2,
                    board.name,
                    built.slug,
                    match (built.fresh, built.updates) {
                        (false, _) => "built before, ".to_string(),
                        (true, Some(n)) => format!("{n} generated updates in "),
                        (true, None) => "a year of demo progress in ".to_string(),
                    },
                    started.elapsed().as_secs_f64()
                );
                fresh += usize::from(built.fresh);
            }
            anyhow::Ok(fresh)
        });
    }
    let mut fresh = 0;
    while let Some(done) = workers.join_next().await {
        // The first failure stops the rest (dropping the set aborts them).
        fresh += done.context("a partnership's build stopped unexpectedly")??;
    }
    Ok(fresh)
}
