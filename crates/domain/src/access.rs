//! Who may do what in a partnership. Pure rules over an account's role in the partnership
//! and the lead roles it holds; the web layer asks these questions on every route.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::model::{Partnership, Plan};
use crate::progress::InvalidValue;

/// An account's role in one partnership (an account may have different roles in different
/// partnerships, and none in the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessRole {
    Administrator,
    BusinessManager,
    LeadOfficer,
    BoardMember,
    Reader,
}

impl AccessRole {
    pub const ALL: [AccessRole; 5] = [
        AccessRole::Administrator,
        AccessRole::BusinessManager,
        AccessRole::LeadOfficer,
        AccessRole::BoardMember,
        AccessRole::Reader,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccessRole::Administrator => "administrator",
            AccessRole::BusinessManager => "business_manager",
            AccessRole::LeadOfficer => "lead_officer",
            AccessRole::BoardMember => "board_member",
            AccessRole::Reader => "reader",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AccessRole::Administrator => "Administrator",
            AccessRole::BusinessManager => "Business manager",
            AccessRole::LeadOfficer => "Lead officer",
            AccessRole::BoardMember => "Board member",
            AccessRole::Reader => "Reader",
        }
    }
}

impl fmt::Display for AccessRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AccessRole {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k = s.trim().to_lowercase().replace([' ', '-'], "_");
        AccessRole::ALL
            .into_iter()
            .find(|r| r.as_str() == k)
            .ok_or_else(|| InvalidValue {
                problem: format!("\"{s}\" is not a role."),
                fix: "Use administrator, business_manager, lead_officer, board_member or reader."
                    .into(),
            })
    }
}

/// What an account is in one partnership: its access role and the lead roles it holds
/// (role ids such as `chair-policy-and-procedure`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub partnership: String,
    pub role: AccessRole,
    #[serde(default)]
    pub holds: Vec<String>,
}

/// Which lead roles may sign off a completion. By default the board's chair, and the chair
/// of the sub-group that the action's lead belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOffPolicy {
    /// Role ids that may sign off any action (e.g. the board chair's).
    pub board_roles: Vec<String>,
    /// Whether the chair of the lead's sub-group may sign off too.
    pub subgroup_chairs: bool,
}

impl Membership {
    /// Reading the plan, its progress and reports.
    pub fn may_read(&self) -> bool {
        true
    }

    /// Editing the plan itself, importing, managing meetings: the board's officers.
    pub fn may_edit_plan(&self) -> bool {
        matches!(
            self.role,
            AccessRole::Administrator | AccessRole::BusinessManager
        )
    }

    /// Keeping the member register and the agencies' details: the board's officers. Everyone
    /// else in the partnership reads them.
    pub fn may_manage_governance(&self) -> bool {
        matches!(
            self.role,
            AccessRole::Administrator | AccessRole::BusinessManager
        )
    }

    /// Managing accounts of this partnership.
    pub fn may_manage_accounts(&self) -> bool {
        self.role == AccessRole::Administrator
    }

    /// Posting a progress update on an action led by `leads` (role ids). A lead officer may
    /// update only what a role they hold leads; a reader or board member changes nothing.
    pub fn may_update(&self, leads: &[String]) -> bool {
        match self.role {
            AccessRole::Administrator | AccessRole::BusinessManager => true,
            AccessRole::LeadOfficer => leads.iter().any(|l| self.holds.contains(l)),
            AccessRole::BoardMember | AccessRole::Reader => false,
        }
    }

    /// The lead role under which this account may sign off an action led by `leads`, if any.
    pub fn sign_off_role(
        &self,
        p: &Partnership,
        leads: &[String],
        policy: &SignOffPolicy,
    ) -> Option<String> {
        if self.role == AccessRole::Reader {
            return None;
        }
        if let Some(r) = self.holds.iter().find(|h| policy.board_roles.contains(h)) {
            return Some(r.clone());
        }
        if !policy.subgroup_chairs {
            return None;
        }
        // The chair of a lead's sub-group: a held role linked to the same sub-group whose
        // title says it is the chair.
        let subgroups: Vec<&str> = leads
            .iter()
            .filter_map(|l| p.role(l).and_then(|r| r.subgroup.as_deref()))
            .collect();
        self.holds
            .iter()
            .filter_map(|h| p.role(h))
            .find(|r| {
                r.title.to_lowercase().contains("chair")
                    && r.subgroup
                        .as_deref()
                        .is_some_and(|s| subgroups.contains(&s))
            })
            .map(|r| r.id.clone())
    }
}

impl SignOffPolicy {
    /// The default policy for a partnership: its roles whose titles name the board's chair.
    pub fn default_for(p: &Partnership) -> Self {
        let board_roles = p
            .roles
            .iter()
            .filter(|r| {
                let t = r.title.to_lowercase();
                r.subgroup.is_none()
                    && t.contains("chair")
                    && !t.contains("deputy")
                    && (t.contains("lscb") || t.contains("board") || t.contains("partnership"))
            })
            .map(|r| r.id.clone())
            .collect();
        Self {
            board_roles,
            subgroup_chairs: true,
        }
    }
}

/// The ids of the actions of `plan` that a role in `holds` leads (directly or inherited).
pub fn actions_led_by<'a>(
    plan: &'a Plan,
    holds: &'a [String],
) -> impl Iterator<Item = &'a str> + 'a {
    plan.actions()
        .filter(|(o, a)| o.leads_for(a).iter().any(|l| holds.contains(l)))
        .map(|(_, a)| a.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    fn role(id: &str, title: &str, subgroup: Option<&str>) -> Role {
        Role {
            id: id.into(),
            title: title.into(),
            aliases: vec![],
            subgroup: subgroup.map(Into::into),
        }
    }

    fn partnership() -> Partnership {
        Partnership {
            name: "Test LSCB".into(),
            roles: vec![
                role("lscb-chair", "LSCB Chair", None),
                role("chair-training", "Chair Training", Some("Training")),
                role(
                    "chair-pp",
                    "Chair Policy and Procedure",
                    Some("Policy and Procedures"),
                ),
                role("dev-officer", "Development Officer", None),
            ],
            ..Partnership::default()
        }
    }

    fn member(role: AccessRole, holds: &[&str]) -> Membership {
        Membership {
            partnership: "test".into(),
            role,
            holds: holds.iter().map(|h| h.to_string()).collect(),
        }
    }

    #[test]
    fn a_lead_officer_updates_only_what_a_role_they_hold_leads() {
        let m = member(AccessRole::LeadOfficer, &["chair-training"]);
        assert!(m.may_update(&["chair-training".into()]));
        assert!(!m.may_update(&["chair-pp".into()]));
        assert!(!m.may_edit_plan());
    }

    #[test]
    fn readers_and_board_members_change_nothing() {
        for r in [AccessRole::Reader, AccessRole::BoardMember] {
            let m = member(r, &["chair-training"]);
            assert!(!m.may_update(&["chair-training".into()]));
            assert!(!m.may_edit_plan());
            assert!(!m.may_manage_accounts());
        }
    }

    #[test]
    fn the_board_chair_signs_off_anything_and_a_subgroup_chair_only_their_subgroups_work() {
        let p = partnership();
        let policy = SignOffPolicy::default_for(&p);
        assert_eq!(policy.board_roles, vec!["lscb-chair".to_string()]);
        let chair = member(AccessRole::BoardMember, &["lscb-chair"]);
        assert_eq!(
            chair
                .sign_off_role(&p, &["chair-pp".into()], &policy)
                .as_deref(),
            Some("lscb-chair")
        );
        let training = member(AccessRole::LeadOfficer, &["chair-training"]);
        assert_eq!(
            training
                .sign_off_role(&p, &["chair-training".into()], &policy)
                .as_deref(),
            Some("chair-training")
        );
        assert_eq!(
            training.sign_off_role(&p, &["chair-pp".into()], &policy),
            None
        );
        let officer = member(AccessRole::BusinessManager, &["dev-officer"]);
        assert_eq!(
            officer.sign_off_role(&p, &["chair-pp".into()], &policy),
            None
        );
    }

    #[test]
    fn access_roles_are_read_from_the_words_people_type() {
        assert_eq!(
            "Business manager".parse::<AccessRole>(),
            Ok(AccessRole::BusinessManager)
        );
        assert_eq!(
            "lead-officer".parse::<AccessRole>(),
            Ok(AccessRole::LeadOfficer)
        );
        assert!(
            "owner"
                .parse::<AccessRole>()
                .unwrap_err()
                .fix
                .contains("business_manager")
        );
    }
}
