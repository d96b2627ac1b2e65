//! A person on the member register, the rules their record keeps, and what of it is public.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{BoardRole, MAX_EXPERTISE_TAGS, MAX_TEXT_CHARS};
use crate::progress::InvalidValue;

/// A person on the member register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    /// The agency they come from, by its name; none for a lay member or an independent chair.
    pub agency: Option<String>,
    pub job_title: Option<String>,
    pub board_role: BoardRole,
    /// What they bring to the board, as short tags ("health", "education").
    #[serde(default)]
    pub expertise: Vec<String>,
    /// The part they play, in a sentence ("leads on private fostering").
    pub part: Option<String>,
    pub appointed: Option<Date>,
    pub term_ends: Option<Date>,
    /// Who attends in their place, by name: another person on the register.
    pub deputy: Option<String>,
    /// Contact details: never shown in public.
    pub email: Option<String>,
    /// The e-mail of the account that signs in as this person, if any.
    pub account: Option<String>,
}

impl Person {
    /// A person with only a name and a role.
    pub fn new(name: impl Into<String>, board_role: BoardRole) -> Self {
        Self {
            name: name.into(),
            agency: None,
            job_title: None,
            board_role,
            expertise: Vec::new(),
            part: None,
            appointed: None,
            term_ends: None,
            deputy: None,
            email: None,
            account: None,
        }
    }

    /// The same person with blank text fields made `None`, text trimmed and the expertise
    /// tags tidied (see [`expertise_tags`]).
    pub fn tidied(mut self) -> Self {
        let tidy = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        self.name = self.name.trim().to_string();
        self.agency = tidy(self.agency);
        self.job_title = tidy(self.job_title);
        self.part = tidy(self.part);
        self.deputy = tidy(self.deputy);
        self.email = tidy(self.email).map(|e| e.to_lowercase());
        self.account = tidy(self.account).map(|e| e.to_lowercase());
        self.expertise = expertise_tags(&self.expertise.join(","));
        self
    }

    /// The rules a record keeps whatever else is stored. Each problem names the field.
    pub fn check(&self) -> Result<(), (&'static str, InvalidValue)> {
        let invalid = |field, problem: String, fix: &str| {
            Err((
                field,
                InvalidValue {
                    problem,
                    fix: fix.into(),
                },
            ))
        };
        if self.name.trim().is_empty() {
            return invalid(
                "name",
                "the name is empty.".into(),
                "Give the person's name.",
            );
        }
        for (field, v) in [
            ("name", Some(&self.name)),
            ("job_title", self.job_title.as_ref()),
            ("part", self.part.as_ref()),
            ("agency", self.agency.as_ref()),
        ] {
            if v.is_some_and(|v| v.chars().count() > MAX_TEXT_CHARS) {
                return invalid(
                    field,
                    format!("it is longer than {MAX_TEXT_CHARS} characters."),
                    "Shorten it.",
                );
            }
        }
        if self.expertise.len() > MAX_EXPERTISE_TAGS
            || self.expertise.iter().any(|t| t.chars().count() > 60)
        {
            return invalid(
                "expertise",
                format!("give at most {MAX_EXPERTISE_TAGS} tags of up to 60 characters each."),
                "Separate short tags with commas: \"health, education\".",
            );
        }
        for (field, e) in [("email", &self.email), ("account", &self.account)] {
            if let Some(e) = e
                && !looks_like_email(e)
            {
                return invalid(
                    field,
                    format!("\"{e}\" is not an e-mail address."),
                    "Give an address such as name@agency.gov.uk, or leave it empty.",
                );
            }
        }
        if let (Some(from), Some(to)) = (self.appointed, self.term_ends)
            && to < from
        {
            return invalid(
                "term_ends",
                format!("the term ends ({to}) before the appointment ({from})."),
                "Check both dates.",
            );
        }
        if self
            .deputy
            .as_deref()
            .is_some_and(|d| d.trim().eq_ignore_ascii_case(self.name.trim()))
        {
            return invalid(
                "deputy",
                "a person cannot be their own deputy.".into(),
                "Name someone else on the register, or leave it empty.",
            );
        }
        Ok(())
    }

    /// What the public register shows: never contact details or the linked account.
    pub fn public(&self) -> PublicPerson {
        PublicPerson {
            name: self.name.clone(),
            agency: self.agency.clone(),
            board_role: self.board_role,
            expertise: self.expertise.clone(),
        }
    }
}

/// A person as the public register shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicPerson {
    pub name: String,
    pub agency: Option<String>,
    pub board_role: BoardRole,
    pub expertise: Vec<String>,
}

/// Expertise tags from text as people type them ("Health; education , health"): split on
/// commas and semicolons, trimmed, blanks dropped, each tag once whatever its case.
pub fn expertise_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !tags.iter().any(|k| k.eq_ignore_ascii_case(t)) {
            tags.push(t.to_string());
        }
    }
    tags
}

/// Enough of an address's shape to catch a name typed in the wrong column.
fn looks_like_email(e: &str) -> bool {
    match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !e.chars().any(char::is_whitespace)
                && e.len() <= 254
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expertise_tags_are_tidied_and_each_kept_once() {
        assert_eq!(
            expertise_tags(" Health; education ,health,, "),
            vec!["Health".to_string(), "education".to_string()]
        );
    }

    #[test]
    fn a_record_that_breaks_a_rule_names_the_field() {
        let mut p = Person::new("Ann Lee", BoardRole::Member);
        p.email = Some("Ann Lee".into());
        assert_eq!(p.check().unwrap_err().0, "email");
        p.email = None;
        p.deputy = Some("ann lee".into());
        assert_eq!(p.check().unwrap_err().0, "deputy");
        p.deputy = None;
        p.appointed = Some(jiff::civil::date(2010, 1, 1));
        p.term_ends = Some(jiff::civil::date(2009, 1, 1));
        assert_eq!(p.check().unwrap_err().0, "term_ends");
    }

    #[test]
    fn the_public_view_has_no_contact_details() {
        let mut p = Person::new("Ann Lee", BoardRole::Chair);
        p.email = Some("ann@example.org".into());
        p.account = Some("ann@example.org".into());
        let json = serde_json::to_string(&p.public()).unwrap_or_default();
        assert!(json.contains("Ann Lee") && !json.contains('@'), "{json}");
    }
}
