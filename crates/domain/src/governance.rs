//! The board's own business, first part: the people on the board (the member register) and
//! what the board knows about its agencies beyond their names (statutory partner or relevant
//! agency, how many representatives it should send, what it pays in each year).
//!
//! Pure types and the rules a record must keep before it is stored; the store checks what
//! needs the database (the agency exists, the deputy is on the register, the account is a
//! member of the partnership).

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::progress::InvalidValue;

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

/// The part a person takes at the board's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardRole {
    Chair,
    ViceChair,
    Member,
    Adviser,
    LayMember,
    Observer,
    Participant,
}

impl BoardRole {
    pub const ALL: [BoardRole; 7] = [
        BoardRole::Chair,
        BoardRole::ViceChair,
        BoardRole::Member,
        BoardRole::Adviser,
        BoardRole::LayMember,
        BoardRole::Observer,
        BoardRole::Participant,
    ];

    /// How it is stored and sent: `vice_chair`.
    pub fn as_str(self) -> &'static str {
        match self {
            BoardRole::Chair => "chair",
            BoardRole::ViceChair => "vice_chair",
            BoardRole::Member => "member",
            BoardRole::Adviser => "adviser",
            BoardRole::LayMember => "lay_member",
            BoardRole::Observer => "observer",
            BoardRole::Participant => "participant",
        }
    }

    /// How a page shows it: `Vice-chair`.
    pub fn label(self) -> &'static str {
        match self {
            BoardRole::Chair => "Chair",
            BoardRole::ViceChair => "Vice-chair",
            BoardRole::Member => "Member",
            BoardRole::Adviser => "Adviser",
            BoardRole::LayMember => "Lay member",
            BoardRole::Observer => "Observer",
            BoardRole::Participant => "Participant",
        }
    }
}

impl fmt::Display for BoardRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BoardRole {
    type Err = InvalidValue;
    /// Reads `vice-chair`, `Vice chair`, `vice_chair` alike: a register typed in a spreadsheet
    /// spells them every way.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k = s.trim().to_lowercase().replace([' ', '-'], "_");
        let k = if k == "advisor" { "adviser".into() } else { k };
        BoardRole::ALL
            .into_iter()
            .find(|r| r.as_str() == k)
            .ok_or_else(|| InvalidValue {
                problem: format!("\"{s}\" is not a board role."),
                fix: "Use chair, vice-chair, member, adviser, lay member, observer or participant."
                    .into(),
            })
    }
}

/// What an agency is to the board in law: one of the statutory partners, or a relevant agency
/// the partners have named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    StatutoryPartner,
    RelevantAgency,
}

impl AgencyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::StatutoryPartner => "statutory_partner",
            AgencyKind::RelevantAgency => "relevant_agency",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AgencyKind::StatutoryPartner => "Statutory partner",
            AgencyKind::RelevantAgency => "Relevant agency",
        }
    }
}

impl FromStr for AgencyKind {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().replace([' ', '-'], "_").as_str() {
            "statutory_partner" | "statutory" => Ok(AgencyKind::StatutoryPartner),
            "relevant_agency" | "relevant" => Ok(AgencyKind::RelevantAgency),
            _ => Err(InvalidValue {
                problem: format!("\"{s}\" is not a kind of agency."),
                fix: "Use statutory (a statutory partner) or relevant (a relevant agency).".into(),
            }),
        }
    }
}

/// An agency as the board knows it: its name (as the plan's board has it), what it is, how
/// many representatives it should send, and its money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDetails {
    pub name: String,
    pub kind: Option<AgencyKind>,
    pub representatives_expected: Option<u32>,
    /// Its contribution per financial year, oldest first.
    #[serde(default)]
    pub contributions: Vec<Contribution>,
}

/// What an agency pays into the board's budget for the financial year starting 1 April of
/// `year` (2009 is 2009-10), in pence so that sums are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub year: i32,
    pub pence: i64,
}

impl Contribution {
    /// The financial year as boards write it: `2009-10`.
    pub fn year_label(&self) -> String {
        format!("{}-{:02}", self.year, (self.year + 1).rem_euclid(100))
    }

    /// The amount as `£12,500.00`.
    pub fn pounds(&self) -> String {
        let whole = (self.pence / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("£{grouped}.{:02}", self.pence % 100)
    }
}

/// Read an amount in pounds (`12500`, `12,500.50`, `£12500`) as pence.
pub fn parse_pounds(text: &str) -> Result<i64, InvalidValue> {
    let bad = || InvalidValue {
        problem: format!("\"{text}\" is not an amount of money."),
        fix: "Give pounds, with pence after a point if any: 12500 or 12500.50.".into(),
    };
    let t: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let (whole, pence) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || pence.len() > 2
        || !pence.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let pence: i64 = format!("{pence:0<2}").parse().map_err(|_| bad())?;
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(pence))
        .filter(|p| *p < 1_000_000_000_000)
        .ok_or_else(bad)
}

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
    fn board_roles_are_read_however_a_spreadsheet_spells_them() {
        assert_eq!(
            "Vice-chair".parse::<BoardRole>().ok(),
            Some(BoardRole::ViceChair)
        );
        assert_eq!(
            "lay member".parse::<BoardRole>().ok(),
            Some(BoardRole::LayMember)
        );
        assert_eq!(
            "Advisor".parse::<BoardRole>().ok(),
            Some(BoardRole::Adviser)
        );
        let e = "treasurer".parse::<BoardRole>().unwrap_err();
        assert!(e.fix.contains("lay member"), "{}", e.fix);
    }

    #[test]
    fn expertise_tags_are_tidied_and_each_kept_once() {
        assert_eq!(
            expertise_tags(" Health; education ,health,, "),
            vec!["Health".to_string(), "education".to_string()]
        );
    }

    #[test]
    fn money_is_read_in_pounds_and_kept_in_pence() {
        assert_eq!(parse_pounds("£12,500.5").ok(), Some(1_250_050));
        assert_eq!(parse_pounds("300").ok(), Some(30_000));
        assert!(parse_pounds("12.345").is_err());
        assert!(parse_pounds("-4").is_err());
        let c = Contribution {
            year: 2009,
            pence: 1_250_050,
        };
        assert_eq!(
            (c.year_label(), c.pounds()),
            ("2009-10".into(), "£12,500.50".into())
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
