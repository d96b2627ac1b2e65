//! Progress on the plan's actions: recording updates (`update`) and sign-offs (`signoff`),
//! where every action stands (`status`), an action's whole story (`history`), the meetings
//! that staleness is measured from (`meeting`), and the status thresholds and sign-off policy
//! (`settings`).

pub(crate) mod history;
pub(crate) mod meeting;
pub(crate) mod settings;
pub(crate) mod signoff;
pub(crate) mod status;
pub(crate) mod update;
