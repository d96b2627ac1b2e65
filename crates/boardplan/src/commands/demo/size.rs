//! `boardplan demo --size AxU`: the sample partnership with a plan grown to A actions (over
//! its 16 objectives) and U progress updates of about 200 characters on every action, spread
//! over 2009-10 around the board's four meetings. For load tests, benchmarks and anyone
//! comparing Boardplan with another tool; deterministic, and marked as demo data like the
//! ordinary demo. The updates go in as one history per meeting round
//! (`Store::record_update_history`: multi-row inserts, each with its change-log entry).

use std::collections::HashSet;
use std::str::FromStr;

use anyhow::{Context, Result};
use domain::{Meeting, MeetingKind, Partnership, Percent, Rag};
use store::{ActionKey, DatedUpdate, NewUpdate, Stamp, Store};

use super::progress::BOARD_MEETINGS;

/// Who the generated updates are by.
pub const AUTHOR: &str = "Demo: lead officers (generated)";

/// The most of each: a year has about 31.5 million seconds, one per update at most.
const MAX_ACTIONS: usize = 100_000;
const MAX_UPDATES: usize = 1_000;
const MAX_TOTAL: usize = 10_000_000;

/// A plan of `actions` actions with `updates` updates each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub actions: usize,
    pub updates: usize,
}

impl FromStr for Size {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why: &str| {
            format!(
                "--size {s}: {why}; write ACTIONSxUPDATES, e.g. 2000x50 for 2,000 actions with 50 \
                 updates each"
            )
        };
        let (a, u) = s
            .split_once(['x', 'X'])
            .ok_or_else(|| bad("there is no x between the two numbers"))?;
        let actions: usize = a
            .trim()
            .parse()
            .map_err(|_| bad("the actions are not a number"))?;
        let updates: usize = u
            .trim()
            .parse()
            .map_err(|_| bad("the updates are not a number"))?;
        if !(16..=MAX_ACTIONS).contains(&actions) {
            return Err(bad(&format!(
                "the plan has 16 objectives, so give from 16 to {MAX_ACTIONS} actions"
            )));
        }
        if updates > MAX_UPDATES || actions * updates > MAX_TOTAL {
            return Err(bad(&format!(
                "give at most {MAX_UPDATES} updates per action and {MAX_TOTAL} in all"
            )));
        }
        Ok(Self { actions, updates })
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{}", self.actions, self.updates)
    }
}

/// `p` with its first plan grown (or cut) to `size.actions` actions, shared out over its
/// objectives in turn. The sample's own actions come first and keep their ids; the added ones
/// repeat an action of the same objective with "(part N)", and references to actions cut
/// away are dropped.
pub fn grow(p: &Partnership, size: Size) -> Result<Partnership> {
    let mut p = p.clone();
    let plan = p
        .plans
        .first_mut()
        .context("the sample has no plan; this is a bug")?;
    let n = plan.objectives.len();
    for (i, o) in plan.objectives.iter_mut().enumerate() {
        let want = size.actions / n + usize::from(i < size.actions % n);
        let template = o.actions.clone();
        o.actions.truncate(want);
        let mut taken: HashSet<String> = template.iter().map(|a| a.id.clone()).collect();
        let mut next = template.len();
        while o.actions.len() < want {
            let k = o.actions.len();
            let mut a = template
                .get(k % template.len().max(1))
                .cloned()
                .context("an objective of the sample has no actions; this is a bug")?;
            let id = loop {
                next += 1;
                let id = format!("{}.{next}", o.number);
                if taken.insert(id.clone()) {
                    break id;
                }
            };
            a.text = format!("{} (part {})", a.text, k / template.len() + 1);
            a.id = id.clone();
            a.number = id;
            a.references.clear();
            a.reference_phrases.clear();
            a.duplicate_of = None;
            o.actions.push(a);
        }
    }
    // What was cut away can no longer be referred to.
    let mut ids: HashSet<String> = HashSet::new();
    for o in &plan.objectives {
        ids.insert(o.number.clone());
        ids.extend(o.actions.iter().map(|a| a.id.clone()));
    }
    for o in &mut plan.objectives {
        for a in &mut o.actions {
            let keep: Vec<bool> = a.references.iter().map(|r| ids.contains(r)).collect();
            let mut flags = keep.iter();
            a.references.retain(|_| *flags.next().unwrap_or(&true));
            if a.reference_phrases.len() == keep.len() {
                let mut flags = keep.iter();
                a.reference_phrases
                    .retain(|_| *flags.next().unwrap_or(&true));
            }
            if a.duplicate_of.as_ref().is_some_and(|d| !ids.contains(d)) {
                a.duplicate_of = None;
            }
        }
    }
    for r in &mut p.reviews {
        for rec in &mut r.recommendations {
            rec.answered_by.retain(|id| ids.contains(id));
        }
    }
    Ok(p)
}

/// Sentences the generated narratives are made from, about 200 characters in all.
const WORDS: [&str; 6] = [
    "Partners met to review the evidence gathered so far and agreed the next steps.",
    "The sub-group chair reported progress to the executive and flagged one risk.",
    "Data returns from two agencies arrived late, so the analysis was delayed.",
    "A draft was circulated to member agencies for comment by the end of the month.",
    "Training for frontline staff was booked and the first sessions were well attended.",
    "The lead officer escalated a resourcing gap to the chair for a decision.",
];

/// Update `u` (of `of`) of action number `a`: a rating that drifts, a percent that grows.
fn update(a: usize, u: usize, of: usize, as_of: domain::Date) -> Result<NewUpdate> {
    let percent = ((u + 1) * 100 / of.max(1)).min(100);
    let rag = match (a * 7 + u * 3) % 10 {
        _ if percent == 100 && a.is_multiple_of(3) => Rag::Blue,
        0 | 1 => Rag::Red,
        2..=4 => Rag::Amber,
        _ => Rag::Green,
    };
    let narrative = format!(
        "[Demo data] Update {} of {of}. {} {}",
        u + 1,
        WORDS[(a + u) % WORDS.len()],
        WORDS[(a * 5 + u + 1) % WORDS.len()],
    );
    Ok(NewUpdate {
        rag,
        percent: Some(Percent::new(i64::try_from(percent)?)?),
        narrative,
        as_of,
        evidence: Vec::new(),
        corrects: None,
    })
}

/// Write `size.updates` updates on every action of `p`'s first plan and the year's four
/// board meetings among them. Returns how many updates were written.
pub async fn write(store: &Store, slug: &str, p: &Partnership, size: Size) -> Result<usize> {
    let plan = p
        .plans
        .first()
        .context("the plan has no plan; this is a bug")?;
    let actions: Vec<&str> = plan
        .objectives
        .iter()
        .flat_map(|o| o.actions.iter().map(|a| a.id.as_str()))
        .collect();
    // From the day after the import to the end of the year, evenly.
    let start: jiff::Timestamp = "2009-04-02T08:00:00Z".parse()?;
    let end: jiff::Timestamp = "2010-03-31T18:00:00Z".parse()?;
    let total = i64::try_from((actions.len() * size.updates).max(1))?;
    let step = (end.as_second() - start.as_second()) / total;
    let meetings = BOARD_MEETINGS
        .iter()
        .map(|d| -> Result<(jiff::Timestamp, domain::Date)> {
            Ok((format!("{d}T18:00:00Z").parse()?, d.parse()?))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut round = Vec::new();
    let mut next_meeting = meetings.iter().peekable();
    let mut written = 0;
    for u in 0..size.updates {
        for (a, id) in actions.iter().enumerate() {
            let i = i64::try_from(u * actions.len() + a)?;
            let at = jiff::Timestamp::from_second(start.as_second() + i * step)?;
            while let Some((held, date)) = next_meeting.next_if(|(held, _)| *held <= at) {
                written += flush(store, slug, &mut round).await?;
                meeting(store, slug, *held, *date).await?;
            }
            let day = at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
            round.push(DatedUpdate {
                at,
                action: ActionKey::new(plan.title.clone(), *id),
                update: update(a, u, size.updates, day)?,
            });
        }
    }
    written += flush(store, slug, &mut round).await?;
    for (held, date) in next_meeting {
        meeting(store, slug, *held, *date).await?;
    }
    Ok(written)
}

async fn flush(store: &Store, slug: &str, round: &mut Vec<DatedUpdate>) -> Result<usize> {
    let n = store
        .record_update_history(slug, AUTHOR, std::mem::take(round))
        .await
        .context("the generated updates were refused; this is a bug")?;
    Ok(n)
}

async fn meeting(store: &Store, slug: &str, at: jiff::Timestamp, date: domain::Date) -> Result<()> {
    let m = Meeting {
        date,
        kind: MeetingKind::Board,
        subgroup: None,
    };
    store
        .add_meeting(slug, Stamp::new("Demo: Development Officer", at), &m)
        .await?;
    Ok(())
}
