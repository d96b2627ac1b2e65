//! How much an upload may carry (an update's evidence, an indicator file): one figure for a
//! file and one for a whole request, stated in the same words by the pages' hints, the API's
//! problems and OpenAPI document, and `docs/api.md` — a test holds them together.

/// The largest file kept: the store's limit on an evidence file, which indicator files share.
pub const MAX_FILE_BYTES: usize = store::MAX_EVIDENCE_BYTES;

/// The largest request body an upload may send: a file at its largest and a megabyte for the
/// rest of the form, so that the file's own limit is the one people meet. Bigger bodies are
/// cut off before they are read.
pub const MAX_UPLOAD_BYTES: usize = MAX_FILE_BYTES + 1_048_576;

// A request must be able to carry a file at its largest, or the file limit would be a lie.
const _: () = assert!(MAX_UPLOAD_BYTES > MAX_FILE_BYTES);

/// Whole megabytes (of 1,048,576 bytes, as the store counts them).
pub const fn mb(bytes: usize) -> usize {
    bytes / 1_048_576
}

/// The limits in words, e.g. "at most 20 MB a file and 21 MB in all".
pub fn stated() -> String {
    format!(
        "at most {} MB a file and {} MB in all",
        mb(MAX_FILE_BYTES),
        mb(MAX_UPLOAD_BYTES)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limits_read_in_whole_megabytes() {
        assert_eq!(stated(), "at most 20 MB a file and 21 MB in all");
    }
}
