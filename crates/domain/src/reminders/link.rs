//! The one-click unsubscribe link's token: which partnership, account and kind it turns off,
//! signed with HMAC-SHA256 under the server's secret, so that nobody can make a link that
//! turns off someone else's reminders. `P.A.KIND.SIGNATURE`, all URL-safe.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::ReminderKind;

type HmacSha256 = Hmac<Sha256>;

/// What an unsubscribe link turns off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsubscribe {
    pub partnership_id: i64,
    pub account_id: i64,
    pub kind: ReminderKind,
}

fn mac(secret: &[u8], u: &Unsubscribe) -> HmacSha256 {
    // HMAC takes a key of any length: the error cannot happen.
    let mut mac = HmacSha256::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
    mac.update(
        format!(
            "boardplan-unsubscribe\n{}\n{}\n{}",
            u.partnership_id,
            u.account_id,
            u.kind.as_str()
        )
        .as_bytes(),
    );
    mac
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

impl Unsubscribe {
    /// The signed token for the link.
    pub fn sign(&self, secret: &[u8]) -> String {
        let sig = mac(secret, self).finalize().into_bytes();
        format!(
            "{}.{}.{}.{}",
            self.partnership_id,
            self.account_id,
            self.kind.as_str(),
            hex(&sig)
        )
    }

    /// The token's meaning, if its signature is good (compared in constant time).
    pub fn verify(token: &str, secret: &[u8]) -> Option<Self> {
        let mut parts = token.split('.');
        let (p, a, k, sig) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let u = Self {
            partnership_id: p.parse().ok()?,
            account_id: a.parse().ok()?,
            kind: ReminderKind::parse(k)?,
        };
        mac(secret, &u).verify_slice(&unhex(sig)?).ok()?;
        Some(u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_token_verifies_and_any_change_to_it_does_not() {
        let u = Unsubscribe {
            partnership_id: 1,
            account_id: 7,
            kind: ReminderKind::Overdue,
        };
        let token = u.sign(b"server secret");
        assert_eq!(Unsubscribe::verify(&token, b"server secret"), Some(u));
        assert_eq!(Unsubscribe::verify(&token, b"another secret"), None);
        let forged = token.replacen("1.7.", "1.8.", 1);
        assert_eq!(Unsubscribe::verify(&forged, b"server secret"), None);
        let other_kind = token.replace("overdue", "due_soon");
        assert_eq!(Unsubscribe::verify(&other_kind, b"server secret"), None);
        assert_eq!(
            Unsubscribe::verify("1.7.overdue.zz", b"server secret"),
            None
        );
        assert_eq!(Unsubscribe::verify("", b"server secret"), None);
    }
}
