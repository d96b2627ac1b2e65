//! Whole-partnership checks: the rules that tie one part of the tree to another.
//!
//! The model's types cannot say on their own that an action's reference names an action of
//! the same plan, or that a lead is a role the partnership has. [`validate`] checks every such
//! link, and every importer runs it before it hands a partnership on, so that nothing stored
//! points at nothing. Each [`Problem`] names the field by its path in the partnership, the same
//! path the JSON interchange document uses (`plans[0].objectives[3].actions[1].references[0]`).

use std::collections::{HashMap, HashSet};

use crate::model::{Objective, Partnership, Plan};
use crate::timescale::{Period, Timescale};

/// The earliest and latest years a date in a plan may fall in. A date outside them is a typo
/// ("2901" for "2009") or a spreadsheet's serial number read as a year.
pub const SENSIBLE_YEARS: std::ops::RangeInclusive<i16> = 1990..=2100;

/// One broken rule: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field's path in the partnership, e.g. `plans[0].objectives[3].actions[1].references[0]`.
    pub path: String,
    /// What is wrong, as a sentence a board's business manager can act on.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every problem in the partnership, in document order (roles, reviews, meetings, then plans).
/// An empty list means the partnership is whole.
pub fn validate(p: &Partnership) -> Vec<Problem> {
    let mut out = Problems::default();
    check_roles(p, &mut out);
    check_reviews(p, &mut out);
    check_meetings(p, &mut out);
    let review_codes: HashSet<&str> = p.reviews.iter().map(|r| r.code.as_str()).collect();
    let role_ids: HashSet<&str> = p.roles.iter().map(|r| r.id.as_str()).collect();
    for (i, plan) in p.plans.iter().enumerate() {
        let ctx = PlanContext {
            review_codes: &review_codes,
            role_ids: &role_ids,
        };
        check_plan(plan, &format!("plans[{i}]"), &ctx, &mut out);
    }
    out.0
}

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }
}

struct PlanContext<'a> {
    review_codes: &'a HashSet<&'a str>,
    role_ids: &'a HashSet<&'a str>,
}

fn check_roles(p: &Partnership, out: &mut Problems) {
    let subgroups: HashSet<&str> = p.subgroups.iter().map(|s| s.name.as_str()).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, role) in p.roles.iter().enumerate() {
        let path = format!("roles[{i}]");
        if role.id.trim().is_empty() {
            out.push(format!("{path}.id"), "a role has no id.");
        } else if let Some(first) = seen.insert(role.id.as_str(), i) {
            seen.insert(role.id.as_str(), first);
            out.push(
                format!("{path}.id"),
                format!(
                    "the role id \"{}\" is already used by roles[{first}].",
                    role.id
                ),
            );
        }
        if role.title.trim().is_empty() {
            out.push(
                format!("{path}.title"),
                format!("the role \"{}\" has no title.", role.id),
            );
        }
        if let Some(name) = &role.subgroup
            && !subgroups.contains(name.as_str())
        {
            out.push(
                    format!("{path}.subgroup"),
                    format!("the role \"{}\" names the sub-group \"{name}\", which the partnership does not have.", role.id),
                );
        }
    }
}

fn check_reviews(p: &Partnership, out: &mut Problems) {
    let answerers: HashSet<&str> = p
        .plans
        .iter()
        .flat_map(|plan| {
            plan.objectives.iter().flat_map(|o| {
                std::iter::once(o.number.as_str()).chain(o.actions.iter().map(|a| a.id.as_str()))
            })
        })
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, review) in p.reviews.iter().enumerate() {
        let path = format!("reviews[{i}]");
        if review.code.trim().is_empty() {
            out.push(format!("{path}.code"), "a review has no code.");
        } else if let Some(first) = seen.insert(review.code.as_str(), i) {
            seen.insert(review.code.as_str(), first);
            out.push(
                format!("{path}.code"),
                format!(
                    "the review code \"{}\" is already used by reviews[{first}].",
                    review.code
                ),
            );
        }
        if let Some(date) = review.date {
            check_year(date, &format!("{path}.date"), out);
        }
        for (j, rec) in review.recommendations.iter().enumerate() {
            for (k, target) in rec.answered_by.iter().enumerate() {
                if !answerers.contains(target.as_str()) {
                    out.push(
                        format!("{path}.recommendations[{j}].answered_by[{k}]"),
                        format!(
                            "recommendation {} of review {} is answered by \"{target}\", which is neither an objective number nor an action id of any plan.",
                            rec.number, review.code
                        ),
                    );
                }
            }
        }
    }
}

fn check_meetings(p: &Partnership, out: &mut Problems) {
    let subgroups: HashSet<&str> = p.subgroups.iter().map(|s| s.name.as_str()).collect();
    for (i, meeting) in p.meetings.iter().enumerate() {
        check_year(meeting.date, &format!("meetings[{i}].date"), out);
        if let Some(name) = &meeting.subgroup
            && !subgroups.contains(name.as_str())
        {
            out.push(
                    format!("meetings[{i}].subgroup"),
                    format!("the meeting on {} names the sub-group \"{name}\", which the partnership does not have.", meeting.date),
                );
        }
    }
}

fn check_plan(plan: &Plan, path: &str, ctx: &PlanContext<'_>, out: &mut Problems) {
    check_period(&plan.period, &format!("{path}.period"), out);

    // Every action id of the plan, and the position of its first use in plan order.
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (position, (_, action)) in plan.actions().enumerate() {
        ids.entry(action.id.as_str()).or_insert(position);
    }

    let mut position = 0;
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, objective) in plan.objectives.iter().enumerate() {
        let opath = format!("{path}.objectives[{i}]");
        check_objective_fields(objective, &opath, ctx, out);
        for (j, action) in objective.actions.iter().enumerate() {
            let apath = format!("{opath}.actions[{j}]");
            let name = if action.number.is_empty() {
                &action.id
            } else {
                &action.number
            };
            if action.id.trim().is_empty() {
                out.push(format!("{apath}.id"), format!("action {name} has no id."));
            } else if !seen.insert(action.id.as_str()) {
                out.push(
                    format!("{apath}.id"),
                    format!("the action id \"{}\" is used twice in this plan; give the second one its own id, e.g. \"{}#2\".", action.id, action.number),
                );
            }
            if action.number.trim().is_empty() {
                out.push(
                    format!("{apath}.number"),
                    format!("action \"{}\" has no number.", action.id),
                );
            }
            check_codes(&action.sources, &format!("{apath}.sources"), ctx, out);
            check_leads(&action.leads, &format!("{apath}.leads"), ctx, out);
            if let Some(t) = &action.timescale {
                check_timescale(t, &format!("{apath}.timescale"), out);
            }
            for (k, target) in action.references.iter().enumerate() {
                if !ids.contains_key(target.as_str()) {
                    out.push(
                        format!("{apath}.references[{k}]"),
                        format!("action {name} refers to \"{target}\", which is not an action id of this plan."),
                    );
                }
            }
            if let Some(target) = &action.duplicate_of {
                match ids.get(target.as_str()) {
                    Some(&earlier) if earlier < position => {}
                    Some(_) => out.push(
                        format!("{apath}.duplicate_of"),
                        format!("action {name} is marked a duplicate of \"{target}\", which is not an earlier action of this plan."),
                    ),
                    None => out.push(
                        format!("{apath}.duplicate_of"),
                        format!("action {name} is marked a duplicate of \"{target}\", which is not an action id of this plan."),
                    ),
                }
            }
            position += 1;
        }
    }
}

fn check_objective_fields(o: &Objective, path: &str, ctx: &PlanContext<'_>, out: &mut Problems) {
    if o.number.trim().is_empty() {
        out.push(
            format!("{path}.number"),
            format!("the objective \"{}\" has no number.", o.title),
        );
    }
    check_codes(&o.sources, &format!("{path}.sources"), ctx, out);
    check_leads(&o.leads, &format!("{path}.leads"), ctx, out);
    if let Some(t) = &o.timescale {
        check_timescale(t, &format!("{path}.timescale"), out);
    }
}

fn check_codes(codes: &[String], path: &str, ctx: &PlanContext<'_>, out: &mut Problems) {
    for (k, code) in codes.iter().enumerate() {
        if !ctx.review_codes.contains(code.as_str()) {
            out.push(
                format!("{path}[{k}]"),
                format!("the source \"{code}\" is not the code of any review; add the review to the source key or correct the code."),
            );
        }
    }
}

fn check_leads(leads: &[String], path: &str, ctx: &PlanContext<'_>, out: &mut Problems) {
    for (k, lead) in leads.iter().enumerate() {
        if !ctx.role_ids.contains(lead.as_str()) {
            out.push(
                format!("{path}[{k}]"),
                format!("the lead \"{lead}\" is not the id of any role."),
            );
        }
    }
}

fn check_timescale(t: &Timescale, path: &str, out: &mut Problems) {
    if let Some(due) = t.due {
        check_year(due, &format!("{path}.due"), out);
    }
    if let Some(period) = &t.period {
        check_period(period, &format!("{path}.period"), out);
    }
}

fn check_period(period: &Period, path: &str, out: &mut Problems) {
    if period.end < period.start {
        out.push(
            path,
            format!(
                "the period ends ({}) before it starts ({}).",
                period.end, period.start
            ),
        );
    }
    check_year(period.start, &format!("{path}.start"), out);
    check_year(period.end, &format!("{path}.end"), out);
}

fn check_year(date: jiff::civil::Date, path: &str, out: &mut Problems) {
    if !SENSIBLE_YEARS.contains(&date.year()) {
        out.push(
            path,
            format!(
                "the date {date} is outside the years {} to {} a plan can sensibly cover.",
                SENSIBLE_YEARS.start(),
                SENSIBLE_YEARS.end()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::timescale::Recurrence;
    use jiff::civil::Date;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn action(id: &str, text: &str) -> Action {
        Action {
            id: id.into(),
            number: id.split('#').next().unwrap_or(id).into(),
            text: text.into(),
            sources: vec![],
            timescale: None,
            leads: vec![],
            references: vec![],
            reference_phrases: vec![],
            duplicate_of: None,
        }
    }

    /// A small partnership with nothing wrong in it.
    fn whole() -> Partnership {
        Partnership {
            name: "Kingston LSCB".into(),
            subgroups: vec![Subgroup {
                name: "Training".into(),
                status: SubgroupStatus::Active,
                terms_of_reference: None,
            }],
            roles: vec![
                Role {
                    id: "chair-training".into(),
                    title: "Chair, Training sub-group".into(),
                    aliases: vec!["Chair Training Group".into()],
                    subgroup: Some("Training".into()),
                },
                Role {
                    id: "lscb-chair".into(),
                    title: "LSCB Chair".into(),
                    aliases: vec![],
                    subgroup: None,
                },
            ],
            reviews: vec![Review {
                code: "C&D".into(),
                title: "Challenge and development day".into(),
                kind: ReviewKind::ChallengeAndDevelopment,
                date: Some(d("2009-02-04")),
                date_label: Some("04 February 2009".into()),
                recommendations: vec![Recommendation {
                    number: 1,
                    text: "Focus on outcomes".into(),
                    answered_by: vec!["1".into(), "1.2".into()],
                }],
            }],
            meetings: vec![Meeting {
                date: d("2009-09-15"),
                kind: MeetingKind::Subgroup,
                subgroup: Some("Training".into()),
            }],
            plans: vec![Plan {
                title: "Improvement plan 2009-10".into(),
                period: Period::financial_year(2009).unwrap(),
                status: PlanStatus::Active,
                objectives: vec![Objective {
                    number: "1".into(),
                    title: "Focus on outcomes".into(),
                    sources: vec!["C&D".into()],
                    timescale: Some(Timescale::parse("September 2009", None)),
                    leads: vec!["lscb-chair".into()],
                    actions: vec![
                        action("1.1", "A business plan"),
                        Action {
                            references: vec!["1.1".into()],
                            leads: vec!["chair-training".into()],
                            timescale: Some(Timescale::parse(
                                "Annually",
                                Period::financial_year(2009),
                            )),
                            ..action("1.2", "Combine with 1.1")
                        },
                        Action {
                            duplicate_of: Some("1.1".into()),
                            ..action("1.2#2", "A business plan")
                        },
                    ],
                }],
            }],
            ..Partnership::default()
        }
    }

    fn paths(p: &Partnership) -> Vec<String> {
        validate(p)
            .into_iter()
            .map(|problem| problem.path)
            .collect()
    }

    #[test]
    fn a_whole_partnership_has_no_problems() {
        assert_eq!(validate(&whole()), vec![]);
        assert_eq!(
            whole().plans[0].objectives[0].actions[1]
                .timescale
                .as_ref()
                .unwrap()
                .recurrence,
            Some(Recurrence::Yearly)
        );
    }

    #[test]
    fn an_action_id_used_twice_in_a_plan_is_a_problem_at_the_second_use() {
        let mut p = whole();
        p.plans[0].objectives[0].actions[2].id = "1.2".into();
        p.plans[0].objectives[0].actions[2].duplicate_of = None;
        assert_eq!(paths(&p), ["plans[0].objectives[0].actions[2].id"]);
        assert!(
            validate(&p)[0].message.contains("1.2#2"),
            "{}",
            validate(&p)[0].message
        );
    }

    #[test]
    fn the_same_action_id_in_two_plans_is_fine() {
        let mut p = whole();
        let mut next = p.plans[0].clone();
        next.title = "Business plan 2010-11".into();
        p.plans.push(next);
        assert_eq!(validate(&p), vec![]);
    }

    #[test]
    fn a_reference_to_an_action_the_plan_does_not_have_is_a_problem() {
        let mut p = whole();
        p.plans[0].objectives[0].actions[1]
            .references
            .push("9.9".into());
        let problems = validate(&p);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].path,
            "plans[0].objectives[0].actions[1].references[1]"
        );
        assert!(problems[0].message.contains("\"9.9\""));
    }

    #[test]
    fn a_reference_to_an_action_of_another_plan_is_a_problem() {
        let mut p = whole();
        let mut next = p.plans[0].clone();
        next.objectives[0]
            .actions
            .push(action("7.7", "Only in the next plan"));
        p.plans.push(next);
        p.plans[0].objectives[0].actions[1].references = vec!["7.7".into()];
        assert_eq!(
            paths(&p),
            ["plans[0].objectives[0].actions[1].references[0]"]
        );
    }

    #[test]
    fn a_duplicate_of_a_later_action_is_a_problem() {
        let mut p = whole();
        p.plans[0].objectives[0].actions[0].duplicate_of = Some("1.2#2".into());
        assert_eq!(
            paths(&p),
            ["plans[0].objectives[0].actions[0].duplicate_of"]
        );
    }

    #[test]
    fn an_action_that_is_a_duplicate_of_itself_is_a_problem() {
        let mut p = whole();
        p.plans[0].objectives[0].actions[2].duplicate_of = Some("1.2#2".into());
        assert_eq!(
            paths(&p),
            ["plans[0].objectives[0].actions[2].duplicate_of"]
        );
    }

    #[test]
    fn a_duplicate_of_a_missing_action_is_a_problem() {
        let mut p = whole();
        p.plans[0].objectives[0].actions[2].duplicate_of = Some("0.1".into());
        assert_eq!(
            paths(&p),
            ["plans[0].objectives[0].actions[2].duplicate_of"]
        );
    }

    #[test]
    fn a_lead_that_is_not_a_role_is_a_problem_on_objectives_and_actions() {
        let mut p = whole();
        p.plans[0].objectives[0].leads.push("nobody".into());
        p.plans[0].objectives[0].actions[1].leads = vec!["nobody".into()];
        assert_eq!(
            paths(&p),
            [
                "plans[0].objectives[0].leads[1]",
                "plans[0].objectives[0].actions[1].leads[0]"
            ]
        );
    }

    #[test]
    fn a_role_id_used_twice_is_a_problem() {
        let mut p = whole();
        p.roles[1].id = "chair-training".into();
        p.plans[0].objectives[0].leads = vec![];
        assert_eq!(paths(&p), ["roles[1].id"]);
    }

    #[test]
    fn a_role_naming_a_subgroup_that_does_not_exist_is_a_problem() {
        let mut p = whole();
        p.roles[0].subgroup = Some("Quality Assurance".into());
        assert_eq!(paths(&p), ["roles[0].subgroup"]);
    }

    #[test]
    fn a_role_naming_a_proposed_subgroup_is_fine() {
        let mut p = whole();
        p.subgroups.push(Subgroup {
            name: "Quality Assurance".into(),
            status: SubgroupStatus::Proposed,
            terms_of_reference: None,
        });
        p.roles[0].subgroup = Some("Quality Assurance".into());
        assert_eq!(validate(&p), vec![]);
    }

    #[test]
    fn a_recommendation_answered_by_an_objective_number_or_an_action_id_is_fine() {
        let mut p = whole();
        p.reviews[0].recommendations[0].answered_by = vec!["1".into(), "1.2#2".into()];
        assert_eq!(validate(&p), vec![]);
    }

    #[test]
    fn a_recommendation_answered_by_nothing_in_any_plan_is_a_problem() {
        let mut p = whole();
        p.reviews[0].recommendations[0]
            .answered_by
            .push("16.1".into());
        assert_eq!(paths(&p), ["reviews[0].recommendations[0].answered_by[2]"]);
    }

    #[test]
    fn a_review_code_used_twice_is_a_problem() {
        let mut p = whole();
        let again = p.reviews[0].clone();
        p.reviews.push(again);
        assert_eq!(paths(&p), ["reviews[1].code"]);
    }

    #[test]
    fn a_source_that_is_not_a_review_code_is_a_problem() {
        let mut p = whole();
        p.plans[0].objectives[0].sources.push("LR".into());
        p.plans[0].objectives[0].actions[0].sources = vec!["PR".into()];
        assert_eq!(
            paths(&p),
            [
                "plans[0].objectives[0].sources[1]",
                "plans[0].objectives[0].actions[0].sources[0]"
            ]
        );
    }

    #[test]
    fn a_source_code_whose_review_is_missing_is_a_problem() {
        let mut p = whole();
        p.reviews.clear();
        assert_eq!(paths(&p), ["plans[0].objectives[0].sources[0]"]);
    }

    #[test]
    fn a_due_date_outside_sensible_years_is_a_problem() {
        let mut p = whole();
        p.plans[0].objectives[0].timescale.as_mut().unwrap().due = Some(d("2901-09-30"));
        p.plans[0].objectives[0].actions[0].timescale = Some(Timescale {
            due: Some(d("1900-01-31")),
            ..Timescale::unread("January 1900")
        });
        assert_eq!(
            paths(&p),
            [
                "plans[0].objectives[0].timescale.due",
                "plans[0].objectives[0].actions[0].timescale.due"
            ]
        );
    }

    #[test]
    fn the_first_and_last_sensible_years_are_fine() {
        let mut p = whole();
        p.plans[0].objectives[0].timescale.as_mut().unwrap().due = Some(d("1990-01-01"));
        p.plans[0].objectives[0].actions[0].timescale = Some(Timescale {
            due: Some(d("2100-12-31")),
            ..Timescale::unread("2100")
        });
        assert_eq!(validate(&p), vec![]);
    }

    #[test]
    fn a_plan_period_that_ends_before_it_starts_is_a_problem() {
        let mut p = whole();
        p.plans[0].period = Period {
            start: d("2010-04-01"),
            end: d("2009-03-31"),
        };
        assert_eq!(paths(&p), ["plans[0].period"]);
    }

    #[test]
    fn empty_objective_and_action_numbers_are_problems() {
        let mut p = whole();
        p.plans[0].objectives[0].number = " ".into();
        p.plans[0].objectives[0].actions[0].number = String::new();
        assert_eq!(
            paths(&p),
            [
                // The recommendation answered by objective "1" now names nothing.
                "reviews[0].recommendations[0].answered_by[0]",
                "plans[0].objectives[0].number",
                "plans[0].objectives[0].actions[0].number",
            ]
        );
    }

    #[test]
    fn a_meeting_of_a_subgroup_the_partnership_does_not_have_is_a_problem() {
        let mut p = whole();
        p.meetings[0].subgroup = Some("E-Safety".into());
        assert_eq!(paths(&p), ["meetings[0].subgroup"]);
    }

    #[test]
    fn problems_come_in_document_order_roles_reviews_meetings_then_plans() {
        let mut p = whole();
        p.plans[0].objectives[0].actions[1].references = vec!["9.9".into()];
        p.meetings[0].subgroup = Some("E-Safety".into());
        p.reviews[0].recommendations[0].answered_by = vec!["16".into()];
        p.roles[0].subgroup = Some("Nowhere".into());
        assert_eq!(
            paths(&p),
            [
                "roles[0].subgroup",
                "reviews[0].recommendations[0].answered_by[0]",
                "meetings[0].subgroup",
                "plans[0].objectives[0].actions[1].references[0]",
            ]
        );
    }
}
