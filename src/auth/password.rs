//! Passwords: at least 12 characters, hashed with Argon2id. Verification takes the same time
//! whether or not the account exists: a missing account is checked against a dummy hash.
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 1024;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("passwords must be at least {MIN_CHARS} characters long")]
    TooShort,
    #[error("passwords may be at most {MAX_CHARS} characters long")]
    TooLong,
    #[error("Argon2 parameters: {0}")]
    Params(String),
    #[error("hashing failed: {0}")]
    Hash(String),
}

/// A password that meets the length rule. Its `Debug` never shows it.
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(..)")
    }
}

impl Password {
    pub fn parse(raw: &str) -> Result<Password, PasswordError> {
        let n = raw.chars().count();
        if n < MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        if n > MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        Ok(Password(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Hashes new passwords with the configured cost and verifies stored hashes (each with the
/// parameters it was made with).
pub struct Hasher {
    params: Params,
    dummy: String,
    /// Argon2 verifications run, the dummy ones included (the `password_verifications_total`
    /// metric): an unknown account must cost one as a wrong password does.
    verifications: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Hasher(m={}, t={}, p={})", self.params.m_cost(), self.params.t_cost(), self.params.p_cost())
    }
}

impl Hasher {
    /// Argon2id with `memory_kib` KiB, `iterations` passes and one lane. Makes the dummy hash
    /// at once, so it costs one hash at start.
    pub fn new(memory_kib: u32, iterations: u32) -> Result<Hasher, PasswordError> {
        let params = Params::new(memory_kib, iterations, 1, None).map_err(|e| PasswordError::Params(e.to_string()))?;
        let mut h = Hasher { params, dummy: String::new(), verifications: std::sync::atomic::AtomicU64::new(0) };
        let mut random = [0u8; 24];
        rand::rng().fill_bytes(&mut random);
        h.dummy = h.hash_str(&hex::encode(random))?;
        Ok(h)
    }

    fn argon(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    fn hash_str(&self, password: &str) -> Result<String, PasswordError> {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|e| PasswordError::Hash(e.to_string()))?;
        self.argon()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| PasswordError::Hash(e.to_string()))
    }

    /// A PHC string (`$argon2id$v=19$m=...,t=...,p=1$salt$hash`).
    pub fn hash(&self, password: &Password) -> Result<String, PasswordError> {
        self.hash_str(password.as_str())
    }

    /// Whether `password` matches `stored`; with no stored hash (no such account) the dummy hash
    /// is checked instead, and the answer is false.
    pub fn verify(&self, password: &str, stored: Option<&str>) -> bool {
        let (phc, real) = match stored {
            Some(s) => (s, true),
            None => (self.dummy.as_str(), false),
        };
        let Ok(parsed) = PasswordHash::new(phc) else {
            // A corrupt stored hash: still spend the time, then refuse.
            let _ = self.verify(password, None);
            return false;
        };
        let ok = self.argon().verify_password(password.as_bytes(), &parsed).is_ok();
        self.verifications.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        ok && real
    }

    /// Verifications run so far.
    pub fn verifications(&self) -> u64 {
        self.verifications.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused() {
        assert!(matches!(Password::parse("elevenchars"), Err(PasswordError::TooShort)));
        assert!(Password::parse("twelve chars").is_ok());
        assert!(!format!("{:?}", Password::parse("twelve chars").unwrap()).contains("twelve"));
    }

    #[test]
    fn hashes_are_argon2id_with_the_configured_cost_and_verify() {
        let h = Hasher::new(64, 2).unwrap();
        let phc = h.hash(&Password::parse("correct horse battery").unwrap()).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=64,t=2,p=1$"), "{phc}");
        assert!(h.verify("correct horse battery", Some(&phc)));
        assert!(!h.verify("wrong horse battery", Some(&phc)));
        assert!(!h.verify("correct horse battery", None));
        assert!(!h.verify("correct horse battery", Some("garbage")));
    }

    #[test]
    fn the_default_cost_meets_the_minimum() {
        let s = crate::config::ConsoleSettings::default();
        assert!(s.argon2_memory_kib >= 19 * 1024);
        assert!(s.argon2_iterations >= 2);
    }
}
