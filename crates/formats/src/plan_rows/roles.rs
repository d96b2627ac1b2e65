//! Lead titles in a sheet matched to the partnership's roles, with a new role for a title
//! none has.

use domain::Role;

/// The partnership's roles, growing as unknown lead titles are met.
pub(super) struct Roles {
    pub(super) roles: Vec<Role>,
}

impl Roles {
    /// The id of the role with this title, alias or id (ignoring case and repeated spaces);
    /// a new role when none has it.
    pub(super) fn find_or_create(&mut self, title: &str) -> String {
        let key = normalise(title);
        let found = self
            .roles
            .iter()
            .find(|r| normalise(&r.title) == key)
            .or_else(|| {
                self.roles
                    .iter()
                    .find(|r| r.aliases.iter().any(|a| normalise(a) == key))
            })
            .or_else(|| self.roles.iter().find(|r| r.id == title));
        if let Some(role) = found {
            return role.id.clone();
        }
        let base = slug(title);
        let mut id = base.clone();
        let mut n = 2;
        while self.roles.iter().any(|r| r.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.roles.push(Role {
            id: id.clone(),
            title: title.split_whitespace().collect::<Vec<_>>().join(" "),
            aliases: Vec::new(),
            subgroup: None,
        });
        id
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// "Chair, Training sub-group" → `chair-training-sub-group`.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for ch in title.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            out.push(ch);
        } else if ch == '&' {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            out.push_str("and-");
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "role".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_slug_is_lowercase_words_joined_by_hyphens() {
        assert_eq!(
            slug("Chair, Training sub-group"),
            "chair-training-sub-group"
        );
        assert_eq!(
            slug("Chair Policy & Procedure"),
            "chair-policy-and-procedure"
        );
        assert_eq!(slug("  !! "), "role");
    }
}
