//! Induction (4.2): the checklist a partnership sets its new members ("met the chair", "read
//! the business plan"), and the rule an item's title keeps. When each person completed each
//! item, and when they acknowledged their job description, are dates the store keeps.

use crate::progress::InvalidValue;

/// An item's title: not empty, at most [`super::MAX_TITLE_CHARS`] characters.
pub fn check_item_title(title: &str) -> Result<(), InvalidValue> {
    super::document::check_title(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_needs_a_title_of_sensible_length() {
        assert!(check_item_title("Met the chair").is_ok());
        assert!(check_item_title(" ").is_err());
        assert!(check_item_title(&"x".repeat(201)).is_err());
    }
}
