//! Signing in with an organisation's own identity provider: the rules, without the protocol.
//! The provider proves who someone is; Boardplan keeps what they may do. So a person is
//! matched to an account by an e-mail address the provider says it has verified, the account
//! must already exist and belong to a partnership, and nothing is ever created from a
//! provider's word. A partnership may also turn off password sign-in for its members.

use serde::{Deserialize, Serialize};

/// Why a sign-in through a provider is refused, as a person should be told it. The messages
/// name what to do; none says which accounts exist beyond what the person already proved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInRefusal {
    /// The provider gave no e-mail address.
    NoEmail,
    /// The provider did not say the address is verified.
    Unverified,
    /// No account has this address, or it has no partnership: nothing is created.
    UnknownEmail,
    /// The account was disabled by an administrator.
    Disabled,
}

impl SignInRefusal {
    pub fn heading(self) -> &'static str {
        match self {
            Self::NoEmail | Self::Unverified => "Your e-mail address could not be confirmed",
            Self::UnknownEmail => "There is no Boardplan account for you",
            Self::Disabled => "Your Boardplan account is disabled",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Self::NoEmail => {
                "Your organisation's sign-in service did not tell Boardplan your e-mail address, \
                 so Boardplan cannot tell which account is yours. Ask whoever runs Boardplan to \
                 let it read your e-mail address (the `email` scope)."
            }
            Self::Unverified => {
                "Your organisation's sign-in service did not confirm that your e-mail address \
                 has been verified, so Boardplan cannot rely on it. Ask your organisation's IT \
                 team to verify it, or sign in another way."
            }
            Self::UnknownEmail => {
                "You signed in with your organisation, but no board has given your e-mail \
                 address an account in Boardplan. Nothing has been created. Ask your board's \
                 business manager or administrator to add you, with the address your \
                 organisation uses."
            }
            Self::Disabled => {
                "An administrator has disabled your account. Ask your board's administrator \
                 if you think this is wrong."
            }
        }
    }
}

/// The e-mail address a provider's claims prove, or why they prove none: an address counts
/// only when the provider says, in the same token, that it is verified.
pub fn verified_email(
    email: Option<&str>,
    verified: Option<bool>,
) -> Result<String, SignInRefusal> {
    let email = email
        .map(str::trim)
        .filter(|e| e.contains('@'))
        .ok_or(SignInRefusal::NoEmail)?;
    if verified != Some(true) {
        return Err(SignInRefusal::Unverified);
    }
    Ok(email.to_lowercase())
}

/// Whether a partnership's members may sign in with a password. On unless the partnership
/// turned it off, for members who all sign in through their organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PasswordSignIn {
    #[default]
    On,
    Off,
}

impl PasswordSignIn {
    /// An account may use its password only if every partnership it belongs to allows it:
    /// a password session reaches all of them, so the strictest wins.
    pub fn for_account(settings: impl IntoIterator<Item = PasswordSignIn>) -> PasswordSignIn {
        if settings.into_iter().any(|s| s == PasswordSignIn::Off) {
            PasswordSignIn::Off
        } else {
            PasswordSignIn::On
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::On => "on",
            Self::Off => "off",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_counts_only_when_the_provider_says_it_is_verified() {
        assert_eq!(
            verified_email(Some(" Lead@Kingston.test "), Some(true)),
            Ok("lead@kingston.test".into())
        );
        assert_eq!(
            verified_email(Some("lead@kingston.test"), Some(false)),
            Err(SignInRefusal::Unverified)
        );
        assert_eq!(
            verified_email(Some("lead@kingston.test"), None),
            Err(SignInRefusal::Unverified)
        );
        assert_eq!(
            verified_email(None, Some(true)),
            Err(SignInRefusal::NoEmail)
        );
        assert_eq!(
            verified_email(Some("not an address"), Some(true)),
            Err(SignInRefusal::NoEmail)
        );
    }

    #[test]
    fn one_partnership_turning_passwords_off_turns_them_off_for_its_members() {
        use PasswordSignIn::*;
        assert_eq!(PasswordSignIn::for_account([]), On);
        assert_eq!(PasswordSignIn::for_account([On, On]), On);
        assert_eq!(PasswordSignIn::for_account([On, Off]), Off);
    }
}
