//! What a report is made from.

mod input;
