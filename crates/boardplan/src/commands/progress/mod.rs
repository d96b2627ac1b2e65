//! Progress on the plan's actions: recording updates (`update`) and sign-offs (`signoff`),
//! where every action stands (`status`), an action's whole story (`history`), and the status
//! thresholds and sign-off policy (`settings`). Meetings, which staleness is measured from,
//! are `meetings::meeting`.

pub(crate) mod history;
pub(crate) mod settings;
pub(crate) mod signoff;
pub(crate) mod status;
pub(crate) mod update;
