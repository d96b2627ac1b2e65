//! Reading query parameters: each is taken as text and parsed here, so that a bad value is a
//! 400 problem naming the parameter and saying what would do, rather than axum's plain-text
//! rejection. The as-at date is read as on the pages, except that a future day is taken.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use domain::{Date, Moment};

use super::problem::ApiError;
use crate::view::today;

/// The default page size.
pub const DEFAULT_PER_PAGE: u32 = 50;
/// The largest page a caller may ask for.
pub const MAX_PER_PAGE: u32 = 200;
/// The highest page number accepted (a plan has far fewer actions than this).
pub const MAX_PAGE: u32 = 1_000_000;

/// The query string as name → value; a repeated name keeps its last value. Empty values count
/// as absent, as they do in the pages' filter forms.
#[derive(Debug, Default)]
pub struct Params(HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(map) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|e| {
                ApiError::parameter(
                    "query",
                    format!("The query string cannot be read ({e}); encode it as a form would."),
                )
            })?;
        Ok(Params(map.into_iter().collect()))
    }
}

impl Params {
    /// The trimmed value of `name`, if given and not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// The trimmed value of `name` whenever it is in the query, empty too: for a parameter whose
    /// documented values exclude the empty one (a date, a number, a choice), so that `?status=`
    /// is refused by name rather than read as absent.
    pub fn given(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|s| s.trim())
    }

    /// `?as_at=YYYY-MM-DD` (the day as known now) or `?as_recorded=YYYY-MM-DD` (what had
    /// been recorded by the end of the day): the moment, and whether it is other than today
    /// as of now. Present but empty is refused (the document says it is a date; leave it out
    /// for today), and so are both at once. A future day is taken, unlike on the pages: the
    /// plan as recorded now, judged on that day, says what will be overdue by then if nothing
    /// changes.
    pub fn moment(&self) -> Result<(Moment, bool), ApiError> {
        let today = today();
        let (name, as_recorded) = match (self.given("as_at"), self.given("as_recorded")) {
            // Each well formed, together not: 422, as the request itself is valid.
            (Some(_), Some(_)) => {
                return Err(ApiError::parameter_conflict(
                    "as_recorded",
                    "give as_at (the plan as of a day, as known now) or as_recorded (what had \
                     been recorded by the end of a day), not both"
                        .to_string(),
                ));
            }
            (None, Some(_)) => ("as_recorded", true),
            (Some(_), None) => ("as_at", false),
            (None, None) => return Ok((Moment::as_of(today), false)),
        };
        let s = self.given(name).unwrap_or_default();
        let d: Date = s.parse().map_err(|_| {
            ApiError::parameter(
                name,
                format!(
                    "{name} must be a date written YYYY-MM-DD, for example 2009-12-31 (leave it \
                     out for today); \"{s}\" is not one."
                ),
            )
        })?;
        Ok((
            Moment {
                day: d,
                as_recorded,
            },
            d != today || as_recorded,
        ))
    }

    /// `?as_at=YYYY-MM-DD`: the day, and whether it is another than today, for the routes
    /// whose records are dated and not read as recorded (risks, documents, indicators).
    pub fn as_at(&self) -> Result<(Date, bool), ApiError> {
        if self.given("as_recorded").is_some() {
            return Err(ApiError::parameter(
                "as_recorded",
                "as_recorded is for the plan and its progress; give as_at here".to_string(),
            ));
        }
        let (m, historic) = self.moment()?;
        Ok((m.day, historic))
    }

    /// `?page=`: 1 unless given.
    pub fn page(&self) -> Result<u32, ApiError> {
        self.whole("page", 1, MAX_PAGE, 1)
    }

    /// `?per_page=`: [`DEFAULT_PER_PAGE`] unless given, at most [`MAX_PER_PAGE`].
    pub fn per_page(&self) -> Result<u32, ApiError> {
        self.whole("per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE)
    }

    fn whole(&self, name: &str, min: u32, max: u32, default: u32) -> Result<u32, ApiError> {
        let Some(s) = self.given(name) else {
            return Ok(default);
        };
        s.parse::<u32>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                ApiError::parameter(
                    name,
                    format!("{name} must be a whole number from {min} to {max}; \"{s}\" is not."),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        Params(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn pages_default_to_the_first_fifty() {
        let p = params(&[]);
        assert_eq!(p.page().unwrap(), 1);
        assert_eq!(p.per_page().unwrap(), DEFAULT_PER_PAGE);
        assert!(params(&[("per_page", " ")]).per_page().is_err());
    }

    #[test]
    fn a_page_size_over_two_hundred_is_refused_by_name() {
        let e = params(&[("per_page", "201")]).per_page().unwrap_err();
        let p = e.problem();
        assert_eq!(p.status, 400);
        assert_eq!(p.parameter.as_deref(), Some("per_page"));
        assert!(p.detail.contains("from 1 to 200"), "{}", p.detail);
        assert!(params(&[("page", "0")]).page().is_err());
        assert!(params(&[("page", "-1")]).page().is_err());
        assert!(params(&[("page", "two")]).page().is_err());
    }

    #[test]
    fn as_recorded_is_read_and_refused_beside_as_at() {
        let (m, historic) = params(&[("as_recorded", "2009-07-15")]).moment().unwrap();
        assert_eq!(m, Moment::as_recorded("2009-07-15".parse().unwrap()));
        assert!(historic);
        let e = params(&[("as_recorded", "15/07/2009")])
            .moment()
            .unwrap_err();
        assert_eq!(e.problem().parameter.as_deref(), Some("as_recorded"));
        let e = params(&[("as_recorded", "2009-07-15")])
            .as_at()
            .unwrap_err();
        assert_eq!(e.problem().parameter.as_deref(), Some("as_recorded"));
        let e = params(&[("as_at", "2009-07-15"), ("as_recorded", "2009-07-15")])
            .moment()
            .unwrap_err();
        assert!(
            e.problem().detail.contains("not both"),
            "{}",
            e.problem().detail
        );
    }

    #[test]
    fn a_bad_or_empty_as_at_date_is_refused_by_name_and_a_future_one_taken() {
        let e = params(&[("as_at", "31/12/2009")]).as_at().unwrap_err();
        assert_eq!(e.problem().parameter.as_deref(), Some("as_at"));
        let e = params(&[("as_at", "")]).as_at().unwrap_err();
        assert_eq!(e.problem().parameter.as_deref(), Some("as_at"));
        let (d, other_day) = params(&[("as_at", "9999-01-01")]).as_at().unwrap();
        assert_eq!(d.to_string(), "9999-01-01");
        assert!(other_day);
        let (m, historic) = params(&[("as_at", "2009-12-31")]).moment().unwrap();
        assert_eq!(m, Moment::as_of("2009-12-31".parse().unwrap()));
        assert!(historic);
        assert!(!params(&[]).as_at().unwrap().1);
    }
}
