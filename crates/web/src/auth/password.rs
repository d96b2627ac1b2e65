//! Passwords: argon2id hashes in PHC form, and the rule a new password must meet.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// The shortest password accepted. Length beats complexity rules (NCSC guidance).
pub const MIN_LENGTH: usize = 12;
/// Longer input is refused so that hashing cost stays bounded.
pub const MAX_LENGTH: usize = 256;

/// Why a new password was refused, in words for the person choosing it.
pub fn check(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < MIN_LENGTH {
        return Err(format!(
            "Password must be at least {MIN_LENGTH} characters long"
        ));
    }
    if n > MAX_LENGTH {
        return Err(format!("Password must be {MAX_LENGTH} characters or fewer"));
    }
    Ok(())
}

/// Hash a password with argon2id and a fresh random salt.
pub fn hash(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| format!("the password could not be hashed: {e}"))
}

/// Whether `password` matches the stored PHC `hash`. A malformed hash never matches.
pub fn verify(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// A real hash of a password nobody has, verified when the email is unknown so that a
/// wrong address takes as long as a wrong password (no account enumeration by timing).
pub fn dummy_verify(password: &str) {
    static DUMMY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        hash("not a real password, only for timing").unwrap_or_default()
    });
    let _ = verify(password, &DUMMY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_and_no_other() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("correct horse battery", &h));
        assert!(!verify("correct horse battere", &h));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn short_and_overlong_passwords_are_refused() {
        assert!(check("short").unwrap_err().contains("at least 12"));
        assert!(check(&"x".repeat(300)).is_err());
        assert!(check("a long enough passphrase").is_ok());
    }
}
