//! Who may use the web application and its API: accounts and their roles (`user`) and API
//! tokens for scripts (`token`).

pub(crate) mod token;
pub(crate) mod user;
