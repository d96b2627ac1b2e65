//! What a report is made from, read as it stood at the end of a day: the partnership, the
//! plan's updates and sign-offs, where its carried actions came from, the status rules and
//! (optionally) the indicators. One reader for the command line and the web app, so that a
//! paper downloaded from either is the same paper.

use domain::{Date, Moment, Partnership};
use reports::{CarriedAction, ChangeLogHead, IndicatorSummary, PreviousPlan, ReportInput};

use crate::Store;
use crate::error::{Result, StoreError};
use crate::progress::as_at::end_of;

/// Which plan a report is on.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PlanChoice<'a> {
    /// The one titled so (any case), else the latest.
    Titled(Option<&'a str>),
    /// The one whose period holds the day (a yearly report's first day), else the latest
    /// that started by then, else the first.
    Holding(Date),
}

/// Which plan a report is on.
fn plan_index(p: &Partnership, choice: PlanChoice<'_>) -> Result<usize> {
    let title = match choice {
        PlanChoice::Titled(t) => t,
        PlanChoice::Holding(day) => {
            let holding = p
                .plans
                .iter()
                .position(|pl| pl.period.start <= day && day <= pl.period.end);
            let started = p.plans.iter().rposition(|pl| pl.period.start <= day);
            return Ok(holding.or(started).unwrap_or(0));
        }
    };
    match title {
        Some(t) => p
            .plans
            .iter()
            .position(|pl| pl.title.eq_ignore_ascii_case(t))
            .ok_or_else(|| {
                let titles: Vec<String> = p
                    .plans
                    .iter()
                    .map(|pl| format!("\"{}\"", pl.title))
                    .collect();
                StoreError::not_found(format!(
                    "the plan titled \"{t}\" (the plans are: {})",
                    titles.join(", ")
                ))
            }),
        None => Ok(p.plans.len().saturating_sub(1)),
    }
}

impl Store {
    /// Everything a report on `slug`'s plan (titled `plan`; by default as of a day the one
    /// whose period holds it, as recorded the latest then) needs at `as_at` (a day, read as
    /// of it, or a [`Moment`]), stamped `generated_at`; `None` when the partnership had no
    /// plan then. The indicators are read only `with_indicators` (the calendar does not need
    /// them).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn report_input(
        &self,
        slug: &str,
        plan: Option<&str>,
        as_at: impl Into<Moment>,
        with_indicators: bool,
        generated_at: jiff::Timestamp,
    ) -> Result<Option<ReportInput>> {
        self.report_input_by(
            slug,
            PlanChoice::Titled(plan),
            as_at,
            with_indicators,
            generated_at,
        )
        .await
    }

    /// [`Store::report_input`] with the plan chosen as `choice` says.
    pub(crate) async fn report_input_by(
        &self,
        slug: &str,
        choice: PlanChoice<'_>,
        as_at: impl Into<Moment>,
        with_indicators: bool,
        generated_at: jiff::Timestamp,
    ) -> Result<Option<ReportInput>> {
        let moment = as_at.into();
        let as_at = moment.day;
        let day_end = end_of(as_at);
        // As of a day, everything known now; as recorded, only what was known by its end.
        let known = if moment.as_recorded {
            day_end
        } else {
            jiff::Timestamp::MAX
        };
        let Some(p) = self.load_partnership_at(slug, moment).await? else {
            return Ok(None);
        };
        if p.plans.is_empty() {
            return Ok(None);
        }
        // As of a day, the plans as known now include later ones: the one the status of that
        // day is on (`Store::plan_title_at`), none before any plan had started or was recorded.
        let chosen;
        let choice = match choice {
            PlanChoice::Titled(None) if !moment.as_recorded => {
                chosen = match self.plan_title_at(slug, None, moment).await {
                    Ok(t) => t,
                    Err(StoreError::NotFound { .. }) => return Ok(None),
                    Err(e) => return Err(e),
                };
                PlanChoice::Titled(Some(chosen.as_str()))
            }
            c => c,
        };
        let index = plan_index(&p, choice)?;
        let title = p.plans[index].title.clone();
        let updates = self.updates_as_at(slug, &title, known).await?;
        let signoffs = self.signoffs(slug, &title, day_end).await?;
        let rules = self.settings(slug).await?.rules;
        let origins = self.origins(slug, &title).await?;
        let previous_plan = origins.first().map(|(_, from)| PreviousPlan {
            title: from.plan.clone(),
            carried: origins
                .iter()
                .map(|(action, from)| CarriedAction {
                    action: action.clone(),
                    from: from.action.clone(),
                })
                .collect(),
        });
        let indicators = if with_indicators {
            self.report_indicators(slug, as_at).await?
        } else {
            Vec::new()
        };
        // The annual report's membership and attendance, over the plan's year up to the day
        // (the period `reports` says the annual report covers); not for the calendar.
        let governance = if with_indicators {
            let (start, end) = (p.plans[index].period.start, p.plans[index].period.end);
            let to = end.min(as_at);
            self.annual_governance(slug, start.min(to), to).await?
        } else {
            reports::governance::Governance::default()
        };
        Ok(Some(ReportInput {
            partnership: p,
            plan_index: index,
            updates,
            signoffs,
            as_at,
            as_recorded: moment.as_recorded,
            previous_plan,
            indicators,
            rules,
            generated_at,
            change_log: match moment.as_recorded {
                true => self.change_log_head_at(slug, day_end).await?,
                false => self.change_log_head(slug).await?,
            }
            .map(|a| ChangeLogHead {
                entry: a.id,
                hash: a.hash,
            }),
            assurance: Default::default(),
            governance,
            yearly: None,
        }))
    }

    /// The partnership's indicators as its indicator pages show them as at `as_at`; none
    /// where it has imported no indicator values yet.
    async fn report_indicators(&self, slug: &str, as_at: Date) -> Result<Vec<IndicatorSummary>> {
        let catalogue = indicators::Catalogue::builtin();
        if self.indicator_areas(slug).await?.is_empty() {
            return Ok(Vec::new());
        }
        let overview = self
            .indicator_overview(slug, &catalogue, None, Some(as_at))
            .await?;
        let mut out = Vec::with_capacity(overview.rows.len());
        for row in &overview.rows {
            let code = row.indicator.as_str();
            let page = self
                .indicator_page(slug, &catalogue, code, None, Some(as_at))
                .await?;
            let evidences = catalogue
                .get(code)
                .map(|i| i.evidences.clone())
                .unwrap_or_default();
            out.push(IndicatorSummary::from_detail(
                &page.detail,
                page.commentary.first(),
                evidences,
            ));
        }
        Ok(out)
    }
}
