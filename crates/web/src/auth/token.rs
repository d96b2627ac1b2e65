//! Random tokens (sessions, CSRF, API) and the hashes the database keeps instead of them.

use sha2::{Digest, Sha256};

/// 256 random bits as hex.
pub fn random() -> String {
    let mut bytes = [0u8; 32];
    // The operating system's generator failing leaves no safe way on: refuse to continue.
    if let Err(e) = getrandom::fill(&mut bytes) {
        panic!("the operating system's random number generator failed: {e}");
    }
    hex::encode(bytes)
}

/// What the database stores for a token: a stolen database row cannot be replayed.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compare secrets without leaking, by timing, how much of them matched.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_different() {
        let (a, b) = (random(), random());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(hash(&a), a);
    }

    #[test]
    fn secrets_compare_equal_only_when_identical() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }
}
