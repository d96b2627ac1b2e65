//! Checks on a partnership tree before anything is written: keys that must be unique, and
//! references inside a plan that must resolve. (References to roles and sub-groups, which may
//! already be stored, are resolved while writing.) Each message names the record at fault.

use std::collections::HashSet;

use domain::{Partnership, Plan};

use crate::error::{Result, StoreError};

/// Refuse a tree the store could not hold faithfully.
pub(crate) fn check(p: &Partnership) -> Result<()> {
    unique(p.agencies.iter().map(|a| a.name.as_str()), "agency")?;
    unique(p.subgroups.iter().map(|s| s.name.as_str()), "sub-group")?;
    unique(p.roles.iter().map(|r| r.id.as_str()), "lead role id")?;
    for r in &p.roles {
        if r.id.trim().is_empty() {
            return Err(StoreError::invalid(format!(
                "the lead role \"{}\" has no id",
                r.title
            )));
        }
        unique(
            r.aliases.iter().map(String::as_str),
            &format!("spelling of the role \"{}\":", r.id),
        )?;
    }
    unique(p.reviews.iter().map(|r| r.code.as_str()), "review code")?;
    for r in &p.reviews {
        let numbers = r.recommendations.iter().map(|rec| rec.number.to_string());
        unique(
            numbers,
            &format!("recommendation number in review {}:", r.code),
        )?;
        for rec in &r.recommendations {
            let place = format!("recommendation {} {}", r.code, rec.number);
            unique(
                rec.answered_by.iter().map(String::as_str),
                &format!("link from {place}:"),
            )?;
        }
    }
    let meetings = p.meetings.iter().map(|m| {
        format!(
            "{} {:?} meeting {}",
            m.date,
            m.kind,
            m.subgroup.as_deref().unwrap_or_default()
        )
    });
    unique(meetings, "meeting on")?;
    unique(p.plans.iter().map(|pl| pl.title.as_str()), "plan titled")?;
    for plan in &p.plans {
        check_plan(plan)?;
    }
    Ok(())
}

fn check_plan(plan: &Plan) -> Result<()> {
    if plan.title.trim().is_empty() {
        return Err(StoreError::invalid("a plan has no title"));
    }
    if plan.period.end < plan.period.start {
        return Err(StoreError::invalid(format!(
            "the plan \"{}\" ends ({}) before it starts ({})",
            plan.title, plan.period.end, plan.period.start
        )));
    }
    let ids: HashSet<&str> = plan.actions().map(|(_, a)| a.id.as_str()).collect();
    unique(
        plan.actions().map(|(_, a)| a.id.as_str()),
        &format!("action id in \"{}\":", plan.title),
    )?;
    for (_, a) in plan.actions() {
        let place = || format!("in the plan \"{}\", action {}", plan.title, a.id);
        for r in &a.references {
            if !ids.contains(r.as_str()) {
                return Err(StoreError::invalid(format!(
                    "{} refers to action \"{r}\", which the plan does not have",
                    place()
                )));
            }
        }
        if let Some(d) = &a.duplicate_of
            && !ids.contains(d.as_str())
        {
            return Err(StoreError::invalid(format!(
                "{} is marked a duplicate of action \"{d}\", which the plan does not have",
                place()
            )));
        }
    }
    Ok(())
}

/// The first key met twice, as an error: "there are two of the agency \"Police\"".
fn unique<K: AsRef<str>>(keys: impl Iterator<Item = K>, what: &str) -> Result<()> {
    let mut seen = HashSet::new();
    for k in keys {
        let k = k.as_ref();
        if !seen.insert(k.to_string()) {
            return Err(StoreError::invalid(format!(
                "there are two of the {what} \"{k}\""
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{Action, Agency, Objective, Period, PlanStatus};

    fn plan(actions: Vec<Action>) -> Partnership {
        Partnership {
            name: "Board".into(),
            plans: vec![Plan {
                title: "Plan".into(),
                period: Period::financial_year(2009).unwrap(),
                status: PlanStatus::Active,
                objectives: vec![Objective {
                    number: "1".into(),
                    title: "One".into(),
                    sources: vec![],
                    timescale: None,
                    leads: vec![],
                    actions,
                }],
            }],
            ..Partnership::default()
        }
    }

    fn action(id: &str) -> Action {
        Action {
            id: id.into(),
            number: id.into(),
            text: format!("do {id}"),
            sources: vec![],
            timescale: None,
            leads: vec![],
            references: vec![],
            reference_phrases: vec![],
            duplicate_of: None,
        }
    }

    #[test]
    fn a_reference_to_a_missing_action_is_refused_naming_both() {
        let mut a = action("1.1");
        a.references = vec!["9.9".into()];
        let e = check(&plan(vec![a])).unwrap_err().to_string();
        assert!(e.contains("action 1.1") && e.contains("\"9.9\""), "{e}");
    }

    #[test]
    fn two_actions_with_one_id_are_refused() {
        let e = check(&plan(vec![action("1.1"), action("1.1")])).unwrap_err();
        assert!(e.to_string().contains("\"1.1\""));
    }

    #[test]
    fn an_agency_listed_twice_is_refused() {
        let mut p = plan(vec![]);
        p.agencies = vec![
            Agency {
                name: "Police".into(),
            },
            Agency {
                name: "Police".into(),
            },
        ];
        assert!(check(&p).is_err());
    }

    #[test]
    fn repeated_numbers_with_distinct_ids_are_fine() {
        let mut second = action("4.2#2");
        second.number = "4.2".into();
        second.duplicate_of = Some("4.2".into());
        assert!(check(&plan(vec![action("4.2"), second])).is_ok());
    }
}
