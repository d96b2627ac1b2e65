//! Finding an action of a plan from what a person typed: its id ("4.2#2") or its number
//! ("4.2"). A number two actions share is refused with both named, never guessed.

use crate::model::{Action, Objective, Plan};

/// Why nothing, or more than one thing, answers to what was typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// No action has that id or number.
    #[error("there is no action {typed} in \"{plan}\"{hint}")]
    Unknown {
        typed: String,
        plan: String,
        /// What there is instead, starting with "; ", or empty.
        hint: String,
    },
    /// Several actions share the number: each id with its first words.
    #[error("{typed} is used by {} actions: {}; give the id", count_word(.candidates.len()), listed(.candidates))]
    Ambiguous {
        typed: String,
        /// Each candidate's id and the first words of its text.
        candidates: Vec<(String, String)>,
    },
}

/// The action `typed` names in `plan`: an exact id when it holds `#`, else the only action
/// with that number (a repeated number must be given as an id).
pub fn find_action<'a>(
    plan: &'a Plan,
    typed: &str,
) -> Result<(&'a Objective, &'a Action), LookupError> {
    let t = typed.trim();
    let matches: Vec<(&Objective, &Action)> = if t.contains('#') {
        plan.actions().filter(|(_, a)| a.id == t).collect()
    } else {
        plan.actions().filter(|(_, a)| a.number == t).collect()
    };
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(LookupError::Unknown {
            typed: t.to_string(),
            plan: plan.title.clone(),
            hint: hint(plan, t),
        }),
        many => Err(LookupError::Ambiguous {
            typed: t.to_string(),
            candidates: many
                .iter()
                .map(|(_, a)| (a.id.clone(), first_words(&a.text, 6)))
                .collect(),
        }),
    }
}

/// The first `n` words of `text`, with "…" when there were more.
pub fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut s = words.iter().take(n).copied().collect::<Vec<_>>().join(" ");
    if words.len() > n {
        s.push('…');
    }
    s
}

fn hint(plan: &Plan, typed: &str) -> String {
    let objective = typed.split('.').next().unwrap_or_default();
    if let Some(o) = plan.objectives.iter().find(|o| o.number == objective) {
        let ids: Vec<&str> = o.actions.iter().map(|a| a.id.as_str()).collect();
        return format!("; objective {} has {}", o.number, ids.join(", "));
    }
    let mut ids = plan.actions().map(|(_, a)| a.id.as_str());
    match (ids.next(), ids.last()) {
        (Some(first), Some(last)) => format!("; its actions run from {first} to {last}"),
        (Some(only), None) => format!("; its only action is {only}"),
        _ => "; it has no actions".to_string(),
    }
}

fn count_word(n: usize) -> String {
    const WORDS: [&str; 8] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    n.checked_sub(2)
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

fn listed(candidates: &[(String, String)]) -> String {
    let items: Vec<String> = candidates
        .iter()
        .map(|(id, words)| format!("{id} ({words})"))
        .collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PlanStatus;
    use crate::timescale::Period;

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

    fn plan() -> Plan {
        Plan {
            title: "Improvement Plan 2009-10".into(),
            period: Period::financial_year(2009).unwrap(),
            status: PlanStatus::Active,
            objectives: vec![Objective {
                number: "4".into(),
                title: "Board members".into(),
                sources: vec![],
                timescale: None,
                leads: vec![],
                actions: vec![
                    action("4.1", "Review the chairing arrangements"),
                    action("4.2", "Develop an Induction programme for new members."),
                    action(
                        "4.2#2",
                        "Develop a \"Job description\" for members clarifying expectations.",
                    ),
                ],
            }],
        }
    }

    #[test]
    fn a_number_one_action_has_finds_that_action() {
        let p = plan();
        assert_eq!(find_action(&p, " 4.1 ").unwrap().1.id, "4.1");
    }

    #[test]
    fn a_number_two_actions_share_is_refused_naming_both_by_id_and_first_words() {
        let p = plan();
        let e = find_action(&p, "4.2").unwrap_err();
        assert_eq!(
            e.to_string(),
            "4.2 is used by two actions: 4.2 (Develop an Induction programme for new…) and \
             4.2#2 (Develop a \"Job description\" for members…); give the id"
        );
    }

    #[test]
    fn an_id_with_a_hash_finds_exactly_that_action() {
        let p = plan();
        assert_eq!(find_action(&p, "4.2#2").unwrap().1.id, "4.2#2");
        assert!(find_action(&p, "4.2#3").is_err());
    }

    #[test]
    fn an_unknown_number_says_what_the_objective_has_instead() {
        let p = plan();
        assert_eq!(
            find_action(&p, "4.9").unwrap_err().to_string(),
            "there is no action 4.9 in \"Improvement Plan 2009-10\"; objective 4 has 4.1, 4.2, 4.2#2"
        );
        assert!(
            find_action(&p, "99.1")
                .unwrap_err()
                .to_string()
                .ends_with("its actions run from 4.1 to 4.2#2")
        );
    }
}
