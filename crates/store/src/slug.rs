//! Partnership slugs: the stable, URL-safe key a partnership is found by.

/// Lowercase ASCII letters and digits, every other run of characters one hyphen, none at
/// either end: "Kingston LSCB (2009)" → `kingston-lscb-2009`. Empty when the name has no
/// ASCII letter or digit.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn a_name_becomes_lowercase_words_joined_by_hyphens() {
        assert_eq!(
            slugify("Kingston upon Thames Local Safeguarding Children Board"),
            "kingston-upon-thames-local-safeguarding-children-board"
        );
        assert_eq!(
            slugify("  Kingston LSCB (2009–10) "),
            "kingston-lscb-2009-10"
        );
        assert_eq!(slugify("Sutton & Merton"), "sutton-merton");
    }

    #[test]
    fn a_name_without_letters_or_digits_has_no_slug() {
        assert_eq!(slugify(" — "), "");
    }
}
