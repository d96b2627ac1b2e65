//! What the progress commands share: reading the action a person named (refusing a number two
//! actions share), the dates they typed, and the lead role they meant.

use anyhow::{Context, Result, anyhow, bail};
use domain::{Date, Partnership, Plan, find_action};
use store::{ActionKey, Store};

use super::{partnership, plan_index};
use crate::cli::Global;

/// Today, in UTC: the day the change log's times fall on.
pub fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

/// A date a person typed for `what`, no later than `latest`.
pub fn day(what: &str, typed: &str, latest: Date) -> Result<Date> {
    domain::progress::parse_date(typed, latest).map_err(|e| anyhow!("{what}: {e}"))
}

/// `--as-at DAY` (the day as known now) or `--as-recorded DAY` (what had been recorded by
/// the end of it; clap keeps the two apart); today, as of now, when neither is given.
pub fn moment(as_at: Option<&str>, as_recorded: Option<&str>) -> Result<domain::Moment> {
    Ok(match (as_at, as_recorded) {
        (_, Some(d)) => domain::Moment::as_recorded(day("--as-recorded", d, today())?),
        (Some(d), None) => domain::Moment::as_of(day("--as-at", d, today())?),
        (None, None) => domain::Moment::as_of(today()),
    })
}

/// What had been recorded by when, for `m`: the end of its day as recorded, else everything.
pub fn known_by(m: domain::Moment) -> jiff::Timestamp {
    if m.as_recorded {
        store::end_of(m.day)
    } else {
        jiff::Timestamp::MAX
    }
}

/// The latest date a plan's period or a meeting may sensibly be set for.
pub fn years_ahead(n: i16) -> Date {
    let t = today();
    Date::new(t.year().saturating_add(n), t.month(), 28).unwrap_or(t)
}

/// An action named on the command line, in the plan `--plan` names (default: the latest).
pub struct Named {
    pub slug: String,
    pub partnership: Partnership,
    pub plan: usize,
    pub key: ActionKey,
}

impl Named {
    pub fn plan(&self) -> &Plan {
        &self.partnership.plans[self.plan]
    }

    /// "4.2#2 (Develop a "Job description" for…)".
    pub fn label(&self) -> String {
        let text = self
            .plan()
            .action(&self.key.action)
            .map(|(_, a)| domain::lookup::first_words(&a.text, 6))
            .unwrap_or_default();
        format!("{} ({text})", self.key.action)
    }
}

/// The action `typed` names: an id ("4.2#2") or a number only one action has ("4.1").
pub async fn action(store: &Store, g: &Global, plan: Option<&str>, typed: &str) -> Result<Named> {
    let (slug, p) = partnership(store, g).await?;
    let i = plan_index(&p, plan)?;
    let (_, a) = find_action(&p.plans[i], typed)?;
    let key = ActionKey::new(p.plans[i].title.clone(), a.id.clone());
    Ok(Named {
        slug,
        partnership: p,
        plan: i,
        key,
    })
}

/// The role id a person meant: an id, a title or another spelling of it.
pub fn role(p: &Partnership, typed: &str) -> Result<String> {
    let t = typed.trim().to_lowercase();
    p.roles
        .iter()
        .find(|r| {
            r.id == t
                || r.title.to_lowercase() == t
                || r.aliases.iter().any(|a| a.to_lowercase() == t)
        })
        .map(|r| r.id.clone())
        .with_context(|| {
            let ids: Vec<&str> = p.roles.iter().map(|r| r.id.as_str()).collect();
            format!(
                "\"{typed}\" is not one of {}'s roles; they are: {}",
                p.name,
                ids.join(", ")
            )
        })
}

/// Refuse an empty `--flag`.
pub fn not_blank(flag: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        bail!("{flag} cannot be empty");
    }
    Ok(())
}
