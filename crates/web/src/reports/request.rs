//! Reading the reports form (`?report=&as_at=&format=`, and for the assurance reports
//! `&audit=` or `&cycle=`): each field checked on its own, so that every mistake is named at
//! once beside its field, with the fix.

use domain::Date;
use reports::{Format, ReportKind};
use serde::Deserialize;

/// The form as sent; every field optional so that a missing one is an error a person can
/// read, not a rejection.
#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    #[serde(default)]
    pub report: Option<String>,
    #[serde(default)]
    pub as_at: Option<String>,
    /// Ticked: only what had been recorded by the end of the day (the paper the board saw,
    /// the same however often it is made again), not the day as known now.
    #[serde(default)]
    pub recorded: Option<String>,
    #[serde(default)]
    pub format: Option<String>,
    /// Set on the HTML view's own link: the standalone HTML file rather than the page.
    #[serde(default)]
    pub download: Option<String>,
    /// The audit report's audit, by its number.
    #[serde(default)]
    pub audit: Option<String>,
    /// The Section 11 summary's cycle (a year); blank for the latest.
    #[serde(default)]
    pub cycle: Option<String>,
    /// Attendance: the period (`governance`).
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// A meeting's pack or minutes: the meeting's id (`governance`).
    #[serde(default)]
    pub meeting: Option<String>,
}

/// A report someone may have: which, as at when, in what format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportRequest {
    pub kind: ReportKind,
    pub as_at: Date,
    /// Read as recorded by the end of `as_at`, not as of it.
    pub as_recorded: bool,
    pub format: Format,
    /// The audit report's audit.
    pub audit: Option<i64>,
    /// The Section 11 summary's cycle; none for the latest by the date.
    pub cycle: Option<i32>,
}

/// The form's fields: the ids the error summary links to.
pub const REPORT_FIELD: &str = "report";
pub const DATE_FIELD: &str = "report-as-at";
pub const FORMAT_FIELD: &str = "format";
pub const AUDIT_FIELD: &str = "report-audit";
pub const CYCLE_FIELD: &str = "report-cycle";

/// (field id, message) for each mistake.
pub type FieldErrors = Vec<(&'static str, String)>;

/// Check the form against `today` (no report speaks for a day that has not happened yet).
pub fn parse(q: &ReportQuery, today: Date) -> Result<ReportRequest, FieldErrors> {
    let mut errors = Vec::new();
    let kind = match blank_to_none(&q.report) {
        None => {
            errors.push((REPORT_FIELD, "Choose which report to produce".to_owned()));
            None
        }
        Some(s) => s.parse::<ReportKind>().map_or_else(
            |_| {
                errors.push((
                    REPORT_FIELD,
                    format!(
                        "\"{s}\" is not a report Boardplan makes: choose one of the reports listed"
                    ),
                ));
                None
            },
            Some,
        ),
    };
    let as_at = match blank_to_none(&q.as_at) {
        None => Some(today),
        Some(s) => match s.parse::<Date>() {
            Err(_) => {
                errors.push((
                    DATE_FIELD,
                    format!(
                        "\"{s}\" is not a date: enter it as YYYY-MM-DD, for example 2010-03-31"
                    ),
                ));
                None
            }
            Ok(d) if d > today => {
                errors.push((
                    DATE_FIELD,
                    format!("{d} is in the future: enter today's date or an earlier one"),
                ));
                None
            }
            Ok(d) => Some(d),
        },
    };
    let format = match blank_to_none(&q.format) {
        None => {
            errors.push((FORMAT_FIELD, "Choose a file format".to_owned()));
            None
        }
        Some(s) => {
            match s.parse::<Format>() {
                Err(_) => {
                    errors.push((
                    FORMAT_FIELD,
                    format!("\"{s}\" is not a format Boardplan makes: choose one of the formats listed"),
                ));
                    None
                }
                Ok(Format::Pdf) if !cfg!(feature = "pdf") => {
                    errors.push((
                    FORMAT_FIELD,
                    "This server was built without PDF: choose DOCX or ODT, which print the same way".to_owned(),
                ));
                    None
                }
                Ok(f) => Some(f),
            }
        }
    };
    let audit = match blank_to_none(&q.audit) {
        None => {
            if kind == Some(ReportKind::Audit) {
                errors.push((
                    AUDIT_FIELD,
                    "Enter the audit's number: the audit report is about one audit (the audit programme lists the numbers)".to_owned(),
                ));
            }
            None
        }
        Some(s) => match s.trim_start_matches('#').parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                errors.push((
                    AUDIT_FIELD,
                    format!(
                        "\"{s}\" is not an audit's number: enter a whole number, for example 3"
                    ),
                ));
                None
            }
        },
    };
    let cycle = match blank_to_none(&q.cycle) {
        None => None,
        Some(s) => match s.parse::<i32>() {
            Ok(y) if (1990..=2100).contains(&y) => Some(y),
            _ => {
                errors.push((
                    CYCLE_FIELD,
                    format!("\"{s}\" is not a cycle's year: enter it as 2010, or leave it blank for the latest"),
                ));
                None
            }
        },
    };
    match (kind, as_at, format) {
        (Some(kind), Some(as_at), Some(format)) if errors.is_empty() => Ok(ReportRequest {
            kind,
            as_at,
            as_recorded: q.recorded.as_deref().is_some_and(|r| !r.trim().is_empty()),
            format,
            // Each says what its own report is about, and nothing for the others.
            audit: audit.filter(|_| kind == ReportKind::Audit),
            cycle: cycle.filter(|_| kind == ReportKind::Section11),
        }),
        _ => Err(errors),
    }
}

fn blank_to_none(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The file's name: `kingston-lscb-board-paper-2010-03-31.pdf`.
pub fn file_name(slug: &str, r: &ReportRequest) -> String {
    format!(
        "{slug}-{}{}-{}.{}",
        r.kind.slug(),
        about(r),
        r.as_at,
        r.format.extension()
    )
}

/// "-3" for audit 3, "-2010" for the 2010 cycle, else nothing.
fn about(r: &ReportRequest) -> String {
    match (r.audit, r.cycle) {
        (Some(a), _) => format!("-{a}"),
        (None, Some(c)) => format!("-{c}"),
        (None, None) => String::new(),
    }
}

/// The query that asks for `r` again (in `format`), for links.
pub fn query(r: &ReportRequest, format: Format) -> String {
    let mut q = format!(
        "?report={}&as_at={}&format={}",
        r.kind.slug(),
        r.as_at,
        format.extension()
    );
    if r.as_recorded {
        q.push_str("&recorded=yes");
    }
    if let Some(a) = r.audit {
        q.push_str(&format!("&audit={a}"));
    }
    if let Some(c) = r.cycle {
        q.push_str(&format!("&cycle={c}"));
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(report: &str, as_at: &str, format: &str) -> ReportQuery {
        ReportQuery {
            report: Some(report.into()),
            as_at: Some(as_at.into()),
            format: Some(format.into()),
            download: None,
            audit: None,
            cycle: None,
            ..ReportQuery::default()
        }
    }

    const TODAY: Date = jiff::civil::date(2026, 11, 26);

    #[test]
    fn a_complete_form_is_a_request_and_names_its_file() {
        let r = parse(&q("board-paper", "2010-03-31", "pdf"), TODAY).unwrap();
        assert_eq!(r.kind, ReportKind::BoardPaper);
        assert_eq!(
            file_name("kingston-lscb", &r),
            "kingston-lscb-board-paper-2010-03-31.pdf"
        );
    }

    #[test]
    fn a_blank_date_means_today() {
        let r = parse(&q("annual", " ", "csv"), TODAY).unwrap();
        assert_eq!(r.as_at, TODAY);
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let errors = parse(&q("memo", "31/03/2010", "wpd"), TODAY).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, [REPORT_FIELD, DATE_FIELD, FORMAT_FIELD]);
        assert!(errors[1].1.contains("YYYY-MM-DD"));
    }

    #[test]
    fn the_audit_report_needs_its_audit_and_names_it_in_the_file() {
        let errors = parse(&q("audit", "2010-03-31", "pdf"), TODAY).unwrap_err();
        assert_eq!(errors[0].0, AUDIT_FIELD);
        let mut asked = q("audit", "2010-03-31", "pdf");
        asked.audit = Some("x3".into());
        assert!(
            parse(&asked, TODAY).unwrap_err()[0]
                .1
                .contains("whole number")
        );
        asked.audit = Some("3".into());
        let r = parse(&asked, TODAY).unwrap();
        assert_eq!(
            file_name("kingston-lscb", &r),
            "kingston-lscb-audit-3-2010-03-31.pdf"
        );
        assert!(query(&r, Format::Html).ends_with("&audit=3"));
        let mut s11 = q("section11", "2010-03-31", "ods");
        s11.cycle = Some("2010".into());
        s11.audit = Some("3".into());
        let r = parse(&s11, TODAY).unwrap();
        assert_eq!((r.cycle, r.audit), (Some(2010), None));
    }

    #[test]
    fn a_future_date_is_refused() {
        let errors = parse(&q("annual", "2030-01-01", "csv"), TODAY).unwrap_err();
        assert_eq!(errors[0].0, DATE_FIELD);
    }
}
