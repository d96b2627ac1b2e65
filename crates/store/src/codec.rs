//! How domain values are spelled in the database: enums as snake_case text, dates as
//! ISO-8601 text (`2009-09-30`), instants as UTC text (`2026-11-26T09:30:00Z`), flags as 0/1,
//! lists of text as JSON arrays, and a timescale as six columns.

use domain::{
    Date, MeetingKind, Period, PlanStatus, Recurrence, ReviewKind, SubgroupStatus, Timescale,
};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::{Result, StoreError};
use crate::sql::Value;

/// A moment as the UTC text every `*_at` column holds, to the second.
pub(crate) fn at_text(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Now, as the UTC text every `*_at` column holds.
pub(crate) fn now() -> String {
    at_text(jiff::Timestamp::now())
}

/// The day (in the UK, where boards are) of a timestamp: the day a token's `expires_on` or
/// an import's "imported on" is counted in.
pub(crate) fn uk_day(t: jiff::Timestamp) -> Date {
    t.in_tz("Europe/London")
        .map(|z| z.date())
        .unwrap_or_else(|_| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
}

pub(crate) fn date_text(d: Date) -> String {
    d.to_string()
}

pub(crate) fn parse_date(text: &str) -> Result<Date> {
    text.parse().map_err(|_| {
        StoreError::invalid(format!(
            "the database holds \"{text}\", which is not a date"
        ))
    })
}

pub(crate) fn opt_date(text: Option<String>) -> Result<Option<Date>> {
    text.as_deref().map(parse_date).transpose()
}

/// A JSON array of text, as stored in `sources` and `reference_phrases`.
pub(crate) fn text_list(items: &[String]) -> Result<String> {
    Ok(serde_json::to_string(items)?)
}

pub(crate) fn parse_text_list(json: &str) -> Result<Vec<String>> {
    Ok(serde_json::from_str(json)?)
}

/// A count or number kept as `u32` in the model.
pub(crate) fn to_u32(n: i64, what: &str) -> Result<u32> {
    u32::try_from(n).map_err(|_| StoreError::invalid(format!("the database holds {n} as {what}")))
}

fn unknown(what: &str, text: &str) -> StoreError {
    StoreError::invalid(format!("the database holds an unknown {what} \"{text}\""))
}

pub(crate) fn subgroup_status(s: SubgroupStatus) -> &'static str {
    match s {
        SubgroupStatus::Active => "active",
        SubgroupStatus::Proposed => "proposed",
    }
}

pub(crate) fn parse_subgroup_status(text: &str) -> Result<SubgroupStatus> {
    match text {
        "active" => Ok(SubgroupStatus::Active),
        "proposed" => Ok(SubgroupStatus::Proposed),
        other => Err(unknown("sub-group status", other)),
    }
}

pub(crate) fn review_kind(k: ReviewKind) -> &'static str {
    match k {
        ReviewKind::ChallengeAndDevelopment => "challenge_and_development",
        ReviewKind::PeerReview => "peer_review",
        ReviewKind::NationalReview => "national_review",
        ReviewKind::SeriousCaseReview => "serious_case_review",
        ReviewKind::Inspection => "inspection",
        ReviewKind::Audit => "audit",
        ReviewKind::Other => "other",
    }
}

pub(crate) fn parse_review_kind(text: &str) -> Result<ReviewKind> {
    match text {
        "challenge_and_development" => Ok(ReviewKind::ChallengeAndDevelopment),
        "peer_review" => Ok(ReviewKind::PeerReview),
        "national_review" => Ok(ReviewKind::NationalReview),
        "serious_case_review" => Ok(ReviewKind::SeriousCaseReview),
        "inspection" => Ok(ReviewKind::Inspection),
        "audit" => Ok(ReviewKind::Audit),
        "other" => Ok(ReviewKind::Other),
        other => Err(unknown("review kind", other)),
    }
}

pub(crate) fn meeting_kind(k: MeetingKind) -> &'static str {
    match k {
        MeetingKind::Board => "board",
        MeetingKind::Subgroup => "subgroup",
    }
}

pub(crate) fn parse_meeting_kind(text: &str) -> Result<MeetingKind> {
    match text {
        "board" => Ok(MeetingKind::Board),
        "subgroup" => Ok(MeetingKind::Subgroup),
        other => Err(unknown("meeting kind", other)),
    }
}

pub(crate) fn plan_status(s: PlanStatus) -> &'static str {
    match s {
        PlanStatus::Draft => "draft",
        PlanStatus::Active => "active",
        PlanStatus::Closed => "closed",
    }
}

pub(crate) fn parse_plan_status(text: &str) -> Result<PlanStatus> {
    match text {
        "draft" => Ok(PlanStatus::Draft),
        "active" => Ok(PlanStatus::Active),
        "closed" => Ok(PlanStatus::Closed),
        other => Err(unknown("plan status", other)),
    }
}

fn recurrence(r: Recurrence) -> &'static str {
    match r {
        Recurrence::Yearly => "yearly",
        Recurrence::Quarterly => "quarterly",
        Recurrence::Monthly => "monthly",
        Recurrence::Ongoing => "ongoing",
    }
}

fn parse_recurrence(text: &str) -> Result<Recurrence> {
    match text {
        "yearly" => Ok(Recurrence::Yearly),
        "quarterly" => Ok(Recurrence::Quarterly),
        "monthly" => Ok(Recurrence::Monthly),
        "ongoing" => Ok(Recurrence::Ongoing),
        other => Err(unknown("recurrence", other)),
    }
}

/// The timescale columns, in this order, of `objectives` and `actions`.
pub(crate) const TIMESCALE_COLUMNS: [&str; 6] = [
    "ts_label",
    "ts_due",
    "ts_period_start",
    "ts_period_end",
    "ts_recurrence",
    "ts_inferred",
];

/// A timescale's values for [`TIMESCALE_COLUMNS`]; all NULL when there is none.
pub(crate) fn timescale_values(t: Option<&Timescale>) -> [Value; 6] {
    let Some(t) = t else {
        return [
            Value::text(None),
            Value::text(None),
            Value::text(None),
            Value::text(None),
            Value::text(None),
            Value::int(None),
        ];
    };
    [
        Value::text(Some(t.label.clone())),
        Value::text(t.due.map(date_text)),
        Value::text(t.period.map(|p| date_text(p.start))),
        Value::text(t.period.map(|p| date_text(p.end))),
        Value::text(t.recurrence.map(|r| recurrence(r).to_string())),
        Value::int(Some(i64::from(t.inferred))),
    ]
}

/// The timescale held in a row's [`TIMESCALE_COLUMNS`], `None` when its label is NULL.
pub(crate) fn timescale_from_row(row: &AnyRow) -> Result<Option<Timescale>> {
    let Some(label) = row.try_get::<Option<String>, _>("ts_label")? else {
        return Ok(None);
    };
    let start = opt_date(row.try_get("ts_period_start")?)?;
    let end = opt_date(row.try_get("ts_period_end")?)?;
    let period = match (start, end) {
        (Some(start), Some(end)) => Some(Period { start, end }),
        (None, None) => None,
        _ => {
            return Err(StoreError::invalid(
                "the database holds a period with only one end",
            ));
        }
    };
    Ok(Some(Timescale {
        label,
        due: opt_date(row.try_get("ts_due")?)?,
        period,
        recurrence: row
            .try_get::<Option<String>, _>("ts_recurrence")?
            .as_deref()
            .map(parse_recurrence)
            .transpose()?,
        inferred: row.try_get::<Option<i64>, _>("ts_inferred")? == Some(1),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_is_utc_text_to_the_second() {
        let t = now();
        assert_eq!(t.len(), "2026-11-26T09:30:00Z".len());
        assert!(t.ends_with('Z'));
        assert!(t.parse::<jiff::Timestamp>().is_ok());
    }

    #[test]
    fn every_enum_reads_back_what_it_wrote() {
        for k in [
            ReviewKind::ChallengeAndDevelopment,
            ReviewKind::PeerReview,
            ReviewKind::NationalReview,
            ReviewKind::SeriousCaseReview,
            ReviewKind::Inspection,
            ReviewKind::Audit,
            ReviewKind::Other,
        ] {
            assert_eq!(parse_review_kind(review_kind(k)).unwrap(), k);
        }
        for s in [PlanStatus::Draft, PlanStatus::Active, PlanStatus::Closed] {
            assert_eq!(parse_plan_status(plan_status(s)).unwrap(), s);
        }
        for r in [
            Recurrence::Yearly,
            Recurrence::Quarterly,
            Recurrence::Monthly,
            Recurrence::Ongoing,
        ] {
            assert_eq!(parse_recurrence(recurrence(r)).unwrap(), r);
        }
        assert!(parse_meeting_kind("committee").is_err());
    }

    #[test]
    fn enum_text_matches_the_models_own_json_names() {
        // The change log stores the model as JSON; the columns should read the same.
        let json = serde_json::to_value(ReviewKind::ChallengeAndDevelopment).unwrap();
        assert_eq!(json, review_kind(ReviewKind::ChallengeAndDevelopment));
    }
}
