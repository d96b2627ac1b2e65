//! The board's own business, second part: meetings and attendance. The meetings list with
//! the sub-groups ([`list`]) and their forms ([`subgroups`]), one meeting with its forms ([`page`], [`forms`]) and its board
//! paper as at its day ([`paper`]), attendance
//! over a period with a chart ([`attendance`]), and the API ([`api`], shapes in [`wire`],
//! shared with the CLI's `--json`; promoting a log's action into the plan, [`promote_api`]).
//!
//! Who may do what is `domain::meetings::access`: the officers run every meeting, a
//! sub-group's chair runs its meetings, everyone reads, and a lead officer sees only the
//! board's meetings and those of sub-groups they belong to.

pub mod api;
pub mod attendance;
pub mod forms;
pub mod list;
pub mod page;
pub mod paper;
pub mod promote_api;
pub mod subgroups;
pub mod wire;

use domain::meetings::access::Standing;
use store::MeetingSummary;

use crate::routes::{Routes, get, post};

/// The meetings' pages.
pub fn routes() -> Routes {
    Routes::new()
        .route("/p/{slug}/meetings", get(list::page).post(forms::add))
        .route("/p/{slug}/meetings/{id}", get(page::page))
        .route("/p/{slug}/meetings/{id}/attendance", post(forms::attend))
        .route("/p/{slug}/meetings/{id}/agenda", post(forms::agenda))
        .route("/p/{slug}/meetings/{id}/decisions", post(forms::decide))
        .route("/p/{slug}/meetings/{id}/actions", post(forms::action))
        .route("/p/{slug}/meetings/{id}/minutes", post(forms::minutes))
        .route("/p/{slug}/meetings/{id}/promote", post(forms::promote))
        .route("/p/{slug}/attendance", get(attendance::page))
        .route("/p/{slug}/subgroups", post(subgroups::add))
        .route("/p/{slug}/subgroups/change", post(subgroups::change))
}

/// Where account `account` stands towards meeting `m`'s body.
pub fn standing(m: &MeetingSummary, account: i64) -> Standing {
    Standing {
        subgroup: m.subgroup.is_some(),
        chair: m.chair_account == Some(account),
        member: m.member_accounts.contains(&account),
    }
}
