//! Who is asking, for Section 11: the panel, a lead officer of an agency, or someone who sees
//! counts only. The account's agency is that of the person on the member register linked to
//! it; the board's chair is whoever holds a role the sign-off policy names as the board's.

use domain::Membership;
use domain::assurance::section11::Section11View;

use crate::AppState;

/// The view of account `account_id`, member `m` of partnership `slug`.
pub async fn view_of(
    state: &AppState,
    slug: &str,
    m: &Membership,
    account_id: i64,
) -> Result<Section11View, store::StoreError> {
    let settings = state.store.settings(slug).await?;
    let chair = m
        .holds
        .iter()
        .any(|h| settings.sign_off.board_roles.contains(h));
    let agency = state.store.account_agency(slug, account_id).await?;
    Ok(Section11View::of(m, chair, agency))
}
