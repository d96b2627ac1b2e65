//! Upserting reviews by code and their recommendations by number, and adding the trace links
//! from recommendations to what in the plans answers them. Nothing is removed: a link the
//! board added by hand survives a re-import that lacks it.

use std::collections::{HashMap, HashSet};

use domain::{Date, Recommendation, Review, ReviewKind};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::{ChangeBatch, Diff};
use crate::codec;
use crate::error::{Result, StoreError};
use crate::sql::{Value, fetch, insert_rows, next_position};

/// A review as the change log records it: its recommendations are entries of their own.
#[derive(Serialize)]
struct ReviewEntry<'a> {
    code: &'a str,
    title: &'a str,
    kind: ReviewKind,
    date: Option<Date>,
    date_label: Option<&'a str>,
}

/// A recommendation as the change log records it: its links are entries of their own.
#[derive(Serialize)]
struct RecommendationEntry<'a> {
    review: &'a str,
    number: u32,
    text: &'a str,
}

struct StoredReview {
    id: i64,
    title: String,
    kind: String,
    date: Option<String>,
    date_label: Option<String>,
}

/// Returns every stored recommendation's id by (review code, number).
pub(crate) async fn upsert(
    conn: &mut AnyConnection,
    pid: i64,
    reviews: &[Review],
    log: &mut ChangeBatch,
) -> Result<HashMap<(String, u32), i64>> {
    let rows = fetch(
        conn,
        "SELECT id, code, title, kind, date, date_label, position FROM reviews WHERE partnership_id = $1",
        pid,
    )
    .await?;
    let mut position = next_position(&rows)?;
    let mut ids: HashMap<String, i64> = HashMap::new();
    let mut stored = HashMap::new();
    for r in &rows {
        let code: String = r.try_get("code")?;
        let review = StoredReview {
            id: r.try_get("id")?,
            title: r.try_get("title")?,
            kind: r.try_get("kind")?,
            date: r.try_get("date")?,
            date_label: r.try_get("date_label")?,
        };
        ids.insert(code.clone(), review.id);
        stored.insert(code, review);
    }
    let mut new = Vec::new();
    for review in reviews {
        let kind = codec::review_kind(review.kind);
        let date = review.date.map(codec::date_text);
        let entry = ReviewEntry {
            code: &review.code,
            title: &review.title,
            kind: review.kind,
            date: review.date,
            date_label: review.date_label.as_deref(),
        };
        let Some(old) = stored.get(&review.code) else {
            new.push(vec![
                Value::from(pid),
                Value::from(position),
                Value::from(review.code.as_str()),
                Value::from(review.title.as_str()),
                Value::from(kind),
                Value::from(date),
                Value::from(review.date_label.clone()),
            ]);
            position += 1;
            log.created("review", &review.code, &entry)?;
            continue;
        };
        let date = date.or_else(|| old.date.clone());
        let date_label = review.date_label.clone().or_else(|| old.date_label.clone());
        let mut diff = Diff::default();
        diff.field("title", old.title.as_str(), review.title.as_str())?;
        diff.field("kind", old.kind.as_str(), kind)?;
        diff.field("date", &old.date, &date)?;
        diff.field("date_label", &old.date_label, &date_label)?;
        if !diff.is_empty() {
            sqlx::query("UPDATE reviews SET title = $1, kind = $2, date = $3, date_label = $4 WHERE id = $5")
                .bind(review.title.as_str())
                .bind(kind)
                .bind(date)
                .bind(date_label)
                .bind(old.id)
                .execute(&mut *conn)
                .await?;
            diff.record(log, "review", &review.code)?;
        }
    }
    let columns = [
        "partnership_id",
        "position",
        "code",
        "title",
        "kind",
        "date",
        "date_label",
    ];
    for r in insert_rows(conn, "reviews", &columns, new, Some("id, code")).await? {
        ids.insert(r.try_get("code")?, r.try_get("id")?);
    }
    recommendations(conn, pid, reviews, &ids, log).await
}

async fn recommendations(
    conn: &mut AnyConnection,
    pid: i64,
    reviews: &[Review],
    review_ids: &HashMap<String, i64>,
    log: &mut ChangeBatch,
) -> Result<HashMap<(String, u32), i64>> {
    let codes: HashMap<i64, &str> = review_ids.iter().map(|(c, id)| (*id, c.as_str())).collect();
    let rows = fetch(
        conn,
        "SELECT id, review_id, number, text FROM recommendations WHERE partnership_id = $1",
        pid,
    )
    .await?;
    let mut ids = HashMap::new();
    let mut stored = HashMap::new();
    for r in &rows {
        let review_id: i64 = r.try_get("review_id")?;
        let Some(code) = codes.get(&review_id) else {
            return Err(StoreError::invalid(
                "the database holds a recommendation of a review it does not hold",
            ));
        };
        let key = (
            code.to_string(),
            codec::to_u32(r.try_get("number")?, "a recommendation number")?,
        );
        let id: i64 = r.try_get("id")?;
        ids.insert(key.clone(), id);
        stored.insert(key, (id, r.try_get::<String, _>("text")?));
    }
    let mut new = Vec::new();
    for review in reviews {
        let review_id = review_ids.get(&review.code).copied().ok_or_else(|| {
            StoreError::invalid(format!("the review {} was not stored", review.code))
        })?;
        for rec in &review.recommendations {
            let key = (review.code.clone(), rec.number);
            let entity_key = format!("{} {}", review.code, rec.number);
            let entry = RecommendationEntry {
                review: &review.code,
                number: rec.number,
                text: &rec.text,
            };
            match stored.get(&key) {
                None => {
                    new.push(vec![
                        Value::from(pid),
                        Value::from(review_id),
                        Value::from(i64::from(rec.number)),
                        Value::from(rec.text.as_str()),
                    ]);
                    log.created("recommendation", entity_key, &entry)?;
                }
                Some((id, old_text)) => {
                    let mut diff = Diff::default();
                    if diff.field("text", old_text.as_str(), rec.text.as_str())? {
                        sqlx::query("UPDATE recommendations SET text = $1 WHERE id = $2")
                            .bind(rec.text.as_str())
                            .bind(*id)
                            .execute(&mut *conn)
                            .await?;
                    }
                    diff.record(log, "recommendation", entity_key)?;
                }
            }
        }
    }
    let columns = ["partnership_id", "review_id", "number", "text"];
    for r in insert_rows(
        conn,
        "recommendations",
        &columns,
        new,
        Some("id, review_id, number"),
    )
    .await?
    {
        let review_id: i64 = r.try_get("review_id")?;
        let code = codes.get(&review_id).ok_or_else(|| {
            StoreError::invalid("a recommendation was stored under a review it does not hold")
        })?;
        ids.insert(
            (
                code.to_string(),
                codec::to_u32(r.try_get("number")?, "a recommendation number")?,
            ),
            r.try_get("id")?,
        );
    }
    Ok(ids)
}

/// Add each recommendation's links that are not stored yet. Every target must be an objective
/// number or action id of one of the partnership's current plans, so this runs after the plans
/// are written.
pub(crate) async fn add_trace_links(
    conn: &mut AnyConnection,
    pid: i64,
    reviews: &[Review],
    recommendation_ids: &HashMap<(String, u32), i64>,
    log: &mut ChangeBatch,
) -> Result<()> {
    let wanted: Vec<(&Review, &Recommendation)> = reviews
        .iter()
        .flat_map(|r| r.recommendations.iter().map(move |rec| (r, rec)))
        .filter(|(_, rec)| !rec.answered_by.is_empty())
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let target_rows = fetch(
        conn,
        "SELECT o.number AS target FROM objectives o JOIN plans p ON p.id = o.plan_id
         WHERE o.partnership_id = $1 AND p.superseded_at IS NULL
         UNION
         SELECT a.uid AS target FROM actions a JOIN plans p ON p.id = a.plan_id
         WHERE a.partnership_id = $1 AND p.superseded_at IS NULL",
        pid,
    )
    .await?;
    let targets: HashSet<String> = target_rows
        .iter()
        .map(|r| r.try_get("target"))
        .collect::<std::result::Result<_, _>>()?;
    let link_rows = fetch(
        conn,
        "SELECT recommendation_id, target, position FROM trace_links WHERE partnership_id = $1",
        pid,
    )
    .await?;
    let mut stored: HashMap<i64, (HashSet<String>, i64)> = HashMap::new();
    for r in &link_rows {
        let entry = stored.entry(r.try_get("recommendation_id")?).or_default();
        entry.0.insert(r.try_get("target")?);
        entry.1 = entry.1.max(r.try_get::<i64, _>("position")? + 1);
    }
    let mut new = Vec::new();
    for (review, rec) in wanted {
        let place = format!("recommendation {} {}", review.code, rec.number);
        let id = recommendation_ids
            .get(&(review.code.clone(), rec.number))
            .copied()
            .ok_or_else(|| StoreError::invalid(format!("{place} was not stored")))?;
        let (known, next) = stored.entry(id).or_default();
        for target in &rec.answered_by {
            if known.contains(target) {
                continue;
            }
            if !targets.contains(target) {
                return Err(StoreError::invalid(format!(
                    "{place} is answered by \"{target}\", which is neither an objective nor an \
                     action of the partnership's plans"
                )));
            }
            new.push(vec![
                Value::from(pid),
                Value::from(id),
                Value::from(*next),
                Value::from(target.as_str()),
            ]);
            *next += 1;
            known.insert(target.clone());
            log.created("trace_link", format!("{place} → {target}"), &target)?;
        }
    }
    let columns = ["partnership_id", "recommendation_id", "position", "target"];
    insert_rows(conn, "trace_links", &columns, new, None).await?;
    Ok(())
}
