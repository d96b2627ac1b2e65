//! Boardplan's domain: the plan model a safeguarding board works from, and the rules on it.
//!
//! Nothing here does I/O or knows about HTTP or SQL. The [`Partnership`] tree is also the
//! shape of the JSON interchange document (see `docs/interchange.md`), so that an export is
//! exactly what the store holds.

pub mod access;
pub mod assurance;
pub mod business;
pub mod documents;
pub mod governance;
pub mod identity;
pub mod learning;
pub mod lookup;
pub mod meetings;
pub mod model;
pub mod moment;
pub mod plan_mark;
pub mod progress;
pub mod reminders;
pub mod report;
pub mod status;
pub mod timescale;
pub mod validate;

pub use access::{AccessRole, Membership, SignOffPolicy};
pub use governance::{AgencyDetails, AgencyKind, BoardRole, Contribution, Person, PublicPerson};
pub use identity::{PasswordSignIn, SignInRefusal};
pub use lookup::{LookupError, find_action};
pub use model::*;
pub use moment::Moment;
pub use plan_mark::PlanMark;
pub use progress::{Evidence, InvalidValue, Percent, Rag, SignOff, Update, Withdrawal};
pub use report::{Counts, Gap, ImportReport, Inferred, Warning, WarningKind};
pub use status::{
    ActionStatus, Completion, Occurrence, StatusRules, assess, at_risk_linked, at_risk_near,
    mark_at_risk,
};
pub use timescale::{Period, Reading, Recurrence, Timescale};
pub use validate::{Problem, validate};

/// Re-exported so that callers name dates the same way the model does.
pub use jiff::civil::Date;
