//! Passwords: argon2id hashes in PHC form, and the rule a new password must meet.
//!
//! Argon2 is slow on purpose (tens of milliseconds of one core): a server hashes through a
//! [`Hasher`], which runs it on tokio's blocking threads, a few at a time, so that a burst of
//! sign-ins queues there instead of stalling every page on the async workers.

use std::sync::Arc;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use tokio::sync::Semaphore;

use crate::error::AppError;

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

/// Runs argon2 off the async workers, at most a fixed number at once. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Hasher {
    permits: Arc<Semaphore>,
}

impl Hasher {
    /// At most `at_once` hashes at a time (at least one).
    pub fn new(at_once: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(at_once.max(1))),
        }
    }

    /// As many at once as this machine has cores: more would only slow each one down.
    pub fn for_this_machine() -> Self {
        Self::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }

    /// Run `work` on a blocking thread once a permit is free.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| AppError::Internal("the password hasher was closed".into()))?;
        // The permit goes with the work: a request dropped mid-hash (its client gone) must
        // not free a slot while argon2 still runs.
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
    }

    /// [`verify`], off the async workers.
    pub async fn verify(&self, password: &str, hash: &str) -> Result<bool, AppError> {
        let (password, hash) = (password.to_owned(), hash.to_owned());
        self.run(move || verify(&password, &hash)).await
    }

    /// [`dummy_verify`], off the async workers.
    pub async fn dummy_verify(&self, password: &str) -> Result<(), AppError> {
        let password = password.to_owned();
        self.run(move || dummy_verify(&password)).await
    }

    /// [`hash`], off the async workers.
    pub async fn hash(&self, password: &str) -> Result<String, AppError> {
        let password = password.to_owned();
        self.run(move || hash(&password))
            .await?
            .map_err(AppError::Internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

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

    /// On a single-threaded runtime, another task still runs while a password is checked.
    #[tokio::test(flavor = "current_thread")]
    async fn checking_a_password_leaves_the_async_thread_free() {
        let h = hash("correct horse battery").unwrap();
        let ticks = Arc::new(AtomicUsize::new(0));
        let ticker = tokio::spawn({
            let ticks = ticks.clone();
            async move {
                loop {
                    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                    ticks.fetch_add(1, Ordering::SeqCst);
                }
            }
        });
        let hasher = Hasher::new(1);
        for _ in 0..3 {
            assert!(hasher.verify("correct horse battery", &h).await.unwrap());
        }
        ticker.abort();
        assert!(ticks.load(Ordering::SeqCst) > 0, "the ticker never ran");
    }

    #[tokio::test]
    async fn no_more_than_the_permitted_number_run_at_once() {
        let hasher = Hasher::new(2);
        let (running, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let jobs: Vec<_> = (0..6)
            .map(|_| {
                let (hasher, running, most) = (hasher.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    hasher
                        .run(move || {
                            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(now, Ordering::SeqCst);
                            std::thread::sleep(std::time::Duration::from_millis(30));
                            running.fetch_sub(1, Ordering::SeqCst);
                        })
                        .await
                        .unwrap();
                })
            })
            .collect();
        for job in jobs {
            job.await.unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }
}
