//! The plan itself: bringing a plan document or sheet in (`import`) and out (`export`), and
//! `boardplan plan show|edit|carry-forward` (`show`, `edit`, `carry_forward`).

pub(crate) mod carry_forward;
pub(crate) mod edit;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod show;
