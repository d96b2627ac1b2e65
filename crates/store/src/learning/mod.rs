//! Learning and accountability (issue #14): training (courses, sessions, attendance and
//! evaluation imported all or nothing, impact by course), the case reviews register with its
//! recommendations, and engagement activities; training needs by priority and agency
//! (`needs`), and training rolled up by priority, by agency and over a year (`rollup`).
//!
//! Every write opens a partnership write (`progress::write`: actor, time checks, queueing)
//! and appends the change log in its transaction. Links to the plan are kept as objective
//! and action numbers, checked against the partnership's current plans (`links`), so that
//! they outlive plan versions as review traces do.
//!
//! Depends on the ground, `changelog` and `progress::write`. Inside: `links`, then
//! `training` (courses and sessions), `needs`, `training_import` (attendance and scores),
//! `impact`, `rollup`,
//! `case_reviews` and `engagement`.

mod case_reviews;
mod engagement;
mod impact;
mod links;
mod needs;
mod rollup;
mod training;
mod training_import;

pub use case_reviews::{CaseReviewRecord, NewCaseReview, RecommendationRecord};
pub use engagement::ActivityRecord;
pub use impact::CourseImpact;
pub use needs::{NeedCourse, NeedRecord};
pub use training::{CourseRecord, TrainingSessionRecord};
pub use training_import::{ImportRow, Imported};
