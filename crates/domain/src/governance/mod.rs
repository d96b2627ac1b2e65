//! The board's own business, first part: the people on the board (the member register,
//! [`person`]) with their part at the table ([`role`]), and what the board knows about its
//! agencies beyond their names ([`agency`]: statutory partner or relevant agency, how many
//! representatives it should send, what it pays in each year).
//!
//! Pure types and the rules a record must keep before it is stored; the store checks what
//! needs the database (the agency exists, the deputy is on the register, the account is a
//! member of the partnership).

pub mod agency;
pub mod person;
pub mod role;

pub use agency::{AgencyDetails, AgencyKind, Contribution, parse_pounds};
pub use person::{Person, PublicPerson, expertise_tags};
pub use role::BoardRole;

/// The longest name, job title or "part they play" kept; longer text is refused, not cut.
pub const MAX_TEXT_CHARS: usize = 200;
/// The most expertise tags one person carries.
pub const MAX_EXPERTISE_TAGS: usize = 20;

/// The member register's columns as a file has them: each field of [`Person`] and its
/// heading. Importers read by heading; errors about a field name its heading.
pub const REGISTER_COLUMNS: [(&str, &str); 11] = [
    ("name", "Name"),
    ("agency", "Agency"),
    ("job_title", "Job title"),
    ("board_role", "Board role"),
    ("expertise", "Expertise"),
    ("part", "Part played"),
    ("appointed", "Appointed"),
    ("term_ends", "Term ends"),
    ("deputy", "Deputy"),
    ("email", "Email"),
    ("account", "Account"),
];

/// The heading of register field `field` (the field itself if it has none).
pub fn heading(field: &str) -> &str {
    REGISTER_COLUMNS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(field, |(_, h)| h)
}
