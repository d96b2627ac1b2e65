//! The audit programme and case-file audits: what an audit is ([`Audit`]: its year, theme,
//! kind, why it was chosen, lead, dates and status), the cases it samples ([`Case`], named by
//! a pseudonymous reference only, see [`reference`]) with a grade per practice area on the
//! audit's scale, its recommendations, and what its grades add up to ([`summary`]).

pub mod kind;
pub mod reference;
pub mod summary;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use kind::{AuditKind, AuditStatus, Reason};
pub use reference::check_reference;
pub use summary::{AreaChange, Summary, Tally, summarise};

use crate::progress::InvalidValue;

/// The scale a partnership grades practice on unless it chooses its own, best first.
pub const DEFAULT_SCALE: [&str; 4] = ["outstanding", "good", "requires improvement", "inadequate"];

/// The practice areas a case-file audit grades unless it names its own.
pub const DEFAULT_AREAS: [&str; 5] = [
    "Assessment",
    "Planning",
    "Multi-agency working",
    "Voice of the child",
    "Management oversight",
];

/// The longest theme, lead, practice area or grade kept.
pub const MAX_SHORT_TEXT: usize = 200;
/// The longest strengths, findings or recommendation text kept.
pub const MAX_LONG_TEXT: usize = 4000;

/// One audit of the programme, as planned or done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audit {
    /// The year of the programme it belongs to (the financial year starting then).
    pub year: i32,
    pub theme: String,
    pub kind: AuditKind,
    /// Who leads it: a role or a sub-group, as the board names it.
    pub lead: Option<String>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub status: AuditStatus,
    /// Why it was chosen.
    #[serde(default)]
    pub reasons: Vec<Reason>,
    /// The practice areas each case is graded on, in the order they are shown.
    pub areas: Vec<String>,
    /// The grades, best first.
    pub scale: Vec<String>,
    /// When the theme is to be audited again.
    pub reaudit_on: Option<Date>,
}

impl Audit {
    /// The rules an audit keeps whatever else is stored; the problem names the field.
    pub fn check(&self) -> Result<(), (&'static str, InvalidValue)> {
        let bad = |field, problem: String, fix: &str| {
            Err((
                field,
                InvalidValue {
                    problem,
                    fix: fix.into(),
                },
            ))
        };
        if !(1990..=2100).contains(&self.year) {
            return bad(
                "year",
                format!("{} is not a year of the programme.", self.year),
                "Give the year it starts, e.g. 2009 for 2009-10.",
            );
        }
        if self.theme.trim().is_empty() || self.theme.chars().count() > MAX_SHORT_TEXT {
            return bad(
                "theme",
                "an audit needs a theme of 1 to 200 characters.".into(),
                "Say what it looks at, e.g. \"Neglect\".",
            );
        }
        if let (Some(s), Some(e)) = (self.starts_on, self.ends_on)
            && e < s
        {
            return bad(
                "ends_on",
                "the audit ends before it starts.".into(),
                "Check the two dates.",
            );
        }
        if self.scale.len() < 2 || has_repeats(&self.scale) {
            return bad(
                "scale",
                "a scale needs at least two different grades.".into(),
                "List them best first: \"outstanding, good, requires improvement, inadequate\".",
            );
        }
        if has_repeats(&self.areas) {
            return bad(
                "areas",
                "a practice area is listed twice.".into(),
                "Name each area once.",
            );
        }
        let long = |v: &String| v.trim().is_empty() || v.chars().count() > MAX_SHORT_TEXT;
        if self.areas.iter().chain(&self.scale).any(long) {
            return bad(
                "areas",
                "a practice area or grade is empty or longer than 200 characters.".into(),
                "Shorten it.",
            );
        }
        Ok(())
    }
}

fn has_repeats(items: &[String]) -> bool {
    let mut seen: Vec<String> = items.iter().map(|i| i.trim().to_lowercase()).collect();
    seen.sort_unstable();
    seen.windows(2).any(|w| w[0] == w[1])
}

/// One case of a case-file audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// The pseudonymous reference, never a name, date or address.
    pub reference: String,
    /// The agencies involved, by the names the board gives them.
    pub agencies: Vec<String>,
    /// (practice area, grade), one per area graded.
    pub grades: Vec<(String, String)>,
    pub strengths: Option<String>,
    pub findings: Option<String>,
}

impl Case {
    /// The rules a case keeps against its audit's areas and scale; the problem names the
    /// field. Areas and grades are matched case aside and given back as the audit spells them.
    pub fn checked(mut self, audit: &Audit) -> Result<Case, (&'static str, InvalidValue)> {
        let bad = |field, problem: String, fix: String| Err((field, InvalidValue { problem, fix }));
        self.reference = self.reference.trim().to_string();
        check_reference(&self.reference).map_err(|e| ("reference", e))?;
        if self.agencies.is_empty() {
            return bad(
                "agencies",
                "a case needs the agencies involved.".into(),
                "Name at least one agency.".into(),
            );
        }
        let find = |list: &[String], v: &str| {
            list.iter()
                .find(|x| x.eq_ignore_ascii_case(v.trim()))
                .cloned()
        };
        let mut grades = Vec::with_capacity(self.grades.len());
        for (area, grade) in &self.grades {
            let Some(a) = find(&audit.areas, area) else {
                return bad(
                    "grades",
                    format!("\"{area}\" is not a practice area of this audit."),
                    format!("Use one of: {}.", audit.areas.join(", ")),
                );
            };
            let Some(g) = find(&audit.scale, grade) else {
                return bad(
                    "grades",
                    format!("\"{grade}\" is not a grade on this audit's scale."),
                    format!("Use one of: {}.", audit.scale.join(", ")),
                );
            };
            if grades.iter().any(|(x, _): &(String, String)| *x == a) {
                return bad(
                    "grades",
                    format!("\"{a}\" is graded twice."),
                    "Give one grade per practice area.".into(),
                );
            }
            grades.push((a, g));
        }
        self.grades = grades;
        let tidy = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        self.strengths = tidy(self.strengths);
        self.findings = tidy(self.findings);
        let long = |v: &Option<String>| {
            v.as_ref()
                .is_some_and(|s| s.chars().count() > MAX_LONG_TEXT)
        };
        if long(&self.strengths) || long(&self.findings) {
            return bad(
                "findings",
                format!("strengths and findings are kept to {MAX_LONG_TEXT} characters each."),
                "Shorten them.".into(),
            );
        }
        Ok(self)
    }
}

/// A recommendation of an audit, and the plan action that answers it (by the plan's title
/// and the action's number, so the link outlives plan versions, as review trace links do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecommendation {
    pub text: String,
    pub plan: Option<String>,
    pub action: Option<String>,
}
