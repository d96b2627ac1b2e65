//! The API's performance indicators: the list ([`list`]), one indicator in full
//! ([`detail`]) with the numerators and denominators of calculated measures ([`parts`]),
//! adding commentary ([`commentary`]), and the wire types they are written in ([`wire`]).

pub mod commentary;
pub mod detail;
pub mod list;
pub mod parts;
pub mod wire;
