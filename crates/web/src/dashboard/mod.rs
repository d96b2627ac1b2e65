//! Where a member starts: the boards they belong to ([`home`]), and a board's dashboard
//! ([`page`]): RAG counts, what needs attention, the last and next meeting. In the API
//! ([`api`]), the partnerships the caller belongs to and one partnership's counts.

pub mod api;
pub mod home;
pub mod page;
