//! Everything one year's yearly report is made from, read through the capabilities' own
//! reads: the report input over the plan that holds the year (as at the year's end, or
//! today while the year runs), the year's attendance and audits, the narratives, the
//! training evaluation, the case reviews notified by the year's end, the year's engagement,
//! each agency's contribution for the year and the next plan's objectives. Recommendations
//! are read as they stand now: a status changed after the year shows its latest state.

use domain::Date;
use reports::yearly::{
    DISTRIBUTION, Framework, RecommendationLine, ReviewLine, Yearly, financial_year,
};
use reports::{ReportInput, ReportKind};

use super::super::input::PlanChoice;
use crate::error::{Result, StoreError};
use crate::{AssuranceAsk, Store};

impl Store {
    /// The yearly report's input for partnership `slug` and financial year `year`
    /// (`2009-10`) under `framework`, as at the year's end or `today` if sooner, with the
    /// assurance `ask` allows; `None` when the partnership had no plan by then.
    #[tracing::instrument(skip_all, fields(partnership = slug, year))]
    pub async fn yearly_report_input(
        &self,
        slug: &str,
        year: &str,
        framework: Framework,
        today: Date,
        ask: &AssuranceAsk,
        generated_at: jiff::Timestamp,
    ) -> Result<Option<ReportInput>> {
        let (label, from, to) =
            financial_year(year).map_err(|e| StoreError::invalid(e.to_string()))?;
        if from > today {
            return Err(StoreError::invalid(format!(
                "--year: {label} has not begun (it starts on {from}). Choose a year that has."
            )));
        }
        let as_at = to.min(today);
        let Some(mut input) = self
            .report_input_by(slug, PlanChoice::Holding(from), as_at, true, generated_at)
            .await?
        else {
            return Ok(None);
        };
        // The attendance the report input read is over the plan's year: the report's own
        // year is the financial year asked for.
        let period = input.plan().period;
        if (period.start, period.end.min(as_at)) != (from, as_at) {
            input.governance = self.annual_governance(slug, from, as_at).await?;
        }
        let mut y = Yearly {
            year: label.clone(),
            from,
            to,
            framework,
            ..Yearly::default()
        };
        for t in self.yearly_texts(slug, &label).await? {
            if t.section == DISTRIBUTION {
                y.distribution = t
                    .text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect();
            } else {
                y.narratives.insert(t.section, t.text);
            }
        }
        let training = self.training_evaluation(slug, &label).await?;
        y.training = Some(training).filter(|t| t.total.sessions > 0);
        y.reviews = self
            .case_reviews(slug)
            .await?
            .into_iter()
            .filter(|r| {
                r.notified <= to
                    && (r.published.is_none_or(|p| p >= from)
                        || r.recommendations.iter().any(|x| {
                            x.status == domain::learning::case_reviews::RecommendationStatus::InProgress
                        }))
            })
            .map(|r| ReviewLine {
                kind: r.kind,
                case_name: r.case_name,
                notified: r.notified,
                published: r.published,
                recommendations: r
                    .recommendations
                    .into_iter()
                    .map(|x| RecommendationLine {
                        text: x.text,
                        to_whom: x.to_whom,
                        status: x.status,
                        reason: x.reason,
                        impact: x.impact,
                    })
                    .collect(),
            })
            .collect();
        let mut engagement: Vec<_> = self
            .engagement_activities(slug)
            .await?
            .into_iter()
            .map(|a| a.activity)
            .filter(|a| a.held_on >= from && a.held_on <= to)
            .collect();
        engagement.reverse();
        y.engagement = engagement;
        let start = i32::from(from.year());
        y.funding = self
            .agencies(slug)
            .await?
            .into_iter()
            .filter_map(|a| {
                a.contributions
                    .iter()
                    .find(|c| c.year == start)
                    .map(|c| (a.name.clone(), c.pence))
            })
            .collect();
        y.next_plan = input
            .partnership
            .plans
            .iter()
            .filter(|p| p.period.start > to)
            .min_by_key(|p| p.period.start)
            .map(|p| {
                (
                    p.title.clone(),
                    p.objectives
                        .iter()
                        .map(|o| format!("{}. {}", o.number, o.title))
                        .collect(),
                )
            });
        input.yearly = Some(y);
        self.add_report_assurance(slug, ReportKind::Yearly, &mut input, ask)
            .await?;
        Ok(Some(input))
    }
}
