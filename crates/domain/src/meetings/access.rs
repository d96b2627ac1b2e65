//! Who may see and run a meeting. The board's officers (business manager, administrator) run
//! every meeting; a sub-group's chair runs its meetings; everyone in the partnership reads
//! them, except that a lead officer sees only the board's meetings and those of sub-groups
//! they belong to (as chair or member).

use crate::access::{AccessRole, Membership};

/// Where the asker stands towards one meeting's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    /// The meeting is a sub-group's (not the whole board's).
    pub subgroup: bool,
    /// The asker is the person who chairs that sub-group.
    pub chair: bool,
    /// The asker is one of its members.
    pub member: bool,
}

/// Whether `m` may see the meeting.
pub fn may_see(m: &Membership, s: Standing) -> bool {
    m.role != AccessRole::LeadOfficer || !s.subgroup || s.chair || s.member
}

/// Whether `m` may change the meeting: its attendance, agenda, decisions, action log and
/// minutes.
pub fn may_run(m: &Membership, s: Standing) -> bool {
    m.may_manage_governance() || (s.subgroup && s.chair)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_role(role: AccessRole) -> Membership {
        Membership {
            partnership: "p".into(),
            role,
            holds: vec![],
        }
    }

    #[test]
    fn a_subgroup_chair_runs_its_meetings_and_a_lead_officer_sees_only_their_subgroups() {
        let lead = as_role(AccessRole::LeadOfficer);
        let other = Standing {
            subgroup: true,
            ..Standing::default()
        };
        let chaired = Standing {
            subgroup: true,
            chair: true,
            member: false,
        };
        assert!(!may_see(&lead, other));
        assert!(may_see(&lead, Standing::default()), "the board's meetings");
        assert!(may_see(&lead, chaired) && may_run(&lead, chaired));
        assert!(!may_run(
            &lead,
            Standing {
                subgroup: true,
                member: true,
                chair: false
            }
        ));
        assert!(may_see(&as_role(AccessRole::Reader), other));
        assert!(!may_run(
            &as_role(AccessRole::BoardMember),
            Standing::default()
        ));
        assert!(may_run(&as_role(AccessRole::BusinessManager), other));
        let chair_of_board = Standing {
            subgroup: false,
            chair: true,
            member: false,
        };
        assert!(
            !may_run(&as_role(AccessRole::Reader), chair_of_board),
            "only a sub-group's chair"
        );
    }
}
