//! The change log: the hash chain every write appends to, and its reads.

pub(crate) mod chain;
mod freshness;
pub(crate) mod order;
mod read;
