//! The two identifiers every value carries: which indicator, and which area (or agency).
//!
//! Both are cheap to clone (a shared `Arc<str>`), because one import can produce a hundred
//! thousand values that all name the same few hundred codes. Both validate on construction and
//! compare, hash and borrow as plain `str`, so maps keyed by them can be queried with `&str`.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Why a code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a usable {what} code: {reason}")]
pub struct CodeError {
    pub text: String,
    pub what: &'static str,
    pub reason: &'static str,
}

const MAX_LEN: usize = 64;

fn check(text: &str, what: &'static str, allowed: fn(char) -> bool) -> Result<(), CodeError> {
    let fail = |reason| CodeError {
        text: text.to_owned(),
        what,
        reason,
    };
    if text.trim().is_empty() {
        return Err(fail("it is empty"));
    }
    if text.trim() != text {
        return Err(fail("it has spaces at the start or end"));
    }
    if text.chars().count() > MAX_LEN {
        return Err(fail("it is longer than 64 characters"));
    }
    if !text.chars().all(allowed) {
        return Err(fail(
            "it has a character other than letters, digits, spaces and . _ - / +",
        ));
    }
    Ok(())
}

fn code_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '.' | '_' | '-' | '/' | '+')
}

/// An indicator's code: `cin-rate`, `NI65`, or a partnership's own.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "Arc<str>")]
pub struct IndicatorCode(Arc<str>);

impl IndicatorCode {
    pub fn new(text: &str) -> Result<Self, CodeError> {
        check(text, "indicator", code_char)?;
        Ok(Self(Arc::from(text)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An area's code: a GSS code (`E09000021` Kingston upon Thames, `E12000007` London,
/// `E92000001` England), a joint reporting unit DfE uses (`E06000061 / E06000062`), or a local
/// code for an agency when a partnership records its own measures per agency.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "Arc<str>")]
pub struct AreaCode(Arc<str>);

impl AreaCode {
    pub fn new(text: &str) -> Result<Self, CodeError> {
        check(text, "area", code_char)?;
        Ok(Self(Arc::from(text)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! str_like {
    ($name:ident) => {
        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&*self.0, f)
            }
        }

        impl TryFrom<String> for $name {
            type Error = CodeError;

            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::new(&text)
            }
        }

        impl From<$name> for Arc<str> {
            fn from(code: $name) -> Self {
                code.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }
    };
}

str_like!(IndicatorCode);
str_like!(AreaCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gss_codes_and_dfe_joint_codes_are_area_codes() {
        assert_eq!(AreaCode::new("E09000021").unwrap(), "E09000021");
        assert!(AreaCode::new("E06000061 / E06000062").is_ok());
    }

    #[test]
    fn an_empty_or_padded_code_is_refused_with_a_reason() {
        assert_eq!(IndicatorCode::new(" ").unwrap_err().reason, "it is empty");
        assert!(IndicatorCode::new(" NI65").is_err());
        assert!(IndicatorCode::new("cin<rate>").is_err());
    }

    #[test]
    fn a_code_serialises_as_its_text_and_is_checked_when_read() {
        let code = IndicatorCode::new("NI65").unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"NI65\"");
        assert!(serde_json::from_str::<IndicatorCode>("\"\"").is_err());
    }
}
